"""The Frictionless Data Package descriptor (Table Schema) for the three CSV tables, site-wide
and per year.

A field's `name` is the CSV header (a validator matches the two), its `title` the Chinese name
without unit, `unit` the unit (元, 万元, %, 分: a property Table Schema leaves to publishers,
which frictionless keeps and ignores), and the custom `perfsite:key` the field's English
identifier (`budget`, `budget_wan`), as the site's page data names the figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfsite.opendata.cycle import DOC_TABLES
from perfsite.opendata.licence import licence_of
from perfsite.opendata.tables import BUDGET_COLUMNS, INDICATOR_COLUMNS, PROGRAMME_COLUMNS, Column
from perfsite.opendata.units import MONEY_UNITS
from perfsite.siteconfig import SiteConfig

MISSING = [""]
KEY = "perfsite:key"
"""Custom field property: the field's English identifier."""
UNITS_NOTE = (f"金额以{'和'.join(MONEY_UNITS)}两种单位各列一列（列名注明单位，元保留 2 位小数，万元为精确值），"
              "比率与完成率为百分数（97.94 表示 97.94%），得分与权重以分计。")


def _schema(columns: Sequence[Column], primary: list[str], foreign: bool) -> dict[str, object]:
    header = {c.name: c.header for c in columns}
    fields = []
    for c in columns:
        entry: dict[str, object] = {"name": c.header, "type": c.type, "title": c.title, "description": c.description,
                                    KEY: c.name}
        if c.type == "boolean":
            entry["trueValues"], entry["falseValues"] = ["true"], ["false"]
        if c.unit:
            entry["unit"] = c.unit
        if c.name in primary:
            entry["constraints"] = {"required": True}
        fields.append(entry)
    schema: dict[str, object] = {"fields": fields, "primaryKey": [header[k] for k in primary], "missingValues": MISSING}
    if foreign:
        keys = [header["year"], header["id"]]
        schema["foreignKeys"] = [{"fields": keys, "reference": {"resource": "programmes", "fields": keys}}]
    return schema


def descriptor(site: SiteConfig, year: int | None = None, documents: Sequence[str] = ()) -> dict[str, object]:
    """datapackage.json: one resource per CSV; indicators and budget cells reference programmes.
    With `year`, the descriptor of that year's bundle (data/<year>/). `documents` names the
    tables of 绩效目标表, 评价报告, 整改 and 部门整体 (perfsite.opendata.cycle.DOC_TABLES) with
    rows there, listed too, referencing nothing: such a document may come before its 自评."""
    def resource(name: str, title: str, columns: Sequence[Column], primary: list[str], foreign: bool) -> dict[str, object]:
        return {"name": name, "path": f"{name}.csv", "title": title, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                "schema": _schema(columns, primary, foreign)}

    scope = f"{year}年度" if year is not None else "全部年度"
    package: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": "perfsite-performance-evaluations" + (f"-{year}" if year is not None else ""),
        "title": f"{site.title}（{scope}）",
        "description": f"预算绩效评价结果（{scope}）：项目、指标与预算执行情况。{UNITS_NOTE}",
        "resources": [
            resource("programmes", "项目", PROGRAMME_COLUMNS, ["year", "id"], False),
            resource("indicators", "绩效指标", INDICATOR_COLUMNS, ["year", "id", "seq"], True),
            resource("budget", "预算执行情况", BUDGET_COLUMNS, ["year", "id", "row", "column"], True),
            *(resource(t.name, t.title, t.columns, list(t.key), False)
              for t in (DOC_TABLES[name] for name in documents)),
        ],
        "licenses": [licence_of(site).datapackage()],
    }
    if site.publisher:
        package["contributors"] = [{"title": site.publisher, "role": "publisher"}]
    if site.data_date:
        package["version"] = site.data_date
    return package
