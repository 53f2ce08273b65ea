"""Four import/check leftovers: the 「标签 | 金额」 note on rows written only, a 部门整体 marks form named
the same way before and after `--name`, 邯郸's 「预算执行进度(%)」 read as the printed 执行率, and no
absurd 完成率 in a 提示 for a bare actual beside a target in 万元."""

from __future__ import annotations

from pathlib import Path

from forms.make import load_form
from test_import_layout import draft_of, grid

from perfsite.importing.assemble import Hints

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
