"""A 自评 and its 绩效目标表 pair by (year, id). `perfsite check` keys them with the id lower-cased,
the build's workers with the id as written: the same pairs, because an id is lower-case by the
data format (perfsite.reader.SLUG). An id differing only in case is refused, with its file and
line, and the build publishes nothing, so no built page lacks its 目标调低 comparison."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfsite.dataset import load_dataset
from perfsite.problems import PerfsiteError, Severity
from perfsite.site import build_site

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "2023").mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", root / "site.yaml")
    for name in ("yingyang-gaishan.yaml", "yingyang-gaishan-mubiao.yaml"):
        shutil.copy(REPO / "data" / "2023" / "jiaoyu" / name, root / "2023" / name)
    table = root / "2023" / "yingyang-gaishan-mubiao.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("id: yingyang-gaishan\n", "id: Yingyang-Gaishan\n"),
                     encoding="utf-8")
    return root


def test_an_id_differing_in_case_is_refused_by_check_and_build(data: Path) -> None:
    errors = [p for p in load_dataset(data).problems if p.severity is Severity.ERROR]
    assert [(p.file.rsplit("/", 1)[-1], p.line, p.key) for p in errors] == [("yingyang-gaishan-mubiao.yaml", 6, "id")]
    assert "小写字母" in errors[0].message
    with pytest.raises(PerfsiteError):
        build_site(data)
