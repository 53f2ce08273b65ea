"""A seal over a PDF's table: an opaque one that hides part of a goal label takes no section (its
texts are listed as unplaced, the note names the label); a transparent one is named with its cells."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.cli import main
from perfsite.importing.grid import OWN, Cell, Grid
from perfsite.importing.tables import scan, unplaced

HERE = Path(__file__).parent / "forms_trial5" / "t5imp2"
GOAL = "落实39户特色种养业奖补政策，增加脱贫户家庭收入"


def _import(tmp: Path, name: str, capsys: pytest.CaptureFixture[str]) -> tuple[dict, str]:  # type: ignore[type-arg]
    assert main(["import", str(HERE / name), "--out", str(tmp / "out")]) == 0
    out = capsys.readouterr().out
    written = sorted((tmp / "out").rglob("*.yaml"))
    assert len(written) == 1, out
    return yaml.safe_load(written[0].read_text(encoding="utf-8")), out


def test_opaque_seal_over_a_goal_label_takes_no_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, out = _import(tmp_path, "t5imp2-seal-opaque.pdf", capsys)
    assert "实际成情" not in yaml.safe_dump(data, allow_unicode=True)
    assert not data.get("sections")
    assert "表1 第6行第6列「实际成情」（原文「实际完成情况」）被图片（如公章）盖住了一部分" in out
    assert "「完况」（被后贴的图片盖住）" in out and "把图片移开文字" in out
    assert f"表1 第7行第2列：{GOAL}" in out and f"表1 第7行第6列：{GOAL}" in out  # both texts listed, not lost


def test_transparent_seal_is_named_and_read_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, out = _import(tmp_path, "t5imp2-seal-transparent.pdf", capsys)
    assert data["sections"] == {"年度总体目标": GOAL, "总体目标完成情况": GOAL}
    assert "PDF 第 1 页表格上有一张有透明部分的图片（如公章），盖在第6行第6列「实际完成情况」" in out


def _grid(rows: list[list[str | Cell]]) -> Grid:
    return Grid("表1", [[x if isinstance(x, Cell) else Cell(x, OWN, f"第{r + 1}行第{c + 1}列") for c, x in enumerate(row)]
                       for r, row in enumerate(rows)], document=True)


@pytest.mark.parametrize("covered_in", ["label", "text", "first"])
def test_one_row_goal_with_a_covered_cell(covered_in: str) -> None:
    """「年度总体目标 | 目标 | 实际完成情况 | 完成」 in one row: a covered label or text takes no section."""
    first = Cell("年度总目", OWN, "第1行第1列", "年度总体目标") if covered_in == "first" else "年度总体目标"
    label = Cell("实际成情", OWN, "第1行第3列", "实际完成情况") if covered_in == "label" else "实际完成情况"
    text = Cell("已落实", OWN, "第1行第4列", "已落实39户") if covered_in == "text" else "已落实39户"
    found = scan([_grid([[first, "落实39户奖补", label, text]])])
    assert found.sections == []
    assert any("被图片（如公章）盖住了一部分" in note for note in found.notes)
    assert unplaced([_grid([[first, "落实39户奖补", label, text]])], found.used) == \
        ["表1 第1行第2列：落实39户奖补", f"表1 第1行第4列：{'已落实' if covered_in == 'text' else '已落实39户'}"]
    plain = scan([_grid([["年度总体目标", "落实39户奖补", "实际完成情况", "已落实39户"]])])
    assert plain.sections == [("年度总体目标", "落实39户奖补"), ("总体目标完成情况", "已落实39户")]
