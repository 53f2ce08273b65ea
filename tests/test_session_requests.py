"""What the build session's parent and its workers pickle for each other."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from perfsite import dataset
from perfsite.dataset import Facts, cross_checks, load_dataset
from perfsite.demo import write_demo
from perfsite.kinds import DEPARTMENT_KINDS
from perfsite.problems import Problem
from perfsite.site.buildcache import BuildCache
from perfsite.site.session import BuildSession, PickledOnce


class Counted:
    """Counts how often it is pickled."""

    pickled = 0

    def __init__(self, value: str) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type[Counted], tuple[str]]:
        Counted.pickled += 1
        return Counted, (self.value,)


def test_a_value_every_request_carries_is_pickled_once() -> None:
    """The series and page addresses go to every worker with its request: pickled once for all
    of them, unpickled as the value itself (a worker never sees the wrapper)."""
    Counted.pickled = 0
    shared = PickledOnce({"series": [Counted(str(n)) for n in range(50)]})
    requests = [pickle.dumps(("request", slot, shared), protocol=pickle.HIGHEST_PROTOCOL) for slot in range(os.cpu_count() or 2)]
    assert Counted.pickled == 50
    for slot, data in enumerate(requests):
        kind, number, value = pickle.loads(data)
        assert (kind, number) == ("request", slot)
        assert isinstance(value, dict) and [c.value for c in value["series"]] == [str(n) for n in range(50)]


def test_the_parent_compares_names_as_the_worker_folded_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Facts come to the parent pickled, with the name and department already folded for the
    cross-file checks (full width, case, spaces): the parent folds none of them again."""
    made = [Facts(f"2024/{n}.yaml", 2024, f"p{n}", name, "某局", None, None)
            for n, name in enumerate(("教师培训项目（一期）", "教师培训项目(一期)", "Ｘ项目", "x 项目"))]
    sent = pickle.loads(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))

    def refused(text: str) -> str:
        raise AssertionError(f"the parent folded {text!r} again")

    monkeypatch.setattr(dataset, "identity_text", refused)
    found = cross_checks(sent)
    assert sorted((p.file, p.key) for p in found) == [("2024/1.yaml", "name"), ("2024/3.yaml", "name")]
    assert "2024/0.yaml" in found[0].message


def test_the_workers_send_the_lowered_target_hints_and_the_parent_holds_no_target_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers compare each 自评 with its 绩效目标表 for the pages' marks and send check's 提示
    with the counts: the build's problems are check's, in its order, from a cold build and from
    the build cache alike (the 提示 kept with the counts), and neither the parent compares a
    programme-year again nor the facts it holds carry the rows."""
    root = tmp_path / "demo"
    write_demo(40, root, seed=4, targets=True)
    slow = load_dataset(root)
    said = [p.as_dict() for p in slow.problems]
    assert any("目标调低" in p.message for p in slow.problems)

    def refused(*args: object, **kwargs: object) -> list[Problem]:
        raise AssertionError("the parent compared a 自评 with its 绩效目标表 again")

    monkeypatch.setattr(dataset, "target_hints", refused)
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    try:
        cold = session.load_tree(root)
        session.close()
        session = BuildSession(serve=False)  # new workers: the counts and 提示 come from the cache
        session.cache = BuildCache(tmp_path / "cache", "test")
        warm = session.load_tree(root)
    finally:
        session.close()
    for loaded in (cold, warm):
        assert [p.as_dict() for p in loaded.dataset.problems] == said
        assert all(f.targets is None for f in loaded.dataset.facts if f.kind not in DEPARTMENT_KINDS)
    assert warm.timings["loaded_files"] == 0
