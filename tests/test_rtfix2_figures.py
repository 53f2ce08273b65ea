"""Published figures as written: a reported score or an amount with more than 2 places is never
rounded (89.995 is not 90.00, which would cross 优's line), the grade it earns is read from it as
written, and every output of one cell shows one value; a 部门整体自评's tasks add up (red-team files
in tests/fixtures/rtfix2)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from core_helpers import scored

from perfsite.department import DepartmentDocument, department_fields
from perfsite.documents import read_document
from perfsite.headline import headline
from perfsite.opendata.cycle import department_row
from perfsite.opendata.units import wan_text, yuan_text
from perfsite.problems import Severity
from perfsite.record import make_record, make_target_record
from perfsite.report import score_text
from perfsite.rules import Status
from perfsite.site.department_page import DepartmentYear, department_twin, task_rows
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rtfix2"
D = Decimal


def test_a_figure_with_more_places_is_published_as_written() -> None:
    from perfsite.decimals import figure_text

    assert [figure_text(D(x)) for x in ("89.995", "90", "99.10", "12.3456", "45.0049", "0.0007")] == [
        "89.995", "90.00", "99.10", "12.3456", "45.0049", "0.0007"]
    assert figure_text(None) is None


def test_a_reported_total_below_the_grade_line_is_shown_as_written_and_its_grade_questioned() -> None:
    sp = scored(FIXTURES / "rt-silent.yaml", FIXTURES)
    rec = make_record(sp)
    assert (rec.total, rec.reported_total, rec.reported_grade) == ("90.00", "89.995", "优")
    assert [(i.score, i.reported_score) for i in rec.indicators] == [("40.000", "39.995"), ("50.00", "50.00")]
    head = rec.headline
    assert (head["score"], head["computed"], head["difference"]) == ("89.995", "90.00", "0.005")
    # within 0.01 the totals agree (the contract's 一致), but 优 needs 90: 89.995 earns 良
    grade = [p for p in sp.problems if p.field == "评价等级"]
    assert [(p.severity, p.published, p.computed) for p in grade] == [(Severity.DISCREPANCY, "优", "良")]
    assert "89.995" in grade[0].message
    assert head["verdict"] == Status.DISCREPANCY and "应得的等级「良」" in head["sentence"]


def test_money_with_four_places_is_one_value_on_the_page_and_in_the_csv() -> None:
    rec = make_record(scored(FIXTURES / "rt-silent.yaml", FIXTURES))
    figures = rec.budget["figures"] if rec.budget else {}
    assert (figures["budget"], figures["spent"], figures["balance"]) == ("12.3456", "12.3449", "0.0007")
    assert (figures["funding_rate"], figures["execution_rate"]) == ("100.00", "99.99")  # rates: 2 places
    assert rec.derived is not None
    spent = rec.derived.figure("spent")
    assert spent is not None and wan_text(spent * 10000) == figures["spent"]  # /data/budget.csv's 万元 cell


def test_every_reported_figure_keeps_its_places_in_the_headline_and_rows() -> None:
    sp = scored(FIXTURES / "rt-round.yaml", FIXTURES)
    rec = make_record(sp)
    assert [i.reported_score for i in rec.indicators] == ["44.995", "45.0049"]
    assert "公布总分 89.995 应得的等级「良」" in headline(sp).sentence
    assert "44.995" in score_text(sp) and "45.0049" in score_text(sp)  # perfsite score's 公布 column
    funded = rec.budget["cells"][2] if rec.budget else ()  # 实际到位资金: total, subtotal, central … county
    assert (funded[0], funded[5]) == ("30.00", "30.005")
    assert yuan_text(D("100.005")) == "100.005" and yuan_text(D("123456.0000")) == "123456.00"


def test_target_table_funds_are_published_as_written(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("kind: 绩效目标\nid: t\nname: 测试\nyear: 2022\ndepartment: 县测试局\n"
                    "funds: {unit: 万元, total: 600.005, fiscal: 600.005}\n"
                    "indicators:\n  - {level1: 产出指标, level2: 数量指标, name: A, nature: \"≥\", target: 1, unit: 个, weight: 100}\n",
                    encoding="utf-8")
    table, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(table, TargetTable), [p.message for p in problems.items]
    funds = make_target_record(table, problems.items).funds
    assert funds is not None and (funds["total"], funds["fiscal"]) == ("600.005", "600.005")


def _department() -> DepartmentDocument:
    doc, _ = read_document(FIXTURES / "dept-tasks.yaml", SiteConfig(), FIXTURES)
    assert isinstance(doc, DepartmentDocument)
    return doc


def test_department_tasks_that_do_not_add_up_are_flagged() -> None:
    doc = _department()
    found = {(p.severity, p.key, p.line): p.message for p in doc.problems
             if p.field in ("任务执行数", "全年执行数（各项任务之和）", "全年预算数（各项任务之和）")}
    assert found == {
        (Severity.WARNING, "tasks[5].spent", 17): "任务「教师培训」全年执行数 300万元 大于全年预算数 146万元",
        (Severity.DISCREPANCY, "execution.spent", 18):
            "各项任务的全年执行数之和 11214.4万元 大于预算执行的全年执行数 11000万元",
    }  # Σ amounts 11235.6 = execution.budget: nothing said


def test_tasks_short_of_the_execution_are_a_warning(tmp_path: Path) -> None:
    text = (FIXTURES / "dept-tasks.yaml").read_text(encoding="utf-8").replace("budget: 11235.6", "budget: 11300")
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    doc, _ = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(doc, DepartmentDocument)
    [short] = [p for p in doc.problems if p.key == "execution.budget"]
    assert short.severity is Severity.WARNING and short.message.startswith(
        "各项任务的全年预算数之和 11235.6万元 小于预算执行的全年预算数 11300万元")


def test_the_department_page_shows_the_sums_beside_the_task_table() -> None:
    from perfsite.site.department_page import task_checks

    doc = _department()
    twin = department_twin(DepartmentYear(doc.year, doc.department, evaluation=doc), [])
    assert [x["field"] for x in task_checks(twin)] == ["全年执行数（各项任务之和）", "任务执行数"]
    part = twin["self_evaluation"]
    assert (part["reported_total"], part["headline"]["score"], part["total"]) == ("99.625", "99.625", "99.62")
    assert [r["spent"] for r in task_rows(twin)][-1] == "300.00"


def test_department_money_is_published_as_written(tmp_path: Path) -> None:
    text = (FIXTURES / "dept-tasks.yaml").read_text(encoding="utf-8").replace("amount: 500, spent: 497", "amount: 500, spent: 496.9999")
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    doc, _ = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(doc, DepartmentDocument)
    fields = department_fields(doc)
    assert [t["spent"] for t in fields["tasks"]][3] == "496.9999"  # type: ignore[index]
    assert fields["tasks_sum"] == {"amount": "11235.60", "spent": "11214.3999"}
    row = department_row(doc, "departments/x/2023/")
    assert row["reported_total"] == "99.625"


def test_a_differing_total_is_explained_with_the_published_figure_as_written(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text((FIXTURES / "rt-silent.yaml").read_text(encoding="utf-8").replace(
        "reported: {score: 89.995, grade: 优}", "reported: {score: 80.005, grade: 良}"), encoding="utf-8")
    head = headline(scored(path, tmp_path))
    assert head.score == "80.005" and head.sentence.startswith("本站复算为 90.00 分，比公布的 80.005 分高 9.995 分")
