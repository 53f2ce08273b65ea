"""The department page (/departments/<department>/<year>/): a department-year's 部门整体支出
target table and self-evaluation, compared indicator by indicator, with the department's
programmes of that year.

A department-year is found by year and department name as perfsite.values.identity_text
compares names (full-width and half-width alike), so the page sits under the department's
按部门 listing (/departments/<department>/, its address made from the name its programmes give)
and lists the programmes that name it. The page and its JSON twin are projections of the
documents' records (perfsite.record for the indicators, perfsite.department for the rest);
a lowered target (目标调低) is shown in words and with a mark, as on a 自评 page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from perfsite.department import TASK_SPENT_FIELD, TASK_SUM_FIELDS, DepartmentDocument, department_fields
from perfsite.disclosure import corrected_after, published_disclosure
from perfsite.kinds import KINDS, DocumentKind
from perfsite.opendata.cycle import DEPARTMENT_INDICATOR_COLUMNS, DEPARTMENT_INDICATORS, department_tables
from perfsite.opendata.parts import csv_file, csv_lines
from perfsite.opendata.tables import SAMPLE_COLUMN
from perfsite.pagedata import CHECKS, check_entry
from perfsite.record import Record, TargetRecord, make_record, make_target_record
from perfsite.site.programme_page import json_bytes
from perfsite.site.render import slug
from perfsite.site.targets_page import comparison
from perfsite.targets_compare import Change, IndicatorChange, compare_targets
from perfsite.values import identity_text, stated

P = dict[str, Any]

KIND = "部门整体"
"""The twin's `kind`: the page shows both documents of a department-year."""
TWIN, CSV = "department.json", "department.csv"


def department_url(name: str, year: int) -> str:
    """The page's address: under the department's 按部门 listing (/departments/<slug>/)."""
    return f"departments/{slug(name)}/{year}/"


@dataclass
class DepartmentYear:
    """The 部门整体 documents of one department-year (either may be missing)."""

    year: int
    department: str
    """The name the page and its address use: as the department's programmes give it, else as the documents."""
    targets: DepartmentDocument | None = None
    evaluation: DepartmentDocument | None = None

    @property
    def key(self) -> tuple[int, str]:
        return self.year, identity_text(self.department)

    @property
    def url(self) -> str:
        return department_url(self.department, self.year)


class DepartmentPage(NamedTuple):
    """A department-year's page as the pages linking it name it."""

    url: str
    lowered: int
    """Targets its 部门整体自评 lowered against its 部门整体绩效目标表 (目标调低): a 自评 page marks its
    link to the department-year with it, as the department page says it."""


DepartmentLinks = dict[tuple[int, str], DepartmentPage]
"""(year, department as identity_text compares it) → its department page."""


def department_links(years: Iterable[DepartmentYear]) -> DepartmentLinks:
    """The department pages by department-year: the 按部门 listing and each 自评 page link there."""
    links = {}
    for entry in years:
        rows = compared(entry)
        links[entry.key] = DepartmentPage(entry.url, sum(1 for r in rows if r.change is Change.LOWERED) if rows else 0)
    return links


def compared(entry: DepartmentYear) -> list[IndicatorChange] | None:
    """The department-year's 部门整体自评 against its 部门整体绩效目标表 (None without both)."""
    if entry.targets is None or entry.targets.targets is None or entry.evaluation is None \
            or entry.evaluation.evaluation is None:
        return None
    return compare_targets(entry.targets.targets, make_record(entry.evaluation.evaluation))  # type: ignore[arg-type]


def department_page_of(links: DepartmentLinks, year: int, department: str | None) -> DepartmentPage | None:
    """The department page of a programme's department-year, when the site has one."""
    return links.get((year, identity_text(department))) if links and stated(department) else None


def department_years(documents: Iterable[DepartmentDocument], rows: Iterable[P]) -> list[DepartmentYear]:
    """The documents paired by department-year (newest year first, then by name); `rows` (the
    programmes' listing rows) give the spelling of a department's name its listing uses."""
    found: dict[tuple[int, str], DepartmentYear] = {}
    documents = list(documents)
    if not documents:  # most sites: no name is compared
        return []
    names: dict[str, str] = {}
    for name in sorted({row["department"] for row in rows if stated(row["department"])}):
        names.setdefault(identity_text(name), name)
    for doc in documents:
        key = (doc.year, identity_text(doc.department))
        entry = found.setdefault(key, DepartmentYear(doc.year, names.get(key[1], doc.department)))
        if doc.kind is DocumentKind.DEPARTMENT_TARGETS:
            entry.targets = entry.targets or doc  # a second one is a cross-file error: the build stops
        else:
            entry.evaluation = entry.evaluation or doc
    return sorted(found.values(), key=lambda d: (-d.year, d.department))


def programmes_by_department(rows: Iterable[P]) -> dict[tuple[int, str], list[P]]:
    """The programmes' listing rows by (year, department as identity_text compares it), in the
    order given; each distinct name is compared once (100,000 rows name a few hundred)."""
    keys: dict[str, str] = {}
    found: dict[tuple[int, str], list[P]] = {}
    for row in rows:
        name = row["department"]
        key = keys.get(name)
        if key is None:
            key = keys[name] = identity_text(name)
        found.setdefault((row["year"], key), []).append(row)
    return found


def department_twin(entry: DepartmentYear, programmes: list[P], waiting: Sequence[P] = ()) -> P:
    """The JSON twin of a department page (docs/json.md names each key). `waiting`: the
    department-year's 绩效目标表s with no 自评 yet (pages.Builder.targets_only), listed under its
    programmes as the department's listing lists them (`targets_only`: at budget time a
    department-year has only those). Its `comparison` names
    the 目标表's corrections dated after the 自评 was published (`corrected_after`, as a 自评
    page's target_comparison does): a 自评 that agrees with them agrees with targets set since,
    not with those 年初公布; and those dated before it (`corrected_before`):
    the 自评 is compared with the corrected table, which was in force when it was published."""
    url = entry.url
    targets = _targets_part(entry.targets) if entry.targets is not None else None
    evaluation_record = make_record(entry.evaluation.evaluation) \
        if entry.evaluation is not None and entry.evaluation.evaluation is not None else None
    evaluation = _evaluation_part(entry.evaluation, evaluation_record) \
        if entry.evaluation is not None and evaluation_record is not None else None
    compared = None
    if entry.targets is not None and entry.targets.targets is not None and evaluation_record is not None:
        compared = comparison(compare_targets(entry.targets.targets, evaluation_record))  # type: ignore[arg-type]
        published = entry.evaluation.published  # type: ignore[union-attr]
        late = corrected_after(entry.targets.disclosure, published)
        compared["corrected_after"] = [{"date": c.date, "what": c.what} for c in late]
        # the file holds the table as last corrected: corrected only before the 自评 was published,
        # that is the version the 自评 was made against, not the one 年初公布 (a 自评 page's rule)
        early = [c for c in entry.targets.disclosure.corrections if c not in late] if published else []
        compared["corrected_before"] = [{"date": c.date, "what": c.what} for c in early]
    return {
        "kind": KIND, "year": entry.year, "url": url, "department": entry.department,
        "targets": targets, "self_evaluation": evaluation, "comparison": compared,
        # `targets` and `lowered` as the listings' twin gives them (twins.py): the page's list marks both
        "programmes": [{"url": r["url"], "name": r["name"], "score": r["score"], "grade": r["grade"],
                        "total": r["total"], "verdict": r["verdict"], "targets": r.get("targets"),
                        "lowered": r.get("lowered") if r.get("targets") else None} for r in programmes],
        "downloads": downloads(entry),
        "targets_only": [{"url": r["url"], "name": r["name"]} for r in waiting],
    }


def downloads(entry: DepartmentYear) -> P:
    """The twin and each document's source file, beside the page (named by their kind's slug)."""
    url = entry.url
    return {"json": f"{url}{TWIN}", "csv": f"{url}{CSV}",
            "targets_yaml": f"{url}{KINDS[DocumentKind.DEPARTMENT_TARGETS].slug}.yaml" if entry.targets else None,
            "self_evaluation_yaml": f"{url}{KINDS[DocumentKind.DEPARTMENT_SELF_EVALUATION].slug}.yaml"
            if entry.evaluation else None}


def _common(doc: DepartmentDocument, rec: Record | TargetRecord) -> P:
    fields = department_fields(doc)
    del fields["file"]  # the source file is published beside the page (downloads)
    return {**fields, "disclosure": published_disclosure(doc.disclosure),
            "checks": {name: [check_entry(x) for x in rec.of(severity)] for name, severity in CHECKS.items()}}


def _targets_part(doc: DepartmentDocument) -> P:
    assert doc.targets is not None
    rec = make_target_record(doc.targets, doc.problems)
    return {**_common(doc, rec), "weight_total": rec.weight_total, "indicators": list(rec.indicators)}


def _evaluation_part(doc: DepartmentDocument, rec: Record) -> P:
    return {**_common(doc, rec), "total": rec.total, "grade": rec.grade, "reported_total": rec.reported_total,
            "reported_grade": rec.reported_grade, "weight_total": rec.weight_total, "headline": rec.headline,
            "subtotals": [dict(s) for s in rec.subtotals], "indicators": rec.indicator_rows()}


def department_files(entry: DepartmentYear, twin: P) -> dict[str, bytes]:
    """The twin, the indicator CSV and the source files, by site path."""
    files = {twin["downloads"]["json"]: json_bytes(twin, indent=None),
             twin["downloads"]["csv"]: indicators_csv(entry)}
    for key, doc in (("targets_yaml", entry.targets), ("self_evaluation_yaml", entry.evaluation)):
        if doc is not None:
            files[twin["downloads"][key]] = doc.path.read_bytes()
    return files


DEPARTMENT_CSV_COLUMNS = tuple(c for c in DEPARTMENT_INDICATOR_COLUMNS if c is not SAMPLE_COLUMN)
"""department.csv: /data/department_indicators.csv's columns but for the 示例数据 mark, which the
page shows itself (as a 整改's or 绩效目标表's CSV leaves it out: perfsite.site.twins)."""


def indicators_csv(entry: DepartmentYear) -> bytes:
    """Both documents' indicators as CSV (UTF-8 with BOM, for Excel): this department-year's rows
    of /data/department_indicators.csv, made by the same code (perfsite.opendata.cycle)."""
    rows = department_tables([(entry.url, (entry.targets, entry.evaluation))])[DEPARTMENT_INDICATORS]
    return csv_file(DEPARTMENT_CSV_COLUMNS, csv_lines(DEPARTMENT_CSV_COLUMNS, rows))


def indicator_groups(indicators: list[P]) -> list[P]:
    """Indicators grouped by 一级 in table order (a target table's, shown when there is no self-evaluation)."""
    groups: list[P] = []
    for row in indicators:
        if not groups or groups[-1]["level1"] != row["level1"]:
            groups.append({"level1": row["level1"], "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def task_rows(twin: P) -> list[P]:
    """年度主要任务 of both documents side by side, matched by name: the target table's order,
    then tasks only the self-evaluation lists."""
    planned = (twin["targets"] or {}).get("tasks", [])
    done = {t["name"]: t for t in (twin["self_evaluation"] or {}).get("tasks", [])}
    rows = []
    for task in planned:
        later = done.pop(task["name"], None)
        rows.append({"name": task["name"], "content": task["content"] or (later or {}).get("content"),
                     "planned": task["amount"], "budget": (later or {}).get("amount"),
                     "spent": (later or {}).get("spent"), "rate": (later or {}).get("rate"),
                     "evaluated": later is not None})
    for task in done.values():
        rows.append({"name": task["name"], "content": task["content"], "planned": None, "budget": task["amount"],
                     "spent": task["spent"], "rate": task["rate"], "evaluated": True})
    return rows


_TASK_FIELDS = frozenset((TASK_SPENT_FIELD, *TASK_SUM_FIELDS.values()))


def task_checks(twin: P) -> list[P]:
    """The self-evaluation's findings that its tasks' money does not add up (a task spent more
    than its budget, the tasks' 执行数 beside a different 全年执行数): shown under the task table,
    whose 合计 row would otherwise stand unexplained beside 预算执行's figures."""
    evaluation = twin["self_evaluation"]
    if evaluation is None:
        return []
    checks = evaluation["checks"]
    return [x for part in ("discrepancies", "warnings") for x in checks[part] if x["field"] in _TASK_FIELDS]


def tasks_caption(twin: P) -> str:
    """年度主要任务's caption: one 金额单位, or each document's where the 目标表 and the 自评表 are
    written in different units. Each amount is published as its form printed it (照原表填), so a
    table setting 146 (万元) beside 1,460,000 (元) names both units rather than one for all."""
    planned, done = twin["targets"], twin["self_evaluation"]
    if planned and done and planned["unit"] != done["unit"]:
        return f"年度主要任务（年初预算金额单位：{planned['unit']}；全年预算数、全年执行数单位：{done['unit']}）"
    return f"年度主要任务（金额单位：{(done or planned)['unit']}）"


def scored_rows(twin: P) -> list[P]:
    """The self-evaluation's indicators, each with its row of the comparison with the target table
    (`vs`, None without one): compare_targets lists the 自评's indicators first, in its order."""
    evaluation = twin["self_evaluation"]
    if evaluation is None:
        return []
    compared = twin["comparison"]["rows"] if twin["comparison"] else []
    return [{**row, "vs": compared[i] if i < len(compared) else None, "computed_actual": _computed_actual(evaluation, row)}
            for i, row in enumerate(evaluation["indicators"])]


def page_context(twin: P) -> P:
    """What department.html shows besides the twin itself: its tables' rows, made here once for
    the build and for anything else that renders the page."""
    return {"d": twin, "tasks": task_rows(twin), "task_checks": task_checks(twin), "tasks_caption": tasks_caption(twin),
            "scored": scored_rows(twin),
            "target_groups": indicator_groups(twin["targets"]["indicators"]) if twin["targets"] else []}


def _computed_actual(evaluation: P, row: P) -> tuple[str, bool] | None:
    """A 预算执行率 row (rule budget) is scored on the rate the budget figures give, not on the
    实际值 the form printed: that rate and whether the printed one disagrees (a discrepancy, not
    the rate rounded to the form's places), when the check found them apart (rules._budget's
    finding on the 实际值), so the row reads 186.81%（公布 100%） beside 完成率 186.81%."""
    if row["rule"] != "budget":
        return None
    field = f"指标「{row['name']}」实际值"
    for part, bad in (("discrepancies", True), ("notes", False)):
        for entry in evaluation["checks"][part]:
            if entry["field"] == field and entry["computed"]:
                return entry["computed"], bad
    return None
