"""The public website as plain data: `build_site(data_dir)` → pages (HTML fragments) and files.

This subpackage turns the core's page data into HTML with Jinja templates; it never imports
MkDocs (the plugin in perfsite_mkdocs/ does the MkDocs side), so another renderer can reuse it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from perfsite.department import DepartmentDocument
from perfsite.site.model import ProgrammeInput, SiteBuild, SitePage
from perfsite.siteconfig import SiteConfig

if TYPE_CHECKING:
    from perfsite.site.render import Templates

__all__ = ["ProgrammeInput", "SiteBuild", "SiteConfig", "SitePage", "build_site",
           "render_site"]


def render_site(info: SiteConfig, programmes: list[ProgrammeInput],
                rows: list[dict] | None = None, departments: Iterable[DepartmentDocument] = (),
                with_targets: bool = False, cycle: Sequence[str] = (),
                templates: Templates | None = None) -> SiteBuild:
    """All pages and files from already-built page data (used by tests and other renderers).

    With `rows` (summary rows in page order) programme pages are left out: the build's workers
    write them. `departments`: the 部门整体 documents, a department page per department-year.
    `with_targets`: the site publishes 绩效目标表 (the 数据下载 page lists their table);
    `cycle`: the 评价报告, 整改 and 部门整体 tables /data/ has (perfsite.opendata.cycle), listed there too.
    """
    from perfsite.site.about import about_pages, robots_txt
    from perfsite.site.downloads import downloads_page
    from perfsite.site.method import method_page
    from perfsite.site.pages import Builder

    builder = Builder(info, programmes, rows, departments, templates)
    builder.with_targets = with_targets
    builder.cycle = tuple(cycle)
    build = builder.run()
    build.pages.append(method_page(builder))
    build.pages.append(downloads_page(builder))
    build.pages.extend(about_pages(builder))
    build.files["robots.txt"] = robots_txt(info.site_url)
    return build


def build_site(data_dir: Path) -> SiteBuild:
    """Load, validate and score data_dir with the core, then render; PerfsiteError on any error."""
    from perfsite.site.core import load

    info, programmes, messages, open_data, departments = load(data_dir)
    build = render_site(info, programmes, departments=departments,
                        with_targets="data/targets.csv" in open_data)
    build.problems.extend(messages)
    build.files.update(open_data)
    _fill_downloads(build)
    return build


def _fill_downloads(build: SiteBuild) -> None:
    """The 数据下载 page with each file's size, rows and SHA-256 (data/files.json)."""
    import json
    from dataclasses import replace

    from perfsite.opendata.build import MANIFEST
    from perfsite.site.downloads import URL, fill

    raw = build.files.get(MANIFEST)
    manifest = json.loads(raw)["files"] if isinstance(raw, bytes) else {}
    build.pages[:] = [replace(page, html=fill(page.html, manifest)) if page.url == URL else page
                      for page in build.pages]
