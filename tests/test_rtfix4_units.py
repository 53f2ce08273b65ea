"""A figure without a unit read one way for the 绩效目标表 comparison and for scoring alike; units
of one measure (‰ and %, 元/米 and 万元/公里) converted exactly in both (perfsite.unit_readings)."""

from __future__ import annotations

from decimal import Decimal

from perfsite.model import Indicator, Rule, RuleType
from perfsite.problems import Severity
from perfsite.rules import Context, Status, apply_rule
from perfsite.siteconfig import SiteConfig
from perfsite.targets_compare import Change, moved_target
from perfsite.unit_readings import measure_align, readings, unit_size
from perfsite.values import Figure, parse_value

D = Decimal


def run(weight, target, actual, score=None):
    indicator = Indicator("一级", "二级", "指标", D(str(weight)), target, actual,
                          score=None if score is None else D(str(score)), rule=Rule(RuleType.AUTO, {}))
    return apply_rule(indicator, Context(SiteConfig(), None))


def warnings(outcome):
    return [f[2] for f in outcome.findings if f[0] is Severity.WARNING]


def test_bare_target_whose_readings_score_differently_is_not_recomputed():
    # ≥10 beside 5万人次: 10人次 gives 500000% (full marks), 10万人次 gives 50%
    out = run(50, "≥10", "5万人次", score=50)
    assert (out.status, out.score) == (Status.NOT_RECOMPUTED, D(50))
    assert warnings(out) == ["目标值「≥10」没有写单位，可读作 10人次（得 50.00 分） 或 10万人次（得 25.00 分），得分不同："
                             "得分未重新计算，采用公布得分 50；请写明单位（与绩效目标表一致）"]


def test_fraction_target_against_a_percentage_is_not_scored_full():
    out = run(50, "≥0.95", "50%", score=50)
    assert out.status is Status.NOT_RECOMPUTED
    assert "0.95%（得 50.00 分） 或 95%（得 26.32 分）" in warnings(out)[0]


def test_bare_actual_is_read_both_ways_too():
    out = run(50, "≥95%", "0.5", score=50)
    assert out.status is Status.NOT_RECOMPUTED
    assert warnings(out)[0].startswith("实际值「0.5」没有写单位")


def test_without_a_published_score_the_ambiguity_is_an_error():
    out = run(50, "≥10", "5万人次")
    assert out.score is None
    assert [f[1] for f in out.findings if f[0] is Severity.ERROR] == ["target"]


def test_readings_that_agree_score_as_before():
    out = run(18, "95", "100%", score=18)  # 95% or 9500%: no fraction reading above 1, one score
    assert (out.status, out.score, out.completion, warnings(out)) == (Status.COMPUTED, D("18.00"), D("105.26"), [])
    out = run(40, "≥0.96", "99%", score=40)  # 0.96% or 96%: full marks either way, the 96% reading's rate shown
    assert (out.status, out.score, out.completion, warnings(out)) == (Status.COMPUTED, D("40.00"), D("103.13"), [])
    assert out.explanation.startswith("目标值「≥0.96」没有写单位，读作 96%；")


def test_completion_above_1000_percent_from_a_borrowed_unit_is_a_warning():
    out = run(40, "≥1.2", "6000人次", score=40)
    assert (out.status, out.score) == (Status.COMPUTED, D("40.00"))
    assert warnings(out) == ["目标值「≥1.2」没有写单位，按另一边的单位读作 1.2人次，完成率 500000.00%："
                             "多半漏写了单位（如“万”或“%”），请核实"]
    assert warnings(run(40, "≥100", "1000人次", score=40)) == []  # 1000%: no warning at the bound


def test_permille_against_percent_is_scored_as_compared():
    out = run(10, "≤5‰", "0.3%", score=10)  # 3‰ ≤ 5‰
    assert (out.status, out.score) == (Status.COMPUTED, D("10.00"))
    out = run(10, "≥99%", "980‰")
    assert (out.score, out.completion) == (D("9.90"), D("98.99"))


def test_rate_units_convert_exactly():
    assert unit_size("元/公里") == ("元/米", D("0.001"))
    assert unit_size("元/米") == ("元/米", D(1))
    assert unit_size("人/平方米") == ("人/平方公里", D(1000000))  # per 平方公里: 1/0.0015 亩 has no finite decimal
    assert unit_size("次/日") == ("次/周", D(7))  # a part not in UNIT_SIZES stands for itself; per 周: 1/7 天
    assert unit_size("人次/户") is None  # neither part converts: compared by its text
    t, a, unit = measure_align(Figure(D(12000), "元/公里"), Figure(D(15), "元/米"))
    assert (t, a, unit) == (D(12), D(15), "元/米")


def test_rate_target_restated_in_other_units_is_ranked():
    assert moved_target("≤1.2万元/公里", "≤15元/米").change is Change.LOWERED
    assert moved_target("≤1.2万元/公里", "≤12元/米").change is Change.UNCHANGED
    assert moved_target("≤1.2万元/公里", "≤10元/米").change is Change.RAISED


def test_chinese_tenths_are_not_comparable_not_a_kind_change():
    verdict = moved_target("≥95%", "≥九成")
    assert verdict.undecided and verdict.note.startswith("无法比较")
    assert moved_target("≥95%", "成效显著").note == "定量目标改为定性目标"


def test_readings_list_the_bare_cell_each_way():
    found = readings(parse_value("≥10"), parse_value("5万人次"))
    assert [r.shown for r in found] == ["10人次", "10万人次"]  # in the unit the form writes, the figure exact
    assert [r.target.figures[0].amount for r in found] == [D(10), D(100000)]
    assert len(readings(parse_value("≥95%"), parse_value("96%"))) == 1


def test_a_row_not_recomputed_for_its_unit_is_not_counted_as_reached(tmp_path, core_write, core_programme):
    from perfsite.dataset import load_dataset
    from perfsite.headline import reached

    root = tmp_path / "data"
    core_write(root / "site.yaml", {"title": "测试站"})
    core_write(root / "2023" / "x" / "u.yaml", core_programme(
        year=2023, reported={"score": 100, "grade": "优"},
        indicators=[{"level1": "产出指标", "level2": "数量指标", "name": "服务人次", "weight": 50, "target": "≥10",
                     "actual": "5万人次", "score": 50, "remark": "按实际"},
                    {"level1": "产出指标", "level2": "质量指标", "name": "达标率", "weight": 50, "target": "≥95%",
                     "actual": "96%", "score": 50}]))
    data = load_dataset(root, root)
    assert reached(data.programmes[0]) == (1, 2)  # 服务人次's published 50 is no target met


def test_rate_units_are_scored_as_compared():
    out = run(100, "≤1.2万元/公里", "14元/米", score=100)  # 12 元/米 ÷ 14 元/米
    assert (out.completion, out.score) == (D("85.71"), D("85.71"))
