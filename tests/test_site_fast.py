"""perfsite.site.fast: its shortcuts give what the slow path gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_site import DATA

from perfsite.dataset import load_dataset
from perfsite.demo import write_demo
from perfsite.pagedata import programme_data
from perfsite.site import fast
from perfsite.site.pages import row_summary


def _demo(tmp: Path, n: int) -> Path:
    write_demo(n, tmp / "demo", seed=3)
    return tmp / "demo"


@pytest.mark.parametrize("which", ["sample", "demo"])
def test_summary_row_equals_row_of_page_data(which: str, tmp_path: Path) -> None:
    root = DATA if which == "sample" else _demo(tmp_path, 150)
    dataset = load_dataset(root)
    assert dataset.programmes
    for sp in dataset.programmes:
        assert fast.summary_row(sp) == row_summary(programme_data(sp, dataset))


def test_load_matches_load_dataset_and_caches(tmp_path: Path) -> None:
    root = _demo(tmp_path, 40)
    slow = load_dataset(root)
    first = fast.load(root)
    assert [sp.programme.url for sp in first.scored()] == [sp.programme.url for sp in slow.programmes]
    assert sorted(r["url"] for r in first.rows) == sorted(sp.programme.url for sp in slow.programmes)
    assert [p.message for p in first.dataset.problems] == [p.message for p in slow.problems]
    again = fast.load(root)
    assert again.timings["loaded_files"] == 0
    edited = sorted(p for p in root.rglob("*.yaml") if p.name != "site.yaml")[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fast.load(root).timings["loaded_files"] == 1
