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


MAKERS: dict[str, Callable[[Path], Path]] = {"justified": justified_docx}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for stem, maker in MAKERS.items():
        print(maker(out / f"{stem}.docx"))
