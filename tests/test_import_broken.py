"""Files that cannot be imported get a clear message and no output; existing files are safe."""

from __future__ import annotations

import os
import random
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from test_import_builders import add_table, central_xlsx, seed002_docx

from perfsite.cli import main

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def run(tmp: Path, *files: Path, extra: tuple[str, ...] = ()) -> int:
    return main(["import", *map(str, files), "--out", str(tmp / "out"), *extra])


def outputs(tmp: Path) -> list[Path]:
    return sorted(p for p in (tmp / "out").rglob("*") if p.is_file()) if (tmp / "out").exists() else []


def no_indicator_table(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("某某项目2023年度绩效自评报告")
    d.add_paragraph("一、项目基本情况")
    d.add_paragraph("本项目用于……")
    add_table(d, [["项目", "金额"], ["办公费", "12"]])
    d.save(str(path))
    return path


def scanned(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("")
    d.add_paragraph("")  # a scan is pictures only: no tables, next to no text
    d.save(str(path))
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: no_indicator_table(p / "no-table.docx"), "没有找到绩效指标表"),
    (lambda p: scanned(p / "scan.docx"), "没有任何表格"),
    (lambda p: _bytes(p / "locked.docx", OLE2 + os.urandom(2000)), "设置了打开密码"),
    (lambda p: _bytes(p / "locked.xlsx", OLE2 + os.urandom(2000)), "设置了打开密码"),
    (lambda p: _bytes(p / "junk.docx", random.Random(1).randbytes(3000)), "文件已损坏"),
    (lambda p: _bytes(p / "junk.xlsx", b"PK\x03\x04" + random.Random(2).randbytes(3000)), "损坏"),
    (lambda p: _bytes(p / "empty.docx", b""), "文件是空的"),
    (lambda p: _bytes(p / "report.pdf", b"%PDF-1.4"), "PDF 已损坏"),
    (lambda p: _bytes(p / "report.numbers", b"PK\x03\x04"), "「report.numbers」是 Apple Numbers 表格：请在 Numbers 中「文件 → 导出为 → Excel」"),
    (lambda p: _empty_sheet(p / "blank.xlsx"), "没有找到绩效指标表"),  # before asking for a --name that cannot help
])
def test_broken_input_gets_a_message_and_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERFSITE_LOG", str(tmp_path / "error.log"))
    path = make(tmp_path)
    assert run(tmp_path, path) == 1
    out = capsys.readouterr().out
    assert message in out and "未写出任何文件" in out
    assert outputs(tmp_path) == []


def _pdf() -> bytes:
    """A one-page PDF of nothing, written by hand: catalogue, page tree, page, cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


@pytest.mark.parametrize(("data", "says"), [
    (_pdf()[:len(_pdf()) // 2], "文件不完整，缺了结尾部分"),  # a download cut short
    (_pdf().replace(b"/Pages 2 0 R", b"/Pages 9 0 R").replace(b"xref", b"xrex"), "文件内部的结构有误"),
])
def test_a_damaged_pdf_is_said_in_a_clerks_words_and_the_detail_logged(tmp_path: Path, data: bytes, says: str,
                                                                       capsys: pytest.CaptureFixture[str],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "error.log"
    monkeypatch.setenv("PERFSITE_LOG", str(log))
    assert run(tmp_path, _bytes(tmp_path / "report.pdf", data)) == 1
    out = capsys.readouterr().out
    assert f"PDF 已损坏，无法读取：{says}" in out and f"日志 {log}" in out
    assert "Exception" not in out and "Error" not in out  # the parser's class is for the maintainers: in the log
    assert "Traceback" in log.read_text(encoding="utf-8") and "report.pdf" in log.read_text(encoding="utf-8")


def _unparsable(path: Path, part: str) -> Path:
    """`path` (a package) with `part` cut off before its end: the readers' parsers fail on it."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = parts[part][:len(parts[part]) * 2 // 3]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


@pytest.mark.parametrize(("make", "says"), [
    (lambda p: _unparsable(seed002_docx(p / "report.docx"), "word/document.xml"), "Word 文档无法读取（其中的内容有误）"),
    (lambda p: _unparsable(central_xlsx(p / "form.xlsx"), "xl/workbook.xml"), "Excel 工作簿无法读取（其中的内容有误）"),
    (lambda p: _unparsable(central_xlsx(p / "form.xlsx"), "xl/worksheets/sheet1.xml"), "工作表「自评表」已损坏，无法读取"),
])
def test_an_unreadable_office_file_names_no_exception_and_logs_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch, make, says: str) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "error.log"
    monkeypatch.setenv("PERFSITE_LOG", str(log))
    assert run(tmp_path, make(tmp_path)) == 1
    out = capsys.readouterr().out
    assert says in out and f"请把它和日志 {log} 发给系统维护人员" in out
    assert "Error" not in out and "Exception" not in out and "Traceback" in log.read_text(encoding="utf-8")



@pytest.mark.parametrize(("name", "data", "says"), [
    ("report.docx", b"{\\rtf1\\ansi\\ansicpg936 ...}", "内容却是 RTF 文档"),
    # An HTML table or an Excel 2003 XML workbook so named is read as what it is: tests/test_import_html.py.
    ("form.xlsx", "三级指标,分值\r\n培训人次,40\r\n".encode("gbk"), "内容却是纯文本（如 CSV）"),
])
def test_a_text_export_with_an_office_name_is_named_for_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                   name: str, data: bytes, says: str) -> None:
    """A system's 「Word」 or 「Excel」 export that is RTF, an HTML table or text: never 「文件已损坏……
    请重新从原件导出」, which sends the clerk to export it the same way again."""
    assert run(tmp_path, _bytes(tmp_path / name, data)) == 1
    out = capsys.readouterr().out
    office = "Word" if name.endswith(".docx") else "Excel"
    assert says in out and f"请在 {office} 中打开，「另存为」{Path(name).suffix} 后再导入" in out and "已损坏" not in out


def _strict(path: Path) -> Path:
    """`path` (a package) as Office saves it under 「Strict Open XML」: the ISO 29500 Strict namespaces."""
    import zipfile

    usual = (("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"),
             ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"),
             ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              "http://purl.oclc.org/ooxml/officeDocument/relationships"))
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name.endswith((".xml", ".rels")):
                text = data.decode()
                for old, new in usual:
                    text = text.replace(old, new)
                data = text.encode()
            out.writestr(name, data)
    return path


@pytest.mark.parametrize(("name", "office"), [("form.xlsx", "Excel 工作簿(*.xlsx)"), ("report.docx", "Word 文档(*.docx)")])
def test_a_strict_open_xml_file_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 name: str, office: str) -> None:
    """Read, a Strict workbook was empty (「找不到项目名称」) and a Strict document damaged (「KeyError」)."""
    path = _strict(central_xlsx(tmp_path / name) if name.endswith(".xlsx") else seed002_docx(tmp_path / name))
    assert run(tmp_path, path) == 1
    out = capsys.readouterr().out
    assert "文件是「Strict Open XML」格式" in out and f"「另存为」普通的「{office}」后再导入" in out


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _empty_sheet(path: Path) -> Path:
    Workbook().save(str(path))
    return path


def test_one_failure_leaves_the_others_done(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = seed002_docx(tmp_path / "good.docx")
    bad = _bytes(tmp_path / "bad.docx", OLE2 + bytes(600))
    assert run(tmp_path, bad, good) == 1
    assert [p.name for p in outputs(tmp_path)] == ["zhongxiao-qiye-fazhan-zhuanxiang-zijin.yaml"]
    assert "共 2 个文件：导入 1 个，需修改 0 个，失败 1 个。" in capsys.readouterr().out


def test_existing_output_is_refused_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = seed002_docx(tmp_path / "zxqy.docx")
    assert run(tmp_path, source) == 0
    [target] = outputs(tmp_path)
    target.write_text("# edited by hand\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    edited = target.read_bytes()
    assert run(tmp_path, source) == 1
    assert "已是同一项目（2022 年「中小企业发展专项资金」，未载明），未覆盖" in capsys.readouterr().out
    assert target.read_bytes() == edited
    assert run(tmp_path, source, extra=("--force",)) == 0
    assert target.read_bytes() != edited
    assert [p.name for p in outputs(tmp_path)] == ["zhongxiao-qiye-fazhan-zhuanxiang-zijin.yaml"]  # no temp files left


def test_two_inputs_for_one_address_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed002_docx(tmp_path / "a.docx")
    (tmp_path / "b").mkdir()
    seed002_docx(tmp_path / "b" / "a.docx")
    assert run(tmp_path, tmp_path / "a.docx", tmp_path / "b" / "a.docx", extra=("--force",)) == 1
    assert f"与本次导入的「{tmp_path / 'a.docx'}」是同一项目" in capsys.readouterr().out


def test_missing_year_and_name_can_be_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = docx.Document()
    add_table(d, [["三级指标", "分值", "目标值", "实际值", "得分"], ["培训人次", "100", "≥100人", "120人", "100"]])
    d.save(str(tmp_path / "bare.docx"))
    assert run(tmp_path, tmp_path / "bare.docx") == 1
    assert "找不到项目名称" in capsys.readouterr().out
    assert run(tmp_path, tmp_path / "bare.docx", extra=("--name", "培训项目", "--year", "2023")) == 0
    text = (tmp_path / "out/2023/imported/peixun.yaml").read_text(encoding="utf-8")
    assert "name: 培训项目" in text and "year: 2023" in text


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    assert run(tmp_path, tmp_path / "x.docx", extra=("--year", "21")) == 2
    (tmp_path / "file").write_text("")
    assert main(["import", str(tmp_path / "x.docx"), "--out", str(tmp_path / "file")]) == 2


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, tmp_path / "nope.docx") == 1
    assert "无法读取文件" in capsys.readouterr().out


def test_formula_without_saved_result_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(str(path))
    book.active["H6"] = "=G6*F6"  # 得分 as a formula, saved by a program that does not calculate
    book.save(str(path))
    run(tmp_path, path)
    assert "H6（=G6*F6，算得「9.924」）：这些格是公式，文件中没有保存计算结果" in capsys.readouterr().out


def test_weights_that_do_not_add_up_are_written_but_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = docx.Document()
    d.add_paragraph("示例项目2023年度绩效自评表")
    add_table(d, [["三级指标", "分值", "目标值", "实际值", "得分"], ["培训人次", "90", "≥100人", "120人", "90"]])
    d.save(str(tmp_path / "w.docx"))
    assert run(tmp_path, tmp_path / "w.docx") == 1
    out = capsys.readouterr().out
    assert "各指标权重之和为 90，应为 100" in out and "perfsite check 不会通过" in out
    assert [p.name for p in outputs(tmp_path)] == ["shili.yaml"]


def test_numbering_column_is_not_reported_as_unplaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = docx.Document()
    d.add_paragraph("示例项目2023年度绩效自评表")
    add_table(d, [["序号", "三级指标", "分值", "目标值", "实际值", "得分", "备注"],
                  ["1", "培训人次", "60", "≥100人", "120人", "60", ""],
                  ["2", "满意度", "40", "≥90%", "95%", "40", "抽样100人"]])
    d.save(str(tmp_path / "n.docx"))
    assert run(tmp_path, tmp_path / "n.docx") == 0
    out = capsys.readouterr().out
    # 备注 is a remark column (a header synonym); 序号 is numbering: nothing is left unplaced
    assert "未能归位" not in out
    assert "第2行第1列" not in out
    written = next((tmp_path / "out").rglob("*.yaml")).read_text(encoding="utf-8")
    assert "抽样100人" in written


def test_the_same_error_on_consecutive_indicators_prints_once_with_the_range() -> None:
    from perfsite.importing.commands import _runs
    from perfsite.problems import Problem, Severity

    def error(line: int, key: str, message: str = "缺少权重（weight）") -> Problem:
        return Problem(Severity.ERROR, message, line=line, key=key)

    same = [error(23 + 5 * n, f"indicators[{n}]") for n in range(1, 5)]
    assert _runs([*same, error(48, "indicators[4].rule", "无法自动评分"), error(27, "indicators", "权重之和为 0")]) == [
        ("第 28–43 行 indicators[1]～[4]（4 项）：", "缺少权重（weight）"),
        ("第 48 行 indicators[4].rule：", "无法自动评分"), ("第 27 行 indicators：", "权重之和为 0")]
    pair = [error(28, "indicators[1]"), error(33, "indicators[2]")]  # two lines stay two lines
    assert _runs(pair) == [("第 28 行 indicators[1]：", "缺少权重（weight）"), ("第 33 行 indicators[2]：", "缺少权重（weight）")]
    gap = [error(28, "indicators[1]"), error(33, "indicators[2]"), error(43, "indicators[4]")]  # [3] has no error
    assert len(_runs(gap)) == 3


def test_what_only_the_missing_weights_decide_is_one_line() -> None:
    """Indicators with no weight: their computed scores, the weights' sum and the computed total are
    folded into one line; a level's points against its weights, a problem of another kind, or one of an
    indicator with a weight is still shown."""
    from perfsite.importing.commands import _unweighted
    from perfsite.problems import Problem, Severity

    def problem(key: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
        return Problem(severity, message, line=1, key=key)

    missing = [problem(f"indicators[{n}]", "缺少权重（weight）") for n in (2, 3)]
    follows = [problem("indicators[2].score", "指标「甲」得分：公布 10，计算 0，相差超过 0.1", Severity.DISCREPANCY),
               problem("indicators", "各指标权重之和为 20，应为 100"),
               problem("reported.score", "总得分：公布 100，计算 30.00，相差超过 0.1", Severity.DISCREPANCY)]
    own = [problem("indicators[2].level1", "一级指标「产出指标」标明 70 分，但其下权重之和为 0"),  # says where
           problem("indicators[1].score", "指标「预算执行率」得分：公布 10，计算 9，相差超过 0.1", Severity.DISCREPANCY),
           problem("indicators[3].rule", "无法自动评分"),
           problem("reported.score", "公布的总得分 100 不等于公布的各项得分之和 110", Severity.DISCREPANCY)]
    shown, folded = _unweighted([*missing, *follows, *own])
    assert (shown, folded) == ([*missing, *own], follows)
    assert _unweighted([*follows, *own]) == ([*follows, *own], [])  # every weight there: nothing folded


def test_a_readers_own_failure_is_said_without_its_exception_and_logged(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception no reader expected (a bug here, not the clerk's file): the clerk is told what to do
    and where the log is; the exception's class and text go to the log, never to the clerk."""
    from perfsite.importing import pipeline

    def broken(*_: object) -> object:
        raise RuntimeError("internal detail 42")

    log = tmp_path / "error.log"
    monkeypatch.setenv("PERFSITE_LOG", str(log))
    monkeypatch.setattr(pipeline, "read_any", broken)
    assert run(tmp_path, central_xlsx(tmp_path / "form.xlsx")) == 1
    out = capsys.readouterr().out
    assert "读取文件时出错：请用 Word/Excel 打开该文件、另存为后再导入" in out and f"请把它和日志 {log} 发给系统维护人员" in out
    assert "RuntimeError" not in out and "internal detail 42" not in out
    assert "RuntimeError: internal detail 42" in log.read_text(encoding="utf-8")
