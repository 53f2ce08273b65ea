"""Dates as publishers write them (2022-03-01, 2022/3/1, 2022年3月1日), kept as ISO text.

Feeds and sitemaps use them, so a date is either a real calendar date or a clear error.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from perfsite.problems import PerfsiteError, Problem, Severity
from perfsite.schema import shown

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def iso_date(text: str) -> str | None:
    """``2022年3月1日`` → ``2022-03-01``; None when the text is not one calendar date."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH in seconds, None when unset: the one reading of it for every date a build
    stamps (overdue 整改, sitemap.xml, the /data/ zips). A value that is no whole number of seconds
    a date can hold is refused (as the reproducible-builds specification asks), not replaced by
    today: the pages would then judge overdue by whatever day they happen to be built."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError(epoch)
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise PerfsiteError([Problem(Severity.ERROR, f"环境变量 SOURCE_DATE_EPOCH 应是 1970 年以来的秒数（如 1700000000），"
                                     f"而不是「{shown(epoch)}」：整改是否逾期按它的日期判断", file="SOURCE_DATE_EPOCH")]) from None
    return int(epoch)


PUBLISHER_TIME = dt.timezone(dt.timedelta(hours=8), "北京时间")
"""The calendar 完成时限 are written in (China Standard Time, UTC+8 all year): a measure due
2024-12-31 is overdue from 2025-01-01 00:00 in Beijing, which is 2024-12-31 16:00 UTC. Judged on
the UTC date, a build in the first eight hours of a Beijing day would still call it on time."""


def now() -> dt.datetime:
    """The clock, in PUBLISHER_TIME (one place, so that tests can set it)."""
    return dt.datetime.now(PUBLISHER_TIME)


def build_date() -> str:
    """The day a build speaks for (ISO, PUBLISHER_TIME): SOURCE_DATE_EPOCH's when set
    (source_date_epoch, which refuses a malformed one), as for sitemap.xml and the /data/
    zips, else today. Overdue 整改 are judged against it."""
    epoch = source_date_epoch()
    when = now() if epoch is None else dt.datetime.fromtimestamp(epoch, PUBLISHER_TIME)
    return when.astimezone(PUBLISHER_TIME).date().isoformat()


def latest_past_date() -> str:
    """The latest day a date that says something has happened (发布日期, 更正日期, 完成日期) may
    name: the build date, or today when that is later. SOURCE_DATE_EPOCH earlier than today is
    a reproducible build of older data (tests build the seed data as of 2023-11-14, before some
    of its 2024 publications); refusing those dates would make such a build fail for dates that
    are past. Today never moves back, so a build that passed the check passes it again."""
    return max(build_date(), now().astimezone(PUBLISHER_TIME).date().isoformat())


def future_date(date: str, what: str) -> str | None:
    """The error for `date` (ISO), the date of `what` (「发布日期」), when it is later than
    latest_past_date(); None when it is not. A document published, corrected or completed on
    2099-01-01 would pin feed.xml's <updated> and the page's 「最近一次更正」 to that day; the date
    is a typing slip (2024 for 2023) or a way to stay on top of the feed."""
    if not date:
        return None
    today = latest_past_date()
    if date <= today:
        return None
    return (f"{what} {date} 晚于今天 {today}（北京时间）：{what}写的是已经发生的事，{NOT_YET}，请核对年份和日期")


NOT_YET = "不能在将来"
"""The words every future_date error says, by which `lifted_later` knows one."""


def lifted_later(problems: list[Problem]) -> bool:
    """Whether a file's findings hold a future_date error (or a warning worded as one), which a later day lifts without the file
    changing: such findings are not kept in the check or build cache (keyed by the file's bytes,
    not by the day), so the day the date arrives the file is read again and passes. Keying every
    entry by the day instead made each day's first check and build read and render everything
    again; a file dated in the future is rare, and read again on every run only while it is."""
    return any(p.severity in (Severity.ERROR, Severity.WARNING) and NOT_YET in p.message for p in problems)
