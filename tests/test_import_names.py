"""Names and form text with line breaks or direction controls in what import and check print and
write. A file named 「a⏎共 1 个文件：…⏎::error file=x::pwn⏎.xlsx」 printed as it is forged lines of
the report (and, in a CI log, an annotation); written into the YAML's header comment it ended the
comment, the YAML no longer read back, and the import failed with 「内部错误」. Each is printed and
written as one line with its controls shown as marks (``[U+000A]``, ``[U+202E]``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.cli import main
from perfsite.importing.writer import dump, verify
from perfsite.markup import one_line
from perfsite.problems import Problem, Severity
from perfsite.yamlload import load_yaml_text

FORGED = "a\n共 1 个文件：导入 1 个，需修改 0 个，失败 0 个。\n::error file=x::pwn\n.xlsx"
KEY = "z\nevaluator: 国务院\n#.xlsx"


@pytest.mark.parametrize(("text", "shown"), [
    ("a\nb", "a[U+000A]b"),
    ("b\u202eslx.xlsx", "b[U+202E]slx.xlsx"),
    ("a\r\n\tb\x1b\x85\u2028\u2029", "a[U+000D][U+000A][U+0009]b[U+001B][U+0085][U+2028][U+2029]"),
    ("普通的名称 2023.xlsx", "普通的名称 2023.xlsx"),
])
def test_one_line(text: str, shown: str) -> None:
    assert one_line(text) == shown


def test_header_comment_reads_back() -> None:
    """A header line holding a line break and a YAML key stays a comment: the key is not read."""
    data = {"name": "示例"}
    text = dump(data, header=[f"由 perfsite import 从「{KEY}」导入。", f"又从「{FORGED}」"], comments={("name",): [KEY]})
    assert verify(text, data).data == {"name": "示例"}
    lines = text.splitlines()
    assert lines[0] == "# 由 perfsite import 从「z[U+000A]evaluator: 国务院[U+000A]#.xlsx」导入。"
    assert [line for line in lines if not line.startswith("#")] == ["name: 示例"]
    assert load_yaml_text(text, "x").data == {"name": "示例"}


def test_import_prints_each_name_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in (FORGED, "b\u202eslx.xlsx", KEY):
        write_xlsx(source / name, Book([Sheet("自评表", form_rows())]))
    out = tmp_path / "out"
    main(["import", str(source), "--out", str(out)])
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    assert not any(line.startswith(("::", "共 1 个文件", "evaluator", "#", ".xlsx")) for line in lines), printed
    assert "内部错误" not in printed
    assert "\u202e" not in printed
    assert [line for line in lines if line.startswith("== ")] == [
        f"== {source}/a[U+000A]共 1 个文件：导入 1 个，需修改 0 个，失败 0 个。[U+000A]::error file=x::pwn[U+000A].xlsx ==",
        f"== {source}/b[U+202E]slx.xlsx ==",
        f"== {source}/z[U+000A]evaluator: 国务院[U+000A]#.xlsx ==",
    ]
    assert sum(line.startswith("共 ") for line in lines) == 1


def test_import_writes_the_name_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Imported alone, the file named with a YAML key in it is written, and its header is one comment."""
    path = write_xlsx(tmp_path / KEY, Book([Sheet("自评表", form_rows())]))
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    [written] = (tmp_path / "out").rglob("*.yaml")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# 由 perfsite import 从「z[U+000A]evaluator: 国务院[U+000A]#.xlsx」导入")
    assert not any(line.startswith("evaluator") for line in text.splitlines())
    assert main(["check", str(tmp_path / "out")]) == 0
    capsys.readouterr()


def test_check_prints_a_file_name_on_one_line() -> None:
    problem = Problem(Severity.ERROR, "文件名「x\ny.yaml」不能直接作网址", file="data/2023/x\ny.yaml", line=3)
    assert problem.as_text() == "data/2023/x[U+000A]y.yaml:3: 错误：文件名「x[U+000A]y.yaml」不能直接作网址"


def test_github_annotations_stay_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In a CI log each annotation is one line; its message shows the names' controls as marks (the
    ``file=`` property keeps the real path, escaped as GitHub reads it, so the annotation finds the file)."""
    source = tmp_path / "src"
    source.mkdir()
    for name in (FORGED, "b\u202eslx.xlsx"):
        write_xlsx(source / name, Book([Sheet("自评表", form_rows())]))
    main(["import", str(source), "--out", str(tmp_path / "out"), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith(("::notice ", "::warning ", "::error file=", "共 ")) for line in lines), lines
    failed = [line for line in lines if "title=导入失败::" in line]
    assert len(failed) == 1 and "\u202e" not in failed[0].split("::", 2)[2]
    assert "a[U+000A]共 1 个文件" in failed[0]
