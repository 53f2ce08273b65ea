"""Word saved as one XML file: 「Word XML 文档」 (the .docx package flat in ``<pkg:package>``) and
「Word 2003 XML 文档」 (``<w:wordDocument>``), as Word saves them (.xml) and as Java systems export
「Word」 (a FreeMarker template of one of them, named .doc). The flat one is unpacked into its
package and read as the .docx (LibreOffice took it for plain text: 「no table」); the 2003 one goes
through LibreOffice as a .doc does; each imports as the .docx of the same form."""

from __future__ import annotations

import base64
import html
import re
import zipfile
from pathlib import Path

import pytest
from forms.make import Form, load_form, title_rows, write_docx
from test_import_formats import office  # noqa: F401 (office is a fixture)

from perfsite.cli import main
from perfsite.importing.convert import word_xml

FORM = Path(__file__).resolve().parent / "forms" / "c01-jishan-jiandanglika"


def flat_xml(docx: Path) -> str:
    """The .docx as Word's 「Word XML 文档」: every part but [Content_Types].xml, XML inline, the rest base64."""
    with zipfile.ZipFile(docx) as package:
        types = package.read("[Content_Types].xml").decode()
        parts = []
        for name in package.namelist():
            if name == "[Content_Types].xml":
                continue
            data = package.read(name)
            found = re.search(rf'PartName="/{re.escape(name)}" ContentType="([^"]+)"', types)
            kind = found[1] if found else ("application/vnd.openxmlformats-package.relationships+xml"
                                           if name.endswith(".rels") else "application/octet-stream")
            if name.endswith((".xml", ".rels")):
                body = re.sub(r"^<\?xml[^>]*\?>", "", data.decode("utf-8").lstrip())
                parts.append(f'<pkg:part pkg:name="/{name}" pkg:contentType="{kind}"><pkg:xmlData>{body}</pkg:xmlData></pkg:part>')
            else:
                parts.append(f'<pkg:part pkg:name="/{name}" pkg:contentType="{kind}" pkg:compression="store">'
                             f'<pkg:binaryData>{base64.b64encode(data).decode()}</pkg:binaryData></pkg:part>')
    return ('<?xml version="1.0" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
            '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">' + "".join(parts) + "</pkg:package>")


def word2003_xml(form: Form) -> str:
    """The form as Word saves a 「Word 2003 XML 文档」: the title rows paragraphs, the rest one table,
    a merge across columns ``w:gridSpan``, down rows ``w:vmerge`` (restart, then continue)."""
    titles = title_rows(form)
    covered = {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    starts = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in form.merges}

    def para(text: str) -> str:
        return "".join(f"<w:p><w:r><w:t>{html.escape(line)}</w:t></w:r></w:p>" for line in text.split("\n")) or "<w:p/>"

    body = [para(" ".join(t for t in row if t)) for row in form.rows[:titles]]
    rows = []
    for r, row in enumerate(form.rows[titles:], start=titles):
        cells, c = [], 0
        while c < form.width:
            top = next(((r0, c0) for (r0, c0), (r1, c1) in starts.items() if r0 <= r <= r1 and c0 == c), None)
            r1, c1 = starts[top] if top else (r, c)
            span = f'<w:gridSpan w:val="{c1 - c + 1}"/>' if c1 > c else ""
            merge = "" if not top or r1 == top[0] else '<w:vmerge w:val="restart"/>' if r == top[0] else "<w:vmerge/>"
            text = row[c] if (r, c) not in covered or (top and (r, c) == top) else ""
            cells.append(f"<w:tc><w:tcPr><w:tcW w:w=\"1200\" w:type=\"dxa\"/>{span}{merge}</w:tcPr>{para(text)}</w:tc>")
            c = c1 + 1
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(form.width))
    body.append(f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
            '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
            f'<w:body>{"".join(body)}<w:sectPr/></w:body></w:wordDocument>')


def _written(out: Path) -> str:
    return "".join(re.sub(r"「[^」]*」导入|source: \S+", "SOURCE", f.read_text(encoding="utf-8"))
                   for f in sorted(out.rglob("*.yaml")))


@pytest.mark.parametrize("name", ["自评表.xml", "系统导出.doc"])
def test_a_flat_word_xml_imports_as_its_docx(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    docx = write_docx(load_form(FORM), tmp_path / "自评表.docx")
    flat = tmp_path / "flat" / name
    flat.parent.mkdir()
    flat.write_text(flat_xml(docx), encoding="utf-8")
    assert word_xml(flat.read_bytes()[:1024]) == "flat"
    code = main(["import", str(docx), "--out", str(tmp_path / "a")])
    assert main(["import", str(flat), "--out", str(tmp_path / "b")]) == code
    assert _written(tmp_path / "b") == _written(tmp_path / "a") != "", capsys.readouterr().out


@pytest.mark.usefixtures("office")
def test_a_word_2003_xml_named_xml_imports_through_libreoffice(tmp_path: Path) -> None:
    """Written here, not by LibreOffice: its 「MS Word 2003 XML」 export drops the vertical merges."""
    form = load_form(FORM)
    docx = write_docx(form, tmp_path / "自评表.docx")
    made = tmp_path / "xml" / "自评表.xml"
    made.parent.mkdir()
    made.write_text(word2003_xml(form), encoding="utf-8")
    assert word_xml(made.read_bytes()[:1024]) == "2003"
    main(["import", str(docx), "--out", str(tmp_path / "a")])
    main(["import", str(made), "--out", str(tmp_path / "b")])
    assert _written(tmp_path / "b") == _written(tmp_path / "a") != ""


def test_other_xml_named_xml_is_called_xml_not_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "导出.xml"
    path.write_text('<?xml version="1.0"?><root><项目>示例</项目></root>', encoding="utf-8")
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 1
    assert "内容却不是 Excel 2003 XML 表格（Excel「另存为 XML 电子表格 2003」所存），而是其他 XML 文件" in capsys.readouterr().out
