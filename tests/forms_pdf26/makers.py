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


MAKERS = {
    "cut-name": cut_name_docx,
    "department-first": department_first_docx,
    "closing-prose": closing_prose_docx,
}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, maker in MAKERS.items():
        print(maker(out / f"{name}.docx"))
