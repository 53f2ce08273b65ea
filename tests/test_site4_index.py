"""项目查询's data (projects/index.json and its parts): a 绩效目标表 with no 自评 yet is a row a
filter selects, and a grade the page calls 复算等级 is marked there as on the listings."""

from __future__ import annotations

import json
import re

from test_site_listings import make_rows

from perfsite.site.pages import INDEX_FIELDS, STAGE_EVALUATED, STAGE_TARGETS_ONLY, Builder, index_files
from perfsite.siteconfig import SiteConfig

WAITING = [{"url": "projects/2021/sihao/targets/", "name": "四好农村路工作经费", "year": 2021,
            "department": "经济建设科", "region": "阳泉市"},
           {"url": "projects/2024/xin/targets/", "name": "新项目", "year": 2024, "department": "部门1", "region": ""}]


def _column(part: dict, field: str) -> list:
    return part["columns"][INDEX_FIELDS.index(field)]


def test_a_target_table_without_a_self_evaluation_is_a_row_of_its_year() -> None:
    rows = make_rows(4)  # 2023 and 2024
    files = index_files(rows, waiting=WAITING)
    listing = json.loads(files["projects/index.json"])
    assert listing["count"] == 6 and listing["targets_only"] == 2
    assert [p["year"] for p in listing["parts"]] == [2024, 2023, 2021]  # a year with no 自评 has its part
    alone = json.loads(files["projects/index/2021.json"])
    assert _column(alone, "path") == ["2021/sihao/targets/"] and _column(alone, "stage") == [STAGE_TARGETS_ONLY]
    assert _column(alone, "score") == [None] and _column(alone, "total") == [None]
    assert alone["grades"][_column(alone, "grade")[0]] == ""
    assert alone["departments"] == ["经济建设科"] and _column(alone, "targets") == [1]
    beside = json.loads(files["projects/index/2024.json"])
    assert _column(beside, "stage") == [STAGE_EVALUATED, STAGE_EVALUATED, STAGE_TARGETS_ONLY]
    assert _column(beside, "name")[-1] == "新项目"


def test_the_grade_the_page_calls_recomputed_is_marked_in_the_index() -> None:
    rows = make_rows(2)
    rows[0]["grade_recomputed"] = True
    part = json.loads(index_files(rows)["projects/index/2023.json"])
    assert _column(part, "grade_recomputed") == [1]
    assert _column(json.loads(index_files(rows)["projects/index/2024.json"]), "grade_recomputed") == [0]


def test_the_index_page_offers_the_rows_a_filter_and_every_year() -> None:
    builder = Builder(SiteConfig(), make_rows(4))
    builder.targets_only = WAITING
    site = builder.run()
    page = next(p.html for p in site.pages if p.url == "projects/")
    assert re.search(r'<select id="ps-stage" name="stage">.*value="waiting"', page)
    assert '<option value="2021">2021年度</option>' in page  # only a 绩效目标表 that year: still choosable
    assert "也列在查询结果中" in page and "不在下表中" not in page
    assert "等级标“复算”的为原文未公布等级" in page  # the rows mark it, so the note says what it means
    assert json.loads(site.files["projects/index.json"])["targets_only"] == 2


def test_no_waiting_table_no_stage_filter() -> None:
    page = next(p.html for p in Builder(SiteConfig(), make_rows(4)).run().pages if p.url == "projects/")
    assert re.search(r'<div class="ps-field" hidden>\s*<label for="ps-stage">', page)


def test_a_year_of_target_tables_alone_loads_when_chosen_on_a_split_site() -> None:
    from perfsite.site.pages import opening_years

    # budget time at scale: 2025 is 绩效目标表s only; the page opens on the newest scores, as before
    assert opening_years({2025: 25_000, 2024: 25_000, 2023: 25_000}, {2024, 2023}, 20_000) == [2024]
    assert opening_years({2025: 5_000, 2024: 12_000, 2023: 5_000}, {2024, 2023}, 20_000) == [2024, 2023]
    assert opening_years({2025: 2, 2024: 3}, {2024}, 20_000) == [2025, 2024]  # all at once: 全部年度
    assert opening_years({2025: 30_000}, set(), 20_000) == [2025]  # nothing evaluated yet
    rows = make_rows(4)  # 2023 and 2024
    newer = [{**WAITING[1], "url": f"projects/2025/t{n}/targets/", "year": 2025} for n in range(3)]
    listing = json.loads(index_files(rows, limit=3, waiting=newer)["projects/index.json"])
    assert [p["year"] for p in listing["parts"]] == [2025, 2024, 2023] and listing["first"] == [2024]
