"""What a refresh leaves on its Prefect flow run: a Markdown summary, a table of themes and
links to the report and the database, as artifacts with stable keys, so the Prefect UI shows
them on the run and its Artifacts page keeps each key's history across refreshes.

Keys are ``coprod-<corpus>-summary``, ``-themes``, ``-report`` and ``-database``; a key may
hold only lower-case letters, digits and dashes.
"""

from __future__ import annotations

import re
from pathlib import Path

from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from pipeline.refresh import RefreshResult


def artifact_key(corpus: str, what: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", Path(corpus).stem.lower()).strip("-") or "corpus"
    return f"coprod-{slug}-{what}"


def summary_markdown(result: RefreshResult) -> str:
    changes = result.document_changes
    lines = [f"# coprod refresh {result.run_id}", "",
             f"- documents: {result.n_documents} ({changes.get('new', 0)} new, {changes.get('changed', 0)} changed, "
             f"{changes.get('retired', 0)} retired), not used: {len(result.errors)}",
             f"- passages: {result.n_passages}, modelled: {result.n_modelled}; embedded now: "
             f"{result.embeddings_computed}, reused: {result.embeddings_reused}",
             f"- themes: {len(result.themes.themes)}, sub-themes: {len(result.themes.subthemes)}",
             f"- off-topic documents left out: {len(result.off_topic)}", ""]
    if result.errors:
        lines += ["## Documents not used", ""] + [f"- `{e.source_uri}` ({e.stage}): {e.message}"
                                                  for e in result.errors[:50]]
    return "\n".join(lines)


def theme_rows(result: RefreshResult) -> list[dict]:
    """One row per theme: id, label, passages, how it relates to the previous run, keywords."""
    relation = {}
    for row in result.themes.lineage:
        if row.theme_id is not None:
            relation.setdefault(row.theme_id, row.relation)
    return [{"theme": t.theme_id, "label": t.label, "passages": t.size,
             "since last run": relation.get(t.theme_id, "new"), "keywords": ", ".join(t.keywords[:6])}
            for t in result.themes.themes]


def publish_artifacts(result: RefreshResult, corpus: str) -> list[str]:
    """Create the run's artifacts; returns their keys."""
    keys = [artifact_key(corpus, what) for what in ("summary", "themes", "report", "database")]
    create_markdown_artifact(key=keys[0], markdown=summary_markdown(result),
                             description=f"coprod refresh {result.run_id}")
    create_table_artifact(key=keys[1], table=theme_rows(result), description=f"themes of {result.run_id}")
    if result.report_path is not None:
        create_link_artifact(key=keys[2], link=Path(result.report_path).resolve().as_uri(),
                             link_text=f"report of {result.run_id}")
    else:
        keys.remove(keys[2])
    create_link_artifact(key=keys[-1], link=Path(result.db_path).resolve().as_uri(),
                         link_text=f"DuckDB file ({result.run_id})")
    return keys
