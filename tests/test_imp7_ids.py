"""A 部门 name with a character pypinyin has no reading for (𠮷): the department's file name (its
page's address) leaves it out, and the import note names it, as it does for a programme name."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_import_dept import _variant, imported


def test_a_department_name_s_unread_character_is_named(tmp_path: Path) -> None:
    report = imported(_variant(tmp_path, {"B3": "䃅溪镇𠮷祥村民委员会"}), tmp_path / "out")
    [written] = report.written
    assert "𠮷" not in written.name
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["department"] == "䃅溪镇𠮷祥村民委员会"
    said = [n for n in report.notes if "没有拼音读音" in n]
    assert said == [f"部门名称「䃅溪镇𠮷祥村民委员会」中的「𠮷」没有拼音读音，文件名 {written.name} 中没有它"
                    "（名称照原样写入，页面上照原样显示）：需要时把文件名改为别的写法"], report.notes


def test_a_department_name_read_whole_gets_no_such_note(tmp_path: Path) -> None:
    report = imported(_variant(tmp_path, {"B3": "䃅溪镇人民政府"}), tmp_path / "out")
    assert not [n for n in report.notes if "没有拼音读音" in n], report.notes
