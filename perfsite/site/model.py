"""The site as plain data: pages (HTML fragments) and static files, no MkDocs types.

Keeping the output framework-free lets the MkDocs hook, a parallel renderer (scale issue) and
the tests consume the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from perfsite.record import Record

from perfsite.siteconfig import SiteConfig


@dataclass(frozen=True)
class ProgrammeInput:
    """One programme: the core's page data dict plus its source files (copied as downloads)."""

    data: dict[str, Any]
    yaml_path: Path | None = None
    csv_path: Path | None = None
    record: Record | None = None
    """The record the page data was made from (perfsite.record): listing rows are made from it."""


@dataclass(frozen=True)
class SitePage:
    """A page of the site: URL (directory style, "" for home), escaped-free title and HTML body."""

    url: str
    title: str
    html: str
    kind: str
    """programme | index | listing | home | method: selects layout in the hook."""
    in_nav: bool = False

    @property
    def src_uri(self) -> str:
        """The virtual Markdown source MkDocs maps to `url` with use_directory_urls."""
        return f"{self.url}index.md"


@dataclass
class SiteBuild:
    """Everything generated from data/: pages and static files keyed by site path."""

    info: SiteConfig
    pages: list[SitePage] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Messages (warnings, notes) worth logging at build time; errors never reach here."""
