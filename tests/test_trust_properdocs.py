"""Issue 7: the site also builds under ProperDocs (the maintained MkDocs 1.x fork), so a switch
stays open. ProperDocs redirects `mkdocs.*` imports to itself, so our hook runs unchanged; the
output must equal MkDocs' except the generator <meta> Material writes."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest_site import REPO

BIN = REPO / ".venv" / "bin"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def run(tool: str, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("PERFSITE_DATA", None)
    return subprocess.run([str(BIN / tool), "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    if not (BIN / "properdocs").exists():
        pytest.skip("properdocs is not installed in .venv (pip install properdocs==1.6.7)")
    proper = run("properdocs", tmp_path / "properdocs")
    if proper.returncode != 0 and "Config value" in proper.stderr:
        pytest.skip(f"properdocs cannot load our mkdocs.yml: {proper.stderr[-500:]}")
    assert proper.returncode == 0, proper.stdout + proper.stderr
    mk = run("mkdocs", tmp_path / "mkdocs")
    assert mk.returncode == 0, mk.stdout + mk.stderr
    a, b = snapshot(tmp_path / "mkdocs"), snapshot(tmp_path / "properdocs")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert "downloads/index.html" in b and "projects/2021/xiaoshenggui/index.html" in b
