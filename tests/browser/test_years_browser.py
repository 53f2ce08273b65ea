"""各年度指标对照 and 更正记录 as readers see them, in headless chromium: on a phone (390 px) the
series' years table is one card per indicator with a line a year and nothing scrolls sideways; on a
wide screen its first column stays in view when the table scrolls in its box; printed on A4 nothing
is cut off and every change is there in words; a year's page lists the warnings and leads to the
table; axe finds nothing serious in the sections."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
YEARS_PAGE = "projects/2023/yingyang-gaishan/years/"
"""The series' 各年度指标对照 page (below its newest 自评, 2023)."""
YEAR_PAGE = "projects/2022/yingyang-gaishan/"
CORRECTED_PAGE = "projects/2022/yingyang-gaishan/"


def tab_at(browser: Any, base_url: str, path: str, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500, locale="zh-CN")
    tab = context.new_page()
    tab.goto(base_url + path)
    return tab


def axe_serious(tab: Any, selector: str) -> list[str]:
    tab.add_script_tag(path=str(AXE_SCRIPT))
    result = tab.evaluate(f"axe.run(document.querySelector('{selector}'), {{resultTypes: ['violations']}})")
    return [f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_on_a_phone_each_indicator_is_a_card_with_a_line_a_year(browser: Any, base_url: str) -> None:
    tab = tab_at(browser, base_url, YEARS_PAGE, 390)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    table = tab.locator("table.ps-yearcompare")
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert tab.evaluate("getComputedStyle(document.querySelector('table.ps-yearcompare thead')).position") == "absolute" \
        or not tab.locator("table.ps-yearcompare thead").is_visible()  # the header row is hidden on cards
    card = table.locator("tbody tr", has_text="受益学生人数")
    years = card.locator("td[data-label$='年度']")
    assert years.count() == 3
    tops = [years.nth(i).bounding_box()["y"] for i in range(3)]
    assert tops == sorted(tops) and len(set(tops)) == 3  # one line a year, in order
    assert "2021年度" in tab.evaluate("e => getComputedStyle(e, '::before').content", years.first.element_handle())
    assert "目标调低" in card.inner_text() and "≥1.15万人" in card.inner_text()
    assert axe_serious(tab, "#ps-yearscompare") == []


def test_on_a_wide_screen_the_first_column_stays_in_view(browser: Any, base_url: str) -> None:
    tab = tab_at(browser, base_url, YEARS_PAGE, 1280)
    first = tab.locator("table.ps-yearcompare tbody th").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    box = tab.locator("#ps-yearscompare .ps-scroll")
    box.evaluate("e => { e.style.maxWidth = '600px'; e.querySelector('table').style.minWidth = '1100px'; }")
    box.evaluate("e => { e.scrollLeft = 400; }")  # as if many years made it wider than its box
    assert box.evaluate("e => e.scrollLeft") > 0
    scroller, cell = box.bounding_box(), first.bounding_box()
    assert abs(cell["x"] - scroller["x"]) < 2  # still at the box's left edge
    assert tab.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.parametrize("width", [390, 1280])
def test_a_year_page_lists_the_warnings_and_leads_to_the_table(browser: Any, base_url: str, width: int) -> None:
    tab = tab_at(browser, base_url, YEAR_PAGE, width)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    section = tab.locator("#ps-yearscompare")
    assert "目标调低" in section.inner_text()
    flag = section.locator(".ps-yc-flag").first
    assert "⚠" in tab.evaluate("e => getComputedStyle(e, '::before').content", flag.element_handle())
    assert axe_serious(tab, "#ps-yearscompare") == []
    section.get_by_role("link", name=re.compile("查看各年度全部")).click()
    tab.wait_for_url(re.compile(r"/projects/2023/yingyang-gaishan/years/$"))
    assert tab.locator("table.ps-yearcompare tbody tr").count() > 0
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def test_the_corrections_read_on_a_phone(browser: Any, base_url: str) -> None:
    tab = tab_at(browser, base_url, CORRECTED_PAGE, 390)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    notice = tab.locator(".ps-corrected")
    assert "本页数据公开后有过更正" in notice.inner_text()
    notice.get_by_role("link", name="更正记录").click()
    assert tab.evaluate("location.hash") == "#ps-corrections"
    row = tab.locator("table.ps-corrections tbody tr").first
    assert row.is_visible() and "86.4% 更正为 84.6%" in row.inner_text()
    assert axe_serious(tab, "#ps-disclosure") == []


def test_printed_on_a4_every_change_is_there_and_nothing_is_cut(browser: Any, base_url: str) -> None:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's CJK fonts lack a FontBBox
    tab = tab_at(browser, base_url, YEARS_PAGE, 1280)
    tab.emulate_media(media="print")
    clipped = tab.evaluate("""() => [...document.querySelectorAll('#ps-yearscompare :is(th, td)')]
      .filter(c => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map(c => c.textContent.trim().slice(0, 20))""")
    assert clipped == []
    pdf = tab.pdf(format="A4", prefer_css_page_size=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        printed = "".join((p.extract_text() or "") for p in doc.pages).replace("\n", "").replace(" ", "")
    for shown in ("各年度指标对照", "目标调低", "≥1.15万人", "不再列入", "重新列入", "改名", "原为"):
        assert shown in printed, shown
