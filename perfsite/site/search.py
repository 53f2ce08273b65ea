"""Full-text search with Pagefind (extended build: segments Chinese), a few indexes per year.

Pagefind splits its index into small chunks and fetches only those a query needs, so a visitor
downloads a few hundred KB whatever the site's size, where Material's search would ship one
64–94 MB file. It is not fed the published pages: for each programme the worker that renders
its page also writes a small *search stub* with only the words worth finding (name, department,
region, evaluation, indicator names, the narrative), a tenth of the page's bytes; the prose pages
(wrapped in `data-pagefind-body` by the hook) are indexed as published.

Each year's pages are indexed in parts (shard_plan), each part its own index (a Pagefind
process makes index after index: _Service), and the search page merges the indexes in the
browser (Pagefind's `mergeIndex`, which shares the primary index's WebAssembly). Parts are
small because a one-file commit makes one part again: Pagefind costs about 0.15 s to start and
0.75 ms of CPU a stub (measured on 500/1,000/1,250/2,500/5,000 demo stubs: 0.5/0.9/1.1/2.0/
4.0 s), so a part of 1,250 is made in about 1 s where
a 10,000-programme site's year of 2,500 took 2. A part is sized by its stubs, not its
programmes: a programme's other documents (绩效目标表, 评价报告, 整改) are indexed in its part
too, and with a 绩效目标表 for every programme a part of 1,250 programmes held 2,500 stubs (a
rebuild's Pagefind 2.0–2.3 s). Parts are few because each one a first query
merges costs it an index chunk (about 8 KB, whatever the part's size; the metadata, 6 bytes a
page, is the same split or not): PART_PAGES and YEAR_PARTS.

What a first query merges is settled from the built bundle's sizes (settle_page): every index
when they all fit FIRST_QUERY_KB, else the newest year's, the older years' when the reader asks
(or the newest year finds nothing). A count of indexes would not do: the metadata grows with
the pages, and a 10,000-programme site with the whole disclosure cycle (four years of 5,500
pages) made a first query of 334 KB with five indexes merged. The page's UI is ours (perfsite/assets/search.js on Pagefind's JS
API, 8 KB): Pagefind's stock UI (its build still writes it into the bundle) would add 134 KB to
a first query, its Web Worker 41 KB.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfsite.headline import shown_grade
from perfsite.safefile import write_new
from perfsite.site.buildcache import BuildCache, Stamps, damaged_line, files_below, move_tree, tree_digest
from perfsite.site.model import SitePage
from perfsite.site.timing import log, since

if TYPE_CHECKING:
    from perfsite.site.render import Templates
    from perfsite.siteconfig import SiteConfig

URL = "search/"
TITLE = "全文检索"
BUNDLE = "pagefind"

PROSE = "_prose"
"""The stub folder holding copies of the indexed prose pages (the primary index)."""
EXCLUDE = (".headerlink", ".ps-num")
"""Parts of indexed prose pages that are not worth finding: heading anchors, and a table's number
cells (amounts, rates), which made a department page's excerpt for 学生营养 read 「.30. 98.52%
学生营养改善计划 … 604.00」 (no one searches for 604.00; the 数据下载 tables hold the figures)."""
KIND_SELF = "绩效自评"
"""A 自评 result's kind (Pagefind metadata `kind`, beside `year`): the label search.js shows above
each result, as the links between a programme-year's documents name its four kinds."""
TITLE_WEIGHT = 10
"""Pagefind's weight of a 自评 stub's title (its h1; Pagefind's own for an h1 is 7, the most is 10)."""
DOCUMENT_WEIGHT = 3
"""The weight of another document's title (绩效目标表, 评价报告, 整改): the four documents of a
programme-year share its name, and the 自评 is the page a reader looking for the programme wants.
On data/ for 学生营养 the 2022 自评 came 7th of 10 (each title weighing 7), 5th with the 自评's
at 10 and the others' at 7, 3rd with these (after the department page, from the prose index,
and the 2021 自评); the 评价报告 and 整改 pages last, the 2023 自评 still after the two 目标表
(a short stub scores more for the same words)."""


META = 'data-pagefind-meta="kind[data-kind], year[data-year]"'
"""A result's kind and year as Pagefind metadata, each from an attribute: Pagefind reads a static
value (kind:绩效自评) to the end of the attribute, commas and all, so two of them cannot share one.
Not a Pagefind sort by year: with the year indexes merged, Pagefind 1.5 sorts each index's results
and interleaves them (for 学生营养: 2023, 2022, 2023, 2022, …); search.js orders them (ORDER)."""


OTHER = "其他文件"
ORDER = f'data-pagefind-filter="kind:{OTHER}"'
"""A stub of a programme-year's other documents (绩效目标表, 评价报告, 整改) carries this Pagefind
filter, for the order of the results (search.js): a query's results among them are asked for apart
(one filtered search), so a year's 自评 are listed before its other documents. A title's weight
could not do it: on data/ for 学生营养 the 2023 绩效目标表 (weight 3) scored 3.01, its 自评
(weight 10) 2.90, the shorter stub winning. One value for all of them: with a value for each kind,
Pagefind wrote the values in the order it happened to meet them, and the same stubs made in another
order gave other index bytes. On the other documents, not the 自评: a first query fetches each
merged index's filter chunk, which lists every page carrying the filter, and a site has no more
other documents than 自评 (at 10,000 demo programmes with no 绩效目标表 the 自评's chunks took
18 KB, a fifth of a first query's growth budget). The year needs no attribute: each index holds
one year's stubs, and search.js gives it to them as it merges the index (Pagefind's mergeFilter)."""


def _head(kind: str, year: object) -> str:
    """A stub's body mark with its result's kind and year."""
    order = "" if kind == KIND_SELF else f" {ORDER}"
    return f'<main {MARK} {META} data-kind="{html.escape(kind)}" data-year="{year}"{order}>'


def _title(text: str, weight: int = TITLE_WEIGHT) -> str:
    return f'<h1 data-pagefind-weight="{weight}">{text}</h1>'

MARK = "data-pagefind-body"
SHARD_PAGES = 5_000
"""Pages (stubs) per index at most: Pagefind needs about 0.1 MB a page while indexing, so an
index of 5,000 stays near 0.6 GB whatever the site's size."""
PART_PAGES = 1_250
"""Pages (stubs) per index aimed at: a one-file commit makes its part again, about 1 s of Pagefind
at 1,250 (0.15 s + 0.75 ms a stub). Smaller parts would cost a first query more than they save
a rebuild: at 1,000 a 10,000-programme site (4 years, 12 parts) no longer fits FIRST_QUERY_KB
with every year merged, at 1,250 (8 parts) it does."""
YEAR_PARTS = 5
"""Parts of one year at most (unless SHARD_PAGES needs more): a first query merges at least the
newest year's, each with its chunk; a year of 25,000 programmes in 5 parts of 5,000 makes a
first query of about 352 KB, within the 400 KB a 100,000-programme site may take."""
FIRST_QUERY_KB = 300
"""What a first query should download at most (KB of 1,024 bytes, as sent without compression):
Pagefind's script and WebAssembly, our script, the primary index, ten results and, for each
merged index, its entry, metadata and one chunk (settle_page). When every index fits, a first
query searches all years; else the newest year's (a bigger year may alone exceed it: its parts
are the least a query can merge). $PERFSITE_SEARCH_FIRST_KB overrides it (the browser tests set
0 to split a small site as a big one is)."""
FIRST_QUERY_ENV = "PERFSITE_SEARCH_FIRST_KB"
RESULTS_BYTES = 10 * 1024
"""The ten results a first query shows: a stub's fragment is about 0.8 KB."""

Stub = tuple[str, str, str]
"""A page's search stub as a worker reports it: (its path below the stubs folder, its SHA-256,
the build cache file it is linked from when its index must be made again, or "" when the worker
wrote it in place)."""


def enabled(extra: dict[str, Any]) -> bool:
    """$PERFSITE_SEARCH=1/0 wins; else mkdocs.yml `extra.perfsite_search` (default off). `auto`
    (what `perfsite init` writes) is on when Pagefind is installed, so plain `mkdocs build` and
    `perfsite build` make the same site wherever they run."""
    env = os.environ.get("PERFSITE_SEARCH")
    if env is not None and env != "":
        return env not in ("0", "false", "no")
    setting = extra.get("perfsite_search")
    if setting == "auto":
        return importlib.util.find_spec(BUNDLE) is not None
    return bool(setting)


UNBUILT = ("提示：这次没有生成全文检索索引：没有安装 Pagefind（mkdocs.yml 的 extra.perfsite_search: auto 只在装有它时生成），"
           "网站的“全文检索”页只请读者改用项目查询。要生成它，请在网站仓库的根目录运行 pip install -r requirements.txt"
           "（其中锁定了 pagefind 的版本），然后重新生成")
def unbuilt_note(extra: dict[str, Any]) -> str | None:
    """UNBUILT where a build asked for an index where Pagefind is installed (`auto`, what
    `perfsite init` writes) and it is not: the site builds, its search page is dead, and a wheel
    installed without the requirements (the README's first step alone) lacks it. A site that
    turned search off ($PERFSITE_SEARCH, or no `auto`) is told nothing. The session says it once
    (`perfsite serve` builds again on every edit)."""
    if os.environ.get("PERFSITE_SEARCH") or extra.get("perfsite_search") != "auto" \
            or importlib.util.find_spec(BUNDLE) is not None:
        return None
    return UNBUILT


def shard_plan(counts: dict[int, int]) -> dict[int, int]:
    """Year → how many indexes its pages go in (`counts`: pages indexed per year, each document
    of every kind: session.Loaded.indexed_pages): parts of about PART_PAGES, at most YEAR_PARTS,
    at most SHARD_PAGES pages each. The count changes
    only when a year grows past a multiple of PART_PAGES (then its parts are all made again)."""
    return {year: max(-(-n // SHARD_PAGES), min(-(-n // PART_PAGES), YEAR_PARTS), 1) for year, n in counts.items()}


def shard_names(plan: dict[int, int]) -> list[str]:
    """Every index folder of a plan, newest year first: "2024", or "2024-1", "2024-2", …"""
    return [str(y) if plan[y] == 1 else f"{y}-{k}" for y in sorted(plan, reverse=True)
            for k in range(1, plan[y] + 1)]


def shard_year(name: str) -> int:
    """The year of an index folder named by shard_names."""
    return int(name.split("-", 1)[0])


def first_query_budget() -> int:
    """FIRST_QUERY_KB in bytes, or $PERFSITE_SEARCH_FIRST_KB when it is a whole number."""
    value = os.environ.get(FIRST_QUERY_ENV, "").strip()
    return (int(value) if value.isdigit() else FIRST_QUERY_KB) * 1024


def first_shards(costs: dict[str, int], fixed: int, budget: int) -> list[str]:
    """The indexes a first query searches: all of `costs` (index → bytes a query loads of it,
    newest year first) when they and the `fixed` bytes every query loads fit `budget`, else the
    newest year's."""
    names = list(costs)
    if not names or fixed + sum(costs.values()) <= budget:
        return names
    newest = shard_year(names[0])
    return [name for name in names if shard_year(name) == newest]


def shard_of(plan: dict[int, int], year: int, ident: str) -> str:
    """The index of one programme: its year's, or one part of it chosen by its id (stable across builds)."""
    parts = plan.get(year, 1)
    return str(year) if parts == 1 else f"{year}-{zlib.crc32(ident.encode('utf-8')) % parts + 1}"


def shard_bundle(name: str) -> str:
    """Where a merged index is published, under the primary bundle."""
    return f"{BUNDLE}/{name}/"


def search_page(on: bool, shards: Iterable[str] = (), templates: Templates | None = None,
                site: SiteConfig | None = None) -> SitePage:
    """全文检索: a search form and result list run by our search.js on Pagefind's JS API, the
    indexes listed in `shards` (newest year first) merged, all loaded from our site (no CDN); a
    note when the index is off. Every index is listed as merged at once: once the bundle's sizes
    are known, settle_page moves the older years' indexes to those merged when the reader widens
    the search, which a note naming the years offers. `site` gives the printed page its site-title
    line, as every other page's."""
    from perfsite.site.render import standard

    names = list(shards)
    years = sorted({shard_year(name) for name in names}, reverse=True)
    html_text = (templates or standard()).render("search.html", URL, site=site, title=TITLE, enabled=on, bundle=BUNDLE,
                       merged=[shard_bundle(name) for name in names],
                       first_year=years[0] if len(years) > 1 else None, later_years=sorted(years[1:]))
    return SitePage(url=URL, title=TITLE, html=html_text, kind="search", in_nav=True)


MERGED = re.compile(r' data-merge="([^"]*)" data-later="([^"]*)"')
"""The search page's lists of the indexes merged at first and when the reader widens the search."""


def settle_page(site_dir: Path, shards: Iterable[str]) -> list[str]:
    """Split the search page's indexes into those a first query merges and the rest (first_shards
    on the sizes of the built bundle's files); returns the first. A page without the lists (a
    site's own template) is left as it is."""
    page = site_dir / URL / "index.html"
    text = page.read_text(encoding="utf-8")
    found = MERGED.search(text)
    names = list(shards)
    if found is None:
        return names
    first = set(first_shards({name: index_bytes(site_dir / shard_bundle(name)) for name in names},
                             query_bytes(site_dir), first_query_budget()))
    listed = found.group(1).split() + found.group(2).split()
    now = [url for url in listed if url.rstrip("/").rsplit("/", 1)[-1] in first]
    later = [url for url in listed if url not in now]
    settled = f"{text[:found.start()]} data-merge=\"{' '.join(now)}\" data-later=\"{' '.join(later)}\"{text[found.end():]}"
    if settled != text:
        page.unlink()  # a new file: never written through a link
        write_new(str(page), settled.encode("utf-8"))
    return [name for name in names if name in first]


def index_bytes(bundle: Path) -> int:
    """What a query loads of a merged index: its entry, its metadata and one chunk (their mean size)."""
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return 0
    chunks = [p.stat().st_size for p in (bundle / "index").glob("*.pf_index")]
    return (entry.stat().st_size + sum(p.stat().st_size for p in bundle.glob("pagefind.*.pf_meta"))
            + (-(-sum(chunks) // len(chunks)) if chunks else 0))


def query_bytes(site_dir: Path) -> int:
    """What every first query loads whatever it merges: Pagefind's script and WebAssembly, our
    search.js, the primary index's entry, metadata and chunk, and the ten results it shows."""
    bundle = site_dir / BUNDLE
    wasm = [p.stat().st_size for p in bundle.glob("wasm.*")]
    script = (resources.files("perfsite") / "assets" / "search.js").read_bytes()
    return ((bundle / "pagefind.js").stat().st_size + max(wasm, default=0) + len(script)
            + index_bytes(bundle) + RESULTS_BYTES)


SAMPLE_FACT = "示例数据"
"""What a result of 示例数据 says beside its grade, as the listings mark it 示例: short, since an excerpt
shows only its first ~30 words and the department after it must still be read whole."""


def stub_html(data: dict[str, Any]) -> str:
    """A programme's search stub: what a visitor may look for, with the year in the result title.

    `data` is the programme's page data (perfsite.pagedata); the sections are safe HTML already.
    """
    e = html.escape
    grade = shown_grade(data.get("headline") or {}) or data.get("grade")  # as the page's headline says
    # the grade first: a result found by its name shows the excerpt's first ~30 words, and last it
    # was cut to 「… · 示例县财政局 · 评价等级：」 without the grade (the year is in the title)
    facts = [f"评价等级：{grade}" if grade else None, SAMPLE_FACT if data.get("sample") else None, data.get("department"),
             data.get("region"), data.get("evaluation"), data.get("evaluator")]
    names: list[str] = []
    for ind in data.get("indicators") or []:
        for name in (ind.get("level1"), ind.get("level2"), ind.get("name")):
            if name and name not in names:
                names.append(name)
    sections = "".join(f"<h2>{e(s['title'])}</h2>{s['html']}" for s in data.get("sections") or [])
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(data['name'])}</title></head><body>{_head(data.get('kind_label') or KIND_SELF, data['year'])}"
        f"{_title(e(data['name']) + '（' + str(data['year']) + '年度）', DOCUMENT_WEIGHT if data.get('kind_label') else TITLE_WEIGHT)}"
        f"<p>{e(' · '.join(str(f) for f in facts if f))}</p>"
        f"<p>{e('、'.join(names))}</p>{sections}</main></body></html>"
    )


TARGETS_KIND = "绩效目标表"
"""How a result's title names a 绩效目标表 (beside its year), so a reader tells it from the 自评."""


def target_stub_html(data: dict[str, Any]) -> str:
    """A 绩效目标表's stub (`data`: its page's JSON twin, perfsite.site.targets_page): its goals,
    indicators with their targets as the page writes them, and its kind in the result's title."""
    e = html.escape
    facts = [SAMPLE_FACT if data.get("sample") else None, data.get("department"), data.get("implementer"), "项目支出绩效目标表"]
    goals = [g for g in (data.get("annual_goal"), data.get("midterm_goal")) if g]
    rows = [" ".join(x for x in (i.get("level1"), i.get("level2"), i.get("name"), i.get("target_text")) if x)
            for i in (data.get("indicators") or []) + (data.get("midterm_indicators") or [])]
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(data['name'])}</title></head><body>{_head(TARGETS_KIND, data['year'])}"
        f"{_title(e(data['name']) + '（' + str(data['year']) + '年度' + e(TARGETS_KIND) + '）', DOCUMENT_WEIGHT)}"
        f"<p>{e(' · '.join(str(f) for f in facts if f))}</p>"
        + "".join(f"<p>{e(g)}</p>" for g in goals)
        + f"<p>{e('；'.join(rows))}</p></main></body></html>"
    )


def stub_folder(stubs: Path | str, plan: dict[int, int], year: int, ident: str, url: str) -> str:
    """Where a page's stub goes: its year's index folder at the path of its page (Pagefind takes
    URLs from paths)."""
    return f"{stubs}/{shard_of(plan, year, ident)}/{url}"


def write_stub(stubs: Path, data: dict[str, Any], plan: dict[int, int], make: Any = stub_html) -> None:
    """Write a page's stub (`make`: stub_html for a 自评, target_stub_html for a 绩效目标表)
    from its page data where stub_folder puts it."""
    target = Path(stub_folder(stubs, plan, data["year"], data["id"], data["url"])) / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(make(data), encoding="utf-8")


def copy_prose(site_dir: Path, stubs: Path, pages: Iterable[str]) -> None:
    """Copy the published prose pages (site paths; the hook lists those it wrapped) that carry the
    body mark into the primary index's folder: reading every listing page to find them cost
    seconds at 100,000 programmes. Copied before /data/ is written: the 数据下载 page then still
    holds its file facts as comments (perfsite.site.downloads.fact), so the primary index, whose
    cache key is these copies, is the same after a data commit that changed no prose (a size or
    a SHA-256 is nothing a reader searches for)."""
    target = stubs / PROSE
    shutil.rmtree(target, ignore_errors=True)
    for relative in sorted(set(pages)):
        text = (site_dir / relative).read_text(encoding="utf-8")
        if MARK in text:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_text(text, encoding="utf-8")


@functools.cache
def _pagefind_command() -> tuple[str, ...]:
    """The Pagefind binary the `pagefind` package runs (its `python -m pagefind` starts Python,
    about 0.1 s, only to find and run it)."""
    try:
        from pagefind.service import get_executable
    except ImportError:  # not installed: the module run says so
        return (sys.executable, "-m", "pagefind")
    binary = get_executable()
    return (str(binary),) if binary is not None else (sys.executable, "-m", "pagefind")


def in_path_order(folder: Path | str) -> None:
    """List every folder of the tree at `folder` in name order, on file systems that list a
    folder's entries in the order they were added (tmpfs, btrfs; ext4 lists by a hash of the
    names, the same for the same names: there nothing is renamed, lists_as_made).

    Pagefind numbers pages in the order it walks the folders and an index's bytes depend on
    those numbers, but the stubs are made in no fixed order: workers write theirs at once, and
    a rebuild links the cached ones around the pages it rendered again. So each entry of a
    folder of more than one is renamed away and back, in name order: a rename adds the name
    anew, as the last. Renaming needs no new inode; making each folder anew and moving its
    entries in did (15 s of disk waits for 10,000 stubs on a busy disk, against 0.9 s)."""
    if lists_as_made(str(folder)):
        _renamed_in_order(folder)


PROBE_NAMES = tuple(f"p{n}" for n in range(8))


def lists_as_made(folder: str) -> bool:
    """Whether the file system holding `folder` lists a folder's names in an order that depends
    on the order they were made (tmpfs, btrfs, a small xfs folder), so in_path_order must rename
    them. ext4 lists by a hash of the names: the same names in any order list the same, renaming
    there moved nothing, and at 10,000 programmes (8 indexes of 1,250 stubs) the renames and scans
    cost the parent about 0.3 s of CPU on the search's critical path (38 ms an index on ext4, 17 ms
    on tmpfs). Found for each folder, beside it: the same names made in two orders in two new
    folders (18 folders made and removed: 0.2 ms of CPU on tmpfs, 1.6 ms on ext4, against the 38 ms
    of renames it spares there; nothing is kept between calls, as a build keeps no state outside
    its session); where that cannot be tried,
    renaming is the safe answer."""
    try:
        probe = tempfile.mkdtemp(dir=folder, prefix=".order-")
    except OSError:
        return True
    try:
        listed = []
        for side, names in (("a", PROBE_NAMES), ("b", PROBE_NAMES[::-1])):
            os.mkdir(f"{probe}/{side}")
            for name in names:
                os.mkdir(f"{probe}/{side}/{name}")
            listed.append(os.listdir(f"{probe}/{side}"))
        return listed[0] != listed[1]
    except OSError:
        return True
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def _renamed_in_order(folder: Path | str) -> None:
    """in_path_order's renames, folder by folder."""
    with os.scandir(folder) as listed:
        entries = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in listed)
    if len(entries) > 1:
        taken = {name for name, _ in entries}
        for name, _ in entries:
            away = f"{name}.~"
            while away in taken:  # never for stubs (ids, slugs, index.html); a prose page might
                away += "~"
            os.rename(f"{folder}/{name}", f"{folder}/{away}")
            os.rename(f"{folder}/{away}", f"{folder}/{name}")
    for name, is_dir in entries:
        if is_dir:
            _renamed_in_order(f"{folder}/{name}")


class _Service:
    """One Pagefind process in its service mode (`--service`, the protocol of the `pagefind`
    package's Python API: each message base64 JSON ended by a comma, on stdin and stdout), that
    makes index after index. The extended build loads its Chinese dictionary once per process:
    0.22 s of CPU (a run of one stub costs 0.25 s, of an English one 0.01 s), which a run per index
    paid again, 9 times a cold build at 10,000 programmes and 17 with a 绩效目标表 each. An index
    made here is the command line's byte for byte (the same walk of the same folder); the
    package's own client waits 0.1 s before reading each answer, so it is not used."""

    def __init__(self) -> None:
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (kept open while the process runs)
        self.process = subprocess.Popen([*_pagefind_command(), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.errors)
        self.sent = 0

    def ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and read its answer; RuntimeError with Pagefind's words if it fails."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
            self.process.stdin.flush()
            answer = _read_until_comma(self.process.stdout)
        except OSError as exc:
            raise RuntimeError(self._stopped(str(exc))) from exc
        if answer is None:
            raise RuntimeError(self._stopped(""))
        found: dict[str, Any] = json.loads(base64.b64decode(answer))["payload"]
        if found.get("type") == "Error":
            raise RuntimeError(str(found.get("message")))
        return found

    def _stopped(self, why: str) -> str:
        """What a process that stopped answering said (its error output), once it has ended."""
        self._end()
        self.errors.seek(0)
        said = self.errors.read()[-2000:].decode("utf-8", "replace")
        return f"检索程序 Pagefind 意外退出（退出码 {self.process.returncode}），请检查磁盘空间和内存后重新构建：{said or why}"

    def index(self, source: Path) -> list[dict[str, str]]:
        """The files of the index of the folder `source` (each its path below the bundle and its
        bytes in base64), as `pagefind --site` makes them; _write_bundle writes them.

        They are asked for and written by us, not written by the service: its WriteFiles
        answers before the last bytes of each file are on disk (Pagefind drops each file without
        flushing it, which a process that exits waits for and a service does not), and in one
        run of 30 an index's file was still being written after the answer. Writing them here
        costs about 0.03 s of CPU for an index of 1,000 stubs (1,029 files), against the 0.22 s
        of a Pagefind process's start that each index after a service's first no longer pays."""
        made = self.ask({"type": "NewIndex", "config": {"exclude_selectors": list(EXCLUDE)}})["index_id"]
        try:
            self.ask({"type": "AddDir", "index_id": made, "path": str(source)})
            files: list[dict[str, str]] = self.ask({"type": "GetFiles", "index_id": made})["files"]
        finally:
            if self.process.poll() is None:
                self.ask({"type": "DeleteIndex", "index_id": made})  # its pages out of the process's memory
        return files

    def _end(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def close(self) -> None:
        """End the process and let go of its pipes. Terminated, not told by the end of its
        input: a fork of this process made meanwhile (the early /data/ of a rebuild) holds that
        input open until it exits."""
        self._end()
        for stream in (self.process.stdout, self.process.stdin):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self.errors.close()


def _write_bundle(output: Path, files: list[dict[str, str]]) -> None:
    """Write an index's files (GetFiles: each a path below the bundle and its bytes in base64)."""
    folders = {""}
    os.makedirs(output, exist_ok=True)
    for found in files:
        name = found["path"]
        if name.startswith("/") or ".." in name.split("/"):
            raise RuntimeError(f"Pagefind 给出的文件名不在索引目录内：{name}")
        folder = name.rpartition("/")[0]
        if folder not in folders:
            os.makedirs(f"{output}/{folder}", exist_ok=True)
            folders.add(folder)
        left = memoryview(base64.b64decode(found["content"]))
        handle = os.open(f"{output}/{name}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # the umask applies, as to Pagefind's
        try:
            while left:
                left = left[os.write(handle, left):]
        finally:
            os.close(handle)


def _read_until_comma(stream: Any) -> bytes | None:
    """One answer of a Pagefind service, without its closing comma (base64 has none; one request,
    one answer, so the comma ends the bytes read); None when the process's output ended first."""
    parts: list[bytes] = []
    while True:
        chunk = stream.read1(1 << 16)
        if not chunk:
            return None
        parts.append(chunk)
        if b"," in chunk:
            answer = b"".join(parts)
            if not answer.endswith(b","):
                raise RuntimeError("Pagefind 的回答多于所问")
            return answer[:-1]


class _Services:
    """The idle Pagefind services of one build's indexes (YearIndexes owns them): a run takes one
    (or starts one) and gives it back, so a build keeps as many as it runs at once (its `jobs` and
    the primary index's), and closes them when its indexes are made or abandoned."""

    def __init__(self) -> None:
        self.idle: list[_Service] = []
        self.lock = threading.Lock()

    def take(self) -> _Service:
        with self.lock:
            if self.idle:
                return self.idle.pop()
        return _Service()

    def give(self, service: _Service) -> None:
        with self.lock:
            self.idle.append(service)

    def close(self) -> None:
        """End the idle services (a build's end: none is kept running between builds)."""
        with self.lock:
            idle, self.idle = self.idle, []
        for service in idle:
            service.close()


def _pagefind(source: Path, output: Path, services: _Services | None = None) -> None:
    """Index `source` at `output` with one of `services` (a build's); without them, with a
    Pagefind process of its own, ended before this returns."""
    if services is None:
        services = _Services()
        try:
            return _pagefind(source, output, services)
        finally:
            services.close()
    in_path_order(source)
    service = services.take()
    try:
        files = service.index(source)
    except (RuntimeError, ValueError, KeyError) as exc:  # the service's pipes' OSError is a RuntimeError
        service.close()
        raise RuntimeError(f"pagefind 失败（{source.name}）：{exc}") from exc
    services.give(service)
    _write_bundle(output, files)  # a full disk is an OSError, explained as any other of the build
    return None


def build_index(site_dir: Path, stubs: Path, shards: Iterable[str], jobs: int = 1, cache: BuildCache | None = None,
                used: set[tuple[str, str]] | None = None, stubbed: Iterable[Stub] = (),
                parts: YearIndexes | None = None) -> dict[str, float]:
    """The primary index (the prose pages copy_prose put in `stubs`) at /pagefind/, each shard's
    at /pagefind/<name>/, `jobs` at a time, and the search page settled on their sizes
    (settle_page); raise RuntimeError if Pagefind fails. With a
    build cache, an index whose stubs an earlier build indexed (the same files, the same
    Pagefind) is taken from it; the keys of the entries used are added to `used`. `stubbed`:
    every stub as the workers reported it (Stub), so a shard's key needs no read of its stubs
    (10,000 files at 10,000 programmes), and the stubs the workers left in the cache are linked
    into `stubs` only for the indexes made again. `parts`: the year indexes made or begun while
    the workers rendered (YearIndexes, in its own folder); the rest are made here.

    The primary index is made beside the year indexes, not before them: alone it left a core
    idle for its run (about 300 prose pages). It is made aside, in `stubs`, and moved into
    place after them (the year indexes go inside its folder, and a Pagefind run may clear its
    output folder)."""
    started = time.perf_counter()
    names = list(shards)
    (stubs / PROSE).mkdir(parents=True, exist_ok=True)
    bundle = site_dir / BUNDLE
    years = parts if parts is not None else \
        YearIndexes(bundle, stubs, names, Shards(cache, used if used is not None else set()), jobs, jobs)
    kept = years.kept
    primary = (stubs / PROSE, stubs / PRIMARY)
    try:
        with ThreadPoolExecutor(1) as aside:
            making = None if kept.reuse(stubs / PROSE, bundle) else aside.submit(_make_index, primary, kept, years.services, False)
            years.widen()
            years.start(years.rest(stubbed))
            made = years.finish()
            if years.folder != bundle:
                move_tree(years.folder, bundle)
            if making is not None:
                making.result()
                move_tree(primary[1], bundle)
                shutil.rmtree(primary[1], ignore_errors=True)
                made += 1
    finally:
        years.services.close()
    kept.tell()
    kept.keep_stamps()
    first = settle_page(site_dir, names) if (site_dir / URL / "index.html").is_file() else []
    return {"search": since(started), "indexed": made, "first_indexes": len(first)}


PRIMARY = "_bundle"
"""The stub folder's subfolder the primary index is made in before it is moved to /pagefind/."""


EARLY_RUNS = 1
"""Pagefind runs at a time while the workers still render (YearIndexes): each competes with a
render worker for a core."""


class YearIndexes:
    """The year indexes of `names`, each at folder/<name>: taken from the build cache, else made
    in a thread (the stubs the workers left in the cache placed first), `early` Pagefind runs at
    a time until widen(), then `jobs`. A year is begun as soon as its stubs are all told: every
    worker's YearsNote while they render (told), or what is left once they are done (rest). Each
    run's thread also stores its index in the cache: stored after them all, one after another,
    they would leave a tail with one core busy."""

    def __init__(self, folder: Path, stubs: Path, names: Iterable[str], kept: Shards, jobs: int,
                 early: int = EARLY_RUNS, workers: int = 1) -> None:
        self.folder, self.stubs, self.names, self.kept = folder, stubs, list(names), kept
        self.workers = workers
        """How many workers tell each year (told)."""
        self.heard: dict[int, int] = {}
        self.started: set[str] = set()
        self.made = 0
        self.runs = threading.Semaphore(max(1, min(early, jobs)))
        self.wider = max(0, jobs - early)
        self.pool = ThreadPoolExecutor(max(1, jobs), thread_name_prefix="perfsite-pagefind")
        self.making: list[Future[None]] = []
        self.services = _Services()
        """The Pagefind processes of these indexes and the primary one (build_index closes them)."""

    def told(self, years: Iterable[int], stubs: Iterable[Stub]) -> None:
        """A worker wrote all its stubs of `years` (these): a year every worker has told is begun."""
        self.kept.add(stubs)
        for year in years:
            self.heard[year] = self.heard.get(year, 0) + 1
            if self.heard[year] == self.workers:
                self.start([name for name in self.names if shard_year(name) == year])

    def rest(self, stubbed: Iterable[Stub]) -> list[str]:
        """The indexes not yet begun, each with all its stubs (`stubbed`: every stub the workers wrote)."""
        fresh: dict[str, list[Stub]] = {}
        for stub in stubbed:
            name = stub[0].split("/", 1)[0]
            if name not in self.started:
                fresh.setdefault(name, []).append(stub)
        self.kept.stubbed.update(fresh)
        return [name for name in self.names if name not in self.started]

    def start(self, names: Iterable[str]) -> None:
        """Begin these indexes (those with stubs): linked from the cache now, else made in a thread."""
        for name in names:
            if name in self.started:
                continue
            self.started.add(name)
            run = (self.stubs / name, self.folder / name)
            if (name in self.kept.stubbed or run[0].is_dir()) and not self.kept.reuse(*run):
                self.made += 1
                self.making.append(self.pool.submit(self._make, run))
        self.kept.tell()

    def _make(self, run: tuple[Path, Path]) -> None:
        with self.runs:
            _make_index(run, self.kept, self.services)

    def widen(self) -> None:
        """The workers are done: `jobs` runs at a time from now on."""
        for _ in range(self.wider):
            self.runs.release()
        self.wider = 0

    def finish(self) -> int:
        """Wait for every index begun (raise what a run raised); how many were made."""
        try:
            for making in self.making:
                making.result()
        finally:
            self.pool.shutdown(wait=True)
        return self.made

    def wait(self) -> None:
        """Wait for the runs begun, whatever they raise (the build failed before it needed them)."""
        self.pool.shutdown(wait=True)
        self.services.close()


def _make_index(run: tuple[Path, Path], kept: Shards, services: _Services, merged: bool = True) -> None:
    """Make the index of run[0] at run[1] (a merged year index: its stubs placed first, its UI
    files dropped) and store it in the build cache."""
    source, bundle = run
    if merged:
        place_stubs(source.parent, kept.stubbed.get(source.name, []))
    _pagefind(source, bundle, services)
    if merged:
        _drop_ui(bundle)
    kept.keep(source, bundle)


def place_stubs(stubs: Path, found: Iterable[Stub]) -> None:
    """Copy into `stubs` the stubs of one index that the workers left in the build cache.

    Copied, not linked: `stubs` is removed after the build, and removing a link moves the
    cache file's ctime, so the next build would take each of these pages' entries as possibly
    written in place (BuildCache.check: read its index, hash its stub). At 10,000 programmes an
    index is about 1,250 stubs of a few KB each: copying them costs less than that check."""
    for path, _, source in found:
        if source:
            target = f"{stubs}/{path}"
            try:
                with open(source, "rb") as handle:
                    content = handle.read()
                try:
                    write_new(target, content)
                except FileNotFoundError:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    write_new(target, content)
                except FileExistsError:
                    os.unlink(target)
                    write_new(target, content)
            except OSError as error:  # pruned by a concurrent build of the same cache since
                raise RuntimeError(f"构建缓存中的检索底稿已不在（{source}：{error.strerror}），请重新生成") from None


class Shards:
    """Pagefind indexes in the build cache, keyed by the stubs indexed and Pagefind's version."""

    def __init__(self, cache: BuildCache | None, used: set[tuple[str, str]],
                 stubbed: Iterable[Stub] = ()) -> None:
        self.cache, self.used = cache, used
        self.keys: dict[Path, str] = {}
        self.reused: list[tuple[Path, Path]] = []
        self.stubbed: dict[str, list[Stub]] = {}
        self.damaged: list[str] = []
        """The indexes whose entries were there but damaged (made again): the build says so (`damage`)."""
        self.stamped: Stamps = cache.stamps(STAMPS) if cache is not None else {}
        """The indexes' files as the last build left them (BuildCache.check takes them unhashed while they still stand so)."""
        self.stamps: Stamps = {}
        """The same of the indexes this build links or stores (BuildCache.place, keep_linked)."""
        self.add(stubbed)

    def add(self, stubbed: Iterable[Stub]) -> None:
        """More stubs the workers told (each of an index not yet keyed)."""
        for stub in stubbed:
            self.stubbed.setdefault(stub[0].split("/", 1)[0], []).append(stub)

    def _key(self, source: Path) -> str:
        assert self.cache is not None
        if source not in self.keys:
            self.keys[source] = self.cache.key("shard", pagefind_version(), source.name, str(EXCLUDE),
                                               self._stubs_digest(source))
        return self.keys[source]

    def _stubs_digest(self, source: Path) -> str:
        """What the index of `source` is made from: its stubs by path and SHA-256, as the workers
        told them; else (the prose pages) the files' bytes."""
        placed = self.stubbed.get(source.name)
        if not placed:
            return tree_digest(source)
        h = hashlib.sha256(b"stubs")
        for path, digest, _ in sorted(placed):
            h.update(f"\0{path}\0{digest}".encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def reuse(self, source: Path, bundle: Path) -> bool:
        """Put the index of `source` back at `bundle`, if the cache has it as stored.

        Its files are linked and checked as a page's whole files are (BuildCache.keep_linked: by
        size, mtime, inode and ctime, hashed only when the ctime moved): hashing them always cost
        a rebuild the whole index (42 MB in 10,000 files at 10,000 programmes, 88 MB at 100,000)
        to publish one year's."""
        if self.cache is None:
            return False
        key = self._key(source)
        found = self.cache.check("shard", key, damaged=lambda: self.damaged.append(source.name), stamps=self.stamped)
        if found is None or self.cache.place(found, lambda name, _: f"{bundle}/{name}", self.stamps) is None:
            return False
        self.used.add(("shard", key))
        self.reused.append((source, bundle))
        return True

    def tell(self) -> None:
        """Say which indexes were made again because their entries were damaged (once each)."""
        if self.damaged:
            log.info(damaged_line("检索索引", [index_label(name) for name in self.damaged]))
            self.damaged = []

    def keep(self, source: Path, bundle: Path) -> None:
        """Store the index just made from `source` (the primary's without the year indexes inside it)."""
        if self.cache is None:
            return
        key = self._key(source)
        files = {}
        for name, path in files_below(str(bundle)):
            with open(path, "rb") as handle:
                files[name] = (path, handle.read())  # copied from where no link can be made
        stored = self.cache.keep_linked("shard", key, files)
        if stored is not None:
            self.stamps[key] = stored
        self.used.add(("shard", key))

    def keep_stamps(self) -> None:
        """Keep the stamps of the indexes the build used so far (this Shards' and the last
        build's, merged) for the next build: each link of an index's files into a new site folder
        moved their ctime, and the next build hashed them all (at 10,000 programmes about 10,000
        files, 42 MB, in the main process). Called once no index is being made (`used` is the
        build's, added to by the threads that make them)."""
        if self.cache is None:
            return
        used = {key for kind, key in list(self.used) if kind == "shard"}  # list(): one step, another thread may add
        kept = {key: stamp for found in (self.stamped, self.stamps) for key, stamp in found.items() if key in used}
        self.used.add(("stamp", self.cache.keep_stamps(STAMPS, kept)))


def index_label(name: str) -> str:
    """An index folder's name in words: "2024" 2024 年度, "2024-2" 2024 年度第 2 部分, the prose pages' 站内文章."""
    if name == PROSE:
        return "站内文章"
    year, _, part = name.partition("-")
    return f"{year} 年度第 {part} 部分" if part else f"{year} 年度"


STAMPS = "shards"
"""The name the indexes' stamps are kept under (BuildCache.keep_stamps; each worker keeps its pages' under its own)."""


def pagefind_version() -> str:
    """The installed Pagefind's version (its indexes differ between versions)."""
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return ""


def _drop_ui(bundle: Path) -> None:
    """A merged year index is read by the primary index's script and WebAssembly: its own copies
    of the UI scripts, styles and WebAssembly are never fetched."""
    for path in bundle.iterdir():
        if path.is_file() and (path.suffix in (".js", ".css") or path.name.startswith("wasm.")):
            path.unlink()
