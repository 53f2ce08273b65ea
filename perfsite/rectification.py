"""整改 and 结果应用 of a programme-year: what was found, what is being done, and what it cost.

Each finding comes from the programme's 评价报告 (its 主要问题) or from its 自评 (an indicator's
偏差原因) and carries measures: who (责任单位), by when (完成时限), how far (未开始 / 整改中 /
已完成) and the evidence (佐证材料). A measure not finished by its deadline is overdue; the day it
is compared with is the document's status_date (填报日期: the statuses say how things stood that day,
not today) or, without one, the build date (SOURCE_DATE_EPOCH when set), so two builds of one
commit publish the same pages. 结果应用 says how the evaluation steered the budget (次年预算调减 X 万元),
the amount an exact Decimal.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from perfsite.budget import UNITS
from perfsite.dates import NOT_YET, build_date, future_date, iso_date
from perfsite.kinds import DocumentKind
from perfsite.model import DocumentHead
from perfsite.problems import Problem, Problems, Severity, key_text
from perfsite.reader import read_head
from perfsite.schema import DOCUMENT_KEYS, check_keys, mapping_rows, number_field, shown, text_field, type_name
from perfsite.values import identity_text

RECTIFICATION_KEYS = (
    "name", "year", "department", "id", "series", "region", "sample", "findings", "application",
    "source", "status_date", *(key for key in DOCUMENT_KEYS if key != "kind"), "kind",
)
RECTIFICATION_REQUIRED = ("name", "year", "department", "findings")
FINDING_KEYS = ("source", "problem", "item", "indicator", "measures")
MEASURE_KEYS = ("measure", "owner", "deadline", "status", "evidence", "completed")
APPLICATION_KEYS = ("action", "amount", "unit", "budget_year", "note")


class FindingSource(StrEnum):
    """Where a finding comes from."""

    REPORT = "评价报告"
    """One of the 评价报告's 主要问题 (`item` gives its number)."""
    SELF_EVALUATION = "自评"
    """An indicator of the 自评 that missed its target (`indicator` names it, 偏差原因 in `problem`)."""


class MeasureStatus(StrEnum):
    """How far a measure is: the one status vocabulary of 整改, on pages, filters and downloads."""

    NOT_STARTED = "未开始"
    IN_PROGRESS = "整改中"
    DONE = "已完成"


ACTIONS = ("次年预算调减", "次年预算调增", "预算维持", "调整政策", "暂停项目", "取消项目", "其他")
"""结果应用 as finance bureaus report it; 调减 and 调增 need an amount."""
NEEDS_AMOUNT = ("次年预算调减", "次年预算调增")
KEEPS_BUDGET = "预算维持"
"""Changes no amount: an amount written with it says neither what was kept nor what moved."""

CENT_PLACES = {"万元": 6, "元": 2}
"""The places of one 分 in each unit: a 结果应用 amount is published as written, to the 分 (the
contract), so a finer one (1234.567 元, 0.0000001 万元) would be shown cut or as 0.00."""

MAX_DEADLINE_YEARS = 10
"""整改 deadlines fall within a budget cycle or two; one further off (9999-12-31) is a way of never
being overdue, or a typo, and is pointed out."""


@dataclass(frozen=True)
class Measure:
    """One 整改措施."""

    measure: str
    owner: str
    deadline: str
    """ISO date (完成时限)."""
    status: MeasureStatus
    evidence: str = ""
    completed: str = ""
    """ISO date the measure was completed (已完成 only)."""
    line: int | None = None

    def overdue(self, today: str) -> bool:
        return is_overdue(self.status, self.deadline, today)


def is_overdue(status: str, deadline: str | None, today: str) -> bool:
    """Not completed and its deadline (ISO date) has passed on `today` (ISO date: the build date's
    Beijing day, `build_date`). The one rule, for the measure read and for its published row."""
    return status != MeasureStatus.DONE and bool(deadline) and deadline < today


def is_late(status: str, deadline: str | None, completed: str | None) -> bool:
    """Completed, but after its deadline (逾期完成): never overdue any more, yet not on time; the
    one rule for the measure's page row and its open-data row."""
    return status == MeasureStatus.DONE and bool(deadline and completed and completed > deadline)


def reported_on(published: str, corrections: Iterable[str]) -> str:
    """The last day a 整改 document speaks for: its 发布日期 or its latest 更正日期 ("" if neither).
    Without a status_date its statuses are how things stood then, not on the day a page is built."""
    return max([published, *corrections])


def judged_on(status_date: str | None, today: str) -> str:
    """The day a document's measures are judged overdue on: its status_date (the statuses say how
    things stood that day; a measure due after it may have been finished since) if given, else the
    build day (`today`, ISO). A status_date after the build day is not used (`check` calls it an
    error): the build day is the latest a build can judge on."""
    return min(status_date, today) if status_date else today


@dataclass(frozen=True)
class Finding:
    """One problem to rectify, with its measures."""

    source: FindingSource
    problem: str
    item: int | None = None
    """The number of the 评价报告's 主要问题 (1 is the first)."""
    indicator: str = ""
    """The 自评 indicator (三级指标) whose 偏差原因 this is."""
    measures: tuple[Measure, ...] = ()
    line: int | None = None
    where: tuple[object, ...] = ()
    """The finding's key path in its file (for problems found across files)."""
    item_line: int | None = None
    indicator_line: int | None = None

    @property
    def status(self) -> MeasureStatus:
        """All measures done: 已完成; none started: 未开始; else 整改中."""
        states = {m.status for m in self.measures}
        if states == {MeasureStatus.DONE}:
            return MeasureStatus.DONE
        if not states or states == {MeasureStatus.NOT_STARTED}:
            return MeasureStatus.NOT_STARTED
        return MeasureStatus.IN_PROGRESS


@dataclass(frozen=True)
class Application:
    """One 结果应用 entry."""

    action: str
    amount: Decimal | None = None
    unit: str = UNITS[0]
    budget_year: int | None = None
    note: str = ""
    line: int | None = None


@dataclass
class Rectification(DocumentHead):
    """One programme-year's 整改情况 and 结果应用."""

    findings: tuple[Finding, ...] = ()
    application: tuple[Application, ...] = ()
    status_date: str = ""
    """ISO date the measures' statuses stand on (the form's 填报日期); "" when not given."""
    kind: DocumentKind = field(default=DocumentKind.RECTIFICATION)


def rectification_of(data: dict, path: Path, file: str, problems: Problems, year: int,
                     ident: str) -> Rectification:
    """Validate a loaded 整改 document (the caller has read `kind`, `year` and `id`)."""
    check_keys(data, RECTIFICATION_KEYS, (), problems, RECTIFICATION_REQUIRED)
    doc = Rectification(id=ident, year=year, name=text_field(data, "name", (), problems),
                        department=text_field(data, "department", (), problems), path=path, file=file)
    read_head(doc, data, problems)
    as_of = reported_on(doc.published, (c.date for c in doc.disclosure.corrections))
    doc.status_date = _status_date(data, year, as_of, problems)
    if data.get("findings") is not None:
        doc.findings = tuple(_finding(row, where, year, as_of, problems) for where, row in mapping_rows(
            data["findings"], "findings", problems,
            "findings（整改问题）应是列表，每项写 source、problem 和 measures，例如 "
            "- {source: 评价报告, item: 1, problem: 配套资金到位不足, measures: [...]}",
            lambda kind: f"每个整改问题应是键值映射（source、problem、measures），而不是{kind}", False))
        _repeated_findings(doc.findings, problems)
        for f in doc.findings:
            for index, m in enumerate(f.measures):
                if doc.status_date and m.completed > doc.status_date:
                    problems.error((*f.where, "measures", index, "completed"),
                                   f"完成日期 {m.completed} 晚于状态截至日期 {doc.status_date}：那一天尚未发生的完成不能写作已完成")
    if data.get("application") is not None:
        doc.application = tuple(_application(row, where, year, problems) for where, row in mapping_rows(
            data["application"], "application", problems,
            "application（结果应用）应是列表，例如 - {action: 次年预算调减, amount: 50, unit: 万元, budget_year: 2024}",
            lambda kind: f"每条结果应用应是键值映射（action、amount、unit、budget_year、note），而不是{kind}"))
    return doc


def _repeated_findings(findings: Sequence[Finding], problems: Problems) -> None:
    """A problem written twice (same source, 主要问题 or indicator, and words): the 整改 page and
    rectification.csv list it, and count its measures, twice. Told at the second (a 提示)."""
    first: dict[tuple[object, ...], tuple[int, int | None]] = {}  # → its number and line
    for number, f in enumerate(findings, 1):
        words = identity_text(f.problem).strip(_ENDS)
        key = (f.source, f.item, identity_text(f.indicator), words)
        if not words:
            continue
        if key in first:
            before, line = first[key]
            at = f"（第 {line} 行）" if line else ""
            problems.warning((*f.where, "problem"), f"第 {number} 个整改问题与第 {before} 个{at}"
                             f"来源和文字都相同：「{shown(f.problem)}」。如是重复录入，请删去一个（连同其措施）：整改页、整改表和"
                             "完成情况的统计都按两个问题计；如是两个不同的问题，请写明各自的内容")
        else:
            first[key] = (number, f.line)


def _status_date(data: dict, year: int, as_of: str, problems: Problems) -> str:
    """The day the statuses stand on: a date from the evaluated year to the day the document
    speaks for (`as_of`: its 发布日期 or latest 更正日期), since a status cannot be known before it
    happens nor reported before the evaluation."""
    date = _date(data, "status_date", "status_date（状态截至日期）", (), problems)
    if not date:
        return ""
    future = future_date(date, "状态截至日期")
    if future:
        problems.error(("status_date",), future)
    elif later := _after_build(date):
        problems.warning(("status_date",), later)
    elif year and date[:4] < str(year):
        problems.error(("status_date",), f"状态截至日期 {date} 早于被评价的 {year} 年度：整改只能在评价之后")
    elif as_of and date > as_of:
        problems.error(("status_date",), f"状态截至日期 {date} 晚于本文件的发布日期（或最近一次更正的日期）{as_of}："
                       "发布时不能写出以后的状态")
    return date


def _after_build(date: str) -> str | None:
    """The warning for a status_date after the build date that future_date lets pass (a build of
    older data, SOURCE_DATE_EPOCH before today): overdue is judged on the earlier of the two
    (judged_on), and the page says so. A warning, not an error: `make site` dates a build by the
    last commit, so a file edited today and built before it is committed would otherwise stop the
    build. Worded as future_date's (NOT_YET), so the check cache keeps no finding that a later
    build date lifts."""
    day = build_date()
    if date <= day:
        return None
    return (f"状态截至日期 {date} 晚于本次生成网站的日期 {day}（北京时间，由环境变量 SOURCE_DATE_EPOCH 设定；"
            f"make site 取最近一次提交的时间）：状态截至日期写的是已经发生的事，{NOT_YET}；本次逾期按生成日期判断，页面也这样写明。"
            "请核对年份和日期；日期无误时，提交本文件后再生成网站，逾期即按状态截至日期判断")


def _finding(row: dict, path: tuple[object, ...], year: int, as_of: str, problems: Problems) -> Finding:
    check_keys(row, FINDING_KEYS, path, problems, ("source", "problem", "measures"))
    written = text_field(row, "source", path, problems)
    source = FindingSource.REPORT
    if written:
        try:
            source = FindingSource(written)
        except ValueError:
            problems.error((*path, "source"), f"source（问题来源）只能是 {'、'.join(FindingSource)}，而不是「{shown(written)}」")
    problem = text_field(row, "problem", path, problems)
    if row.get("problem") is not None and not problem:
        problems.error((*path, "problem"), "problem（存在问题）不能是空的")
    item = number_field(row, "item", path, problems, what="正整数（评价报告中主要问题的序号）", allow_negative=False)
    if item is not None and (item != item.to_integral_value() or item < 1):
        problems.error((*path, "item"), f"item 应是评价报告中主要问题的序号（1、2、3 …），而不是 {item}")
        item = None
    indicator = text_field(row, "indicator", path, problems)
    if item is not None and source is not FindingSource.REPORT:
        problems.error((*path, "item"), "item 是评价报告中主要问题的序号，只用于 source: 评价报告")
    if indicator and source is not FindingSource.SELF_EVALUATION:
        problems.error((*path, "indicator"), "indicator 是自评表的指标名称，只用于 source: 自评")
    measures = _measures(row.get("measures"), (*path, "measures"), year, as_of, problems)
    return Finding(source, problem, int(item) if item is not None else None, indicator, measures,
                   problems.line_of(path), path, problems.line_of((*path, "item")), problems.line_of((*path, "indicator")))


ItemRef = tuple[str, int, int | None]
"""A 整改's reference to one of its 评价报告's 主要问题: (key, number, line)."""


def item_refs(doc: Rectification) -> tuple[ItemRef, ...]:
    """The 主要问题 numbers a 整改 refers to, with where it says so."""
    return tuple((key_text((*f.where, "item")), f.item, f.item_line) for f in doc.findings if f.item is not None)


IndicatorRef = tuple[str, str, int | None]
"""A 整改's reference to an indicator of its 自评: (key, the 三级指标 as written, line)."""


def indicator_refs(doc: Rectification) -> tuple[IndicatorRef, ...]:
    """The 自评 indicators a 整改's findings name, with where."""
    return tuple((key_text((*f.where, "indicator")), f.indicator, f.indicator_line) for f in doc.findings if f.indicator)


def attachment_problems(file: str, year: int, ident: str, items: tuple[ItemRef, ...], findings: int | None,
                        report: str, has_self: bool, indicators: tuple[IndicatorRef, ...] = (),
                        self_names: bytes | None = None, self_file: str = "") -> list[Problem]:
    """A 整改 checked against its programme-year's other documents: it rectifies what a 评价报告 or
    a 自评 found (one with neither is perfsite.unjoined's, as every kind's), and an
    `item` must be one of the report's 主要问题 (an error: the page would quote no problem, or the
    wrong one). `findings` is the report's count of 主要问题, None without a report. An `indicator`
    must name one of the 自评's indicators (`self_names`: their name_marks; a warning: the reader
    cannot find the indicator whose 偏差原因 is rectified)."""
    found = []
    if self_names is not None:
        found += [Problem(Severity.WARNING, f"indicator「{shown(name)}」不是自评表 {self_file} 中的三级指标："
                          "请照自评表中该指标的名称填写（全角半角、空格不计）", file=file, line=line, key=key)
                  for key, name, line in indicators if not has_name(self_names, name)]
    for key, number, line in items:
        if findings is None:
            if has_self:
                found.append(Problem(Severity.WARNING, f"item 指向评价报告的第 {number} 条主要问题，但 {year} 年 id「{ident}」"
                                     "没有评价报告：无法核对", file=file, line=line, key=key))
        elif number > findings:
            found.append(Problem(Severity.ERROR, f"item 是 {number}，但评价报告 {report} 只有 {findings} 条主要问题"
                                 "（findings）：请写该报告中问题的序号（1 是第一条）", file=file, line=line, key=key))
    return found


def _measures(raw: object, path: tuple[object, ...], year: int, as_of: str, problems: Problems) -> tuple[Measure, ...]:
    """`as_of`: the last day the document speaks for (its 发布日期 or latest 更正日期; "" if none)."""
    if raw is None:
        return ()  # check_keys reported the missing key
    if not isinstance(raw, list) or not raw:
        problems.error(path, "measures（整改措施）应是列表，每项写 measure、owner、deadline、status，例如 "
                       "- {measure: 足额安排配套资金, owner: 县财政局, deadline: 2023-12-31, status: 整改中}")
        return ()
    found = []
    first: dict[str, tuple[int, int | None]] = {}  # a measure's words → where they were first written
    for index, item in enumerate(raw):
        where = (*path, index)
        if not isinstance(item, dict):
            problems.error(where, f"每项整改措施应是键值映射（measure、owner、deadline、status），而不是{type_name(item)}")
            continue
        measure = _measure(item, where, year, as_of, problems)
        found.append(measure)
        words = identity_text(measure.measure).strip(_ENDS)
        if words in first:
            before, line = first[words]
            at = f"（第 {line} 行）" if line else ""
            problems.warning((*where, "measure"), f"整改措施第 {index + 1} 条与第 {before + 1} 条{at}文字相同："
                             f"「{shown(measure.measure)}」。如是重复录入，请删去一条：整改页、整改表和完成情况的统计都按两项计；"
                             "如是同一措施的两个阶段，请在措施中写明各阶段做什么")
        elif words:
            first[words] = (index, measure.line)
    return tuple(found)


_ENDS = "。.；;，,、 "
"""Punctuation a copied measure may gain or lose at its ends: 「完善台账。」 is 「完善台账」 again."""


def _date(row: dict, key: str, label: str, path: tuple[object, ...], problems: Problems) -> str:
    written = text_field(row, key, path, problems)
    date = iso_date(written) if written else None
    if written and date is None:
        problems.error((*path, key), f"{label}应是日期，如 2023-12-31，而不是「{shown(written)}」{date_hint(written)}")
    return date or ""


_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*(?:底|末|底前|末前)?")
_YEAR_END = re.compile(r"(\d{4})\s*年?\s*(?:底|末|年底|年末|内|年内|全年)\s*(?:前|以前|之前)?")
_BEFORE = re.compile(r"(.+?)\s*(?:前|以前|之前)")
_ONGOING = ("长期", "持续", "常态", "经常", "随时", "每年", "每月", "定期")


def date_hint(written: str) -> str:
    """What a clerk's way of writing a 完成时限 should become, after the refusal: the site cannot
    guess the day (「2024年6月」 could be due on the 1st or the 30th), so it asks, naming the day it
    would expect; a status or an ongoing measure written as a date is told where it belongs."""
    text = written.strip()
    if text in {str(s) for s in MeasureStatus}:
        return f"：「{text}」是整改状态，请写在 status 中，这里写完成时限"
    if any(word in text for word in _ONGOING):
        return "：长期坚持的措施也请写出一个完成时限（如本阶段应完成的日期），并在 measure 中写明长期坚持：没有时限就无法判断是否逾期"
    year_end = _YEAR_END.fullmatch(text)
    if year_end:
        return f"：年底请写 {year_end[1]}-12-31"
    month = _MONTH.fullmatch(text)
    if month and 1 <= int(month[2]) <= 12:
        last = calendar.monthrange(int(month[1]), int(month[2]))[1]
        return f"：只写到月时请写该月最后一天，如 {month[1]}-{int(month[2]):02d}-{last:02d}"
    before = _BEFORE.fullmatch(text)
    if before and iso_date(before[1]):
        return f"：请只写日期 {iso_date(before[1])}（完成时限当天不算逾期）"
    return ""


def _measure(row: dict, path: tuple[object, ...], year: int, as_of: str, problems: Problems) -> Measure:
    check_keys(row, MEASURE_KEYS, path, problems, ("measure", "owner", "deadline", "status"))
    written = text_field(row, "status", path, problems)
    status = MeasureStatus.NOT_STARTED
    if written:
        try:
            status = MeasureStatus(written)
        except ValueError:
            problems.error((*path, "status"), f"status（整改状态）只能是 {'、'.join(MeasureStatus)}，而不是「{shown(written)}」"
                           + status_hint(written))
    deadline = _date(row, "deadline", "deadline（完成时限）", path, problems)
    completed = _date(row, "completed", "completed（完成日期）", path, problems)
    if deadline and year and deadline[:4] < str(year):
        problems.error((*path, "deadline"), f"完成时限 {deadline} 早于被评价的 {year} 年度：整改只能在评价之后")
    elif deadline and year and deadline[:4] == str(year):
        problems.warning((*path, "deadline"), f"完成时限 {deadline} 在被评价的 {year} 年度之内：评价和自评都在年度结束之后，"
                         f"问题发现之前的时限多半是年份写错了（如应为 {year + 1} 年）")
    elif deadline and year and int(deadline[:4]) > year + MAX_DEADLINE_YEARS:
        problems.warning((*path, "deadline"), f"完成时限 {deadline} 在被评价的 {year} 年度 {MAX_DEADLINE_YEARS} 年之后："
                         "这样的措施永远不会显示为逾期，年份可能写错了")
    if completed and year and completed[:4] < str(year):
        problems.error((*path, "completed"), f"完成日期 {completed} 早于被评价的 {year} 年度：整改只能在评价之后")
    future = future_date(completed, "完成日期")
    if future:
        problems.error((*path, "completed"), future)
    elif completed and as_of and completed > as_of:
        problems.error((*path, "completed"), f"完成日期 {completed} 晚于本文件的发布日期（或最近一次更正的日期）{as_of}：发布时尚未发生的完成不能写作已完成。"
                       "公开后才完成的措施，请在 corrections 中记一笔更正（日期不早于完成日期）")
    if completed and status is not MeasureStatus.DONE:
        problems.error((*path, "completed"), f"写了完成日期 {completed}，状态却是「{status}」：已完成的措施请写 status: 已完成")
    evidence = text_field(row, "evidence", path, problems)
    if status is MeasureStatus.DONE and not evidence:
        problems.warning((*path, "evidence"), "措施已完成，但没有写明佐证材料：公众无从核实")
    if status is MeasureStatus.DONE and not completed and row.get("completed") is None:
        problems.warning((*path, "status"), "措施已完成，但没有写完成日期：读者无从知道是否按期完成，"
                         "逾期完成的也无法标出")
    return Measure(text_field(row, "measure", path, problems), text_field(row, "owner", path, problems),
                   deadline, status, evidence, completed, problems.line_of(path))


STATUS_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("基本", "部分", "大部分", "初步", "阶段性"), "：没有全部完成的措施是 整改中，已做到的写在 evidence 中"),
    (("未完成",), "：未完成的措施请写 整改中 或 未开始"),
    (("持续", "长期", "进行", "正在", "推进", "落实中"), "：请写 整改中"),
    (("未整改", "尚未", "未启动", "待整改", "未开展"), "：请写 未开始"),
    (("已整改", "完成", "已落实", "整改到位", "已办结"), "：全部做完的措施请写 已完成"),
)
"""Words clerks put in 整改状态, in the order they are tried: a measure 基本完成 or 部分完成 is
not done (read as 已完成 it would never be overdue), so those are told apart before 完成."""


def status_hint(written: str) -> str:
    """Which of the three statuses a refused one most likely means, for the error; never applied:
    the clerk says which."""
    return next((hint for words, hint in STATUS_HINTS if any(word in written for word in words)), "")


def _application(row: dict, path: tuple[object, ...], year: int, problems: Problems) -> Application:
    check_keys(row, APPLICATION_KEYS, path, problems, ("action",))
    action = text_field(row, "action", path, problems)
    if action and action not in ACTIONS:
        problems.error((*path, "action"), f"action（结果应用方式）只能是 {'、'.join(ACTIONS)}，而不是「{shown(action)}」")
    amount = number_field(row, "amount", path, problems, what="金额", allow_negative=False)
    if action in NEEDS_AMOUNT and amount is None:
        problems.error(path, f"{action}须写出金额（amount），如 amount: 50")
    unit = text_field(row, "unit", path, problems) or UNITS[0]
    if unit not in UNITS:
        problems.error((*path, "unit"), f"金额单位只能是 {' 或 '.join(UNITS)}，而不是「{shown(unit)}」")
        unit = UNITS[0]
    if amount is not None:
        _check_amount(action, amount, unit, path, problems)
    budget_year = number_field(row, "budget_year", path, problems, what="年度（如 2024）", allow_negative=False)
    if budget_year is not None and (budget_year != budget_year.to_integral_value() or not year < budget_year <= year + 5):
        problems.error((*path, "budget_year"), f"budget_year（应用年度）应是 {year} 年之后的年度，而不是 {budget_year}")
        budget_year = None
    return Application(action, amount, unit, int(budget_year) if budget_year is not None else None,
                       text_field(row, "note", path, problems), problems.line_of(path))


def _check_amount(action: str, amount: Decimal, unit: str, path: tuple[object, ...], problems: Problems) -> None:
    """An amount finer than 1 分, or none at all where the budget moves, cannot be published as
    written; one with 预算维持 contradicts it."""
    places = -min(0, int(amount.normalize().as_tuple().exponent))
    if places > CENT_PLACES[unit]:
        problems.error((*path, "amount"), f"金额 {amount:f} {unit} 不是整分的数（{unit}最多写 {CENT_PLACES[unit]} 位小数，"
                       f"即精确到分）：请照原文写到分，网站照写公布，不会四舍五入")
    elif amount == 0 and action in NEEDS_AMOUNT:
        problems.error((*path, "amount"), f"{action}的金额是 0：请写出调整的金额")
    if action == KEEPS_BUDGET:
        problems.warning((*path, "amount"), f"预算维持不调整预算，金额 {amount:f} {unit} 无从说明调整了多少：维持的预算数请写在 note 中，"
                         "有调减或调增的请改用 次年预算调减 或 次年预算调增")


MARK_BYTES = 4
"""Of BLAKE2b per indicator name: a programme's ten-odd names fit in ~40 bytes (the names
themselves would be ~600 bytes, held for every programme by the process that checks across
files); a false match needs a collision among one table's names, about 1 in 10⁸."""


def name_marks(names: Iterable[str]) -> bytes:
    """The names (compared as identity_text: full/half width, spaces and invisible characters
    aside) as MARK_BYTES-byte digests, one after another."""
    return b"".join(_mark(name) for name in names)


def has_name(marks: bytes, name: str) -> bool:
    mark = _mark(name)
    return any(marks[i:i + MARK_BYTES] == mark for i in range(0, len(marks), MARK_BYTES))


def _mark(name: str) -> bytes:
    return hashlib.blake2b(identity_text(name).encode("utf-8"), digest_size=MARK_BYTES).digest()

