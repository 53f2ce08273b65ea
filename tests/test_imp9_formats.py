"""A number format's literal unit (``0"人"``, ``0.00"万元"``, ``0"分"``) is printed with the figure:
the import reads the cell as the form shows it, 「120人」 under a target of 「≥100人」, not a bare 120."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, num, text_cell, write_xlsx

from perfsite.cli import main
from perfsite.importing.xlsx_reader import read_xlsx, shown_number


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (50, '0"人"', "50人"),
    (12.5, '0.00"万元"', "12.50万元"),
    (5, '0"分"', "5分"),
    (12345, '#,##0"人次"', "12345人次"),
    (95, '0"%"', "95%"),                       # a percent sign written as text: no second 「%」
    (0.95, "0%", "95%"),
    (50, "0[$人-804]", "50人"),               # a locale's currency code names the unit
    (50, "[$-804]0", "50"),                   # a locale alone writes nothing
    (50, "0\\人", "50人"),                    # an escaped character
    (29.5, '0"分"', "30分"),
    (50, '@"人"', "50"),                      # a text format shows a number as General
    (10, '"¥"#,##0.00', "10.00"),             # a currency's sign is no unit: the table's 金额单位 says it
    (10, "[$¥-804]#,##0.00", "10.00"),
    (10, "[$$-409]#,##0.00", "10.00"),
    (540, "0[$元-804]", "540元"),             # a word is
])
def test_a_formats_literal_unit_is_read_with_the_figure(value: float, number_format: str, shown: str) -> None:
    assert shown_number(value, number_format)[0] == shown


def _form(tmp: Path, data: str) -> Path:
    formats = {164: '0"人"', 165: '0"分"', 166: '@"人"'}
    return write_xlsx(tmp / "f.xlsx", Book([Sheet("自评表", data)], formats=formats,
                                           xfs=[(0, 0), (164, 0), (165, 0), (166, 0)]))


def test_a_text_in_a_format_with_a_unit_after_its_at_sign_is_read_with_it(tmp_path: Path) -> None:
    data = form_rows().replace(text_cell("D3", "120人"), text_cell("D3", "120", 3))
    assert read_xlsx(_form(tmp_path, data))[0].rows[2][3].own == "120人"


def test_an_actual_weight_and_score_in_unit_formats_import_as_printed(tmp_path: Path) -> None:
    """培训人次's 实际完成值 is the number 120 in 0"人" (printed 「120人」); its 分值 and 得分 are 40 in
    0"分" (printed 「40分」): the actual keeps its unit, the weight and score read as a typed 「40分」."""
    data = (form_rows().replace(text_cell("D3", "120人"), num("D3", 120, 1))
            .replace(num("B3", 40), num("B3", 40, 2)).replace(num("E3", 40), num("E3", 40, 2)))
    assert main(["import", str(_form(tmp_path, data)), "--out", str(tmp_path / "out")]) == 0
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    trained = written.read_text(encoding="utf-8").split("name: 培训人次", 1)[1].split("- name:", 1)[0]
    assert trained == '\n    weight: 40\n    target: "≥100人"\n    actual: "120人"\n    score: 40\n  '


@pytest.mark.parametrize(("width", "refused"), [(8, True), (12, False)])
def test_a_figure_its_unit_makes_too_wide_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     width: float, refused: bool) -> None:
    """「12345.00万元」 is 7 digits, a point and two Chinese characters: in 8 characters Excel prints 「####」."""
    from test_import_excel_shown import _wide_form

    code = main(["import", str(_wide_form(tmp_path, "E6", 12345, '0.00"万元"', width)), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert (code == 1 and "E6（12345.00万元，列宽 8）的数字（日期）比列宽宽" in out) if refused else "####" not in out, out
