"""`make site` is all-or-nothing. The Makefile recipe itself runs (in a scratch project that links
the repo's mkdocs.yml, docs/, hooks/, overrides/), first on a data tree with two broken files — it
must fail naming both and leave the previous site/ exactly as it was — then on good data, when it
must replace site/; an empty data tree must not replace a live site unless PERFSITE_ALLOW_DROP=1."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest_site import DATA, REPO

from perfsite.site.publish import Manifest, read_manifest

BIN = REPO / ".venv" / "bin"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    if not (BIN / "mkdocs").exists():
        pytest.skip("no .venv/bin/mkdocs: run `make` once to create the virtual environment")
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = tmp_path / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "hooks", "overrides", "requirements.lock", "pyproject.toml"):
        (root / name).symlink_to(REPO / name)
    (root / "stamp").touch()  # newer than requirements.lock: make must not reinstall anything
    previous = root / "site"
    (previous / "projects").mkdir(parents=True)
    (previous / "index.html").write_text("<p>上一次发布的网站</p>", encoding="utf-8")
    (previous / "projects" / "keep.json").write_text('{"kept": true}', encoding="utf-8")
    return root


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site-build", ".site-old")))


def make_site(project: Path, data: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PERFSITE_DATA": str(data), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "PERFSITE_SEARCH": "0", **extra}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(project), "-f", str(REPO / "Makefile"), "site",
         f"VENV={REPO / '.venv'}", f"STAMP={project / 'stamp'}"],
        env=env, capture_output=True, text=True, timeout=600, check=False)


def broken_tree(dest: Path) -> tuple[Path, list[str]]:
    shutil.copytree(DATA, dest)
    files = sorted(p for p in dest.rglob("*.yaml") if p.name != "site.yaml")
    first, second = files[0], files[-1]
    first.write_text(first.read_text(encoding="utf-8") + "\nindicators: [unclosed\n", encoding="utf-8")
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("\nyear:", "\nyear: 2099\nyear:", 1), encoding="utf-8")
    return dest, [first.relative_to(dest).as_posix(), second.relative_to(dest).as_posix()]


def test_two_broken_files_fail_make_site_and_keep_the_previous_site(project: Path, tmp_path: Path) -> None:
    before = snapshot(project / "site")
    data, broken = broken_tree(tmp_path / "broken")
    result = make_site(project, data)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for name in broken:
        assert name in output, f"{name} not named in:\n{output}"
    assert "2 个错误" in output or output.count("错误") >= 2
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_good_data_replaces_the_site(project: Path) -> None:
    result = make_site(project, DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert "上一次发布的网站" not in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "projects" / "keep.json").exists()
    assert (site / "downloads" / "index.html").exists() and (site / "data" / "programmes.csv").exists()
    assert leftovers(project) == []


def test_an_empty_data_tree_keeps_the_live_site_unless_allowed(project: Path, tmp_path: Path) -> None:
    assert make_site(project, DATA).returncode == 0
    before = snapshot(project / "site")
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = make_site(project, empty)
    assert refused.returncode != 0
    assert "PERFSITE_ALLOW_DROP=1" in refused.stderr and "Traceback" not in refused.stdout + refused.stderr
    assert snapshot(project / "site") == before
    allowed = make_site(project, empty, PERFSITE_ALLOW_DROP="1")
    assert allowed.returncode == 0, allowed.stderr
    assert read_manifest(project / "site") == Manifest({})
    assert leftovers(project) == []
