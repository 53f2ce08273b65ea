"""What `perfsite check` tells a clerk: the 绩效目标表s with no 自评 yet counted a line a year,
and the cross-file 提示 say what to change rather than 「请核对」."""

from __future__ import annotations

import shutil
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.kinds import DEFAULT_KIND, DocumentKind
from perfsite.report import check_text
from perfsite.targets_check import waiting_lines

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data"
TARGETS, SELF = str(DocumentKind.TARGETS), str(DEFAULT_KIND)


def test_waiting_tables_are_a_line_a_year_by_department() -> None:
    documents = [(TARGETS, 2024, "a", "教育局"), (TARGETS, 2024, "b", "教育局"), (TARGETS, 2024, "c", "交通局"),
                 (TARGETS, 2024, "D", "卫健委"), (SELF, 2024, "d", "卫健委"),  # its 自评: ids compare as the site's addresses
                 (TARGETS, 2023, "e", "")]
    lines = waiting_lines(documents)
    assert lines[0].startswith("尚无自评的绩效目标表：2024 年 3 份（教育局 2 份、交通局 1 份）。")
    assert lines[1].startswith("尚无自评的绩效目标表：2023 年 1 份（未载明部门 1 份）。") and len(lines) == 2
    many = waiting_lines([(TARGETS, 2024, str(n), f"部门{n}") for n in range(7)])
    assert "部门0 1 份、部门1 1 份、部门2 1 份、部门3 1 份、部门4 1 份 等 7 个部门）" in many[0]
    assert waiting_lines([(SELF, 2024, "a", "教育局")]) == []


def _tree(tmp_path: Path) -> Path:
    """A 2023 自评 (示例县教育局), a 部门整体自评 naming the department 教育局, a 2022 绩效目标表
    with no 自评, and two 2022 评价报告 with one original."""
    root = tmp_path / "data"
    (root / "2023").mkdir(parents=True)
    (root / "2022").mkdir()
    shutil.copy(SEED / "site.yaml", root / "site.yaml")
    shutil.copy(SEED / "2023/jiaoyu/yingyang-gaishan.yaml", root / "2023")
    department = (SEED / "2023/jiaoyu/bumen-zhengti-zipingbiao.yaml").read_text(encoding="utf-8")
    (root / "2023/bumen.yaml").write_text(department.replace("department: 示例县教育局", "department: 教育局", 1),
                                          encoding="utf-8")
    shutil.copy(SEED / "2022/jiaoyu/yingyang-gaishan-mubiao.yaml", root / "2022")
    report = (SEED / "2022/jiaoyu/yingyang-gaishan-pingjia.yaml").read_text(encoding="utf-8")
    shutil.copy(SEED / "2022/jiaoyu/yingyang-gaishan-2022-pingjia.pdf", root / "2022")
    (root / "2022/yingyang-gaishan-pingjia.yaml").write_text(report, encoding="utf-8")
    (root / "2022/other-pingjia.yaml").write_text(report.replace("id: yingyang-gaishan", "id: other", 1)
                                                  .replace("name: 义务教育阶段学生营养改善计划", "name: 另一个项目", 1),
                                                  encoding="utf-8")
    return root


def test_check_counts_the_waiting_tables_and_says_what_to_change(tmp_path) -> None:
    data = load_dataset(_tree(tmp_path), tmp_path)
    text = check_text(data)
    assert "尚无自评的绩效目标表：2022 年 1 份（示例县教育局 1 份）" in text
    assert text.index("尚无自评的绩效目标表") < text.index("检查了 ")  # before the summary line, counted in no severity
    messages = [p.message for p in data.problems]
    [department] = [m for m in messages if "没有主管部门为「教育局」" in m]
    assert "请把 department 改为" in department and "（2023 年有主管部门为「示例县教育局」的项目）" in department
    [original] = [m for m in messages if "原件内容完全相同" in m]
    assert "请把本报告的原件放进数据目录，并把 original.file 改为它的文件名" in original
    assert not [m for m in messages if m.endswith("请核对") or "请核对 department" in m]


def test_the_ci_log_counts_them_too(tmp_path, capsys) -> None:
    from perfsite.cli import main

    root = _tree(tmp_path)
    main(["check", str(root), "--format", "github", "--no-cache"])
    out = capsys.readouterr().out.splitlines()
    assert out[-2].startswith("尚无自评的绩效目标表：2022 年 1 份（示例县教育局 1 份）") and out[-1].startswith("检查了 ")
