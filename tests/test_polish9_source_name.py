"""A form's file name with a line break or another control character is written to `source` as
the record shows a direction control: as a visible mark, never as the character (the site would
publish a broken name, and ESC was silently dropped)."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.cli import main
from perfsite.yamlload import load_yaml_file


def test_source_shows_the_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(tmp_path / "自评\n表\x1b.xlsx", Book([Sheet("自评表", form_rows())]))
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    [written] = (tmp_path / "out").rglob("*.yaml")
    data = load_yaml_file(written).data
    assert isinstance(data, dict)
    assert data["source"] == "自评[U+000A]表[U+001B].xlsx"
