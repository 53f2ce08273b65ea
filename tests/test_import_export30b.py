"""A 自评 export's money unit: the money column's own (「预算数（元）」) wins over the title's (「（单位：万元）」),
the two said with the column, as for a 绩效目标 export (`bulk.stated_unit`); a 目标表's fields the format has no
key for said once; a 评价报告's missing parts said once."""

from __future__ import annotations

from pathlib import Path

import pytest
from forms.make import load_form, write_xlsx
from test_import_bulk import HEAD, ROWS, data, run, xlsx

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Options, import_file, prepare
from perfsite.problems import Severity
from perfsite.siteconfig import SiteConfig

_SAID = ("工作表「明细」表头上方写的金额单位是万元，而 F 列「全年预算数（元）」写的是元：该列的金额按元读入，请对照原表核对；"
         "应按万元读时，请把 F 列表头的单位改为万元后重新导入")


@pytest.mark.parametrize(("title", "header", "unit", "note"), [
    ("（单位：万元）", "（元）", "元", True), ("（单位：元）", "（元）", "元", False), ("（单位：万元）", "", "万元", False)])
def test_a_self_evaluation_money_column_s_own_unit_wins_over_the_title_s_and_is_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str, header: str, unit: str, note: bool) -> None:
    """1500000 under 「全年预算数（元）」 below a 「（单位：万元）」 title is 1500000 元 (150 万元) and the clerk is told
    of the two units with the column. Before, the title's 万元 won unsaid: 1500000 万元, 150 亿元. A title agreeing
    with the column, or a column stating none, says nothing."""
    head = [h.replace("（万元）", header) for h in HEAD]
    rows = [[*row[:5], "1500000", *row[6:]] for row in ROWS]
    files = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [head, *rows], above=([f"2023年项目支出绩效自评表{title}"],)))
    assert {(data(f)["budget"]["unit"], str(data(f)["budget"]["budget"])) for f in files} == {(unit, "1500000")}
    out = capsys.readouterr().out
    assert (_SAID in out) is note, out


def test_a_target_form_s_fields_the_site_does_not_publish_are_said_once(tmp_path: Path) -> None:
    """嘉峪关's 目标表 (tests/forms_targets/t03) prints 项目分类, 资金用途, 政策依据 … that the format has no key for:
    one note names each with its cell and value, and none of them is listed as unplaced. Before, 21 cells
    were listed one by one as 「未能归位」."""
    form = load_form(Path(__file__).parent / "forms_targets" / "t03-jiayuguan-bowuguan")
    item = prepare(write_xlsx(form, tmp_path / "t03.xlsx"), Hints())
    said = [n for n in item.report.notes if n.startswith("以下栏目本站的绩效目标表不发布")]
    assert len(said) == 1
    for field, cell, value in (("项目分类", "C4", "专项工作经费"), ("资金用途", "A5", "业务类项目"),
                               ("组织实施单位", "B13", "甘肃省文物局"), ("政策依据", "A16", "甘财科[2022]78号")):
        assert f"{field}（工作表「Sheet1」 {cell}）「{value}」" in said[0]
    assert item.report.unplaced == []
    assert item.draft is not None and item.draft.data["implementer"] == "嘉峪关城市博物馆"


def test_a_report_s_missing_parts_are_each_said_once_with_where_to_find_them_in_the_file(tmp_path: Path) -> None:
    """A Word 评价报告 with no evaluator, score table or conclusion: each is said once, as the error naming the
    written file's line, and the file's head says where in the report to find it. Before, each was said twice
    on screen, as a 「注意」 and as the error."""
    from docx import Document

    document = Document()
    for text in ("示例县校舍维修项目绩效评价报告", "一、项目基本情况", "项目名称：校舍维修。主管部门：示例县教育局。评价年度：2023年。",
                 "受示例县财政局委托，对该项目开展了绩效评价。", "二、主要问题", "1. 资金拨付不及时。"):
        document.add_paragraph(text)
    document.save(str(tmp_path / "报告.docx"))
    report = import_file(tmp_path / "报告.docx", Options(tmp_path / "out", hints=Hints(evaluation="财政评价")), SiteConfig(), set())
    errors = [p.as_text() for p in report.problems if p.severity is Severity.ERROR]
    for key in ("evaluator", "conclusion", "indicators"):
        assert sum(key in text for text in [*errors, *report.notes]) == 1, (key, errors, report.notes)
    text = next(p for p in report.written if p.suffix == ".yaml").read_text(encoding="utf-8")
    assert "#   evaluator：报告没有写明评价机构，请按报告落款或封面写评价机构全称（或导入时加 --evaluator）" in text
    assert "#   conclusion：没有找到评价结论" in text and "#   indicators：没有找到评分表" in text
