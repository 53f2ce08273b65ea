"""What units send besides .docx/.xlsx: OpenDocument (.odt/.ods: LibreOffice, 永中 and 中标普华 Office on
信创 desktops) and RTF files import through LibreOffice as the Word/Excel file they were saved from;
a type nothing here reads is refused naming the file, what it is and what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from forms.make import load_form, write_docx, write_xlsx
from test_import_formats import office  # noqa: F401 (office is a fixture)

from perfsite.cli import main

FORM = Path(__file__).resolve().parent / "forms" / "c01-jishan-jiandanglika"
HERE = Path(__file__).resolve().parent / "forms_formats8"


def _written(out: Path) -> str:
    return "".join(re.sub(r"「[^」]*」导入|source: \S+", "SOURCE", f.read_text(encoding="utf-8"))
                   for f in sorted(out.rglob("*.yaml")))


@pytest.mark.parametrize(("name", "said"), [
    ("自评表.numbers", "「自评表.numbers」是 Apple Numbers 表格：请在 Numbers 中「文件 → 导出为 → Excel」，得到 .xlsx 后再导入"),
    ("自评表.uot", "「自评表.uot」是 UOF 格式的文件（《标准化办公文档格式》，永中 Office、中标普华 Office 等所存）：请在原软件中打开，"
                  "「另存为」Word 文档（.docx）或 Excel 工作簿（.xlsx）后再导入"),
    ("自评表.xlsb", "「自评表.xlsb」是 Excel 二进制工作簿（.xlsb）：请在 Excel 中打开，「另存为」Excel 工作簿（.xlsx）后再导入"),
    ("自评表.ceb", "「自评表.ceb」是方正 CEB 版式文件：请在方正 Apabi Reader 中打开后打印为 PDF"),
    ("汇报.pptx", "「汇报.pptx」是演示文稿（幻灯片）：自评表、目标表要交 Word、Excel、PDF 或 OFD 文件"),
    ("自评表.abc", "「自评表.abc」是不能导入的文件类型（.abc）：自评表、目标表请在原软件中打开，「另存为」Word 文档（.docx）"
                  "或 Excel 工作簿（.xlsx）后再导入（能导入的是 .docx、.xlsx、.csv、.pdf、.ofd、网页（.html、.htm、.mht）、"
                  "Excel 2003 XML（.xml），以及经 LibreOffice 转换的 .doc、.xls、.wps、.et、.odt、.ods、.rtf，Word 的 XML 文档（.xml））"),
])
def test_a_type_nothing_reads_is_named_with_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       name: str, said: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not read")
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 1
    assert f"失败：{said}" in capsys.readouterr().out


def test_a_folder_names_each_such_file_with_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "收件"
    inbox.mkdir()
    write_xlsx(load_form(FORM), inbox / "自评表.xlsx")
    (inbox / "自评表.numbers").write_bytes(b"x")
    main(["import", str(inbox), "--out", str(tmp_path / "out")])
    assert f"{inbox / '自评表.numbers'}（Apple Numbers 表格：请在 Numbers 中「文件 → 导出为 → Excel」" in capsys.readouterr().out


@pytest.mark.usefixtures("office")
@pytest.mark.parametrize("suffix", ["odt", "ods", "rtf"])
def test_odt_ods_and_rtf_import_as_the_word_and_excel_files_they_were_saved_from(tmp_path: Path, suffix: str) -> None:
    """tests/forms_formats8/c01-jishan.* are c01's .docx/.xlsx (forms/make.py) saved by LibreOffice 7.4."""
    form = load_form(FORM)
    original = write_xlsx(form, tmp_path / "表.xlsx") if suffix == "ods" else write_docx(form, tmp_path / "表.docx")
    main(["import", str(original), "--out", str(tmp_path / "a")])
    main(["import", str(HERE / f"c01-jishan.{suffix}"), "--out", str(tmp_path / "b")])
    assert _written(tmp_path / "b") == _written(tmp_path / "a") != ""
