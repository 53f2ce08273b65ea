"""A real form in the shapes other clerks hand it in (tests/forms_xlsx27/SOURCES.md), imported as a clerk would.

池州's 委托业务项目 leaves 年度资金总额 at 0 and puts the money in 「其中:本年财政拨款」. Typed as numbers, the
import writes the fiscal row; typed 「90万元」 as text, those cells read as no figure and the 0 row was published
as the programme's budget (0 of 0 spent)."""

from __future__ import annotations

import pytest
from forms_xlsx26.make import weituo
from forms_xlsx27.make import qingshen, side_by_side, wan_in_cells, word_footer, year_in_footer

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Prepared, prepare


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Prepared]:
    folder = tmp_path_factory.mktemp("weituo27")
    return {name: prepare(make(folder / f"{name}.{'docx' if name == 'word' else 'xlsx'}"), Hints())
            for name, make in (("numbers", weituo), ("wan", wan_in_cells), ("footer", year_in_footer),
                               ("qingshen", qingshen), ("word", word_footer), ("beside", side_by_side))}


def _budget(prepared: Prepared) -> tuple[object, ...]:
    assert prepared.draft is not None, prepared.report.failure
    budget = prepared.draft.data["budget"]
    assert isinstance(budget, dict)
    return budget["unit"], budget["initial"], budget["budget"], budget["spent"]


def test_money_typed_with_its_unit_reads_the_fiscal_row_as_numbers_do(shapes: dict[str, Prepared]) -> None:
    assert _budget(shapes["wan"]) == _budget(shapes["numbers"]) == ("万元", "90", "89.974", "89.974")  # was 0, 0, 0
    assert "预算表「年度资金总额」一行全是 0，而「其中：财政拨款」一行有金额：按财政拨款写入，请核对原表" in shapes["wan"].report.notes


def test_the_year_in_the_page_footer_is_the_form_s_year(shapes: dict[str, Prepared]) -> None:
    assert shapes["footer"].draft is not None and shapes["footer"].draft.data["year"] == "2022"
    assert _budget(shapes["footer"]) == _budget(shapes["numbers"])


def test_the_template_s_instructions_are_no_section_of_the_unit_s(shapes: dict[str, Prepared]) -> None:
    """青神's 存在问题 and 改进措施 rows hold only the template's 「…(200字以内)」: they were published as the
    programme's 存在问题 and 改进措施. Left unplaced, each is named with its cell, as 评价结论's already was."""
    prepared = shapes["qingshen"]
    assert prepared.draft is not None
    assert prepared.draft.data["sections"] == {"年度总体目标": "严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,"
                                                              "预算编制科学合理,减少结余资金。"}
    assert "工作表「自评表」 B19：结合自评情况,分析存在的问题及原因。(200字以内)" in prepared.report.unplaced
    assert _budget(prepared) == ("万元", "238.93", "251.89", "251.89")


def test_a_word_form_s_year_in_its_page_footer_is_read(shapes: dict[str, Prepared]) -> None:
    """Word's page footer was not read (its header was): 「找不到评价年度」. Its 填报日期 names no evaluated year."""
    word = shapes["word"]
    assert word.draft is not None, word.report.failure
    assert word.draft.data["year"] == "2022"
    assert _budget(word) == _budget(shapes["numbers"])


def test_two_forms_side_by_side_import_as_each_alone(shapes: dict[str, Prepared]) -> None:
    """Cut at the second's 项目名称 label (L4): each reads as the form alone (refused before, naming M4)."""
    beside = shapes["beside"]
    assert beside.draft is not None and len(beside.more) == 1, beside.report.failure
    assert [p.draft.data["name"] for p in (beside, *beside.more) if p.draft] == ["委托业务项目", "第二个委托项目"]
    assert _budget(beside) == _budget(beside.more[0]) == _budget(shapes["numbers"])
