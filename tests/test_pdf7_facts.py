"""Lines printed around a PDF's ruled form, read as its facts: a label left blank is no label of the next pair."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from pdf_makers import draw_page

from perfsite.cli import main


def _form(below: list[tuple[float, float, str]]) -> bytes:
    """A one-page form: the programme's name above a ruled indicator table, `below` under it."""
    heads = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"]
    rows = [heads, ["产出指标", "数量指标", "培训人数", "50", "≥100人", "120人", "50"],
            ["效益指标", "社会效益指标", "群众满意度", "50", "≥90%", "95%", "50"],
            ["总分", "", "", "100", "", "", "100"]]
    xs = [40, 110, 190, 290, 330, 410, 490, 530]
    top, step = 140, 24
    rules = [(xs[0], top + k * step, xs[-1], top + k * step) for k in range(len(rows) + 1)]
    rules += [(x, top, x, top + len(rows) * step) for x in xs]
    texts = [(xs[c] + 3, top + r * step + 16, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text]
    facts = [(40, 80, "项目名称"), (140, 80, "乡村教师培训"), (40, 105, "主管部门"), (140, 105, "某某县教育局")]
    return draw_page(rules, facts + texts + below)


def _imported(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "2022年度乡村教师培训项目绩效自评表.pdf"
    path.write_bytes(pdf)
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(path), "--out", str(tmp_path / "out")])
    written = sorted((tmp_path / "out").rglob("*.yaml"))
    assert len(written) == 1, shown.getvalue()
    return written[0].read_text(encoding="utf-8"), shown.getvalue()


@pytest.mark.parametrize("then", ["填报日期：2023年3月1日", "填报人：张三"])
def test_a_unit_left_blank_to_be_stamped_is_not_the_next_pair(then: str, tmp_path: Path) -> None:
    """「填报单位（盖章）：」 with nothing after it, then 「填报日期：…」 apart by a gap: the unit's value is
    not the date line; the department stays the one the form names."""
    text, shown = _imported(_form([(40, 290, "填报单位（盖章）："), (300, 290, then)]), tmp_path)
    assert "department: 某某县教育局" in text, (text, shown)
    assert then not in text, text  # (before: 「原表的实施单位：填报日期：2023年3月1日」)


def test_a_unit_filled_in_on_the_line_below_the_table_is_still_read(tmp_path: Path) -> None:
    """The same line with the unit written after its label keeps the pair: only a blank label ends its row."""
    _, shown = _imported(_form([(40, 290, "填报单位（盖章）："), (160, 290, "某某县教育局"),
                                (300, 290, "填报日期：2023年3月1日")]), tmp_path)
    assert "主管部门：某某县教育局" in shown, shown
