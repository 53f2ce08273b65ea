"""部门整体 in the open data: departments.csv carries each document's budget and execution (元 and
万元, as the 项目表) and its published and recomputed scores; department_indicators.csv has a row
per indicator (the 绩效指标表's columns), and the department page's CSV is that department-year's
rows, made by the same code. On the seed documents (示例县教育局, 2023)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from perfsite.documents import read_document
from perfsite.kinds import DocumentKind
from perfsite.opendata.cycle import (
    DEPARTMENT_COLUMNS,
    DEPARTMENT_INDICATOR_COLUMNS,
    DEPARTMENT_INDICATORS,
    DEPARTMENTS,
    department_tables,
)
from perfsite.site.department_page import DepartmentYear, department_twin, indicators_csv
from perfsite.siteconfig import SiteConfig
from perfsite.values import inert_cell

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "data" / "2023" / "jiaoyu"
URL = "departments/示例县教育局/2023/"


def _documents():
    read = [read_document(FOLDER / name, SiteConfig(), REPO / "data")[0]
            for name in ("bumen-zhengti-mubiaobiao.yaml", "bumen-zhengti-zipingbiao.yaml")]
    targets, evaluation = read
    assert targets.kind is DocumentKind.DEPARTMENT_TARGETS and evaluation.kind is DocumentKind.DEPARTMENT_SELF_EVALUATION
    return targets, evaluation


def test_the_department_rows_carry_budget_execution_and_scores():
    targets, evaluation = _documents()
    rows = department_tables([(URL, (targets, evaluation))])[DEPARTMENTS]
    assert [list(r) for r in rows] == [[c.name for c in DEPARTMENT_COLUMNS]] * 2
    planned, done = rows
    assert (planned["budget"], planned["budget_wan"], planned["spent"], planned["total"]) == \
        ("110000000.00", "11000.00", "", "")  # the target table's 金额合计 (11,000 万元)
    assert (done["budget"], done["budget_wan"], done["spent_wan"]) == ("112356000.00", "11235.60", "11012.40")
    assert (done["execution_rate"], done["reported_execution_rate"]) == ("98.01", "98.01")
    assert (done["total"], done["reported_total"], done["status"]) == ("99.63", "99.63", "复算一致")


def test_every_indicator_of_both_documents_has_a_row():
    targets, evaluation = _documents()
    rows = department_tables([(URL, (targets, evaluation))])[DEPARTMENT_INDICATORS]
    assert all(list(r) == [c.name for c in DEPARTMENT_INDICATOR_COLUMNS] for r in rows)
    planned = [r for r in rows if r["kind"] == "部门整体绩效目标"]
    done = [r for r in rows if r["kind"] == "部门整体自评"]
    assert len(planned) == len(targets.targets.indicators) and len(done) == len(evaluation.evaluation.indicators)
    training = next(r for r in planned if r["name"] == "教师培训人次")
    assert (training["target"], training["actual"], training["score"]) == ("≥1200人次", "", "")
    scored = next(r for r in done if r["name"] == "教师培训人次")
    assert scored["target"] == "≥1000人次" and scored["score"] and scored["status"]
    assert [r["seq"] for r in done] == [str(i) for i in range(1, len(done) + 1)]


def test_the_department_page_offers_its_rows_as_csv():
    targets, evaluation = _documents()
    entry = DepartmentYear(2023, "示例县教育局", targets, evaluation)
    twin = department_twin(entry, [])
    assert twin["downloads"]["csv"] == f"{URL}department.csv"
    data = indicators_csv(entry)
    assert data.startswith("\ufeff".encode())
    read = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(read[0]) == [c.header for c in DEPARTMENT_INDICATOR_COLUMNS][:-1]  # its page shows 示例数据
    table = department_tables([(URL, (targets, evaluation))])[DEPARTMENT_INDICATORS]
    # the same cells, a text that starts like a formula made inert as in every published table
    assert [list(r.values()) for r in read] == [[inert_cell(v) for k, v in r.items() if k != "sample"] for r in table]
    assert read[0]["年度指标值"] == "'=100%"
