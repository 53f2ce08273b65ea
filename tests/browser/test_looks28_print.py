"""Printed A4 as an auditor files it, in chromium's print media at the width of an A4 page's text:
the document list above a title, a 绩效目标表's last page, the year heads of 各年度指标对照 and the
site 整改 table's links. Geometry, computed style and the PDF's text, never pixels."""

from __future__ import annotations

from typing import Any

import pytest
from test_looks_print import pdf_pages

pytestmark = pytest.mark.browser

DOCUMENTS = """() => {
  const nav = document.querySelector('nav.ps-docs'), label = nav.querySelector('.ps-docs-label');
  const shown = [...nav.querySelectorAll('li')].filter(li => getComputedStyle(li).display !== 'none');
  return {label: Math.round(label.getBoundingClientRect().top),
          shown: shown.map(li => [li.textContent.trim(), Math.round(li.getBoundingClientRect().top)]),
          below: Math.round(nav.getBoundingClientRect().bottom) <= Math.round(document.querySelector('h1').getBoundingClientRect().top)};
}"""


def test_the_printed_document_list_above_a_title_takes_three_lines(paper: Any, base_url: str) -> None:
    """本项目2023年度：/ 绩效目标表 / 绩效自评 / 评价报告 / 整改情况 printed five lines above the 自评
    page's title: the label now stands beside the first document, and the page's own (the title
    under the list names it) is left out; each other document keeps its line and address."""
    paper.goto(base_url + "projects/2023/nongcun-gonglu-yanghu/")
    docs = paper.evaluate(DOCUMENTS)
    assert [name for name, _ in docs["shown"]] == ["绩效目标表", "评价报告", "整改情况"], docs
    tops = [top for _, top in docs["shown"]]
    assert docs["label"] == tops[0] and len(set(tops)) == 3 and docs["below"], docs


def test_a_printed_targets_page_ends_on_its_second_sheet(paper: Any, base_url: str) -> None:
    """农村公路养护's 2023 绩效目标表 printed its 下载数据 and date line alone on a third A4 page, 40 px
    short of the second: its last printed page now also holds the 公开信息 above them."""
    paper.goto(base_url + "projects/2023/nongcun-gonglu-yanghu/targets/")
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    assert len(pages) == 2, [page[:40] for page in pages]
    assert "公开信息" in pages[-1] and "下载数据" in pages[-1], pages[-1][:80]


def test_a_printed_years_table_heads_its_columns_with_plain_years(paper: Any, base_url: str) -> None:
    """The year heads of 各年度指标对照 printed underlined, as links, with no address, on every page
    the header repeats on; the lead above the table gives each year's address, so the heads print
    as headings."""
    paper.goto(base_url + "projects/2023/yingyang-gaishan/years/")
    heads = paper.locator("table.ps-yearcompare thead a").evaluate_all("""links => links.map(a =>
      [a.textContent, getComputedStyle(a).textDecorationLine, getComputedStyle(a, '::after').content])""")
    assert [year for year, _, _ in heads] == ["2021年度", "2022年度", "2023年度"]
    assert all(line == "none" and after == "none" for _, line, after in heads), heads


MEASURE_LINKS = """() => [...document.querySelectorAll('#ps-rtable tbody tr')].map(row => {
  const link = row.querySelector('a');
  return [link.getAttribute('href'), getComputedStyle(link, '::after').content];
})"""


def test_the_printed_rectification_table_gives_each_programmes_address_once(paper: Any, base_url: str) -> None:
    """The site's 整改 table linked each measure's programme and printed no address to find it by: a
    programme-year's first row shown now prints its address, its other rows do not repeat it (on
    every row, four lines in the narrow 项目 column, the demo's table took a fourth A4 page); a row
    filtered away leaves the address to the next row shown. Its 结果应用 and downloads print theirs."""
    paper.goto(base_url + "rectification/")
    rows = paper.evaluate(MEASURE_LINKS)
    assert len(rows) == 19
    seen: set[str] = set()
    for href, after in rows:
        address = "https://example.gov.cn/jxgk/" + href.removeprefix("../")
        assert after == ("none" if href in seen else f'"（{address}）"'), (href, after)
        seen.add(href)
    assert len(seen) == 4
    first = paper.locator("#ps-rtable tbody tr").first
    first.evaluate("row => { row.hidden = true; }")
    assert paper.evaluate(MEASURE_LINKS)[1][1].startswith('"（https://example.gov.cn/jxgk/')
    others = paper.locator("table:not(#ps-rtable) tbody th a, .ps-rectifications ul a[download]").evaluate_all(
        "links => links.map(a => getComputedStyle(a, '::after').content)")
    assert len(others) == 7 and all(after.startswith('"（https://example.gov.cn/jxgk/') for after in others), others


def test_a_printed_warning_is_never_split_over_two_pages(paper: Any, base_url: str) -> None:
    """The 评价报告's 「⚠ 本年度的绩效自评与本报告有 2 处说法不同」 (three lines, now below its 评分表)
    met a page's foot: its tinted box stretched to the foot with the first lines, the last words
    overleaf. A warning moves whole to the next page."""
    paper.goto(base_url + "projects/2023/nongcun-gonglu-yanghu/evaluation/")
    alert = paper.locator("#ps-vs-report .ps-alert")
    assert alert.evaluate("a => getComputedStyle(a).breakInside") == "avoid"
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    holding = [page for page in pages if "本年度的绩效自评与本报告有2处说法不同" in page]
    assert len(holding) == 1 and "引用时请注明出自哪一份" in holding[0], [page[-60:] for page in pages]
