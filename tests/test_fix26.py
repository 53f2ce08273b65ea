"""Four import/check leftovers: the 「标签 | 金额」 note on rows written only, a 部门整体 marks form named
the same way before and after `--name`, 邯郸's 「预算执行进度(%)」 read as the printed 执行率, and no
absurd 完成率 in a 提示 for a bare actual beside a target in 万元."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from forms.make import load_form, make
from test_import_layout import draft_of, grid

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Options, import_file
from perfsite.importing.tables import unplaced
from perfsite.model import Indicator, Rule, RuleType
from perfsite.rules import Context, Outcome, Status, apply_rule
from perfsite.siteconfig import SiteConfig

HAINAN = Path(__file__).resolve().parent / "forms_trial2" / "t01-hainan-fuwumaoyi"


def _hainan(printed: str) -> list[str]:
    form = load_form(HAINAN)
    for r, row in enumerate(form.rows):
        form.rows[r] = ["###" if text == printed else text for text in row]
    draft, _ = draft_of(grid(form.rows, tuple(form.merges)), hints=Hints(year="2019"))
    return [n for n in draft.notes if "「标签 | 金额」" in n]


def test_the_label_value_note_names_the_rows_written_only() -> None:
    """海南's 实际到位资金 398.88 printed 「###」 is not written; the note said it was read (实际到位资金（funded）)."""
    assert _hainan("398.88") == ["表1的资金写作「标签 | 金额」：读作 全年预算数（budget）、全年执行数（spent）；「计划投资额」是本表"
                                 "唯一的预算数，写作全年预算数，执行率以它为分母，请核对"]
    assert _hainan("无此数") == ["表1的资金写作「标签 | 金额」：读作 全年预算数（budget）、实际到位资金（funded）、全年执行数（spent）；"
                                "「计划投资额」是本表唯一的预算数，写作全年预算数，到位率、执行率以它为分母，请核对"]


JIADING = Path(__file__).resolve().parent / "forms_dept26" / "e03-jiading-pingjia-jigou-kaohe"


@pytest.mark.parametrize("kind", [".xlsx", ".docx"])
def test_marks_for_an_evaluation_firm_say_what_they_are_with_or_without_a_name(tmp_path: Path, kind: str) -> None:
    """嘉定's 评价机构考核表 (tests/forms_dept26/e03): the first message asked for --name; given one, the import
    said it found no indicator table. Both now say what the file is, the same words."""
    [path] = [p for p in make(JIADING, tmp_path / "in") if p.suffix == kind]
    failures = {import_file(path, Options(tmp_path / "out", hints=hints), SiteConfig(), set()).failure
                for hints in (Hints(), Hints(name="2018年上海保利大剧院演出、管理运行及能源费补贴项目"))}
    assert failures == {"没有找到绩效指标表（原表写有「评价机构名称:上海立丰税务师事务所有限公司」，是委托单位给第三方评价机构打分的"
                        "工作考核表：打分的是评价机构的工作（人员、沟通、报告质量），不是项目的绩效自评表或绩效目标表，表中的分数"
                        "不是项目的得分，不能导入发布；请导入该项目的绩效评价报告或自评表，用 --name 指定名称也无法导入）"}


CHENGAN = Path(__file__).resolve().parent / "forms_layouts" / "l10-chengan-gaoling"


@pytest.mark.parametrize(("printed", "said"), [("100.00", None), ("90.00", "预算表印出的执行率 90.00% 与计算的 100.00% 不一致，请核对")])
def test_a_printed_execution_progress_is_the_rate_checked(printed: str, said: str | None) -> None:
    """邯郸's 「预算执行进度(%) | 100.00」 (tests/forms_layouts/l10) under a row of heads that opens with its part's
    name 「二、预算执行情况」: the rate and its head were listed as unplaced, and never checked against 6.84 / 6.84."""
    form = load_form(CHENGAN)
    assert form.rows[3][10] == "100.00"
    form.rows[3][10] = printed
    g = grid(form.rows, tuple(form.merges))
    draft, found = draft_of(g)
    assert [n for n in draft.notes if "执行率" in n] == ([said] if said else [])
    left = unplaced([g], found.used)
    assert not [u for u in left if u.startswith(("表1 第3行", "表1 第4行"))], left


def _scored(target: str, actual: str) -> Outcome:
    indicator = Indicator("产出指标", "成本指标", "项目成本", Decimal(10), target, actual, score=Decimal(10),
                          rule=Rule(RuleType.AUTO, {}))
    return apply_rule(indicator, Context(SiteConfig(), None))


@pytest.mark.parametrize(("target", "actual", "completion", "reading"), [
    ("≤90万元", "90", "100.00", "实际值「90」没有写单位，读作 90万元；"),
    ("≥90", "90万元", "100.00", "目标值「≥90」没有写单位，读作 90万元；"),
])
def test_a_bare_figure_beside_wan_yuan_shows_the_rate_of_the_reading_that_makes_sense(
        target: str, actual: str, completion: str, reading: str) -> None:
    """A bare 90 beside ≤90万元 was read first as 90元: the score was right (every reading gives full marks), the
    page showed 完成率 1000000% and a 提示 asked for a 万 the other reading had already taken."""
    out = _scored(target, actual)
    assert (out.status, out.score, out.completion) == (Status.COMPUTED, Decimal("10.00"), Decimal(completion))
    assert out.explanation.startswith(reading)
    assert not out.findings

