"""A 绩效目标表 corrected after its 自评 was published: the 自评 page and its twin say so beside
the comparison, not 「年初公布了绩效目标表…与之一致」 alone (red-team cut-down of /tmp/redteam6 F4:
1000人次 corrected to 600人次 a month after the 自评 copied ≥600人次)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from perfsite.documents import read_document
from perfsite.record import make_record
from perfsite.scoring import score_programme
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig

TARGETS = """\
kind: 绩效目标
id: atk4
name: 农技推广服务
year: 2024
department: 示例县农业农村局
published: 2024-02-01
corrections:
  - {{date: {date}, what: 培训人次的指标值由 1000人次 更正为 600人次, why: 原表录入错误}}
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: 培训人次, nature: "≥", target: 600, unit: 人次}}
"""
SELF = """\
id: atk4
name: 农技推广服务
year: 2024
department: 示例县农业农村局
published: 2025-03-01
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训人次, weight: 100, target: "≥600人次", actual: "650人次", score: 100}
"""


def _page(tmp_path: Path, corrected: str):
    site = SiteConfig()
    (tmp_path / "atk4-mubiao.yaml").write_text(TARGETS.format(date=corrected), encoding="utf-8")
    (tmp_path / "atk4.yaml").write_text(SELF, encoding="utf-8")
    table, _ = read_document(tmp_path / "atk4-mubiao.yaml", site, tmp_path)
    programme, problems = read_document(tmp_path / "atk4.yaml", site, tmp_path)
    rec = make_record(score_programme(programme, site, problems))
    _, _, body, _, data, _ = render_programme(rec, site, [], targets=table)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body))), data["target_comparison"]


def test_a_correction_after_the_self_evaluation_is_said_with_the_comparison(tmp_path):
    text, twin = _page(tmp_path, "2025-04-01")
    assert twin["corrected_after"] == [{"date": "2025-04-01", "what": "培训人次的指标值由 1000人次 更正为 600人次"}]
    sentence = next(s for s in text.split("。") if "本项目年初公布了绩效目标表" in s)
    assert "2025-04-01" in sentence and "本自评表公布之后" in sentence and "1000人次 更正为 600人次" in sentence
    assert "与更正后的目标一致" in sentence
    assert "2024年度绩效目标表（按 2025-04-01 更正后的目标，见上）逐项对照" in text


def test_a_correction_on_the_day_the_self_evaluation_was_published_is_not_after_it(tmp_path):
    _, twin = _page(tmp_path, "2025-03-01")
    assert twin["corrected_after"] == []


def test_a_correction_before_the_self_evaluation_is_said_as_the_version_it_was_published_against(tmp_path):
    text, twin = _page(tmp_path, "2024-05-01")
    assert twin["corrected_after"] == []
    assert twin["corrected_before"] == [{"date": "2024-05-01", "what": "培训人次的指标值由 1000人次 更正为 600人次"}]
    assert "自评所列目标与之一致" not in text
    sentence = next(s for s in text.split("。") if "本项目年初公布了绩效目标表" in s)
    assert "本自评表公布之前更正过：2024-05-01" in sentence and "与更正后的目标一致" in sentence
    assert "2024年度绩效目标表（按本自评表公布前 2024-05-01 更正后的目标，见上）逐项对照" in text
