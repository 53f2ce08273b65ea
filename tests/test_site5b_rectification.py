"""A 整改 page without a status_date says an overdue measure as what it is: the progress the
document published, a deadline passed since, judged on the build date (the open-data contract's
判断日期), not as the state of things on the day the site was built."""

from __future__ import annotations

from pathlib import Path

from test_trial4site import _page


def test_an_overdue_measure_is_told_against_the_progress_published_not_as_todays_fact(tmp_path: Path) -> None:
    text, twin = _page(tmp_path, "published: 2024-12-20\n")
    assert twin["as_of"] == "2026-12-07" and twin["summary"]["overdue"] == 2
    assert ("按 2024-12-20 公布的进度，2 项整改措施仍未完成，完成时限已过（按本站生成日期 2026-12-07 判断），"
            "此后未见更新。") in text
    assert "截至 2026-12-07，有" not in text
    assert "逾期判断日期 2026-12-07（本站生成日期；文件未写明状态的日期，各项状态按 2024-12-20 的进度）" in text


def test_one_overdue_measure_is_named_with_its_status_and_deadline(tmp_path: Path) -> None:
    text, _ = _page(tmp_path, "published: 2024-12-20\n", today="2025-01-10")
    assert ("按 2024-12-20 公布的进度，“补拨差额”仍在整改中，完成时限 2024-06-30 已过"
            "（按本站生成日期 2025-01-10 判断），此后未见更新。") in text


def test_the_latest_correction_is_the_day_the_progress_is_of(tmp_path: Path) -> None:
    extra = ("published: 2024-12-20\ncorrections:\n  - {date: 2025-02-01, what: 更正责任单位, why: 笔误}\n")
    text, _ = _page(tmp_path, extra)
    assert "按 2025-02-01 公布的进度" in text
