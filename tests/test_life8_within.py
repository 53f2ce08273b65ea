"""A deadline written 「N天内」 scored as the comparison with the 绩效目标表 reads it, ≤ N 天
(values.written_target, one reading for both): 2天 meets 3天内, 6个工作日 is 5/6 of 5个工作日内,
where scoring refused the unit 天内 (「单位不可比：「天内」与「天」」) and left the row unscored."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfsite.documents import read_document
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig
from perfsite.targets_compare import Change, moved_target

SELF = """\
id: nei
name: 政务服务提速
year: 2024
department: 示例县行政审批局
indicators:
  - {{level1: 产出指标, level2: 时效指标, name: 办结时限, weight: 100, target: "{target}", actual: "{actual}", score: {score}}}
"""


def _scored(tmp_path: Path, target: str, actual: str, score: str):
    site = SiteConfig()
    path = tmp_path / "nei.yaml"
    path.write_text(SELF.format(target=target, actual=actual, score=score), encoding="utf-8")
    programme, problems = read_document(path, site, tmp_path)
    scored = score_programme(programme, site, problems)
    return scored.indicators[0], [p.message for p in scored.problems]


@pytest.mark.parametrize(("target", "actual", "score", "met"), [
    ("3天内", "2天", "100", True),
    ("3天内", "3天", "100", True),
    ("5个工作日内", "6个工作日", "83.33", False),
    ("2小时内", "90分钟", "100", True),
])
def test_a_within_deadline_is_scored_as_at_most(tmp_path, target, actual, score, met):
    row, messages = _scored(tmp_path, target, actual, score)
    assert not [m for m in messages if "单位不可比" in m], messages
    assert row.score == Decimal(score)
    assert row.outcome.met is met


def test_scoring_and_the_comparison_read_the_deadline_alike(tmp_path):
    """The comparison calls 4天内 after ≤3天 lowered; scoring meets 4天内 with 4天, not 3天内."""
    assert moved_target("≤3天", "4天内").change is Change.LOWERED
    assert _scored(tmp_path, "4天内", "4天", "100")[0].outcome.met is True
    assert _scored(tmp_path, "3天内", "4天", "75")[0].outcome.met is False


def test_an_inexact_figure_takes_the_published_score_not_a_unit_error(tmp_path):
    """≥90%左右 is no 90 of a unit 「%左右」: the published score with a 提示, as the comparison
    calls it 无法比较, not the error 「单位不可比：「%左右」与「%」」."""
    row, messages = _scored(tmp_path, "≥90%左右", "92%", "100")
    assert row.score == Decimal(100) and not [m for m in messages if "单位不可比" in m]
    assert any("≥90%左右" in m and "采用公布得分" in m for m in messages)
