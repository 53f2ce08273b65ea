"""The site on a phone as citizens read it: geometry of the laid-out text, never pixels."""

from __future__ import annotations

from typing import Any

import pytest
from test_looks_phone import phone_context

pytestmark = pytest.mark.browser

FOOTER_PARTS = """() => [...document.querySelectorAll('.ps-footer p > span:not(.ps-sep)')].map(part => {
  const range = document.createRange();
  range.selectNodeContents(part);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  return [part.textContent.trim(), tops.size, Math.round(part.getBoundingClientRect().right)];
})"""


@pytest.mark.parametrize(("width", "large"), [(390, False), (320, True)])
def test_a_registration_number_in_the_footer_stays_on_one_line(browser: Any, base_url: str, width: int,
                                                               large: bool) -> None:
    """网站标识码, the ICP 备案号 and 晋公网安备00000000000000号 are numbers a reader copies or
    checks at the registry: at 390 px the last broke after 「晋公」; each now wraps whole to the
    next line, inside the screen."""
    context = phone_context(browser, width, large, 900)
    try:
        tab = context.new_page()
        tab.goto(base_url + "contact/")
        parts = tab.evaluate(FOOTER_PARTS)
    finally:
        context.close()
    assert [text[:4] for text, _, _ in parts] == ["网站标识", "晋ICP", "晋公网安"], parts
    assert all(lines == 1 for _, lines, _ in parts), parts
    assert all(right <= width for _, _, right in parts), parts
