"""The pages every government site carries (政府网站发展指引, 国办发〔2017〕47号): 联系我们,
网站地图 and 隐私与版权, linked from the footer, plus robots.txt pointing crawlers at the sitemap.

They are built from site.yaml like the rest of the site, so a bureau changes its telephone number
in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfsite.site.model import SitePage

if TYPE_CHECKING:
    from perfsite.site.pages import Builder

ABOUT = (("contact/", "联系我们", "contact"), ("sitemap/", "网站地图", "sitemap"), ("privacy/", "隐私与版权", "privacy"))
"""(url, title, section of about.html), in footer order."""

SECTIONS = (("", "首页"), ("projects/", "项目查询"), ("search/", "全文检索"), ("years/", "按年度"),
            ("regions/", "按地区"), ("departments/", "按部门"), ("method/", "方法说明"), ("downloads/", "数据下载"))
"""The public sections in navigation order, for 网站地图."""


def about_pages(builder: Builder) -> list[SitePage]:
    years = sorted({row["year"] for row in builder.rows}, reverse=True)
    pages = []
    for url, title, section in ABOUT:
        html = builder.render("about.html", url, title=title, section=section, sections=SECTIONS, years=years,
                              about=ABOUT)
        pages.append(SitePage(url=url, title=title, html=html, kind="method"))
    return pages


def robots_txt(site_url: str) -> bytes:
    """Everything may be read; the sitemap's absolute address when the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
