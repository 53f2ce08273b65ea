"""What is counted of a programme's indicators (达到目标, scored, 未作判断) and what the 自评 pages
and list rows say of their 评价报告 (marks, score, side) are each made in one walk, with the results
the separate walks gave."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite import headline
from perfsite.record import make_record
from perfsite.site.session import Loaded


class Walks(list):
    """A list that counts how often it is walked."""

    walks = 0

    def __iter__(self):
        self.walks += 1
        return super().__iter__()


def _programme(tmp_path: Path) -> Path:
    data = core_minimal_programme()
    data["indicators"] += [  # type: ignore[operator]
        {"level1": "效益指标", "level2": "社会效益指标", "name": "覆盖面", "weight": 0, "target": "好", "actual": "好",
         "applicable": False, "remark": "本年未开展"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "持续影响", "weight": 0, "target": "长期",
         "actual": "良好", "score": 0, "rule": "reported"},
    ]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_target_counts_are_one_walk_of_the_indicators(tmp_path: Path) -> None:
    sp = scored(_programme(tmp_path), tmp_path)
    counts = headline.target_counts(sp)
    assert tuple(counts) == (2, 3, 1) and headline.reached(sp) == (2, 3)
    sp.indicators = Walks(sp.indicators)
    assert headline.target_counts(sp) == counts and sp.indicators.walks == 1
    assert make_record(sp).reached == {"reached": 2, "scored": 3, "unjudged": 1}


def _report(own: str, score: str | None, grade: str | None, side: dict | None) -> SimpleNamespace:
    row = {"url": f"{own}evaluation/", "reported_total": score or "", "total": "", "reported_grade": grade or "",
           "grade": ""}
    return SimpleNamespace(cycle=SimpleNamespace(rows=(row,)), side=side, document=row["url"], target=None,
                           department=None, listed=None)


def test_the_reports_are_one_walk_of_the_summaries() -> None:
    """report_marks (loading), cycle_facts and report_sides (rendering): one walk for the three."""
    side = {"url": "projects/2022/a/evaluation/", "score": "88.31", "grade": "良", "indicators": []}
    summaries = Walks([_report("projects/2022/a/", "88.31", "良", side), SimpleNamespace(cycle=None, side=None, document=None, target=None, department=None, listed=None),
                       _report("projects/2022/b/", None, None, None)])
    rows = [{"url": "projects/2022/a/", "report": "projects/2022/a/evaluation/", "report_grade": "良"},
            {"url": "projects/2022/b/", "report": "projects/2022/b/evaluation/"}]
    loaded = Loaded(None, rows, summaries)  # type: ignore[arg-type]
    assert loaded.report_marks() == {"projects/2022/a/": ("projects/2022/a/evaluation/", "良"),
                                     "projects/2022/b/": ("projects/2022/b/evaluation/", None)}
    assert loaded.cycle_facts() == {
        "projects/2022/a/": {"report": "projects/2022/a/evaluation/", "report_grade": "良", "report_score": "88.31"},
        "projects/2022/b/": {"report": "projects/2022/b/evaluation/"}}
    assert loaded.report_sides() == {"projects/2022/a/": side}
    assert summaries.walks == 1
