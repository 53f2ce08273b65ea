"""Helpers for the site tests: build with MkDocs into a temp dir, serve it on 127.0.0.1.

Not a conftest (pytest does not load it by itself): the site tests import it, so the core suite
never pays for a site build.
"""

from __future__ import annotations

import contextlib
import filecmp
import functools
import http.server
import io
import json
import logging
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
_OTHER_KIND = re.compile(r"^kind:\s*(?!自评\s*$)\S", re.MULTILINE)
_DEPARTMENT_KIND = re.compile(r"^kind:\s*部门整体", re.MULTILINE)


def small_project(root: Path) -> Path:
    """A project folder whose mkdocs.yml, hooks and overrides are this repository's (links) and
    whose docs/ is one page: the repository's docs/ (its developer pages, about 0.5 MB of
    Markdown) cost each build about 2 s of CPU, and no test here reads them."""
    root.mkdir()
    for name in ("mkdocs.yml", "hooks", "overrides"):
        (root / name).symlink_to(REPO / name)
    (root / "docs").mkdir()
    (root / "docs" / "notice.md").write_text("# 公告\n\n第一版。\n", encoding="utf-8")
    return root


def data_files(root: Path) -> list[Path]:
    """Every data file under a data tree (site.yaml aside), sorted: what a build reads."""
    return sorted(p for p in root.rglob("*.yaml") if p.name != "site.yaml")


def self_evaluations(root: Path) -> list[Path]:
    """The 自评 files among them (no `kind:`, or `kind: 自评`): the programmes a build publishes.
    Documents of other kinds (绩效目标表) sit beside them and get no page."""
    return [p for p in data_files(root) if not _OTHER_KIND.search(p.read_text(encoding="utf-8"))]


def department_documents(root: Path) -> list[Path]:
    """The 部门整体 files among them: read like every file, but shown on one department page per
    department-year that the build renders with the listings, not as a page of their own."""
    return [p for p in data_files(root) if _DEPARTMENT_KIND.search(p.read_text(encoding="utf-8"))]


def linked_project(root: Path) -> Path:
    """A project folder `root` whose mkdocs.yml, docs, hooks and overrides are this repository's
    (links): a build there writes only inside `root`, whatever it publishes."""
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "hooks", "overrides"):
        (root / name).symlink_to(REPO / name)
    return root


def mkdocs_build(out: Path, data: Path | None = None, **more: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the repo's mkdocs.yml into `out`, optionally on another data tree;
    `more`: environment settings of this build (PERFSITE_SEARCH="1", SOURCE_DATE_EPOCH, …)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **more}
    if data is not None:
        env["PERFSITE_DATA"] = str(data)
    else:
        env.pop("PERFSITE_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
         "-d", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def build_or_fail(out: Path, data: Path | None = None, **more: str) -> Path:
    """The site `mkdocs_build` publishes, built in this process (build_in_process): a build in a
    process of its own starts Python and imports MkDocs, Material and perfsite again: a data/ build
    took 1.33–1.47 CPU s that way and 0.55–0.56 s here (three pairs), and the suite makes about 30.
    The tests that read what `mkdocs build` prints or how it exits call mkdocs_build."""
    said: list[str] = []
    unset = {} if data is not None else {"PERFSITE_DATA": os.environ.pop("PERFSITE_DATA", None)}
    try:
        build_in_process(REPO, out, {**({"PERFSITE_DATA": str(data)} if data is not None else {}), **more}, said)
    except Exception as exc:  # MkDocs' Abort (strict warnings) and a plugin's error alike
        raise AssertionError("mkdocs build failed:\n" + "\n".join(said) + f"\n{exc!r}") from exc
    finally:
        os.environ.update({key: value for key, value in unset.items() if value is not None})
    return out


SHARED_ENV = "PERFSITE_TEST_SHARED"
"""A folder every test process of one run can read (tests/conftest.py makes it and removes it)."""


def shared_sample_site() -> Path:
    """data/ as `mkdocs build --strict` publishes it (default settings, search off), built once per
    run for every test process (~3 CPU s a build; test_docs_axe needs it at collection, in each
    process). Read only: a test that changes a site builds or copies its own."""
    import fcntl

    root = Path(os.environ[SHARED_ENV])
    out, done = root / "sample-site", root / "sample-site.done"
    with (root / "sample-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other processes wait for the first one's build
        if not done.exists():
            if out.exists():  # a build that failed in another process: try again here
                import shutil

                shutil.rmtree(out)
            build_or_fail(out)
            done.touch()
    return out


@contextmanager
def built_and_served(out: Path, data: Path, **more: str) -> Iterator[str]:
    """The site of `data` built into `out` (build_or_fail, with `more` settings) and served; the base URL."""
    build_or_fail(out, data, **more)
    with serve(out) as url:
        yield url


class Tab:
    """A fresh browser context (`width` px wide: a phone below 500) on a served site, recording
    script errors, dialogs and every request; `close` fails the test on any error or dialog, and on
    any request that left the site (no CDN, no remote API)."""

    def __init__(self, browser: Any, base_url: str, width: int = 1280, **options: Any):
        phone = width < 500
        self.context = browser.new_context(viewport={"width": width, "height": 844 if phone else 900}, locale="zh-CN",
                                           is_mobile=phone, has_touch=phone, **options)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.context.on("request", lambda r: self.requests.append(r.url))

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        assert not [u for u in self.requests if not u.startswith((self.base_url, "data:", "blob:", "about:"))]


def listed(page: Any) -> set[str]:
    """The rows 项目查询 shows, as year/id from each row's link (projects/<year>/<id>/)."""
    hrefs = page.locator("#ps-rows th > a:first-child").evaluate_all("links => links.map(a => a.pathname)")
    return {"/".join(h.strip("/").split("/")[-2:]) for h in hrefs}




def index_rows(read: Callable[[str], bytes]) -> list[dict[str, Any]]:
    """Every row of the 项目查询 data as field → value, lookups resolved, in the order of the parts
    projects/index.json lists (docs/opendata.md); `read` gives a site path's bytes."""
    from perfsite.site.pages import LOOKUPS

    manifest = json.loads(read("projects/index.json"))
    out = []
    for entry in manifest["parts"]:
        part = json.loads(read("projects/" + entry["path"]))
        columns = part["columns"]
        assert part["year"] == entry["year"] and len(columns) == len(manifest["fields"])
        assert {len(column) for column in columns} == {entry["count"]}
        for values in zip(*columns, strict=True):
            row = dict(zip(manifest["fields"], values, strict=True))
            out.append({**row, **{key: part[lookup][row[key]] for key, lookup in LOOKUPS.items()}})
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (any free port) in a thread; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


HOSTILE_NAME = '<script>alert("name")</script>企业扶持'
HOSTILE_PROGRAMME = """\
name: '<script>alert("name")</script>企业扶持'
year: 2024
department: '"><img src=x onerror=alert(1)>局'
region: "{{ 7*7 }}县"
evaluator: "{% raw %}x{% endraw %}"
source: "javascript:alert(1)"
sections:
  项目概况: |
    <script>alert("section")</script> 正文 [点我](javascript:alert(1)) <b onmouseover=alert(1)>粗</b>
  "<i>标题</i>": 普通文字
indicators:
  - level1: "<b>产出</b>"
    level2: 数量指标
    name: "<svg onload=alert(1)>"
    weight: 60
    target: "≥10个"
    actual: "10个"
    remark: "</td></tr></table><script>alert('remark')</script>"
    rule_text: "<a href=javascript:alert(1)>标准</a>"
  - level1: 效益指标
    level2: 满意度指标
    name: 满意度
    weight: 40
    target: "≥90%"
    actual: "95%"
"""
HOSTILE_SITE = """\
title: "<script>alert('title')</script>公开"
publisher: "<b>主办</b>"
icp: "</footer><script>alert('icp')</script>"
"""


def write_hostile_tree(root: Path) -> Path:
    """A valid data tree whose every text field tries to inject markup or template syntax."""
    (root / "2024" / "x").mkdir(parents=True)
    (root / "site.yaml").write_text(HOSTILE_SITE, encoding="utf-8")
    (root / "2024" / "x" / "hostile.yaml").write_text(HOSTILE_PROGRAMME, encoding="utf-8")
    return root


def tree_differences(left: Path, right: Path) -> list[str]:
    """Every file present on one side only or with other bytes, as a relative path."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def timings(output: str) -> dict[str, float]:
    """The figures a build printed with PERFSITE_TIMINGS=1 (「perfsite timing rendered=3 …」)."""
    found: dict[str, float] = {}
    for line in re.findall(r"perfsite timing (.*)", output):
        found.update((k, float(v)) for k, v in (item.split("=") for item in line.split()))
    return found


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """These environment variables set for the block, put back after it."""
    before = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Said(logging.Handler):
    """The messages a build logged (MkDocs' logger and the plugin's)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_in_process(project: Path, site: Path, settings: dict[str, str], said: list[str] | None = None) -> dict[str, float]:
    """`mkdocs build --strict` of `project` into `site` in this process, with these environment
    `settings`; its timings (`said` gets its log). A build in a process of its own costs about
    1 s of CPU more (starting Python, importing MkDocs, Material and perfsite)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    captured = io.StringIO()
    settings = {"PERFSITE_TIMINGS": "1", "NO_MKDOCS_2_WARNING": "1", **settings}
    with environment(**settings), contextlib.redirect_stderr(captured), contextlib.ExitStack() as stack:
        handler, logger = Said(), logging.getLogger("mkdocs")
        logger.addHandler(handler)
        stack.callback(logger.removeHandler, handler)
        stack.callback(logger.setLevel, logger.level)
        logger.setLevel(logging.INFO)  # as `mkdocs build` sets it
        if said is not None:
            stack.callback(lambda: said.extend(handler.lines))  # a refused build's messages too
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    return timings(captured.getvalue())


RUN_AXE = "rules => axe.run(document, rules ? {resultTypes: ['violations'], runOnly: {type: 'rule', values: rules}}" \
          "                                 : {resultTypes: ['violations']})"
"""axe-core over the page (loaded into it before): every rule, or only `rules` when given."""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules that read colours: all that a dark scheme or 高对比 can break, as they change
colours and not markup (the other rules run in the normal scheme). A colour-only run costs 0.7 of
a full one on a programme page (0.66–0.72 against 0.98–1.36 CPU s in chromium)."""


def rewrite_keeping_times(path: Path) -> None:
    """Flip one bit in the middle of a file in place (the same inode, the same size) and put its
    access and modification times back, as `cp -p`, `rsync --inplace -t` or an editor keeping
    times do: only its ctime tells (utime cannot set it)."""
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.seek(before.st_size // 2)
        byte = handle.read(1)
        handle.seek(before.st_size // 2)
        handle.write(bytes([byte[0] ^ 1]))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
