"""The Frictionless Data Package descriptor (Table Schema) for the three CSV tables."""

from __future__ import annotations

from collections.abc import Sequence

from perfsite.opendata.tables import BUDGET_COLUMNS, INDICATOR_COLUMNS, PROGRAMME_COLUMNS, Column
from perfsite.siteconfig import SiteConfig

MISSING = [""]


def _schema(columns: Sequence[Column], primary: list[str], foreign: bool) -> dict[str, object]:
    fields = []
    for c in columns:
        entry: dict[str, object] = {"name": c.name, "type": c.type, "title": c.title, "description": c.description}
        if c.type == "boolean":
            entry["trueValues"], entry["falseValues"] = ["true"], ["false"]
        if c.unit:
            entry["unit"] = c.unit
        if c.name in primary:
            entry["constraints"] = {"required": True}
        fields.append(entry)
    schema: dict[str, object] = {"fields": fields, "primaryKey": primary, "missingValues": MISSING}
    if foreign:
        schema["foreignKeys"] = [{"fields": ["year", "id"], "reference": {"resource": "programmes", "fields": ["year", "id"]}}]
    return schema


def descriptor(site: SiteConfig) -> dict[str, object]:
    """datapackage.json: one resource per CSV; indicators and budget cells reference programmes."""
    def resource(name: str, title: str, columns: Sequence[Column], primary: list[str], foreign: bool) -> dict[str, object]:
        return {"name": name, "path": f"{name}.csv", "title": title, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                "schema": _schema(columns, primary, foreign)}

    package: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": "perfsite-performance-evaluations",
        "title": site.title,
        "description": "预算绩效评价结果：项目、指标与预算执行情况。金额单位为元，比率与完成率为百分数。",
        "resources": [
            resource("programmes", "项目", PROGRAMME_COLUMNS, ["year", "id"], False),
            resource("indicators", "绩效指标", INDICATOR_COLUMNS, ["year", "id", "seq"], True),
            resource("budget", "预算执行情况", BUDGET_COLUMNS, ["year", "id", "row", "column"], True),
        ],
    }
    if site.licence:
        package["licenses"] = [{"name": "custom", "title": site.licence}]
    if site.publisher:
        package["contributors"] = [{"title": site.publisher, "role": "publisher"}]
    if site.data_date:
        package["version"] = site.data_date
    return package
