"""Recognise a 项目支出绩效目标表 by its layout and make the `kind: 绩效目标` file an auditor would write.

A target table is published with the budget, before anything is done: its indicators have a 指标值
and never a 实际完成值 or 得分. That is what tells it from a 自评表, whatever its title calls it
(申报表, 审批表, 批复表, 绩效目标表). Around the indicators, forms differ as 自评表 do:

- facts in label | value pairs, or 「预算单位: …」 in one cell or a line above the table;
- the year's money as pairs, as a row of labels over a row of amounts, or as a column of a list;
  amounts with 万元/元 in the cell; multi-year amounts (项目总投资, 中期…预算) are not the year's;
- 中期/长期 and 年度 goals beside their labels or under them;
- 指标性质 | 指标值 | 度量单位 in three columns (joined into one target text, as for 自评),
  or one cell printing all three (=100百分比);
- a 中期 and a 年度 indicator set side by side, one block over the other (each under its own
  header, labelled 中期/长期/实施期 or 年度), or as two value columns of one row (中期指标值 |
  年度指标值): the 年度 set is `indicators`, the 中期 set `midterm_indicators`;
- a department's list: one table holding several programmes, one row per indicator, with the
  programme's columns (单位名称, 项目名称, 预算数, 年度目标) on its first row; each programme
  becomes its own file.

Nothing is guessed: a weight is written only where the form prints one, a total only where the
form states the year's amount, and every judgement is a note for the clerk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from perfsite.decimals import parse_decimal, plain
from perfsite.importing.assemble import (
    Draft,
    Hints,
    amount,
    amount_in_words,
    before_figure,
    converted_note,
    half_width_figures,
    marked_amount,
    money_units,
    number,
    other_words,
    stated_year,
    unit_without_code,
    without_code,
)
from perfsite.importing.file_notes import place_notes
from perfsite.importing.grid import ABOVE, Cell, Grid, compact, flat, label, row_number, unprinted
from perfsite.importing.labels import (
    CORE_MARK,
    FORM_COLUMNS,
    NOT_APPLICABLE,
    NOT_APPLICABLE_TARGETS,
    PROGRAMME_NAME,
    TEMPLATE_HINT,
    TEMPLATE_NAME,
    TEMPLATE_NUMBER,
    UNITS,
    bare,
    ceiling_note,
    ceiling_target,
    finance_label,
    finance_note,
    hinted_cell,
    hinted_note,
    is_sign_off,
    is_total,
    joined_labels,
    joined_values,
    level_label,
    level_rank,
    match,
    names_code,
    no_figure,
    template_unit,
    template_unit_note,
)
from perfsite.importing.period_span import length_period, two_cell_period
from perfsite.importing.row_figures import mark_note, unmarked
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.tables import (
    ADJUSTED,
    INITIAL,
    TARGET_ONLY_COLUMNS,
    TITLE,
    header_at,
    in_force,
    in_force_note,
    level_points_folded,
    money_unit,
    split_notes,
    template_note,
)
from perfsite.importing.text import Prose, title_facts
from perfsite.importing.writer import Num
from perfsite.kinds import FILE_SUFFIX as KIND_SUFFIX
from perfsite.kinds import DocumentKind
from perfsite.values import LEADING_SIGN, PLACEHOLDERS, SIGN_CLASS, UNSTATED, parse_value, uncertain_word

KIND = str(DocumentKind.TARGETS)
FILE_SUFFIX = KIND_SUFFIX[DocumentKind.TARGETS]
"""A target table's file sits beside its 自评 under the same id: yingyang-gaishan-mubiao.yaml."""

COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("level1", ("一级指标", "一级目标")),
    ("level2", ("二级指标",)),
    ("name", ("三级指标", "指标名称", "三级指标名称", "绩效指标名称", "具体指标", "指标内容")),
    ("sign", ("指标性质", "比较符号", "指标符号", "运算符号", "符号")),
    ("target", ("指标值", "年度指标值", "指标目标值", "目标值", "计划指标值", "年度目标值", "预期指标值",
                "预期目标值", "绩效目标值", "当年预期实现值", "计划水平", "指标值及单位", "全年指标值", "当年度指标值",
                "年初指标值", "年初目标值")),
    (ADJUSTED, tuple(word for word, key in FORM_COLUMNS.items() if key == ADJUSTED)),
    ("midterm_target", ("中期指标值", "实施期指标值", "项目期指标值", "长期指标值", "中期目标值", "实施期目标值",
                        "中期指标目标值", "实施期指标目标值", "实施周期目标值", "实施周期指标值")),
    ("measure", ("度量单位", "计量单位", "单位")),
    ("weight", ("权重", "分值", "指标权重", "权重分", "权重分值", "标准分", "指标分值")),
    *TARGET_ONLY_COLUMNS,
    ("programme", ("项目名称", "二级项目名称", "专项名称")),
    ("unit", ("单位名称", "预算单位", "部门名称")),
    ("amount", ("预算数", "预算金额", "项目金额", "年度资金总额", "资金总额", "预算申报数")),
    ("annual_goal", ("年度目标", "年度绩效目标")),
    ("midterm_goal", ("实施期绩效目标", "实施期目标")),
    ("ignored", ("指标方向性", "指标方向", "备注", "序号", "绩效指标", "评分标准", "评扣分标准", "指标值类型", "单位代码", "单位编码")),
)
"""Header words of target tables (compared whole, without spaces or bracketed notes). A 年初指标值 beside an
调整后指标值 is a 目标表 as adjusted mid-year: the adjusted value is the target in force, as for a 自评表
(tables.in_force), the 年初 one kept in a comment."""

SPANNING = ("绩效指标", "年度绩效指标", "指标值", "年度指标值", "绩效目标", "指标")
"""Upper header cells that only span the real headers below them."""
IGNORED_COLUMNS = {"指标方向性": "指标方向性（正向/反向）已由指标性质表明", "指标方向": "指标方向（正向/反向）已由指标性质表明",
                   "备注": "备注一栏数据格式没有对应的键", "评分标准": "评（扣）分标准一栏数据格式没有对应的键（绩效目标表不计分）",
                   "指标值类型": "指标值类型已由指标值表明"}
SELF_EVALUATION = re.compile(r"实际完成|完成值|实际值|全年实际|完成情况|得分|完成率|偏差原因|未完成原因|未达到")
"""Header words only a 自评表 has: a table with any of them filled in is no target table. A target
table may print them for the year's end and leave them blank in every row (韶关's 转移支付 目标表:
实际完成值 | 未达到指标值原因, tests/forms_layouts/l19): still a target table, the blank columns unread."""
EVALUATION = re.compile(r"^评价|^评分|^考核")
"""Header words of an evaluation's index table (评价指标 | 评价内容 | 指标名称 | 目标值 | 分值): it sets
targets too, but for scoring a year already run, and is read as one (tables.scan)."""
_CRITERIA = "评分标准"
"""「评（扣）分标准」: an evaluation index table's column, but 湖南's target tables print it too (the
criteria the year will be scored by); beside a 分值 column it marks the evaluation, alone it does not."""
_EVALUATION_TITLE = re.compile(r"自评|评价")

FACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("department_code", ("主管部门编码", "主管部门代码", "部门编码", "部门代码")),
    ("parent", ("一级项目名称",)),
    ("name", PROGRAMME_NAME),
    *UNITS,
    ("attribute", ("项目属性", "项目类型", "项目性质", "是否新增")),
    ("period", ("起止年限", "项目期", "项目起止时间", "项目起止年限", "建设周期", "实施期限", "项目周期", "实施周期",
                "项目实施期", "项目实施周期", "起止时间", "项目支出实施期", "实施期", "项目期限")),
    ("start", ("项目开始日期", "开始日期", "开始时间", "项目开始时间")),
    ("year", ("年度", "预算年度")),
    ("unit_of_money", ("金额单位",)),
    ("department", ("部门",)),
)
_END_DATE = re.compile(r"^(?:项目)?(?:完成|结束|终止).?(?:日期|时间|期)$")
"""「项目完成日期」, and the same label misread by a scan (「项目完成H期」)."""

_MIDTERM = re.compile(r"中期|长期|实施期(?:绩效)?目标|总目标|项目总体目标")
_ANNUAL = re.compile(r"^(?:本)?年度(?:总体)?(?:绩效|总体|主要)?目标")
_SIDE_GOAL = ("总体目标", "绩效目标", "项目绩效目标")
"""Labels over the 中期 and 年度 goal labels, heading no text of their own."""

_SIDE_MONEY = ("项目资金", "资金情况", "项目资金情况", "资金来源", "项目预算", "资金构成", "资金总额及构成", "项目资金申请")
_MONEY = re.compile(r"资金|预算|拨款|安排|总额|投资|金额|自筹|收入|补助$")
_NOT_MONEY = re.compile(r"代码|编码|分类|科目|性质|用途|来源|执行数")
FUNDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("skip", re.compile(r"中期|总投资|项目总预算|^总预算|累计|以前年度|上年")),
    ("rate", re.compile(r"执行率")),
    ("other", re.compile(r"其他|其它|自有|自筹|单位资金|事业收入|经营")),
    ("total", re.compile(r"^(?:本次)?下达")),
    ("fiscal", re.compile(r"财政|中央|省级|市级|县级|区级|补助|本级|上级|地方|^预算资金$")),
    ("total", re.compile(r"资金总额|年度预算|预算数|预算申报|申请金额|资金总计|总额|合计|预算资金|^年度金额$")),
)
"""A money label's part, first match wins: a multi-year amount is not the year's (skip); the one amount
an allocation's table states (「下达中央预算内投资」「本次下达中央预算内投资」) is its whole money, whatever level pays it."""

_TICKED = re.compile(r"(新增|延续|持续)[^□☐√✓☑■✔]{0,4}[√✓☑■✔]|[√✓☑■✔]\s*(新增|延续|持续)")
_YES = ("是", "★", "√", "✓", "☑", "核心指标", "Y", "y")
ITEM_ORDER = ("level1", "level2", "name", "nature", "target", "unit", "weight", "explanation", "basis",
              "data_source", "core")
_INLINE = re.compile(r"^([^:：]{2,10})\s*[:：]\s*(\S.{0,80})$")

Used = set[tuple[str, int, int]]


@dataclass
class IndicatorSet:
    """The columns of the 年度 set and of a 中期 set beside it (key → column)."""

    columns: dict[str, int]
    label: str
    """Which columns, for the clerk (「第F–H列」)."""
    midterm: dict[str, int] = field(default_factory=dict)
    """The 中期 set's columns (empty when the form prints one set)."""
    midterm_label: str = ""
    others: list[str] = field(default_factory=list)
    """Further sets neither read as 年度 nor as 中期 (a third set side by side)."""


@dataclass
class TargetForm:
    """What one 绩效目标表 (one programme) holds, as printed."""

    where: str
    facts: dict[str, str] = field(default_factory=dict)
    funds: list[tuple[str, str, str]] = field(default_factory=list)
    """(part, label, text) of each money cell: part total/fiscal/other/skip."""
    goals: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    midterm_rows: list[dict[str, str]] = field(default_factory=list)
    """The 中期 set's rows (midterm_indicators), as `rows`."""
    midterm_refs: list[str] = field(default_factory=list)
    extra: list[dict[str, str]] = field(default_factory=list)
    """Indicators the form states outside its table (a scored 预算执行率 in the money block)."""
    template_rows: list[tuple[int, str]] = field(default_factory=list)
    hinted: list[tuple[str, str, str]] = field(default_factory=list)
    """Targets read through the template's hint after the name: (cell, as printed, as read)."""
    adjusted: list[str] = field(default_factory=list)
    """The 调整后指标值 cells taken as targets, each with the 年初 one it replaced (`in_force`), for the note."""
    stated_total: str = ""
    """The weight of a 合计 row."""
    notes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    table: str = ""
    """The grid the indicators come from, for the clerk."""
    span: str = ""
    """Rows of a list's programme (「第5–12行」); empty for a one-programme form."""
    start: int = 0
    """The row of `table` the form's rows start at (a list's programme's first row), for the notes naming its cells."""
    levels: tuple[dict[str, str], dict[str, str]] = field(default_factory=lambda: ({}, {}))
    """The 一级/二级指标 in force at the table's last row (年度 set, 中期 set beside it), for a table
    that goes on after a page break."""
    conflicts: list[str] = field(default_factory=list)
    """Rows that cannot belong to this programme (a 预算数 of their own under a merged 项目名称)."""
    part: int = 0
    """Which of the file's target tables one after another (`_parts`) the form is, from 0."""
    parts: int = 1
    """How many target tables one after another the file holds."""


@dataclass
class Scan:
    forms: list[TargetForm] = field(default_factory=list)
    used: Used = field(default_factory=set)
    near: str = ""
    """Where no indicator header is found: the row that looks like a target table's header but lacks
    its 指标值 column, said for the clerk (「工作表「目标表」第 4 行像是绩效目标表的指标表头…」)."""


# --------------------------------------------------------------------------- recognition

UNIT_OR_PROGRAMME = re.compile(r"^单位[（(](?:专项|项目)[)）]名称$")
"""「单位(专项)名称」: one column naming each unit on a row of its own and, under it, the unit's
programmes (湖南's export, tests/forms_targets/t14): the programme's column, its indicator-less rows units."""


def _key(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The key of a header word, compared without spaces or bracketed notes; failing that, with
    the brackets' characters alone dropped (「评(扣分标准)」, its bracket closing late, is 评扣分标准)."""
    if table is COLUMNS and UNIT_OR_PROGRAMME.match(compact(text)):
        return "programme"
    word = bare(text)
    if not word:
        return None
    found = next((key for key, words in table if word in words), None)
    if found is None:
        unbracketed = re.sub(r"[（()）]", "", compact(text))
        found = next((key for key, words in table if unbracketed in words), None)
    return found


def column_of(text: str) -> str | None:
    return _key(text, COLUMNS)


def _header(grid: Grid, r: int) -> tuple[list[tuple[int, str]], int]:
    """([(column, key)], rows taken) of a target indicator header at row `r`, or ([], 0).

    Two rows when both hold only header words (「年度指标值」 over 「指标性质 | 指标值 |
    度量单位」); a lower cell without text takes the key of the upper cell merged down over it.
    """
    row = grid.rows[r]
    single = _first_level(row, [(c, k) for c, cell in enumerate(row) if cell.own and (k := column_of(cell.own))])
    single = _levels_from_cells(grid, r, single)
    if r + 1 < len(grid.rows):
        lower = [cell.own for cell in grid.rows[r + 1] if cell.own]
        upper = [cell.own for cell in row if cell.own]
        if (lower and all(column_of(t) or SELF_EVALUATION.search(bare(t)) for t in lower)
                and all(column_of(t) or bare(t) in SPANNING for t in upper)):  # year-end words: checked blank by the caller
            two: list[tuple[int, str]] = []
            for c in range(max(len(row), len(grid.rows[r + 1]))):
                below = grid.cell(r + 1, c)
                key = column_of(below.own) if below.own else column_of(grid.cell(r, c).own)
                if key:
                    two.append((c, key))
            if _is_header(two) and len(two) > len(single):
                return two, 2
    return (single, 1) if _is_header(single) else ([], 0)


_LEVEL_WORD = re.compile(r"^\S{0,4}指标$")


def _first_level(row: list[Cell], columns: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The header's columns with the 一级 column a header names in no words of ours: the headed cell
    just left of 「二级指标」, itself a 「…指标」 (「级指标」 where a stored copy lost the 一, 「指标类别」
    is no such word). Without it the 一级 levels were dropped from every indicator (舒城县's
    「实施效果指标」 and 「过程管理指标」, tests/forms_targets/t13)."""
    keys = dict(columns)
    level2 = next((c for c, k in columns if k == "level2"), None)
    if level2 is None or "level1" in keys.values() or level2 == 0 or (level2 - 1) in keys:
        return columns
    left = row[level2 - 1]
    if left.own and _LEVEL_WORD.match(bare(left.own)):
        return sorted([*columns, (level2 - 1, "level1")])
    return columns


_SECOND_ONLY = re.compile(r"^(?:数量|质量|时效|经济效益|社会效益|生态效益|可持续影响)指标$")
"""二级 levels of every template that are never a 一级 (成本指标, 满意度指标 are either, by the template's year)."""
_FIRST_ONLY = re.compile(r"^(?:产出|效益)指标$")
_LEVEL_CELL = re.compile(r"^\S{2,14}指标$")


def _column_cells(grid: Grid, r: int, c: int) -> list[str]:
    """The own texts of column `c` under the header row `r`, down to the first empty row."""
    out = []
    for n in range(r + 1, len(grid.rows)):
        if not any(cell.own for cell in grid.rows[n]):
            break
        if grid.cell(n, c).own:
            out.append(bare(level_label(grid.cell(n, c).own)))
    return out


def _levels_from_cells(grid: Grid, r: int, columns: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Level columns headed in other words than their cells say, read by their cells:

    - 「一级指标 | 二级指标 | 绩效标准 | 当年预期实现值」 with the 一级 column holding 数量指标, 质量指标 … and
      the 二级 column the indicators' names, no 三级 column (鄂州 市直's 目标表, tests/forms_trial7/t7imp1):
      the columns are the 二级 levels and the names (`level_shift_note` says so);
    - 「指标 | 指标内容 | 指标值」, the column headed 「指标」 left of the name holding 产出指标, 效益指标 (the MoF
      申报表 sample, tests/forms_trial7/t7imp1): a level column, 一级 unless its cells are 二级 levels only.
    Without them the first form was no target table at all and the second lost every 一级 level."""
    if len(columns) < 2:
        return columns  # no header (nearly every row a scan looks at)
    keys = {k: c for c, k in columns}
    if "name" not in keys and "level1" in keys and "level2" in keys and "target" in keys:
        first, second = _column_cells(grid, r, keys["level1"]), _column_cells(grid, r, keys["level2"])
        if (first and second and all(_LEVEL_CELL.match(t) for t in first) and any(_SECOND_ONLY.match(t) for t in first)
                and not any(_LEVEL_CELL.match(t) for t in second)):
            shifted = {"level1": "level2", "level2": "name"}
            return [(c, shifted.get(k, k)) for c, k in columns]
    if "name" in keys and "level1" in keys and "level2" not in keys:
        first = _column_cells(grid, r, keys["level1"])
        if first and all(_LEVEL_CELL.match(t) for t in first) and any(_SECOND_ONLY.match(t) for t in first) \
                and not any(_FIRST_ONLY.match(t) for t in first):
            return [(c, "level2" if k == "level1" else k) for c, k in columns]
    if "name" in keys and "level1" not in keys and "level2" not in keys and keys["name"] > 0:
        left = keys["name"] - 1
        if left not in dict(columns) and bare(grid.cell(r, left).own) == "指标":
            cells = _column_cells(grid, r, left)
            if cells and all(_LEVEL_CELL.match(t) for t in cells):
                key = "level2" if all(_SECOND_ONLY.match(t) for t in cells) else "level1"
                return sorted([*columns, (left, key)])
    return columns


_EXPLAINS = re.compile(r"^(?:反映|考核|衡量|用于反映|主要反映)")
"""How the MoF template's 指标解释 begins (「反映…情况」)."""


def _explaining_basis(grid: Grid, header: int, height: int, cols: dict[str, int]) -> str:
    """A 「绩效标准」 column (read as `basis`) whose cells, most of them, explain the indicator (「反映办公大楼
    全年维修维护情况」, 鄂州 市直, tests/forms_trial7/t7imp1) is read cell by cell (`cols` names it `standard`,
    `read_row` splits it): a cell that explains (「反映…」) is the 指标解释, any other keeps what the header says,
    the standard the target is set by (the same form's 成本控制率 row: 「不超预算」). Read whole as the
    explanation, 「不超预算」 was published as what the indicator means. 「计划标准」 in it (湘潭) stays the basis."""
    if "basis" not in cols or "explanation" in cols:
        return ""
    c = cols["basis"]
    word = next((bare(grid.cell(h, c).own) for h in range(header, header + height) if grid.cell(h, c).own), "")
    cells = _column_cells(grid, header + height - 1, c)
    explaining = sum(bool(_EXPLAINS.match(t)) for t in cells)
    if word != "绩效标准" or not cells or 2 * explaining <= len(cells):
        return ""
    cols["standard"] = cols.pop("basis")
    kept = [t for t in cells if not _EXPLAINS.match(t) and t not in PLACEHOLDERS]
    rest = (f"；其余 {len(kept)} 格（{'、'.join(f'「{t}」' for t in kept[:3])}{'…' if len(kept) > 3 else ''}）"
            "不是解释，仍按设定依据写入 basis") if kept else ""
    return (f"{grid.label}「绩效标准」一栏 {explaining} 格填的是指标的解释（「反映…」）：这些格写入指标解释 explanation"
            f"（不是设定依据 basis）{rest}，请核对")


def level_shift_note(grid: Grid, header: int, cols: dict[str, int]) -> str:
    """What the clerk is told of a header whose 一级 and 二级 columns were read one level down."""
    if "level2" not in cols or bare(grid.cell(header, cols["level2"]).own) != "一级指标":
        return ""
    names = "，「二级指标」一栏填的是指标名称" if bare(grid.cell(header, cols["name"]).own) == "二级指标" else ""
    return (f"{grid.label}第 {row_number(grid, header)} 行的表头「一级指标」一栏填的是二级指标（数量指标、质量指标…）{names}："
            f"按二级指标{'、指标名称' if names else ''}读入（原表没有一级指标），请核对")


_TARGET_ONLY = ("level1", "level2", "sign", "measure", "explanation", "basis", "data_source", "core")


def _near_header(grid: Grid, r: int) -> str:
    """A row naming the indicator (三级指标) and target-table columns (指标性质, 度量单位 …) but no 指标值
    column a clerk can see, and nothing a 自评表 has, in this row or the header row above it: said, with the
    labels not recognised, or "". A two-row header prints 「自评得分」 merged down beside 「一级 | 二级 | 三级」
    (大英县总工会's 部门整体 得分表, tests/forms_dept26): the row under it is no target table's header."""
    row = grid.rows[r]
    texts = [cell.own for cell in row if cell.own]
    keys = {column_of(t) for t in texts}
    above = [cell.own for cell in grid.rows[r - 1] if cell.own] if r else []
    if ("name" in keys) == ("target" in keys) or not keys & set(_TARGET_ONLY) \
            or any(SELF_EVALUATION.search(bare(t)) for t in (*texts, *above)):
        return ""
    unknown = "、".join(f"{cell.ref}「{flat(cell.own)}」" for cell in row if cell.own and column_of(cell.own) is None)
    said = f"，认不出的列名：{unknown}" if unknown else ""
    near = f"{grid.label}第 {row_number(grid, r)} 行像是绩效目标表的指标表头"
    places = [cell for cell in row if cell.own and column_of(cell.own) is None and _PLACE.search(bare(cell.own))]
    below = [cell for cell in (grid.rows[r + 1] if r + 1 < len(grid.rows) else []) if cell.own]
    if len(below) > 1 and all(_PLACE.search(bare(cell.own)) for cell in below):
        places = below  # 「区域目标值」 over a row of the places (龙岩's 专项转移支付 目标表, tests/forms_trial8b)
    if "name" in keys and len(places) > 1:
        return (f"{near}，但没有「指标值」一栏，而是每个地方一栏（{'、'.join(f'{c.ref}「{flat(c.own)}」' for c in places)}）："
                "数据格式一个项目只有一组指标值，各地的值导入不了，也不替原表选一个地方或相加。请向填报单位要整个项目的指标值，"
                "填进一栏「指标值」（删去各地的栏）后重新导入；或按地方各做一个文件（只留本地一栏，表头改为「指标值」），各导入为一个项目")
    if "name" not in keys:  # 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值 with no column of names
        return (f"{near}，但没有写指标名称的「三级指标」一栏（也认 指标名称、指标内容）{said}：请把写指标名称的那一栏的表头改为"
                "「三级指标」后重新导入；原表没有指标名称时，请向填报单位要完整的绩效目标表")
    return (f"{near}，但没有「指标值」一栏（也认 年度指标值、目标值、指标目标值、指标值及单位）{said}：请把写指标值的那一栏的表头"
            "改为「指标值」后重新导入；原表没有指标值时，请向填报单位要完整的绩效目标表")


_PLACE = re.compile(r"(?:[省市区县镇乡村]|街道|街道办|办事处|社区|苏木|嘎查)$")
"""A column headed by a place (「笏石街道办」, 「西坪镇尧山村」): 福建's 水利专项 目标表 give each town its own
column of targets (tests/forms_trial8b)."""


def _is_header(columns: list[tuple[int, str]]) -> bool:
    keys = [k for _, k in columns]
    return "name" in keys and "target" in keys


def year_end_filled(grid: Grid, r: int, height: int = 1) -> bool:
    """Whether a 实际完成值, 得分 … column of the header at row `r` (`height` rows) holds anything in a
    row below it, down to the rows signing the form off: what the year's end fills in. All of them blank
    is a target table printed with them."""
    columns = {c for row in grid.rows[r:r + height] for c, cell in enumerate(row)
               if cell.own and SELF_EVALUATION.search(bare(cell.own))}
    for below in range(r + height, len(grid.rows)):
        if is_sign_off(next((cell.own for cell in grid.rows[below] if cell.own), "")):
            return False  # 「填表人： | 张某某 | …」 under the table fills no year-end column
        if any(grid.cell(below, c).own.strip() for c in columns):
            return True
    return False


def is_self_evaluation(grids: list[Grid]) -> bool:
    """Any grid with an indicator header that has a 实际完成值, 得分 or 完成率 column filled in: a 自评表."""
    for grid in grids:
        for r, row in enumerate(grid.rows):
            texts = [cell.own for cell in row if cell.own]
            if (any(SELF_EVALUATION.search(bare(t)) for t in texts) and (header := header_at(grid, r))[0]
                    and year_end_filled(grid, r, header[1])):
                return True
    return False


def find_targets(grids: list[Grid], paragraphs: list[str]) -> Scan:
    """Every programme's target table in the file's grids; none when the file is a 自评表. A file holding
    several target tables one after another, each in tables of its own under its own title or 项目名称 (a
    budget disclosure's 附表, one a programme), gives one form each, read from its own tables and the
    paragraphs from its title to the next one's: read as one, the second table was left unplaced and its
    title gave the first programme its year (鄂州's 2022 over 宁乡's 2021, tests/test_trial8b_several.py)."""
    grids = [level_points_folded(grid) for grid in grids]  # 「一级指标 | 分值 | 二级指标 | 分值 | …」, as `scan` reads it
    scan = Scan()
    if is_self_evaluation(grids):
        return scan
    headers = [(grid, r) for grid in grids for r in range(len(grid.rows)) if _header(grid, r)[0]]
    grids, headers = _stacked(grids, headers)
    if not headers:
        scan.near = next((said for grid in grids for r in range(len(grid.rows)) if (said := _near_header(grid, r))), "") \
            or _titled_without_table(grids, paragraphs)
        return scan
    grid, first = headers[0]
    height = _header(grid, first)[1]
    words = [bare(cell.own) for row in grid.rows[first:first + height] for cell in row if cell.own]
    if (any(SELF_EVALUATION.search(w) for w in words) and year_end_filled(grid, first, height)) or _evaluation_header(words):
        return scan
    parts = _parts(grids, headers, paragraphs)
    first = parts[0][3]
    page = first[:next((k for k, p in enumerate(first) if heading_name(p)), 0)]  # the page's own title, over every programme
    tables: list[set[str]] = []
    for n, (lo, hi, (at, header), own, cut) in enumerate(parts):
        before = own[:max(at.paras_before - cut, 0)] if at.document else []
        forms, near = _read_part(grids[lo:hi], at, header, (own, before), scan.used)
        if n == 0 and near:
            scan.near = near
            return scan
        for form in forms:
            form.part, form.parts = n, len(parts)
            form.titles = [*(t for t in page if len(t) <= 80), *form.titles] if n else form.titles  # 「2023年慈溪市…情况」
            if len(parts) > 1:
                form.notes.insert(0, f"本文件有 {len(parts)} 张绩效目标表（各有标题或项目名称），各自导入为一个文件；"
                                     f"这是第 {n + 1} 张（{form.where}）")
        scan.forms += forms
        tables += [{grid.label for grid in grids[lo:hi]} for _ in forms]
    if len(scan.forms) > 1:  # the first table's notes about the whole file, said once; a table's own, on its forms
        place_notes((note for grid in grids for note in grid.notes), [
            (form.notes, own) for form, own in zip(scan.forms, tables, strict=True)])
    tail = [p for p in paragraphs[grids[-1].paras_before:] if heading_name(p)] if grids[-1].document else []
    if scan.forms and tail:  # 慈溪's page goes on with the next programme's heading and goal, its table cut off
        scan.forms[-1].notes.append(f"最后一张表格之后还有{'、'.join(f'「{flat(p)}」' for p in tail)}，但其后没有指标表（原文可能在这里被截断）："
                                    "未导入，请向填报单位要这个项目完整的绩效目标表")
    return scan


_TARGET_TITLE = re.compile(r"目标(?:申报|审批|批复|设定)?表|绩效目标\S{0,4}公示")


def _titled_without_table(grids: list[Grid], paragraphs: list[str]) -> str:
    """What the clerk is told of a file titled a 绩效目标表 that holds no indicator table (德化's head, cut
    after its money, tests/forms_trial8b): the 自评 reader's failure asked for a 分值/权重 column, which no
    target table has. A notice whose table is a file it attaches is told by `attached_target_table`."""
    texts = [*paragraphs, *(cell.own for grid in grids for row in grid.rows[:6] for cell in row if cell.own)]
    if said := attached_target_table(texts):
        return said
    title = next((line for line in _target_titles(texts) if not _ATTACHED_FILE.search(compact(line))), "")
    if not title:
        return ""
    return (f"标题「{title}」是绩效目标表，但文件中没有绩效指标表（表头有「三级指标」或「指标名称」和「指标值」的表格）："
            "原表可能在指标表之前被截断（复制、转换时丢了后面的部分），请向填报单位要完整的绩效目标表")


def attached_target_table(texts: list[str]) -> str:
    """The failure for a notice whose 绩效目标表 is a file it attaches (同心县's 绩效目标设定的公示: the targets in
    prose, 「附件:…绩效目标设定表.xlsx」, tests/forms_cycle27/k03), naming that file: the clerk has the page or
    its text in Word, not the attachment. Empty when no line names an attached target table."""
    lines = _target_titles(texts)
    attached = next((found[1] for line in lines if (found := _ATTACHED_FILE.search(compact(line)))), "")
    if not attached:
        return ""
    title = next((line for line in lines if not _ATTACHED_FILE.search(compact(line))), "")
    return (f"{f'标题「{title}」' if title else '文件'}说的是绩效目标表，但表格是附件「{attached}」，不在本文件中"
            "（本文件只有正文，正文中写的目标不导入）：请下载该附件后导入它；没有附件时请向填报单位要")


def _target_titles(texts: list[str]) -> list[str]:
    """The short lines naming a 绩效目标表 (no 自评表)."""
    return [flat(t) for t in texts if len(t) <= 80 and _TARGET_TITLE.search(compact(t)) and "自评" not in compact(t)]


_ATTACHED_FILE = re.compile(r"^附件\d*[:：.、]?(?:\d+[.、．])?(.+?\.(?:xlsx?|docx?|et|wps|pdf|ofd))$", re.IGNORECASE)
"""A line naming the file a notice attaches (「附件:下马关镇…绩效目标设定表.xlsx」, 同心县's 绩效目标设定的公示,
tests/forms_cycle27/k03): a page saved without it holds the notice's prose only, the table is that file."""


def _stacked(grids: list[Grid], headers: list[tuple[Grid, int]]) -> tuple[list[Grid], list[tuple[Grid, int]]]:
    """The grids with one holding several target tables one under another (a sheet of a unit's programmes'
    目标表, each with its 项目名称 rows over its own indicator header) cut into one part each, and the headers
    in them; the parts keep the rows' places (rows above a part are left empty), so cells are named as in the
    file. Read as one, the money of both went to the first programme (清涧's 财政拨款 500 and the next's 300
    summed to 800 under a 资金总额 of 500). A 中期 block over a 年度 block (no 项目名称 between) stays one."""
    rows: dict[int, list[int]] = {}
    for grid, r in headers:
        rows.setdefault(id(grid), []).append(r)
    out: list[Grid] = []
    found: list[tuple[Grid, int]] = []
    for grid in grids:
        own = rows.get(id(grid), [])
        cuts = [_titled_from(grid, before, start) for before, header in pairwise(own)
                if (start := next((r for r in range(before + 1, header) if any(
                    _label_kind(cell.own) == ("fact", "name") for cell in grid.rows[r] if cell.own)), None)) is not None]
        if not cuts:
            out.append(grid)
            found += [(grid, r) for r in own]
            continue
        bounds = [0, *cuts, len(grid.rows)]
        for a, b in pairwise(bounds):
            notes = split_notes(grid, a)[1] if a else split_notes(grid, b)[0] if b < len(grid.rows) else grid.notes
            part = Grid(grid.label, [[] for _ in range(a)] + grid.rows[a:b], grid.before if a == 0 else "", notes,
                        grid.document, grid.paras_before)
            out.append(part)
            found += [(part, r) for r in own if a <= r < b]
    return out, found


def _titled_from(grid: Grid, header: int, start: int) -> int:
    """Where the target table whose 项目名称 row is `start` begins: at the title rows right above it (「附表1」,
    「绩效目标申报表」, 「(2021年度)」, one cell each, blank rows between), not below the indicator header
    `header` of the table before: its year is in them."""
    top = start
    r = start - 1
    while r > header:
        owns = [cell.own for cell in grid.rows[r] if cell.own]
        if len(owns) > 1 or (owns and not (TITLE.search(owns[0]) or _FORM_TITLE.search(compact(owns[0])))):
            break
        if owns:
            top = r
        r -= 1
    return top


def _parts(grids: list[Grid], headers: list[tuple[Grid, int]], paragraphs: list[str]
           ) -> list[tuple[int, int, tuple[Grid, int], list[str], int]]:
    """(first grid, end, the indicator header, paragraphs, the first paragraph's index) of each target table of the file. A later table
    with an indicator header starts a table of its own when it does not go on with the one before (the
    header repeated after a page break, `_goes_on`) and the tables or paragraphs since name a programme of
    their own (a 项目名称, or a title: 「…项目绩效目标」, 「…绩效目标表」); else it stays with the first
    (its cells listed as unplaced). Each table's paragraphs run from the last table before it to its own last."""
    index = {id(grid): n for n, grid in enumerate(grids)}
    first_of = {}
    for grid, r in headers:
        first_of.setdefault(id(grid), r)
    starts = [(0, index[id(headers[0][0])], first_of[id(headers[0][0])])]
    n = starts[0][1]
    while True:
        n = _run_end(grids, n, first_of[id(grids[n])])
        later = next((k for k in range(n, len(grids)) if id(grids[k]) in first_of), None)
        if later is None:
            break
        if _names_programme(grids[n:later + 1], first_of[id(grids[later])],
                            paragraphs[grids[n - 1].paras_before:grids[later].paras_before]):
            starts.append((n, later, first_of[id(grids[later])]))
        n = later
    ends = [lo for lo, _, _ in starts[1:]] + [len(grids)]
    cuts = [0, *(grids[end - 1].paras_before for end in ends[:-1]), len(paragraphs)]
    return [(lo, end, (grids[at], header), paragraphs[cuts[k]:cuts[k + 1]] if len(starts) > 1 else paragraphs, cuts[k])
            for k, ((lo, at, header), end) in enumerate(zip(starts, ends, strict=True))]


def _run_end(grids: list[Grid], n: int, header: int) -> int:
    """The end of the run of tables from `grids[n]` (holding an indicator header at row `header`) that
    go on with it after page breaks (`_goes_on`)."""
    k = n + 1
    while k < len(grids) and _goes_on(grids[n], header, grids[k]):
        k += 1
    return k


def _goes_on(grid: Grid, header: int, part: Grid) -> bool:
    """Whether the Word table `part` goes on with `grid`'s indicator table after a page break: it starts
    with the header again, under the same caption, nothing between."""
    name_column = dict((k, c) for c, k in _header(grid, header)[0]).get("name")
    first = next((r for r, row in enumerate(part.rows) if any(cell.own for cell in row)), None)
    columns = _header(part, first)[0] if first is not None else []
    return bool(grid.document and part.document and part.before == grid.before and columns
                and dict((k, c) for c, k in columns).get("name") == name_column)


_OWN_TITLE = re.compile(r"(?:项目|资金)(?:支出)?绩效目标(?:表|申报表|审批表)?(?:[（(].*[)）])?$")
"""A heading that names a programme's target table: 「…服务项目项目绩效目标」, 「…项目支出绩效目标表」."""


def _names_programme(grids: list[Grid], header: int, paragraphs: list[str]) -> bool:
    """Whether the tables (the last up to its indicator header at row `header`) and paragraphs before a
    later indicator table name a programme of their own: a 项目名称 or a target table's title."""
    facts: dict[str, str] = _inline_facts(paragraphs)
    titles: list[str] = []
    for n, grid in enumerate(grids):
        for r in range(header if n == len(grids) - 1 else len(grid.rows)):
            _surroundings(grid, r, set(), facts, [], {}, [], titles)
    return bool(facts.get("name")) or any(_OWN_TITLE.search(compact(t)) for t in [*paragraphs, *titles, grids[-1].before])


def _read_part(grids: list[Grid], grid: Grid, first: int, texts: tuple[list[str], list[str]], used: Used
               ) -> tuple[list[TargetForm], str]:
    """The forms of one target table (its indicator header at `first` in `grid`), from `grids`, the tables
    from the one before's end to its own, and its paragraphs (all, and those above its indicator table); or
    the message of a table its title says is an evaluation. The tables' own notes go with its forms, as
    `tables.scan` passes them on for a 自评表: a PDF's row cut by a page break and joined to the row
    above (湘西州特校's 「残」「疾学生家庭负担率」, tests/forms_pdf26/narrow-cut.pdf) was joined unsaid."""
    paragraphs, before = texts
    height = _header(grid, first)[1]
    words = [bare(cell.own) for row in grid.rows[first:first + height] for cell in row if cell.own]
    titles = [p for p in paragraphs if len(p) <= 80]
    in_grid = len(titles)
    facts, funds, goals, extra = _inline_facts(paragraphs), [], {}, []
    for other in grids:
        for r in range(len(other.rows)):
            if other is grid and r >= first:
                break
            _surroundings(other, r, used, facts, funds, goals, extra, titles)
    forms = _indicators(grid, first, used, caption=next((w for p in reversed(before) if (w := set_word([p]))), None))
    for key, text in prose_goals(before).items():
        goals.setdefault(key, text)
    if not facts.get("name") and (heading := next((p for p in reversed(before) if heading_name(p)), "")):
        facts["name"], facts[NAME_FROM_HEADING] = heading_name(heading), heading
    tables = [grid, *_continued(grids, grid, first, forms, used)]
    for part in tables:
        tail = max((r for label_, r, _ in used if label_ == part.label), default=first) + 1
        for r in range(tail, len(part.rows)):  # facts or notes under the table (填报人, 审核意见 …)
            _surroundings(part, r, used, facts, funds, goals, extra, titles)
    deciding = _deciding_titles(grid, titles, in_grid)
    titled = next((t for t in deciding if _EVALUATION_TITLE.search(compact(t)) and "目标" not in compact(t)), None)
    if titled is None and any(SELF_EVALUATION.search(w) for w in words):
        titled = next((t for t in deciding if "自评" in compact(t)), None)
    if titled is not None:  # 「…绩效评价指标表」「…自评表」 without actuals, 「绩效目标自评表」 with its 实际完成值 blank:
        return [], _titled_near(grid, first, titled)  # read as the evaluation it says it is
    facts, levels = nearest_levels(facts)
    said = list(dict.fromkeys(note for other in grids for note in other.notes))  # folding a level's points said too
    blank = [(r, c, flat(cell.own)) for r in range(first, first + height) for c, cell in enumerate(grid.rows[r])
             if cell.own and SELF_EVALUATION.search(bare(cell.own))]
    used.update((grid.label, r, c) for r, c, _ in blank)
    many = f"这 {len(blank)} 栏" if len(blank) > 1 else "这一栏"
    levels += [f"{grid.label}{'、'.join(f'「{t}」' for _, _, t in blank)}{many}每行都空着（目标表留待年终填写）：未导入"] if blank else []
    mine = _notes_by_rows(forms, tables, said) if len(forms) > 1 else [set(said)]
    for form, own in zip(forms, mine, strict=True):
        form.notes += [*levels, *(note for note in said if note in own)]
        form.facts = {**facts, **form.facts}
        form.funds = form.funds or funds
        form.goals = {**goals, **form.goals}
        form.extra, form.titles = extra, titles
    return forms, ""


def _notes_by_rows(forms: list[TargetForm], tables: list[Grid], said: list[str]) -> list[set[str]]:
    """The reader notes each of a list's programmes is told (a department's table of several programmes'
    目标表; `tables`, that table and those going on with it after page breaks; `said`, every note of the
    part's tables): a note naming cells goes to the programme(s) whose rows hold them, cut as
    `tables.split_notes` cuts a sheet of stacked forms; one naming cells above the first programme (the
    title, the header), or none, goes to each, and `file_notes.place_notes` then says one about the file
    once. Given to each, a formula noted in the second programme's row was said on the first's report,
    sending its clerk to a cell of another programme."""
    shared: set[str] = set()
    given: list[set[str]] = [set() for _ in forms]
    owner: int | None = None  # the programme whose rows a table going on after a page break starts with
    for table in tables:
        top, rest = split_notes(table, 0)
        shared |= set(top) & set(rest)  # naming no cell of the table
        starts = sorted((form.start, k) for k, form in enumerate(forms) if form.table == table.label)
        cuts = [split_notes(table, row) for row, _ in starts]
        lows = [set(table.notes), *(set(below) for _, below in cuts)]
        highs = [*(set(above) for above, _ in cuts), set(table.notes)]
        for k, low, high in zip([owner, *(k for _, k in starts)], lows, highs, strict=True):
            if k is None:
                shared |= low & high
            else:
                given[k] |= low & high
        owner = starts[-1][1] if starts else owner
    elsewhere = set(said) - {note for table in tables for note in table.notes}  # the tables above the list's
    return [own | shared | elsewhere for own in given]


_DOUBLED = re.compile(r"^(?P<name>.{2,60}项目)项目(?:支出)?绩效目标(?:表)?$")
_HEADING = re.compile(r"^(?P<name>.{2,60}?)(?:支出)?绩效目标(?:表|申报表)?$")
NAME_FROM_HEADING = "name_from_heading"
"""The fact holding the heading a programme's name was read from (`heading_name`)."""


def heading_name(text: str) -> str:
    """The programme a page's heading over its indicator table names: 「3岁以下婴幼儿照护服务项目项目绩效目标」
    (慈溪's template, 「{项目名称}项目绩效目标」, tests/forms_trial8b) → 「3岁以下婴幼儿照护服务项目」, 「农村公路养护项目
    绩效目标表」 → 「农村公路养护项目」; "" for a heading that names no one programme (a year, a department, a list:
    「2023年慈溪市重大政策和项目绩效目标情况」, 「部门整体支出绩效目标表」)."""
    word = compact(_ENUMERATOR.sub("", text))
    if re.search(r"(?:19|20)\d{2}年|部门|单位|整体|附件|附表|情况|^项目", word) or _label_kind(word):  # 「年度绩效目标」
        return ""
    found = _DOUBLED.match(word) or _HEADING.match(word)
    return found["name"] if found and len(found["name"]) > 3 else ""  # not 「总体」 of 「总体绩效目标」


def prose_goals(paragraphs: list[str]) -> dict[str, str]:
    """Goals a page prints as a heading over a paragraph, above its indicator table (慈溪's 「（一）中长期绩效目标」
    then the goal's text, tests/forms_trial8b): the heading a goal label alone, the paragraph under it no label.
    Unread, the goal was lost without a word (paragraphs are not listed as unplaced)."""
    goals: dict[str, str] = {}
    for heading, text in pairwise(paragraphs):
        kind = _label_kind(_ENUMERATOR.sub("", heading).strip())
        if (kind and kind[0] == "goal" and kind[1] != "side" and len(text.strip()) > len(heading)
                and not _label_kind(_ENUMERATOR.sub("", text).strip()) and not set_word([text])):
            goals.setdefault(kind[1], text.strip())
    return goals


_FORM_TITLE = re.compile(r"表(?:[（(].*[)）])?$")
"""A paragraph naming a form: 「项目支出绩效目标申报表」, 「项目绩效目标表（2021年度）」."""


def _deciding_titles(grid: Grid, titles: list[str], paragraphs: int) -> list[str]:
    """The titles that say what kind of form the table is: where the paragraph right above a Word table
    names a form, it and the titles inside the tables; else every title. Headings above that title are
    the page's, not the form's: the MoF sample prints 「附件 3」「项目支出绩效自评表填写样例」 over its
    「项目支出绩效目标申报表」 (tests/forms_trial7/t7imp1), which every title deciding would read as a 自评表. `paragraphs` is how
    many of `titles` are the file's paragraphs (the rest were found in the tables)."""
    before = flat(grid.before)
    if grid.document and before in titles[:paragraphs] and TITLE.search(before) and _FORM_TITLE.search(compact(before)):
        return [before, *titles[paragraphs:]]
    return titles


def _titled_near(grid: Grid, header: int, title: str) -> str:
    """What the clerk is told when a table with a target table's header is read as the 自评表 or evaluation its
    title names and the 自评 reader finds no indicator table in it: the row and the title, as `_near_header`."""
    return (f"{grid.label}第 {row_number(grid, header)} 行像是绩效目标表的指标表头（有指标值，没有实际完成值、得分），"
            f"但标题「{flat(title)}」说它是自评表或评价表，按自评表读又没有分值、得分：是绩效目标表时，请把标题改为原表的"
            "「…绩效目标表」后重新导入；是自评表时，请向填报单位要填好实际完成值和得分的表")


def _continued(grids: list[Grid], grid: Grid, header: int, forms: list[TargetForm], used: Used) -> list[Grid]:
    """The Word tables that go on with the indicator table after a page break: each starts with the
    header again, under the same caption, nothing between; their rows join the programme they go on."""
    parts: list[Grid] = []
    at = grids.index(grid)
    for part in grids[at + 1:]:
        if not _goes_on(grid, header, part):
            break
        first = next(r for r, row in enumerate(part.rows) if any(cell.own for cell in row))
        more = _indicators(part, first, used, carried=forms[-1].levels)
        if more and not more[0].facts.get("name"):  # the rows go on with the last programme
            last, going = forms[-1], more.pop(0)
            last.rows += going.rows
            last.refs += going.refs
            last.midterm_rows += going.midterm_rows
            last.midterm_refs += going.midterm_refs
            last.template_rows += going.template_rows
            last.notes += [n for n in going.notes if n.replace(part.label, grid.label, 1) not in last.notes]
            last.stated_total = going.stated_total or last.stated_total
            last.levels = going.levels
            if not last.span:
                last.where = f"{last.where}、{part.label}"
        forms += more
        parts.append(part)
    return parts


def _evaluation_header(words: list[str]) -> bool:
    """An evaluation's index header (评价指标 | 评价内容 …, or 评分标准 beside a 分值), not a target header."""
    weighted = any(column_of(w) == "weight" for w in words)
    return any(EVALUATION.search(w) and (w != _CRITERIA or weighted) for w in words)


def _inline_facts(paragraphs: list[str]) -> dict[str, str]:
    """「预算单位:东莞市交通运输局」 on a line above the table."""
    facts: dict[str, str] = {}
    for text in paragraphs:
        found = _INLINE.match(flat(text))
        key = _inline_fact(found[1], found[2]) if found else None
        if found and key:
            facts.setdefault(key, found[2].strip())
    return facts


# --------------------------------------------------------------------------- facts, money, goals

def _label_kind(text: str) -> tuple[str, str] | None:
    """("fact", key), ("fund", part) or ("goal", midterm/annual/side) for a label cell."""
    word = bare(text)
    if not word or len(word) > 20:
        return None
    key = _fact_key(text) or ("end" if _END_DATE.match(word) else None) or (_FINANCE if finance_label(text) else None)
    if key:
        return "fact", key
    if joined_labels(text, _fact_key):
        return "fact", _JOINED_FACTS
    if word in _SIDE_GOAL or word in _SIDE_MONEY:
        return "goal", "side"  # a block label over goal or money rows, heading no value of its own
    if _ANNUAL.match(word):
        return "goal", "annual_goal"
    if _MIDTERM.search(word) and "目标" in word:
        return "goal", "midterm_goal"
    if "绩效" in word or word.endswith("表") or len(word) > 14:
        return None  # a title, or a value that happens to name money (「…免费开放补助资金」)
    if _MONEY.search(word) and not _NOT_MONEY.search(word):
        part = next((p for p, pattern in FUNDS if pattern.search(word)), None)
        if part:
            return "fund", part
    return None


def _fact_key(text: str) -> str | None:
    return _key(text, FACTS) or _levelled_unit(text)


_JOINED_FACTS = "joined"
"""The kind of a cell joining two labels with a slash (「实施单位/项目负责人」, labels.joined_labels)."""


_FINANCE = "finance"
"""The kind of a finance bureau's label (labels.finance_label): read to be said, no fact of the format."""


UNPUBLISHED = ("项目分类", "资金用途", "资金性质", "基本情况", "项目基本情况", "项目立项必要性", "立项必要性", "项目立项依据",
               "保证项目实施的制度措施", "项目实施计划", "组织实施单位", "监督管理单位", "政策依据", "其他依据",
               "需要说明的其他问题")
"""Fields of the Gansu 省级部门预算 目标表 (tests/forms_targets/t03) that docs/data-format.md has no key for:
read to be said once (「以下栏目本站的绩效目标表不发布」), where each was listed as an unplaced cell (21 of them)."""

_UNPUBLISHED = "unpublished"


_LEVELLED = "\t"
"""Joins a level-named fact's key, rank and label while the rows are read (「department\t2\t市级主管部门」);
`nearest_levels` keeps one of them."""


def _finance_fact(text: str) -> str:
    """The facts' key of a finance bureau's row, kept with its label for nearest_levels to say, never written."""
    return f"{_FINANCE}{_LEVELLED}0{_LEVELLED}{flat(text)}"


def _unpublished_fact(grid: Grid, r: int, c: int, text: str) -> str:
    """The facts' key of a field the format has no key for (`UNPUBLISHED`), kept with its label and cell
    for nearest_levels to say, never written."""
    return f"{_UNPUBLISHED}{_LEVELLED}0{_LEVELLED}{bare(text)}（{grid.label} {grid.cell(r, c).ref}）"


def _inline_fact(text: str, value: str | None = None) -> str | None:
    """The facts' key of a label a cell or line prints before its colon (「预算单位:东莞市交通运输局」,
    「县级财政部门：汉阴县财政局」, 「财政局：原州区财政局」 with its `value`)."""
    return _key(text, FACTS) or (_finance_fact(text) if finance_label(text, value) else None)


def _levelled_unit(text: str) -> str | None:
    """The unit key of a label naming its level (「市级主管部门」「县级主管部门」), as the 自评 reader reads them."""
    return match(text, UNITS, whole=True) if level_rank(text) else None


def nearest_levels(facts: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The facts with each level-named unit resolved: the nearest level the form fills in wins
    (县级 over 市级, as for a 自评表, tables._keep_fact); a template placeholder in the nearer row
    (「县(市、区)教育部门」) names no unit and is passed over; a finance bureau's row (_FINANCE) is no
    unit of the format and only said. The notes say what was left out."""
    plain_facts = {k: v for k, v in facts.items() if _LEVELLED not in k}
    levelled: dict[str, list[tuple[int, str, str]]] = {}
    for k, v in facts.items():
        if _LEVELLED in k:
            key, rank, text = k.split(_LEVELLED)
            levelled.setdefault(key, []).append((int(rank), text, v))
    finance = [(text, value) for _, text, value in levelled.pop(_FINANCE, [])]
    notes = [finance_note(finance)] if finance else []
    unpublished = [f"{text}「{value}」" for _, text, value in levelled.pop(_UNPUBLISHED, []) if value]
    notes += [f"以下栏目本站的绩效目标表不发布，未写入（不必修改）：{'、'.join(unpublished)}"] if unpublished else []
    for key, rows in levelled.items():
        rows.sort(reverse=True)
        placeholders = [(t, v) for _, t, v in rows if template_unit(v)]
        filled = [(t, v) for _, t, v in rows if v.strip() and not template_unit(v)]
        notes += [template_unit_note(t, v) for t, v in placeholders]
        if filled and key in plain_facts:
            notes.append(f"原表另有不分级的一栏写「{plain_facts[key]}」，已写入；{'、'.join(f'「{t}：{v}」' for t, v in filled)}未写入")
        if not filled or key in plain_facts:
            continue
        (near, value), others = filled[0], filled[1:]
        plain_facts[key] = value
        if others:
            notes.append(f"原表写有几级：{'、'.join(f'「{t}：{v}」' for t, v in filled)}，取最近一级的「{near}：{value}」写入，"
                         f"{'、'.join(f'「{v}」' for _, v in others)}未写入")
    return plain_facts, notes


def _surroundings(grid: Grid, r: int, used: Used, facts: dict[str, str], funds: list[tuple[str, str, str]],
                  goals: dict[str, str], extra: list[dict[str, str]], titles: list[str]) -> None:
    """Facts, money and goals of one row outside the indicator table, marking the cells taken."""
    row = grid.rows[r]
    owns = [(c, cell.own) for c, cell in enumerate(row) if cell.own and (grid.label, r, c) not in used]
    if len(owns) > 2 and bare(owns[0][1]) in ("序号", "编号"):
        return  # a list's header (安溪's 安排表: 「序号 | 乡镇名称 | 项 目 名 称 | 金额」): 「金额」 was read as the 项目名称
    if len(owns) == 1 and not _label_kind(owns[0][1]) and bare(owns[0][1]) not in UNPUBLISHED:
        text = flat(owns[0][1])
        inline = _INLINE.match(text)
        key = _inline_fact(inline[1], inline[2]) if inline else None
        if inline and key:
            _set_fact(facts, key, inline[1], inline[2].strip())
            used.add((grid.label, r, owns[0][0]))
        elif len(text) <= 80 and TITLE.search(text):
            titles.append(text)
            used.add((grid.label, r, owns[0][0]))
        return
    if owns and (lines := _money_rows(grid, r, owns[0][0], used) or _cost_total(grid, r, owns, used)):
        funds.extend(lines)  # 「资金总额及构成」 merged down beside one money line a row, or a cost list's 合计
        return
    rate: dict[str, str] = {}
    for n, (c, text) in enumerate(owns):
        if (grid.label, r, c) in used:
            continue  # the value of a label before it in the row (a programme named 「…专项资金」), no label itself
        inline = _INLINE.match(flat(text))
        if _label_kind(text) is None and inline and (key := _inline_fact(inline[1], inline[2])):
            _set_fact(facts, key, inline[1], inline[2].strip())  # 「预算单位: 奉节县…」 in one cell
            used.add((grid.label, r, c))
            continue
        kind = _label_kind(text)
        if kind is None and bare(text) in UNPUBLISHED:
            _unpublished(grid, r, (c, text), owns[n + 1:n + 2], used, facts)
            continue
        if kind is None and n + 1 < len(owns) and finance_label(text, owns[n + 1][1]):
            kind = ("fact", _FINANCE)  # 「财政局 | 原州区财政局」: the bureau's bare name as its label
        if kind is None:
            if bare(text) in ("分值", "权重") and n + 1 < len(owns) and rate:
                rate["weight"] = owns[n + 1][1]
                used.update({(grid.label, r, c), (grid.label, r, owns[n + 1][0])})
            continue
        if kind == ("goal", "midterm_goal") and (years := _LABEL_PERIOD.search(flat(text))):
            facts.setdefault("label_period", years[1])  # 「实施周期总目标(2022年--2024年)」: the 中期 goal's years
        value = _value_of(grid, r, c, owns[n + 1:], names=kind in _NAMED_BY_MONEY)
        what, key = kind
        if value is None:
            if not re.search(r"\d", text):
                used.add((grid.label, r, c))  # a block label heads the labels beside or under it
            continue  # a text beside it is not guessed at; a label printing a figure (「总额10606万元」) is left unplaced
        vc, vr, text_value = value
        if what == "fact" and vr != r and _listed(grid, vr):
            continue  # 「开始时间」 heading a column of a plan's rows: no one value of the programme, all left unplaced
        used.add((grid.label, r, c))
        lines = _money_lines(text_value) if key == "side" else []
        if lines:  # 「资金总额: 250 / 一、预算资金:250 / 二、自有资金:0」 in the block's one cell
            used.add((grid.label, vr, vc))
            funds.extend(lines)
            continue
        if key == "side" and bare(text) in _SIDE_GOAL and marked_amount(flat(text_value).replace(",", ""), "万元")[0] is None:
            used.add((grid.label, vr, vc))
            overall = _goal_lines(grid, (r, c), (vr, vc), text_value, used)
            goals.setdefault("overall", overall)  # 「总体目标 | 提高…」: no 中期/年度 under it
            continue
        if key == "side" and marked_amount(flat(text_value).replace(",", ""), "万元")[0] is None:
            continue
        if (what == "fund" and vr != r and marked_amount(flat(text_value).replace(",", ""), "万元")[0] is None
                and amount_in_words(text_value, "万元")[0] is None):
            continue  # a money line left blank (「其他资金 |」): the text under it is the next row's, not its amount
        used.add((grid.label, vr, vc))
        if key == "side":  # 「项目资金（万元） | 100」: the block's one amount is the year's total
            funds.append(("total", flat(text), flat(text_value)))
            continue
        if key == _JOINED_FACTS:
            parts = joined_values(joined_labels(text, _fact_key), text_value)
            if parts is None:  # which part is which the value does not say: both cells are listed as unplaced
                used.difference_update({(grid.label, r, c), (grid.label, vr, vc)})
            for part_key, part, part_value in parts or []:
                levelled = f"{part_key}{_LEVELLED}{level_rank(part)}{_LEVELLED}{part}" if level_rank(part) else part_key
                facts.setdefault(levelled, part_value)
        elif key == _FINANCE:
            facts.setdefault(_finance_fact(text), flat(text_value))
        elif what == "fact" and level_rank(text):
            facts.setdefault(f"{key}{_LEVELLED}{level_rank(text)}{_LEVELLED}{flat(text)}", flat(text_value))
        elif what == "fact" and key == "period":
            later = _period_cells(grid, (r, vr, vc), used)
            period, taken = two_cell_period(flat(text_value), [t for _, t in later])
            used.update((grid.label, vr, k) for k, _ in later[:taken])
            _set_fact(facts, key, text, period)
        elif what == "fact":
            _set_fact(facts, key, text, flat(text_value))
        elif what == "goal":
            goals.setdefault(key, _goal_lines(grid, (r, c), (vr, vc), text_value, used))
        elif what == "fund" and key == "rate":
            rate = {"name": label(text), "target": flat(text_value)}
        elif what == "fund":
            funds.append((key, flat(text), flat(text_value)))
    if rate.get("weight"):
        extra.append(rate)


def _unpublished(grid: Grid, r: int, at: tuple[int, str], after: list[tuple[int, str]], used: Used,
                 facts: dict[str, str]) -> None:
    """A field the format has no key for (`UNPUBLISHED`) and the cell beside it, taken to be said once. A
    label or another such field beside it is no value: 「项目实施计划 | 组织实施单位 | 甘肃省文物局」 heads the
    rows of its plan; the label alone (its value left blank) holds nothing to say."""
    c, text = at
    used.add((grid.label, r, c))
    value = next((v for v in after if _label_kind(v[1]) is None and bare(v[1]) not in UNPUBLISHED), None)
    if value is not None:
        used.add((grid.label, r, value[0]))
        facts.setdefault(_unpublished_fact(grid, r, c, text), flat(value[1]))


def _goal_lines(grid: Grid, at: tuple[int, int], value: tuple[int, int], text: str, used: Used) -> str:
    """A goal beside its label, with the lines under it that the label is merged down over (a unit pasted its
    goal in two cells, one under the other, 「年度目标」 over both); or a goal under its label (the MoF form's
    「总体目标 | 年度目标」 over the text), with the lines under it that a side label left of it is merged down
    over (「总体目标」 over the label row and both parts). Marks the cells taken."""
    (r, c), (vr, vc) = at, value
    lines = [text.strip()]
    merged = [c] if vr == r else range(vc)
    n = vr + 1
    while (n < len(grid.rows) and any(grid.cell(n, k).merged == ABOVE for k in merged) and grid.cell(n, vc).own
           and _label_kind(grid.cell(n, vc).own) is None  # 「实施期目标」 under the year's goal heads a text of its own
           and all(not cell.own or k == vc for k, cell in enumerate(grid.rows[n]))):
        lines.append(grid.cell(n, vc).own.strip())
        used.add((grid.label, n, vc))
        n += 1
    return "\n".join(lines)


_ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])\s*")


_GLUED = re.compile(r"^([^\d:：]{2,10}?)\s*(\d[\d,]*(?:\.\d+)?\s*(?:万元|元|万)?(?:[（(].*[)）])?)$")
"""A money label and its amount with no colon between: 「总额10606.7522万元」."""


def _money_line(line: str) -> tuple[str, str] | None:
    """「资金总额: 250」, 「一、预算资金:250」, 「总额10606.7522万元」: (label, amount) of one money line. A word
    saying the figure is inexact glued before it (「总额约120万元」) is the amount's, not the label's: read as the
    label 「总额约」 and the amount 120, the 约 was lost and 120 published as the total."""
    text = _ENUMERATOR.sub("", line).strip()
    found = _INLINE.match(text) or _GLUED.match(text)
    if not found:
        return None
    words, figure = found[1], found[2]
    unsure = uncertain_word(text)
    if unsure and words.rstrip().endswith(unsure):
        words, figure = words.rstrip()[:-len(unsure)], unsure + figure
    return words, figure


def _money_rows(grid: Grid, r: int, c: int, used: Used) -> list[tuple[str, str, str]]:
    """The money lines of a side money label (「资金总额及构成」) merged down over rows that each hold one
    line in one cell (宁乡坝塘镇: 「总额10606.7522万元」, 「财政拨款:6923.3552万元(其中:…)」, 「二、自有资金:0万元」,
    「三、其他:3683.3970万元」, tests/forms_trial7/t7imp1), read as `_money_lines` reads them in one cell; the
    cells are marked taken. Empty unless every row under the label is such a line."""
    if r + 1 >= len(grid.rows) or grid.cell(r + 1, c).merged != ABOVE or bare(grid.cell(r, c).own) not in _SIDE_MONEY:
        return []
    cells = []
    n = r
    while n < len(grid.rows) and (n == r or grid.cell(n, c).merged == ABOVE):
        owns = [(k, cell.own) for k, cell in enumerate(grid.rows[n]) if k > c and cell.own and (grid.label, n, k) not in used]
        if len(owns) != 1:
            return []
        cells.append((n, *owns[0]))
        n += 1
    lines = _money_lines("\n".join(text for _, _, text in cells))
    if len(lines) == len(cells):
        used.update({(grid.label, r, c), *((grid.label, row, k) for row, k, _ in cells)})
        return lines
    return []


_COSTS = ("项目预算成本构成", "预算成本构成", "项目成本构成", "成本构成")
COST_TOTAL = "项目预算成本构成合计"
"""The label a cost list's 合计 is written under in `TargetForm.funds` (`_funds` says where it came from)."""


def _cost_total(grid: Grid, r: int, owns: list[tuple[int, str]], used: Used) -> list[tuple[str, str, str]]:
    """The year's total of a cost list: 「项目预算成本构成 | 金额 | 测算(公式)依据 | 2020年实际执行数 | …」 over
    one row per cost and a 「合计 | 814 | …」 row (鄂州 市直, tests/forms_trial7/t7imp1), the form's only
    statement of the programme's money. The 合计's amount is taken, the cost rows and the other years'
    columns are left unplaced (the format has no place for them). Empty without a 合计 row."""
    c0, first = owns[0]
    if bare(first) not in _COSTS:
        return []
    column = next((c for c, text in owns[1:] if bare(text) in ("金额", "预算金额", "预算数")), None)
    if column is None:
        return []
    for n in range(r + 1, min(r + 40, len(grid.rows))):
        label_ = next((cell.own for cell in grid.rows[n] if cell.own), "")
        if is_total(label_):
            value = flat(grid.cell(n, column).own)
            if amount(value.replace(",", ""), "万元")[0] is None:
                return []
            used.update({(grid.label, r, c0), (grid.label, r, column), (grid.label, n, column),
                         *((grid.label, n, c) for c, cell in enumerate(grid.rows[n]) if cell.own == label_)})
            return [("total", COST_TOTAL, value)]
        if not label_ or _label_kind(label_) or _header(grid, n)[0]:
            return []
    return []


def _money_lines(text: str) -> list[tuple[str, str, str]]:
    """(part, label, amount) of each line of a cell listing the money line by line
    (「资金总额: 250」「一、预算资金:250」); empty unless every line is a money label and its amount."""
    lines = [line for line in text.split("\n") if line.strip()]
    out = []
    for line in lines:
        found = _money_line(line)
        kind = _label_kind(found[0]) if found else None
        if found and out and bare(found[0]) in ("其他", "其它"):
            kind = ("fund", "other")  # 「三、其他:0」 among the money lines is the money's other part
        if not found or not kind or kind[0] != "fund":
            return []
        out.append((kind[1], found[0].strip(), found[1].strip()))
    return out if len(out) > 1 else []


def _period_cells(grid: Grid, at: tuple[int, int, int], used: Used) -> list[tuple[int, str]]:
    """The texts after the start of 起止年限 read at (vr, vc) for the label on row `r`, that
    `period_span.two_cell_period` may join to it: the rest of its row, or, under the label (「起止年限」 over
    「2025-01-01 | 至 | 2027-12-31」), the cells under the label's own columns only, never those under a label
    of its own (「起止年限 | 完成日期」 over two dates is a start and another fact). `at` is (the label's row,
    the start's row, the start's column); a cell another fact took is no part of the period."""
    r, vr, vc = at
    return [(k, flat(cell.own)) for k, cell in enumerate(grid.rows[vr]) if k > vc and cell.own
            and (grid.label, vr, k) not in used and (vr == r or not grid.cell(r, k).own)]


def _listed(grid: Grid, r: int) -> bool:
    """Whether the row `r` under a row of labels is the first of a list: the row after it fills the same
    columns with no label among them (宁乡坝塘镇's 项目实施进度计划, 「项目实施内容 | 开始时间 | 完成时间」 over
    「1总体概念规划 | 2016 | 2020」 and 「2、核心区规划 | 2021 | 2021」: read as labels and values, the first plan row's
    years would be the programme's start and end and its second row only listed, tests/forms_trial7/t7imp1)."""
    if r + 1 >= len(grid.rows):
        return False
    filled = [{c for c, cell in enumerate(grid.rows[n]) if cell.own} for n in (r, r + 1)]
    return bool(filled[0]) and filled[0] == filled[1] and not any(
        _label_kind(cell.own) for cell in grid.rows[r + 1] if cell.own)


_BLANK_LABEL = re.compile(r"[:：]\s*$")
"""A label left blank for the clerk (「申报日期：」): never the value of the label above it."""


_NAMED_BY_MONEY = (("fact", "name"), ("fact", "attribute"))
"""Labels whose value may name a fund (`_value_of`'s `names`)."""


def _value_of(grid: Grid, r: int, c: int, after: list[tuple[int, str]], names: bool = False) -> tuple[int, int, str] | None:
    """The value of the label at (r, c): the next cell of its row unless that is a label too, else
    the cell under it (a row of labels over a row of values). Beside 「项目名称」 or 「项目属性」 (`names`) a
    money word is the value: 「省级第七批水利专项资金」 (秀屿区, tests/forms_trial8b) read as a 财政拨款 label, the
    form had no name; 兵团's 「项目属性 | 兵团推进乡村振兴补助资金」 (tests/forms_cycle27/k01) read so would leave both
    cells taken and unsaid, where the clerk must be told the 属性 is neither 新增 nor 延续."""
    inline = _INLINE.match(flat(after[0][1])) if after else None
    kind = _label_kind(after[0][1]) if after else None
    if after and (kind is None or (names and kind[0] == "fund")) \
            and (not (inline and (_label_kind(inline[1]) or _key(inline[1], FACTS))) or _money_lines(after[0][1])):
        return after[0][0], r, after[0][1]  # 「目标1:…」 is a goal's text, 「金额单位:万元」 a fact of its own
    if r + 1 < len(grid.rows):
        below = grid.cell(r + 1, c)
        inline = _INLINE.match(flat(below.own))
        if (below.own and _label_kind(below.own) is None and not _BLANK_LABEL.search(below.own)
                and not (inline and _label_kind(inline[1]))  # 「金额单位：万元」 is a fact of its own
                and not any(_label_kind(grid.cell(r + 1, k).own) for k in range(c))):
            return c, r + 1, below.own  # not the text beside a label of its own row (「总体目标 | …投资5」 under 「其他资金 |」)
    return None


# --------------------------------------------------------------------------- indicators

_SET_MIDTERM = re.compile(r"中期|长期|实施期|实施周期|项目期|滚动")
_SET_ANNUAL = re.compile(r"年度|本年")


def set_word(texts: list[str]) -> str | None:
    """"midterm" or "annual" when a label among `texts` names an indicator set (「中期绩效指标」,
    「长期绩效指标」, 「年度指标值」), else None. A long text is a goal, never a label."""
    for text in texts:
        word = bare(text)
        if word and len(word) <= 24 and "指标" in word:
            if _SET_MIDTERM.search(word):
                return "midterm"
            if _SET_ANNUAL.search(word):
                return "annual"
    return None


def _sets(grid: Grid, header: int, height: int, columns: list[tuple[int, str]]) -> IndicatorSet:
    """The 年度 set and the 中期 set of a header with two sets side by side: labels decide
    (「中期绩效指标」 over a set, 「年度指标值」 in it), else forms print the 中期 set first and
    the 年度 set to its right, as they print their goals. One 一级指标 column serves both."""
    names = [c for c, k in columns if k == "name"]
    spans = _spans(columns, names)
    words = [set_word([grid.cell(h, c).text for h in range(max(header - 1, 0), header + height) for c in span])
             for span in spans]
    if len(names) == 1:
        annual = 0
    elif "annual" in words:
        annual = words.index("annual")
    elif "midterm" in words and words.count("midterm") == len(words) - 1:
        annual = next(i for i, w in enumerate(words) if w != "midterm")
    else:
        annual = len(names) - 1
    midterm = next((i for i in range(len(names)) if i != annual and words[i] != "annual"), None)
    level1 = next((c for c, k in columns if k == "level1" and c < names[0]), None)
    out = _set_columns(columns, spans[annual], level1)
    for c, k in columns:
        if k in ("programme", "unit", "amount", "annual_goal", "midterm_goal", "ignored"):
            out.setdefault(k, c)  # a list's programme columns stand before or between the sets
    chosen = IndicatorSet(out, _columns_label(out))
    if midterm is not None:
        chosen.midterm = _set_columns(columns, spans[midterm], level1)
        chosen.midterm_label = _columns_label(chosen.midterm)
    chosen.others = [f"第{_letter(names[i])}列起的一组" for i in range(len(names)) if i not in (annual, midterm)]
    return chosen


def _spans(columns: list[tuple[int, str]], names: list[int]) -> list[list[int]]:
    """The columns of each set: from after the previous set's name (its level2 column) to before
    the next set's first level column."""
    keyed = dict(columns)
    spans = []
    for n, name in enumerate(names):
        start = names[n - 1] + 1 if n else 0
        end = names[n + 1] if n + 1 < len(names) else max(keyed) + 1
        if n + 1 < len(names):
            end = min((c for c in range(name + 1, end) if keyed.get(c) in ("level1", "level2")), default=end)
        if n:
            start = min((c for c in range(start, name) if keyed.get(c) in ("level1", "level2")), default=name)
        spans.append([c for c in range(start, end)])
    return spans


def _set_columns(columns: list[tuple[int, str]], span: list[int], level1: int | None) -> dict[str, int]:
    """A set's columns within its span; without a 一级指标 column of its own, it shares `level1`."""
    out: dict[str, int] = {}
    for c, k in columns:
        if c in span and k not in ("programme", "unit", "amount", "annual_goal", "midterm_goal", "ignored"):
            out.setdefault(k, c)
    if "level1" not in out and level1 is not None:
        out = {"level1": level1, **out}
    return out


def _columns_label(cols: dict[str, int]) -> str:
    start = min(v for k, v in cols.items() if k in ("level2", "name"))
    return f"第{_letter(start)}–{_letter(max(cols.values()))}列"


def _letter(c: int) -> str:
    out = ""
    c += 1
    while c:
        c, rest = divmod(c - 1, 26)
        out = chr(65 + rest) + out
    return out


def _indicators(grid: Grid, header: int, used: Used,
                carried: tuple[dict[str, str], dict[str, str]] = ({}, {}), caption: str | None = None) -> list[TargetForm]:
    """The forms of the indicator table whose header is at row `header`; `caption` is the set a paragraph
    above the table names (「（二）中长期绩效指标」, `set_word`), for a table that names none itself."""
    columns, height = _header(grid, header)
    chosen = _sets(grid, header, height, columns)
    cols = chosen.columns
    for h in range(header, header + height):
        for c, cell in enumerate(grid.rows[h]):
            if cell.own and (column_of(cell.own) or c in cols.values()):
                used.add((grid.label, h, c))
            elif cell.own and h + 1 < len(grid.rows) and grid.cell(h + 1, c).merged == ABOVE:
                used.add((grid.label, h, c))  # a side label merged down over the block (「年度绩效目标(90分)」)
    for c, cell in enumerate(grid.rows[header - 1] if header else []):
        if cell.own and (bare(cell.own) in SPANNING or set_word([cell.own])):
            used.add((grid.label, header - 1, c))  # a set's caption over its header (「中期绩效指标」)
    notes = [f"{grid.label} 有两组绩效指标并排：{chosen.midterm_label}按中期指标写入 midterm_indicators，"
             f"{chosen.label}按年度指标写入 indicators，请核对两组没有颠倒"] if chosen.midterm else []
    notes += [f"{grid.label} {'、'.join(chosen.others)}绩效指标既不是年度指标也不是中期指标：未导入"] if chosen.others else []
    notes += [said] if (said := level_shift_note(grid, header, cols)) else []
    notes += [said] if (said := _explaining_basis(grid, header, height, cols)) else []
    direction = _direction_as_sign(grid, header, height, columns, cols)
    notes += [f"{grid.label}「{word}」一列填的是 ≥、≤、=、定性、定量：按指标性质读入（定量不写）"] if (word := direction) else []
    notes += [f"{grid.label}「{word}」一列未导入：{why}" for word, why in IGNORED_COLUMNS.items()
              if word != direction
              and any(bare(grid.cell(h, c).own) == word for h in range(header, header + height) for c in range(grid.width))]
    listing = "programme" in cols
    combined = listing and any(UNIT_OR_PROGRAMME.match(compact(grid.cell(h, cols["programme"]).own))
                               for h in range(header, header + height))
    forms: list[TargetForm] = []
    department: dict[str, str] = {}
    unit = ""
    current = TargetForm(grid.label, table=grid.label, notes=list(notes), start=header)
    above: dict[str, str] = dict(carried[0])
    above_midterm: dict[str, str] = dict(carried[1])
    stacked = not chosen.midterm  # one set a row: a block labelled 中期 may stand over (or under) the 年度 one
    into = (_block(grid, header, height) or caption or "annual") if stacked else "annual"
    midterm_blanks: list[tuple[int, str]] = []  # rows of the 中期 set beside the 年度 one naming no indicator
    blocks = {into}
    r = header + height
    while r < len(grid.rows):
        row = grid.rows[r]
        first = next((cell.own for cell in row if cell.own), "")
        if not any(cell.own for cell in row):
            if not any(cell.merged == ABOVE and cell.text for cell in row) and _rest_empty(grid, r):
                break
            r += 1
            continue
        if is_total(first):
            if "weight" in cols and into == "annual":
                current.stated_total = flat(grid.cell(r, cols["weight"]).own)
            _take(used, grid, r, cols)
            r += 1
            if stacked and _next_block(grid, r):
                continue  # the 中期 block's 合计, the 年度 block under it
            break
        label = _label_row(grid, r) if stacked else None
        if label and r + 1 < len(grid.rows) and _header(grid, r + 1)[0]:  # 「年度绩效指标」 over the next block
            into = label
            blocks.add(label)
            _take(used, grid, r, list(range(grid.width)))
            r += 1
            continue
        if _header(grid, r)[0]:  # the header repeated after a page break, or the next block's
            taken = _header(grid, r)[1]
            if stacked:
                into = _block(grid, r, taken) or into
                blocks.add(into)
                above = {}
            _take(used, grid, r, list(range(grid.width)))
            r += taken
            continue
        if not any(grid.cell(r, c).own for c in cols.values()) or is_sign_off(first):
            break  # a note, the 填表人 and seal rows, or another block under the table
        if listing:
            programme = grid.cell(r, cols["programme"]).own
            own_unit = grid.cell(r, cols["unit"]).own if "unit" in cols else ""
            if combined and programme and not any(grid.cell(r, cols[k]).own for k in ("name", "level1", "level2") if k in cols):
                unit = programme  # a unit's own row in the 单位(专项)名称 column, its programmes below it
                _take(used, grid, r, cols)
                r += 1
                continue
            if not programme and own_unit and not grid.cell(r, cols["name"]).own:
                department = {"department": flat(own_unit)}  # the department's row above its units' programmes
                _take(used, grid, r, cols)
                r += 1
                continue
            unit = own_unit or unit  # a unit's name is merged down over all its programmes
            if programme:
                if current.rows or current.template_rows:
                    forms.append(current)
                current = TargetForm(grid.label, table=grid.label, notes=list(notes), start=r)
                current.facts = {**department, "name": flat(programme)}
                if unit:
                    current.facts["implementer"] = flat(unit)
                if "amount" in cols and grid.cell(r, cols["amount"]).own:
                    current.funds = [("total", "预算数", flat(grid.cell(r, cols["amount"]).own))]
                current.goals = {goal: grid.cell(r, cols[goal]).own.strip() for goal in ("midterm_goal", "annual_goal")
                                 if goal in cols and grid.cell(r, cols[goal]).own}
                current.span = f"第{row_number(grid, r)}行起"
                above = {}
            elif current.facts.get("name") and grid.cell(r, cols["programme"]).merged == ABOVE:
                own = [f"{word}「{flat(grid.cell(r, cols[key]).own)}」" for key, word in (("amount", "预算数"), ("annual_goal", "年度目标"))
                       if key in cols and grid.cell(r, cols[key]).own]
                if own:  # a programme's own money or goal under a 项目名称 merged down from the one above
                    current.conflicts.append(
                        f"{grid.label} 第{row_number(grid, r)}行另有{'、'.join(own)}，但它的项目名称一格是{current.span.removesuffix('起')}"
                        f"「{current.facts['name']}」向下合并来的：这一行像是另一个项目的第一行，项目名称被合并单元格盖住了。"
                        f"请拆开{current.span.removesuffix('起')}起合并的项目名称，给第{row_number(grid, r)}行填上它自己的项目名称后重新导入")
        read_row(grid, r, cols, above, current, into)
        if chosen.midterm:
            before = len(current.template_rows)
            read_row(grid, r, chosen.midterm, above_midterm, current, "midterm")
            midterm_blanks += current.template_rows[before:]
            del current.template_rows[before:]
        _take(used, grid, r, [c for c, _ in columns])
        r += 1
    if blocks == {"midterm", "annual"}:
        current.notes.append(f"{grid.label} 有中期、年度两组绩效指标上下排列：按各组上方的标题分别写入 midterm_indicators、indicators")
    elif blocks == {"midterm"}:
        current.rows, current.refs = current.midterm_rows, current.midterm_refs
        current.midterm_rows, current.midterm_refs = [], []
        current.notes.append(f"{grid.label} 的绩效指标标为中期（长期、实施期）指标，没有年度指标：已写入 indicators，"
                             "请核对原表是否另有年度指标")
    if chosen.midterm and not any(f.midterm_rows for f in [*forms, current]):
        side_by_side = notes[0] if notes else ""
        for form in [*forms, current]:
            form.notes = [n for n in form.notes if n != side_by_side]
        current.notes.insert(0, f"{grid.label} 中期（长期）一组（{chosen.midterm_label}）没有填写指标名称和指标值：未写入"
                                f" midterm_indicators，只导入年度一组（{chosen.label}）")
    elif midterm_blanks:
        current.template_rows += midterm_blanks
    current.levels = (dict(above), dict(above_midterm))
    if current.rows or current.midterm_rows or current.template_rows or not forms:
        forms.append(current)
    if listing and len(forms) > 1:
        for form in forms:
            form.where = f"{grid.label}{form.span}"
    headers = {key: flat(next((grid.cell(h, c).own for h in reversed(range(header, header + height)) if grid.cell(h, c).own), ""))
               for key, c in cols.items()}
    for form in forms:
        closing_notes(grid.label, headers, form)
    return forms


def closing_notes(table: str, headers: dict[str, str], form: TargetForm) -> None:
    """The notes said once a form's rows are read: targets taken from 调整后指标值, template rows, hints."""
    form.notes += in_force_note(table, headers, form.adjusted, len(form.rows),
                                "按调整后的指标值读入（年中调整后的绩效目标表：调整后的目标是这一年执行和考核的目标，"
                                "自评表也按它读入、与本表对照）",
                                "如果要公开的是年初批复的绩效目标表，请把导入文件中这些指标的目标值改为年初的",
                                shown=5)  # each 年初 target is also a comment on its own (`initial_comments`)
    if form.template_rows:
        form.notes.append(template_note(table, sorted(set(form.template_rows))))
    if form.hinted:
        form.notes.append(hinted_note(form.hinted))


_SIGN_CELL = re.compile(rf"^(?:{SIGN_CLASS}{{1,2}}|定性|定量)$")
_CHOICE = re.compile(r"^(?:是[/／或]否|有[/／或]无|是否)$")
"""A yes-or-no target's 指标方向 (「是/否」 over the target 「否」, 秀屿区, tests/forms_trial8b): no sign, and no
reason to drop the column's signs on the other rows (the 「≤」 of a 成本控制率 ≤100% was lost, read as ≥)."""


def _direction_as_sign(grid: Grid, header: int, height: int, columns: list[tuple[int, str]],
                       cols: dict[str, int]) -> str:
    """A 指标方向 or 指标值类型 column that holds the signs (≥ ≤ = 定性 定量, and 「是/否」 on a yes-or-no row)
    where a form has no 指标性质 column: it is the sign column (`cols` gains it) and its word is returned;
    正向/反向 in it stay a note's matter."""
    if "sign" in cols:
        return ""
    for c, key in columns:
        word = bare(grid.cell(header, c).own) or bare(grid.cell(header + height - 1, c).own)
        if key != "ignored" or word not in ("指标方向", "指标方向性", "指标值类型"):
            continue
        cells = [bare(grid.cell(r, c).own) for r in range(header + height, min(len(grid.rows), header + height + 60))]
        cells = [t for t in cells if t]
        if any(_SIGN_CELL.match(t) for t in cells) and all(_SIGN_CELL.match(t) or _CHOICE.match(t) for t in cells):
            cols["sign"] = c
            return word
    return ""


def _block(grid: Grid, header: int, height: int) -> str | None:
    """The set a block of indicators belongs to, from a side label beside its header (「长期绩效指标」
    merged down over the block) or a caption row above it. The side label comes first and only cells'
    own texts count: the row above a block's header is the block before it, its side label merged down
    into that row (宁乡坝塘镇's 长期 block over its 年度 block, tests/forms_trial7/t7imp1) and naming it."""
    texts = [cell.own for h in range(header, header + height) for cell in grid.rows[h]
             if cell.own and not column_of(cell.own)]
    texts += [cell.own for cell in grid.rows[header - 1] if cell.own] if header else []
    return set_word(texts)


def _label_row(grid: Grid, r: int) -> str | None:
    """A row holding only a set's caption (「年度绩效指标」)."""
    texts = {cell.text for cell in grid.rows[r] if cell.own}
    return set_word(list(texts)) if len(texts) == 1 else None


def _next_block(grid: Grid, r: int) -> bool:
    """Whether another labelled block of indicators starts within the next rows (after a 合计)."""
    for k in range(r, min(r + 3, len(grid.rows))):
        if _label_row(grid, k) or (_header(grid, k)[0] and _block(grid, k, _header(grid, k)[1])):
            return True
    return False


def _rest_empty(grid: Grid, r: int) -> bool:
    return not any(cell.own for row in grid.rows[r:r + 3] for cell in row)


def _take(used: Used, grid: Grid, r: int, cols: dict[str, int] | list[int]) -> None:
    for c in (cols.values() if isinstance(cols, dict) else cols):
        used.add((grid.label, r, c))


def read_row(grid: Grid, r: int, cols: dict[str, int], above: dict[str, str], form: TargetForm,
         into: str = "annual") -> None:
    """One indicator row into `form`'s 年度 or 中期 (`into`) rows (levels copied down: a merged or
    blank level cell is the one above it), or a template row noted. A row with a 中期指标值 beside
    its 年度 one is an indicator of both sets (its 权重 the 年度 set's)."""
    for key in ("level1", "level2"):
        if key in cols:
            text = grid.cell(r, cols[key]).own
            if text:
                if key == "level1" and level_label(text) != above.get("level1"):
                    above.pop("level2", None)  # a new 一级指标; the same one typed again on each row keeps its 二级
                above[key] = level_label(text)
    values: dict[str, str] = {}
    for key, c in cols.items():
        if key in ("level1", "level2", "programme", "unit", "amount", "annual_goal", "ignored"):
            continue
        text = grid.cell(r, c).own
        if key == "standard" and text:  # a 绩效标准 column of explanations (`_explaining_basis`)
            values["explanation" if _EXPLAINS.match(bare(text)) else "basis"] = flat(text)
        elif text:
            values[key] = label(text) if key == "name" else flat(text)
    cells = {key: f"{grid.label} {grid.cell(r, c).ref}" for key, c in cols.items()}
    form.notes.extend(unmarked(values, cells))
    in_force(values)
    name = values.get("name", "")
    target = values.get("target", "").strip()
    if NOT_APPLICABLE.match(name) and (target in PLACEHOLDERS or target in NOT_APPLICABLE_TARGETS):
        form.notes.append(f"{grid.label} 第{r + 1}行「{name}」「{target}」说明此项指标不适用：未作为指标导入")
        return
    if not name or TEMPLATE_NAME.fullmatch(name):
        if values.get("target", "").strip() not in PLACEHOLDERS:
            form.notes.append(f"{grid.label} 第{r + 1}行有指标值「{values['target']}」，但没有指标名称：未导入，请核对原表")
            return
        own_level = next((grid.cell(r, cols[k]).own for k in ("level2", "level1") if k in cols and grid.cell(r, cols[k]).own), "")
        what = f"「{name}」" if name else (f"只有「{flat(own_level)}」" if own_level else "")
        if what:
            form.template_rows.append((r + 1, what))
        return
    values["name"] = TEMPLATE_HINT.sub("", TEMPLATE_NUMBER.sub("", name)) or name
    ref = f"{grid.label} {grid.cell(r, cols['name']).ref}"
    hinted = hinted_cell(grid, r, cols, values)
    if hinted:
        form.hinted.append(hinted)
    for key, at in ((ADJUSTED if INITIAL in values else "target", TARGET_CELL), ("weight", WEIGHT_CELL),
                    ("sign", SIGN_CELL)):
        if key in cells:
            values[at] = cells[key]
    if INITIAL in values and into == "annual":
        initial = values[INITIAL]
        form.adjusted.append(f"{grid.cell(r, cols[ADJUSTED]).ref}「{values['target']}」" + (f"（年初「{initial}」）" if initial else ""))
    midterm = values.pop("midterm_target", "")
    if midterm.strip() not in PLACEHOLDERS:
        form.midterm_rows.append({**above, **{k: v for k, v in values.items() if k not in ("weight", INITIAL, WEIGHT_CELL)},
                                  "target": midterm, TARGET_CELL: cells["midterm_target"]})
        form.midterm_refs.append(ref)
        if values.get("target", "").strip() in PLACEHOLDERS:
            return  # an indicator of the 中期 set only
    rows, refs = (form.midterm_rows, form.midterm_refs) if into == "midterm" else (form.rows, form.refs)
    rows.append({**above, **values})
    refs.append(ref)


# --------------------------------------------------------------------------- the file

def assemble_targets(source: str, form: TargetForm, hints: Hints) -> Draft:
    """The target table's mapping in the contract's order, with a comment on every judgement."""
    if form.conflicts:
        raise ImportFailure(form.conflicts[0])
    draft = Draft()
    facts = form.facts
    name = facts.get("name") or hints.name
    whole = next((flat(t) for t in form.titles if "整体" in compact(t)), "") if form.parts > 1 else ""
    if not name and whole:  # a department's list looks like a programme's only beside the programmes' tables
        raise ImportFailure(f"{form.where}是部门整体的绩效目标表（标题「{whole}」），与 {form.parts - 1} 张项目的绩效目标表在同一个"
                            "文件中：部门整体的表要单独导入（单独一个文件时按部门整体读入），请把它另存为一个文件后导入；"
                            "本文件中项目的表照常导入")
    if not name:
        raise ImportFailure("找不到项目名称（表格中的「项目名称」）：可用 --name 指定")
    name, code = without_code(flat(name))
    if facts.get(NAME_FROM_HEADING) and not hints.name:
        draft.comment(("name",), f"原表没有「项目名称」一栏：项目名称取自表格上方的标题「{flat(facts[NAME_FROM_HEADING])}」。")
        draft.notes.append(f"原表没有「项目名称」一栏：项目名称「{name}」取自表格上方的标题「{flat(facts[NAME_FROM_HEADING])}」，请核对")
    from_title = next((f for f in map(title_facts, form.titles) if f), {})
    year = stated_year(draft, facts, from_title, form.titles, source, name, Prose(), hints)
    data = draft.data
    data["kind"] = KIND
    data["name"] = name
    if code:
        draft.comment(("name",), f"原表的项目名称前有编码 {code}，已去掉。")
    if facts.get("parent"):
        draft.comment(("name",), f"一级项目：{without_code(facts['parent'])[0]}。")
    data["year"] = Num(year)
    _organisations(draft, facts)
    attribute = _attribute(facts.get("attribute", ""))
    if attribute:
        data["attribute"] = attribute
    elif facts.get("attribute", "").strip() and not re.search(r"[□☐]", facts["attribute"]):
        draft.notes.append(f"项目属性「{flat(facts['attribute'])}」不是 新增 或 延续，未写入 attribute："
                           "请按项目的情况补上（如 attribute: 新增），或不写")
    period = _period(draft, facts)
    if period:
        data["period"] = period
    funds = _funds(draft, form, facts)
    if funds:
        data["funds"] = funds
    for key in ("midterm_goal", "annual_goal"):
        if form.goals.get(key):
            data[key] = form.goals[key]
    if form.goals.get("overall") and "annual_goal" not in data:
        data["annual_goal"] = form.goals["overall"]
        draft.comment(("annual_goal",), "原表只有「总体目标」一栏（不分中期、年度）：作为本年度的目标写入。")
    data["source"] = source
    items = [target_item(draft, row, ref) for row, ref in zip(form.rows, form.refs, strict=True)]
    for extra in form.extra:
        weight = number(extra["weight"], percent=True)
        items.insert(0, {"name": extra["name"], "target": extra["target"], **({"weight": weight} if weight else {})})
        draft.notes.append(f"「{extra['name']} {extra['target']}」在资金栏中带有分值 {extra['weight']}：作为一项指标写入")
    if not items:
        raise ImportFailure(f"{form.table} 是绩效目标表的指标表，但表中没有指标行")
    if form.refs and not items[-1].get("target"):
        draft.notes.append(f"{form.refs[-1]} 是指标表的最后一行，却没有指标值：原表可能在这里被截断（复制、转换时丢了后面的行），"
                           "请对照完整的原表补上这一项的指标值和其后的指标")
    _weights(draft, form, items)
    data["indicators"] = items
    initial_comments(draft, form.rows, len(form.extra))
    if form.midterm_rows:
        data["midterm_indicators"] = [target_item(draft, row, ref)
                                      for row, ref in zip(form.midterm_rows, form.midterm_refs, strict=True)]
    draft.notes.extend(form.notes)
    draft.tables_used = form.where
    _summary(draft, name, year, len(items))
    return draft


_GLUED_CODE = re.compile(r"^(\d{3,6})(?=[\u4e00-\u9fff])")
"""A department's code with no mark between it and the name: 「169国家林业局」 under 「主管部门及代码」 (the
MoF 申报表 sample, tests/forms_trial7/t7imp1). Split only under a label that says a code is there
(labels.names_code): under 「主管部门」 「110指挥中心」 is the unit's whole name."""
_CODED = "department_code_glued"
"""The facts' key set when the 主管部门's label names its code (never written, read by `_organisations`)."""


def _set_fact(facts: dict[str, str], key: str, label_text: str, value: str) -> None:
    facts.setdefault(key, value)
    if key == "department" and names_code(label_text):
        facts.setdefault(_CODED, "1")


def _organisations(draft: Draft, facts: dict[str, str]) -> None:
    """主管部门 (and its code), 实施单位; a 预算单位 stands for whichever the form does not state. A stated
    实施单位 is written even when it names the 主管部门 (a town spending its own money): the page then says
    who carries the programme out instead of 「未载明」."""
    data = draft.data
    department, code = unit_without_code(flat(facts.get("department", "")), spaced=bool(facts.get(_CODED)))
    if not code and facts.get(_CODED) and (glued := _GLUED_CODE.match(department)):
        department, code = department[glued.end():], glued[1]
    unit, unit_code = unit_without_code(flat(facts.get("unit", "")))
    implementer, implementer_code = unit_without_code(flat(facts.get("implementer", "")))
    if not department and unit:
        department, code = unit, unit_code
        draft.comment(("department",), f"原表没有「主管部门」一栏，取自预算单位「{facts['unit']}」。")
    from_implementer = not department and bool(implementer)
    if from_implementer:
        department = implementer
        draft.comment(("department",), "原表没有「主管部门」一栏，取自实施单位。")
    if not department:
        department = UNSTATED
        draft.notes.append("原文没有写明主管部门：已写「未载明」，知道全称时请补上")
    data["department"] = department
    stated_code = facts.get("department_code", "").strip()
    if stated_code or code:
        data["department_code"] = stated_code or code
        if code and not stated_code:
            draft.comment(("department_code",), f"原表写作「{facts.get('department') or facts.get('unit')}」：编码取自名称前后的数字。")
    if implementer and not from_implementer:  # 项目单位 坝塘镇 under 主管部门 坝塘镇: a town's own programme, as printed
        data["implementer"] = implementer
        if implementer_code:
            draft.comment(("implementer",), f"原表写作「{facts['implementer']}」，单位编码 {implementer_code} 已去掉。")


def _attribute(text: str) -> str:
    """项目属性 新增/延续, from the word or the ticked box (「新增项目□ 延续项目√」)."""
    ticked = _TICKED.search(text)
    if ticked:
        word = ticked[1] or ticked[2]
    elif re.search(r"[□☐]", text):
        return ""
    else:
        found = re.search(r"新增|延续|持续|经常性", text)
        word = found[0] if found else ""
    return {"新增": "新增", "延续": "延续", "持续": "延续", "经常性": "延续"}.get(word, "")


_MONTHS = re.compile(r"^(\d{4})(0[1-9]|1[0-2])\s*([-—–~～至到])\s*(\d{4})(0[1-9]|1[0-2])$")
"""「202001-202012」: year and month run together, as some systems print 项目起止时间."""
_PERIOD_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


_LABEL_PERIOD = re.compile(r"[（(]\s*((?:19|20)\d{2}\s*年?\s*(?:-+|—+|–|~|～|至|到)\s*(?:19|20)\d{2}\s*年?)\s*[)）]")
"""The years in the bracket of a 中期 goal's label: 「中期滚动目标(2019年--2021年)」 (东莞 2019,
tests/forms_targets/t04), 「实施周期总目标(2022年--2024年)」 (东莞 2022, tests/forms_layouts/l20)."""


def _period(draft: Draft, facts: dict[str, str]) -> str:
    """起止年限 as printed, when it names one or two years the check can read; 「202001-202012」 is
    spelt out with 年 and 月; a period no year can be read from (「20246-202516」) is left to the clerk.
    With no 起止年限 row, the years the 中期 goal's label names in brackets, said in a comment."""
    if facts.get("period"):
        text = flat(facts["period"])
    elif facts.get("label_period"):
        text = flat(facts["label_period"])
        draft.comment(("period",), f"原表没有起止年限一栏，取自中期目标标签括号中的「{text}」。")
    else:
        start, end = facts.get("start", ""), facts.get("end", "")
        text = f"{start}至{end}" if start and end else start or end
    if (length := length_period(draft, text)) is not None:  # 「项目期限 3年」
        return length
    months = _MONTHS.match(text)
    if months:
        y0, m0, _, y1, m1 = months.groups()
        spelt = f"{y0}年{m0}月-{y1}年{m1}月"
        draft.comment(("period",), f"原表写作「{text}」（年份与月份连写）。")
        return spelt
    years = [int(y) for y in _PERIOD_YEAR.findall(text)]
    if text and (not 1 <= len(years) <= 2 or any(not 1990 <= y <= 2200 for y in years) or years[0] > years[-1]):
        draft.notes.append(f"起止年限「{text}」读不出起止年份：未写入 period，请按原件填写（如 2024-2025）")
        return ""
    return text


def _funds(draft: Draft, form: TargetForm, facts: dict[str, str]) -> dict[str, object] | None:
    """The year's money: 资金总额, its 财政拨款 (several levels summed) and 其他资金, in the form's unit."""
    if not form.funds:
        return None
    unit, unstated = _money_unit(form, facts)
    if unstated != unit:
        draft.notes.append(converted_note(unstated, unit, "资金"))
        draft.comment(("funds",), f"原表的金额单位是{unstated}，各金额已换算为{unit}。")
    sums: dict[str, Decimal] = {}
    texts: dict[str, list[str]] = {}
    unread: set[str] = set()
    for part, label_, text in _this_year(draft, form.funds):
        value, said, split = marked_amount(text.replace(",", "").replace("，", ""), unit, unstated)
        if split:
            draft.notes.append(mark_note(f"资金「{label_}」", text, split))
        if value is None and text.strip() not in PLACEHOLDERS:
            value, said, how = amount_in_words(text, unit)  # an estimate (「约120万元」) is None there too
            if value is None:
                words = other_words(text)
                unread.add(part)
                draft.notes.append(f"资金「{label_}」的「{text}」" + (
                    "是 Excel 列太窄时印出的「###」，表上没有印出这个数，未写入：请直接导入原 Excel 文件，或照原件补上"
                    if unprinted(text) else f"：{before_figure(words, f'「{label_}」')}，未写入"
                    if words else "不是金额，未写入"))
                draft.comment(("funds",), f"原表「{label_}」一格印作「{text}」（Excel 列太窄，没有印出数字），未写入；请照原件补上。"
                              if unprinted(text) else f"原表「{label_}」一格写作「{text}」，不是确定的金额，未写入；请向填报单位核实后补上。")
                continue
            draft.comment(("funds",), f"原表「{label_}」一格写作「{text}」：{how}。")
        if value is None:
            continue
        if part == "skip":
            draft.comment(("funds",), f"原表的「{label_} {text}」不是本年度的资金，未写入。")
            continue
        if part == "total" and "total" in sums:
            continue
        sums[part] = sums.get(part, Decimal(0)) + Decimal(str(value))
        texts.setdefault(part, []).append(f"{label_} {text}")
        if said and said != unit:
            value = Num(plain(Decimal(str(value))))
            draft.comment(("funds",), f"原表写作「{text}」，按本表单位换算为 {value} {unit}。")
    if any(label_ == COST_TOTAL for _, label_, _ in form.funds) and "total" in sums:
        said = f"，单位照原表{unstated}" if money_unit(facts.get("unit_of_money", "")) else f"；原表没有写金额单位，按{unit}写入"
        draft.comment(("funds",), f"资金总额取自原表「项目预算成本构成」合计行的金额（原表没有另写资金总额）{said}，请核对。")
    out: dict[str, object] = {"unit": unit}
    for part in ("total", "fiscal", "other"):
        if part in sums and part in unread:
            # 中央补助 40 read and 地方资金 「###」 not: 40 is no 财政拨款 of 112, so no sum is written
            draft.comment(("funds",), f"{_PART_WORD[part]}由几行相加，其中有一行读不出：读出的「{'、'.join(texts[part])}」"
                          f"不是原表的全部{_PART_WORD[part]}，未写入；请照原表补上。")
            continue
        if part in sums:
            out[part] = Num(plain(sums[part]) if len(texts[part]) > 1 else _figure(sums[part], form, part, unit, unstated))
            if len(texts[part]) > 1:
                draft.comment(("funds",), f"{_PART_WORD[part]}是原表「{'、'.join(texts[part])}」之和。")
    return out if len(out) > 1 else None


_PART_WORD = {"total": "资金总额", "fiscal": "财政拨款", "other": "其他资金"}
_THIS_YEAR = re.compile(r"当年|本年|(?<![上下前])年度")


def _this_year(draft: Draft, funds: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The money lines of the year: where the form prints a 当年 or 年度 line beside the project's (「资金总额 |
    当年资金总额」, 「其中:财政拨款 | 其中:当年财政拨款」, 兵团's 「项目资金总额 | 年度资金申请总额」), the project's line
    of that part is not the year's. A line both columns print alike (兵团's 「其他资金 | 其他资金」, the project's
    left of the year's, rows read left to right) is the year's in its second cell: taken as the year's, a project of
    several years would publish its whole 项目资金总额 as the year's and the two 其他资金 summed, and the check would
    call the form's own sum wrong (tests/forms_cycle27/k01, test_import_cycle27.py)."""
    yearly = {part for part, label_, _ in funds if _THIS_YEAR.search(label_)}
    kept = []
    for n, (part, label_, text) in enumerate(funds):
        if part in yearly and not _THIS_YEAR.search(label_):
            if text.strip() not in PLACEHOLDERS:
                draft.comment(("funds",), f"原表另有「{label_} {text}」（整个项目的金额），按当年的金额写入。")
            continue
        if yearly and any(line[:2] == (part, label_) for line in funds[n + 1:]):
            if text.strip() not in PLACEHOLDERS:
                draft.comment(("funds",), f"原表「{label_}」印了两格（整个项目的和当年的），「{text}」是前一格（整个项目的），"
                                          "按后一格（当年的）写入。")
            continue
        kept.append((part, label_, text))
    return kept


def _figure(value: Decimal, form: TargetForm, part: str, unit: str, unstated: str) -> str:
    """The amount as printed (3,309,840.00 → 3309840.00, keeping its decimals)."""
    for p, _, text in form.funds:
        if p == part:
            printed, said = amount(text.replace(",", "").replace("，", ""), unit, unstated)
            if printed is not None and parse_decimal(str(printed)) == value and said in ("", unit):
                return str(printed)
    return plain(value)


def _money_unit(form: TargetForm, facts: dict[str, str]) -> tuple[str, str]:
    """(unit written, unit of a bare figure): the 金额单位 the form states, else the one a money label
    states (「年度资金总额（元）」), else the one its cells write (`money_units`)."""
    stated = money_unit(facts.get("unit_of_money", "")) or next(
        (u for _, label_, _ in form.funds if (u := money_unit(label_))), "")
    return money_units(stated, [amount(text.replace(",", ""), "万元")[1] for _, _, text in form.funds])


def initial_comments(draft: Draft, rows: list[dict[str, str]], start: int) -> None:
    """The 年初 target each adjusted one replaced, as a comment on the written target (`indicators`
    from `start`): the note on the 调整后指标值 column names only its first five, so each is kept here."""
    for index, row in enumerate(rows, start=start):
        if INITIAL in row:
            draft.comment(("indicators", index, "target"), f"按原表的调整后指标值写入；年初指标值为「{row[INITIAL] or '（空）'}」。")


TARGET_CELL, WEIGHT_CELL, SIGN_CELL = "target_cell", "weight_cell", "sign_cell"
"""The keys a row keeps the cells of its target (the 调整后指标值 where that is the target, the 中期指标值
for the 中期 set), its 权重 and its 指标性质 under, so that a note on any names the cell it is about (the
cell to fill or correct), not the 三级指标 one every row is listed by."""


def target_item(draft: Draft, row: dict[str, str], ref: str) -> dict[str, object]:
    item: dict[str, object] = {}
    at = row.get(TARGET_CELL, ref)  # where the target was read
    name = row["name"]
    if CORE_MARK.match(name):
        name = CORE_MARK.sub("", name)
        item["core"] = True
    for key in ("level1", "level2"):
        if row.get(key):
            item[key] = row[key]
    item["name"] = name
    target, nature, unit = _target(row.get("sign", ""), row.get("target", ""), row.get("measure", ""))
    if nature:
        item["nature"] = nature
    item["target"] = target
    if unit:
        item["unit"] = unit
    weight = row.get("weight", "")
    if weight:
        value = number(weight, percent=True)
        if value is None:
            draft.notes.append(f"{row.get(WEIGHT_CELL, ref)}：权重「{weight}」不是数字，未写入")
        else:
            item["weight"] = value
    for key in ("explanation", "basis", "data_source"):
        if row.get(key) and row[key] not in PLACEHOLDERS:
            item[key] = row[key]
    if row.get("core", "").strip() in _YES:
        item["core"] = True
    if not target:
        draft.notes.append(f"{at}：指标「{name}」没有指标值，请对照原表补上")
    elif no_figure(target):
        draft.notes.append(f"{at}：指标「{name}」的指标值「{target}」只有符号或单位，没有数值（模板的这一格没有填）："
                           "按原表写入，请对照原件补上数值")
    elif _rate_over_100(name, target):
        draft.notes.append(f"{at}：指标「{name}」的指标值「{target}」超过 100%，而这类比率不会超过 100%：按原表写入，"
                           "请对照原件核对（转存、识别时「≥」可能被读成了「2」，如「≥92%」成了「292%」）")
    elif not nature and (ceiling := ceiling_target(name, cells := {"target": target})):
        item["target"] = cells["target"]  # a target table prints no score: the name alone decides
        draft.notes.append(ceiling_note(at, name, target, *ceiling))
    elif SIGN_CELL in row and not row.get("sign") and parse_value(target).is_number and not _SIGNED.match(target):
        draft.notes.append(f"{row[SIGN_CELL]}：指标「{name}」的指标性质一格空着，指标值「{target}」将按 ≥ 读："
                           "请对照原表核对；是 ≤ 或 = 时，请把符号写在指标值前（如 ≤5元）")
    return {k: item[k] for k in ITEM_ORDER if k in item}


_SHARE = re.compile(r"(?:率|满意度)$")
_CHANGE = re.compile(r"增|长率|提高|提升|上升|下降|降低|减少|收益|回报|利润|周转|倍")
"""A rate that may pass 100%: a growth or a change (增长率, 提高率), a return (收益率)."""
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]$")


def _rate_over_100(name: str, target: str) -> bool:
    """A share (合格率, 完成率, 满意度) whose target is a percentage above 100: 「292%」 for a 验收合格率 is a
    misread 「≥92%」 (鄂州 市直's stored copy, tests/forms_trial7/t7imp1), never a target."""
    found = _PERCENT.search(target)
    return bool(found and _SHARE.search(name) and not _CHANGE.search(name) and Decimal(found[1]) > 100)


_SIGNED = re.compile(rf"^\s*{LEADING_SIGN}")
_SIGN_ALONE = re.compile(rf"{SIGN_CLASS}{{1,2}}")


def row_sign(row: dict[str, str]) -> str:
    """The sign a row's figure is read with as printed, in its 指标性质 cell or before its 指标值 (≥ ≤ = > <);
    "" for a bare figure (read as ≥ by default, no sign printed) or a target that is no figure."""
    text = _target(row.get("sign", ""), row.get("target", ""), row.get("measure", ""))[0]
    read = parse_value(text)
    return str(read.comparator) if read.is_number and _SIGNED.match(text) else ""


def _target(sign: str, value: str, measure: str) -> tuple[str, str, str]:
    """(target, nature, unit): 「≥ | 95 | %」 is the target ``≥95%``; 指标性质 is written only where the
    target cannot say it (定性 over a figure), 度量单位 only where it cannot be joined to the figure."""
    sign, value, measure = sign.strip(), half_width_figures(value.strip()), measure.strip()
    if value in PLACEHOLDERS:
        return "", "", ""
    text = value
    read = parse_value(value)
    if bare(sign) in ("定量", "定量指标"):
        sign = ""  # 「定量」 says only that the target is a figure, which the figure says itself
    qualitative = bare(sign) in ("定性", "定性指标")
    if sign and not qualitative and not _SIGNED.match(value) and re.search(r"\d", value):
        text = sign + value if _SIGN_ALONE.fullmatch(sign) else value
    unit = ""
    if measure and measure not in PLACEHOLDERS and not text.endswith(measure):
        if re.search(r"\d$", text):
            text += measure
        else:
            unit = measure
    nature = ""
    if qualitative and parse_value(text).is_number:
        nature = "定性"
    elif sign and not qualitative and text == value and read.is_number:
        nature = sign  # a sign the target could not carry (「不低于」): the reader takes it
    return text, nature, unit


def _weights(draft: Draft, form: TargetForm, items: list[dict[str, object]]) -> None:
    """Weights as printed; their total as the form adds them (weight_total), said when it is not 100."""
    weights = [Decimal(str(i["weight"])) for i in items if isinstance(i.get("weight"), Num)]
    if not weights:
        return
    if len(weights) < len(items):
        draft.notes.append("部分指标没有权重：请对照原表补上（check 会报告缺少权重的指标）")
        return
    total = sum(weights, Decimal(0))
    stated = number(form.stated_total, percent=True) if form.stated_total else None
    if stated is not None and Decimal(stated) != total:
        draft.notes.append(f"合计行的权重 {stated} 与各项权重之和 {plain(total)} 不一致，请核对")
    if total != 100:
        draft.data["weight_total"] = Num(plain(total))
        draft.comment(("weight_total",), f"原表各项权重之和为 {plain(total)}，不是 100：按原表写入。"
                      "若原表确实如此请保留；若漏了指标，请补上并删去此行。")
        draft.notes.append(f"各项权重之和为 {plain(total)}，不是 100：已写 weight_total: {plain(total)}，请核对原表")


def _summary(draft: Draft, name: str, year: str, count: int) -> None:
    data = draft.data
    funds = data.get("funds")
    money = ("资金：" + "，".join(f"{_PART_WORD[k]} {funds[k]}" for k in ("total", "fiscal", "other") if k in funds)
             + f" {funds['unit']}") if isinstance(funds, dict) else "资金：未写明"
    goals = "、".join(w for k, w in (("midterm_goal", "中期目标"), ("annual_goal", "年度目标")) if k in data) or "无"
    draft.found[:0] = ["项目支出绩效目标表（kind: 绩效目标，不计分）", f"项目名称：{name}", f"年度：{year}",
                       f"主管部门：{data['department']}", f"绩效指标：{count} 项，取自 {draft.tables_used}"
                       + (f"；另有中期指标 {len(data['midterm_indicators'])} 项" if "midterm_indicators" in data else ""), money,
                       f"总体目标：{goals}"]


def is_targets(draft: Draft | None) -> bool:
    return draft is not None and draft.data.get("kind") == KIND
