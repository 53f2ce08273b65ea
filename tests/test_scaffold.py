"""perfsite init's requirements.txt, .gitignore and pre-commit hook: perfsite from the repository's
own wheelhouse/, every other package at the version of perfsite's requirements.lock."""

from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from perfsite import __version__
from perfsite.checkcache import check_tree
from perfsite.dataset import Facts
from perfsite.scaffold import LOCK, locked_requirements, scaffold
from perfsite.scaffold.placeholders import notice
from perfsite.site import commands
from perfsite.siteconfig import SiteConfig
from perfsite_mkdocs.conventions import mkdocs_yml_wins

REPO = Path(__file__).resolve().parent.parent


def requirement_lines(root: Path) -> list[str]:
    return [line for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_the_new_repository_pins_perfsite_and_the_locked_versions(tmp_path: Path) -> None:
    scaffold(tmp_path / "site", "某县预算绩效信息公开")
    lines = requirement_lines(tmp_path / "site")
    # perfsite is not on PyPI: its committed wheel by path (a name pin would take a namesake from PyPI)
    assert lines[0] == f"./wheelhouse/perfsite-{__version__}-py3-none-any.whl"
    pins = lines[1:]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==\S+", line) for line in pins), pins
    locked = [line for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert pins == locked  # what perfsite's tests ran, not what pip resolved on the clerk's machine
    assert "pymdown-extensions==12.3" in pins  # 13.x needs Python 3.11.5; Debian 12 has 3.11.2


def test_the_shipped_lock_is_the_checkouts() -> None:
    assert (REPO / "perfsite/scaffold" / LOCK).resolve() == (REPO / "requirements.lock").resolve()
    assert locked_requirements() and not any(line.startswith("#") for line in locked_requirements())


def test_the_wheel_is_copied_into_wheelhouse_and_not_ignored(tmp_path: Path) -> None:
    wheel = tmp_path / f"perfsite-{__version__}-py3-none-any.whl"
    wheel.write_bytes(b"PK wheel")
    root = tmp_path / "site"
    scaffold(root, "某县预算绩效信息公开", wheel)
    assert (root / "wheelhouse" / wheel.name).read_bytes() == b"PK wheel"
    (root / "wheelhouse" / "mkdocs-1.6.1-py3-none-any.whl").write_bytes(b"downloaded for an offline install")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    ignored = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "wheelhouse"], cwd=root,
                             check=True, capture_output=True, text=True).stdout.split()
    assert ignored == ["??", f"wheelhouse/{wheel.name}"]


def test_pre_commit_runs_the_installed_perfsite(tmp_path: Path) -> None:
    """A `repo: local` hook: there is no perfsite repository or release tag to fetch it from."""
    scaffold(tmp_path / "site", "某县预算绩效信息公开")
    config = yaml.safe_load((tmp_path / "site/.pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and "rev" not in repo
    assert hook["language"] == "system" and hook["entry"] == "perfsite check" and hook["pass_filenames"] is False
    assert hook["args"] == ["data", "--since", "HEAD"] and hook["always_run"] is True


def site_url_warnings(caplog: pytest.LogCaptureFixture, in_use: str, serving: bool) -> list[str]:
    config = SimpleNamespace(site_name="某县", site_url=in_use)
    info = SiteConfig(title="某县", site_url="https://example.gov.cn/jxgk/")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="perfsite.mkdocs"):
        assert mkdocs_yml_wins(info, config, Path("data"), serving).site_url == in_use
    return [r.getMessage() for r in caplog.records if "site_url" in r.getMessage()]


def test_serve_does_not_warn_of_the_address_it_put_in_site_url(caplog: pytest.LogCaptureFixture) -> None:
    """`mkdocs serve` replaces site_url's host by its own, keeping the path the user wrote."""
    assert site_url_warnings(caplog, "http://127.0.0.1:8766/jxgk/", serving=True) == []
    assert site_url_warnings(caplog, "http://127.0.0.1:8766/other/", serving=True)  # the user's path differs
    assert site_url_warnings(caplog, "http://127.0.0.1:8766/jxgk/", serving=False)  # a build publishes it


def test_build_and_serve_print_perfsites_own_lines_without_mkdocs_prefix(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The lines docs/operator.md shows: perfsite's messages in Chinese with a Chinese level,
    MkDocs' own English ones as MkDocs prints them."""
    site_url = ("WARNING -  mkdocs.yml 的 site_url「https://a.gov.cn/」与 data/site.yaml 的 site_url「https://b.gov.cn/」"
                "不一致：网站使用 mkdocs.yml 的设置；请把两处改成一致\n")
    stream = [site_url.encode(), "INFO    -  预览不生成 /data/ 汇总下载\n".encode(), b"INFO    -  Building documentation...\n",
              "WARNING -  Doc file '说明.md' contains a link 'x.md', but the target is not found\n".encode(),
              "ERROR   -  data/2024/a.yaml：第 3 行：缺少 name\n".encode()]
    commands.Relay().read(iter(stream))
    assert capsys.readouterr().err.splitlines() == [
        "警告：" + site_url[len("WARNING -  "):].rstrip("\n"), "预览不生成 /data/ 汇总下载", "INFO    -  Building documentation...",
        "WARNING -  Doc file '说明.md' contains a link 'x.md', but the target is not found",
        "错误：data/2024/a.yaml：第 3 行：缺少 name"]


def test_serve_names_the_address_with_the_site_path(tmp_path: Path) -> None:
    """mkdocs serve serves under site_url's path: the address perfsite prints must open the site."""
    scaffold(tmp_path / "site", "某县")
    assert commands.mount_path(tmp_path / "site/mkdocs.yml") == "/jxgk/"
    (tmp_path / "plain.yml").write_text("site_name: x\nsite_url: 'https://a.gov.cn'  # 网址\n", encoding="utf-8")
    assert commands.mount_path(tmp_path / "plain.yml") == "/"
    assert commands.mount_path(tmp_path / "missing.yml") == "/"


def test_check_lists_what_is_still_the_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The sample programme and site.yaml's example publisher, telephone and address are named
    (file and line) before they are published; the check still passes."""
    from perfsite.cli import main

    root = tmp_path / "site"
    scaffold(root, "某县预算绩效信息公开")
    assert main(["check", str(root / "data"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    site = root / "data/site.yaml"
    assert f"{site} 第 4 行 publisher「示例县财政局」" in err and f"{site} 第 5 行 contact「0000-0000000」" in err
    assert f"{site} 第 3 行 site_url「https://example.gov.cn/jxgk/」" in err
    assert str(root / "data/2024/shili/nongcun-gonglu-yanghu.yaml") in err and "1 个文件" in err
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("示例县财政局", "某县财政局").replace("0000-0000000", "0000-1234567")
                    .replace("example.gov.cn", "czj.mou.gov.cn"), encoding="utf-8")
    (root / "data/2024/shili/nongcun-gonglu-yanghu.yaml").unlink()
    assert notice(root / "data", check_tree(root / "data", use_cache=False).facts) == ""


def test_many_samples_are_counted_not_listed(tmp_path: Path) -> None:
    facts = [Facts(f"data/{n}.yaml", 2024, f"p{n}", f"项目{n}", "某局", None, None, sample=bool(n % 4)) for n in range(8)]
    text = notice(tmp_path, facts)
    assert "示例数据（sample: true）6 个文件" in text and "另有 1 个" in text and "0.yaml" not in text


def test_init_says_when_it_has_no_wheel_and_refuses_a_wrong_one(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """This checkout is installed editable: pip recorded no wheel, so wheelhouse/ stays empty and init says so."""
    from perfsite.cli import main

    assert main(["init", str(tmp_path / "a")]) == 0
    assert "wheelhouse/ 是空的" in capsys.readouterr().err and not (tmp_path / "a/wheelhouse").exists()
    other = tmp_path / "mkdocs-1.6.1-py3-none-any.whl"
    other.write_bytes(b"PK")
    assert main(["init", str(tmp_path / "b"), "--wheel", str(other)]) == 2
    assert "不是 perfsite" in capsys.readouterr().err and not (tmp_path / "b").exists()
    ours = tmp_path / f"perfsite-{__version__}-py3-none-any.whl"
    ours.write_bytes(b"PK ours")
    assert main(["init", str(tmp_path / "c"), "--wheel", str(ours)]) == 0
    assert (tmp_path / "c/wheelhouse" / ours.name).read_bytes() == b"PK ours"
    assert "是空的" not in capsys.readouterr().err


def test_init_tells_how_to_make_the_first_commit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The new folder is not yet a git repository, and `check data --since HEAD` (its README's daily
    step, the hook and CI) compares with what is committed: init's next steps start with the commit,
    and the README says so where it asks for --since."""
    from perfsite.cli import main

    assert main(["init", str(tmp_path / "site")]) == 0
    steps = capsys.readouterr().out
    assert steps.index("git init && git add -A && git commit") < steps.index("perfsite check data")
    readme = (tmp_path / "site/README.md").read_text(encoding="utf-8")
    assert "git init && git add -A && git commit" in readme
