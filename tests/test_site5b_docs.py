"""The engineering pages stay in the repository and off the public site: not built, not in
sitemap.xml, not linked from a built page; the data contract (数据格式, JSON, 开放数据) is built.
Read from the shared sample site; `perfsite init` projects have an empty docs/ (test_scaffold)."""

from __future__ import annotations

import re
from pathlib import Path

ENGINEERING = ("deploy", "design", "import", "operator", "performance", "performance-log", "scaling")
REPO = Path(__file__).resolve().parent.parent


def test_engineering_pages_are_kept_in_the_repository_but_not_published(sample_site: Path) -> None:
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for name in ENGINEERING:
        assert (REPO / "docs" / f"{name}.md").is_file(), name
        assert not (sample_site / name).exists(), name
        assert f"/{name}/" not in sitemap, name
    for name in ("data-format", "json", "opendata"):
        assert (sample_site / name / "index.html").is_file() and f"/{name}/" in sitemap, name
    link = re.compile(r'href="(?:[^"]*/)?(?:' + "|".join(map(re.escape, ENGINEERING)) + r')/(?:#[^"]*)?"')
    linked = [str(page.relative_to(sample_site)) for page in sample_site.rglob("*.html")
              if link.search(page.read_text(encoding="utf-8"))]
    assert not linked, linked


def test_a_new_site_repository_gets_an_empty_docs_folder() -> None:
    """`perfsite init` writes docs/ with a .gitkeep alone: none of these pages reaches a bureau's site."""
    from perfsite.scaffold import EMPTY_FOLDERS, FILES

    assert "docs" in EMPTY_FOLDERS
    assert not [target for _, target in FILES if target.startswith("docs/")]
