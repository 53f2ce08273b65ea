"""A form whose file name holds a line break or another control character is not imported: the
name would be written to the file's `source` and published."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main


@pytest.mark.parametrize("name", ["a\nb.xlsx", "c\x1bd.docx", "e\rf.pdf"])
def test_a_name_with_a_control_character_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    name: str) -> None:
    (tmp_path / name).write_bytes(b"PK\x03\x04 never read")
    data = tmp_path / "data"
    assert main(["import", "--out", str(data), str(tmp_path / name)]) == 1
    err = capsys.readouterr().err
    assert "中有换行或其他控制字符，未导入" in err
    assert name.replace("\n", "[U+000A]").replace("\x1b", "[U+001B]").replace("\r", "[U+000D]") in err
    assert not data.exists()
