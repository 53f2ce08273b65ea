"""MkDocs hook for this repository's mkdocs.yml: a shim onto the `perfsite` plugin (perfsite_mkdocs).

A bureau's own site uses the installed plugin (`plugins: [perfsite]`, made by `perfsite init`).
This repository's mkdocs.yml is a template whose site_name and site_url are placeholders, so here
data/site.yaml's title and site_url win (`site_yaml_wins`). MkDocs loads a hook module once per
process and keeps it for `mkdocs serve` rebuilds, so one plugin instance holds the session.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import perfsite_mkdocs  # noqa: F401
except ModuleNotFoundError:  # a checkout whose editable install predates the adapter package
    sys.path.append(str(Path(__file__).resolve().parent.parent))

from perfsite_mkdocs.plugin import PerfsitePlugin, guarded

__all__ = ["guarded"]

_plugin = PerfsitePlugin()
_errors, _warnings = _plugin.load_config({"site_yaml_wins": True})
assert not _errors, _errors

on_startup = _plugin.on_startup
on_config = _plugin.on_config
on_files = _plugin.on_files
on_env = _plugin.on_env
on_page_markdown = _plugin.on_page_markdown
on_page_content = _plugin.on_page_content
on_post_page = _plugin.on_post_page
on_post_build = _plugin.on_post_build
on_serve = _plugin.on_serve
on_build_error = _plugin.on_build_error
on_shutdown = _plugin.on_shutdown
