"""`perfsite demo`'s series are real series: one programme (name, department, region) across years,
so the series check warns demo data as any other; and the files stay where the cache tests name them."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.demo import write_demo
from perfsite.yamlload import load_yaml_text


def _programmes(root: Path) -> list[tuple[Path, dict]]:
    return [(path, load_yaml_text(path.read_text(encoding="utf-8")).data) for path in sorted(root.rglob("demo-??????.yaml"))]


def test_each_demo_series_is_one_programme_across_years(tmp_path: Path) -> None:
    write_demo(40, tmp_path / "d", seed=3)
    by_series: dict[str, list[dict]] = defaultdict(list)
    for _, data in _programmes(tmp_path / "d"):
        if "series" in data:
            by_series[data["series"]].append(data)
    joined = [sorted(group, key=lambda d: d["year"]) for group in by_series.values() if len(group) > 1]
    assert len(joined) >= 5
    for group in joined:
        assert len({(d["name"], d["department"], d["region"]) for d in group}) == 1, group
        assert len({d["year"] for d in group}) == len(group)
        assert group[0]["name"].endswith(f"（第{int(group[0]['id'].removeprefix('demo-'))}号）")  # the first year's own
    data = load_dataset(tmp_path / "d")
    assert [p.as_text() for p in data.problems if p.key == "series"] == []
    assert data.ok


def test_the_cache_tests_tree_keeps_its_files(tmp_path: Path) -> None:
    """tests/test_cache_hostile.py edits and deletes these files of its 12-programme --cycle tree:
    a series' later year takes the series' identity but stays in the folder of the department
    drawn for it, so no department-year, report or 部门整体 file moves or goes."""
    write_demo(12, tmp_path / "d", seed=1, cycle=True)
    for name in ("2024/dept01/demo-000008-pingjia.yaml", "2024/dept01/demo-000008-zhenggai.yaml",
                 "2023/dept04/demo-000007-mubiao.yaml", "2023/dept03/demo-000003.yaml",
                 "2022/dept02/demo-000010-zhenggai.yaml", "2022/dept02/bumen-17-ziping.yaml"):
        assert (tmp_path / "d" / name).is_file(), name
    programmes = {path.relative_to(tmp_path / "d").as_posix(): data for path, data in _programmes(tmp_path / "d")}
    assert "（第8号）" in programmes["2024/dept01/demo-000008.yaml"]["name"]
    assert "（第12号）" in programmes["2024/dept01/demo-000012.yaml"]["name"]
    first = programmes["2021/dept02/demo-000001.yaml"]  # 删除系列中的一年
    later = [data for data in programmes.values() if data.get("series") == first["series"] and data is not first]
    assert later and all((d["name"], d["department"]) == (first["name"], first["department"]) for d in later)
