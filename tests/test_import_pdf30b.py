"""PDF and report imports losing nothing (tests/forms_pdf30, its committed prints: no LibreOffice run here)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Prepared, prepare
from perfsite.importing.report_form import items, outline

FORMS = Path(__file__).resolve().parent / "forms_pdf30"
EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "2022" / "jiaoyu" / "yingyang-gaishan-pingjia.yaml"


@pytest.fixture(scope="module")
def prepared() -> dict[str, Prepared]:
    """Each committed print read once for the module, by its name."""
    return {stem: prepare(FORMS / f"{stem}.pdf", Hints()) for stem in ("scored", "boxed-cut", "justified")}


def test_a_table_the_page_foot_cuts_is_refused_naming_the_page(prepared: dict[str, Prepared]) -> None:
    """boxed-cut.pdf: 中江县's 自评表 in a Word text box taller than a page, as LibreOffice prints it: the box on
    page 2, cut by the page's foot after 社会效益指标, its rules drawn on past the page's edge. The file is refused,
    naming the page, the last row printed and what to do; before, a programme of 7 of its 9 indicators was
    written (the rows lost listed only as 未能归位 paragraphs and a note)."""
    cut = prepared["boxed-cut"]
    assert cut.draft is None
    assert cut.report.failure.startswith("PDF 第 2 页的表格超出了页面底边，页脚以下的行没有印出来（最后印出的一行是「受益脱贫")
    assert "把表格移出文本框" in cut.report.failure and "Word 原件（.docx）" in cut.report.failure


def test_a_reports_unnumbered_findings_are_one_each(prepared: dict[str, Prepared]) -> None:
    """scored.pdf: the example report with its four 问题 and four 建议 typed one paragraph each, numbered
    nowhere. Each paragraph is one finding, as published (整改 files cite them by number); before, the
    four were one finding of four paragraphs, and so were the suggestions."""
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    draft = prepared["scored"].draft
    assert draft is not None
    assert draft.data["findings"] == example["findings"] and len(example["findings"]) == 4
    assert draft.data["suggestions"] == example["suggestions"]


def test_an_unnumbered_paragraph_left_open_goes_on_in_the_next() -> None:
    """A paragraph ending 「，」 (cut by a stray break or a page foot) or 「：」 (leading into what follows) is
    continued by the next: the same finding; one closing its sentence ends its finding."""
    section = outline(["五、存在的问题", "资金拨付较晚。", "食谱审核制度尚未在全部学校建立，", "抽查的12所学校中3处台账不规范。",
                       "绩效目标有两处未细化：", "“营养健康状况改善”未量化。", "台账未归档。"])
    assert items(section[0]) == ["资金拨付较晚。", "食谱审核制度尚未在全部学校建立，\n\n抽查的12所学校中3处台账不规范。",
                                 "绩效目标有两处未细化：\n\n“营养健康状况改善”未量化。", "台账未归档。"]


def test_a_gap_beside_a_latin_word_in_a_spread_line_is_no_space(prepared: dict[str, Prepared]) -> None:
    """justified.pdf: 「详见https://…」 typed without a space, in a 两端对齐 line stretched before the address (7.7 pt
    before 「h」, no space drawn): read as typed; before, 「详见 https://…」 with a space never typed."""
    draft = prepared["justified"].draft
    assert draft is not None
    assert "安全事故,详见https://www.hh.gov.cn/info/11481/1179592.htm" in draft.data["sections"]["绩效目标实现情况"]
