"""The department page's comparison with its 部门整体绩效目标表 says when that table was corrected
after the 部门整体自评 was published, as a 自评 page does (target_comparison.corrected_after): a
自评 agreeing with targets corrected since agrees with no 「年初公布」 table. Rendered from the
documents (department_twin, department.html) without a site build."""

from __future__ import annotations

import html
import re
from pathlib import Path

from perfsite.documents import read_document
from perfsite.record import make_record
from perfsite.scoring import score_programme
from perfsite.site.department_page import DepartmentYear, department_twin, page_context
from perfsite.site.render import bar, grade_classifier, standard
from perfsite.site.shell import render_programme
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
    # compared with the table as corrected since: no 「年初公布的」 table is what it is lower than
    assert "目标低于更正后的部门整体绩效目标表" in sentence and "年初" not in sentence


def test_a_lowered_target_on_a_self_evaluation_page_is_lower_than_the_corrected_table(tmp_path):
    """The 目标表 raised after the 自评 copied it (1000人次 → 1200人次): the 自评 lowered nothing
    年初公布, so the page must not say 「低于年初公布的绩效目标表」."""
    site = SiteConfig()
    (tmp_path / "p-mubiao.yaml").write_text(PROJECT_TARGETS, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(PROJECT_SELF, encoding="utf-8")
    table, _ = read_document(tmp_path / "p-mubiao.yaml", site, tmp_path)
    programme, problems = read_document(tmp_path / "p.yaml", site, tmp_path)
    rec = make_record(score_programme(programme, site, problems))
    _, _, body, _, data, _ = render_programme(rec, site, [], targets=table)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body)))
    assert data["target_comparison"]["lowered"] == 1
    sentence = next(s for s in text.split("。") if "目标调低：" in s)
    assert "目标低于更正后的绩效目标表（该表在本自评表公布之后更正过：2025-04-01" in sentence
    assert "年初" not in sentence


PROJECT_TARGETS = """\
kind: 绩效目标
id: p
name: 农技推广服务
year: 2024
department: 示例县农业农村局
published: 2024-02-01
corrections:
  - {date: 2025-04-01, what: 培训人次的指标值由 1000人次 更正为 1200人次, why: 原表录入错误}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训人次, nature: "≥", target: 1200, unit: 人次}
"""
PROJECT_SELF = """\
id: p
name: 农技推广服务
year: 2024
department: 示例县农业农村局
published: 2025-03-01
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训人次, weight: 100, target: "≥1000人次", actual: "1050人次", score: 100}
"""


def test_without_a_correction_the_page_says_nothing_of_one(tmp_path):
    text, compared = _page(tmp_path, "")
    assert compared["corrected_after"] == [] == compared["corrected_before"]
    assert "更正过" not in text and "更正后的目标" not in text


EARLY = CORRECTION.replace("2025-04-01", "2024-03-01")


def test_a_correction_before_the_self_evaluation_is_the_table_it_was_compared_with(tmp_path):
    """Corrected before the 自评 was published, the file's table is the one in force then: the page
    says so and compares with it, never calling it the table 年初公布."""
    text, compared = _page(tmp_path, EARLY)
    assert compared["corrected_after"] == []
    assert compared["corrected_before"] == [{"date": "2024-03-01", "what": "培训人次的指标值由 1000人次 更正为 600人次"}]
    sentence = next(s for s in text.split("。") if "本自评公布之前更正过" in s)
    assert "2024-03-01" in sentence and "自评所列目标与更正后的目标一致" in sentence
    assert "（按本自评公布前 2024-03-01 更正后的目标，见上）" in text


def test_a_target_lowered_below_a_table_corrected_early_is_lower_than_the_corrected_table(tmp_path):
    text, compared = _page(tmp_path, EARLY, target="800")
    assert compared["lowered"] == 1
    sentence = next(s for s in text.split("。") if "目标调低：" in s)
    assert "目标低于更正后的部门整体绩效目标表（该表在本自评公布之前更正过：2024-03-01" in sentence
    assert "年初" not in sentence
