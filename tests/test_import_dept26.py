"""Real 部门整体 score tables of layouts the corpus lacked (tests/forms_dept26, SOURCES.md there), made into the .xlsx
and the .docx a unit hands in (tests/forms/make.py) and imported as a clerk would, once per module.

- e01 (四川 大英县总工会 2020): the table without its title (a paginated reposting left it on the page before), the
  file named after the form by the clerk. It was taken for a programme's form and refused for want of a 项目名称.
- e02 (2017 部门整体支出绩效评价得分表, place not in the copy): every indicator's points in brackets in its name,
  「相关性(5 分)」, and 得分 the only figure column. It failed with 「找不到绩效指标表」: every score lost.
- e03 (上海 嘉定 2018): a commissioning bureau's marks for the evaluation firm's work (合计 94), published beside the
  evaluation: never a programme's score.

Expected values are the transcription's own cells, never the importer's output.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from forms.make import Form, load_form, make
from openpyxl.utils.cell import column_index_from_string

from perfsite.department import DepartmentDocument
from perfsite.documents import read_document
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import FileReport, Options, Status, import_file
from perfsite.kinds import DocumentKind
from perfsite.problems import Severity
from perfsite.siteconfig import SiteConfig

CORPUS = Path(__file__).resolve().parent / "forms_dept26"
DAYING, UNSTATED_2017, JIADING = sorted(p.parent for p in CORPUS.glob("*/form.yaml"))
KINDS = ("xlsx", "docx")


def cell(form: Form, ref: str) -> str:
    letters = "".join(ch for ch in ref if ch.isalpha())
    return form.rows[int(ref[len(letters):]) - 1][column_index_from_string(letters) - 1]


def column(form: Form, letter: str, first: int, last: int) -> list[str]:
    return [cell(form, f"{letter}{r}") for r in range(first, last + 1)]


_POINTS = re.compile(r"^(.*?)\s*\(\s*(\d+)\s*分\s*\)$")


def printed_points(text: str) -> tuple[str, str]:
    """「相关性(5 分)」 → (相关性, 5), as an auditor reads the transcribed cell."""
    found = _POINTS.match(text)
    assert found, text
    return found[1].replace(" ", ""), found[2]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], FileReport]:
    """Each form's .xlsx and .docx imported once, with no hint but e02's department name (not in its copy)."""
    tmp = tmp_path_factory.mktemp("dept26")
    hints = {DAYING.name: Hints(), UNSTATED_2017.name: Hints(name="示例部门"), JIADING.name: Hints()}
    reports = {}
    for folder in (DAYING, UNSTATED_2017, JIADING):
        files = dict(zip(KINDS, make(folder, tmp / "in" / folder.name), strict=True))
        for kind, path in files.items():
            out = tmp / "out" / folder.name / kind
            reports[folder.name, kind] = import_file(path, Options(out, hints=hints[folder.name]), SiteConfig(), set())
    return reports


def document(report: FileReport) -> DepartmentDocument:
    [written] = report.written
    read, problems = read_document(written, SiteConfig())
    assert isinstance(read, DepartmentDocument), [p.as_text() for p in problems.items]
    return read


def errors(report: FileReport) -> list[str]:
    [written] = report.written
    _, problems = read_document(written, SiteConfig())
    return [p.as_text() for p in problems.items if p.severity is Severity.ERROR]


def test_the_corpus_records_where_each_form_was_published() -> None:
    for folder in (DAYING, UNSTATED_2017, JIADING):
        form = load_form(folder)
        assert str(form.meta["address"]).startswith(("http://", "https://"))
        assert form.meta["quirks"] and form.meta["file"]
        assert folder.name in (CORPUS / "SOURCES.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- e02: the points in the names

@pytest.mark.parametrize("kind", KINDS)
def test_points_printed_in_each_name_are_its_weight(imported, kind: str) -> None:
    form = load_form(UNSTATED_2017)
    report = imported[UNSTATED_2017.name, kind]
    assert report.written, report.failure
    read = document(report)
    assert (read.kind, read.department, read.year) == (DocumentKind.DEPARTMENT_SELF_EVALUATION, "示例部门", 2017)
    assert read.evaluation is not None
    indicators = read.evaluation.programme.indicators
    printed = [printed_points(text) for text in column(form, "C", 3, 8)]
    assert [i.name for i in indicators[:6]] == [name for name, _ in printed]
    assert [i.weight for i in indicators[:6]] == [Decimal(points) for _, points in printed]
    assert [i.score for i in indicators[:6]] == [Decimal(x) for x in column(form, "D", 3, 8)]
    assert indicators[6].name == cell(form, "C9")  # the row the copy cuts: its name only


@pytest.mark.parametrize("kind", KINDS)
def test_the_levels_points_are_checked_and_only_the_cut_is_reported(imported, kind: str) -> None:
    """部门决策 (25) is the five weights under it, 目标任务 (15) and 预算编制 (10) theirs: no error; 综合管理 (30) and
    专项资金分配时限 (2) run on past the cut, and the cut row has no weight: those are reported, nothing else."""
    said = errors(imported[UNSTATED_2017.name, kind])
    assert not [m for m in said if any(level in m for level in ("部门决策", "目标任务", "预算编制"))], said
    assert any("综合管理" in m and "30" in m for m in said), said
    assert any("indicators[7]" in m and "权重" in m for m in said), said
    notes = "\n".join(imported[UNSTATED_2017.name, kind].notes)
    assert "没有「分值」列" not in notes  # the weights are printed, in the names


# --------------------------------------------------------------------------- e01: no title in the file

@pytest.mark.parametrize("kind", KINDS)
def test_a_form_without_its_title_is_read_by_its_file_name(imported, kind: str) -> None:
    form = load_form(DAYING)
    report = imported[DAYING.name, kind]
    assert report.written, report.failure
    read = document(report)
    assert (read.kind, read.department, read.year) == (DocumentKind.DEPARTMENT_SELF_EVALUATION, "大英县总工会", 2020)
    assert read.evaluation is not None
    indicators = read.evaluation.programme.indicators
    assert [i.name for i in indicators] == column(form, "C", 3, 5)
    assert [i.weight for i in indicators] == [Decimal(x) for x in column(form, "D", 3, 5)]
    assert [i.score for i in indicators] == [Decimal(x) for x in column(form, "G", 3, 5)]
    assert indicators[2].rule_text == cell(form, "F5")  # 计分标准 is the rule's column
    notes = "\n".join(report.notes)
    assert "取自文件名" in notes and "--name" in notes  # the clerk is told where the name came from


def test_a_file_s_own_title_comes_before_its_name(tmp_path: Path) -> None:
    """A file whose table carries a programme form's title is never read as a 部门整体 form by its file name."""
    from openpyxl import Workbook

    form = load_form(DAYING)
    wb = Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    for row in form.rows:
        ws.append([c.replace("\n", "") for c in row])
    path = tmp_path / "大英县总工会2020年度部门整体支出绩效自评表.xlsx"
    wb.save(path)
    report = import_file(path, Options(tmp_path / "out", hints=Hints()), SiteConfig(), set())
    assert not any("部门整体" in line for line in report.notes)
    # read as the 自评表 its title names, whose table it is not: said before any fact is asked for, and
    # never as a target table for its 指标解释 column (its 自评得分 is in the header row above)
    assert report.status is Status.FAILED and str(report.failure).startswith("没有找到绩效指标表"), report.failure


# --------------------------------------------------------------------------- e03: the evaluator's marks

@pytest.mark.parametrize("kind", KINDS)
def test_marks_for_the_evaluation_firm_are_never_a_score(imported, kind: str) -> None:
    report = imported[JIADING.name, kind]
    assert report.status is Status.FAILED and not report.written
