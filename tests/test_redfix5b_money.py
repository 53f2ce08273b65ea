"""Budget tables a careless unit could hand in, each of which imported a wrong figure without a word:
a minus sign read as the name of the money (−10 written +10), a 「其中」 part written in place of the row
above it (中央 60 standing for 财政拨款 100), a 万元 header over 元 figures (120 亿元 for one programme).
The forms are red team 4's (tests/forms_redteam4/money/SOURCES.md)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml

from perfsite.cli import main
from perfsite.importing.assemble import amount_in_words, negative_amount

FORMS = Path(__file__).resolve().parent / "forms_redteam4" / "money"


def imported(name: str, tmp_path: Path) -> tuple[dict, str, str]:  # type: ignore[type-arg]
    """(the written data, the written text, what the import printed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["import", str(FORMS / name), "--out", str(tmp_path / "out")])
    assert code == 0, out.getvalue()
    [written] = (tmp_path / "out").rglob("*.yaml")
    text = written.read_text(encoding="utf-8")
    return yaml.safe_load(text), text, out.getvalue()


@pytest.mark.parametrize("text", ["-10.00", "−10", "－10.00", "(10.00)", "（10.00）", "- 12"])
def test_a_minus_sign_is_no_name_of_the_money(text: str) -> None:
    assert negative_amount(text)
    assert amount_in_words(text, "万元") == (None, "", "")


@pytest.mark.parametrize("text", ["中央衔接推进乡村振兴补助资金(少数民族发展任务)50", "10.00", "其他资金10"])
def test_a_named_or_plain_amount_is_not_negative(text: str) -> None:
    assert not negative_amount(text)


@pytest.mark.parametrize("name", ["v09c_negative_source_written.xlsx", "d06_negative_minus.docx"])
def test_a_negative_amount_is_left_out_and_named(name: str, tmp_path: Path) -> None:
    data, text, said = imported(name, tmp_path)
    budget = data["budget"]
    for key in ("initial", "budget", "spent"):
        assert not isinstance(budget[key], dict) or "other" not in budget[key], budget[key]  # the total alone
    assert "全年执行数的「-12.00」是负数" in said
    assert "是负数（数据格式的金额不能为负），未写入" in text
    assert "后面的金额" not in text


def test_a_part_of_the_fiscal_row_never_stands_for_it(tmp_path: Path) -> None:
    data, text, said = imported("v14_qizhong_subrows.xlsx", tmp_path)
    budget = data["budget"]
    assert (budget["initial"], budget["budget"], budget["spent"]) == (120, 120, 114)
    assert "全年执行数：中央 60，其他资金 20，财政拨款 94" in text
    assert "全年执行数的财政拨款 94 与所列中央、省级、市县级之和不同：只写入合计 114" in said


@pytest.mark.parametrize(("name", "words"), [
    ("v05_wanyuan_header_yuan_figures.xlsx", "按万元读出 1200000 万元（即 120 亿元），对一个项目过大"),
    ("v06_yuan_header_wanyuan_figures.xlsx", "按元读出，最大的只有 120 元，对一个项目过小"),
])
def test_a_budget_implausible_in_its_unit_is_warned(name: str, words: str, tmp_path: Path) -> None:
    _, text, said = imported(name, tmp_path)
    assert words in said
    assert words in text


def test_the_execution_rows_weight_written_in_per_cent_is_points(tmp_path: Path) -> None:
    data, _, said = imported("v18_weight_as_fraction.xlsx", tmp_path)
    [rate] = [i for i in data["indicators"] if i["name"] == "预算执行率"]
    assert rate["weight"] == 10
    assert "缺少权重" not in said
