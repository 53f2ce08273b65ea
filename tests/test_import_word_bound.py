"""Content controls bound to the document's custom XML data (``w:dataBinding``). Opening the
document, Word fills each such control from the data (``customXml/item1.xml``) and shows that, not
the text saved in the control: a generator that wrote the data and left the template's text hands
in a 得分 saved as 「26」 that Word shows, prints and the clerk signed as 「30」. A control whose
saved text is what Word shows reads as ever; one whose saved text it does not show refuses the file,
naming the cell (or 正文) and both texts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from raw_office import FORM_HEAD, plain_row, run, tbl, tc, tr, write_docx

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure

ITEM = "{6C3C8BC8-F283-45AE-878A-BAB7291924A1}"
DATA = '<root xmlns="urn:perfsite-form"><name>示例项目</name><score>30</score><level>A</level><empty/></root>'


def _control(saved: str, xpath: str, props: str = "<w:text/>") -> str:
    """A plain-text content control (run level) bound to `xpath` in the form's data, saving `saved`."""
    return (f'<w:sdt><w:sdtPr><w:dataBinding w:prefixMappings="xmlns:ns0=\'urn:perfsite-form\'" w:xpath="{xpath}" '
            f'w:storeItemID="{ITEM}"/>{props}</w:sdtPr><w:sdtContent>{run(saved)}</w:sdtContent></w:sdt>')


def _with_data(path: Path) -> Path:
    """`path` with the custom XML part `DATA` (item ID `ITEM`) related to its document, as Word keeps it."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts["customXml/item1.xml"] = DATA.encode()
    parts["customXml/itemProps1.xml"] = (
        f'<ds:datastoreItem ds:itemID="{ITEM}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        "<ds:schemaRefs/></ds:datastoreItem>").encode()
    parts["customXml/_rels/item1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rels}/customXmlProps" Target="itemProps1.xml"/></Relationships>').encode()
    key = "word/_rels/document.xml.rels"
    parts[key] = parts[key].decode().replace(
        "</Relationships>", f'<Relationship Id="rIdX1" Type="{rels}/customXml" Target="../customXml/item1.xml"/>'
        "</Relationships>").encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace(
        "</Types>", '<Override PartName="/customXml/itemProps1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>').encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def _form(tmp: Path, score: str, title: str = "") -> Path:
    """A small 自评表 whose last 得分 cell holds `score` (runs), under the title `title` (runs)."""
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "40"),
            plain_row("结业率", "30", "≥90%", "95%", "30"), tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")), tc(f"<w:p>{score}</w:p>"))]
    head = f"<w:p>{title or run('示例项目')}{run('2023年度绩效自评表')}</w:p>"
    return _with_data(write_docx(tmp / "form.docx", head + tbl(*rows)))


def _score(path: Path) -> str:
    blocks, _ = read_docx(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid.rows[3][4].text


def test_a_bound_figure_word_shows_otherwise_refuses_the_file_naming_the_cell(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure) as refused:
        read_docx(_form(tmp_path, _control("26", "/ns0:root[1]/ns0:score[1]")))
    assert "表1第4行第5列「26」（绑定的数据是「30」）" in str(refused.value) and "自定义 XML" in str(refused.value)


def test_a_bound_name_outside_the_tables_is_named_in_the_text(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure) as refused:
        read_docx(_form(tmp_path, run("30"), _control("旧项目", "/ns0:root[1]/ns0:name[1]")))
    assert "正文中「旧项目」（绑定的数据是「示例项目」）" in str(refused.value)


@pytest.mark.parametrize(("control", "read"), [
    (_control("30", "/ns0:root[1]/ns0:score[1]"), "30"),             # saved as Word shows it
    (_control("26", "/ns0:root[1]/ns0:missing[1]"), "26"),           # no such node: Word shows what is saved
    (_control("优", "/ns0:root[1]/ns0:level[1]",                      # a drop-down shows the item's display text
              '<w:dropDownList><w:listItem w:displayText="优" w:value="A"/><w:listItem w:displayText="良" w:value="B"/>'
              "</w:dropDownList>"), "优"),
    (_control("2023年12月31日", "/ns0:root[1]/ns0:score[1]",           # a date is shown by its format: not compared
              '<w:date><w:dateFormat w:val="yyyy年M月d日"/></w:date>'), "2023年12月31日"),
    (_control("", "/ns0:root[1]/ns0:empty[1]"), ""),                  # empty and empty
])
def test_a_bound_control_that_shows_its_saved_text_reads_as_ever(tmp_path: Path, control: str, read: str) -> None:
    assert _score(_form(tmp_path, control)) == read


def test_a_bound_control_in_a_nested_table_is_named_once_by_its_own_cell(tmp_path: Path) -> None:
    """A form laid out in a frame table's cell: the control is the nested table's (表2), not also the frame's."""
    inner = tbl(plain_row(*FORM_HEAD), tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")),
                                           tc(f"<w:p>{_control('26', '/ns0:root[1]/ns0:score[1]')}</w:p>")))
    body = "<w:p>" + run("示例项目2023年度绩效自评表") + "</w:p>" + tbl(tr(tc(inner + "<w:p/>")), columns=1)
    with pytest.raises(ImportFailure) as refused:
        read_docx(_with_data(write_docx(tmp_path / "f.docx", body)))
    message = str(refused.value)
    assert "表2第2行第5列「26」（绑定的数据是「30」）" in message and "表1" not in message, message


def test_a_binding_that_is_no_path_of_named_steps_is_not_evaluated(tmp_path: Path) -> None:
    """Word writes a binding as /ns0:root[1]/ns0:score[1]; an expression a file makes up (here one
    that would pick 「30」 too) is not evaluated, and the control reads as saved."""
    made_up = _control("26", "//ns0:score[count(//*) &gt; 0]")
    assert _score(_form(tmp_path, made_up)) == "26"
