"""Issue 7 in headless chromium: hostile data executes nothing on any page type, and the sample
site's home, index and a programme page request nothing outside 127.0.0.1."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest_site import build_or_fail, serve
from playwright.sync_api import expect
from test_trust_hostile import hostile_copy

pytestmark = pytest.mark.browser

# Checks on the live DOM (after our scripts ran): event attributes and script URLs anywhere.
DOM_AUDIT = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'srcset', 'data'].includes(name)
          && /^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(el.tagName + ' ' + name + '=' + a.value);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) bad.push(el.tagName);
  }
  return bad;
}"""


# Fire the events an injected attribute would listen to, on every element of the page.
FIRE_EVENTS = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'error', 'load', 'animationstart']) {
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("hostile-browser")
    site = build_or_fail(root / "out", hostile_copy(root / "data"))
    with serve(site) as url:
        yield url, site


class Watch:
    """A fresh browser context recording dialogs, script errors and every request."""

    def __init__(self, browser: Any, base_url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.page = self.context.new_page()
        self.base_url = base_url
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.context.on("request", lambda r: self.requests.append(r.url))

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base_url, "data:", "blob:", "about:"))]

    def close(self) -> None:
        self.context.close()


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def test_hostile_data_executes_nothing_on_any_page(browser: Any, hostile_url: tuple[str, Path]) -> None:
    base_url, site = hostile_url
    pages = site_pages(site)
    assert {"", "projects/", "projects/2024/scripted/", "projects/2024/named-file/", "years/2024/",
            "method/", "downloads/", "404.html"} <= set(pages)
    watch = Watch(browser, base_url)
    try:
        for path in pages:
            watch.page.goto(base_url + path)
            watch.page.wait_for_load_state("load")
            if path == "projects/":
                programmes = [p for p in pages if re.fullmatch(r"projects/\d{4}/[^/]+/", p)]
                expect(watch.page.locator("#ps-rows tr")).to_have_count(len(programmes))  # rendered by our JS
                watch.page.fill("#ps-q", "企业")
                expect(watch.page.locator("#ps-rows tr")).to_have_count(1)
            watch.page.evaluate(FIRE_EVENTS)  # would run any inline handler that slipped through
            assert watch.page.evaluate("() => typeof window.__pwned") == "undefined", path
            assert watch.page.evaluate(DOM_AUDIT) == [], path
        assert watch.dialogs == []
        assert watch.errors == []
        assert watch.outside() == []
        # The escaped <img src=x> never became an element, so nothing asked for /x.
        assert not [u for u in watch.requests if u.rstrip("/").endswith("/x")]
    finally:
        watch.close()


def test_hostile_rows_export_as_inert_text(browser: Any, hostile_url: tuple[str, Path]) -> None:
    base_url, _ = hostile_url
    watch = Watch(browser, base_url)
    try:
        watch.page.goto(base_url + "projects/")
        expect(watch.page.locator("#ps-export")).to_be_visible()
        with watch.page.expect_download() as info:
            watch.page.click("#ps-export")
        text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
        names = [r[1] for r in list(csv.reader(io.StringIO(text, newline="")))[1:]]
        assert "'=HYPERLINK(\"javascript:window.__pwned=1\",\"点我\")" in names
        assert any(n.startswith("<script>window.__pwned=1</script>") for n in names)
        assert watch.dialogs == [] and watch.errors == []
    finally:
        watch.close()


def test_sample_site_requests_nothing_outside(browser: Any, base_url: str) -> None:
    """Home, index (with its data file) and a programme page load only from 127.0.0.1."""
    watch = Watch(browser, base_url)
    try:
        for path in ("", "projects/", "projects/2021/xiaoshenggui/", "downloads/"):
            watch.page.goto(base_url + path, wait_until="networkidle")
        expect(watch.page.locator("h1")).to_have_text("数据下载")
        assert any(u.endswith("projects/index.json") for u in watch.requests), "index data not loaded"
        assert any("/assets/" in u for u in watch.requests)
        assert watch.outside() == []
        assert watch.errors == [] and watch.dialogs == []
    finally:
        watch.close()


def test_the_detectors_catch_a_payload_that_runs(browser: Any, hostile_url: tuple[str, Path]) -> None:
    """Control: the same checks do fire on a page where the payloads are live markup."""
    base_url, _ = hostile_url
    watch = Watch(browser, base_url)
    try:
        watch.page.set_content('<p onmouseover="window.__pwned=1">x</p><a href="javascript:alert(1)">y</a>'
                               '<script>alert("live")</script>')
        watch.page.evaluate(FIRE_EVENTS)
        assert watch.page.evaluate("() => typeof window.__pwned") == "number"
        assert len(watch.page.evaluate(DOM_AUDIT)) == 2
        assert watch.dialogs == ["alert: live"]
    finally:
        watch.close()
