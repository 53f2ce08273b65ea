"""Pages as auditors print them, in headless chromium's print media at the width of an A4 page's
text (210 mm less 12 mm margins each side, perfsite.css @page): geometry and computed style,
never pixels."""

from __future__ import annotations

import io
import logging
import unicodedata
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


COLUMN_WIDTHS = """(selector) => [...document.querySelector(selector).tHead.rows[0].cells]
  .map(th => [th.textContent.trim(), Math.round(th.getBoundingClientRect().width)])"""

WRAPPED_NAMES = """() => [...document.querySelectorAll('table.ps-reportind tbody th[scope="row"]')].filter(th => {
  const range = document.createRange();
  range.selectNodeContents(th);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  return th.textContent.trim().length <= 7 && lines.size > 1;
}).map(th => th.textContent.trim())"""


def test_the_printed_report_table_gives_its_room_to_the_words(paper: Any, base_url: str) -> None:
    """The 评价报告's 7-column 评分表 has its own widths on paper: no name of seven characters
    (立项依据充分性) wraps, and the 复核 note and the target / actual pair are wider than a score
    column (the 自评表's ten widths, by position, made the score columns the widest)."""
    paper.goto(base_url + "projects/2023/yingyang-gaishan/evaluation/")
    widths = dict(paper.evaluate(COLUMN_WIDTHS, "table.ps-reportind"))
    assert sum(widths.values()) <= A4_TEXT_WIDTH
    widest_score = max(widths["分值"], widths["报告得分"], widths["复算得分"])
    assert min(widths["三级指标"], widths["目标 / 实际"], widths["复核"]) > widest_score, widths
    assert paper.evaluate(WRAPPED_NAMES) == []


def test_the_printed_self_evaluation_keeps_the_paper_forms_widths(paper: Any, base_url: str) -> None:
    """The 自评表 keeps the paper form's ten column shares (perfsite.css print: 7/8/14/6/11/11/8/8/13/14%)."""
    paper.goto(base_url + "projects/2023/yingyang-gaishan/")
    widths = [w for _, w in paper.evaluate(COLUMN_WIDTHS, "table.ps-selfeval")]
    shares = [round(100 * w / sum(widths)) for w in widths]
    assert shares == [7, 8, 14, 6, 11, 11, 8, 8, 13, 14]


def test_a_tall_level_does_not_leave_the_indicator_header_alone_on_a_page(browser: Any, base_url: str) -> None:
    """中小企业发展专项资金 (96.42): its five-row 决策 level, long 评分标准 texts and all, is taller
    than what the budget table leaves of page 2. The level runs over the page break between two of
    its rows, so the page with the 自评表's caption and header also holds its first indicator."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's CJK fonts lack a FontBBox
    tab = browser.new_page()
    tab.goto(base_url + "projects/2022/zhongxiaoqiye-fazhan/")
    names = tab.evaluate("[...document.querySelectorAll('table.ps-selfeval th.ps-l3')]"
                         ".map(th => th.firstChild.textContent.trim())")
    pdf = tab.pdf(format="A4", prefer_css_page_size=True)
    tab.close()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        # NFKC: the PDF's text layer spells some characters as their Kangxi radicals (⽔ for 水)
        pages = [unicodedata.normalize("NFKC", "".join((page.extract_text() or "").split())) for page in doc.pages]
    captioned = next(text for text in pages if "项目支出绩效自评表" in text)
    assert names[0] in captioned
