"""What to tell a clerk about a document with no table at all.

A scan (pages of pictures) has next to no text; a report published as prose only, its 自评表 a
separate attachment the clerk did not download, has hundreds of characters (梓潼县's 2024 report:
675). Calling the second a scan sends the clerk to a scanner for a file that is plain text; what it
lacks is the attachment.
"""

from __future__ import annotations

PROSE = 50
"""Characters of text from which a document is prose, not a scan: a scan's text layer holds a
stamp or a page number at most; the shortest prose-only report in the tests has about 40 characters
of headings and sentences, and is still said to be a scan only when it has fewer than 50."""


def no_tables(kind: str, texts: list[str]) -> str:
    """The failure for a document of `kind` (docx, pdf, ofd, html) with no table, its paragraphs `texts`. A
    绩效目标 notice whose table is a file it attaches is told to import that file (target_form), not a 自评表."""
    from perfsite.importing.target_form import attached_target_table

    if said := attached_target_table(texts):
        return said
    words = sum(map(len, texts))
    if kind == "docx" and words >= PROSE:
        return (f"Word 文档中没有任何表格，只有正文（约 {words} 字）：这是报告正文，不是扫描件，但没有自评表。"
                "请向填报单位索取附件中的自评表（Excel 自评表与本报告一起导入时，正文写进同一个文件）；"
                "或用 perfsite template 生成模板，照报告填写后导入")
    what = "Word 文档" if kind == "docx" else f"{kind.upper()}（只认有框线的表格）"
    return (f"{what}中没有任何表格（正文约 {words} 字{'，几乎没有文字' if words < PROSE else ''}）："
            f"可能是扫描件或图片{'' if kind == 'docx' else '，或表格没有框线（只靠空格或底色分列）'}。"
            "请向填报单位索取可编辑的 Word/Excel 自评表")
