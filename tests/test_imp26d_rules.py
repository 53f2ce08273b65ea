"""The 提示 on a bare figure every reading of which is absurd names the units it was read in."""

from __future__ import annotations

from decimal import Decimal

from perfsite.model import Indicator, Rule, RuleType
from perfsite.problems import Severity
from perfsite.rules import Context, Status, apply_rule
from perfsite.siteconfig import SiteConfig


def _warnings(target: str, actual: str) -> tuple[Status, list[str]]:
    indicator = Indicator("产出指标", "数量指标", "指标", Decimal(10), target, actual, score=Decimal(10),
                          rule=Rule(RuleType.AUTO, {}))
    out = apply_rule(indicator, Context(SiteConfig(), None))
    return out.status, [f[2] for f in out.findings if f[0] is Severity.WARNING]


def test_a_bare_figure_absurd_every_way_names_each_reading_not_the_other_sides_unit() -> None:
    """0.5 beside ≤90万元 is read as 0.5元 (the 万 left out: 180000000%) or 0.5万元 (18000%). The 提示 said
    「按另一边的单位读作 0.5元」: the other side writes 万元, so the clerk could not tell what was computed."""
    status, said = _warnings("≤90万元", "0.5")
    assert status is Status.COMPUTED
    assert said == ["实际值「0.5」没有写单位，读作 0.5元 或 0.5万元，完成率都在 1000% 以上（按 0.5元 计算为 180000000.00%）："
                    "多半漏写了单位（如“万”或“%”），请核实"]


def test_a_bare_figure_with_one_reading_is_read_in_the_other_sides_unit_as_written() -> None:
    assert _warnings("≥1.2", "6000人次")[1] == ["目标值「≥1.2」没有写单位，按另一边的单位读作 1.2人次，完成率 500000.00%："
                                               "多半漏写了单位（如“万”或“%”），请核实"]
