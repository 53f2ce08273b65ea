"""Money printed as label | value pairs, the older 评分表's 项目基本情况 block.

海南省本级's 项目绩效自评表 (tests/forms_trial2/t01, 服务贸易 of 省商务厅) has no 预算执行情况 table: its
money sits in the 项目基本情况 table beside the contact details, two pairs a row, and each of the first two
figures is split by source in the rows under 「其中:」, in the same columns:

    计划投资额(万元) | 570    | 实际到位资金(万元) | 398.88
    实际使用情况(万元) | 395.86
    其中:            |        | 其中:              |
    中央财政         | 0      | 中央财政           | 0
    省财政           | 570    | 省财政             | 398.88
    市县财政 | 0 …  其他 | 0 …

Read before, all 24 of these cells were listed as unplaced and the programme had no budget. Read here as
a `BudgetTable`, the budget is written and cross-checked as any other (到位率, 执行率, the parts against
their total).

计划投资额 is the programme's budget for the year (`budget`, 全年预算数): the form has no other budget
figure, no 年初/调整 pair, and its 资金到位 indicators (到位率, 到位时效) measure 实际到位 against it, as
全年预算数 is measured in the 财预〔2021〕101号 form. 实际使用情况 is what was spent (`spent`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import partial

from perfsite.decimals import parse_decimal
from perfsite.importing.crosscheck import BUDGET_KEYS
from perfsite.importing.grid import Grid, unprinted
from perfsite.importing.labels import bare
from perfsite.importing.tables import BudgetTable, Found

PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("budget", ("计划投资额", "计划投资", "计划投入资金")),
    ("funded", ("实际到位资金", "实际到位")),
    ("spent", ("实际使用情况", "实际使用资金", "实际使用")),
)
"""A pair's label → the budget row it is, as the 海南 form prints it."""
PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("central", ("中央财政", "中央")),
    ("provincial", ("省财政", "省级财政", "省级")),
    ("local", ("市县财政", "市县")),
    ("municipal", ("市财政", "市级财政", "市级")),
    ("county", ("县财政", "县级财政", "县级")),
    ("other", ("其他", "其他资金")),
)
"""The rows under 「其中:」, whole labels only (「其他」 in a 项目类型 text is no part)."""
_UNIT = re.compile(r"[（(]\s*(万元|元)\s*[)）]")
_ANY_PAIR = re.compile("|".join(word for _, words in PAIRS for word in words))
"""A row naming none of the pairs is passed over unparsed: a finance export's 10,000 rows hold none."""


def _key(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    label = bare(_UNIT.sub("", text)).rstrip(":：")
    return next((key for key, words in table if label in words), None)


def _pairs(grid: Grid, r: int) -> list[tuple[int, str, int]]:
    """(label column, text, value column) of each label | value pair of row `r`, merges skipped; a value
    printed 「###」 (Excel's print of a figure wider than its column) is a pair's value too, named by assemble."""
    cells = [(c, cell.own.strip()) for c, cell in enumerate(grid.rows[r]) if cell.own.strip()]
    return [(c, text, cells[n + 1][0]) for n, (c, text) in enumerate(cells[:-1])
            if parse_decimal(text.replace(",", "")) is None and not unprinted(text)
            and (parse_decimal(cells[n + 1][1].replace(",", "")) is not None or unprinted(cells[n + 1][1]))]


def read_pairs(grids: list[Grid], found: Found) -> None:
    """Add the label | value money block of the first grid that has one (two budget rows at least)."""
    for grid in grids:
        table = _read(grid, found)
        if table is not None:
            found.budgets.append(table)
            return


def _read(grid: Grid, found: Found) -> BudgetTable | None:
    table = BudgetTable(label=grid.label)
    rows = table.rows
    columns: dict[int, list[str]] = {}
    used: set[tuple[str, int, int]] = set()
    unit = ""
    r = 0
    while r < len(grid.rows):
        named = _ANY_PAIR.search("".join(cell.own for cell in grid.rows[r]))
        for c, text, v in _pairs(grid, r) if named else ():
            key = _key(text, PAIRS)
            if key and key not in rows:
                table.put(key, "total", grid.cell(r, v).own.strip(), grid.cell(r, v).ref)
                columns.setdefault(c, []).append(key)
                used |= {(grid.label, r, c), (grid.label, r, v)}
                unit = unit or next(iter(_UNIT.findall(text)), "")
        if columns and any(bare(cell.own).rstrip(":：") == "其中" for cell in grid.rows[r]):
            r = _parts(grid, r, columns, table, used)
            continue
        r += 1
    if len(rows) < 2:
        return None
    found.used |= used
    table.unit = unit
    table.read_as = partial(_read_as, grid.label)
    return table


def _read_as(label: str, written: Collection[str]) -> str:
    """The note on the rows written only: 海南's 实际到位资金 printed 「###」 is left out by assemble, and a
    note reading it would send the clerk looking for a figure the file does not hold."""
    word = "、".join(f"{name}（{key}）" for key, name in BUDGET_KEYS if key in written)
    rates = "、".join(rate for key, rate in (("funded", "到位率"), ("spent", "执行率")) if key in written)
    if "budget" not in written:
        return f"{label}的资金写作「标签 | 金额」：读作 {word}，请核对"
    return (f"{label}的资金写作「标签 | 金额」：读作 {word}；「计划投资额」是本表唯一的预算数，写作全年预算数，"
            + (f"{rates}以它为分母，" if rates else "") + "请核对")


def _parts(grid: Grid, r: int, columns: dict[int, list[str]], table: BudgetTable,
           used: set[tuple[str, int, int]]) -> int:
    """The 「其中:」 row and the part rows under it, each column's parts given to the pair of that
    column whose figure they add up to (海南's left column holds 计划投资额 and, below it, 实际使用情况:
    its parts 0/570/0/0 are the 计划's), else to the column's first pair; the row after the last
    part is returned."""
    used |= {(grid.label, r, c) for c, cell in enumerate(grid.rows[r]) if bare(cell.own).rstrip(":：") == "其中"}
    parts: dict[int, dict[str, tuple[str, str]]] = {}
    r += 1
    while r < len(grid.rows):
        placed = False
        for c, text, v in _pairs(grid, r):
            part = _key(text, PARTS)
            if part and c in columns:
                parts.setdefault(c, {})[part] = (grid.cell(r, v).own.strip(), grid.cell(r, v).ref)
                used |= {(grid.label, r, c), (grid.label, r, v)}
                placed = True
        if not placed:
            break
        r += 1
    for c, figures in parts.items():
        total = sum(parse_decimal(f.replace(",", "")) or 0 for f, _ in figures.values())
        key = next((k for k in columns[c] if parse_decimal(table.rows[k]["total"].replace(",", "")) == total), columns[c][0])
        for part, (figure, ref) in figures.items():
            table.put(key, part, figure, ref)
    return r
