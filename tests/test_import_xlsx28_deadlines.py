"""A deadline target's year, month and day are a date, not the figure a target is scored against.

「2021年底前完成」 was read as ≥ 2021 of the unit 「年底前完成」 and 「11月底前」 as ≥ 11 「月底前」: scoring then
said 「单位不可比：「月底前」与「月」」 against an actual of 「10月」, and a 绩效目标表's 2021年底前 compared as a number.
The deadline is read in one place (values.DEADLINE), by the cell readers and the target comparison alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.documents import read_document
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig
from perfsite.targets_compare import Change, moved_target
from perfsite.values import Kind, parse_value, target_value


@pytest.mark.parametrize("text", ["2021年底前完成", "11月底前", "≥2021年底前", "2025年年底前", "12月31日前完成",
                                  "≥11月底前、≥12月底前", "2023年6月底之前"])
def test_a_deadline_holds_no_figure(text: str) -> None:
    assert target_value(text).kind is Kind.TEXT
    assert parse_value(text).kind is Kind.TEXT


@pytest.mark.parametrize(("text", "amount", "unit"), [
    ("3天内", "3", "天"), ("≥95%", "95", "%"), ("5年前", "5", "年前"), ("≥20年", "20", "年")])
def test_figures_that_are_no_deadline_still_read(text: str, amount: str, unit: str) -> None:
    value = target_value(text)
    assert value.kind is Kind.NUMBER and [(str(f.amount), f.unit) for f in value.figures] == [(amount, unit)]


def test_a_month_deadline_is_not_scored_as_a_month_count(tmp_path: Path) -> None:
    site = SiteConfig()
    path = tmp_path / "t.yaml"
    path.write_text("id: t\nname: 科普宣传\nyear: 2021\ndepartment: 示例县科协\nindicators:\n"
                    "  - {level1: 产出指标, level2: 时效指标, name: 科普宣传时限, weight: 100, target: 11月底前, actual: 10月, score: 100}\n",
                    encoding="utf-8")
    programme, problems = read_document(path, site, tmp_path)
    messages = [p.message for p in score_programme(programme, site, problems).problems]
    assert not [m for m in messages if "单位不可比" in m], messages  # was 「单位不可比：「月底前」与「月」」


def test_the_comparison_reads_a_year_end_written_twice_as_one_day() -> None:
    assert moved_target("2025年年底前", "2025年12月31日前").change is Change.UNCHANGED
