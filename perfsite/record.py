"""The published record of one programme document: what every output of it publishes, made once.

A programme page, its JSON twin and CSV, its rows of the /data/ tables, its listing row, its entry
on its other years' pages, its search stub and `perfsite score --format json` are each a
projection of this record: they select and arrange its fields and apply their one escape (HTML
in templates, XML in worksheets, the formula guard in CSV and XLSX, JSON's own), and never
format a value themselves. So a figure, a label or a written cell cannot differ between two
outputs: each was made here, once, in the process that scored the file.

What the record holds:

- every figure as published text: a figure the file gave (weight, reported score, money) with
  2 places or as written when it has more (``figure_text``: 89.995 is never 90.00), a computed
  score with 2 places (``fmt2``), a completion as a percentage with 2 places;
- every cell a unit wrote **as written**: ``actual: 1e3`` is scored as 1000 and published as
  ``1e3`` (perfsite.decimals.Written keeps the text beside the value);
- labels resolved (rule names, budget rows and columns, the headline's verdict);
- direction controls (U+202E …) made visible as ``[U+202E]`` once, for every text of the
  record: the readers already do it for what they read; anything else that reaches the record
  (a problem message, a label from code) is done here.

Documents have a `kind` (自评, the self-evaluation, for every file today) and `links` (its
downloads now; other documents of the same programme-year later), so that further kinds of
document (绩效目标表, reports, 整改) are records of the same shape.
"""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from sys import intern
from typing import Any, NamedTuple

from perfsite.budget import COLUMNS, DerivedBudget
from perfsite.decimals import figure_text, fmt2
from perfsite.disclosure import published_disclosure
from perfsite.headline import headline, shown_grade, target_counts
from perfsite.indicator_csv import rule_cell
from perfsite.kinds import DocumentKind, address
from perfsite.markup import has_controls, visible
from perfsite.model import (
    BALANCE_LABEL,
    BUDGET_ROW_LABEL,
    COLUMN_LABEL,
    FISCAL_GROUP,
    RULE_LABEL,
    BudgetRow,
    RateBasis,
    Rename,
    Rule,
    RuleType,
    Source,
)
from perfsite.problems import Problem, Severity
from perfsite.rectification import Rectification
from perfsite.reports import MEDIA_TYPES, EvaluationReport
from perfsite.scoring import ScoredIndicator, ScoredProgramme, compared_text
from perfsite.targets import TargetIndicator, TargetTable
from perfsite.targets_compare import planned_text

P = dict[str, Any]


FISCAL_COLUMNS = {"subtotal"} | {s.value for s in Source if s.is_fiscal}
BUDGET_COLUMNS = [{"key": c, "label": COLUMN_LABEL[c], **({"group": FISCAL_GROUP} if c in FISCAL_COLUMNS else {})}
                  for c in COLUMNS]
"""The budget table's columns, the same for every programme: one list shared by every record
(read-only; its outputs only read it)."""
FIGURES = ("budget", "funded", "spent", "balance", "funding_rate", "execution_rate")
"""The budget table's headline figures (全年预算 … 预算执行率), in that order."""


class IndicatorRecord(NamedTuple):
    """One indicator as every output publishes it (texts as written, figures formatted).

    A named tuple, immutable as a frozen dataclass would be, made in one call: a frozen
    dataclass sets each of its 18 fields through object.__setattr__, and made this way a
    programme's ten cost about 0.03 ms, a sixth of its record."""

    level1: str
    level2: str
    name: str
    weight: str | None
    target: str
    actual: str
    completion: str | None
    reported_completion: str | None
    score: str | None
    reported_score: str | None
    rule: str
    rule_label: str
    given_rule: str | None
    """The rule the data file gives (`rule:`), as the 规则 cell of the indicator CSV writes it."""
    rule_text: str | None
    remark: str | None
    applicable: bool
    explanation: str
    status: str

    def as_dict(self) -> P:
        """The indicator as JSON (the twin, `score --format json`, programmes.json): every field,
        in INDICATOR_FIELDS order. Written out, not looped: this runs for every indicator of
        every output (a loop over the fields cost three times as much); unpacked at once, not
        read field by field."""
        (level1, level2, name, weight, target, actual, completion, reported_completion, score, reported_score, rule,
         rule_label, given_rule, rule_text, remark, applicable, explanation, status) = self
        return {"level1": level1, "level2": level2, "name": name, "weight": weight, "target": target, "actual": actual,
                "completion": completion, "reported_completion": reported_completion, "score": score,
                "reported_score": reported_score, "rule": rule, "rule_label": rule_label, "given_rule": given_rule,
                "rule_text": rule_text, "remark": remark, "applicable": applicable, "explanation": explanation,
                "status": status}


INDICATOR_FIELDS = IndicatorRecord._fields
"""An indicator's keys in JSON, in this order (documented in docs/json.md)."""


@dataclass(frozen=True, slots=True)
class Record:
    """One programme document as published (see the module docstring)."""

    kind: DocumentKind
    file: str
    id: str
    year: int
    url: str
    name: str
    department: str
    region: str | None
    evaluation: str
    evaluator: str | None
    published: str | None
    source: str | None
    series: str | None
    sample: bool
    total: str | None
    grade: str | None
    reported_total: str | None
    reported_grade: str | None
    weight_total: str | None
    headline: P
    """perfsite.headline.Headline.as_dict(): the figure the page leads with and its check."""
    reached: P
    budget: P | None
    """The 预算执行情况 table: unit, rate basis, columns, figures, and `cells` (each row of
    BUDGET_ROWS, its cells in COLUMNS order, formatted); budget_table() publishes it."""
    indicators: tuple[IndicatorRecord, ...]
    subtotals: tuple[P, ...]
    """Per 一级 in table order: level1, weight, score, reported_weight."""
    sections: tuple[tuple[str, str], ...]
    """(title, Markdown text) as written; the page renders the text."""
    problems: tuple[P, ...]
    """Problem.as_dict() of each finding, in order."""
    links: P
    """Downloads beside the page (yaml, json, csv, source_csv: site paths, or None)."""
    disclosure: P
    """索引号, 文号, 发布机构, 时效性 and 更正记录 (perfsite.disclosure.published_disclosure)."""
    derived: DerivedBudget | None
    """The budget table's exact cells, for the /data/ budget table's 元 and 万元 columns."""
    yaml_path: Path | None = None
    csv_path: Path | None = None
    renamed: tuple[Rename, ...] = ()
    """Indicator renames the file states (matching it with its 绩效目标表; not published)."""

    def indicator_rows(self) -> list[P]:
        """Each indicator as JSON (IndicatorRecord.as_dict()), made anew for each output: kept on
        the record they would add about 5 KB a programme to every worker's memory."""
        return [ind.as_dict() for ind in self.indicators]

    def budget_table(self) -> P | None:
        """The budget table as the JSON twin publishes it (rows of labelled cells), made anew for
        each page: kept on the record, its 14 small dicts (7 rows and their cells) held about 2.9 KB
        a programme more in every worker's memory than the rows of cells alone."""
        budget = self.budget
        if budget is None:
            return None
        rows = [{"key": key, "label": label, "line": _EXECUTION_LINE[budget["rate_basis"]] if line is None else line,
                 "derived": derived, "percent": percent, "cells": dict(zip(COLUMNS, cells, strict=True))}
                for (key, label, line, derived, percent), cells in zip(BUDGET_ROWS, budget["cells"], strict=True)]
        return {"unit": budget["unit"], "rate_basis": budget["rate_basis"], "columns": budget["columns"],
                "rows": rows, "figures": budget["figures"]}

    def of(self, severity: Severity) -> list[P]:
        """The findings of one severity (as Problem.as_dict())."""
        return [p for p in self.problems if p["severity"] == severity]

    def figure(self, key: str) -> str | None:
        """A budget figure (FIGURES) as published, None without a budget table."""
        return None if self.budget is None else self.budget["figures"][key]

    @property
    def shown_grade(self) -> str | None:
        """The grade the page shows beside its headline (perfsite.headline.shown_grade)."""
        return shown_grade(self.headline)


def make_record(sp: ScoredProgramme) -> Record:
    """The record of a scored programme: every value formatted here, once."""
    p = sp.programme
    base = p.url
    indicators = tuple(_indicator(s) for s in sp.indicators)
    record = Record(
        kind=DocumentKind.SELF_EVALUATION, file=p.file, id=p.id, year=p.year, url=base, name=p.name,
        department=p.department, region=p.region or None, evaluation=p.evaluation,
        evaluator=p.evaluator or None, published=p.published or None, source=p.source or None,
        series=p.series or None, sample=p.sample,
        total=fmt2(sp.total), grade=sp.grade, reported_total=figure_text(p.reported_score),
        reported_grade=p.reported_grade or None, weight_total=fmt2(sp.weight_total),
        headline=headline(sp).as_dict(),
        reached=_reached(sp),
        budget=_budget(sp),
        indicators=indicators,
        subtotals=tuple({"level1": label, "weight": shared(fmt2(weight)), "score": shared(fmt2(score)),
                         "reported_weight": shared(figure_text(_declared(sp, label)))} for label, weight, score in sp.subtotals),
        sections=tuple(p.sections),
        problems=tuple(x.as_dict() for x in sp.problems),
        links={"yaml": f"{base}{p.id}.yaml", "json": f"{base}{p.id}.json", "csv": f"{base}{p.id}.csv",
               "source_csv": f"{base}{p.id}.indicators.csv" if p.csv_path else None},
        disclosure=published_disclosure(p.disclosure),
        derived=sp.budget, yaml_path=p.path, csv_path=p.csv_path, renamed=p.renamed,
    )
    return _visible(record)


def _indicator(s: ScoredIndicator) -> IndicatorRecord:
    ind = s.indicator
    outcome = s.outcome
    written = dict(ind.written) if ind.written else None
    target = written.get("target", ind.target) if written else ind.target
    actual = written.get("actual", ind.actual) if written else ind.actual
    reported = (written.get("completion", ind.completion) if written else ind.completion) or None
    weight, completion, given = figure_text(ind.weight), fmt2(outcome.completion), figure_text(ind.score)
    score = compared_text(s.score, given, outcome.unrounded)
    return IndicatorRecord(
        level1=ind.level1, level2=ind.level2, name=ind.name, weight=shared(weight),
        target=shared(target), actual=shared(actual), completion=shared(completion),
        reported_completion=shared(reported), score=shared(score), reported_score=shared(given),
        rule=_RULE_NAME[outcome.rule], rule_label=RULE_LABEL[outcome.rule], given_rule=_given_rule(ind.rule),
        rule_text=ind.rule_text or None, remark=ind.remark or None,
        applicable=ind.applicable, explanation=shared(outcome.explanation), status=s.status,
    )


_RULE_NAME = {rule: str(rule) for rule in RuleType}
"""A rule type's name as published, one text per type (str() of an enum member makes a new one)."""


def shared(text: str | None) -> str | None:
    """The one copy of `text` in this process (sys.intern; None and "" as they are).

    A worker holds its records until their pages are written (about 17 KB a file), and a third of
    that was equal texts held apart: the same figures (``10.00``), targets, actuals and scoring
    explanations in file after file. An interned text is freed with its last reference (CPython
    3.12 alone keeps every interned text: a serve session then keeps each distinct text of the
    files it read, a few MB), so nothing outlives the records. Every builder calls this rather than
    writing ``intern(x) if x else x`` inline: the call costs about 26 ns a value, some 150 values
    and 4 µs a record (0.2% of a programme's build)."""
    return intern(text) if text else text


_GIVEN_RULES: dict[tuple[RuleType, str], str | None] = {}
"""(rule type, repr of its parameters) → its 规则 cell. A file's rules repeat across files (扣分 0.5
per item, the same bands), and writing one as a flow mapping checks each text it holds: a third of
a record's cost. The parameters' repr names each value's type and text (Decimal("1.0") and
Decimal("1.00") are two keys, as their cells differ); the rule's own dataclass repr says no more
and cost twice as much (its enum's repr is Python code: 2–5 µs a rule, about 0.7% of reading a
demo file)."""
_REMEMBER = 5_000
_UNSEEN = object()


def _given_rule(rule: Rule) -> str | None:
    """The rule as the indicator CSV's 规则 cell writes it (indicator_csv.rule_cell), None for auto."""
    if rule.type is RuleType.AUTO:
        return None
    key = (rule.type, repr(rule.params))
    cell = _GIVEN_RULES.get(key, _UNSEEN)
    if cell is _UNSEEN:
        cell = rule_cell(rule) or None
        if len(_GIVEN_RULES) < _REMEMBER:
            _GIVEN_RULES[key] = cell
    return cell  # type: ignore[return-value]


BUDGET_ROWS: tuple[tuple[str, str, str | None, bool, bool], ...] = (
    *((row.value, *BUDGET_ROW_LABEL[row], False, False) for row in BudgetRow),
    ("balance", BALANCE_LABEL, "(5)=(3)-(4)", True, False),
    ("funding_rate", "预算到位率(%)", "(6)=(3)/(2)", True, True),
    ("execution_rate", "预算执行率(%)", None, True, True),
)
"""The budget table's rows: key, label, line (None: by the rate basis, _EXECUTION_LINE), whether
derived, whether a percent; the same for every programme."""
_EXECUTION_LINE = {RateBasis.FUNDED.value: "(7)=(4)/(3)", RateBasis.BUDGET.value: "(7)=(4)/(2)"}


_ROW_KEYS = tuple(row[0] for row in BUDGET_ROWS)
_ROW_FORMATS = tuple(fmt2 if row[4] else figure_text for row in BUDGET_ROWS)
"""How each row's cells are published: money as written (12.3456 万元, and a 结余 computed exactly
from it, 0.0007), a rate as a percentage with 2 places. The /data/ budget table publishes the same
exact cells, so the page, its JSON and the CSVs show one value."""
_FIGURE_ROWS = tuple((key, _ROW_KEYS.index(key)) for key in FIGURES)
"""Each headline figure's row: a figure is its row's total (DerivedBudget.figure), the row's first cell."""


def _reached(sp: ScoredProgramme) -> P:
    """达到目标 counts; `unjudged` only where some score was taken unjudged, so other twins keep their keys."""
    hit, scored, taken = target_counts(sp)
    return {"reached": hit, "scored": scored, **({"unjudged": taken} if taken else {})}


def _budget(sp: ScoredProgramme) -> P | None:
    """The budget table's cells formatted once each (about 25 of 56 given); the figures are the
    formatted totals of their rows, not formatted again."""
    derived = sp.budget
    if derived is None:
        return None
    rows = derived.cells
    cells = tuple([tuple([None if (value := row[c]) is None else shared(fmt(value)) for c in COLUMNS])
                   for row, fmt in zip([rows[key] for key in _ROW_KEYS], _ROW_FORMATS, strict=True)])
    return {
        "unit": derived.budget.unit,
        "rate_basis": shared(str(derived.budget.rate_basis)),
        "columns": BUDGET_COLUMNS,
        "cells": cells,
        "figures": {key: cells[index][0] for key, index in _FIGURE_ROWS},
    }


def _declared(sp: ScoredProgramme, label: str) -> Decimal | None:
    """The subtotal a file declared for a 一级 (in its label or under `groups`)."""
    for s in sp.indicators:
        if s.indicator.level1 == label and s.indicator.level1_declared is not None:
            return s.indicator.level1_declared
    declared = sp.programme.groups
    return next((v for k, v in declared.items() if k.removesuffix("指标") == label.removesuffix("指标")), None)


# Direction controls --------------------------------------------------------------------------

_TEXT_FIELDS = ("name", "department", "region", "evaluation", "evaluator", "published", "source",
                "series", "grade", "reported_grade")


def _visible(record: Record) -> Record:
    """The record with direction controls shown as ``[U+202E]`` in every text.

    Nearly no record has one (the readers already made what they read visible), so a single
    search over all its texts decides; only then is the record copied with each text made visible.
    """
    texts: list[str | None] = [*_record_texts(record)]
    for ind in record.indicators:
        texts += _indicator_texts(ind)
    for problem in record.problems:
        texts += (problem["message"], problem["field"], str(problem["published"]), str(problem["computed"]))
    for title, text in record.sections:
        texts += (title, text)
    head = record.headline
    texts += (head["sentence"], str(head["grade"]), str(head["computed_grade"]))
    if record.budget is not None:
        texts.append(record.budget["unit"])
    shown = record.disclosure
    texts += [str(shown[key] or "") for key in ("index_no", "doc_no", "issuer", "validity")]
    texts += [c[key] for c in shown["corrections"] for key in ("date", "what", "why")]
    if not has_controls("\n".join(filter(None, texts))):  # the subtotals' labels are the indicators' level1
        return record
    changes: P = {name: _made_visible(getattr(record, name)) for name in _TEXT_FIELDS}
    changes["indicators"] = tuple(IndicatorRecord(*(_made_visible(getattr(ind, f)) for f in INDICATOR_FIELDS))
                                  for ind in record.indicators)
    for name in ("headline", "subtotals", "sections", "problems", "budget", "disclosure"):
        changes[name] = _made_visible(getattr(record, name))
    return replaced(record, **changes)


_record_texts = operator.attrgetter(*_TEXT_FIELDS)
"""A record's own texts (each a text or None), read in one call."""
_indicator_texts = operator.itemgetter(*(INDICATOR_FIELDS.index(name) for name in (
    "level1", "level2", "name", "target", "actual", "reported_completion", "rule_text", "remark", "explanation")))
"""An indicator's texts a reader or a file wrote (each a text or None), taken from it in one call."""


_RECORD_FIELDS = {name: index for index, name in enumerate(Record.__dataclass_fields__)}
_record_values = operator.attrgetter(*_RECORD_FIELDS)


def replaced(record: Record, **changes: Any) -> Record:
    """dataclasses.replace(record, **changes), its 32 fields read in one call and passed by
    position, not each looked up and passed by name: a build's worker replaces each record it
    reads once, dropping its exact budget cells once its /data/ pieces are made."""
    values = list(_record_values(record))
    for name, value in changes.items():
        values[_RECORD_FIELDS[name]] = value
    return Record(*values)


def _made_visible(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {k: _made_visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_made_visible(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_made_visible(v) for v in value)
    return value


# Target tables -------------------------------------------------------------------------------

TARGET_INDICATOR_FIELDS = ("level1", "level2", "name", "nature", "nature_inferred", "target", "unit", "target_text",
                           "weight", "explanation", "basis", "data_source", "core")
"""A target indicator's keys in JSON, in this order (documented in docs/json.md)."""


@dataclass(frozen=True, slots=True)
class TargetRecord:
    """One 绩效目标表 as every output publishes it: texts as written, figures formatted once.

    `indicators` are dicts in TARGET_INDICATOR_FIELDS order; `target_text` is the one cell a
    reader reads (指标性质 + 指标值 + 度量单位, perfsite.targets_compare.planned_text), the
    same text the 自评 page shows as the published target."""

    file: str
    id: str
    year: int
    url: str
    """/projects/<year>/<id>/targets/ (kinds.KINDS' slug under the programme's address)."""
    programme_url: str
    name: str
    department: str
    department_code: str | None
    implementer: str | None
    attribute: str | None
    period: str | None
    region: str | None
    series: str | None
    published: str | None
    source: str | None
    sample: bool
    funds: P | None
    """unit, total, fiscal, other (2 places, None where empty), computed (财政拨款 + 其他资金) and
    consistent (None when it cannot be checked)."""
    midterm_goal: str | None
    annual_goal: str | None
    weight_total: str | None
    indicators: tuple[P, ...]
    disclosure: P
    """index_no, doc_no, issuer, validity (None where not given) and corrections (date, what, why)."""
    problems: tuple[P, ...]
    links: P
    yaml_path: Path | None = None
    midterm_indicators: tuple[P, ...] = ()
    """The 中期 set (perfsite.targets.TargetTable.midterm_indicators), rows as `indicators`'."""

    def of(self, severity: Severity) -> list[P]:
        return [p for p in self.problems if p["severity"] == severity]


def make_target_record(table: TargetTable, problems: list[Problem]) -> TargetRecord:
    """The record of a checked 绩效目标表 (its own problems, found when it was read)."""
    programme_url = address(DocumentKind.SELF_EVALUATION, table.year, table.id)
    url = address(table.kind, table.year, table.id)
    funds = None
    if table.funds is not None:
        f = table.funds
        computed = f.computed_total
        funds = {"unit": f.unit, "total": figure_text(f.total), "fiscal": figure_text(f.fiscal), "other": figure_text(f.other),
                 "computed": figure_text(computed),
                 "consistent": None if f.total is None or computed is None else f.total == computed}
    rows = tuple(_target_indicator(row) for row in table.indicators)
    record = TargetRecord(
        file=table.file, id=table.id, year=table.year, url=url, programme_url=programme_url, name=table.name,
        department=table.department, department_code=table.department_code or None,
        implementer=table.implementer or None, attribute=table.attribute or None, period=table.period or None,
        region=table.region or None, series=table.series or None, published=table.published or None,
        source=table.source or None, sample=table.sample, funds=funds,
        midterm_goal=table.midterm_goal or None, annual_goal=table.annual_goal or None,
        weight_total=fmt2(table.weight_total), indicators=rows,
        disclosure=published_disclosure(table.disclosure),
        problems=tuple(x.as_dict() for x in problems),
        links={"csv": f"{url}{table.id}.targets.csv", "yaml": f"{url}{table.id}.targets.yaml",
               "json": f"{url}{table.id}.targets.json"},
        yaml_path=table.path,
        midterm_indicators=tuple(_target_indicator(row) for row in table.midterm_indicators),
    )
    return _made_visible_target(record)


def _target_indicator(row: TargetIndicator) -> P:
    return {"level1": row.level1, "level2": row.level2, "name": row.name, "nature": shared(row.nature),
            "nature_inferred": row.inferred, "target": shared(row.target), "unit": shared(row.unit or None), "target_text": shared(planned_text(row)),
            "weight": shared(figure_text(row.weight)), "explanation": shared(row.explanation or None),
            "basis": shared(row.basis or None), "data_source": shared(row.data_source or None), "core": row.core}


def _made_visible_target(record: TargetRecord) -> TargetRecord:
    """Direction controls shown as ``[U+202E]`` in every text (as _visible does for a 自评)."""
    fields = TargetRecord.__dataclass_fields__
    values = {name: getattr(record, name) for name in fields}
    if not has_controls(json.dumps([v for k, v in values.items() if k != "yaml_path"], ensure_ascii=False)):
        return record
    return TargetRecord(**{k: v if k == "yaml_path" else _made_visible(v) for k, v in values.items()})


# Evaluation reports and rectification --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One 绩效评价报告 as every output publishes it.

    `table` is the scoring table's own record (make_record of the table scored as a 自评 is):
    total, grade, reported_total, reported_grade, weight_total, headline (its check, in the status
    vocabulary of a 自评's), indicators and subtotals, so the two tables are published alike."""

    file: str
    id: str
    year: int
    url: str
    """/projects/<year>/<id>/evaluation/."""
    programme_url: str
    name: str
    department: str
    region: str | None
    series: str | None
    published: str | None
    source: str | None
    sample: bool
    evaluation: str
    commissioner: str | None
    evaluator: str
    period: P
    """start, end (ISO dates, None where not given)."""
    method: str | None
    table: P | None
    conclusion: str
    findings: tuple[str, ...]
    suggestions: tuple[str, ...]
    original: P | None
    """file, title, format (PDF/DOCX), media_type, size (bytes), size_text, sha256, url (beside the page)."""
    disclosure: P
    problems: tuple[P, ...]
    links: P
    yaml_path: Path | None = None
    original_path: Path | None = None

    def of(self, severity: Severity) -> list[P]:
        return [p for p in self.problems if p["severity"] == severity]


def make_report_record(report: EvaluationReport, problems: list[Problem]) -> ReportRecord:
    """The record of a checked 评价报告 (its table scored when it was read)."""
    url = address(report.kind, report.year, report.id)
    table = None
    if report.scored is not None:
        rec = make_record(report.scored)
        table = {"total": rec.total, "grade": rec.grade, "reported_total": rec.reported_total,
                 "reported_grade": rec.reported_grade, "weight_total": rec.weight_total, "headline": rec.headline,
                 "reached": rec.reached, "indicators": rec.indicator_rows(), "subtotals": list(rec.subtotals)}
    original = None
    if report.original is not None:
        o = report.original
        original = {"file": o.file, "title": o.title or None, "format": o.format, "media_type": MEDIA_TYPES[o.format],
                    "size": o.size, "size_text": size_text(o.size), "sha256": o.sha256, "url": f"{url}{o.file}"}
    record = ReportRecord(
        file=report.file, id=report.id, year=report.year, url=url,
        programme_url=address(DocumentKind.SELF_EVALUATION, report.year, report.id), name=report.name,
        department=report.department, region=report.region or None, series=report.series or None,
        published=report.published or None, source=report.source or None, sample=report.sample,
        evaluation=report.evaluation, commissioner=report.commissioner or None, evaluator=report.evaluator,
        period={"start": report.period[0] or None, "end": report.period[1] or None},
        method=report.method or None, table=table, conclusion=report.conclusion,
        findings=tuple(item.text for item in report.findings),
        suggestions=tuple(item.text for item in report.suggestions), original=original,
        disclosure=published_disclosure(report.disclosure), problems=tuple(x.as_dict() for x in problems),
        links={"csv": f"{url}{report.id}.evaluation.csv" if table is not None else None,
               "yaml": f"{url}{report.id}.evaluation.yaml", "json": f"{url}{report.id}.evaluation.json",
               "original": original["url"] if original else None},
        yaml_path=report.path, original_path=report.original.path if report.original else None,
    )
    return _visible_copy(record)


@dataclass(frozen=True, slots=True)
class RectificationRecord:
    """One 整改情况 document as every output publishes it. Overdue is not here: without a
    status_date it depends on the build date, so the outputs judge it (perfsite.rectification
    .judged_on, is_overdue) with the date of the build they belong to."""

    file: str
    id: str
    year: int
    url: str
    """/projects/<year>/<id>/rectification/."""
    programme_url: str
    name: str
    department: str
    region: str | None
    series: str | None
    published: str | None
    source: str | None
    sample: bool
    findings: tuple[P, ...]
    """source, item, indicator, problem, status and measures (measure, owner, deadline, status,
    evidence, completed)."""
    application: tuple[P, ...]
    """action, amount (2 places), unit, budget_year, note."""
    disclosure: P
    problems: tuple[P, ...]
    links: P
    yaml_path: Path | None = None
    status_date: str | None = None
    """The day the measures' statuses stand on (the form's 填报日期); overdue is judged on it."""

    def of(self, severity: Severity) -> list[P]:
        return [p for p in self.problems if p["severity"] == severity]


def make_rectification_record(doc: Rectification, problems: list[Problem]) -> RectificationRecord:
    """The record of a checked 整改 document."""
    url = address(doc.kind, doc.year, doc.id)
    findings = tuple({
        "source": str(f.source), "item": f.item, "indicator": f.indicator or None, "problem": f.problem,
        "status": str(f.status),
        "measures": [{"measure": m.measure, "owner": m.owner, "deadline": m.deadline or None, "status": str(m.status),
                      "evidence": m.evidence or None, "completed": m.completed or None} for m in f.measures],
    } for f in doc.findings)
    application = tuple({"action": a.action, "amount": figure_text(a.amount), "unit": a.unit, "budget_year": a.budget_year,
                         "note": a.note or None} for a in doc.application)
    record = RectificationRecord(
        file=doc.file, id=doc.id, year=doc.year, url=url,
        programme_url=address(DocumentKind.SELF_EVALUATION, doc.year, doc.id), name=doc.name,
        department=doc.department, region=doc.region or None, series=doc.series or None,
        published=doc.published or None, source=doc.source or None, sample=doc.sample, findings=findings,
        application=application, disclosure=published_disclosure(doc.disclosure), problems=tuple(x.as_dict() for x in problems),
        links={"csv": f"{url}{doc.id}.rectification.csv", "yaml": f"{url}{doc.id}.rectification.yaml",
               "json": f"{url}{doc.id}.rectification.json"},
        yaml_path=doc.path, status_date=doc.status_date or None,
    )
    return _visible_copy(record)


def size_text(size: int) -> str:
    """A file size as a reader reads it (字节, KB or MB with one place, half up; 1 KB = 1024 字节)."""
    if size < 1024:
        return f"{size} 字节"
    value, unit = (Decimal(size) / 1024, "KB") if size < 1024 ** 2 else (Decimal(size) / 1024 ** 2, "MB")
    return f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)} {unit}"


_PATHS = ("yaml_path", "original_path")


def _visible_copy(record: Any) -> Any:
    """A document record with direction controls shown as ``[U+202E]`` in every text (as _visible
    does for a 自评); the same record when it has none."""
    fields = type(record).__dataclass_fields__
    values = {name: getattr(record, name) for name in fields}
    if not has_controls(repr([v for k, v in values.items() if k not in _PATHS])):
        return record
    return type(record)(**{k: v if k in _PATHS else _made_visible(v) for k, v in values.items()})
