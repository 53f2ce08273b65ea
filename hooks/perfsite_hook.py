"""MkDocs hook for this repository's mkdocs.yml: a shim onto the `perfsite` plugin (perfsite_mkdocs).

A bureau's own site uses the installed plugin (`plugins: [perfsite]`, made by `perfsite init`).
This repository's mkdocs.yml is a template whose site_name and site_url are placeholders, so here
data/site.yaml's title and site_url win (`site_yaml_wins`). MkDocs loads a hook module once per
process and keeps it for `mkdocs serve` rebuilds, so one plugin instance holds the session.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

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
STAFF_DOCS = "PERFSITE_STAFF_DOCS"
"""Set to 1, a build also makes the engineering pages mkdocs.yml's exclude_docs keeps out of the
public site (deploy, design, import, operator, performance...), for a staff copy of the site;
docs/operator.md says how."""


def staff_docs(config: Any) -> Any:
    """With $PERFSITE_STAFF_DOCS=1, the pages exclude_docs names are built, outside the navigation
    as the data contract's pages are (not_in_nav): a staff build needs no edited mkdocs.yml."""
    if os.environ.get(STAFF_DOCS, "").strip() == "1" and config.exclude_docs:
        config.not_in_nav = config.exclude_docs + config.not_in_nav if config.not_in_nav else config.exclude_docs
        config.exclude_docs = None
    return config


def on_config(config: Any) -> Any:
    return _plugin.on_config(staff_docs(config))


on_files = _plugin.on_files
on_env = _plugin.on_env
on_page_markdown = _plugin.on_page_markdown
on_page_content = _plugin.on_page_content
on_post_page = _plugin.on_post_page
on_post_build = _plugin.on_post_build
on_serve = _plugin.on_serve
on_build_error = _plugin.on_build_error
on_shutdown = _plugin.on_shutdown
