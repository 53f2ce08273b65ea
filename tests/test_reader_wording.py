"""Findings shown to citizens on a page are said in a reader's words: no YAML key and no
「请核对」 aimed at the clerk in the message. `perfsite check` still names the key, in the
problem's location (file:line: indicators[1].remark: 提示：…)."""

from __future__ import annotations

import re
from pathlib import Path

from perfsite.documents import read_document
from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig

KEY_IN_TEXT = re.compile(r"[（(][a-z_]+[）)]|请核对")

PROGRAMME = """\
year: 2024
id: p
name: 甲
department: 某局
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训人次, weight: 50, target: "≥100人次", actual: "≥50人次"}
  - {level1: 产出指标, level2: 数量指标, name: 覆盖户数, weight: 50, target: "≥100户", actual: "200户"}
"""


def test_remark_hints_name_no_key_but_the_cli_line_does(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRAMME, encoding="utf-8")
    programme, problems = read_programme(path, SiteConfig())
    assert programme is not None
    score_programme(programme, SiteConfig(), problems)
    hints = {p.key: p for p in problems.items if p.key.endswith("remark")}
    assert hints["indicators[1].remark"].message == "指标「培训人次」未得满分（25/50），未填写偏差原因分析"
    assert hints["indicators[2].remark"].message == "指标「覆盖户数」实际值达到目标的 130% 以上，未说明原因（目标可能定得过低）"
    for hint in hints.values():
        assert not KEY_IN_TEXT.search(hint.message), hint.message
        assert hint.field.endswith("偏差原因")
        assert ".remark: 提示：" in hint.as_text()  # what `perfsite check` prints


def test_department_execution_above_budget_reads_as_a_fact(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("kind: 部门整体自评\nyear: 2023\ndepartment: 某局\nexecution: {budget: 329.77, spent: 340}\n",
                    encoding="utf-8")
    _, problems = read_document(path, SiteConfig(), tmp_path)
    [hint] = [p for p in problems.items if p.key == "execution.spent" and p.severity is Severity.WARNING]
    assert hint.message == "全年执行数 340万元 大于全年预算数 329.77万元"
    assert "execution.spent: 提示：" in hint.as_text()
