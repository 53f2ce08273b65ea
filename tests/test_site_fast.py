"""perfsite.site.fast: its shortcuts give what the slow path gives."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest_site import DATA

from perfsite.dataset import Facts, load_dataset
from perfsite.demo import write_demo
from perfsite.record import make_record
from perfsite.site import fast, workers
from perfsite.site.pages import listing_row
from perfsite.site.render import grade_band


def _demo(tmp: Path, n: int) -> Path:
    write_demo(n, tmp / "demo", seed=3)
    return tmp / "demo"


@pytest.mark.parametrize("which", ["sample", "demo"])
def test_worker_rows_are_the_listing_projection_of_each_record(which: str, tmp_path: Path) -> None:
    """The listing rows the workers send are listing_row of each programme's record, as the
    single-process build makes them."""
    root = DATA if which == "sample" else _demo(tmp_path, 150)
    dataset = load_dataset(root)
    assert dataset.programmes
    band = grade_band(dataset.site)
    expected = {sp.programme.url: listing_row(make_record(sp), band) for sp in dataset.programmes}
    loaded = fast.load(root)
    assert {r["url"]: r for r in loaded.rows} == expected


def test_load_matches_load_dataset_and_caches(tmp_path: Path) -> None:
    root = _demo(tmp_path, 40)
    slow = load_dataset(root)
    first = fast.load(root)
    assert [dataclasses.astuple(f) for f in first.dataset.facts] == [
        dataclasses.astuple(Facts.of(sp)) for sp in sorted(slow.programmes, key=lambda sp: sp.programme.file)]
    assert sorted(r["url"] for r in first.rows) == sorted(sp.programme.url for sp in slow.programmes)
    assert [p.message for p in first.dataset.problems] == [p.message for p in slow.problems]
    again = fast.load(root)
    assert again.timings["loaded_files"] == 0
    edited = sorted(p for p in root.rglob("*.yaml") if p.name != "site.yaml")[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fast.load(root).timings["loaded_files"] == 1


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_workers_started_before_the_shell_write_what_one_process_writes(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A build over PARALLEL_FROM programmes starts its workers at on_config, before MkDocs has
    rendered the shell (and cleaned the site folder); the site is the same as from one process."""
    from conftest_site import build_or_fail

    root = _demo(tmp_path, workers.PARALLEL_FROM + 40)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("PERFSITE_SEARCH", "0")
    monkeypatch.setenv("PERFSITE_JOBS", "1")
    one = _files(build_or_fail(tmp_path / "one", root))
    monkeypatch.setenv("PERFSITE_JOBS", "2")
    (tmp_path / "two" / "stale").mkdir(parents=True)  # MkDocs cleans the folder after the workers started
    two = _files(build_or_fail(tmp_path / "two", root))
    assert sum(1 for name in one if name.startswith("projects/")) > 4 * workers.PARALLEL_FROM
    assert two == one


def test_workers_waiting_for_a_shell_that_never_comes_write_nothing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = _demo(tmp_path, workers.PARALLEL_FROM + 10)
    monkeypatch.setenv("PERFSITE_JOBS", "2")
    fast.close()  # workers of an earlier test (one process for a small tree)
    loaded = fast.load(root)
    try:
        assert fast.can_start_early()

        rendering = fast.start_programmes(tmp_path / "site", None, loaded, loaded.dataset.site, False)
        timings, _ = fast.finish_programmes(rendering)  # the build stopped before MkDocs rendered the shell
        assert timings["rendered"] == 0 and not (tmp_path / "site").exists()
        rendering = fast.start_programmes(tmp_path / "site", None, loaded, loaded.dataset.site, False)
        fast.give_shell(rendering, f"<html>{fast.CONTENT_MARK}</html>")
        timings, _ = fast.finish_programmes(rendering)
        assert timings["rendered"] == len(loaded.rows)
        assert len(list((tmp_path / "site" / "projects").glob("*/*/index.html"))) == len(loaded.rows)
    finally:
        fast.close()
