"""Issue 7: the value parser, the YAML loader and the programme reader never raise on any input;
every fault comes back as a perfsite Problem (hypothesis; test_properties.py has the core's own).

The programme reader gets arbitrary YAML *structures* shaped like programme files (the real keys,
any values, nested at random), dumped to a temp file, plus raw bytes that are not YAML at all.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfsite.problems import Problem, Problems
from perfsite.reader import read_programme
from perfsite.siteconfig import SiteConfig
from perfsite.values import Value, parse_value
from perfsite.yamlload import Loaded, load_yaml_text

PROFILE = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = ["name", "year", "department", "region", "evaluation", "evaluator", "published", "source", "series",
        "id", "sample", "sections", "budget", "indicators", "reported", "level1", "level2", "weight", "target",
        "actual", "score", "completion", "rule", "rule_text", "remark", "applicable", "type", "per", "count",
        "floor", "bands", "min", "unit", "rate_basis", "initial", "funded", "spent", "county", "central",
        "level", "reverse", "step", "zero_below", "grade", "total", "x", ""]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.text(max_size=20), st.sampled_from(["≥90%", "100%", "10个", "≤0.15万元/亩", "/", "—", "ratio", "budget",
                                           "reported", "达成", "2021", "2021-06-01", "万元", "元", "-1", "1e400"]),
    st.dates(),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=25,
)
programmes = st.fixed_dictionaries(
    {},
    optional={"name": structures, "year": st.one_of(st.integers(1980, 2300), structures),
              "department": structures, "region": structures, "id": structures, "series": structures,
              "sections": structures, "budget": structures, "reported": structures, "evaluation": structures,
              "indicators": st.one_of(structures, st.lists(st.dictionaries(st.sampled_from(KEYS), structures,
                                                                           max_size=10), max_size=4))},
)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def check_problems(problems: Problems) -> None:
    assert isinstance(problems, Problems)
    for problem in problems.items:
        assert isinstance(problem, Problem)
        assert isinstance(problem.as_text(), str) and problem.as_text()


@PROFILE
@given(raw=st.one_of(structures, st.decimals(allow_nan=True, allow_infinity=True), st.binary(max_size=20)))
def test_parse_value_never_raises_on_any_object(raw: object) -> None:
    assert isinstance(parse_value(raw), Value)


@PROFILE
@given(data=structures)
def test_load_yaml_text_never_raises_on_dumped_structures(data: object) -> None:
    loaded = load_yaml_text(dump(data), "s.yaml")
    assert isinstance(loaded, Loaded)
    assert all(isinstance(p, Problem) for p in loaded.problems)


@PROFILE
@given(data=programmes)
def test_read_programme_never_raises_on_programme_shaped_structures(data: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory(prefix="perfsite-prop-") as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text(dump(data), encoding="utf-8")
        programme, problems = read_programme(path, SiteConfig(), Path(tmp))
        check_problems(problems)
        if programme is None:
            assert problems.items, "nothing read and no problem said why"


@PROFILE
@given(data=st.one_of(structures, st.binary(max_size=200)))
def test_read_programme_never_raises_on_any_file(data: object) -> None:
    with tempfile.TemporaryDirectory(prefix="perfsite-prop-") as tmp:
        path = Path(tmp) / "p.yaml"
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(dump(data), encoding="utf-8")
        programme, problems = read_programme(path, SiteConfig(), Path(tmp))
        check_problems(problems)
        assert programme is not None or problems.items


@PROFILE
@given(data=programmes)
def test_scoring_what_was_read_never_raises(data: dict[str, object]) -> None:
    """What the reader accepts, the scorer and the page data take without an exception."""
    from perfsite.scoring import score_programme

    with tempfile.TemporaryDirectory(prefix="perfsite-prop-") as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text(dump(data), encoding="utf-8")
        site = SiteConfig()
        programme, problems = read_programme(path, site, Path(tmp))
        if programme is None:
            return
        scored = score_programme(programme, site, problems)
        assert scored.total is None or isinstance(scored.total, Decimal)


HEADER = "一级指标,二级指标,三级指标,分值,年度指标值,实际完成值,得分,规则,偏差原因分析及改进措施\n"
csv_cells = st.one_of(st.text(max_size=12), st.sampled_from(["50", "≥200台", "150台", "37.5", "", '"', "{type: bands",
                                                            "ratio", "100%", "-1", "1e999", "产出指标"]))
csv_texts = st.lists(st.lists(csv_cells, min_size=0, max_size=11), max_size=6).map(
    lambda rows: HEADER + "".join(",".join(r) + "\n" for r in rows))


@PROFILE
@given(body=st.one_of(csv_texts, st.text(max_size=300), st.binary(max_size=300)))
def test_read_programme_never_raises_on_any_indicator_csv(body: object) -> None:
    """The indicator table beside the YAML (x.indicators.csv), whatever it holds."""
    from perfsite.scoring import score_programme

    with tempfile.TemporaryDirectory(prefix="perfsite-prop-") as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text("name: 表格项目\nyear: 2022\ndepartment: 测试局\n", encoding="utf-8")
        beside = Path(tmp) / "p.indicators.csv"
        if isinstance(body, bytes):
            beside.write_bytes(body)
        else:
            beside.write_text(str(body), encoding="utf-8")
        site = SiteConfig()
        programme, problems = read_programme(path, site, Path(tmp))
        check_problems(problems)
        if programme is not None:
            score_programme(programme, site, problems)


text_fields = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=text_fields, department=text_fields, region=text_fields, remark=text_fields, section=text_fields)
def test_any_text_renders_escaped_or_is_refused(name: str, department: str, region: str, remark: str,
                                                section: str) -> None:
    """Any text in a programme's fields either stops the build with PerfsiteError or is shown as text."""
    import html

    import lxml.html

    from perfsite.markup import visible
    from perfsite.problems import PerfsiteError
    from perfsite.site import build_site

    data = {"name": name, "year": 2022, "department": department, "region": region,
            "sections": {"概况": section},
            "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "数量", "weight": 100,
                            "target": "≥1个", "actual": "1个", "remark": remark}]}
    with tempfile.TemporaryDirectory(prefix="perfsite-prop-") as tmp:
        root = Path(tmp)
        (root / "2022" / "a").mkdir(parents=True)
        (root / "2022" / "a" / "p.yaml").write_text(dump(data), encoding="utf-8")
        try:
            build = build_site(root)
        except PerfsiteError as error:
            assert error.lines
            return
    page = next(p for p in build.pages if p.kind == "programme")
    doc = lxml.html.fromstring(page.html)
    shown = " ".join(doc.xpath("string(//h1)").split())
    assert shown == " ".join(visible(name).split()) or html.escape(name) not in page.html
    assert not doc.xpath("//script | //*[starts-with(translate(@href,'JAVSCRIPT','javscript'),'javascript:')]")
    assert all(not k.lower().startswith("on") for el in doc.iter() if isinstance(el.tag, str) for k in el.attrib)


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x08"])
def test_control_character_is_refused_naming_file_and_key(char: str) -> None:
    """Excel's format cannot hold C0 controls: they are an error with the file and key, not a crash."""
    from perfsite.problems import PerfsiteError
    from perfsite.site import build_site

    data = {"name": "控制字符", "year": 2022, "department": "测试局",
            "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "数量", "weight": 100,
                            "target": "≥1个", "actual": "1个", "remark": f"说明{char}结束"}]}
    with tempfile.TemporaryDirectory(prefix="perfsite-prop-") as tmp:
        root = Path(tmp)
        (root / "2022" / "a").mkdir(parents=True)
        (root / "2022" / "a" / "p.yaml").write_text(dump(data), encoding="utf-8")
        with pytest.raises(PerfsiteError) as info:
            build_site(root)
    assert any("p.yaml" in line and "remark" in line for line in info.value.lines), info.value.lines


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=text_fields, publisher=text_fields, licence=text_fields, data_date=text_fields, icp=text_fields)
def test_any_site_settings_text_builds_or_is_refused(title: str, publisher: str, licence: str, data_date: str,
                                                     icp: str) -> None:
    from perfsite.problems import PerfsiteError
    from perfsite.site import build_site

    settings_text = dump({"title": title, "publisher": publisher, "licence": licence, "data_date": data_date,
                          "icp": icp})
    with tempfile.TemporaryDirectory(prefix="perfsite-prop-") as tmp:
        root = Path(tmp)
        (root / "site.yaml").write_text(settings_text, encoding="utf-8")
        (root / "2022" / "a").mkdir(parents=True)
        (root / "2022" / "a" / "p.yaml").write_text(dump(
            {"name": "项目", "year": 2022, "department": "测试局", "published": "2022-01-01",
             "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "数量", "weight": 100,
                             "target": "≥1个", "actual": "1个"}]}), encoding="utf-8")
        try:
            build = build_site(root)
        except PerfsiteError as error:
            assert error.lines
            return
    assert any(p.url == "downloads/" for p in build.pages)
