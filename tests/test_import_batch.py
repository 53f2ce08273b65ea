"""A clerk's batch: folders as arguments, one summary, JSON, a quiet or counting progress line,
a Word report and the Excel form of the same programme written once, parallel equal to serial."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from openpyxl import load_workbook
from test_import_builders import add_table, seed000_docx, seed002_docx, seed002_xlsx

from perfsite.cli import main
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Options, expand, import_batch
from perfsite.progress import terminal_bar
from perfsite.siteconfig import SiteConfig

ZXQY = "zhongxiao-qiye-fazhan-zhuanxiang-zijin.yaml"
XSG = "xiaoshenggui-qiye-jiangli-zijin.yaml"


def written(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def unbalanced_docx(path: Path) -> Path:
    """Weights adding up to 90: written, but `perfsite check` will refuse it."""
    d = docx.Document()
    d.add_paragraph("示例项目2023年度绩效自评表")
    add_table(d, [["三级指标", "分值", "目标值", "实际值", "得分"], ["培训人次", "90", "≥100人", "120人", "90"]])
    d.save(str(path))
    return path


def test_a_folder_imports_every_supported_file_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "收件"
    (inbox / "乡镇").mkdir(parents=True)
    seed000_docx(inbox / "乡镇" / "小升规.docx")
    seed002_docx(inbox / "中小企业.docx")
    (inbox / "~$中小企业.docx").write_bytes(b"\x00lock")  # Word's lock file while the report is open
    (inbox / "说明.txt").write_text("不是自评表", encoding="utf-8")
    files, missing = expand([str(inbox)])
    assert [p.relative_to(inbox).as_posix() for p in files] == ["中小企业.docx", "乡镇/小升规.docx"]
    assert missing == []
    assert main(["import", str(inbox), "--out", str(tmp_path / "out")]) == 0
    assert written(tmp_path / "out") == [f"2021/imported/{XSG}", f"2022/imported/{ZXQY}"]
    assert capsys.readouterr().out.count("共 2 个文件：导入 2 个，需修改 0 个，失败 0 个；文件夹中另有 1 个文件未导入") == 1


def test_a_folder_says_what_it_passed_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A zip, a scan and a note beside the form are each named with what to do; what systems and
    Office leave behind (lock files, hidden files, Thumbs.db, __MACOSX) is passed over unsaid."""
    inbox = tmp_path / "收件"
    (inbox / "__MACOSX").mkdir(parents=True)
    (inbox / ".git").mkdir()
    seed002_docx(inbox / "中小企业.docx")
    for name in ("收件.zip", "盖章页.jpg", "说明.txt", "~$中小企业.docx", ".DS_Store", "Thumbs.db",
                 "__MACOSX/._中小企业.docx", ".git/config"):
        (inbox / name).write_bytes(b"x")
    assert main(["import", str(inbox), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "共 1 个文件：导入 1 个，需修改 0 个，失败 0 个；文件夹中另有 3 个文件未导入（见上面的提示）。" in out, out
    assert f"{inbox / '收件.zip'}（压缩包：请先解压后导入（Windows 上用 7-Zip" in out and "unzip -O GBK" in out
    assert f"{inbox / '盖章页.jpg'}（图片：扫描件请提供原件或先做文字识别）" in out
    assert f"{inbox / '说明.txt'}（文本文件：" in out
    assert "Thumbs" not in out and "MACOSX" not in out and ".git" not in out and "~$" not in out and "DS_Store" not in out
    assert main(["import", str(inbox), "--out", str(tmp_path / "out2"), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["passed_over"]) == 3


def test_importing_a_folder_again_skips_what_it_already_imported(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The same file again is 「已导入过，跳过」 and exit 0; a file that differs stays refused, and so
    does the same file once the clerk has edited what it wrote (--force would lose the edit)."""
    inbox, out = tmp_path / "收件", tmp_path / "out"
    inbox.mkdir()
    seed002_docx(inbox / "中小企业.docx")
    seed000_docx(inbox / "小升规.docx")
    assert main(["import", str(inbox), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", str(inbox), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "共 2 个文件：导入 0 个，需修改 0 个，失败 0 个；另有 2 个已导入过，跳过。写出的文件中错误 0，不一致 0，提示 0" in text, text
    assert f"已导入过，跳过：{out / '2022/imported' / ZXQY} 与本次导入的结果相同" in text
    assert main(["import", str(inbox), "--out", str(out), "--format", "json"]) == 0
    statuses = [f["status"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert statuses == ["skipped", "skipped"]
    other = seed002_docx(tmp_path / "另一份.docx")  # the same programme from a file of another name
    assert main(["import", str(other), "--out", str(out)]) == 1
    assert "已是同一项目" in capsys.readouterr().out
    other.write_bytes(other.read_bytes() + b"\0")
    assert main(["import", str(inbox / "中小企业.docx"), str(other), "--out", str(out), "--format", "json"]) == 1
    first, second = json.loads(capsys.readouterr().out)["files"]
    assert first["status"] == "skipped" and "已是同一项目" in second["failure"]  # compared too: nothing was written
    written_file = out / "2022/imported" / ZXQY
    written_file.write_text(written_file.read_text(encoding="utf-8") + "# 已核对\n", encoding="utf-8")
    assert main(["import", str(inbox / "中小企业.docx"), "--out", str(out)]) == 1
    assert "已是同一项目" in capsys.readouterr().out


def test_an_error_without_a_key_has_no_stray_space(capsys: pytest.CaptureFixture[str]) -> None:
    from perfsite.importing.commands import print_report
    from perfsite.importing.pipeline import FileReport
    from perfsite.problems import Problem, Severity

    print_report(FileReport(Path("报告.docx"), problems=[Problem(Severity.ERROR, "缺少必填的键 evaluator", line=4)]))
    assert "  错误：第 4 行：缺少必填的键 evaluator" in capsys.readouterr().out


def test_an_empty_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "空").mkdir()
    assert main(["import", str(tmp_path / "空"), "--out", str(tmp_path / "out")]) == 1
    assert f"文件夹 {tmp_path / '空'} 中没有可导入的文件（.docx、" in capsys.readouterr().err


def test_a_folder_yields_pdfs_and_old_formats_too(tmp_path: Path) -> None:
    """A clerk's inbox holds .pdf, .doc and .xls beside .docx: a folder argument finds them all."""
    from perfsite.importing.pipeline import expand

    inbox = tmp_path / "收件"
    inbox.mkdir()
    for name in ("a.docx", "b.pdf", "c.doc", "d.xls", "e.wps", "f.et", "g.xlsx", "h.csv", "notes.txt", "~$a.docx"):
        (inbox / name).write_bytes(b"x")
    found, _ = expand([str(inbox)])
    assert sorted(p.name for p in found) == ["a.docx", "b.pdf", "c.doc", "d.xls", "e.wps", "f.et", "g.xlsx", "h.csv"]


def test_a_form_named_link_that_leads_nowhere_is_reported_not_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A shortcut copied from another machine (a link to a file not there), a link to itself and a
    pipe, each with a form's name, in a folder: each fails with its reason; none is passed over."""
    import os

    inbox = tmp_path / "收件"
    (inbox / "子文件夹.docx").mkdir(parents=True)  # a folder is searched, not imported
    seed002_docx(inbox / "中小企业.docx")
    (inbox / "链接.docx").symlink_to(tmp_path / "别处" / "报告.docx")
    (inbox / "自己.pdf").symlink_to(inbox / "自己.pdf")
    os.mkfifo(inbox / "管道.xlsx")
    files, _ = expand([str(inbox)])
    assert sorted(p.name for p in files) == ["中小企业.docx", "管道.xlsx", "自己.pdf", "链接.docx"]
    assert main(["import", str(inbox), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "共 4 个文件：导入 1 个，需修改 0 个，失败 3 个。" in out, out
    assert "文件不存在" in out and "符号链接形成循环" in out and "特殊文件" in out, out


def test_json_has_each_file_and_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = seed002_docx(tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    unbalanced = unbalanced_docx(tmp_path / "w.docx")
    assert main(["import", str(good), str(bad), str(unbalanced), "--out", str(tmp_path / "out"), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)  # stdout is the JSON document and nothing else
    summary = {key: doc["summary"][key] for key in ("files", "imported", "needs-changes", "failed", "merged")}
    assert summary == {"files": 3, "imported": 1, "needs-changes": 1, "failed": 1, "merged": 0}
    first, second, third = doc["files"]
    assert (first["source"], first["status"], first["id"]) == (str(good), "imported", ZXQY.removesuffix(".yaml"))
    assert first["written"] == [str(tmp_path / "out/2022/imported" / ZXQY)]
    assert second["status"] == "failed" and second["written"] == [] and second["failure"]
    assert third["status"] == "needs-changes" and third["written"] == [str(tmp_path / "out/2023/imported/shili.yaml")]
    [error] = [p for p in third["problems"] if p["severity"] == "error"]
    assert error["file"] == third["written"][0] and error["line"] and "权重之和为 90" in error["message"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_on_a_terminal_and_is_quiet_otherwise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert terminal_bar(io.StringIO()) is None
    screen = Terminal()
    show = terminal_bar(screen)
    assert show is not None
    reports = import_batch([seed002_docx(tmp_path / "a.docx")], Options(tmp_path / "out"), SiteConfig(), set(),
                           progress=show)
    assert [r.status.value for r in reports] == ["imported"]
    assert screen.getvalue() == "\r读取 [########################] 1/1 个文件 100%\033[K\r写出 [########################] 1/1 个文件 100%\033[K"
    assert main(["import", str(seed000_docx(tmp_path / "b.docx")), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""  # pytest's stderr is not a terminal


def test_the_counter_is_erased_when_the_batch_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["import", str(seed002_docx(tmp_path / "a.docx")), "--out", str(tmp_path / "out")]) == 0
    assert screen.getvalue() == "\r读取 [########################] 1/1 个文件 100%\033[K\r写出 [########################] 1/1 个文件 100%\033[K\r\033[K"
    assert "共 1 个文件：导入 1 个" in capsys.readouterr().out


def test_word_and_excel_of_one_programme_are_written_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed002_docx(tmp_path / "中小企业自评报告.docx")
    seed002_xlsx(tmp_path / "中小企业自评表.xlsx")
    assert main(["import", str(tmp_path / "中小企业自评表.xlsx"), str(tmp_path / "中小企业自评报告.docx"),
                 "--out", str(tmp_path / "out")]) == 0
    assert written(tmp_path / "out") == [f"2022/imported/{ZXQY}"]
    text = (tmp_path / "out/2022/imported" / ZXQY).read_text(encoding="utf-8")
    assert "source: 中小企业自评报告.docx" in text  # the Word report is the one written
    assert "# 同一项目的「中小企业自评表.xlsx」已与本报告核对，一致。" in text
    out = capsys.readouterr().out
    assert "与「中小企业自评报告.docx」是同一项目：以 Word 报告为准" in out
    assert "共 2 个文件：导入 1 个，需修改 0 个，失败 0 个；另有 1 个与本次导入的另一个文件是同一项目，已合并（见该文件的说明）。" in out


def test_word_and_excel_that_differ_are_reported_on_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed002_docx(tmp_path / "报告.docx")
    sheet = seed002_xlsx(tmp_path / "自评表.xlsx")
    wb = load_workbook(sheet)
    ws = wb.active
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "项目按期完成")
    ws.cell(row, 8).value = 1.5  # 得分 5.00 in the report; the cell keeps its 0.00 format
    wb.save(sheet)
    assert main(["import", str(tmp_path), "--out", str(tmp_path / "out"), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    report, form = doc["files"]
    assert (report["status"], form["status"], form["same_as"]) == ("imported", "merged", str(tmp_path / "报告.docx"))
    assert form["written"] == [] and doc["summary"]["merged"] == 1
    assert "与「报告.docx」不一致：指标「项目按期完成」的得分为 1.50，Word 报告为 5.00" in form["notes"]
    assert "与同一项目的「自评表.xlsx」不一致：指标「项目按期完成」的得分为 1.50，Word 报告为 5.00" in report["notes"]


def test_a_report_without_indicators_gives_its_sections_to_the_form(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    d = docx.Document()
    d.add_paragraph("中小企业发展专项资金2022年度项目支出绩效自评报告")
    d.add_paragraph("一、项目概况")
    d.add_paragraph("项目支持中小企业转型升级。")
    d.add_paragraph("二、存在问题")
    d.add_paragraph("个别项目未按期完工。")
    d.save(str(tmp_path / "报告.docx"))
    seed002_xlsx(tmp_path / "自评表.xlsx")
    assert main(["import", str(tmp_path / "报告.docx"), "--out", str(tmp_path / "out")]) == 1  # alone: no indicators
    assert "没有任何表格" in capsys.readouterr().out
    assert main(["import", str(tmp_path), "--out", str(tmp_path / "out"), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    report, form = doc["files"]
    assert (report["status"], report["same_as"], report["failure"]) == ("merged", str(tmp_path / "自评表.xlsx"), None)
    assert form["status"] == "imported" and form["written"] == [str(tmp_path / "out/2022/imported" / ZXQY)]
    text = (tmp_path / "out/2022/imported" / ZXQY).read_text(encoding="utf-8")
    assert ("# 正文取自同一项目的 Word 报告「报告.docx」（它没有指标表，指标等取自本文件）。\nsections:\n"
            "  项目概况: |-\n    项目支持中小企业转型升级。\n  存在问题: |-\n    个别项目未按期完工。\n") in text
    assert text.index("sections:") < text.index("indicators:")


def test_reimport_lands_on_the_same_file_and_namesakes_get_a_suffix(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["import", str(seed002_docx(tmp_path / "first.docx")), "--out", str(out)]) == 0
    target = out / "2022/imported" / ZXQY
    target.rename(out / "2022" / ZXQY)  # the clerk moved it to another folder of the year
    renamed = seed002_docx(tmp_path / "另一个文件名.docx")
    assert main(["import", str(renamed), "--out", str(out)]) == 1
    assert f"{out / '2022' / ZXQY} 已是同一项目" in capsys.readouterr().out
    assert main(["import", str(renamed), "--out", str(out), "--force"]) == 0
    assert written(out) == [f"2022/{ZXQY}"]  # replaced where it is, no second file
    moved = out / "2022" / ZXQY
    moved.write_text(moved.read_text(encoding="utf-8").replace("department: 未载明", "department: 示例县工信局"),
                     encoding="utf-8")
    # the same original is the file the clerk filled the department into (test_import_clerk28_reimport.py);
    # another unit's original of the same name, no department stated, is another programme
    assert main(["import", str(renamed), "--out", str(out)]) == 1
    assert main(["import", str(seed002_docx(tmp_path / "第三个文件.docx")), "--out", str(out)]) == 0
    assert written(out) == [f"2022/imported/{ZXQY.replace('.yaml', '-2.yaml')}", f"2022/{ZXQY}"]
    assert f"网址编号 {ZXQY.removesuffix('.yaml')} 已由 {moved}（另一个项目）使用" in capsys.readouterr().out


def test_parallel_reading_writes_what_serial_reading_writes(tmp_path: Path) -> None:
    sources = []
    (tmp_path / "in").mkdir()
    for n in range(4):
        sources.append(seed000_docx(tmp_path / f"in/{n}a.docx"))
        sources.append(seed002_docx(tmp_path / f"in/{n}b.docx"))
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        reports = import_batch(sources, Options(out, hints=Hints()), SiteConfig(), set(), jobs=jobs)
        results[jobs] = ([r.status.value for r in reports], {p: (out / p).read_text(encoding="utf-8") for p in written(out)})
    assert results[1] == results[2]
    statuses, files = results[1]
    assert statuses == ["imported", "imported"] + ["failed"] * 6  # the same two programmes again and again
    assert sorted(files) == [f"2021/imported/{XSG}", f"2022/imported/{ZXQY}"]


def test_the_bench_forms_all_import(tmp_path: Path) -> None:
    """bench/import_files.py runs end to end; its forms import cleanly (figures are never asserted)."""
    bench = Path(__file__).resolve().parent.parent / "bench" / "import_files.py"
    result = subprocess.run([sys.executable, str(bench), "--n", "10", "--keep", str(tmp_path / "forms")],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "exit code 0; 共 10 个文件：导入 10 个，需修改 0 个，失败 0 个。" in result.stdout
    assert sorted(p.suffix for p in (tmp_path / "forms").iterdir()) == [".docx"] * 5 + [".xlsx"] * 5


def test_an_unfilled_form_asks_for_the_completed_one_and_keeps_its_goal(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """青神's forms: targets but no 完成值, no 得分, no total. The clerk is told to ask the unit for
    the completed form (not to write a rule per indicator), and the head's 「项目年度目标」 text
    under its label is the 年度总体目标 section, not an unplaced cell; the template's instruction
    under 「年度目标完成情况」 is no section."""
    from openpyxl import Workbook

    book = Workbook()
    for row in (["项目支出绩效自评表（2023年度）"], ["项目名称", "工资性支出"], ["主管部门", "示例县发展和改革局"],
                ["项目年度目标", "", "年度目标完成情况"],
                ["保障工资及时、足额发放。", "", "对照年度目标,说明相关任务目标的完成情况(100字以内)"],
                ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
                ["产出指标", "数量指标", "发放覆盖率", "100%", "", "60", ""],
                ["效益指标", "社会效益指标", "足额保障率", "100%", "", "40", ""]):
        book.active.append(row)
    book.save(tmp_path / "青神.xlsx")
    assert main(["import", str(tmp_path / "青神.xlsx"), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "注意：这是一份没有填完的自评表：2 项指标都没有完成值和得分，也没有总分" in out, out
    assert "请向填报单位索取填好完成值和得分的自评表" in out
    assert "请用 rule 说明评分方法" not in out and "另有 2 项「无法自动评分」是没有完成值的结果" in out
    assert "章节：1 个（年度总体目标）" in out and "A4：项目年度目标" not in out and "A5：" not in out
    text = (tmp_path / "out/2023/imported/gongzi-xing-zhichu.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["sections"] == {"年度总体目标": "保障工资及时、足额发放。"}
