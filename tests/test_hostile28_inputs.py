"""Data files `perfsite check` passed that published something other than what they say: each
now says so in check, naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfsite import cli
from perfsite.dataset import load_dataset
from perfsite.problems import Severity

RENAMED = """\
name: 改名项目
year: 2022
department: 测试局
renamed:
  - from: [产出指标, 数量指标, 甲]
    to: [产出指标, 数量指标, 乙]
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 乙, weight: 50, target: "≥30个", actual: "30个"}
  - {level1: 产出指标, level2: 数量指标, name: 甲, weight: 50, target: "≥40个", actual: "40个"}
"""


def test_a_rename_between_two_rows_of_its_own_file_is_told(tmp_path: Path) -> None:
    """「甲 is now 乙」 in a file that lists both: the two rows became one indicator, and the
    各年度指标对照 showed one of them 「不再列入」 while the file lists it; check said nothing."""
    path = tmp_path / "2022" / "p.yaml"
    path.parent.mkdir()
    path.write_text(RENAMED, encoding="utf-8")
    said = [p for p in load_dataset(tmp_path).problems if p.key and p.key.startswith("renamed")]
    assert [(p.severity, p.line) for p in said] == [(Severity.WARNING, 5)]
    assert "「产出指标/数量指标/甲」" in said[0].message and "都是本文件中的指标" in said[0].message


def test_a_rename_of_a_row_to_a_new_name_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "2022" / "p.yaml"
    path.parent.mkdir()
    path.write_text(RENAMED.replace("name: 甲", "name: 丙"), encoding="utf-8")
    assert [p for p in load_dataset(tmp_path).problems if p.key and p.key.startswith("renamed")] == []


def test_score_text_gives_the_reported_total_as_the_json_and_pages_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`reported: {score: 9E1}` (90 in a spreadsheet's exponent form) printed 「公布总分：9E+1」 in
    `perfsite score`, while its JSON, the page and the CSVs said 90.00."""
    path = tmp_path / "2021" / "e.yaml"
    path.parent.mkdir()
    path.write_text(EXPONENT, encoding="utf-8")
    assert cli.main(["score", str(path)]) == 0
    text = capsys.readouterr().out
    assert cli.main(["score", "--format", "json", str(path)]) == 0
    shown = json.loads(capsys.readouterr().out)["reported_total"]
    assert shown == "90.00" and f"公布总分：{shown}" in text


EXPONENT = """\
name: 指数项目
year: 2021
department: 测试局
reported: {score: 9E1, grade: 优}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 甲, weight: 90, target: "≥10个", actual: "10个"}
  - {level1: 效益指标, level2: 满意度指标, name: 乙, weight: 10, target: "≥90%", actual: "0%", remark: 未达到}
"""
