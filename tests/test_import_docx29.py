"""A Word form as units really save it imports as the plain .docx of the same form does.

Each case takes 普陀区体育事业管理中心's 2022 自评表 (tests/forms/ann-putuo-tiyu-jiesuan, its source in
tests/forms/SOURCES.md) as the plain .docx `forms.make` writes, changes its package the way Word,
WPS or a system saves it (a macro-enabled .docm, a mail-merge main document, a table pasted as an
Excel object), and compares what is imported with the plain file's."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from forms.make import load_form, write_docx, write_xlsx

from perfsite.importing.assemble import Hints
from perfsite.importing.docx_reader import read_blocks
from perfsite.importing.grid import Grid
from perfsite.importing.pipeline import Prepared, prepare
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.writer import dump

FORM = Path(__file__).resolve().parent / "forms" / "ann-putuo-tiyu-jiesuan"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]], str]:
    """The plain .docx, its table's texts and what it imports as (the YAML, its source line left out)."""
    path = write_docx(load_form(FORM), tmp_path_factory.mktemp("plain") / "form.docx")
    return path, _texts(path), _written(prepare(path, Hints()))


def _texts(path: Path) -> list[list[str]]:
    blocks, _ = read_blocks(path)
    return [[cell.text for cell in row] for block in blocks if isinstance(block, Grid) for row in block.rows]


def _written(item: Prepared) -> str:
    assert item.report.failure == "" and item.draft is not None, item.report.failure
    return "\n".join(line for line in dump(item.draft.data, item.draft.comments).splitlines()
                     if not line.startswith(("source:", "# 由 perfsite import")))


def _variant(plain: Path, out: Path, body: Callable[[str], str] = lambda d: d,
             parts: Callable[[dict[str, bytes]], None] = lambda p: None) -> Path:
    """The plain .docx with its document.xml changed by `body` and its parts by `parts`, saved as `out`."""
    with zipfile.ZipFile(plain) as package:
        held = {name: package.read(name) for name in package.namelist()}
    held["word/document.xml"] = body(held["word/document.xml"].decode()).encode()
    parts(held)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in held.items():
            package.writestr(name, data)
    return out


def _main_type(kind: str) -> Callable[[dict[str, bytes]], None]:
    def change(held: dict[str, bytes]) -> None:
        held["[Content_Types].xml"] = held["[Content_Types].xml"].replace(MAIN.encode(), kind.encode())
    return change


MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


@pytest.mark.parametrize(("name", "kind"), [("form.docm", MACROS), ("form.docm", MAIN), ("form.docx", MACROS),
                                            ("form.docx", TEMPLATE)],
                         ids=["docm", "docx-named-docm", "docm-named-docx", "dotx-named-docx"])
def test_a_macro_enabled_document_reads_as_its_docx(plain: tuple[Path, list[list[str]], str], tmp_path: Path,
                                                    name: str, kind: str) -> None:
    """A .docm (Word's 「启用宏的文档」) holds the same body: it was read as a PDF (「PDF 已损坏」), and
    named .docx it was called damaged (python-docx opens only a .docx's main part)."""
    path = _variant(plain[0], tmp_path / name, parts=_main_type(kind))
    assert _texts(path) == plain[1]


def test_a_docm_imports_as_the_plain_docx(plain: tuple[Path, list[list[str]], str], tmp_path: Path) -> None:
    assert _written(prepare(_variant(plain[0], tmp_path / "form.docm", parts=_main_type(MACROS)), Hints())) == plain[2]


def test_a_package_whose_main_part_is_no_document_is_still_refused(plain: tuple[Path, list[list[str]], str],
                                                                   tmp_path: Path) -> None:
    path = _variant(plain[0], tmp_path / "form.docx",
                    parts=_main_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))
    with pytest.raises(ImportFailure, match="文件已损坏，无法作为 Word 文档打开"):
        read_blocks(path)


def _field(code: str, result: str) -> str:
    """A field as Word writes it: its code, then the result it shows."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code} </w:instrText>'
            f'</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


NAME, TOTAL = "<w:r><w:t>普陀体育中心与委托运营方结算费用</w:t></w:r>", "<w:r><w:t>98.62</w:t></w:r>"


@pytest.mark.parametrize(("at", "field", "said"), [
    (NAME, _field("MERGEFIELD 项目名称", "«项目名称»"), "表1第1行第2列「«项目名称»」（域 项目名称）"),
    (TOTAL, '<w:fldSimple w:instr=" MERGEFIELD &quot;总 得分&quot; \\* MERGEFORMAT "><w:r><w:t>«总 得分»</w:t></w:r></w:fldSimple>',
     "表1第16行第8列「«总 得分»」（域 总 得分）"),
    ("<w:r><w:t>财政项目支出绩效自评表</w:t></w:r>", _field("MERGEFIELD 表名", "«表名»"), "正文中「«表名»」"),
], ids=["name", "simple-total", "title"])
def test_a_mail_merge_main_document_is_refused_naming_the_field(plain: tuple[Path, list[list[str]], str],
                                                               tmp_path: Path, at: str, field: str, said: str) -> None:
    """The template a system mail-merges, saved before any record was merged in: each field shows its
    name. 「«项目名称»」 was imported as the programme's name, 「«总得分»」 as a total that is no number."""
    path = _variant(plain[0], tmp_path / "form.docx", lambda d: d.replace(at, field, 1))
    with pytest.raises(ImportFailure, match=f"{said}：这些地方是 Word 邮件合并的域.*编辑单个文档"):
        read_blocks(path)


def test_a_mail_merge_field_showing_a_record_is_read_and_named(plain: tuple[Path, list[list[str]], str],
                                                               tmp_path: Path) -> None:
    path = _variant(plain[0], tmp_path / "form.docx", lambda d: d.replace(TOTAL, _field("MERGEFIELD 总得分", "98.62"), 1))
    blocks, _ = read_blocks(path)
    assert _texts(path) == plain[1]
    [note] = [n for b in blocks if isinstance(b, Grid) for n in b.notes if "邮件合并" in n]
    assert note.startswith("表1第16行第8列「98.62」（域 总得分）：这些格子里是 Word 邮件合并的域，按文件中保存的内容") and "请核对" in note


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OBJECT = ('<w:p><w:r><w:object w:dxaOrig="9000" w:dyaOrig="6000"><v:shape id="_x0000_i1025" type="#_x0000_t75" '
          'style="width:450pt;height:300pt" o:ole=""><v:imagedata r:id="rIdP1" o:title=""/></v:shape><o:OLEObject '
          'Type="Embed" ProgID="{progid}" ShapeID="_x0000_i1025" DrawAspect="Content" ObjectID="_1" r:id="rIdE1"/>'
          "</w:object></w:r></w:p>")


def _pasted(progid: str, name: str, data: bytes) -> tuple[Callable[[str], str], Callable[[dict[str, bytes]], None]]:
    """The form's table replaced by an embedded object (its part `name`) drawn as an EMF picture, as
    Word keeps a table pasted from Excel (or WPS 表格) 「作为对象」."""
    def body(document: str) -> str:
        return document[:document.index("<w:tbl>")] + OBJECT.format(progid=progid) + document[
            document.rindex("</w:tbl>") + len("</w:tbl>"):]

    def parts(held: dict[str, bytes]) -> None:
        rels = held["word/_rels/document.xml.rels"].decode().replace("</Relationships>", (
            f'<Relationship Id="rIdE1" Type="{REL}/package" Target="embeddings/{name}"/>'
            f'<Relationship Id="rIdP1" Type="{REL}/image" Target="media/image1.emf"/></Relationships>'))
        held["word/_rels/document.xml.rels"] = rels.encode()
        held[f"word/embeddings/{name}"], held["word/media/image1.emf"] = data, bytes(108)
        extension = name.rsplit(".", 1)[1]
        held["[Content_Types].xml"] = held["[Content_Types].xml"].replace(b"<Default ", (
            f'<Default Extension="{extension}" ContentType="application/octet-stream"/>'
            '<Default Extension="emf" ContentType="image/x-emf"/><Default ').encode(), 1)
    return body, parts


def test_a_table_pasted_as_a_workbook_of_any_progid_is_read_from_it(plain: tuple[Path, list[list[str]], str],
                                                                     tmp_path: Path) -> None:
    """WPS names its own spreadsheet object otherwise than Excel.Sheet.12: the workbook it holds is
    read as the form all the same, as the .xlsx of the form is; it was 「没有任何表格（可能是扫描件）」."""
    xlsx = write_xlsx(load_form(FORM), tmp_path / "form.xlsx")
    path = _variant(plain[0], tmp_path / "word" / "form.docx", *_pasted("Ket.Sheet.12", "Workbook1.xlsx", xlsx.read_bytes()))
    item = prepare(path, Hints())
    assert _written(item) == _written(prepare(xlsx, Hints()))
    assert any("文档中的表格是嵌入的 Excel 工作簿（word/embeddings/Workbook1.xlsx" in n for n in item.report.notes)


def test_a_table_pasted_as_another_object_says_what_to_do(plain: tuple[Path, list[list[str]], str],
                                                          tmp_path: Path) -> None:
    path = _variant(plain[0], tmp_path / "form.docx", *_pasted("Word.Document.12", "Document1.docx", plain[0].read_bytes()))
    with pytest.raises(ImportFailure, match=r"只有嵌入的对象（Word\.Document\.12），Word 中显示为它的图片.*双击它"):
        read_blocks(path)


def _web_page() -> bytes:
    """The form as the HTML table a system's 「导出 Word」 puts in an altChunk: merges as rowspan/colspan."""
    form = load_form(FORM)
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in form.merges}
    covered = {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - set(spans)
    rows = "".join("<tr>" + "".join(f'<td rowspan="{spans.get((r, c), (1, 1))[0]}" colspan="{spans.get((r, c), (1, 1))[1]}">'
                                    f"{text}</td>" for c, text in enumerate(row) if (r, c) not in covered) + "</tr>"
                   for r, row in enumerate(form.rows))
    return f'<html><head><meta charset="utf-8"></head><body><table border="1">{rows}</table></body></html>'.encode()


def _chunked(kind: str, name: str, data: bytes) -> tuple[Callable[[str], str], Callable[[dict[str, bytes]], None]]:
    """The document's title and table replaced by an altChunk of part `name`, of content type `kind`."""
    def body(document: str) -> str:
        return document[:document.index("<w:p>")] + '<w:altChunk r:id="rIdA1"/>' + document[
            document.rindex("</w:tbl>") + len("</w:tbl>"):]

    def parts(held: dict[str, bytes]) -> None:
        held["word/_rels/document.xml.rels"] = held["word/_rels/document.xml.rels"].replace(b"</Relationships>", (
            f'<Relationship Id="rIdA1" Type="{REL}/aFChunk" Target="{name}"/></Relationships>').encode())
        held[f"word/{name}"] = data
        held["[Content_Types].xml"] = held["[Content_Types].xml"].replace(b"</Types>", (
            f'<Override PartName="/word/{name}" ContentType="{kind}"/></Types>').encode())
    return body, parts


def test_a_system_export_whose_body_is_a_web_page_chunk_imports_as_the_docx(plain: tuple[Path, list[list[str]], str],
                                                                             tmp_path: Path) -> None:
    """A system's 「Word」 export whose body is an altChunk: an HTML page Word merges in where it stands
    when it opens the file. It was refused (「本程序无法读取」); it is the page's table."""
    item = prepare(_variant(plain[0], tmp_path / "form.docx", *_chunked("text/html", "afchunk.htm", _web_page())), Hints())
    assert _written(item) == plain[2]
    assert any(n.startswith("表1取自文档中嵌入的网页内容（altChunk「word/afchunk.htm」") for n in item.report.notes)


def test_a_chunk_of_another_kind_is_still_refused(plain: tuple[Path, list[list[str]], str], tmp_path: Path) -> None:
    path = _variant(plain[0], tmp_path / "form.docx", *_chunked("application/rtf", "afchunk.rtf", b"{\\rtf1 }"))
    with pytest.raises(ImportFailure, match="文档的正文是 1 段嵌入的外部内容（altChunk"):
        read_blocks(path)


BY = 'w:author="单位" w:date="2024-03-01T00:00:00Z"'


def test_a_total_revised_under_track_changes_is_read_accepted_naming_the_cell_and_the_old_figure(
        plain: tuple[Path, list[list[str]], str], tmp_path: Path) -> None:
    """The 总分 changed from 85 to 98.62 with 修订 on, and a dropped indicator's row deleted: the form is
    read with the revisions accepted, as before, and the clerk is now told which cells were revised
    and what they said (「文档中有未接受的修订」 named none: the clerk could not tell what to check)."""
    def revise(document: str) -> str:
        document = document.replace(TOTAL, f'<w:del w:id="1" {BY}><w:r><w:delText>85</w:delText></w:r></w:del>'
                                           f'<w:ins w:id="2" {BY}><w:r><w:t>98.62</w:t></w:r></w:ins>', 1)
        start = document.rindex("<w:tr>", 0, document.index("费用结算及时性"))
        row = document[start:document.index("</w:tr>", start) + len("</w:tr>")]
        gone = row.replace("<w:tr>", f'<w:tr><w:trPr><w:del w:id="3" {BY}/></w:trPr>', 1).replace("费用结算及时性", "已取消的指标")
        return document.replace(row, row + gone, 1)

    path = _variant(plain[0], tmp_path / "form.docx", revise)
    item = prepare(path, Hints())
    assert _written(item) == plain[2]
    [note] = [n for n in item.report.notes if "未接受的修订" in n]
    assert note.startswith("表1删去的一行「时效指标 已取消的指标 及时 及时 20 20」、表1第16行第8列「98.62」（修订前「85」）：")
    assert "按接受全部修订后的文字导入（删去的行不导入）" in note


def test_a_placeholder_that_lost_its_full_stop_is_read_as_the_empty_field(plain: tuple[Path, list[list[str]], str],
                                                                          tmp_path: Path) -> None:
    """The 总得分 left as the template's grey prompt, its 「。」 gone: read as the prompt it was
    imported as a total 「不是数字」; it is the empty field, and named as the prompt."""
    prompt = ('<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle '
              'w:val="PlaceholderText"/></w:rPr><w:t>单击或点击此处输入文字</w:t></w:r></w:sdtContent></w:sdt>')
    blocks, _ = read_blocks(_variant(plain[0], tmp_path / "form.docx", lambda d: d.replace(TOTAL, prompt, 1)))
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    assert [[c.text for c in row] for row in grid.rows] == [
        [text if text != "98.62" else "" for text in row] for row in plain[1]]
    assert any(n.startswith("表1第16行第8列「单击或点击此处输入文字」：这些是模板中内容控件的提示文字") for n in grid.notes)


def test_a_reports_prose_with_an_object_in_it_is_left_to_the_prose_readers(plain: tuple[Path, list[list[str]], str],
                                                                            tmp_path: Path) -> None:
    """A report of prose only, a diagram pasted in as an object: it is no form pasted as an object."""
    body, parts = _pasted("Visio.Drawing.15", "Drawing1.vsdx", b"PK")
    prose = "<w:p><w:r><w:t>已完成普陀体育中心与委托运营方费用结算，结算费用215457.6元，预算执行率86.19%，场馆开放满意度100%。</w:t></w:r></w:p>"
    blocks, _ = read_blocks(_variant(plain[0], tmp_path / "form.docx", lambda d: body(d).replace("<w:body>", "<w:body>" + prose, 1), parts))
    assert not [b for b in blocks if isinstance(b, Grid)] and blocks[0].text.startswith("已完成")


def test_a_workbook_object_beside_only_a_signature_table_is_the_form(plain: tuple[Path, list[list[str]], str],
                                                                      tmp_path: Path) -> None:
    """The form pasted from Excel as an object, a small Word table of 填报人 and 联系电话 under it: the
    workbook was left out (「没有导入」) and the form reported as 「没有找到绩效指标表」."""
    xlsx = write_xlsx(load_form(FORM), tmp_path / "form.xlsx")
    body, parts = _pasted("Excel.Sheet.12", "Microsoft_Excel_Worksheet.xlsx", xlsx.read_bytes())
    signed = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/>'
              '<w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>填报人：张三</w:t></w:r></w:p></w:tc><w:tc><w:p>'
              "<w:r><w:t>联系电话：12345678</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>")
    path = _variant(plain[0], tmp_path / "word" / "form.docx", lambda d: body(d).replace("<w:sectPr", signed + "<w:sectPr", 1),
                    parts)
    assert _written(prepare(path, Hints())) == _written(prepare(xlsx, Hints()))
