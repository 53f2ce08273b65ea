"""A whole 部门决算公开 or 部门预算公开 handed in as one file: its budget statements set aside.

Units publish the year's 决算 (or 预算) as one Word document or PDF of 20–80 pages: a 目录, the
unit's 概况 and the 决算说明, the statements (收入支出决算总表, 收入决算表 … 财政拨款“三公”经费
支出决算表; 收支总表 … 政府性基金预算支出表 for a 预算), and then the programmes' 自评表 or 目标表.
Read as one form, the statements' rows take a form's places: the 收入支出决算总表 reads as the
first programme's 预算执行情况表 (its 预算执行率 indicator dropped, its budget figures lost; 渠县
农业综合技术服务中心's 2024 决算 rebuilt in tests/forms_pdf8), the 收支总表's 「三、国有资本经营
预算拨款收入」 as a target table's 资金 line, and 107 of their cells are listed as the form's
「未能归位的内容」. The 目录 and the 说明 above them give the first form the 决算's year (2024,
its form saying 2023年度) and 「主要职责」「机构设置」 as its sections.

A statement is a table holding no indicator rows and no target table whose title (in its first
rows, or the line above it) names a statement and whose header is a statement's (栏次, 行次,
科目编码, 预算数 …). They are set aside with one note naming them; so are the paragraphs above the
last statement before the first form (the 目录 and the 说明: no form's) and from the first
statement after the last form on (附表, 名词解释).

The 部门整体支出绩效自评表 a 决算 prints after the programmes' 自评表, or before them, is split off as a
department document of its own (`department_part`): naming no programme, after them it would go on
as the last programme's; before them the whole file was read as one programme named 「部门整体」.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from perfsite.importing.assemble import NO_YEAR
from perfsite.importing.datetext import form_date
from perfsite.importing.dept_form import TITLE, DepartmentForm, find_department, names_a_programme
from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import Grid, compact, flat
from perfsite.importing.labels import bare, is_sign_off
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.tables import short
from perfsite.importing.text import ORG, is_form_kind, title_facts, year_of_form_title

STATEMENT_TITLE = re.compile(
    r"(?:决算(?:总|明细)?表|收支(?:预算)?总表|(?:收入|支出)(?:预算)?总表|支出(?:预算|明细)?表|预算表"
    r"|三公.{0,3}经费.*表|政府采购.*表|政府购买服务.*表|国有资产.*表)$")
"""The statements' titles: 收入支出决算总表, 一般公共预算财政拨款基本支出决算明细表, 收支总表,
一般公共预算支出表, 财政拨款“三公”经费支出决算表, 政府采购预算表 …"""

NOT_STATEMENT = re.compile(r"绩效|评价|目标|自评|整改|指标")
"""Words of a performance table's title: 「项目支出绩效自评表」 ends in 表 as a statement's does."""

STATEMENT_HEADER = re.compile(r"^(?:栏次|行次|(?:支出)?(?:功能分类)?科目(?:编码|名称)|预算数|决算数|金额|合计|总计)$"
                              r"|公开\d*表|公开表\d+|单位[:：]\s*万?元")
"""Cells of a statement's header (or its 「公开01表」「金额单位：万元」 line). A 自评表 has its 合计 too:
with a statement's title they say a statement only of a table holding no indicator rows (`set_aside`)."""

TITLE_ROWS = 3
"""A statement's title stands in its first rows (the 公开NN表 and 部门 lines may come first)."""


def statement_titles(grid: Grid) -> list[str]:
    """The statement titles the grid's rows print alone in a row (several statements a PDF joined into
    one table across pages each keep their title row), or the line above it; [] when it is no statement."""
    texts = [{compact(c.own) for c in row if c.own} for row in grid.rows]
    if not any(STATEMENT_HEADER.search(t) for row in texts for t in row):
        return []
    titles = [t for row in texts if len(row) == 1 for t in row if _title(t)]
    first = [t for row in texts[:TITLE_ROWS] for t in row if _title(t)]
    if not first and not (grid.before and _title(compact(grid.before))):
        return []
    return titles or [compact(grid.before)]


def _title(text: str) -> bool:
    unnumbered = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、]|附表\d*[:：]?)", "", text)
    return len(unnumbered) <= 40 and bool(STATEMENT_TITLE.search(unnumbered)) and not NOT_STATEMENT.search(unnumbered)


def set_aside(grids: list[Grid], paras: list[Para], is_form: Callable[[Grid], bool]
              ) -> tuple[list[Grid], list[Para], str]:
    """The grids and paragraphs left when the statements and the disclosure's own paragraphs around
    them are set aside, and the note saying what was ("" when nothing was). `is_form`: whether a grid
    holds indicator rows or a target table (such a grid is never set aside). A file of statements
    only is refused: it holds no performance table."""
    statements = {id(g): titles for g in grids if (titles := statement_titles(g)) and not is_form(g)}
    if not statements:
        return grids, paras, ""
    if len(statements) == len(grids):
        names = "、".join(f"{g.label}（{'、'.join(statements[id(g)])}）" for g in grids)
        raise ImportFailure(f"{names}是部门预算、决算公开的报表，本文件中没有绩效表（自评表、绩效目标表）："
                            "部门决算、预算公开的其余部分不导入；项目的自评表、绩效目标表印在另一个文件中时，请导入那个文件")
    kept = [g for g in grids if id(g) not in statements]
    first, last = grids.index(kept[0]), grids.index(kept[-1])
    before = [g for g in grids[:first] if id(g) in statements]
    after = [g for g in grids[last + 1:] if id(g) in statements]
    lo = _title_block(paras, before[-1].paras_before if before else 0, kept[0].paras_before)
    part = _part_heading(paras, kept[-1].paras_before, after[0].paras_before if after else len(paras))
    hi = own_tail(paras, kept[-1].paras_before, part)
    for grid in kept:
        grid.paras_before = min(max(grid.paras_before - lo, 0), hi - lo)
    dropped = lo + len(paras) - hi
    tail = [p.text for p in paras[hi:part] if p.text.strip()]
    return kept, paras[lo:hi], _note([g for g in grids if id(g) in statements], statements, dropped, tail)


PART = re.compile(r"^(?:第[一二三四五六七八九十]+部分|附表$|名词解释$|目\s*录$)")
"""A disclosure's own headings: 「第四部分附件」, 「第五部分附表」, 「名词解释」."""

TITLE_LINE = 60
"""Characters, at most, of a line of a form's title block (「报表编号:510000_0013zp」, 「(2022年度)」)."""


def _title_block(paras: list[Para], start: int, end: int) -> int:
    """Where the first form's own lines begin among `paras[start:end]`, the paragraphs between the
    disclosure's last statement before it (or the file's top) and its table: at its title block, the
    short lines right above the table. Above them stand the disclosure's 目录 and 说明, ending in a
    sentence, a part's heading or a 目录 line naming a statement (四川's 决算 prints its 附件, the
    自评表, before its 附表, so the whole 目录 and 说明 stand above the first form)."""
    at = end
    while at > start:
        text = compact(paras[at - 1].text)
        if len(text) > TITLE_LINE or text.endswith(("。", "；", ";")) or PART.match(text) or _title(text):
            break
        at -= 1
    return at


def _part_heading(paras: list[Para], start: int, end: int) -> int:
    """Where the disclosure goes on after the last form: its first part heading (「第三部分名词解释」)
    among `paras[start:end]`, else `end` (the first statement after the forms)."""
    return next((k for k in range(start, end) if PART.match(compact(paras[k].text))), end)


NOTE_LINE = re.compile(r"^(?:注|说明|备注|填表说明)\s*[\d一二三四五六七八九十]*\s*[:：]")
"""A note a form prints under its table: 「注：1.…」, 「说明：本表金额单位为万元」, 「填表说明：」."""

SIGNATURE = 25
"""Characters, at most, of a signature line under a form: the unit's name (「中江县水利局」) or its date."""


def own_tail(paras: list[Para], start: int, end: int) -> int:
    """Where the text after a file's last form, `paras[start:end]`, stops being that form's own: its
    notes (「注：…」), sign-off lines (「填报人：」「联系电话：」) and signature (the unit, the date) stand
    right under its table; a disclosure goes on after them with its own text, which the last form took
    as its title and sections (a 决算's closing 「2024年度，我单位…开展了绩效自评」 gave 中江县's 2022
    自评表 the year 2024). A heading is no form's own line either: the forms' sections stand in their
    tables."""
    at = start
    while at < end and _own_line(compact(paras[at].text)):
        at += 1
    return at


def _own_line(text: str) -> bool:
    return (not text or is_sign_off(text) or bool(NOTE_LINE.match(text))
            or (len(text) <= SIGNATURE and (bool(ORG.search(text)) or form_date(text) is not None)
                and not text.endswith(("。", "；", ";", "，"))))


def _note(aside: Sequence[Grid], statements: dict[int, list[str]], dropped: int, tail: Sequence[str]) -> str:
    names = "、".join(f"{g.label}（{'、'.join(statements[id(g)])}）" for g in aside)
    prose = f"；表格之外的 {dropped} 段正文（目录、概况、说明等）也不是绩效表的内容，未导入" if dropped else ""
    if tail:
        prose += f"，其中{after_last(tail)}"
    return (f"{names}是部门预算、决算公开的报表，不是绩效表：未导入，也不列入「未能归位的内容」{prose}。"
            "本文件中的绩效表照常导入，请对照原件核对每个项目都已导入")


def after_last(tail: Sequence[str]) -> str:
    """What is said of `tail`, the paragraphs after a file's last form that are no form's own (`own_tail`)."""
    return (f"最后一张绩效表之后的 {len(tail)} 段（「{short(flat(tail[0]), 30)}」起）没有标明属于哪个项目，"
            "也没有写进最后一个项目：是某个项目的说明时，请把它写进那个项目的文件")


DISCLOSURE_TITLE = re.compile(r"((?:19|20)\d{2})\s*年度?[^。，,]{0,12}(?:决算|预算)(?:公开)?$")
"""A disclosure's title: 「渠县农业综合技术服务中心2024年度单位决算」, 「武汉市青山区教育局2020年部门预算」."""


def disclosure_title(paras: Sequence[Para]) -> str:
    """The title naming the disclosure's year among its paragraphs, or ""."""
    return next((t for p in paras if len(t := compact(p.text)) <= TITLE_LINE and DISCLOSURE_TITLE.search(t)), "")


def year_hint(failure: str, title: str) -> str:
    """A form's failure for want of a year, with the year the disclosure holding it names (its title, set
    aside with the 目录 and 说明): told, never taken, for a 决算 may print an older year's form (青神's
    2023年度 自评表 in a 2024 决算, tests/forms_pdf8)."""
    found = DISCLOSURE_TITLE.search(title)
    if found is None or not failure.startswith(NO_YEAR):
        return failure
    return (f"{failure}。本文件是「{title}」：这张表评价的若是 {found[1]} 年度（决算、预算公开中的表一般是这一年度的，"
            f"但也有印着别的年度的表），核对原件后加上 --year {found[1]} 重新导入即可")


FORM_TITLE = re.compile(r"(?:绩效|自评|评价).*(?:表|报告|自评)(?:[（(][^）)]*[）)])?$")
"""A form's whole title, ending in what it is: 「…项目绩效评价指标表」, 「…绩效目标自评」."""


def new_title(grid: Grid, previous: Grid) -> bool:
    """Whether a table stands under a form's title of its own, not the table before's: a form's whole
    title or its year line (「(2022 年度)」 under 「财政项目支出绩效自评表」)."""
    title = compact(grid.before)
    return bool(title) and title != compact(previous.before) and bool(
        FORM_TITLE.search(title) or year_of_form_title(title))


def titled_programme(grid: Grid, previous: Grid | None) -> str:
    """The programme named by a title of the table's own, right above it, or "". 宁晋县's 高中助学金
    form (tests/forms/ann-ningjin) names its programme only in its title 「2019年度宁晋县高中助学金项目
    绩效评价指标表」, no 「项目名称」 row: printed after another unit's form on the same page, it went on as
    that form's tables (长江禁捕's 5 indicators became 12, tests/forms_pdf26/pair-titled.pdf). The
    title must be a new one (the table before stood under another), name a year and a programme, not
    indicators (「2023年度绩效指标表」 over a form's second indicator table)."""
    if previous is None or not new_title(grid, previous) or not FORM_TITLE.search(compact(grid.before)):
        return ""
    facts = title_facts(compact(grid.before))
    name = facts.get("name", "")
    return name if facts.get("year") and not re.search(r"指标|目标", name) else ""


@dataclass
class DepartmentPart:
    """The 部门整体 form that opens or closes a file of programmes' forms: its tables, its paragraphs
    (from its title on), the form `dept_form.find_department` reads in them, and what to tell the
    clerk of it."""

    grids: list[Grid]
    paras: list[Para]
    form: DepartmentForm
    note: str


def department_part(grids: list[Grid], paras: list[Para], is_form: Callable[[Grid], bool]
                    ) -> tuple[list[Grid], list[Para], DepartmentPart | None]:
    """The programmes' part of a file and the 部门整体支出绩效自评表 (or 目标表) printed before, after
    or between their forms, or (grids, paras, None). Naming a department, not a programme, it was read
    as a programme's tables: after the forms as the last programme's, its indicators added to that
    programme's (中江县's 自评表 of 10 indicators then holds 13 to 29, one of five 部门整体 forms tried
    making its weights 178); before them as a programme named 「部门整体」 (宁德市地震局's, its money
    table's 54 cells 「未能归位的内容」, tests/forms_pdf26/department-first.pdf); between them as the
    programme's before it, whose 主管部门 became the department's.

    The part starts at the first table whose title (in the paragraphs since the table before it, or
    its own first rows) names a 部门整体 form, after a programme's form or opening the file, and runs
    to the first later table that names a programme (「项目名称」 beside a name) or stands under a
    form's title of its own (「项目支出绩效自评表」), whose title lines are that programme's, or under
    another 部门整体 form's title: read as one, two departments' forms printed one after the other
    (广水市's, cut before its indicators, then 岳阳楼区's: tests/forms_dept d04, d05) give the second's
    indicators under the first's facts, or, the first refused, lose the second. Called again on what
    it leaves, it splits off each 部门整体 form but the last, which the caller reads as the file's own."""
    for first in (k for k in range(len(grids)) if _department_titled(grids[k], _between(grids, paras, k))):
        if first and not any(is_form(g) for g in grids[:first]):
            break
        last = next((k for k in range(first + 1, len(grids))
                     if _programme_opens(grids, paras, k) or _department_opens(grids, paras, k)), len(grids))
        if first or last < len(grids):  # else a department's file, or its form before another's
            return _split(grids, paras, first, last)
    return grids, paras, None


def _split(grids: list[Grid], paras: list[Para], first: int, last: int
           ) -> tuple[list[Grid], list[Para], DepartmentPart | None]:
    """`department_part` of the department's tables `grids[first:last]`."""
    above = _between(grids, paras, first)
    titled = next((n for n, p in enumerate(above) if TITLE.search(bare(p.text))), len(above))
    start = grids[first - 1].paras_before + titled if first else 0
    end = len(paras) if last == len(grids) else _title_start(grids, paras, last)
    own = paras[start:end]
    form = find_department(grids[first:last], [p.text for p in own])
    if form is None:
        return grids, paras, None
    if last < len(grids) and _department_opens(grids, paras, last) and not _programme_opens(grids, paras, last):
        note = DEPARTMENTS
    else:
        where = "之前" if first == 0 else "之后" if last == len(grids) else "中间"
        note = f"本文件在项目的表{where}有一张部门整体的表，单独导入为部门整体的文件"
    for grid in grids[first:last]:
        grid.paras_before -= start
    for grid in grids[last:]:
        grid.paras_before -= end - start
    return grids[:first] + grids[last:], paras[:start] + paras[end:], DepartmentPart(grids[first:last], own, form, note)


def _between(grids: list[Grid], paras: list[Para], k: int) -> list[Para]:
    """The paragraphs between table `k` and the table before it (the file's top for the first)."""
    return paras[grids[k - 1].paras_before if k else 0:grids[k].paras_before]


def _department_titled(grid: Grid, above: Sequence[Para]) -> bool:
    """Whether a table's title, in the paragraphs above it or its own first rows, names a 部门整体 form."""
    return any(TITLE.search(bare(p.text)) for p in above) or any(
        TITLE.search(bare(c.own)) for row in grid.rows[:3] for c in row)


DEPARTMENTS = "本文件有不止一张部门整体的表（各有自己的标题），各自单独导入为部门整体的文件：请对照原件核对每张表都已导入"
"""Said on each of a file's 部门整体 forms when it holds several."""


def form_label(form: DepartmentForm, n: int = 0) -> str:
    """What tells one of a file's 部门整体 forms apart in the report's heading, its notes and the written file's
    first line: its place among them (`n`, 0 when it is the only one), its department (or, naming none, its
    title) and the year its title names. Each split-off form was headed 「文件（部门整体绩效目标）」 alike: with
    广水市's refused and 宁德's written, the clerk could not tell which of the two had failed."""
    who = short(flat(form.facts.get("department", "")), 30) or next((f"「{short(flat(t), 30)}」" for t in form.titles), "")
    year = next((y for t in form.titles if (y := year_of_form_title(compact(t)) or title_facts(compact(t)).get("year"))), "")
    return "，".join(x for x in (f"第 {n} 张" if n else "", who, f"{year}年度" if year else "") if x)


def departments_note(label: str) -> str:
    """`DEPARTMENTS`, said on one of the forms, named by `form_label`."""
    return f"{DEPARTMENTS}。这是{label}"


def _department_opens(grids: list[Grid], paras: list[Para], k: int) -> bool:
    """Whether table `k` stands under a 部门整体 form's title of its own, in the paragraphs between it and
    the table before (a form's later tables, after a page break, have none)."""
    return any(TITLE.search(bare(p.text)) for p in _between(grids, paras, k))


def _programme_opens(grids: list[Grid], paras: list[Para], k: int) -> bool:
    """Whether table `k` begins a programme's form: it names the programme, or a form's title that is no
    部门整体 one stands above it."""
    return names_a_programme([grids[k]]) or any(
        is_form_kind(bare(p.text)) and not TITLE.search(bare(p.text)) for p in _between(grids, paras, k))


def _title_start(grids: list[Grid], paras: list[Para], k: int) -> int:
    """Where the lines of table `k`'s form begin: its form title above it, else its title block."""
    above = _between(grids, paras, k)
    titled = next((n for n, p in enumerate(above) if is_form_kind(bare(p.text)) and not TITLE.search(bare(p.text))), None)
    if titled is None and not names_a_programme([grids[k]]):  # another department's form: from its title on
        titled = next((n for n, p in enumerate(above) if TITLE.search(bare(p.text))), None)
    if titled is not None:
        return grids[k - 1].paras_before + titled
    return _title_block(paras, grids[k - 1].paras_before, grids[k].paras_before)
