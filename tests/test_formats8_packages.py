"""A Word or Excel package (.docx/.xlsx) under an old name (.wps, .et, .doc, .xls: WPS saves so, or a
clerk renamed it) is read as the package it is, not through LibreOffice: the conversion would drop
what the readers refuse a file for (Word's out-of-date field marks), so a stale 0 would be
published as the total; and it needs no LibreOffice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from forms.make import load_form, write_xlsx
from raw_office import run
from test_import_word_fields import _code, _form, _mark

from perfsite.cli import main
from perfsite.importing import convert

FORM = Path(__file__).resolve().parent / "forms" / "c01-jishan-jiandanglika"


def _written(out: Path) -> str:
    return "".join(re.sub(r"「[^」]*\.(xlsx|et)」|source: \S+", "SOURCE", f.read_text(encoding="utf-8"))
                   for f in sorted(out.rglob("*.yaml")))


def test_a_docx_saved_as_wps_with_an_out_of_date_total_is_refused_as_the_docx_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    total = _mark("begin", ' w:dirty="true"') + _code(" =SUM(ABOVE) ") + _mark("separate") + run("0") + _mark("end")
    wps = tmp_path / "自评表.wps"
    shutil.copyfile(_form(tmp_path, run("30"), f"<w:p>{total}</w:p>"), wps)
    assert main(["import", str(wps), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "失败：（按 .docx 读取时）表1第5行第5列「0」中的域（=SUM(ABOVE)）：文件标明这些域的结果已过时" in out
    assert not list((tmp_path / "out").rglob("*.yaml")) and "公布总分：0" not in out


def test_an_xlsx_saved_as_et_imports_as_the_xlsx_without_libreoffice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = write_xlsx(load_form(FORM), tmp_path / "自评表.xlsx")
    et = tmp_path / "et" / "自评表.et"
    et.parent.mkdir()
    shutil.copyfile(xlsx, et)
    code = main(["import", str(xlsx), "--out", str(tmp_path / "a")])
    monkeypatch.setattr(convert, "soffice", lambda: None)
    assert main(["import", str(et), "--out", str(tmp_path / "b")]) == code
    out = capsys.readouterr().out
    assert "需要 LibreOffice" not in out
    assert "文件的扩展名是 .et，内容却是 Excel 工作簿（.xlsx）（扩展名被改过）：已按 .xlsx 读取（不经 LibreOffice）" in out
    assert _written(tmp_path / "b") == _written(tmp_path / "a") != ""
