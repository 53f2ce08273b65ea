"""The three tables (programmes, indicators, budget cells) as rows of text, one schema each.

Money is published in 元 with 2 places (万元 × 10000 is exact), so every row of a table has the
same unit; rates and completions are percentages with 2 places.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfsite.budget import COLUMNS
from perfsite.decimals import fmt2
from perfsite.model import BUDGET_ROW_LABEL, BudgetRow
from perfsite.pagedata import COLUMN_LABEL
from perfsite.problems import Severity
from perfsite.scoring import ScoredProgramme

YUAN_PER = {"万元": Decimal(10_000), "元": Decimal(1)}
DERIVED_ROWS = {"balance": "资金结余", "funding_rate": "预算到位率(%)", "execution_rate": "预算执行率(%)"}
RATE_ROWS = ("funding_rate", "execution_rate")


@dataclass(frozen=True)
class Column:
    """A column of a published table: name, Table Schema type, Chinese title and description."""

    name: str
    type: str
    title: str
    description: str
    unit: str = ""


PROGRAMME_COLUMNS = (
    Column("year", "integer", "评价年度", "评价所属年度"),
    Column("id", "string", "项目标识", "项目在该年度内的唯一标识，与年度一起构成网址 /projects/<年度>/<标识>/"),
    Column("url", "string", "页面地址", "项目公开页相对于网站根目录的地址"),
    Column("name", "string", "项目名称", "项目名称，照原文"),
    Column("department", "string", "主管部门", "主管部门或实施单位，照原文；未载明表示原文未写"),
    Column("region", "string", "地区", "项目所属地区"),
    Column("evaluation", "string", "评价类型", "单位自评、部门评价、财政评价或第三方评价"),
    Column("evaluator", "string", "评价机构", "实施评价的机构"),
    Column("published", "string", "公开日期", "评价结果的公开日期，照数据文件"),
    Column("series", "string", "系列标识", "同一项目跨年度的统一标识"),
    Column("sample", "boolean", "示例数据", "true 表示这是示例数据，并非真实项目"),
    Column("budget", "number", "全年预算数", "全年预算资金合计", "元"),
    Column("funded", "number", "实际到位资金", "实际到位资金合计", "元"),
    Column("spent", "number", "全年执行数", "全年执行资金合计", "元"),
    Column("balance", "number", "资金结余", "实际到位资金减全年执行数", "元"),
    Column("funding_rate", "number", "预算到位率", "实际到位 ÷ 全年预算 × 100，分母为 0 时为空", "%"),
    Column("execution_rate", "number", "预算执行率", "全年执行 ÷ 全年预算（或 ÷ 实际到位，见 rate_basis）× 100，分母为 0 时为空", "%"),
    Column("rate_basis", "string", "执行率口径", "budget：执行数/预算数；funded：执行数/到位数"),
    Column("total", "number", "计算总分", "perfsite 按评分规则重新计算的总分（各项四舍五入后之和）", "分"),
    Column("grade", "string", "计算等级", "计算总分对应的等级"),
    Column("reported_total", "number", "公布总分", "原文公布的总分", "分"),
    Column("reported_grade", "string", "公布等级", "原文公布的等级，照原文"),
    Column("discrepancies", "integer", "不一致数", "公布数字与计算结果相差超过 0.1 的处数"),
    Column("warnings", "integer", "提示数", "应补充说明的提示条数（如缺少偏差原因）"),
)
INDICATOR_COLUMNS = (
    Column("year", "integer", "评价年度", "评价所属年度"),
    Column("id", "string", "项目标识", "所属项目的标识（与年度一起引用 programmes）"),
    Column("seq", "integer", "序号", "指标在原表中的顺序，从 1 开始"),
    Column("level1", "string", "一级指标", "一级指标名称（已去掉分值小计）"),
    Column("level2", "string", "二级指标", "二级指标名称（已去掉分值小计）"),
    Column("name", "string", "三级指标", "三级指标名称"),
    Column("weight", "number", "权重", "指标分值", "分"),
    Column("target", "string", "目标值", "年度指标值，照原文"),
    Column("actual", "string", "实际值", "实际完成值，照原文"),
    Column("completion", "number", "计算完成率", "按评分规则计算的完成率（不封顶），无完成率时为空", "%"),
    Column("reported_completion", "string", "公布完成率", "原文的完成率，照原文"),
    Column("score", "number", "计算得分", "按评分规则计算并四舍五入到 2 位的得分；不适用时为空", "分"),
    Column("reported_score", "number", "公布得分", "原文公布的得分", "分"),
    Column("rule", "string", "评分规则", "ratio、judged、budget、deduct、shortfall、bands、reported 等"),
    Column("applicable", "boolean", "是否适用", "false 表示不适用，不计入总分"),
    Column("status", "string", "核对结果", "match 一致、rounding 舍入差异、discrepancy 不一致、computed 已计算、unverified 无法核验、not_recomputed 采用公布得分、not_applicable 不适用"),
    Column("remark", "string", "偏差原因", "偏差原因分析及改进措施，照原文"),
)
BUDGET_COLUMNS = (
    Column("year", "integer", "评价年度", "评价所属年度"),
    Column("id", "string", "项目标识", "所属项目的标识（与年度一起引用 programmes）"),
    Column("row", "string", "行", "initial 年初预算、budget 全年预算、funded 实际到位、spent 全年执行、balance 资金结余、funding_rate 到位率、execution_rate 执行率"),
    Column("row_label", "string", "行名称", "行的中文名称"),
    Column("column", "string", "列", "total 年度总金额、subtotal 财政资金小计、central 中央级、provincial 省级、municipal 市级、county 县区级、carryover 上年结转、other 其他资金"),
    Column("column_label", "string", "列名称", "列的中文名称"),
    Column("amount", "number", "金额", "金额行的数值；比率行为空", "元"),
    Column("rate", "number", "比率", "比率行的百分数；金额行为空，分母为 0 时为空", "%"),
)


def _money(value: Decimal | None, unit: str) -> str:
    return "" if value is None else f"{fmt2(value * YUAN_PER.get(unit, Decimal(1)))}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def programme_row(sp: ScoredProgramme) -> dict[str, str]:
    p = sp.programme
    unit = p.budget.unit if p.budget else "万元"
    fig = sp.budget.figure if sp.budget else (lambda _key: None)
    row = {
        "year": p.year, "id": p.id, "url": p.url, "name": p.name, "department": p.department,
        "region": p.region, "evaluation": p.evaluation, "evaluator": p.evaluator, "published": p.published,
        "series": p.series, "sample": p.sample,
        "budget": _money(fig("budget"), unit), "funded": _money(fig("funded"), unit),
        "spent": _money(fig("spent"), unit), "balance": _money(fig("balance"), unit),
        "funding_rate": fmt2(fig("funding_rate")), "execution_rate": fmt2(fig("execution_rate")),
        "rate_basis": str(p.budget.rate_basis) if p.budget else "",
        "total": fmt2(sp.total), "grade": sp.grade, "reported_total": fmt2(p.reported_score),
        "reported_grade": p.reported_grade,
        "discrepancies": len(sp.of(Severity.DISCREPANCY)), "warnings": len(sp.of(Severity.WARNING)),
    }
    return {k: _text(v) for k, v in row.items()}


def indicator_rows(sp: ScoredProgramme) -> list[dict[str, str]]:
    p = sp.programme
    rows = []
    for seq, s in enumerate(sp.indicators, start=1):
        ind = s.indicator
        row = {
            "year": p.year, "id": p.id, "seq": seq, "level1": ind.level1, "level2": ind.level2,
            "name": ind.name, "weight": fmt2(ind.weight), "target": ind.target, "actual": ind.actual,
            "completion": fmt2(s.outcome.completion), "reported_completion": ind.completion,
            "score": fmt2(s.score), "reported_score": fmt2(ind.score), "rule": str(s.outcome.rule),
            "applicable": ind.applicable, "status": s.status, "remark": ind.remark,
        }
        rows.append({k: _text(v) for k, v in row.items()})
    return rows


LABELS = {r.value: BUDGET_ROW_LABEL[r][0] for r in BudgetRow} | DERIVED_ROWS
"""Row key → its Chinese name, in the official table's order (derived rows last)."""


def budget_rows(sp: ScoredProgramme) -> list[dict[str, str]]:
    if sp.budget is None or sp.programme.budget is None:
        return []
    p, unit, cells = sp.programme, sp.programme.budget.unit, sp.budget.cells
    year = str(p.year)
    with_money = {c for c in COLUMNS if any(cells[r][c] is not None for r in ("budget", "funded", "spent"))}
    rows = []
    for row_key, label in LABELS.items():
        is_rate = row_key in RATE_ROWS
        values = cells[row_key]
        for column in COLUMNS:
            value = values[column]
            if value is None and not (is_rate and column in with_money):
                continue
            rows.append({
                "year": year, "id": p.id, "row": row_key, "row_label": label, "column": column,
                "column_label": COLUMN_LABEL[column],
                "amount": "" if is_rate else _money(value, unit), "rate": _text(fmt2(value)) if is_rate else "",
            })
    return rows
