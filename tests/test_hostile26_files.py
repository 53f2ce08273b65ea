"""Workbooks of too many sheets and Word documents nested too deep are refused at once, with a
message naming the file and saying what to do; a web page declaring Excel's namespace is read as
the page it is."""

from __future__ import annotations

import base64
import os
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from perfsite.importing import sniff as sniffing
from perfsite.importing.assemble import NO_INDICATOR_TABLE, Hints
from perfsite.importing.pipeline import prepare
from perfsite.importing.sniff import HTML, MAX_SHEETS, Refused, sniff, text_kind


def _many_sheets(path: Path, count: int) -> Path:
    """A workbook whose workbook part lists `count` sheets, every one naming the same part: a few KB,
    so the number of parts in the package says nothing of it."""
    book = Workbook()
    book.active["A1"] = "项目名称"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    workbook = parts["xl/workbook.xml"].decode()
    listed = "".join(f'<sheet name="S{n}" sheetId="{n + 1}" r:id="rId1"/>' for n in range(count))
    parts["xl/workbook.xml"] = re.sub(r"<sheets>.*</sheets>", f"<sheets>{listed}</sheets>", workbook).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_workbook_of_too_many_sheets_is_refused_before_it_is_opened(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniffing, "MAX_SHEETS", 20)
    assert sniff(_many_sheets(tmp_path / "ok.xlsx", 20)) == "xlsx"
    many = _many_sheets(tmp_path / "多表.xlsx", 21)
    with pytest.raises(Refused, match=r"「多表\.xlsx」中有超过 20 张工作表"):
        sniff(many)
    failure = prepare(many, Hints()).report.failure or ""
    assert failure.startswith("「多表.xlsx」中有超过 20 张工作表") and "请删去无关的工作表" in failure


def test_a_2003_xml_workbook_of_too_many_sheets_is_refused(tmp_path: Path) -> None:
    sheets = "".join(f'<Worksheet ss:Name="S{n}"><Table/></Worksheet>' for n in range(MAX_SHEETS + 1))
    book = tmp_path / "多表.xml"
    book.write_text('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook '
                    'xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    f'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">{sheets}</Workbook>', encoding="utf-8")
    failure = prepare(book, Hints()).report.failure or ""
    assert failure.startswith(f"「多表.xml」中有 {MAX_SHEETS + 1} 张工作表（上限 {MAX_SHEETS}")


def test_word_tables_nested_beyond_the_parser_are_named(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("项目名称：测试")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(90):  # three elements a level: past libxml2's 256
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    document.save(tmp_path / "套表.docx")
    failure = prepare(tmp_path / "套表.docx", Hints()).report.failure or ""
    assert failure.startswith("「套表.docx」中内容层层嵌套超过 256 层") and "请在 Word/Excel 中打开" in failure
    assert "日志" not in failure  # no maintainer's log for a cause the clerk can mend


def test_a_cell_beyond_the_parsers_text_limit_is_named(tmp_path: Path) -> None:
    """Past libxml2's 10 MB a text (an Excel cell holds 32,767 characters) read as a damaged sheet,
    sent to the maintainers' log."""
    book = Workbook()
    book.active["A1"], book.active["B1"] = "项目名称", "PLACEHOLDER"
    book.save(tmp_path / "长文字.xlsx")
    with zipfile.ZipFile(tmp_path / "长文字.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    long = base64.b64encode(os.urandom(7_600_000))  # 10.1 MB that does not compress: no zip bomb
    parts = {name: data.replace(b"PLACEHOLDER", long) for name, data in parts.items()}
    with zipfile.ZipFile(tmp_path / "长文字.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    failure = prepare(tmp_path / "长文字.xlsx", Hints()).report.failure or ""
    assert failure.startswith("「长文字.xlsx」中有一段文字超过 10000000 字节") and "日志" not in failure


def test_a_page_declaring_excels_namespace_is_a_page(tmp_path: Path) -> None:
    """Excel's and systems' web pages declare Office namespaces on <html>; one naming the spreadsheet
    namespace was taken for a 2003 XML workbook (「Excel 2003 XML 文件已损坏」)."""
    page = tmp_path / "导出.xls"
    page.write_text('<html xmlns:x="urn:schemas-microsoft-com:office:excel" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><body><table>'
                    "<tr><td>项目名称</td><td>测试</td></tr></table></body></html>", encoding="utf-8")
    assert text_kind(page) == HTML and sniff(page) == "html"
    assert "2003" not in (prepare(page, Hints()).report.failure or "")
    book = tmp_path / "book.xml"  # a 2003 workbook whose cells hold <html:Font> runs stays one
    book.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:html="http://www.w3.org/TR/REC-html40"><Worksheet><Table><Row><Cell><Data>'
                    '<html:Font>x</html:Font></Data></Cell></Row></Table></Worksheet></Workbook>', encoding="utf-8")
    assert sniff(book) == "ss2003"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".xlsx", ".html", ".doc"])
def test_a_fifo_is_refused_and_no_other_reader_opens_it(tmp_path: Path, suffix: str) -> None:
    """The Word reader, tried on a file no table was found in, opened a FIFO named .docx and waited
    for a writer forever (the whole import hung)."""
    os.mkfifo(tmp_path / f"form{suffix}")
    failure = prepare(tmp_path / f"form{suffix}", Hints()).report.failure or ""
    assert "这不是普通文件" in failure and "特殊文件" in failure



def test_a_2003_workbook_is_laid_out_to_its_last_text_not_its_merges(tmp_path: Path) -> None:
    """As the Excel reader lays out a sheet: merges clipped to the last cell with text. Laid out to
    its merges' ends, 200 merges reaching row 65,000 and column 256 (20 KB) were 16 million cells,
    4.7 GB."""
    from perfsite.importing.ss2003_reader import read_ss2003

    book = tmp_path / "merged.xml"
    book.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表"><Table>'
                    '<Row><Cell ss:MergeAcross="50" ss:MergeDown="2000"><Data ss:Type="String">项目名称</Data></Cell>'
                    '</Row></Table></Worksheet></Workbook>', encoding="utf-8")
    [grid] = read_ss2003(book)
    assert [[c.text for c in row] for row in grid.rows] == [["项目名称"]]


_BOOK = ('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
         'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表"><Table>{}</Table></Worksheet>'
         '</Workbook>')


@pytest.mark.parametrize(("name", "text", "said"), [
    ("index.xml", _BOOK.format('<Row ss:Index="' + "9" * 5000 + '"><Cell><Data ss:Type="String">x</Data></Cell></Row>'),
     "行序号「99999999999999999999」超出 Excel 的范围"),
    ("merge.xml", _BOOK.format('<Row><Cell ss:MergeAcross="²"><Data ss:Type="String">项目名称</Data></Cell></Row>'), ""),
    ("span.html", '<table><tr><td colspan="' + "9" * 5000 + '">项目名称</td></tr></table>', ""),
    ("col.html", '<table><col span="' + "9" * 5000 + '"><tr><td>项目名称</td></tr></table>', ""),
    ("rgb.html", '<table><tr><td style="color:rgb(' + "9" * 5000 + ',0,0)">项目名称</td></tr></table>', ""),
])
def test_a_number_of_thousands_of_digits_is_read_as_excel_and_browsers_read_it(tmp_path: Path, name: str, text: str,
                                                                               said: str) -> None:
    """int() fails past 4,300 digits and on 「²」 (which str.isdigit() passes): such a span or index
    failed the file as 「读取文件时出错」, sent to the maintainers' log."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    failure = prepare(tmp_path / name, Hints()).report.failure or ""
    assert "读取文件时出错" not in failure and "日志" not in failure
    assert said in failure if said else failure.startswith(NO_INDICATOR_TABLE)  # read: a 项目名称 cell and no table


def test_a_csv_export_too_wide_for_pandas_is_refused_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pandas allocates every row to the widest: a 20 MB CSV export whose last line was 20 million
    commas took 6.7 GB. The rows times the widest row are held to the export's cap, named by line."""
    from perfsite.importing import bulk

    monkeypatch.setattr(bulk, "MAX_CELLS", 100)
    header = "项目名称,主管部门,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"
    row = "某项目,某局,产出指标,数量指标,培训人次,100,100,10,10\n"
    (tmp_path / "ok.csv").write_text(header + row * 3, encoding="utf-8")
    assert len(bulk.read_sheets(tmp_path / "ok.csv")[0].rows) == 4
    (tmp_path / "wide.csv").write_text(header + row * 3 + "," * 200 + "\n", encoding="utf-8")
    with pytest.raises(bulk.ImportFailure, match=r"CSV「wide\.csv」到第 5 行已有 201 列，超过系统导出表的上限"):
        bulk.read_sheets(tmp_path / "wide.csv")


def test_a_text_table_named_xls_is_counted_before_a_workbook_is_made_of_it(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl wrote 2 MB of one-letter fields (990,000 cells) in 15 CPU s, to be refused then as
    48 MB of sheet XML 「按 .xlsx 读取时」, words that fit no text file."""
    from perfsite.importing import convert

    monkeypatch.setattr(convert, "TEXT_MAX_CELLS", 50)
    (tmp_path / "表.xls").write_text("项目名称\t测试\n" + "a\tb\tc\n" * 16, encoding="utf-8")
    assert "超过" not in (prepare(tmp_path / "表.xls", Hints()).report.failure or "")
    (tmp_path / "大表.xls").write_text("项目名称\t测试\n" + "a\tb\tc\n" * 17, encoding="utf-8")
    failure = prepare(tmp_path / "大表.xls", Hints()).report.failure or ""
    assert failure.startswith("文本表格「大表.xls」到第 18 行已有超过 50 个有内容的格子")
