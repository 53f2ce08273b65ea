"""How each kind of column shows in the workbook: its cell style (number format) and width.

The workbook stores exactly the CSV's figures; the formats only decide how Excel shows them:
money in 元 with 2 places and thousands separators, 万元 with up to 6 (the exact 万元 figure of a
元 amount), percentages as 97.94% (the cell holds 97.94, as the CSV does), dates as dates.
"""

from __future__ import annotations

from perfsite.opendata.tables import Column
from perfsite.opendata.units import PERCENT, WAN, YUAN

NUMBER_FORMATS = (
    (164, "#,##0.00"),
    (165, "#,##0.00####"),
    (166, '0.00"%"'),
    (167, "yyyy-mm-dd"),
    (168, "0.00"),
)
"""Custom number formats (ids from 164, the first free one), in the order of the styles below."""
HEADER_STYLE = 1
STYLE = {"yuan": 2, "wan": 3, "percent": 4, "date": 5, "decimal": 6}
"""Cell style index (cellXfs position) of each kind of figure; 0 is the default, 1 the header."""


def style_of(column: Column) -> int:
    """The cell style of `column`'s values (0: none)."""
    if column.type == "date":
        return STYLE["date"]
    if column.type != "number":
        return 0
    return {YUAN: STYLE["yuan"], WAN: STYLE["wan"], PERCENT: STYLE["percent"]}.get(column.unit, STYLE["decimal"])


WIDTH = {"string": 16, "integer": 8, "number": 14, "boolean": 8, "date": 12}
WIDE = {"name": 36, "department": 24, "url": 30, "level1": 14, "level2": 16, "target": 20, "actual": 20,
        "rule_text": 30, "remark": 30, "evaluator": 20, "row_label": 16, "column_label": 14}
"""Column widths in characters: by type, and wider for the long texts."""


def width_of(column: Column) -> float:
    """A column's width: room for its header (a Chinese character is two wide) and its values."""
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in column.header) + 2
    return float(max(shown, WIDE.get(column.name, WIDTH.get(column.type, 12))))
