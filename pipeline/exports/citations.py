"""Citations formatted by citeproc-py from CSL-JSON items with coprod's own CSL style
(``styles/coprod-author-date.csl``: "Authors (year). Title. Venue. Link"), the one definition
of how coprod cites a source."""

from __future__ import annotations

from importlib import resources

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

STYLE = "coprod-author-date.csl"


def format_citations(items: list[dict], style: str = STYLE) -> dict[str, str]:
    """item id -> its citation, plain text."""
    if not items:
        return {}
    path = resources.files("pipeline.exports").joinpath("styles", style)
    with resources.as_file(path) as style_file:
        csl = CitationStylesStyle(str(style_file), validate=False)
    # citeproc-py lower-cases item ids: the items go in numbered, and come back by their own ids
    numbered = [{**item, "id": f"i{n}"} for n, item in enumerate(items)]
    bibliography = CitationStylesBibliography(csl, CiteProcJSON(numbered), formatter.plain)
    for item in numbered:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = dict(zip(bibliography.keys, bibliography.bibliography()))
    return {str(item["id"]): str(entries[f"i{n}"]) for n, item in enumerate(items)}
