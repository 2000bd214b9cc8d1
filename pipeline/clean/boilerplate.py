"""Removing page chrome: menus, cookie and share widgets, counters, footers, citation markers.

Works line by line because scrapes put each menu item, widget and paragraph on its own line;
a line is dropped only when it matches a known chrome pattern, so prose is never cut short.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CHROME_LINES = {
    "skip to main content", "skip to content", "main menu", "menu", "home", "about", "about us",
    "contact", "contact us", "search", "advanced search", "log in", "login", "sign in", "sign up",
    "register", "share", "share this", "share this:", "reply", "permalink", "like", "likes", "rss",
    "print", "tweet", "email", "leave a comment", "leave a reply", "subscribe", "back to top",
    "jump to navigation", "jump to search", "toggle navigation", "read more", "next", "previous",
    "accept", "accept all", "accept all cookies", "reject all", "cookie settings", "fbpx",
    "sign in to chat!", "sign in to chat", "report an issue", "related posts", "tags", "categories",
    "comments", "no comments", "follow us", "newsletter", "cancel reply", "view all", "more",
    "research repository", "accessibility", "accessibility statement", "privacy policy",
    "wikipedia", "from wikipedia, the free encyclopedia", "article", "talk", "edit", "view history",
    "no items found", "geen items gevonden", "related", "contents",
}
# Comment-form challenges: "What colour is the word red?", "3 + four = ?", "I'm not a robot".
CAPTCHA = re.compile(r"\bcaptcha\b|\bi'?m not a robot\b|\bprove you(?:'re| are)(?: not a robot| human)|"
                     r"^what colou?r is the word \w+\??$|^what is \w+ (?:\+|plus|times|minus) \w+\s*\??$|"
                     r"\b\w+ [+×x] \w+ = \?$", re.I)

_CHROME_PATTERNS = [
    CAPTCHA,
    re.compile(r"^views:\s*\d+$", re.I),
    re.compile(r"^\d+\s+(likes?|comments?|replies|views|shares?)$", re.I),
    re.compile(r"^(©|\(c\)|copyright\b)", re.I),
    re.compile(r"\ball rights reserved\b", re.I),
    re.compile(r"^powered by\b", re.I),
    re.compile(r"^share this:?\s", re.I),
    re.compile(r"^(subscribe|sign up) (to|for) (our|the) newsletter", re.I),
    re.compile(r"\bterms (of service|of use|and conditions)\b.*\|", re.I),
    re.compile(r"\|\s*(privacy|terms|cookies|contact)\b", re.I),
    # menus: several short items separated by |, / or bullets ("Home | About | Blog | Contact")
    re.compile(r"^(?:[\w&'’ -]{1,25}\s*[|/•·»]\s*){2,}[\w&'’ -]{1,25}$"),
    # ... or by runs of spaces, as text scrapes of a nav bar come out ("Home  About  Blog")
    re.compile(r"^(?:[A-Z][\w&'’-]{0,20}(?: [\w&'’-]{1,20})?\s{2,}){2,}[A-Z][\w&'’-]{0,20}$"),
    re.compile(r"^like (this|loading)\b", re.I),
    re.compile(r"^tags?:\s", re.I),
    re.compile(r"^likes?\s+\d+$", re.I),
    re.compile(r"^\d+ (members?|people) likes? this$", re.I),
    re.compile(r"^share( on)?(\s+(twitter|facebook|linkedin|email|whatsapp|reddit))+$", re.I),
    re.compile(r"^(all discussions|my discussions|view discussions|welcome to|or sign in|sign in or)\b", re.I),
    re.compile(r"^badges\s*\|", re.I),
    re.compile(r"^jump to (navigation|content|search)\b", re.I),
    re.compile(r"^(categories|category|posted in|filed under|tagged(?: with)?|topics)\s*:", re.I),
    re.compile(r"^(?:[\w&'’ -]{1,25}\s*>\s*){2,}[\w&'’ -]{1,25}$"),  # breadcrumbs: Home > Blog > Post
    re.compile(r"^(not to be confused with|this article is about|for other uses|\S+ redirects here)\b", re.I),
    re.compile(r"^\[(image|file|figure|photo):", re.I),
    re.compile(r"^from (wikipedia|the free\b.*encyclopedia)\b", re.I),
    re.compile(r"\(required\)\s*$", re.I),
    re.compile(r"^[<«]?\s*previous post\b|\bnext post\s*[>»]?$", re.I),
]
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_CONTEXT = re.compile(r"\b(use|uses|accept|consent|browsing|website|site|experience)\b", re.I)
_INLINE = [
    (re.compile(r"\[\s*(\d{1,3}|citation needed|edit)\s*\]", re.I), ""),
    (re.compile(r"\.\.\.\s*\[\s*view full abstract\s*\]", re.I), "..."),
]
_EDIT_SUFFIX = re.compile(r"^(?P<heading>\S.{0,80}?)\s+edit$")


# Asked of the same line by the cleaner, the contact filter and the title readers (and of a
# site's menu lines on every page of it): each line is tested once.
@lru_cache(maxsize=16384)
def is_chrome(line: str) -> bool:
    """True when a stripped line is navigation, a widget, a counter or a footer."""
    text = line.strip()
    if not text:
        return False
    low = text.lower().rstrip(" .:")
    if low in _CHROME_LINES or text.lower() in _CHROME_LINES:
        return True
    if any(p.search(text) for p in _CHROME_PATTERNS):
        return True
    words = text.split()
    return bool(_COOKIE.search(text) and _COOKIE_CONTEXT.search(text) and len(words) <= 45)


def is_keyword_spam(line: str) -> bool:
    """A long comma-separated list of single words: SEO keyword stuffing, or an article
    flattened into its word list (", read, download, free, mp3, ...")."""
    chunks = [c.strip() for c in line.split(",") if c.strip()]
    if len(chunks) < 12:
        return False
    return sum(len(c.split()) for c in chunks) / len(chunks) <= 2.0


def clean_line(line: str) -> str:
    """Strip inline markers: [12] citation marks, '[ view full abstract ]', heading ' edit' tags."""
    for pattern, repl in _INLINE:
        line = pattern.sub(repl, line)
    match = _EDIT_SUFFIX.match(line.strip())
    if match and len(line.split()) <= 8:
        line = match.group("heading")
    return line.rstrip()

