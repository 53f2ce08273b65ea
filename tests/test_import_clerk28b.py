"""What a clerk still missed: the notes of an Excel form merged into its Word report, the count of
files named one by one that were not imported, and a Ctrl-C as the import starts its workers."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx
from test_import_builders import seed002_docx, seed002_xlsx

from perfsite.cli import main
from perfsite.failures import EXIT_INTERRUPTED
from perfsite.importing import convert
from perfsite.importing.pipeline import PARALLEL_FROM
from perfsite.processes import can_fork
from tests.fork_signal import ARMED, no_gc_callbacks  # noqa: F401 (autouse: signals sent to this process)

RENAMED = ("文件的扩展名是 .xls，内容却是 Excel 工作簿（.xlsx）（扩展名被改过）：已按 .xlsx 读取（不经 LibreOffice），"
           "请核对；请单位把扩展名改回 .xlsx 再报送")
UNSTATED = "原文没有写明主管部门：已写「未载明」，知道全称时请补上"
"""Said by the Word report and its form alike: the clerk reads it once, on the file written."""


def _said(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


def _sections(said: str) -> dict[str, str]:
    """Each file's section of the text output by the file's name."""
    parts = said.split("== ")[1:]
    return {Path(part.split(" ==", 1)[0]).name: part for part in parts}


def test_a_form_merged_into_its_word_report_still_asks_the_unit_to_rename_it(tmp_path: Path) -> None:
    """The form is not written (the report is), but its name is wrong all the same: the request to
    rename it was dropped with the rest of its notes. A note the report says too is said once."""
    seed002_docx(tmp_path / "报告.docx")
    shutil.move(seed002_xlsx(tmp_path / "x.xlsx"), tmp_path / "自评表.xls")
    code, said = _said(["import", str(tmp_path / "报告.docx"), str(tmp_path / "自评表.xls"), "--out", str(tmp_path / "out")])
    assert code == 0, said
    sections = _sections(said)
    assert "已合并" in said and "与「报告.docx」是同一项目" in sections["自评表.xls"]
    assert f"注意：{RENAMED}" in sections["自评表.xls"] and said.count(RENAMED) == 1, said
    assert said.count(UNSTATED) == 1 and UNSTATED in sections["报告.docx"], said


@pytest.fixture(scope="module")
def lock_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("收件")
    (folder / "~$甲单位 自评表.xlsx").write_bytes(b"\x05clerk".ljust(165, b"\0"))
    (folder / "Thumbs.db").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    write_xlsx(folder / "甲单位 自评表.xlsx", Book([Sheet("自评表", form_rows("培训项目2023年度绩效自评表"))]))
    return folder


def test_files_named_one_by_one_are_not_said_to_be_a_folders(lock_files: Path, tmp_path: Path) -> None:
    """`perfsite import 收件/*` names Office's lock file too: 「文件夹中另有 2 个文件未导入」 sent the clerk
    looking for a folder never given."""
    names = [str(p) for p in sorted(lock_files.iterdir())]
    _, said = _said(["import", *names, "--out", str(tmp_path / "a")])
    assert "提示：所列的文件中有 2 个未导入：" in said and "；所列的文件中有 2 个未导入（见上面的提示）。" in said, said
    assert "文件夹中另有" not in said, said


def test_a_folder_and_a_file_together_say_neither(lock_files: Path, tmp_path: Path) -> None:
    folder = tmp_path / "补交"
    folder.mkdir()
    (folder / "扫描件.jpg").write_bytes(b"\xff\xd8\xff")
    _, said = _said(["import", str(folder), str(lock_files / "Thumbs.db"), str(lock_files / "甲单位 自评表.xlsx"),
                     "--out", str(tmp_path / "a")])
    assert "提示：另有 2 个文件未导入：" in said and "；另有 2 个文件未导入（见上面的提示）" in said, said
    (folder / "甲单位 自评表.xlsx").write_bytes((lock_files / "甲单位 自评表.xlsx").read_bytes())
    _, said = _said(["import", str(folder), "--out", str(tmp_path / "b")])
    assert "提示：文件夹中另有 1 个文件未导入：" in said, said


@pytest.mark.skipif(not can_fork(), reason="the race is a fork's")
def test_ctrl_c_as_the_import_forks_its_workers_stops_the_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A Ctrl-C landing in the fork was raised in the interpreter's at-fork hook and dropped
    (「Exception ignored … KeyboardInterrupt」): the batch went on and wrote every programme."""
    inbox = tmp_path / "收件"
    inbox.mkdir()
    for n in range(PARALLEL_FROM):
        write_xlsx(inbox / f"{n}.xlsx", Book([Sheet("自评表", form_rows(f"培训{n}号项目2023年度绩效自评表"))]))
    monkeypatch.setenv("PERFSITE_JOBS", "2")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    ARMED.append(signal.SIGINT)
    try:
        code = main(["import", str(inbox), "--out", str(tmp_path / "out")])
    finally:
        ARMED.clear()
    said = capsys.readouterr()
    assert code == EXIT_INTERRUPTED, said
    assert "已中断（Ctrl-C），没有写出任何文件" in said.err and "Exception ignored" not in said.err, said.err
    assert not list((tmp_path / "out").rglob("*.yaml"))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.skipif(not can_fork(), reason="the race is a fork's")
def test_ctrl_c_as_libreoffice_starts_leaves_no_libreoffice_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raised inside Popen (here as its child has just started), the Ctrl-C lost the process:
    LibreOffice, in a session of its own, went on converting into a folder already removed."""
    class Interrupted(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            started.append(self)
            os.kill(os.getpid(), signal.SIGINT)

    started: list[subprocess.Popen[bytes]] = []
    monkeypatch.setattr(subprocess, "Popen", Interrupted)
    with pytest.raises(KeyboardInterrupt):
        convert._run([sys.executable, "-c", "import time; time.sleep(60)"], tmp_path)
    assert len(started) == 1 and started[0].poll() is not None  # ended and reaped, not left running
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_earlier_version_not_written_still_asks_the_unit_to_rename_it(tmp_path: Path) -> None:
    """The same for a form handed in again as a 修改稿: the earlier one is not written, its name is wrong all the same."""
    forms = Path(__file__).parent / "forms_trial5" / "t5imp1"
    shutil.copy(forms / "河西村特色种养补贴到户项目自评表.xlsx", tmp_path / "河西村自评表.xls")
    shutil.copy(forms / "河西村特色种养补贴到户项目自评表（修改稿）.xlsx", tmp_path / "河西村自评表（修改稿）.xlsx")
    _, said = _said(["import", str(tmp_path / "河西村自评表.xls"), str(tmp_path / "河西村自评表（修改稿）.xlsx"),
                     "--out", str(tmp_path / "out")])
    sections = _sections(said)
    assert "按文件名注明「修改稿」的那一份写出" in sections["河西村自评表.xls"], said
    assert f"注意：{RENAMED}" in sections["河西村自评表.xls"] and said.count(RENAMED) == 1, said
