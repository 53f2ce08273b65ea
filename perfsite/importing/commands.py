"""`perfsite import`, `perfsite template` and `perfsite new`, plugged into the core CLI.

Every `perfsite` command builds its argument parser from this module, so it imports the import
pipeline only when a command runs it: the pipeline brings python-docx, openpyxl and numpy, which
`perfsite check` and `perfsite build` would otherwise load on every run before doing anything
(perfsite.cli says what that costs)."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from perfsite.failures import EXIT_INTERRUPTED
from perfsite.importing.writer import DEFAULT_FOLDER
from perfsite.markup import one_line
from perfsite.problems import SEVERITY_LABEL, Problem, Severity
from perfsite.progress import terminal_bar, took
from perfsite.report import counts_text, escape_data, escape_property, github_lines, seconds_json, tally
from perfsite.siteconfig import DATA_HELP, SITE_FILE, load_site, missing_data, site_data_folder

if TYPE_CHECKING:
    from perfsite.importing.pipeline import FileReport

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="文件",
                   help="Word/PDF/OFD 文件（.docx/.doc/.wps/.pdf/.ofd）、Excel 表（.xlsx/.xls/.et）、系统导出表或指标表（.csv）、"
                        "网页（.html/.htm/.mht）、Excel 2003 XML（.xml）："
                        "自评报告和自评表、绩效目标表、部门整体目标表和自评表、绩效评价报告、整改情况表都可以；"
                        "也可以是文件夹（导入其中全部这几种文件）")
    p.add_argument("--out", help=f"{DATA_HELP}，写到 <数据目录>/<年度>/<文件夹>/")
    p.add_argument("--folder", default=DEFAULT_FOLDER, help=f"年度下的文件夹名（默认 {DEFAULT_FOLDER}）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument("--year", help="文件中找不到评价年度时使用的年度")
    p.add_argument("--name", help="文件中找不到项目名称时使用的名称")
    p.add_argument("--evaluation", choices=("部门评价", "财政评价", "第三方评价"),
                   help="绩效评价报告的评价类型（报告中没有写明由谁评价时，加上它才按评价报告导入）")
    p.add_argument("--evaluator", help="绩效评价报告中找不到评价机构全称时使用的评价机构")
    p.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="结果的格式：text（默认，逐个文件的说明）、json（一份 JSON 文档，供其他程序读取）"
                        "或 github（GitHub Actions 的注解）")


def cmd_import(args: argparse.Namespace) -> int:
    from perfsite.importing.assemble import Hints
    from perfsite.importing.pipeline import Options, expand, import_batch
    from perfsite.site.commands import exit_on_terminate

    out = data_out(args.out, "import")
    if out is None:
        return EXIT_USAGE
    if out.exists() and not out.is_dir():
        print(f"perfsite import: 用法错误：--out {out} 不是目录", file=sys.stderr)
        return EXIT_USAGE
    if args.year and not (args.year.isdigit() and len(args.year) == 4):
        print(f"perfsite import: 用法错误：--year 应是四位数年度，而不是「{args.year}」", file=sys.stderr)
        return EXIT_USAGE
    if not args.folder or "/" in args.folder or args.folder.startswith("."):
        print("perfsite import: 用法错误：--folder 只能是一个文件夹名", file=sys.stderr)
        return EXIT_USAGE
    if (split := split_path(args.files)) is not None:
        print(f"perfsite import: 用法错误：「{one_line(split[0])}」被空格分成了「{'」「'.join(map(one_line, split[1]))}」几段"
              f"（命令中空格隔开的是不同的文件）：路径中有空格时，请用英文双引号把它括起来，如 perfsite import \"{one_line(split[0])}\"",
              file=sys.stderr)
        return EXIT_USAGE
    site_path = out / SITE_FILE
    site, _ = load_site(site_path, str(site_path))
    options = Options(out, args.force, args.folder, Hints(args.name, args.year, args.evaluation, args.evaluator))
    planned: set[Path] = set()
    passed_over: list[str] = []
    files, missing = expand(args.files, passed_over)
    if missing:
        print("perfsite import: " + one_line("；".join(missing)), file=sys.stderr)
        if not files:
            return EXIT_FAILED
    started, since = time.perf_counter(), time.time()
    bar = terminal_bar(sys.stderr, "个文件")
    try:
        with exit_on_terminate():  # SIGTERM (a cancelled CI job, `timeout`) ends it as Ctrl-C does: folders removed, workers ended
            reports = import_batch(files, options, site, planned, progress=bar)  # finance-system exports too
    except KeyboardInterrupt:
        if bar is not None:
            bar.clear()
        for line in interrupted(planned, since):
            print(line, file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:  # also after Ctrl-C: its message starts a clean line
        if bar is not None:
            bar.clear()
    _print_results(reports, args.format, time.perf_counter() - started, passed_over, args.files)
    if args.format == "text" and any(r.written for r in reports):
        print(next_step(reports, out))
    return EXIT_OK if all(r.ok for r in reports) and not missing else EXIT_FAILED


def next_step(reports: list[FileReport], out: Path) -> str:
    """The closing line after files were written. Check reads the whole data folder and checks files
    against each other (a 评价报告 with no 自评表 of its programme is a 提示 there, not here), so its
    counts differ from the summary's: said, or the clerk takes the two for a contradiction. And check
    never sees a file that failed: a clerk whose check passed took four failed forms of eight as done."""
    from perfsite.importing.pipeline import Status

    line = (f"下一步：perfsite check {out}：检查数据目录中的全部文件（不只是这次写出的），并核对文件之间是否对应"
            "（如评价报告有没有同一项目的自评表），所以条数可能与上面不同")
    if failed := sum(r.status is Status.FAILED for r in reports):
        line += f"；失败的 {failed} 个文件没有写出，check 不会提到它们：请按上面「需要处理的文件」处理后再导入"
    return line


SPLIT_MOST = 8
"""Pieces of one path `split_path` joins: a folder name of a few words split at its spaces."""


def split_path(arguments: list[str]) -> tuple[str, list[str]] | None:
    """(the path, its pieces) when the shell split a path at its spaces (typed without quotes, as a
    clerk copies 「收件 2023（定稿）」 from the file manager): consecutive arguments, some no file or
    folder, that joined by spaces name one. Imported, each piece would fail as 「无法读取文件：文件不存在」."""
    for first in range(len(arguments)):
        for last in range(first + 1, min(first + SPLIT_MOST, len(arguments))):
            pieces = arguments[first:last + 1]
            if not all(os.path.lexists(piece) for piece in pieces) and os.path.lexists(" ".join(pieces)):
                return " ".join(pieces), pieces
    return None


def interrupted(planned: set[Path], since: float) -> list[str]:
    """What an import stopped by Ctrl-C says it left: programmes are written a few at a time, each file
    renamed into place whole, so a folder of 200 may stop with some written; those are the files this
    run reserved (`planned`) and wrote (modified since it started, `since`; a second of slack for the
    file system's coarse clock). Running it again imports the rest: the ones written are found the same."""
    written = sorted(path for path in planned if _modified_since(path, since - 1))
    if not written:
        return ["perfsite import: 已中断（Ctrl-C），没有写出任何文件，数据目录与导入前相同：需要时再运行一次同一命令"]
    return [f"perfsite import: 已中断（Ctrl-C）：已写出 {len(written)} 个数据文件（每个都是完整的），"
            "其余的没有写出，未写完的临时文件已删除：",
            *(f"  {line}" for line in listed([str(path) for path in written], "个文件")),
            "再运行一次同一命令即可导入其余的文件（已写出的会说「已导入过，跳过」，不会重复写出）"]


def _modified_since(path: Path, since: float) -> bool:
    try:
        return path.stat().st_mtime >= since
    except OSError:
        return False


def _print_results(reports: list[FileReport], form: str, seconds: float, passed_over: list[str],
                   given: list[str]) -> None:
    left = not_imported(given, len(passed_over)) if passed_over else ""
    if form == "json":
        print(json.dumps(as_json(reports, seconds, passed_over), ensure_ascii=False, indent=2))
        return
    if form == "github":
        for line in github_report_lines(reports):
            print(line)
        for item in passed_over:
            print(f"::notice title=未导入::{escape_data(item)}")
    else:
        for report in reports:
            print_report(report)
        if passed_over:
            print(f"提示：{left}：")
            for line in listed(passed_over, "个文件"):
                print(f"  {line}")
        for line in attention(reports):
            print(line)
    print(summary_line(reports, seconds, left))


def not_imported(given: list[str], count: int) -> str:
    """How the files passed over are counted, by where they came from: 「文件夹中另有」 only when
    every path given was a folder. Files named one by one (`perfsite import 收件/*` names Office's
    lock file too) were no folder's, and said so the clerk looked for a folder they never gave."""
    folders = [Path(path).is_dir() for path in given]
    if all(folders):
        return f"文件夹中另有 {count} 个文件未导入"
    return f"所列的文件中有 {count} 个未导入" if not any(folders) else f"另有 {count} 个文件未导入"


def attention(reports: list[FileReport]) -> list[str]:
    """The closing list of a run of several files: each that failed, or was written (or found already
    imported) with errors, and why in a few words. A folder of 200 forms prints 200 sections; the
    eight a clerk must act on are scattered among them, and the summary line only counts them."""
    from perfsite.importing.pipeline import Status

    items = []
    for report in reports:
        errors = sum(p.severity is Severity.ERROR for p in report.problems)
        if report.status is Status.FAILED:
            items.append(f"{report.source}：失败，{brief(report.failure)}")
        elif report.status is Status.NEEDS_CHANGES:
            items.append(f"{report.source}：已写出，有 {errors} 个错误，perfsite check 不会通过")
        elif report.skipped and errors:
            items.append(f"{report.source}：已导入过，已有的文件有 {errors} 个错误，perfsite check 不会通过")
    if len(reports) < 2 or not items:
        return []
    return [f"需要处理的文件（{len(items)} 个；原因的全文和怎么办见上面各文件的说明）：",
            *(f"  {line}" for line in listed(items, "个文件"))]


BRIEF = 80
"""Characters of a failure the closing list gives when its first clause is longer."""
_OPEN, _CLOSE = "（(「『【“", "）)」』】”"


def brief(text: str) -> str:
    """A failure's first clause: up to its first 「：」 outside brackets and quotes (「文件已损坏，或并不是
    真正的 Excel 文件（扩展名是 .xlsx，内容却不是）」 of 「…：请重新从原件导出或索取原文件」), at most `BRIEF`
    characters. A longer clause loses its bracketed asides first: 「这是项目汇总表（工作表「汇总」第 3 行是
    表头，每行一个项目：…项目名…），没有绩效指标，不能生成项目页」 cut at 80 characters ended inside the
    list of names, before saying why the file failed."""
    depth = 0
    for at, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char == "：" and depth == 0:
            text = text[:at]
            break
    if len(text) > BRIEF:
        text = _without_asides(text)
    return text if len(text) <= BRIEF else text[:BRIEF] + "…"


def _without_asides(text: str) -> str:
    """`text` without its outermost 「（…）」 groups (brackets inside them included)."""
    depth, kept = 0, []
    for char in text:
        if char == "（" or (char in _OPEN and depth > 0):
            depth += 1
        if depth == 0:
            kept.append(char)
        if char in _CLOSE and depth > 0:
            depth -= 1
    return "".join(kept)


def github_report_lines(reports: list[FileReport]) -> list[str]:
    """GitHub Actions annotations: each file that failed (on the source file), then the problems
    of each file written (on the written file, as `perfsite check --format github`)."""
    lines = []
    for report in reports:
        if report.skipped:
            lines.append(f"::notice file={escape_property(str(report.source))},title=已导入过::"
                         + escape_data(one_line(report.failure)))
        elif report.failure:
            lines.append(f"::error file={escape_property(str(report.source))},title=导入失败::"
                         + escape_data(one_line(report.failure)))
        lines += github_lines(report.problems)
    return lines


def counts(reports: list[FileReport]) -> dict[str, int]:
    """How many files ended in each status, plus the total: the summary of text and JSON alike."""
    from perfsite.importing.pipeline import Status

    out = {"files": len(reports)} | {status.value: 0 for status in Status}
    for report in reports:
        out[report.status.value] += 1
    return out


def summary_line(reports: list[FileReport], seconds: float | None = None, passed_over: str = "") -> str:
    """The closing line; `passed_over` is `not_imported`'s count of the files not imported, "" for none."""
    from perfsite.importing.pipeline import Status

    n = counts(reports)
    line = (f"共 {n['files']} 个文件：导入 {n[Status.IMPORTED]} 个，需修改 {n[Status.NEEDS_CHANGES]} 个，"
            f"失败 {n[Status.FAILED]} 个")
    if n[Status.MERGED]:
        line += f"；另有 {n[Status.MERGED]} 个与本次导入的另一个文件是同一项目，已合并（见该文件的说明）"
    if n[Status.SKIPPED]:
        line += f"；另有 {n[Status.SKIPPED]} 个已导入过，跳过"
    if passed_over:
        line += f"；{passed_over}（见上面的提示）"
    if seconds is None:
        return line + "。"
    if not any(r.written or r.skipped for r in reports):  # 「写出的文件中错误 0，不一致 0…」 of no file read as all clear
        return line + f"。没有写出任何文件；{took(seconds)}。"
    found = tally([p for r in reports for p in r.problems])
    where = "写出的和已导入过的文件中" if any(r.skipped and r.problems for r in reports) else "写出的文件中"
    return line + f"。{where}{counts_text(found)}；{took(seconds)}。"


def as_json(reports: list[FileReport], seconds: float | None = None,
            passed_over: list[str] | None = None) -> dict[str, object]:
    """The result of a run as one JSON document (keys documented in docs/import.md)."""
    found = tally([p for r in reports for p in r.problems])
    return {"ok": all(r.ok for r in reports), "files": [_file_json(r) for r in reports],
            "passed_over": passed_over or [],
            "summary": counts(reports) | found | {"seconds": seconds_json(seconds)}}


def _file_json(report: FileReport) -> dict[str, object]:
    """Every problem is listed, as `perfsite check --format json` lists them and the summary counts
    them; those the text folds into 「另有 N 项…是缺少权重的结果」 carry ``folded: true``, so a program
    shows what a clerk reads without dropping what check will say."""
    folded = {id(p) for p in _folds(report)[1]}
    return {
        "source": str(report.source),
        "status": report.status.value,
        "id": report.id if report.written else None,
        "written": [str(p) for p in report.written],
        "same_as": str(report.same_as) if report.same_as else None,
        "found": report.found,
        "notes": report.notes,
        "unplaced": report.unplaced,
        "total": report.total or None,
        "failure": report.failure if report.failure and not report.skipped else None,
        "skipped": report.failure if report.skipped else None,
        "problems": [p.as_dict() | {"folded": id(p) in folded} for p in report.problems],
    }


def print_report(report: FileReport) -> None:
    """A file's result, each name and form text on its own one line (`one_line`)."""
    print(f"== {one_line(str(report.source))} ==")
    if report.skipped:
        print(f"  {one_line(report.failure)}")
        _print_problems(report)
        return
    if report.failure and not report.found:
        # A Word report without its 自评表 lists its tables' cells: the clerk sees what was read, not only JSON does.
        print(f"  失败：{one_line(report.failure)}")
        _print_read(report)
        print("  未写出任何文件。")
        return
    for line in report.found:
        print(f"  {one_line(line)}")
    if report.total:
        print(f"  计算总分：{report.total}")
    _print_read(report)
    errors = _print_problems(report)
    if report.failure:
        print(f"  失败：{one_line(report.failure)}")
        print("  未写出任何文件。")
        return
    for path in report.written:
        print(f"  已写出：{one_line(str(path))}")
    if errors:
        print(f"  该文件有 {len(errors)} 个错误，perfsite check 不会通过：请按上面的提示修改后再提交。")


def _print_read(report: FileReport) -> None:
    """The file's notes and its 「未能归位的内容」, as `_file_json` lists them."""
    for note in report.notes:
        print(f"  注意：{one_line(note)}")
    if report.unplaced:
        print(f"  未能归位的内容（{len(report.unplaced)} 处，未写入，请核对是否需要）：")
        for line in listed(report.unplaced, "处"):
            print(f"    {line}")


TEXT_LISTED = 50
"""Items of one list the text output names one by one. A workbook of 3,000 sheets with a word on each
listed 3,000 「未能归位」 cells, and a unit's folder of 5,000 photos as many lines, above the file's errors
and what was written; `--format json` keeps every item."""


def listed(items: list[str], unit: str) -> list[str]:
    """The lines of a list in the text output: each item, or the first `TEXT_LISTED` and how many more."""
    lines = [f"- {one_line(item)}" for item in items[:TEXT_LISTED]]
    if len(items) > TEXT_LISTED:
        lines.append(f"……另有 {len(items) - TEXT_LISTED} {unit}未逐一列出（加 --format json 可列出全部）")
    return lines


def _print_problems(report: FileReport) -> list[Problem]:
    """Print the problems of the file written (or of the unchanged file a re-import skipped, whose
    errors still stop perfsite check); return the errors."""
    errors = [p for p in report.problems if p.severity is Severity.ERROR]
    shown, folded = _folds(report)
    if any(p.line for p in shown) and (pointer := _lines_of(report)):
        print(f"  {pointer}")
    for problem, where in _said_once([p for p in shown if p.severity is not Severity.ERROR]):
        print(f"  {SEVERITY_LABEL[problem.severity]}：{where}{one_line(problem.message)}")
    for where, message in _runs([p for p in shown if p.severity is Severity.ERROR]):
        print(f"  错误：{where}{one_line(message)}")
    unfilled = [p for p in folded if _unscored(p)]
    if unfilled:
        print(f"  另有 {len(unfilled)} 项「无法自动评分」是没有完成值的结果，未逐条列出：索取填好的自评表后重新导入")
    if folded := [p for p in folded if not _unscored(p)]:
        print(f"  另有 {len(folded)} 项（{'、'.join(dict.fromkeys(_FOLDED[_folded_kind(p)] for p in folded))}）"
              "是缺少权重的结果，未逐条列出：补上权重后用 perfsite check 再看")
    if report.skipped and errors:
        print(f"  已有的文件有 {len(errors)} 个错误，perfsite check 不会通过：请按上面的提示修改后再提交。")
    return errors


def _lines_of(report: FileReport) -> str:
    """Which file the 「第 N 行」 of the problems count in: the data file written (or the one already
    imported), not the form handed in. Printed under the form's own heading and before 「已写出」, 「第 41 行
    indicators[2].actual」 of a one-page .docx sent the clerk looking for a 41st row in the Word table."""
    yaml = next((path for path in report.written if path.suffix == ".yaml"), None)
    if yaml is not None:
        return f"下面的「第 N 行」是写出的数据文件 {one_line(str(yaml))} 中的行号，不是原表的行："
    if report.skipped:
        return "下面的「第 N 行」是上面所说已有的数据文件中的行号，不是原表的行："
    return ""


def _where(problem) -> str:  # type: ignore[no-untyped-def]
    if not problem.line:
        return ""
    return f"第 {problem.line} 行 {problem.key}：" if problem.key else f"第 {problem.line} 行："


_ITEM = re.compile(r"^(\w+)\[(\d+)\](.*)$")
_NO_WEIGHT = "缺少权重"
_FOLDED = {"score": "各指标计算得分", "sum": "各指标权重之和", "total": "计算总分"}


def _folded_kind(problem: Problem) -> str | None:
    """What a problem checks that a missing weight alone decides: an indicator's computed score, the
    weights' sum, the computed total; None for anything else. A level's stated points against its
    weights stay shown: they tell the clerk how many points are missing where."""
    if problem.key == "indicators" and "权重之和" in problem.message:
        return "sum"
    if problem.key == "reported.score" and "计算" in problem.message:
        return "total"
    item = _ITEM.match(problem.key or "")
    return "score" if item and item[3] == ".score" else None


def _unscored(problem: Problem) -> bool:
    """An indicator that cannot be scored because it has no actual (「实际值「未填」」)."""
    return (problem.severity is Severity.ERROR and (problem.key or "").endswith(".rule")
            and "实际值「未填」" in problem.message)


def _folds(report: FileReport) -> tuple[list[Problem], list[Problem]]:
    """(shown, folded) of a report's problems: `_unweighted`'s, and on a form the unit never
    filled in (assemble.UNFILLED) each 「无法自动评分…实际值「未填」」: its note already says what
    to do (ask for the completed form), and advice to write a rule per indicator would mislead."""
    from perfsite.importing.assemble import UNFILLED

    shown, folded = _unweighted(report.problems)
    if any(note.startswith(UNFILLED) for note in report.notes):
        folded += [p for p in shown if _unscored(p)]
        shown = [p for p in shown if not _unscored(p)]
    return shown, folded


def _unweighted(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(shown, folded): where indicators lack a weight (a form with no 分值 column), their computed
    scores, the weights' sum and the computed total all differ for that one reason; a dozen lines
    saying so would bury the errors that differ. The 缺少权重 lines themselves stay."""
    missing = {item[2] for p in problems if p.message.startswith(_NO_WEIGHT) and (item := _ITEM.match(p.key or ""))}
    if not missing:
        return problems, []
    shown, folded = [], []
    for problem in problems:
        kind = _folded_kind(problem)
        item = _ITEM.match(problem.key or "")
        if kind == "score" and not (item and item[2] in missing):
            kind = None
        (folded if kind else shown).append(problem)
    return shown, folded


def _said_once(problems: list[Problem]) -> list[tuple[Problem, str]]:
    """(problem, where) per line printed: a hint or difference said of three or more items of a list,
    consecutive or not, once, where it is first said, naming how many and where. A 评分表 with no
    目标值/实际值 columns (海南's 项目决策/管理/绩效 form, tests/forms_trial2/t01) gives each of its 15
    indicators 「目标值和实际值均未给出，得分无法核验」: one fact of the form, not fifteen."""
    same: dict[tuple[str, str, str, str], list[tuple[Problem, re.Match[str]]]] = {}
    for problem in problems:
        item = _ITEM.match(problem.key or "") if problem.line else None
        if item is not None:
            same.setdefault((problem.severity.value, problem.message, item[1], item[3]), []).append((problem, item))
    out: list[tuple[Problem, str]] = []
    for problem in problems:
        item = _ITEM.match(problem.key or "") if problem.line else None
        group = same.get((problem.severity.value, problem.message, item[1], item[3])) if item else None
        if group is None or len(group) < 3:
            out.append((problem, _where(problem)))
        elif group[0][0] is problem:
            indexes = _ranges([int(m[2]) for _, m in group])
            out.append((problem, f"{len(group)} 项 {item[1]}{indexes}{item[3]}（第 {group[0][0].line}–{group[-1][0].line} 行）："))
    return out


def _ranges(numbers: list[int]) -> str:
    """[1]～[5]、[7]～[15] for 1 … 5, 7 … 15."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "、".join(f"[{a}]" if a == b else f"[{a}]～[{b}]" for a, b in spans)


def _runs(problems: list[Problem]) -> list[tuple[str, str]]:
    """(where, message) per line printed: the same message on three or more consecutive items of
    a list, one line. A form without a 分值 column gives every indicator 「缺少权重」, and nine
    equal lines hide the one error that differs."""
    out: list[tuple[str, str]] = []
    run: list[tuple[Problem, re.Match[str]]] = []

    def flush() -> None:
        if len(run) < 3:
            out.extend((_where(problem), problem.message) for problem, _ in run)
        else:
            (first, head), (last, tail) = run[0], run[-1]
            out.append((f"第 {first.line}–{last.line} 行 {head[1]}[{head[2]}]～[{tail[2]}]{head[3]}（{len(run)} 项）：",
                        first.message))
        run.clear()

    for problem in problems:
        item = _ITEM.match(problem.key or "") if problem.line else None
        if run and item is not None:
            before, seen = run[-1]
            if (problem.message == before.message and (item[1], item[3]) == (seen[1], seen[3])
                    and int(item[2]) == int(seen[2]) + 1):
                run.append((problem, item))
                continue
        flush()
        if item is not None:
            run.append((problem, item))
        else:
            out.append((_where(problem), problem.message))
    flush()
    return out


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
    p.add_argument("--id", help="网址编号（小写字母、数字和连字符），也是文件名；不写时由 --name 的拼音生成"
                                "（如 小升规企业奖励资金 → xiaoshenggui-qiye-jiangli-zijin），也没有 --name 时为 new-programme")
    p.add_argument("--out", help=DATA_HELP)
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def cmd_new(args: argparse.Namespace) -> int:
    from perfsite.importing.skeleton import new_skeleton

    out = data_out(args.out, "new")
    if out is None:
        return EXIT_USAGE
    return new_skeleton(argparse.Namespace(**{**vars(args), "out": str(out)}))


def data_out(given: str | None, command: str) -> Path | None:
    """--out, else the data folder the site's build reads (site_data_folder); None, said on stderr,
    when mkdocs.yml or $PERFSITE_DATA names a folder that is not there: writing would start a
    second data folder the build never reads."""
    if given is not None:
        return Path(given)
    folder = site_data_folder()
    if folder.named_by and not folder.path.is_dir():
        print(f"perfsite {command}: {missing_data(folder)}：请改正它，或用 --out 指定数据目录", file=sys.stderr)
        return None
    return folder.path


COMMANDS = [
    ("import", "导入自评报告和自评表、绩效目标表、部门整体表、绩效评价报告和整改情况表（Word、Excel、PDF、CSV），生成数据文件", _import_args, cmd_import),
    ("template", "生成供填写的 Excel 自评表模板（填好后可直接导入）", _template_args, cmd_template),
    ("new", "生成带中文注释的项目 YAML 空白文件", _new_args, cmd_new),
]
