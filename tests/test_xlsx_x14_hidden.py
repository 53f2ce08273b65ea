"""Excel 2010's conditional formats, kept in the sheet's extension list (``<extLst>`` →
``<x14:conditionalFormattings>``): Excel writes a rule there when its formula names another sheet,
and draws it like any other; openpyxl drops the part. A rule there that whitens a score hides it
on the printed form as surely as one in the main list (`test_redteam_files`' conditional cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, num, write_xlsx

from perfsite.importing.xlsx_reader import X14, XM, read_xlsx

WHITE_DXF = '<x14:dxf><font><color rgb="FFFFFFFF"/></font></x14:dxf>'
RED_DXF = '<x14:dxf><font><color rgb="FFFF0000"/></font></x14:dxf>'


def _x14(sqref: str, *rules: str) -> str:
    """The extension list as Excel 2010 and later save it after ``<pageMargins>``."""
    return ('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14}">'
            f'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="{XM}">{"".join(rules)}'
            f"<xm:sqref>{sqref}</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>")


def _rule(kind: str, *formulas: str, dxf: str = WHITE_DXF, priority: int = 1, extra: str = "") -> str:
    inner = "".join(f"<xm:f>{f}</xm:f>" for f in formulas)
    return (f'<x14:cfRule type="{kind}" priority="{priority}"{extra} id="{{00000000-0001-0000-0000-00000000000{priority}}}">'
            f"{inner}{dxf}</x14:cfRule>")


@pytest.mark.parametrize(("rules", "shown", "said"), [
    (_rule("cellIs", "20", extra=' operator="equal"'), ["40", "", "30"], "E4（20，条件格式使文字是白色的，底色也是白色）"),
    (_rule("cellIs", "20", dxf=RED_DXF, extra=' operator="equal"'), ["40", "20", "30"], ""),
    (_rule("expression", "说明!$A$1=1"), ["40", "20", "30"], "E3（40）、E4（20）、E5（30）有条件格式"),  # another sheet: named
    (_rule("expression", "TRUE", dxf=RED_DXF, priority=1, extra=' stopIfTrue="1"')
     + _rule("expression", "TRUE", priority=2), ["40", "20", "30"], ""),
])
def test_an_excel_2010_conditional_format_is_read_like_the_main_ones(tmp_path: Path, rules: str, shown: list[str],
                                                                    said: str) -> None:
    data = form_rows().replace(num("E4", 30), num("E4", 20))
    book = Book([Sheet("自评表", data, after=_x14("E3:E5", rules))])
    [grid] = read_xlsx(write_xlsx(tmp_path / "f.xlsx", book))
    assert [r[4].text for r in grid.rows[2:5]] == shown
    notes = [n for n in grid.notes if "条件格式" in n]
    assert (len(notes) == 1 and said in notes[0]) if said else not notes, notes
