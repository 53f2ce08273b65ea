"""`perfsite import`, `perfsite template` and `perfsite new`, plugged into the core CLI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perfsite.dataset import SITE_FILE
from perfsite.importing.assemble import Hints
from perfsite.importing.bulk import import_export, is_export
from perfsite.importing.pipeline import DEFAULT_FOLDER, FileReport, Options, import_file
from perfsite.problems import SEVERITY_LABEL, Severity
from perfsite.siteconfig import load_site

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="自评报告（.docx）、自评表（.xlsx）或指标表（.csv）")
    p.add_argument("--out", default="data", help="数据目录（默认 data），写到 <数据目录>/<年度>/<文件夹>/")
    p.add_argument("--folder", default=DEFAULT_FOLDER, help=f"年度下的文件夹名（默认 {DEFAULT_FOLDER}）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument("--year", help="文件中找不到评价年度时使用的年度")
    p.add_argument("--name", help="文件中找不到项目名称时使用的名称")


def cmd_import(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"perfsite import: 用法错误：--out {out} 不是目录", file=sys.stderr)
        return EXIT_USAGE
    if args.year and not (args.year.isdigit() and len(args.year) == 4):
        print(f"perfsite import: 用法错误：--year 应是四位数年度，而不是「{args.year}」", file=sys.stderr)
        return EXIT_USAGE
    if not args.folder or "/" in args.folder or args.folder.startswith("."):
        print("perfsite import: 用法错误：--folder 只能是一个文件夹名", file=sys.stderr)
        return EXIT_USAGE
    site_path = out / SITE_FILE
    site, _ = load_site(site_path, str(site_path))
    options = Options(out, args.force, args.folder, Hints(args.name, args.year))
    planned: set[Path] = set()
    reports: list[FileReport] = []
    for path in map(Path, args.files):  # a finance-system export holds many programmes
        reports.extend(import_export(path, options, site, planned) if is_export(path)
                       else [import_file(path, options, site, planned)])
    for report in reports:
        print_report(report)
    ok = sum(1 for r in reports if r.ok)
    print(f"共 {len(reports)} 个文件：成功 {ok} 个，失败或需修改 {len(reports) - ok} 个。")
    if ok:
        print(f"下一步：perfsite check {out}")
    return EXIT_OK if ok == len(reports) else EXIT_FAILED


def print_report(report: FileReport) -> None:
    print(f"== {report.source} ==")
    if report.failure and not report.found:
        print(f"  失败：{report.failure}")
        print("  未写出任何文件。")
        return
    for line in report.found:
        print(f"  {line}")
    if report.total:
        print(f"  计算总分：{report.total}")
    for note in report.notes:
        print(f"  注意：{note}")
    if report.unplaced:
        print(f"  未能归位的内容（{len(report.unplaced)} 处，未写入，请核对是否需要）：")
        for item in report.unplaced:
            print(f"    - {item}")
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    others = [p for p in report.problems if p.severity is not Severity.ERROR]
    for problem in others:
        print(f"  {SEVERITY_LABEL[problem.severity]}：{_where(problem)}{problem.message}")
    for problem in errors:
        print(f"  错误：{_where(problem)}{problem.message}")
    if report.failure:
        print(f"  失败：{report.failure}")
        print("  未写出任何文件。")
        return
    for path in report.written:
        print(f"  已写出：{path}")
    if errors:
        print(f"  该文件有 {len(errors)} 个错误，perfsite check 不会通过：请按上面的提示修改后再提交。")


def _where(problem) -> str:  # type: ignore[no-untyped-def]
    return f"第 {problem.line} 行 {problem.key}：" if problem.line else ""


def _template_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="自评表模板.xlsx", help="写出的 Excel 文件（默认 自评表模板.xlsx）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def cmd_template(args: argparse.Namespace) -> int:
    from perfsite.importing.template import write_template

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        print("perfsite template: 用法错误：--out 应以 .xlsx 结尾", file=sys.stderr)
        return EXIT_USAGE
    if out.exists() and not args.force:
        print(f"perfsite template: {out} 已存在，未覆盖（确需覆盖请加 --force）", file=sys.stderr)
        return EXIT_FAILED
    write_template(out)
    print(f"已写出模板：{out}\n填好后导入：perfsite import {out}")
    return EXIT_OK


def _new_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", help="评价年度，如 2024")
    p.add_argument("--name", help="项目名称")
    p.add_argument("--id", default="new-programme", help="网址编号（小写字母、数字和连字符），也是文件名")
    p.add_argument("--out", default="data", help="数据目录（默认 data）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def cmd_new(args: argparse.Namespace) -> int:
    from perfsite.importing.skeleton import new_skeleton

    return new_skeleton(args)


COMMANDS = [
    ("import", "导入 Word 自评报告、Excel 自评表或 CSV 指标表，生成项目数据文件", _import_args, cmd_import),
    ("template", "生成供填写的 Excel 自评表模板（填好后可直接导入）", _template_args, cmd_template),
    ("new", "生成带中文注释的项目 YAML 空白文件", _new_args, cmd_new),
]
