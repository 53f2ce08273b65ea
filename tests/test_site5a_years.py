"""历年情况 across evaluators and grade words: each year says who evaluated it, and the grade is
read on one scale (优秀 → 优) with the published word beside it where it differs."""

from __future__ import annotations

import html
import re
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.pagedata import programme_data
from perfsite.site.programme_page import programme_context
from perfsite.site.render import bar, grade_classifier, standard


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_years_name_their_evaluation_and_read_grades_on_one_scale(tmp_path: Path, core_write, core_programme) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "data"
    core_write(root / "site.yaml", {"title": "测试站", "grade_aliases": {"优": ["优秀"], "良": ["良好"]}})
    for year, evaluation, grade in ((2021, "单位自评", "优秀"), (2022, "第三方评价", "优")):
        core_write(root / str(year) / "jiaoyu" / "zizhu.yaml",
                   core_programme(year=year, series="zizhu", evaluation=evaluation, reported={"score": 100, "grade": grade}))
    dataset = load_dataset(root, root)
    sp = next(s for s in dataset.programmes if s.programme.year == 2022)
    data = programme_data(sp, dataset)
    info = dataset.site
    context = programme_context(data, info)
    body = standard().render("programme.html", data["url"], site=info, grade_class=grade_classifier(info), bar=bar,
                             **context, documents=[])
    years = _text(body.split('id="ps-h-years"')[1].split("</section>")[0])
    assert "年度（评价方式） 总分 等级" in years
    assert "2021年度 单位自评 100.00 优 公布：优秀" in years
    assert "2022年度 本页 第三方评价 100.00 优 —" in years
    assert "各年度评价方式不同，得分不宜直接比较。" in context["trend"]["note"]


def test_the_verdict_box_links_the_report_the_open_measures_and_the_lowered_targets() -> None:
    from perfsite.site.programme_page import cycle_facts, cycle_links

    row = {"url": "projects/2022/a/", "report": "projects/2022/a/evaluation/", "report_grade": "良",
           "rectification": "projects/2022/a/rectification/", "open": 3, "overdue": 1}
    facts = cycle_facts(row, {"projects/2022/a/": "88.31"})
    links = cycle_links(facts, {"lowered": 1, "url": "projects/2022/a/targets/"})
    assert [(c["url"], c["text"], c["warn"]) for c in links] == [
        ("projects/2022/a/evaluation/", "评价报告 88.31 分·良", False),
        ("projects/2022/a/rectification/", "整改 3 项未完成（1 项逾期）", True),
        ("#ps-vs-targets", "目标调低 1 项", True)]
    assert cycle_facts({"url": "projects/2022/b/"}, {}) is None and cycle_links(None, None) == []
    done = cycle_links(cycle_facts({"url": "x/", "rectification": "x/rectification/", "open": 0}, {}), None)
    assert [c["text"] for c in done] == ["整改已全部完成"]
