"""`perfsite check` and `perfsite score` on 绩效目标表: counted apart from 项目, never scored,
their targets shown; the warning for a kind the site does not publish."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_kinds import targets

from perfsite.checkcache import check_tree
from perfsite.cli import main
from perfsite.dataset import load_dataset
from perfsite.kinds import KINDS, DocumentKind
from perfsite.progress import Bar
from perfsite.report import summary

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "data/2022/jiaoyu/yingyang-gaishan-mubiao.yaml"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))


def test_check_counts_target_tables_apart_from_programmes(core_data_tree, core_write, capsys):
    assert summary(check_tree(core_data_tree, core_data_tree, use_cache=False)).startswith("检查了 3 个项目文件：")
    core_write(core_data_tree / "2021/jiaoyu/alpha-mubiao.yaml", targets())
    data = check_tree(core_data_tree, core_data_tree, use_cache=False)
    assert summary(data).startswith("检查了 4 个文件（其中项目支出绩效目标表 1 个）：通过")
    assert main(["check", str(core_data_tree), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["summary"]["kinds"] == {"自评": 3, "绩效目标": 1}
    assert (payload["summary"]["files"], payload["summary"]["programmes"]) == (4, 3)


def test_score_says_a_target_table_has_no_score_and_shows_its_targets(capsys):
    assert main(["score", str(TABLE)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "绩效目标表是年初公布的目标：不计分、不评级。下面是读出的各项目标和核对结果。"
    assert "总得分" not in out and "等级：" not in out
    row = next(line for line in out.splitlines() if "受益学生人数" in line)
    assert row.split() == ["产出指标", "数量指标", "受益学生人数", "≥", "1.2", "万人", "≥1.2万人", "15", "是"]
    assert main(["score", str(TABLE), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["scored"] is False and "total" not in payload and "grade" not in payload
    assert [(i["name"], i["target_text"], i["figures"]) for i in payload["indicators"][:2]] == [
        ("受益学生人数", "≥1.2万人", ["12000人"]), ("供餐学校数", "≥46所", ["46所"])]


def test_a_kind_the_site_does_not_publish_is_checked_and_left_out_with_a_warning(core_data_tree, core_write,
                                                                               monkeypatch):
    core_write(core_data_tree / "2021/jiaoyu/alpha-mubiao.yaml", targets())
    monkeypatch.setitem(KINDS, DocumentKind.TARGETS, KINDS[DocumentKind.TARGETS].__class__(
        "项目支出绩效目标表", "targets", read=True, published=False))
    data = load_dataset(core_data_tree, core_data_tree)
    [warning] = [p for p in data.problems if "暂不为此类文件生成页面" in p.message]
    assert (warning.file, warning.line) == ("2021/jiaoyu/alpha-mubiao.yaml", 1)
    assert ("alpha", "绩效目标") in {(f.id, f.kind) for f in data.facts}  # still one per programme-year


def test_the_build_bar_counts_files_then_pages():
    from perfsite.site.session import LOAD_STAGE, PAGES_STAGE, STAGE_UNITS

    stream = io.StringIO()
    bar = Bar(stream, "个项目", clock=lambda: 0.0, units=STAGE_UNITS)
    bar(LOAD_STAGE, 12, 12)
    bar(PAGES_STAGE, 1, 12)
    assert "12/12 个文件" in stream.getvalue() and "1/12 个页面" in stream.getvalue()
