"""The written YAML read back otherwise than meant, or not at all: the refusal names the file and
what failed (the key, the loader's words and line, the size), not a bare 「内部错误」."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.importing.writer import WriteRefused, verify
from perfsite.yamlload import MAX_BYTES

TARGET = Path("data/2023/imported/shili.yaml")


def _refused(text: str, data: dict[str, object]) -> str:
    with pytest.raises(WriteRefused) as caught:
        verify(text, data, TARGET)
    message = str(caught.value)
    assert message.startswith(f"{TARGET}：") and "内部错误" not in message, message
    return message


def test_a_value_read_back_otherwise_names_its_key() -> None:
    message = _refused("name: 示例\nindicators:\n- name: 1\n", {"name": "示例", "indicators": [{"name": "1"}]})
    assert "indicators[1].name：应为「1」，读回的是1" in message


def test_a_key_lost_on_reading_back_is_named() -> None:
    assert "remark：读回时没有这个键" in _refused("name: 示例\n", {"name": "示例", "remark": "说明"})


def test_the_loaders_words_and_line_are_given() -> None:
    assert "第 2 行：" in _refused("name: 示例\n<<: {a: 1}\n", {"name": "示例"})


def test_a_file_past_what_the_core_reads_is_refused_before_writing() -> None:
    text = "name: " + "长" * (MAX_BYTES // 3 + 10) + "\n"
    assert f"超过网站读取数据文件的上限 {MAX_BYTES} 字节" in _refused(text, {"name": text[6:-1]})
