"""The site-wide 整改 page's filters in a real browser, on a phone: status, year, department and
overdue hide the rows that do not match, the count says how many are left, the address keeps the
choice and opens with it."""

from __future__ import annotations

from typing import Any


def test_the_filters_work_on_a_phone_and_keep_the_choice_in_the_address(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "rectification/")
    rows = page.locator("#ps-rtable tbody tr")
    shown = page.locator("#ps-rtable tbody tr:not([hidden])")
    total = rows.count()
    assert total > 0 and shown.count() == total and page.is_visible("#ps-rfilters")
    overdue = page.locator('#ps-rtable tbody tr[data-overdue="1"]').count()
    page.click("#ps-rfold")  # folded on a phone (test_looks_phone.py)
    page.select_option("#ps-roverdue", "1")
    assert shown.count() == overdue and f"符合条件的整改措施 {overdue} 项" in page.inner_text("#ps-rcount")
    assert "overdue=1" in page.url
    page.select_option("#ps-rstatus", "已完成")  # a completed measure is never overdue
    assert shown.count() == 0 and page.is_visible("#ps-rnone")
    page.goto(base_url + "rectification/?year=2023&status=整改中")
    expected = page.locator('#ps-rtable tbody tr[data-year="2023"][data-status="整改中"]').count()
    assert expected > 0 and shown.count() == expected and page.input_value("#ps-ryear") == "2023"
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    context.close()
    assert not errors, errors


def test_each_measure_shows_its_problem_and_completion_date_on_a_desktop_and_on_paper(browser: Any, base_url: str) -> None:
    """The table's first column is 项目 / 问题 and a completed measure's status carries its date:
    both are a cell's second line, which must not be a phone-only hint."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(base_url + "rectification/")
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        lines = page.locator("#ps-rtable tbody tr .ps-hint")
        assert lines.count() > 0
        texts = [lines.nth(i) for i in range(lines.count())]
        assert all(line.is_visible() and line.inner_text().strip() for line in texts), media
    problem = page.locator("#ps-rtable tbody tr").first.locator("td").first.locator(".ps-hint")
    assert problem.is_visible() and len(problem.inner_text().strip()) > 4  # the problem itself, not a mark
    context.close()
