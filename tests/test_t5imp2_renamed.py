"""A Word/Excel 97-2003 file renamed .docx/.xlsx is read as what it is, with a note; only an
OLE2 file holding the encryption streams is called password-protected."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.importing.sniff import ImportFailure, old_format, old_suffix, renamed_note, sniff

HERE = Path(__file__).parent / "forms_trial5" / "t5imp2"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def _ole(path: Path, *streams: str) -> Path:
    """An OLE2 file whose directory (at the first sector) lists `streams` under the root entry."""
    entries = b""
    for n, name in enumerate(("Root Entry", *streams)):
        raw = name.encode("utf-16-le") + b"\0\0"
        entries += raw.ljust(64, b"\0") + len(raw).to_bytes(2, "little") + bytes([5 if n == 0 else 2]) + b"\0" * 61
    path.write_bytes(OLE2 + b"\0" * 504 + entries + b"\0" * 512)
    return path


@pytest.mark.parametrize(("name", "real", "target"), [("t5imp2-doc-named.docx", ".doc", ".docx"),
                                                       ("t5imp2-xls-named.xlsx", ".xls", ".xlsx")])
def test_renamed_old_format_is_converted_not_called_locked(name: str, real: str, target: str) -> None:
    path = HERE / name
    assert sniff(path) == "old"
    assert old_format(path) == real and old_suffix(path) == real
    note = renamed_note(path)
    assert note is not None and f"扩展名是 {target}" in note and f"已按 {real}" in note and "不是设置了密码" in note


def test_encrypted_package_is_still_a_password(tmp_path: Path) -> None:
    locked = _ole(tmp_path / "locked.docx", "EncryptionInfo", "EncryptedPackage")
    with pytest.raises(ImportFailure, match="设置了打开密码"):
        sniff(locked)
    assert old_format(locked) is None and renamed_note(locked) is None


def test_old_streams_by_name(tmp_path: Path) -> None:
    assert old_format(_ole(tmp_path / "a.xlsx", "Book")) == ".xls"  # Excel 5.0/95
    assert old_format(_ole(tmp_path / "b.docx", "WordDocument", "1Table")) == ".doc"
    assert old_format(_ole(tmp_path / "c.docx", "PowerPoint Document")) is None
    assert renamed_note(_ole(tmp_path / "d.doc", "WordDocument")) is None  # named as what it is

