"""Nothing a user made is ever lost: every command that writes or deletes, pointed at a project
full of the user's own files, leaves every file it was not asked to write byte for byte as it was.

The project is the repository's sample data plus a hand-edited programme, notes and a previous
site; each command is run the way a hurried clerk might (wrong --out, --force, the data folder as
--site-dir) and the whole tree is compared before and after.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from test_import_builders import seed002_docx

from perfsite.cli import main

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(DATA, root / "data")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    (root / "docs" / "说明.md").write_text("# 本单位手写的说明\n", encoding="utf-8")
    (root / "data" / "笔记.txt").write_text("不要删除：下周补充的项目清单", encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>上一次发布的网站</p>", encoding="utf-8")
    (root / "自评表模板.xlsx").write_bytes(b"PK\x03\x04 a workbook the clerk filled in")
    return root


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Files removed or altered (new files are not listed)."""
    return sorted(k for k, v in before.items() if after.get(k) != v)


def test_template_and_init_refuse_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(project)
    assert main(["template", "--out", str(project / "自评表模板.xlsx")]) == 1
    assert main(["init", str(project)]) == 1
    assert main(["init", str(project / "data")]) == 1
    assert main(["init", str(project / "data" / "笔记.txt")]) == 1
    err = capsys.readouterr().err
    assert "未覆盖" in err and "不是空目录" in err and "不是目录" in err
    assert changed(before, snapshot(project)) == []


def test_new_never_writes_over_a_programme(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`perfsite new` aimed at an existing file by its id, or named like a programme the tree
    already holds, leaves every existing file as it was."""
    mine = project / "data" / "2024" / "shouxie.yaml"
    mine.parent.mkdir()
    mine.write_text("# 手写到一半的项目\nname: 手写项目\n", encoding="utf-8")
    before = snapshot(project)
    assert main(["new", "--year", "2024", "--id", "shouxie", "--out", str(project / "data")]) != 0
    assert "已存在，未覆盖" in capsys.readouterr().err
    main(["new", "--year", "2022", "--name", "中小企业发展专项资金", "--out", str(project / "data")])  # a new file beside it
    assert changed(before, snapshot(project)) == []


def test_import_replaces_only_the_same_programme_and_only_with_force(project: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The sample tree already holds this report's programme (hand-edited): import refuses it, and
    --force replaces that one file (a symlink itself, not the file it points to) and no other."""
    source = seed002_docx(tmp_path / "zxqy.docx")
    target = "data/2022/zhongxiaoqiye/zhongxiaoqiye-fazhan.yaml"
    outside = tmp_path / "outside.yaml"
    outside.write_bytes((project / target).read_bytes())
    (project / target).unlink()
    (project / target).symlink_to(outside)
    before = snapshot(project)
    kept = outside.read_bytes()
    assert main(["import", str(source), "--out", str(project / "data")]) == 1
    assert "未覆盖" in capsys.readouterr().out
    assert changed(before, snapshot(project)) == []
    assert main(["import", str(source), "--out", str(project / "data"), "--force"]) == 0
    after = snapshot(project)
    assert changed(before, after) == [target] and after.keys() == before.keys()
    assert outside.read_bytes() == kept and not (project / target).is_symlink()


def test_demo_refuses_a_data_tree_and_any_folder_it_did_not_make(project: Path) -> None:
    before = snapshot(project)
    for target in (project / "data", project, project / "docs", project / "site"):
        assert main(["demo", "--n", "3", "--out", str(target)]) != 0
    assert changed(before, snapshot(project)) == []


@pytest.mark.parametrize("site_dir", ["data", ".", "docs"])
def test_build_refuses_a_site_dir_that_holds_the_users_files(project: Path, site_dir: str,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project)
    before = snapshot(project)
    assert main(["build", "--site-dir", site_dir, "--wait", "5"]) == 2
    err = capsys.readouterr().err
    assert "未生成" in err and "--site-dir" in err and "Traceback" not in err
    assert changed(before, snapshot(project)) == []
    assert not [p.name for p in project.parent.iterdir() if p.name.startswith(".")]  # no lock or build folder


@pytest.mark.parametrize("background", [False, True], ids=["foreground", "background-job"])
def test_serve_writes_nothing_in_the_project(project: Path, background: bool) -> None:
    """`perfsite serve` builds into MkDocs' own temporary folder: site/ and data/ stay as they are.
    Started as a shell starts a background job (`… &`: SIGINT ignored, which children inherit),
    it still stops its MkDocs server, which is stopped by SIGINT."""
    for name in ("hooks", "perfsite_mkdocs"):
        (project / name).symlink_to(REPO / name)
    (project / "overrides").mkdir()
    before = snapshot(project)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "PERFSITE_SEARCH": "0"}
    env.pop("PERFSITE_DATA", None)
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ignoring = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if background else None
    process = subprocess.Popen([sys.executable, "-m", "perfsite", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=ignoring)
    try:
        assert process.stderr is not None
        lines = []
        for line in process.stderr:
            lines.append(line)
            if "Serving on" in line or "Traceback" in line or "Error" in line:
                break
        assert any("Serving on" in line for line in lines), "".join(lines)
    finally:
        process.terminate()
        process.wait(timeout=60)
    assert changed(before, snapshot(project)) == []
    # ended by a signal, the preview took its MkDocs server down with it (it kept the port before)
    assert not [pid for pid in os.listdir("/proc") if pid.isdigit() and f"127.0.0.1:{port}" in _cmdline(pid)]


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:  # ended meanwhile
        return ""
