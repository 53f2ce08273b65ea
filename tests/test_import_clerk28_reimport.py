"""A clerk's edits survive the folder being imported again.

The import writes 「未载明」 where a form names no 主管部门 and asks the clerk to fill it in; the
clerk does, and later runs the same folder again (one more unit's file came in). The form is the
same programme as the file the clerk edited: it is refused without --force (the edit kept), and
--force replaces that one file keeping the department the clerk wrote, never a second programme
shili-2.yaml beside it, which `perfsite check` passes and the site shows twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.cli import main


def _form(path: Path, title: str = "示例项目2023年度绩效自评表") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_xlsx(path, Book([Sheet("自评表", form_rows(title))]))


def _filled(written: Path, department: str) -> None:
    text = written.read_text(encoding="utf-8")
    assert "department: 未载明\n" in text
    written.write_text(text.replace("department: 未载明\n", f"department: {department}\n"), encoding="utf-8")


def test_a_department_the_clerk_filled_in_is_the_same_programme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form, out = _form(tmp_path / "收件 2023（定稿）" / "示例自评表.xlsx"), tmp_path / "data"
    assert main(["import", str(form.parent), "--out", str(out)]) == 0
    written = out / "2023" / "imported" / "shili.yaml"
    _filled(written, "示例县教育局")
    edited = written.read_text(encoding="utf-8")
    capsys.readouterr()

    assert main(["import", str(form.parent), "--out", str(out)]) == 1
    said = capsys.readouterr().out
    assert "已是同一项目（2023 年「示例」，示例县教育局），未覆盖" in said
    assert "主管部门已填为「示例县教育局」，按同一项目照它写出" in said
    assert sorted(p.name for p in written.parent.iterdir()) == ["shili.yaml"]
    assert written.read_text(encoding="utf-8") == edited

    assert main(["import", str(form.parent), "--out", str(out), "--force"]) == 0
    assert sorted(p.name for p in written.parent.iterdir()) == ["shili.yaml"]
    text = written.read_text(encoding="utf-8")
    assert "department: 示例县教育局\n" in text and "由同一原件导入，主管部门已填为「示例县教育局」" in text


def test_a_form_of_another_original_is_another_programme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the file of the same original is taken, and only when there is one: a unit's form of the same
    name under another file name is not the clerk's edit (two units' 「示例」 stay two programmes)."""
    out = tmp_path / "data"
    first = _form(tmp_path / "甲" / "示例自评表.xlsx")
    assert main(["import", str(first), "--out", str(out)]) == 0
    _filled(out / "2023" / "imported" / "shili.yaml", "示例县教育局")
    other = _form(tmp_path / "乙" / "示例项目自评表（乙单位）.xlsx")
    assert main(["import", str(other), "--out", str(out)]) == 0
    assert (out / "2023" / "imported" / "shili-2.yaml").read_text(encoding="utf-8").count("department: 未载明") == 1
    capsys.readouterr()
