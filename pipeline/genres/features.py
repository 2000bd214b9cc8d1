"""Structural evidence of a page's genre, counted over the whole raw page.

Each feature counts a convention of a kind of page rather than the wording of any one site:
forum threads repeat post headers (a username beside a timestamp, "points", "reply",
"Joined:", mail headers, "> " quoting); scholarly records carry DOIs, "Abstract", journal,
volume and pages, affiliations and citation exports; encyclopedia pages open with a
definition and carry citation markers, "See also" and wiki headings; blog posts put one
byline and one date near the top and share buttons below. Cue words come in the languages
the corpus holds (English, Dutch, German, Italian, Spanish, French, Portuguese) and the
counts are what a classifier weighs (see detect.py).
"""

from __future__ import annotations

import re

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
          r"(?:januari|februari|maart|mei|juni|juli|augustus|oktober|januar|februar|märz|mai|"
          r"oktober|dezember|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|"
          r"ottobre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|"
          r"diciembre|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre)")
TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?![\d:])", re.I)
RELATIVE = re.compile(
    r"\b\d+\s*(?:s|sec|secs|m|min|mins|h|hr|hrs|d|w|wk|mo|y|yr|yrs|seconds?|minutes?|hours?|days?|weeks?|"
    r"months?|years?)\s+ago\b|(?:^|[·•|]\s*)\d{1,3}(?-i:[smhdwy])\b(?!\S)|\bvor \d+ (?:sekunden|minuten|stunden|"
    r"tagen|wochen|monaten|jahren)\b|\b\d+ (?:secondi|minuti|ore|giorni|settimane|mesi|anni) fa\b|"
    r"\bhace \d+ (?:segundos?|minutos?|horas?|días?|semanas?|meses|años?)\b|\bil y a \d+ \w+|"
    r"\b\d+ (?:minuten|uur|dagen|weken|maanden|jaar) geleden\b|\b(?:yesterday|today)\b", re.I | re.M)
DATE = re.compile(
    rf"\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b(?:{_MONTH})[ -]\d{{1,2}}(?:st|nd|rd|th)?,?[ -](?:'\d{{2}}|\d{{4}})\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?[ -](?:{_MONTH}),?[ -](?:'?\d{{2}}|\d{{4}})\b|\b\d{{1,2}}-(?:{_MONTH})-\d{{2,4}}\b|"
    rf"\b(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?=.*\d{{1,2}}:\d{{2}})", re.I)
_USERNAME = re.compile(r"^(?:u/|@|by\s+|posted by\s+)?[\w.'’-]{2,32}\b", re.I)
_HANDLE = re.compile(r"(?<![\w/])(?:u/[\w-]{3,}|@[A-Za-z][\w.-]{2,})")
_SUBREDDIT = re.compile(r"(?<![\w/])r/\w{2,}")
_VOTES = re.compile(r"\b\d+\s+(?:points?|upvotes?|votes?|karma)\b|\bcomments? sorted by\b|^\s*\d{1,5}\s*$",
                    re.I | re.M)
_REPLY = re.compile(r"^\s*(?:reply|replies|quote|report|permalink|parent|context|link|flag|re:|«\s*(?:reply|on)\b|"
                    r"antworten|rispondi|responder|répondre|reageer|reageren|beantwoorden)\b|"
                    r"\|\s*(?:parent|next|prev|reply|context|permalink|hide|past|favorite|flag|edit)\b|\breply\s*$|"
                    r"\bscore:\s*-?\d|\breply\s+#\d|"
                    r"\b(?:level \d+|\#\d{1,6}\b|original poster|original message|show parent comments)",
                    re.I | re.M)
_MEMBER = re.compile(r"^\s*(?:joined|posts|messages|reaction score|location|registered|member since|"
                     r"iscritto|mitglied seit|beiträge|lid sinds|berichten|miembro desde|mensajes)\s*:?\s*",
                     re.I | re.M)
_ROLE = re.compile(r"\b(?:registered user|new member|senior member|supporting member|moderator|"
                   r"member|verified|anonymous coward|deleted)\b", re.I)
_WROTE = re.compile(r"\b(?:wrote|writes|said|says|replied|schreef|schrieb|ha scritto|escribió|a écrit|"
                    r"escreveu)\s*:?\s*$|\boriginally posted by\b|^\s*quote:?\s*$|\bwrites\s+\"|\b(?:posted by|reply by|comment by|by)\s+\S+\s+on\b",
                    re.I | re.M)
_QUOTED = re.compile(r"^\s*>", re.M)
_MAIL_HEADER = re.compile(r"^(?:from|date|subject|to|cc|sent|message-id|von|datum|betreff|da|oggetto|de|"
                          r"asunto|fecha|van|onderwerp)\s*:\s*\S", re.I | re.M)
_MAIL_AT = re.compile(r"\b[\w.-]+ at [\w-]+(?:\.[\w-]+)+\b|<[^>\s]+@[^>\s]+>|^\[[\w. -]{2,30}\]\s+\S|"
                      r"\b(?:mailing list|list manager|post messages to|unsubscribe|previous message|"
                      r"next message|messages sorted by|\[email protected\]|email protected)\b", re.I | re.M)
# "by X on <date>", "42 points by X", "by X · Score", "by X (1234)": a comment's byline
_BY_LINE = re.compile(r"\bby\s+@?[\w.'’-]{2,32}(?:\s+[A-Z][\w'’-]+)?\s*(?:on\b|·|\||\(|@|\d|$)|"
                      r"\b\d+\s+points?\s+by\b", re.I | re.M)
_POSTED = re.compile(r"^\s*(?:•\s*)?(?:posted|geplaatst|gepostet|pubblicato)(?: by| door| von| da)?\s",
                     re.I | re.M)
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_ABSTRACT = re.compile(r"(?:abstract|summary|resumo|resumen|zusammenfassung|samenvatting|riassunto|"
                       r"résumé|sommario|анотація|аннотация)(?=\s*[:.\n]|\s*$|[A-Z])", re.I | re.M)
# "Abstract" (or its translation) as a heading line of its own, or opening a line with a colon
_ABSTRACT_LINE = re.compile(r"^\s*(?:abstract|resumo|resumen|zusammenfassung|samenvatting|riassunto|résumé|"
                            r"анотація|аннотация)\s*(?:[:.].*)?$", re.I | re.M)
_ABSTRACT_WORD = re.compile(r"\babstract\b|анотація|аннотация", re.I)
_KEYWORDS = re.compile(r"\b(?:key\s?words|schlüsselwörter|schlagwörter|palavras-chave|palabras clave|"
                       r"trefwoorden|parole chiave|mots-clés|jel)\b", re.I)
_JOURNAL = re.compile(r"\b(?:vol\.|volume|issue|no\.|pp\.|journal|proceedings|conference|publisher|"
                      r"jahrgang|heft|fascicolo|número|tome)\b|№|\b\d{1,4}\s?\(\d{1,3}\)|\b\d{2,5}\s?[–-]\s?\d{2,5}\b",
                      re.I)
_ISSN = re.compile(r"\b(?:e?issn|isbn)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published online|first online|published|received|accepted|revised|"
                        r"publication date|date of publication|online publication|veröffentlicht|"
                        r"pubblicato|publicado|gepubliceerd|deposit date)\b", re.I)
_EXPORT = re.compile(r"\b(?:cite this|how to cite|citation|cited by|bibtex|endnote|ris\b|export|"
                     r"google scholar|pubmed|crossref|orcid|scopus|web of science|full text|pdf|"
                     r"download|peer[- ]reviewed|open access|rights (?:and|&) permissions|metrics)\b",
                     re.I)
_AFFILIATION = re.compile(r"\b(?:universit\w*|univ\.|institut\w*|faculty|facult\w+|school of|department|"
                          r"dept\.|college|centre for|center for|affiliations?|hochschule|politecnico|"
                          r"académie|laboratory)\b", re.I)
_RIS = re.compile(r"^(?:TY|AU|T1|TI|JO|PY|Y1|N2|AB|KW|DO|SP|EP|VL|IS)\s{1,2}-\s", re.M)
_AUTHOR_LIST = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+,\s(?:[A-Z]\.\s?){1,3}|\bet al\.?", re.M)
_AUTHORS_LABEL = re.compile(r"\b(?:authors?|author/s|auteurs?|autor(?:en|es)?|autori|автори)\b", re.I)
_CITATION = re.compile(r"\[\d{1,3}\]|\[citation needed\]|\[note \d+\]", re.I)
_WIKI_HEADING = re.compile(r"^\s*==+[^=\n]+==+\s*$|\[(?:edit|bearbeiten|modifica|modifier|editar|"
                           r"bewerken)\]|^[^\n]{2,60}\s(?:edit|bearbeiten|modifica|modifier|editar|"
                           r"bewerken)$", re.I | re.M)
_SEE_ALSO = re.compile(r"^\s*(?:see also|references|external links|notes|further reading|bibliography|"
                       r"siehe auch|einzelnachweise|literatur|weblinks|voci correlate|note|"
                       r"collegamenti esterni|véase también|referencias|enlaces externos|voir aussi|"
                       r"références|liens externes|zie ook|referenties|externe links|bronnen)\s*$",
                       re.I | re.M)
_WIKI_WORD = re.compile(r"\b(?:wiki\w*|encyclop\w+|enciclop\w+|enzyklop\w+|glossary|glossar\w*|"
                        r"jargon|lexicon|lexikon|explained|definition|begriff)\b", re.I)
_DEFINITION = re.compile(r"^(?:(?:a|an|the|der|die|das|ein|eine|il|lo|la|l'|un|una|uno|el|los|las|le|les|"
                         r"une|de|het|een|o|os|as)\s+)?[\wÀ-ÿ'’()-]+(?:\s+[\wÀ-ÿ'’()-]+){0,5}\s+(?:"
                         r"is an?|is the|are|refers to|can be defined|describes|ist (?:ein|eine|der|die|das)|"
                         r"bezeichnet(?: man)?|è (?:un|una|uno|il|la|lo)|es (?:un|una|el|la)|est (?:un|une|la|le)|"
                         r"is een|é (?:um|uma|o|a))\b", re.I)
_BYLINE = re.compile(r"^\s*(?:by|door|von|di|por|par)\s*:?\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\b",
                     re.I | re.M)
_BLOG_CHROME = re.compile(r"\b(?:blog\w*|share|tweet|facebook|linkedin|whatsapp|leave a (?:comment|reply)|"
                          r"no comments|post a comment|tags?|tagged|categor(?:y|ies)|posted in|filed under|"
                          r"read more|min read|newsletter|subscribe|news|nieuws|nachrichten|notizie|"
                          r"noticias|actualités|press release|latest|updates?|publish date|post date)\b", re.I)
# a scholarly citation in running text: "Moore (1995)", "(Ostrom, 1996)", "et al. (2009)"
_YEAR_CITATION = re.compile(r"\([^()\n]{0,60}\b(?:1[89]|20)\d{2}[a-z]?(?:[,;][^()\n]{0,40})?\)")

# words that open dated metadata lines of records and articles, not post headers
_NOT_POSTERS = {"published", "received", "accepted", "revised", "submitted", "date", "updated", "posted",
                "online", "first", "copyright", "©", "edited", "deposited", "publication", "issue", "volume",
                "vol", "render", "created", "modified", "last", "version", "retrieved", "accessed", "on"}
HEAD_CHARS = 600  # "near the top": a byline or a date in the opening of the page


def _stamp(line: str) -> bool:
    return bool(TIME.search(line) or RELATIVE.search(line) or DATE.search(line))


def _short(line: str, words: int = 14) -> bool:
    return 0 < len(line.split()) <= words


def post_headers(lines: list[str]) -> tuple[int, set[str]]:
    """Lines that read like post headers: short, with a timestamp, and a name-like token on the
    line or the line above. Returns how many, and the distinct names they start with."""
    count = 0
    names: set[str] = set()
    previous = ""
    for line in lines:
        text = line.strip()
        if _short(text) and _stamp(text):
            head = _USERNAME.match(text)
            token = head.group(0).split()[-1] if head else ""
            if not token or token[0].isdigit() or DATE.match(text) or TIME.match(text):
                token = previous.split()[0] if _short(previous, 4) else ""
            if token and not token[0].isdigit() and token.lower().rstrip(":") not in _NOT_POSTERS:
                count += 1
                names.add(token.lower().removeprefix("u/").removeprefix("@"))
        if text:
            previous = text
    return count, names


def _first_sentence(line: str) -> str:
    # "Als Koproduktion bezeichnet man ...": the subject after a leading "as"/"under"
    return re.sub(r"^(?:als|unter|come|como|comme|as)\s+", "", line.split(". ")[0], flags=re.I)


def _prose_lines(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if len(line.split()) >= 8]


def page_features(text: str) -> dict[str, float]:
    """The page's evidence as named counts and flags, deterministic. Generic text statistics
    (length, share of short lines, first-person and question rates, person-like names) were
    tried and left out: they lowered the site-grouped cross-validated accuracy."""
    lines = text.split("\n")
    nonblank = [line.strip() for line in lines if line.strip()]
    head = text[:HEAD_CHARS]
    prose = _prose_lines(lines)
    headers, names = post_headers(lines)
    stamps = sum(1 for line in nonblank if _short(line) and _stamp(line))
    first_prose = prose[0] if prose else ""
    return {
        "post_headers": headers,
        "header_names": len(names),
        "stamped_lines": stamps,
        "relative_times": len(RELATIVE.findall(text)),
        "times_of_day": len(TIME.findall(text)),
        "handles": len(set(_HANDLE.findall(text))),
        "subreddits": len(_SUBREDDIT.findall(head)),
        "votes": len(_VOTES.findall(text)),
        "reply_chrome": len(_REPLY.findall(text)),
        "member_fields": len(_MEMBER.findall(text)) + len(_ROLE.findall(text)),
        "wrote": len(_WROTE.findall(text)),
        "quoted_lines": len(_QUOTED.findall(text)),
        "mail_headers": len(_MAIL_HEADER.findall(text)) + len(_MAIL_AT.findall(text)),
        "posted_lines": len(_POSTED.findall(text)),
        "comment_bylines": len(_BY_LINE.findall(text)),
        "year_citations": len(_YEAR_CITATION.findall(text)),
        "doi": min(3, len(_DOI.findall(text))),
        "abstract_heading": len(_ABSTRACT.findall(text)) + len(_ABSTRACT_WORD.findall(text)),
        "abstract_lines": len(_ABSTRACT_LINE.findall(text)),
        "keywords": len(_KEYWORDS.findall(text)),
        "journal": len(_JOURNAL.findall(text)),
        "issn": len(_ISSN.findall(text)),
        "published": len(_PUBLISHED.findall(text)),
        "export": len(_EXPORT.findall(text)),
        "affiliations": len(_AFFILIATION.findall(text)),
        "ris": len(_RIS.findall(text)),
        "author_list": len(_AUTHOR_LIST.findall(text)) + 2 * len(_AUTHORS_LABEL.findall(text)),
        "citations": len(_CITATION.findall(text)),
        "wiki_headings": len(_WIKI_HEADING.findall(text)),
        "see_also": len(_SEE_ALSO.findall(text)),
        "wiki_words": len(_WIKI_WORD.findall(head)),
        "definition_first": float(bool(_DEFINITION.match(_first_sentence(first_prose)))),
        "byline_top": len(_BYLINE.findall(head)),
        "dates_top": sum(1 for line in head.split("\n") if _stamp(line)),
        "blog_chrome": len(_BLOG_CHROME.findall(text)),
    }
