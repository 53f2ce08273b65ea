"""Honest listings: lists, sorting, facets and sums use the figure a programme's page leads with
(the published total and grade where published), show the recomputation beside it, keep 示例
programmes and unstated departments out of the figures, and never add up different years."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import lxml.html
import pytest
from conftest_site import DATA, index_rows

from perfsite.dataset import load_dataset
from perfsite.headline import shown_grade
from perfsite.record import make_record
from perfsite.site import stats
from perfsite.site.model import SiteBuild, SitePage
from perfsite.site.pages import Builder, index_files, listing_row, sort_rows
from perfsite.site.render import grade_band
from perfsite.siteconfig import SiteConfig
from perfsite.values import stated

LABELS = ["优", "良", "中", "差"]


def row(name: str, **fields: Any) -> dict[str, Any]:
    """A list row (listing_row's shape); a published, matching 2023 programme unless told."""
    base = {"url": f"projects/{fields.get('year', 2023)}/{name}/", "year": 2023, "name": name,
            "department": "教育局", "region": "甲县", "evaluation": "单位自评", "score": "90.00",
            "grade": "优", "source": "published", "total": "90.00", "verdict": "match", "sample": False,
            "budget_wan": "100.00", "spent_wan": "90.00", "execution_rate": "90.00"}
    return {**base, **fields}


def pages_of(build: SiteBuild) -> dict[str, SitePage]:
    return {p.url: p for p in build.pages}


def doc(page: SitePage) -> Any:
    return lxml.html.fromstring(f"<div>{page.html}</div>")


def text(page: SitePage) -> str:
    return " ".join(doc(page).text_content().split())


# --- the row: the headline's figure, the recomputation beside it ---------------------------------

@pytest.fixture(scope="module")
def sample_rows() -> dict[str, dict[str, Any]]:
    dataset = load_dataset(DATA)
    band = grade_band(dataset.site)
    return {sp.programme.id: listing_row(make_record(sp), band) for sp in dataset.programmes}


def test_row_leads_with_the_published_total_and_keeps_the_recomputation(sample_rows: dict[str, Any]) -> None:
    # data/2022/renshe/jiuye-chuangye-buzhu.yaml: reported {score: 99.52, grade: 优秀}; its
    # indicator table (a 9.52 transposed to 9.25 in the original) sums to 99.25.
    r = sample_rows["jiuye-chuangye-buzhu"]
    assert (r["score"], r["source"], r["total"], r["verdict"]) == ("99.52", "published", "99.25", "discrepancy")
    assert r["grade"] == "优"  # 优秀, counted in its band


def test_a_total_published_without_a_grade_shows_the_computed_grade(sample_rows: dict[str, Any]) -> None:
    r = sample_rows["zhongxiaoqiye-fazhan"]  # reported: {score: 96.42}, no grade
    assert (r["score"], r["source"]) == ("96.42", "published")
    assert r["grade"] == "优"


def test_shown_grade_follows_the_headline() -> None:
    assert shown_grade({"source": "published", "grade": "优秀", "computed_grade": "良"}) == "优秀"
    assert shown_grade({"source": "published", "grade": None, "computed_grade": "良"}) == "良"
    assert shown_grade({"source": "computed", "grade": "良", "computed_grade": "良"}) == "良"
    assert shown_grade({"source": "computed", "grade": None, "computed_grade": None}) is None


def test_row_of_a_programme_with_nothing_published_is_marked_computed() -> None:
    dataset = load_dataset(DATA)
    rec = replace(make_record(dataset.programmes[0]), total="81.50", grade="良", headline={
        "source": "computed", "score": "81.50", "grade": "良", "computed_grade": "良", "verdict": "computed"})
    r = listing_row(rec, grade_band(SiteConfig()))
    assert (r["score"], r["source"], r["verdict"], r["grade"]) == ("81.50", "computed", "computed", "良")


def test_grade_band_reads_aliases_as_the_site_config_does() -> None:
    band = grade_band(SiteConfig(grade_aliases={"优": ["优秀"], "中": ["合格"]}))
    assert [band(w) for w in ("优秀", " 优秀 ", "「合格」", "良", "特优", None)] == ["优", "优", "中", "良", None, None]


def test_sorting_uses_the_published_figure() -> None:
    rows = [row("a", score="99.30", total="99.30"), row("b", score="99.52", total="99.25", verdict="discrepancy"),
            row("c", score=None, total=None, grade=None, verdict="none")]
    assert [r["name"] for r in sort_rows(rows)] == ["b", "a", "c"]


# --- the figures: which programmes, which year, which mean ---------------------------------------

def test_means_grades_and_counts_use_the_listed_figure() -> None:
    rows = [row("a", score="99.52", total="99.25", verdict="discrepancy"),
            row("b", score="80.00", total="80.00", grade="良"),
            row("c", score="70.00", total="70.00", grade="中", source="computed", verdict="computed"),
            row("d", score=None, total=None, grade=None, verdict="none")]
    s = stats.summarise(rows, LABELS)
    assert s.mean == "83.17"  # (99.52 + 80 + 70) / 3, half up; the recomputed 99.25 would give 83.08
    assert s.grades == [("优", 1), ("良", 1), ("中", 1), ("差", 0), ("未评级", 1)]
    assert (s.scored, s.published, s.discrepancies) == (3, 2, 1)


def test_weighted_mean_weighs_by_budget_and_says_over_how_many() -> None:
    rows = [row("a", score="90.00", budget_wan="100.00"), row("b", score="60.00", grade="中", budget_wan="300.00"),
            row("c", score="75.00", grade="中", budget_wan=None, spent_wan=None)]
    s = stats.summarise(rows, LABELS)
    assert s.mean == "75.00"
    assert s.weighted_mean == "67.50"  # (90 × 100 + 60 × 300) / 400
    assert s.weighted == 2


def test_means_round_half_up_exactly() -> None:
    """80.015 is a binary float just below itself: float arithmetic would print 80.01."""
    rows = [row("a", score="80.01", budget_wan="1.00"), row("b", score="80.02", budget_wan="1.00")]
    s = stats.summarise(rows, LABELS)
    assert (s.mean, s.weighted_mean) == ("80.02", "80.02")


def test_samples_stay_out_of_the_figures_unless_all_are_samples() -> None:
    real = row("real", score="60.00", grade="中", budget_wan="10.00", spent_wan="5.00")
    samples = [row(f"s{i}", sample=True, score="99.00", budget_wan="1000.00", spent_wan="1000.00") for i in range(3)]
    s = stats.summarise([real, *samples], LABELS)
    assert (s.count, s.counted, s.samples_left_out, s.all_samples) == (4, 1, 3, False)
    assert (s.mean, s.budget, s.spent, s.execution_rate) == ("60.00", "10.00", "5.00", "50.00")
    assert dict(s.grades)["优"] == 0 and dict(s.grades)["中"] == 1
    only = stats.summarise(samples, LABELS)
    assert (only.counted, only.samples_left_out, only.all_samples, only.mean) == (3, 0, True, "99.00")


def test_money_of_different_years_is_never_added() -> None:
    rows = [row("a", year=2022, budget_wan="100.00"), row("b", year=2023, budget_wan="50.00")]
    with pytest.raises(ValueError, match="同一年度"):
        stats.summarise(rows, LABELS)
    per_year = stats.by_year(rows, LABELS)
    assert [(s.year, s.budget) for s in per_year] == [(2023, "50.00"), (2022, "100.00")]


# --- the pages -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built() -> dict[str, SitePage]:
    rows = [
        row("a1", department="教育局", year=2022, budget_wan="100.00", spent_wan="80.00"),
        row("a2", department="教育局", year=2023, budget_wan="50.00", spent_wan="50.00", score="99.52",
            total="99.25", verdict="discrepancy"),
        row("u1", department="未载明", year=2023, region=""),
        row("u2", department="—", year=2022),
        row("s1", department="卫健委", year=2023, sample=True, score="10.00", grade="差"),
    ]
    return pages_of(Builder(SiteConfig(), rows).run())


def test_unstated_departments_are_counted_beside_the_list_never_listed(built: dict[str, SitePage]) -> None:
    assert {url for url in built if url.startswith("departments/")} == {
        "departments/", "departments/教育局/", "departments/卫健委/"}
    overview = built["departments/"]
    links = [a.text_content() for a in doc(overview).xpath("//table//tbody//th/a")]
    assert "未载明" not in links and "—" not in links
    assert "另有 2 个项目原文未载明部门" in text(overview)
    assert "2023年度另有 1 个项目未载明部门" in text(overview) and "2022年度另有 1 个项目未载明部门" in text(overview)


def test_a_listing_over_two_years_sums_each_year_apart(built: dict[str, SitePage]) -> None:
    page = built["departments/教育局/"]
    years = doc(page).xpath("//table[contains(@class, 'ps-years')]/tbody/tr")
    assert [r.xpath("string(th)") for r in years] == ["2023年度", "2022年度"]
    cells = [[" ".join(c.text_content().split()) for c in r.xpath("td")] for r in years]
    assert "50.00" in cells[0] and "100.00" in cells[1]
    assert "150.00" not in text(page)  # the two years' budgets, never added up
    assert not doc(page).xpath("//dl[@class='ps-figures']")


def test_listing_shows_published_score_recomputation_and_mark(built: dict[str, SitePage]) -> None:
    page = built["years/2023/"]
    tr = next(tr for tr in doc(page).xpath("//table[contains(@class, 'ps-list')]/tbody/tr")
              if tr.xpath("string(th/a)") == "a2")
    assert tr.xpath("string(td[@data-label='得分'])") == "99.52"
    recomputed = tr.xpath("td[@data-label='复算']")[0]
    assert recomputed.text == "99.25" and "不一致" in recomputed.text_content()


def test_year_figures_leave_samples_out_and_say_so(built: dict[str, SitePage]) -> None:
    page = built["years/2023/"]
    figures = {dt.text_content().split("（")[0]: " ".join(dd.text_content().split())
               for dt, dd in zip(doc(page).xpath("//dl[@class='ps-figures']//dt"),
                                 doc(page).xpath("//dl[@class='ps-figures']//dd"), strict=True)}
    assert figures["项目数"] == "3 个" and "项目数（含示例 1 个）" in text(page)
    assert figures["平均得分"] == "94.76 分"  # (99.52 + 90.00) / 2: the sample's 10.00 stays out
    assert "不含 1 个示例项目" in text(page)
    assert "简单平均" in text(page) and "按预算加权平均" in text(page)
    assert "1 个项目公布得分与本站复算不一致" in text(page)


def test_index_data_and_filters(built: dict[str, SitePage]) -> None:
    rows = [row("a", department="未载明", region="／"), row("b", verdict="discrepancy", source="published")]
    files = index_files(rows)
    first, second = index_rows(files.__getitem__)
    assert first["department"] == "" and first["region"] == ""
    assert second["verdict"] == "discrepancy" and second["published"] == 1
    assert json.loads(files["projects/index.json"])["verdict_labels"]["discrepancy"] == "复算不一致"
    index = doc(built["projects/"])
    assert index.xpath("//select[@id='ps-dept']/option[@value='未载明']")
    assert "未载明" not in [o.get("value") for o in index.xpath("//select[@id='ps-dept']/option")][:-1]
    assert [o.get("value") for o in index.xpath("//select[@id='ps-check']/option")] == ["", "discrepancy", "match"]
    assert index.xpath("//a[@id='ps-empty-search']")


@pytest.mark.parametrize(("name", "expected"), [("教育局", True), ("未载明", False), (" 未载明 ", False),
                                                ("", False), (None, False), ("—", False), ("/", False)])
def test_stated(name: str | None, expected: bool) -> None:
    assert stated(name) is expected
