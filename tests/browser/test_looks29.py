"""A reader's first visit, on a phone and on paper: the home page's year and its printed links, and
a 项目查询 card's result in 大字 on a 320 px phone; a programme page with the browser's text at 200%. Where things are laid out and what is read, never
pixels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_looks_phone import phone_context

pytestmark = pytest.mark.browser

ADDRESS = "https://example.gov.cn/jxgk/"


@pytest.fixture(scope="module")
def large_phone(browser: Any) -> Iterator[Any]:
    """One 320 px tab in 大字 for the module: a new context and tab cost chromium about 0.5 CPU s
    (browser/conftest.py `paper`)."""
    context = phone_context(browser, 320, True, 900)
    yield context.new_page()
    context.close()


def test_the_home_page_says_why_it_opens_on_a_year_before_the_newest(paper: Any, base_url: str) -> None:
    """data/'s 2023 programmes are all 示例, so 概况 opens on 2022 (stats.home_year) and a reader
    took the missing 2023 for a fault: a line under the heading now names the newer year, linked,
    and says why; it prints with the page."""
    paper.goto(base_url)
    assert paper.locator("#ps-h-latest").inner_text() == "2022年度概况"
    line = paper.locator("#ps-h-latest + p")
    assert line.is_visible()
    assert line.inner_text() == "2023年度只有示例项目，这里是有正式项目的最近年度。"
    assert line.locator("a").evaluate("a => a.href") == base_url + "years/2023/"


PRINTED_AFTER = """links => links.map(a => [a.textContent, getComputedStyle(a, '::after').content])"""


def test_the_printed_home_page_gives_each_programmes_address(paper: Any, base_url: str) -> None:
    """On paper the home page's ten programmes and 「查看2022年度全部 4 个项目」 printed as bare
    underlined names, nowhere to find them by; each now prints its address after it, as the
    cards under 浏览 and every other printed page's links that matter do (a[data-address])."""
    paper.goto(base_url)
    names = paper.locator("#ps-h-recent ~ .ps-scroll table.ps-list tbody th > a:first-child").evaluate_all(PRINTED_AFTER)
    assert len(names) == 4
    for name, after in names:
        assert after.startswith(f'"（{ADDRESS}projects/2022/') and after.endswith('/）"'), (name, after)
    link = paper.locator('#ps-h-latest ~ p > a[href="years/2022/"]')
    assert link.inner_text() == "查看2022年度全部 4 个项目"
    assert link.evaluate("a => getComputedStyle(a, '::after').content") == f'"（{ADDRESS}years/2022/）"'


RESULT_LINE = """rows => rows.map(tr => {
  const style = getComputedStyle(tr), box = tr.getBoundingClientRect();
  const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
  const cells = ['得分', '复算', '等级'].map(label => tr.querySelector(`td[data-label="${label}"]`).getBoundingClientRect());
  return [tr.querySelector('th a').textContent, cells.map(c => Math.round(c.top)), Math.max(...cells.map(c => c.right)) - right];
})"""


def test_in_large_text_a_cards_result_is_one_line_on_a_320_px_phone(large_phone: Any, base_url: str) -> None:
    """In 大字 at 320 px 「得分 96.81 复算 96.81 ✓ 等级 优」 needs 329 px of a card's 244: 等级 stood on
    a line of its own, and 就业创业补助's 「复算 99.25 ⚠ 不一致」 too. The three now stand side by
    side, each label over its figure, inside the card: in the query's cards (drawn by the script)
    and in a listing page's (written by the build) alike."""
    large_phone.set_viewport_size({"width": 320, "height": 900})
    large_phone.goto(base_url + "projects/")
    large_phone.wait_for_selector("#ps-results tbody tr")
    for path in ("projects/", "years/2022/"):
        if path != "projects/":
            large_phone.goto(base_url + path)
        cards = large_phone.locator("table.ps-list tbody tr").evaluate_all(RESULT_LINE)
        assert any(name == "就业创业补助" for name, _, _ in cards), (path, cards)
        for name, tops, past in cards:  # a line is ~30 px in 大字; a badge sits 3 px higher
            assert max(tops) - min(tops) < 10 and past <= 0.5, (path, name, tops, past)


TEXT_AT_200 = """() => {
  const root = document.documentElement;
  root.classList.remove('ps-large');
  root.style.fontSize = '250%';  /* the theme's 125%, doubled: what the browser's text size at 200% gives */
  const lines = e => { const r = document.createRange(); r.selectNodeContents(e);
                       return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; };
  const tag = document.querySelector('table.ps-selfeval td .ps-tag--lowered'), card = tag.closest('tr');
  return {wide: root.scrollWidth, label: lines(document.querySelector('.ps-total-label')),
          past: tag.getBoundingClientRect().right - card.getBoundingClientRect().right};
}"""


def test_with_the_browsers_text_at_200_percent_a_programme_page_keeps_to_the_screen(large_phone: Any,
                                                                                    base_url: str) -> None:
    """A reader who sets the browser's text to 200% on a 390 px phone: 农村公路养护's 2023 page
    scrolled sideways (its 「⚠ 目标调低」 ran 14 px past the screen, each indicator's value had a
    column of four characters beside its label), and 公布得分 stood one character a line beside
    96.81. A narrow card now puts each label over its value, and the label keeps its line."""
    large_phone.set_viewport_size({"width": 390, "height": 900})
    large_phone.goto(base_url + "projects/2023/nongcun-gonglu-yanghu/")
    found = large_phone.evaluate(TEXT_AT_200)
    assert found == {"wide": 390, "label": 1, "past": found["past"]} and found["past"] <= 0, found
