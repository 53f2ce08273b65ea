"""sitemap.xml with every page: MkDocs lists its own pages and the shells; the programme
shell's entry is replaced by all programme URLs, the listing pages written from shells go in
after the page MkDocs rendered before them, as MkDocs listed them.

The sitemap protocol allows 50,000 URLs (and 50 MB) per file. Past that, sitemap.xml becomes a
sitemap index naming sitemap-1.xml, sitemap-2.xml, … of at most MAX_URLS entries each, so a site
of 100,000 programmes is still crawled whole.
"""

from __future__ import annotations

import gzip
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

MAX_URLS = 50_000
"""URLs per sitemap file (the protocol's limit)."""
_URL_BLOCK = re.compile(r"\n?[ \t]*<url>\s*<loc>([^<]*)</loc>(?:\s*<lastmod>([^<]*)</lastmod>)?\s*</url>")
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def fix_sitemap(site_dir: Path, replaced: Mapping[str, list[str]], today: str = "") -> None:
    """Put in sitemap.xml (and .gz) the pages MkDocs did not render: `replaced` maps the address
    of a page MkDocs listed (first the programme shell, which gives the site's prefix) to the
    addresses listed in its entry's place, in page order, with its lastmod: the page itself
    among them keeps its entry as MkDocs wrote it, a shell's entry goes. Split into a sitemap
    index when there are too many URLs.

    `today`, the build date every page shows (dates.build_date, in Beijing time), is every
    entry's lastmod: MkDocs writes the UTC date, a day behind it from 16:00 to 24:00 UTC."""
    path = site_dir / "sitemap.xml"
    if not path.exists() or not replaced:
        return
    text = path.read_text(encoding="utf-8")
    blocks = [_Block(m.group(1), today if today and m.group(2) else m.group(2)) for m in _URL_BLOCK.finditer(text)]
    first = next(iter(replaced))
    shell = next((m for m in blocks if m.loc.endswith(first)), None)
    if shell is None:
        return
    prefix, lastmod = shell.loc[: -len(first)], shell.lastmod
    entries = []
    for m in blocks:
        url = m.loc.removeprefix(prefix) if m.loc.startswith(prefix) else None
        if url not in replaced:
            entries.append(_entry(m.loc, m.lastmod))
            continue
        entries += [_entry(m.loc, m.lastmod) if listed == url else _entry(html.escape(prefix + listed), m.lastmod)
                    for listed in replaced[url]]
    gz = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(gz.read_bytes()[4:8], "little") if gz.exists() else 0
    if len(entries) <= MAX_URLS:
        _write(path, _urlset(entries), mtime)
        return
    names = []
    for number, start in enumerate(range(0, len(entries), MAX_URLS), start=1):
        names.append(f"sitemap-{number}.xml")
        _write(site_dir / names[-1], _urlset(entries[start:start + MAX_URLS]), mtime)
    _write(path, _index(prefix, names, lastmod), mtime)


class _Block(NamedTuple):
    """One <url> of MkDocs' sitemap: its address (escaped) and the lastmod it is given."""

    loc: str
    lastmod: str | None


def _entry(loc: str, lastmod: str | None) -> str:
    """One <url> as MkDocs writes it (loc already escaped)."""
    return (f"\n    <url>\n         <loc>{loc}</loc>\n"
            + (f"         <lastmod>{lastmod}</lastmod>\n" if lastmod else "") + "    </url>")


def _urlset(entries: list[str]) -> str:
    return _HEAD + _URLSET + "".join(entries) + "\n</urlset>"


def _index(prefix: str, names: list[str], lastmod: str | None) -> str:
    items = "".join(f"\n    <sitemap>\n         <loc>{html.escape(prefix + name)}</loc>\n"
                    + (f"         <lastmod>{lastmod}</lastmod>\n" if lastmod else "") + "    </sitemap>"
                    for name in names)
    return _HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + items + "\n</sitemapindex>"


def _write(path: Path, text: str, mtime: int) -> None:
    """The file and its .gz twin (gzip header time kept from MkDocs', so builds stay byte-identical)."""
    path.write_text(text, encoding="utf-8")
    gz = path.with_name(path.name + ".gz")
    with gz.open("wb") as handle, gzip.GzipFile(fileobj=handle, filename=str(gz), mode="wb", mtime=mtime) as out:
        out.write(text.encode("utf-8"))
