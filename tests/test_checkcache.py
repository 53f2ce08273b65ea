"""The check cache: unchanged files are not re-read, changed ones are, results are identical."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite import checkcache
from perfsite.checkcache import cache_file, check_tree


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))


def _summary(data):  # type: ignore[no-untyped-def]
    return [p.as_text() for p in data.problems], sorted((f.file, f.total) for f in data.facts)


def test_warm_run_reads_nothing_and_reports_the_same(core_data_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = check_tree(core_data_tree)
    assert cache_file(core_data_tree).exists()
    calls: list[Path] = []
    real = checkcache.load_document
    monkeypatch.setattr(checkcache, "load_document", lambda path, *a: calls.append(path) or real(path, *a))
    warm = check_tree(core_data_tree)
    assert calls == []
    assert _summary(warm) == _summary(cold)


def test_changed_file_and_changed_csv_are_read_again(core_data_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_tree(core_data_tree)
    calls: list[str] = []
    real = checkcache.load_document
    monkeypatch.setattr(checkcache, "load_document", lambda path, *a: calls.append(path.name) or real(path, *a))
    alpha = core_data_tree / "2021" / "jiaoyu" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("weight: 60", "weight: 55"), encoding="utf-8")
    csv = core_data_tree / "2022" / "nongye" / "gamma.indicators.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    data = check_tree(core_data_tree)
    assert sorted(calls) == ["alpha.yaml", "gamma.yaml"]
    assert not data.ok
    assert any("权重之和为 95" in p.message for p in data.problems)


def test_site_yaml_change_invalidates_everything(core_data_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_tree(core_data_tree)
    calls: list[str] = []
    real = checkcache.load_document
    monkeypatch.setattr(checkcache, "load_document", lambda path, *a: calls.append(path.name) or real(path, *a))
    site = core_data_tree / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "contact: 123\n", encoding="utf-8")
    check_tree(core_data_tree)
    assert len(calls) == 3


def test_damaged_cache_is_ignored(core_data_tree: Path) -> None:
    cold = check_tree(core_data_tree)
    cache_file(core_data_tree).write_bytes(b"not a pickle")
    assert _summary(check_tree(core_data_tree)) == _summary(cold)


def test_cross_file_checks_still_run_on_cached_entries(core_data_tree: Path) -> None:
    check_tree(core_data_tree)
    copy = core_data_tree / "2021" / "other" / "ALPHA.yaml"
    copy.parent.mkdir()
    text = (core_data_tree / "2021" / "jiaoyu" / "alpha.yaml").read_text(encoding="utf-8")
    copy.write_text(text + "id: alpha\n", encoding="utf-8")
    messages = [p.message for p in check_tree(core_data_tree).problems]
    assert any("重复" in m and "alpha" in m for m in messages)


def test_parallel_reading_reports_exactly_what_serial_reading_does(core_data_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = core_data_tree / "2021" / "jiaoyu" / "broken.yaml"
    broken.write_text("name: 坏文件\nyear: 2021\ndepartment: 局\nindicators: []\nregoin: x\n", encoding="utf-8")
    serial = check_tree(core_data_tree, use_cache=False, jobs=1)
    monkeypatch.setattr(checkcache, "PARALLEL_FROM", 1)
    parallel = check_tree(core_data_tree, use_cache=False, jobs=2)
    assert _summary(parallel) == _summary(serial)
    assert not parallel.ok


def test_a_file_changed_while_it_is_checked_leaves_no_stale_finding(core_data_tree: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The file changes (its weights no longer add up) after its digest was taken and before it is
    read, then is put back: that check reports what it read, the next what is there now."""
    alpha = core_data_tree / "2021" / "jiaoyu" / "alpha.yaml"
    before = alpha.read_text(encoding="utf-8")
    real = checkcache.load_document

    def changed_first(path: Path, *args: object) -> object:
        if path == alpha and alpha.read_text(encoding="utf-8") == before:
            alpha.write_text(before.replace("weight: 60", "weight: 55"), encoding="utf-8")
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(checkcache, "load_document", changed_first)
    assert any("权重之和为 95" in p.message for p in check_tree(core_data_tree).problems)
    monkeypatch.setattr(checkcache, "load_document", real)
    alpha.write_text(before, encoding="utf-8")
    assert _summary(check_tree(core_data_tree)) == _summary(check_tree(core_data_tree, use_cache=False))
