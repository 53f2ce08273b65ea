"""项目支出绩效目标表 published as PDFs import through the PDF reader to the golden target table.

The target-table corpus (tests/forms_targets/) drawn as a report engine draws it
(tests/pdf_makers.py): on one page, and in a larger size that breaks the table over pages with
its header repeated. A PDF's text layer has no line breaks inside a cell, so texts are compared
without them (as for the 部门整体 target table printed by LibreOffice, tests/test_import_dept.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from forms.make import load_form
from pdf_makers import DRAWINGS, draw_form
from test_import_targets import FOLDERS, differences, table_of

from perfsite.importing.pipeline import Options, Status, import_file
from perfsite.siteconfig import SiteConfig

KINDS = ("drawn-rects", "drawn-large")
NOT_YET: dict[tuple[str, str], str] = {
    ("t13-shucheng-yigongdaizhen", "drawn-rects"): "年度目标的原文有两处空格（「中央预算内 投资」「就 近就业」）：画成 PDF 后落在折行处，"
                                                   "按折行连接读作没有空格",
    ("t13-shucheng-yigongdaizhen", "drawn-large"): "同上：年度目标原文的两处空格落在折行处",
    ("t14-xiangxi-texiao-huoshi", "drawn-large"): "大字跨页后「单位(专项)名称」一列的单位行与项目行不在同一页的表格中：找不到项目名称"
                                                  "（.xlsx、.docx 和其他画法都能导入）",
}
"""Target tables whose PDF does not import to the golden file yet, and why."""


def _flat(value: object) -> object:
    return value.replace("\n", "") if isinstance(value, str) else value




def _cases() -> list[object]:
    return [pytest.param(folder, kind, id=f"{folder.name}-{kind}",
                         marks=[pytest.mark.xfail(reason=NOT_YET[(folder.name, kind)], strict=True)]
                         if (folder.name, kind) in NOT_YET else [])
            for folder in FOLDERS for kind in KINDS]


@pytest.mark.parametrize(("folder", "kind"), _cases())
def test_a_drawn_target_table_imports_to_its_golden_file(folder: Path, kind: str, tmp_path: Path) -> None:
    form = load_form(folder)
    how = next(d for d in DRAWINGS if d.name == kind)
    pdf = tmp_path / f"{form.file}.pdf"
    pdf.write_bytes(draw_form(form, how))
    report = import_file(pdf, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED, (report.failure, [p.as_text() for p in report.problems])
    [written] = report.written
    assert written.name.endswith("-mubiao.yaml")
    found = differences(table_of(written), table_of(folder / "golden.yaml"), _flat)
    assert not found, found
