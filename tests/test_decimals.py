"""perfsite.decimals: exact figures, 四舍五入 (ROUND_HALF_UP), never a binary float."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfsite.decimals import fmt2, parse_decimal, plain, q2, range_hint

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3.9176", "3.92"),  # the contract's example
        ("3.9174", "3.92"),
        ("2.345", "2.35"),  # half up, not half even
        ("1.125", "1.13"),  # banker's rounding would give 1.12
        ("0.005", "0.01"),
        ("2.344999", "2.34"),
        ("17.1", "17.10"),
        ("96.425", "96.43"),
        ("-2.345", "-2.35"),  # half away from zero
    ],
)
def test_q2_rounds_half_up(value, expected):
    result = q2(D(value))
    assert result == D(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("99.1"), "99.10"), (D("105.263157"), "105.26"), (D("0"), "0.00"), (D("1E+3"), "1000.00"), (D(18), "18.00")],
)
def test_fmt2_is_text_with_two_places(value, expected):
    assert fmt2(value) == expected


def test_fmt2_keeps_none():
    assert fmt2(None) is None


@given(st.decimals(allow_nan=False, allow_infinity=False, places=None), st.integers(-12, 30))
def test_fmt2_never_writes_an_exponent(value: Decimal, shift: int) -> None:
    """fmt2 is str() of the rounded figure: the same text as fixed-point formatting, for figures
    of any size and places (1E+30, 1E-12, -0)."""
    figure = value.scaleb(shift)
    if abs(figure) >= D("1E+38"):  # with its 2 places beyond CONTEXT's 40 digits; parsing stops at 15
        return
    assert fmt2(figure) == f"{q2(figure):f}"
    assert "E" not in fmt2(figure)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4700.90", "4700.90"),
        ("4,700.90", "4700.90"),
        ("215,457.6", "215457.6"),
        ("1,234,567", "1234567"),
        ("4，700.90", "4700.90"),  # full-width comma typed by an IME
        (" 12.5 ", "12.5"),
        ("-3", "-3"),
        (".5", "0.5"),
        ("0", "0"),
    ],
)
def test_parse_decimal_reads_the_text(raw, expected):
    result = parse_decimal(raw)
    assert result == D(expected)
    assert str(result) == str(D(expected))  # trailing zeros kept: 4700.90 stays 4700.90


def test_parse_decimal_accepts_decimal_and_int():
    assert parse_decimal(D("3.00")) == D("3.00")
    assert str(parse_decimal(D("3.00"))) == "3.00"
    assert parse_decimal(18) == D(18)


@pytest.mark.parametrize("raw", [0.1, 4700.9, True, False, None, "abc", "1,23", "12a", "", "1.2.3", D("NaN"), D("Infinity"), [1]])
def test_parse_decimal_refuses_what_is_not_one_number(raw):
    assert parse_decimal(raw) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("18.00"), "18"), (D("0.50"), "0.5"), (D("1E+2"), "100"), (D("3.92"), "3.92"), (D("0"), "0"), (D("-1.50"), "-1.5")],
)
def test_plain_drops_exponent_and_trailing_zeros(value, expected):
    assert plain(value) == expected


@pytest.mark.parametrize("raw, too_large", [
    ("5，", False), ("1,2,3", False), ("1_000", False), ("-5", False), (Decimal("-5"), False), (5, False),
    ("1，000", False), ("0.5", False), ("1e400", True), (Decimal("1e400"), True), ("12345678901234567", True),
    (Decimal("1e-11"), True), ("1.12345678901", True), (10**16, True), ("1e99999999999999999999", True),
])
def test_the_range_hint_is_given_only_for_a_number_out_of_range(raw, too_large):
    """A caller refusing 「-5」 or 「5，」 for another reason must not be told the number is too large."""
    assert (range_hint(raw) != "") is too_large
