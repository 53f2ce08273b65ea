"""A region (地区) written two ways is two regions on the site, as a department was: check now
says so in the file with the other spelling, on its `region` line, by the same code path as
departments (dataset._spellings); a short form of a fuller name (「小店区」 of 「太原市小店区」)
is told too, for regions and departments alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from perfsite.dataset import load_dataset
from perfsite.problems import Severity
from perfsite.site import build_site
from tests.core_helpers import key_line

Write = Callable[[Path, object], Path]
Make = Callable[..., dict[str, object]]


def _two(root: Path, write: Write, make: Make, key: str, first: str, other: str) -> Path:
    write(root / "2021" / "a" / "one.yaml", make(name="项目甲", **{key: first}))
    return write(root / "2021" / "b" / "two.yaml", make(name="项目乙", **{key: other}))


def test_a_region_written_two_ways_was_two_regions_and_is_now_told(
        tmp_path: Path, core_write: Write, core_programme: Make) -> None:
    root = tmp_path / "data"
    two = _two(root, core_write, core_programme, "region", "太原市小店区", "小店区")
    built = build_site(root)
    assert {n for n in built.files if n.startswith("regions/") and n.endswith("/programmes.csv")} == {
        "regions/太原市小店区/programmes.csv", "regions/小店区/programmes.csv"}  # two regions, each with a share
    said = [p for p in load_dataset(root).problems if p.key == "region"]
    assert [(p.severity, Path(p.file).name, p.line) for p in said] == [(Severity.WARNING, "two.yaml", key_line(two, "region"))]
    assert "「小店区」" in said[0].message and "one.yaml 的「太原市小店区」" in said[0].message
    assert said[0].message.endswith("请统一写成「太原市小店区」")


@pytest.mark.parametrize(("first", "other", "how"), [
    ("太原市小店区", "太原市 小店区", "只差空格"),
    ("太原市（本级）", "太原市(本级)", "只差空格、全角半角"),
    ("太原市本级", "太原市（本级）", "只差括号"),
    ("太原市本级", "太原市市本级", "「本级」前重复的字"),
    ("太原市本级", "市本级", "简称"),
    ("示例市示例县", "示例县", "简称"),
    ("阳泉市城区", "城区", "简称"),
])
def test_region_spellings_that_mean_one_region(tmp_path: Path, core_write: Write, core_programme: Make,
                                                first: str, other: str, how: str) -> None:
    two = _two(tmp_path, core_write, core_programme, "region", first, other)
    said = [p for p in load_dataset(tmp_path).problems if p.key == "region"]
    assert [(Path(p.file).name, p.line) for p in said] == [("two.yaml", key_line(two, "region"))]
    assert how in said[0].message and f"「{other}」" in said[0].message


@pytest.mark.parametrize(("first", "other"), [
    ("城南区", "南区"),  # a name that ends alike, not at a 行政区划's boundary
    ("示例省示例市", "示例省示例市示例县"),  # a city and a county in it
    ("太原市", "太原市本级"),  # the whole city and its own level
    ("小店区", "小店区"),
])
def test_regions_that_only_look_alike_say_nothing(tmp_path: Path, core_write: Write, core_programme: Make,
                                                  first: str, other: str) -> None:
    _two(tmp_path, core_write, core_programme, "region", first, other)
    assert [p for p in load_dataset(tmp_path).problems if p.key == "region"] == []


def test_a_short_form_of_several_names_asks_for_the_full_name(
        tmp_path: Path, core_write: Write, core_programme: Make) -> None:
    core_write(tmp_path / "2021" / "a.yaml", core_programme(name="甲", region="阳泉市城区"))
    core_write(tmp_path / "2021" / "b.yaml", core_programme(name="乙", region="长治市城区"))
    core_write(tmp_path / "2021" / "c.yaml", core_programme(name="丙", region="城区"))
    said = [p for p in load_dataset(tmp_path).problems if p.key == "region"]
    assert [Path(p.file).name for p in said] == ["c.yaml"]
    assert "「阳泉市城区」或" in said[0].message and "「长治市城区」" in said[0].message
    assert said[0].message.endswith("请统一写成全称（写明所属的市、县）")


def test_a_department_s_short_form_is_told_by_the_same_check(
        tmp_path: Path, core_write: Write, core_programme: Make) -> None:
    two = _two(tmp_path, core_write, core_programme, "department", "示例县教育局", "县教育局")
    said = [p for p in load_dataset(tmp_path).problems if p.key == "department"]
    assert [(Path(p.file).name, p.line) for p in said] == [("two.yaml", key_line(two, "department"))]
    assert "两个部门" in said[0].message and said[0].message.endswith("请统一写成「示例县教育局」")


def test_the_region_of_a_target_table_is_compared_too(tmp_path: Path, core_write: Write, core_programme: Make) -> None:
    """A 绩效目标表 without its 自评 is listed under its region as well (targets_only rows)."""
    core_write(tmp_path / "2021" / "a.yaml", core_programme(name="甲", region="太原市小店区"))
    core_write(tmp_path / "2021" / "t.yaml", {
        "kind": "绩效目标表", "name": "乙", "year": 2021, "department": "测试局", "region": "太原市 小店区",
        "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "完成数量", "target": "≥10个"}]})
    said = [p for p in load_dataset(tmp_path).problems if p.key == "region"]
    assert [Path(p.file).name for p in said] == ["t.yaml"]
