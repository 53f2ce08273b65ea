"""PDF prints of held forms as other programs and portals write them, and a space at a page's foot
(tests/forms_pdf29, made by makers.py there)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from forms.make import load_form
from test_forms import differences, scored

from perfsite.cli import main
from perfsite.importing.grid import Grid
from perfsite.importing.pdf_reader import read_here

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf29"


def test_a_space_drawn_at_a_cells_end_at_a_pages_foot_is_kept() -> None:
    """space-cut-16pt.pdf: 苏州's 自评表 (tests/forms_layouts/l08) at 16 pt prints 「投入目标(28 」 at page 1's foot,
    the space drawn at the line's end, and 「分)」 at page 2's top. Joined across the break the space was lost
    (「投入目标(28分)」); the level now reads 「投入目标(28 分)」 as its Word file does."""
    blocks, _ = read_here(FORMS / "space-cut-16pt.pdf")
    texts = {cell.text for block in blocks if isinstance(block, Grid) for row in block.rows for cell in row}
    assert "投入目标(28 分)" in texts and "投入目标(28分)" not in texts


def _imports_as_golden(name: str, folder: str, tmp_path: Path) -> str:
    """What `perfsite import` prints for forms_pdf29's `name` handed in under the form's own name; fails unless it
    writes the held form `folder`'s golden programme."""
    held = HERE / "forms" / folder
    handed_in = tmp_path / f"{load_form(held).file}.pdf"
    handed_in.write_bytes((FORMS / name).read_bytes())
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(handed_in), "--out", str(tmp_path / "out")])
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    assert not differences(scored(written), scored(held / "golden.yaml")), shown.getvalue()
    return shown.getvalue()


def test_a_watermark_across_the_table_is_left_out_and_named(tmp_path: Path) -> None:
    """watermarked.pdf: 中江县's 自评表 with 「仅供参考」 in grey, 72 pt, turned 30°, across its table. Its 「参」 and
    「考」 fell in cells and read 「参社会效益指标」 and 「考项目计划总投资」; the slanted characters are now left out
    and named, and the form imports as the golden file."""
    shown = _imports_as_golden("watermarked.pdf", "b01-zhongjiang-shuibiaochi", tmp_path)
    assert "PDF 第 1 页斜着印的文字「仅供参考」是水印或印章上的字，不是表格的内容，没有读取：请对照原件核对" in shown


def test_text_turned_up_its_cell_reads_up(tmp_path: Path) -> None:
    """vertical.pdf: 永德县明朗中学's 自评表 with its merged first-column labels 竖排, each character turned 90°
    anticlockwise (「项目资金 (元)」, 「产出指标」, 「效益指标」, 「满意度指标」). Read down the page they came out
    backwards: 「标指出产」, and 「元)(项目资金」, whose unit lost, the budget read in 万元 where the form says 元."""
    _imports_as_golden("vertical.pdf", "b04-yongde-yingyang", tmp_path)


def test_a_table_with_only_horizontal_rules_is_refused_saying_so(tmp_path: Path) -> None:
    """three-lines.pdf: 中江县's 自评表 as a 三线表, a rule above and below the table and one under its first row, no
    vertical rule. Its columns are only gaps, so it is refused; the message said 「没有框线」 of a table the clerk
    sees ruled, and now says that no rule parts its columns, a 三线表 too."""
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(FORMS / "three-lines.pdf"), "--out", str(tmp_path / "out"), "--year", "2099"])
    assert not list((tmp_path / "out").rglob("*.yaml"))
    assert ("PDF 第 1 页的指标表没有框线（各列之间没有竖线，只靠空格对齐；只有横线的三线表也是这样），无法按表格读取，"
            "以免把数字读进别的列：请向填报单位索取 Word/Excel 原件，或带框线打印的 PDF") in shown.getvalue(), shown.getvalue()


def test_rules_drawn_in_strokes_under_a_point_are_rules() -> None:
    """dotted.pdf: a table each of whose rules is drawn as strokes 0.5 pt long, end to end (3,120 on the page), as a
    dotted border or a program stroking its rules piecemeal prints them. pdfplumber drops every piece under 1 pt
    before joining them, and the table, ruled all over, was refused as having no rules; it now reads."""
    blocks, _ = read_here(FORMS / "dotted.pdf")
    assert [[cell.text for cell in row] for block in blocks if isinstance(block, Grid) for row in block.rows] == [
        ["一级指标", "三级指标", "分值"], ["产出指标", "完成率", "20"], ["效益指标", "满意度", "10"]]


def test_two_pages_on_one_sheet_read_as_one_table(tmp_path: Path) -> None:
    """two-up.pdf: 永德县明朗中学's 自评表 at 14 pt, its two landscape pages on one portrait sheet, one above the
    other (「每版打印 2 页」). The lower page repeats the indicator header without the labels merged down into it
    (实际完成值, 分值, 得分); read as a table of its own, its 「三级指标」 was an indicator without a weight."""
    _imports_as_golden("two-up.pdf", "b04-yongde-yingyang", tmp_path)
