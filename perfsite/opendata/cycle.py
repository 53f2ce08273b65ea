"""The 评价报告, 整改 and 部门整体 documents in /data/ and the feed: a table of evaluation reports
(one row per report), of 整改 measures (one row per measure, overdue as of the build date), of
结果应用 (one row per entry, its amount also in 万元) and of 部门整体 documents (one row per
document); CSV, one workbook and Data Package resources; an Atom entry per document and per
更正记录 of it.

The rows and entries are projections of each document's record (perfsite.record) or, for a
部门整体 document, of perfsite.department.department_fields, so a figure reads the same as on its
page. These documents are few (one of each kind per programme-year or department-year at most),
so the parent joins them whole; perfsite.opendata.doctables writes the tables, site-wide and per
year. Every file exists only when the site has such a document, so a site without any keeps its
/data/ and feed as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from perfsite.decimals import figure_text, fmt2, plain
from perfsite.department import DepartmentDocument, department_fields
from perfsite.disclosure import published_disclosure
from perfsite.headline import VERDICT_LABEL, headline
from perfsite.kinds import KINDS, DocumentKind
from perfsite.opendata.doctables import DocTable
from perfsite.opendata.feed import FeedItem
from perfsite.opendata.parts import EPOCH, absolute, atom_entry, correction_entries
from perfsite.opendata.tables import (
    INDICATOR_CSV_COLUMNS,
    INDICATOR_CSV_NAMES,
    SAMPLE_COLUMN,
    Column,
    cell_text,
    indicator_csv_row,
    money_columns,
)
from perfsite.opendata.targets import TARGET_TABLE, TARGETS
from perfsite.opendata.units import PERCENT, WAN, WAN_SUFFIX, in_yuan, wan_text, yuan_text
from perfsite.record import RectificationRecord, ReportRecord, make_record, make_target_record
from perfsite.rectification import is_late
from perfsite.siteconfig import SiteConfig

P = dict[str, object]

REPORTS, RECTIFICATION, APPLICATION, DEPARTMENTS = "reports", "rectification", "application", "departments"
DEPARTMENT_INDICATORS = "department_indicators"
"""The tables' names: each its CSV (data/<name>.csv), its worksheet and its Data Package resource."""
BOOK = "evaluations.xlsx"
XLSX_PATH = f"data/{BOOK}"
"""One workbook holds the sheets of the tables the site has (and one per year, of the year's)."""

_HEAD = (
    Column("year", "integer", "年度", "文件所属年度（与同一项目该年度的自评表相同）"),
    Column("id", "string", "项目标识", "项目在该年度内的标识，与年度一起构成项目网址 /projects/<年度>/<标识>/"),
    Column("url", "string", "页面地址", "本文件页面相对于网站根目录的地址"),
    Column("name", "string", "项目名称", "项目名称，照原文"),
    Column("department", "string", "主管部门", "主管部门，照原文"),
)

REPORT_COLUMNS = (
    *_HEAD,
    Column("evaluation", "string", "评价类型", "部门评价、财政评价或第三方评价"),
    Column("commissioner", "string", "委托方", "委托评价的单位，照原文"),
    Column("evaluator", "string", "评价机构", "实施评价的单位，照原文"),
    Column("period_start", "date", "评价开始日期", "评价工作开始日期"),
    Column("period_end", "date", "评价结束日期", "评价工作结束日期"),
    Column("total", "number", "复算总分", "本站按评分表复算的总分（无评分表时为空）", "分"),
    Column("grade", "string", "复算等级", "按复算总分和本站等级划分得出的等级"),
    Column("reported_total", "number", "公布总分", "报告公布的总分", "分"),
    Column("reported_grade", "string", "公布等级", "报告公布的等级"),
    Column("status", "string", "核验结果", "公布总分与复算总分的核对结果（与报告页相同）"),
    Column("original_file", "string", "原件文件名", "随报告发布的原件（PDF、DOCX 或 OFD）的文件名"),
    Column("original_bytes", "integer", "原件大小", "原件的字节数", "字节"),
    Column("original_sha256", "string", "原件SHA-256", "原件的 SHA-256 摘要（十六进制），可用来核对下载的文件"),
    Column("original_url", "string", "原件地址", "原件相对于网站根目录的地址"),
    SAMPLE_COLUMN,
)
"""One row per 绩效评价报告."""

RECTIFICATION_COLUMNS = (
    *_HEAD,
    Column("finding", "integer", "问题序号", "问题在整改文件中的顺序，从 1 开始"),
    Column("source", "string", "问题来源", "评价报告或自评（偏差原因）"),
    Column("problem", "string", "问题", "发现的问题，照原文"),
    Column("seq", "integer", "措施序号", "措施在该问题下的顺序，从 1 开始"),
    Column("measure", "string", "整改措施", "整改措施，照原文"),
    Column("owner", "string", "责任单位", "责任单位，照原文"),
    Column("deadline", "date", "完成时限", "整改完成时限"),
    Column("status", "string", "整改状态", "未开始、整改中或已完成"),
    Column("status_date", "date", "状态截至日期", "整改文件写明的整改状态截至日期（status_date），没有写明时为空"),
    Column("overdue", "boolean", "逾期", "true 表示截至判断日期（as_of）未完成且已过完成时限"),
    Column("as_of", "date", "判断日期", "判断是否逾期所依据的日期（整改文件写明的状态截至日期，没有时为本站生成日期）"),
    Column("completed", "date", "完成日期", "实际完成日期"),
    Column("late", "boolean", "逾期完成", "true 表示已完成，但完成日期晚于完成时限"),
    Column("evidence", "string", "佐证材料", "佐证材料，照原文"),
    SAMPLE_COLUMN,
)
"""One row per 整改 measure."""

APPLICATION_COLUMNS = (
    *_HEAD,
    Column("seq", "integer", "序号", "结果应用在整改文件中的顺序，从 1 开始"),
    Column("action", "string", "结果应用", "如次年预算调减、调增，照原文"),
    Column("amount", "number", "金额", "金额，按原文单位（见“金额单位”列）"),
    Column("unit", "string", "金额单位", "原文金额的单位：元或万元"),
    Column("amount_wan", "number", "金额", "金额折合万元（精确值）", WAN),
    Column("budget_year", "integer", "预算年度", "调整的预算年度"),
    Column("note", "string", "说明", "说明，照原文"),
    SAMPLE_COLUMN,
)
"""One row per 结果应用 entry."""

_DEPARTMENT_HEAD = (
    Column("year", "integer", "年度", "文件所属年度"),
    Column("department", "string", "部门", "部门名称，照原文"),
)
_DEPARTMENT_KIND = (
    Column("kind", "string", "文件类型", "部门整体绩效目标 或 部门整体自评"),
    Column("url", "string", "页面地址", "部门整体页面相对于网站根目录的地址"),
)
DEPARTMENT_COLUMNS = (
    *_DEPARTMENT_HEAD,
    Column("department_code", "string", "部门编码", "部门编码，照原文"),
    *_DEPARTMENT_KIND,
    Column("indicators", "integer", "绩效指标数", "文件中的绩效指标个数"),
    *money_columns("budget", "自评：预算执行的全年预算数；绩效目标：年度主要任务的金额合计（原表印的合计，未印时为各项任务金额之和）"),
    *money_columns("spent", "全年执行数（自评）"),
    Column("execution_rate", "number", "预算执行率", "全年执行数 ÷ 全年预算数 × 100（本站计算，自评），分母为 0 时为空", PERCENT),
    Column("reported_execution_rate", "number", "公布执行率", "自评表印的执行率，照原文的数", PERCENT),
    Column("total", "number", "复算总分", "本站复算的总分（自评）", "分"),
    Column("grade", "string", "复算等级", "按复算总分得出的等级（自评）"),
    Column("reported_total", "number", "公布总分", "自评表公布的总分", "分"),
    Column("reported_grade", "string", "公布等级", "自评表公布的等级，照原文"),
    Column("status", "string", "核验结果", "公布总分与复算总分的核对结果（与部门整体页相同，自评）"),
    Column("published", "date", "公布日期", "文件的公布日期"),
    SAMPLE_COLUMN,
)
"""One row per 部门整体 document: its money in 元 and 万元 as the 项目表's, its scores as a 自评's."""

DEPARTMENT_INDICATOR_COLUMNS = (
    *_DEPARTMENT_HEAD,
    *_DEPARTMENT_KIND,
    Column("seq", "integer", "序号", "指标在原表中的顺序，从 1 开始"),
    *INDICATOR_CSV_COLUMNS,
    SAMPLE_COLUMN,
)
"""One row per indicator of a 部门整体 document: the 绩效指标表's columns (indicators.csv), keyed
by year, department, kind and order. A 绩效目标表's indicator has its 目标 (指标性质、指标值和
度量单位合写, as its page writes it) as 年度指标值 and no 实际完成值 or score."""

CYCLE_TABLES: Mapping[str, DocTable] = {table.name: table for table in (
    DocTable(REPORTS, "绩效评价报告", REPORT_COLUMNS, ("year", "id"), BOOK),
    DocTable(RECTIFICATION, "整改措施", RECTIFICATION_COLUMNS, ("year", "id", "finding", "seq"), BOOK),
    DocTable(APPLICATION, "结果应用", APPLICATION_COLUMNS, ("year", "id", "seq"), BOOK),
    DocTable(DEPARTMENTS, "部门整体", DEPARTMENT_COLUMNS, ("year", "department", "kind"), BOOK),
    DocTable(DEPARTMENT_INDICATORS, "部门整体指标", DEPARTMENT_INDICATOR_COLUMNS, ("year", "department", "kind", "seq"),
             BOOK),
)}
"""The five tables, in the order of their sheets (perfsite.opendata.doctables writes them)."""
DOC_TABLES: Mapping[str, DocTable] = {TARGETS: TARGET_TABLE, **CYCLE_TABLES}
"""Every table of the documents around the 自评, in the order /data/, the descriptors and the
数据下载 page list them."""

REPORT_ORDER, RECTIFICATION_ORDER, DEPARTMENT_ORDER = 2000, 3000, 4000
"""Feed order within a date, year and id (perfsite.opendata.feed): after the 自评 and the
绩效目标表, in the cycle's order; a document's corrections after it."""


@dataclass(frozen=True)
class CyclePart:
    """What a 评价报告 or 整改 document gives /data/ and the feed, made in the worker that read it:
    its report row (none for a 整改: its measures are judged overdue on the build date, by the
    parent) and its feed entries."""

    rows: tuple[dict[str, str], ...]
    feed: tuple[FeedItem, ...]


def _head(rec: ReportRecord | RectificationRecord) -> dict[str, str]:
    return {"year": str(rec.year), "id": rec.id, "url": rec.url, "name": rec.name, "department": rec.department}


def report_row(rec: ReportRecord) -> dict[str, str]:
    """A report's row: the scoring table's recomputed and published figures, the original's facts."""
    table = rec.table or {}
    original = rec.original or {}
    headline = table.get("headline") or {}
    return _head(rec) | {
        "evaluation": rec.evaluation, "commissioner": cell_text(rec.commissioner), "evaluator": rec.evaluator,
        "period_start": cell_text(rec.period.get("start")), "period_end": cell_text(rec.period.get("end")),
        "total": cell_text(table.get("total")), "grade": cell_text(table.get("grade")),
        "reported_total": cell_text(table.get("reported_total")), "reported_grade": cell_text(table.get("reported_grade")),
        "status": cell_text(headline.get("verdict_label")),
        "original_file": cell_text(original.get("file")), "original_bytes": cell_text(original.get("size")),
        "original_sha256": cell_text(original.get("sha256")), "original_url": cell_text(original.get("url")),
        "sample": cell_text(rec.sample),
    }


def _items(url: str, title: str, summary: str, date: str | None, disclosure: P, year: int, key: str, order: int,
           site: SiteConfig, sample: bool = False) -> tuple[FeedItem, ...]:
    """A document's entry (dated by `published`) and one per 更正记录 of it."""
    when = date or site.data_date or EPOCH
    page = absolute(site.site_url, url)
    own: FeedItem = (when, year, key, order, atom_entry(title, page, page, when, summary, sample))
    corrections = correction_entries(url, title, disclosure, site, sample) if disclosure.get("corrections") else ()
    return (own, *((d, year, key, order + n, entry) for n, (d, entry) in enumerate(corrections, 1)))


def report_part(rec: ReportRecord, site: SiteConfig) -> CyclePart:
    table = rec.table or {}
    scored = f"，复算总分 {table['total']}，等级 {table.get('grade') or '—'}" if table.get("total") else ""
    summary = f"{rec.year}年度 {rec.department}；{rec.evaluation}，评价机构 {rec.evaluator}{scored}"
    title = f"{rec.name}（{rec.year}年度绩效评价报告）"
    return CyclePart((report_row(rec),), _items(rec.url, title, summary, rec.published, rec.disclosure, rec.year,
                                                rec.id, REPORT_ORDER, site, rec.sample))


def rectification_part(rec: RectificationRecord, site: SiteConfig) -> CyclePart:
    measures = [m for f in rec.findings for m in f["measures"]]
    done = sum(1 for m in measures if m["status"] == "已完成")
    summary = f"{rec.year}年度 {rec.department}；问题 {len(rec.findings)} 个，整改措施 {len(measures)} 项，已完成 {done} 项"
    title = f"{rec.name}（{rec.year}年度整改情况）"
    return CyclePart((), _items(rec.url, title, summary, rec.published, rec.disclosure, rec.year, rec.id,
                                RECTIFICATION_ORDER, site, rec.sample))


def cycle_part(rec: object, site: SiteConfig) -> CyclePart | None:
    """The share of a 评价报告 or 整改 record; None for a record of another kind."""
    if isinstance(rec, ReportRecord):
        return report_part(rec, site)
    if isinstance(rec, RectificationRecord):
        return rectification_part(rec, site)
    return None


def rectification_rows(documents: Iterable[P], today: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(measure rows, 结果应用 rows) of the 整改 documents as the site-wide 整改 page lists them
    (rectification_page.listed), overdue as of the document's status_date or else `today` (the
    build date), in (year, id) order."""
    from perfsite.rectification import judged_on
    from perfsite.site.rectification_page import overdue

    measures, applied = [], []
    for doc in sorted(documents, key=lambda d: (d["year"], d["url"])):  # type: ignore[index]
        url = str(doc["url"])
        head = {"year": str(doc["year"]), "id": url.split("/")[2], "url": url, "name": str(doc["name"]),
                "department": str(doc["department"])}
        sample = {"sample": cell_text(bool(doc.get("sample")))}
        day = judged_on(doc.get("status_date"), today)  # type: ignore[arg-type]
        for number, f in enumerate(doc["findings"], 1):  # type: ignore[arg-type]
            for seq, m in enumerate(f["measures"], 1):
                measures.append(head | {
                    "finding": str(number), "source": f["source"], "problem": f["problem"], "seq": str(seq),
                    **{k: cell_text(m[k]) for k in ("measure", "owner", "deadline", "status", "completed", "evidence")},
                    "status_date": cell_text(doc.get("status_date")),
                    "overdue": cell_text(overdue(m, day)), "as_of": day,
                    "late": cell_text(is_late(m["status"], m["deadline"], m["completed"]))} | sample)
        for seq, a in enumerate(doc["application"], 1):  # type: ignore[arg-type]
            amount = a["amount"]
            wan = wan_text(in_yuan(Decimal(amount), a["unit"])) if amount is not None else ""
            applied.append(head | {"seq": str(seq), "action": a["action"], "amount": cell_text(amount),
                                   "unit": a["unit"] if amount is not None else "", "amount_wan": wan,
                                   "budget_year": cell_text(a["budget_year"]), "note": cell_text(a["note"])} | sample)
    return measures, applied


def department_row(doc: DepartmentDocument, url: str) -> dict[str, str]:
    fields = department_fields(doc)
    indicators = doc.targets.indicators if doc.targets is not None else \
        doc.evaluation.programme.indicators if doc.evaluation is not None else ()
    execution, scored = doc.execution, doc.evaluation
    budget = (execution.budget if execution is not None else None) if doc.evaluation is not None else \
        doc.tasks_total if doc.tasks_total is not None else doc.task_sum("amount")
    spent = execution.spent if execution is not None else None
    head = headline(scored) if scored is not None else None
    return {"year": str(doc.year), "department": doc.department, "department_code": cell_text(fields["department_code"]),
            "kind": str(doc.kind), "url": url, "indicators": str(len(indicators)),
            **_money("budget", budget, doc.unit), **_money("spent", spent, doc.unit),
            "execution_rate": cell_text(execution.computed_rate if execution is not None else None),
            "reported_execution_rate": cell_text(None if execution is None or execution.rate is None
                                                 else plain(execution.rate)),
            "total": cell_text(_fmt(doc.total)), "grade": cell_text(doc.grade),
            "reported_total": cell_text(None if scored is None else figure_text(scored.programme.reported_score)),
            "reported_grade": cell_text(None if scored is None else scored.programme.reported_grade or None),
            "status": "" if head is None else VERDICT_LABEL[head.verdict],
            "published": cell_text(fields["published"]), "sample": cell_text(doc.sample)}


def department_tables(pages: Iterable[tuple[str, Iterable[DepartmentDocument | None]]]) -> dict[str, list[dict[str, str]]]:
    """The 部门整体 tables' rows: each department page's address with its documents (either may
    be None), in the order given."""
    documents = [(url, doc) for url, docs in pages for doc in docs if doc is not None]
    return {DEPARTMENTS: [department_row(doc, url) for url, doc in documents],
            DEPARTMENT_INDICATORS: [row for url, doc in documents for row in department_indicator_rows(doc, url)]}


def _money(field: str, value: Decimal | None, unit: str) -> dict[str, str]:
    """A money figure in 元 and 万元, as every table publishes money (perfsite.opendata.units)."""
    yuan = None if value is None else in_yuan(value, unit)
    return {field: yuan_text(yuan), field + WAN_SUFFIX: wan_text(yuan)}


def department_indicator_rows(doc: DepartmentDocument, url: str) -> list[dict[str, str]]:
    """A 部门整体 document's rows of the indicator table: a 自评's indicators as indicators.csv
    writes a programme's (from its record), a 绩效目标表's with its 目标 and nothing scored."""
    head = {"year": str(doc.year), "department": doc.department, "kind": str(doc.kind), "url": url}
    sample = {"sample": cell_text(doc.sample)}
    if doc.evaluation is not None:
        return [head | {"seq": str(seq)} | indicator_csv_row(ind) | sample
                for seq, ind in enumerate(make_record(doc.evaluation).indicators, 1)]
    if doc.targets is None:
        return []
    blank = dict.fromkeys(INDICATOR_CSV_NAMES, "")
    return [head | {"seq": str(seq)} | blank | {
        "level1": row["level1"], "level2": row["level2"], "name": row["name"], "weight": cell_text(row["weight"]),
        "target": cell_text(row["target_text"])} | sample
        for seq, row in enumerate(make_target_record(doc.targets, doc.problems).indicators, 1)]


def _fmt(value: Decimal | None) -> str | None:
    return None if value is None else str(fmt2(value))


def department_items(doc: DepartmentDocument, url: str, site: SiteConfig) -> tuple[FeedItem, ...]:
    label = KINDS[doc.kind].label
    scored = f"，复算总分 {_fmt(doc.total)}，等级 {doc.grade or '—'}" if doc.total is not None else ""
    summary = f"{doc.year}年度 {doc.department}；{label}{scored}"
    order = DEPARTMENT_ORDER + (0 if doc.kind is DocumentKind.DEPARTMENT_TARGETS else 100)
    return _items(url, f"{doc.department}（{doc.year}年度{label}）", summary, doc.published or None,
                  published_disclosure(doc.disclosure), doc.year, doc.department, order, site, doc.sample)
