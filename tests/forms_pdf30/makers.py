"""Word documents from other provinces, and their LibreOffice prints (tests/test_import_pdf30.py, test_import_word30.py).

Each maker writes a .docx here; LibreOffice 7.4 prints each to the PDF of the same name (one run for them all).
SOURCES.md says what of each is real and where it comes from.

Usage: ``python tests/forms_pdf30/makers.py OUT_DIR`` writes every .docx there; then
``soffice --headless --convert-to pdf --outdir OUT_DIR OUT_DIR/*.docx``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS))

from forms.make import add_table, load_form, title_rows  # noqa: E402

HONGHE = [
    "红河州数据发展中心2024年度项目支出绩效单位自评报告",
    "一、基本情况",
    "2024年,红河州数据发展中心(以下简称“州数据发展中心”)实施项目共15个(含2023年转列暂付性款项项目5个),"
    "年初批复预算8个项目985万元(含1个年初结转结余项目50万元),调整预算后项目预算861.46万元,年中增加8个项目,"
    "实际到位资金334.67万元。",
    "(一)项目概况",
    "“数说红河”展厅位于蒙自市红河文化广场红河展览馆一楼,总建筑面积约1000㎡,建筑层高约4.3m。分为序厅、"
    "全国民族团结进步示范州平台、新型工业强州、乡村振兴富州、农业资源大数据、农业物联网、农业特色产业等28个展区,"
    "预算项目经费用于保障展厅各个展陈模块的正常运转,向政府及公民展示红河的数字化建设成果。",
    "二、绩效目标实现情况",
    "项目运行总体稳定,年内未发生安全事故,详见https://www.hh.gov.cn/info/11481/1179592.htm公示内容。展厅全年正常开放,"
    "接待参观团体与群众的数量较上年有所增加,各展陈模块运转正常,达到了年初设定的绩效目标。",
]
"""红河州数据发展中心's 自评报告 (云南, hh.gov.cn/info/11481/1179592.htm), its opening shortened: typed with half-width
「,」「(」「)」 between Chinese characters, as the page shows it; the last paragraph's words are ours (the page's
excerpt ends before it), the page's own address in it: too long to break, it leaves the line before it short."""


def justified_docx(path: Path) -> Path:
    """`HONGHE`'s prose 两端对齐 at 14 pt, then 「附件」 and 永德县 (云南)'s 自评表 (tests/forms/b04) on a page of its
    own: LibreOffice stretches each justified line's gaps, and pdfplumber reads the gap beside a half-width 「,」
    as a space (「稳定 , 年内」)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(14)
    for n, text in enumerate(HONGHE):
        paragraph = doc.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if n == 0 else WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("附件")
    _form(doc, "forms/b04-yongde-yingyang")
    doc.save(str(path))
    return path


def _form(doc, name: str) -> None:  # type: ignore[no-untyped-def]
    """A held form: its title rows as centred paragraphs, the rest one table (as tests/forms/make.py writes it)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    form = load_form(TESTS / name)
    skip = title_rows(form)
    for row in form.rows[:skip]:
        doc.add_paragraph(next((t for t in row if t), "")).alignment = WD_ALIGN_PARAGRAPH.CENTER
    merges = tuple((r0 - skip, c0, r1 - skip, c1) for r0, c0, r1, c1 in form.merges if r0 >= skip)
    add_table(doc, form.rows[skip:], merges).style = "Table Grid"


EXAMPLE = TESTS.parent / "data" / "2022" / "jiaoyu" / "yingyang-gaishan-pingjia.yaml"
"""The example 第三方评价 report (fictitious, marked sample): its 决策/过程/产出/效益 table with 扣分原因."""


def scored_docx(path: Path) -> Path:
    """`EXAMPLE` as a firm's Word report: cover lines, the 财预〔2020〕10号 outline, and its score table as 湖南's
    得分表 lays one out (wanglu.net/thread/t12-491155-4.html: 「部门决策(25分)」「目标任务(15分)」, each level's points in
    its label, merged down its rows), with 评分标准 and 扣分原因 columns, the header row set to repeat on each page;
    at 14 pt on 纵向 paper the table runs onto a second page under its repeated header."""
    import yaml
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    doc = Document()
    doc.styles["Normal"].font.size = Pt(14)
    for line in (f"{data['name']}{data['year']}年度绩效评价报告", f"项目名称：{data['name']}",
                 f"主管部门：{data['department']}", f"委托单位：{data['commissioner']}", f"评价机构：{data['evaluator']}"):
        doc.add_paragraph(line)
    doc.add_paragraph(f"受{data['commissioner']}委托，{data['evaluator']}于2023年4月10日至6月20日对该项目开展第三方绩效评价。"
                      "现将评价情况报告如下：")
    for line in ("一、基本情况", "项目覆盖全县义务教育阶段学校。", "二、绩效评价工作开展情况", "评价组按方案开展了资料审核和现场核查。",
                 "三、综合评价情况及评价结论", _unfolded(data["conclusion"]), "四、绩效评价指标分析", "评分情况见下表。"):
        doc.add_paragraph(line)
    items = data["indicators"]
    second = {}
    for item in items:
        key = (item["level1"], item["level2"])
        second[key] = second.get(key, 0) + item["weight"]
    rows = [["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分", "扣分原因"]]
    for item in items:
        rule = "符合得满分，每发现一处不符扣1分" if item["target"] == "符合要求" else "按完成比例计分"
        rows.append([f"{item['level1']}（{data['groups'][item['level1']]}分）",
                     f"{item['level2']}（{second[(item['level1'], item['level2'])]}分）", item["name"],
                     str(item["weight"]), rule, str(item["score"]), item.get("remark", "")])
    rows.append(["合计", "", "", "100", "", str(data["reported"]["score"]), ""])
    merges = []
    for c in (0, 1):
        start = 1
        for r in range(2, len(rows)):
            if rows[r][c] != rows[start][c] or r == len(rows) - 1:
                if r - 1 > start:
                    merges.append((start, c, r - 1, c))
                start = r
    table = add_table(doc, rows, tuple(merges))
    table.style = "Table Grid"
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    header[-1].set(qn("w:val"), "true")
    for line in ("五、存在的问题及原因分析", *data["findings"], "六、有关建议", *data["suggestions"], data["evaluator"], "2023年7月20日"):
        doc.add_paragraph(str(line))
    doc.save(str(path))
    return path


def _unfolded(text: str) -> str:
    """The example's conclusion as typed: its YAML lines are folded with a space after each 「。」「；」."""
    return text.replace("。 ", "。").replace("； ", "；")


def boxed_docx(path: Path, cell_size: float | None = None) -> Path:
    """中江县 (四川)'s 自评表 (tests/forms/b01) drawn in a text box, as a clerk lays a form pasted from WPS onto a page
    with its title above it: a Word 2003 (VML) box in the line of text, the table the box's content. With
    `cell_size` its cells' text is that many pt: large enough, the box is taller than a page and the foot cuts it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(8)
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Cm(1.27)
    _form(doc, "forms/b01-zhongjiang-shuibiaochi")
    table = doc.element.body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl")[-1]
    holder = doc.add_paragraph()
    holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
    box = parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:530pt;height:700pt">'
                    '<v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent><w:p/></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    content = next(box.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"))
    content.insert(0, table)  # moved out of the body into the box
    for run in table.iter(qn("w:r")) if cell_size else ():
        run.get_or_add_rPr().get_or_add_sz().val = Pt(cell_size)
    holder._p.append(box)
    doc.save(str(path))
    return path


def drawn_pdf(path: Path, kind: str) -> Path:
    """A page with no text that looks like a form: `kind` 「outlined」 draws 900 character-sized shapes as curves,
    as a PDF whose text was turned into outlines (「转曲」) or a scan traced to vectors draws its words, inside a
    ruled box; 「strips」 is a scan stored as 20 strips of one picture, as scanners write a page."""
    import zlib

    if kind == "outlined":
        shapes = [b"%d %d m %d %d %d %d %d %d c %d %d %d %d %d %d c f" % (x, y, x + 3, y + 9, x + 7, y + 9, x + 10, y,
                                                                          x + 7, y + 4, x + 3, y + 4, x, y)
                  for y in range(680, 110, -19) for x in range(80, 500, 14)]
        content, resources, extra = b"\n".join([b"0.5 w 72 100 451 600 re S", *shapes]), b"<< >>", []
    else:
        pixels = bytes(255 if (x // 10 + y // 10) % 2 else 0 for y in range(280) for x in range(200))
        data = zlib.compress(pixels)
        content = b"\n".join(b"q 595 0 0 42.1 0 %.1f cm /Im1 Do Q" % (i * 42.1) for i in range(20))
        resources = b"<< /XObject << /Im1 5 0 R >> >>"
        extra = [b"<< /Type /XObject /Subtype /Image /Width 200 /Height 280 /ColorSpace /DeviceGray /BitsPerComponent 8 "
                 b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>" % resources,
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", *extra]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {"justified": justified_docx, "scored": scored_docx, "boxed": boxed_docx,
                                             "boxed-cut": lambda path: boxed_docx(path, cell_size=12.5)}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for stem, maker in MAKERS.items():
        print(maker(out / f"{stem}.docx"))
