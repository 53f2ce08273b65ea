"""The layout variants (tests/forms/variants.py, tests/forms_targets/variants.py) published as PDFs still
import to their golden files.

A bureau publishes most 自评表 and 目标表 as PDFs printed from the unit's Excel file. Each case of
tests/test_import_variants.py and tests/test_import_target_variants.py is drawn as a report engine
or Excel draws it (tests/pdf_makers.py `draw_form`, no LibreOffice): the changed grid, with the lines
below the table as rows of the sheet, as the .xlsx holds them. A PDF loses what only one file kind
has (a cover sheet, a cell's type, a Word table before the form or broken at a page break), so the
variants of `ONLY` one kind are not drawn. The PDF must import to the golden file, field by field
(texts without line breaks: a PDF's text layer has none inside a cell), as the .xlsx and .docx do.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import test_import_target_variants as targets
import test_import_variants as self_evaluation
from forms.make import Form, load_form
from forms.variants import TOLD, TRANSFORMS, Variant
from forms_targets.variants import TRANSFORMS as TARGET_TRANSFORMS
from pdf_makers import DRAWINGS, Drawing, draw_form
from test_forms import scored
from test_import_targets import differences as target_differences
from test_import_targets import table_of
from test_pdf_targets import _flat

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Options, Status, import_file
from perfsite.siteconfig import SiteConfig


def _sheet(variant: Variant) -> Form:
    """The grid as the variant's .xlsx holds it: the lines below the table as full-width rows."""
    form = variant.form
    if not variant.after:
        return form
    start, width = len(form.rows), form.width
    return replace(form, rows=[*form.rows, *([line] + [""] * (width - 1) for line in variant.after)],
                   merges=[*form.merges, *((start + n, 0, start + n, width - 1) for n in range(len(variant.after)))])


def _drawn(variant: Variant, how: Drawing, tmp_path: Path) -> Path:
    form = _sheet(variant)
    pdf = tmp_path / f"{form.file}.pdf"  # the name a unit hands in: some forms state the year only there
    pdf.write_bytes(draw_form(form, how))
    return pdf


def _runs(cases: list[tuple[str, Path]], only: dict[str, tuple[str, ...]]) -> list[tuple[str, Path, Drawing]]:
    """Each case not of one file kind only, drawn the next way of `DRAWINGS` in turn: every drawing
    (page breaks, glyphs placed one by one, Excel's 「另存为 PDF」, turned pages) is tried on about a
    seventh of the cases, at the CPU cost of one drawing each."""
    kept = [(name, folder) for name, folder in cases if name not in only]
    return [(name, folder, DRAWINGS[k % len(DRAWINGS)]) for k, (name, folder) in enumerate(kept)]


NOT_YET: dict[tuple[str, str, str], str] = {}
"""Cases (transformation, form, drawing) that do not import to the golden file yet, and why: each fails
the test when it starts to pass."""


def _params(runs: list[tuple[str, Path, Drawing]]) -> list[object]:
    return [pytest.param(name, folder, how, id=f"{name}-{folder.name}-{how.name}",
                         marks=[pytest.mark.xfail(reason=NOT_YET[key], strict=True)] if key in NOT_YET else [])
            for name, folder, how in runs for key in [(name, folder.name, how.name)]]


FORM_RUNS = _runs([*self_evaluation.CASES, *self_evaluation.PINNED], self_evaluation.ONLY)
TARGET_RUNS = _runs(targets.CASES, targets.ONLY)


@pytest.mark.parametrize(("name", "folder", "how"), _params(FORM_RUNS))
def test_a_variant_s_pdf_imports_to_the_golden_file(name: str, folder: Path, how: Drawing, tmp_path: Path) -> None:
    variant = TRANSFORMS[name](Variant(load_form(folder)), self_evaluation._facts(folder))
    assert variant is not None
    want = scored(folder / "golden.yaml")
    hints = Hints(year=None if want.programme.year else "2099")
    report = import_file(_drawn(variant, how, tmp_path), Options(tmp_path / "out", hints=hints), SiteConfig(), set())
    printed = "\n".join([*report.found, *report.notes, report.failure])
    if name in TOLD:
        where, label = TOLD[name]
        lines = report.notes if where == "notes" else [report.failure]
        r, c = next((r, c) for r, row in enumerate(variant.form.rows) for c, t in enumerate(row) if t == label)
        assert any("表1" in line and f"第{r + 1}行第{c + 1}列「{label}」" in line for line in lines), printed
        if where == "failure":
            assert not report.written and "没有找到绩效指标表" in report.failure
            return
    self_evaluation.assert_imported_as(report, want, f"{name} {folder.name}.pdf", printed)


@pytest.mark.parametrize(("name", "folder", "how"), _params(TARGET_RUNS))
def test_a_target_variant_s_pdf_imports_to_the_golden_file(name: str, folder: Path, how: Drawing, tmp_path: Path) -> None:
    variant = TARGET_TRANSFORMS[name](Variant(load_form(folder)), targets._facts(folder))
    assert variant is not None
    report = import_file(_drawn(variant, how, tmp_path), Options(tmp_path / "out"), SiteConfig(), set())
    printed = "\n".join([*report.found, *report.notes, report.failure])
    assert report.status is not Status.FAILED, printed
    [written] = [p for p in report.written if p.suffix == ".yaml"]
    diff = target_differences(table_of(written), table_of(folder / "golden.yaml"), _flat)
    assert not diff, "\n".join([f"{name} {folder.name}.pdf", *diff, "", printed])


def test_a_list_s_last_indicator_alone_on_the_last_page_stays_in_its_programme(tmp_path: Path) -> None:
    """马踏镇's list with line breaks, drawn large: the report engine draws the merged 单位名称, 项目名称,
    预算数 and 年度目标 again over the one row (人民群众满意度) left for page 2. Those are the cells of
    the page before, not a second programme 「村组干部报酬」 of one indicator (refused as a duplicate)."""
    from perfsite.importing.grid import ABOVE
    from perfsite.importing.pdf_reader import read_here

    folder = next(f for f in targets.FOLDERS if f.name.startswith("t01-"))
    variant = TARGET_TRANSFORMS["line_breaks"](Variant(load_form(folder)), targets._facts(folder))
    assert variant is not None
    pdf = _drawn(variant, next(d for d in DRAWINGS if d.name == "drawn-large"), tmp_path)
    [grid], _ = read_here(pdf)
    last = grid.rows[-1]
    assert last[6].text == "人民群众满意度" and [cell.merged for cell in last[:4]] == [ABOVE] * 4, last[:7]
    report = import_file(pdf, Options(tmp_path / "out"), SiteConfig(), set())
    [written] = report.written
    assert [i.name for i in table_of(written).indicators][-1] == "人民群众满意度"


def test_a_header_repeated_on_a_new_page_continues_a_table_that_opens_with_its_titles(tmp_path: Path) -> None:
    """马踏镇's list with blank rows above its header, drawn large: page 2 repeats the header (项目名称 among
    its words) over the last indicator. The page before opens with the title rows, not the header, yet
    the repeated row is one of its rows: the table goes on, it is no other programme's form."""
    folder = next(f for f in targets.FOLDERS if f.name.startswith("t01-"))
    variant = TARGET_TRANSFORMS["spacer_rows"](Variant(load_form(folder)), targets._facts(folder))
    assert variant is not None
    pdf = _drawn(variant, next(d for d in DRAWINGS if d.name == "drawn-large"), tmp_path)
    report = import_file(pdf, Options(tmp_path / "out"), SiteConfig(), set())
    [written] = report.written
    assert [i.name for i in table_of(written).indicators][-1] == "人民群众满意度", report.found
