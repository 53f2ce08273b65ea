"""MkDocs plugin `perfsite`: publish the pages perfsite.site builds from data/ (thin on purpose).

Pages enter MkDocs as generated files (nothing is written into docs/ or data/); their HTML is
swapped in at `on_page_content`, so Python-Markdown never touches it. Programme pages (thousands)
bypass MkDocs: it renders one shell page, and `perfsite.site.fast`'s workers write them all from
it in parallel while MkDocs renders its other pages; `on_post_build` waits for them, writes the
/data/ downloads meanwhile, fixes the sitemap and builds the search index. The data directory
is `$PERFSITE_DATA`, else the plugin's `data_dir` option, else `extra.perfsite_data` in mkdocs.yml
(relative to it), else `data/`.

Material's conventions hold: `site_name` and `site_url` in mkdocs.yml win over data/site.yaml
(with a warning naming both when they disagree), `palette` and `logo` are Material's own, the
site's `custom_dir` comes before perfsite's overrides, and `custom_dir/perfsite/` overrides
perfsite's page templates. The repository's hooks/perfsite_hook.py runs this class with
`site_yaml_wins` on: its mkdocs.yml is a template whose site_name is a placeholder.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from perfsite import progress as progress_report
from perfsite import report
from perfsite.failures import explain
from perfsite.site import SiteBuild, SitePage, fast, publish, render_site, search, sitemap
from perfsite.site.assets import ASSET_DIR, asset_files
from perfsite.site.render import override_templates
from perfsite.site.timing import since
from perfsite.site.workers import WorkerError
from perfsite.siteconfig import SiteConfig
from perfsite_mkdocs import OVERRIDES

log = logging.getLogger("mkdocs.plugins.perfsite")
advice = logging.getLogger("perfsite.mkdocs")
"""Disagreements between mkdocs.yml and site.yaml: shown as warnings, but outside the `mkdocs`
logger so that `--strict` does not stop a build over a setting the publisher chose on purpose."""
if not advice.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    advice.addHandler(_handler)
    advice.propagate = False

LAYOUT = {
    # Generated pages are full width (no sidebars) except listings, which are short.
    "programme": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "index": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "listing": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
    "home": {"hide": ["navigation", "toc"]},
    "method": {"hide": ["navigation", "toc"]},
    "search": {"hide": ["navigation", "toc"], "search": {"exclude": True}},
}
INDEXED = ("method", "downloads")
"""Generated pages Pagefind indexes besides programme pages (hand-written docs/ pages are too)."""
ASSETS_CSS = (f"{ASSET_DIR}/perfsite.css",)
ASSETS_JS = (f"{ASSET_DIR}/perfsite.js", f"{ASSET_DIR}/export.js")
"""Added to extra_css / extra_javascript when mkdocs.yml does not list them itself."""
TEMPLATE_FOLDER = "perfsite"
"""Inside the site's custom_dir: templates here replace perfsite's own of the same name."""
SEARCH_STAGE = "建立全文检索"
"""The last stage of a build's progress bar (Pagefind: of unknown length)."""

F = TypeVar("F", bound=Callable[..., Any])


def guarded(event: F) -> F:
    """An unexpected failure in an event ends the build with one sentence (perfsite.failures
    logs the traceback), not a traceback; a full disk says so."""

    @functools.wraps(event)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except WorkerError as error:  # already one sentence, from the worker
            raise PluginError(str(error)) from None
        except Exception as error:
            raise PluginError(explain(error, "生成网站")) from None

    return run  # type: ignore[return-value]


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _progress() -> progress_report.Progress | None:
    """Progress reports on stderr for `perfsite build`, which draws the bar (MkDocs' stderr is its pipe)."""
    if os.environ.get(progress_report.PROGRESS_ENV) == "1" and not fast.SERVE["on"]:
        return progress_report.reporter(sys.stderr)
    return None


def _verbose() -> bool:
    """Every data problem in the log, not the counts per kind and the first few:
    `perfsite build --verbose` or `mkdocs build --verbose`."""
    return os.environ.get(progress_report.VERBOSE_ENV) == "1" or log.isEnabledFor(logging.DEBUG)


def timing(**values: float) -> None:
    """Phase timings for bench/run.py (stderr, only when $PERFSITE_TIMINGS is set)."""
    if os.environ.get("PERFSITE_TIMINGS"):
        print("perfsite timing " + " ".join(f"{k}={v}" for k, v in values.items()), file=sys.stderr)


class PerfsiteConfig(Config):
    data_dir = config_options.Type(str, default="")
    """The data folder, relative to mkdocs.yml (else extra.perfsite_data, else data/)."""
    site_yaml_wins = config_options.Type(bool, default=False)
    """data/site.yaml's title and site_url replace mkdocs.yml's (the repository's template)."""


class PerfsitePlugin(BasePlugin[PerfsiteConfig]):
    """One instance per `mkdocs serve` session (it defines on_startup, so MkDocs keeps it between
    rebuilds): the state of the build in progress lives here."""

    def __init__(self) -> None:
        super().__init__()
        self.state: dict[str, Any] = {}

    def data_dir(self, config: Any) -> Path:
        configured = (os.environ.get("PERFSITE_DATA") or self.config.data_dir or config.extra.get("perfsite_data")
                      or "data")
        return (Path(config.config_file_path).parent / configured).resolve()

    @guarded
    def on_startup(self, command: str, dirty: bool) -> None:
        fast.SERVE["on"] = command == "serve"
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:  # exit handlers remove the spool and stub folders
            signal.signal(signal.SIGTERM, _terminate)

    @guarded
    def on_config(self, config: Any) -> Any:
        started = time.perf_counter()
        pending = self.state.pop("rendering", None)
        if pending is not None:  # a serve rebuild that failed after the workers started: collect their answer
            fast.finish_programmes(pending)
        self._theme(config)
        directory = self.data_dir(config)
        progress = _progress()
        self.state["progress"] = progress
        loaded = fast.load(directory, parts=fast.open_data_wanted(fast.SERVE["on"]), progress=progress)
        dataset = loaded.dataset
        if progress is not None:
            sys.stderr.write(progress_report.tally_line(report.tally(dataset.problems), len(loaded.rows)))
        if not dataset.ok:
            raise PluginError(str(dataset.refusal()))
        live = os.environ.get(publish.LIVE_ENV)
        if live and not fast.SERVE["on"]:  # `perfsite build` would refuse this site: say so before rendering it
            refusal = publish.drop_message(publish.read_manifest(Path(live)), publish.Manifest.of_rows(loaded.rows),
                                           Path(live))
            if refusal:
                raise PluginError(refusal)
        info = dataset.site
        if not self.config.site_yaml_wins:
            info = self._mkdocs_yml_wins(info, config, directory)
        build = render_site(info, [], rows=loaded.rows)
        # MkDocs renders one programme page (the shell); fast.py writes all of them from it.
        build.pages.insert(0, SitePage(url=fast.SHELL_URL, title=fast.TITLE_MARK, html=fast.CONTENT_MARK,
                                       kind="programme"))
        searching = search.enabled(config.extra)
        plan = search.shard_plan(Counter(row["year"] for row in loaded.rows))
        build.pages.append(search.search_page(searching, search.shard_names(plan) if searching else ()))
        for line in build.problems + report.digest(dataset.problems, verbose=_verbose()):
            log.info(line)  # data warnings are for `perfsite check`; they must not fail --strict
        # Material prints site_name and titles unescaped: escape what comes from data here.
        config.site_name = html.escape(info.title)
        if info.site_url:
            config.site_url = info.site_url
        config.extra["perfsite"] = info.footer()
        self.state.update(build=build, data_dir=directory, loaded=loaded, search=searching, plan=plan, prose=[],
                          pages={page.src_uri: page for page in build.pages})
        if fast.can_start_early():  # the workers render ahead while MkDocs works up to the shell
            self.state["rendering"] = self._start(Path(config.site_dir), None)
        timing(load=loaded.timings.get("load", 0), loaded_files=loaded.timings.get("loaded_files", 0),
               config=since(started))
        return config

    @staticmethod
    def _theme(config: Any) -> None:
        """perfsite's overrides below the site's custom_dir; its CSS and JS unless listed already;
        `custom_dir/perfsite/` templates before perfsite's own."""
        dirs = config.theme.dirs
        if str(OVERRIDES) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        for key, wanted in (("extra_css", ASSETS_CSS), ("extra_javascript", ASSETS_JS)):
            listed = {str(item) for item in config[key]}
            config[key].extend(item for item in wanted if item not in listed)
        custom = config.theme.custom_dir
        override_templates(Path(custom) / TEMPLATE_FOLDER if custom else None)

    @staticmethod
    def _mkdocs_yml_wins(info: SiteConfig, config: Any, directory: Path) -> SiteConfig:
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

    @guarded
    def on_files(self, files: Files, config: Any) -> Files:
        build: SiteBuild = self.state["build"]
        for page in build.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"docs/{page.src_uri} 与自动生成的页面冲突，请删除或改名")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
        for path, content in sorted({**asset_files(), **build.files}.items()):
            files.append(File.generated(config, path, content=content))
        return files

    @guarded
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        generated = self.state["pages"].get(page.file.src_uri)
        if generated is None:
            return markdown
        page.meta.update(LAYOUT.get(generated.kind, {}))
        page.meta["title"] = html.escape(generated.title)
        return ""

    @guarded
    def on_page_content(self, content: str, page: Any, config: Any, files: Files) -> str:
        generated = self.state["pages"].get(page.file.src_uri)
        html_text = content if generated is None else generated.html
        for_public = generated is not None or page.meta.get("audience") != "publishers"
        if self.state["search"] and for_public and (generated is None or generated.kind in INDEXED):
            html_text = f"<div data-pagefind-body>{html_text}</div>"  # prose pages are found by full-text search
            self.state["prose"].append(page.file.dest_uri)
        return html_text

    @guarded
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Once MkDocs has rendered the shell, the workers write programme pages from it while
        MkDocs renders its own pages (started now, or at on_config and waiting for it)."""
        generated = self.state["pages"].get(page.file.src_uri)
        if generated is not None and generated.url == fast.SHELL_URL:
            if "rendering" in self.state:
                fast.give_shell(self.state["rendering"], output)
            else:
                self.state["rendering"] = self._start(Path(config.site_dir), output)
        return output

    def _start(self, site_dir: Path, shell: str | None) -> fast.Rendering:
        serve = fast.SERVE["on"]
        stubs = fast.stub_dir(serve) if self.state["search"] else None
        rendering = fast.start_programmes(site_dir, shell, self.state["loaded"], self.state["build"].info, serve,
                                          stubs, self.state["plan"])
        if self.state.get("progress") is not None:
            self.state["ticker"] = progress_report.Ticker(self.state["progress"], fast.PAGES_STAGE,
                                                          len(self.state["loaded"].rows), fast.pages_done)
        return rendering

    def _stop_ticker(self) -> None:
        ticker = self.state.pop("ticker", None)
        if ticker is not None:
            ticker.stop()

    @guarded
    def on_post_build(self, config: Any) -> None:
        """Finish the programme pages (started at on_post_page), write the /data/ files meanwhile,
        fix the sitemap, build the search index."""
        started = time.perf_counter()
        site_dir = Path(config.site_dir)
        loaded: fast.Loaded = self.state["loaded"]
        shell_dir = site_dir / fast.SHELL_URL
        rendering = self.state.pop("rendering", None)
        if rendering is None or rendering.waiting:  # the shell was not rendered in this build (a dirty rebuild)
            shell = (shell_dir / "index.html").read_text(encoding="utf-8")
            if rendering is None:
                rendering = self._start(site_dir, shell)
            fast.give_shell(rendering, shell)
        shutil.rmtree(shell_dir.parent)
        serve = fast.SERVE["on"]
        job = fast.open_data_job(loaded, serve, site_dir)  # the /data/ files, written while workers write pages
        timings, _ = fast.finish_programmes(rendering, meanwhile=job)
        self._stop_ticker()
        sitemap.fix_sitemap(site_dir, fast.SHELL_URL, [row["url"] for row in loaded.rows])
        if not serve:
            fast.close()  # a build is done with the workers; serve keeps them for the next rebuild
        opendata = since(started)
        stubs = rendering.stubs
        if stubs is not None:
            if self.state.get("progress") is not None:
                self.state["progress"](SEARCH_STAGE, 0, 0)
            try:
                timings.update(search.build_index(site_dir, stubs, search.shard_names(self.state["plan"]),
                                                  self.state["prose"], fast.jobs()))
            except (OSError, RuntimeError) as error:
                raise PluginError(str(error) if isinstance(error, RuntimeError)
                                  else explain(error, "建立全文检索")) from None
            finally:
                if not serve:
                    fast.discard(stubs)
        if not serve:
            publish.write_manifest(site_dir, loaded.rows)  # what the next `perfsite build` compares against
        timing(**timings, pages_and_data=opendata, post_build=since(started))

    @guarded
    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Rebuild `mkdocs serve` when a data file changes, as for a docs page."""
        server.watch(str(self.state["data_dir"]))
        return server

    def on_build_error(self, error: Exception) -> None:
        """A failed build leaves no workers and no temporary folders behind (a serve session keeps
        its own until it exits)."""
        if fast.SERVE["on"]:
            return
        self._stop_ticker()
        rendering = self.state.pop("rendering", None)
        fast.kill()
        loaded = self.state.get("loaded")
        for folder in (getattr(rendering, "stubs", None), getattr(loaded, "spool", None)):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
