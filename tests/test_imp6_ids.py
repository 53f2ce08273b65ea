"""A name with a Han character beyond the BMP: read into the id where pypinyin has a reading
(𠀀 hē), and where it has none (𠮷 of 「𠮷祥」) the import note names the character the id leaves
out; the name itself is written whole."""

from __future__ import annotations

from pathlib import Path

from test_import_word import imported
from test_rtfix4_import import FACTS, _template

from perfsite.ids import readable_id, unread_han


def test_a_readable_character_beyond_the_bmp_is_in_the_id() -> None:
    assert readable_id("䃅溪村𠀀祥产业项目") == "dixi-cunhe-xiang-chanye"


def test_an_unreadable_one_is_named() -> None:
    assert unread_han("䃅溪村𠮷祥产业𠮷项目") == "𠮷"
    assert unread_han("小升规企业奖励资金") == ""
    assert readable_id("䃅溪村𠮷祥产业项目") == "dixicun-xiang-chanye"  # a word boundary, as before


def test_the_import_note_names_the_character_the_id_leaves_out(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _template(tmp_path, {**FACTS, "项目名称": "䃅溪村𠮷祥产业项目"}, {"spent": {"county": 0.3}})
    [out] = imported(tmp_path, path)
    assert out.name == "dixicun-xiang-chanye.yaml"
    assert "项目名称「䃅溪村𠮷祥产业项目」中的「𠮷」没有拼音读音，网址编号 dixicun-xiang-chanye 中没有它" in capsys.readouterr().out
    assert "name: 䃅溪村𠮷祥产业项目" in out.read_text(encoding="utf-8")
