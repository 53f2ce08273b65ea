"""The YAML writer: every text and figure reads back exactly, traps are quoted, writes are atomic."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from perfsite.importing.writer import Num, WriteRefused, dump, plain_ok, verify, write_files
from perfsite.yamlload import CONTROL, control_message, load_yaml_text


@pytest.mark.parametrize("value", ["-5%", "*", ">=95%", "%", "&a", "!x", "{a}", "[1]", "yes", "No", "~", "null", "1:20",
                                   "0x1F", "2024-05-20", "12", "3.00", "a: b", "a #b", "@x", "`x", "'q", '"q', "?", " x",
                                   "x ", "", ".inf", "1.5e3", "true", "on", "#", "| x", "- x"])
def test_trap_values_are_quoted_and_read_back(value: str) -> None:
    data = {"name": value, "indicators": [{"name": value, "target": value, "rule_text": value}]}
    text = dump(data)
    verify(text, data)
    assert load_yaml_text(text).data == data
    if value not in ("1:20", "0x1F", "2024-05-20", ".inf"):  # the core reads these as text anyway
        assert not plain_ok(value)


def test_numbers_keep_their_text() -> None:
    data = {"year": Num("2021"), "indicators": [{"weight": Num("3.00"), "score": Num("0.5")}],
            "budget": {"spent": Num("4,700.90"), "initial": {"county": Num("25"), "total": Num("25.0")}}}
    text = dump(data)
    assert "weight: 3.00" in text and "score: 0.5" in text and 'spent: "4,700.90"' in text
    assert "initial: {county: 25, total: 25.0}" in text
    verify(text, data)


def test_comments_are_placed_above_their_keys() -> None:
    text = dump({"department": "未载明", "indicators": [{"name": "x", "rule": "reported"}]},
                {("department",): ["原文没有写明"], ("indicators", 0, "rule"): ["采用公布得分"]}, ["头注"])
    lines = text.splitlines()
    assert lines[0] == "# 头注"
    assert lines[lines.index("department: 未载明") - 1] == "# 原文没有写明"
    assert lines[lines.index("    rule: reported") - 1].strip() == "# 采用公布得分"


_TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from("\n\r\t -#:*&!%{}[]|>'\"\u2028\x85")),
                max_size=40)


@settings(max_examples=200, deadline=None)
@given(name=_TEXT, level=_TEXT, section=_TEXT, title=_TEXT.filter(bool))
@example(name="", level="", section="", title="\u2066")  # a direction control alone as a section title
@example(name="", level="", section="", title="\U0001d7ce")  # a mathematical digit the core refuses
def test_any_text_reads_back(name: str, level: str, section: str, title: str) -> None:
    data = {"name": name, "sections": {title: section}, "groups": {level or "x": Num("16")},
            "indicators": [{"level1": level, "name": name, "remark": section, "rule": {"type": "judged", "level": level}}]}
    refused = [text for text in (name, level, section, title) if control_message(CONTROL.sub("", text))]
    if not refused:
        verify(dump(data), data)
        return
    with pytest.raises(WriteRefused, match="请在原件中改正后再导入") as caught:
        verify(dump(data), data)
    assert "导入程序的问题" not in str(caught.value)


def test_a_digit_of_another_script_is_named_as_the_original_s_not_the_writer_s() -> None:
    data = {"name": "项目", "indicators": [{"name": "完成率", "actual": "\u09ed\u09e6%"}]}
    with pytest.raises(WriteRefused) as caught:
        verify(dump(data), data, "a.yaml")
    assert str(caught.value).startswith("a.yaml：原件的「indicators[1].actual」含有其他文字的数字「\u09ed」")


def test_verify_refuses_what_would_read_differently() -> None:
    with pytest.raises(WriteRefused):
        verify("name: 1\n", {"name": "1"})


def test_write_files_all_or_nothing(tmp_path: Path) -> None:
    a, b = tmp_path / "x" / "a.yaml", tmp_path / "x" / "b.csv"
    write_files({a: "1\n", b: "2\n"}, force=False)
    with pytest.raises(WriteRefused):
        write_files({a: "changed\n"}, force=False)
    assert a.read_text() == "1\n"
    write_files({a: "changed\n"}, force=True, remove=[b])
    assert a.read_text() == "changed\n" and not b.exists()
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.yaml"]


def test_a_write_batch_renames_only_after_commit_and_fails_one_programme_alone(tmp_path: Path) -> None:
    from perfsite.importing.writer import WriteBatch

    batch = WriteBatch()
    a, b = tmp_path / "2023" / "a.yaml", tmp_path / "2023" / "b.yaml"
    batch.stage({a: "name: 甲\n"}, force=False)
    batch.stage({b: "name: 乙\n"}, force=False)
    assert not a.exists() and not b.exists()  # nothing under its own name before the batch is synced
    (tmp_path / "2023" / "b.yaml").mkdir()  # b's rename will fail: a directory stands in its place
    failed = batch.commit()
    assert list(failed) == [1] and "无法写出文件" in failed[1]
    assert a.read_text(encoding="utf-8") == "name: 甲\n"
    assert sorted(p.name for p in (tmp_path / "2023").iterdir()) == ["a.yaml", "b.yaml"]  # no temp file left
    with pytest.raises(WriteRefused, match="已存在"):
        WriteBatch().stage({a: "name: 丙\n"}, force=False)


@pytest.mark.parametrize("text", ["\u2066", "\u202e逆序", "a\u2069", "[U+2066]"])
def test_direction_controls_read_back_as_the_visible_mark(text: str) -> None:
    data = {"name": text, "sections": {text: text}, "groups": {text: Num("16")},
            "indicators": [{"level1": text, "name": text, "remark": text, "target": Num(text + "1"),
                            "rule": {"type": "judged", "level": text}}]}
    written = dump(data)
    assert "\u2066" not in written and "\u202e" not in written and "\u2069" not in written
    loaded = verify(written, data).data
    assert loaded["name"] == loaded["indicators"][0]["level1"] == text.replace("\u2066", "[U+2066]").replace(
        "\u202e", "[U+202E]").replace("\u2069", "[U+2069]")
    assert list(loaded["sections"]) == [loaded["name"]]
