"""The figure a programme is known by: the published total where there is one, else ours.

A disclosure page exists to show what the government published, checked. Leading with our
recomputation (99.25) where the bureau published 99.52 would put words in its mouth; hiding the
recomputation would make the check worthless. So the published total leads, the verification
stands beside it, and one plain sentence says what differs, whether the grade changes and a
likely cause where one can be told. Only where no total was published does the computed figure
lead, and it says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, NamedTuple

from perfsite.decimals import HUNDRED, figure_text, fmt2, plain
from perfsite.problems import Severity
from perfsite.rules import Status
from perfsite.scoring import ScoredIndicator, ScoredProgramme, compare, compare_printed, printed_rounding

MAX_NAMED = 3
"""Indicators named in the sentence; more are counted (a sentence, not a table)."""

VERDICT_LABEL = {Status.MATCH: "复算一致", Status.ROUNDING: "复算有舍入差异", Status.DISCREPANCY: "复算不一致",
                 Status.COMPUTED: "原文未公布总分", "none": "无法计算"}


@dataclass(frozen=True)
class Headline:
    source: str
    """``published`` (the published total leads) or ``computed`` (nothing was published)."""
    score: str | None
    grade: str | None
    verdict: str
    """MATCH, ROUNDING or DISCREPANCY when a published total was checked; COMPUTED, or ``none`` when
    no total could be computed."""
    computed: str | None
    computed_grade: str | None
    difference: str | None
    sentence: str
    mismatch: str | None = None
    """What disagrees where the totals agree and the verdict is still 不一致 (分项复算不一致, 等级不符):
    the badge says it after 总分相符. Only in the dict where set, so a file where nothing is wrong
    keeps the keys it had."""
    printed: str | None = None
    """The published total as written (90, 88.3) where it has fewer places than ours and ours,
    rounded to them, gives it (scoring.compare_printed): the two differ by the printing, which
    the badge and the sentence say. Only in the dict where set, as `mismatch`."""

    def as_dict(self) -> dict[str, object]:
        """The fields by name, and the verdict's label (no deep copy: every field is a str or None,
        so dataclasses.asdict's copying cost a tenth of making a programme's record)."""
        found = {**{name: getattr(self, name) for name in HEADLINE_FIELDS}, "verdict_label": VERDICT_LABEL[self.verdict]}
        if self.mismatch is not None:
            found["mismatch"] = self.mismatch
        return found if self.printed is None else found | {"printed": self.printed}


_OPTIONAL = frozenset({"mismatch", "printed"})
HEADLINE_FIELDS = tuple(f.name for f in fields(Headline) if f.name not in _OPTIONAL)


def shown_grade(head: Mapping[str, Any]) -> str | None:
    """The grade shown beside a headline (Headline.as_dict()): the published grade where a total
    and a grade were published, else the computed one (also for a published total given without
    a grade). Listings, facets and grade counts take this grade, so a list and a page never
    disagree about what a programme was rated."""
    if head.get("source") == "published" and head.get("grade"):
        return head["grade"]  # type: ignore[no-any-return]
    return head.get("computed_grade")


def grade_recomputed(head: Mapping[str, Any]) -> bool:
    """Whether the grade shown beside a headline (shown_grade) is ours beside a published total:
    the original gave a total and no grade, so the grade is the one our recomputed total earns.
    Pages call it 复算等级 (grade_label) and lists mark it 复算, as a list marks a total that is
    ours; beside our own total (source ``computed``) the total's 复算得分 says so already."""
    return head.get("source") == "published" and not head.get("grade") and bool(head.get("computed_grade"))


def grade_label(head: Mapping[str, Any], published: str = "公布等级") -> str:
    """The words before the grade shown beside a headline: 复算等级 where grade_recomputed,
    `published` (a page's word for the original's own grade: 评价等级 in a 评价报告) where the
    original gave one, else 评价等级 (the grade of our own total, labelled 复算得分)."""
    if grade_recomputed(head):
        return "复算等级"
    return published if head.get("source") == "published" else "评价等级"


@dataclass(frozen=True)
class Badge:
    """The words of a page's verification badge (ps-verify) beside its headline figure."""

    mark: str | None
    """✓ 一致, ≈ 舍入差异, ⚠ 不一致; none where nothing was compared."""
    words: str
    value: str | None = None
    """Our total, set apart after the words (复算 90.00), where the totals differ."""
    after: str = ""
    """What follows that total: the difference (（相差 0.27）)."""


MARK = {Status.MATCH: "✓", Status.ROUNDING: "≈", Status.DISCREPANCY: "⚠"}


def verify_badge(head: Mapping[str, Any], unpublished: str = "原文未公布总分") -> Badge:
    """What a headline's badge says (Headline.as_dict()), on every page that shows one: 复算一致, 总分相符
    with what else disagrees (`mismatch`) where the totals agree and the verdict is 不一致, else our total
    and the difference. The verdict decides, never the two figures' texts: 89.99999 published beside
    our 90.00 agrees (0.00001 ≤ 0.01) and its 优 does not, so the badge says 总分相符，等级不符, as the
    sentence below it does, not 复算 90.00（相差 0.00001）. `unpublished`: a page's words for a total
    that only we computed (报告未写总分 on a 评价报告)."""
    verdict = head.get("verdict")
    mark = MARK.get(verdict)
    if verdict == Status.MATCH:
        return Badge(mark, VERDICT_LABEL[Status.MATCH])
    if mismatch := head.get("mismatch"):
        return Badge(mark, f"总分相符，{mismatch}")
    if verdict == Status.ROUNDING and (printed := head.get("printed")):
        return Badge(mark, "复算", head.get("computed"), f"（{_PLACES[_places(printed)][1]}为 {printed}，属舍入）")
    if mark is not None:
        return Badge(mark, "复算", head.get("computed"), f"（相差 {head.get('difference')}）")
    return Badge(None, unpublished if verdict == Status.COMPUTED else "未能复算")


def headline(sp: ScoredProgramme) -> Headline:
    p = sp.programme
    computed, grade = fmt2(sp.total), sp.grade
    if p.reported_score is None:
        if sp.total is None:
            return Headline("computed", None, None, "none", None, None, None,
                            "指标数据不全，无法计算总分。")
        return Headline("computed", computed, grade, Status.COMPUTED, computed, grade, None,
                        "原文没有公布总分，这里是本站按公布的各项指标复算的得分。")
    published = figure_text(p.reported_score)  # as written: 89.995 is not 90.00 (below 优's line)
    shown_grade = p.reported_grade or None
    if sp.total is None:
        return Headline("published", published, shown_grade, "none", None, None, None,
                        "本站无法按公布的指标复算总分，公布得分未经核验。")
    verdict = compare_printed(p.reported_score, sp.total)
    difference = abs(p.reported_score - sp.total)
    printed = printed_as(p.reported_score, sp.total) if verdict == Status.ROUNDING else None
    if verdict != Status.DISCREPANCY and not any(s.status in RECOMPUTED for s in sp.indicators):
        return Headline("published", published, shown_grade, "none", computed, grade, plain(difference),
                        _sum_only(sp, verdict, difference, printed))
    differing = [s for s in sp.indicators if s.status == Status.DISCREPANCY]
    why = _printed_words(printed) if printed else "在舍入范围内"
    agreed = "一致" if verdict == Status.MATCH else f"相差 {plain(difference)} 分，{why}"
    wrong = _grade_wrong(sp) if verdict != Status.DISCREPANCY else None
    mismatch = None
    if verdict != Status.DISCREPANCY and differing:
        # The total agrees only because item differences cancel out: the table is still wrong, and
        # an auditor concludes 不一致, so the verdict (badge, listings, counts) says so too.
        sentence = _items_differ(sp, p.reported_score, agreed, differing) + (f"另外，{wrong}。" if wrong else "")
        verdict, mismatch = Status.DISCREPANCY, "分项复算不一致" + ("，等级不符" if wrong else "")
    elif wrong:
        # The total and every item agree, the grade does not (优 published beside 89.995, below its
        # 90-point line): the contract counts that 不一致 too, so the verdict does not say 复算一致,
        # and the badge names the grade, not the items that agree.
        sentence = f"本站按公布的目标值、实际值和评分规则逐项复算，总分与公布得分{agreed}；但{wrong}。"
        verdict, mismatch = Status.DISCREPANCY, "等级不符"
    elif verdict == Status.MATCH:
        sentence = "本站按公布的目标值、实际值和评分规则逐项复算，结果与公布得分一致。" + _taken_as_published(sp)
    elif verdict == Status.ROUNDING and printed:
        sentence = f"本站复算为 {computed} 分；{_printed_words(printed)}，属舍入差异。"
    else:
        sentence = _explain(sp, p.reported_score, sp.total, verdict, differing)
    return Headline("published", published, shown_grade, verdict, computed, grade, plain(difference), sentence, mismatch,
                    printed)


def printed_as(published: Decimal, computed: Decimal) -> str | None:
    """`published` as written (90, 88.3) where it differs from `computed` only by being printed with
    fewer places (scoring.printed_rounding): Headline.printed; else None."""
    if published == computed or not printed_rounding(computed, published):
        return None
    return f"{published:f}"


_PLACES = {0: ("整数", "取整"), 1: ("一位小数", "保留一位小数")}
"""A total's printed places (fewer than 2) in words: what it is written to, what rounding to them is called."""


def rounding_note(published: str | None, computed: str | None) -> str:
    """What an indicator's score cell says under our score where the two differ by 舍入.

    The record keeps a published score's value as figure_text writes it, not the places the form
    printed it with: 9 and 9.00 are both 「9.00」 there. The note says how the form printed it only
    where the value tells: more than 0.1 from ours at 2 places, a 舍入差异 is the form's whole-number
    printing (one place of rounding moves a figure at most 0.05), so the form printed the integer:
    「公布 5（取整后相同）」 under our 4.75, where 「公布 5.00（舍入）」 read as 5.00 printed, 0.25 off
    and past the 0.1 of a 舍入差异. Within 0.1 it is 舍入 however the form printed it, and the note
    shows the figure as every published score shows (docs/data-format.md: 9 → 9.00): 「公布 9.00（舍入）」
    under 8.96, never 「公布 9」 for a form that printed 9.00."""
    if published and computed and compare(Decimal(published), Decimal(computed)) == Status.DISCREPANCY:
        shown = plain(Decimal(published))
        if _places(shown) < 2 and (printed := printed_as(Decimal(shown), Decimal(computed))) is not None:
            return f"公布 {printed}（{_PLACES[_places(printed)][1]}后相同）"
    return f"公布 {published or '—'}（舍入）"


def _places(printed: str) -> int:
    return len(printed.partition(".")[2])


def _printed_words(printed: str, ours: str = "复算得分") -> str:
    """原文总分写到整数（90 分），复算得分取整也是 90: why a total printed with fewer places is 舍入."""
    written_to, rounding = _PLACES[_places(printed)]
    return f"原文总分写到{written_to}（{printed} 分），{ours}{rounding}也是 {printed}"


def _items_differ(sp: ScoredProgramme, published: Decimal, agreed: str, differing: list[ScoredIndicator]) -> str:
    """The sentence where the totals agree and items do not. The differences cancel out only where
    the published items also add up to the published total; where they do not (one item published
    8.61 for 8.11, the total 89.86 beside items adding to 90.36), the published item is the error
    and the recomputed items add up to the total: saying 相互抵消 there would blame the total."""
    head = f"本站按公布的目标值、实际值和评分规则逐项复算，总分与公布得分{agreed}；但{_named(differing)}的得分与公布的不同"
    items = _reported_sum(sp)
    if items is None:
        return head + "。"
    if compare(published, items) == Status.MATCH:
        return head + "，差异相互抵消。"
    return (head + f"：公布的分项得分之和为 {plain(items)}，与公布总分 {figure_text(published)} 不符；"
            f"按复算的分项得分相加与公布总分{agreed}。")


def _reported_sum(sp: ScoredProgramme) -> Decimal | None:
    """The published scores of the scored indicators added up; None where one has no published score
    (a sum of some of them says nothing about the total)."""
    scores = [s.indicator.score for s in sp.indicators if s.status != Status.NOT_APPLICABLE]
    if not scores or any(x is None for x in scores):
        return None
    return sum(scores, Decimal(0))  # type: ignore[arg-type]


def _grade_wrong(sp: ScoredProgramme) -> str | None:
    """The check's finding that the published grade is not the one its score earns, if any."""
    return next((x.message for x in sp.problems
                 if x.field == "评价等级" and x.severity == Severity.DISCREPANCY), None)


RECOMPUTED = frozenset({Status.MATCH, Status.ROUNDING, Status.DISCREPANCY, Status.COMPUTED})
"""An indicator's statuses where its score was worked out by its rule (or checked against its
level's range); the others take the published score as it stands."""


def _taken_as_published(sp: ScoredProgramme) -> str:
    """What 逐项复算 did not cover: rows whose published score stands (a `rule: reported`, a target
    with no exact reading) agree with the total by construction, so 一致 must not read as if each
    had been worked out."""
    kept = [s for s in sp.indicators if s.status in (Status.UNVERIFIED, Status.NOT_RECOMPUTED)]
    return f"其中 {len(kept)} 项无法复算，按公布得分计。" if kept else ""


def _sum_only(sp: ScoredProgramme, verdict: str, difference: Decimal, printed: str | None) -> str:
    """No indicator could be recomputed (a 评价报告's 评分表 gives scores only): the total is the sum
    of the published scores, so agreeing with the published total checks the addition, not the
    scoring, and the verdict is 无法计算 rather than 复算一致."""
    printing = f"{_printed_words(printed, '各项得分之和')}，" if printed else ""
    agreed = "一致" if verdict == Status.MATCH else f"相差 {plain(difference)} 分，{printing}属舍入差异"
    why = ("原文未给出目标值和实际值" if all(s.status in (Status.UNVERIFIED, Status.NOT_APPLICABLE) for s in sp.indicators)
           else "原文未给出目标值和实际值或计分依据")
    return f"各项得分之和与公布总分{agreed}；{why}，各项得分无法复算。"


def _explain(sp: ScoredProgramme, published: Decimal, computed: Decimal, verdict: str,
             differing: list[ScoredIndicator]) -> str:
    p = sp.programme
    direction = "低" if computed < published else "高"
    parts = [f"本站复算为 {fmt2(computed)} 分，比公布的 {figure_text(published)} 分{direction} {plain(abs(published - computed))} 分"]
    if verdict == Status.ROUNDING:
        return parts[0] + "，属舍入差异。"
    if differing:
        parts.append(f"差异来自{_named(differing)}")
    else:
        reported_sum = sum((s.indicator.score for s in sp.indicators if s.indicator.score is not None), Decimal(0))
        if any(s.indicator.score is not None for s in sp.indicators) and reported_sum != published:
            parts.append(f"各项公布得分之和为 {plain(reported_sum)}，与公布总分不符")
    grade_changed = any(x.field == "评价等级" and x.computed == sp.grade for x in sp.problems)
    if p.reported_grade and sp.grade and grade_changed:
        parts.append(f"按复算，等级为「{sp.grade}」，与公布的「{p.reported_grade}」不同")
    elif sp.grade:
        parts.append(f"按复算，等级{'仍' if p.reported_grade else ''}为「{sp.grade}」")  # 仍: only beside a published grade
        if wrong := _grade_wrong(sp):
            parts.append(wrong)
    if swapped_digits(figure_text(published) or "", fmt2(computed) or ""):
        parts.append("两个数所含数字相同、顺序不同，可能是抄录时数字颠倒")
    return "；".join(parts) + "。"


def _named(differing: list[ScoredIndicator]) -> str:
    """「甲」（公布 9.52，复算 9.25）、… the first MAX_NAMED indicators whose scores differ, and how many."""
    named = "、".join(f"「{s.label or s.indicator.name}」（公布 {plain(s.indicator.score)}，复算 {fmt2(s.score)}）"
                     for s in differing[:MAX_NAMED] if s.indicator.score is not None)
    return named + (f"等 {len(differing)} 项" if len(differing) > MAX_NAMED else "")


def swapped_digits(a: str, b: str) -> bool:
    """99.52 and 99.25: the same digits in another order, the commonest copying slip."""
    da, db = [c for c in a if c.isdigit()], [c for c in b if c.isdigit()]
    return bool(da) and da != db and sorted(da) == sorted(db)


class TargetCounts(NamedTuple):
    """How many of a programme's indicators reached their target (target_counts)."""

    reached: int
    scored: int
    """Applicable indicators that were scored."""
    unjudged: int
    """Scored indicators counted not reached only because their published score was taken as it
    stands and the two cells cannot tell (Outcome.met is None): the page says how many, so that
    「10 项中 7 项达到目标」 does not read as three targets missed where two were. A strict edge not
    recomputed (100人 against ＞100人) is judged, not reached, and is not among them."""


def target_counts(sp: ScoredProgramme) -> TargetCounts:
    """The three counts, in one walk of the indicators.

    Reached: where the target and the actual are both figures, the actual against the target
    (Outcome.met: a rule's score does not make 50人 reach ≥100人, and 100人 does not reach ＞100人);
    else a completion of 100% or more, or, where the rule has no completion (定性, 扣分), the full
    weight. An indicator whose score could not be recomputed is not counted either way.
    """
    hit = scored = unjudged = 0
    for s in sp.indicators:
        if s.status == Status.NOT_APPLICABLE or s.score is None:
            continue
        scored += 1
        if _reached(s):
            hit += 1
        elif s.status == Status.NOT_RECOMPUTED and s.outcome.met is None:
            unjudged += 1
    return TargetCounts(hit, scored, unjudged)


def reached(sp: ScoredProgramme) -> tuple[int, int]:
    """(indicators that reached their target, applicable indicators that were scored): target_counts."""
    hit, scored, _ = target_counts(sp)
    return hit, scored


def _reached(s: ScoredIndicator) -> bool:
    if s.outcome.met is not None:
        return s.outcome.met
    if s.status == Status.NOT_RECOMPUTED:  # published full marks, not recomputed, are no target met
        return False
    if s.outcome.completion is not None:
        return s.outcome.completion >= HUNDRED
    return s.indicator.weight is not None and s.score is not None and s.score >= s.indicator.weight

