"""Every amount the site derives from typed ones and publishes (the budget table's 年度总金额, 财政资金小计
and 资金结余, a 绩效目标表's 资金总额 from its two parts, a 部门整体 document's sums of its tasks) is
warned of at its line when it has more than the 15 significant digits a spreadsheet keeps, by one
check (budget.derived_warning); and the budget table's column names live in one table (model)."""

from __future__ import annotations

from pathlib import Path

from core_helpers import scored

from perfsite import model, record
from perfsite.documents import read_document
from perfsite.problems import Severity
from perfsite.siteconfig import SiteConfig

PROGRAMME = """name: 测试项目
year: 2022
department: 县测试局
budget:
  unit: 万元
  budget: {{central: 200000000000000}}
  funded: {funded}
  spent: {spent}
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: A, weight: 100, target: "≥1个", actual: "1个"}}
"""


def _digits(problems: list) -> list[tuple[str, int | None, str]]:
    return [(p.key, p.line, p.message) for p in problems if p.severity is Severity.WARNING and "有效数字" in p.message]


def _budget(tmp_path: Path, funded: str, spent: str) -> list[tuple[str, int | None, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRAMME.format(funded=funded, spent=spent), encoding="utf-8")
    return _digits(scored(path, tmp_path).problems)


def test_a_balance_past_15_digits_is_warned_once_at_the_spent_row(tmp_path: Path) -> None:
    """到位 123456789012345 less 执行 0.1 万元: each fits in 15 digits, the 结余 123456789012344.9 does not."""
    found = _budget(tmp_path, "{central: 123456789012345}", "{central: 0.1}")
    assert [(key, line) for key, line, _ in found] == [("budget.spent", 8)]
    assert found[0][2].startswith("资金结余（实际到位资金 − 全年执行资金）：金额 123456789012344.9 有 16 位有效数字")


def test_a_balance_that_fits_or_of_an_amount_warned_already_is_not_warned(tmp_path: Path) -> None:
    assert _budget(tmp_path, "{central: 123456789012}", "{central: 0.1}") == []
    found = _budget(tmp_path, "{central: 123456789012345.6789}", "{central: 1}")
    assert [key for key, _, _ in found] == ["budget.funded.central"]  # the typed amount's own warning only
    found = _budget(tmp_path, "{central: 123456789012345, county: 0.1}", "{central: 1}")
    assert [key for key, _, _ in found] == ["budget.funded.total"]  # the 年度总金额's, not the 结余 made of it again


TARGETS = """\
kind: 绩效目标
id: x
name: 测试项目
year: 2022
department: 测试县教育局
funds: {funds}
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: 资助人数, nature: ">=", target: 500, unit: 人, weight: 100}}
"""


def _read(tmp_path: Path, text: str) -> list[tuple[str, int | None, str]]:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = read_document(path, SiteConfig(), tmp_path)
    return _digits(problems.items)


def test_a_target_table_s_funds_total_past_15_digits_is_warned_at_its_line(tmp_path: Path) -> None:
    found = _read(tmp_path, TARGETS.format(funds="{unit: 万元, fiscal: 123456789012345, other: 0.1}"))
    assert [(key, line) for key, line, _ in found] == [("funds.total", 6)]
    assert found[0][2].startswith("资金总额（财政拨款 + 其他资金）：金额 123456789012345.1 有 16 位有效数字")
    # typed as that sum, the typed figure's own warning says it, once
    found = _read(tmp_path, TARGETS.format(funds="{fiscal: 123456789012345, other: 0.1, total: 123456789012345.1}"))
    assert len(found) == 1 and not found[0][2].startswith("资金总额（")


DEPARTMENT_TARGETS = """\
kind: 部门整体绩效目标
year: 2023
department: 测试县教育局
unit: 万元
tasks:
  - {name: 义务教育, amount: 123456789012345}
  - {name: 学生资助, amount: 0.1}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 资助人数, nature: "≥", target: 500, unit: 人}
"""

DEPARTMENT_EVALUATION = """\
kind: 部门整体自评
year: 2023
department: 测试县教育局
tasks:
  - {name: 义务教育, amount: 123456789012345, spent: 123456789012345}
  - {name: 学生资助, amount: 0.1, spent: 0.2}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 资助人数, weight: 100, target: "≥500人", actual: "520人", score: 100}
"""


def test_a_department_s_sums_of_tasks_past_15_digits_are_warned_at_the_tasks(tmp_path: Path) -> None:
    found = _read(tmp_path, DEPARTMENT_TARGETS)
    assert [(key, line) for key, line, _ in found] == [("tasks", 5)]
    assert found[0][2].startswith("任务金额合计（各项任务之和）：金额 123456789012345.1 有 16 位有效数字")
    found = _read(tmp_path, DEPARTMENT_EVALUATION)
    assert [(key, line) for key, line, _ in found] == [("tasks", 4), ("tasks", 4)]
    assert found[0][2].startswith("全年预算数（各项任务之和）：金额 123456789012345.1")
    assert found[1][2].startswith("全年执行数（各项任务之和）：金额 123456789012345.2")


def test_a_department_s_typed_total_equal_to_the_sum_is_warned_once(tmp_path: Path) -> None:
    found = _read(tmp_path, DEPARTMENT_TARGETS.replace("indicators:", "tasks_total: 123456789012345.1\nindicators:"))
    assert [key for key, _, _ in found] == ["tasks_total"]


def test_the_budget_table_s_column_names_are_one_table() -> None:
    """record (the published column headers) and budget (its warnings' words) read model's table."""
    assert record.COLUMN_LABEL is model.COLUMN_LABEL and record.FISCAL_GROUP == model.FISCAL_GROUP
    assert [model.column_name(key) for key in ("total", "subtotal", "central")] == ["年度总金额", "财政资金小计", "中央级"]
