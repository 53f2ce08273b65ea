"""The scoring rules of the data contract: read a `rule:` and apply it to one indicator.

Every function here is pure: values in, an `Outcome` out (score unrounded-then-rounded, the
completion, a plain-language working a citizen can follow, and any findings).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from perfsite.budget import DerivedBudget
from perfsite.decimals import HUNDRED, ZERO, floor2, parse_decimal, plain, q2, range_hint
from perfsite.model import RULE_LABEL, Indicator, Rule, RuleType
from perfsite.problems import Problems, Severity
from perfsite.schema import shown, suggest, type_name
from perfsite.siteconfig import SiteConfig, share
from perfsite.unit_readings import ABSURD_COMPLETION, Reading, bare_side, measure_align, readings
from perfsite.values import (
    FULL_SHARE,
    PERCENT,
    Comparator,
    Figure,
    Kind,
    UnitMismatch,
    Value,
    align,
    cell_text,
    minus_hint,
    normalise_text,
    note_problem,
    one_sided,
    parse_figure,
    parse_value,
    range_ends,
    split_comparator,
    writes_figure,
    written_target,
)

RULE_PARAMS: dict[RuleType, tuple[str, ...]] = {
    RuleType.AUTO: (),
    RuleType.RATIO: ("floor", "reverse"),
    RuleType.JUDGED: ("achievement", "level"),
    RuleType.BUDGET: ("rate", "floor"),
    RuleType.DEDUCT: ("per", "count", "items"),
    RuleType.SHORTFALL: ("step", "per", "zero_below"),
    RuleType.BANDS: ("bands",),
    RuleType.REPORTED: (),
}
BUDGET_RATES = {"执行率": "execution_rate", "预算执行率": "execution_rate", "execution": "execution_rate",
                "到位率": "funding_rate", "资金到位率": "funding_rate", "预算到位率": "funding_rate",
                "funding": "funding_rate"}
ACHIEVED = "达成"
RATE_LABEL = {"execution_rate": "预算执行率", "funding_rate": "资金到位率"}
ONE = Decimal(1)
_RULE_TYPES = {t.value: t for t in RuleType}
"""Rule name → type, in the contract's order (listed in messages); built once, not per indicator."""


# --------------------------------------------------------------------------- reading a rule

def read_rule(raw: object, path: tuple[object, ...], problems: Problems, site: SiteConfig) -> Rule:
    """Validate `rule:` (a name or a mapping with `type`) into typed parameters."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Rule()
    names = list(_RULE_TYPES)
    if isinstance(raw, str):
        name, params = raw.strip(), {}
    elif isinstance(raw, dict):
        name, params = str(raw.get("type", "")).strip(), {k: v for k, v in raw.items() if k != "type"}
        if not name:
            problems.error(path, f"rule 缺少 type（可用：{', '.join(names)}）")
            return Rule(RuleType.REPORTED, {"invalid": True})
    else:
        problems.error(path, f"rule 应是规则名或映射，而不是{type_name(raw)}")
        return Rule(RuleType.REPORTED, {"invalid": True})
    if name not in names:
        problems.error(path, f"未知的评分规则 {name}{suggest(name, names)}（可用：{', '.join(names)}）")
        return Rule(RuleType.REPORTED, {"invalid": True})
    kind = _RULE_TYPES[name]
    allowed = RULE_PARAMS[kind]
    for key in params:
        if key not in allowed:
            hint = suggest(str(key), allowed)
            problems.error((*path, key), f"规则 {name} 没有参数 {key}{hint}"
                           + (f"（可用：{', '.join(allowed)}）" if allowed else "（此规则不需要参数）"))
    reader = _READERS.get(kind)
    if reader is None:
        return Rule(kind, {})
    before = len(problems.items)
    read = reader(params, path, problems, site)
    if any(p.severity is Severity.ERROR for p in problems.items[before:]):
        # a rule with a wrong parameter (step 0, a negative per) is never applied: the error
        # stands and nothing is computed from a degenerate value
        return Rule(kind, {"invalid": True})
    return Rule(kind, read)


def _share_param(params: dict, key: str, path: tuple, problems: Problems) -> Decimal | None:
    if params.get(key) is None:
        return None
    value = share(params[key])
    if value is None or value < 0:
        problems.error((*path, key), f"{key} 应是百分比，例如 75%，而不是「{shown(params[key])}」{range_hint(params[key])}")
    return value


def _number_param(params: dict, key: str, path: tuple, problems: Problems, required: bool = True) -> Decimal | None:
    if params.get(key) is None:
        if required:
            problems.error(path, f"规则缺少参数 {key}")
        return None
    value = parse_decimal(params[key])
    if value is None or value < 0:
        problems.error((*path, key), f"{key} 应是不小于 0 的数字，而不是「{shown(params[key])}」{range_hint(params[key])}")
    return value


def _figure_param(params: dict, key: str, path: tuple, problems: Problems, required: bool = True) -> Figure | None:
    raw = params.get(key)
    if raw is None:
        if required:
            problems.error(path, f"规则缺少参数 {key}")
        return None
    number = parse_decimal(raw)
    figure = Figure(number, "") if number is not None else parse_figure(str(raw).strip())
    if figure is None:
        problems.error((*path, key), f"{key} 应是一个数（可带单位，如 1万家次、90%），而不是「{shown(raw)}」{range_hint(raw)}")
    return figure


def _read_ratio(params: dict, path: tuple, problems: Problems, site: SiteConfig) -> dict:
    reverse = params.get("reverse")
    if reverse is not None and reverse != "linear":
        problems.error((*path, "reverse"), f"reverse 只能是 linear，而不是「{shown(reverse)}」")
    return {"floor": _share_param(params, "floor", path, problems), "reverse": reverse == "linear"}


def _read_judged(params: dict, path: tuple, problems: Problems, site: SiteConfig) -> dict:
    achievement = _share_param(params, "achievement", path, problems)
    level_raw = params.get("level")
    level = site.level(str(level_raw)) if level_raw is not None else None
    if level_raw is not None and level is None:
        problems.error((*path, "level"), f"未知的定性等级「{level_raw}」（可用：{', '.join(site.judged_levels)}）")
    if achievement is None and level_raw is None:
        problems.error(path, "judged 规则需要 achievement（完成程度，如 95%）或 level（达成/部分达成/未达成）")
    if achievement is not None and level_raw is not None:
        problems.error(path, "judged 规则只能给 achievement 或 level 其中之一")
    if achievement is not None and achievement > 1:
        problems.error((*path, "achievement"), "achievement 不能超过 100%")
    return {"achievement": achievement, "level": level}


def _read_budget_rule(params: dict, path: tuple, problems: Problems, site: SiteConfig) -> dict:
    raw = str(params.get("rate") or "执行率").strip()
    rate = BUDGET_RATES.get(raw)
    if rate is None:
        problems.error((*path, "rate"), f"rate 只能是 执行率 或 到位率，而不是「{shown(raw)}」")
        rate = "execution_rate"
    return {"rate": rate, "floor": _share_param(params, "floor", path, problems)}


def _read_deduct(params: dict, path: tuple, problems: Problems, site: SiteConfig) -> dict:
    items = []
    if "items" in params:
        if "per" in params or "count" in params:
            problems.error(path, "deduct 规则写 per/count 或 items，不要同时写")
        raw_items = params["items"]
        if not isinstance(raw_items, list) or not raw_items:
            problems.error((*path, "items"), "items 应是列表，例如 [{per: 0.5, count: 1}, {per: 1, count: 0}]")
            raw_items = []
        for index, item in enumerate(raw_items):
            item_path = (*path, "items", index)
            if not isinstance(item, dict):
                problems.error(item_path, "每一项写成 {per: 每处扣分, count: 处数}")
                continue
            items.append(_deduct_item(item, item_path, problems))
    else:
        items.append(_deduct_item(params, path, problems))
    return {"items": [i for i in items if i is not None]}


def _deduct_item(params: dict, path: tuple, problems: Problems) -> tuple[Decimal, Decimal] | None:
    per = _number_param(params, "per", path, problems)
    count = _number_param(params, "count", path, problems)
    if count is not None and count != count.to_integral_value():
        problems.error((*path, "count"), f"count 是发现问题的处数，应为整数，而不是 {count}")
    return (per, count) if per is not None and count is not None else None


def _read_shortfall(params: dict, path: tuple, problems: Problems, site: SiteConfig) -> dict:
    step = _figure_param(params, "step", path, problems)
    if step is not None and step.amount <= 0:
        problems.error((*path, "step"), "step 必须大于 0")
    return {"step": step, "per": _number_param(params, "per", path, problems),
            "zero_below": _figure_param(params, "zero_below", path, problems, required=False)}


def _read_bands(params: dict, path: tuple, problems: Problems, site: SiteConfig) -> dict:
    raw = params.get("bands")
    if not isinstance(raw, list) or not raw:
        problems.error((*path, "bands"), "bands 应是列表，例如 [{min: 90%, score: 8}, {min: 80%, score: 5}]")
        return {"bands": []}
    bands = []
    for index, item in enumerate(raw):
        item_path = (*path, "bands", index)
        if not isinstance(item, dict):
            problems.error(item_path, "每一档写成 {min: 下限, score: 得分}")
            continue
        low = _figure_param(item, "min", item_path, problems)
        score = _number_param(item, "score", item_path, problems)
        if low is not None and score is not None:
            bands.append((low, score))
    return {"bands": bands}


_READERS: dict[RuleType, Callable[[dict, tuple, Problems, SiteConfig], dict]] = {
    RuleType.RATIO: _read_ratio, RuleType.JUDGED: _read_judged, RuleType.BUDGET: _read_budget_rule,
    RuleType.DEDUCT: _read_deduct, RuleType.SHORTFALL: _read_shortfall, RuleType.BANDS: _read_bands,
}


# --------------------------------------------------------------------------- writing a rule back
# The inverse of the readers above, so a rule leaves the site (the indicator CSV's 规则 column)
# in a form `read_rule` reads back to an equal Rule: shares as percentages, figures with their
# unit, budget rates by their Chinese name. Tested as a round trip over generated rules.

WrittenRule = str | dict[str, object] | None
"""A rule as `rule:` would write it: nothing (auto), its name, or a mapping with `type`."""


def _percent(value: Decimal) -> str:
    return f"{plain(value * HUNDRED)}%"


def _figure(value: Figure) -> object:
    return value.amount if not value.unit else value.show()


def _write_ratio(params: dict) -> dict[str, object]:
    return ({"floor": _percent(params["floor"])} if params.get("floor") is not None else {}) | (
        {"reverse": "linear"} if params.get("reverse") else {})


def _write_judged(params: dict) -> dict[str, object]:
    if params.get("achievement") is not None:
        return {"achievement": _percent(params["achievement"])}
    return {"level": params["level"]}


def _write_budget(params: dict) -> dict[str, object]:
    floor = params.get("floor")
    word = next(w for w, rate in BUDGET_RATES.items() if rate == params["rate"])  # 执行率 or 到位率, as the contract writes them
    return {"rate": word} | ({"floor": _percent(floor)} if floor is not None else {})


def _write_deduct(params: dict) -> dict[str, object]:
    items = params["items"]
    if len(items) == 1:
        return {"per": items[0][0], "count": items[0][1]}
    return {"items": [{"per": per, "count": count} for per, count in items]}


def _write_shortfall(params: dict) -> dict[str, object]:
    below = params.get("zero_below")
    return {"step": _figure(params["step"]), "per": params["per"]} | (
        {"zero_below": _figure(below)} if below is not None else {})


def _write_bands(params: dict) -> dict[str, object]:
    return {"bands": [{"min": _figure(low), "score": score} for low, score in params["bands"]]}


_WRITERS: dict[RuleType, Callable[[dict], dict[str, object]]] = {
    RuleType.RATIO: _write_ratio, RuleType.JUDGED: _write_judged, RuleType.BUDGET: _write_budget,
    RuleType.DEDUCT: _write_deduct, RuleType.SHORTFALL: _write_shortfall, RuleType.BANDS: _write_bands,
}


def written_rule(rule: Rule) -> WrittenRule:
    """`rule` as a data file writes it. A rule refused when read (``invalid``) has an error that
    stops publishing, so only its name is given."""
    if rule.type is RuleType.AUTO:
        return None
    writer = _WRITERS.get(rule.type)
    params = {} if writer is None or rule.params.get("invalid") else writer(rule.params)
    return {"type": rule.type.value, **params} if params else rule.type.value


# --------------------------------------------------------------------------- applying a rule
# Figures in explanations are formatted with !s: for a Decimal, str() is exactly what format()
# gives, at a quarter of the cost, and every indicator writes several.

class Status(StrEnum):
    """An indicator's score as the page shows it: how it compares with the published score, or
    why it could not be compared (the `status` of the JSON twin and the indicators table)."""

    COMPUTED = "computed"
    """Computed by its rule; the original published no score to compare with."""
    UNVERIFIED = "unverified"
    NOT_RECOMPUTED = "not_recomputed"
    NOT_APPLICABLE = "not_applicable"
    MATCH = "match"
    """Published and computed differ by at most 0.01."""
    ROUNDING = "rounding"
    """By at most 0.1: a note."""
    DISCREPANCY = "discrepancy"
    """By more: shown on the page, fatal with --strict."""


@dataclass
class Outcome:
    """The result of scoring one indicator."""

    rule: RuleType
    score: Decimal | None = None
    completion: Decimal | None = None
    """Percent to 2 places, uncapped (105.26); None where the rule has no completion or it is 0/0."""
    explanation: str = ""
    status: Status = Status.COMPUTED
    findings: list[tuple[Severity, str, str, dict[str, str | None]]] = field(default_factory=list)
    """(severity, key, message, extra) — the caller locates them in the file."""
    unrounded: Decimal | None = None
    """The score before rounding to 2 places (capped to [0, weight]), where `score` is it rounded:
    what a score beside a published one with more places is written from (scoring.compared_text)."""
    met: bool | None = None
    """Whether the actual reached the target, read from the two cells (target_met) whatever the
    rule; None where they cannot tell (a qualitative target, units that differ)."""

    def fail(self, message: str, key: str = "rule") -> Outcome:
        self.findings.append((Severity.ERROR, key, message, {}))
        self.score = None
        return self

    @property
    def label(self) -> str:
        return RULE_LABEL[self.rule]


@dataclass(frozen=True)
class Context:
    site: SiteConfig
    budget: DerivedBudget | None


def apply_rule(indicator: Indicator, ctx: Context) -> Outcome:
    """Score one applicable indicator with its rule; the score is capped to [0, weight] and rounded.

    A weight with more than 2 places caps the rounded score at the weight cut to 2 places
    (contract: 权重的小数位), so a total never exceeds the sum of the weights by rounding."""
    rule = indicator.rule
    if rule.params.get("invalid"):
        return Outcome(RuleType.REPORTED, explanation="评分规则有误，未计算")
    outcome = _APPLY[rule.type](indicator, rule.params, ctx)
    weight = indicator.weight
    if outcome.score is not None and weight is not None:
        raw = outcome.score
        capped = min(max(raw, ZERO), weight)
        outcome.score = q2(capped)
        if outcome.score > weight:  # rounded up past a weight with more places: its 2-place floor
            outcome.score = floor2(weight)
        else:
            outcome.unrounded = capped
        if outcome.score != q2(raw) and raw > ZERO:
            # the working ends on the rule's figure (a band's 30, 33.335 × 100% = 33.34): it then
            # says the figure the cell shows, so the two never disagree
            outcome.explanation += (f"；超过权重 {plain(weight)}，计 {outcome.score!s} 分" if raw > weight else
                                    f"；权重 {plain(weight)} 超过两位小数，最多计 {outcome.score!s} 分")
            if raw > weight:
                outcome.findings.append((Severity.NOTE, "score",
                                         f"按规则得 {plain(raw)} 分，超过权重 {plain(weight)}，按 {outcome.score!s} 分计", {}))
    outcome.met = target_met(indicator)
    return outcome


def signed_actual(actual: Value) -> bool:
    """An actual written with a comparison sign (≥95%, often the target copied over): a bound,
    not a measurement, so it is never counted as reaching the target. A cell without one starts
    with a digit (the usual case, decided without reading the cell again)."""
    return actual.is_number and not actual.text[:1].isdigit() and split_comparator(actual.text)[0] is not None


def signed_actual_warning(indicator: Indicator) -> str | None:
    """The warning for an actual written with a comparison sign, or None."""
    if not signed_actual(parse_value(indicator.actual)):
        return None
    return (f"实际值「{shown(indicator.actual)}」带有比较符号，不是实际测得的数（多半是照抄了目标值）："
            "不计为达到目标；请填写实际完成的数")


def scored_target(target: Value) -> Value:
    """A target cell as scoring reads it: its number, or, for a range that bounds one side only
    (0-5% is ≤5%, 90%-100% is ≥90%: the contract's comparison table), that one-sided target."""
    if target.kind is not Kind.TEXT:
        return target
    sided = one_sided(target.text)
    if sided is None:
        return target
    return Value(target.text, Kind.NUMBER, sided[0], sided[1])


def target_met(indicator: Indicator) -> bool | None:
    """Whether the actual reached the target, from the two cells alone: every figure pair meets
    the target's sign, a strict one (＞100人, ＜5%) only beyond the figure (the contract's
    comparison section: equal to the figure does not reach ＞); None when the cells do not say
    (a text on either side, units that differ); False for an actual with a sign of its own."""
    return _cells_met(cell_text(indicator.target), cell_text(indicator.actual))


@lru_cache(maxsize=16_384)
def _cells_met(target_text: str, actual_text: str) -> bool | None:
    """target_met of two cells' texts. Remembered: the answer is the two texts' alone, and pairs
    (≥95% against 100%) recur in file after file; reading them again took 16% of scoring."""
    written, actual = written_target(target_text), parse_value(actual_text)
    if signed_actual(actual):
        return False
    target = scored_target(written)
    if not (target.is_number and actual.is_number):
        return None
    if written is not target and range_overflow(target, actual):
        return False
    met = {_met(read.target, read.actual) for read in readings(target, actual)}
    return met.pop() if len(met) == 1 else None  # a bare figure whose readings disagree: not said


def _met(target: Value, actual: Value) -> bool | None:
    pairs = _pairs(target, actual)
    if pairs is None:
        return None
    for t_fig, a_fig in pairs:
        try:
            t, a, _ = measure_align(t_fig, a_fig)
        except UnitMismatch:
            return None
        if not _reaches(target.comparator, t, a):
            return False
    return True


def range_overflow(target: Value, actual: Value) -> str | None:
    """For a share's range up to 100% (90%-100%, read as ≥90%), an actual above that top (300%):
    not a share a target of this kind can have, so it is flagged and never counted as met; the
    message, or None."""
    ends = range_ends(normalise_text(target.text))
    if ends is None or FULL_SHARE.get(ends[1].unit) != ends[1].amount:
        return None
    for figure in actual.figures:
        if figure.unit == ends[1].unit and figure.amount > ends[1].amount:
            return (f"实际值「{shown(actual.text)}」超出目标区间「{shown(target.text)}」的上限 {ends[1].show()}："
                    "不计为达到目标，请核实实际值")
    return None


def _reaches(comparator: Comparator, t: Decimal, a: Decimal) -> bool:
    if comparator is Comparator.GT:
        return a > t
    if comparator is Comparator.LT:
        return a < t
    if comparator.lower_is_better or (comparator is Comparator.EQ and t == 0):
        return a <= t
    return a >= t


def weight_places_warning(weight: Decimal) -> str | None:
    """The warning for a weight with more than 2 places (contract: 权重最多两位小数), or None."""
    if floor2(weight) == weight:
        return None
    return (f"权重 {plain(weight)} 超过两位小数：得分保留两位小数，最多计 {floor2(weight)!s} 分（不超过权重），"
            "以免各项得分四舍五入后总分超过权重之和；请按原表核实权重，最多写两位小数")


def _weight(indicator: Indicator) -> Decimal:
    return indicator.weight if indicator.weight is not None else ZERO


def _as_published(indicator: Indicator, rule: RuleType, why: str) -> Outcome:
    """Take the published score because nothing else is possible; the caller decides the severity."""
    return Outcome(rule, indicator.score, None, why, Status.UNVERIFIED)


def _auto(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    target, actual = written_target(indicator.target), parse_value(indicator.actual)
    if target.is_missing and actual.is_missing:
        if indicator.score is None:
            return Outcome(RuleType.AUTO).fail("目标值和实际值都未填写，也没有公布得分：无法评分，请补充数值或指定规则", "target")
        out = _as_published(indicator, RuleType.AUTO, "目标值和实际值均未给出，采用公布得分")
        out.findings.append((Severity.WARNING, "score", "目标值和实际值均未给出，得分无法核验，按公布得分计", {}))
        return out
    if target.is_number and actual.is_number:
        return _strict_edge(indicator, target, actual) or _ratio_values(indicator, target, actual, None, False)
    if target.kind is Kind.TEXT and actual.is_number:
        sided = scored_target(target)
        if sided.is_number:
            out = _strict_edge(indicator, sided, actual) or _ratio_values(indicator, sided, actual, None, False)
            out.explanation = f"目标「{target.text}」按 {sided.comparator.value}{sided.figures[0].show()} 计；" + out.explanation
            overflow = range_overflow(target, actual)
            if overflow:
                out.findings.append((Severity.WARNING, "actual", overflow, {}))
            return out
        if writes_figure(target.text):
            why = _note_why(target)
            return _not_recomputed(indicator, f"目标值「{shown(target.text)}」" + (
                f"{why}，不是能确切读出的目标" if why else "写有数字，却不是能确切读出的目标（如 ≥95%、0-5%、90%-100%）"))
    if target.kind is Kind.TEXT and actual.is_number and len(actual.figures) == 1 and actual.figures[0].unit == PERCENT:
        achievement = actual.figures[0].amount / HUNDRED
        out = _judged_share(indicator, achievement)
        out.explanation = f"定性目标「{target.text}」，完成程度 {actual.text}；" + out.explanation
        return out
    if target.kind is Kind.TEXT and actual.kind is Kind.TEXT and normalise_text(target.text) == normalise_text(actual.text):
        # 判为「达成」: the level's range bounds a published score; with none, full marks
        if indicator.score is not None and ACHIEVED in ctx.site.judged_levels:
            out = _judged(indicator, {"level": ACHIEVED}, ctx)
        else:
            out = _judged_share(indicator, Decimal(1))
        out.explanation = f"实际「{actual.text}」与目标一致，判为达成；" + out.explanation
        return out
    too_long = [(key, range_hint(v.text) or minus_hint(v.text)) for key, v in (("target", target), ("actual", actual))
                if not v.is_number]
    key, hint = next(((k, h) for k, h in too_long if h), ("", ""))
    if hint:  # a figure too long to be read as one, not a qualitative text
        return Outcome(RuleType.AUTO).fail(
            f"无法自动评分：目标值「{shown(target.text)}」、实际值「{shown(actual.text)}」{hint}", key)
    return Outcome(RuleType.AUTO).fail(
        f"无法自动评分：目标值「{target.text or '未填'}」、实际值「{actual.text or '未填'}」"
        "，请用 rule 说明评分方法（如 judged、deduct 或 reported）")


def _note_why(target: Value) -> str:
    """Why a target with a note is no number (「：目标的符号与括号中的说明矛盾（「含」）」), or nothing."""
    why = note_problem(target.text) if not target.is_number else None
    return f"：{why}" if why else ""


def _not_recomputed(indicator: Indicator, why: str) -> Outcome:
    """No exact reading of the contract's rules fits: the published score stands, marked as not
    recomputed with the reason (as `rule: reported`), never a score by another rule."""
    if indicator.score is None:
        return Outcome(RuleType.AUTO).fail(f"无法自动评分：{why}，也没有公布得分；请用 rule 说明评分方法（如 judged、bands 或 reported）",
                                           "target")
    out = Outcome(RuleType.REPORTED, indicator.score, None, f"{why}，无法按规则复算，采用公布得分，未重新计算",
                  Status.NOT_RECOMPUTED)
    out.findings.append((Severity.WARNING, "target", f"{why}：得分未重新计算，采用公布得分 {plain(indicator.score)}", {}))
    return out


def _strict_edge(indicator: Indicator, target: Value, actual: Value) -> Outcome | None:
    """An actual exactly at a strict target (＞100人 and 100人, ＜5% and 5%) has not reached it, yet
    the ratio gives it 100%: the contract has no rule for how far short that is, so the score is
    not recomputed. None for any other pair (the ratio applies)."""
    if target.comparator is not Comparator.GT and target.comparator is not Comparator.LT:
        return None
    pairs = _pairs(target, actual) or []
    for t_fig, a_fig in pairs:
        try:
            t, a, _ = align(t_fig, a_fig)
        except UnitMismatch:
            return None
        if t == a and t > 0:
            return _not_recomputed(
                indicator, f"实际值「{shown(actual.text)}」恰好等于目标「{shown(target.text)}」，未达到（须{'大于' if target.comparator is Comparator.GT else '小于'}该数）")
    return None


def _ratio(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    target, actual = scored_target(written_target(indicator.target)), parse_value(indicator.actual)
    if not (target.is_number and actual.is_number):
        return Outcome(RuleType.RATIO).fail(
            f"比率法需要数字的目标值和实际值（目标「{target.text or '未填'}」，实际「{actual.text or '未填'}」）{_note_why(target)}")
    return _strict_edge(indicator, target, actual) or _ratio_values(
        indicator, target, actual, params.get("floor"), bool(params.get("reverse")))


def _pairs(target: Value, actual: Value) -> list[tuple[Figure, Figure]] | None:
    if len(target.figures) == len(actual.figures):
        return list(zip(target.figures, actual.figures, strict=True))
    if len(target.figures) == 1:
        return [(target.figures[0], a) for a in actual.figures]
    return None


def _ratio_values(indicator: Indicator, target: Value, actual: Value, floor: Decimal | None,
                  reverse: bool, rule: RuleType = RuleType.RATIO, guess: bool = True) -> Outcome:
    """比率法 over one or several figures: the lowest completion counts. `guess`: a cell without a
    unit is read each way it can be (_bare_readings); False for one of those readings."""
    if guess and bare_side(target, actual) is not None:
        return _bare_readings(indicator, target, actual, floor, reverse, rule)
    pairs = _pairs(target, actual)
    if pairs is None:
        return Outcome(rule).fail(f"目标值有 {len(target.figures)} 个数、实际值有 {len(actual.figures)} 个数，无法逐一对应", "actual")
    weight = _weight(indicator)
    worst: tuple[Decimal, Decimal | None, str] | None = None
    for t_fig, a_fig in pairs:
        try:
            t, a, unit = measure_align(t_fig, a_fig)
        except UnitMismatch as exc:
            return Outcome(rule).fail(str(exc), "actual")
        shown = _as_written(target.text, actual.text, t_fig, a_fig, unit) \
            if len(pairs) == 1 and len(target.figures) == 1 else None
        found = _completion(target.comparator, t, a, unit, reverse, shown)
        if worst is None or found[0] < worst[0]:
            worst = found
    assert worst is not None
    met, completion, working = worst
    parts = [working]
    if floor is not None and met < floor:
        score = ZERO
        parts.append(f"低于 {plain(floor * HUNDRED)}% 的下限，得 0 分")
    else:
        capped = min(max(met, ZERO), ONE)
        score = weight * capped
        parts.append(_product(weight, capped, score))
    if len(pairs) > 1:
        parts.insert(0, f"{len(pairs)} 个数值逐一比较，取最低完成率")
    return Outcome(rule, score, q2(completion * HUNDRED) if completion is not None else None, "；".join(parts))


def _bare_readings(indicator: Indicator, target: Value, actual: Value, floor: Decimal | None,
                   reverse: bool, rule: RuleType) -> Outcome:
    """比率法 where one cell writes no unit (``≥10`` against ``5万人次``, ``≥0.95`` against ``50%``):
    scored under each reading the comparison with the 绩效目标表 takes (unit_readings.readings).
    Where they give different scores, the published score stands, not recomputed, with a warning
    naming both: full marks by one guess (10人次: 500000%) would publish 达到目标 for a programme
    that reached half of 10万人次. Where they agree, that score, with the completion of the first
    reading that gives a plausible one: a bare 90 beside ≤90万元 is first read as 90元 (the other's
    unit, its 万 left out: 1000000%), then as 90万元 (100%), and the page shows 100%. A completion above
    1000% that every reading gives is a warning (a 万 or % most likely dropped: ≥1.2 beside 6000人次)."""
    found = readings(target, actual)
    outcomes = [_ratio_values(indicator, r.target, r.actual, floor, reverse, rule, guess=False) for r in found]
    first = outcomes[0]
    weight = _weight(indicator)
    scores = [q2(min(max(o.score, ZERO), weight)) if o.score is not None else None for o in outcomes]
    side = bare_side(target, actual)
    field_, cell = ("目标值", target.text) if side == "target" else ("实际值", actual.text)
    if None not in scores and len(set(scores)) > 1:
        ways = " 或 ".join(f"{r.shown}（得 {score!s} 分）" for r, score in zip(found, scores, strict=True))
        why = f"{field_}「{shown(cell)}」没有写单位，可读作 {ways}，得分不同"
        key = "target" if side == "target" else "actual"
        if indicator.score is None:
            return Outcome(rule).fail(f"{why}，也没有公布得分：请写明单位（与绩效目标表一致）", key)
        out = Outcome(rule, indicator.score, None, f"{why}，无法按规则复算，采用公布得分，未重新计算",
                      Status.NOT_RECOMPUTED)
        out.findings.append((Severity.WARNING, key, f"{why}：得分未重新计算，采用公布得分 {plain(indicator.score)}；"
                             "请写明单位（与绩效目标表一致）", {}))
        return out
    absurd = [o.completion is not None and o.completion > ABSURD_COMPLETION * HUNDRED for o in outcomes]
    sane = next((n for n in range(1, len(outcomes)) if not absurd[n]), None) if None not in scores else None
    if absurd[0] and sane is not None:
        read = outcomes[sane]
        read.explanation = f"{field_}「{shown(cell)}」没有写单位，读作 {found[sane].shown}；{read.explanation}"
        return read
    if absurd[0]:
        first.findings.append((Severity.WARNING, "target" if side == "target" else "actual",
                               f"{field_}「{shown(cell)}」没有写单位，{_absurd_readings(found, all(absurd), first)}："
                               "多半漏写了单位（如“万”或“%”），请核实", {}))
    return first


def _absurd_readings(found: list[Reading], every: bool, first: Outcome) -> str:
    """How a bare figure whose first reading gives a completion above 1000% was read, naming each
    reading's unit as used: beside ≤90万元 a bare 0.5 is 0.5元 (the 万 left out) or 0.5万元, and
    「按另一边的单位读作 0.5元」 named a unit the other side does not write. `every`: each reading does."""
    if len(found) == 1:
        return f"按另一边的单位读作 {found[0].shown}，完成率 {first.completion!s}%"
    if not every:
        return f"读作 {found[0].shown}，完成率 {first.completion!s}%"
    return (f"读作 {' 或 '.join(r.shown for r in found)}，完成率都在 {plain(ABSURD_COMPLETION * HUNDRED)}% 以上"
            f"（按 {found[0].shown} 计算为 {first.completion!s}%）")


@lru_cache(maxsize=16_384)
def _as_written(target: str, actual: str, t_fig: Figure, a_fig: Figure, unit: str) -> tuple[str | None, str | None]:
    """A pair of one-figure cells' figures as the reader reads them in the table (5万, not
    50000): each cell without its sign, when that is its figure and nothing else, with the unit
    a bare number took from the other side; None for a cell that says more (the working then
    prints the figure). Remembered: the same pairs (≥95% against 100%) recur in file after file,
    and reading them again cost 1.6 µs an indicator, a quarter of scoring it (process time,
    12,000 ratio indicators, best of 7)."""
    return _written(target, t_fig, unit), _written(actual, a_fig, unit)


def _written(text: str, figure: Figure, unit: str) -> str | None:
    written = split_comparator(text)[1]
    if parse_value(written).figures != (figure,):
        return None
    return written if figure.unit or not unit else f"{written}{unit}"


def _completion(comparator: Comparator, t: Decimal, a: Decimal, unit: str, reverse: bool,
                shown: tuple[str | None, str | None] | None = None) -> tuple[Decimal, Decimal | None, str]:
    """(share met for scoring, completion shown or None, working) for one pair of figures;
    `shown`: the two as their cells print them (_as_written), where they can be.

    A ratio only means something against a positive target; against 0 or a negative target
    (降幅不超过5% written ≥-5%) the target is simply met (full marks) or not (0).
    """
    t_s, a_s = f"{plain(t)}{unit}", f"{plain(a)}{unit}"
    if shown is not None:
        t_s, a_s = shown[0] or t_s, shown[1] or a_s
    met = completion_share(comparator, t, a)
    if met is None:
        ok = (a == 0) if comparator is Comparator.EQ else _reaches(comparator, t, a)
        return (Decimal(1) if ok else ZERO), None, f"目标 {comparator.value}{t_s}，实际 {a_s}，{'达到' if ok else '未达到'}目标"
    if _lower(comparator, t):
        if reverse:
            met = 2 - a / t
            return met, met, f"完成率 = 1 −（{a_s} − {t_s}）÷ {t_s} = {_pct(met)}"
        return met, met, f"完成率 = 目标 {t_s} ÷ 实际 {a_s} = {_pct(met)}"
    return met, met, f"完成率 = 实际 {a_s} ÷ 目标 {t_s} = {_pct(met)}"


def _lower(comparator: Comparator, t: Decimal) -> bool:
    """Whether less is better: a ≤ or ＜ target, and ＝0 (事故数: any above it is over)."""
    return comparator.lower_is_better or (comparator is Comparator.EQ and t == 0)


def completion_share(comparator: Comparator, t: Decimal, a: Decimal) -> Decimal | None:
    """The completion every rule publishes, as a share: 实际 ÷ 目标, or 目标 ÷ 实际 where less is
    better (≤5天 with 7天 is 71.43%, not 140%); None where no ratio means anything (a target of 0
    or below, an actual of 0 or below against a cap)."""
    lower = _lower(comparator, t)
    if t <= 0 or (lower and a <= 0):
        return None
    return t / a if lower else a / t


def _pct(share_: Decimal) -> str:
    return f"{q2(share_ * HUNDRED)!s}%"


EXACT_PLACES = 6
"""Places of a percentage the working writes out in full (98.495%): beyond them (1/3 is 33.333…%)
it ends in no figure a reader could use."""


def _product(weight: Decimal, share_: Decimal, score: Decimal) -> str:
    """得分 = 权重 × 完成率 as an auditor re-does it. The score is weight × the exact completion; the
    completion at the 2 places the 完成率 shows gives the same score in all but a few cases (8 ×
    96.11% = 7.6888 → 7.69, the score 8 × 91.3/95 rounded), and is written so. Where it does not (15
    × 98.50% = 14.775 → 14.78, while 15 × 98.495% = 14.77425 → 14.77), the completion is written
    exactly, or, without a finite decimal within EXACT_PLACES places, at 2 places with ≈."""
    percent = share_ * HUNDRED
    rounded = q2(percent)
    if q2(weight * rounded / HUNDRED) == q2(score):
        return f"得分 = {plain(weight)} × {rounded!s}% = {q2(score)!s}"
    exact = percent.normalize()
    if -exact.as_tuple().exponent <= EXACT_PLACES:
        return f"得分 = {plain(weight)} × {plain(exact)}% = {q2(score)!s}"
    return f"得分 = {plain(weight)} × {rounded!s}% ≈ {q2(score)!s}"


def _judged(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    if params.get("achievement") is not None:
        return _judged_share(indicator, params["achievement"])
    level = params.get("level")
    if level is None:
        return Outcome(RuleType.JUDGED).fail("judged 规则缺少 achievement 或 level")
    weight = _weight(indicator)
    low, high = ctx.site.judged_levels[level]
    span = f"{q2(weight * low)!s}–{q2(weight * high)!s}"
    if indicator.score is None:
        return Outcome(RuleType.JUDGED).fail(f"定性等级「{level}」只给出得分范围 {span}，需要公布得分（score）", "score")
    published = indicator.score
    inside = weight * low <= published and (published < weight * high or (high == 1 and published <= weight))
    out = Outcome(RuleType.JUDGED, published, None,
                  f"定性等级「{level}」，得分应在 {span} 之间（含下限），公布得分 {plain(published)}",
                  Status.COMPUTED if inside else Status.UNVERIFIED)
    if not inside:
        out.findings.append((Severity.DISCREPANCY, "score",
                             f"定性等级「{level}」的得分应在 {span} 之间（含下限），公布得分 {plain(published)} 不在范围内",
                             {"published": plain(published), "computed": span}))
    return out


def _judged_share(indicator: Indicator, achievement: Decimal) -> Outcome:
    weight = _weight(indicator)
    score = weight * min(achievement, Decimal(1))
    return Outcome(RuleType.JUDGED, score, q2(achievement * HUNDRED),
                   _product(weight, min(achievement, Decimal(1)), score))


def _budget(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    rate_key = params.get("rate", "execution_rate")
    label = RATE_LABEL[rate_key]
    if ctx.budget is None:
        return Outcome(RuleType.BUDGET).fail("budget 规则需要预算执行情况表（budget）；没有预算表时请用 ratio")
    rate = ctx.budget.figure(rate_key)
    if rate is None:
        return Outcome(RuleType.BUDGET).fail(f"预算表中的{label}无法计算（分母为 0 或未填）")
    computed = Value(f"{rate!s}%", Kind.NUMBER, Comparator.GE, (Figure(rate, PERCENT),))
    typed = parse_value(indicator.actual)
    findings = []
    one_rate = typed.is_number and len(typed.figures) == 1 and typed.figures[0].unit in {PERCENT, ""}
    if one_rate:
        findings.extend(_printed_rate(typed, rate, label))
    target = written_target(indicator.target)
    if not target.is_number:
        target = Value("100%", Kind.NUMBER, Comparator.GE, (Figure(HUNDRED, PERCENT),))
    out = _strict_edge(indicator, target, computed) or _ratio_values(
        indicator, target, computed, params.get("floor"), False, RuleType.BUDGET)
    out.explanation = f"{label}取自预算表：{rate!s}%；" + out.explanation
    out.findings.extend(findings)
    return out


def _printed_rate(typed: Value, rate: Decimal, label: str) -> list[tuple[Severity, str, str, dict[str, str | None]]]:
    """The actual typed for a budget rate, checked by the rule every published figure is checked
    with (scoring.compare_printed), at the places printed: 99% for 99.10% is that rate rounded, and
    so is a bare fraction, 0.1 for 14.46% (0.1446 to one place). A bare figure up to 1 is read as a
    fraction only against a rate above 1%: 0.8 typed for a rate of 0.80% is that rate as it stands."""
    from perfsite.scoring import compare_printed, fraction_percent, printed_rounding  # scoring imports this module

    amount = typed.figures[0].amount
    printed = fraction_percent(amount) if typed.figures[0].unit == "" and 0 < amount <= 1 < rate else amount
    status = compare_printed(printed, rate)
    if status is Status.MATCH:
        return []
    if status is Status.DISCREPANCY:
        said = f"与预算表算出的{label} {rate!s}% 不一致"
    elif printed_rounding(rate, printed):
        said = f"是预算表算出的{label} {rate!s}% 按原表位数四舍五入的结果"
    else:
        said = f"与预算表算出的{label} {rate!s}% 相差不超过 0.1，属舍入差异"
    return [(Severity.DISCREPANCY if status is Status.DISCREPANCY else Severity.NOTE, "actual",
             f"实际值 {typed.text} {said}", {"published": typed.text, "computed": f"{rate!s}%"})]


def _deduct(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    weight = _weight(indicator)
    items = params.get("items", [])
    total = sum((per * count for per, count in items), ZERO)
    terms = " − ".join(f"{plain(per)}×{plain(count)}" for per, count in items)
    score = max(weight - total, ZERO)
    return Outcome(RuleType.DEDUCT, score, None, f"得分 = {plain(weight)} − {terms} = {q2(score)!s}（扣完为止）")


def _shortfall(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    """差额扣分 on the side the target's sign counts as short: below a ≥ or ＞ target, above a ≤ or
    ＜ one (a cost, a duration), and zero past `zero_below` on that side. An actual exactly at a
    strict target (＞100人 and 100人) has not reached it, as 达到目标 counts it (target_met): it is
    short by less than one step, and the rule's own 不足一档按一档 makes that one step; full marks
    there would publish a target missed as met, with the count of targets reached saying otherwise."""
    target, actual = written_target(indicator.target), parse_value(indicator.actual)
    step, per, zero_below = params.get("step"), params.get("per"), params.get("zero_below")
    if step is None or per is None:
        return Outcome(RuleType.SHORTFALL).fail("shortfall 规则需要 step 和 per")
    if not (target.is_number and actual.is_number and len(target.figures) == 1):
        return Outcome(RuleType.SHORTFALL).fail(f"差额扣分需要一个数字目标值和数字实际值{_note_why(target)}")
    weight = _weight(indicator)
    sign = target.comparator
    worst: Outcome | None = None
    for a_fig in actual.figures:
        try:
            (t, a, s, z), unit = _one_unit(target.figures[0], a_fig, step, zero_below)
        except UnitMismatch as exc:
            return Outcome(RuleType.SHORTFALL).fail(str(exc))
        share_ = completion_share(sign, t, a)
        completion = q2(share_ * HUNDRED) if share_ is not None else None
        lower = _lower(sign, t)
        if _reaches(sign, t, a):
            out = Outcome(RuleType.SHORTFALL, weight, completion, f"实际 {plain(a)}{unit} 达到目标 {plain(t)}{unit}，得满分")
        elif z is not None and (a > z if lower else a < z):
            out = Outcome(RuleType.SHORTFALL, ZERO, completion,
                          f"实际 {plain(a)}{unit} {'高于' if lower else '低于'} {plain(z)}{unit}，得 0 分")
        else:
            gap = a - t if lower else t - a
            steps = max(math.ceil(gap / s), 1)
            score = max(weight - per * steps, ZERO)
            short = (f"实际 {plain(a)}{unit} 恰好等于目标「{shown(target.text)}」，未达到（须{'小于' if lower else '大于'}该数），不足一档按一档"
                     if gap == 0 else f"{'超出' if lower else '差'} {plain(gap)}{unit}")
            out = Outcome(RuleType.SHORTFALL, score, completion,
                          f"{short}，每{'超' if lower else '差'} {plain(s)}{unit} 扣 {plain(per)} 分，共 {steps} 档："
                          f"{plain(weight)} − {plain(per)}×{steps} = {q2(score)!s}")
        if worst is None or (out.score or ZERO) < (worst.score or ZERO):
            worst = out
    assert worst is not None
    return worst


def _one_unit(*figures: Figure | None) -> tuple[tuple[Decimal | None, ...], str]:
    """Figures put on one unit, as measure_align puts two (1.5小时, 60分钟 and 10分钟 in 秒); a
    bare figure takes the others' unit; None stays None. UnitMismatch where two do not convert,
    naming the units as the cells write them (not the measure's unit they were put on)."""
    amounts: list[Decimal | None] = []
    unit = written = ""
    for figure in figures:
        if figure is None or not figure.unit or figure.unit == unit or not unit:
            amounts.append(figure.amount if figure is not None else None)
            unit = written = unit or (figure.unit if figure is not None else "")
            continue
        try:
            size, amount, unit = measure_align(Figure(ONE, unit), figure)  # the measure's unit: every amount before is in it too
        except UnitMismatch:
            raise UnitMismatch(f"单位不可比：「{written}」与「{figure.unit}」") from None
        amounts = [a * size if a is not None else None for a in amounts]
        amounts.append(amount)
    return tuple(amounts), unit


def _bands(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    actual = parse_value(indicator.actual)
    bands = params.get("bands", [])
    if not actual.is_number:
        return Outcome(RuleType.BANDS).fail(f"分档计分需要数字的实际值，而不是「{actual.text or '未填'}」", "actual")
    lowest = None
    for a_fig in actual.figures:
        for low, score in bands:
            try:
                edge, a, unit = align(low, a_fig)
            except UnitMismatch as exc:
                return Outcome(RuleType.BANDS).fail(str(exc))
            if a >= edge:
                found = (score, f"实际 {plain(a)}{unit} 达到 {plain(edge)}{unit} 一档，得 {plain(score)} 分")
                break
        else:
            found = (ZERO, f"实际 {a_fig.show()} 未达到任何一档，得 0 分")
        if lowest is None or found[0] < lowest[0]:
            lowest = found
    assert lowest is not None
    return Outcome(RuleType.BANDS, lowest[0], None, lowest[1])


def _reported(indicator: Indicator, params: dict, ctx: Context) -> Outcome:
    if indicator.score is None:
        return Outcome(RuleType.REPORTED).fail("rule: reported 采用公布得分，但没有填写得分（score）", "score")
    return Outcome(RuleType.REPORTED, indicator.score, None,
                   "原文未说明得分的计算依据，采用公布得分，未重新计算", Status.NOT_RECOMPUTED)


_APPLY: dict[RuleType, Callable[[Indicator, dict, Context], Outcome]] = {
    RuleType.AUTO: _auto, RuleType.RATIO: _ratio, RuleType.JUDGED: _judged, RuleType.BUDGET: _budget,
    RuleType.DEDUCT: _deduct, RuleType.SHORTFALL: _shortfall, RuleType.BANDS: _bands,
    RuleType.REPORTED: _reported,
}
