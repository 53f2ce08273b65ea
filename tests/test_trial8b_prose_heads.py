"""A page that prints each programme's target as headings and paragraphs over a bare indicator table (慈溪
2023 重大政策和项目绩效目标情况, tests/forms_trial8b): the programme's name from its heading, the 中长期 goal
from the paragraph under its heading, the table's set from the caption above it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.cli import main
from perfsite.importing.target_form import heading_name

FORM = Path(__file__).parent / "forms_trial8b" / "cixi-yingyouer-zhaohu-mubiao.docx"


def _imported(tmp: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    main(["import", str(FORM), "--out", str(tmp / "out")])
    [written] = sorted((tmp / "out").rglob("*.yaml"))
    return capsys.readouterr().out, written.read_text(encoding="utf-8")


def test_the_name_is_read_from_the_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It failed: 「找不到项目名称（表格中的「项目名称」）：可用 --name 指定」."""
    out, text = _imported(tmp_path, capsys)
    assert yaml.safe_load(text)["name"] == "3岁以下婴幼儿照护服务项目"
    assert "# 原表没有「项目名称」一栏：项目名称取自表格上方的标题「3岁以下婴幼儿照护服务项目项目绩效目标」。" in text
    assert "请核对" in out.split("取自表格上方的标题")[1].splitlines()[0]


def test_the_midterm_goal_and_the_caption_above_the_table_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 中长期 goal was lost without a word and its indicators were taken as the year's with none."""
    out, text = _imported(tmp_path, capsys)
    data = yaml.safe_load(text)
    assert str(data["midterm_goal"]).startswith("坚持政府引导、家庭为主") and str(data["midterm_goal"]).endswith("托位数4.5个。")
    assert "annual_goal" not in data and "参保城乡居民" not in text  # the next programme's paragraphs are not this one's
    assert len(data["indicators"]) == 11 and data["indicators"][-1] == {
        "level1": "满意度指标", "level2": "满意度指标", "name": "社会公众满意度", "target": "≥90%"}
    assert "表1 的绩效指标标为中期（长期、实施期）指标，没有年度指标" in out


@pytest.mark.parametrize(("heading", "name"), [
    ("3岁以下婴幼儿照护服务项目项目绩效目标", "3岁以下婴幼儿照护服务项目"),
    ("农村公路养护项目绩效目标表", "农村公路养护项目"),
    ("2023年慈溪市重大政策和项目绩效目标情况", ""), ("部门整体支出绩效目标表", ""), ("项目支出绩效目标表", ""),
    ("（一）中长期绩效目标", ""), ("年度绩效目标", ""), ("总体绩效目标", ""),
])
def test_a_heading_names_a_programme_only_when_it_names_one(heading: str, name: str) -> None:
    assert heading_name(heading) == name


def test_the_next_programme_cut_before_its_table_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The page goes on with 「参保城乡居民健康体检经费项目项目绩效目标」 and its goal, cut before its table: it was
    passed over without a word (paragraphs are not listed as unplaced)."""
    out, _ = _imported(tmp_path, capsys)
    assert ("最后一张表格之后还有「参保城乡居民健康体检经费项目项目绩效目标」，但其后没有指标表（原文可能在这里被截断）：未导入"
            in out)



def test_the_next_programme_with_a_table_is_a_file_of_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The page as it goes on past the excerpt, **constructed**: the next programme's heading and goal (as printed),
    then 「(三)年度绩效指标」 and a table (the first one's, copied). Its year is the page's 「2023年慈溪市…情况」."""
    import copy

    from docx import Document

    doc = Document(str(FORM))
    caption = doc.add_paragraph("(三)年度绩效指标")
    caption._p.addnext(copy.deepcopy(doc.tables[0]._tbl))
    doc.save(str(path := tmp_path / "慈溪.docx"))
    main(["import", str(path), "--out", str(tmp_path / "out")])
    written = {yaml.safe_load(f.read_text(encoding="utf-8"))["name"]: yaml.safe_load(f.read_text(encoding="utf-8"))
               for f in (tmp_path / "out").rglob("*.yaml")}
    second = written["参保城乡居民健康体检经费项目"]
    assert second["year"] == 2023 and len(second["indicators"]) == 11
    assert str(second["midterm_goal"]).startswith("优化城乡居民体检制度")
    assert str(written["3岁以下婴幼儿照护服务项目"]["midterm_goal"]).startswith("坚持政府引导")
    assert "最后一张表格之后还有" not in capsys.readouterr().out
