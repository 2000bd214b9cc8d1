"""``coprod export --format qdpx|qdc|ris|bibtex|csl-json``: the latest run (or a given one) as
REFI-QDA files, or its documents (of one theme, or all) as references."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CoprodError
from pipeline.exports import references
from pipeline.exports.refi_qda import write_codebook, write_project
from pipeline.exports.run_data import read_run
from pipeline.store.connect import connect_readonly
from pipeline.store.reader import latest_run_id

FORMATS = ("qdpx", "qdc", *references.FORMATS)


def export_run(db_path: str | Path, folder: str | Path, fmt: str, run_id: str | None = None,
               theme_id: int | None = None) -> Path:
    """Write the run as ``<corpus>-<run>.qdpx`` (whole project) or ``.qdc`` (codebook), or its
    documents (those of ``theme_id``, or all) as ``.ris``, ``.bib`` or ``.json`` (CSL-JSON),
    into ``folder``; returns the file's path."""
    if fmt not in FORMATS:
        raise CoprodError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    con = connect_readonly(db_path)
    try:
        run_id = run_id or latest_run_id(con, str(db_path))
        if not con.execute("SELECT count(*) FROM runs WHERE run_id = ? AND status = 'succeeded'",
                           [run_id]).fetchone()[0]:
            raise CoprodError(f"{run_id} is not a succeeded run of {db_path}; `coprod runs` lists them")
        corpus = con.execute("SELECT corpus FROM runs WHERE run_id = ?", [run_id]).fetchone()[0]
        if theme_id is not None and not con.execute("SELECT count(*) FROM themes WHERE run_id = ? AND theme_id = ?",
                                                    [run_id, theme_id]).fetchone()[0]:
            raise CoprodError(f"theme {theme_id} is not a theme of {run_id}; `coprod themes` lists them")
        if fmt in references.FORMATS:
            text = references.render(references.read_references(con, run_id, theme_id), fmt)
        else:
            data = read_run(con, run_id, with_sources=fmt == "qdpx")
    finally:
        con.close()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{Path(corpus).stem}-{run_id}" + (f"-theme-{theme_id}" if theme_id is not None else "")
    path = folder / f"{stem}.{references.FORMATS.get(fmt, fmt)}"  # a JSONL corpus: its name without .jsonl
    partial = path.with_name(path.name + ".partial")  # a reader never sees half a file
    if fmt in references.FORMATS:
        partial.write_text(text, encoding="utf-8")
    else:
        (write_project if fmt == "qdpx" else write_codebook)(data, partial)
    partial.replace(path)
    return path
