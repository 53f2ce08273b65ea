"""A 绩效标准 column holding explanations (鄂州 市直, tests/forms_trial7/t7imp1) is read cell by cell: 「反映…」 is the
indicator's explanation, a standard (「不超预算」) stays the basis the header names."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_t7imp1_blocks import FORMS, imported


def test_a_standard_among_explanations_stays_the_basis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "out", capsys)
    items = data["indicators"]
    assert isinstance(items, list)
    assert items[0]["explanation"] == "反映办公大楼全年维修维护情况" and "basis" not in items[0]
    assert items[-1]["name"] == "成本控制率"
    assert items[-1]["basis"] == "不超预算" and "explanation" not in items[-1]  # was published as its explanation
    assert "其余 1 格（「不超预算」）不是解释，仍按设定依据写入 basis" in out
