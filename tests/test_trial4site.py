"""What the trial's 评价报告, 自评 and 整改 pages said wrong: a grade nobody published shown as
the grade, a sum check called a recomputation, one warning said eighteen times, and overdue
counted against the build day for statuses that date from a 填报日期."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.documents import read_document
from perfsite.pagedata import year_entry
from perfsite.problems import Severity
from perfsite.record import make_record, make_rectification_record
from perfsite.site.rectification_page import overview, render_rectification
from perfsite.site.report_page import said_once
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig, load_site

REPO = Path(__file__).resolve().parent.parent

RECTIFICATION = """\
kind: 整改
id: yinshui
name: 农村饮水安全工程维修养护资金
year: 2023
department: 示例县水利局
{extra}findings:
  - source: 评价报告
    problem: 县级配套资金未足额到位。
    measures:
      - {{measure: 补拨差额, owner: 示例县财政局, deadline: 2024-06-30, status: 整改中}}
  - source: 评价报告
    problem: 长效管护机制不健全。
    measures:
      - {{measure: 落实管护人员, owner: 示例县水利局, deadline: 2025-12-31, status: 未开始}}
      - {{measure: 制定管护办法, owner: 示例县水利局, deadline: 2027-06-30, status: 整改中}}
      - {{measure: 建立台账, owner: 示例县水利局, deadline: 2024-03-31, status: 已完成, completed: 2024-03-01, evidence: 台账}}
"""


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _rectification(tmp: Path, extra: str = "") -> tuple[object, list]:
    site, _ = load_site(REPO / "data" / "site.yaml", "site.yaml")
    path = tmp / "x" / "yinshui-zhenggai.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(RECTIFICATION.format(extra=extra), encoding="utf-8")
    doc, found = read_document(path, site, tmp)
    return doc, found.items


def _page(tmp: Path, extra: str, today: str = "2026-12-07") -> tuple[str, dict]:
    site, _ = load_site(REPO / "data" / "site.yaml", "site.yaml")
    doc, problems = _rectification(tmp, extra)
    assert not [p for p in problems if p.severity is Severity.ERROR], problems
    _, _, body, _, twin, _ = render_rectification(make_rectification_record(doc, problems), site, frozenset(), today)
    return _text(body), twin


def test_overdue_is_counted_on_the_status_date_and_the_page_says_it(tmp_path: Path) -> None:
    text, twin = _page(tmp_path, "status_date: 2024-12-10\n")
    # as of 2024-12-10 only the measure due 2024-06-30 was late; the one due 2025-12-31 had not
    # fallen due, and whether it was done since the form does not say
    assert [m["measure"] for f in twin["findings"] for m in f["measures"] if m["overdue"]] == ["补拨差额"]
    assert (twin["status_date"], twin["as_of"], twin["summary"]["overdue"], twin["summary"]["lapsed"]) == (
        "2024-12-10", "2024-12-10", 1, 1)
    assert "状态截至 2024-12-10，当时有 1 项已超过完成时限仍未完成。" in text
    assert "另有 1 项的完成时限在那之后已过（按 2026-12-07 计），其后的进展本表未载明。" in text
    assert "截至 2026-12-07" not in text
    assert text.count("⚠ 已逾期") == 1 and "（按状态截至日期 2024-12-10 计）" in text
    assert overview([{"url": "projects/2023/yinshui/rectification/", "year": 2023, "name": "甲", "department": "局",
                      "status_date": "2024-12-10", "findings": twin["findings"], "application": []}],
                    "2026-12-07")["summary"]["overdue"] == 1


def test_without_a_status_date_the_page_is_as_it_was(tmp_path: Path) -> None:
    text, twin = _page(tmp_path, "")
    assert (twin["status_date"], twin["as_of"], twin["summary"]["overdue"], twin["summary"]["lapsed"]) == (
        None, "2026-12-07", 2, 0)
    assert "2 项整改措施仍未完成，完成时限已过（按本站生成日期 2026-12-07 判断）。" in text and "状态截至" not in text


def test_a_status_date_is_checked_against_the_year_publication_and_completions(tmp_path: Path) -> None:
    def errors(extra: str) -> list[str]:
        found = [p for p in _rectification(tmp_path, extra)[1] if p.severity is Severity.ERROR]
        assert all(p.line and p.file == "x/yinshui-zhenggai.yaml" for p in found), found
        return [p.message for p in found]

    assert errors("status_date: 2024-12-10\npublished: 2024-12-20\n") == []
    assert any("早于被评价的 2023 年度" in m for m in errors("status_date: 2022-12-10\n"))
    assert any("晚于本文件的发布日期" in m for m in errors("status_date: 2024-12-30\npublished: 2024-12-20\n"))
    assert any("状态截至日期 2099-01-01 晚于今天" in m for m in errors("status_date: 2099-01-01\n"))
    assert any("完成日期 2024-03-01 晚于状态截至日期 2024-02-01" in m for m in errors("status_date: 2024-02-01\n"))
    assert any("status_date（状态截至日期）应是日期" in m for m in errors("status_date: 去年\n"))


def _programme(tmp: Path, data: dict) -> Path:
    path = tmp / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_total_published_without_a_grade_shows_the_grade_as_recomputed(tmp_path: Path) -> None:
    """98 published, no grade; 9 of ≥10 recomputes to 94.00: the badge beside 公布得分 is the
    site's grade and says so, and the sentence does not say the grade 「仍」 is what nobody published."""
    data = core_minimal_programme(reported={"score": "98"})
    data["indicators"][0]["actual"] = "9个"  # type: ignore[index]
    rec = make_record(scored(_programme(tmp_path, data), tmp_path))
    head = rec.headline
    assert (head["verdict"], head["grade"], head["computed_grade"]) == ("discrepancy", None, "优")
    assert "按复算，等级为「优」" in head["sentence"] and "仍" not in head["sentence"]
    badge = re.search(r'<span class="ps-grade ps-grade--[^"]*">(.*?)<span', render_programme(rec, SiteConfig(), [year_entry(rec)])[2])
    assert badge is not None and badge.group(1) == "复算等级"


def test_a_published_grade_still_reads_as_before(tmp_path: Path) -> None:
    data = core_minimal_programme(reported={"score": "98", "grade": "优"})
    data["indicators"][0]["actual"] = "9个"  # type: ignore[index]
    head = make_record(scored(_programme(tmp_path, data), tmp_path)).headline
    assert "按复算，等级仍为「优」" in head["sentence"] and head["grade"] == "优"


def test_scores_only_are_not_called_a_recomputation(tmp_path: Path) -> None:
    """No target and no actual anywhere: the published total equals the sum of the published scores,
    which checks the addition only; 「✓ 复算一致」 and 「逐项复算」 would claim what was not done."""
    data = core_minimal_programme(reported={"score": "94"})
    for indicator, score in zip(data["indicators"], ("54", "40"), strict=True):  # type: ignore[arg-type]
        del indicator["target"], indicator["actual"]
        indicator["score"] = score
    rec = make_record(scored(_programme(tmp_path, data), tmp_path))
    head = rec.headline
    assert head["verdict"] == "none" and head["computed"] == "94.00"
    assert head["sentence"] == "各项得分之和与公布总分一致；原文未给出目标值和实际值，各项得分无法复算。"
    body = render_programme(rec, SiteConfig(), [year_entry(rec)])[2]
    assert "复算一致" not in body and "未能复算" in body


def test_a_sum_that_differs_is_still_a_discrepancy(tmp_path: Path) -> None:
    data = core_minimal_programme(reported={"score": "96"})
    for indicator in data["indicators"]:  # type: ignore[union-attr]
        del indicator["target"], indicator["actual"]
    head = make_record(scored(_programme(tmp_path, data), tmp_path)).headline
    assert head["verdict"] == "discrepancy" and "各项公布得分之和为 100，与公布总分不符" in head["sentence"]


def test_a_warning_of_every_indicator_is_said_once_naming_them() -> None:
    same = "目标值和实际值均未给出，得分无法核验，按公布得分计"
    checks = [{"field": f"指标「{name}」得分", "message": same} for name in ("立项依据充分性", "资金到位率", "预算执行率")]
    checks.insert(1, {"field": "period", "message": "评价时间晚于发布日期"})
    assert said_once(checks) == [
        {"message": f"3 项指标得分（立项依据充分性、资金到位率、预算执行率）：{same}"},
        {"message": "评价时间晚于发布日期"}]
    assert said_once(checks[:3]) == [{"message": same}, {"message": "评价时间晚于发布日期"}, {"message": same}]


def test_the_listing_and_open_data_judge_overdue_on_the_status_date_too() -> None:
    from perfsite.opendata.cycle import rectification_rows
    from perfsite.site.cycle_marks import rectification_marks

    measure = {"measure": "m", "owner": "o", "evidence": None, "completed": None, "status": "未开始", "deadline": "2025-12-31"}
    doc = {"url": "projects/2023/a/rectification/", "programme_url": "projects/2023/a/", "year": 2023, "name": "甲",
           "department": "局", "status_date": "2024-12-10", "application": [],
           "findings": [{"source": "评价报告", "problem": "p", "measures": [measure]}]}
    assert rectification_marks([doc], "2026-12-07")["projects/2023/a/"][2] == 0
    rows, _ = rectification_rows([doc], "2026-12-07")
    assert (rows[0]["overdue"], rows[0]["as_of"]) == ("false", "2024-12-10")
    assert rectification_rows([{**doc, "status_date": None}], "2026-12-07")[0][0]["overdue"] == "true"


def test_a_match_with_rows_taken_as_published_says_how_many(tmp_path: Path) -> None:
    """One row recomputed, one only published: the total agrees by construction on the second, so the
    sentence says it was not worked out rather than 逐项复算 of every row."""
    data = core_minimal_programme(reported={"score": "100"})
    first, second = data["indicators"]  # type: ignore[misc]
    first["score"] = first["weight"]
    del second["target"], second["actual"]
    second["score"] = second["weight"]
    head = make_record(scored(_programme(tmp_path, data), tmp_path)).headline
    assert head["verdict"] == "match"
    assert head["sentence"].endswith("结果与公布得分一致。其中 1 项无法复算，按公布得分计。")
