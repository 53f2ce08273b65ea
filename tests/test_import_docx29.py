"""A Word form as units really save it imports as the plain .docx of the same form does.

Each case takes 普陀区体育事业管理中心's 2022 自评表 (tests/forms/ann-putuo-tiyu-jiesuan, its source in
tests/forms/SOURCES.md) as the plain .docx `forms.make` writes, changes its package the way Word,
WPS or a system saves it (a macro-enabled .docm, a mail-merge main document, a table pasted as an
Excel object), and compares what is imported with the plain file's."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from forms.make import load_form, write_docx

from perfsite.importing.assemble import Hints
from perfsite.importing.docx_reader import read_blocks
from perfsite.importing.grid import Grid
from perfsite.importing.pipeline import Prepared, prepare
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.writer import dump

FORM = Path(__file__).resolve().parent / "forms" / "ann-putuo-tiyu-jiesuan"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]], str]:
    """The plain .docx, its table's texts and what it imports as (the YAML, its source line left out)."""
    path = write_docx(load_form(FORM), tmp_path_factory.mktemp("plain") / "form.docx")
    return path, _texts(path), _written(prepare(path, Hints()))


def _texts(path: Path) -> list[list[str]]:
    blocks, _ = read_blocks(path)
    return [[cell.text for cell in row] for block in blocks if isinstance(block, Grid) for row in block.rows]


def _written(item: Prepared) -> str:
    assert item.report.failure == "" and item.draft is not None, item.report.failure
    return "\n".join(line for line in dump(item.draft.data, item.draft.comments).splitlines()
                     if not line.startswith(("source:", "# 由 perfsite import")))


def _variant(plain: Path, out: Path, body: Callable[[str], str] = lambda d: d,
             parts: Callable[[dict[str, bytes]], None] = lambda p: None) -> Path:
    """The plain .docx with its document.xml changed by `body` and its parts by `parts`, saved as `out`."""
    with zipfile.ZipFile(plain) as package:
        held = {name: package.read(name) for name in package.namelist()}
    held["word/document.xml"] = body(held["word/document.xml"].decode()).encode()
    parts(held)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in held.items():
            package.writestr(name, data)
    return out


def _main_type(kind: str) -> Callable[[dict[str, bytes]], None]:
    def change(held: dict[str, bytes]) -> None:
        held["[Content_Types].xml"] = held["[Content_Types].xml"].replace(MAIN.encode(), kind.encode())
    return change


MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


@pytest.mark.parametrize(("name", "kind"), [("form.docm", MACROS), ("form.docm", MAIN), ("form.docx", MACROS),
                                            ("form.docx", TEMPLATE)],
                         ids=["docm", "docx-named-docm", "docm-named-docx", "dotx-named-docx"])
def test_a_macro_enabled_document_reads_as_its_docx(plain: tuple[Path, list[list[str]], str], tmp_path: Path,
                                                    name: str, kind: str) -> None:
    """A .docm (Word's 「启用宏的文档」) holds the same body: it was read as a PDF (「PDF 已损坏」), and
    named .docx it was called damaged (python-docx opens only a .docx's main part)."""
    path = _variant(plain[0], tmp_path / name, parts=_main_type(kind))
    assert _texts(path) == plain[1]


def test_a_docm_imports_as_the_plain_docx(plain: tuple[Path, list[list[str]], str], tmp_path: Path) -> None:
    assert _written(prepare(_variant(plain[0], tmp_path / "form.docm", parts=_main_type(MACROS)), Hints())) == plain[2]


def test_a_package_whose_main_part_is_no_document_is_still_refused(plain: tuple[Path, list[list[str]], str],
                                                                   tmp_path: Path) -> None:
    path = _variant(plain[0], tmp_path / "form.docx",
                    parts=_main_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))
    with pytest.raises(ImportFailure, match="文件已损坏，无法作为 Word 文档打开"):
        read_blocks(path)
