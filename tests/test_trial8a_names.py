"""A 主管部门 whose name starts with digits (「110指挥中心」, a public-security unit named by its emergency
number) stays whole: the digits are split off as the department's code only under a label that says the
cell carries one (「主管部门及代码 | 169国家林业局」, the MoF sample of tests/forms_trial7/t7imp1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from test_t7imp1_blocks import FORMS, imported


def _relabelled(tmp_path: Path, label: str, value: str) -> Path:
    document = Document(str(FORMS / "e-no-sample-title.docx"))
    [row] = [r for t in document.tables for r in t.rows if r.cells[0].text == "主管部门及代码"]
    row.cells[0].text, row.cells[1].text = label, value
    path = tmp_path / "form.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("name", ["110指挥中心", "110 指挥中心"])
def test_a_department_named_with_leading_digits_keeps_them(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           name: str) -> None:
    _, data = imported(_relabelled(tmp_path, "主管部门", name), tmp_path / "out", capsys, "--year", "2015")
    assert data["department"] == name and "department_code" not in data


@pytest.mark.parametrize("label", ["主管部门及代码", "主管部门及编码"])
def test_digits_under_a_label_naming_the_code_are_the_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], label: str) -> None:
    _, data = imported(_relabelled(tmp_path, label, "110指挥中心"), tmp_path / "out", capsys, "--year", "2015")
    assert data["department"] == "指挥中心" and str(data["department_code"]) == "110"
