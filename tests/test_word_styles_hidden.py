"""Word's hidden and struck text as Word lays its styles: toggles (ECMA-376 17.7.3) and the
conditional parts of a table style (17.7.6).

``w:vanish``, ``w:strike`` and ``w:dstrike`` are toggles: set in a paragraph style and again in a
character style they cancel out, and Word shows the run; LibreOffice 7 takes the nearest layer that
sets one and hides it (both rendered here: LibreOffice's PDF of such a document holds no such
text). Read by the nearest layer alone, a run Word hides could be published, a run Word shows
dropped. A table style's parts for the header row, the total row and the bands colour only the
cells they fall on (``w:tblLook``): white header text on the part's dark fill is seen, a band's
white on white is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import para, run, tbl, tc, tr, write_docx

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure

HIDDEN_P = ('<w:style w:type="paragraph" w:customStyle="1" w:styleId="Remark"><w:name w:val="批注文字"/>'
            '<w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style>')
HIDDEN_C = ('<w:style w:type="character" w:customStyle="1" w:styleId="RemarkChar"><w:name w:val="批注文字 字符"/>'
            '<w:rPr><w:vanish/></w:rPr></w:style>')
SHOWN_C = ('<w:style w:type="character" w:customStyle="1" w:styleId="PlainChar"><w:name w:val="正常 字符"/>'
           '<w:rPr><w:vanish w:val="0"/></w:rPr></w:style>')
STRUCK_P = ('<w:style w:type="paragraph" w:customStyle="1" w:styleId="Void"><w:name w:val="作废"/>'
            '<w:rPr><w:strike/></w:rPr></w:style>')
STRUCK_C = ('<w:style w:type="character" w:customStyle="1" w:styleId="VoidChar"><w:name w:val="作废 字符"/>'
            '<w:rPr><w:strike/></w:rPr></w:style>')
STYLES = HIDDEN_P + HIDDEN_C + SHOWN_C + STRUCK_P + STRUCK_C


def _grid(path: Path) -> Grid:
    blocks, _ = read_docx(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid


def _in(style: str, runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def _styled(style: str, text: str, props: str = "") -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _one_cell(tmp: Path, cell: str, defaults: str = "") -> Grid:
    body = para("示例项目2023年度绩效自评表") + tbl(tr(tc(run("得分"))), tr(cell), columns=1)
    return _grid(write_docx(tmp / "f.docx", body, styles=STYLES, defaults=defaults))


DISPUTED = "按 Word 的规则互相抵消，Word 与 LibreOffice 等软件显示得不一样；按 Word 显示的导入"


@pytest.mark.parametrize(("cell", "defaults", "text", "said"), [
    # hidden by the paragraph style and again by the character style: Word shows it
    (tc(_in("Remark", _styled("RemarkChar", "20"))), "", "20", "「20」（Word 中显示，LibreOffice 中隐藏）"),
    # hidden by the document's defaults and again by the paragraph style: Word shows it
    (tc(_in("Remark", run("20"))), "<w:vanish/>", "20", "「20」（Word 中显示，LibreOffice 中隐藏）"),
    # a character style's 「not hidden」 leaves the paragraph style's hidden as it was: Word hides it
    (tc(_in("Remark", _styled("PlainChar", "20"))), "", "", "「20」（Word 中隐藏，LibreOffice 中显示）"),
    # set on the run, a toggle is what it says: both hide it
    (tc(_in("Remark", _styled("RemarkChar", "20", "<w:vanish/>"))), "", "", ""),
    (tc(_in("Remark", _styled("RemarkChar", "20", '<w:vanish w:val="0"/>'))), "", "20", ""),
    # one style alone: both hide it
    (tc(_in("Remark", run("20"))), "", "", ""),
])
def test_hidden_text_set_twice_in_the_styles_is_read_as_word_shows_it_and_named(
        tmp_path: Path, cell: str, defaults: str, text: str, said: str) -> None:
    grid = _one_cell(tmp_path, cell, defaults)
    assert [c.text for c in grid.rows[1]] == [text]
    notes = [n for n in grid.notes if DISPUTED in n]
    assert (notes and notes[0].startswith(f"表1第2行第1列{said}：") if said else not notes), grid.notes


def test_strike_set_twice_in_the_styles_is_refused_saying_the_programs_differ(tmp_path: Path) -> None:
    """Word draws no line (the toggles cancel), LibreOffice does: which figure stands is not settled."""
    cell = tc(_in("Void", _styled("VoidChar", "90%")))
    with pytest.raises(ImportFailure, match="表1第2行第1列「90%」（Word 中没有删除线，LibreOffice 中有删除线）"):
        _one_cell(tmp_path, cell)


def test_strike_of_one_style_is_refused_as_before(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="表1第2行第1列「90%」：这些表格中的文字有删除线"):
        _one_cell(tmp_path, tc(_in("Void", run("90%"))))


DARK = '<w:shd w:val="clear" w:color="auto" w:fill="4472C4"/>'
WHITE = '<w:color w:val="FFFFFF"/>'
GRID_TABLE = (
    '<w:style w:type="table" w:styleId="GridTable4-Accent1"><w:name w:val="Grid Table 4 Accent 1"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="49"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
    '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>' + WHITE + '</w:rPr>'
    '<w:tblPr/><w:tcPr>' + DARK + '</w:tcPr></w:tblStylePr>'
    '<w:tblStylePr w:type="lastRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>'
    '<w:tblStylePr w:type="band2Horz"><w:rPr>' + WHITE + '</w:rPr></w:tblStylePr>'
    '<w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>')
"""Word's 「网格表 4 - 着色 1」 cut to what matters, and made hostile: white bold header text on the
header row's blue, the total row hidden, every second body row white on the white page."""


def _banded(tmp: Path, look: str) -> Grid:
    rows = [tr(*(tc(run(t)) for t in r)) for r in (("指标", "得分"), ("培训人次", "40"), ("结业率", "30"),
                                                   ("满意度", "30"), ("合计", "100"))]
    table = tbl(*rows, columns=2, style="GridTable4-Accent1").replace(
        '<w:tblW w:w="0" w:type="auto"/>', f'<w:tblW w:w="0" w:type="auto"/>{look}')
    return _grid(write_docx(tmp / "f.docx", para("示例项目2023年度绩效自评表") + table, styles=GRID_TABLE))


def test_a_table_styles_parts_colour_only_the_cells_they_fall_on(tmp_path: Path) -> None:
    look = ('<w:tblLook w:val="04E0" w:firstRow="1" w:lastRow="1" w:firstColumn="1" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/>')
    grid = _banded(tmp_path, look)
    assert [[c.text for c in r] for r in grid.rows] == [["指标", "得分"], ["培训人次", "40"], ["", ""],
                                                       ["满意度", "30"], ["", ""]]
    [note] = [n for n in grid.notes if "在 Word 中看不见" in n]
    assert note.startswith("表1第3行第1列「结业率」（白色文字在白色底上）、表1第3行第2列「30」（白色文字在白色底上）："), note


def test_parts_the_table_does_not_switch_on_are_not_applied(tmp_path: Path) -> None:
    """「表格样式选项」 with 汇总行 and 镶边行 off (Word 2007's bits: 0x0020 first row only, 0x0200 no bands)."""
    grid = _banded(tmp_path, '<w:tblLook w:val="0220"/>')
    assert [[c.text for c in r] for r in grid.rows] == [["指标", "得分"], ["培训人次", "40"], ["结业率", "30"],
                                                       ["满意度", "30"], ["合计", "100"]]
    assert not [n for n in grid.notes if "在 Word 中看不见" in n], grid.notes
