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


def test_a_watermark_across_the_table_is_left_out_and_named(tmp_path: Path) -> None:
    """watermarked.pdf: 中江县's 自评表 with 「仅供参考」 in grey, 72 pt, turned 30°, across its table. Its 「参」 and
    「考」 fell in cells and read 「参社会效益指标」 and 「考项目计划总投资」; the slanted characters are now left out
    and named, and the form imports as the golden file."""
    folder = HERE / "forms" / "b01-zhongjiang-shuibiaochi"
    handed_in = tmp_path / f"{load_form(folder).file}.pdf"
    handed_in.write_bytes((FORMS / "watermarked.pdf").read_bytes())
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(handed_in), "--out", str(tmp_path / "out")])
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    assert not differences(scored(written), scored(folder / "golden.yaml")), shown.getvalue()
    assert "PDF 第 1 页斜着印的文字「仅供参考」是水印或印章上的字，不是表格的内容，没有读取：请对照原件核对" in shown.getvalue()
