"""A phone with the browser's text at 200%, the 全文检索 page on a phone, a programme's downloads and
the printed home page: where things are laid out and what is read, never pixels. Every test reads
the shared desktop tab (`page`, at a phone's width) or the shared `paper` tab."""

from __future__ import annotations

from typing import Any

import pytest

from perfsite.site.search import search_page

pytestmark = pytest.mark.browser

TEXT_AT_200 = """() => {
  const root = document.documentElement;
  root.classList.remove('ps-large');
  root.style.fontSize = '250%';  /* the theme's 125%, doubled: what the browser's text size at 200% gives */
  const past = [...document.querySelectorAll('.ps-result .ps-grade, .ps-budgetchart li, .ps-scorechart li, .ps-facts dd')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5).map(e => e.textContent.trim().slice(0, 20));
  return {wide: root.scrollWidth, screen: root.clientWidth, past};
}"""


@pytest.mark.parametrize("path", ["projects/2023/yingyang-gaishan/", "projects/2023/yingyang-gaishan/evaluation/"])
def test_with_the_browsers_text_at_200_percent_a_320_px_phone_does_not_scroll_sideways(page: Any, base_url: str,
                                                                                     path: str) -> None:
    """On a 320 px phone with the text at 200% a programme page was 382 px wide (423 with 「⚠ 目标调低
    1 项」 beside 主管部门): the budget chart ran to 370 px, the score chart's 「得分 10.00 / 权重
    10.00」 to 382, 公布等级 优秀 to 359, a card's name and 年度总金额 past the card. The bars now
    stand under their figures, the grade under its label, and a value under its label when a tag
    cannot fit beside it."""
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(base_url + path)
    found = page.evaluate(TEXT_AT_200)
    assert found == {"wide": 320, "screen": 320, "past": []}, found


def test_the_search_page_puts_the_box_before_its_introduction_on_a_phone(page: Any, base_url: str) -> None:
    """At 390 px the 全文检索 page showed an eleven-line introduction before the search box. The box
    now comes first and the introduction is folded under it, one line, opened on a click. The
    data/ site is built without the index, so the page as built with it is put in its place."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "search/")
    page.evaluate("""html => { document.querySelector('.ps-page').outerHTML = html;
                               document.getElementById('ps-fulltext').hidden = false; }""", search_page(True).html)
    box = page.locator("#ps-ft-q").bounding_box()
    intro = page.get_by_text("在全部项目页", exact=False)
    assert box is not None and box["y"] + box["height"] < 844 / 2, box
    assert not intro.is_visible()
    page.get_by_text("检索哪些内容，结果怎样排列").click()
    top = intro.bounding_box()
    assert intro.is_visible() and top is not None and top["y"] > box["y"] + box["height"], (top, box)


def test_a_programmes_downloads_list_the_table_first(page: Any, base_url: str) -> None:
    """A reader wants the table Excel opens, not the YAML the unit submitted, at the top of the list."""
    page.goto(base_url + "projects/2023/yiliao-jiuzhu/")
    names = page.locator("#ps-dl li > a").all_inner_texts()
    assert names == ["指标表（CSV）", "原始指标表（CSV）", "YAML 源数据文件", "JSON 数据"]


def test_the_printed_home_page_does_not_underline_a_year_it_gives_no_address_for(paper: Any, base_url: str) -> None:
    """「2023年度只有示例项目…」: its year printed underlined, a link with no address on paper; the
    links beside it that matter print theirs (test_looks29)."""
    paper.goto(base_url)
    link = paper.locator("#ps-h-latest + p > a")
    assert link.inner_text() == "2023年度"
    assert link.evaluate("a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a, '::after').content]") \
        == ["none", "none"]


BARS = """() => [...document.querySelectorAll('.ps-budgetchart li')].map(li => {
  const [label, bar, figure] = li.children;
  return [label.textContent, Math.round(bar.getBoundingClientRect().width), figure.textContent];
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_budget_chart_s_bars_are_measured_on_one_scale(page: Any, base_url: str, width: int) -> None:
    """A bar's length is its share of the chart's longest: each row laid out its own grid, so a row
    whose figure was narrower had a longer track (932.90 of 1,300.00 on 172 px, the others on 160).
    Every bar's track is now one width."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "projects/2022/nongcun-gonglu-yanghu/")
    bars = page.evaluate(BARS)
    assert len(bars) == 3 and len({len(figure) for _, _, figure in bars}) > 1, bars  # 1,300.00 beside 932.90
    assert len({track for _, track, _ in bars}) == 1, bars
