"""A report or a 整改 naming no 主管部门, beside the only programme of its name and year.

Reports often name the firm, the commissioner and the programme but no 主管部门 (隆回's and 四川's
in tests/forms_reports), and a 整改 table may name none either. Written 「未载明」, such a file would take an id of its own: the
site files a document by its id, so the report of 三门县城镇污水处理设施建设工程 imported with the unit's 自评表
would go to sanmen-…-pingjia.yaml under the name's id and push the 自评 to sanmen-…-2 — two programmes on
the site, the report on neither's page — and `perfsite check` would call the shared id 「多半是 id 写错了」.
When the year's files (and this run's) hold exactly one programme of that name, its department is the
one the document means: written with a comment saying whose it is. With none or several the document
keeps 「未载明」 and the note asking for it.

A programme's own form naming none is written 「未载明」, and the import asks the clerk to fill it in.
Imported again (the folder re-run after one more unit's file came in), it would be another programme by
identity and go to shili-2.yaml beside the clerk's shili.yaml: the site would show both, and check passes.
The file an earlier import of the same original wrote, with the department filled in, is that programme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfsite.kinds import DEFAULT_KIND, DocumentKind
from perfsite.markup import one_line
from perfsite.values import UNSTATED

ADOPTING = frozenset({str(DocumentKind.EVALUATION_REPORT), str(DocumentKind.RECTIFICATION)})
"""The kinds whose files name a programme by another's department (a 自评表 or a 目标表 is the programme's own)."""

if TYPE_CHECKING:
    from perfsite.ids import IdRegistry
    from perfsite.importing.assemble import Draft


def last(draft: Draft | None) -> bool:
    """Whether a document is placed after the others of its batch: a report naming no department finds the
    自评 handed in with it only once that is placed."""
    return draft is not None and draft.data.get("kind") in ADOPTING and draft.data.get("department") == UNSTATED


def adopt_department(draft: Draft, ids: IdRegistry) -> None:
    """Write the department of the only programme of the draft's name and year when the draft (a report
    or a 整改) states none; for a programme's own form, the department the clerk filled into the file an
    earlier import of the same original wrote (`IdRegistry.edited_department`)."""
    data = draft.data
    if data.get("department") != UNSTATED:
        return
    if data.get("kind") in ADOPTING:
        if not (found := ids.only_department(data.get("name"), data.get("year"))):
            return
        department, path = found
        where = path.name if path is not None else "本次导入的同名项目"
        _adopt(draft, department, f"{data.get('year')} 年名为「{data.get('name')}」的项目只有一个（{where}），取它的主管部门，以便共用网址编号",
               "取自同名项目", f"取同一年度同名项目（{where}）的「{department}」，与它共用网址编号")
        return
    source = data.get("source")
    kind = str(data.get("kind") or DEFAULT_KIND)
    if not isinstance(source, str) or not (edited := ids.edited_department(data.get("name"), data.get("year"), kind, one_line(source))):
        return
    department, path = edited
    _adopt(draft, department, f"数据目录中的 {path.name} 由同一原件导入，主管部门已填为「{department}」，照它写出",
           "取自已导入的同一项目", f"由同一原件导入的 {path} 中主管部门已填为「{department}」，按同一项目照它写出")


def _adopt(draft: Draft, department: str, why: str, found: str, note: str) -> None:
    """Write `department` for the unstated one, saying whose it is (`why` in the file, `note` to the clerk)."""
    draft.data["department"] = department
    draft.comments[("department",)] = [f"原件没有写明主管部门；{why}：请核对。"]
    draft.notes[:] = [line for line in draft.notes if not ("主管部门" in line and "「未载明」" in line)]
    draft.found[:] = [f"主管部门：{department}（原件未写，{found}）" if line == f"主管部门：{UNSTATED}" else line
                      for line in draft.found]
    draft.notes.append(f"原件没有写明主管部门：{note}，请核对")
