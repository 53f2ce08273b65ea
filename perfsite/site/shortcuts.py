"""The home page's 常用查询: the 项目查询 filters a reader asks for by the site's own words.

A reader who sees “⚠ 目标调低” on a programme and wants every such programme types 目标调低
into the search box: it searches names, departments and regions, so it finds none (0 of the
seed site's 11), and the full-text search it points to ranks pages that merely say 目标 first.
The filter that answers her (绩效目标表 → 目标调低) sits among nine drop-downs. The home page
links each such question to its filtered 项目查询, with how many programmes it finds, and only
when it finds any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

Shortcut = tuple[str, str, int]
"""(what it finds, the 项目查询 query string, how many programmes)."""


def shortcuts(rows: Iterable[Mapping[str, Any]], grade_labels: Sequence[str]) -> list[Shortcut]:
    """The questions with an answer in `rows` (the 项目查询 rows), in the order a reader asks them.

    The counts are the 项目查询's own for the same filter: every row, samples too (the filter
    keeps them), over all years."""
    rows = list(rows)
    lowest = grade_labels[-1] if grade_labels else None
    found = [
        ("目标调低的项目", {"targets": "has/lowered"}, sum(1 for r in rows if r.get("lowered"))),
        (f"评价等级为「{lowest}」的项目", {"grade": lowest}, sum(1 for r in rows if lowest and r.get("grade") == lowest)),
        ("复算与公布得分不一致的项目", {"check": "discrepancy"}, sum(1 for r in rows if r.get("verdict") == "discrepancy")),
        ("整改逾期的项目", {"cycle": "overdue"}, sum(1 for r in rows if r.get("overdue"))),
    ]
    # year=all: a site above pages.FIRST_ROWS opens 项目查询 on its newest year, where the count
    # (every year) would not match what the link shows
    return [(label, urlencode({"year": "all", **query}), count) for label, query, count in found if count]
