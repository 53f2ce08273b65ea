"""PDF prints of real forms, as portals print them (tests/test_import_pdf27*.py).

Each maker writes a .docx (or .xlsx) that LibreOffice prints to the PDF of the same name here; SOURCES.md says
what of each is real and where it comes from.

Usage: ``python tests/forms_pdf27/makers.py OUT_DIR`` writes every file there; then
``soffice --headless --convert-to pdf --outdir OUT_DIR OUT_DIR/*.docx OUT_DIR/*.xlsx``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS / "forms_pdf26"))
from makers import portal_docx  # noqa: E402


def large_docx(path: Path, *folders: str, points: int = 14) -> Path:
    """Held forms as `portal_docx` prints them on 纵向 paper, in a larger type (a clerk's 14 pt, 「四号」): the narrow
    columns wrap names three to five characters a line and the page breaks fall inside the indicator block."""
    from docx import Document
    from docx.shared import Pt

    portal_docx(path, folders, landscape=False)
    document = Document(str(path))
    document.styles["Normal"].font.size = Pt(points)
    document.save(str(path))
    return path


MAKERS = {
    "department-pair-portrait": lambda path: portal_docx(
        path, ("forms_dept/d04-guangshui-zhengfuban-mubiao", "forms_dept/d05-yueyanglou-jiage-mubiao"), landscape=False),
    "department-large": lambda path: large_docx(path, "forms_dept/d06-ningde-dizhen-ziping"),
    "unit-cut-large": lambda path: large_docx(path, "forms_layouts/l06-zhongxian-tujing-yimin"),
    "template-cut-large": lambda path: large_docx(path, "forms_layouts/l13-yinchuan-chuzhong-gongyong"),
    "facts-pair-large": lambda path: large_docx(
        path, "forms_layouts/l02-wuchuan-yangzhichang", "forms_layouts/l05-yuanzhou-songcha", points=13),
    "cut-pair-large": lambda path: large_docx(path, "forms/b03-hengshan-chubeiliang", "forms/c04-hainan-nongken-zizhu",
                                              points=13),
}
"""Each PDF's name (without .pdf) and the maker of the file LibreOffice prints it from. department-pair-portrait:
广水市's 部门整体 目标申报表 (湖北, cut before its indicators) then 岳阳楼区价格认证鉴定中心's (湖南) on 纵向 paper,
岳阳楼区's row 「保證單位正常運(yùn)轉(zhuǎn)」 cut by the page break after 「運」「(yùn)」. department-large:
宁德市地震局's 部门整体 自评表 (福建) at 14 pt, its 「年度绩效指标完成情况」 (merged down the first column from the
indicator header) cut by the page break after 「指标」. unit-cut-large: 忠县涂井乡's 自评表 (重庆) at 14 pt, its
「14.7km」 wrapped 「14.7k」「m」. template-cut-large (not kept: the test holds its cells): 银川's 自评表 (宁夏) at
14 pt, its template row 「指标2:」 cut after 「指标」. facts-pair-large: 武川县's 目标表 (内蒙古) then 原州区's 自评表 (宁夏)
at 13 pt, 原州区's 「其他资金 | 中央衔接资金1.75万元」 opening a page under its 「其中:财政拨款」 row. cut-pair-large: 衡山县's
自评表 (湖南) then 海南农垦's (海南) at 13 pt, 衡山's 「因粮食市场波动引起的粮食安全事件发生数」 cut before 「数」, 「市民满意度调查」
under it."""


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, maker in MAKERS.items():
        print(maker(out / f"{name}.docx"))
