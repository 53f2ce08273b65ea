"""An Excel form's line 「填报单位（盖章）： | | 填报日期：2023年3月1日」: the unit left blank to be stamped
takes no value from the next cell when that cell is a label with its own value (the PDF reader's case:
tests/test_pdf7_facts.py)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import openpyxl
import pytest

from perfsite.cli import main


def _workbook(path: Path, then: str) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2022年度乡村教师培训项目绩效自评表"])
    ws.append(["项目名称", "乡村教师培训", "主管部门", "某某县教育局"])
    ws.append(["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"])
    ws.append(["产出指标", "数量指标", "培训人数", 50, "≥100人", "120人", 50])
    ws.append(["效益指标", "社会效益指标", "群众满意度", 50, "≥90%", "95%", 50])
    ws.append(["总分", None, None, 100, None, None, 100])
    ws.append(["填报单位（盖章）：", None, None, None, then])
    wb.save(path)


@pytest.mark.parametrize("then", ["填报日期：2023年3月1日", "填报人：张三"])
def test_a_unit_left_blank_to_be_stamped_is_not_the_next_pair(then: str, tmp_path: Path) -> None:
    path = tmp_path / "2022年度乡村教师培训项目绩效自评表.xlsx"
    _workbook(path, then)
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
        main(["import", str(path), "--out", str(tmp_path / "out")])
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    text = written.read_text(encoding="utf-8")
    assert "department: 某某县教育局" in text, (text, shown.getvalue())
    assert then not in text, text
