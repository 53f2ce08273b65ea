"""A bureau adopting perfsite keeps `perfsite init`'s sample (2024, `sample: true`) beside its own,
older data while it tries the site: the home page opens on the newest year of real data, not on
the sample's year."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from perfsite.scaffold import scaffold
from perfsite.site import build_site
from perfsite.site.stats import home_year

SAMPLE = "data/2024/shili/nongcun-gonglu-yanghu.yaml"


def own_programme(root: Path, year: int, name: str) -> None:
    """The example made into one of the bureau's own (not 示例) programmes of `year`."""
    text = (root / SAMPLE).read_text(encoding="utf-8")
    text = text.replace("year: 2024", f"year: {year}").replace("sample: true", "sample: false")
    text = text.replace("示例农村公路养护项目", name)
    target = root / f"data/{year}/jiaotong/{year}-gonglu.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")


def home_heading(root: Path) -> str:
    home = next(page for page in build_site(root / "data").pages if page.url == "")
    return re.search(r'<h2 id="ps-h-latest">(.*?)</h2>', home.html)[1]


def test_the_home_page_opens_on_the_newest_year_of_real_data(tmp_path: Path) -> None:
    root = tmp_path / "site"
    scaffold(root, "某县预算绩效信息公开")
    assert home_heading(root) == "2024年度概况"  # the sample alone: a demonstration site shows it
    own_programme(root, 2022, "县道养护项目")
    assert home_heading(root) == "2022年度概况"
    shutil.rmtree(root / "data/2024")
    assert home_heading(root) == "2022年度概况"


def test_home_year() -> None:
    assert home_year([]) is None
    assert home_year([{"year": 2024, "sample": True}, {"year": 2021}, {"year": 2022, "sample": False}]) == 2022
    assert home_year([{"year": 2024, "sample": True}, {"year": 2023, "sample": True}]) == 2024
    assert home_year([{"year": 2025}, {"year": 2024, "sample": True}]) == 2025
