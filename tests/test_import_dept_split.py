"""A 部门整体 task's amount by source (总额 | 财政拨款 | 其他资金): the contract keeps the amount only, so the
parts of every task (and of the 金额合计 row) are read, checked against it and said, never left unplaced."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from test_import_dept import (
    MOF_MERGES,
    MOF_TARGETS,
    STANDARD_EVALUATION,
    STANDARD_EVALUATION_MERGES,
    document_of,
    imported,
    workbook,
)

from perfsite.importing.pipeline import Status

NOT_WRITTEN = "年度主要任务的「财政拨款」「其他资金」各列数据格式不收（任务只写预算金额 amount），未写入"


def test_the_ministry_s_form_checks_every_task_s_sources_against_its_total(tmp_path: Path) -> None:
    """The second task's 财政拨款 | 其他资金 were listed as unplaced (the first task's were taken by the target
    reader's fund block): every task's and the 金额合计's are read and add up to their 总额 (8600 + 50 = 8650 …)."""
    report = imported(workbook(tmp_path / "目标表.xlsx", MOF_TARGETS, MOF_MERGES), tmp_path / "out")
    assert report.status is Status.IMPORTED, report.failure
    assert not report.unplaced, report.unplaced
    assert f"{NOT_WRITTEN}；已与 3 行的预算金额核对，相符" in report.notes


def test_a_task_whose_sources_do_not_add_up_is_named(tmp_path: Path) -> None:
    rows = [list(r) for r in MOF_TARGETS]
    rows[6] = ["", "学生资助", "落实资助政策", 420, 400, 0]
    report = imported(workbook(tmp_path / "目标表.xlsx", rows, MOF_MERGES), tmp_path / "out")
    assert "工作表「Sheet」 B7：任务「学生资助」的财政拨款 400＋其他资金 0 之和 400 万元 与预算金额 420 万元 不一致：" \
           "预算金额照原表写入，请核对原表" in report.notes
    assert f"{NOT_WRITTEN}；已与 2 行的预算金额核对，相符" in report.notes
    document, _ = document_of(report.written[0])
    assert [(t.name, t.amount) for t in document.tasks] == [("义务教育经费保障", 8650), ("学生资助", 420)]


def test_a_self_evaluation_s_task_sources_are_checked_not_taken_for_content(tmp_path: Path) -> None:
    """「全年预算数 | 财政拨款 | 其他资金 | 全年执行数」 in one header row: the parts were read as the task's content
    (「财政拨款：8700；其他资金：80」) and never checked; 140 + 0 is not 教师培训's 146."""
    tasks = [["年度主要任务", "任务名称", "全年预算数", "财政拨款", "其他资金", "全年执行数", "执行率", ""],
             ["", "义务教育经费保障", 8780, 8700, 80, 8650.3, "98.52%", ""],
             ["", "学生资助", 500, 500, 0, 497, "99.40%", ""],
             ["", "教师培训", 146, 140, 0, 98, "67.12%", ""]]
    rows = [*STANDARD_EVALUATION[:2], *tasks, *STANDARD_EVALUATION[6:]]
    report = imported(workbook(tmp_path / "自评表.xlsx", rows, STANDARD_EVALUATION_MERGES), tmp_path / "out")
    assert report.status is Status.IMPORTED, report.failure
    document, _ = document_of(report.written[0])
    assert [(t.name, t.content, t.amount, t.spent) for t in document.tasks] == [
        ("义务教育经费保障", "", 8780, Decimal("8650.3")), ("学生资助", "", 500, 497), ("教师培训", "", 146, 98)]
    assert [n for n in report.notes if "财政拨款" in n] == [
        "工作表「Sheet」 B6：任务「教师培训」的财政拨款 140＋其他资金 0 之和 140 万元 与预算金额 146 万元 不一致："
        "预算金额照原表写入，请核对原表", f"{NOT_WRITTEN}；已与 2 行的预算金额核对，相符"]
