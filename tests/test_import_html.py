"""Forms published as web pages or exported as HTML/Excel 2003 XML with an Office extension import as
their .docx/.xlsx do (the same YAML), read directly (no LibreOffice).

Every transcribed form of tests/forms/ is written as a web page (`pdf_makers.form_html`, Word's and
Excel's 「网页」 exports, a 政府信息公开 page with the form in its layout table: `html_makers`), as
the same page named .xls (a finance system's 「Excel」), as a .mht and as Excel 2003 XML (.xml and
.xls), and each must write exactly the YAML the .docx (titles above the table) or the .xlsx (titles
in the sheet) of the same form writes. Then what the browser does not show is not read, charsets
are found or guessed and said, and hostile pages are refused.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

import pytest
from forms.make import forms, load_form, write_docx, write_xlsx
from html_makers import as_mht, excel_html, form_ss2003, portal_html, word_html
from pdf_makers import form_html

from perfsite.cli import main
from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import ABOVE, LEFT, OWN, Grid
from perfsite.importing.html_reader import MAX_CELLS, decode_page, page_blocks, read_html
from perfsite.importing.sniff import HTML, OLD, ImportFailure, sniff, text_kind

FOLDERS = forms()
CASES = {
    # name: (file suffix, the page's bytes of the form, the Office file it must import as)
    "collapse": (".html", lambda f: form_html(f, "collapse").encode(), "docx"),
    "word-gb2312": (".htm", lambda f: word_html(f).encode("gb18030"), "docx"),
    "excel": (".html", lambda f: excel_html(f).encode(), "xlsx"),
    "portal": (".html", lambda f: portal_html(form_html(f, "boxes")).encode(), "docx"),
    "html-as-xls": (".xls", lambda f: form_html(f, "shaded").encode(), "docx"),
    "word-as-doc": (".doc", lambda f: word_html(f).encode("gb18030"), "docx"),
    "mht": (".mht", lambda f: as_mht(word_html(f).encode("gb18030"), "gb2312"), "docx"),
    "ss2003": (".xml", lambda f: form_ss2003(f).encode(), "xlsx"),
    "ss2003-as-xls": (".xls", lambda f: form_ss2003(f).encode(), "xlsx"),
}


def _imported(path: Path, out: Path, year: bool) -> tuple[dict[str, str], str]:
    """The files `perfsite import` writes of `path` (the source's extension masked), and what it says."""
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(path), "--out", str(out), *(["--year", "2099"] if year else [])])
    masked = re.escape(path.stem) + r"\.\w+"
    return {f.relative_to(out).as_posix(): re.sub(masked, f"{path.stem}.EXT", f.read_text(encoding="utf-8"))
            for f in sorted(out.rglob("*")) if f.is_file()}, shown.getvalue()


def _grouped(text: str) -> str:
    """Excel's web page shows the thousands separators of a ``#,##0.00`` cell, as printed (and as a
    Word table types them); the .xlsx reader reads the number without them: the same figure."""
    return re.sub(r'"(\d{1,3}(?:,\d{3})+(?:\.\d+)?)"', lambda m: m[1].replace(",", ""), text)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, str]]:
    """(form folder name, 'docx'/'xlsx') → what importing the form's Office file writes."""
    made = {}
    for folder in FOLDERS:
        form = load_form(folder)
        tmp = tmp_path_factory.mktemp(folder.name)
        for kind, write in (("docx", write_docx), ("xlsx", write_xlsx)):
            path = write(form, tmp / kind / f"{form.file}.{kind}") if (tmp / kind).mkdir() is None else None
            made[(folder.name, kind)] = _imported(path, tmp / f"out-{kind}", _no_year(folder))[0]
    return made


def _no_year(folder: Path) -> bool:
    return "\nyear:" not in (folder / "golden.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_a_form_as_a_web_page_imports_as_its_office_file(folder: Path, case: str, office, tmp_path: Path) -> None:
    suffix, make, like = CASES[case]
    form = load_form(folder)
    path = tmp_path / f"{form.file}{suffix}"
    path.write_bytes(make(form))
    got, said = _imported(path, tmp_path / "out", _no_year(folder))
    want = office[(folder.name, like)]
    if case == "excel":
        got, want = ({k: _grouped(v) for k, v in files.items()} for files in (got, want))
    assert got == want, said
    assert "LibreOffice" not in said
    if suffix in (".xls", ".doc"):
        what = "网页表格，已按网页读取" if like == "docx" or case == "excel" else " Excel 2003 XML 表格，已按 Excel 2003 XML 读取"
        assert f"扩展名是 {suffix}，内容是{what}" in said, said


def _grid(page: str) -> tuple[list[Grid], list[str]]:
    blocks = page_blocks(page)
    return [b for b in blocks if isinstance(b, Grid)], [b.text for b in blocks if isinstance(b, Para)]


def _texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.rows]


def test_spans_become_merges_and_lines_break_at_br_and_paragraphs() -> None:
    grids, paras = _grid("<h1>标题&nbsp;一</h1><table><tr><td rowspan=2 colspan=2>产出<br>指标</td><td>A"
                         "<tr><td><p>第一段</p><p>第二段</p></td></table>")
    assert paras == ["标题 一"]
    assert _texts(grids[0]) == [["产出\n指标", "产出\n指标", "A"], ["产出\n指标", "产出\n指标", "第一段\n第二段"]]
    assert [[c.merged for c in row] for row in grids[0].rows] == [[OWN, LEFT, OWN], [ABOVE, ABOVE, OWN]]
    assert grids[0].rows[1][2].ref == "第2行第3列" and grids[0].before == "标题 一"


def test_a_caption_and_text_between_rows_stand_above_the_table() -> None:
    grids, paras = _grid("<table><caption>项目支出绩效自评表</caption><tr><td>甲</td></tr>（2023年度）<tr><td>乙</td></tr>"
                         "<div style='display:none'>旧表头</div></table>")
    assert paras == ["项目支出绩效自评表", "（2023年度）"] and _texts(grids[0]) == [["甲"], ["乙"]]
    assert grids[0].before == "（2023年度）"


def test_what_the_browser_does_not_show_is_not_read() -> None:
    page = ("<style><!--.gone{display:none} #old{visibility:hidden} @media print{.noprint{display:none}}--></style>"
            "<script>document.write('<table><tr><td>脚本</td></tr></table>')</script>"
            "<table><tr><td>指标</td><td>分值</td></tr>"
            "<tr style='display:none'><td>删去的指标</td><td>10</td></tr>"
            "<tr class=gone><td>隐藏类</td><td>5</td></tr>"
            "<tr><td>保留</td><td><span id=old>90</span>95<input type=hidden value=80></td></tr>"
            "<tr><td class=noprint>屏幕上可见</td><td hidden>x</td></tr></table>"
            "<!-- <p>注释</p> --><template><p>模板</p></template><noscript>无脚本</noscript>"
            "<p><a href='javascript:window.print()'>【打印本页】</a></p>")
    grids, paras = _grid(page)
    assert _texts(grids[0]) == [["指标", "分值"], ["保留", "95"], ["屏幕上可见", ""]]
    assert len(grids) == 1 and paras == []


def test_a_hidden_column_is_left_out_and_named_and_the_columns_beside_it_keep_their_places() -> None:
    """Excel's web page hides a column on its <col> and on each of its cells; a hand-written page
    hides one cell: its place stays (the 得分 stays under 得分)."""
    grids, _ = _grid("<table><col><col style='display:none'><col><col>"
                     "<tr><td>指标</td><td style='display:none'>去年得分</td><td>分值</td><td>得分</td></tr>"
                     "<tr><td>满意度</td><td style='display:none'>8</td><td style='display:none'>作废</td><td>9</td></tr>"
                     "<tr style='display:none'><td>删去的指标</td><td>1</td><td>2</td><td>3</td></tr></table>")
    assert _texts(grids[0]) == [["指标", "分值", "得分"], ["满意度", "", "9"]]
    assert grids[0].rows[1][2].ref == "第2行第3列"
    [note] = grids[0].notes
    assert "「去年得分」" in note and "「作废」" in note and "「删去的指标」" in note and "没有导入" in note


def test_the_form_is_the_innermost_table_of_a_layout() -> None:
    grids, paras = _grid("<table><tr><td><a href='/'>首页</a> &gt; <a href='/x'>公开</a> &gt; 绩效</td></tr>"
                         "<tr><td><p>2023年度项目支出绩效自评表</p><table><tr><td>项目名称</td><td>甲</td></tr></table>"
                         "</td></tr></table>")
    assert [_texts(g) for g in grids] == [[["项目名称", "甲"]]]
    assert paras == ["2023年度项目支出绩效自评表"]  # the breadcrumb is the site's, not the page's


def test_excel_web_page_reads_the_shown_text_not_the_stored_number() -> None:
    grids, _ = _grid("<table><tr><td x:num='0.955' class=xl66>95.50%</td><td x:num x:fmla='=A1'>1,200.00</td></tr></table>")
    assert _texts(grids[0]) == [["95.50%", "1,200.00"]]


@pytest.mark.parametrize(("raw", "text", "said"), [
    ("<meta charset=gbk><p>绩效</p>".encode("gbk"), "绩效", ""),
    ("<meta http-equiv=Content-Type content='text/html; charset=gb2312'><p>镕</p>".encode("gb18030"), "镕", ""),
    ("<p>绩效</p>".encode("gb18030"), "绩效", "没有声明字符编码，已按 GB18030"),
    ("<p>绩效</p>".encode(), "绩效", ""),
    (b"\xef\xbb\xbf<meta charset=gbk><p>" + "绩效".encode(), "绩效", ""),
    ("<meta charset=gb2312><p>绩效</p>".encode(), "绩效", "声明的字符编码「gb2312」与内容不符，已按 UTF-8"),
    ("\ufeff<p>绩效</p>".encode("utf-16-le"), "绩效", ""),
])
def test_charset_from_the_mark_the_declaration_or_a_guess_that_is_said(raw: bytes, text: str, said: str) -> None:
    decoded, note = decode_page(raw)
    assert text in decoded
    assert (said in note) if said else note == ""


def test_mht_base64_part_with_its_own_charset(tmp_path: Path) -> None:
    page = "<table><tr><td>项目名称</td><td>乙</td></tr></table>".encode("gb18030")
    path = tmp_path / "表.mht"
    path.write_bytes(as_mht(page, "gb2312", "base64"))
    blocks, _ = read_html(path)
    assert [_texts(b) for b in blocks if isinstance(b, Grid)] == [[["项目名称", "乙"]]]


def test_an_excel_mht_reads_its_sheets_not_its_frame_set_or_tabs(tmp_path: Path) -> None:
    """Excel's 「单个文件网页」: a frame set, the sheet tabs and one page per sheet."""
    def part(where: str, body: str) -> bytes:
        return (f"--B\r\nContent-Location: file:///C:/x/{where}\r\nContent-Transfer-Encoding: 8bit\r\n"
                f"Content-Type: text/html; charset=\"utf-8\"\r\n\r\n{body}\r\n").encode()
    path = tmp_path / "表.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n"
                     + part("表.htm", "<html><frameset rows='*,39'><frame src='sheet001.htm'></frameset></html>")
                     + part("表.files/sheet001.htm", "<table><tr><td>项目名称</td><td>丙</td></tr></table>")
                     + part("表.files/tabstrip.htm", "<table><tr><td><a href=sheet001.htm>Sheet1</a></td></tr></table>")
                     + b"--B--\r\n")
    blocks, _ = read_html(path)
    assert [_texts(b) for b in blocks if isinstance(b, Grid)] == [[["项目名称", "丙"]]]


def test_sniff_reads_web_pages_and_2003_xml_and_still_converts_rtf(tmp_path: Path) -> None:
    cases = {"a.html": b"<p>x</p><table></table>", "a.xls": b"<html><table></table></html>",
             "a.docx": b"<!doctype html><table></table>",
             "a.xml": b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook/>',
             "b.xls": b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook/>',
             "a.doc": b"{\\rtf1\\ansi hello}"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert {name: sniff(tmp_path / name) for name in cases} == {
        "a.html": "html", "a.xls": "html", "a.docx": "html", "a.xml": "ss2003", "b.xls": "ss2003", "a.doc": "old"}
    (tmp_path / "c.xml").write_bytes(b"<?xml version='1.0'?><config/>")
    with pytest.raises(ImportFailure, match="内容却不是 Excel 2003 XML"):
        sniff(tmp_path / "c.xml")


@pytest.mark.parametrize("suffix", sorted(OLD))
@pytest.mark.parametrize("page", [b"<html><table></table></html>", b"\xef\xbb\xbf  <!DOCTYPE html><table>",
                                  b"<!-- export -->\n<HTML>", "<html>".encode("utf-16-le").join([b"\xff\xfe", b""]),
                                  b"<table><tr><td>1"], ids=["html", "bom-doctype", "comment", "utf16", "fragment"])
def test_a_web_page_under_an_old_office_name_is_read_directly_never_converted(tmp_path: Path, suffix: str,
                                                                              page: bytes) -> None:
    """Whatever `text_kind` calls a web page is read by the web page reader, however it is named: no
    such file reaches LibreOffice (`convert.converted` runs only where `sniff` says 'old')."""
    path = tmp_path / f"a{suffix}"
    path.write_bytes(page)
    assert text_kind(path) == HTML and sniff(path) == "html"


CLASSED = ("<table><tr><td>三级指标</td><td>得分</td></tr><tr><td>满意度</td><td class=xl70>26"
           "<span class='old fix'>30</span></td></tr></table>")


@pytest.mark.parametrize(("head", "named"), [
    ("<link rel=stylesheet href='/css/site.css?v=3'>", "「/css/site.css?v=3」"),
    ("<style>@import url(\"print.css\"); td{padding:2px}</style><LINK REL=Stylesheet HREF=a.css>", "「print.css」、「a.css」"),
])
def test_classed_cells_under_a_style_sheet_out_of_reach_are_named(head: str, named: str) -> None:
    """The sheet may hide 「30」 (``.old{display:none}``) or whiten it: the page as read cannot tell."""
    grids, _ = _grid(head + CLASSED)
    assert _texts(grids[0])[1] == ["满意度", "2630"]
    assert any(f"网页引用了外部样式表{named}（导入时不联网，读不到其中的规则），网页表1中第2行第2列「2630」"
               "（class「xl70 old fix」）带有样式类" in n for n in grids[0].notes), grids[0].notes


@pytest.mark.parametrize("page", [
    "<link rel=stylesheet href=site.css><table><tr><td>得分</td><td style='color:red'>26</td></tr></table>",
    "<style>.x{color:red}</style>" + CLASSED,
])
def test_no_class_or_no_sheet_out_of_reach_no_note(page: str) -> None:
    grids, _ = _grid(page)
    assert not any("外部样式表" in n for n in grids[0].notes), grids[0].notes


def test_a_style_sheet_held_in_the_mht_is_read_as_the_pages_own(tmp_path: Path) -> None:
    """Excel's 「单个文件网页」 keeps its cells' classes in a stylesheet.css part: that sheet is in the
    file, and its white 「30」 is judged as a <style> rule's would be."""
    page = ("<html><head><link rel=Stylesheet href=\"form.files/stylesheet.css\"></head><body>"
            "<p>示例项目2023年度绩效自评表</p>" + CLASSED + "</body></html>")
    path = tmp_path / "自评表.mht"
    path.write_bytes(as_mht(page.encode(), "utf-8", css=b".old{color:white} .xl70{font-weight:700}"))
    blocks, _ = read_html(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    assert _texts(grid)[1] == ["满意度", "26"]
    said = "\n".join(grid.notes)
    assert "「30」（文字是白色的，底色也是白色）" in said and "外部样式表" not in said, said


def test_a_page_of_huge_spans_is_refused() -> None:
    rows = "".join("<tr><td colspan=1000>x</td></tr>" for _ in range(MAX_CELLS // 1000 + 1))
    with pytest.raises(ImportFailure, match="不像一份自评表"):
        page_blocks(f"<table>{rows}</table>")


def test_deeply_nested_elements_are_read_without_exhausting_the_stack() -> None:
    grids, paras = _grid("<p>标题</p>" + "<div>" * 5000 + "正文" + "</div>" * 5000 + "<table><tr><td>甲</td></tr></table>")
    assert paras == ["标题", "正文"] and [_texts(g) for g in grids] == [[["甲"]]]


def test_a_page_without_a_table_is_refused_with_its_words(tmp_path: Path) -> None:
    path = tmp_path / "自评.html"
    path.write_text("<p>本单位2023年度自评情况如下</p><img src=form.png>", encoding="utf-8")
    with pytest.raises(ImportFailure, match="网页中没有任何表格"):
        read_html(path)


def test_a_system_export_of_many_programmes_as_a_web_page_or_2003_xml_named_xls(tmp_path: Path) -> None:
    """A finance system's 汇总表 handed in as an HTML table or a 2003 XML workbook named .xls is found to
    be an export and read as one, directly (LibreOffice converted it, and where it was missing the
    export was refused), writing what the same export as .xlsx writes."""
    from test_import_bulk import HEAD, ROWS, xlsx

    rows = [HEAD, *ROWS]
    page = "<table>" + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows) + "</table>"
    cells = "".join("<Row>" + "".join(f'<Cell><Data ss:Type="String">{cell}</Data></Cell>' for cell in row) + "</Row>"
                    for row in rows)
    book = ('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
            f' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="明细"><Table>{cells}</Table></Worksheet></Workbook>')
    (tmp_path / "x").mkdir()
    want, _ = _imported(xlsx(tmp_path / "x" / "导出.xlsx", rows), tmp_path / "out-xlsx", False)
    assert len([name for name in want if name.endswith(".yaml")]) == 2
    for name, data in (("html", page), ("xml", book)):
        (tmp_path / name).mkdir()
        path = tmp_path / name / "导出.xls"
        path.write_text(data, encoding="utf-8")
        got, said = _imported(path, tmp_path / f"out-{name}", False)
        if name == "html":  # a page's table is 「表1」 where the workbook's sheet is 「工作表「明细」」
            got = {k: v.replace("（表1第", "（工作表「明细」第") for k, v in got.items()}
        assert got == want, said
        assert "LibreOffice" not in said


def test_an_evaluation_report_as_a_web_page_named_doc_publishes_no_web_page_as_its_original(tmp_path: Path) -> None:
    """A report is published with its original, a PDF or DOCX: a web page named .doc (which LibreOffice
    once made into the .docx published) is read directly and is no original; read as a report it
    was written beside the YAML as 「…-pingjia.doc」, a web page under a Word name."""
    import sys

    reports = Path(__file__).resolve().parent / "forms_reports"
    sys.path.insert(0, str(reports))
    from make import make

    from perfsite.importing.docx_reader import read_docx

    blocks, _ = read_docx(make(next(reports.glob("r03-*")), tmp_path / "made"))  # 资阳: a finance review with its table
    page = "".join(f"<p>{html.escape(b.text)}</p>" if isinstance(b, Para) else
                   "<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c.own)}</td>" for c in row) + "</tr>"
                                       for row in b.rows) + "</table>" for b in blocks)
    path = tmp_path / "评价报告.doc"
    path.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(path), "--out", str(tmp_path / "out"), "--year", "2021"])
    assert not [f for f in (tmp_path / "out").rglob("*") if f.suffix == ".doc"], shown.getvalue()


SCORES = ("<table><tr><td>一级指标</td><td>三级指标</td><td>分值</td><td>得分</td></tr>"
          "<tr><td>产出指标</td><td>完成率</td><td>50</td><td>45</td></tr>"
          "<tr><td>效益指标</td><td>满意度</td><td>50</td><td>40</td></tr></table>")
"""An evaluation's score table, which reads as a 自评's indicators."""


@pytest.mark.parametrize(("report", "name", "table"), [
    ("r01-*", "评价报告.html", ""),      # no table: 「网页中没有任何表格……请索取自评表」
    ("r03-*", "评价报告.htm", ""),       # its own table: 「没有找到绩效指标表」
    ("r03-*", "评价报告.html", SCORES),  # with a score table: imported as a 自评 of the programme
    ("r01-*", "评价报告.docx", SCORES),  # a system's web page under a Word name
])
def test_an_evaluation_report_as_a_web_page_is_named_a_report(tmp_path: Path, report: str, name: str, table: str) -> None:
    """Recognised as the .docx would be, and refused: its original would be a web page, which the site
    does not publish; nor is its score table a 自评."""
    import sys

    reports = Path(__file__).resolve().parent / "forms_reports"
    sys.path.insert(0, str(reports))
    from make import make

    from perfsite.importing.docx_reader import read_docx

    blocks, _ = read_docx(make(next(reports.glob(report)), tmp_path / "made"))
    page = "".join(f"<p>{html.escape(b.text)}</p>" if isinstance(b, Para) else
                   "<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c.own)}</td>" for c in row) + "</tr>"
                                       for row in b.rows) + "</table>" for b in blocks)
    path = tmp_path / name
    path.write_text(f"<html><body>{page}{table}</body></html>", encoding="utf-8")
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        code = main(["import", str(path), "--out", str(tmp_path / "out"), "--year", "2021"])
    assert code == 1 and not (tmp_path / "out").exists(), shown.getvalue()
    assert "这是一份绩效评价报告" in shown.getvalue() and "但文件是网页" in shown.getvalue(), shown.getvalue()


def test_text_the_colour_of_its_ground_or_of_no_size_is_left_out_and_named() -> None:
    """A clerk whitens the old figure rather than delete it (as in Excel and PDF): the page shows
    「26」 alone, and 「2630」 was read. Colour by style attribute, <style> rule, <font color> and
    inherited; the ground is the nearest background (a cell's, a row's ``bgcolor``, the page's white)."""
    page = ("<style>.old{color:#FFF} td.gone{font-size:0} #faint{color:#F2F2F2}</style>"
            "<p style='color:white'>旧标题</p><p>自评表</p>"
            "<table><tr><td>得分</td><td>26<span style='color:#fff'>30</span></td><td class=old>旧</td>"
            "<td><font color=white>90%</font>95%</td><td class=gone>8</td><td><span id=faint>x</span>y</td></tr>"
            "<tr bgcolor='#FFFF00'><td><font color=yellow>黄</font>白<span style='color:white'>见</span></td>"
            "<td style='background:#000;color:white'>黑底白字</td><td style='color:white'><b>继承</b></td>"
            "<td style='font-size:0'><span style='font-size:12pt'>大</span>零</td><td style='color:windowtext'>常</td>"
            "<td style='font-size:1px'>小</td></tr></table>")
    grids, paras = _grid(page)
    assert paras == ["自评表"]
    assert _texts(grids[0]) == [["得分", "26", "", "95%", "", "y"], ["白见", "黑底白字", "继承", "大", "常", ""]]
    said = "\n".join(grids[0].notes)
    assert "网页正文中有网页上看不见的文字：「旧标题」（文字是白色的，底色也是白色）" in said
    assert ("网页表1中有网页上看不见的文字：「30」（文字是白色的，底色也是白色）「旧」（文字是白色的，底色也是白色）"
            "「90%」（文字是白色的，底色也是白色）「8」（字号为 0）「x」（文字是白色的，底色也是白色）等 8 处") in said


@pytest.mark.parametrize("page", [
    "<style>.head td{background:#1F4E79}</style><table><tr class=head><td style='color:#fff'>指标</td></tr></table>",
    "<link rel=stylesheet href=form.css><table><tr><td style='color:#fff'>指标</td></tr></table>",
    "<body bgcolor=black text=white><table><tr><td>指标</td></tr></table>",
    "<table><tr style='background:#000'><td>指标</td></tr></table>",        # no colour set: drawn as the browser's
])
def test_text_is_judged_unseen_only_by_colours_the_reader_knows(page: str) -> None:
    """White text on a header a rule this reader does not match (or a style sheet it cannot read)
    makes dark, and text of no colour set, are read: only a colour the page is known to set is judged."""
    grids, _ = _grid(page)
    assert _texts(grids[0]) == [["指标"]] and not grids[0].notes
