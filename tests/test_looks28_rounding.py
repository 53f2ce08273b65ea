"""A 舍入 score note never says how the form printed a score the record cannot tell: the record
keeps 9 and 9.00 alike as 9.00 (figure_text), so under our 8.96 a form that printed 9.00 read
「公布 9（取整后相同）」. No score changes: the record and its JSON keep 9.00."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.pagedata import year_entry
from perfsite.record import make_record
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig


def _notes(tmp_path: Path, score: str) -> tuple[list[tuple[str | None, str | None, str]], list[str]]:
    """The record's (score, published score, status) and the page's notes for ours 8.96 and 4.75
    beside the form's `score` and 5."""
    data = core_minimal_programme(reported={"score": "98.71"})
    row = {"level1": "产出指标", "level2": "数量指标", "target": "≥100%", "remark": "未完成"}
    data["indicators"] = [{**row, "name": "甲", "weight": 10, "actual": "89.6%", "score": score},
                          {**row, "name": "乙", "weight": 5, "actual": "95%", "score": "5"},
                          {**row, "name": "丙", "weight": 85, "actual": "100%", "score": "85"}]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rec = make_record(scored(path, tmp_path))
    body = render_programme(rec, SiteConfig(), [year_entry(rec)])[2]
    return ([(i.score, i.reported_score, i.status) for i in rec.indicators[:2]],
            re.findall(r'<br><span class="ps-published">(公布 [^<]*)</span>', body))


def test_a_score_printed_with_two_places_is_not_said_to_be_whole(tmp_path: Path) -> None:
    record, notes = _notes(tmp_path, "9.00")
    assert record == [("8.96", "9.00", "rounding"), ("4.75", "5.00", "rounding")]
    assert notes == ["公布 9.00（舍入）", "公布 5（取整后相同）"]


def test_a_whole_score_within_a_tenth_reads_as_every_published_score_does(tmp_path: Path) -> None:
    """The form's 9 beside 8.96 is 舍入 at 2 places already: the note shows it as the score cells
    and downloads do (9 → 9.00), the same words as for a form's 9.00; past 0.1 (5 beside 4.75)
    only the whole-number printing explains it, so that one is named."""
    record, notes = _notes(tmp_path, "9")
    assert record == [("8.96", "9.00", "rounding"), ("4.75", "5.00", "rounding")]
    assert notes == ["公布 9.00（舍入）", "公布 5（取整后相同）"]
