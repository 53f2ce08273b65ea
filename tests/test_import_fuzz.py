"""Fuzzing `perfsite import` over the cells of .xlsx and .docx forms: whatever a unit types into a
自评表, the import ends with a written file or one Chinese reason, never a traceback, and within
1 GB and 60 s of CPU (a child process with resource limits runs the same strategies).

Grids are built around a real header so that the recognisers are reached, then every cell is
drawn from what forms hold: figures with units, percentages, signs, placeholders, template
words, formulas, direction controls, huge and tiny numbers, long texts.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import subprocess
import sys
from pathlib import Path

from forms.make import Form, write_docx, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfsite.cli import main

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
WORDS = ["产出指标", "数量指标", "效益指标(30分)", "满意度指标", "项目名称", "主管部门", "预算执行率", "总分", "合计",
         "年度资金总额", "其中：本年财政拨款", "指标1：", "……", "/", "-", "—", "*", "≥95%", "≤90万元", "＞5%", "=100%",
         "100百分比", "208万元", "387,664.62元", "99.10%", "1e400", "1e-999999999", "0e-999999999", "9" * 40,
         "=1+1", "+1", "@SUM(A1)", "\t=x", "\u202e逆序", "\u200b", "２０２１年度", "（2021年度）", "达成预期指标",
         "得分=20分×执行率", "20%", "0.95", "10.00", "0", "", "   ", "优", "良好", "项目支出绩效自评表"]
TYPABLE = st.characters(blacklist_categories=("Cc", "Cs"))  # what Excel and Word can store in a cell
CELL = st.one_of(st.sampled_from(WORDS), st.text(TYPABLE, max_size=30), st.decimals(allow_nan=False, allow_infinity=False,
                                                                          places=2).map(str))
ROW = st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER))


def _form(tmp: Path, rows: list[list[str]], merge_level: bool) -> Form:
    grid = [["项目支出绩效自评表"] + [""] * (len(HEADER) - 1), ["（2023年度）"] + [""] * (len(HEADER) - 1),
            ["项目名称", "模糊测试项目"] + [""] * (len(HEADER) - 2), HEADER, *rows]
    merges = [(0, 0, 0, len(HEADER) - 1), (1, 0, 1, len(HEADER) - 1)]
    if merge_level and len(rows) >= 2:
        merges.append((4, 0, 5, 0))
        grid[5][0] = ""
    return Form(tmp, {"file": "fuzz"}, grid, merges)


def _import(path: Path, out: Path) -> str:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = main(["import", str(path), "--out", str(out), "--force"])
    assert code in (0, 1), printed.getvalue()
    return printed.getvalue()


def run(tmp: Path, max_examples: int) -> None:
    @settings(max_examples=max_examples, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(rows=st.lists(ROW, min_size=1, max_size=6), merge_level=st.booleans())
    def fuzz(rows: list[list[str]], merge_level: bool) -> None:
        form = _form(tmp, [list(r) for r in rows], merge_level)
        for path in (write_xlsx(form, tmp / "fuzz.xlsx"), write_docx(form, tmp / "fuzz.docx")):
            text = _import(path, tmp / "out")
            assert "Traceback" not in text, text

    fuzz()


def test_fuzzed_cells_end_in_a_file_or_a_reason(tmp_path: Path) -> None:
    run(tmp_path, 40)


UNDER_LIMITS = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_import_fuzz import run
run(Path({tmp!r}), {n})
print("fuzzed")
"""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))


def test_fuzzing_the_import_stays_within_memory_and_cpu_limits(tmp_path: Path) -> None:
    tests = Path(__file__).resolve().parent
    env = {**os.environ, "PYTHONPATH": str(tests.parent)}
    result = subprocess.run([sys.executable, "-c", UNDER_LIMITS.format(tests=str(tests), tmp=str(tmp_path), n=25)],
                            env=env, capture_output=True, text=True, preexec_fn=_limits, check=False,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("fuzzed")
