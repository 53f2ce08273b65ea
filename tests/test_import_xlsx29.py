"""Spreadsheets: a recalculated workbook's formula not calculated here (read as saved where no figure
is published from it), an export's saved errors, links, and the workbook shapes units really send."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_builders import central_xlsx
from test_import_xlsx28_stale import generated
from test_redteam_import import run


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The central 自评表 (得分 in H13:H21, 合计 H22, 备注 in I), built once."""
    return central_xlsx(tmp_path_factory.mktemp("xlsx29") / "form.xlsx")


def test_a_stale_number_beside_the_form_is_read_and_named(form: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """J13 =ROW()-12 (a check beside the form, saved 1) is no figure the form publishes: the file is read,
    the cell named; before, one such cell refused the whole workbook."""
    path = generated(form, tmp_path, {"J13": ("ROW()-12", "1", "n"), "H14": ("G14", "0", "n")})
    code, out, written = run(tmp_path, path, capsys)
    assert code == 0 and len(written) == 1
    assert "J13 是公式（=ROW()-12），保存的结果是「1」" in out and "已按文件中保存的结果导入" in out
    assert "H14（=G14，保存的结果是「0」，算得「10」）" in out
    assert written[0].read_text(encoding="utf-8").count("score: 10\n") == 9


def test_a_stale_number_published_as_a_figure_is_refused_naming_it(form: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The same formula as an indicator's 得分 (H15) and beside the form (J13): only the 得分 is named."""
    path = generated(form, tmp_path, {"J13": ("ROW()-12", "1", "n"), "H15": ("ROW()-5", "10", "n")})
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    assert "H15 是公式（=ROW()-5），保存的结果是「10」" in out and "打开时重新计算全部公式" in out
    assert "J13" not in out
