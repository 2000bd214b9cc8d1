import json

import pytest

from pipeline.sources.formats import sniff

WOS_PLAIN = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Okafor, N\nTI Ward forums\nER\n\nEF\n"
WOS_TAB = "PT\tAU\tAF\tTI\tSO\tAB\tPY\tDI\tUT\nJ\tOkafor, N\tOkafor, Ngozi\tWard forums\tJ Local Gov\t\t2019\t\tWOS:1\n"
MEDLINE = "\nPMID- 111\nOWN - NLM\nTI  - Ward forums.\n"
ENDNOTE = "\nTY  - JOUR\nAB  - Residents ran the forum.\nTI  - Ward forums\nER  - \n"
CSL = json.dumps([{"id": "item-1", "type": "article-journal", "title": "Ward forums",
                   "issued": {"date-parts": [["2019", 3]]}}])
OPENALEX = json.dumps({"meta": {"count": 1}, "results": [
    {"id": "https://openalex.org/W1", "display_name": "Ward forums", "abstract_inverted_index": None}]})
PAGE = "Ward forums in our town\n\nPT A on the forum: we met on Tuesday. ER staff were there too.\n"


@pytest.mark.parametrize("suffix, text, expected", [
    (".txt", WOS_PLAIN, "wos-plain"),
    (".txt", WOS_TAB, "wos-tab"),
    (".txt", MEDLINE, "medline"),
    (".nbib", MEDLINE, "medline"),
    (".txt", ENDNOTE, "ris"),
    (".ris", ENDNOTE, "ris"),
    (".json", CSL, "csl-json"),
    (".json", OPENALEX, "openalex-json"),
    (".json", '{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', "jsonl"),
    (".jsonl", '{"id": "a", "text": "x"}\n', "jsonl"),
    (".txt", "Scopus\nEXPORT DATE: 1 May 2020\n\n@ARTICLE{a1,\ntitle={Ward forums}\n}\n", "bibtex"),
    (".csv", "Title,Abstract\nWard forums,Residents ran it.\n", "table"),
    (".txt", PAGE, None),
    (".md", WOS_PLAIN, None),  # Markdown and HTML are pages whatever they hold
    (".html", MEDLINE, None),
    (".json", '{"name": "not an export"}', None),
])
def test_formats_are_recognised_by_content(suffix, text, expected):
    assert sniff(suffix, text) == expected
