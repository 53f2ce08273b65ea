"""Excel 自评表s: the seed layouts, the central layout, numbers as Excel shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from test_import_builders import CENTRAL, SEED000, SEED002, central_xlsx, load, seed002_xlsx, sheet_rows, text
from test_import_word import assert_same_programme, imported, scored

from perfsite.importing.xlsx_reader import number_text
from perfsite.model import RuleType


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (0.95, "0%", "95%"), (0.9794, "0.00%", "97.94%"), (1.0526, "0.00%", "105.26%"), (1, "0%", "100%"),
    (95, '0"%"', "95%"), (4700.9, "0.00", "4700.90"), (4700.9, "#,##0.00", "4700.90"), (3.9200000000000004, "General", "3.92"),
    (25.0, "General", "25"), (17.1, "General", "17.1"), (1e-05, "General", "0.00001"), (2.5, "0", "3"),
    (0.1 + 0.2, "@", "0.3"), (547.8, "[Red]0.0;-0.0", "547.8"),
])
def test_numbers_as_excel_shows_them(value: float, fmt: str, shown: str) -> None:
    assert number_text(value, fmt) == shown


def test_seed002_sheet_reproduces_the_programme(tmp_path: Path) -> None:
    [out] = imported(tmp_path, seed002_xlsx(tmp_path / "zhongxiaoqiye.xlsx"))
    got, want = scored(out), scored(SEED002)
    assert_same_programme(got, want, budget=False)
    assert "weight: 3.00" in out.read_text(encoding="utf-8")  # the 0.00 format, not the float


def seed000_sheet(path: Path) -> Path:
    """附件1 as a unit's spreadsheet: 完成率 and 业绩值 stored as fractions with % formats, weights stored as
    text, 一级指标 merged, the title in a merged first row, the table starting in column B of a later sheet."""
    items = load(SEED000)["indicators"]
    wb = Workbook()
    wb.active.title = "封面"
    wb.active["A1"] = "曲沃县“小升规”企业奖励资金2021年度项目支出绩效自评报告"
    ws = wb.create_sheet("附件1")
    rows: list[list[object]] = [["附件1.项目支出绩效自评表"] + [""] * 8,
                                ["一级指标", "二级指标", "目标指标", "权重", "目标值", "业绩值", "完成率", "指标得分",
                                 "偏差原因分析及\n改进措施"]]
    for i in items:
        actual = text(i["actual"])
        rows.append([text(i["level1"]), text(i["level2"]), text(i["name"]), f" {text(i['weight'])} ",
                     int(i["target"]) if text(i["target"]).isdigit() else text(i["target"]),
                     actual if not actual.endswith("%") else float(actual[:-1]) / 100,
                     float(text(i["completion"])[:-1]) / 100, float(i["score"]), text(i.get("remark"))])
    sheet_rows(ws, rows, [(0, 0, 0, 8), (3, 0, 5, 0)], start=3)
    for r in range(5, 5 + len(items)):  # title in row 3, header in row 4
        ws[f"F{r}"].number_format, ws[f"G{r}"].number_format = "0%", "0.00%"
    ws["G9"].number_format = "0%"  # 经济效益增长's 完成率 was published as 95%
    wb.save(str(path))
    return path


def test_seed000_sheet_with_percent_formats(tmp_path: Path) -> None:
    [out] = imported(tmp_path, seed000_sheet(tmp_path / "xiaoshenggui.xlsx"))
    got, want = scored(out), scored(SEED000)
    for x, y in zip(got.programme.indicators, want.programme.indicators, strict=True):
        assert (x.level1, x.level2, x.name, x.weight, x.target, x.actual, x.completion, x.score, x.remark) == \
            (y.level1, y.level2, y.name, y.weight, y.target, y.actual, y.completion, y.score, y.remark)
    assert got.programme.name == "“小升规”企业奖励资金" and got.programme.year == 2021
    assert got.total == want.total


@pytest.mark.parametrize("fraction", [True, False])
def test_central_layout(tmp_path: Path, fraction: bool, capsys: pytest.CaptureFixture[str]) -> None:
    """年初预算数/全年预算数/全年执行数/分值/执行率/得分 and the 一级/二级/三级 block of one sheet."""
    [out] = imported(tmp_path, central_xlsx(tmp_path / "yingyang.xlsx", percent_as_fraction=fraction))
    got, want = scored(out), scored(CENTRAL)
    a, b = got.programme, want.programme
    assert (a.name, a.year, a.department) == (b.name, b.year, b.department)
    by_name = {i.name: (i, s) for i, s in zip(b.indicators, want.indicators, strict=True)}
    for ind, s in zip(a.indicators, got.indicators, strict=True):
        theirs, their_score = by_name[ind.name]
        assert (ind.weight, ind.target, ind.actual, ind.score) == \
            (theirs.weight, theirs.target, theirs.actual, theirs.score), ind.name
        assert s.score == their_score.score
        if ind.name != "预算执行率":  # the central form keeps it in the funds block, without a remark
            assert (ind.level1, ind.level2, ind.remark) == (theirs.level1, theirs.level2, theirs.remark)
    assert a.indicators[0].rule.type is RuleType.BUDGET
    assert got.total == want.total and f"{got.total}" == "99.92"
    assert a.reported_score == b.reported_score
    derived = got.budget
    assert derived is not None and derived.execution_rate == want.budget.execution_rate
    assert [f"{a.budget.rows[k].total}" for k in a.budget.rows] == ["540", "552", "547.8"]
    assert dict(a.sections)["年度总体目标"] == dict(b.sections)["绩效目标"]
    out_text = capsys.readouterr().out
    assert "预算执行率（资金表中的分值/执行率/得分）作为一项指标写入" in out_text
    assert "实施单位：示例县各中小学校" in out.read_text(encoding="utf-8")


def test_unplaced_cells_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = central_xlsx(tmp_path / "notes.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(str(path))
    ws = wb.active
    ws.cell(ws.max_row + 2, 1, "填表人：张三    联系电话：0357-1234567")
    ws.cell(5, 12, "备注：数据截至12月31日")
    wb.save(str(path))
    imported(tmp_path, path)
    out = capsys.readouterr().out
    assert "未能归位的内容（2 处" in out
    assert "填表人：张三" in out and "L5：备注：数据截至12月31日" in out


def test_hidden_rows_columns_and_sheets_are_not_the_published_form(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A unit hides a dropped indicator's row and a working column instead of deleting them, and keeps
    last year's form on a hidden sheet: none of it is on the form as printed. The import is the visible
    form's, and the clerk is told what was left out, cell by cell."""
    from openpyxl import load_workbook

    (tmp_path / "in").mkdir()
    path = seed000_sheet(tmp_path / "in" / "xiaoshenggui.xlsx")
    book = load_workbook(path)
    ws = book["附件1"]
    ws.insert_rows(6)  # inside the indicator block, under the first indicator
    for c, value in enumerate(["", "", "已取消的指标", "10", "≥1", "0", "0%", "0", ""], 1):
        ws.cell(6, c).value = value or None
    ws.row_dimensions[6].hidden = True
    ws["J4"], ws["J5"] = "上年得分", "9"
    ws.column_dimensions["J"].hidden = True
    old = book.copy_worksheet(ws)
    old.title, old.sheet_state = "2020年", "hidden"
    book.save(path)
    [out] = imported(tmp_path, path)
    said = capsys.readouterr().out
    got, want = scored(out), scored(SEED000)
    assert [i.name for i in got.programme.indicators] == [i.name for i in want.programme.indicators]
    assert got.total == want.total and "已取消的指标" not in out.read_text(encoding="utf-8")
    assert "C6「已取消的指标」" in said and "J4「上年得分」" in said and "工作表「2020年」是隐藏的工作表" in said


def test_a_figure_that_is_no_number_is_named_by_its_own_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """「十分」 typed as a weight: the note names the 权重 cell, where the clerk must look, not the row's first."""
    from openpyxl import load_workbook

    path = seed000_sheet(tmp_path / "xiaoshenggui.xlsx")
    book = load_workbook(str(path))
    sheet = book["附件1"]
    weight = next(cell for cell in sheet[4] if cell.value == "权重")
    score = next(cell for cell in sheet[4] if cell.value == "指标得分")
    sheet.cell(5, weight.column).value = "十分"
    sheet.cell(6, score.column).value = "满分"
    book.save(str(path))
    from perfsite.cli import main

    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 1  # the weight is missing: check refuses
    out = capsys.readouterr().out
    assert f"工作表「附件1」 {weight.column_letter}5：「十分」不是数字，无法作为分值，未写入" in out, out
    assert f"工作表「附件1」 {score.column_letter}6：「满分」不是数字，无法作为得分，未写入" in out, out
