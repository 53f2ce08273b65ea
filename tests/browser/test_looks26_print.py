"""Printed A4 as an auditor reads it, in headless chromium's print media at the width of an A4
page's text: the page's date line is never a printed page of its own, a 情况说明's headings stand
under its h2, and short names (an indicator's 一级 / 二级, a column header) wrap only where a word
ends. Geometry, computed style and the PDF's text, never pixels."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from test_looks_print import pdf_pages

pytestmark = pytest.mark.browser

ALONE = ["projects/2023/nongcun-gonglu-yanghu/targets/", "projects/2022/nongcun-gonglu-yanghu/rectification/",
         "years/2023/"]
"""Three of the six seed pages whose 数据截至 / 本页网址 line printed alone on a last A4 page: a
绩效目标表, a 整改情况 and a year listing."""


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(text.split()))


@pytest.mark.parametrize("path", ALONE)
def test_the_date_line_closes_the_last_section_on_its_page(paper: Any, base_url: str, path: str) -> None:
    """The last printed page holds more than the page's date and address: a sheet saying only
    「数据截至 …。本页网址：…」 looks to a reader filing the printout like a stray page."""
    paper.goto(base_url + path)
    line = _plain(paper.locator(".ps-pagemeta").inner_text())
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    assert line in pages[-1], (line, pages[-1][:80])
    assert len(pages[-1].replace(line, "")) > 5, [page[:60] for page in pages]


HEADINGS = """() => {
  const h2 = document.getElementById('ps-h-report');
  return [parseFloat(getComputedStyle(h2).fontSize),
          [...h2.closest('section').querySelectorAll('h3')].map(h => [h.textContent.trim(), parseFloat(getComputedStyle(h).fontSize)])];
}"""


@pytest.mark.parametrize("path", ["projects/2023/nongcun-gonglu-yanghu/", "projects/2022/yingyang-gaishan/"])
def test_a_printed_narrative_heading_is_smaller_than_its_section_heading(paper: Any, base_url: str, path: str) -> None:
    """项目概况, 存在问题 … are parts of 情况说明: on paper they printed at 17 px under its 16 px
    and read as sections of their own."""
    paper.goto(base_url + path)
    h2, h3s = paper.evaluate(HEADINGS)
    assert len(h3s) >= 4
    assert all(size < h2 for _, size in h3s), (h2, h3s)


WORDS = """(selector) => [...document.querySelectorAll(selector)].flatMap(cell => {
  // [word, lines it takes, whether it fits the cell's text width at one character per em]
  const node = [...cell.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  if (!node) return [];
  const style = getComputedStyle(cell), size = parseFloat(style.fontSize);
  const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const out = [];
  let at = 0;
  for (const word of node.textContent.split(' / ')) {
    const start = node.textContent.indexOf(word, at), range = document.createRange();
    at = start + word.length;
    const trimmed = word.trim();
    if (!trimmed || trimmed === '—') continue;
    range.setStart(node, start); range.setEnd(node, at);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    out.push([trimmed, tops.size, trimmed.length * size <= room]);
  }
  return out;
})"""
"""Each 「 / 」-separated word of the cells, how many lines chromium sets it on, and whether it
would fit on one line of its cell (a CJK character is one em wide)."""

LEVELS = [("projects/2023/nongcun-gonglu-yanghu/targets/", "table.ps-targettable")]
"""A 绩效目标表's 一级 / 二级 column (auto widths: 效益 / 可持续影响指 / 标); the 部门整体 自评表's,
each name a box of its own, is checked name by name in test_looks27_print."""


@pytest.mark.parametrize(("path", "table"), LEVELS)
def test_a_printed_level_name_that_fits_its_cell_stays_on_one_line(paper: Any, base_url: str, path: str,
                                                                   table: str) -> None:
    paper.goto(base_url + path)
    words = paper.evaluate(WORDS, f'{table} td[data-label="层级"]')
    assert words, table
    split = [(word, lines) for word, lines, fits in words if fits and lines > 1]
    assert not split, split


HEADERS = [("projects/2023/nongcun-gonglu-yanghu/targets/", "table.ps-targettable thead th"),
           ("rectification/", "table:has(#ps-cap-rapp) thead th")]
"""A 绩效目标表's headers, two to five characters each (设定依 / 据 over a column of — in its 中期
table), and the site-wide 结果应用's 预算年度 over a column of years (预算年 / 度)."""


@pytest.mark.parametrize(("path", "selector"), HEADERS)
def test_a_short_printed_column_header_stays_on_one_line(paper: Any, base_url: str, path: str, selector: str) -> None:
    """Auto widths squeeze a column of short values (—, 2025) below its header's width, so the
    header's own width is the floor, not whether it fits the squeezed cell."""
    paper.goto(base_url + path)
    words = paper.evaluate(WORDS, selector)
    assert len(words) >= 5, selector
    split = [(word, lines) for word, lines, _ in words if lines > 1]
    assert not split, split


DISAGREEING = """() => [...document.querySelectorAll('table.ps-selfeval tr.ps-status--discrepancy')].map(row => {
  const explain = row.querySelector('.ps-explain'), flag = row.querySelector('.ps-flag');
  const range = document.createRange();
  range.selectNodeContents(flag);
  return [parseFloat(getComputedStyle(explain).fontSize), parseFloat(getComputedStyle(explain.parentElement).fontSize),
          new Set([...range.getClientRects()].map(r => Math.round(r.top))).size, flag.textContent];
})"""


def test_a_printed_disagreeing_row_keeps_its_working_at_the_tables_size(paper: Any, base_url: str) -> None:
    """就业创业补助's 职业技能培训人次 (复算 9.25, 公布 9.52): its working, the one printed in the
    自评表, is set at the table's size, not at the screen's 14 px floor (five lines of large type in
    a table of 8 pt), and its 不一致 mark stays one word under the 公布 figure."""
    paper.goto(base_url + "projects/2022/jiuye-chuangye-buzhu/")
    rows = paper.evaluate(DISAGREEING)
    assert rows
    for explain, cell, lines, flag in rows:
        assert explain <= cell, (explain, cell)
        assert lines == 1, flag
