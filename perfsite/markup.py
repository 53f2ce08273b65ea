"""Render the Markdown subset of `sections` safely: raw HTML never rendered, links http/https/relative only.

Unicode direction controls (U+202A–U+202E, U+2066–U+2069) are shown as visible marks instead of
being obeyed, so a name cannot be made to read backwards on the page; `one_line` shows line breaks
and other control characters the same way, where a text must stay one line.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_PLAIN = re.compile("(?!\\d*\\.)[0-9A-Za-z%,.\u0080-\U0010ffff]+")
"""A paragraph Markdown leaves as it is: letters, digits, %,. and non-ASCII (no list marker "1.")."""


def has_controls(text: str) -> bool:
    """Whether `text` has a direction-control character that visible() would replace."""
    return _BIDI.search(text) is not None


def visible(text: str) -> str:
    """Replace direction-control characters by a visible ``[U+202E]`` mark."""
    return _BIDI.sub(_mark, text)


def _mark(found: re.Match[str]) -> str:
    return f"[U+{ord(found.group()):04X}]"


_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Line breaks (LF, CR, NEL, U+2028/2029) and the other control characters (tab, ESC …)."""


def one_line(text: str) -> str:
    """`text` as one line that shows what it holds: line breaks, other control characters and
    direction controls as ``[U+000A]``-style marks (`visible`). For names and form text printed in
    a report or written into a YAML comment: printed as it is, a file named 「a⏎::error file=x::pwn⏎.xlsx」
    adds lines of its own to the report (and a CI annotation), and ends the comment it is written
    in, so that the rest of its name is read as YAML."""
    return _BREAKS.sub(_mark, visible(text))


def safe_link(url: str) -> bool:
    """Only http, https and relative links (no scheme, no protocol-relative ``//host``)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme:
        return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)
    return not url.startswith("//") and not url.startswith("\\")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = safe_link  # type: ignore[method-assign]
    return md


_MD = _parser()


def render_markdown(text: str) -> str:
    """Safe HTML for a section's text; a link that is not allowed stays as plain text."""
    text = visible(text)
    plain = plain_paragraphs(text)
    if plain is not None:
        return plain
    html = _MD.render(text)
    return html.replace("<a href=", '<a rel="nofollow noopener" href=')


def plain_paragraphs(text: str) -> str | None:
    """The parser's HTML for text that is only plain paragraphs (most sections), without parsing
    it (a tenth of the time); None for anything else. tests/test_markup.py checks it matches."""
    paragraphs = text.split("\n\n")
    if not all(_PLAIN.fullmatch(p) and p.strip() == p for p in paragraphs):
        return None
    return "".join(f"<p>{p}</p>\n" for p in paragraphs)
