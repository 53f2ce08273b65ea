"""A merged cell that starts in a page's last row and runs on over the break, its text cut by the page."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from forms.make import load_form
from test_forms import scored

from perfsite.cli import main

HERE = Path(__file__).parent
FORM = HERE / "forms" / "b03-hengshan-chubeiliang"


def test_a_merged_cell_s_text_under_the_table_keeps_the_table_going_on(tmp_path: Path) -> None:
    """衡山县's sheet printed with columns 6 wide (tests/forms_pdf7/SOURCES.md): page 3 ends in the
    row whose 二级 cell 「成本指标」 is merged down over the break, LibreOffice prints 「成本 指」 in it
    and 「标」 under the table. Before, that 「标」 was a paragraph between the tables, the table of
    page 4 a table of its own, and its 8 indicators went to 「未能归位的内容」 (8 of 16 imported).
    Every indicator now comes with its figures; the 一级/二级 labels cut by the page's edge are
    said (「已按位置放回」), as docs/import.md tells."""
    pdf = tmp_path / f"{load_form(FORM).file}.pdf"
    pdf.write_bytes((HERE / "forms_pdf7" / "b03-xlsx-narrow.pdf").read_bytes())
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(pdf), "--out", str(tmp_path / "out")])
    written = sorted((tmp_path / "out").rglob("*.yaml"))
    assert len(written) == 1, shown.getvalue()
    got = scored(written[0]).programme.indicators
    want = scored(FORM / "golden.yaml").programme.indicators
    assert [(i.name, i.target, i.actual) for i in got] == [(i.name, i.target, i.actual) for i in want], shown.getvalue()
    assert "合并单元格跨页，文字印在表格之外，已按位置放回" in shown.getvalue()
