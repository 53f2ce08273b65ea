"""Document pages printed to A4 in headless chromium (print media at an A4 page's text width, and
page.pdf for where the pages break): every table keeps its right border inside the text, and a
heading with the lines that introduce a table does not stay at a page's foot without the table.
Run on the shared sample site; three page loads and one PDF."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from test_looks_print import A4_TEXT_HEIGHT, A4_TEXT_WIDTH, pdf_pages

pytestmark = pytest.mark.browser

PAST_THE_TEXT = """(width) => [...document.querySelectorAll('table.ps-table')]
  .filter(t => t.getClientRects().length && getComputedStyle(t).borderCollapse === 'collapse')
  .map(t => [t.className, t.getBoundingClientRect().right])
  .filter(([, right]) => right > width - 0.5)"""
"""Tables whose collapsed right border (half of it outside the table's box) reaches the text's edge,
where chromium's print clips it."""

AT_FOOT = """([selector, pageHeight]) => {
  // the block alone in the page's text under a spacer that leaves its heading and the note under it
  // at the first page's foot, with room for half the table's first row: what the note and the
  // first row begin with
  const block = document.querySelector(selector), inner = document.querySelector('.md-content__inner');
  for (let e = block; e !== inner; e = e.parentElement)
    for (const other of e.parentElement.children) if (other !== e) other.style.display = 'none';
  const spacer = document.createElement('div');
  inner.prepend(spacer);
  const top = spacer.getBoundingClientRect().top, note = block.querySelector('.ps-note');
  const row = block.querySelector('table').tBodies[0].rows[0];
  const noted = note.getBoundingClientRect().bottom - top, first = row.getBoundingClientRect().bottom - top;
  spacer.style.height = `${pageHeight - (noted + first) / 2}px`;
  return [note.textContent.trim().slice(0, 8), row.cells[0].textContent.trim().slice(0, 6)];
}"""


def test_printed_tables_keep_their_right_border(paper: Any, base_url: str) -> None:
    """The budget, 自评, 评分表, 整改 and 年度对照 tables end half a pixel inside the text's edge: at
    the full width their right border was cut off on paper."""
    for path in ("projects/2022/zhongxiaoqiye-fazhan/", "projects/2023/yingyang-gaishan/evaluation/",
                 "projects/2022/yingyang-gaishan/rectification/", "projects/2023/yingyang-gaishan/years/"):
        paper.goto(base_url + path)
        assert paper.evaluate("document.querySelectorAll('table.ps-table').length") > 0, path
        assert paper.evaluate(PAST_THE_TEXT, A4_TEXT_WIDTH) == [], path


def test_a_findings_heading_and_source_go_to_the_next_page_with_its_measures(paper: Any, base_url: str) -> None:
    """A 整改 finding whose heading and 来源 note fit at a page's foot but whose measures do not
    moves whole to the next page: the page with its note also holds its first measure."""
    paper.goto(base_url + "projects/2022/yingyang-gaishan/rectification/")
    note, first = (unicodedata.normalize("NFKC", "".join(t.split()))
                   for t in paper.evaluate(AT_FOOT, [".ps-finding", A4_TEXT_HEIGHT]))
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    noted = next(i for i, text in enumerate(pages) if note in text)
    assert first in pages[noted], (note, first, [p[-40:] for p in pages])
