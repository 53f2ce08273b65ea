"""The MkDocs plugin's process-wide settings last as long as its build: a program that runs `mkdocs build` inside
itself (a test run, a bureau's own tooling) gets its SIGTERM behaviour back when the build ends."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from conftest_site import REPO
from mkdocs.__main__ import cli


def test_an_in_process_build_gives_sigterm_back(tmp_path: Path, core_data_tree: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFSITE_DATA", str(core_data_tree))
    monkeypatch.setenv("PERFSITE_BUILD_CACHE", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    cli(["build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "site")], standalone_mode=False)
    assert (tmp_path / "site" / "index.html").is_file()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
