"""A form's finance bureau row (「县级财政部门 | 汉阴县财政局」, any level prefix): a label both readers know,
whose value the data format has no key for (docs/data-format.md: the department is the 主管部门). It is
said once in the notes, never listed as unplaced, and never taken for the department."""

from __future__ import annotations

from pathlib import Path

import pytest
from forms.make import make
from test_import_layout import grid
from test_import_layouts import YUANZHOU_HEAD

from perfsite.importing.assemble import Hints
from perfsite.importing.labels import finance_label
from perfsite.importing.pipeline import Options, Status, import_file
from perfsite.importing.tables import scan, unplaced
from perfsite.importing.target_form import assemble_targets, find_targets
from perfsite.siteconfig import SiteConfig

HANYIN = Path(__file__).resolve().parent / "forms_targets" / "t15-hanyin-puhui-jinrong"
SAID = "数据格式没有这一项，未写入"


@pytest.mark.parametrize(("text", "known"), [
    ("县级财政部门", True), ("市县财政部门", True), ("财政部门", True), ("省級財政部門", True), ("自治区财政部门", True),
    ("县级财政部门：", True), ("财政部门审核意见", False), ("县级主管部门", False), ("财政局", False),
])
def test_the_finance_bureau_s_label_at_any_level(text: str, known: bool) -> None:
    assert finance_label(text) is known


def test_hanyin_s_finance_bureau_is_said_once_and_not_unplaced(tmp_path: Path) -> None:
    xlsx, _ = make(HANYIN, tmp_path / "in")
    report = import_file(xlsx, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED, report.failure
    assert not [cell for cell in report.unplaced if "财政" in cell], report.unplaced
    assert [n for n in report.notes if "财政部门" in n] == [f"县级财政部门「汉阴县财政局」：{SAID}"]
    [written] = report.written
    assert "department: 汉阴县人力资源和社会保障局" in written.read_text(encoding="utf-8")


TARGET_HEAD = [["马铃薯种薯繁育示范推广项目绩效目标表（2022年度）", "", "", ""],
               ["项目名称", "马铃薯种薯繁育示范推广项目", "", ""],
               ["省级财政部门", "宁夏回族自治区财政厅", "自治区主管部门", "农业农村厅"],
               ["市县财政部门", "原州区财政局", "市县主管部门", "原州区农业农村局"],
               ["一级指标", "二级指标", "三级指标", "指标值"],
               ["产出指标", "数量指标", "免费发放原原种", "550万粒"]]


def test_the_target_reader_says_every_level_in_one_note() -> None:
    grids = [grid(TARGET_HEAD)]
    found = find_targets(grids, [])
    draft = assemble_targets("目标表.xlsx", found.forms[0], Hints())
    assert draft.data["department"] == "原州区农业农村局"
    assert [n for n in draft.notes if "财政" in n] == [
        f"省级财政部门「宁夏回族自治区财政厅」、市县财政部门「原州区财政局」：{SAID}"]
    assert not [cell for cell in unplaced(grids, found.used) if "财政" in cell]


def test_a_finance_bureau_alone_is_never_the_department() -> None:
    rows = [list(row) for row in TARGET_HEAD]
    rows[2], rows[3] = ["财政部门", "原州区财政局", "", ""], ["", "", "", ""]
    draft = assemble_targets("目标表.xlsx", find_targets([grid(rows)], []).forms[0], Hints())
    assert draft.data["department"] == "未载明"
    assert f"财政部门「原州区财政局」：{SAID}" in draft.notes


def test_the_self_evaluation_reader_says_it_with_its_cell() -> None:
    """宁夏 原州区's 自评表 head: 「市县财政部门 | 原州区财政局」 beside the 专项实施期."""
    grids = [grid(YUANZHOU_HEAD)]
    found = scan(grids)
    assert found.facts["department"] == "原州区农业农村局"
    assert [n for n in found.notes if "财政" in n] == [f"表1 第4行第6列：市县财政部门「原州区财政局」：{SAID}"]
    assert not [cell for cell in unplaced(grids, found.used) if "财政" in cell]


def test_label_and_value_in_one_cell_are_said_alike() -> None:
    """「县级财政部门：汉阴县财政局」 in one cell of the head, in either reader."""
    rows = [list(row) for row in TARGET_HEAD]
    rows[2], rows[3] = ["县级财政部门：汉阴县财政局", "", "", ""], ["县级主管部门", "汉阴县人力资源和社会保障局", "", ""]
    grids = [grid(rows)]
    found = find_targets(grids, [])
    draft = assemble_targets("目标表.xlsx", found.forms[0], Hints())
    assert draft.data["department"] == "汉阴县人力资源和社会保障局"
    assert f"县级财政部门「汉阴县财政局」：{SAID}" in draft.notes
    assert not [cell for cell in unplaced(grids, found.used) if "财政" in cell]
    rows = [list(row) for row in YUANZHOU_HEAD]
    rows[3][4:6] = ["市县财政部门：原州区财政局", ""]
    grids = [grid(rows)]
    evaluation = scan(grids)
    assert [n for n in evaluation.notes if "财政" in n] == [f"表1 第4行第5列：市县财政部门「原州区财政局」：{SAID}"]
    assert not [cell for cell in unplaced(grids, evaluation.used) if "财政" in cell]


def test_the_self_evaluation_reader_says_every_level_in_one_note() -> None:
    """广东 韶关's head (tests/forms_layouts/l19) on a 自评表: a finance bureau row per level, one note for all."""
    rows = [["专项名称", "学生资助补助经费", "", "", ""],
            ["省级财政部门", "广东省财政厅", "", "省级主管部门", "广东省教育厅"],
            ["市级财政部门", "韶关市财政局", "", "市级主管部门", "韶关市教育局"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "应受助学生数", "100%", "100%"]]
    found = scan([grid(rows)])
    assert found.facts["department"] == "韶关市教育局"
    assert [n for n in found.notes if "财政" in n] == [
        f"表1 第2行第2列、表1 第3行第2列：省级财政部门「广东省财政厅」、市级财政部门「韶关市财政局」：{SAID}"]
