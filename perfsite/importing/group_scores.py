"""A 得分 (or 分值) cell merged down over several indicator rows: one figure for a group.

黄石市图书馆's 2022 自评表 gives its score per 二级指标 (「注：得分一栏按二级指标填列。」): 得分 10 in
G13:H14 covers 「一个存储备份器」 and 「WIFI布点全覆盖」. Read row by row the 10 landed on the first
indicator and the second had none, as if one indicator scored 10 and the other nothing. The data
format has a score per indicator only (`groups` sums 一级指标; docs/data-format.md): a group's
figure has no key of its own, and splitting it among the rows would invent a breakdown the form does
not give. So it is written on no row, and the note names the figure, the rows it covers and the
merged cell, for the clerk to split as the form's 评分办法 says or to ask for the scores per item.
"""

from __future__ import annotations

from perfsite.importing.grid import ABOVE, Grid, row_number

_WHAT = {"score": "得分", "weight": "分值"}
SAID = "group_said"
"""The key, in the first row of such a group, of the comment the YAML carries above its name."""


def group_figures(grid: Grid, columns: dict[str, int], rows: list[dict[str, str]],
                  read: list[tuple[int, int]]) -> list[str]:
    """Take off `rows` each 得分/分值 whose cell is merged down over further indicator rows of `read`
    ((index in `rows`, grid row) of the indicators this grid holds); one note per such cell, and the
    comment for the YAML under `SAID` in the group's first row."""
    notes: list[str] = []
    index_of = {r: i for i, r in read}
    for key, what in _WHAT.items():
        if key not in columns:
            continue
        c = columns[key]
        for i, r in read:
            cell = grid.cell(r, c)
            if not cell.own:
                continue
            end = r
            while end + 1 < len(grid.rows) and grid.cell(end + 1, c).merged == ABOVE:
                end += 1
            covered = [index_of[x] for x in range(r, end + 1) if x in index_of]
            if len(covered) < 2:
                continue
            figure = rows[i].pop(key, "")
            names = "".join(f"「{rows[j].get('name', '')}」" for j in covered)
            groups = "、".join(dict.fromkeys(f"「{g}」" for j in covered if (g := rows[j].get("level2", ""))))
            rows[covered[0]][SAID] = "".join(
                filter(None, (rows[covered[0]].get(SAID), f"原表的{what} {figure} 是这一项起 {len(covered)} 项的合计（合并单元格 "
                              f"{cell.ref}，向下合并到第 {row_number(grid, end)} 行），没有写到任何一项上：请按原表的评分办法分到各项。")))
            notes.append(f"{grid.label} {what} {figure} 是{groups}{len(covered)} 项合计（合并单元格 {cell.ref}，向下合并到"
                         f"第 {row_number(grid, end)} 行：{names}），没有写到其中任何一项上：数据格式只有每项指标的{what}，"
                         f"请按原表的评分办法把这 {figure} 分分到这 {len(covered)} 项（{key}），或向填报单位索取逐项的{what}")
    return notes

