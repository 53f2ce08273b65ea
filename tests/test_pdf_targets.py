"""项目支出绩效目标表 published as PDFs import through the PDF reader to the golden target table.

The target-table corpus (tests/forms_targets/) drawn as a report engine draws it
(tests/pdf_makers.py): on one page, and in a larger size that breaks the table over pages with
its header repeated. A PDF's text layer has no line breaks inside a cell, so texts are compared
without them (as for the 部门整体 target table printed by LibreOffice, tests/test_import_dept.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from forms.make import load_form
from pdf_makers import DRAWINGS, draw_form
from test_import_targets import FOLDERS, differences, table_of

from perfsite.importing.pipeline import Options, Status, import_file
from perfsite.siteconfig import SiteConfig

KINDS = ("drawn-rects", "drawn-large")
NOT_YET: dict[tuple[str, str], str] = {}
"""Target tables whose PDF does not import to the golden file yet, and why."""


def _flat(value: object) -> object:
    return value.replace("\n", "") if isinstance(value, str) else value




def _cases() -> list[object]:
    return [pytest.param(folder, kind, id=f"{folder.name}-{kind}",
                         marks=[pytest.mark.xfail(reason=NOT_YET[(folder.name, kind)], strict=True)]
                         if (folder.name, kind) in NOT_YET else [])
            for folder in FOLDERS for kind in KINDS]


@pytest.mark.parametrize(("folder", "kind"), _cases())
def test_a_drawn_target_table_imports_to_its_golden_file(folder: Path, kind: str, tmp_path: Path) -> None:
    form = load_form(folder)
    how = next(d for d in DRAWINGS if d.name == kind)
    pdf = tmp_path / f"{form.file}.pdf"
    pdf.write_bytes(draw_form(form, how))
    report = import_file(pdf, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED, (report.failure, [p.as_text() for p in report.problems])
    [written] = report.written
    assert written.name.endswith("-mubiao.yaml")
    found = differences(table_of(written), table_of(folder / "golden.yaml"), _flat)
    assert not found, found


@pytest.mark.parametrize(("kind", "goal"), [
    ("drawn-rects", "以工代赈中央预算内 投资项目"),  # the space drawn as a character: typed, kept
    ("ms-print", "以工代赈中央预算内投资项目"),  # glyphs placed one by one, no space drawn: only a gap
])
def test_a_space_between_chinese_characters_is_kept_where_the_page_draws_one(kind: str, goal: str,
                                                                                 tmp_path: Path) -> None:
    """舒城县's 年度目标 holds two typed spaces (「中央预算内 投资」): a PDF that draws them keeps them,
    as the .xlsx does; a gap a printer driver leaves where no space is drawn is no space."""
    folder = next(f for f in FOLDERS if f.name == "t13-shucheng-yigongdaizhen")
    form = load_form(folder)
    pdf = tmp_path / f"{form.file}.pdf"
    pdf.write_bytes(draw_form(form, next(d for d in DRAWINGS if d.name == kind)))
    report = import_file(pdf, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED, report.failure
    [written] = report.written
    assert goal in written.read_text(encoding="utf-8")
