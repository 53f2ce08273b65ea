"""Real published forms (tests/forms/*/form.yaml), handed in as .xlsx and as .docx, import to the
file an auditor wrote by hand (golden.yaml) and score to the auditor's conclusion.

The grid is what the page printed; the golden file is what a careful auditor makes of it; neither is
derived from the importer. Each comparison names the field, so a failure reads as a review note.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from forms.make import Form, forms, load_form, make

from perfsite.cli import main
from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.scoring import ScoredProgramme, score_programme
from perfsite.siteconfig import SiteConfig

FACTS = ("name", "year", "department", "region", "reported_score", "reported_grade", "groups")
CELLS = ("level1", "level2", "name", "weight", "target", "actual", "completion", "score", "applicable")
CONCLUSIONS = ("一致", "舍入", "不一致", "未公布", "错误")
FOLDERS = forms()


def scored(path: Path) -> ScoredProgramme:
    site = SiteConfig()
    prog, problems = read_programme(path, site)
    assert prog is not None, [p.as_text() for p in problems.items]
    return score_programme(prog, site, problems)


def conclusion(result: ScoredProgramme) -> str:
    """What an auditor writes at the foot of the table, in the words of form.yaml's ``expect.status``."""
    if result.has_errors or result.total is None:
        return "错误"
    if result.programme.reported_score is None:
        return "未公布"
    if result.of(Severity.DISCREPANCY):
        return "不一致"
    return "舍入" if result.programme.reported_score != result.total else "一致"


def differences(got: ScoredProgramme, want: ScoredProgramme) -> list[str]:
    """Every published fact and cell that the import did not give back as the auditor wrote it."""
    a, b = got.programme, want.programme
    out = [f"{key}: 导入「{getattr(a, key)}」，应为「{getattr(b, key)}」"
           for key in FACTS if getattr(a, key) != getattr(b, key)]
    if (a.budget is None) != (b.budget is None):
        out.append(f"budget: 导入{'无' if a.budget is None else '有'}预算表，应为{'无' if b.budget is None else '有'}")
    elif a.budget and b.budget:
        if a.budget.unit != b.budget.unit:
            out.append(f"budget.unit: 导入「{a.budget.unit}」，应为「{b.budget.unit}」")
        for row in sorted({*a.budget.rows, *b.budget.rows}):
            x, y = a.budget.rows.get(row), b.budget.rows.get(row)
            fx = (x.parts, x.total) if x else None
            fy = (y.parts, y.total) if y else None
            if fx != fy:
                out.append(f"budget.{row}: 导入 {fx}，应为 {fy}")
    if len(a.indicators) != len(b.indicators):
        out.append(f"indicators: 导入 {len(a.indicators)} 项，应为 {len(b.indicators)} 项："
                   f"{[i.name for i in a.indicators]} / {[i.name for i in b.indicators]}")
        return out
    for n, (x, y) in enumerate(zip(a.indicators, b.indicators, strict=True)):
        for key in CELLS:
            if getattr(x, key) != getattr(y, key):
                out.append(f"indicators[{n}].{key}（{y.name}）: 导入「{getattr(x, key)}」，应为「{getattr(y, key)}」")
    return out


@pytest.mark.skipif(not FOLDERS, reason="no transcribed forms yet")
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_golden_file_scores_as_the_auditor_concluded(folder: Path) -> None:
    form = load_form(folder)
    for key in ("address", "date", "title", "file"):
        assert form.meta.get(key), f"form.yaml 缺少 {key}"
    assert form.expect.get("status") in CONCLUSIONS, form.expect
    result = scored(folder / "golden.yaml")
    assert conclusion(result) == form.expect["status"], [p.as_text() for p in result.problems]
    if form.expect["status"] != "错误":  # a total over missing weights is no figure an auditor signs
        assert result.total == Decimal(form.expect["total"])
        assert result.grade == form.expect["grade"]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], tuple[Path, Path]]:
    """folder → its .xlsx and .docx, made once for both kinds' tests: make() writes both, and its
    Word table (python-docx's table.cell() walks the whole table) costs about half a second a form."""
    root = tmp_path_factory.mktemp("forms-made")
    done: dict[str, tuple[Path, Path]] = {}

    def make_once(folder: Path) -> tuple[Path, Path]:
        if folder.name not in done:
            done[folder.name] = make(folder, root / folder.name)
        return done[folder.name]

    return make_once


@pytest.mark.skipif(not FOLDERS, reason="no transcribed forms yet")
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_form_imports_to_the_golden_file(folder: Path, kind: str, made: Callable[[Path], tuple[Path, Path]],
                                         tmp_path: Path) -> None:
    form: Form = load_form(folder)
    xlsx, docx = made(folder)
    source = tmp_path / "in" / (xlsx if kind == "xlsx" else docx).name  # handed in alone, as a clerk does
    source.parent.mkdir()
    shutil.copyfile(xlsx if kind == "xlsx" else docx, source)
    want = scored(folder / "golden.yaml")
    args = ["import", str(source), "--out", str(tmp_path / "out")]
    if not want.programme.year:
        # The form states no year anywhere: the clerk is told so and nothing is written; given
        # the year on the command line, everything else must come out as the auditor wrote it.
        refused = io.StringIO()
        with contextlib.redirect_stdout(refused):
            main(args)
        assert "找不到评价年度" in refused.getvalue() and not list((tmp_path / "out").rglob("*.yaml"))
        args += ["--year", "2099"]
    assert_imports_as(args, tmp_path / "out", want, f"{form.file}.{kind}")


def assert_imports_as(args: list[str], out: Path, want: ScoredProgramme, label: str) -> None:
    """`perfsite import` with `args` writes one programme into `out` that is `want` field by field and
    concludes as the auditor did (a form stating no year is compared without it)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(args)
    written = sorted(out.rglob("*.yaml"))
    assert len(written) == 1, printed.getvalue()
    got = scored(written[0])
    if not want.programme.year:
        got.programme.year = 0
    diff = differences(got, want)
    assert not diff, "\n".join([label, *diff, "", printed.getvalue()])
    assert conclusion(got) == conclusion(want) or not want.programme.year
    if conclusion(want) != "错误":
        assert (got.total, got.grade) == (want.total, want.grade)
