"""A workbook of many sheets, each a long form, is refused as it is read: not every sheet read and
then each scanned for a form. 50 sheets of 3,000 rows (a 3 MB file) took 54 CPU s and 575 MB to be
refused as 「50 张工作表各是一张完整的自评表」; read until the cells pass a form's cap
(`sniff.MAX_FORM_CELLS`), 10–11 CPU s and 220 MB (old and new run in turn). The cap is lowered here so the case stays small."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.cli import main
from perfsite.importing import xlsx_reader


def test_a_workbook_beyond_a_form_s_cells_is_refused_at_the_sheet_that_passes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    book = write_xlsx(tmp_path / "全县汇总（定稿）.xlsx",
                      Book([Sheet(f"表{n}", form_rows(f"项目{n}2023年度绩效自评表")) for n in range(1, 6)]))
    monkeypatch.setattr(xlsx_reader, "MAX_FORM_CELLS", 40)  # each sheet holds 21 cells with text
    scanned = []
    monkeypatch.setattr(xlsx_reader, "_one_form", scanned.append)
    assert main(["import", str(book), "--out", str(tmp_path / "data")]) == 1
    said = capsys.readouterr().out
    assert ("失败：文件的表格中读到工作表「表2」时已有 42 个有内容的单元格，超过一份自评表的上限 40 个，不像一份自评表，拒绝读取："
            "请把各项目的表拆成单独的文件后再导入") in said
    assert scanned == []  # refused before the sheets are compared


def test_hidden_sheets_do_not_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Last year's hidden sheets are not read as the form (nor counted): the visible one imports."""
    sheets = [Sheet("自评表", form_rows()), *(Sheet(f"旧{n}", form_rows(f"项目{n}2022年度绩效自评表"), state="hidden") for n in range(3))]
    book = write_xlsx(tmp_path / "自评表.xlsx", Book(sheets))
    monkeypatch.setattr(xlsx_reader, "MAX_FORM_CELLS", 40)
    assert main(["import", str(book), "--out", str(tmp_path / "data")]) == 0
