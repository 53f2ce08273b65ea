"""A filled `perfsite template`: its 项目信息 网址编号 names the file; an amount Excel stored beyond
15 significant digits is left out with a comment in the file, not only a line on the screen."""

from __future__ import annotations

from pathlib import Path

from test_import_template import fill_template
from test_import_word import imported

from perfsite.cli import main

FACTS = {"项目名称": "浮点项目", "评价年度": 2023, "主管部门": "红队局", "公布总分": 100, "公布等级": "优", "金额单位": "万元"}
ROWS = [{"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "人数", "分值": 100, "年度指标值": "≥100人",
         "实际完成值": "100人", "得分": 100}]


def _template(tmp_path: Path, facts: dict[str, object], budget: dict) -> Path:
    assert main(["template", "--out", str(tmp_path / "t.xlsx")]) == 0
    return fill_template(tmp_path / "t.xlsx", facts, budget, ROWS, {})


def test_the_templates_web_id_names_the_file(tmp_path: Path) -> None:
    path = _template(tmp_path, {**FACTS, "网址编号": "rt3-x"}, {"spent": {"county": 0.3}})
    [out] = imported(tmp_path, path)
    assert out.name == "rt3-x.yaml"
    assert "文件名 rt3-x 即网址编号（id），取自原表的网址编号" in out.read_text(encoding="utf-8")


def test_a_web_id_that_is_no_id_falls_back_to_the_pinyin(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _template(tmp_path, {**FACTS, "网址编号": "RT 3"}, {"spent": {"county": 0.3}})
    [out] = imported(tmp_path, path)
    assert out.name == "fudian.yaml"
    assert "网址编号「RT 3」只能由小写字母、数字和连字符组成，未采用" in capsys.readouterr().out


def test_an_amount_beyond_15_digits_is_left_out_with_a_comment(tmp_path: Path) -> None:
    # the clerk typed 123456789012345678; Excel keeps 1.23456789012346E+17
    path = _template(tmp_path, FACTS, {"budget": {"county": 123456789012345678}, "spent": {"county": 0.3}})
    [out] = imported(tmp_path, path)
    written = out.read_text(encoding="utf-8")
    assert "# 原表全年预算数的「123456789012346000」不是金额，未写入；请照原表补上。Excel 的数值单元格只保留 15 位有效数字" in written
