"""A table as both readers see it: rows of cells that know whether they continue a merge.

Word repeats a merged cell's text across its span, Excel leaves all but the first cell empty;
both become the same `Grid`, so one recogniser (`tables`) serves both file kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OWN, LEFT, ABOVE = "", "left", "above"
"""A cell holds its own text, or continues a merge from the left or from above."""

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、，。；：！？（）《》【】]")


@dataclass(frozen=True)
class Cell:
    text: str
    merged: str = OWN
    """OWN, LEFT or ABOVE: a continued cell shows the text of the cell it continues."""
    ref: str = ""
    """Where a clerk finds it: ``B7`` in Excel, ``第3行第2列`` in Word."""

    @property
    def own(self) -> str:
        """The text only if this cell is not a merge continuation."""
        return self.text if self.merged == OWN else ""


@dataclass
class Grid:
    """One Word table or one Excel sheet."""

    label: str
    """「表3」 or 「工作表 绩效指标」, for messages."""
    rows: list[list[Cell]] = field(default_factory=list)
    before: str = ""
    """The nearest heading or paragraph above a Word table (its caption)."""
    notes: list[str] = field(default_factory=list)
    """What the reader could not show (a formula with no saved result)."""
    document: bool = False
    """A table of a Word or PDF document: tables follow one another in the text, so one may go on
    with the last (a table broken at a page break). An Excel sheet stands alone."""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> Cell:
        row = self.rows[r]
        return row[c] if c < len(row) else Cell("", OWN, "")


def clean(text: str) -> str:
    """Text as published, less word-processor artefacts and odd spaces."""
    text = _BOOKMARK.sub("", text).replace("\u00a0", " ").replace("\u200b", "").replace("\r\n", "\n")
    return text.replace("\r", "\n").strip()


def join_lines(lines: list[str]) -> str:
    """Join a cell's lines: a break inside a Chinese cell is wrapping, so no space is added."""
    out = ""
    for line in (clean(x) for x in lines):
        if not line:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(line[0])):
            out += " "
        out += line
    return out


def flat(text: str) -> str:
    """A cell's text on one line (labels, figures, rule texts): its line breaks are wrapping."""
    return join_lines(text.split("\n")) if "\n" in text else text


_WRAP_SPACE = re.compile(r"(?<=[\u3400-\u9fff（）、])\s+(?=[\u3400-\u9fff（）、])")


def label(text: str) -> str:
    """An indicator or level label on one line, less the spaces a printed form leaves between Chinese
    characters (vertical 「产 出 指 标」, a name wrapped as 「管理制 度严格执行率」)."""
    return _WRAP_SPACE.sub("", flat(text))


def compact(text: str) -> str:
    """For comparing labels: no whitespace at all."""
    return re.sub(r"\s+", "", text)
