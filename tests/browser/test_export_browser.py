"""下载当前结果: the CSV exported from the 项目查询 page holds exactly the rows shown, in order."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

from perfsite.opendata.build import COLUMNS_OF  # noqa: E402
from perfsite.opendata.units import WAN, YUAN, money_header  # noqa: E402

HEAD = ["年度", "项目名称", "主管部门", "地区", "评价方式", money_header("budget", YUAN), money_header("budget", WAN),
        "执行率（%）", "得分", "得分来源", "复算得分", "复算核验", "等级", "等级来源", "目标调低", "页面地址"]
KEY_OF = {c.header: c.name for c in COLUMNS_OF["programmes"]}


def published_rows(site: Path) -> list[dict[str, str]]:
    """programmes.csv's rows, keyed by the columns' English identifiers."""
    with (site / "data" / "programmes.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [{KEY_OF[k]: v for k, v in row.items()} for row in csv.DictReader(handle)]


def export(page: Any) -> tuple[bytes, str]:
    with page.expect_download() as info:
        page.click("#ps-export")
    download = info.value
    return Path(download.path()).read_bytes(), download.suggested_filename


def group(value: str) -> str:
    if not value:
        return "—"
    whole, dot, frac = value.partition(".")
    return f"{int(whole):,}" + dot + frac


def shown_rows(page: Any) -> list[list[str]]:
    """Each table row's cells as text, a cell's own text only (not its marks and tags)."""
    return [[cell.strip() for cell in row] for row in page.locator("#ps-rows tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.children).map(c => c.querySelector('a') ? c.querySelector('a').innerText"
        " : c.querySelector('.ps-grade strong') ? c.querySelector('.ps-grade strong').innerText"
        " : Array.from(c.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('') || c.innerText))")]


def as_shown(row: list[str]) -> list[str]:
    """An exported record laid out like a table row: 年度, 名称, 部门, 地区, 预算, 执行率, 得分, 复算, 等级."""
    year, name, dept, region, _kind, _yuan, budget, rate, score, _source, total, _check, grade, _grade_source, _low, _url = row
    return [year, name, dept or "未载明", region or "—", group(budget), f"{rate}%" if rate else "—",
            score or "—", total or "—", grade or "未评级"]


def test_export_of_a_two_filter_view_has_exactly_the_rows_shown(page: Any, base_url: str,
                                                                  built_site: Path) -> None:
    rows = published_rows(built_site)
    grade, _ = Counter(r["grade"] for r in rows).most_common(1)[0]
    region, expected = Counter(r["region"] for r in rows if r["grade"] == grade).most_common(1)[0]
    assert 1 < expected < len(rows), "the sample data should give a proper two-filter subset"

    page.goto(f"{base_url}projects/")
    expect(page.locator("#ps-export")).to_be_visible()
    page.select_option("#ps-grade", grade)
    page.select_option("#ps-region", region)
    page.select_option("#ps-sort", "score-asc")
    expect(page.locator("#ps-rows tr")).to_have_count(expected)

    raw, filename = export(page)
    assert filename.endswith(".csv")
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel on Chinese Windows would garble it"
    assert raw.endswith(b"\r\n")
    records = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert records[0] == HEAD
    body = records[1:]
    assert len(body) == expected
    assert [as_shown(r) for r in body] == shown_rows(page)
    assert all(r[3] == region and r[12] == grade for r in body)
    scores = [float(r[8]) for r in body]
    assert scores == sorted(scores)

    # Every exported row points at its page and agrees with programmes.csv figure for figure,
    # money in both units as the downloads give it.
    by_url = {r["url"]: r for r in rows}
    for r in body:
        url = r[15].removeprefix(base_url)
        assert url in by_url, r[15]
        mine = by_url[url]
        published = mine["reported_total"]
        assert (published or mine["total"], "公布" if published else "复算") == (r[8], r[9])
        assert (mine["total"], mine["name"]) == (r[10], r[1])
        assert (mine["budget"], mine["budget_wan"]) == (r[5], r[6]) or not mine["budget"]
        # 目标调低 as /data/ counts it: 是 where it lowered one, 否 with a 目标表 and none, blank without one
        lowered = mine["lowered_targets"]
        assert r[14] == ("" if lowered == "" else "否" if lowered == "0" else "是"), r


def test_export_without_filters_has_every_programme(page: Any, base_url: str, built_site: Path) -> None:
    page.goto(f"{base_url}projects/")
    expect(page.locator("#ps-export")).to_be_visible()
    expect(page.locator("#ps-count")).not_to_be_empty()
    raw, _ = export(page)
    records = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(records) - 1 == len(published_rows(built_site))
    assert [as_shown(r) for r in records[1:]] == shown_rows(page)


def test_export_cells_are_quoted_and_inert(page: Any, base_url: str) -> None:
    """Commas, quotes and line breaks are quoted; a cell Excel would run as a formula is not."""
    page.goto(f"{base_url}projects/")
    expect(page.locator("#ps-export")).to_be_visible()
    text = page.evaluate("""() => window.perfsiteExport.csvText([
        {year: 2024, name: '=HYPERLINK("http://x","点")', dept: 'a,b', region: '第一行\\n第二行',
         kind: '单位自评', total: '90.00', grade: '优', budget: '1.5', path: '2024/x/'}])""")
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert records[1][:4] == ["2024", "'=HYPERLINK(\"http://x\",\"点\")", "a,b", "第一行\n第二行"]


AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.mark.parametrize("path", ["downloads/", "opendata/", "projects/"])
def test_downloads_operator_and_export_button_pass_axe(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    if path == "projects/":
        expect(page.locator("#ps-export")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)


def test_downloads_page_fits_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        tab = context.new_page()
        tab.goto(base_url + "downloads/")
        tab.wait_for_load_state("load")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        # every file is a card: its name on one line, the card within the screen (no table to scroll sideways)
        broken = tab.evaluate("""[...document.querySelectorAll('table.ps-files tbody th a')].filter(a => {
            const r = a.getBoundingClientRect(); return a.getClientRects().length > 1 || r.right > 390; })
            .map(a => a.textContent)""")
        assert tab.locator("table.ps-files tbody th a").count() >= 10 and broken == []
        cards = tab.evaluate("""[...document.querySelectorAll('table.ps-files tbody tr')]
            .filter(tr => tr.getBoundingClientRect().right > 390).length""")
        assert cards == 0
    finally:
        context.close()


def test_export_button_is_keyboard_usable(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}projects/")
    expect(page.locator("#ps-export")).to_be_visible()
    page.focus("#ps-export")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".csv")


def test_export_urls_are_right_under_a_sub_path(browser: Any, built_site: Path) -> None:
    """Served below a path (as at site_url …/jxgk/), exported page URLs keep that path."""
    from conftest_site import serve

    with serve(built_site.parent) as root_url:
        base = f"{root_url}{built_site.name}/"
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.goto(base + "projects/")
            expect(tab.locator("#ps-export")).to_be_visible()
            raw, _ = export(tab)
        finally:
            context.close()
    urls = [r[-1] for r in list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))[1:]]
    expected = {base + r["url"] for r in published_rows(built_site)}
    assert urls and set(urls) == expected


def test_export_clicked_while_the_rows_load_waits_for_them(page: Any, base_url: str) -> None:
    """A click on 下载当前结果 while the year's rows are still loading (the results are empty then)
    gives the rows once they are in, never a file of headers only."""
    held: list[Any] = []

    def hold(route: Any) -> None:  # each year's rows wait until released
        held.append(route)

    page.route("**/projects/index/*.json", hold)
    with page.expect_request("**/projects/index/*.json"):
        page.goto(f"{base_url}projects/")
    expect(page.locator("#ps-index")).to_have_attribute("aria-busy", "true")
    page.click("#ps-export")
    with page.expect_download() as info:
        for route in held:
            route.continue_()
    records = list(csv.reader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"), newline="")))
    assert records[0] == HEAD
    assert len(records) - 1 == page.evaluate("window.perfsiteIndex.currentRows().length") > 0
