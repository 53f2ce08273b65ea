"""A row holding only an indicator name, right under a complete indicator row.

A clerk who runs out of room in a cell types on in the row below: 黄石市图书馆's 2022 自评表 has
「促进黄石文化经济发展,丰富市民文化活动」 alone under 「使读者更方便快捷查找检阅」, no 指标值, no 得分.
`tables._continues_name` joins such a row when the printed form shows a wrap (a bracket opens it,
the name above stops mid-phrase). Any other lone name may be a wrap or an indicator whose figures
were left blank; it stays an indicator, and this note names it so the clerk decides, where the
check would only say later that its 目标值和实际值都未填写.
"""

from __future__ import annotations

from perfsite.importing.grid import Grid, label


def lone_name_note(grid: Grid, r: int, columns: dict[str, int], above: dict[str, str] | None) -> str:
    """The 提示 for row `r` when it holds only a name in the name column and `above`, the values of
    the indicator read from the row right above it, has a name and a figure; "" otherwise."""
    if above is None or not above.get("name"):
        return ""
    name_col = columns["name"]
    texts = [c for c, cell in enumerate(grid.rows[r]) if cell.own]
    if texts != [name_col]:
        return ""
    if not any(above.get(k) for k in ("weight", "target", "actual", "completion", "score")):
        return ""
    cell = grid.cell(r, name_col)
    return (f"{grid.label} {cell.ref}「{label(cell.own)}」一行只有指标名称、没有任何数值，紧接在「{above['name']}」一行之下："
            f"可能是上一项名称的续行。已作为一项指标导入；如是续行，请把它并入上一项的名称（「{above['name']}{label(cell.own)}」），"
            "并删去这一项")
