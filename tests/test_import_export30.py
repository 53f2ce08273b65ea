"""System exports as other provinces' 一体化系统 write them: a 绩效目标 export too big to be read as a form,
headers over two and three rows, a title whose year is not the rows', styled empty cells past the data."""

from __future__ import annotations

from pathlib import Path

from test_import_bulk import HEAD, ROWS, _with_sheet_xml, xlsx
from test_import_bulk_unnumbered import _unnumbered

from perfsite.importing.bulk import check_extent, programmes_of


def test_styled_empty_cells_past_an_unnumbered_sheet_do_not_count(tmp_path: Path) -> None:
    """An export whose cells leave out r, with a clerk's format reaching Excel's last row and column
    (one styled empty cell at XFD1048576): read as the rows it holds. Before, the walk counted the empty
    cell and refused the export as 1,048,576 × 16,384 cells."""
    far = b'<row r="1048576" s="3" customFormat="1"><c r="XFD1048576" s="3"/></row>'
    path = _with_sheet_xml(xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS]),
                           lambda x: _unnumbered(x).replace(b"</sheetData>", far + b"</sheetData>"))
    check_extent(path)
    assert [p.values["name"][0] for p in programmes_of(path)] == ["校舍维修", "学生资助"]
