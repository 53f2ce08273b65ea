"""A sum the budget table derives (年度总金额, 财政资金小计) past the 15 significant digits a
spreadsheet keeps is warned at the row's line, as a typed amount is: each part may fit while the
sum does not (central 123456789012345 and county 0.1 万元 make 123456789012345.1)."""

from __future__ import annotations

from pathlib import Path

from core_helpers import scored

from perfsite.problems import Severity

PROGRAMME = """name: 测试项目
year: 2022
department: 县测试局
budget:
  unit: 万元
  budget: {budget}
  spent: {{central: 100}}
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: A, weight: 100, target: "≥1个", actual: "1个"}}
"""


def _warnings(tmp_path: Path, budget: str) -> list[tuple[str, int | None, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRAMME.format(budget=budget), encoding="utf-8")
    problems = scored(path, tmp_path).problems
    found = [p for p in problems if p.severity is Severity.WARNING and "有效数字" in p.message]
    assert all(Path(str(p.file)).name == "p.yaml" for p in found)
    return [(p.key, p.line, p.message) for p in found]


def test_a_sum_of_sources_past_15_digits_is_warned_once_at_its_row(tmp_path: Path) -> None:
    found = _warnings(tmp_path, "{central: 123456789012345, county: 0.1}")
    assert [(key, line) for key, line, _ in found] == [("budget.budget.total", 6)]
    message = found[0][2]
    assert message.startswith("年度总金额（各来源之和）：金额 123456789012345.1 有 16 位有效数字")
    assert "123456789012345" in message and "xlsx" in message


def test_a_subtotal_past_15_digits_beside_a_total_that_is_another_figure(tmp_path: Path) -> None:
    """小计 123456789012345.1 and the 年度总金额 with 其他资金 1 more: two figures, each warned."""
    found = _warnings(tmp_path, "{central: 123456789012345, county: 0.1, other: 1}")
    assert [(key, line) for key, line, _ in found] == [("budget.budget.total", 6), ("budget.budget.subtotal", 6)]
    assert found[1][2].startswith("财政资金小计（各来源之和）：金额 123456789012345.1")


def test_a_sum_that_fits_and_a_part_warned_already_are_not_warned_again(tmp_path: Path) -> None:
    assert _warnings(tmp_path, "{central: 123456789012, county: 0.1}") == []
    found = _warnings(tmp_path, "{central: 123456789012345.6789, county: 1}")
    assert [key for key, _, _ in found] == ["budget.budget.central"]
    found = _warnings(tmp_path, "{central: 123456789012345, county: 0.1, total: 123456789012345.1}")
    assert [key for key, _, _ in found] == ["budget.budget.total"] and not found[0][2].startswith("年度总金额（")
