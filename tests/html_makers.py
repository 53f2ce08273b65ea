"""A transcribed form (tests/forms/) as the web pages and Excel 2003 XML files systems publish and export.

- `form_html` (pdf_makers): a web page's table, the title rows as headings above it.
- `word_html`: Word's 「另存为 → 网页」 (mso- styles, each line a ``<p class=MsoNormal>`` ending in
  ``<o:p></o:p>``, ``<![if !supportLists]>`` marks, an ``<xml>`` block in a conditional comment),
  in GB2312 as a Chinese Word writes it.
- `excel_html`: Excel's 「另存为 → 网页」: the whole sheet one table (titles in merged rows), each
  number's value in ``x:num`` beside the text it shows, ``mso-number-format`` classes.
- `portal_html`: a 政府信息公开 article page: the form inside a layout table with the site's menu,
  ``&nbsp;`` and ``<font>``, a 「打印本页」 link, a script, and text hidden by style rules.
- `form_ss2003`: Excel 2003 XML (「XML 电子表格 2003」), numbers typed with their number formats.
- `as_mht`: a page as a 「单个文件网页」 (.mht): a MIME archive, the page quoted-printable or base64.
"""

from __future__ import annotations

import base64
import html
import quopri
from decimal import Decimal

from forms.make import Form, _typed, title_rows


def _spans(form: Form) -> tuple[set[tuple[int, int]], dict[tuple[int, int], tuple[int, int]]]:
    covered = {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    return covered, {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in form.merges}


def _attrs(spans: dict[tuple[int, int], tuple[int, int]], r: int, c: int) -> str:
    down, across = spans.get((r, c), (1, 1))
    return (f" rowspan={down}" if down > 1 else "") + (f" colspan={across}" if across > 1 else "")


def word_html(form: Form) -> str:
    """Word's web page of the form's .docx: titles as centred paragraphs, the rest one table."""
    covered, spans = _spans(form)
    titles = title_rows(form)
    out = ["<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"",
           "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">",
           "<head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">",
           "<meta name=Generator content=\"Microsoft Word 15 (filtered)\"><title>自评表</title>",
           "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->",
           "<style><!-- p.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线}",
           "@page WordSection1{size:841.9pt 595.3pt;mso-page-orientation:landscape} div.WordSection1{page:WordSection1}",
           "--></style></head><body lang=ZH-CN style='text-justify-trim:punctuation'><div class=WordSection1>"]
    out += [f"<p class=MsoNormal align=center style='text-align:center'><span style='font-family:宋体'>"
            f"{_text(' '.join(t for t in row if t))}<o:p></o:p></span></p>" for row in form.rows[:titles]]
    out.append("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;"
               "border:none;mso-border-alt:solid windowtext .5pt'>")
    for r, row in enumerate(form.rows[titles:], start=titles):
        out.append(f" <tr style='mso-yfti-irow:{r}'>")
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            lines = text.split("\n") if text else [""]
            body = "".join(f"<p class=MsoNormal><span style='font-family:宋体;mso-bidi-font-family:宋体'>"
                           f"{_text(line) or '<o:p>&nbsp;</o:p>'}</span><o:p></o:p></p>" for line in lines)
            out.append(f"  <td width=80 valign=top{_attrs(spans, r, c)} style='width:60pt;border:solid windowtext 1.0pt;"
                       f"padding:0cm 5.4pt 0cm 5.4pt'>{body}</td>")
        out.append(" </tr>")
    out.append("</table><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></div></body></html>")
    return "\n".join(out)


def excel_html(form: Form) -> str:
    """Excel's web page of the form's .xlsx: every row in the one table, numbers as Excel shows them."""
    covered, spans = _spans(form)
    out = ["<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\"",
           "xmlns=\"http://www.w3.org/TR/REC-html40\"><head>",
           "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><meta name=ProgId content=Excel.Sheet>",
           "<style>.xl65{mso-number-format:\"0\\.00\";} .xl66{mso-number-format:Percent;} .xl67{mso-number-format:\"\\@\";}",
           "</style><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>",
           "<x:Name>Sheet1</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>",
           "<body link=blue vlink=purple><table border=0 cellpadding=0 cellspacing=0 width=900 "
           "style='border-collapse:collapse;table-layout:fixed'>",
           "<col width=72 span=12 style='width:54pt'>"]
    for r, row in enumerate(form.rows):
        out.append(" <tr height=19 style='height:14.25pt'>")
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            value, fmt = _typed(text) if text and (r, c) not in form.text_cells else (text, "@")
            if isinstance(value, int | float) and not isinstance(value, bool):
                number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
                cls = " class=xl66" if "%" in fmt else " class=xl65" if "." in fmt else ""
                out.append(f"  <td{_attrs(spans, r, c)}{cls} align=right x:num=\"{number.normalize()}\">{_text(text)}</td>")
            else:
                cls = " class=xl67 x:str" if text and (r, c) in form.text_cells else ""
                out.append(f"  <td{_attrs(spans, r, c)}{cls} style='white-space:normal'>{_text(text)}</td>")
        out.append(" </tr>")
    out.append("<![if supportMisalignedColumns]><tr height=0 style='display:none'><td width=72 style='width:54pt'></td>"
               "</tr><![endif]></table></body></html>")
    return "\n".join(out)


def portal_html(form_page: str) -> str:
    """A 政府信息公开 article page holding `form_page`'s body in its layout table."""
    body = form_page.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    return "\n".join([
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">",
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />",
        "<title>2023年度项目支出绩效自评表_政府信息公开</title>",
        "<style type=\"text/css\">.hide{display:none} #share{visibility:hidden} .nav td{font-size:12px}</style>",
        "<script type=\"text/javascript\">var _hmt = _hmt || []; document.write('<table><tr><td>广告</td></tr></table>');</script>",
        "</head><body>",
        "<table width=\"1000\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" class=\"nav\">",
        "<tr><td><a href=\"/\">首页</a>&nbsp;&gt;&nbsp;<a href=\"/zwgk/\">政务公开</a>&nbsp;&gt;&nbsp;预算绩效</td></tr>",
        "<tr><td valign=\"top\">",
        "<div class=\"hide\">旧版栏目：绩效目标表（已停用）</div>",
        "<p align=\"center\"><font size=\"2\" color=\"#666666\">发布日期：2024-05-10&nbsp;&nbsp;来源：本站</font></p>",
        body,
        "<div id=\"share\">分享到：微信 微博</div>",
        "<p align=\"right\"><a href=\"javascript:window.print()\">【打印本页】</a>&nbsp;<a href=\"javascript:window.close()\">【关闭窗口】</a></p>",
        "<noscript><table><tr><td>请启用脚本</td></tr></table></noscript>",
        "</td></tr></table>",
        "<!-- <table><tr><td>注释中的表格</td></tr></table> -->",
        "</body></html>"])


def form_ss2003(form: Form, sheet: str = "Sheet1") -> str:
    """The form's sheet as Excel writes 「XML 电子表格 2003」: empty cells skipped by ss:Index, merges by
    ss:MergeAcross/ss:MergeDown, numbers typed with a style's number format."""
    covered, spans = _spans(form)
    styles: dict[str, str] = {}
    rows = []
    for r, row in enumerate(form.rows):
        cells, following = [], 0
        for c, text in enumerate(row):
            if (r, c) in covered or (not text and (r, c) not in spans):
                continue
            down, across = spans.get((r, c), (1, 1))
            index = f" ss:Index=\"{c + 1}\"" if c != following else ""
            merge = (f" ss:MergeAcross=\"{across - 1}\"" if across > 1 else "") + (f" ss:MergeDown=\"{down - 1}\"" if down > 1 else "")
            value, fmt = _typed(text) if text and (r, c) not in form.text_cells else (text, "")
            style = ""
            if fmt and fmt != "General":
                style = f" ss:StyleID=\"s{styles.setdefault(fmt, str(len(styles) + 62))}\""
            if isinstance(value, int | float) and not isinstance(value, bool):
                number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
                data = f"<Data ss:Type=\"Number\">{number.normalize():f}</Data>"
            else:
                data = f"<Data ss:Type=\"String\">{html.escape(text).replace(chr(10), '&#10;')}</Data>" if text else ""
            cells.append(f"<Cell{index}{merge}{style}>{data}</Cell>")
            following = c + across
        rows.append(f"   <Row>{''.join(cells)}</Row>" if cells else "   <Row/>")
    style_xml = "".join(f"<Style ss:ID=\"s{sid}\"><NumberFormat ss:Format=\"{html.escape(fmt)}\"/></Style>"
                        for fmt, sid in styles.items())
    return "\n".join([
        "<?xml version=\"1.0\"?>", "<?mso-application progid=\"Excel.Sheet\"?>",
        "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"",
        " xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"",
        " xmlns:html=\"http://www.w3.org/TR/REC-html40\">",
        f" <Styles><Style ss:ID=\"Default\" ss:Name=\"Normal\"><Alignment ss:Vertical=\"Center\"/></Style>{style_xml}</Styles>",
        f" <Worksheet ss:Name=\"{html.escape(sheet)}\">",
        f"  <Table ss:ExpandedColumnCount=\"{form.width}\" ss:ExpandedRowCount=\"{len(form.rows)}\" x:FullColumns=\"1\" x:FullRows=\"1\">",
        *rows,
        "  </Table>",
        "  <WorksheetOptions xmlns=\"urn:schemas-microsoft-com:office:excel\"><Selected/></WorksheetOptions>",
        " </Worksheet>", "</Workbook>"])


def as_mht(page: bytes, charset: str, encoding: str = "quoted-printable", css: bytes = b"") -> bytes:
    """`page` as Word's 「单个文件网页」: a multipart/related archive, the page its first part; with
    `css`, a part ``form.files/stylesheet.css`` of it, as Excel keeps its cells' classes."""
    body = quopri.encodestring(page) if encoding == "quoted-printable" else base64.encodebytes(page)
    sheet = [b"------=_NextPart_01D9C5A1.5C9E3B10", b"Content-Location: file:///C:/D3A5E1F0/form.files/stylesheet.css",
             b"Content-Transfer-Encoding: quoted-printable", b"Content-Type: text/css; charset=\"us-ascii\"", b"",
             quopri.encodestring(css)] if css else []
    return b"\r\n".join([
        b"MIME-Version: 1.0", b"X-Document-Type: Workbook",
        b"Content-Type: multipart/related; boundary=\"----=_NextPart_01D9C5A1.5C9E3B10\"", b"",
        b"This document is a Single File Web Page, also known as a Web Archive file.", b"",
        b"------=_NextPart_01D9C5A1.5C9E3B10", b"Content-Location: file:///C:/D3A5E1F0/form.htm",
        f"Content-Transfer-Encoding: {encoding}".encode(), f"Content-Type: text/html; charset=\"{charset}\"".encode(), b"",
        body, b"",
        b"------=_NextPart_01D9C5A1.5C9E3B10", b"Content-Location: file:///C:/D3A5E1F0/form.files/filelist.xml",
        b"Content-Transfer-Encoding: quoted-printable", b"Content-Type: text/xml; charset=\"utf-8\"", b"",
        b"<xml xmlns:o=3D\"urn:schemas-microsoft-com:office:office\"><o:File HRef=3D\"filelist.xml\"/></xml>",
        *sheet, b"------=_NextPart_01D9C5A1.5C9E3B10--", b""])


def _text(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))
