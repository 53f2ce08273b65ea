"""What a real Excel or Word file can hide from a reader that does not read it as Excel or Word shows it.

Each file is built from the XML those programs write (`raw_office`). The rule: a cell is read as
the clerk sees it, or the file is refused naming the cell and what to do; never a silent different
figure. What each case guards against, as it was before: a struck 「90%」 beside 「95%」 read as
「90%95%」; a score of 20 hidden by the format ``;;;`` published; 「#N/A」 published as the figure
achieved; a Symbol-font ≥ dropped so 「≥90%」 read 「90%」; two of three indicators lost inside a
content control; a cell inside custom XML dropped, moving 「≥90%」 into the 分值 column; a text
box's title read twice; two whole forms on two sheets read as one programme of weight 200.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import (
    FORM_HEAD,
    Book,
    Sheet,
    form_rows,
    num,
    para,
    plain_row,
    row,
    run,
    shared,
    tbl,
    tc,
    text_cell,
    tr,
    word_form_rows,
    write_docx,
    write_xlsx,
)
from test_import_formats import lo_convert, office  # noqa: F401  (office is a fixture)

from perfsite.cli import main
from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.xlsx_reader import read_xlsx

TITLE = "示例项目2023年度绩效自评表"


def imported(tmp: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """(what `perfsite import` said, the programme file it wrote or "")."""
    main(["import", str(path), "--out", str(tmp / "out")])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    written = sorted((tmp / "out").rglob("*.yaml")) if (tmp / "out").exists() else []
    return out, written[0].read_text(encoding="utf-8") if written else ""


def texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in r] for r in grid.rows]


def only_grid(path: Path) -> Grid:
    blocks, _ = read_docx(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid


# --------------------------------------------------------------------------- Excel: text as shown

def test_phonetic_runs_are_not_text_and_rich_runs_join(tmp_path: Path) -> None:
    """WPS and Excel keep a phonetic guide (<rPh>) with CJK text; it shows only on request above the
    characters. ``_x000D_`` is how Excel saves the CR of a line typed on Windows."""
    strings = ['<r><t>培训</t></r><r><rPr><b/></rPr><t>人次</t></r><rPh sb="0" eb="2"><t>ペイシュン</t></rPh>'
               '<phoneticPr fontId="0"/>',
               '<t>≥100人</t><rPh sb="0" eb="1"><t>ダイ</t></rPh><phoneticPr fontId="0" type="noConversion"/>',
               "<t>120_x000D_\n人</t>", "<t>a_x005F_x000D_b</t>"]
    data = (form_rows().replace(text_cell("A3", "培训人次"), shared("A3", 0))
            .replace(text_cell("C3", "≥100人"), shared("C3", 1)).replace(text_cell("D3", "120人"), shared("D3", 2))
            + row(6, shared("A6", 3), '<c r="B6" t="inlineStr"><is><r><t>9</t></r><r><t>5</t></r>'
                                       '<rPh sb="0" eb="1"><t>キュウ</t></rPh></is></c>'))
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)], strings=strings)))
    assert texts(grid)[2][:4] == ["培训人次", "40", "≥100人", "120\n人"]
    assert texts(grid)[5][:2] == ["a_x000D_b", "95"]  # _x005F_ escapes the underscore: the text is literal


@pytest.mark.parametrize(("strings", "cell", "font", "says"), [
    (['<r><rPr><strike/></rPr><t>90%</t></r><r><t>95%</t></r>'], shared("D4", 0), 0, "D4 「90%」划掉、「95%」未划掉"),
    ([], num("E5", 25, 1), 1, "E5 「25」划掉"),
], ids=["struck run", "struck cell"])
def test_struck_through_text_refuses_the_file_naming_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             strings: list[str], cell: str, font: int, says: str) -> None:
    """A struck old figure beside the new one: the paper form shows both; which stands is the clerk's to say."""
    old = text_cell("D4", "95%") if "D4" in cell else num("E5", 30)
    book = Book([Sheet("自评表", form_rows().replace(old, cell))], strings=strings,
                fonts=['<font><sz val="11"/></font>', '<font><strike/><sz val="11"/></font>'], xfs=[(0, 0), (0, 1)])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert written == ""
    assert f"工作表「自评表」 {says}：这些格的文字有删除线" in out and "请删去作废的内容（或取消删除线）" in out


def test_strike_turned_off_is_no_strike(tmp_path: Path) -> None:
    book = Book([Sheet("自评表", form_rows().replace(num("E5", 30), num("E5", 30, 1)))],
                fonts=['<font/>', '<font><strike val="0"/></font>'], xfs=[(0, 0), (0, 1)])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[4][4] == "30"


def test_a_value_the_format_hides_is_read_blank_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``;;;`` shows nothing (LibreOffice's PDF of this file shows E4 and E5 empty)."""
    data = form_rows().replace(num("E4", 30), num("E4", 20, 1)).replace(num("E5", 30), num("E5", 30, 1))
    book = Book([Sheet("自评表", data)], formats={164: ";;;"}, xfs=[(0, 0), (164, 0)])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert "score: 20" not in written and written.count("score:") == 1
    assert "E4（20）、E5（30）保存了内容，但数字格式" in out and "显示为空白" in out


WHITE_FONTS = {"rgb": '<font><color rgb="FFFFFFFF"/></font>', "theme": '<font><color theme="0"/></font>',
               "indexed": '<font><color indexed="9"/></font>'}


@pytest.mark.parametrize("white", list(WHITE_FONTS))
def test_a_white_figure_on_white_is_read_blank_and_said(tmp_path: Path, white: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A clerk whitens an old score rather than delete it: the printed form shows E4 empty; read as
    stored, the 20 was published."""
    data = form_rows().replace(num("E4", 30), num("E4", 20, 1))
    book = Book([Sheet("自评表", data)], fonts=["<font/>", WHITE_FONTS[white]], xfs=[(0, 0), (0, 1)])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert "score: 20" not in written and written.count("score:") == 2
    assert "E4（20，文字是白色的，底色也是白色）保存了内容，但在表上看不见：按表上的空白导入" in out


@pytest.mark.parametrize(("font", "fill", "hidden"), [
    ('<font><color rgb="FF1F4E79"/></font>', '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/></patternFill></fill>', True),
    ('<font><color theme="4" tint="-0.25"/></font>', '<fill><patternFill patternType="solid"><fgColor theme="4" tint="-0.25"/></patternFill></fill>', True),
    ('<font><color rgb="FFFFFFFF"/></font>', '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/></patternFill></fill>', False),
    ('<font><color theme="4"/></font>', '<fill><patternFill patternType="solid"><fgColor theme="4" tint="0.8"/></patternFill></fill>', False),
    ("<font/>", '<fill><patternFill patternType="solid"><fgColor rgb="FF000000"/></patternFill></fill>', True),
    ('<font><sz val="1"/></font>', "", True),
    ('<font><sz val="6"/></font>', "", False),
])
def test_text_the_colour_of_its_fill_or_too_small_to_see(tmp_path: Path, font: str, fill: str, hidden: bool) -> None:
    """White on a dark header fill is the usual header style and is read; the fill's own colour is not."""
    data = form_rows().replace(num("E4", 30), num("E4", 30, 1))
    book = Book([Sheet("自评表", data)], fonts=["<font/>", font], fills=[fill] if fill else [],
                xfs=[(0, 0), (0, 1, 2 if fill else 0)])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[3][4] == ("" if hidden else "30")
    assert any("保存了内容，但在表上看不见" in n for n in grid.notes) is hidden


_RUN_WHITE = '<r><rPr><color rgb="FFFFFFFF"/><sz val="11"/></rPr><t>100%</t></r>'


@pytest.mark.parametrize(("runs", "fill", "shown", "said"), [
    (f"<r><t>90%</t></r>{_RUN_WHITE}", "", "90%", "D4（「100%」文字是白色的，底色也是白色，读作「90%」）"),
    ('<r><t>90%</t></r><r><rPr><color theme="0"/></rPr><t>（原100%）</t></r>', "", "90%",
     "D4（「（原100%）」文字是白色的，底色也是白色，读作「90%」）"),
    ('<r><t>90%</t></r><r><rPr><sz val="1"/></rPr><t>100%</t></r>', "", "90%", "D4（「100%」字号只有 1 磅，读作「90%」）"),
    ('<r><rPr><color rgb="FF1F4E79"/></rPr><t>旧</t></r><r><rPr><color rgb="FFFFFFFF"/></rPr><t>90%</t></r>',
     '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/></patternFill></fill>', "90%",
     "D4（「旧」文字的颜色与单元格的填充色相同，读作「90%」）"),  # white on dark blue is seen, the blue is not
    (f"<t>9</t><r><t>0%</t></r>{_RUN_WHITE}", "", "90%", "读作「90%」"),
    ('<r><rPr><color rgb="FFFF0000"/></rPr><t>90%</t></r><r><rPr><sz val="11"/></rPr><t>（已核）</t></r>', "",
     "90%（已核）", ""),  # red and unstyled runs are seen
])
def test_part_of_a_rich_text_cell_no_one_can_see_is_left_out_and_said(tmp_path: Path, runs: str, fill: str,
                                                                      shown: str, said: str) -> None:
    """A clerk whitens the old figure inside the cell rather than deleting it: 「90%」 and a white
    「100%」 in one cell (rich text) read 「90%100%」."""
    data = form_rows().replace(text_cell("D4", "95%"), shared("D4", 0, 1 if fill else 0))
    book = Book([Sheet("自评表", data)], strings=[runs], fills=[fill] if fill else [],
                xfs=[(0, 0), (0, 0, 2)] if fill else [(0, 0)])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[3][3] == shown, texts(grid)
    notes = [n for n in grid.notes if "格中有一部分文字在表上看不见" in n]
    assert (len(notes) == 1 and said in notes[0]) if said else not notes, grid.notes


def test_a_rich_text_cell_wholly_unseen_is_read_blank(tmp_path: Path) -> None:
    """Every run white: the cell is the blank the form shows, said as a whitened cell is."""
    data = form_rows().replace(text_cell("D4", "95%"), shared("D4", 0))
    book = Book([Sheet("自评表", data)], strings=[_RUN_WHITE])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[3][3] == ""
    assert any("D4（100%，文字是白色的，底色也是白色）保存了内容，但在表上看不见" in n for n in grid.notes), grid.notes


def test_a_white_cell_whose_runs_are_coloured_is_read(tmp_path: Path) -> None:
    """The cell's font is white, its rich text's runs red and black: Excel draws the runs' colours,
    so the text is seen (it was read as a whitened cell, blank); a run of no colour of its own is
    drawn white and left out."""
    runs = ('<r><rPr><color rgb="FFFF0000"/></rPr><t>90%</t></r><r><rPr><color theme="1"/></rPr><t>（已核）</t></r>'
            '<r><rPr><sz val="11"/></rPr><t>旧</t></r>')
    data = form_rows().replace(text_cell("D4", "95%"), shared("D4", 0, 1))
    book = Book([Sheet("自评表", data)], strings=[runs], fonts=["<font/>", WHITE_FONTS["rgb"]], xfs=[(0, 0), (0, 1)])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[3][3] == "90%（已核）", texts(grid)
    assert any("D4（「旧」文字是白色的，底色也是白色，读作「90%（已核）」）" in n for n in grid.notes), grid.notes
    assert not any("保存了内容，但在表上看不见" in n for n in grid.notes), grid.notes


def conditional(sqref: str, *rules: str) -> str:
    return f'<conditionalFormatting sqref="{sqref}">{"".join(rules)}</conditionalFormatting>'


def cf_rule(kind: str, *formulas: str, dxf: int = 0, priority: int = 1, extra: str = "") -> str:
    inner = "".join(f"<formula>{_xml(f)}</formula>" for f in formulas)
    return f'<cfRule type="{kind}" dxfId="{dxf}" priority="{priority}"{extra}>{inner}</cfRule>'


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


DXF_WHITE = '<dxf><font><color rgb="FFFFFFFF"/></font></dxf>'
DXF_HIDE = '<dxf><numFmt numFmtId="200" formatCode=";;;"/></dxf>'
DXF_RED = '<dxf><font><color rgb="FFFF0000"/></font></dxf>'
DXF_DARK = '<dxf><fill><patternFill><bgColor rgb="FF000000"/></patternFill></fill></dxf>'


ALL = "E3 E4 E5"


@pytest.mark.parametrize(("rules", "hidden"), [
    (cf_rule("cellIs", "20", extra=' operator="equal"'), "E4"),
    (cf_rule("cellIs", "25", extra=' operator="equal"'), ""),
    (cf_rule("cellIs", "10", "30", extra=' operator="between"'), "E4 E5"),
    (cf_rule("cellIs", "30", "10", extra=' operator="between"'), "E4 E5"),  # bounds in either order
    (cf_rule("cellIs", "10", "30", extra=' operator="notBetween"'), "E3"),
    (cf_rule("cellIs", "15", extra=' operator="greaterThan"'), ALL),
    (cf_rule("cellIs", '"作废"', extra=' operator="equal"'), ""),  # text is never equal to a number
    (cf_rule("expression", "TRUE"), ALL),
    (cf_rule("expression", "1=1"), ALL),
    (cf_rule("expression", "1=2"), ""),
    (cf_rule("cellIs", "20", dxf=1, extra=' operator="equal"'), "E4"),  # ;;; by the rule
    (cf_rule("cellIs", "20", dxf=3, extra=' operator="equal"'), "E4"),  # a black fill under black text
    (cf_rule("cellIs", "20", dxf=2, extra=' operator="equal"'), ""),  # red: seen
    # a higher rule's red is drawn over a lower rule's white; a rule that holds and stops keeps the rest off
    (cf_rule("expression", "TRUE", dxf=2, priority=1) + cf_rule("expression", "TRUE", dxf=0, priority=2), ""),
    (cf_rule("expression", "TRUE", dxf=0, priority=1) + cf_rule("expression", "TRUE", dxf=2, priority=2), ALL),
    (cf_rule("expression", "FALSE", dxf=2, priority=1, extra=' stopIfTrue="1"')
     + cf_rule("expression", "TRUE", dxf=0, priority=2), ALL),
    (cf_rule("expression", "TRUE", dxf=2, priority=1, extra=' stopIfTrue="1"')
     + cf_rule("expression", "TRUE", dxf=1, priority=2), ""),
    (cf_rule("expression", "$B$4>0"), "?"),  # refers to a cell: not evaluated, read and named
    (cf_rule("top10", extra=' rank="1"'), "?"),
    (cf_rule("expression", "$B$4>0", dxf=2), ""),  # could not hide it: nothing to say
])
def test_a_conditional_format_that_hides_the_value_reads_it_blank(tmp_path: Path, rules: str, hidden: str) -> None:
    """A clerk hides an old score 「by rule」: 条件格式 「单元格值 = 20 → 白色字体」 (or ``TRUE``, or a
    ``;;;`` format). The printed form shows E4 empty; read as stored, 20 was published. The rule
    covers E3:E5 (40, 20, 30); "?" is a rule not evaluated here that could hide them."""
    data = form_rows().replace(num("E4", 30), num("E4", 20))
    book = Book([Sheet("自评表", data, after=conditional("E3:E5 G1", rules))], dxfs=[DXF_WHITE, DXF_HIDE, DXF_RED, DXF_DARK])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    gone = [] if hidden == "?" else hidden.split()
    assert [r[4] for r in texts(grid)[2:5]] == ["" if f"E{r}" in gone else v for r, v in ((3, "40"), (4, "20"), (5, "30"))]
    said = [n for n in grid.notes if "条件格式" in n]
    if hidden == "?":
        assert len(said) == 1 and "E3（40）、E4（20）、E5（30）有条件格式，条件成立时文字在表上看不见" in said[0], said
    elif gone:
        assert len(said) == 1 and said[0].startswith(f"工作表「自评表」 {gone[0]}（") and "条件格式使" in said[0], said
        assert all(f"{ref}（" in said[0] for ref in gone), said
    else:
        assert not said, said


def test_a_score_hidden_by_a_conditional_format_is_not_published(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = form_rows().replace(num("E4", 30), num("E4", 20))
    rule = cf_rule("cellIs", "20", extra=' operator="equal"')
    book = Book([Sheet("自评表", data, after=conditional("E4", rule))], dxfs=[DXF_WHITE])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert "score: 20" not in written and written.count("score:") == 2
    assert "E4（20，条件格式使文字是白色的，底色也是白色）保存了内容，但工作表的条件格式使它在表上看不见" in out


def test_cells_outside_the_print_area_are_not_the_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Scratch figures beside the form and a last year's row under it, outside the print area: what
    was printed and published is the area (a row added under a print area does not print either)."""
    data = (form_rows().replace(num("E3", 40), num("E3", 40) + num("G3", 123))
            + row(7, text_cell("A7", "上年旧指标"), num("B7", 10), text_cell("C7", "≥1项"), text_cell("D7", "1项"), num("E7", 10)))
    book = Book([Sheet("说明", row(1, text_cell("A1", "草稿"))), Sheet("自评表", data)],
                print_areas={1: "'自评表'!$A$1:$E$5"})
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert "上年旧指标" not in written and written.count("score:") == 3
    assert "工作表「自评表」设置了打印区域（A1:E5），区域以外的内容没有导入：" in out
    assert "G3「123」、A7「上年旧指标」" in out


def test_a_print_area_over_none_of_the_form_is_not_trusted(tmp_path: Path) -> None:
    book = Book([Sheet("自评表", form_rows())], print_areas={0: "自评表!$K$40:$M$50"})
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[2][0] == "培训人次" and any("打印区域（K40:M50）里没有内容，已按整张表导入" in n for n in grid.notes)


@pytest.mark.parametrize(("value", "number_format", "blank"), [
    (20, ";;;", True), ("说明", ";;;", True), (0, "0;-0;", True), (-5, "0;", True), (5, "0;", False),
    (0, "0;-0", False), ("说明", "0;-0;0", False), (0, "0.00", False), (7, '[>=10]0;;', True), (12, '[>=10]0;;', False),
    (0, '0;-0;""', True), (20, '""', True), (20, '[Red]""', True), (0, '0;-0;" "', True), ("说明", '0;-0;0;""', True),
    (0, '#,##0;-#,##0;"-"', False), ("说明", '""', False), (5, "0_);(0)", False), (5, "General", False),
    (0, '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', False), ("说明", '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', False),
])
def test_which_values_a_format_shows_as_nothing(value: object, number_format: str, blank: bool) -> None:
    from perfsite.importing.xlsx_reader import shows_nothing

    assert shows_nothing(value, number_format) is blank


# --------------------------------------------------------------------------- Excel: formulas, types, dates

@pytest.mark.parametrize(("cell", "says"), [
    ('<c r="E4" t="e"><f>B4/0</f><v>#DIV/0!</v></c>', "E4（=B4/0）显示 #DIV/0!"),
    ('<c r="D4" t="e"><f>VLOOKUP(A4,参数!A:B,2,0)</f><v>#N/A</v></c>', "D4（=VLOOKUP(A4,参数!A:B,2,0)）显示 #N/A"),
    ('<c r="E4" t="e"><f>#REF!</f><v>#REF!</v></c>', "E4（=#REF!）显示 #REF!"),
])
def test_a_formula_error_is_read_as_blank_and_named_at_its_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               cell: str, says: str) -> None:
    """The form shows no figure where a formula failed: never 「#N/A」 published as the figure
    achieved, nor a score; the clerk is told which cell, and its formula."""
    old = text_cell("D4", "95%") if 'r="D4"' in cell else num("E4", 30)
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", form_rows().replace(old, cell))]))
    out, written = imported(tmp_path, path, capsys)
    assert f"工作表「自评表」 {says}：这些格的公式出错" in out and "已按空白读取" in out
    [grid] = read_xlsx(path)
    assert not any(c.text.startswith("#") for r in grid.rows for c in r)
    assert "#N/A" not in written and "#DIV" not in written and "#REF" not in written
    if 'r="E4"' in cell:  # the 得分 shown as an error: that indicator's score is not published, the others are
        assert written.count("score:") == 2


def test_an_error_in_a_hidden_row_is_not_blamed(tmp_path: Path) -> None:
    data = form_rows() + row(6, text_cell("A6", "旧指标"), '<c r="E6" t="e"><v>#REF!</v></c>', attrs=' hidden="1"')
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)])))
    assert len(grid.rows) == 5


def test_shared_array_and_text_formulas_read_their_saved_results(tmp_path: Path) -> None:
    """Shared formulas (only the first cell holds the text), an array formula, t="str", a boolean."""
    data = (form_rows()
            .replace(num("E3", 40), '<c r="E3"><f t="shared" ref="E3:E5" si="0">B3</f><v>40</v></c>')
            .replace(num("E4", 30), '<c r="E4"><f t="shared" si="0"/><v>30</v></c>')
            .replace(num("E5", 30), '<c r="E5"><f t="array" ref="E5">MIN(B5:B5)</f><v>30</v></c>')
            .replace(text_cell("D4", "95%"), '<c r="D4" t="str"><f>TEXT(0.95,"0%")</f><v>95%</v></c>')
            .replace(text_cell("D5", "92%"), '<c r="D5" t="b"><v>1</v></c>'))
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)])))
    assert [r[4] for r in texts(grid)[2:]] == ["40", "30", "30"]
    assert [r[3] for r in texts(grid)[3:]] == ["95%", "TRUE"]  # Excel and WPS show TRUE, in Chinese too


@pytest.mark.parametrize(("format_id", "formats", "date1904", "serial", "shown"), [
    (31, {}, False, 45291, "2023年12月31日"),   # yyyy"年"m"月"d"日", stored as the id alone: as printed
    (57, {}, False, 45261, "2023年12月"),       # yyyy"年"m"月": a month, never the day 2023-12-01
    (27, {}, False, 45261, "2023年12月"),
    (58, {}, False, 45291, "12月31日"),         # m"月"d"日": the year is not shown
    (165, {165: "yyyy.mm"}, False, 45261, "2023年12月"),  # 「2023.12」 as printed would read as a number
    (166, {166: 'yyyy"年度"'}, False, 45261, "2023年"),
    (17, {}, False, 45261, "2023年12月"),       # mmm-yy
    (14, {}, True, 43829, "2023-12-31"),        # the 1904 date system: four years and a day later
    (164, {164: 'yyyy"年"m"月"d"日"'}, False, 45291, "2023年12月31日"),
    (0, {}, False, 45291, "45291"),             # General: Excel shows the serial, so does the import
])
def test_dates_stored_as_numbers_read_as_the_date_shown(tmp_path: Path, format_id: int, formats: dict[int, str],
                                                        date1904: bool, serial: int, shown: str) -> None:
    data = form_rows() + row(6, text_cell("A6", "填报日期"), num("B6", serial, 1))
    wide = '<cols><col min="2" max="2" width="16" customWidth="1"/></cols>'  # 「2023年12月31日」 prints 「####」 in 8.43
    book = Book([Sheet("自评表", data, before=wide)], formats=formats, xfs=[(0, 0), (format_id, 0)], date1904=date1904)
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[5][:2] == ["填报日期", shown]


def test_text_that_looks_like_a_date_stays_as_typed(tmp_path: Path) -> None:
    data = form_rows() + row(6, text_cell("A6", "起止年限"), text_cell("B6", "2023.1-2023.12"))
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)])))
    assert texts(grid)[5][:2] == ["起止年限", "2023.1-2023.12"]


# --------------------------------------------------------------------------- Excel: sheets

INSTRUCTIONS = row(1, text_cell("A1", "填表说明")) + row(2, text_cell("A2", "1.“年度指标值”按批复的绩效目标填写。"))
OLD_COPY = form_rows(rows=[("培训人次", 40, "≥100人", "80人", 30), ("结业率", 30, "≥90%", "95%", 30),
                           ("满意度", 30, "≥90%", "92%", 30)])


def test_the_form_on_the_third_sheet_after_instructions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = Book([Sheet("填表说明", INSTRUCTIONS), Sheet("Sheet2", ""), Sheet("自评表", form_rows())])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert "取自 工作表「自评表」" in out and 'actual: "120人"' in written


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_old_copy_is_left_out_and_said_how_to_show(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           state: str) -> None:
    book = Book([Sheet("自评表", form_rows()), Sheet("旧表", OLD_COPY, state)])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert 'actual: "120人"' in written and "80人" not in written
    assert "工作表「旧表」是隐藏的工作表，没有导入" in out
    assert ("Alt+F11" in out) is (state == "veryHidden")


def test_a_form_only_on_a_hidden_sheet_is_imported_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = Book([Sheet("Sheet1", ""), Sheet("自评表", form_rows(), "hidden")])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert 'actual: "120人"' in written
    assert "工作表「自评表」是隐藏的工作表（其他工作表都是空的），已按它导入" in out


@pytest.mark.parametrize("second", [OLD_COPY, form_rows("另一项目2023年度绩效自评表")], ids=["same programme", "another"])
def test_two_whole_forms_on_two_sheets_are_refused_naming_both(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              second: str) -> None:
    book = Book([Sheet("项目一", form_rows()), Sheet("项目二", second)])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert written == ""
    assert "工作簿中有 2 张工作表各是一张完整的自评表：工作表「项目一」（示例项目2023年度绩效自评表）、工作表「项目二」" in out


def test_a_form_continued_on_a_second_sheet_still_reads_as_one(tmp_path: Path) -> None:
    """The continuation repeats the header, not the title: both sheets are read, as before."""
    rest = row(1, *(text_cell(f"{c}1", h) for c, h in zip("ABCDE", FORM_HEAD, strict=True))) + row(
        2, text_cell("A2", "宣传次数"), num("B2", 10), text_cell("C2", "≥10次"), text_cell("D2", "12次"), num("E2", 10))
    grids = read_xlsx(write_xlsx(tmp_path / "f.xlsx", Book([Sheet("表一", form_rows()), Sheet("表二", rest)])))
    assert [g.label for g in grids] == ["工作表「表一」", "工作表「表二」"]


# --------------------------------------------------------------------------- Excel: structure

def test_a_cell_written_twice_is_refused(tmp_path: Path) -> None:
    data = form_rows().replace(num("E4", 30), num("E4", 30) + num("E4", 20))
    with pytest.raises(ImportFailure, match="E4 在文件中写了两次"):
        read_xlsx(write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)])))


def test_merges_that_overlap_in_one_cell_are_refused_naming_both(tmp_path: Path) -> None:
    """Two small merges over one cell of a large sheet: their sizes stay within the sheet, so only the
    overlap itself tells."""
    book = Book([Sheet("自评表", form_rows(), after='<mergeCells count="2"><mergeCell ref="A3:B4"/>'
                                                  '<mergeCell ref="B4:C5"/></mergeCells>')])
    with pytest.raises(ImportFailure, match="合并单元格互相重叠（A3:B4 与 B4:C5）"):
        read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))


def test_lying_dimension_rows_out_of_order_and_cells_without_refs(tmp_path: Path) -> None:
    """The dimension is never trusted; rows are placed by their number; a cell without a ref follows the
    one before it, as Excel places it; a merge written backwards or past XFD covers what it names."""
    rows = form_rows().split("</row>")[:-1]
    data = "</row>".join([rows[0], rows[3], rows[1], rows[2], rows[4]]) + "</row>"
    data = data.replace('<c r="B3"><v>40</v></c>', "<c><v>40</v></c>")
    data += '<row><c r="A6" t="inlineStr"><is><t>备注</t></is></c><c t="inlineStr"><is><t>无</t></is></c></row>'
    book = Book([Sheet("自评表", data, before='<dimension ref="A1:B2"/>',
                       after='<mergeCells count="1"><mergeCell ref="E1:A1"/></mergeCells>')])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert texts(grid)[2] == ["培训人次", "40", "≥100人", "120人", "40"]
    assert texts(grid)[3][0] == "结业率" and texts(grid)[5][:2] == ["备注", "无"]
    assert [c.merged for c in grid.rows[0]] == ["", "left", "left", "left", "left"]


# --------------------------------------------------------------------------- Word

BOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp>'
       '<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
       '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>'
       '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def test_a_text_box_is_read_once_not_from_its_fallback_copy(tmp_path: Path) -> None:
    body = f"<w:p>{BOX.format(inner=para(TITLE))}</w:p>" + tbl(*word_form_rows())
    blocks, _ = read_docx(write_docx(tmp_path / "f.docx", body))
    assert [b.text for b in blocks if not isinstance(b, Grid) and b.text] == [TITLE]
    inline = BOX.replace("wp:anchor", "wp:inline")  # in the line of the cell's text (a floating one is refused)
    cell = tr(tc(run("培训人次") + inline.format(inner=para("注"))), *(tc(run(t)) for t in ("40", "≥100人", "120人", "40")))
    grid = only_grid(write_docx(tmp_path / "g.docx", para(TITLE) + tbl(word_form_rows()[0], cell)))
    assert texts(grid)[1][0] == "培训人次\n注"


def test_a_table_in_a_text_box_is_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = para(TITLE) + "<w:p>" + BOX.format(inner=tbl(*word_form_rows()) + "<w:p/>") + "</w:p>"
    out, written = imported(tmp_path, write_docx(tmp_path / "f.docx", body), capsys)
    assert "绩效指标：3 项" in out and written.count("score:") == 3


def test_fields_show_their_result_never_their_code(tmp_path: Path) -> None:
    row2 = tr(tc(run("结业率")), tc(run("30")), tc(run("≥90%")),
              tc('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =95 </w:instrText>'
                 '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>95</w:t></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>%</w:t></w:r>'),
              tc('<w:fldSimple w:instr=" =B2 "><w:r><w:t>30</w:t></w:r></w:fldSimple>'))
    assert texts(only_grid(write_docx(tmp_path / "f.docx", tbl(word_form_rows()[0], row2))))[1] == [
        "结业率", "30", "≥90%", "95%", "30"]


@pytest.mark.parametrize(("runs", "text"), [
    ('<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>' + run("90%"), "≥90%"),
    ('<w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>\u00a3</w:t></w:r>' + run("5元"), "≤5元"),
    ('<w:r><w:sym w:font="Wingdings 2" w:char="F052"/></w:r>' + run("是"), "☑是"),
    # how LibreOffice writes a .doc's Symbol character into the .docx it converts to
    ('<w:r><w:rPr><w:rFonts w:eastAsia="Symbol" w:cs="Symbol" w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'
     '<w:t>\uf0b3</w:t></w:r>' + run("90%"), "≥90%"),
    (run("3") + "<w:r><w:softHyphen/></w:r>" + run("0") + "<w:r><w:noBreakHyphen/></w:r>" + run("1"), "30-1"),
    (run("95") + "<w:r><w:br/></w:r>" + run("%"), "95\n%"),
    (run("95%") + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>', "95%"),
    ('<w:smartTag w:uri="urn:x" w:element="place">' + run("满意") + "</w:smartTag>"
     + '<w:customXml w:element="n">' + run("度") + "</w:customXml>", "满意度"),
    ('<w:r><w:sym w:font="Webdings" w:char="F021"/></w:r>' + run("90%"), "\ufffd90%"),
    ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/></w:rubyPr><w:rt><w:r><w:t>péixùn</w:t></w:r></w:rt>'
     '<w:rubyBase><w:r><w:t>培训</w:t></w:r></w:rubyBase></w:ruby></w:r>' + run("人次"), "培训人次"),
])
def test_run_content_reads_as_word_shows_it(tmp_path: Path, runs: str, text: str) -> None:
    grid = only_grid(write_docx(tmp_path / "f.docx", tbl(plain_row("a"), tr(tc(runs)), columns=1)))
    assert texts(grid)[1] == [text]


def styled(props: str, text: str) -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


WHITE = '<w:color w:val="FFFFFF"/>'
DARK_FILL = '<w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/>'


@pytest.mark.parametrize(("cell", "text", "unseen"), [
    (tc(run("30") + styled(WHITE, "（原20）")), "30", "「（原20）」（白色文字在白色底上）"),
    (tc(run("30") + styled('<w:color w:val="FFFFFF" w:themeColor="background1"/>', "20")), "30", "「20」（白色文字在白色底上）"),
    (tc(styled('<w:color w:val="1F4E79"/>', "20") + run("30"), DARK_FILL), "30", "「20」（文字的颜色与底色相同）"),
    (tc(run("30") + styled('<w:color w:val="FFFF00"/><w:highlight w:val="yellow"/>', "20")), "30", "「20」（文字的颜色与底色相同）"),
    (tc(run("30") + styled('<w:sz w:val="2"/>', "20")), "30", "「20」（字号只有 1 磅）"),
    (tc(styled(WHITE, "30"), DARK_FILL), "30", ""),  # a header's white on dark blue is read
    (tc(styled('<w:color w:val="auto"/>', "30"), '<w:shd w:val="clear" w:fill="000000"/>'), "30", ""),  # 自动 draws white
    (tc(run("3") + styled("<w:webHidden/>", "0")), "30", ""),  # hidden in Web view only: printed, so read
    (tc(run("30") + styled("<w:vanish/>", "20")), "30", ""),   # hidden text: Word neither shows nor prints it
])
def test_text_no_reader_can_see_is_left_out_and_named(tmp_path: Path, cell: str, text: str, unseen: str) -> None:
    """An old figure whitened in a Word table, or shrunk to 1 pt, was read beside the new one (「3020」)."""
    grid = only_grid(write_docx(tmp_path / "f.docx", tbl(plain_row("a"), tr(cell), columns=1)))
    assert texts(grid)[1] == [text]
    said = [n for n in grid.notes if "在 Word 中看不见" in n]
    assert (said == [f"表1第2行第1列{unseen}：这些文字在 Word 中看不见、也打印不出来，按表上看到的（没有这些字）导入；"
                     "如果它应当显示，请把文字颜色改为「自动」、字号改为正常大小后再导入；如果是作废的内容，请删去"]
            if unseen else not said), grid.notes


def char_style(name: str, props: str, based_on: str = "") -> str:
    """A character style (``w:type="character"``) setting `props`, maybe based on another."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="character" w:customStyle="1" w:styleId="{name}"><w:name w:val="{name}"/>{based}'
            f"<w:rPr>{props}</w:rPr></w:style>")


def in_style(name: str, text: str, props: str = "") -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="{name}"/>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(("cell", "text", "unseen"), [
    (tc(run("30") + in_style("Note", "（原20）")), "30", "「（原20）」（白色文字在白色底上）"),
    (tc(run("30") + in_style("Tiny", "20")), "30", "「20」（字号只有 1 磅）"),
    (tc(run("30") + in_style("Gone", "20")), "30", ""),  # hidden by its style: neither shown nor printed
    (tc(run("30") + in_style("Child", "20")), "30", "「20」（白色文字在白色底上）"),  # white by the style it is based on
    (tc(run("3") + in_style("Note", "0", '<w:color w:val="000000"/>')), "30", ""),  # its own colour wins
    (tc(run("3") + in_style("Gone", "0", '<w:vanish w:val="0"/>')), "30", ""),  # shown again by the run itself
    (tc(in_style("Note", "30"), DARK_FILL), "30", ""),  # the style's white on a dark fill is read
    (tc(run("30") + in_style("Loop", "20")), "3020", ""),  # basedOn in a circle: the styles' own properties
])
def test_text_a_character_style_hides_is_left_out_like_direct_formatting(tmp_path: Path, cell: str, text: str,
                                                                         unseen: str) -> None:
    """A run styled 「备注」 whose character style (``w:rStyle``) is white, 1 pt or hidden shows
    as little as one formatted so itself; the run's own property wins over its style's."""
    styles = (char_style("Note", WHITE) + char_style("Tiny", '<w:sz w:val="2"/>') + char_style("Gone", "<w:vanish/>")
              + char_style("Child", '<w:b/>', based_on="Note") + char_style("Loop", '<w:b/>', based_on="Loop2")
              + char_style("Loop2", '<w:i/>', based_on="Loop"))
    grid = only_grid(write_docx(tmp_path / "f.docx", tbl(plain_row("a"), tr(cell), columns=1), styles=styles))
    assert texts(grid)[1] == [text]
    said = [n for n in grid.notes if "在 Word 中看不见" in n]
    assert (len(said) == 1 and said[0].startswith(f"表1第2行第1列{unseen}：") if unseen else not said), grid.notes


def para_style(name: str, props: str, based_on: str = "", shading: str = "") -> str:
    """A paragraph style setting run properties `props` (and paragraph shading), maybe based on another."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{name}"><w:name w:val="{name}"/>{based}'
            f"<w:pPr>{shading}</w:pPr><w:rPr>{props}</w:rPr></w:style>")


def in_para(style: str, runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


PARA_STYLES = (para_style("WhiteP", WHITE) + para_style("TinyP", '<w:sz w:val="2"/>') + para_style("GoneP", "<w:vanish/>")
               + para_style("ChildP", "<w:b/>", based_on="WhiteP") + para_style("BandP", WHITE, shading=DARK_FILL)
               + char_style("Black", '<w:color w:val="000000"/>') + char_style("Shown", '<w:vanish w:val="0"/>')
               + '<w:style w:type="table" w:styleId="GoneT"><w:name w:val="GoneT"/><w:rPr><w:vanish/></w:rPr></w:style>'
               + '<w:style w:type="table" w:styleId="WhiteT"><w:name w:val="WhiteT"/><w:rPr>' + WHITE + "</w:rPr></w:style>"
               + '<w:style w:type="table" w:styleId="BandT"><w:name w:val="BandT"/><w:rPr>' + WHITE + "</w:rPr>"
               + "<w:tcPr>" + DARK_FILL + "</w:tcPr></w:style>"
               + '<w:style w:type="table" w:styleId="DarkT"><w:name w:val="DarkT"/><w:rPr>' + WHITE + "</w:rPr>"
               + '<w:tblStylePr w:type="wholeTable"><w:tcPr>' + DARK_FILL + "</w:tcPr></w:tblStylePr>"
               + '<w:tblStylePr w:type="firstRow"><w:rPr><w:vanish/></w:rPr></w:tblStylePr></w:style>')


@pytest.mark.parametrize(("cell", "table", "text", "unseen"), [
    (tc(para("30") + in_para("WhiteP", run("（原20）"))), "", "30", "「（原20）」（白色文字在白色底上）"),
    (tc(para("30") + in_para("TinyP", run("20"))), "", "30", "「20」（字号只有 1 磅）"),
    (tc(para("30") + in_para("GoneP", run("20"))), "", "30", ""),  # hidden by the paragraph's style
    (tc(para("30") + in_para("ChildP", run("20"))), "", "30", "「20」（白色文字在白色底上）"),  # by the style it is based on
    (tc(in_para("GoneP", run("3") + styled('<w:vanish w:val="0"/>', "0"))), "", "0", ""),  # the run shows itself again
    (tc(in_para("WhiteP", in_style("Black", "30"))), "", "30", ""),  # a character style is over the paragraph's
    (tc(in_para("GoneP", in_style("Shown", "30"))), "", "", ""),  # a style's 「off」 leaves a toggle as it was
    (tc(in_para("BandP", run("30"))), "", "30", ""),  # white on the paragraph style's own dark shading
    (tc(run("30")), "GoneT", "", ""),  # hidden by the table's style
    (tc(run("20")), "WhiteT", "", "「20」（白色文字在白色底上）"),
    (tc(run("30")), "BandT", "30", ""),  # white on the table style's dark cells
    (tc(run("30"), '<w:shd w:val="clear" w:fill="FFFFFF"/>'), "BandT", "", "「30」（白色文字在白色底上）"),  # the cell's own fill
    (tc(in_para("WhiteP", run("30"))), "BandT", "30", ""),  # the paragraph style's white on the table's dark cells
    (tc(run("30")), "DarkT", "30", ""),  # white on the dark the style sets for the whole table; its first row's part unread
])
def test_text_a_paragraph_or_table_style_hides_is_left_out_like_direct_formatting(
        tmp_path: Path, cell: str, table: str, text: str, unseen: str) -> None:
    """A paragraph styled 「批注」 whose paragraph style (``w:pStyle``, through basedOn) or whose
    table's style (``w:tblStyle``) is white, 1 pt or hidden shows as little as a run formatted so;
    a character style and the run's own properties are over them, as Word layers them."""
    grid = only_grid(write_docx(tmp_path / "f.docx", tbl(plain_row("a"), tr(cell), columns=1, style=table),
                                styles=PARA_STYLES))
    assert texts(grid)[1] == [text]
    said = [n for n in grid.notes if "在 Word 中看不见" in n]
    assert (len(said) == 1 and f"表1第2行第1列{unseen}：" in said[0] if unseen else "表1第2行" not in "".join(said)), grid.notes


def test_the_documents_default_run_properties_are_under_every_run(tmp_path: Path) -> None:
    """``w:docDefaults`` set white: only a run with a colour of its own (or its style's) is seen."""
    body = tbl(plain_row("a"), tr(tc(run("20") + styled('<w:color w:val="000000"/>', "30"))), columns=1)
    grid = only_grid(write_docx(tmp_path / "f.docx", body, defaults=WHITE))
    assert texts(grid)[1] == ["30"]
    assert any("表1第2行第1列「20」（白色文字在白色底上）" in n for n in grid.notes), grid.notes
    assert texts(grid)[0] == [""]  # the header 「a」 is white too


@pytest.mark.parametrize(("cell", "refused"), [
    (tc(run("95%") + in_style("Struck", "90%")), True),
    (tc(para("95%") + in_para("StruckP", run("90%"))), True),
    (tc(in_para("StruckP", styled('<w:dstrike w:val="0"/>', "95%"))), False),  # turned off by the run
])
def test_strike_through_by_a_style_refuses_the_file_as_direct_strike_does(tmp_path: Path, cell: str,
                                                                         refused: bool) -> None:
    """A character or paragraph style that strikes its text through draws the line Word draws
    for ``<w:strike/>`` on the run: which figure stands is the clerk's to say."""
    styles = char_style("Struck", "<w:strike/>") + para_style("StruckP", '<w:dstrike/>')
    path = write_docx(tmp_path / "f.docx", tbl(plain_row("a"), tr(cell), columns=1), styles=styles)
    if refused:
        with pytest.raises(ImportFailure, match="表1第2行第1列「90%」：这些表格中的文字有删除线"):
            read_docx(path)
    else:
        assert texts(only_grid(path))[1] == ["95%"]


def test_a_white_score_in_a_word_form_is_not_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = word_form_rows()
    rows[2] = tr(tc(run("结业率")), tc(run("30")), tc(run("≥90%")), tc(run("95%")), tc(styled(WHITE, "20")))
    out, written = imported(tmp_path, write_docx(tmp_path / "f.docx", para(TITLE) + tbl(*rows)), capsys)
    assert "score: 20" not in written and written.count("score:") == 2
    assert "表1第3行第5列「20」（白色文字在白色底上）：这些文字在 Word 中看不见" in out


def test_a_line_break_between_a_figure_and_its_sign_joins_without_a_space(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = word_form_rows()
    rows[2] = tr(tc(run("结业率")), tc(run("30")), tc(run("≥") + "<w:r><w:br/></w:r>" + run("90%")),
                 tc(run("95") + "<w:r><w:br/></w:r>" + run("%")), tc(run("30")))
    _out, written = imported(tmp_path, write_docx(tmp_path / "f.docx", para(TITLE) + tbl(*rows)), capsys)
    assert 'actual: "95%"' in written and 'target: "≥90%"' in written


def test_an_unknown_symbol_is_named(tmp_path: Path) -> None:
    body = tbl(plain_row("a"), tr(tc('<w:r><w:sym w:font="Webdings" w:char="F021"/></w:r>')), columns=1)
    assert "Webdings F021" in " ".join(only_grid(write_docx(tmp_path / "f.docx", body)).notes)


@pytest.mark.parametrize("wrap", [
    lambda rows: tbl(rows[0], rows[1], "<w:sdt><w:sdtPr/><w:sdtContent>" + rows[2] + rows[3] + "</w:sdtContent></w:sdt>"),
    lambda rows: tbl(rows[0], rows[1], '<w:customXml w:element="r">' + rows[2] + "</w:customXml>", rows[3]),
    lambda rows: '<w:customXml w:element="t">' + tbl(*rows) + "</w:customXml>",
    lambda rows: tbl(*rows[:2], tr(tc(run("结业率")), '<w:customXml w:element="c">' + tc(run("30")) + "</w:customXml>",
                                   *(tc(run(t)) for t in ("≥90%", "95%", "30"))), rows[3]),
], ids=["rows in a content control", "a row in custom XML", "a table in custom XML", "a cell in custom XML"])
def test_what_wrappers_hold_is_read_where_word_shows_it(tmp_path: Path, wrap) -> None:  # type: ignore[no-untyped-def]
    grid = only_grid(write_docx(tmp_path / "f.docx", para(TITLE) + wrap(word_form_rows())))
    assert texts(grid)[1:] == [["培训人次", "40", "≥100人", "120人", "40"], ["结业率", "30", "≥90%", "95%", "30"],
                               ["满意度", "30", "≥90%", "92%", "30"]]


def test_a_table_nested_in_a_cell_is_its_own_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A form laid out inside one cell of a frame table: its words were one cell's lines."""
    body = tbl(tr(tc(para(TITLE))), tr(tc(tbl(*word_form_rows()) + "<w:p/>")), columns=1)
    blocks, _ = read_docx(write_docx(tmp_path / "f.docx", body))
    outer, inner = [b for b in blocks if isinstance(b, Grid)]
    assert texts(outer) == [[TITLE], [""]] and texts(inner)[1] == ["培训人次", "40", "≥100人", "120人", "40"]
    out, written = imported(tmp_path, tmp_path / "f.docx", capsys)
    assert "绩效指标：3 项" in out and written.count("score:") == 3


def test_vertical_merge_and_span_across_rows(tmp_path: Path) -> None:
    rows = [plain_row(*FORM_HEAD),
            tr(tc(run("产出"), '<w:vMerge w:val="restart"/>'), tc(run("40")), tc(run("≥100人")), tc(run("120人")), tc(run("40"))),
            tr(tc("", "<w:vMerge/>"), tc(run("30")), tc(run("≥90%")), tc(run("95%"), '<w:gridSpan w:val="2"/>')),
            tr(tc("", "<w:vMerge/>"), tc(run("30"), '<w:gridSpan w:val="2"/>'), tc(run("92%")), tc(run("30")))]
    grid = only_grid(write_docx(tmp_path / "f.docx", tbl(*rows)))
    assert [c.merged for c in grid.rows[2]] == ["above", "", "", "", "left"]
    assert [c.text for c in grid.rows[3]] == ["产出", "30", "30", "92%", "30"]
    assert [c.merged for c in grid.rows[3]] == ["above", "", "left", "", ""]


def test_an_old_style_horizontal_merge_continues_the_cell_on_its_left(tmp_path: Path) -> None:
    rows = [plain_row(*FORM_HEAD), tr(tc(run("合计"), '<w:hMerge w:val="restart"/>'), tc("", "<w:hMerge/>"),
                                      tc("", "<w:hMerge/>"), tc("", "<w:hMerge/>"), tc(run("100")))]
    grid = only_grid(write_docx(tmp_path / "f.docx", tbl(*rows)))
    assert texts(grid)[1] == ["合计"] * 4 + ["100"]
    assert [c.merged for c in grid.rows[1]] == ["", "left", "left", "left", ""]


def test_content_word_merges_in_on_opening_is_named(tmp_path: Path) -> None:
    """A system export whose body is an altChunk (an HTML part Word merges in): nothing is read from it."""
    with pytest.raises(ImportFailure, match="altChunk"):
        read_docx(write_docx(tmp_path / "f.docx", para(TITLE) + '<w:altChunk r:id="rId99"/>'))


# --------------------------------------------------------------------------- Word: an embedded workbook

OBJECT = ('<w:p><w:r><w:object><v:shape id="_x0000_i1025" style="width:400pt;height:200pt"><v:imagedata r:id="rId9"/>'
          '</v:shape><o:OLEObject Type="Embed" ProgID="{progid}" ShapeID="_x0000_i1025" DrawAspect="Content" '
          'ObjectID="_1" r:id="rIdE1"/></w:object></w:r></w:p>')


def test_a_form_embedded_as_an_excel_object_is_read_from_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = write_xlsx(tmp_path / "e.xlsx", Book([Sheet("Sheet1", form_rows())])).read_bytes()
    path = write_docx(tmp_path / "f.docx", para(TITLE) + OBJECT.format(progid="Excel.Sheet.12"),
                      {"Microsoft_Excel_Worksheet.xlsx": workbook})
    out, written = imported(tmp_path, path, capsys)
    assert "取自 嵌入的 Excel 工作表「Sheet1」" in out and written.count("score:") == 3
    assert "文档中的表格是嵌入的 Excel 工作簿（word/embeddings/Microsoft_Excel_Worksheet.xlsx" in out


def test_an_embedded_workbook_is_checked_as_any_workbook(tmp_path: Path) -> None:
    data = form_rows().replace(num("E4", 30), num("E4", 30) + num("E4", 31))  # a cell written twice
    workbook = write_xlsx(tmp_path / "e.xlsx", Book([Sheet("Sheet1", data)])).read_bytes()
    path = write_docx(tmp_path / "f.docx", OBJECT.format(progid="Excel.Sheet.12"),
                      {"Microsoft_Excel_Worksheet.xlsx": workbook})
    with pytest.raises(ImportFailure, match=r"嵌入的 Excel 工作簿（word/embeddings/Microsoft_Excel_Worksheet.xlsx）：.*E4 在文件中写了两次"):
        read_docx(path)


def test_an_old_embedded_object_says_how_to_save_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_docx(tmp_path / "f.docx", para(TITLE) + OBJECT.format(progid="Excel.Sheet.8"),
                      {"oleObject1.bin": bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)})
    out, written = imported(tmp_path, path, capsys)
    assert written == "" and "嵌入的Excel 97-2003 对象（word/embeddings/oleObject1.bin）" in out
    assert "「另存为」.xlsx" in out


def test_an_embedded_workbook_beside_word_tables_is_named_not_read(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    workbook = write_xlsx(tmp_path / "e.xlsx", Book([Sheet("Sheet1", OLD_COPY)])).read_bytes()
    path = write_docx(tmp_path / "f.docx", para(TITLE) + tbl(*word_form_rows()) + OBJECT.format(progid="Excel.Sheet.12"),
                      {"Microsoft_Excel_Worksheet.xlsx": workbook})
    out, written = imported(tmp_path, path, capsys)
    assert 'actual: "120人"' in written and "80人" not in written
    assert "文档中还嵌入了 Excel 工作簿（word/embeddings/Microsoft_Excel_Worksheet.xlsx），没有导入" in out


def test_struck_text_in_a_word_cell_refuses_the_file_naming_the_cell(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rows = word_form_rows()
    rows[2] = tr(tc(run("结业率")), tc(run("30")), tc(run("≥90%")),
                 tc('<w:r><w:rPr><w:strike/></w:rPr><w:t>90%</w:t></w:r>' + run("95%")), tc(run("30")))
    rows[3] = tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")),
                 tc('<w:r><w:rPr><w:strike w:val="0"/></w:rPr><w:t>30</w:t></w:r>'))
    out, written = imported(tmp_path, write_docx(tmp_path / "f.docx", para(TITLE) + tbl(*rows)), capsys)
    assert written == ""
    assert "表1第3行第4列「90%」：这些表格中的文字有删除线" in out and "第4行" not in out


# --------------------------------------------------------------------------- old formats, through LibreOffice

def test_a_struck_cell_in_an_xls_is_refused_as_in_an_xlsx(tmp_path: Path, office: str,  # noqa: F811
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """LibreOffice's conversion keeps the strike the reader checks."""
    book = Book([Sheet("自评表", form_rows().replace(num("E5", 30), num("E5", 25, 1)))],
                fonts=['<font><sz val="11"/></font>', '<font><strike/><sz val="11"/></font>'], xfs=[(0, 0), (0, 1)])
    xls = lo_convert(office, write_xlsx(tmp_path / "struck.xlsx", book), "xls", tmp_path)
    out, written = imported(tmp_path / "a", xls, capsys)
    assert written == "" and "E5 「25」划掉" in out
