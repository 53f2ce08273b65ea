"""`sample: true` is one of a file's facts (dataset.Facts.sample), kept by the check cache: the
提示 before publishing lists the sample files from the facts check and build have read, and
reads no data file again for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite import checkcache
from perfsite.checkcache import check_tree
from perfsite.progress import PROGRESS_ENV
from perfsite.scaffold import placeholders
from perfsite.scaffold.placeholders import notice, sample_files
from perfsite.site.session import BuildSession


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def project(core_data_tree: Path) -> Path:
    """The core tree with alpha (2021) and gamma (2022) marked as samples, in YAML's spellings of true."""
    for name, flag in (("2021/jiaoyu/alpha.yaml", "true"), ("2022/nongye/gamma.yaml", "yes  # 示例")):
        path = core_data_tree / name
        path.write_text(path.read_text(encoding="utf-8") + f"sample: {flag}\n", encoding="utf-8")
    return core_data_tree.parent


SAMPLES = ["data/2021/jiaoyu/alpha.yaml", "data/2022/nongye/gamma.yaml"]


def test_the_facts_say_which_files_are_samples_and_the_cache_keeps_it(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cold = check_tree(project / "data", project)
    assert sample_files(cold.facts) == SAMPLES
    calls: list[Path] = []
    real = checkcache.load_document
    monkeypatch.setattr(checkcache, "load_document", lambda path, *a: calls.append(path) or real(path, *a))
    warm = check_tree(project / "data", project)
    assert calls == [] and sample_files(warm.facts) == SAMPLES


def test_the_notice_reads_site_yaml_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = check_tree(project / "data", project).facts
    read: list[str] = []
    real = placeholders.read_limited
    monkeypatch.setattr(placeholders, "read_limited", lambda path, *a: read.append(Path(path).name) or real(path, *a))
    text = notice(project / "data", facts, project)
    assert read == ["site.yaml"]
    assert "示例数据（sample: true）2 个文件" in text
    assert text.splitlines()[-2:] == [f"    {name}" for name in SAMPLES]


def test_perfsite_build_names_the_samples_from_its_own_facts(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The hook under `perfsite build` (PROGRESS_ENV) says the 提示 after reading the tree, before its counts."""
    monkeypatch.setenv(PROGRESS_ENV, "1")
    read: list[str] = []
    real = placeholders.read_limited
    monkeypatch.setattr(placeholders, "read_limited", lambda path, *a: read.append(Path(path).name) or real(path, *a))
    session = BuildSession(serve=False)
    try:
        session.workers(0)
        session.load(project / "data", project)
    finally:
        session.close()
    err = capsys.readouterr().err
    assert "示例数据（sample: true）2 个文件" in err and all(f"    {name}\n" in err for name in SAMPLES)
    assert read == ["site.yaml"]
