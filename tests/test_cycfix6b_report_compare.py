"""The 自评 beside its 评价报告 (perfsite.report_compare): amounts in units of one measure are read
as the comparison with the 绩效目标表 reads them, and indicators are paired as it pairs them
(red-team cut-downs of /tmp/redteam6 R1, R2)."""

from __future__ import annotations

from perfsite.report_compare import _same, compare
from perfsite.siteconfig import SiteConfig


def _side(indicators, score="92", grade="优秀"):
    return {"url": "projects/2024/atk/", "score": score, "grade": grade, "indicators": [list(i) for i in indicators]}


def test_amounts_in_units_of_one_measure_are_the_same():
    assert _same("120万元", "1200000元") and _same("1.2万人", "12,000人") and _same("100公里", "100000米")
    assert _same("0.5亿元", "5000万元") and _same("2吨", "2000公斤")


def test_amounts_that_differ_or_do_not_convert_differ():
    assert not _same("120万元", "120元") and not _same("86%", "86") and not _same("86", "86万元")
    assert not _same("100人", "100人次") and not _same("3天", "72小时")


def test_a_report_writing_the_level_another_way_keeps_an_indicator_the_self_evaluation_has_twice():
    """The report writes 一级 `产出` where the 自评 writes 产出指标, and the 自评 has 培训人数 twice:
    the report's 80人 is set beside the 自评's, not left out."""
    own = _side([("产出指标", "数量指标", "培训人数", "120人"), ("产出指标", "数量指标", "培训人数", "120人"),
                 ("满意度指标", "服务对象满意度指标", "群众满意度", "96%"),
                 ("产出指标", "数量指标", "资金投入", "120万元")], score="100", grade="优")
    report = _side([("产出", "数量指标", "培训人数", "80人"), ("效益", "社会效益指标", "群众满意度", "96.0%"),
                    ("产出", "数量指标", "资金投入", "1200000元")])
    rows = compare(own, report, SiteConfig())["rows"]
    shown = [(r["label"], r["self"], r["report"], r["differs"]) for r in rows[2:]]
    assert shown == [("培训人数", "120人", "80人", True), ("群众满意度", "96%", "96.0%", False),
                     ("资金投入", "120万元", "1200000元", False)]


def test_a_side_that_states_nothing_is_not_a_difference():
    """A report giving a grade and no total, or leaving an actual blank, says nothing to differ with:
    not stated, never ⚠ 不同, and the agreeing sentence names only what both state."""
    own = _side([("产出指标", "数量指标", "培训人数", "120人"), ("产出指标", "质量指标", "合格率", "98%")])
    report = _side([("产出", "数量指标", "培训人数", ""), ("产出", "质量指标", "合格率", "98.0%")], score=None, grade="优")
    c = compare(own, report, SiteConfig())
    shown = [(r["label"], r["stated"], r["differs"]) for r in c["rows"]]
    assert shown == [("总分", False, False), ("等级", True, False), ("培训人数", False, False), ("合格率", True, False)]
    assert c["differing"] == 0


def test_the_pages_say_not_stated_and_agree_only_on_what_both_state():
    from perfsite.site.render import standard

    own = _side([("产出指标", "数量指标", "培训人数", "120人"), ("产出指标", "质量指标", "合格率", "98%")])
    report = _side([("产出", "数量指标", "培训人数", ""), ("产出", "质量指标", "合格率", "98.0%")], score=None, grade="优")
    c = compare(own, report, SiteConfig())
    template = standard().env.from_string('{% include "_report_compare.html" %}')
    line = template.render(report_compared=c, url=lambda u: "/" + u)
    table = template.render(report_compared=c, url=lambda u: "/" + u, compare_table=True)
    assert "的等级和 1 项共有指标的实际值一致" in line and "总分" not in line
    assert "一方未载明" in table and "⚠ 不同" not in table and "与本报告的等级和 1 项共有指标的实际值一致" in table
