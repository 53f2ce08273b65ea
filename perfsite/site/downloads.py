"""数据下载: every file under /data/ and the feed, with a data dictionary generated from the schema.

The dictionary is built from the same `Column` tuples that write the CSV files and the
datapackage.json, so a column cannot be published without being described here (and
tests/test_downloads.py fails if one is).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from perfsite.site.model import SitePage

if TYPE_CHECKING:
    from perfsite.site.pages import Builder

URL = "downloads/"
TITLE = "数据下载"

TYPE_LABEL = {"integer": "整数", "number": "数值", "string": "文本", "boolean": "true / false",
              "date": "日期"}

TABLE_INFO = {
    "programmes": ("项目表", "每个项目每个年度一行：基本信息、预算执行合计、计算总分与等级、公布总分与等级、不一致数。",
                   ("year", "id")),
    "indicators": ("绩效指标表", "每个绩效指标一行：目标值、实际值、计算完成率与得分、公布得分、评分规则、核对结果。",
                   ("year", "id", "seq")),
    "budget": ("预算执行情况表", "预算执行情况表的每个单元格一行（金额或比率）。",
               ("year", "id", "row", "column")),
}

FILE_INFO = (
    ("programmes.csv", "CSV", "项目表"),
    ("indicators.csv", "CSV", "绩效指标表"),
    ("budget.csv", "CSV", "预算执行情况表"),
    ("perfsite.xlsx", "Excel", "以上三张表（每表一个工作表）"),
    ("programmes.json", "JSON", "全部项目及计算结果、核验发现"),
)
"""The per-bundle files written by perfsite.opendata.build (site-wide and per year)."""


def dictionary(columns_of: dict[str, Sequence[Any]] | None = None) -> list[dict[str, Any]]:
    """The data dictionary: one entry per table, one row per column, straight from the schema."""
    if columns_of is None:
        from perfsite.opendata.build import COLUMNS_OF, TABLES

        columns_of = {name: COLUMNS_OF[name] for name in TABLES}
    tables = []
    for name, columns in columns_of.items():
        title, about, key = TABLE_INFO.get(name, (name, "", ()))
        tables.append({
            "name": name, "file": f"{name}.csv", "title": title, "about": about, "key": list(key),
            "columns": [{"name": c.name, "title": c.title, "type": TYPE_LABEL.get(c.type, c.type),
                         "unit": c.unit, "description": c.description} for c in columns],
        })
    return tables


def file_rows(prefix: str) -> list[dict[str, str]]:
    return [{"path": f"{prefix}{name}", "name": name, "format": fmt, "content": content}
            for name, fmt, content in FILE_INFO]


def downloads_context(years: Iterable[int]) -> dict[str, Any]:
    return {
        "all_files": file_rows("data/"),
        "years": [{"year": y, "files": file_rows(f"data/{y}/")} for y in sorted(set(years), reverse=True)],
        "tables": dictionary(),
    }


def downloads_page(builder: Builder) -> SitePage:
    """The 数据下载 page for the site `builder` renders (years taken from its programmes)."""
    context = downloads_context(row["year"] for row in builder.rows)
    html = builder.render("downloads.html", URL, title=TITLE, **context)
    return SitePage(url=URL, title=TITLE, html=html, kind="downloads", in_nav=True)
