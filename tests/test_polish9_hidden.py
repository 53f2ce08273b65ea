"""What tools leave in the data folder is no programme: check and build (one walk, scan_tree)
neither read a .git/ folder's files nor Office's and editors' temporary files."""

from __future__ import annotations

from pathlib import Path

from perfsite.dataset import load_dataset, scan_tree
from perfsite.problems import Severity


def test_hidden_folders_and_temporary_files_are_not_programmes(tmp_path: Path) -> None:
    year = tmp_path / "data" / "2024"
    (year / ".git").mkdir(parents=True)
    (year / ".git" / "x.yaml").write_text("name: 甲\n", encoding="utf-8")
    (year / "~$x.yaml").write_bytes(b"\x08clerk  \x00\x00")
    (year / "._x.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (year / ".~lock.x.yaml#").write_text(",clerk,PC,07.12.2026 10:00,file:///C:/x;", encoding="utf-8")
    (tmp_path / "data" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    assert scan_tree(tmp_path / "data").files == []
    problems = load_dataset(tmp_path / "data", tmp_path).problems
    assert [p.severity for p in problems] == [Severity.WARNING, Severity.WARNING]
    assert [p.file for p in problems] == ["data/2024/._x.yaml", "data/2024/~$x.yaml"]
    assert all("临时文件，未读取" in p.message for p in problems)
