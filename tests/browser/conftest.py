"""Headless Debian chromium against the built sample site served on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for conftest_site

from conftest_site import serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def built_site(sample_site: Path) -> Path:
    return sample_site


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def paper(browser: Any) -> Iterator[Any]:
    """A tab laid out as chromium lays out a printed A4 page's text (print media, 186 mm wide), one
    for every test of a process: each test opens its page in it and only reads (geometry, text, a
    PDF), nothing it keeps (the site stores only a reader's 大字/高对比 choice, on a click). A new
    context and tab cost chromium about 0.5 CPU s (48 contexts of one blank page: 30.6 CPU s, one
    tab loading it 48 times: 4.9 s), more than most of the ~55 print checks that used one each."""
    from test_looks_print import A4_TEXT_WIDTH  # beside the print checks that measure against it

    context = browser.new_context(viewport={"width": A4_TEXT_WIDTH, "height": 1000}, locale="zh-CN")
    tab = context.new_page()
    tab.emulate_media(media="print")
    yield tab
    context.close()


DESKTOP_SIZE = {"width": 1280, "height": 900}


class Desktop:
    """One desktop tab (1280 px) for every test of a process that asks for `page`: a new context
    and tab cost chromium about 0.5 CPU s (48 contexts of one blank page: 30.6 CPU s; one tab
    loading it 48 times: 4.9 s). Between tests what a test may leave is put back (routes, print
    media, the viewport, the site's storage and cookies), so each starts as in a fresh context."""

    def __init__(self, browser: Any, base_url: str):
        self.context = browser.new_context(viewport=DESKTOP_SIZE, locale="zh-CN")
        self.tab = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.tab.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.tab.on("request", lambda r: None if r.url.startswith((base_url, "data:", "blob:", "about:"))
                    else self.outside.append(r.url))

    def reset(self) -> None:
        self.tab.unroute_all(behavior="ignoreErrors")
        if self.tab.url.startswith("http"):  # the storage of the origin the test left the tab on
            self.tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        self.context.clear_cookies()
        self.tab.goto("about:blank")
        self.tab.emulate_media(media="null", color_scheme="light")  # a new context's
        self.tab.set_viewport_size(DESKTOP_SIZE)
        self.errors.clear()
        self.outside.clear()


@pytest.fixture(scope="session")
def desktop(browser: Any, base_url: str) -> Iterator[Desktop]:
    made = Desktop(browser, base_url)
    yield made
    made.context.close()


@pytest.fixture
def page(desktop: Desktop) -> Iterator[Any]:
    """A desktop page as a fresh context gives it (Desktop.reset); fails the test on any script
    error or request leaving 127.0.0.1."""
    desktop.reset()
    yield desktop.tab
    assert not desktop.errors, desktop.errors
    assert not desktop.outside, desktop.outside
