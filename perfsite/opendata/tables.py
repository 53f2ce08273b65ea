"""The three tables (programmes, indicators, budget cells) as rows of text, one schema each.

Units follow perfsite.opendata.units: money in 元 (2 places) with a 万元 column beside it, every
money and percentage column's unit in its header; rates and completions are percentages with 2
places. The indicator table is the per-programme indicator CSV (INDICATOR_CSV_COLUMNS, which
`check` reads back) with the programme's keys in front.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfsite.budget import COLUMNS
from perfsite.decimals import fmt2
from perfsite.model import BALANCE_LABEL, BUDGET_ROW_LABEL, BudgetRow
from perfsite.opendata.units import MONEY, MONEY_UNITS, PERCENT, WAN, WAN_SUFFIX, header, in_yuan, wan_text, yuan_text
from perfsite.problems import Severity
from perfsite.record import COLUMN_LABEL, IndicatorRecord, Record
from perfsite.targets_compare import CHANGE_LABEL, UNDECIDED, Change, IndicatorChange

DERIVED_ROWS = {"balance": BALANCE_LABEL, "funding_rate": "预算到位率(%)", "execution_rate": "预算执行率(%)"}
RATE_ROWS = ("funding_rate", "execution_rate")


@dataclass(frozen=True)
class Column:
    """A column of a published table: field name (the key in JSON and page data), Table Schema
    type, Chinese title, description and unit. Its CSV/XLSX header (and datapackage field name)
    is `header`: the title, with the unit when it is money or a percentage."""

    name: str
    type: str
    title: str
    description: str
    unit: str = ""

    @property
    def header(self) -> str:
        return header(self.title, self.unit)


def money_columns(field: str, description: str) -> tuple[Column, ...]:
    """Money field `field` (a key of units.MONEY) in every unit of units.MONEY_UNITS."""
    return tuple(Column(field if unit == MONEY_UNITS[0] else field + WAN_SUFFIX, "number", MONEY[field],
                        f"{description}（单位：{unit}）", unit) for unit in MONEY_UNITS)


BOOLEAN_WORDS = {"true": "是", "false": "否"}
WORKBOOK_WORDS = {"rate_basis": {"budget": "执行数/预算数", "funded": "执行数/到位数"}}
"""The words a workbook (.xlsx, the human view) shows for the codes its CSV and JSON twins keep as
documented (docs/opendata.md): a boolean column's true/false, these columns' codes. A spreadsheet
showed TRUE/FALSE and `budget` to a reader who reads Chinese."""


SAMPLE_COLUMN = Column("sample", "boolean", "示例数据", "true 表示这是示例数据，并非真实项目")
"""The 示例数据 mark of programmes.csv, and the last column of every document table (perfsite.
opendata.targets, .cycle: last, so existing readers' column positions hold), so a fictitious
目标表, report or 整改 never reads as a real one among the real rows of /data/."""

KEY_COLUMNS = (
    Column("year", "integer", "评价年度", "评价所属年度"),
    Column("id", "string", "项目标识", "所属项目的标识（与年度一起引用项目表）"),
)
PROGRAMME_COLUMNS = (
    Column("year", "integer", "评价年度", "评价所属年度"),
    Column("id", "string", "项目标识", "项目在该年度内的唯一标识，与年度一起构成网址 /projects/<年度>/<标识>/"),
    Column("url", "string", "页面地址", "项目公开页相对于网站根目录的地址"),
    Column("name", "string", "项目名称", "项目名称，照原文"),
    Column("department", "string", "主管部门", "主管部门或实施单位，照原文；未载明表示原文未写"),
    Column("region", "string", "地区", "项目所属地区"),
    Column("evaluation", "string", "评价类型", "单位自评、部门评价、财政评价或第三方评价"),
    Column("evaluator", "string", "评价机构", "实施评价的机构"),
    Column("published", "date", "公开日期", "评价结果的公开日期（年-月-日）"),
    Column("series", "string", "系列标识", "同一项目跨年度的统一标识"),
    SAMPLE_COLUMN,
    *money_columns("budget", "全年预算资金合计"),
    *money_columns("funded", "实际到位资金合计"),
    *money_columns("spent", "全年执行资金合计"),
    *money_columns("balance", "实际到位资金减全年执行数"),
    Column("funding_rate", "number", "预算到位率", "实际到位 ÷ 全年预算 × 100，分母为 0 时为空", PERCENT),
    Column("execution_rate", "number", "预算执行率", "全年执行 ÷ 全年预算（或 ÷ 实际到位，见执行率口径）× 100，分母为 0 时为空", PERCENT),
    Column("rate_basis", "string", "执行率口径", "budget：执行数/预算数；funded：执行数/到位数"),
    Column("total", "number", "计算总分", "perfsite 按评分规则重新计算的总分（各项四舍五入后之和）", "分"),
    Column("grade", "string", "计算等级", "计算总分对应的等级"),
    Column("reported_total", "number", "公布总分", "原文公布的总分", "分"),
    Column("reported_grade", "string", "公布等级", "原文公布的等级，照原文"),
    Column("discrepancies", "integer", "不一致数", "公布数字与计算结果相差超过 0.1 的处数"),
    Column("warnings", "integer", "提示数", "应补充说明的提示条数（如缺少偏差原因）"),
    Column("lowered_targets", "integer", "目标调低数",
           "自评表所列目标低于同一项目同一年度绩效目标表的指标数（指标表的 target_status 为 lowered 的行数）；"
           "本站没有该项目该年度的绩效目标表时为空"),
)
INDICATOR_CSV_COLUMNS = (
    Column("level1", "string", "一级指标", "一级指标名称（已去掉分值小计）"),
    Column("level2", "string", "二级指标", "二级指标名称（已去掉分值小计）"),
    Column("name", "string", "三级指标", "三级指标名称"),
    Column("weight", "number", "权重", "指标分值", "分"),
    Column("target", "string", "年度指标值", "年度指标值，照原文"),
    Column("actual", "string", "实际完成值", "实际完成值，照原文"),
    Column("reported_completion", "string", "完成率", "原文的完成率，照原文"),
    Column("reported_score", "number", "得分", "原文公布的得分", "分"),
    Column("rule_text", "string", "评分标准", "原文的评分标准，照原文"),
    Column("remark", "string", "偏差原因分析及改进措施", "偏差原因分析及改进措施，照原文"),
    Column("applicable", "boolean", "是否适用", "false 表示不适用，不计入总分"),
    Column("given_rule", "string", "规则", "数据文件写明的评分规则（rule:）：规则名，或 {type: deduct, per: 0.5, count: 3} 这样的写法；空白为自动"),
    Column("completion", "number", "复算完成率", "按评分规则计算的完成率（不封顶），无完成率时为空", PERCENT),
    Column("score", "number", "复算得分", "按评分规则计算并四舍五入到 2 位的得分；不适用时为空", "分"),
    Column("rule", "string", "复算规则", "ratio、judged、budget、deduct、shortfall、bands、reported 等"),
    Column("status", "string", "核验", "match 一致、rounding 舍入差异、discrepancy 不一致、computed 已计算、unverified 无法核验、not_recomputed 采用公布得分、not_applicable 不适用"),
)
"""The per-programme indicator CSV (the 指标表 download of each programme page): the clerk's own
columns under the headers `check` reads (perfsite.indicator_csv.HEADERS), then the recomputed
ones, which `check` recognises and leaves out when the file is read back."""
INDICATOR_CSV_NAMES = tuple(c.name for c in INDICATOR_CSV_COLUMNS)
"""Their fields, each a field of perfsite.record.IndicatorRecord."""
TARGET_STATUSES = tuple(change for change in Change if change is not Change.REMOVED)
"""The statuses a 自评's indicator row can have against its 绩效目标表: the comparison's own names
(targets_compare.Change); a 目标表 row the 自评 lacks has no 自评 row to carry one."""
COMPARED_COLUMNS = (
    Column("target_status", "string", "与绩效目标对照",
           "自评表所列目标与同一项目同一年度绩效目标表的对照结果："
           + "、".join(f"{change} {CHANGE_LABEL[change]}" for change in TARGET_STATUSES)
           + "；本站没有该项目该年度的绩效目标表时为空"),
    Column("planned_target", "string", "绩效目标表目标值",
           "与之对照的绩效目标表目标值（指标性质、指标值和度量单位合写，如 ≥1.2万人，同自评页“与绩效目标对照”）；"
           "绩效目标表中没有此指标或没有绩效目标表时为空"),
    Column("target_note", "string", "对照说明",
           f"对照结果的说明（如度量单位不同、区间两端都放宽）；以“{UNDECIDED}”开头的表示无法判断目标是否调低（可能调低）"),
)
"""What the site-wide indicator table adds after the per-programme indicator CSV's columns: the
row's comparison with the published 绩效目标表, as the 自评 page's 与绩效目标对照 shows it
(compared_cells). Not in the per-programme CSV, which `check` reads back as a data file."""
INDICATOR_COLUMNS = (
    *KEY_COLUMNS,
    Column("seq", "integer", "序号", "指标在原表中的顺序，从 1 开始"),
    *INDICATOR_CSV_COLUMNS,
    *COMPARED_COLUMNS,
)
BUDGET_COLUMNS = (
    *KEY_COLUMNS,
    Column("row", "string", "行", "initial 年初预算、budget 全年预算、funded 实际到位、spent 全年执行、balance 资金结余、funding_rate 到位率、execution_rate 执行率"),
    Column("row_label", "string", "行名称", "行的中文名称"),
    Column("column", "string", "列", "total 年度总金额、subtotal 财政资金小计、central 中央级、provincial 省级、municipal 市级、county 县区级、carryover 上年结转、other 其他资金"),
    Column("column_label", "string", "列名称", "列的中文名称"),
    *money_columns("amount", "金额行的数值；比率行为空；资金结余的算式缺数时为空（不计算）"),
    Column("rate", "number", "比率", "比率行的百分数；金额行为空，分母为 0 或算式缺数时为空（不计算）", PERCENT),
)


def _money(row: dict[str, Any], field: str, value: Decimal | None, unit: str) -> None:
    """Money field `field` of `row` in 元 and 万元 (units.MONEY_UNITS), from `value` in `unit`."""
    yuan = None if value is None else in_yuan(value, unit)
    row[field] = yuan_text(yuan)
    row[field + WAN_SUFFIX] = wan_text(yuan)


def cell_text(value: object) -> str:
    """A value as a table cell's text: "" for none, true/false for a boolean."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


Compared = tuple[tuple[str, str, str], ...]
"""A 自评's comparison with its 绩效目标表 as /data/ publishes it: COMPARED_COLUMNS' cells of
each indicator, in the 自评's order (compared_cells)."""
UNCOMPARED = ("", "", "")
"""The COMPARED_COLUMNS cells of an indicator whose programme-year has no 绩效目标表."""


def compared_cells(count: int, rows: Sequence[IndicatorChange]) -> Compared:
    """COMPARED_COLUMNS' cells of each of a 自评's `count` indicators from its comparison
    (compare_targets' rows: each 自评 indicator has one, by its evaluated_index)."""
    cells = [UNCOMPARED] * count
    for row in rows:
        if row.evaluated_index is not None:
            cells[row.evaluated_index] = (str(row.change), row.planned or "", row.note)
    return tuple(cells)


def lowered_targets(compared: Compared | None) -> int | None:
    """The programme table's 目标调低数: None (blank) without a 绩效目标表."""
    return None if compared is None else sum(1 for status, _, _ in compared if status == Change.LOWERED)


def programme_row(rec: Record, compared: Compared | None = None) -> dict[str, str]:
    """A programme's row of the programme table; `compared`: its comparison with its 绩效目标表
    (compared_cells), None without one."""
    derived = rec.derived
    unit = derived.budget.unit if derived else WAN
    row: dict[str, object] = {
        "year": rec.year, "id": rec.id, "url": rec.url, "name": rec.name, "department": rec.department,
        "region": rec.region, "evaluation": rec.evaluation, "evaluator": rec.evaluator, "published": rec.published,
        "series": rec.series, "sample": rec.sample,
    }
    for field in ("budget", "funded", "spent", "balance"):
        _money(row, field, derived.figure(field) if derived else None, unit)
    row |= {
        "funding_rate": rec.figure("funding_rate"), "execution_rate": rec.figure("execution_rate"),
        "rate_basis": rec.budget["rate_basis"] if rec.budget else "",
        "total": rec.total, "grade": rec.grade, "reported_total": rec.reported_total,
        "reported_grade": rec.reported_grade,
        "discrepancies": len(rec.of(Severity.DISCREPANCY)), "warnings": len(rec.of(Severity.WARNING)),
        "lowered_targets": lowered_targets(compared),
    }
    return {k: cell_text(v) for k, v in row.items()}


def indicator_csv_values(ind: IndicatorRecord) -> list[str]:
    """An indicator of the record as the cells of INDICATOR_CSV_COLUMNS, in their order (cell_text
    of each field): the one conversion the per-programme and site-wide tables share. Written
    out, not looped over the names: it runs twice for every indicator (a loop cost three times as
    much); tests/test_projection_shortcuts.py checks it against cell_text of every field. The
    record is a named tuple: unpacked at once, not read field by field."""
    (level1, level2, name, weight, target, actual, completion, reported_completion, score, reported_score, rule,
     _, given_rule, rule_text, remark, applicable, _, status) = ind
    return [level1, level2, name, weight or "", target, actual, reported_completion or "",
            reported_score or "", rule_text or "", remark or "", "true" if applicable else "false",
            given_rule or "", completion or "", score or "", rule, status]


def indicator_csv_row(ind: IndicatorRecord) -> dict[str, str]:
    """indicator_csv_values by column name."""
    return dict(zip(INDICATOR_CSV_NAMES, indicator_csv_values(ind), strict=True))


def indicator_rows(rec: Record, compared: Compared | None = None) -> list[dict[str, str]]:
    """The site-wide indicator table's rows of a programme: its per-programme rows with keys, then
    each row's comparison with its 绩效目标表 (`compared`, blank without one)."""
    year, ident = str(rec.year), rec.id
    cells = compared or (UNCOMPARED,) * len(rec.indicators)
    return [{"year": year, "id": ident, "seq": str(seq)} | indicator_csv_row(ind)
            | dict(zip((c.name for c in COMPARED_COLUMNS), cell, strict=True))
            for seq, (ind, cell) in enumerate(zip(rec.indicators, cells, strict=True), start=1)]


LABELS = {r.value: BUDGET_ROW_LABEL[r][0] for r in BudgetRow} | DERIVED_ROWS
"""Row key → its Chinese name, in the official table's order (derived rows last)."""


BudgetCell = tuple[str, str, str, str, str]
"""(row key, column key, amount in 元, amount in 万元, rate) of one budget table row: texts, "" when absent."""


def budget_cells(rec: Record) -> list[BudgetCell]:
    """The budget table's rows of a programme, each a cell of its budget: every cell with money,
    and a derived row's cell wherever a money row of that column has money (a 0/0 rate, or a
    cell whose inputs are not all given, left blank: the page shows it "—")."""
    if rec.derived is None:
        return []
    unit, cells = rec.derived.budget.unit, rec.derived.cells
    with_money = {c for c in COLUMNS if any(cells[r][c] is not None for r in ("budget", "funded", "spent"))}
    rows: list[BudgetCell] = []
    for row_key in LABELS:
        is_rate, is_derived = row_key in RATE_ROWS, row_key in DERIVED_ROWS
        values = cells[row_key]
        for column in COLUMNS:
            value = values[column]
            if value is None and not (is_derived and column in with_money):
                continue
            if is_rate:
                rows.append((row_key, column, "", "", cell_text(fmt2(value))))
            else:
                yuan = None if value is None else in_yuan(value, unit)
                rows.append((row_key, column, yuan_text(yuan), wan_text(yuan), ""))
    return rows


def budget_rows(rec: Record) -> list[dict[str, str]]:
    """budget_cells as BUDGET_COLUMNS' rows (perfsite.opendata.parts.budget_encoded writes them
    without making these dicts)."""
    return [budget_row(rec, cell) for cell in budget_cells(rec)]


def budget_row(rec: Record, cell: BudgetCell) -> dict[str, str]:
    row_key, column, amount, wan, rate = cell
    return {"year": str(rec.year), "id": rec.id, "row": row_key, "row_label": LABELS[row_key], "column": column,
            "column_label": COLUMN_LABEL[column], "amount": amount, "amount_wan": wan, "rate": rate}
