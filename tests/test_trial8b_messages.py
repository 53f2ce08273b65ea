"""What the clerk is told of a target table that cannot get in: 德化's 2024 流域 目标表 (tests/forms_trial8b), a
mirror's copy in traditional characters cut after its money, has no indicator table."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main

FORMS = Path(__file__).parent / "forms_trial8b"


def test_a_target_table_cut_before_its_indicators_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It was told 「需要一张表头含「三级指标/指标名称」和「分值/权重」的表格」: a 自评表's columns."""
    main(["import", str(FORMS / "dehua-liuyu-buchang-mubiao.xlsx"), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert "失败：标题「2024年省級重點流域生態保護補償資金績效目標表」是绩效目标表，但文件中没有绩效指标表" in out
    assert "分值/权重" not in out and "请向填报单位要完整的绩效目标表" in out
    assert not list((tmp_path / "out").rglob("*.yaml"))
