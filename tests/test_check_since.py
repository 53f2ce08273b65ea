"""`perfsite check --since REV`: a published figure changed without a new 更正记录 is an error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from perfsite.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "data"
SELF = "2023/jiaoyu/yingyang-gaishan.yaml"
TARGETS = "2023/jiaoyu/yingyang-gaishan-mubiao.yaml"
CSV_DOC = "2023/yibao/yiliao-jiuzhu.yaml"
ASK = "，但没有新增更正记录：请在 corrections 中写明日期、更正内容和原因"
CORRECTION = "corrections:\n  - {date: 2024-08-01, what: 预算执行率的实际完成值由98.77%更正为97.77%, why: 原表抄录错误}\n"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))
    for name, value in (("GIT_AUTHOR_NAME", "t"), ("GIT_AUTHOR_EMAIL", "t@example.org"),
                        ("GIT_COMMITTER_NAME", "t"), ("GIT_COMMITTER_EMAIL", "t@example.org")):
        monkeypatch.setenv(name, value)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A data repository holding three seeds (a 自评, its 绩效目标表, a 自评 with an indicator CSV), committed."""
    data = tmp_path / "repo" / "data"
    for name in ("site.yaml", SELF, TARGETS, CSV_DOC, "2023/yibao/yiliao-jiuzhu.indicators.csv"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SEEDS / name, data / name)
        if name.endswith(".yaml") and name != "site.yaml":  # the seeds are 示例数据, never disclosed: these stand for real ones
            edit(data / name, "sample: true\n", "")
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    # committed the week it was published (2024-07-10): the corrections below are dated after it
    subprocess.run(["git", "commit", "-qm", "公开"], cwd=data.parent, check=True, capture_output=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2024-07-15T10:00:00+08:00"})
    return data


def check(capsys, data: Path, *more: str, since: str = "HEAD") -> tuple[int, str]:
    code = main(["check", str(data), "--no-cache", "--since", since, *more])
    out = capsys.readouterr()
    return code, out.out + out.err


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; the line it is on (1-based)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def since_errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if "更正记录" in line and "错误" in line]


def test_a_changed_actual_names_the_line_and_old_and_new(capsys, repo: Path) -> None:
    line = edit(repo / SELF, 'actual: "98.77%"', 'actual: "97.77%"')
    code, out = check(capsys, repo)
    assert code == 1
    assert since_errors(out) == [f"{repo / SELF}:{line}: 错误：已公开的「预算执行率」实际值由 98.77% 改为 97.77%，"
                                 "但没有新增更正记录：请在 corrections 中写明日期、更正内容和原因"]


def test_a_changed_reported_score_and_budget_figure_each_fail(capsys, repo: Path) -> None:
    score_line = edit(repo / SELF, "    score: 9.88\n", "    score: 9.78\n")
    budget_line = edit(repo / SELF, "spent:   {central: 455.2,", "spent:   {central: 455.3,")
    code, out = check(capsys, repo)
    errors = since_errors(out)
    assert code == 1
    assert any(f":{budget_line}: 错误：已公开的「预算执行情况 · 全年执行资金 · 中央级」由 455.20 改为 455.30" in e
               for e in errors), errors
    assert any(f":{score_line}: 错误：已公开的「预算执行率」公布得分由 9.88 改为 9.78" in e for e in errors), errors


def test_a_changed_target_of_a_target_table_fails(capsys, repo: Path) -> None:
    line = edit(repo / TARGETS, "name: 供餐学校数, nature: \"≥\", target: 44,", "name: 供餐学校数, nature: \"≥\", target: 45,")
    code, out = check(capsys, repo)
    assert code == 1
    assert since_errors(out) == [f"{repo / TARGETS}:{line}: 错误：已公开的「供餐学校数」目标值由 44 改为 45，"
                                 "但没有新增更正记录：请在 corrections 中写明日期、更正内容和原因"]


def test_an_indicator_csv_change_names_the_csv_row(capsys, repo: Path) -> None:
    csv = repo / "2023/yibao/yiliao-jiuzhu.indicators.csv"
    raw = csv.read_bytes()
    assert raw.count(b"97.20%") == 1
    csv.write_bytes(raw.replace(b"97.20%", b"96.20%"))
    code, out = check(capsys, repo)
    assert code == 1
    [error] = since_errors(out)
    assert error.startswith(f"{csv}:") and "由 97.20% 改为 96.20%" in error, error


def test_a_new_correction_lets_the_change_pass(capsys, repo: Path) -> None:
    edit(repo / SELF, 'actual: "98.77%"', 'actual: "97.77%"')
    with (repo / SELF).open("a", encoding="utf-8") as handle:
        handle.write(CORRECTION)
    code, out = check(capsys, repo)
    assert since_errors(out) == [] and code == 0, out


def test_a_correction_dated_before_the_published_date_at_rev_fails(capsys, repo: Path) -> None:
    """Moving 发布日期 back to make an early correction look valid does not hide it."""
    edit(repo / SELF, 'actual: "98.77%"', 'actual: "97.77%"')
    edit(repo / SELF, "published: 2024-07-10", "published: 2024-03-01")
    with (repo / SELF).open("a", encoding="utf-8") as handle:
        handle.write(CORRECTION.replace("2024-08-01", "2024-04-01"))
    code, out = check(capsys, repo)
    assert code == 1
    assert any("新增的更正记录日期 2024-04-01 早于 2024-07-10（已公开时的发布日期）" in line for line in out.splitlines()), out


def test_an_old_correction_removed_or_rewritten_fails(capsys, repo: Path) -> None:
    with (repo / SELF).open("a", encoding="utf-8") as handle:
        handle.write(CORRECTION)
    git(repo.parent, "commit", "-qam", "更正")
    edit(repo / SELF, "原表抄录错误", "原表有误")
    code, out = check(capsys, repo)
    assert code == 1 and "已公开的更正记录被删除或改动" in out, out


def test_a_rename_with_the_same_content_passes(capsys, repo: Path) -> None:
    git(repo.parent, "mv", "data/2023/jiaoyu", "data/2023/教育局")
    git(repo.parent, "mv", "data/2023/yibao", "data/2023/医保局")  # with its indicator CSV
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [] and "删除" not in out, out


def test_a_file_renamed_keeps_its_address_only_with_its_id(capsys, repo: Path) -> None:
    """A file without `id:` is published at its file name: renaming it moves the page."""
    git(repo.parent, "mv", f"data/{CSV_DOC}", "data/2023/yibao/jiuzhu.yaml")
    git(repo.parent, "mv", "data/2023/yibao/yiliao-jiuzhu.indicators.csv", "data/2023/yibao/jiuzhu.indicators.csv")
    code, out = check(capsys, repo)
    first = next(i for i, text in enumerate((repo / "2023/yibao/jiuzhu.yaml").open(encoding="utf-8"), 1) if text[0] != "#")
    assert code == 1 and since_errors(out) == [  # no `id:` line: the document's first, where to write one
        f"{repo / '2023/yibao/jiuzhu.yaml'}:{first}: 错误：文件改名使「网址标识」由 yiliao-jiuzhu 改为 jiuzhu，已公开的网址随之失效："
        "只是改文件名时，在文件开头写 id: yiliao-jiuzhu 即保持原网址；确要改网址，须新增更正记录：在 corrections 中写明日期、"
        "更正内容和原因"], out
    text = (repo / "2023/yibao/jiuzhu.yaml").read_text(encoding="utf-8")
    (repo / "2023/yibao/jiuzhu.yaml").write_text("id: yiliao-jiuzhu\n" + text, encoding="utf-8")
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [], out


def test_a_withdrawn_document_says_to_record_the_withdrawal(capsys, repo: Path) -> None:
    line = edit(repo / TARGETS, "validity: 有效", "validity: 废止")
    code, out = check(capsys, repo)
    assert code == 1 and since_errors(out) == [f"{repo / TARGETS}:{line}: 错误：已公开的文件时效性改为「废止」（撤下），"
                                               "但没有新增更正记录：撤下也是改动，请在 corrections 中写明日期、撤下的内容"
                                               "（如「本表废止」）和原因"], out
    with (repo / TARGETS).open("a", encoding="utf-8") as handle:
        handle.write("corrections:\n  - {date: 2024-08-01, what: 本表废止, why: 与另一表重复导入}\n")
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [], out


def test_whitespace_and_comments_pass(capsys, repo: Path) -> None:
    edit(repo / SELF, 'actual: "98.77%"', 'actual:   "98.77%"   # 核对过')
    edit(repo / SELF, "spent:   {central: 455.2,", "spent: {central: 455.2,")
    edit(repo / SELF, "\n\nbudget:", "\n\n\n# 单位：万元\nbudget:")
    edit(repo / TARGETS, "name: 供餐学校数, nature: \"≥\", target: 44,", "name: 供餐学校数,  nature: \"≥\",  target: 44,")
    (repo / SELF).write_text("# 二〇二四年复核\n" + (repo / SELF).read_text(encoding="utf-8"), encoding="utf-8")
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [], out


def test_a_weight_written_another_way_publishes_the_same_and_passes(capsys, repo: Path) -> None:
    edit(repo / SELF, "    weight: 10\n    target: \"100%\"\n    actual: \"98.77%\"",
         "    weight: 10.00\n    target: \"100%\"\n    actual: \"98.77%\"")
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [], out


def test_a_long_text_changed_is_quoted_where_it_differs(capsys, repo: Path) -> None:
    edit(repo / SELF, "专项用于偏远学校食堂设备更新", "专项用于偏远学校厨房设备更新")
    _, out = check(capsys, repo)
    [error] = since_errors(out)
    assert "「正文章节 · 项目概况」由 「…元，专项用于偏远学校食堂设备更新。」 改为 「…元，专项用于偏远学校厨房设备更新。」" in error, error


def test_a_number_written_otherwise_is_published_otherwise(capsys, repo: Path) -> None:
    """``1e3`` scores as 1000 but is published as written: not the cell ``1000`` was; a score
    written ``9.880`` is published as 9.88 either way."""
    edit(repo / SELF, '    actual: "—"\n    completion: "/"', '    actual: 1000\n    completion: "/"')
    git(repo.parent, "commit", "-qam", "实际值")
    line = edit(repo / SELF, "    actual: 1000\n", "    actual: 1e3\n")
    edit(repo / SELF, "    score: 9.88\n", "    score: 9.880\n")
    code, out = check(capsys, repo)
    assert code == 1 and since_errors(out) == [f"{repo / SELF}:{line}: 错误：已公开的「项目管理规范性」实际值由 1000 改为 1e3，"
                                               "但没有新增更正记录：请在 corrections 中写明日期、更正内容和原因"], out


def test_a_removed_file_fails_and_says_how_to_withdraw(capsys, repo: Path) -> None:
    git(repo.parent, "rm", "-q", f"data/{TARGETS}")
    code, out = check(capsys, repo)
    assert code == 1
    assert f"{repo / TARGETS}: 错误：本文件在 HEAD 时已经公开，现在被删除了" in out and "validity" in out, out


def test_a_sample_document_may_change_and_go(capsys, repo: Path) -> None:
    """示例数据 (`sample: true`) is fictitious: `perfsite init` asks for its example to be deleted."""
    (repo / "2023/shili.yaml").write_text((SEEDS / SELF).read_text(encoding="utf-8"), encoding="utf-8")
    git(repo.parent, "add", "-A")
    git(repo.parent, "commit", "-qm", "示例")
    (repo / "2023/shili.yaml").unlink()
    code, out = check(capsys, repo)
    assert code == 0 and "删除" not in out, out


def test_a_new_file_needs_nothing(capsys, repo: Path) -> None:
    shutil.copyfile(SEEDS / "2023/wenlv/gonggong-wenhua-fuwu.yaml", repo / "2023/gonggong-wenhua-fuwu.yaml")
    git(repo.parent, "add", "-A")
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [], out


def test_an_added_indicator_is_reported_alone(capsys, repo: Path) -> None:
    """Indicators are matched by name: one inserted first leaves the others' cells as published."""
    edit(repo / TARGETS, "indicators:\n", "indicators:\n  - {level1: 产出指标, level2: 数量指标, name: 新建食堂数, "
         "nature: \"≥\", target: 2, unit: 所}\n")
    code, out = check(capsys, repo)
    line = (repo / TARGETS).read_text(encoding="utf-8").splitlines().index("indicators:") + 2
    assert code == 1 and since_errors(out) == [f"{repo / TARGETS}:{line}: 错误：在已公开的表中新增了绩效指标「新建食堂数」，"
                                               "但没有新增更正记录：请在 corrections 中写明日期、更正内容和原因"], out


def test_a_renamed_indicator_is_one_message_saying_what_to_write(capsys, repo: Path) -> None:
    """Taken out and added at the same place: one message at the new name's line, for a rename
    and for another indicator put in its place alike; moved to another 二级: said so."""
    line = edit(repo / TARGETS, "name: 供餐学校数,", "name: 供餐学校数量,")
    code, out = check(capsys, repo)
    assert code == 1 and since_errors(out) == [f"{repo / TARGETS}:{line}: 错误：已公开的绩效指标「供餐学校数」改为「供餐学校数量」"
                                               f"{ASK}（若是改名，写明原名和新名；若是换了一项指标，写明删去和新增的原因）"], out
    edit(repo / TARGETS, "level2: 数量指标, name: 供餐学校数量,", "level2: 质量指标, name: 供餐学校数,")
    code, out = check(capsys, repo)
    assert code == 1 and since_errors(out) == [f"{repo / TARGETS}:{line}: 错误：已公开的绩效指标「供餐学校数」的二级指标"
                                               f"由 数量指标 改为 质量指标{ASK}"], out


def test_json_and_github_formats_carry_the_errors(capsys, repo: Path) -> None:
    line = edit(repo / SELF, 'actual: "98.77%"', 'actual: "97.77%"')
    _, out = check(capsys, repo, "--format", "json")
    found = [p for p in json.loads(out)["problems"] if "更正记录" in p["message"]]
    assert [(p["severity"], p["line"]) for p in found] == [("error", line)], found
    _, out = check(capsys, repo, "--format", "github")
    assert f"::error file={repo / SELF},line={line}," in out


def test_an_unknown_revision_is_one_clear_error(capsys, repo: Path) -> None:
    code, out = check(capsys, repo, since="v9.9")
    assert code == 2
    assert out.strip().splitlines() == ["perfsite check: 错误：git 仓库中找不到版本「v9.9」：请给出已公开的那次提交"
                                        "（如 origin/main、HEAD~1 或标签）；在 CI 中请拉取完整历史"
                                        "（GitHub：actions/checkout 的 fetch-depth: 0）"]


def test_a_revision_that_looks_like_an_option_is_refused(capsys, repo: Path) -> None:
    code = main(["check", str(repo), "--no-cache", "--since=--output=x"])
    assert code == 2 and "找不到版本「--output=x」" in capsys.readouterr().err and not (repo / "x").exists()


def test_without_git_is_one_clear_error(capsys, repo: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    code, out = check(capsys, repo)
    assert code == 2 and out.strip().splitlines() == [
        "perfsite check: 错误：找不到 git 命令：--since 要用 git 读取已公开的版本，请安装 git，或去掉 --since"]


def test_a_tree_outside_git_is_one_clear_error(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(SEEDS / "site.yaml", data / "site.yaml")
    code, out = check(capsys, data)
    assert code == 2
    assert out.strip().splitlines() == [f"perfsite check: 错误：{data} 不在 git 仓库中：--since 比较的是已提交的版本，"
                                        "请在数据仓库中运行，或去掉 --since"]


def test_a_repository_without_a_commit_has_published_nothing(capsys, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(SEEDS / SELF, data / "a.yaml")
    git(tmp_path, "init", "-q")
    code, out = check(capsys, data)
    assert code == 0 and since_errors(out) == [], out


def test_the_seeds_pass_against_head(capsys) -> None:
    code, out = check(capsys, SEEDS)
    assert code == 0 and since_errors(out) == [], out


def test_every_kind_of_document_is_compared(capsys, tmp_path: Path) -> None:
    """评价报告 (结论, 主要问题, 原件), 整改 (措施), 部门整体 (任务金额; its computed 执行率 is not listed twice)."""
    data = tmp_path / "repo" / "data"
    shutil.copytree(SEEDS / "2023/jiaoyu", data / "2023/jiaoyu")
    shutil.copyfile(SEEDS / "site.yaml", data / "site.yaml")
    for path in (data / "2023/jiaoyu").glob("*.yaml"):
        edit(path, "sample: true\n", "")
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-qm", "公开")
    folder = data / "2023/jiaoyu"
    lines = {
        "yingyang-gaishan-pingjia.yaml": edit(folder / "yingyang-gaishan-pingjia.yaml", "仅停留在张贴宣传材料", "只停留在张贴宣传材料"),
        "yingyang-gaishan-zhenggai.yaml": edit(folder / "yingyang-gaishan-zhenggai.yaml", "owner: 示例县教育局基础教育股,",
                                               "owner: 示例县教育局,"),
        "bumen-zhengti-zipingbiao.yaml": edit(folder / "bumen-zhengti-zipingbiao.yaml", "amount: 604, spent: 596.6}",
                                              "amount: 604, spent: 596.7}"),
    }
    shutil.copyfile(SEEDS / "2023/jiaotong/nongcun-gonglu-yanghu-2023-pingjia.docx", folder / "yingyang-gaishan-2023-pingjia.docx")
    code, out = check(capsys, data)
    errors = since_errors(out)
    assert code == 1 and len(errors) == 4, errors
    [original] = [e for e in errors if "报告原件" in e]  # the report's original replaced: once, by its SHA-256
    assert original.startswith(f"{folder / 'yingyang-gaishan-pingjia.yaml'}:") and "「报告原件 · 内容」由 「" in original
    for name, line in lines.items():
        assert any(e.startswith(f"{folder / name}:{line}: 错误：已公开的") for e in errors), (name, errors)
    assert any("「学生营养改善计划」全年执行数由 596.60 改为 596.70" in e for e in errors), errors
    assert any("责任单位」由 示例县教育局基础教育股 改为 示例县教育局" in e for e in errors), errors


@pytest.fixture
def year_2023(tmp_path: Path) -> Path:
    """Every kind of document (the 2023 seeds: 自评, 绩效目标, 评价报告, 整改, 部门整体 of both kinds), committed."""
    data = tmp_path / "repo" / "data"
    shutil.copytree(SEEDS / "2023", data / "2023")
    shutil.copyfile(SEEDS / "site.yaml", data / "site.yaml")
    for path in data.glob("2023/*/*.yaml"):
        edit(path, "sample: true\n", "")
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-qm", "公开")
    return data


ONE_EDIT = [  # (file, old, new, the one message: the changed cell, and the 总分/等级 it moved)
    ("jiaotong/nongcun-gonglu-yanghu.yaml", "actual: 0起, score: 10}", "actual: 10起, score: 10}",
     "已公开的「养护原因引发安全事故数」实际值由 0起 改为 10起，总分随之由 96.81 改为 86.81、等级由 优 改为 良"),
    ("jiaotong/nongcun-gonglu-yanghu-pingjia.yaml", "actual: 0起", "actual: 10起",
     "已公开的「养护原因引发安全事故数」实际值由 0起 改为 10起，总分随之由 95.87 改为 85.87、等级由 优 改为 良"),
    ("jiaotong/nongcun-gonglu-yanghu-pingjia.yaml", "reported: {score: 95.87,", "reported: {score: 96.87,",
     "已公开的「公布总分」由 95.87 改为 96.87"),
    ("jiaotong/nongcun-gonglu-yanghu.yaml", "reported: {score: 96.81, grade: 优}", "reported: {score: 86.81, grade: 良}",
     "已公开的「公布总分」由 96.81 改为 86.81、「公布等级」由 优 改为 良"),  # one line edited: one message
    ("jiaotong/nongcun-gonglu-yanghu.yaml", "name: 立项依据充分性, weight: 5,", "name: 立项依据充分性, weight: 6,",
     "已公开的「立项依据充分性」权重由 5.00 改为 6.00"),  # not 权重合计 too: it is their sum
    ("jiaotong/nongcun-gonglu-yanghu-pingjia.yaml", 'weight: 10, target: "=0起", actual: 0起',
     'weight: 11, target: "=0起", actual: 10起', "已公开的「养护原因引发安全事故数」权重由 10.00 改为 11.00、实际值由 0起 改为 10起，"
     "总分随之由 95.87 改为 85.87、等级由 优 改为 良"),
    ("jiaoyu/yingyang-gaishan.yaml", "spent:   {central: 455.2,", "spent:   {central: 455.3,",
     "已公开的「预算执行情况 · 全年执行资金 · 中央级」由 455.20 改为 455.30"),  # not its 年度总金额 (their sum) too
    ("jiaotong/nongcun-gonglu-yanghu-mubiao.yaml", "target: 1300,", "target: 1350,",
     "已公开的「养护里程」目标值由 1300 改为 1350"),
    ("jiaotong/nongcun-gonglu-yanghu-zhenggai.yaml", "deadline: 2024-12-31, status: 已完成, completed: 2024-12-10",
     "deadline: 2024-11-30, status: 已完成, completed: 2024-12-10",
     "已公开的「主要问题 · 第1条 · 整改措施 · 第1条 · 整改时限」由 2024-12-31 改为 2024-11-30"),
    ("jiaotong/nongcun-gonglu-yanghu-zhenggai.yaml", "status: 整改中, evidence: 已配备20个村", "status: 未开始, evidence: 已配备20个村",
     "已公开的「主要问题 · 第3条 · 整改措施 · 第1条 · 整改状态」由 整改中 改为 未开始"),  # the clerk's, unlike a 自评's status
    ("jiaotong/nongcun-gonglu-yanghu-zhenggai.yaml", "deadline: 2025-06-30, status: 整改中,",
     "deadline: 2025-06-30, status: 已完成, completed: 2024-08-01,",  # finished after publication: a correction
     "已公开的「主要问题 · 第2条 · 整改措施 · 第1条 · 整改状态」由 整改中 改为 已完成、完成日期由 （空） 改为 2024-08-01"),
    ("jiaotong/nongcun-gonglu-yanghu-pingjia.yaml", "  - 路面病害处治率86%，未达到年初目标。\n",
     "  - 养护资金拨付滞后。\n  - 路面病害处治率86%，未达到年初目标。\n",
     "在已公开的表中新增了主要问题第2条"),  # a report's 主要问题 by its text: the later ones as published
    ("jiaotong/nongcun-gonglu-yanghu-pingjia.yaml", "路面病害处治率86%，未达到年初目标。", "路面病害处治率86%，未达到年初目标90%。",
     "已公开的主要问题第2条由 路面病害处治率86%，未达到年初目标。 改为 路面病害处治率86%，未达到年初目标90%。"),
    ("jiaoyu/bumen-zhengti-zipingbiao.yaml", 'actual: "93.5%"', 'actual: "83.5%"',
     "已公开的「家长满意度」实际值由 93.5% 改为 83.5%，总分随之由 99.63 改为 98.55"),
    ("jiaoyu/bumen-zhengti-mubiaobiao.yaml", "target: 1200,", "target: 1300,",
     "已公开的「教师培训人次」目标值由 1200 改为 1300"),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), ONE_EDIT, ids=[c[0] for c in ONE_EDIT])
def test_one_edit_is_one_message_at_its_line(capsys, year_2023: Path, name: str, old: str, new: str,
                                             message: str) -> None:
    """Each published fact compared once, where it is written: a report's scoring table is its own
    indicators, not a second copy; the 总分/等级 an edited cell moves are said in its message."""
    path = year_2023 / "2023" / name
    line = edit(path, old, new)
    code, out = check(capsys, year_2023)
    assert code == 1 and since_errors(out) == [f"{path}:{line}: 错误：{message}{ASK}"], out


def test_only_the_changed_documents_are_read(repo: Path, monkeypatch) -> None:
    """The common CI run (a few files changed, or none) costs about nothing: nothing changed asks
    git only what changed; one file changed reads that file's two versions, not its neighbours."""
    from perfsite import published_diff
    from perfsite.siteconfig import load_site

    site = load_site(repo / "site.yaml", "site.yaml")[0]
    asked: list[str] = []
    read: list[str] = []
    real_git, real_read = published_diff._git, published_diff._read

    def counted_git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        asked.append(args[0])
        return real_git(root, *args, stdin=stdin)

    def counted_read(path: Path, *rest: object) -> object:
        read.append(path.name)
        return real_read(path, *rest)
    monkeypatch.setattr(published_diff, "_git", counted_git)
    monkeypatch.setattr(published_diff, "_read", counted_read)
    assert published_diff.published_changes(repo, "HEAD", site) == []
    assert asked == ["rev-parse", "diff"] and read == []
    edit(repo / SELF, 'actual: "98.77%"', 'actual: "97.77%"')
    assert len(published_diff.published_changes(repo, "HEAD", site)) == 1
    assert read == [Path(SELF).name] * 2


def test_a_total_moved_alone_is_its_own_error() -> None:
    """Nothing written changed that could explain it (nothing to attach it to): said on its own,
    at the `reported` line."""
    from perfsite.problems import Problems
    from perfsite.published_diff import Published, compare

    def doc(total: str, grade: str) -> Published:
        cells = {("total",): (total, ("reported",)), ("grade",): (grade, ("reported",)), ("name",): ("某项目", ("name",))}
        return Published(cells, (), "2024-01-01", Problems("a.yaml", lines={("reported",): 30, ("name",): 3}))
    [error] = compare(doc("95.87", "优"), doc("85.87", "良"), "a.yaml")
    assert (error.line, error.message) == (30, f"已公开的总分由 95.87 改为 85.87、等级由 优 改为 良{ASK}")
    assert compare(doc("95.87", "优"), doc("95.87", "优"), "a.yaml") == []



REGRADE = "{min: 96.5, label: 优}"
"""优 from 96.5: the 医疗救助 自评 (总分 96.22) falls to 良, the 营养改善 自评 (96.84) stays 优."""
SETTINGS_ASK = ("但没有新增更正记录：改设置使已公开的内容改变也是更正，请在 corrections 中写明日期、更正内容"
                "（如「按调整后的等级划分，等级由 优 改为 良」）和原因；或把 site.yaml 改回")


def test_cut_offs_that_re_grade_a_document_name_it(capsys, repo: Path) -> None:
    """Both versions scored with the current site.yaml would hide this: REV's settings score REV."""
    edit(repo / "site.yaml", "{min: 90, label: 优}", REGRADE)
    code, out = check(capsys, repo)
    line = next(i for i, text in enumerate((repo / "site.yaml").open(encoding="utf-8"), 1) if text.startswith("grades:"))
    doc = repo / CSV_DOC
    reported = doc.read_text(encoding="utf-8").splitlines().index("reported: {score: 96.22, grade: 优秀}") + 1
    assert code == 1 and since_errors(out) == [
        f"{repo / 'site.yaml'}:{line}: 错误：site.yaml 的等级划分（grades）自 HEAD 以来改了，使 1 个已公开文件的内容改变"
        f"（{doc}，各文件另列）：每个文件都须新增一条更正记录，读者在该页上看到更正；不是有意重评的，请把设置改回",
        f"{doc}:{reported}: 错误：site.yaml 的等级划分（grades）自 HEAD 以来改了，本文件已公开的等级由 优 改为 良，{SETTINGS_ASK}"], out


def test_a_settings_change_that_re_grades_nothing_passes(capsys, repo: Path) -> None:
    """优 from 95: both 自评 stay 优; a footer text changed too, which no document publishes."""
    edit(repo / "site.yaml", "{min: 90, label: 优}", "{min: 95, label: 优}")
    edit(repo / "site.yaml", "contact: 0357-0000000", "contact: 0357-0000001")
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [], out


def test_a_re_graded_document_with_a_correction_passes(capsys, repo: Path) -> None:
    """The correction is the reader's notice on the page; the re-graded document is also edited, and
    its edit is judged with the current settings on both sides (not said twice)."""
    edit(repo / "site.yaml", "{min: 90, label: 优}", REGRADE)
    edit(repo / CSV_DOC, "reported: {score: 96.22, grade: 优秀}", "reported: {score: 96.22, grade: 良}")
    code, out = check(capsys, repo)
    assert code == 1 and len(since_errors(out)) == 3, out  # the summary, the re-grade, the 公布等级 edited
    with (repo / CSV_DOC).open("a", encoding="utf-8") as handle:
        handle.write("corrections:\n  - {date: 2024-08-01, what: 按调整后的等级划分，等级由 优 改为 良, why: 等级划分调整}\n")
    code, out = check(capsys, repo)
    assert code == 0 and since_errors(out) == [], out


def test_a_removed_site_file_scores_with_the_defaults(capsys, repo: Path) -> None:
    """No site.yaml is the defaults (优 from 90): published as 良 under REV's 96.5, now 优."""
    edit(repo / "site.yaml", "{min: 90, label: 优}", REGRADE)
    git(repo.parent, "commit", "-qam", "等级划分")
    git(repo.parent, "rm", "-q", "data/site.yaml")
    code, out = check(capsys, repo)
    doc = repo / CSV_DOC
    reported = doc.read_text(encoding="utf-8").splitlines().index("reported: {score: 96.22, grade: 优秀}") + 1
    assert code == 1 and since_errors(out) == [  # no site.yaml now: no line to name in it
        f"{repo / 'site.yaml'}: 错误：site.yaml 的等级划分（grades）自 HEAD 以来改了，使 1 个已公开文件的内容改变"
        f"（{doc}，各文件另列）：每个文件都须新增一条更正记录，读者在该页上看到更正；不是有意重评的，请把设置改回",
        f"{doc}:{reported}: 错误：site.yaml 的等级划分（grades）自 HEAD 以来改了，本文件已公开的等级由 良 改为 优，"
        f"{SETTINGS_ASK.replace('由 优 改为 良', '由 良 改为 优')}"], out


RECTIFICATION = "jiaotong/nongcun-gonglu-yanghu-zhenggai.yaml"
SECOND = ("  - source: 评价报告\n    item: 2\n    problem: 路面病害处治率86%，未达到年初目标。\n    measures:\n"
          "      - {measure: 建立病害限时处治考核，结果与养护企业付款挂钩, owner: 示例县农村公路管理所, deadline: 2025-06-30, "
          "status: 整改中, evidence: 考核办法（征求意见稿）}\n")
NEW_FINDING = ("  - source: 自评\n    problem: 养护资金拨付滞后。\n    measures:\n"
               "      - {measure: 按季度拨付养护资金, owner: 示例县财政局, deadline: 2025-06-30, status: 未开始}\n")
NEW_MEASURE = "      - {measure: 按季度通报处治率, owner: 示例县农村公路管理所, deadline: 2025-06-30, status: 未开始}\n"
FINDING_EDIT = [  # (old, new, the one message, the line it is at: the first line of the new file holding this)
    ("  - source: 评价报告\n    item: 1\n", NEW_FINDING + "  - source: 评价报告\n    item: 1\n",
     "在已公开的表中新增了主要问题第1条", "  - source: 自评"),  # not every later finding as changed
    (SECOND, "", "删去了已公开的主要问题第2条", "findings:"),
    (SECOND, SECOND.replace("评价报告\n    item: 2", "自评\n    indicator: 路面病害处治率"),
     "已公开的主要问题第2条的问题来源由 评价报告 改为 自评、问题序号或指标由 2 改为 路面病害处治率", "  - source: 自评"),
    ("    measures:\n      - {measure: 建立病害", f"    measures:\n{NEW_MEASURE}      - {{measure: 建立病害",
     "在已公开的表中新增了主要问题第2条的整改措施第1条", NEW_MEASURE.rstrip("\n")),
    ("为其余32个行政村配备村级管护员", "为其余32个行政村配备专职管护员",
     "已公开的主要问题第3条的整改措施第1条由 为其余32个行政村配备村级管护员 改为 为其余32个行政村配备专职管护员",
     "      - {measure: 为其余32个行政村配备专职管护员"),
]


@pytest.mark.parametrize(("old", "new", "message", "at"), FINDING_EDIT, ids=["inserted", "deleted", "re-sourced",
                                                                            "measure-inserted", "measure-reworded"])
def test_a_finding_or_measure_inserted_deleted_or_renamed_is_one_message(capsys, year_2023: Path, old: str, new: str,
                                                                         message: str, at: str) -> None:
    """Findings are matched by their 问题序号 (自评 indicator, or text), measures by their text:
    one inserted first leaves the others as published, as an indicator does."""
    path = year_2023 / "2023" / RECTIFICATION
    edit(path, old, new)
    line = next(i for i, text in enumerate(path.open(encoding="utf-8"), 1) if text.startswith(at))
    code, out = check(capsys, year_2023)
    assert code == 1 and since_errors(out) == [f"{path}:{line}: 错误：{message}{ASK}"], out


def test_a_measure_after_an_inserted_finding_is_named_where_it_is_now(capsys, year_2023: Path) -> None:
    path = year_2023 / "2023" / RECTIFICATION
    edit(path, "  - source: 评价报告\n    item: 1\n", NEW_FINDING + "  - source: 评价报告\n    item: 1\n")
    line = edit(path, "status: 整改中, evidence: 已配备20个村", "status: 未开始, evidence: 已配备20个村")
    code, out = check(capsys, year_2023)
    assert code == 1 and since_errors(out)[1:] == [
        f"{path}:{line}: 错误：已公开的「主要问题 · 第4条 · 整改措施 · 第1条 · 整改状态」由 整改中 改为 未开始{ASK}"], out


def test_a_new_correction_dated_before_the_commit_holding_the_old_value_fails(capsys, repo: Path) -> None:
    """Backdating a correction to before the value it corrects was published here hides when it changed."""
    edit(repo / SELF, 'actual: "98.77%"', 'actual: "97.77%"')
    edit(repo / SELF, "published: 2024-07-10", "published: 2024-03-01")
    with (repo / SELF).open("a", encoding="utf-8") as handle:
        handle.write(CORRECTION.replace("2024-08-01", "2024-07-12"))
    code, out = check(capsys, repo)
    assert code == 1
    assert any("新增的更正记录日期 2024-07-12 早于已公开的内容提交的日期 2024-07-15" in line for line in out.splitlines()), out


def test_a_removed_rename_fails(capsys, repo: Path) -> None:
    """The years page reads `renamed`: without it an indicator shows as 不再列入 and 新列入."""
    edit(repo / SELF, "renamed:\n  - from: [产出指标, 质量指标, 供餐天数达标率]\n    to: [产出指标, 质量指标, 营养餐供餐率]\n", "")
    code, out = check(capsys, repo)
    assert code == 1
    errors = since_errors(out)
    assert [e.split(": 错误：")[1] for e in errors] == [
        "删去了已公开的「指标改名 · 产出指标 / 质量指标 / 供餐天数达标率」（产出指标 / 质量指标 / 营养餐供餐率）" + ASK], errors
