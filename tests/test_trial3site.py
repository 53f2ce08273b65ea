"""What a clerk's four new forms (a 阳泉 绩效目标申报表, a 荆门 部门整体自评) showed on the site: a
target printed without a sign, the ★ legend without core indicators, the 预算执行率 row."""

from __future__ import annotations

import html
import json
import re
import sys
from decimal import Decimal
from functools import partial
from pathlib import Path

from perfsite.documents import read_document
from perfsite.model import Indicator, Programme
from perfsite.problems import Problems
from perfsite.record import make_target_record
from perfsite.report import targets_json
from perfsite.rules import Context, apply_rule, read_rule
from perfsite.site import search
from perfsite.site.department_page import (
    department_twin,
    department_years,
    page_context,
)
from perfsite.site.listing_rows import programme_rows
from perfsite.site.render import bar, grade_classifier, standard
from perfsite.site.targets_page import render_targets
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_check import planned_rows, restated_rows, target_hints

F1 = """\
kind: 绩效目标
id: sihao
name: 四好农村路工作经费
year: 2021
department: 经济建设科
period: 2021-2023
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 工程前期施工图设计批复, target: "81个"}
  - {level1: 产出指标, level2: 质量指标, name: 工程质量监督检查覆盖率, target: "100%"}
  - {level1: 产出指标, level2: 成本指标, name: 年度预算资金, target: "≤25万元"}
  - {level1: 效益指标, level2: 社会效益指标, name: 农村公路通行条件, target: "明显改善"}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 沿线群众满意度, nature: "≥", target: "90", unit: "%"}
midterm_indicators:
  - {level1: 产出指标, level2: 数量指标, name: 工程前期施工图设计批复, target: "243个"}
"""


def _table(tmp_path: Path, text: str = F1) -> TargetTable:
    path = tmp_path / "sihao-mubiao.yaml"
    path.write_text(text, encoding="utf-8")
    table, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(table, TargetTable), problems
    return table


def _visible(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_a_target_printed_without_a_sign_is_published_as_written(tmp_path):
    """「81个」 is compared as ≥81个, but the form never printed ≥: page, twin and score JSON
    give the 指标值 as written and the site's reading apart, marked as inferred."""
    table = _table(tmp_path)
    rec = make_target_record(table, [])
    texts = [(r["target_text"], r["nature"], r["nature_inferred"]) for r in rec.indicators]
    assert texts == [("81个", "≥", True), ("100%", "≥", True), ("≤25万元", "≤", False),
                     ("明显改善", "定性", False), ("≥90%", "≥", False)]
    assert [(r["target_text"], r["nature_inferred"]) for r in rec.midterm_indicators] == [("243个", True)]
    _, _, body, files, _, _ = render_targets(rec, SiteConfig(), evaluated=False)
    shown = _visible(body)
    assert "≥81个" not in shown and "≥243个" not in shown and "≥100%" not in shown
    assert "81个 （原表未写符号，按 ≥ 比较）" in shown and "243个 （原表未写符号，按 ≥ 比较）" in shown
    assert "≤25万元（原表未写符号" not in shown and "≥90%（原表未写符号" not in shown
    published = json.loads(files[rec.links["json"]])
    assert published["indicators"][0]["target_text"] == "81个" and published["indicators"][0]["nature_inferred"] is True
    score = targets_json(table, [])
    assert [(i["target_text"], i["nature_inferred"]) for i in score["indicators"]][:2] == [("81个", True), ("100%", True)]


def test_the_comparison_and_check_name_the_target_as_the_page_does(tmp_path):
    """A 自评 lowering 81个 to 60个: check's 提示 quotes the target table as published (81个)."""
    table = _table(tmp_path)
    evaluation = Programme("", 2021, "", "", Path("p.yaml"), "p.yaml")

    evaluation.indicators = [Indicator("产出指标", "数量指标", "工程前期施工图设计批复", None, "60个", "")]
    hints = target_hints("p.yaml", restated_rows(evaluation, Problems("p.yaml")), "t.yaml", planned_rows(table))
    assert len(hints) == 1 and "绩效目标表（t.yaml" in hints[0].message and "为「81个」" in hints[0].message, hints


def test_the_core_legend_only_where_an_indicator_is_core(tmp_path):
    _, _, body, _, _, _ = render_targets(make_target_record(_table(tmp_path), []), SiteConfig(), evaluated=False)
    assert "为核心指标" not in body
    cored = F1.replace('target: "81个"}', 'target: "81个", core: true}')
    _, _, body, _, _, _ = render_targets(make_target_record(_table(tmp_path, cored), []), SiteConfig(), evaluated=False)
    assert body.count("为核心指标") == 1  # the 年度 table's; the 中期 set has no core indicator


F3 = """\
kind: 部门整体自评
year: 2022
department: 荆门市民政局
unit: 万元
execution: {budget: 11605.29, spent: 21680.25, rate: 100%}
indicators:
  - {level1: 过程指标, level2: 预算执行, name: 预算执行率, weight: 10, target: "100%", actual: "100%", score: 10,
     rule: {type: budget, rate: 执行率}}
  - {level1: 产出指标, level2: 数量指标, name: 城乡低保救助人数, weight: 90, target: "≥5万人", actual: "5.3万人", score: 90}
"""


def _department_page(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bumen-ziping.yaml"
    path.write_text(text, encoding="utf-8")
    document, problems = read_document(path, SiteConfig(), tmp_path)
    assert document is not None, problems
    [entry] = department_years([document], [])  # type: ignore[list-item]
    twin = department_twin(entry, [])
    info = SiteConfig()
    rows = partial(programme_rows, page_url=twin["url"], grade_class=grade_classifier(info))
    return standard().render("department.html", twin["url"], site=info, grade_class=grade_classifier(info), bar=bar,
                             programme_rows=rows, title="", programmes=[], **page_context(twin), listing_url=None)


def _row(page: str, name: str) -> str:
    start = page.index(f'<th scope="row">{name}</th>')
    return _visible(page[start:page.index("</tr>", start)])


def test_the_execution_rate_row_shows_the_rate_it_was_scored_on(tmp_path):
    """完成率 186.81% beside 实际值 100% reads as a sum gone wrong: the row's 实际值 is the rate
    the budget figures give, with the printed one as 公布, as the 得分 column shows a score."""
    page = _department_page(tmp_path, F3)
    row = _row(page, "预算执行率")
    assert "186.81% （公布 100%）" in row and "186.81%" in row.replace("186.81% （公布 100%）", ""), row
    assert "ps-published--bad" in page[page.index('<th scope="row">预算执行率</th>'):]
    assert "公布" not in _row(page, "城乡低保救助人数")
    # printed as the budget gives it: nothing beside it
    kept = F3.replace('actual: "100%", score: 10', 'actual: "186.81%", score: 10')
    assert "公布" not in _row(_department_page(tmp_path, kept), "预算执行率")


def _working(target: str, actual: str, rule: object = None) -> str:
    indicator = Indicator("产出指标", "成本指标", "以低价位高质量为采购原则", Decimal(10), target, actual,
                          rule=read_rule(rule, ("rule",), Problems("t.yaml"), SiteConfig()))
    return apply_rule(indicator, Context(SiteConfig(), None)).explanation


def test_the_working_shows_each_figure_as_its_cell_prints_it():
    """The table shows 5万; its working showed 实际 50000 ÷ 目标 50000, a figure the reader never saw."""
    assert _working("5万", "5万").startswith("完成率 = 实际 5万 ÷ 目标 5万 = 100.00%")
    assert _working("≥5万人", "5.3万人").startswith("完成率 = 实际 5.3万人 ÷ 目标 5万人 = 106.00%")
    assert _working("≤2万元", "1.6万元").startswith("完成率 = 目标 2万元 ÷ 实际 1.6万元 = 125.00%")
    assert _working("≥2倍", "2.5倍").startswith("完成率 = 实际 2.5倍 ÷ 目标 2倍 = 125.00%")
    assert _working("5", "6人").startswith("完成率 = 实际 6人 ÷ 目标 5人")  # a bare number takes the other's unit
    # several figures: each as read (which pair is the lowest is the working's point)
    assert "实际 96% ÷ 目标 95%" in _working("90%、95%", "91%、96%")


def test_the_blank_line_between_problem_blocks_has_no_mkdocs_prefix():
    """`perfsite build` printed a bare `INFO    -  ` between the 不一致 and 提示 blocks."""
    from perfsite.site.commands import plain

    assert plain("INFO    -  \n") == "\n"
    assert plain("INFO    -  == 提示（3）==\n") == "== 提示（3）==\n"
    assert plain("WARNING -  Doc file 'a.md' contains a link\n") == "WARNING -  Doc file 'a.md' contains a link\n"


def test_a_build_without_pagefind_says_once_why_search_is_missing_and_how_to_get_it(monkeypatch):
    """The README's wheel install brings no Pagefind: the build succeeded with a dead search page
    and no word. `auto` (what init writes) without Pagefind: one 提示 naming the command."""
    monkeypatch.delenv("PERFSITE_SEARCH", raising=False)
    monkeypatch.setitem(sys.modules, "pagefind", None)  # find_spec: not installed
    assert not search.enabled({"perfsite_search": "auto"})
    assert search.unbuilt_note({"perfsite_search": False}) is None  # turned off: nothing to say
    note = search.unbuilt_note({"perfsite_search": "auto"})
    assert note is not None and note.startswith("提示：") and "没有安装 Pagefind" in note
    assert "pip install -r requirements.txt" in note
    monkeypatch.setenv("PERFSITE_SEARCH", "0")
    assert search.unbuilt_note({"perfsite_search": "auto"}) is None


def test_the_new_repository_pins_the_import_extra_and_the_message_names_it(tmp_path, monkeypatch):
    """「请运行 pip install "perfsite[import]"」 installed pandas and numpy at PyPI's newest and pointed
    to requirements-import.lock, which an init'd repository lacks: it has requirements-import.txt,
    the runtime's requirements plus the extra's lock, and the message names that command."""
    from perfsite.importing.extras import optional
    from perfsite.importing.sniff import ImportFailure
    from perfsite.scaffold import IMPORT_LOCK, locked_requirements, scaffold

    repo = Path(__file__).resolve().parent.parent
    assert (repo / "perfsite/scaffold" / IMPORT_LOCK).resolve() == (repo / "requirements-import.lock").resolve()
    scaffold(tmp_path / "site", "某县预算绩效信息公开")
    lines = [line for line in (tmp_path / "site/requirements-import.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    locked = [line for line in (repo / "requirements-import.lock").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert lines == ["-r requirements.txt", *locked] and locked == locked_requirements(IMPORT_LOCK)
    assert any(line.startswith("pandas==") for line in locked) and any(line.startswith("numpy==") for line in locked)
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    try:
        optional("pdfplumber")
    except ImportFailure as failure:
        said = str(failure)
    assert "请在网站仓库的根目录运行 pip install -r requirements-import.txt" in said and "perfsite[import]" not in said


def _site_with_targets_only():
    from test_site_listings import make_rows

    from perfsite.site.pages import Builder

    builder = Builder(SiteConfig(), make_rows(4))  # 2023 and 2024, 部门0 and 部门1
    builder.targets_only = [
        {"url": "projects/2021/sihao/targets/", "name": "四好农村路工作经费", "year": 2021, "department": "经济建设科",
         "region": "阳泉市"},
        {"url": "projects/2024/xin/targets/", "name": "新项目", "year": 2024, "department": "部门1", "region": ""}]
    return {page.url: page.html for page in builder.run().pages}


def test_a_target_table_without_a_self_evaluation_is_listed_where_readers_look():
    """A 绩效目标表 published before its 自评 (the normal case at budget time) was linked from no
    page: its year, department and region list it, the overviews name the groups that have
    nothing else, and 项目查询 says how many and where."""
    pages = _site_with_targets_only()
    alone = _visible(pages["years/2021/"])
    assert "只有绩效目标表的项目（1 个）" in alone and "四好农村路工作经费 （2021年度绩效目标表，经济建设科）" in alone
    assert 'href="../../projects/2021/sihao/targets/"' in pages["years/2021/"]
    assert "项目列表" not in alone and "不计入上面的汇总" not in alone  # no 自评: no list, no figures
    beside = _visible(pages["years/2024/"])  # a year with 自评s: its list, then the one waiting
    assert "项目列表" in beside and "只有绩效目标表的项目（1 个）" in beside and "新项目" in beside
    assert "四好农村路" not in beside
    assert "只有绩效目标表的项目（1 个）" in _visible(pages["departments/经济建设科/"])
    assert "新项目" in _visible(pages["departments/部门1/"]) and "新项目" not in _visible(pages["departments/部门0/"])
    assert "四好农村路工作经费" in _visible(pages["regions/阳泉市/"])
    assert "尚无绩效自评、只公布了年初绩效目标表： 2021年度 （1 个项目）" in _visible(pages["years/"])
    assert "2021年度尚无绩效自评、只公布了年初绩效目标表： 经济建设科 （1 个项目）" in _visible(pages["departments/"])
    index = _visible(pages["projects/"])
    assert "另有 2 个项目只公布了年初绩效目标表、尚无绩效自评，也列在查询结果中" in index
    assert "并列在按年度查看的 2024年度 、 2021年度" in index


def test_a_long_waiting_list_is_paged_as_the_list_is(monkeypatch):
    """At budget time a year may hold thousands of 绩效目标表s and no 自评: LISTING_PAGE a page."""
    from perfsite.site import pages as pages_module
    from perfsite.site.pages import Builder

    monkeypatch.setattr(pages_module, "LISTING_PAGE", 2)
    builder = Builder(SiteConfig(), [])
    builder.targets_only = [{"url": f"projects/2021/p{n}/targets/", "name": f"项目{n}", "year": 2021,
                             "department": "经济建设科", "region": ""} for n in range(5)]
    pages = {page.url: page.html for page in builder.run().pages}
    shown = [re.findall(r"项目\d", _visible(pages[url])) for url in ("years/2021/", "years/2021/page/2/", "years/2021/page/3/")]
    assert shown == [["项目0", "项目1"], ["项目2", "项目3"], ["项目4"]]
    assert "只有绩效目标表的项目（共 5 个）" in _visible(pages["years/2021/page/3/"])
