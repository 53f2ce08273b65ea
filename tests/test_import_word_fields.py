"""Word fields (「域」) and content controls in a form's cells: a field read as the result Word shows,
never its code, and refused when the file itself says the result saved is out of date; a content
control's placeholder (the template's prompt) read as the empty field it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import FORM_HEAD, para, plain_row, run, tbl, tc, tr, write_docx
from test_import_formats import lo_convert, office  # noqa: F401 (office is a fixture)

from perfsite.cli import main

ROWS = [("培训人次", "40", "≥100人", "120人", "40"), ("结业率", "30", "≥90%", "95%", "30")]


def _mark(kind: str, extra: str = "") -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{extra}/></w:r>'


def _code(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'


def _form(tmp: Path, score: str, total: str = "") -> Path:
    """A small 自评表 whose last indicator's 得分 cell holds `score` (runs), and a 合计 row whose 得分 holds `total`."""
    rows = [plain_row(*FORM_HEAD), *(plain_row(*r) for r in ROWS),
            tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")), tc(score))]
    if total:
        rows.append(tr(tc(run("合计")), tc(run("100")), tc(run("")), tc(run("")), tc(total)))
    return write_docx(tmp / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows))


def _import(tmp: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["import", str(path), "--out", str(tmp / "out")])
    written = sorted((tmp / "out").rglob("*.yaml"))
    return code, capsys.readouterr().out, written[0].read_text(encoding="utf-8") if written else ""


NESTED = (_mark("begin") + _code(" IF ") + _mark("begin") + _code(" =1 ") + _mark("separate") + run("1") + _mark("end")
          + _code(' = 1 "30" "0" ') + _mark("separate") + run("30") + _mark("end"))
"""{ IF { =1 } = 1 "30" "0" }: the inner field's result 「1」 is part of the outer field's code."""


def test_a_nested_fields_result_inside_a_fields_code_is_not_read(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _, out, text = _import(tmp_path, _form(tmp_path, NESTED), capsys)
    assert "score: 30\n" in text and "130" not in text and "130" not in out


def test_a_field_without_a_result_shows_nothing_and_its_code_is_never_read() -> None:
    from docx.oxml import parse_xml
    from raw_office import NAMESPACES

    from perfsite.importing.docx_reader import paragraph_text

    declared = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    unresulted = _mark("begin") + _code(" = ") + _mark("begin") + _code(" PAGE ") + _mark("separate") + run("7") + \
        _mark("end") + _code(" * 10 ") + _mark("end")  # { = { PAGE } * 10 }, never updated: Word shows nothing
    stray = _mark("separate") + _mark("end")  # marks with no field open: ignored
    p = parse_xml(f"<w:p {declared}>{run('得分')}{unresulted}{stray}{run('分')}</w:p>")
    assert paragraph_text(p) == "得分分"


@pytest.mark.parametrize("dirty", [' w:dirty="true"', ""])
@pytest.mark.parametrize("simple", [True, False])
def test_a_sum_field_the_file_marks_out_of_date_refuses_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 dirty: str, simple: bool) -> None:
    """A program filled the template and left the 合计 =SUM(ABOVE) marked dirty beside the template's 0:
    Word asks to update it on opening and shows 100; the 0 saved is never published."""
    total = (f'<w:fldSimple w:instr=" =SUM(ABOVE) "{dirty}>{run("0")}</w:fldSimple>' if simple
             else _mark("begin", dirty) + _code(" =SUM(ABOVE) ") + _mark("separate") + run("0") + _mark("end"))
    code, out, text = _import(tmp_path, _form(tmp_path, run("30"), f"<w:p>{total}</w:p>"), capsys)
    if dirty:
        assert (code, text) == (1, "")
        assert "表1第5行第5列「0」中的域（=SUM(ABOVE)）：文件标明这些域的结果已过时" in out and "按 F9 更新域" in out
    else:  # a result Word saved is what it shows and prints; the clerk is told it is a formula's, and how to update it
        assert "公布总分：0" in out and "表1第5行第5列「0」（=SUM(ABOVE)）：这些格子里是 Word 的公式（域）" in out
        assert "全选（Ctrl+A）后按 F9 更新域" in out


PROMPT = '<w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent>'
GLOSSARY = ('<w:glossaryDocument xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docParts>'
            '<w:docPart><w:docPartPr><w:name w:val="实际值提示"/></w:docPartPr><w:docPartBody><w:p><w:r>'
            '<w:t>请填写实际完成值</w:t></w:r></w:p></w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>')
"""A template's own placeholder, kept where Word keeps it: a building block of the document's glossary."""


def with_glossary(path: Path, glossary: str = GLOSSARY) -> Path:
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", b'<Relationship Id="rIdG" Type="http://schemas.openxmlformats.org/'
                                      b'officeDocument/2006/relationships/glossaryDocument" Target="glossary/document.xml"/>'
                                      b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/glossary/document.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.document.glossary+xml"/></Types>')
    parts["word/glossary/document.xml"] = glossary.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


@pytest.mark.parametrize(("cell", "shown"), [
    (f"<w:p><w:sdt>{PROMPT.format(run('单击或点击此处输入文字。'))}</w:sdt></w:p>", ""),  # Word's own prompt, in the paragraph
    (f"<w:sdt>{PROMPT.format('<w:p>' + run('请填写实际完成值') + '</w:p>')}</w:sdt>", ""),  # the template's, around it
    (f"<w:sdt>{PROMPT.format('<w:p>' + run('92%') + '</w:p>')}</w:sdt>", "92%"),  # marked, but filled by a program
    (f"<w:p><w:sdt><w:sdtPr/><w:sdtContent>{run('92%')}</w:sdtContent></w:sdt></w:p>", "92%"),  # typed over: read
])
def test_a_content_controls_placeholder_is_read_as_the_empty_field(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  cell: str, shown: str) -> None:
    rows = [plain_row(*FORM_HEAD), *(plain_row(*r) for r in ROWS),
            tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%")), tc(cell), tc(run("30")))]
    path = with_glossary(write_docx(tmp_path / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows)))
    _, out, text = _import(tmp_path, path, capsys)
    satisfaction = text.split("name: 满意度", 1)[1]
    assert (f'actual: "{shown}"' in satisfaction if shown else "actual: " not in satisfaction), text
    if not shown:
        prompt = "单击或点击此处输入文字。" if "单击" in cell else "请填写实际完成值"
        assert f"表1第4行第4列「{prompt}」：这些是模板中内容控件的提示文字" in out and "按空白导入" in out
        assert prompt not in text
    else:
        assert "提示文字" not in out


def test_a_damaged_glossary_refuses_a_form_whose_controls_show_placeholders(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the glossary, 「请填写实际完成值」 marked as a placeholder reads as a value a program filled in."""
    cell = f"<w:sdt>{PROMPT.format('<w:p>' + run('请填写实际完成值') + '</w:p>')}</w:sdt>"
    rows = [plain_row(*FORM_HEAD), *(plain_row(*r) for r in ROWS),
            tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%")), tc(cell), tc(run("30")))]
    path = with_glossary(write_docx(tmp_path / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows)),
                          GLOSSARY[:-40])
    code, out, _ = _import(tmp_path, path, capsys)
    assert code == 1 and "模板词库「word/glossary/document.xml」已损坏" in out, out


def _box(state: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
            f'<w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
            + _code(" FORMCHECKBOX ") + _mark("end"))


@pytest.mark.parametrize(("state", "glyph"), [
    ('<w:default w:val="1"/>', "☑"), ('<w:default w:val="0"/>', "☐"), ("<w:default/>", "☑"),
    ('<w:default w:val="0"/><w:checked/>', "☑"), ('<w:default w:val="1"/><w:checked w:val="0"/>', "☐"),
])
def test_an_old_style_check_box_reads_as_the_box_word_draws(state: str, glyph: str) -> None:
    """「达到预期 ☑是 ☐否」 with Word 97's check boxes: the fields hold no text, and read as nothing the
    choice was lost (「是 否」)."""
    from docx.oxml import parse_xml
    from raw_office import NAMESPACES

    from perfsite.importing.docx_reader import paragraph_text

    declared = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    other = _box('<w:default w:val="1"/>' if glyph == "☐" else '<w:default w:val="0"/>')
    p = parse_xml(f"<w:p {declared}>{_box(state)}{run('是 ')}{other}{run('否')}</w:p>")
    assert paragraph_text(p) == f"{glyph}是 {'☑' if glyph == '☐' else '☐'}否"


M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def _m(text: str) -> str:
    return f"<m:r><m:t>{text}</m:t></m:r>"


@pytest.mark.parametrize(("math", "shown"), [
    (_m("得分=") + f"<m:f><m:num>{_m('实际完成数')}</m:num><m:den>{_m('计划数')}</m:den></m:f>" + _m("×分值"),
     "得分=实际完成数/计划数×分值"),
    (f"<m:f><m:num>{_m('实际数-计划数')}</m:num><m:den>{_m('计划数')}</m:den></m:f>", "(实际数-计划数)/计划数"),
    (f"<m:d><m:e>{_m('1-偏差率')}</m:e></m:d>" + _m("×20"), "(1-偏差率)×20"),
    (f'<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val="]"/></m:dPr><m:e>{_m("a")}</m:e><m:e>{_m("b")}</m:e></m:d>',
     "[a|b]"),
])
def test_an_equation_reads_as_the_text_word_draws(math: str, shown: str) -> None:
    """The 评分标准 typed with Word's 「插入 → 公式」 (OMML: ``m:t``, not ``w:t``) read as nothing."""
    from docx.oxml import parse_xml
    from raw_office import NAMESPACES

    from perfsite.importing.docx_reader import paragraph_text

    declared = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    p = parse_xml(f"<w:p {declared} {M}>{run('评分：')}<m:oMath>{math}</m:oMath></w:p>")
    assert paragraph_text(p) == f"评分：{shown}"


@pytest.mark.parametrize(("code", "refused"), [(" =SUM(Table1 C5) ", True), (" REF total ", True),
                                               (' TOC \\o "1-3" ', False), (" PAGE ", False)])
def test_a_paragraphs_figure_the_file_marks_out_of_date_refuses_it_a_contents_field_does_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], code: str, refused: bool) -> None:
    """「本项目自评得分 { =… } 分」 marked dirty beside an old 0 is a figure Word changes on opening; a
    table of contents or a page number a generator marks dirty for Word to fill in is no figure."""
    field = _mark("begin", ' w:dirty="true"') + _code(code) + _mark("separate") + run("0") + _mark("end")
    body = (para("示例项目2023年度绩效自评表") + f"<w:p>{run('本项目自评得分')}{field}{run('分。')}</w:p>"
            + tbl(plain_row(*FORM_HEAD), *(plain_row(*r) for r in ROWS), plain_row("满意度", "30", "≥90%", "92%", "30")))
    code_, out, _ = _import(tmp_path, write_docx(tmp_path / "r.docx", body), capsys)
    if refused:
        assert code_ == 1 and "第2段「本项目自评得分0分。」中的域" in out and "更新域" in out
    else:
        assert "更新域" not in out


def _updating_fields(path: Path) -> Path:
    """`path` with its settings asking Word to update every field on opening (``w:updateFields``)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    settings = parts["word/settings.xml"].decode()
    head, _, rest = settings.partition("<w:settings")
    opening, _, body = rest.partition(">")
    parts["word/settings.xml"] = f'{head}<w:settings{opening}><w:updateFields w:val="true"/>{body}'.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


@pytest.mark.parametrize(("total", "refused"), [
    (f'<w:p><w:fldSimple w:instr=" =SUM(ABOVE) ">{run("0")}</w:fldSimple></w:p>', True),
    (f"<w:p>{run('100')}</w:p>", False),  # no field: nothing Word would change
])
def test_a_document_set_to_update_every_field_on_opening_refuses_a_figure_that_is_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], total: str, refused: bool) -> None:
    """A generator's settings ask Word to update every field on opening (``w:updateFields``): the 0 saved
    as the 合计 of =SUM(ABOVE) is what the generator left, not the 100 Word shows."""
    toc = _mark("begin") + _code(' TOC \\o "1-3" ') + _mark("separate") + run("目录") + _mark("end")
    rows = [plain_row(*FORM_HEAD), *(plain_row(*r) for r in ROWS), plain_row("满意度", "30", "≥90%", "92%", "30"),
            tr(tc(run("合计")), tc(run("100")), tc(run("")), tc(run("")), tc(total))]
    body = para("示例项目2023年度绩效自评表") + f"<w:p>{toc}</w:p>" + tbl(*rows)
    code, out, _ = _import(tmp_path, _updating_fields(write_docx(tmp_path / "r.docx", body)), capsys)
    if refused:
        assert code == 1 and "表1第5行第5列「0」中的域（=SUM(ABOVE)）" in out and "文件设置了打开时更新全部域" in out
    else:
        assert "更新域" not in out  # the table of contents Word fills in is no figure


def test_libreoffice_saving_a_document_with_out_of_date_fields_keeps_the_old_results(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], office: str) -> None:  # noqa: F811
    """The refusal sends its clerk to Word's F9: LibreOffice drops the marks (``w:dirty``,
    ``w:updateFields``) when it saves, without updating the fields, so the 0 saved as the 合计 of
    =SUM(ABOVE) would come back as a result no reader can doubt. The refusal says not to use it."""
    import zipfile

    total = _mark("begin", ' w:dirty="true"') + _code(" =SUM(ABOVE) ") + _mark("separate") + run("0") + _mark("end")
    path = _updating_fields(_form(tmp_path, run("30"), f"<w:p>{total}</w:p>"))
    code, out, _ = _import(tmp_path, path, capsys)
    assert code == 1 and "按 F9 更新域" in out and "不要用 LibreOffice" in out
    with zipfile.ZipFile(lo_convert(office, path, "docx", tmp_path / "lo")) as z:
        body, settings = z.read("word/document.xml").decode(), z.read("word/settings.xml").decode()
    assert "=SUM(ABOVE)" in body and "w:dirty" not in body and "updateFields" not in settings
    assert '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr></w:rPr><w:t>0</w:t>' in body  # the old result
