"""整改情况表 laid out as other units lay them out still import to what their layout says.

Each transformation of tests/forms_rectify/variants.py (columns in another order, other header words,
a header over two rows, problems repeated or left blank instead of merged, a blank row inside the
table, deadlines spelt or typed otherwise, other status words, lines and sheets around the table, the
Word table broken at a page break) is applied to each layout it fits (all three where it fits them);
the .xlsx and the .docx made from the changed grid must import to the unchanged layout's import,
changed only where the transformation changes what the form says (a blank status, 常态化推进 for a
deadline), and the clerk must be told of those changes. The unchanged layouts' import is itself
compared cell by cell with the layouts in tests/test_import_rectify.py.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import pytest
import yaml
from forms.make import load_form
from forms.variants import Facts
from forms_rectify.variants import ONLY, TRANSFORMS, Case, Expected, block, spread_cases, write_base

from perfsite.importing.pipeline import FileReport, Options, Status, import_file
from perfsite.siteconfig import SiteConfig

CORPUS = Path(__file__).resolve().parent / "forms_rectify"
LAYOUTS = sorted(p.parent for p in CORPUS.glob("*/form.yaml"))
YEARS = {"x01": "2022", "x02": "2023", "x03": "2021"}

MEASURE_KEYS = ("measure", "owner", "deadline", "status", "evidence")
FINDING_KEYS = ("source", "indicator", "problem")
APPLICATION_KEYS = ("action", "amount", "unit", "budget_year", "note")


def _facts(folder: Path) -> Facts:
    return Facts(YEARS[folder.name[:3]], "")


def table_of(path: Path) -> Expected:
    """What is compared of a written 整改 file: every value as text, absent keys absent."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)

    def some(item: dict, keys: tuple[str, ...]) -> dict[str, str]:
        return {k: str(item[k]) for k in keys if k in item}

    return {"name": data["name"], "year": data["year"], "department": data["department"],
            "findings": [{**some(f, FINDING_KEYS), "measures": [some(m, MEASURE_KEYS) for m in f["measures"]]}
                         for f in data["findings"]],
            "application": [some(a, APPLICATION_KEYS) for a in data.get("application") or []]}


def differences(got: Expected, want: Expected, where: str = "") -> list[str]:
    if isinstance(want, dict) and isinstance(got, dict):
        return [d for k in sorted(set(want) | set(got), key=str)
                for d in differences(got.get(k, "<absent>"), want.get(k, "<absent>"), f"{where}.{k}")]  # type: ignore[arg-type]
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return [f"{where}: {len(got)} items, want {len(want)}: {got!r}"]
        return [d for n, (g, w) in enumerate(zip(got, want, strict=True)) for d in differences(g, w, f"{where}[{n}]")]
    return [] if got == want else [f"{where}: {got!r}, want {want!r}"]


def imported(source: Path, out: Path) -> FileReport:
    return import_file(source, Options(out), SiteConfig(), set())


def the_yaml(report: FileReport) -> Path:
    [path] = [p for p in report.written if p.suffix == ".yaml"]
    return path


@cache
def expected(folder: Path, scratch: Path) -> Expected:
    report = imported(write_base(load_form(folder), scratch / folder.name / "in"), scratch / folder.name / "out")
    return table_of(the_yaml(report))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("base")


CASES = spread_cases(LAYOUTS, len(LAYOUTS), _facts)
RUNS = [(name, folder, kind) for name, folder in CASES for kind in ONLY.get(name, ("xlsx", "docx"))]


def test_the_harness_finds_every_layouts_table() -> None:
    """Its own word list locates each layout's header: no layout is silently left out."""
    assert all(block(load_form(folder)) is not None for folder in LAYOUTS)


def test_every_transformation_is_tried_and_every_layout_transformed() -> None:
    assert {name for name, _ in CASES} == set(TRANSFORMS), set(TRANSFORMS) - {name for name, _ in CASES}
    assert {folder for _, folder in CASES} == set(LAYOUTS)


def test_the_base_imports_hold_what_the_variants_are_compared_with(scratch: Path) -> None:
    """A harness comparing with an empty import would prove nothing."""
    for folder in LAYOUTS:
        base = expected(folder, scratch)
        measures = [m for f in base["findings"] for m in f["measures"]]  # type: ignore[union-attr, index]
        assert len(base["findings"]) >= 2 and len(measures) >= 4 and all(m["measure"] and m["owner"] for m in measures)


@pytest.mark.parametrize(("name", "folder", "kind"), RUNS, ids=[f"{n}-{f.name[:3]}-{k}" for n, f, k in RUNS])
def test_variant_imports_to_what_the_layout_says(name: str, folder: Path, kind: str, tmp_path: Path,
                                                  scratch: Path) -> None:
    case = TRANSFORMS[name](Case(load_form(folder)), _facts(folder))
    assert case is not None
    xlsx, docx = case.write(tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out")
    printed = "\n".join([*report.found, *report.notes, *report.unplaced, report.failure])
    assert report.status is not Status.FAILED, printed
    want = copy.deepcopy(expected(folder, scratch))
    for edit in case.edits:
        edit(want)
    diff = differences(table_of(the_yaml(report)), want)
    assert not diff, "\n".join([f"{name} {folder.name}.{kind}", *diff, "", printed])
    for words in case.told:
        assert words in printed, f"the clerk is not told 「{words}」:\n{printed}"
