"""Full-text search with Pagefind (extended build: segments Chinese), run on the built site.

Pagefind splits its index into small chunks and fetches only those a query needs, so a visitor
downloads a few hundred KB whatever the site's size, where Material's search would ship one
64–94 MB file. Only programme pages (`data-pagefind-body` in programme.html) and the prose pages
(wrapped by the hook) are indexed; figures, tables of numbers and navigation are left out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from perfsite.site.model import SitePage
from perfsite.site.timing import since

URL = "search/"
TITLE = "全文检索"
BUNDLE = "pagefind"
EXCLUDE = (".ps-crumbs", ".ps-toc", ".ps-print-only", ".ps-figures", ".ps-result", "#ps-checks",
           "#ps-budget", ".ps-chart", ".ps-indicators td", ".ps-downloads", ".ps-pagemeta", ".ps-hint",
           ".ps-note", ".headerlink")
"""Parts of indexed pages that are numbers, repeated labels or navigation: not worth finding."""


def enabled(extra: dict[str, Any]) -> bool:
    """$PERFSITE_SEARCH=1/0 wins; else mkdocs.yml `extra.perfsite_search` (default off)."""
    env = os.environ.get("PERFSITE_SEARCH")
    if env is not None and env != "":
        return env not in ("0", "false", "no")
    return bool(extra.get("perfsite_search"))


def search_page(on: bool) -> SitePage:
    """全文检索: Pagefind's own UI, loaded from our site (no CDN); a note when the index is off."""
    from perfsite.site.render import render

    html = render("search.html", URL, title=TITLE, enabled=on, bundle=BUNDLE)
    return SitePage(url=URL, title=TITLE, html=html, kind="search", in_nav=True)


def build_index(site_dir: Path) -> dict[str, float]:
    """Run the Pagefind binary bundled in the venv on site_dir; raise if it fails."""
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
           "--exclude-selectors", ", ".join(EXCLUDE), "--silent"]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind 失败：{result.stderr[-2000:]}")
    return {"search": since(started)}
