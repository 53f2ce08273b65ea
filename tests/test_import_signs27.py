"""Unsigned targets of indicators that are lower-is-better by their name.

重庆's 部门整体自评表 (tests/forms_dept/d02, a published form) prints 「预算调整率 3%」 and 「结转结余率 2%」
with no sign over the actual 0, and scores both full marks. The data format reads an unsigned target as ≥
(0 against ≥3% scores 0): the importer writes the ≤ the form's own score shows, and check says, of a file
that keeps the unsigned target, that it was read as ≥ and what to write. Expected values come from the
transcription's cells, never from the importer's output.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from core_helpers import core_minimal_programme, scored
from forms.make import Form, cell_ref, load_form, write_xlsx

from perfsite.importing.assemble import Hints
from perfsite.importing.labels import sign_by_score
from perfsite.importing.pipeline import FileReport, Options, import_file
from perfsite.lower_better import lower_is_better_ending, named_lower
from perfsite.problems import Severity
from perfsite.siteconfig import SiteConfig
from perfsite.values import Comparator

TESTS = Path(__file__).resolve().parent
CHONGQING = TESTS / "forms_dept" / "d02-chongqing-kexuecheng-ziping"
DONGGUAN = TESTS / "forms_targets" / "t04-dongguan-zhenji-lianwanglu"
HINTS = Hints(name="西部（重庆）科学城融媒体中心", year="2021")


def _import(form: Form, tmp_path: Path, hints: Hints = HINTS) -> tuple[FileReport, dict[str, object]]:
    (tmp_path / "in").mkdir(parents=True, exist_ok=True)
    xlsx = write_xlsx(form, tmp_path / "in" / f"{form.file}.xlsx")
    report = import_file(xlsx, Options(tmp_path / "out", hints=hints), SiteConfig(), set())
    [written] = report.written
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return report, data


def _by_name(data: dict[str, object], key: str = "indicators") -> dict[str, dict[str, object]]:
    items = data[key]
    if isinstance(items, dict):  # a target table keeps its indicators under targets
        items = items["indicators"]
    assert isinstance(items, list)
    return {str(item["name"]): item for item in items}


def _with(form: Form, **cells: str) -> Form:
    """The form with some cells typed otherwise (`E13="3%"`)."""
    rows = [list(row) for row in form.rows]
    for ref, text in cells.items():
        r, c = cell_ref(ref)
        rows[r][c] = text
    return dataclasses.replace(form, rows=rows)


@pytest.fixture(scope="module")
def chongqing(tmp_path_factory: pytest.TempPathFactory) -> tuple[FileReport, dict[str, object]]:
    return _import(load_form(CHONGQING), tmp_path_factory.mktemp("d02"))


def test_the_table_reads_name_endings_only() -> None:
    assert lower_is_better_ending("预算调整率") == "预算调整率"
    assert lower_is_better_ending("种植结构调整率") is None
    assert lower_is_better_ending("结余率(计算方法为:结余数/预算数)") == "结余率"  # dyrmt.com's form
    assert lower_is_better_ending("安全事故发生率（%）") == "发生率"
    # a rate of reporting that must reach a floor, and names with the words elsewhere, are not in it
    assert lower_is_better_ending("死因监测粗死亡率") is None
    assert lower_is_better_ending("调整率达标单位数") is None
    assert lower_is_better_ending("“三公经费变动率") is None
    # only a target with no sign at all is read by the name
    assert named_lower("预算调整率", "3%") == "预算调整率"
    for signed in ("≤3%", "≥3%", "3%以内", "3%以上", "0-3%", "不超过3%"):
        assert named_lower("预算调整率", signed) is None, signed


def test_the_printed_score_shows_which_sign_the_form_used() -> None:
    assert sign_by_score("3%", "0", "2", "2") is Comparator.LE  # full marks below the target
    assert sign_by_score("3%", "5%", "1.2", "2") is Comparator.LE  # short of full marks above it
    assert sign_by_score("3%", "5%", "2", "2") is Comparator.GE  # full marks above it
    assert sign_by_score("3%", "0", "0", "2") is Comparator.GE
    assert sign_by_score("3%", "3%", "2", "2") is None  # both readings score alike
    assert sign_by_score("3%", "", "2", "2") is None
    assert sign_by_score("3%", "0", "", "2") is None


def test_chongqing_s_unsigned_ceilings_import_as_the_form_scored_them(chongqing: tuple[FileReport, dict[str, object]]) -> None:
    report, data = chongqing
    form = load_form(CHONGQING)
    rows = _by_name(data)
    cells = {"E13": "预算调整率", "E14": "结转结余率"}
    for ref, name in cells.items():
        printed = form.rows[cell_ref(ref)[0]][cell_ref(ref)[1]]
        assert rows[name]["target"] == f"≤{printed}"
        # the note names the cell and what was written
        assert any(f"{ref}：指标「{name}」" in note and f"「≤{printed}」" in note and "按 ≤ 算" in note
                   for note in report.notes), report.notes
        # scored as the form scored it: no discrepancy on the row any more
        assert not [p for p in report.problems if p.severity is Severity.DISCREPANCY and name in p.message]
    # other unsigned targets (完成率, 次数) keep the ≥ the format reads
    assert rows["预算完成率"]["target"] == form.rows[cell_ref("E12")[0]][cell_ref("E12")[1]]


def test_a_form_that_scored_the_unsigned_target_as_at_least_keeps_it(tmp_path: Path) -> None:
    """The same row over 5% with full marks: the form read 3% as ≥, and its score is the evidence."""
    report, data = _import(_with(load_form(CHONGQING), G13="5%"), tmp_path)
    assert _by_name(data)["预算调整率"]["target"] == "3%"
    assert any("E13" in note and "按 ≥ 算" in note and "「≤3%」" in note for note in report.notes), report.notes


def test_a_target_table_s_unsigned_ceiling_is_written_with_its_sign(tmp_path: Path) -> None:
    """东莞's 目标表 (tests/forms_targets/t04) with its 误差率 typed without 「±…以内」: no score to ask, the name decides."""
    form = load_form(DONGGUAN)
    rows = [["3%" if text == "±3%以内" else text for text in cells] for cells in form.rows]
    assert rows != form.rows
    report, data = _import(dataclasses.replace(form, rows=rows), tmp_path, Hints())
    items = data["indicators"] if "indicators" in data else data["targets"]["indicators"]  # type: ignore[index]
    targets = [item["target"] for item in items if item["name"] == "补助款结算误差率"]
    assert targets and set(targets) == {"≤3%"}
    assert any("补助款结算误差率" in note and "「≤3%」" in note for note in report.notes), report.notes


def test_check_says_the_sign_was_read_as_at_least(tmp_path: Path) -> None:
    """A data file that keeps the unsigned target scores as the format says (≥), and the discrepancy names
    the file's line and the sign to write; a lower-is-better row that is wrong either way says nothing of it."""
    rows = [
        {"level1": "产出指标", "level2": "质量指标", "name": "预算调整率", "weight": 60,
         "target": "3%", "actual": "0", "score": 60},
        {"level1": "效益指标", "level2": "满意度指标", "name": "结转结余率", "weight": 40,
         "target": "2%", "actual": "0", "score": 10},
    ]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(core_minimal_programme(indicators=rows), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    result = scored(path, tmp_path)
    assert [s.score for s in result.indicators] == [0, 0]  # the contract: unsigned is ≥
    found = {p.message: p for p in result.problems if p.severity is Severity.DISCREPANCY and "得分" in p.message}
    [adjusted] = [p for m, p in found.items() if "预算调整率" in m]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert adjusted.line is not None and "score: 60" in lines[adjusted.line - 1]
    assert "按 ≥ 读" in adjusted.message and "请写作「≤3%」" in adjusted.message
    assert str(path) in adjusted.as_text() or path.name in adjusted.as_text()
    [carried] = [p for m, p in found.items() if "结转结余率" in m]  # 10 of 40 fits neither reading
    assert "≤" not in carried.message
