"""An old-format file is converted by LibreOffice once per import run, whoever reads it.

A finance-system export handed in as .xls is read as a form first (in a worker of the batch),
found to be an export, and its sheets are then read again in the main process (`bulk`): both
readings use the one conversion the run keeps by the file's content, and the kept files go
with the run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from test_import_bulk import HEAD, ROWS, xlsx
from test_import_formats import lo_convert, office  # noqa: F401  (office is a fixture)

from perfsite.cli import main
from perfsite.importing import convert


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The files LibreOffice is run on during the test; temporary folders made under tmp_path/tmp."""
    ran: list[str] = []
    real = convert._run

    def counting(command: list[str], work: Path) -> str:
        ran.append(command[-1])
        return real(command, work)

    monkeypatch.setattr(convert, "_run", counting)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return ran


def test_an_xls_export_is_converted_once(tmp_path: Path, office: str, conversions: list[str]) -> None:  # noqa: F811
    old = lo_convert(office, xlsx(tmp_path / "export.xlsx", [HEAD, *ROWS]), "xls", tmp_path / "xls")
    assert main(["import", str(old), "--out", str(tmp_path / "out")]) == 0
    assert len(sorted((tmp_path / "out").rglob("*.yaml"))) == 2  # both programmes of the export
    assert len(conversions) == 1, conversions
    assert not list((tmp_path / "tmp").iterdir())  # the run's conversions went with it


def test_two_copies_of_one_file_are_converted_once(tmp_path: Path, office: str, conversions: list[str]) -> None:  # noqa: F811
    """The same content under two names (a unit's form handed in twice): one conversion, and the
    second copy is the same programme as the first."""
    from test_import_builders import seed002_xlsx

    old = lo_convert(office, seed002_xlsx(tmp_path / "form.xlsx"), "xls", tmp_path / "xls")
    copy = tmp_path / "副本.xls"
    copy.write_bytes(old.read_bytes())
    main(["import", str(old), str(copy), "--out", str(tmp_path / "out")])
    assert len(sorted((tmp_path / "out").rglob("*.yaml"))) == 1
    assert len(conversions) == 1, conversions


HTML_FORM = ('<html><head><meta charset="{charset}"></head><body><p>示例项目2023年度绩效自评表</p><table border="1">'
             "<tr><td>三级指标</td><td>分值</td><td>年度指标值</td><td>实际完成值</td><td>得分</td></tr>"
             "<tr><td>培训人次</td><td>40</td><td>≥100人</td><td>120人</td><td>40</td></tr>"
             "<tr><td>结业率</td><td>30</td><td>≥90%</td><td>95%</td><td>30</td></tr>"
             "<tr><td>满意度</td><td>30</td><td>≥90%</td><td>92%</td><td>28</td></tr></table></body></html>")


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_a_doc_that_is_an_html_table_is_read_as_a_document(tmp_path: Path, office: str, charset: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A web system's 「Word」 export: an HTML table named .doc. Opened as a web page, LibreOffice has no
    .docx for it, and the clerk was told the file was damaged or locked."""
    path = tmp_path / "自评表.doc"
    path.write_bytes(HTML_FORM.format(charset=charset).encode(charset))
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0, capsys.readouterr().out
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    text = written.read_text(encoding="utf-8")
    assert text.count("  - name: ") == 3 and "score: 28\n" in text
