"""PDF prints of real forms and whole disclosures, as portals print them (tests/test_import_pdf26*.py).

Each maker writes a .docx that LibreOffice prints to the PDF of the same name here (SOURCES.md says
what of each is real and where it comes from). The disclosures reuse tests/forms_pdf8/disclosures.py:
its 目录, 说明 and statements of 渠县农业综合技术服务中心's 2024 决算, its page layout.

Usage: ``python tests/forms_pdf26/makers.py OUT_DIR`` writes every .docx there; then
``soffice --headless --convert-to pdf --outdir OUT_DIR OUT_DIR/*.docx``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS / "forms_pdf8"))
from disclosures import (  # noqa: E402
    JUESUAN_CONTENTS,
    JUESUAN_FORMS,
    JUESUAN_PROSE,
    TOTAL_MERGES,
    TOTAL_TABLE,
    UNIT,
    _document,
    footer_page_number,
)
from forms.make import load_form, write_docx  # noqa: E402

DEPARTMENT = "forms_dept/d06-ningde-dizhen-ziping"
"""宁德市地震局's 部门整体支出绩效自评表 (2020)."""


def cut_name_docx(path: Path) -> Path:
    """海淀区学院路街道's 2016 自评表 (tests/forms_layouts/l07) as write_docx lays it: its last row, cut in
    the source inside its 三级指标 (「是否达到国」), wraps over two lines in the narrow column and
    Word's page break cuts it after 「是否」「达到」."""
    return write_docx(load_form(TESTS / "forms_layouts/l07-haidian-xueyuanlu-baojie"), path)


def department_first_docx(path: Path) -> Path:
    """The 决算 printing its 部门整体支出绩效自评表 first (宁德市地震局's), then 青神 and 中江's 自评表."""
    doc = _document(f"{UNIT}2024年度单位决算", JUESUAN_CONTENTS, JUESUAN_PROSE, ((TOTAL_TABLE, TOTAL_MERGES),),
                    (DEPARTMENT, *JUESUAN_FORMS[:2]), "第三部分名词解释")
    doc.save(str(path))
    return path


CLOSING_PROSE = """2024年度，我单位严格按照预算绩效管理要求，对项目支出开展了绩效自评，自评结果已按规定公开。
下一步，我单位将进一步加强预算绩效管理，强化绩效自评结果应用，提高财政资金使用效益。"""
"""Paragraphs a 决算 prints after its last 自评表 with no heading of their own: about every form."""


def closing_prose_docx(path: Path) -> Path:
    """The 决算 of juesuan.pdf with 青神 and 中江's 自评表, closed by two paragraphs of the unit's own
    about its 自评 as a whole, no heading above them, and no 名词解释 after."""
    doc = _document(f"{UNIT}2024年度单位决算", JUESUAN_CONTENTS, JUESUAN_PROSE, ((TOTAL_TABLE, TOTAL_MERGES),),
                    JUESUAN_FORMS[:2], CLOSING_PROSE)
    doc.save(str(path))
    return path


HEADER_WORDS = ("三级指标", "指标名称", "绩效指标")
"""A cell of the indicator table's header row: where a portal's system splits a form into its facts
table and its indicator table, whose header it repeats on every page."""


def _header_row(rows: list[list[str]]) -> int | None:
    return next((r for r, row in enumerate(rows) if sum(1 for t in row if t.replace(" ", "") in HEADER_WORDS) >= 1
                 and sum(1 for t in row if t) >= 4), None)


def _running(section, top: str) -> None:  # type: ignore[no-untyped-def]
    """A running head (the disclosure's 「附件2」 or its unit) and a scanned-looking 「- N -」 page number."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.header.paragraphs[0].text = top
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer_page_number(section, "- ", " -")


def _repeat_rows(table, count: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Word's 「标题行重复」 on the table's first `count` rows."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for row in table.rows[:count]:
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(mark)


def _portal_form(doc, folder: Path, repeat: int = 0) -> None:  # type: ignore[no-untyped-def]
    """A held form as a portal's system prints it: the title lines, the facts table, and the indicator
    table on its own, its header row repeated at the top of every page it runs onto; or (`repeat`) the
    form as one table whose first `repeat` rows (its 项目名称 …) a clerk set to repeat on every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from forms.make import add_table, title_rows

    form = load_form(folder)
    skip = title_rows(form)
    for row in form.rows[:skip]:
        doc.add_paragraph(next((t for t in row if t), "")).alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = form.rows[skip:]
    merges = [(r0 - skip, c0, r1 - skip, c1) for r0, c0, r1, c1 in form.merges if r0 >= skip]
    cut = _header_row(rows)
    if repeat or cut is None or any(r0 < cut <= r1 for r0, _, r1, _ in merges) or cut == 0:
        whole = add_table(doc, rows, tuple(merges))
        whole.style = "Table Grid"
        _repeat_rows(whole, repeat)
        return
    add_table(doc, rows[:cut], tuple(m for m in merges if m[2] < cut)).style = "Table Grid"
    table = add_table(doc, rows[cut:], tuple((r0 - cut, c0, r1 - cut, c1) for r0, c0, r1, c1 in merges if r0 >= cut))
    table.style = "Table Grid"
    _repeat_rows(table)


def portal_docx(path: Path, folders: tuple[str, ...], *, landscape: bool = True, top: str = "附件2",
                repeat: int = 0) -> Path:
    """Held forms printed one after another on 横向 pages with no page break between them (two short
    forms share a page), each cut across pages with its indicator header repeated, a running head and
    a 「- N -」 page number on every page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21.0)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    _running(section, top)
    for n, name in enumerate(folders):
        if n:
            doc.add_paragraph("")
        _portal_form(doc, TESTS / name, repeat)
    doc.save(str(path))
    return path


PAIRS = {
    "pair-foot": (("forms/b05-langzhong-chegoushui", "forms/b06-huanggang-shuibao"), False),
    "pair-titled": (("forms/d01-changjiang-jinbu-yuchuan", "forms/ann-ningjin-zhuxuejin"), True),
    "pair-title-first": (("forms/ann-ningjin-zhuxuejin", "forms/ann-putuo-tiyu-jiesuan"), True),
    "title-wrapped": (("forms_targets/t12-baodi-chuqin-fenwu",), False),
    "narrow-cut": (("forms_targets/t14-xiangxi-texiao-huoshi", "forms_targets/t15-hanyin-puhui-jinrong"), False),
    "pair-facts-head": (("forms_layouts/l08-suzhou-shiguan-lvdi", "forms_layouts/l09-licheng-wenhuaguan"), True),
    "indented-cut": (("forms_layouts/l15-xiaoxian-yanglou-zhongyang", "forms_layouts/l16-xuancheng-dizhen-fangzhen"), False),
    "pair-merged-label": (("forms_layouts/l16-xuancheng-dizhen-fangzhen", "forms_layouts/l17-longyang-huafei-jianliang"), True),
    "pair-departments": (("forms_dept/d05-yueyanglou-jiage-mubiao", "forms_dept/d06-ningde-dizhen-ziping"), False),
}
"""Held forms printed by `portal_docx`, and whether on 横向 paper: 阆中 (四川) then 黄冈
(湖北), 黄冈's title at page 1's foot under 阆中's table; 昌江 (海南) then 宁晋 (河北), which names its
programme only in its title; 宁晋 then 普陀 (上海) on one page; 宝坻 (天津)'s 目标表 alone on 纵向 paper,
its long title wrapped over two centred lines; 湘西州特校 (湖南)'s 13-column 目标表 on 纵向 paper, one
character a line, then 汉阴 (陕西)'s; 苏州 (江苏) then 历城 (山东), whose 「主管部门(盖章): 单位:万元」 line
stands between its title and its table; 杨楼社区 (安徽) then 宣城 (安徽) on 纵向 paper, a part row of
杨楼's, its name indented with spaces, cut by the page break; 宣城 then 隆阳 (云南); the 部门整体 forms
of 岳阳楼区 (湖南) and 宁德 (福建) on 纵向 paper.
"""

MAKERS = {
    "cut-name": cut_name_docx,
    "department-first": department_first_docx,
    "closing-prose": closing_prose_docx,
    **{name: (lambda path, f=folders, w=wide: portal_docx(path, f, landscape=w)) for name, (folders, wide) in PAIRS.items()},
    "repeat-rows": lambda path: portal_docx(path, ("forms/b04-yongde-yingyang",), landscape=False, repeat=2),
}
"""Each PDF's name (without .pdf) and the maker of the .docx LibreOffice prints it from. repeat-rows: 永德县
(云南)'s form as one table, its first two rows (「部门:…」, 「项目名称」) set to repeat on every page."""


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, maker in MAKERS.items():
        print(maker(out / f"{name}.docx"))
