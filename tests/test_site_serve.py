"""`mkdocs serve` (make serve) on a tree big enough for worker processes: an edited data file
shows in the preview, a removed one disappears, the rest is served from the session's cache."""

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
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_site import REPO

from perfsite.demo import write_demo
from perfsite.site import workers

DEADLINE = 120.0
"""Seconds to wait for the preview to show a change (a rebuild of this tree takes a few)."""


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


def _until(check, what: str) -> None:  # type: ignore[no-untyped-def]
    """Poll `check()` until true, failing after DEADLINE (waiting for an event, not a timing)."""
    end = time.monotonic() + DEADLINE
    while not check():
        if time.monotonic() > end:
            pytest.fail(f"the preview did not {what} within {DEADLINE} s")
        time.sleep(0.2)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str, list[str]]]:
    data = tmp_path / "data"
    write_demo(workers.PARALLEL_FROM + 20, data, seed=5)
    port = _free_port()
    env = {**os.environ, "PERFSITE_DATA": str(data), "NO_MKDOCS_2_WARNING": "1", "PERFSITE_SEARCH": "0",
           "PERFSITE_JOBS": "2"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(REPO / "mkdocs.yml"),
                                "-a", f"127.0.0.1:{port}"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(process.stdout or []), daemon=True).start()
    try:
        _until(lambda: any("Serving on" in line for line in log) or process.poll() is not None, "start")
        assert process.poll() is None, "".join(log)
        base = re.search(r"Serving on (\S+)", "".join(log)).group(1)  # type: ignore[union-attr]
        yield data, base, log
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)


def _programme(data: Path, index: int) -> tuple[Path, str]:
    path = sorted(p for p in data.rglob("*.yaml") if p.name != "site.yaml")[index]
    ident = re.search(r"^id:\s*(\S+)", path.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
    year = re.search(r"^year:\s*(\d+)", path.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
    return path, f"projects/{year}/{ident}/"


def test_an_edit_shows_and_a_removed_programme_goes(preview: tuple[Path, str, list[str]]) -> None:
    data, base, log = preview
    edited, edited_url = _programme(data, 0)
    removed, removed_url = _programme(data, 1)
    untouched_url = _programme(data, 2)[1]
    assert _get(base + edited_url)[0] == 200 and _get(base + removed_url)[0] == 200
    text = edited.read_text(encoding="utf-8")
    name = re.search(r"^name:\s*(.+)$", text, re.M).group(1).strip().strip('"')  # type: ignore[union-attr]
    edited.write_text(text.replace(re.search(r"^name:.*$", text, re.M).group(0),  # type: ignore[union-attr]
                                   f'name: "{name}（已修改）"', 1), encoding="utf-8")
    _until(lambda: "已修改" in _get(base + edited_url)[1], "show the edited name")
    removed.unlink()
    _until(lambda: _get(base + removed_url)[0] == 404, "drop the removed programme")
    status, page = _get(base + untouched_url)
    assert status == 200 and "<h1" in page, "".join(log[-20:])
    assert "已修改" in _get(base + "projects/")[1] or "已修改" in _get(base + "projects/index.json")[1]
