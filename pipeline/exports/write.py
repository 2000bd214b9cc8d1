"""``coprod export --format qdpx|qdc``: the latest run (or a given one) as REFI-QDA files."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CoprodError
from pipeline.exports.refi_qda import write_codebook, write_project
from pipeline.exports.run_data import read_run
from pipeline.store.connect import connect_readonly
from pipeline.store.reader import latest_run_id

FORMATS = ("qdpx", "qdc")


def export_run(db_path: str | Path, folder: str | Path, fmt: str, run_id: str | None = None) -> Path:
    """Write the run as ``<corpus>-<run>.qdpx`` (whole project) or ``.qdc`` (codebook) into
    ``folder``; returns the file's path."""
    if fmt not in FORMATS:
        raise CoprodError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    con = connect_readonly(db_path)
    try:
        run_id = run_id or latest_run_id(con, str(db_path))
        if not con.execute("SELECT count(*) FROM runs WHERE run_id = ? AND status = 'succeeded'",
                           [run_id]).fetchone()[0]:
            raise CoprodError(f"{run_id} is not a succeeded run of {db_path}; `coprod runs` lists them")
        data = read_run(con, run_id, with_sources=fmt == "qdpx")
    finally:
        con.close()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{Path(data.corpus).stem}-{run_id}.{fmt}"  # a JSONL corpus: its name without .jsonl
    partial = path.with_name(path.name + ".partial")  # a reader never sees half a file
    (write_project if fmt == "qdpx" else write_codebook)(data, partial)
    partial.replace(path)
    return path
