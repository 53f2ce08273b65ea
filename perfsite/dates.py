"""Dates as publishers write them (2022-03-01, 2022/3/1, 2022年3月1日), kept as ISO text.

Feeds and sitemaps use them, so a date is either a real calendar date or a clear error.
"""

from __future__ import annotations

import datetime as dt
import re

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
