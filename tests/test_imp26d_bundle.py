"""Several forms in one file: each its own document, and nothing after the last one silently lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_import_pdf26 import _import, _without_source

from perfsite.importing.bundle import DEPARTMENTS
from perfsite.importing.pipeline import Options, prepare

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "forms_pdf26"))
from makers import CLOSING_PROSE, portal_docx  # noqa: E402

DEPARTMENT_PAIRS = (("d04-guangshui-zhengfuban-mubiao", "d05-yueyanglou-jiage-mubiao"),
                    ("d07-lingling-linye-ziping", "d08-yuhua-fagai-ziping"))
"""A 部门整体 form refused alone (广水市's, cut before its indicators; 零陵区's, naming no department: its
「一级预算单位名称」 lost its first character in the copy), then another department's."""


@pytest.mark.parametrize("pair", DEPARTMENT_PAIRS, ids=lambda pair: f"{pair[0][:3]}-{pair[1][:3]}")
def test_two_department_forms_whose_first_fails_alone_are_each_their_own(pair: tuple[str, str], tmp_path: Path) -> None:
    """广水市's 目标申报表 (cut before its indicators) over 岳阳楼区's was read as one form: 岳阳楼区's
    indicators under 广水市's facts, 23 of 广水市's cells 「未能归位」. 零陵区's 自评表 (naming no department)
    over 雨花区's was refused as one: 雨花区's form not imported at all. Printed one after the other as a
    portal prints them (tests/forms_pdf26/makers.py `portal_docx`), each is now read alone: the first
    refused with the failure it has alone, the second written as its own Word file writes it."""
    from forms.make import load_form, write_docx

    first, second = pair
    both = portal_docx(tmp_path / "both.docx", (f"forms_dept/{first}", f"forms_dept/{second}"), landscape=False)
    prepared = prepare(both, Options(Path("unused")).hints)
    parts = [prepared, *prepared.more]
    assert len(parts) == 2, [p.report.source for p in parts]
    assert all(any(n.startswith(DEPARTMENTS) for n in p.report.notes) for p in parts)
    refused = [p for p in parts if p.report.failure]
    alone = prepare(write_docx(load_form(HERE / "forms_dept" / first), tmp_path / f"{first}.docx"),
                    Options(Path("unused")).hints)
    assert [p.report.failure for p in refused] == [alone.report.failure] != [""]
    written = {p.name: _without_source(p) for p in _import(both, tmp_path / "out")}
    word = write_docx(load_form(HERE / "forms_dept" / second), tmp_path / f"{second}.docx")
    [own] = _import(word, tmp_path / second)
    assert written == {own.name: _without_source(own)}


TAIL = ("注：本表金额单位为万元。", "填报人：张三", *CLOSING_PROSE.splitlines(), "一、下一步工作", "加强绩效管理。")
"""What a file of two 自评表 prints after the second: its note and sign-off line (the form's own), the
unit's closing words about its 自评 as a whole, and a headed paragraph of its plans."""


def test_text_after_the_last_of_several_forms_is_no_part_of_the_last_programme(tmp_path: Path) -> None:
    """阆中 then 黄冈's 自评表 (tests/forms b05, b06) with no budget statements around them, then `TAIL`: 黄冈's
    form took the closing words as its 「未能归位的内容」 and 「下一步工作」 as its section. As after a
    disclosure's last form, only the note and the sign-off line stay with it; the rest is about the file:
    said once, on the first part, counted and its first words named."""
    from docx import Document

    path = portal_docx(tmp_path / "two.docx", ("forms/b05-langzhong-chegoushui", "forms/b06-huanggang-shuibao"))
    document = Document(str(path))
    for line in TAIL:
        document.add_paragraph(line)
    document.save(str(path))
    prepared = prepare(path, Options(Path("unused")).hints)
    parts = [prepared, *prepared.more]
    assert len(parts) == 2
    said = "本文件最后一张绩效表之后的 4 段（「2024年度，我单位严格按照预算绩效管理要求"
    assert [sum(note.startswith(said) for note in part.report.notes) for part in parts] == [1, 0], parts[0].report.notes
    last = parts[-1]
    assert last.draft is not None and "下一步工作" not in (last.draft.data.get("sections") or {})
    assert [u for u in last.report.unplaced if u.startswith("段落")] == ["段落：注：本表金额单位为万元。", "段落：填报人：张三"]
