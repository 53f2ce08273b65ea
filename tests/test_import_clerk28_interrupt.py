"""Ctrl-C in the middle of a folder, and a data folder that cannot be written.

Programmes are written a few at a time, each file renamed into place whole: stopped half way, the
clerk is told which files were written (all whole, no temp file beside them) and that running the
same command again imports the rest. A folder that refuses the write says so in Chinese, naming the
file, not in the system's English (「Permission denied」).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite import safefile
from perfsite.cli import main
from perfsite.failures import EXIT_INTERRUPTED
from perfsite.importing import pipeline
from perfsite.importing.writer import WriteBatch


def _folder(root: Path, names: tuple[str, ...]) -> Path:
    folder = root / "收件 2023"
    folder.mkdir()
    for n, name in enumerate(names):
        write_xlsx(folder / f"{n} {name}自评表.xlsx", Book([Sheet("自评表", form_rows(f"{name}2023年度绩效自评表"))]))
    return folder


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_ctrl_c_after_two_programmes_says_which_were_written_and_the_rerun_does_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _folder(tmp_path, ("培训项目", "维修项目", "绿化项目")), tmp_path / "data"
    render, calls = pipeline.Finisher._render, []

    def stopped(self, *args):  # type: ignore[no-untyped-def]
        calls.append(args)
        if len(calls) == 3:  # the clerk presses Ctrl-C while the third programme is being written
            raise KeyboardInterrupt
        return render(self, *args)

    with monkeypatch.context() as patch:
        patch.setattr(pipeline.Finisher, "_render", stopped)
        assert main(["import", str(folder), "--out", str(out)]) == EXIT_INTERRUPTED
    said = capsys.readouterr().err.splitlines()
    written = _files(out)
    assert written == ["2023/imported/peixun.yaml", "2023/imported/weixiu.yaml"]  # whole, nothing hidden beside
    assert said == ["perfsite import: 已中断（Ctrl-C）：已写出 2 个数据文件（每个都是完整的），其余的没有写出，未写完的临时文件已删除：",
                    f"  - {out}/2023/imported/peixun.yaml", f"  - {out}/2023/imported/weixiu.yaml",
                    "再运行一次同一命令即可导入其余的文件（已写出的会说「已导入过，跳过」，不会重复写出）"]

    assert main(["import", str(folder), "--out", str(out)]) == 0
    assert capsys.readouterr().out.count("  已导入过，跳过：") == 2
    assert _files(out) == ["2023/imported/lvhua.yaml", *written]


def test_ctrl_c_before_anything_is_written_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, ("培训项目",))

    def stopped(*args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_prepare", stopped)
    assert main(["import", str(folder), "--out", str(tmp_path / "data")]) == EXIT_INTERRUPTED
    assert "没有写出任何文件，数据目录与导入前相同" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


def test_ctrl_c_while_a_batch_is_renamed_or_staged_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    batch = WriteBatch()
    batch.stage({a: "name: 甲\n"}, force=False)
    batch.stage({b: "name: 乙\n"}, force=False)
    replace = os.replace

    def once(src: str, dst: Path) -> None:
        replace(src, dst)
        raise KeyboardInterrupt

    with monkeypatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(os, "replace", once)
        batch.commit()
    assert _files(tmp_path) == ["a.yaml"]

    new = safefile.write_new

    def second(path: str, content: bytes) -> None:
        if path.startswith(str(tmp_path / ".d.yaml")):
            raise KeyboardInterrupt
        new(path, content)

    monkeypatch.setattr(safefile, "write_new", second)
    with pytest.raises(KeyboardInterrupt):
        WriteBatch().stage({tmp_path / "c.yaml": "name: 丙\n", tmp_path / "d.yaml": "name: 丁\n"}, force=False)
    assert _files(tmp_path) == ["a.yaml"]


def test_a_data_folder_that_refuses_the_write_is_said_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, ("培训项目",))

    def refused(path: str, content: bytes) -> None:  # a shared folder the clerk may only read
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(safefile, "write_new", refused)
    assert main(["import", str(folder), "--out", str(tmp_path / "data")]) == 1
    said = capsys.readouterr().out
    assert (f"失败：无法写出文件 {tmp_path}/data/2023/imported/peixun.yaml：没有读写权限："
            "请检查该文件或目录的权限，或换一个有权限的目录") in said
    assert "Permission" not in said
