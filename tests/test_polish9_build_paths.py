"""`perfsite build` names a data file as `perfsite check` does: relative to mkdocs.yml's folder.

`perfsite build` runs `mkdocs build --config-file mkdocs.yml`, so the project is `.` while the data
folder is resolved: the problem lines read `/tmp/…/data/2024/x.yaml:55`."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.dataset import load_dataset
from perfsite.problems import relpath


def test_an_absolute_path_under_a_relative_base_is_named_relatively(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert relpath(tmp_path / "data" / "2024" / "x.yaml", Path()) == "data/2024/x.yaml"
    assert relpath(Path("data/x.yaml"), tmp_path) == "data/x.yaml"
    assert relpath(Path("/elsewhere/x.yaml"), Path()) == "/elsewhere/x.yaml"


def test_the_builds_load_names_files_as_check_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data" / "2024"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text("name: 甲\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    checked = {p.file for p in load_dataset(Path("data")).problems}
    built = {p.file for p in load_dataset((tmp_path / "data").resolve(), Path()).problems}  # as the plugin loads
    assert "data/2024/x.yaml" in checked
    assert built == checked
