"""An indicator's points printed in its name, where the table has no 分值 column.

Some 部门整体 score tables print every level's points in brackets after its name, the 三级指标's too, and keep
one number column, 得分 (「一级指标 | 二级指标 | 三级指标 | 得分」 over 「部门决策(25分) | 目标任务(15分) | 相关性(5分) | 5」:
the 2017 部门整体支出绩效评价得分表 of tests/forms_dept26/e02, and 四川 达州's blank copy of it). With a single
figure column the header was no indicator header, and the file failed with 「找不到绩效指标表」: every score lost.
Read this way, 相关性's 5 is its weight, as a 分值 column would print it, and the levels' points are checked
against the weights under them as they are for any level (`reader.split_subtotal`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfsite.importing.grid import Grid
from perfsite.reader import split_subtotal

_IN_BRACKETS = re.compile(r"分\s*[)）]\s*$")
"""Only 「(5分)」 in brackets ends a name with its points: 「指标(2021)」 names a year, 「满意度90分」 a target."""

_ROWS_LOOKED_AT = 2
"""The header counts when the first two names under it carry points: one could be a name's own bracket."""


def points_in_names(grid: Grid, r: int, columns: dict[str, int]) -> dict[str, int]:
    """`columns` (row `r`'s recognised header words) when they name the indicator and its 得分 but no weight, and
    the first names under the header carry their points in brackets; else {}."""
    if "name" not in columns or "score" not in columns or "weight" in columns:
        return {}
    names = [grid.cell(k, columns["name"]).own for k in range(r + 1, min(r + 1 + _ROWS_LOOKED_AT, len(grid.rows)))]
    if len(names) < _ROWS_LOOKED_AT or not all(_points(name) for name in names):
        return {}
    return columns


def weight_from_name(values: dict[str, str]) -> bool:
    """Move 「相关性(5 分)」's points into the row's weight (values without one); whether it did."""
    if "weight" in values:
        return False
    points = _points(values.get("name", ""))
    if points is None:
        return False
    values["name"], _ = split_subtotal(values["name"])
    values["weight"] = points
    return True


_LOST_OPENING = re.compile(r"^(?P<label>[^(（]*[\u4e00-\u9fff])\s*(?P<points>\d+(?:\.\d+)?\s*分)\s*(?P<close>[)）])\s*$")
"""A level's name whose points lost their opening bracket in the copy (大英县总工会's 「部门预\\n算管理\\n80分)」,
tests/forms_dept26/e01): a word, the points and a closing bracket, no opening one anywhere."""

_OPENING = {")": "(", "）": "（"}

_MOST = Decimal(100)
"""A level holds at most the form's 100 points: 「达标率120分)」 is no lost bracket of points."""


def lost_brackets(items: list[dict[str, object]]) -> list[str]:
    """Give back the opening bracket a level's points lost (「部门预算管理80分)」 → 「部门预算管理(80分)」), so the
    level's points are read and checked against the weights under it as 「预算编制(30分)」's are; the notes
    saying so, one a level. Left as printed, 「部门预算管理80分)」 was a name of its own, its 80 never checked."""
    said: dict[str, str] = {}
    for item in items:
        for key in ("level1", "level2"):
            printed = str(item.get(key, ""))
            found = _LOST_OPENING.match(printed)
            if found is None or Decimal(found["points"].rstrip("分").strip()) > _MOST:
                continue
            item[key] = f"{found['label']}{_OPENING[found['close']]}{found['points']}{found['close']}"
            said[printed] = str(item[key])
    return [f"指标级次「{printed}」的分值少了左括号：按「{fixed}」读作名称和分值，请对照原件核对"
            for printed, fixed in said.items()]


def _points(name: str) -> str | None:
    if not _IN_BRACKETS.search(name):
        return None
    bare, points = split_subtotal(name)
    return str(points) if points is not None and bare else None  # as printed: 「2.50」 keeps its places
