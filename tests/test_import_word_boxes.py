"""Word text boxes in a form's cells. A box in the line of the cell's text (``wp:inline``) is part
of it; a floating one (``wp:anchor``, or a VML shape positioned absolutely, as Word 2003 wrote it) is
printed where its offsets put it, over the cell's own text or beside it. Read as the cell's next
line, a 「30」 typed in a box over the 得分 「26」 gave 「26\\n30」; which one the form shows is the
clerk's to say. A floating box in an otherwise empty cell is the cell's only text."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import FORM_HEAD, para, plain_row, run, tbl, tc, tr, write_docx

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure

DRAWN = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:{how} distT="0" distB="0" distL="0" '
         'distR="0"{where}><wp:extent cx="457200" cy="228600"/><wp:docPr id="1" name="文本框 1"/><a:graphic>'
         '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
         '<wps:cNvSpPr txBox="1"/><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
         '</a:graphicData></a:graphic></wp:{how}></w:drawing></mc:Choice><mc:Fallback><w:pict>'
         '<v:shape style="position:absolute;margin-left:0;margin-top:0;width:36pt;height:18pt"><v:textbox>'
         '<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
"""A text box as Word 2010+ writes it: the DrawingML shape, and its VML copy for older readers."""
FLOATING = DRAWN.format(how="anchor", where=' simplePos="0" relativeHeight="2" behindDoc="0" locked="0" '
                        'layoutInCell="1" allowOverlap="1"', inner="{inner}")
INLINE = DRAWN.format(how="inline", where="", inner="{inner}")
VML = ('<w:r><w:pict><v:shape style="{style}width:36pt;height:18pt"><v:textbox><w:txbxContent>{inner}'
       '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
"""A text box as Word 2003 wrote it: VML alone, floating where its style says ``position:absolute``."""


def _form(tmp: Path, score: str) -> Path:
    """A small 自评表 whose last 得分 cell holds `score` (runs)."""
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "40"),
            plain_row("结业率", "30", "≥90%", "95%", "30"), tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")), tc(score))]
    return write_docx(tmp / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows))


def _grid(path: Path) -> Grid:
    blocks, _ = read_docx(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid


@pytest.mark.parametrize("box", [FLOATING, VML.replace("{style}", "position:absolute;margin-left:2pt;")])
def test_a_floating_box_over_a_cells_own_figure_refuses_the_file_naming_the_cell(tmp_path: Path, box: str) -> None:
    with pytest.raises(ImportFailure) as refused:
        read_docx(_form(tmp_path, run("26") + box.format(inner=para("30"))))
    message = str(refused.value)
    assert "表1第4行第5列「26」上的文本框「30」" in message and "浮动的文本框" in message and "移进格子" in message


@pytest.mark.parametrize("box", [INLINE, VML.replace("{style}", "")])
def test_a_box_in_the_line_of_the_cells_text_is_read_with_it(tmp_path: Path, box: str) -> None:
    grid = _grid(_form(tmp_path, run("26") + box.format(inner=para("分"))))
    assert grid.rows[3][4].text == "26\n分" and not grid.notes


def test_a_floating_box_in_an_empty_cell_is_the_cells_text_with_a_note(tmp_path: Path) -> None:
    grid = _grid(_form(tmp_path, FLOATING.format(inner=para("30"))))
    assert grid.rows[3][4].text == "30"
    assert any("表1第4行第5列「30」是浮在格子上的文本框中的文字" in n and "核对" in n for n in grid.notes), grid.notes
