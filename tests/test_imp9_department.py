"""A 自评表's 主管部门 of digits, a space and a name (「110 指挥中心」, a public-security unit named by
its emergency number) stays whole under a plain 「主管部门」; only a label that names a code (「主管部门及
代码」) makes the digits the code, as on the 绩效目标表."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from test_import_builders import central_xlsx

from perfsite.cli import main


def _department(tmp_path: Path, label: str, value: str) -> tuple[str, str]:
    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(path)
    book.active["A4"], book.active["B4"] = label, value
    book.save(path)
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    [written] = (tmp_path / "out").rglob("*.yaml")
    text = written.read_text(encoding="utf-8")
    return yaml.safe_load(text)["department"], text


@pytest.mark.parametrize("value", ["110 指挥中心", "110　指挥中心"])
def test_digits_and_a_space_under_a_plain_label_are_the_name(tmp_path: Path, value: str) -> None:
    department, text = _department(tmp_path, "主管部门", value)
    assert department == value and "单位编码" not in text


@pytest.mark.parametrize(("label", "value"), [("主管部门及代码", "110 指挥中心"), ("主管部门", "219-示例县教育局")])
def test_a_code_the_label_names_or_a_mark_sets_apart_is_taken_off(tmp_path: Path, label: str, value: str) -> None:
    department, text = _department(tmp_path, label, value)
    code, name = value.replace("-", " ").split()
    assert department == name and f"原表的主管部门带有单位编码 {code}，已去掉。" in text
