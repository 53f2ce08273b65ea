"""A target table's own notes, a bare target read in the other's 万, and the modes of files `init --update` writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare
from perfsite.targets_compare import compare_values
from perfsite.values import parse_value

HERE = Path(__file__).resolve().parent


def _notes(path: Path) -> dict[str, list[str]]:
    first = prepare(path, Hints())
    return {item.report.source.name: item.report.notes for item in (first, *first.more)}


def test_a_target_tables_page_break_notes_reach_its_own_form() -> None:
    """narrow-cut.pdf: the page break cuts 湘西州特校's row 「残疾学生家庭负担率」 after 「残」, and the PDF reader
    joins 「疾学生家庭负担率」 to it, saying so on its table: the 目标表 reader kept the note to itself, so the
    clerk was never asked to check the join. 汉阴's form, in a table of its own, is told none of it."""
    notes = _notes(HERE / "forms_pdf26" / "narrow-cut.pdf")
    xiangxi, hanyin = (notes[name] for name in sorted(notes))
    assert any(n.startswith("PDF 第 4 页：第一行按被分页截断的上一行读取，「疾学生家庭负担率」") for n in xiangxi), xiangxi
    assert sum(n.startswith("PDF 第 ") for n in xiangxi) == 3
    assert not any(n.startswith("PDF 第 ") for n in hanyin), hanyin


def test_a_department_target_tables_page_break_notes_reach_it() -> None:
    """pair-departments.pdf: 岳阳楼区's 部门整体绩效目标表, read by the same reader, lost its page 2 note too."""
    notes = _notes(HERE / "forms_pdf26" / "pair-departments.pdf")
    [target] = [said for name, said in notes.items() if "部门整体绩效目标" in name]
    assert any(n.startswith("PDF 第 2 页：第一行按被分页截断的上一行读取") for n in target), target


@pytest.mark.parametrize(("before", "after"), [("≥9000", "≥5000万人"), ("≥5000万人", "≥9000")])
def test_a_bare_target_read_in_the_other_cells_wan_is_shown_in_wan(before: str, after: str) -> None:
    """The comparison of targets had its own display of a bare figure's readings: 9000 read in the 万 of
    「≥5000万人」 printed 「90000000人」, where scoring's working (unit_readings) prints 「9000万人」."""
    verdict = compare_values(parse_value(before), parse_value(after))
    assert verdict.undecided
    assert "「9000」没有写单位，按 9000人、9000万人 理解结论不同" in verdict.note, verdict.note


def test_files_init_update_writes_keep_the_umasks_mode(tmp_path: Path) -> None:
    """`init --update` wrote requirements.txt, the CI files and the wheel through tempfile (0600): after
    the rename only their owner could read them, unlike every other file of the repository."""
    from perfsite.scaffold import REFRESHED, WHEELHOUSE, scaffold, update

    old = tmp_path / "perfsite-0.0.9-py3-none-any.whl"
    old.write_bytes(b"PK old")
    root = tmp_path / "site"
    scaffold(root, "某县预算绩效信息公开", old)
    for name in REFRESHED:  # as an older perfsite wrote them
        (root / name).write_text("perfsite==0.0.9\n", encoding="utf-8")
    (root / ".gitignore").write_text("/本单位笔记/\n", encoding="utf-8")
    ours = tmp_path / "perfsite-9.9.9-py3-none-any.whl"
    ours.write_bytes(b"PK ours")
    was = os.umask(0o022)
    try:
        done = update(root, ours)
    finally:
        os.umask(was)
    written = [*REFRESHED, ".gitignore", f"{WHEELHOUSE}/{ours.name}"]
    assert len(done) == len(written) + 1, done  # and the old wheel deleted
    assert {name: stat.S_IMODE((root / name).stat().st_mode) for name in written} == dict.fromkeys(written, 0o644)
    assert (root / "requirements.txt").read_text(encoding="utf-8").count("perfsite-9.9.9") == 1
    assert (root / WHEELHOUSE / ours.name).read_bytes() == b"PK ours"
    assert not [p.name for p in root.rglob(".*") if p.is_file() and p.name.startswith((".requirements", ".perfsite"))]


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """岳阳楼区's 部门整体绩效目标表 (tests/forms_dept/d05) printed twice in one Word file, as a portal prints its forms."""
    import sys

    sys.path.insert(0, str(HERE / "forms_pdf26"))
    from makers import portal_docx

    form = "forms_dept/d05-yueyanglou-jiage-mubiao"
    return portal_docx(tmp_path_factory.mktemp("twice") / "both.docx", (form, form), landscape=False)


def test_one_file_holding_a_departments_form_twice_says_so(twice: Path, tmp_path: Path) -> None:
    """The second form of one department and year was refused as 「已由本次导入的另一个文件写出」: no other
    file was imported. It now names the file and both forms, by their places in it, and which was written."""
    from perfsite.importing.pipeline import Options, import_batch
    from perfsite.siteconfig import SiteConfig

    reports = import_batch([twice], Options(tmp_path / "out"), SiteConfig(), set(), jobs=1)
    [written] = [r for r in reports if r.written]
    [refused] = [r for r in reports if r.failure]
    label = "岳陽樓區(qū)價(jià)格認(rèn)證鑒定中心，2023年度"
    assert refused.failure.startswith(f"both.docx 中有两张2023 年{label[:-7]}的部门整体支出绩效目标表"
                                      f"（「第 2 张，{label}」和「第 1 张，{label}」）：已按「第 2 张，{label}」写出 "
                                      f"{written.written[0]}，「第 1 张，{label}」未导入"), refused.failure
    assert "另一个文件" not in refused.failure


def test_another_file_of_the_same_department_and_year_is_named(twice: Path, tmp_path: Path) -> None:
    """Another input placing the same department and year is named, not 「另一个文件」."""
    from perfsite.importing.pipeline import Options, import_batch
    from perfsite.siteconfig import SiteConfig

    other = tmp_path / "again.docx"
    other.write_bytes(twice.read_bytes())
    reports = import_batch([twice, other], Options(tmp_path / "out"), SiteConfig(), set(), jobs=1)
    again = [r.failure for r in reports if r.source.name.startswith("again.docx")]
    assert len(again) == 2 and all(f"已由本次导入的「{twice}」写出（2023 年" in f for f in again), again
