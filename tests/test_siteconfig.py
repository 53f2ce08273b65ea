"""perfsite.siteconfig: grade bands (half-open), aliases and 定性 levels from site.yaml."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsite.problems import Severity
from perfsite.siteconfig import DEFAULT_GRADES, SiteConfig, load_site, share

D = Decimal


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100.00", "优"), ("90.00", "优"), ("89.99", "良"), ("80.00", "良"), ("79.99", "中"),
        ("60.00", "中"), ("59.99", "差"), ("0.00", "差"), ("99.10", "优"), ("96.42", "优"),
    ],
)
def test_default_grades_are_half_open(total, grade):
    assert SiteConfig().grade(D(total)) == grade


def test_grade_of_nothing_is_nothing():
    assert SiteConfig().grade(None) is None


@pytest.mark.parametrize(
    ("word", "grade"),
    [("优", "优"), ("优秀", "优"), ("良好", "良"), ("中等", "中"), ("合格", "中"), ("一般", "中"),
     ("较差", "差"), ("不合格", "差"), ("“优秀”", "优"), (" 良 ", "良"), ("A", None), ("很好", None)],
)
def test_reported_grade_words_through_aliases(word, grade):
    assert SiteConfig().canonical_grade(word) == grade


@pytest.mark.parametrize(
    ("word", "level"),
    [("达成", "达成"), ("部分达成", "部分达成"), ("未达成", "未达成"),
     ("达成年度指标", "达成"), ("部分达成年度指标并具有一定效果", "部分达成"), ("未达成年度指标且效果较差", "未达成"),
     ("优秀", None)],
)
def test_levels_by_short_and_long_names(word, level):
    assert SiteConfig().level(word) == level


def test_default_levels_are_the_contract_shares():
    levels = SiteConfig().judged_levels
    assert levels == {"达成": (D("0.8"), D(1)), "部分达成": (D("0.6"), D("0.8")), "未达成": (D(0), D("0.6"))}


def test_missing_site_yaml_gives_defaults(tmp_path):
    config, problems = load_site(tmp_path / "site.yaml", "site.yaml")
    assert problems.items == []
    assert config.grades == DEFAULT_GRADES
    assert config.title == "预算绩效信息公开"


def test_site_yaml_is_read(tmp_path, core_write):
    core_write(tmp_path / "site.yaml", """
        title: 某县预算绩效
        publisher: 某某县财政局
        site_code: "1234567890"
        grades:
          - {min: 85, label: A}
          - {min: 70, label: B}
          - {min: 0, label: C}
        grade_aliases: {A: [甲等], B: [乙等], C: [丙等]}
        judged_levels:
          达成: [70%, 100%]
          部分达成: [40%, 70%]
          未达成: [0%, 40%]
        """)
    config, problems = load_site(tmp_path / "site.yaml", "site.yaml")
    assert problems.items == []
    assert (config.title, config.publisher, config.site_code) == ("某县预算绩效", "某某县财政局", "1234567890")
    assert [config.grade(D(x)) for x in ("85.00", "84.99", "70.00", "69.99")] == ["A", "B", "B", "C"]
    assert config.canonical_grade("甲等") == "A"
    assert config.canonical_grade("优秀") is None  # the default aliases are replaced
    assert config.judged_levels["达成"] == (D("0.7"), D(1))


def test_unknown_key_is_an_error_with_suggestion(tmp_path, core_write):
    core_write(tmp_path / "site.yaml", "title: 测试\npublsher: 某某县财政局\n")
    _config, problems = load_site(tmp_path / "site.yaml", "site.yaml")
    errors = [p for p in problems.items if p.severity is Severity.ERROR]
    assert len(errors) == 1
    assert errors[0].line == 2
    assert "publsher" in errors[0].message and "您是不是想写 publisher" in errors[0].message


def test_grades_without_a_zero_band_are_an_error(tmp_path, core_write):
    core_write(tmp_path / "site.yaml", "grades:\n  - {min: 90, label: 优}\n  - {min: 60, label: 中}\n")
    _, problems = load_site(tmp_path / "site.yaml", "site.yaml")
    assert problems.has_errors
    assert any("min: 0" in p.message for p in problems.items)


def test_bad_judged_level_is_an_error(tmp_path, core_write):
    core_write(tmp_path / "site.yaml", "judged_levels:\n  达成: [100%, 80%]\n  部分达成: [60%, 80%]\n  未达成: [0%, 60%]\n")
    _, problems = load_site(tmp_path / "site.yaml", "site.yaml")
    assert [(p.severity, p.line) for p in problems.items] == [(Severity.ERROR, 2)]


def test_site_yaml_not_a_mapping(tmp_path, core_write):
    core_write(tmp_path / "site.yaml", "- 优\n- 良\n")
    config, problems = load_site(tmp_path / "site.yaml", "site.yaml")
    assert problems.has_errors
    assert config.grades == DEFAULT_GRADES


@pytest.mark.parametrize(("raw", "expected"), [("80%", "0.8"), ("75％", "0.75"), ("0.8", "0.8"), (80, "0.8"), (D("0.6"), "0.6")])
def test_share(raw, expected):
    assert share(raw) == D(expected)


def test_share_of_nonsense_is_none():
    assert share("很多") is None
    assert share("abc%") is None
