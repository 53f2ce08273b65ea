"""The 绩效目标表 wherever the 自评 is, piece by piece: list rows' marks (Python rows = the macro),
the index's targets column, the search stub, /data/'s target table and the feed's entries."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from test_site_listings import make_rows

from perfsite.documents import read_document
from perfsite.opendata.build import MemorySink
from perfsite.opendata.doctables import write_doc_tables
from perfsite.opendata.feed import atom_feed, target_item
from perfsite.opendata.parts import Spool
from perfsite.opendata.targets import CSV_PATH, TARGET_COLUMNS, TARGET_TABLE, XLSX_PATH, target_part
from perfsite.record import make_target_record
from perfsite.site import search
from perfsite.site.listing_rows import programme_rows, targets_marks
from perfsite.site.pages import INDEX_FIELDS, TARGETS_KEPT, TARGETS_LOWERED, TARGETS_NONE, index_part, targets_code
from perfsite.site.render import grade_classifier, linker, relative_url, standard
from perfsite.site.targets_page import mark_rows
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.values import inert_cell

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "data/2022/jiaoyu/yingyang-gaishan-mubiao.yaml"


def record(path: Path = TABLE):
    table, problems = read_document(path, SiteConfig(), REPO / "data")
    assert isinstance(table, TargetTable)
    return make_target_record(table, problems.items)


def marked_rows() -> list[dict[str, object]]:
    rows = make_rows(6)
    mark_rows(rows, {"projects/2023/p000/targets/", "projects/2024/p001/targets/", "projects/2023/p002/targets/"},
              {"projects/2024/p001/": 2, "projects/2024/p003/": 1})
    return rows


def test_mark_rows_gives_the_target_page_and_lowered_count_only_where_a_table_exists():
    rows = marked_rows()
    assert [(r["targets"], r["lowered"]) for r in rows[:4]] == [
        ("projects/2023/p000/targets/", 0), ("projects/2024/p001/targets/", 2), ("projects/2023/p002/targets/", 0),
        (None, 0)]  # p003 has a count but no table: no mark
    assert [targets_code(r) for r in rows[:4]] == [TARGETS_KEPT, TARGETS_LOWERED, TARGETS_KEPT, TARGETS_NONE]
    assert index_part(rows[:4])["columns"][INDEX_FIELDS.index("targets")] == [TARGETS_KEPT, TARGETS_LOWERED, TARGETS_KEPT, TARGETS_NONE]


@pytest.mark.parametrize("page_url", ["years/2024/", "", "projects/"])
def test_list_marks_are_the_macros_bytes(page_url):
    """listing_rows writes the marks the index's no-script list writes with the macro."""
    rows = marked_rows()
    macro = standard().env.from_string('{% from "_macros.html" import targets_marks with context %}'
                                      "{% for p in items %}[{{ targets_marks(p) }}]{% endfor %}")
    link = linker(page_url)
    assert macro.render(items=rows, url=lambda t: relative_url(t, page_url)) == \
        "".join(f"[{targets_marks(r, link)}]" for r in rows)
    html = str(programme_rows(rows, True, page_url, grade_classifier(SiteConfig())))
    assert html.count("ps-tag--targets") == 3 and html.count("⚠ 目标调低") == 1
    assert "（2 项）" in html  # the count, for a screen reader


def test_the_search_stub_names_the_kind_and_holds_goals_and_targets():
    from perfsite.site.targets_page import targets_twin

    stub = search.target_stub_html(targets_twin(record(), True))
    assert f'<h1 data-pagefind-weight="{search.DOCUMENT_WEIGHT}">义务教育阶段学生营养改善计划（2022年度绩效目标表）</h1>' in stub
    assert "为全县46所学校约1.2万名学生提供营养膳食补助" in stub and "学生体质健康达标率 ≥93%" in stub
    assert search.MARK in stub


def test_hostile_text_in_a_stub_is_escaped(tmp_path):
    from perfsite.site.targets_page import targets_twin

    hostile = tmp_path / "2022" / "h.yaml"
    hostile.parent.mkdir()
    hostile.write_text(TABLE.read_text(encoding="utf-8").replace("name: 义务教育阶段学生营养改善计划",
                                                                 "name: '<script>alert(1)</script>'", 1), encoding="utf-8")
    stub = search.target_stub_html(targets_twin(record(hostile), True))
    assert "<script>alert" not in stub and "&lt;script&gt;alert(1)&lt;/script&gt;" in stub


def write_target_data(parts, site, sink):
    """The site-wide 绩效目标表 files of `parts` (no year bundles): their FileFacts."""
    return write_doc_tables([(TARGET_TABLE, parts)], site, sink, ()).facts


def test_the_target_table_files_project_each_indicator(tmp_path):
    sink = MemorySink()
    rec = record()
    facts = write_target_data([target_part(rec, SiteConfig())], SiteConfig(), sink)
    assert set(facts) == {CSV_PATH, XLSX_PATH} and facts[CSV_PATH]["rows"] == len(rec.indicators)
    text = sink.files[CSV_PATH].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [c.header for c in TARGET_COLUMNS]
    # each text as the record holds it, up to the CSV's one documented escape (the formula guard: =0起 → '=0起)
    assert [(r["三级指标"], r["目标"]) for r in rows] == [(i["name"], inert_cell(i["target_text"])) for i in rec.indicators]
    assert "'=0起" in [r["目标"] for r in rows]
    assert facts[CSV_PATH]["bytes"] == len(sink.files[CSV_PATH])
    assert write_target_data([], SiteConfig(), MemorySink()) == {}  # no table: no file
    spool = Spool(tmp_path / "w.bin")  # a build's worker keeps the pieces in its spool file: the same bytes
    spool.add([b"other programme's pieces"])
    spooled = target_part(rec, SiteConfig(), spool)
    spool.flush()
    again = MemorySink()
    assert write_target_data([spooled], SiteConfig(), again) == facts and again.files == sink.files


def test_a_formula_in_a_target_is_made_inert():
    from dataclasses import replace

    rec = record()
    rows = list(rec.indicators)
    rows[0] = {**rows[0], "explanation": "=HYPERLINK(\"http://x\")"}
    sink = MemorySink()
    write_target_data([target_part(replace(rec, indicators=tuple(rows)), SiteConfig())], SiteConfig(), sink)
    assert "'=HYPERLINK" in sink.files[CSV_PATH].decode("utf-8-sig")


def test_the_feed_has_an_entry_per_target_table_dated_by_its_publication():
    rec = record()
    site = SiteConfig()
    item = target_part(rec, site)
    assert item.feed_date == rec.published
    feed = atom_feed([], site, [target_item(item)]).decode()
    assert "<title>示例：义务教育阶段学生营养改善计划（2022年度绩效目标表）</title>" in feed  # data/ is 示例数据
    assert f'<link href="/{rec.url}"/>' in feed and f"<updated>{rec.published}T00:00:00+08:00</updated>" in feed


def test_the_single_process_build_marks_its_rows_as_the_workers_do():
    """build_site (tests, other renderers) runs the build's own pipeline: its listings carry the same marks."""
    from perfsite.site import build_site

    pages = {p.url: p.html for p in build_site(REPO / "data").pages}
    assert "⚠ 目标调低" in pages["years/2022/"] and 'href="../../projects/2022/yingyang-gaishan/targets/"' in pages["years/2022/"]
    # 2023: 营养改善 keeps its targets, 农村公路养护's 自评 restates one lower
    year_2023 = pages["years/2023/"]
    assert year_2023.count("⚠ 目标调低") == 1 and "yingyang-gaishan/targets/" in year_2023
    lowered_row = year_2023.split("⚠ 目标调低")[0].rsplit("<tr", 1)[1]
    assert "nongcun-gonglu-yanghu" in lowered_row


def test_weights_given_without_a_written_total_are_shown(tmp_path: Path) -> None:
    """A form whose indicators carry weights adding up to 100 needs no `weight_total`: the 权重 column
    is published all the same (the weights are figures of the form, not an option of the page)."""
    from perfsite.site.targets_page import render_targets

    text = TABLE.read_text(encoding="utf-8")
    assert "weight_total: 100\n" in text
    without = tmp_path / "2022" / "jiaoyu" / TABLE.name
    without.parent.mkdir(parents=True)
    without.write_text(text.replace("weight_total: 100\n", ""), encoding="utf-8")
    table, problems = read_document(without, SiteConfig(), tmp_path)
    assert isinstance(table, TargetTable) and table.weight_total is None and not problems.has_errors
    bodies = [render_targets(make_target_record(t, p.items), SiteConfig(), False)[2]
              for t, p in ((table, problems), read_document(TABLE, SiteConfig(), REPO / "data"))]
    for body in bodies:
        assert '<th scope="col" class="ps-num">权重</th>' in body
        shown = re.findall(r'<td data-label="权重" class="ps-num">([^<]*)</td>', body)
        assert [Decimal(w) for w in shown] == [i.weight for i in table.indicators]
