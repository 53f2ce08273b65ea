"""data.json: the site's open data as a DCAT catalogue (DCAT-US 1.1, the `data.json` that data
portals such as CKAN harvest), one dataset for all years and one per year.

Every address is absolute from site.yaml's site_url (root-relative without it); dates come from
the data (data_date, else the newest publication date), never the build clock.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfsite.opendata.contact import vcard
from perfsite.opendata.licence import licence_of
from perfsite.opendata.parts import EPOCH, absolute
from perfsite.siteconfig import SiteConfig

CONFORMS = "https://project-open-data.cio.gov/v1.1/schema"
KEYWORDS = ["预算绩效", "绩效评价", "绩效自评", "财政", "政府信息公开"]
TABLE_FILES = (
    ("programmes.csv", "text/csv", "CSV", "项目表"),
    ("indicators.csv", "text/csv", "CSV", "绩效指标表"),
    ("budget.csv", "text/csv", "CSV", "预算执行情况表"),
    ("perfsite.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", "三张表（另有部门整体表）的 Excel 工作簿"),
    ("programmes.json", "application/json", "JSON", "全部项目及计算结果"),
)


def _distributions(site: SiteConfig, prefix: str, zipped: str | None) -> list[dict[str, str]]:
    described = absolute(site.site_url, f"{prefix}datapackage.json")
    items = [{"@type": "dcat:Distribution", "downloadURL": absolute(site.site_url, f"{prefix}{name}"),
              "mediaType": media, "format": fmt, "title": title, "describedBy": described,
              "describedByType": "application/json"} for name, media, fmt, title in TABLE_FILES]
    if zipped:
        items.append({"@type": "dcat:Distribution", "downloadURL": absolute(site.site_url, zipped),
                      "mediaType": "application/zip", "format": "ZIP", "title": "该年度全部文件（压缩包）",
                      "describedBy": described, "describedByType": "application/json"})
    return items


def catalogue(site: SiteConfig, years: Sequence[int], newest: str) -> dict[str, object]:
    """The DCAT-US catalogue of /data/: `years` in the data, `newest` the latest publication date."""
    licence = licence_of(site)
    modified = site.data_date or newest or EPOCH
    publisher = site.publisher or site.title
    contact = vcard(publisher, site.contact)
    landing = absolute(site.site_url, "downloads/")

    def dataset(title: str, ident: str, temporal: str, prefix: str, zipped: str | None) -> dict[str, object]:
        return {
            "@type": "dcat:Dataset", "title": title, "identifier": absolute(site.site_url, ident),
            "description": f"{title}：项目基本信息、预算执行情况、绩效指标，以及按公开评分规则复算的得分与核验结果。",
            "keyword": KEYWORDS, "modified": modified, "accessLevel": "public", "language": ["zh-CN"],
            "publisher": {"@type": "org:Organization", "name": publisher}, "contactPoint": contact,
            "license": licence.path, "rights": licence.title, "temporal": temporal,
            "landingPage": landing, "distribution": _distributions(site, prefix, zipped),
        }

    span = f"{min(years)}-01-01/{max(years)}-12-31" if years else ""
    datasets = [dataset(f"{site.title}（全部年度）", "data/", span, "data/", None)]
    datasets += [dataset(f"{site.title}（{y}年度）", f"data/{y}/", f"{y}-01-01/{y}-12-31", f"data/{y}/", f"data/{y}.zip")
                 for y in sorted(years, reverse=True)]
    return {
        "@context": f"{CONFORMS}/catalog.jsonld", "@type": "dcat:Catalog", "conformsTo": CONFORMS,
        "describedBy": f"{CONFORMS}/catalog.json", "dataset": datasets,
    }
