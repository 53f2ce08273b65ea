"""Benchmark: `perfsite import` of one finance-system export holding N programmes, in one run.

    .venv/bin/python bench/import_bulk.py --n 10000 [--openpyxl] [--record]

The export (.xlsx, long format: one row per indicator, the programme's columns repeated) is made
from `perfsite demo`'s programmes (10 indicators each) in a temporary folder. Measured in the same
run: (a) pandas' bare read of the file with the calamine engine (the floor for reading it),
(b) with `--openpyxl`, the same read with the openpyxl engine, (c) reading and grouping into
programmes (`bulk.programmes_of`, no checks, no files), (d) the whole `perfsite import`
command (read, group, assemble, check and write every programme), as a subprocess with the
machine's cores. Figures only: this is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from perfsite.demo import programme_yaml  # noqa: E402
from perfsite.importing.bulk import programmes_of  # noqa: E402
from perfsite.yamlload import load_yaml_text  # noqa: E402

HEADERS = ["项目编码", "项目名称", "主管部门", "实施单位", "年度", "年初预算数（万元）", "全年预算数（万元）",
           "全年执行数（万元）", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
           "偏差原因", "自评得分", "自评等级"]
START, END = "<!-- bench:import-bulk:start -->", "<!-- bench:import-bulk:end -->"


def export_rows(n: int, seed: int = 1) -> list[list[str]]:
    """The header and one row per indicator of `n` demo programmes, every cell as text."""
    rng = random.Random(seed)
    rows = [HEADERS]
    for i in range(n):
        _, _, text = programme_yaml(i, rng)
        data = load_yaml_text(text).data
        assert isinstance(data, dict)
        budget = data["budget"]
        total = sum(budget["budget"].values())
        code = f"1410{data['year']}{i + 1:08d}"
        score = data["reported"]["score"]
        grade = "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"
        for item in data["indicators"]:
            rows.append([code, data["name"], data["department"], f"{data['region']}项目实施中心", str(data["year"]),
                         f"{total:f}", f"{total:f}", f"{budget['spent']:f}", item["level1"], item["level2"],
                         item["name"], item["target"], item.get("actual", ""), f"{item['weight']:f}",
                         f"{item['score']:f}", item.get("remark", ""), f"{score:f}", grade])
    return rows


def write_xlsx(rows: list[list[str]], path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("项目支出绩效自评")
    for row in rows:
        sheet.append(row)
    book.save(str(path))
    return path


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return round(time.perf_counter() - start, 2)


def run(n: int, openpyxl: bool) -> dict[str, Any]:
    import pandas as pd

    figures: dict[str, Any] = {"n": n, "cores": os.cpu_count(), "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}
    with tempfile.TemporaryDirectory() as tmp:
        rows = export_rows(n)
        path = write_xlsx(rows, Path(tmp) / "export.xlsx")
        figures["rows"] = len(rows) - 1
        figures["mb"] = round(path.stat().st_size / 1e6, 1)

        def read(engine: str) -> None:
            pd.read_excel(path, sheet_name=None, header=None, dtype=str, keep_default_na=False, engine=engine)

        figures["read_calamine_s"] = _timed(lambda: read("calamine"))
        if openpyxl:
            figures["read_openpyxl_s"] = _timed(lambda: read("openpyxl"))
        figures["read_group_s"] = _timed(lambda: list(programmes_of(path)))
        out = Path(tmp) / "data"
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "perfsite", "import", str(path), "--out", str(out)],
                              cwd=REPO, env=env, capture_output=True, text=True, check=False)
        figures["import_s"] = round(time.perf_counter() - start, 2)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers' too: their parent waited for them
        figures["import_cpu_s"] = round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2)
        figures["load_average"] = round(os.getloadavg()[0], 1)
        figures["exit"] = done.returncode
        figures["files"] = sum(1 for _ in out.rglob("*.yaml"))
        if figures["files"] < n:
            print(done.stdout[-3000:], done.stderr[-3000:], file=sys.stderr)
    return figures


def markdown(f: dict[str, Any]) -> str:
    lines = [f"N = {f['n']} 个项目（{f['rows']} 行，{f['mb']} MB），{f['cores']} 核，{f['when']}", "",
             "| 指标 | 秒 |", "|---|---:|",
             f"| pandas 读取整个文件（calamine，基线） | {f['read_calamine_s']} |"]
    if "read_openpyxl_s" in f:
        lines.append(f"| pandas 读取整个文件（openpyxl） | {f['read_openpyxl_s']} |")
    lines += [f"| 读取并分组成项目（同一进程，不核对、不写文件） | {f['read_group_s']} |",
              f"| `perfsite import`：读取、分组、核对并写出 {f['files']} 个数据文件 | {f['import_s']} |",
              f"| 其中用去的 CPU 时间（各进程之和；除以核数即无人争用时的下限） | {f['import_cpu_s']} |", "",
              f"运行结束时机器的 1 分钟平均负载 {f['load_average']}（高于核数时，其他进程在争用 CPU，墙钟时间偏长）。",
              f"导入与基线之比 {round(f['import_s'] / f['read_calamine_s'], 1)}；"
              f"机器：{platform.python_implementation()} {platform.python_version()}，{platform.platform()}。"]
    return "\n".join(lines)


def record(text: str) -> None:
    doc = REPO / "docs" / "performance.md"
    old = doc.read_text(encoding="utf-8")
    head, _, rest = old.partition(START)
    _, _, tail = rest.partition(END)
    doc.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=10000)
    p.add_argument("--openpyxl", action="store_true", help="also time the openpyxl engine (about 15× slower)")
    p.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    p.add_argument("--record", action="store_true", help="write the table into docs/performance.md")
    args = p.parse_args()
    figures = run(args.n, args.openpyxl)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"import-bulk-{args.n}.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    text = markdown(figures)
    print(text)
    if args.record:
        record(text)
    return 0 if figures["exit"] in (0, 1) and figures["files"] == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
