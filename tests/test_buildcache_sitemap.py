"""The sitemap lists the series pages (各年度指标对照) the workers wrote, linked or left in place:
a `mkdocs serve` rebuild that renders only what changed lists the same ones as a build from nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest_site import REPO

from perfsite.demo import write_demo
from perfsite.site.workers import PARALLEL_FROM
from perfsite.site.years_page import SERIES_FOLDER


def config(site: Path) -> Any:
    from mkdocs.config import load_config

    return load_config(str(REPO / "mkdocs.yml"), site_dir=str(site))


def serve_builds(site: Path, between: list[Any]) -> list[str]:
    """Build `site` as `mkdocs serve` does, once, then again after each of `between` (one
    session); the series pages in it then (the session's page folders go when it ends)."""
    from mkdocs.commands.build import build

    first = config(site)
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        build(first)
        for change in between:
            change()
            build(config(site))
        return series_pages(site)
    finally:
        first.plugins.on_shutdown()


def locs(site: Path) -> list[str]:
    return re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))


def series_pages(site: Path) -> list[str]:
    return sorted(page.parent.relative_to(site).as_posix() + "/"
                  for page in site.glob(f"projects/*/*/{SERIES_FOLDER}index.html"))


def test_a_serve_rebuild_lists_the_series_pages_a_build_from_nothing_lists(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    write_demo(PARALLEL_FROM + 20, data, seed=3)
    for key, value in {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "PERFSITE_JOBS": "2",
                       "NO_MKDOCS_2_WARNING": "1", "PERFSITE_BUILD_CACHE": "0",
                       "PERFSITE_LOG": str(tmp_path / "error.log")}.items():
        monkeypatch.setenv(key, value)
    site = tmp_path / "site"
    moved: dict[str, str] = {}

    def drop_a_series_newest_year() -> None:
        """Remove the newest 自评 of a series: its series page moves to the year before's page."""
        owner = series_pages(site)[0].removesuffix(SERIES_FOLDER)
        year, ident = owner.split("/")[1:3]
        victim = next(p for p in data.rglob("*.yaml") if p.name != "site.yaml"
                      and re.search(rf"^year:\s*{year}\s*$", text := p.read_text(encoding="utf-8"), re.M)
                      and re.search(rf"^id:\s*{re.escape(ident)}\s*$", text, re.M))
        victim.unlink()
        moved["from"] = owner + SERIES_FOLDER

    written = serve_builds(site, [drop_a_series_newest_year])
    cold = tmp_path / "cold"
    assert serve_builds(cold, []) == written
    base = next(loc for loc in locs(cold) if loc.endswith("/search/")).removesuffix("search/")
    listed = [url for loc in locs(site) if (url := loc.removeprefix(base)).startswith("projects/")
              and url.endswith(SERIES_FOLDER)]
    assert listed and listed == written
    assert moved["from"] not in listed
    assert locs(site) == locs(cold)
