"""A programme's 历年情况 with a year missing between two (2022, 2024): two dots far apart say
nothing, so the table has a row for 2023 saying 无自评 and the note says it."""

from __future__ import annotations

import html
import re
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.pagedata import programme_data
from perfsite.site.programme_page import programme_context, trend
from perfsite.site.render import bar, grade_classifier, standard
from perfsite.siteconfig import SiteConfig


def _data(root: Path, core_write, core_programme, years: tuple[int, ...]) -> dict:  # type: ignore[no-untyped-def]
    core_write(root / "site.yaml", {"title": "测试站"})
    for year in years:
        core_write(root / str(year) / "jiaoyu" / "zizhu.yaml", core_programme(year=year, series="zizhu"))
    data = load_dataset(root, root)
    sp = next(s for s in data.programmes if s.programme.year == years[-1])
    return programme_data(sp, data)


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_a_gap_year_is_a_row_and_a_sentence(tmp_path, core_write, core_programme) -> None:
    data = _data(tmp_path / "data", core_write, core_programme, (2021, 2022, 2024))
    t = trend(data)
    assert t is not None and t["gaps"] == [2023]
    assert [(r["year"], bool(r.get("gap"))) for r in t["table"]] == [(2021, False), (2022, False), (2023, True), (2024, False)]
    assert [r["year"] for r in t["rows"]] == [2021, 2022, 2024]  # the years with a page, as before
    assert t["note"].endswith("2023 年无自评，图中该年度空缺，线在此断开。")
    info = SiteConfig()
    body = standard().render("programme.html", data["url"], site=info, grade_class=grade_classifier(info), bar=bar,
                             **programme_context(data, info), documents=[])
    years = _text(body.split('id="ps-h-years"')[1].split("</section>")[0])
    assert "2022年度 单位自评 100.00 复算 优 — 2023年度 无自评（本站没有本项目该年度的绩效自评表） 2024年度 本页" in years
    assert "2023 年无自评" in years


def test_consecutive_years_say_nothing_of_a_gap(tmp_path, core_write, core_programme) -> None:
    t = trend(_data(tmp_path / "data", core_write, core_programme, (2022, 2023)))
    assert t is not None and t["gaps"] == [] and "无自评" not in t["note"] and len(t["table"]) == 2
