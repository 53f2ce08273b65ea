"""A published indicator score that differs from ours by 舍入 is shown as the form printed it
(figure_text pads 5 to 5.00 by design): under our 4.75, 「公布 5.00（舍入）」 read as a form
printing 5.00, 0.25 away and past the 0.1 of a 舍入差异; 「公布 5（取整后相同）」 says what it is.
No score changes: the record and its JSON keep 5.00."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.headline import rounding_note
from perfsite.pagedata import year_entry
from perfsite.record import make_record
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig


def _row(name: str, weight: int, actual: str, score: str) -> dict[str, object]:
    return {"level1": "产出指标", "level2": "数量指标", "name": name, "weight": weight, "target": "≥100%",
            "actual": actual, "score": score, "remark": "未完成"}


def _programme(tmp_path: Path) -> Path:
    """Ours 4.75 (5 × 95%), 8.96, 9.78, 9.78 beside the form's 5, 9, 9.8 and 9.83."""
    data = core_minimal_programme(reported={"score": "98.27"})
    data["indicators"] = [_row("A", 5, "95%", "5"), _row("B", 10, "89.6%", "9"), _row("C", 10, "97.84%", "9.8"),
                          _row("D", 10, "97.84%", "9.83"), _row("E", 65, "100%", "65")]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_rounded_score_is_shown_as_printed_with_the_rounding_named(tmp_path: Path) -> None:
    rec = make_record(scored(_programme(tmp_path), tmp_path))
    assert [(i.score, i.reported_score, i.status) for i in rec.indicators[:4]] == [
        ("4.75", "5.00", "rounding"), ("8.96", "9.00", "rounding"), ("9.78", "9.80", "rounding"),
        ("9.78", "9.83", "rounding")]  # the record, and so the JSON, as before
    body = render_programme(rec, SiteConfig(), [year_entry(rec)])[2]
    notes = re.findall(r'<br><span class="ps-published">(公布 [^<]*)</span>', body)
    assert notes == ["公布 5（取整后相同）", "公布 9.00（舍入）", "公布 9.80（舍入）", "公布 9.83（舍入）"]


def test_the_note_names_a_rounding_only_where_ours_rounds_to_the_published_figure() -> None:
    assert rounding_note("90.00", "89.60") == "公布 90（取整后相同）"
    assert rounding_note("90.00", "89.96") == "公布 90.00（舍入）"  # within 0.1: 舍入 whatever the form printed
    assert rounding_note("9.10", "9.02") == "公布 9.10（舍入）"  # 9.02 to one place is 9.0: within 0.1 only
    assert rounding_note(None, "9.02") == "公布 —（舍入）"
