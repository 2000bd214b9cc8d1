"""Unchanged documents are not parsed and cleaned again.

A prepared ``Document`` is stored (as JSON, table ``prepared_documents``) under the hash of
the ``RawDocument`` it came from and a fingerprint of the code that prepares documents (the
genre parsers, cleaning, the metadata readers and the title model, name handling). The next
refresh reuses it when both match; any change to the document, its metadata or that code
prepares it afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date
from functools import cache
from pathlib import Path

from pipeline.model import Document, ExcludedSpan, RawDocument, Segment, short_hash

_PREPARING_CODE = ("prepare.py", "genres", "clean", "metadata", "sources/names.py", "model.py")
# Modules under those folders that work on passages, after documents are prepared: a change to
# them must not make every document of a large corpus be prepared again.
_PASSAGE_CODE = ("clean/passage_flags.py", "clean/minhash.py")


def raw_hash(raw: RawDocument) -> str:
    return short_hash(repr(raw), length=40)


@cache  # the package's source does not change while it runs
def code_fingerprint() -> str:
    """Hash of the source of every module that turns a RawDocument into a Document."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for entry in _PREPARING_CODE:
        path = root / entry
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            if file.relative_to(root).as_posix() in _PASSAGE_CODE:
                continue
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def to_json(document: Document) -> str:
    # Field by field rather than dataclasses.asdict, which deep-copies every value and took
    # 2.9 s of storing 7,600 news items; the JSON is the same, key for key.
    data = _fields(document)
    data["published"] = document.published.isoformat() if document.published else None
    data["segments"] = [_fields(s) for s in document.segments]
    data["excluded"] = [_fields(e) for e in document.excluded]
    return json.dumps(data, ensure_ascii=False)


def _fields(instance: object) -> dict:
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(instance)}


def from_json(text: str) -> Document:
    data = json.loads(text)
    data["published"] = date.fromisoformat(data["published"]) if data["published"] else None
    for name in ("authors", "keywords", "affiliations"):
        data[name] = tuple(data[name])
    data["segments"] = tuple(Segment(**s) for s in data["segments"])
    data["excluded"] = tuple(ExcludedSpan(**e) for e in data["excluded"])
    data["kept_lines"] = tuple(tuple(k) for k in data["kept_lines"])
    return Document(**data)
