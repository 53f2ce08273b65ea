"""Word comments (批注) are listed in the import notes with their anchor and author, never
published: a reviewer's 「应为≤202.64万元？」 on a target is a question the clerk must see answered."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from test_import_builders import seed002_docx

from perfsite.cli import main
from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import Grid

HERE = Path(__file__).parent / "forms_trial5" / "t5imp2"


def _notes(path: Path) -> list[str]:
    blocks, _ = read_docx(path)
    return [note for b in blocks if isinstance(b, Grid) for note in b.notes]


def test_comments_in_cells_are_listed_with_cell_and_author(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = HERE / "t5imp2-comments.docx"
    notes = [n for n in _notes(path) if "批注" in n and "修订" not in n]
    assert [n.split("：批注不导入")[0] for n in notes] == [
        "Word 批注：表1第11行第4列「补助资格合规性」上李审核的批注「财政局审核：合规性依据请补充附件」",
        "Word 批注：表1第14行第5列「≤202.6万元」上李审核的批注「应为≤202.64万元？」"]
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "请确认单位已按批注处理" in capsys.readouterr().out
    written = next((tmp_path / "out").rglob("*.yaml")).read_text(encoding="utf-8")
    assert "应为" not in written and "合规性依据" not in written and "李审核" not in written  # never published


def test_a_comment_on_a_paragraph_and_none_without(tmp_path: Path) -> None:
    plain = seed002_docx(tmp_path / "plain.docx")
    assert not [n for n in _notes(plain) if "批注" in n]
    d = docx.Document(str(plain))
    d.add_comment(d.paragraphs[1].runs, text="标题年度请核对", author="")
    d.save(str(tmp_path / "commented.docx"))
    notes = [n for n in _notes(tmp_path / "commented.docx") if "批注" in n]
    assert len(notes) == 1 and notes[0].startswith(
        "Word 批注：第2段「2022年度中小企业发展专项资金绩效自评」上（未署名）的批注「标题年度请核对」"), notes
