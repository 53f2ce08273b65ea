"""Spreadsheets: a recalculated workbook's formula not calculated here (read as saved where no figure
is published from it), an export's saved errors, links, and the workbook shapes units really send."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from forms.make import load_form, write_xlsx
from forms_xlsx29.make import CHANGJIANG, SHAPES, clerk_typed, side_by_side, tianchang
from test_import_builders import central_xlsx
from test_import_xlsx28_stale import generated
from test_redteam_import import run

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Prepared, prepare


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The central 自评表 (得分 in H13:H21, 合计 H22, 备注 in I), built once."""
    return central_xlsx(tmp_path_factory.mktemp("xlsx29") / "form.xlsx")


def test_a_stale_number_beside_the_form_is_read_and_named(form: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """J13 =ROW()-12 (a check beside the form, saved 1) is no figure the form publishes: the file is read,
    the cell named; before, one such cell refused the whole workbook."""
    path = generated(form, tmp_path, {"J13": ("ROW()-12", "1", "n"), "H14": ("G14", "0", "n")})
    code, out, written = run(tmp_path, path, capsys)
    assert code == 0 and len(written) == 1
    assert "J13 是公式（=ROW()-12），保存的结果是「1」" in out and "已按文件中保存的结果导入" in out
    assert "H14（=G14，保存的结果是「0」，算得「10」）" in out
    assert written[0].read_text(encoding="utf-8").count("score: 10\n") == 9


def test_a_stale_number_published_as_a_figure_is_refused_naming_it(form: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The same formula as an indicator's 得分 (H15) and beside the form (J13): only the 得分 is named."""
    path = generated(form, tmp_path, {"J13": ("ROW()-12", "1", "n"), "H15": ("ROW()-5", "10", "n")})
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    assert "H15 是公式（=ROW()-5），保存的结果是「10」" in out and "打开时重新计算全部公式" in out
    assert "J13" not in out


def test_an_export_s_saved_errors_are_named_as_the_form_s_are(tmp_path: Path) -> None:
    """calamine reads a cell saved showing an error as empty: the 得分 =1/0 showing #DIV/0! and a
    实际完成值 typed #REF! were read blank with no word. Each is named, its formula with it."""
    from openpyxl import Workbook
    from test_redteam_import import rezip

    from perfsite.importing.bulk import read_sheets

    book = Workbook()
    book.active.append(["项目名称", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    book.active.append(["苗木种植", "苗木成活率", "≥85%", "90%", 40, 40])
    book.active.append(["苗木种植", "群众满意度", "≥90%", "95%", 60, 60])
    book.save(str(tmp_path / "made.xlsx"))

    def errors(xml: str) -> str:
        xml = xml.replace('<c r="F2" t="n"><v>40</v></c>', '<c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
        return xml.replace('<c r="D3" t="inlineStr"><is><t>95%</t></is></c>', '<c r="D3" t="e"><v>#REF!</v></c>')

    path = rezip(tmp_path / "made.xlsx", tmp_path / "export.xlsx", "xl/worksheets/sheet1.xml", errors)
    with zipfile.ZipFile(path) as z:
        assert z.read("xl/worksheets/sheet1.xml").count(b't="e"') == 2
    [sheet] = read_sheets(path)
    assert (sheet.rows[1][5], sheet.rows[2][3]) == ("", "")
    assert sheet.notes == ["工作表「Sheet」 F2（=1/0）显示 #DIV/0!、D3 显示 #REF!：这些格的公式出错，表上显示的是错误值而不是数字或文字，"
                           "已按空白读取（得分为空的指标按未公布处理，实际值为空的指标需补填）：请在 Excel 中改正公式（或填入应有的数值）后核对"]


def test_a_stale_link_names_the_workbook_it_reads(form: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A recalculated workbook's 得分 =[1]得分!H15: Excel takes the figure from 「2023年得分.xlsx」, not from a
    calculation; before, the refusal said only that the formula was not simple, not which file it reads."""
    from test_import_xlsx28_more import LINKED_PARTS, saved

    path = saved(form, tmp_path, {"H15": ("[1]得分!H15", "10", "n")}, parts=LINKED_PARTS)
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    assert "H15 是公式（=[1]得分!H15），取自另一个工作簿「file:///D:/预算/2023年得分.xlsx」，保存的结果是「10」" in out
    assert "提示更新链接时选「更新」" in out and "断开链接" in out and "算不出表上显示的数" not in out


@pytest.mark.parametrize("conditional", [False, True])
def test_a_refused_number_is_said_as_the_readers_read_it(tmp_path: Path, conditional: bool) -> None:
    """The message of a format writing its own digits says the number as every figure is read
    (`as_excel_shows`): the 17 digits saved, not 「12345678901234600」 rounded to 15 for the message alone."""
    from openpyxl import Workbook
    from test_redteam_import import rezip

    from perfsite.importing.sniff import ImportFailure
    from perfsite.importing.xlsx_reader import _reformatted, read_xlsx

    if conditional:
        with pytest.raises(ImportFailure, match="E4（条件格式） 保存的数字是 12345678901234567，"):
            _reformatted('"30"', 12345678901234567, "12345678901234567", "E4")
        return
    book = Workbook()
    book.active["B1"] = 12345678901234567
    book.active["B1"].number_format = '"40"'
    book.save(str(tmp_path / "made.xlsx"))
    path = rezip(tmp_path / "made.xlsx", tmp_path / "form.xlsx", "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace("<v>1.234567890123457e+16</v>", "<v>12345678901234567</v>"))  # as Excel writes a whole number
    with pytest.raises(ImportFailure, match="B1 保存的数字是 12345678901234567，数字格式「\"40\"」写定了数字「40」"):
        read_xlsx(path)


# Workbook shapes units really send (tests/forms_xlsx29/SOURCES.md): each imports as the same form typed plainly
# (`tests/forms/make.py`: numbers as numbers in their formats, no other setting), itself imported as its Word file
# is (tests/test_forms.py holds 天长's to the auditor's golden file; each shape here was checked against the Word
# file too when made, which takes a second a form to write).

def _data(prepared: Prepared) -> dict[str, object]:
    assert prepared.draft is not None, prepared.report.failure
    return {key: value for key, value in prepared.draft.data.items() if key != "source"}


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Prepared, Prepared]]:
    """Each shape's import and the plain workbook's of the same form, made once."""
    folder = tmp_path_factory.mktemp("shapes29")
    plain: dict[object, Prepared] = {}
    out = {}
    for formed, shape in (*SHAPES, (tianchang, side_by_side)):
        form = formed()
        if formed not in plain:
            plain[formed] = prepare(write_xlsx(form, folder / f"plain{len(plain)}.xlsx"), Hints())
        out[shape.__name__] = prepare(shape(form, folder / f"{shape.__name__}.xlsx"), Hints()), plain[formed]
    out["changjiang"] = (plain[tianchang], prepare(write_xlsx(load_form(CHANGJIANG), folder / "other.xlsx"), Hints()))
    return out


@pytest.mark.parametrize("shape", [shape.__name__ for _, shape in SHAPES])
def test_a_workbook_shape_imports_as_the_same_form_typed_plainly(shapes: dict[str, tuple[Prepared, Prepared]],
                                                                 shape: str) -> None:
    """Protected, frozen with a print area, drop-down lists on a hidden sheet, conditional formats, rich text, numbers
    as text with apostrophes, a used range to XFD1048576, phonetic guides, a table object, dates as serials."""
    workbook, plain = shapes[shape]
    assert _data(workbook) == _data(plain)


def test_a_print_area_leaving_out_the_indicator_table_is_read_whole_and_said(
        shapes: dict[str, tuple[Prepared, Prepared]]) -> None:
    """Before, the rows outside A1:I11 were left out and the form refused: 「没有找到绩效指标表」, its rows unsaid."""
    notes = shapes["frozen_print_area"][0].report.notes
    assert any("打印区域（A1:I11）没有包括绩效指标表（表头在第 12 行），已按整张表导入" in note for note in notes)


def test_two_forms_side_by_side_import_as_each_alone(shapes: dict[str, tuple[Prepared, Prepared]]) -> None:
    """天长's form in A:I, 长江禁捕's from K: before, refused as 「分不出前一个表的起止」."""
    workbook, plain = shapes["side_by_side"]
    assert _data(workbook) == _data(plain) and len(workbook.more) == 1
    assert _data(workbook.more[0]) == _data(shapes["changjiang"][1])


def test_money_typed_after_a_currency_sign_is_named_as_a_sign(tmp_path: Path) -> None:
    """「¥3,000」 typed as text under 项目资金（万元）: 3000 元 or 3000 万元 is not known, so it is left out; the note
    said the sign 「不是这笔资金的名称」, as of 「节约资金50」."""
    form = clerk_typed()
    for r, c in ((5, 3), (5, 4), (5, 5), (6, 3), (6, 4), (6, 5)):
        form.rows[r][c] = "¥3,000"
    prepared = prepare(write_xlsx(form, tmp_path / "form.xlsx"), Hints())
    said = "\n".join(prepared.report.notes)
    assert "预算表 年初预算数写作「¥3,000」：数字前的「¥」是货币符号，看不出这个数的单位是元还是表头写的单位，未写入" in said
    assert "不是这笔资金的名称" not in said


def test_a_stale_number_on_a_sheet_without_an_indicator_table_stays_refused(tmp_path: Path) -> None:
    """嘉峪关's 绩效目标表: its 中央补助安排 =MAX(B8,0) saved 5. The 目标表 reader does not say which cells it
    publishes, so the sheet is refused as before rather than its 5 published as a fund, with only a note."""
    import re

    from forms_xlsx29.make import JIAYUGUAN, _edit
    from openpyxl import load_workbook

    path = write_xlsx(load_form(JIAYUGUAN), tmp_path / "form.xlsx")
    book = load_workbook(str(path))
    book.active["D7"] = "=MAX(B8,0)"
    book.save(str(path))
    _edit(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(r"(<c r=\"D7\"[^>]*><f>MAX\(B8,0\)</f>)<v\s*/?>(?:</v>)?",
                                                               r"\1<v>5</v>", xml))
    prepared = prepare(path, Hints())
    assert prepared.draft is None
    assert prepared.report.failure.startswith("工作表「Sheet1」 D7 是公式（=MAX(B8,0)），保存的结果是「5」，但工作簿设置了「打开时重新计算全部公式」")


@pytest.mark.parametrize(("far", "refused"), [('<c r="XFD1048576" s="1"/>', False), ('<c r="XFD1048576"><v>1</v></c>', True)])
def test_an_export_s_empty_styled_far_cell_is_no_extent(tmp_path: Path, far: str, refused: bool) -> None:
    """A styled empty cell at XFD1048576 (whole columns formatted) holds nothing calamine reads: the export was
    refused as 「范围过大」 all the same. A figure there still is."""
    from forms_xlsx29.make import _edit
    from openpyxl import Workbook

    from perfsite.importing.bulk import read_sheets
    from perfsite.importing.sniff import ImportFailure

    book = Workbook()
    book.active.append(["项目名称", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    book.active.append(["苗木种植", "苗木成活率", "≥85%", "90%", 40, 40])
    book.active["A3"].number_format = "@"
    book.save(str(tmp_path / "export.xlsx"))
    path = _edit(tmp_path / "export.xlsx", "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace("</sheetData>", f'<row r="1048576">{far}</row></sheetData>'))
    if refused:
        with pytest.raises(ImportFailure, match="远至第 1048576 行第 16384 列"):
            read_sheets(path)
        return
    assert [row[:2] for row in read_sheets(path)[0].rows] == [["项目名称", "三级指标"], ["苗木种植", "苗木成活率"]]
