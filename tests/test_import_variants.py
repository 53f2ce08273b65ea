"""The corpus forms laid out as other provinces' units lay them out still import to their golden files.

Each transformation of tests/forms/variants.py (columns in another order, an extra column, other
header words, a two-row header, spacer rows and columns, lines above and below the table, a cover
sheet, a 说明 table, full-width digits, numbers as text, amounts with units, placeholders, line
breaks) is applied to a few corpus forms, chosen in turn so that every form is tried; the .xlsx and
the .docx made from the changed grid must import to the same programme as the golden file, field by
field, and score to the same total. None of these transformations changes what the form says, so
the golden file is the expected result unchanged.

Each variant file is made once (module-scoped cache); about 150 imports take ~40 s here.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml
from forms.make import forms, load_form
from forms.variants import ONLY, TRANSFORMS, Facts, Variant
from test_forms import conclusion, differences, scored

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Options, import_file
from perfsite.scoring import ScoredProgramme
from perfsite.siteconfig import SiteConfig

PER_TRANSFORM = 3
"""Forms tried per transformation: with 25 transformations over 14 forms, each form is tried about
five times, and each transformation on forms of three different layouts."""
FOLDERS = forms()


def _facts(folder: Path) -> Facts:
    golden = yaml.load((folder / "golden.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    budget = golden.get("budget") or {}
    return Facts(str(golden.get("year") or ""), str(budget.get("unit") or "万元") if budget else "")


def _cases() -> list[tuple[str, Path]]:
    """(transformation, form) pairs: each transformation on the next forms in turn where it applies."""
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


@functools.cache
def _golden(folder: Path) -> ScoredProgramme:
    return scored(folder / "golden.yaml")
_made: dict[tuple[str, str], tuple[Path, Path]] = {}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("variants")

    def make(name: str, folder: Path) -> tuple[Path, Path]:
        key = (name, folder.name)
        if key not in _made:
            variant = TRANSFORMS[name](Variant(load_form(folder)), _facts(folder))
            assert variant is not None
            _made[key] = variant.write(root / name / folder.name)
        return _made[key]

    return make


def test_every_transformation_is_tried_on_several_forms() -> None:
    tried = {name for name, _ in CASES}
    assert tried == set(TRANSFORMS), set(TRANSFORMS) - tried
    assert {folder for _, folder in CASES} == set(FOLDERS)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize(("name", "folder"), CASES, ids=[f"{n}-{f.name}" for n, f in CASES])
def test_variant_imports_to_the_golden_file(name: str, folder: Path, kind: str, made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if kind not in ONLY.get(name, ("xlsx", "docx")):
        pytest.skip(f"{name}: only {ONLY[name]}")
    xlsx, docx = made(name, folder)
    want = _golden(folder)
    hints = Hints(year=None if want.programme.year else "2099")
    report = import_file(xlsx if kind == "xlsx" else docx, Options(tmp_path, hints=hints), SiteConfig(), set())
    printed = "\n".join([*report.found, *report.notes, report.failure])
    assert not report.failure, printed
    written = [p for p in report.written if p.suffix == ".yaml"]
    assert len(written) == 1, printed
    got = scored(written[0])
    if not want.programme.year:
        got.programme.year = 0
    diff = differences(got, want)
    assert not diff, "\n".join([f"{name} {folder.name}.{kind}", *diff, "", printed])
    assert conclusion(got) == conclusion(want) or not want.programme.year
    if conclusion(want) != "错误":
        assert (got.total, got.grade) == (want.total, want.grade)
