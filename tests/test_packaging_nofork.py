"""Where there is no fork (Windows), `perfsite build` and `perfsite serve` still work and the build
gives the very same site as the forked one.

Windows is emulated the way the code decides: a sitecustomize on PYTHONPATH (so it reaches the
MkDocs process `perfsite build` starts, too) removes os.fork and reports only the spawn start
method, as multiprocessing does on Windows; any attempt to fork fails loudly. The forked build's
sitecustomize counts the forks instead, so the comparison is known to be between a build with
worker processes and one without. The tree is above the size where the build starts workers.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest_site import REPO, linked_project, tree_differences

from perfsite.demo import write_demo
from perfsite.site import workers

NO_FORK = """\
import multiprocessing, os
multiprocessing.get_all_start_methods = lambda: ["spawn"]
del os.fork
"""
COUNT_FORKS = """\
import os
_fork = os.fork
def _counted():
    pid = _fork()
    if pid:
        with open({log!r}, "a") as handle:
            handle.write(f"{{pid}}\\n")
    return pid
os.fork = _counted
"""
DEADLINE = 180.0
"""Seconds to wait for the preview to answer (it builds the whole tree first, in one process)."""


def _customised(folder: Path, code: str) -> dict[str, str]:
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(code, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PERFSITE_DATA", "PERFSITE_LIVE")}
    return {**env, "PYTHONPATH": f"{folder}{os.pathsep}{REPO}", "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": "1700000000", "PERFSITE_SEARCH": "0", "PERFSITE_JOBS": "2"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("nofork")
    data = root / "data"
    write_demo(workers.PARALLEL_FROM + 10, data, seed=7)
    return linked_project(root / "project"), data


def _build(project: Path, data: Path, site: str, env: dict[str, str]) -> None:
    result = subprocess.run([sys.executable, "-m", "perfsite", "build", "--site-dir", site], cwd=project,
                            env={**env, "PERFSITE_DATA": str(data)}, capture_output=True, text=True,
                            timeout=900, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_the_build_without_fork_gives_the_same_site_as_the_forked_build(project: tuple[Path, Path],
                                                                       tmp_path: Path) -> None:
    root, data = project
    forks = tmp_path / "forks.log"
    _build(root, data, "site-forked", _customised(tmp_path / "count", COUNT_FORKS.format(log=str(forks))))
    assert forks.is_file() and len(forks.read_text().split()) >= 2  # the build's workers were forked
    _build(root, data, "site-nofork", _customised(tmp_path / "nofork", NO_FORK))
    forked, alone = root / "site-forked", root / "site-nofork"
    pages = list(alone.glob("projects/*/*/index.html"))
    assert len(pages) == workers.PARALLEL_FROM + 10
    assert len(list(alone.glob("data/**/*.csv"))) >= 3 and (alone / "data.json").is_file()
    assert tree_differences(forked, alone) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def test_serve_without_fork_previews_the_site(project: tuple[Path, Path], tmp_path: Path) -> None:
    root, data = project
    path = sorted(p for p in data.rglob("*.yaml") if p.name != "site.yaml")[0]
    text = path.read_text(encoding="utf-8")
    year = re.search(r"^year:\s*(\d+)", text, re.M)[1]  # type: ignore[index]
    ident = re.search(r"^id:\s*(\S+)", text, re.M)[1]  # type: ignore[index]
    name = re.search(r"^name:\s*(.+)$", text, re.M)[1].strip().strip("'\"")  # type: ignore[index]
    port = _free_port()
    env = {**_customised(tmp_path / "nofork", NO_FORK), "PERFSITE_DATA": str(data)}
    process = subprocess.Popen([sys.executable, "-m", "perfsite", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(process.stdout or []), daemon=True).start()
    try:
        end = time.monotonic() + DEADLINE
        while not (served := re.search(r"Serving on (\S+)", "".join(log))) and process.poll() is None:
            assert time.monotonic() < end, "".join(log)
            time.sleep(0.5)  # waiting for the preview to come up, not timing it
        assert served is not None, "".join(log)
        base = served[1]  # site_url's path: the preview serves under it, as the published site
        status, page = _get(f"{base}projects/{year}/{ident}/")
        assert status == 200, "".join(log)
        assert name in page
        assert _get(base)[0] == 200
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches perfsite and the MkDocs it started
            process.wait(60)
    assert "Traceback" not in "".join(log)
