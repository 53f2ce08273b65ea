"""Publishing is safe and no command ends in a traceback.

`perfsite build` runs for real (MkDocs in a subprocess) in a scratch project linking the repo's
mkdocs.yml, hooks/ and overrides/ beside a one-page docs/ (conftest_site.small_project: the repo's
developer pages cost each build 0.45 of its 2.4 CPU s, and nothing here reads them): two builds at
once, an empty data tree against a live site, a failing build. Ctrl-C, a closed pipe and a full
disk are delivered for real where that is deterministic (a signal while a build waits for the
lock, a pipe closed before the child writes) and injected as the OSError or KeyboardInterrupt otherwise.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest_site import DATA, REPO, data_files, self_evaluations, small_project
from mkdocs.exceptions import PluginError

from perfsite import checkcache, cli
from perfsite.dataset import load_dataset, scan_tree
from perfsite.problems import Severity
from perfsite.site import commands, publish
from perfsite.site.publish import Manifest, drop_message, read_manifest, swap

PROGRAMMES = self_evaluations(DATA)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-build-"))


def environment(tmp: Path) -> dict[str, str]:
    """The settings of every `perfsite` run here, its log and check cache under `tmp`."""
    return {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "PERFSITE_SEARCH": "0",
            "SOURCE_DATE_EPOCH": "1700000000", "PERFSITE_LOG": str(tmp / "error.log"),
            "XDG_CACHE_HOME": str(tmp / "cache"), "PERFSITE_DATA": str(DATA)}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return environment(tmp_path)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DATA as `perfsite build` publishes it in a project of its own, built once for the module
    (a build of DATA is ~3 CPU seconds; five tests start from it). Never changed: `live_site`
    gives each test a copy, which its builds swap away."""
    root = tmp_path_factory.mktemp("published")
    result = perfsite(small_project(root / "project"), environment(root), "build")
    assert result.returncode == 0, result.stderr
    return root / "project" / "site"


def live_site(project: Path, published: Path) -> Path:
    """The previous build of DATA, published in `project` (as `perfsite build` there leaves it)."""
    return Path(shutil.copytree(published, project / "site", symlinks=True))


def perfsite(project: Path, env: dict[str, str], *args: str, data: Path | None = None,
             **extra: str) -> subprocess.CompletedProcess[str]:
    run_env = {**env, **extra}
    if data is not None:
        run_env["PERFSITE_DATA"] = str(data)
    return subprocess.run([sys.executable, "-m", "perfsite", *args], cwd=project, env=run_env,
                          capture_output=True, text=True, timeout=600, check=False)


def start(project: Path, env: dict[str, str], *args: str, data: Path | None = None) -> subprocess.Popen[str]:
    run_env = {**env, "PERFSITE_DATA": str(data or DATA)}
    return subprocess.Popen([sys.executable, "-m", "perfsite", *args], cwd=project, env=run_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def fewer(dest: Path, keep: int) -> Path:
    """DATA with only the first `keep` programme files."""
    shutil.copytree(DATA, dest)
    for path in self_evaluations(dest)[keep:]:
        path.unlink()
    return dest


def renamed(dest: Path) -> Path:
    """DATA with one programme's name changed: the same count, a visibly different site."""
    shutil.copytree(DATA, dest)
    path = dest / PROGRAMMES[0].relative_to(DATA)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^name:.*$", "name: 改名后的项目", text, count=1), encoding="utf-8")
    return dest


# --- one build at a time, atomic -----------------------------------------------------------------


def test_a_build_refuses_while_another_holds_the_lock_and_names_it(project: Path, env: dict[str, str]) -> None:
    lock = os.open(project / ".site.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.write(lock, "进程 4242，主机 ci，开始于 2026-01-01 00:00:00 UTC\n".encode())
        result = perfsite(project, env, "build", "--wait", "0")
    finally:
        os.close(lock)
    assert result.returncode == 1, result.stderr
    assert "进程 4242" in result.stderr and "--wait" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists() and leftovers(project) == []


def test_a_waiting_build_says_whom_it_waits_for_then_publishes(project: Path, env: dict[str, str]) -> None:
    lock = os.open(project / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.write(lock, "进程 4242，主机 ci\n".encode())
    process = start(project, env, "build", "--wait", "600")
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # blocks until the build reports that it waits
        assert "进程 4242" in first and "等待" in first, first
        assert not (project / "site").exists()
    finally:
        os.close(lock)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert read_manifest(project / "site") == Manifest.of_rows(
        {"year": p.parts[-3], "url": f"projects/{p.parts[-3]}/{p.stem}/"} for p in PROGRAMMES)
    assert leftovers(project) == []


def test_two_builds_at_once_publish_one_complete_build(project: Path, env: dict[str, str], tmp_path: Path,
                                                       published: Path) -> None:
    other = renamed(tmp_path / "other")
    ref = small_project(tmp_path / "ref-b")
    assert perfsite(ref, env, "build", data=other).returncode == 0
    references = [snapshot(published), snapshot(ref / "site")]
    assert references[0] != references[1]
    lock = os.open(project / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # both start while a third build holds the output
    try:
        builds = [start(project, env, "build", data=data) for data in (DATA, other)]
        for process in builds:
            assert process.stderr is not None
            assert "等待" in process.stderr.readline()
    finally:
        os.close(lock)  # now they race for it: one builds, the other waits for it, then builds
    for process in builds:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    assert snapshot(project / "site") in references
    assert leftovers(project) == []


# --- markedly fewer programmes ---------------------------------------------------------------------


def test_an_empty_data_tree_does_not_replace_the_live_site(project: Path, env: dict[str, str], tmp_path: Path,
                                                           published: Path) -> None:
    live_site(project, published)
    before = snapshot(project / "site")
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = perfsite(project, env, "build", data=empty)
    assert refused.returncode == 1
    assert "只有 0 个项目" in refused.stderr and f"有 {len(PROGRAMMES)} 个" in refused.stderr
    assert "--allow-drop" in refused.stderr and "PERFSITE_ALLOW_DROP=1" in refused.stderr
    assert "Building documentation" not in refused.stderr  # refused once loaded, before any page is rendered
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    allowed = perfsite(project, env, "build", "--allow-drop", data=empty)
    assert allowed.returncode == 0, allowed.stderr
    assert read_manifest(project / "site") == Manifest({})


def test_the_environment_variable_allows_a_drop_as_make_site_passes_it(project: Path, env: dict[str, str],
                                                                       tmp_path: Path, published: Path) -> None:
    live_site(project, published)
    half = fewer(tmp_path / "half", len(PROGRAMMES) // 2)
    assert perfsite(project, env, "build", data=half).returncode == 1
    result = perfsite(project, env, "build", data=half, PERFSITE_ALLOW_DROP="1")
    assert result.returncode == 0, result.stderr
    assert read_manifest(project / "site").count == len(PROGRAMMES) // 2  # type: ignore[union-attr]


@pytest.mark.parametrize(("before", "after", "refused"), [(10, 9, False), (10, 8, True), (100, 90, False),
                                                         (100, 89, True), (1, 0, True), (0, 0, False), (5, 50, False)])
def test_a_drop_of_more_than_ten_percent_needs_confirmation(before: int, after: int, refused: bool) -> None:
    def manifest(n: int) -> Manifest:
        return Manifest({"2024": [f"p{i}" for i in range(n)]} if n else {})

    message = drop_message(manifest(before), manifest(after), Path("site"), "加 --allow-drop")
    assert (message is not None) is refused
    if refused:
        assert f"2024 年 {before} → {after} 个" in message  # type: ignore[operator]


def test_no_live_site_means_nothing_to_compare(tmp_path: Path) -> None:
    assert read_manifest(tmp_path / "site") is None
    assert drop_message(None, Manifest({}), Path("site"), "") is None


def test_a_site_without_manifest_is_counted_by_its_programme_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for year, ident in (("2023", "a"), ("2023", "b"), ("2024", "c")):
        (site / "projects" / year / ident).mkdir(parents=True)
        (site / "projects" / year / ident / "index.html").write_text("<p></p>", encoding="utf-8")
    (site / "projects" / "2024" / "not-a-page").mkdir()
    assert read_manifest(site) == Manifest({"2023": ["a", "b"], "2024": ["c"]})


# --- failures leave the live site and no temporary folders --------------------------------------


def test_a_failing_build_keeps_the_previous_site_and_leaves_no_temporary_folders(
        project: Path, env: dict[str, str], tmp_path: Path, published: Path) -> None:
    live_site(project, published)
    before = snapshot(project / "site")
    broken = tmp_path / "broken"
    shutil.copytree(DATA, broken)
    target = broken / PROGRAMMES[0].relative_to(DATA)
    target.write_text(target.read_text(encoding="utf-8") + "\nindicators: [unclosed\n", encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    result = perfsite(project, env, "build", data=broken, TMPDIR=str(tmp))
    assert result.returncode == 1
    assert target.name in result.stderr and "保持不变" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == [] and list(tmp.iterdir()) == []


def test_a_killed_build_s_folder_is_removed_by_the_next_build(project: Path, env: dict[str, str]) -> None:
    stale = project / ".site-build-killed"
    (stale / "site").mkdir(parents=True)
    result = perfsite(project, env, "build")
    assert result.returncode == 0, result.stderr
    assert ".site-build-killed" in result.stderr
    assert leftovers(project) == []


def test_plain_mkdocs_build_into_a_fresh_folder_still_works_and_cleans_its_temp_folders(tmp_path: Path,
                                                                                        env: dict[str, str]) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(DATA, broken)
    target = broken / PROGRAMMES[-1].relative_to(DATA)
    target.write_text(target.read_text(encoding="utf-8") + "\nyear: [\n", encoding="utf-8")
    for data, code in ((DATA, 0), (broken, 1)):
        tmp = tmp_path / f"tmp-{code}"
        tmp.mkdir()
        out = tmp_path / f"fresh-{code}"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                                 "-d", str(out)], cwd=REPO, env={**env, "TMPDIR": str(tmp), "PERFSITE_DATA": str(data)},
                                capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr
        assert list(tmp.iterdir()) == []  # the /data/ spool, on success and on failure
    assert read_manifest(tmp_path / "fresh-0").count == len(PROGRAMMES)  # type: ignore[union-attr]
    assert (tmp_path / "fresh-0" / "index.html").is_file()


def test_a_build_failing_after_its_workers_started_stops_them_and_removes_their_folders(
        tmp_path: Path, env: dict[str, str]) -> None:
    """The workers start rendering at on_config; a docs page that collides with a generated page
    fails the build at on_files, after that."""
    from perfsite.demo import write_demo
    from perfsite.site import workers

    data = tmp_path / "demo"
    write_demo(workers.PARALLEL_FROM + 20, data, 1)
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks", "overrides"):
        (project / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "docs", project / "docs")
    (project / "docs" / "projects").mkdir(exist_ok=True)
    (project / "docs" / "projects" / "index.md").write_text("# 手写的项目页\n", encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                            cwd=project, env={**env, "TMPDIR": str(tmp), "PERFSITE_DATA": str(data),
                                              "PERFSITE_SEARCH": "1", "PERFSITE_JOBS": "2"},
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 1
    assert "docs/projects/index.md 与自动生成的页面冲突" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp.iterdir()) == []


def test_swap_exchanges_the_folders_atomically_or_restores_the_previous_site(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def folders() -> tuple[Path, Path]:
        for name, text in (("live", "旧"), ("new", "新")):
            shutil.rmtree(tmp_path / name, ignore_errors=True)
            (tmp_path / name).mkdir()
            (tmp_path / name / "index.html").write_text(text, encoding="utf-8")
        shutil.rmtree(tmp_path / "old", ignore_errors=True)
        return tmp_path / "new", tmp_path / "live"

    new, live = folders()
    swap(new, live, tmp_path / "old")
    assert (live / "index.html").read_text(encoding="utf-8") == "新"
    assert (tmp_path / "old" / "index.html").read_text(encoding="utf-8") == "旧" and not new.exists()

    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)  # a file system without RENAME_EXCHANGE
    new, live = folders()
    swap(new, live, tmp_path / "old")
    assert (live / "index.html").read_text(encoding="utf-8") == "新"

    new, live = folders()
    real_rename = os.rename

    def second_rename_fails(a: object, b: object) -> None:
        if Path(str(a)) == new:
            raise OSError(errno.ENOSPC, "No space left on device", str(b))
        real_rename(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(publish.os, "rename", second_rename_fails)
    with pytest.raises(OSError):
        swap(new, live, tmp_path / "old")
    assert (live / "index.html").read_text(encoding="utf-8") == "旧"


def test_a_full_disk_at_the_swap_says_so_and_cleans_up(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("上一次", encoding="utf-8")

    def fake_mkdocs(config: Path, staging: publish.Staging, live: Path | None, relay: object) -> int:
        (staging.site / "projects").mkdir(parents=True)
        publish.write_manifest(staging.site, [])
        (staging.tmp / "perfsite-spool-x").mkdir()
        return 0

    def disk_full(new: Path, live: Path, old: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(live))

    monkeypatch.chdir(project)
    monkeypatch.setenv("PERFSITE_LOG", str(tmp_path / "error.log"))
    monkeypatch.setattr(commands, "run_mkdocs", fake_mkdocs)
    monkeypatch.setattr(commands, "swap", disk_full)
    assert cli.main(["build", "--allow-drop"]) == 1
    err = capsys.readouterr().err
    assert "磁盘空间已满" in err and "Traceback" not in err
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "上一次"
    assert leftovers(project) == []


def test_what_was_built_is_checked_again_before_the_swap(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The hook refuses early; the manifest of the finished build is checked again, whatever wrote it."""
    (project / "site").mkdir()
    publish.write_manifest(project / "site", [{"year": 2024, "url": f"projects/2024/p{i}/"} for i in range(3)])

    def fewer_built(config: Path, staging: publish.Staging, live: Path | None, relay: object) -> int:
        staging.site.mkdir()
        publish.write_manifest(staging.site, [{"year": 2024, "url": "projects/2024/p0/"}])
        return 0

    monkeypatch.chdir(project)
    monkeypatch.setattr(commands, "run_mkdocs", fewer_built)
    assert cli.main(["build"]) == 1
    assert "2024 年 3 → 1 个" in capsys.readouterr().err
    assert read_manifest(project / "site").count == 3  # type: ignore[union-attr]
    assert cli.main(["build", "--allow-drop"]) == 0
    assert read_manifest(project / "site").count == 1  # type: ignore[union-attr]
    assert leftovers(project) == []


def test_ctrl_c_during_the_build_removes_its_folder_and_ends_with_130(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(config: Path, staging: publish.Staging, live: Path | None, relay: object) -> int:
        (staging.site / "projects").mkdir(parents=True)
        raise KeyboardInterrupt

    monkeypatch.chdir(project)
    monkeypatch.setattr(commands, "run_mkdocs", interrupted)
    assert cli.main(["build"]) == 130
    captured = capsys.readouterr()
    assert captured.err.strip().count("\n") == 0 and "已中断" in captured.err
    assert leftovers(project) == [] and not (project / "site").exists()


def test_ctrl_c_while_waiting_for_the_lock_ends_quietly(project: Path, env: dict[str, str]) -> None:
    lock = os.open(project / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        process = start(project, env, "build")
        assert process.stderr is not None
        assert "等待" in process.stderr.readline()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        os.close(lock)
    assert process.returncode == 130
    assert err.strip().splitlines() == [err.strip()] and "已中断" in err
    assert leftovers(project) == []


# --- every entry the loader skips is named ------------------------------------------------------


def test_skipped_entries_are_named(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    year = root / "2021"
    shutil.copy(PROGRAMMES[0], year / "upper.YAML")
    shutil.copy(PROGRAMMES[0], year / "mixed.Yml")
    (year / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (year / "loop.yaml").symlink_to("loop.yaml")
    (year / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    (year / "notes.md").symlink_to(REPO / "README.md")
    os.mkfifo(year / "pipe.yaml")
    (year / "readme.txt").write_text("不是数据", encoding="utf-8")
    tree = scan_tree(root, root)
    named = {p.file: p.message for p in tree.skipped}
    assert set(named) == {"2021/upper.YAML", "2021/mixed.Yml", "2021/dangling.yaml", "2021/loop.yaml",
                          "2021/linked-folder", "2021/notes.md", "2021/pipe.yaml"}
    assert "小写" in named["2021/upper.YAML"] and "管道" in named["2021/pipe.yaml"]
    assert "成环" in named["2021/loop.yaml"] and "文件夹" in named["2021/linked-folder"]
    assert [p.relative_to(root) for p in tree.files] == [p.relative_to(DATA) for p in data_files(DATA)]
    data = load_dataset(root, root)
    assert data.ok and len(data.programmes) == len(PROGRAMMES)
    assert {p.file for p in data.problems if p.file in named} == set(named)


def test_check_and_build_name_skipped_entries(project: Path, env: dict[str, str], tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    shutil.copy(PROGRAMMES[0], root / "2022" / "LOUD.YAML")
    (root / "2022" / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    checked = perfsite(project, env, "check", str(root))
    built = perfsite(project, env, "build", data=root)
    assert built.returncode == 0, built.stderr
    for output in (checked.stdout, built.stderr):
        assert "LOUD.YAML" in output and "gone.yaml" in output


def test_an_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    real_scandir = os.scandir

    def denied(path: str) -> object:
        if Path(path) == root / "2021":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    tree = scan_tree(root, root)
    assert [(p.file, p.severity) for p in tree.skipped] == [("2021", Severity.ERROR)]
    assert "无法读取目录" in tree.skipped[0].message
    assert not [p for p in tree.files if p.parent.parent.name == "2021"]


# --- no traceback anywhere ------------------------------------------------------------------------


def test_a_closed_pipe_ends_quietly(env: dict[str, str]) -> None:
    process = subprocess.Popen([sys.executable, "-m", "perfsite", "check", str(DATA), "--no-cache"], cwd=REPO,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader went away before anything was written (`| head -0`)
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert err == ""


def test_an_unexpected_failure_is_one_sentence_and_the_traceback_is_logged(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = tmp_path / "error.log"
    monkeypatch.setenv("PERFSITE_LOG", str(log))

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("内部状态不一致")

    monkeypatch.setattr(checkcache, "check_tree", broken)  # cmd_check imports it when it runs
    assert cli.main(["check", str(DATA)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "检查数据" in err and str(log) in err
    assert "Traceback" in log.read_text(encoding="utf-8") and "内部状态不一致" in log.read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        cli.main(["--debug", "check", str(DATA)])


def test_a_full_disk_in_check_says_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/var/cache/perfsite/check.pickle")

    monkeypatch.setattr(checkcache, "check_tree", full)
    assert cli.main(["check", str(DATA)]) == 1
    err = capsys.readouterr().err
    assert "磁盘空间已满" in err and "/var/cache/perfsite/check.pickle" in err


def test_the_hook_turns_a_failure_into_a_plugin_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setenv("PERFSITE_LOG", str(tmp_path / "error.log"))
    spec = importlib.util.spec_from_file_location("perfsite_hook_under_test", REPO / "hooks" / "perfsite_hook.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)

    @hook.guarded
    def full_disk() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "site/index.html")

    @hook.guarded
    def bug() -> None:
        raise KeyError("rows")

    with pytest.raises(PluginError, match="磁盘空间已满"):
        full_disk()
    with pytest.raises(PluginError, match="意外错误"):
        bug()


def broken_inputs(root: Path) -> dict[str, list[str]]:
    """A broken input for every command (argv after `perfsite`)."""
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "site.yaml").unlink()
    (data / "site.yaml").mkdir()  # a directory named site.yaml
    (data / "2021" / "loop.yaml").symlink_to("loop.yaml")
    os.mkfifo(data / "2021" / "pipe.yaml")
    garbage = root / "报告.docx"
    garbage.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    sheet = root / "自评表.xlsx"
    sheet.write_bytes(b"not a zip at all")
    a_file = root / "a-file"
    a_file.write_text("x", encoding="utf-8")
    return {
        "check": ["check", str(data), "--no-cache"],
        "score": ["score", str(data / "2021" / "pipe.yaml")],
        "score-dir-site": ["score", str(data / PROGRAMMES[0].relative_to(DATA))],
        "import": ["import", str(garbage), str(sheet), "--out", str(root / "imported")],
        "new": ["new", "--year", "2024", "--name", "测试", "--out", str(a_file / "data")],
        "template": ["template", "--out", str(a_file / "模板.xlsx")],
        "demo": ["demo", "--n", "3", "--out", str(a_file / "demo")],
        "build": ["build", "--wait", "5"],
    }


def test_no_command_prints_a_traceback_on_broken_input(project: Path, env: dict[str, str], tmp_path: Path) -> None:
    commands_to_run = broken_inputs(tmp_path)
    data = tmp_path / "data"
    for name, argv in commands_to_run.items():
        result = perfsite(project, env, *argv, data=data)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, f"{name}:\n{output}"
        assert result.returncode in (1, 2), f"{name} exited {result.returncode}:\n{output}"
        assert output.strip(), f"{name} said nothing"
    assert leftovers(project) == []


def test_mkdocs_own_traceback_becomes_one_sentence_and_goes_to_the_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    log = tmp_path / "error.log"
    monkeypatch.setenv("PERFSITE_LOG", str(log))
    stream = io.BytesIO(b"INFO    -  Cleaning site directory\n"
                        b"Traceback (most recent call last):\n"
                        b'  File "mkdocs/commands/build.py", line 1, in build\n'
                        b"jinja2.exceptions.TemplateSyntaxError: unexpected '}'\n"
                        b"Aborted!\n")
    commands.Relay(verbose=True).read(stream)
    err = capsys.readouterr().err
    assert err.startswith("INFO    -  Cleaning site directory\n")
    assert "Traceback" not in err and "TemplateSyntaxError" in err and str(log) in err
    assert len(err.splitlines()) == 2
    assert 'File "mkdocs/commands/build.py"' in log.read_text(encoding="utf-8")


def test_a_file_the_loader_fails_on_is_that_file_s_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import perfsite.dataset as dataset

    monkeypatch.setenv("PERFSITE_LOG", str(tmp_path / "error.log"))
    victim = PROGRAMMES[0]

    def read(path: Path, *args: object) -> object:
        if path == victim:
            raise RecursionError("maximum recursion depth exceeded")
        return real_read(path, *args)

    real_read = dataset.read_document
    monkeypatch.setattr(dataset, "read_document", read)
    data = load_dataset(DATA, DATA.parent)
    errors = [p for p in data.problems if p.severity is Severity.ERROR]
    assert [p.file for p in errors] == [victim.relative_to(DATA.parent).as_posix()]
    assert "嵌套过深" in errors[0].message
    assert len(data.programmes) == len(PROGRAMMES) - 1


def test_a_check_cache_that_cannot_be_written_leaves_no_partial_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from perfsite import checkcache

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pickle, "dump", full)
    store = tmp_path / "cache" / "check.pickle"
    checkcache._save(store, {})
    assert list(store.parent.iterdir()) == []



def test_fuzzed_data_commits_leave_the_previous_site_or_a_complete_new_one(
        project: Path, env: dict[str, str], tmp_path: Path, published: Path) -> None:
    """Whatever a data commit does to a programme file (hostile or broken lines, truncation), a
    build publishes either nothing (the previous site, byte for byte) or a complete new site whose
    manifest lists exactly the programme pages it holds; never a mix, never a traceback."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    live_site(project, published)
    lines = st.sampled_from(["weight: 1e400", "score: 1e-999999999", "name: '=HYPERLINK(\"x\")'", "- [", "year: 20x1",
                             "indicators: []", "  - {name: 新, weight: 5}", "\u202e", "!!python/object:os.system ls", ""])

    @settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(which=st.integers(0, len(PROGRAMMES) - 1), cut=st.floats(0, 1), line=lines)
    def commit(which: int, cut: float, line: str) -> None:
        data = tmp_path / "data"
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(DATA, data)
        target = data / PROGRAMMES[which].relative_to(DATA)
        text = target.read_text(encoding="utf-8")
        target.write_text(text[: int(len(text) * cut)] + "\n" + line + "\n", encoding="utf-8")
        before = snapshot(project / "site")
        result = perfsite(project, env, "build", "--allow-drop", data=data)
        assert "Traceback" not in result.stdout + result.stderr
        assert leftovers(project) == []
        if result.returncode != 0:
            assert snapshot(project / "site") == before
            return
        assert (project / "site" / "perfsite-manifest.json").is_file()
        manifest = read_manifest(project / "site")
        assert manifest is not None
        pages = {p.parent.relative_to(project / "site").as_posix()
                 for p in (project / "site" / "projects").glob("*/*/index.html")}
        assert pages == {f"projects/{year}/{ident}" for year, ids in manifest.years.items() for ident in ids}

    commit()


def test_sigterm_during_a_build_removes_its_folder_and_the_handler_goes_with_the_build(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A cancelled CI job (SIGTERM) cleans up like Ctrl-C; after the build the process's own
    SIGTERM behaviour is back (an in-process caller, e.g. a test run, must still die on `kill`)."""
    seen: list[object] = []

    def terminated(config: Path, staging: publish.Staging, live: Path | None, relay: object) -> int:
        (staging.site / "projects").mkdir(parents=True)
        seen.append(signal.getsignal(signal.SIGTERM))
        os.kill(os.getpid(), signal.SIGTERM)
        return 0

    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    monkeypatch.chdir(project)
    monkeypatch.setattr(commands, "run_mkdocs", terminated)
    with pytest.raises(SystemExit) as ended:
        cli.main(["build"])
    assert ended.value.code == 128 + signal.SIGTERM
    assert callable(seen[0]) and seen[0] is not signal.SIG_DFL
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert leftovers(project) == [] and not (project / "site").exists()
    capsys.readouterr()
