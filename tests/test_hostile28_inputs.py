"""Data files `perfsite check` passed that published something other than what they say: each
now says so in check, naming the file and line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from perfsite import cli, dates
from perfsite.dataset import load_dataset
from perfsite.problems import Severity
from perfsite.site import build_site
from perfsite.site.cycle_marks import OVERDUE_BIT, RECTIFICATION_BIT
from perfsite.site.session import BuildSession

RENAMED = """\
name: 改名项目
year: 2022
department: 测试局
renamed:
  - from: [产出指标, 数量指标, 甲]
    to: [产出指标, 数量指标, 乙]
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 乙, weight: 50, target: "≥30个", actual: "30个"}
  - {level1: 产出指标, level2: 数量指标, name: 甲, weight: 50, target: "≥40个", actual: "40个"}
"""


def test_a_rename_between_two_rows_of_its_own_file_is_told(tmp_path: Path) -> None:
    """「甲 is now 乙」 in a file that lists both: the two rows became one indicator, and the
    各年度指标对照 showed one of them 「不再列入」 while the file lists it; check said nothing."""
    path = tmp_path / "2022" / "p.yaml"
    path.parent.mkdir()
    path.write_text(RENAMED, encoding="utf-8")
    said = [p for p in load_dataset(tmp_path).problems if p.key and p.key.startswith("renamed")]
    assert [(p.severity, p.line) for p in said] == [(Severity.WARNING, 5)]
    assert "「产出指标/数量指标/甲」" in said[0].message and "都是本文件中的指标" in said[0].message


def test_a_rename_of_a_row_to_a_new_name_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "2022" / "p.yaml"
    path.parent.mkdir()
    path.write_text(RENAMED.replace("name: 甲", "name: 丙"), encoding="utf-8")
    assert [p for p in load_dataset(tmp_path).problems if p.key and p.key.startswith("renamed")] == []


def test_score_text_gives_the_reported_total_as_the_json_and_pages_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`reported: {score: 9E1}` (90 in a spreadsheet's exponent form) printed 「公布总分：9E+1」 in
    `perfsite score`, while its JSON, the page and the CSVs said 90.00."""
    path = tmp_path / "2021" / "e.yaml"
    path.parent.mkdir()
    path.write_text(EXPONENT, encoding="utf-8")
    assert cli.main(["score", str(path)]) == 0
    text = capsys.readouterr().out
    assert cli.main(["score", "--format", "json", str(path)]) == 0
    shown = json.loads(capsys.readouterr().out)["reported_total"]
    assert shown == "90.00" and f"公布总分：{shown}" in text


EXPONENT = """\
name: 指数项目
year: 2021
department: 测试局
reported: {score: 9E1, grade: 优}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 甲, weight: 90, target: "≥10个", actual: "10个"}
  - {level1: 效益指标, level2: 满意度指标, name: 乙, weight: 10, target: "≥90%", actual: "0%", remark: 未达到}
"""


RECTIFIED = """\
kind: 整改
id: p
name: 测试项目
year: 2024
department: 测试局
findings:
  - source: 自评
    indicator: 满意度
    problem: 满意度未达到目标。
    measures:
      - {measure: 开展回访, owner: 测试局, deadline: 2024-12-31, status: 整改中}
"""


def test_a_build_across_beijing_midnight_judges_a_measure_due_that_day_once(
        tmp_path: Path, core_write: Callable[[Path, object], Path], core_programme: Callable[..., dict[str, object]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A measure due 2024-12-31 and a build started at 23:59:59 Beijing time that ends after
    midnight: each output read the clock itself, so the listing row (项目查询's 逾期 mark) said
    on time and the 整改 table said overdue."""
    core_write(tmp_path / "2024" / "p.yaml", core_programme(year=2024, indicators=[
        {"level1": "产出指标", "level2": "数量指标", "name": "完成数量", "weight": 60, "target": "≥10个", "actual": "10个"},
        {"level1": "效益指标", "level2": "满意度指标", "name": "满意度", "weight": 40, "target": "≥90%", "actual": "80%",
         "remark": "未达到"}]))
    (tmp_path / "2024" / "p-zhenggai.yaml").write_text(RECTIFIED, encoding="utf-8")
    clock = [dt.datetime(2024, 12, 31, 23, 59, 59, tzinfo=dates.PUBLISHER_TIME)]
    load = BuildSession.load_tree

    def loaded_by_midnight(self: BuildSession, *args: Any, **kwargs: Any) -> Any:
        try:
            return load(self, *args, **kwargs)
        finally:
            clock[0] = dt.datetime(2025, 1, 1, 0, 0, 1, tzinfo=dates.PUBLISHER_TIME)

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(dates, "now", lambda: clock[0])
    monkeypatch.setattr(BuildSession, "load_tree", loaded_by_midnight)
    built = build_site(tmp_path)
    columns = json.loads(built.files["projects/index/2024.json"])["columns"]
    codes = [c[0] for c in columns if isinstance(c[0], int) and c[0] < 16 and c[0] & RECTIFICATION_BIT]
    table = built.files["rectification/rectification.csv"].decode("utf-8-sig").splitlines()
    overdue = table[0].split(",").index("是否逾期")
    assert len(codes) == 1 and not codes[0] & OVERDUE_BIT  # the row: a 整改 with a measure open, none overdue
    assert [line.split(",")[overdue] for line in table[1:]] == ["否"]  # due that day: on time there too


def test_a_rename_to_a_name_another_year_lists_beside_the_old_one_is_told(tmp_path: Path) -> None:
    """甲 → 乙 stated in 2022, while 2021 lists both 甲 and 乙: the rename makes 2021's two rows one
    indicator, and the 各年度指标对照 showed 2021's 乙 as 「不再列入」 though 2022 lists 乙."""
    for year, text in ((2021, SERIES_2021), (2022, SERIES_2022)):
        (tmp_path / str(year)).mkdir()
        (tmp_path / str(year) / "p.yaml").write_text(text, encoding="utf-8")
    said = [p for p in load_dataset(tmp_path).problems if p.key == "renamed"]
    assert [(Path(p.file).parent.name, p.line, p.severity) for p in said] == [("2022", 6, Severity.WARNING)]
    assert "2021 年的" in said[0].message and "同时列有「甲」和「乙」" in said[0].message


SERIES_2021 = """\
name: 改名项目
year: 2021
series: gaiming
department: 测试局
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 甲, weight: 50, target: "≥10个", actual: "10个"}
  - {level1: 产出指标, level2: 数量指标, name: 乙, weight: 50, target: "≥20个", actual: "20个"}
"""
SERIES_2022 = """\
name: 改名项目
year: 2022
series: gaiming
department: 测试局
renamed:
  - from: [产出指标, 数量指标, 甲]
    to: [产出指标, 数量指标, 乙]
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 乙, weight: 50, target: "≥30个", actual: "30个"}
  - {level1: 产出指标, level2: 数量指标, name: 丙, weight: 50, target: "≥40个", actual: "40个"}
"""
