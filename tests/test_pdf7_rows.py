"""A Word table's row cut by a page break under a cell merged down from the rows above."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml
from forms.make import load_form
from forms_pdf7.word_breaks import INDICATORS
from test_forms import assert_imports_as, scored

from perfsite.cli import main
from perfsite.importing.pdf_reader import cut_row

HERE = Path(__file__).parent
FORM = HERE / "forms" / "b06-huanggang-shuibao"


def test_the_rest_of_a_merged_cell_s_text_over_a_cut_row_is_no_new_row() -> None:
    """黄冈市's form printed by Word with narrow columns at 14 pt: the page ends inside the row
    「产出指 | 质量指 | 监测数 | 100% | 100% | 20」, and the next page's first row holds the rest of
    its cells (「标」「标」「据资料整编」) and, under the 一级 cell merged down from the rows above
    (no box of its own: None), the rest of that cell's text 「分)」 (「年度绩效目标2(40」)."""
    last = [None, "产出指", "质量指", "监测数", "100%", "100%", "20"]
    first = ["分)", "标", "标", "据资料\n整编", "", "", ""]
    assert cut_row(last, first)


def test_a_new_row_under_a_merged_cell_is_still_a_row_of_its_own() -> None:
    """A next row with figures of its own is new whatever the merged cell beside it shows."""
    last = [None, "产出指标", "质量指标", "监测数据资料整编", "100%", "100%", "20"]
    first = ["分)", "产出指标", "进度指标", "完成年度资料上报", "100%", "100%", "20"]
    assert not cut_row(last, first)


def test_the_word_print_imports_to_the_golden_file(tmp_path: Path) -> None:
    """The whole print (tests/forms_pdf7/SOURCES.md): before, 「监测数」 and 「据资料整编」 were two
    indicators, the second with no figures and 一级/二级 「标」."""
    pdf = tmp_path / f"{load_form(FORM).file}.pdf"
    pdf.write_bytes((HERE / "forms_pdf7" / "b06-docx-narrow-large.pdf").read_bytes())
    assert_imports_as(["import", str(pdf), "--out", str(tmp_path / "out")], tmp_path / "out",
                      scored(FORM / "golden.yaml"), pdf.name)


def test_a_copy_of_a_merged_cell_s_text_over_a_new_row_is_no_remainder() -> None:
    """A report engine prints a merged cell's whole text again on the next page (tests/test_pdf_generators.py
    c05 drawn-large): a copy, not the rest, so the row under it is a row of its own."""
    last = [None, None, "时效指标", "春节前完成走访慰问", "按时限完成", "100%", "20"]
    first = [None, "产出指标(60分)", "", "", "", "", ""]
    assert not cut_row(last, first, merged=["", "产出指标(60分)", "时效指标", "春节前完成走访慰问", "按时限完成", "100%", "20"])


@pytest.mark.parametrize(("last", "first"), [
    ([None, "成本指标", "项目总投", "10", "≤1,234.", "1,198.0", "10"],
     ["", "", "资控制在\n批复概算\n以内", "", "56万元", "7万元", ""]),
    (["产出指标", "数量指标", "新建农村", "10", "≥95%", "96.5%", "10"],
     ["", "", "饮水安全\n工程覆盖\n行政村数\n量", "", "（含）", "", ""]),
    (["效益指标", "社会效益", "受益农村", "15", "≥1000", "1,234人", "15"],
     ["", "指标", "人口数量\n（含脱贫\n人口和监\n测对象）", "", "人", "", ""]),
])
def test_a_figure_cut_before_its_unit_or_qualifier_is_a_cut_row(last: list[str | None], first: list[str | None]) -> None:
    """Word cuts the row inside a narrow figure column: the rest is the figure's unit or its 「（含）」."""
    assert cut_row(last, first)


def test_a_figure_under_a_row_s_own_words_is_no_cut_row() -> None:
    """A figure then a whole phrase is not one figure: that row did not go on."""
    last = ["产出指标", "数量指标", "培训人数", "10", "100", "120", "10"]
    first = ["", "", "", "", "未完成原因另见说明", "", ""]
    assert not cut_row(last, first)


WANT = {name: (target, actual, weight, score) for _, _, name, weight, target, actual, score in INDICATORS}


@pytest.mark.parametrize("pdf", ["word-break-wanyuan.pdf", "word-break-han.pdf"])
def test_a_word_table_cut_inside_its_figures_imports_every_figure(pdf: str, tmp_path: Path) -> None:
    """Before, the cut row became two indicators: 「项目总投」 ≤1,234. / 1,198.0 and 「资控制在批复概算以内」
    56万元 / 7万元 (「新建农村」 ≥95% and 「饮水安全工程覆盖行政村数量」 （含））."""
    path = tmp_path / "2022年度农村饮水安全工程维护项目绩效自评表.pdf"
    path.write_bytes((HERE / "forms_pdf7" / pdf).read_bytes())
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(path), "--out", str(tmp_path / "out")])
    written = sorted((tmp_path / "out").rglob("*.yaml"))
    assert len(written) == 1, shown.getvalue()
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    got = {i["name"]: (str(i.get("target")), str(i.get("actual")), str(i.get("weight")), str(i.get("score")))
           for i in data["indicators"]}
    assert got == WANT, shown.getvalue()
    assert data["reported"] == {"score": 98.5}
