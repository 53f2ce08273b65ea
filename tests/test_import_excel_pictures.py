"""Excel pictures (``xdr:pic``) and charts (``xdr:graphicFrame``) float over the sheet and print over
the cells whose middle they cover. A picture with no transparent part (a JPEG, a PNG of no alpha)
over a figure hides it: the form shows the picture, perhaps of another number, and the workbook is
refused naming the cells. A seal with a transparent ground, a picture over the 填报单位's words, or
one over empty cells is named in a note and the cells read as ever."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.xlsx_reader import read_xlsx

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CELL_W, CELL_H = 609600, 190500
"""A default column (64 pixels) and row (15 points) in EMU."""


def png(colour_type: int) -> bytes:
    """A 1×1 PNG of `colour_type` (2 RGB, 6 RGB with alpha): a seal is saved with alpha."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixel = b"\x00" + b"\xff" * (4 if colour_type == 6 else 3)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(pixel)) + chunk(b"IEND", b""))


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xff\xd9"


def anchor(inner: str, start: tuple[int, int, int, int], end: tuple[int, int, int, int]) -> str:
    """A two-cell anchor from (column, its offset, row, its offset), from 0, to the same of `end`."""
    def at(tag: str, spot: tuple[int, int, int, int]) -> str:
        return (f"<xdr:{tag}><xdr:col>{spot[0]}</xdr:col><xdr:colOff>{spot[1]}</xdr:colOff><xdr:row>{spot[2]}</xdr:row>"
                f"<xdr:rowOff>{spot[3]}</xdr:rowOff></xdr:{tag}>")
    return f'<xdr:twoCellAnchor editAs="oneCell">{at("from", start)}{at("to", end)}{inner}<xdr:clientData/></xdr:twoCellAnchor>'


def pic(rid: str = "rId1", *, hidden: bool = False, blip: str = "") -> str:
    flag = ' hidden="1"' if hidden else ""
    return (f'<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="图片 1"{flag}/><xdr:cNvPicPr/></xdr:nvPicPr>'
            f'<xdr:blipFill><a:blip r:embed="{rid}">{blip}</a:blip><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
            '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>')


CHART = ('<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="图表 1"/><xdr:cNvGraphicFramePr/>'
         '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
         f'<a:graphicData uri="{C}"><c:chart xmlns:c="{C}" r:id="rId2"/></a:graphicData></a:graphic></xdr:graphicFrame>')


def drawn(tmp: Path, *anchors: str, media: bytes = JPEG, rows: str = "") -> Path:
    """The small form (title row 1, header row 2, three indicators in rows 3–5, A–E; `rows` after it)
    with a drawing of `anchors`, whose picture rId1 is `media` and chart rId2 a chart of Excel's white area."""
    path = write_xlsx(tmp / "f.xlsx", Book([Sheet("自评表", form_rows() + rows)]))
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", b'<drawing r:id="rId1"/></worksheet>')
    rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = rels.format(
        f'<Relationship Id="rId1" Type="{R}/drawing" Target="../drawings/drawing1.xml"/>').encode()
    parts["xl/drawings/_rels/drawing1.xml.rels"] = rels.format(
        f'<Relationship Id="rId1" Type="{R}/image" Target="../media/image1.bin"/>'
        f'<Relationship Id="rId2" Type="{R}/chart" Target="../charts/chart1.xml"/>').encode()
    parts["xl/media/image1.bin"] = media
    parts["xl/charts/chart1.xml"] = (f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}"><c:chart/><c:spPr><a:solidFill>'
                                     '<a:schemeClr val="bg1"/></a:solidFill></c:spPr></c:chartSpace>').encode()
    parts["xl/drawings/drawing1.xml"] = (f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}" xmlns:r="{R}">'
                                         f'{"".join(anchors)}</xdr:wsDr>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="bin" ContentType="image/jpeg"/><Override PartName="/xl/drawings/drawing1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


OVER_E4 = ((4, 60000, 3, 20000), (4, CELL_W - 60000, 3, CELL_H - 20000))
"""Within E4 (结业率's 得分, 30), over its middle: a picture of 「26」 pasted over the score."""


@pytest.mark.parametrize(("inner", "name"), [(pic(), "图片"), (CHART, "图表")])
def test_an_opaque_picture_over_a_score_refuses_the_workbook_naming_the_cell(tmp_path: Path, inner: str, name: str) -> None:
    with pytest.raises(ImportFailure) as refused:
        read_xlsx(drawn(tmp_path, anchor(inner, *OVER_E4)))
    said = str(refused.value)
    assert f"工作表「自评表」 E4 上的{name}（盖住了格中的「30」）" in said and "图片" in said and "再导入" in said, said


@pytest.mark.parametrize(("media", "blip"), [
    (png(6), ""),                                             # a seal: RGBA, a transparent ground
    (png(2), '<a:clrChange><a:clrFrom><a:srgbClr val="FFFFFF"/></a:clrFrom><a:clrTo><a:srgbClr val="FFFFFF">'
             '<a:alpha val="0"/></a:srgbClr></a:clrTo></a:clrChange>'),   # 「设置透明色」 on its white
    (JPEG, '<a:alphaModFix amt="50000"/>'),                   # drawn half transparent
])
def test_a_seal_over_a_score_is_read_with_a_note(tmp_path: Path, media: bytes, blip: str) -> None:
    """A seal stamped over the 总分 lets the figure print through its transparent ground: read, named."""
    [grid] = read_xlsx(drawn(tmp_path, anchor(pic(blip=blip), *OVER_E4), media=media))
    assert isinstance(grid, Grid) and grid.rows[3][4].text == "30"
    assert any("E4 上的图片（有透明部分（如公章），盖在「30」上）" in n and "照常导入" in n for n in grid.notes), grid.notes


def test_a_scanned_seal_over_the_units_words_is_read_with_a_note(tmp_path: Path) -> None:
    """An opaque scan of the seal over 「填报单位：示例县教育局」 and its date (A7:C7), not over a figure:
    the form still imports, and the note sends the reader to the original."""
    unit = '<row r="7"><c r="A7" t="inlineStr"><is><t>填报单位：示例县教育局（盖章）</t></is></c>' \
           '<c r="C7" t="inlineStr"><is><t>2024年3月5日</t></is></c></row>'
    [grid] = read_xlsx(drawn(tmp_path, anchor(pic(), (0, 0, 6, 0), (3, 0, 7, 0)), rows=unit))
    assert any("A7:C7 上的图片（不透明，盖在「填报单位：示例县教育局（盖章）」、「2024年3月5日」上）" in n for n in grid.notes), grid.notes


def test_a_picture_edging_into_a_cell_does_not_cover_it(tmp_path: Path) -> None:
    """A picture over F3:G5 reaching a fifth into E (its figures' middles uncovered) hides no figure."""
    path = drawn(tmp_path, anchor(pic(), (4, CELL_W * 4 // 5, 2, 0), (7, 0, 5, 0)))
    [grid] = read_xlsx(path)
    assert grid.rows[3][4].text == "30" and not any("图片" in n for n in grid.notes), grid.notes


def test_a_picture_over_an_empty_cell_is_named_and_a_hidden_one_is_not(tmp_path: Path) -> None:
    """A picture of a figure pasted over the empty 得分 of a 合计 row (E7) prints a number the cell
    does not hold: named. A hidden picture prints nothing."""
    total = '<row r="7"><c r="A7" t="inlineStr"><is><t>合计</t></is></c></row>'
    [grid] = read_xlsx(drawn(tmp_path, anchor(pic(), (4, 60000, 6, 20000), (4, CELL_W - 60000, 6, CELL_H - 20000)),
                             rows=total))
    assert any("有图片或图表浮在空白的格子上：E7 处的图片" in n for n in grid.notes), grid.notes
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    [grid] = read_xlsx(drawn(hidden, anchor(pic(hidden=True), *OVER_E4)))
    assert not any("图片" in n for n in grid.notes), grid.notes


@pytest.mark.parametrize("cell", [
    '<c r="E4" t="str"><f>_xlfn.DISPIMG(&quot;ID_5F2C8A0B1E3D4C6A9B7E0F1A2B3C4D5E&quot;,1)</f>'
    '<v>=DISPIMG(&quot;ID_5F2C8A0B1E3D4C6A9B7E0F1A2B3C4D5E&quot;,1)</v></c>',  # WPS 「嵌入单元格图片」
    '<c r="E4" t="e" vm="1"><v>#VALUE!</v></c>',                           # Excel 「置于单元格内」
])
def test_a_picture_placed_in_a_cell_is_read_as_blank_with_a_note(tmp_path: Path, cell: str) -> None:
    """The form prints the picture in E4: neither WPS's 「=DISPIMG("ID_…",1)」 nor Excel's #VALUE!
    is on it. Blank, and named, as no figure can be read from the picture."""
    rows = form_rows(rows=[("培训人次", 40, "≥100人", "120人", 40), ("结业率", 30, "≥90%", "95%", cell)])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", rows)])))
    assert grid.rows[3][4].text == "", grid.rows[3]
    assert any("工作表「自评表」 E4 是放在格子里的图片" in n and "按空白导入" in n for n in grid.notes), grid.notes
    assert not any("DISPIMG" in n or "#VALUE!" in n for n in grid.notes), grid.notes


@pytest.mark.parametrize("placed", [
    f'<xdr:oneCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>60000</xdr:colOff><xdr:row>3</xdr:row>'
    f'<xdr:rowOff>20000</xdr:rowOff></xdr:from><xdr:ext cx="{CELL_W - 120000}" cy="{CELL_H - 40000}"/>{pic()}'
    '<xdr:clientData/></xdr:oneCellAnchor>',
    f'<xdr:absoluteAnchor><xdr:pos x="{4 * CELL_W + 60000}" y="{3 * CELL_H + 20000}"/><xdr:ext cx="{CELL_W - 120000}" '
    f'cy="{CELL_H - 40000}"/>{pic()}<xdr:clientData/></xdr:absoluteAnchor>',
])
def test_a_picture_placed_by_its_size_or_by_absolute_offsets_is_found_over_its_cell(tmp_path: Path, placed: str) -> None:
    """A one-cell anchor (from E4 and a size) and an absolute one (offsets from A1, the columns and
    rows' default sizes): both over E4's middle, both refuse as the two-cell anchor does."""
    with pytest.raises(ImportFailure, match="E4 上的图片（盖住了格中的「30」）"):
        read_xlsx(drawn(tmp_path, placed))
