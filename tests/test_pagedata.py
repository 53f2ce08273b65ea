"""perfsite.pagedata: the page's data (and its JSON twin), every figure a 2-place string."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from core_helpers import scored

from perfsite.dataset import load_dataset
from perfsite.pagedata import _run_spans, indicator_rows, programme_data
from perfsite.record import make_record

REPO = Path(__file__).resolve().parent.parent
SEED_000 = REPO / "data" / "2021" / "quwo" / "xiaoshenggui.yaml"
SEED_002 = REPO / "data" / "2022" / "zhongxiaoqiye" / "zhongxiaoqiye-fazhan.yaml"




@pytest.fixture(scope="module")
def page_000():
    return programme_data(scored(SEED_000, REPO))


@pytest.fixture(scope="module")
def page_002():
    return programme_data(scored(SEED_002, REPO))


def test_headline_figures(page_000):
    assert (page_000["total"], page_000["grade"], page_000["reported_total"], page_000["reported_grade"]) == (
        "99.10", "优", "99.10", "优秀")
    assert (page_000["id"], page_000["year"], page_000["url"]) == ("xiaoshenggui", 2021, "projects/2021/xiaoshenggui/")
    assert page_000["weight_total"] == "100.00"
    assert page_000["region"] == "曲沃县" and page_000["evaluator"] is None


def test_json_twin_has_no_floats(page_000):
    def no_float(value):
        raise AssertionError(f"float in page data: {value}")
    json.loads(json.dumps(page_000, ensure_ascii=False), parse_float=no_float)


def test_indicator_rows_with_rowspans(page_000):
    rows = page_000["indicators"]
    assert [(r["level1"], r["level1_rowspan"], r["level2_rowspan"]) for r in rows] == [
        ("预算执行指标", 1, 1), ("产出指标", 3, 1), ("产出指标", 0, 1), ("产出指标", 0, 1), ("效益指标", 1, 1), ("满意度指标", 1, 1)]
    third = rows[2]
    assert (third["weight"], third["completion"], third["reported_completion"], third["score"], third["reported_score"]) == (
        "18.00", "105.26", "105.26%", "18.00", "18.00")
    assert third["remark"] == "所奖励企业已全部达标" and third["rule_text"] is None


def test_level2_rowspan_inside_level1(page_002):
    rows = page_002["indicators"]
    assert [(r["level2"], r["level2_rowspan"]) for r in rows[:5]] == [
        ("决策过程", 2), ("决策过程", 0), ("绩效目标", 2), ("绩效目标", 0), ("资金投入", 1)]
    assert rows[0]["level1_rowspan"] == 5


def test_level1_subtotals_with_declared_weight(page_002):
    assert [(s["level1"], s["weight"], s["score"], s["reported_weight"]) for s in page_002["level1_subtotals"]] == [
        ("决策", "16.00", "16.00", "16.00"), ("过程", "20.00", "17.42", "20.00"),
        ("产出", "38.00", "37.00", "38.00"), ("效益", "26.00", "26.00", "26.00")]


def test_budget_table_seed_000(page_000):
    budget = page_000["budget"]
    assert (budget["unit"], budget["rate_basis"]) == ("万元", "budget")
    rows = {r["key"]: r for r in budget["rows"]}
    assert list(rows) == ["initial", "budget", "funded", "spent", "balance", "funding_rate", "execution_rate"]
    assert rows["spent"]["cells"]["county"] == "25.00"
    assert rows["spent"]["cells"]["subtotal"] == "25.00"
    assert rows["execution_rate"]["cells"]["total"] == "100.00"
    assert rows["execution_rate"]["line"] == "(7)=(4)/(2)"
    # 0/0 is shown as "—" (null here), never 0.00
    assert rows["execution_rate"]["cells"]["central"] is None
    assert rows["funding_rate"]["cells"]["other"] is None
    assert budget["figures"]["execution_rate"] == "100.00" and budget["figures"]["balance"] == "0.00"
    assert [c["key"] for c in budget["columns"]] == [
        "total", "subtotal", "central", "provincial", "municipal", "county", "carryover", "other"]
    assert [c.get("group") for c in budget["columns"]][:3] == [None, "财政资金", "财政资金"]


def test_budget_table_seed_002_funded_basis(page_002):
    rows = {r["key"]: r for r in page_002["budget"]["rows"]}
    assert rows["execution_rate"]["line"] == "(7)=(4)/(3)"
    assert rows["execution_rate"]["cells"]["total"] == "97.94"
    assert rows["spent"]["cells"]["total"] == "4700.90"
    assert rows["balance"]["cells"]["total"] == "99.10"


def test_no_budget_is_none(tmp_path, core_write, core_programme):
    sp = scored(core_write(tmp_path / "p.yaml", core_programme()), tmp_path)
    assert make_record(sp).budget is None
    assert programme_data(sp)["budget"] is None


def test_sections_rendered_safely(tmp_path, core_write, core_programme):
    sections = {"项目概况": "见[依据](https://example.gov.cn/a)。", "存在问题": "<script>alert(1)</script>"}
    page = programme_data(scored(core_write(tmp_path / "p.yaml", core_programme(sections=sections)), tmp_path))
    assert [s["title"] for s in page["sections"]] == ["项目概况", "存在问题"]
    assert 'href="https://example.gov.cn/a"' in page["sections"][0]["html"]
    assert "<script" not in page["sections"][1]["html"]


def test_direction_controls_visible_everywhere(tmp_path, core_write, core_programme):
    data = core_programme(name="项目\u202e名称")
    data["indicators"][0]["remark"] = "说明\u2066文字"
    page = programme_data(scored(core_write(tmp_path / "p.yaml", data), tmp_path))
    assert page["name"] == "项目[U+202E]名称"
    assert page["indicators"][0]["remark"] == "说明[U+2066]文字"
    assert "\u202e" not in json.dumps(page, ensure_ascii=False)


def test_visible_copies_only_when_a_control_is_found(tmp_path, core_write, core_programme):
    from perfsite.record import _visible

    rec = make_record(scored(core_write(tmp_path / "p.yaml", core_programme()), tmp_path))
    assert _visible(rec) is rec
    marked = replace(rec, name="x\u202e", headline={**rec.headline, "sentence": "句\u2067"})
    shown = _visible(marked)
    assert (shown.name, shown.headline["sentence"]) == ("x[U+202E]", "句[U+2067]")
    assert marked.name == "x\u202e"  # the input is left as it was


def test_run_spans():
    assert _run_spans(["a", "a", "b", "a", "a", "a"]) == [2, 0, 1, 3, 0, 0]
    assert _run_spans([]) == []


def test_checks_list_discrepancies(tmp_path, core_write, core_programme):
    data = core_programme()
    data["indicators"][0].update(actual="9个", score=58, remark="说明")
    page = programme_data(scored(core_write(tmp_path / "p.yaml", data), tmp_path))
    assert [(c["published"], c["computed"]) for c in page["checks"]["discrepancies"]] == [("58", "54.00")]
    assert "完成数量" in page["checks"]["discrepancies"][0]["field"]
    row = page["indicators"][0]
    assert (row["score"], row["reported_score"], row["status"]) == ("54.00", "58.00", "discrepancy")


def test_not_applicable_row(tmp_path, core_write, core_programme):
    data = core_programme()
    data["indicators"].append({"level1": "效益指标", "level2": "满意度指标", "name": "不适用项", "applicable": False,
                               "target": "/", "actual": "/"})
    rows = indicator_rows(make_record(scored(core_write(tmp_path / "p.yaml", data), tmp_path)))
    assert (rows[2]["applicable"], rows[2]["score"], rows[2]["weight"], rows[2]["status"]) == (False, None, None, "not_applicable")
    assert rows[1]["level1_rowspan"] == 2  # the n/a row shares the 效益指标 cell


def test_downloads_and_other_years(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2022" / "jiaoyu" / "alpha.yaml", core_programme(year=2022, series="xuesheng-zizhu"))
    data = load_dataset(core_data_tree, core_data_tree)
    alpha_2021 = next(sp for sp in data.programmes if sp.programme.year == 2021)
    page = programme_data(alpha_2021, data)
    assert page["series"] == "xuesheng-zizhu"
    assert page["other_years"] == [{"year": 2022, "url": "projects/2022/alpha/", "name": "测试项目", "department": "测试局", "sample": False, "evaluation": "单位自评", "total": "100.00", "grade": "优",
                                   "headline": {"score": "100.00", "grade": "优", "source": "computed"},
                                   "execution_rate": None}]
    assert page["downloads"]["json"] == "projects/2021/alpha/alpha.json"
    assert page["downloads"]["source_csv"] is None
    gamma = next(sp for sp in data.programmes if sp.programme.id == "gamma")
    assert programme_data(gamma, data)["downloads"]["source_csv"] == "projects/2022/gamma/gamma.indicators.csv"
    assert programme_data(gamma, data)["other_years"] == []


def test_reached_counts_completion_and_full_marks() -> None:
    """达到目标: a completion of 100% or more, or full marks where the rule has no completion;
    not-applicable and unscorable indicators are left out of both counts."""
    from pathlib import Path

    from perfsite.headline import reached
    from perfsite.reader import read_programme
    from perfsite.scoring import score_programme
    from perfsite.siteconfig import SiteConfig

    site = SiteConfig()
    path = Path(__file__).resolve().parent.parent / "data/2022/renshe/jiuye-chuangye-buzhu.yaml"
    prog, problems = read_programme(path, site)
    assert prog is not None
    sp = score_programme(prog, site, problems)
    assert len(sp.indicators) == 9
    # every indicator but 职业技能培训人次 (5,550 of ≥6,000 人次, 92.50%) reached 100% or more,
    # 零就业家庭户数 (=0户, 0户) by full marks as its completion is 0/0
    assert reached(sp) == (8, 9)


def test_source_kind_tells_address_file_and_title_apart() -> None:
    from perfsite.site.programme_page import source_kind

    assert source_kind("https://www.example.gov.cn/a.html") == "url"
    assert source_kind("000_413624b6244a8c00.txt") == "file"
    assert source_kind("曲沃县2021年度部门决算.PDF") == "file"
    assert source_kind("曲沃县工业和信息化局2021年度项目支出绩效自评报告") == "title"
    assert source_kind("javascript:alert(1)") == "title"  # never a link
    assert source_kind(None) == ""


def test_a_weight_with_more_places_is_shown_as_written() -> None:
    from decimal import Decimal

    from perfsite.decimals import figure_text as weight_text

    assert weight_text(Decimal("33.335")) == "33.335"  # never 33.34, above what its score may reach
    assert weight_text(Decimal("18")) == "18.00"
    assert weight_text(None) is None
    # zeros past 2 places, an exponent: 2 places, as fmt2 writes them
    assert [weight_text(Decimal(w)) for w in ("10.000", "1E+1", "0E-5", "5.5")] == [
        "10.00", "10.00", "0.00", "5.50"]
    assert weight_text(Decimal("100.1000")) == "100.10"
