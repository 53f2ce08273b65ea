"""The corpus forms laid out as other provinces' units lay them out still import to their golden files.

Each transformation of tests/forms/variants.py (columns in another order, an extra column, other
header words, a two-row header, spacer rows and columns, lines above and below the table, a cover
sheet, a 说明 table, full-width digits, numbers as text, amounts with units, placeholders, line
breaks) is applied to a few corpus forms, chosen in turn so that every form is tried; the .xlsx and
the .docx made from the changed grid must import to the same programme as the golden file, field by
field, and score to the same total. None of these transformations changes what the form says, so
the golden file is the expected result unchanged.

Each variant file is made once (module-scoped cache); the ~140 imports take about 40 s of CPU.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from forms.make import FORMS, forms, load_form, title_rows
from forms.variants import ONLY, TOLD, TRANSFORMS, Facts, Variant, spread_cases
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from test_forms import conclusion, differences, scored
from test_import_layout import draft_of, grid

from perfsite.importing.assemble import Hints
from perfsite.importing.grid import Grid
from perfsite.importing.pipeline import Options, import_file
from perfsite.scoring import ScoredProgramme
from perfsite.siteconfig import SiteConfig

PER_TRANSFORM = 2
"""Forms tried per transformation: with 36 transformations over 15 forms, each form is tried about
five times (the next forms in turn), each transformation on two layouts."""
FOLDERS = forms()


def _facts(folder: Path) -> Facts:
    golden = yaml.load((folder / "golden.yaml").read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
    budget = golden.get("budget") or {}
    return Facts(str(golden.get("year") or ""), str(budget.get("unit") or "万元") if budget else "", budget or {})




CASES = spread_cases(TRANSFORMS, FOLDERS, PER_TRANSFORM, _facts)


@functools.cache
def _golden(folder: Path) -> ScoredProgramme:
    return scored(folder / "golden.yaml")
_made: dict[tuple[str, str], tuple[Variant, Path, Path]] = {}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("variants")

    def make(name: str, folder: Path) -> tuple[Variant, Path, Path]:
        key = (name, folder.name)
        if key not in _made:
            original = Variant(load_form(folder))
            variant = TRANSFORMS[name](original, _facts(folder))
            assert variant is not None and variant != original, f"{name} changed nothing in {folder.name}"
            _made[key] = (variant, *variant.write(root / name / folder.name))
        return _made[key]

    return make


def _where(variant: Variant, kind: str, text: str) -> tuple[str, str]:
    """(table label, cell reference) of the cell holding `text`, as the reader of `kind` names them."""
    r, c = next((r, c) for r, row in enumerate(variant.form.rows) for c, t in enumerate(row) if t == text)
    if kind == "xlsx":
        return "工作表「Sheet1」", f"{get_column_letter(c + 1)}{r + 1}"
    return f"表{len(variant.tables_before) + 1}", f"第{r - title_rows(variant.form) + 1}行第{c + 1}列"


def test_percentages_reach_the_import_as_excel_stores_them(made) -> None:  # type: ignore[no-untyped-def]
    """No transformation is needed for 「0.95 shown as 95%」: every variant's .xlsx stores each printed
    percentage so (tests/forms/make.py), and the variants import to their golden files."""
    from openpyxl import load_workbook

    name, folder = next((n, f) for n, f in CASES if n in ("remark_column", "lines_below", "spacer_rows")
                        and any(t.endswith("%") for row in load_form(f).rows for t in row))
    _, xlsx, _ = made(name, folder)
    book = load_workbook(str(xlsx))
    stored = [(cell.value, cell.number_format) for row in book.active.iter_rows() for cell in row
              if isinstance(cell.value, int | float) and "%" in cell.number_format]
    assert stored and all(0 <= value <= 2 for value, _ in stored), stored


def test_every_transformation_is_tried_on_several_forms() -> None:
    tried = {name for name, _ in CASES}
    assert tried == set(TRANSFORMS), set(TRANSFORMS) - tried
    assert {folder for _, folder in CASES} == set(FOLDERS)


PINNED = [(name, folder) for name, folder in [("transfer_region_mof", FORMS / "c03-sichuan-puhui-jinrong")]
          if folder in FOLDERS and (name, folder) not in CASES]
"""Cases tried whatever the rotation picks: c03 is the one corpus form whose money has a 地方 part (省级财政 43),
which the 转移支付 layout prints as 「地方资金」 over 「其中：省级资金」."""
RUNS = [(name, folder, kind) for name, folder in [*CASES, *PINNED] for kind in ONLY.get(name, ("xlsx", "docx"))]
"""Each case in each format it applies to (a Word-only layout has no .xlsx to try)."""


def assert_imported_as(report, want: ScoredProgramme, what: str, printed: str) -> None:  # type: ignore[no-untyped-def]
    """One programme written, equal field by field to the golden file and concluding as the auditor
    did (a golden file without a year compares everything else); `what` names the variant and file."""
    assert not report.failure, printed
    written = [p for p in report.written if p.suffix == ".yaml"]
    assert len(written) == 1, printed
    got = scored(written[0])
    if not want.programme.year:
        got.programme.year = 0
    diff = differences(got, want)
    assert not diff, "\n".join([what, *diff, "", printed])
    assert conclusion(got) == conclusion(want) or not want.programme.year
    if conclusion(want) != "错误":
        assert (got.total, got.grade) == (want.total, want.grade)


@pytest.mark.parametrize(("name", "folder", "kind"), RUNS, ids=[f"{n}-{f.name}-{k}" for n, f, k in RUNS])
def test_variant_imports_to_the_golden_file(name: str, folder: Path, kind: str, made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    variant, xlsx, docx = made(name, folder)
    want = _golden(folder)
    hints = Hints(year=None if want.programme.year else "2099")
    report = import_file(xlsx if kind == "xlsx" else docx, Options(tmp_path, hints=hints), SiteConfig(), set())
    printed = "\n".join([*report.found, *report.notes, report.failure])
    if name in TOLD:
        where, label = TOLD[name]
        table, ref = _where(variant, kind, label)
        lines = report.notes if where == "notes" else [report.failure]
        assert any(table in line and f"{ref}「{label}」" in line for line in lines), printed
        if where == "failure":
            assert not report.written and "没有找到绩效指标表" in report.failure
            return
    assert_imported_as(report, want, f"{name} {folder.name}.{kind}", printed)


def test_the_transfer_layout_s_goal_pair_reaches_the_file(made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The golden files hold no goals, so the harness above cannot see them lost: c03's 年度总体目标 and 完成情况,
    side by side under 「预期目标 | 实际完成情况」 in the 转移支付 layout, are both written."""
    folder = FORMS / "c03-sichuan-puhui-jinrong"
    variant, xlsx, _ = made("transfer_region_mof", folder)
    goal, done = (next(t for t in load_form(folder).rows[r] if t and t != label) for r, label in ((4, "年度总体目标"), (5, "完成情况")))
    assert [goal, done] in [row[1:5:3] for row in variant.form.rows], "the variant did not put the pair side by side"
    report = import_file(xlsx, Options(tmp_path, hints=Hints(year="2099")), SiteConfig(), set())
    [written] = [p for p in report.written if p.suffix == ".yaml"]
    sections = yaml.safe_load(written.read_text(encoding="utf-8"))["sections"]
    assert sections == {"年度总体目标": goal, "总体目标完成情况": done}

# --------------------------------------------------------------------------- what the variants do not pin

def _part(rows: list[list[str]], label: str, before: str, document: bool = True) -> Grid:
    made = grid(rows, label=label)
    made.before, made.document = before, document
    return made


HEAD = ["一级指标", "二级指标", "三级指标", "分值", "得分"]


def test_a_table_broken_at_a_page_break_goes_on_only_with_nothing_between() -> None:
    """Word: the second part starts with the header again, no text between → one table (levels carried).
    Text between (a section's own table), or two Excel sheets, stay two tables."""
    first = [["项目名称", "示例项目（2021年度）", "", "", ""], HEAD,
             ["产出指标", "数量指标", "受益人数", "60", "60"]]
    second = [HEAD, ["", "", "覆盖率", "40", "38"], ["总分", "", "", "100", "98"]]
    draft, _ = draft_of(_part(first, "表1", "自评表"), _part(second, "表2", "自评表"), source="a.docx")
    assert [(i["level1"], i["name"], i["score"]) for i in draft.data["indicators"]] == [
        ("产出指标", "受益人数", "60"), ("产出指标", "覆盖率", "38")]
    assert draft.data["reported"] == {"score": "98"}
    for parts in ((_part(first, "表1", "自评表"), _part(second, "表2", "（二）项目产出情况")),
                  (_part(first, "工作表「A」", "", False), _part(second, "工作表「B」", "", False))):
        _, found = draft_of(*parts, source="a.docx")
        assert [len(t.rows) for t in found.indicators] == [1, 1]


def test_no_money_in_an_amount_cell_is_no_amount() -> None:
    """「无」 under 年初预算数 means none (blank), not an amount to complain of."""
    draft, _ = draft_of(grid([
        ["项目名称", "示例项目（2021年度）", "", "", ""],
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["年度资金总额", "无", "20", "19", "95%"],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["受益人数", "≥100人", "120人", "100", "100"],
    ]))
    budget = draft.data["budget"]
    assert isinstance(budget, dict) and "initial" not in budget and str(budget["budget"]) == "20"
    assert not [n for n in draft.notes if "不是金额" in n]


def test_a_numbered_instruction_line_is_no_title() -> None:
    """A sheet's 「1.…填写。」 is an instruction: the name comes from the form's own title."""
    notes = grid([["1.“项目名称”按批复的项目支出绩效目标填写。"]], label="工作表「封面」")
    form = grid([["2021年度示例资金绩效自评表", "", "", ""],
                 ["三级指标", "年度指标值", "分值", "得分"], ["受益人数", "≥100人", "100", "100"]],
                ((0, 0, 0, 3),), label="工作表「自评表」")
    draft, _ = draft_of(notes, form)
    assert (draft.data["name"], str(draft.data["year"])) == ("示例资金", "2021")


STACK = ["b01-zhongjiang-shuibiaochi", "b04-yongde-yingyang"]
"""Two corpus forms one below the other in one sheet, as a department hands in its programmes' 自评表."""


def _stacked_sheet(tmp_path: Path, edit: Callable[[Worksheet], None]) -> Path:
    """The sheet of `STACK` (tests/test_import_layouts.py `_stacked`), changed by `edit` in Excel's way."""
    from openpyxl import load_workbook
    from test_import_layouts import _stacked

    path = _stacked(STACK, tmp_path / "各项目.xlsx", blank=2)
    book = load_workbook(path)
    edit(book.active)
    book.save(path)
    return path


def _parts(printed: str) -> list[str]:
    """What the import printed for each part of the file, in order."""
    return [part for part in printed.split("\n== ") if "个自评表" in part.split("\n", 1)[0]]


def test_a_note_about_the_whole_file_is_said_once_on_the_first_part(tmp_path: Path) -> None:
    """A hidden sheet holding no form is a note about the file, not about either programme: said once,
    on the first part's report, marked as about the whole file (each part repeating it read as a
    problem of each programme)."""
    def hide_a_sheet(sheet: Worksheet) -> None:
        extra = sheet.parent.create_sheet("草稿")
        extra["A1"] = "测算底稿"
        extra.sheet_state = "hidden"

    from test_import_layouts import _imported

    files, printed = _imported(_stacked_sheet(tmp_path, hide_a_sheet), tmp_path / "out")
    first, second = _parts(printed)
    assert len(files) == 2, printed
    assert "关于整个文件（不只是这个项目）：工作表「草稿」是隐藏的工作表" in first, printed
    assert "工作表「草稿」" not in second, printed


def test_a_note_naming_a_cell_goes_with_the_programme_holding_it(tmp_path: Path) -> None:
    """A hidden row under the second form (its rows only): said on the second part, not on the first."""
    def hide_a_row(sheet: Worksheet) -> None:
        row = sheet.max_row + 1
        sheet.cell(row, 1, "内部复核意见：已复核")
        sheet.row_dimensions[row].hidden = True

    from test_import_layouts import _imported

    _, printed = _imported(_stacked_sheet(tmp_path, hide_a_row), tmp_path / "out")
    first, second = _parts(printed)
    assert "内部复核意见" in second and "内部复核意见" not in first, printed


def test_a_reader_s_notes_are_cut_with_the_grid_by_the_rows_they_name() -> None:
    from perfsite.importing.grid import Cell
    from perfsite.importing.tables import split_notes

    rows = [[Cell("x", ref=f"{col}{r}") for col in "AB"] for r in (1, 2, 4, 5)]  # row 3 hidden
    notes = ["文档中有未接受的修订：按接受全部修订后的文字导入", "工作表「Sheet1」有隐藏的行或列：A3「备注」",
             "工作表「Sheet1」有隐藏的行或列：A3「备注」、B5「说明」", "B5「/」是模板中未填写的行",
             "依据 GB50300 验收"]
    above, below = split_notes(Grid("工作表「Sheet1」", rows, notes=notes), 2)  # the cut is before Excel's row 4
    assert above == [notes[0], notes[1], notes[2], notes[4]]
    assert below == [notes[0], notes[2], notes[3], notes[4]]


def test_a_word_file_s_revisions_are_said_once_for_the_file(tmp_path: Path) -> None:
    """Two programmes' Word forms one after the other, a revision left in the second: the reader says
    it for the file (on its first table); the import says it once, on the first part, as the file's."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from test_import_layouts import FORMS, _imported, _one_word_file

    path = _one_word_file(FORMS / STACK[0], FORMS / STACK[1], tmp_path)
    document = Document(path)
    document.paragraphs[-1]._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="科员"/>'))
    document.save(path)
    files, printed = _imported(path, tmp_path / "out")
    parts = _parts(printed)
    assert len(files) == 2 and len(parts) == 2, printed
    first, second = parts
    assert "关于整个文件（不只是这个项目）：文档中有未接受的修订" in first and "未接受的修订" not in second, printed


def test_the_first_row_of_a_two_row_header_repeated_on_a_new_page_is_no_indicator() -> None:
    """A report engine repeats one row of a two-row header atop each page, the row naming 三级指标 (衡山's
    form with 年度指标值 | 实际完成值 under a spanned 指标值, drawn large): alone it names 指标值 twice and is
    no header of its own, but it repeats the header's first row cell for cell, so it is not an indicator
    named 「三级指标」."""
    upper = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "未完成原因和改进措施"]
    rows = [["项目名称", "示例项目（2021年度）", "", "", "", "", ""], upper,
            ["", "", "", "", "年度指标值", "实际完成值", ""],
            ["", "产出指标", "数量指标", "受益人数", "≥100人", "120人", ""],
            upper,
            ["", "产出指标", "质量指标", "合格率", "≥95%", "98%", ""]]
    merges = ((0, 1, 0, 6), (1, 0, 5, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 1, 5), (1, 6, 2, 6), (4, 4, 4, 5))
    draft, _ = draft_of(grid(rows, merges))
    assert [(i["name"], i.get("target"), i.get("actual")) for i in draft.data["indicators"]] == [
        ("受益人数", "≥100人", "120人"), ("合格率", "≥95%", "98%")]
