"""A short readable label from a theme's keywords: the best three distinct terms."""

from __future__ import annotations


def label_from_keywords(keywords: list[str], n_terms: int = 3) -> str:
    terms: list[str] = []
    for term in keywords:
        if any(term in t or t in term for t in terms):
            continue
        terms.append(term)
        if len(terms) == n_terms:
            break
    if not terms:
        return "(no keywords)"
    label = ", ".join(terms)
    return label[0].upper() + label[1:]
