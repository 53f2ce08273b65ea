"""Listing pages (per year, region, department): rows built in Python, and pagination."""

from __future__ import annotations

import math
import os
import posixpath
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest_site import REPO

from perfsite.demo import write_demo
from perfsite.site import pages
from perfsite.site.listing_rows import VERDICT_MARK, pager_numbers, programme_rows
from perfsite.site.model import SiteBuild, SitePage
from perfsite.site.pages import Builder, sort_rows
from perfsite.site.render import grade_classifier, relative_url, standard
from perfsite.siteconfig import SiteConfig

HOSTILE = '<script>alert("x")</script>&\'项目'

# The programme table's loop as _macros.html had it before rows were built in Python (with the
# badges from _macros.html itself): the reference the Python rows must match byte for byte.
REFERENCE_LOOP = """\
{% from "_macros.html" import grade_badge, sample_badge with context %}
  {% for p in items %}
    <tr>
      {% if show_year %}<td class="ps-num" data-label="年度">{{ p.year }}</td>{% endif %}
      <th scope="row"><a href="{{ url(p.url) }}">{{ p.name }}</a>{{ sample_badge(p.sample) }}</th>
      <td data-label="主管部门">{{ p.department }}</td>
      <td data-label="地区">{{ p.region or "—" }}</td>
      <td class="ps-num" data-label="全年预算（万元）">{{ p.budget_wan | num }}</td>
      <td class="ps-num" data-label="执行率">{{ p.execution_rate | pct }}</td>
      <td class="ps-num" data-label="得分">{{ p.score or "—" }}{% if p.source != "published" and p.score %}<span class="ps-src" title="原文未公布总分，这是本站复算的得分">复算</span>{% endif %}</td>
      <td class="ps-num" data-label="复算">{{ p.total or "—" }}{{ marks.get(p.verdict, "") | safe }}</td>
      <td data-label="等级">{{ grade_badge(p.grade, "") }}</td>
    </tr>
  {% endfor %}
"""


def make_rows(n: int = 23) -> list[dict[str, Any]]:
    """List rows (listing_row's shape) over two years and three regions, with ties, ungraded,
    unbudgeted, sample and hostile rows."""
    rows = []
    for i in range(n):
        year = 2023 + i % 2
        rows.append({
            "url": f"projects/{year}/p{i:03d}/", "year": year,
            "name": HOSTILE if i % 7 == 3 else f"项目{i:03d}",
            "department": f'"部门{i % 2}"' if i % 5 == 0 else f"部门{i % 2}",
            "region": ["甲县", "乙县", ""][i % 3], "evaluation": "单位自评",
            "score": None if i % 6 == 5 else f"{60 + (i * 7) % 40}.{i % 10}0",
            "grade": None if i % 6 == 5 else ["优", "良", "中", "差", "<b>特</b>"][i % 5],
            "source": "computed" if i % 3 == 1 else "published",
            "total": None if i % 6 == 5 else f"{60 + (i * 7) % 40}.{(i + i % 4) % 10}0",
            "verdict": ["match", "computed", "rounding", "discrepancy", "none"][i % 5],
            "sample": i % 4 == 0,
            "budget_wan": None if i % 8 == 7 else f"{1000 + i * 12345}.50",
            "spent_wan": None if i % 8 == 7 else f"{900 + i * 10000}.25",
            "execution_rate": None if i % 8 == 7 else "98.10",
        })
    return rows


def build(rows: list[dict[str, Any]]) -> SiteBuild:
    return Builder(SiteConfig(), rows).run()


def listing_pages(site: SiteBuild) -> dict[str, SitePage]:
    return {p.url: p for p in site.pages if p.kind == "listing"}


def doc(page: SitePage) -> Any:
    return lxml.html.fromstring(f"<div>{page.html}</div>")


def resolve(href: str, page_url: str) -> str:
    """A relative link on the page at `page_url` as a site path ("" for the home page)."""
    path = posixpath.normpath(posixpath.join("/" + page_url, href)).lstrip("/")
    return path + "/" if href.endswith("/") and path else path


def row_links(page: SitePage) -> list[str]:
    return [resolve(a.get("href"), page.url) for a in doc(page).xpath("//table[contains(@class, 'ps-list')]//tbody/tr/th/a")]


def numbered_pages(site: SiteBuild, url: str) -> list[SitePage]:
    """The pages of the listing at `url` in order: url, url/page/2/, … (as many as exist)."""
    by_url = listing_pages(site)
    found = [by_url[url]]
    while f"{url}page/{len(found) + 1}/" in by_url:
        found.append(by_url[f"{url}page/{len(found) + 1}/"])
    return found


LISTINGS = [("years/2023/", lambda r: r["year"] == 2023), ("years/2024/", lambda r: r["year"] == 2024),
            ("regions/甲县/", lambda r: r["region"] == "甲县"), ("departments/部门1/", lambda r: r["department"] == "部门1")]


@pytest.mark.parametrize("show_year", [True, False])
@pytest.mark.parametrize("page_url", ["years/2024/", "", "years/2024/page/3/", "projects/"])
def test_rows_are_the_template_loops_bytes(show_year: bool, page_url: str) -> None:
    odd = {**make_rows(1)[0], "department": None, "year": "<2024>", "region": None, "total": "",
           "budget_wan": "12a<3", "url": "projects/a&b/x/"}
    rows = [*make_rows(), odd]
    grade_class = grade_classifier(SiteConfig())
    expected = standard().env.from_string(REFERENCE_LOOP).render(
        items=rows, show_year=show_year, grade_class=grade_class, url=lambda t: relative_url(t, page_url),
        marks=VERDICT_MARK)
    assert programme_rows(rows, show_year, page_url, grade_class) == expected


@pytest.mark.parametrize(("size", "n"), [(4, 23), (1, 23), (5, 10), (500, 23)])
def test_pages_split_the_listing_in_order(monkeypatch: pytest.MonkeyPatch, size: int, n: int) -> None:
    monkeypatch.setattr(pages, "LISTING_PAGE", size)
    rows = make_rows(n)
    site = build(rows)
    for url, member in LISTINGS:
        expected = [r["url"] for r in sort_rows(filter(member, rows))]
        found = numbered_pages(site, url)
        assert len(found) == math.ceil(len(expected) / size)
        links = [link for page in found for link in row_links(page)]
        assert links == expected  # every row once, in the listing's order
        assert all(len(row_links(page)) == size for page in found[:-1])
        first = doc(found[0])
        years = {r["year"] for r in rows if member(r)}
        if len(years) == 1:
            assert first.xpath("//dl[@class='ps-figures']") and first.xpath("//table[contains(@class, 'ps-dist')]")
        else:  # one row of figures per year: nothing is summed across years
            assert len(first.xpath("//table[contains(@class, 'ps-years')]/tbody/tr")) == len(years)
        for number, page in enumerate(found[1:], start=2):
            assert not doc(page).xpath("//dl[@class='ps-figures'] | //table[contains(@class, 'ps-years')]")
            assert f"（第 {number} 页，共 {len(found)} 页）" in doc(page).xpath("string(//h1)")
            assert not page.in_nav and page.title.endswith(f"项目绩效评价（第 {number} 页，共 {len(found)} 页）")


def test_short_listings_have_no_pager_or_extra_pages() -> None:
    site = build(make_rows())
    assert not any("/page/" in url for url in listing_pages(site))
    assert not any("ps-pager" in page.html for page in site.pages)


def test_pager_links_resolve_and_mark_the_current_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "LISTING_PAGE", 1)
    site = build(make_rows())
    urls = {page.url for page in site.pages}
    for url, _ in LISTINGS:
        found = numbered_pages(site, url)
        for number, page in enumerate(found, start=1):
            navs = doc(page).xpath("//nav[@aria-label='分页']")
            assert len(navs) == 1
            nav = navs[0]
            current = nav.xpath(".//*[@aria-current]")
            assert len(current) == 1 and current[0].tag == "span" and current[0].get("aria-current") == "page"
            assert current[0].text_content() == f"第 {number} 页（当前页）"
            targets = [resolve(a.get("href"), page.url) for a in nav.xpath(".//a")]
            assert set(targets) <= urls
            assert page.url not in targets
            labelled = {a.text_content(): resolve(a.get("href"), page.url) for a in nav.xpath(".//a")}
            assert labelled.get("上一页") == (found[number - 2].url if number > 1 else None)
            assert labelled.get("下一页") == (found[number].url if number < len(found) else None)
            assert labelled.get("第 1 页") == (url if number > 1 else None)
            texts = [item.text_content() for item in nav.xpath(".//li/a | .//li/span")]
            shown = [int(t.split(" ")[1]) for t in texts if t.startswith("第 ")]
            assert shown == [n for n in pager_numbers(number, len(found)) if n]
            if len(found) >= 10:  # first, last, 5 around and 2 single-page fillers at most: 9
                assert nav.xpath(".//li[@aria-hidden='true'][text()='…']")


def test_pager_numbers_keep_first_last_and_a_window() -> None:
    assert pager_numbers(1, 1) == [1]
    assert pager_numbers(1, 10) == [1, 2, 3, None, 10]
    assert pager_numbers(5, 10) == [1, 2, 3, 4, 5, 6, 7, None, 10]
    assert pager_numbers(6, 12) == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert pager_numbers(50, 50) == [1, None, 48, 49, 50]
    assert pager_numbers(3, 5) == [1, 2, 3, 4, 5]


def test_hostile_names_stay_text_on_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "LISTING_PAGE", 3)
    site = build(make_rows())
    for page in site.pages:
        assert "<script>" not in page.html and "<b>特" not in page.html
    names = [a.text_content() for page in numbered_pages(site, "years/2024/")
             for a in doc(page).xpath("//tbody/tr/th/a")]
    assert HOSTILE in names


def build_paginated_site(out: Path, data: Path, page_size: int) -> Path:
    """`mkdocs build --strict` of `data` with LISTING_PAGE = page_size (set in the build's process)."""
    code = ("import sys; import perfsite.site.pages as p; p.LISTING_PAGE = int(sys.argv.pop(1)); "
            "from mkdocs.__main__ import cli; cli()")
    env = {"NO_MKDOCS_2_WARNING": "1", "PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "PERFSITE_OPENDATA": "0"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(page_size), "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml"),
         "-d", str(out)], cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True, timeout=600,
        check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_built_site_pages_exist_and_links_resolve(tmp_path: Path) -> None:
    write_demo(40, tmp_path / "data", seed=3)
    out = build_paginated_site(tmp_path / "out", tmp_path / "data", 3)
    pages_found = sorted(out.glob("years/*/page/*/index.html"))
    assert pages_found
    assert not (out / "feed.xml").exists()  # PERFSITE_OPENDATA=0: no feed, and no page links one
    assert [f for f in out.rglob("index.html") if 'type="application/atom+xml"' in f.read_text(encoding="utf-8")] == []
    for file in [*pages_found, *out.glob("years/*/index.html")]:
        page_dir = file.parent
        tree = lxml.html.fromstring(file.read_text(encoding="utf-8"))
        assert tree.xpath("//nav[@aria-label='分页']//*[@aria-current='page']")
        for href in tree.xpath("//nav[@aria-label='分页']//a/@href | //table//a/@href"):
            assert (page_dir / href / "index.html").resolve().is_file(), (file, href)
