"""部门整体支出 forms as departments publish them import to `kind: 部门整体…` files; the template's
绩效目标表 sheet imports as a clerk fills it.

The corpus (tests/forms_dept/*/form.yaml) is real published forms transcribed cell by cell; each is
made into the .xlsx and the .docx a unit would hand in (tests/forms/make.py) and imported. The
expected values are read from the transcription's own cells (the published figures), or from the
golden file written by hand from it, never from the importer's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from forms.make import Form, load_form, make
from forms.variants import Facts, Variant
from forms_targets.variants import ONLY as TARGET_ONLY
from forms_targets.variants import TRANSFORMS as TARGET_TRANSFORMS
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string
from test_import_formats import lo_convert, office, ruled  # noqa: F401 (office is a fixture)

from perfsite.department import DepartmentDocument
from perfsite.documents import read_document
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import FileReport, Options, Status, import_batch, import_file
from perfsite.importing.template import TARGET_FACTS, target_indicator_row, write_template
from perfsite.kinds import DocumentKind
from perfsite.problems import Problems, Severity
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable

CORPUS = Path(__file__).resolve().parent / "forms_dept"
FOLDERS = sorted(p.parent for p in CORPUS.glob("*/form.yaml"))
NINGDE, CHONGQING, SHOUXIAN, GUANGSHUI, YUEYANGLOU, NINGDE_DIZHEN, LINGLING, YUHUA = FOLDERS


def form_of(folder: Path) -> Form:
    return load_form(folder)


def cell(form: Form, ref: str) -> str:
    """A transcribed cell by its Excel name (「I9」)."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    row = form.rows[int(ref[len(letters):]) - 1]
    c = column_index_from_string(letters) - 1
    return row[c] if c < len(row) else ""


def column(form: Form, letter: str, first: int, last: int) -> list[str]:
    return [cell(form, f"{letter}{r}") for r in range(first, last + 1)]


def document_of(path: Path) -> tuple[DepartmentDocument, Problems]:
    document, problems = read_document(path, SiteConfig())
    assert isinstance(document, DepartmentDocument), [p.as_text() for p in problems.items]
    return document, problems


def imported(source: Path, out: Path, hints: Hints | None = None) -> FileReport:
    return import_file(source, Options(out, hints=hints or Hints()), SiteConfig(), set())


def messages(report: FileReport) -> list[str]:
    return [p.as_text() for p in report.problems]


# --------------------------------------------------------------------------- the corpus

def test_the_corpus_has_five_forms_from_five_provinces() -> None:
    provinces = {str(form_of(folder).meta["place"]["province"]) for folder in FOLDERS}  # type: ignore[index]
    assert len(FOLDERS) >= 5 and len(provinces) >= 5


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_form_records_where_it_was_published(folder: Path) -> None:
    form = form_of(folder)
    for key in ("address", "date", "title", "file", "quirks", "form", "publisher"):
        assert form.meta.get(key), f"form.yaml 缺少 {key}"
    assert str(form.meta["address"]).startswith(("http://", "https://"))
    assert str(form.meta["date"]) == "未载明" or str(form.meta["date"])[:2] in ("19", "20")


def test_the_golden_target_table_is_valid() -> None:
    document, problems = document_of(NINGDE / "golden.yaml")
    assert document.kind is DocumentKind.DEPARTMENT_TARGETS
    assert not [p for p in problems.items if p.severity is Severity.ERROR]


# --------------------------------------------------------------------------- 宁德 target table

def _same_as_golden(written: Path) -> None:
    """Field by field, line breaks too: a PDF keeps those before each 「目标2:」 as the clerk typed them."""
    got, problems = document_of(written)
    want, _ = document_of(NINGDE / "golden.yaml")
    assert not [p.as_text() for p in problems.items if p.severity is Severity.ERROR]
    for key in ("kind", "year", "department", "department_code", "unit", "tasks_total"):
        assert getattr(got, key) == getattr(want, key), key
    assert got.annual_goal == want.annual_goal
    assert [(t.name, t.content, t.amount) for t in got.tasks] == [(t.name, t.content, t.amount) for t in want.tasks]
    assert got.targets is not None and want.targets is not None
    keys = ("level1", "level2", "name", "nature", "target", "unit", "explanation", "weight", "core")
    assert [[getattr(i, k) for k in keys] for i in got.targets.indicators] == [
        [getattr(i, k) for k in keys] for i in want.targets.indicators]


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_ningde_target_table_imports_to_its_golden_file(kind: str, tmp_path: Path) -> None:
    xlsx, docx = make(NINGDE, tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    [written] = report.written
    assert written.name.endswith("-bumen-zhengti-mubiao.yaml") and written.parent.name == "imported"
    assert written.parent.parent.name == "2019"
    _same_as_golden(written)
    # the amounts the contract has no key for are named to the clerk, never dropped silently
    said = " ".join(report.notes + report.unplaced)
    assert "171.41" in said and "60.8" in said and "110.61" in said


def test_ningde_target_table_imports_from_a_text_pdf(tmp_path: Path, office: str) -> None:  # noqa: F811
    _, docx = make(NINGDE, tmp_path / "in")
    pdf = lo_convert(office, ruled(docx), "pdf", tmp_path / "pdf")
    report = imported(pdf, tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    _same_as_golden(report.written[0])


def test_ningde_tasks_and_targets_are_the_published_cells(tmp_path: Path) -> None:
    form = form_of(NINGDE)
    xlsx, _ = make(NINGDE, tmp_path / "in")
    document, _ = document_of(imported(xlsx, tmp_path / "out").written[0])
    assert [t.name for t in document.tasks] == column(form, "C", 9, 11)
    assert [t.amount for t in document.tasks] == [Decimal(x) for x in column(form, "E", 9, 11)]
    assert document.department_code == cell(form, "E3")
    assert document.targets is not None
    assert [i.name for i in document.targets.indicators] == column(form, "C", 13, 18)
    assert [i.target for i in document.targets.indicators] == column(form, "E", 13, 18)


# --------------------------------------------------------------------------- 重庆 self-evaluation

def test_chongqing_without_name_or_year_fails_naming_what_to_give(tmp_path: Path) -> None:
    xlsx, _ = make(CHONGQING, tmp_path / "in")
    report = imported(xlsx, tmp_path / "out")
    assert report.status is Status.FAILED and "找不到部门名称" in report.failure and "--name" in report.failure
    report = imported(xlsx, tmp_path / "out", Hints(name="西部（重庆）科学城融媒体中心"))
    assert report.status is Status.FAILED and "--year" in report.failure


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_chongqing_self_evaluation_reads_the_published_figures(kind: str, tmp_path: Path) -> None:
    form = form_of(CHONGQING)
    xlsx, docx = make(CHONGQING, tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out",
                      Hints(name="西部（重庆）科学城融媒体中心", year="2021"))
    [written] = report.written
    assert written.name.endswith("-bumen-zhengti-ziping.yaml")
    document, _ = document_of(written)
    assert document.kind is DocumentKind.DEPARTMENT_SELF_EVALUATION and document.year == 2021
    assert document.department == "西部（重庆）科学城融媒体中心"
    scored = document.evaluation
    assert scored is not None
    indicators = scored.programme.indicators
    # the 执行率 of the 部门预算执行情况 row first (weight F5, score G5), then the table's rows
    assert indicators[0].name == "预算执行率"
    assert (indicators[0].weight, indicators[0].score) == (Decimal(cell(form, "F5")), Decimal(cell(form, "G5")))
    assert [i.name for i in indicators[1:]] == column(form, "B", 9, 27)
    assert [i.weight for i in indicators[1:]] == [Decimal(x) for x in column(form, "I", 9, 27)]
    assert [i.score for i in indicators[1:]] == [Decimal(x) for x in column(form, "J", 9, 27)]
    assert [i.actual for i in indicators[1:]] == column(form, "G", 9, 27)
    assert document.execution is not None and document.execution.rate == Decimal(cell(form, "E5").rstrip("%"))
    assert document.annual_result == cell(form, "G7")
    assert document.annual_goal == cell(form, "D7")  # 年初绩效目标 is 「无」: the adjusted goal, with a comment
    assert "取自全年（调整）绩效目标" in written.read_text(encoding="utf-8")
    # the copy is cut: the published 总分 does not match, and that is reported, not hidden
    assert scored.programme.reported_score == Decimal(cell(form, "I2"))
    said = messages(report)
    assert any("reported.score" in m and "公布 97.6" in m for m in said), said
    assert any("权重之和为 80" in m for m in said), said
    assert report.status is Status.NEEDS_CHANGES


# --------------------------------------------------------------------------- 寿县 evaluation-framework self-evaluation

def test_shouxian_framework_self_evaluation(tmp_path: Path) -> None:
    form = form_of(SHOUXIAN)
    xlsx, _ = make(SHOUXIAN, tmp_path / "in")
    report = imported(xlsx, tmp_path / "out", Hints(name="寿县示例单位"))
    [written] = report.written
    document, _ = document_of(written)
    assert document.year == 2023  # from the title
    scored = document.evaluation
    assert scored is not None
    indicators = scored.programme.indicators
    assert [i.name for i in indicators] == [n.replace(" ", "") for n in column(form, "D", 4, 9)]
    assert [i.weight for i in indicators] == [Decimal(x) for x in column(form, "E", 4, 9)]
    assert [i.score for i in indicators[:5]] == [Decimal(x) for x in column(form, "H", 4, 8)]
    assert indicators[0].rule_text.startswith("1、基础数据信息是否真实")
    said = messages(report)
    assert any("indicators[6].target" in m and "无法评分" in m for m in said), said  # the cut row has no score


# --------------------------------------------------------------------------- 雨花区: a 分值 column after each level

@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_yuhua_reads_each_indicator_s_own_points_not_its_levels(kind: str, tmp_path: Path) -> None:
    """「级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评价标准 | 指标说明 | 得分」: the last 分值 (F) is each
    三级指标's, the others (B, D: 投入 13, 过程 61, 预算配置 13, 预算执行 20) are its levels' points."""
    form = form_of(YUHUA)
    xlsx, docx = make(YUHUA, tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out")
    [written] = report.written
    document, _ = document_of(written)
    assert (document.department, document.year) == (cell(form, "B2"), 2022)
    assert document.evaluation is not None
    indicators = document.evaluation.programme.indicators
    assert [i.name for i in indicators] == column(form, "E", 8, 12)
    assert [i.weight for i in indicators] == [Decimal(x) for x in column(form, "F", 8, 12)]
    assert [i.score for i in indicators] == [Decimal(x) for x in column(form, "I", 8, 12)]
    assert [i.level2 for i in indicators] == [cell(form, "C8")] * 2 + [cell(form, "C10")] * 3
    assert indicators[0].rule_text == cell(form, "G8")
    said = "\n".join([*report.notes, *messages(report)])
    assert "级指标" in said  # the header cell the copy cut is named to the clerk


def test_only_a_level_s_points_are_folded_into_it() -> None:
    """A 分值 after 序号 (or any column that names no level) is no level's points: the grid is left as it is."""
    from perfsite.importing.grid import Cell, Grid
    from perfsite.importing.tables import level_points_folded

    rows = [["序号", "分值", "三级指标", "分值", "得分"], ["1", "10", "预算执行率", "10", "9"]]
    grid = Grid("表1", [[Cell(text) for text in row] for row in rows])
    assert level_points_folded(grid) is grid


# --------------------------------------------------------------------------- 岳阳楼区: 指标值类型, 评（扣）分标准, a mirror's pinyin

@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_yueyanglou_target_table_reads_the_published_cells(kind: str, tmp_path: Path) -> None:
    """A unit's 「2023年度整体绩效目标表」 (no 部门整体 in the title) with 指标值类型 (定量/定性) and
    评（扣）分标准 columns, copied by a mirror that writes pinyin after some characters: labels are
    read through the pinyin and the traditional characters; values are written as the copy prints them."""
    form = form_of(YUEYANGLOU)
    xlsx, docx = make(YUEYANGLOU, tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out")
    [path] = report.written
    document, _ = document_of(path)
    assert (document.kind, document.year, document.department) == (DocumentKind.DEPARTMENT_TARGETS, 2023, cell(form, "B2"))
    assert (document.functions, document.annual_goal) == (cell(form, "B3"), cell(form, "B4"))
    assert document.targets is not None
    rows = [r for r in range(7, 13) if cell(form, f"C{r}")]  # the 经济效益 row names no indicator
    indicators = document.targets.indicators
    assert [i.name for i in indicators] == [cell(form, f"C{r}") for r in rows]
    assert [i.explanation for i in indicators] == [cell(form, f"G{r}") for r in rows]
    assert [i.target for i in indicators] == ["28.8萬元", "100%", "按月安排", "100%", "應(yīng)保盡保"]
    # the form's own slip is the check's to report: an amount in 万元 over a 计量单位 of %
    assert any("indicators[1].unit" in m and "「28.8萬元」" in m and "「%」不一致" in m for m in messages(report)), messages(report)
    assert any("评（扣）分标准一栏数据格式没有对应的键" in n for n in report.notes), report.notes


# --------------------------------------------------------------------------- 广水: what cannot be read

@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_guangshui_without_indicators_fails_clearly(kind: str, tmp_path: Path) -> None:
    xlsx, docx = make(GUANGSHUI, tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out")
    assert report.status is Status.FAILED
    assert "部门整体支出绩效目标表中找不到绩效指标表" in report.failure
    assert not list((tmp_path / "out").rglob("*.yaml"))


# --------------------------------------------------------------------------- 宁德 地震局: money by 资金结构, formulas in the labels

@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_ningde_self_evaluation_reads_its_money_block_s_total(kind: str, tmp_path: Path) -> None:
    """福建's 部门整体 form heads its money columns with their formulas (「小计③=①+②」, 「支出实现率(%)⑤=④/③」)
    over rows by 资金结构: the department's execution is the 合计 row's, the rows above it are named as
    not written, never dropped without a word."""
    form = form_of(NINGDE_DIZHEN)
    xlsx, docx = make(NINGDE_DIZHEN, tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out")
    [written] = report.written
    document, _ = document_of(written)
    assert document.kind is DocumentKind.DEPARTMENT_SELF_EVALUATION and document.year == 2020
    assert document.department == cell(form, "B3") and document.department_code == cell(form, "H3")
    assert cell(form, "B10").replace(" ", "") == "合计"
    execution = document.execution
    assert execution is not None
    assert (execution.budget, execution.spent, execution.rate) == (
        Decimal(cell(form, "F10")), Decimal(cell(form, "G10")), Decimal(cell(form, "H10")))
    assert document.annual_goal == cell(form, "B12") and document.annual_result == cell(form, "G12")
    scored = document.evaluation
    assert scored is not None
    indicators = scored.programme.indicators
    assert [i.name for i in indicators] == column(form, "D", 14, 16)
    assert [i.target for i in indicators] == column(form, "E", 14, 16)
    assert [i.actual for i in indicators] == column(form, "F", 14, 16)
    assert [i.weight for i in indicators[:2]] == [Decimal(x) for x in column(form, "H", 14, 15)]
    assert [i.score for i in indicators[:2]] == [Decimal(x) for x in column(form, "I", 14, 15)]
    assert indicators[0].rule_text == cell(form, "G14")
    assert any("合计" in n and "预算执行按这一行写入" in n for n in report.notes), report.notes
    said = messages(report)
    assert any("indicators[3]" in m and "缺少权重" in m for m in said), said  # the row the copy cut
    assert any("58.07" in u for u in report.unplaced), report.unplaced  # 年中调整金额: listed, not lost


# --------------------------------------------------------------------------- 零陵区 林业局: a level's points without 分

@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_lingling_reads_its_levels_points_written_without_fen(kind: str, tmp_path: Path) -> None:
    """湖南's form prints 「产出指标 (50)」: the 50 is 产出's points, checked against its weights (10 + 7 + 7 + 7
    + 7 + 6 + 6), not part of the level's name. The printed 执行率 100% against 80.45% and the scores 5 where
    the amounts give 5.96 and 5.65 are differences the clerk must read, as an auditor would."""
    form = form_of(LINGLING)
    xlsx, docx = make(LINGLING, tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out", Hints(name="零陵区林业局", year="2021"))
    [written] = report.written
    document, _ = document_of(written)
    assert document.kind is DocumentKind.DEPARTMENT_SELF_EVALUATION and document.year == 2021
    scored = document.evaluation
    assert scored is not None
    output = [i for i in scored.programme.indicators if i.level1 == "产出指标"]
    assert [i.name for i in output] == [n for n in column(form, "C", 14, 22) if n != "……"]
    assert {i.level1_declared for i in output} == {Decimal(50)}
    assert sum(i.weight for i in output if i.weight is not None) == Decimal(50)
    said = messages(report)
    assert not any("标明" in m and "产出指标" in m for m in said), said  # 50 declared, 50 under it
    assert any("80.45%" in m and "100%" in m for m in said), said
    assert any("木材销售收入" in m and "5.96" in m for m in said), said


# --------------------------------------------------------------------------- broken and hostile variants

def _variant(tmp_path: Path, change: dict[str, str]) -> Path:
    """The 宁德 form with some cells changed, as its .xlsx."""
    data = yaml.safe_load((NINGDE / "form.yaml").read_text(encoding="utf-8"))
    for ref, text in change.items():
        letters = "".join(ch for ch in ref if ch.isalpha())
        data["rows"][int(ref[len(letters):]) - 1][column_index_from_string(letters) - 1] = text
    folder = tmp_path / "variant"
    folder.mkdir()
    (folder / "form.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    xlsx, _ = make(folder, tmp_path / "in")
    return xlsx


def test_a_task_amount_in_words_is_named_by_its_cell(tmp_path: Path) -> None:
    report = imported(_variant(tmp_path, {"E10": "十一万"}), tmp_path / "out")
    assert any("C10" in n and "「十一万」不是数字" in n for n in report.notes), report.notes
    document, _ = document_of(report.written[0])
    assert document.tasks[1].amount is None and document.tasks[0].amount == Decimal("49.8")


def test_a_missing_department_name_fails(tmp_path: Path) -> None:
    report = imported(_variant(tmp_path, {"B3": ""}), tmp_path / "out")
    assert report.status is Status.FAILED and "找不到部门名称" in report.failure


def test_two_tasks_of_one_name_are_kept_once_with_a_note(tmp_path: Path) -> None:
    report = imported(_variant(tmp_path, {"C10": "按时发放2019年人员工资待遇"}), tmp_path / "out")
    assert any("C11" in n and "同名" in n for n in report.notes), report.notes
    document, _ = document_of(report.written[0])
    assert [t.name for t in document.tasks] == [cell(form_of(NINGDE), "C9"), "按时发放2019年人员工资待遇"]


def test_a_hostile_text_is_written_as_text(tmp_path: Path) -> None:
    hostile = "=HYPERLINK(\"x\")\u202e: {a: b} # 注释"
    report = imported(_variant(tmp_path, {"B3": hostile}), tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    shown = hostile.replace("\u202e", "[U+202E]")  # the writer's visible mark for a direction control
    assert yaml.safe_load(report.written[0].read_text(encoding="utf-8"))["department"] == shown
    document, _ = document_of(report.written[0])
    assert document.department == shown


def test_a_programme_form_is_never_a_department_form(tmp_path: Path) -> None:
    """A programme's form in a department's publication names the programme: it stays a programme's."""
    report = imported(_variant(tmp_path, {"A3": "项目名称"}), tmp_path / "out")
    assert not any(p.name.endswith(("-bumen-zhengti-mubiao.yaml", "-bumen-zhengti-ziping.yaml"))
                   for p in report.written)


def test_the_same_department_year_twice_in_one_batch_is_written_once(tmp_path: Path) -> None:
    xlsx, docx = make(NINGDE, tmp_path / "in")
    reports = import_batch([docx, xlsx], Options(tmp_path / "out"), SiteConfig(), set())
    assert [r.status for r in reports] == [Status.IMPORTED, Status.FAILED]
    assert "同一部门同一年度只需导入一份" in reports[1].failure
    again = imported(docx, tmp_path / "out")  # the same file again: what it renders is what is there
    assert again.status is Status.SKIPPED and "已导入过，跳过" in again.failure


# --------------------------------------------------------------------------- the template's 绩效目标表 sheet

CLERK = {"项目名称*": "学生营养改善", "年度*": 2024, "主管部门*": "示例县教育局", "主管部门编码": "301001",
         "实施单位": "示例县实验小学", "项目属性": "延续", "项目期（起止年限）": "2021-2025", "金额单位": "万元",
         "年度资金总额": 120, "其中：财政拨款": 100, "其中：其他资金": 20, "中期目标": "到2025年营养膳食补助全覆盖",
         "年度目标": "为1200名学生提供营养膳食补助"}
ROWS = [("产出指标", "数量指标", "受益学生人数", "≥", "1200", "人", "享受补助的学生人数", "计划标准", "学籍系统", "是", 60),
        ("效益指标", "社会效益指标", "学生营养健康状况", "定性", "明显改善", "", "", "其他标准", "体检报告", "否", 30),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥", "90", "%", "", "历史标准", "问卷", "否", 10)]


def filled_targets(path: Path) -> Path:
    """`perfsite template`, its 绩效目标表 sheet filled with openpyxl as a clerk types it."""
    write_template(path)
    book = load_workbook(str(path))
    sheet = book["绩效目标表"]
    for r, (label, _, _) in enumerate(TARGET_FACTS, 3):
        sheet.cell(r, 2, CLERK[label])
    for r, row in enumerate(ROWS, target_indicator_row() + 1):
        for c, value in enumerate(row, 1):
            sheet.cell(r, c, value)
    book.save(str(path))
    return path


def test_a_filled_target_sheet_imports_as_the_clerk_typed_it(tmp_path: Path) -> None:
    report = imported(filled_targets(tmp_path / "模板.xlsx"), tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    [written] = report.written
    table, problems = read_document(written, SiteConfig())
    assert isinstance(table, TargetTable) and not problems.items
    assert (table.name, table.year, table.department, table.department_code, table.implementer, table.attribute,
            table.period) == ("学生营养改善", 2024, "示例县教育局", "301001", "示例县实验小学", "延续", "2021-2025")
    assert (table.midterm_goal, table.annual_goal) == (CLERK["中期目标"], CLERK["年度目标"])
    assert table.funds is not None
    assert (table.funds.total, table.funds.fiscal, table.funds.other) == (Decimal(120), Decimal(100), Decimal(20))
    assert [(i.level1, i.level2, i.name) for i in table.indicators] == [row[:3] for row in ROWS]
    assert [i.target for i in table.indicators] == ["≥1200人", "明显改善", "≥90%"]
    assert [i.core for i in table.indicators] == [True, False, False]
    assert [i.weight for i in table.indicators] == [Decimal(row[10]) for row in ROWS]
    assert [(i.basis, i.data_source) for i in table.indicators] == [(row[7], row[8]) for row in ROWS]


def test_a_template_with_both_parts_writes_the_target_beside_its_self_evaluation(tmp_path: Path) -> None:
    path = filled_targets(tmp_path / "模板.xlsx")
    book = load_workbook(str(path))
    facts, indicators = book["项目信息"], book["绩效指标"]
    facts["B3"], facts["B4"], facts["B5"] = "学生营养改善", 2024, "示例县教育局"
    for c, value in enumerate(("产出指标", "数量指标", "受益学生人数", 100, "≥1200人", "1250人", "", 100), 1):
        indicators.cell(2, c, value)
    book.save(str(path))
    reports = import_batch([path], Options(tmp_path / "out"), SiteConfig(), set())
    assert [r.status for r in reports] == [Status.IMPORTED, Status.IMPORTED], [(r.failure, messages(r)) for r in reports]
    own, target = (r.written[0] for r in reports)
    assert target.parent == own.parent and target.name == f"{own.stem}-mubiao.yaml"
    assert reports[1].id == reports[0].id


# --------------------------------------------------------------------------- the 财预〔2021〕101号 layout (invented grids)

def workbook(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    """A one-sheet form typed as a clerk types it (numbers as numbers, the rest as text)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(str(path))
    return path


GOAL = "义务教育巩固率保持在97%以上；家庭经济困难学生应助尽助；完成教师培训1200人次。"
STANDARD_TARGETS = [
    ["部门整体支出绩效目标表（2023年度）", "", "", "", "", ""],
    ["部门名称", "示例县教育局", "部门编码", "301", "", ""],
    ["部门职能", "统筹规划和管理全县学前教育、义务教育和普通高中教育；负责学生资助和教师培训工作。", "", "", "", ""],
    ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "", ""],
    ["", "义务教育经费保障", "落实城乡义务教育学校生均公用经费和教师工资保障", 8650, "", ""],
    ["", "学生资助", "落实家庭经济困难学生资助政策", 420, "", ""],
    ["", "教师培训", "组织中小学和幼儿园教师全员培训", 146, "", ""],
    ["", "金额合计", "", 9300, "", ""],
    ["年度总体目标", GOAL, "", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
    ["过程指标", "预算执行", "预算执行率", "=", "100", "%"],
    ["产出指标", "数量指标", "★义务教育巩固率", "≥", "97", "%"],
    ["", "", "教师培训人次", "≥", "1200", "人次"],
    ["满意度指标", "服务对象满意度指标", "家长满意度", "≥", "90", "%"],
]
STANDARD_TARGET_MERGES = ("A1:F1", "B3:F3", "A4:A8", "B9:F9", "A12:A13", "B12:B13")


@pytest.mark.parametrize("title", ["示例县教育局整体支出绩效目标表", "2023年度示例县教育局整体绩效目标申报表",
                                   "示例县疾病预防控制中心整体支出绩效目标表", "示例县教育局部门整体绩效目标表（2023年）"])
def test_a_department_s_own_name_right_before_zhengti_in_its_title(title: str, tmp_path: Path) -> None:
    """「示例县教育局整体支出绩效目标表」: the department's name before 整体, with no 部门/单位 or year right before it, is a
    部门整体 title (it was taken for a programme's form and refused for want of a 项目名称)."""
    rows = [list(r) for r in STANDARD_TARGETS]
    rows[0][0] = title
    report = imported(workbook(tmp_path / "目标表2023.xlsx", rows, STANDARD_TARGET_MERGES), tmp_path / "out")
    assert report.status is not Status.FAILED, report.failure
    document, _ = document_of(report.written[0])
    assert (document.kind, document.department) == (DocumentKind.DEPARTMENT_TARGETS, "示例县教育局")


def test_the_standard_target_table(tmp_path: Path) -> None:
    """docs/data-format.md's example target table as the form prints it; its 金额合计 9300 is not the
    tasks' 9216, and that is reported."""
    report = imported(workbook(tmp_path / "目标表.xlsx", STANDARD_TARGETS, STANDARD_TARGET_MERGES), tmp_path / "out")
    document, _ = document_of(report.written[0])
    assert (document.kind, document.year, document.department, document.department_code) == (
        DocumentKind.DEPARTMENT_TARGETS, 2023, "示例县教育局", "301")
    assert document.functions.startswith("统筹规划") and document.annual_goal == GOAL
    assert [(t.name, t.amount) for t in document.tasks] == [("义务教育经费保障", 8650), ("学生资助", 420), ("教师培训", 146)]
    assert document.tasks[1].content == "落实家庭经济困难学生资助政策"
    assert document.tasks_total == 9300
    assert document.targets is not None
    assert [(i.name, i.target, i.core) for i in document.targets.indicators] == [
        ("预算执行率", "=100%", False), ("义务教育巩固率", "≥97%", True), ("教师培训人次", "≥1200人次", False),
        ("家长满意度", "≥90%", False)]
    [total] = [p for p in report.problems if p.key == "tasks_total"]
    assert total.severity is Severity.DISCREPANCY and (total.published, total.computed) == ("9300", "9216")


STANDARD_EVALUATION = [
    ["部门整体支出绩效自评表（2023年度）", "", "", "", "", "", "", ""],
    ["部门名称", "示例县教育局", "", "部门编码", "301", "", "", ""],
    ["年度主要任务", "任务名称", "主要内容", "全年预算数", "全年执行数", "执行率", "", ""],
    ["", "义务教育经费保障", "", 8780, 8650.3, "98.52%", "", ""],
    ["", "学生资助", "", 500, 497, "99.40%", "", ""],
    ["", "教师培训", "", 146, 98, "67.12%", "", ""],
    ["预算执行情况（万元）", "全年预算数", "全年执行数", "执行率", "分值", "得分", "", ""],
    ["", 9426, 9245.3, "98.08%", 10, 9.81, "", ""],
    ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
    ["", GOAL, "", "", "义务教育巩固率97.6%；资助家庭经济困难学生3,412人次；完成教师培训1,086人次。", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "义务教育巩固率", "≥97%", "97.6%", 40, 40, ""],
    ["", "", "教师培训人次", "≥1000人次", "1,086人次", 20, 20, ""],
    ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "93.5%", 30, 30, ""],
    ["总分", "", "", "", "", 100, 99.81, ""],
    ["偏差原因分析及改进措施", "部分省级培训项目调整到2024年举办，教师培训人次低于年初目标。", "", "", "", "", "", ""],
]
STANDARD_EVALUATION_MERGES = ("A1:H1", "A3:A6", "A7:A8", "A9:A10", "B9:D9", "E9:H9", "B10:D10", "E10:H10",
                              "A12:A13", "B12:B13", "B16:H16")


def test_the_standard_self_evaluation(tmp_path: Path) -> None:
    """docs/data-format.md's example self-evaluation as the form prints it: every figure read, the
    执行率 line scored from the amounts, the published 总分 cross-checked."""
    report = imported(workbook(tmp_path / "自评表.xlsx", STANDARD_EVALUATION, STANDARD_EVALUATION_MERGES),
                      tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    document, _ = document_of(report.written[0])
    assert (document.kind, document.year, document.department) == (
        DocumentKind.DEPARTMENT_SELF_EVALUATION, 2023, "示例县教育局")
    assert [(t.name, t.amount, t.spent) for t in document.tasks] == [
        ("义务教育经费保障", Decimal("8780"), Decimal("8650.3")), ("学生资助", 500, 497), ("教师培训", 146, 98)]
    assert document.execution is not None
    assert (document.execution.budget, document.execution.spent, document.execution.rate) == (
        Decimal("9426"), Decimal("9245.3"), Decimal("98.08"))
    assert document.annual_goal == GOAL and document.annual_result.startswith("义务教育巩固率97.6%")
    assert document.deviation.startswith("部分省级培训项目调整到2024年举办")
    scored = document.evaluation
    assert scored is not None
    assert [i.name for i in scored.programme.indicators] == ["预算执行率", "义务教育巩固率", "教师培训人次", "家长满意度"]
    assert scored.programme.reported_score == Decimal("99.81")
    assert scored.total == Decimal("99.81") and report.total.startswith("99.81")


def test_task_money_headed_over_two_rows(tmp_path: Path) -> None:
    """「预算资金（万元）」 over 「全年预算数 | 全年执行数 | 执行率」 in the row under it: each task's amount and spent
    are the lower row's columns (the upper word alone gave the amount and left every spent unread)."""
    tasks = [["年度主要任务", "任务名称", "主要内容", "预算资金（万元）", "", "", "", ""],
             ["", "", "", "全年预算数", "全年执行数", "执行率", "", ""],
             *STANDARD_EVALUATION[3:6]]
    rows = [*STANDARD_EVALUATION[:2], *tasks, *STANDARD_EVALUATION[6:]]
    merges = ("A1:H1", "A3:A7", "B3:B4", "C3:C4", "D3:F3", "A8:A9", "A10:A11", "B10:D10", "E10:H10", "B11:D11",
              "E11:H11", "A13:A14", "B13:B14", "B17:H17")
    report = imported(workbook(tmp_path / "自评表.xlsx", rows, merges), tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    document, _ = document_of(report.written[0])
    assert [(t.name, t.amount, t.spent) for t in document.tasks] == [
        ("义务教育经费保障", Decimal("8780"), Decimal("8650.3")), ("学生资助", 500, 497), ("教师培训", 146, 98)]
    assert document.execution is not None and document.execution.budget == Decimal("9426")


@pytest.mark.parametrize(("spent", "said"), [(9245.3, "相符"), (9250, "不一致")])
def test_a_self_evaluation_s_task_total_is_checked_against_its_tasks(spent: float, said: str, tmp_path: Path) -> None:
    """A 自评's 金额合计 row under 年度主要任务 has no key in the contract (only a 目标表's `tasks_total`): it is
    checked at import, the row named when a column does not add up (8650.3 + 497 + 98 = 9245.3, not 9250)."""
    rows = [*STANDARD_EVALUATION[:6], ["", "金额合计", "", 9426, spent, "", "", ""], *STANDARD_EVALUATION[6:]]
    merges = ("A1:H1", "A3:A7", "A8:A9", "A10:A11", "B10:D10", "E10:H10", "B11:D11", "E11:H11", "A13:A14",
              "B13:B14", "B17:H17")
    report = imported(workbook(tmp_path / "自评表.xlsx", rows, merges), tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    assert any(line.startswith("核对：工作表「Sheet」 第 7 行「金额合计」的预算金额 9426 万元 与各项任务之和相符")
               for line in report.found), report.found
    spent_lines = [line for line in [*report.found, *report.notes] if "「金额合计」的执行数" in line]
    assert len(spent_lines) == 1 and said in spent_lines[0], spent_lines
    if said == "不一致":
        assert spent_lines[0].startswith("工作表「Sheet」 第 7 行「金额合计」的执行数 9250 万元 与各项任务之和 9245.3 万元 不一致")


MOF_TARGETS = [
    ["部门整体支出绩效目标申报表", "", "", "", "", ""],
    ["（2023年度）", "", "", "", "", ""],
    ["部门（单位）名称", "示例县教育局", "", "", "", ""],
    ["年度主要任务", "任务名称", "主要实施内容", "预算金额（万元）", "", ""],
    ["", "", "", "总额", "财政拨款", "其他资金"],
    ["", "义务教育经费保障", "落实生均公用经费", 8650, 8600, 50],
    ["", "学生资助", "落实资助政策", 420, 420, 0],
    ["", "金额合计", "", 9070, 9020, 50],
    ["年度总体目标", GOAL, "", "", "", ""],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", ""],
    ["", "产出指标", "数量指标", "义务教育巩固率", "≥97%", ""],
    ["", "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", ""],
]
"""The Ministry of Finance's 部门整体支出绩效目标申报表: 预算金额 over 总额 | 财政拨款 | 其他资金, 主要实施内容."""
MOF_MERGES = ("A1:F1", "A2:F2", "B3:F3", "A4:A8", "B4:B5", "C4:C5", "D4:F4", "B9:F9", "A10:A12", "E10:F10", "E11:F11",
              "E12:F12")


def test_the_ministry_s_target_form_reads_each_task_s_total(tmp_path: Path) -> None:
    """Each task's amount is its 总额 under 预算金额, its content the 主要实施内容; the first task's 总额 | 财政拨款 |
    其他资金 are no department's fund block (they were reported as one, 「总额 8650」), and the split by source,
    which tasks do not hold, is named once."""
    report = imported(workbook(tmp_path / "目标表.xlsx", MOF_TARGETS, MOF_MERGES), tmp_path / "out")
    document, _ = document_of(report.written[0])
    assert [(t.name, t.content, t.amount) for t in document.tasks] == [
        ("义务教育经费保障", "落实生均公用经费", 8650), ("学生资助", "落实资助政策", 420)]
    assert document.tasks_total == 9070
    said = "\n".join(report.notes)
    assert "总额 8650" not in said
    assert "「财政拨款」「其他资金」" in said, said


def test_a_published_total_that_does_not_add_up_is_reported(tmp_path: Path) -> None:
    rows = [list(r) for r in STANDARD_EVALUATION]
    rows[14][6] = 95
    report = imported(workbook(tmp_path / "自评表.xlsx", rows, STANDARD_EVALUATION_MERGES), tmp_path / "out")
    said = messages(report)
    assert any("reported.score" in m and "公布 95" in m and "计算 99.81" in m for m in said), said


# --------------------------------------------------------------------------- the template's 部门整体自评 sheet

def filled_department(path: Path) -> Path:
    """`perfsite template`, its 部门整体自评 sheet filled with docs/data-format.md's example, as a clerk types it."""
    from perfsite.importing.template import DEPARTMENT_FACTS, department_rows

    write_template(path)
    book = load_workbook(str(path))
    sheet = book["部门整体自评"]
    rows = department_rows()
    facts = {"部门名称*": "示例县教育局", "年度*": 2023, "部门编码": "301", "部门职能": "统筹规划和管理全县教育",
             "金额单位": "万元", "公布总分": 99.81}
    for r, (label, _, _) in enumerate(DEPARTMENT_FACTS, rows["facts"]):
        sheet.cell(r, 2, facts[label])
    for r, task in enumerate((("义务教育经费保障", "", 8780, 8650.3), ("学生资助", "", 500, 497),
                              ("教师培训", "", 146, 98)), rows["tasks"] + 1):
        for c, value in enumerate(task, 2):
            if value != "":
                sheet.cell(r, c, value)
    for c, value in enumerate((9426, 9245.3, "98.08%", 10, 9.81), 2):
        sheet.cell(rows["execution"] + 1, c, value)
    sheet.cell(rows["goals"] + 1, 2, GOAL)
    sheet.cell(rows["goals"] + 1, 3, "义务教育巩固率97.6%")
    sheet.cell(rows["deviation"], 2, "部分省级培训项目调整到2024年举办。")
    for r, row in enumerate((("产出指标", "数量指标", "义务教育巩固率", "≥97%", "97.6%", 40, 40),
                             ("", "", "教师培训人次", "≥1000人次", "1,086人次", 20, 20),
                             ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "93.5%", 30, 30)),
                            rows["indicators"] + 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    book.save(str(path))
    return path


def test_a_filled_department_sheet_imports_as_a_department_self_evaluation(tmp_path: Path) -> None:
    report = imported(filled_department(tmp_path / "模板.xlsx"), tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report))
    document, _ = document_of(report.written[0])
    assert (document.kind, document.year, document.department, document.department_code, document.functions) == (
        DocumentKind.DEPARTMENT_SELF_EVALUATION, 2023, "示例县教育局", "301", "统筹规划和管理全县教育")
    assert [(t.name, t.amount, t.spent) for t in document.tasks] == [
        ("义务教育经费保障", Decimal("8780"), Decimal("8650.3")), ("学生资助", 500, 497), ("教师培训", 146, 98)]
    assert document.execution is not None and (document.execution.budget, document.execution.rate) == (
        Decimal("9426"), Decimal("98.08"))
    assert (document.annual_goal, document.annual_result) == (GOAL, "义务教育巩固率97.6%")
    assert document.deviation == "部分省级培训项目调整到2024年举办。"
    assert document.evaluation is not None and document.evaluation.total == Decimal("99.81")
    assert [i.name for i in document.evaluation.programme.indicators] == [
        "预算执行率", "义务教育巩固率", "教师培训人次", "家长满意度"]


def test_an_empty_template_still_refuses_and_a_full_one_gives_three_files(tmp_path: Path) -> None:
    write_template(tmp_path / "空.xlsx")
    assert "找不到项目名称" in imported(tmp_path / "空.xlsx", tmp_path / "o1").failure
    path = filled_department(tmp_path / "模板.xlsx")
    filled = filled_targets(tmp_path / "目标.xlsx")
    book, targets = load_workbook(str(path)), load_workbook(str(filled))["绩效目标表"]
    for row in targets.iter_rows():
        for c in row:
            book["绩效目标表"][c.coordinate] = c.value
    book["项目信息"]["B3"], book["项目信息"]["B4"], book["项目信息"]["B5"] = "学生营养改善", 2024, "示例县教育局"
    for c, value in enumerate(("产出指标", "数量指标", "受益学生人数", 100, "≥1200人", "1250人", "", 100), 1):
        book["绩效指标"].cell(2, c, value)
    book.save(str(path))
    reports = import_batch([path], Options(tmp_path / "o2"), SiteConfig(), set())
    assert [r.status for r in reports] == [Status.IMPORTED] * 3, [(r.failure, messages(r)) for r in reports]
    assert [r.source.name for r in reports] == ["模板.xlsx", "模板.xlsx（工作表「绩效目标表」）", "模板.xlsx（工作表「部门整体自评」）"]
    assert [r.written[0].name.endswith(end) for r, end in zip(reports, (".yaml", "-mubiao.yaml", "-bumen-zhengti-ziping.yaml"),
                                                               strict=True)] == [True] * 3


# --------------------------------------------------------------------------- one department-year from two forms

DEPARTMENT_TARGETS = (("过程指标", "预算执行", "预算执行率", "=", "100", "%"),
                      ("产出指标", "数量指标", "义务教育巩固率", "≥", "97", "%"),
                      ("", "", "教师培训人次", "≥", "1200", "人次"),
                      ("", "", "校舍维修面积", "≥", "5000", "平方米"),
                      ("满意度指标", "服务对象满意度指标", "家长满意度", "≥", "90", "%"))
"""docs/data-format.md's example target table, with 校舍维修面积: promised, and not self-evaluated."""


def filled_department_targets(path: Path, rows: tuple[tuple[str, ...], ...] = DEPARTMENT_TARGETS) -> Path:
    """The template's 部门整体绩效目标表 sheet filled with openpyxl as a clerk types it (in the workbook
    at `path` when there is one: the clerk fills both department sheets of one workbook)."""
    from perfsite.importing.template import DEPARTMENT_TARGET_FACTS, department_target_rows

    if not path.exists():
        write_template(path)
    book = load_workbook(str(path))
    sheet = book["部门整体绩效目标表"]
    at = department_target_rows()
    facts = {"部门名称*": "示例县教育局", "年度*": 2023, "部门编码": "301", "部门职能": "统筹规划和管理全县教育",
             "金额单位": "万元"}
    for r, (label, _, _) in enumerate(DEPARTMENT_TARGET_FACTS, at["facts"]):
        sheet.cell(r, 2, facts[label])
    for r, task in enumerate((("义务教育经费保障", "落实生均公用经费", 8650), ("学生资助", "", 420),
                              ("教师培训", "组织教师全员培训", 146)), at["tasks"] + 1):
        for c, value in enumerate(task, 2):
            if value != "":
                sheet.cell(r, c, value)
    sheet.cell(at["goal"], 2, GOAL)
    for r, row in enumerate(rows, at["indicators"] + 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    book.save(str(path))
    return path


def department_page(tmp_path: Path, data: Path) -> dict:
    """The department page's JSON twin (what the page shows) of a site built from `data`."""
    from conftest_site import build_or_fail

    site = build_or_fail(tmp_path / "site", data, PERFSITE_SEARCH="0", SOURCE_DATE_EPOCH="1700000000")
    return json.loads((site / "departments" / "示例县教育局" / "2023" / "department.json").read_text(encoding="utf-8"))


def flags(twin: dict) -> dict[str, str]:
    """Indicator path → the flag the page shows beside it (unflagged rows left out)."""
    rows = [*twin["comparison"]["rows"], *twin["comparison"]["removed"]]
    return {row["path"]: row["change"] for row in rows if row["flagged"]}


def test_a_target_form_and_a_self_evaluation_form_pair_their_execution_line(tmp_path: Path) -> None:
    """The self-evaluation prints 预算执行率 as its 预算执行情况 block (no levels), the target table in its
    indicator list under 过程指标 / 预算执行: the page pairs them. 校舍维修面积, promised and not
    evaluated, is still flagged, and so is the lowered 教师培训人次."""
    targets = [list(r) for r in STANDARD_TARGETS] + [["", "", "校舍维修面积", "≥", "5000", "平方米"]]
    targets.insert(13, targets.pop())  # among the 产出指标 rows, as a form lists them
    merges = tuple(m if m not in ("A12:A13", "B12:B13") else m.replace("13", "14") for m in STANDARD_TARGET_MERGES)
    out = tmp_path / "data"
    for name, rows, cells in (("目标表.xlsx", targets, merges),
                              ("自评表.xlsx", STANDARD_EVALUATION, STANDARD_EVALUATION_MERGES)):
        report = imported(workbook(tmp_path / name, rows, cells), out)
        assert report.status is Status.IMPORTED, (report.failure, messages(report))
    written = sorted(out.rglob("*.yaml"))
    assert [p.name for p in written] == ["shilixian-jiaoyu-ju-bumen-zhengti-mubiao.yaml",
                                         "shilixian-jiaoyu-ju-bumen-zhengti-ziping.yaml"]
    assert flags(department_page(tmp_path, out)) == {"产出指标 / 数量指标 / 教师培训人次": "lowered",
                                                     "产出指标 / 数量指标 / 校舍维修面积": "removed"}


def test_the_template_s_two_department_sheets_build_one_page_without_false_flags(tmp_path: Path) -> None:
    path = filled_department_targets(filled_department(tmp_path / "模板.xlsx"))
    reports = import_batch([path], Options(tmp_path / "data"), SiteConfig(), set())
    assert [(r.status, r.source.name) for r in reports] == [
        (Status.IMPORTED, "模板.xlsx（工作表「部门整体自评」）"), (Status.IMPORTED, "模板.xlsx（工作表「部门整体绩效目标表」）")]
    target, _ = document_of(reports[1].written[0])
    assert (target.kind, target.year, target.department, target.department_code, target.functions) == (
        DocumentKind.DEPARTMENT_TARGETS, 2023, "示例县教育局", "301", "统筹规划和管理全县教育")
    assert [(t.name, t.content, t.amount) for t in target.tasks] == [
        ("义务教育经费保障", "落实生均公用经费", 8650), ("学生资助", "", 420), ("教师培训", "组织教师全员培训", 146)]
    assert target.annual_goal == GOAL and target.targets is not None
    assert [(i.level1, i.level2, i.name, i.target) for i in target.targets.indicators] == [
        ("过程指标", "预算执行", "预算执行率", "=100%"), ("产出指标", "数量指标", "义务教育巩固率", "≥97%"),
        ("产出指标", "数量指标", "教师培训人次", "≥1200人次"), ("产出指标", "数量指标", "校舍维修面积", "≥5000平方米"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%")]
    checked = subprocess.run([sys.executable, "-m", "perfsite", "check", str(tmp_path / "data")], capture_output=True,
                             text=True, check=False)
    assert checked.returncode == 0 and "错误 0，不一致 0" in checked.stdout, checked.stdout + checked.stderr
    assert flags(department_page(tmp_path, tmp_path / "data")) == {
        "产出指标 / 数量指标 / 教师培训人次": "lowered", "产出指标 / 数量指标 / 校舍维修面积": "removed"}


def test_an_execution_line_printed_elsewhere_is_stated_as_renamed(tmp_path: Path) -> None:
    """A target table that lists 预算执行率 under levels of its own says so in `renamed`, so that it
    pairs with the self-evaluation's line; nothing is matched that no file states."""
    from perfsite.targets_compare import Change, compare_targets

    moved = tuple((("过程指标", "资金管理", *row[2:]) if row[2] == "预算执行率" else row) for row in DEPARTMENT_TARGETS)
    report = imported(filled_department_targets(tmp_path / "目标.xlsx", moved), tmp_path / "out")
    target, problems = document_of(report.written[0])
    assert not [p for p in problems.items if p.severity is Severity.ERROR]
    assert [(r.old, r.new) for r in target.targets.renamed] == [  # type: ignore[union-attr]
        (("过程指标", "资金管理", "预算执行率"), ("过程指标", "预算执行", "预算执行率"))]
    assert any("renamed" in note for note in report.notes)
    evaluation, _ = document_of(imported(filled_department(tmp_path / "自评.xlsx"), tmp_path / "out").written[0])
    assert evaluation.evaluation is not None and target.targets is not None
    changes = {c.path[2]: c.change for c in compare_targets(target.targets, evaluation.evaluation.programme)}
    assert changes["预算执行率"] is Change.UNCHANGED and changes["校舍维修面积"] is Change.REMOVED


def test_a_department_target_sheet_without_indicators_is_named(tmp_path: Path) -> None:
    report = imported(filled_department_targets(tmp_path / "模板.xlsx", ()), tmp_path / "out")
    assert report.status is Status.FAILED and not report.written
    assert "工作表「部门整体绩效目标表」" in report.failure and "没有指标行" in report.failure


@pytest.mark.parametrize("written", ["示例县教育局 301", "示例县教育局(301001)", "示例县教育局（301001）", "[301001]示例县教育局"])
def test_a_department_code_before_or_after_the_name_is_taken_off(written: str, tmp_path: Path) -> None:
    """「某某局(101001)」「某某局 101001」 as the 自评 reader takes them: the name without the code,
    the code as department_code (six digits at least after the name: 「…局 301」 keeps its number)."""
    rows = [list(r) for r in STANDARD_TARGETS]
    rows[1] = ["部门名称", written, "", "", "", ""]
    report = imported(workbook(tmp_path / "目标表.xlsx", rows, STANDARD_TARGET_MERGES), tmp_path / "out")
    document, _ = document_of(report.written[0])
    if written.endswith(" 301"):
        assert (document.department, document.department_code) == ("示例县教育局 301", "")
    else:
        assert (document.department, document.department_code) == ("示例县教育局", "301001")


# --------------------------------------------------------------------------- 宁德 laid out as other units lay it out

DEPT_TRANSFORMS = {name: t for name, t in TARGET_TRANSFORMS.items()
                   if t(Variant(form_of(NINGDE)), Facts("2019", "万元")) is not None}
"""The target harness's transformations (tests/forms_targets/variants.py) that apply to 宁德's table."""
DEPT_RUNS = [(name, kind) for name in DEPT_TRANSFORMS for kind in TARGET_ONLY.get(name, ("xlsx", "docx"))]


def test_most_target_transformations_apply_to_the_department_table() -> None:
    assert len(DEPT_TRANSFORMS) >= 15, sorted(set(TARGET_TRANSFORMS) - set(DEPT_TRANSFORMS))


@pytest.mark.parametrize(("name", "kind"), DEPT_RUNS, ids=[f"{n}-{k}" for n, k in DEPT_RUNS])
def test_ningde_variant_imports_to_its_golden_file(name: str, kind: str, tmp_path: Path) -> None:
    variant = DEPT_TRANSFORMS[name](Variant(form_of(NINGDE)), Facts("2019", "万元"))
    assert variant is not None
    xlsx, docx = variant.write(tmp_path / "in")
    report = imported(xlsx if kind == "xlsx" else docx, tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, messages(report), report.notes)
    [written] = report.written
    _same_as_golden(written)


def test_lingling_reads_its_year_line_when_the_file_name_names_no_year(tmp_path: Path) -> None:
    """零陵区's copy prints its year as 「2021年度)」, the opening bracket lost: the line under the title is the
    year evaluated, and the clerk gives only the name (the copy lost its first characters), not the year.
    The other spellings of that line (「（二〇二一年度）」 …) are read by the same function: test_import_layouts.py
    test_the_year_line_gives_the_year_evaluated_never_the_year_filled."""
    data = yaml.safe_load((LINGLING / "form.yaml").read_text(encoding="utf-8"))
    data["file"] = "林业局部门整体支出绩效自评表"
    assert data["rows"][1][0] == "2021年度)"
    folder = tmp_path / "lingling"
    folder.mkdir()
    (folder / "form.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    xlsx, _ = make(folder, tmp_path / "in")
    report = imported(xlsx, tmp_path / "out", Hints(name="零陵区林业局"))
    assert report.status is not Status.FAILED, report.failure
    document, _ = document_of(report.written[0])
    assert document.year == 2021
    assert not [n for n in report.notes if "评价年度" in n or "填报日期" in n], report.notes
