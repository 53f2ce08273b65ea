"""Pages of the site, built from the core's programme dicts and rendered with Jinja.

Each builder returns a `SitePage` whose HTML is a content fragment; the hook (or any other
renderer) puts it inside the theme. Listing URLs use readable names where they are safe.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import partial
from typing import Any

from markupsafe import Markup

from perfsite.opendata.build import inert_cell as opendata_inert_cell
from perfsite.site import stats
from perfsite.site.model import ProgrammeInput, SiteBuild, SiteInfo, SitePage
from perfsite.site.render import DASH, escape_values, group_digits, linker, needs_escaping, percent, render
from perfsite.site.render import escape_text as esc

P = dict[str, Any]
MAX_FALLBACK_ROWS = 3000
"""Above this many programmes, the index's no-script fallback links year pages instead of rows."""
LISTING_PAGE = 500
"""Programmes per listing page. A longer listing (a year holds 25,000 programmes at scale, over
10 MB as one page) continues on <listing>/page/2/, page/3/, …; the first page keeps the figures."""


def slug(name: str) -> str:
    """A URL segment for a region or department: the name itself when it is safe, else + hash.

    Letters of any script and digits stay readable (/regions/曲沃县/); anything else (slashes,
    dots, spaces, upper case that could collide on case-insensitive disks) gets a stable suffix.
    """
    clean = re.sub(r"[^\w]+|_", "-", name.lower()).strip("-")[:40]
    if clean == name and clean:
        return clean
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{clean}-{digest}" if clean else digest


def grade_classifier(info: SiteInfo) -> Callable[[str | None], str]:
    """CSS class per grade by rank (g1 best), so renamed bands keep their colours."""
    ranks = {label: f"g{i}" for i, (_, label) in enumerate(info.grades, start=1)}

    def grade_class(grade: str | None) -> str:
        return ranks.get(grade or "", "none")

    return grade_class


def bar(value: Decimal | int, top: Decimal | int, width: float, offset: float = 0) -> str:
    """Bar length (plus an offset) for a chart: drawing only, so float is fine here."""
    return f"{offset + ((float(value) / float(top) * width) if top else 0):.1f}"


def row_summary(data: P) -> P:
    """The fields a programme list shows (one row per programme)."""
    budget, spent = stats.wan(data, "budget"), stats.wan(data, "spent")
    figures = (data.get("budget") or {}).get("figures") or {}
    return {
        "url": data["url"], "year": data["year"], "name": data["name"],
        "department": data.get("department") or "", "region": data.get("region") or "",
        "evaluation": data.get("evaluation") or "单位自评",
        "total": data.get("total"), "grade": data.get("grade"), "sample": bool(data.get("sample")),
        "budget_wan": None if budget is None else stats.exact(budget),
        "spent_wan": None if spent is None else stats.exact(spent),
        "execution_rate": figures.get("execution_rate"),
    }


def sort_rows(rows: Iterable[P]) -> list[P]:
    """Best total first, then by name: the order readers expect in a results list."""
    return sorted(rows, key=lambda r: (-Decimal(r["total"] or "-1"), r["name"], r["url"]))


class Builder:
    """Renders all pages of one site; holds the shared context (site info, grade classes)."""

    def __init__(self, info: SiteInfo, programmes: list[ProgrammeInput], rows: list[P] | None = None):
        """`rows` (already in page order) instead of programmes: pages rendered elsewhere (fast.py)."""
        self.info = info
        self.inputs = sorted(programmes, key=lambda p: (-p.data["year"], p.data["name"], p.data["id"]))
        self.rows = [row_summary(p.data) for p in self.inputs] if rows is None else rows
        self.grade_class = grade_classifier(info)
        self.grade_labels = [label for _, label in info.grades]
        self.build = SiteBuild(info=info)

    def render(self, template: str, page_url: str, **context: Any) -> str:
        rows = partial(programme_rows, page_url=page_url, grade_class=self.grade_class)
        return render(template, page_url, site=self.info, grade_class=self.grade_class, bar=bar,
                      programme_rows=rows, **context)

    def page(self, url: str, title: str, kind: str, template: str, in_nav: bool = False,
             **context: Any) -> None:
        html = self.render(template, url, title=title, **context)
        self.build.pages.append(SitePage(url=url, title=title, html=html, kind=kind, in_nav=in_nav))

    def summary(self, rows: Iterable[P]) -> stats.Summary:
        return stats.summarise(rows, self.grade_labels)

    def run(self) -> SiteBuild:
        for item in self.inputs:
            self.programme(item)
        self.index()
        self.listings()
        self.home()
        return self.build

    # programme pages ------------------------------------------------------------------
    def programme(self, item: ProgrammeInput) -> None:
        data = item.data
        url = data["url"]
        self.build.pages.append(SitePage(
            url=url, title=f"{data['name']}（{data['year']}年度）", kind="programme",
            html=self.render("programme.html", url, **programme_context(data, self.info)),
        ))
        self.build.files.update(programme_files(item))

    # index -------------------------------------------------------------------------------
    def index(self) -> None:
        by_year: dict[int, list[P]] = defaultdict(list)
        for row in self.rows:
            by_year[row["year"]].append(row)
        years = sorted(by_year, reverse=True)
        data = index_data(self.rows)
        self.build.files["projects/index.json"] = data
        self.page(
            "projects/", "项目查询", "index", "index.html",
            years=[(y, sorted(by_year[y], key=lambda r: r["name"])) for y in years],
            fallback_rows=len(self.rows) <= MAX_FALLBACK_ROWS,
            regions=sorted({r["region"] for r in self.rows if r["region"]}),
            departments=sorted({r["department"] for r in self.rows if r["department"]}),
            evaluations=sorted({r["evaluation"] for r in self.rows}),
            grades=self.grade_labels, count=len(self.rows), in_nav=True,
            grade_classes={label: self.grade_class(label) for label in self.grade_labels},
        )

    # listings ----------------------------------------------------------------------------
    def listings(self) -> None:
        ranked = sort_rows(self.rows)  # sorted once: grouping keeps the order within each group
        self.listing_kind(ranked, "years", "年度", lambda r: str(r["year"]), lambda k: k,
                          lambda k: f"{k}年度", newest_first=True)
        self.listing_kind(ranked, "regions", "地区", lambda r: r["region"], slug, lambda k: k)
        self.listing_kind(ranked, "departments", "部门", lambda r: r["department"], slug, lambda k: k)

    def listing_kind(self, ranked: list[P], base: str, noun: str, key: Callable[[P], str],
                     to_slug: Callable[[str], str], label: Callable[[str], str],
                     newest_first: bool = False) -> None:
        """The pages of one kind of listing (`ranked`: all rows in listing order) and its overview."""
        groups: dict[str, list[P]] = defaultdict(list)
        for row in ranked:
            if key(row):
                groups[key(row)].append(row)
        names = sorted(groups, reverse=newest_first)
        entries = []
        for name in names:
            url = f"{base}/{to_slug(name)}/"
            summary = self.summary(groups[name])
            entries.append({"name": name, "label": label(name), "url": url, "summary": summary})
            self.listing(url, label(name), noun, base, summary, groups[name])
        missing = sum(1 for r in self.rows if not key(r))
        self.page(f"{base}/", f"按{noun}查看", "listing", "listings.html", noun=noun,
                  entries=entries, missing=missing, base=base, in_nav=True)

    def listing(self, url: str, heading: str, noun: str, base: str, summary: stats.Summary,
                items: list[P]) -> None:
        """One listing: LISTING_PAGE programmes a page, the first at `url` with the summary figures."""
        size = LISTING_PAGE
        total = max(1, -(-len(items) // size))
        for number in range(1, total + 1):
            chunk = items[(number - 1) * size:number * size]
            caption = f"{heading}项目（按总分排列）"
            suffix = ""
            if total > 1:
                first = (number - 1) * size + 1
                caption = f"{heading}项目（按总分排列，第 {first}–{first + len(chunk) - 1} 个，共 {len(items)} 个）"
                suffix = "" if number == 1 else f"（第 {number} 页，共 {total} 页）"
            self.page(listing_page_url(url, number), f"{heading}项目绩效评价{suffix}", "listing",
                      "listing.html", heading=heading, heading_suffix=suffix, noun=noun,
                      summary=summary, items=chunk, caption=caption, show_year=base != "years",
                      base=base, first_url=url, page_size=size,
                      pager=pager(url, number, total) if total > 1 else None)

    # home --------------------------------------------------------------------------------
    def home(self) -> None:
        years = sorted({r["year"] for r in self.rows}, reverse=True)
        latest = years[0] if years else None
        latest_rows = [r for r in self.rows if r["year"] == latest]
        self.page("", self.info.title, "home", "home.html",
                  latest=latest, summary=self.summary(latest_rows), years=years,
                  recent=sort_rows(latest_rows)[:10], count=len(self.rows), in_nav=True)


def listing_page_url(url: str, number: int) -> str:
    """Page `number` of the listing at `url`: the listing itself, then url/page/2/, …"""
    return url if number == 1 else f"{url}page/{number}/"


def pager_numbers(current: int, total: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: first, last and `around` either side of the current one,
    None for a gap (…); a gap of one page shows that page instead, as it takes the same room."""
    shown = sorted({1, total, *range(max(1, current - around), min(total, current + around) + 1)})
    numbers: list[int | None] = []
    last = 0
    for n in shown:
        if n - last == 2:
            numbers.append(n - 1)
        elif n - last > 2:
            numbers.append(None)
        numbers.append(n)
        last = n
    return numbers


def pager(url: str, current: int, total: int) -> P:
    """What the pager macro draws for page `current` of `total` of the listing at `url`:
    previous/next URLs (None at the ends) and the numbered items (None: a gap)."""
    return {
        "current": current, "total": total,
        "prev": listing_page_url(url, current - 1) if current > 1 else None,
        "next": listing_page_url(url, current + 1) if current < total else None,
        "items": [None if n is None else {"number": n, "url": listing_page_url(url, n), "current": n == current}
                  for n in pager_numbers(current, total)],
    }


# Programme lists (listings, the home page) are built here, not in the template: at 100,000
# programmes the listings hold 300,000 rows, ~10 s in Jinja (two macro calls, ten lookups and
# escapes a row), ~1 s here. The text is exactly what _macros.html's loop wrote, escaped as
# autoescape does (tests/test_site_listings.py renders that loop as the reference).

def programme_rows(items: list[P], show_year: bool, page_url: str,
                   grade_class: Callable[[str | None], str]) -> Markup:
    """The <tr> of each programme (list rows of row_summary) of a programme table, as HTML."""
    link = linker(page_url)
    badges = {grade: grade_badge(grade, grade_class) for grade in {p["grade"] for p in items}}
    return Markup("".join([_programme_row(p, show_year, link, badges) for p in items]))


def grade_badge(grade: str | None, grade_class: Callable[[str | None], str]) -> str:
    """A list row's grade badge (no prefix), with the newline the template's macro left."""
    if not grade:
        return '<span class="ps-grade ps-grade--none">未评级</span>\n'
    return (f'<span class="ps-grade ps-grade--{esc(grade_class(grade))}"><span class="ps-visually-hidden">：</span>'
            f'<strong>{esc(grade)}</strong></span>\n')


_SAMPLE_BADGE = '<span class="ps-tag ps-tag--sample" title="示例数据，不是正式公开的评价结果">示例</span>'


def _year_text(year: int | str) -> str:
    """As {{ year }} writes it; an int needs no escaping (markupsafe would take 1 µs a row)."""
    return str(year) if type(year) is int else esc(year)


def _programme_row(p: P, show_year: bool, link: Callable[[str], str], badges: dict[str | None, str]) -> str:
    """One row; its texts are checked for markup once together and escaped only if need be."""
    href, name, department = link(p["url"]), p["name"], p["department"]
    region, total = p["region"] or DASH, p["total"] or DASH
    budget, rate = group_digits(p["budget_wan"]), percent(p["execution_rate"])
    if needs_escaping(f"{href}{name}{department}{region}{total}{budget}{rate}"):
        href, name, department, region, total, budget, rate = map(
            esc, (href, name, department, region, total, budget, rate))
    year = f'<td class="ps-num" data-label="年度">{_year_text(p["year"])}</td>' if show_year else ""
    return (
        f"    <tr>\n{year}"
        f'      <th scope="row"><a href="{href}">{name}</a>{_SAMPLE_BADGE if p["sample"] else ""}</th>\n'
        f'      <td data-label="主管部门">{department}</td>\n'
        f'      <td data-label="地区">{region}</td>\n'
        f'      <td class="ps-num" data-label="全年预算（万元）">{budget}</td>\n'
        f'      <td class="ps-num" data-label="执行率">{rate}</td>\n'
        f'      <td class="ps-num" data-label="总分">{total}</td>\n'
        f'      <td data-label="等级">{badges[p["grade"]]}</td>\n'
        "    </tr>\n"
    )


def budget_head(columns: list[P]) -> list[P]:
    """First header row of the budget table: grouped columns (财政资金) merged into one cell."""
    head: list[P] = []
    for col in columns:
        group = col.get("group")
        if group and head and head[-1].get("group") == group:
            head[-1]["span"] += 1
        elif group:
            head.append({"group": group, "span": 1})
        else:
            head.append({"label": col["label"]})
    return head


def indicator_groups(data: P) -> list[P]:
    """Rows split into one block per 一级 run; the 一级 subtotal follows its last block."""
    rows = data.get("indicators") or []
    blocks: list[P] = []
    for row in rows:
        if row.get("level1_rowspan") or not blocks:
            blocks.append({"level1": row.get("level1"), "rows": [], "subtotal": None, "all_na": False})
        blocks[-1]["rows"].append(row)
    subtotals = {s["level1"]: s for s in data.get("level1_subtotals") or []}
    last = {b["level1"]: i for i, b in enumerate(blocks)}
    for level1, index in last.items():
        blocks[index]["subtotal"] = subtotals.get(level1)
    for block in blocks:
        block["all_na"] = not any(r.get("applicable", True) for b in blocks
                                  if b["level1"] == block["level1"] for r in b["rows"])
    return blocks


def score_chart(data: P) -> P | None:
    """Bar lengths (0–100) of score and weight per applicable indicator, scaled to the largest weight;
    `bars` is the chart's list items as HTML."""
    rows = [r for r in data.get("indicators") or [] if r.get("applicable", True) and r.get("weight")]
    if not rows:
        return None
    weights = [Decimal(r["weight"]) for r in rows]
    top = max(weights)
    if not top:
        return None
    return {
        "max_label": stats.exact(top).removesuffix(".00"),
        "bars": Markup("".join(_chart_bar(r, bar(weight, top, 100), bar(Decimal(r.get("score") or 0), top, 100))
                               for r, weight in zip(rows, weights, strict=True))),
    }


# The programme page's long tables (budget, indicators, score chart) are built here, not in
# programme.html: their ~250 values cost Jinja ~0.6 ms a page (a lookup, an escape and a yield
# each), Python ~0.1 ms. Values are escaped as autoescape does (esc, escape_values), and each
# function writes exactly the lines the template's loops did, with their indentation.

def _chart_bar(row: P, weight_len: str, score_len: str) -> str:
    return (
        "    <li>\n"
        f'      <span class="ps-bar-name">{esc(row["name"])}</span>\n'
        '      <svg class="ps-bar-svg" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true"'
        ' focusable="false">\n'
        f'        <rect x="0" y="0" width="{weight_len}" height="12" class="ps-bar-weight"></rect>\n'
        f'        <rect x="0" y="0" width="{score_len}" height="12" class="ps-bar-score"></rect>\n'
        "      </svg>\n"
        f'      <span class="ps-bar-value">得分 {esc(row.get("score") or DASH)} / '
        f'权重 {esc(row["weight"] or DASH)}</span>\n'
        "    </li>\n"
    )


def budget_header(columns: list[P]) -> tuple[Markup, Markup]:
    """The budget table's two header rows' cells as HTML: a grouped column's (财政资金) group
    spans the first row, its own label is in the second; other columns span both rows."""
    first = "".join(
        f'      <th scope="colgroup" colspan="{head["span"]}" class="ps-group">{esc(head["group"])}</th>\n'
        if head.get("group") else f'      <th scope="col" rowspan="2" class="ps-num">{esc(head["label"])}</th>\n'
        for head in budget_head(columns))
    second = "".join(f'<th scope="col" class="ps-num">{esc(col["label"])}</th>' for col in columns if col.get("group"))
    return Markup(first), Markup(second)


def budget_rows(budget: P | None) -> Markup:
    """The budget table's body rows as HTML (cells in column order; ratios are percent figures)."""
    if not budget:
        return Markup()
    keys = [col["key"] for col in budget["columns"]]
    return Markup("".join(_budget_row(row, keys) for row in budget["rows"]))


def _budget_row(row: P, keys: list[str]) -> str:
    """Money grouped by thousands, a ratio as is; a missing ratio (0/0) is a dash, missing money blank."""
    values = [row["cells"].get(key) for key in keys]
    if row["percent"]:
        cells = [DASH if v is None else esc(v) for v in values]
    else:
        cells = ["" if v is None else esc(group_digits(v)) for v in values]
    mark = '<span class="ps-derived-mark" title="按公式计算">计算</span>' if row["derived"] else ""
    return "".join([
        '    <tr class="ps-derived">\n' if row["derived"] else "    <tr>\n",
        f'      <th scope="row">{esc(row["label"])}{mark}</th>\n',
        f'      <td class="ps-line">{esc(row["line"])}</td>\n',
        *[f'      <td class="ps-num">{cell}</td>\n' for cell in cells],
        "    </tr>\n",
    ])


def indicator_bodies(groups: list[P]) -> Markup:
    """One <tbody> per 一级 block of indicator_groups(): its rows, then the 一级 subtotal if it ends here."""
    return Markup("".join(map(_indicator_body, groups)))


def _indicator_body(group: P) -> str:
    return "".join(["  <tbody>\n", *map(_indicator_row, group["rows"]), _subtotal_row(group), "  </tbody>\n"])


_SCORE_NOTE = {
    "not_recomputed": '<br><span class="ps-published">按公布得分</span>\n',
    "unverified": '<br><span class="ps-published">无法复核</span>\n',
}


def _indicator_row(row: P) -> str:
    """One indicator's <tr>; its text is escaped once for the row, so values are used as they are."""
    ind = escape_values(row)
    applicable = ind["applicable"]
    status = ind["status"]
    parts = [f'    <tr class="ps-status--{status}{"" if applicable else " ps-na"}">\n']
    if ind["level1_rowspan"]:
        parts.append(f'<th scope="rowgroup" rowspan="{ind["level1_rowspan"]}" class="ps-l1">{ind["level1"]}</th>')
    if ind["level2_rowspan"]:
        parts.append(f'<th scope="row" rowspan="{ind["level2_rowspan"]}" class="ps-l2">{ind["level2"]}</th>')
    na_tag = "" if applicable else ' <span class="ps-tag">不适用</span>'
    parts.append(f'      <th scope="row" class="ps-l3">{ind["name"]}{na_tag}</th>\n')
    parts.append(f'      <td class="ps-num">{ind["weight"] or DASH}</td>\n')
    parts.append(f'      <td>{ind["target"] or DASH}</td>\n')
    parts.append(f'      <td>{ind["actual"] or DASH}</td>\n')
    reported = ""
    if ind["reported_completion"] and status in ("discrepancy", "rounding"):
        reported = f'<br><span class="ps-published">公布 {ind["reported_completion"]}</span>'
    parts.append(f'      <td class="ps-num">{percent(ind["completion"])}{reported}</td>\n')
    parts.append(f'      <td class="ps-num ps-score">\n        {ind["score"] or DASH}\n{_score_note(ind)}      </td>\n')
    parts.append('      <td class="ps-rule">\n'
                 f'        <span class="ps-rule-name">{ind["rule_label"] if applicable else "不计分"}</span>\n')
    if ind["explanation"]:
        parts.append(f'<span class="ps-explain">{ind["explanation"]}</span>')
    if ind["rule_text"]:
        parts.append('        <details class="ps-ruletext"><summary>评分标准</summary>'
                     f'<p>{ind["rule_text"]}</p></details>\n')
    parts.append("      </td>\n")
    parts.append(f'      <td class="ps-remark">{ind["remark"] or ""}</td>\n    </tr>\n')
    return "".join(parts)


def _score_note(ind: P) -> str:
    """Under the computed score: the published one when they differ, or why there is no check
    (`ind` already escaped)."""
    status = ind["status"]
    if status == "discrepancy":
        return (f'<br><span class="ps-published ps-published--bad">公布 {ind["reported_score"] or DASH}'
                '<span class="ps-flag">不一致</span></span>\n')
    if status == "rounding":
        return f'<br><span class="ps-published">公布 {ind["reported_score"] or DASH}（舍入）</span>\n'
    return _SCORE_NOTE.get(status, "")


def _subtotal_row(group: P) -> str:
    subtotal = group["subtotal"]
    if not subtotal:
        return ""
    score = "不适用" if group["all_na"] else esc(subtotal["score"] or DASH)
    return ('    <tr class="ps-subtotal">\n'
            f'      <th scope="row" colspan="3">{esc(subtotal["level1"])} 小计</th>\n'
            f'      <td class="ps-num">{esc(subtotal["weight"] or DASH)}</td>\n'
            '      <td colspan="3"></td>\n'
            f'      <td class="ps-num">{score}</td>\n'
            '      <td colspan="2"></td>\n'
            "    </tr>\n")


def programme_context(data: P, info: SiteInfo) -> P:
    """Everything programme.html needs beyond the dict itself."""
    checks = data.get("checks") or {}
    budget = data.get("budget") or {}
    region = data.get("region") or ""
    department = data.get("department") or ""
    head, subhead = budget_header(budget.get("columns") or [])
    return {
        "programme": data,
        "budget_head": head,
        "budget_subhead": subhead,
        "budget_rows": budget_rows(budget),
        "indicator_bodies": indicator_bodies(indicator_groups(data)),
        "chart": score_chart(data),
        "checks_box": any(checks.get(k) for k in ("discrepancies", "warnings", "notes")),
        "discrepancies": len(checks.get("discrepancies") or []),
        "region_url": f"regions/{slug(region)}/" if region else None,
        "dept_url": f"departments/{slug(department)}/" if department else None,
        "downloads": download_links(data),
        "absolute_url": info.site_url.rstrip("/") + "/" + data["url"] if info.site_url else "",
    }


DOWNLOAD_LABELS = {
    "yaml": ("YAML 源数据文件", "发布单位提交的原始数据"),
    "csv": ("指标表（CSV）", "含公布数与复算数，可用 Excel 打开"),
    "source_csv": ("原始指标表（CSV）", "发布单位提交的指标表，按原编码"),
    "json": ("JSON 数据", "含本站复算的得分和核验结果"),
}


def download_links(data: P) -> list[P]:
    downloads = data.get("downloads") or {}
    return [{"path": downloads[k], "label": label, "note": note}
            for k, (label, note) in DOWNLOAD_LABELS.items() if downloads.get(k)]


INDICATOR_CSV_HEAD = ("一级指标", "二级指标", "三级指标", "权重", "年度指标值", "实际完成值", "完成率",
                      "得分", "评分标准", "偏差原因分析及改进措施", "复算完成率", "复算得分", "核验")
INDICATOR_CSV_KEYS = ("level1", "level2", "name", "weight", "target", "actual", "reported_completion",
                      "reported_score", "rule_text", "remark", "completion", "score", "status")


def indicators_csv(data: P) -> bytes:
    """The indicator table with computed figures as CSV (UTF-8 with BOM, for Excel); a text cell
    Excel would run as a formula gets a leading apostrophe (the open-data rule)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(INDICATOR_CSV_HEAD)
    for r in data.get("indicators") or []:
        writer.writerow([opendata_inert_cell(v) if isinstance(v, str) else v for v in map(r.get, INDICATOR_CSV_KEYS)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def programme_files(item: ProgrammeInput) -> dict[str, bytes]:
    """The programme's downloads: source bytes as published, the JSON twin from the dict."""
    data = item.data
    downloads = data.get("downloads") or {}
    files: dict[str, bytes] = {}
    if downloads.get("json"):
        files[downloads["json"]] = json_bytes(data, indent=None)  # no indent: C encoder, 4× faster
    if downloads.get("yaml") and item.yaml_path is not None:
        files[downloads["yaml"]] = item.yaml_path.read_bytes()
    if downloads.get("csv"):
        files[downloads["csv"]] = indicators_csv(data)
    if downloads.get("source_csv") and item.csv_path is not None:
        files[downloads["source_csv"]] = item.csv_path.read_bytes()
    return files


def json_bytes(value: Any, indent: int | None = 1) -> bytes:
    """JSON as published: UTF-8, Chinese kept readable, key order as built (deterministic).

    No value contains itself, so the encoder's cycle check is skipped (10% faster).
    """
    return json.dumps(value, ensure_ascii=False, indent=indent, check_circular=False).encode("utf-8") + b"\n"


INDEX_FIELDS = ("path", "year", "name", "department", "region", "evaluation", "total", "grade",
                "budget", "sample")


def index_data(rows: list[P]) -> bytes:
    """The index page's data: one compact JSON, repeated strings stored once in lookup lists.

    A row is [path under projects/, year, name, department#, region#, evaluation#, total, grade#, budget万元, sample],
    # meaning an index into the list of that name; so 10,000 rows stay small once gzipped.
    """
    lookups: dict[str, list[str]] = {"department": [], "region": [], "evaluation": [], "grade": []}
    positions: dict[str, dict[str, int]] = {k: {} for k in lookups}

    def ref(kind: str, value: str | None) -> int:
        value = value or ""
        if value not in positions[kind]:
            positions[kind][value] = len(lookups[kind])
            lookups[kind].append(value)
        return positions[kind][value]

    out = []
    for r in rows:
        out.append([
            r["url"].removeprefix("projects/"), r["year"], r["name"],
            ref("department", r["department"]), ref("region", r["region"]),
            ref("evaluation", r["evaluation"]), r["total"], ref("grade", r["grade"]),
            r["budget_wan"], 1 if r["sample"] else 0,
        ])
    payload = {"version": 1, "fields": list(INDEX_FIELDS), **{f"{k}s": v for k, v in lookups.items()},
               "rows": out}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
