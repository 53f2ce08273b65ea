"""Excel cells whose shown figure or text the cell's own font and format do not tell: a number
format's colour code over rich text, a conditional format's number format, Chinese numerals
(``[DBNum1]``, ``[DBNum2]``). Each is read as the form shows it, or refused naming the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, num, shared, text_cell, write_xlsx

from perfsite.importing.sniff import ImportFailure
from perfsite.importing.xlsx_reader import read_xlsx

_SIZED = '<r><rPr><sz val="11"/></rPr><t>90%</t></r><r><rPr><sz val="11"/></rPr><t>（已核）</t></r>'
"""Rich text whose runs set a size and no colour: drawn in the cell's colour."""
_RED_AND_PLAIN = '<r><rPr><color rgb="FFFF0000"/></rPr><t>90%</t></r><r><rPr><sz val="11"/></rPr><t>（旧）</t></r>'


def _texts(path: Path) -> tuple[list[list[str]], list[str]]:
    [grid] = read_xlsx(path)
    return [[cell.text for cell in row] for row in grid.rows], grid.notes


def _rich(tmp: Path, runs: str, number_format: str) -> Path:
    data = form_rows().replace(text_cell("D4", "95%"), shared("D4", 0, 1))
    book = Book([Sheet("自评表", data)], strings=[runs], formats={164: number_format}, xfs=[(0, 0), (164, 0)])
    return write_xlsx(tmp / "f.xlsx", book)


@pytest.mark.parametrize("number_format", ["[White]@", "0;-0;0;[白色]@", "[Color2]@"])
def test_a_colour_code_whitening_rich_text_reads_it_blank(tmp_path: Path, number_format: str) -> None:
    """The runs set no colour: the format's white draws them, on white paper (read 「90%（已核）」)."""
    rows, notes = _texts(_rich(tmp_path, _SIZED, number_format))
    assert rows[3][3] == ""
    assert any("D4（90%（已核）" in n and "在表上看不见" in n for n in notes), notes


def test_a_colour_code_over_runs_coloured_their_own_way_is_refused(tmp_path: Path) -> None:
    """A red run and a plain run under 「[白色]@」: whether the code whitens the red run too is not
    settled; the cell is named, not read as 「90%」 or 「90%（旧）」."""
    with pytest.raises(ImportFailure, match=r"工作表「自评表」 D4 的文字分几段设了颜色，数字格式「\[白色\]@」"):
        read_xlsx(_rich(tmp_path, _RED_AND_PLAIN, "[白色]@"))


def test_a_colour_code_that_hides_nothing_leaves_rich_text_as_read(tmp_path: Path) -> None:
    rows, _ = _texts(_rich(tmp_path, _RED_AND_PLAIN, "[Blue]@"))
    assert rows[3][3] == "90%（旧）"


def test_a_plain_text_cell_whitened_by_a_one_section_text_format_is_blank(tmp_path: Path) -> None:
    data = form_rows().replace(text_cell("D4", "95%"), text_cell("D4", "95%", 1))
    book = Book([Sheet("自评表", data)], formats={164: "[White]@"}, xfs=[(0, 0), (164, 0)])
    rows, notes = _texts(write_xlsx(tmp_path / "f.xlsx", book))
    assert rows[3][3] == ""
    assert any("D4（95%，文字是白色的，底色也是白色（数字格式中的颜色代码所设））" in n for n in notes), notes


def _conditional(tmp: Path, rule: str, dxf: str, value: object = 20, own: str = "") -> Path:
    data = form_rows().replace(num("E4", 30), num("E4", value, 1 if own else 0))
    after = f'<conditionalFormatting sqref="E3:E5">{rule}</conditionalFormatting>'
    book = Book([Sheet("自评表", data, after=after)], dxfs=[dxf], formats={164: own} if own else {},
                xfs=[(0, 0), (164, 0)] if own else [(0, 0)])
    return write_xlsx(tmp / "f.xlsx", book)


_EQUALS_20 = '<cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>20</formula></cfRule>'
_REFERS = '<cfRule type="expression" dxfId="0" priority="1"><formula>$B$4&gt;0</formula></cfRule>'


def _dxf_format(code: str) -> str:
    quoted = code.replace('"', "&quot;")
    return f'<dxf><numFmt numFmtId="200" formatCode="{quoted}"/></dxf>'


def test_a_conditional_number_format_that_holds_is_read_as_shown(tmp_path: Path) -> None:
    """「单元格值 = 20.4 → 格式 0」: the form prints 20, not 20.4."""
    rows, notes = _texts(_conditional(tmp_path, _EQUALS_20.replace(">20<", ">20.4<"), _dxf_format("0"), 20.4))
    assert rows[3][4] == "20"
    assert any("E4（格式「0」，表上显示「20」，单元格本身的格式显示「20.4」）" in n for n in notes), notes


def test_a_conditional_number_format_writing_digits_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match=r"E4（条件格式） 保存的数字是 20，数字格式「\"30\"」写定了数字「30」"):
        read_xlsx(_conditional(tmp_path, _EQUALS_20, _dxf_format('"30"')))


def test_a_conditional_colour_code_in_white_hides_the_figure(tmp_path: Path) -> None:
    rows, notes = _texts(_conditional(tmp_path, _EQUALS_20, _dxf_format("[White]0")))
    assert rows[3][4] == ""
    assert any("E4（20，条件格式使文字是白色的，底色也是白色（数字格式「[White]0」中的颜色代码所设））" in n for n in notes), notes


def test_a_conditional_number_format_of_a_condition_not_evaluated_is_refused(tmp_path: Path) -> None:
    """A rule referring to another cell, setting ``0.0,"千"``: the form may print 「0.0千」 for 20."""
    with pytest.raises(ImportFailure, match="E3 有条件格式，条件成立时把数字格式改为"):
        read_xlsx(_conditional(tmp_path, _REFERS, _dxf_format('0.0,"千"')))


def test_a_conditional_number_format_showing_the_same_figure_is_read(tmp_path: Path) -> None:
    rows, notes = _texts(_conditional(tmp_path, _REFERS, _dxf_format("0")))
    assert [r[4] for r in rows[2:5]] == ["40", "20", "30"]
    assert not any("条件格式" in n for n in notes), notes


@pytest.mark.parametrize("number_format", ["[DBNum1][$-804]General", "[DBNum2][$-804]0", "[DBNum2]G/通用格式"])
def test_a_figure_shown_in_chinese_numerals_is_read_as_the_figure_and_named(tmp_path: Path, number_format: str) -> None:
    """「贰拾」 on the form is the score 20 a clerk reads: imported as 20, and said."""
    data = form_rows().replace(num("E4", 30), num("E4", 20, 1))
    book = Book([Sheet("自评表", data)], formats={164: number_format}, xfs=[(0, 0), (164, 0)])
    rows, notes = _texts(write_xlsx(tmp_path / "f.xlsx", book))
    assert rows[3][4] == "20"
    assert any(f"E4（格式「{number_format}」，读作 20）：数字格式用中文数字" in n for n in notes), notes


def test_a_conditional_chinese_numeral_format_is_named(tmp_path: Path) -> None:
    rows, notes = _texts(_conditional(tmp_path, _EQUALS_20, _dxf_format("[DBNum2]0")))
    assert rows[3][4] == "20"
    assert any("E4（格式「[DBNum2]0」，读作 20）" in n for n in notes), notes


def test_a_figure_a_conditional_format_prints_wider_than_its_column_is_refused(tmp_path: Path) -> None:
    """「= 20 → 格式 0.000000」 prints 20.000000 in a column 5 digits wide: 「####」 on the form."""
    data = form_rows().replace(num("E4", 30), num("E4", 20))
    after = f'<conditionalFormatting sqref="E3:E5">{_EQUALS_20}</conditionalFormatting>'
    book = Book([Sheet("自评表", data, before='<cols><col min="5" max="5" width="5" customWidth="1"/></cols>',
                       after=after)], dxfs=[_dxf_format("0.000000")])
    with pytest.raises(ImportFailure, match=r"E4（20\.000000，列宽 5）"):
        read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))


def _rich_conditional(tmp: Path, runs: str, dxf: str) -> Path:
    data = form_rows().replace(text_cell("D4", "95%"), shared("D4", 0))
    rule = '<cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule>'
    book = Book([Sheet("自评表", data, after=f'<conditionalFormatting sqref="D4">{rule}</conditionalFormatting>')],
                strings=[runs], dxfs=[dxf])
    return write_xlsx(tmp / "f.xlsx", book)


def test_a_conditional_font_colour_over_runs_coloured_their_own_way_is_refused(tmp_path: Path) -> None:
    """A rule whitening D4, whose rich text is a red 「90%」 and a plain 「（旧）」: read blank, though
    the red run may well show."""
    with pytest.raises(ImportFailure, match="工作表「自评表」 D4 的文字分几段设了颜色，工作表的条件格式又在条件成立时规定了字体颜色"):
        read_xlsx(_rich_conditional(tmp_path, _RED_AND_PLAIN, '<dxf><font><color rgb="FFFFFFFF"/></font></dxf>'))


def test_a_conditional_dark_fill_shows_the_white_run_and_hides_the_plain_one(tmp_path: Path) -> None:
    """A rule laying black under D4: its white 「100%」 and red 「90%」 show, its plain black 「（旧）」 does not
    (the whole cell was read blank as black on black)."""
    runs = ('<r><rPr><color rgb="FFFF0000"/></rPr><t>90%</t></r><r><rPr><color rgb="FFFFFFFF"/></rPr><t>100%</t></r>'
            '<r><rPr><sz val="11"/></rPr><t>（旧）</t></r>')
    rows, notes = _texts(_rich_conditional(tmp_path, runs, '<dxf><fill><patternFill><bgColor rgb="FF000000"/></patternFill></fill></dxf>'))
    assert rows[3][3] == "90%100%", rows
    assert any("D4（「（旧）」文字的颜色与单元格的填充色相同，读作「90%100%」）" in n for n in notes), notes
