"""Report originals carrying what a reader's Word or OFD reader would open or play: an OLE package
(an executable wrapped to open on a double-click) or macros embedded in a DOCX, a program or a
macro-enabled file embedded, and an OFD's Sound and Movie actions. An Excel 97-2003 sheet or an
equation embedded the same way carries neither and is published."""

from __future__ import annotations

import io
import zipfile

import pytest
from test_redteam_active import ofd

from perfsite.reports import DOCX, OFD, active_findings

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
"""An OLE compound file's header; its directory names follow, UTF-16 as Word writes them."""


def _stream(name: str) -> bytes:
    return name.encode("utf-16-le").ljust(64, b"\0")


def _docx(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("parts", "what"), [
    ({"word/embeddings/oleObject1.bin": OLE + _stream("Root Entry") + _stream("\x01Ole10Native")}, "OLE 包"),
    ({"word/embeddings/oleObject1.bin": OLE + _stream("Root Entry") + _stream("Macros") + _stream("_VBA_PROJECT")},
     "_VBA_PROJECT"),
    ({"word/embeddings/oleObject1.bin": OLE + _stream("\x01Ole") + bytes.fromhex("E0C9EA79F9BACE118C8200AA004BA90B")
      + "http://evil.example/x.hta".encode("utf-16-le")}, "URL Moniker"),
    ({"word/embeddings/Microsoft_Word_Macro-Enabled_Document.docm": b"PK\x03\x04"}, "docm"),
    ({"word/embeddings/setup.exe": b"MZ"}, "setup.exe"),
    ({"word/embeddings/Microsoft_Word_Document.docx": _docx({"word/vbaProject.bin": b"\0"})}, "宏（vbaProject）"),
    ({"word/embeddings/Microsoft_Word_Document.docx": _docx(
        {"word/embeddings/oleObject1.bin": OLE + _stream("\x01Ole10Native")})}, "OLE 包"),
    ({"word/embeddings/Microsoft_Word_Document.docx": _docx(
        {"word/embeddings/Microsoft_Word_Document.docx": _docx({})})}, "多层嵌套"),
])
def test_an_object_embedded_in_a_docx_that_opens_a_file_or_runs_macros_is_found(parts: dict[str, bytes],
                                                                                 what: str) -> None:
    found = active_findings(_docx(parts), DOCX)
    assert any(what in finding for finding in found), found


@pytest.mark.parametrize("parts", [
    {"word/embeddings/oleObject1.bin": OLE + _stream("Root Entry") + _stream("Workbook") + _stream("\x01CompObj")},
    {"word/embeddings/oleObject2.bin": OLE + _stream("Root Entry") + _stream("Equation Native")},
    {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": _docx({"xl/workbook.xml": b"<workbook/>"})},
    {"word/media/image1.png": b"\x89PNG" + "\x01Ole10Native".encode("utf-16-le")},  # a picture's bytes: not looked in
])
def test_a_sheet_or_an_equation_embedded_is_no_finding(parts: dict[str, bytes]) -> None:
    assert active_findings(_docx(parts), DOCX) == []


@pytest.mark.parametrize("action", ['<ofd:Sound ResourceID="5" Volume="100"/>', '<ofd:Movie ResourceID="6" Operator="Play"/>'])
def test_an_ofd_action_that_plays_media_is_found(action: str) -> None:
    page = f'<ofd:Actions><ofd:Action Event="PO">{action}</ofd:Action></ofd:Actions>'
    found = active_findings(ofd("Doc_0/Pages/Page_0/Content.xml", page), OFD)
    assert found == ["播放声音或视频的动作（Sound、Movie）"], found
