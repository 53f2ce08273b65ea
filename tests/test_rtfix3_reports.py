"""A 评价报告's conclusion worded otherwise than the cross-check reads: every 分 figure and grade
in it is read, and one not checked that differs is told (red-team wordings)."""

from __future__ import annotations

import pytest
from test_reports import REPORT, read

from perfsite.problems import Severity

SAID = "conclusion: 项目总体实施良好。"  # REPORT: total 95 (computed and published), grade 优


def conclusion_problems(tmp_path, conclusion: str) -> list:
    _, problems = read(tmp_path, REPORT.replace(SAID, f"conclusion: {conclusion}"))
    return [p for p in problems.items if p.key == "conclusion"]


@pytest.mark.parametrize(("conclusion", "unread"), [
    ("综合绩效评分为82.5分，评为“良好”等次。", "「82.5分」、「良好」"),
    ("经评价，该项目得分82.5分。", "「82.5分」"),
    ("评分结果为82.5分。", "「82.5分」"),
    ("总分为八十二点五分。", "「八十二点五分」"),
    ("综合评分95分。经复核，综合评分应为82.5分。", "「82.5分」"),
    ("综合评分为95分（调整后为82.5分）。", "「82.5分」"),
    ("最终得分95分，评定为良好等级。", "「良好」"),
])
def test_a_figure_or_grade_the_check_does_not_read_is_told(tmp_path, conclusion, unread):
    found = conclusion_problems(tmp_path, conclusion)
    [note] = [p for p in found if p.severity is Severity.WARNING]
    assert note.message.startswith(f"评价结论中的{unread}未能核对"), note.message
    assert "公布的总分 95、等级「优」" in note.message


def test_the_table_s_own_figures_a_scheme_and_adjectives_are_not_told(tmp_path):
    assert conclusion_problems(tmp_path, "项目管理良好，决策指标得分20分，产出指标得分27分，满分100分，90分以上为优秀、80-89分为良好。"
                                         "综合评分95分，评价等级为“优”。") == []


def test_a_conclusion_against_reported_figures_labels_neither_as_computed(tmp_path):
    [found] = conclusion_problems(tmp_path, "综合评分为82.5分。")
    assert found.severity is Severity.DISCREPANCY
    assert found.statement() == "不一致：评价结论中写的总分 82.5 与公布的总分 95 不符，相差超过 0.1：请同时改正结论"
    assert (found.published, found.computed) == (None, None)
