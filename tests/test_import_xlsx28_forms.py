"""Held real forms in the shapes units and their systems hand them in (tests/forms_xlsx28/SOURCES.md), imported
as a clerk would and compared with the auditor's golden file: the same programme, whatever the shape.

A program that does not calculate writes the 总分 (and 池州's 执行率, 得分) as formulas with no saved result:
the whole workbook was refused, every typed cell lost. A finance clerk's 会计专用 money, 文本型数字 points and
hidden template rows, and two programmes in one workbook (a sheet each, or one under the other) read as the
form does."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from forms_xlsx26.make import weituo
from forms_xlsx28.make import CHANGJIANG, TIANCHANG, clerk_formats, generated, stacked, two_sheets, weituo_uncalculated
from test_forms import differences, scored

from perfsite.cli import main
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare


def _imported(make: Callable[[Path], Path], folder: Path) -> tuple[list[Path], str]:
    folder.mkdir()
    source = make(folder / "form.xlsx")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["import", str(source), "--out", str(folder / "out")])
    return sorted((folder / "out").rglob("*.yaml")), printed.getvalue()


@pytest.mark.parametrize("make", [generated, clerk_formats], ids=["generated", "clerk_formats"])
def test_one_form_s_shapes_import_as_the_auditor_wrote_it(make: Callable[[Path], Path], tmp_path: Path) -> None:
    written, printed = _imported(make, tmp_path / "in")
    assert len(written) == 1, printed  # 「generated」 was refused: 「G40 是公式……但文件中没有保存计算结果」
    assert differences(scored(written[0]), scored(TIANCHANG / "golden.yaml")) == []
    assert "公布总分：100" in printed


def test_two_programmes_in_one_workbook_import_as_each_alone(tmp_path: Path) -> None:
    for make in (two_sheets, stacked):
        written, printed = _imported(make, tmp_path / make.__name__)
        assert len(written) == 2, printed
        goldens = {scored(folder / "golden.yaml").programme.name: folder for folder in (TIANCHANG, CHANGJIANG)}
        for path in written:
            got = scored(path)
            assert differences(got, scored(goldens[got.programme.name] / "golden.yaml")) == [], make.__name__


def test_a_guarded_rate_formula_with_no_saved_result_reads_as_excel_shows_it(tmp_path: Path) -> None:
    """池州's 执行率 =IF(E7=0,0,F7/E7) over a 0 row prints 0.00% and its 得分 0: calculated so, the import is the
    one Excel's saved results give (it was refused). The division the IF guards is not made: no #DIV/0!."""
    (tmp_path / "saved").mkdir()
    (tmp_path / "made").mkdir()
    saved = prepare(weituo(tmp_path / "saved" / "form.xlsx"), Hints())
    made = prepare(weituo_uncalculated(tmp_path / "made" / "form.xlsx"), Hints())
    assert saved.draft is not None and made.draft is not None, made.report.failure
    assert made.draft.data == saved.draft.data
    assert made.draft.data["indicators"][0]["actual"] == "0.00%" and made.draft.data["reported"] == {"score": "90"}
    assert any("H7（=IF(E7=0,0,F7/E7)，算得「0.00%」）" in note for note in made.report.notes)
