"""A print area that leaves out the 总分 row: the row is named with its figures, apart from the other
cells outside the area, and said not to be the published total (the page then says 原文未公布总分)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.cli import main

FORM = Path(__file__).parent / "forms_trial5" / "t5imp1" / "河西村特色种养补贴到户项目自评表（保护隐藏打印区域）.xlsx"


def test_a_total_row_outside_the_print_area_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(FORM), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    (written,) = tmp_path.rglob("*.yaml")
    assert "reported" not in yaml.safe_load(written.read_text(encoding="utf-8"))  # the area is what was published
    assert ("工作表「自评表」的「总分」行 A20「总分」、G20「100」、H20「100」在打印区域（A1:I19）以外："
            "没有导入，未作为公布的总分（或合计）") in out
    # the other cells outside the area are listed as before, without the total row's
    assert "区域以外的内容没有导入：J10「上年得分」、J12「7」、J13「7」、J14「7」、J15「7」等 9 格" in out
