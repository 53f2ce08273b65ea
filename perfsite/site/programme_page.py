"""A programme page's context: its tables built in Python, its download links and files.

The programme page's long tables (budget, indicators, score chart) are built here, not in
programme.html: their ~250 values cost Jinja ~0.6 ms a page (a lookup, an escape and a yield
each), Python ~0.1 ms. Values are escaped as autoescape does (esc, escape_values). A row is
one line without indentation, and a cell carries a class or label only where the CSS cannot tell
it by position: every byte is downloaded by each reader of each page (docs/performance.md keeps
a programme page under 40 KB).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from perfsite.decimals import plain
from perfsite.headline import rounding_note, shown_grade
from perfsite.indicator_csv import republished
from perfsite.kinds import DocumentKind, address
from perfsite.opendata.parts import csv_file, csv_list_lines
from perfsite.opendata.tables import INDICATOR_CSV_COLUMNS, indicator_csv_values
from perfsite.pagedata import twin
from perfsite.record import BUDGET_COLUMNS, Record
from perfsite.safefile import read_limited
from perfsite.site import stats
from perfsite.site.model import ProgrammeInput
from perfsite.site.render import (
    DASH,
    bar,
    escape_values,
    grade_band,
    group_digits,
    level_name,
    needs_escaping,
    percent,
    slug,
)
from perfsite.site.render import escape_text as esc
from perfsite.site.years_page import series_page, years_flags
from perfsite.siteconfig import GradeBand, SiteConfig
from perfsite.targets_compare import Change
from perfsite.values import identity_text, stated
from perfsite.yamlload import MAX_BYTES

if TYPE_CHECKING:  # department_page imports this module
    from perfsite.site.department_page import DepartmentPage

P = dict[str, Any]


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
    top = max([Decimal(r["weight"]) for r in rows])
    if not top:
        return None
    top_float = float(top)
    return {
        "max_label": stats.exact(top).removesuffix(".00"),
        "bars": Markup("".join([_chart_bar(r, top_float) for r in rows])),
    }


def _chart_bar(row: P, top: float) -> str:
    """One bar: the indicator's name, the weight's rect under the score's (perfsite.css colours
    the first grey, the second the accent and places the three by position), the figures as text.
    Lengths are bar()'s, the same operations on the same floats (float of a figure's text is float
    of its Decimal; `0 +` is bar()'s offset, which prints a -0.0 as 0.0), without a Decimal and a
    call per length; the row's texts are escaped only when one of them needs it (one search for
    the three)."""
    name, score, weight = row["name"], row.get("score") or DASH, row["weight"]
    if needs_escaping(name + score + weight):
        name, score, weight = esc(name), esc(score), esc(weight)
    return (f'<li><span>{name}</span>'
            '<svg viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">'
            f'<rect width="{0 + float(row["weight"]) / top * 100:.1f}" height="12"/>'
            f'<rect width="{0 + float(row.get("score") or 0) / top * 100:.1f}" height="12"/></svg>'
            f'<span>得分 {score} / 权重 {weight}</span></li>\n')


def budget_header(columns: list[P]) -> tuple[Markup, Markup]:
    """The budget table's two header rows' cells as HTML: a grouped column's (财政资金) group
    spans the first row, its own label is in the second; other columns span both rows."""
    return _budget_columns(columns)[:2]


BudgetColumns = tuple[Markup, Markup, tuple[tuple[str, str], ...]]
"""A budget table's header rows and, per column, its key and the opening tag of a cell with a
figure (labelled for the phone layout)."""


def _budget_columns(columns: list[P]) -> BudgetColumns:
    """The header rows and cell openings of `columns`; every record's are record.BUDGET_COLUMNS
    (one list, read-only), whose are made once per process, not per page (6 µs a page)."""
    if columns is BUDGET_COLUMNS:
        return _STANDARD_COLUMNS
    return _columns_html(columns)


def _columns_html(columns: list[P]) -> BudgetColumns:
    first = "".join(
        f'<th scope="colgroup" colspan="{head["span"]}" class="ps-group">{esc(head["group"])}</th>'
        if head.get("group") else f'<th scope="col" rowspan="2" class="ps-num">{esc(head["label"])}</th>'
        for head in budget_head(columns))
    second = "".join(f'<th scope="col" class="ps-num">{esc(col["label"])}</th>' for col in columns if col.get("group"))
    cells = tuple((col["key"], f'<td data-label="{esc(col["label"])}">') for col in columns)
    return Markup(first), Markup(second), cells


_STANDARD_COLUMNS = _columns_html(BUDGET_COLUMNS)


def budget_rows(budget: P | None) -> Markup:
    """The budget table's body rows as HTML (cells in column order; ratios are percent figures)."""
    if not budget:
        return Markup()
    columns = _budget_columns(budget["columns"])[2]
    return Markup("".join([_budget_row(row, columns) for row in budget["rows"]]))


_DERIVED_ROW = '<tr class="ps-derived">'
_DERIVED_MARK = '<span class="ps-derived-mark" title="按公式计算">计算</span>'


def _budget_row(row: P, columns: tuple[tuple[str, str], ...]) -> str:
    """Money grouped by thousands, a ratio as is; a ratio not computed (0/0, or an input not given)
    is a dash, money not given or not computed (a 结余 whose 执行 was given only as a total) blank:
    a dash with its phone label in each such money cell pushed the largest 10,000-programme pages
    (a 目标表 each) past 40 KB, and a blank money cell already says "no figure".
    Each cell with a figure carries its column label (`data-label`) for the phone layout, where a
    row is a card and an empty cell is left out (so it needs none); the CSS aligns the figures.
    The row's two heading cells are the same on every page (_budget_row_head)."""
    values = row["cells"]
    ratio, derived = row["percent"], row["derived"]
    cells = []
    for key, opening in columns:
        value = values.get(key)
        text = (DASH if ratio else "") if value is None else esc(value if ratio else group_digits(value))
        cells.append(f"{opening}{text}</td>" if text else "<td></td>")
    return f'{_budget_row_head(row["label"], row["line"], derived)}{"".join(cells)}</tr>\n'


@lru_cache(maxsize=64)
def _budget_row_head(label: str, line: str, derived: bool) -> str:
    """A budget row's opening and its two heading cells: the same nine or ten rows on every page
    (BUDGET_ROWS' labels and lines), so each is made once per process, not per page."""
    return (f'{_DERIVED_ROW if derived else "<tr>"}'
            f'<th scope="row">{esc(label)}{_DERIVED_MARK if derived else ""}</th>'
            f'<td class="ps-line">{esc(line)}</td>')


def indicator_bodies(groups: list[P], lowered: dict[int, str] | None = None) -> Markup:
    """One <tbody> per 一级 block of indicator_groups(): its rows, then the 一级 subtotal if it ends
    here. `lowered`: the index of each indicator whose target the 自评 lowered → the 绩效目标表's
    target (lowered_rows), marked at its 目标值."""
    shared = shared_rules(groups)
    lowered = lowered or {}
    parts = []
    index = 0
    for group in groups:
        parts.append("<tbody>\n")
        for row in group["rows"]:
            parts.append(_indicator_row(row, shared.get(id(row)), lowered.get(index)))
            index += 1
        parts.append(_subtotal_row(group))
        parts.append("</tbody>\n")
    return Markup("".join(parts))


SHARED_SCOPE = {"level1": "本一级指标", "level2": "本二级指标"}


def shared_rules(groups: list[P]) -> dict[int, str]:
    """Rows whose 评分标准 their whole level shares (id(row) → ``first:<scope>`` or ``same``).

    A form often repeats one rule text («得分=分值×完成率，完成率低于60%不得分») on every row of
    a level; in the table it is then written once, on the level's first row, and the others say
    同上. Phone cards stand alone, so each card keeps its own copy (the CSS shows it there).
    The widest level wins: a whole 一级 block sharing one text is marked once, not per 二级.
    """
    marks: dict[int, str] = {}
    for group in groups:
        rows = group["rows"]
        if not any([row.get("rule_text") for row in rows]):
            continue  # no 评分标准 in the block (most forms give none): nothing to share
        whole = _one_rule(rows)
        scope = SHARED_SCOPE["level1" if whole else "level2"]
        for run in [rows] if whole else _level2_runs(rows):
            if len(run) > 1 and _one_rule(run):
                marks[id(run[0])] = f"first:{scope}"
                marks.update((id(row), "same") for row in run[1:])
    return marks


def _one_rule(rows: list[P]) -> bool:
    texts = {row.get("rule_text") for row in rows}
    return len(rows) > 1 and len(texts) == 1 and None not in texts and "" not in texts


def _level2_runs(rows: list[P]) -> list[list[P]]:
    runs: list[list[P]] = []
    for row in rows:
        if row.get("level2_rowspan") or not runs:
            runs.append([])
        runs[-1].append(row)
    return runs


_SCORE_NOTE = {
    "not_recomputed": '<br><span class="ps-published">按公布得分</span>',
    "unverified": '<br><span class="ps-published">无法复核</span>',
}


def _span(rows: int) -> str:
    """A level cell's rowspan attribute; none for one row, the attribute's default (10 a page saved
    13 bytes each on the demo's heaviest page, which weighs in at the 40 KB limit)."""
    return f' rowspan="{rows}"' if rows != 1 else ""


def lowered_rows(targets: P | None) -> dict[int, str]:
    """The page's comparison with its 绩效目标表 (targets_page.target_comparison) as its indicator
    table marks it: each lowered indicator's index → the 目标表's target. Its `rows` are the
    自评's indicators, one each, in their order (compare_targets lists them first)."""
    if not targets or not targets["lowered"]:
        return {}
    return {index: row["planned"] for index, row in enumerate(targets["rows"]) if row["change"] == Change.LOWERED}


def _lowered_mark(planned: str) -> str:
    """Under a 目标值 the 自评 lowered: the mark in words, not colour alone (a printout, a phone
    card: the row's own cell carries it), and the target it was lowered from."""
    return (f'<br><span class="ps-tag ps-tag--lowered">⚠ 目标调低</span>'
            f'<span class="ps-hint">（绩效目标表 {esc(planned)}）</span>')


def _indicator_row(row: P, shared: str | None = None, lowered: str | None = None) -> str:
    """One indicator's <tr>; its text is escaped once for the row, so values are used as they are.
    `shared` is the row's mark from shared_rules(). One f-string a row, not a list of cells: a
    programme page has about ten rows, and each append and join cost more than its text.

    The seven cells after the names carry no class or label of their own: they are always the
    last seven of a row (INDICATOR_CELLS), so the CSS aligns the figures and writes the phone
    card's labels by position, once, not in each of ten rows' seventy cells."""
    ind = escape_values(row)
    applicable = ind["applicable"]
    status = ind["status"]
    if status == "match":
        opening = "<tr>" if applicable else '<tr class="ps-na">'
    else:
        opening = f'<tr class="ps-status--{status}">' if applicable else f'<tr class="ps-status--{status} ps-na">'
    level1, level2 = ind["level1"], ind["level2"]
    span1, span2 = ind["level1_rowspan"], ind["level2_rowspan"]
    heads = f'<th scope="rowgroup"{_span(span1)} class="ps-l1">{level_name(level1)}</th>' if span1 else ""
    if span2:  # a level's later 二级 names carry their 一级 name, printed where the 一级 cell is on the page before
        heads += (f'<th scope="row"{_span(span2)} class="ps-l2">{level_name(level2)}</th>' if span1 else
                  f'<th scope="row"{_span(span2)} class="ps-l2" data-l1="{level1}">{level_name(level2)}</th>')
    path = f"{level1} › {level2}" if level1 and level2 else level1 or level2 or ""
    target, actual, completion = ind["target"], ind["actual"], ind["completion"]
    reported = ind["reported_completion"]
    explanation, rule_text = ind["explanation"], ind["rule_text"]
    return (f'{opening}{heads}<th scope="row" class="ps-l3">{ind["name"]}{"" if applicable else _NA_TAG}'
            f'<span class="ps-path">{path}</span></th><td>{ind["weight"] or DASH}</td>'
            f'<td{_KEEP if target and len(target) <= KEEP_WHOLE and lowered is None else ""}>{target or DASH}'
            f'{_lowered_mark(lowered) if lowered is not None else ""}</td>'
            f'<td{_KEEP if actual and len(actual) <= KEEP_WHOLE else ""}>{actual or DASH}</td>'
            f'<td>{percent(completion)}'
            f'{_reported(reported) if reported and status in _REPORTED else ""}</td>'
            f'<td>{ind["score"] or DASH}{_score_note(ind)}</td>'
            f'<td><span class="ps-rule-name">{ind["rule_label"] if applicable else "不计分"}</span>'
            f'{f"""<span class="ps-explain">{explanation}</span>""" if explanation else ""}'
            f'{_rule_text(rule_text, shared) if rule_text else ""}</td><td>{ind["remark"] or ""}</td></tr>\n')


_NA_TAG = ' <span class="ps-tag">不适用</span>'
_KEEP = ' class="ps-keep"'
_REPORTED = ("discrepancy", "rounding")
"""The statuses under whose completion the published one is shown."""


def _reported(completion: str) -> str:
    return f'<br><span class="ps-published">公布 {completion}</span>'


INDICATOR_CELLS = ("权重", "目标值", "实际值", "完成率", "得分", "评分方法", "偏差原因")
"""An indicator row's cells after its names, in order: perfsite.css labels them by position
(td:nth-last-child) on a phone; tests read them by these names (indicator_cells)."""


def _rule_text(text: str, shared: str | None) -> str:
    """The 评分标准 in a closed <details>; on a level's first row it says the level shares it,
    on the level's other rows a 同上 stands in the table (ps-rule-same) and the copy (ps-ruletext--same)
    is for the phone card only."""
    if shared == "same":
        return ('<span class="ps-rule-same">评分标准同上</span>'
                f'<details class="ps-ruletext ps-ruletext--same"><summary>评分标准</summary><p>{text}</p></details>')
    summary = f"评分标准（{shared.removeprefix('first:')}共用）" if shared else "评分标准"
    return f'<details class="ps-ruletext"><summary>{summary}</summary><p>{text}</p></details>'


KEEP_WHOLE = 14
"""A target or actual this short (`≥600人次`, `87.10%、64.52%`) never breaks inside: on a phone
a figure split from its unit reads as two figures. Longer texts are sentences and wrap."""


def _score_note(ind: P) -> str:
    """Under the computed score: the published one when they differ, or why there is no check
    (`ind` already escaped)."""
    status = ind["status"]
    if status == "discrepancy":
        return (f'<br><span class="ps-published ps-published--bad">公布 {ind["reported_score"] or DASH}'
                '<span class="ps-flag">不一致</span></span>')
    if status == "rounding":
        return f'<br><span class="ps-published">{rounding_note(ind["reported_score"], ind["score"])}</span>'
    if status == "match" and ind["reported_score"] and ind["reported_score"] != ind["score"]:
        return f'<br><span class="ps-published">公布 {ind["reported_score"]}</span>'  # 45.0049 beside an exact 45.0050: 一致 within 0.01
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


def summary_sentence(data: P) -> str:
    """The page's first sentence, in words a reader takes in at once: money, targets, grade
    (预算 X 万元，实际支出 Y 万元（Z%），N 项指标中 M 项达到目标，公布的评价等级为「优」). An indicator
    whose published score was taken unjudged counts as not reached (docs/json.md `reached`), so the
    sentence names how many such there are (`reached.unjudged`): else a reader counts them as missed. A grade
    is called published only where the form published it (the headline's source and grade);
    otherwise it is this site's, and says so."""
    parts = []
    budget = data.get("budget") or {}
    figures = budget.get("figures") or {}
    if figures.get("budget") and figures.get("spent"):
        unit = budget["unit"]
        rate = f"（{figures['execution_rate']}%）" if figures.get("execution_rate") else ""
        parts.append(f"预算 {group_digits(figures['budget'])} {unit}，实际支出 {group_digits(figures['spent'])} {unit}{rate}")
    reached = data.get("reached") or {}
    if reached.get("scored"):
        taken = reached.get("unjudged")
        parts.append(f"{reached['scored']} 项指标中 {reached['reached']} 项达到目标"
                     + (f"、{taken} 项按公布得分计未作判断" if taken else ""))
    head = data.get("headline") or {}
    if head.get("source") == "published" and head.get("grade"):
        parts.append(f"公布的评价等级为「{head['grade']}」")
    elif head.get("computed_grade"):
        parts.append(f"按本站复算评为「{head['computed_grade']}」")
    return "，".join(parts) + "。" if parts else ""


BUDGET_STEPS = (("budget", "全年预算"), ("funded", "实际到位"), ("spent", "全年执行"))


def budget_chart(budget: P | None) -> list[P]:
    """预算 → 到位 → 执行 as bars scaled to the largest; each bar's figure is text beside it,
    so the chart reads without the picture."""
    figures = (budget or {}).get("figures") or {}
    values = [(label, figures.get(key)) for key, label in BUDGET_STEPS]
    known = [Decimal(v) for _, v in values if v]
    top = max(known, default=Decimal(0))
    if len(known) < 2 or not top:
        return []
    return [{"label": label, "value": group_digits(v) if v else DASH,
             "length": bar(Decimal(v), top, 100) if v else "0"} for label, v in values]


TREND_WIDTH, TREND_LEFT, TREND_RIGHT = 320, 40, 310
TREND_FIRST, TREND_LAST = 72, 278
TREND_TOP, TREND_BASE = 24, 104
"""A trend chart's drawing in its viewBox: axis lines over x 40–310, years spread over x 72–278
(room for a centred label at either end), values over y 104 (zero) to 24 (the top of the scale);
320 units across a phone's 358 px make 13-unit text 14.5 px."""
TREND_LABELLED = 6
"""Up to this many years every point is labelled with its figure; more would collide (the table
below the charts has every figure)."""


def trend(data: P, band: Callable[[str | None], str | None] = lambda g: g,
          tables: Mapping[int, str] | None = None) -> P | None:
    """The programme's years side by side: `rows` (this year and its other years by year, each with
    its `evaluation`, 单位自评 where a year's entry has none, its `band`: the grade's band through
    `band`, site.yaml's aliases, 优秀 → 优, so 优秀 → 良好 → 优 reads as one scale, and its `called`,
    the name another year was published under where it differs from this page's, and its
    `department`, the 主管部门 that published it where that differs: a programme moved between
    departments reads as one otherwise; on a real page, a year of 示例数据 is marked and named in the note), `gaps`
    (the years between them with no 自评 on the site), `table` (the rows and a `gap` row for each of
    those, by year, with that year's 绩效目标表 page from `tables` (gap_tables) where there is one:
    the charts' text equivalent) and `charts` (inline SVG of the headline's total
    and of the execution rate, each drawn when two or more years have the figure)."""
    others = data.get("other_years") or []
    if not others:
        return None
    head = data.get("headline") or {}
    figures = (data.get("budget") or {}).get("figures") or {}
    this = {"year": data["year"], "url": None, "execution_rate": figures.get("execution_rate"),
            "evaluation": data.get("evaluation"),
            "headline": {"score": head.get("score"), "grade": shown_grade(head), "source": head.get("source")}}
    name, department = identity_text(data.get("name") or ""), identity_text(data.get("department") or "")
    rows = sorted([{**r, "evaluation": r.get("evaluation") or "单位自评", "band": band(r["headline"]["grade"]),
                    "called": r.get("name") if r.get("name") and identity_text(r["name"]) != name else None,
                    "department": r.get("department") if r.get("department")
                    and identity_text(r["department"]) != department else None,
                    "sample": bool(r.get("sample")) and not data.get("sample")}
                   for r in (this, *others)], key=lambda r: (r["year"], r["url"] or data["url"]))
    years = [r["year"] for r in rows]
    charts = []
    if len(set(years)) == len(years):
        for title, values, unit in (("总分", [r["headline"]["score"] for r in rows], "分"),
                                    ("预算执行率", [r["execution_rate"] for r in rows], "%")):
            if sum(v is not None for v in values) >= 2:
                charts.append({"title": title, "unit": unit, "svg": trend_svg(years, values, unit)})
    sources = {r["headline"]["source"] for r in rows if r["headline"]["score"]}
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    table = sorted([*rows, *({"year": year, "gap": True, "table": (tables or {}).get(year)} for year in gaps)],
                   key=lambda r: r["year"])
    note = TREND_NOTE[("published" in sources, "computed" in sources)]
    samples = [str(r["year"]) for r in rows if r["sample"]]
    if samples:  # a fictitious year's score drawn beside this real one's
        note += f"{'、'.join(samples)} 年度是示例数据，不是正式公开的评价结果。"
    if len({r["evaluation"] for r in rows}) > 1:  # a unit's own 自评 and a third party's evaluation are not one series
        note += "各年度评价方式不同，得分不宜直接比较。"
    if gaps:  # two dots far apart say nothing of the years between: the table and the note say it
        blank = f"，图中{'该年度' if len(gaps) == 1 else '这些年度'}空缺，线在此断开" if charts else ""
        note += f"{'、'.join(str(year) for year in gaps)} 年无自评{blank}。"
    return {"rows": rows, "table": table, "gaps": gaps, "charts": charts, "note": note}


def gap_tables(series: Mapping[str, Sequence[P]], tables: Iterable[tuple[int, str, str]]) -> dict[str, dict[int, str]]:
    """Series → year → the 绩效目标表 page of each year between the series' 自评s (`series`: their
    entries, Loaded.series_map) that has none: the 历年情况 row of a year with no 自评 links what
    the programme did publish that year. `tables`: every 绩效目标表 as (year, id, its `series`,
    "" for none). A table joins the series it names, as its renames do (Loaded.series_map);
    one that names none, the series of a 自评 under its id (a programme's id may change between
    years: a table under any of them is the programme's). Made once a build for every page and
    its build cache key (workers.page_inputs): asked per page, the join ran 10,000 times."""
    named: dict[tuple[str, int], str] = {}
    by_id: dict[tuple[int, str], str] = {}
    for year, ident, joined in tables:
        url = address(DocumentKind.TARGETS, year, ident)
        if joined:
            named.setdefault((joined, year), url)
        else:
            by_id[(year, ident)] = url
    found: dict[str, dict[int, str]] = {}
    for name, entries in series.items():
        years, ids = set(), set()
        for entry in entries:
            year, ident = entry["url"].split("/")[1:3]
            years.add(int(year))
            ids.add(ident)
        gaps = {}
        for year in sorted(set(range(min(years, default=0), max(years, default=0))) - years):
            table = named.get((name, year)) or next((by_id[(year, ident)] for ident in sorted(ids)
                                                     if (year, ident) in by_id), None)
            if table is not None:
                gaps[year] = table
        if gaps:
            found[name] = gaps
    return found


TREND_NOTE = {
    (True, False): "总分为各年度公布的得分。",
    (True, True): "总分为各年度公布的得分；标“复算”的年度原文未公布总分，为本站按公布的指标复算的得分。",
    (False, True): "各年度原文均未公布总分，总分为本站按公布的指标复算的得分。",
    (False, False): "",
}
"""Which total the trend shows, as on each year's own page (the headline's figure)."""


def trend_svg(years: list[int], values: list[str | None], unit: str) -> Markup:
    """One series as a line over the years on a scale from 0 to 100 (or its largest value, an
    execution rate may pass 100%): a scale cut below would make a 3-point dip look like a fall.
    A year without the figure breaks the line, and so does a year with no page: the years are
    spaced by year, so 2021, 2022, 2024 leave 2023's gap, and a line across it would draw a
    2023 that was never published. Drawing only (float); the figures are text."""
    top = max([Decimal(100), *(Decimal(v) for v in values if v is not None)])
    step = (TREND_LAST - TREND_FIRST) / max(years[-1] - years[0], 1)  # by year: a missing year leaves its gap
    xs = [TREND_FIRST + step * (year - years[0]) if len(years) > 1 else (TREND_FIRST + TREND_LAST) / 2 for year in years]

    # each figure's height, made once: the line, its point and its label all use it
    height = {value: f"{TREND_BASE - float(bar(Decimal(value), top, TREND_BASE - TREND_TOP)):.1f}"
              for value in values if value is not None}
    y = height.__getitem__

    parts = [f'<svg class="ps-trend-svg" viewBox="0 0 {TREND_WIDTH} 128" aria-hidden="true">',
             f'<line class="ps-trend-grid" x1="{TREND_LEFT}" x2="{TREND_RIGHT}" y1="{TREND_TOP}" y2="{TREND_TOP}"/>',
             f'<line class="ps-trend-axis" x1="{TREND_LEFT}" x2="{TREND_RIGHT}" y1="{TREND_BASE}" y2="{TREND_BASE}"/>',
             f'<g class="ps-trend-scale" text-anchor="end"><text x="{TREND_LEFT - 6}" y="{TREND_TOP + 4}">{group_digits(str(top))}</text>',
             f'<text x="{TREND_LEFT - 6}" y="{TREND_BASE + 4}">0</text></g>']
    runs: list[list[str]] = [[]]
    for x, value, year, before in zip(xs, values, years, [years[0], *years[:-1]], strict=True):
        if value is None or year - before > 1:
            runs.append([])
        if value is not None:
            runs[-1].append(f"{x:.1f},{y(value)}")
    parts += [f'<polyline class="ps-trend-line" points="{" ".join(run)}"/>' for run in runs if len(run) > 1]
    every = 1 if len(years) <= TREND_LABELLED else 2
    labels, points, figures = [], [], []
    for i, (x, year, value) in enumerate(zip(xs, years, values, strict=True)):
        if i % every == 0 or i == len(years) - 1:
            labels.append(f'<text x="{x:.1f}" y="122">{year}</text>')
        if value is None:
            continue
        points.append(f'<circle cx="{x:.1f}" cy="{y(value)}" r="3.5"/>')
        if len(years) <= TREND_LABELLED or i in (0, len(years) - 1):
            figures.append(f'<text x="{x:.1f}" y="{float(y(value)) - 8:.1f}">{esc(value)}{"%" if unit == "%" else ""}</text>')
    parts.append(f'<g class="ps-trend-year" text-anchor="middle">{"".join(labels)}</g>')
    parts.append(f'<g class="ps-trend-point">{"".join(points)}</g>')
    if figures:
        parts.append(f'<g class="ps-trend-value" text-anchor="middle">{"".join(figures)}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))


_FILE_NAME = re.compile(r"^[^/\\\s]+\.(?:txt|pdf|docx?|xlsx?|wps|et|csv|ofd|zip)$", re.IGNORECASE)


def source_kind(source: str | None) -> str:
    """How `source` is shown: a web address is linked (``url``), a bare file name is only the
    original file (``file``: 原始文件, never 来源), anything else names the document (``title``)."""
    if not source:
        return ""
    if source.startswith(("https://", "http://")):
        return "url"
    return "file" if _FILE_NAME.match(source) else "title"


@lru_cache(maxsize=8)
def grade_help(grades: tuple[GradeBand, ...]) -> Markup:
    """The 评价等级 bands as the page explains them (优：90 分及以上；良：80 分至 90 分以下；…): the
    same for every page of a site, so written once per set of bands, not by the template per page."""
    last = len(grades) - 1
    parts = []
    for i, band in enumerate(grades):
        if i == 0:
            span = f"{plain(band.min)} 分及以上"
        elif band.min == 0:
            span = f"{plain(grades[i - 1].min)} 分以下"
        else:
            span = f"{plain(band.min)} 分至 {plain(grades[i - 1].min)} 分以下"
        parts.append(f"{esc(band.label)}：{esc(span)}{'；' if i < last else '。'}")
    return Markup("".join(parts))


def programme_context(data: P, info: SiteConfig, department_page: DepartmentPage | None = None,
                      cycle: P | None = None, tables: Mapping[int, str] | None = None) -> P:
    """Everything programme.html needs beyond the dict itself; `department_page`, the 部门整体
    page of the programme's department-year when the site has one (with the targets its 部门整体自评
    lowered, marked at the link), `cycle`, its 评价报告 and 整改 (cycle_facts; neither's
    documents are in `data`), and `tables`, the 绩效目标表s of its series' years without a 自评 (gap_tables)."""
    checks = data.get("checks") or {}
    budget = data.get("budget") or {}
    region = data.get("region") or ""
    department = data.get("department") or ""
    head, subhead = budget_header(budget.get("columns") or [])
    return {
        "programme": data,
        "report_compared": data.get("report_compared"),
        "summary": summary_sentence(data),
        "grade_help": grade_help(info.grades),
        "source_kind": source_kind(data.get("source")),
        "budget_chart": budget_chart(budget),
        "budget_head": head,
        "budget_subhead": subhead,
        "budget_rows": budget_rows(budget),
        "indicator_bodies": indicator_bodies(indicator_groups(data), lowered_rows(data.get("target_comparison"))),
        "chart": score_chart(data),
        "trend": trend(data, grade_band(info), tables),
        "years_flags": years_flags(data.get("years_compared")),
        "series_url": series_page(data["years_compared"]) if data.get("years_compared") else None,
        "checks_box": any(checks.get(k) for k in ("discrepancies", "warnings", "notes")),
        "discrepancies": len(checks.get("discrepancies") or []),
        "region_url": f"regions/{slug(region)}/" if stated(region) else None,
        "dept_url": f"departments/{slug(department)}/" if stated(department) else None,
        "dept_page": department_page.url if department_page is not None else None,
        "dept_lowered": department_page.lowered if department_page is not None else 0,
        "downloads": download_links(data),
        "targets": data.get("target_comparison"),  # with a 绩效目标表 (perfsite.site.targets_page), when there is one
        "cycle_links": cycle_links(cycle, data.get("target_comparison")),
    }


CYCLE_KEYS = ("report", "report_score", "report_grade", "rectification", "open", "overdue")
"""What a 自评 page's verdict box says of its programme-year's other documents (cycle_facts)."""


def cycle_facts(row: P, report_scores: dict[str, str | None]) -> P | None:
    """A list row's 评价报告 and 整改 marks (cycle_marks.mark_cycle) with the report's score
    (`report_scores`: 自评 address → the report's total as shown, published else recomputed),
    for its page's verdict box; None where the row has neither document."""
    if not row.get("report") and not row.get("rectification"):
        return None
    return {k: row[k] for k in CYCLE_KEYS if row.get(k)} | (
        {"report_score": report_scores[row["url"]]} if row.get("report") and report_scores.get(row["url"]) else {})


def cycle_links(cycle: P | None, targets: P | None) -> list[P]:
    """The verdict box's one line of what a reader of the 自评 must not miss, each a link, only
    those there are: the 评价报告's score and grade (an evaluator's verdict may differ from the
    unit's own), the 整改 measures not done and how many are overdue, the targets lowered from
    the 绩效目标表. On a phone they sat below the first screen, or behind small links."""
    links = []
    cycle = cycle or {}
    if cycle.get("report"):
        figure = "·".join(x for x in (f"{cycle['report_score']} 分" if cycle.get("report_score") else "",
                                      cycle.get("report_grade") or "") if x)
        links.append({"url": cycle["report"], "text": f"评价报告 {figure}".strip(), "warn": False})
    if cycle.get("rectification"):
        left, late = int(cycle.get("open") or 0), int(cycle.get("overdue") or 0)
        text = f"整改 {left} 项未完成" + (f"（{late} 项逾期）" if late else "") if left else "整改已全部完成"
        links.append({"url": cycle["rectification"], "text": text, "warn": bool(late)})
    if targets and targets.get("lowered"):
        links.append({"url": "#ps-vs-targets", "text": f"目标调低 {targets['lowered']} 项", "warn": True})
    return links


DOWNLOAD_LABELS = {
    "csv": ("指标表（CSV）", "含公布数与复算数，可用 Excel 打开"),
    "source_csv": ("原始指标表（CSV）", "发布单位提交的指标表，按原内容重新生成（UTF-8）"),
    "yaml": ("YAML 源数据文件", "发布单位提交的原始数据"),
    "json": ("JSON 数据", "含本站复算的得分和核验结果"),
}
"""A programme page's downloads in this order: the table a reader opens in Excel first, then the
files for a program to read."""


def download_links(data: P) -> list[P]:
    downloads = data.get("downloads") or {}
    return [{"path": downloads[k], "label": label, "note": note}
            for k, (label, note) in DOWNLOAD_LABELS.items() if downloads.get(k)]


def indicators_csv(rec: Record) -> bytes:
    """The programme's indicator table with computed figures as CSV (UTF-8 with BOM, for Excel):
    the site-wide indicators.csv's columns without the programme keys, written by the same code
    (perfsite.opendata), so `check` reads it back as an indicator table."""
    columns = INDICATOR_CSV_COLUMNS
    return csv_file(columns, csv_list_lines(columns, [indicator_csv_values(ind) for ind in rec.indicators]))


def item_record(item: ProgrammeInput) -> Record:
    """The record a programme's page data was made from (every ProgrammeInput the site makes has one)."""
    if item.record is None:
        raise ValueError(f"{item.data.get('url')}：页面数据没有对应的记录（ProgrammeInput.record）")
    return item.record


def programme_files(item: ProgrammeInput, made: P | None = None) -> dict[str, bytes]:
    """The programme's downloads: source bytes as published, the JSON twin and the indicator CSV
    as projections of its record (`made`: its twin, when the caller has made it)."""
    rec = item_record(item)
    downloads = rec.links
    files: dict[str, bytes] = {}
    if downloads.get("json"):
        twin_data = made if made is not None else twin(rec, item.data.get("other_years") or [],
                                                       item.data.get("years_compared"), item.data.get("target_comparison"))
        files[downloads["json"]] = json_bytes(twin_data, indent=None)  # no indent: C encoder, 4× faster
    if downloads.get("yaml") and rec.yaml_path is not None:
        files[downloads["yaml"]] = read_limited(rec.yaml_path, MAX_BYTES)  # as it was read: a regular file, not a link
    if downloads.get("csv"):
        files[downloads["csv"]] = indicators_csv(rec)
    if downloads.get("source_csv") and rec.csv_path is not None:
        files[downloads["source_csv"]] = republished(rec.csv_path)  # never the submitted bytes
    return files


def json_bytes(value: Any, indent: int | None = 1) -> bytes:
    """JSON as published: UTF-8, Chinese kept readable, key order as built (deterministic).

    No value contains itself, so the encoder's cycle check is skipped (10% faster).
    """
    return json.dumps(value, ensure_ascii=False, indent=indent, check_circular=False).encode("utf-8") + b"\n"
