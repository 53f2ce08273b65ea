"""Lifecycle forms: a 目标表 as adjusted mid-year takes its 调整后指标值 as the target in force, as a 自评表
does; a file's notes reach the form they are about; a merged form names what it left out."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Prepared, prepare
from perfsite.importing.writer import dump


def _book(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    for r, line in enumerate(rows, 1):
        for c, text in enumerate(line, 1):
            book.active.cell(r, c).value = text or None
    book.save(path)
    return path


def _adjusted_targets(tmp_path: Path, target_word: str) -> Prepared:
    return prepare(_book(tmp_path / "目标表.xlsx", [
        ["项目支出绩效目标表（2024年度）"],
        ["项目名称", "学生营养改善", "", "", "主管部门", "示例县教育局"],
        ["年度目标", "为1200名学生提供营养膳食补助"],
        ["一级指标", "二级指标", "三级指标", target_word, "调整后指标值", "指标解释"],
        ["产出指标", "数量指标", "受益学生人数", "≥1200人", "≥1100人", "享受补助的学生"],
        ["产出指标", "成本指标", "生均每天补助标准", "≤5元", "/", ""],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "", ""]]), Hints())


def test_a_target_table_as_adjusted_mid_year_takes_the_adjusted_target_and_keeps_the_initial_in_a_comment(
        tmp_path: Path) -> None:
    """A 目标表 printing 年初指标值 | 调整后指标值: the adjusted one is the year's target, as the 自评 reader takes it
    (the two then compare alike); a blank or 「/」 keeps the 年初 one; the note names each adjusted cell with the
    年初 target, and the file keeps it above the target. The 年初 header was refused (no 指标值 column), and
    beside 年度指标值 the adjusted cells were listed as unplaced, the 年初 targets written."""
    for word in ("年初指标值", "年度指标值"):
        item = _adjusted_targets(tmp_path, word)
        assert item.report.failure == "", item.report.failure
        assert [i["target"] for i in item.draft.data["indicators"]] == ["≥1100人", "≤5元", "≥90%"]
        said = [note for note in item.report.notes if "调整后指标值」一列" in note]
        assert len(said) == 1 and "E5「≥1100人」（年初「≥1200人」）" in said[0] and f"其余 2 项没有填写调整后的指标值，按「{word}」读入" in said[0]
        assert not item.report.unplaced, item.report.unplaced
        text = dump(item.draft.data, item.draft.comments)
        assert "年初指标值为「≥1200人」" in text.split("target: \"≥1100人\"")[0].rsplit("name:", 1)[1]
