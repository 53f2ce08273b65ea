"""Old Office formats as a clerk receives them, told apart by their own bytes before LibreOffice.

An Excel or Word 97-2003 file (.xls, .doc, and WPS's .et, .wps) with an open password is said to have
one and never handed to LibreOffice: it cannot open it either, and its answer (「source file could not
be loaded」) reached the clerk in English, as 「可能已损坏或设置了打开密码」. Bytes that are no Office file
and no text are damaged, not a report: LibreOffice opens anything as text. The files are built here as
Office lays them out: an OLE2 header, a directory sector, and the main stream's first sector (Word's
FibBase with fEncrypted; Excel's BOF then FILEPASS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.importing import convert
from perfsite.importing.sniff import OLE2, old_locked, sniff

BOF = (0x0809).to_bytes(2, "little") + (16).to_bytes(2, "little") + bytes(16)


def _record(kind: int, body: bytes) -> bytes:
    return kind.to_bytes(2, "little") + len(body).to_bytes(2, "little") + body


def _ole(path: Path, stream: str, start: bytes) -> Path:
    """An OLE2 file of 512-byte sectors: its directory at sector 0 (the root and `stream`), the
    stream (4096 bytes, so at its own sectors) from sector 1, beginning with `start`."""
    header = bytearray(OLE2 + bytes(504))
    header[30:32] = (9).to_bytes(2, "little")  # sector shift: 512 bytes
    directory = b""
    for kind, name, first, size in ((5, "Root Entry", 0xFFFFFFFE, 0), (2, stream, 1, 4096)):
        raw = name.encode("utf-16-le") + b"\0\0"
        entry = bytearray(raw.ljust(64, b"\0") + len(raw).to_bytes(2, "little") + bytes([kind]) + bytes(61))
        entry[116:120], entry[120:124] = first.to_bytes(4, "little"), size.to_bytes(4, "little")
        directory += entry
    path.write_bytes(bytes(header) + directory.ljust(512, b"\0") + start.ljust(4096, b"\0"))
    return path


def _word(path: Path, flags: int) -> Path:
    return _ole(path, "WordDocument", b"\xec\xa5" + bytes(8) + flags.to_bytes(2, "little"))


def _excel(path: Path, locked: bool) -> Path:
    return _ole(path, "Workbook", BOF + (_record(0x002F, bytes(54)) if locked else b"") + _record(0x00E1, b"\xb0\x04"))


@pytest.mark.parametrize(("make", "office"), [
    (lambda p: _word(p / "自评报告.doc", 0x13F0), "Word"), (lambda p: _word(p / "自评报告.wps", 0x0100), "Word"),
    (lambda p: _excel(p / "自评表.xls", True), "Excel"), (lambda p: _excel(p / "自评表.et", True), "Excel"),
    (lambda p: _excel(p / "自评表（改了名）.xlsx", True), "Excel"),
])
def test_a_locked_old_file_is_said_to_be_locked_without_libreoffice(tmp_path: Path, make, office: str,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def never(*args: object) -> str:
        raise AssertionError("handed to LibreOffice")

    monkeypatch.setattr(convert, "_run", never)
    path = make(tmp_path)
    assert old_locked(path)
    assert main(["import", str(path), "--out", str(tmp_path / "data")]) == 1
    said = capsys.readouterr().out
    assert f"失败：文件设置了打开密码（{office} 97-2003 格式，已加密），无法读取：请在 {office} 或 WPS 中输入密码打开" in said
    assert "未写出任何文件" in said and not (tmp_path / "data").exists()


def test_an_old_file_without_a_password_is_not_called_locked(tmp_path: Path) -> None:
    for path in (_word(tmp_path / "a.doc", 0x12F0), _excel(tmp_path / "b.xls", False)):
        assert not old_locked(path)
        assert sniff(path) == "old"


def test_a_header_office_never_writes_is_not_read_as_locked(tmp_path: Path) -> None:
    path = _excel(tmp_path / "c.xls", True)
    data = bytearray(path.read_bytes())
    data[30:32] = (3).to_bytes(2, "little")  # a sector of 8 bytes: no OLE2 file has it
    path.write_bytes(bytes(data))
    assert not old_locked(path)


@pytest.mark.parametrize(("name", "data", "said"), [
    ("自评报告.doc", bytes(range(256)) * 12, "文件已损坏，或并不是真正的 Word 97-2003（.doc）文件（扩展名是 .doc，内容却不是）"),
    ("自评表.et", b"\x00\x01garbage" * 300, "文件已损坏，或并不是真正的 WPS 表格（.et）文件"),
    ("自评报告.doc", b"%PDF-1.4\n" + bytes(2000), "文件的扩展名是 .doc，内容却是 PDF 文件（扩展名被改过）：请把扩展名改为 .pdf 后重新导入"),
])
def test_bytes_that_are_no_old_office_file_are_not_read_as_a_text_by_libreoffice(
        tmp_path: Path, name: str, data: bytes, said: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """LibreOffice opens any bytes as a text document: junk named .doc became 「报告正文（约 1491 字）」."""
    def never(*args: object) -> str:
        raise AssertionError("handed to LibreOffice")

    monkeypatch.setattr(convert, "_run", never)
    (tmp_path / name).write_bytes(data)
    assert main(["import", str(tmp_path / name), "--out", str(tmp_path / "data")]) == 1
    assert f"失败：{said}" in capsys.readouterr().out
