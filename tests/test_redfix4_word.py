"""Word forms whose printed text the reader took otherwise: a cell's solid shading drawn in its
pattern colour (``w:shd w:val="solid"`` draws ``w:color``, not ``w:fill``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import para, run, tbl, tc, tr, write_docx

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid


def _score(tmp: Path, cell: str, props: str = "") -> tuple[str, list[str]]:
    body = para("示例项目2023年度绩效自评表") + tbl(tr(tc(run("指标")), tc(run("得分"))), tr(tc(run("培训人次")), tc(cell, props)),
                                              columns=2)
    blocks, _ = read_docx(write_docx(tmp / "f.docx", body))
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid.rows[1][1].text, grid.notes


def _coloured(rgb: str) -> str:
    return f'<w:r><w:rPr><w:color w:val="{rgb}"/></w:rPr><w:t>40</w:t></w:r>'


@pytest.mark.parametrize(("ink", "shading", "shown"), [
    ("000000", '<w:shd w:val="solid" w:color="000000" w:fill="FFFFFF"/>', ""),  # black on solid black
    ("000000", '<w:shd w:val="solid" w:color="auto" w:fill="auto"/>', ""),  # 自动 pattern: black
    ("FFFFFF", '<w:shd w:val="solid" w:color="auto" w:fill="FFFFFF"/>', "40"),  # white on black: seen
    ("1F4E79", '<w:shd w:val="solid" w:color="1F4E79" w:fill="FFFFFF"/>', ""),
    ("000000", '<w:shd w:val="clear" w:color="000000" w:fill="FFFFFF"/>', "40"),  # clear: the fill
    ("FFFFFF", '<w:shd w:val="clear" w:color="000000" w:fill="FFFFFF"/>', ""),
])
def test_a_solid_shading_is_drawn_in_its_pattern_colour(tmp_path: Path, ink: str, shading: str, shown: str) -> None:
    text, notes = _score(tmp_path, _coloured(ink), shading)
    assert text == shown, notes
    assert any("「40」" in n and "看不见" in n for n in notes) == (not shown), notes


def test_a_box_in_a_cells_second_paragraph_moved_onto_the_next_rows_figure_is_refused(tmp_path: Path) -> None:
    """「30」 anchored in the empty E3's second paragraph (the first one exactly 300 twips high), 50 twips
    under that paragraph's top: it prints over E4's 「26」, and was read as E3's own score."""
    from test_import_word_over import TITLE_SPACING, _boxed, _in_cell

    from perfsite.importing.sniff import ImportFailure

    e3 = f"{TITLE_SPACING}{run('')}</w:p><w:p>{TITLE_SPACING}" + _in_cell("30", 100, 50)
    with pytest.raises(ImportFailure) as refused:
        read_docx(_boxed(tmp_path, e3, run("26")))
    said = str(refused.value)
    assert "表1第4行第5列「26」上的文本框「30」（锚定在第3行第5列，按位置印在这一格上）" in said, said


def test_a_box_in_a_cells_second_paragraph_within_the_cell_stays_the_cells(tmp_path: Path) -> None:
    from test_import_word_over import TITLE_SPACING, _boxed, _in_cell

    e3 = f"{TITLE_SPACING}{run('')}</w:p><w:p>{TITLE_SPACING}" + _in_cell("30", 100, -250, cy=150)
    blocks, _ = read_docx(_boxed(tmp_path, e3, run("26")))
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    assert grid.rows[2][4].text == "30" and grid.rows[3][4].text == "26"
