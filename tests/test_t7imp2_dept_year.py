"""绥阳县太白镇's 部门整体支出绩效自评表 prints no year, only 「填报日期:2022年2月3日」 (tests/forms_trial7b/SOURCES.md):
read as the project 自评 reader reads it, the year before, with the same note; its published excerpt ends at the
indicator header, and the failure names that row."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.cli import main
from perfsite.importing.assemble import Hints
from perfsite.importing.dept_form import assemble_department, find_department
from perfsite.importing.grid import Cell, Grid
from perfsite.importing.sniff import ImportFailure

HERE = Path(__file__).parent / "forms_trial7b"


def test_the_year_before_the_day_filled_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(HERE / "b-constructed-rows.xlsx"), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    [path] = sorted((tmp_path / "out").rglob("*.yaml"))
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["year"] == 2021
    assert "文件中没有写评价年度：按填报日期「2022年2月3日」的上一年推断为 2021，请核对" in out


def test_the_cut_form_fails_naming_the_header_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(HERE / "b-suiyang-taibai-zhengti.xlsx"), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert "找不到评价年度" not in out
    assert ("失败：部门整体支出绩效自评表中找不到绩效指标：工作表「Sheet1」第 11 行是指标表的表头（一级指标、二级指标、三级指标、"
            "年度指标值(A)、全年实际值(B)、分值、得分计算），下面却没有一行指标") in out, out


def _rows(*rows: list[str]) -> Grid:
    return Grid("表1", [[Cell(t, ref=f"第{r + 1}行第{c + 1}列") for c, t in enumerate(row)] for r, row in enumerate(rows)])


def test_a_target_table_takes_no_year_from_its_day_filled_in() -> None:
    """A 目标表 is filled in before the year it sets targets for: the day says nothing of that year."""
    grid = _rows(["部门整体支出绩效目标表", "", ""], ["部门名称", "示例县教育局", ""], ["填报日期", "2022年12月3日", ""],
                 ["一级指标", "三级指标", "指标值"], ["产出指标", "培训教师人次", "≥500人次"])
    form = find_department([grid], [])
    assert form is not None
    with pytest.raises(ImportFailure, match="找不到评价年度"):
        assemble_department("目标.xlsx", form, [grid], [], [], Hints())
