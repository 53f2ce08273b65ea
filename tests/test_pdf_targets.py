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
from test_import_targets import CELLS, FACTS, FOLDERS, table_of

from perfsite.importing.pipeline import Options, Status, import_file
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable

KINDS = ("drawn-rects", "drawn-large")
NOT_YET: dict[tuple[str, str], str] = {}
"""Target tables whose PDF does not import to the golden file yet, and why."""


def _flat(value: object) -> object:
    return value.replace("\n", "") if isinstance(value, str) else value


def differences(got: TargetTable, want: TargetTable) -> list[str]:
    """Every fact and cell the import did not give back as the auditor wrote it (line breaks aside)."""
    out = [f"{key}: 导入「{getattr(got, key)}」，应为「{getattr(want, key)}」"
           for key in FACTS if _flat(getattr(got, key)) != _flat(getattr(want, key))]
    if got.funds != want.funds:
        out.append(f"funds: 导入 {got.funds}，应为 {want.funds}")
    for key in ("indicators", "midterm_indicators"):
        mine, theirs = getattr(got, key), getattr(want, key)
        if len(mine) != len(theirs):
            out.append(f"{key}: 导入 {[i.name for i in mine]}，应为 {[i.name for i in theirs]}")
            continue
        for n, (x, y) in enumerate(zip(mine, theirs, strict=True)):
            out += [f"{key}[{n}].{cell}（{y.name}）: 导入「{getattr(x, cell)}」，应为「{getattr(y, cell)}」"
                    for cell in CELLS if _flat(getattr(x, cell)) != _flat(getattr(y, cell))]
    return out


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
    found = differences(table_of(written), table_of(folder / "golden.yaml"))
    assert not found, found
