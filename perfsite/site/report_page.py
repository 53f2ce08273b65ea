"""The 绩效评价报告 page (/projects/<year>/<id>/evaluation/) and the links between a programme-year's documents.

The page is a projection of its ReportRecord: the scoring table is the record's `table` (made
by perfsite.record.make_record, as a 自评's), so its rows, statuses and headline read as they do
on the 自评 page. The original document (PDF, DOCX or OFD) is published beside the page under its
own name, with the size and SHA-256 the record computed from its bytes, and what it is in words
(`reports.LABELS`: an OFD names the readers that open it).
"""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath
from typing import Any

from perfsite.kinds import KINDS, DocumentKind, address
from perfsite.pagedata import CHECKS, check_entry
from perfsite.record import ReportRecord
from perfsite.reports import LABELS, read_original
from perfsite.rules import Status
from perfsite.site.programme_page import json_bytes
from perfsite.site.render import Templates, grade_classifier, standard
from perfsite.site.twins import report_csv
from perfsite.siteconfig import SiteConfig

P = dict[str, Any]

SHORT_LABEL = {
    DocumentKind.TARGETS: "绩效目标表", DocumentKind.SELF_EVALUATION: "绩效自评",
    DocumentKind.EVALUATION_REPORT: "评价报告", DocumentKind.RECTIFICATION: "整改情况",
}
"""The programme-year's documents in the cycle's order, as the links between them name them."""

STATUS_WORD = {
    Status.MATCH: "✓ 一致", Status.ROUNDING: "≈ 舍入差异", Status.DISCREPANCY: "⚠ 不一致", Status.COMPUTED: "按规则计算",
    Status.UNVERIFIED: "无法复核", Status.NOT_RECOMPUTED: "按报告得分", Status.NOT_APPLICABLE: "不适用",
}
"""A scoring-table row's check in words (the /data/ indicators table's vocabulary, docs/opendata.md)."""


def document_links(programme_url: str, published: frozenset[str], current: DocumentKind | None = None) -> list[P]:
    """The programme-year's published documents (`published`: every document page's address),
    in the cycle's order: label, url and whether it is this page. Empty when this page is the
    only one (nothing to link). One set lookup per kind: every page of a 10,000-programme build
    asks."""
    year, ident = programme_url.split("/")[1:3]
    links = []
    for kind, label in SHORT_LABEL.items():
        url = address(kind, int(year), ident)
        if kind is current or url in published:
            links.append({"label": label, "url": url, "current": kind is current})
    return links if len(links) > 1 else []


UNSAVABLE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
"""What a file name cannot hold on Windows (the readers' usual system): each run becomes a space."""


def download_name(data: P) -> str | None:
    """The name a report's original is saved under: its Chinese title (else the programme's name,
    year and kind) with the file's own extension, where the published path keeps the file's name
    as filed (often pinyin: the site's URLs are ASCII)."""
    original = data["original"]
    if original is None:
        return None
    title = original["title"] or f"{data['name']}{data['year']}年度{KINDS[DocumentKind.EVALUATION_REPORT].label}"
    stem = " ".join(UNSAVABLE.sub(" ", title).split()).strip(". ")
    return f"{stem or PurePosixPath(original['file']).stem}{PurePosixPath(original['file']).suffix}"


def report_twin(rec: ReportRecord, links: list[P], compared: P | None = None) -> P:
    """The JSON twin of a 评价报告 page (docs/json.md names each key)."""
    return {
        "kind": str(DocumentKind.EVALUATION_REPORT), "id": rec.id, "year": rec.year, "url": rec.url, "name": rec.name,
        "department": rec.department, "region": rec.region, "series": rec.series, "published": rec.published,
        "source": rec.source, "sample": rec.sample, "evaluation": rec.evaluation, "commissioner": rec.commissioner,
        "evaluator": rec.evaluator, "period": rec.period, "method": rec.method, "table": rec.table,
        "conclusion": rec.conclusion, "findings": list(rec.findings), "suggestions": list(rec.suggestions),
        "original": rec.original, "disclosure": rec.disclosure,
        "checks": {name: [check_entry(x) for x in rec.of(severity)] for name, severity in CHECKS.items()},
        "documents": [{"label": link["label"], "url": link["url"]} for link in links],
        "downloads": rec.links,
    } | ({"report_compared": compared} if compared is not None else {})


def render_report(rec: ReportRecord, info: SiteConfig, published: frozenset[str], templates: Templates | None = None,
                  compared: P | None = None) -> tuple[str, str, str, dict[str, bytes], P, tuple[str, str, str]]:
    """(url, title, content HTML, downloads, twin, head values) of a 评价报告 page, as
    shell.render_programme gives a 自评 page's; `published` holds every document page's address,
    `templates` the build's (perfsite's own by default), `compared` the report beside its
    programme-year's 自评 (report_compare.compare)."""
    links = document_links(rec.programme_url, published, DocumentKind.EVALUATION_REPORT)
    data = report_twin(rec, links, compared)
    label = LABELS.get(rec.original["format"]) if rec.original is not None else None  # an OFD says what opens it
    body = (templates or standard()).render("evaluation.html", rec.url, site=info, r=data, documents=links, groups=_groups(rec.table),
                  checks={name: said_once(data["checks"][name]) for name in ("discrepancies", "warnings")},
                  grade_class=grade_classifier(info), status_label=STATUS_WORD.get, original_label=label,
                  saved_as=download_name(data), report_compared=compared, compare_table=True)
    files = {rec.links["json"]: json_bytes(data, indent=None)}
    if rec.table is not None:
        files[rec.links["csv"]] = report_csv(rec.table)
    if rec.yaml_path is not None:
        files[rec.links["yaml"]] = rec.yaml_path.read_bytes()
    if rec.original is not None and rec.original_path is not None:
        files[rec.original["url"]] = read_original(rec.original_path, rec.original["sha256"], rec.file)
    title = f"{rec.name}（{rec.year}年度{KINDS[DocumentKind.EVALUATION_REPORT].label}）"
    description = f"{rec.name}{rec.year}年度{rec.evaluation}报告：评价结论、评分表、主要问题和建议，附报告原件。"
    head = (html.escape(description),
            html.escape(",".join(w for w in (rec.name, f"{rec.year}年度", rec.department, rec.evaluation, "绩效评价报告") if w)),
            f'<meta name="PubDate" content="{html.escape(rec.published)}">' if rec.published else "")
    return rec.url, title, body, files, data, head


SAID_ONCE = 3
"""A check said of this many items or more is one line naming them, as `perfsite import` prints it:
a 评分表 of scores only gives each of its 18 indicators 「目标值和实际值均未给出…」, one fact of the
report, and eighteen equal lines named no indicator."""

_NAMED = re.compile(r"(.*?)「(.+)」(.*)")
"""A check's field that names its item: 指标「资金到位率」得分 (what, name, of what)."""


def said_once(checks: list[P]) -> list[P]:
    """The page's lines of a twin's checks (in order, each {"message"}): a message said of
    SAID_ONCE items or more once, where first said, naming the items and how many."""
    fields: dict[str, list[str]] = {}
    for check in checks:
        fields.setdefault(check["message"], []).append(check["field"] or "")
    lines: list[P] = []
    said: set[str] = set()
    for check in checks:
        message = check["message"]
        if len(fields[message]) < SAID_ONCE:
            lines.append({"message": message})
        elif message not in said:
            said.add(message)
            lines.append({"message": f"{_items(fields[message])}：{message}"})
    return lines


def _items(fields: list[str]) -> str:
    """18 项指标得分（甲、乙、…）: the items one check is said of."""
    named = [m for m in map(_NAMED.fullmatch, fields) if m]
    if len(named) == len(fields) and len({(m[1], m[3]) for m in named}) == 1:
        return f"{len(fields)} 项{named[0][1]}{named[0][3]}（{'、'.join(m[2] for m in named)}）"
    return f"{len(fields)} 项（{'、'.join(fields)}）"


def _groups(table: P | None) -> list[P]:
    """The scoring table's rows grouped by 一级 in table order, each with its subtotal."""
    if table is None:
        return []
    subtotals = {s["level1"]: s for s in table["subtotals"]}
    groups: list[P] = []
    for row in table["indicators"]:
        if not groups or groups[-1]["level1"] != row["level1"]:
            groups.append({"level1": row["level1"], "subtotal": subtotals.get(row["level1"]), "rows": []})
        groups[-1]["rows"].append(row)
    return groups


def stub(data: P) -> P:
    """What full-text search indexes of a document page (perfsite.site.search.stub_html's fields)."""
    e = html.escape
    texts = [data.get("conclusion"), *(data.get("findings") or []), *(data.get("suggestions") or [])]
    for finding in data.get("rectification") or []:  # each measure as its page's row reads: who, with what evidence
        texts.append(finding["problem"])
        texts += [" ".join(m[k] for k in ("measure", "owner", "evidence") if m.get(k)) for m in finding["measures"]]
    for item in data.get("application") or []:
        texts.append(f"{item['action']} {item['amount'] or ''}{item['unit'] if item['amount'] else ''} {item['note'] or ''}")
    return {"name": f"{data['name']}·{data['title_suffix']}", "year": data["year"], "id": data["id"],
            "url": data["url"], "department": data["department"], "region": data.get("region"),
            "kind_label": data["title_suffix"],
            "evaluation": data.get("evaluation"), "evaluator": data.get("evaluator"),
            "indicators": (data.get("table") or {}).get("indicators") or [],
            "sections": [{"title": data["title_suffix"], "html": "".join(f"<p>{e(t)}</p>" for t in texts if t)}]}
