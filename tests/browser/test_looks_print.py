"""Pages as auditors print them, in headless chromium's print media at the width of an A4 page's
text (210 mm less 12 mm margins each side, perfsite.css @page): geometry and computed style,
never pixels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

A4_TEXT_WIDTH = 703
"""186 mm at 96 px per inch: the width chromium lays a printed A4 page's text out in."""

OVERVIEWS = ["", "years/2022/", "years/2023/"]
"""The home page and two year listings: each opens with the figures and the grade chart."""

SPILL = """() => [...document.querySelectorAll('.ps-figures > div')].flatMap(box => {
  const outer = box.getBoundingClientRect();
  return [...box.querySelectorAll('dt, dd')].map(line => {
    const range = document.createRange();
    range.selectNodeContents(line);
    const text = range.getBoundingClientRect();
    return [line.textContent.trim(), Math.round(text.right - outer.right), Math.round(outer.width)];
  });
}).filter(([, past]) => past > 0)"""


@pytest.fixture
def paper(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": A4_TEXT_WIDTH, "height": 1000}, locale="zh-CN")
    tab = context.new_page()
    tab.emulate_media(media="print")
    yield tab
    context.close()


@pytest.mark.parametrize("path", OVERVIEWS)
def test_printed_overview_figures_stay_inside_their_boxes(paper: Any, base_url: str, path: str) -> None:
    """Every printed figure and its label stays in its box (four boxes beside the grade chart were
    80 px wide and a 全年预算 ran into the chart), and the chart is under the figures, not over them."""
    paper.goto(base_url + path)
    assert paper.evaluate("document.querySelectorAll('.ps-figures > div').length") >= 6
    spilled = paper.evaluate(SPILL)
    assert not spilled, spilled
    figures = paper.locator(".ps-overview .ps-figures").bounding_box()
    chart = paper.locator(".ps-overview .ps-gradechart").bounding_box()
    assert chart["y"] >= figures["y"] + figures["height"]


def test_the_home_page_prints_without_its_search_box(paper: Any, base_url: str) -> None:
    paper.goto(base_url)
    assert not paper.locator("form.ps-homesearch").is_visible()
    assert paper.locator("h1").is_visible()


DOCUMENTS = ["projects/2023/yingyang-gaishan/", "projects/2023/yingyang-gaishan/targets/",
             "projects/2023/yingyang-gaishan/years/", "projects/2023/yingyang-gaishan/evaluation/",
             "projects/2023/yingyang-gaishan/rectification/", "departments/示例县教育局/2023/"]
"""A programme-year's documents and the pages beside them: 自评, 绩效目标表, 各年度指标对照,
评价报告, 整改情况, and a department's 部门整体 page."""

CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .ps-crumbs, .ps-modes, .ps-toc"


@pytest.mark.parametrize("path", DOCUMENTS)
def test_a_printed_document_says_whose_it_is_and_leaves_the_site_chrome_off(paper: Any, base_url: str,
                                                                          path: str) -> None:
    """Each sheet an auditor files starts with the site's title, not with the menu: the line the
    screen hides (ps-print-only) shows, the header, tabs, breadcrumbs, reading-mode buttons,
    in-page contents and footer do not."""
    paper.goto(base_url + path)
    title = paper.evaluate("document.querySelector('.md-header__topic .md-ellipsis')?.textContent.trim()")
    line = paper.locator(".ps-print-only")
    assert line.is_visible()
    assert title and line.inner_text().startswith(title)
    shown = paper.evaluate(f"""() => [...document.querySelectorAll('{CHROME}')]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => e.className)""")
    assert not shown, shown
