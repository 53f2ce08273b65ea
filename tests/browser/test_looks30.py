"""The header on a phone with the browser's text at 200%, the budget chart's figures, inline code at
a printed line's end, and the download lists of a programme-year's other documents: where things are
laid out and what is read, never pixels. Every test reads the shared desktop tab (`page`, at a
phone's width where it says) or the shared `paper` tab."""

from __future__ import annotations

from typing import Any

import pytest
from test_looks29b import TEXT_AT_200
from test_looks_print import A4_TEXT_WIDTH

pytestmark = pytest.mark.browser

SITE_NAME = """() => {
  const name = document.querySelector('.md-header__topic:first-child .md-ellipsis');
  const box = name.getBoundingClientRect(), range = document.createRange();
  range.selectNodeContents(name);
  const lines = [...range.getClientRects()];
  return {text: name.textContent.trim(), shown: getComputedStyle(name.parentElement).opacity,
          clipped: name.scrollHeight > name.clientHeight + 1 || name.scrollWidth > name.clientWidth + 1,
          past: lines.filter(r => r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.right > innerWidth).length,
          header: Math.round(document.querySelector('.md-header').getBoundingClientRect().height)};
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_with_the_browsers_text_at_200_percent_the_site_name_is_never_cut(page: Any, base_url: str, width: int) -> None:
    """At 320 px with the text at 200% the site's name had 56 px beside the menu and 深色 buttons,
    one character a line, and showed 「预 / 算…」. It now takes a row of its own under the buttons,
    whole, and stays there while the page scrolls (the page's title does not slide over it)."""
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(base_url + "projects/2023/yingyang-gaishan/evaluation/")
    page.evaluate(TEXT_AT_200)
    name = page.evaluate(SITE_NAME)
    assert name["text"] == "预算绩效信息公开"
    assert (name["shown"], name["clipped"], name["past"]) == ("1", False, 0), name
    assert name["header"] < 700 / 4, name  # one line of the name under the buttons, not a column of characters
    # scrolled past the heading, Material marks the title active to slide the page's title over the name
    page.evaluate("document.querySelector('.md-header__title').classList.add('md-header__title--active')")
    assert page.evaluate(SITE_NAME)["shown"] == "1"
    assert page.locator(".md-header__topic + .md-header__topic").is_hidden()


def test_at_normal_text_a_phone_keeps_the_name_beside_the_buttons(page: Any, base_url: str) -> None:
    """The row of its own is for a name two lines beside the buttons cannot hold: at 320 px and the
    site's own text size the header stays one row (48 px) with the name beside the menu button."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(base_url + "projects/2023/yingyang-gaishan/")
    name = page.evaluate(SITE_NAME)
    assert (name["clipped"], name["past"], name["header"]) == (False, 0, 48), name


FIGURE_ENDS = """() => [...document.querySelectorAll('.ps-budgetchart li')].map(li => {
  const figure = li.lastElementChild, range = document.createRange();
  range.selectNodeContents(figure);
  return [figure.textContent, Math.round(range.getBoundingClientRect().right * 10) / 10];
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_budget_charts_figures_line_up_by_their_last_digit(page: Any, base_url: str, width: int) -> None:
    """Material centres a figure's text, so 932.90 under 1,300.00 and 1,220.00 ended 6 px short of
    them; figures are read down a column by their last digit."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "projects/2022/nongcun-gonglu-yanghu/")
    ends = page.evaluate(FIGURE_ENDS)
    assert [text for text, _ in ends] == ["1,300.00", "1,220.00", "932.90"]
    assert max(end for _, end in ends) - min(end for _, end in ends) < 0.5, ends


OLD_SENTENCE = (
    "写在一行花括号里的映射（<code>initial: {county: 25}</code>、<code>- {name: …, weight: 18}</code>）中，"
    "<strong>逗号用来分隔各项</strong>：数字带千分位逗号时去掉逗号（<code>{county: 1234.50}</code>）或给整个数加引号"
    "（<code>{county: \"1,234.50\"}</code>）；写成 <code>{county: 1,234.50}</code> 是错误，提示写出整个数和这两种写法。")
"""docs/data-format.md's sentence as it was before it was reworded around the defect: printed, its
last code span wraps after 「{county:」 at the line's end."""

CODE_BOXES = """html => {
  const li = [...document.querySelectorAll('.md-content__inner li')].find(l => l.textContent.includes('逗号用来分隔各项'));
  li.innerHTML = html;
  return [...li.querySelectorAll('code')].flatMap(code => [...code.getClientRects()].map(r => [code.textContent, r.right]));
}"""


def test_printed_inline_code_at_a_lines_end_keeps_out_of_the_margin(paper: Any, base_url: str) -> None:
    """A space inside a code span where the line wraps hung past the line's end (Material's
    pre-wrap): printed, 「{county: 」 drew its grey box 2.4 px into the A4 page's margin."""
    paper.goto(base_url + "data-format/")
    boxes = paper.evaluate(CODE_BOXES, OLD_SENTENCE)
    assert len(boxes) >= 5
    assert all(right <= A4_TEXT_WIDTH for _, right in boxes), boxes
    spaced = paper.evaluate("""() => getComputedStyle(document.querySelector('.md-content__inner p code')).whiteSpace""")
    assert spaced == "break-spaces"  # every space kept as written


def test_a_reports_downloads_list_its_scoring_table_first(page: Any, base_url: str) -> None:
    """A reader wants the table Excel opens: the 绩效目标表, 评价报告 and 整改 pages offered YAML and
    JSON only (tests/test_twins30.py reads each kind's list and CSV). On the built site the report's
    scoring table comes before its original, and is there to download."""
    path = "projects/2023/yingyang-gaishan/evaluation/"
    page.goto(base_url + path)
    links = page.locator("#ps-dl li > a")
    assert links.all_inner_texts()[:2] == ["评分表（CSV）", "报告原件（DOCX）"]
    response = page.request.get(base_url + path + links.first.get_attribute("href"))
    assert response.ok and response.body().startswith("\ufeff一级指标,二级指标,三级指标".encode())
