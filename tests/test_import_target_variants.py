"""The real 绩效目标表 laid out as other provinces' units lay them out still import to their golden files.

Each transformation of tests/forms_targets/variants.py (columns in another order, other header words,
a two-row header, spacer rows and columns, lines above and below the table, a cover sheet, a 说明
table, full-width digits, numbers as text, amounts with units, line breaks, a Word page break, a 序号
column) is applied to a few target-corpus forms, chosen in turn so that every form is tried; the .xlsx
and the .docx made from the changed grid must import to the same target table as the golden file,
field by field. None of these transformations changes what the form says, so the golden file is the
expected result unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from forms.make import load_form
from forms.variants import Facts, Variant, spread_cases
from forms_targets.variants import ONLY, TRANSFORMS, block
from test_import_targets import FOLDERS, differences, table_of

from perfsite.importing.pipeline import Options, Status, import_batch, import_file
from perfsite.siteconfig import SiteConfig

PER_TRANSFORM = 3
"""Forms tried per transformation: with 24 transformations over 13 forms, each form is tried five or
six times (the next forms in turn), each transformation on three layouts."""


def _facts(folder: Path) -> Facts:
    golden = yaml.load((folder / "golden.yaml").read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
    funds = golden.get("funds") or {}
    return Facts(str(golden.get("year") or ""), str(funds.get("unit") or "万元") if funds else "")




CASES = spread_cases(TRANSFORMS, FOLDERS, PER_TRANSFORM, _facts)
RUNS = [(name, folder, kind) for name, folder in CASES for kind in ONLY.get(name, ("xlsx", "docx"))]


def test_the_harness_finds_every_forms_indicator_block() -> None:
    """Its own word list locates each corpus form's header: no form is silently left out."""
    assert all(block(load_form(folder)) is not None for folder in FOLDERS), [
        f.name for f in FOLDERS if block(load_form(f)) is None]


def test_every_transformation_is_tried_and_every_form_is_transformed() -> None:
    assert {name for name, _ in CASES} == set(TRANSFORMS), set(TRANSFORMS) - {name for name, _ in CASES}
    assert {folder for _, folder in CASES} == set(FOLDERS)


@pytest.mark.parametrize(("name", "folder", "kind"), RUNS, ids=[f"{n}-{f.name}-{k}" for n, f, k in RUNS])
def test_variant_imports_to_the_golden_file(name: str, folder: Path, kind: str, tmp_path: Path) -> None:
    variant = TRANSFORMS[name](Variant(load_form(folder)), _facts(folder))
    assert variant is not None
    xlsx, docx = variant.write(tmp_path / "in")
    report = import_file(xlsx if kind == "xlsx" else docx, Options(tmp_path / "out"), SiteConfig(), set())
    printed = "\n".join([*report.found, *report.notes, report.failure])
    assert report.status is not Status.FAILED, printed
    [written] = [p for p in report.written if p.suffix == ".yaml"]
    diff = differences(table_of(written), table_of(folder / "golden.yaml"))
    assert not diff, "\n".join([f"{name} {folder.name}.{kind}", *diff, "", printed])


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_second_programme_in_the_list_leaves_the_first_as_its_golden_file(kind: str, tmp_path: Path) -> None:
    """马踏镇's list with a second programme after the first (项目名称, 预算数 and 年度目标 merged down
    over its own indicator rows, the unit's name merged over both): two files, the first the golden one."""
    folder = next(f for f in FOLDERS if f.name.startswith("t01-"))
    form = load_form(folder)
    b = block(form)
    assert b is not None
    rows = [list(r) for r in form.rows[b.first + 1:b.last + 1]]  # the first programme's indicator rows
    second = [["", "基层组织活动经费", "660,000.00", "保障村社区正常运转", *rows[0][4:]],
              *([""] * 4 + r[4:] for r in rows[1:3])]
    start = len(form.rows)
    merges = [m for m in form.merges if m[1] != 0 or m[0] != b.first + 1]
    merges += [(b.first + 1, 0, start + len(second) - 1, 0)]  # the unit over both programmes
    merges += [(start, c, start + len(second) - 1, c) for c in (1, 2, 3)]
    variant = Variant(replace(form, rows=[*form.rows, *second], merges=merges))
    xlsx, docx = variant.write(tmp_path / "in")
    reports = import_batch([xlsx if kind == "xlsx" else docx], Options(tmp_path / "out"), SiteConfig(), set())
    assert [r.status for r in reports] == [Status.IMPORTED] * 2, [[r.failure, *r.notes] for r in reports]
    tables = [table_of(p) for r in reports for p in r.written if p.suffix == ".yaml"]
    assert [t.name for t in tables] == ["村组干部报酬", "基层组织活动经费"]
    assert not differences(tables[0], table_of(folder / "golden.yaml")), differences(tables[0], table_of(folder / "golden.yaml"))
    assert (tables[1].implementer, len(tables[1].indicators), tables[1].funds and tables[1].funds.total) == (
        "井研县马踏镇人民政府", 3, 660000)
