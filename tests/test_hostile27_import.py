"""`perfsite import` ended by SIGTERM (a cancelled CI job, `timeout`, `kill`) as by Ctrl-C: its
temporary folders removed and its workers ended, not left behind in TMPDIR and the process table."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest_site import REPO
from test_import_builders import seed000_docx

DEADLINE = 120.0
"""Seconds to wait for the import to reach its batch (an event, not a timing)."""


def _ours(out: Path) -> list[str]:
    """Processes still running whose command line names `out` (the import's own and its workers')."""
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended meanwhile
            continue
        if str(out) in line and state != "Z":
            found.append(pid)
    return found


def _children(parent: int) -> list[str]:
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1] == str(parent):
                found.append(pid)
        except OSError:
            continue
    return found


def test_an_import_ended_by_sigterm_removes_its_folders_and_ends_its_workers(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(16):
        seed000_docx(inbox / f"报告{i:02d}.docx")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp), "PERFSITE_JOBS": "2"}
    said = tmp_path / "stderr.txt"
    with said.open("w") as stderr:  # a file, not a pipe: workers left behind would hold a pipe open
        process = subprocess.Popen([sys.executable, "-m", "perfsite", "import", str(inbox), "--out", str(out)],
                                   env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        end = time.monotonic() + DEADLINE
        while len(_children(process.pid)) < 2 and process.poll() is None:  # its batch's workers forked
            assert time.monotonic() < end, "the import did not reach its batch"
            time.sleep(0.02)
        assert process.poll() is None, "the import ended before it could be stopped"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=DEADLINE)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    left = _ours(out)
    for pid in left:  # workers the killed import left waiting for it: a failing run leaves none behind either
        os.kill(int(pid), signal.SIGKILL)
    assert left == []
    assert list(tmp.iterdir()) == []
    err = said.read_text(encoding="utf-8")
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
