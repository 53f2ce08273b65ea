"""Spreadsheets of one programme: the table scan's layering, drop-down lists through INDIRECT, 起止年限 in
two cells, the cell a target's note names, and one spelling for a figure typed with thousands separators."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from forms.make import Form, load_form, write_xlsx
from forms_xlsx30.make import LEVEL_FIGURES, level_columns, level_rows, plain, subtotals, unit_columns
from openpyxl import load_workbook
from test_import29f import _with_choices
from test_import_layout import grid
from test_import_targets import one

import perfsite.importing.tables as tables
from perfsite.importing.assemble import Hints, amount
from perfsite.importing.pipeline import prepare

JINAN = Path(__file__).resolve().parent / "forms_targets" / "t11-jinan-wangqiu-saishi"
"""金安区's 网球公开赛 目标表: its 「项目期 | 3年」 row (row 8, B8:E8 merged) is where 起止年限 is put here."""


def test_the_table_scan_imports_no_reader() -> None:
    """`tables` named a stale published figure through `xlsx_reader.stale_refusal`, imported inside the
    function: a table module reaching into a reader that imports it (a cycle). The wording now lives
    with the formula calculator both use."""
    imported = {node.module or "" for node in ast.walk(ast.parse(Path(tables.__file__).read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom)}
    assert not [module for module in imported if module.endswith("_reader")], imported


def test_a_hidden_sheet_feeding_lists_through_indirect_is_no_form_left_out(tmp_path: Path) -> None:
    """The list of 是否核心 is =INDIRECT($G5): the cell names the list, a defined name over the hidden 「选项」.
    Before, the sheet was named 「隐藏的工作表，没有导入」, as if a form were left out. With no name over the
    sheet, INDIRECT reads none of it, and the sheet is still named."""
    hidden = "工作表「选项」是隐藏的工作表，没有导入"
    assert not any(hidden in note for note in _with_choices(tmp_path, "INDIRECT($G5)", name="是否"))
    assert any(hidden in note for note in _with_choices(tmp_path, "INDIRECT($G5)"))
    assert any(hidden in note for note in _with_choices(tmp_path, "INDIRECT($G5)", formula='=COUNTIF(是否,"是")',
                                                         name="是否"))


def _period_form(cells: list[str], tmp_path: Path, dates: bool) -> Path:
    """金安's 目标表 with 起止年限 in `cells` (B8 onwards, unmerged), typed as date serials where `dates`."""
    form = load_form(JINAN)
    rows = [list(row) for row in form.rows]
    assert rows[7][:2] == ["项目期", "3年"]
    rows[7] = ["起止年限", *cells, *[""] * (4 - len(cells))]
    merges = [m for m in form.merges if m != (7, 1, 7, 4)]
    path = write_xlsx(Form(form.folder, form.meta, rows, merges, form.text_cells), tmp_path / "目标表.xlsx")
    if dates:
        book = load_workbook(str(path))
        for cell in book.active[8]:
            if cell.column > 1 and cell.value not in (None, "至"):
                cell.value, cell.number_format = dt.datetime.strptime(str(cell.value), "%Y-%m-%d"), "yyyy-mm-dd"
        book.save(str(path))
    return path


@pytest.mark.parametrize(("cells", "dates", "period"), [
    (["2025-01-01", "2027-12-31"], True, "2025-01-01至2027-12-31"),
    (["2025-01-01", "至", "2027-12-31"], True, "2025-01-01至2027-12-31"),
    (["2025年", "2027年"], False, "2025年至2027年"),
    (["2025-01-01至2027-12-31"], False, "2025-01-01至2027-12-31"),
    (["2025-01-01"], True, "2025-01-01"),
])
def test_a_period_in_two_cells_keeps_its_end(tmp_path: Path, cells: list[str], dates: bool, period: str) -> None:
    """起止年限 typed as two dates (Excel serials shown yyyy-mm-dd) in cells of their own: before, only the start
    was read, 「2025-01-01」, the end lost with no word, a three-year programme published as one day of it."""
    prepared = prepare(_period_form(cells, tmp_path, dates), Hints())
    assert prepared.draft is not None, prepared.report.failure
    assert prepared.draft.data["period"] == period
    assert not [note for note in prepared.report.notes if "第8行" in note or "B8" in note or "D8" in note]


def test_a_note_on_a_target_names_the_target_s_cell() -> None:
    """A target with no figure, on a row never adjusted: the note named 第5行第1列 (the 三级指标), the cell the
    clerk does not have to change; the 权重 that is no number named it too."""
    rows = [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2023"],
            ["三级指标", "指标值", "权重"], ["维修里程", "≥", "十"], ["群众满意度", "≥95%", "10"]]
    notes = one(grid(rows)).notes
    assert any(note.startswith("表1 第5行第2列：指标「维修里程」的指标值「≥」只有符号或单位") for note in notes), notes
    assert "表1 第5行第3列：权重「十」不是数字，未写入" in notes


def test_a_target_of_the_midterm_set_is_named_by_its_own_cell() -> None:
    """A 中期指标值 with no figure beside a 年度 one: the note names the 中期 cell, not the 三级指标 nor the 年度 one."""
    rows = [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2023"], ["起止年限", "2023-2025"],
            ["三级指标", "中期指标值", "年度指标值"], ["维修里程", "≥", "≥10公里"]]
    notes = one(grid(rows)).notes
    assert any(note.startswith("表1 第6行第2列：指标「维修里程」的指标值「≥」只有符号或单位") for note in notes), notes


@pytest.mark.parametrize("typed", ["1,234.50", "1234.50", "１，２３４．５０"])
def test_an_amount_is_written_without_thousands_separators(typed: str) -> None:
    """「1,234.50」 typed as text was written 「1,234.50」, the number 1234.5 shown 「#,##0.00」 「1234.50」:
    two spellings of one figure in the same file. A converted amount was written bare already."""
    assert amount(typed, "万元") == ("1234.50", "")
    assert amount(typed + "元", "万元") == ("0.123450", "元")


@pytest.fixture(scope="module")
def weituo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """棠溪镇's 委托业务项目 typed plainly, its indicators as imported (each layout must give the same)."""
    prepared = prepare(plain(tmp_path_factory.mktemp("xlsx30") / "plain.xlsx"), Hints())
    assert prepared.draft is not None, prepared.report.failure
    return {"indicators": prepared.draft.data["indicators"], "notes": prepared.report.notes}


def test_targets_and_actuals_over_value_and_unit_columns_keep_their_units(weituo: dict[str, object],
                                                                          tmp_path: Path) -> None:
    """年度指标值 and 实际完成值 each over 「指标值 | 单位」: 「单位」 is no header word alone, so the second header
    row was read as data. 「≥90 | %」 was written ≥90 for the 公众满意度, 「≤90 | 万元」 ≤90, 「≥50 | 个」 ≥50, and
    the row 「指标值 | 单位 | 指标值 | 单位」 named as an indicator with no name."""
    prepared = prepare(unit_columns(tmp_path / "form.xlsx"), Hints())
    assert prepared.draft is not None, prepared.report.failure
    got = prepared.draft.data["indicators"]
    want = weituo["indicators"]
    assert [i["target"] for i in got] == [i["target"] for i in want]  # type: ignore[union-attr]
    assert [i.get("actual") for i in got][1:6] == ["50个", "100百分比", "达成预期指标", "达成预期指标", "90万元"]
    assert prepared.report.notes == weituo["notes"]


@pytest.mark.parametrize("rows", [
    {18: [["", "", "", "小计", "", "", 50, 50, ""]], 21: [["", "", "", "小计", "", "", 30, 30, ""]]},
    {15: [["", "质量指标小计", "", "", "", "", 16, 16, ""]]},
    {15: [["", "", "质量指标小计", "", "", "", 16, 16, ""]],
     18: [["", "", "成本指标小计", "", "", "", 18, 18, ""], ["", "产出指标小计", "", "", "", "", 50, 50, ""]]},
], ids=["in_the_name_column", "in_the_level1_column", "level2_then_level1"])
def test_subtotal_rows_import_as_the_form_without_them(weituo: dict[str, object], tmp_path: Path,
                                                       rows: dict[int, list[list[object]]]) -> None:
    """Before: 「小计」 in the 三级指标 column was an indicator named 小计 (权重之和 190); 「质量指标小计」 in the 一级
    column became the 一级 of the rows under it; and 「质量指标小计」 was summed with the 数量指标 row above its
    group (「分值 16 与其上 3 项之和 24 不一致」, 8 + 8 being right)."""
    prepared = prepare(subtotals(tmp_path / "form.xlsx", rows), Hints())
    assert prepared.draft is not None, prepared.report.failure
    assert prepared.draft.data["indicators"] == weituo["indicators"]
    assert prepared.report.notes == weituo["notes"]


def test_a_subtotal_in_the_name_column_that_does_not_add_up_is_named(tmp_path: Path) -> None:
    """The 产出 小计 says 48 where its six indicators give 50: named with the row, as a 小计 in a level column is."""
    path = subtotals(tmp_path / "form.xlsx", {18: [["", "", "", "小计", "", "", 48, 48, ""]]})
    notes = prepare(path, Hints()).report.notes
    assert any(note.startswith("工作表「自评表」 第20行「小计」：分值 48 与其上 6 项之和 50 不一致") for note in notes), notes


def test_a_score_column_after_each_level_leaves_the_indicators_their_own(weituo: dict[str, object],
                                                                         tmp_path: Path) -> None:
    """「一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分 | 三级指标 | … | 分值 | 得分」: the first 得分 (the 一级's,
    merged down its group) was read as the score column, every indicator's own 得分 left unread and the clerk
    asked to share the 一级's 50 out among its six. Now each level's 得分 is checked against its indicators'."""
    prepared = prepare(level_columns(tmp_path / "form.xlsx"), Hints())
    assert prepared.draft is not None, prepared.report.failure
    got, want = prepared.draft.data["indicators"], weituo["indicators"]
    assert [(i["name"], i.get("weight"), i.get("score")) for i in got] == [  # type: ignore[union-attr]
        (i["name"], i.get("weight"), i.get("score")) for i in want]  # type: ignore[union-attr]
    assert got[1]["level1"] == "产出指标（50分）" and got[1]["level2"] == "数量指标（8分）"
    assert prepared.report.notes == weituo["notes"]
    short = {**LEVEL_FIGURES, 13: ((50, 48), (8, 8))}
    notes = prepare(level_columns(tmp_path / "short.xlsx", short), Hints()).report.notes
    assert ("工作表「自评表」 D14：「产出指标」的得分 48 与其下各项指标得分之和 50 不一致：这一级的得分不写入（数据格式只有每项"
            "指标的得分，网站按各项相加），各项指标的得分取自「三级指标」后面的「得分」一列，请核对原表") in notes


def test_a_level_s_row_of_totals_heads_its_group(weituo: dict[str, object], tmp_path: Path) -> None:
    """「产出指标 | | | | 50 | 50」 on a row above its indicators: it was named as a row 「没有指标名称，却有数值」 and
    the clerk told to add a name or delete it, the 一级's points lost. Its points go with the level (「产出指标（50分）」,
    checked against its indicators' as a level cell printing them is), its 得分 is checked against theirs."""
    totals = {13: (50, 50), 19: (30, 30), 22: (10, 10)}
    prepared = prepare(level_rows(tmp_path / "form.xlsx", totals), Hints())
    assert prepared.draft is not None, prepared.report.failure
    got, want = prepared.draft.data["indicators"], weituo["indicators"]
    assert [(i["name"], i.get("weight"), i.get("score")) for i in got] == [  # type: ignore[union-attr]
        (i["name"], i.get("weight"), i.get("score")) for i in want]  # type: ignore[union-attr]
    assert [i["level1"] for i in got][1:] == ["产出指标（50分）"] * 6 + ["效益指标（30分）"] * 3 + ["满意度指标（10分）"]
    assert prepared.report.notes == weituo["notes"]
    notes = prepare(level_rows(tmp_path / "short.xlsx", {**totals, 13: (50, 48)}), Hints()).report.notes
    assert ("工作表「自评表」 第14行「产出指标（50分）」：得分 48 与其下 6 项之和 50 不一致（「基建工程委托业务项目数量」「委托业务报告合格率」"
            "「经费支出合规性」「提交报告及时性」「项目总成本」「单项业务成本」）：这一行是这一级的合计，不作为指标导入，"
            "请对照原件核对这一组指标的分值和得分") in notes, notes
