"""Excel figures read as the printed form shows them, and the clerk told where that differs from
what the cell stores: a format that rounds (29.5 printed as 30) is imported as printed, named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet
from raw_office import Book, Sheet, form_rows, num, write_xlsx

from perfsite.cli import main
from perfsite.importing.xlsx_reader import grouped, printed_date, shown_number


@pytest.mark.parametrize(("value", "number_format", "shown", "stored"), [
    (29.5, "0", "30", "29.5"),                     # no decimals: the form prints 30
    (0.99239, "0.00%", "99.24%", "99.239%"),       # a formula's rate, printed to two places
    (12345678, '#,##0.00,"千"', "12345.68千", "12345.678千"),
    (0.9924, "0.00%", "99.24%", ""),               # every digit shown: nothing to say
    (547.8, "0.00", "547.80", ""),
    (29.5, "General", "29.5", ""),
    (12345678, '0!.0,"万"', "1234.6万", ""),        # the 万 trick, read as shown (tests/test_redteam_import.py)
    (27.272727272727273, "General", "27.27272727", "27.2727272727273"),  # General shows 11 characters at most
    (1 / 3, "General", "0.333333333", "0.333333333333333"),
    (1234567890.12, "@", "1234567890", "1234567890.12"),   # a number in a 文本 cell shows as General
    (123456789012, "General", "123456789012", ""),  # printed 1.23457E+11 as wide as the column allows: kept whole
])
def test_a_number_is_shown_as_printed_and_what_rounding_hid_is_kept(value: float, number_format: str, shown: str,
                                                                    stored: str) -> None:
    assert shown_number(value, number_format) == (shown, stored)


def test_a_score_its_format_rounds_is_imported_as_printed_and_named(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """结业率's 得分 stores 29.5 in a cell of no decimals: the printed form, and so the site, say 30;
    the clerk is told the cell and both figures, in case the form should have shown 29.5."""
    data = form_rows().replace(num("E4", 30), num("E4", 29.5, 1))
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)], xfs=[(0, 0), (1, 0)]))  # 1: Excel's 「0」
    main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    rate = written.read_text(encoding="utf-8").split("name: 结业率", 1)[1].split("- name:", 1)[0]
    assert "score: 30\n" in rate
    assert "工作表「自评表」 E4（保存的是 29.5，表上显示 30）：数字格式把保存的数字四舍五入后显示，按表上显示的数导入" in out


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_form_only_on_a_hidden_sheet_is_refused_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            state: str) -> None:
    """The visible sheet is an instructions sheet of a name not known as one; the form is on a hidden
    sheet. Not printed, it is not read; the clerk is told which sheet holds it, not 「找不到项目名称」."""
    from raw_office import row, text_cell

    notes = row(1, text_cell("A1", "填报要求")) + row(2, text_cell("A2", "1.得分保留两位小数。"))
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("填报要求", notes), Sheet("自评表", form_rows(), state=state)]))
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "工作表「自评表」是隐藏的工作表，指标表在其中，而看得见的工作表中没有指标表" in out and "取消隐藏" in out
    assert not list((tmp_path / "out").rglob("*.yaml"))


def test_a_value_a_merge_covers_is_read_as_the_blank_shown_and_named(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """E4:E5 merged with E4 empty and 25 in E5 (a program wrote the 得分 into the lower cell): Excel
    shows the merge blank, so does the import, and the clerk is told of the 25, never lost unsaid."""
    data = form_rows().replace(num("E4", 30), "").replace(num("E5", 30), num("E5", 25))
    merge = '<mergeCells count="1"><mergeCell ref="E4:E5"/></mergeCells>'
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data, after=merge)]))
    main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    assert written.read_text(encoding="utf-8").count("score:") == 1  # only 培训人次's: the merge shows no score
    assert "工作表「自评表」 E5「25」（在合并单元格 E4:E5 中）：这些格在合并单元格中、不是它左上角的格子" in out


@pytest.mark.parametrize("view", ['<sheetViews><sheetView showZeros="0" workbookViewId="0"/></sheetViews>',
                                  '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'])
def test_a_zero_on_a_sheet_that_hides_zeros_is_the_blank_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  view: str) -> None:
    """满意度's 得分 0 on a sheet set not to show zeros: the printed form shows a blank there, never a
    0 published as the unit's score; the clerk is told. A sheet that shows zeros reads the 0."""
    data = form_rows().replace(num("E5", 30), num("E5", 0))
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data, before=view)]))
    main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    satisfaction = written.read_text(encoding="utf-8").split("name: 满意度", 1)[1]
    if "showZeros" in view:
        assert "score:" not in satisfaction
        assert "工作表「自评表」 E5 保存的是 0，但这张工作表设置了不显示零值" in out
    else:
        assert "score: 0\n" in satisfaction and "不显示零值" not in out


@pytest.mark.parametrize("shows", [True, False])
def test_a_sheet_showing_its_formulas_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], shows: bool) -> None:
    """「显示公式」 on: the form prints 「=B5」 in the 得分 cell, no figure; its saved 30 was never printed."""
    flag = ' showFormulas="1"' if shows else ""
    view = f'<sheetViews><sheetView{flag} workbookViewId="0"/></sheetViews>'
    data = form_rows().replace(num("E5", 30), '<c r="E5"><f>B5</f><v>30</v></c>')
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data, before=view)]))
    code = main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    if shows:
        assert code == 1 and "工作表「自评表」 E5 是公式（=B5），但工作表设置了「显示公式」" in out
    else:
        assert "显示公式" not in out and "score: 30" in sorted((tmp_path / "out").rglob("*.yaml"))[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(("width", "shrink", "refused"), [(3, False, True), (6, False, False), (3, True, False)])
def test_a_number_wider_than_its_column_prints_hashes_and_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                      width: float, shrink: bool, refused: bool) -> None:
    """得分 column E three characters wide, scores formatted 「0.00」: 「40.00」 prints as 「####」, no figure
    on the form. Six characters wide it fits; set to 「缩小字体填充」 Excel shrinks it to fit."""
    from openpyxl.styles import Alignment

    def narrow(sheet: Worksheet) -> None:
        for r in (3, 4, 5):
            sheet[f"E{r}"].number_format = "0.00"
            sheet[f"E{r}"].alignment = Alignment(shrink_to_fit=shrink)

    code = main(["import", str(_small_form(tmp_path, width, narrow)), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    if refused:
        assert code == 1 and "工作表「自评表」 E3（40.00，列宽 3）、E4（30.00，列宽 3）、E5（30.00，列宽 3）的数字（日期）比列宽宽" in out
    else:
        assert code == 0 and "####" not in out


@pytest.mark.parametrize(("value", "number_format", "printed"), [
    (dt.date(2023, 12, 31), 'yyyy"年"m"月"d"日"', "2023年12月31日"),
    (dt.date(2023, 3, 5), "yyyy-mm-dd", "2023-03-05"),
    (dt.date(2023, 3, 5), "mmmm d, yyyy", "March 5, 2023"),
    (dt.datetime(2023, 3, 5, 9, 7), "yy/m/d h:mm", "23/3/5 9:07"),   # m after h is the minutes
    (dt.date(2023, 3, 5), "[$-804]yyyy年m月;@", "2023年3月"),
])
def test_a_date_is_measured_as_its_format_prints_it(value: dt.date, number_format: str, printed: str) -> None:
    assert printed_date(value, number_format) == printed


@pytest.mark.parametrize(("text", "number_format", "printed"), [
    ("12345678.00", "#,##0.00", "12,345,678.00"),
    ("-1234", "#,##0", "-1,234"),
    ("1234.6万", '0!.0,"万"', "1234.6万"),       # no separators: the 万 trick's comma scales
    ("12345678.00", "0.00", "12345678.00"),
])
def test_a_number_is_measured_with_the_separators_its_format_prints(text: str, number_format: str, printed: str) -> None:
    assert grouped(text, number_format) == printed


def _small_form(tmp: Path, width: float, edit: Callable[[Worksheet], None]) -> Path:
    """The small form (raw_office's) with column E `width` characters wide, `edit` applied, saved as f.xlsx."""
    from openpyxl import Workbook
    from raw_office import FORM_HEAD, FORM_ROWS

    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for values in (["示例项目2023年度绩效自评表"], FORM_HEAD, *FORM_ROWS):
        sheet.append(list(values))
    sheet.column_dimensions["E"].width = width
    edit(sheet)
    book.save(str(tmp / "f.xlsx"))
    return tmp / "f.xlsx"


def _wide_form(tmp: Path, cell: str, value: object, number_format: str, width: float) -> Path:
    """The small form with `value` in `cell` of column E (`width` characters wide), in `number_format`."""
    def put(sheet: Worksheet) -> None:
        sheet[cell] = value
        sheet[cell].number_format = number_format

    return _small_form(tmp, width, put)


@pytest.mark.parametrize(("cell", "value", "number_format", "width", "refused"), [
    # 1,234,567.00: nine digits fit in 8 characters; the separators and the point do not (Excel: 63 px of
    # digits alone in a 61 px column in Calibri 11)
    ("E6", 1234567, "#,##0.00", 8, "E6（1,234,567.00，列宽 8）"),
    ("E6", 1234567, "#,##0.00", 12, ""),
    ("E6", 1234567, "0.00", 9, ""),                                   # no separators: 9.5 digits fit in 9
    # a 填报日期 of eight digits and three Chinese characters: 「2023年12月31日」 in 8 characters is 「########」
    ("E6", dt.date(2023, 12, 31), 'yyyy"年"m"月"d"日"', 8, "E6（2023年12月31日，列宽 8）"),
    ("E6", dt.date(2023, 12, 31), 'yyyy"年"m"月"d"日"', 14, ""),
    ("E6", dt.date(2023, 12, 31), "yyyy-mm-dd", 9, ""),
])
def test_a_figure_or_date_only_its_separators_or_words_make_too_wide_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, value: object, number_format: str,
        width: float, refused: str) -> None:
    code = main(["import", str(_wide_form(tmp_path, cell, value, number_format, width)), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    if refused:
        assert code == 1 and f"工作表「自评表」 {refused}的数字（日期）比列宽宽" in out and "####" in out, out
    else:
        assert "####" not in out, out


def test_the_cells_a_merge_covers_are_found_merge_by_merge() -> None:
    """`_too_wide` leaves out a figure a merge covers (it prints nothing); the owner and the cells
    beside the merges stay. 40,000 figures beside 2,000 merges: 0.15 CPU s, not 3.2 (cell by merge)."""
    from perfsite.importing.xlsx_reader import _merged_away

    figures = {(r, c): "" for r in range(1, 6) for c in range(1, 6)}
    merges = [(2, 2, 3, 3), (5, 1, 5, 4), (9, 9, 10, 10)]  # (first column, first row, last column, last row)
    assert _merged_away(merges, figures) == {(2, 3), (3, 2), (3, 3), (2, 5), (3, 5), (4, 5)}
