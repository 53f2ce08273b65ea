"""Text boxes and pictures anchored in a body paragraph (not in a cell) but placed by their offsets
over the form's table (「浮于文字上方」, ``wp:wrapNone``): Word prints them over the cells they cover.
The reader that took such a box for a paragraph before the table never saw a 「30」 printed over
the 得分 「26」. A box over cells with text, or a picture with no transparent part over a figure,
refuses the document naming the cell; over empty cells, a seal over the cells' words, or a place
the estimated row heights cannot settle, it is named in a note (perfsite/importing/docx_layout.py).

The page is Word's A4 default (margins 1800 twips across, 1440 down); the table's five columns are
1500 twips each from the left margin, its rows 400 twips high (exact), under a one-line title."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from raw_office import FORM_HEAD, para, run, tc, write_docx
from test_import_excel_pictures import JPEG, png

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure

EMU = 635
ROW = 400
TABLE_LEFT, PAGE_TOP = 1800, 1440


def _row(*texts: str, exact: bool = True) -> str:
    props = f'<w:trPr><w:trHeight w:val="{ROW}" w:hRule="exact"/></w:trPr>' if exact else ""
    return f"<w:tr>{props}{''.join(tc(run(t)) for t in texts)}</w:tr>"


def _table(score: str, exact: bool = True) -> str:
    rows = [_row(*FORM_HEAD, exact=exact), _row("培训人次", "40", "≥100人", "120人", "40", exact=exact),
            _row("结业率", "30", "≥90%", "95%", "30", exact=exact), _row("满意度", "30", "≥90%", "92%", score, exact=exact)]
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(5))
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


TITLE_SPACING = '<w:pPr><w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="exact"/></w:pPr>'
"""The title paragraph, one line exactly 300 twips: the table starts 300 twips under its top."""


def _anchored(graphic: str, x: int, y: int, cx: int, cy: int, *, relative: str = "paragraph", wrap: str = "wrapNone",
              behind: bool = False) -> str:
    """A floating drawing (`graphic`) anchored in the title paragraph: (x, y) twips from the page's left
    edge and from the paragraph's top (`relative`), `cx` × `cy` twips."""
    return (f'<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" '
            f'behindDoc="{int(behind)}" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{x * EMU}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="{relative}"><wp:posOffset>{y * EMU}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx * EMU}" cy="{cy * EMU}"/><wp:{wrap}/><wp:docPr id="1" name="对象 1"/>'
            f'<a:graphic>{graphic}</a:graphic></wp:anchor></w:drawing></w:r>')


def box(text: str) -> str:
    return ('<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f'<wps:cNvSpPr txBox="1"/><wps:txbx><w:txbxContent>{para(text)}</w:txbxContent></wps:txbx><wps:bodyPr/>'
            '</wps:wsp></a:graphicData>')


PICTURE = ('<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
           '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
           '<pic:cNvPr id="1" name="图片 1"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg"/>'
           '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr/></pic:pic></a:graphicData>')

OVER_E4 = (TABLE_LEFT + 4 * 1500 + 300, 300 + 3 * ROW - 100, 900, ROW + 200)
"""Over the middle of E4 (满意度's 得分), from the title's top: x, y, width, height in twips."""


def _doc(tmp: Path, drawing: str, score: str = "26", *, exact: bool = True, media: bytes = b"") -> Path:
    body = f"<w:p>{TITLE_SPACING}{run('示例项目2023年度绩效自评表')}{drawing}</w:p>" + _table(score, exact)
    path = write_docx(tmp / "form.docx", body)
    if media:
        with zipfile.ZipFile(path) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        parts["word/media/image1.bin"] = media
        key = "word/_rels/document.xml.rels"
        parts[key] = parts[key].replace(b"</Relationships>", b'<Relationship Id="rIdImg" Type="http://schemas.'
                                        b'openxmlformats.org/officeDocument/2006/relationships/image" '
                                        b'Target="media/image1.bin"/></Relationships>')
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"<Default ", b'<Default Extension="bin" ContentType="image/jpeg"/><Default ', 1)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                out.writestr(name, data)
    return path


def _grid(path: Path) -> Grid:
    blocks, _ = read_docx(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid


def test_a_box_anchored_in_the_title_but_placed_over_a_score_refuses_the_document(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure) as refused:
        read_docx(_doc(tmp_path, _anchored(box("30"), *OVER_E4)))
    said = str(refused.value)
    assert "表1第4行第5列「26」上的文本框「30」（锚定在正文第1段，按位置印在表格上）" in said and "移进格子" in said, said


def test_a_box_over_an_empty_cell_is_named_and_one_beside_the_table_is_not(tmp_path: Path) -> None:
    grid = _grid(_doc(tmp_path, _anchored(box("30"), *OVER_E4), score=""))
    assert grid.rows[3][4].text == ""
    assert any("正文第1段的文本框「30」按位置印在表1第4行第5列（空白）上" in n and "没有读进表格" in n for n in grid.notes), grid.notes
    beside = tmp_path / "beside"
    beside.mkdir()
    x, y, cx, cy = OVER_E4
    grid = _grid(_doc(beside, _anchored(box("30"), x + 1500, y, cx, cy)))  # right of the table
    assert not any("文本框" in n for n in grid.notes), grid.notes


@pytest.mark.parametrize(("wrap", "relative"), [("wrapSquare", "paragraph"), ("wrapNone", "page")])
def test_a_box_the_text_wraps_round_or_placed_elsewhere_is_not_over_the_table(tmp_path: Path, wrap: str,
                                                                               relative: str) -> None:
    """A 四周型 box Word lays the text out around; a box 100 twips under the page's top edge
    (relative to the page, not the paragraph), in the margin above the table."""
    x, y, cx, cy = OVER_E4
    grid = _grid(_doc(tmp_path, _anchored(box("30"), x, y if relative == "paragraph" else 100, cx, cy,
                                          wrap=wrap, relative=relative)))
    assert grid.rows[3][4].text == "26" and not any("文本框" in n for n in grid.notes), grid.notes


def test_a_picture_over_a_score_refuses_the_document_and_a_seal_or_one_behind_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="表1第4行第5列「26」上的图片（锚定在正文第1段）"):
        read_docx(_doc(tmp_path, _anchored(PICTURE, *OVER_E4), media=JPEG))
    for name, media, behind in (("seal", png(6), False), ("behind", JPEG, True)):
        (tmp_path / name).mkdir()
        grid = _grid(_doc(tmp_path / name, _anchored(PICTURE, *OVER_E4, behind=behind), media=media))
        assert grid.rows[3][4].text == "26"
        assert any("正文第1段的图片按位置印在表1第4行第5列「26」上" in n and "照常导入" in n for n in grid.notes), grid.notes


def test_a_box_over_rows_of_estimated_height_is_only_perhaps_over_them(tmp_path: Path) -> None:
    """Rows of no stated height are as high as Word sets their text, estimated here: a box over a
    row's middle by less than the doubt of four estimated rows is named as perhaps over it, not
    refused."""
    x, _, cx, _ = OVER_E4
    grid = _grid(_doc(tmp_path, _anchored(box("30"), x, 1500, cx, 150), exact=False))
    assert any("正文第1段的文本框「30」按位置可能印在（位置按估算的行高推算，不能确定）表1" in n for n in grid.notes), grid.notes


def test_a_picture_in_a_cell_is_named_and_the_cells_text_read(tmp_path: Path) -> None:
    """A picture in the line of E4's text (``wp:inline``): a 「26」 pasted as a picture where the 得分
    should be is printed there but not read; the cell reads as blank (no text of its own), and is named."""
    inline = (f'<w:r><w:drawing><wp:inline><wp:extent cx="{600 * EMU}" cy="{300 * EMU}"/><wp:docPr id="1" name="图片 1"/>'
              f'<a:graphic>{PICTURE}</a:graphic></wp:inline></w:drawing></w:r>')
    body = f"<w:p>{run('示例项目2023年度绩效自评表')}</w:p>" + _table("").replace(
        f"{run('')}</w:p></w:tc></w:tr></w:tbl>", f"{run('')}{inline}</w:p></w:tc></w:tr></w:tbl>")
    assert inline in body
    grid = _grid(write_docx(tmp_path / "form.docx", body))
    assert grid.rows[3][4].text == ""
    assert any("表1第4行第5列（格中没有文字）中有图片" in n and "按空白导入" in n for n in grid.notes), grid.notes


def _vml(text: str, x: int, y: int, cx: int, cy: int, extra: str = "") -> str:
    """A VML text box (Word in compatibility mode) positioned absolutely from the page's left edge and
    the paragraph's top, in points as Word writes them."""
    return (f'<w:r><w:pict><v:shape xmlns:w10="urn:schemas-microsoft-com:office:word" style="position:absolute;'
            f'margin-left:{x / 20:g}pt;margin-top:{y / 20:g}pt;width:{cx / 20:g}pt;height:{cy / 20:g}pt;z-index:2;'
            f'mso-position-horizontal-relative:page;mso-position-vertical-relative:text">{extra}<v:textbox>'
            f'<w:txbxContent>{para(text)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


def test_a_vml_box_placed_over_a_score_refuses_the_document_and_one_wrapped_round_does_not(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="表1第4行第5列「26」上的文本框「30」（锚定在正文第1段"):
        read_docx(_doc(tmp_path, _vml("30", *OVER_E4)))
    (tmp_path / "square").mkdir()
    grid = _grid(_doc(tmp_path / "square", _vml("30", *OVER_E4, extra='<w10:wrap type="square"/>')))
    assert grid.rows[3][4].text == "26" and not any("文本框" in n for n in grid.notes), grid.notes


def _shape(props: str) -> str:
    """A DrawingML shape of no text (Word's 「插入 → 形状」) with the shape properties `props`."""
    return ('<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f'<wps:cNvSpPr/><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{props}</wps:spPr><wps:bodyPr/>'
            '</wps:wsp></a:graphicData>')


@pytest.mark.parametrize(("drawing", "hides"), [
    (_anchored(_shape('<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'), *OVER_E4), True),  # a white box
    (_anchored(_shape("<a:noFill/>"), *OVER_E4), False),                                            # a ring round it
    (f'<w:r><w:pict><v:rect style="position:absolute;margin-left:{OVER_E4[0] / 20:g}pt;margin-top:{OVER_E4[1] / 20:g}pt;'
     'width:45pt;height:30pt;mso-position-horizontal-relative:page;mso-position-vertical-relative:text"/></w:pict></w:r>',
     True),                                                                                         # VML: filled white
])
def test_a_filled_shape_over_a_cells_text_refuses_the_document(tmp_path: Path, drawing: str, hides: bool) -> None:
    """A white rectangle laid over the 得分 「26」 (an old figure hidden, the new one typed elsewhere):
    the printed form shows a blank there. A shape with no fill hides nothing."""
    if hides:
        with pytest.raises(ImportFailure, match="表1第4行第5列「26」上的填充图形（锚定在正文第1段）"):
            read_docx(_doc(tmp_path, drawing))
    else:
        grid = _grid(_doc(tmp_path, drawing))
        assert grid.rows[3][4].text == "26" and not any("图形" in n for n in grid.notes), grid.notes


def _group(text: str, left: int) -> str:
    """A group (``wpg:wgp``, child space 3000 × 600) holding one text box `text`, a third of its width,
    from `left` in the child space."""
    shape = box(text).split("<wps:wsp>", 1)[1].split("</wps:wsp>", 1)[0].replace('<wps:cNvSpPr txBox="1"/>', "")
    return ('<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
            '<wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:cNvGrpSpPr/>'
            '<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3000" cy="600"/><a:chOff x="0" y="0"/>'
            '<a:chExt cx="3000" cy="600"/></a:xfrm></wpg:grpSpPr>'
            f'<wps:wsp><wps:spPr><a:xfrm><a:off x="{left}" y="0"/><a:ext cx="1000" cy="600"/></a:xfrm></wps:spPr>'
            f'{shape}</wps:wsp></wpg:wgp></a:graphicData>')


@pytest.mark.parametrize("over", [True, False])
def test_a_grouped_box_is_placed_where_it_prints_in_its_group(tmp_path: Path, over: bool) -> None:
    """A group stretched over E4 and the margin right of the table: its box prints over E4's 「26」 in
    its left third (refused), beside the table in its right third (nothing over the form), not
    wherever the group reaches."""
    x, y, _, cy = OVER_E4
    drawing = _anchored(_group("备注", 0 if over else 2000), x, y, 2700, cy)
    if over:
        with pytest.raises(ImportFailure, match="表1第4行第5列「26」上的文本框「备注」"):
            read_docx(_doc(tmp_path, drawing))
    else:
        grid = _grid(_doc(tmp_path, drawing))
        assert grid.rows[3][4].text == "26" and not any("文本框" in n for n in grid.notes), grid.notes


@pytest.mark.parametrize("value", ["1e400", "NaN", "-inf"])
@pytest.mark.parametrize("where", ["gridCol", "tblInd", "pgSz", "group"])
def test_a_length_that_is_no_finite_number_places_nothing_and_fails_nothing(tmp_path: Path, where: str, value: str) -> None:
    """A column width, indent, page size or group offset of 「1e400」 (an infinity to ``float``) or
    「NaN」 gives no place: the box over the table is judged by what can be placed, or not at all;
    the reader raised ValueError (``int(nan)``), reported as 「读取文件时出错」."""
    drawing = _anchored(_group("30", 0).replace('<a:off x="0" y="0"/><a:ext', f'<a:off x="{value}" y="0"/><a:ext', 1)
                        if where == "group" else box("30"), *OVER_E4)
    body = f"<w:p>{TITLE_SPACING}{run('示例项目2023年度绩效自评表')}{drawing}</w:p>" + _table("")
    body = {"gridCol": body.replace('<w:gridCol w:w="1500"/>', f'<w:gridCol w:w="{value}"/>', 1),
            "tblInd": body.replace('<w:tblW w:w="0" w:type="auto"/>',
                                   f'<w:tblW w:w="0" w:type="auto"/><w:tblInd w:w="{value}" w:type="dxa"/>', 1),
            "pgSz": body + f'<w:sectPr><w:pgSz w:w="{value}" w:h="{value}"/><w:pgMar w:top="{value}" w:left="{value}"/></w:sectPr>',
            "group": body}[where]
    try:
        read_docx(write_docx(tmp_path / "form.docx", body))
    except ImportFailure as failure:
        assert str(failure)


def _in_cell(text: str, x: int, y: int, cx: int = 900, cy: int = 300) -> str:
    """A floating box anchored in a cell's paragraph, (x, y) twips from the cell's text (``column``)
    and its paragraph's top, as Word places one laid out in its cell (``layoutInCell``)."""
    return (f'<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" '
            f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{x * EMU}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y * EMU}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx * EMU}" cy="{cy * EMU}"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/>'
            f"<a:graphic>{box(text)}</a:graphic></wp:anchor></w:drawing></w:r>")


def _boxed_table(e3: str, e4: str) -> str:
    """The form, E3 (结业率's 得分) and E4 (满意度's 得分) holding the runs given."""
    rows = [_row(*FORM_HEAD), _row("培训人次", "40", "≥100人", "120人", "40"),
            f'<w:tr><w:trPr><w:trHeight w:val="{ROW}" w:hRule="exact"/></w:trPr>'
            + "".join(tc(run(t)) for t in ("结业率", "30", "≥90%", "95%")) + f"<w:tc><w:p>{e3}</w:p></w:tc></w:tr>",
            f'<w:tr><w:trPr><w:trHeight w:val="{ROW}" w:hRule="exact"/></w:trPr>'
            + "".join(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")) + f"<w:tc><w:p>{e4}</w:p></w:tc></w:tr>"]
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(5))
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


def _boxed(tmp: Path, e3: str, e4: str) -> Path:
    return write_docx(tmp / "form.docx", f"<w:p>{TITLE_SPACING}{run('示例项目2023年度绩效自评表')}</w:p>" + _boxed_table(e3, e4))


def test_a_box_in_an_empty_cell_moved_onto_the_next_rows_figure_refuses_naming_that_cell(tmp_path: Path) -> None:
    """「30」 anchored in the empty E3, 450 twips down: it prints over E4's 「26」 (rows exactly 400
    high), and was read as E3's score."""
    with pytest.raises(ImportFailure) as refused:
        read_docx(_boxed(tmp_path, _in_cell("30", 100, ROW + 50), run("26")))
    said = str(refused.value)
    assert "表1第4行第5列「26」上的文本框「30」（锚定在第3行第5列，按位置印在这一格上）" in said, said


def test_a_box_moved_off_its_cells_figure_onto_an_empty_cell_is_named_not_read(tmp_path: Path) -> None:
    """「30」 anchored in E4 beside its 「26」 but moved up onto the empty E3: E4 prints 「26」 alone
    (the file was refused as a box over E4's own figure), E3 shows a box the reader does not read."""
    grid = _grid(_boxed(tmp_path, "", run("26") + _in_cell("30", 100, -ROW + 50)))
    assert grid.rows[2][4].text == "" and grid.rows[3][4].text == "26"
    assert any("表1第4行第5列中的文本框「30」按位置印在表1第3行第5列（空白）上，没有读进表格" in n for n in grid.notes), grid.notes


def test_a_box_placed_within_its_own_cell_stays_the_cells(tmp_path: Path) -> None:
    grid = _grid(_boxed(tmp_path, _in_cell("30", 100, 50), run("26")))
    assert grid.rows[2][4].text == "30" and any("是浮在格子上的文本框中的文字" in n for n in grid.notes), grid.notes


def _floating(table: str, x: int, y: int, overlap: str = "") -> str:
    """`table` made floating (「文字环绕：环绕」), placed x, y twips from the margins."""
    place = (f'<w:tblpPr w:leftFromText="180" w:rightFromText="180" w:horzAnchor="margin" w:vertAnchor="margin" '
             f'w:tblpX="{x}" w:tblpY="{y}"/>' + (f'<w:tblOverlap w:val="{overlap}"/>' if overlap else ""))
    return table.replace("<w:tblPr>", "<w:tblPr>" + place, 1)


def _patch(text: str) -> str:
    """A table of one cell, 1000 × 400 twips, holding `text`."""
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>'
            f"{_row(text)}</w:tbl>")


@pytest.mark.parametrize(("score", "overlap"), [("26", ""), ("", ""), ("26", "never")])
def test_a_floating_table_placed_over_anothers_figure_refuses_the_document(tmp_path: Path, score: str,
                                                                            overlap: str) -> None:
    """The form and a one-cell table of 「30」 both floating, the second placed over E4 (its middle at
    6750 twips across and 1400 down from the margins): Word prints 「30」 over E4's figure."""
    body = (f"<w:p>{TITLE_SPACING}{run('示例项目2023年度绩效自评表')}</w:p>" + _floating(_table(score), 0, 0)
            + "<w:p/>" + _floating(_patch("30"), 6750 - 500, 3 * ROW - 100, overlap))
    path = write_docx(tmp_path / "form.docx", body)
    if score and not overlap:
        with pytest.raises(ImportFailure) as refused:
            read_docx(path)
        said = str(refused.value)
        assert "表2第1行第1列「30」（浮动的表格）按位置印在表1第4行第5列「26」上" in said and "文字环绕" in said, said
        return
    blocks, _ = read_docx(path)
    form = next(b for b in blocks if isinstance(b, Grid))
    noted = any("表2第1行第1列「30」（浮动的表格）按位置印在表1第4行第5列（空白）上" in n for n in form.notes)
    assert noted is (not overlap), form.notes


def _vml_group(text: str, left: int) -> str:
    """A VML group (Word in compatibility mode), 2700 × 600 twips over E4 and the margin right of the
    table (as `OVER_E4`, from the page's left and the title's top), its own units 3000 × 600,
    holding one text box `text` a third of its width from `left` in those units."""
    x, y, _, cy = OVER_E4
    return (f'<w:r><w:pict><v:group xmlns:w10="urn:schemas-microsoft-com:office:word" style="position:absolute;'
            f"margin-left:{x / 20:g}pt;margin-top:{y / 20:g}pt;width:135pt;height:{cy / 20:g}pt;z-index:2;"
            'mso-position-horizontal-relative:page;mso-position-vertical-relative:text" coordsize="3000,600" '
            f'coordorigin="0,0"><v:shape style="position:absolute;left:{left};top:0;width:1000;height:600">'
            f"<v:textbox><w:txbxContent>{para(text)}</w:txbxContent></v:textbox></v:shape></v:group></w:pict></w:r>")


@pytest.mark.parametrize("over", [True, False])
def test_a_box_in_a_vml_group_is_placed_where_it_prints_in_its_group(tmp_path: Path, over: bool) -> None:
    """As a DrawingML group's: the box in the group's left third prints over E4's 「26」 (refused),
    in its right third beside the table (nothing over the form)."""
    if over:
        with pytest.raises(ImportFailure, match="表1第4行第5列「26」上的文本框「备注」"):
            read_docx(_doc(tmp_path, _vml_group("备注", 0)))
    else:
        grid = _grid(_doc(tmp_path, _vml_group("备注", 2000)))
        assert grid.rows[3][4].text == "26" and not any("文本框" in n for n in grid.notes), grid.notes


def test_a_vml_box_in_an_empty_cell_moved_onto_the_next_rows_figure_refuses_naming_that_cell(tmp_path: Path) -> None:
    """As the DrawingML box: a VML one (compatibility mode) 22.5 pt down from E3's paragraph."""
    moved = ('<w:r><w:pict><v:shape style="position:absolute;margin-left:5pt;margin-top:22.5pt;width:45pt;height:15pt;'
             f'z-index:2"><v:textbox><w:txbxContent>{para("30")}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    with pytest.raises(ImportFailure, match="表1第4行第5列「26」上的文本框「30」（锚定在第3行第5列，按位置印在这一格上）"):
        read_docx(_boxed(tmp_path, moved, run("26")))
