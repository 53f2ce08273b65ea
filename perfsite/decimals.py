"""Exact decimal helpers: every published figure goes through here (四舍五入, never float)."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

MAX_INTEGER_DIGITS = 15
"""Digits before the point: 10^15 元 is 1,000 万亿, thirty times China's whole national budget."""
MAX_PLACES = 10
"""Digits after the point: weights and scores use 2 or 3, rates 4; 10 leaves room and no more."""
_MAX_TEXT = MAX_INTEGER_DIGITS + MAX_PLACES + 12
"""Longest number text worth reading (sign, point, thousands separators, exponent)."""

CONTEXT = Context(prec=40, rounding=ROUND_HALF_EVEN, Emin=-99, Emax=99,
                  traps=[InvalidOperation, DivisionByZero, Overflow])
"""The context every score is computed and rounded under. Inputs are bounded (|x| < 10^15,
≥ 10^-10), so a quotient of two of them times 100 (< 10^27) still rounds to the 10 places a
figure may be printed with within 40 digits; Emax 99 means no result can grow a billion-digit
expansion (``1e-999999999`` printed with ``:f`` took 70 s and 16.6 GB). 40 digits instead of the
default 28 change no 2-place result: a quotient of numbers with at most 25 digits is never within
10^-26 of a half-cent without being on it."""


def exact() -> AbstractContextManager[Context]:
    """Run a block under CONTEXT (a copy: the module-level object is never changed)."""
    return localcontext(CONTEXT)


def in_range(value: Decimal) -> bool:
    """A finite number within the contract's digits (MAX_INTEGER_DIGITS, MAX_PLACES).

    Zero counts too: ``0e-999999999`` printed with ``:f`` is a billion zeros."""
    if not magnitude_ok(value):
        return False
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -MAX_PLACES


def magnitude_ok(value: Decimal) -> bool:
    """in_range without the count of places, for a number already read through it: the first
    digit between 10^-MAX_PLACES and 10^MAX_INTEGER_DIGITS (for zero, its exponent). No digit
    tuple is made, so the check costs about a comparison (38,000 numbers per 1,000 files)."""
    return value.is_finite() and -MAX_PLACES <= value.adjusted() < MAX_INTEGER_DIGITS


RANGE_HINT = f"数字超出可接受的范围（整数部分最多 {MAX_INTEGER_DIGITS} 位，小数最多 {MAX_PLACES} 位）"


def range_hint(raw: object) -> str:
    """「：数字超出…」 when `raw` is a number outside the contract's digits (a Decimal or int from
    the YAML loader, or text in parse_decimal's grammar with an exponent allowed), else "".

    Decided by the value, not the look: 「5，」, 「1_000」 or 「-5」 refused by a caller are not too
    large, and saying so would send a clerk looking for digits that are not there."""
    if isinstance(raw, bool):
        return ""
    if isinstance(raw, int):
        return "" if abs(raw) < 10**MAX_INTEGER_DIGITS else f"：{RANGE_HINT}"
    if isinstance(raw, Decimal):
        return "" if in_range(raw) else f"：{RANGE_HINT}"
    if not isinstance(raw, str):
        return ""
    text = raw.strip().replace("，", ",")
    if not _WRITTEN_NUMBER.fullmatch(text):
        return ""
    if len(text) > _MAX_TEXT:  # digits enough to be out of range, and to cost seconds in Decimal()
        return f"：{RANGE_HINT}"
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:  # an exponent beyond what a Decimal can hold
        return f"：{RANGE_HINT}"
    return "" if in_range(number) else f"：{RANGE_HINT}"


_WRITTEN_NUMBER = re.compile(r"[+-]?(?:(?:[0-9０-９]{1,3}(?:,[0-9０-９]{3})+|[0-9０-９]+)(?:\.[0-9０-９]*)?|\.[0-9０-９]+)(?:[eE][+-]?[0-9０-９]+)?")
"""A number as text: parse_decimal's grouped digits, and an exponent, which it does not take."""

UNSIGNED_NUMBER = r"(?:[0-9０-９]{1,3}(?:,[0-9０-９]{3})+|[0-9０-９]+)(?:\.[0-9０-９]+)?|\.[0-9０-９]+"
"""A figure as people write it: digits, optionally grouped by thousands, optionally with decimals.
Digits ASCII or full-width only: Decimal() reads a digit of any script (Bengali ৭ as 7), and a
figure must show as the number it scores as (yamlload.control_message names such a digit)."""
_NUMBER = re.compile(rf"[+-]?(?:{UNSIGNED_NUMBER})")


def q2(value: Decimal) -> Decimal:
    """Round to 2 places, half up, as a finance bureau does by hand."""
    # positional arguments: half the cost of keywords; CONTEXT, so that rounding a large figure
    # never depends on (or fails under) whatever context the caller runs in
    return value.quantize(CENT, ROUND_HALF_UP, CONTEXT)


def floor2(value: Decimal) -> Decimal:
    """Cut to 2 places (33.335 → 33.33): the most a score may show for a weight with more places,
    so that 2-place scores never add up to more than the weights (33.335 × 2 + 33.33 → 100.01)."""
    return value.quantize(CENT, ROUND_DOWN, CONTEXT)


def as_printed(value: Decimal, printed: Decimal) -> Decimal:
    """`value` rounded half up to the decimal places `printed` shows (99.10 as printed 99 → 99)."""
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, CONTEXT)


def fmt2(value: Decimal | None) -> str | None:
    """A figure as published JSON text with exactly 2 places (``"99.10"``); None stays None.

    str() of a decimal with exponent -2 never uses an exponent (that takes a positive exponent
    or an adjusted one below -6), so it is the fixed-point text at a quarter of format()'s cost:
    a programme formats about 120 figures."""
    return None if value is None else str(q2(value))


def figure_text(value: Decimal | None) -> str | None:
    """A figure a unit wrote, as published: 2 places (``90`` → ``90.00``), or every place it has
    when it has more (``89.995``, ``12.3456`` 万元, exact to the 元): never rounded, so no output
    shows a number the file did not give (89.995 as 90.00 would cross the 90-point line of 优).
    Also for a figure computed exactly from such figures (12.3456 − 12.3449 = 0.0007 万元)."""
    if value is None:
        return None
    rounded = value.quantize(CENT, ROUND_HALF_UP, CONTEXT)  # q2, inline: about 40 figures a record
    # equal to `value` exactly when it has at most 2 places: one rounding, as fmt2 does
    return str(rounded) if rounded == value else plain(value)


def parse_decimal(value: object) -> Decimal | None:
    """Read a number from its text (``4,700.90`` → 4700.90); None when it is not one number.

    Accepts Decimal and int (from the YAML loader) and strings with thousands separators.
    Never accepts float: a float has already lost the published digits.
    """
    kind = type(value)
    if kind is Decimal:  # the usual case: a number the YAML loader read (and checked) itself
        return value if magnitude_ok(value) else None  # type: ignore[arg-type]
    if kind is not str:
        return _parse_other(value)
    text = value.strip().replace("，", ",")
    if len(text) > _MAX_TEXT or not _NUMBER.fullmatch(text):
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None
    places = len(text) - text.index(".") - 1 if "." in text else 0  # the pattern has no exponent
    return number if places <= MAX_PLACES and magnitude_ok(number) else None


_SHORT = 20
"""Well inside the 28 digits the context keeps, so no rounding differs from the exact text."""


def _parse_other(value: object) -> Decimal | None:
    """parse_decimal for anything but an exact Decimal or str (bool is an int, but never a number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if in_range(value) else None
    if isinstance(value, int):
        return Decimal(value) if abs(value) < 10**MAX_INTEGER_DIGITS else None
    if isinstance(value, str):
        return parse_decimal(str(value))
    return None


class Written(Decimal):
    """A number read from a data file whose text is not its digits (``1e3``, ``0100``, ``+5``,
    ``1_000``): it scores as the number and is published as `text`, what the unit wrote.

    Only such numbers carry their text (a few in a tree); ``18`` or ``99.10`` stay plain Decimal,
    whose ``:f`` text is already the written one."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> Written:
        number = super().__new__(cls, text.replace("_", ""))
        number.text = text
        return number

    def __reduce__(self) -> tuple[type[Written], tuple[str]]:
        return Written, (self.text,)  # Decimal's own would drop the text on the way to a worker


def with_text(number: Decimal, text: str) -> Decimal:
    """`number`, read from `text`, as a Written when its digits print otherwise than it was
    written. Only for a number in_range: printing ``1e-999999999`` would take minutes and gigabytes."""
    return number if f"{number:f}" == text else Written(text)


def written(value: Decimal) -> str:
    """A number as its file wrote it: Written's text, else its digits (never an exponent)."""
    return value.text if type(value) is Written else f"{value:f}"


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros, for messages (``18``, ``0.5``)."""
    text = str(value)  # the usual short figure prints without exponent: only trailing zeros to strip
    if len(text) <= _SHORT and "E" not in text and "e" not in text and value.is_finite():
        return text.rstrip("0").rstrip(".") if "." in text else text
    if value == value.to_integral_value():
        return f"{value.normalize():f}"  # an integral value normalizes to a non-negative exponent: no point
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
