"""What the figure cells of an indicator table's row say beyond their figure, and rows that hold
figures but no name of their own: each said, naming the cell or the row.

A footnote mark after a figure (「19.6*」, 「96%①」, a raised 「¹」) is taken off it, alike in every
figure cell (`unmarked`). A 得分 of 「—」, 「/」 or 「无」 is no score published (`unscored`). A row
whose name cell is empty or 「/」 is a row the template left unfilled — but only without figures:
judged by its name alone, a row with figures would be dropped as such (「整行只有「/」或空白是表格模板中
未填写的行」): a 小计 row never checked against its items, an indicator whose name cell a clerk merged
with the one above (its 10 / 100% / 90% / 9 lost, caught only by the weight sum), a second header row
giving two columns other labels than the first. A 指标值 or 实际完成值 merged over two indicators
prints beside both, so both take it, said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from perfsite.decimals import parse_decimal, plain
from perfsite.importing.grid import ABOVE, Grid, flat, footnote_mark, label, row_number
from perfsite.importing.labels import (
    bare,
    ceiling_note,
    ceiling_target,
    column_key,
    hinted_note,
    hinted_values,
    is_total,
    level_label,
)
from perfsite.reader import split_subtotal
from perfsite.values import PLACEHOLDERS

FIGURES = {"weight": "分值", "target": "年度指标值", "actual": "实际完成值", "score": "得分", "completion": "完成率",
           "rate": "执行率"}
"""The figure cells of a row, by what they hold: those that make a row more than a template's blank
one, and those a footnote mark may follow (a 执行率 in the funds table too)."""
NO_SCORE = PLACEHOLDERS | {"无"}
"""What a 得分 cell holds where the form published no score for the row: 「—」, 「/」, 「无」."""


def unmarked(values: dict[str, str], refs: dict[str, str], total: bool = False) -> list[str]:
    """A footnote mark after a figure taken off it in `values` (「96%①」 → 「96%」, `footnote_mark`),
    one note a cell naming it (`refs`: each key's cell) and the mark. The same for every figure cell
    of the form: a score, a weight, a total, a target, an actual, a rate. Read with the mark,
    「19.6*」 would be no score, 「98.1*」 no total (「原文没有写明总得分」), 「96%①」 no actual the scorer
    could compare: the row fell to `reported`, a 预算执行率 lost its budget rule. The figure is what
    the form prints; the note under the table the mark points to is the clerk's to read (it may
    qualify the figure)."""
    notes = []
    for key, what in FIGURES.items():
        text = values.get(key, "")
        if text and (split := footnote_mark(text)):
            values[key] = split[0]
            notes.append(mark_note(f"{refs.get(key, '')}：{'总' if total else ''}{what}", text, split))
    return notes


def mark_note(where: str, text: str, split: tuple[str, str]) -> str:
    """The note on a figure `text` read without its footnote mark (`footnote_mark`'s `split`), the
    same words for every cell that takes one: a figure cell of an indicator, an amount, a row of a
    汇总表 or of a 部门 form; `where` names the cell and what it holds (「表1 第5行第3列：年度指标值」)."""
    return (f"{where}「{text}」末尾的「{split[1]}」是脚注标记，按「{split[0]}」读取：请对照原件核对表下对应的脚注，"
            "需要时写进备注")


def unscored(values: dict[str, str], refs: dict[str, str]) -> list[str]:
    """The 得分 cell of an indicator that holds 「—」, 「/」 or 「无」 (「表1 第13行第8列「—」」), its
    `score` left out: no score was published for the row (`unscored_note` names them all alike).
    「—」 and 「/」 were dropped with no word while the site scored the row itself, and 「无」 was
    called 「不是数字」."""
    text = values.get("score", "").strip()
    if not text or text not in NO_SCORE or not values.get("name", "").strip():
        return []
    values["score"] = ""
    return [f"{refs.get('score', '')}「{text}」"]


def unscored_note(cells: list[str]) -> str:
    """One note for a table's 得分 cells that publish no score (`unscored`), the first five named."""
    more = f"等 {len(cells)} 格" if len(cells) > 5 else ""
    return (f"{'、'.join(cells[:5])}{more}：原表没有公布这{'些' if len(cells) > 1 else '一项'}指标的得分，"
            "未写入 score（网站显示的得分是按评分规则复算的，不是公布的）：如原件另有得分请补上")


@dataclass
class RowReadings:
    """How one table's indicator rows are read beyond their cells' text, the same for a form's table and
    a system's export (`bulk`), so that one cell imports alike through both: a footnote mark off a
    figure (`unmarked`), a 「—」 得分 as no score (`unscored`), a bare 指标值 through the hint after the
    name (`hinted_values`), and an unsigned target of a lower-is-better indicator as its ceiling
    (`ceiling_target`). The export read none of them: 「85」 under 「苗木成活率(≥**%)」 was a count of 85,
    「3%」 of 预算调整率 a floor, a 「—」 得分 dropped with no word."""

    hinted: list[tuple[str, str, str]] = field(default_factory=list)
    no_score: list[str] = field(default_factory=list)

    def row(self, values: dict[str, str], refs: dict[str, str], keys: Iterable[str], name: str) -> list[str]:
        """Read one row's `values` in place (`refs`: each key's cell; `keys`: the table's columns; `name`:
        the 三级指标 as printed, its template hint still on it); the notes said of the row itself."""
        notes = unmarked(values, refs)
        self.no_score += unscored(values, refs)
        if read := hinted_values(values, name, refs.get("target", ""), keys):
            self.hinted.append(read)
        printed, ceiling = values.get("target", "").strip(), ceiling_target(values.get("name", ""), values)
        if ceiling and "target" in keys:
            notes.append(ceiling_note(refs.get("target", ""), values.get("name", ""), printed, *ceiling))
        return notes

    def notes(self) -> list[str]:
        """What is said once for the table, after its rows."""
        return [*([hinted_note(self.hinted)] if self.hinted else []), *([unscored_note(self.no_score)] if self.no_score else [])]


SUBTOTAL = "小计"
"""How a group's subtotal row is labelled: 「小计」, 「产出指标小计」."""


def own_figures(grid: Grid, r: int, columns: dict[str, int]) -> list[str]:
    """The row's own figures (「E16「50」」), placeholders left out; none for a template row."""
    out = []
    for c in sorted(c for key, c in columns.items() if key in FIGURES):
        if (text := flat(grid.cell(r, c).own).strip()) and text not in PLACEHOLDERS:
            out.append(f"{grid.cell(r, c).ref}「{text}」")
    return out


def merged_name(grid: Grid, r: int, columns: dict[str, int], figures: list[str], body: int) -> tuple[str, str]:
    """(the name, the note) of a row with figures of its own whose name cell continues a merge from
    an indicator above (in the table's body, from row `body`: not the header's label merged down over
    a second header row): the form prints that name beside it, so it is read as an indicator of that
    name, said; ("", "") otherwise."""
    c = columns["name"]
    cell = grid.cell(r, c)
    if not figures or cell.merged != ABOVE or not (name := label(cell.text).strip()) or name in PLACEHOLDERS:
        return "", ""
    anchor = r
    while anchor > 0 and grid.cell(anchor, c).merged == ABOVE:
        anchor -= 1
    if anchor < body:
        return "", ""
    return name, (f"{grid.label} {cell.ref}：指标名称「{name}」与上一行合并为一格，这一行却有自己的数值"
                  f"（{'、'.join(figures)}）：按一项名为「{name}」的指标导入，请对照原件核对它的名称")


def subtotal_note(grid: Grid, r: int, columns: dict[str, int], items: list[dict[str, str]],
                  every: list[dict[str, str]] | None = None) -> str | None:
    """None where row `r` is no 小计 row; else "" where its 分值 and 得分 are the sums of `items` (the
    indicators since the last 小计), or the note naming the difference. A 小计 is no indicator.

    A 小计 naming its group (「质量指标小计」) sums the indicators of that 一级 or 二级 among `every`: a form
    subtotalling each 二级 and then its 一级 has no 小计 row before its first 二级 group, so the rows since
    the last 小计 would take in the 数量指标 row above the 质量 ones (「分值 16 与其上 3 项之和 24 不一致」, 8 + 8
    being right), and a 一级's 小计 after its 二级 ones would sum none of its rows."""
    cells = [cell for cell in grid.rows[r] if cell.own]
    if not any(bare(cell.own).endswith(SUBTOTAL) for cell in cells):
        return None
    named = next(bare(cell.own) for cell in cells if bare(cell.own).endswith(SUBTOTAL)).removesuffix(SUBTOTAL)
    group = [item for item in every or [] if named and any(
        bare(split_subtotal(level_label(item.get(key, "")))[0]) == named for key in ("level1", "level2"))]
    said = next(flat(cell.own) for cell in cells if bare(cell.own).endswith(SUBTOTAL))
    return sums_note(grid, r, columns, group or items, said, "其上", ("weight", "score"), "小计不作为指标导入")


def sums_note(grid: Grid, r: int, columns: dict[str, int], items: list[dict[str, str]], said: str, where: str,
              keys: tuple[str, ...], ending: str) -> str:
    """"" where row `r`'s figures under `keys` (分值, 得分) are the sums of `items`' (the group it totals,
    「其上」 or 「其下」 it as `where` says), else the note naming each difference, the row by `said`."""
    wrong = []
    for key in keys:
        if key not in columns or not (text := flat(grid.cell(r, columns[key]).own).strip()):
            continue
        stated = parse_decimal(text)
        figures = [parse_decimal(item.get(key, "")) for item in items]
        if stated is None or not items or any(f is None for f in figures):
            wrong.append(f"{FIGURES[key]} {text}（{where}各项的{FIGURES[key]}不全是数字，无法核对）")
            continue
        total = sum((f for f in figures if f is not None), Decimal(0))
        if total != stated:
            wrong.append(f"{FIGURES[key]} {text} 与{where} {len(items)} 项之和 {plain(total)} 不一致")
    if not wrong:
        return ""
    names = "".join(f"「{item.get('name', '')}」" for item in items[:6]) + ("等" if len(items) > 6 else "")
    return (f"{grid.label} 第{row_number(grid, r)}行「{said}」：{'；'.join(wrong)}（{names}）：{ending}，"
            "请对照原件核对这一组指标的分值和得分")


LEVELS = ("level1", "level2")


def level_total(grid: Grid, r: int, columns: dict[str, int]) -> tuple[str, str] | None:
    """(level key, its label) where row `r` heads a group with its totals: one 一级 or 二级 label, no name,
    and figures only under 分值 and 得分 (「产出指标 | | | | 50 | 50」 over its indicators, as some templates
    print each 一级's points and score). None for any other row."""
    if grid.cell(r, columns["name"]).text.strip():
        return None
    own = {c for c, cell in enumerate(grid.rows[r]) if cell.own.strip()}
    levels = [key for key in LEVELS if key in columns and columns[key] in own]
    figures = {columns[key] for key in ("weight", "score") if key in columns} & own
    if len(levels) != 1 or not figures or own - figures - {columns[levels[0]]}:
        return None
    text = level_label(grid.cell(r, columns[levels[0]]).own)
    if bare(text).endswith(SUBTOTAL) or is_total(text) or any(parse_decimal(flat(grid.cell(r, c).own)) is None
                                                               for c in figures):
        return None  # a 小计 (`subtotal_note`) or 合计 row totals the rows above it
    return levels[0], text


def header_again_note(grid: Grid, r: int, columns: dict[str, int], header: int) -> str | None:
    """None where row `r`'s own texts are not all column labels; else "" where they name the columns
    they stand over as the header does, or the note naming those they name otherwise: a second header
    row relabelling 年度指标值/实际完成值, which reading the first row's labels alone would pass over."""
    cells = [(c, cell) for c, cell in enumerate(grid.rows[r]) if cell.own]
    keys = [(c, cell, column_key(cell.own)) for c, cell in cells]
    if not keys or any(key is None for _, _, key in keys):
        return None
    by_column = {c: key for key, c in columns.items()}
    other = [(c, cell, key) for c, cell, key in keys if by_column.get(c) != key]
    if not other:
        return ""
    said = "、".join(f"{cell.ref}「{flat(cell.own)}」" for _, cell, _ in other)
    read = "、".join(f"「{flat(grid.cell(header, c).text)}」" for c, _, _ in other)
    return (f"{grid.label} 第{row_number(grid, r)}行 {said} 像是表头的又一行，给这些列的列名与表头第{row_number(grid, header)}行的"
            f"（{read}）不同：按表头第{row_number(grid, header)}行的列名读取，这一行未导入：请核对哪一个是这一列的列名，"
            "删去多余的一行或改正列名后再导入")


def unnamed_note(grid: Grid, r: int, figures: list[str]) -> str:
    """The note on a row with figures and no name, which no rule above places: not imported, named."""
    return (f"{grid.label} 第{row_number(grid, r)}行没有指标名称，却有数值（{'、'.join(figures)}）：未作为指标导入，"
            "请对照原件补上指标名称（或删去这一行）后再导入")


def shared_values(grid: Grid, columns: dict[str, int], rows: list[dict[str, str]],
                  read: list[tuple[int, int]]) -> list[str]:
    """A 年度指标值, 实际完成值 or 完成率 cell merged down over further indicator rows of `read` ((index
    in `rows`, grid row)): the form prints it beside each of them, so each is given it, and one note
    names the merged cell and the indicators (a 分值 or 得分 so merged is `group_figures`')."""
    notes: list[str] = []
    index_of = {r: i for i, r in read}
    for key in ("target", "actual", "completion"):
        if key not in columns:
            continue
        c = columns[key]
        for i, r in read:
            cell = grid.cell(r, c)
            if not cell.own or key not in rows[i]:
                continue
            end = r
            while end + 1 < len(grid.rows) and grid.cell(end + 1, c).merged == ABOVE:
                end += 1
            covered = [index_of[x] for x in range(r + 1, end + 1) if x in index_of]
            if not covered:
                continue
            for j in covered:
                rows[j].setdefault(key, rows[i][key])
            names = "".join(f"「{rows[j].get('name', '')}」" for j in (i, *covered))
            notes.append(f"{grid.label} {cell.ref}：{FIGURES[key]}「{flat(cell.own)}」是合并单元格，向下合并到第 {row_number(grid, end)} 行，"
                         f"{names} {len(covered) + 1} 项指标共用这一格：按表上印出的写到每一项上，请对照原件核对"
                         f"（数据格式每项指标一个{FIGURES[key]}，各项不同的请分别填写）")
    return notes
