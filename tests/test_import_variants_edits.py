"""A form a unit filled in or re-saved imports as the form itself: metamorphic tests over every real form.

Each edit of tests/forms/edits.py (blank rows and columns, a title and a 注 row, 填表人/审核人 and seal rows,
the sheet renamed or second after a 填表说明 sheet, 「单位：万元」 moved into the amount headers or the money
typed in 元, full-width figures and brackets, 「分」 and 「%」 after scores and weights, spaced and wrapped
header labels, 一级/二级指标 merged down vs repeated vs blank below, the 年度总体目标 in two cells, 指标性质
in its own column vs written into 指标值) changes nothing a form says. So the .xlsx and .docx made from
the edited grid must import to what the form as transcribed imports to: the same programme or target table,
field by field (money compared in 元, texts without spaces and with half-width brackets), the same
failure when it fails.

Every edit is tried on every form ad hoc (`cd tests; PYTHONPATH=.. ../.venv/bin/python -m test_import_variants_edits`;
the counts are in tests/forms/README.md); the test below tries each edit on `PER_EDIT` forms it applies to, the
forms tried least first, and stays under 20 CPU seconds.
"""

from __future__ import annotations

import functools
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from forms.edits import EDITS, ONLY
from forms.make import Form, load_form, write_docx, write_xlsx
from forms.variants import Variant

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Options, import_file
from perfsite.siteconfig import SiteConfig

TESTS = Path(__file__).resolve().parent
FOLDERS = sorted(p.parent for corpus in ("forms", "forms_targets", "forms_layouts")
                 for p in (TESTS / corpus).glob("*/form.yaml"))
"""Every transcribed 自评表 and 目标表 (the department-wide forms of tests/forms_dept are another import)."""

PER_EDIT = 3
"""Forms tried per edit in the test: 17 edits × 3 forms (45 cases, 39 of the 51 forms; two edits fit fewer), each in
one file kind (.xlsx and .docx in turn), so that the file, with each form also imported as it is, stays under 20 CPU
s; the ad-hoc run (`main`) tries every edit on every form in both kinds (810 imports)."""

_MONEY = {"万元": 4, "元": 0}
_BRACKETS = str.maketrans("（）", "()")


def _plain(value: object, exponent: int | None = None) -> object:
    """A written file's data as compared: texts without spaces and with half-width brackets, money in 元."""
    if isinstance(value, dict):
        unit = value.get("unit")
        scale = _MONEY.get(str(unit)) if unit is not None else exponent
        return {k: _plain(v, scale) for k, v in value.items() if k not in ("source", "unit") or unit not in _MONEY}
    if isinstance(value, list):
        return [_plain(v, exponent) for v in value]
    text = re.sub(r"\s+", "", str(value)).translate(_BRACKETS)
    if exponent is not None and re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return f"{Decimal(text).scaleb(exponent).normalize():f}"
    return text


def _run(path: Path, out: Path) -> tuple[str, list[object]]:
    report = import_file(path, Options(out, hints=Hints(year="2099")), SiteConfig(), set())
    data = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader) for p in report.written if p.suffix == ".yaml"]
    return ("失败" if report.failure else ""), [_plain(d) for d in data]


@functools.cache
def imported(folder: Path, kind: str, out: Path) -> tuple[str, list[object]]:
    """The form as transcribed, imported once."""
    form = load_form(folder)
    made = (write_xlsx if kind == "xlsx" else write_docx)(form, out / "in" / f"{form.file}.{kind}")
    return _run(made, out / "out")


def compare(folder: Path, kind: str, edited: Path, out: Path, name: str = "") -> list[str]:
    """What the edited file's import says otherwise than the form's own (empty when the same)."""
    base = out.parent / f".{folder.name}-{kind}"
    base.mkdir(parents=True, exist_ok=True)
    (base / "in").mkdir(exist_ok=True)
    want = imported(folder, kind, base)
    got = _run(edited, out)
    if got == want:
        return []
    if got[0] != want[0] or len(got[1]) != len(want[1]):
        return [f"{name} {folder.name}.{kind}: {len(got[1])} 个文件{got[0]}，原表 {len(want[1])} 个{want[0]}"]
    return [f"{name} {folder.name}.{kind}: {line}" for g, w in zip(got[1], want[1], strict=True) for line in _diff(g, w)]


def _diff(got: object, want: object, at: str = "") -> list[str]:
    if isinstance(got, dict) and isinstance(want, dict):
        return [line for k in sorted({*got, *want}) for line in _diff(got.get(k), want.get(k), f"{at}.{k}")]
    if isinstance(got, list) and isinstance(want, list):
        if len(got) == len(want):
            return [line for n, (g, w) in enumerate(zip(got, want, strict=True)) for line in _diff(g, w, f"{at}[{n}]")]
        return [f"{at}: 多出 {g!r}" for g in got if g not in want] + [f"{at}: 少了 {w!r}" for w in want if w not in got]
    return [] if got == want else [f"{at}: {got!r}，原表 {want!r}"]


@functools.cache
def _form(folder: Path) -> Form:
    return load_form(folder)


def _cases() -> list[tuple[str, Path]]:
    """Each edit on `PER_EDIT` forms it applies to, the forms tried least so far first (in turn after the
    previous edit's), so that the cases reach every form they can."""
    tried = dict.fromkeys(FOLDERS, 0)
    cases = []
    for n, (name, edit) in enumerate(EDITS.items()):
        turn = [FOLDERS[(n * PER_EDIT + k) % len(FOLDERS)] for k in range(len(FOLDERS))]
        fits = [folder for folder in sorted(turn, key=lambda f: tried[f]) if edit(_form(folder)) is not None]
        for folder in fits[:PER_EDIT]:
            cases.append((name, folder))
            tried[folder] += 1
    return cases


CASES = _cases()
RUNS = [(name, folder, ONLY.get(name, ("xlsx", "docx"))[n % len(ONLY.get(name, ("xlsx", "docx")))])
        for n, (name, folder) in enumerate(CASES)]


KNOWN: set[tuple[str, str]] = set()
"""Edits still read otherwise than the form (listed in tests/forms/README.md): none."""


def test_a_template_hint_reads_a_figure_typed_in_full_width() -> None:
    """「公猪舍（≥**平方米）」 with 指标值 「２９．６」 (full-width mode, 昌宁 l11 edited) is ≥29.6平方米, as 29.6 is."""
    from perfsite.importing.labels import hinted_target

    assert hinted_target("公猪舍（≥**平方米）", "２９．６") == hinted_target("公猪舍(≥**平方米)", "29.6") == "≥29.6平方米"


def test_every_edit_is_tried_and_every_form_is_edited() -> None:
    assert {name for name, _ in CASES} == set(EDITS)
    assert len({folder for _, folder in CASES}) >= 35, set(FOLDERS) - {folder for _, folder in CASES}


@pytest.mark.parametrize(("name", "folder", "kind"), RUNS, ids=[f"{n}-{f.name}-{k}" for n, f, k in RUNS])
def test_an_edited_form_imports_as_the_form(name: str, folder: Path, kind: str, tmp_path_factory: pytest.TempPathFactory
                                            ) -> None:
    if (name, folder.name) in KNOWN:
        pytest.xfail("known: read otherwise than the form")
    variant = EDITS[name](load_form(folder))
    assert isinstance(variant, Variant)
    root = tmp_path_factory.getbasetemp() / "edits"
    xlsx, docx = variant.write(root / name / folder.name)
    diff = compare(folder, kind, xlsx if kind == "xlsx" else docx, root / "out" / name / folder.name / kind, name)
    assert not diff, "\n".join(diff)


def main() -> None:  # pragma: no cover - the ad-hoc full matrix
    import tempfile

    out = Path(tempfile.mkdtemp())
    only = set(sys.argv[1:])
    runs = bad = 0
    for folder in FOLDERS:
        form = load_form(folder)
        for name, edit in EDITS.items():
            variant = edit(form) if not only or name in only else None
            if variant is None:
                continue
            xlsx, docx = variant.write(out / name / folder.name)
            for kind in ONLY.get(name, ("xlsx", "docx")):
                runs += 1
                try:
                    diff = compare(folder, kind, xlsx if kind == "xlsx" else docx, out / "o" / name / folder.name / kind, name)
                except Exception as error:  # a crash is a finding
                    diff = [f"{name} {folder.name}.{kind}: {error!r}"]
                bad += bool(diff)
                print(*diff[:6], sep="\n") if diff else None
    print(f"{runs} imports, {bad} differ")


if __name__ == "__main__":  # pragma: no cover
    main()


def test_a_level_typed_again_on_each_row_keeps_the_level_under_it() -> None:
    """一级指标 typed on every row (unmerged) while 二级指标 stays merged down over its rows (忠县 l06 edited):
    each row keeps its 二级指标, as when both are merged."""
    from test_import_layout import draft_of, grid

    rows = [["项目名称", "示例项目（2021年度）", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "新建道路", "524m", "524m"],
            ["产出指标", "", "硬化道路", "5719m", "5719m"],
            ["产出指标", "质量指标", "验收合格率", "100%", "100%"]]
    draft, _ = draft_of(grid(rows, ((2, 1, 3, 1),)))
    assert [(i.get("level1"), i.get("level2"), i["name"]) for i in draft.data["indicators"]] == [
        ("产出指标", "数量指标", "新建道路"), ("产出指标", "数量指标", "硬化道路"), ("产出指标", "质量指标", "验收合格率")]


def test_a_target_table_s_level_typed_again_keeps_its_level_2() -> None:
    from test_import_layout import grid
    from test_import_targets import one

    rows = [["项目名称", "示例项目（2021年度）", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "新建道路", "≥524米"],
            ["产出指标", "", "硬化道路", "≥5719米"]]
    table = one(grid(rows, ((2, 1, 3, 1),)))
    assert [i.get("level2") for i in table.data["indicators"]] == ["数量指标", "数量指标"]


@pytest.mark.parametrize("title", ["项目支出绩效表", "2022年度项目支出绩效目标表", "绩效目标表"])
def test_a_title_naming_only_the_kind_of_form_names_no_programme(title: str) -> None:
    """A title row a unit adds above the template's own (宁晋 ann edited): the name stays the form's."""
    from perfsite.importing.text import title_facts

    assert title_facts(title) == {}
    assert title_facts("宁晋县高中助学金项目支出绩效自评表").get("name") == "高中助学金"


SIGNED_OFF = [["填表人：", "张某某", "联系电话：", "0745-1234567", "审核人："], ["单位负责人（签字）：", "", "", "（单位盖章）", ""]]
"""The rows under a form that sign it off, each label and name in a cell of its own (no 总分 row above them)."""


def test_the_sign_off_rows_under_a_self_evaluation_are_no_indicators() -> None:
    from test_import_layout import draft_of, grid

    rows = [["项目名称", "示例项目（2021年度）", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "新建道路", "524m", "524m"], *SIGNED_OFF]
    draft, _ = draft_of(grid(rows))
    assert [i["name"] for i in draft.data["indicators"]] == ["新建道路"]


def test_the_sign_off_rows_under_a_target_table_are_no_indicators() -> None:
    from test_import_layout import grid
    from test_import_targets import one

    rows = [["项目名称", "示例项目（2021年度）", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值", "度量单位"],
            ["产出指标", "数量指标", "新建道路", "≥524", "米"], *SIGNED_OFF]
    table = one(grid(rows))
    assert [i["name"] for i in table.data["indicators"]] == ["新建道路"]


def test_a_goal_pasted_in_two_cells_under_one_label_is_read_whole() -> None:
    """「年度总体目标」 merged down over two rows, the goal's two parts one under the other: both are the goal
    (自评表 and 目标表 alike); a label with its own row (「完成情况」) is no part of it."""
    from test_import_layout import draft_of, grid
    from test_import_targets import one

    head = [["项目名称", "示例项目（2021年度）", "", ""],
            ["年度总体目标", "完成道路建设524米。", "", ""], ["", "硬化路面5719米。", "", ""]]
    merges = ((1, 0, 2, 0), (1, 1, 1, 3), (2, 1, 2, 3))
    self_evaluation = [*head, ["三级指标", "年度指标值", "实际完成值", "得分"], ["新建道路", "524m", "524m", "100"]]
    draft, _ = draft_of(grid(self_evaluation, merges))
    assert dict(draft.data["sections"])["年度总体目标"] == "完成道路建设524米。\n硬化路面5719米。"
    head[1][0] = "年度目标"
    target = [*head, ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "新建道路", "≥524米"]]
    assert one(grid(target, merges)).data["annual_goal"] == "完成道路建设524米。\n硬化路面5719米。"


def test_sign_off_rows_fill_no_year_end_column_of_a_target_table() -> None:
    """A 目标表 printed with blank 实际完成值 | 得分 columns (乐昌 l19) and 「填表人： | … | 审核人：」 cells under it
    that fall in those columns is still a target table, not a 自评表."""
    from test_import_layout import grid

    from perfsite.importing.target_form import is_self_evaluation

    rows = [["项目名称", "示例项目（2021年度）", "", "", ""],
            ["三级指标", "指标值", "实际完成值", "得分", "备注"],
            ["新建道路", "≥524米", "", "", ""], *SIGNED_OFF]
    assert not is_self_evaluation([grid(rows)])
    assert is_self_evaluation([grid([*rows[:2], ["新建道路", "≥524米", "524米", "100", ""]])])
