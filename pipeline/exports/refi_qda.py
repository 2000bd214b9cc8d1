"""REFI-QDA exchange files, which NVivo, ATLAS.ti, MAXQDA, QualCoder and others import.

- ``.qdc``: the codebook alone (``urn:QDA-XML:codebook:1.0``): one code per theme, its
  sub-themes nested under it, each described by its keywords and concepts.
- ``.qdpx``: a zip of ``project.qde`` (``urn:QDA-XML:project:1.0``) and ``sources/``: the same
  codebook, every document of the run as a ``TextSource`` whose plain text is in
  ``sources/<guid>.txt``, every themed passage as a ``PlainTextSelection`` (character offsets
  into that text) coded with its theme, its sub-theme and its second theme, and the documents'
  genre, year, authors and venue as variables.

GUIDs are derived from stable ids (theme and sub-theme ids, document and passage ids), so a
project exported again after a refresh names the same codes and sources with the same GUIDs,
and the same run gives the same bytes (the run's finish time is the only date written).
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from pipeline.exports.run_data import Code, RunData, Source

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_NAMESPACE = uuid.UUID("6f1c8e2a-3b4d-5e6f-8a9b-0c1d2e3f4a5b")  # coprod's own: GUIDs are uuid5 under it
# Colours a QDA tool shows codes in, one per theme in turn; noise themes are grey.
PALETTE = ("#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#17BECF",
           "#BCBD22", "#AEC7E8", "#FFBB78", "#98DF8A")
NOISE = "#9E9E9E"
VARIABLES = (("genre", "Text"), ("year", "Integer"), ("authors", "Text"), ("venue", "Text"))


def guid(kind: str, key: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def code_guid(code: Code) -> str:
    return guid("subtheme", code.subtheme_id) if code.subtheme_id is not None else guid("theme", code.theme_id)


def description(code: Code) -> str:
    parts = [f"{'Sub-theme' if code.subtheme_id is not None else 'Theme'} "
             f"{code.subtheme_id if code.subtheme_id is not None else code.theme_id} of coprod, {code.size} passages."]
    if code.keywords:
        parts.append("Keywords: " + ", ".join(code.keywords) + ".")
    if code.concepts:
        parts.append("Co-production concepts: " + ", ".join(code.concepts) + ".")
    if code.is_noise:
        parts.append("Marked as noise by a researcher: not a finding.")
    parts += [f"Memo: {memo}" for memo in code.memos]
    return " ".join(parts)


def codes_element(ns: str, codes: list[Code]) -> ET.Element:
    """<Codes>: themes in id order, each with its sub-themes nested inside."""
    element = ET.Element(f"{{{ns}}}Codes")
    themes = [c for c in codes if c.subtheme_id is None]
    for i, theme in enumerate(themes):
        node = _code(ns, element, theme, NOISE if theme.is_noise else PALETTE[i % len(PALETTE)])
        for sub in (c for c in codes if c.subtheme_id is not None and c.theme_id == theme.theme_id):
            _code(ns, node, sub, node.get("color"))
    return element


def _code(ns: str, parent: ET.Element, code: Code, color: str | None) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ns}}}Code", guid=code_guid(code), name=code.label, isCodable="true")
    if color:
        node.set("color", color)
    ET.SubElement(node, f"{{{ns}}}Description").text = description(code)
    return node


def codebook_xml(data: RunData) -> bytes:
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin=f"coprod {data.run_id}")
    root.append(codes_element(CODEBOOK_NS, data.codes))
    return _bytes(root, CODEBOOK_NS)


def project_xml(data: RunData) -> bytes:
    p = f"{{{PROJECT_NS}}}"
    when = data.finished_at.replace(microsecond=0).isoformat() + "Z"
    user = guid("user", "coprod")
    root = ET.Element(f"{p}Project", name=f"{data.corpus} ({data.run_id})", origin=f"coprod {data.run_id}",
                      creatingUserGUID=user, creationDateTime=when)
    ET.SubElement(ET.SubElement(root, f"{p}Users"), f"{p}User", guid=user, name="coprod")
    ET.SubElement(root, f"{p}CodeBook").append(codes_element(PROJECT_NS, data.codes))
    variables = ET.SubElement(root, f"{p}Variables")
    for name, kind in VARIABLES:
        ET.SubElement(variables, f"{p}Variable", guid=guid("variable", name), name=name, typeOfVariable=kind)
    sources = ET.SubElement(root, f"{p}Sources")
    known = {c.theme_id for c in data.codes if c.subtheme_id is None}
    for source in data.sources:
        sources.append(_text_source(source, user, when, known))
    return _bytes(root, PROJECT_NS)


def _text_source(source: Source, user: str, when: str, known: set[int]) -> ET.Element:
    p = f"{{{PROJECT_NS}}}"
    source_guid = guid("document", source.doc_id)
    node = ET.Element(f"{p}TextSource", guid=source_guid, name=source.name,
                      plainTextPath=f"internal://{source_guid}.txt", creatingUser=user, creationDateTime=when)
    for s in source.selections:
        selection = ET.SubElement(node, f"{p}PlainTextSelection", guid=guid("passage", s.passage_id),
                                  name=f"passage {s.passage_id}", startPosition=str(s.start),
                                  endPosition=str(s.end), creatingUser=user, creationDateTime=when)
        coded = [("theme", s.theme_id), ("subtheme", s.subtheme_id)]
        if s.second_theme_id is not None and s.second_theme_id in known:
            coded.append(("theme", s.second_theme_id))
        for kind, code in coded:
            if code is None:
                continue
            coding = ET.SubElement(selection, f"{p}Coding", guid=guid("coding", f"{s.passage_id}:{kind}:{code}"),
                                   creatingUser=user, creationDateTime=when)
            ET.SubElement(coding, f"{p}CodeRef", targetGUID=guid(kind, code))
    values = {"genre": source.genre, "year": source.published.year if source.published else None,
              "authors": "; ".join(source.authors) or None, "venue": source.venue}
    for name, kind in VARIABLES:
        if values[name] is None:
            continue
        value = ET.SubElement(node, f"{p}VariableValue")
        ET.SubElement(value, f"{p}VariableRef", targetGUID=guid("variable", name))
        ET.SubElement(value, f"{p}{kind}Value").text = str(values[name])
    return node


def write_codebook(data: RunData, path: Path) -> Path:
    path.write_bytes(codebook_xml(data))
    return path


def write_project(data: RunData, path: Path) -> Path:
    """The .qdpx: project.qde first, then one UTF-8 text file per source, in a fixed order
    with fixed timestamps, so the same run gives the same file."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "project.qde", project_xml(data))
        for source in data.sources:
            _add(archive, f"sources/{guid('document', source.doc_id)}.txt", source.text.encode("utf-8"))
    return path


def _add(archive: zipfile.ZipFile, name: str, payload: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, payload)


def _bytes(root: ET.Element, ns: str) -> bytes:
    ET.register_namespace("", ns)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
