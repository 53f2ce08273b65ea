"""Printed A4 (print media at the page's text width; one page.pdf): a 自评表 row opening a page
carries its 一级/二级 names, a 整改 completion date stays on one line at the table's size, and a
link that matters prints its absolute address. Run on the shared sample site."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from test_looks_print import pdf_pages

pytestmark = pytest.mark.browser

ROWS = """() => { let l1 = '', l2 = '';
  return [...document.querySelector('table.ps-selfeval').tBodies].flatMap(b => [...b.rows])
    .filter(r => r.querySelector('th.ps-l3')).map(r => {
      const one = r.querySelector('th.ps-l1'), two = r.querySelector('th.ps-l2');
      if (one) l1 = one.textContent.trim();
      if (two) l2 = two.textContent.trim();
      return [r.querySelector('th.ps-l3').firstChild.textContent.trim(), l1, l2, one ? 1 : two ? 2 : 3];
    }); }"""
"""Each indicator row's 三级 name with the 一级 and 二级 names it stands under, and the first level
whose cell it holds (1: its own 一级 cell, 2: its own 二级 cell only, 3: neither)."""

DATES = """() => [...document.querySelectorAll('table.ps-measures td.ps-mstatus .ps-hint')].map(h => {
  const s = getComputedStyle(h);
  return [h.textContent, h.getBoundingClientRect().height / parseFloat(s.lineHeight), parseFloat(s.fontSize)];
})"""


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(text.split()))


def test_a_row_opening_a_printed_page_names_its_levels(paper: Any, base_url: str) -> None:
    """The 2022 中小企业发展专项资金 自评表 runs onto its next pages inside a level (绩效指标明确性,
    资金使用合规性 open them): such a page's first row printed blank 一级 and 二级 cells, the names
    staying at the foot of the page before."""
    paper.goto(base_url + "projects/2022/zhongxiaoqiye-fazhan/")
    rows = [(_plain(name), _plain(l1), _plain(l2), own) for name, l1, l2, own in paper.evaluate(ROWS)]
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    opened = 0
    for text in pages[1:]:  # a page the table runs onto starts with its repeated header, then a row
        header = text.find("评分方法改进措施")
        if header < 0:
            continue
        after = text[header + len("评分方法改进措施"):]
        first = [(name, l1, l2, own) for name, l1, l2, own in rows if after.startswith(name)]
        if not first or first[0][3] == 1:  # a row with its own 一级 cell has its names on this page
            continue
        name, l1, l2, own = first[0]
        ends = [after.find(other, len(name)) for other, *_ in rows if other != name and other in after[len(name):]]
        row = after[:min(ends)] if ends else after  # to the next row's name
        # its 二级 cell (a rowspan, its text lower down the page) says the 一级; else the row says both
        assert f"{l1}›" in after if own == 2 else f"{l1}›{l2}" in row, (name, l1, l2, row)
        opened += 1
    assert opened, [p[:80] for p in pages]


def test_a_completion_date_prints_on_one_line_at_the_tables_size(paper: Any, base_url: str) -> None:
    for path in ("projects/2022/yingyang-gaishan/rectification/", "rectification/"):
        paper.goto(base_url + path)
        dates = paper.evaluate(DATES)
        assert dates, path
        for text, lines, size in dates:
            assert lines < 1.5 and size >= 8 * 96 / 72, (path, text, lines, size)


def test_a_report_original_prints_its_address(paper: Any, base_url: str) -> None:
    paper.goto(base_url + "projects/2022/yingyang-gaishan/evaluation/")
    after = paper.evaluate("getComputedStyle(document.querySelector('.ps-original a'), '::after').content")
    assert "https://example.gov.cn/jxgk/projects/2022/yingyang-gaishan/evaluation/" in after, after
