"""What check, build and import tell a clerk: each kind of hint seen, the rows without a 一级指标 named."""

from __future__ import annotations

from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.importing.assemble import Draft
from perfsite.importing.crosscheck import weight_sums
from perfsite.problems import Problem, Severity
from perfsite.report import digest, kind_counts
from perfsite.site.publish import MANIFEST, read_manifest, write_manifest


def test_every_kind_of_many_hints_is_shown_with_its_first_place() -> None:
    """14 hints of one kind listed first no longer hide the one hint of another kind."""
    same = [Problem(Severity.WARNING, "目标值和实际值均未给出", f"data/2024/p{i:02}.yaml", 30 + i,
                    f"indicators[{i}].target") for i in range(14)]
    other = Problem(Severity.WARNING, "得分高于分值", "data/2024/z.yaml", 7, "indicators[2].score")
    text = "\n".join(digest([*same, other]))
    assert "data/2024/z.yaml:7" in text
    kind_lines = [line for line in text.splitlines() if line.startswith("  ")]
    assert len(kind_lines) == 2
    assert "14 条" in kind_lines[0] and "data/2024/p00.yaml:30" in kind_lines[0]
    assert "1 条" in kind_lines[1] and "得分高于分值" in kind_lines[1]
    assert "另有 10 条未列出" in text
    assert "data/2024/p05.yaml" not in text  # the rest stays folded as before


def test_few_hints_are_listed_as_before() -> None:
    found = [Problem(Severity.WARNING, "得分高于分值", "a.yaml", i, "indicators[0].score") for i in range(3)]
    assert digest(found) == ["== 提示（3）==", *(p.as_text() for p in found)]


def test_weight_sum_names_the_rows_without_a_level() -> None:
    draft = Draft()
    items: list[dict[str, object]] = [{"level1": "过程指标", "weight": "10"}, *({"weight": w} for w in ("30", "20", "20"))]
    weight_sums(draft, items, "表 1", "")
    [note] = draft.notes
    assert "过程指标 10 + 未写一级指标的 3 项 70" in note
    assert "无一级指标" not in note


def test_the_closing_line_counts_every_kind_published(tmp_path: Path) -> None:
    """「已发布 1 个项目」 said nothing of the 绩效目标表 and 评价报告 published beside it."""
    kinds = {"自评": 1, "绩效目标": 1, "评价报告": 1}
    write_manifest(tmp_path, [{"year": 2024, "url": "projects/2024/p1/"}], kinds)
    manifest = read_manifest(tmp_path)
    assert manifest is not None and manifest.kinds == kinds
    assert manifest.published_text() == "1 个项目、1 个项目支出绩效目标表、1 个绩效评价报告"
    # a site published before counts by kind says what it said then
    (tmp_path / MANIFEST).write_text('{"format": 1, "programmes": 2, "years": {"2024": ["a", "b"]}}', encoding="utf-8")
    assert read_manifest(tmp_path).published_text() == "2 个项目"  # type: ignore[union-attr]


def test_the_built_sample_site_counts_its_documents_by_kind(sample_site: Path) -> None:
    """The build writes the counts the closing line reads: data/ has all six kinds."""
    data = load_dataset(Path(__file__).resolve().parents[1] / "data")
    manifest = read_manifest(sample_site)
    assert manifest is not None and manifest.kinds == kind_counts(data) and len(manifest.kinds) == 6
