"""perfsite.budget: the 预算执行情况 table, typed and derived (小计, 年度总金额, 结余, 到位率, 执行率)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from perfsite.budget import derive, rate, read_budget
from perfsite.model import RateBasis, Source
from perfsite.problems import Problems, Severity
from perfsite.yamlload import load_yaml_text

D = Decimal


def _read(text: str):
    loaded = load_yaml_text(textwrap.dedent(text).lstrip("\n"), "p.yaml")
    assert loaded.problems == []
    problems = Problems("p.yaml", loaded.lines)
    budget = read_budget(loaded.data["budget"], ("budget",), problems)
    return budget, problems


def _errors(problems: Problems):
    return [p for p in problems.items if p.severity is Severity.ERROR]


def test_seed_000_table():
    budget, problems = _read("""
        budget:
          unit: 万元
          rate_basis: budget
          initial: {county: 25, total: 25}
          budget:  {county: 25, total: 25}
          funded:  {county: 25, total: 25}
          spent:   {county: 25, total: 25}
        """)
    derived = derive(budget, problems)
    assert problems.items == []
    cells = derived.cells
    assert cells["budget"]["total"] == D(25)
    assert cells["budget"]["subtotal"] == D(25)
    assert cells["budget"]["county"] == D(25)
    assert cells["balance"]["total"] == D(0)
    assert derived.funding_rate == D("100.00")
    assert derived.execution_rate == D("100.00")
    # empty sources: 0/0 is "—" (None), never 0, although the source printed 0
    for column in ("central", "provincial", "municipal", "carryover", "other"):
        assert cells["funding_rate"][column] is None
        assert cells["execution_rate"][column] is None


def test_rate_basis_budget_and_funded_differ():
    text = """
        budget:
          rate_basis: {basis}
          budget: 5000
          funded: 4000
          spent: 3000
        """
    by_budget, _ = _read(text.format(basis="budget"))
    by_funded, _ = _read(text.format(basis="funded"))
    assert by_budget.rate_basis is RateBasis.BUDGET and by_funded.rate_basis is RateBasis.FUNDED
    # 执行率 = 3000/5000 = 60.00% (budget) or 3000/4000 = 75.00% (funded); 到位率 = 4000/5000 = 80.00%
    assert derive(by_budget).execution_rate == D("60.00")
    assert derive(by_funded).execution_rate == D("75.00")
    assert derive(by_budget).funding_rate == derive(by_funded).funding_rate == D("80.00")
    assert derive(by_budget).figure("balance") == D(1000)


def test_default_unit_and_basis():
    budget, problems = _read("budget:\n  budget: 10\n  spent: 5\n")
    assert problems.items == []
    assert (budget.unit, budget.rate_basis) == ("万元", RateBasis.BUDGET)
    assert derive(budget).execution_rate == D("50.00")


def test_seed_002_thousands_separator_and_half_up_rate():
    budget, problems = _read("""
        budget:
          rate_basis: funded
          budget: 4800
          funded: 4800
          spent: "4,700.90"
        """)
    derived = derive(budget, problems)
    assert problems.items == []
    assert derived.figure("spent") == D("4700.90")
    # 4700.90 / 4800 = 0.979354… → 97.94
    assert derived.execution_rate == D("97.94")
    assert derived.figure("balance") == D("99.10")


def test_subtotal_is_fiscal_sources_only():
    budget, _ = _read("""
        budget:
          budget: {central: 10, provincial: 20, municipal: 5, county: 15, carryover: 7, other: 3}
        """)
    row = derive(budget).cells["budget"]
    assert row["subtotal"] == D(50)  # 中央级 + 省级 + 市级 + 县区级
    assert row["total"] == D(60)  # 年度总金额 includes 上年结转 and 其他
    assert row[Source.CARRYOVER.value] == D(7)


def test_zero_denominator_rate_is_none_never_zero():
    budget, _ = _read("budget:\n  budget: 0\n  funded: 0\n  spent: 0\n")
    derived = derive(budget)
    assert derived.funding_rate is None
    assert derived.execution_rate is None
    assert rate(D(5), D(0)) is None
    assert rate(D(5), None) is None
    assert rate(D(1), D(3)) == D("33.33")
    assert rate(D(2), D(3)) == D("66.67")


def test_negative_money_is_an_error_with_line():
    _budget, problems = _read("""
        budget:
          budget: {county: 100}
          funded: {county: 100}
          spent: {county: -20}
        """)
    errors = _errors(problems)
    assert len(errors) == 1
    assert errors[0].line == 4
    assert errors[0].key == "budget.spent.county"
    assert "负数" in errors[0].message


def test_negative_single_amount_is_an_error():
    _, problems = _read("budget:\n  budget: -5\n")
    assert [(p.line, "负数" in p.message) for p in _errors(problems)] == [(2, True)]


def test_money_that_is_not_a_number_is_an_error():
    _, problems = _read("budget:\n  budget: {county: 二十五}\n")
    errors = _errors(problems)
    assert len(errors) == 1 and "二十五" in errors[0].message


def test_typed_total_not_sum_of_parts_is_a_warning():
    budget, problems = _read("budget:\n  budget: {county: 25, central: 10, total: 30}\n")
    derived = derive(budget, problems)
    warnings = [p for p in problems.items if p.severity is Severity.WARNING]
    assert len(warnings) == 1
    assert (warnings[0].published, warnings[0].computed) == ("30", "35")
    assert derived.figure("budget") == D(30)  # the published figure is shown, the mismatch is flagged
    assert not problems.has_errors


def test_spent_above_funded_is_a_warning():
    budget, problems = _read("budget:\n  budget: 100\n  funded: 80\n  spent: 90\n")
    derive(budget, problems)
    warnings = [p for p in problems.items if p.severity is Severity.WARNING]
    assert len(warnings) == 1
    assert warnings[0].key == "budget.spent"
    assert derive(budget).figure("balance") == D(-10)


def test_unknown_source_suggests_the_right_one():
    _, problems = _read("budget:\n  budget: {countty: 25}\n")
    errors = _errors(problems)
    assert len(errors) == 1
    assert "countty" in errors[0].message and "您是不是想写 county" in errors[0].message


@pytest.mark.parametrize(("key", "value"), [("unit", "美元"), ("rate_basis", "spent")])
def test_bad_unit_or_basis_is_an_error(key, value):
    _, problems = _read(f"budget:\n  {key}: {value}\n  budget: 10\n")
    errors = _errors(problems)
    assert len(errors) == 1 and errors[0].line == 2 and value in errors[0].message


def test_unknown_budget_key_is_an_error():
    _, problems = _read("budget:\n  budget: 10\n  spend: 5\n")
    errors = _errors(problems)
    assert len(errors) == 1 and errors[0].line == 3 and "您是不是想写 spent" in errors[0].message


def test_budget_not_a_mapping():
    problems = Problems("p.yaml")
    assert read_budget([1, 2], ("budget",), problems) is None
    assert problems.has_errors


def test_yuan_unit_accepted():
    budget, problems = _read("budget:\n  unit: 元\n  budget: 250000\n  spent: 250000\n")
    assert problems.items == []
    assert budget.unit == "元"
    assert derive(budget).execution_rate == D("100.00")


@pytest.mark.parametrize(("rows", "unknown"), [
    ("budget: {county: 25, total: 25}\n  spent: {county: 20, total: 20}", ("funding_rate", "balance")),
    ("budget: {county: 25, total: 25}\n  funded: {county: 25, total: 25}", ("execution_rate", "balance")),
])
def test_a_row_the_table_does_not_have_is_unknown_not_zero(rows: str, unknown: tuple[str, ...]):
    """Without 实际到位 the 到位率 read 0.00% and the 结余 minus the amount spent; without 全年执行
    the 结余 was the whole amount funded: figures no table printed. They are "—" now."""
    budget, problems = _read(f"budget:\n  unit: 万元\n  {rows}\n")
    cells = derive(budget, problems).cells
    for key in unknown:
        assert all(value is None for value in cells[key].values()), (key, cells[key])
    known = ({"funding_rate", "execution_rate"} - set(unknown)).pop()
    assert cells[known]["total"] is not None
