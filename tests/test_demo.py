"""`perfsite demo`: deterministic, valid, varied synthetic data."""

from __future__ import annotations

import hashlib
from pathlib import Path

from perfsite.cli import main
from perfsite.dataset import load_dataset
from perfsite.demo import write_demo
from perfsite.problems import Severity


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    write_demo(40, tmp_path / "a", seed=3)
    write_demo(40, tmp_path / "b", seed=3)
    write_demo(40, tmp_path / "c", seed=4)
    assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")
    assert _tree_digest(tmp_path / "a") != _tree_digest(tmp_path / "c")


def test_demo_data_is_valid_varied_and_has_some_discrepancies(tmp_path: Path) -> None:
    write_demo(200, tmp_path / "d", seed=1)
    data = load_dataset(tmp_path / "d")
    assert data.ok, [p.as_text() for p in data.problems if p.severity is Severity.ERROR][:5]
    assert len(data.programmes) == 200
    assert len({sp.programme.year for sp in data.programmes}) >= 3
    assert len({sp.programme.region for sp in data.programmes}) >= 10
    assert len({sp.grade for sp in data.programmes}) >= 3
    rules = {s.outcome.rule for sp in data.programmes for s in sp.indicators}
    assert {"ratio", "judged", "budget", "deduct", "shortfall", "bands"} <= {str(r) for r in rules}
    assert data.count(Severity.DISCREPANCY) > 0


def test_cli_refuses_to_wipe_a_folder_that_is_not_a_demo(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["demo", "--n", "3", "--out", str(tmp_path / "mine")]) == 2
    assert (tmp_path / "mine" / "keep.txt").exists()
    assert main(["demo", "--n", "3", "--out", str(tmp_path / "new")]) == 0
    assert len(list((tmp_path / "new").rglob("demo-*.yaml"))) == 3


def test_demo_never_replaces_a_real_data_tree(tmp_path: Path) -> None:
    """A folder with a site.yaml is what every bureau's data/ looks like: without the demo's own
    mark it is left exactly as it was, and so is a symlink to it."""
    data = tmp_path / "data"
    (data / "2024" / "x").mkdir(parents=True)
    (data / "site.yaml").write_text("title: 某县\n", encoding="utf-8")
    (data / "2024" / "x" / "mine.yaml").write_text("name: 我的项目\n", encoding="utf-8")
    before = sorted((p.relative_to(data), p.read_bytes()) for p in data.rglob("*") if p.is_file())
    assert main(["demo", "--n", "3", "--out", str(data)]) == 2
    (tmp_path / "link").symlink_to(data)
    assert main(["demo", "--n", "3", "--out", str(tmp_path / "link")]) == 2
    assert sorted((p.relative_to(data), p.read_bytes()) for p in data.rglob("*") if p.is_file()) == before


def test_demo_replaces_its_own_folder(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--n", "5", "--out", str(out)]) == 0
    assert main(["demo", "--n", "2", "--out", str(out)]) == 0
    assert len(list(out.rglob("demo-*.yaml"))) == 2
