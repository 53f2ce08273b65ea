"""PDF prints of whole disclosures and of forms cut by a page break (tests/forms_pdf26, made by makers.py there)."""

from __future__ import annotations

from pathlib import Path

import yaml

from perfsite.importing.pdf_reader import cut_row
from perfsite.importing.pipeline import Options, import_file
from perfsite.siteconfig import SiteConfig

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf26"


def _import(path: Path, out: Path) -> list[Path]:
    import_file(path, Options(out), SiteConfig(), set())
    return sorted(out.rglob("*.yaml"))


def _names(path: Path) -> list[str]:
    return [i["name"] for i in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]]


def test_a_name_cut_by_the_page_break_in_a_row_without_values_is_one_indicator(tmp_path: Path) -> None:
    """海淀区学院路's last row (its source cut inside the name, 「是否达到国」) prints 「是否」「达到」 at page 1's
    foot and 「国」 on page 2, no value on either: it was two indicators, 「是否达到」 and 「国」."""
    [written] = _import(FORMS / "cut-name.pdf", tmp_path / "out")
    assert _names(written) == ["预算执行率", "是否完成绩效目标申报表中申报的数量", "是否达到国"]


def test_a_valueless_row_goes_on_only_where_its_last_words_filled_their_cell() -> None:
    last = ["", "", "质量\n指标", "是否\n达到", "", "", "", "", "", ""]
    assert cut_row(last, ["", "", "", "国", "", "", "", "", "", ""])
    assert not cut_row(["", "", "质量\n指标", "合格\n率", "", "", ""], ["", "", "", "及时率", "", "", ""])  # ended short
    assert not cut_row(["项目负\n责人", ""], ["联系电话", ""])  # a label and its blank value: a new row
    assert not cut_row(last, ["", "", "", "国", "", "10", "", "", "", ""])  # a value of its own: a new row
