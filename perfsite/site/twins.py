"""Machine-readable twins of the listing pages: next to each listing (按年度, 按地区, 按部门 and
any other kind built through Builder.listing) a `programmes.csv` and a `programmes.json` with
every programme of the listing (all its pages), and next to each overview (years/, regions/, …)
a `groups.csv` and `groups.json` with the figures of each group. And the CSV beside each
绩效目标表, 评价报告 and 整改 page (its indicators, scoring table or measures), the table a
reader opens in Excel where the JSON serves a program.

Columns, headers, units and escaping are those of /data/ (perfsite.opendata): the same `Column`
definitions and the same encoder (one escape, the formula guard), money in 元 and 万元
(perfsite.opendata.units). A document's CSV is its rows of the /data/ table without the columns
that name the programme and mark 示例数据 (the page says both), as a 自评's 指标表（CSV） is
indicators.csv's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from perfsite.opendata.cycle import RECTIFICATION_COLUMNS, rectification_rows
from perfsite.opendata.parts import csv_file, csv_lines, csv_list_lines
from perfsite.opendata.tables import (
    INDICATOR_CSV_COLUMNS,
    PROGRAMME_COLUMNS,
    SAMPLE_COLUMN,
    Column,
    cell_text,
    indicator_csv_values,
    money_columns,
)
from perfsite.opendata.targets import TARGET_COLUMNS, target_rows
from perfsite.opendata.units import WAN_SUFFIX, yuan_text
from perfsite.record import IndicatorRecord, TargetRecord

LISTING_CSV = "programmes.csv"
LISTING_JSON = "programmes.json"
OVERVIEW_CSV = "groups.csv"
OVERVIEW_JSON = "groups.json"

_BY_NAME = {c.name: c for c in PROGRAMME_COLUMNS}
SHOWN_COLUMNS: tuple[Column, ...] = (
    Column("score", "number", "得分", "列表所示得分：原文公布的总分，未公布时为计算总分", "分"),
    Column("score_source", "string", "得分来源", "published 原文公布、computed 本站复算"),
    Column("shown_grade", "string", "等级", "列表所示等级：原文公布的等级（归入优良中差），未公布时为计算等级"),
    Column("verdict", "string", "复算核验", "match 一致、rounding 舍入差异、discrepancy 不一致、computed 未公布仅复算、none 无总分"),
    Column("mismatch", "string", "不一致之处",
           "核验为 discrepancy 而总分与复算相符时，不一致的是什么：分项复算不一致、等级不符，或两者都有；其他为空"),
    Column("targets", "string", "绩效目标表", "同一项目同一年度的绩效目标表页相对于网站根目录的地址；本站没有时为空"),
    Column("lowered", "integer", "目标调低数", "自评表所列目标低于绩效目标表的指标数；没有绩效目标表时为空"),
)
"""What a listing shows for a programme beyond /data/'s columns: the headline's figure (perfsite.headline)
and its 绩效目标表 mark."""
STAGE_COLUMN = Column("stage", "string", "阶段",
                      "evaluated 已有绩效自评；targets_only 只公布了年初绩效目标表、尚无绩效自评"
                      "（页面地址是绩效目标表页，没有得分，不计入汇总）")
LISTING_COLUMNS: tuple[Column, ...] = (
    *(_BY_NAME[name] for name in (
        "year", "id", "url", "name", "department", "region", "evaluation", "sample", "budget", "budget_wan",
        "spent", "spent_wan", "execution_rate")),
    *SHOWN_COLUMNS, _BY_NAME["total"], STAGE_COLUMN)
"""A listing's programmes: the columns of the list rows, as /data/programmes.csv names them, and
its stage. The page names its programmes with a 绩效目标表 and no 自评 yet under its list (a year
at budget time has only those): a reader downloading the list must find them too, marked apart,
never summed with the 自评s (the twin's `summaries` are the page's figures, of the 自评s alone)."""
OVERVIEW_COLUMNS: tuple[Column, ...] = (
    Column("year", "integer", "评价年度", "汇总所属年度（金额只在同一年度内相加）"),
    Column("name", "string", "名称", "分组名称（年度、地区或部门）"),
    Column("url", "string", "页面地址", "该分组页面相对于网站根目录的地址"),
    Column("count", "integer", "项目数", "该分组该年度的项目数（含示例项目）"),
    Column("mean", "number", "平均得分",
           "列表所示得分（公布总分，未公布时为计算总分）的简单平均，四舍五入到 2 位；示例项目不计（全部是示例时除外）", "分"),
    *money_columns("budget", "公布预算执行情况表的项目全年预算合计"),
    *money_columns("spent", "公布预算执行情况表的项目全年执行合计"),
    Column("execution_rate", "number", "预算执行率", "全年执行合计 ÷ 全年预算合计 × 100", "%"),
    Column("with_budget", "integer", "有预算表的项目数", "公布了预算执行情况表的项目数"),
    Column("targets_only", "integer", "只有绩效目标表的项目数",
           "该分组该年度只公布了年初绩效目标表、尚无绩效自评的项目数（不计入项目数和其他各列）；"
           "只有这类项目的分组年度也有一行，项目数为 0"),
)
"""An overview's groups: the figures each group's listing shows, and the programmes it names with
a 绩效目标表 alone (a year at budget time has only those: the page names them, so does its download)."""


def _money(row: dict[str, Any], field: str, wan: str | None) -> None:
    """`field` in 元 and 万元 from the exact 万元 text the pages use."""
    row[field] = yuan_text(Decimal(wan) * 10000) if wan else ""
    row[field + WAN_SUFFIX] = wan or ""


def _csv(columns: Sequence[Column], rows: list[dict[str, Any]]) -> bytes:
    return csv_file(columns, csv_lines(columns, [{k: cell_text(v) for k, v in row.items()} for row in rows]))


def _json(title: str, url: str, columns: Sequence[Column], rows: list[dict[str, Any]], key: str,
          extra: dict[str, Any]) -> bytes:
    """Figures as strings (exact, as everywhere in the site's JSON); each field's unit named."""
    units = {c.name: c.unit for c in columns if c.unit}
    items = [{c.name: row.get(c.name) if row.get(c.name) not in ("", None) else None for c in columns}
             for row in rows]
    for item in items:
        for name in ("year", "count", "with_budget", "lowered", "targets_only"):
            if isinstance(item.get(name), str) and item[name].isdigit():
                item[name] = int(item[name])
        if "sample" in item:
            item["sample"] = item["sample"] == "true" or item["sample"] is True
    payload = {"title": title, "url": url, "units": units, **extra, key: items}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def listing_twins(url: str, title: str, items: Sequence[dict[str, Any]],
                  summaries: Sequence[Any], waiting: Sequence[dict[str, Any]] = ()) -> dict[str, bytes]:
    """The CSV and JSON of the listing at `url` (items: list rows, pages.listing_row; summaries:
    the listing's figures, one per year; waiting: its 绩效目标表s with no 自评 yet, as the page
    lists them under its list: pages.Builder.targets_only), the 自评s first, in page order."""
    rows = []
    for item in items:
        row = {"year": item["year"], "id": item["url"].rstrip("/").rsplit("/", 1)[-1], "url": item["url"],
               "name": item["name"], "department": item["department"], "region": item["region"],
               "evaluation": item["evaluation"], "sample": item["sample"],
               "execution_rate": item.get("execution_rate"), "score": item.get("score"),
               "score_source": item.get("source"), "shown_grade": item.get("grade"),
               "verdict": item.get("verdict"), "mismatch": item.get("mismatch"), "total": item.get("total"), "targets": item.get("targets"),
               "lowered": item.get("lowered") if item.get("targets") else None, "stage": "evaluated"}
        _money(row, "budget", item.get("budget_wan"))
        _money(row, "spent", item.get("spent_wan"))
        rows.append(row)
    for table in waiting:  # projects/<year>/<id>/targets/: the programme's id is the folder above
        row = {"year": table["year"], "id": table["url"].rstrip("/").split("/")[-2], "url": table["url"],
               "name": table["name"], "department": table.get("department") or "", "region": table.get("region") or "",
               "sample": bool(table.get("sample")), "targets": table["url"], "stage": "targets_only"}
        _money(row, "budget", None)
        _money(row, "spent", None)
        rows.append(row)
    extra = {"summaries": [_summary(summary) for summary in summaries]}
    return {f"{url}{LISTING_CSV}": _csv(LISTING_COLUMNS, rows),
            f"{url}{LISTING_JSON}": _json(title, url, LISTING_COLUMNS, rows, "programmes", extra)}


def _summary(summary: Any) -> dict[str, Any]:
    row = {"year": summary.year, "count": summary.count, "mean": summary.mean, "execution_rate": summary.execution_rate,
           "with_budget": summary.with_budget, "grades": dict(summary.grades)}
    _money(row, "budget", summary.budget)
    _money(row, "spent", summary.spent)
    return {k: (v if v != "" else None) for k, v in row.items()}


def overview_twins(url: str, title: str, entries: Sequence[dict[str, Any]],
                   waiting: Sequence[dict[str, Any]] = ()) -> dict[str, bytes]:
    """The CSV and JSON of the overview at `url` (entries: name, url, summary of each group and year,
    and how many 绩效目标表s with no 自评 it lists that year; `waiting`: name, url, year and count
    of a group-year that has those alone); the JSON also gives each group's grade distribution,
    as the page's table does."""
    rows = [{"name": e["name"], "url": e["url"], **_summary(e["summary"]), "targets_only": e.get("waiting", 0)}
            for e in entries]
    rows += [{"year": e["year"], "name": e["name"], "url": e["url"], "count": 0, "with_budget": 0,
              "targets_only": e["count"], "grades": {}} for e in waiting]
    rows.sort(key=lambda row: -row["year"])  # as the page: newest year first, its groups in page order
    grades = [row.pop("grades") for row in rows]
    document = json.loads(_json(title, url, OVERVIEW_COLUMNS, rows, "groups", {}))
    for group, counts in zip(document["groups"], grades, strict=True):
        group["grades"] = counts
    return {f"{url}{OVERVIEW_CSV}": _csv(OVERVIEW_COLUMNS, rows),
            f"{url}{OVERVIEW_JSON}": json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")}


_SAID_BY_THE_PAGE = ("year", "id", "url", "name", "department", SAMPLE_COLUMN.name)
"""The columns of a document's /data/ row its page says itself: the programme-year it names and
its 示例 mark (a /data/ table mixes many documents' rows, the page's CSV is its own)."""
TARGETS_CSV_COLUMNS: tuple[Column, ...] = tuple(c for c in TARGET_COLUMNS if c.name not in _SAID_BY_THE_PAGE)
"""A 绩效目标表's CSV: each indicator (the 年度 set, then the 中期) as /data/targets.csv writes it."""
REPORT_CSV_COLUMNS: tuple[Column, ...] = INDICATOR_CSV_COLUMNS
"""A 评价报告's CSV: each row of its scoring table as a 自评's 指标表（CSV） writes an indicator
(the table is scored as a 自评's: perfsite.record.make_report_record)."""
RECTIFICATION_CSV_COLUMNS: tuple[Column, ...] = tuple(c for c in RECTIFICATION_COLUMNS if c.name not in _SAID_BY_THE_PAGE)
"""A 整改's CSV: each measure as /data/rectification.csv writes it, overdue judged on the day
the page judges it (its status_date, else the build date)."""


def targets_csv(rec: TargetRecord) -> bytes:
    return csv_file(TARGETS_CSV_COLUMNS, csv_lines(TARGETS_CSV_COLUMNS, target_rows(rec)))


def report_csv(table: dict[str, Any]) -> bytes:
    """The scoring table of a report's JSON twin (`table`), its rows back as the record's
    indicators (IndicatorRecord.as_dict made them) so they are written as a 自评's are."""
    rows = (indicator_csv_values(IndicatorRecord(**row)) for row in table["indicators"])
    return csv_file(REPORT_CSV_COLUMNS, csv_list_lines(REPORT_CSV_COLUMNS, rows))


def rectification_csv(listed: dict[str, Any], today: str) -> bytes:
    """The measures of a 整改 document (`listed`: what the site-wide 整改 page takes of it,
    rectification_page.listed), judged against `today` (the build date) as its page is."""
    measures, _ = rectification_rows([listed], today)
    return csv_file(RECTIFICATION_CSV_COLUMNS, csv_lines(RECTIFICATION_CSV_COLUMNS, measures))
