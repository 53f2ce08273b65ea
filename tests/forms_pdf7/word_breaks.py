"""The Word 自评表 of tests/forms_pdf7/word-break-*.pdf, and what each indicator holds.

The .docx is made with python-docx: 8 indicators in narrow columns (三级指标 3.0 cm, 指标值 1.6 cm)
at 12 pt, the 一级 cells merged down, `pad` empty paragraphs above the title moving the page break
down the table, the header row marked to repeat (w:tblHeader) or not; printed by LibreOffice
(`soffice --headless --convert-to pdf`). Run as a script to make them again:
`python tests/forms_pdf7/word_breaks.py OUT_DIR` writes d{pad}-r{repeat}.docx for every second pad
from 0 to 42; word-break-wanyuan.pdf is d14-r0, word-break-han.pdf is d22-r1.
"""

from __future__ import annotations

import sys
from pathlib import Path

INDICATORS = [
    ("产出指标", "数量指标", "新建农村饮水安全工程覆盖行政村数量", "10", "≥95%（含）", "96.5%", "10"),
    ("产出指标", "数量指标", "维修改造供水管网长度", "10", "≥12,345.67米", "12,400.5米", "10"),
    ("产出指标", "质量指标", "工程竣工验收一次性合格率", "10", "100%", "100%", "10"),
    ("产出指标", "时效指标", "项目按计划时间节点完工率", "10", "≥90%", "92.35%", "9.5"),
    ("产出指标", "成本指标", "项目总投资控制在批复概算以内", "10", "≤1,234.56万元", "1,198.07万元", "10"),
    ("效益指标", "社会效益指标", "受益农村人口数量（含脱贫人口和监测对象）", "15", "≥1000人", "1,234人", "15"),
    ("效益指标", "可持续影响指标", "工程设施正常运行年限", "15", "≥15年", "15年", "15"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "20", "≥90%（含）", "95.5%", "19.5"),
]
"""(一级, 二级, 三级, 分值, 年度指标值, 实际完成值, 得分) as typed; the 总分 row prints 100 and 98.5."""


def make(path: Path, pad: int, repeat: bool) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    sys.path.insert(0, str(Path(__file__).parent.parent))
    from forms.make import add_table

    document = docx.Document()
    for _ in range(pad):
        document.add_paragraph("")
    document.add_paragraph("2022年度农村饮水安全工程维护项目绩效自评表")
    document.add_paragraph("项目名称：农村饮水安全工程维护          主管部门：某某县水利局")
    rows = [["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
            *[list(r) for r in INDICATORS], ["总分", "", "", "100", "", "", "98.5"]]
    for r in (2, 3, 4, 5, 7):
        rows[r][0] = ""
    table = add_table(document, rows, ((1, 0, 5, 0), (6, 0, 7, 0), (9, 0, 9, 2)))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, (1.6, 1.8, 3.0, 1.2, 1.6, 1.6, 1.2), strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(12)
    if repeat:
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(mark)
    document.add_paragraph("填报单位（盖章）：                    填报日期：2023年3月1日")
    document.save(str(path))
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for pad in range(0, 44, 2):
        for repeat in (False, True):
            print(make(out / f"d{pad:02d}-r{int(repeat)}.docx", pad, repeat))
