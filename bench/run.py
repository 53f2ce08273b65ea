"""Benchmark: our site vs plain MkDocs + Material on the same N synthetic programmes, in one run.

    .venv/bin/python bench/run.py --n 10000 [--search] [--out bench/out] [--record]

(a) is `mkdocs build` of this repo with PERFSITE_DATA on the demo tree; (b) the baseline is a
temporary MkDocs project (same theme, no search plugin, pages not in nav) whose docs/ holds one
ordinary Markdown page per programme (budget and indicator tables as Markdown tables, sections).
Peak memory is the largest summed PSS of the build's process tree (workers and Pagefind
included; pages shared after fork counted once), sampled every 0.5 s (reading it more often
slows the build it measures). Figures only: this is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import hashlib
import json
import multiprocessing as mp
import os
import platform
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(REPO))


# -- process measurement ----------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    return parents


def _tree(root: int, parents: dict[int, list[int]]) -> list[int]:
    """`root` and all its descendants."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _tree_memory(root: int) -> int:
    """Memory (bytes) of `root` and all its descendants: PSS where readable (shared pages of
    forked workers counted once), else RSS; from /proc."""
    return sum(_memory(pid) for pid in _tree(root, _children()))


def _memory(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


TICK = os.sysconf("SC_CLK_TCK")


class Timeline:
    """CPU use over a build, sampled with its memory (every 0.5 s): the machine's busy cores
    (/proc/stat: every process, the build's and others') and the build's own cores by role (the
    main process, its Python children: the workers, Pagefind, any other), with the moments the
    build's `perfsite timing` lines came (the stage marks). Where a core idles while the build
    waits shows as `tree` below the core count with the machine not busy elsewhere."""

    ROLES = ("main", "workers", "pagefind", "other")

    def __init__(self, root: int) -> None:
        self.root = root
        self.start = time.perf_counter()
        self.last: dict[int, int] = {}
        self.machine = self._machine()
        self.when = self.start
        self.rows: list[dict[str, float]] = []
        self.lines: list[tuple[float, str]] = []

    @staticmethod
    def _machine() -> tuple[int, int]:
        """(busy, all) jiffies of the machine so far."""
        with open("/proc/stat", "rb") as handle:
            values = [int(v) for v in handle.readline().split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values) - idle, sum(values)

    def _role(self, pid: int) -> tuple[str, int] | None:
        """The role of one process of the tree and its CPU jiffies (user + system) so far."""
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                raw = handle.read()
        except OSError:
            return None
        comm = raw[raw.index(b"(") + 1:raw.rindex(b")")]
        fields = raw.rsplit(b")", 1)[1].split()
        used = int(fields[11]) + int(fields[12])
        if pid == self.root:
            return "main", used
        if comm.startswith(b"pagefind"):
            return "pagefind", used
        return ("workers" if comm.startswith(b"python") else "other"), used

    def sample(self, parents: dict[int, list[int]]) -> None:
        now = time.perf_counter()
        span = max(now - self.when, 1e-3)
        busy, total = self._machine()
        row = {"t": round(now - self.start, 2), "machine": round((busy - self.machine[0]) / TICK / span, 2)}
        row.update({role: 0.0 for role in self.ROLES})
        seen: dict[int, int] = {}
        for pid in _tree(self.root, parents):
            found = self._role(pid)
            if found is None:
                continue
            role, used = found
            seen[pid] = used
            row[role] += (used - self.last.get(pid, 0)) / TICK / span  # a new process: all its CPU is since
        for role in self.ROLES:
            row[role] = round(row[role], 2)
        row["tree"] = round(sum(row[role] for role in self.ROLES), 2)
        self.last, self.machine, self.when = seen, (busy, total), now
        self.rows.append(row)

    def line(self, text: str) -> None:
        """A line of the build's stderr: its moment is kept if it is a stage mark."""
        if "perfsite timing " in text:
            self.lines.append((round(time.perf_counter() - self.start, 2), text))

    def marks(self) -> list[tuple[float, str]]:
        """The stages' ends in seconds from the start, from the `perfsite timing` lines (each
        gives durations; a line comes when on_config, then on_post_build, ends)."""
        found: list[tuple[float, str]] = []
        for at, text in self.lines:
            values = phases(text)
            if "config" in values:
                found += [(round(at - values["config"] + values.get("load", 0), 2), "load end"), (at, "config end")]
            if "post_build" in values:
                begun = at - values["post_build"]
                found.append((round(begun, 2), "post_build start"))
                if "pages_done" in values:
                    found.append((round(begun + values["pages_done"], 2), "workers done, sitemap fixed"))
                    if "search" in values:
                        found.append((round(begun + values["pages_done"] + values["search"], 2), "search end"))
                found.append((at, "post_build end"))
        return sorted(found)

    def summary(self, cores: int, bucket: float = 5.0) -> str:
        """A table of mean cores in use per `bucket` seconds, the stage marks where they fall, and
        the idle core-seconds of the build (cores minus what the tree used, while the machine
        itself had a core free)."""
        marks = self.marks()
        out = ["t(s)   machine  tree   main  workers pagefind other  marks"]
        idle = lost = 0.0
        previous = 0.0
        for row in self.rows:
            span = row["t"] - previous
            previous = row["t"]
            idle += max(0.0, cores - row["tree"]) * span
            lost += max(0.0, cores - row["machine"]) * span
        end = self.rows[-1]["t"] if self.rows else 0.0
        t = 0.0
        while t < end:
            part = [r for r in self.rows if t <= r["t"] < t + bucket]
            if part:
                mean = {k: sum(r[k] for r in part) / len(part) for k in ("machine", "tree", *self.ROLES)}
                here = "; ".join(f"{name} {at}" for at, name in marks if t <= at < t + bucket)
                out.append(f"{t:5.0f}  {mean['machine']:6.2f}  {mean['tree']:5.2f}  {mean['main']:5.2f}  "
                           f"{mean['workers']:6.2f}  {mean['pagefind']:6.2f}  {mean['other']:5.2f}  {here}")
            t += bucket
        out.append(f"build idle core-s (cores − tree): {idle:.1f}; machine idle core-s: {lost:.1f}; "
                   f"wall {end:.1f} s × {cores} cores = {end * cores:.0f} core-s")
        return "\n".join(out)


def _descendants(root: int) -> list[int]:
    """`root` and its descendants, from each thread's list of children: the tree's own /proc
    entries only, cheap enough to read 20 times a second (`_children` reads every process's)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            with contextlib.suppress(OSError, ValueError), open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                todo.extend(int(child) for child in handle.read().split())
    return found


class ProcessCpu:
    """The CPU (user + system) of each process of a build's tree, by role, read every 0.05 s:
    where a one-file rebuild's CPU goes (its main process; the Python children: the workers,
    then the /data/ fork, in the order they start; Pagefind). A process's last 0.05 s is missed:
    the sum comes within about 0.2 s of the tree's getrusage."""

    def __init__(self, root: int) -> None:
        self.root, self.start = root, time.perf_counter()
        self.seen: dict[int, tuple[str, float, int]] = {}
        """pid → (role, seconds after the start it was first seen, CPU jiffies when last seen)."""

    def sample(self) -> None:
        now = time.perf_counter() - self.start
        for pid in _descendants(self.root):
            try:
                with open(f"/proc/{pid}/stat", "rb") as handle:
                    raw = handle.read()
            except OSError:
                continue
            comm = raw[raw.index(b"(") + 1:raw.rindex(b")")]
            fields = raw.rsplit(b")", 1)[1].split()
            used = int(fields[11]) + int(fields[12])
            role = ("main" if pid == self.root else "pagefind" if comm.startswith(b"pagefind")
                    else "python" if comm.startswith(b"python") else comm.decode(errors="replace"))
            first = self.seen.get(pid, (role, round(now, 2), 0))
            self.seen[pid] = (role, first[1], max(first[2], used))

    def processes(self) -> list[list[Any]]:
        """[role, first seen (s), CPU (s)] of each process that used 0.01 s or more, in the order they started."""
        return [[role, at, round(used / TICK, 2)] for role, at, used in sorted(self.seen.values(), key=lambda v: v[1])
                if used / TICK >= 0.01]


def measure(cmd: list[str], env: dict[str, str], cwd: Path, timeline: Path | None = None,
            by_process: bool = False) -> dict[str, Any]:
    """Run `cmd`; wall time, CPU seconds of its process tree (user + system, every descendant
    waited for: workers, Pagefind), peak summed RSS of its process tree, exit code, stderr tail.
    `timeline`: also write a CPU timeline of the build there (Timeline: JSON rows and a summary
    table beside it, .txt). `by_process`: also each process's CPU (ProcessCpu), as `processes`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()
    track = Timeline(proc.pid) if timeline is not None else None
    each = ProcessCpu(proc.pid) if by_process else None

    def sample_cpu() -> None:
        assert each is not None
        while not done.is_set():
            each.sample()
            done.wait(0.05)

    cpu_sampler = threading.Thread(target=sample_cpu, daemon=True) if each is not None else None
    if cpu_sampler is not None:
        cpu_sampler.start()

    def sample() -> None:
        while not done.is_set():
            parents = _children()
            peak[0] = max(peak[0], sum(_memory(pid) for pid in _tree(proc.pid, parents)))
            if track is not None:
                track.sample(parents)
            done.wait(0.5)  # reading smaps_rollup takes the process's memory lock: not too often

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stderr is not None
    lines = []
    for raw in proc.stderr:
        text = raw.decode(errors="replace")
        lines.append(text)
        if track is not None:
            track.line(text)
    proc.wait()
    done.set()
    sampler.join()
    if cpu_sampler is not None:
        cpu_sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    err = "".join(lines)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if track is not None and timeline is not None:
        timeline.write_text(json.dumps({"rows": track.rows, "marks": track.marks()}, ensure_ascii=False),
                            encoding="utf-8")
        timeline.with_suffix(".txt").write_text(track.summary(os.cpu_count() or 1) + "\n", encoding="utf-8")
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_mb": round(peak[0] / 2**20, 1),
            "load": round(os.getloadavg()[0], 1), "log": err, **({"processes": each.processes()} if each else {})}


def site_stats(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    return {"files": len(files), "site_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1),
            "html_files": len(html), "html_mb": round(sum(p.stat().st_size for p in html) / 2**20, 1),
            "pagefind_sha256": tree_sha256(site / "pagefind")}


def tree_sha256(folder: Path) -> str:
    """Every file below `folder`, by path and bytes: whether two builds made the same search
    indexes (a change of when or how they are made must not change them)."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


# -- the baseline project --------------------------------------------------------------------------
def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ") or "—"


def programme_markdown(data: dict[str, Any]) -> str:
    """A programme as an ordinary Markdown page: what an author would write by hand."""
    lines = [f"# {data['name']}", "",
             f"- 年度：{data['year']}", f"- 主管部门：{data.get('department') or '—'}",
             f"- 地区：{data.get('region') or '—'}", f"- 评价类型：{data.get('evaluation') or '—'}",
             f"- 总分：{data.get('total') or '—'}　等级：{data.get('grade') or '—'}", "", "## 预算执行情况", ""]
    budget = data.get("budget") or {}
    columns = budget.get("columns") or []
    if columns:
        lines.append("| 项目 | 行次 | " + " | ".join(c["label"] for c in columns) + " |")
        lines.append("|---|---|" + "---:|" * len(columns))
        for row in budget.get("rows") or []:
            cells = [_cell(row["cells"].get(c["key"])) for c in columns]
            lines.append(f"| {row['label']} | {row['line']} | " + " | ".join(cells) + " |")
    lines += ["", "## 绩效指标", "",
              "| 一级指标 | 二级指标 | 三级指标 | 权重 | 目标值 | 实际值 | 完成率 | 得分 | 评分标准 | 偏差原因 |",
              "|---|---|---|---:|---|---|---:|---:|---|---|"]
    for r in data.get("indicators") or []:
        lines.append("| " + " | ".join(_cell(r.get(k)) for k in (
            "level1", "level2", "name", "weight", "target", "actual", "completion", "score",
            "rule_text", "remark")) + " |")
    for section in data.get("sections") or []:
        lines += ["", f"## {section['title']}", "", section.get("markdown") or section["html"]]
    return "\n".join(lines) + "\n"


def _baseline_share(args: tuple[str, str, list[str]]) -> int:
    from perfsite.dataset import load_one
    from perfsite.pagedata import programme_data
    from perfsite.siteconfig import load_site

    root, docs, paths = Path(args[0]), Path(args[1]), args[2]
    site, _ = load_site(root / "site.yaml", "site.yaml")
    for name in paths:
        sp, _ = load_one(Path(name), root, site, root)
        if sp is None:
            continue
        data = programme_data(sp, None)
        data["sections"] = [{"title": t, "html": "", "markdown": text} for t, text in sp.programme.sections]
        target = docs / "projects" / str(data["year"]) / f"{data['id']}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(programme_markdown(data), encoding="utf-8")
    return len(paths)


def write_baseline(data: Path, project: Path, jobs: int) -> None:
    """docs/ with one Markdown page per programme, plus a mkdocs.yml like ours minus the hook."""
    from perfsite.dataset import programme_files

    docs = project / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 基线\n\n普通 MkDocs + Material 站点。\n", encoding="utf-8")
    paths = [str(p) for p in programme_files(data)]
    shares = [(str(data), str(docs), paths[i::jobs]) for i in range(jobs)]
    with mp.get_context("fork").Pool(jobs) as pool:
        pool.map(_baseline_share, shares)
    (project / "mkdocs.yml").write_text(
        "site_name: 基线\nsite_url: https://example.gov.cn/jxgk/\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "  features: [navigation.tabs, navigation.top]\n"
        "plugins: []\nnav:\n  - 首页: index.md\n"
        "markdown_extensions: [tables, attr_list, admonition]\n"
        "not_in_nav: |\n  /projects/**\n", encoding="utf-8")


# -- search payload -------------------------------------------------------------------------
SEARCH_SCRIPT = "assets/perfsite/search.js"
"""The search page's own script: part of what a first query downloads."""


def search_payload(site: Path) -> dict[str, Any]:
    """Bytes a first query downloads for full-text search: our search page script, Pagefind's
    script and WebAssembly, the primary index's entry, meta and largest chunk, the entry, meta and
    largest chunk of each year index the search page merges at first (its data-merge; every one
    if it does not say), and ten of the largest fragments (the page shows ten results): an upper
    bound for one query on one word."""
    bundle = site / "pagefind"
    if not bundle.is_dir():
        return {}

    def size(p: Path) -> int:
        return p.stat().st_size

    def index_parts(folder: Path) -> int:
        entry = folder / "pagefind-entry.json"
        metas = list(folder.glob("pagefind.*.pf_meta"))
        chunks = list((folder / "index").glob("*.pf_index"))
        return ((size(entry) if entry.exists() else 0) + max((size(p) for p in metas), default=0)
                + max((size(p) for p in chunks), default=0))

    years = [d for d in bundle.iterdir() if (d / "pagefind-entry.json").exists()]  # merged indexes
    page = site / "search" / "index.html"
    listed = re.search(r'data-merge="([^"]*)"', page.read_text(encoding="utf-8")) if page.exists() else None
    first = [d for d in years if f"pagefind/{d.name}/" in listed.group(1)] if listed else years
    js = bundle / "pagefind.js"
    wasm = max(bundle.glob("wasm.*.pagefind"), key=size, default=None)
    fragments = [p for p in bundle.rglob("*.pf_fragment")]
    parts = {
        "pagefind.js": size(js) if js.exists() else 0,
        "wasm": size(wasm) if wasm else 0,
        "primary_index": index_parts(bundle),
        "year_indexes": sum(index_parts(d) for d in first),
        "fragments_10": sum(sorted(size(p) for p in fragments)[-10:]),
        "search.js": size(site / SEARCH_SCRIPT),
    }
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return {"search_files": len(files), "search_mb": round(sum(size(p) for p in files) / 2**20, 1),
            "search_indexes": 1 + len(years), "search_first_indexes": len(first),
            "index_chunks": sum(1 for p in files if p.suffix == ".pf_index"),
            "first_query_kb": round(sum(parts.values()) / 1024, 1), "first_query_parts": parts}


def index_stats(site: Path) -> dict[str, Any]:
    """Sizes of all the 项目查询 data (projects/index.json and its parts per year, if any) and of
    the largest programme page."""
    data = [p for p in (site / "projects" / "index.json", *sorted((site / "projects" / "index").glob("*.json")))
            if p.exists()]
    page = max((site / "projects").glob("*/*/index.html"), key=lambda p: p.stat().st_size, default=None)
    return {"index_json_kb": round(sum(p.stat().st_size for p in data) / 1024, 1) if data else None,
            "index_json_gzip_kb": round(sum(len(gzip.compress(p.read_bytes())) for p in data) / 1024, 1) if data else None,
            "largest_programme_page_kb": round(page.stat().st_size / 1024, 1) if page else None}


# -- reporting --------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as handle:
        ram = int(handle.readline().split()[1]) // 1024
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "jinja2", "pagefind"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_mb": ram, "python": platform.python_version(),
            "os": platform.platform(), "packages": versions,
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


READING = (
    ("项目查询数据，全部年度（KB，gzip）", "index_json_gzip_kb"),
    ("项目查询：打开时载入的数据（KB，gzip，chromium）", "index_first_load_gzip_kb"),
    ("项目查询：打开时载入的项目数", "index_first_rows"),
    ("项目查询：打开到显示结果（秒，chromium，本机）", "index_ready_s"),
    ("项目查询：输入“企业”到显示结果（毫秒，chromium）", "index_search_ms"),
    ("项目查询：再选一个地区（毫秒）", "index_filter_ms"),
    ("项目查询：再按得分排序（毫秒）", "index_sort_ms"),
    ("项目查询：改选“全部年度”，含载入其余年度（毫秒，本机）", "index_all_years_ms"),
    ("项目查询：全部年度中再选一个部门（毫秒）", "index_all_filter_ms"),
    ("项目查询：全部年度中清除检索词（毫秒，该地区、部门全部项目排序）", "index_all_clear_ms"),
    ("项目查询：选“全部年度”后共载入的数据（KB，gzip）", "index_all_gzip_kb"),
)
"""The 项目查询 rows of the table (label, key of index_stats / index_timing)."""
SEARCHING = (
    ("全文检索：首次查询下载（KB，静态估计上限）", "first_query_kb"),
    ("全文检索：首次查询实测下载（KB，chromium，未启用传输压缩）", "browser_first_query_kb"),
    ("全文检索：首次查询实测下载（KB，JS/CSS 按 gzip 传输计）", "browser_first_query_gzip_kb"),
    ("全文检索：再检索全部年度，共下载（KB，JS/CSS 按 gzip 传输计）", "browser_all_years_gzip_kb"),
)
"""The full-text search rows of the table (label, key of search_payload / browser_payload)."""


def markdown_table(result: dict[str, Any]) -> str:
    runs = [(k, t) for k, t in (("ours", "本站完整 (a)"), ("pages", "本站不含 /data/ 汇总 (a′)"),
                                ("search", "本站完整含全文检索 (a″)"),
                                ("baseline", "基线 MkDocs + Material (b)")) if k in result]
    rows = [("构建时间（秒）", "wall_s"), ("CPU 时间（秒，进程树用户态 + 内核）", "cpu_s"),
            ("改一个数据文件后重建（秒，有构建缓存）", "rebuild_wall_s"), ("重建 CPU 时间（秒）", "rebuild_cpu_s"),
            ("重建时重新渲染 / 取自缓存的页面", "rebuild_pages"),
            ("构建结束时 1 分钟平均负载（机器上同时有其他工作）", "load"),
            ("峰值内存（MB，进程树 PSS 之和）", "peak_mb"),
            ("网站大小（MB）", "site_mb"), ("文件数", "files"), ("HTML 大小（MB）", "html_mb"),
            ("每秒页面数", "pages_per_s")]
    base = result.get("baseline") or {}
    ratios = [k for k, _ in runs if k != "baseline"] if base else []
    targets = TREES[tree_of(result)][1]
    out = [f"N = {result['n']} 个项目{targets}，{result['machine']['cores']} 核，{result['machine']['date']}", "",
           "| 指标 | " + " | ".join(t for _, t in runs) + "".join(f" | {k}/b" for k in ratios) + " |",
           "|---|" + "---:|" * (len(runs) + len(ratios))]
    for label, key in rows:
        cells = [str(result[k].get(key, "—")) for k, _ in runs]
        for k in ratios:
            va, vb = (result[k].get(key), base.get(key)) if key != "load" else (None, None)
            cells.append(f"{va / vb:.2f}" if isinstance(va, int | float) and isinstance(vb, int | float) and vb else "—")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    a = result.get("ours") or result.get("pages") or result["search"]
    other = result.get("compare")
    extra = [(label, key, a.get(key)) for label, key in READING]
    extra.append(("最大项目页 HTML（KB）", "largest_programme_page_kb", a.get("largest_programme_page_kb")))
    if "search" in result:
        s = result["search"]
        extra += [("全文检索：其中 Pagefind 建索引（秒，主索引和各年度索引）", "", s.get("phases", {}).get("search")),
                  ("全文检索：索引个数（说明文档 1 个 + 各年度的各份，每份约 1250 个底稿）", "search_indexes",
                   s.get("search_indexes")),
                  ("全文检索：首次查询合并的年度索引（个）", "", s.get("search_first_indexes")),
                  ("全文检索：索引文件数 / 大小（MB）", "", f"{s.get('search_files')} / {s.get('search_mb')}")]
        extra += [(label, key, s.get(key)) for label, key in SEARCHING]
    if result.get("serve"):
        extra += [("预览（make serve）：启动到可以访问（秒）", "", result["serve"].get("serve_first_build_s")),
                  ("预览：保存一个数据文件的修改到页面显示（秒）", "", result["serve"].get("serve_edit_s")),
                  ("预览：Ctrl-C 到退出（秒）", "", result["serve"].get("serve_exit_s"))]
    if other:
        out += ["", f"| 其他 | 数值 | 对照：{other['label']}（同一次运行） |", "|---|---:|---:|"]
        out += [f"| {k} | {v} | {other.get(key, '—') if key else '—'} |" for k, key, v in extra]
    else:
        out += ["", "| 其他 | 数值 |", "|---|---:|"] + [f"| {k} | {v} |" for k, _, v in extra]
    for key, title in (("ours", "本站完整"), ("pages", "本站不含 /data/"), ("search", "本站完整含全文检索")):
        phases = (result.get(key) or {}).get("phases")
        if phases:
            out += ["", f"{title}各阶段：" + "，".join(f"{k} {v}" for k, v in phases.items())]
        phases = (result.get(key) or {}).get("rebuild_phases")
        if phases:
            out += ["", f"{title}改一个文件后重建各阶段：" + "，".join(f"{k} {v}" for k, v in phases.items())]
        processes = (result.get(key) or {}).get("rebuild_processes")
        if processes:
            out += ["", f"{title}改一个文件后重建各进程的 CPU（秒，按开始的先后；python 先是各工作进程，后是写 /data/ 的"
                        "子进程）：" + "，".join(f"{role} {cpu}" for role, _, cpu in processes)]
    return "\n".join(out) + "\n"


@contextlib.contextmanager
def browser_tab(site: Path) -> Iterator[tuple[Any, str] | None]:
    """A headless chromium tab and the URL `site` is served at on 127.0.0.1 (None without chromium)."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield None
        return
    if not chromium.exists():
        yield None
        return
    import functools
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            yield browser.new_page(), f"http://127.0.0.1:{server.server_address[1]}/"
            browser.close()
    finally:
        server.shutdown()


def body_of(response: Any) -> bytes | None:
    """A response's bytes; None for one that arrives as the tab closes (a fragment still in flight
    after the last measurement): reading it then raises inside playwright's event loop, which
    prints a traceback into the bench's log."""
    from playwright.sync_api import Error

    try:
        return response.body()
    except Error:
        return None


def browser_payload(site: Path, query: str) -> dict[str, Any]:
    """Bytes the search page's script and a first query download (our search.js and everything
    from the Pagefind bundle /pagefind/) in headless chromium, if installed."""
    sizes: dict[str, tuple[int, int]] = {}
    with browser_tab(site) as opened:
        if opened is None:
            return {}
        tab, url = opened

        def seen(response: Any) -> None:
            if "/pagefind/" in response.url or response.url.endswith(SEARCH_SCRIPT):
                body = body_of(response)
                if body is None:
                    return
                gz = len(gzip.compress(body)) if response.url.endswith((".js", ".css", ".json")) else len(body)
                sizes[response.url] = (len(body), gz)

        tab.on("response", seen)
        tab.goto(f"{url}search/?q={query}")
        tab.wait_for_selector("#ps-ft-results a", timeout=30_000)
        tab.wait_for_load_state("networkidle")
        first = dict(sizes)
        wider = tab.locator("#ps-ft-wider")
        if wider.count() and wider.is_visible():  # the older years too, as a reader asking for them
            wider.click()
            tab.wait_for_function("new URLSearchParams(location.search).get('years') === 'all'"
                                  " && document.querySelector('#ps-ft-results a') !== null", timeout=60_000)
            tab.wait_for_load_state("networkidle")
    return {"browser_first_query_kb": round(sum(v[0] for v in first.values()) / 1024, 1),
            "browser_first_query_gzip_kb": round(sum(v[1] for v in first.values()) / 1024, 1),
            "browser_all_years_gzip_kb": round(sum(v[1] for v in sizes.values()) / 1024, 1),
            "browser_files": {k.rsplit("/", 1)[1] if k.endswith(SEARCH_SCRIPT) else k.rsplit("/pagefind/", 1)[1]: v[0]
                              for k, v in sorted(first.items())}}


_ANSWER = """async ([id, value, type]) => {
  const field = document.getElementById(id);
  const root = document.getElementById("ps-index");
  const t0 = performance.now();
  field.value = typeof value === "number" ? field.options[value].value : value;
  field.dispatchEvent(new Event(type, {bubbles: true}));
  do {  /* a year not loaded yet: until its part is in and the rows are drawn */
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  } while (root.getAttribute("aria-busy") === "true");
  return performance.now() - t0;
}"""
"""Sets a field of the index's form as a visitor would (a value, or the option at an index) and
times until the next frame is drawn, including the loading of any year the choice needs."""
_READY = ("window.perfsiteIndex !== undefined && document.getElementById('ps-count').textContent"
          " && document.getElementById('ps-index').getAttribute('aria-busy') !== 'true'")
INDEX_STEPS = (
    ("index_search_ms", ("ps-q", "企业", "input")),
    ("index_filter_ms", ("ps-region", 1, "change")),
    ("index_sort_ms", ("ps-sort", "score-desc", "change")),
    ("index_all_years_ms", ("ps-year", 0, "change")),
    ("index_all_filter_ms", ("ps-dept", 1, "change")),
    ("index_all_clear_ms", ("ps-q", "", "input")),
)
"""What index_timing does, in order: in the view the page opens on, a two-character search, a
region, a sort by score; then 全部年度 (loading every year not loaded yet), a department filter
over all of them, and clearing the search (every row of the region, sorted)."""


def index_timing(site: Path) -> dict[str, Any]:
    """The 项目查询 page (/projects/) in headless chromium (if installed): bytes of index data it
    loads before the first answer (as fetched, and gzipped as a server would send them), seconds
    until then, and milliseconds for each of INDEX_STEPS; then the bytes after 全部年度."""
    sizes: dict[str, tuple[int, int]] = {}
    with browser_tab(site) as opened:
        if opened is None:
            return {}
        tab, url = opened

        def seen(response: Any) -> None:
            if "/projects/" in response.url and response.url.endswith(".json"):
                body = body_of(response)
                if body is None:
                    return
                sizes[response.url] = (len(body), len(gzip.compress(body)))

        tab.on("response", seen)
        started = time.perf_counter()
        tab.goto(f"{url}projects/")
        tab.wait_for_function(_READY, timeout=120_000)
        found: dict[str, Any] = {"index_ready_s": round(time.perf_counter() - started, 2)}
        # what the page fetched by then (the response events may reach us later than the page uses them)
        first = tab.evaluate("performance.getEntriesByType('resource').map((e) => e.name)"
                             ".filter((u) => u.includes('/projects/') && u.endsWith('.json'))")
        found["index_first_rows"] = tab.evaluate("window.perfsiteIndex.currentRows().length")
        for key, step in INDEX_STEPS:
            found[key] = round(tab.evaluate(_ANSWER, list(step)), 1)
            if key == "index_filter_ms":
                found["index_rows_after_filter"] = tab.evaluate("window.perfsiteIndex.currentRows().length")
        tab.wait_for_load_state("networkidle")
        found.update(index_first_load_kb=round(sum(sizes[u][0] for u in first) / 1024, 1),
                     index_first_load_gzip_kb=round(sum(sizes[u][1] for u in first) / 1024, 1),
                     index_first_files=len(first))
        found["index_all_gzip_kb"] = round(sum(v[1] for v in sizes.values()) / 1024, 1)
        found["index_all_rows"] = tab.evaluate("window.perfsiteIndex.currentRows().length")
    return found


# -- preview --------------------------------------------------------------------------------------
def serve_latency(data: Path, env: dict[str, str]) -> dict[str, Any]:
    """`mkdocs serve` (make serve) on the tree: seconds until it serves, then from saving an edit
    to a programme file until the preview shows it (polled every 0.1 s, as a reader reloading)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "-f", str(REPO / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                            env={**env, "PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0"}, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = threading.Event()
    base: list[str] = []

    def read() -> None:
        for line in proc.stdout or []:
            found = re.search(r"Serving on (\S+)", line)
            if found:
                base.append(found.group(1))
                served.set()

    threading.Thread(target=read, daemon=True).start()
    result: dict[str, Any] = {}
    try:
        result = _serve_edit(proc, served, base, data, started)
    finally:
        stopping = time.perf_counter()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(120)
            result["serve_exit_s"] = round(time.perf_counter() - stopping, 2)
        except subprocess.TimeoutExpired:  # recorded, not raised: the figures measured so far are kept
            proc.kill()
            proc.wait()
            result["serve_exit_s"] = "超过 120 秒"
    return result


def _serve_edit(proc: subprocess.Popen[str], served: threading.Event, base: list[str], data: Path,
                started: float) -> dict[str, Any]:
    """serve_latency's measuring, the server running."""
    while not served.wait(0.5):
        if proc.poll() is not None or time.perf_counter() - started > 600:
            return {}
    first = time.perf_counter() - started
    path = min(p for p in data.rglob("*.yaml") if p.name != "site.yaml" and not p.stem.endswith("-mubiao"))
    text = path.read_text(encoding="utf-8")
    year = re.search(r"^year:\s*(\d+)", text, re.M).group(1)  # type: ignore[union-attr]
    ident = re.search(r"^id:\s*(\S+)", text, re.M).group(1)  # type: ignore[union-attr]
    url = f"{base[0]}projects/{year}/{ident}/"
    line = re.search(r"^name:.*$", text, re.M).group(0)  # type: ignore[union-attr]
    path.write_text(text.replace(line, 'name: "预览修改测试"', 1), encoding="utf-8")
    edited = time.perf_counter()
    while time.perf_counter() - edited < 300:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if "预览修改测试" in response.read().decode("utf-8"):
                    return {"serve_first_build_s": round(first, 2),
                            "serve_edit_s": round(time.perf_counter() - edited, 2)}
        except OSError:
            pass
        time.sleep(0.1)
    return {"serve_first_build_s": round(first, 2)}


def compare_reading(checkout: Path, data: Path, out: Path, env: dict[str, str]) -> dict[str, Any]:
    """Another version's site with search (`checkout`: its mkdocs.yml, perfsite and plugin) built
    from `data`, and what a reader downloads and waits for there, by the same harness. Without the
    /data/ downloads, which a reader of these pages does not fetch: the build takes minutes less."""
    run = measure([PY, "-m", "mkdocs", "build", "-q", "-f", str(checkout / "mkdocs.yml"), "-d", str(out)],
                  {**env, "PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "1", "PERFSITE_OPENDATA": "0",
                   "PYTHONPATH": str(checkout)}, checkout)
    run.pop("log")
    run.update(index_stats(out), **index_timing(out), **search_payload(out), **browser_payload(out, "农村公路"))
    run["label"] = checkout.name
    return run


TREES = {"": ("", ""),
         "targets": ("-targets", "（每个项目另有一份绩效目标表，--targets：文件和页面数加倍）"),
         "cycle": ("-cycle", "（每个项目另有一份绩效目标表，约十分之一的项目另有评价报告及原件和整改，约十分之一的部门年度另有部门整体"
                   "目标表和自评表，--cycle）")}
"""Which demo tree a run measured: its suffix in the recorded block's name (each keeps its own table) and its caption."""


def tree_of(result: dict[str, Any]) -> str:
    return "cycle" if result.get("cycle") else "targets" if result.get("targets") else ""


def record(table: str, result: dict[str, Any]) -> None:
    """Put the table between the markers of docs/performance.md (the page's prose stays)."""
    page = REPO / "docs" / "performance.md"
    text = page.read_text(encoding="utf-8")
    m = result["machine"]
    name = f"{result['n']}{TREES[tree_of(result)][0]}"
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    block = (f"{start}\n{table}\n"
             f"机器：{m['cpu']}，{m['cores']} 核，内存 {m['ram_mb'] // 1024} GB；Python {m['python']}；"
             + "，".join(f"{k} {v}" for k, v in m["packages"].items()) + f"；{m['os']}。\n{end}")
    if start in text and end in text:
        text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    page.write_text(text, encoding="utf-8")


def phases(log: str) -> dict[str, float]:
    """The hook's `perfsite timing` lines (phase seconds), when it prints them."""
    found: dict[str, float] = {}
    for line in log.splitlines():
        if "perfsite timing " in line:
            for part in line.split("perfsite timing ", 1)[1].split():
                key, _, value = part.partition("=")
                with contextlib.suppress(ValueError):
                    found[key] = float(value)
    return found


EPOCH = 1_700_000_000
"""SOURCE_DATE_EPOCH of the cold builds; a rebuild is dated an hour later, as CI dates each commit."""


def one_file_rebuild(data: Path, command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """As after a one-file data commit in CI: one programme's name edited, the site built again
    from the build cache the cold build left (a later SOURCE_DATE_EPOCH, as CI sets per commit);
    the file is put back after."""
    path, text = next((p, t) for p in sorted(data.rglob("*.yaml")) if p.name != "site.yaml"
                      for t in [p.read_text(encoding="utf-8")] if not re.search(r"^kind:", t, re.M))  # the first 自评
    line = re.search(r"^name:.*$", text, re.M).group(0)  # type: ignore[union-attr]
    path.write_text(text.replace(line, 'name: "重建测试项目"', 1), encoding="utf-8")
    try:
        run = measure(command, {**env, "SOURCE_DATE_EPOCH": str(EPOCH + 3600)}, REPO, by_process=True)
    finally:
        path.write_text(text, encoding="utf-8")
    found = phases(run["log"])
    return {"rebuild_wall_s": run["wall_s"], "rebuild_cpu_s": run["cpu_s"], "rebuild_peak_mb": run["peak_mb"],
            "rebuild_pages": f"{found.get('rendered', 0):.0f} / {found.get('reused', 0):.0f}",
            "rebuild_phases": found, "rebuild_processes": run["processes"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--search", action="store_true", help="also build with full-text search")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline build")
    parser.add_argument("--pages", action="store_true", help="also build without the /data/ downloads")
    parser.add_argument("--search-only", action="store_true",
                        help="only the build with full-text search (and the baseline): for 100,000 programmes")
    parser.add_argument("--serve", action="store_true",
                        help="also time make serve: first build, and an edited data file until it shows")
    parser.add_argument("--record", action="store_true", help="write the table into docs/performance.md")
    parser.add_argument("--targets", action="store_true",
                        help="a 绩效目标表 for every programme too (perfsite demo --targets)")
    parser.add_argument("--cycle", action="store_true", help="the whole disclosure cycle too (perfsite demo --cycle)")
    parser.add_argument("--no-rebuild", action="store_true",
                        help="skip the one-file rebuild after each build of ours (with the build cache)")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="a copy of another version (git archive main | tar -x -C DIR): its site with "
                             "search, built from the same data in the same run, measured for reading alongside")
    parser.add_argument("--timeline", action="store_true",
                        help="record a CPU timeline of each cold build of ours (bench.run.Timeline): "
                             "OUT/timeline-<variant>-<n>.json and .txt; each process's CPU in the figures (processes)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # run as a background job (`… &`): the
        signal.signal(signal.SIGINT, signal.default_int_handler)  # preview it starts is stopped by Ctrl-C
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PERFSITE_TIMINGS": "1"}
    # Builds run as on a user's machine, where Python keeps the modules it compiled (.pyc): with
    # PYTHONDONTWRITEBYTECODE set (some sandboxes set it), every build compiles about 80 modules
    # again, over a second of a one-file rebuild.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PERFSITE_SEARCH", None)
    result: dict[str, Any] = {"n": args.n, "targets": args.targets or args.cycle, "cycle": args.cycle, "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="perfsite-bench-") as tmp:
        work = Path(tmp)
        data = work / "data"
        subprocess.run([PY, "-m", "perfsite", "demo", "--n", str(args.n), "--out", str(data),
                        "--seed", str(args.seed), *(["--targets"] if args.targets else []),
                        *(["--cycle"] if args.cycle else [])],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        mkdocs = [PY, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml")]
        variants: list[tuple[str, dict[str, str]]] = [] if args.search_only else [("ours", {})]
        if args.pages and not args.search_only:
            variants.append(("pages", {"PERFSITE_OPENDATA": "0"}))
        if args.search or args.search_only:
            variants.append(("search", {"PERFSITE_SEARCH": "1"}))
        for key, extra in variants:
            out = work / key
            cache = work / f"cache-{key}"  # each variant's builds start from an empty build cache
            variant_env = {**env, "PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "PERFSITE_BUILD_CACHE": str(cache),
                           "SOURCE_DATE_EPOCH": str(EPOCH), **extra}
            run = measure([*mkdocs, "-d", str(out)], variant_env, REPO,
                          args.out / f"timeline-{key}-{args.n}.json" if args.timeline else None,
                          by_process=args.timeline)
            run.update(site_stats(out), phases=phases(run.pop("log")))
            if not args.no_rebuild:
                run.update(one_file_rebuild(data, [*mkdocs, "-d", str(work / f"{key}-rebuild")], variant_env))
            if key == variants[0][0]:
                run.update(index_stats(out), **index_timing(out))
            if key == "search":
                run.update(search_payload(out), **browser_payload(out, "农村公路"))
            run["pages_per_s"] = round(run["html_files"] / run["wall_s"], 1)
            result[key] = run
            print(f"{key}: {run['wall_s']} s, {run['peak_mb']} MB peak", flush=True)
            # outputs stay until the end: on ext4 without a journal, creating files soon after
            # deleting hundreds of thousands is several times slower (freed inodes are skipped)
        if args.compare:
            result["compare"] = compare_reading(args.compare.resolve(), data, work / "compare", env)
            print(f"compare: {result['compare']['wall_s']} s", flush=True)
        if not args.no_baseline:
            project = work / "baseline"
            write_baseline(data, project, os.cpu_count() or 1)
            base = measure([PY, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                            "-d", str(work / "base-site")], env, project)
            base.pop("log")
            base.update(site_stats(work / "base-site"))
            base["pages_per_s"] = round(base["html_files"] / base["wall_s"], 1)
            result["baseline"] = base
            if "ours" in result:
                result["ratio_wall"] = round(result["ours"]["wall_s"] / base["wall_s"], 3)
            for key in ("pages", "search"):
                if key in result:
                    result[f"ratio_wall_{key}"] = round(result[key]["wall_s"] / base["wall_s"], 3)
            print(f"baseline: {base['wall_s']} s, {base['peak_mb']} MB peak", flush=True)
        if args.serve:  # last: it edits a programme file of the tree
            result["serve"] = serve_latency(data, env)
            print(f"serve: {result['serve']}", flush=True)
    table = markdown_table(result)
    (args.out / f"bench-{args.n}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.out / f"bench-{args.n}.md").write_text(table, encoding="utf-8")
    print(table)
    if args.record:
        record(table, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
