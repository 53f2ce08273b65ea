"""How two figures' units meet: units of one measure converted exactly, and the readings of a
figure written without a unit.

One place for the comparison with a 绩效目标表 (perfsite.targets_compare) and for scoring
(perfsite.rules): a bare ``≥10`` beside ``5万人次`` reads as 10人次 (it takes the other side's
unit, values.align) or as 10万人次 (the 万 the other cell writes, dropped when the 指标值 was
copied without its 度量单位); ``≥0.95`` beside ``50%`` as 0.95% or 95%. Were the comparison to
take one reading and scoring another, a target could be 与绩效目标一致 as 10万人次 and scored
full marks as 10人次 (500000%). Scoring takes these readings from here: where they give different
scores the score is not recomputed (perfsite.rules), never full marks by one guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, Inexact, InvalidOperation
from typing import NamedTuple

from perfsite.decimals import HUNDRED, exact, plain
from perfsite.values import PERCENT, Figure, UnitMismatch, Value, align, parse_figure, split_comparator

ONE = Decimal(1)

_SCALE = re.compile(r"\d\s*([万亿倍])(?!分)")


def cell_scale(cell: str) -> Decimal:
    """What the 万, 亿 or 倍 of a cell multiplies its number by (1 without): ``≥1.2万人`` →
    10,000, ``≥2倍`` → 100 (2倍 is 200%)."""
    if "万" not in cell and "亿" not in cell and "倍" not in cell:
        return ONE
    found = _SCALE.search(cell)
    multiplier = parse_figure(f"1{found[1]}") if found else None
    return multiplier.amount if multiplier is not None else ONE


_SCALE_WORD = {cell_scale(f"1{word}"): word for word in "万亿倍"}
"""The word of each scale cell_scale reads, to show a figure read in it as the cell counts."""


_MEASURES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("‰", (("‰", "1"), (PERCENT, "10"))),
    ("秒", (("秒", "1"), ("分钟", "60"), ("min", "60"), ("小时", "3600"), ("个小时", "3600"), ("h", "3600"))),
    ("月", (("月", "1"), ("个月", "1"), ("季度", "3"), ("个季度", "3"), ("年", "12"), ("年度", "12"))),
    ("天", (("天", "1"), ("日", "1"), ("周", "7"))),
    ("工作日", (("工作日", "1"), ("个工作日", "1"))),
    ("元", (("元", "1"), ("千元", "1000"))),
    ("米", (("米", "1"), ("千米", "1000"), ("公里", "1000"), ("km", "1000"))),
    ("千克", (("克", "0.001"), ("千克", "1"), ("公斤", "1"), ("kg", "1"), ("斤", "0.5"), ("吨", "1000"))),
    ("人", (("人", "1"), ("名", "1"), ("位", "1"))),
    ("株", (("株", "1"), ("棵", "1"))),
    ("亩", (("平方米", "0.0015"), ("㎡", "0.0015"), ("m²", "0.0015"), ("亩", "1"), ("公顷", "15"),
           ("平方公里", "1500"), ("km²", "1500"))),
)
"""Units that convert exactly, by measure: the measure's unit (the one its sizes count in) and
each unit's size in it, with the other spellings forms print (h, km, ㎡, m², 工作日 for 个工作日:
read as different units, ≤25h after ≤24小时 would be 度量单位不同 and a lowered target unflagged). 万
and 亿 are multiplied out as a cell is read (万元 and 亿元 are 元, 万人次 is 人次:
perfsite.values), so only the units it keeps are here. An area is counted in 亩, not 平方米: 1 亩
is 10000/15 m², no finite decimal, while 1 m² is exactly 0.0015 亩. A measure apart, because no
exact size exists: 天 against 小时 (a 天 of a deadline is often a 工作日, not 24 hours), 天
against 工作日 (holidays), 天 against 月 or 年 (their days vary); 人 against 人次 (one person
counted on each visit) is no measure here (targets_compare.INEXACT). Count words are one measure
only where they count the same thing one by one: 人, 名 and 位 each count people (培训人数
≥50人 restated ≥40名 is lowered, and 元/人 is 元/名), 株 and 棵 each count plants; other count
words name what they count (个 村 against 项 工程, 所 学校 against 个, 家 企业 against 户), so a
target restated in another is undecided (targets_compare.counted_units), never a plain change.
名次 and 位次 are ranks, not counts: not here. Not here: a bare ``m`` or ``t`` (metre or minute,
tonne or time: a form's context decides)."""
UNIT_SIZES: Mapping[str, tuple[str, Decimal]] = {
    unit: (measure, Decimal(size)) for measure, sizes in _MEASURES for unit, size in sizes}


def _reciprocal_is_finite(size: Decimal) -> bool:
    try:
        with exact() as context:
            context.traps[Inexact] = True
            ONE / size
    except (Inexact, InvalidOperation):
        return False
    return True


def _per(measure: str, sizes: tuple[tuple[str, str], ...]) -> tuple[Decimal, str]:
    if all(_reciprocal_is_finite(Decimal(size)) for _, size in sizes):
        return ONE, measure
    unit, size = max(sizes, key=lambda pair: Decimal(pair[1]))  # the first of the largest: 小时, not h
    return Decimal(size), unit


_PER: Mapping[str, tuple[Decimal, str]] = {measure: _per(measure, sizes) for measure, sizes in _MEASURES}
"""What a rate counts per, by the measure of its denominator, and that unit's size: the measure's
unit (1) where every size of the measure has a finite reciprocal (米, 元, 千克); else its largest
unit, 年 for 月, 季度, 年 (1/12 has no finite decimal; 12/12, 12/3 and 12/1 do), 周 for 天 (1/7),
小时 for 秒 and 分钟, 平方公里 for 亩 and 平方米. Every size of a measure divides its largest exactly, so each rate
of one measure has an exact size either way."""


def unit_size(unit: str) -> tuple[str, Decimal] | None:
    """A unit's measure and size in it (UNIT_SIZES); for a rate of two (``元/米``, ``万元/公里``
    read as 元/公里) the rate of the two measures and the sizes' quotient: 元/公里 is 0.001 元/米,
    so ``≤15元/米`` against ``≤1.2万元/公里`` (12 元/米) is a lowered target. A denominator whose
    sizes have no finite reciprocal counts the rate per its measure's largest unit: 次/月
    is 12 and 次/季度 4 (次 per 年: _PER), so ``≥2次/月`` restated ``≥12次/年`` is lowered (24 to
    12). A part that is no unit of UNIT_SIZES stands for itself (次/年 and 次/月 are 1 to 12).
    None where the unit is not here."""
    size = UNIT_SIZES.get(unit)
    if size is not None or "/" not in unit:
        return size
    top, _, bottom = unit.partition("/")
    if top not in UNIT_SIZES and bottom not in UNIT_SIZES:
        return None  # neither part converts: a unit of its own, compared by its text
    parts = [UNIT_SIZES.get(part, (part, ONE)) for part in (top, bottom)]
    per, per_unit = _PER.get(parts[1][0], (ONE, parts[1][0]))
    try:
        with exact() as context:
            context.traps[Inexact] = True
            quotient = parts[0][1] * per / parts[1][1]
    except (Inexact, InvalidOperation):
        return None
    return f"{parts[0][0]}/{per_unit}", quotient


def measure_align(old: Figure, new: Figure) -> tuple[Decimal, Decimal, str]:
    """values.align, and two units of one measure (unit_size) counted in that measure's unit:
    100公里 and 100000米 are 100000米 each, 1.2万元/公里 and 15元/米 are 12 and 15 元/米.
    UnitMismatch for units that do not convert."""
    if old.unit and new.unit and old.unit != new.unit:
        sizes = unit_size(old.unit), unit_size(new.unit)
        if sizes[0] is None or sizes[1] is None or sizes[0][0] != sizes[1][0]:
            raise UnitMismatch(f"单位不可比：「{old.unit}」与「{new.unit}」")
        with exact():  # 25 digits times a size: beyond the default 28
            return old.amount * sizes[0][1], new.amount * sizes[1][1], sizes[0][0]
    return align(old, new)


def bare_factors(bare: Figure, other: Figure, own_scale: Decimal, other_scale: Decimal) -> list[Decimal]:
    """What else a figure written without a unit may mean beside `other`, as factors of its
    number (the first reading, taking the other's unit as it stands, is values.align): ×100 for
    a share written as a fraction (any bare number up to 1 against a percentage: ``0.95`` against
    ``95%``), and the 万, 亿 or 倍 the other cell writes when its own writes none (``100`` against
    ``100万元``, copied from a 指标值 column without its 度量单位). Sorted, none for a bare
    number that has no other reading."""
    factors = set()
    if other.unit == PERCENT and 0 < abs(bare.amount) <= 1:
        factors.add(HUNDRED)
    if other_scale != 1 and own_scale == 1:  # ``99万`` has its 万 already
        factors.add(other_scale)
    return sorted(factors)


ABSURD_COMPLETION = Decimal(10)
"""A completion above 1000% reached only because a bare target took the actual's unit: far
likelier a 万 or a % dropped from the target than a target beaten tenfold, so it is a warning."""


class Reading(NamedTuple):
    """One way to read a pair of cells: the two values, and how the bare one is read (``10万人次``)."""

    target: Value
    actual: Value
    shown: str


def bare_side(target: Value, actual: Value) -> str | None:
    """Which cell writes a figure without a unit where the other writes one (``target`` or
    ``actual``), or None (both have units, or neither: nothing is guessed)."""
    if not (target.figures and actual.figures):
        return None
    t_bare = any(not f.unit for f in target.figures)
    a_bare = any(not f.unit for f in actual.figures)
    if t_bare and any(f.unit for f in actual.figures):
        return "target"
    if a_bare and any(f.unit for f in target.figures):
        return "actual"
    return None


def readings(target: Value, actual: Value) -> list[Reading]:
    """The readings of a pair where one cell's figures have no unit: first as values.align reads
    them (the bare number takes the other's unit), then each other reading (bare_factors) of the
    bare cell's figures. One reading (the first) when there is nothing else to read."""
    side = bare_side(target, actual)
    bare, other = (target, actual) if side == "target" else (actual, target)
    if side is None or (len(other.figures) != 1 and len(other.figures) != len(bare.figures)):
        return [Reading(target, actual, "")]
    unit = next(f.unit for f in other.figures if f.unit)
    scales = cell_scale(bare.text), cell_scale(other.text)
    first = Reading(target, actual, "、".join(reading_shown(f, ONE, unit, scales) for f in bare.figures))
    partners = other.figures if len(other.figures) == len(bare.figures) else other.figures * len(bare.figures)
    factors = sorted({factor for figure, partner in zip(bare.figures, partners, strict=True) if not figure.unit
                      for factor in bare_factors(figure, partner, *scales)})
    found = [first]
    sign = split_comparator(bare.text)[0]
    for factor in factors:
        with exact():
            scaled = tuple(Figure(f.amount * factor, unit) if not f.unit else f for f in bare.figures)
        shown = "、".join(reading_shown(f, factor, unit, scales) for f in bare.figures)
        # one figure read is written as read (「≤90万元」), so the working prints it as the reading shows it
        read = Value(f"{sign or ''}{shown}" if len(scaled) == 1 else bare.text, bare.kind, bare.comparator, scaled)
        pair = (read, actual) if side == "target" else (target, read)
        found.append(Reading(*pair, shown))
    return found


def reading_shown(written: Figure, factor: Decimal, unit: str, scales: tuple[Decimal, Decimal]) -> str:
    """A figure written without a unit as one reading reads it beside a figure in `unit`: its number
    times `factor` (1 for values.align's reading, else one of bare_factors), in the 万, 亿 or 倍 the
    other cell writes when read in it (`scales`: its own cell's and the other's, cell_scale): ``90万元``
    for the 90 beside ``≤90万元`` (the clerk compares it with the form's 90万元, not with 900000元),
    ``2倍`` beside ``3倍`` (read as 200%), ``95%`` for the 0.95 beside ``50%``; a figure with its own
    unit as written. One display for scoring's working and the comparison of targets."""
    if written.unit:
        return written.show()
    counted = _SCALE_WORD.get(scales[1], "") if scales[0] == ONE and factor == scales[1] else ""
    if counted:
        return f"{plain(written.amount)}{counted}{'' if counted == '倍' else unit}"  # 倍 is its own unit (read as %)
    with exact():
        return Figure(written.amount * factor, unit).show()
