"""Recognise a 部门整体支出 target table or self-evaluation and make the `kind: 部门整体…` file.

A department publishes, besides its programmes' forms, one form for the department as a whole
(财预〔2021〕101号 attachments): its name and code, 部门职能, 年度主要任务 with their amounts,
the 年度总体目标 and indicators; the self-evaluation adds 执行数, 实际完成情况, scores and
偏差原因. What tells such a form from a programme's is its title (「部门整体支出绩效目标表」,
「部门（单位）整体支出绩效自评表」, 「单位整体…」) and the absence of a 项目名称; whether it is the
target table or the self-evaluation is said by its indicator header (实际完成值, 得分: the
self-evaluation) or its title.

Only the department's own parts are read here. The indicators are the ones a programme's form
has, and are read by the readers of those forms: a target table's by `target_form`, a
self-evaluation's by `tables.scan` and `assemble` (so its 预算执行 block, goals and 总分 are
read and cross-checked as a 自评's are). Nothing is guessed: a task's amount is written only
where the form prints one, a 总分 only where the form states it, and every judgement is a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfsite.decimals import plain
from perfsite.department import TITLE_SUFFIX
from perfsite.importing.assemble import (
    EXECUTION_ROW,
    Draft,
    Hints,
    amount,
    assemble,
    converted_note,
    execution_item,
    money_units,
    number,
    stated_year,
    total_of,
    unit_without_code,
    unnamed,
)
from perfsite.importing.crosscheck import WEIGHT_SUM, weight_sums
from perfsite.importing.grid import LEFT, Grid, flat, footnote_mark, row_number
from perfsite.importing.grid import label as one_line
from perfsite.importing.labels import bare, is_total, unit_labels
from perfsite.importing.row_figures import mark_note
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.tables import FORM_WIDE_SECTION, header_at, money_unit, scan
from perfsite.importing.target_form import find_targets, initial_comments, is_self_evaluation, target_item
from perfsite.importing.text import Prose, title_facts, year_of_form_title
from perfsite.importing.writer import Num
from perfsite.kinds import DocumentKind
from perfsite.values import PLACEHOLDERS

TARGETS, EVALUATION = str(DocumentKind.DEPARTMENT_TARGETS), str(DocumentKind.DEPARTMENT_SELF_EVALUATION)
KINDS = (TARGETS, EVALUATION)
FILE_SUFFIX = {TARGETS: "-bumen-zhengti-mubiao", EVALUATION: "-bumen-zhengti-ziping"}
"""A department document has no id: its file is named by the department's pinyin and the kind."""

EXECUTION_LINE = EXECUTION_ROW
"""Where a department's 预算执行率 line sits: the contract's examples (docs/data-format.md) file it
under 过程指标 / 预算执行 in the target table and the self-evaluation alike. The forms print the
self-evaluation's line as a 预算执行情况 block of its own, without levels, so the importer names them,
and names them as the target table does (and as a programme's, assemble.EXECUTION_ROW): the department
page pairs the two by path."""
EXECUTION_PATH = (EXECUTION_LINE["level1"], EXECUTION_LINE["level2"], EXECUTION_LINE["name"])

TITLE = re.compile(r"(?:部门|单位|\d{4}年度?|[局委办院所站处厅馆队社室府镇乡心会])(?:[（(]单位[)）])?整体(?:支出)?绩效")
"""「部门整体支出绩效目标表」「部门（单位）整体支出绩效自评表」「单位整体支出绩效目标申报表」, a unit's name before
the year (「岳阳楼区价格认证鉴定中心2023年度整体绩效目标表」), or the department's name right before 整体
(「示例县教育局整体支出绩效目标表」「…疾病预防控制中心整体支出…」: its last character an organisation's)."""
_SELF_TITLE = re.compile(r"自评|评价")
_ANY_FORM_TITLE = re.compile(r"绩效.*(?:表|报告)$")
"""A text in the file naming a 绩效 form of any kind (its own title): the file name is then not read as the title."""
_TITLE_UNIT = re.compile(r"^(?P<unit>.+?[局委办院所站处厅馆队社室府镇乡心会])(?:(?:19|20)\d{2}年度?)?(?:部门|单位)?"
                         r"(?:[（(]单位[)）])?整体")
"""The department a title names before the year and 整体 (「大英县总工会2020年度部门整体支出绩效自评表」): an
organisation's name, its last character an organisation's; a place (「雨花区2022年度…」) names none."""

FACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("department_code", ("部门预算编码", "预算编码", "部门编码", "部门代码", "单位编码", "单位代码", "预算单位编码",
                         "部门单位编码")),
    ("department", (*unit_labels("department", "unit"), "部门单位名称", "部门", "单位")),
    ("functions", ("部门职能", "部门职能概述", "职能职责概述", "部门主要职能", "主要职能", "单位职能", "部门职责",
                   "职能职责", "单位职能概述", "部门单位职能")),
    ("year", ("年度", "预算年度", "评价年度")),
    ("filled", ("填报日期", "填表日期", "填报时间")),
    ("unit_of_money", ("金额单位",)),
    ("reported_score", ("自评总分", "自评得分", "总分", "综合得分", "评价得分", "公布总分")),
    ("reported_grade", ("自评等级", "评价等级", "等级")),
    ("deviation", ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "存在问题及改进措施", "偏差原因及改进措施",
                   "问题及改进措施")),
)
"""Labels of the department's facts (compared whole, without spaces or bracketed notes)."""

TASK_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("任务名称", "年度主要任务", "主要任务", "年度目标任务", "目标任务", "工作任务", "重点任务", "任务")),
    ("content", ("主要内容", "任务内容", "主要工作内容", "工作内容", "具体内容", "主要实施内容", "实施内容")),
    ("amount", ("预算金额", "预算数", "全年预算数", "预算资金", "金额", "资金", "预算", "年度预算数", "安排资金",
                "调整后预算数")),
    ("spent", ("执行数", "全年执行数", "实际支出", "支出数", "预算执行数", "实际执行数")),
    ("rate", ("执行率", "预算执行率")),
)
"""Columns of the 年度主要任务 block: a row holding a `name` and an `amount` or `content` word heads it."""
TASK_SPLIT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fiscal", ("财政拨款", "财政资金", "财政拨款资金", "当年财政拨款", "一般公共预算")),
    ("other", ("其他资金", "其它资金", "单位自有资金", "自有资金", "其他来源资金")),
)
"""A task's amount by source (the Ministry's 部门整体支出绩效目标申报表: 总额 | 财政拨款 | 其他资金): the contract keeps
the task's amount only, so the parts are read to be checked against it (`_check_split`), never written."""
SPLIT = "split:"
"""Prefix of a task column holding one part of its amount (`TASK_SPLIT`)."""
_TASK_BLOCK = ("年度主要任务", "年度履职目标", "主要任务", "年度主要任务完成情况")
"""A side label merged down over the task rows (it heads no column of its own)."""
_TASK_SUMS = ("金额合计", "合计", "小计", "总计")
_INDICATOR_HEADS = frozenset(("一级指标", "二级指标", "三级指标", "指标名称", "指标值", "年度指标值", "实际完成值", "分值",
                              "得分"))
"""Words of an indicator header: a row holding one is no task list, whatever else it holds."""


@dataclass
class Task:
    name: str
    content: str = ""
    amount: str = ""
    spent: str = ""
    ref: str = ""
    split: dict[str, str] = field(default_factory=dict)
    """The amount's parts as printed (`TASK_SPLIT` key → text)."""


@dataclass
class DepartmentForm:
    """What one 部门整体 form holds, as printed."""

    kind: str
    facts: dict[str, str] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    tasks_total: str = ""
    tasks_total_spent: str = ""
    """A 自评's 金额合计 under 全年执行数: checked against the tasks' spent at import (the contract has no key for it)."""
    tasks_total_ref: str = ""
    """Where the 金额合计 row is, for a note naming it."""
    tasks_total_split: dict[str, str] = field(default_factory=dict)
    split_words: dict[str, str] = field(default_factory=dict)
    """The task header's word of each part of the amount (「财政拨款」), for the notes."""
    task_unit: str = ""
    goals: dict[str, str] = field(default_factory=dict)
    execution: dict[str, str] = field(default_factory=dict)
    """initial/budget/spent/rate/weight/score of a 部门预算执行情况 row, as printed."""
    titles: list[str] = field(default_factory=list)
    by_file: str = ""
    """The file's name, when the file holds no title and its name is read as the form's."""
    used: set[tuple[str, int, int]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    """What the reader tells the clerk about how it read the form."""
    task_words: set[str] = field(default_factory=set)
    """The task block's header words and its 合计 label: the target reader's fund block by these words (总额 |
    财政拨款 | 其他资金 over the first task) is the tasks' money, not the department's funds."""


# --------------------------------------------------------------------------- recognition

def _short_texts(grids: list[Grid], paragraphs: list[str]) -> list[str]:
    texts = [flat(p) for p in paragraphs if len(p) <= 80]
    texts += [flat(cell.own) for grid in grids for row in grid.rows[:6] for cell in row if 0 < len(cell.own) <= 80]
    return texts


def find_department(grids: list[Grid], paragraphs: list[str], file_name: str = "") -> DepartmentForm | None:
    """The 部门整体 form in the file, or None when the file is no department-wide form (a title naming
    「部门整体」 or 「单位整体」 绩效, and no 项目名称 with a value).

    A file holding no title of any form is read by its name's (`file_name`): a form reposted page by page
    keeps its table and loses its title to the page before (大英县总工会's, tests/forms_dept26/e01), and the
    clerk names the file after the form. Without it the table was taken for a programme's and refused for want
    of a 项目名称; given one with --name, it was written as a programme's 自评."""
    texts = _short_texts(grids, paragraphs)
    titles = [t for t in texts if TITLE.search(bare(t))]
    by_file = ""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    if not titles and TITLE.search(bare(stem)) and not any(_ANY_FORM_TITLE.search(bare(t)) for t in texts):
        titles, by_file = [stem], stem
    if not titles or names_a_programme(grids):
        return None
    evaluating = is_self_evaluation(grids) or (
        any(_SELF_TITLE.search(t) for t in titles) and not any("目标" in t for t in titles))
    year_lines = [t for t in texts if t not in titles and year_of_form_title(t)]  # 「（2021年度）」 under the title
    form = DepartmentForm(EVALUATION if evaluating else TARGETS, titles=[*titles, *year_lines], by_file=by_file)
    for grid in grids:
        _read_grid(grid, form)
    return form


def names_a_programme(grids: list[Grid]) -> bool:
    """Whether a table names a programme beside its 「项目名称」 label: a programme's form, no department's.
    The label's cell may be merged over two columns (永德's 「项目名称」 over A:B, the name in C, tests/forms
    b04): the name is the first cell after the merge. Read in the next column only, such a form after a
    部门整体 form names no programme, and its indicators would go into the department's file."""
    for grid in grids:
        for row in grid.rows:
            for c, cell in enumerate(row[:-1]):
                if bare(cell.own) not in ("项目名称", "专项名称"):
                    continue
                beside = next((k for k in range(c + 1, len(row)) if row[k].merged != LEFT), len(row))
                if beside < len(row) and row[beside].own and bare(row[beside].own) != bare(cell.own):
                    return True
    return False


def _key(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    word = _FORMULA.sub("", bare(text).removeprefix("其中"))
    return next((key for key, words in table if word in words), None) if word else None


_FORMULA = re.compile(r"[①-⑳].*$")
"""A column's number and formula after its label (福建's 「小计③=①+②」「支出实现率(%)⑤=④/③」,
tests/forms_dept/d06): the label is what stands before them."""


_INLINE = re.compile(r"^([^:：]{2,12})\s*[:：]\s*(\S.{0,80})$")
_PROSE = ("functions", "deviation")
"""Facts kept with their line breaks (paragraphs on the page)."""


GOALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("annual_goal", ("年初绩效目标", "年度总体目标", "预期目标", "年度绩效目标", "年初目标")),
    ("adjusted_goal", ("全年绩效目标", "调整后绩效目标", "全年调整绩效目标")),
    ("annual_result", ("全年目标实际完成情况", "实际完成情况", "目标实际完成情况", "年度总体目标完成情况",
                       "总体目标完成情况", "目标完成情况")),
)
"""Goal labels over their texts (「年初绩效目标 | 全年（调整）绩效目标 | 全年目标实际完成情况」 over a row of texts)."""
EXECUTION: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("initial", ("年初预算数", "年初部门预算安排金额")),
    ("budget", ("全年预算数", "调整后预算数", "全年调整预算数", "预算数", "小计")),
    ("spent", ("全年执行数", "执行数", "预算执行数", "年度拨付金额")),
    ("rate", ("执行率", "预算执行率", "支出实现率")),
    ("weight", ("执行率权重", "权重", "分值", "执行率分值")),
    ("score", ("执行率得分", "得分")),
)
"""The 部门预算执行情况 row: labels over their figures, the 执行率 worth its 权重 (an indicator)."""


def _read_grid(grid: Grid, form: DepartmentForm) -> None:
    r = 0
    while r < len(grid.rows):
        columns = _task_columns(grid, r)
        if columns:
            lower = _money_under(grid, r, columns)
            if lower:
                columns = {**{k: c for k, c in columns.items() if k not in lower and c not in lower.values()}, **lower}
                unread = [flat(cell.own) for c, cell in enumerate(grid.rows[r + 1])
                          if cell.own and c not in lower.values() and c not in columns.values()]
                if unread:
                    form.notes.append(f"{grid.label} 第 {row_number(grid, r + 1)} 行：年度主要任务的「{'」「'.join(unread)}」"
                                      "各列数据格式不收（任务只写预算金额 amount 和执行数 spent），未写入")
            r = _read_tasks(grid, r + 1 if lower else r, columns, form, top=r)
            continue
        if _labels_over_values(grid, r, GOALS, form.goals, form) or _labels_over_values(
                grid, r, EXECUTION, form.execution, form):
            r += 2
            continue
        _facts_of_row(grid, r, form)
        r += 1


def _labels_over_values(grid: Grid, r: int, table: tuple[tuple[str, tuple[str, ...]], ...], into: dict[str, str],
                        form: DepartmentForm) -> bool:
    """A row of labels of `table` (two at least) over a row of their values, read into `into`."""
    if r + 1 >= len(grid.rows):
        return False
    labels = [(c, key) for c, cell in enumerate(grid.rows[r]) if cell.own and (key := _key(cell.own, table))]
    keys = {key for _, key in labels}
    if len(keys) < 2 or (table is EXECUTION and "rate" not in keys):
        return False  # 分值 | 得分 alone head an indicator table, not the 执行率 line
    below = _total_row(grid, r, [c for c, _ in labels]) if table is EXECUTION else r + 1
    for c, key in labels:
        value = grid.cell(below, c).own
        form.used.add((grid.label, r, c))
        if value.strip() and key not in into:
            into[key] = (_figure(form, value.strip(), f"{grid.label} {grid.cell(below, c).ref}：{one_line(grid.cell(r, c).own)}")
                         if table is EXECUTION else value.strip())
            form.used.add((grid.label, below, c))
    if below != r + 1:
        form.used.update((grid.label, k, c) for k in range(r + 1, below) for c in range(grid.width)
                         if grid.cell(k, c).own)
        form.notes.append(f"{grid.label} 第 {row_number(grid, below)} 行「{one_line(grid.rows[below][_row_label(grid, below)].own)}」"
                          "是资金结构各行的合计：预算执行按这一行写入；其上各行（财政资金、项目支出、基本支出等）"
                          "的分项金额数据格式不收，未写入")
    return True


def _total_row(grid: Grid, r: int, columns: list[int]) -> int:
    """The row under the money labels at `r` to read: the 合计 of the rows by 资金结构 that follow
    (福建's 部门整体 form prints 财政资金小计, ① 项目支出, ② 基本支出, 2.单位其它收入 and 合 计 under
    one header, tests/forms_dept/d06: the department's execution is its 合计), else the row right under."""
    k = r + 1
    while k < len(grid.rows) and any(_FIGURE.match(grid.cell(k, c).own.strip()) for c in columns):
        if is_total(grid.rows[k][_row_label(grid, k)].own):
            return k
        k += 1
    return r + 1


def _row_label(grid: Grid, r: int) -> int:
    """The column of a row's first text that is not a figure (its label)."""
    return next((c for c, cell in enumerate(grid.rows[r]) if cell.own.strip() and not _FIGURE.match(cell.own.strip())), 0)


_FIGURE = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")


def _facts_of_row(grid: Grid, r: int, form: DepartmentForm) -> None:
    """「部门名称 | X | 部门预算编码 | Y」 pairs, and 「填报单位：X」 in one cell. A label's value is the
    cell beside it past its own merge; an empty one is no value (never the next label's text)."""
    row = grid.rows[r]
    for c, cell in enumerate(row):
        text = cell.own
        if not text:
            continue
        inline = _INLINE.match(flat(text))
        key = _key(text, FACTS)
        if key is None and inline and (inline_key := _key(inline[1], FACTS)):
            _fact(form, inline_key, inline[2].strip(), f"{grid.label} {cell.ref}")
            form.used.add((grid.label, r, c))
            continue
        vc = next((k for k in range(c + 1, len(row)) if row[k].merged != LEFT), None)
        value = row[vc].own if vc is not None else ""
        if key is None or vc is None or not value or _key(value, FACTS):
            continue
        if _fact(form, key, value if key in _PROSE else flat(value), f"{grid.label} {row[vc].ref}"):
            form.used.update({(grid.label, r, c), (grid.label, r, vc)})


def _fact(form: DepartmentForm, key: str, value: str, where: str = "") -> bool:
    """The first value of a fact wins (a form repeats its head on a second page)."""
    if key in form.facts or not value.strip() or value.strip() in PLACEHOLDERS:
        return False
    form.facts[key] = _figure(form, value.strip(), f"{where}：总分") if key == "reported_score" else value.strip()
    return True


_MONEY_WORD = {"amount": "金额", "spent": "执行数"}
"""A task's figure columns, by the word a note names them with."""


def _figure(form: DepartmentForm, text: str, where: str) -> str:
    """A figure of the department's own (a task's amount, the 预算执行 row, the 总分) without a
    footnote mark after it, said naming the cell (`mark_note`), as a 自评表's figure cells are read:
    「120.5¹」 glued together would make the task's amount 「不是数字」 and lose the 执行率 line its rate."""
    if split := footnote_mark(text):
        form.notes.append(mark_note(where, text, split))
        return split[0]
    return text


def _task_columns(grid: Grid, r: int) -> dict[str, int]:
    """key → column of a 年度主要任务 header at row `r` (a name column and an amount or content one)."""
    columns: dict[str, int] = {}
    others: dict[str, int] = {}
    row = grid.rows[r]
    names = [c for c, cell in enumerate(row) if cell.own and _key(cell.own, TASK_COLUMNS) == "name"]
    for c, cell in enumerate(row):
        key = _task_key(cell.own) if cell.own else None
        if len(names) > 1 and c in names[:-1] and bare(cell.own) in _TASK_BLOCK:
            continue  # 「年度主要任务 | 任务名称 | …」: the block's side label, not the name column
        if key and key not in columns:
            columns[key] = c
        elif cell.own and key is None and bare(cell.own) not in _TASK_BLOCK:
            others[f"other:{c}"] = c  # 部门职能 | 支出项目名称 beside the task: part of its content
    if "name" not in columns or not ({"amount", "content", "spent"} & columns.keys()):
        return {}
    if any(bare(grid.cell(r, c).own) in _INDICATOR_HEADS for c in others.values()):
        return {}  # an indicator header (三级指标 | 指标值 …), not a task list
    return {**columns, **others}


_AMOUNT_UNDER = ("总额", "合计", "小计")
"""The amount's word under 预算金额 (the Ministry's 部门整体支出绩效目标申报表: 总额 | 财政拨款 | 其他资金)."""


def _task_key(text: str) -> str | None:
    """A task header word's column: `TASK_COLUMNS`, or a part of the amount (`SPLIT` + `TASK_SPLIT` key)."""
    key = _key(text, TASK_COLUMNS)
    if key is None and (part := _key(text, TASK_SPLIT)):
        return SPLIT + part
    return key


def _money_under(grid: Grid, r: int, columns: dict[str, int]) -> dict[str, int]:
    """The money columns of a task header's second row: 「预算资金（万元）」 merged over 「全年预算数 | 全年执行数 |
    执行率」 in the row under it, whose words name the columns the tasks' figures stand in; {} when the row under
    is a task (its name column filled) or names no money column under the header's cells."""
    if r + 1 >= len(grid.rows) or grid.cell(r + 1, columns["name"]).own:
        return {}
    lower: dict[str, int] = {}
    for c, cell in enumerate(grid.rows[r + 1]):
        key = (_task_key(cell.own) or ("amount" if bare(cell.own) in _AMOUNT_UNDER else None)) if cell.own else None
        if key in ("amount", "spent", "rate", *(SPLIT + k for k, _ in TASK_SPLIT)) and key not in lower:
            lower[key] = c
    under = {c for c in range(grid.width) if grid.cell(r, c).merged == LEFT} | set(columns.values())
    return lower if lower and set(lower.values()) <= under else {}


def _read_tasks(grid: Grid, header: int, columns: dict[str, int], form: DepartmentForm, top: int | None = None) -> int:
    """The task rows under the header (its rows `top` to `header`), to the first row with nothing in the
    task's columns, an indicator header or a 合计 row (its amount is 金额合计, checked against the tasks)."""
    top = header if top is None else top
    head = grid.rows[top]
    form.task_words |= {bare(cell.own) for row in grid.rows[top:header + 1] for cell in row if cell.own}
    form.used.update((grid.label, k, c) for k in range(top, header + 1) for c, cell in enumerate(grid.rows[k]) if cell.own)
    form.task_unit = next((u for row in grid.rows[top:header + 1] for cell in row if cell.own and (u := money_unit(cell.own))), "")
    others = [(c, bare(head[c].own)) for k, c in columns.items() if k.startswith("other:")]
    splits = {k.removeprefix(SPLIT): c for k, c in columns.items() if k.startswith(SPLIT)}
    for part, c in splits.items():
        form.split_words.setdefault(part, next((bare(grid.cell(k, c).own) for k in range(header, top - 1, -1)
                                                if grid.cell(k, c).own), part))
    r = header + 1
    while r < len(grid.rows):
        row = grid.rows[r]
        cells = {k: grid.cell(r, c).own for k, c in columns.items()}
        first = next((cell.own for cell in row if cell.own), "")
        if not any(cells.values()):
            break
        if is_total(first) or bare(first) in _TASK_SUMS or bare(cells.get("name", "")) in _TASK_SUMS:
            money, split = _task_figures(grid, r, columns, splits, form)
            form.tasks_total = money.get("amount", "")
            form.tasks_total_spent = money.get("spent", "")
            form.tasks_total_ref = f"{grid.label} 第 {row_number(grid, r)} 行"
            form.tasks_total_split = split
            form.task_words.add(bare(first))
            form.used.update((grid.label, r, c) for c, cell in enumerate(row) if cell.own)
            r += 1
            break
        if _key(first, FACTS) or bare(first) in ("一级指标", "绩效指标", "年度总体目标"):
            break
        if any(grid.cell(r, c).own for c in range(min(columns.values()))):
            break  # a new block's label in the side column the task rows leave empty (merged)
        if sum(1 for c in columns.values() if _key(grid.cell(r, c).own, EXECUTION)) >= 2:
            break  # the labels of a 预算执行 row
        name = one_line(cells.get("name", ""))
        extra = [f"{word}：{flat(grid.cell(r, c).own)}" for c, word in others if grid.cell(r, c).own]
        content = "；".join([*([cells["content"].strip()] if cells.get("content") else []), *extra])
        if name and name not in PLACEHOLDERS:
            money, split = _task_figures(grid, r, columns, splits, form)
            form.tasks.append(Task(name, content, money.get("amount", ""), money.get("spent", ""),
                                   f"{grid.label} {grid.cell(r, columns['name']).ref}", split))
        form.used.update((grid.label, r, c) for c in columns.values() if grid.cell(r, c).own)
        r += 1
    return r


def _task_figures(grid: Grid, r: int, columns: dict[str, int], splits: dict[str, int],
                  form: DepartmentForm) -> tuple[dict[str, str], dict[str, str]]:
    """(amount and spent, the amount's parts) of task row `r` as printed, a footnote mark read off (`_figure`)."""
    money = {key: _figure(form, flat(grid.cell(r, c).own), f"{grid.label} {grid.cell(r, c).ref}：{_MONEY_WORD[key]}")
             for key, c in columns.items() if key in _MONEY_WORD}
    split = {part: _figure(form, flat(grid.cell(r, c).own), f"{grid.label} {grid.cell(r, c).ref}：{form.split_words[part]}")
             for part, c in splits.items()}
    return money, split


# --------------------------------------------------------------------------- the file

def assemble_department(source: str, form: DepartmentForm, grids: list[Grid], paragraphs: list[str],
                        headers: list[str], hints: Hints) -> tuple[Draft, set[tuple[str, int, int]]]:
    """The department document's mapping in the contract's order, and the cells it took."""
    draft = Draft()
    draft.notes.extend(form.notes)
    facts = form.facts
    department, code = unit_without_code(flat(facts.get("department", "") or _title_unit(draft, form, hints)))
    from_title = next((f for f in map(title_facts, form.titles) if f), {})
    # A 目标表 is filled in before the year it sets targets for: its 填报日期 says nothing of that year.
    dated = facts if form.kind == EVALUATION else {k: v for k, v in facts.items() if k != "filled"}
    if not department:
        raise unnamed("找不到部门名称（表格中的「部门名称」「单位名称」或「预算单位」一栏）", dated, from_title,
                      [*form.titles, *headers], source, Prose(), hints, "部门全称")
    found_targets = _target_indicators(draft, grids, paragraphs, form.task_words) if form.kind == TARGETS else None
    year = stated_year(draft, dated, from_title, [*form.titles, *headers], source, department, Prose(), hints)
    data = draft.data
    data["kind"] = form.kind
    data["year"] = Num(year)
    data["department"] = department
    if code or facts.get("department_code"):
        data["department_code"] = facts.get("department_code") or code
        if code and not facts.get("department_code"):
            draft.comment(("department_code",), f"原表写作「{facts['department']}」：编码取自名称前后的数字。")
    if facts.get("functions"):
        data["functions"] = facts["functions"]
    used = set(form.used)
    if found_targets is not None:
        indicators, goal, scan_used = found_targets
        used |= scan_used
        _tasks(draft, form, facts)
        if goal:
            data["annual_goal"] = goal
    else:
        indicators, evaluation, scan_used = _evaluation_parts(draft, source, form, grids, headers, department, year)
        used |= scan_used
        _tasks(draft, form, facts)
        evaluation.setdefault("deviation", facts.get("deviation", ""))
        for key in ("execution", "annual_goal", "annual_result", "deviation"):
            if evaluation.get(key):
                data[key] = evaluation[key]
        if evaluation.get("reported"):
            data["reported"] = evaluation["reported"]
    data["source"] = source
    renamed = _execution_renamed(draft, indicators)
    if renamed:
        data["renamed"] = renamed
    data["indicators"] = indicators
    _summary(draft, form, department, year, len(indicators))
    return draft, used


def _title_unit(draft: Draft, form: DepartmentForm, hints: Hints) -> str:
    """Where the form has no 部门名称 row: --name, else the department its title names (the file's name standing
    for a title the file does not hold), with a note to check it. A title is a weaker reading than a labelled
    cell, and a copy may drop characters from it (零陵区's 「陵区林业局」): the clerk's --name comes first."""
    if hints.name:
        return hints.name
    for title in form.titles:
        if found := _TITLE_UNIT.match(bare(title)):
            where = f"文件名「{title}」（文件中没有标题和「部门名称」一栏）" if title == form.by_file else (
                f"标题「{flat(title)}」（表中没有「部门名称」一栏）")
            draft.notes.append(f"部门名称「{found['unit']}」取自{where}，请核对；不对时用 --name 给出部门全称")
            return found["unit"]
    return ""


def _unit(form: DepartmentForm, facts: dict[str, str], texts: list[str]) -> tuple[str, str]:
    """(unit written, unit of a bare figure): a 金额单位 of 元 or 万元, else the one the task table's
    header states, else a 金额单位 of 千元 or 亿元, else the one the cells write (`money_units`)."""
    said = money_unit(facts.get("unit_of_money", ""))
    stated = said if said in ("元", "万元") else form.task_unit or said
    return money_units(stated, [amount(t.replace(",", ""), "万元")[1] for t in texts if t])


def _tasks(draft: Draft, form: DepartmentForm, facts: dict[str, str]) -> None:
    """年度主要任务 as printed; amounts in the form's unit; a repeated name is kept once with a note."""
    if not form.tasks:
        return
    data = draft.data
    unit, unstated = ((str(data["unit"]),) * 2 if data.get("unit")
                      else _unit(form, facts, [t.amount for t in form.tasks] + [t.spent for t in form.tasks]))
    data["unit"] = unit
    if unstated != unit:
        draft.notes.append(converted_note(unstated, unit, "年度主要任务"))
    evaluating = form.kind == EVALUATION
    out: list[dict[str, object]] = []
    for task in form.tasks:
        if any(t["name"] == task.name for t in out):
            draft.notes.append(f"{task.ref}：任务「{task.name}」与上面一行同名，未重复写入，请对照原表合并")
            continue
        item: dict[str, object] = {"name": task.name}
        if task.content:
            item["content"] = task.content
        for key in ("amount", "spent") if evaluating else ("amount",):
            text = getattr(task, key)
            value, said = amount(text.replace(",", "").replace("，", ""), unit, unstated)
            if value is not None:
                item[key] = value
                if said and said != unit:
                    draft.notes.append(f"{task.ref}：「{text}」按本表单位换算为 {value} {unit}")
            elif text.strip() and text.strip() not in PLACEHOLDERS:  # 「约11万元」: kept as printed, never a figure
                draft.notes.append(f"{task.ref}：任务「{task.name}」的金额「{text}」不是数字，未写入")
                draft.comment(("tasks",), f"原表任务「{task.name}」的金额一格写作「{flat(text)}」，不是确定的金额，未写入；"
                                          "请向填报单位核实后补上。")
        out.append(item)
    data["tasks"] = out
    _check_split(draft, form, unit, unstated)
    if evaluating:
        _check_tasks_total(draft, form, out, unit, unstated)
    if form.tasks_total and not evaluating:
        value, _ = amount(form.tasks_total.replace(",", ""), unit, unstated)
        if value is not None:
            data["tasks_total"] = value
            draft.comment(("tasks_total",), "原表的「金额合计」：perfsite check 会与各项任务金额之和核对。")


def _check_tasks_total(draft: Draft, form: DepartmentForm, tasks: list[dict[str, object]], unit: str, unstated: str) -> None:
    """A 自评's 金额合计 row against the sum of its tasks, at import: the contract keeps `tasks_total` for a
    目标表 only (where perfsite check compares it), so a 自评's total would otherwise go unchecked and unsaid."""
    for key, text, word in (("amount", form.tasks_total, "预算金额"), ("spent", form.tasks_total_spent, "执行数")):
        total, _ = amount(text.replace(",", "").replace("，", ""), unit, unstated)
        figures = [Decimal(str(t[key])) for t in tasks if key in t]
        if total is None or not figures:
            continue
        summed = sum(figures, Decimal(0))
        if summed == Decimal(str(total)):
            draft.found.append(f"核对：{form.tasks_total_ref}「金额合计」的{word} {total} {unit} 与各项任务之和相符")
        else:
            draft.notes.append(f"{form.tasks_total_ref}「金额合计」的{word} {total} {unit} 与各项任务之和 {plain(summed)} {unit} "
                               "不一致：金额合计未写入（自评表没有这一项），各项任务照原表写入，请核对原表")


def _check_split(draft: Draft, form: DepartmentForm, unit: str, unstated: str) -> None:
    """Each task's 财政拨款 and 其他资金 (and the 金额合计 row's) against its amount, at import: the contract has no
    key for the parts, so a part that does not add up would otherwise go unsaid. One line when all agree."""
    if not form.split_words:
        return
    words = "」「".join(form.split_words.values())
    rows = [(t.ref, f"任务「{t.name}」", t.amount, t.split) for t in form.tasks]
    if form.tasks_total_split:
        rows.append((form.tasks_total_ref, "「金额合计」", form.tasks_total, form.tasks_total_split))
    checked = 0
    for ref, what, total_text, parts in rows:
        total, _ = amount(total_text.replace(",", "").replace("，", ""), unit, unstated)
        figures = [amount(text.replace(",", "").replace("，", ""), unit, unstated)[0] for text in parts.values() if text.strip()]
        if total is None or not figures or None in figures:
            continue
        summed = sum((Decimal(str(f)) for f in figures), Decimal(0))
        if summed == Decimal(str(total)):
            checked += 1
        else:
            shown = "＋".join(f"{form.split_words[p]} {flat(text)}" for p, text in parts.items() if text.strip())
            draft.notes.append(f"{ref}：{what}的{shown} 之和 {plain(summed)} {unit} 与预算金额 {total} {unit} 不一致："
                               "预算金额照原表写入，请核对原表")
    draft.notes.append(f"年度主要任务的「{words}」各列数据格式不收（任务只写预算金额 amount），未写入"
                       + (f"；已与 {checked} 行的预算金额核对，相符" if checked else ""))


def _target_indicators(draft: Draft, grids: list[Grid], paragraphs: list[str], task_words: set[str]
                       ) -> tuple[list[dict[str, object]], str, set[tuple[str, int, int]]]:
    """A target table's indicators, read as a 项目支出绩效目标表's (its 年度总体目标 too)."""
    found = find_targets(grids, paragraphs)
    if not found.forms:
        raise ImportFailure("部门整体支出绩效目标表中找不到绩效指标表（表头需有「三级指标」或「指标名称」和「指标值」"
                            f"或「目标值」）：{found.near or '请核对原表'}")
    items: list[dict[str, object]] = []
    goal = ""
    later = [form for form in found.forms if form.part > 0]  # the programmes' target tables after the department's
    if later:
        draft.notes.append(f"原文件在部门整体的绩效目标表之后另有 {len(later)} 张项目的绩效目标表（"
                           f"{'、'.join(form.where for form in later)}）：部门整体文件不收，未导入；请把它们另存为单独的文件后导入")
    for form in (form for form in found.forms if form.part == 0):
        initial_comments(draft, form.rows, len(items))
        items += [target_item(draft, row, ref) for row, ref in zip(form.rows, form.refs, strict=True)]
        draft.notes.extend(note for note in form.notes if note not in draft.notes)  # columns not read, template rows
        money = "、".join(f"{label_} {text}" for _, label_, text in form.funds if bare(label_) not in task_words)
        if money:
            draft.notes.append(f"原表的资金栏（{money}）部门整体文件没有对应的键，未写入；任务的金额写在 tasks 中")
        goal = goal or form.goals.get("annual_goal", "") or form.goals.get("midterm_goal", "")
    if not items:
        raise ImportFailure(f"{found.forms[0].table} 是绩效指标表，但表中没有指标行")
    draft.tables_used = found.forms[0].where
    return items, goal, found.used


_GOAL = {"年度总体目标": "annual_goal", "总体目标完成情况": "annual_result"}
_PROGRAMME_ONLY = ("原文没有写明主管部门",)
"""Notes of the 自评 reading that do not apply to a department's own form (its department is stated)."""


def _evaluation_parts(draft: Draft, source: str, form: DepartmentForm, grids: list[Grid], headers: list[str],
                      department: str, year: str) -> tuple[list[dict[str, object]], dict[str, object],
                                                           set[tuple[str, int, int]]]:
    """A self-evaluation's indicators, 预算执行, goals and 总分, read as a 项目支出自评表's are."""
    found = scan(grids)  # a 分值 column after each level folded into the level (tables.level_points_folded)
    found.used |= form.used
    found.facts["name"] = department + TITLE_SUFFIX
    found.facts.setdefault("year", year)
    for key in ("reported_score", "reported_grade"):
        if form.facts.get(key):
            found.facts.setdefault(key, form.facts[key])
    if not any(t.rows for t in found.indicators):
        raise ImportFailure(_no_indicators(grids, found.near_headers))
    sub = assemble(source, found, Prose(), headers, Hints(), execution_row=EXECUTION_LINE)
    draft.tables_used = sub.tables_used
    draft.notes.extend(n for n in sub.notes if not n.startswith(_PROGRAMME_ONLY) and FORM_WIDE_SECTION not in n)
    for path, lines in sub.comments.items():
        if path and path[0] in ("indicators", "reported"):
            draft.comment(path, *lines)
    parts: dict[str, object] = {}
    sections = sub.data.get("sections")
    deviation: list[tuple[str, str]] = []
    if isinstance(sections, dict):
        for title, text in sections.items():
            key = _GOAL.get(title) or ("deviation" if re.search(r"偏差|原因|改进|问题", title) else None)
            if key == "deviation" and text:
                deviation.append((title, str(text)))
            elif key and text:
                parts[key] = text
            elif text:
                draft.notes.append(f"「{title}」一段部门整体自评表没有对应的键，未导入")
    if deviation:  # 「存在问题」 and 「改进措施」 rows: one text, each part under its label
        parts["deviation"] = deviation[0][1] if len(deviation) == 1 else "\n".join(f"{t}：{x}" for t, x in deviation)
    budget = sub.data.get("budget")
    if isinstance(budget, dict):
        parts["execution"] = _execution(draft, budget, found)
        draft.data["unit"] = budget.get("unit", "万元")
        if "rate" in parts["execution"]:
            _rate_not_an_actual(draft, sub.data["indicators"])
    elif form.execution:
        parts["execution"] = _form_execution(draft, form)
    if "execution" in parts:
        _spending_rows(draft, grids, found.used)
    if sub.data.get("reported"):
        parts["reported"] = sub.data["reported"]
    items = sub.data["indicators"]
    assert isinstance(items, list)
    if form.execution.get("weight") and not any(bare(str(i.get("name", ""))) == "预算执行率" for i in items):
        items.insert(0, execution_item(form.execution, EXECUTION_LINE))
        # the 合计 row counted the 执行率 too; the sums are said again with it
        draft.notes[:] = [n for n in draft.notes if not n.startswith(("合计行的分值", WEIGHT_SUM))]
        weight_sums(draft, items, draft.tables_used, "")
        draft.notes.append(f"预算执行率 {form.execution.get('rate', '')}（权重 {form.execution['weight']}）取自部门预算执行情况一栏，"
                           "作为第一项指标写入")
    for key in ("annual_goal", "annual_result"):
        if key not in parts and form.goals.get(key):
            parts[key] = form.goals[key]
    _adjusted_goal(draft, form, parts)
    return items, parts, found.used


_SIDE_LABELS = ("绩效指标", "年度绩效指标", "绩效指标完成情况")
"""A block's label left of an indicator header (merged down over the rows, when there are any): heads no column."""


def _no_indicators(grids: list[Grid], near_headers: list[str]) -> str:
    """Why a self-evaluation has no indicators, naming the header row looked at: an indicator header with no row
    under it (绥阳县太白镇's published form ends there), or a row that looks like one (`Found.near_headers`)."""
    for grid in grids:
        for r in range(len(grid.rows)):
            if header_at(grid, r)[0]:
                heads = "、".join(one_line(cell.own) for cell in grid.rows[r] if cell.own and bare(cell.own) not in _SIDE_LABELS)
                return (f"部门整体支出绩效自评表中找不到绩效指标：{grid.label}第 {row_number(grid, r)} 行是指标表的表头（{heads}），"
                        "下面却没有一行指标（原表可能到这里就截断了）：请向单位要完整的原表")
    if near_headers:
        return f"部门整体支出绩效自评表中找不到绩效指标表：{near_headers[0]}：请把指标名称所在列的表头改为「三级指标」后重新导入"
    return ("部门整体支出绩效自评表中找不到绩效指标表（表头需有「三级指标」、「年度指标值」、「实际完成值」和「分值」「得分」）："
            "请核对原表")


def _adjusted_goal(draft: Draft, form: DepartmentForm, parts: dict[str, object]) -> None:
    """全年（调整）绩效目标: the contract has one 年度总体目标; the adjusted one stands in for a 年初
    goal the form leaves as 无, and is otherwise noted for the clerk."""
    adjusted = form.goals.get("adjusted_goal", "")
    if not adjusted or adjusted in PLACEHOLDERS or adjusted == "无":
        return
    if str(parts.get("annual_goal", "")).strip() in ("", "无", *PLACEHOLDERS):
        parts["annual_goal"] = adjusted
        draft.comment(("annual_goal",), "原表的年初绩效目标写「无」：取自全年（调整）绩效目标。")
    elif adjusted != parts.get("annual_goal"):
        draft.notes.append(f"原表的全年（调整）绩效目标「{adjusted[:40]}…」与年初绩效目标不同：数据格式只有年度总体目标，"
                           "写入的是年初绩效目标")


def _form_execution(draft: Draft, form: DepartmentForm) -> dict[str, object]:
    """预算执行 from a 部门预算执行情况 row the 自评 readers do not know (执行率 | 执行率权重 | 执行率得分)."""
    out: dict[str, object] = {}
    unit, unstated = _unit(form, form.facts, [])
    if unstated != unit and any(form.execution.get(key) for key in ("budget", "spent")):
        draft.notes.append(converted_note(unstated, unit, "预算执行情况"))
    for key in ("budget", "spent"):
        value, _ = amount(form.execution.get(key, "").replace(",", ""), unit, unstated)
        if value is not None:
            out[key] = value
    rate = number(form.execution.get("rate"), percent=True)
    if rate is not None:
        out["rate"] = f"{rate}%"
    if "budget" in out or "spent" in out:
        draft.data["unit"] = unit
    if "budget" not in out:
        draft.notes.append("部门预算执行情况一栏没有可读的全年预算数：预算执行只写了原表的执行率，请对照原表补上金额")
    return out


def _execution(draft: Draft, budget: dict[str, object], found: object) -> dict[str, object]:
    """预算执行 {budget, spent, rate} from the 自评's budget block: 全年预算数, 全年执行数 and the 执行率
    the form prints (checked against 执行数 ÷ 预算数 by perfsite check)."""
    out: dict[str, object] = {}
    for key in ("budget", "spent"):
        value = total_of(budget.get(key))
        if value is not None:
            out[key] = Num(str(_printed(budget.get(key)) or value))
    tables = [t for t in getattr(found, "budgets", []) if t.rows]
    printed = next((t.derived.get("execution_rate", {}).get("total") or t.execution.get("rate") for t in tables), None)
    if printed:
        rate = number(printed, percent=True)
        if rate is not None:
            out["rate"] = f"{rate}%"
    initial = total_of(budget.get("initial"))
    if "budget" not in out and initial is not None:
        said = _printed(budget.get("initial")) or initial
        draft.notes.append(f"原表只有年初预算数 {said}、没有全年预算数：execution 的 budget 是全年预算数，未写；"
                           "年初预算数写在 execution 上方的注释中（execution 没有年初预算数一项），页面不显示执行率。"
                           "全年预算数请向单位问清后再写，不要把年初预算数当作全年预算数填入")
        draft.comment(("execution",), f"原表的年初预算数 {said}：原表没有全年预算数（budget），execution 没有年初预算数一项，未写入。")
    elif initial is not None:
        said = _printed(budget.get("initial")) or initial
        draft.notes.append(f"年初预算数 {said}：部门整体自评表的预算执行（execution）"
                           "只有全年预算数、全年执行数和执行率，年初预算数未写入")
        draft.comment(("execution",), f"原表的年初预算数 {said}：execution 没有年初预算数一项，未写入。")
    if tables:
        _parts_not_written(draft, tables[0].rows, tables[0].derived.get("execution_rate", {}))
    return out


_SPENDING = ("基本支出", "项目支出")
"""Rows by kind of spending under 年度资金总额 (绥阳县太白镇's form: 基本支出 985.19/914.97, 分值 10, 得分 10): parts of
the total `execution` holds alone, with no key of their own."""


def _spending_rows(draft: Draft, grids: list[Grid], used: set[tuple[str, int, int]]) -> None:
    """Each 基本支出/项目支出 row left unread, named with its figures under the money header's labels (the nearest
    row above naming two `EXECUTION` labels), in a note and in the comment above `execution`: never dropped unsaid."""
    for grid in grids:
        header: dict[int, str] = {}
        for r, row in enumerate(grid.rows):
            labels = {c: bare(cell.own) for c, cell in enumerate(row) if cell.own and _key(cell.own, EXECUTION)}
            if len(labels) >= 2:
                header = labels
                continue
            c0 = _row_label(grid, r)
            if not header or bare(row[c0].own).removeprefix("其中") not in _SPENDING:
                continue
            figures = [(c, cell.own.strip()) for c, cell in enumerate(row)
                       if c in header and _FIGURE.match(cell.own.strip()) and (grid.label, r, c) not in used]
            if not figures:
                continue
            said = "，".join(f"{header[c]} {text}" for c, text in figures)
            name = flat(row[c0].own)
            draft.notes.append(f"{grid.label} 第 {row_number(grid, r)} 行「{name}」一行（{said}）：部门整体自评表的预算执行只写"
                               "年度资金总额，这一行未写入，请核对它与年度资金总额是否相符")
            draft.comment(("execution",), f"原表「{name}」一行：{said}（execution 只写合计，这一行未写入）。")
            used.update((grid.label, r, c) for c, cell in enumerate(row) if cell.own)


_PART_NAMES = {"fiscal": "其中：当年财政拨款", "carryover": "上年结转资金", "other": "其他资金", "central": "中央",
               "provincial": "省级", "municipal": "市级", "county": "县级"}
_ROW_NAMES = (("initial", "年初预算数"), ("budget", "全年预算数"), ("spent", "全年执行数"))


def _parts_not_written(draft: Draft, rows: dict[str, dict[str, str]], rates: dict[str, str]) -> None:
    """The rows under 年度资金总额 (「其中：当年财政拨款」, 上年结转, 其他资金) as the form prints them:
    `execution` holds the total alone, so each part read is named with its figures and its own 执行率 (`rates`,
    by part), never dropped unsaid; the file keeps them in a comment above `execution`."""
    parts: dict[str, list[str]] = {}
    for key, label in _ROW_NAMES:
        for part, value in rows.get(key, {}).items():
            if part != "total" and part in _PART_NAMES and value.strip():
                parts.setdefault(part, []).append(f"{label} {value.strip()}")
    for part, rate in rates.items():
        if part in parts and number(rate, percent=True) is not None:
            parts[part].append(f"执行率 {rate.strip()}")
    for part, figures in parts.items():
        draft.notes.append(f"「{_PART_NAMES[part]}」一行（{'，'.join(figures)}）：部门整体自评表的预算执行只写合计，"
                           "这一行未写入，请核对它与年度资金总额是否相符")
        draft.comment(("execution",), f"原表「{_PART_NAMES[part]}」一行：{'，'.join(figures)}（execution 只写合计，这一行未写入）。")


def _rate_not_an_actual(draft: Draft, items: object) -> None:
    """The 预算执行率 line made from the money block scores from `execution` (rule: budget), where the
    printed 执行率 is written and checked: the same figure again as its actual would be a second copy."""
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("name") == EXECUTION_LINE["name"] and item.get("level1") == EXECUTION_LINE["level1"]:
            item.pop("actual", None)
            draft.comment(("execution", "rate"), "原表印出的执行率：perfsite check 与 全年执行数 ÷ 全年预算数 核对，"
                          "指标「预算执行率」按它计分。")


def _printed(entry: object) -> str | None:
    if isinstance(entry, Num):
        return str(entry)
    if isinstance(entry, dict) and isinstance(entry.get("total"), Num):
        return str(entry["total"])
    return None


def _execution_renamed(draft: Draft, indicators: list[dict[str, object]]) -> list[dict[str, object]]:
    """A 预算执行率 the form prints under levels of its own, stated as the contract's line
    (`renamed`, in the file the clerk reviews): the other document of the department-year may
    come from a form that prints it elsewhere or not at all, and the page matches by path only."""
    out: list[dict[str, object]] = []
    for n, item in enumerate(indicators):
        path = (str(item.get("level1", "")).strip(), str(item.get("level2", "")).strip(),
                str(item.get("name", "")).strip())
        if bare(path[2]) != EXECUTION_LINE["name"] or path == EXECUTION_PATH or not all(path):
            continue
        if out:
            draft.notes.append(f"第 {n + 1} 项指标又是「预算执行率」（{'/'.join(path)}）：只有第一项与部门整体的预算执行率对应")
            continue
        out.append({"from": list(path), "to": list(EXECUTION_PATH)})
        draft.comment(("renamed",), f"原表把预算执行率列在「{path[0]} / {path[1]}」下：与另一份表（目标表或自评表）按"
                      f"「{EXECUTION_PATH[0]} / {EXECUTION_PATH[1]}」对应。")
        draft.notes.append(f"原表的预算执行率列在「{path[0]} / {path[1]}」下，写入 renamed，"
                           f"与部门整体另一份表的「{'/'.join(EXECUTION_PATH)}」对应")
    return out


def _summary(draft: Draft, form: DepartmentForm, department: str, year: str, count: int) -> None:
    data = draft.data
    what = "部门整体支出绩效自评表（kind: 部门整体自评）" if form.kind == EVALUATION else "部门整体支出绩效目标表（kind: 部门整体绩效目标，不计分）"
    tasks = data.get("tasks")
    lines = [what, f"部门：{department}", f"年度：{year}", f"绩效指标：{count} 项，取自 {draft.tables_used or '表格'}",
             f"年度主要任务：{len(tasks) if isinstance(tasks, list) else 0} 项"]
    reported = data.get("reported")
    if form.kind == EVALUATION:
        lines.append(f"公布总分：{reported['score']}" if isinstance(reported, dict) else "公布总分：未写明")
    draft.found[:0] = lines


def is_department(draft: Draft | None) -> bool:
    return draft is not None and draft.data.get("kind") in KINDS


def programme_view(draft: Draft) -> Draft:
    """The self-evaluation as the 自评 it is scored like (预算执行 as its budget table), sharing the
    indicator list, comments and notes: rules chosen on the view (rules_guess) land in the
    department's own file."""
    data = draft.data
    view: dict[str, object] = {"name": f"{data['department']}{TITLE_SUFFIX}", "year": data["year"],
                               "department": data["department"]}
    execution = data.get("execution")
    if isinstance(execution, dict) and ("budget" in execution or "spent" in execution):
        view["budget"] = {"unit": data.get("unit", "万元"),
                          **{key: execution[key] for key in ("budget", "spent") if key in execution}}
    view["indicators"] = data["indicators"]
    return Draft(view, draft.comments, draft.found, draft.notes)
