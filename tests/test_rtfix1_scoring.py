"""A published score is the contract's rule applied exactly, or the published one shown as not
recomputable with the reason: never another rule applied silently. Cases cut from a red team's
files (ranges and decorated targets, a rule over a missed numeric target, 不适用 rows, strict
signs, a copied target as the actual, weights with three places, duplicate names)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsite.budget import Budget, BudgetLine, BudgetRow, RateBasis, derive
from perfsite.headline import headline, reached
from perfsite.model import Indicator, RuleType
from perfsite.problems import Problems, Severity
from perfsite.reader import read_programme
from perfsite.rules import Context, Status, apply_rule, read_rule
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig

D = Decimal


def row(name, weight, target, actual, **extra):
    return {"level1": extra.pop("level1", "产出指标"), "level2": extra.pop("level2", "数量指标"), "name": name,
            "weight": weight, "target": target, "actual": actual, **extra}


def scored(tmp_path, core_write, *rows, **extra):
    site = SiteConfig()
    data = {"name": "测试项目", "year": 2022, "department": "县测试局", "indicators": list(rows), **extra}
    prog, problems = read_programme(core_write(tmp_path / "p.yaml", data), site, tmp_path)
    assert prog is not None
    return score_programme(prog, site, problems)


def messages(sp, severity):
    return [p.message for p in sp.problems if p.severity is severity]


# ------------------------------------------------------------------ ranges: the comparison table's reading

@pytest.mark.parametrize(("target", "actual", "score", "completion"), [
    ("0-5%", "3%", "30.00", "166.67"),     # ≤5%: 3% meets it (was 30 × 3% = 0.90)
    ("0-5%", "8%", "18.75", "62.50"),      # ≤5%: 5 ÷ 8
    ("90%-100%", "95%", "30.00", "105.56"),  # ≥90% (was 30 × 95% = 28.50)
])
def test_one_sided_range_is_scored_as_the_comparison_reads_it(tmp_path, core_write, target, actual, score, completion):
    sp = scored(tmp_path, core_write, row("投诉率", 30, target, actual, remark="说明"), row("B", 70, "≥1", "1"))
    first = sp.indicators[0]
    assert (first.score, first.outcome.completion) == (D(score), D(completion))
    assert first.outcome.rule is RuleType.RATIO
    assert f"目标「{target}」按" in first.outcome.explanation


def test_range_overflow_is_flagged_and_not_met(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("满意度", 20, "90%-100%", "300%"), row("B", 80, "≥1", "1"))
    assert any("超出目标区间「90%-100%」的上限 100%" in m for m in messages(sp, Severity.WARNING))
    assert reached(sp) == (1, 2)


# ------------------------------------------------------------------ decorated targets: not recomputed

DECORATED = ["≥95%且≤100%", "95%以上（约）", "原则上≥95%", "≥95%（上年80%）", "较上年提高5%", "90%-95%"]


@pytest.mark.parametrize("target", DECORATED)
def test_decorated_percentage_target_takes_the_published_score(tmp_path, core_write, target):
    """No exact reading: the published 30 stands, marked as such (was 30 × 96% = 28.80, a discrepancy)."""
    sp = scored(tmp_path, core_write, row("达标率", 30, target, "96%", score=30), row("B", 70, "≥1", "1", score=70),
                reported={"score": 100, "grade": "优"})
    first = sp.indicators[0]
    assert first.score == D(30) and first.status is Status.NOT_RECOMPUTED
    assert "未重新计算" in first.outcome.explanation and target in first.outcome.explanation
    assert any(target in m and "未重新计算" in m for m in messages(sp, Severity.WARNING))
    assert not messages(sp, Severity.DISCREPANCY)
    assert headline(sp).verdict == Status.MATCH


def test_decorated_target_without_a_published_score_is_an_error(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("达标率", 30, "≥95%且≤100%", "160%"), row("B", 70, "≥1", "1"))
    assert sp.indicators[0].score is None and sp.total is None
    assert any("≥95%且≤100%" in m and "请用 rule" in m for m in messages(sp, Severity.ERROR))


@pytest.mark.parametrize("target", ["达到预期", "增长较大", "好", "于2022年底前完成"])  # a date says when, not how much
def test_qualitative_target_is_still_scored_by_its_percentage(tmp_path, core_write, target):
    sp = scored(tmp_path, core_write, row("A", 18, target, "95%", remark="说明"), row("B", 82, "≥1", "1"))
    assert sp.indicators[0].score == D("17.10") and sp.indicators[0].outcome.rule is RuleType.JUDGED


# ------------------------------------------------------------------ a rule over a missed numeric target

def test_own_scale_rule_at_full_marks_over_a_missed_target_warns_and_is_not_met(tmp_path, core_write):
    sp = scored(tmp_path, core_write,
                row("A", 50, "≥100人", "50人", rule={"type": "judged", "achievement": "100%"}),
                row("B", 30, "≥100人", "50人", rule={"type": "bands", "bands": [{"min": "10人", "score": 30}]}),
                row("C", 20, "≥100人", "50人", score=20, rule="reported"))
    warned = [m for m in messages(sp, Severity.WARNING) if "未达到目标「≥100人」" in m]
    assert len(warned) == 3 and "定性评价" in warned[0]
    assert reached(sp) == (0, 3)


def test_band_above_the_weight_says_the_capped_score(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 10, "≥100", "150", rule={"type": "bands", "bands": [{"min": 100, "score": 30}]}),
                row("B", 90, "≥1", "1"))
    first = sp.indicators[0]
    assert first.score == D(10) and first.outcome.explanation.endswith("计 10.00 分")
    assert any("超过权重 10" in m for m in messages(sp, Severity.NOTE))


# ------------------------------------------------------------------ 不适用

def test_not_applicable_with_an_actual_and_no_reason_warns(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 10, "≥100人", "100人"),
                row("B", 90, "≥100人", "5人", applicable=False))
    warned = [p for p in sp.problems if p.severity is Severity.WARNING and p.field == "指标「B」是否适用"]
    assert any("实际值「5人」" in p.message and "90" in p.message for p in warned)
    assert any("未说明原因" in p.message for p in warned)


def test_not_applicable_with_a_reason_and_no_actual_is_quiet(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 10, "≥100人", "100人"),
                row("B", 90, "≥100人", "/", applicable=False, remark="当年未开展"))
    assert not [p for p in sp.problems if p.field == "指标「B」是否适用"]


@pytest.mark.parametrize(("written", "applicable"), [("否", False), ("不适用", False), ("是", True)])
def test_yaml_applicable_takes_the_csv_words(tmp_path, core_write, written, applicable):
    sp = scored(tmp_path, core_write, row("A", 10, "≥1", "1"), row("B", 90, "≥1", "1", applicable=written, remark="无"))
    assert sp.indicators[1].indicator.applicable is applicable
    assert not messages(sp, Severity.ERROR)


def test_yaml_applicable_error_names_both_forms(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 100, "≥1", "1", applicable="也许"))
    assert any("true/false 或 是/否" in m and "也许" in m for m in messages(sp, Severity.ERROR))


# ------------------------------------------------------------------ strict signs, a copied target

@pytest.mark.parametrize(("target", "actual"), [("＜5%", "5%"), ("＞100人", "100人"), ("<5%", "5%"), ("大于100人", "100人")])
def test_actual_equal_to_a_strict_target_does_not_reach_it(tmp_path, core_write, target, actual):
    sp = scored(tmp_path, core_write, row("A", 30, target, actual, score=30), row("B", 70, "≥1", "1"))
    first = sp.indicators[0]
    assert first.status is Status.NOT_RECOMPUTED and first.score == D(30)
    assert any("恰好等于目标" in m for m in messages(sp, Severity.WARNING))
    assert reached(sp) == (1, 2)


def test_strict_target_without_a_published_score_is_an_error(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 30, "＞100人", "100人"), row("B", 70, "≥1", "1"))
    assert any("恰好等于目标" in m for m in messages(sp, Severity.ERROR))


def test_strict_target_beyond_the_figure_scores_as_before(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 30, "＞100人", "120人", remark="超额"), row("B", 70, "＜5%", "4%", remark="好"))
    assert [s.score for s in sp.indicators] == [D(30), D(70)] and reached(sp) == (2, 2)


def test_more_than_zero_is_not_met_by_zero(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 30, "＞0", "0", remark="未开展"), row("B", 70, "≥1", "1"))
    assert sp.indicators[0].score == D(0) and reached(sp) == (1, 2)


def test_actual_with_a_sign_warns_and_is_not_met(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("满意度", 40, "≥95%", "≥95%"), row("B", 60, "≥1", "1"))
    assert any("带有比较符号" in m and "≥95%" in m for m in messages(sp, Severity.WARNING))
    assert reached(sp) == (1, 2)


# ------------------------------------------------------------------ messages

def test_three_place_weight_explanation_ends_on_the_cell_figure(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", "33.335", "≥100", "100"), row("B", "33.335", "≥100", "100"),
                row("C", "33.33", "≥100", "100"))
    first = sp.indicators[0]
    assert first.score == D("33.33") and first.outcome.explanation.endswith("最多计 33.33 分")
    assert sp.indicators[2].outcome.explanation.endswith("= 33.33")


def test_duplicate_names_are_told_apart_in_messages_and_headline(tmp_path, core_write):
    sp = scored(tmp_path, core_write,
                row("A", 50, "≥100", "100", score=50, level2="数量指标"),
                row("A", 25, "≥100", "50", score=25, level2="质量指标", remark="未完成"),
                row("B", 25, "≥1", "1", score=25),
                reported={"score": 100})
    told = [m for m in messages(sp, Severity.DISCREPANCY) if "得分" in m]
    assert told and "指标「产出指标/质量指标/A」得分" in told[0]
    assert "「产出指标/质量指标/A」（公布 25" in headline(sp).sentence


def test_same_path_twice_is_told_by_row(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("A", 50, "≥100", "100"), row("A", 50, "≥100", "50"))
    assert sp.indicators[0].label.startswith("A（第 ") and sp.indicators[0].label != sp.indicators[1].label
    assert any(m.startswith("指标「A（第 ") for m in messages(sp, Severity.WARNING))


def test_budget_rate_exactly_at_a_strict_target_is_not_recomputed():
    rows = {BudgetRow.BUDGET: BudgetLine({}, D(100)), BudgetRow.FUNDED: BudgetLine({}, D(100)),
            BudgetRow.SPENT: BudgetLine({}, D(95))}
    rule = read_rule({"type": "budget"}, ("rule",), Problems("t.yaml"), SiteConfig())
    indicator = Indicator("一级", "二级", "预算执行率", D(10), "＞95%", "95%", score=D(10), rule=rule)
    out = apply_rule(indicator, Context(SiteConfig(), derive(Budget("万元", RateBasis.BUDGET, rows))))
    assert out.status is Status.NOT_RECOMPUTED and out.score == D(10) and out.met is False
