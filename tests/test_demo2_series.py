"""`perfsite demo`'s series are real series: one programme (name, department, region) across years."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.demo import write_demo
from perfsite.problems import Severity
from perfsite.yamlload import load_yaml_text


def test_each_demo_series_is_one_programme_across_years(tmp_path: Path) -> None:
    write_demo(80, tmp_path / "d", seed=3, targets=True)
    by_series: dict[str, list[dict]] = defaultdict(list)
    alone = set()
    for path in sorted((tmp_path / "d").rglob("demo-??????.yaml")):
        data = load_yaml_text(path.read_text(encoding="utf-8")).data
        if "series" in data:
            by_series[data["series"]].append(data)
        else:
            alone.add(data["name"])
    joined = [group for group in by_series.values() if len(group) > 1]
    assert len(joined) >= 5
    for group in joined:
        assert len({(d["name"], d["department"], d["region"]) for d in group}) == 1, group
        assert len({d["year"] for d in group}) == len(group)
    names = [group[0]["name"] for group in by_series.values()]  # a series' name is its own
    assert len(set(names)) == len(names) and not alone & set(names)
    data = load_dataset(tmp_path / "d")
    assert [p.as_text() for p in data.problems if p.key == "series"] == []
    assert data.ok, [p.as_text() for p in data.problems if p.severity is Severity.ERROR][:3]
