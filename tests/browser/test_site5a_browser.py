"""项目查询 and 整改情况 in headless chromium (390 px): the 评价报告 chip carries the report's grade as
the listings' does; 「中及以下」 shows the 中 and 差 rows; 「N 项已逾期」 filters the 整改 page to them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest_site import DATA, Tab, built_and_served
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EPOCH = "1733356800"  # 2024-12-05, as test_kinds_browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    out = tmp_path_factory.mktemp("site5a-browser") / "out"
    with built_and_served(out, DATA, PERFSITE_SEARCH="0", PERFSITE_OPENDATA="0", SOURCE_DATE_EPOCH=EPOCH) as url:
        yield url, out


@pytest.fixture
def phone(browser: Any, site: tuple[str, Any]) -> Iterator[Any]:
    tab = Tab(browser, site[0], 390)
    yield tab.page
    tab.close()


def test_the_report_chip_says_the_report_grade_as_the_listings_do(phone: Any, site: tuple[str, Any]) -> None:
    url, out = site
    listing = (out / "years" / "2022" / "index.html").read_text(encoding="utf-8")
    chips = re.findall(r'href="[^"]*yingyang-gaishan/evaluation/"[^>]*>(评价报告[^<]*)</a>', listing)
    assert chips and " · " in chips[0]  # the listing's chip: 评价报告 · 良
    phone.goto(f"{url}projects/?year=2022&q=营养")
    expect(phone.locator("#ps-rows .ps-tag--report", has_text="评价报告").first).to_have_text(chips[0])


def test_the_lowest_two_grades_together(phone: Any, site: tuple[str, Any]) -> None:
    url = site[0]
    phone.goto(f"{url}projects/?year=all")
    expect(phone.locator("#ps-rows tr").first).to_be_visible()
    counts = {g: phone.locator(f"#ps-grade option[value='{g}']").inner_text() for g in ("中", "差", "中及以下")}
    number = {g: int(re.findall(r"（(\d+)）$", text)[0]) for g, text in counts.items()}
    assert number["中及以下"] == number["中"] + number["差"]
    phone.goto(f"{url}projects/?year=all&grade=中及以下")
    expect(phone.locator("#ps-rows tr")).to_have_count(number["中及以下"])


def test_the_overdue_count_filters_the_rectification_page(phone: Any, site: tuple[str, Any]) -> None:
    phone.goto(f"{site[0]}rectification/")
    link = phone.locator("#ps-roverdue-link")
    overdue = int(re.findall(r"\d+", link.inner_text())[0])
    link.tap()
    expect(phone.locator("#ps-rtable tbody tr:not([hidden])")).to_have_count(overdue)
    assert "overdue=1" in phone.url
