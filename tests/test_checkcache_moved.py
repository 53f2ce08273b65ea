"""The check cache after the project moves: CI restores `.cache/perfsite` into a checkout whose
absolute path changes (a GitLab runner's `/builds/<token>/<n>/`); the cache still answers, and a
different project never gets another's findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfsite import checkcache
from perfsite.checkcache import check_tree
from tests.conftest import build_core_data_tree


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))


def _summary(data):  # type: ignore[no-untyped-def]
    return [p.as_text() for p in data.problems], sorted((f.file, f.total) for f in data.facts)


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = checkcache.load_document
    monkeypatch.setattr(checkcache, "load_document", lambda path, *a: calls.append(path.name) or real(path, *a))
    return calls


def test_a_moved_checkout_reads_nothing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "builds" / "aB3x" / "0" / "site"
    build_core_data_tree(first / "data")
    cold = check_tree(first / "data", first)
    second = tmp_path / "builds" / "Zq9y" / "1" / "site"
    shutil.copytree(first, second)
    shutil.rmtree(first)
    calls = _count_reads(monkeypatch)
    warm = check_tree(second / "data", second)
    assert calls == []
    assert _summary(warm) == _summary(cold)


def test_another_project_at_the_same_names_gets_its_own_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = tmp_path / "one" / "site"
    build_core_data_tree(one / "data")
    check_tree(one / "data", one)
    other = tmp_path / "other" / "site"
    shutil.copytree(one, other)
    alpha = other / "data" / "2021" / "jiaoyu" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("weight: 60", "weight: 55"), encoding="utf-8")
    calls = _count_reads(monkeypatch)
    data = check_tree(other / "data", other)
    assert calls == ["alpha.yaml"]
    assert _summary(data) == _summary(check_tree(other / "data", other, use_cache=False))
    assert any("权重之和为 95" in p.message for p in data.problems)


def test_a_data_folder_seen_from_elsewhere_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files from where check runs: findings kept under another view are not reused."""
    project = tmp_path / "site"
    build_core_data_tree(project / "data")
    check_tree(project / "data", project)
    calls = _count_reads(monkeypatch)
    data = check_tree(project / "data", tmp_path)
    assert len(calls) == 3
    assert _summary(data) == _summary(check_tree(project / "data", tmp_path, use_cache=False))
