"""perfsite.cli: `perfsite check` and `perfsite score`, their output and exit codes (0 / 1 / 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from perfsite.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED_000 = REPO / "data" / "2021" / "quwo" / "xiaoshenggui.yaml"
SEED_002 = REPO / "data" / "2022" / "zhongxiaoqiye" / "zhongxiaoqiye-fazhan.yaml"

INDICATOR_KEYS = {"name", "weight", "completion", "score", "reported_score", "rule"}


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """`check` keeps a cache; keep it out of the user's home."""
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def usage_error(capsys, *argv):
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    return info.value.code, capsys.readouterr().err


def add_discrepancy(root: Path, core_write, core_programme):
    data = core_programme()
    data["indicators"][0].update(actual="9个", score=58, remark="说明")  # computed 54.00
    core_write(root / "2021" / "x" / "disc.yaml", data)


# ------------------------------------------------------------------ check

def test_check_valid_tree_exits_0(capsys, core_data_tree):
    code, out, _ = run(capsys, "check", str(core_data_tree))
    assert code == 0
    assert "通过" in out and "检查了 3 个项目文件" in out


def test_check_defaults_to_data(capsys, core_data_tree, monkeypatch):
    monkeypatch.chdir(core_data_tree.parent)
    code, out, _ = run(capsys, "check")
    assert code == 0 and "检查了 3 个项目文件" in out


def test_check_error_exits_1(capsys, core_data_tree, core_write, core_programme):
    data = core_programme()
    data["indicators"][0]["weight"] = "十八"
    core_write(core_data_tree / "2021" / "x" / "bad.yaml", data)
    code, out, _ = run(capsys, "check", str(core_data_tree))
    assert code == 1
    assert "十八" in out and "未通过" in out


def test_check_discrepancy_passes_unless_strict(capsys, core_data_tree, core_write, core_programme):
    add_discrepancy(core_data_tree, core_write, core_programme)
    code, out, _ = run(capsys, "check", str(core_data_tree))
    assert code == 0
    assert "== 不一致（1）==" in out and "公布 58，计算 54.00" in out
    code, _, _ = run(capsys, "check", "--strict", str(core_data_tree))
    assert code == 1


def test_check_strict_ignores_warnings_and_notes(capsys, core_data_tree, core_write, core_programme):
    data = core_programme(department="未载明")
    data["indicators"][0].update(actual="9.99个", score="59.9", remark="说明")  # computed 59.94: a rounding note
    core_write(core_data_tree / "2021" / "x" / "warn.yaml", data)
    code, out, _ = run(capsys, "check", "--strict", str(core_data_tree))
    assert code == 0
    assert "== 提示（1）==" in out and "== 舍入（1）==" in out


def test_check_json(capsys, core_data_tree, core_write, core_programme):
    add_discrepancy(core_data_tree, core_write, core_programme)
    code, out, _ = run(capsys, "check", "--format", "json", str(core_data_tree))
    assert code == 0
    doc = json.loads(out)
    assert doc["ok"] is True and doc["files"] == 4
    assert doc["counts"]["discrepancy"] == 1
    problem = doc["problems"][0]
    assert (problem["severity"], problem["key"], problem["published"], problem["computed"]) == (
        "discrepancy", "indicators[1].score", "58", "54.00")
    assert {"file", "year", "id", "name", "total", "grade"} <= set(doc["programmes"][0])


def test_check_sees_a_changed_file(capsys, core_data_tree):
    assert run(capsys, "check", str(core_data_tree))[0] == 0
    alpha = core_data_tree / "2021" / "jiaoyu" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("weight: 60", "weight: 65"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(core_data_tree))
    assert code == 1 and "105" in out
    csv = core_data_tree / "2022" / "nongye" / "gamma.indicators.csv"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("weight: 65", "weight: 60"), encoding="utf-8")
    csv.write_text(csv.read_text(encoding="utf-8").replace(",20,100%", ",25,100%"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(core_data_tree))
    assert code == 1 and "105" in out


def test_check_missing_dir_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "nope"))
    assert code == 2 and "nope" in err


@pytest.mark.parametrize(
    "argv",
    [[], ["check", "--format", "xml"], ["check", "--bogus"], ["frobnicate"], ["score"], ["score", "a.yaml", "--strict"]],
)
def test_bad_usage_exits_2(capsys, argv):
    code, err = usage_error(capsys, *argv)
    assert code == 2
    assert "用法错误" in err or "usage" in err


# ------------------------------------------------------------------ score

@pytest.mark.parametrize(("path", "total"), [(SEED_000, "99.10"), (SEED_002, "96.42")])
def test_score_seed_json(capsys, path, total):
    code, out, _ = run(capsys, "score", str(path), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert {"total", "grade", "reported_total", "reported_grade", "discrepancies", "warnings"} <= set(doc)
    assert (doc["total"], doc["grade"], doc["reported_total"]) == (total, "优", total)
    assert doc["discrepancies"] == []
    assert all(set(i) >= INDICATOR_KEYS for i in doc["indicators"])


def test_score_seed_000_json_reported_grade(capsys):
    doc = json.loads(run(capsys, "score", str(SEED_000), "--format", "json")[1])
    assert doc["reported_grade"] == "优秀"
    assert [w["key"] for w in doc["warnings"]] == ["department"]
    judged = doc["indicators"][4]
    assert (judged["name"], judged["weight"], judged["completion"], judged["score"], judged["reported_score"], judged["rule"]) == (
        "经济效益增长", "18.00", "95.00", "17.10", "17.10", "judged")


def test_score_seed_002_reported_grade_is_null(capsys):
    doc = json.loads(run(capsys, "score", str(SEED_002), "--format", "json")[1])
    assert doc["reported_grade"] is None
    row = next(i for i in doc["indicators"] if i["name"] == "预算执行率")
    assert (row["completion"], row["score"], row["reported_score"], row["rule"]) == ("97.94", "3.92", "3.92", "budget")


def test_score_text(capsys):
    code, out, _ = run(capsys, "score", str(SEED_000))
    assert code == 0
    assert "总得分：99.10" in out and "等级：优" in out


def test_score_file_with_errors_exits_1(capsys, tmp_path, core_write, core_programme):
    data = core_programme()
    data["indicators"][1].update(weight=35, score=35)
    path = core_write(tmp_path / "p.yaml", data)
    code, out, _ = run(capsys, "score", str(path), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert len(doc["errors"]) == 1 and "95" in doc["errors"][0]["message"]


def test_score_unreadable_file_exits_1(capsys, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: [\n", encoding="utf-8")
    code, _out, err = run(capsys, "score", str(path))
    assert code == 1 and "错误" in err


def test_score_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "score", str(tmp_path / "nope.yaml"))
    assert code == 2 and "nope.yaml" in err


def test_score_uses_the_grade_bands_of_its_tree(capsys, core_data_tree, core_write):
    core_write(core_data_tree / "site.yaml", "grades:\n  - {min: 95, label: A}\n  - {min: 0, label: B}\n")
    code, out, _ = run(capsys, "score", str(core_data_tree / "2021" / "jiaoyu" / "alpha.yaml"), "--format", "json")
    doc = json.loads(out)
    assert (doc["total"], doc["grade"]) == ("94.00", "B")
    assert code == 1  # 优秀 is no grade of this site: an error


def test_console_entry_point(tmp_path, core_data_tree):
    env = {**os.environ, "PERFSITE_CACHE": str(tmp_path / "cache")}
    ok = subprocess.run([sys.executable, "-m", "perfsite", "check", str(core_data_tree)],
                        capture_output=True, text=True, env=env, timeout=60)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "perfsite", "check", "--nope"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2
