"""What MkDocs and Material users expect of the plugin: failures as one sentence, generated pages
as files, page layouts, theme folders, assets, and mkdocs.yml's site_name and site_url winning
over data/site.yaml (with a warning naming both)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from perfsite.executor import WorkerError
from perfsite.failures import explain
from perfsite.problems import PerfsiteError
from perfsite.site.assets import ASSET_DIR
from perfsite.site.memo import Memo
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


def mkdocs_yml_wins(info: SiteConfig, config: Any, directory: Path, serving: bool = False) -> SiteConfig:
    """mkdocs.yml's site_name and site_url, as Material users expect; a site.yaml that says
    otherwise is named in a warning (a site.yaml title left at the default is no opinion).
    `mkdocs serve` has put its own address in site_url, keeping mkdocs.yml's path only: there
    only the paths are compared."""
    site_file = directory / "site.yaml"
    title = config.site_name
    if info.title not in (title, SiteConfig().title):
        advice.warning("mkdocs.yml 的 site_name「%s」与 %s 的 title「%s」不一致：网站使用 mkdocs.yml 的设置；"
                       "请把两处改成一致", title, site_file, info.title)
    url = config.site_url or info.site_url
    compared = (lambda u: urlsplit(u).path.rstrip("/")) if serving else (lambda u: u.rstrip("/"))
    if config.site_url and info.site_url and compared(info.site_url) != compared(config.site_url):
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


PURE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code", "footnotes", "legacy_attrs",
    "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
    "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details", "pymdownx.emoji",
    "pymdownx.escapeall", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink",
    "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
    "pymdownx.tilde", "material.extensions.emoji",
})
"""Markdown extensions whose output is a function of the page's text and their settings alone.
One that reads other files (pymdownx.snippets, pymdownx.b64, an include plugin's) or is not
known here turns the cache of converted pages off: a page could change with its text unchanged."""
LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "pygments", "mkdocs-material")
"""Whose versions a converted page depends on (perfsite's own are in the build cache's version)."""


def _stable(value: Any) -> str | None:
    """A text naming `value` the same in every process (a setting may be a function: its name), or
    None when there is none (an object whose repr is its address)."""
    if isinstance(value, Mapping):
        items = [(_stable(k), _stable(v)) for k, v in value.items()]
        return None if any(a is None or b is None for a, b in items) else repr(sorted(items))
    if isinstance(value, (list, tuple)):
        parts = [_stable(item) for item in value]
        return None if None in parts else repr(parts)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    text = repr(value)
    return None if " at 0x" in text else text


@dataclass
class Converted:
    """docs/ pages as MkDocs converted them from Markdown, kept in the build cache (kind `prose`).

    Every build converts the hand-written pages again though a data commit never changes them:
    0.44–0.70 s of CPU for this project's ten pages (470 KB), on the thread the whole build waits
    for. A page is kept by its final text (after every plugin's on_page_markdown), its path, and
    `salt`: the extensions and their settings, link validation, use_directory_urls, the address
    of every file of the site (its links are resolved against them) and the libraries' versions.
    A conversion that logged a warning is not kept, so `--strict` stops every build it would have
    stopped, and the warning is shown each time. Made per build (on_files): its `used` is the build's."""

    memo: Memo
    settings: str
    """The extensions and their settings, link validation, use_directory_urls, the libraries' versions."""
    salt: str = ""
    """`settings` and the address of every file of the site (made at the first page: by then
    every plugin has added its files)."""

    @classmethod
    def of(cls, memo: Memo | None, config: Any) -> Converted | None:
        """None without a build cache or with an extension not known to be pure (PURE_EXTENSIONS)."""
        if memo is None:
            return None
        names = [name.removeprefix("markdown.extensions.") if isinstance(name, str) else None
                 for name in config["markdown_extensions"]]
        settings = _stable(config["mdx_configs"] or {})
        if settings is None or any(name not in PURE_EXTENSIONS for name in names):
            return None
        versions = []
        for library in LIBRARIES:
            with contextlib.suppress(metadata.PackageNotFoundError):
                versions.append(f"{library}={metadata.version(library)}")
        return cls(memo, repr((names, settings, _stable(dict(config["validation"])), config["use_directory_urls"],
                               versions)))

    def install(self, page: Any) -> None:
        """Make `page.render` take the page from the cache when it is there, else convert and keep it."""
        convert = page.render

        def render(config: Any, files: Files) -> None:
            if not self.salt:
                h = hashlib.sha256(self.settings.encode("utf-8", "surrogatepass"))
                for file in sorted(files, key=lambda f: f.src_uri):
                    h.update(f"\0{file.src_uri}\0{file.url}".encode("utf-8", "surrogatepass"))
                self.salt = h.hexdigest()
            key = self.memo.key(self.salt, page.file.src_uri, page.markdown)
            found = self.memo.get(key)
            if found is not None:
                _restore(page, pickle.loads(found), files)  # our own entry, its checksum verified
                return
            with _warnings() as warned:
                convert(config, files)
            if not warned.count:
                self.memo.put(key, pickle.dumps(_state(page), protocol=pickle.HIGHEST_PROTOCOL))

        page.render = render


def _state(page: Any) -> dict[str, Any]:
    """What MkDocs' Page.render sets (mkdocs 1.6): the HTML, the table of contents, the title
    found in the text, the anchors the page has and the ones it links to in other pages."""
    state = {"content": page.content, "toc": page.toc, "title": page._title_from_render,
             "anchors": page.present_anchor_ids}
    if hasattr(page, "links_to_anchors"):  # only set when the log level is above DEBUG
        state["links"] = {file.src_uri: anchors for file, anchors in page.links_to_anchors.items()}
    return state


def _restore(page: Any, state: dict[str, Any], files: Files) -> None:
    page.content, page.toc = state["content"], state["toc"]
    page._title_from_render, page.present_anchor_ids = state["title"], state["anchors"]
    if "links" in state:
        page.links_to_anchors = {files.get_file_from_path(src): anchors for src, anchors in state["links"].items()}


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def _warnings() -> Iterator[_Count]:
    """Counts the warnings MkDocs and Python-Markdown log meanwhile."""
    counter = _Count()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("MARKDOWN")]
    for logger in loggers:
        logger.addHandler(counter)
    try:
        yield counter
    finally:
        for logger in loggers:
            logger.removeHandler(counter)
