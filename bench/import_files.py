"""Benchmark: `perfsite import` on N Word/Excel self-evaluation forms, against just opening them.

    .venv/bin/python bench/import_files.py [--n 200] [--jobs 2] [--keep DIR]

Makes N forms (half .docx, half .xlsx) in a temporary folder from `perfsite demo` programmes,
laid out as units hand them in: a title with the year, 项目名称/主管部门 rows, the indicator
table with merged 一级/二级 cells, and (Word) numbered sections of prose. Then, in the same run:

(b) the baseline: python-docx and openpyxl only opening every file, in one process (the floor
    for any importer built on them: it does no recognition, checking or writing);
(a) `perfsite import <folder> --out <tmp>` as a user runs it (a fresh process, start-up included).

Figures only, printed as a Markdown table: this is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import yaml
from openpyxl import Workbook, load_workbook

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from perfsite.demo import programme_yaml  # noqa: E402

HEADER = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"]


def _rows(data: dict) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The indicator table and its vertical merges (equal 一级, equal 一级+二级 run together)."""
    items = data["indicators"]
    rows = [HEADER] + [[str(i["level1"]), str(i["level2"]), str(i["name"]), str(i["weight"]), str(i["target"]),
                        str(i["actual"]), str(i["score"]), str(i.get("remark") or "")] for i in items]
    merges = []
    for col, key in ((0, lambda i: i["level1"]), (1, lambda i: (i["level1"], i["level2"]))):
        start = 0
        for n in range(1, len(items) + 1):
            if n == len(items) or key(items[n]) != key(items[start]):
                if n - start > 1:
                    merges.append((start + 1, col, n, col))
                start = n
    for r0, c0, r1, _ in merges:
        for r in range(r0 + 1, r1 + 1):
            rows[r][c0] = ""
    return rows, merges


def _title(data: dict) -> str:
    return f"{data['name']}{data['year']}年度项目支出绩效自评表"


def word_form(data: dict, path: Path) -> None:
    d = docx.Document()
    d.add_paragraph(_title(data).replace("自评表", "自评报告"), style="Title")
    for n, (heading, text) in enumerate(data["sections"].items()):
        d.add_paragraph(f"{'一二三四五'[n]}、{heading}", style="Heading 1")
        d.add_paragraph(str(text))
    d.add_paragraph("附件：项目支出绩效自评表")
    info = d.add_table(rows=2, cols=2)
    for r, (label, value) in enumerate((("项目名称", data["name"]), ("主管部门", data["department"]))):
        info.cell(r, 0).text, info.cell(r, 1).text = label, str(value)
    rows, merges = _rows(data)
    table = d.add_table(rows=len(rows), cols=len(HEADER))
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    d.save(str(path))


def excel_form(data: dict, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append([_title(data)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(["项目名称", data["name"]])
    ws.append(["主管部门", data["department"]])
    rows, merges = _rows(data)
    ws.append(rows[0])
    for row in rows[1:]:  # 分值 and 得分 as numbers, as Excel stores typed figures
        ws.append([float(v) if c in (3, 6) and v else v for c, v in enumerate(row)])
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + 4, start_column=c0 + 1, end_row=r1 + 4, end_column=c1 + 1)
    for line in ws.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a target typed as text (=0起), as Excel keeps it: not a formula
    wb.save(str(path))


def make_forms(n: int, folder: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        _, _, text = programme_yaml(i, rng)
        data = yaml.safe_load(text)
        path = folder / f"{i + 1:04d}{'.docx' if i % 2 == 0 else '.xlsx'}"
        (word_form if path.suffix == ".docx" else excel_form)(data, path)
        paths.append(path)
    return paths


def open_only(paths: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds of opening every file in this process."""
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        if path.suffix == ".docx":
            docx.Document(str(path))
        else:
            load_workbook(str(path), data_only=True)
    return time.perf_counter() - started, time.process_time() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_import(folder: Path, out: Path, jobs: int | None) -> tuple[float, float, str, int]:
    """(wall, CPU of the whole process tree, summary line, exit code) of one `perfsite import`."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if jobs:
        env["PERFSITE_JOBS"] = str(jobs)
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "perfsite", "import", str(folder), "--out", str(out)],
                          env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    summary = next((line for line in done.stdout.splitlines() if line.startswith("共 ")), done.stderr[-500:])
    return elapsed, _children_cpu() - cpu, summary, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jobs", type=int, help="worker processes for reading (default: one per core)")
    parser.add_argument("--keep", type=Path, help="make the forms here and keep them (reused when there are N)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "forms"
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        paths = sorted(folder.glob("*.*"))
        if len(paths) != args.n:  # --keep a folder of the same size: its forms are reused
            paths = make_forms(args.n, folder)
        made = time.perf_counter() - started
        baseline, baseline_cpu = open_only(paths)
        ours, ours_cpu, summary, code = run_import(folder, Path(tmp) / "out", args.jobs)
    load = os.getloadavg()[0]
    print(f"N = {args.n} forms ({(args.n + 1) // 2} .docx, {args.n // 2} .xlsx), {os.cpu_count()} cores, "
          f"load average {load:.1f} at the end, forms made in {made:.1f} s\n")
    print("| measure | wall (s) | CPU (s) | CPU per file (ms) |\n|---|---:|---:|---:|")
    print(f"| (b) python-docx/openpyxl opening each file, one process | {baseline:.2f} | {baseline_cpu:.2f} | "
          f"{baseline_cpu * 1000 / args.n:.1f} |")
    print(f"| (a) perfsite import (fresh process and its workers, start-up included) | {ours:.2f} | {ours_cpu:.2f} | "
          f"{ours_cpu * 1000 / args.n:.1f} |")
    print(f"\nwall a/b = {ours / baseline:.2f}, CPU a/b = {ours_cpu / baseline_cpu:.2f}; exit code {code}; {summary}")


if __name__ == "__main__":
    main()
