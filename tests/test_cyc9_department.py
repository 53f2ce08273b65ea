"""The department page's list of its programmes marks a 自评 that lowered a target (⚠ 目标调低, with
its 绩效目标表 linked) as the listings do, and its JSON twin gives each programme's `targets` and
`lowered` as the listings' twin does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest_site import REPO, build_in_process, small_project

from perfsite.site import publish

PAGE = "departments/示例县教育局/2023/"
LOWERED = "projects/2023/yingyang-gaishan/"


def test_the_department_page_marks_its_programme_whose_self_evaluation_lowered_a_target(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "2023").mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    folder = data / "2023" / "jiaoyu"
    folder.mkdir()
    for name in ("bumen-zhengti-mubiaobiao.yaml", "bumen-zhengti-zipingbiao.yaml", "yingyang-gaishan-mubiao.yaml",
                 "yingyang-gaishan.yaml"):
        shutil.copy(REPO / "data" / "2023" / "jiaoyu" / name, folder / name)
    evaluation = folder / "yingyang-gaishan.yaml"
    text = evaluation.read_text(encoding="utf-8")
    kept = '    target: "≥90%"\n    actual: "91.8%"\n    completion: "102.00%"'  # its table's ≥90%
    assert kept in text
    evaluation.write_text(text.replace(kept, '    target: "≥88%"\n    actual: "91.8%"\n    completion: "104.32%"', 1),
                          encoding="utf-8")
    site = tmp_path / "site"
    build_in_process(small_project(tmp_path / "project"), site,
                     {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": "1700000000",
                      "PERFSITE_BUILD_CACHE": "0", publish.STAGED_ENV: "1"})
    body = (site / PAGE / "index.html").read_text(encoding="utf-8")
    listed = body.split('<section id="ps-programmes"')[1].split("</section>")[0]
    row = next(r for r in listed.split("<tr>") if 'href="../../../projects/2023/yingyang-gaishan/"' in r)
    assert 'href="../../../projects/2023/yingyang-gaishan/targets/"' in row and "⚠ 目标调低" in row
    assert "（1 项）" in row
    twin = json.loads(next((site / PAGE).glob("*.json")).read_bytes())
    assert [(p["url"], p["targets"], p["lowered"]) for p in twin["programmes"]] == [
        (LOWERED, LOWERED + "targets/", 1)]
