"""A table style's bands as wide as it says (``w:tblStyleRowBandSize``): with 2, body rows 1–2 are
the first band and 3–4 the second, so a second band's white text on the white page is the 3rd and
4th body rows', never the 2nd's."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import para, run, tbl, tc, tr, write_docx
from test_word_styles_hidden import GRID_TABLE

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid

LOOK = '<w:tblLook w:val="04E0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
ROWS = (("指标", "得分"), ("培训人次", "40"), ("结业率", "30"), ("满意度", "30"), ("验收合格率", "0"), ("时效", "0"))


def _grid(tmp: Path, style_size: str, own: str) -> Grid:
    styles = GRID_TABLE.replace('<w:tblStyleRowBandSize w:val="1"/>', f'<w:tblStyleRowBandSize w:val="{style_size}"/>')
    table = tbl(*(tr(*(tc(run(t)) for t in r)) for r in ROWS), columns=2, style="GridTable4-Accent1").replace(
        '<w:tblW w:w="0" w:type="auto"/>', f'<w:tblW w:w="0" w:type="auto"/>{own}{LOOK}')
    blocks, _ = read_docx(write_docx(tmp / "f.docx", para("示例项目2023年度绩效自评表") + table, styles=styles))
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid


@pytest.mark.parametrize(("style_size", "own", "unseen"), [
    ("2", "", ["满意度", "验收合格率"]),                                  # the style's bands of two rows
    ("1", '<w:tblStyleRowBandSize w:val="2"/>', ["满意度", "验收合格率"]),  # the table's own over its style's
    ("1", "", ["结业率", "验收合格率"]),                                  # bands of one: every second row
])
def test_a_band_of_rows_is_as_many_rows_as_the_style_says(tmp_path: Path, style_size: str, own: str,
                                                          unseen: list[str]) -> None:
    grid = _grid(tmp_path, style_size, own)
    read = [r[0].text for r in grid.rows[1:]]
    assert [name for name, _ in ROWS[1:] if name not in read] == unseen
    assert all(f"「{name}」（白色文字在白色底上）" in " ".join(grid.notes) for name in unseen)
