"""数据下载: every file under /data/ and the feed, with a data dictionary generated from the schema.

The dictionary is built from the same `Column` tuples that write the CSV files and the
datapackage.json, so a column cannot be published without being described here (and
tests/test_downloads.py fails if one is). Each file's size, rows and SHA-256 are known only once
the files are written, after this page is rendered: the page holds a marker per figure, which
`fill` replaces from the manifest perfsite.opendata.build returns (and writes as data/files.json).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from perfsite.site.model import SitePage
from perfsite.siteconfig import SiteConfig

if TYPE_CHECKING:
    from perfsite.site.pages import Builder

URL = "downloads/"
TITLE = "数据下载"

TYPE_LABEL = {"integer": "整数", "number": "数值", "string": "文本", "boolean": "true / false",
              "date": "日期"}

TABLE_INFO = {
    "programmes": ("项目表", "每个项目每个年度一行：基本信息、预算执行合计、计算总分与等级、公布总分与等级、不一致数。",
                   ("year", "id")),
    "indicators": ("绩效指标表", "每个绩效指标一行：与项目页“指标表（CSV）”的列相同，前加评价年度、项目标识和序号。",
                   ("year", "id", "seq")),
    "budget": ("预算执行情况表", "预算执行情况表的每个单元格一行（金额或比率）。",
               ("year", "id", "row", "column")),
    "targets": ("绩效目标表", "年初公布的项目支出绩效目标表的每个绩效指标一行（不计分）。"
                "与自评表的对照见各项目页。", ("year", "id", "seq")),
    "reports": ("绩效评价报告表", "每份绩效评价报告一行：评价类型、评价机构、评价期间、复算与公布的总分和等级、"
                "原件（PDF、DOCX 或 OFD）的文件名、大小和 SHA-256。", ("year", "id")),
    "rectification": ("整改措施表", "每项整改措施一行：问题、责任单位、完成时限、整改状态，以及截至判断日期（整改文件写明的状态截至日期，没有时为本站生成日期）是否逾期。",
                      ("year", "id", "finding", "seq")),
    "application": ("结果应用表", "每条结果应用一行（如次年预算调减），金额另折合万元一列。",
                    ("year", "id", "seq")),
    "departments": ("部门整体表", "每份部门整体支出绩效目标表或自评表一行：全年预算数与执行数（元、万元）、执行率，"
                    "自评附复算与公布的总分和等级。", ("year", "department", "kind")),
    "department_indicators": ("部门整体指标表", "部门整体支出绩效目标表和自评表的每个绩效指标一行：与绩效指标表的指标列相同，"
                              "前加年度、部门、文件类型和序号。", ("year", "department", "kind", "seq")),
}

FILE_INFO = (
    ("programmes.csv", "CSV", "项目表"),
    ("indicators.csv", "CSV", "绩效指标表"),
    ("budget.csv", "CSV", "预算执行情况表"),
    ("perfsite.xlsx", "Excel", "以上三张表（每表一个工作表，有部门整体文件时另有部门整体表）及字段说明"),
    ("programmes.json", "JSON", "全部项目及计算结果、核验发现"),
    ("datapackage.json", "JSON", "数据包描述（字段、类型、单位、主键）"),
)
"""The per-bundle files written by perfsite.opendata.build (site-wide and per year)."""

FACTS = ("bytes", "rows", "sha256")
_MARK = re.compile(r"<!--ps-file:(bytes|rows|sha256):([^<>]*?)-->")


def fact(path: str, what: str) -> Markup:
    """The marker `fill` replaces with `what` (bytes, rows, sha256) of the file at site `path`."""
    if what not in FACTS or "--" in path or "<" in path or ">" in path:
        raise ValueError(f"no such file fact: {what} of {path}")
    return Markup(f"<!--ps-file:{what}:{path}-->")


def _shown(what: str, value: Any) -> str:
    if value is None:
        return "—"
    return f"<code>{value}</code>" if what == "sha256" else f"{value:,}"  # hex digits and a count: no markup


def fill(html: str, manifest: Mapping[str, Mapping[str, Any]]) -> str:
    """The page with every file's figures from `manifest` (FileFacts by site path); a file not
    in it (the preview leaves /data/ out) shows —."""
    def one(match: re.Match[str]) -> str:
        facts = manifest.get(match[2])
        return _shown(match[1], facts.get(match[1]) if facts else None)

    return _MARK.sub(one, html)


def fill_page(site_dir: Path, manifest: Mapping[str, Mapping[str, Any]]) -> None:
    """Fill the written 数据下载 page of the site in `site_dir` (after /data/ is written)."""
    page = site_dir / URL / "index.html"
    if page.is_file():
        page.write_text(fill(page.read_text(encoding="utf-8"), manifest), encoding="utf-8")


def dictionary(columns_of: dict[str, Sequence[Any]] | None = None) -> list[dict[str, Any]]:
    """The data dictionary: one entry per table, one row per column, straight from the schema."""
    if columns_of is None:
        from perfsite.opendata.build import COLUMNS_OF, TABLES

        columns_of = {name: COLUMNS_OF[name] for name in TABLES}
    tables = []
    for name, columns in columns_of.items():
        title, about, key = TABLE_INFO.get(name, (name, "", ()))
        headers = {c.name: c.header for c in columns}
        tables.append({
            "name": name, "file": f"{name}.csv", "title": title, "about": about,
            "key": [headers.get(k, k) for k in key],
            "columns": [{"header": c.header, "name": c.name, "title": c.title, "type": TYPE_LABEL.get(c.type, c.type),
                         "unit": c.unit, "description": c.description} for c in columns],
        })
    return tables


DOCUMENT_FILES = {
    "targets": "绩效目标表：每个绩效指标一行（项目支出绩效目标表的指标性质、指标值、度量单位等）",
    "reports": "绩效评价报告表：每份报告一行，含复算总分和原件的 SHA-256",
    "rectification": "整改措施表：每项措施一行，含是否逾期",
    "application": "结果应用表：每条一行，金额折合万元",
    "departments": "部门整体表：每份部门整体支出绩效目标表或自评表一行，含预算、执行和总分",
    "department_indicators": "部门整体指标表：部门整体支出绩效目标表和自评表的每个绩效指标一行",
}
"""What each document table's CSV holds (perfsite.opendata.cycle.DOC_TABLES), listed where it has rows."""
BOOK_CONTENT = {"targets.xlsx": "绩效目标表，一个工作表及字段说明",
                "evaluations.xlsx": "评价报告、整改和部门整体各表（每表一个工作表）及字段说明"}
"""What each document workbook holds (the sheets of the tables with rows beside it)."""


def file_rows(prefix: str, documents: Sequence[str] = ()) -> list[dict[str, str]]:
    """The files of a bundle (`prefix`: data/ or data/<year>/) with the document tables it has:
    each table's CSV, then each workbook holding their sheets."""
    from perfsite.opendata.cycle import DOC_TABLES

    tables = [DOC_TABLES[name] for name in DOC_TABLES if name in documents]
    books = dict.fromkeys(t.book for t in tables)
    extra = [*((f"{t.name}.csv", "CSV", DOCUMENT_FILES[t.name]) for t in tables),
             *((book, "Excel", BOOK_CONTENT[book]) for book in books)]
    return [{"path": f"{prefix}{name}", "name": name, "format": fmt, "content": content}
            for name, fmt, content in (*FILE_INFO, *extra)]


def structured_data(info: SiteConfig, years: Sequence[int]) -> str:
    """The schema.org Dataset block (JSON-LD) search engines read: name, licence, publisher,
    years covered and every download, addresses absolute from site_url."""
    from perfsite.opendata.contact import contact_point
    from perfsite.opendata.licence import licence_of
    from perfsite.opendata.parts import absolute

    def download(path: str, fmt: str) -> dict[str, str]:
        return {"@type": "DataDownload", "contentUrl": absolute(info.site_url, path), "encodingFormat": fmt}

    formats = {"csv": "text/csv", "json": "application/json", "zip": "application/zip",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    files = [f"data/{name}" for name, _, _ in FILE_INFO] + [f"data/{y}.zip" for y in years]
    block: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Dataset", "name": info.title,
        "description": "预算绩效评价结果：项目基本信息、预算执行情况、绩效指标，以及按公开评分规则复算的得分与核验结果。"
                       "金额以元和万元各列一列，比率为百分数。",
        "url": absolute(info.site_url, URL), "inLanguage": "zh-CN", "isAccessibleForFree": True,
        "license": licence_of(info).path,
        "keywords": ["预算绩效", "绩效评价", "绩效自评", "财政"],
        "distribution": [download(f, formats[f.rsplit(".", 1)[1]]) for f in files],
        "includedInDataCatalog": {"@type": "DataCatalog", "url": absolute(info.site_url, "data.json")},
    }
    if years:
        block["temporalCoverage"] = f"{min(years)}/{max(years)}"
    if info.data_date:
        block["dateModified"] = info.data_date
    if info.publisher:
        block["creator"] = block["publisher"] = {"@type": "Organization", "name": info.publisher}
        point = contact_point(info.contact)
        if point is not None:
            block["publisher"] = block["publisher"] | {"contactPoint": point}
    text = json.dumps(block, ensure_ascii=False, indent=1)
    # inside <script>, "</script" or "<!--" in a value could end or upset the element: JSON
    # writes "<" as \u003c just as well
    return text.replace("<", "\\u003c")


def downloads_context(years: Iterable[int], info: SiteConfig | None = None,
                      documents: Mapping[str, Collection[int]] | None = None, published: bool = True) -> dict[str, Any]:
    """`documents`: the tables of 绩效目标表, 评价报告, 整改 and 部门整体 /data/ has (name → the
    years with rows), listed site-wide and in those years, and described. `published`: whether
    this build writes /data/, data.json and feed.xml (PERFSITE_OPENDATA=0 and a preview do not):
    without them the page says so and links none of them, keeping the dictionary."""
    from perfsite.opendata.cycle import DOC_TABLES
    from perfsite.opendata.targets import TARGETS

    documents = documents or {}
    ordered = sorted(set(years), reverse=True)
    present = [name for name in DOC_TABLES if name in documents]
    tables = dictionary() + dictionary({name: DOC_TABLES[name].columns for name in present})
    return {
        "all_files": file_rows("data/", present),
        "years": [{"year": y, "files": file_rows(f"data/{y}/", [n for n in present if y in documents[n]]),
                   "zip": f"data/{y}.zip"} for y in ordered],
        "tables": tables,
        "with_targets": TARGETS in documents,
        "cycle": [name for name in present if name != TARGETS],
        "fact": fact,
        "structured_data": Markup(structured_data(info or SiteConfig(), ordered)) if published else None,
        "published": published,
    }


def downloads_page(builder: Builder) -> SitePage:
    """The 数据下载 page for the site `builder` renders (years taken from its programmes)."""
    context = downloads_context((row["year"] for row in builder.rows), builder.info, builder.documents,
                                builder.open_data)
    html = builder.render("downloads.html", URL, title=TITLE, **context)
    return SitePage(url=URL, title=TITLE, html=html, kind="downloads", in_nav=True)
