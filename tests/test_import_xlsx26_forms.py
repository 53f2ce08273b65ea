"""Real forms typed into .xlsx as units keep them (tests/forms_xlsx26/SOURCES.md), imported as a clerk would.

池州's 委托业务项目 leaves 年度资金总额 at 0 and puts the money in 「其中:本年财政拨款」; copied from a print whose
columns were too narrow, that row reads 「###」 in every amount. The readable 0 of the total row was published
as the programme's budget, 0 of 0 spent: a 「###」 is never 0 (Excel prints it only for a figure too wide to show),
so a total no larger than the parts printed beside it is no total of them."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml
from forms_xlsx26.make import weituo

from perfsite.cli import main


def _imported(folder: Path, path: Path) -> tuple[dict, str, str]:  # type: ignore[type-arg]
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        main(["import", str(path), "--out", str(folder / "out")])
    [written] = (folder / "out").rglob("*.yaml")
    text = written.read_text(encoding="utf-8")
    return yaml.safe_load(text), text, said.getvalue()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, str]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("weituo")
    return _imported(folder, weituo(folder / "weituo.xlsx"))


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, str]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("weituo_hashes")
    return _imported(folder, weituo(folder / "weituo.xlsx", fiscal=("###", "###", "###")))


def test_the_form_as_published_reads_its_money_from_the_fiscal_row(published: tuple[dict, str, str]) -> None:
    data, _, said = published
    budget = data["budget"]
    assert (budget["unit"], budget["initial"], budget["budget"], budget["spent"]) == ("万元", 90, 89.974, 89.974)
    line = data["indicators"][0]
    assert (line["name"], line["weight"], line["actual"], line["score"]) == ("预算执行率", 10, "0.00%", 0)
    assert "实际值 0.00% 与预算表算出的预算执行率 100.00% 不一致" in said  # the formulas over the 0 row, shown
    assert "J7「执行数核对：国库支付89.974」" in said  # the hidden column, named, not imported


def test_a_fiscal_row_printed_as_hashes_publishes_no_zero_budget(copied: tuple[dict, str, str]) -> None:
    data, text, said = copied
    assert "budget" not in data  # was initial 0, budget 0, spent 0
    assert ("工作表「自评表」 D8（年初预算数·财政拨款）、E8（全年预算数·财政拨款）、F8（全年执行数·财政拨款）印作「###」："
            "这是 Excel 列宽不够时显示的符号") in said
    assert "（年初预算数未写入；全年预算数未写入；全年执行数未写入）" in said
    assert "# 年初预算数的合计 0 不大于印出的各来源之和，而印作「###」的来源不会是 0：这一行未写入" in text
