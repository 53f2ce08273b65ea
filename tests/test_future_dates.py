"""Dates that claim something happened may not be later than today in Beijing time (or
SOURCE_DATE_EPOCH's day when that is later): a 更正记录 dated 2099-01-01 pinned feed.xml's
<updated> and the page's 「最近一次更正」; a 发布日期, a measure's 完成日期 or a report's 评价时间
in the future is a typing slip or a claim. 整改 deadlines may be in the future.

The clock (perfsite.dates.now) is set to 2024-06-01; the cases read the seed 农村公路养护 2022
tree (tests/test_harden_kinds.py's helpers), about 0.1 s each.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_harden_kinds import RECTIFICATION, REPORT, SELF, edit, folder, problems, seed_tree

from perfsite import dates
from perfsite.checkcache import check_tree
from perfsite.dates import future_date
from perfsite.problems import Severity

BEIJING = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=BEIJING)


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH of `day` at 00:00 Beijing time."""
    return str(int(at(day).timestamp()))


def set_clock(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    monkeypatch.setattr(dates, "now", lambda: when)


def errors(root: Path, name: str) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.key, p.message) for p in problems(root, Severity.ERROR) if p.file.endswith(name)]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    set_clock(monkeypatch, at("2024-06-01", 9))
    return seed_tree(tmp_path)


def test_the_seed_tree_has_no_date_in_the_future(tree: Path) -> None:
    assert errors(tree, RECTIFICATION) == [] and errors(tree, SELF) == []


def test_a_correction_dated_2099_is_an_error_at_its_line(tree: Path) -> None:
    path = folder(tree) / RECTIFICATION
    path.write_text(path.read_text(encoding="utf-8") + "corrections:\n"
                    "  - {date: 2024-02-01, what: 完成日期由 2023-11-03 更正为 2023-11-30, why: 原表抄录错误}\n"
                    "  - {date: 2099-01-01, what: 满意度由 81.2% 更正为 81.3%, why: 复核}\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").count("\n")
    assert errors(tree, RECTIFICATION) == [
        (lines, "corrections[2].date", future_date("2099-01-01", "更正日期"))]
    assert "晚于今天 2024-06-01" in errors(tree, RECTIFICATION)[0][2]


def test_a_published_date_in_the_future_is_an_error(tree: Path) -> None:
    edit(tree, SELF, "published: 2023-08-30", "published: 2099-08-22")
    found = errors(tree, SELF)
    assert [(line, key) for line, key, _ in found] == [(10, "published")] and "发布日期 2099-08-22 晚于今天" in found[0][2]


def test_a_completion_in_the_future_is_an_error_and_a_deadline_is_not(tree: Path) -> None:
    edit(tree, RECTIFICATION, "deadline: 2023-12-31, status: 已完成, completed: 2023-11-30",
         "deadline: 2026-12-31, status: 已完成, completed: 2024-06-02")
    found = errors(tree, RECTIFICATION)
    assert [(line, key) for line, key, _ in found] == [(24, "findings[2].measures[1].completed")], found
    assert "完成日期 2024-06-02 晚于今天 2024-06-01" in found[0][2]


@pytest.mark.parametrize(("clock", "refused"), [(at("2024-01-15"), False), (at("2024-01-14", 23, 59), True)])
def test_the_day_is_beijings(tree: Path, monkeypatch: pytest.MonkeyPatch, clock: dt.datetime, refused: bool) -> None:
    """published: 2024-01-15 is today from 00:00 Beijing time (16:00 UTC the day before)."""
    set_clock(monkeypatch, clock.astimezone(dt.UTC))
    assert bool(errors(tree, RECTIFICATION)) is refused


def test_source_date_epoch_later_than_today_is_the_bound(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(tree, SELF, "published: 2023-08-30", "published: 2024-06-03")
    assert [key for _, key, _ in errors(tree, SELF)] == ["published"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2024-06-03"))
    assert errors(tree, SELF) == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2023-11-14"))  # an earlier build date is no bound: today is
    edit(tree, SELF, "published: 2024-06-03", "published: 2024-05-01")
    assert errors(tree, SELF) == []


def test_the_check_cache_lifts_the_error_on_the_day(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))
    edit(tree, SELF, "published: 2023-08-30", "published: 2024-06-02")

    def refused() -> bool:
        found = check_tree(tree, tree.parent, jobs=1).problems
        return any(p.key == "published" and p.severity is Severity.ERROR for p in found)

    assert refused() and refused()
    set_clock(monkeypatch, at("2024-06-02"))
    assert not refused()


def test_the_day_does_not_key_the_cache(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings a later day cannot change are kept across days: a tree without a date in the future
    is read once, and the next day's check reads nothing again; a file refused for a date in the
    future is read again on every check (its findings are not kept) until the day lifts them."""
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))

    def read_again() -> int:
        told: list[tuple[int, int]] = []
        check_tree(tree, tree.parent, jobs=1, progress=lambda stage, done, total: told.append((done, total)))
        done, total = told[0]
        return total - done

    assert read_again() > 0
    set_clock(monkeypatch, at("2024-06-05"))
    assert read_again() == 0
    edit(tree, SELF, "published: 2023-08-30", "published: 2024-06-09")
    assert read_again() == 1 and read_again() == 1


def test_a_report_whose_evaluation_ends_in_the_future_is_an_error(tree: Path) -> None:
    edit(tree, REPORT, "published: 2023-08-30\n", "")
    edit(tree, REPORT, "end: 2023-07-31", "end: 2024-07-31")
    found = errors(tree, REPORT)
    assert [(line, key) for line, key, _ in found] == [(15, "period.end")] and "2024-07-31 晚于今天" in found[0][2], found
