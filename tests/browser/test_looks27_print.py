"""Printed A4 as an auditor reads it (print media at the width of an A4 page's text): an
indicator's level name wraps only between words, and every printed page opens the same way.
Geometry and the laid-out text, never pixels."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHARACTERS = """(selector) => [...document.querySelectorAll(selector)].map(cell => {
  // the cell's characters as chromium sets them, each with the number of the line it is on
  const out = [];
  let top = null, line = -1;
  const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    for (let i = 0; i < node.textContent.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = [...range.getClientRects()].find(r => r.width > 0);
      if (rect && (top === null || rect.top > top + 2)) { line += 1; top = rect.top; }
      out.push([node.textContent[i], Math.max(line, 0)]);
    }
  }
  const style = getComputedStyle(cell);
  const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [Math.floor(room / parseFloat(style.fontSize)), out];
})"""
"""Each matching cell's room in characters (a CJK character is one em wide), and its characters
with the line each is set on (a character starting lower than the line's first starts a new one)."""

LEVEL_CELLS = [
    ("departments/示例县教育局/2023/", 'table.ps-deptind td[data-label="层级"]'),
    ("projects/2023/nongcun-gonglu-yanghu/", "table.ps-selfeval :is(th.ps-l1, th.ps-l2)"),
    ("projects/2023/yingyang-gaishan/", "table.ps-selfeval :is(th.ps-l1, th.ps-l2)"),
]
"""The 部门整体 自评表's 一级 / 二级 column beside its target table (满意度指标 / 服务对象满意度指标
in 11%), and two 自评表s' 二级 column: 可持续影响指标 and 服务对象满意度指标 in 11%."""


def _split_names(room: int, cell: list[list[Any]]) -> list[str]:
    """The level names of a cell (「 / 」 between them) set on more than one line, each as its
    lines joined by 「|」, where that is wrong: a name that fits the cell's `room` does not break,
    a longer one only before its last 「指标」."""
    out, at = [], 0
    for name in "".join(char for char, _ in cell).split(" / "):
        chars = cell[at:at + len(name)]
        at += len(name) + 3
        lines = sorted({line for _, line in chars})
        if len(lines) == 1:
            continue
        parts = "|".join("".join(char for char, line in chars if line == k) for k in lines)
        if len(name.strip()) <= room or len(lines) > 2 or not parts.endswith("|指标"):
            out.append(parts)
    return out


@pytest.mark.parametrize(("path", "cells"), LEVEL_CELLS)
def test_a_printed_level_name_breaks_only_between_words(paper: Any, base_url: str, path: str, cells: str) -> None:
    paper.goto(base_url + path)
    cells_set = paper.evaluate(CHARACTERS, cells)
    assert any("指标" in "".join(char for char, _ in cell) for _, cell in cells_set), cells
    split = [name for room, cell in cells_set for name in _split_names(room, cell)]
    assert not split, split


OPENING = """() => {
  // the printed page's first lines of text, top to bottom, and which is the site-title line
  const lines = [...document.querySelectorAll('.md-content .ps-print-only, .md-content h1')]
    .filter(el => el.getClientRects().length)
    .map(el => [el.matches('h1') ? 'h1' : 'site', Math.round(el.getBoundingClientRect().top)]);
  const first = [...document.querySelectorAll('.md-content *:not(.ps-staff, .ps-staff *)')].find(el =>
    el.children.length === 0 && el.textContent.trim() && el.getClientRects().length);
  return [lines.sort((a, b) => a[1] - b[1]).map(([kind]) => kind), first && first.closest('.ps-print-only') !== null];
}"""

OPENINGS = ["", "projects/", "search/", "projects/2023/nongcun-gonglu-yanghu/", "data-format/"]
"""Home, 项目查询 (its title printed above the site's), 全文检索 and a documentation page (no site
line at all), and a 自评 page, which opened with the site line and its document list."""


@pytest.mark.parametrize("path", OPENINGS)
def test_every_printed_page_opens_with_the_site_line_then_its_title(paper: Any, base_url: str, path: str) -> None:
    """A printout filed among others says whose it is before what it is: the site's name and
    publisher, then the page's title, on every page kind (a documentation page written for
    publishers keeps its 发布人员参考 note above both, the theme's)."""
    paper.goto(base_url + path)
    order, site_first = paper.evaluate(OPENING)
    assert order == ["site", "h1"], order
    assert site_first


DOCUMENT_LINKS = """() => [...document.querySelectorAll('nav.ps-docs li')].filter(li => li.checkVisibility()).map(li => {
  const link = li.querySelector('a');
  return [li.textContent.trim(), Math.round(li.getBoundingClientRect().top),
          link ? getComputedStyle(link, '::after').content : null, link ? link.href : null];
})"""


@pytest.mark.parametrize("path", ["projects/2023/nongcun-gonglu-yanghu/", "projects/2023/nongcun-gonglu-yanghu/rectification/"])
def test_a_printed_document_list_gives_each_documents_address(paper: Any, base_url: str, path: str) -> None:
    """「本项目2023年度：绩效目标表 → 绩效自评 → 评价报告 → 整改情况」 printed four names and no
    address, while the 整改's own link to its 评价报告 printed one: each linked document now prints
    its absolute address after it, a document a line; the page's own is left out (the title under
    the list names it, its address closes the page)."""
    paper.goto(base_url + path)
    items = paper.evaluate(DOCUMENT_LINKS)
    assert len(items) == 3, items
    assert len({top for _, top, _, _ in items}) == 3, items
    linked = [(after, href) for _, _, after, href in items if href]
    assert len(linked) == 3, items
    for after, href in linked:
        address = "https://example.gov.cn/jxgk/" + href.removeprefix(base_url)
        assert after == f'"（{address}）"', (after, address)


def test_a_printed_project_query_says_what_it_is_filtered_by(paper: Any, base_url: str) -> None:
    """The filter form does not print: a printout of 项目查询 filtered to 2023's 优 programmes
    said 「找到 3 个项目（共 11 个）」 and not of what. It now says its filters in words, each
    option's own label without the count beside it; unfiltered, it says nothing more than 共 11 个项目."""
    paper.goto(base_url + "projects/?year=2023&grade=%E4%BC%98&q=%E5%85%AC%E8%B7%AF")
    paper.wait_for_function("document.getElementById('ps-count').textContent.startsWith('找到')")
    criteria = paper.locator("#ps-criteria")
    assert criteria.is_visible()
    assert criteria.inner_text() == "筛选条件：搜索：“公路”；年度：2023年度；评价等级：优。"
    paper.goto(base_url + "projects/")
    paper.wait_for_function("document.getElementById('ps-count').textContent.startsWith('共')")
    assert not paper.locator("#ps-criteria").is_visible()


YEAR_LINKS = """() => [...document.querySelectorAll('.ps-series .ps-head p:not(.ps-kicker) a')].map(link =>
  [link.textContent, getComputedStyle(link, '::after').content, link.href])"""


def test_a_printed_years_page_gives_the_address_of_each_year_compared(paper: Any, base_url: str) -> None:
    """各年度指标对照 compares three 自评 documents: its lead named 2021年度、2022年度、2023年度 on
    paper with no address to find them by, where every other printed link to a document gives one."""
    paper.goto(base_url + "projects/2023/yingyang-gaishan/years/")
    links = paper.evaluate(YEAR_LINKS)
    assert [text for text, _, _ in links] == ["2021年度", "2022年度", "2023年度"]
    for _, after, href in links:
        assert after == f'"（https://example.gov.cn/jxgk/{href.removeprefix(base_url)}）"', (after, href)


def test_the_printed_home_page_gives_each_sections_address(paper: Any, base_url: str) -> None:
    """The home page's 浏览 cards printed 项目查询, 按年度 … with no address: each now prints its
    section's address on a line of its own, under the card's words."""
    paper.goto(base_url)
    cards = paper.evaluate("""() => [...document.querySelectorAll('ul.ps-cards a')].map(a => {
      const after = getComputedStyle(a, '::after');
      return [a.querySelector('strong').textContent, after.content, after.display, a.getAttribute('href')];
    })""")
    assert len(cards) == 5, cards
    for name, after, display, href in cards:
        assert after == f'"（https://example.gov.cn/jxgk/{href}）"' and display == "block", (name, after, display)


def test_every_printed_download_link_gives_its_address(paper: Any, base_url: str) -> None:
    """A 整改 page's 下载数据 printed its YAML and JSON with their addresses and 全部项目的整改情况
    without one."""
    paper.goto(base_url + "projects/2023/nongcun-gonglu-yanghu/rectification/")
    links = paper.evaluate("""() => [...document.querySelectorAll('#ps-dl a')].map(a =>
      [a.textContent, getComputedStyle(a, '::after').content])""")
    assert len(links) >= 2
    assert all(after.startswith('"（https://example.gov.cn/jxgk/') for _, after in links), links
