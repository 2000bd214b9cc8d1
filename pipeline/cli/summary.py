"""The one-screen summary printed after a refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the stages' module is seconds of imports; the summary only reads the result
    from pipeline.refresh import RefreshResult


def format_summary(result: RefreshResult, corpus: str, max_errors: int = 10) -> str:
    model = result.themes
    lines = [
        f"coprod refresh: {result.run_id} finished",
        f"  corpus     {corpus}: {result.n_documents} documents, {len(result.errors)} not used",
    ]
    if result.document_changes:
        c = result.document_changes
        lines.append(f"  changes    since the last run: {c['new']} new, {c['changed']} changed, "
                     f"{c['unchanged']} unchanged, {c['retired']} retired documents")
    if result.fetched is not None:
        lines.append(f"  sources    {fetch_line(result.fetched)}")
        for name, reason in result.fetched.unreachable.items():
            lines.append(f"  not reached {name}: {reason} (its stored documents were used)")
    lines += [
        f"  passages   {result.n_passages}, {result.n_modelled} modelled "
        f"({result.embeddings_computed} embedded, {result.embeddings_reused} reused; "
        f"{result.n_passages - result.n_modelled} excluded: references, duplicates, other languages, screening, off-topic)",
    ]
    if result.n_judged:
        lines.append(f"  relevance  {len(result.off_topic)} of {result.n_judged} documents off-topic, left out of the "
                     "themes (table document_relevance)")
        for source, reason in result.off_topic[:max_errors]:
            lines.append(f"  off-topic  {source}: {reason}")
        if len(result.off_topic) > max_errors:
            lines.append(f"  off-topic  ... and {len(result.off_topic) - max_errors} more")
    lines.append(f"  themes     {len(model.themes)}")
    for theme in model.themes:
        lines.append(f"    {theme.theme_id:>2}  {theme.label} ({theme.size} passages): "
                     + ", ".join(theme.keywords[:6]))
    for error in result.errors[:max_errors]:
        lines.append(f"  not used   {error.source_uri} ({error.stage}): {error.message}")
    if len(result.errors) > max_errors:
        lines.append(f"  not used   ... and {len(result.errors) - max_errors} more (table ingest_errors)")
    lines.append(f"  database   {result.db_path}")
    if result.report_path:
        lines.append(f"  report     {result.report_path}")
    return "\n".join(lines)


def fetch_line(fetched) -> str:
    """'3 live: 4 downloaded, 6 not-modified, 2 seen, 1 failed' (URLs by what happened to them)."""
    outcomes = fetched.outcomes()
    order = ["downloaded", "unchanged", "not-modified", "seen", "stored", "failed", "disallowed"]
    counts = ", ".join(f"{outcomes[o]} {o}" for o in order if outcomes.get(o))
    return f"{len(fetched.sources)} live: {counts or 'nothing requested'}"
