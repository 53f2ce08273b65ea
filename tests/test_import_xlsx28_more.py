"""Formulas whose saved result the printed form may not show: a system's export Excel recalculates on
opening (its stale 0s), a saved error Excel recalculates to a figure (or shows, then named with its
formula), a stale result a format or a sheet hiding zeros kept from view, and a figure read from
another workbook through a link."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook, load_workbook
from test_import_builders import central_xlsx
from test_import_xlsx28_bulk import EXPORT_HEAD
from test_import_xlsx28_formulas import NUMBERS, _sheet
from test_redteam_import import run

from perfsite.importing.bulk import _Extent, check_extent, read_sheets
from perfsite.importing.grid import Grid
from perfsite.importing.sheet_formulas import Failed, NotSimple, calculate
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.xlsx_reader import read_xlsx

RECALCULATED = 'fullCalcOnLoad="1"'


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The central 自评表 (分值 in G13:G21, 得分 H13:H21; C9, 其他资金's 年初预算数, empty; B9 its name), H14 in
    a format hiding zeros."""
    path = central_xlsx(tmp_path_factory.mktemp("more") / "form.xlsx")
    book = load_workbook(str(path))
    book.active["H14"].number_format = "0;-0;;@"
    book.save(str(path))
    return path


def saved(form: Path, tmp: Path, cells: dict[str, tuple[str, str, str]], *, recalculated: bool = True,
          parts: dict[str, Callable[[str], str]] | None = None) -> Path:
    """`form` with each cell → (its formula as the file writes it, the result saved beside it, its type),
    set to recalculate on opening as openpyxl writes it or not (as Excel saves), other parts edited."""

    def sheet(xml: str) -> str:
        for ref, (formula, result, kind) in cells.items():
            written = f"<f>{escape(formula)}</f>" if not formula.startswith("<") else formula
            tag = re.search(rf'<c r="{ref}"[^>]*>', xml)
            style = re.search(r' s="\d+"', tag[0]) if tag else None
            cell = f'<c r="{ref}"{style[0] if style else ""} t="{kind}">{written}<v>{escape(result)}</v></c>'
            xml, found = re.subn(rf'<c r="{ref}"[^>]*>.*?</c>', cell, xml, count=1)
            assert found == 1
        return xml

    edits = dict(parts or {})
    other = edits.get("xl/worksheets/sheet1.xml", lambda xml: xml)
    edits["xl/worksheets/sheet1.xml"] = lambda xml: sheet(other(xml))
    if not recalculated:
        previous = edits.get("xl/workbook.xml", lambda xml: xml)
        edits["xl/workbook.xml"] = lambda xml: previous(xml).replace(f" {RECALCULATED}", "")
    out = tmp / "saved.xlsx"
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        assert RECALCULATED in source.read("xl/workbook.xml").decode()
        for info in source.infolist():
            data = source.read(info.filename)
            edit = edits.pop(info.filename, None)
            target.writestr(info, edit(data.decode()).encode() if edit else data)
        for name, edit in edits.items():  # new parts
            target.writestr(name, edit("").encode())
    return out


def at(grids: list[Grid], ref: str) -> str:
    return next(cell.text for row in grids[0].rows for cell in row if cell.ref == ref)


def notes(grids: list[Grid]) -> str:
    return "\n".join(note for grid in grids for note in grid.notes)


# 1. A system's export Excel recalculates on opening: its stale 0s calculated, by the form's rule.

def export(tmp: Path, scores: tuple[str, str], result: str = "0") -> Path:
    """An export written as XlsxWriter writes one: each formula with 0 saved beside it, recalculated on opening."""
    book = Workbook()
    sheet = book.active
    sheet.title = "明细"
    sheet.append(EXPORT_HEAD)
    sheet.append(["P001", "苗木种植", "县林业局", "2023", "种植面积", "≥100亩", "100亩", 50, scores[0], "=SUM(I2:I3)"])
    sheet.append(["P001", "苗木种植", "县林业局", "2023", "群众满意度", "≥90%", "85%", 50, scores[1], "=SUM(I2:I3)"])
    book.save(str(tmp / "made.xlsx"))
    out = tmp / "汇总.xlsx"
    with zipfile.ZipFile(tmp / "made.xlsx") as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data.replace(b"<v></v>", f"<v>{result}</v>".encode()) if "sheet1" in info.filename else data)
    return out


def test_an_export_recalculated_on_opening_has_its_stale_results_calculated(tmp_path: Path) -> None:
    """Before, the saved 0s (calamine's reading) were imported as the 得分 and 自评得分, not a word said."""
    path = export(tmp_path, ("=H2", "=ROUND(H3*0.85/0.9,2)"))
    assert check_extent(path)
    [sheet] = read_sheets(path)
    assert [row[8:10] for row in sheet.rows[1:]] == [["50", "97.22"], ["47.22", "97.22"]]
    said = "\n".join(sheet.notes)
    assert "I2（=H2，保存的结果是「0」，算得「50」）" in said and "J2（=SUM(I2:I3)，保存的结果是「0」，算得「97.22」）" in said
    assert "打开时重新计算全部公式" in said


def test_an_export_s_stale_figure_not_calculated_is_marked_doubtful_as_a_form_s(tmp_path: Path) -> None:
    """Read as saved and marked doubtful: the programme publishing it is refused (tests/test_import29f.py)."""
    [sheet] = read_sheets(export(tmp_path, ("=MAX(H2,0)", "=H3")))
    assert (2, 9) in sheet.doubtful and (3, 9) not in sheet.doubtful and sheet.rows[1][8] == "0"
    assert "I2 是公式（=MAX(H2,0)），保存的结果是「0」" in sheet.doubtful[(2, 9)]
    assert any("打开时重新计算全部公式" in note and "I2 是公式" in note for note in sheet.notes), sheet.notes


def test_an_export_s_division_by_an_empty_cell_is_named_as_the_error_excel_shows(tmp_path: Path) -> None:
    [sheet] = read_sheets(export(tmp_path, ("=H2/K2", "=H3")))
    assert [row[8] for row in sheet.rows[1:]] == ["", "50"]
    said = "\n".join(sheet.notes)
    assert "I2（=H2/K2，文件中保存的结果是「0」）显示 #DIV/0!" in said and "已按空白读取" in said


# 2. A formula whose saved result is an error.

def test_a_saved_error_excel_recalculates_to_a_figure_is_read_as_that_figure(form: Path, tmp_path: Path) -> None:
    """Before, read blank through the error note: the 得分 10 Excel shows was not given."""
    grids = read_xlsx(saved(form, tmp_path, {"H13": ("G13", "#DIV/0!", "e"), "H15": ("G15", "#VALUE!", "e")}))
    assert (at(grids, "H13"), at(grids, "H15")) == ("10", "10")
    assert "H13（=G13，保存的结果是「#DIV/0!」，算得「10」）" in notes(grids)
    assert "显示 #DIV/0!" not in notes(grids) and "显示 #VALUE!" not in notes(grids)


def test_an_error_excel_shows_is_named_with_its_formula_and_read_blank(form: Path, tmp_path: Path) -> None:
    """C9 is empty (#DIV/0!), B9 the words 「其他资金」 (#VALUE!): Excel, recalculating, shows the error too; a
    stale 0 it recalculates to an error was refused before as a figure not calculated."""
    grids = read_xlsx(saved(form, tmp_path, {"H13": ("G13/C9", "#DIV/0!", "e"), "H15": ("G15*B9", "#VALUE!", "e"),
                                             "H16": ("ROUND(G16/C9,2)", "0", "n")}))
    assert (at(grids, "H13"), at(grids, "H15"), at(grids, "H16")) == ("", "", "")
    said = notes(grids)
    assert "H13（=G13/C9）显示 #DIV/0!" in said and "H15（=G15*B9）显示 #VALUE!" in said
    assert "H16（=ROUND(G16/C9,2)，文件中保存的结果是「0」）显示 #DIV/0!" in said
    assert "表上显示的是错误值" in said and "得分为空的指标按未公布处理" in said


def test_a_saved_error_of_a_workbook_not_recalculated_is_named_with_its_formula(form: Path, tmp_path: Path,
                                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Excel shows the error saved (it does not recalculate this file on opening): read blank, as before, and
    now named with its formula, the clerk told which to correct; the score is not given."""
    path = saved(form, tmp_path, {"H13": ("G13", "#DIV/0!", "e")}, recalculated=False)
    code, out, written = run(tmp_path, path, capsys)
    assert "H13（=G13）显示 #DIV/0!" in out and "算得" not in out
    assert code == 0 and len(written) == 1
    assert written[0].read_text(encoding="utf-8").count("score: 10\n") == 8


# 3. A stale result kept from view by its format or by a sheet hiding zeros.

def test_a_stale_zero_a_format_hides_is_calculated_again(form: Path, tmp_path: Path) -> None:
    """H14's format (0;-0;;@) hides the saved 0, not the 10 Excel recalculates: read blank before."""
    grids = read_xlsx(saved(form, tmp_path, {"H14": ("G14", "0", "n")}))
    assert at(grids, "H14") == "10"
    assert "H14（=G14，保存的结果是「空白」，算得「10」）" in notes(grids)


def test_a_stale_zero_on_a_sheet_hiding_zeros_is_calculated_again(form: Path, tmp_path: Path) -> None:
    hiding = {"xl/worksheets/sheet1.xml": lambda xml: xml.replace("<sheetView ", '<sheetView showZeros="0" ', 1)}
    path = saved(form, tmp_path, {"H15": ("G15", "0", "n"), "H16": ("G16*0", "0", "n")}, parts=hiding)
    grids = read_xlsx(path)
    assert (at(grids, "H15"), at(grids, "H16")) == ("10", "")
    assert "H15（=G15，保存的结果是「空白」，算得「10」）" in notes(grids)
    assert "H16 保存的是 0，但这张工作表设置了不显示零值" in notes(grids)


def test_a_hidden_stale_figure_not_calculated_stays_refused(form: Path, tmp_path: Path) -> None:
    """The reader marks the 得分 doubtful; the tables, reading it as the 得分, refuse the file."""
    from perfsite.importing.tables import scan

    grids = read_xlsx(saved(form, tmp_path, {"H14": ("MAX(G14,0)", "0", "n")}))
    assert list(grids[0].doubtful) == ["H14"]
    with pytest.raises(ImportFailure, match=r"H14 是公式（=MAX\(G14,0\)），保存的结果是数字、表上不显示"):
        scan(grids)


# 4. A figure read from another workbook through a link.

LINK = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath")
LINKED_PARTS: dict[str, Callable[[str], str]] = {
    "xl/workbook.xml": lambda xml: xml.replace(
        "</sheets>", '</sheets><externalReferences><externalReference xmlns:r="http://schemas.openxmlformats.org/'
                     'officeDocument/2006/relationships" r:id="rId99"/></externalReferences>'),
    "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
        "</Relationships>", f'<Relationship Id="rId99" Type="{LINK[0]}" Target="externalLinks/externalLink1.xml"/>'
                            "</Relationships>"),
    "[Content_Types].xml": lambda xml: xml.replace(
        "</Types>", '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>'),
    "xl/externalLinks/externalLink1.xml": lambda _: (
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook xmlns:r="'
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"><sheetNames>'
        '<sheetName val="得分"/></sheetNames></externalBook></externalLink>'),
    "xl/externalLinks/_rels/externalLink1.xml.rels": lambda _: (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{LINK[1]}" Target="file:///D:/%E9%A2%84%E7%AE%97/2023%E5%B9%B4%E5%BE%97%E5%88%86.xlsx" '
        'TargetMode="External"/></Relationships>'),
}


def test_a_figure_from_another_workbook_is_named_per_cell(form: Path, tmp_path: Path) -> None:
    """Before, the 得分 read from 「2023年得分.xlsx」 as last saved were imported without a word."""
    path = saved(form, tmp_path, {"H13": ("[1]得分!H13", "10", "n"),
                                  "H15": ('<f t="shared" ref="H15:H16" si="0">[1]得分!H15</f>', "10", "n"),
                                  "H16": ('<f t="shared" si="0"/>', "10", "n")}, recalculated=False, parts=LINKED_PARTS)
    grids = read_xlsx(path)
    assert (at(grids, "H13"), at(grids, "H15"), at(grids, "H16")) == ("10", "10", "10")
    said = notes(grids)
    book = "「file:///D:/预算/2023年得分.xlsx」"
    assert f"H13（=[1]得分!H13，取自{book}）、H15（=[1]得分!H15，取自{book}）、H16（=[1]得分!H16，取自{book}）" in said
    assert "上次保存时记下的数" in said and "H14" not in said.split("取自另一个工作簿")[0].split("\n")[-1]


@pytest.mark.parametrize(("formula", "error"), [
    ("=A1/A9", "#DIV/0!"), ("=ROUND(B1/0,2)", "#DIV/0!"), ("=A3*2", "#VALUE!"), ("=-A3", "#VALUE!"),
    ("=C1+1", None),     # 「≥90%」 holds digits: which text Excel reads as a figure is not decided here
    ("=IF(C1,1,0)", None),
])
def test_an_error_excel_surely_shows_is_told_from_a_formula_not_calculated(formula: str, error: str | None) -> None:
    with pytest.raises(NotSimple) as raised:
        calculate(formula, _sheet(NUMBERS))
    assert (raised.value.code if isinstance(raised.value, Failed) else None) == error


@pytest.mark.parametrize(("xml", "found"), [
    (b'<c r="I2"><f>H2</f><v>0</v></c>', True), (b'<x:c r="I2"><x:f>H2</x:f><x:v>0</x:v></x:c>', True),
    (b'<c r="I3"><f t="shared" si="0"/><v>0</v></c>', True), (b"<font><sz/></font><fill/>", False),
    (b'<c r="A1" t="inlineStr"><is><t>a:f b</t></is></c>', False),
])
def test_a_recalculated_export_s_formulas_are_found_in_any_prefix(xml: bytes, found: bool) -> None:
    extent = _Extent("sheet1.xml", recalculated=True)
    extent.unsaved(xml)
    assert extent.formulas is found
