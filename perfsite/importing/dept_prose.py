"""The prose of a 部门整体 report: named, since the 部门整体 files have no place for it.

A 部门整体自评报告 sends its 自评表 as an attachment under a few pages of text (荆门市民政局 2022:
自评结论, 目标完成情况, 存在的问题和原因, 下一步拟改进措施). The 部门整体 kinds carry the table's
parts only (docs/data-format.md: functions, tasks, goals, execution, deviation); a 自评's `sections`
has no counterpart there. The text was dropped without a word; each headed section is now listed
among the 未能归位 contents, so a clerk sees what the page will not show.
"""

from __future__ import annotations

from perfsite.importing.dept_form import TITLE
from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import compact, flat
from perfsite.importing.text import split_prose

_SHOWN = 60
"""Characters of a section's text shown in its line, as the other 未能归位 lines show a cell."""


def untaken_sections(paras: list[Para]) -> tuple[list[str], str]:
    """(one 未能归位 line per headed section of the report's prose, the note saying why), or ([], "")."""
    sections = split_prose(paras).sections if paras else []
    lines = []
    for title, text in sections:
        shown = flat(text.replace("\n\n", " "))
        lines.append(f"正文章节「{title}」：{shown[:_SHOWN]}{'…' if len(shown) > _SHOWN else ''}")
    if not lines:
        return [], ""
    return lines, (f"报告正文的 {len(lines)} 个章节（{'、'.join(f'「{t}」' for t, _ in sections)}）没有写入：部门整体文件的数据格式"
                   "没有正文章节（sections），网站的部门页不显示报告正文；它们列在「未能归位的内容」中，需要时请随原件另行公开")


def untabled_department(paras: list[Para]) -> str:
    """The failure of a Word, PDF or OFD file without any table whose title names a 部门整体 report
    (巴中市恩阳区农业农村局部门整体支出绩效评价报告, tests/forms_cycle28/c01), or "": its prose has no place in
    the 部门整体 files, and its 自评表 is the attachment not handed in. Read as a programme's report, the
    clerk was sent for a programme's 自评表 and told to name an evaluator, with which it would have been
    written as a programme named after the department."""
    title = next((text for text in split_prose(paras).titles if TITLE.search(compact(text))), "") if paras else ""
    if not title:
        return ""
    chars = sum(len(p.text.strip()) for p in paras)
    return (f"标题「{flat(title)}」说明这是部门整体支出的绩效报告，但文件中没有任何表格，只有正文（约 {chars} 字）："
            "部门整体只导入部门整体支出绩效自评表（或评价得分表），报告正文在网站上没有对应的位置，不导入。"
            "请向填报单位索取报告所附的部门整体支出绩效自评表（Word 或 Excel）后导入它")
