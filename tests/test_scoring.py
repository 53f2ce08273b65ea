"""perfsite.scoring: totals, grades, subtotals and the comparison with what was published."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.rules import Status
from perfsite.scoring import compare, score_programme
from perfsite.siteconfig import GradeBand, SiteConfig

D = Decimal


def ind(name, weight, target, actual, score=None, **extra):
    row = {"level1": extra.pop("level1", "产出指标"), "level2": extra.pop("level2", "数量指标"), "name": name,
           "weight": weight, "target": target, "actual": actual}
    if score is not None:
        row["score"] = score
    row.update(extra)
    return row


def scored(tmp_path, core_write, data, site=None):
    site = site or SiteConfig()
    path = core_write(tmp_path / "p.yaml", data)
    prog, problems = read_programme(path, site, tmp_path)
    assert prog is not None
    return score_programme(prog, site, problems)


def of(sp, severity):
    return [p for p in sp.problems if p.severity is severity]


def programme(*indicators, **extra):
    return {"name": "测试项目", "year": 2021, "department": "测试局", "indicators": list(indicators), **extra}


# ------------------------------------------------------------------ compare

@pytest.mark.parametrize(
    ("published", "computed", "status"),
    [
        ("3.92", "3.92", Status.MATCH),
        ("3.91", "3.92", Status.MATCH),  # within 0.01
        ("3.90", "3.92", Status.ROUNDING),
        ("3.82", "3.92", Status.ROUNDING),  # up to 0.1
        ("3.81", "3.92", Status.DISCREPANCY),  # beyond 0.1
        ("9.52", "9.25", Status.DISCREPANCY),
        ("99.1", "99.10", Status.MATCH),
    ],
)
def test_compare_tolerances(published, computed, status):
    assert compare(D(published), D(computed)) == status


# ------------------------------------------------------------------ totals and grades

def test_total_is_sum_of_rounded_scores(tmp_path, core_write):
    # 50 × 2/3 = 33.333… → 33.33 twice: total 66.66, not round(66.666…) = 66.67
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 50, "3", "2", remark="未完成"), ind("乙", 50, "3", "2", remark="未完成")))
    assert [s.score for s in sp.indicators] == [D("33.33"), D("33.33")]
    assert sp.total == D("66.66")
    assert sp.grade == "中"


@pytest.mark.parametrize(
    ("actual", "total", "grade"),
    [("499.5", "89.99", "良"), ("500", "90.00", "优"), ("0", "80.00", "良"), ("1000", "100.00", "优")],
)
def test_grade_on_the_rounded_total(tmp_path, core_write, actual, total, grade):
    # 80 + 20 × actual/1000: 499.5 → 9.99 → 89.99 良; 500 → 10.00 → 90.00 优
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 80, "100%", "100%"), ind("乙", 20, "1000", actual, remark="说明")))
    assert (sp.total, sp.grade) == (D(total), grade)


def test_configured_grade_bands_are_used(tmp_path, core_write):
    site = SiteConfig(grades=(GradeBand(D(95), "A"), GradeBand(D(0), "B")))
    sp = scored(tmp_path, core_write, programme(ind("甲", 100, "100", "94", remark="说明")), site)
    assert (sp.total, sp.grade) == (D("94.00"), "B")


def test_weights_must_sum_to_100(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "1", "1"), ind("乙", 35, "1", "1")))
    errors = of(sp, Severity.ERROR)
    assert len(errors) == 1
    assert "95" in errors[0].message and errors[0].key == "indicators"
    assert sp.weight_total == D(95)


def test_weights_in_decimals_sum_exactly(tmp_path, core_write):
    sp = scored(tmp_path, core_write, "name: 测试\nyear: 2021\ndepartment: 局\nindicators:\n"
                + "".join(f"  - {{name: 甲{i}, weight: 33.33, target: '1', actual: '1'}}\n" for i in range(2))
                + "  - {name: 乙, weight: 33.34, target: '1', actual: '1'}\n")
    assert of(sp, Severity.ERROR) == []
    assert sp.total == D("100.00")


# ------------------------------------------------------------------ not applicable

def test_not_applicable_rescales_the_total(tmp_path, core_write):
    # (45 + 30) ÷ (50 + 30) × 100 = 93.75
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 20, "/", "/", applicable=False),
        ind("乙", 50, "100", "90", remark="说明"),
        ind("丙", 30, "100", "100")))
    assert sp.indicators[0].score is None
    assert sp.total == D("93.75")
    assert sp.grade == "优"
    assert of(sp, Severity.ERROR) == []


def test_not_applicable_rescaled_total_rounds_half_up(tmp_path, core_write):
    # 50 × 2/3 = 33.33; (33.33 + 30) ÷ 80 × 100 = 79.1625 → 79.16 中
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 20, "/", "/", applicable=False), ind("乙", 50, "3", "2", remark="说明"), ind("丙", 30, "1", "1")))
    assert (sp.total, sp.grade) == (D("79.16"), "中")


def test_not_applicable_row_without_weight_counts_zero(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 60, "1", "1"), {"name": "乙", "applicable": False, "target": "/", "actual": "/"}, ind("丙", 40, "1", "1")))
    assert of(sp, Severity.ERROR) == []
    assert sp.weight_total == D(100)
    assert sp.total == D("100.00")


# ------------------------------------------------------------------ subtotals

def test_declared_level_subtotals_are_checked(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 20, "1", "1", level1="产出（40分）", level2="数量（20分）"),
        ind("乙", 18, "1", "1", level1="产出（40分）", level2="质量（20分）"),
        ind("丙", 62, "1", "1", level1="效益（62分）", level2="满意度（62分）")))
    errors = of(sp, Severity.ERROR)
    assert [(p.key, p.line) for p in errors] == [("indicators[1].level1", 5), ("indicators[2].level2", 12)]
    assert "40" in errors[0].message and "38" in errors[0].message
    assert sp.subtotals == [("产出", D(38), D("38.00")), ("效益", D(62), D("62.00"))]


def test_groups_are_checked(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 30, "1", "1"), ind("乙", 30, "1", "1"),
        ind("丙", 40, "1", "1", level1="效益指标"), groups={"产出指标": 50, "效益": 40}))
    errors = of(sp, Severity.ERROR)
    assert [p.key for p in errors] == ["groups.产出指标"]  # 效益 matches 效益指标
    assert "50" in errors[0].message and "60" in errors[0].message


def test_groups_naming_no_level_is_an_error(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 100, "1", "1"), groups={"决策": 100}))
    assert [p.key for p in of(sp, Severity.ERROR)] == ["groups.决策"]


# ------------------------------------------------------------------ published figures

def test_score_above_weight_is_an_error(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "1", "1", 60), ind("乙", 40, "≥90%", "95%", 45)))
    errors = of(sp, Severity.ERROR)
    assert len(errors) == 1
    assert errors[0].key == "indicators[2].score" and "45" in errors[0].message and "40" in errors[0].message


@pytest.mark.parametrize(
    ("published", "severity", "shown"),
    [("9.00", None, ""), ("9.01", None, ""), ("9.05", Severity.NOTE, "9.05"), ("9.10", Severity.NOTE, "9.1"),
     ("9.2", Severity.DISCREPANCY, "9.2"), ("8", Severity.DISCREPANCY, "8")],
)
def test_published_score_compared(tmp_path, core_write, published, severity, shown):
    # computed 10 × 9/10 = 9.00
    sp = scored(tmp_path, core_write, programme(ind("甲", 10, "10", "9", published, remark="说明"), ind("乙", 90, "1", "1")))
    found = [(p.severity, p.published, p.computed) for p in sp.problems if p.key == "indicators[1].score"]
    assert found == ([] if severity is None else [(severity, shown, "9.00")])
    assert sp.indicators[0].score == D("9.00")  # the computed figure never takes the published one's place


@pytest.mark.parametrize(
    ("completion", "severity"),
    [("105.26%", None), ("105.27%", None), ("105.3%", Severity.NOTE), ("105.2%", Severity.NOTE), ("1.0526", None), ("100%", None),
     ("100.00%", None), ("99%", Severity.DISCREPANCY),
     # printed with fewer places: compared at those places (105.26 → 105), as 执行率 is; 106 and 105.4 are not it
     ("105%", Severity.NOTE), ("106%", Severity.DISCREPANCY), ("105.4%", Severity.DISCREPANCY)],
)
def test_published_completion_compared(tmp_path, core_write, completion, severity):
    sp = scored(tmp_path, core_write, programme(ind("甲", 18, "95", "100%", 18, completion=completion), ind("乙", 82, "1", "1")))
    found = [p.severity for p in sp.problems if p.key == "indicators[1].completion"]
    assert found == ([] if severity is None else [severity])


def test_reported_total_and_grade_match(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 82, "1", "1", 82), ind("乙", 18, "增长较大", "95%", "17.1", remark="说明"),
        reported={"score": "99.1", "grade": "优秀"}))
    assert sp.problems == []
    assert sp.total == D("99.10")


def test_reported_total_discrepancy(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 60, "1", "1"), ind("乙", 40, "10", "9", remark="说明"), reported={"score": 100}))
    found = [(p.severity, p.key, p.published, p.computed) for p in sp.problems]
    assert found == [(Severity.DISCREPANCY, "reported.score", "100", "96.00")]


def test_reported_total_rounding_note(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 60, "1", "1"), ind("乙", 40, "3", "2", remark="说明"), reported={"score": "86.7"}))
    # 40 × 2/3 = 26.67; total 86.67 vs 86.7: 0.03 → a rounding note
    assert [(p.severity, p.key) for p in sp.problems] == [(Severity.NOTE, "reported.score")]


def test_reported_total_not_sum_of_published_scores(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 60, "1", "1", 60), ind("乙", 40, "1", "1", 40), reported={"score": 99}))
    discrepancies = of(sp, Severity.DISCREPANCY)
    # two findings: 99 ≠ computed 100.00, and 99 ≠ 60 + 40 published
    assert len(discrepancies) == 2
    assert {p.computed for p in discrepancies} == {"100.00", "100"}


def test_reported_grade_its_score_does_not_earn(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 60, "1", "1"), ind("乙", 40, "100", "62.5", remark="说明"), reported={"score": 85, "grade": "优秀"}))
    # computed 60 + 25 = 85.00 matches the reported total; 85 earns 良, not 优
    found = [(p.severity, p.key, p.computed) for p in sp.problems]
    assert found == [(Severity.DISCREPANCY, "reported.grade", "良")]


def test_reported_grade_earned_by_reported_but_not_computed_total(tmp_path, core_write):
    # reported 90 优 (which 90 earns), but the computed total is 60 + 25 = 85.00 → 良
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 60, "1", "1"), ind("乙", 40, "100", "62.5", remark="说明"), reported={"score": 90, "grade": "优"}))
    found = sorted((p.key, p.severity, p.computed) for p in sp.problems)
    assert found == [("reported.grade", Severity.DISCREPANCY, "良"), ("reported.score", Severity.DISCREPANCY, "85.00")]


def test_reported_grade_alias_matches(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 60, "1", "1"), ind("乙", 40, "100", "62.5", remark="说明"), reported={"score": 85, "grade": "良好"}))
    assert sp.problems == []


def test_reported_grade_unknown_word_is_an_error(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 100, "1", "1"), reported={"score": 100, "grade": "很好"}))
    assert [(p.severity, p.key) for p in sp.problems] == [(Severity.ERROR, "reported.grade")]


# ------------------------------------------------------------------ warnings

def test_score_below_weight_without_remark_is_a_warning(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "10", "9", 54), ind("乙", 40, "1", "1", 40)))
    assert [(p.severity, p.key) for p in sp.problems] == [(Severity.WARNING, "indicators[1].remark")]


def test_score_below_weight_with_remark_is_fine(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "10", "9", 54, remark="原因"), ind("乙", 40, "1", "1", 40)))
    assert sp.problems == []


@pytest.mark.parametrize(
    ("actual", "remark", "warned"),
    [("130", "", True), ("129.9", "", False), ("200%", "", True), ("130", "目标偏低，下年调整", False)],
)
def test_actual_far_above_target_without_remark(tmp_path, core_write, actual, remark, warned):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "≥100", actual, remark=remark), ind("乙", 40, "1", "1")))
    keys = [p.key for p in sp.problems if p.severity is Severity.WARNING]
    assert keys == (["indicators[1].remark"] if warned else [])


def test_lower_is_better_far_below_target_is_not_warned(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "≤100万元", "50万元"), ind("乙", 40, "1", "1")))
    assert sp.problems == []


def test_unverifiable_score_is_a_warning(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "/", "/", 60), ind("乙", 40, "1", "1")))
    assert [(p.severity, p.key) for p in sp.problems] == [(Severity.WARNING, "indicators[1].score")]
    assert sp.total == D("100.00")


def test_spent_above_funded_is_a_warning(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(
        ind("甲", 100, "1", "1"), budget={"budget": 100, "funded": 80, "spent": 90}))
    assert [(p.severity, p.key) for p in sp.problems] == [(Severity.WARNING, "budget.spent")]


def test_rule_errors_are_located(tmp_path, core_write):
    sp = scored(tmp_path, core_write, programme(ind("甲", 60, "1", "1"), ind("乙", 40, "显著提升", "有所提升", 30, remark="说明")))
    errors = of(sp, Severity.ERROR)
    assert [(p.key, p.line) for p in errors] == [("indicators[2].rule", 11)]
    assert sp.total is None and sp.grade is None  # no total when an indicator cannot be scored


def test_a_completion_capped_at_100_percent_agrees(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Many forms print 完成率 capped at 100% where the ratio is above it; the score is capped at
    the weight either way, so an auditor calls it consistent. Below 100% a wrong figure still is not."""
    from perfsite.problems import Severity
    from perfsite.reader import read_programme
    from perfsite.scoring import score_programme
    from perfsite.siteconfig import SiteConfig

    def problems_for(completion: str) -> list[str]:
        path = tmp_path / f"p{len(completion)}{completion.replace('%', 'p').replace('.', '_')}.yaml"
        path.write_text(
            "name: 测试\nyear: 2023\ndepartment: 某局\nindicators:\n"
            f"  - {{level1: 产出指标, level2: 数量指标, name: 数量, weight: 100, target: '≥52', actual: '60',"
            f" completion: '{completion}', score: 100}}\n", encoding="utf-8")
        site = SiteConfig()
        prog, found = read_programme(path, site)
        assert prog is not None
        return [p.message for p in score_programme(prog, site, found).problems if p.severity is Severity.DISCREPANCY]

    assert problems_for("100%") == []
    assert problems_for("100.00%") == []
    assert problems_for("115.38%") == []
    assert problems_for("90%")  # 60 / 52 is not 90%


@pytest.mark.parametrize(("computed", "published", "rounding"), [
    ("103.45", "103", True), ("103.60", "103", False), ("103.60", "104", True),
    # the 2-place figure ends on half a step: the exact rate may round either way
    ("99.50", "99", True), ("99.50", "100", True), ("99.50", "98", False),
    ("98.45", "98.5", True), ("98.45", "98.4", True), ("98.45", "98.6", False),
    ("98.46", "98.5", True), ("98.46", "98.4", False),
    ("99.12", "99.12", False),  # as many places: the 0.1 rule alone
])
def test_a_completion_printed_with_fewer_places(computed, published, rounding):
    from perfsite.scoring import printed_rounding

    assert printed_rounding(Decimal(computed), Decimal(published)) is rounding
