"""Excel text boxes and shapes with text (``xl/drawings``, ``xdr:sp`` with ``xdr:txBody``) float over
the sheet and print over the cells they cover: a 「30」 typed in a box over the 得分 「26」 is what the
signed form shows, and neither cell text nor box alone is sure to be it. Over the form's cells the
workbook is refused, naming the cells and the box's text; beside the form it is named in a note."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.xlsx_reader import read_xlsx

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def box(text: str, start: tuple[int, int], end: tuple[int, int], *, hidden: bool = False, off: int = 95250) -> str:
    """A text box as Excel anchors it: from the cell (column, row, from 0) `start` to the cell `end`, `off`
    EMU into it."""
    flag = ' hidden="1"' if hidden else ""
    return (f'<xdr:twoCellAnchor><xdr:from><xdr:col>{start[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{start[1]}'
            f'</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{end[0]}</xdr:col><xdr:colOff>{off}'
            f'</xdr:colOff><xdr:row>{end[1]}</xdr:row><xdr:rowOff>{off}</xdr:rowOff></xdr:to><xdr:sp macro="" textlink="">'
            f'<xdr:nvSpPr><xdr:cNvPr id="2" name="文本框 1"{flag}/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/>'
            f'<xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/>'
            "</xdr:twoCellAnchor>")


def _drawn(tmp: Path, *anchors: str) -> Path:
    """The small form (title row 1, header row 2, three indicators, A–E) with a drawing of `anchors`."""
    path = write_xlsx(tmp / "f.xlsx", Book([Sheet("自评表", form_rows())]))
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", b'<drawing r:id="rId1"/></worksheet>')
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/drawing" Target="../drawings/drawing1.xml"/></Relationships>').encode()
    parts["xl/drawings/drawing1.xml"] = (f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">{"".join(anchors)}</xdr:wsDr>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/drawings/drawing1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_a_text_box_over_the_forms_cells_refuses_the_workbook_naming_them(tmp_path: Path) -> None:
    """「30」 in a box over E4 (结业率's 得分, 30 in the cell): the form prints both, one over the other."""
    with pytest.raises(ImportFailure) as refused:
        read_xlsx(_drawn(tmp_path, box("30", (4, 3), (4, 3))))
    assert "工作表「自评表」 E4 上的文本框「30」" in str(refused.value) and "移进格子" in str(refused.value)


def test_a_box_ending_at_a_cells_edge_does_not_cover_it(tmp_path: Path) -> None:
    """From G4 to the very left edge of H5 (offset 0): it covers G4:G4 only, beside the form (A–E)."""
    [grid] = read_xlsx(_drawn(tmp_path, box("备注：已整改", (6, 3), (7, 4), off=0)))
    assert isinstance(grid, Grid)
    assert any("表格以外有文本框：G4处「备注：已整改」" in n and "没有导入" in n for n in grid.notes), grid.notes
    assert "已整改" not in "".join(c.text for row in grid.rows for c in row)


@pytest.mark.parametrize("hidden", [True, False])
def test_a_hidden_box_is_not_on_the_form(tmp_path: Path, hidden: bool) -> None:
    path = _drawn(tmp_path, box("30", (3, 3), (4, 4), hidden=hidden))
    if hidden:
        [grid] = read_xlsx(path)
        assert not any("文本框" in n for n in grid.notes)
    else:
        with pytest.raises(ImportFailure, match="D4:D5 上的文本框「30」"):  # 10 px into E5: E's middle is clear
            read_xlsx(path)


def test_a_box_over_empty_cells_is_named_not_read(tmp_path: Path) -> None:
    """A box over B1, empty beside the title in A1 (a diagonal header's words are drawn so): printed
    there, but no cell's text; named, and the form reads as ever."""
    [grid] = read_xlsx(_drawn(tmp_path, box("项目", (1, 0), (1, 0))))
    assert any("表格中有文本框浮在空白的格子上：B1处「项目」" in n for n in grid.notes), grid.notes
    assert "项目" not in grid.rows[0][1].text


def shape(start: tuple[int, int], end: tuple[int, int], props: str, style: str = "") -> str:
    """A shape of no text (``xdr:sp`` without ``xdr:txBody``) with the shape properties `props` and `style`."""
    return (f'<xdr:twoCellAnchor><xdr:from><xdr:col>{start[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{start[1]}'
            f'</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{end[0]}</xdr:col><xdr:colOff>95250'
            f'</xdr:colOff><xdr:row>{end[1]}</xdr:row><xdr:rowOff>95250</xdr:rowOff></xdr:to><xdr:sp macro="" textlink="">'
            f'<xdr:nvSpPr><xdr:cNvPr id="3" name="矩形 2"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr>{props}</xdr:spPr>{style}'
            "</xdr:sp><xdr:clientData/></xdr:twoCellAnchor>")


RECT = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
THEMED = '<xdr:style><a:lnRef idx="2"/><a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef></xdr:style>'


@pytest.mark.parametrize(("props", "style", "hides"), [
    (RECT + '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>', "", True),   # a white box over the old figure
    (RECT, THEMED, True),                                                         # Excel's inserted rectangle: solid blue
    (RECT + '<a:solidFill><a:srgbClr val="FFFF00"><a:alpha val="40000"/></a:srgbClr></a:solidFill>', "", False),
    ('<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom><a:noFill/>', THEMED, False),  # a red ring round a figure
    ('<a:prstGeom prst="line"><a:avLst/></a:prstGeom>', THEMED, False),
])
def test_a_filled_shape_over_a_cells_text_hides_it_and_refuses_the_workbook(tmp_path: Path, props: str, style: str,
                                                                          hides: bool) -> None:
    path = _drawn(tmp_path, shape((4, 3), (4, 3), props, style))
    if hides:
        with pytest.raises(ImportFailure, match="E4 上的填充图形（盖住了格中的「30」）"):
            read_xlsx(path)
    else:
        [grid] = read_xlsx(path)
        assert grid.rows[3][4].text == "30" and not any("图形" in n or "文本框" in n for n in grid.notes), grid.notes


def test_text_boxes_cover_cells_by_the_rule_pictures_do(tmp_path: Path) -> None:
    """One rule for every drawing (`xlsx_reader._spanned`): a box over F4 whose edges reach 10 px into
    E4 and G4 leaves E4's 「30」 legible (beside the form, named); a box placed by absolute offsets
    over E4's middle prints over the 30 and refuses, as a picture placed so does."""
    edging = box("备注", (4, 3), (6, 3)).replace("<xdr:colOff>0</xdr:colOff>", "<xdr:colOff>514350</xdr:colOff>", 1)
    [grid] = read_xlsx(_drawn(tmp_path, edging))
    assert any("表格以外有文本框：F4处「备注」" in n for n in grid.notes), grid.notes
    absolute = box("26", (0, 0), (0, 0)).replace("<xdr:twoCellAnchor>", "<xdr:absoluteAnchor>").replace(
        "</xdr:twoCellAnchor>", "</xdr:absoluteAnchor>")
    absolute = re.sub(r"<xdr:from>.*?</xdr:to>", '<xdr:pos x="2560000" y="600000"/><xdr:ext cx="400000" cy="120000"/>', absolute)
    with pytest.raises(ImportFailure, match="E4 上的文本框「26」"):
        (tmp_path / "abs").mkdir()
        read_xlsx(_drawn(tmp_path / "abs", absolute))


@pytest.mark.parametrize(("part", "data", "named"), [
    ("xl/drawings/drawing1.xml", b"<xdr:wsDr", "绘图部件「xl/drawings/drawing1.xml」"),
    ("xl/drawings/drawing1.xml", None, "绘图部件「xl/drawings/drawing1.xml」（缺失）"),
])
def test_a_damaged_drawing_is_named_not_taken_for_none(tmp_path: Path, part: str, data: bytes | None, named: str) -> None:
    """The drawing held a box 「30」 over E4: it cannot be read, and the note says what was not checked."""
    path = _drawn(tmp_path, box("30", (4, 3), (4, 3)))
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    if data is None:
        del parts[part]
    else:
        parts[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, body in parts.items():
            out.writestr(name, body)
    [grid] = read_xlsx(path)
    assert isinstance(grid, Grid)
    assert any(f"工作表「自评表」的{named}已损坏，其中的文本框、图片和图形没有检查" in n for n in grid.notes), grid.notes
