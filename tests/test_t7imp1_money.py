"""Money lines one a row under a merged 资金总额及构成 label (宁乡坝塘镇, tests/forms_trial7/t7imp1)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_t7imp1_blocks import FORMS, imported

from perfsite.cli import main


@pytest.mark.parametrize("form", ["d-min-money-rows.docx", "d-colon.docx", "d-ningxiang-batang-mubiao.docx"])
def test_money_lines_one_a_row_under_a_merged_label_are_the_funds(
        form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / form, tmp_path / "out", capsys)
    funds = data["funds"]
    assert isinstance(funds, dict)
    assert funds["unit"] == "万元"
    assert Decimal(str(funds["total"])) == Decimal("10606.7522")
    assert Decimal(str(funds["fiscal"])) == Decimal("6923.3552")
    assert Decimal(str(funds["other"])) == Decimal("3683.3970")
    assert "资金：未写明" not in out and "财政拨款:6923.3552万元" not in out.split("未能归位")[-1]


def test_the_fiscal_line_s_breakdown_is_said_not_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(FORMS / "d-ningxiang-batang-mubiao.docx"), "--out", str(tmp_path / "out")])
    capsys.readouterr()
    text = next((tmp_path / "out").rglob("*.yaml")).read_text(encoding="utf-8")
    assert "上级财政资金:6923.3552万元" in text and "本级财政:0万元" in text
