"""Word files with a part missing or damaged where the reader once took the failure for 「nothing
there」: what the file says about the printed page is then read as far as it can be and the rest
named, never passed over."""

from __future__ import annotations

from pathlib import Path

from raw_office import FORM_HEAD, FORM_ROWS, para, plain_row, tbl, write_docx

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid


def test_a_page_header_naming_a_missing_part_is_named_not_dropped(tmp_path: Path) -> None:
    """Word reports such a file damaged and drops the header when it repairs it; the header's text
    (often the form's title or unit) is not read, and the note says so."""
    section = '<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdNONE"/></w:sectPr></w:pPr></w:p>'
    rows = [plain_row(*FORM_HEAD), *(plain_row(*map(str, r)) for r in FORM_ROWS)]
    path = write_docx(tmp_path / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows) + section)
    blocks, headers = read_docx(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    assert headers == [] and len(grid.rows) == 4
    assert any("文档的页眉引用了文件中不存在的部件（rIdNONE），没有读取" in n for n in grid.notes), grid.notes
