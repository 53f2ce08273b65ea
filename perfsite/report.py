"""What `check` and `score` print: plain text for a clerk, JSON for machines, GitHub Actions
annotations for a CI log."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal

from perfsite.dataset import Dataset
from perfsite.decimals import figure_text, fmt2, plain
from perfsite.department import DepartmentDocument, department_fields
from perfsite.kinds import DEFAULT_KIND, KINDS, DocumentKind
from perfsite.model import RULE_LABEL
from perfsite.problems import SEVERITY_LABEL, Problem, Severity, field_label
from perfsite.progress import tenths, took
from perfsite.record import Record, make_record
from perfsite.scoring import ScoredProgramme, compared_text
from perfsite.targets import DEFAULT_WEIGHT_TOTAL, TargetIndicator, TargetTable
from perfsite.targets_check import waiting_lines
from perfsite.targets_compare import planned_text

ORDER = (Severity.ERROR, Severity.DISCREPANCY, Severity.WARNING, Severity.NOTE)


LISTED = 10
"""Problems of one kind other than errors listed in full up to this many; beyond, their count
per kind and the first FIRST (a 10,000-programme tree had 1,006 discrepancies: a page of
identical lines hides the one error that stops the build). Errors are always all listed:
each has to be fixed."""
FIRST = 5


def check_text(data: Dataset, verbose: bool = False, seconds: float | None = None) -> str:
    lines = digest(data.problems, verbose)
    if lines:
        lines.append("")
    lines += waiting_lines((f.kind, f.year, f.id, f.department) for f in data.facts)
    lines.append(summary(data, seconds))
    return "\n".join(lines)


def digest(problems: list[Problem], verbose: bool = False) -> list[str]:
    """Problems by severity, errors first: all of them with `verbose` (and all errors always),
    else beyond LISTED of a severity its counts per kind and the first FIRST."""
    lines = []
    for severity in ORDER:
        found = [p for p in problems if p.severity is severity]
        if not found:
            continue
        lines.append(f"== {SEVERITY_LABEL[severity]}（{len(found)}）==")
        if verbose or severity is Severity.ERROR or len(found) <= LISTED:
            lines += [p.as_text() for p in found]
        else:
            lines += folded(found)
        lines.append("")
    return lines[:-1] if lines else lines


def folded(found: list[Problem]) -> list[str]:
    """Many problems of one severity: one line per kind with its count and first place, then the first
    FIRST in full. The first FIRST alone can all be one kind (14 「目标值和实际值均未给出」 hid every
    other kind of hint), so each kind shows where to start even when it is listed nowhere else."""
    groups: dict[str, list[Problem]] = {}
    for problem in found:
        groups.setdefault(kind(problem), []).append(problem)
    files = len({p.file for p in found})
    lines = [f"其中 {len(groups)} 类（涉及 {files} 个文件），每类的条数和第一处："]
    lines += [f"  {name} {len(group)} 条，第一处 {group[0].as_text()}"
              for name, group in sorted(groups.items(), key=lambda g: -len(g[1]))]
    lines.append(f"前 {FIRST} 条：")
    lines += [p.as_text() for p in found[:FIRST]]
    lines.append(f"…… 另有 {len(found) - FIRST} 条未列出：加 --verbose 列出全部")
    return lines


def kind(problem: Problem) -> str:
    """What a problem is about, without which indicator or file: `绩效指标 · 得分`."""
    parts = tuple(part for part in re.split(r"\[\d+\]|\.", problem.key) if part)
    return field_label(parts) or re.sub(r"\[\d+\]", "[]", problem.key) or "文件"


def summary(data: Dataset, seconds: float | None = None) -> str:
    verdict = "通过" if data.ok else "未通过"
    line = f"检查了 {files_text(data)}：{verdict}（{counts_text(tally(data.problems))}）"
    return line if seconds is None else f"{line}，{took(seconds)}"


def files_text(data: Dataset) -> str:
    """`3 个项目文件`, or with documents of other kinds `4 个文件（其中项目支出绩效目标表 1 个）`:
    a target table is no 项目 of its own (its programme-year's 自评 is)."""
    others = kind_counts(data)
    others.pop(str(DEFAULT_KIND), None)
    if not others:
        return f"{data.files} 个项目文件"
    return f"{data.files} 个文件（其中" + "，".join(f"{KINDS[DocumentKind(k)].label} {n} 个" for k, n in others.items()) + "）"


def kind_counts(data: Dataset) -> dict[str, int]:
    """Files read, by document kind, in the cycle's order (a file that could not be read has no kind)."""
    found = Counter(f.kind for f in data.facts)
    return {str(k): found[str(k)] for k in DocumentKind if found[str(k)]}


def counts_text(counts: dict[str, int]) -> str:
    """`错误 0，不一致 1006，提示 0，舍入 0` from `tally`'s counts (the summary lines of check, import, build)."""
    return "，".join(f"{SEVERITY_LABEL[s]} {counts.get(PLURAL[s], 0)}" for s in ORDER)


def tally(problems: list[Problem]) -> dict[str, int]:
    """How many problems of each severity, keyed as in JSON (`errors`, `discrepancies`, …)."""
    found = Counter(p.severity for p in problems)
    return {PLURAL[s]: found[s] for s in ORDER}


PLURAL = {Severity.ERROR: "errors", Severity.DISCREPANCY: "discrepancies", Severity.WARNING: "warnings",
          Severity.NOTE: "notes"}
"""The `summary` keys of `check` and `import` JSON."""


def check_json(data: Dataset, seconds: float | None = None) -> str:
    evaluations = sorted((f for f in data.facts if f.kind == DEFAULT_KIND), key=lambda f: (-f.year, f.id))
    payload = {
        "ok": data.ok,
        "files": data.files,
        "counts": {str(s): data.count(s) for s in ORDER},
        "problems": [p.as_dict() for p in data.problems],
        "programmes": [
            {"file": f.file, "year": f.year, "id": f.id, "name": f.name, "total": fmt2(f.total), "grade": f.grade}
            for f in evaluations
        ],
        "documents": [
            {"file": f.file, "kind": f.kind, "year": f.year, "id": f.id, "name": f.name}
            for f in sorted(data.facts, key=lambda f: (-f.year, f.id, f.kind)) if f.kind != DEFAULT_KIND
        ],
        "summary": {"files": data.files, "programmes": len(evaluations), "kinds": kind_counts(data)}
                   | tally(data.problems)
                   | {"seconds": seconds_json(seconds)},
    }
    return dumps(payload)


def seconds_json(seconds: float | None) -> float | None:
    """A run's duration for JSON, to the tenth of a second as the summary line says it."""
    return None if seconds is None else float(tenths(seconds))


GITHUB_COMMAND = {Severity.ERROR: "error", Severity.DISCREPANCY: "warning", Severity.WARNING: "notice",
                  Severity.NOTE: "notice"}
"""GitHub Actions annotation per severity: errors fail the check, discrepancies are shown on the
page (a warning), hints and rounding differences are notices."""


def github_lines(problems: list[Problem], verbose: bool = False) -> list[str]:
    """GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), one per
    problem: errors, discrepancies and hints all, rounding differences only with `verbose`
    (the log keeps every line; GitHub shows the first few of each on the pull request)."""
    lines = []
    for p in problems:
        if p.severity is Severity.NOTE and not verbose:
            continue
        props = [("file", p.file)] if p.file else []
        if p.line is not None:
            props.append(("line", str(p.line)))
        props.append(("title", f"{SEVERITY_LABEL[p.severity]}：{p.field or p.key or p.file}"))
        text = ",".join(f"{name}={escape_property(value)}" for name, value in props)
        lines.append(f"::{GITHUB_COMMAND[p.severity]} {text}::{escape_data(p.statement())}")
    return lines


def escape_data(text: str) -> str:
    """A workflow command's message as GitHub's toolkit escapes it (`%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def score_json(sp: ScoredProgramme) -> dict[str, object]:
    """The `perfsite score --format json` document (documented in docs/json.md)."""
    return record_json(make_record(sp))


def record_json(rec: Record) -> dict[str, object]:
    """`perfsite score --format json` of a record: its facts, figures, indicators and findings."""
    return {
        "file": rec.file, "id": rec.id, "year": rec.year, "name": rec.name, "department": rec.department,
        "total": rec.total, "grade": rec.grade,
        "reported_total": rec.reported_total, "reported_grade": rec.reported_grade,
        "weight_total": rec.weight_total,
        "indicators": rec.indicator_rows(),
        **{PLURAL[severity]: rec.of(severity) for severity in ORDER},
    }


def score_text(sp: ScoredProgramme) -> str:
    p = sp.programme
    rows = [f"{p.name}（{p.year} 年，{p.department}）", ""]
    header = ("一级指标", "二级指标", "三级指标", "权重", "完成率", "得分", "公布", "规则")
    table = [header]
    for s in sp.indicators:
        ind = s.indicator
        table.append((ind.level1, ind.level2, ind.name, figure_text(ind.weight) or "—",
                      f"{s.outcome.completion}%" if s.outcome.completion is not None else "—",
                      (compared_text(s.score, figure_text(ind.score), s.outcome.unrounded) or "—") if ind.applicable else "不适用",
                      figure_text(ind.score) or "—",
                      RULE_LABEL[s.outcome.rule]))
    widths = [max(_width(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        rows.append("  ".join(_pad(c, w, i >= 3) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip())
    rows.append("")
    rows.append(f"总得分：{_d(sp.total)}    等级：{sp.grade or '—'}")
    if p.reported_score is not None:
        rows.append(f"公布总分：{figure_text(p.reported_score)}    公布等级：{p.reported_grade or '—'}")
    for problem in sp.problems:
        rows.append(_problem_line(problem))
    return "\n".join(rows)


def targets_text(table: TargetTable, problems: list[Problem]) -> str:
    """What `perfsite score` shows for a 绩效目标表: nothing is scored; the targets as read (指标性质,
    指标值 in 度量单位), the funds and weights added up, and every problem."""
    rows = [f"{table.name}（{table.year} 年绩效目标表，{table.department}）",
            "绩效目标表是年初公布的目标：不计分、不评级。下面是读出的各项目标和核对结果。", ""]
    facts = [("项目属性", table.attribute), ("起止年限", table.period), ("实施单位", table.implementer)]
    rows += [f"{label}：{value}" for label, value in facts if value]
    funds = table.funds
    if funds is not None:
        parts = [f"财政拨款 {_stated(funds.fiscal)}", f"其他资金 {_stated(funds.other)}"]
        added = f"；两项合计 {_plain(funds.computed_total)}" if funds.computed_total is not None else ""
        total = f"{_plain(funds.total)} {funds.unit}" if funds.total is not None else f"未填写（金额单位 {funds.unit}）"
        rows.append(f"资金总额：{total}（{'，'.join(parts)}{added}）")
    rows.append("")
    header = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "目标", "权重", "核心")
    for caption, indicators in (("", table.indicators), ("中期指标（实施期，不与自评对照）：", table.midterm_indicators)):
        if not indicators:
            continue
        if caption:
            rows += [caption]
        table_rows = [header] + [
            (i.level1, i.level2, i.name, i.nature, i.target, i.unit, planned_text(i), _plain(i.weight), "是" if i.core else "")
            for i in indicators]
        widths = [max(_width(r[k]) for r in table_rows) for k in range(len(header))]
        for r in table_rows:
            rows.append("  ".join(_pad(c, w, k == 7) for k, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip())
        rows.append("")
    weights = table.weights
    expected = table.weight_total if table.weight_total is not None else DEFAULT_WEIGHT_TOTAL
    rows.append("权重：未填写（绩效目标表可以不写权重）" if weights is None
                else f"权重合计：{_plain(weights)}（应为 {_plain(expected)}）")
    rows.append(f"指标 {len(table.indicators)} 项，其中核心指标 {sum(1 for i in table.indicators if i.core)} 项；"
                "绩效目标表不计分，自评表与它的比较见同一项目的自评页面")
    rows += [_problem_line(p) for p in problems]
    return "\n".join(rows)


def targets_json(table: TargetTable, problems: list[Problem]) -> dict[str, object]:
    """`perfsite score --format json` for a 绩效目标表 (documented in docs/json.md)."""
    funds = table.funds
    return {
        "kind": str(table.kind), "scored": False, "file": table.file, "id": table.id, "year": table.year, "name": table.name,
        "department": table.department, "department_code": table.department_code or None,
        "implementer": table.implementer or None, "attribute": table.attribute or None, "period": table.period or None,
        "funds": None if funds is None else {
            "unit": funds.unit, "total": _plain(funds.total) or None, "fiscal": _plain(funds.fiscal) or None,
            "other": _plain(funds.other) or None, "computed_total": _plain(funds.computed_total) or None},
        "weight_total": _plain(table.weights) or None,
        "indicators": [_target_json(i) for i in table.indicators],
        "midterm_indicators": [_target_json(i) for i in table.midterm_indicators],
        **{PLURAL[s]: [p.as_dict() for p in problems if p.severity is s] for s in ORDER},
    }


def _target_json(i: TargetIndicator) -> dict[str, object]:
    return {"level1": i.level1, "level2": i.level2, "name": i.name, "nature": i.nature,
            "nature_inferred": i.inferred, "target": i.target,
            "unit": i.unit or None, "target_text": planned_text(i), "weight": _plain(i.weight) or None, "core": i.core,
            "figures": [f.show() for f in i.figures]}


def department_text(doc: DepartmentDocument, problems: list[Problem]) -> str:
    """What `perfsite score` shows for a 部门整体 document: its tasks and 预算执行, then the
    indicators as for a 自评 (scored) or a 绩效目标表 (as read), with every problem."""
    rows = [f"{doc.name}（{doc.year} 年{KINDS[doc.kind].label}）", ""]
    for task in doc.tasks:
        money = f"预算 {_plain(task.amount) or '—'}" + (f"，执行 {_plain(task.spent)}" if task.spent is not None else "")
        rows.append(f"任务：{task.name}（{money} {doc.unit}）")
    if doc.tasks_total is not None:
        rows.append(f"任务金额合计：{_plain(doc.tasks_total)} {doc.unit}（各项之和 {_plain(doc.task_sum('amount')) or '—'}）")
    execution = doc.execution
    if execution is not None:
        rows.append(f"预算执行：全年预算 {_plain(execution.budget) or '—'}，全年执行 {_plain(execution.spent) or '—'} "
                    f"{doc.unit}，执行率 {_d(execution.computed_rate)}%"
                    + (f"（公布 {_plain(execution.rate)}%）" if execution.rate is not None else ""))
    rows.append("")
    if doc.evaluation is not None:
        return "\n".join(rows) + score_text(doc.evaluation).split("\n", 1)[1]  # its title is the one above
    assert doc.targets is not None
    return "\n".join(rows) + targets_text(doc.targets, problems).split("\n", 1)[1]


def department_json(doc: DepartmentDocument, problems: list[Problem]) -> dict[str, object]:
    """`perfsite score --format json` for a 部门整体 document (documented in docs/json.md)."""
    head = department_fields(doc)
    if doc.evaluation is not None:
        return {**record_json(make_record(doc.evaluation)), **head}
    assert doc.targets is not None
    return {**targets_json(doc.targets, problems), **head}


def _plain(value: Decimal | None) -> str:
    """A published amount or weight as written (no places added): ``578``, ``12.5``."""
    return "" if value is None else plain(value)


def _stated(value: Decimal | None) -> str:
    """A figure the form may leave blank: a blank is said, not printed as nothing."""
    return "未填写" if value is None else plain(value)


def _problem_line(problem: Problem) -> str:
    return problem.as_text()


def _d(value: Decimal | None) -> str:
    return fmt2(value) or "—"


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def dumps(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
