"""数据下载 in a build that writes no /data/ (PERFSITE_OPENDATA=0, a preview): it says so and
links nothing that is not written."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from test_site_listings import make_rows

from perfsite.site import render_site
from perfsite.site.downloads import URL
from perfsite.siteconfig import SiteConfig

REPO = Path(__file__).resolve().parent.parent
DOC_PAGES = {f"{p.stem}/" for p in (REPO / "docs").glob("*.md")}
"""The pages MkDocs writes from docs/ (json/, …): the perfsite pages link some of them."""


def _page(open_data: bool) -> tuple[str, set[str]]:
    built = render_site(SiteConfig(), make_rows(4), open_data=open_data)
    written = {page.url for page in built.pages} | set(built.files) | DOC_PAGES
    return next(page.html for page in built.pages if page.url == URL), written


def _targets(html: str) -> list[str]:
    """Each href on the page as a site path (the page is at downloads/)."""
    out = []
    for href in re.findall(r'href="([^"#?]*)', html):
        if href and not re.match(r"[a-z]+:", href):
            path = posixpath.normpath(posixpath.join(URL, href))
            out.append("" if path == "." else path)
    return out


def test_without_open_data_the_page_says_so_and_every_link_is_written() -> None:
    html, written = _page(open_data=False)
    assert "本次生成的网站没有发布开放数据文件" in html
    missing = [t for t in _targets(html) if t not in written and f"{t}/" not in written]
    assert missing == []
    assert not [t for t in _targets(html) if t.startswith("data") or t == "feed.xml"]
    assert "application/ld+json" not in html  # no Dataset whose downloads are not there
    assert "数据字典" in html and 'data-column="评价年度"' in html  # the dictionary still says what a file holds


def test_with_open_data_the_page_links_the_files() -> None:
    html, _ = _page(open_data=True)
    assert "本次生成的网站没有发布开放数据文件" not in html
    assert {"data/programmes.csv", "data/files.json", "data.json", "feed.xml"} <= set(_targets(html))
