"""方法说明: grade bands, 定性 levels, tolerance and every rule with a worked example."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfsite.site.model import SitePage

if TYPE_CHECKING:
    from perfsite.site.pages import Builder


def method_page(builder: Builder) -> SitePage:
    html = builder.render("method.html", "method/", title="方法说明", examples=[])
    return SitePage(url="method/", title="方法说明", html=html, kind="method", in_nav=True)
