"""「财政局」 alone as a label (「财政局 | 原州区财政局」), and the finance bureau's rows in the 部门整体 and the
evaluation report readers: a label every reader knows, said once, never the department or the unit."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_import_dept import (
    STANDARD_EVALUATION,
    STANDARD_EVALUATION_MERGES,
    STANDARD_TARGET_MERGES,
    STANDARD_TARGETS,
    workbook,
)
from test_import_dept import imported as imported_dept
from test_import_finance_bureau import SAID, TARGET_HEAD
from test_import_layout import grid
from test_import_report import EXAMPLE, example_docx
from test_import_report import imported as imported_report
from test_import_report import written as written_report

from perfsite.importing.assemble import Hints
from perfsite.importing.labels import finance_label
from perfsite.importing.pipeline import Status
from perfsite.importing.report_form import labelled
from perfsite.importing.tables import scan, unplaced
from perfsite.importing.target_form import assemble_targets, find_targets


@pytest.mark.parametrize(("text", "value", "known"), [
    ("财政局", "原州区财政局", True), ("财政厅", "宁夏回族自治区财政厅", True), ("财政局：", "韶关市财政局", True),
    ("财政局", None, False), ("财政局", "请填写", False), ("财政局", "财政局", False), ("财政部门", None, True),
])
def test_the_bureau_s_bare_name_is_a_label_only_beside_a_bureau(text: str, value: str | None, known: bool) -> None:
    """「主管部门 | 财政局」 is a programme of the bureau itself: the bare word is a label only before a bureau's name."""
    assert finance_label(text, value) is known


SHAOGUAN = [["专项名称", "学生资助补助经费", "", "", ""],
            ["财政局", "韶关市财政局", "", "主管部门", "韶关市教育局"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "应受助学生数", "100%", "100%"]]


def test_the_self_evaluation_reader_says_it_once() -> None:
    grids = [grid(SHAOGUAN)]
    found = scan(grids)
    assert found.facts["department"] == "韶关市教育局"
    assert [n for n in found.notes if "财政" in n] == [f"表1 第2行第2列：财政局「韶关市财政局」：{SAID}"]
    assert not [cell for cell in unplaced(grids, found.used) if "财政" in cell]
    rows = [list(r) for r in SHAOGUAN]
    rows[1] = ["财政局：韶关市财政局", "", "", "主管部门", "财政局"]  # the bureau's own programme
    found = scan([grid(rows)])
    assert found.facts["department"] == "财政局"
    assert [n for n in found.notes if "财政" in n] == [f"表1 第2行第1列：财政局「韶关市财政局」：{SAID}"]


def test_the_target_reader_says_it_once_and_keeps_the_bureau_s_own_programme() -> None:
    rows = [list(r) for r in TARGET_HEAD]
    rows[2], rows[3] = ["财政局", "原州区财政局", "主管部门", "原州区农业农村局"], ["", "", "", ""]
    grids = [grid(rows)]
    found = find_targets(grids, [])
    draft = assemble_targets("目标表.xlsx", found.forms[0], Hints())
    assert draft.data["department"] == "原州区农业农村局"
    assert [n for n in draft.notes if "财政" in n] == [f"财政局「原州区财政局」：{SAID}"]
    assert not [cell for cell in unplaced(grids, found.used) if "财政" in cell]
    rows[2] = ["主管部门", "财政局", "", ""]
    draft = assemble_targets("目标表.xlsx", find_targets([grid(rows)], []).forms[0], Hints())
    assert draft.data["department"] == "财政局"


@pytest.mark.parametrize("kind", ["目标表", "自评表"])
@pytest.mark.parametrize("label", ["财政局", "县级财政部门"])
def test_a_department_form_says_its_finance_bureau_once(kind: str, label: str, tmp_path: Path) -> None:
    if kind == "目标表":
        rows, merges = [list(r) for r in STANDARD_TARGETS], STANDARD_TARGET_MERGES
        rows[1] = ["部门名称", "示例县教育局", label, "示例县财政局", "", ""]
    else:
        rows, merges = [list(r) for r in STANDARD_EVALUATION], STANDARD_EVALUATION_MERGES
        rows[1] = ["部门名称", "示例县教育局", "", label, "示例县财政局", "", "", ""]
    report = imported_dept(workbook(tmp_path / f"{kind}.xlsx", rows, merges), tmp_path / "out")
    assert report.status is Status.IMPORTED, report.failure
    assert len([n for n in report.notes if "示例县财政局" in n and SAID in n]) == 1, report.notes
    assert not [cell for cell in report.unplaced if "财政" in cell]
    assert "department: 示例县教育局" in report.written[0].read_text(encoding="utf-8")


def test_a_report_s_cover_line_ends_the_department_at_the_finance_bureau_s_label(tmp_path: Path) -> None:
    """「主管部门：X 财政部门：Y」 on one cover line: the department was read as 「X 财政部门：Y」."""
    assert labelled(["主管部门：示例县农业农村局 财政部门：示例县财政局"]) == {
        "department": "示例县农业农村局", "finance": "示例县财政局", "finance_label": "财政部门"}
    assert labelled(["财政局：示例县财政局　主管部门：示例县农业农村局"])["department"] == "示例县农业农村局"
    assert labelled(["主管部门：示例县财政局"]) == {"department": "示例县财政局"}  # a bureau's own programme
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    cover = {**example, "department": f"{example['department']} 县级财政部门：示例县财政局"}
    report = imported_report(example_docx(tmp_path / "baogao.docx", cover), tmp_path / "data")
    assert written_report(report)["department"] == example["department"]
    assert [n for n in report.notes if "财政部门" in n] == [f"封面：县级财政部门「示例县财政局」：{SAID}"]
