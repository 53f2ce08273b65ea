"""perfsite init's requirements.txt, .gitignore and pre-commit hook: perfsite from the repository's
own wheelhouse/, every other package at the version of perfsite's requirements.lock."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from perfsite import __version__
from perfsite.scaffold import LOCK, locked_requirements, scaffold

REPO = Path(__file__).resolve().parent.parent


def requirement_lines(root: Path) -> list[str]:
    return [line for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_the_new_repository_pins_perfsite_and_the_locked_versions(tmp_path: Path) -> None:
    scaffold(tmp_path / "site", "某县预算绩效信息公开")
    lines = requirement_lines(tmp_path / "site")
    assert lines[:2] == ["--find-links wheelhouse", f"perfsite=={__version__}"]  # perfsite is not on PyPI
    pins = lines[2:]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==\S+", line) for line in pins), pins
    locked = [line for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert pins == locked  # what perfsite's tests ran, not what pip resolved on the clerk's machine
    assert "pymdown-extensions==12.3" in pins  # 13.x needs Python 3.11.5; Debian 12 has 3.11.2


def test_the_shipped_lock_is_the_checkouts() -> None:
    assert (REPO / "perfsite/scaffold" / LOCK).resolve() == (REPO / "requirements.lock").resolve()
    assert locked_requirements() and not any(line.startswith("#") for line in locked_requirements())


def test_the_wheel_is_copied_into_wheelhouse_and_not_ignored(tmp_path: Path) -> None:
    wheel = tmp_path / f"perfsite-{__version__}-py3-none-any.whl"
    wheel.write_bytes(b"PK wheel")
    root = tmp_path / "site"
    scaffold(root, "某县预算绩效信息公开", wheel)
    assert (root / "wheelhouse" / wheel.name).read_bytes() == b"PK wheel"
    (root / "wheelhouse" / "mkdocs-1.6.1-py3-none-any.whl").write_bytes(b"downloaded for an offline install")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    ignored = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "wheelhouse"], cwd=root,
                             check=True, capture_output=True, text=True).stdout.split()
    assert ignored == ["??", f"wheelhouse/{wheel.name}"]


def test_pre_commit_runs_the_installed_perfsite(tmp_path: Path) -> None:
    """A `repo: local` hook: there is no perfsite repository or release tag to fetch it from."""
    scaffold(tmp_path / "site", "某县预算绩效信息公开")
    config = yaml.safe_load((tmp_path / "site/.pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and "rev" not in repo
    assert hook["language"] == "system" and hook["entry"] == "perfsite check" and hook["pass_filenames"] is False
    assert hook["args"] == ["data", "--since", "HEAD"] and hook["always_run"] is True
