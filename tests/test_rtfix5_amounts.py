"""An amount with more digits than a spreadsheet keeps (15 significant) is a warning naming the
file and line: /data/*.xlsx stores numbers that Excel reads as doubles, so two such amounts can
show as one; the CSV and JSON keep them exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from perfsite.documents import read_document
from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.siteconfig import SiteConfig
from perfsite.values import spreadsheet_warning

D = Decimal

PROGRAMME = """name: 测试项目
year: 2022
department: 县测试局
budget:
  unit: 万元
  budget: {{central: {budget}}}
  spent: {{central: 100}}
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: A, weight: 100, target: "≥1个", actual: "1个"}}
"""


def _warnings(problems) -> list[tuple[str, int | None, str]]:
    return [(p.key, p.line, p.message) for p in problems if p.severity is Severity.WARNING and "有效数字" in p.message]


def test_a_budget_amount_beyond_15_digits_is_warned_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRAMME.format(budget="123456789012345.6789"), encoding="utf-8")
    prog, problems = read_programme(path, SiteConfig(), tmp_path)
    assert prog is not None
    found = _warnings(problems.items)
    assert [(key, line) for key, line, _ in found] == [("budget.budget.central", 6)]
    assert "19 位有效数字" in found[0][2] and "123456789012346" in found[0][2] and "xlsx" in found[0][2]


def test_an_amount_a_spreadsheet_holds_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRAMME.format(budget="123456789012345"), encoding="utf-8")
    _, problems = read_programme(path, SiteConfig(), tmp_path)
    assert _warnings(problems.items) == []
    assert spreadsheet_warning(D("12.3456")) is None and spreadsheet_warning(D("100.000000000000000")) is None


def test_a_target_table_fund_beyond_15_digits_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("kind: 绩效目标\nid: t\nname: 测试\nyear: 2022\ndepartment: 县测试局\n"
                    "funds: {unit: 万元, total: 1234567890.123456}\n"
                    "indicators:\n  - {level1: 产出指标, level2: 数量指标, name: A, nature: \"≥\", target: 1, unit: 个, weight: 100}\n",
                    encoding="utf-8")
    _, problems = read_document(path, SiteConfig(), tmp_path)
    found = _warnings(problems.items)
    assert [(key, line) for key, line, _ in found] == [("funds.total", 6)] and "1234567890.12346" in found[0][2]
