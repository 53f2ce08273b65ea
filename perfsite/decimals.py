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
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt2(value: Decimal | None) -> str | None:
    """A figure as published JSON text with exactly 2 places (``"99.10"``); None stays None."""
    return None if value is None else f"{q2(value):f}"


def parse_decimal(value: object) -> Decimal | None:
    """Read a number from its text (``4,700.90`` → 4700.90); None when it is not one number.

    Accepts Decimal and int (from the YAML loader) and strings with thousands separators.
    Never accepts float: a float has already lost the published digits.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("，", ",")
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros, for messages (``18``, ``0.5``)."""
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
