"""An export whose rows and cells leave out their position (r is optional in SpreadsheetML), as our
own /data/ workbook and some exporting systems write it, is read in order like any other."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from test_import_bulk import HEAD, ROWS, _with_sheet_xml, data, run, xlsx

from perfsite.cli import main
from perfsite.importing.bulk import check_extent, found_of, programmes_of
from perfsite.importing.sniff import ImportFailure
from perfsite.site import build_site


def _unnumbered(xml: bytes) -> bytes:
    """Rows after the header without r, and every other cell of theirs too (a mixed sheet)."""
    count = 0

    def cell(found: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        return b"<c" if count % 2 else found[0]

    head, _, rest = xml.partition(b"</row>")
    rest = re.sub(rb'<row r="\d+"', b"<row", rest)
    return head + b"</row>" + re.sub(rb'<c r="[A-Z]+\d+"', cell, rest)


def test_a_sheet_mixing_cells_with_and_without_r_imports_as_the_numbered_one(tmp_path: Path) -> None:
    (tmp_path / "编号").mkdir()
    (tmp_path / "混合").mkdir()
    numbered = xlsx(tmp_path / "编号" / "汇总.xlsx", [HEAD, *ROWS])
    mixed = _with_sheet_xml(xlsx(tmp_path / "混合" / "汇总.xlsx", [HEAD, *ROWS]), _unnumbered)
    with zipfile.ZipFile(mixed) as book:
        xml = book.read("xl/worksheets/sheet1.xml")
    assert b"<row>" in xml and b'<c r="A2"' not in xml and b'<c r="B2"' in xml  # the sheet is mixed
    check_extent(mixed)
    assert [found_of(p) for p in programmes_of(mixed)] == [found_of(p) for p in programmes_of(numbered)]
    assert [data(p)["name"] for p in run(tmp_path, mixed)] == ["校舍维修", "学生资助"]


@pytest.mark.parametrize(("edit", "message"), [
    (lambda x: x.replace(b'<row r="3"', b'<row r="2"', 1).replace(b'<c r="A3"', b"<c", 1), "第 2 行写在第 2 行之后"),
    (lambda x: x.replace(b'<c r="B2"', b"<c", 1).replace(b'<c r="C2"', b'<c r="C5"', 1), "C5 写在第 2 行中"),
    (lambda x: x.replace(b'<c r="B2"', b"<c", 1).replace(b'<c r="C2"', b'<c r="A2"', 1), "两个单元格会重叠"),
    (lambda x: x.replace(b'<c r="B2"', b"<c", 1).replace(b'<c r="C2"', b'<c r="C&#50;"', 1), "写法不是 Excel"),
    (lambda x: x.replace(b'<c r="A3"', b"<c", 1).replace(b'<row r="3"', b'<row r="1048577"', 1), "最大范围"),
], ids=["row-back", "other-row", "cell-back", "entity", "past-excel"])
def test_positions_an_unnumbered_sheet_cannot_place_are_refused(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    """Where a cell without r would land is settled by the cell before it: a reference that
    contradicts that order (another row, a column already passed) is refused, not guessed."""
    path = _with_sheet_xml(xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS]), edit)
    with pytest.raises(ImportFailure, match=message):
        check_extent(path)


def test_unnumbered_cells_are_bounded_like_numbered_ones(tmp_path: Path) -> None:
    """A row of empty `<c/>` runs as far right as a far reference would: the same bound before calamine."""
    row = b'<row r="2000">' + b"<c/>" * 2600 + b'<c t="inlineStr"><is><t>x</t></is></c></row>'
    path = _with_sheet_xml(xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS]), lambda x: x.replace(b"</sheetData>", row + b"</sheetData>"))
    with pytest.raises(ImportFailure, match="范围过大"):
        check_extent(path)


def _published(files: dict[str, bytes]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """programmes.csv and indicators.csv, without what names a programme's page (its id is made again
    from its name) and the 地区 an import infers from the 主管部门 (said in a comment)."""
    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(files[name].decode("utf-8-sig"))))
    drop = {"项目标识", "页面地址", "地区"}
    programmes = rows("data/programmes.csv")
    names = {(p["评价年度"], p["项目标识"]): p["项目名称"] for p in programmes}
    indicators = [{**{k: v for k, v in r.items() if k not in drop}, "项目": names[(r["评价年度"], r["项目标识"])]}
                  for r in rows("data/indicators.csv")]
    return (sorted(({k: v for k, v in p.items() if k not in drop} for p in programmes), key=lambda p: p["项目名称"]),
            sorted(indicators, key=lambda r: (r["项目"], int(r["序号"]))))


def test_our_own_data_workbook_round_trips_through_the_bulk_import(core_data_tree: Path, tmp_path: Path) -> None:
    """/data/perfsite.xlsx (rows without r, programmes in 项目 and indicators in 绩效指标 joined by
    评价年度 + 项目标识) imports to a tree that publishes the same programmes and indicators."""
    files = build_site(core_data_tree).files
    book = tmp_path / "perfsite.xlsx"
    book.write_bytes(files["data/perfsite.xlsx"])
    with zipfile.ZipFile(book) as archive:
        assert b"<row>" in archive.read("xl/worksheets/sheet2.xml")  # the workbook leaves r out
    out = tmp_path / "out"
    assert main(["import", str(book), "--out", str(out)]) == 0
    assert len(list(out.rglob("*.yaml"))) == 3
    shutil.copy(core_data_tree / "site.yaml", out / "site.yaml")
    assert _published(build_site(out).files) == _published(files)
