"""The site-wide 整改 page: its count of overdue measures links to the overdue-filtered view."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from perfsite.documents import read_document
from perfsite.record import make_rectification_record
from perfsite.rectification import Rectification
from perfsite.site.rectification_page import listed, rectification_pages
from perfsite.siteconfig import SiteConfig

HEAD = """\
kind: 整改
id: a
name: 甲项目
year: 2023
department: 红队局
published: 2024-08-01
findings:
  - source: 自评
    problem: 培训人数不足。
    measures:
"""


def _document(tmp_path: Path, deadline: str) -> dict[str, object]:
    path = tmp_path / "z.yaml"
    path.write_text(HEAD + f"      - {{measure: 扩大培训, owner: 红队局, deadline: {deadline}, status: 整改中}}\n",
                    encoding="utf-8")
    doc, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(doc, Rectification), problems.items
    return listed(make_rectification_record(doc, problems.items))


def test_the_overdue_count_links_the_overdue_view(tmp_path: Path) -> None:
    page, _ = rectification_pages([_document(tmp_path, "2024-06-30")], SiteConfig(), "2026-12-07")
    link = lxml.html.fromstring(page.html).xpath("//p[contains(@class, 'ps-lead')]//a[@id='ps-roverdue-link']")
    assert len(link) == 1 and link[0].text_content() == "1 项已逾期"
    assert link[0].get("href") == "./?overdue=1#ps-rcount"  # this page, filtered
    script = (Path(__file__).resolve().parents[1] / "perfsite/assets/rectification.js").read_text(encoding="utf-8")
    assert 'getElementById("ps-roverdue-link")' in script  # filters in place when the script runs


def test_no_overdue_link_without_overdue_measures(tmp_path: Path) -> None:
    page, _ = rectification_pages([_document(tmp_path, "2099-06-30")], SiteConfig(), "2026-12-07")
    assert "ps-roverdue-link" not in page.html
