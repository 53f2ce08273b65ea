"""perfsite.site.sitemap: the shell's entry becomes every programme URL, a listing shell's the
listing pages written from it, another page's itself and the pages written after it; past the
protocol's 50,000 URLs a file, sitemap.xml becomes an index of sitemap-N.xml files."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from perfsite.site import sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SHELL = "projects/0/perfsite-shell/"
MKDOCS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.gov.cn/jxgk/</loc>
         <lastmod>2026-01-02</lastmod>
    </url>
    <url>
         <loc>https://example.gov.cn/jxgk/projects/0/perfsite-shell/</loc>
         <lastmod>2026-01-02</lastmod>
    </url>
    <url>
         <loc>https://example.gov.cn/jxgk/search/</loc>
         <lastmod>2026-01-02</lastmod>
    </url>
</urlset>"""
URLS = [f"projects/2024/p{i}/" for i in range(7)]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "sitemap.xml").write_text(MKDOCS, encoding="utf-8")
    with gzip.GzipFile(tmp_path / "sitemap.xml.gz", "wb", mtime=1234) as out:
        out.write(MKDOCS.encode())
    return tmp_path


def locs(path: Path, tag: str = "url") -> list[str]:
    return [e.text or "" for e in ET.parse(path).getroot().iterfind(f"s:{tag}/s:loc", NS)]


def test_the_shell_entry_becomes_every_programme_in_order(site: Path) -> None:
    sitemap.fix_sitemap(site, {SHELL: URLS})
    base = "https://example.gov.cn/jxgk/"
    assert locs(site / "sitemap.xml") == [base] + [base + u for u in URLS] + [base + "search/"]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == 1234  # MkDocs' time kept


def test_too_many_urls_give_a_sitemap_index(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 4)
    sitemap.fix_sitemap(site, {SHELL: URLS})
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = locs(site / "sitemap.xml", "sitemap")
    assert parts == [f"https://example.gov.cn/jxgk/sitemap-{n}.xml" for n in (1, 2, 3)]
    found = [loc for n in (1, 2, 3) for loc in locs(site / f"sitemap-{n}.xml")]
    assert len(found) == len(URLS) + 2 == len(set(found))
    assert all(len(locs(site / f"sitemap-{n}.xml")) <= 4 for n in (1, 2, 3))
    for n in (1, 2, 3):
        gz = site / f"sitemap-{n}.xml.gz"
        assert gzip.decompress(gz.read_bytes()) == (site / f"sitemap-{n}.xml").read_bytes()


def test_a_sitemap_without_the_shell_is_left_alone(site: Path) -> None:
    text = MKDOCS.replace(SHELL, "other/")
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    sitemap.fix_sitemap(site, {SHELL: URLS})
    assert (site / "sitemap.xml").read_text(encoding="utf-8") == text


def test_urls_are_escaped(site: Path) -> None:
    sitemap.fix_sitemap(site, {SHELL: ["projects/2024/a&b/"]})
    assert "https://example.gov.cn/jxgk/projects/2024/a&b/" in locs(site / "sitemap.xml")


def test_pages_written_from_shells_go_where_mkdocs_listed_them(site: Path) -> None:
    text = MKDOCS.replace("<loc>https://example.gov.cn/jxgk/search/</loc>", "<loc>https://example.gov.cn/jxgk/search/</loc>"
                          "\n         <lastmod>2026-01-03</lastmod>\n    </url>\n    <url>\n"
                          "         <loc>https://example.gov.cn/jxgk/years/Perfsite-Shell/</loc>", 1)
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    sitemap.fix_sitemap(site, {SHELL: URLS[:1], "": ["", "years/2024/"], "years/Perfsite-Shell/": ["years/2023/"]})
    base = "https://example.gov.cn/jxgk/"
    assert locs(site / "sitemap.xml") == [base, base + "years/2024/", base + URLS[0], base + "search/",
                                          base + "years/2023/"]
    written = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert written.count("<lastmod>2026-01-03</lastmod>") == 1  # a page that stays keeps its own lastmod
    assert written.startswith(MKDOCS[:MKDOCS.index("</url>")])  # a page that stays keeps MkDocs' entry
