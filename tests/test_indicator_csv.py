"""perfsite.indicator_csv: the indicator table as Excel on Chinese Windows saves it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsite.indicator_csv import decode, header_key, read_indicator_csv
from perfsite.problems import Severity

D = Decimal

# Chinese headers as in seed 002, with the line breaks Excel keeps inside cells ("年度\n指标值").
CHINESE = (
    '一级指标,二级指标,三级指标,评分标准,"年度\n指标值","实际\n完成值", 分值 , 得分 ,评分说明,规则,是否适用\n'
    "决策（16分）,决策过程（6分）,决策依据充分性,发现一项不符扣0.25分,符合要求,符合要求,3.00,3.00,符合要求,,是\n"
    ',,决策程序合规性,"本项共计3分，发现一处不符，扣0.15分。",符合要求,符合要求,3.00,3.00,,"{type: deduct, per: 0.15, count: 0}",是\n'
    ",绩效目标（6分）,绩效目标合理性,,符合要求,符合要求,3.00,3.00,,judged,\n"
    ",,,,≥20万元/个,28.99万元/个,3.00,3.00,同名的第二行,ratio,否\n"
)


def _write(tmp_path, text, encoding, name="p.indicators.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8", "utf-8-sig"])
def test_encodings_are_detected(tmp_path, encoding):
    rows, _lines, problems = read_indicator_csv(_write(tmp_path, CHINESE, encoding), "p.indicators.csv")
    assert problems == []
    assert [r["name"] for r in rows] == ["决策依据充分性", "决策程序合规性", "绩效目标合理性", "绩效目标合理性"]
    assert rows[0]["level1"] == "决策（16分）"  # no BOM or mojibake in the first header or cell


def test_headers_with_line_breaks_and_spaces(tmp_path):
    rows, _, problems = read_indicator_csv(_write(tmp_path, CHINESE, "gb18030"), "p.csv")
    assert problems == []
    first = rows[0]
    assert first["target"] == "符合要求" and first["actual"] == "符合要求"
    assert first["weight"] == "3.00" and first["score"] == "3.00"
    assert first["rule_text"] == "发现一项不符扣0.25分"
    assert first["remark"] == "符合要求"


def test_blank_levels_and_names_copy_down_numbers_never(tmp_path):
    rows, _, _ = read_indicator_csv(_write(tmp_path, CHINESE, "utf-8"), "p.csv")
    assert [(r["level1"], r["level2"]) for r in rows] == [
        ("决策（16分）", "决策过程（6分）"),
        ("决策（16分）", "决策过程（6分）"),
        ("决策（16分）", "绩效目标（6分）"),
        ("决策（16分）", "绩效目标（6分）"),
    ]
    assert rows[3]["name"] == "绩效目标合理性"  # a merged 三级指标 cell
    assert rows[1]["remark"] is None  # blank cells are "not given", not copied


def test_numbers_are_never_copied_down(tmp_path):
    text = "三级指标,分值,得分,目标值,实际值\n甲,50,50,≥1,1\n乙,,,,\n"
    rows, _, _ = read_indicator_csv(_write(tmp_path, text, "utf-8"), "p.csv")
    assert rows[1] == {"name": "乙", "weight": None, "score": None, "target": None, "actual": None}


def test_rule_column_names_and_flow_mappings(tmp_path):
    rows, _, problems = read_indicator_csv(_write(tmp_path, CHINESE, "gb18030"), "p.csv")
    assert problems == []
    assert rows[0].get("rule") is None
    assert rows[1]["rule"] == {"type": "deduct", "per": D("0.15"), "count": D(0)}
    assert rows[2]["rule"] == "judged"


def test_applicable_column(tmp_path):
    rows, _, _ = read_indicator_csv(_write(tmp_path, CHINESE, "utf-8"), "p.csv")
    assert [r.get("applicable") for r in rows] == [True, True, None, False]


def test_line_of_each_row_counts_the_header_line_breaks(tmp_path):
    # the header spans 3 physical lines ("年度\n指标值", "实际\n完成值"), so row 1 is on line 4
    _, lines, _ = read_indicator_csv(_write(tmp_path, CHINESE, "utf-8"), "p.csv")
    assert lines == {0: 4, 1: 5, 2: 6, 3: 7}


def test_english_headers(tmp_path):
    text = ("level1,level2,name,weight,target,actual,completion,score,rule_text,remark,rule,applicable\n"
            "Output,Quantity,Trees planted,100,≥1000,1200,120%,100,,,ratio,yes\n")
    rows, _, problems = read_indicator_csv(_write(tmp_path, text, "utf-8"), "p.csv")
    assert problems == []
    assert rows == [{
        "level1": "Output", "level2": "Quantity", "name": "Trees planted", "weight": "100", "target": "≥1000",
        "actual": "1200", "completion": "120%", "score": "100", "rule_text": None, "remark": None,
        "rule": "ratio", "applicable": True,
    }]


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name"), ("指标名称", "name"), ("目标指标", "name"),
        ("分值", "weight"), ("权重", "weight"), ("年度\n指标值", "target"), ("目标值", "target"),
        ("实际\r\n完成值", "actual"), ("业绩值", "actual"), ("实际值", "actual"), ("完成率", "completion"),
        ("得分", "score"), ("指标得分", "score"), ("评分标准", "rule_text"), ("评分规则", "rule_text"),
        ("偏差原因分析及改进措施", "remark"), ("偏差原因分析", "remark"), ("评分说明", "remark"), ("说明", "remark"),
        ("规则", "rule"), ("是否适用", "applicable"), (" Weight ", "weight"), ("RULE_TEXT", "rule_text"),
        ("备注栏", None), ("", None),
    ],
)
def test_header_key(cell, key):
    assert header_key(cell) == key


def test_unknown_duplicate_and_missing_headers(tmp_path):
    text = "三级指标,备注栏,目标值,目标值\n甲,x,1,2\n"
    _, _, problems = read_indicator_csv(_write(tmp_path, text, "utf-8"), "p.csv")
    messages = [p.message for p in problems]
    assert all(p.severity is Severity.ERROR and p.line == 1 for p in problems)
    assert any("备注栏" in m for m in messages)  # unknown header
    assert any("重复" in m for m in messages)  # duplicate header
    assert any("分值" in m for m in messages)  # the weight column is missing
    assert len(problems) == 3


def test_bad_applicable_word_is_an_error_with_line(tmp_path):
    text = "三级指标,分值,是否适用\n甲,50,是\n乙,50,也许\n"
    _rows, _, problems = read_indicator_csv(_write(tmp_path, text, "utf-8"), "p.csv")
    assert [(p.line, p.key) for p in problems] == [(3, "applicable")]
    assert "也许" in problems[0].message


def test_bad_rule_mapping_is_an_error_with_line(tmp_path):
    text = '三级指标,分值,规则\n甲,50,ratio\n乙,50,"{type: deduct, per: [}"\n'
    _, _, problems = read_indicator_csv(_write(tmp_path, text, "utf-8"), "p.csv")
    assert [(p.severity, p.line, p.key) for p in problems] == [(Severity.ERROR, 3, "rule")]


def test_empty_csv_is_an_error(tmp_path):
    rows, _, problems = read_indicator_csv(_write(tmp_path, "\n,,\n", "utf-8"), "p.csv")
    assert rows == [] and [p.severity for p in problems] == [Severity.ERROR]


def test_decode():
    assert decode("一级指标".encode("gb18030")) == ("一级指标", "GB18030")
    assert decode("一级指标".encode("utf-8-sig")) == ("一级指标", "UTF-8")
    assert decode("一级指标".encode()) == ("一级指标", "UTF-8")
    with pytest.raises(ValueError):
        decode(b"\x81\x20\xff\xff")


def test_undecodable_file_is_a_problem(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"\x81\x20\xff\xff")
    rows, _, problems = read_indicator_csv(path, "p.csv")
    assert rows == [] and [p.severity for p in problems] == [Severity.ERROR]
