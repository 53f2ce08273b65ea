"""Recognise a 整改情况表 and make the `kind: 整改` file an auditor would write.

Rectification is published as a table, whatever it is called (问题整改清单, 整改台账, 绩效评价发现问题
整改情况表, 整改落实情况表): one row per measure, with 存在问题 | 整改措施 | 责任单位 | 整改时限 |
整改情况 | 佐证材料 columns, and a problem with several measures merged down over their rows. What
tells it from the other forms is that header: a problem column and a measure column, with an
owner, a deadline or a progress column beside them, and no indicator header anywhere in the file
(a 自评表 that lists 存在问题 and 改进措施 under its indicators stays a 自评表). A report that publishes
the same in prose is read into the same `RectificationForm` by rectify_prose, and written by the code
below (its messages then say 原文 and 段 where a table's say 原表 and 行).

The form's words become the contract's only where they say one thing:

- a deadline is a date when the cell is one date (2023年6月30日前), or one month, quarter, half
  or year, or the end of one (2023年12月底前 is 2023-12-31, with a comment saying so); anything
  else (长期坚持, 立行立改) is no date: the key is left out and a comment above the measure says what
  the form wrote and what to write, so `perfsite check` stops on it until the clerk decides. So is
  前 after a bare period (2023年12月前, 2024年前): the forms write 「12月底前」 when they mean its end,
  and 「12月前」 may stop at 30 November; and a deadline without its year (年底前, 上半年). The note
  says which (`deadline_doubt`);
- a status from the progress text's words (已整改 → 已完成, 正在整改 → 整改中, 未整改 → 未开始);
  a text that says none of them, or contradicts itself, is no status: left out and commented the
  same way. A progress text that says more than its status is kept as the evidence (佐证材料);
- `source` per finding: 自评 when the form says it answers a self-evaluation, 评价报告 when it answers
  an evaluation; left out, with a note, when the form says neither;
- 结果应用 (a row or a paragraph after the table) is split into clauses; a clause with one action and,
  where the action needs one, one amount becomes an entry; any other clause is kept as written under
  `action: 其他` with a comment.

Nothing else is guessed: the 主要问题 number (`item`) and the completion date are not read.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from perfsite.dates import iso_date
from perfsite.documents import document_of
from perfsite.importing.assemble import Draft, Hints, amount, stated_year, unnamed, without_code
from perfsite.importing.datetext import arabic, form_date
from perfsite.importing.grid import LEFT, OWN, Grid, flat, row_number
from perfsite.importing.grid import label as one_line
from perfsite.importing.labels import bare
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.target_form import find_targets, is_self_evaluation
from perfsite.importing.text import Prose, place_of
from perfsite.importing.writer import Num, dump, verify
from perfsite.kinds import FILE_SUFFIX as KIND_SUFFIX
from perfsite.kinds import DocumentKind
from perfsite.problems import Problem
from perfsite.rectification import RECTIFICATION_KEYS, FindingSource, MeasureStatus
from perfsite.siteconfig import SiteConfig
from perfsite.values import PLACEHOLDERS, UNSTATED

KIND = str(DocumentKind.RECTIFICATION)
FILE_SUFFIX = KIND_SUFFIX[DocumentKind.RECTIFICATION]
"""A 整改 file sits beside its programme's 自评 under the same id: nongcun-gonglu-yanghu-zhenggai.yaml."""

COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("序号", "编号")),
    ("programme", ("项目名称", "被评价项目", "评价项目", "项目")),
    ("department", ("主管部门", "预算部门", "预算单位", "项目单位", "单位名称")),
    ("source", ("问题来源", "来源")),
    ("indicator", ("指标名称", "三级指标", "对应指标", "涉及指标", "偏差指标")),
    ("problem", ("存在问题", "发现问题", "问题描述", "主要问题", "存在的问题", "问题", "问题内容", "评价发现问题",
                 "具体问题", "问题表现", "发现的问题", "反馈问题", "问题清单", "存在的主要问题", "主要存在问题",
                 "审计发现问题", "审计发现的问题", "审计查出问题", "审计查出的问题", "检查发现问题", "巡察反馈问题")),
    ("measure", ("整改措施", "整改举措", "具体措施", "具体整改措施", "整改措施及计划", "整改方案", "措施", "整改落实措施")),
    ("owner", ("责任单位", "责任部门", "牵头单位", "牵头部门", "责任科室", "责任股室", "责任处室", "整改责任单位",
               "整改责任部门", "责任主体", "整改主体", "整改单位")),
    ("deadline", ("整改时限", "完成时限", "整改期限", "完成时间", "整改时间", "时限", "计划完成时间", "整改完成时限",
                  "完成期限", "整改完成时间", "整改完成期限")),
    ("status", ("整改情况", "整改进展", "完成情况", "整改结果", "整改进度", "整改落实情况", "进展情况", "整改完成情况",
                "是否完成", "整改状态", "落实情况", "目前进展", "整改进展情况")),
    ("evidence", ("佐证材料", "佐证资料", "证明材料", "整改佐证材料", "佐证", "整改佐证")),
    ("ignored", ("备注", "配合单位", "责任人", "责任领导", "问题类型", "问题类别", "整改要求", "整改目标", "整改责任人",
                 "具体责任人")),
)
"""Header words of 整改 tables (compared whole, without spaces or bracketed notes)."""
_SPANNING = ("整改情况", "整改落实情况", "整改进展情况")
"""An upper header cell that may span 整改进展 | 佐证材料 below it."""
_MEASURE_KEYS = ("measure", "owner", "deadline", "status", "evidence")
_ROW_FACTS = ("source", "indicator", "programme", "department")
"""Columns read on each row besides the measure's own: a ledger of several programmes names each
row's programme (and its 主管部门) in a column of its own."""

FACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("项目名称", "专项名称", "被评价项目", "评价项目", "项目")),
    ("department", ("主管部门", "被评价单位", "整改单位", "项目单位", "实施单位", "填报单位", "单位名称", "预算单位",
                    "预算部门", "单位")),
    ("year", ("评价年度", "项目年度", "被评价年度", "年度")),
    ("evaluation", ("评价方式", "评价类型", "问题来源")),
    ("filled", ("填报日期", "填表日期", "填报时间", "截至日期", "统计截至日期")),
)
_INLINE = re.compile(r"^([^:：]{2,10})\s*[:：]\s*(\S.{0,80})$")
_APPLICATION_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]\s*|[（(][一二三四五六七八九十]+[)）]\s*)?"
                                r"(?:评价)?结果(?:应用|运用)(?:情况)?\s*[:：]?\s*(.*)$", re.S)

# --------------------------------------------------------------------------- the words of the form

_SELF = re.compile(r"自评")
_EVALUATION = re.compile(r"评价|评估|评审")
_AUDIT = re.compile(r"审计(?:局|厅|署|机关|调查|发现|查出|报告|整改)")
"""An opening that answers an audit (揭西's 「根据揭阳市审计局…绩效专项审计调查的整改函」 under the title
「…绩效评价整改报告」): its problems are the auditor's, not an evaluation report's, whatever the title says."""
_DONE = re.compile(r"已整改|已完成|整改完成|完成整改|已落实|已办结|已销号|整改到位|已全部整改|已(?:全部|均)?建成|已投入使用|并投入使用")
_DOING = re.compile(r"整改中|正在|持续整改|部分整改|部分完成|推进中|基本完成|逐步|分步|未全部|尚未完成|未完成(?![的项工任部])|进行中"
                    r"|序时")
"""「未完成」 followed by what it qualifies (「未完成项目均已建成」) names the things, not the state."""
_NOT_STARTED = re.compile(r"未整改|尚未整改|未开始|尚未开始|未启动|尚未启动|尚未")
_DONE_WORDS = ("是", "完成", "已改", "√", "✓")
"""A 是否完成 column's whole cell saying done (「否」 says only not done: 整改中 or 未开始, unclear)."""
_STATUS_ONLY = re.compile(r"[\s，,。；;、（）()]+")
_SHARE = re.compile(r"完成(?:率|进度)?[^\d，,。；;]{0,8}?(?P<pct>\d{1,3}(?:\.\d+)?)\s*%"
                    r"|(?P<all>\d+)\s*个[^\d，,。；;]{0,10}?中的\s*(?P<part>\d+)\s*个"
                    r"|完成[^\d，,。；;]{0,6}?(?P<done>\d+)\s*/\s*(?P<of>\d+)")
"""A share of the work done: 「已完成80%」「完成率50%」「已完成5个乡镇中的3个」「已完成3/5」. Less than the whole is in progress,
whatever 已完成 says; a percentage not after 完成 (「预算执行率达98%」) is no share of the work."""
PERCENT_ONLY = re.compile(r"\s*(\d{1,3}(?:\.\d+)?)\s*[%％]\s*")
"""A 整改进度 cell that is only a percentage (「100%」「60%」): 100 is done, 0 not begun, between the two in progress."""

_DATE_TAIL = re.compile(r"(?:[（(][^（()）]*[)）]|之前|以前|前|全面|全部|完成|整改|落实|到位|止|为止|截止)*$")
"""What may follow the one date of a 完成时限 cell: 「前」, 「前完成整改」, 「前全面完成」, 「前整改到位」, a bracketed note
(「（已完成）」)."""
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_MONTH = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*月?(?:底|末|份|月底)?")
_YEAR_END = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?:底|末|内|年底|年末|全年)?")
_HALF = re.compile(r"((?:19|20)\d{2})\s*年\s*(上|下)半年(?:末|底)?")
_BEFORE = re.compile(r"(?:之前|以前|前)")
_PERIOD_END = re.compile(r"(?:底|末)$")
"""How a period ends when its 前 is unambiguous: at its end (月底前, 年末前, 季度末前)."""
_YEARLESS = re.compile(r"(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]|底|末)?|年[底末内]|[上下]半年|第?[一二三四1-4]季度末?)"
                       r"(?:之前|以前|前)?")
"""A deadline that names no year: 「年底前」「上半年」「6月底前」「12月31日前」."""
_QUARTER = re.compile(r"((?:19|20)\d{2})\s*年\s*第?\s*([一二三四1-4])\s*季度(?:末|底)?")
_QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}

ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("次年预算调减", re.compile(r"调减|核减|压减|削减|扣减|减少|收回")),
    ("次年预算调增", re.compile(r"调增|追加|增加")),
    ("暂停项目", re.compile(r"暂停|暂缓")),
    ("取消项目", re.compile(r"取消|撤销|不再安排|停止安排")),
    ("预算维持", re.compile(r"维持|保持原|继续安排|继续予以")),
    ("调整政策", re.compile(r"调整.{0,6}(?:政策|办法|标准)|修订.{0,10}(?:政策|办法)|完善.{0,6}政策")),
)
"""结果应用 words → the contract's action (perfsite.rectification.ACTIONS)."""
_NEEDS_AMOUNT = ("次年预算调减", "次年预算调增")
_MONEY = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|元|亿元)")
_LATER_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CLAUSES = re.compile(r"[。；;\n]+")

Used = set[tuple[str, int, int]]


@dataclass
class Row:
    """One measure row as printed (merged cells give the text of the cell they continue)."""

    ref: str
    r: int
    problem: str
    problem_ref: str
    new: bool
    """The row starts a new problem (its problem cell is its own, or its 序号 is)."""
    blank: bool
    """Its problem cell is empty and merged with nothing: a clerk's "same as above", or a gap."""
    cells: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    number: str = ""
    repeated: bool = False
    """Its problem cell repeats the row above's problem (and 序号) instead of being merged with it."""


@dataclass
class RectificationForm:
    """What one 整改 table holds, as printed."""

    table: str
    columns: dict[str, int]
    rows: list[Row] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    application: list[tuple[str, str]] = field(default_factory=list)
    """(where, text) of each 结果应用 text."""
    notes: list[str] = field(default_factory=list)
    used: Used = field(default_factory=set)
    prose: bool = False
    """Read from a report's paragraphs (rectify_prose), not a table: messages say 原文 and 段."""
    context: list[str] = field(default_factory=list)
    """Text saying what the findings answer (a prose report's opening), read for `source` with the titles."""
    paragraphs: list[str] = field(default_factory=list)
    """A prose report's text, for the year when neither the title nor a label states it."""
    unread: list[str] = field(default_factory=list)
    """A prose report's paragraphs read as none of its parts (a summary before the first problem, a
    numbered item of 下一步工作, a paragraph under a problem that has no measure yet): listed to the
    clerk under 「未能归位的内容」, as a table's cells outside every column are."""

    @property
    def original(self) -> str:
        return "原文" if self.prose else "原表"


# --------------------------------------------------------------------------- recognition

def column_of(text: str) -> str | None:
    word = bare(text)
    return next((key for key, words in COLUMNS if word in words), None) if word else None


def _header(grid: Grid, r: int) -> tuple[dict[str, int], int]:
    """({key: column}, rows taken) of a 整改 header at row `r`, or ({}, 0). A second header row
    (整改情况 over 整改进展 | 佐证材料) names the columns it has text in."""
    row = grid.rows[r]
    columns = {key: c for c, cell in reversed(list(enumerate(row))) if cell.own and (key := column_of(cell.own))}
    taken = 1
    if r + 1 < len(grid.rows):
        lower = [(c, cell.own) for c, cell in enumerate(grid.rows[r + 1]) if cell.own]
        if lower and all(column_of(t) for _, t in lower) and any(bare(grid.cell(r, c).text) in _SPANNING
                                                                 or _spanned(grid, r, c) for c, _ in lower):
            for c, text in lower:
                columns = {k: v for k, v in columns.items() if v != c}
                columns[column_of(text) or ""] = c
            taken = 2
    keys = set(columns)
    if {"problem", "measure"} <= keys and keys & {"owner", "deadline", "status"}:
        return columns, taken
    return {}, 0


_SPAN_WORDS = re.compile(r"整改|责任|情况|时限|进展|落实|措施|问题|完成")
"""Words of a label over several header cells; a fact's value merged across the same columns above the
header (「主管部门 | 示例县交通运输局」) says none of them."""


def _spanned(grid: Grid, r: int, c: int) -> bool:
    """Cell (r, c) is part of a label merged across several columns (「整改责任」 over 责任单位 | 完成时限)."""
    row = grid.rows[r]
    across = c < len(row) and (row[c].merged == LEFT or (c + 1 < len(row) and row[c + 1].merged == LEFT))
    return across and bool(_SPAN_WORDS.search(bare(row[c].text)))


def _near(grid: Grid, r: int) -> bool:
    """A row of header words only, with a problem and a measure column but nothing else a 整改 needs."""
    owns = [cell.own for cell in grid.rows[r] if cell.own]
    keys = {column_of(text) for text in owns}
    return len(owns) >= 2 and None not in keys and {"problem", "measure"} <= keys


def _no_problem_column(grid: Grid, r: int) -> list[str]:
    """The unknown header words of a row that has a measure column and two more of a 整改 table's (责任单位,
    整改时限, 整改情况…) but no problem column: one of them heads the problems under a word not in COLUMNS."""
    owns = [cell.own for cell in grid.rows[r] if cell.own]
    keys = {column_of(text) for text in owns}
    if "measure" not in keys or "problem" in keys or len(keys & {"owner", "deadline", "status", "evidence"}) < 2:
        return []
    return [flat(text) for text in owns if column_of(text) is None]


def paragraph_ref(paragraphs: list[str], n: int, table_at: int, table: str) -> str:
    """Where paragraph `n` stands, as the clerk finds it on the page: counted from the table it is
    above or below (「表格之前第2段」「表格之后第1段」), blank paragraphs not counted. A number counted
    from the top of the file sent the clerk to the wrong end of a report with text on both sides."""
    side, first = ("之前", 0) if n < table_at else ("之后", table_at)
    count = sum(1 for text in paragraphs[first:n + 1] if text.strip())
    return f"{table}{side}第{count}段"


def find_rectification(grids: list[Grid], paragraphs: list[str]) -> RectificationForm | None:
    """The 整改 table of the file, or None: a file with an indicator table is a 自评表 or a 绩效目标表
    whatever else it holds."""
    found = next(((grid, r) for grid in grids for r in range(len(grid.rows)) if _header(grid, r)[0]), None)
    near = None if found else next(((grid, r) for grid in grids for r in range(len(grid.rows)) if _near(grid, r)), None)
    unknown = None if found or near else next(
        ((grid, r, words) for grid in grids for r in range(len(grid.rows)) if (words := _no_problem_column(grid, r))), None)
    if (found is None and near is None and unknown is None) or is_self_evaluation(grids) or find_targets(grids, paragraphs).forms:
        return None
    if unknown is not None:
        grid, r, words = unknown
        raise ImportFailure(f"{grid.label} 第{row_number(grid, r)}行像整改情况表的表头（有「整改措施」和责任单位、整改时限或整改情况），"
                            f"但认不出哪一列是存在的问题（认不出的列名：「{'」「'.join(words)}」）：请把问题那一列的列名改为"
                            "「存在问题」后再导入")
    if found is None:
        grid, r = near  # type: ignore[misc]
        raise ImportFailure(f"{grid.label} 第{row_number(grid, r)}行像整改情况表的表头（有「存在问题」「整改措施」两列），但没有责任单位、"
                            "整改时限或整改情况列：整改情况表至少要写明其中一项；请对照原表补上这些列后再导入")
    grid, first = found
    columns, taken = _header(grid, first)
    ignored = [flat(cell.own) for i in range(taken) for cell in grid.rows[first + i] if column_of(cell.own) == "ignored"]
    form = RectificationForm(grid.label, {k: c for k, c in columns.items() if k != "ignored"})
    form.used.update((grid.label, first + i, c) for i in range(taken) for c in range(len(grid.rows[first + i])))
    if ignored:
        form.notes.append(f"原表的「{'」「'.join(ignored)}」一列没有对应的键，未导入（内容列在「未能归位的内容」中）")
    read = application_paragraphs(form, paragraphs)
    for n, text in enumerate(paragraphs):
        if not _paragraph(form, text) and n not in read:
            line = flat(text).strip()
            where = paragraph_ref(paragraphs, n, grid.paras_before, "表格" if len(grids) == 1 else grid.label)
            form.unread.append(f"{where}：{line[:60]}{'…' if len(line) > 60 else ''}")
    for other in grids[:grids.index(grid) + 1]:
        for r in range(first if other is grid else len(other.rows)):
            _outside_row(form, other, r, above=True)
    end = _rows(form, grid, first + taken)
    for r in range(end, len(grid.rows)):
        _outside_row(form, grid, r, above=False)
    running = _ends_table(grid, end)
    for other in grids[grids.index(grid) + 1:]:
        again, head = _header(other, 0)
        start = 0
        if running and again == columns:  # the table broken at a Word page break, its header repeated
            form.used.update((other.label, r, c) for r in range(head) for c in range(len(other.rows[r])))
            start = _rows(form, other, head)
            running = _ends_table(other, start)
        else:
            running = False
        for r in range(start, len(other.rows)):
            _outside_row(form, other, r, above=False)
    return form


def _ends_table(grid: Grid, end: int) -> bool:
    """The measure rows ran to the end of the table (nothing but empty rows below them): a table after
    it with the same header continues it."""
    return not any(cell.text for row in grid.rows[end:] for cell in row)


def _paragraph(form: RectificationForm, text: str) -> bool:
    """A paragraph of a Word file holding the table: a fact, a title (「附件2：…整改情况表」 too), or
    (False) a 「label：text」 line no key takes (填表人, 联系电话 under the table), to be listed as unread
    as a sheet's row there is. A label with nothing after it is the template's blank line."""
    line = flat(text).strip()
    fact = fact_of(line)
    if fact:
        form.facts.setdefault(*fact)
    elif _INLINE.match(line) and not _APPLICATION_LABEL.match(line) and not _title_name(line):
        return False
    elif 0 < len(line) <= 80 and not _APPLICATION_LABEL.match(line):
        form.titles.append(line)
    return True


def fact_of(line: str) -> tuple[str, str] | None:
    """(key, value) of 「主管部门：示例县交通运输局」 in one line or cell, else None."""
    inline = _INLINE.match(line)
    key = _fact_key(inline[1]) if inline else None
    return (key, inline[2].strip()) if inline and key else None


def application_paragraphs(form: RectificationForm, paragraphs: list[str]) -> set[int]:
    """「结果应用：…」 in one paragraph, or a heading 「三、评价结果应用情况」 over the paragraph after it;
    the indexes of the paragraphs read."""
    read: set[int] = set()
    for n, text in enumerate(paragraphs):
        found = _APPLICATION_LABEL.match(flat(text).strip())
        if not found:
            continue
        read.add(n)
        body = found[1].strip()
        if not body and n + 1 < len(paragraphs):
            body = flat(paragraphs[n + 1]).strip()
            read.add(n + 1)
        if body:
            form.application.append((f"段落「{flat(text)[:20]}」", body))
    return read


def _fact_key(text: str) -> str | None:
    word = bare(text)
    return next((key for key, words in FACTS if word in words), None) if word else None


def _outside_row(form: RectificationForm, grid: Grid, r: int, *, above: bool) -> None:
    """A row outside the measure table: 结果应用 and facts (label | value, or 「项目名称：…」 in one
    cell) anywhere; above the table also a bare label before its value and a lone line as a title.
    Anything else is left for 「未能归位的内容」."""
    owns = [(c, cell.own) for c, cell in enumerate(grid.rows[r]) if cell.own]
    for n, (c, text) in enumerate(owns):
        if (grid.label, r, c) in form.used:
            continue
        line = flat(text).strip()
        if _application(form, grid, r, c, line, owns[n + 1:]):
            return
        inline = _INLINE.match(line)
        key = _fact_key(inline[1]) if inline else (_fact_key(line) if above else None)
        if inline and key:
            form.facts.setdefault(key, inline[2].strip())
            form.used.add((grid.label, r, c))
        elif not above:
            continue
        elif key and n + 1 < len(owns):
            form.facts.setdefault(key, flat(owns[n + 1][1]).strip())
            form.used.update({(grid.label, r, c), (grid.label, r, owns[n + 1][0])})
        elif len(owns) == 1 and len(line) <= 80:
            form.titles.append(line)
            form.used.add((grid.label, r, c))


def _application(form: RectificationForm, grid: Grid, r: int, c: int, line: str,
                 after: list[tuple[int, str]]) -> bool:
    """A 结果应用 label cell: its text is in the same cell (「结果应用：…」), the next cell of the row,
    or the cell under it."""
    found = _APPLICATION_LABEL.match(line)
    if not found or len(line) > 2000:
        return False
    body, where = found[1].strip(), f"{grid.label} {grid.cell(r, c).ref}"
    form.used.add((grid.label, r, c))
    if not body and after:
        body, where = flat(after[0][1]).strip(), f"{grid.label} {grid.cell(r, after[0][0]).ref}"
        form.used.add((grid.label, r, after[0][0]))
    elif not body and r + 1 < len(grid.rows) and grid.cell(r + 1, c).own:
        body, where = flat(grid.cell(r + 1, c).own).strip(), f"{grid.label} {grid.cell(r + 1, c).ref}"
        form.used.add((grid.label, r + 1, c))
    if body and body not in PLACEHOLDERS:
        form.application.append((where, body))
    return True


def _rows(form: RectificationForm, grid: Grid, start: int) -> int:
    """The measure rows from `start`; the row after the last one."""
    cols = form.columns
    r = start
    while r < len(grid.rows):
        row = grid.rows[r]
        owns = [cell.own for cell in row if cell.own]
        if not owns and not any(cell.text for c, cell in enumerate(row) if c in cols.values()):
            below = _after_gap(grid, r, cols)
            if below is None:
                break  # an empty row ends the table
            r = below  # an empty row left inside it (a deleted measure): the measures below go on
            continue
        if _APPLICATION_LABEL.match(flat(owns[0]).strip()) if owns else False:
            break
        if _header(grid, r)[0]:  # the header repeated after a page break
            form.used.update((grid.label, r, c) for c in range(len(row)))
            r += _header(grid, r)[1]
            continue
        across = sum(cell.merged == LEFT for cell in row) >= 2
        if len(owns) == 1 and (across or not any(grid.cell(r, c).own for c in cols.values())):
            if _category(flat(owns[0]).strip()) and _after_gap(grid, r + 1, cols) == r + 1:
                form.used.update((grid.label, r, c) for c in range(len(row)))
                ref = next(cell.ref for cell in row if cell.own)
                form.notes.append(f"{grid.label} {ref}：分类行「{flat(owns[0]).strip()}」（它下面各问题的类别）数据格式不收，未导入")
                r += 1
                continue  # 「一、资金管理方面」 over the problems of its kind: the table goes on
            break  # a line across the table (a note, 填报人 …)
        problem_cell = grid.cell(r, cols["problem"])
        number_cell = grid.cell(r, cols["number"]) if "number" in cols else None
        values = {key: flat(grid.cell(r, cols[key]).text).strip() for key in (*_MEASURE_KEYS, *_ROW_FACTS)
                  if key in cols}
        values = {k: v for k, v in values.items() if v not in PLACEHOLDERS}
        if not any(grid.cell(r, cols[k]).own for k in _MEASURE_KEYS if k in cols) and not problem_cell.own:
            form.used.update((grid.label, r, c) for c in cols.values())
            r += 1
            continue  # every cell continues the row above: nothing new
        problem = one_line(problem_cell.text).strip()
        number = flat(number_cell.text).strip() if number_cell is not None else ""
        previous = form.rows[-1] if form.rows else None
        repeated = (previous is not None and bool(problem) and problem == previous.problem
                    and number in ("", previous.number) and values.get("programme") == previous.cells.get("programme"))
        form.rows.append(Row(f"{grid.label} {grid.cell(r, cols['measure']).ref}", r, problem, f"{grid.label} {problem_cell.ref}",
                             (bool(problem_cell.own) or bool(number_cell is not None and number_cell.own)) and not repeated,
                             problem_cell.merged == OWN and not problem_cell.text, values,
                             {k: f"{grid.label} {grid.cell(r, cols[k]).ref}" for k in values}, number,
                             repeated and bool(problem_cell.own)))
        form.used.update((grid.label, r, c) for c in cols.values())
        r += 1
    return r


def _category(line: str) -> bool:
    """A short line naming a kind of problem (「一、资金管理方面」「（二）项目管理」), not a label line (「填表人：…」)."""
    return 0 < len(line) <= 30 and not re.search(r"[:：。；;]", line)


def _after_gap(grid: Grid, r: int, cols: dict[str, int]) -> int | None:
    """The row after the empty rows from `r` when it is another measure (its own 整改措施 and at least
    one of 责任单位, 整改时限, 整改情况), else None: the empty row ends the table."""
    n = r
    while n < len(grid.rows) and not any(cell.text for cell in grid.rows[n]):
        n += 1
    if n >= len(grid.rows) or not grid.cell(n, cols["measure"]).own:
        return None
    first = next(cell.own for cell in grid.rows[n] if cell.own)
    if _APPLICATION_LABEL.match(flat(first).strip()) or flat(first).strip().endswith(("：", ":")):
        return None
    return n if any(grid.cell(n, cols[k]).own for k in ("owner", "deadline", "status") if k in cols) else None


# --------------------------------------------------------------------------- reading the words

def deadline_of(text: str) -> tuple[str, bool]:
    """(ISO date, whether it is the end of a stated month, quarter, half or year) of a 完成时限
    cell, or ("", False) when the cell is not one date, or is a bare period with 前 (`deadline_doubt`)."""
    written = re.sub(r"\s+", "", unicodedata.normalize("NFKC", arabic(text)))  # ２０２３年, 二〇二３年
    t = _DATE_TAIL.sub("", written)
    if found := _FULL_DATE.fullmatch(t):
        return iso_date(f"{found[1]}-{int(found[2]):02d}-{int(found[3]):02d}") or "", False
    if _BEFORE.search(written[len(t):]) and not _PERIOD_END.search(t):
        return "", False
    if (found := _MONTH.fullmatch(t)) and 1 <= int(found[2]) <= 12:
        year, month = int(found[1]), int(found[2])
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}", True
    if found := _QUARTER.fullmatch(t):
        year, month = int(found[1]), _QUARTER_END[found[2]]
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}", True
    if found := _HALF.fullmatch(t):
        return (f"{found[1]}-06-30" if found[2] == "上" else f"{found[1]}-12-31"), True
    if found := _YEAR_END.fullmatch(t):
        return f"{found[1]}-12-31", True
    return "", False


def period_end(text: str) -> str:
    """The last day of the period a 完成时限 with 前 names (「2025年12月前」 → 2025-12-31): the reading
    offered to the clerk, never written for them (`deadline_doubt`); "" for any other text."""
    written = re.sub(r"\s+", "", unicodedata.normalize("NFKC", arabic(text)))
    return deadline_of(_DATE_TAIL.sub("", written))[0] if deadline_doubt(text) else ""


def deadline_doubt(text: str) -> str:
    """Why a 完成时限 that reads like a date is none (「」 when it is a date, or no date at all):
    前 after a bare period, which may mean before it begins or before it ends; or no year."""
    written = re.sub(r"\s+", "", unicodedata.normalize("NFKC", arabic(text)))
    t = _DATE_TAIL.sub("", written)
    if deadline_of(text)[0] or not t:
        return ""
    if _YEARLESS.fullmatch(t):
        return "没有写年份"
    if _BEFORE.search(written[len(t):]) and any(p.fullmatch(t) for p in (_MONTH, _QUARTER, _HALF, _YEAR_END)):
        end = "末" if t.endswith(("季度", "半年")) else "底"
        return f"可能指{t}开始之前，也可能指{t}{end}之前，不按哪一天写"
    return ""


def _partial(text: str) -> bool:
    """The text gives a share of the work done that is less than the whole (_SHARE)."""
    for found in _SHARE.finditer(text):
        if found["pct"] is not None and Decimal(found["pct"]) < 100:
            return True
        if found["all"] is not None and int(found["part"]) < int(found["all"]):
            return True
        if found["done"] is not None and int(found["done"]) < int(found["of"]):
            return True
    return False


def status_of(text: str) -> tuple[MeasureStatus | None, bool]:
    """(status, whether the text says nothing but the status) of a 整改情况 text; None when its words
    say no status or contradict one another (已完成 and 未整改)."""
    doing, done, not_started = (bool(p.search(text)) for p in (_DOING, _DONE, _NOT_STARTED))
    doing = doing or _partial(unicodedata.normalize("NFKC", text))
    if text.strip() in _DONE_WORDS:
        return MeasureStatus.DONE, True
    if percent := PERCENT_ONLY.fullmatch(unicodedata.normalize("NFKC", text)):
        share = Decimal(percent[1])
        if share > 100:
            return None, False
        return (MeasureStatus.DONE if share == 100 else MeasureStatus.NOT_STARTED if share == 0
                else MeasureStatus.IN_PROGRESS), True
    if doing:
        status = MeasureStatus.IN_PROGRESS  # 「部分整改，尚未完成」「已完成阶段任务，持续整改」
    elif done and not not_started:
        status = MeasureStatus.DONE
    elif not_started and not done:
        status = MeasureStatus.NOT_STARTED
    else:
        return None, False
    rest = _STATUS_ONLY.sub("", _NOT_STARTED.sub("", _DONE.sub("", _DOING.sub("", text))))
    return status, len(rest) <= 2


def source_of(text: str) -> FindingSource | None:
    """自评 when the text names a self-evaluation, 评价报告 when it names an evaluation, else None."""
    if _SELF.search(text):
        return FindingSource.SELF_EVALUATION
    if _EVALUATION.search(text):
        return FindingSource.REPORT
    return None


def application_of(text: str, year: int) -> tuple[list[dict[str, object]], list[str]]:
    """(entries, notes) of a 结果应用 text: one entry per clause that says one action (and one amount
    where the action needs one); the other clauses with an action word or an amount are kept as
    written under 其他. A clause saying neither (评价等级为“中”) is context: the note of a sole entry."""
    entries: list[dict[str, object]] = []
    notes: list[str] = []
    context: list[str] = []
    for clause in (c.strip(" ，,") for c in _CLAUSES.split(flat(text)) if c.strip(" ，,")):
        actions = [name for name, pattern in ACTIONS if pattern.search(clause)]
        sums = _MONEY.findall(clause)
        if not actions and not sums:
            context.append(clause)
            continue
        if len(actions) != 1 or len(sums) > 1 or (actions[0] in _NEEDS_AMOUNT and not sums):
            entries.append({"action": "其他", "note": clause})
            notes.append(f"「{clause}」没有唯一的应用方式和金额：按 action: 其他 写入原文，请核对")
            continue
        entry: dict[str, object] = {"action": actions[0]}
        if sums:
            figure, unit = sums[0]
            value, _ = amount(figure.replace(",", "").replace("，", "") + unit, unit if unit in ("万元", "元") else "万元")
            if value is not None:
                entry["amount"] = value
                entry["unit"] = unit if unit in ("万元", "元") else "万元"
        years = {int(y) for y in _LATER_YEAR.findall(clause)} & set(range(year + 1, year + 6))
        if len(years) == 1:  # 「核减2024年县级养护补助」: the one later year a clause names is its budget's
            entry["budget_year"] = Num(str(years.pop()))
        entry["note"] = clause
        entries.append(entry)
    if len(entries) == 1 and context:
        entries[0]["note"] = "。".join([*context, str(entries[0]["note"])])
    elif context and entries:
        notes.append(f"结果应用中的「{'；'.join(context)}」没有写入（不是应用方式），请核对")
    elif context:
        entries.append({"action": "其他", "note": "。".join(context)})
        notes.append("结果应用没有写明应用方式（调减、暂停……）：按 action: 其他 写入原文，请核对")
    return entries, notes


# --------------------------------------------------------------------------- the file

def by_programme(form: RectificationForm) -> list[RectificationForm]:
    """The form of each programme of a ledger (整改台账 of a department lists several, one per row in
    its 项目名称 column): the contract keeps one 整改 document per programme-year, beside that
    programme's 自评. A row's 主管部门 column, where there is one, is its programme's department; a
    结果应用 text goes to the programme it names, and one naming none is left with a note (a cut
    of whose budget?). A form of one programme is returned as it is."""
    programmes = list(dict.fromkeys(row.cells["programme"] for row in form.rows if row.cells.get("programme")))
    if len(programmes) < 2:
        return [form]
    forms = []
    for name in programmes:
        rows = [row for row in form.rows if row.cells.get("programme") == name]
        application = [(where, text) for where, text in form.application if name in text]
        forms.append(replace(form, rows=rows, facts={**form.facts, "name": name}, application=application,
                             notes=list(form.notes), used=form.used if not forms else set()))
    unnamed = [where for where, text in form.application if not any(name in text for name in programmes)]
    if unnamed:
        forms[0].notes.append(f"{'、'.join(unnamed)} 的结果应用没有写明是哪个项目的（表中有 {len(programmes)} 个项目）："
                              "未导入，请写进对应项目的整改文件的 application")
    return forms


def assemble_rectification(source: str, form: RectificationForm, hints: Hints) -> Draft:
    """The 整改 mapping of one programme (`by_programme`), in the contract's order, with a comment on
    every judgement."""
    draft = Draft()
    facts = dict(form.facts)
    for key, column in (("name", "programme"), ("department", "department")):  # a column on every row, as a ledger has
        written = list(dict.fromkeys(row.cells[column] for row in form.rows if row.cells.get(column)))
        if len(written) == 1 and not facts.get(key):
            facts[key] = written[0]
        elif len(written) > 1 and key == "department":
            draft.notes.append(f"各行写了不同的主管部门（{'、'.join(written)}）：请核对 department")
    title = next((t for t in form.titles if _title_name(t) and (not form.prose or _PROGRAMME_TITLE.search(t))), "")
    from_title = _title_name(title) if not facts.get("name") else ""
    name = facts.get("name") or from_title or hints.name
    title_year = re.search(r"((?:19|20)\d{2})\s*年", title)
    year_facts, prose = {"year": title_year[1]} if title_year else {}, Prose(paragraphs=form.paragraphs)
    if not name:
        where = ("标题「关于…项目绩效评价发现问题整改情况的报告」或「（一）…项目」一节" if form.prose
                 else "表头「项目名称」或标题「…项目绩效评价问题整改情况表」")
        raise unnamed(f"{form.table} 是整改情况{'报告' if form.prose else '表'}，但找不到项目名称（{where}）", facts,
                      year_facts, form.titles, source, prose, hints)
    name, code = without_code(flat(name))
    year = stated_year(draft, facts, year_facts, form.titles, source, name, prose, hints)
    data = draft.data
    data["kind"] = KIND
    region = place_of(name) if from_title else None
    if region and len(name) > len(region) + 1:
        name = name[len(region):]
    data["name"] = name
    if code:
        draft.comment(("name",), f"{form.original}的项目名称前有编码 {code}，已去掉。")
    data["year"] = Num(year)
    if not facts.get("year"):
        draft.comment(("year",), f"year 是被评价的年度：{form.original}没有「评价年度」一栏，取自标题、文件名或正文；"
                                 "若那是整改的年份，请改正。")
    department = without_code(flat(facts.get("department", "")))[0]
    if not department:
        department = UNSTATED
        draft.notes.append(f"{form.original}没有写明被整改项目的主管部门：已写「未载明」；请改为与该项目自评表相同的写法，"
                           "网站才能把整改与自评、评价报告对应起来")
    data["department"] = department
    if region:
        data["region"] = region
    data["source"] = source
    _status_date(draft, form, facts.get("filled", ""))
    # the table's own title first: a workbook's cover (「项目支出绩效自评材料」) may say another word
    opening = " ".join([*form.titles, *form.context, facts.get("evaluation", "")])
    audit = _AUDIT.search(" ".join([title or "", opening]))
    document_source = None if audit else (source_of(title) if title else None) or source_of(opening)
    findings = _findings(draft, form, document_source, int(year), audit.group() if audit else "")
    if not findings:
        raise ImportFailure(f"{form.table} 是整改情况{'报告' if form.prose else '表'}，但没有整改措施"
                            f"（{'没有编号的问题及其整改措施' if form.prose else '表头下没有填写问题和措施的行'}）")
    data["findings"] = findings
    entries: list[dict[str, object]] = []
    for where, text in form.application:
        found, notes = application_of(text, int(year))
        for entry in found:
            draft.comment(("application", len(entries)), f"取自 {where}。")
            entries.append(entry)
        draft.notes.extend(f"{where}：{n}" for n in notes)
    if entries:
        data["application"] = entries
    draft.notes.extend(form.notes)
    draft.notes[:] = grouped(draft.notes)
    draft.tables_used = form.table
    _summary(draft, name, year, findings, entries)
    return draft


def grouped(notes: list[str]) -> list[str]:
    """Notes saying the same thing of several places as one note naming them all (「表1 C3、表1 C4：
    完成时限空着……」): a report whose measures give no deadline said so once per measure."""
    places: dict[str, list[str]] = {}
    for note in notes:
        where, _, said = note.partition("：")
        places.setdefault(said if said else note, []).append(where if said else "")
    return [f"{'、'.join(where)}：{said}" if where[0] else said for said, where in places.items()]


_TITLE = re.compile(r"^(?:关于)?(.+?)(?:项目)?(?:的)?(?:重点|财政|部门|第三方|整体)*(?:支出)?(?:绩效)?"
                    r"(?:自评价?|评价|评估|自评|监控)(?:报告|工作)?(?:反映|指出|发现|反馈)?(?:的)?(?:问题)?(?:的)?整改.*$")
_PROGRAMME_TITLE = re.compile(r"(?:项目|资金|经费)(?:支出)?(?:的)?(?:重点|财政|部门|第三方|整体)*(?:绩效)?(?:自评价?|评价|评估)")
"""A report's title that names a programme (「…农村公路养护项目绩效评价…整改情况的报告」); a table's title
is trusted without it (its header is the programme's), a report's is not (「交通运输局关于绩效考评社会评价…」)."""
_YEAR_WORD = re.compile(r"[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?")


def _title_name(title: str) -> str:
    """「示例县2022年度农村公路养护项目绩效评价发现问题整改情况表」 → 示例县农村公路养护; the bureau that issues a
    report before 关于 (「示例县农业农村局关于2022年度…」) is no part of the programme's name."""
    found = _TITLE.match(re.sub(r"^.{2,30}?关于", "", re.sub(r"\s+", "", title)))
    return _YEAR_WORD.sub("", found[1]).strip("　 ，,。:：") if found else ""


def _status_date(draft: Draft, form: RectificationForm, filled: str) -> None:
    """The form's 填报日期 is the day its statuses stand on: a measure past its deadline is overdue as of
    that day, not as of the day the site is built (a list filled 2024-12-10 says nothing of 2026)."""
    day = form_date(filled) if filled else None
    if day is None or day.iso is None:
        if filled:
            draft.notes.append(f"{form.original}的填报日期「{filled}」不是某一天：状态截至哪一天请核对（逾期按生成网站的日期判断）")
        return
    why = f"{form.original}的填报日期「{filled}」：各项措施的状态是 {day.iso} 的情况"
    if "status_date" in RECTIFICATION_KEYS:
        draft.data["status_date"] = day.iso
        draft.comment(("status_date",), f"{why}，逾期按这一天判断。")
    else:  # no key in the data format for it: the reading is kept for the clerk
        draft.comment(("findings",), f"{why}；数据格式没有记录状态截至日期的键，页面上的逾期按生成网站的日期判断。")


def _findings(draft: Draft, form: RectificationForm, document_source: FindingSource | None,
              year: int, audit: str) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = []
    unsourced = 0
    for row in form.rows:
        if row.new or not findings:
            if not row.problem:
                draft.notes.append(f"{row.problem_ref}：有整改措施，却没有写存在的问题：请对照{form.original}补上 problem")
            finding: dict[str, object] = {}
            source = source_of(row.cells["source"]) if "source" in row.cells else document_source
            if source is None:
                unsourced += 1
            else:
                finding["source"] = str(source)
            if source is FindingSource.SELF_EVALUATION and row.cells.get("indicator"):
                finding["indicator"] = row.cells["indicator"]
            if row.problem:
                finding["problem"] = row.problem
            finding["measures"] = []
            findings.append(finding)
        elif row.blank:
            draft.notes.append(f"{row.problem_ref}：存在问题一格空着，按上一行的问题的又一项措施导入，请核对")
        elif row.repeated:
            draft.notes.append(f"{row.problem_ref}：存在问题与上一行相同，按同一问题的又一项措施导入，请核对")
        measures = findings[-1]["measures"]
        assert isinstance(measures, list)
        measure = _measure(draft, form, row, year, (len(findings) - 1, len(measures)))
        if measure:
            measures.append(measure)
    if unsourced and audit:
        draft.notes.append(f"{form.original}没有说明问题来自评价报告还是自评：它说的是审计（「{audit}」），数据格式的问题来源"
                           f"只有评价报告和自评。{unsourced} 个问题没有写 source，请核对是否也是评价报告或自评指出的问题，"
                           "逐个写 source: 评价报告 或 source: 自评")
    elif unsourced:
        draft.notes.append(f"{form.original}没有说明问题来自评价报告还是自评（标题、{'开头一段' if form.prose else '表头'}都没有"
                           f"「评价」「自评」）：{unsourced} 个问题没有写 source，"
                           "请逐个写 source: 评价报告 或 source: 自评")
    for n, finding in enumerate(findings):
        if not finding["measures"]:
            draft.notes.append(f"第 {n + 1} 个问题「{str(finding.get('problem', ''))[:30]}」没有整改措施：请对照{form.original}补上")
    return findings


def _measure(draft: Draft, form: RectificationForm, row: Row, year: int, at: tuple[int, int]) -> dict[str, object]:
    path = ("findings", at[0], "measures", at[1])
    cells, original = row.cells, form.original
    if not cells.get("measure"):
        draft.notes.append(f"{row.ref}：这一{'段' if form.prose else '行'}没有整改措施，未导入")
        return {}
    out: dict[str, object] = {"measure": cells["measure"]}
    if cells.get("owner"):
        out["owner"] = cells["owner"]
    else:
        out["owner"] = UNSTATED
        draft.comment(path, f"{original}没有写责任单位：已写「未载明」。")
    written = cells.get("deadline", "")
    deadline, rounded = deadline_of(written) if written else ("", False)
    if deadline:
        out["deadline"] = deadline
        if rounded:
            draft.comment(path, f"{original}的完成时限写作「{written}」：按该期间的最后一天写作 {deadline}。")
    else:
        doubt = deadline_doubt(written) if written else ""
        said = (f"写作「{written}」，{doubt}" if doubt else f"是「{written}」，不是一个日期" if written
                else f"空着（或{original}没有这一栏）")
        if form.prose and not written:
            said = "没有写"
        end = period_end(written) if doubt else ""
        example = f"；按期末计是 deadline: {end}" if end else f"，如 deadline: {year + 1}-12-31"
        draft.comment(path, f"{original}的完成时限{said}：请写出完成（或下一次检查）的日期{example}。")
        draft.notes.append(f"{row.refs.get('deadline', row.ref)}：完成时限{said}，未写 deadline（check 会报告缺少），请补上日期")
    progress = cells.get("status", "")
    status, only = status_of(progress) if progress else (None, True)
    if status is not None:
        out["status"] = str(status)
        if PERCENT_ONLY.fullmatch(unicodedata.normalize("NFKC", progress)):
            draft.comment(path, f"{original}的整改进度写作「{progress.strip()}」：100% 写作已完成，0% 写作未开始，其间写作整改中。")
    else:
        said = f"「{_quoted(progress)}」没有说明整改到哪一步" if progress else f"空着（或{original}没有这一栏）"
        draft.comment(path, f"{original}的整改情况{said}：请写 status: 未开始、整改中 或 已完成。")
        draft.notes.append(f"{row.refs.get('status', row.ref)}：整改情况{said}，未写 status（check 会报告缺少），请补上")
    evidence = [cells["evidence"]] if cells.get("evidence") else []
    if progress and not only and progress != cells["measure"]:  # a report's measure often says its own progress
        evidence.append(progress)
        draft.comment(path, "evidence 是原文「整改情况：」一段的原话。" if form.prose else "evidence 含原表的整改情况原文。")
    if evidence:
        out["evidence"] = "；".join(evidence)
    return out


def _quoted(text: str, most: int = 40) -> str:
    """A long text quoted in a message by its beginning (a report's measure runs to a paragraph)."""
    return text if len(text) <= most else text[:most] + "…"


def _summary(draft: Draft, name: str, year: str, findings: list[dict[str, object]],
             application: list[dict[str, object]]) -> None:
    measures = [m for f in findings for m in f["measures"]]  # type: ignore[attr-defined]
    counts = {status: sum(1 for m in measures if m.get("status") == str(status)) for status in MeasureStatus}
    unread = sum(1 for m in measures if "status" not in m)
    states = "，".join([*(f"{status} {n}" for status, n in counts.items() if n), *([f"状态未读出 {unread}"] if unread else [])])
    draft.found[:0] = ["整改情况（kind: 整改）", f"项目名称：{name}", f"年度：{year}（被评价的年度）",
                       f"主管部门：{draft.data['department']}",
                       f"问题：{len(findings)} 个，整改措施 {len(measures)} 项（{states or '无'}），取自 {draft.tables_used}",
                       f"结果应用：{len(application)} 条" if application else "结果应用：未写明"]


def render(draft: Draft, source: str, target: Path, site: SiteConfig) -> tuple[str, list[Problem]]:
    """The YAML text, read back as `perfsite check` reads it, and what the check says of it."""
    header = [f"由 perfsite import 从「{source}」导入的整改情况。导入时的判断写在相关键上方的注释里，请核对后再提交。",
              f"id {draft.data['id']} 与同一项目同一年度的自评表相同（网站据此把整改与自评、评价报告对应起来）；"
              f"文件名 {target.name} 可以改。"]
    text = dump(draft.data, draft.comments, header)
    _, problems = document_of(verify(text, draft.data, target), target, str(target), site)
    return text, problems.items
