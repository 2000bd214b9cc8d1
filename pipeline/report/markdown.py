"""The report as Markdown, for papers and wikis, from the same context as the HTML page.

Document text is escaped for Markdown: HTML in a forum post must not become markup in a wiki
that renders Markdown, and a stray ``*`` or ``[`` must not turn into emphasis or a link.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, PackageLoader

# Characters that make markup anywhere, and line starts that make headings, lists or quotes.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# (">" needs nothing: it becomes "&gt;", which starts no quote.)
_LINE_START = re.compile(r"^(\s*)([#+-])", re.M)
_ORDERED = re.compile(r"^(\s*\d+)\.(?=\s)", re.M)


def md_escape(value: Any) -> str:
    """Text that a Markdown renderer shows exactly as written."""
    text = str(value if value is not None else "")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    text = _ORDERED.sub(r"\1\\.", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_quote(value: Any) -> str:
    """A block quote: every line escaped and prefixed with '> '."""
    return "\n".join("> " + md_escape(line) if line.strip() else ">" for line in str(value).splitlines())


_URL = re.compile(r"^https?://[^\s<>\\`]+$")


def md_link(value: Any) -> str:
    """A web address as an autolink; anything else as plain escaped text."""
    text = str(value or "")
    return f"<{text}>" if _URL.match(text) else md_escape(text)


def render_markdown(context: dict[str, Any]) -> str:
    env = Environment(loader=PackageLoader("pipeline.report", "templates"), autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["mdquote"] = md_quote
    env.filters["mdlink"] = md_link
    return env.get_template("report.md.j2").render(**context)
