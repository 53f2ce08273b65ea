"""The public website as plain data: `build_site(data_dir)` → pages (HTML fragments) and files.

This subpackage turns the core's page data into HTML with Jinja templates; it never imports
MkDocs (the plugin in perfsite_mkdocs/ does the MkDocs side), so another renderer can reuse it.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfsite.department import DepartmentDocument
from perfsite.site.model import ProgrammeInput, SiteBuild, SitePage
from perfsite.siteconfig import SiteConfig

if TYPE_CHECKING:
    from perfsite.site.pages import Listings
    from perfsite.site.render import Templates

__all__ = ["ProgrammeInput", "SiteBuild", "SiteConfig", "SitePage", "build_site",
           "render_site"]


def render_site(info: SiteConfig, rows: list[dict[str, Any]], departments: Iterable[DepartmentDocument] = (),
                documents: Mapping[str, Collection[int]] | None = None,
                templates: Templates | None = None, listings: Listings | None = None,
                targets_only: Sequence[dict[str, Any]] = (), open_data: bool = True) -> SiteBuild:
    """The site's own pages and files from the programmes' list rows (in page order): listings,
    index, department pages, method, 数据下载 and about pages (the build's workers write the
    programme and document pages). `departments`: the 部门整体 documents, a department page
    per department-year. `documents`: the tables of 绩效目标表, 评价报告, 整改 and 部门整体 /data/
    has (name → the years with rows: perfsite.site.session.Loaded.document_years), which the
    数据下载 page lists. `listings`: those the build cache holds (perfsite.site.pages.Listings).
    `targets_only`: the 绩效目标表s without a 自评 (perfsite.site.session.Loaded.targets_only).
    `open_data`: whether this build writes /data/ (BuildSession.open_data_wanted): the 数据下载
    page links its files only then.
    """
    from perfsite.site.about import about_pages, robots_txt
    from perfsite.site.downloads import downloads_page
    from perfsite.site.method import method_page
    from perfsite.site.pages import Builder

    builder = Builder(info, rows, departments, templates, listings)
    builder.documents = documents or {}
    builder.targets_only = targets_only
    builder.open_data = open_data
    build = builder.run()
    build.pages.append(method_page(builder))
    build.pages.append(downloads_page(builder))
    build.pages.extend(about_pages(builder))
    build.files["robots.txt"] = robots_txt(info.site_url)
    return build


FRAGMENT_SHELL = "<title>{title}</title>\n{content}"
"""The shell build_site gives the workers: a page written from it is its title and its content
fragment alone, with no theme around them."""


def build_site(data_dir: Path) -> SiteBuild:
    """Every page and file of the site for data_dir, made as `perfsite build` makes them (the
    same BuildSession: the one tree loader, the workers, here in this process, the same site
    pages and /data/) but without MkDocs: pages are content fragments, not themed, and there is
    no search index. PerfsiteError when the data has errors (nothing is published)."""
    from perfsite.opendata.build import MemorySink
    from perfsite.site.render import Templates
    from perfsite.site.session import BuildSession, site_pages
    from perfsite.site.shell import CONTENT_MARK, TITLE_MARK

    session = BuildSession(serve=False)
    try:
        session.workers(0)  # one worker: this process
        loaded = session.load_tree(data_dir, parts=True)
        if not loaded.dataset.ok:
            raise loaded.dataset.refusal()
        today = loaded.today
        build = site_pages(loaded, loaded.dataset.site, today, Templates())
        build.problems.extend(p.as_text() for p in loaded.dataset.problems)
        sink = MemorySink()
        with tempfile.TemporaryDirectory(prefix="perfsite-site-") as folder:
            out = Path(folder)
            shell = FRAGMENT_SHELL.format(title=TITLE_MARK, content=CONTENT_MARK)
            rendering = session.start_programmes(out, shell, loaded, loaded.dataset.site)
            _, manifest = session.finish_programmes(rendering, lambda: loaded.write_open_data(sink, today))
            _read_pages(out, build, {row["url"] for row in loaded.rows})
        build.files.update(sink.files)
        _fill_downloads(build, manifest)
        return build
    finally:
        session.close()


def _read_pages(out: Path, build: SiteBuild, evaluated: set[str]) -> None:
    """The pages and files the workers wrote under `out`: each index.html a page (its title and
    fragment, as FRAGMENT_SHELL lays them out), every other file by its site path."""
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if path.name != "index.html":
            build.files[name] = path.read_bytes()
            continue
        url = name.removesuffix("index.html")
        head, _, content = path.read_text(encoding="utf-8").partition("</title>\n")
        build.pages.append(SitePage(url=url, title=html.unescape(head.removeprefix("<title>")), html=content,
                                    kind="programme" if url in evaluated else "document"))


def _fill_downloads(build: SiteBuild, manifest: Mapping[str, Any]) -> None:
    """The 数据下载 page with each file's size, rows and SHA-256 (data/files.json)."""
    from dataclasses import replace

    from perfsite.site.downloads import URL, fill

    build.pages[:] = [replace(page, html=fill(page.html, manifest)) if page.url == URL else page
                      for page in build.pages]
