"""整改情况表 (问题整改清单, 整改台账, 整改落实情况表) import to `kind: 整改` files; no other form does.

The layouts (tests/forms_rectify/*/form.yaml) are made into the .xlsx and the .docx a unit hands in
(tests/forms/make.py) and imported. Expected values are read from the layout's own cells (the
figures and words as printed), never from the importer's output; where the contract wants another
spelling (a date, a status) the cell is asserted next to the value it must become.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from forms.make import Form, load_form, make, write_xlsx
from test_import_dept import cell
from test_import_formats import lo_convert, office, ruled  # noqa: F401 (office is a fixture)

from perfsite.documents import read_document
from perfsite.importing.assemble import Draft, Hints
from perfsite.importing.crosscheck import same_programme
from perfsite.importing.grid import Cell, Grid
from perfsite.importing.pipeline import FileReport, Options, Prepared, Status, import_batch, import_file, read_any
from perfsite.importing.rectify_form import application_of, deadline_of, find_rectification, status_of
from perfsite.kinds import DocumentKind
from perfsite.problems import Severity
from perfsite.rectification import FindingSource, MeasureStatus, Rectification
from perfsite.siteconfig import SiteConfig

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "forms_rectify"
LAYOUTS = sorted(p.parent for p in CORPUS.glob("*/form.yaml"))
YANGHU, YINGYANG, SHUILI = LAYOUTS
OTHER_FORMS = sorted(p.parent for folder in ("forms", "forms_targets", "forms_dept") for p in (ROOT / folder).glob("*/form.yaml"))


def imported(source: Path, out: Path, hints: Hints | None = None) -> FileReport:
    return import_file(source, Options(out, hints=hints or Hints()), SiteConfig(), set())


def written(report: FileReport) -> Rectification:
    [path] = report.written
    document, problems = read_document(path, SiteConfig())
    assert isinstance(document, Rectification), [p.as_text() for p in problems.items]
    return document


def errors(report: FileReport) -> list[str]:
    return [p.as_text() for p in report.problems if p.severity is Severity.ERROR]


def said(report: FileReport) -> str:
    return " ".join([report.failure, *report.notes, *report.found])


def file_of(form: Form, kind: str, tmp: Path) -> Path:
    xlsx, docx = make(form.folder, tmp / "in")
    return xlsx if kind == "xlsx" else docx


# --------------------------------------------------------------------------- the layouts

@pytest.mark.parametrize("folder", LAYOUTS, ids=[f.name for f in LAYOUTS])
def test_each_layout_says_what_it_is(folder: Path) -> None:
    form = load_form(folder)
    for key in ("constructed", "title", "form", "file", "quirks"):
        assert form.meta.get(key), f"form.yaml 缺少 {key}"


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_evaluation_findings_with_merged_measures(kind: str, tmp_path: Path) -> None:
    form = load_form(YANGHU)
    report = imported(file_of(form, kind, tmp_path), tmp_path / "out")
    doc = written(report)
    [path] = report.written
    assert path.name == "nongcun-gonglu-yanghu-zhenggai.yaml" and path.parent == tmp_path / "out" / "2022" / "imported"
    assert doc.kind is DocumentKind.RECTIFICATION and doc.id == "nongcun-gonglu-yanghu"
    assert (doc.name, doc.year, doc.department) == ("农村公路养护", 2022, cell(form, "B2"))
    assert [f.problem for f in doc.findings] == [cell(form, "B4"), cell(form, "B6"), cell(form, "B8")]
    assert {f.source for f in doc.findings} == {FindingSource.REPORT}  # the title says 绩效评价
    measures = [m for f in doc.findings for m in f.measures]
    assert [len(f.measures) for f in doc.findings] == [2, 2, 1]  # 序号 and 存在问题 merged over two rows
    assert [m.measure for m in measures] == [cell(form, f"C{r}") for r in range(4, 9)]
    assert [m.owner for m in measures] == [cell(form, f"D{r}") for r in range(4, 9)]
    deadlines = {"2023年3月31日前": "2023-03-31", "2023年6月底": "2023-06-30", "2023年12月31日": "2023-12-31",
                 "2024年12月": "2024-12-31", "长期坚持": ""}
    assert [m.deadline for m in measures] == [deadlines[cell(form, f"E{r}")] for r in range(4, 9)]
    statuses = {"已完成": MeasureStatus.DONE, "已整改到位": MeasureStatus.DONE, "持续整改": MeasureStatus.IN_PROGRESS,
                "正在整改，已完成8个乡镇中的5个": MeasureStatus.IN_PROGRESS}
    assert [m.status for m in measures] == [statuses[cell(form, f"F{r}")] for r in range(4, 9)]
    # the evidence column as printed; a progress text saying more than its status is kept beside it
    assert [m.evidence for m in measures] == [cell(form, "G4"), cell(form, "G5"), cell(form, "G6"), cell(form, "F7"), ""]
    [application] = doc.application
    assert cell(form, "B9") == "评价等级为“中”，核减2024年县级养护补助120万元，整改到位后再行安排。"
    assert (application.action, application.amount, application.unit, application.budget_year) == (
        "次年预算调减", Decimal(120), "万元", 2024)
    assert application.note == cell(form, "B9").rstrip("。")
    # 长期坚持 is no date: nothing invented, the check stops on it and the clerk is told where
    assert report.status is Status.NEEDS_CHANGES
    assert [e for e in errors(report) if "缺少必填的键 deadline" in e and "findings[3].measures[1]" in e]
    assert "长期坚持" in said(report) and ("E8" if kind == "xlsx" else "第7行第5列") in said(report)
    text = path.read_text(encoding="utf-8")
    assert "# 原表的完成时限是「长期坚持」，不是一个日期" in text
    assert "# 原表的完成时限写作「2023年6月底」：按该期间的最后一天写作 2023-06-30。" in text
    # 填报日期 is the day the statuses stand on: read, never left unplaced (the key, or a comment without one)
    assert not any("填报日期" in line for line in report.unplaced)
    assert "原表的填报日期「2023年12月20日」：各项措施的状态是 2023-12-20 的情况" in text


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_self_evaluation_ledger_names_its_indicators(kind: str, tmp_path: Path) -> None:
    form = load_form(YINGYANG)
    report = imported(file_of(form, kind, tmp_path), tmp_path / "out")
    doc = written(report)
    assert (doc.name, doc.year, doc.department) == (cell(form, "B2"), 2023, cell(form, "D2"))
    assert cell(form, "F2") == "2023年度"
    assert {f.source for f in doc.findings} == {FindingSource.SELF_EVALUATION}  # the title says 绩效自评
    assert [f.indicator for f in doc.findings] == [cell(form, "A4"), cell(form, "A5"), cell(form, "A7")]
    assert [f.problem for f in doc.findings] == [cell(form, "B4"), cell(form, "B5"), cell(form, "B7")]
    measures = [m for f in doc.findings for m in f.measures]
    assert [m.measure for m in measures] == [cell(form, f"C{r}") for r in range(4, 8)]
    assert [cell(form, f"E{r}") for r in range(4, 8)] == ["2024年3月1日", "2024年第二季度", "2024年下半年", "2024年6月30日前"]
    assert [m.deadline for m in measures] == ["2024-03-01", "2024-06-30", "2024-12-31", "2024-06-30"]
    assert [cell(form, f"F{r}") for r in range(4, 7)] == ["已完成", "部分整改，已配备38所", "未整改"]
    assert [m.status for m in measures[:3]] == [MeasureStatus.DONE, MeasureStatus.IN_PROGRESS, MeasureStatus.NOT_STARTED]
    # 「已召开专题会议研究」 says no status: a note naming the cell and a check error, never a guess
    assert report.status is Status.NEEDS_CHANGES
    assert [e for e in errors(report) if "缺少必填的键 status" in e and "findings[3].measures[1]" in e]
    assert cell(form, "F7") in said(report) and ("F7" if kind == "xlsx" else "第6行第6列") in said(report)
    assert measures[3].evidence == cell(form, "F7")
    assert doc.application == ()


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_two_row_header_and_two_applications_pass_the_check(kind: str, tmp_path: Path) -> None:
    form = load_form(SHUILI)
    report = imported(file_of(form, kind, tmp_path), tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, errors(report))
    doc = written(report)
    assert cell(form, "A2") == "主管部门：示例市水利局" and doc.department == "示例市水利局"
    assert (doc.name, doc.year) == ("小型农田水利设施维修养护资金", 2021)
    assert [f.problem for f in doc.findings] == [cell(form, "B5"), cell(form, "B8")]
    first, second = doc.findings
    assert [m.measure for m in first.measures] == [cell(form, "C5"), cell(form, "C6"), cell(form, "C7")]
    assert [m.owner for m in first.measures] == [cell(form, "D5"), cell(form, "D5"), cell(form, "D7")]  # D5:D6 merged
    assert [m.evidence for m in first.measures] == [cell(form, "G5"), cell(form, "G6"), ""]  # 佐证材料 under 整改落实情况
    assert cell(form, "E7") == "2022年底" and first.measures[2].deadline == "2022-12-31"
    assert [m.status for m in [*first.measures, *second.measures]] == [
        MeasureStatus.DONE, MeasureStatus.DONE, MeasureStatus.IN_PROGRESS, MeasureStatus.DONE]
    assert cell(form, "B9") == "暂停2023年新增项目申报；调减2023年部门预算50.5万元"
    assert [(a.action, a.amount, a.budget_year) for a in doc.application] == [
        ("暂停项目", None, 2023), ("次年预算调减", Decimal("50.5"), 2023)]


def test_a_text_pdf_of_the_two_row_header_layout(tmp_path: Path, office: str) -> None:  # noqa: F811
    """整改 tables are often published as PDF: the text layer's table reads as the Word one does."""
    form = load_form(SHUILI)
    pdf = lo_convert(office, ruled(make(SHUILI, tmp_path / "in")[1]), "pdf", tmp_path / "pdf")
    report = imported(pdf, tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, errors(report))
    doc = written(report)
    assert [f.problem for f in doc.findings] == [cell(form, "B5"), cell(form, "B8")]
    assert [m.measure for f in doc.findings for m in f.measures] == [cell(form, f"C{r}") for r in (5, 6, 7, 8)]
    assert [m.owner for f in doc.findings for m in f.measures] == [cell(form, f"D{r}") for r in (5, 5, 7, 8)]
    assert [a.action for a in doc.application] == ["暂停项目", "次年预算调减"]


def test_written_beside_the_programmes_self_evaluation(tmp_path: Path) -> None:
    """The 整改 of a programme whose 自评 is in the data tree shares its id and sits beside it."""
    out = tmp_path / "data"
    (out / "2022" / "jiaotong").mkdir(parents=True)
    shutil.copy(ROOT.parent / "data" / "2022" / "jiaotong" / "nongcun-gonglu-yanghu.yaml", out / "2022" / "jiaotong")
    report = imported(file_of(load_form(YANGHU), "xlsx", tmp_path), out)
    [path] = report.written
    assert path == out / "2022" / "jiaotong" / "nongcun-gonglu-yanghu-zhenggai.yaml"
    assert written(report).id == "nongcun-gonglu-yanghu"
    assert "nongcun-gonglu-yanghu.yaml 是同一项目同一年度的文件" in said(report)
    again = imported(file_of(load_form(YANGHU), "docx", tmp_path), out)
    assert again.status is Status.FAILED and "同一项目的整改情况" in again.failure and "--force" in again.failure


def test_a_rectification_is_never_paired_with_a_self_evaluation_of_its_programme(tmp_path: Path) -> None:
    """A Word 整改 and an Excel 自评 of one programme in one batch are two documents, both written."""
    facts = {"name": "农村公路养护", "year": "2022", "department": "示例县交通运输局"}
    word = Prepared(FileReport(tmp_path / "整改.docx"), Draft({"kind": "整改", **facts}))
    excel = Prepared(FileReport(tmp_path / "自评表.xlsx"), Draft({**facts, "indicators": []}))
    same_programme([word, excel])
    assert word.report.same_as is None and excel.report.same_as is None


# --------------------------------------------------------------------------- no other form is one

@pytest.mark.parametrize("folder", OTHER_FORMS, ids=[f.name for f in OTHER_FORMS])
def test_no_self_evaluation_target_or_department_form_is_read_as_rectification(folder: Path, tmp_path: Path) -> None:
    """Every real form of the other corpora (several print 存在问题 and 改进措施 rows) stays what it is."""
    xlsx, docx = make(folder, tmp_path)
    for path in (xlsx, docx):
        grids, paras, _ = read_any(path)
        assert find_rectification(grids, [p.text for p in paras]) is None


def _grid(label: str, rows: list[list[str]]) -> Grid:
    return Grid(label, [[Cell(text, "", f"{chr(65 + c)}{r + 1}") for c, text in enumerate(row)] for r, row in enumerate(rows)])


def test_a_file_with_an_indicator_table_is_no_rectification() -> None:
    """A 自评表 with a 整改 table appended imports as the 自评表 it is (the 整改 is another file)."""
    indicators = _grid("表1", [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                              ["产出指标", "数量指标", "供餐学校数", "46所", "44所", "20", "18"]])
    rectification = _grid("表2", [["序号", "存在问题", "整改措施", "责任单位", "整改时限", "整改情况"],
                                 ["1", "供餐学校数未达目标", "新建食堂投用", "教育局", "2024年3月1日", "已完成"]])
    assert find_rectification([rectification], []) is not None
    assert find_rectification([indicators, rectification], []) is None


# --------------------------------------------------------------------------- the words

@pytest.mark.parametrize(("text", "date", "rounded"), [
    ("2023年6月30日前", "2023-06-30", False), ("2023-06-30", "2023-06-30", False), ("2023.6.30之前", "2023-06-30", False),
    ("2023年12月底", "2023-12-31", True), ("2024年2月", "2024-02-29", True), ("2023年底前", "2023-12-31", True),
    ("2023年上半年", "2023-06-30", True), ("2023年第三季度末", "2023-09-30", True), ("2023年", "2023-12-31", True),
    ("长期坚持", "", False), ("立行立改", "", False), ("2023年2月30日", "", False), ("2023年13月", "", False),
    ("2023年6月底前完成制度修订，2023年12月底前全面完成", "", False),
    ("2023年11月30日前完成整改", "2023-11-30", False), ("2024年6月底前全面完成", "2024-06-30", True),
    ("2023年12月31号", "2023-12-31", False), ("2023年12月31日前（已完成）", "2023-12-31", False),
    ("2023年12月底前整改到位", "2023-12-31", True),
])
def test_deadlines(text: str, date: str, rounded: bool) -> None:
    assert deadline_of(text) == (date, rounded)


@pytest.mark.parametrize(("text", "status"), [
    ("已整改", MeasureStatus.DONE), ("已完成", MeasureStatus.DONE), ("整改完成", MeasureStatus.DONE),
    ("整改中", MeasureStatus.IN_PROGRESS), ("正在整改", MeasureStatus.IN_PROGRESS), ("持续整改", MeasureStatus.IN_PROGRESS),
    ("部分整改，尚未完成", MeasureStatus.IN_PROGRESS), ("已完成阶段任务，持续整改", MeasureStatus.IN_PROGRESS),
    ("未整改", MeasureStatus.NOT_STARTED), ("尚未启动", MeasureStatus.NOT_STARTED),
    ("是", MeasureStatus.DONE), ("否", None),
    ("已召开专题会议研究", None), ("已完成；未整改", None), ("", None),
    ("100%", MeasureStatus.DONE), ("60%", MeasureStatus.IN_PROGRESS), ("0%", MeasureStatus.NOT_STARTED),
    ("８５％", MeasureStatus.IN_PROGRESS), ("按序时推进", MeasureStatus.IN_PROGRESS), ("达到序时进度", MeasureStatus.IN_PROGRESS),
    ("120%", None),
    ("已完成80%", MeasureStatus.IN_PROGRESS), ("已完成整改的60%", MeasureStatus.IN_PROGRESS), ("完成率50%", MeasureStatus.IN_PROGRESS),
    ("已完成5个乡镇中的3个", MeasureStatus.IN_PROGRESS), ("已完成3/5", MeasureStatus.IN_PROGRESS),
    ("整改完成率100%", MeasureStatus.DONE), ("已完成整改，预算执行率达98%", MeasureStatus.DONE),
    ("已完成8个乡镇中的8个", MeasureStatus.DONE),
])
def test_statuses(text: str, status: MeasureStatus | None) -> None:
    assert status_of(text)[0] is status


def test_application_clauses() -> None:
    entries, notes = application_of("评价等级为“差”。取消该项目2024年预算安排；收回结余资金1,234.5元", 2022)
    assert [(e["action"], e.get("amount"), e.get("unit"), e.get("budget_year")) for e in entries] == [
        ("取消项目", None, None, "2024"), ("次年预算调减", "1234.5", "元", None)]
    assert notes and "评价等级为“差”" in notes[0]  # context beside two entries is named, not dropped silently
    entries, notes = application_of("调减预算100万元或200万元", 2022)  # two amounts: kept as written
    assert entries == [{"action": "其他", "note": "调减预算100万元或200万元"}] and notes
    entries, _ = application_of("按评价结果安排2024年预算", 2022)  # no action word: kept as written
    assert entries == [{"action": "其他", "note": "按评价结果安排2024年预算"}]
    [entry], _ = application_of("核减1.2亿元", 2022)
    assert (entry["amount"], entry["unit"]) == ("12000", "万元")  # the contract's units are 万元 and 元


# --------------------------------------------------------------------------- broken and hostile forms

HEAD = ["序号", "存在问题", "整改措施", "责任单位", "整改时限", "整改情况"]


def _workbook(tmp: Path, rows: list[list[str]], merges: tuple[tuple[int, int, int, int], ...] = (),
              name: str = "整改情况表.xlsx") -> Path:
    form = Form(tmp, {}, [r + [""] * (max(map(len, rows)) - len(r)) for r in rows], list(merges))
    form.text_cells = {(r, c) for r, row in enumerate(rows) for c in range(len(row))}
    (tmp / "in").mkdir(exist_ok=True)
    return write_xlsx(form, tmp / "in" / name)


def test_a_problem_and_measure_table_without_owner_deadline_or_progress_is_refused_with_its_row(tmp_path: Path) -> None:
    source = _workbook(tmp_path, [["2022年度农村公路养护项目绩效评价问题整改清单"], ["序号", "存在问题", "整改措施"],
                                  ["1", "资金未到位", "足额安排"]])
    report = imported(source, tmp_path / "out")
    assert report.status is Status.FAILED and not report.written
    assert "第2行" in report.failure and "责任单位" in report.failure


def test_a_header_whose_problem_column_is_not_recognised_is_refused_naming_it(tmp_path: Path) -> None:
    """整改措施, 责任单位, 整改时限 and 整改情况 are there but the problems are headed 「问题事项」: refused with the row,
    the unknown header word and the word to use (it said only that no indicator table was found)."""
    source = _workbook(tmp_path, [["2022年度农村公路养护项目绩效评价问题整改清单"],
                                  ["序号", "问题事项", "整改措施", "责任单位", "整改时限", "整改情况"],
                                  ["1", "资金未到位", "足额安排", "示例县财政局", "2023年6月底", "已完成"]])
    report = imported(source, tmp_path / "out")
    assert report.status is Status.FAILED and not report.written
    assert "第2行" in report.failure and "「问题事项」" in report.failure and "存在问题" in report.failure


def test_category_lines_across_the_table_do_not_end_it(tmp_path: Path) -> None:
    """「一、资金管理方面」 merged across the table over the problems of its kind: the problems under every
    category are read (the first such line ended the table and the file was refused), the lines named."""
    rows = [["示例县2022年度农村公路养护项目绩效评价发现问题整改情况表"], HEAD, ["一、资金管理方面"],
            ["1", "配套资金80万元未到位", "县级配套资金纳入2023年预算", "示例县财政局", "2023年3月31日", "已完成"],
            ["二、项目管理方面"],
            ["2", "养护台账不完整", "统一台账格式，按月检查", "示例县农村公路管理所", "2023年12月底", "整改中"],
            ["填表人：李某某"]]
    report = imported(_workbook(tmp_path, rows, ((2, 0, 2, 5), (4, 0, 4, 5), (6, 0, 6, 5))), tmp_path / "out")
    assert report.status is not Status.FAILED, report.failure
    assert [f.problem for f in written(report).findings] == ["配套资金80万元未到位", "养护台账不完整"]
    assert "一、资金管理方面" in said(report) and "二、项目管理方面" in said(report)


def test_an_audit_style_list_with_progress_in_percent(tmp_path: Path) -> None:
    """「审计发现问题 | 整改要求 | 整改措施 | 责任单位 | 责任人 | 完成时限 | 整改进度」 with the progress as a percentage:
    read as a 整改 table (it was refused as having no indicator table); 100% is 已完成, 60% 整改中, each with a
    comment quoting the percentage; 整改要求 and 责任人 are named as not imported."""
    source = _workbook(tmp_path, [["示例县2022年度农村公路养护项目绩效评价发现问题整改清单"],
                                  ["序号", "审计发现问题", "整改要求", "整改措施", "责任单位", "责任人", "完成时限", "整改进度"],
                                  ["1", "配套资金80万元未到位", "足额安排", "县级配套资金纳入2023年预算", "示例县财政局", "张三",
                                   "2023年3月31日", "100%"],
                                  ["2", "养护台账不完整", "完善台账", "统一台账格式，按月检查", "示例县农村公路管理所", "李四",
                                   "2023年12月底", "60%"]])
    report = imported(source, tmp_path / "out")
    assert report.status is not Status.FAILED, report.failure
    document = written(report)
    assert [f.problem for f in document.findings] == ["配套资金80万元未到位", "养护台账不完整"]
    assert [m.status for f in document.findings for m in f.measures] == [MeasureStatus.DONE, MeasureStatus.IN_PROGRESS]
    text = next(p for p in report.written if p.suffix == ".yaml").read_text(encoding="utf-8")
    assert "「60%」" in text and "「100%」" in text
    assert "整改要求" in said(report) and "责任人" in said(report)


def test_unclear_source_missing_name_and_year(tmp_path: Path) -> None:
    rows = [["问题整改清单"], HEAD, ["1", "台账不完整", "统一台账格式", "管理所", "2023年6月30日", "已完成"]]
    report = imported(_workbook(tmp_path, rows), tmp_path / "out")
    assert report.status is Status.FAILED and "--name" in report.failure
    report = imported(_workbook(tmp_path, rows), tmp_path / "out", Hints(name="农村公路养护", year="2022"))
    doc = written(report)
    assert (doc.name, doc.year) == ("农村公路养护", 2022)
    assert "source" in said(report) and "评价报告还是自评" in said(report)
    assert [e for e in errors(report) if "findings[1]" in e and "source" in e]  # not guessed: check stops on it


def test_hostile_cells_are_kept_as_text_and_reported_by_cell(tmp_path: Path) -> None:
    long = "资金" * 3000
    rows = [["2022年度农村公路养护项目绩效评价问题整改情况表"], HEAD,
            ["1", "=HYPERLINK(\"http://x\")", "措施\u202e甲", "财政局", "2023年2月30日", "已完成；未整改"],
            ["2", long, "措施乙", "", "2020年12月31日", "已完成"],
            ["3", "", "措施丙", "交通局", "2023年6月30日", "整改中"],
            ["4", "台账不完整", "", "交通局", "2023年6月30日", "整改中"]]
    report = imported(_workbook(tmp_path, rows), tmp_path / "out", Hints())
    doc = written(report)
    first = doc.findings[0]
    assert first.problem == "=HYPERLINK(\"http://x\")"  # a formula typed as text stays text
    assert first.measures[0].measure == "措施[U+202E]甲"  # a direction control made visible, as the core does
    notes = said(report)
    assert "E3" in notes and "2023年2月30日" in notes  # no such day: not a date
    assert "F3" in notes and "已完成；未整改" in notes  # contradicts itself: no status
    assert "B5" in notes and "没有写存在的问题" in notes
    assert "C6" in notes and "没有整改措施" in notes
    messages = errors(report)
    assert [m for m in messages if "findings[2].problem" in m and "5000" in m.replace(",", "")]
    assert [m for m in messages if "findings[2].measures[1].deadline" in m and "早于被评价的 2022 年度" in m]
    assert doc.findings[1].measures[0].owner == "未载明"
    [path] = report.written
    assert all(re.match(rf"{re.escape(str(path))}:\d+: findings\[", m) for m in messages)  # file, line and key on each


def test_columns_without_a_key_are_named_and_their_cells_listed(tmp_path: Path) -> None:
    rows = [["2022年度农村公路养护项目绩效评价问题整改情况表"], [*HEAD, "配合单位", "备注"],
            ["1", "台账不完整", "统一台账格式", "管理所", "2023年6月30日", "整改中", "乡镇政府", "每月通报"]]
    report = imported(_workbook(tmp_path, rows), tmp_path / "out")
    assert "「配合单位」「备注」一列没有对应的键" in said(report)
    assert any("乡镇政府" in line for line in report.unplaced) and any("每月通报" in line for line in report.unplaced)


def test_a_ledger_of_several_programmes_gives_one_document_each(tmp_path: Path) -> None:
    """A department's 整改台账 names each row's programme (and 主管部门) in a column: one 整改 file per
    programme, each with its own rows, department and 结果应用; a 结果应用 naming no programme is left
    with a note, not given to one of them."""
    head = ["序号", "项目名称", "主管部门", "存在问题", "整改措施", "责任单位", "整改时限", "整改情况"]
    rows = [["2022年度项目绩效评价问题整改台账"], head,
            ["1", "农村公路养护", "示例县交通运输局", "台账不完整", "统一台账格式", "管理所", "2023年6月30日", "已完成"],
            ["", "农村公路养护", "示例县交通运输局", "", "按月核对", "管理所", "2023年12月31日", "整改中"],
            ["2", "学生营养改善计划", "示例县教育局", "食谱单一", "公布带量食谱", "教育局", "2023年6月30日", "整改中"],
            ["结果应用：农村公路养护项目2023年预算调减20万元"], ["结果应用：加强绩效管理"]]
    out = tmp_path / "out"
    reports = import_batch([_workbook(tmp_path, rows, merges=((2, 0, 3, 0), (2, 3, 3, 3)))], Options(out), SiteConfig(), set())
    assert [r.status for r in reports] == [Status.IMPORTED, Status.IMPORTED], [r.failure for r in reports]
    assert [r.source.name.rsplit("（", 1)[-1] for r in reports] == ["农村公路养护）", "学生营养改善计划）"]
    road, meals = (written(r) for r in reports)
    assert (road.name, road.department, meals.name, meals.department) == (
        "农村公路养护", "示例县交通运输局", "学生营养改善计划", "示例县教育局")
    assert [[m.measure for m in f.measures] for f in road.findings] == [["统一台账格式", "按月核对"]]
    assert [[m.measure for m in f.measures] for f in meals.findings] == [["公布带量食谱"]]
    assert [a.amount for a in road.application] == [Decimal(20)] and not meals.application
    assert "加强绩效管理" not in said(reports[1]) and any("没有写明是哪个项目的" in n for n in reports[0].notes)
    report = imported(_workbook(tmp_path, rows[:3], name="一个项目.xlsx"), tmp_path / "out2")
    assert written(report).name == "农村公路养护"


def test_the_same_note_about_several_measures_is_one_note_naming_them() -> None:
    from perfsite.importing.rectify_form import grouped

    notes = ["段3：完成时限没有写，未写 deadline", "原表没有写明主管部门", "段5：完成时限没有写，未写 deadline",
             "段5：整改情况空着"]
    assert grouped(notes) == ["段3、段5：完成时限没有写，未写 deadline", "原表没有写明主管部门", "段5：整改情况空着"]


def test_lines_under_a_word_table_no_key_takes_are_listed(tmp_path: Path) -> None:
    """填表人 / 联系电话 paragraphs under the Word table are named under 「未能归位的内容」 (as the same
    lines are in a sheet's rows); the template's blank 「填报日期：」 line and the title are not."""
    from docx import Document

    _, docx = make(YANGHU, tmp_path / "in")
    doc = Document(str(docx))
    for line in ("填表人：李某某", "联系电话：0731-12345678", "审核人："):
        doc.add_paragraph(line)
    doc.save(str(docx))
    report = imported(docx, tmp_path / "out")
    assert written(report).findings
    listed = [line.split("段：", 1)[1] for line in report.unplaced if "段：" in line]
    assert listed == ["填表人：李某某", "联系电话：0731-12345678"], report.unplaced


def test_a_paragraph_not_read_is_placed_before_or_after_the_table(tmp_path: Path) -> None:
    """「第N段」 counted from the top sent the clerk to the wrong side of the table: the place is said
    from the table, blank paragraphs not counted."""
    from docx import Document

    _, docx = make(YANGHU, tmp_path / "in")
    doc = Document(str(docx))
    doc.add_paragraph("")
    doc.add_paragraph("填表人：李某某")
    table = doc.tables[0]._tbl
    note = doc.add_paragraph("说明：本表由财务股汇总。")._p
    table.addprevious(note)
    doc.save(str(docx))
    report = imported(docx, tmp_path / "out")
    assert written(report).findings
    placed = [line for line in report.unplaced if "段：" in line]
    assert "表格之后第1段：填表人：李某某" in placed, report.unplaced
    assert any(line.startswith("表格之前第") and line.endswith("说明：本表由财务股汇总。") for line in placed), report.unplaced


def test_paragraph_ref_counts_from_the_table() -> None:
    from perfsite.importing.rectify_form import paragraph_ref

    texts = ["标题", "", "说明", "", "填表人"]
    assert [paragraph_ref(texts, n, 3, "表格") for n in (0, 2, 4)] == ["表格之前第1段", "表格之前第2段", "表格之后第1段"]
