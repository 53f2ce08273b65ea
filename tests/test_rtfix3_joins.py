"""Files joined by `series` or `id`: one programme per series and year; a join across names and
departments is said (red-team cut-downs)."""

from __future__ import annotations

from perfsite.dataset import load_dataset
from perfsite.problems import Severity


def _of(data, severity, key):
    return [p for p in data.problems if p.severity is severity and p.key == key]


def test_two_programmes_in_one_series_and_year_is_an_error(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2022" / "x" / "m.yaml", core_programme(name="农村道路建设", year=2022, series="rt3-r",
                                                                      department="交通局", id="rt3-m1"))
    core_write(core_data_tree / "2022" / "x" / "r.yaml", core_programme(name="红队系列", year=2022, series="rt3-r",
                                                                      department="红队局", id="rt3-r"))
    data = load_dataset(core_data_tree, core_data_tree)
    found = _of(data, Severity.ERROR, "series")
    written = (core_data_tree / "2022" / "x" / "r.yaml").read_text(encoding="utf-8").splitlines()
    assert [(p.file, p.line) for p in found] == [("2022/x/r.yaml", written.index("series: rt3-r") + 1)]
    assert "rt3-r" in found[0].message and "2022/x/m.yaml" in found[0].message
    assert not data.ok


def test_a_series_joining_another_name_and_department_is_warned(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2022" / "x" / "m.yaml", core_programme(name="农村道路建设", year=2022, series="rt3-m",
                                                                      department="交通局"))
    core_write(core_data_tree / "2023" / "x" / "m.yaml", core_programme(name="学校食堂改造", year=2023, series="rt3-m",
                                                                      department="教育局"))
    # a renamed programme (same department) is what a series is for: nothing said
    core_write(core_data_tree / "2022" / "y" / "n.yaml", core_programme(name="营养餐", year=2022, series="rt3-n",
                                                                      department="教育局"))
    core_write(core_data_tree / "2023" / "y" / "n.yaml", core_programme(name="营养改善计划", year=2023, series="rt3-n",
                                                                      department="教育局"))
    data = load_dataset(core_data_tree, core_data_tree)
    found = _of(data, Severity.WARNING, "series")
    assert [p.file for p in found] == ["2023/x/m.yaml"]
    assert "农村道路建设" in found[0].message and "学校食堂改造" in found[0].message
    assert data.ok


def test_a_document_joined_by_id_naming_another_programme_is_warned(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2022" / "x" / "u.yaml", core_programme(name="红队项目", year=2022, department="红队局", id="rt3-u"))
    core_write(core_data_tree / "2022" / "x" / "u-zg.yaml", """\
kind: 整改
id: rt3-u
name: 又一个项目
year: 2022
department: 第三局
findings:
  - source: 自评
    problem: 培训人数不足。
    measures:
      - {measure: 扩大培训, owner: 红队局, deadline: 2023-12-31, status: 整改中}
""")
    data = load_dataset(core_data_tree, core_data_tree)
    assert [(p.file, p.line) for p in _of(data, Severity.WARNING, "name")] == [("2022/x/u-zg.yaml", 3)]
    assert [(p.file, p.line) for p in _of(data, Severity.WARNING, "department")] == [("2022/x/u-zg.yaml", 5)]
    assert "红队项目" in _of(data, Severity.WARNING, "name")[0].message
    assert data.ok


def test_sample_files_joined_by_series_are_warned_as_any(core_data_tree, core_write, core_programme):
    """示例数据 is no exception: `perfsite demo`'s series are one programme each (tests/test_demo3_series.py)."""
    for year, name, department in ((2022, "农村道路建设", "交通局"), (2023, "学校食堂改造", "教育局")):
        core_write(core_data_tree / str(year) / "x" / "m.yaml", core_programme(name=name, year=year, series="rt3-m",
                                                                             department=department, sample=True))
    found = _of(load_dataset(core_data_tree, core_data_tree), Severity.WARNING, "series")
    assert [p.file for p in found] == ["2023/x/m.yaml"]
