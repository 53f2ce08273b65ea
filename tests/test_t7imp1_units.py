"""The 实施单位 as printed when it equals the 主管部门, and a plan row's years (宁乡坝塘镇, tests/forms_trial7/t7imp1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_t7imp1_blocks import FORMS, imported


def test_a_stated_implementer_equal_to_the_department_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, data = imported(FORMS / "d-ningxiang-batang-mubiao.docx", tmp_path / "out", capsys)
    assert data["department"] == "坝塘镇" and data["implementer"] == "坝塘镇"


def test_a_plan_row_s_years_are_no_start_and_end_and_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / "d-ningxiang-batang-mubiao.docx", tmp_path / "out", capsys)
    unplaced = out.split("未能归位")[-1]
    assert "第14行第4列：2016" in unplaced and "第14行第5列：2020" in unplaced
    assert data["period"] == "2021年度"
