"""Make the .docx a unit or a finance bureau would publish from a transcribed report (report.yaml).

A report is prose with tables: `blocks` is the report in order, each a paragraph (a string, as
printed, headings included with their numbering) or a `table` (`rows`, and `merges` as
[first row, first column, last row, last column], 0-based). Paragraphs are plain body text, as
most published reports are typed: headings are told by their numbering, not by a Word style.

    python tests/forms_reports/make.py tests/forms_reports/<dir> OUT_DIR
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from forms.make import add_table


@dataclass
class Report:
    meta: dict[str, object]
    blocks: list[object]

    @property
    def file(self) -> str:
        return str(self.meta["file"])

    def paragraphs(self) -> list[str]:
        return [b for b in self.blocks if isinstance(b, str)]

    def tables(self) -> list[list[list[str]]]:
        return [b["table"]["rows"] for b in self.blocks if isinstance(b, dict)]  # type: ignore[index]


def load_report(folder: Path) -> Report:
    data = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    blocks = data.pop("blocks")
    return Report(data, blocks)


def write_docx(report: Report, path: Path) -> Path:
    from docx import Document

    doc = Document()
    for block in report.blocks:
        if isinstance(block, str):
            doc.add_paragraph(block)
        else:
            table = block["table"]  # type: ignore[index]
            merges = tuple(tuple(m) for m in table.get("merges", ()))
            add_table(doc, [[str(c) for c in row] for row in table["rows"]], merges).style = "Table Grid"  # type: ignore[arg-type]
    doc.save(str(path))
    return path


def make(folder: Path, out: Path) -> Path:
    report = load_report(folder)
    out.mkdir(parents=True, exist_ok=True)
    return write_docx(report, out / f"{report.file}.docx")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python tests/forms_reports/make.py tests/forms_reports/<dir> OUT_DIR")
    print(make(Path(sys.argv[1]), Path(sys.argv[2])))
