"""福建's 水利专项 目标表 (tests/forms_trial8b: 安溪县 2022, 秀屿区 2025) and 龙岩's 专项转移支付 目标表 (2023) give each
town or county its own column of targets, and 秀屿's
指标方向 column holds the signs: the failure says what the clerk can do; done (one column 「指标值」), the form reads whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.cli import main

FORMS = Path(__file__).parent / "forms_trial8b"


def _imported(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, object]]:
    main(["import", str(path), "--out", str(out)])
    files = sorted(out.rglob("*.yaml"))
    return capsys.readouterr().out, (yaml.safe_load(files[0].read_text(encoding="utf-8")) if files else {})


@pytest.mark.parametrize(("form", "places"), [
    ("xiuyu-shuili-qipi-mubiao.docx", "（第7行第7列「笏石街道办」、第7行第8列「埭头镇」）"),
    ("anxi-shuili-qipi-mubiao.docx", "（第5行第6列「西坪镇尧山村」、"),
    ("longyan-zongjiao-jingfei-mubiao.docx", "（第9行第6列「新罗区」、"),  # under 「区域目标值」 spanning them
])
def test_a_column_of_targets_a_town_is_said_as_such(form: str, places: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """It was told to head one of them 「指标值」, which would publish one town's targets as the programme's."""
    out, data = _imported(FORMS / form, tmp_path / "out", capsys)
    assert not data
    assert f"但没有「指标值」一栏，而是每个地方一栏{places}" in out
    assert "请向填报单位要整个项目的指标值" in out and "请把写指标值的那一栏的表头改为" not in out


def test_the_form_with_one_column_of_targets_reads_its_name_and_signs(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The programme 「省级第七批水利专项资金」 was read as a 财政拨款 label (「找不到项目名称」), and the 指标方向 column
    was dropped for its one 「是/否」: the 成本控制率's 「≤」 lost, 100% read as ≥."""
    out, data = _imported(FORMS / "xiuyu-one-column.docx", tmp_path / "out", capsys)
    assert data["name"] == "省级第七批水利专项资金" and data["department"] == "秀屿区水利局" and data["year"] == 2025
    assert data["funds"] == {"unit": "万元", "total": 35, "fiscal": 35, "other": 0}
    items = data["indicators"]
    assert isinstance(items, list)
    assert [(i["name"], i["target"]) for i in items[:4]] == [
        ("省级财政专项资金投入成本控制率(%)", "≤100%"), ("开展修复工程(个)", "≥1"), ("已建工程是否存在质量问题", "否"),
        ("截至2026年12月底,项目开展率(%)", "≥100%")]
    assert "「指标方向」一列填的是 ≥、≤、=、定性、定量：按指标性质读入" in out


def test_a_list_s_header_above_the_form_names_no_programme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """安溪's notice puts its 安排表 (「序号 | 乡镇名称 | 项 目 名 称 | 金额 | 备注」) above the 目标表: the programme was named
    「金额」, the cell beside that header, and the form's own 「项目名称 | 省级第七批水利专项资金」 lost."""
    out, data = _imported(FORMS / "anxi-one-column.docx", tmp_path / "out", capsys)
    assert data["name"] == "省级第七批水利专项资金" and data["department"] == "安溪县水利局"
    assert data["funds"] == {"unit": "万元", "total": 100, "fiscal": 100}
    assert "表1 第1行第4列：金额" in out  # the list is left unplaced, cell by cell
