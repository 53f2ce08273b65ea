"""An amount in Excel's 货币 format (「¥540.00」) under a header that says 万元: the 「¥」 is the currency, not the
unit (Chinese Excel prints it whatever the figure's size), so the figure is read in the unit the table states,
never scaled by 10,000, and the cells are named with what the form prints: the clerk checks the unit."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from test_import_builders import central_xlsx

from perfsite.cli import main
from perfsite.importing.xlsx_reader import currency_sign


@pytest.mark.parametrize(("written", "sign"), [('"¥"#,##0.00', "¥"), ("[$¥-804]#,##0.00", "¥"), ("¥#,##0.00", "¥"),
                                               ('_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "¥"),
                                               ("0.00", ""), ("0[$元-804]", ""), ('0.00"万元"', "")])
def test_the_sign_of_a_currency_format(written: str, sign: str) -> None:
    assert currency_sign(written) == sign


@pytest.mark.parametrize("written", ['"¥"#,##0.00', "[$¥-804]#,##0.00"])
def test_amounts_in_a_currency_format_keep_the_stated_unit_and_are_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str) -> None:
    path = central_xlsx(tmp_path / "f.xlsx")  # 「项目资金（万元）」 over 540 | 552 | 547.8
    book = load_workbook(path)
    for ref in ("C6", "D6", "E6", "C7", "D7", "E7"):
        book.active[ref].number_format = written
    for column in "CDE":
        book.active.column_dimensions[column].width = 14
    book.save(path)
    main(["import", str(path), "--out", str(tmp_path / "out")])
    said = capsys.readouterr().out
    [out] = (tmp_path / "out").rglob("*.yaml")
    budget = yaml.safe_load(out.read_text(encoding="utf-8"))["budget"]
    assert (budget["unit"], budget["initial"], budget["budget"], budget["spent"]) == ("万元", 540, 552, 547.8)
    assert ("工作表「自评表」 C6（表上印作「¥540.00」）、D6（表上印作「¥552.00」）、E6（表上印作「¥547.80」）、"
            "C7（表上印作「¥540.00」）、D7（表上印作「¥552.00」）等 6 格是货币格式：货币符号只表示币种，"
            "不说明是元还是万元，按表头或「金额单位」写明的单位读取，不换算") in said
