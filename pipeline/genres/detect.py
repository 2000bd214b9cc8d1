"""Guessing a document's genre from its raw text when neither the source nor the manifest says it.

Detection weighs evidence from the whole page (features.py: post headers, mail headers and
quoting for threads; DOI, abstract, journal and affiliation lines for scholarly records;
definitions, citation markers and wiki headings for encyclopedia pages; bylines and share
widgets for blog posts) with a linear classifier whose coefficients ship with the package
(classifier.py). It runs on the raw text because cleaning removes exactly that chrome.
A page too short to show any of it is `other` unless the source's own metadata speaks.
"""

from __future__ import annotations

from pipeline.genres.classifier import GenreModel, shipped_model
from pipeline.genres.features import page_features
from pipeline.genres.post_headers import read_header

GENRES = ("abstract", "blog", "forum", "encyclopedia", "other")
MIN_WORDS = 15  # below this a page shows too little of its layout to be judged by it
SURE = 0.5  # a short page (under SHORT_WORDS) is judged only when the classifier is this sure
SHORT_WORDS = 80


def evidence(text: str, has_doi: bool = False, has_authors: bool = False, has_date: bool = False) -> dict[str, float]:
    """The features the classifier weighs, including what the source's metadata gave."""
    features = page_features(text)
    features.update(thread_evidence(text))
    features.update(meta_doi=float(has_doi), meta_authors=float(has_authors), meta_date=float(has_date))
    return features


def thread_evidence(text: str) -> dict[str, float]:
    """What the forum parser's header reader sees: how many post headers, and how many distinct
    names they show (a blog has one byline; a thread has several posters)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    names: list[str] = []
    headers = 0
    for line, following in zip(lines, lines[1:] + [None]):
        header = read_header(line, following)
        if header and not header.quote_intro:
            headers += 1
            if header.author:
                names.append(header.author.lower())
        elif header:
            names.append((header.replies_to or "").lower())
    return {"thread_headers": headers, "thread_posters": len(set(names) - {""})}


def genre_probabilities(text: str, has_doi: bool = False, has_authors: bool = False, has_date: bool = False,
                        *, model: GenreModel | None = None) -> dict[str, float]:
    return (model or shipped_model()).probabilities(evidence(text, has_doi, has_authors, has_date))


def _from_metadata(has_doi: bool, has_authors: bool, has_date: bool) -> str:
    if has_doi:
        return "abstract"
    if has_authors and has_date:
        return "blog"  # a dated, signed article whose chrome the HTML extractor already removed
    return "other"


def platform_signature(features: dict[str, float]) -> str | None:
    """A genre that one unambiguous convention settles. Threads first (a mailing-list post
    may paste a paper's abstract): a subreddit or several u/handles, post headers of two or
    more posters, mail quoting, repeated reply/permalink chrome, a board's member fields
    ("Joined:", "Posts:"). Then records (RIS export tags) and encyclopedia pages (MediaWiki
    section headings). An "Abstract" heading line is left to the classifier, which weighs it
    heavily: as a rule it lost accuracy on pages of sites the rules were not drawn from."""
    if features["subreddits"] or features["handles"] >= 2 or features["quoted_lines"] >= 3 \
            or features["reply_chrome"] >= 2 or features["member_fields"] >= 2 or features["thread_posters"] >= 2:
        return "forum"
    if features["ris"] >= 3:
        return "abstract"
    if features["wiki_headings"] >= 2:
        return "encyclopedia"
    return None


def detect_genre(text: str, has_doi: bool = False, has_authors: bool = False, has_date: bool = False,
                 *, model: GenreModel | None = None) -> str:
    """One of abstract, blog, forum, encyclopedia, other.

    ``has_*`` say what the source's metadata gave (a DOI, authors, a date); ``model`` replaces
    the shipped coefficients (the benchmark passes the model of each cross-validation fold)."""
    if len(text.split()) < MIN_WORDS:
        return _from_metadata(has_doi, has_authors, has_date)
    features = evidence(text, has_doi, has_authors, has_date)
    signature = platform_signature(features)
    if signature:
        return signature
    probabilities = (model or shipped_model()).probabilities(features)
    best = max(sorted(probabilities), key=probabilities.__getitem__)
    if probabilities[best] < SURE and len(text.split()) < SHORT_WORDS:
        return _from_metadata(has_doi, has_authors, has_date)
    return best
