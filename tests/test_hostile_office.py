"""Office files made hostile inside their XML parts: each is refused with one Chinese message naming
what is wrong, or read as Excel shows it, within the limits of `test_import_hostile` (a child
process under 1 GB and 60 s CPU; no test here measures time).

What each guards against: entities that expand a thousand million times (「billion laughs」) at the
head of a part or behind a long comment (the package check reads a part's prolog to its root
element, however long its comments; it once searched only the part's first 64 KB, and behind a
70 KB comment only the XML parser's own limit stopped the laughs, while one plain entity, 「&dept;」
for 「财政局」, read as an empty cell); a part that is no XML; a cell naming a shared
string the table does not hold (refused as 「ValueError」, no cell named); a sheet whose 1,048,576
rows carry only formatting (8 s CPU and 160 MB here: read, the form on its first rows imported).
A part unpacking past the package's limits (a zip bomb) is `test_import_hostile`'s.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from raw_office import MAIN, Book, Sheet, form_rows, num, para, shared, tbl, word_form_rows, write_docx, write_xlsx
from test_import_hostile import MAX_INPUT, run_import

TITLE = "示例项目2023年度绩效自评表"


def _refs(level: int) -> str:
    """Ten references to the entity of `level` (1: 「lol」 itself)."""
    return (f"&lol{level};" if level > 1 else "&lol;") * 10


_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{n} "{_refs(n - 1)}">' for n in range(2, 10)) + "]>")
"""Nine levels of ten: 「&lol9;」 is a thousand million 「lol」."""
_COMMENT = "<!-- " + "x" * 70_000 + " -->"
"""A comment longer than the head of a part the package check searches for a declaration."""


def _replaced(source: Path, path: Path, part: str, data: str | bytes) -> Path:
    """`source` with its `part` replaced by `data`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info.filename))
    return path


def _book(tmp: Path) -> Path:
    return write_xlsx(tmp / "base.xlsx", Book([Sheet("自评表", form_rows())], strings=["a"]))


def _document(tmp: Path) -> Path:
    return write_docx(tmp / "base.docx", para(TITLE) + tbl(*word_form_rows()))


_PLAIN = '<!DOCTYPE w [<!ENTITY dept "财政局">]>'
"""One entity that expands to a word: read by python-docx as nothing, by openpyxl as no row at all."""


def _laughing_sheet(tmp: Path, behind: str = "", declared: str = _LAUGHS) -> Path:
    sheet = (f'<?xml version="1.0"?>{behind}{declared}<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
             f'<c r="A1" t="inlineStr"><is><t>{"&lol9;" if declared == _LAUGHS else "&dept;"}</t></is></c></row>'
             '</sheetData></worksheet>')
    return _replaced(_book(tmp), tmp / "自评表.xlsx", "xl/worksheets/sheet1.xml", sheet)


def _laughing_document(tmp: Path, behind: str = "", declared: str = _LAUGHS) -> Path:
    base = _document(tmp)
    with zipfile.ZipFile(base) as package:
        body = package.read("word/document.xml").decode().split("?>", 1)[1]
    body = body.replace('<w:t xml:space="preserve">40</w:t>', "<w:t>&lol9;</w:t>", 1)
    if declared != _LAUGHS:
        body = body.replace("&lol9;", "&dept;")
    return _replaced(base, tmp / "自评报告.docx", "word/document.xml", f'<?xml version="1.0"?>{behind}{declared}{body}')


def _laughing_strings(tmp: Path) -> Path:
    strings = f'<?xml version="1.0"?>{_LAUGHS}<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'
    return _replaced(_book(tmp), tmp / "自评表.xlsx", "xl/sharedStrings.xml", strings)


_NOT_XML = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10


def _unknown_string(tmp: Path) -> Path:
    data = form_rows().replace(num("E4", 30), shared("E4", 99))
    return write_xlsx(tmp / "自评表.xlsx", Book([Sheet("自评表", data)], strings=["a"]))


def _formatted_rows(tmp: Path) -> Path:
    rows = "".join(f'<row r="{r}" s="1"/>' for r in range(7, 1_048_577))
    return write_xlsx(tmp / "自评表.xlsx", Book([Sheet("自评表", form_rows() + rows)], xfs=[(0, 0), (0, 0)]))


DECLARED = "含有 DOCTYPE/ENTITY 声明"


@pytest.mark.parametrize(("make", "said"), [
    (_laughing_sheet, "「xl/worksheets/sheet1.xml」" + DECLARED),
    (_laughing_strings, "「xl/sharedStrings.xml」" + DECLARED),
    (_laughing_document, "「word/document.xml」" + DECLARED),
    (lambda tmp: _laughing_sheet(tmp, _COMMENT), "「xl/worksheets/sheet1.xml」" + DECLARED),
    (lambda tmp: _laughing_document(tmp, _COMMENT), "「word/document.xml」" + DECLARED),
    (lambda tmp: _laughing_sheet(tmp, _COMMENT, _PLAIN), "「xl/worksheets/sheet1.xml」" + DECLARED),
    (lambda tmp: _laughing_document(tmp, _COMMENT + "<?mso-application progid=\"Word.Document\"?>", _PLAIN),
     "「word/document.xml」" + DECLARED),
    (lambda tmp: _replaced(_book(tmp), tmp / "自评表.xlsx", "xl/worksheets/sheet1.xml", _NOT_XML), "Excel 工作簿无法读取"),
    (lambda tmp: _replaced(_book(tmp), tmp / "自评表.xlsx", "xl/styles.xml", b"not xml <<<"), "Excel 工作簿无法读取"),
    (lambda tmp: _replaced(_document(tmp), tmp / "自评报告.docx", "word/document.xml", _NOT_XML), "Word 文档无法读取"),
    (lambda tmp: _replaced(_document(tmp), tmp / "自评报告.docx", "word/styles.xml", b"not xml <<<"), "Word 文档无法读取"),
    (_unknown_string, "工作表「自评表」 E4 引用了第 99 号共享字符串，但工作簿的共享字符串表只有 1 项"),
    (_formatted_rows, "绩效指标：3 项，取自 工作表「自评表」"),
], ids=["entities in a sheet", "entities in the shared strings", "entities in a document",
        "entities behind a comment in a sheet", "entities behind a comment in a document",
        "a plain entity behind a comment in a sheet", "a plain entity behind a comment and an instruction in a document",
        "a sheet of no XML",
        "styles of no XML", "a document of no XML", "Word styles of no XML", "a shared string out of range",
        "a million formatted rows"])
def test_a_hostile_part_ends_with_one_message_naming_the_file(tmp_path: Path, make, said: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    assert path.stat().st_size <= MAX_INPUT
    result = run_import(path, tmp_path / "out")
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])  # not stopped by a limit
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert f"{path.name} ==" in result.stdout and said in result.stdout, result.stdout
    assert "lollol" not in result.stdout
