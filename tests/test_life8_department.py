"""The department page's comparison with its 部门整体绩效目标表 says when that table was corrected
after the 部门整体自评 was published, as a 自评 page does (target_comparison.corrected_after): a
自评 agreeing with targets corrected since agrees with no 「年初公布」 table. Rendered from the
documents (department_twin, department.html) without a site build."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from perfsite.documents import read_document
from perfsite.site.department_page import DepartmentYear, department_twin, page_context
from perfsite.site.render import bar, grade_classifier, standard
from perfsite.siteconfig import SiteConfig

TARGETS = """\
kind: 部门整体绩效目标
year: 2024
department: 示例县农业农村局
published: 2024-02-01
{corrections}indicators:
  - {{level1: 产出指标, level2: 数量指标, name: 培训人次, nature: "≥", target: {target}, unit: 人次}}
  - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 农户满意度, nature: "≥", target: 90, unit: "%"}}
"""
CORRECTION = """\
corrections:
  - {date: 2025-04-01, what: 培训人次的指标值由 1000人次 更正为 600人次, why: 原表录入错误}
"""
SELF = """\
kind: 部门整体自评
year: 2024
department: 示例县农业农村局
published: 2025-03-01
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训人次, weight: 50, target: "≥600人次", actual: "650人次", score: 50}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 农户满意度, weight: 50, target: "≥90%", actual: "95%", score: 50}
"""


def _page(tmp_path: Path, corrections: str, target: str = "600"):
    site = SiteConfig()
    (tmp_path / "mubiao.yaml").write_text(TARGETS.format(corrections=corrections, target=target), encoding="utf-8")
    (tmp_path / "ziping.yaml").write_text(SELF, encoding="utf-8")
    table, _ = read_document(tmp_path / "mubiao.yaml", site, tmp_path)
    evaluation, _ = read_document(tmp_path / "ziping.yaml", site, tmp_path)
    entry = DepartmentYear(2024, "示例县农业农村局", table, evaluation)
    twin = department_twin(entry, [])
    body = standard().render("department.html", entry.url, site=site, grade_class=grade_classifier(site), bar=bar,
                             programme_rows=lambda rows: "", programmes=[], listing_url=None,
                             title="示例县农业农村局2024年度部门整体支出绩效", **page_context(twin))
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body))), twin["comparison"]


def test_a_correction_after_the_self_evaluation_is_said_on_the_department_page(tmp_path):
    text, compared = _page(tmp_path, CORRECTION)
    assert compared["corrected_after"] == [{"date": "2025-04-01", "what": "培训人次的指标值由 1000人次 更正为 600人次"}]
    sentence = next(s for s in text.split("。") if "本自评公布之后更正过" in s)
    assert "2025-04-01" in sentence and "1000人次 更正为 600人次" in sentence
    assert "自评所列目标与更正后的目标一致" in sentence
    assert "“年初目标”取自部门整体绩效目标表（按 2025-04-01 更正后的目标，见上）" in text


def test_a_lowered_target_names_the_late_correction_too(tmp_path):
    text, compared = _page(tmp_path, CORRECTION, target="800")
    assert compared["lowered"] == 1
    sentence = next(s for s in text.split("。") if "目标调低：" in s)
    assert "本自评公布之后更正过：2025-04-01" in sentence


@pytest.mark.parametrize("corrections", ["", CORRECTION.replace("2025-04-01", "2024-03-01")])
def test_without_a_late_correction_the_page_says_nothing_of_one(tmp_path, corrections):
    text, compared = _page(tmp_path, corrections)
    assert compared["corrected_after"] == []
    assert "更正过" not in text and "更正后的目标" not in text
