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

from pathlib import Path

import pytest
import yaml
from forms.make import load_form
from forms.variants import Facts, Variant
from forms_targets.variants import ONLY, TRANSFORMS, block
from test_import_targets import FOLDERS, differences, table_of

from perfsite.importing.pipeline import Options, Status, import_file
from perfsite.siteconfig import SiteConfig

PER_TRANSFORM = 3
"""Forms tried per transformation: with 22 transformations over 8 forms, each form is tried about
eight times (the next forms in turn), each transformation on three layouts."""


def _facts(folder: Path) -> Facts:
    golden = yaml.load((folder / "golden.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    funds = golden.get("funds") or {}
    return Facts(str(golden.get("year") or ""), str(funds.get("unit") or "万元") if funds else "")


def _cases() -> list[tuple[str, Path]]:
    cases = []
    for n, (name, transform) in enumerate(TRANSFORMS.items()):
        taken = 0
        for k in range(len(FOLDERS)):
            folder = FOLDERS[(n * PER_TRANSFORM + k) % len(FOLDERS)]
            if transform(Variant(load_form(folder)), _facts(folder)) is not None:
                cases.append((name, folder))
                taken += 1
                if taken == PER_TRANSFORM:
                    break
    return cases


CASES = _cases()
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
