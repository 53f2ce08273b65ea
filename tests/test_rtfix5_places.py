"""A recomputed score beside a published one with more than 2 places is written to the published
figure's places from the score before rounding (44.995 for 50 × 89.99%, not 45.00), in the record,
the page and `perfsite score`."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.pagedata import year_entry
from perfsite.record import make_record
from perfsite.report import score_text
from perfsite.rules import Status
from perfsite.scoring import compared_text
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig

D = Decimal


def _programme(tmp_path: Path) -> Path:
    """50 × 89.99% = 44.995 → 45.00 published as 44.995; 50 × 90.01% = 45.005 → 45.01 published
    as 45.0049: both within 0.01 (一致), both written with more than 2 places."""
    data = core_minimal_programme(reported={"score": "90.0199"})
    data["indicators"] = [  # type: ignore[index]
        {"level1": "产出指标", "level2": "数量指标", "name": "A", "weight": 50, "target": "≥100", "actual": "89.99", "score": "44.995",
         "remark": "未完成"},
        {"level1": "产出指标", "level2": "数量指标", "name": "B", "weight": 50, "target": "≥100", "actual": "90.01", "score": "45.0049",
         "remark": "未完成"},
    ]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_compared_text_writes_the_unrounded_score_at_the_published_places():
    assert compared_text(D("45.00"), "44.995", D("44.995")) == "44.995"
    assert compared_text(D("45.01"), "45.0049", D("45.005")) == "45.0050"
    assert compared_text(D("45.01"), "45.0049") == "45.01"  # no unrounded score: 2 places, never zeros added
    assert compared_text(D("45.00"), "45.00") == compared_text(D("45.00"), None) == "45.00"
    assert compared_text(D("45.00"), "45.10") == "45.00" and compared_text(None, "1.234") is None


def test_the_record_and_the_score_table_show_the_places_compared(tmp_path: Path) -> None:
    sp = scored(_programme(tmp_path), tmp_path)
    assert [s.status for s in sp.indicators] == [Status.MATCH, Status.MATCH]
    rec = make_record(sp)
    assert [(i.score, i.reported_score) for i in rec.indicators] == [("44.995", "44.995"), ("45.0050", "45.0049")]
    assert rec.total == "90.01"  # the total stays the sum of 2-place scores
    rows = {line.split()[2]: line.split() for line in score_text(sp).splitlines() if line.startswith("产出指标")}
    assert rows["A"][5:7] == ["44.995", "44.995"] and rows["B"][5:7] == ["45.0050", "45.0049"]


def test_the_page_row_shows_both_figures_at_the_same_places(tmp_path: Path) -> None:
    rec = make_record(scored(_programme(tmp_path), tmp_path))
    body = render_programme(rec, SiteConfig(), [year_entry(rec)])[2]
    cells = re.findall(r"<td>(4[45]\.[0-9]*)<br><span class=\"ps-published\">公布 ([0-9.]+)</span>", body)
    assert cells == [("45.0050", "45.0049")]  # 44.995 beside 44.995: one figure, nothing to list
    assert "<td>44.995<" in body
