"""The 绩效目标表 page (/projects/<year>/<id>/targets/) and its comparison on the 自评 page.

Both are projections: the target page of its TargetRecord, the comparison of
perfsite.targets_compare's rows (labels from CHANGE_LABEL, warnings from FLAGGED), so the
two pages name a change the same way. A lowered target (目标调低) is shown in words and with
a mark, never by colour alone: a 人大代表 reading a printout must see it.
"""

from __future__ import annotations

import html
from typing import Any

from markupsafe import Markup

from perfsite.disclosure import corrected_after
from perfsite.kinds import KINDS, DocumentKind
from perfsite.pagedata import CHECKS, check_entry
from perfsite.record import Record, TargetRecord
from perfsite.site.programme_page import json_bytes
from perfsite.site.render import DASH, Templates, standard
from perfsite.site.render import escape_text as esc
from perfsite.site.report_page import document_links
from perfsite.site.twins import targets_csv
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_compare import CHANGE_LABEL, FLAGGED, Change, IndicatorChange, Parses, compare_targets

P = dict[str, Any]

TITLE_SUFFIX = "绩效目标表"


def targets_twin(rec: TargetRecord, evaluated: bool, lowered: P | None = None) -> P:
    """The JSON twin of a 绩效目标表 page (docs/json.md names each key). `lowered`: what the
    programme-year's 自评 lowered (lowered_note), a key only where it lowered or left undecided a
    target: the twin of any other table is the same whatever its 自评 says."""
    return {
        "kind": "绩效目标", "id": rec.id, "year": rec.year, "url": rec.url, "name": rec.name,
        "department": rec.department, "department_code": rec.department_code, "implementer": rec.implementer,
        "attribute": rec.attribute, "period": rec.period, "region": rec.region, "series": rec.series,
        "published": rec.published, "source": rec.source, "sample": rec.sample, "funds": rec.funds,
        "midterm_goal": rec.midterm_goal, "annual_goal": rec.annual_goal, "weight_total": rec.weight_total,
        "indicators": list(rec.indicators),
        # a key only where the form has a 中期 set (docs/json.md): a one-year table's twin has none
        **({"midterm_indicators": list(rec.midterm_indicators)} if rec.midterm_indicators else {}),
        "disclosure": rec.disclosure,
        "checks": {name: [check_entry(x) for x in rec.of(severity)] for name, severity in CHECKS.items()},
        "self_evaluation": rec.programme_url if evaluated else None,
        **({"self_evaluation_lowered": {k: v for k, v in lowered.items() if k != "at"}} if lowered else {}),
        "downloads": rec.links,
    }


def render_targets(rec: TargetRecord, info: SiteConfig, evaluated: bool,
                   documents: frozenset[str] = frozenset(), templates: Templates | None = None,
                   lowered: P | None = None) -> tuple[str, str, str, dict[str, bytes], P, tuple[str, str, str]]:
    """(url, title, content HTML, downloads, twin, head values) of a 绩效目标表 page, as
    shell.render_programme gives a 自评 page's. `evaluated`: the same programme-year has a 自评;
    `documents`: every document page's address (the links to its other documents); `lowered`:
    the targets that 自评 lowered (lowered_note), said at the top and at each row."""
    lowered = lowered if evaluated else None
    data = targets_twin(rec, evaluated, lowered)
    marked = dict(zip(lowered["at"], lowered["rows"], strict=True)) if lowered else {}
    # The 权重 column wherever a set's indicators carry weights: `weight_total` is only written
    # when the form's total is not 100, so it cannot say whether there are weights.
    weights = bool(rec.weight_total) or any(row["weight"] for row in rec.indicators)
    midterm_weights = any(row["weight"] for row in rec.midterm_indicators)
    # what the captions and the note say of the rows, found here rather than by a Jinja
    # `selectattr … | list` per table (with targets.html including 公开信息 and 数据核验 only
    # when there are any: the page 0.24 → 0.21 ms of CPU)
    body = (templates or standard()).render("targets.html", rec.url, site=info, t=data,
                                            rows=target_rows(rec.indicators, weights, marked), weights=weights,
                                            midterm_rows=target_rows(rec.midterm_indicators, midterm_weights),
                                            midterm_weights=midterm_weights,
                                            core=any(row["core"] for row in rec.indicators),
                                            midterm_core=any(row["core"] for row in rec.midterm_indicators),
                                            inferred=any(row["nature_inferred"] for rows in (rec.indicators, rec.midterm_indicators)
                                                         for row in rows),
                                            documents=document_links(rec.programme_url, documents, DocumentKind.TARGETS))
    files = {rec.links["json"]: json_bytes(data, indent=None), rec.links["csv"]: targets_csv(rec)}
    if rec.yaml_path is not None:
        files[rec.links["yaml"]] = rec.yaml_path.read_bytes()
    title = f"{rec.name}（{rec.year}年度{TITLE_SUFFIX}）"
    description = f"{rec.name}{rec.year}年度项目支出绩效目标表：年度目标、绩效指标及其指标值。"
    head = (html.escape(description), html.escape(",".join(w for w in (rec.name, f"{rec.year}年度", rec.department, "绩效目标") if w)),
            f'<meta name="PubDate" content="{html.escape(rec.published)}">' if rec.published else "")
    return rec.url, title, body, files, data, head


_CORE = ' <span class="ps-core" title="核心指标">★<span class="ps-visually-hidden">核心指标</span></span>'
_QUALITATIVE = '<span class="ps-hint">（定性）</span>'


def lowered_mark(lowered: P) -> str:
    """Under a target its 自评 restated lower: the 目标调低 mark in words and the 自评's target
    (with the comparison's note), as the 自评 page's comparison says it."""
    note = f'（{esc(lowered["note"])}）' if lowered["note"] else ""
    return (f'<br><span class="ps-tag ps-tag--lowered">⚠ 目标调低</span> '
            f'<span class="ps-hint">自评表写为 {esc(lowered["restated"])}{note}</span>')


def inferred_hint(row: P) -> str:
    """The comparison the site read into a target the form printed without a sign
    (`nature_inferred`: 81个 is compared as ≥81个), shown apart from the 指标值 as written."""
    return f'<span class="ps-hint">（原表未写符号，按 {esc(row["nature"])} 比较）</span>' if row["nature_inferred"] else ""


def target_rows(indicators: tuple[P, ...], weights: bool, lowered: dict[int, P] | None = None) -> Markup:
    """An indicator table's body rows (a 权重 cell in each when `weights`), built in Python as
    programme_page builds the 自评's: ten rows of eight values cost Jinja about half the page.
    Values are escaped as autoescape does; a missing one is a dash. `lowered`: row index → what
    the 自评 restated lower there (lowered_note's rows), said under its 目标值."""
    lowered = lowered or {}
    return Markup("".join(_target_row(row, weights, lowered.get(index)) for index, row in enumerate(indicators)))


def _target_row(row: P, weights: bool, lowered: P | None = None) -> str:
    weight = f'<td data-label="权重" class="ps-num">{esc(row["weight"] or DASH)}</td>' if weights else ""
    return (f'    <tr><th scope="row">{esc(row["name"])}{_CORE if row["core"] else ""}</th>\n'
            f'      <td data-label="层级">{esc(row["level1"])} / {esc(row["level2"] or DASH)}</td>\n'
            f'      <td data-label="目标值" class="ps-target">{esc(row["target_text"])}'
            f'{_QUALITATIVE if row["nature"] == "定性" else inferred_hint(row)}{lowered_mark(lowered) if lowered else ""}</td>\n{weight}'
            f'      <td data-label="指标解释">{esc(row["explanation"] or DASH)}</td>\n'
            f'      <td data-label="设定依据">{esc(row["basis"] or DASH)}</td>\n'
            f'      <td data-label="数据来源">{esc(row["data_source"] or DASH)}</td></tr>\n')


def changes(rec: Record, table: TargetTable, parses: Parses | None = None) -> list[IndicatorChange]:
    """The 自评's indicators against its 绩效目标表 (perfsite.targets_compare), made once per pair
    in the build's worker holding the 自评 (with its Parses): its list row's mark and its page
    both read them."""
    return compare_targets(table, rec, parses=parses)  # type: ignore[arg-type]  # a record's indicators carry the paths and targets


def lowered_count(rows: list[IndicatorChange]) -> int:
    """How many targets the 自评 lowered (目标调低): what a list row flags."""
    return sum(1 for row in rows if row.change is Change.LOWERED)


def lowered_note(rows: list[IndicatorChange]) -> P | None:
    """What the 绩效目标表 page says of its 自评 (rows of compare_targets): the targets it lowered
    (目标调低), each with the table's path, both targets and the comparison's note, `at` the
    table's row, and how many the comparison could not decide (`undecided`: any may be lowered).
    None when neither: the page is then the same whatever the 自评 says."""
    lowered = [row for row in rows if row.change is Change.LOWERED and row.planned_index is not None]
    undecided = sum(1 for row in rows if row.undecided)
    if not lowered and not undecided:
        return None
    return {"count": len(lowered), "undecided": undecided,
            "rows": [{"path": " / ".join(x for x in (row.renamed_from or row.path) if x), "planned": row.planned,
                      "restated": row.restated, "note": str(row.note)} for row in lowered],
            "at": [row.planned_index for row in lowered]}


def mark_rows(rows: list[P], target_urls: set[str], lowered: dict[str, int]) -> None:
    """Give each list row (pages.listing_row) its 绩效目标表's address (`targets`, None without
    one) and its count of lowered targets (`lowered`, by the 自评's address): the listings'
    marks and the 项目查询 facet read them."""
    for row in rows:
        url = f"{row['url']}{KINDS[DocumentKind.TARGETS].slug}/"
        row["targets"] = url if url in target_urls else None
        row["lowered"] = lowered.get(row["url"], 0) if row["targets"] else 0


def target_comparison(rec: Record, table: TargetTable, rows: list[IndicatorChange] | None = None) -> P:
    """What the 自评 page shows of its 绩效目标表: each indicator's change, the count of lowered
    targets (the summary sentence), the removed indicators, the targets page's address, the
    table's corrections dated after the 自评's 发布日期 (`corrected_after`, disclosure.corrected_after)
    and those dated before it (`corrected_before`, where there are any). `rows`: the comparison already made (changes()), else made here."""
    rows = changes(rec, table) if rows is None else rows
    late = corrected_after(table.disclosure, rec.published)
    # the file holds the table as last corrected: corrected only before the 自评 was published, that
    # is the version in force when it was, and the page says the 自评 is compared with it, not with
    # the table 年初公布 (a key only where there is one: the twin of any other 自评 is as it was)
    early = [c for c in table.disclosure.corrections if c not in late] if rec.published else []
    return {"url": f"{rec.url}targets/", **comparison(rows),
            "corrected_after": [{"date": c.date, "what": c.what} for c in late],
            **({"corrected_before": [{"date": c.date, "what": c.what} for c in early]} if early else {})}


def comparison(rows: list[IndicatorChange]) -> P:
    """Rows of compare_targets as a page shows them: each indicator's change, the removed ones,
    the count of lowered targets (the summary sentence), of those the comparison could not
    decide (IndicatorChange.undecided: any of them may be lowered, so the sentence says so) and
    of flagged ones (a 自评 page's and a department page's, alike)."""
    shown = [{"path": " / ".join(x for x in row.path if x), "planned": row.planned, "restated": row.restated,
              "change": str(row.change), "label": CHANGE_LABEL[row.change], "flagged": row.change in FLAGGED,
              "note": str(row.note),
              "renamed_from": " / ".join(x for x in row.renamed_from if x) if row.renamed_from else None}
             for row in rows]
    return {
        "rows": [r for r in shown if r["change"] != Change.REMOVED],
        "removed": [r for r in shown if r["change"] == Change.REMOVED],
        "lowered": sum(1 for row in rows if row.change is Change.LOWERED),
        "undecided": sum(1 for row in rows if row.undecided),
        "flagged": sum(1 for row in rows if row.change in FLAGGED),
    }
