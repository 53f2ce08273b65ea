"""Exact decimal helpers: every published figure goes through here (四舍五入, never float)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def q2(value: Decimal) -> Decimal:
    """Round to 2 places, half up, as a finance bureau does by hand."""
    return value.quantize(CENT, ROUND_HALF_UP)  # positional: half the cost of the keyword


def as_printed(value: Decimal, printed: Decimal) -> Decimal:
    """`value` rounded half up to the decimal places `printed` shows (99.10 as printed 99 → 99)."""
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def fmt2(value: Decimal | None) -> str | None:
    """A figure as published JSON text with exactly 2 places (``"99.10"``); None stays None."""
    return None if value is None else f"{q2(value):f}"


def parse_decimal(value: object) -> Decimal | None:
    """Read a number from its text (``4,700.90`` → 4700.90); None when it is not one number.

    Accepts Decimal and int (from the YAML loader) and strings with thousands separators.
    Never accepts float: a float has already lost the published digits.
    """
    kind = type(value)
    if kind is Decimal:  # the usual case: a number the YAML loader read
        return value if value.is_finite() else None
    if kind is not str:
        return _parse_other(value)
    text = value.strip().replace("，", ",")
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


_SHORT = 20
"""Well inside the 28 digits the context keeps, so no rounding differs from the exact text."""


def _parse_other(value: object) -> Decimal | None:
    """parse_decimal for anything but an exact Decimal or str (bool is an int, but never a number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return parse_decimal(str(value))
    return None


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros, for messages (``18``, ``0.5``)."""
    text = str(value)  # the usual short figure prints without exponent: only trailing zeros to strip
    if len(text) <= _SHORT and "E" not in text and "e" not in text and value.is_finite():
        return text.rstrip("0").rstrip(".") if "." in text else text
    if value == value.to_integral_value():
        return f"{value.normalize():f}"  # an integral value normalizes to a non-negative exponent: no point
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
