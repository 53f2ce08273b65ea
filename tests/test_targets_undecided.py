"""Targets the comparison could not decide (无法比较) are counted apart from the lowered ones, and
the 目标调低 sentences of a 自评 page and a department page say how many: each of them may be a
lowered target, so a count of lowered ones alone must not read as complete."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from functools import partial
from pathlib import Path

import yaml

from perfsite.documents import read_document
from perfsite.reader import read_programme
from perfsite.record import make_record
from perfsite.scoring import score_programme
from perfsite.site.department_page import (
    department_twin,
    department_years,
    page_context,
)
from perfsite.site.listing_rows import programme_rows
from perfsite.site.render import bar, grade_classifier, standard
from perfsite.site.shell import render_programme
from perfsite.site.targets_page import comparison
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_compare import Change, compare_targets, target_move

REPO = Path(__file__).resolve().parent.parent
L1, L2 = "产出指标", "数量指标"
PLANNED = [  # name, the table's target, the 自评's restatement, and what the comparison decides
    ("甲", {"nature": "≥", "target": "95", "unit": "%"}, "≥90%", Change.LOWERED, False),
    ("乙", {"nature": "≥", "target": "95", "unit": "%"}, "约85%", Change.CHANGED, True),  # a figure it cannot read
    ("丙", {"nature": "≥", "target": "95", "unit": "%"}, "≥0.96", Change.CHANGED, True),  # 0.96% or 96%
    ("丁", {"nature": "≥", "target": "95", "unit": "%"}, "≥96%", Change.RAISED, False),
    ("戊", {"target": "按期完成"}, "基本完成", Change.CHANGED, False),  # changed, and nothing to decide
]


def _table(tmp_path: Path, rows: list[tuple[str, dict[str, object]]]) -> TargetTable:
    data = {"kind": "绩效目标", "id": "p", "name": "项目", "year": 2022, "department": "局",
            "indicators": [{"level1": L1, "level2": L2, "name": name, **planned} for name, planned in rows]}
    path = tmp_path / "p-mubiao.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(table, TargetTable), problems.items
    return table


def _record(tmp_path: Path, rows: list[tuple[str, str]]):
    indicators = "".join(f"  - {{level1: {L1}, level2: {L2}, name: {name}, weight: 10, target: '{target}', "
                         f"actual: '1', score: 5}}\n" for name, target in rows)
    path = tmp_path / "p.yaml"
    path.write_text(f"year: 2022\nid: p\nname: 项目\ndepartment: 局\nindicators:\n{indicators}", encoding="utf-8")
    programme, problems = read_programme(path, SiteConfig())
    assert programme is not None, [p.as_text() for p in problems.items]
    return make_record(score_programme(programme, SiteConfig(), problems))


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body)))


def test_each_row_says_whether_it_was_decided(tmp_path):
    table = _table(tmp_path, [(name, planned) for name, planned, *_ in PLANNED])
    rows = compare_targets(table, _record(tmp_path, [(name, restated) for name, _, restated, *_ in PLANNED]))
    assert [(row.change, row.undecided) for row in rows] == [(change, undecided) for *_, change, undecided in PLANNED]
    shown = comparison(rows)
    assert (shown["lowered"], shown["undecided"], shown["flagged"]) == (1, 2, 4)
    assert all(type(row["note"]) is str for row in shown["rows"])  # published as plain text


def test_undecided_is_the_rows_own_field_not_the_type_of_its_note(tmp_path):
    """A row's note is plain text however it was made, and whether it was decided travels with
    the row: a copy of the row with its note re-made as text still counts as undecided."""
    table = _table(tmp_path, [(name, planned) for name, planned, *_ in PLANNED])
    rows = compare_targets(table, _record(tmp_path, [(name, restated) for name, _, restated, *_ in PLANNED]))
    assert all(type(row.note) is str for row in rows)
    assert [replace(row, note=f"{row.note}").undecided for row in rows] == [u for *_, u in PLANNED]
    change, note = target_move("≥95%", "≥0.96")  # the years' step: the same note, as text
    assert change is Change.CHANGED and type(note) is str and note.startswith("无法比较：")


def test_the_self_evaluation_page_counts_the_undecided_beside_the_lowered(tmp_path):
    table = _table(tmp_path, [(name, planned) for name, planned, *_ in PLANNED])
    rec = _record(tmp_path, [(name, restated) for name, _, restated, *_ in PLANNED])
    _, _, body, _, data, _ = render_programme(rec, SiteConfig(), [], targets=table)
    assert data["target_comparison"]["undecided"] == 2
    assert ("目标调低：本项目有 1 项指标的目标低于年初公布的绩效目标表，另有 2 项无法判断是否调低，"
            "详见与绩效目标对照。") in _text(body)


def test_without_a_lowered_target_the_note_says_how_many_are_undecided(tmp_path):
    kept = [row for row in PLANNED if row[3] is not Change.LOWERED]
    table = _table(tmp_path, [(name, planned) for name, planned, *_ in kept])
    rec = _record(tmp_path, [(name, restated) for name, _, restated, *_ in kept])
    text = _text(render_programme(rec, SiteConfig(), [], targets=table)[2])
    assert "目标调低：" not in text
    assert "有 3 项指标与之不同，其中 2 项无法判断是否调低，详见与绩效目标对照。" in text


def test_a_page_with_nothing_undecided_says_nothing_of_it(tmp_path):
    table = _table(tmp_path, [("甲", PLANNED[0][1])])
    text = _text(render_programme(_record(tmp_path, [("甲", "≥90%")]), SiteConfig(), [], targets=table)[2])
    assert "本项目有 1 项指标的目标低于年初公布的绩效目标表，详见" in text and "无法判断" not in text


def _department_page(twin: dict) -> str:
    info = SiteConfig()
    rows = partial(programme_rows, page_url=twin["url"], grade_class=grade_classifier(info))
    return standard().render("department.html", twin["url"], site=info, grade_class=grade_classifier(info), bar=bar,
                             programme_rows=rows, title="", programmes=[], **page_context(twin), listing_url=None)


def test_the_department_page_counts_the_undecided_beside_the_lowered():
    """The seed department-year (one lowered target, none undecided), then its comparison as
    comparison() gives it for a 自评 with two undecided rows (counted in the test above)."""
    folder = REPO / "data" / "2023" / "jiaoyu"
    documents = [read_document(folder / name, SiteConfig(), REPO / "data")[0]
                 for name in ("bumen-zhengti-mubiaobiao.yaml", "bumen-zhengti-zipingbiao.yaml")]
    [entry] = department_years(documents, [])  # type: ignore[arg-type]
    twin = department_twin(entry, [])
    assert (twin["comparison"]["lowered"], twin["comparison"]["undecided"]) == (1, 0)
    assert "无法判断" not in _text(_department_page(twin))
    twin["comparison"]["undecided"] = 2
    assert ("目标调低：自评中有 1 项指标的目标低于年初公布的部门整体绩效目标表，另有 2 项无法判断是否调低，"
            "详见绩效指标完成情况。") in _text(_department_page(twin))
    twin["comparison"]["lowered"] = 0
    flagged = twin["comparison"]["flagged"]
    assert f"自评中有 {flagged} 项指标与年初公布的目标表不同，其中 2 项无法判断是否调低，详见" \
        in _text(_department_page(twin))
