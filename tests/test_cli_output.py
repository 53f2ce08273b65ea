"""What `perfsite check`, `import` and `build` print for a person at a terminal and for a CI log.

A bar on a terminal (a real pseudo-terminal) and nothing of it in a pipe; one summary line with
the counts and the seconds; problems beyond a few of a kind summarised, all with --verbose;
GitHub annotations escaped as GitHub's toolkit does; one JSON summary shape for check and
import; argparse in Chinese; a closed pipe ends quietly; `perfsite build` keeps Material's
banner, MkDocs' routine lines and its English "Aborted …" out of the log.
"""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest_site import DATA, REPO, data_files, department_documents, linked_project, self_evaluations
from test_import_builders import seed002_docx

from perfsite.argparse_zh import translate
from perfsite.cli import build_parser, main
from perfsite.problems import Problem, Severity
from perfsite.progress import Bar, read_report, read_tally, reporter, tally_line, terminal_bar
from perfsite.report import digest, escape_data, escape_property, github_lines
from perfsite.site import commands
from perfsite.site.publish import read_manifest

SUMMARY_KEYS = {"files", "errors", "discrepancies", "warnings", "notes", "seconds"}
TOOK = r"用时 \d+\.\d 秒"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PERFSITE_LOG", str(tmp_path / "error.log"))


def child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PERFSITE_CACHE": str(tmp_path / "cache"),
           "PERFSITE_LOG": str(tmp_path / "error.log"), "XDG_CACHE_HOME": str(tmp_path / "xdg"), **extra}
    for name in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING", "PERFSITE_PROGRESS", "PERFSITE_VERBOSE"):
        env.pop(name, None)  # what perfsite itself must set, not the test
    return env


def discrepancies(root: Path, core_write, core_programme, n: int) -> Path:  # type: ignore[no-untyped-def]
    """`n` programme files, each with one discrepancy (indicator 1 published 58, computed 54.00)."""
    for i in range(n):
        data = core_programme(name=f"项目{i:02d}")
        data["indicators"][0].update(actual="9个", score=58, remark="说明")
        core_write(root / "2021" / "x" / f"p{i:02d}.yaml", data)
    return root


# --------------------------------------------------------------------------- progress


def run_with_terminal(args: list[str], env: dict[str, str], cwd: Path, stdout: Path) -> tuple[int, str]:
    """Run perfsite with stderr on a pseudo-terminal (stdout to a file); (exit code, what the terminal got)."""
    master, slave = pty.openpty()
    with stdout.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "perfsite", *args], stdout=out, stderr=slave,
                                   stdin=subprocess.DEVNULL, env=env, cwd=cwd)
    os.close(slave)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child is gone and the terminal closed
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    return process.wait(timeout=600), screen.decode("utf-8", "replace")


def test_check_draws_a_bar_on_a_terminal_and_nothing_into_a_pipe(tmp_path: Path, core_data_tree: Path) -> None:
    env = child_env(tmp_path)
    code, screen = run_with_terminal(["check", str(core_data_tree)], env, tmp_path, tmp_path / "out.txt")
    assert code == 0
    assert "\r检查 [########################] 3/3 个文件 100%\x1b[K" in screen
    assert screen.endswith("\r\x1b[K")  # erased before the report is printed
    assert "检查了 3 个项目文件" in (tmp_path / "out.txt").read_text(encoding="utf-8")
    piped = subprocess.run([sys.executable, "-m", "perfsite", "check", str(core_data_tree)], env=env,
                           capture_output=True, text=True, timeout=600, check=False)
    assert piped.returncode == 0 and piped.stderr == ""
    assert "\r" not in piped.stdout and "\x1b" not in piped.stdout


def test_a_bar_redraws_at_most_ten_times_a_second_but_always_its_last_step() -> None:
    now = [0.0]
    screen = io.StringIO()
    bar = Bar(screen, "个项目", clock=lambda: now[0])
    for done in range(1, 10001):
        now[0] += 0.0001  # 10,000 steps in one second
        bar("生成项目页", done, 10000)
    frames = screen.getvalue().split("\r")[1:]
    assert 9 <= len(frames) <= 12
    assert frames[-1] == "生成项目页 [########################] 10000/10000 个项目 100%\x1b[K"
    bar.clear()
    assert screen.getvalue().endswith("\r\x1b[K")
    assert terminal_bar(io.StringIO()) is None


def test_the_hook_s_reports_are_lines_the_build_reads_back() -> None:
    stream = io.StringIO()
    report = reporter(stream, clock=lambda: 0.0)
    report("读取\t数据", 1, 3)
    report("读取\t数据", 2, 3)  # within the same tenth of a second: not sent
    report("读取\t数据", 3, 3)  # the last step always is
    lines = stream.getvalue().splitlines(keepends=True)
    assert [read_report(line) for line in lines] == [("读取 数据", 1, 3), ("读取 数据", 3, 3)]
    assert read_report("INFO    -  perfsite-progress\t1\t2\n") is None
    assert read_tally(tally_line({"errors": 0, "discrepancies": 7}, 12)) == {"programmes": 12, "errors": 0,
                                                                             "discrepancies": 7}


# --------------------------------------------------------------------------- summaries


def test_check_ends_with_one_summary_line_with_the_seconds(capsys: pytest.CaptureFixture[str],
                                                           core_data_tree: Path) -> None:
    assert main(["check", str(core_data_tree)]) == 0
    last = capsys.readouterr().out.rstrip("\n").splitlines()[-1]
    assert re.fullmatch(rf"检查了 3 个项目文件：通过（错误 0，不一致 0，提示 0，舍入 0），{TOOK}", last), last


def test_many_discrepancies_are_counted_by_kind_and_all_listed_with_verbose(
        capsys: pytest.CaptureFixture[str], core_data_tree: Path, core_write, core_programme) -> None:  # type: ignore[no-untyped-def]
    discrepancies(core_data_tree, core_write, core_programme, 12)
    assert main(["check", str(core_data_tree)]) == 0
    out = capsys.readouterr().out
    assert "== 不一致（12）==" in out
    assert "其中 1 类（涉及 12 个文件），每类的条数和第一处：" in out
    assert "\n  绩效指标 · 得分 12 条，第一处 " in out and "前 5 条：" in out
    assert out.count("不一致：指标「完成数量」得分") == 1 + 5  # the kind's first place, then the first 5
    assert "…… 另有 7 条未列出：加 --verbose 列出全部" in out
    assert main(["check", str(core_data_tree), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert out.count("不一致：指标「完成数量」得分") == 12 and "另有" not in out


def test_errors_are_always_all_listed() -> None:
    errors = [Problem(Severity.ERROR, f"错误{i}", file=f"data/2021/x/p{i}.yaml", line=3, key="year")
              for i in range(30)]
    lines = digest(errors)
    assert lines[0] == "== 错误（30）==" and len(lines) == 31
    few = digest([Problem(Severity.WARNING, "提示", file="a.yaml")] * 10)
    assert len(few) == 11 and not any("另有" in line for line in few)


def test_import_ends_with_its_summary_line_with_counts_and_seconds(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = seed002_docx(tmp_path / "a.docx")
    assert main(["import", str(source), "--out", str(tmp_path / "out")]) == 0
    lines = capsys.readouterr().out.splitlines()
    summary = next(line for line in lines if line.startswith("共 1 个文件"))
    assert re.fullmatch(rf"共 1 个文件：导入 1 个，需修改 0 个，失败 0 个。写出的文件中错误 0，不一致 \d+，"
                        rf"提示 \d+，舍入 \d+；{TOOK}。", summary), summary


# --------------------------------------------------------------------------- GitHub annotations


def test_github_escapes_as_the_actions_toolkit_does() -> None:
    assert escape_data("100% 完成\r\n下一行: a,b") == "100%25 完成%0D%0A下一行: a,b"
    assert escape_property("data/a,b:c%.yaml\n") == "data/a%2Cb%3Ac%25.yaml%0A"
    odd = Problem(Severity.DISCREPANCY, "完成率 100%\n与公布不符", file="data/2021/a,b:c.yaml", line=7,
                  key="indicators[1].score", field="指标「完成率: 甲,乙」得分", published="9.5", computed="10.00")
    [line] = github_lines([odd])
    assert line == ("::warning file=data/2021/a%2Cb%3Ac.yaml,line=7,title=不一致：指标「完成率%3A 甲%2C乙」得分"
                    "::不一致：完成率 100%25%0A与公布不符（公布 9.5，计算 10.00）")


def test_github_annotations_give_each_problem_a_severity_file_and_line() -> None:
    problems = [Problem(Severity.ERROR, "年度错误", file="d/a.yaml", line=5, key="year"),
                Problem(Severity.WARNING, "主管部门未载明", file="d/b.yaml", line=8, key="department"),
                Problem(Severity.NOTE, "舍入", file="d/c.yaml", line=9, key="reported.score"),
                Problem(Severity.ERROR, "没有行号", file="d/site.yaml")]
    lines = github_lines(problems)
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::notice", "::error"]
    assert lines[0].startswith("::error file=d/a.yaml,line=5,title=错误：year::")
    assert lines[2].startswith("::error file=d/site.yaml,title=错误：d/site.yaml::")
    assert len(github_lines(problems, verbose=True)) == 4  # rounding differences only with --verbose


def test_check_format_github_prints_annotations_then_the_summary(
        capsys: pytest.CaptureFixture[str], core_data_tree: Path, core_write, core_programme) -> None:  # type: ignore[no-untyped-def]
    discrepancies(core_data_tree, core_write, core_programme, 2)
    assert main(["check", str(core_data_tree), "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("::warning file=") for line in lines) == 2
    assert re.fullmatch(rf"检查了 5 个项目文件：通过（错误 0，不一致 2，提示 \d+，舍入 0），{TOOK}", lines[-1])


# --------------------------------------------------------------------------- JSON


def test_check_and_import_json_share_one_summary_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       core_data_tree: Path) -> None:
    assert main(["check", str(core_data_tree), "--format", "json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    source = seed002_docx(tmp_path / "a.docx")
    assert main(["import", str(source), "--out", str(tmp_path / "out"), "--format", "json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    for doc in (checked, imported):
        assert doc["ok"] is True
        assert set(doc["summary"]) >= SUMMARY_KEYS
        assert isinstance(doc["summary"]["seconds"], float)
    assert checked["summary"]["files"] == 3 and checked["summary"]["programmes"] == 3
    assert checked["summary"]["errors"] == checked["counts"]["error"] == 0
    assert imported["summary"]["files"] == 1 and imported["summary"]["imported"] == 1
    problems = imported["files"][0]["problems"]
    assert imported["summary"]["warnings"] == sum(p["severity"] == "warning" for p in problems)


# --------------------------------------------------------------------------- argparse in Chinese


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    assert info.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize(("argv", "said"), [
    (["nosuch"], "没有 nosuch 这个命令。可用的命令：check、score、import、"),
    (["imprt"], "没有 imprt 这个命令，是不是要用 import？可用的命令：check、score、import、"),
    (["check", "--format", "xml"], "参数 --format：「xml」不是可选的值，可选：text、json、github"),
    (["import"], "缺少必须给出的参数：文件"),
    (["build", "--wait", "soon"], "参数 --wait：「soon」不是有效的数字"),
    (["build", "--wait"], "参数 --wait：后面需要给出一个值"),
    (["check", "a", "b"], "无法识别的参数：b"),
])
def test_usage_errors_are_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str], said: str) -> None:
    err = usage_error(capsys, *argv)
    assert err.startswith("用法：perfsite")
    assert "用法错误：" + said in err
    assert not re.search(r"usage:|error:|invalid choice|required|expected|unrecognized", err), err


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["-h"], ["check", "--help"], ["build", "-h"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("用法：perfsite") and "显示本帮助并退出" in out and "选项" in out
        assert not re.search(r"usage:|show this help|options:|positional arguments", out), out
    assert "显示版本号并退出" in build_parser().format_help()


def test_an_argparse_message_not_in_the_table_keeps_its_text() -> None:
    assert translate("argument --x: something new") == "参数 --x：something new"
    assert translate("a message from a later Python") == "a message from a later Python"
    assert translate("expected 2 arguments") == "后面需要给出 2 个值"


# --------------------------------------------------------------------------- a closed pipe


@pytest.mark.parametrize("argv", [["check", "{tree}"], ["check", "{tree}", "--format", "json"],
                                  ["check", "{tree}", "--format", "github"], ["--help"]])
def test_a_closed_pipe_ends_without_a_traceback(tmp_path: Path, core_data_tree: Path, argv: list[str]) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before perfsite writes: `perfsite check data | head -0`
    try:
        result = subprocess.run([sys.executable, "-m", "perfsite", *(a.format(tree=core_data_tree) for a in argv)],
                                stdout=writer, stderr=subprocess.PIPE, text=True, env=child_env(tmp_path),
                                timeout=600, check=False)
    finally:
        os.close(writer)
    assert result.stderr == ""
    assert result.returncode in (0, 141)


def test_head_reads_one_line_and_the_rest_is_dropped_quietly(tmp_path: Path, core_data_tree: Path,
                                                              core_write, core_programme) -> None:  # type: ignore[no-untyped-def]
    discrepancies(core_data_tree, core_write, core_programme, 600)  # ~200 kB of JSON: more than a pipe holds
    command = f"{sys.executable} -m perfsite check {core_data_tree} --format json | head -1"
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=child_env(tmp_path),
                            timeout=600, check=False)
    assert result.stdout == "{\n"
    assert result.stderr == ""


# --------------------------------------------------------------------------- perfsite build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return linked_project(tmp_path / "project")


def build(project: Path, tmp_path: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = child_env(tmp_path, PERFSITE_DATA=str(data), PERFSITE_SEARCH="0", SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([sys.executable, "-m", "perfsite", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def test_a_build_log_has_no_banner_no_routine_lines_and_one_summary_line(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path, DATA)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    for noise in ("Material for MkDocs", "Zensical", "NO_MKDOCS_2_WARNING", "ProperDocs", "Cleaning site directory",
                  "Building documentation", "Documentation built in", "perfsite-progress", "perfsite-tally", "\r"):
        assert noise not in log, noise
    programmes = len(self_evaluations(DATA))
    last = result.stderr.rstrip("\n").splitlines()[-1]
    published = read_manifest(project / "site").published_text()  # type: ignore[union-attr]
    assert published.startswith(f"{programmes} 个项目、") and "个项目支出绩效目标表" in published  # every kind counted
    assert re.fullmatch(rf"已发布 {published}到 site/（错误 0，不一致 \d+，提示 \d+，舍入 \d+），{TOOK}", last), last
    verbose = build(project, tmp_path, DATA, "--verbose")
    assert verbose.returncode == 0 and "Documentation built in" in verbose.stderr


def test_a_build_on_a_terminal_shows_the_files_read_and_the_pages_written(project: Path, tmp_path: Path) -> None:
    env = child_env(tmp_path, PERFSITE_DATA=str(DATA), PERFSITE_SEARCH="0", SOURCE_DATE_EPOCH="1700000000")
    code, screen = run_with_terminal(["build"], env, project, tmp_path / "out.txt")
    assert code == 0, screen
    files, n = len(data_files(DATA)), len(self_evaluations(DATA))  # every file is read and gets a page
    pages = files - len(department_documents(DATA))  # but a department's (its page comes with the listings)
    assert files > pages > n  # a 绩效目标表 is a file and a page, not a 项目
    assert f"\r读取数据 [########################] {files}/{files} 个文件 100%" in screen
    assert f"\r生成项目页 [########################] {pages}/{pages} 个页面 100%" in screen
    assert "perfsite-progress" not in screen and "perfsite-tally" not in screen
    assert re.search(rf"\r\x1b\[K已发布 {n} 个项目、[^\n]+到 site/（错误 0，[^\n]*{TOOK}\r?\n$", screen), screen[-300:]


def test_a_refused_build_says_why_in_one_chinese_line(project: Path, tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(DATA, broken)
    victim = sorted(p for p in broken.rglob("*.yaml") if p.name != "site.yaml")[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(re.sub(r"(?m)^year:.*$", "year: abc", text, count=1), encoding="utf-8")
    result = build(project, tmp_path, broken)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Aborted" not in log and "Traceback" not in log
    assert "year 应是四位数的年度" in log
    last = result.stderr.rstrip("\n").splitlines()[-1]
    assert re.fullmatch(rf"perfsite build: 生成失败（原因见上），site/ 保持不变（错误 1，不一致 \d+，提示 \d+，舍入 \d+），{TOOK}",
                        last), last


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_build_draws_the_hook_s_reports_on_a_terminal_and_names_why_mkdocs_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    relay = commands.Relay()
    relay.read(io.BytesIO(b"perfsite-progress\t\xe8\xaf\xbb\xe5\x8f\x96\xe6\x95\xb0\xe6\x8d\xae\t10\t10\n"
                          b"perfsite-tally\t{\"programmes\": 10, \"errors\": 0, \"discrepancies\": 3}\n"
                          b"INFO    -  Cleaning site directory\n"
                          b"WARNING -  A page links to a missing file\n"
                          b"Aborted with 1 warnings in strict mode!\n"))
    shown = screen.getvalue()
    assert shown == ("\r读取数据 [########################] 10/10 个文件 100%\x1b[K"
                     "\r\x1b[KWARNING -  A page links to a missing file\n")
    assert relay.reason == "MkDocs 报告了 1 个警告，严格模式下不发布：请按上面的提示修改"
    assert relay.tally == {"programmes": 10, "errors": 0, "discrepancies": 3}
    assert re.fullmatch(rf"（错误 0，不一致 3，提示 0，舍入 0），{TOOK}", relay.closing())
