"""site.yaml grades and aliases a clerk can get wrong: each is an error naming the line, never a
silent choice of one reading (two grades at min 90 leave 良 unreachable; 「优秀」 under both 优 and
差 would read as whichever band comes first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.problems import Severity
from perfsite.siteconfig import load_site

SITE = (Path(__file__).resolve().parent.parent / "data" / "site.yaml").read_text(encoding="utf-8")


def errors(tmp_path: Path, old: str, new: str) -> list[tuple[int | None, str]]:
    assert old in SITE
    path = tmp_path / "site.yaml"
    path.write_text(SITE.replace(old, new, 1), encoding="utf-8")
    _, problems = load_site(path, "site.yaml")
    return [(p.line, p.message) for p in problems.items if p.severity is Severity.ERROR]


def line_of(text: str) -> int:
    return SITE.count("\n", 0, SITE.index(text)) + 1


def test_the_shipped_settings_are_clean(tmp_path: Path) -> None:
    assert errors(tmp_path, "title", "title") == []


@pytest.mark.parametrize(("old", "new", "says"), [
    ("{min: 80, label: 良}", "{min: 90, label: 良}", "等级「良」与等级「优」的 min 都是 90"),
    ("{min: 80, label: 良}", "{min: 80, label: 优}", "等级「优」写了两次（min 90 和 80）"),
    ("{min: 90, label: 优}", "{min: 190, label: 优}", "min 是 190"),
    ("{min: 90, label: 优}", "{min: 100.5, label: 优}", "min 是 100.5"),
])
def test_a_grade_no_total_can_reach_is_an_error_at_its_line(tmp_path: Path, old: str, new: str, says: str) -> None:
    found = errors(tmp_path, old, new)
    assert found[0][0] == line_of(old) and says in found[0][1], found
    assert all(line == line_of("grade_aliases") for line, _ in found[1:])  # 良 renamed away: its aliases are named


def test_an_alias_under_two_grades_is_an_error(tmp_path: Path) -> None:
    found = errors(tmp_path, "差: [较差, 不合格]", "差: [较差, 不合格, 优秀]")
    assert [(line, "「优秀」同时属于等级「优」和「差」" in message) for line, message in found] == [(line_of("grade_aliases"), True)]


def test_an_alias_that_is_another_grade_s_label_is_an_error(tmp_path: Path) -> None:
    found = errors(tmp_path, "差: [较差, 不合格]", "差: [较差, 不合格, 优]")
    assert len(found) == 1 and "「优」同时属于等级「优」和「差」" in found[0][1]


def test_aliases_of_a_label_that_is_no_grade_are_named(tmp_path: Path) -> None:
    found = errors(tmp_path, "良: [良好]", "优良: [良好]")
    assert len(found) == 1 and "「优良」不是 grades 中的等级" in found[0][1]


def test_a_refused_grade_is_not_blamed_twice_through_its_aliases(tmp_path: Path) -> None:
    found = errors(tmp_path, "{min: 80, label: 良}", "{min: 90, label: 良}")
    assert len(found) == 1
