"""MkDocs plugin `perfsite`: each event hands over to perfsite.site.session.BuildSession, whose
docstring walks the build in order; perfsite_mkdocs.conventions keeps Material's ways. The data
folder is perfsite.siteconfig.data_folder's ($PERFSITE_DATA, else the `data_dir` option, else
`extra.perfsite_data`, else `data/`)."""

from __future__ import annotations

import html
import signal
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from perfsite.site.assets import asset_files
from perfsite.site.session import BuildSession
from perfsite.siteconfig import data_folder
from perfsite_mkdocs.conventions import LAYOUT, Converted, add_generated, guarded, mkdocs_yml_wins, terminate, theme

__all__ = ["PerfsitePlugin", "guarded"]


class PerfsiteConfig(Config):
    data_dir = config_options.Type(str, default="")  # relative to mkdocs.yml
    site_yaml_wins = config_options.Type(bool, default=False)  # hooks/perfsite_hook.py: mkdocs.yml is a template


class PerfsitePlugin(BasePlugin[PerfsiteConfig]):
    """One per MkDocs process (it has on_startup, so `mkdocs serve` keeps it between rebuilds)."""

    def __init__(self) -> None:
        super().__init__()
        self.session = BuildSession(serve=False)
        self.converted: Converted | None = None
        """The docs pages' conversions the build cache keeps (set per build, in on_files)."""
        self.sigterm = False
        """Whether on_startup made SIGTERM end the build (on_shutdown gives the process its own back)."""

    def on_startup(self, command: str, dirty: bool) -> None:
        self.session = BuildSession(serve=command == "serve")
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, terminate)
            self.sigterm = True

    @guarded
    def on_config(self, config: Any) -> Any:
        theme(config)
        project = Path(config.config_file_path).parent
        directory = data_folder(project, self.config.data_dir, config.extra.get("perfsite_data")).path.resolve()
        site = self.session.load(directory, Path(config.config_file_path).parent)
        return self.session.configure(config, site if self.config.site_yaml_wins else
                                      mkdocs_yml_wins(site, config, directory, self.session.serve))

    @guarded
    def on_files(self, files: Files, config: Any) -> Files:
        files = add_generated(files, config, self.session.pages(), {**asset_files(), **self.session.files()})
        self.converted = Converted.of(self.session.memo("prose"), config)
        return files

    @guarded
    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        env.bytecode_cache = self.session.template_cache(env)  # Material's templates compiled once, not per build
        return env

    @guarded
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        generated = self.session.page(page.file.src_uri)
        if generated is None:
            if self.converted is not None:
                self.converted.install(page)
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
        if self.sigterm and signal.getsignal(signal.SIGTERM) is terminate:  # a build run inside another program
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        self.sigterm = False
