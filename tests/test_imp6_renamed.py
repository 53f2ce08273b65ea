"""A .xlsx (or .docx) named .xls (.doc): LibreOffice opens it by its content, so it imports, but
the unit's name for it is wrong: said, as for a .doc/.xls named .docx/.xlsx."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_rtfix4_import import FACTS, _template

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import _prepare
from perfsite.importing.sniff import renamed_note, sniff

SAID = "文件的扩展名是 .xls，内容却是 Excel 工作簿（.xlsx）（扩展名被改过）：已按 .xlsx 读取（不经 LibreOffice），请核对；请单位把扩展名改回 .xlsx 再报送"


def test_an_xlsx_named_xls_is_said(tmp_path: Path) -> None:
    form = _template(tmp_path, FACTS, {"spent": {"county": 0.3}})
    named = form.with_name("form.xls")
    shutil.copyfile(form, named)
    assert sniff(named) == "old"
    assert renamed_note(named) == SAID
    assert renamed_note(form) is None


def test_the_import_of_it_says_so(tmp_path: Path) -> None:
    """Read from LibreOffice's conversion (here the .xlsx itself, as LibreOffice would make it)."""
    form = _template(tmp_path, FACTS, {"spent": {"county": 0.3}})
    named = form.with_name("form.xls")
    shutil.copyfile(form, named)
    prepared = _prepare(named, form, Hints())
    assert prepared.draft is not None and SAID in prepared.draft.notes, prepared
