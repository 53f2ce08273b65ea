"""Pages as auditors print them, in headless chromium's print media at the width of an A4 page's
text (210 mm less 12 mm margins each side, perfsite.css @page): geometry and computed style,
never pixels."""

from __future__ import annotations

import io
import logging
import unicodedata
from typing import Any

import pytest
from test_looks_phone import WORKING

pytestmark = pytest.mark.browser

A4_TEXT_WIDTH = 703
"""186 mm at 96 px per inch: the width chromium lays a printed A4 page's text out in."""

OVERVIEWS = ["", "years/2022/", "years/2023/"]
"""The home page and two year listings: each opens with the figures, the home page's grade chart
under them, a listing's 等级分布 table."""

SPILL = """() => [...document.querySelectorAll('.ps-figures > div')].flatMap(box => {
  const outer = box.getBoundingClientRect();
  return [...box.querySelectorAll('dt, dd')].map(line => {
    const range = document.createRange();
    range.selectNodeContents(line);
    const text = range.getBoundingClientRect();
    return [line.textContent.trim(), Math.round(text.right - outer.right), Math.round(outer.width)];
  });
}).filter(([, past]) => past > 0)"""


@pytest.mark.parametrize("path", OVERVIEWS)
def test_printed_overview_figures_stay_inside_their_boxes(paper: Any, base_url: str, path: str) -> None:
    """Every printed figure and its label stays in its box (four boxes beside the grade chart were
    80 px wide and a 全年预算 ran into the chart), and the home page's chart is under the figures,
    not over them."""
    paper.goto(base_url + path)
    assert paper.evaluate("document.querySelectorAll('.ps-figures > div').length") >= 6
    spilled = paper.evaluate(SPILL)
    assert not spilled, spilled
    figures = paper.locator(".ps-overview .ps-figures").bounding_box()
    if path:
        return
    chart = paper.locator(".ps-overview .ps-gradechart").bounding_box()
    assert chart["y"] >= figures["y"] + figures["height"]


@pytest.mark.parametrize("path", OVERVIEWS[1:])
def test_a_printed_listing_gives_its_grade_counts_once(paper: Any, base_url: str, path: str) -> None:
    """A year listing prints its 等级分布 once, as the table an auditor can read every count off,
    whole and under the figures; the bar chart that said the same (about 4 cm) stays on the screen."""
    paper.goto(base_url + path)
    assert not paper.locator(".ps-gradechart").is_visible()
    table = paper.locator("table.ps-dist")
    assert table.is_visible()
    box, figures = table.bounding_box(), paper.locator(".ps-overview .ps-figures").bounding_box()
    assert box["y"] >= figures["y"] + figures["height"]
    assert box["x"] + box["width"] <= A4_TEXT_WIDTH


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


LINES = """(cells) => [...document.querySelectorAll(cells)].map(cell => {
  const node = cell.firstChild ?? cell, range = document.createRange();
  range.selectNodeContents(node);
  return [node.textContent.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
})"""


def test_the_printed_self_evaluation_keeps_its_column_shares(paper: Any, base_url: str) -> None:
    """The 自评表's ten columns keep their shares of the page whatever their texts (perfsite.css
    print: 8/12/13/6/9/9/7/6/17/13%, fixed layout), and a name the seeds use often stays on one
    line: 一级 of four characters (过程指标), 二级 of seven (可持续影响指标), 三级 of seven."""
    paper.goto(base_url + "projects/2023/yingyang-gaishan/")
    widths = [w for _, w in paper.evaluate(COLUMN_WIDTHS, "table.ps-selfeval")]
    shares = [round(100 * w / sum(widths)) for w in widths]
    assert shares == [8, 12, 13, 6, 9, 9, 7, 6, 17, 13]
    wrapped = [(text, lines) for level, most in (("l1", 4), ("l2", 7), ("l3", 7))
               for text, lines in paper.evaluate(LINES, f"table.ps-selfeval th.ps-{level}")
               if len(text) <= most and lines > 1]
    assert not wrapped, wrapped


def test_the_printed_rules_get_the_room_the_short_values_do_not_need(paper: Any, base_url: str) -> None:
    """中小企业发展专项资金 (96.42), whose 评分方法 run to 150 characters beside 目标值 and 实际值
    of 符合要求 or 100%: the rule column is the widest, about twice a value column (at 13% beside two of
    11% it was six characters wide and a rule ran down a page), yet every value of six characters
    or fewer stays on one line."""
    paper.goto(base_url + "projects/2022/zhongxiaoqiye-fazhan/")
    widths = dict(paper.evaluate(COLUMN_WIDTHS, "table.ps-selfeval"))
    rule = widths.pop("评分方法")
    assert rule >= 1.8 * max(widths["目标值"], widths["实际值"]), widths
    assert rule > max(widths.values()), widths
    values = paper.evaluate(LINES, "table.ps-selfeval tbody > tr:not(.ps-subtotal) > "
                                   "td:is(:nth-last-child(6), :nth-last-child(5))")
    assert len(values) > 20
    wrapped = [(text, lines) for text, lines in values if len(text) <= 6 and lines > 1]
    assert not wrapped, wrapped


DOCS = ["data-format/", "json/", "opendata/"]
"""Documentation pages with wide Markdown tables and long inline code."""

OUTSIDE = """() => [...document.querySelectorAll('.md-content__inner *')]
  .filter(e => e.getClientRects().length && !e.closest('pre'))
  .flatMap(e => [...e.getClientRects()].map(r => [e.tagName, e.className, e.textContent.trim().slice(0, 20),
                                                   Math.round(r.left), Math.round(r.right)]))
  .filter(([, , , left, right]) => left < 0 || right > document.documentElement.clientWidth)"""


@pytest.mark.parametrize("path", DOCS)
def test_a_printed_documentation_page_keeps_to_the_pages_text_width(paper: Any, base_url: str, path: str) -> None:
    """Nothing on a printed documentation page reaches into the page's margins: Material's table
    scroll box ran 16 px into both (and chromium shrank the whole page to 98% to fit it), a
    wrapped code span 1 to 3 px past the right edge."""
    paper.goto(base_url + path)
    assert paper.evaluate("document.querySelectorAll('.md-typeset__table').length") > 0
    assert paper.evaluate("document.documentElement.scrollWidth") <= A4_TEXT_WIDTH
    outside = paper.evaluate(OUTSIDE)
    assert not outside, outside[:5]


A4_TEXT_HEIGHT = 269 / 25.4 * 96
"""297 mm less 14 mm margins top and bottom, in CSS px: the height of a printed page's text."""

AT_PAGE_FOOT = """([selector, pageHeight]) => {
  // the table alone in the page's text, under a spacer that leaves room for its caption and header
  // and half its first row at the first page's foot; what the caption and first row begin with
  const table = document.querySelector(selector), inner = document.querySelector('.md-content__inner');
  for (let e = table; e !== inner; e = e.parentElement)
    for (const other of e.parentElement.children) if (other !== e) other.style.display = 'none';
  const spacer = document.createElement('div');
  inner.prepend(spacer);
  const top = spacer.getBoundingClientRect().top, row = table.tBodies[0].rows[0];
  const head = table.tHead.getBoundingClientRect().bottom - top, first = row.getBoundingClientRect().bottom - top;
  spacer.style.height = `${pageHeight - (head + first) / 2}px`;
  const cell = [...row.cells].find(c => c.rowSpan === 1 && c.textContent.trim());
  return [(table.caption ?? table.tHead).textContent.trim().slice(0, 6), cell.textContent.trim().slice(0, 4)];
}"""

TABLE_KINDS = [("projects/2022/zhongxiaoqiye-fazhan/", "table.ps-selfeval"),
               ("projects/2022/zhongxiaoqiye-fazhan/", "table.ps-budget"),
               ("projects/2023/yingyang-gaishan/targets/", "table.ps-targettable"),
               ("projects/2023/yingyang-gaishan/evaluation/", "table.ps-reportind"),
               ("projects/2023/yingyang-gaishan/rectification/", "table.ps-measures"),
               ("projects/2023/yingyang-gaishan/years/", "table.ps-yearcompare"),
               ("departments/示例县教育局/2023/", "table.ps-deptind"),
               ("data-format/", ".md-typeset__table table")]
"""Every kind of table an auditor prints: 自评表, 预算执行, 绩效目标表, 评分表, 整改, 年度对照,
部门整体 and a documentation page's table."""


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text without white space; NFKC, as the PDF's text layer spells some characters as
    their Kangxi radicals (⽔ for 水)."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's CJK fonts lack a FontBBox
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [unicodedata.normalize("NFKC", "".join((page.extract_text() or "").split())) for page in doc.pages]


@pytest.mark.parametrize(("path", "selector"), TABLE_KINDS)
def test_a_table_starting_at_a_page_foot_takes_its_header_over_the_break(paper: Any, base_url: str,
                                                                        path: str, selector: str) -> None:
    """A table whose caption and header fit at a page's foot but whose first row does not starts on
    the next page: the page its caption is on also holds its first row (a header row, or a two-line
    caption's first line, was left alone at the foot)."""
    paper.goto(base_url + path)
    caption, first = (unicodedata.normalize("NFKC", "".join(t.split())) for t in paper.evaluate(AT_PAGE_FOOT, [selector, A4_TEXT_HEIGHT]))
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    captioned = next(i for i, text in enumerate(pages) if caption in text)
    assert first in pages[captioned], (caption, first, pages[captioned][-60:])


def test_a_tall_level_does_not_leave_the_indicator_header_alone_on_a_page(browser: Any, base_url: str) -> None:
    """中小企业发展专项资金 (96.42): its five-row 决策 level, long 评分标准 texts and all, is taller
    than what the budget table leaves of page 2. The level runs over the page break between two of
    its rows, so the page with the 自评表's caption and header also holds its first indicator."""
    tab = browser.new_page()
    tab.goto(base_url + "projects/2022/zhongxiaoqiye-fazhan/")
    names = tab.evaluate("[...document.querySelectorAll('table.ps-selfeval th.ps-l3')]"
                         ".map(th => th.firstChild.textContent.trim())")
    pages = pdf_pages(tab.pdf(format="A4", prefer_css_page_size=True))
    tab.close()
    captioned = next(text for text in pages if "项目支出绩效自评表" in text)
    assert names[0] in captioned


PRINTED_FILTERS = """() => [...document.querySelectorAll('form.ps-filters .ps-field')]
  .filter(field => field.getClientRects().length)
  .map(field => [field.querySelector('label').textContent.trim(),
                 field.querySelector('select')?.selectedOptions[0].text ?? field.querySelector('input').value,
                 Math.round(field.getBoundingClientRect().right)])"""


@pytest.mark.parametrize(("path", "form", "shown"), [
    ("projects/?year=2022&cycle=overdue", "#ps-filters", [("年度", "2022年度"), ("评价与整改", "整改逾期")]),
    ("rectification/?overdue=1", "#ps-rfilters", [("是否逾期", "仅逾期未完成")]),
    ("projects/", "#ps-filters", []),
])
def test_a_printed_filtered_list_says_by_what(paper: Any, base_url: str, path: str, form: str,
                                              shown: list[tuple[str, str]]) -> None:
    """项目查询 and 整改情况 printed after filtering name the filters chosen (标签：选择, on one line
    above the count), and nothing of the form prints when none is: the form is screen furniture,
    and 找到 2 个项目（共 11 个） alone did not say which two."""
    paper.goto(base_url + path)
    paper.wait_for_function(f"document.querySelector('{form}') && !document.querySelector('{form}').hidden")
    paper.wait_for_function("document.querySelector('.ps-count, #ps-rcount, [aria-live]')?.textContent.trim()")
    fields = paper.evaluate(PRINTED_FILTERS)
    assert [(label, choice.split("（")[0]) for label, choice, _ in fields] == shown
    assert all(right <= A4_TEXT_WIDTH for *_, right in fields)
    if shown:
        assert paper.evaluate("getComputedStyle(document.querySelector('form.ps-filters .ps-field label'), '::after').content") == '"："'


@pytest.mark.parametrize("path", ["projects/", "projects/?grade=优"])
def test_the_printed_project_query_keeps_what_paper_can_use(paper: Any, base_url: str, path: str) -> None:
    """项目查询 on paper, filtered or not: the site's line (whose list it is) and what the scores
    mean print; how to use the screen (点击表头可排序, 复制网址即可分享) does not."""
    paper.goto(base_url + path)
    paper.wait_for_function("document.getElementById('ps-count').textContent.includes('个项目')")
    assert paper.locator(".ps-print-only").is_visible()
    text = paper.evaluate("document.getElementById('ps-index').innerText")
    assert "“复算”列是本站按公布的指标逐项复算的总分" in text
    assert "点击表头可排序" not in text and "复制网址" not in text, text[:400]


def test_a_printed_row_that_disagrees_keeps_its_reason(paper: Any, base_url: str) -> None:
    """On paper the per-row working is left out (the paper form has no such column), except on a
    row whose recomputed score disagrees with the published one: 「0.34 公布 9.30 不一致」 alone
    says nothing, the working says why."""
    paper.goto(base_url + "projects/2022/jiuye-chuangye-buzhu/")
    cards = paper.evaluate(WORKING)
    disagreeing = [shown for name, _, shown in cards if "ps-status--discrepancy" in name]
    agreeing = [shown for name, _, shown in cards if "ps-status--" not in name]
    assert disagreeing and all(disagreeing), cards
    assert agreeing and not any(agreeing), cards


TALLER = """(pageHeight) => {
  // the seed's few measures, repeated until the table is taller than two printed pages
  const body = document.querySelector('#ps-rtable tbody'), rows = [...body.rows];
  while (body.getBoundingClientRect().height < 2 * pageHeight) for (const r of rows) body.append(r.cloneNode(true));
  return document.querySelector('#ps-cap-rall').textContent.trim();
}"""


def test_the_site_wide_rectification_table_starts_on_the_first_printed_page(paper: Any, base_url: str) -> None:
    """The site-wide 整改 table, taller than a page, breaks between its rows under the page's lead:
    kept whole (as a finding's own table is), it moved to the next page and left the first blank."""
    paper.goto(base_url + "rectification/")
    caption = unicodedata.normalize("NFKC", "".join(paper.evaluate(TALLER, A4_TEXT_HEIGHT).split()))
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    assert "整改情况" in pages[0] and caption in pages[0], pages[0][-80:]
