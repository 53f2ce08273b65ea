"""Open data and pages say only what they did: a 整改 status_date after the build date is an
error in `check` and never named on the page as the day overdue was judged on; every CSV
download begins with the one writer's bytes; every document table of /data/ says which rows are
示例数据, as programmes.csv does."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from test_trial4site import RECTIFICATION

from perfsite.dates import PUBLISHER_TIME, lifted_later
from perfsite.demo import write_demo
from perfsite.documents import read_document
from perfsite.opendata import parts
from perfsite.opendata.cycle import DOC_TABLES
from perfsite.opendata.tables import BOOLEAN_WORDS
from perfsite.problems import Severity
from perfsite.record import make_rectification_record
from perfsite.site import build_site, department_page, programme_page, twins
from perfsite.site.rectification_page import overview, render_rectification
from perfsite.siteconfig import load_site

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "data" / "site.yaml"


def _epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH of noon on `day` in Beijing."""
    return str(int(dt.datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=PUBLISHER_TIME).timestamp()))


def _read(tmp: Path, extra: str) -> tuple[object, list]:
    site, _ = load_site(SITE, "site.yaml")
    path = tmp / "x" / "yinshui-zhenggai.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(RECTIFICATION.format(extra=extra), encoding="utf-8")
    doc, found = read_document(path, site, tmp)
    return doc, found.items


def test_a_status_date_after_the_build_date_is_a_warning_with_file_and_line(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # a build of older data: the build date (2024-06-01) is before today, the status date between;
    # a warning, not an error: `make site` dates a build by the last commit, before a file edited today
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2024-06-01"))
    _, found = _read(tmp_path, "status_date: 2024-12-10\n")
    assert not [p for p in found if p.severity is Severity.ERROR]
    warned = [p for p in found if p.severity is Severity.WARNING and "状态截至日期" in p.message]
    assert [(p.file, p.line) for p in warned] == [("x/yinshui-zhenggai.yaml", 6)]
    assert "状态截至日期 2024-12-10 晚于本次生成网站的日期 2024-06-01" in warned[0].message
    assert lifted_later(warned)  # not kept by the check cache: a later build date lifts it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2024-12-10"))
    assert not [p for p in _read(tmp_path, "status_date: 2024-12-10\n")[1] if "晚于本次生成网站" in p.message]


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_the_page_never_names_a_status_date_it_did_not_judge_on(tmp_path: Path) -> None:
    doc, problems = _read(tmp_path, "status_date: 2024-12-10\n")
    site, _ = load_site(SITE, "site.yaml")
    rec = make_rectification_record(doc, problems)
    _, _, body, _, twin, _ = render_rectification(rec, site, frozenset(), "2024-07-01")
    text = _text(body)
    assert (twin["status_date"], twin["as_of"]) == ("2024-12-10", "2024-07-01")  # judged on the build date
    assert "逾期按这一天判断" not in text and "状态截至 2024-12-10" not in text and "按状态截至日期" not in text
    assert "逾期判断日期 2024-07-01（本站生成日期；文件写明的状态截至日期 2024-12-10 晚于这一天，未按它判断）" in text
    assert "完成时限 2024-06-30 已过（按本站生成日期 2024-07-01 判断）" in text
    listed = [{"url": rec.url, "year": 2023, "name": "甲", "department": "局", "status_date": "2024-12-10",
               "findings": twin["findings"], "application": []}]
    assert overview(listed, "2024-07-01")["status_dated"] == 0  # 「按该日期计」 would name a day not used
    assert overview(listed, "2025-01-01")["status_dated"] == 1


def test_every_csv_download_is_written_by_the_one_writer() -> None:
    """The BOM, header and rows step lives in perfsite.opendata.parts alone: the listing twins,
    a 自评's and a 部门整体's 指标表 and the document CSVs use it (their bytes compared with
    `diff -r` on a `perfsite demo --n 60 --cycle` site: identical)."""
    assert twins.csv_file is parts.csv_file
    assert programme_page.csv_file is parts.csv_file and department_page.csv_file is parts.csv_file
    columns = twins.TARGETS_CSV_COLUMNS[:2]
    assert parts.csv_file(columns, "1,甲\r\n") == (
        "\ufeff" + ",".join(c.header for c in columns) + "\r\n1,甲\r\n").encode("utf-8")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of a `perfsite demo --cycle` site (all 示例数据): 8 programmes reach every
    document table (about 0.6 s of CPU, build_site without MkDocs)."""
    data = tmp_path_factory.mktemp("demo30b") / "data"
    write_demo(8, data, seed=1, cycle=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1733356800")
        return build_site(data).files


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_every_document_table_says_its_rows_are_sample_data(demo: dict[str, bytes]) -> None:
    """A fictitious 目标表, report or 整改 read as real in /data/: only programmes.csv said
    示例数据. Each table now ends with the same column (existing columns keep their places)."""
    assert set(DOC_TABLES) == {"targets", "reports", "rectification", "application", "departments",
                               "department_indicators"}
    for name in ("programmes", *DOC_TABLES):
        table = _csv(demo[f"data/{name}.csv"])
        column = table[0].index("示例数据")
        assert len(table) > 1 and {row[column] for row in table[1:]} == {"true"}, name
        if name != "programmes":
            assert column == len(table[0]) - 1, name
    package = {r["name"]: r for r in json.loads(demo["data/datapackage.json"])["resources"]}
    for name in DOC_TABLES:
        fields = package[name]["schema"]["fields"]
        assert (fields[-1]["perfsite:key"], fields[-1]["type"], fields[-1]["name"]) == ("sample", "boolean", "示例数据"), name
    for book in ("data/targets.xlsx", "data/evaluations.xlsx"):
        with zipfile.ZipFile(io.BytesIO(demo[book])) as z:
            strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
            sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
        assert "示例数据" in strings + sheets and BOOLEAN_WORDS["true"] in strings + sheets, book
    # a page's own CSV (its rows of a table) is marked by its page, and keeps its columns
    kinds = (".targets.csv", ".rectification.csv", "/department.csv")
    pages = [path for path in demo if path.endswith(kinds)]
    assert all(any(path.endswith(kind) for path in pages) for kind in kinds)
    assert [path for path in pages if "示例数据" in _csv(demo[path])[0]] == []
