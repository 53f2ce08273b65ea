"""A file of several programmes' forms: each reader note reaches the programme(s) it is about, a note
about the whole file is said once; a clash between two forms of one file names the other table, not
「另一个文件」; a 部门整体自评表's 得分系数 column is read and checked, not listed as unknown."""

from __future__ import annotations

import zipfile
from pathlib import Path

from raw_office import REL, Book, Sheet, form_rows, row, text_cell, write_xlsx

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare

DRAWING = "工作表「甲」的绘图部件「xl/drawings/drawing1.xml」（缺失）已损坏"


def _named(sheet: str, name: str, title: str = "") -> Sheet:
    """A small 自评表 on a sheet of its own, its 项目名称 in row 1."""
    return Sheet(sheet, row(1, text_cell("A1", "项目名称"), text_cell("B1", name))
                 + form_rows(title or f"{name}项目2023年度绩效自评表", 2))


def _with_lost_drawing(path: Path) -> Path:
    """The first sheet names a drawing part the package lacks (Excel repairs it away on opening)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", b'<drawing r:id="rId1"/></worksheet>')
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>').encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_a_note_about_one_sheet_reaches_only_that_sheet_s_programme(tmp_path: Path) -> None:
    """Sheet 甲's damaged drawing names sheet 甲 and no cell: it is about 甲's form, not about 乙's on
    the next sheet (given to every programme of the file, it sent 乙's clerk to look for it there)."""
    path = _with_lost_drawing(write_xlsx(tmp_path / "两个项目.xlsx",
                                         Book([_named("甲", "城区绿化养护"), _named("乙", "农村饮水安全")])))
    first = prepare(path, Hints())
    reports = [item.report for item in (first, *first.more)]
    assert [r.failure for r in reports] == ["", ""]
    assert [sum(DRAWING in note for note in r.notes) for r in reports] == [1, 0], [r.notes for r in reports]
