"""整改 pages: one programme-year's (/projects/<year>/<id>/rectification/) and the site-wide
整改台账 (/rectification/) with its JSON and CSV twins.

Both are projections of RectificationRecords. Overdue is judged here against the document's
status_date (填报日期) or, without one, the build date (perfsite.dates.build_date:
SOURCE_DATE_EPOCH), the same day for every page of a build, so the programme page and the
site-wide list never disagree and a rebuild of one commit is byte-identical. The site-wide list's filters (status, year, department, overdue) run in the
browser on the rows of the page itself; without script every row is shown.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from typing import Any

from perfsite.kinds import KINDS, DocumentKind
from perfsite.pagedata import CHECKS, check_entry
from perfsite.record import RectificationRecord
from perfsite.rectification import MeasureStatus, is_late, is_overdue, judged_on, reported_on
from perfsite.site.model import SitePage
from perfsite.site.programme_page import json_bytes
from perfsite.site.render import Templates, standard
from perfsite.site.report_page import document_links
from perfsite.site.twins import rectification_csv
from perfsite.siteconfig import SiteConfig
from perfsite.values import inert_cell

P = dict[str, Any]

URL = "rectification/"
TITLE = "整改情况"
TWIN = f"{URL}index.json"
CSV_FILE = f"{URL}rectification.csv"
CSV_COLUMNS = (("year", "年度"), ("name", "项目名称"), ("department", "主管部门"), ("source", "问题来源"),
               ("problem", "存在问题"), ("measure", "整改措施"), ("owner", "责任单位"), ("deadline", "完成时限"),
               ("status", "整改状态"), ("overdue", "是否逾期"), ("completed", "完成日期"), ("late", "逾期完成"), ("evidence", "佐证材料"),
               ("url", "页面地址"))
"""The CSV twin's columns (one row per measure): key in the JSON rows, then the Chinese header."""


def overdue(measure: P, today: str) -> bool:
    """A published measure row judged by perfsite.rectification's one rule."""
    return is_overdue(measure["status"], measure["deadline"], today)


def _findings(findings: tuple[P, ...] | list[P], today: str) -> list[P]:
    return [{**f, "measures": [{**m, "overdue": overdue(m, today), "late": is_late(m["status"], m["deadline"], m["completed"])}
                               for m in f["measures"]]} for f in findings]


def tally(findings: list[P], day: str, today: str) -> P:
    """Measures by status, how many are overdue (as of `day`, the judging day) and how many fell
    due after it but by `today` (`lapsed`: unfinished on a status date, due since, progress not
    told; 0 without a status date): the summary sentence and the site-wide figures."""
    measures = [m for f in findings for m in f["measures"]]
    counts = Counter(m["status"] for m in measures)
    return {"findings": len(findings), "measures": len(measures), **{str(s): counts.get(str(s), 0) for s in MeasureStatus},
            "overdue": sum(1 for m in measures if m["overdue"]),
            "lapsed": sum(1 for m in measures if not m["overdue"] and is_overdue(m["status"], m["deadline"], today))}


def rectification_twin(rec: RectificationRecord, links: list[P], today: str) -> P:
    """The JSON twin of a programme-year's 整改 page (docs/json.md names each key)."""
    day = judged_on(rec.status_date, today)
    findings = _findings(rec.findings, day)
    return {
        "kind": str(DocumentKind.RECTIFICATION), "id": rec.id, "year": rec.year, "url": rec.url, "name": rec.name,
        "department": rec.department, "region": rec.region, "series": rec.series, "published": rec.published,
        "source": rec.source, "sample": rec.sample, "status_date": rec.status_date, "as_of": day,
        "summary": tally(findings, day, today),
        "findings": findings, "application": list(rec.application), "disclosure": rec.disclosure,
        "checks": {name: [check_entry(x) for x in rec.of(severity)] for name, severity in CHECKS.items()},
        "documents": [{"label": link["label"], "url": link["url"]} for link in links],
        "downloads": rec.links,
    }


def render_rectification(rec: RectificationRecord, info: SiteConfig, published: frozenset[str],
                         today: str, templates: Templates | None = None
                         ) -> tuple[str, str, str, dict[str, bytes], P, tuple[str, str, str]]:
    """(url, title, content HTML, downloads, twin, head values) of a programme-year's 整改 page
    (`templates`: the build's, perfsite's own by default)."""
    links = document_links(rec.programme_url, published, DocumentKind.RECTIFICATION)
    data = rectification_twin(rec, links, today)
    # a finding's source is linked only to a page this build writes: a 整改 filed before (or
    # without) its 自评 or 评价报告 names its source in plain text
    report = next((link["url"] for link in links if link["label"] == "评价报告"), None)
    self_url = rec.programme_url if rec.programme_url in published else None
    # without a status_date the statuses are as the document published them: an overdue measure is
    # told as "by the progress published on …, its deadline has passed since", not as today's fact
    reported = reported_on(data["published"] or "", (c["date"] for c in data["disclosure"]["corrections"]))
    late = [m for f in data["findings"] for m in f["measures"] if m["overdue"]]
    body = (templates or standard()).render("rectification.html", rec.url, site=info, r=data, documents=links, report_url=report,
                  self_url=self_url, statuses=list(MeasureStatus), today=today, reported=reported, late=late)
    files = {rec.links["json"]: json_bytes(data, indent=None), rec.links["csv"]: rectification_csv(listed(rec), today)}
    if rec.yaml_path is not None:
        files[rec.links["yaml"]] = rec.yaml_path.read_bytes()
    title = f"{rec.name}（{rec.year}年度{KINDS[DocumentKind.RECTIFICATION].label}）"
    description = f"{rec.name}{rec.year}年度评价发现问题的整改情况和结果应用。"
    head = (html.escape(description),
            html.escape(",".join(w for w in (rec.name, f"{rec.year}年度", rec.department, "整改", "结果应用") if w)),
            f'<meta name="PubDate" content="{html.escape(rec.published)}">' if rec.published else "")
    return rec.url, title, body, files, data, head


def listed(rec: RectificationRecord) -> P:
    """What the site-wide 整改 page needs of one document (sent from its worker to the build)."""
    return {"url": rec.url, "programme_url": rec.programme_url, "year": rec.year, "name": rec.name,
            "department": rec.department, "sample": rec.sample, "status_date": rec.status_date, "findings": list(rec.findings),
            "application": list(rec.application)}


def overview(documents: list[P], today: str) -> P:
    """The site-wide 整改 data: one row per measure and per 结果应用 entry, newest year first."""
    documents = sorted(documents, key=lambda d: (-d["year"], d["name"], d["url"]))
    rows, applied = [], []
    for doc in documents:
        for f in _findings(doc["findings"], judged_on(doc.get("status_date"), today)):
            for m in f["measures"]:
                rows.append({"year": doc["year"], "name": doc["name"], "department": doc["department"],
                             "url": doc["url"], "source": f["source"], "problem": f["problem"], **m})
        applied += [{"year": doc["year"], "name": doc["name"], "department": doc["department"], "url": doc["url"], **a}
                    for a in doc["application"]]
    counts = Counter(r["status"] for r in rows)
    return {"as_of": today, "status_dated": sum(1 for doc in documents if doc.get("status_date")
                                                   and judged_on(doc["status_date"], today) == doc["status_date"]),
            "summary": {"programmes": len(documents), "measures": len(rows),
                        **{str(s): counts.get(str(s), 0) for s in MeasureStatus},
                        "overdue": sum(1 for r in rows if r["overdue"])},
            "measures": rows, "application": applied}


def csv_bytes(rows: list[P]) -> bytes:
    """The CSV twin: UTF-8 with a BOM (Excel opens it as UTF-8), text cells inert to formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in CSV_COLUMNS])
    for row in rows:
        writer.writerow([("是" if row[key] else "否") if key in ("overdue", "late") else inert_cell(str(row[key] or ""))
                         for key, _ in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def rectification_pages(documents: list[P], info: SiteConfig, today: str, templates: Templates | None = None
                        ) -> tuple[SitePage, dict[str, bytes]]:
    """The site-wide 整改 page and its JSON and CSV twins (`templates`: the build's)."""
    data = overview(documents, today)
    rows = data["measures"]
    body = (templates or standard()).render("rectifications.html", URL, site=info, d=data, statuses=list(MeasureStatus),
                  years=sorted({r["year"] for r in rows}, reverse=True),
                  departments=sorted({r["department"] for r in rows if r["department"]}),
                  json_url=TWIN, csv_url=CSV_FILE)
    files = {TWIN: json_bytes(data, indent=None), CSV_FILE: csv_bytes(rows)}
    return SitePage(url=URL, title=TITLE, html=body, kind="rectification", in_nav=True), files
