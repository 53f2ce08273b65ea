"""perfsite.problems: every finding carries file, line and key, and prints as editors expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.problems import PerfsiteError, Problem, Problems, Severity, key_text, relpath


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("indicators", 3, "weight"), "indicators[4].weight"),
        (("budget", "spent", "county"), "budget.spent.county"),
        ((0,), "[1]"),
        ((), ""),
        (("groups", "决策"), "groups.决策"),
    ],
)
def test_key_text_numbers_items_from_one(path, expected):
    assert key_text(path) == expected


def test_location_is_file_line_key():
    p = Problem(Severity.ERROR, "坏了", file="data/2021/x.yaml", line=12, key="indicators[1].weight")
    assert p.location() == "data/2021/x.yaml:12: indicators[1].weight"
    assert Problem(Severity.ERROR, "m", file="a.yaml").location() == "a.yaml"
    assert Problem(Severity.ERROR, "m", file="a.yaml", line=3).location() == "a.yaml:3"
    assert Problem(Severity.ERROR, "m", key="name").location() == "name"


def test_as_text_has_chinese_label_and_both_figures():
    p = Problem(Severity.DISCREPANCY, "得分不符", file="a.yaml", line=5, key="score", published="9.52", computed="9.25")
    text = p.as_text()
    assert text.startswith("a.yaml:5: score: 不一致：得分不符")
    assert "公布 9.52" in text and "计算 9.25" in text


def test_figures_the_message_already_gives_are_not_repeated():
    p = Problem(Severity.DISCREPANCY, "得分：公布 9.52，计算 9.25，相差超过 0.1", published="9.52", computed="9.25")
    assert p.statement() == "不一致：得分：公布 9.52，计算 9.25，相差超过 0.1"


@pytest.mark.parametrize(
    ("severity", "label"),
    [(Severity.ERROR, "错误"), (Severity.DISCREPANCY, "不一致"), (Severity.WARNING, "提示"), (Severity.NOTE, "舍入")],
)
def test_every_severity_has_a_label(severity, label):
    assert f"{label}：" in Problem(severity, "x", file="f").as_text()


def test_as_dict_is_json_ready():
    d = Problem(Severity.WARNING, "未载明", file="a.yaml", line=2, key="department", field="主管部门").as_dict()
    assert d == {
        "severity": "warning", "file": "a.yaml", "line": 2, "key": "department", "field": "主管部门",
        "message": "未载明", "published": None, "computed": None,
    }


def test_line_of_uses_nearest_marked_ancestor():
    problems = Problems("a.yaml", {("indicators",): 6, ("indicators", 0): 7, ("indicators", 0, "weight"): 10})
    assert problems.line_of(("indicators", 0, "weight")) == 10
    assert problems.line_of(("indicators", 0, "score")) == 7  # missing key → its item
    assert problems.line_of(("indicators", 5)) == 6
    assert problems.line_of(("name",)) is None


def test_add_locates_and_collects_every_problem():
    problems = Problems("a.yaml", {("year",): 3})
    problems.warning(("year",), "年度可疑")
    assert not problems.has_errors
    problems.error(("year",), "年度错误")
    problems.error(("name",), "缺少名称")
    assert problems.has_errors
    assert [(p.severity, p.line, p.key, p.file) for p in problems.items] == [
        (Severity.WARNING, 3, "year", "a.yaml"),
        (Severity.ERROR, 3, "year", "a.yaml"),
        (Severity.ERROR, None, "name", "a.yaml"),
    ]


def test_the_exception_carries_its_problems():
    items = [Problem(Severity.ERROR, "一", file="a"), Problem(Severity.ERROR, "二", file="b")]
    error = PerfsiteError(items)
    assert error.problems == items
    assert "一" in str(error) and "二" in str(error)


def test_relpath(tmp_path):
    inside = tmp_path / "data" / "x.yaml"
    assert relpath(inside, tmp_path) == str(Path("data") / "x.yaml")
    assert relpath(Path("/elsewhere/x.yaml"), tmp_path) == "/elsewhere/x.yaml"
