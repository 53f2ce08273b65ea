"""Score a programme: every indicator, the total, the grade, and the comparison with what was published.

Tolerances (contract): within 0.01 a published figure matches; up to 0.1 it is a rounding note;
beyond that it is a discrepancy, shown on the page and listed by `check`, unless the figure was
printed with fewer places and ours rounded to them gives it (compare_printed).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from perfsite.budget import DerivedBudget, derive
from perfsite.decimals import CONTEXT, HUNDRED, ZERO, exact, floor2, fmt2, parse_decimal, plain, q2
from perfsite.lower_better import named_lower
from perfsite.model import RULE_LABEL, Indicator, Programme, RuleType
from perfsite.problems import Problem, Problems, Severity
from perfsite.rules import Context, Outcome, Status, apply_rule, signed_actual_warning
from perfsite.schema import shown
from perfsite.siteconfig import SiteConfig
from perfsite.values import align, cell_text, parse_value

MATCH = Decimal("0.01")
ROUNDING = Decimal("0.1")
REMARK_OVER = Decimal("1.3")
"""An actual at 130% or more of its target owes an explanation in 偏差原因."""


def compare(published: Decimal, computed: Decimal) -> Status:
    """How a published figure compares with the computed one (MATCH, ROUNDING or DISCREPANCY)."""
    diff = abs(published - computed)
    if diff <= MATCH:
        return Status.MATCH
    if diff <= ROUNDING:
        return Status.ROUNDING
    return Status.DISCREPANCY


def compare_printed(published: Decimal, computed: Decimal) -> Status:
    """`compare`, at the places `published` was printed with: where it has fewer than 2 and
    `computed` rounded half up to them gives it (printed_rounding), the difference is the
    printing's, ROUNDING however far apart the two are at 2 places (a total printed 90 for our
    89.60, a 执行率 printed 103% for 103.45%). One rule for every published figure checked against
    ours: the finding, the headline's verdict and badge, the twin and the list rows read it."""
    status = compare(published, computed)
    if status == Status.DISCREPANCY and printed_rounding(computed, published):
        return Status.ROUNDING
    return status


def compared_text(computed: Decimal | None, published: str | None, unrounded: Decimal | None = None) -> str | None:
    """A computed score as published beside the score the unit gave (`published`, as figure_text
    writes it): 2 places (fmt2), or, where the published figure shows more, the score before
    rounding (`unrounded`, Outcome.unrounded) at those places, ROUND_HALF_UP (8.33333 for 25 ×
    1/3 beside 8.33333; 45.000 beside 44.995), so a reader sees the difference `compare` judged
    digit by digit. Without `unrounded` it stays at 2 places: zeros added to 8.33 would write
    8.33000, a figure nobody computed."""
    text = fmt2(computed)
    places = len(published.partition(".")[2]) if published else 0
    if text is None or places <= 2 or unrounded is None:
        return text
    return str(unrounded.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


@dataclass
class ScoredIndicator:
    indicator: Indicator
    outcome: Outcome
    status: Status
    label: str = ""
    """How messages name it: its name, or, where two rows share the name, which one (indicator_labels)."""

    @property
    def score(self) -> Decimal | None:
        return self.outcome.score


@dataclass
class ScoredProgramme:
    programme: Programme
    indicators: list[ScoredIndicator]
    budget: DerivedBudget | None
    total: Decimal | None
    grade: str | None
    weight_total: Decimal
    subtotals: list[tuple[str, Decimal, Decimal | None]]
    """(level1, weight, computed score) in table order."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def of(self, severity: Severity) -> list[Problem]:
        return [p for p in self.problems if p.severity is severity]


def score_programme(prog: Programme, site: SiteConfig, problems: Problems) -> ScoredProgramme:
    """Score and cross-check; findings are added to `problems` (the file's collector).

    All arithmetic runs under decimals.CONTEXT, so no input can make a figure overflow or grow."""
    with exact():
        return _score_programme(prog, site, problems)


def _score_programme(prog: Programme, site: SiteConfig, problems: Problems) -> ScoredProgramme:
    budget = derive(prog.budget, problems) if prog.budget is not None else None
    ctx = Context(site, budget)
    labels = indicator_labels(prog.indicators)
    scored = [_score_one(ind, label, ctx, problems) for ind, label in zip(prog.indicators, labels, strict=True)]
    weight_total = sum((i.weight or ZERO for i in prog.indicators), ZERO)
    # a weight that could not be read has its own error; the sum says it left it out, or is not
    # said at all when no weight could be read (「权重之和为 0」 then only repeats those errors)
    unread = sum(1 for i in prog.indicators if i.weight is None and i.applicable)
    read = any(i.weight is not None for i in prog.indicators)
    if prog.indicators and weight_total != HUNDRED and (read or not unread):
        left_out = f"（另有 {unread} 项权重无法读取，未计入）" if unread else ""
        problems.error(("indicators",) if prog.csv_path is None else (),
                       f"各指标权重之和为 {plain(weight_total)}，应为 100{left_out}")
    _check_subtotals(prog, problems)
    _warn_filling(prog.indicators, labels, problems)
    total = _total(scored)
    grade = site.grade(total)
    _check_reported(prog, scored, total, grade, site, problems)
    subtotals = _subtotals(scored)
    return ScoredProgramme(prog, scored, budget, total, grade, weight_total, subtotals, problems.items)


def indicator_labels(indicators: list[Indicator]) -> list[str]:
    """Each indicator as a message names it: 「A」 where the name is the table's only one; where two
    rows share it (a CSV filled down, two 满意度 under different 二级), its 一级/二级 path, or, where
    that is shared too, its row: a reader must find which A a message means."""
    names: dict[str, int] = {}
    paths: dict[tuple[str, str, str], int] = {}
    for ind in indicators:
        names[ind.name] = names.get(ind.name, 0) + 1
        key = (ind.level1, ind.level2, ind.name)
        paths[key] = paths.get(key, 0) + 1
    labels = []
    for index, ind in enumerate(indicators):
        if names[ind.name] == 1:
            labels.append(ind.name)
        elif paths[(ind.level1, ind.level2, ind.name)] == 1:
            labels.append("/".join(part for part in (ind.level1, ind.level2, ind.name) if part))
        else:
            labels.append(f"{ind.name}（第 {ind.line or index + 1} 行）" if ind.line else f"{ind.name}（第 {index + 1} 项）")
    return labels


_BARE_NUMBER = re.compile(r"\s*[\d.．]+\s*[%％]?\s*")
"""A 三级指标 name of figures alone (「88」「68」「20」, a town's form): a 分值, target or actual typed
into the name column, or the name lost; a name with figures in it (「硬化道路 8 公里」) is a name."""


def _warn_filling(indicators: list[Indicator], labels: list[str], problems: Problems) -> None:
    """Two slips of filling in a form that score without an error, named at the row: a name that
    is only a number, and a row repeated whole (一级/二级/三级, target and actual alike: a copy-paste
    that counts its weight twice). The same path with another target is two legal rows."""
    first: dict[tuple[str, str, str, str, str], Indicator] = {}
    for ind, label in zip(indicators, labels, strict=True):
        where = (*ind.path, "name")
        if _BARE_NUMBER.fullmatch(ind.name):
            problems.warning(where, f"指标「{label}」的三级指标名称只是一个数字：可能误填了分值、目标值或实际值，"
                             "或漏了指标名称，请核对原表", field=_field(label, "名称"))
        key = (ind.level1, ind.level2, ind.name, ind.target, ind.actual)
        earlier = first.setdefault(key, ind)
        if earlier is not ind:
            line = problems.line_of((*earlier.path, "name")) or earlier.line
            at = f"第 {line} 行" if line else "前面"
            problems.warning(where, f"指标「{label}」与{at}的指标重复：一级、二级、三级指标、目标值和实际值完全相同，"
                             "可能是重复粘贴，请核对原表并删去多余的一行", field=_field(label, "名称"))


def _field(label: str, what: str) -> str:
    return f"指标「{label}」{what}"


def _score_one(ind: Indicator, label: str, ctx: Context, problems: Problems) -> ScoredIndicator:
    path = ind.path
    above = ind.weight is not None and ind.score is not None and ind.score > ind.weight
    if above:
        problems.error((*path, "score"), f"公布得分「{shown(ind.score)}」超过权重「{shown(ind.weight)}」：请更正原表或说明",
                       field=_field(label, "得分"))
    if not ind.applicable:
        _warn_not_applicable(ind, label, problems)
        return ScoredIndicator(ind, Outcome(ind.rule.type, None, None, "不适用，不计入总分", Status.NOT_APPLICABLE),
                               Status.NOT_APPLICABLE, label)
    if ind.weight is None:  # missing or not a number: the reader said so, and a score against 0 would only echo it
        return ScoredIndicator(ind, Outcome(ind.rule.type, explanation="权重有误，未计算", status=Status.NOT_RECOMPUTED),
                               Status.NOT_RECOMPUTED, label)
    outcome = apply_rule(ind, ctx)
    for severity, key, message, extra in outcome.findings:
        problems.add(severity, (*path, key), message, field=_field(label, _KEY_WORD.get(key, "")), **extra)
    signed = signed_actual_warning(ind)
    if signed:
        problems.warning((*path, "actual"), signed, field=_field(label, "实际值"))
    elif ind.rule.type in _OWN_SCALE and outcome.met is False and outcome.score is not None \
            and outcome.score >= floor2(ind.weight):
        problems.warning((*path, "score"), f"实际值「{ind.actual}」未达到目标「{ind.target}」，"
                         f"评分方法「{RULE_LABEL[outcome.rule]}」却给了满分 {outcome.score!s}：请核实评分方法或实际值",
                         field=_field(label, "得分"))
    status = outcome.status
    if outcome.score is not None and ind.score is not None and status == Status.COMPUTED and not above:
        status = compare_printed(ind.score, outcome.score)  # 3 printed beside 2.89: at the places printed
        if status != Status.MATCH:  # the usual case needs no message, so none is built
            said = _unsigned_ceiling(ind, ctx) if status == Status.DISCREPANCY else ""
            _report(problems, (*path, "score"), status, _field(label, "得分"), plain(ind.score), f"{outcome.score}", said)
    if outcome.completion is not None and ind.completion:
        _check_completion(ind, label, outcome, problems)
    _warn_remark(ind, label, outcome, problems)
    return ScoredIndicator(ind, outcome, status, label)


def _warn_not_applicable(ind: Indicator, label: str, problems: Problems) -> None:
    """A row marked 不适用 leaves its weight out of the total: with an actual (it was measured) or
    without a reason, that may hide a missed target, so the page says so."""
    if not parse_value(ind.actual).is_missing:
        problems.warning((*ind.path, "applicable"), f"指标「{label}」标为不适用，却填写了实际值「{ind.actual}」："
                         f"不适用的指标不计分，其权重 {plain(ind.weight) if ind.weight is not None else ''} 不计入总分；请核实",
                         field=_field(label, "是否适用"))
    if not ind.remark:
        problems.warning((*ind.path, "remark"), f"指标「{label}」标为不适用，未说明原因（remark）",
                         field=_field(label, "是否适用"))


_OWN_SCALE = frozenset({RuleType.JUDGED, RuleType.BANDS, RuleType.REPORTED, RuleType.DEDUCT})
"""Rules that score by a scale of their own, not the actual against the target: full marks there
with a numeric actual short of a numeric target is what a reader must be told."""
_KEY_WORD = {"score": "得分", "actual": "实际值", "target": "目标值", "rule": "评分规则", "completion": "完成率"}


def _unsigned_ceiling(ind: Indicator, ctx: Context) -> str:
    """Why a discrepancy may be the sign's, not the form's: the target of an indicator lower-is-better
    by its name (lower_better: 「预算调整率」 over 「3%」) has no sign, is read as ≥ as the format says, and
    read as ≤ gives the published score (重庆's 0 against 3%, full marks: tests/forms_dept/d02). The
    figures stay the format's; the clause tells the clerk what to write if the form means ≤. """
    if ind.score is None or named_lower(ind.name, ind.target) is None:
        return ""
    ceiling = "≤" + ind.target.strip()
    outcome = apply_rule(replace(ind, target=ceiling), ctx)
    if outcome.score is None or compare_printed(ind.score, outcome.score) == Status.DISCREPANCY:
        return ""
    return (f"；目标值「{ind.target}」没有写比较符号，按 ≥ 读，按 ≤ 读则与公布得分相符：这类指标越低越好，"
            f"如原表的意思是不超过，请写作「{ceiling}」")


def _report(problems: Problems, path: tuple[object, ...], status: Status, field_: str, published: str, computed: str,
            said: str = "") -> None:
    if status == Status.DISCREPANCY:
        problems.add(Severity.DISCREPANCY, path, f"{field_}：公布 {published}，计算 {computed}，相差超过 0.1{said}",
                     published=published, computed=computed, field=field_)
    elif status == Status.ROUNDING:
        problems.add(Severity.NOTE, path, f"{field_}：公布 {published}，计算 {computed}，属舍入差异",
                     published=published, computed=computed, field=field_)


def _check_completion(ind: Indicator, label: str, outcome: Outcome, problems: Problems) -> None:
    text = ind.completion.strip().rstrip("%％")
    published = parse_decimal(text)
    if published is None:
        return
    if "%" not in ind.completion and "％" not in ind.completion and published <= 2:
        published = fraction_percent(published)  # 0.95 typed for 95%
    assert outcome.completion is not None
    if published == HUNDRED and outcome.completion > HUNDRED:
        return  # the form caps 完成率 at 100%, as many do: the score is capped there too, so they agree
    status = compare_printed(published, outcome.completion)  # 103% printed for 103.45%, as 执行率 is
    if status != Status.MATCH:
        _report(problems, (*ind.path, "completion"), status, _field(label, "完成率"), ind.completion, f"{outcome.completion}%")


def printed_rounding(computed: Decimal, published: Decimal) -> bool:
    """Whether `published`, printed with fewer places than the 2 of `computed`, is `computed` rounded half
    up to those places. `computed` is itself rounded to 2 places, so where it ends on exactly half a step
    (99.50 for a whole-number 99%), the exact rate may have been 99.4999 (→ 99) or 99.50 (→ 100): both
    printed figures are then a rounding of it, never a discrepancy (rounding the 2-place figure again
    would call the right 99% wrong and a wrong one right). A rate printed as a fraction comes here as
    a percentage at the places printed (fraction_percent: 0.1 as 1E+1, tens of percent), so 0.1
    printed for 14.46% is that rate rounded to tens, as 0.1446 is to one place."""
    exponent = published.as_tuple().exponent
    if not isinstance(exponent, int) or exponent <= -2:
        return False
    step = Decimal(1).scaleb(exponent)
    below = computed.quantize(step, ROUND_DOWN, CONTEXT)
    if computed - below == step / 2:
        return published in (below, below + step)
    return computed.quantize(step, ROUND_HALF_UP, CONTEXT) == published


def fraction_percent(fraction: Decimal) -> Decimal:
    """A rate printed as a fraction (0.1, 0.95) as a percentage that keeps the places printed: 0.1 is
    1E+1 (10% to the ten), not 10.0, so compare_printed checks it at the precision the form printed."""
    return fraction.scaleb(2, CONTEXT)


def _warn_remark(ind: Indicator, label: str, outcome: Outcome, problems: Problems) -> None:
    """A missing 偏差原因, said in a reader's words: the page shows the message to citizens, and
    `perfsite check` prints the key (indicators[3].remark) in the problem's location."""
    if ind.remark or ind.weight is None:
        return
    score = ind.score if ind.score is not None else outcome.score
    if score is not None and score < floor2(ind.weight):  # full marks of 33.335 are 33.33 (rules.py caps there)
        problems.warning((*ind.path, "remark"), f"指标「{label}」未得满分（{plain(score)}/{plain(ind.weight)}），未填写偏差原因分析",
                         field=_field(label, "偏差原因"))
        return
    if _far_above_target(ind):
        problems.warning((*ind.path, "remark"), f"指标「{label}」实际值达到目标的 130% 以上，未说明原因（目标可能定得过低）",
                         field=_field(label, "偏差原因"))


def _far_above_target(ind: Indicator) -> bool:
    return _far_above(cell_text(ind.target), cell_text(ind.actual))


@lru_cache(maxsize=16_384)
def _far_above(target_text: str, actual_text: str) -> bool:
    """_far_above_target of two cells' texts, remembered as rules.target_met is: the same pairs
    recur in file after file."""
    target, actual = parse_value(target_text), parse_value(actual_text)
    if not (target.is_number and actual.is_number) or target.comparator.lower_is_better:
        return False
    for t_fig in target.figures[:1]:
        for a_fig in actual.figures:
            try:
                t, a, _ = align(t_fig, a_fig)
            except ValueError:
                return False
            if t > 0 and a >= t * REMARK_OVER:
                return True
    return False


def _total(scored: list[ScoredIndicator]) -> Decimal | None:
    """Σ rounded scores; with not-applicable rows, Σ scores ÷ Σ applicable weights × 100."""
    applicable = [s for s in scored if s.indicator.applicable]
    if not applicable or any(s.score is None for s in applicable):
        return None
    total = sum((s.score for s in applicable if s.score is not None), ZERO)
    if len(applicable) < len(scored):
        weights = sum((s.indicator.weight or ZERO for s in applicable), ZERO)
        return q2(total / weights * HUNDRED) if weights else None
    return total


def _subtotals(scored: list[ScoredIndicator]) -> list[tuple[str, Decimal, Decimal | None]]:
    groups: dict[str, list[ScoredIndicator]] = {}
    for s in scored:
        groups.setdefault(s.indicator.level1, []).append(s)
    result = []
    for label, items in groups.items():
        weight = sum((s.indicator.weight or ZERO for s in items), ZERO)
        scores = [s.score for s in items if s.indicator.applicable]
        # a group with no applicable indicator has no score (not 0.00)
        score = None if not scores or any(x is None for x in scores) else sum((x for x in scores if x is not None), ZERO)
        result.append((label, weight, score))
    return result


def _check_subtotals(prog: Programme, problems: Problems) -> None:
    """Declared subtotals (「决策（16分）」 and `groups`) must equal the weights below them."""
    sums1: OrderedDict[str, Decimal] = OrderedDict()
    sums2: OrderedDict[tuple[str, str], Decimal] = OrderedDict()
    declared1: dict[str, tuple[Decimal, Indicator]] = {}
    declared2: dict[tuple[str, str], tuple[Decimal, Indicator]] = {}
    for ind in prog.indicators:
        w = ind.weight or ZERO
        sums1[ind.level1] = sums1.get(ind.level1, ZERO) + w
        sums2[(ind.level1, ind.level2)] = sums2.get((ind.level1, ind.level2), ZERO) + w
        if ind.level1_declared is not None:
            declared1.setdefault(ind.level1, (ind.level1_declared, ind))
        if ind.level2_declared is not None:
            declared2.setdefault((ind.level1, ind.level2), (ind.level2_declared, ind))
    for label, (declared, ind) in declared1.items():
        if declared != sums1[label]:
            problems.error((*ind.path, "level1"), f"一级指标「{label}」标明 {plain(declared)} 分，但其下权重之和为 {plain(sums1[label])}")
    for (l1, l2), (declared, ind) in declared2.items():
        if declared != sums2[(l1, l2)]:
            problems.error((*ind.path, "level2"), f"二级指标「{l2}」标明 {plain(declared)} 分，但其下权重之和为 {plain(sums2[(l1, l2)])}")
    for label, declared in prog.groups.items():
        match = next((k for k in sums1 if k == label or k.removesuffix("指标") == label.removesuffix("指标")), None)
        if match is None:
            problems.error(("groups", label), f"groups 中的「{label}」不是任何一级指标（现有：{'、'.join(sums1)}）")
        elif sums1[match] != declared:
            problems.error(("groups", label), f"groups 标明「{label}」{plain(declared)} 分，但其下权重之和为 {plain(sums1[match])}")


def _check_reported(prog: Programme, scored: list[ScoredIndicator], total: Decimal | None, grade: str | None,
                    site: SiteConfig, problems: Problems) -> None:
    reported = prog.reported_score
    if reported is None:
        return
    path = ("reported", "score")
    if total is not None:
        status = compare_printed(reported, total)
        if status != Status.MATCH:
            _report(problems, path, status, "总得分", plain(reported), f"{total}")
    published = [s.indicator.score for s in scored if s.indicator.applicable]
    if published and all(p is not None for p in published) and len(published) == len(scored):
        summed = sum((p for p in published if p is not None), ZERO)
        if compare_printed(reported, summed) == Status.DISCREPANCY:
            problems.add(Severity.DISCREPANCY, path,
                         f"公布的总得分 {plain(reported)} 不等于公布的各项得分之和 {plain(summed)}",
                         published=plain(reported), computed=plain(summed), field="总得分（公布各项之和）")
    if prog.reported_grade:
        canonical = site.canonical_grade(prog.reported_grade)
        gpath = ("reported", "grade")
        if canonical is None:
            problems.error(gpath, f"无法识别的等级「{prog.reported_grade}」（可用：{'、'.join(b.label for b in site.grades)} 及其别名）")
            return
        earned = site.grade(reported)  # as published: 89.995 is below 优's 90, not 90.00
        if canonical != earned:
            problems.add(Severity.DISCREPANCY, gpath,
                         f"公布的等级「{prog.reported_grade}」与公布总分 {plain(reported)} 应得的等级「{earned}」不符",
                         published=prog.reported_grade, computed=earned, field="评价等级")
        elif grade is not None and canonical != grade:
            problems.add(Severity.DISCREPANCY, gpath,
                         f"公布的等级「{prog.reported_grade}」与计算总分 {total} 的等级「{grade}」不符",
                         published=prog.reported_grade, computed=grade, field="评价等级")

