"""perfsite.dataset: a whole data tree, scored, with the checks that span files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from perfsite.dataset import file_digest, load_dataset, programme_files, scan_tree
from perfsite.problems import Severity

D = Decimal


def errors(data):
    return [p for p in data.problems if p.severity is Severity.ERROR]


def test_core_tree_loads_clean(core_data_tree):
    data = load_dataset(core_data_tree, core_data_tree)
    assert data.problems == []
    assert data.ok
    assert data.files == 3
    assert data.site.title == "测试站点" and data.site.publisher == "测试县财政局"
    # newest year first, then id
    assert [(sp.programme.year, sp.programme.id, sp.total, sp.grade) for sp in data.programmes] == [
        (2022, "beta", D("82.40"), "良"),
        (2022, "gamma", D("87.50"), "良"),
        (2021, "alpha", D("94.00"), "优"),
    ]


def test_file_names_are_relative_to_base(core_data_tree):
    data = load_dataset(core_data_tree, core_data_tree.parent)
    assert sorted(sp.programme.file for sp in data.programmes) == [
        "data/2021/jiaoyu/alpha.yaml", "data/2022/nongye/gamma.yaml", "data/2022/weisheng/beta.yaml"]


def test_programme_files_skip_the_settings_file_and_are_sorted(core_data_tree):
    found = [p.relative_to(core_data_tree).as_posix() for p in programme_files(core_data_tree)]
    assert found == ["2021/jiaoyu/alpha.yaml", "2022/nongye/gamma.yaml", "2022/weisheng/beta.yaml"]


def test_duplicate_id_in_one_year(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "other" / "alpha.yaml", core_programme(name="另一个项目"))
    data = load_dataset(core_data_tree, core_data_tree)
    found = errors(data)
    assert len(found) == 1
    assert found[0].file == "2021/other/alpha.yaml"
    assert "alpha" in found[0].message and "2021/jiaoyu/alpha.yaml" in found[0].message
    assert not data.ok


def test_explicit_id_duplicates_a_file_name_id(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "other" / "x.yaml", core_programme(name="另一个项目", id="alpha"))
    found = errors(load_dataset(core_data_tree, core_data_tree))
    assert [p.file for p in found] == ["2021/other/x.yaml"]


def test_duplicate_id_ignoring_case(core_data_tree, core_write, core_programme):
    # Alpha.yaml is not a slug (an error of its own), and its address would clash with alpha's
    core_write(core_data_tree / "2021" / "other" / "Alpha.yaml", core_programme(name="另一个项目"))
    found = errors(load_dataset(core_data_tree, core_data_tree))
    assert all(p.file == "2021/other/Alpha.yaml" for p in found)
    assert any("alpha" in p.message and "2021/jiaoyu/alpha.yaml" in p.message for p in found)
    assert len(found) == 2


def test_same_id_in_another_year_is_fine(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2023" / "jiaoyu" / "alpha.yaml", core_programme(year=2023))
    data = load_dataset(core_data_tree, core_data_tree)
    assert data.problems == []
    assert data.programmes[0].programme.url == "projects/2023/alpha/"


def test_duplicate_programme_name_department_year(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "copy" / "alpha-copy.yaml",
               core_programme(name="学生资助", department="测试县教育局", year=2021))
    found = errors(load_dataset(core_data_tree, core_data_tree))
    assert len(found) == 1
    assert "同一项目" in found[0].message
    # one file carries the error, the message names the other (files are taken in path order)
    assert found[0].file == "2021/jiaoyu/alpha.yaml" and "2021/copy/alpha-copy.yaml" in found[0].message


def test_same_programme_other_department_or_year_is_fine(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "x" / "a2.yaml", core_programme(name="学生资助", department="另一个局"))
    core_write(core_data_tree / "2023" / "x" / "a3.yaml", core_programme(name="学生资助", department="测试县教育局", year=2023))
    assert load_dataset(core_data_tree, core_data_tree).problems == []


def test_year_folder_mismatch_is_a_warning(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "x" / "later.yaml", core_programme(year=2022))
    data = load_dataset(core_data_tree, core_data_tree)
    assert [(p.severity, p.file, p.key) for p in data.problems] == [(Severity.WARNING, "2021/x/later.yaml", "year")]
    assert data.ok


def test_one_bad_file_does_not_hide_the_others(core_data_tree):
    (core_data_tree / "2021" / "jiaoyu" / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    (core_data_tree / "2021" / "jiaoyu" / "weights.yaml").write_text(
        "name: 权重不足\nyear: 2021\ndepartment: 局\nindicators:\n  - {name: 甲, weight: 95, target: '1', actual: '1'}\n",
        encoding="utf-8")
    data = load_dataset(core_data_tree, core_data_tree)
    assert data.files == 5
    assert sorted(p.file for p in errors(data)) == ["2021/jiaoyu/broken.yaml", "2021/jiaoyu/weights.yaml"]
    assert len(data.programmes) == 4  # the unreadable file is not a programme; the others still are


def test_settings_file_grades_apply(core_data_tree, core_write):
    core_write(core_data_tree / "site.yaml", "grades:\n  - {min: 85, label: A}\n  - {min: 0, label: B}\n")
    data = load_dataset(core_data_tree, core_data_tree)
    grades = {sp.programme.id: sp.grade for sp in data.programmes}
    assert grades == {"alpha": "A", "beta": "B", "gamma": "A"}
    # alpha reported 优秀 and beta 良好, which are no grades of this site
    assert [(p.file, p.key) for p in errors(data)] == [
        ("2021/jiaoyu/alpha.yaml", "reported.grade"), ("2022/weisheng/beta.yaml", "reported.grade")]


def test_settings_file_problems_are_listed(core_data_tree, core_write):
    core_write(core_data_tree / "site.yaml", "titel: 测试\n")
    found = errors(load_dataset(core_data_tree, core_data_tree))
    assert [(p.file, p.line) for p in found] == [("site.yaml", 1)]
    assert "您是不是想写 title" in found[0].message


def test_no_settings_file_means_defaults(core_data_tree):
    (core_data_tree / "site.yaml").unlink()
    data = load_dataset(core_data_tree, core_data_tree)
    assert data.problems == []
    assert data.site.title == "预算绩效信息公开"


def test_missing_root_is_an_error(tmp_path):
    data = load_dataset(tmp_path / "nope", tmp_path)
    assert not data.ok and data.files == 0


def test_by_series(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2022" / "jiaoyu" / "alpha.yaml", core_programme(year=2022, series="xuesheng-zizhu"))
    data = load_dataset(core_data_tree, core_data_tree)
    assert [sp.programme.year for sp in data.by_series("xuesheng-zizhu")] == [2021, 2022]
    assert data.by_series("none") == []


def test_counts(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "x" / "unstated.yaml", core_programme(department="未载明"))
    data = load_dataset(core_data_tree, core_data_tree)
    assert (data.count(Severity.ERROR), data.count(Severity.WARNING)) == (0, 1)


def test_a_digest_knows_a_missing_csv_from_the_walk_as_from_a_failed_open(tmp_path: Path) -> None:
    """The tree walk lists the *.csv entries (TreeRead.tables): a data file's digest taken with
    that list is the one taken by opening, whether its indicator CSV is there or not."""
    (tmp_path / "2021").mkdir()
    alone, beside = tmp_path / "2021" / "a.yaml", tmp_path / "2021" / "b.yaml"
    alone.write_text("name: 甲\n", encoding="utf-8")
    beside.write_text("name: 乙\n", encoding="utf-8")
    table = tmp_path / "2021" / "b.indicators.csv"
    table.write_text("level1,level2\n", encoding="utf-8")
    tree = scan_tree(tmp_path)
    tables = tree.tables
    assert tables == frozenset({str(table)})
    assert tree.paths == [str(alone), str(beside)]  # as text, what the workers are handed: no Path made per file
    for path in (alone, beside):
        assert file_digest(path, b"s", tables) == file_digest(path, b"s")
    before = file_digest(beside, b"s", tables)
    table.write_text("level1,level2,name\n", encoding="utf-8")
    assert file_digest(beside, b"s", tables) != before  # a listed CSV is read
    assert file_digest(beside, b"s", frozenset()) != file_digest(beside, b"s")  # told it is not there
