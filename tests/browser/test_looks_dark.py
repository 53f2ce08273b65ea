"""The dark scheme (the system asks for it) on a phone, in headless chromium: the marks axe-core
does not check, because they are hidden from screen readers (aria-hidden, the words are beside
them), still meet 4.5:1 against what they are drawn on for the eyes that read them."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = ["", "projects/", "years/2022/", "departments/示例县教育局/2023/", "projects/2023/yingyang-gaishan/"]
"""Home and 项目查询 (✓ beside each recomputed score), a year listing, a department page (its
programme list) and a programme page."""

HIDDEN_MARKS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ground = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                        if ((rgb(c)[3] ?? 1) > 0.5) return c; } return 'rgb(255, 255, 255)'; };
  return [...document.querySelectorAll('[aria-hidden="true"]')]
    .filter(e => e.textContent.trim() && e.getClientRects().length && !e.closest('svg'))
    .map(e => { const a = lum(getComputedStyle(e).color), b = lum(ground(e));
                return [e.className, e.textContent.trim(), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]; });
}"""


@pytest.mark.parametrize("path", PAGES)
def test_marks_hidden_from_screen_readers_are_legible_in_the_dark(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900}, is_mobile=True, locale="zh-CN",
                                  color_scheme="dark")
    tab = context.new_page()
    tab.goto(base_url + path)
    if path == "projects/":
        expect(tab.locator("#ps-rows tr").first).to_be_visible()
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    marks = tab.evaluate(HIDDEN_MARKS)
    context.close()
    faint = sorted({(cls, text, round(ratio, 2)) for cls, text, ratio in marks if ratio < 4.5})
    assert not faint, faint
