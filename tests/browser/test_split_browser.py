"""Reading a big site, on a small one split as a big one is: 项目查询 opens on the newest year and
loads another year's part when a reader chooses it (全部年度 with a visible 加载中), its filters,
counts, sort and export over the years loaded; 全文检索 searches the newest year's index first
and the older years' on request, or when the newest year finds nothing."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from conftest_site import Tab as SiteTab
from conftest_site import built_and_served
from playwright.sync_api import expect

from perfsite.dataset import load_dataset
from perfsite.demo import write_demo

pytestmark = pytest.mark.browser

OLD_WORD = "麒麟鹦鹉"
"""Only in one 2021 programme: the newest year's index does not have it."""
OLD = f"""\
id: only-old
name: {OLD_WORD}保护项目
year: 2021
department: 文化和旅游局
region: 翼城县
evaluation: 单位自评
sections:
  项目概况: 救护{OLD_WORD} 12 只。
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: 修复册数
    weight: 100
    target: "≥10册"
    actual: "12册"
    score: 100
reported: {{score: 100}}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 demo programmes over 2021–2024 and one more in 2021."""
    root = tmp_path_factory.mktemp("split") / "data"
    write_demo(60, root, seed=5)
    (root / "2021" / "old").mkdir(parents=True)
    (root / "2021" / "old" / "only-old.yaml").write_text(OLD, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def rows(data: Path) -> list[dict[str, Any]]:
    """Each programme's year, name, region and department, as the list shows them."""
    out = []
    for sp in load_dataset(data).programmes:
        p = sp.programme
        out.append({"year": str(p.year), "name": p.name, "region": p.region, "dept": p.department})
    return out


@pytest.fixture(scope="module")
def site_url(data: Path) -> Iterator[str]:
    """The site built as a big one is: the page loads one year (one row allowed), search merges
    the newest year's index at first (a budget of 0 KB, which no site fits)."""
    with built_and_served(data.parent / "out", data, PERFSITE_SEARCH="1", PERFSITE_OPENDATA="0",
                          PERFSITE_INDEX_FIRST_ROWS="1", PERFSITE_SEARCH_FIRST_KB="0") as url:
        yield url


class Tab(SiteTab):
    """A tab on 项目查询 that knows which year parts it loaded."""

    def __init__(self, browser: Any, base_url: str, **options: Any):
        super().__init__(browser, base_url, accept_downloads=True, **options)

    def parts(self) -> list[str]:
        """The index parts fetched so far, by year."""
        return sorted(u.rsplit("/", 1)[1].removesuffix(".json") for u in self.requests if "/projects/index/" in u)

    def open(self, query: str = "") -> Any:
        self.page.goto(f"{self.base_url}projects/{query}")
        expect(self.page.locator("#ps-filters")).to_be_visible()
        self.ready()
        return self.page

    def ready(self) -> None:
        expect(self.page.locator("#ps-index")).not_to_have_attribute("aria-busy", "true")
        expect(self.page.locator("#ps-count")).not_to_contain_text("加载中")

    def names(self) -> list[str]:
        while self.page.locator("#ps-more").is_visible():
            self.page.click("#ps-more")
        return self.page.locator("#ps-rows th a").all_inner_texts()


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    opened = Tab(browser, site_url)
    yield opened
    opened.close()


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_the_page_opens_on_the_newest_year_and_loads_only_its_part(tab: Tab, rows: list[dict[str, Any]]) -> None:
    page = tab.open()
    years = Counter(r["year"] for r in rows)
    expect(page.locator("#ps-year")).to_have_value("2024")
    expect(page.locator("#ps-count")).to_have_text(f"找到 {years['2024']} 个项目（共 {len(rows)} 个）")
    assert tab.parts() == ["2024"]
    assert sorted(tab.names()) == sorted(r["name"] for r in rows if r["year"] == "2024")
    # a year not loaded gives its size, not a count under the other filters
    expect(page.locator("#ps-year option[value='2023']")).to_have_text(f"2023年度（共 {years['2023']} 个）")
    expect(page.locator("#ps-year option[value='']")).to_have_text(f"全部年度（共 {len(rows)} 个）")
    assert "year" not in query(page)  # the default is not written into the address
    expect(page.locator(".ps-lead")).to_contain_text("本页先载入2024年度的数据")


def test_all_years_shows_loading_then_counts_across_every_year(tab: Tab, rows: list[dict[str, Any]]) -> None:
    page = tab.open()
    held: list[Any] = []
    page.route("**/projects/index/20*.json", lambda route: held.append(route))
    page.select_option("#ps-year", "")
    expect(page.locator("#ps-count")).to_contain_text("加载中")
    expect(page.locator("#ps-index")).to_have_attribute("aria-busy", "true")
    expect(page.locator("#ps-results")).to_be_hidden()
    expect(page.locator("#ps-count")).to_contain_text("已载入 1/4 个年度")
    for _ in range(200):  # the three requests reach the handler as Playwright dispatches events
        if len(held) == 3:
            break
        page.wait_for_timeout(25)
    assert len(held) == 3
    for route in held:
        route.continue_()
    tab.ready()
    assert tab.parts() == ["2021", "2022", "2023", "2024"]
    expect(page.locator("#ps-count")).to_have_text(f"共 {len(rows)} 个项目")
    assert query(page)["year"] == ["all"]
    for year, n in Counter(r["year"] for r in rows).items():
        expect(page.locator(f"#ps-year option[value='{year}']")).to_have_text(f"{year}年度（{n}）")
    region, n = Counter(r["region"] for r in rows).most_common(1)[0]
    expect(page.locator(f"#ps-region option[value='{region}']")).to_have_text(f"{region}（{n}）")
    page.select_option("#ps-region", region)
    depts = Counter(r["dept"] for r in rows if r["region"] == region)
    for dept, count in depts.items():
        expect(page.locator(f"#ps-dept option[value='{dept}']")).to_have_text(f"{dept}（{count}）")


def test_a_filter_across_two_years_finds_the_rows_of_both(tab: Tab, rows: list[dict[str, Any]]) -> None:
    page = tab.open("?year=2022")
    expect(page.locator("#ps-year")).to_have_value("2022")
    assert "2022" in tab.parts() and "2023" not in tab.parts()
    assert sorted(tab.names()) == sorted(r["name"] for r in rows if r["year"] == "2022")
    page.select_option("#ps-year", "")
    tab.ready()
    region = Counter(r["region"] for r in rows if r["year"] in ("2021", "2022")).most_common(1)[0][0]
    page.select_option("#ps-region", region)
    expected = [r for r in rows if r["region"] == region]
    assert len({r["year"] for r in expected}) >= 2, "the demo data should spread a region over years"
    expect(page.locator("#ps-count")).to_have_text(f"找到 {len(expected)} 个项目（共 {len(rows)} 个）")
    assert sorted(tab.names()) == sorted(r["name"] for r in expected)
    shown_years = set(page.locator("#ps-rows td[data-label='年度']").all_inner_texts())
    assert shown_years == {r["year"] for r in expected}


def test_sort_and_export_cover_every_loaded_year(tab: Tab, rows: list[dict[str, Any]]) -> None:
    page = tab.open("?year=all&sort=score-desc")
    tab.ready()
    scores = [s for s in page.locator("#ps-rows td[data-label='得分']").evaluate_all(
        "cells => cells.map(c => c.firstChild ? c.firstChild.textContent : '')") if s != "—"]
    assert [float(s) for s in scores] == sorted((float(s) for s in scores), reverse=True)
    with page.expect_download() as info:
        page.click("#ps-export")
    records = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"), newline="")))[1:]
    assert len(records) == len(rows)  # every year, not only the hundred rows drawn
    assert sorted(r[1] for r in records) == sorted(r["name"] for r in rows)
    assert {r[0] for r in records} == {"2021", "2022", "2023", "2024"}


def test_nothing_found_in_all_years_says_so(tab: Tab) -> None:
    page = tab.open("?year=all")
    page.fill("#ps-q", "没有这个词")
    expect(page.locator("#ps-empty")).to_be_visible()
    expect(page.locator("#ps-results")).to_be_hidden()
    expect(page.locator("#ps-count")).to_contain_text("找到 0 个项目")


def test_reset_returns_to_the_newest_year(tab: Tab) -> None:
    page = tab.open("?year=2021&q=项目")
    page.click("#ps-reset")
    expect(page.locator("#ps-year")).to_have_value("2024")
    expect(page.locator("#ps-q")).to_have_value("")
    tab.ready()
    assert "year" not in query(page) and "q" not in query(page)


def test_without_javascript_the_year_lists_remain(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}projects/")
        expect(page.locator("#ps-fallback")).to_be_visible()
        expect(page.locator("#ps-fallback h2")).to_have_count(4)
        assert page.locator("#ps-fallback a[href^='2021/']").count() >= 1
    finally:
        context.close()


def search(tab: Tab, word: str) -> Any:
    tab.page.goto(f"{tab.base_url}search/?q={quote(word)}")
    expect(tab.page.locator("#ps-ft-results a").first).to_be_visible(timeout=15_000)
    tab.page.wait_for_load_state("networkidle")
    return tab.page


def indexes(tab: Tab) -> set[str]:
    """The year indexes fetched so far."""
    return {u.split("/pagefind/", 1)[1].split("/", 1)[0] for u in tab.requests
            if "/pagefind/20" in u}


def test_search_looks_in_the_newest_year_first_and_in_all_on_request(tab: Tab) -> None:
    page = search(tab, "项目")
    assert indexes(tab) == {"2024"}
    hrefs = page.locator("#ps-ft-results a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert all(h.startswith("/projects/2024/") for h in hrefs if h.startswith("/projects/"))
    expect(page.locator("#ps-ft-scope")).to_be_visible()
    expect(page.locator("#ps-ft-wider")).to_have_text("同时检索2021–2023年度")
    first = page.locator("#ps-ft-status").inner_text()
    page.click("#ps-ft-wider")
    page.wait_for_function("new URLSearchParams(location.search).get('years') === 'all'")
    expect(page.locator("#ps-ft-results a").first).to_be_visible()
    expect(page.locator("#ps-ft-status")).not_to_have_text(first)
    expect(page.locator("#ps-ft-scope")).to_be_hidden()
    assert indexes(tab) == {"2021", "2022", "2023", "2024"}
    expect(page.locator("#ps-ft-q")).to_be_focused()


def test_a_word_only_in_an_older_year_is_found_without_asking(tab: Tab) -> None:
    page = search(tab, OLD_WORD)
    expect(page.locator("#ps-ft-results a").first).to_contain_text(f"{OLD_WORD}保护项目（2021年度）")
    assert query(page)["years"] == ["all"]
    expect(page.locator("#ps-ft-scope")).to_be_hidden()
