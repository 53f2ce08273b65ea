"""A cell that is only 「###」: what Excel shows, and a PDF of its print keeps, where a figure is wider
than its column. It is no figure: `check` refuses it at its line, and an import that wrote it counts
the file as needing an edit (the PDF reader already names the cell)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.problems import Problems, Severity
from perfsite.reader import cell_field


@pytest.mark.parametrize("key", ["target", "actual", "completion"])
def test_hashes_are_refused_at_their_cell(key: str) -> None:
    problems = Problems(Path("x.yaml"))
    assert cell_field({key: "####"}, key, ("indicators", 0), problems) == ""
    [problem] = problems.items
    assert problem.severity is Severity.ERROR and "「####」是 Excel 列太窄时显示的符号" in problem.message


@pytest.mark.parametrize("text", ["#1 号楼", "≥95%", "C#"])
def test_text_with_a_hash_in_it_is_kept(text: str) -> None:
    problems = Problems(Path("x.yaml"))
    assert cell_field({"actual": text}, "actual", ("indicators", 0), problems) == text
    assert not problems.items
