"""部门整体支出: a department-year's 绩效目标表 and 自评表 (model, reading, scoring).

Besides its programmes, a department publishes one target table for the department as a whole
with its budget (部门职能, 年度主要任务 with their amounts, the overall 年度目标 and indicators)
and, after the year, a self-evaluation against it (the same with 实际完成情况, 预算执行 and
scores). A department-year is named by `year` and `department`, the name its programmes give
as 主管部门, never by an `id`: the two documents cannot take a programme's address, and the
site finds the department's programmes by that name.

Nothing about indicators is new: the target table's are read as a 绩效目标表's
(perfsite.targets), the self-evaluation's as a 自评表's and scored by perfsite.scoring, with
预算执行 as the budget table (so `rule: budget` scores 执行率), the total and grade cross-checked
against the published ones with the 自评's tolerances and status vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfsite.budget import UNITS, derived_warning, rate
from perfsite.decimals import figure_text, fmt2, parse_decimal, plain
from perfsite.disclosure import NO_DISCLOSURE, Disclosure, read_disclosure
from perfsite.indicator_paths import check_renames_name_rows, read_renames
from perfsite.kinds import DocumentKind
from perfsite.model import Budget, BudgetLine, BudgetRow, Programme, RateBasis, Rename
from perfsite.problems import Problem, Problems, Severity
from perfsite.reader import read_indicator_rows, read_published, read_reported
from perfsite.rules import Status
from perfsite.schema import DISCLOSURE_KEYS, check_keys, mapping_rows, number_field, read_flag, shown, text_field
from perfsite.scoring import ScoredProgramme, compare_printed, score_programme
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable, check_weights, read_target_indicators
from perfsite.values import NO_NUMBER, UNSTATED

_COMMON = ("kind", "year", "department", "department_code", "region", "functions", "unit", "tasks",
           "annual_goal", "indicators", "source", "sample", "published", *DISCLOSURE_KEYS, "renamed")
DEPARTMENT_TARGET_KEYS = (*_COMMON, "tasks_total", "weight_total")
"""Keys of a 部门整体支出绩效目标表."""
DEPARTMENT_EVALUATION_KEYS = (*_COMMON, "annual_result", "execution", "deviation", "reported")
"""Keys of a 部门整体支出绩效自评表."""
DEPARTMENT_REQUIRED = ("year", "department", "indicators")
TARGET_TASK_KEYS = ("name", "content", "amount")
EVALUATION_TASK_KEYS = (*TARGET_TASK_KEYS, "spent")
"""A task of the self-evaluation adds its 执行数."""
EXECUTION_KEYS = ("budget", "spent", "rate")

TITLE_SUFFIX = "部门整体支出"
"""A department document's name: 「示例县教育局部门整体支出」."""


@dataclass(frozen=True)
class Task:
    """One 年度主要任务: its name, 主要内容 and money in the document's unit (None where empty)."""

    name: str
    content: str = ""
    amount: Decimal | None = None
    """预算金额 (target table) or 全年预算数 (self-evaluation)."""
    spent: Decimal | None = None
    """全年执行数 (self-evaluation only)."""
    line: int | None = None

    @property
    def rate(self) -> Decimal | None:
        """执行率 to 2 places; None without an 执行数 or with a 预算数 of 0 or none."""
        return rate(self.spent, self.amount) if self.spent is not None else None


@dataclass(frozen=True)
class Execution:
    """预算执行: 全年预算数, 全年执行数 and the 执行率 the form prints (None where empty)."""

    budget: Decimal | None = None
    spent: Decimal | None = None
    rate: Decimal | None = None
    """As published, in per cent; compared with `computed_rate`."""

    @property
    def computed_rate(self) -> Decimal | None:
        return rate(self.spent, self.budget) if self.spent is not None else None


@dataclass
class DepartmentDocument:
    """A department-year's 部门整体 target table or self-evaluation, as published (and scored)."""

    kind: DocumentKind
    year: int
    department: str
    path: Path
    file: str
    department_code: str = ""
    region: str = ""
    functions: str = ""
    """部门职能."""
    unit: str = UNITS[0]
    """Of every amount in the document (tasks, their total, 预算执行)."""
    tasks: tuple[Task, ...] = ()
    tasks_total: Decimal | None = None
    """金额合计 as the target table prints it (checked against the tasks)."""
    annual_goal: str = ""
    """年度总体目标 (预期目标)."""
    annual_result: str = ""
    """年度总体目标的实际完成情况 (self-evaluation)."""
    execution: Execution | None = None
    deviation: str = ""
    """偏差原因分析及改进措施 (self-evaluation)."""
    targets: TargetTable | None = None
    """The target table's indicators, read as a 绩效目标表's (kind DEPARTMENT_TARGETS)."""
    evaluation: ScoredProgramme | None = None
    """The self-evaluation's indicators scored as a 自评's (kind DEPARTMENT_SELF_EVALUATION)."""
    published: str = ""
    source: str = ""
    sample: bool = False
    disclosure: Disclosure = NO_DISCLOSURE
    problems: list[Problem] = field(default_factory=list)
    """The document's own findings (the reader's list: those added after reading are in it too)."""

    @property
    def name(self) -> str:
        return f"{self.department}{TITLE_SUFFIX}"

    @property
    def total(self) -> Decimal | None:
        return self.evaluation.total if self.evaluation is not None else None

    @property
    def grade(self) -> str | None:
        return self.evaluation.grade if self.evaluation is not None else None

    def task_sum(self, key: str) -> Decimal | None:
        """Σ of the tasks' `amount` or `spent`; None unless every task gives it."""
        values = [getattr(task, key) for task in self.tasks]
        if not values or any(v is None for v in values):
            return None
        return sum(values, Decimal(0))


def department_of(kind: DocumentKind, data: dict, path: Path, file: str, problems: Problems, year: int,
                  site: SiteConfig) -> DepartmentDocument:
    """Validate a loaded 部门整体 document (the caller has read `kind` and `year`); a
    self-evaluation comes back scored."""
    evaluating = kind is DocumentKind.DEPARTMENT_SELF_EVALUATION
    check_keys(data, DEPARTMENT_EVALUATION_KEYS if evaluating else DEPARTMENT_TARGET_KEYS, (), problems,
               DEPARTMENT_REQUIRED)
    doc = DepartmentDocument(kind=kind, year=year, department=text_field(data, "department", (), problems),
                             path=path, file=file, problems=problems.items)
    for key in ("department_code", "region", "functions", "annual_goal", "source", "annual_result", "deviation"):
        setattr(doc, key, text_field(data, key, (), problems))
    if doc.department == UNSTATED:
        problems.error(("department",), "部门整体文件必须写明部门全称：网站按它找到本部门的项目")
    doc.published = read_published(data, problems)
    doc.disclosure = read_disclosure(data, doc.published, problems)
    doc.sample = read_flag(data, "sample", (), problems)
    doc.unit = _unit(data, problems)
    doc.tasks = _tasks(data.get("tasks"), TASK_KEYS[kind], problems)
    renamed = read_renames(data.get("renamed"), problems)
    if evaluating:
        doc.execution = _execution(data.get("execution"), doc.unit, problems)
        check_task_sums(doc, problems)
        _check_sum_digits(doc, problems)
        doc.evaluation = _scored(doc, data, renamed, site, problems)
        indicators = doc.evaluation.programme.indicators
        check_renames_name_rows(renamed, ((i.level1, i.level2, i.name) for i in indicators), problems)
        return doc
    doc.tasks_total = number_field(data, "tasks_total", (), problems, what="金额（任务金额合计）", allow_negative=False)
    _check_tasks_total(doc, problems)
    _check_sum_digits(doc, problems)
    table = TargetTable(id="", year=year, name=doc.name, department=doc.department, path=path, file=file,
                        department_code=doc.department_code, region=doc.region, annual_goal=doc.annual_goal,
                        published=doc.published, source=doc.source, sample=doc.sample, disclosure=doc.disclosure,
                        renamed=renamed, kind=kind)
    table.weight_total = number_field(data, "weight_total", (), problems, what="数字（权重合计）",
                                      allow_negative=False)
    table.indicators = read_target_indicators(data.get("indicators"), problems)
    check_renames_name_rows(renamed, ((i.level1, i.level2, i.name) for i in table.indicators), problems)
    check_weights(table, problems)
    doc.targets = table
    return doc


TASK_KEYS = {DocumentKind.DEPARTMENT_TARGETS: TARGET_TASK_KEYS,
             DocumentKind.DEPARTMENT_SELF_EVALUATION: EVALUATION_TASK_KEYS}


def _unit(data: dict, problems: Problems) -> str:
    unit = text_field(data, "unit", (), problems) or UNITS[0]
    if unit not in UNITS:
        problems.error(("unit",), f"unit（金额单位）只能是 {' 或 '.join(UNITS)}，而不是「{shown(unit)}」")
        return UNITS[0]
    return unit


def _tasks(raw: object, keys: tuple[str, ...], problems: Problems) -> tuple[Task, ...]:
    """年度主要任务: a list of {name, content, amount(, spent)}; two tasks of one name are an error
    (the page and the comparison of the two documents find a task by its name)."""
    if raw is None:
        return ()
    tasks: list[Task] = []
    for path, row in mapping_rows(raw, "tasks", problems,
                                  "tasks（年度主要任务）应是列表，每项写 name、content、amount，例如 "
                                  "- {name: 义务教育保障, content: 保障公用经费, amount: 1200}",
                                  lambda kind: f"每项任务应是键值映射（name、content、amount），而不是{kind}"):
        check_keys(row, keys, path, problems)
        if row.get("name") is None:
            problems.error(path, "任务缺少名称（name，即任务名称）")
        task = Task(name=text_field(row, "name", path, problems), content=text_field(row, "content", path, problems),
                    amount=number_field(row, "amount", path, problems, what="金额", allow_negative=False),
                    spent=number_field(row, "spent", path, problems, what="金额", allow_negative=False),
                    line=problems.line_of(path))
        if task.name and any(t.name == task.name for t in tasks):
            problems.error((*path, "name"), f"任务「{shown(task.name)}」写了两次：每项任务只写一次")
        tasks.append(task)
    return tuple(tasks)


def _check_tasks_total(doc: DepartmentDocument, problems: Problems) -> None:
    """金额合计 = Σ 任务金额, where the form prints it and every task has an amount."""
    computed = doc.task_sum("amount")
    if doc.tasks_total is None or computed is None or computed == doc.tasks_total:
        return
    problems.add(Severity.DISCREPANCY, ("tasks_total",),
                 f"任务金额合计不等于各项任务金额之和 {plain(computed)}{doc.unit}",
                 published=plain(doc.tasks_total), computed=plain(computed), field="任务金额合计")


def _check_sum_digits(doc: DepartmentDocument, problems: Problems) -> None:
    """Warn at `tasks` of a sum of the tasks (金额合计, or 全年预算数 and 全年执行数) past the digits
    the /data/*.xlsx download keeps (budget.derived_warning): the page and the /data/ 部门整体 table
    publish it. Not where the form prints the same figure (金额合计, 预算执行): its own warning names it."""
    if doc.kind is DocumentKind.DEPARTMENT_TARGETS:
        sums = [("amount", TASKS_TOTAL_FIELD, doc.tasks_total)]
    else:
        execution = doc.execution or Execution()
        sums = [(key, label, getattr(execution, _EXECUTION_OF[key][0])) for key, label in TASK_SUM_FIELDS.items()]
    for key, label, printed in sums:
        summed = doc.task_sum(key)
        if summed != printed and (message := derived_warning(
                summed, label, (getattr(task, key) for task in doc.tasks))) is not None:
            problems.warning(("tasks",), message)


def _execution(raw: object, unit: str, problems: Problems) -> Execution | None:
    """预算执行 {budget, spent, rate}: the rate the form prints is checked against 执行数 ÷ 预算数."""
    if raw is None:
        return None
    path = ("execution",)
    if not isinstance(raw, dict):
        problems.error(path, "execution（预算执行）应是键值映射，例如 {budget: 3200, spent: 3120.5, rate: 97.52%}")
        return None
    check_keys(raw, EXECUTION_KEYS, path, problems)
    execution = Execution(
        budget=number_field(raw, "budget", path, problems, what="金额（全年预算数）", allow_negative=False),
        spent=number_field(raw, "spent", path, problems, what="金额（全年执行数）", allow_negative=False),
        rate=_percent(raw, path, problems))
    computed = execution.computed_rate
    if execution.rate is not None and computed is not None:
        status = compare_printed(execution.rate, computed)  # 98% printed for 97.52%: at its places
        if status is not Status.MATCH:
            severity = Severity.DISCREPANCY if status is Status.DISCREPANCY else Severity.NOTE
            what = "相差超过 0.1" if status is Status.DISCREPANCY else "属舍入差异"
            problems.add(severity, (*path, "rate"), f"执行率：公布 {plain(execution.rate)}%，计算 {computed}%，{what}",
                         published=f"{plain(execution.rate)}%", computed=f"{computed}%", field="预算执行率")
    if execution.budget is not None and execution.spent is not None and execution.spent > execution.budget:
        problems.warning((*path, "spent"), f"全年执行数 {plain(execution.spent)}{unit} 大于全年预算数 "
                         f"{plain(execution.budget)}{unit}")
    return execution


TASK_SUM_FIELDS = {"amount": "全年预算数（各项任务之和）", "spent": "全年执行数（各项任务之和）"}
"""The `field` of a finding that the tasks do not add up to 预算执行 (the page shows these beside
the task table as well as under 数据核验)."""
TASKS_TOTAL_FIELD = "任务金额合计（各项任务之和）"
"""A target table's 金额合计 as worked out from its tasks, as a warning names it."""
TASK_SPENT_FIELD = "任务执行数"
"""The `field` of a finding that a task spent more than its 全年预算数."""
_EXECUTION_OF = {"amount": ("budget", "全年预算数"), "spent": ("spent", "全年执行数")}


def check_task_sums(doc: DepartmentDocument, problems: Problems) -> None:
    """A self-evaluation's money adds up: no task spends more than its 全年预算数 (提示, as the
    budget table's 执行数 above 到位资金), and the tasks together neither exceed 预算执行's
    全年预算数 and 全年执行数 (不一致: parts cannot exceed their whole) nor fall short of them
    (提示: 年度主要任务 may leave out spending such as 基本支出, but the two 执行数 a page shows
    should be seen to differ). Sums are exact: money is written to the 元 or the 分."""
    for index, task in enumerate(doc.tasks):
        if task.amount is not None and task.spent is not None and task.spent > task.amount:
            problems.add(Severity.WARNING, ("tasks", index, "spent"),
                         f"任务「{task.name}」全年执行数 {plain(task.spent)}{doc.unit} 大于全年预算数 "
                         f"{plain(task.amount)}{doc.unit}", field=TASK_SPENT_FIELD)
    execution = doc.execution
    if execution is None:
        return
    for key, field_name in TASK_SUM_FIELDS.items():
        summed = doc.task_sum(key)
        attribute, label = _EXECUTION_OF[key]
        whole = getattr(execution, attribute)
        if summed is None or whole is None or summed == whole:
            continue
        over = summed > whole
        problems.add(Severity.DISCREPANCY if over else Severity.WARNING, ("execution", attribute),
                     f"各项任务的{label}之和 {plain(summed)}{doc.unit} {'大于' if over else '小于'}预算执行的"
                     f"{label} {plain(whole)}{doc.unit}" + ("" if over else "：任务未列全时请在偏差原因中说明"),
                     published=plain(whole), computed=plain(summed), field=field_name)


def _percent(raw: dict, path: tuple[object, ...], problems: Problems) -> Decimal | None:
    """执行率 as written: 97.52, "97.52%" or "97.52％"; None when empty."""
    written = text_field(raw, "rate", path, problems)
    if not written or written in NO_NUMBER:
        return None
    number = parse_decimal(written.rstrip("%％").strip())
    if number is None or number < 0:
        problems.error((*path, "rate"), f"rate（执行率）应是百分数，如 97.52%，而不是「{shown(written)}」")
        return None
    return number


def _scored(doc: DepartmentDocument, data: dict, renamed: tuple[Rename, ...], site: SiteConfig,
            problems: Problems) -> ScoredProgramme:
    """The self-evaluation's indicators scored as a 自评's: 预算执行 is its budget table."""
    prog = Programme(id="", year=doc.year, name=doc.name, department=doc.department, path=doc.path, file=doc.file,
                     region=doc.region, published=doc.published, source=doc.source, sample=doc.sample,
                     disclosure=doc.disclosure, renamed=renamed)
    execution = doc.execution
    if execution is not None and (execution.budget is not None or execution.spent is not None):
        rows = {row: BudgetLine({}, amount) for row, amount in
                ((BudgetRow.BUDGET, execution.budget), (BudgetRow.SPENT, execution.spent)) if amount is not None}
        prog.budget = Budget(doc.unit, RateBasis.BUDGET, rows)
    prog.reported_score, prog.reported_grade = read_reported(data.get("reported"), problems)
    if data.get("indicators") is not None:
        prog.indicators = read_indicator_rows(data["indicators"], site, problems)
    return score_programme(prog, site, problems)


def department_fields(doc: DepartmentDocument) -> dict[str, object]:
    """What every output publishes of a department document besides its indicators (the
    department page's JSON twin, `perfsite score --format json`): texts as written, money as
    written (2 places, or every place it has: 12.3456 万元 is exact to the 元), rates with 2
    places, None where the form leaves a cell empty. A target table has no 执行数,
    完成情况 or 偏差原因; a self-evaluation has no 金额合计 of its own."""
    fields: dict[str, object] = {
        "kind": str(doc.kind), "file": doc.file, "year": doc.year, "department": doc.department,
        "department_code": doc.department_code or None, "region": doc.region or None,
        "published": doc.published or None, "source": doc.source or None, "sample": doc.sample,
        "functions": doc.functions or None, "unit": doc.unit, "annual_goal": doc.annual_goal or None,
    }
    if doc.kind is DocumentKind.DEPARTMENT_TARGETS:
        return {**fields, "tasks": [{"name": t.name, "content": t.content or None, "amount": figure_text(t.amount)}
                                    for t in doc.tasks],
                "tasks_total": figure_text(doc.tasks_total), "tasks_sum": figure_text(doc.task_sum("amount"))}
    execution = doc.execution
    return {
        **fields,
        "tasks": [{"name": t.name, "content": t.content or None, "amount": figure_text(t.amount),
                   "spent": figure_text(t.spent), "rate": fmt2(t.rate)} for t in doc.tasks],
        "tasks_sum": {"amount": figure_text(doc.task_sum("amount")), "spent": figure_text(doc.task_sum("spent"))},
        "annual_result": doc.annual_result or None,
        "execution": None if execution is None else {
            "budget": figure_text(execution.budget), "spent": figure_text(execution.spent),
            "rate": None if execution.rate is None else plain(execution.rate),
            "computed_rate": fmt2(execution.computed_rate)},
        "deviation": doc.deviation or None,
    }
