"""Recognise what a grid holds by its headers: indicator tables, budget tables, facts, totals.

Tables come in any order and several may share one Excel sheet (the central 自评表 stacks facts,
funds, goals and indicators in one grid), so a grid is scanned top to bottom for blocks. Every
cell a block takes is marked used; whatever is left is reported as "not placed".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise

from perfsite.decimals import plain
from perfsite.importing.grid import (
    ABOVE,
    LEFT,
    OWN,
    Cell,
    Grid,
    compact,
    flat,
    label,
    row_number,
    unprinted,
    without_mark,
)
from perfsite.importing.group_scores import group_figures
from perfsite.importing.labels import (
    BUDGET_ROWS,
    COPY_DOWN,
    DERIVED_ROWS,
    FACTS,
    GOALS,
    GRADES,
    LABEL_LINE,
    POINTS_FORMULA,
    SCORING_METHOD,
    SECTION_HEADERS,
    SPANNING,
    STATED_POINTS,
    TEMPLATE_NAME,
    UNDER_TARGET,
    WEAK_NAME,
    bare,
    column_key,
    finance_label,
    finance_note,
    indicator_name,
    is_sign_off,
    is_total,
    joined_labels,
    joined_note,
    joined_values,
    level_label,
    level_rank,
    match,
    money_unit,
    source_key,
    stated_unit,
    template_unit,
    template_unit_note,
)
from perfsite.importing.name_points import points_in_names, weight_from_name
from perfsite.importing.row_figures import (
    SUBTOTAL,
    RowReadings,
    header_again_note,
    level_total,
    merged_name,
    own_figures,
    shared_values,
    subtotal_note,
    sums_note,
    unmarked,
    unnamed_note,
)
from perfsite.importing.sheet_formulas import stale_refusal
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.wrapped_rows import lone_name_note
from perfsite.reader import split_subtotal
from perfsite.values import LEADING_SIGN, PLACEHOLDERS, SIGN_CLASS, parse_value

Used = set[tuple[str, int, int]]
TITLE = re.compile(r"(?:19|20|１９|２０)\d{2}\s*年|二[〇○零Ｏ][〇○零Ｏ一二三四五六七八九]{2}\s*年|绩效|自评|评价|附件")
"""A title row's words: a year (its digits full-width too, as a PDF's font may give them: `\\d` matches them;
or in Chinese numerals, 「（二〇二一年度）」), a form."""


@dataclass
class IndicatorTable:
    label: str
    caption: str
    keys: list[str]
    """The contract keys its header has, in column order."""
    rows: list[dict[str, str]] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    cells: list[dict[str, str]] = field(default_factory=list)
    """Per row, contract key → where its cell is (「工作表「Sheet1」 H14」): a note about one figure names
    the cell the clerk must look at, not the row's first."""
    total: dict[str, str] = field(default_factory=dict)
    """The 合计/总分 row: weight and score as published."""
    stated: list[str] = field(default_factory=list)
    """Block labels in the header stating points (「年度绩效目标1(40分)」), for a table without 分值."""
    headers: dict[str, str] = field(default_factory=dict)
    """Contract key → the header as printed (「指标分值」), to name a column to the clerk in its own words."""
    end: int = 0
    """The row after its last (its 总分 row included), in the grid it ended in: where a form stacked
    below it in the same sheet may begin."""

    @property
    def complete(self) -> bool:
        """The full 自评表 (附件) has 一级指标 and usually 完成率; section tables lack them."""
        return "level1" in self.keys


@dataclass
class BudgetTable:
    label: str
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    """initial/budget/funded/spent → source key (total, county, …) → text."""
    derived: dict[str, dict[str, str]] = field(default_factory=dict)
    """balance/funding_rate/execution_rate as printed, for cross-checks."""
    numbers: dict[str, str] = field(default_factory=dict)
    """行次 label of a row ("(4)") → row key, to read 「(7)=(4)/(2)」."""
    formulas: dict[str, str] = field(default_factory=dict)
    unit: str = ""
    execution: dict[str, str] = field(default_factory=dict)
    """Central layout: 分值, 执行率 and 得分 of 年度资金总额 (an indicator worth its 分值)."""
    weight_from: str = ""
    """Where a 分值 stated only in a scoring formula was read (「20分*执行率」)."""
    unprinted: dict[str, str] = field(default_factory=dict)
    """Central layout: 分值/执行率/得分 of 年度资金总额 printed 「###」 → the cell, named in place of a figure."""
    unprinted_amounts: dict[tuple[str, str], str] = field(default_factory=dict)
    """(row, source) of each amount printed 「###」 (kept in `rows` as printed) → its cell in the grid `label`
    (「C9」, 「第4行第7列」), for the note; an 执行率 so printed as ("execution_rate", "total")."""
    read_as: Callable[[Collection[str]], str] | None = None
    """A layout's own note on how its money was read, given the rows assemble wrote: a row left out (a
    figure printed 「###」) is not said to have been read."""

    def put(self, key: str, source: str, text: str, where: str) -> None:
        """An amount as printed into its row; one printed 「###」 also named by its cell (`where`): what the
        row then publishes is assemble's one decision for every layout, and the note names the cell."""
        self.rows.setdefault(key, {})[source] = text
        if unprinted(text):
            self.unprinted_amounts[(key, source)] = where


@dataclass
class Found:
    """Everything recognised in one file's grids."""

    indicators: list[IndicatorTable] = field(default_factory=list)
    budgets: list[BudgetTable] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    fact_labels: dict[str, str] = field(default_factory=dict)
    """Fact key → the label it was read beside (「县级主管部门」), to choose between levels."""
    fact_refs: dict[str, str] = field(default_factory=dict)
    """Fact key → the cell its value was read from (「工作表「自评表」 B6」), for a note to name."""
    sections: list[tuple[str, str]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    used: Used = field(default_factory=set)
    numbering: Used = field(default_factory=set)
    """The cells of an indicator table's 序号/编号 column: taken with the row, published as nothing."""
    finance: list[tuple[str, str, str]] = field(default_factory=list)
    """(cell, label, value) of each finance bureau row (labels.finance_label): said in one note by `scan`."""
    template_rows: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """Grid label → (row number, what it held) of the unfilled template rows left out."""
    open: OpenTable | None = None
    """The indicator table the previous grid ended in, with no 总分 row yet."""
    near_headers: list[str] = field(default_factory=list)
    """Rows that head 一级指标 and figures but no indicator name column: said when no table is found."""
    transposed: str = ""
    """Where a grid's first column names 三级指标 and two columns of figures down its rows: the table turned
    on its side (one indicator a column), said when no table is found."""
    second_name: str = ""
    """A 项目名称 other than the first, met after indicator rows: with indicator rows under it too, a
    second programme's form (`stacked_forms` cuts a sheet there), never mixed into the first."""
    second_at: int = 0
    """How many indicator tables were found before `second_name`."""
    second_row: int = -1
    """The row of the label giving `second_name`, in the grid it was met in."""
    other_row: int = -1
    """The row of the first 项目名称 other than the first, whatever came before it (a 绩效目标表 above a
    自评表 has no indicator rows this scan reads), in the grid it was met in."""
    other_name: str = ""
    other_ref: str = ""
    """That 项目名称 and its cell (「工作表「自评表」 L4」): a form set beside the first on its rows names
    it in a column of its own, not in the first text of the row."""

    @property
    def second_programme(self) -> str:
        """`second_name` when indicator rows follow it (a sub-project list after the form has none)."""
        return self.second_name if any(t.rows for t in self.indicators[self.second_at:]) else ""


@dataclass
class OpenTable:
    """An indicator table a Word table ended in before its 总分 row. A clerk who breaks the table at a
    page break leaves no text between the two parts and repeats the header atop the second: a table
    starting so, with the same caption above it (no paragraph between) and the name in the same
    column, goes on with this one (levels copied down across the break)."""

    table: IndicatorTable
    above: dict[str, str]
    name_column: int
    before: str
    columns: dict[str, int] | None = None
    """Its header's columns, and the width of its rows: a table going on without the header repeated
    (`_goes_on_bare`) is read by them."""
    width: int = 0


def scan(grids: list[Grid]) -> Found:
    found = Found()
    for original in grids:
        grid = level_points_folded(original)
        if grid is not original:  # a level's points, read into the level's name, are placed
            found.used |= {(grid.label, r, c) for r, row in enumerate(original.rows) for c, cell in enumerate(row)
                           if cell.own and not grid.rows[r][c].text}
        _scan_grid(grid, found)
        if grid.doubtful:
            _refuse_doubtful_figures(grid, found)
        if not found.indicators and not found.transposed:
            found.transposed = _transposed(grid)
            if found.transposed:
                _read_turned(grid, found)
        found.notes.extend(grid.notes)
        rows = found.template_rows.get(grid.label)
        if rows:
            found.notes.append(template_note(grid.label, rows))
    if found.finance:
        cells = "、".join(dict.fromkeys(ref for ref, _, _ in found.finance))
        found.notes.append(f"{cells}：{finance_note((text, value) for _, text, value in found.finance)}")
    if not any(t.rows for t in found.budgets):
        from perfsite.importing.money_pairs import read_pairs  # imports this module

        read_pairs(grids, found)
    return found


def _refuse_doubtful_figures(grid: Grid, found: Found) -> None:
    """Refuse the file where a block took a doubtful cell (`Grid.doubtful`) as a value it publishes: an
    indicator's 得分 or 实际值, an amount, a total, a fact. A cell no block took, or one it took as a row's
    序号 (`Found.numbering`), publishes nothing: it stays read as saved, named in the reader's note."""
    taken = [said for r, row in enumerate(grid.rows) for c, cell in enumerate(row)
             if cell.merged == OWN and (said := grid.doubtful.get(cell.ref))
             and (grid.label, r, c) in found.used and (grid.label, r, c) not in found.numbering]
    if taken:
        raise ImportFailure(stale_refusal(grid.label, taken))


def template_note(label: str, rows: list[tuple[int, str]]) -> str:
    """One line for all of a table's unfilled template rows: a form may leave twenty of them, and a
    clerk reads a batch of files, so each row is named by number and their contents once each."""
    numbers = "、".join(f"第{n}行" for n, _ in rows[:12]) + (f"等 {len(rows)} 行" if len(rows) > 12 else "")
    kinds = "、".join(dict.fromkeys(what for _, what in rows))
    return f"{label} {numbers}：{kinds}是表格模板中未填写的行，未作为指标导入"


def unplaced(grids: list[Grid], used: Used) -> list[str]:
    """Every non-empty cell that no block took, as 「表2 第3行第1列：…」."""
    out = []
    for grid in grids:
        for r, row in enumerate(grid.rows):
            for c, cell in enumerate(row):
                if cell.own and (grid.label, r, c) not in used:
                    out.append(f"{grid.label} {cell.ref}：{short(flat(cell.own))}")  # a line break would split the list
    return out


def short(text: str, limit: int = 60) -> str:
    """A text cut to `limit` characters for a message, marked with 「…」 where it was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def _use(found: Found, grid: Grid, r: int, upto: int | None = None) -> None:
    """Mark a row used, up to the block's last column (a note typed to its right stays unplaced)."""
    for col in range(grid.width if upto is None else upto + 1):
        found.used.add((grid.label, r, col))


# --------------------------------------------------------------------------- scanning

def _scan_grid(grid: Grid, found: Found) -> None:
    r, block_start = 0, 0
    carried, found.open = found.open, None
    first = next((n for n, row in enumerate(grid.rows) if any(cell.own for cell in row)), -1)
    while r < len(grid.rows):
        _part_label(grid, r, found)
        columns, height = header_at(grid, r)
        if columns:
            caption = _captions(grid, block_start, r, found)
            going_on = carried if (r == first and carried and grid.document and carried.name_column == columns["name"]
                                   and carried.before == grid.before) else None
            r = _read_indicators(grid, r, columns, height, found, caption or grid.before, going_on)
            block_start = r
            continue
        if r == first and carried is not None and carried.columns is not None and _goes_on_bare(grid, r, carried):
            found.notes.append(f"{grid.label}没有表头，紧接在{carried.table.label}之后、列数相同：按{carried.table.label}的续表"
                               "（分页时拆开的同一张表）读取，请核对")
            r = block_start = _read_indicators(grid, r, carried.columns, 0, found, grid.before, carried)
            continue
        pairs = _budget_pairs(grid, r, found)
        if pairs:
            r += pairs
            block_start = r
            continue
        if _budget_columns(grid.rows[r]):
            r = _read_budget_by_columns(grid, r, found)
            block_start = r
            continue
        money = _money_block(grid, r, found) or _sources_block(grid, r, found)
        if money:
            r += money
            block_start = r
            continue
        funds = _funds_in_cells(grid, r, found)
        if funds:
            r += funds
            block_start = r
            continue
        label_col = _row_label(grid.rows[r], BUDGET_ROWS)
        if label_col is not None:
            r = _read_budget_by_rows(grid, block_start, r, found)
            block_start = r
            continue
        step = (_facts(grid, r, found) or _goals(grid, r, found) or _management(grid, r, found)
                or _section_rows(grid, r, found) or _form_wide_text(grid, r, found))
        if not step:
            _title(grid, r, found)
            _near_header(grid, r, found)
        r += step or 1
        if step:
            block_start = r


def _goes_on_bare(grid: Grid, r: int, carried: OpenTable | None) -> bool:
    """Whether Word table `grid`, its first row `r` no header, goes on with the indicator table the
    previous one ended in: a clerk split the table at a page break without repeating the header (no
    text between, rows as wide, the row an indicator by the header's columns). Read as a table of
    its own, its indicators were left out and listed as 「未能归位」 (a form's weights summing to 40)."""
    if carried is None or carried.columns is None or not grid.document or carried.before != grid.before:
        return False
    if len(grid.rows[r]) != carried.width:
        return False
    values, _ = _indicator_row(grid, r, carried.columns, dict(carried.above), first=True)
    return values is not None and bool(values.get("name")) and not _template_row(values)


def _part_label(grid: Grid, r: int, found: Found) -> None:
    """「一、基本情况」 left of a row of facts or figures (河北 邯郸's form numbers its four parts so):
    the name of the part, which holds nothing to import."""
    c0, first = _first_own(grid.rows[r])
    if c0 >= 0 and PART_NUMBER.match(bare(first)) and len(bare(first)) <= 14 and any(
            cell.own for cell in grid.rows[r][c0 + 1:]):
        found.used.add((grid.label, r, c0))


_SENTENCE = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.．、]|[。；;]$")
"""A numbered line or a sentence (「1.“年度指标值”按批复的绩效目标填写。」): an instruction, never a title."""


def _title(grid: Grid, r: int, found: Found) -> None:
    """A row holding one short text (「（2021年度）」, 「项目支出绩效自评表」) may be a title."""
    texts = {cell.own for cell in grid.rows[r] if cell.own}
    if len(texts) == 1:
        text = flat(texts.pop())
        if len(text) <= 60 and TITLE.search(text) and not _SENTENCE.search(text):
            found.titles.append(text)
            _use(found, grid, r)


def _captions(grid: Grid, start: int, header: int, found: Found) -> str:
    """Rows above a header holding one text (「附件1.项目支出绩效自评表」) are the table's title."""
    caption = ""
    for r in range(start, header):
        texts = {cell.own for cell in grid.rows[r] if cell.own}
        if len(texts) == 1 and not any((grid.label, r, c) in found.used for c in range(grid.width)):
            caption = flat(texts.pop())
            found.titles.append(caption)
            _use(found, grid, r)
    return caption


def indicator_columns(row: list[Cell]) -> dict[str, int]:
    """Header row → {key: column} when it names 三级指标 and at least two columns of figures.

    A weight column is not required: some forms carry the points only on the level headings
    (「产出指标（40分）」), and the rest of such a table must still import.
    """
    columns = indicator_columns_loose(row)
    return columns if _is_header(columns) else {}


def _is_header(columns: dict[str, int]) -> bool:
    figures = sum(1 for k in ("weight", "target", "actual", "score", "completion") if k in columns)
    return "name" in columns and figures >= 2 and len(columns) >= 3


def indicator_columns_loose(row: list[Cell]) -> dict[str, int]:
    """Every recognised header cell of a row, whatever else it has."""
    columns: dict[str, int] = {}
    for c, cell in enumerate(row):
        _place(columns, column_key(cell.own), c)
    weak = next((c for c, cell in enumerate(row) if bare(cell.own) in WEAK_NAME), None)
    if weak is not None and "name" not in columns:
        after = next((column_key(cell.own) for cell in row[weak + 1:] if cell.own), None)
        if after in ("weight", "target", "actual", "score"):  # the figures begin right after it: it is the name
            columns["name"] = weak
    return _level2_under_level1(row, columns)


def _place(columns: dict[str, int], key: str | None, c: int) -> None:
    """A header's column under its key, the first of each; a second remark column as MORE_REMARK."""
    if key == "remark" and key in columns:
        key = MORE_REMARK
    if key is not None and key not in columns:
        columns[key] = c


MORE_REMARK = "remark_more"
"""A second remark column: 「偏差原因」 split from 「改进措施」, or a 「备注」 beside 「偏差原因分析及改进措施」.
Its text joins the first's in the one `remark` the contract has (`_join_remarks`), under its own header."""


def _level2_under_level1(row: list[Cell], columns: dict[str, int]) -> dict[str, int]:
    """「一级指标」 merged over two columns with no 「二级指标」 label (a 转移支付 自评表 prints its header
    so): the column it spans before the name holds the 二级 labels (数量指标, 质量指标 …)."""
    if "level1" not in columns or "level2" in columns or "name" not in columns:
        return columns
    spanned = columns["level1"] + 1
    if spanned < columns["name"] and row[spanned].merged == LEFT:
        return {**columns, "level2": spanned}
    return columns


def header_at(grid: Grid, r: int) -> tuple[dict[str, int], int]:
    """({key: column}, rows taken) of an indicator header starting at row `r`; ({}, 0) if none.

    Forms print headers over two rows: 「绩效指标」 over 「一级指标 | 二级指标 | 三级指标」,
    「年度指标值」 over 「指标性质 | 指标值 | 度量单位」, 「指标值」 over 「年度指标值 | 实际完成值」.
    The lower row names a column where it has its own text, else the upper row (merged down) does.
    The lower row counts only when every text in it is a header word, so a data row never does.
    """
    loose = indicator_columns_loose(grid.rows[r])
    single = _levels_by_position(grid.rows[r], loose if _is_header(loose) else points_in_names(grid, r, loose))
    if r + 1 < len(grid.rows):
        two = _two_row_header(grid, r)
        if _is_header(two) and (not single or len(two) > len(single)):
            return two, 2
    return (single, 1) if single else ({}, 0)


LEVEL_NAMES = ("评价指标",)
"""Words that span the level headers in some forms (SPANNING) and in evaluation forms name the 一级
column itself: alone in a one-row header, such a cell is a level column."""


def _levels_by_position(row: list[Cell], columns: dict[str, int]) -> dict[str, int]:
    """「评价指标 | 评价内容 | 指标名称 | …」: headed columns left of the name, with no header word of
    ours, are the 一级 and 二级 levels in order (evaluation forms name them in their own words)."""
    if not columns or "level1" in columns or "level2" in columns:
        return columns
    left = [c for c, cell in enumerate(row[:columns["name"]])
            if cell.own and column_key(cell.own) is None and bare(cell.own) not in NUMBERING
            and (bare(cell.own) not in SPANNING or bare(cell.own) in LEVEL_NAMES)]
    if len(left) == 2:
        return {**columns, "level1": left[0], "level2": left[1]}
    if len(left) == 1 and left[0] + 1 < columns["name"] and row[left[0] + 1].merged == LEFT:
        return {**columns, "level1": left[0], "level2": left[0] + 1}  # 「项目类别」 over both level columns
    return columns


def _two_row_header(grid: Grid, r: int) -> dict[str, int]:
    upper_row, lower_row = grid.rows[r], grid.rows[r + 1]
    if not any(cell.text for cell in upper_row):
        return {}  # a blank row above a header (a unit's spacing) is no upper header row: it would hide the header's merges
    if any(cell.merged == ABOVE and grid.cell(r + 1, c).merged != ABOVE for c, cell in enumerate(upper_row)):
        return {}  # the last row of a block above (the goal under 「年度总体目标」 merged down to it) heads no column
    lower_texts = [cell.own for c, cell in enumerate(lower_row) if cell.own and not _value_part(grid, r, c)]
    others = [(c, cell.own) for c, cell in enumerate(upper_row) if cell.own and not _header_word(cell.own)]
    if (not lower_texts or not _header_row(lower_texts)
            or not all(_side_label(grid, r, c) or (_spans(upper_row, lower_row, text) and len(bare(text)) <= 10)
                       for c, text in others)):
        return {}
    columns: dict[str, int] = {}
    for c in range(max(len(upper_row), len(lower_row))):
        upper, lower = grid.cell(r, c), grid.cell(r + 1, c)
        above = column_key(upper.text) if upper.text else None
        key = column_key(lower.own) if lower.own else above
        if lower.own and above == "actual":  # 「实际完成值」 over 「指标值 | 度量单位」 or 「指标值 | 单位」
            key = UNDER_ACTUAL.get(key or UNDER_TARGET.get(bare(lower.own), ""), key)
        if lower.own and above == "target" and key is None:  # 「预期指标值」 over 「符号 | | 单位(文字描述)」
            key = UNDER_TARGET.get(bare(lower.own))
        _place(columns, key, c)
    return columns


UNDER_ACTUAL = {"target": "actual", "measure": "actual_measure", "sign": "actual_sign"}


def _value_part(grid: Grid, r: int, c: int) -> bool:
    """A lower header cell naming a part of the figure above it (`UNDER_TARGET`): 「单位」 under 「年度指标值」
    or 「实际完成值」 spanning 「指标值 | 单位」. It is no header word alone (a unit's name); judged with the
    others, the row would be no header, each figure read bare (「≥90」 for 「≥90 | %」) and the row of
    sub-headings taken for an indicator row with no name."""
    return (bare(grid.cell(r + 1, c).own) in UNDER_TARGET
            and column_key(grid.cell(r, c).text or "") in ("target", "actual"))


def _header_row(texts: list[str]) -> bool:
    """The lower row of a two-row header: header words only, or at least three of them beside a
    label or two of its own (「指标解释」) with no figure in it. A data row has figures (10, 95%), and
    never three header words."""
    words = sum(map(_header_word, texts))
    others = [t for t in texts if not _header_word(t)]
    return words == len(texts) or (words >= 3 and len(others) <= 2 and not any(re.search(r"\d", t) for t in others))


def _side_label(grid: Grid, r: int, c: int) -> bool:
    """A label beside a two-row header heads no column, whatever its words: merged down over the
    block (「年度绩效目标1(40分)」 in column A), or the row's first text with nothing under it (the
    same label where a clerk copied the header atop a table continued after a page break)."""
    if grid.cell(r + 1, c).merged == ABOVE:
        return True
    text = grid.cell(r, c).own
    return (_first_own(grid.rows[r])[0] == c and not grid.cell(r + 1, c).text
            and len(bare(text)) <= 12 and not TITLE_LIKE.search(text))


TITLE_LIKE = re.compile(r"(?:19|20)\d{2}|表$|附件")


def _spans(row: list[Cell], lower: list[Cell], text: str) -> bool:
    """An upper header cell merged across some of the columns (「评价指标」 over 一级/二级/三级): a
    label whatever its words, if short and not a title (a title spans every column)."""
    if TITLE_LIKE.search(text):
        return False
    for c, cell in enumerate(row):
        if cell.own == text:
            end = c
            while end + 1 < len(row) and row[end + 1].merged == LEFT:
                end += 1
            outside = any(x.own for n, x in enumerate(lower) if n < c or n > end)
            return end > c and outside
    return False


NUMBERING = ("序号", "编号", "行次")


def _header_word(text: str) -> bool:
    return column_key(text) is not None or bare(text) in NUMBERING or bare(text) in SPANNING


def _first_own(row: list[Cell]) -> tuple[int, str]:
    for c, cell in enumerate(row):
        if cell.own:
            return c, cell.own
    return -1, ""


def _in_order(columns: dict[str, int]) -> list[str]:
    return [k for k, _ in sorted(columns.items(), key=lambda kv: kv[1])]


def _read_indicators(grid: Grid, header: int, columns: dict[str, int], height: int, found: Found,
                     caption: str, going_on: OpenTable | None = None) -> int:
    """The indicator rows under a header, into a new table, or into `going_on`: the table the previous
    Word table ended in when this one starts with the same header (repeated after a page break)."""
    table = going_on.table if going_on else IndicatorTable(grid.label, caption, _in_order(columns))
    if going_on is None:
        table.headers = {k: flat(next((grid.cell(h, c).own for h in reversed(range(header, header + height))
                                       if grid.cell(h, c).own), grid.cell(header, c).text)) for k, c in columns.items()}
    last = max(columns.values())
    for h in range(header, header + height):
        _use(found, grid, h, last)
    numbering = [c for h in range(header, header + height)
                 for c, cell in enumerate(grid.rows[h]) if bare(cell.own) in NUMBERING]
    table.stated += [flat(cell.own) for h in range(header, header + height) for cell in grid.rows[h]
                     if cell.own and column_key(cell.own) is None and STATED_POINTS.search(cell.own)]
    if going_on is None:
        found.notes.extend(_unknown_columns(grid, header, height, columns))
    above: dict[str, str] = going_on.above if going_on else {}
    r = body = header + height
    last_row = -1
    readings = RowReadings()
    since = len(table.rows)  # the first indicator after the last 小计 row
    at_rows: list[tuple[int, int]] = []  # (index in table.rows, grid row) of the indicators read here
    adjusted: list[str] = []  # the rows whose target is their 调整后指标值 (`in_force`)
    totals: list[tuple[int, str, str, bool]] = []  # (grid row, level key, level, points folded) of `level_total` rows
    while r < len(grid.rows):
        row = grid.rows[r]
        c0, first = _first_own(row)
        if c0 < 0:  # an empty row ends a block (Excel: notes or another block follow) …
            if (table.rows and not any(cell.merged == ABOVE for cell in row)  # … unless a merge runs through it
                    and not _more_indicators(grid, r, columns)):
                break
            r += 1
            continue
        if is_total(first):
            table.total = _total_row(grid, r, columns, found.notes)
            _use(found, grid, r, last)
            r += 1
            break
        other, again = header_at(grid, r)
        if again and other.get("name") != columns["name"]:
            # another table's header, its names in another column (广水's rubric, then its indicator table,
            # l14): a table of its own. A header repeated on a new page keeps its name column, though a
            # merged label printed into it may hide a level's word (「二级指标经济效益指标」).
            break
        if again:  # the header repeated on a new page, or over the next block of a 20/40/40 form
            table.stated += [flat(cell.own) for cell in row if cell.own and column_key(cell.own) is None
                             and STATED_POINTS.search(cell.own)]
            for h in range(r, r + again):
                _use(found, grid, h, last)
            r += again
            body = r
            continue
        if height > 1 and _header_row_again(grid, header, r, columns):
            _use(found, grid, r, last)  # a two-row header's first row repeated alone on a new page
            r += 1
            continue
        if bare(first) in GOALS:
            r += _goals(grid, r, found) or 1
            continue
        if _form_wide_label(grid, r) is not None:
            break
        if _row_label(row, BUDGET_ROWS) is not None or _fact_label(row) is not None or is_sign_off(first):
            break
        if _continues_name(grid, r, columns, table, last_row):
            text = label(grid.cell(r, columns["name"]).own)
            table.rows[-1]["name"] += text
            found.notes.append(f"{grid.label} {grid.cell(r, columns['name']).ref}「{text}」一行只有指标名称、没有任何数值：作为上一行"
                               f"指标名称的续行，写作「{table.rows[-1]['name']}」，请核对")
            found.used.add((grid.label, r, columns["name"]))
            r += 1
            continue
        lone = lone_name_note(grid, r, columns, table.rows[-1] if table.rows and last_row == r - 1 else None)
        levels = dict(above)
        values, levels_only = _indicator_row(grid, r, columns, above, first=r == body)
        in_name = values is not None and "weight" not in columns and weight_from_name(values)
        if values is None:
            if not levels_only:
                r += 1
                continue
        elif (total := level_total(grid, r, columns)) is not None:
            key, text = total
            weight = flat(grid.cell(r, columns["weight"]).own).strip() if "weight" in columns else ""
            folded = bool(weight) and split_subtotal(text)[1] is None
            if folded:  # the group's points, as a level cell printing them (「产出指标（50分）」) is read and checked
                above[key] = f"{text}（{weight}分）"
            totals.append((r, key, above[key], folded))
        elif ((_template_row(values) or bare(values.get("name", "")).endswith(SUBTOTAL))
              and not _named_by_merge(grid, r, columns, values, found, body)):
            said, subtotal = _unnamed(grid, r, columns, header, table.rows[since:], table.rows)
            if subtotal:  # 「质量指标小计」 typed in the 一级 column is no 一级 of the rows under it
                above.clear()
                above.update(levels)
            if said is None:
                name = values.get("name", "").strip()
                what = f"「{name}」" if name not in PLACEHOLDERS else f"整行只有「{name or '/'}」或空白"
                found.template_rows.setdefault(grid.label, []).append((r + 1, what))
            elif said:
                found.notes.append(said)
            since = len(table.rows) if subtotal else since
        else:
            if lone:  # said of a row imported only: a template's 「指标2」 left out is listed with the template rows
                found.notes.append(lone)
            _join_remarks(values, table.headers)
            refs = {k: f"{grid.label} {grid.cell(r, c).ref}" for k, c in columns.items()}
            if taken := INITIAL in values:
                initial = values.pop(INITIAL)
                adjusted.append(f"{grid.cell(r, columns[ADJUSTED]).ref}「{values['target']}」" + (f"（年初「{initial}」）" if initial else ""))
            found.notes.extend(readings.row(values, refs, columns, label(grid.cell(r, columns["name"]).own)))
            table.rows.append(values)
            at_rows.append((len(table.rows) - 1, r))
            last_row = r
            table.refs.append(f"{grid.label} {row[c0].ref}")
            table.cells.append({k: f"{grid.label} {grid.cell(r, c).ref}" for k, c in columns.items()
                                if k in values and grid.cell(r, c).ref})
            if taken:
                table.cells[-1]["target"] = refs[ADJUSTED]  # a note on the target names the cell it was read from
            if in_name:  # the weight is printed in the name's cell: the table has weights
                table.cells[-1]["weight"] = f"{grid.label} {grid.cell(r, columns['name']).ref}"
                table.keys += [] if "weight" in table.keys else ["weight"]
        for c in [*columns.values(), *numbering]:
            found.used.add((grid.label, r, c))
        found.numbering.update((grid.label, r, c) for c in numbering)
        r += 1
    found.notes.extend(readings.notes())
    for at, key, level, folded in totals:  # checked once its group is read: the rows under it
        if said := sums_note(grid, at, columns, [row for row in table.rows if row.get(key) == level], level, "其下",
                             ("score",) if folded else ("weight", "score"), "这一行是这一级的合计，不作为指标导入"):
            found.notes.append(said)
    found.notes.extend(in_force_note(grid.label, table.headers, adjusted, len(at_rows),
                                     "按调整后的指标值读入并计分（目标调整后，年度按它执行和考核）",
                                     "如果这一年并未按调整后的指标值考核，请把导入文件中这些指标的目标值改为年初的"))
    found.notes.extend(group_figures(grid, columns, table.rows, at_rows))
    found.notes.extend(shared_values(grid, columns, table.rows, at_rows))
    if going_on is None:
        found.indicators.append(table)
    table.end = r
    if not table.total and not any(cell.own for row in grid.rows[r:] for cell in row):
        found.open = OpenTable(table, above, columns["name"], grid.before, columns, len(grid.rows[header]))
    return r


def in_force_note(where: str, headers: dict[str, str], adjusted: list[str], rows: int, taken: str, otherwise: str,
                  shown: int | None = None) -> list[str]:
    """Which target was taken where a form prints both a 年初 and an 调整后 指标值 (`in_force`): the adjusted
    cells read, each with the 年初 target it replaced, and how many rows kept the 年初 one. `taken` says why
    the adjusted one is the target (a 自评表 is scored against it, a 目标表 so adjusted is the year's),
    `otherwise` what to do if it should not be; `headers` are the columns' printed words by key. Every cell
    is listed, as the 年初 target is said nowhere else, unless the caller keeps each in a comment on its
    target and asks for only the first `shown`."""
    if not adjusted:
        return []
    kept = rows - len(adjusted)
    initial = f"按「{headers['target']}」读入" if "target" in headers else "没有目标值"
    rest = f"；其余 {kept} 项没有填写调整后的指标值，{initial}" if kept > 0 else ""
    cut = shown is not None and len(adjusted) > shown
    listed = "、".join(adjusted[:shown]) + (f"等 {len(adjusted)} 项（每项的年初指标值写在导入文件中该指标的注释里）" if cut else "")
    return [f"{where}「{headers.get(ADJUSTED, '调整后指标值')}」一列：{taken}：{listed}{rest}。{otherwise}"]


def _header_row_again(grid: Grid, header: int, r: int, columns: dict[str, int]) -> bool:
    """Row `r` repeats the header's first row in every column read: a report engine repeats one row
    of a two-row header atop each page, the one naming 三级指标, which alone (「指标值」 spanning two
    columns, the 年度指标值 | 实际完成值 under it left behind) is no header `header_at` knows."""
    read = sorted(columns.values())
    return bool(grid.cell(r, columns["name"]).own) and [bare(grid.cell(r, c).own) for c in read] == [
        bare(grid.cell(header, c).own) for c in read]


_OPEN_END = re.compile(r"[、，,及和与的（(]$")


def _continues_name(grid: Grid, r: int, columns: dict[str, int], table: IndicatorTable, last_row: int) -> bool:
    """A row holding only a text in the name column, right under an indicator, that goes on with its
    name: it opens with a bracket (「(含寄宿生)」) or the name above stops mid-phrase (「…及」). A clerk
    who wraps a long name by typing on in the next row leaves such a row; imported as an indicator
    of its own it had no figures at all. Any other lone name stays an indicator (check names it)."""
    if last_row != r - 1 or not table.rows or "name" not in table.rows[-1]:
        return False
    name_col = columns["name"]
    texts = [(c, cell.own) for c, cell in enumerate(grid.rows[r]) if cell.own]
    if len(texts) != 1 or texts[0][0] != name_col:
        return False
    text = label(texts[0][1])
    return text[:1] in "（(" or bool(_OPEN_END.search(table.rows[-1]["name"]))


def _join_remarks(values: dict[str, str], headers: dict[str, str]) -> None:
    """The second remark column's text after the first's, under its header (「资金下达较晚；改进措施：提前申请」)."""
    more = values.pop(MORE_REMARK, "").strip()
    if not more or more in PLACEHOLDERS:
        return
    head = bare(headers.get(MORE_REMARK, "")) or "改进措施"
    first = values.get("remark", "").strip()
    values["remark"] = f"{first}；{head}：{more}" if first and first not in PLACEHOLDERS else f"{head}：{more}"


def _transposed(grid: Grid) -> str:
    """The cells of the first column naming 三级指标 and at least two figures (分值, 指标值 …) down its
    rows, as 「A3「三级指标」、A4「年度指标值」…」; "" when it names fewer (a facts column names none)."""
    column = [(r, row[c0]) for r, row in enumerate(grid.rows) for c0 in [_first_own(row)[0]] if c0 == 0]
    keys = {column_key(cell.own): cell for _, cell in column if cell.own}
    if not _is_header({k: 0 for k in keys if k is not None}):
        return ""
    return "、".join(f"{cell.ref}「{flat(cell.own)}」" for k, cell in keys.items() if k is not None)


_TURNED = {LEFT: ABOVE, ABOVE: LEFT, OWN: OWN}


def _read_turned(grid: Grid, found: Found) -> None:
    """The indicator table of a grid that holds it on its side (`_transposed`: 三级指标, 分值 … down the first
    column, one indicator a column), read turned back: the rows naming a column key around the 三级指标 row
    become the header and its columns the indicator rows, every cell keeping its reference. A unit pastes
    the table so to fit a landscape page; refused, its every indicator was lost, the clerk told to turn it
    back in Excel. Read, the table is named for the clerk to check; cells are marked used where they stand."""
    keyed = [r for r, row in enumerate(grid.rows) if row and row[0].own and column_key(row[0].own)]
    name = next((r for r in keyed if column_key(grid.rows[r][0].own) == "name"), None)
    if name is None:
        return
    block = [name]
    while block[0] - 1 in keyed:
        block.insert(0, block[0] - 1)
    while block[-1] + 1 in keyed:
        block.append(block[-1] + 1)
    width = max(len(grid.rows[r]) for r in block)
    turned = Grid(grid.label, [[replace(cell, merged=_TURNED[cell.merged]) for cell in (grid.cell(r, c) for r in block)]
                               for c in range(width)], document=grid.document)
    read = Found()
    _scan_grid(turned, read)
    rows = [row for table in read.indicators for row in table.rows]
    if not rows or not all(_TOTAL_FIGURE.fullmatch(without_mark(row.get("weight") or row.get("score") or "")) for row in rows):
        return  # a rubric listing 三级指标, 分值 … down its first column with their explanations is no table on its side
    found.indicators += read.indicators
    found.used |= {(grid.label, block[c], r) for _, r, c in read.used if c < len(block)}
    found.notes += read.notes
    found.notes.append(f"{grid.label} {found.transposed}：绩效指标表是转置的（表头写在第一列的各行，指标一列一项），"
                       "已按一列一项指标导入：请核对各项指标的名称、指标值、分值和得分")
    found.transposed = ""


def _near_header(grid: Grid, r: int, found: Found) -> None:
    """A row heading two figure columns (分值, 得分, 指标值 …) but no indicator name (its name column
    headed in words we do not know, 「考核要点」), and no budget column (the funds table heads 分值 and
    得分 too): not read as a header, but named if no indicator table is found at all."""
    columns = indicator_columns_loose(grid.rows[r])
    figures = [k for k in ("weight", "target", "actual", "score") if k in columns]
    if "name" in columns or len(figures) < 2 or _budget_columns(grid.rows[r]):
        return
    known = set(columns.values())
    unknown = "、".join(f"{cell.ref}「{flat(cell.own)}」" for c, cell in enumerate(grid.rows[r])
                        if cell.own and c not in known and bare(cell.own) not in (*NUMBERING, *SPANNING))
    found.near_headers.append(f"{grid.label}第 {row_number(grid, r)} 行像是指标表的表头，但没有指标名称列（「三级指标」或「指标名称」）"
                              + (f"，认不出的列名：{unknown}" if unknown else ""))


TARGET_ONLY_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("explanation", ("指标解释", "指标说明", "指标定义", "指标含义", "指标值内容")),
    ("basis", ("设定依据", "指标值设定依据", "目标值设定依据", "指标设定依据", "取值依据", "绩效标准")),
    ("data_source", ("数据来源", "数据获取方式", "指标数据来源")),
    ("core", ("是否核心指标", "核心指标")),
)
"""Columns a 绩效目标表's indicators have keys for (docs/data-format.md: explanation, basis, data_source,
core) and a 自评表's do not: a 自评表 printing them (copied from its 目标表) has them said as not imported,
plainly; called unknown, the clerk was told to rename 「是否核心指标」 to 「分值」 or 「得分」."""
_TARGET_ONLY = {word for _, words in TARGET_ONLY_COLUMNS for word in words}


def _unknown_columns(grid: Grid, header: int, height: int, columns: dict[str, int]) -> list[str]:
    """One note per header label that names no column we know (「核查情况」, 「指标说明」): its column
    is not imported, and a clerk must hear so, since it may be a 分值 or 得分 in words no form had yet.
    Labels that head no column of their own are not named: a span over labels below or beside it,
    a side label merged down over the rows (「年度绩效指标完成情况」 in column A), a block label stating
    points (「年度绩效目标1(40分)」), 序号."""
    notes = []
    known = set(columns.values())
    body = header + height
    for h in range(header, body):
        for c, cell in enumerate(grid.rows[h]):
            text = cell.own
            spans = (grid.cell(h, c + 1).merged == LEFT or (h + 1 < body and grid.cell(h + 1, c).own)
                     or (body < len(grid.rows) and grid.cell(body, c).merged == ABOVE))
            if (not text or c in known or spans or column_key(text) is not None
                    or bare(text) in (*NUMBERING, *SPANNING) or STATED_POINTS.search(text)):
                continue
            if bare(text) in _TARGET_ONLY:
                notes.append(f"{grid.label} {cell.ref}「{flat(text)}」：本列未导入（自评表的指标没有这一项，只有绩效目标表有），"
                             "内容列在「未能归位的内容」中，不必改列名")
                continue
            notes.append(f"{grid.label} {cell.ref}「{flat(text)}」不是认得的列名，这一列没有导入（它的内容列在「未能归位的内容」中）："
                         "如果它是分值、得分、指标值、实际完成值等，请把列名改为「分值」「得分」「年度指标值」「实际完成值」后重新导入")
    return notes


def _more_indicators(grid: Grid, blank: int, columns: dict[str, int]) -> bool:
    """After empty rows, the table goes on if the next row with text is its 总分 row, its header again,
    or an indicator row: a name and a figure in the table's own columns, and no label of another block (a unit that
    deleted an indicator's text leaves its row). A note under the table (「说明 | 无」) has no name."""
    n = blank
    while n < len(grid.rows) and not any(cell.own for cell in grid.rows[n]):
        n += 1
    if n >= len(grid.rows):
        return False
    row = grid.rows[n]
    if is_total(_first_own(row)[1]) or header_at(grid, n)[0].get("name") == columns["name"]:
        return True  # the 总分 row, or the header again over the next block (a 20/40/40 form)
    figures = [k for k in ("weight", "target", "actual", "score") if k in columns]
    return (bool(grid.cell(n, columns["name"]).own) and any(grid.cell(n, columns[k]).own for k in figures)
            and _row_label(row, BUDGET_ROWS) is None and _fact_label(row) is None and not header_at(grid, n)[1])


def _total_row(grid: Grid, r: int, columns: dict[str, int], notes: list[str]) -> dict[str, str]:
    """Weight and score of the 合计/总分 row; a score typed elsewhere in the row (「自评得分 | 95」) counts.
    A footnote mark after a figure (「98.1*」) is said in `notes` (`unmarked`), as in an indicator's row."""
    total = {k: flat(grid.cell(r, c).own) for k, c in columns.items() if k in ("weight", "score")}
    refs = {k: f"{grid.label} {grid.cell(r, c).ref}" for k, c in columns.items()}
    if not total.get("score"):
        shown = {flat(cell.own): f"{grid.label} {cell.ref}" for cell in grid.rows[r][1:] if cell.own}
        figures = [text for text in shown if _TOTAL_FIGURE.fullmatch(without_mark(text))]
        if figures and figures[-1] != total.get("weight"):
            total["score"], refs["score"] = figures[-1], shown[figures[-1]]
    notes.extend(unmarked(total, refs, total=True))
    grade = next((g for cell in grid.rows[r][1:] if cell.own and (g := bare(cell.own)) in GRADES), "")
    if grade:
        total["grade"] = grade
    return {k: v for k, v in total.items() if v}


_TOTAL_FIGURE = re.compile(r"\d{1,3}(?:\.\d+)?\s*分?")
_SIGNS = re.compile(rf"(?:{LEADING_SIGN}{SIGN_CLASS}?|大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于|大于|小于|等于|高于|低于)")


def _template_row(values: dict[str, str]) -> bool:
    """A row the form's template left (「指标1：」, 「……」, only 「/」 or blanks): never an indicator,
    unless it holds figures (`_named_by_merge`, `_unnamed`)."""
    return bool(TEMPLATE_NAME.fullmatch(values.get("name", "")))


def _named_by_merge(grid: Grid, r: int, columns: dict[str, int], values: dict[str, str], found: Found,
                    body: int) -> bool:
    """Whether a row with figures whose name cell continues the merge from an indicator above (the
    body starts at row `body`) is read under that name (`merged_name`), said."""
    name, said = merged_name(grid, r, columns, own_figures(grid, r, columns), body)
    if name:
        values["name"] = name
        found.notes.append(said)
    return bool(name)


def _unnamed(grid: Grid, r: int, columns: dict[str, int], header: int,
             items: list[dict[str, str]], every: list[dict[str, str]]) -> tuple[str | None, bool]:
    """(note, whether a 小计) on a row with no name of its own, or 「小计」 for one: a 小计 checked against
    `items` (the indicators since the last 小计) or its named group of `every`, a second header row
    relabelling columns, a row with figures named; (None, False) for a template's blank row ("" where
    all is well, nothing to say). A 「小计」 in the 三级指标 column is one too: read as an indicator of that
    name, its group's points would count twice (权重之和 190)."""
    if (said := subtotal_note(grid, r, columns, items, every)) is not None:
        return said, True
    if (said := header_again_note(grid, r, columns, header)) is not None:
        return said, False
    figures = own_figures(grid, r, columns)
    return (unnamed_note(grid, r, figures) if figures else None), False


def _indicator_row(grid: Grid, r: int, columns: dict[str, int], above: dict[str, str],
                   first: bool = False) -> tuple[dict[str, str] | None, bool]:
    """(values, False) for an indicator; (None, True) for a row that only names levels.

    `first`: the row right under the header, where an empty merged level cell is the block of a
    table broken at a page break going on (its levels are copied across), not a new block.

    A name is copied down only where its cell continues a merge (or at such a break): a blank name
    cell of its own under a named row is no 「同上」 but a name left out, and copied it would publish
    a second indicator under the first one's name without a word (`_unnamed` names the row)."""
    values: dict[str, str] = {}
    for key in COPY_DOWN:
        if key not in columns:
            continue
        cell = grid.cell(r, columns[key])
        if key != "name" and not first and _unlabelled_block(grid, r, columns[key]):
            for lower in COPY_DOWN[COPY_DOWN.index(key):]:
                above.pop(lower, None)
        if cell.own:
            again = key != "name" and above.get(key) == level_label(cell.own)
            above[key] = label(cell.own) if key == "name" else level_label(cell.own)
            if key == "name":
                above[key] = indicator_name(above[key])
            for lower in COPY_DOWN[COPY_DOWN.index(key) + 1:]:
                if not again or lower == "name":  # a level typed again on each row keeps the levels under it
                    above.pop(lower, None)
    own_values = False
    for key, c in columns.items():
        if key in COPY_DOWN:
            continue
        text = flat(grid.cell(r, c).own)  # numbers and texts are never copied down
        if text:
            values[key] = text
            own_values = True
    name_cell = grid.cell(r, columns["name"])
    if name_cell.own:
        own_values = True
    if not own_values:
        return None, any(grid.cell(r, columns[k]).own for k in COPY_DOWN[:2] if k in columns)
    blank = not first and name_cell.merged == OWN and not name_cell.text.strip()
    for key in COPY_DOWN:
        if key in above and not (key == "name" and blank):
            values[key] = above[key]
    in_force(values)
    join_target(values)
    return values, False


ADJUSTED, INITIAL = "adjusted", "initial_target"
"""An 调整后指标值 column's key, and the key the row's 年初 target is kept under once the adjusted one is taken."""


def in_force(values: dict[str, str]) -> None:
    """The target in force of a 自评 row printing a 年初指标值 and an 调整后指标值: the adjusted one where the
    row fills it, as the year was run and scored against it (the 调整后预算 is the budget, not the 年初预算),
    the 年初 one kept under INITIAL for the note saying so; the 年初 one where the adjusted cell is blank or
    「/」 (no adjustment). Read as an unknown column, the adjusted target was dropped and the clerk told to
    rename it 「年度指标值」, the column already read."""
    adjusted = values.pop(ADJUSTED, "").strip()
    if adjusted and adjusted not in PLACEHOLDERS:
        values[INITIAL] = values.get("target", "").strip()
        values["target"] = adjusted


def _unlabelled_block(grid: Grid, r: int, c: int) -> bool:
    """A level cell merged down over the rows below it with no text: a new block whose label the form
    does not show (cut off, or left blank). The level above it is not copied into that block."""
    cell = grid.cell(r, c)
    return (cell.merged not in (ABOVE, LEFT) and not cell.text.strip() and r + 1 < len(grid.rows)
            and grid.cell(r + 1, c).merged == ABOVE)


_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")
_MULTIPLE = re.compile(r"[万亿千百]")
_GLOSS = re.compile(r"\s*[（(][^()（）]*[)）]$")
"""The unit's name in words after the unit (「%(百分比)」 in 河北's 单位(文字描述) column): the unit is 「%」."""


def join_target(values: dict[str, str]) -> None:
    """With no 度量单位 column of the actual's own, a 度量单位 that is a multiple (万人, 万元, 亿元, 千米)
    is the actual's too: 「≥3 | 万人」 with 实际完成值 「3.2」 is 3.2 万人, where the bare 3.2 was scored as
    3.2 人 (0 of 20). Other units stay off a bare actual, which is kept as printed: 「735」 under 「≥700 |
    人次」 is 735 人次 read either way, and a 「%」 column read as stored gives 95.1% as 0.951."""
    if _MULTIPLE.match(values.get("measure", "").strip()):
        values.setdefault("actual_measure", values["measure"].strip())
    _join(values, "target", "sign", "measure")
    _join(values, "actual", "actual_sign", "actual_measure")


def _join(values: dict[str, str], key: str, sign_key: str, measure_key: str) -> None:
    """「≥ | 95 | %」 under 年度指标值 → target ``≥95%``; 定性/定量 in 指标性质 is not a sign.

    Any symbol in 指标性质 is kept as printed (「═」 some fonts print for 「=」): it is the unit's.
    """
    sign, measure = values.pop(sign_key, "").strip(), values.pop(measure_key, "").strip()
    measure = _GLOSS.sub("", measure) or measure
    target = values.get(key, "").strip()
    if not target or target in PLACEHOLDERS:
        return
    if sign and (_SIGNS.fullmatch(sign) or not _WORD.search(sign)) and not _SIGNS.match(target):
        target = sign + target
    if measure and measure not in PLACEHOLDERS and not target.endswith(measure) and re.search(r"\d$", target):
        target += measure
    values[key] = target


# --------------------------------------------------------------------------- budget

def _row_label(row: list[Cell], table: tuple[tuple[str, tuple[str, ...]], ...]) -> int | None:
    """Column of the row's label when its first text (in the first 3 columns) names a budget row."""
    for c, cell in enumerate(row[:3]):
        if cell.own:
            return c if match(cell.own, table) and len(bare(cell.own)) <= 12 else None
    return None


def _read_budget_by_rows(grid: Grid, start: int, first: int, found: Found) -> int:
    """The seed layout: rows 年初预算/全年预算/实际到位/全年执行 × columns of sources."""
    table = BudgetTable(grid.label)
    headers = range(start, first)
    columns: dict[int, str] = {}
    for c in range(grid.width):
        for r in reversed(headers):
            cell = grid.cell(r, c)
            if cell.merged == ABOVE:
                continue
            key = source_key(cell.text)
            if key:
                columns[c] = key
            if "行次" in cell.text:
                columns[c] = "number"
            break
    last = max(columns, default=grid.width - 1)
    for r in headers:
        _use(found, grid, r, last)
        table.unit = table.unit or money_unit(" ".join(cell.text for cell in grid.rows[r]))
    r = first
    while r < len(grid.rows):
        label_col = _row_label(grid.rows[r], BUDGET_ROWS + DERIVED_ROWS)
        if label_col is None:
            break
        label = grid.cell(r, label_col).own
        derived = match(label, DERIVED_ROWS)
        key = derived or match(label, BUDGET_ROWS)
        assert key is not None
        values = {src: flat(grid.cell(r, c).own) for c, src in columns.items() if grid.cell(r, c).own}
        number = values.pop("number", "")
        if derived:
            table.derived[key] = values
            table.formulas[key] = number or label
        else:
            table.rows[key] = {}
            for c, src in columns.items():
                if src in values:
                    table.put(key, src, values[src], grid.cell(r, c).ref)
            if number:
                table.numbers[number.replace("（", "(").replace("）", ")")] = key
        _use(found, grid, r, last)
        r += 1
    found.budgets.append(table)
    return r


def _budget_columns(row: list[Cell]) -> dict[int, str]:
    """The central layout's header: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""
    columns: dict[int, str] = {}
    for c, cell in enumerate(row):
        key = match(cell.own, BUDGET_ROWS) if len(bare(cell.own)) <= 8 else None
        if key:
            columns[c] = key
        elif bare(cell.own) in ("分值", "权重"):
            columns[c] = "weight"
        elif bare(cell.own) in ("执行率", "预算执行率", "资金执行率"):
            columns[c] = "rate"
        elif SCORING_METHOD.search(bare(cell.own)):
            columns[c] = "rule_text"
        elif bare(cell.own).startswith("得分"):
            columns[c] = "score"
    return columns if sum(1 for k in columns.values() if k in dict(BUDGET_ROWS)) >= 2 else {}


def _read_budget_by_columns(grid: Grid, header: int, found: Found) -> int:
    columns = _budget_columns(grid.rows[header])
    table = BudgetTable(grid.label)
    heading = " ".join(cell.own for cell in grid.rows[header])
    table.unit = money_unit(heading)
    formula = POINTS_FORMULA.search(heading)
    if formula and "weight" not in columns.values():  # 「得分(20分*执行率)」: the line is worth 20
        table.execution["weight"] = formula[1]
        table.weight_from = formula[0]
    last = max(columns)
    _use(found, grid, header, last)
    # the source labels' column (年度资金总额, 其中：财政拨款 …) may itself be headed 「年度预算数（万元）」
    below = grid.rows[header + 1] if header + 1 < len(grid.rows) else []
    label_col = next((c for c, cell in enumerate(below) if cell.own and source_key(cell.own)), None)
    if label_col is not None and any(c > label_col for c in columns):
        columns = {c: k for c, k in columns.items() if c > label_col}
    else:
        label_col = None
    first_value = min(columns) if label_col is None else label_col + 1
    r = header + 1
    while r < len(grid.rows):
        row = grid.rows[r]
        label = next((cell.own for cell in row[:first_value] if cell.own), "")
        alone = not source_key(label) and r == header + 1 and _unlabelled_total(grid, header, columns)
        source = "total" if alone else source_key(label)
        if not source:
            break
        for c, key in columns.items():
            text = flat(grid.cell(r, c).own)
            if not text:
                continue
            if key in ("weight", "rate", "score", "rule_text"):
                if source == "total" and unprinted(text):
                    table.unprinted[key] = f"{grid.label} {grid.cell(r, c).ref}"
                elif source == "total":
                    marked = {key: text}
                    found.notes.extend(unmarked(marked, {key: f"{grid.label} {grid.cell(r, c).ref}"}))
                    table.execution[key] = marked[key]
                elif key == "rate":  # 「其中：当年财政拨款」's own 执行率: said with the row where it is not written
                    table.derived.setdefault("execution_rate", {})[source] = text
            else:
                table.put(key, source, text, grid.cell(r, c).ref)
        _use(found, grid, r, last)
        r += 1
        if alone:  # the block's one row: the row under it starts another block, whatever its label says
            break
    found.budgets.append(table)
    return r


def _unlabelled_total(grid: Grid, header: int, columns: dict[int, str]) -> bool:
    """The one row of figures right under the budget header, with no 年度资金总额 label, under a block
    label merged down beside both (苏州's 「市级预算执行情况(万元)」 over 年初预算数 | 全年预算数): the year's
    totals. Only figures (or 「###」) under the amount heads: a row of text is no such row. Left unread,
    the block's every figure went to the unplaced list."""
    c0, _ = _first_own(grid.rows[header])
    r = header + 1
    if c0 < 0 or c0 >= min(columns) or r >= len(grid.rows) or grid.cell(r, c0).merged != ABOVE:
        return False
    if any(cell.own for cell in grid.rows[r][:min(columns)]):
        return False
    amounts = [flat(grid.cell(r, c).own) for c, key in columns.items() if key in dict(BUDGET_ROWS)]
    printed = [text for text in amounts if text]
    return bool(printed) and all(_FIGURE.fullmatch(text) or unprinted(text) for text in printed) and any(
        _FIGURE.fullmatch(text) for text in printed)


_MONEY_BLOCK = re.compile(r"预算执行情况|资金使用情况|资金执行情况")


def _money_block(grid: Grid, r: int, found: Found) -> int:
    """A block named at its left (「市级预算执行情况（万元）」, merged down over two rows) heading budget
    columns (年初预算数, 实际支付数 …) over one row of figures, with no 年度资金总额 label: each headed
    figure is that budget row's total. 苏州's form prints two such blocks, one after the other; the
    second gives the rows the first lacks, into the same budget table."""
    row = grid.rows[r]
    c0, first = _first_own(row)
    if (c0 < 0 or r + 1 >= len(grid.rows) or grid.cell(r + 1, c0).merged != ABOVE
            or not (money_unit(first) or _MONEY_BLOCK.search(bare(first)))):
        return 0
    heads = {c: key for c, cell in enumerate(row) if c > c0 and cell.own and len(bare(cell.own)) <= 8
             and (key := match(cell.own, BUDGET_ROWS))}
    figures = {c: flat(grid.cell(r + 1, c).own) for c in heads if grid.cell(r + 1, c).own}
    if (not figures or not all(_FIGURE.fullmatch(text) or unprinted(text) for text in figures.values())
            or any(source_key(cell.own) for cell in grid.rows[r + 1] if cell.own)):
        return 0  # a 年度资金总额 row under the header: the central layout, read by `_read_budget_by_columns`
    last = found.budgets[-1] if found.budgets and found.budgets[-1].label == grid.label else None
    keys = {heads[c] for c in figures}
    table = last if last is not None and last.rows and not keys & set(last.rows) else BudgetTable(grid.label)
    if table is not last:
        found.budgets.append(table)
    table.unit = table.unit or money_unit(first)
    for c, text in figures.items():
        table.put(heads[c], "total", text, grid.cell(r + 1, c).ref)
    found.used.update({(grid.label, n, c) for n in (r, r + 1) for c in (c0, *heads)})
    return 2


_SOURCES_LABEL = re.compile(r"^(?:项目)?资金(?:来源|构成)$")


def _sources_block(grid: Grid, r: int, found: Found) -> int:
    """A money block named at its left 「项目资金来源」 (merged down over two rows) heading one column per
    source (中央 | 省、地 | 本级 | 其他), their 合计, what was spent (执行数) and the 执行率 over one row of
    figures (湖北 广水's form, tests/forms_layouts/l14): the sources and 合计 are the budget by source,
    执行数 what was spent, the 执行率 as printed (checked against them). A source column the reader
    does not know (「省、地」, 「本级」) stays unplaced, listed, never added in."""
    row = grid.rows[r]
    c0, first = _first_own(row)
    if (c0 < 0 or r + 1 >= len(grid.rows) or grid.cell(r + 1, c0).merged != ABOVE
            or not _SOURCES_LABEL.match(bare(first))):
        return 0
    heads: dict[int, tuple[str, str]] = {}
    for c, cell in enumerate(row):
        if c <= c0 or not cell.own:
            continue
        if match(cell.own, BUDGET_ROWS) == "spent":
            heads[c] = ("spent", "total")
        elif (source := source_key(cell.own)) is not None:
            heads[c] = ("budget", source)
        elif match(cell.own, DERIVED_ROWS) == "execution_rate":
            heads[c] = ("execution_rate", "total")
    if ("budget", "total") not in heads.values() or ("spent", "total") not in heads.values():
        return 0
    figures = {c: flat(grid.cell(r + 1, c).own) for c in heads if grid.cell(r + 1, c).own}
    if not figures or not all(_FIGURE.fullmatch(text) or unprinted(text) or heads[c][0] == "execution_rate"
                              for c, text in figures.items()):
        return 0
    table = BudgetTable(grid.label)
    found.budgets.append(table)
    table.unit = money_unit(" ".join(cell.own for cell in row))
    for c, text in figures.items():
        key, source = heads[c]
        if key == "execution_rate":
            table.derived.setdefault(key, {})[source] = text
        else:
            table.put(key, source, text, grid.cell(r + 1, c).ref)
    found.used.update({(grid.label, n, c) for n in (r, r + 1) for c in (c0, *heads)})
    return 2


_FIGURE = re.compile(r"-?[\d,，]+(?:\.\d+)?\s*(?:万元|元)?")


_FUND_CELL = re.compile(r"^(?P<label>\D*?)\s*[:：]?\s*(?P<amount>\d[\d,，]*(?:\.\d+)?\s*(?:万元|元)?)$")
_FUNDS_USED = re.compile(r"^资金(?:使用|执行|支出)")


def _funds_in_cells(grid: Grid, r: int, found: Found) -> int:
    """The 区域（转移支付）form's funds: 「资金情况（万元） | 年度金额：208万元 | 资金使用情况（万元） | 合计：109.8万元」,
    then 「中央财政165万元」… under each: label and amount share a cell; left is the budget, right what was spent."""
    row = grid.rows[r]
    c0, first = _first_own(row)
    if not bare(first).startswith(("资金情况", "资金安排情况", "年度资金情况")):
        return 0
    used_col = next((c for c, cell in enumerate(row) if c > c0 and cell.own and _FUNDS_USED.match(bare(cell.own))), None)
    if used_col is None:
        return 0
    table = BudgetTable(grid.label, unit=money_unit(first))
    n = r
    while n < len(grid.rows) and grid.cell(n, c0).text == first and (n == r or grid.cell(n, c0).merged == ABOVE):
        for c, cell in enumerate(grid.rows[n]):
            parts = _FUND_CELL.match(flat(cell.own)) if cell.own and c not in (c0, used_col) else None
            if not parts:
                continue
            label = parts["label"]
            source = source_key(label) or ("total" if re.search(r"年度金额|合计|总额|总计", label) else None)
            if source:
                table.rows.setdefault("budget" if c < used_col else "spent", {}).setdefault(source, parts["amount"])
        _use(found, grid, n)
        n += 1
    found.budgets.append(table)
    return n - r


_PAIR_HEAD = re.compile(r"预算|资金|执行|到位")
_RATE_HEAD = re.compile(r"执行率|执行进度")


def _budget_pairs(grid: Grid, r: int, found: Found) -> int:
    """Money as label and figure side by side, one pair per budget row (河北 邯郸's form):
    「预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84 | 100.00」, then 「其中:财政资金 | 6.84 | …」 and
    「其他 | 0.00 | …」 rows with the sources in the same columns. The first row holds the totals; a lone
    figure under an 执行率/执行进度 head is the printed rate (checked, not written); the row of heads
    above (「预算安排情况(调整后) | 资金到位情况 | …」) only names the pairs. That row may open with its part's
    name (「二、预算执行情况」, read already by `_part_label`): no fact of another block, it is still the heads,
    and 邯郸's 「预算执行进度(%) 100.00」 under it is the printed 执行率."""
    owns = [(c, flat(cell.own)) for c, cell in enumerate(grid.rows[r]) if cell.own]
    pairs: dict[int, tuple[str, int]] = {}
    for (c, text), (figure_col, figure) in pairwise(owns):
        key = match(text, BUDGET_ROWS) if len(bare(text)) <= 8 else None
        if key and (_FIGURE.fullmatch(figure) or unprinted(figure)) and key not in {k for k, _ in pairs.values()}:
            pairs[c] = (key, figure_col)
    if len(pairs) < 2:
        return 0
    table = BudgetTable(grid.label)
    taken = set(pairs) | {f for _, f in pairs.values()}
    for c, (key, figure_col) in pairs.items():
        _pair_figure(grid, r, (c, figure_col), table, key, "total")
    heads = r - 1 if r > 0 and all(PART_NUMBER.match(bare(cell.own)) for c, cell in enumerate(grid.rows[r - 1])
                                   if (grid.label, r - 1, c) in found.used) else -1
    for c, text in owns:
        if c not in taken and heads >= 0 and _RATE_HEAD.search(grid.cell(heads, c).text) and unprinted(text):
            table.unprinted_amounts[("execution_rate", "total")] = grid.cell(r, c).ref
            taken.add(c)
        elif c not in taken and _FIGURE.fullmatch(text) and heads >= 0 and _RATE_HEAD.search(grid.cell(heads, c).text):
            table.derived["execution_rate"] = {"total": text}
            taken.add(c)
    if heads >= 0 and all(_PAIR_HEAD.search(cell.own) for cell in grid.rows[heads] if cell.own):
        _use(found, grid, heads)
    found.used.update((grid.label, r, c) for c in taken)
    n = r + 1
    while n < len(grid.rows):
        row_taken = set()
        for c, (key, figure_col) in pairs.items():
            text, figure = grid.cell(n, c).own, flat(grid.cell(n, figure_col).own)
            source = source_key(text) if text and len(bare(text)) <= 12 else None
            if source and source != "total" and (_FIGURE.fullmatch(figure) or unprinted(figure)):
                _pair_figure(grid, n, (c, figure_col), table, key, source)
                row_taken |= {c, figure_col}
        if not row_taken:
            break
        found.used.update((grid.label, n, c) for c in row_taken)
        n += 1
    found.budgets.append(table)
    return n - r


def _pair_figure(grid: Grid, n: int, cols: tuple[int, int], table: BudgetTable, key: str, source: str) -> None:
    """One pair's figure (row `n`, label and figure columns `cols`) into its budget row, as printed
    (a 「###」 too, named by assemble with its cell)."""
    figure_col = cols[1]
    table.put(key, source, flat(grid.cell(n, figure_col).own), grid.cell(n, figure_col).ref)


# --------------------------------------------------------------------------- facts, goals, sections

def _fact_label(row: list[Cell]) -> int | None:
    for c, cell in enumerate(row):
        if cell.own and match(cell.own, FACTS, whole=True):
            return c
    return None


def _fact_key(text: str) -> str | None:
    return match(text, FACTS, whole=True)


def _names_fact(text: str) -> bool:
    """A fact's label, or labels joined by a slash of which one names a fact (「实施单位/项目负责人」), or
    a label with its own value (「填报日期：2023年3月1日」, 「填报人：张三」): never the value of the label
    before it (「主管部门 | | 实施单位/项目负责人 | …」 and 「填报单位（盖章）： | | 填报日期：…」 leave the
    first blank, as `_SECOND_LABEL` does within one cell)."""
    inline = _INLINE_FACT.match(flat(text))
    return bool(_fact_key(text) or joined_labels(text, _fact_key)
                or (inline and not any(ch.isdigit() for ch in inline[1])))


_INLINE_FACT = re.compile(r"^([^:：]{2,8})\s*[:：]\s*(\S.{0,60})$")
_GLUED_SCORE = re.compile(r"^(\D{2,8}?)\s*(\d{1,3}(?:\.\d+)?)\s*分$")
"""「项目总得分99分」 above the table (宁夏 原州区's 自治区 form, bigxun.com/view/1651813082920488962): a total's
label, its figure and 分 in one cell, no colon. Read only for a label of the reported total."""
_SECOND_LABEL = re.compile(r"[:：]")
"""「主管部门（盖章）：　　单位：万元」: the value is another label; the first was left blank to sign."""


def _facts(grid: Grid, r: int, found: Found) -> int:
    """「项目名称 | 值」 pairs, several per row (「主管部门 | X | 实施单位 | Y」)."""
    row = grid.rows[r]
    took = 0
    c = 0
    while c < len(row):
        key = match(row[c].own, FACTS, whole=True) if row[c].own else None
        inline = _INLINE_FACT.match(flat(row[c].own)) if key is None and row[c].own else None
        if inline and (inline_key := match(inline[1], FACTS, whole=True)) and not _SECOND_LABEL.search(inline[2]):
            if inline_key not in found.facts:  # 「填报日期:2021年3月10日」 in one cell
                found.facts[inline_key], found.fact_refs[inline_key] = inline[2].strip(), f"{grid.label} {row[c].ref}"
            found.used.add((grid.label, r, c))
            took = 1
        elif (key is None and not inline and row[c].own and (glued := _GLUED_SCORE.match(flat(row[c].own)))
              and match(glued[1], FACTS, whole=True) == "reported_score"):
            if "reported_score" not in found.facts:
                found.facts["reported_score"], found.fact_refs["reported_score"] = glued[2], f"{grid.label} {row[c].ref}"
            found.used.add((grid.label, r, c))
            took = 1
        elif inline and finance_label(inline[1], inline[2]) and not _SECOND_LABEL.search(inline[2]):
            found.finance.append((f"{grid.label} {row[c].ref}", inline[1], inline[2]))
            found.used.add((grid.label, r, c))  # 「县级财政部门：汉阴县财政局」 in one cell
            took = 1
        elif inline and (said := (money_unit(flat(row[c].own)) if bare(inline[1]) == "单位" else stated_unit(flat(row[c].own)))):
            found.facts.setdefault("unit_of_money", said)  # 「单位：元」 right of a title, or after a label left to sign
            found.used.add((grid.label, r, c))
            took = 1
        if key is None and not inline and row[c].own and finance_label(row[c].own, _next_own(row, c)):
            c = _finance(grid, r, c, found)
            took = 1
            continue
        if key is None:
            joined = _joined_facts(grid, r, c, found) if row[c].own and not inline else None
            took = took or int(joined is not None)
            c = joined if joined is not None else c + 1
            continue
        found.used.add((grid.label, r, c))
        took = 1
        value_col = next((v for v in range(c + 1, len(row)) if row[v].own), None)
        if value_col is not None and not _names_fact(row[value_col].own):
            _keep_fact(found, key, flat(row[c].own), flat(row[value_col].own), r, f"{grid.label} {row[value_col].ref}")
            found.used.add((grid.label, r, value_col))
            c = value_col + 1
        else:
            c += 1
    return took


def _next_own(row: list[Cell], c: int) -> str:
    """The text of the first filled cell right of column `c` (a label's value)."""
    return next((cell.own for cell in row[c + 1:] if cell.own), "")


def _finance(grid: Grid, r: int, c: int, found: Found) -> int:
    """The finance bureau's label (labels.finance_label) and its value, taken to be said (Found.finance):
    no key of the data format holds it, and it is never the department. The column after the value."""
    row = grid.rows[r]
    found.used.add((grid.label, r, c))
    value_col = next((v for v in range(c + 1, len(row)) if row[v].own), None)
    if value_col is None or _names_fact(row[value_col].own) or finance_label(row[value_col].own):
        return c + 1
    found.used.add((grid.label, r, value_col))
    found.finance.append((f"{grid.label} {row[value_col].ref}", row[c].own, row[value_col].own))
    return value_col + 1


def _joined_facts(grid: Grid, r: int, c: int, found: Found) -> int | None:
    """Two labels in one cell joined by a slash, their values in the next cell joined alike (labels.joined_labels):
    each part read under its own label, a label that names no fact (项目负责人) passed over; a value that does not
    split alike is not read, said. The column after the value, or None when the cell is no such label."""
    row = grid.rows[r]
    labels = joined_labels(row[c].own, _fact_key)
    value_col = next((v for v in range(c + 1, len(row)) if row[v].own), None)
    if not labels or value_col is None or _names_fact(row[value_col].own):
        return None
    ref = f"{grid.label} {row[value_col].ref}"
    found.used.update({(grid.label, r, c), (grid.label, r, value_col)})
    parts = joined_values(labels, row[value_col].own)
    if parts is None:
        found.notes.append(joined_note(ref, row[c].own, row[value_col].own, len(labels)))
    for key, part, value in parts or []:
        _keep_fact(found, key, part, value, r, ref)
    return value_col + 1


def _keep_fact(found: Found, key: str, label: str, value: str, r: int, ref: str) -> None:
    """A fact keeps its first value, except where two rows name their level (「市级主管部门」 above
    「县级主管部门」, as a county's 转移支付 form prints them): the nearer level is the unit's own and
    wins; the clerk is told which value was left out. A level's row still holding the template's
    placeholder (「县(市、区)教育部门」) names no unit and is passed over, said."""
    if level_rank(label) and template_unit(value):
        found.notes.append(ref + template_unit_note(label, value))
        return
    if key not in found.facts:
        found.facts[key], found.fact_labels[key], found.fact_refs[key] = value, label, ref
        return
    if key == "name" and found.other_row < 0 and compact(value) != compact(found.facts[key]):
        found.other_row, found.other_name, found.other_ref = r, value, ref
    if (key == "name" and not found.second_name and compact(value) != compact(found.facts[key])
            and any(t.rows for t in found.indicators)):
        found.second_name, found.second_at, found.second_row = value, len(found.indicators), r
    before, kept = found.fact_labels.get(key, ""), found.facts[key]
    if value == kept or not level_rank(label) or not level_rank(before):
        return
    near, far = ((label, value), (before, kept)) if level_rank(label) > level_rank(before) else ((before, kept), (label, value))
    found.facts[key], found.fact_labels[key] = near[1], near[0]
    if near[1] == value:
        found.fact_refs[key] = ref
    found.notes.append(f"原表写有两级：「{far[0]}：{far[1]}」和「{near[0]}：{near[1]}」，"
                       f"取本级的「{near[1]}」写入，「{far[1]}」未写入")


def _goals(grid: Grid, r: int, found: Found) -> int:
    """`_goal_block`, unless a picture hides part of one of its cells (`Cell.covered`: a PDF's seal
    over 「实际完成情况」 leaves 「实际成情」, which would be published as the 年度总体目标 and both texts
    lost): then no section is taken, its labels are passed over and its texts listed as unplaced,
    with a note naming the covered cell's whole text."""
    c0, first = _first_own(grid.rows[r])
    if PART_NUMBER.sub("", bare(grid.rows[r][c0].covered or first if c0 >= 0 else first)) not in GOALS:
        return 0  # most rows: no copy of what is used
    sections, used, notes = len(found.sections), set(found.used), len(found.notes)
    step = _goal_block(grid, r, found)
    covered = [cell for n in range(r, r + max(step, 1)) for cell in grid.rows[n] if cell.own and cell.covered]
    if not covered:
        return step
    # The block's extent as the whole texts lay it out (「实际成情」 is no label: read so, the texts'
    # row below would be left to the next block, which took the goal as the indicator table's caption).
    rows = list(grid.rows)
    rows[r:r + step + 1] = [[replace(cell, text=cell.covered) if cell.covered else cell for cell in row]
                            for row in grid.rows[r:r + step + 1]]
    whole = Grid(grid.label, rows, document=grid.document)
    del found.sections[sections:]
    step = max(step, _goal_block(whole, r, found))
    texts = [text for _, text in found.sections[sections:]]
    del found.sections[sections:], found.notes[notes:]
    covered = [cell for n in range(r, r + step) for cell in grid.rows[n] if cell.own and cell.covered]
    found.used &= used  # in place: what the block marked is undone
    found.used |= {(grid.label, n, c) for n in range(r, r + step) for c, cell in enumerate(grid.rows[n])
                   if cell.own and not any(flat(cell.covered or cell.own) in text for text in texts)}
    said = "、".join(f"{cell.ref}「{flat(cell.own)}」（原文「{flat(cell.covered)}」）" for cell in covered)
    found.notes.append(f"{grid.label} {said}被图片（如公章）盖住了一部分，页面上看不全：这一栏的年度总体目标、完成情况没有导入，"
                       "其文字列在「未能归位的内容」中：请单位提供没有盖住表格文字的原件（公章盖在表格以外），"
                       "或对照原件把文字填入导入的文件")
    return step


def _goal_block(grid: Grid, r: int, found: Found) -> int:
    """年度总体目标: 预期目标/实际完成情况 labels with the texts in the row below (the MoF form), or
    label and text side by side in one row (「年度总体目标 | 目标… | 实际完成情况 | 完成…」), or two
    texts with no label (北京's form): the goal first, what was done second, as every form orders them."""
    row = grid.rows[r]
    c0, first = _first_own(row)
    if PART_NUMBER.sub("", bare(first)) not in GOALS:
        return 0
    cells = [(c, cell.own) for c, cell in enumerate(row) if cell.own and c != c0]
    rates = {c for c, text in cells if _GOAL_RATE.search(bare(text))}
    cells = [(c, text) for c, text in cells if c not in rates]
    for c in range(grid.width):
        if c not in rates:
            found.used.add((grid.label, r, c))
    more = _goal_lines(grid, r, c0, cells) if not any(_goal_head(text) for _, text in cells) else r
    if more > r:  # the label merged down over the lines a unit pasted its goal into (「年度总体目标」 over two)
        cells = [(c, "\n".join([text, *(flat(grid.cell(n, c).own) for n in range(r + 1, more + 1) if grid.cell(n, c).own)]))
                 for c, text in cells]
        for n in range(r + 1, more + 1):
            found.used.update((grid.label, n, c) for c in range(grid.width) if c not in rates)
    if len(cells) == 2 and not any(_goal_head(text) for _, text in cells):
        found.sections += [("年度总体目标", cells[0][1]), ("总体目标完成情况", cells[1][1])]
        found.notes.append(f"{grid.label} {row[c0].ref}「{flat(first)}」一行有两段文字而没有「预期目标」「实际完成情况」标签："
                           "前一段作为年度总体目标、后一段作为总体目标完成情况写入，请核对")
        return more + 1 - r
    if any(not _goal_head(text) for _, text in cells):
        title = _goal_title(PART_NUMBER.sub("", bare(first)))  # 「完成情况 | 1:支持…」 under 「年度总体目标 | 目标1:…」 (c03)
        for _, text in cells:
            if _goal_head(text):
                title = _goal_title(text)
            else:
                found.sections.append((title, text))
        return more + 1 - r
    below = r + 1
    if below >= len(grid.rows) or header_at(grid, below)[0] or _fact_label(grid.rows[below]) is not None:
        return 1
    if not cells:
        text = next((cell.own for cell in grid.rows[below] if cell.own), "")
        if text:
            found.sections.append((bare(first), text))
    last = below
    while (last + 1 < len(grid.rows) and grid.cell(last + 1, c0).merged == ABOVE
           and not header_at(grid, last + 1)[0] and any(grid.cell(last + 1, c).own for c, _ in cells)):
        last += 1  # the part's label merged down over several goals (成安: 「三、目标完成情况」 over two)
    for c, head in cells:
        texts = [flat(grid.cell(n, c).own) for n in range(below, last + 1) if grid.cell(n, c).own]
        if texts:
            found.sections.append((_goal_title(head), "\n".join(texts)))
    for n in range(below, last + 1):
        found.used.update((grid.label, n, c) for c in range(grid.width) if c not in rates)
    for c in rates:
        _goal_rate(grid, r, c, range(below, last + 1), found)
    return last + 1 - r


def _goal_rate(grid: Grid, r: int, c: int, rows: range, found: Found) -> None:
    """The overall completion a form prints beside its goal texts (邯郸's 「总体完成率(%) | 100.00」, tests/forms_layouts/l10):
    the contract has no key for it and nothing to check it against (the page's completion is each indicator's), so
    it is named in one note and not listed, as two cells without a word of why, among the 「未能归位的内容」. A head
    with no figure under it, or more than one, is left there."""
    figures = [(n, cell) for n in rows if (cell := grid.cell(n, c)).own]
    if len(figures) != 1 or len(parse_value(figures[0][1].own).figures) != 1:
        return
    (n, cell), head = figures[0], grid.cell(r, c)
    found.used.update({(grid.label, r, c), (grid.label, n, c)})
    found.notes.append(f"{grid.label} {head.ref}「{flat(head.own)}」和{cell.ref}「{flat(cell.own)}」是原表印出的年度总体目标完成率："
                       "数据格式没有对应的键，未写入（页面上的完成情况按各项指标计算）")


def _goal_lines(grid: Grid, r: int, c0: int, cells: list[tuple[int, str]]) -> int:
    """The last row of a goal row whose label is merged down over rows holding more of its texts in the
    same columns (a goal pasted in two cells, one under the other); `r` when there are none."""
    last = r
    while (cells and last + 1 < len(grid.rows) and grid.cell(last + 1, c0).merged == ABOVE
           and not indicator_columns(grid.rows[last + 1]) and any(grid.cell(last + 1, c).own for c, _ in cells)
           and all(not cell.own or any(c == k for k, _ in cells) for c, cell in enumerate(grid.rows[last + 1]))):
        last += 1
    return last


PART_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]")
"""The number of a form's part (「三、目标完成情况」): the label is the words after it."""
_GOAL_RATE = re.compile(r"完成率|完成程度")
"""「总体完成率(%)」 beside the goal texts: a figure the contract has no key for, left unplaced."""


def _management(grid: Grid, r: int, found: Found) -> int:
    """The MoF 转移支付 form's 资金管理情况 block (its template from 2022 on; 田家庵区 2024, www.tja.gov.cn/public/118323190/
    1260578519.html): 「资金管理情况 | 情况说明 | 存在问题和改进措施」 over 分配科学性, 下达及时性 … 支出责任履行情况, the
    label merged down at the left. Published prose that no key holds but `sections`: written as the section
    资金管理情况, one line an item (「分配科学性：…」, 「…（存在问题和改进措施）：…」), the items left empty left out."""
    row = grid.rows[r]
    c0, first = _first_own(row)
    if bare(first) != "资金管理情况":
        return 0
    heads = {c: flat(cell.own) for c, cell in enumerate(row) if c > c0 and cell.own}
    if not any(bare(head).startswith("情况说明") for head in heads.values()):
        return 0
    lines: list[str] = []
    n = r + 1
    while n < len(grid.rows) and grid.cell(n, c0).merged == ABOVE:
        cells = [(c, flat(cell.own)) for c, cell in enumerate(grid.rows[n]) if c > c0 and cell.own]
        for c, text in cells[1:]:
            head = heads[max((h for h in heads if h <= c), default=min(heads))]
            lines.append(f"{cells[0][1]}：{text}" if bare(head).startswith("情况说明") else f"{cells[0][1]}（{head}）：{text}")
        n += 1
    for used in range(r, n):
        _use(found, grid, used)
    if lines:
        found.sections.append(("资金管理情况", "\n".join(lines)))
    return n - r


def _goal_head(text: str) -> bool:
    """「年初设定目标」「实际完成情况」, and the longer 「年度总体目标完成情况综述」 the 衔接/区级 forms print."""
    label = bare(text)
    return (len(label) <= 10 or label.endswith("综述")) and ("目标" in label or "完成情况" in label)


def _goal_title(head: str) -> str:
    return "总体目标完成情况" if "完成" in head else "年度总体目标"


def _section_rows(grid: Grid, r: int, found: Found) -> int:
    """The template's 报告正文 sheet: 章节标题 | 正文."""
    row = grid.rows[r]
    title_col = next((c for c, cell in enumerate(row) if bare(cell.own) in SECTION_HEADERS[0]), None)
    text_col = next((c for c, cell in enumerate(row) if bare(cell.own) in SECTION_HEADERS[1]), None)
    if title_col is None or text_col is None:
        return 0
    _use(found, grid, r)
    n = r + 1
    while n < len(grid.rows):
        title, text = grid.cell(n, title_col).own, grid.cell(n, text_col).own
        if not title and not text:
            break
        if title:
            found.sections.append((title, text))
            found.used.update({(grid.label, n, title_col), (grid.label, n, text_col)})
        n += 1
    return n - r


_FORM_WIDE = re.compile(r"^(?:(?:偏差|存在|主要|未完成|目标未完成)\S{0,12}(?:原因|问题)\S{0,10}"
                        r"|(?:下一步)?(?:改进|整改)(?:措施|意见|方向)\S{0,10})$")
"""A row's label over the unit's text on the form as a whole (施甸县's 2019 form: 「偏差大或目标未完成原因分析」,
「改进措施及结果应用方案」; 「存在问题」, 「偏差原因分析及改进措施」, 「下一步改进措施」): published prose no
indicator owns, so a section under the label as printed. An indicator's name (「问题整改率」) ends otherwise."""


_GUIDANCE = re.compile(r"\d+\s*字以内")


def template_guidance(text: str) -> bool:
    """Whether a cell holds the template's instruction left as printed (「对照年度目标,说明…(100字以内)」,
    四川's 「结合自评情况,分析存在的问题及原因。(200字以内)」): no text the unit wrote, never published as
    its goal or its 存在问题."""
    return bool(_GUIDANCE.search(text))


def _form_wide_label(grid: Grid, r: int) -> str | None:
    """The label of a form-wide text row (`_FORM_WIDE`, any spacing or line breaks): the row holds it
    and one text beside it, nothing else (an indicator's row has its values)."""
    row = grid.rows[r]
    c0, first = _first_own(row)
    texts = [cell.own for cell in row[c0 + 1:] if cell.own] if c0 >= 0 else []
    name = label(first).rstrip(":：")
    if len(texts) != 1 or not _FORM_WIDE.match(PART_NUMBER.sub("", bare(name))):
        return None
    return name


def _form_wide_text(grid: Grid, r: int, found: Found) -> int:
    """`_form_wide_label`'s row: its text a section under the label, the rows its label is merged down over
    joined on (a text pasted in two cells); the clerk is told, once, that no indicator's remark holds it."""
    title = _form_wide_label(grid, r)
    if title is None or title in {t for t, _ in found.sections}:
        return 0  # a second 「存在问题」 row is left unplaced: `sections` holds one text a title
    c0, _ = _first_own(grid.rows[r])
    last = r
    while (last + 1 < len(grid.rows) and grid.cell(last + 1, c0).merged == ABOVE
           and sum(1 for cell in grid.rows[last + 1] if cell.own) == 1):
        last += 1
    texts = [cell.own.strip() for n in range(r, last + 1) for cell in grid.rows[n][c0 + 1:] if cell.own.strip()]
    if all(template_guidance(text) for text in texts):
        return 0  # the template's instruction, unfilled: left unplaced, named with the cells
    for n in range(r, last + 1):
        _use(found, grid, n)
    found.sections.append((title, "\n".join(texts)))
    found.notes.append(f"{grid.label} {grid.rows[r][c0].ref}「{title}」{FORM_WIDE_SECTION}「{title}」" + (
        "" if any(note.endswith(_FORM_WIDE_NOTE) for note in found.notes) else _FORM_WIDE_NOTE))
    return last + 1 - r


FORM_WIDE_SECTION = "一行写入 sections 的"
"""The words of `_form_wide_text`'s note: a 部门整体 form, which has no sections, leaves it out."""
_FORM_WIDE_NOTE = ("：原表是对整张表的说明，没有写在哪一项指标上，不写进任何指标的偏差原因（remark）；"
                   "perfsite check 对未得满分而没有 remark 的指标仍会提示，原表逐项说明了的才逐项填写，不要照抄这一段")


# --------------------------------------------------------------------------- forms stacked in one grid

def stacked_forms(grid: Grid, is_form: Callable[[Grid], bool],
                  scanned: Callable[[Grid], Found] | None = None) -> list[Grid]:
    """One grid per programme's form of a grid holding several one below the other (a department
    hands in one sheet, or one Word table, with its programmes' 自评表 stacked, or a 绩效目标表 and a
    自评表): each part keeps the grid's label and its rows where they stand (the rows of the other
    parts left empty), so every cell reference and row number a clerk reads is the sheet's own.

    The next form starts at a 项目名称 naming another programme, or at its title above that label,
    when the rows above it and the rows from it each hold a form (`is_form`: indicator rows, or a
    target table): a sub-project list under a form (项目名称 | 金额) holds none and stays with it.
    Blank rows alone never split: real forms have blank rows inside them. Two forms that cannot be
    told apart so (the first holds no table we read) are refused, naming both, rather than mixed.

    `scanned` is the scan of a grid alone (`scan([grid])`), given by a caller that keeps each part's
    scan: `is_form` scans a part to judge it, and the part it keeps is the one read next. A reader's
    notes go with each part before it is judged (`split_notes`), so a kept scan holds them."""
    found = (scanned or (lambda part: scan([part])))(grid)
    for name_row in sorted({found.other_row, found.second_row} - {-1}):
        start = _form_start(grid, found, name_row)
        above, below = split_notes(grid, start)
        head = Grid(grid.label, grid.rows[:start], grid.before, above, grid.document, grid.paras_before, grid.doubtful)
        tail = Grid(grid.label, [[] for _ in range(start)] + grid.rows[start:], "", below, grid.document, grid.paras_before,
                    grid.doubtful)
        if not is_form(tail):
            continue
        if not is_form(head) and (beside := _side_by_side(grid, found, name_row, is_form)):
            return [part for side in beside for part in stacked_forms(side, is_form, scanned)]
        if not is_form(head):
            first = found.facts.get("name", "")
            where, other = ((found.other_ref.removeprefix(f"{grid.label} "), found.other_name)
                            if name_row == found.other_row and found.other_ref else
                            (_row_ref(grid, name_row), _value_right_of(grid, name_row)))
            raise ImportFailure(f"{grid.label}中有两个项目的表：「{first}」之后，{where}又有「{flat(other)}」，"
                                "但分不出前一个表的起止：请把两个项目的表分别另存为一个文件（或放到两张工作表）后再导入")
        return [head, *stacked_forms(tail, is_form, scanned)]
    return [grid]


def _side_by_side(grid: Grid, found: Found, name_row: int, is_form: Callable[[Grid], bool]) -> list[Grid]:
    """The two parts of a grid holding two programmes' forms side by side (a department prints its programmes
    on one wide page), cut at the column of the second form's 项目名称 label: each part keeps the grid's
    label, rows and columns where they stand (the other part's cells left empty), so every reference is the
    sheet's own. [] where no label stands left of that 项目名称, or a part holds no form."""
    if name_row != found.other_row or not found.other_ref:
        return []
    at = found.other_ref.removeprefix(f"{grid.label} ")
    row = grid.rows[name_row]
    value = next((c for c, cell in enumerate(row) if cell.ref == at), -1)
    label_at = next((c for c in range(value - 1, 0, -1) if row[c].own), -1)
    if label_at <= 0 or not CELL_REF.fullmatch(row[label_at].ref):
        return []
    cut = _ref_column(row[label_at].ref)
    parts = []
    for left in (True, False):
        def kept(ref: str) -> bool:
            return not CELL_REF.fullmatch(ref) or (_ref_column(ref) < cut) == left  # noqa: B023 (called in this turn)

        notes = [note for note in grid.notes if not (refs := CELL_REF.findall(note)) or any(map(kept, refs))]
        rows = [[cell if kept(cell.ref) else Cell("", OWN, cell.ref) for cell in cells] for cells in grid.rows]
        parts.append(Grid(grid.label, rows, grid.before, notes, grid.document, grid.paras_before, grid.doubtful))
    return parts if all(map(is_form, parts)) else []


def split_notes(grid: Grid, start: int) -> tuple[list[str], list[str]]:
    """A reader's notes of `grid` cut at row `start`: (the part above's, the part from it on's). A note
    naming cells goes with the part holding their rows, to both when they lie in both (the hidden
    cells of a sheet, B5 and C60); a note naming none is about the whole file (the file's revisions, a
    hidden sheet, a page turned on its side) and goes with both, since each part is imported, read and
    kept as a file of its own. Rows are compared by number, so a hidden row between two visible ones,
    no cell of either part, still goes with its part."""
    first = next((_ref_row(cell.ref) for row in grid.rows[start:] for cell in row if cell.ref), None)  # rows run down
    width = 0
    above: list[str] = []
    below: list[str] = []
    for note in grid.notes:  # 「GB50300」 in a note's words names no cell: its column lies far right of the grid's
        refs = CELL_REF.findall(note)
        width = width or (max((_ref_column(cell.ref) for row in grid.rows for cell in row if cell.ref), default=0)
                          if refs else 0)
        rows = {_ref_row(ref) for ref in refs if _ref_column(ref) <= width + _HIDDEN_COLUMNS}
        if first is None or not rows or min(rows) < first:
            above.append(note)
        if first is not None and (not rows or max(rows) >= first):
            below.append(note)
    return above, below


_HIDDEN_COLUMNS = 26
"""How far right of a grid's last column a note's reference may name a (hidden) cell of it."""


def _ref_column(ref: str) -> int:
    """The column number a cell reference names: 2 of 「B5」 and of 「第5行第2列」."""
    letters = re.match(r"[A-Z]+", ref)
    if letters is None:
        return int(re.findall(r"\d+", ref)[1])
    return sum((ord(ch) - 64) * 26 ** n for n, ch in enumerate(reversed(letters[0])))


def _ref_row(ref: str) -> int:
    """The row number a cell reference names: 53 of 「A53」 and of 「第53行第2列」."""
    return int(re.search(r"\d+", ref)[0])  # type: ignore[index]


def _row_ref(grid: Grid, r: int) -> str:
    c0, _ = _first_own(grid.rows[r])
    return grid.rows[r][c0].ref or f"第 {r + 1} 行"


def _value_right_of(grid: Grid, r: int) -> str:
    """The 项目名称 a label row gives: the first text right of its label."""
    texts = [cell.own for cell in grid.rows[r] if cell.own]
    return texts[1] if len(texts) > 1 else texts[0] if texts else ""


CELL_REF = re.compile(r"(?<![A-Za-z])[A-Z]{1,3}\d+(?!\d)|第\d+行第\d+列")
"""A cell a reader's note names: 「B12」 in a sheet, 「第3行第2列」 in a Word or PDF table."""


def _form_start(grid: Grid, found: Found, name_row: int) -> int:
    """The first row of the form whose 项目名称 is at `name_row`: its title (a row holding one text that
    names a year or a form and is no 「label：value」 line such as 「填报日期：2022年3月」) below the
    tables above; failing one, the row after the last blank row there (a 「单位：万元」 line above the
    label goes with it); failing that, the label's own row. With no table read above (a 绩效目标表),
    the title is looked for below the last blank row."""
    end = max((t.end for t in found.indicators if t.end <= name_row), default=0)
    blanks = [r for r in range(end, name_row) if not any(cell.own for cell in grid.rows[r])]
    if not end and blanks:
        end = blanks[-1]
    for r in range(end, name_row):
        texts = {flat(cell.own) for cell in grid.rows[r] if cell.own}
        if len(texts) == 1:
            text = texts.pop()
            if TITLE.search(text) and not _SENTENCE.search(text) and not LABEL_LINE.match(compact(text)):
                return r
    blanks = [r for r in blanks if r >= end]
    return blanks[-1] + 1 if blanks else name_row


# --------------------------------------------------------------------------- a level's own 分值 column

_POINTS = re.compile(r"\d{1,3}(?:\.\d+)?")
_WEIGHT_WORD = re.compile(r"分|权|權|weight", re.IGNORECASE)
"""What every header word for a weight holds (分值, 权重, 标准分, 满分 …): a row without two such cells heads no
level's 分值. Classifying every cell of every grid first took 13% of `scan` (22.8 of 172.5 ms over the 30 grids
of the corpus forms); skipping such rows takes the fold to under 2%."""


def level_points_folded(grid: Grid) -> Grid:
    """The grid with each level's own 分值 column folded into the level's cell.

    Some provinces print a 分值 column after every level (「一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 |
    …」: 湖南 雨花区's 部门整体 评价指标表, tests/forms_dept/d08): only the one after the indicator's name is its
    weight. Read as they stand, the first 分值 (the 一级指标's 13 or 61) became every indicator's weight. Folded,
    the level reads 「投入（13分）」, as forms printing a level's points in its cell do, so the points stay the
    level's published text and are checked against its indicators; the folded columns' headers are emptied.
    `scan` and the 目标表 reader fold every grid, so each reader (自评, 目标表, 部门整体, 评价报告) sees one layout.
    Where a level's points differ from the sum of the weights under it, the grid carries a note naming the cell."""
    for r, row in enumerate(grid.rows):
        if sum(1 for cell in row if cell.own and _WEIGHT_WORD.search(cell.own)) < 2:
            continue  # no two 分值 columns: most rows, told apart without classifying each cell
        keys = [column_key(cell.own) if cell.own else "" for cell in row]
        if "name" not in keys or (keys.count("weight") < 2 and keys.count("score") < 2):
            continue
        name = keys.index("name")
        levels = [c for c, key in enumerate(keys) if key == "weight" and 0 < c < name and row[c - 1].own
                  and (keys[c - 1] in ("level1", "level2") or (keys[c - 1] is None and "指标" in row[c - 1].own))]
        scored = [(c - 1 if c - 1 not in levels else c - 2, c) for c, key in enumerate(keys)
                  if key == "score" and 1 < c < name and (keys[c - 1] in ("level1", "level2") or c - 1 in levels)]
        if not levels and not scored:
            return grid
        rows = [list(cells) for cells in grid.rows]
        for _, c in scored:  # a level's 得分: the sum of its indicators' own, checked below and read from them
            for body in rows[r:]:
                if c < len(body):
                    body[c] = replace(body[c], text="")
        for c in levels:
            rows[r][c] = replace(rows[r][c], text="")
            folded = ""
            for body in rows[r + 1:]:
                if c >= len(body):
                    continue
                level, points = body[c - 1], body[c]
                if level.merged == OWN:
                    folded = (f"{level.text}（{points.text}分）" if level.text and not is_total(level.text)
                              and _POINTS.fullmatch(points.own.strip()) else "")
                if folded:
                    body[c - 1] = replace(level, text=folded)
                    body[c] = replace(points, text="")
        notes = []
        for pairs, key in (([(c - 1, c) for c in levels], "weight"), (scored, "score")):
            own = next((c for c in range(name + 1, len(keys)) if keys[c] == key), None)
            notes += [] if own is None or not pairs else _level_points_disagree(grid, r + 1, pairs, name, own)
        return replace(grid, rows=rows, notes=[*grid.notes, *notes])
    return grid


def _level_points_disagree(grid: Grid, start: int, pairs: list[tuple[int, int]], name: int, own: int) -> list[str]:
    """A note for each level whose printed 分值 (得分) differs from the sum of its indicators' (column `own`,
    after the indicator's `name`), naming the cell; `pairs` are each level's column and its figure's. The
    points are published as printed, each indicator keeps its own weight; a level's 得分 is not written
    (the format has each indicator's), so where it disagrees the clerk is told which the site adds up.
    A level runs while its label and the labels left of it stay the same (merged down, left blank or
    printed again on each row), up to the 合计 row."""
    notes = []
    levels = [c for c, _ in pairs]
    for n, (c, figure) in enumerate(pairs):
        watched = levels[:n + 1]
        runs: list[tuple[int, list[int]]] = []
        carried: tuple[str, ...] = ()
        for r in range(start, len(grid.rows)):
            row = grid.rows[r]
            if any(is_total(cell.own) for cell in row[:c + 1] if cell.own):
                break
            key = tuple(grid.cell(r, k).text.strip() or (carried[i] if carried else "") for i, k in enumerate(watched))
            if not runs or key != carried:
                runs.append((r, []))
            runs[-1][1].append(r)
            carried = key
        for head, members in runs:
            points = grid.cell(head, figure).own.strip()
            weights = [grid.cell(m, own).own.strip() for m in members]
            weights = [w for w in weights if _POINTS.fullmatch(w)]
            if not _POINTS.fullmatch(points) or not weights:
                continue
            summed = sum((Decimal(w) for w in weights), Decimal(0))
            if summed != Decimal(points):
                label_ = flat(grid.cell(head, c).text)
                header = grid.rows[start - 1]
                word, column = flat(header[figure].own), "」后面的「".join(flat(header[k].own) for k in (name, own))
                kept = f"按原表写作「{label_}（{points}分）」" if column_key(header[figure].own) == "weight" else (
                    f"这一级的{word}不写入（数据格式只有每项指标的{word}，网站按各项相加）")
                notes.append(f"{grid.label} {grid.cell(head, figure).ref}：「{label_}」的{word} {points} 与其下各项指标{word}之和 "
                             f"{plain(summed)} 不一致：{kept}，各项指标的{word}取自「{column}」一列，请核对原表")
    return notes
