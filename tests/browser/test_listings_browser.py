"""项目查询 in headless chromium: the 复算不一致 filter, counts per filter value, sorting by the
column headers (mouse and keyboard, aria-sort), the 执行率 column and the 全文检索 link shown when
nothing matches; the listings at phone width."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest_site import DATA
from playwright.sync_api import expect

from perfsite.dataset import load_dataset
from perfsite.decimals import fmt2

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def programmes() -> list[Any]:
    return load_dataset(DATA).programmes


def open_index(page: Any, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}projects/{query}")
    expect(page.locator("#ps-filters")).to_be_visible()
    expect(page.locator("#ps-count")).not_to_be_empty()


def cell_texts(page: Any, label: str) -> list[str]:
    """The text of one column's cells, without marks and tags (their own text nodes only)."""
    return page.locator(f"#ps-rows td[data-label='{label}']").evaluate_all(
        "cells => cells.map(c => Array.from(c.childNodes).filter(n => n.nodeType === 3)"
        ".map(n => n.textContent).join('').trim())")


def test_discrepancy_filter_lists_exactly_the_programmes_whose_published_total_disagrees(
        page: Any, base_url: str, programmes: list[Any]) -> None:
    disagree = [sp for sp in programmes if sp.programme.reported_score is not None and sp.total is not None
                and abs(sp.programme.reported_score - sp.total) > Decimal("0.1")]
    assert disagree, "the sample data has a programme whose published total disagrees (jiuye-chuangye-buzhu)"
    open_index(page, base_url)
    expect(page.locator("#ps-check option[value='discrepancy']")).to_have_text(f"复算不一致（{len(disagree)}）")
    page.select_option("#ps-check", "discrepancy")
    expect(page.locator("#ps-rows tr")).to_have_count(len(disagree))
    names = page.locator("#ps-rows th a").all_inner_texts()
    assert sorted(names) == sorted(sp.programme.name for sp in disagree)
    assert parse_qs(urlsplit(page.url).query)["check"] == ["discrepancy"]
    # the list leads with the published total, the recomputation beside it with its mark
    shown = dict(zip(names, zip(cell_texts(page, "得分"), cell_texts(page, "复算"), strict=True), strict=True))
    assert shown == {sp.programme.name: (fmt2(sp.programme.reported_score), fmt2(sp.total)) for sp in disagree}
    expect(page.locator("#ps-rows td[data-label='复算'] .ps-mark--discrepancy")).to_have_count(len(disagree))


def test_counts_per_filter_value_follow_the_other_filters(page: Any, base_url: str, programmes: list[Any]) -> None:
    open_index(page, base_url)
    expect(page.locator("#ps-year option[value='']")).to_have_text(f"全部年度（{len(programmes)}）")
    year = 2022
    in_year = [sp for sp in programmes if sp.programme.year == year]
    for y in {sp.programme.year for sp in programmes}:
        n = sum(1 for sp in programmes if sp.programme.year == y)
        expect(page.locator(f"#ps-year option[value='{y}']")).to_have_text(f"{y}年度（{n}）")
    page.select_option("#ps-year", str(year))
    expect(page.locator("#ps-dept option[value='']")).to_have_text(f"全部部门（{len(in_year)}）")
    unstated = sum(1 for sp in in_year if sp.programme.department == "未载明")
    assert unstated, "2022 has a programme whose department is 未载明 (zhongxiaoqiye-fazhan)"
    expect(page.locator("#ps-dept option[value='未载明']")).to_have_text(f"未载明部门（{unstated}）")
    # the year filter's own counts do not shrink when a year is chosen
    expect(page.locator("#ps-year option[value='']")).to_have_text(f"全部年度（{len(programmes)}）")


def test_column_headers_sort_with_mouse_and_keyboard(page: Any, base_url: str) -> None:
    open_index(page, base_url)
    score = page.locator("#ps-results th[data-sort='score']")
    year = page.locator("#ps-results th[data-sort='year']")
    expect(year).to_have_attribute("aria-sort", "descending")
    expect(score).to_have_attribute("aria-sort", "none")
    score.locator("button").click()
    expect(score).to_have_attribute("aria-sort", "descending")
    expect(year).to_have_attribute("aria-sort", "none")
    shown = [Decimal(t) for t in cell_texts(page, "得分") if t != "—"]
    assert shown == sorted(shown, reverse=True) and len(shown) > 2
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["score-desc"]
    expect(page.locator("#ps-sort")).to_have_value("score-desc")
    score.locator("button").focus()
    page.keyboard.press("Enter")
    expect(score).to_have_attribute("aria-sort", "ascending")
    shown = [Decimal(t) for t in cell_texts(page, "得分") if t != "—"]
    assert shown == sorted(shown)
    rate = page.locator("#ps-results th[data-sort='rate'] button")
    rate.focus()
    page.keyboard.press("Space")
    rates = [Decimal(t.rstrip("%")) for t in cell_texts(page, "执行率") if t != "—"]
    assert rates == sorted(rates, reverse=True) and len(rates) > 2


def test_nothing_found_links_to_full_text_search(page: Any, base_url: str) -> None:
    word = "没有这个词"
    open_index(page, base_url)
    page.fill("#ps-q", word)
    expect(page.locator("#ps-empty")).to_be_visible()
    expect(page.locator("#ps-results")).to_be_hidden()
    link = page.locator("#ps-empty-search")
    href = link.get_attribute("href") or ""
    assert urlsplit(href).path.endswith("search/") and unquote(urlsplit(href).query) == f"q={word}"
    link.click()
    page.wait_for_url("**/search/?q=*")
    page.go_back()
    page.fill("#ps-q", "")
    expect(page.locator("#ps-empty")).to_be_hidden()
    expect(page.locator("#ps-rows tr").first).to_be_visible()


@pytest.mark.parametrize("path", ["projects/", "departments/", "departments/示例县教育局/", "years/2022/"])
def test_listings_fit_a_phone(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    try:
        tab = context.new_page()
        tab.goto(base_url + path)
        if path == "projects/":
            expect(tab.locator("#ps-rows tr").first).to_be_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["departments/", "departments/示例县教育局/", "regions/",
                                  "projects/?check=discrepancy&sort=score-asc", "projects/?q=没有这个词"])
def test_listings_and_finder_states_pass_axe(browser: Any, base_url: str, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    try:
        tab = context.new_page()
        tab.goto(base_url + path)
        if path.startswith("projects/"):
            expect(tab.locator("#ps-count")).not_to_be_empty()
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, "\n".join(serious)
    finally:
        context.close()
