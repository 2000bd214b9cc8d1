"""Screening decisions that exports carry, as "included", "excluded" or "undecided".

ASReview labelled data: a column ``included`` / ``label_included`` (or ``final_included``)
holding 1 (included), 0 (excluded), -1 or empty (not screened yet).
Rayyan: the ``notes`` field (N1 in RIS, ``note``/``annote`` in BibTeX, a CSV column) holds
``RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Excluded"}``; a record is excluded when every
reviewer who decided excluded it, included when every one included it, undecided otherwise
(a conflict, "Maybe", or no decision).
"""

from __future__ import annotations

import re
from typing import Any

LABEL_COLUMNS = ("label_included", "included", "final_included", "included_final", "label")
_RAYYAN = re.compile(r"RAYYAN-INCLUSION:\s*\{(?P<body>[^}]*)\}", re.I)
_DECISION = re.compile(r'"[^"]*"\s*=>\s*"(?P<decision>[^"]*)"')


def label_decision(value: Any) -> str | None:
    """An ASReview label: 1 -> included, 0 -> excluded, -1 or empty -> undecided."""
    text = str(value).strip().lower() if value is not None else ""
    if text in ("", "-1", "-1.0", "nan", "none"):
        return "undecided" if text in ("-1", "-1.0") else None
    if text in ("1", "1.0", "true", "yes", "included"):
        return "included"
    if text in ("0", "0.0", "false", "no", "excluded"):
        return "excluded"
    return None


def rayyan_decision(notes: Any) -> str | None:
    """The decision in a Rayyan notes field, or None when it names none."""
    if not notes:
        return None
    text = " ".join(notes) if isinstance(notes, (list, tuple)) else str(notes)
    match = _RAYYAN.search(text)
    if not match:
        return None
    decisions = {d.group("decision").strip().lower() for d in _DECISION.finditer(match.group("body"))}
    if decisions == {"excluded"}:
        return "excluded"
    if decisions == {"included"}:
        return "included"
    return "undecided"


def record_decision(labels: dict[str, Any], notes: Any) -> str | None:
    """A record's decision: an ASReview label column wins over Rayyan notes."""
    for column in LABEL_COLUMNS:
        if column in labels:
            decision = label_decision(labels[column])
            if decision:
                return decision
    return rayyan_decision(notes)
