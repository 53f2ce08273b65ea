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
