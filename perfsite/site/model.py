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


@dataclass(frozen=True)
class SiteInfo:
    """What the site's pages need from site.yaml, as plain strings (ready for templates)."""

    title: str = "预算绩效信息公开"
    site_url: str = ""
    publisher: str = ""
    contact: str = ""
    site_code: str = ""
    icp: str = ""
    police_record: str = ""
    licence: str = ""
    data_date: str = ""
    grades: tuple[tuple[str, str], ...] = (("90", "优"), ("80", "良"), ("60", "中"), ("0", "差"))
    """(lowest total as a decimal string, label), best first."""
    grade_aliases: dict[str, list[str]] = field(default_factory=dict)
    judged_levels: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Level → (lower, upper) share of the weight in percent, as strings ("80", "100")."""

    def footer(self) -> dict[str, str]:
        """The footer fields, for the theme override (config.extra.perfsite)."""
        return {
            "title": self.title, "publisher": self.publisher, "contact": self.contact,
            "site_code": self.site_code, "icp": self.icp, "police_record": self.police_record,
            "licence": self.licence, "data_date": self.data_date,
        }


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

    info: SiteInfo
    pages: list[SitePage] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Messages (warnings, notes) worth logging at build time; errors never reach here."""
