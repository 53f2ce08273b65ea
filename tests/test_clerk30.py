"""A clerk's first import, read to the end: each line printed is one a clerk at a 财政局 can act on.

One folder as units hand it in: a good form, a form written with an error, a 汇总表 with no
indicators (the real 红河州 summary of tests/forms_trial5, see its SOURCES.md), a 部门整体 form naming
neither its department nor its year (tests/forms_dept/d02) and an empty file.
Imported once in process; each test reads one thing of what it printed.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from forms.make import make
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.cli import main
from perfsite.importing.commands import brief
from perfsite.problems import Problems
from perfsite.rectification import MEASURE_KEYS
from perfsite.reports import REPORT_KEYS, REPORT_REQUIRED
from perfsite.schema import check_keys

TESTS = Path(__file__).resolve().parent
HELD = TESTS / "forms_trial5" / "t5imp1" / "红河州2024年度项目支出绩效自评汇总表.xlsx"
CHONGQING = TESTS / "forms_dept" / "d02-chongqing-kexuecheng-ziping"
"""A 部门整体 自评表 whose copy names neither its department nor its year (see its form.yaml)."""
SHORT = [("培训人次", 40, "≥100人", "120人", 40), ("结业率", 30, "≥90%", "95%", 30), ("满意度", 20, "≥90%", "92%", 20)]
"""Weights summing to 90: written, with an error perfsite check refuses."""


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    root = tmp_path_factory.mktemp("clerk30")
    folder = root / "收件"
    folder.mkdir()
    write_xlsx(folder / "甲单位自评表.xlsx", Book([Sheet("自评表", form_rows("培训项目2023年度绩效自评表"))]))
    write_xlsx(folder / "乙单位自评表.xlsx", Book([Sheet("自评表", form_rows("维修项目2023年度绩效自评表", rows=SHORT))]))
    shutil.copy(HELD, folder / HELD.name)
    (folder / "丙单位自评表.xlsx").write_bytes(b"")
    make(CHONGQING, root)[0].rename(folder / "科学城融媒体中心部门整体自评表.xlsx")
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        code = main(["import", str(folder), "--out", str(root / "data")])
    return code, said.getvalue(), root


def _section(said: str, name: str) -> list[str]:
    """The lines of one file's section of the output."""
    lines = said.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("== ") and name in line)
    end = next((n for n in range(start + 1, len(lines)) if not lines[n].startswith("  ")), len(lines))
    return lines[start:end]


def test_line_numbers_say_they_count_in_the_data_file_not_the_form(run: tuple[int, str, Path]) -> None:
    """「第 26 行」 under 「== 乙单位自评表.xlsx ==」 read as row 26 of the workbook, which has a dozen."""
    _, said, root = run
    section = _section(said, "乙单位自评表.xlsx")
    written = next(line.removeprefix("  已写出：") for line in section if line.startswith("  已写出："))
    assert written.endswith(".yaml") and (root / "data").as_posix() in written
    pointer = section.index(f"  下面的「第 N 行」是写出的数据文件 {written} 中的行号，不是原表的行：")
    error = next(n for n, line in enumerate(section) if line.startswith("  错误：第 "))
    assert pointer < error
    assert not any("第 N 行" in line for line in _section(said, "丙单位自评表.xlsx"))  # failed: nothing written


def test_a_summary_alone_names_its_projects_once_and_the_closing_list_says_why(run: tuple[int, str, Path]) -> None:
    _, said, _ = run
    section = "\n".join(_section(said, HELD.name))
    assert section.count("「数说红河展厅运维经费」") == 1  # the failure names them; no note repeating them
    assert f"{HELD.name}：失败，这是项目汇总表，没有绩效指标，不能生成项目页" in said


def test_brief_drops_asides_only_from_a_reason_too_long_to_show() -> None:
    names = "、".join(f"「第{n}个项目的名称写得比较长」" for n in range(6))
    assert brief(f"这是项目汇总表（每行一个项目：{names}），没有绩效指标：请索取") == "这是项目汇总表，没有绩效指标"
    assert brief("文件已损坏（扩展名是 .xlsx，内容却不是）：请重新导出") == "文件已损坏（扩展名是 .xlsx，内容却不是）"


def test_the_next_step_says_check_reads_every_file_and_not_the_failed_ones(run: tuple[int, str, Path]) -> None:
    """Check counted 23 提示 where import said 21 (a 评价报告 with no 自评表 is only told across files), and it
    never names the four files that failed: the clerk whose check passed took them as done."""
    code, said, root = run
    assert code == 1
    last = said.splitlines()[-1]
    assert last.startswith(f"下一步：perfsite check {root / 'data'}：检查数据目录中的全部文件（不只是这次写出的）")
    assert last.endswith("；失败的 3 个文件没有写出，check 不会提到它们：请按上面「需要处理的文件」处理后再导入")


def test_a_missing_key_of_a_report_or_a_measure_is_named_in_chinese() -> None:
    """「缺少必填的键 evaluator」 was the line a clerk read for a 评价报告 that named no 评价机构."""
    problems = Problems("报告.yaml")
    check_keys({"name": "某项目"}, REPORT_KEYS, (), problems, REPORT_REQUIRED)
    check_keys({"measure": "建立台账"}, MEASURE_KEYS, ("findings", 0, "measures", 0), problems,
               ("measure", "owner", "deadline", "status"))
    said = {p.message for p in problems.items}
    assert {"缺少必填的键 evaluator（评价机构）", "缺少必填的键 conclusion（评价结论）", "缺少必填的键 evaluation（评价类型）",
            "缺少必填的键 original（报告原件）", "缺少必填的键 owner（责任单位）", "缺少必填的键 deadline（完成时限）",
            "缺少必填的键 status（整改状态）"} <= said


def test_a_run_that_wrote_nothing_does_not_count_problems_of_no_file(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """「写出的文件中错误 0，不一致 0，提示 0」 after a run whose every file failed read as all clear."""
    (tmp_path / "空.xlsx").write_bytes(b"")
    assert main(["import", str(tmp_path / "空.xlsx"), "--out", str(tmp_path / "data")]) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("共 1 个文件：导入 0 个，需修改 0 个，失败 1 个。没有写出任何文件；用时 ") and "错误" not in last


def test_a_department_form_with_no_name_and_no_year_asks_for_both_at_once(run: tuple[int, str, Path]) -> None:
    """It failed for its department name; given --name, it failed again for its year."""
    _, said, _ = run
    assert ("  失败：找不到部门名称（表格中的「部门名称」「单位名称」或「预算单位」一栏），也找不到评价年度（标题、表格、文件名和正文都没有）："
            "可用 --name 和 --year 指定部门全称和年度") in _section(said, "科学城融媒体中心部门整体自评表.xlsx")
