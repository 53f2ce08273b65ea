"""The wheel, installed into a fresh virtual environment, is all a bureau needs: `perfsite init`
makes a repository that `perfsite build` and plain `mkdocs build` turn into the same site, with
Material's own settings (site_name, palette, logo, custom_dir) honoured.

The wheel is built once from a copy of the sources and installed with --no-deps; its
dependencies come from this interpreter's site-packages through a .pth file (no network). That
folder's own .pth files are not run, so an editable install of perfsite there stays out of it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("perfsite", "perfsite_mkdocs", "pyproject.toml", "README.md", "LICENSE")


class Installed:
    def __init__(self, root: Path, wheel: Path):
        self.root = root
        self.wheel = wheel
        self.bin = root / "env" / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / "python"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PERFSITE_DATA", "PERFSITE_SEARCH")}
        return {**env, "PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}", "NO_MKDOCS_2_WARNING": "1",
                "SOURCE_DATE_EPOCH": "1700000000", "PERFSITE_SEARCH": "0",
                "XDG_CACHE_HOME": str(self.root / "cache"), "PERFSITE_LOG": str(self.root / "error.log"), **extra}

    def run(self, *args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(a) for a in args], cwd=cwd, env=self.env(**extra), capture_output=True, text=True,
                              timeout=300, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("package")
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-w", str(root / "dist"), str(source)], check=True, timeout=300)
    wheel = next((root / "dist").glob("perfsite-*.whl"))
    venv.EnvBuilder(with_pip=False).create(root / "env")
    done = Installed(root, wheel)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(done.python), "install", "--quiet", "--no-deps",
                    "--no-index", "--disable-pip-version-check", str(wheel)], check=True, timeout=300,
                   env=done.env())  # without PYTHONPATH: a checkout on it would count as installed already
    purelib = subprocess.run([str(done.python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return done


@pytest.fixture(scope="module")
def bureau(installed: Installed) -> Path:
    """A repository made by `perfsite init`, built once with `perfsite build`."""
    root = installed.root / "bureau"
    result = installed.run("perfsite", "init", root, "--title", "示例县预算绩效信息公开", cwd=installed.root)
    assert result.returncode == 0, result.stderr
    built = installed.run("perfsite", "build", cwd=root)
    assert built.returncode == 0, built.stderr
    (installed.root / "build.log").write_text(built.stderr, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_wheel_carries_templates_assets_overrides_and_the_scaffold(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for wanted in ("perfsite/templates/programme.html", "perfsite/assets/perfsite.css",
                   "perfsite_mkdocs/overrides/main.html", "perfsite_mkdocs/overrides/partials/copyright.html",
                   "perfsite/scaffold/mkdocs.yml", "perfsite/scaffold/github-workflow.yml",
                   "perfsite/scaffold/gitlab-ci.yml", "perfsite/scaffold/pre-commit-config.yaml"):
        assert wanted in names
    assert any(n.endswith("/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names)
    metadata = zipfile.ZipFile(installed.wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    requires = [line for line in metadata.decode().splitlines() if line.startswith("Requires-Dist:")]
    assert not any("pandas" in line and "extra ==" not in line for line in requires)  # pandas only in the extra
    assert any("pandas" in line and 'extra == "import"' in line for line in requires)


def test_the_plugin_entry_point_is_registered(installed: Installed) -> None:
    code = ("from importlib.metadata import entry_points; import perfsite; "
            "print([e.value for e in entry_points(group='mkdocs.plugins') if e.name == 'perfsite']); print(perfsite.__file__)")
    result = installed.run(installed.python, "-c", code, cwd=installed.root)
    assert result.returncode == 0, result.stderr
    values, location = result.stdout.splitlines()
    assert values == "['perfsite_mkdocs.plugin:PerfsitePlugin']"
    assert location.startswith(str(installed.root / "env"))  # the wheel's copy, not the checkout's


def test_init_makes_a_repository_that_builds_with_the_package_alone(installed: Installed, bureau: Path) -> None:
    for name in ("mkdocs.yml", "data/site.yaml", "README.md", ".github/workflows/site.yml", ".gitlab-ci.yml",
                 ".pre-commit-config.yaml", "requirements.txt"):
        assert (bureau / name).is_file(), name
    assert not (bureau / "hooks").exists()
    config = yaml.safe_load((bureau / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"perfsite": {"data_dir": "data"}}]
    pre_commit = yaml.safe_load((bureau / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert pre_commit["repos"][0]["repo"] == "local"
    assert (bureau / "wheelhouse" / installed.wheel.name).read_bytes() == installed.wheel.read_bytes()
    assert "本仓库保存本单位公开的预算绩效信息" in (bureau / "README.md").read_text(encoding="utf-8")
    site = bureau / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "- 示例县预算绩效信息公开</title>" in home
    manifest = json.loads((site / "perfsite-manifest.json").read_text(encoding="utf-8"))
    assert manifest["years"] == {"2024": ["nongcun-gonglu-yanghu"]}
    page = (site / "projects/2024/nongcun-gonglu-yanghu/index.html").read_text(encoding="utf-8")
    assert "示例农村公路养护项目" in page and "99.50" in page
    assert (site / "assets/perfsite/perfsite.css").is_file()  # the plugin adds its CSS without mkdocs.yml listing it
    assert 'href="../assets/perfsite/perfsite.css"' in (site / "method/index.html").read_text(encoding="utf-8")


def test_requirements_txt_installs_perfsite_from_the_wheelhouse(installed: Installed, bureau: Path) -> None:
    """`pip install -r requirements.txt`, the new repository's first step and its CI's, in a fresh
    environment with no index: perfsite comes from wheelhouse/ (it is not on PyPI); every other pin
    must already be met by this interpreter's packages (installed from requirements.lock), which
    the environment sees through a folder of links that leaves perfsite's own out."""
    deps = installed.root / "deps"
    deps.mkdir()
    for entry in Path(sysconfig.get_path("purelib")).iterdir():
        if not entry.name.lower().startswith(("perfsite", "__editable__", "_perfsite")) and entry.suffix != ".pth":
            (deps / entry.name).symlink_to(entry)
    fresh = installed.root / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "zz_dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    env = {k: v for k, v in installed.env().items() if not k.startswith("PIP_")}
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index",
                             "--isolated", "--disable-pip-version-check", "-r", "requirements.txt"],
                            cwd=bureau, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Successfully installed perfsite-{installed.wheel.name.split('-')[1]}" in result.stdout
    where = subprocess.run([str(python), "-c", "import perfsite; print(perfsite.__file__)"], cwd=bureau, capture_output=True,
                           text=True, check=True, env=env).stdout
    assert where.startswith(purelib)


def test_the_build_names_the_example_data_and_settings_before_its_summary(installed: Installed, bureau: Path) -> None:
    lines = (installed.root / "build.log").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("提示（发布前）") and lines[-1].startswith("已发布 1 个项目到 site/")
    assert "    data/site.yaml 第 4 行 publisher「示例县财政局」" in lines
    assert "    data/2024/shili/nongcun-gonglu-yanghu.yaml" in lines
    assert not any(line.startswith(("INFO ", "WARNING ")) for line in lines)


def test_ci_workflows_check_and_build_with_a_cache(bureau: Path) -> None:
    github = yaml.safe_load((bureau / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "perfsite check data" in runs and "perfsite build" in runs and "SOURCE_DATE_EPOCH" in runs
    cached = [step for step in steps if step.get("uses", "").startswith("actions/cache")]
    assert cached and cached[0]["with"]["path"].split() == [".cache/perfsite", ".cache/perfsite-build"]
    env = github["jobs"]["build"]["env"]
    assert env["PERFSITE_CACHE"].endswith(".cache/perfsite") and env["PERFSITE_BUILD_CACHE"].endswith(".cache/perfsite-build")
    gitlab = yaml.safe_load((bureau / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {".cache/perfsite", ".cache/perfsite-build"} <= set(gitlab["cache"]["paths"])
    assert gitlab["variables"]["PERFSITE_CACHE"].endswith(".cache/perfsite")
    assert gitlab["variables"]["PERFSITE_BUILD_CACHE"].endswith(".cache/perfsite-build")
    assert "perfsite build --site-dir public" in gitlab[".build"]["script"]


def test_plain_mkdocs_build_makes_the_same_site(installed: Installed, bureau: Path) -> None:
    out = installed.root / "plain"
    result = installed.run(installed.python, "-m", "mkdocs", "build", "--strict", "-d", out, cwd=bureau)
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == snapshot(bureau / "site")


def test_init_refuses_a_folder_that_holds_anything(installed: Installed, tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "笔记.txt").write_text("我的笔记", encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    for target in (full, a_file):
        result = installed.run("perfsite", "init", target, cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "perfsite init:" in result.stderr
    assert sorted(p.name for p in full.iterdir()) == ["笔记.txt"]
    assert (full / "笔记.txt").read_text(encoding="utf-8") == "我的笔记" and a_file.read_text(encoding="utf-8") == "x"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert installed.run("perfsite", "init", empty, cwd=tmp_path).returncode == 0


def test_material_settings_in_mkdocs_yml_win(installed: Installed, bureau: Path) -> None:
    """site_name, a named palette colour, a logo image and custom_dir overrides, on a copy of the
    repository whose site.yaml names another title."""
    root = installed.root / "material"
    shutil.copytree(bureau, root, ignore=shutil.ignore_patterns("site", ".site*"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("primary: custom", "primary: teal")
    config = re.sub(r"  icon:\n    logo: [^\n]*\n", "  logo: assets/logo.png\n", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site_yaml = root / "data/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("title: \"示例县预算绩效信息公开\"",
                                                                      "title: 另一个名称"), encoding="utf-8")
    (root / "docs/assets").mkdir()
    (root / "docs/assets/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "overrides/partials").mkdir(parents=True)
    (root / "overrides/partials/copyright.html").write_text("<p>本单位自己的页脚</p>", encoding="utf-8")
    (root / "overrides/perfsite").mkdir()
    home = (REPO / "perfsite/templates/home.html").read_text(encoding="utf-8")
    (root / "overrides/perfsite/home.html").write_text("<p>本单位自己的首页说明</p>\n" + home, encoding="utf-8")
    out = installed.root / "material-site"
    result = installed.run(installed.python, "-m", "mkdocs", "build", "--strict", "-d", out, cwd=root)
    assert result.returncode == 0, result.stderr
    assert "site_name「示例县预算绩效信息公开」" in result.stderr and "另一个名称" in result.stderr
    assert str(site_yaml) in result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "- 示例县预算绩效信息公开</title>" in index and "另一个名称" not in index
    assert 'data-md-color-primary="teal"' in index
    assert 'src="assets/logo.png"' in index
    assert "本单位自己的页脚" in index
    assert "本单位自己的首页说明" in index
    method = (out / "method/index.html").read_text(encoding="utf-8")
    assert "本单位自己的首页说明" not in method  # only the overridden template changed


def test_the_build_runs_without_fork(installed: Installed, tmp_path: Path) -> None:
    """Where os.fork is missing (Windows) the build's workers, check and import run in one process."""
    from perfsite.site.workers import PARALLEL_FROM

    data = tmp_path / "demo"
    assert installed.run("perfsite", "demo", "--n", str(PARALLEL_FROM + 10), "--out", data, cwd=tmp_path).returncode == 0
    root = tmp_path / "bureau"
    assert installed.run("perfsite", "init", root, cwd=tmp_path).returncode == 0
    no_fork = ("import multiprocessing, os, sys; multiprocessing.get_all_start_methods = lambda: ['spawn']; "
               "del os.fork; from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '--strict']; cli()")
    result = installed.run(installed.python, "-c", no_fork, cwd=root, PERFSITE_DATA=str(data), PERFSITE_JOBS="4")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((root / "site/perfsite-manifest.json").read_text(encoding="utf-8"))
    assert sum(len(ids) for ids in manifest["years"].values()) == PARALLEL_FROM + 10


def test_bulk_import_without_pandas_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """pandas is in the `import` extra only: a finance-system export read without it names the
    package and the command that installs it, and writes nothing."""
    from test_import_bulk import HEAD, ROWS, xlsx

    from perfsite.cli import main

    export = xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS])
    monkeypatch.setitem(sys.modules, "pandas", None)  # what `import pandas` finds where it is not installed
    assert main(["import", str(export), "--out", str(tmp_path / "out")]) == 1
    shown = capsys.readouterr()
    assert "需要 Python 包 pandas" in shown.out and "pip install -r requirements-import.txt" in shown.out
    assert "Traceback" not in shown.out + shown.err
    assert not list(tmp_path.glob("out/**/*.yaml"))
