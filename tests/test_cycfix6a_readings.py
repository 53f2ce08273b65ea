"""A target restated another way is ranked as docs/data-format.md (目标与自评的比较) says, by the
绩效目标表 comparison and the years comparison alike (one reader, target_value; one comparer):
figures of one cell matched by measure and size, not by position; a unit's other spelling (h,
km, ㎡, 工作日) converted; count units that differ (个, 项, 所, 名) undecided; 左右 and 约 no unit
but an inexact figure; 「3天内」 a ≤ target; a 定性 target softened (基本, 较, 有所 for 大幅) lowered.

Expected results follow the contract's rule, never the code's output."""

from __future__ import annotations

import pytest
from test_target_move import CHANGED, LOWERED, RAISED, UNCHANGED, UNDECIDED, check

from perfsite.unit_readings import measure_align
from perfsite.values import Kind, target_value


@pytest.mark.parametrize(("planned", "restated", "expected", "note"), [
    # figures of one cell are a set: the same ones in another order are the same target
    ("≥98%、≥95%", "≥95%、≥98%", UNCHANGED, ""),
    ("≥90%、≥80%", "≥80%、≥90%", UNCHANGED, ""),
    ("≥100人、≥5万元", "≥5万元、≥100人", UNCHANGED, ""),
    # matched by measure: the lowered amount is found whatever the order
    ("≥100人、≥5万元", "≥4万元、≥120人", LOWERED, ""),
    ("≥98%、≥95%", "≥90%、≥98%", LOWERED, ""),
    ("≥98%、≥95%", "≥99%、≥96%", RAISED, ""),
    ("≥98%、≥95%", "≥95%、≥99%", UNDECIDED, "先后"),
    # by position one figure rises and one falls, by size both rise: which is which cannot be told
    ("≥90%、≥80%", "≥85%、≥95%", UNDECIDED, "先后"),
    # a second, lower figure added: may be the bar the 自评 is measured by
    ("≥95%", "≥95%、≥90%", UNDECIDED, "≥90%"),
    ("≥90%", "≥90%、≥80%", UNDECIDED, "个数"),
    ("≥90%", "≥90%、≥95%", CHANGED, "目标值的个数不同"),
])
def test_multi_figure_cells(tmp_path, planned, restated, expected, note):
    check(tmp_path, planned, restated, expected, note)


@pytest.mark.parametrize(("planned", "restated", "expected", "note"), [
    ("≤5个工作日", "≤6工作日", LOWERED, ""),
    ("≤3个工作日", "≤3工作日", UNCHANGED, ""),
    ("≤24小时", "≤25h", LOWERED, ""),
    ("≤24小时", "≤24h", UNCHANGED, ""),
    ("≥500公里", "≥450km", LOWERED, ""),
    ("≥500平方米", "≥450㎡", LOWERED, ""),
    ("≥500平方米", "≥450m²", LOWERED, ""),
    ("≥500平方米", "≥500m²", UNCHANGED, ""),
    ("≤3天", "≤3个工作日", UNDECIDED, "工作日不含节假日"),
    ("≤1天", "≤24h", UNDECIDED, "天可能指工作日"),
    # count units that differ: undecided (maybe only another measure word), consistently
    ("≥10个", "≥8项", UNDECIDED, "计数"),
    ("≥10个", "≥10项", UNDECIDED, "计数"),
    ("≥3所", "≥2个", UNDECIDED, "计数"),
    ("≥50人", "≥40名", LOWERED, ""),  # 人, 名, 位 count people alike: unit_readings.UNIT_SIZES
    ("≥50人", "≥40位", LOWERED, ""),
    ("≥3个", "≥2家", UNDECIDED, "计数"),
    ("≥50篇", "≥40份", UNDECIDED, "计数"),
    ("≥50人", "≥40人次", UNDECIDED, "同一人可计多次"),
    ("≥100万元", "≥90人", CHANGED, "度量单位不同"),
])
def test_unit_spellings(tmp_path, planned, restated, expected, note):
    check(tmp_path, planned, restated, expected, note)


def test_unit_aliases_are_in_the_one_table():
    """Scoring converts with the same table: 25h against 24小时 is 90000 and 86400 秒."""
    assert measure_align(target_value("25h").figures[0], target_value("24小时").figures[0])[:2] == (90000, 86400)


@pytest.mark.parametrize(("planned", "restated", "expected", "note"), [
    # 左右, 约, 力争 say the figure is not exact wherever they sit: undecided, never a unit
    ("≥95%", "≥90%左右", UNDECIDED, "左右"),
    ("≥95%", "≥95%左右", UNDECIDED, "左右"),
    ("≥95%", "约94%", UNDECIDED, "约"),
    ("≥95%", "力争95%", UNDECIDED, "力争"),
    ("≥95%", "≥95%、≥90%左右", UNDECIDED, "左右"),
    # the sign contradicts the bracket: said so, not 度量单位不同
    ("≤10%", "＜10%（含）", UNDECIDED, "目标的符号与括号中的说明矛盾"),
    # 「N天内」 is at most N days
    ("≤3天", "3天内", UNCHANGED, ""),
    ("≤3天", "4天内", LOWERED, ""),
    ("≤3天", "2日内", RAISED, ""),
    ("≤3个工作日", "4个工作日内", LOWERED, ""),
    ("≤3天", "≤4天内", LOWERED, ""),
])
def test_inexact_and_within(tmp_path, planned, restated, expected, note):
    check(tmp_path, planned, restated, expected, note)


def test_within_is_no_unsigned_target(tmp_path):
    """4天内 writes its ≤ in words: lowered as any ≤ target, not as a target without its sign."""
    from test_target_move import row_of
    row = row_of(tmp_path, "≤3天", "4天内")
    assert (row.change, row.note) == (LOWERED, "")


def test_within_reads_as_at_most():
    value = target_value("4天内")
    assert (value.kind, str(value.comparator), value.figures[0].unit) == (Kind.NUMBER, "≤", "天")
    assert target_value("≥90%左右").kind is Kind.TEXT


@pytest.mark.parametrize(("planned", "restated", "expected", "note"), [
    ("符合要求", "基本符合要求", LOWERED, "基本"),
    ("达标", "基本达标", LOWERED, "基本"),
    ("全部完成", "基本完成", LOWERED, "全部"),
    ("满意", "基本满意", LOWERED, "基本"),
    ("满意", "较满意", LOWERED, "较"),
    ("及时", "基本及时", LOWERED, "基本"),
    ("规范", "较规范", LOWERED, "较"),
    ("高", "较高", LOWERED, "较"),
    ("大幅提升", "有所提升", LOWERED, "大幅"),
    ("有效提升", "有所提升", LOWERED, "有效"),
    ("完成", "部分完成", LOWERED, "部分"),
    ("建成", "初步建成", LOWERED, "初步"),
    ("基本符合要求", "符合要求", RAISED, "基本"),
    ("较规范", "规范", RAISED, "较"),
    # 提升 and 提高 are one word
    ("提升", "提高", UNCHANGED, ""),
    ("持续提升", "持续提高", UNCHANGED, ""),
    ("明显提升", "有所提高", LOWERED, ""),
    # not a softening: other words, or 有所 before a bare verb (as documented)
    ("逐步提升", "有所提升", CHANGED, "目标文字不同"),
    ("提升", "有所提升", CHANGED, "目标文字不同"),
    ("长期", "中期", CHANGED, "目标文字不同"),
])
def test_softened_texts(tmp_path, planned, restated, expected, note):
    check(tmp_path, planned, restated, expected, note)


def test_years_read_multi_figure_cells_as_the_target_table_comparison_does(tmp_path):
    """≥98%、≥95% → ≥98%、≥90%: 目标调低 in both comparisons (one reader)."""
    check(tmp_path, "≥98%、≥95%", "≥98%、≥90%", LOWERED, "")


def test_a_unit_of_the_table_in_brackets_is_that_unit():
    """（km） is a unit of the one table now, so a bare number's note reads as it (5 km = 5000 米)."""
    from decimal import Decimal

    from perfsite.values import Figure, parse_value
    assert parse_value("≥5（km）").figures == (Figure(Decimal(5), "km"),)


def test_the_yue_of_a_word_is_no_hedge():
    from perfsite.values import uncertain_word
    assert uncertain_word("节约资金≥10万元") is None and uncertain_word("约10万元") == "约"
    assert uncertain_word("≥10万元左右") == "左右"
