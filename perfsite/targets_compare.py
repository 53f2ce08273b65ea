"""Whether a self-evaluation measured itself against the published targets, and indicators by year.

A 自评表 restates each indicator's target. When it differs from the 绩效目标表 published with the
budget, a reader must see it: a target quietly lowered (目标调低: a smaller number for ≥, a larger
one for ≤) makes a programme look successful by moving the bar. Indicators are matched by their
一级/二级/三级 path (perfsite.indicator_paths: renames only where a file states them), rows of one
path by equal target first (pair_by_target); both sides are read by values.target_value and
compared by compare_values, for the 绩效目标表 and the years comparison alike. Figures are
compared as exact Decimals after the unit is normalised (万 multiplied out, a bare number taking
the other side's unit, units of one measure converted: unit_readings), the figures of one cell as
a set (matched by measure and size), text targets as text, on a ranked scale or by a softening word. What cannot be decided is said to be (Verdict.undecided), never guessed, because
it may be a lowered target. Everything here is pure: documents in, rows out.

Only a target table's 年度 set (`indicators`) meets the 自评: a 自评 reports one year, and the 中期
set (`midterm_indicators`) states where a multi-year programme should be at the end of its 实施期,
so its targets are neither lowered nor removed by a year's 自评.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

from perfsite.decimals import exact, plain
from perfsite.importing.datetext import form_date
from perfsite.indicator_paths import Key, canonical, label_key, loose_key, path_key, rename_map
from perfsite.model import IndicatorPath, Programme, Rename
from perfsite.targets import TargetIndicator, TargetTable
from perfsite.unit_readings import bare_factors, reading_shown
from perfsite.unit_readings import cell_scale as _scale
from perfsite.unit_readings import measure_align as _align
from perfsite.unit_readings import unit_size as _size
from perfsite.values import (
    DEADLINE,
    FULL_SHARE,
    Comparator,
    Figure,
    Kind,
    UnitMismatch,
    Value,
    normalise_text,
    note_problem,
    one_sided,
    parse_value,
    range_ends,
    split_comparator,
    target_value,
    uncertain_word,
    writes_figure,
)

ONE = Decimal(1)
"""The scale of a cell that writes no 万, 亿 or 倍."""


class Change(StrEnum):
    """What became of one indicator's target between the 绩效目标表 and the 自评."""

    UNCHANGED = "unchanged"
    LOWERED = "lowered"
    """目标调低: the bar was moved so that less counts as success. A warning a reader must see."""
    RAISED = "raised"
    """目标调高: the bar was moved up."""
    CHANGED = "changed"
    """Different in a way that is neither clearly lower nor higher (text, sign, unit, several figures)."""
    ADDED = "added"
    """In the 自评 only."""
    REMOVED = "removed"
    """In the 绩效目标表 only: an indicator promised and not evaluated."""


CHANGE_LABEL = {
    Change.UNCHANGED: "与绩效目标一致", Change.LOWERED: "目标调低", Change.RAISED: "目标调高",
    Change.CHANGED: "目标有改动", Change.ADDED: "绩效目标表中没有此指标", Change.REMOVED: "自评中没有此指标",
}
FLAGGED = frozenset({Change.LOWERED, Change.CHANGED, Change.ADDED, Change.REMOVED})
"""Changes a page shows as a warning; a raised target is shown, but is no warning."""


UNDECIDED = "无法比较："
"""How the note of an undecided comparison begins (Verdict.undecided): the words a page and the
JSON twin publish, so a reader sees from the note alone that it may be a lowered target."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What comparing one target with another decided."""

    change: Change
    note: str = ""
    """Why a row is CHANGED rather than lowered or raised (单位不同, 方向不同 …), or what a lowered
    or raised one was decided on (区间两端都放宽); empty for most."""
    undecided: bool = False
    """The comparison could not tell whether the target was lowered (a bare number read two
    ways, a figure written as the other side cannot take, units that measure one thing and do
    not convert exactly): it may be, so a page's count of lowered ones is not complete without
    it. Set where the comparer gives up (gave_up), so the count never depends on how the note is
    worded; the note then begins UNDECIDED."""


SAME = Verdict(Change.UNCHANGED)


def gave_up(why: str) -> Verdict:
    """A CHANGED verdict the comparison could not decide, saying why."""
    return Verdict(Change.CHANGED, f"{UNDECIDED}{why}", undecided=True)


@dataclass(frozen=True)
class IndicatorChange:
    """One row of the comparison: a target-table row, a 自评 row, or both."""

    change: Change
    path: IndicatorPath
    """The 自评's path when it has the indicator, else the target table's."""
    planned: str | None
    """The 绩效目标表's target as published (with 指标性质 and 度量单位), None when added."""
    restated: str | None
    """The 自评's target cell, None when removed."""
    planned_index: int | None = None
    evaluated_index: int | None = None
    renamed_from: IndicatorPath | None = None
    """The target table's path, when it is written differently from the 自评's (a rename, a
    一级/二级 label worded another way: pair_rows)."""
    note: str = ""
    """Why a row is CHANGED rather than lowered or raised (单位不同, 方向不同 …): Verdict.note."""
    undecided: bool = False
    """Whether the comparison could not tell if this target was lowered: Verdict.undecided."""


def planned_text(row: TargetIndicator) -> str:
    """A target-table row's target as one cell reads it: ``≥ 1.2 万人`` from its three columns;
    ``81个`` when the form printed no sign (TargetIndicator.inferred: a reader must not take
    the site's ≥ for the form's)."""
    return _planned(row.comparator, row.target, row.unit, row.inferred)


def _planned(comparator: Comparator | None, target: str, unit: str, inferred: bool = False) -> str:
    if comparator is None:
        return target
    body = target if unit == "" or target.endswith(unit) or _has_unit(target) else f"{target}{unit}"
    signed, _ = split_comparator(body)
    return body if signed is not None or inferred else f"{comparator}{body}"


def _has_unit(target: str) -> bool:
    """Whether every figure of a 指标值 writes its own unit (``50000元``, ``95％``): the reader
    took it as agreeing with the 度量单位 (万元, %), and the 度量单位 added after it would
    publish ``50000元万元``."""
    value = target_value(target)
    return value.is_number and all(figure.unit for figure in value.figures)


class Parses:
    """The cells compare_targets reads, remembered for as long as their owner compares (a
    build's worker holds one for all its 自评s; a call given none makes its own): the same
    targets (``≥90%``, ``100%``) recur in file after file, and what is made of one is
    immutable, so one reading serves them all. Bounded: a 100,000-programme build meets more
    distinct cells than it needs to keep."""

    def __init__(self, size: int = 8192) -> None:
        self.target = lru_cache(maxsize=size)(target_value)
        """target_value of a 自评's target cell."""
        self.planned = lru_cache(maxsize=size)(_planned)
        """A target-table row's target as planned_text writes it, from (指标性质, 指标值, 度量单位,
        whether the sign was inferred)."""
        self.verdict = lru_cache(maxsize=size)(self._verdict)
        """compare_target of a row given as (指标性质, 指标值, 度量单位, its figures) against a 自评's
        target cell: check meets ``≥ 100%`` against ``100%`` in file after file."""

    def _verdict(self, comparator: Comparator | None, target: str, unit: str, figures: tuple[Figure, ...],
                 restated: str) -> Verdict:
        row = TargetIndicator("", "", "", comparator, target, unit, figures)
        return compare_target(row, self.target(restated), self.planned(comparator, target, unit))


def compare_targets(table: TargetTable, evaluation: Programme, renames: Iterable[Rename] = (),
                    parses: Parses | None = None) -> list[IndicatorChange]:
    """Each indicator of the 自评 (in its order) against the target table, then the target rows the
    自评 lacks (in the table's order). `renames` add to those the two documents state; `parses`:
    the comparer's remembered cells (Parses). Rows are paired by pair_rows."""
    parses = parses if parses is not None else Parses()
    mapping = rename_map([*table.renamed, *evaluation.renamed, *renames])
    planned_keys = [canonical((row.level1, row.level2, row.name), mapping) for row in table.indicators]
    evaluated_keys = [canonical((i.level1, i.level2, i.name), mapping) for i in evaluation.indicators]
    def same(evaluated: int, planned: int) -> bool:
        row = table.indicators[planned]
        return compare_target(row, parses.target(evaluation.indicators[evaluated].target),
                              parses.planned(row.comparator, row.target, row.unit, row.inferred)).change is Change.UNCHANGED

    pairs = pair_rows(evaluated_keys, planned_keys, same)
    rows: list[IndicatorChange] = []
    for index, indicator in enumerate(evaluation.indicators):
        path = (indicator.level1, indicator.level2, indicator.name)
        target_index = pairs.get(index)
        if target_index is None:
            rows.append(IndicatorChange(Change.ADDED, path, None, indicator.target, evaluated_index=index))
            continue
        row = table.indicators[target_index]
        planned_cell = parses.planned(row.comparator, row.target, row.unit, row.inferred)
        verdict = compare_target(row, parses.target(indicator.target), planned_cell)
        old = (row.level1, row.level2, row.name)
        said = by_name_note(planned_keys[target_index], evaluated_keys[index]) \
            if planned_keys[target_index] != evaluated_keys[index] else ""
        note = f"{verdict.note}；{said}" if verdict.note and said else verdict.note or said
        rows.append(IndicatorChange(verdict.change, path, planned_cell, indicator.target, target_index, index,
                                    old if path_key(old) != path_key(path) else None, note, verdict.undecided))
    used = set(pairs.values())
    for index, row in enumerate(table.indicators):
        if index not in used:
            rows.append(IndicatorChange(Change.REMOVED, (row.level1, row.level2, row.name),
                                        parses.planned(row.comparator, row.target, row.unit, row.inferred), None,
                                        planned_index=index))
    return rows


def _same(key: Key) -> Key:
    return key


def _name(key: Key) -> str:
    return loose_key(key)[2]


_PAIRINGS: tuple[tuple[Callable[[Key], object], bool], ...] = ((_same, False), (loose_key, False), (_name, True))
"""How rows are paired, strictest first: the exact path (renames followed), the path with its
一级/二级 labels as label_key reads them (a trailing 等, 指标 present or not, notes in brackets:
the same labels, worded another way), the 三级 name alone. Each later way pairs only rows the
earlier ones left; the flag: whether the key must stand for one path among all the rows of
each side (the name alone: one 三级 name under two 二级 of one form is two indicators)."""


def pair_rows(evaluated: Sequence[Key], planned: Sequence[Key],
              same: Callable[[int, int], bool] | None = None) -> dict[int, int]:
    """The 自评's row index → the target table's it is compared with (_PAIRINGS). Within one way,
    rows of one key pair by pair_by_target (`same`: whether the 自评's row restates the table's
    target unchanged). So a 二级 worded differently by the two forms never hides a lowered
    target, and 学生满意度 under two 二级 of one form is never paired by its name alone."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for key_of, whole in _PAIRINGS:
        if len(pairs) == len(evaluated) or len(pairs) == len(planned):  # most pair by their path: done
            break
        ours, theirs = _open_rows(evaluated, key_of, set(pairs)), _open_rows(planned, key_of, taken)
        for key, (paths, indexes) in ours.items():
            other = theirs.get(key)
            if other is None or (whole and (len(paths) > 1 or len(other[0]) > 1)):
                continue
            if len(indexes) == 1 and len(other[1]) == 1:  # most keys: one row each side
                pairs[indexes[0]] = other[1][0]
                taken.add(other[1][0])
                continue
            for mine, its in pair_by_target(indexes, other[1], same):
                pairs[mine] = its
                taken.add(its)
    return pairs


def pair_by_target(mine: Sequence[int], theirs: Sequence[int],
                   same: Callable[[int, int], bool] | None) -> list[tuple[int, int]]:
    """Rows of one key (two 培训人数 under one 二级) paired: first each with the first of the other
    side whose target it restates unchanged (`same`), then the rest in order. Paired in order
    alone, ≥100人、≥50人 listed the other way round would be 目标调低 and 目标调高. One pairing for
    the 绩效目标表 comparison (pair_rows) and the years comparison (compare_years)."""
    if same is None or (len(mine) == 1 and len(theirs) == 1):
        return list(zip(mine, theirs, strict=False))
    pairs: list[tuple[int, int]] = []
    open_theirs = list(theirs)
    rest: list[int] = []
    for index in mine:
        equal = next((its for its in open_theirs if same(index, its)), None)
        if equal is None:
            rest.append(index)
        else:
            pairs.append((index, equal))
            open_theirs.remove(equal)
    return pairs + list(zip(rest, open_theirs, strict=False))


def _open_rows(keys: Sequence[Key], key_of: Callable[[Key], object],
               paired: set[int]) -> dict[object, tuple[set[Key], list[int]]]:
    """key_of(key) → (the exact keys of all the rows it finds, the indexes not yet paired, in order)."""
    found: dict[object, tuple[set[Key], list[int]]] = {}
    for index, key in enumerate(keys):
        paths, indexes = found.setdefault(key_of(key), (set(), []))
        paths.add(key)
        if index not in paired:
            indexes.append(index)
    return found


def by_name_note(planned: Key, evaluated: Key) -> str:
    """What a row paired by its 三级 name alone says: which labels the two forms word differently
    (empty for rows paired by their path)."""
    differ = [level for level, old, new in zip(("一级", "二级"), planned, evaluated, strict=False)
              if label_key(old) != label_key(new)]
    if not differ:
        return ""
    return f"两表的{'、'.join(differ)}指标名称写法不同，按三级指标名称对应"


def compare_target(planned: TargetIndicator, restated: Value, planned_cell: str | None = None) -> Verdict:
    """One target-table row against the target cell a 自评 gives for it; `planned_cell`: the
    row's planned_text, when the caller has it."""
    planned_cell = planned_text(planned) if planned_cell is None else planned_cell
    if restated.text == planned_cell:  # most 自评s copy the target as published: one reading
        return SAME
    if restated.is_missing:
        return Verdict(Change.CHANGED, "自评未填写目标值")
    if planned.comparator is None or not planned.figures:
        return compare_values(Value(planned.target, Kind.TEXT), restated)
    return compare_values(Value(planned_cell, Kind.NUMBER, planned.comparator, planned.figures), restated)


def compare_values(old: Value, new: Value) -> Verdict:
    """One target against another as target_value reads them (neither missing): the one comparer
    of a 绩效目标表 row with its 自评 and of a year's target with the next year's, so 目标调低
    means the same on both pages. Figures by compare_figures (a ≤ target restated without its
    sign: _unsigned_lowered); a figure against text that bounds one side (90%–100%: one_sided)
    as figures, other text as kind_change says; two texts by compare_texts."""
    dated = _deadlines(old.text, new.text)
    if dated is not None:
        return dated
    if old.is_number and new.is_number:
        scales = (_scale(old.text), _scale(new.text))
        return (_unsigned_lowered(old.comparator, old.figures, new, scales)
                or compare_figures(old.comparator, old.figures, new.comparator, new.figures, scales))
    if old.is_number:
        sided = one_sided(new.text)
        if sided is None:
            return kind_change(new.text, quantitative=True)
        return compare_figures(old.comparator, old.figures, *sided, (_scale(old.text), ONE))
    if new.is_number:
        if normalise_text(old.text) == normalise_text(new.text):  # 定性 95% against 95%
            return SAME
        sided = one_sided(old.text)
        if sided is None:
            return kind_change(old.text, quantitative=False)
        return compare_figures(*sided, new.comparator, new.figures, (ONE, _scale(new.text)))
    return compare_texts(old.text, new.text)


_ANY_YEAR = 2001
"""The year a deadline that names none (「12月底前」) is read in, on both sides alike: not a leap year, so a
「2月底」 is left uncompared (28 or 29 February, the form does not say)."""


def _deadline(text: str) -> tuple[dt.date, bool, str] | None:
    """(the day, whether a year was written, the words around it) of a target that is a deadline; None
    for any other. The day is read by the importer's date reader (datetext.form_date), its month's end
    by the calendar."""
    if "前" not in text:
        return None
    found = DEADLINE.search(text)
    if found is None:
        return None
    year = int(found["y"]) if found["y"] else _ANY_YEAR
    month = 12 if found["year_end"] else int(found["m"])
    if not 1 <= month <= 12 or (found["month_end"] and not found["y"] and month == 2):
        return None  # no month (「13月底前」: the calendar would raise), or a 「2月底」 of no year
    day = calendar.monthrange(year, month)[1] if found["year_end"] or found["month_end"] else int(found["d"])
    read = form_date(f"{year}年{month}月{day}日")
    if read is None or read.iso is None:
        return None
    around = normalise_text(text[:found.start()] + "…" + text[found.end():])
    return dt.date.fromisoformat(read.iso), bool(found["y"]), around


def _deadlines(before: str, after: str) -> Verdict | None:
    """Two deadlines of the same words (_deadline): the same day written two ways (12月31日前, 12月底前) is
    the same target; a later day of the same year asks less (目标调低), an earlier one more. None when
    either is no deadline, one names a year and the other does not, the words around the dates differ, or
    the years do (a year's target against the next year's moves its deadline a year on, and asks no less)."""
    old, new = _deadline(before), _deadline(after)
    if old is None or new is None or old[1:] != new[1:] or old[0].year != new[0].year:
        return None
    if old[0] == new[0]:
        return SAME
    later = new[0] > old[0]
    return Verdict(Change.LOWERED if later else Change.RAISED,
                   f"完成时限{'推后' if later else '提前'}：{_day(old[0], old[1])} → {_day(new[0], new[1])}")


def _day(day: dt.date, with_year: bool) -> str:
    return f"{f'{day.year}年' if with_year else ''}{day.month}月{day.day}日"


def _unsigned_lowered(was: Comparator, before: Sequence[Figure], restated: Value,
                      scales: tuple[Decimal, Decimal]) -> Verdict | None:
    """A ≤ target restated without a sign (投诉率 ≤5% as 8%: many forms print the value alone)
    is read as ≥ by scoring, so by sign alone it is 有改动; read with the sign it had, a larger
    number is 目标调低, and that is what a reader must be told."""
    sign = _as_scored(was, before)
    if sign.direction >= 0 or restated.comparator is not Comparator.GE or split_comparator(restated.text)[0] is not None:
        return None  # 4天内 is read as ≤ (target_value): it wrote its sign in words
    if compare_figures(sign, before, sign, restated.figures, scales).change is not Change.LOWERED:
        return None
    return Verdict(Change.LOWERED, f"目标值「{restated.text}」没有写比较符号（计分时按 ≥ 理解），按原来的 {sign} 比较")


def kind_change(text: str, quantitative: bool) -> Verdict:
    """Why a number and a text target are not compared: a 定量 target turned 定性 (or back), or,
    when the text side writes a figure the reader cannot take (约85%, 百分之九十五, 90%-95%), that
    the two cannot be compared, not that the target changed kind."""
    problem = note_problem(text)
    if problem is not None:
        return gave_up(f"「{text}」：{problem}")
    word = uncertain_word(text)
    if word is not None:
        return gave_up(f"「{text}」中的「{word}」说明该数不确切")
    if writes_figure(text):
        return gave_up(f"「{text}」不是能与另一边比较的数字写法（如 ≥95%、≤5万元）")
    return Verdict(Change.CHANGED, "定量目标改为定性目标" if quantitative else "定性目标改为定量目标")


_DEGREE_VERBS = ("提升", "提高", "改善", "增强", "增加", "增长", "下降", "降低", "减少")
"""Verbs a 定性 target ranks by the adverb before them (明显改善, 有所改善, 改善)."""
QUALITATIVE_SCALES: tuple[tuple[frozenset[str], ...], ...] = (
    (frozenset({"优", "优秀"}), frozenset({"良", "良好"}), frozenset({"中", "中等", "合格"}),
     frozenset({"差", "较差", "不合格"})),
    (frozenset({"好"}), frozenset({"较好"}), frozenset({"一般"}), frozenset({"差", "较差"})),
    (frozenset({"非常满意", "很满意"}), frozenset({"满意"}), frozenset({"较满意", "比较满意"}),
     frozenset({"基本满意"}), frozenset({"不满意", "不太满意"})),
    *((frozenset({f"显著{verb}", f"明显{verb}"}), frozenset({verb})) for verb in _DEGREE_VERBS),
    *((frozenset({f"显著{verb}", f"明显{verb}"}), frozenset({f"有所{verb}"})) for verb in _DEGREE_VERBS),
)
"""定性 targets that rank, highest tier first: 优 → 良 or 好 → 较好 lowers the bar as surely as
95% → 90% does, and so does 明显改善 → 改善 or → 有所改善 (any improvement meets the latter).
Two words rank only within one scale (好 and 良好 belong to none together; 改善 and 有所改善
neither: whether 有所 asks less than the bare verb is not clear, so that pair is 目标文字不同).
Satisfaction is asked on the survey's own scale, 满意 > 较满意 > 基本满意 > 不满意 (the options a
满意度调查 offers in that order), so 较满意 → 基本满意 is lowered though both words soften 满意."""


def _tiers(scales: Sequence[Sequence[frozenset[str]]]) -> dict[str, dict[int, int]]:
    found: dict[str, dict[int, int]] = {}
    for index, scale in enumerate(scales):
        for tier, words in enumerate(scale):
            for word in words:
                found.setdefault(word, {})[index] = tier
    return found


_TIERS = _tiers(QUALITATIVE_SCALES)
"""Each word of QUALITATIVE_SCALES → {its scale's index: its tier there}: two texts that rank
are found with two lookups (a loop over the 20 scales cost 16 µs a pair of unranked texts)."""


SAME_WORDS: tuple[tuple[str, str], ...] = (("提高", "提升"),)
"""Words a 定性 target writes either way for one meaning (持续提高 is 持续提升): compared as the second."""
SOFTENERS = ("基本上", "基本", "大部分", "部分", "比较", "较为", "较", "有所", "初步", "大体")
"""Words that ask less of a 定性 target than the words without them (符合要求 → 基本符合要求,
满意 → 较满意, 建成 → 初步建成: 目标调低). 有所 counts only in place of an INTENSIFIER
(大幅提升 → 有所提升): before a bare verb (提升 → 有所提升) it asks no clearly smaller change."""
INTENSIFIERS = ("全部", "全面", "完全", "大幅度", "大幅", "显著", "明显", "有效", "充分")
"""Words that ask more, which a softener replaces (全部完成 → 基本完成, 有效提升 → 有所提升)."""
DEGREE_WORDS = ("大幅度", "大幅", "显著", "明显", "有效")
"""The INTENSIFIERS that say how far a 定性 target's verb (_DEGREE_VERBS: 提升, 改善, 降低 …) is to
move: dropped, the bare verb is met by any move at all, so 有效提升 → 提升 and 大幅降低成本 →
降低成本 ask less (目标调低; put in, 调高), as 明显改善 → 改善 does on QUALITATIVE_SCALES. The
others say how much of a thing (全部, 全面, 完全, 充分): 完成 may well mean 全部完成, so 全部完成 →
完成 is no clear change, and stays 目标文字不同."""


def _wording(text: str) -> str:
    for other, word in SAME_WORDS:
        text = text.replace(other, word)
    return text


def softened(old: str, new: str) -> tuple[str, str] | None:
    """Whether `new` asks less than `old` by a softener (SOFTENERS) added, or put in an
    intensifier's place: (the softener, the intensifier it replaced or ""); None when not."""
    for soft in SOFTENERS:
        at = new.find(soft)
        while at >= 0:
            head, tail = new[:at], new[at + len(soft):]
            if soft != "有所" and head + tail == old:
                return soft, ""
            for strong in INTENSIFIERS:
                if old == head + strong + tail:
                    return soft, strong
            at = new.find(soft, at + 1)
    return None


def compare_texts(before: str, after: str) -> Verdict:
    """Two 定性 targets: the same text (spaces and full stops aside), two ranges (compare_ranges),
    ranked on one of QUALITATIVE_SCALES, or changed."""
    old, new = _wording(normalise_text(before)), _wording(normalise_text(after))
    if old == new:
        return SAME
    ranges = range_ends(old), range_ends(new)
    if ranges[0] is not None and ranges[1] is not None:
        return compare_ranges(*ranges)  # type: ignore[arg-type]
    tiers = _tiers_of(old, new)
    if tiers is not None and tiers[0] == tiers[1]:
        return SAME
    said = _softening(old, new)
    if tiers is None:
        return said or _degree_dropped(old, new) or Verdict(Change.CHANGED, "目标文字不同")
    change = Change.LOWERED if tiers[1] > tiers[0] else Change.RAISED
    return said if said is not None and said.change is change else Verdict(change)


def _tiers_of(old: str, new: str) -> tuple[int, int] | None:
    """The tiers of two 定性 targets on the first of QUALITATIVE_SCALES that has both: of the
    whole texts (优, 良), else of what follows the words they begin with alike (服务质量优 and
    服务质量良, 群众较满意 and 群众基本满意: a form writes the rank after what is ranked), the
    longest such end first that both are on one scale."""
    alike = next((at for at, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    for start in range(alike + 1):  # 服务质量优, 服务质量优秀: after 服务质量, not 服务质量优
        found, other = _TIERS.get(old[start:]), _TIERS.get(new[start:])
        if found is None or other is None:
            continue
        shared = min(found.keys() & other.keys(), default=None)  # the first scale with both
        if shared is not None:
            return found[shared], other[shared]
    return None


def _softening(old: str, new: str) -> Verdict | None:
    """A 定性 target lowered or raised by a softener (softened), the word named; None when not."""
    for change, (weaker, stronger) in ((Change.LOWERED, (new, old)), (Change.RAISED, (old, new))):
        found = softened(stronger, weaker)
        if found is not None:
            soft, strong = found
            words = (strong, soft) if change is Change.LOWERED else (soft, strong)
            said = f"「{words[0]}」改为「{words[1]}」" if strong else \
                f"{'加了' if change is Change.LOWERED else '去掉了'}「{soft}」"
            return Verdict(change, f"定性目标{said}")
    return None


def _degree_dropped(old: str, new: str) -> Verdict | None:
    """A 定性 target lowered by a DEGREE_WORDS word dropped before its verb (有效提升服务质量 →
    提升服务质量), or raised by one put in; None when neither. Texts a scale ranks are ranked
    there (_tiers_of) and never come here."""
    for change, (longer, shorter) in ((Change.LOWERED, (old, new)), (Change.RAISED, (new, old))):
        for word in DEGREE_WORDS:
            at = longer.find(word)
            while at >= 0:
                rest = longer[at + len(word):]
                if rest.startswith(_DEGREE_VERBS) and longer[:at] + rest == shorter:
                    return Verdict(change, f"定性目标{'去掉了' if change is Change.LOWERED else '加了'}「{word}」")
                at = longer.find(word, at + 1)
    return None


def compare_ranges(before: tuple[Figure, Figure], after: tuple[Figure, Figure]) -> Verdict:
    """A range target (达到 90%–95%) against another. A form does not say whether a range is met
    as ≥ its low end, ≤ its high end or within both, so each reading is ranked: lowered in every
    reading (wider at both ends) is lowered, raised in every reading (narrower at both) raised;
    lowered in some reading only (85%–95% for 90%–95% is the same bar read as ≤ 95%) cannot be
    decided, and is said so with the end that moved. A reading a range cannot mean is left out:
    ≤ 100% of a share (90%–100% is ≥ 90%, so 85%–100% is lowered), ≥ 0 (0–5% is ≤ 5%)."""
    try:
        ends = [_align(old, new) for old, new in zip(before, after, strict=True)]
    except UnitMismatch:
        return _unmatched(before[0], after[0])
    (old_low, new_low, unit), (old_high, new_high, _) = ends
    if (old_low, old_high) == (new_low, new_high):
        return SAME
    within = (Change.LOWERED if new_low <= old_low and new_high >= old_high else
              Change.RAISED if new_low >= old_low and new_high <= old_high else Change.CHANGED)
    readings = {within}
    if old_low != 0 or new_low != 0:
        readings.add(_rank(1, old_low, new_low))
    if old_high != FULL_SHARE.get(unit) or new_high != FULL_SHARE.get(unit):
        readings.add(_rank(-1, old_high, new_high))
    decided = readings.pop() if readings == {Change.LOWERED} or readings == {Change.RAISED} else None
    if decided is not None and new_low != old_low and new_high != old_high:
        return Verdict(decided, f"区间两端都{'放宽' if decided is Change.LOWERED else '收窄'}")
    converted = bool(before[0].unit and after[0].unit and before[0].unit != after[0].unit)
    moved = "，".join(
        f"{end}由 {was.show() if converted else plain(old) + unit} 改为 {now.show() if converted else plain(new) + unit}"
        for end, old, new, was, now in (("下限", old_low, new_low, before[0], after[0]),
                                        ("上限", old_high, new_high, before[1], after[1])) if old != new)
    if decided is not None:
        return Verdict(decided, f"区间目标的{moved}")
    why = f"区间目标的{moved}，高低取决于指标按下限、上限还是区间考核"
    return gave_up(why) if Change.LOWERED in readings else Verdict(Change.CHANGED, why)


def compare_figures(was: Comparator, before: Sequence[Figure], now: Comparator,
                    after: Sequence[Figure], scales: tuple[Decimal, Decimal] = (ONE, ONE),
                    ) -> Verdict:
    """Numeric targets: lowered, raised, unchanged, or changed when they cannot be ranked.
    `scales`: the 万 or 亿 each side's cell writes (_scale), for a bare number on the other."""
    written = f"指标性质由 {was} 改为 {now}"  # as the cells write them (= 0, not the ≤ 0 it ranks as)
    signs = was, now
    was, now = _as_scored(was, before), _as_scored(now, after)
    if was.direction != now.direction:
        return Verdict(Change.CHANGED, written)
    if len(before) != len(after):
        return _other_count(signs, before, after, scales)
    by_place = _paired(was, before, now, after, scales)
    matched = _by_measure(before, after) if len(before) > 1 else None
    if matched is None or matched == tuple(after):
        return by_place
    by_size = _paired(was, before, now, matched, scales)
    if by_size.change is Change.UNCHANGED or by_size == by_place:
        return by_size  # the same figures in another order
    if any(_measure(old.unit) != _measure(new.unit) for old, new in zip(before, after, strict=True)):
        return by_size  # by position 100人 met 5万元: by measure, each its own
    if by_size.change is by_place.change:
        return by_place
    return gave_up(f"几个目标值的先后不同：按位置对应{_MOVE_WORD.get(by_place.change, '目标有改动')}，"
                   f"按大小对应{_MOVE_WORD.get(by_size.change, '目标有改动')}")


def _paired(was: Comparator, before: Sequence[Figure], now: Comparator, after: Sequence[Figure],
            scales: tuple[Decimal, Decimal]) -> Verdict:
    """Figures of one count under one direction (as scored), each against its partner."""
    moves: set[Change] = set()
    unranked: Verdict | None = None
    """Why a pair of figures could not be ranked (the first such); a lowered one still wins."""
    for old, new in zip(before, after, strict=True):
        try:
            pairs = _readings(old, new, scales)
        except UnitMismatch:
            unranked = unranked or _unmatched(old, new)
            continue
        if was != now and not old.unit and not new.unit and _whole(old.amount) and _whole(new.amount):
            counted, measured = (_move(was, now, old.amount, new.amount, whole) for whole in (True, False))
            if counted != measured:
                unranked = unranked or gave_up(
                    f"「{now}{plain(new.amount)}」与「{was}{plain(old.amount)}」都没有写单位：按整数计数时"
                    f"{_MOVE_WORD[counted]}，按可有小数的量{_MOVE_WORD[measured]}")
                continue
        found = {_move(was, now, a, b, was != now and _counted(unit, a, b)) for a, b, unit, _ in pairs}
        if len(found) > 1 and Change.UNCHANGED not in found:
            bare, own = (old, scales) if not old.unit else (new, scales[::-1])
            shown = "、".join(reading_shown(bare, factor, unit, own) for _, _, unit, factor in pairs)
            unranked = unranked or gave_up(f"「{plain(bare.amount)}」没有写单位，按 {shown} 理解结论不同")
            continue
        moves.add(Change.UNCHANGED if Change.UNCHANGED in found else found.pop())
    if Change.LOWERED in moves:  # a lowered figure is never hidden by another
        return Verdict(Change.LOWERED)
    if unranked is not None:
        return unranked
    if Change.CHANGED in moves:
        return Verdict(Change.CHANGED, "目标值不同")
    return Verdict(Change.RAISED) if Change.RAISED in moves else SAME


def _by_measure(before: Sequence[Figure], after: Sequence[Figure]) -> tuple[Figure, ...] | None:
    """`after` reordered to meet `before` figure by figure by measure, and within a measure by
    size (the smallest with the smallest): a cell's figures are a set, and ``≥95%、≥98%`` is
    ``≥98%、≥95%`` written the other way round; ``≥4万元、≥120人`` meets ``≥100人、≥5万元`` 元 to 元.
    None when the two cells do not have as many figures of each measure (a bare number: its own)."""
    def groups(figures: Sequence[Figure]) -> dict[str, list[int]]:
        found: dict[str, list[int]] = defaultdict(list)
        for index, figure in enumerate(figures):
            found[_measure(figure.unit)].append(index)
        for indexes in found.values():
            indexes.sort(key=lambda index: _amount(figures[index]))
        return found

    ours, theirs = groups(before), groups(after)
    if {k: len(v) for k, v in ours.items()} != {k: len(v) for k, v in theirs.items()}:
        return None
    order: list[Figure | None] = [None] * len(before)
    for measure, indexes in ours.items():
        for mine, its in zip(indexes, theirs[measure], strict=True):
            order[mine] = after[its]
    return tuple(figure for figure in order if figure is not None)


def _amount(figure: Figure) -> Decimal:
    """A figure in its measure's unit (unit_readings.UNIT_SIZES), to rank figures of one measure."""
    size = _size(figure.unit)
    with exact():
        return figure.amount if size is None else figure.amount * size[1]


def _other_count(signs: tuple[Comparator, Comparator], before: Sequence[Figure], after: Sequence[Figure],
                 scales: tuple[Decimal, Decimal]) -> Verdict:
    """Cells of a different number of figures: which figure is measured against which a form does
    not say, so where one of the 自评's is easier to meet than one of the table's (≥95% restated as
    ≥95%、≥90%) it may be a lowered target: undecided, the two named; else a change."""
    was, now = signs
    for new in after:
        for old in before:
            if compare_figures(was, (old,), now, (new,), scales).change is Change.LOWERED:
                return gave_up(f"目标值的个数不同（{len(before)} 个改为 {len(after)} 个），"
                               f"其中「{now}{new.show()}」比「{was}{old.show()}」容易达到")
    return Verdict(Change.CHANGED, "目标值的个数不同")


_MOVE_WORD = {Change.UNCHANGED: "目标不变", Change.LOWERED: "目标调低", Change.RAISED: "目标调高"}

_DAYS, _WORKDAYS, _TIMES, _MONTHS = (frozenset({m}) for m in ("天", "工作日", "秒", "月"))
INEXACT: tuple[tuple[frozenset[str], frozenset[str], str], ...] = (
    (_DAYS | _WORKDAYS, _TIMES, "天可能指工作日，不按 24 小时换算"),
    (_DAYS, _WORKDAYS, "工作日不含节假日"),
    (_DAYS | _WORKDAYS, _MONTHS, "一个月、一年的天数不固定"),
    *((frozenset({unit}), frozenset({f"{unit}次"}), f"{unit}次按次数计，同一{unit}可计多次") for unit in "人户家"),
)
"""Measures (unit_readings.UNIT_SIZES; a unit of none its own) that measure the same thing
without an exact conversion: a target restated from one to the other may be lowered, and cannot
be decided (said with the reason); two count units (counted_units) neither; other units that
differ (万元 against 人) are a different measure, a change and no more."""

_COUNTERS = "个家人次所项件户座台套名位起篇场批期本册辆处条支门株棵头只份张例宗间栋艘架"
_COUNTED = re.compile(f"[{_COUNTERS}]$")
"""Units of things counted one by one (人, 家, 人次, 起): their numbers are whole."""
_COUNT_UNIT = re.compile(f"[{_COUNTERS}]次?")
"""A unit that is a measure word alone (个, 项, 名, 人次, 次)."""


def _counted(unit: str, old: Decimal, new: Decimal) -> bool:
    """Whether two amounts in `unit` count things, so that only whole numbers can meet them."""
    return "/" not in unit and _COUNTED.search(unit) is not None and _whole(old) and _whole(new)


def _whole(amount: Decimal) -> bool:
    return amount == amount.to_integral_value()


def _measure(unit: str) -> str:
    size = _size(unit)
    return unit if size is None else size[0]


def counted_units(old: str, new: str) -> bool:
    """Whether two different units are both measure words of a count (10个 and 8项, 3所 and 2个):
    the same things counted with another word, or other things; which, a form does not say, so a
    target restated so may be lowered and is undecided, never a plain 度量单位不同. Words that
    count one thing (人, 名, 位) convert before this (unit_readings.UNIT_SIZES)."""
    return old != new and _COUNT_UNIT.fullmatch(old) is not None and _COUNT_UNIT.fullmatch(new) is not None


def _unmatched(old: Figure, new: Figure) -> Verdict:
    """Two figures whose units do not convert: undecided when they measure one thing (INEXACT; two
    rates of one numerator by their denominators: ≥1次/天 against ≥300次/年) or are both count
    units (counted_units); else a plain change, the two units named (that they do
    not convert goes without saying: the pages where the note recurs per year keep to their 40 KB)."""
    measures = _measure(old.unit), _measure(new.unit)
    tops, bottoms = zip(*(unit.partition("/")[::2] for unit in (old.unit, new.unit)), strict=True)
    if all(bottoms) and _measure(tops[0]) == _measure(tops[1]):  # 次/天 against 次/年: as 天 against 年
        measures = _measure(bottoms[0]), _measure(bottoms[1])
    for first, second, why in INEXACT:
        if (measures[0] in first and measures[1] in second) or (measures[0] in second and measures[1] in first):
            return gave_up(f"{old.show()} 与 {new.show()} 的单位不能精确换算，{why}")
    if counted_units(old.unit, new.unit):
        return gave_up(f"{old.show()} 与 {new.show()} 的计数单位不同，{old.unit}与{new.unit}计数的不一定是同一种对象")
    return Verdict(Change.CHANGED, f"度量单位不同（{old.show()}、{new.show()}）")


def _readings(old: Figure, new: Figure, scales: tuple[Decimal, Decimal]) -> list[tuple[Decimal, Decimal, str, Decimal]]:
    """The ways two figures compare. A bare number takes the other side's unit (align), and may
    also mean the number as the other side writes it: ``100`` against ``100万元`` (copied from the
    目标表's 指标值 column without its 度量单位) is 100 万元, and ``0.95`` against ``95%`` is 95%
    (a share written as a fraction: any bare number up to 1 against a percentage, so ``0.0101``
    against ``≤0.02%`` is undecided, not a raised 0.0101%). Either reading that leaves the target
    as it was makes it unchanged; readings that rank it differently cannot be decided. Units of
    one measure are converted exactly (_align). Each reading is (old, new, unit, the factor the bare
    number is read with: 1 for align's), the factor for showing it as scoring does (reading_shown)."""
    first = (*_align(old, new), ONE)
    pairs = [first]
    if bool(old.unit) == bool(new.unit):
        return pairs
    bare_old = not old.unit
    bare, other = (old, new) if bare_old else (new, old)
    own, scale = scales if bare_old else scales[::-1]
    for factor in bare_factors(bare, other, own, scale):
        amount = bare.amount * factor
        pairs.append((amount, new.amount, first[2], factor) if bare_old else (old.amount, amount, first[2], factor))
    return pairs


def _as_scored(comparator: Comparator, figures: Sequence[Figure]) -> Comparator:
    """``=`` as scoring reads it: ``= 100%`` is met like ``≥ 100%`` (a 自评 writes the same target
    ``100%``); ``= 0`` is met by 0 alone, as ``≤ 0`` is (incidents, complaints: nothing below
    none), so ``= 0`` restated as ``≤ 1`` tolerates one: lowered."""
    if comparator is Comparator.EQ:
        if all(f.amount != 0 for f in figures):
            return Comparator.GE
        if all(f.amount == 0 for f in figures):
            return Comparator.LE
    return comparator


def _bar(comparator: Comparator, amount: Decimal, counted: bool) -> tuple[Decimal, int]:
    """Where a one-sided target puts the bar, as a key that grows with how hard it is to meet:
    ≥ a is (a, 0) and > a (a, 1), just above it; ≤ a is (−a, 0) and < a (−a, 1). Counted things
    come in whole numbers, so there > 94 is ≥ 95 and < 6 is ≤ 5."""
    strict = comparator is Comparator.GT or comparator is Comparator.LT
    key = -amount if comparator.direction < 0 else amount
    if strict and counted:
        return key + 1, 0
    return key, int(strict)


def _move(was: Comparator, now: Comparator, old: Decimal, new: Decimal, counted: bool) -> Change:
    """One figure's target under its sign (was, now: one direction, as scored) to another: ≥ 95%
    → > 95% asks more (raised), > 95% → ≥ 95% less (lowered); for `counted` things ≥ 95人 and
    > 94人 are one bar (under one sign whole numbers rank as any do, so the caller asks
    _counted only when the signs differ)."""
    if was is now:  # one sign: the numbers alone
        return _rank(was.direction, old, new)
    before, after = _bar(was, old, counted), _bar(now, new, counted)
    if after == before:
        return Change.UNCHANGED
    return Change.LOWERED if after < before else Change.RAISED


def _rank(direction: int, old: Decimal, new: Decimal) -> Change:
    """One number moved under a direction (1: more is better, −1: less is, 0: = with figures of
    both kinds, 0 and not, met by those numbers alone)."""
    if new == old:
        return Change.UNCHANGED
    if direction == 0:
        return Change.CHANGED
    easier = new < old if direction > 0 else new > old
    return Change.LOWERED if easier else Change.RAISED


class YearIndicator(Protocol):
    """What the years comparison reads of an indicator (a model Indicator, an IndicatorRecord, a SheetRow)."""

    @property
    def level1(self) -> str: ...
    @property
    def level2(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def actual(self) -> str: ...


class YearEvaluation(Protocol):
    """One year's 自评 as the years comparison reads it (a Programme, a Record, a YearSheet)."""

    @property
    def year(self) -> int: ...
    @property
    def indicators(self) -> Sequence[YearIndicator]: ...
    @property
    def renamed(self) -> Sequence[Rename]: ...


@dataclass(frozen=True)
class YearCell:
    """One indicator in one year's 自评."""

    target: str
    actual: str
    actual_figure: Figure | None
    """The actual's first figure (unit normalised), for a trend; None for text or nothing."""
    path: IndicatorPath = ("", "", "")
    """Its 一级/二级/三级 names as that year's file writes them (a rename shows here)."""


@dataclass(frozen=True)
class YearRow:
    """One indicator across the years of a series."""

    path: IndicatorPath
    """Its name in the latest year that has it."""
    years: Mapping[int, YearCell]
    former: tuple[IndicatorPath, ...] = ()
    """Other names it had in earlier years (through a stated rename)."""


def compare_years(evaluations: Iterable[YearEvaluation], renames: Iterable[Rename] = ()) -> list[YearRow]:
    """The indicators of a series' 自评s by year: the latest year's rows in its order, then rows
    only earlier years have (latest first). Rows of one key pair by pair_by_target (against the
    nearest later year that has the row), and 一级/二级 labels worded another way and a 三级 name's
    end punctuation (loose_key) are the same, as in compare_targets. Renames: those the files
    state, and `renames` (the series' 绩效目标表s'). Of two 自评s of one year the first given
    stays (the cross-file check reports the other)."""
    documents = sorted(evaluations, key=lambda p: p.year, reverse=True)
    mapping = rename_map([r for p in documents for r in p.renamed] + list(renames))
    order: list[tuple[Key, int]] = []
    cells: dict[tuple[Key, int], dict[int, YearCell]] = {}
    names: dict[tuple[Key, int], list[IndicatorPath]] = {}
    slots: dict[Key, list[tuple[Key, int]]] = {}
    taken: set[int] = set()
    for programme in documents:
        if programme.year in taken:
            continue
        taken.add(programme.year)
        indicators = programme.indicators
        paths = [(i.level1, i.level2, i.name) for i in indicators]
        keys = [loose_key(canonical(path, mapping)) for path in paths]  # 「…指标」, 「…指标等」: one
        by_key: dict[Key, list[int]] = defaultdict(list)
        for index, key in enumerate(keys):
            by_key[key].append(index)
        found: dict[int, tuple[Key, int]] = {}
        for key, indexes in by_key.items():
            known = slots.get(key)  # the later years' rows of this key
            if not known:
                continue
            if len(indexes) == 1 and len(known) == 1:  # most keys: one row a year
                found[indexes[0]] = known[0]
                continue
            rows = list(known)

            def same(mine: int, its: int, rows: list[tuple[Key, int]] = rows,
                     indicators: Sequence[YearIndicator] = indicators) -> bool:
                later = cells[rows[its]]
                return moved_target(indicators[mine].target, later[min(later)].target).change is Change.UNCHANGED

            found.update((mine, rows[its]) for mine, its in pair_by_target(indexes, range(len(rows)), same))
        for index, (key, path) in enumerate(zip(keys, paths, strict=True)):
            slot = found.get(index)
            if slot is None:
                known = slots.setdefault(key, [])
                slot = (key, len(known))
                known.append(slot)
                order.append(slot)
                cells[slot], names[slot] = {}, []
            cells[slot][programme.year] = _cell(indicators[index], path)
            if path not in names[slot]:
                names[slot].append(path)
    return [YearRow(names[slot][0], dict(sorted(cells[slot].items())), tuple(names[slot][1:])) for slot in order]


def _cell(indicator: YearIndicator, path: IndicatorPath) -> YearCell:
    actual = parse_value(indicator.actual)
    figure = actual.figures[0] if actual.is_number and len(actual.figures) == 1 else None
    return YearCell(indicator.target, indicator.actual, figure, path)


class YearChange(StrEnum):
    """What became of one indicator from one year of a series to the next."""

    ADDED = "added"
    """Listed this year for the first time (the series' first year adds nothing)."""
    RESUMED = "resumed"
    """Listed again after a year without it; renames and targets are compared with the last year
    that had it."""
    DROPPED = "dropped"
    """Listed the year before, not this year: an indicator that stopped being reported."""
    RENAMED = "renamed"
    """Listed under another name, matched through a stated rename."""
    TARGET_LOWERED = "target_lowered"
    """The bar moved so that less counts as success (as 目标调低 against a 绩效目标表)."""
    TARGET_RAISED = "target_raised"
    TARGET_CHANGED = "target_changed"
    """The target differs in a way that is neither clearly lower nor higher."""


YEAR_CHANGE_LABEL = {
    YearChange.ADDED: "新列入", YearChange.RESUMED: "重新列入", YearChange.DROPPED: "不再列入", YearChange.RENAMED: "改名",
    YearChange.TARGET_LOWERED: "目标调低", YearChange.TARGET_RAISED: "目标调高",
    YearChange.TARGET_CHANGED: "目标有改动",
}
YEAR_FLAGGED = frozenset({YearChange.DROPPED, YearChange.TARGET_LOWERED, YearChange.TARGET_CHANGED})
"""Changes a reader is warned of: an indicator no longer reported, a bar lowered or moved."""
_TARGET_STEP = {Change.LOWERED: YearChange.TARGET_LOWERED, Change.RAISED: YearChange.TARGET_RAISED,
                Change.CHANGED: YearChange.TARGET_CHANGED}


@dataclass(frozen=True)
class YearStep:
    """One change of one indicator between a year of its series and the next."""

    year: int
    """The later of the two years."""
    change: YearChange
    before: str | None
    """The earlier year's target (its path, joined with / , for a rename); None when added."""
    after: str | None
    note: str = ""


def year_steps(row: YearRow, years: Sequence[int]) -> list[YearStep]:
    """What changed for `row` from each of `years` (every year of the series, ascending) to the
    next: added, dropped, renamed, and its target moved (ranked as compare_targets ranks a
    restated target, so 目标调低 means the same on both comparisons)."""
    steps: list[YearStep] = []
    last: YearCell | None = None
    for before, year in pairwise(years):
        old, new = row.years.get(before), row.years.get(year)
        last = old or last
        if new is None:
            if old is not None:
                steps.append(YearStep(year, YearChange.DROPPED, old.target, None))
            continue
        if old is None:
            steps.append(YearStep(year, YearChange.ADDED if last is None else YearChange.RESUMED,
                                  None if last is None else last.target, new.target))
            if last is None:
                continue
            old = last
        if old.path != new.path and path_key(old.path) != path_key(new.path):
            steps.append(YearStep(year, YearChange.RENAMED, _joined(old.path), _joined(new.path)))
        moved = moved_target(old.target, new.target)
        if moved.change in _TARGET_STEP:
            steps.append(YearStep(year, _TARGET_STEP[moved.change], old.target, new.target, moved.note))
    return steps


def _joined(path: IndicatorPath) -> str:
    return " / ".join(part for part in path if part)


_target_cell = lru_cache(maxsize=65_536)(target_value)
"""target_value of a year's target cell, remembered: a series' cells recur on each of its pages."""


def moved_target(before: str, after: str) -> Verdict:
    """One year's target cell against the next year's: unchanged, lowered, raised or changed,
    read (target_value) and compared (compare_values) as a 自评 against its 绩效目标表."""
    if before == after:  # most targets stay as they were: no parsing
        return SAME
    old, new = _target_cell(before), _target_cell(after)
    if old.is_missing and new.is_missing:
        return SAME
    if old.is_missing or new.is_missing:
        return Verdict(Change.CHANGED, "未填写目标值" if new.is_missing else "上年未填写目标值")
    return compare_values(old, new)


def target_move(before: str, after: str) -> tuple[Change, str]:
    """moved_target as the years comparison publishes it, the change and its note (a year's step
    has no count of undecided targets)."""
    moved = moved_target(before, after)
    return moved.change, moved.note


def actual_move(before: YearCell, after: YearCell) -> int | None:
    """The actual from one year to the next: 1 up, -1 down, 0 the same; None when either is not
    one figure, their units cannot be compared (1.18万人 and 12,350人 can: 万 is multiplied out),
    or a bare number read as _readings reads a target goes up one way and down the other."""
    if before.actual_figure is None or after.actual_figure is None:
        return None
    try:
        pairs = _readings(before.actual_figure, after.actual_figure, (_scale(before.actual), _scale(after.actual)))
    except UnitMismatch:
        return None
    moves = {(new > old) - (new < old) for old, new, _, _ in pairs}
    if len(moves) > 1:  # a bare number read two ways (0.96 after 95%): no arrow unless one reading is the same
        return 0 if 0 in moves else None
    return moves.pop()
