"""MkDocs hook: publish the pages perfsite.site builds from data/ (thin on purpose).

Pages enter MkDocs as generated files (nothing is written into docs/ or data/); their HTML is
swapped in at `on_page_content`, so Python-Markdown never touches it. The data directory is
`$PERFSITE_DATA`, else `extra.perfsite_data` in mkdocs.yml (relative to it), else `data/`.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from perfsite.site import DataError, SiteBuild, build_site
from perfsite.site.assets import asset_files

log = logging.getLogger("mkdocs.hooks.perfsite")

_state: dict[str, Any] = {}

LAYOUT = {
    # Generated pages are full width (no sidebars) except listings, which are short.
    "programme": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "index": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "listing": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "home": {"hide": ["navigation", "toc"]},
    "method": {"hide": ["navigation", "toc"]},
}


def data_dir(config: Any) -> Path:
    configured = os.environ.get("PERFSITE_DATA") or config.extra.get("perfsite_data") or "data"
    return (Path(config.config_file_path).parent / configured).resolve()


def on_config(config: Any) -> Any:
    directory = data_dir(config)
    try:
        build = build_site(directory)
    except DataError as error:
        raise PluginError(str(error)) from None
    for line in build.problems:
        log.info(line)  # data warnings are for `perfsite check`; they must not fail --strict
    info = build.info
    # Material prints site_name and titles unescaped: escape what comes from data here.
    config.site_name = html.escape(info.title)
    if info.site_url:
        config.site_url = info.site_url
    config.extra["perfsite"] = info.footer()
    _state.update(build=build, data_dir=directory,
                  pages={page.src_uri: page for page in build.pages})
    return config


def on_files(files: Files, config: Any) -> Files:
    build: SiteBuild = _state["build"]
    for page in build.pages:
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri} 与自动生成的页面冲突，请删除或改名")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    for path, content in sorted({**asset_files(), **build.files}.items()):
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    generated = _state["pages"].get(page.file.src_uri)
    if generated is None:
        return markdown
    page.meta.update(LAYOUT.get(generated.kind, {}))
    page.meta["title"] = html.escape(generated.title)
    return ""


def on_page_content(content: str, page: Any, config: Any, files: Files) -> str:
    generated = _state["pages"].get(page.file.src_uri)
    return content if generated is None else generated.html


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild `mkdocs serve` when a data file changes, as for a docs page."""
    server.watch(str(_state["data_dir"]))
    return server
