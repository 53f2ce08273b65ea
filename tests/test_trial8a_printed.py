"""Figures the importer writes as the form printed them, so that `perfsite check` on the written file
says what the import said: an 执行率 printed as the fraction 0.1 (施甸县's form, tests/forms_trial7b), an
indicator's score printed with fewer places than ours, and a budget total summed from parts printed with
four places (3683.3970)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored
from openpyxl import Workbook
from test_import_layout import county_form, sheet_rows

from perfsite.cli import main
from perfsite.importing.assemble import Draft, _budget_row
from perfsite.problems import Severity

TRIAL7B = Path(__file__).parent / "forms_trial7b"


def _run(*argv: str) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        main(list(argv))
    return buffer.getvalue()


def test_a_rate_printed_as_a_tenth_is_judged_alike_by_import_and_check(tmp_path: Path) -> None:
    """0.1 for 14.46% is that rate to one place of a fraction: the import calls it 舍入, and the file it
    writes must read so to check too. Written 10% it was a whole percentage, and check called it 不一致."""
    said = _run("import", str(TRIAL7B / "a-shidian-xinxing-zhuti.xlsx"), "--out", str(tmp_path))
    [path] = sorted(tmp_path.rglob("*.yaml"))
    rate = yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"][0]
    assert (rate["name"], rate["actual"]) == ("预算执行率", "0.1")
    assert "原表印出的 0.1 是预算表算出的预算执行率 14.46% 四舍五入的结果（舍入）" in said
    checked = scored(path, tmp_path)
    on_actual = [p for p in checked.problems if p.key == "indicators[1].actual"]
    assert [p.severity for p in on_actual] == [Severity.NOTE], on_actual
    assert "按原表位数四舍五入" in on_actual[0].message
    assert not checked.of(Severity.DISCREPANCY)


def test_a_fraction_printed_to_two_places_is_still_written_in_per_cent() -> None:
    from perfsite.importing.assemble import execution_item

    assert execution_item({"rate": "0.95"})["actual"] == "95%"
    assert execution_item({"rate": "0.1"})["actual"] == "0.1"
    assert execution_item({"rate": "1.5"})["actual"] == "150%"  # as printed it would read as 1.5%


def test_an_indicator_score_printed_whole_is_checked_at_its_places(tmp_path: Path) -> None:
    """20 × 14.46% is 2.89; the form prints 3, which is 2.89 to a whole point: 舍入, as a total of 90
    beside our 89.60 is, not a difference over 0.1."""
    data = core_minimal_programme(budget={"unit": "万元", "budget": 650, "spent": 94})
    data["indicators"] = [
        {"level1": "过程指标", "level2": "预算执行", "name": "预算执行率", "weight": 20, "target": "100%",
         "actual": "14.46%", "score": 3, "rule": {"type": "budget", "rate": "执行率"}},
        {"level1": "产出指标", "level2": "数量指标", "name": "完成数量", "weight": 80, "target": "≥10个",
         "actual": "10个", "score": 80},
    ]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checked = scored(path, tmp_path)
    on_score = [p for p in checked.problems if p.key == "indicators[1].score"]
    assert [p.severity for p in on_score] == [Severity.NOTE], on_score
    assert "公布 3，计算 2.89，属舍入差异" in on_score[0].message


def test_an_indicator_score_a_point_off_is_still_a_difference(tmp_path: Path) -> None:
    data = core_minimal_programme()
    data["indicators"][0]["score"] = 59  # type: ignore[index]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    on_score = [p for p in scored(path, tmp_path).problems if p.key == "indicators[1].score"]
    assert [p.severity for p in on_score] == [Severity.DISCREPANCY], on_score


def test_summed_parts_keep_the_places_printed() -> None:
    """财政拨款 3683.3970 beside 其他资金 0 with no printed total: the total is their sum at the places the
    form prints, not 3683.397, a figure the form never showed."""
    draft = Draft()
    assert str(_budget_row(draft, "budget", {"fiscal": "3683.3970", "other": "0"}, "万元", "")) == "3683.3970"
    assert str(_budget_row(Draft(), "budget", {"fiscal": "3000.3970", "other": "683.0000"}, "万元", "")) == "3683.3970"


def test_parts_printed_with_other_places_still_add_up() -> None:
    """30.00 over 10 and 20.0 are one figure: the parts are placed, not kept as a row of unplaced money."""
    draft = Draft()
    assert _budget_row(draft, "budget", {"fiscal": "30.00", "central": "10", "provincial": "20.0"}, "万元", "") == {
        "central": "10", "provincial": "20.0"}
    assert not draft.notes


def _rate_typed_as_a_fraction(tmp_path: Path, actual: str) -> tuple[str, str]:
    """The county form (208 budgeted, 206.13 spent: 99.10%) with a 预算执行率 row in its indicator table whose
    actual is typed as a bare fraction; the import's notes, and check's output on the file written."""
    rows, merges = county_form()
    rows[16] = ["", "时效指标", "预算执行率", "=", "100", "%", actual, "10%", "9.9", ""]
    book = Workbook()
    sheet_rows(book.active, rows, merges)
    book.active.cell(17, 7).value = actual
    book.active.cell(17, 7).data_type = "s"
    book.save(tmp_path / "f.xlsx")
    said = _run("import", str(tmp_path / "f.xlsx"), "--out", str(tmp_path / "out"))
    return said, _run("check", str(tmp_path / "out"))


def test_an_indicator_rate_typed_as_a_fraction_is_judged_alike_by_import_and_check(tmp_path: Path) -> None:
    """0.99 for 99.10% is that rate to two places of a fraction: check calls it 舍入, and so must the import's
    note, which had read it as 0.99% and told the clerk the form and the amounts disagree."""
    said, checked = _rate_typed_as_a_fraction(tmp_path, "0.99")
    assert "指标「预算执行率」：原表印出的 0.99 是预算表算出的预算执行率 99.10% 四舍五入的结果（舍入）" in said
    assert "不同，请核对原表" not in said
    assert "实际值 0.99 是预算表算出的预算执行率 99.10% 按原表位数四舍五入的结果" in checked


def test_an_indicator_rate_typed_as_another_fraction_is_a_difference_to_both(tmp_path: Path) -> None:
    said, checked = _rate_typed_as_a_fraction(tmp_path, "0.97")
    assert "指标「预算执行率」的实际值 0.97 与预算表算出的预算执行率 99.10% 不同，请核对原表" in said
    assert "实际值 0.97 与预算表算出的预算执行率 99.10% 不一致" in checked
