"""The CI workflows and pre-commit hook `perfsite init` writes compare with the published version
(perfsite check --since): each script is run here in a real git repository, `perfsite` replaced
by a stand-in that records its arguments."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from perfsite.scaffold import scaffold

ZEROS = "0" * 40


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    scaffold(root, "某县预算绩效信息公开")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "一"], ["commit", "-q", "--allow-empty", "-m", "二"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)
    stand_in = tmp_path / "bin" / "perfsite"
    stand_in.parent.mkdir()
    stand_in.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path / "calls"}\n')
    stand_in.chmod(0o755)
    return root


def head(root: Path, rev: str = "HEAD") -> str:
    return subprocess.run(["git", "rev-parse", rev], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def run(root: Path, script: str, **env: str) -> list[str]:
    path = f"{root.parent / 'bin'}:{os.environ['PATH']}"
    subprocess.run(["bash", "-e", "-c", script], cwd=root, check=True, capture_output=True,
                   env={**os.environ, "PATH": path, **env})
    return (root.parent / "calls").read_text(encoding="utf-8").splitlines()


def github_step(root: Path) -> str:
    steps = yaml.safe_load((root / ".github/workflows/site.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # the commit before the push must be there
    return next(s["run"] for s in steps if s.get("name") == "检查数据")


def test_github_compares_a_push_with_the_commit_before_it(site: Path) -> None:
    before = head(site, "HEAD~1")
    assert run(site, github_step(site), EVENT="push", BEFORE=before) == [f"check data --format github --since {before}"]


def test_github_compares_a_pull_request_with_its_merge_base(site: Path) -> None:
    base = head(site, "HEAD~1")
    assert run(site, github_step(site), EVENT="pull_request", BASE=base) == [f"check data --format github --since {base}"]


@pytest.mark.parametrize("before", [ZEROS, "1234567" * 5 + "12345", ""])
def test_github_without_a_published_version_checks_only(site: Path, before: str) -> None:
    """A new branch's first push (zeros), a commit force-pushed away, a manual run."""
    assert run(site, github_step(site), EVENT="push", BEFORE=before) == ["check data --format github"]


def gitlab_script(root: Path) -> str:
    ci = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["variables"]["GIT_DEPTH"] == "0"
    return next(line for line in ci[".build"]["script"] if "perfsite check" in line)


def test_gitlab_compares_with_the_commit_before_the_push_or_the_merge_request_base(site: Path) -> None:
    before = head(site, "HEAD~1")
    assert run(site, gitlab_script(site), CI_COMMIT_BEFORE_SHA=before) == [f"check data --since {before}"]
    assert run(site, gitlab_script(site), CI_COMMIT_BEFORE_SHA=ZEROS, CI_MERGE_REQUEST_DIFF_BASE_SHA=before)[-1] \
        == f"check data --since {before}"


def test_gitlab_new_branch_without_the_default_branch_checks_only(site: Path) -> None:
    assert run(site, gitlab_script(site), CI_COMMIT_BEFORE_SHA=ZEROS, CI_DEFAULT_BRANCH="main") == ["check data"]


def test_pre_commit_compares_with_head(site: Path) -> None:
    config = yaml.safe_load((site / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["id"] == "perfsite-check" and hook["args"] == ["data", "--since", "HEAD"]
    assert hook["always_run"] is True  # pre-commit leaves a deleted file out of the files it runs a hook for
