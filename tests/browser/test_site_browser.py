"""The site in headless chromium: index search and filters, a programme page, a paginated listing,
axe-core, phone width. Every page of the sample site is under axe in test_docs_axe.py (listings, docs)
or test_programme_browser.py (programme pages, in every reading mode); here only what those do not
open: the reading modes together, a paginated listing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest_site import DATA
from playwright.sync_api import expect

from perfsite.dataset import load_dataset

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture(scope="module")
def programmes() -> list[Any]:
    return [sp.programme for sp in load_dataset(DATA).programmes]


def open_index(page: Any, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}projects/{query}")
    expect(page.locator("#ps-filters")).to_be_visible()
    expect(page.locator("#ps-count")).not_to_be_empty()


def test_index_search_finds_two_character_words(page: Any, base_url: str, programmes: list[Any]) -> None:
    open_index(page, base_url)
    expect(page.locator("#ps-count")).to_have_text(f"共 {len(programmes)} 个项目")
    expect(page.locator("#ps-fallback")).to_be_hidden()
    for word in ("企业", "教育"):
        expected = [p for p in programmes if word in p.name + p.department + p.region]
        assert expected, f"sample data has no programme matching {word}"
        page.fill("#ps-q", word)
        expect(page.locator("#ps-count")).to_have_text(f"找到 {len(expected)} 个项目（共 {len(programmes)} 个）")
        expect(page.locator("#ps-rows tr")).to_have_count(len(expected))
        for row in page.locator("#ps-rows tr").all_inner_texts():
            assert word in row
        assert parse_qs(urlsplit(page.url).query)["q"] == [word]


def test_filter_changes_count_and_url_and_url_restores_it(page: Any, base_url: str,
                                                          programmes: list[Any]) -> None:
    open_index(page, base_url)
    year = max(p.year for p in programmes)
    count = sum(1 for p in programmes if p.year == year)
    page.select_option("#ps-year", str(year))
    expect(page.locator("#ps-count")).to_have_text(f"找到 {count} 个项目（共 {len(programmes)} 个）")
    assert parse_qs(urlsplit(page.url).query)["year"] == [str(year)]
    page.select_option("#ps-sort", "score-desc")
    shared = page.url
    scores = [float(t) for t in page.locator("#ps-rows tr td[data-label='得分']").all_inner_texts() if t != "—"]
    assert scores == sorted(scores, reverse=True)
    page.goto(shared)
    expect(page.locator("#ps-year")).to_have_value(str(year))
    expect(page.locator("#ps-rows tr")).to_have_count(count)
    page.click("#ps-reset")
    expect(page.locator("#ps-count")).to_have_text(f"共 {len(programmes)} 个项目")
    assert "year=" not in page.url


def test_filters_are_keyboard_usable(page: Any, base_url: str) -> None:
    open_index(page, base_url)
    page.focus("#ps-q")
    page.keyboard.type("教育")
    page.keyboard.press("Tab")
    expect(page.locator("#ps-year")).to_be_focused()
    expect(page.locator("#ps-count")).to_contain_text("找到")


def test_programme_page_renders(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}projects/2021/xiaoshenggui/")
    expect(page.locator("h1")).to_have_text("“小升规”企业奖励资金")
    expect(page.locator(".ps-total-value")).to_have_text("99.10")
    expect(page.locator("table.ps-indicators")).to_be_visible()
    expect(page.locator("table.ps-indicators tfoot")).to_contain_text("99.10")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".ps-pagemeta")).to_contain_text("https://")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('table.ps-indicators thead')).display"
    ) == "table-header-group"


@pytest.mark.parametrize("path", ["", "projects/", "projects/2021/xiaoshenggui/",
                                  "projects/2022/zhongxiaoqiye-fazhan/", "years/2022/", "method/"])
def test_no_page_level_horizontal_scroll_on_a_phone(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(base_url + path)
    tab.wait_for_load_state("load")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


PROGRAMME_PAGES = ["projects/2021/xiaoshenggui/", "projects/2022/zhongxiaoqiye-fazhan/",
                   "projects/2022/jiuye-chuangye-buzhu/"]
SIDEWAYS = """[...document.querySelectorAll('.ps-page *')].filter(e => {
  const s = getComputedStyle(e);
  return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
}).map(e => e.className || e.tagName)"""
BROKEN_FIGURES = """[...document.querySelectorAll(`table.ps-indicators td.ps-keep, table.ps-indicators td.ps-num,
  table.ps-selfeval tbody > tr:not(.ps-subtotal) > td:is(:nth-last-child(7), :nth-last-child(4), :nth-last-child(3))`)]
  .filter(td => td.offsetParent && td.innerText.trim())
  .filter(td => { const r = document.createRange(); r.selectNodeContents(td.firstChild || td);
                  return r.getClientRects().length > 1; })
  .map(td => td.innerText)"""


@pytest.mark.parametrize("path", PROGRAMME_PAGES)
def test_programme_tables_are_cards_on_a_phone(browser: Any, base_url: str, path: str) -> None:
    """At 390 px no region of a programme page scrolls sideways; each indicator is a card naming
    its level path, and no figure breaks from its unit."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(base_url + path)
    assert tab.evaluate(SIDEWAYS) == []
    card = tab.locator("table.ps-indicators tbody tr:not(.ps-subtotal)").first
    assert card.locator(".ps-path").is_visible()
    assert tab.evaluate("getComputedStyle(document.querySelector('table.ps-indicators thead')).position") == "absolute"
    assert tab.evaluate(BROKEN_FIGURES) == []
    context.close()


@pytest.mark.parametrize("path", PROGRAMME_PAGES)
def test_printed_table_is_legible_on_a4(page: Any, base_url: str, path: str) -> None:
    """A4 portrait (210 mm less 24 mm margins ≈ 703 px at 96 dpi): the indicator table fits the
    width, every cell is at least 7 pt wide enough for a figure, and no text overflows its cell."""
    page.set_viewport_size({"width": 703, "height": 1000})
    page.goto(base_url + path)
    page.emulate_media(media="print")
    width = page.evaluate("document.querySelector('table.ps-indicators').getBoundingClientRect().width")
    assert width <= 703
    overflowing = page.evaluate("""[...document.querySelectorAll('table.ps-indicators :is(th, td)')]
      .filter(c => c.offsetParent && c.scrollWidth > c.clientWidth + 1).map(c => c.innerText.slice(0, 20))""")
    assert overflowing == []
    narrowest = page.evaluate("""Math.min(...[...document.querySelectorAll('table.ps-indicators thead th')]
      .map(th => th.getBoundingClientRect().width))""")
    assert narrowest >= 36  # 6 % of the width: room for 100.00 at 8 pt


def axe_serious(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
def test_reading_modes_are_remembered_and_pass_axe(browser: Any, base_url: str, width: int) -> None:
    """大字 and 高对比 are chosen once and kept on the next page; axe finds nothing serious in them."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(base_url + "projects/2022/jiuye-chuangye-buzhu/")
    before = tab.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    tab.get_by_role("button", name="大字").click()
    tab.get_by_role("button", name="高对比").click()
    expect(tab.get_by_role("button", name="大字")).to_have_attribute("aria-pressed", "true")
    tab.goto(base_url + "projects/2021/xiaoshenggui/")
    classes = tab.evaluate("document.documentElement.className")
    assert "ps-large" in classes and "ps-contrast" in classes
    assert tab.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= before * 1.25
    expect(tab.get_by_role("button", name="高对比")).to_have_attribute("aria-pressed", "true")
    assert axe_serious(tab) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_skip_link_reaches_the_content(page: Any, base_url: str) -> None:
    page.goto(base_url + "projects/2021/xiaoshenggui/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("跳至正文")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ps-main"


def test_index_works_without_javascript(browser: Any, base_url: str, programmes: list[Any]) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base_url}projects/")
    expect(tab.locator("#ps-filters")).to_be_hidden()
    expect(tab.locator("#ps-fallback li")).to_have_count(len(programmes))
    context.close()


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The sample site built with the Pagefind full-text index, served on 127.0.0.1."""
    import os

    from conftest_site import build_or_fail, serve

    old = os.environ.get("PERFSITE_SEARCH")
    os.environ["PERFSITE_SEARCH"] = "1"
    try:
        site = build_or_fail(tmp_path_factory.mktemp("search-site") / "out")
    finally:
        if old is None:
            os.environ.pop("PERFSITE_SEARCH")
        else:
            os.environ["PERFSITE_SEARCH"] = old
    with serve(site) as url:
        yield url


@pytest.mark.parametrize(("query", "expected"), [("营养", "营养改善"), ("小升规", "“小升规”企业奖励资金"),
                                                 ("满意度", None)])
def test_fulltext_search_finds_chinese_words(browser: Any, search_site: str, query: str,
                                             expected: str | None) -> None:
    tab = browser.new_page()
    errors: list[str] = []
    outside: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("request", lambda r: None if r.url.startswith((search_site, "data:", "blob:")) else outside.append(r.url))
    tab.goto(f"{search_site}search/?q={query}")
    results = tab.locator("#ps-ft-results a")
    expect(results.first).to_be_visible(timeout=10_000)
    titles = results.all_text_contents()
    if expected:
        assert any(expected in t for t in titles), titles
    href = results.first.get_attribute("href") or ""
    tab.goto(href if href.startswith("http") else search_site.rstrip("/") + href)
    expect(tab.locator("h1").first).to_be_visible()
    assert tab.title() and "404" not in tab.title()
    tab.close()
    assert not errors, errors
    assert not outside, outside


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 120-programme demo site with 3 programmes a listing page (10 pages a year), served."""
    from conftest_site import serve
    from test_site_listings import build_paginated_site

    from perfsite.demo import write_demo

    root = tmp_path_factory.mktemp("paged-site")
    write_demo(120, root / "data", seed=3)
    with serve(build_paginated_site(root / "out", root / "data", 3)) as url:
        yield url


@pytest.mark.parametrize("path", ["years/2024/", "years/2024/page/5/", "years/2024/page/10/"])
def test_paginated_listing_passes_axe_and_fits_a_phone(browser: Any, paged_url: str, path: str) -> None:
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport, locale="zh-CN", is_mobile=viewport["width"] < 500)
        tab = context.new_page()
        tab.goto(paged_url + path)
        expect(tab.locator("nav[aria-label='分页'] [aria-current='page']")).to_be_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, "\n".join(serious)
        context.close()


def test_pager_is_keyboard_usable(browser: Any, paged_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.goto(paged_url + "years/2024/page/5/")
    expect(tab.locator("h1")).to_contain_text("（第 5 页，共 10 页）")
    tab.locator("nav[aria-label='分页'] a[rel='next']").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/years/2024/page/6/")
    expect(tab.locator("nav[aria-label='分页'] [aria-current='page']")).to_have_text("第 6 页（当前页）")
    tab.locator("nav[aria-label='分页'] a[rel='next']").focus()
    tab.keyboard.press("Shift+Tab")  # back over the numbers: the last page's link
    expect(tab.locator("nav[aria-label='分页'] a").filter(has_text="第 10 页")).to_be_focused()
    context.close()
