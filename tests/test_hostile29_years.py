"""Years and series an auditor reads across: a 绩效目标表 of a year with no 自评 (2023 between the
自评s of 2022 and 2024) that renames an indicator is followed by the 各年度指标对照 as a rename
written in any other file is (docs/data-format.md, 指标改名): one row, renamed, its target
compared, not 不再列入 beside 新列入. A department whose only documents are its 部门整体 ones (no 自评, no 绩效目标表) is named on 按部门查看
with its page, which nothing else linked; a department-year whose programmes have only 绩效目标表s
(budget time) lists them on its department page. One tiny tree, built once without MkDocs."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from core_helpers import data_tree

from perfsite.dataset import load_dataset
from perfsite.site import build_site

REPO = Path(__file__).resolve().parent.parent

FILES = {
    "2022/y/yrs.yaml": """
        name: 农村饮水安全
        year: 2022
        series: yrs
        department: 示例县水利局
        indicators:
          - {level1: 产出指标, level2: 数量指标, name: 供水人口, weight: 100, target: "≥12000人", actual: "13000人", score: 100}
        """,
    "2023/y/yrs-mubiao.yaml": """
        kind: 绩效目标
        id: yrs
        series: yrs
        sample: true
        name: 农村饮水安全
        year: 2023
        department: 示例县水利局
        renamed:
          - {from: [产出指标, 数量指标, 供水人口], to: [产出指标, 数量指标, 受益人口]}
        indicators:
          - {level1: 产出指标, level2: 数量指标, name: 受益人口, nature: "≥", target: 11000, unit: 人}
        """,
    "2024/y/yrs.yaml": """
        name: 农村饮水安全
        year: 2024
        series: yrs
        department: 示例县水利局
        indicators:
          - {level1: 产出指标, level2: 数量指标, name: 受益人口, weight: 100, target: "≥11000人", actual: "13000人", score: 100}
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    data = data_tree(tmp_path_factory.mktemp("years29") / "data",
                     {name: textwrap.dedent(text) for name, text in FILES.items()})
    overall = (REPO / "data" / "2023" / "jiaoyu" / "bumen-zhengti-zipingbiao.yaml").read_text(encoding="utf-8")
    (data / "2023" / "x").mkdir()
    (data / "2023" / "x" / "bumen-zhengti.yaml").write_text(overall.replace("示例县教育局", "示例县档案局"), encoding="utf-8")
    (data / "2023" / "y" / "bumen-zhengti.yaml").write_text(overall.replace("示例县教育局", "示例县水利局"), encoding="utf-8")
    build = build_site(data)
    return {**build.files, **{page.url: page.html.encode("utf-8") for page in build.pages}}


def _changes(files: dict[str, bytes], year: int) -> list[tuple[str, list[str]]]:
    twin = json.loads(files[f"projects/{year}/yrs/yrs.json"])
    return [(row["name"], [c["change"] for c in row["changes"]]) for row in twin["years_compared"]["rows"]]


def test_a_rename_in_a_target_table_of_a_year_without_self_evaluation_is_followed(built) -> None:
    for year in (2022, 2024):  # each year's page, and the series page below the newest
        assert _changes(built, year) == [("受益人口", ["renamed", "target_lowered"])]
    series = built["projects/2024/yrs/years/"].decode("utf-8")
    assert "改名，原为「产出指标 / 数量指标 / 供水人口」" in series and "不再列入" not in series.split("<tbody>", 1)[-1]


def test_a_sample_target_table_without_self_evaluation_is_marked_sample_everywhere_it_is_listed(built) -> None:
    part = json.loads(built["projects/index/2023.json"])  # the 项目查询 row
    fields = json.loads(built["projects/index.json"])["fields"]
    rows = list(zip(*part["columns"], strict=True))
    assert [(row[fields.index("stage")], row[fields.index("sample")]) for row in rows] == [(1, 1)]
    listed = [r for r in json.loads(built["years/2023/programmes.json"])["programmes"] if r["id"] == "yrs"]
    assert [(r["stage"], r["sample"]) for r in listed] == [("targets_only", True)]


def test_a_department_with_only_its_overall_documents_is_reachable_from_the_department_overview(built) -> None:
    overview = built["departments/"].decode("utf-8")
    assert '2023年度只公布了部门整体支出绩效、没有项目自评的部门：<a href="示例县档案局/2023/">示例县档案局</a>。' in overview
    assert "departments/示例县档案局/2023/" in built


def test_a_target_tables_rename_that_can_reach_no_year_is_told(tmp_path: Path) -> None:
    """Without `series` (and no 自评 of its year) the table belongs to no series: check says its
    renames go nowhere and names the series the other years' 自评s give."""
    data = data_tree(tmp_path / "data", {name: textwrap.dedent(text).replace("series: yrs\nsample", "sample")
                                         for name, text in FILES.items()})
    told = [p.as_text() for p in load_dataset(data).problems if p.key == "renamed"]
    assert told == [f"{data / '2023/y/yrs-mubiao.yaml'}:9: renamed: 提示：本表写了指标改名（「供水人口」→「受益人口」），"
                    "但 2023 年没有同一 id「yrs」的自评表，本表也没有写 series：改名不会用于该项目任何年度的各年度指标对照，"
                    "改了名的指标在那里显示为一项“不再列入”和一项“新列入”。请写上该项目的 series（其他年度同一 id 的自评表写的是 series: yrs）"]
    (data / "2023/y/yrs-mubiao.yaml").write_text(textwrap.dedent(FILES["2023/y/yrs-mubiao.yaml"]), encoding="utf-8")
    assert not [p for p in load_dataset(data).problems if p.key == "renamed"]


def test_a_department_page_lists_its_programmes_with_only_a_target_table(built) -> None:
    page = built["departments/示例县水利局/2023/"].decode("utf-8")
    assert "以及本部门2023年度的 0 个项目（另有 1 个项目只有绩效目标表）。" in page
    assert '<li><a href="../../../projects/2023/yrs/targets/">农村饮水安全</a></li>' in page
    assert '<a href="../../">按部门查看</a>' in page and 'href="../"' in page  # its department's listing
    twin = json.loads(built["departments/示例县水利局/2023/department.json"])
    assert twin["programmes"] == [] and twin["targets_only"] == [{"url": "projects/2023/yrs/targets/", "name": "农村饮水安全"}]
    assert json.loads(built["departments/示例县档案局/2023/department.json"])["targets_only"] == []
