"""`perfsite import` on files a clerk renamed, a generator wrote or an attacker built.

What each guards against: a renamed workbook reported only as 「文件已损坏（ValueError）」; a ``&xxe;``
entity in the 主管部门 cell read as nothing, so the 实施单位 became the department with no word said;
a workbook whose 得分 formulas hold no saved result imported as 「导入 1 个」 without scores, the site
then publishing computed scores in their place (they are calculated now, as Excel would show them)."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from test_import_builders import central_xlsx, seed002_docx
from test_import_formats import lo_convert_all, office  # noqa: F401 (office is a fixture)

from perfsite.cli import main


def run(tmp: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[Path]]:
    code = main(["import", str(path), "--out", str(tmp / "out")])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    written = sorted((tmp / "out").rglob("*.yaml")) if (tmp / "out").exists() else []
    return code, out, written


def rezip(src: Path, dst: Path, member: str, edit: Callable[[str], str]) -> Path:
    with zipfile.ZipFile(src) as source, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info, edit(data.decode()).encode() if info.filename == member else data)
    return dst


def word(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("示例项目2023年度绩效自评报告")
    document.save(str(path))
    return path


@pytest.mark.parametrize(("make", "name", "says"), [
    (central_xlsx, "form.docx", "内容却是 Excel 工作簿（.xlsx）"),
    (central_xlsx, "form.pdf", "内容却是 Excel 工作簿（.xlsx）"),
    (central_xlsx, "form.csv", "内容却是 Excel 工作簿（.xlsx）"),
    (word, "report.xlsx", "内容却是 Word 文档（.docx）"),
])
def test_a_renamed_file_is_named_for_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                make: Callable[[Path], Path], name: str, says: str) -> None:
    made = make(tmp_path / ("made" + (".xlsx" if make is central_xlsx else ".docx")))
    shutil.move(made, tmp_path / name)
    code, out, written = run(tmp_path, tmp_path / name, capsys)
    assert (code, written) == (1, [])
    assert says in out and "请把扩展名改为" in out


ENTITY = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'


def _declare(old: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        xml = xml.split("?>", 1)[-1] if xml.startswith("<?xml") else xml
        assert old in xml
        return ENTITY + xml.replace(old, "&xxe;", 1)
    return edit


@pytest.mark.parametrize(("member", "old"), [
    ("xl/worksheets/sheet1.xml", "&#31034;&#20363;&#21439;&#25945;&#32946;&#23616;"),  # 示例县教育局, the 主管部门 cell
    ("xl/workbook.xml", "name="),
])
def test_an_entity_in_a_workbook_is_refused_not_read_as_blank(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              member: str, old: str) -> None:
    path = rezip(central_xlsx(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", member, _declare(old))
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    assert f"「{member}」含有 DOCTYPE/ENTITY 声明" in out


def test_an_entity_in_a_word_document_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rezip(seed002_docx(tmp_path / "a.docx"), tmp_path / "b.docx", "word/document.xml", _declare("中小企业"))
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    assert "「word/document.xml」含有 DOCTYPE/ENTITY 声明" in out


def test_score_formulas_without_saved_results_are_calculated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(str(path))
    sheet = book.active
    for row in range(13, 22):
        sheet[f"H{row}"] = f"=G{row}"  # a generator's 得分 column: formulas, never calculated
    sheet["H22"] = "=H6+SUM(H13:H21)"
    book.save(str(path))
    _code, out, written = run(tmp_path, path, capsys)
    assert len(written) == 1  # never the scores left blank for the site to compute
    assert "H13（=G13，算得「10」）" in out and "H22（=H6+SUM(H13:H21)，算得「99.92」）" in out
    text = written[0].read_text(encoding="utf-8")
    assert text.count("score: 10\n") == 9 and "99.92" in text


def _cached(xml: str) -> str:
    """H13 as Excel saves a formula whose result is empty text, and H14 with its result saved."""
    xml = xml.replace('<c r="H13" t="n"><v>10</v></c>', '<c r="H13" t="str"><f>IF(G13&gt;0,"","x")</f><v></v></c>')
    return xml.replace('<c r="H14" t="n"><v>10</v></c>', '<c r="H14"><f>G14</f><v>10</v></c>')


EXCEL_CALC = '<calcPr calcId="191029"/>'
"""The calculation settings as Excel saves them: no ``fullCalcOnLoad`` (openpyxl writes it)."""


def _saved_by_excel(xml: str) -> str:
    assert '<calcPr calcId="124519" fullCalcOnLoad="1"/>' in xml
    return xml.replace('<calcPr calcId="124519" fullCalcOnLoad="1"/>', EXCEL_CALC)


def test_formulas_excel_calculated_are_read_as_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = rezip(central_xlsx(tmp_path / "a.xlsx"), tmp_path / "excel.xlsx", "xl/workbook.xml", _saved_by_excel)
    with zipfile.ZipFile(source) as z:
        assert '<c r="H13" t="n"><v>10</v></c>' in z.read("xl/worksheets/sheet1.xml").decode()
    path = rezip(source, tmp_path / "b.xlsx", "xl/worksheets/sheet1.xml", _cached)
    _code, out, written = run(tmp_path, path, capsys)
    assert len(written) == 1 and "没有保存计算结果" not in out
    text = written[0].read_text(encoding="utf-8")
    assert text.count("score: 10\n") == 8  # H14 read from its saved result; H13 blank as Excel shows it


def _generated(xml: str) -> str:
    """H14 as XlsxWriter saves a formula it was given no result for: 0, the workbook set to recalculate."""
    return xml.replace('<c r="H14" t="n"><v>10</v></c>', '<c r="H14"><f>G14</f><v>0</v></c>')


@pytest.mark.parametrize(("calc", "recalculated"), [
    ('<calcPr calcId="124519" fullCalcOnLoad="1"/>', True),
    ('<calcPr calcId="124519" fullCalcOnLoad="true" calcMode="auto"/>', True),
    ('<calcPr calcId="124519" fullCalcOnLoad="1" calcMode="manual"/>', False),  # Excel ignores it: shows what is saved
    (EXCEL_CALC, False),
])
def test_saved_results_excel_recalculates_on_opening_are_calculated_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], calc: str, recalculated: bool) -> None:
    source = rezip(central_xlsx(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", "xl/workbook.xml",
                   lambda xml: _saved_by_excel(xml).replace(EXCEL_CALC, calc))
    path = rezip(source, tmp_path / "c.xlsx", "xl/worksheets/sheet1.xml", _generated)
    _code, out, written = run(tmp_path, path, capsys)
    assert len(written) == 1
    text = written[0].read_text(encoding="utf-8")
    if recalculated:  # never the 0 saved beside =G14 imported as the published score: the 10 Excel shows
        assert "H14（=G14，保存的结果是「0」，算得「10」）" in out and "打开时重新计算全部公式" in out
        assert text.count("score: 10\n") == 9 and "score: 0\n" not in text
    else:
        assert "打开时重新计算" not in out and text.count("score: 10\n") == 8 and "score: 0\n" in text


def test_libreoffice_saving_a_recalculating_workbook_keeps_the_old_results(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], office: str) -> None:  # noqa: F811
    """The note on a recalculated result tells its clerk to open and save the workbook. Excel
    recalculates on opening; LibreOffice (its default for .xlsx) does not, yet drops 「打开时重新计算」
    when it saves: the 0 saved beside =G14 then comes back as an ordinary result no reader can doubt.
    The note says so and names LibreOffice's full recalculation (Ctrl+Shift+F9). Formulas with no
    saved result at all LibreOffice does calculate on opening: saved there, that workbook imports."""
    source = rezip(central_xlsx(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", "xl/workbook.xml",
                   lambda xml: _saved_by_excel(xml).replace(EXCEL_CALC, '<calcPr calcId="124519" fullCalcOnLoad="1"/>'))
    path = rezip(source, tmp_path / "c.xlsx", "xl/worksheets/sheet1.xml", _generated)
    _code, out, _ = run(tmp_path, path, capsys)
    assert "打开时重新计算全部公式" in out and "LibreOffice 打开时不重新计算" in out and "Ctrl+Shift+F9" in out
    uncalculated = central_xlsx(tmp_path / "d.xlsx")
    book = load_workbook(str(uncalculated))
    for row in range(13, 22):
        book.active[f"H{row}"] = f"=G{row}"
    book.save(str(uncalculated))
    uncalculated = rezip(uncalculated, tmp_path / "e.xlsx", "xl/workbook.xml", _saved_by_excel)
    saved = lo_convert_all(office, {"stale": path, "uncalculated": uncalculated}, "xlsx", tmp_path / "lo")
    with zipfile.ZipFile(saved["stale"]) as z:
        assert "fullCalcOnLoad" not in z.read("xl/workbook.xml").decode()
        assert '<c r="H14" s="' in (sheet := z.read("xl/worksheets/sheet1.xml").decode())
        assert "<f aca=\"false\">G14</f><v>0</v>" in sheet  # the old result, now beyond doubt
    _, out, written = run(tmp_path, saved["uncalculated"], capsys)
    assert len(written) == 1 and "没有保存计算结果" not in out


def test_an_uncalculated_formula_in_a_hidden_row_is_not_blamed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(str(path))
    book.active["K14"] = "=G14*2"
    book.active.row_dimensions[14].hidden = True
    book.save(str(path))
    _code, out, written = run(tmp_path, path, capsys)
    assert len(written) == 1 and "没有保存计算结果" not in out
    assert "隐藏的行或列" in out


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (12345678, '0!.0,"万"', "1234.6万"),        # the 万 trick: 元 stored, 万 shown
    (12345678, '0\\.0,"万"', "1234.6万"),
    (-12345678, '0!.0,"万"', "-1234.6万"),
    (12345678, "#,##0.00,", "12345.68"),       # a trailing comma shows thousands
    (12345678, '#,##0,,"百万"', "12百万"),      # two show millions, and the word stays with them
    (20231231, "0000-00-00", "2023-12-31"),
    (0.95, "0%", "95%"),                         # formats without text among the digits read as before
    (4700.9, '#,##0.00 "万元"', "4700.90万元"),  # the unit as shown (a figure in 万 where the table says 元)
    (12300, "0.00E+00", "12300"),             # scientific showing every digit: the stored number
])
def test_a_number_is_read_as_its_format_shows_it(value: float, number_format: str, shown: str) -> None:
    from perfsite.importing.xlsx_reader import number_text

    assert number_text(value, number_format) == shown


def test_the_wan_trick_imports_the_figures_the_form_shows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(str(path))
    sheet = book.active
    for cell in ("C6", "D6", "E6", "C7", "D7", "E7"):  # 项目资金（万元）, kept in 元 and shown in 万
        sheet[cell] = round(sheet[cell].value * 10000)
        sheet[cell].number_format = '0!.0,"万"'
    book.save(str(path))
    _code, _out, written = run(tmp_path, path, capsys)
    text = written[0].read_text(encoding="utf-8")
    assert "budget: 552.0\n" in text and "spent: 547.8\n" in text  # the stored number is 5520000 (元): read as written it is 万元
    assert "5520000" not in text


def test_a_fraction_format_refuses_the_file_naming_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(str(path))
    book.active["H13"] = 9.5
    book.active["H13"].number_format = "# ?/?"  # shown as 9 1/2
    book.save(str(path))
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    assert "工作表「自评表」 H13 保存的数字是 9.5，数字格式「# ?/?」" in out and "「常规」" in out


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_csv_is_read_or_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    path = tmp_path / "table.csv"  # Excel's 「Unicode 文本」, renamed .csv: tab-separated UTF-16
    path.write_bytes("项目名称\t示例项目\n三级指标\t分值\t得分\n培训人次\t100\t100\n".encode(encoding))
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    if encoding == "utf-16":  # with the byte-order mark Excel writes: read as a table, which states no year
        assert "UTF-16" not in out and "找不到评价年度" in out
    else:  # without it, nothing tells UTF-16 from damaged text
        assert "文件是 UTF-16 编码" in out and "CSV UTF-8" in out


@pytest.mark.parametrize("how", ["row height", "column width"])
@pytest.mark.parametrize("size", ["0", "0.75"])  # shut, or dragged nearly shut: 0.75 pt, 0.75 of a character
def test_a_row_or_column_of_zero_size_is_hidden_like_a_hidden_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                   how: str, size: str) -> None:
    source = central_xlsx(tmp_path / "a.xlsx")
    book = load_workbook(str(source))
    book.active["I13"] = "去年的说明"  # a stale remark in the remarks column
    book.save(str(source))

    def shrink(xml: str) -> str:  # only the size, without the hidden flag Excel would add
        if how == "row height":
            assert '<row r="14">' in xml
            return xml.replace('<row r="14">', f'<row r="14" ht="{size}" customHeight="1">')
        assert "<sheetData>" in xml and "<cols>" not in xml
        return xml.replace("<sheetData>", f'<cols><col min="9" max="9" width="{size}" customWidth="1"/></cols><sheetData>')

    path = rezip(source, tmp_path / "b.xlsx", "xl/worksheets/sheet1.xml", shrink)
    _code, out, written = run(tmp_path, path, capsys)
    assert "隐藏的行或列" in out
    text = written[0].read_text(encoding="utf-8") if written else ""
    if how == "row height":
        assert "供餐学校数" not in text and "去年的说明" in text  # the stale row is not published as an indicator
    else:
        assert "去年的说明" not in text and "供餐学校数" in text


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (12345678, '[>=100000]0!.0,"万";0', "1234.6万"),   # large amounts in 万 …
    (500, '[>=100000]0!.0,"万";0', "500"),             # … small ones as they are
    (12345678, '[>=100000]0.00,,"百万";0.00', "12.35百万"),
    (500, '[>=100000]0.00,,"百万";0.00', "500.00"),
])
def test_a_conditional_format_shows_each_number_with_its_own_section(value: int, number_format: str, shown: str) -> None:
    from perfsite.importing.xlsx_reader import number_text

    assert number_text(value, number_format) == shown
