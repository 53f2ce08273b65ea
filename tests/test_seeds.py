"""Golden tests: the two seed documents in data/ score exactly as published, row by row.

Expected figures are typed from /work/shared/seeds/ (000: 附件1 自评表; 002: 附件2 自评表),
never from the code. Where a seed does not print a 完成率 (seed 002), it is computed by hand from
the contract (ratio: actual ÷ target, half up to 2 places); rows whose rule defines no completion
(deduct, bands, reported) show none.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.scoring import score_programme
from perfsite.siteconfig import load_site

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SEED_000 = DATA / "2021" / "quwo" / "xiaoshenggui.yaml"
SEED_002 = DATA / "2022" / "zhongxiaoqiye" / "zhongxiaoqiye-fazhan.yaml"

D = Decimal

# (三级指标, 权重, 完成率 %, 得分) — 附件1 of seed 000, as printed (完成率 "95%" is 95.00).
SEED_000_ROWS = [
    ("预算执行率", D("10"), D("100.00"), D("10.00")),
    ("申报企业达标数", D("18"), D("100.00"), D("18.00")),
    ("达标合格率", D("18"), D("105.26"), D("18.00")),
    ("资金拨付及时率%", D("18"), D("100.00"), D("18.00")),
    ("经济效益增长", D("18"), D("95.00"), D("17.10")),
    ("群众满意度", D("18"), D("100.00"), D("18.00")),
]

# (三级指标, 分值, 完成率 % or None, 得分) — 附件2 of seed 002; 得分 as printed.
SEED_002_ROWS = [
    ("决策依据充分性", D("3.00"), None, D("3.00")),  # 符合要求 = 符合要求 → 达成: the level's range (80–100%) bounds the published score; no completion
    ("决策程序合规性", D("3.00"), None, D("3.00")),
    ("绩效目标合理性", D("3.00"), None, D("3.00")),
    ("绩效指标明确性", D("3.00"), None, D("3.00")),
    ("资金分配合理性", D("4.00"), None, D("4.00")),
    ("资金到位率", D("4.00"), D("100.00"), D("4.00")),  # 4800 / 4800
    ("预算执行率", D("4.00"), D("97.94"), D("3.92")),  # 4700.90 / 4800 = 97.94%; 4 × 97.94% = 3.9176
    ("资金使用合规性", D("3.00"), None, D("3.00")),
    ("管理制度健全性", D("2.00"), None, D("2.00")),
    ("制度执行有效性", D("2.00"), None, D("0.50")),  # reported
    ("项目质量可控性", D("2.00"), None, D("2.00")),
    ("监督检查情况", D("3.00"), None, D("2.00")),  # reported
    ("新增小巨人企业", D("5.00"), D("243.67"), D("5.00")),  # 731 / 300
    ("当年认定核心服务机构数", D("5.00"), D("360.00"), D("5.00")),  # 108 / 30
    ("服务企业数", D("4.00"), D("294.17"), D("4.00")),  # 17.65万 / 6万
    ("新增技术创新“破零倍增”中小企业", D("5.00"), None, D("5.00")),  # bands
    ("服务活动开展情况", D("4.00"), D("191.50"), D("4.00")),  # 1915 / 1000
    ("项目按期完成", D("6.00"), None, D("5.00")),  # deduct 6 − 1
    ("专项资金平均补助金额", D("5.00"), D("130.35"), D("5.00")),  # lowest of 26.07/20, 28.99/20
    ("专项资金平均补助金额", D("4.00"), D("144.95"), D("4.00")),  # 28.99 / 20
    ("转型升级类企业主营业务收入增长率", D("5.00"), D("360.80"), D("5.00")),  # 18.04 / 5
    ("项目县市区覆盖率", D("5.00"), D("129.04"), D("5.00")),  # lowest of 87.10/50, 64.52/50
    ("完善中小服务体系类项目带动社会投入比例", D("4.00"), D("189.33"), D("4.00")),  # 284 / 150
    ("转型升级类企业研发投入增长率", D("4.00"), D("405.00"), D("4.00")),  # 8.10 / 2
    ("服务对象满意度", D("8.00"), None, D("8.00")),  # bands, 95% ≥ 90%
]


def _scored(path: Path):
    site, site_problems = load_site(DATA / "site.yaml", "site.yaml")
    assert site_problems.items == []
    prog, problems = read_programme(path, site, REPO)
    assert prog is not None, [p.as_text() for p in problems.items]
    return score_programme(prog, site, problems)


@pytest.fixture(scope="module")
def seed_000():
    return _scored(SEED_000)


@pytest.fixture(scope="module")
def seed_002():
    return _scored(SEED_002)


def test_seed_000_total_and_grade(seed_000):
    assert seed_000.total == D("99.10")
    assert seed_000.grade == "优"
    assert seed_000.programme.reported_score == D("99.1")
    assert seed_000.programme.reported_grade == "优秀"
    assert seed_000.weight_total == D("100")


def test_seed_000_every_indicator(seed_000):
    got = [(s.indicator.name, s.indicator.weight, s.outcome.completion, s.score) for s in seed_000.indicators]
    assert got == SEED_000_ROWS


def test_seed_000_scores_are_exact_two_place_decimals(seed_000):
    for s in seed_000.indicators:
        assert isinstance(s.score, Decimal)
        assert s.score.as_tuple().exponent == -2


def test_seed_000_total_is_sum_of_rounded_scores(seed_000):
    assert seed_000.total == sum((row[3] for row in SEED_000_ROWS), D(0))


def test_seed_000_subtotals(seed_000):
    assert [(label, weight, score) for label, weight, score in seed_000.subtotals] == [
        ("预算执行指标", D("10"), D("10.00")),
        ("产出指标", D("54"), D("54.00")),
        ("效益指标", D("18"), D("17.10")),
        ("满意度指标", D("18"), D("18.00")),
    ]


def test_seed_000_budget_table(seed_000):
    # （二）预算执行情况: 25 everywhere in 县区级; 结余 0; 到位率 and 执行率 100.
    budget = seed_000.budget
    assert budget is not None
    assert budget.figure("budget") == D("25")
    assert budget.figure("balance") == D("0")
    assert budget.funding_rate == D("100.00")
    assert budget.execution_rate == D("100.00")
    assert budget.cells["spent"]["subtotal"] == D("25")
    # the empty 中央级 column: 0/0 is "—", never 0 (the source printed 0)
    assert budget.cells["execution_rate"]["central"] is None
    assert budget.cells["funding_rate"]["central"] is None


def test_seed_000_only_the_unstated_department_is_reported(seed_000):
    # Every published score, completion, the total and 优秀 match: no discrepancy, no note.
    problems = seed_000.problems
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert "未载明" in problems[0].message
    assert problems[0].key == "department"


def test_seed_002_total_and_grade(seed_002):
    assert seed_002.total == D("96.42")
    assert seed_002.grade == "优"
    assert seed_002.programme.reported_score == D("96.42")
    assert seed_002.programme.reported_grade == ""


def test_seed_002_every_indicator(seed_002):
    got = [(s.indicator.name, s.indicator.weight, s.outcome.completion, s.score) for s in seed_002.indicators]
    assert got == SEED_002_ROWS


def test_seed_002_total_is_sum_of_rounded_scores(seed_002):
    assert sum((row[3] for row in SEED_002_ROWS), D(0)) == D("96.42")
    assert seed_002.total == sum((s.score for s in seed_002.indicators), D(0))


def test_seed_002_execution_rate_uses_funded_basis(seed_002):
    # 预算执行率=（实际支出资金/实际到位资金）×100%: 4,700.90 / 4800 → 97.94
    assert seed_002.budget is not None
    assert seed_002.budget.execution_rate == D("97.94")
    assert seed_002.budget.funding_rate == D("100.00")
    assert seed_002.budget.figure("balance") == D("99.10")


def test_seed_002_group_subtotals(seed_002):
    # 决策（16分） 过程（20分） 产出（38分） 效益（26分）; labels shown without the suffix.
    assert [(label, weight, score) for label, weight, score in seed_002.subtotals] == [
        ("决策", D("16"), D("16.00")),
        ("过程", D("20"), D("17.42")),
        ("产出", D("38"), D("37.00")),
        ("效益", D("26"), D("26.00")),
    ]


def test_seed_002_declared_level_subtotals_read(seed_002):
    first = seed_002.indicators[0].indicator
    assert (first.level1, first.level1_declared) == ("决策", D("16"))
    assert (first.level2, first.level2_declared) == ("决策过程", D("6"))


def test_seed_002_reported_rows_are_not_recomputed(seed_002):
    by_name = {s.indicator.name: s for s in seed_002.indicators}
    for name in ("制度执行有效性", "监督检查情况"):
        assert str(by_name[name].outcome.rule) == "reported"


def test_seed_002_only_the_unstated_department_is_reported(seed_002):
    problems = seed_002.problems
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert "未载明" in problems[0].message


def test_seeds_are_found_by_the_dataset():
    from perfsite.dataset import load_dataset

    data = load_dataset(DATA, REPO)
    totals = {sp.programme.file: (sp.total, sp.grade) for sp in data.programmes}
    assert totals["data/2021/quwo/xiaoshenggui.yaml"] == (D("99.10"), "优")
    assert totals["data/2022/zhongxiaoqiye/zhongxiaoqiye-fazhan.yaml"] == (D("96.42"), "优")
