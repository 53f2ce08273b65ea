"""A workbook set to recalculate on opening (``<calcPr fullCalcOnLoad="1"/>``, as XlsxWriter, openpyxl
and template-filling programs write it): Excel shows each formula's result afresh, not the one saved
beside it (XlsxWriter saves 0, a filled template keeps its old results). Its simple formulas are
calculated from each other's recalculated results and read as Excel shows them, each differing one
named; a figure not calculated here stays refused; a text not calculated here is read blank and named."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import load_workbook
from test_import_builders import central_xlsx
from test_redteam_import import rezip, run


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The central 自评表 (得分 in H13:H21, 合计 H22, 备注 in I), built once."""
    return central_xlsx(tmp_path_factory.mktemp("stale") / "form.xlsx")


def generated(form: Path, tmp: Path, cells: dict[str, tuple[str, str, str]]) -> Path:
    """`form` with each cell → (formula, the result saved beside it, its type), the workbook set to
    recalculate on opening as openpyxl writes it."""
    made = tmp / "made.xlsx"
    shutil.copy(form, made)
    book = load_workbook(str(made))
    for ref, (formula, _, _) in cells.items():
        book.active[ref] = f"={formula}"
    book.save(str(made))

    def saved(xml: str) -> str:
        assert 'fullCalcOnLoad="1"' not in xml  # the sheet; the workbook part holds the setting
        for ref, (formula, result, kind) in cells.items():
            cell = f'<c r="{ref}" t="{kind}"><f>{escape(formula)}</f><v>{escape(result)}</v></c>'
            xml, found = re.subn(rf'<c r="{ref}"[^>]*>.*?</c>', cell, xml, count=1)
            assert found == 1
        return xml

    with zipfile.ZipFile(made) as z:
        assert 'fullCalcOnLoad="1"' in z.read("xl/workbook.xml").decode()
    return rezip(made, tmp / "generated.xlsx", "xl/worksheets/sheet1.xml", saved)


def test_stale_results_are_calculated_from_the_recalculated_cells(form: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = generated(form, tmp_path, {
        "H13": ("G13", "10", "n"),               # saved as calculated: nothing to say
        "H14": ("G14", "0", "n"),                # XlsxWriter's 0
        "H22": ("H6+SUM(H13:H21)", "0", "n"),    # with H14's 0 it would be 89.92
        "I15": ('"见"&D15', "模板旧备注", "str"),  # not simple, but no figure: the rest is read
    })
    code, out, written = run(tmp_path, path, capsys)
    assert code == 0 and len(written) == 1
    assert "H14（=G14，保存的结果是「0」，算得「10」）" in out
    assert "H22（=H6+SUM(H13:H21)，保存的结果是「0」，算得「99.92」）" in out
    assert "H13（" not in out
    assert "I15（=\"见\"&D15，保存的结果是「模板旧备注」）" in out and "已按空白导入" in out
    text = written[0].read_text(encoding="utf-8")
    assert text.count("score: 10\n") == 9 and "score: 0\n" not in text and "模板旧备注" not in text


def test_a_stale_figure_not_calculated_here_stays_refused(form: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """MAX is not calculated here: the 0 saved beside it may or may not be the score Excel shows."""
    path = generated(form, tmp_path, {"H14": ("MAX(G14,0)", "0", "n"), "H15": ("G15", "0", "n")})
    code, out, written = run(tmp_path, path, capsys)
    assert (code, written) == (1, [])
    assert "H14 是公式（=MAX(G14,0)），保存的结果是「0」" in out and "打开时重新计算全部公式" in out
    assert "算不出表上显示的数" in out and "H15" not in out  # the simple one is no reason to refuse
