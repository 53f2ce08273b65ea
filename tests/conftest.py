"""Shared pytest fixtures.

Sections are independent; add new fixtures in a section of their own.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from core_helpers import core_minimal_programme


def pytest_configure(config: pytest.Config) -> None:
    """A shell starts a background job (`make test &`, `nohup …`) with Ctrl-C (SIGINT) ignored,
    and every process the tests start inherits that: the tests that stop a preview or a build
    with Ctrl-C need it heard, as it is from a terminal."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if not hasattr(config, "workerinput"):  # the run's first process: its test processes start after this
        from conftest_site import SHARED_ENV

        shared = tempfile.mkdtemp(prefix="perfsite-tests-")
        os.environ[SHARED_ENV] = shared
        # Builds without a build cache still share compiled templates (nothing they publish; 0.6 CPU s a build).
        os.environ.setdefault("PERFSITE_TEMPLATE_CACHE", os.path.join(shared, "jinja"))
        # A damaged file's reader exception goes to the error log: the run's own, not the user's cache.
        os.environ.setdefault("PERFSITE_LOG", os.path.join(shared, "error.log"))
        os.environ.setdefault("PERFSITE_CACHE", os.path.join(shared, "check-cache"))  # nor `check`'s cache
        keep_bytecode_for_the_run(shared)
        config.add_cleanup(lambda: shutil.rmtree(shared, ignore_errors=True))


def keep_bytecode_for_the_run(shared: str) -> None:
    """Where PYTHONDONTWRITEBYTECODE is set (some sandboxes and CI images set it), every Python
    process the tests start (a `perfsite` command, an `mkdocs build`, bench/run.py) compiled
    perfsite again: about 0.5 CPU s each (one counted run started 74 `perfsite build` and 64
    `mkdocs build` subprocesses besides the other commands). The run's processes write
    their bytecode under the run's own folder instead (PYTHONPYCACHEPREFIX), removed with it, so
    the tree stays as free of .pyc files as the setting asks and a module is compiled once a run:
    three modules that start many (test_cli, test_cli_output, test_harden_publish) took 62.2 and
    51.2 → 42.5 and 41.2 CPU s (two pairs, tests/README.md). Under a prefix a library's own
    __pycache__ is not read, so each library is compiled once into the folder too (about 2 CPU s
    a run); the two test processes collect at the same time, so both still compile the tests."""
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX"):
        os.environ["PYTHONPYCACHEPREFIX"] = os.path.join(shared, "bytecode")
        del os.environ["PYTHONDONTWRITEBYTECODE"]


@pytest.hookimpl(hookwrapper=True)
def pytest_collection(session: pytest.Session) -> Iterator[None]:
    """Python's cyclic collector off while the tests are collected, then what collection left
    out of its reach (gc.freeze). Collecting the suite's ~6,000 tests builds ~270,000 long-lived
    objects (forms, parameters, items) and the collector walked them again and again: 4.4 of a
    test process's 13.0 CPU s of collection; and every full collection while the tests run walked
    them once more (tests/README.md, 测试用时). Garbage collection itself is unchanged: one full
    collection here, and everything made after is collected as usual. A build in the process
    thaws it all when it ends (perfsite.site.session); freezing it again then costs a full
    collection of the build's heap (0.9 CPU s measured), more than the walks it saves."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.freeze()
        gc.enable()


REPO = Path(__file__).resolve().parent.parent


os.environ["PERFSITE_BUILD_CACHE"] = "0"
"""Builds in tests render every page (a build cache beside the repository's mkdocs.yml would
answer one test's build from another's, module fixtures included); tests of the cache set their own."""

# --------------------------------------------------------------------------------------------
# Core data tree (used by the core suite: test_dataset.py, test_cli.py, test_report.py, …).
#
# A small data tree written from Python dicts: site.yaml and three programme files, one with
# its indicator table in a CSV beside it. Every figure below was computed by hand:
#
#   2021/jiaoyu/alpha.yaml   60 × 900/1000 = 54.00, 40 × 1 = 40.00         → 94.00 优
#   2022/weisheng/beta.yaml  执行率 72/100: 20 × 72% = 14.40; 30 − 1 × 2 = 28.00;
#                            ≤50万元 vs 62.5万元: 50 × 50/62.5 = 40.00      → 82.40 良
#   2022/nongye/gamma.yaml   (CSV) 50 × 150/200 = 37.50; 20.00; bands 92% ≥ 90% → 30.00
#                                                                            → 87.50 良
# --------------------------------------------------------------------------------------------

CORE_SITE: dict[str, object] = {"title": "测试站点", "publisher": "测试县财政局"}

CORE_ALPHA: dict[str, object] = {
    "name": "学生资助",
    "year": 2021,
    "department": "测试县教育局",
    "region": "测试县",
    "series": "xuesheng-zizhu",
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "资助人数", "weight": 60,
         "target": "≥1000人", "actual": "900人", "score": 54, "remark": "部分学生转学"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "weight": 40,
         "target": "≥90%", "actual": "95%", "score": 40},
    ],
    "reported": {"score": 94, "grade": "优秀"},
}

CORE_BETA: dict[str, object] = {
    "name": "村医补助",
    "year": 2022,
    "department": "测试县卫健局",
    "budget": {"unit": "万元", "budget": {"county": 100}, "funded": {"county": 80}, "spent": {"county": 72}},
    "indicators": [
        {"level1": "预算执行指标", "level2": "预算执行指标", "name": "预算执行率", "weight": 20,
         "target": "100%", "actual": "72%", "score": "14.4", "rule": "budget", "remark": "资金下达较晚"},
        {"level1": "产出指标", "level2": "质量指标", "name": "规范使用", "weight": 30,
         "target": "无违规", "actual": "发现2处不规范", "score": 28,
         "rule": {"type": "deduct", "per": 1, "count": 2}, "remark": "已整改"},
        {"level1": "效益指标", "level2": "成本指标", "name": "人均成本", "weight": 50,
         "target": "≤50万元", "actual": "62.5万元", "score": 40, "remark": "物价上涨"},
    ],
    "reported": {"score": "82.4", "grade": "良好"},
}

CORE_GAMMA: dict[str, object] = {
    "name": "农机补贴",
    "year": 2022,
    "department": "测试县农业局",
}

CORE_GAMMA_CSV = (
    "一级指标,二级指标,三级指标,分值,年度指标值,实际完成值,得分,规则,偏差原因分析及改进措施\n"
    "产出指标,数量指标,补贴台数,50,≥200台,150台,37.5,,部分农户延迟购机\n"
    ",时效指标,资金兑付及时率,20,100%,100%,20,,\n"
    '效益指标,满意度指标,农户满意度,30,≥90%,92%,30,"{type: bands, bands: [{min: 90%, score: 30}, {min: 80%, score: 20}]}",\n'
)


def write_yaml_file(path: Path, data: dict[str, object] | str) -> Path:
    """Write a programme (or site) file from a dict (dumped as YAML) or from YAML text (dedented)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        text = textwrap.dedent(data).lstrip("\n")
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def build_core_data_tree(root: Path) -> Path:
    """Write the core data tree (site.yaml + alpha, beta, gamma with its CSV) under `root`."""
    write_yaml_file(root / "site.yaml", CORE_SITE)
    write_yaml_file(root / "2021" / "jiaoyu" / "alpha.yaml", CORE_ALPHA)
    write_yaml_file(root / "2022" / "weisheng" / "beta.yaml", CORE_BETA)
    write_yaml_file(root / "2022" / "nongye" / "gamma.yaml", CORE_GAMMA)
    (root / "2022" / "nongye" / "gamma.indicators.csv").write_text(CORE_GAMMA_CSV, encoding="utf-8")
    return root


@pytest.fixture
def core_data_tree(tmp_path: Path) -> Path:
    """A valid data tree of three programmes under tmp_path/data (see the table above)."""
    return build_core_data_tree(tmp_path / "data")


@pytest.fixture
def core_write() -> Callable[[Path, dict[str, object] | str], Path]:
    """`core_write(path, dict_or_yaml_text)` writes one YAML file, creating folders."""
    return write_yaml_file


@pytest.fixture
def core_programme() -> Callable[..., dict[str, object]]:
    """`core_programme(**overrides)`: a fresh valid programme dict (see core_minimal_programme)."""
    return core_minimal_programme


# --------------------------------------------------------------------------------------------
# The sample site (data/ built with the run's settings), shared by the modules that only read it.
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_site() -> Path:
    """data/ as `mkdocs build --strict` publishes it, for test_downloads, test_site_build and the
    browser modules, which each built the same bytes: one build for the whole run
    (conftest_site.shared_sample_site). Read only."""
    from conftest_site import shared_sample_site

    return shared_sample_site()
