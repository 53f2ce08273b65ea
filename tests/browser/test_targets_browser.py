"""The 绩效目标表 in headless chromium: 项目查询's 绩效目标表 filter (有/目标调低/无, with counts, in the
address), the list rows' 目标表 link and ⚠ 目标调低 mark, and full-text search finding a target
table's page under its own title. Expected values come from the data (the core's comparison)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from conftest_site import DATA, Tab, built_and_served, listed
from playwright.sync_api import expect

from perfsite.dataset import load_dataset
from perfsite.targets_compare import Change, compare_targets

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def expected() -> dict[str, set[str]]:
    """The names of the programme-years with a 绩效目标表, and of those whose 自评 lowered a target."""
    data = load_dataset(DATA)
    tables = {(t.year, t.id): t for t in data.targets}
    has, lowered = set(), set()
    for sp in data.programmes:
        p = sp.programme
        table = tables.get((p.year, p.id))
        if table is None:
            continue
        has.add(f"{p.year}/{p.id}")
        if any(row.change is Change.LOWERED for row in compare_targets(table, p)):
            lowered.add(f"{p.year}/{p.id}")
    assert has and lowered and has != lowered, "the seed data has a lowered target and a kept one (yingyang-gaishan)"
    return {"has": has, "lowered": lowered, "all": {f"{sp.programme.year}/{sp.programme.id}" for sp in data.programmes}}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed data built with the full-text index (no /data/: not needed here), served."""
    out = tmp_path_factory.mktemp("targets-browser") / "out"
    with built_and_served(out, DATA, PERFSITE_SEARCH="1", PERFSITE_OPENDATA="0") as url:
        yield url


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Any]:
    opened = Tab(browser, site_url)
    yield opened.page
    opened.close()


def test_the_targets_filter_lists_programmes_with_a_table_and_with_a_lowered_target(
        tab: Any, site_url: str, expected: dict[str, set[str]]) -> None:
    tab.goto(f"{site_url}projects/?year=all")
    expect(tab.locator("#ps-targets")).to_be_visible()
    options = {"has": "有绩效目标表", "has/lowered": "目标调低", "none": "无绩效目标表"}
    counts = {"has": len(expected["has"]), "has/lowered": len(expected["lowered"]),
              "none": len(expected["all"] - expected["has"])}
    for value, label in options.items():
        expect(tab.locator(f"#ps-targets option[value='{value}']")).to_have_text(f"{label}（{counts[value]}）")
    tab.select_option("#ps-targets", "has")
    expect(tab.locator("#ps-rows tr")).to_have_count(counts["has"])
    assert listed(tab) == expected["has"]
    expect(tab.locator("#ps-rows .ps-tag--targets")).to_have_count(counts["has"])
    tab.select_option("#ps-targets", "has/lowered")
    expect(tab.locator("#ps-rows tr")).to_have_count(counts["has/lowered"])
    assert listed(tab) == expected["lowered"]
    expect(tab.locator("#ps-rows .ps-tag--lowered")).to_have_text(["⚠ 目标调低"] * counts["has/lowered"])
    assert parse_qs(urlsplit(tab.url).query)["targets"] == ["has/lowered"]
    tab.reload()  # the address keeps the choice
    expect(tab.locator("#ps-rows tr")).to_have_count(counts["has/lowered"])
    tab.select_option("#ps-targets", "none")
    expect(tab.locator("#ps-rows tr")).to_have_count(counts["none"])
    assert listed(tab) == expected["all"] - expected["has"]
    expect(tab.locator("#ps-rows .ps-tag--targets")).to_have_count(0)


def test_the_target_mark_links_the_target_table_page(tab: Any, site_url: str, expected: dict[str, set[str]]) -> None:
    tab.goto(f"{site_url}projects/?year=all&targets=has%2Flowered")
    link = tab.locator("#ps-rows .ps-tag--targets").first
    expect(link).to_have_text("目标表")
    link.click()
    # the first listed programme-year with a lowered target (newest year first), whichever it is
    lowered = "|".join(re.escape(f"{site_url}projects/{name}/targets/") for name in expected["lowered"])
    expect(tab).to_have_url(re.compile(f"^(?:{lowered})$"))
    expect(tab).to_have_title(re.compile(r"年度绩效目标表）"))


def test_full_text_search_finds_a_target_table_under_its_own_title(tab: Any, site_url: str,
                                                                  expected: dict[str, set[str]]) -> None:
    tab.goto(f"{site_url}search/?q={quote('绩效目标表 营养膳食')}")
    expect(tab.locator("#ps-ft-status")).to_contain_text("结果", timeout=15_000)
    links = tab.locator("#ps-ft-results li.ps-hit a")
    found = {urlsplit(a.get_attribute("href") or "").path: a.inner_text() for a in links.all()}
    targets = {path: title for path, title in found.items() if path.endswith("/targets/")}
    # the query names the 营养改善 programme: both its tables, no other programme's
    assert {"/".join(p.strip("/").split("/")[1:3]) for p in targets} == {
        name for name in expected["has"] if name.endswith("/yingyang-gaishan")}
    for path, title in targets.items():
        assert title.endswith(f"（{path.split('/')[2]}年度绩效目标表）"), title
