"""axe-core on every page of the sample site that is not a programme page (home, 项目查询, listings,
方法说明, 数据下载, 全文检索, 404 and every docs/*.md page), with the visitor's system in light and in
dark mode; on a 390 px phone, no page scrolls sideways and axe passes too.

The pages are read from one build of the sample site (search off), so a new docs page or listing is
covered without touching this file. Listings made from one template for each department, region or
year are tested once, on the largest of them: axe checks what the template writes, and chromium's
axe run costs about 0.8 CPU s a page (2 s on the largest docs pages). Programme pages
(projects/<year>/<id>/) are tested in test_programme_browser.py. The site is served under the path of
its site_url, as when deployed: 404.html links its styles and scripts by absolute path.

The palette (mkdocs.yml theme.palette) follows prefers-color-scheme: a dark system setting gives
Material's slate scheme with the site's dark colours (perfsite.css), and the dark runs check that
with axe's colour rules (the scheme changes colours, not markup; the light runs check the rest).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest_site import COLOUR_RULES, RUN_AXE, serve, shared_sample_site

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TEMPLATES = {"department": r"departments/[^/]+/", "department-year": r"departments/[^/]+/\d{4}/",
             "region": r"regions/[^/]+/", "year": r"years/\d{4}/"}
"""Listings written by one template per department (and its years), region or year."""


def template_of(path: str) -> str | None:
    return next((kind for kind, pattern in TEMPLATES.items() if re.fullmatch(pattern, path)), None)

BUILD_FAILED = "(the sample site did not build)"


class Site:
    """The sample site (conftest_site.shared_sample_site: search off), linked under its site_url path."""

    def __init__(self, root: Path):
        self.error = ""
        self.www = root / "www"
        self.base = "/"
        self.pages: list[str] = []
        try:
            out = shared_sample_site()
        except AssertionError as exc:
            self.error = str(exc)
            return
        not_found = out / "404.html"
        found = not_found.exists() and re.search(r'href="(/[^"]*?)assets/stylesheets/',
                                                  not_found.read_text(encoding="utf-8"))
        self.base = found.group(1) if found else "/"
        home = self.www.joinpath(*self.base.strip("/").split("/")) if self.base != "/" else self.www
        home.parent.mkdir(parents=True, exist_ok=True)
        home.symlink_to(out, target_is_directory=True)  # the server follows it; the site stays read only
        largest: dict[str, tuple[int, str]] = {}
        for html in sorted(home.rglob("*.html")):
            parts = html.relative_to(home).parts
            if parts[0] == "projects" and len(parts) > 2:
                continue  # a programme page, projects/<year>/<id>/
            path = "/".join(parts).removesuffix("index.html")
            kind = template_of(path)
            if kind is None:
                self.pages.append(path)
            elif html.stat().st_size > largest.get(kind, (-1, ""))[0]:
                largest[kind] = (html.stat().st_size, path)
        self.pages += sorted(path for _, path in largest.values())


_sites: list[Site] = []


def sample_site(config: pytest.Config) -> Site:
    """Built at collection, the first time it is asked for, so the pages can parametrize the tests."""
    if not _sites:
        tmp = tempfile.TemporaryDirectory(prefix="perfsite-docs-axe-")
        config.add_cleanup(tmp.cleanup)
        _sites.append(Site(Path(tmp.name)))
    return _sites[0]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "path" in metafunc.fixturenames:
        site = sample_site(metafunc.config)
        pages = site.pages if not site.error else [BUILD_FAILED]  # fail in the test, not at collection
        metafunc.parametrize("path", pages, ids=[p or "home" for p in pages])


@pytest.fixture(scope="module")
def site(pytestconfig: pytest.Config) -> Site:
    built = sample_site(pytestconfig)
    if built.error:
        raise AssertionError(built.error)
    return built


@pytest.fixture(scope="module")
def site_url(site: Site) -> Iterator[str]:
    with serve(site.www) as url:
        yield url.rstrip("/") + site.base


class Tab:
    """One tab reused for every page, with axe loaded into each document; records script errors
    and requests that leave 127.0.0.1."""

    def __init__(self, browser: Any, site_url: str, **options: Any):
        self.context = browser.new_context(locale="zh-CN", **options)
        self.context.add_init_script(path=str(AXE))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        origin = site_url.split("/", 3)[:3]
        self.page.on("request", lambda r: None if r.url.startswith(("/".join(origin) + "/", "data:", "blob:"))
                     else self.errors.append(f"request left the machine: {r.url}"))

    def open(self, url: str) -> Any:
        self.errors.clear()
        self.page.goto(url)
        return self.page

    def serious(self, rules: list[str] | None = None) -> list[str]:
        """axe's serious and critical violations, of `rules` only if given."""
        result = self.page.evaluate(RUN_AXE, rules)
        scheme = self.page.evaluate("document.body.dataset.mdColorScheme")
        return [
            f"{v['id']} ({v['impact']}, Material scheme {scheme}): {v['help']}\n"
            + "".join(f"    {n['target']}\n" for n in v["nodes"][:8])
            + (f"    … {len(v['nodes']) - 8} more\n" if len(v["nodes"]) > 8 else "")
            for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]


@pytest.fixture(scope="module")
def tabs(browser: Any, site_url: str) -> Iterator[dict[str, Tab]]:
    made = {
        "light": Tab(browser, site_url, viewport=DESKTOP, color_scheme="light"),
        "dark": Tab(browser, site_url, viewport=DESKTOP, color_scheme="dark"),
        # A phone as in test_site_browser.py, without touch emulation: Material makes a code block
        # that scrolls sideways focusable only where the device can hover, so under (hover: none)
        # axe reports every wide code block (Material's choice, not fixable from CSS).
        "phone": Tab(browser, site_url, viewport=PHONE, is_mobile=True),
    }
    yield made
    for tab in made.values():
        tab.context.close()


def test_site_has_every_kind_of_page(site: Site) -> None:
    pages = site.pages
    assert {"", "projects/", "years/", "regions/", "departments/", "method/", "downloads/", "search/",
            "404.html", "data-format/", "json/", "opendata/"} <= set(pages), pages
    assert sorted(filter(None, map(template_of, pages))) == sorted(TEMPLATES), pages
    docs = Path(__file__).resolve().parents[2] / "docs"
    excluded = set(yaml.safe_load((docs.parent / "mkdocs.yml").read_text(encoding="utf-8"))["exclude_docs"].split())
    for md in docs.glob("*.md"):  # every page built but the engineering ones mkdocs.yml keeps off the site
        assert (f"{md.stem}/" in pages) != (f"/{md.name}" in excluded) or md.stem == "index", md


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation(tabs: dict[str, Tab], site_url: str, path: str, scheme: str) -> None:
    tab = tabs[scheme]
    tab.open(site_url + path)
    assert tab.page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    serious = tab.serious(COLOUR_RULES if scheme == "dark" else None)
    assert not serious, f"{path or 'home'} ({scheme}):\n" + "".join(serious)
    assert not tab.errors, tab.errors


def test_fits_a_phone(tabs: dict[str, Tab], site_url: str, path: str) -> None:
    tab = tabs["phone"]
    page = tab.open(site_url + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{path or 'home'} scrolls sideways on a phone: {width} px"
    serious = tab.serious()
    assert not serious, f"{path or 'home'} (390 px):\n" + "".join(serious)
    assert not tab.errors, tab.errors
