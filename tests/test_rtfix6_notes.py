"""A note in brackets after a target's figure read by its words (values.annotation): a unit the unit
tables know is the bare number's unit, a word of no unit a label, an exclusion in any of its
wordings strict, and anything else (an unknown unit, 含 that says more) no exact target, with why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_rtfix1_scoring import messages, row, scored
from test_rules import run

from perfsite.problems import Severity
from perfsite.rules import Status
from perfsite.values import Comparator, Figure, note_problem, one_sided, parse_value

D = Decimal


@pytest.mark.parametrize(("text", "figure"), [
    ("≥60（分钟）", Figure(D(60), "分钟")), ("≤2（小时）", Figure(D(2), "小时")), ("≥5（公里）", Figure(D(5), "公里")),
    ("≥5（千米）", Figure(D(5), "千米")), ("≥100（人）", Figure(D(100), "人")), ("≥3（个）", Figure(D(3), "个")),
    ("≥5（万人次）", Figure(D(50000), "人次")), ("≥95（百分比）", Figure(D(95), "%")), ("≥7（天）", Figure(D(7), "天")),
])
def test_a_unit_in_brackets_is_the_bare_numbers_unit(text, figure):
    """Was a label: the bare number took the actual's unit (60 against 1.5小时 read as 60小时)."""
    assert parse_value(text).figures == (figure,)


@pytest.mark.parametrize(("target", "actual", "score", "completion"), [
    ("≥60（分钟）", "1.5小时", "10.00", "150.00"),  # was 0.25 at 2.50%
    ("≤2（小时）", "90分钟", "10.00", "133.33"),    # was 0.22
    ("≥5（公里）", "4000米", "8.00", "80.00"),      # was 10.00 at 80000.00%
    ("≥5（千米）", "4000米", "8.00", "80.00"),
])
def test_a_target_with_its_unit_in_brackets_is_scored_by_that_unit(target, actual, score, completion):
    out = run(10, target, actual)
    assert (out.score, out.completion) == (D(score), D(completion))


@pytest.mark.parametrize("text", ["≥5（mi）", "≥3（工日）", "≥10（元/人）", "≥100（人次数）"])
def test_a_note_that_may_be_an_unknown_unit_is_not_taken_as_a_label(text):
    """（人次数） ends in a word of no unit: a label. The others could be units nobody here converts."""
    value = parse_value(text)
    if text.endswith("（人次数）"):
        assert value.figures == (Figure(D(100), ""),)
    else:
        assert value.kind.value == "text" and "可能是单位" in (note_problem(text) or "")


def test_an_unknown_unit_takes_the_published_score_with_the_reason(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("里程", 30, "≥5（mi）", "4000米", score=24), row("B", 70, "≥1", "1", score=70))
    first = sp.indicators[0]
    assert first.status is Status.NOT_RECOMPUTED and first.score == D(24)
    assert any("「mi」可能是单位" in m and "未重新计算" in m for m in messages(sp, Severity.WARNING))


@pytest.mark.parametrize(("text", "comparator"), [
    ("≥95%（不包括）", Comparator.GT), ("≥95%（不包含本数）", Comparator.GT), ("≥95%（不含该数）", Comparator.GT),
    ("≤5天（不含此数）", Comparator.LT), ("≥100人（本数除外）", Comparator.GT), ("≥95%（不含等于）", Comparator.GT),
    ("≥95%（不等于）", Comparator.GT), ("≥95%（95%除外）", Comparator.GT), ("≥95%（不含）（投诉率）", Comparator.GT),
    ("≥95%（不包括本数在内）", Comparator.GT), ("≥95%（含本数在内）", Comparator.GE),
])
def test_every_wording_of_not_including_is_strict(text, comparator):
    """Were labels: inclusive, full marks at the edge the note excludes."""
    value = parse_value(text)
    assert value.is_number and value.comparator is comparator


@pytest.mark.parametrize("target", ["≥95%（不包括）", "≥95%（不含该数）", "≥95%（不等于）", "≥95%（本数除外）"])
def test_an_actual_at_an_excluded_edge_is_not_met(tmp_path, core_write, target):
    sp = scored(tmp_path, core_write, row("合格率", 30, target, "95%", score=30), row("B", 70, "≥1", "1", score=70))
    first = sp.indicators[0]
    assert first.status is Status.NOT_RECOMPUTED and first.outcome.met is False


def test_an_excluded_edge_under_shortfall_is_one_step_short():
    out = run(10, "≤5天（不含此数）", "5天", {"type": "shortfall", "step": "1天", "per": 2})
    assert (out.score, out.met) == (D("8.00"), False)


@pytest.mark.parametrize(("text", "why"), [
    ("≥95%（含税）", "不只是说明含不含该数"), ("≤5%（未含税）", "不只是说明含不含该数"),
    ("≥95%（不含95%以上）", "不只是说明含不含该数"),
    ("＜5天（含5天）", "目标的符号与括号中的说明矛盾"), ("≤5%（以上）", "目标的符号与括号中的说明矛盾"),
    ("＞95%（含）", "目标的符号与括号中的说明矛盾"), ("95%（不含）", "没有说明是大于还是小于"),
    ("≥95%（约）", "说明该数不确切"), ("≥5（千人）", "可能是单位"), ("≥95%（上年80%）", "写有另一个数"),
])
def test_a_note_read_no_way_says_why(text, why):
    assert parse_value(text).kind.value == "text" and why in (note_problem(text) or "")


def test_the_reason_reaches_the_warning(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("时限", 30, "＜5天（含5天）", "4天", score=30), row("B", 70, "≥1", "1", score=70))
    assert any("目标的符号与括号中的说明矛盾" in m for m in messages(sp, Severity.WARNING))


def test_a_hedge_character_inside_a_label_word_hedges_nothing():
    """（评估合格率）: 估 of 评估 (was refused as not exact); （估）, （预估） still hedge."""
    assert parse_value("≥90%（评估合格率）").figures == (Figure(D(90), "%"),)
    assert parse_value("≥90%（估）").kind.value == "text" and parse_value("≥90%（预估）").kind.value == "text"


def test_a_range_reads_its_note_as_one_figure_does():
    assert one_sided("0-5（分钟）") == (Comparator.LE, (Figure(D(5), "分钟"),))
    assert one_sided("0-5%（事项）") == (Comparator.LE, (Figure(D(5), "%"),))  # its unit written: 事项 a label
    assert one_sided("0-5（mi）") is None


def test_ratio_and_shortfall_say_why_a_noted_target_is_no_number():
    ratio = run(10, "＞95%（含）", "96%", "ratio")
    assert ratio.score is None and any("目标的符号与括号中的说明矛盾" in f[2] for f in ratio.findings)
    short = run(10, "≥5（mi）", "4000米", {"type": "shortfall", "step": "1公里", "per": 1})
    assert short.score is None and any("「mi」可能是单位" in f[2] for f in short.findings)
