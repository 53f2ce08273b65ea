"""Excel figures read as the printed form shows them, and the clerk told where that differs from
what the cell stores: a format that rounds (29.5 printed as 30) is imported as printed, named."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, num, write_xlsx

from perfsite.cli import main
from perfsite.importing.xlsx_reader import shown_number


@pytest.mark.parametrize(("value", "number_format", "shown", "stored"), [
    (29.5, "0", "30", "29.5"),                     # no decimals: the form prints 30
    (0.99239, "0.00%", "99.24%", "99.239%"),       # a formula's rate, printed to two places
    (12345678, '#,##0.00,"千"', "12345.68千", "12345.678千"),
    (0.9924, "0.00%", "99.24%", ""),               # every digit shown: nothing to say
    (547.8, "0.00", "547.80", ""),
    (29.5, "General", "29.5", ""),
    (12345678, '0!.0,"万"', "1234.6万", ""),        # the 万 trick, read as shown (tests/test_redteam_import.py)
])
def test_a_number_is_shown_as_printed_and_what_rounding_hid_is_kept(value: float, number_format: str, shown: str,
                                                                    stored: str) -> None:
    assert shown_number(value, number_format) == (shown, stored)


def test_a_score_its_format_rounds_is_imported_as_printed_and_named(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """结业率's 得分 stores 29.5 in a cell of no decimals: the printed form, and so the site, say 30;
    the clerk is told the cell and both figures, in case the form should have shown 29.5."""
    data = form_rows().replace(num("E4", 30), num("E4", 29.5, 1))
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)], xfs=[(0, 0), (1, 0)]))  # 1: Excel's 「0」
    main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    rate = written.read_text(encoding="utf-8").split("name: 结业率", 1)[1].split("- name:", 1)[0]
    assert "score: 30\n" in rate
    assert "工作表「自评表」 E4（保存的是 29.5，表上显示 30）：数字格式把保存的数字四舍五入后显示，按表上显示的数导入" in out
