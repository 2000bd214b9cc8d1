"""The reader of each record format that ``formats.sniff`` recognises."""

from __future__ import annotations

from typing import Callable

from pipeline.model import IngestError, RawDocument
from pipeline.sources import formats
from pipeline.sources.bibliographic import read_bibtex, read_ris
from pipeline.sources.json_exports import read_csl_json, read_openalex_json
from pipeline.sources.jsonl import read_jsonl
from pipeline.sources.medline import read_medline
from pipeline.sources.tabular import read_csv
from pipeline.sources.wos import read_wos_plain

Reader = Callable[[str, str], tuple[list[RawDocument], list[IngestError]]]

READERS: dict[str, Reader] = {
    formats.RIS: read_ris, formats.WOS_PLAIN: read_wos_plain, formats.MEDLINE: read_medline,
    formats.BIBTEX: read_bibtex, formats.TABLE: read_csv, formats.WOS_TAB: read_csv,
    formats.CSL_JSON: read_csl_json, formats.OPENALEX_JSON: read_openalex_json, formats.JSONL: read_jsonl,
}
# Files with these extensions are records whatever they hold: the size limit is per record.
RECORD_EXTENSIONS = (".jsonl", ".ris", ".bib", ".csv", ".tsv", ".nbib", ".json")


def read_records(format_name: str, text: str, key: str) -> tuple[list[RawDocument], list[IngestError]]:
    return READERS[format_name](text, key)
