"""A footnote mark after an amount (「114¹」 a raised 1, 「100.00*」, 「120①」) is read as after a
figure cell: the amount, the mark named in the note, by the one reader (`footnote_mark`,
`mark_note`). A mark never joins the digits (「114²」 is no 1142), and a text no amount stays refused.
Form: tests/forms_redteam4/v28_richtext_sup_xlsx.xlsx (执行数 114 + Excel 上标 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_import_layout import run_import

from perfsite.importing.assemble import Draft, _budget_row

FORMS = Path(__file__).resolve().parent / "forms_redteam4"


@pytest.mark.parametrize(("text", "figure", "mark"), [("114¹", "114", "¹"), ("100.00*", "100.00", "*"),
                                                      ("120①", "120", "①"), ("1,234.50万元※", "1234.50", "※")])
def test_an_amount_with_a_mark_is_the_amount_and_the_mark_is_said(text: str, figure: str, mark: str) -> None:
    draft = Draft()
    assert str(_budget_row(draft, "spent", {"total": text, "fiscal": text}, "万元", "")) == figure
    said = [n for n in draft.notes if "脚注标记" in n]
    assert said == [f"预算表 全年执行数「{text}」末尾的「{mark}」是脚注标记，按「{text.removesuffix(mark)}」读取："
                    "请对照原件核对表下对应的脚注，需要时写进备注"], draft.notes
    assert not [n for n in draft.notes if "不是金额" in n]


def test_text_that_is_no_amount_is_still_refused() -> None:
    draft = Draft()
    assert _budget_row(draft, "spent", {"total": "见附表*"}, "万元", "") is None
    assert draft.notes == ["预算表 全年执行数的「见附表*」不是金额，未写入"]


def test_the_excel_superscript_after_an_amount_is_read_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, said = run_import(tmp_path, FORMS / "v28_richtext_sup_xlsx.xlsx", capsys)
    budget = yaml.safe_load(out.read_text(encoding="utf-8"))["budget"]
    assert str(budget["spent"]) == "114" and "不是金额" not in said, budget
    assert "全年执行数「114²」末尾的「²」是脚注标记，按「114」读取" in said
