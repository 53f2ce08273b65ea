"""perfsite.report: what `check` and `score` print (text for a clerk, JSON with exact decimals)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core_helpers import scored

from perfsite.dataset import load_dataset
from perfsite.report import check_json, check_text, score_json, score_text, summary

REPO = Path(__file__).resolve().parent.parent
SEED_000 = REPO / "data" / "2021" / "quwo" / "xiaoshenggui.yaml"




@pytest.fixture(scope="module")
def seed_000_json():
    return score_json(scored(SEED_000, REPO))


def test_score_json_totals_are_two_place_strings(seed_000_json):
    doc = seed_000_json
    assert (doc["total"], doc["grade"], doc["reported_total"], doc["reported_grade"]) == ("99.10", "优", "99.10", "优秀")
    assert doc["weight_total"] == "100.00"
    assert (doc["id"], doc["year"], doc["file"]) == ("xiaoshenggui", 2021, "data/2021/quwo/xiaoshenggui.yaml")


def test_score_json_indicators(seed_000_json):
    rows = [(i["name"], i["weight"], i["completion"], i["score"], i["reported_score"], i["rule"])
            for i in seed_000_json["indicators"]]
    assert rows == [
        ("预算执行率", "10.00", "100.00", "10.00", "10.00", "budget"),
        ("申报企业达标数", "18.00", "100.00", "18.00", "18.00", "ratio"),
        ("达标合格率", "18.00", "105.26", "18.00", "18.00", "ratio"),
        ("资金拨付及时率%", "18.00", "100.00", "18.00", "18.00", "ratio"),
        ("经济效益增长", "18.00", "95.00", "17.10", "17.10", "judged"),
        ("群众满意度", "18.00", "100.00", "18.00", "18.00", "ratio"),
    ]
    third = seed_000_json["indicators"][2]
    assert (third["target"], third["actual"], third["reported_completion"]) == ("95", "100%", "105.26%")
    assert third["applicable"] is True and third["status"] == "match"


def test_score_json_problem_lists(seed_000_json):
    assert seed_000_json["discrepancies"] == [] and seed_000_json["errors"] == []
    warnings = seed_000_json["warnings"]
    assert [(w["severity"], w["key"], w["line"]) for w in warnings] == [("warning", "department", 8)]


def test_score_json_is_serialisable_without_floats(seed_000_json):
    text = json.dumps(seed_000_json, ensure_ascii=False)
    def no_float(value):
        if isinstance(value, float):
            raise AssertionError(f"float in JSON: {value}")
    json.loads(text, parse_float=no_float)


def test_score_json_discrepancy_and_null_score(tmp_path, core_write, core_programme):
    data = core_programme()
    data["indicators"][0].update(actual="9个", score="58", remark="说明")  # computed 54.00
    data["indicators"].append({"name": "不适用", "applicable": False, "target": "/", "actual": "/"})
    doc = score_json(scored(core_write(tmp_path / "p.yaml", data), tmp_path))
    assert [(d["key"], d["published"], d["computed"]) for d in doc["discrepancies"]] == [("indicators[1].score", "58", "54.00")]
    assert doc["indicators"][0]["status"] == "discrepancy"
    assert (doc["indicators"][2]["score"], doc["indicators"][2]["weight"], doc["indicators"][2]["applicable"]) == (None, None, False)
    assert doc["total"] == "94.00" and doc["reported_total"] is None and doc["reported_grade"] is None


def test_score_text_shows_total_grade_and_published():
    text = score_text(scored(SEED_000, REPO))
    assert "总得分：99.10" in text and "等级：优" in text
    assert "公布等级：优秀" in text
    assert "105.26%" in text and "17.10" in text
    assert "未载明" in text


def test_check_text_groups_by_severity_with_summary(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "x" / "bad.yaml", core_programme(indicators=[
        {"name": "甲", "weight": 95, "target": "1", "actual": "1"}], department="未载明"))
    data = load_dataset(core_data_tree, core_data_tree)
    text = check_text(data)
    assert "== 错误（1）==" in text and "== 提示（1）==" in text
    assert text.index("== 错误") < text.index("== 提示")
    assert "2021/x/bad.yaml:4: indicators: 错误：" in text
    assert text.rstrip().endswith(summary(data))
    assert summary(data) == "检查了 4 个项目文件：未通过（错误 1，不一致 0，提示 1，舍入 0）"


def test_check_text_clean_tree(core_data_tree):
    text = check_text(load_dataset(core_data_tree, core_data_tree))
    assert text == "检查了 3 个项目文件：通过（错误 0，不一致 0，提示 0，舍入 0）"


def test_check_json(core_data_tree):
    doc = json.loads(check_json(load_dataset(core_data_tree, core_data_tree)))
    assert doc["ok"] is True and doc["files"] == 3
    assert doc["counts"] == {"error": 0, "discrepancy": 0, "warning": 0, "note": 0}
    assert doc["problems"] == []
    assert [(p["year"], p["id"], p["total"], p["grade"]) for p in doc["programmes"]] == [
        (2022, "beta", "82.40", "良"), (2022, "gamma", "87.50", "良"), (2021, "alpha", "94.00", "优")]

