"""A rate printed as a fraction with fewer places than ours (施甸县's 执行率 printed 0.1 where the budget
table gives 94 ÷ 650 = 14.46%, i.e. 0.1446) is that rate rounded to the places printed: 舍入, not 不一致,
by the one rule every published figure is checked with (scoring.compare_printed), wherever it is checked:
the budget rule's typed actual, a 完成率, the importer's note and a report's conclusion."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from core_helpers import core_minimal_programme, scored
from test_reports import REPORT, read
from test_rules import budget_table, run

from perfsite.problems import Severity
from perfsite.rules import Status
from perfsite.scoring import compare_printed

D = Decimal


@pytest.mark.parametrize(("printed", "status"), [
    ("0.1", Status.ROUNDING), ("0.14", Status.ROUNDING), ("0.1446", Status.MATCH),
    ("0.2", Status.DISCREPANCY), ("0.15", Status.DISCREPANCY),
])
def test_a_fraction_is_compared_at_its_places(printed, status):
    assert compare_printed(D(printed).scaleb(2), D("14.46")) == status


@pytest.mark.parametrize(("actual", "severity"), [
    ("0.1", Severity.NOTE), ("0.14", Severity.NOTE), ("0.2", Severity.DISCREPANCY), ("10%", Severity.DISCREPANCY),
])
def test_the_budget_rule_reads_a_printed_fraction_at_its_places(actual, severity):
    out = run(20, "100%", actual, "budget", budget=budget_table(650, 650, 94))
    assert out.score == D("2.89")  # the table's 14.46% scores, whatever was typed
    [(found, key, message, _)] = out.findings
    assert (found, key) == (severity, "actual")
    assert ("四舍五入" in message) == (severity is Severity.NOTE), message


def test_a_completion_printed_as_a_fraction_is_compared_at_its_places(tmp_path):
    rows = [{"level1": "产出指标", "level2": "数量指标", "name": "完成数量", "weight": 100,
             "target": "≥100个", "actual": f"{actual}个", "completion": printed, "score": score, "remark": "未完成"}
            for actual, printed, score in (("94", "0.9", "94"),)]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(core_minimal_programme(indicators=rows), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    found = [p for p in scored(path, tmp_path).problems if p.key.endswith("completion")]
    assert [p.severity for p in found] == [Severity.NOTE], [p.message for p in found]


# the importer's note on 施甸县's form: tests/test_t7imp2_messages.py (test_the_rate_is_quoted_as_printed)


@pytest.mark.parametrize(("said", "severity"), [("95", Severity.NOTE), ("96", Severity.DISCREPANCY)])
def test_a_conclusion_s_whole_total_is_the_total_rounded(tmp_path, said, severity):
    text = REPORT.replace("reported: {score: 95,", "reported: {score: 94.6,").replace(
        "conclusion: 项目总体实施良好。", f"conclusion: 综合评分{said}分。")
    _, problems = read(tmp_path, text)
    [found] = [p for p in problems.items if p.key == "conclusion"]
    assert found.severity is severity, found.message
