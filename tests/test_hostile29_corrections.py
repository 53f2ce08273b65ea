"""A 更正记录 that says a figure was corrected where the file still publishes the old one: the page
prints the record beside the figure, and the downloads and JSON carry the figure the record says
was wrong. `perfsite check` tells the clerk which cell and line (a 提示: the file stays valid),
for a figure the record names plainly; the seed data's record agrees with its figures."""

from __future__ import annotations

import textwrap
from pathlib import Path

from perfsite.dataset import load_document
from perfsite.siteconfig import SiteConfig

HEAD = """\
    name: 学生资助
    year: 2023
    department: 示例县教育局
    published: 2024-03-01
    corrections:
      - date: 2024-04-01
        what: {what}
        why: 原表录入时数字顺序颠倒
    indicators:
      - {{level1: 产出指标, level2: 数量指标, name: 资助人数, weight: 50, target: "≥1000人", actual: "{actual}", score: 50}}
      - {{level1: 效益指标, level2: 满意度指标, name: 满意度, weight: 50, target: "≥90%", actual: "95%", score: {score}}}
    reported: {{score: {total}}}
    """


def _told(tmp_path: Path, what: str, actual: str = "1,200人", score: str = "50", total: str = "100") -> list[str]:
    path = tmp_path / "2023" / "zizhu.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(HEAD.format(what=what, actual=actual, score=score, total=total)), encoding="utf-8")
    _, _, problems = load_document(path, tmp_path, SiteConfig(), tmp_path)
    return [p.as_text() for p in problems if "更正记录第" in p.message]


def test_a_figure_the_record_corrected_but_the_file_kept_is_told_with_its_line(tmp_path: Path) -> None:
    [told] = _told(tmp_path, "资助人数的实际完成值由 1,200人 更正为 1,020人", actual="1,200人")
    assert told.startswith("2023/zizhu.yaml:7: corrections[1].what: 提示：")
    assert "实际完成值由「1,200人」更正为「1,020人」，而本文件第 10 行的实际完成值是「1,200人」" in told
    assert "请按更正后的「1,020人」改正第 10 行" in told


def test_the_total_and_a_score_named_by_the_clause_before(tmp_path: Path) -> None:
    told = _told(tmp_path, "满意度的实际完成值由 59% 更正为 95%，该项得分由 30 更正为 50，总分由 80 更正为 100",
                 score="30", total="80")
    assert len(told) == 2
    assert "指标「满意度」的得分由「30」更正为「50」，而本文件第 11 行的得分是「30」" in told[0]
    assert "总分由「80」更正为「100」，而本文件第 12 行的总分是「80」" in told[1]


def test_a_record_that_agrees_or_names_no_cell_plainly_says_nothing(tmp_path: Path) -> None:
    assert _told(tmp_path, "资助人数的实际完成值由 1,020人 更正为 1,200人；总分由 99 更正为 100.00") == []
    assert _told(tmp_path, "第二页表格中的数字由 5 更正为 6") == []  # no cell named: nothing to hold it to
    # the latest entry naming a cell is the one in force
    assert _told(tmp_path, "资助人数的实际完成值由 1,000人 更正为 1,100人，资助人数的实际完成值由 1,100人 更正为 1,200人") == []


def test_the_seed_records_agree_with_their_figures() -> None:
    seed = Path(__file__).resolve().parent.parent / "data"
    path = seed / "2022" / "jiaoyu" / "yingyang-gaishan.yaml"
    _, _, problems = load_document(path, seed, SiteConfig(), seed)
    assert not [p for p in problems if "更正记录第" in p.message]


def test_a_target_tables_record_is_held_to_its_indicator_value(tmp_path: Path) -> None:
    """The seed 绩效目标表 records 供餐学校数 corrected from 45 to 46 所: a copy still saying 45 is told."""
    seed = (Path(__file__).resolve().parent.parent / "data" / "2022" / "jiaoyu" / "yingyang-gaishan-mubiao.yaml")
    text = seed.read_text(encoding="utf-8")
    assert "name: 供餐学校数\n    nature: \"≥\"\n    target: 46\n" in text
    path = tmp_path / "2022" / "yingyang-gaishan-mubiao.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text.replace("name: 供餐学校数\n    nature: \"≥\"\n    target: 46\n",
                                 "name: 供餐学校数\n    nature: \"≥\"\n    target: 45\n"), encoding="utf-8")
    _, _, problems = load_document(path, tmp_path, SiteConfig(), tmp_path)
    [told] = [p.as_text() for p in problems if "更正记录第" in p.message]
    assert "指标「供餐学校数」的指标值由「45 所」更正为「46 所」，而本文件第 46 行的指标值是「45」" in told
    _, _, problems = load_document(seed, seed.parents[2], SiteConfig(), seed.parents[2])
    assert not [p for p in problems if "更正记录第" in p.message]
