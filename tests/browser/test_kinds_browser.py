"""评价报告 and 整改 in 项目查询, in headless chromium on a phone (390 px): the 评价与整改 filter
(有评价报告 / 整改逾期 / 整改未完成, with counts, in the address) and the rows' 评价报告, 整改 and
⚠ 逾期 marks. Expected values come from the data files, overdue judged on the build date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest_site import DATA, Tab, built_and_served, listed
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EPOCH = "1733356800"
"""2024-12-05: the build date the site judges overdue against (and the expectations below)."""
TODAY = "2024-12-05"


@pytest.fixture(scope="module")
def expected() -> dict[str, set[str]]:
    """year/id of the programme-years with a report, with a measure not done, with one overdue."""
    found: dict[str, set[str]] = {"report": set(), "open": set(), "overdue": set()}
    for path in DATA.rglob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or doc.get("kind") not in ("评价报告", "整改"):
            continue
        key = f"{doc['year']}/{doc['id']}"
        if doc["kind"] == "评价报告":
            found["report"].add(key)
            continue
        for finding in doc["findings"]:
            for m in finding["measures"]:
                if m["status"] != "已完成":
                    found["open"].add(key)
                    if m.get("deadline") and str(m["deadline"]) < TODAY:
                        found["overdue"].add(key)
    assert found["overdue"] and found["overdue"] != found["open"], "the seed data has overdue and open measures"
    return found


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("kinds-browser") / "out"
    with built_and_served(out, DATA, PERFSITE_SEARCH="0", PERFSITE_OPENDATA="0", SOURCE_DATE_EPOCH=EPOCH) as url:
        yield url


@pytest.fixture
def phone(browser: Any, site_url: str) -> Iterator[Any]:
    tab = Tab(browser, site_url, 390)
    yield tab.page
    tab.close()


def test_the_cycle_filter_on_a_phone(phone: Any, site_url: str, expected: dict[str, set[str]]) -> None:
    phone.goto(f"{site_url}projects/?year=all")
    field = phone.locator("#ps-cycle")
    expect(field).to_be_hidden()  # a phone opens with the filters folded under 筛选和排序
    phone.click("#ps-fold")
    expect(field).to_be_visible()
    box = field.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390  # within the screen
    labels = {"report": "有评价报告", "overdue": "整改逾期", "open": "整改未完成"}
    for value, label in labels.items():
        expect(phone.locator(f"#ps-cycle option[value='{value}']")).to_have_text(f"{label}（{len(expected[value])}）")
    for value in labels:
        phone.select_option("#ps-cycle", value)
        expect(phone.locator("#ps-rows tr")).to_have_count(len(expected[value]))
        assert listed(phone) == expected[value]
        assert parse_qs(urlsplit(phone.url).query)["cycle"] == [value]
    expect(phone.locator("#ps-rows .ps-tag--overdue")).to_have_count(len(expected["overdue"]))
    phone.select_option("#ps-cycle", "overdue")
    expect(phone.locator("#ps-rows .ps-tag--overdue")).to_have_text(["⚠ 逾期"] * len(expected["overdue"]))
    phone.reload()  # the address keeps the choice
    expect(phone.locator("#ps-rows tr")).to_have_count(len(expected["overdue"]))


def test_the_report_mark_links_the_report_page(phone: Any, site_url: str, expected: dict[str, set[str]]) -> None:
    phone.goto(f"{site_url}projects/?year=all&cycle=report")
    expect(phone.locator("#ps-rows tr")).to_have_count(len(expected["report"]))
    link = phone.locator("#ps-rows .ps-tag--report", has_text="评价报告").first
    target = link.get_attribute("href")
    link.click()
    assert target is not None and target.endswith("/evaluation/")
    expect(phone).to_have_title(re.compile(r"评价报告"))
