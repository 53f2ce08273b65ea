"""Render the Markdown subset of `sections` safely: raw HTML never rendered, links http/https/relative only.

Unicode direction controls (U+202A–U+202E, U+2066–U+2069) are shown as visible marks instead of
being obeyed, so a name cannot be made to read backwards on the page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible(text: str) -> str:
    """Replace direction-control characters by a visible ``[U+202E]`` mark."""
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


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
    html = _MD.render(visible(text))
    return html.replace("<a href=", '<a rel="nofollow noopener" href=')


def plain_text(text: str) -> str:
    """The section text without Markdown marks, for search indexes and CSV."""
    tokens = _MD.parse(visible(text))
    words: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            words.append("".join(c.content for c in token.children if c.type in {"text", "code_inline"}))
    return "\n".join(w for w in words if w)
