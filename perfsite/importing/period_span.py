"""A 目标表's 项目期限 printed as a length (「3年」), not as years; 起止年限 printed in two cells.

山西 阳泉's 申报表 (2021) prints 「项目期限 | 3年」 where other provinces print 起止年限 2021-2023. The
check asks for `period` whenever a form has 中期指标, so the length must either become years or be
named to the clerk. It becomes years only for a 新增 programme, which starts in the form's own year;
a 延续 programme's form is one year of a span already running (阳泉's is 延续性项目(阶段开展)), so its
years cannot be told from the form.
"""

from __future__ import annotations

import re

from perfsite.importing.assemble import Draft
from perfsite.importing.datetext import form_date
from perfsite.importing.grid import compact

_LENGTH = re.compile(r"^\s*(?:共\s*)?(\d{1,2}|[一二两三四五六七八九十])\s*(?:个)?\s*(?:年|年度)\s*(?:期)?\s*$")
_CHINESE = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def length_period(draft: Draft, text: str) -> str | None:
    """`period` for a 项目期限 given as years (「3年」): 2021-2023 for a 新增 programme of 2021, said
    in a comment; "" with a note naming the label and its text for any other; None when `text` is no
    length (the caller reads it as years)."""
    found = _LENGTH.match(text)
    if not found:
        return None
    count = int(found[1]) if found[1].isdigit() else _CHINESE[found[1]]
    year = int(str(draft.data.get("year", "0")) or 0)
    if draft.data.get("attribute") == "新增" and count > 0 and year:
        span = f"{year}-{year + count - 1}" if count > 1 else str(year)
        draft.comment(("period",), f"原表的项目期限写作「{text}」：新增项目自本表年度 {year} 年起算，写作 {span}。")
        return span
    why = ("延续项目不一定从本表年度算起" if draft.data.get("attribute") == "延续"
           else "原表没有写明是新增项目，不知道从哪一年算起")
    example = f"（如 {year}-{year + count - 1}）" if year and count > 1 else ""
    draft.notes.append(f"项目期限「{text}」只写了年数、没有起止年份（{why}）：未写入 period（起止年限），"
                       f"请按原件或向填报单位问明后在 YAML 中补上{example}")
    return ""


_CONNECTOR = re.compile(r"^(?:-+|—+|–|~|～|至|到)$")


def two_cell_period(start: str, after: list[str]) -> tuple[str, int]:
    """起止年限 whose start and end stand in cells of their own (「2025-01-01 | 2027-12-31」, dates Excel
    shows from serials, or 「2025年 | 至 | 2027年」): one period, 「2025-01-01至2027-12-31」, and how many of the
    cells after the start (`after`, the row's next texts) it takes: read as the start alone, the end would
    be lost with no word and a three-year programme published as one day of it. (start, 0) where the start
    is no one date or no date follows it."""
    if form_date(start) is None or not after:
        return start, 0
    joined = 1 if _CONNECTOR.fullmatch(compact(after[0])) else 0
    if joined < len(after) and form_date(after[joined]) is not None:
        return f"{start}至{after[joined]}", joined + 1
    return start, 0
