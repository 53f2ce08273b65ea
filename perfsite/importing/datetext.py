"""Dates as forms print them, and how much of a date each one says.

A form's 公布日期 or 填报日期 is printed 「2023年12月31日」, 「2023.12」, 「2023年12月」, 「2023年度」, or in
Chinese numerals 「二〇二三年十二月」. The data format's dates are days (feeds and sitemaps date their
entries by them: perfsite.dates), so a date a form gives only to the month or the year is never
written as a day the form did not say (「2023年12月」 imported as 2023-12-01): the caller leaves the
key out and tells the clerk what the form wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from perfsite.importing.grid import compact

_CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
_CHINESE_NUMBER = re.compile(r"[〇○零Ｏ一二三四五六七八九十]+(?=\s*(?:年|月|日|号))")
"""A number in Chinese numerals before 年, 月 or 日: 「二〇二三」 digit by digit, 「十二」「三十一」 by tens."""

_SPELT = re.compile(r"(?P<y>\d{4})\s*年\s*(?:度|份)?(?:\s*(?P<m>\d{1,2})\s*月\s*份?(?:\s*(?P<d>\d{1,2})\s*[日号])?)?")
_SEPARATED = re.compile(r"(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<d>\d{1,2}))?")
_RUN_TOGETHER = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})|(?P<y_only>\d{4})")


@dataclass(frozen=True)
class FormDate:
    """A date as a form states it: a year, perhaps its month, perhaps the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str | None:
        """``2023-12-31`` when the form gave the day; None when it stopped at the month or the year."""
        return dt.date(self.year, self.month, self.day).isoformat() if self.month and self.day else None

    @property
    def said(self) -> str:
        """What the form stopped at: 「日」, 「月」 or 「年」."""
        return "日" if self.day else "月" if self.month else "年"

    @property
    def words(self) -> str:
        """「2023年12月」: the date in the words a page shows, to the precision given."""
        month = f"{self.month}月" if self.month else ""
        return f"{self.year}年{month}{f'{self.day}日' if self.day else ''}"


def arabic(text: str) -> str:
    """「二〇二三年十二月三十一日」 → 「2023年12月31日」: Chinese numerals of a date in digits."""
    return _CHINESE_NUMBER.sub(lambda m: str(_chinese_number(m[0])), text)


def _chinese_number(text: str) -> int:
    if "十" not in text:
        return int("".join(str(_CHINESE_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CHINESE_DIGITS.get(tens[-1:], 1) if tens else 1) * 10 + (_CHINESE_DIGITS.get(ones[:1], 0) if ones else 0)


def form_date(text: str) -> FormDate | None:
    """The date the whole text states, to the precision it states it; None when it is no one date
    (a sentence, a period 「2023.1-2023.12」, a month 13, a 2月30日)."""
    written = compact(arabic(text.strip()))
    for pattern in (_SPELT, _SEPARATED, _RUN_TOGETHER):
        found = pattern.fullmatch(written)
        if found is None:
            continue
        parts = found.groupdict()
        year = int(parts.get("y") or parts.get("y_only") or 0)
        month, day = (int(parts[k]) if parts.get(k) else None for k in ("m", "d"))
        if not 1900 <= year <= 2200 or (month is not None and not 1 <= month <= 12):
            return None
        if day is not None:
            try:
                dt.date(year, month or 1, day)
            except ValueError:
                return None
        return FormDate(year, month, day)
    return None
