"""One record, every output a projection of it: odd and hostile cells show the same text in the
page, its JSON twin and CSV, the /data/ CSV, worksheet and programmes.json rows, the listing row,
the 项目查询 data, the search stub and `perfsite score --format json`, each up to its one
documented escape (HTML; the CSV/XLSX formula guard; XML in worksheets)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfsite.cli import main
from perfsite.decimals import Written, written
from perfsite.opendata.parts import programme_parts
from perfsite.opendata.tables import INDICATOR_COLUMNS, INDICATOR_CSV_COLUMNS
from perfsite.reader import read_programme
from perfsite.record import DocumentKind, Record, make_record
from perfsite.scoring import score_programme
from perfsite.site.pages import index_part, listing_row
from perfsite.site.programme_page import INDICATOR_CELLS
from perfsite.site.render import grade_band
from perfsite.site.search import stub_html
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig
from perfsite.values import inert_cell

LONG = "很长的说明文字" * 140  # 980 characters: long, within the contract's 5,000
HOSTILE: list[tuple[str, str]] = [
    # (the cell as written in YAML, the text every output publishes)
    ("1e3", "1e3"),
    ("0100", "0100"),
    ("+5", "+5"),
    ("1_000", "1_000"),
    ("1,000.50", "1,000.50"),
    ("１０００元", "１０００元"),
    ('"\\u202e反向文字"', "[U+202E]反向文字"),
    ('"甲\\u2066乙\\u2069"', "甲[U+2066]乙[U+2069]"),
    ('"👨\\u200d👩"', "👨\u200d👩"),
    ("\"=cmd|' /C calc'!A0\"", "=cmd|' /C calc'!A0"),
    ('"@SUM(A1:A9)"', "@SUM(A1:A9)"),
    ('"<script>alert(1)</script>&amp;"', "<script>alert(1)</script>&amp;"),
    ('"  前后有空格  "', "前后有空格"),
    ('"第一行\\n第二行"', "第一行\n第二行"),
    (f'"{LONG}"', LONG),
    ("/", "/"),
    ('""', ""),
]
NAME = "<b>项目</b>\u202e名称"
NAME_SHOWN = "<b>项目</b>[U+202E]名称"


def programme_yaml() -> str:
    """One programme whose indicator i has HOSTILE[i] as its actual (and its remark)."""
    weight = 100 // len(HOSTILE)
    rows = []
    for i, (cell, _) in enumerate(HOSTILE):
        last = i == len(HOSTILE) - 1
        rows.append(
            f"  - level1: 产出指标\n    level2: 数量指标\n    name: 指标{i}\n"
            f"    weight: {100 - weight * i if last else weight}\n    target: /\n    actual: {cell}\n"
            f"    remark: {cell}\n    score: {100 - weight * i if last else weight}\n")
    return ("year: 2023\nid: hostile\nname: \"<b>项目</b>\\u202e名称\"\ndepartment: 某局\nregion: 某县\n"
            "budget:\n  unit: 万元\n  budget: {total: 100}\n  funded: {total: 100}\n  spent: {total: 90}\n"
            "indicators:\n" + "".join(rows))


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("record") / "hostile.yaml"
    path.write_text(programme_yaml(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rec(source: Path) -> Record:
    programme, problems = read_programme(source, SiteConfig())
    assert programme is not None
    assert not problems.has_errors, [p.as_text() for p in problems.items]
    return make_record(score_programme(programme, SiteConfig(), problems))


EXPECTED = [shown for _, shown in HOSTILE]


def test_the_record_keeps_every_cell_as_written(rec: Record) -> None:
    assert [i.actual for i in rec.indicators] == EXPECTED
    assert [i.remark or "" for i in rec.indicators] == EXPECTED
    assert rec.name == NAME_SHOWN
    assert rec.kind is DocumentKind.SELF_EVALUATION


def test_scoring_reads_the_value_not_the_text(tmp_path: Path) -> None:
    """``1e3`` is published as written and scored as 1000 (complete against ≥1000 like ``1000``)."""
    shown = []
    for actual in ("1e3", "1000"):
        path = tmp_path / f"p{actual}.yaml"
        path.write_text("year: 2023\nid: p\nname: 甲\ndepartment: 局\nindicators:\n"
                        "  - {level1: 产出指标, level2: 数量指标, name: 数量, weight: 100, target: 1000, "
                        f"actual: {actual}}}\n", encoding="utf-8")
        programme, problems = read_programme(path, SiteConfig())
        assert programme is not None
        record = make_record(score_programme(programme, SiteConfig(), problems))
        shown.append((record.indicators[0].actual, record.indicators[0].completion, record.total))
    assert shown == [("1e3", "100.00", "100.00"), ("1000", "100.00", "100.00")]


def test_page_html_shows_each_cell_escaped_once(rec: Record) -> None:
    _, title, body, _, _, _ = render_programme(rec, SiteConfig(), [])
    tree = lxml.html.fromstring(body)
    cells = indicator_cells(tree, "实际值")
    assert cells == [text or "—" for text in EXPECTED]  # an empty cell shows a dash
    remarks = indicator_cells(tree, "偏差原因")
    assert remarks == EXPECTED
    assert tree.xpath("//h1")[0].text_content() == NAME_SHOWN
    assert "<script>" not in body and "<b>项目" not in body
    assert title == f"{NAME_SHOWN}（2023年度）"


def test_json_twin_shows_the_text_as_is(rec: Record) -> None:
    _, _, _, files, _, _ = render_programme(rec, SiteConfig(), [])
    twin = json.loads(files["projects/2023/hostile/hostile.json"])
    assert [i["actual"] for i in twin["indicators"]] == EXPECTED
    assert [i["remark"] or "" for i in twin["indicators"]] == EXPECTED
    assert twin["name"] == NAME_SHOWN


def csv_column(text: str, header: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


GUARDED = [inert_cell(text) for text in EXPECTED]


def test_per_programme_csv_guards_formulas_only(rec: Record) -> None:
    _, _, _, files, _, _ = render_programme(rec, SiteConfig(), [])
    text = files["projects/2023/hostile/hostile.csv"].decode("utf-8")
    assert csv_column(text, "实际完成值") == GUARDED
    assert csv_column(text, "偏差原因分析及改进措施") == GUARDED
    assert "'=cmd|' /C calc'!A0" in GUARDED and "'@SUM(A1:A9)" in GUARDED and "+5" in GUARDED


def test_open_data_rows_show_the_same_text(rec: Record) -> None:
    part = programme_parts(rec, SiteConfig())
    programmes_csv, indicators_csv, _, document = (piece.decode("utf-8") for piece in part.csv_and_json())
    header = ",".join(c.header for c in INDICATOR_COLUMNS) + "\r\n"
    assert csv_column(header + indicators_csv, "实际完成值") == GUARDED
    assert csv_column(_programme_header() + programmes_csv, "项目名称") == [NAME_SHOWN]
    item = json.loads(document)
    assert [i["actual"] for i in item["indicators"]] == EXPECTED
    assert item["name"] == NAME_SHOWN
    column = [c.name for c in INDICATOR_COLUMNS].index("actual")
    assert [sheet_cell(row, column) for row in part.sheet_rows(1)] == GUARDED


def _programme_header() -> str:
    from perfsite.opendata.tables import PROGRAMME_COLUMNS

    return ",".join(c.header for c in PROGRAMME_COLUMNS) + "\r\n"


def sheet_cell(row: bytes, column: int) -> str:
    """The text of a worksheet row's cell in `column` ("" when the cell is left out): the rows carry
    no references, each cell stands in its column's place (an empty one before a filled one as <c/>)."""
    cells = list(lxml.etree.fromstring(row))
    return "".join(cells[column].itertext()) if column < len(cells) else ""


def test_listing_row_index_and_search_stub(rec: Record) -> None:
    row = listing_row(rec, grade_band(SiteConfig()))
    assert row["name"] == NAME_SHOWN
    assert index_part([row])["columns"][2] == [NAME_SHOWN]
    _, _, _, _, data, _ = render_programme(rec, SiteConfig(), [])
    stub = lxml.html.fromstring(stub_html(data))
    assert stub.xpath("//h1")[0].text_content() == f"{NAME_SHOWN}（2023年度）"
    assert "<b>" not in stub_html(data)


def test_score_json_shows_the_text_as_is(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["score", str(source), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert [i["actual"] for i in doc["indicators"]] == EXPECTED
    assert [i["remark"] or "" for i in doc["indicators"]] == EXPECTED
    assert doc["name"] == NAME_SHOWN


def test_written_numbers_carry_their_text_only_when_it_differs() -> None:
    from perfsite.yamlload import load_yaml_text

    data = load_yaml_text("a: [18, 99.10, 1e3, 0100, +5, 1_000, .5, 1e-999999999]").data
    assert isinstance(data, dict)
    assert [type(v) is Written for v in data["a"][:2]] == [False, False]
    assert [written(v) for v in data["a"][:7]] == ["18", "99.10", "1e3", "0100", "+5", "1_000", ".5"]
    assert data["a"][2] == 1000 and data["a"][7] == "1e-999999999"  # out of range stays text, never printed


# Generated text through the projections -----------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\u202e\u2066\u200d=+-@<>&\"'\n"),
               max_size=40).map(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actual=TEXT, remark=TEXT)
def test_generated_text_is_the_same_in_every_projection(rec: Record, actual: str, remark: str) -> None:
    """Whatever a cell holds, the page, the twin, the per-programme CSV and the /data/ rows and
    programmes.json show the record's text, each with its own escape only."""
    first = rec.indicators[0]._replace(actual=actual, remark=remark or None)
    record = replace(rec, indicators=(first, *rec.indicators[1:]))
    _, _, body, files, _, _ = render_programme(record, SiteConfig(), [])
    page = lxml.html.fromstring(body)
    assert _cell_text(page, "实际值") == (actual or "—")
    assert _cell_text(page, "偏差原因") == remark
    twin = json.loads(files["projects/2023/hostile/hostile.json"])
    assert (twin["indicators"][0]["actual"], twin["indicators"][0]["remark"] or "") == (actual, remark)
    own = csv_column(files["projects/2023/hostile/hostile.csv"].decode("utf-8"), "实际完成值")
    assert own[0] == inert_cell(actual)
    part = programme_parts(record, SiteConfig())
    _, indicators_csv, _, document = (piece.decode("utf-8") for piece in part.csv_and_json())
    header = ",".join(c.header for c in INDICATOR_COLUMNS) + "\r\n"
    assert csv_column(header + indicators_csv, "实际完成值")[0] == inert_cell(actual)
    assert json.loads(document)["indicators"][0]["actual"] == actual
    column = [c.name for c in INDICATOR_COLUMNS].index("remark")
    assert sheet_cell(part.sheet_rows(1)[0], column) == inert_cell(remark)


def _cell_text(page: Any, label: str) -> str:
    return indicator_cells(page, label)[0]


def indicator_cells(page: Any, label: str) -> list[str]:
    """The text of one column of the 自评 indicator table, by its name: a row's cells after the
    names are its last seven, in the order of programme_page.INDICATOR_CELLS."""
    at = INDICATOR_CELLS.index(label) - len(INDICATOR_CELLS)
    rows = page.xpath("//table[contains(@class,'ps-selfeval')]/tbody/tr[not(contains(@class,'ps-subtotal'))]")
    return [row.xpath("./td")[at].text_content() for row in rows]


def test_indicator_csv_columns_are_record_fields() -> None:
    """The CSV tables read every column from the record's indicator (no second flattening)."""
    from perfsite.record import INDICATOR_FIELDS

    assert {c.name for c in INDICATOR_CSV_COLUMNS} <= set(INDICATOR_FIELDS)


def test_an_indicator_as_json_has_every_field_in_order(rec: Record) -> None:
    from perfsite.record import INDICATOR_FIELDS

    assert tuple(rec.indicators[0].as_dict()) == INDICATOR_FIELDS


def test_the_build_makes_each_record_once_where_it_scores_the_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A build's worker makes one record per programme file, and none again for an unchanged file
    (under `serve` the next rebuild takes the kept record)."""
    import shutil

    from conftest_site import DATA

    from perfsite.site import workers
    from perfsite.site.session import BuildSession

    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    made: list[str] = []

    def counted(sp: Any) -> Record:
        made.append(sp.programme.file)
        return make_record(sp)

    monkeypatch.setattr(workers, "make_record", counted)
    session = BuildSession(serve=True)  # the sample is read in this process, so `made` sees every call
    try:
        loaded = session.load_tree(root)
        assert len(made) == len(loaded.rows) == len(set(made)) > 0
        made.clear()
        assert len(session.load_tree(root).rows) == len(loaded.rows)
        assert made == []
    finally:
        session.close()


def test_records_of_two_files_share_their_equal_texts(source: Path, rec: Record) -> None:
    """A worker holds every record of its share until the pages are written: the same figure,
    target or explanation in two files is one text in memory, not two."""
    programme, problems = read_programme(source, SiteConfig())
    assert programme is not None
    again = make_record(score_programme(programme, SiteConfig(), problems))
    pairs = [(getattr(a, field), getattr(b, field)) for a, b in zip(rec.indicators, again.indicators, strict=True)
             for field in ("weight", "target", "actual", "completion", "score", "reported_score", "rule", "explanation")]
    made = [(a, b) for a, b in pairs if a]
    assert made and all(a == b and a is b for a, b in made)
    assert rec.budget is not None and again.budget is not None
    cells = [(a, b) for row, other in zip(rec.budget["cells"], again.budget["cells"], strict=True)
             for a, b in zip(row, other, strict=True) if a is not None]
    assert cells and all(a is b for a, b in cells)


def test_a_direction_control_that_bypassed_the_reader_is_made_visible_in_the_record(source: Path) -> None:
    """Texts set after reading (by an importer, by code) are searched too, an indicator's remark
    among them, while other texts of the record are absent (None)."""
    programme, problems = read_programme(source, SiteConfig())
    assert programme is not None
    programme.evaluator = ""
    programme.indicators[1].remark = "备\u202e注"
    record = make_record(score_programme(programme, SiteConfig(), problems))
    assert record.evaluator is None
    assert record.indicators[1].remark == "备[U+202E]注"
    assert record.name == "<b>项目</b>[U+202E]名称"  # read visible already: made visible once, not twice


def test_a_record_replaced_keeps_every_other_field(rec: Record) -> None:
    """`replaced` passes the record's fields by position: each field keeps its own value, the
    changed ones take theirs, as dataclasses.replace gives (a field out of order would swap two)."""
    from dataclasses import fields

    from perfsite.record import replaced

    changed = replaced(rec, derived=None, renamed=(("甲",), ("乙",)))
    assert changed == replace(rec, derived=None, renamed=(("甲",), ("乙",)))
    assert changed.derived is None and rec.derived is not None
    assert all(getattr(changed, f.name) is getattr(rec, f.name) for f in fields(Record)
               if f.name not in ("derived", "renamed"))
    assert replaced(rec) == rec
    with pytest.raises(KeyError):
        replaced(rec, nonesuch=1)

