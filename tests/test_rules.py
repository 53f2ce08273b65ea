"""perfsite.rules: every rule of the contract, by hand-computed examples (Decimal, ROUND_HALF_UP)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsite.budget import derive
from perfsite.model import Budget, BudgetLine, BudgetRow, Indicator, RateBasis, RuleType
from perfsite.problems import Problems, Severity
from perfsite.rules import Context, Status, apply_rule, read_rule
from perfsite.siteconfig import SiteConfig

D = Decimal
SITE = SiteConfig()


def rule_of(raw, site=SITE):
    problems = Problems("t.yaml")
    rule = read_rule(raw, ("rule",), problems, site)
    return rule, problems


def run(weight, target, actual, rule=None, score=None, budget=None, site=SITE):
    parsed, problems = rule_of(rule, site)
    assert not problems.has_errors, [p.message for p in problems.items]
    indicator = Indicator("一级", "二级", "指标", D(str(weight)), target, actual,
                          score=None if score is None else D(str(score)), rule=parsed)
    return apply_rule(indicator, Context(site, budget))


def errors(outcome):
    return [f for f in outcome.findings if f[0] is Severity.ERROR]


def budget_table(budget, funded, spent, basis=RateBasis.BUDGET):
    rows = {BudgetRow.BUDGET: BudgetLine({}, D(budget)), BudgetRow.FUNDED: BudgetLine({}, D(funded)),
            BudgetRow.SPENT: BudgetLine({}, D(spent))}
    return derive(Budget("万元", basis, rows))


# ------------------------------------------------------------------ auto

def test_auto_numeric_target_is_ratio_bare_number_is_percent():
    out = run(18, "95", "100%")  # seed 000 达标合格率: 100/95 = 105.26%, capped score
    assert (out.rule, out.completion, out.score) == (RuleType.RATIO, D("105.26"), D("18.00"))


def test_auto_bare_target_takes_actual_unit():
    out = run(18, "5", "5家")
    assert (out.completion, out.score) == (D("100.00"), D("18.00"))


def test_auto_text_target_with_percentage_actual_is_judged():
    out = run(18, "增长较大", "95%")  # seed 000: 18 × 95% = 17.1
    assert (out.rule, out.score, out.completion) == (RuleType.JUDGED, D("17.10"), D("95.00"))


def test_auto_equal_texts_are_achieved():
    out = run(3, "符合要求", "符合要求", score=3)
    assert (out.rule, out.score) == (RuleType.JUDGED, D("3.00"))
    assert errors(out) == []


def test_auto_different_texts_ask_for_a_rule():
    out = run(40, "显著提升", "有所提升", score=30)
    assert out.score is None
    assert len(errors(out)) == 1
    assert "rule" in errors(out)[0][2]


def test_auto_nothing_given_takes_published_with_warning():
    out = run(10, "/", "—", score=8)
    assert out.score == D("8.00")
    assert out.status == Status.UNVERIFIED
    assert [f[0] for f in out.findings] == [Severity.WARNING]


def test_auto_nothing_given_and_no_score_is_an_error():
    out = run(10, "", "/")
    assert out.score is None and len(errors(out)) == 1


def test_auto_one_side_missing_is_an_error():
    out = run(10, "≥90%", "/")
    assert out.score is None and len(errors(out)) == 1


# ------------------------------------------------------------------ ratio

@pytest.mark.parametrize(
    ("weight", "target", "actual", "completion", "score"),
    [
        (10, "≥10个", "9个", "90.00", "9.00"),
        (10, "＞5%", "4%", "80.00", "8.00"),
        (4, "100%", "97.94%", "97.94", "3.92"),  # 4 × 0.9794 = 3.9176 → 3.92
        (7, "≥3", "2", "66.67", "4.67"),  # 7 × 2/3 = 4.666… → 4.67
        (5, "≥300家", "731家", "243.67", "5.00"),  # completion uncapped, score capped
        (10, "≤90万元", "100万元", "90.00", "9.00"),  # lower is better: target/actual
        (10, "≤90万元", "80万元", "112.50", "10.00"),
        (10, "＜2天", "4天", "50.00", "5.00"),
        (10, "=100%", "90%", "90.00", "9.00"),  # = is read as ≥
        (10, "≥6万家次", "17.65万家次", "294.17", "10.00"),
        (8, "150%", "2.84倍", "189.33", "8.00"),  # 284% against 150%
        (6, "≥20万元/个", "15万元/个", "75.00", "4.50"),
        (10, "≥2%", "-1%", "-50.00", "0.00"),  # a fall scores 0, never below
    ],
)
def test_ratio(weight, target, actual, completion, score):
    out = run(weight, target, actual, "ratio")
    assert (out.completion, out.score) == (D(completion), D(score))
    assert errors(out) == []


def test_ratio_several_figures_lowest_completion_counts():
    out = run(5, "≥50%", "87.10%、64.52%", "ratio")
    assert (out.completion, out.score) == (D("129.04"), D("5.00"))
    out = run(10, "≥50%", "40%、60%", "ratio")
    assert (out.completion, out.score) == (D("80.00"), D("8.00"))


@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [
        ("≤0", "0", "10.00"),  # 安全事故数 = 0
        ("≤0起", "1起", "0.00"),
        ("=0人", "0人", "10.00"),
        ("=0人", "2人", "0.00"),
        ("≤5天", "0天", "10.00"),  # for ≤ targets an actual of 0 meets the target
        ("≥0%", "5%", "10.00"),  # for ≥ targets a target of 0 is met by any actual ≥ 0
        ("≥0%", "0%", "10.00"),
    ],
)
def test_ratio_zeros_and_completion_shown_as_dash(target, actual, score):
    out = run(10, target, actual, "ratio")
    assert out.score == D(score)
    assert out.completion is None
    assert errors(out) == []


def test_ratio_zero_target_not_met_by_negative_actual():
    # contract: "for ≥ targets a target of 0 is met by any actual ≥ 0" — a fall of 5% is not ≥ 0
    out = run(10, "≥0%", "-5%", "ratio")
    assert out.score is not None and out.score < D(10)


@pytest.mark.parametrize(
    ("actual", "completion", "score"),
    [("74.99%", "74.99", "0.00"), ("75%", "75.00", "7.50"), ("90%", "90.00", "9.00")],
)
def test_ratio_floor(actual, completion, score):
    out = run(10, "100%", actual, {"type": "ratio", "floor": "75%"})
    assert (out.completion, out.score) == (D(completion), D(score))


@pytest.mark.parametrize(
    ("actual", "completion", "score"),
    [
        ("120", "80.00", "8.00"),  # (1 − (120 − 100)/100) × 10
        ("150", "50.00", "5.00"),
        ("200", "0.00", "0.00"),  # 0 at twice the target
        ("250", "-50.00", "0.00"),  # never below 0
        ("80", "120.00", "10.00"),  # under the target: full marks
    ],
)
def test_ratio_reverse_linear(actual, completion, score):
    out = run(10, "≤100", actual, {"type": "ratio", "reverse": "linear"})
    assert (out.completion, out.score) == (D(completion), D(score))


def test_ratio_reverse_default_is_target_over_actual():
    out = run(10, "≤100", "125", "ratio")  # 100/125 = 80%
    assert (out.completion, out.score) == (D("80.00"), D("8.00"))


def test_ratio_needs_numbers():
    out = run(10, "符合要求", "符合要求", "ratio")
    assert out.score is None and len(errors(out)) == 1


def test_incomparable_units_are_an_error():
    out = run(60, "100万元", "50人")
    assert out.score is None
    assert [(f[1], "单位" in f[2]) for f in errors(out)] == [("actual", True)]


def test_figure_counts_that_cannot_pair_are_an_error():
    out = run(10, "≥10、20、30", "15、10", "ratio")
    assert out.score is None and len(errors(out)) == 1


# ------------------------------------------------------------------ judged

def test_judged_achievement():
    out = run(18, "增长较大", "有所增长", {"type": "judged", "achievement": "95%"})
    assert (out.rule, out.score, out.completion) == (RuleType.JUDGED, D("17.10"), D("95.00"))


@pytest.mark.parametrize(
    ("level", "score", "inside"),
    [
        ("部分达成", "30", True),  # 40 × [60%, 80%) = [24, 32)
        ("部分达成", "24", True),  # lower bound inclusive
        ("部分达成", "32", False),  # upper bound belongs to 达成
        ("部分达成", "20", False),
        ("达成", "40", True),  # full marks are 达成
        ("达成", "32", True),
        ("未达成", "10", True),
        ("未达成", "25", False),
        ("部分达成年度指标并具有一定效果", "30", True),
    ],
)
def test_judged_level_bounds_the_published_score(level, score, inside):
    out = run(40, "显著提升", "有所提升", {"type": "judged", "level": level}, score=score)
    assert out.score == D(score)  # the published score is never replaced
    discrepancies = [f for f in out.findings if f[0] is Severity.DISCREPANCY]
    assert (discrepancies == []) is inside


def test_judged_level_without_score_is_an_error():
    out = run(40, "显著提升", "有所提升", {"type": "judged", "level": "部分达成"})
    assert out.score is None
    assert [f[1] for f in errors(out)] == ["score"]


def test_judged_level_uses_configured_levels():
    site = SiteConfig(judged_levels={"达成": (D("0.9"), D(1)), "部分达成": (D("0.5"), D("0.9")), "未达成": (D(0), D("0.5"))})
    out = run(10, "显著提升", "有所提升", {"type": "judged", "level": "达成"}, score="8.5", site=site)
    assert [f[0] for f in out.findings] == [Severity.DISCREPANCY]


@pytest.mark.parametrize(
    "raw",
    [
        {"type": "judged"},
        {"type": "judged", "achievement": "95%", "level": "达成"},
        {"type": "judged", "level": "优秀"},
        {"type": "judged", "achievement": "120%"},
    ],
)
def test_judged_bad_parameters(raw):
    _, problems = rule_of(raw)
    assert problems.has_errors


# ------------------------------------------------------------------ budget

def test_budget_rule_execution_rate_default():
    table = budget_table(100, 80, 72)  # 执行率 72/100 = 72%
    out = run(20, "100%", "72%", "budget", budget=table)
    assert (out.rule, out.completion, out.score) == (RuleType.BUDGET, D("72.00"), D("14.40"))
    assert out.findings == []


def test_budget_rule_seed_002_funded_basis_with_floor():
    table = budget_table(4800, 4800, "4700.90", RateBasis.FUNDED)
    out = run(4, "100%", "97.94%", {"type": "budget", "rate": "执行率", "floor": "75%"}, budget=table)
    assert (out.completion, out.score) == (D("97.94"), D("3.92"))
    out = run(4, "100%", "100%", {"type": "budget", "rate": "到位率", "floor": "75%"}, budget=table)
    assert (out.completion, out.score) == (D("100.00"), D("4.00"))


def test_budget_rule_below_floor_scores_zero():
    table = budget_table(100, 100, 70)
    out = run(10, "100%", "70%", {"type": "budget", "floor": "75%"}, budget=table)
    assert (out.completion, out.score) == (D("70.00"), D("0.00"))


def test_budget_rule_checks_a_typed_actual():
    table = budget_table(100, 100, 80)
    out = run(10, "100%", "90%", "budget", budget=table)
    assert out.score == D("8.00")  # the table wins
    assert [(f[0], f[1]) for f in out.findings] == [(Severity.DISCREPANCY, "actual")]


def test_budget_rule_without_table_is_an_error():
    out = run(10, "100%", "100%", "budget")
    assert out.score is None
    assert len(errors(out)) == 1 and "ratio" in errors(out)[0][2]


def test_budget_rule_zero_denominator_is_an_error():
    out = run(10, "100%", "100%", "budget", budget=budget_table(0, 0, 0))
    assert out.score is None and len(errors(out)) == 1


def test_budget_rule_unknown_rate():
    _, problems = rule_of({"type": "budget", "rate": "结余率"})
    assert problems.has_errors


# ------------------------------------------------------------------ deduct

@pytest.mark.parametrize(
    ("weight", "rule", "score"),
    [
        (2, {"type": "deduct", "per": "0.5", "count": 3}, "0.50"),
        (3, {"type": "deduct", "per": "0.25", "count": 2}, "2.50"),
        (6, {"type": "deduct", "per": 1, "count": 1}, "5.00"),
        (3, {"type": "deduct", "per": "0.15", "count": 0}, "3.00"),
        (2, {"type": "deduct", "per": "0.5", "count": 10}, "0.00"),  # 扣完为止
        (3, {"type": "deduct", "items": [{"per": "0.5", "count": 1}, {"per": 1, "count": 0}]}, "2.50"),
        (3, {"type": "deduct", "items": [{"per": "0.5", "count": 2}, {"per": 1, "count": 1}]}, "1.00"),
    ],
)
def test_deduct(weight, rule, score):
    out = run(weight, "符合要求", "发现问题", rule)
    assert (out.rule, out.score, out.completion) == (RuleType.DEDUCT, D(score), None)


@pytest.mark.parametrize(
    "raw",
    [
        {"type": "deduct", "per": "0.5"},
        {"type": "deduct", "per": "0.5", "count": "1.5"},
        {"type": "deduct", "per": "-1", "count": 1},
        {"type": "deduct", "per": "0.5", "count": 1, "items": [{"per": 1, "count": 1}]},
        {"type": "deduct", "items": []},
    ],
)
def test_deduct_bad_parameters(raw):
    _, problems = rule_of(raw)
    assert problems.has_errors


# ------------------------------------------------------------------ shortfall

CORE_SERVICE = {"type": "shortfall", "step": "5家", "per": 1, "zero_below": "20家"}  # seed 002 核心服务机构数


@pytest.mark.parametrize(
    ("actual", "score"),
    [
        ("108家", "5.00"),
        ("30家", "5.00"),
        ("29家", "4.00"),  # ⌈1/5⌉ = 1 step
        ("25家", "4.00"),  # ⌈5/5⌉ = 1
        ("24家", "3.00"),  # ⌈6/5⌉ = 2
        ("20家", "3.00"),  # not below 20
        ("19家", "0.00"),  # below zero_below
    ],
)
def test_shortfall(actual, score):
    out = run(5, "≥30家", actual, CORE_SERVICE)
    assert (out.rule, out.score) == (RuleType.SHORTFALL, D(score))


@pytest.mark.parametrize(
    ("actual", "score"),
    [("17.65万家次", "4.00"), ("5.5万家次", "3.50"), ("5万家次", "3.50"), ("4.9万家次", "0.00")],
)
def test_shortfall_with_wan(actual, score):
    # seed 002: 当年服务企业数≥6万家次，每小于1万家次扣0.5分，少于5万家次不得分
    rule = {"type": "shortfall", "step": "1万家次", "per": "0.5", "zero_below": "5万家次"}
    out = run(4, "≥6万家次", actual, rule)
    assert out.score == D(score)


def test_shortfall_never_below_zero():
    out = run(2, "≥100", "10", {"type": "shortfall", "step": 10, "per": 1})
    assert out.score == D("0.00")  # 2 − 9 × 1, floored at 0


@pytest.mark.parametrize("raw", [{"type": "shortfall", "per": 1}, {"type": "shortfall", "step": 0, "per": 1}, {"type": "shortfall", "step": "很多", "per": 1}])
def test_shortfall_bad_parameters(raw):
    _, problems = rule_of(raw)
    assert problems.has_errors


# ------------------------------------------------------------------ bands

SATISFACTION = {"type": "bands", "bands": [{"min": "90%", "score": 8}, {"min": "80%", "score": 5}, {"min": "70%", "score": 1}]}


@pytest.mark.parametrize(
    ("actual", "score"),
    [("95%", "8.00"), ("90%", "8.00"), ("89.99%", "5.00"), ("80%", "5.00"), ("70%", "1.00"), ("69.99%", "0.00")],
)
def test_bands(actual, score):
    out = run(8, "≥90%", actual, SATISFACTION)
    assert (out.rule, out.score) == (RuleType.BANDS, D(score))


def test_bands_min_with_a_unit():
    rule = {"type": "bands", "bands": [{"min": "300家", "score": 5}, {"min": "200家", "score": 4}, {"min": "100家", "score": 3}]}
    assert run(5, "≥300家", "1847家", rule).score == D("5.00")
    assert run(5, "≥300家", "250家", rule).score == D("4.00")
    assert run(5, "≥300家", "99家", rule).score == D("0.00")


def test_bands_unit_mismatch_is_an_error():
    rule = {"type": "bands", "bands": [{"min": "300家", "score": 5}]}
    out = run(5, "≥300家", "300人", rule)
    assert out.score is None and len(errors(out)) == 1


def test_bands_need_a_numeric_actual():
    out = run(8, "≥90%", "满意", SATISFACTION)
    assert out.score is None and len(errors(out)) == 1


@pytest.mark.parametrize("raw", [{"type": "bands"}, {"type": "bands", "bands": []}, {"type": "bands", "bands": [{"min": "90%"}]}])
def test_bands_bad_parameters(raw):
    _, problems = rule_of(raw)
    assert problems.has_errors


# ------------------------------------------------------------------ reported

def test_reported_takes_the_published_score():
    out = run(2, "符合要求", "现场评价时存在资料不完善等问题", "reported", score="0.5")
    assert (out.rule, out.score, out.status) == (RuleType.REPORTED, D("0.50"), Status.NOT_RECOMPUTED)


def test_reported_without_score_is_an_error():
    out = run(2, "—", "—", "reported")
    assert out.score is None
    assert [f[1] for f in errors(out)] == ["score"]


# ------------------------------------------------------------------ reading rules

def test_rule_by_name_or_mapping():
    assert rule_of("ratio")[0].type is RuleType.RATIO
    assert rule_of({"type": "ratio", "floor": "75%"})[0].params["floor"] == D("0.75")
    assert rule_of(None)[0].type is RuleType.AUTO
    assert rule_of("")[0].type is RuleType.AUTO


def test_unknown_rule_suggests_the_closest():
    _, problems = rule_of("ratoi")
    assert len(problems.items) == 1
    assert "ratoi" in problems.items[0].message and "您是不是想写 ratio" in problems.items[0].message


def test_unknown_parameter_is_an_error():
    _, problems = rule_of({"type": "deduct", "per": "0.5", "count": 1, "cout": 2})
    assert len(problems.items) == 1
    assert problems.items[0].key == "rule.cout"
    assert "您是不是想写 count" in problems.items[0].message


@pytest.mark.parametrize("raw", [{"per": 1}, ["ratio"], {"type": "ratio", "reverse": "log"}, {"type": "ratio", "floor": "多"}])
def test_malformed_rules_are_errors(raw):
    _, problems = rule_of(raw)
    assert problems.has_errors


def test_an_invalid_rule_is_not_scored():
    parsed, _ = rule_of("ratoi")
    indicator = Indicator("一级", "二级", "指标", D(10), "≥10", "9", score=D(9), rule=parsed)
    assert apply_rule(indicator, Context(SITE, None)).score is None


def test_ratio_lower_is_better_negative_actual_meets_target():
    # contract: ≤ means lower is better, and "for ≤ targets an actual of 0 meets the target";
    # 能耗增长率 ≤3%, actual −1.2% (it fell) is lower still and must meet the target.
    out = run(10, "≤3%", "-1.2%", "ratio")
    assert out.score == D("10.00")


def test_ratio_negative_target_is_monotonic():
    # issue #2: the score rises with the actual for ≥ targets. 降幅不超过5% written ≥-5%:
    # −3% meets it and −10% does not, but −10%/−5% = 200% scores full and −3%/−5% = 60% scores 6.
    better = run(10, "≥-5%", "-3%", "ratio").score
    worse = run(10, "≥-5%", "-10%", "ratio").score
    assert better >= worse


@pytest.mark.parametrize(
    ("published", "discrepancy"),
    [("3", False), ("2.75", False), ("2.4", False), ("2.39", True)],
)
def test_equal_texts_are_judged_at_the_achieved_level(published, discrepancy):
    # contract: "text actual equal to the text target → judged at 达成"; 达成 allows 80–100% of the weight
    out = run(3, "符合要求", "符合要求", score=published)
    assert out.rule is RuleType.JUDGED
    assert out.score == D(published).quantize(D("0.01"))
    found = [f for f in out.findings if f[0] is Severity.DISCREPANCY]
    assert bool(found) is discrepancy


def test_equal_texts_without_a_published_score_earn_full_marks():
    out = run(3, "符合要求", "符合要求")
    assert (out.score, out.completion) == (D("3.00"), D("100.00"))
