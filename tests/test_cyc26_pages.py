"""目标调低 where a reader of a 自评 page meets the indicator: on its own row (card on a phone,
row in print), and at the link to its department-year when the 部门整体自评 lowered one; and
`perfsite check` tells a reviewer when a 绩效目标表 was corrected after its 自评 was published."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest_site import REPO

from perfsite.checkcache import check_tree
from perfsite.dataset import load_document
from perfsite.problems import Severity
from perfsite.record import make_record
from perfsite.site.department_page import DepartmentPage, department_links, department_years
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig

SITE = SiteConfig()
JIAOTONG, JIAOYU = REPO / "data" / "2023" / "jiaotong", REPO / "data" / "2023" / "jiaoyu"


def _load(path: Path) -> object:
    return load_document(path, REPO / "data", SITE, REPO)[0]


def _rows(body: str) -> list[str]:
    """The indicator table's rows (the 自评's own table, not the comparison's)."""
    table = body.split('class="ps-table ps-indicators')[1].split("</table>")[0]
    return table.split("<tr")[1:]


def test_a_lowered_indicator_is_marked_on_its_own_row_with_the_target_it_was_lowered_from() -> None:
    rec = make_record(_load(JIAOTONG / "nongcun-gonglu-yanghu.yaml"))  # type: ignore[arg-type]
    table = _load(JIAOTONG / "nongcun-gonglu-yanghu-mubiao.yaml")
    body = render_programme(rec, SITE, [], targets=table)[2]  # type: ignore[arg-type]
    marked = [row for row in _rows(body) if "ps-tag--lowered" in row]
    assert len(marked) == 1 and "路面病害处治率" in marked[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", marked[0])
    target = re.sub(r"<[^>]+>", "", cells[1])  # 目标值, the second cell after the names (INDICATOR_CELLS)
    assert target == "≥85%⚠ 目标调低（绩效目标表 ≥90%）"
    assert "ps-keep" not in marked[0].split("</td>")[1]  # the mark may wrap under the figure on a phone
    # no 目标表, no mark: the page is as it was
    alone = render_programme(rec, SITE, [])[2]  # type: ignore[arg-type]
    assert not [row for row in _rows(alone) if "目标调低" in row]


def test_the_link_to_the_department_year_says_its_targets_were_lowered() -> None:
    documents = [_load(JIAOYU / name) for name in ("bumen-zhengti-mubiaobiao.yaml", "bumen-zhengti-zipingbiao.yaml")]
    links = department_links(department_years(documents, []))  # type: ignore[arg-type]
    assert list(links.values()) == [DepartmentPage("departments/示例县教育局/2023/", 1)]
    rec = make_record(_load(JIAOYU / "yingyang-gaishan.yaml"))  # type: ignore[arg-type]
    body = render_programme(rec, SITE, [], departments=links)[2]  # type: ignore[arg-type]
    link = html.unescape(re.sub(r"<[^>]+>", "", body.split('<span class="ps-dept-page">')[1].split("</span>）")[0]))
    assert link == "（2023年度部门整体绩效 ⚠ 目标调低 1 项"
    # a department-year whose 自评 lowered nothing: the link alone
    calm = {key: page._replace(lowered=0) for key, page in links.items()}
    body = render_programme(rec, SITE, [], departments=calm)[2]  # type: ignore[arg-type]
    assert "2023年度部门整体绩效</a>）</span>" in body


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


def _late_hints(tmp_path: Path, corrected: str) -> list[object]:
    folder = tmp_path / corrected / "2024"
    folder.mkdir(parents=True)
    (folder / "atk4-mubiao.yaml").write_text(TARGETS.format(date=corrected), encoding="utf-8")
    (folder / "atk4.yaml").write_text(SELF, encoding="utf-8")
    dataset = check_tree(tmp_path / corrected, tmp_path, use_cache=False, jobs=1)
    return [p for p in dataset.problems if "更正过" in p.message]


def test_check_says_when_a_target_table_was_corrected_after_its_self_evaluation_was_published(tmp_path: Path) -> None:
    hints = _late_hints(tmp_path, "2025-04-01")
    assert len(hints) == 1
    hint = hints[0]
    assert (hint.severity, hint.file, hint.line, hint.key) == (  # type: ignore[attr-defined]
        Severity.WARNING, "2025-04-01/2024/atk4.yaml", 5, "published")
    assert "绩效目标表在本自评表发布（2025-03-01）之后更正过 1 次：2025-04-01（2025-04-01/2024/atk4-mubiao.yaml:8）" \
        in hint.message  # type: ignore[attr-defined]
    assert "培训人次的指标值由 1000人次 更正为 600人次" in hint.message and "corrections" in hint.message  # type: ignore[attr-defined]
    # corrected before the 自评 was published, or on that day: the 自评 was published against it
    assert _late_hints(tmp_path, "2024-05-01") == [] and _late_hints(tmp_path, "2025-03-01") == []
