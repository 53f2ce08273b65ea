"""The prose of a 部门整体 report: named, since the 部门整体 files have no place for it.

A 部门整体自评报告 sends its 自评表 as an attachment under a few pages of text (荆门市民政局 2022:
自评结论, 目标完成情况, 存在的问题和原因, 下一步拟改进措施). The 部门整体 kinds carry the table's
parts only (docs/data-format.md: functions, tasks, goals, execution, deviation); a 自评's `sections`
has no counterpart there. The text was dropped without a word; each headed section is now listed
among the 未能归位 contents, so a clerk sees what the page will not show.
"""

from __future__ import annotations

from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import flat
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
