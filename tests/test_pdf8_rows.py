"""A Word row cut by the page break inside a rule's sentence that opens with a figure.

雨花区发展和改革局's 部门整体支出绩效自评表 (tests/forms_dept/d08), printed from Word by LibreOffice:
the page ends after the first line of the row 新建楼堂馆所面积控制率, whose 评分标准 reads 「100%」 on
that line and 「以下(含)计满分,每超出5%扣2分,…」 on the next page. A figure under which the next
page goes on with words is no figure cut in two (「100」 | 「未完成原因另见说明」 is a new row's), so
the row was read as two indicators, 「新建楼」 with the rule 「100%」 and 「堂馆所面积控制率」.
"""

from __future__ import annotations

from perfsite.importing.pdf_reader import cut_row

LAST = [None, None, None, None, "新建楼", "5", "100%", "楼堂馆", "5"]
FIRST = ["", "", "", "", "堂馆所\n面积控\n制率", "", "以下\n(含)计\n满分,每\n超出\n5%扣\n2分,扣\n完为\n止。没\n有楼梯\n馆所项\n目的部\n门按满\n分计算",
         "所面积\n控制率\n=实际\n建设面\n积/批准\n建设面\n积\nXlO0\n%O该\n指标以\n2015\n年完工\n的新建\n楼堂馆\n所为评\n价内\n容。", ""]


def test_the_rest_of_a_rule_s_sentence_after_its_figure_is_a_cut_row() -> None:
    assert cut_row(LAST, FIRST)


def test_words_without_clauses_under_a_figure_are_still_a_new_row() -> None:
    assert not cut_row(["产出指标", "数量指标", "培训人数", "10", "100", "120", "10"],
                       ["", "", "", "", "未完成原因另见说明", "", ""])
    assert not cut_row(["产出指标", "数量指标", "培训人数", "10", "100", "120", "10"],
                       ["", "", "", "", "95,另见说明。", "", ""])  # a figure of its own first


def test_a_target_row_cut_before_its_words_value_is_a_cut_row() -> None:
    """青山区's 农村义务教育薄弱学校改造补助资金 目标表 after the 中江 自评表 in one Word file, printed by
    LibreOffice (the row 可持续影响指标 | 义务教育优质均衡发展情况 | 稳步提高 at the foot of page 5): half
    the cells going on looked like a new row's, and the indicator became two, 「义务教育优质」 and
    「均衡发展情况」 with no 指标值. The remainder leaves the row's last value, words, empty."""
    last = [None, "效益指标", "可持续影响指", "义务教育优质", "稳步提高"]
    assert cut_row(last, ["", "", "标", "均衡发展情况", ""])
    assert not cut_row(last, ["", "", "社会效益指标", "受益人数", "≥100人"])  # a new row has its value
