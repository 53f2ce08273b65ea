"""A series' 各年度指标对照 names a year whose 自评 was corrected after it was published (its latest
更正's date, `years_compared.years[].corrected`): the table shows that year's corrected target, so
a target corrected down to the year before's (≥95% → ≥90%) reads as no change there, and the
reader is told where the 更正记录 is. Made from the documents (years_compared, _years.html) for the
page's own record and for another year's YearSheet alike."""

from __future__ import annotations

import html
import re
from pathlib import Path

from perfsite.documents import read_document
from perfsite.record import make_record
from perfsite.scoring import score_programme
from perfsite.site.render import standard
from perfsite.siteconfig import SiteConfig
from perfsite.years_compared import year_sheet, years_compared

YEAR = """\
id: yy-{year}
series: yy
name: 农村义务教育学生营养改善计划
year: {year}
department: 示例县教育局
published: {published}
{corrections}indicators:
  - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 家长满意度, weight: 100, target: "≥90%", actual: "93%", score: 100}}
"""
CORRECTED = """\
corrections:
  - {date: 2024-06-01, what: 家长满意度的目标值由 ≥95% 更正为 ≥90%, why: 原表录入错误}
"""


def _record(tmp_path: Path, year: int, published: str, corrections: str = ""):
    site = SiteConfig()
    path = tmp_path / f"{year}.yaml"
    path.write_text(YEAR.format(year=year, published=published, corrections=corrections), encoding="utf-8")
    programme, problems = read_document(path, site, tmp_path)
    return make_record(score_programme(programme, site, problems))


def _header(compared) -> str:
    body = standard().render("_years.html", "projects/2024/yy-2024/years/", compared=compared, years_rows="")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body.split("</thead>")[0])))


def test_a_corrected_year_is_named_in_the_table_and_the_twin(tmp_path):
    earlier = _record(tmp_path, 2021, "2022-04-10")
    corrected = _record(tmp_path, 2023, "2024-04-12", CORRECTED)
    latest = _record(tmp_path, 2024, "2025-04-15")
    for own, others in ((latest, [corrected, earlier]), (corrected, [latest, earlier])):
        compared = years_compared(own, [year_sheet(o) for o in others])
        assert [(y["year"], y["corrected"]) for y in compared["years"]] == [
            (2021, None), (2023, "2024-06-01"), (2024, None)]
        assert [c["change"] for row in compared["rows"] for c in row["changes"]] == []  # ≥90% each year: no change
        assert "2023年度 （公开后更正过，最近一次 2024-06-01）" in _header(compared)
        assert "2021年度 （" not in _header(compared)
