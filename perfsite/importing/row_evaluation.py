"""Whose figure a results list's row gives, as its 备注 (or its score column's header) says it in a few words.

浙江's 专项债券 results lists (tests/forms_trial8c) print one row per programme with 评价得分/评价结果 and, in
备注, who evaluated it: 「项目单位自评」「财政部门重点评价」「主管部门委托第三方评价」「主管部门评价结果」.
三门县住建局's list for 2024 mixes them: row 1 is 87 (良) from the finance bureau's 重点评价, rows 2–5 the
units' own. Read as every row's 自评得分, the finance bureau's 87 would tell a clerk importing the unit's
自评表 (99) that the form is wrong; it is the score of another evaluation, to be checked against that
evaluation's report, not against the 自评表.
"""

from __future__ import annotations

from perfsite.schema import EVALUATIONS

SELF = EVALUATIONS[0]
"""单位自评."""
SAID_IN = frozenset({"备注", "评价方式", "评价类型", "评价主体", "评价组织方式"})
"""The columns a results list says a row's evaluation in (compared whole: 「评价结果」 is the grade)."""
_WORDS = (("第三方", "第三方评价"), ("自评", SELF), ("财政", "财政评价"), ("主管部门", "部门评价"), ("部门评价", "部门评价"))
"""In this order: 「主管部门委托第三方评价」 and 「财政局委托第三方」 are a third party's, 「财政部门重点评价」 the finance
bureau's, 「主管部门评价结果」 the department's."""


def said_evaluation(text: str) -> str:
    """The evaluation (one of `EVALUATIONS`) a short text names, or "" when it names none: only a text
    speaking of an evaluation (评价, 自评) names one — a 备注 「含上级财政资金」 or 「主管部门调整」 says nothing of who
    evaluated."""
    if "评价" not in text and "自评" not in text:
        return ""
    return next((evaluation for word, evaluation in _WORDS if word in text), "")


def score_word(evaluation: str) -> str:
    """What a row's score is called in a message: 「自评得分」, or 「财政评价得分」 for another evaluation's."""
    return "自评得分" if evaluation in ("", SELF) else f"{evaluation}得分"


def whose(evaluation: str) -> str:
    """What a row's figures are, in a message: 「财政评价的结果」; an unsaid row's are taken for a 自评's, and said so."""
    return f"{evaluation}的结果" if evaluation else "没有写明由谁评价（按自评核对）的结果"


def checks_a_form(evaluation: str) -> bool:
    """Whether a row's figures are checked against a 自评表 (a 自评's, or unsaid: most 汇总表 are the units'
    own) rather than against an evaluation report."""
    return evaluation in ("", SELF)
