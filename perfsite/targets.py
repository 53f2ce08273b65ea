"""The 项目支出绩效目标表 (ex ante targets, 财预〔2021〕101号 columns): model, reading, consistency.

A target table is published with the budget, before the year; the same programme's 自评 of that
year (same year and id) is later compared with it (perfsite.targets_compare). Nothing here is
scored: what can be checked is the form's own arithmetic (资金总额 = 财政拨款 + 其他资金; the
weights, where the form gives them, add up to its total) and that every 指标值 can be read in
the way its 指标性质 says.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfsite.budget import UNITS, derived_warning
from perfsite.decimals import HUNDRED, plain
from perfsite.indicator_paths import check_renames_name_rows, read_renames
from perfsite.kinds import DocumentKind
from perfsite.model import DocumentHead, Rename
from perfsite.problems import Problems, Severity
from perfsite.reader import cell_field, csv_beside, read_head, split_subtotal
from perfsite.rules import weight_places_warning
from perfsite.schema import (
    DOCUMENT_KEYS,
    INDICATORS_NOT_LIST,
    check_keys,
    mapping_rows,
    not_an_indicator,
    number_field,
    read_flag,
    shown,
    text_field,
)
from perfsite.values import (
    Comparator,
    Figure,
    Kind,
    comparator_word,
    minus_hint,
    parse_figure,
    split_comparator,
    target_value,
)

TARGET_TABLE_KEYS = (
    "name", "year", "department", "department_code", "id", "series", "region", "implementer",
    "attribute", "period", "funds", "midterm_goal", "annual_goal", "weight_total", "indicators",
    "midterm_indicators", "source", "sample", *(key for key in DOCUMENT_KEYS if key != "kind"), "kind",
)
TARGET_REQUIRED = ("name", "year", "department", "indicators")
TARGET_INDICATOR_KEYS = (
    "level1", "level2", "name", "nature", "target", "unit", "weight", "explanation", "basis",
    "data_source", "core",
)
FUNDS_KEYS = ("unit", "total", "fiscal", "other")

ATTRIBUTES = {"新增": "新增", "新增项目": "新增", "延续": "延续", "延续项目": "延续", "延续性": "延续"}
"""项目属性 as the form has it (新增/延续) and the longer ways it is written."""

QUALITATIVE = "定性"
"""指标性质 of a target stated in words (符合要求, 明显改善): compared as text, never as a number."""

MIDTERM = "midterm_indicators"
"""The key of the 中期 indicator set (same rows as `indicators`)."""

SET_LABEL = {"indicators": "年度", MIDTERM: "中期"}
"""Each indicator set's name as the form and every output call it."""

DEFAULT_WEIGHT_TOTAL = HUNDRED
"""What the weights add up to when the form gives weights and does not say otherwise."""

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class TargetIndicator:
    """One row of the 绩效指标 part of the form."""

    level1: str
    level2: str
    name: str
    comparator: Comparator | None
    """指标性质: ≥ > ≤ < =, or None for 定性."""
    target: str
    """指标值 as published (with its sign and unit when written in the cell)."""
    unit: str = ""
    """度量单位 as published."""
    figures: tuple[Figure, ...] = ()
    """指标值 read with its 度量单位 (万 multiplied out, 倍 as %); empty for 定性."""
    weight: Decimal | None = None
    explanation: str = ""
    """指标解释."""
    basis: str = ""
    """设定依据 (计划标准, 行业标准, 历史标准 …)."""
    data_source: str = ""
    """数据来源."""
    core: bool = False
    """核心指标."""
    line: int | None = None
    path: tuple[object, ...] = ()
    inferred: bool = False
    """指标性质 written neither in its column nor as a sign in the cell: a bare number the reader
    takes as ≥ (docs/data-format.md). The form never printed that sign, so outputs publish the
    指标值 as written and show the comparison apart, marked as the site's reading."""

    @property
    def nature(self) -> str:
        return QUALITATIVE if self.comparator is None else str(self.comparator)


@dataclass(frozen=True)
class Funds:
    """年度资金总额 and its two parts, in `unit`; None where the form leaves a cell empty."""

    unit: str = "万元"
    total: Decimal | None = None
    fiscal: Decimal | None = None
    """其中：财政拨款."""
    other: Decimal | None = None
    """其中：其他资金."""

    @property
    def computed_total(self) -> Decimal | None:
        """财政拨款 + 其他资金 when both are given (an empty part is not 0)."""
        if self.fiscal is None or self.other is None:
            return None
        return self.fiscal + self.other


@dataclass
class TargetTable(DocumentHead):
    """One programme-year's 绩效目标表, as published."""

    department_code: str = ""
    implementer: str = ""
    """实施单位."""
    attribute: str = ""
    """项目属性: 新增 or 延续."""
    period: str = ""
    """起止年限 as written (2021-2023)."""
    period_years: tuple[int, int] | None = None
    funds: Funds | None = None
    midterm_goal: str = ""
    annual_goal: str = ""
    weight_total: Decimal | None = None
    """The form's declared total of weights (None: DEFAULT_WEIGHT_TOTAL when weights are given)."""
    indicators: list[TargetIndicator] = field(default_factory=list)
    """The 年度 set: this year's targets, the ones a 自评 is compared with."""
    midterm_indicators: list[TargetIndicator] = field(default_factory=list)
    """The 中期 set of a multi-year programme (targets for the whole 起止年限), published beside
    the 年度 set; empty for a one-year programme. Never compared with a 自评: a 自评 reports a year."""
    renamed: tuple[Rename, ...] = ()
    kind: DocumentKind = DocumentKind.TARGETS

    @property
    def weights(self) -> Decimal | None:
        """Sum of the weights given; None when the form gives none."""
        given = [i.weight for i in self.indicators if i.weight is not None]
        return sum(given, Decimal(0)) if given else None


def targets_of(data: dict, path: Path, file: str, problems: Problems, year: int, ident: str) -> TargetTable:
    """Validate a loaded 绩效目标表 (the caller has read `kind`, `year` and `id`)."""
    check_keys(data, TARGET_TABLE_KEYS, (), problems, TARGET_REQUIRED)
    table = TargetTable(id=ident, year=year, name=text_field(data, "name", (), problems),
                        department=text_field(data, "department", (), problems), path=path, file=file)
    read_head(table, data, problems)
    for key in ("department_code", "implementer", "midterm_goal", "annual_goal"):
        setattr(table, key, text_field(data, key, (), problems))
    table.attribute = _attribute(data, problems)
    table.period, table.period_years = _period(data, year, problems)
    if data.get("funds") is not None:
        table.funds = _funds(data["funds"], problems)
    table.weight_total = number_field(data, "weight_total", (), problems, what="数字（权重合计）",
                                      allow_negative=False)
    table.indicators = read_target_indicators(data.get("indicators"), problems)
    if data.get("midterm_indicators") is not None:
        table.midterm_indicators = read_target_indicators(data["midterm_indicators"], problems, MIDTERM)
        if table.midterm_indicators and not table.period:
            problems.warning((MIDTERM,), "有中期指标，但没有写 period（起止年限）：读者看不出中期指标管到哪一年，请照原表补上")
    table.renamed = read_renames(data.get("renamed"), problems)
    check_renames_name_rows(table.renamed, ((i.level1, i.level2, i.name) for i in table.indicators), problems)
    beside = csv_beside(path)
    if os.path.lexists(beside):  # a link to nothing too: one lstat
        problems.error(("indicators",), f"绩效目标表的指标只能写在 YAML 的 indicators 中，旁边的 {beside.name} 不会被读取：请删去它")
    check_weights(table, problems)
    return table


def _attribute(data: dict, problems: Problems) -> str:
    written = text_field(data, "attribute", (), problems)
    if not written:
        return ""
    attribute = ATTRIBUTES.get(written)
    if attribute is None:
        problems.error(("attribute",), f"attribute（项目属性）只能是 新增 或 延续，而不是「{shown(written)}」")
    return attribute or ""


def _period(data: dict, year: int, problems: Problems) -> tuple[str, tuple[int, int] | None]:
    """起止年限: one year or two (2021-2023, 2021年至2023年); the table's year must lie within."""
    written = text_field(data, "period", (), problems)
    if not written:
        return "", None
    years = [int(y) for y in _YEAR.findall(written)]
    if not 1 <= len(years) <= 2 or any(not 1990 <= y <= 2200 for y in years):
        problems.error(("period",), f"period（起止年限）应写成 2021-2023 或 2022，而不是「{shown(written)}」")
        return written, None
    start, end = years[0], years[-1]
    if start > end:
        problems.error(("period",), f"起止年限 {written} 的起始年份晚于结束年份")
        return written, None
    if year and not start <= year <= end:
        problems.warning(("period",), f"起止年限 {written} 不包括本表的年度 {year}")
    return written, (start, end)


def _funds(raw: object, problems: Problems) -> Funds | None:
    path = ("funds",)
    if not isinstance(raw, dict):
        problems.error(path, "funds（资金总额）应是键值映射，例如 {unit: 万元, total: 100, fiscal: 80, other: 20}")
        return None
    check_keys(raw, FUNDS_KEYS, path, problems)
    unit = text_field(raw, "unit", path, problems) or UNITS[0]
    if unit not in UNITS:
        problems.error((*path, "unit"), f"金额单位只能是 {' 或 '.join(UNITS)}，而不是「{shown(unit)}」")
        unit = UNITS[0]
    funds = Funds(unit, *(number_field(raw, key, path, problems, what="金额", allow_negative=False)
                          for key in ("total", "fiscal", "other")))
    computed = funds.computed_total
    if computed != funds.total and (digits := derived_warning(computed, "资金总额（财政拨款 + 其他资金）",
                                                              (funds.fiscal, funds.other))) is not None:
        problems.warning((*path, "total"), digits)
    if funds.total is not None and computed is not None and funds.total != computed:
        problems.add(Severity.DISCREPANCY, (*path, "total"),
                     f"资金总额不等于 财政拨款 {plain(funds.fiscal)} + 其他资金 {plain(funds.other)}",  # type: ignore[arg-type]
                     published=plain(funds.total), computed=plain(computed))
    return funds


def read_target_indicators(raw: object, problems: Problems, key: str = "indicators") -> list[TargetIndicator]:
    """The 绩效指标 rows under `key` of any target table (a programme's or a department's): the
    年度 set, or the 中期 set (MIDTERM, which may be an empty list: the form has none)."""
    if raw is None:
        return []  # check_keys reported the missing key
    not_list = INDICATORS_NOT_LIST if key == "indicators" else f"{key}（中期指标）应是指标列表（每项以 - 开头）"
    return [_indicator(row, path, problems)
            for path, row in mapping_rows(raw, key, problems, not_list, not_an_indicator, key != "indicators")]


_NATURE_WORDS = {QUALITATIVE: None, "定性指标": None}


def _indicator(row: dict, path: tuple[object, ...], problems: Problems) -> TargetIndicator:
    check_keys(row, TARGET_INDICATOR_KEYS, path, problems, ("name", "target"))
    target = cell_field(row, "target", path, problems)
    unit = text_field(row, "unit", path, problems)
    comparator, figures, inferred = _reading(row, target, unit, path, problems)
    weight = number_field(row, "weight", path, problems, what="数字（权重）", allow_negative=False)
    places = weight_places_warning(weight) if weight is not None else None
    if places:
        problems.warning((*path, "weight"), places)
    return TargetIndicator(
        level1=split_subtotal(text_field(row, "level1", path, problems))[0],
        level2=split_subtotal(text_field(row, "level2", path, problems))[0],
        name=text_field(row, "name", path, problems), comparator=comparator, target=target, unit=unit,
        figures=figures, weight=weight, explanation=text_field(row, "explanation", path, problems),
        basis=text_field(row, "basis", path, problems), data_source=text_field(row, "data_source", path, problems),
        core=read_flag(row, "core", path, problems), line=problems.line_of(path), path=path, inferred=inferred,
    )


def _reading(row: dict, target: str, unit: str, path: tuple[object, ...],
             problems: Problems) -> tuple[Comparator | None, tuple[Figure, ...], bool]:
    """指标性质, the figures of 指标值 in 度量单位, and whether the sign was inferred
    (TargetIndicator.inferred). Without a 指标性质 the cell says it, as in a 自评表: a sign (none
    is ≥) and a number, or words (定性)."""
    value = target_value(target)
    written = text_field(row, "nature", path, problems)
    if value.is_missing:
        if row.get("target") is not None:
            problems.error((*path, "target"), f"指标值不能空着（「{shown(target)}」）：定性指标请写出目标的文字")
        return None, (), False
    if written:
        if written in _NATURE_WORDS:
            if value.is_number:
                problems.warning((*path, "nature"), f"指标性质是 定性，指标值却是数字「{shown(target)}」：与自评比较时只按文字比较，"
                                 "看不出目标是否调低；如是定量指标，请照原表写 ≥、≤ 或 =")
            return None, (), False
        comparator = comparator_word(written)
        if comparator is None:
            problems.error((*path, "nature"), f"nature（指标性质）只能是 ≥、≤、=、＞、＜ 或 定性，而不是「{shown(written)}」")
            return None, (), False
        if not value.is_number:
            problems.error((*path, "target"), f"指标性质是 {comparator}，指标值却不是数字（「{shown(target)}」）"
                           + (minus_hint(target) or "：请写出数字，或把指标性质改为 定性"))
            return comparator, (), False
        signed, _ = split_comparator(target)
        if signed is not None and signed.direction != comparator.direction:
            problems.error((*path, "target"), f"指标性质是 {comparator}，指标值却写作「{shown(target)}」：两者方向相反，请改正其一")
    else:
        if value.kind is Kind.TEXT:
            return None, (), False
        comparator = value.comparator
    inferred = not written and split_comparator(target)[0] is None
    return comparator, _with_unit(value.figures, unit, path, problems), inferred


def _with_unit(figures: tuple[Figure, ...], unit: str, path: tuple[object, ...],
               problems: Problems) -> tuple[Figure, ...]:
    """Figures in 度量单位: a bare number takes it (万 multiplied out), one written with a unit must agree."""
    if not unit:
        return figures
    scale = parse_figure(f"1{unit}")
    if scale is None:  # a unit the reader cannot take apart (万元/人·年): kept as written
        return tuple(Figure(f.amount, unit) if not f.unit else f for f in figures)
    result = []
    for figure in figures:
        if not figure.unit:
            figure = Figure(figure.amount * scale.amount, scale.unit)
        elif figure.unit != scale.unit:
            problems.error((*path, "unit"), f"指标值「{figure.show()}」的单位与度量单位「{shown(unit)}」不一致：请改正其一")
        result.append(figure)
    return tuple(result)


def check_weights(table: TargetTable, problems: Problems) -> None:
    """Weights are optional on the form; given for some rows of a set, they must be given for all
    of that set, and add up to the form's total (the 中期 set's as the 年度 set's: one form, one total)."""
    expected = table.weight_total if table.weight_total is not None else DEFAULT_WEIGHT_TOTAL
    given_any = False
    for key, rows in (("indicators", table.indicators), (MIDTERM, table.midterm_indicators)):
        given = [i for i in rows if i.weight is not None]
        if not given:
            continue
        given_any = True
        for indicator in rows:
            if indicator.weight is None:
                problems.error(indicator.path, f"其他{'' if key == 'indicators' else '中期'}指标都有权重，此指标缺少权重（weight）")
        total = sum((i.weight for i in given), Decimal(0))  # type: ignore[misc]
        if len(given) == len(rows) and total != expected:
            where = ("weight_total",) if table.weight_total is not None and key == "indicators" else (key,)
            what = "各指标" if key == "indicators" else "各中期指标"
            problems.error(where, f"{what}权重之和为 {plain(total)}，不等于 {plain(expected)}"
                           + ("" if table.weight_total is not None else
                              "（原表的权重合计不是 100 时，请写 weight_total，如 weight_total: 90）"))
    if not given_any and table.weight_total is not None:
        problems.error(("weight_total",), "写了 weight_total（权重合计），但没有一个指标写了权重")
