"""MkDocs plugin `perfsite`: each event hands over to perfsite.site.session.BuildSession, whose
docstring walks the build in order. Generated pages enter MkDocs as files (nothing is written
into docs/ or data/) and their HTML is swapped in at `on_page_content`; the data folder is
`$PERFSITE_DATA`, else the `data_dir` option, else `extra.perfsite_data`, else `data/` (relative
to mkdocs.yml). perfsite_mkdocs.conventions keeps Material's ways (mkdocs.yml's site_name wins,
`custom_dir/perfsite/` overrides templates); hooks/perfsite_hook.py runs this class with
`site_yaml_wins` on, its mkdocs.yml being a template."""

from __future__ import annotations

import functools
import html
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from perfsite.executor import WorkerError
from perfsite.failures import explain
from perfsite.problems import PerfsiteError
from perfsite.site.assets import asset_files
from perfsite.site.session import BuildSession, Refused
from perfsite_mkdocs.conventions import LAYOUT, mkdocs_yml_wins, theme

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


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # MkDocs then runs on_shutdown, which removes the session's folders


class PerfsiteConfig(Config):
    data_dir = config_options.Type(str, default="")
    site_yaml_wins = config_options.Type(bool, default=False)


class PerfsitePlugin(BasePlugin[PerfsiteConfig]):
    """One instance per MkDocs process (it defines on_startup, so `mkdocs serve` keeps it between
    rebuilds), holding the session."""

    def __init__(self) -> None:
        super().__init__()
        self.session = BuildSession(serve=False)

    def on_startup(self, command: str, dirty: bool) -> None:
        self.session = BuildSession(serve=command == "serve")
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _terminate)

    @guarded
    def on_config(self, config: Any) -> Any:
        theme(config)
        directory = (Path(config.config_file_path).parent / (os.environ.get("PERFSITE_DATA") or self.config.data_dir
                                                              or config.extra.get("perfsite_data") or "data")).resolve()
        site = self.session.load(directory)
        return self.session.configure(config, site if self.config.site_yaml_wins else
                                      mkdocs_yml_wins(site, config, directory))

    @guarded
    def on_files(self, files: Files, config: Any) -> Files:
        for page in self.session.pages():
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"docs/{page.src_uri} 与自动生成的页面冲突，请删除或改名")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
        for path, content in sorted({**asset_files(), **self.session.files()}.items()):
            files.append(File.generated(config, path, content=content))
        return files

    @guarded
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        generated = self.session.page(page.file.src_uri)
        if generated is None:
            return markdown
        page.meta.update(LAYOUT.get(generated.kind, {}))
        page.meta["title"] = html.escape(generated.title)  # Material prints titles unescaped
        return ""

    @guarded
    def on_page_content(self, content: str, page: Any, config: Any, files: Files) -> str:
        generated = self.session.page(page.file.src_uri)
        public = generated is not None or page.meta.get("audience") != "publishers"
        return self.session.content(generated, content, page.file.dest_uri, public)

    @guarded
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self.session.post_page(page.file.src_uri, Path(config.site_dir), output)
        return output

    @guarded
    def on_post_build(self, config: Any) -> None:
        self.session.finish(Path(config.site_dir))

    @guarded
    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.session.data_dir()))  # a data file's change rebuilds, as a docs page's does
        return server

    def on_build_error(self, error: Exception) -> None:
        self.session.failed()

    def on_shutdown(self) -> None:
        self.session.close()
