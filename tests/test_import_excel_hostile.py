"""Excel files made to show one figure and hold another, or to cost far more than a form: a number
format that writes its own digits, a colour code that draws the figure in the colour of the paper,
a ``<v>`` that is no number Excel writes, a table of millions of shared strings, a package naming
one part twice. Each is read as the form shows it or refused naming the cell, part or bound."""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, num, para, text_cell, write_docx, write_xlsx

from perfsite.importing import xlsx_reader
from perfsite.importing.sniff import ImportFailure, check_zip, sniff
from perfsite.importing.ss2003_reader import read_ss2003
from perfsite.importing.xlsx_reader import format_ink, read_xlsx, shown_number, written_digits

WHITE_ON_BLACK = '<fill><patternFill patternType="solid"><fgColor rgb="FF000000"/></patternFill></fill>'


def _form(tmp: Path, cell: str, number_format: str = "", fills: tuple[str, ...] = ()) -> Path:
    """The small 自评表 with 培训人次's 得分 (E3) written as `cell`, style 1 of `number_format`
    (over fill 2, the first of `fills`, where given)."""
    xfs = [(0, 0), (164, 0, 2 if fills else 0)]
    return write_xlsx(tmp / "f.xlsx", Book([Sheet("自评表", form_rows().replace(num("E3", 40), cell))],
                                           formats={164: number_format or "General"}, xfs=xfs, fills=list(fills)))


def _score(grids: list) -> str:  # type: ignore[type-arg]
    return grids[0].rows[2][4].own


@pytest.mark.parametrize(("cell", "number_format", "says"), [
    (num("E3", 26, 1), '"40"', "写定了数字「40」"),                      # the figure is the format's alone
    (num("E3", 26, 1), "\\4\\0", "写定了数字「40」"),                    # the same, escaped
    (num("E3", 26, 1), '[<100]"40";0', "写定了数字「40」"),              # every score under 100 shows 40
    (num("E3", 0, 1), '"4"0', "写定了数字「4」"),                        # 0 shows as 40
    (num("E3", 0, 1), '0;-0;"40"', "写定了数字「40」"),                  # the zero's own section
    (num("E3", -26, 1), '0;"40"', "写定了数字「40」"),                   # the negative's
    (num("E3", 0, 1), "*40", "写定了数字「4」"),                         # a fill of 4s before the 0
    (num("E3", 26, 1), '0"٤"', "写定了数字「٤」"),                       # any script's digits
    (num("E3", 26, 1), '0".5"', "写定了数字「.5」"),                     # 26 shows as 26.5
    (num("E3", 26, 1), "0E+0", "以科学计数法显示为「3E+1」"),             # 26 shows as 3E+1
    (text_cell("E3", "26", 1), '0;-0;0;"40"', "的文字部分（第四段）写定了数字「40」"),  # the text section, on text
])
def test_a_format_that_shows_another_figure_is_refused_naming_cell_and_format(
        tmp_path: Path, cell: str, number_format: str, says: str) -> None:
    with pytest.raises(ImportFailure) as failure:
        read_xlsx(_form(tmp_path, cell, number_format))
    message = str(failure.value)
    assert message.startswith("工作表「自评表」 E3 保存的") and f"数字格式「{number_format}」{says}" in message


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (26, "0.0E+0", "26"),                   # scientific showing every digit: the stored figure
    (12300, "##0.0E+0", "12300"),           # engineering: 12.3E+3
    (26, '0"分"', "26分"),                  # words, no digits: shown with the figure
    (26, '0"m2"', "26m2"),                  # a unit's digit, apart from the figure
    (26, '"第1名："G/通用格式', "第1名：26"),  # a label's digit, before the Chinese Excel's General
    (26, '[$-804]0.00;[Red]-0.00', "26.00"),  # a locale's digits in brackets are no literal
    (20231231, "0000-00-00", "2023-12-31"),
])
def test_formats_writing_no_digits_of_their_own_read_as_before(value: int, number_format: str, shown: str) -> None:
    assert shown_number(value, number_format)[0] == shown
    assert written_digits(number_format.split(";")[0]) == ""


def test_a_conditional_format_showing_words_for_the_figure_is_read_as_the_words(tmp_path: Path) -> None:
    """``[>=60]"合格";"不合格"`` prints 26 as 不合格: the stored 26 was imported as if printed."""
    grids = read_xlsx(_form(tmp_path, num("E3", 26, 1), '[>=60]"合格";"不合格"'))
    assert _score(grids) == "不合格"
    assert "工作表「自评表」 E3（保存的是 26，表上显示 不合格）：数字格式不显示保存的内容，而显示格式中写的文字" in "".join(grids[0].notes)
    assert shown_number(95, '[>=60]"合格";"不合格"') == ("合格", "95")
    texts = read_xlsx(_form(tmp_path, text_cell("E3", "旧数", 1), '0;-0;0;"不合格"'))  # a text section of words
    assert _score(texts) == "不合格" and "E3（保存的是 旧数，表上显示 不合格）" in "".join(texts[0].notes)
    assert shown_number(0, '#,##0;-#,##0;"-"') == ("0", "-")   # a zero shown as a dash is 0 (`dashed_zero`)
    assert shown_number(0, '#,##0;-#,##0;""') == ("0", "")      # shown as nothing: `shows_nothing` blanks it


@pytest.mark.parametrize(("number_format", "value", "ink"), [
    ("[White]0", 26, "FFFFFF"), ("[Color2]0", 26, "FFFFFF"), ("[白色]0", 26, "FFFFFF"),
    ("[color 2]0", 26, "FFFFFF"), ("[Color3]0", 26, "FF0000"), ("[Color10]0", 26, "008000"), ("[Red]0", 26, "FF0000"),
    ("0;[White]-0", -5, "FFFFFF"), ("0;[White]-0", 5, ""),           # the section drawn, by sign
    ("[>=90][White]0;0", 95, "FFFFFF"), ("[>=90][White]0;0", 26, ""),  # by condition
    ("0;0;0;[White]@", "旧数", "FFFFFF"), ("[Color57]0", 26, ""), ("0.00", 26, ""),
])
def test_a_format_colour_is_the_colour_its_section_draws(number_format: str, value: object, ink: str) -> None:
    assert format_ink(number_format, value) == ink


@pytest.mark.parametrize("number_format", ["[White]0", "[Color2]0", "[白色]0", "0;[White]-0"])
def test_a_figure_drawn_in_the_colour_of_the_paper_is_the_blank_shown(tmp_path: Path, number_format: str) -> None:
    stored = -26 if "-" in number_format else 26
    grids = read_xlsx(_form(tmp_path, num("E3", stored, 1), number_format))
    assert _score(grids) == ""
    assert any(f"工作表「自评表」 E3（{stored}，文字是白色的，底色也是白色（数字格式中的颜色代码所设））" in note
               for note in grids[0].notes)


def test_a_colour_number_is_the_workbooks_palette() -> None:
    palette = ["FF000000"] * 9 + ["FF336699"] + ["FF000000"] * 54   # Color2 (index 9) changed from white
    assert format_ink("[Color2]0", 26, palette) == "336699"


def test_a_white_format_over_a_dark_fill_is_read(tmp_path: Path) -> None:
    assert _score(read_xlsx(_form(tmp_path, num("E3", 26, 1), "[White]0", (WHITE_ON_BLACK,)))) == "26"


@pytest.mark.parametrize("value", ["٤٠", "4_0", "NaN", "0x10", "Infinity", "INF", "1e400", "４０"])
def test_a_saved_value_that_is_no_double_is_refused_naming_the_cell(tmp_path: Path, value: str) -> None:
    """Python's int() reads 「٤٠」 and 「4_0」 as 40; Excel shows no such figure. NaN and 0x10 failed the
    whole sheet as 「已损坏」, the cell unnamed."""
    with pytest.raises(ImportFailure, match=f"工作表「自评表」 E3 保存的数字「{value}」不是 Excel 写的数字"):
        read_xlsx(_form(tmp_path, num("E3", value)))


def test_a_double_with_the_blanks_xsd_allows_is_read(tmp_path: Path) -> None:
    assert _score(read_xlsx(_form(tmp_path, num("E3", " 40 ")))) == "40"


def test_extreme_numbers_are_written_in_e_notation() -> None:
    assert shown_number(1e-300, "0.00") == ("0.00", "1E-300")   # not 「保存的是 0.000000000000000000」
    assert shown_number(1e300, "General")[0] == "1E+300"        # not 301 digits
    assert shown_number(1e300, "0.00")[0].startswith("1000000000")  # rounded, not InvalidOperation (「已损坏」)


def test_a_workbook_of_too_many_shared_strings_is_refused_before_loading(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_STRINGS", 50)
    strings = [f"<t>{i}</t>" for i in range(50)]
    at_cap = write_xlsx(tmp_path / "a.xlsx", Book([Sheet("自评表", form_rows())], strings=strings))
    assert _score(read_xlsx(at_cap)) == "40"
    over = write_xlsx(tmp_path / "b.xlsx", Book([Sheet("自评表", form_rows())], strings=[*strings, "<t>x</t>"]))
    with pytest.raises(ImportFailure, match="工作簿的共享字符串表超过 50 项"):
        read_xlsx(over)


def _twice(path: Path, part: str) -> Path:
    """`path` with a second member named `part` (any case), as no Office program writes."""
    data = zipfile.ZipFile(path).read(part)
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as archive:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it is asked to write
        archive.writestr(part.upper() if part.startswith("word") else part, data)
    return path


def test_a_package_naming_one_part_twice_is_refused_naming_it(tmp_path: Path) -> None:
    book = _twice(_form(tmp_path, num("E3", 40)), "xl/worksheets/sheet1.xml")
    with pytest.raises(ImportFailure, match=re.escape("文件中有两个同名的部件「xl/worksheets/sheet1.xml」")):
        sniff(book)
    document = _twice(write_docx(tmp_path / "d.docx", para("正文")), "word/document.xml")
    with pytest.raises(ImportFailure, match=re.escape("两个同名的部件「WORD/DOCUMENT.XML」")):
        sniff(document)
    ofd = tmp_path / "f.ofd"
    with warnings.catch_warnings(), zipfile.ZipFile(ofd, "w") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("OFD.xml", "<ofd:OFD/>")
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    with pytest.raises(ImportFailure, match=re.escape("两个同名的部件「OFD.xml」")):
        check_zip(ofd)


SS2003 = ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
          'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Styles><Style ss:ID="t">'
          '<NumberFormat ss:Format="&quot;40&quot;"/></Style></Styles><Worksheet ss:Name="自评表"><Table><Row>'
          '<Cell><Data ss:Type="String">得分</Data></Cell>{cell}</Row></Table></Worksheet></Workbook>')


@pytest.mark.parametrize(("cell", "says"), [
    ('<Cell><Data ss:Type="Number">٤٠</Data></Cell>', "工作表「自评表」 B1 保存的数字「٤٠」不是 Excel 写的数字"),
    ('<Cell ss:StyleID="t"><Data ss:Type="Number">26</Data></Cell>', "工作表「自评表」 B1 保存的数字是 26，数字格式「\"40\"」写定了数字「40」"),
])
def test_a_2003_xml_number_is_held_to_the_same_rules(tmp_path: Path, cell: str, says: str) -> None:
    path = tmp_path / "导出.xml"
    path.write_text(SS2003.format(cell=cell), encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        read_ss2003(path)
    assert says in str(failure.value)
