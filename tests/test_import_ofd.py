"""OFD files (GB/T 33190, 党政机关电子公文) import exactly as the PDF of the same drawing, or are refused.

tests/ofd_makers.py writes a transcribed form (tests/forms/) as OFD producers do (one TextObject
per line with DeltaX, the ``g`` compression, glyph by glyph, CTM-scaled text; borders as
PathObjects of a closed rectangle, of single lines, or thin filled rectangles; a page header on a
template page; the large size that breaks the table over pages; every TextObject clipped, as
converters from PDF write them; TextCodes pretty-printed on lines of their own; a PublicRes.xml
and Annotations.xml named and not written, as ofdrw leaves them), laid out exactly as
tests/pdf_makers.py `draw_form` draws the form into a PDF. The OFD must import to the golden file
and write the very YAML the PDF does (the file name and the word 「OFD」 in notes aside). What
cannot be read is refused, naming the part: a scanned OFD, an encrypted one, a zip bomb, a part
declaring a DOCTYPE, a part missing or damaged, several documents in one. An evaluation report
as OFD is read as its Word file is and published with the OFD as its original.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

import pytest
from forms.make import forms, load_form
from ofd_makers import (
    HEADER,
    NS,
    OFD_DRAWINGS,
    OFD_XML,
    PUBLIC_RES,
    OfdDrawing,
    clip_area,
    document_xml,
    draw_ofd,
    ofd_parts,
    package,
    page_xml,
    prose_ofd,
)
from pdf_makers import Drawing, draw_form
from test_forms import assert_imports_as, scored

from perfsite.cli import main
from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import Grid
from perfsite.importing.ofd_reader import _deltas, read_ofd
from perfsite.importing.pipeline import expand

FOLDERS = {f.name[:3]: f for f in forms()}
COMPARED = ("b01", "c01", "c05", "d01")
"""Forms of each kind of layout: a county's water project, a long indicator list, a scored form
with 偏差原因, a form whose 一级 cells are merged over many rows."""


def _import(path: Path, out: Path, year: bool) -> tuple[str, str]:
    """(what `perfsite import` printed, the YAML it wrote)."""
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(path), "--out", str(out), *([] if year else ["--year", "2099"])])
    written = sorted(out.rglob("*.yaml"))
    assert len(written) == 1, shown.getvalue()
    return shown.getvalue(), written[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("how", OFD_DRAWINGS, ids=[h.name for h in OFD_DRAWINGS])
@pytest.mark.parametrize("key", COMPARED)
def test_an_ofd_imports_as_the_pdf_of_the_same_drawing(key: str, how: OfdDrawing, tmp_path: Path) -> None:
    folder = FOLDERS[key]
    form = load_form(folder)
    want = scored(folder / "golden.yaml")
    ofd = tmp_path / f"{form.file}.ofd"  # the name a unit hands in: some forms state the year only there
    ofd.write_bytes(draw_ofd(form, how))
    args = ["import", str(ofd), "--out", str(tmp_path / "ofd")] + ([] if want.programme.year else ["--year", "2099"])
    assert_imports_as(args, tmp_path / "ofd", want, f"{form.file}.ofd ({how.name})")
    pdf = tmp_path / f"{form.file}.pdf"
    pdf.write_bytes(draw_form(form, Drawing("drawn", size=how.size)))
    _, from_pdf = _import(pdf, tmp_path / "pdf", bool(want.programme.year))
    from_ofd = (tmp_path / "ofd").rglob("*.yaml").__next__().read_text(encoding="utf-8")
    assert from_ofd.replace(ofd.name, pdf.name).replace("OFD", "PDF") == from_pdf


def test_template_page_text_is_the_page_header_not_the_body(tmp_path: Path) -> None:
    """A template page's text is what the producer says stands on every page: a header, as the PDF
    reader's running headers, never a paragraph or a row of the table."""
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(draw_ofd(load_form(FOLDERS["b01"]), OFD_DRAWINGS[1]))
    blocks, headers = read_ofd(ofd)
    assert headers == [HEADER]
    assert not any(HEADER in b.text for b in blocks if isinstance(b, Para))
    assert not any(HEADER in c.text for b in blocks if isinstance(b, Grid) for row in b.rows for c in row)


def test_deltax_in_the_g_form_expands() -> None:
    assert _deltas("g 3 4.5 2 g 2 1") == [4.5, 4.5, 4.5, 2.0, 1.0, 1.0]


def test_white_text_is_left_out_as_in_a_pdf(tmp_path: Path) -> None:
    """Text the OFD fills white over a white page is not seen on it: the PDF reader's rule applies."""
    parts = ofd_parts(load_form(FOLDERS["b01"]), OFD_DRAWINGS[0])
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    hidden = ('<ofd:TextObject ID="99999" Boundary="60 30 20 4" Font="3" Size="2.8"><ofd:FillColor Value="255 255 255"/>'
              '<ofd:TextCode X="0" Y="2.8">隐藏的白字</ofd:TextCode></ofd:TextObject>')
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace("</ofd:Layer>", hidden + "</ofd:Layer>")
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    texts = [b.text for b in blocks if isinstance(b, Para)] + [c.text for b in blocks if isinstance(b, Grid)
                                                              for row in b.rows for c in row]
    assert not any("隐藏的白字" in t for t in texts) and any("项目名称" in t for t in texts)


def test_a_folder_import_finds_ofd_files(tmp_path: Path) -> None:
    (tmp_path / "a.ofd").write_bytes(b"")
    files, missing = expand([str(tmp_path)])
    assert files == [tmp_path / "a.ofd"] and not missing


# --------------------------------------------------------------------------- refusals


def _good() -> dict[str, str | bytes]:
    return ofd_parts(load_form(FOLDERS["b01"]), OFD_DRAWINGS[0])


def _scanned() -> dict[str, str | bytes]:
    parts = {k: v for k, v in _good().items() if "/Pages/" not in k}
    image = '<ofd:ImageObject ID="50" Boundary="0 0 297 210" ResourceID="60"/>'
    parts["Doc_0/Pages/Page_0/Content.xml"] = page_xml([image])
    parts["Doc_0/Res/image_60.png"] = b"\x89PNG\r\n\x1a\n" + bytes(200)
    return parts


def _doctype() -> dict[str, str | bytes]:
    parts = _good()
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace(
        "?>\n", '?>\n<!DOCTYPE Page [<!ENTITY name "X局">]>\n', 1).replace("项目名称", "&name;", 1)
    return parts


def _bomb() -> dict[str, str | bytes]:
    parts = _good()
    parts["Doc_0/Pages/Page_0/Content.xml"] = str(parts["Doc_0/Pages/Page_0/Content.xml"]) + " " * 3_000_000
    return parts


def _missing_page() -> dict[str, str | bytes]:
    parts = _good()
    document = str(parts["Doc_0/Document.xml"])
    parts["Doc_0/Document.xml"] = document.replace("</ofd:Pages>", '<ofd:Page ID="199" BaseLoc="Pages/Page_1/Content.xml"/>'
                                                                   "</ofd:Pages>")
    return parts


def _broken_page() -> dict[str, str | bytes]:
    parts = _good()
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    parts["Doc_0/Pages/Page_0/Content.xml"] = page[: len(page) // 2]
    return parts


def _encrypted_parts() -> dict[str, str | bytes]:
    """GB/T 33190's encryption: an Encryptions entry, the parts' bytes no XML."""
    parts = _good()
    parts["Encryptions.xml"] = f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Encryptions xmlns:ofd="{NS}"/>'
    parts["Doc_0/Pages/Page_0/Content.xml"] = bytes(range(256)) * 8
    return parts


def _no_doc_root() -> dict[str, str | bytes]:
    parts = _good()
    parts["OFD.xml"] = re.sub(r"<ofd:DocRoot>.*</ofd:DocRoot>", "", str(parts["OFD.xml"]))
    return parts


REFUSED = {
    "scanned": (_scanned, "扫描件"),
    "doctype": (_doctype, "「Doc_0/Pages/Page_0/Content.xml」含有 DOCTYPE/ENTITY 声明"),
    "zip-bomb": (_bomb, "「Doc_0/Pages/Page_0/Content.xml」压缩比异常"),
    "missing-page": (_missing_page, "缺少「Doc_0/Pages/Page_1/Content.xml」（第 2 页的内容）"),
    "broken-page": (_broken_page, "「Doc_0/Pages/Page_0/Content.xml」（第 1 页的内容）已损坏"),
    "encrypted-parts": (_encrypted_parts, "内容已加密"),
    "no-doc-root": (_no_doc_root, "没有指明文档（DocBody/DocRoot）"),
}


def _refused(path: Path, tmp_path: Path) -> str:
    """What `perfsite import` prints for a file it must refuse; fails if it writes anything."""
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(path), "--out", str(tmp_path / "out"), "--year", "2099"])
    assert not list((tmp_path / "out").rglob("*.yaml")), shown.getvalue()
    assert f"== {path} ==" in shown.getvalue() and "失败 1 个" in shown.getvalue(), shown.getvalue()
    return shown.getvalue()


@pytest.mark.parametrize("case", REFUSED)
def test_an_unreadable_ofd_is_refused_naming_what(case: str, tmp_path: Path) -> None:
    make, said = REFUSED[case]
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(make()))
    shown = _refused(ofd, tmp_path)
    assert said in shown and "Traceback" not in shown, shown


def test_a_password_protected_zip_is_refused(tmp_path: Path) -> None:
    """A zip whose members are encrypted (the flag zipfile cannot read past) is refused, not a traceback."""
    data = bytearray(package(_good()))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local and central headers' flag bits
        for found in re.finditer(re.escape(signature), bytes(data)):
            data[found.start() + offset] |= 0x1
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(bytes(data))
    assert "设置了密码（压缩包已加密）" in _refused(ofd, tmp_path)


def test_a_renamed_file_is_named_for_what_it_is(tmp_path: Path) -> None:
    """An OFD renamed .pdf, a Word file renamed .ofd, and a file named .ofd that is no zip are told
    apart from damage."""
    renamed = tmp_path / "自评表.pdf"
    renamed.write_bytes(package(_good()))
    assert "内容却是 OFD 版式文件（.ofd）" in _refused(renamed, tmp_path / "a")
    text = tmp_path / "报告.ofd"
    text.write_bytes(b"\x00\x01binary, not a zip" * 10)
    assert "并不是真正的 OFD 文件" in _refused(text, tmp_path / "b")
    word = tmp_path / "自评表.ofd"
    word.write_bytes(package({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}))
    assert "内容却是 Word 文档（.docx）（扩展名被改过）：请把扩展名改为 .docx" in _refused(word, tmp_path / "c")


def test_a_box_drawn_over_text_covers_it_as_in_a_pdf(tmp_path: Path) -> None:
    """Objects are drawn in the OFD's order: a white box a clerk drew over an old figure hides it,
    and the PDF reader's rule for covered text applies (the figure is left out, with a note)."""
    form = load_form(FOLDERS["b01"])
    parts = ofd_parts(form, OFD_DRAWINGS[0])
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    found = re.search(r'<ofd:TextObject ID="\d+" Boundary="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"[^>]*>'
                      r"<ofd:TextCode[^>]*>项目名称</ofd:TextCode>", page)
    assert found is not None
    x, y, w, h = (float(v) for v in found.groups())
    cover = (f'<ofd:PathObject ID="99998" Boundary="{x - 0.5} {y - 0.5} {w + 1} {h + 1}" Stroke="false" Fill="true">'
             f'<ofd:FillColor Value="255 255 255"/><ofd:AbbreviatedData>M 0 0 L {w + 1} 0 L {w + 1} {h + 1} L 0 {h + 1} C'
             "</ofd:AbbreviatedData></ofd:PathObject>")
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace("</ofd:Layer>", cover + "</ofd:Layer>")
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert not any(c.text == "项目名称" for row in grid.rows for c in row)
    assert any("OFD 第 1 页" in note and "项目名称" in note for note in grid.notes), grid.notes


def _object_of(page: str, text: str) -> re.Match[str]:
    """The TextObject of `text` on a page of `ofd_parts`, its Boundary's x, y, w, h as groups 1–4."""
    found = re.search(r'(<ofd:TextObject ID="\d+" Boundary="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"[^>]*>)'
                      rf"<ofd:TextCode[^>]*>{text}</ofd:TextCode>", page)
    assert found is not None
    return found


def test_text_outside_its_clip_path_is_left_out_and_named(tmp_path: Path) -> None:
    """A TextObject clipped to the left half of its Boundary prints 「项目」 of its 「项目名称」: what
    the clip cuts off is left out and named, as the PDF reader names text that does not print."""
    parts = ofd_parts(load_form(FOLDERS["b01"]), OFD_DRAWINGS[0])
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    found = _object_of(page, "项目名称")
    w, h = float(found[4]), float(found[5])
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace(found[1], found[1] + clip_area(w / 2, h), 1)
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    grid = next(b for b in blocks if isinstance(b, Grid))
    texts = [c.text for row in grid.rows for c in row]
    assert "项目" in texts and "项目名称" not in texts
    assert any("OFD 第 1 页" in note and "「名称」" in note for note in grid.notes), grid.notes


def test_a_composite_object_s_clip_holds_for_the_text_of_its_unit(tmp_path: Path) -> None:
    """A CompositeObject's clip holds for the text its graphic unit draws (here mapped by the
    object's CTM, TransFlag="true"): clipped to its top left millimetre, none of it prints."""
    parts = ofd_parts(load_form(FOLDERS["b01"]), OFD_DRAWINGS[4])
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    # the composite object covers the page; clipped to nothing but its top left millimetre, no text prints
    parts["Doc_0/Pages/Page_0/Content.xml"] = re.sub(r'(<ofd:CompositeObject [^>]*)/>', lambda m: m[1] + ">"
                                                     + clip_area(1, 1).replace("<ofd:Clips>", '<ofd:Clips TransFlag="true">')
                                                     + "</ofd:CompositeObject>", page)
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert grids and not any(c.text.strip() for g in grids for row in g.rows for c in row)
    assert any("项目名称" in note for g in grids for note in g.notes), [g.notes for g in grids]


def boxed_grid(tmp_path: Path, cells: list[tuple[int, int, int, int]], texts: list[str]) -> Grid:
    """The table read from one page of `texts` over a rectangle drawn round each of `cells` (x, y, w, h in mm)."""
    borders = [f'<ofd:PathObject ID="{10 + k}" Boundary="{x} {y} {w} {h}"><ofd:AbbreviatedData>M 0 0 L {w} 0 L {w} {h} '
               f"L 0 {h} C</ofd:AbbreviatedData></ofd:PathObject>" for k, (x, y, w, h) in enumerate(cells)]
    parts = {"OFD.xml": OFD_XML, "Doc_0/Document.xml": document_xml(1, False, "0 0 210 297"), "Doc_0/PublicRes.xml": PUBLIC_RES,
             "Doc_0/Pages/Page_0/Content.xml": page_xml(borders + texts)}
    ofd = tmp_path / "表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    return next(b for b in blocks if isinstance(b, Grid))


def test_vertical_text_reads_down_its_cell(tmp_path: Path) -> None:
    """ReadDirection 90 without deltas (a tall merged cell's 「产出指标」 set vertically): each glyph
    below the one before, so the cell reads 「产出指标」, not a line running out into the next cells."""
    cells = [(20, 20, 15, 60), (35, 20, 60, 30), (35, 50, 60, 30)]
    texts = ['<ofd:TextObject ID="20" Boundary="25 30 6 40" Font="3" Size="5" ReadDirection="90">'
             '<ofd:TextCode X="0" Y="5">产出指标</ofd:TextCode></ofd:TextObject>',
             '<ofd:TextObject ID="21" Boundary="40 30 50 8" Font="3" Size="5"><ofd:TextCode X="0" Y="5">数量指标'
             "</ofd:TextCode></ofd:TextObject>",
             '<ofd:TextObject ID="22" Boundary="40 60 50 8" Font="3" Size="5"><ofd:TextCode X="0" Y="5">质量指标'
             "</ofd:TextCode></ofd:TextObject>"]
    grid = boxed_grid(tmp_path, cells, texts)
    assert [[c.text for c in row] for row in grid.rows] == [["产出指标", "数量指标"], ["产出指标", "质量指标"]], grid.rows


def test_text_in_a_graphic_unit_of_a_resource_part_that_is_not_there_is_refused(tmp_path: Path) -> None:
    """A resource part named and not written is passed over (ofdrw writes so when nothing needs it),
    but not when a page draws a graphic unit it would hold: that text would be lost unseen."""
    parts = ofd_parts(load_form(FOLDERS["b01"]), OFD_DRAWINGS[4])
    del parts["Doc_0/PublicRes.xml"]
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    assert "缺少「Doc_0/PublicRes.xml」（资源），第 1 页引用的图元" in _refused(ofd, tmp_path)


def test_an_ofd_of_several_documents_is_refused_naming_them(tmp_path: Path) -> None:
    """Two DocBody (a 公文 and its 附件 as documents of their own): reading one would leave the other
    out unseen, so neither is read and both are named."""
    parts = _good()
    parts["Doc_1/Document.xml"] = parts["Doc_0/Document.xml"]
    parts["Doc_1/PublicRes.xml"] = parts["Doc_0/PublicRes.xml"]
    parts["Doc_1/Pages/Page_0/Content.xml"] = parts["Doc_0/Pages/Page_0/Content.xml"]
    body = re.search(r"<ofd:DocBody>.*</ofd:DocBody>", OFD_XML, re.S)
    assert body is not None
    parts["OFD.xml"] = OFD_XML.replace(body[0], body[0] + body[0].replace("Doc_0/", "Doc_1/"))
    ofd = tmp_path / "公文.ofd"
    ofd.write_bytes(package(parts))
    shown = _refused(ofd, tmp_path)
    assert "2 份文档" in shown and "Doc_0/Document.xml" in shown and "Doc_1/Document.xml" in shown, shown


def test_an_ofd_of_too_many_glyphs_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import perfsite.importing.ofd_reader as ofd_reader

    monkeypatch.setattr(ofd_reader, "MAX_DRAWN", 50)
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(draw_ofd(load_form(FOLDERS["b01"]), OFD_DRAWINGS[0]))
    with pytest.raises(ofd_reader.ImportFailure, match="超过 50 个字和图形"):
        read_ofd(ofd)


def test_graphic_units_drawing_one_another_over_and_over_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight units each drawing the next ten times would be 10⁸ paths from a few KB: refused once the
    count passes the bound (here lowered to 5,000: the full bound takes 3.7 s of CPU), not drawn."""
    import perfsite.importing.ofd_reader as ofd_reader

    monkeypatch.setattr(ofd_reader, "MAX_DRAWN", 5000)
    parts = _good()
    line = ('<ofd:PathObject ID="7000" Boundary="0 0 10 10"><ofd:AbbreviatedData>M 0 0 L 10 10'
            "</ofd:AbbreviatedData></ofd:PathObject>")
    units = [f'<ofd:CompositeGraphicUnit ID="7100" Width="10" Height="10"><ofd:Content>{line}</ofd:Content>'
             "</ofd:CompositeGraphicUnit>"]
    for k in range(1, 9):
        uses = f'<ofd:CompositeObject ID="7{k}01" Boundary="0 0 10 10" ResourceID="7{k - 1}00"/>' * 10
        units.append(f'<ofd:CompositeGraphicUnit ID="7{k}00" Width="10" Height="10"><ofd:Content>{uses}</ofd:Content>'
                     "</ofd:CompositeGraphicUnit>")
    parts["Doc_0/PublicRes.xml"] = str(parts["Doc_0/PublicRes.xml"]).replace(
        "</ofd:Res>", f"<ofd:CompositeGraphicUnits>{''.join(units)}</ofd:CompositeGraphicUnits></ofd:Res>")
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace(
        "</ofd:Layer>", '<ofd:CompositeObject ID="7999" Boundary="0 0 10 10" ResourceID="7800"/></ofd:Layer>')
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    assert "OFD 内容过多" in _refused(ofd, tmp_path)


# --------------------------------------------------------------------------- reports in prose


def test_a_rectification_report_in_prose_imports_as_its_word_file(tmp_path: Path) -> None:
    """A 整改 report handed in as OFD (a 公文 in prose, no table) gives the documents its .docx gives."""
    from test_import_rectify_prose import COMPLETE, documents, imported, write_docx

    ofd = tmp_path / f"{COMPLETE.file}.ofd"
    ofd.write_bytes(prose_ofd(COMPLETE.paragraphs()))
    report = imported(ofd, tmp_path / "ofd")
    assert not report.failure, report.failure
    got = documents(report, tmp_path / "ofd")
    word = imported(write_docx(COMPLETE, tmp_path / f"{COMPLETE.file}.docx"), tmp_path / "docx")
    want = documents(word, tmp_path / "docx")
    keys = ("name", "year", "findings", "application")
    assert [d["name"] for d in got] == ["农村公路养护", "学生营养改善计划"]
    assert [{k: d.get(k) for k in keys} for d in got] == [{k: d.get(k) for k in keys} for d in want]


def test_an_evaluation_report_as_ofd_imports_as_its_word_file_with_the_ofd_as_its_original(tmp_path: Path) -> None:
    """An evaluation report handed in as OFD is read as its .docx is, and the OFD itself, byte for
    byte, is the original published beside it (`perfsite check` accepts it: no error names it)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "forms_reports"))
    from make import load_report, write_docx
    from test_import_report import errors, imported, written

    folder = Path(__file__).resolve().parent / "forms_reports" / "r01-longhui-renju"
    report = load_report(folder)
    ofd = tmp_path / f"{report.file}.ofd"
    ofd.write_bytes(prose_ofd(report.paragraphs()))
    got = imported(ofd, tmp_path / "ofd")
    assert not got.failure, got.failure
    data = written(got)
    word = written(imported(write_docx(report, tmp_path / f"{report.file}.docx"), tmp_path / "docx"))
    yaml_path = next(p for p in got.written if p.suffix == ".yaml")
    original = yaml_path.parent / data["original"]["file"]
    assert original.name == f"{data['id']}-2021-pingjia.ofd" and original.read_bytes() == ofd.read_bytes()
    assert {k: v for k, v in data.items() if k not in ("original", "source")} == \
        {k: v for k, v in word.items() if k not in ("original", "source")}
    assert data["original"]["title"] == word["original"]["title"]
    assert not [e for e in errors(got) if "original" in e], errors(got)


def test_a_scanned_page_after_the_table_is_named_as_in_a_pdf(tmp_path: Path) -> None:
    """A 盖章页 scanned into the OFD (a picture placed by its CTM, as PDF converters write it) after
    the indicator table: the form imports, and the note names the OFD's page, as the PDF reader's does."""
    parts = _good()
    document = str(parts["Doc_0/Document.xml"])
    parts["Doc_0/Document.xml"] = document.replace("</ofd:Pages>", '<ofd:Page ID="199" BaseLoc="Pages/Page_1/Content.xml"/>'
                                                                   "</ofd:Pages>")
    image = '<ofd:ImageObject ID="50" CTM="297 0 0 210 0 0" Boundary="0 0 297 210" ResourceID="60"/>'
    parts["Doc_0/Pages/Page_1/Content.xml"] = page_xml([image])
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    notes = [note for b in blocks if isinstance(b, Grid) for note in b.notes]
    assert any(note.startswith("OFD 第 2 页是图片（扫描件），没有导入") for note in notes), notes


def test_the_pdf_reader_s_words_are_said_of_the_ofd_but_not_the_file_s_own() -> None:
    from perfsite.importing.ofd_reader import _as_ofd

    assert _as_ofd("PDF 第 1 页表格第2行第4列「PDF 版本」（被后画的白色方块盖住）：请对照 PDF 原件") == \
        "OFD 第 1 页表格第2行第4列「PDF 版本」（被后画的白色方块盖住）：请对照 OFD 原件"


def test_a_producer_s_spellings_of_the_package_are_read(tmp_path: Path) -> None:
    """Part names written with backslashes (a Windows zip), a BaseLoc whose folder's case differs
    from the part's, layers written out of order (the Foreground first, its white box still drawn
    over the Body's text), an object wholly transparent (Alpha 0): all as a reader shows them."""
    parts = _good()
    page = str(parts.pop("Doc_0/Pages/Page_0/Content.xml"))
    found = re.search(r'<ofd:TextObject ID="\d+" Boundary="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"[^>]*>'
                      r"<ofd:TextCode[^>]*>项目名称</ofd:TextCode>", page)
    assert found is not None
    x, y, w, h = (float(v) for v in found.groups())
    cover = (f'<ofd:Layer ID="8000" Type="Foreground"><ofd:PathObject ID="8001" Boundary="{x - 0.5} {y - 0.5} {w + 1} {h + 1}" '
             f'Stroke="false" Fill="true"><ofd:FillColor Value="255 255 255"/><ofd:AbbreviatedData>M 0 0 L {w + 1} 0 '
             f"L {w + 1} {h + 1} L 0 {h + 1} C</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer>")
    clear = ('<ofd:TextObject ID="8002" Boundary="60 30 20 4" Font="3" Size="2.8" Alpha="0">'
             '<ofd:TextCode X="0" Y="2.8">透明的字</ofd:TextCode></ofd:TextObject>')
    page = page.replace("<ofd:Content>", "<ofd:Content>" + cover).replace("</ofd:Layer></ofd:Content>",
                                                                           clear + "</ofd:Layer></ofd:Content>")
    parts["Doc_0\\pages\\Page_0\\Content.xml"] = page
    parts["Doc_0\\Document.xml"] = str(parts.pop("Doc_0/Document.xml")).replace('BaseLoc="Pages/', 'BaseLoc="PAGES/')
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    grid = next(b for b in blocks if isinstance(b, Grid))
    texts = [c.text for row in grid.rows for c in row] + [b.text for b in blocks if isinstance(b, Para)]
    assert "项目名称" not in texts and not any("透明的字" in t for t in texts)
    assert any("被后画的白色方块盖住" in note for note in grid.notes), grid.notes


def _picture(kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    if kind == "png":  # a seal: red ring on a transparent ground
        Image.new("RGBA", (40, 40), (200, 0, 0, 0)).save(out, format="PNG")
    else:
        Image.new("RGB", (40, 40), "white").save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.parametrize(("kind", "covered"), [("jpg", True), ("png", False)])
def test_a_picture_over_text_covers_it_unless_see_through(kind: str, covered: bool, tmp_path: Path) -> None:
    """A photo (JPEG) pasted over 「项目名称」 hides it, as in a PDF; a seal (a PNG with a transparent
    ground) over it does not: the text under it is read."""
    parts = _good()
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    found = re.search(r'<ofd:TextObject ID="\d+" Boundary="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"[^>]*>'
                      r"<ofd:TextCode[^>]*>项目名称</ofd:TextCode>", page)
    assert found is not None
    x, y, w, h = (float(v) for v in found.groups())
    picture = f'<ofd:ImageObject ID="6000" CTM="{w + 1} 0 0 {h + 1} 0 0" Boundary="{x - 0.5} {y - 0.5} {w + 1} {h + 1}" ResourceID="61"/>'
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace("</ofd:Layer>", picture + "</ofd:Layer>")
    parts["Doc_0/PublicRes.xml"] = str(parts["Doc_0/PublicRes.xml"]).replace(
        "</ofd:Res>", f'<ofd:MultiMedias><ofd:MultiMedia ID="61" Type="Image"><ofd:MediaFile>seal.{kind}</ofd:MediaFile>'
                      "</ofd:MultiMedia></ofd:MultiMedias></ofd:Res>")
    parts[f"Doc_0/Res/seal.{kind}"] = _picture(kind)
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert (not any(c.text == "项目名称" for row in grid.rows for c in row)) is covered
    assert any("被后贴的图片盖住" in note for note in grid.notes) is covered, grid.notes


def _annotated(kind: str, where: tuple[float, float, float, float], appearance: str) -> dict[str, str | bytes]:
    """b01 with one annotation of `kind` at `where` (x, y, w, h in millimetres), as an OFD reader saves one."""
    parts = _good()
    parts["Doc_0/Document.xml"] = str(parts["Doc_0/Document.xml"]).replace(
        "</ofd:CommonData>", "</ofd:CommonData><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>")
    parts["Doc_0/Annots/Annotations.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Annotations xmlns:ofd="{NS}">'
                                             '<ofd:Page PageID="100"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc>'
                                             "</ofd:Page></ofd:Annotations>")
    x, y, w, h = where
    parts["Doc_0/Annots/Page_0/Annotation.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:PageAnnot xmlns:ofd="{NS}"><ofd:Annot ID="5000" Type="{kind}" '
        f'Creator="数科OFD阅读器" LastModDate="2026-12-01"><ofd:Appearance Boundary="{x} {y} {w} {h}">{appearance}'
        "</ofd:Appearance></ofd:Annot></ofd:PageAnnot>")
    return parts


TYPED = '<ofd:TextObject ID="5001" Boundary="0 0 20 5" Font="3" Size="3"><ofd:TextCode X="0" Y="3">95%</ofd:TextCode></ofd:TextObject>'


def _cell_of(text: str) -> tuple[float, float, float, float]:
    found = re.search(r'<ofd:TextObject ID="\d+" Boundary="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"[^>]*>'
                      rf"<ofd:TextCode[^>]*>{text}</ofd:TextCode>", str(_good()["Doc_0/Pages/Page_0/Content.xml"]))
    assert found is not None
    x, y, w, h = (float(v) for v in found.groups())
    return x, y, w, h


def test_text_an_ofd_reader_typed_over_the_table_is_refused_as_in_a_pdf(tmp_path: Path) -> None:
    """An annotation holding typed text over the table shows a figure the page's content does not
    have: refused as a PDF's FreeText over a table is, naming the page."""
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(_annotated("Path", _cell_of("项目名称"), TYPED)))
    shown = _refused(ofd, tmp_path)
    assert "OFD 第 1 页的表格上有" in shown and "文字框「95%」" in shown, shown


@pytest.mark.parametrize(("kind", "where", "noted"), [
    ("Path", (150.0, 200.0, 20.0, 5.0), True),  # below the table: named, not read
    ("Stamp", (0.0, 0.0, 0.0, 0.0), False),  # a seal over the table: not the page's text, nothing to say
])
def test_other_annotations_are_named_or_passed_over(kind: str, where: tuple[float, float, float, float], noted: bool,
                                                    tmp_path: Path) -> None:
    where = _cell_of("项目名称") if kind == "Stamp" else where
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(_annotated(kind, where, TYPED)))
    blocks, _ = read_ofd(ofd)
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert any(c.text == "项目名称" for row in grid.rows for c in row)
    assert any("表格外有 OFD 编辑器加上的批注" in note for note in grid.notes) is noted, grid.notes


def test_a_declaration_in_a_part_not_named_xml_is_refused(tmp_path: Path) -> None:
    """A page's BaseLoc may name any part: one not named .xml, which the package check passes over,
    is refused when read if it declares a document type (its entity would read as nothing)."""
    parts = _doctype()
    parts["Doc_0/Pages/Page_0/Content.txt"] = parts.pop("Doc_0/Pages/Page_0/Content.xml")
    parts["Doc_0/Document.xml"] = str(parts["Doc_0/Document.xml"]).replace("Page_0/Content.xml", "Page_0/Content.txt")
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    assert "「Doc_0/Pages/Page_0/Content.txt」含有 DOCTYPE/ENTITY 声明" in _refused(ofd, tmp_path)


def test_a_pattern_filled_ground_under_the_table_hides_nothing(tmp_path: Path) -> None:
    """A page ground filled by a tiled picture (FillColor with a Pattern, its Value a black the
    pattern replaces, as in ofdrw's samples) is no black box: the table's black text on it is read."""
    parts = _good()
    ground = ('<ofd:PathObject ID="4000" Boundary="5 5 287 200" Fill="true" Rule="Even-Odd"><ofd:FillColor Value="0 0 0">'
              '<ofd:Pattern Width="6" Height="6"><ofd:CellContent ID="4001"><ofd:ImageObject ID="4002" CTM="6 0 0 6 0 0" '
              'Boundary="0 0 6 6" ResourceID="4003"/></ofd:CellContent></ofd:Pattern></ofd:FillColor>'
              "<ofd:AbbreviatedData>M 0 0 L 287 0 L 287 200 L 0 200 C</ofd:AbbreviatedData></ofd:PathObject>")
    page = str(parts["Doc_0/Pages/Page_0/Content.xml"])
    parts["Doc_0/Pages/Page_0/Content.xml"] = re.sub(r'(<ofd:Layer [^>]*>)', lambda m: m.group(1) + ground, page, count=1)
    ofd = tmp_path / "自评表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert any(c.text == "项目名称" for row in grid.rows for c in row), grid.notes


def test_score_of_an_ofd_says_to_import_it_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`perfsite score 自评表.ofd` names the file for what it is, not 「不是 UTF-8 编码」."""
    path = tmp_path / "自评表.ofd"
    path.write_bytes(package(_good()))
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"是 OFD 文件，不是数据文件：请先用 perfsite import {path} 导入" in err and "UTF-8" not in err


@pytest.mark.parametrize(("direction", "first", "second"), [
    (0, 'X="0" Y="5"', 'X="0" Y="35"'),
    (180, 'X="45" Y="5"', 'X="45" Y="35"'),   # right to left: from the cell's right end
    (270, 'X="0" Y="36"', 'X="0" Y="36"'),    # up the page: from the cell's bottom
])
def test_text_read_right_to_left_or_upward_reads_in_its_reading_order(tmp_path: Path, direction: int, first: str,
                                                                       second: str) -> None:
    """ReadDirection 180 lays 「数量指标」 from right to left, 270 up the page: the glyphs' order along
    the page is the reverse of the reading order, and read by position the cell came out 「标指量数」."""
    cells = [(20, 20, 60, 45), (20, 65, 60, 45)]
    texts = [f'<ofd:TextObject ID="20" Boundary="25 22 50 40" Font="3" Size="5" ReadDirection="{direction}">'
             f'<ofd:TextCode {first}>数量指标</ofd:TextCode></ofd:TextObject>',
             f'<ofd:TextObject ID="21" Boundary="25 67 50 40" Font="3" Size="5" ReadDirection="{direction}">'
             f'<ofd:TextCode {second}>满意度95%</ofd:TextCode></ofd:TextObject>']
    grid = boxed_grid(tmp_path, cells, texts)
    assert [[c.text.replace("\n", "") for c in row] for row in grid.rows] == [["数量指标"], ["满意度95%"]], grid.rows


def _rounded_table(tmp: Path, radius: float, extra: str = "") -> list[list[str]]:
    """A 2 × 3 table whose outer border is a rectangle with rounded corners (arcs, ``A``), read."""
    x, y, w, h, r = 20, 20, 120, 40, radius
    outline = (f"M {r} 0 L {w - r} 0 A {r} {r} 0 0 1 {w} {r} L {w} {h - r} A {r} {r} 0 0 1 {w - r} {h} "
               f"L {r} {h} A {r} {r} 0 0 1 0 {h - r} L 0 {r} A {r} {r} 0 0 1 {r} 0 C")
    objects = [f'<ofd:PathObject ID="10" Boundary="{x} {y} {w} {h}"><ofd:AbbreviatedData>{outline}</ofd:AbbreviatedData>'
               "</ofd:PathObject>",
               f'<ofd:PathObject ID="11" Boundary="{x} {y} {w} {h}"><ofd:AbbreviatedData>M 40 0 L 40 {h} M 80 0 L 80 {h} '
               f"M 0 20 L {w} 20</ofd:AbbreviatedData></ofd:PathObject>", extra]
    for k, text in enumerate(["项目名称", "示例项目", "年度", "分值", "得分", "备注"]):
        objects.append(f'<ofd:TextObject ID="{20 + k}" Boundary="{x + 40 * (k % 3) + 3} {y + 20 * (k // 3) + 5} 34 8" '
                       f'Font="3" Size="5"><ofd:TextCode X="0" Y="5">{text}</ofd:TextCode></ofd:TextObject>')
    parts = {"OFD.xml": OFD_XML, "Doc_0/Document.xml": document_xml(1, False, "0 0 210 297"), "Doc_0/PublicRes.xml": PUBLIC_RES,
             "Doc_0/Pages/Page_0/Content.xml": page_xml(objects)}
    ofd = tmp / "表.ofd"
    ofd.write_bytes(package(parts))
    blocks, _ = read_ofd(ofd)
    return [[c.text for c in row] for b in blocks if isinstance(b, Grid) for row in b.rows]


@pytest.mark.parametrize("radius", [1, 3, 8])
def test_a_table_with_rounded_corners_reads_as_its_cells(tmp_path: Path, radius: float) -> None:
    """Arcs drawn as straight lines to their ends cut each corner off: from a 2 mm radius the corner
    cells had no corner and the table came apart (「项目名称」「年度」 one row, 「分值备注」 a paragraph)."""
    assert _rounded_table(tmp_path, radius) == [["项目名称", "示例项目", "年度"], ["分值", "得分", "备注"]]


def test_a_circle_of_arcs_round_a_figure_is_no_ruling(tmp_path: Path) -> None:
    """A red ring drawn round 「得分」 of four quarter arcs: round, not a box that would split its cell."""
    ring = ('<ofd:PathObject ID="30" Boundary="60 40 40 20"><ofd:StrokeColor Value="255 0 0"/><ofd:AbbreviatedData>'
            "M 2 10 A 18 8 0 0 1 20 2 A 18 8 0 0 1 38 10 A 18 8 0 0 1 20 18 A 18 8 0 0 1 2 10 C"
            "</ofd:AbbreviatedData></ofd:PathObject>")
    assert _rounded_table(tmp_path, 3, ring) == [["项目名称", "示例项目", "年度"], ["分值", "得分", "备注"]]
