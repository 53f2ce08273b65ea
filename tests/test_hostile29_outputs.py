"""What a listing page names, its downloads hold: a year (or department, region) whose programmes
have a 绩效目标表 and no 自评 yet lists them under its list, and its programmes.csv/.json carry
them too, marked by 阶段 (`stage`), never counted in the figures. A year at budget time has only
those: its page listed them and its download was empty. The overviews' groups.csv/.json count
them per group and year (只有绩效目标表的项目数), with a row for a group-year that has only them."""

from __future__ import annotations

import csv
import io
import json
import re

from perfsite.site import render_site
from perfsite.siteconfig import SiteConfig


def _item(ident: str, year: int = 2024) -> dict:
    return {"year": year, "url": f"projects/{year}/{ident}/", "name": ident, "department": "教育局", "region": "示例县",
            "evaluation": "单位自评", "sample": False, "score": "89.86", "source": "published", "grade": "良",
            "verdict": "match", "mismatch": None, "total": "89.86", "budget_wan": "12.5", "spent_wan": "10",
            "execution_rate": "80.00", "targets": None, "lowered": None}


WAITING = [{"url": "projects/2025/xin/targets/", "name": "新建校舍", "year": 2025, "department": "教育局", "region": "示例县"},
           {"url": "projects/2024/dai/targets/", "name": "待评项目", "year": 2024, "department": "教育局", "region": "示例县"}]
BUILT = render_site(SiteConfig(), [_item("yiping")], targets_only=WAITING)
PAGES = {page.url: page.html for page in BUILT.pages}


def _csv(url: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(BUILT.files[f"{url}programmes.csv"].decode("utf-8-sig"))))


def test_a_year_with_only_target_tables_downloads_what_its_page_lists() -> None:
    assert "新建校舍" in PAGES["years/2025/"]
    assert [(r["项目标识"], r["页面地址"], r["阶段"], r["得分"]) for r in _csv("years/2025/")] == [
        ("xin", "projects/2025/xin/targets/", "targets_only", "")]
    document = json.loads(BUILT.files["years/2025/programmes.json"])
    assert [(p["id"], p["stage"], p["score"], p["targets"]) for p in document["programmes"]] == [
        ("xin", "targets_only", None, "projects/2025/xin/targets/")]
    assert document["summaries"] == []  # nothing summed: a 绩效目标表 has no score
    link = re.search(r'<p class="ps-note ps-twins">(.*?)</p>', PAGES["years/2025/"])
    assert link and "1 个只有绩效目标表的项目" in link[1] and "programmes.csv" in link[1]


def test_a_year_with_both_lists_both_and_says_which_is_which() -> None:
    assert [(r["项目标识"], r["阶段"]) for r in _csv("years/2024/")] == [("yiping", "evaluated"), ("dai", "targets_only")]
    summary = json.loads(BUILT.files["years/2024/programmes.json"])["summaries"]
    assert [(s["year"], s["count"], s["budget_wan"]) for s in summary] == [(2024, 1, "12.50")]
    link = re.search(r'<p class="ps-note ps-twins">(.*?)</p>', PAGES["years/2024/"])
    assert link and "1 个项目和 1 个只有绩效目标表的项目（“阶段”一列区分）" in link[1]
    by_department = _csv("departments/教育局/")
    assert {r["项目标识"] for r in by_department} == {"yiping", "xin", "dai"}


def test_the_overview_download_counts_the_target_tables_its_page_names() -> None:
    assert "2025年度" in PAGES["years/"] and "只公布了年初绩效目标表" in PAGES["years/"]
    groups = list(csv.DictReader(io.StringIO(BUILT.files["years/groups.csv"].decode("utf-8-sig"))))
    assert [(g["名称"], g["项目数"], g["只有绩效目标表的项目数"]) for g in groups] == [("2025", "0", "1"), ("2024", "1", "1")]
    by_department = json.loads(BUILT.files["departments/groups.json"])["groups"]
    assert [(g["year"], g["count"], g["targets_only"], g["mean"]) for g in by_department] == [
        (2025, 0, 1, None), (2024, 1, 1, "89.86")]


def test_a_cached_listing_follows_what_its_download_says_of_a_target_table(tmp_path) -> None:
    """The cached listing's key holds every field its download gives of a 绩效目标表 with no 自评:
    a region (or 示例 mark, department) changed in the table is not served from the cache."""
    from perfsite.site.buildcache import BuildCache
    from perfsite.site.memo import Memo
    from perfsite.site.pages import Listings

    cache = BuildCache(tmp_path / "cache", "test")

    def year_rows(waiting: list[dict]) -> list[dict[str, str]]:
        listings = Listings(Memo(cache, "listing", set()), "salt")
        files = render_site(SiteConfig(), [_item("yiping")], targets_only=waiting, listings=listings).files
        return list(csv.DictReader(io.StringIO(files["years/2024/programmes.csv"].decode("utf-8-sig"))))

    first = year_rows(WAITING)
    moved = [{**row, "region": "邻县", "sample": True} for row in WAITING]
    again = year_rows(moved)
    assert [(r["地区"], r["示例数据"]) for r in first if r["阶段"] == "targets_only"] == [("示例县", "false")]
    assert [(r["地区"], r["示例数据"]) for r in again if r["阶段"] == "targets_only"] == [("邻县", "true")]
