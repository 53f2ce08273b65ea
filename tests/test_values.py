"""perfsite.values: a cell read the way a person reads it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsite.values import (
    PERCENT,
    Comparator,
    Figure,
    Kind,
    UnitMismatch,
    align,
    cell_text,
    comparator_word,
    normalise_text,
    parse_figure,
    parse_value,
    split_comparator,
    target_value,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "comparator", "amount", "unit"),
    [
        ("≥300家", Comparator.GE, "300", "家"),
        (">=300家", Comparator.GE, "300", "家"),
        ("＞5%", Comparator.GT, "5", PERCENT),
        (">5%", Comparator.GT, "5", PERCENT),
        ("≤90万元", Comparator.LE, "900000", "元"),
        ("<=90", Comparator.LE, "90", ""),
        ("＜3天", Comparator.LT, "3", "天"),
        ("<3天", Comparator.LT, "3", "天"),
        ("=0人", Comparator.EQ, "0", "人"),
        ("＝0人", Comparator.EQ, "0", "人"),
        ("﹦0人", Comparator.EQ, "0", "人"),  # the small forms (U+FE64–FE66) some input methods give
        ("﹥5%", Comparator.GT, "5", PERCENT),
        ("﹤3天", Comparator.LT, "3", "天"),
        ("300家", Comparator.GE, "300", "家"),  # no comparator means ≥
        ("95", Comparator.GE, "95", ""),
        ("≥ 90 %", Comparator.GE, "90", PERCENT),  # spaces inside a cell
    ],
)
def test_comparators_full_and_half_width(text, comparator, amount, unit):
    value = parse_value(text)
    assert value.kind is Kind.NUMBER
    assert value.comparator is comparator
    assert value.figures == (Figure(D(amount), unit),)
    assert value.text == text  # kept as published



PRINTED_FORMS = [("﹦", Comparator.EQ), ("＝", Comparator.EQ), ("＞", Comparator.GT), ("＜", Comparator.LT),
                 ("≧", Comparator.GE), ("≦", Comparator.LE), ("﹥", Comparator.GT), ("﹤", Comparator.LT),
                 ("＞＝", Comparator.GE), ("＜＝", Comparator.LE)]
"""Signs as printed forms and input methods write them, each meaning its ASCII or ≥ ≤ form."""


@pytest.mark.parametrize(("sign", "comparator"), PRINTED_FORMS)
def test_printed_sign_reads_as_its_meaning(sign, comparator):
    for read in (parse_value, target_value):  # a 自评's cell and a 绩效目标表's target
        value = read(f"{sign}80%")
        assert (value.kind, value.comparator, value.figures) == (Kind.NUMBER, comparator, (Figure(D(80), PERCENT),))
        assert value.text == f"{sign}80%"
    assert target_value(f"{sign}80%、{sign}60%").figures == (Figure(D(80), PERCENT), Figure(D(60), PERCENT))
    assert comparator_word(sign) is comparator  # the 指标性质 column


def test_comparator_found_as_by_trying_every_word():
    """Looking only at the words that share the cell's first character finds what trying every
    word longest first finds, for every word before and after every kind of body."""
    from perfsite.values import _PREFIX, _SUFFIX

    def every_word(text):
        found = None
        for word, comparator in _PREFIX:
            if text.startswith(word):
                found, text = comparator, text[len(word):]
                break
        for word, comparator in _SUFFIX:
            if text.endswith(word):
                return found or comparator, text[: -len(word)]
        return found, text

    heads = ["", *(w for w, _ in _PREFIX), "≥=", "不"]
    tails = ["", *(w for w, _ in _SUFFIX), "上"]
    for head in heads:
        for body in ("", "90%", "=5", "以上", "大于"):
            for tail in tails:
                text = head + body + tail
                assert split_comparator(text) == every_word(text), text

@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("5家", "5", "家"),
        ("17.65万家次", "176500", "家次"),
        ("26.07万元/个", "260700", "元/个"),
        ("1.2亿元", "120000000", "元"),
        ("2.84倍", "284", PERCENT),  # 倍 converts to %
        ("95%", "95", PERCENT),
        ("95％", "95", PERCENT),
        ("100百分比", "100", PERCENT),
        ("4,700.90万元", "47009000", "元"),
        ("36,812人", "36812", "人"),
        ("97.94%", "97.94", PERCENT),
    ],
)
def test_units_and_multipliers(text, amount, unit):
    value = parse_value(text)
    assert value.kind is Kind.NUMBER
    assert value.figures == (Figure(D(amount), unit),)


def test_several_figures_in_one_cell():
    value = parse_value("87.10%、64.52%")
    assert value.kind is Kind.NUMBER
    assert value.figures == (Figure(D("87.10"), PERCENT), Figure(D("64.52"), PERCENT))
    two = parse_value("26.07万元/个、28.99万元/个")
    assert [f.amount for f in two.figures] == [D("260700"), D("289900")]


@pytest.mark.parametrize("text", ["符合要求", "增长较大", "所有项目按期完工", "存在1个项目未按期完工", "显著提升"])
def test_text_is_a_qualitative_value(text):
    value = parse_value(text)
    assert value.kind is Kind.TEXT
    assert value.figures == ()
    assert value.text == text


@pytest.mark.parametrize("raw", ["", "/", "—", "-", "*", None, "  ", "／", "——"])
def test_placeholders_are_not_given(raw):
    value = parse_value(raw)
    assert value.kind is Kind.MISSING
    assert value.is_missing
    assert not value.is_number


@pytest.mark.parametrize("raw", ["0", D(0), "0%", 0])
def test_zero_is_a_number_never_missing(raw):
    value = parse_value(raw)
    assert value.kind is Kind.NUMBER
    assert value.figures[0].amount == 0


def test_yaml_decimal_keeps_its_digits():
    value = parse_value(D("4700.90"))
    assert value.text == "4700.90"
    assert value.figures == (Figure(D("4700.90"), ""),)


@pytest.mark.parametrize(
    ("raw", "text"), [(None, ""), (D("3.00"), "3.00"), (True, "是"), (False, "否"), (" 符合要求 ", "符合要求"), (18, "18")]
)
def test_cell_text(raw, text):
    assert cell_text(raw) == text


def test_parse_figure_rejects_more_than_one_figure():
    assert parse_figure("5家") == Figure(D(5), "家")
    assert parse_figure("5家6家") is None
    assert parse_figure("符合要求") is None


def test_bare_number_takes_the_other_sides_unit():
    assert align(Figure(D(5), ""), Figure(D(5), "家")) == (D(5), D(5), "家")
    assert align(Figure(D(95), ""), Figure(D(100), PERCENT)) == (D(95), D(100), PERCENT)
    assert align(Figure(D(95), PERCENT), Figure(D(100), "")) == (D(95), D(100), PERCENT)
    assert align(Figure(D(20), "元/个"), Figure(D(30), "元/个")) == (D(20), D(30), "元/个")


def test_incomparable_units_raise():
    with pytest.raises(UnitMismatch) as info:
        align(Figure(D(1000000), "元"), Figure(D(50), "人"))
    assert "元" in str(info.value) and "人" in str(info.value)


def test_multiplied_units_compare_after_multiplying():
    # 1.5亿元 and 15000万元 are the same amount in the same unit
    a, b = parse_value("1.5亿元").figures[0], parse_value("15000万元").figures[0]
    assert align(a, b) == (D(150000000), D(150000000), "元")


def test_lower_is_better():
    assert Comparator.LE.lower_is_better and Comparator.LT.lower_is_better
    assert not Comparator.GE.lower_is_better and not Comparator.GT.lower_is_better
    assert not Comparator.EQ.lower_is_better


def test_normalise_text_ignores_spaces_and_full_stops():
    assert normalise_text("符合 要求。") == normalise_text("符合要求")
    assert normalise_text("符合要求") != normalise_text("基本符合要求")
