"""Target tables from regions the corpus lacked (tests/forms_cycle27, SOURCES.md there), imported as a clerk would.

- k01 (新疆生产建设兵团 第一师 六团, 2021): a 衔接资金 绩效目标申报表 with the money in label | value pairs and the
  项目总目标 beside the 年度总体目标; imported with k02, a 自评 of the same programme made by hand (constructed, said
  so) whose 面积 target is lower than the 目标表's: the pair must show 目标调低 on that row and nowhere else.
- k03 (宁夏 同心县 下马关镇, 2023): the targets a notice prints in prose, each name with the template's hint
  (「种植作物成活率(≥**%)>=85」), typed into the table a clerk hands in; and the notice page itself.

Expected values are the transcription's own cells, never the importer's output. Each form is made into its files
and imported once per module.
"""

from __future__ import annotations

import copy
import html
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from forms.make import load_form, make, write_xlsx
from test_import_targets import differences, table_of

from perfsite.documents import read_document
from perfsite.importing.assemble import Hints
from perfsite.importing.labels import hinted_target
from perfsite.importing.pipeline import FileReport, Options, Status, import_batch, import_file
from perfsite.model import Programme
from perfsite.problems import Problems
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_compare import Change, compare_targets

CORPUS = Path(__file__).resolve().parent / "forms_cycle27"
BINGTUAN, CONSTRUCTED, TONGXIN = sorted(p.parent for p in CORPUS.glob("*/form.yaml"))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    tmp = tmp_path_factory.mktemp("cycle27")
    return {folder.name: make(folder, tmp / "in" / folder.name) for folder in (BINGTUAN, CONSTRUCTED, TONGXIN)}


@pytest.fixture(scope="module")
def pair(made: dict[str, tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory) -> list[FileReport]:
    """k01's 目标表 and k02's 自评 handed in together, as a clerk imports a programme's year."""
    tmp = tmp_path_factory.mktemp("pair")
    files = [made[CONSTRUCTED.name][0], made[BINGTUAN.name][0]]
    return import_batch(files, Options(tmp / "out"), SiteConfig(), set(), jobs=1)


def _read(path: Path) -> object:
    document, problems = read_document(path, SiteConfig())
    assert document is not None, [p.as_text() for p in problems.items]
    return document


def _written(reports: list[FileReport], kind: type) -> object:
    found = [doc for report in reports for path in report.written if path.suffix == ".yaml"
             and isinstance(doc := _read(path), kind)]
    assert len(found) == 1, [r.failure for r in reports]
    return found[0]


def test_the_corpus_records_where_each_form_came_from() -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for folder in (BINGTUAN, CONSTRUCTED, TONGXIN):
        form = load_form(folder)
        assert folder.name in sources and form.meta["quirks"] and form.meta["file"]
        assert str(form.meta.get("address", "")).startswith("http") or form.meta.get("constructed")


# --------------------------------------------------------------------------- k01 + k02: one programme's year

@pytest.mark.parametrize("kind", [0, 1], ids=["xlsx", "docx"])
def test_the_bingtuan_target_table_reads_as_printed(made, tmp_path: Path, kind: int) -> None:
    form = load_form(BINGTUAN)
    report = import_file(made[BINGTUAN.name][kind], Options(tmp_path), SiteConfig(), set())
    assert report.status is Status.IMPORTED, report.failure
    table = _read(report.written[0])
    assert isinstance(table, TargetTable)
    rows = form.rows
    assert (table.name, table.year, table.department, table.implementer) == (rows[1][1], 2021, rows[2][1], rows[2][4])
    assert (table.funds.unit, table.funds.total, table.funds.fiscal) == ("万元", Decimal(rows[4][4]), Decimal(rows[5][4]))
    assert (table.midterm_goal, table.annual_goal) == (rows[9][1], rows[9][3])
    printed = [(row[3].split(":", 1)[1], row[4]) for row in rows[11:14]]  # the template's 「指标1:」 is no part of a name
    assert [(i.name, i.target) for i in table.indicators] == printed
    assert {(i.level1, i.level2) for i in table.indicators} == {("产出指标", "数量指标")}
    assert not differences(table, table_of(BINGTUAN / "golden.yaml"))  # the auditor's reading, field by field
    # 「项目属性 | 兵团推进乡村振兴补助资金」 is neither 新增 nor 延续: said, not dropped unsaid (before, read as a
    # money label beside a label of no value, both cells were taken and nothing was said)
    assert any(f"项目属性「{rows[3][1]}」" in note for note in report.notes), report.notes


def test_the_year_s_column_of_the_money_is_the_year_s(tmp_path: Path) -> None:
    """k01 prints the project's money left of the year's (「项目资金总额 | 1500 | 年度资金申请总额 | 1500」, 「其他资金 |
    | 其他资金 |」); its figures are equal, so here they are a project of several years': 3000 over 1500, 2800 over
    1300, 200 other in each column. Before, the total was the project's 3000 and the two 其他资金 were summed to 400,
    and the check reported the form's own arithmetic as wrong (3000 ≠ 1300 + 400)."""
    form = copy.deepcopy(load_form(BINGTUAN))
    form.rows[4][2], form.rows[5][2], form.rows[7][2] = "3000", "2800", "200"  # the project's column
    form.rows[5][4], form.rows[7][4] = "1300", "200"  # the year's: 1300 + 200 = 1500
    report = import_file(write_xlsx(form, tmp_path / f"{form.file}.xlsx"), Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED, (report.failure, [p.as_text() for p in report.problems])
    table = _read(report.written[0])
    assert isinstance(table, TargetTable)
    assert (table.funds.total, table.funds.fiscal, table.funds.other) == (Decimal(1500), Decimal(1300), Decimal(200))


def test_a_lowered_target_shows_on_its_row_only(pair: list[FileReport]) -> None:
    """k02 restates k01's 面积 「3550平方米」 as 「≥3000平方米」: 目标调低 there; the two 「1座」 rows are unchanged."""
    table = _written(pair, TargetTable)
    evaluation = _written(pair, Programme)
    changes = {row.path[2]: row.change for row in compare_targets(table, evaluation) if row.planned_index is not None}
    assert changes == {"新建保鲜库数量": Change.UNCHANGED, "新建保鲜库面积": Change.LOWERED, "新建消防水池数量": Change.UNCHANGED}


def test_the_self_evaluation_scores_its_printed_total(pair: list[FileReport]) -> None:
    """Held out: k02 prints 总分 99.6 (9.6 for 96% of the money spent, 90 for the indicators)."""
    evaluation = _written(pair, Programme)
    printed = load_form(CONSTRUCTED).rows[-1][7]
    assert score_programme(evaluation, SiteConfig(), Problems("k02.yaml")).total == Decimal(printed)


# --------------------------------------------------------------------------- k03: the template's hints

def test_a_hint_s_unit_and_sign_complete_a_target_typed_with_its_sign(made, tmp_path: Path) -> None:
    """「种植作物成活率(≥**%)」 over 「>=85」 is ≥85%, 「补助成本(≤**元/株)」 over 「≤28.40/株」 ≤28.40元/株: before, the
    hint was taken off the name and its unit lost (a count of 85; a cost per 株 in no money)."""
    report = import_file(made[TONGXIN.name][0], Options(tmp_path, hints=Hints(year=2023)), SiteConfig(), set())
    table = _read(report.written[0])
    assert isinstance(table, TargetTable)
    targets = {i.name: i.target for i in table.indicators}
    assert targets["种植作物成活率"] == "≥85%"
    assert targets["作物种植补助标准,黄金蜜(葡萄)补助成本"] == "≤28.40元/株"
    assert targets["补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量"] == ">=17600株"  # its unit typed: as printed
    assert any("D8" in note and "D10" in note and "≥85%" in note for note in report.notes), report.notes


def test_three_core_stars_are_no_part_of_a_name(made, tmp_path: Path) -> None:
    """宁夏's 衔接 template marks its core indicators 「★★★」: before, one star went and 「★★受益…」 was published."""
    report = import_file(made[TONGXIN.name][1], Options(tmp_path, hints=Hints(year=2023)), SiteConfig(), set())
    table = _read(report.written[0])
    assert isinstance(table, TargetTable)
    core = [(i.name, i.target) for i in table.indicators if i.core]
    assert core == [("补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量", ">=17600株"), ("受益脱贫户、监测户人口数", "≥10户")]


@pytest.mark.parametrize(("name", "target", "read"), [
    ("种植作物成活率(≥**%)", ">=85", "≥85%"), ("补助成本(≤**元/株)", "≤28.40/株", "≤28.40元/株"),
    ("补助成本(≤**元/株)", "28.4元/株", "≤28.4元/株"), ("成活率(≥**%)", "85以上", "≥85%"),
    ("产值(≥**万元)", "80元", None), ("成活率(≥**%)", "85%", None), ("成活率(≥**%)", "≥85%", None),
    ("成活率(≥**%)", "＞85", None), ("补助成本(≤**元/株)", "≥28", None), ("补助成本(≤**元/株)", "≤3/亩", None),
])
def test_what_a_hint_adds_to_a_target(name: str, target: str, read: str | None) -> None:
    """The hint adds what the cell leaves out and never overrules what it says: another unit (80元 under 万元, /亩
    under 元/株) or another sign stands as printed; a ≤ hint signs a figure with its unit, as without a sign it
    would read as ≥; a complete ≥ cell is left alone."""
    assert hinted_target(name, target) == read


def test_the_notice_page_names_the_attachment_that_holds_the_table(tmp_path: Path) -> None:
    """同心县's 公示 page prints the targets as prose and attaches the table as .xlsx; imported, the page said only that
    no table had a 分值/权重 column, which no target table has."""
    page = tmp_path / "关于下马关镇设施农业黄金蜜(葡萄)种植项目绩效目标设定的公示.html"
    shutil.copy(TONGXIN / "page.html", page)
    report = import_file(page, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.FAILED and not report.written
    assert "附件「下马关镇设施农业黄金蜜(葡萄)种植项目绩效目标设定表.xlsx」" in str(report.failure)
    assert "分值" not in str(report.failure)


def test_the_notice_s_text_in_word_names_the_attachment_too(tmp_path: Path) -> None:
    """The same notice's text pasted into Word (no table at all): before, it was 「报告正文……请向填报单位索取附件中的
    自评表」, a 自评表 for a page about targets."""
    from docx import Document

    page = (TONGXIN / "page.html").read_text(encoding="utf-8")
    document = Document()
    document.add_paragraph("关于下马关镇设施农业黄金蜜(葡萄)种植项目绩效目标设定的公示")
    for text in re.findall(r"<p>(.*?)</p>", page):
        document.add_paragraph(html.unescape(text))
    path = tmp_path / "下马关镇绩效目标公示.docx"
    document.save(str(path))
    report = import_file(path, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.FAILED and not report.written
    assert "附件「下马关镇设施农业黄金蜜(葡萄)种植项目绩效目标设定表.xlsx」" in str(report.failure)
    assert "自评表" not in str(report.failure)


@pytest.mark.parametrize(("lines", "attached"), [
    (["附件:下马关镇设施农业黄金蜜(葡萄)种植项目绩效目标设定表.xlsx"], "下马关镇设施农业黄金蜜(葡萄)种植项目绩效目标设定表.xlsx"),
    (["附件：1.某项目绩效目标表.xlsx"], "某项目绩效目标表.xlsx"), (["附件2:某项目绩效目标申报表.docx"], "某项目绩效目标申报表.docx"),
    (["附件：某项目绩效自评表.xlsx"], None), (["附件：资金分配表.xlsx"], None), (["附件:兵团本级财政衔接推进乡村振兴补助资金绩效目标表"], None),
])
def test_which_attachment_holds_the_target_table(lines: list[str], attached: str | None) -> None:
    """Only an attached file named a 目标表 is the table (a 自评表 or an allocation list is not); a line naming
    the 目标表 without a file (k01's notice, the table printed below it) names no attachment."""
    from perfsite.importing.target_form import attached_target_table

    said = attached_target_table(lines)
    assert (f"附件「{attached}」" in said) if attached else not said
