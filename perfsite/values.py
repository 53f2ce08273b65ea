"""Read published values the way a person reads a 自评表 cell.

``≥300家``, ``＞5%``, ``17.65万家次``, ``2.84倍``, ``87.10%、64.52%``, ``符合要求``, ``/``: a
cell is a comparator, one or more figures with a unit, text, or nothing at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from functools import lru_cache

from perfsite.decimals import HUNDRED, UNSIGNED_NUMBER, in_range, parse_decimal, plain


class Comparator(StrEnum):
    """Which direction of the actual meets the target."""

    GE = "≥"
    """At least the target (the default when a cell has no sign)."""
    GT = ">"
    """More than the target; scored like ≥."""
    LE = "≤"
    """At most the target: lower is better (costs, durations, incidents)."""
    LT = "<"
    """Less than the target; scored like ≤."""
    EQ = "="
    """Equal to the target; read as ≥, except ``= 0`` which only 0 meets."""

    @property
    def lower_is_better(self) -> bool:
        return self is _LE or self is _LT

    @property
    def direction(self) -> int:
        """+1 when more is better (≥ >), −1 when less is (≤ <), 0 for exactly (=): what a change of
        the number means, as a target table and a 自评 are compared."""
        if self is _LE or self is _LT:
            return -1
        return 0 if self is _EQ else 1


_LE, _LT, _EQ = Comparator.LE, Comparator.LT, Comparator.EQ
"""The members as module names: reading one off its class (``Comparator.LE``) costs about 0.3 µs
on Python 3.11 (and hashing one calls Python), and scoring asks every indicator's direction."""


class Kind(StrEnum):
    """What a cell holds."""

    NUMBER = "number"
    """One or more figures, with an optional comparator and unit."""
    TEXT = "text"
    """A qualitative statement (符合要求, 增长较大)."""
    MISSING = "missing"
    """Nothing given (empty, ``/``, ``—``, ``-``, ``*``): never read as 0."""


_NUMBER, _MISSING = Kind.NUMBER, Kind.MISSING  # asked of every cell scored: see _LE


PLACEHOLDERS = frozenset({"", "/", "／", "—", "——", "-", "--", "－", "–", "*", "＊", "无数据"})
NO_NUMBER = frozenset({"", "/", "—", "-"})
"""What a number field (weight, score, an amount) may hold for "no figure": fewer than a text
field tolerates, so that a stray mark in a figure is reported rather than read as blank."""

NO_FIGURE_WORDS = frozenset({"无", "不适用", "空", "暂无", "未填", "没有", "未发生", "N/A", "n/a", "NA"})
"""Words a clerk types in a figure's cell for "none": not read as blank (a stray word in a figure is
reported), but the message says what a blank figure is written as."""


_MINUS_LOOKALIKE = re.compile(r"(?:^|[≥≤<>=＞＜≧≦＝:：\s（(])([\u2010-\u2013\u2212\ufe63\uff0d])[0-9０-９.]")
"""A dash before a figure that is not the ASCII minus the figures are read with (「−5」 pasted from
Word, 「－5」 typed full-width): it looks like one, and 「不是数字」 alone left the clerk staring at -5."""


def minus_hint(raw: object) -> str:
    """「：「−」不是减号…」 when `raw` writes a figure with a dash that is not the minus sign, else ""."""
    found = _MINUS_LOOKALIKE.search(raw) if isinstance(raw, str) else None
    if found is None:
        return ""
    return f"：其中的「{found[1]}」（U+{ord(found[1]):04X}）不是减号，负数请用半角减号「-」（如 -5）"


def number_advice(raw: object) -> str:
    """What to write instead of a text refused as a figure (weight, score, amount), as the tail of its
    message: 「无」 and 「——」 are blank figures written otherwise, 「3千元」 「¥3,000」 「50分」 are figures
    with what the file does not take, 「十八」 a figure in words. The message said only 「应是数字，而不是「无」」."""
    if not isinstance(raw, str):
        return ""
    text = raw.strip()
    if text in NO_FIGURE_WORDS or text in PLACEHOLDERS:
        return "：没有这个数时请写「/」，或删去这一项"
    if minus := minus_hint(text):
        return minus
    if any(char.isdigit() for char in text) and text.strip("0123456789０１２３４５６７８９,，.。 "):
        return "：请只写数字，不带单位、百分号、货币符号和「万」「千」等字"
    if text and all(char in _CHINESE_NUMERALS for char in text):
        return "：请用阿拉伯数字书写（如 18、2.5）"
    return ""


_CHINESE_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两点壹贰叁肆伍陆柒捌玖拾佰仟")


UNSTATED = "未载明"
"""What the data contract has a publisher write where the original names no department."""


def stated(text: str | None) -> bool:
    """Whether a name (department, region) was given: not empty, a placeholder or 未载明.

    Listings group programmes by these names; an unstated one is counted beside the list,
    never listed as if 未载明 were a department."""
    if not text:
        return False
    bare = text.strip()
    return bare not in PLACEHOLDERS and bare != UNSTATED

PERCENT = "%"

FORMULA_START = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection):
Excel and LibreOffice run ``=``, ``+``, ``-`` and ``@``; a leading tab or CR hides one."""
_SIGNED_NUMBER = re.compile(rf"[+-](?:{UNSIGNED_NUMBER})%?")


def inert_cell(text: str) -> str:
    """A text cell as written to a CSV or XLSX download: one a spreadsheet would run as a formula
    gets a leading apostrophe, which Excel and LibreOffice show as text and do not display.

    A signed number (``-5.00``, ``+3%``) and a lone placeholder (``-``, ``--``) stay as they are:
    a spreadsheet reads them as a number or text, never as a formula. The same rule is
    ``inert()`` in perfsite/assets/export.js, for the browser's 下载当前结果."""
    first = text[:1]
    if first not in FORMULA_START:
        return text
    if first in "+-" and (text in PLACEHOLDERS or _SIGNED_NUMBER.fullmatch(text)):
        return text
    return "'" + text


def undo_inert(text: str) -> str:
    """A cell read back from a download: the apostrophe `inert_cell` put in front is dropped, so a
    published table re-imports as written (``'=0人`` → ``=0人``). Only an apostrophe `inert_cell`
    itself would add is dropped; any other cell is returned unchanged."""
    if text[:1] == "'" and text[1:2] in FORMULA_START and inert_cell(text[1:]) == text:
        return text[1:]
    return text

SIGN_CHARACTERS: dict[Comparator, str] = {
    Comparator.GE: "≥≧⩾", Comparator.LE: "≤≦⩽", Comparator.GT: ">＞﹥〉", Comparator.LT: "<＜﹤〈",
    Comparator.EQ: "=＝﹦═⩵",
}
"""Every character that is a sign alone, by what it means; the one place the importers' patterns (a
指标性质 cell, a 指标值 that starts with its sign, a target that is only a sign and a unit) are derived
from. Look-alikes are signs too: clerks type what their input method offers, and forms print ``═100%``
(U+2550, a box-drawing double line), ``⩾95%`` (the slanted ≥ of math fonts) and ``〉90%`` (a CJK angle
bracket) for =, ≥ and >; read as text, the indicator would be scored 定性评价 and its target compared
as words. 〈 and 〉 are also the brackets of a title (「〈说明〉」): `LEADING_SIGN` does not take an 〈
that a 〉 closes."""
SIGNS = "".join(SIGN_CHARACTERS.values())
SIGN_CLASS = "[" + re.escape(SIGNS) + "]"
"""A regular expression's class of the sign characters."""
LEADING_SIGN = "(?:〈(?![^〈〉]*〉)|[" + re.escape(SIGNS.replace("〈", "")) + "])"
"""A sign character as the start of a cell: 〈 only when no 〉 closes it (「〈90%」 is <90%, 「〈说明〉」 a title)."""
BRACKETED = re.compile(r"〈[^〈〉]*〉")
"""A text in angle brackets (「〈少数民族发展任务〉」): a title, no sign."""

# Longest first, so that ">=" is not read as ">" followed by "=".
_PREFIX = [
    ("大于等于", Comparator.GE), ("小于等于", Comparator.LE), ("不低于", Comparator.GE),
    ("不少于", Comparator.GE), ("不小于", Comparator.GE), ("不高于", Comparator.LE),
    ("不超过", Comparator.LE), ("不大于", Comparator.LE), ("不多于", Comparator.LE),
    ("至少", Comparator.GE), ("达到", Comparator.GE), ("大于", Comparator.GT), ("高于", Comparator.GT),
    ("超过", Comparator.GT), ("多于", Comparator.GT), ("小于", Comparator.LT),
    ("低于", Comparator.LT), ("少于", Comparator.LT), ("控制在", Comparator.LE),
    (">=", Comparator.GE), ("＞＝", Comparator.GE), ("<=", Comparator.LE), ("＜＝", Comparator.LE), ("==", Comparator.EQ),
    *((sign, comparator) for comparator, signs in SIGN_CHARACTERS.items() for sign in signs),
]
_SUFFIX = [("及以上", Comparator.GE), ("以上", Comparator.GE), ("及以下", Comparator.LE),
           ("以下", Comparator.LE), ("以内", Comparator.LE)]
_PREFIX_BY_FIRST: dict[str, tuple[tuple[str, Comparator], ...]] = {
    first: tuple(entry for entry in _PREFIX if entry[0][0] == first) for first in {word[0] for word, _ in _PREFIX}}
"""The prefixes by their first character, longest first as in _PREFIX: a cell tries only those
that can match (most cells none), not all 43."""
_SUFFIX_LAST = frozenset(word[-1] for word, _ in _SUFFIX)

_FIGURE = re.compile(
    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)"
    r"\s*(?P<mult>[万亿](?![分]))?(?P<unit>[^\d\s、；;，,]{0,8})"
)
DEADLINE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号]|(?P<month_end>[底末]))"
                      r"|(?P<year_end>(?(y)年?|年)[底末]))\s*(?:之|以)?前")
"""A deadline: a date and 前 (「2021年12月31日前」「12月底前」「2021年底前」「2025年年底前」「年末之前」). Its year, month
and day are a date, no quantity: no figure (`parse_figure`), so such a cell is text (「2021年底前完成」 was the figure ≥ 2021 of the unit
「年底前完成」, 「11月底前」 ≥ 11 「月底前」), and two deadlines are compared as days (targets_compare)."""
_WIDE_THOUSANDS = re.compile(r"(?<![\d.,，])\d{1,3}(?:，\d{3})+(?!\d)")
"""``1，200人``: a full-width comma between digit groups, typed in full-width mode, separates
thousands as ``1,200`` does (else 1 and 200人, two figures, the lower scored); a list's comma
separates figures that do not come in groups of three (``87.10%，64.52%``)."""


def _half_commas(found: re.Match[str]) -> str:
    return found[0].replace("，", ",")


_SPLIT = re.compile(r"\s*[、；;，]\s*|\s*,\s+|\s+和\s+")
_PERCENT_UNITS = {"%", "％", "百分比", "百分点"}
_MULTIPLIER = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


@dataclass(frozen=True)
class Figure:
    """One number with its unit after 万/亿 are multiplied out and 倍 turned into %.

    `unit` is ``%`` for a percentage, ``""`` for a bare number, else the unit text (家, 万元 → 元).
    """

    amount: Decimal
    unit: str

    def show(self) -> str:
        return f"{plain(self.amount)}{self.unit}"


@dataclass(frozen=True)
class Value:
    """A parsed cell; `text` is kept exactly as published."""

    text: str
    kind: Kind
    comparator: Comparator = Comparator.GE
    figures: tuple[Figure, ...] = ()

    @property
    def is_number(self) -> bool:
        return self.kind is _NUMBER

    @property
    def is_missing(self) -> bool:
        return self.kind is _MISSING


def cell_text(raw: object) -> str:
    """The published text of a cell, whatever YAML made of it (Decimal keeps its digits)."""
    if type(raw) is str:  # the usual case
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, Decimal):
        return f"{raw:f}"
    return str(raw).strip()


def parse_value(raw: object) -> Value:
    """Parse a target or actual cell. Never raises: anything unreadable is text."""
    return _parse_text(cell_text(raw))


@lru_cache(maxsize=65_536)
def _parse_text(text: str) -> Value:
    """Cells repeat across thousands of tables (100%, ≥90%, 符合要求): parse each text once."""
    compact = text.replace(" ", "").replace("\u3000", "").replace("．", ".")  # a full-width point, as full-width digits
    if compact in PLACEHOLDERS:
        return Value(text, Kind.MISSING)
    if "，" in compact:
        compact = _WIDE_THOUSANDS.sub(_half_commas, compact)
    comparator, body = _strip_comparator(compact)
    if body[-1:] in _CLOSE:
        annotated = annotation(comparator, body)
        if annotated is None:
            return Value(text, Kind.TEXT)
        comparator, body = annotated
    parts = [p for p in _SPLIT.split(body) if p]
    figures: list[Figure] = []
    for part in parts:
        figure = parse_figure(part)
        if figure is None:
            return Value(text, Kind.TEXT)
        figures.append(figure)
    if not figures:
        return Value(text, Kind.TEXT)
    return Value(text, Kind.NUMBER, comparator or Comparator.GE, tuple(figures))


@lru_cache(maxsize=4096)
def parse_figure(text: str) -> Figure | None:
    """``17.65万家次`` → 176500 家次; ``2.84倍`` → 284 %; None when not exactly one figure.

    Remembered: rule parameters (1万人, 90%) repeat in every file, and a Figure is immutable."""
    match = _FIGURE.fullmatch(text.strip())
    if not match or ("前" in match["unit"] and DEADLINE.search(text)):
        return None
    amount = parse_decimal(match["num"])
    if amount is None:  # the pattern's \d admits digits of other scripts (৭), which are no number here
        return None
    if match["mult"]:
        amount *= _MULTIPLIER[match["mult"]]
    unit = match["unit"]
    if unit in _PERCENT_UNITS:
        unit = PERCENT
    elif unit == "倍":
        amount *= HUNDRED
        unit = PERCENT
    if (match["mult"] or match["unit"] == "倍") and not in_range(amount):
        return None  # 万/亿/倍 multiplied out stays within the contract's digits
    return Figure(amount, unit)


def _strip_comparator(text: str) -> tuple[Comparator | None, str]:
    found: Comparator | None = None
    for word, comparator in _PREFIX_BY_FIRST.get(text[:1], ()):
        if text.startswith(word):
            found, text = comparator, text[len(word):]
            break
    if text[-1:] in _SUFFIX_LAST:
        for word, comparator in _SUFFIX:
            if text.endswith(word):
                found = found or comparator
                text = text[: -len(word)]
                break
    return found, text


_CLOSE = frozenset("）)")
_NOTE = re.compile(r"(.+?)[（(]([^（）()]*)[）)]")
_WHICH = r"(?:本数|该数|此数|等于|本身)?"
_INCLUDES = re.compile(rf"(?:含|包含|包括)(?P<what>{_WHICH}|.+)")
_EXCLUDES = re.compile(rf"(?:[不未](?:含|包含|包括)|不等于)(?P<what>{_WHICH}|.+)|(?P<before>{_WHICH}|.+)除外")
"""含 and 不含 as forms write them: the word (含, 包含, 包括; 不含, 不包含, 不包括, 不等于, …除外;
未含, 未包含, 未包括: 「not included」 in other words, 「≤5%（未含）」 is ＜5%)
alone, with what it is of (本数, 该数, 此数, 等于, 本身) or with the cell's own figure (含95%): the
figure is in (≥) or out (＞). Any other note with these words (（含税）, （不含95%以上）) says more
than which side the figure is on, so it is no exact target: an exclusion read as a label would
publish full marks at the edge the note excludes."""
_SIDE_WORDS = ("含", "包括", "除外", "等于")
_HEDGES = ("约", "左右", "上下", "预计", "预期", "估", "暂", "力争", "争取", "原则", "初步", "待定", "浮动", "参考", "或")
"""Words that make a note say the figure is not the target itself (≥95%（约）, ≥90%（力争95%）),
written at the start or end of the note: inside a word (（评估合格率）: 估 of 评估) they hedge nothing."""
_STRICTER = {Comparator.GE: Comparator.GT, Comparator.LE: Comparator.LT}
_SCALES = frozenset("万亿%％‰倍")
"""First characters of a note that is a bare number's unit and changes its size (（万元）, （%）)."""
_COUNTED = "个家人所项件户座台套名位起篇场批期本册辆处条支门株棵头只份张例宗间栋艘架"
_COUNTED_UNIT = re.compile(rf"[{_COUNTED}]?次?")
"""A unit of things counted one by one, as a whole note (（人）, （人次）, （家）, （次）)."""
_COUNT_WORD = re.compile(rf"(?:(?![{_COUNTED}次一二两三四五六七八九十百千万亿每])[\u4e00-\u9fff])+[{_COUNTED}]")
"""A noun ending in a counted unit's character, no numeral and no other such character before it:
the things counted, named (（事项）, （农户）, （案件）, （车辆）), a label; 「≥5（事项）」 is 5 of the
actual's unit. One with a numeral or another counted character before it (（千人）, （台套）, （个体户）)
may be a unit of its own, and stays unknown."""
_CONTRADICTION = "目标的符号与括号中的说明矛盾"


class Note(StrEnum):
    """What a bracketed note after a figure is, read by its words alone."""

    UNIT = "unit"
    """A unit the unit tables know (（分钟）, （公里）, （人）) or a scale (（万元）, （%））."""
    LABEL = "label"
    """Words of no unit, naming the measure (（投诉率）, （农村学校））."""
    UNKNOWN = "unknown"
    """Words that may be a unit nobody here knows (（mi）, （元/人）, （工日）, （吨公里））: a bare
    number read with it or without it are different targets, so neither is taken."""


@lru_cache(maxsize=1024)
def note_kind(note: str) -> Note:
    """Whether a note is a unit, a label or may be either. The unit tables live in
    perfsite.unit_readings, which reads figures with this module: imported here, when first asked."""
    from perfsite.unit_readings import UNIT_SIZES  # here: unit_readings imports this module

    if not note:
        return Note.UNKNOWN
    if note[0] in _SCALES or note in _PERCENT_UNITS or note in UNIT_SIZES or _COUNTED_UNIT.fullmatch(note):
        return Note.UNIT
    if _COUNT_WORD.fullmatch(note) and not note.endswith(tuple(u for u in UNIT_SIZES if len(u) > 1)):
        return Note.LABEL
    if (any(c.isascii() and c.isalpha() for c in note) or "/" in note or note.endswith(tuple(UNIT_SIZES))
            or _COUNTED_UNIT.fullmatch(note[-1:])):
        return Note.UNKNOWN
    return Note.LABEL


def annotation(comparator: Comparator | None, body: str) -> tuple[Comparator | None, str] | None:
    """A figure followed by a note in brackets, as forms write a target: the comparator and the
    figure the note leaves, or None where the note makes the cell no exact target (text; the
    reason is note_problem's).

    ``≥95%（含）``, ``95%以上（含95%）``, ``≤5%（含本数）`` are the figure, inclusive (the contract's ≥
    and 以上 already are, as 以上、以下、以内 include the number in Chinese law's reading);
    ``≥95%（不含）``, ``≤5天（不含此数）``, ``≥100人（本数除外）``, ``≥95%（不等于）`` are strict (＞95%);
    a note naming the measure (``≤5%（投诉率）``, ``≥90%（农村学校）``) is a label and leaves the figure
    as it is, and a label after another note is read past (``≥95%（不含）（投诉率）`` is ＞95%). A
    bare number's note that is a unit (``≥60（分钟）`` is 60分钟, ``≥100（万元）`` 100万元, ``≥5（公里）``
    5公里) is its unit: read as a label, the number would take the actual's unit (60 against 1.5小时:
    60小时). A note that hedges the figure (``≥95%（约）``, ``（力争）``), writes another figure
    (``≥95%（上年80%）``) or a sign of its own, 含/不含 against a sign that says the opposite
    (``＞95%（含）``), a note that may be an unknown unit of a bare number (``≥5（mi）``) and 含/除外
    other than exactly which side the figure is on (``（含税）``) are no exact target: None."""
    return _annotated(comparator, body)[0]


def note_problem(text: str) -> str | None:
    """Why a target with a note in brackets is no exact target, in a reader's words; None for a cell
    without such a note, or one whose note is read."""
    compact = text.replace(" ", "").replace("\u3000", "")
    comparator, body = _strip_comparator(compact)
    if body[-1:] not in _CLOSE:
        return None
    return _annotated(comparator, body)[1]


def _annotated(comparator: Comparator | None, body: str) -> tuple[tuple[Comparator | None, str] | None, str | None]:
    found = _NOTE.fullmatch(body)
    if found is None:
        return None, None
    rest, note = found[1], found[2].strip()
    if comparator is None and rest[-1:] in _SUFFIX_LAST:
        comparator, rest = _strip_comparator(rest)
    figure = parse_figure(rest)
    side = _side(note, figure)
    if side is not None:
        strict = comparator is Comparator.GT or comparator is Comparator.LT
        if side:  # inclusive
            return ((comparator, rest), None) if not strict else (None, f"{_CONTRADICTION}（「{note}」）")
        if strict:
            return (comparator, rest), None
        if comparator in _STRICTER:
            return (_STRICTER[comparator], rest), None
        return None, f"括号中的「{note}」没有说明是大于还是小于该数"
    if any(w in note for w in _SIDE_WORDS):
        return None, f"括号中的「{note}」不只是说明含不含该数"
    if note.startswith(_HEDGES) or note.endswith(_HEDGES):
        return None, f"括号中的「{note}」说明该数不确切"
    if _signed(note):
        said = _strip_comparator(note)[0]
        against = comparator is not None and said is not None and said.direction != comparator.direction
        return None, f"{_CONTRADICTION}（「{note}」）" if against else f"括号中的「{note}」又写了比较"
    kind = note_kind(note)
    # a bare number, or figures without a unit (0-5（分钟）, read by range_ends)
    bare = (figure is None and rest[-1:].isdigit()) or (figure is not None and not figure.unit)
    unknown = bare and kind is Note.UNKNOWN
    if kind is not Note.UNIT and writes_figure(note) and not (unknown and not any(c.isdigit() for c in note)):
        return None, f"括号中的「{note}」写有另一个数"  # 上年80%; 万元 is a unit, 千人 may be one
    if unknown:
        return None, f"括号中的「{note}」可能是单位，也可能只是说明，读法不同目标不同"
    if bare:
        if kind is Note.UNIT:
            return (comparator, rest + note), None
    elif figure is not None and kind is Note.UNIT and parse_figure(f"1{note}") != Figure(Decimal(1), figure.unit):
        return None, f"数字已写单位「{figure.unit}」，括号中又写单位「{note}」"
    if rest[-1:] in _CLOSE:  # a label after another note: ≥95%（不含）（投诉率）
        return _annotated(comparator, rest)
    return (comparator, rest), None


def _side(note: str, figure: Figure | None) -> bool | None:
    """True for a note that says the figure is included, False excluded, None neither."""
    excluded = _EXCLUDES.fullmatch(note)
    if excluded is not None:
        what = excluded["what"] if excluded["what"] is not None else excluded["before"]
        return False if _which(what, figure) else None
    included = _INCLUDES.fullmatch(note)
    if included is not None and _which(included["what"], figure):
        return True
    return None


def _which(what: str, figure: Figure | None) -> bool:
    """Whether what a 含/不含 is of is the figure itself: nothing, 本数, 该数, 此数, 等于, 本身 or the
    same figure, with or without 在内 (不包括本数在内)."""
    what = what.removesuffix("在内")
    return what in ("", "本数", "该数", "此数", "等于", "本身") or _same_figure(what, figure)


def _same_figure(text: str, figure: Figure | None) -> bool:
    """Whether a note's figure (含95%) is the cell's own (a bare 95 beside 95% is)."""
    named = parse_figure(text)
    return figure is not None and named is not None and named.amount == figure.amount and named.unit in ("", figure.unit)


def _signed(note: str) -> bool:
    """Whether a note writes a comparator of its own (（以上）, （≥）): no label."""
    return any(c in SIGNS for c in note) or any(word in note for word, _ in _PREFIX if len(word) > 1) or any(
        word in note for word, _ in _SUFFIX)


def written_target(raw: object) -> Value:
    """A target cell as scoring and the comparisons both read it: parse_value, with a deadline's
    内 read as ≤ (``3天内`` is ≤ 3天, met by 2天) and a figure an inexact word qualifies text
    (``≥90%左右``: no 90 of the unit ``%左右``); _target_units. One reading, so a target the
    comparison calls ≤ 3天 is scored as ≤ 3天, not refused as the unit 天内."""
    return _written_text(cell_text(raw))


@lru_cache(maxsize=65_536)
def _written_text(text: str) -> Value:
    """written_target of a cell's text, remembered as _parse_text is: _target_units searches each
    figure's unit again, and the same targets (≥95%, 100%) fill thousands of tables."""
    value = _parse_text(text)
    return _target_units(value) if value.kind is Kind.NUMBER else value


def target_value(raw: object) -> Value:
    """A target cell as a 绩效目标表 and the comparisons with it (a 自评's, the next year's) read
    it: as parse_value, and a cell that writes its sign before every figure (``≥80%、≥60%``, as
    forms print two-part targets) is the figures under that one sign, the same as ``≥80%、60%``.
    Signs that differ between the figures stay text, and so does a figure whose note in brackets
    is no exact target (note_problem: ``＜10%（含）``) or that a word says is inexact
    (uncertain_word: ``≥90%左右`` is no 90 of the unit ``%左右``). A deadline ``3天内`` is ≤ 3天
    (within_unit). Scoring reads a cell by written_target, without the one sign over several
    figures: a 自评's published score was not made that way.
    """
    value = written_target(raw)
    if value.kind is not Kind.TEXT or note_problem(value.text) is not None:
        return value
    comparator, body = split_comparator(value.text)
    if comparator is None:
        return value
    figures = []
    for part in (p for p in _SPLIT.split(body) if p):
        sign, rest = _strip_comparator(part)
        figure = parse_figure(rest) if sign in (None, comparator) else None
        if figure is None:
            return value
        figures.append(figure)
    return _target_units(Value(value.text, Kind.NUMBER, comparator, tuple(figures))) if figures else value


_UNSURE = ("左右", "上下", "约", "力争", "争取", "预计", "预期", "大概", "估计")
"""Words that make a written figure no exact target, wherever they stand (约94%, 94%左右, 力争95%)."""
_UNSURE_WORD = re.compile("|".join(f"(?<![节契制预公条合签履]){w}" if w == "约" else w for w in _UNSURE))
"""An _UNSURE word as a word: the 约 of 节约, 签约, 预约 says nothing of a figure."""


def uncertain_word(text: str) -> str | None:
    """The word of a cell that writes a figure and says it is inexact (_UNSURE), or None."""
    found = _UNSURE_WORD.search(text) if writes_figure(text) else None
    return found[0] if found else None


_WITHIN = "内"
_ODD_UNIT = re.compile(f"{_WITHIN}$|{'|'.join(_UNSURE)}")
"""A unit _target_units reads again: one search a figure, as most units are neither."""
_DURATIONS = frozenset({"秒", "天", "工作日", "月"})
"""The measures (unit_readings.UNIT_SIZES) of a deadline: ``3天内``, ``5个工作日内``, ``2小时内``."""


def within_unit(unit: str) -> str | None:
    """The unit of a deadline written ``N天内`` (天), or None for any other unit."""
    if not unit.endswith(_WITHIN):
        return None
    from perfsite.unit_readings import UNIT_SIZES  # here: unit_readings imports this module

    size = UNIT_SIZES.get(unit[:-1])
    return unit[:-1] if size is not None and size[0] in _DURATIONS else None


def _target_units(value: Value) -> Value:
    """A target's figures with 内 read as ≤ (``4天内`` is ≤ 4天: as unit 天内 it was neither ≤ nor
    comparable), and a figure whose unit is an inexact word (``%左右``) text."""
    if not any(_ODD_UNIT.search(f.unit) for f in value.figures):  # most: ``%``, ``人``
        return value
    if any(_UNSURE_WORD.search(f.unit) for f in value.figures):
        return Value(value.text, Kind.TEXT)
    units = [within_unit(f.unit) for f in value.figures]
    if all(unit is None for unit in units):
        return value
    written = split_comparator(value.text)[0]
    if None in units or (written is not None and written.direction >= 0):
        return Value(value.text, Kind.TEXT)  # ≥3天内, or 内 on one figure of two: no one reading
    figures = tuple(Figure(f.amount, unit) for f, unit in zip(value.figures, units, strict=True) if unit is not None)
    return Value(value.text, Kind.NUMBER, written or Comparator.LE, figures)


def split_comparator(text: str) -> tuple[Comparator | None, str]:
    """The comparator written in a cell (None when there is none) and the rest of the cell."""
    return _strip_comparator(text.replace(" ", "").replace("\u3000", ""))


def comparator_word(text: str) -> Comparator | None:
    """The comparator a cell consists of alone (``≥``, ``>=``, ``不低于``, ``以上``); None otherwise.

    A 绩效目标表 gives the sign in its own 指标性质 column; it is read by the same table as a
    sign written in the cell."""
    found, rest = split_comparator(text)
    return found if not rest else None


class UnitMismatch(ValueError):
    """Two figures whose units cannot be compared (万元 against 人)."""


def align(target: Figure, actual: Figure) -> tuple[Decimal, Decimal, str]:
    """Put two figures on one unit: a bare number takes the other side's unit."""
    if target.unit == actual.unit:
        return target.amount, actual.amount, target.unit
    if target.unit == "":
        return target.amount, actual.amount, actual.unit
    if actual.unit == "":
        return target.amount, actual.amount, target.unit
    raise UnitMismatch(f"单位不可比：目标值单位「{target.unit}」，实际值单位「{actual.unit}」")


_RANGE = re.compile(r"(.+?)(?:[-－—–~～]+|至|到)(.+)")


def range_ends(text: str) -> tuple[Figure, Figure] | None:
    """``90%-95%``, ``90～95%``, ``3至5天``: its two ends (a bare end takes the other's unit),
    the lower first; None for anything else. A note after the range is read as after one figure
    (annotation): ``0-5%（投诉率）`` is a label, ``0-5%（约）`` no range; one that makes an end strict
    (``（不含）``) or adds a sign is none either."""
    if text[-1:] in _CLOSE:
        annotated = annotation(None, text)
        if annotated is None or annotated[0] is not None:
            return None
        text = annotated[1]
    found = _RANGE.fullmatch(text)
    ends = (parse_figure(found[1]), parse_figure(found[2])) if found else (None, None)
    if ends[0] is None or ends[1] is None:
        return None
    low, high = ends
    try:
        low_amount, high_amount, unit = align(low, high)
    except UnitMismatch:
        return None
    return (Figure(low_amount, unit), Figure(high_amount, unit)) if low_amount < high_amount else None


FULL_SHARE = {PERCENT: HUNDRED, "‰": Decimal(1000)}
"""The high end no share passes: a range up to it (90%–100%) is met as ≥ its low end alone."""


@lru_cache(maxsize=4096)
def one_sided(text: str) -> tuple[Comparator, tuple[Figure]] | None:
    """A range that bounds one side only, as the one-sided target it is: 90%–100% of a share is
    ≥ 90% (no share passes 100%), 0–5% is ≤ 5%; None for any other text (90%–95% is met as
    ≥ 90%, ≤ 95% or within: no one number). The one reading of such a range, for comparing a
    target table with a 自评 and for scoring alike (the contract's comparison table)."""
    ends = range_ends(normalise_text(text))
    if ends is None:
        return None
    low, high = ends
    if FULL_SHARE.get(high.unit) == high.amount:
        return Comparator.GE, (low,)
    if low.amount == 0:
        return Comparator.LE, (high,)
    return None


SPREADSHEET_DIGITS = 15
"""Significant digits a spreadsheet keeps of a number cell: Excel, LibreOffice and openpyxl read
one as a binary double and show 15 (docs/opendata.md), while the contract admits 25 (15 + 10)."""


def spreadsheet_warning(amount: Decimal) -> str | None:
    """The warning for an amount the /data/*.xlsx download cannot hold exactly (more than
    SPREADSHEET_DIGITS significant digits: ``123456789012345.6789`` 万元 shows as 123456789012346,
    and two amounts that differ can show as equal), naming what a spreadsheet shows, worked out in
    Decimal; None for an amount it holds. The CSV and JSON downloads keep it exactly."""
    digits = amount.normalize().as_tuple().digits
    if len(digits) <= SPREADSHEET_DIGITS:
        return None
    kept = amount.quantize(Decimal(1).scaleb(amount.adjusted() - SPREADSHEET_DIGITS + 1), ROUND_HALF_EVEN)
    return (f"金额 {plain(amount)} 有 {len(digits)} 位有效数字，下载的 Excel 工作簿（/data/*.xlsx）的数值单元格只能保存 "
            f"{SPREADSHEET_DIGITS} 位：表格软件中显示和计算的是 {plain(kept)}，不是这个数；CSV 和 JSON 下载中是精确的。"
            "请核对原表的金额")


_NUMERAL = re.compile(r"[0-9０-９]|百分之|[零〇一二两三四五六七八九十百千万亿]+[个家人所项次件户座台套名位元成%％]")


_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|底|末|初|内|前)?")
"""A year or a date in a target (2022年底前完成, 2023年6月30日前): when, not how much."""


def writes_figure(text: str) -> bool:
    """Whether a text cell writes a figure the reader cannot take as one (约85%, 百分之九十五,
    ≥95%且≤100%, 较上年提高5%): not a qualitative statement (好, 达到预期, 2022年底前完成: a
    date says when, not how much), so neither compared nor scored as one."""
    return _NUMERAL.search(_DATE.sub("", text) if "年" in text else text) is not None


def normalise_text(text: str) -> str:
    """Text compared for equality ignores spaces and full/half-width punctuation differences."""
    return re.sub(r"[\s\u3000。.]", "", text)


_UNSEEN_CHARACTERS = "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\\s]"
_INVISIBLE = re.compile(_UNSEEN_CHARACTERS + "|\\[U\\+(?:200[EF]|202[A-E]|206[6-9]|061C)\\]")
"""Zero-width and direction characters (raw, or shown as markup.visible's ``[U+202E]``) and space."""
_UNSEEN = re.compile(_UNSEEN_CHARACTERS)
"""_INVISIBLE's characters (not its marks): what a message shows as a mark where text must be seen
as written (unseen_marked)."""


def unseen_marked(text: str) -> str:
    """`text` with its spaces, zero-width and direction characters as ``[U+00A0]``-style marks:
    a key typed 「weight」 plus a no-break space, quoted as it is, reads 「未知的键 weight ，您是
    不是想写 weight？」, which shows the clerk nothing to change."""
    return _UNSEEN.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)


@lru_cache(maxsize=65_536)
def identity_text(text: str) -> str:
    """A name as compared to find the same programme twice: NFKC (full-width letters and digits
    as half-width, compatibility forms folded), case folded, with zero-width characters,
    direction controls and spaces removed, so names that look alike on the page compare equal.
    Remembered: indicator names repeat across thousands of tables (a 自评 and its 绩效目标表
    are matched name by name)."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
