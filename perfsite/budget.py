"""The 预算执行情况 table: read the typed rows, derive 小计, 年度总金额, 结余 and the two rates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from perfsite.decimals import HUNDRED, parse_decimal, q2, range_hint
from perfsite.model import (
    BALANCE_LABEL,
    BUDGET_ROW_LABEL,
    FISCAL,
    Budget,
    BudgetLine,
    BudgetRow,
    RateBasis,
    Source,
    column_name,
)
from perfsite.problems import Problems
from perfsite.schema import BUDGET_KEYS, check_keys, shown, suggest
from perfsite.values import NO_NUMBER, number_advice, spreadsheet_warning

UNITS = ("万元", "元")
COLUMNS = ("total", "subtotal", *(s.value for s in Source))
"""Column keys in the official order: 年度总金额, 财政资金小计, the four levels, 结转, 其他."""
_ROWS = tuple((row, row.value) for row in BudgetRow)
_SOURCES = {s.value: s for s in Source}
_LINE_KEYS = (*_SOURCES, "total")
"""Enum lookups done once: every file walks these for each budget row."""


def read_budget(raw: object, path: tuple[object, ...], problems: Problems) -> Budget | None:
    """Validate the `budget` mapping; negative money and unknown sources are errors."""
    if not isinstance(raw, dict):
        problems.error(path, "budget 必须是键值映射（unit、rate_basis、initial、budget、funded、spent）")
        return None
    check_keys(raw, BUDGET_KEYS, path, problems)
    unit = str(raw.get("unit") or "万元").strip()
    if unit not in UNITS:
        problems.error((*path, "unit"), f"金额单位只能是 万元 或 元，而不是「{shown(raw.get('unit'))}」")
        unit = "万元"
    basis_raw = str(raw.get("rate_basis") or "budget").strip()
    try:
        basis = RateBasis(basis_raw)
    except ValueError:
        problems.error((*path, "rate_basis"), f"rate_basis 只能是 budget（执行数/预算数）或 funded（执行数/到位数），"
                       f"而不是「{shown(raw.get('rate_basis'))}」")
        basis = RateBasis.BUDGET
    rows = {}
    for row, key in _ROWS:
        if raw.get(key) is not None:
            line = _read_line(raw[key], (*path, key), problems, unit)
            if line is not None:
                rows[row] = line
    return Budget(unit, basis, rows)


def _read_line(raw: object, path: tuple[object, ...], problems: Problems, unit: str) -> BudgetLine | None:
    line = problems.line_of(path)
    if not isinstance(raw, dict):
        amount = _money(raw, path, problems, unit)
        return None if amount is None else BudgetLine({}, amount, line)
    known = _LINE_KEYS
    parts: dict[Source, Decimal] = {}
    total = None
    for key, value in raw.items():
        if key not in known:
            problems.error((*path, key), f"未知的资金来源 {key}{suggest(str(key), known)}"
                           f"（可用：{', '.join(known)}）")
            continue
        amount = _money(value, (*path, key), problems, unit)
        if amount is None:
            continue
        if key == "total":
            total = amount
        else:
            parts[_SOURCES[key]] = amount
    return BudgetLine(parts, total, line)


def _money(raw: object, path: tuple[object, ...], problems: Problems, unit: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and raw.strip() in NO_NUMBER):
        return None
    amount = parse_decimal(raw)
    if amount is None:
        problems.error(path, f"金额应是数字，而不是「{shown(raw)}」{range_hint(raw) or number_advice(raw)}")
        return None
    if amount < 0:
        problems.error(path, f"金额不能为负数（{raw}）")
        return None
    if (digits := spreadsheet_warning(amount)) is not None:
        problems.warning(path, digits)
    elif unit == "元" and _decimals(amount) > 2:
        problems.warning(path, _below_fen(raw, amount))
    return amount


def _decimals(amount: Decimal) -> int:
    """How many decimals the amount was typed with (25.120: 3)."""
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _below_fen(raw: object, amount: Decimal) -> str:
    """What to say of an amount in 元 with more than two decimals: no amount in 元 is below a 分, so
    「25.123」 is most likely 25,123 typed with a dot as the thousands separator, or a figure in 万元
    under unit 元. Only a note: the figure is read as typed."""
    typed = str(raw).strip()
    thousands = ""
    if _decimals(amount) == 3:
        thousands = f"如果是 {typed.replace('.', ',')} 元（千位分隔符误写成了小数点），请写成 {typed.replace('.', '')}；"
    return (f"金额 {typed} 元的小数超过两位（不足一分），请核对：{thousands}"
            f"如果这是以万元计的数，请把 budget 的 unit 改为 万元；确实如此则不必修改")


@dataclass(frozen=True)
class DerivedBudget:
    """Every cell of the official table, typed or derived; None where the table has no figure."""

    budget: Budget
    cells: dict[str, dict[str, Decimal | None]]
    """Row key (initial … spent, balance, funding_rate, execution_rate) → column key → value."""

    def figure(self, row: str) -> Decimal | None:
        return self.cells.get(row, {}).get("total")

    @property
    def execution_rate(self) -> Decimal | None:
        return self.figure("execution_rate")

    @property
    def funding_rate(self) -> Decimal | None:
        return self.figure("funding_rate")


def derive(budget: Budget, problems: Problems | None = None, path: tuple[object, ...] = ("budget",)) -> DerivedBudget:
    """Derive the table; rates are percentages to 2 places and None when the denominator is 0.

    A derived cell whose inputs are not all given is None ("—", not computed), never a figure
    made by reading a missing input as 0: without 实际到位 the 到位率 and the 结余 are "—", and
    a 全年执行 given only as a total leaves 结余 and 执行率 "—" in every source's column (read
    as 0 there, a 2,116.60 结余 and a 0.00% 执行率 stood beside a total column of 21.17 and
    99.00%). A row split by source that leaves one source blank still counts it as 0, as clerks
    leave a source with nothing in it blank; see `_given`."""
    cells: dict[str, dict[str, Decimal | None]] = {}
    for row, key in _ROWS:
        cells[key] = _row_cells(budget.rows.get(row), (*path, key), problems)
    funded, spent, planned = cells["funded"], cells["spent"], cells["budget"]
    has_funded = _given(budget.rows.get(BudgetRow.FUNDED), funded)
    has_spent = _given(budget.rows.get(BudgetRow.SPENT), spent)
    cells["balance"] = {c: _minus(funded[c], spent[c]) if c in has_funded and c in has_spent else None
                        for c in COLUMNS}
    cells["funding_rate"] = _rates(funded, planned, has_funded)
    base = funded if budget.rate_basis is RateBasis.FUNDED else planned
    cells["execution_rate"] = _rates(spent, base, has_spent)
    if problems is not None:
        _check_balance(cells, path, problems)
        _check_consistency(cells, budget, path, problems)
    return DerivedBudget(budget, cells)


def _given(line: BudgetLine | None, row: dict[str, Decimal | None]) -> frozenset[str]:
    """The columns where a typed row gives its figure: a cell with an amount, and, in a row
    split by source, every source column and the 小计 (a blank source there is 0). A row
    with no split (`spent: 2095.43`) gives only its total; a row not typed gives nothing."""
    if line is None:
        return frozenset()
    if line.parts:
        return _ALL_COLUMNS
    return frozenset(c for c in COLUMNS if row[c] is not None)


_ALL_COLUMNS = frozenset(COLUMNS)


def _row_cells(line: BudgetLine | None, path: tuple[object, ...], problems: Problems | None) -> dict[str, Decimal | None]:
    row: dict[str, Decimal | None] = dict.fromkeys(COLUMNS)
    if line is None:
        return row
    for source, amount in line.parts.items():
        row[source.value] = amount
    fiscal = [line.parts[s] for s in FISCAL if s in line.parts]
    row["subtotal"] = sum(fiscal, Decimal(0)) if fiscal else None
    parts_sum = sum(line.parts.values(), Decimal(0)) if line.parts else None
    if line.total is not None:
        row["total"] = line.total  # the published figure is shown; a mismatch is a warning
        if parts_sum is not None and parts_sum != line.total and problems is not None:
            problems.warning((*path, "total"), f"填报的合计 {line.total} 与各来源之和 {parts_sum} 不一致",
                             published=f"{line.total}", computed=f"{parts_sum}")
    else:
        row["total"] = parts_sum
    if problems is not None and parts_sum is not None:
        _check_sums(row, line, path, problems)
    return row


_SUMS = ("subtotal", "total")
"""The amounts a row adds up from its sources."""


def _check_sums(row: dict[str, Decimal | None], line: BudgetLine, path: tuple[object, ...], problems: Problems) -> None:
    """Warn, at the row's line, of a sum past the digits the /data/*.xlsx download keeps
    (derived_warning): central 123456789012345 and county 0.1 万元 each fit in 15 digits, their
    年度总金额 123456789012345.1 does not. Once for one figure (the 小计 that is the 年度总金额, or
    equals the typed 合计, whose own warning names it)."""
    said = line.total  # typed: its own warning, where it is past 15 digits
    for key in reversed(_SUMS):
        amount = row[key]
        if amount is None or amount == said:
            continue
        if (message := derived_warning(amount, f"{column_name(key)}（各来源之和）", line.parts.values())) is not None:
            problems.warning((*path, key), message)
            said = amount


def derived_warning(amount: Decimal | None, label: str, inputs: Iterable[Decimal | None]) -> str | None:
    """The warning for an amount the site works out from typed ones and publishes (a 年度总金额 or
    小计 of sources, a 资金结余, a 资金总额 of its two parts, a sum of tasks) that has more significant
    digits than the /data/*.xlsx download keeps: 「`label`：…」, said at its line as `_money` says it
    of a typed amount. None where it fits, and where an input is past those digits itself: that
    input's own warning names it, and one long amount makes every figure worked out from it long."""
    if amount is None or (digits := spreadsheet_warning(amount)) is None:
        return None
    if any(x is not None and spreadsheet_warning(x) is not None for x in inputs):
        return None
    return f"{label}：{digits}"


_BALANCE_NAME = f"{BALANCE_LABEL}（{BUDGET_ROW_LABEL[BudgetRow.FUNDED][0]} − {BUDGET_ROW_LABEL[BudgetRow.SPENT][0]}）"
"""资金结余（实际到位资金 − 全年执行资金）, as a warning names a 结余."""


def _check_balance(cells: dict[str, dict[str, Decimal | None]], path: tuple[object, ...], problems: Problems) -> None:
    """Warn at the 全年执行 row (the 结余 is worked out when it is given) of each 结余 figure past the
    spreadsheet's digits (derived_warning): 到位 123456789012345 less 执行 0.1 万元 is
    123456789012344.9. A column's 结余 equal to one said already (the 小计 and the 年度总金额 of a
    table with one source) is not said again."""
    said: set[Decimal] = set()
    funded, spent = cells["funded"], cells["spent"]
    for column, amount in cells["balance"].items():
        if amount is None or amount in said:
            continue
        if (message := derived_warning(amount, _BALANCE_NAME, (funded[column], spent[column]))) is not None:
            problems.warning((*path, BudgetRow.SPENT.value), message)
            said.add(amount)


def _minus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None and b is None:
        return None
    return (a or Decimal(0)) - (b or Decimal(0))


def _rates(numerators: dict[str, Decimal | None], denominators: dict[str, Decimal | None],
           given: frozenset[str]) -> dict[str, Decimal | None]:
    """`rate` for every column whose numerator is given; most columns are empty, so those skip the call."""
    return {c: rate(numerators[c], denominators[c]) if denominators[c] and c in given else None for c in COLUMNS}


def rate(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """A percentage to 2 places; None (shown "—") when the denominator is missing or 0."""
    if not denominator:
        return None
    return q2((numerator or Decimal(0)) * HUNDRED / denominator)


def _check_consistency(cells: dict[str, dict[str, Decimal | None]], budget: Budget,
                       path: tuple[object, ...], problems: Problems) -> None:
    funded, spent = cells["funded"]["total"], cells["spent"]["total"]
    if funded is not None and spent is not None and spent > funded:
        problems.warning((*path, "spent"), f"全年执行数 {spent}{budget.unit} 大于实际到位资金 {funded}{budget.unit}")
