"""What MkDocs and Material users expect of the plugin: failures as one sentence, generated pages
as files, page layouts, theme folders, assets, and mkdocs.yml's site_name and site_url winning
over data/site.yaml (with a warning naming both)."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from perfsite.executor import WorkerError
from perfsite.failures import explain
from perfsite.problems import PerfsiteError
from perfsite.site.assets import ASSET_DIR
from perfsite.site.model import SitePage
from perfsite.site.session import Refused
from perfsite.siteconfig import SiteConfig
from perfsite_mkdocs import OVERRIDES

LAYOUT = {
    # Generated pages are full width (no sidebars) except listings, which are short.
    "programme": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "index": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "listing": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "home": {"hide": ["navigation", "toc"]},
    "method": {"hide": ["navigation", "toc"]},
    "rectification": {"hide": ["navigation", "toc"]},
    "department": {"hide": ["navigation", "toc"]},
    "search": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
}
ASSETS_CSS = (f"{ASSET_DIR}/perfsite.css",)
ASSETS_JS = (f"{ASSET_DIR}/perfsite.js", f"{ASSET_DIR}/export.js")
"""Added to extra_css / extra_javascript when mkdocs.yml does not list them itself."""

advice = logging.getLogger("perfsite.mkdocs")
"""Disagreements between mkdocs.yml and site.yaml: shown as warnings, but outside the `mkdocs`
logger so that `--strict` does not stop a build over a setting the publisher chose on purpose."""
if not advice.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    advice.addHandler(_handler)
    advice.propagate = False


def theme(config: Any) -> None:
    """perfsite's overrides below the site's custom_dir; its CSS and JS unless listed already
    (the build session takes `custom_dir/perfsite/` templates before perfsite's own)."""
    dirs = config.theme.dirs
    if str(OVERRIDES) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
    for key, wanted in (("extra_css", ASSETS_CSS), ("extra_javascript", ASSETS_JS)):
        listed = {str(item) for item in config[key]}
        config[key].extend(item for item in wanted if item not in listed)


def mkdocs_yml_wins(info: SiteConfig, config: Any, directory: Path) -> SiteConfig:
    """mkdocs.yml's site_name and site_url, as Material users expect; a site.yaml that says
    otherwise is named in a warning (a site.yaml title left at the default is no opinion)."""
    site_file = directory / "site.yaml"
    title = config.site_name
    if info.title not in (title, SiteConfig().title):
        advice.warning("mkdocs.yml 的 site_name「%s」与 %s 的 title「%s」不一致：网站使用 mkdocs.yml 的设置；"
                       "请把两处改成一致", title, site_file, info.title)
    url = config.site_url or info.site_url
    if config.site_url and info.site_url and info.site_url.rstrip("/") != config.site_url.rstrip("/"):
        advice.warning("mkdocs.yml 的 site_url「%s」与 %s 的 site_url「%s」不一致：网站使用 mkdocs.yml 的设置；"
                       "请把两处改成一致", config.site_url, site_file, info.site_url)
    return replace(info, title=title, site_url=url)


F = TypeVar("F", bound=Callable[..., Any])


def guarded(event: F) -> F:
    """A failure ends the build with one sentence (perfsite.failures logs an unexpected one's
    traceback), never a traceback; a full disk says so."""

    @functools.wraps(event)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except (PerfsiteError, Refused, WorkerError) as error:  # already sentences for the user
            raise PluginError(str(error)) from None
        except Exception as error:
            raise PluginError(explain(error, "生成网站")) from None

    return run  # type: ignore[return-value]


def terminate(signum: int, frame: object) -> None:
    """SIGTERM as an exit: MkDocs then runs on_shutdown, which removes the session's folders."""
    raise SystemExit(128 + signum)


def add_generated(files: Files, config: Any, pages: Iterable[SitePage], static: Mapping[str, bytes]) -> Files:
    """The generated pages (content swapped in later) and static files as MkDocs files; a docs/
    page at a generated page's path is an error, not silently replaced."""
    for page in pages:
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri} 与自动生成的页面冲突，请删除或改名")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    for path, content in sorted(static.items()):
        files.append(File.generated(config, path, content=content))
    return files
