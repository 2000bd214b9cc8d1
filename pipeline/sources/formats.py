"""Which format a file is, from its content first and its extension second.

Exports arrive under any name: Web of Science writes ``savedrecs.txt`` (plain text starting
``FN ``/``PT ``, or a tab-delimited table whose header starts ``PT\tAU``), EndNote writes RIS
as ``.txt``, PubMed MEDLINE comes as ``.nbib`` or ``.txt`` starting ``PMID- ``, and a ``.json``
may be CSL-JSON (Zotero) or an OpenAlex ``/works`` page. A ``.txt`` or ``.md`` that is none of
these is a scraped page (None).
"""

from __future__ import annotations

import json
import re

RIS, WOS_PLAIN, MEDLINE, BIBTEX = "ris", "wos-plain", "medline", "bibtex"
TABLE, WOS_TAB = "table", "wos-tab"
CSL_JSON, OPENALEX_JSON, JSONL = "csl-json", "openalex-json", "jsonl"
RECORD_FORMATS = (RIS, WOS_PLAIN, MEDLINE, BIBTEX, TABLE, WOS_TAB, CSL_JSON, OPENALEX_JSON, JSONL)

# Extensions that are records whatever their content says (the reader reports what is wrong).
_BY_EXTENSION = {".ris": RIS, ".bib": BIBTEX, ".bibtex": BIBTEX, ".nbib": MEDLINE, ".medline": MEDLINE,
                 ".csv": TABLE, ".tsv": TABLE, ".jsonl": JSONL}
# Extensions whose content is looked at; other extensions (.html, .htm) are pages.
SNIFFED = (".txt", ".ris", ".nbib", ".medline", ".csv", ".tsv", ".bib", ".bibtex", ".json", ".jsonl", "")

_RIS_START = re.compile(r"^TY  - ?", re.M)
_WOS_START = re.compile(r"^(?:FN |VR |PT [A-Z]\b)")
_WOS_END = re.compile(r"^ER\s*$", re.M)
_MEDLINE_START = re.compile(r"^PMID- ?\d")
_BIBTEX_ENTRY = re.compile(r"^\s*@(?!comment\b|string\b|preamble\b)[A-Za-z]+\s*[{(]", re.I | re.M)
_OPENALEX_ID = re.compile(r"^https?://openalex\.org/W\d+")


def sniff(suffix: str, text: str) -> str | None:
    """The record format of a decoded file, or None for a page (text, Markdown, HTML)."""
    suffix = suffix.lower()
    if suffix not in SNIFFED:
        return None
    if suffix == ".jsonl":
        return JSONL
    head = text.lstrip()[:20000]
    first = head.split("\n", 1)[0]
    if head.startswith(("{", "[")):
        found = _json_format(text)
        if found or suffix == ".json":
            return found
    if _MEDLINE_START.match(head):
        return MEDLINE
    if _WOS_START.match(head) and _WOS_END.search(text):
        return WOS_PLAIN
    if first.startswith("TY  -") or (suffix == ".ris" and _RIS_START.search(head)):
        return RIS
    if _is_wos_header(first):
        return WOS_TAB
    if suffix in (".bib", ".bibtex") or (suffix == ".txt" and _bibtex_text(head)):
        return BIBTEX
    return _BY_EXTENSION.get(suffix)


def _is_wos_header(line: str) -> bool:
    columns = [c.strip() for c in line.split("\t")]
    return len(columns) >= 5 and columns[0] == "PT" and {"AU", "TI"} <= set(columns)


def _bibtex_text(head: str) -> bool:
    """A .txt of BibTeX entries: it begins (after an optional short preamble) with an entry."""
    match = _BIBTEX_ENTRY.search(head)
    return bool(match) and len(head[:match.start()].strip().splitlines()) <= 3


def _json_format(text: str) -> str | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        lines = [line for line in text.splitlines() if line.strip()]
        return JSONL if lines and all(line.lstrip().startswith("{") for line in lines[:20]) else None
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    elif isinstance(data, dict) and _is_openalex_work(data):
        return OPENALEX_JSON
    if not isinstance(data, list) or not data or not all(isinstance(item, dict) for item in data):
        return None
    if all(_is_openalex_work(item) for item in data):
        return OPENALEX_JSON
    if all(("title" in item or "type" in item) and ("id" in item or "issued" in item or "author" in item)
           for item in data):
        return CSL_JSON
    return None


def _is_openalex_work(item: dict) -> bool:
    return bool(_OPENALEX_ID.match(str(item.get("id") or ""))) or "abstract_inverted_index" in item
