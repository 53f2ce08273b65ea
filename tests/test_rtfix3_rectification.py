"""整改 and 结果应用 as a careless or hostile clerk writes them (red-team cut-downs)."""

from __future__ import annotations

from pathlib import Path

from perfsite.documents import read_document
from perfsite.problems import Severity
from perfsite.record import make_rectification_record
from perfsite.rectification import Rectification
from perfsite.siteconfig import SiteConfig

HEAD = """\
kind: 整改
id: rt3-a
name: 红队项目
year: 2023
department: 红队局
published: 2024-08-01
findings:
  - source: 自评
    problem: 培训人数不足。
    measures:
      - {measure: 扩大培训, owner: 红队局, deadline: 2024-12-31, status: 整改中}
"""


def read(tmp_path: Path, text: str) -> tuple[Rectification, list]:
    path = tmp_path / "z.yaml"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(doc, Rectification), problems.items
    return doc, problems.items


def test_application_amounts_are_published_as_written(tmp_path):
    doc, problems = read(tmp_path, HEAD + """\
application:
  - {action: 次年预算调减, amount: 12.3456, unit: 万元, budget_year: 2024}
  - {action: 次年预算调增, amount: 1234.5, unit: 元, budget_year: 2024}
  - {action: 次年预算调减, amount: 50, budget_year: 2024}
  - {action: 次年预算调减, amount: 0.000001, budget_year: 2024}
""")
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    record = make_rectification_record(doc, [])
    assert [a["amount"] for a in record.application] == ["12.3456", "1234.50", "50.00", "0.000001"]


def test_an_amount_finer_than_a_fen_or_zero_is_an_error(tmp_path):
    _, problems = read(tmp_path, HEAD + """\
application:
  - {action: 次年预算调增, amount: 1234.567, unit: 元, budget_year: 2024}
  - {action: 次年预算调减, amount: 0.0000001, unit: 万元, budget_year: 2024}
  - {action: 次年预算调减, amount: 0, unit: 万元, budget_year: 2024}
""")
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert [(p.line, p.key) for p in errors] == [(13, "application[1].amount"), (14, "application[2].amount"),
                                                 (15, "application[3].amount")]
    assert "1234.567 元" in errors[0].message and "精确到分" in errors[0].message
    assert "金额是 0" in errors[2].message


def test_an_amount_with_budget_kept_says_what_is_wrong(tmp_path):
    _, problems = read(tmp_path, HEAD + "application:\n  - {action: 预算维持, amount: 50}\n")
    [warning] = [p for p in problems if p.key == "application[1].amount"]
    assert warning.severity is Severity.WARNING
    assert "预算维持不调整预算" in warning.message and "note" in warning.message


LATE = HEAD.replace("      - {measure: 扩大培训, owner: 红队局, deadline: 2024-12-31, status: 整改中}\n", """\
      - {measure: 完成晚于时限, owner: 红队局, deadline: 2024-03-31, status: 已完成, completed: 2024-07-30, evidence: 台账}
      - {measure: 按期完成, owner: 红队局, deadline: 2024-03-31, status: 已完成, completed: 2024-03-31, evidence: 台账}
      - {measure: 没写完成日期, owner: 红队局, deadline: 2024-03-31, status: 已完成, evidence: 台账}
""")


def test_a_measure_completed_after_its_deadline_is_late_on_the_page_and_in_the_tables(tmp_path):
    from perfsite.opendata.cycle import rectification_rows
    from perfsite.site.rectification_page import csv_bytes, overview

    doc, problems = read(tmp_path, LATE)
    record = make_rectification_record(doc, problems)
    twin = {"url": record.url, "year": record.year, "name": record.name, "department": record.department,
            "findings": list(record.findings), "application": list(record.application)}
    rows = overview([twin], "2026-12-07")["measures"]
    assert [(r["overdue"], r["late"]) for r in rows] == [(False, True), (False, False), (False, False)]
    lines = csv_bytes(rows).decode("utf-8-sig").splitlines()
    assert lines[0].split(",").index("逾期完成") == lines[1].split(",").index("是")
    measures, _ = rectification_rows([twin], "2026-12-07")
    assert [m["late"] for m in measures] == ["true", "false", "false"]


def test_a_completed_measure_without_its_completion_date_is_noted(tmp_path):
    _, problems = read(tmp_path, LATE)
    [noted] = [p for p in problems if "没有写完成日期" in p.message]
    assert (noted.severity, noted.line, noted.key) == (Severity.WARNING, 13, "findings[1].measures[3].status")


def test_since_sees_an_amount_changed_below_the_second_place(tmp_path):
    from perfsite.published_diff import _read, compare

    published = HEAD + "application:\n  - {action: 次年预算调减, amount: 0.001, unit: 万元, budget_year: 2024}\n"
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "z.yaml").write_text(published, encoding="utf-8")
    (tmp_path / "new" / "z.yaml").write_text(published.replace("0.001", "0.0049"), encoding="utf-8")
    before = _read(tmp_path / "old" / "z.yaml", tmp_path / "old", SiteConfig(), tmp_path / "old")
    after = _read(tmp_path / "new" / "z.yaml", tmp_path / "new", SiteConfig(), tmp_path / "new")
    assert before is not None and after is not None
    [changed] = compare(before, after, "z.yaml")
    assert "由 0.001 改为 0.0049" in changed.message and changed.line == 13
