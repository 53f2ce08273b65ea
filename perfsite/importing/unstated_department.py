"""A report or a 整改 naming no 主管部门, beside the only programme of its name and year.

Reports often name the firm, the commissioner and the programme but no 主管部门 (隆回's and 四川's
in tests/forms_reports), and a 整改 table may name none either. Written 「未载明」, such a file would take an id of its own: the
site files a document by its id, so the report of 三门县城镇污水处理设施建设工程 imported with the unit's 自评表
would go to sanmen-…-pingjia.yaml under the name's id and push the 自评 to sanmen-…-2 — two programmes on
the site, the report on neither's page — and `perfsite check` would call the shared id 「多半是 id 写错了」.
When the year's files (and this run's) hold exactly one programme of that name, its department is the
one the document means: written with a comment saying whose it is. With none or several the document
keeps 「未载明」 and the note asking for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfsite.kinds import DocumentKind
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
    or a 整改) states none."""
    data = draft.data
    if data.get("kind") not in ADOPTING or data.get("department") != UNSTATED or not (found := ids.only_department(data.get("name"), data.get("year"))):
        return
    department, path = found
    data["department"] = department
    where = path.name if path is not None else "本次导入的同名项目"
    draft.comments[("department",)] = [f"原件没有写明主管部门；{data.get('year')} 年名为「{data.get('name')}」的项目只有一个"
                                       f"（{where}），取它的主管部门，以便共用网址编号：请核对。"]
    draft.notes[:] = [note for note in draft.notes if not ("主管部门" in note and "「未载明」" in note)]
    draft.found[:] = [f"主管部门：{department}（原件未写，取自同名项目）" if line == f"主管部门：{UNSTATED}" else line
                      for line in draft.found]
    draft.notes.append(f"原件没有写明主管部门：取同一年度同名项目（{where}）的「{department}」，与它共用网址编号，请核对")
