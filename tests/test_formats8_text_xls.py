"""A text table named .xls or .et (tab- or comma-separated, GBK or UTF-8: how many systems export
「Excel」) imports as the same table saved as .csv, read as Excel opens it, without LibreOffice
(which read it as one column of text and found no 「项目名称」), and the clerk is told what it was."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from forms.make import load_form

from perfsite.cli import main
from perfsite.importing import convert

FORM = Path(__file__).resolve().parent / "forms" / "c01-jishan-jiandanglika"


def _text(separator: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(load_form(FORM).rows)
    return out.getvalue()


def _written(out: Path) -> str:
    return "".join(re.sub(r"「[^」]*」导入|source: \S+", "SOURCE", f.read_text(encoding="utf-8"))
                   for f in sorted(out.rglob("*.yaml")))


@pytest.mark.parametrize(("name", "separator", "encoding"), [
    ("系统导出.xls", "\t", "gbk"), ("系统导出.et", ",", "utf-8"), ("导出.xls", ";", "gb18030")])
def test_a_text_table_named_xls_imports_as_its_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str],
                                                   name: str, separator: str, encoding: str) -> None:
    plain = tmp_path / "自评表.csv"
    plain.write_bytes(_text(",").encode("gbk"))
    code = main(["import", str(plain), "--out", str(tmp_path / "a")])
    monkeypatch.setattr(convert, "soffice", lambda: None)  # read without LibreOffice
    named = tmp_path / "x" / name
    named.parent.mkdir()
    named.write_bytes(_text(separator).encode(encoding))
    assert main(["import", str(named), "--out", str(tmp_path / "b")]) == code
    out = capsys.readouterr().out
    assert f"文件的扩展名是 {named.suffix}，内容却是文本表格（常见于系统导出的「Excel」）：已按 Excel 打开它的样子读取" in out
    assert _written(tmp_path / "b") == _written(tmp_path / "a") != ""
