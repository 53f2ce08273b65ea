"""Hostile and careless inputs end in a clear message naming the file, line and key, within
bounded time and memory (enforced by resource limits on a subprocess, never by timers).

Covers: numbers with huge digits or exponents, degenerate rule parameters, text lengths, files
that are not regular (FIFO, link to /dev/zero, symlink loop, a folder named site.yaml), explicit
YAML tags, weights with more than 2 places, judged_levels that check and the build read alike,
duplicates that differ only in invisible characters, direction controls in every field, formula
cells in every download, and hypothesis fuzzing of programme YAML and indicator CSV files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfsite.dataset import load_dataset
from perfsite.decimals import MAX_INTEGER_DIGITS, MAX_PLACES, in_range, parse_decimal
from perfsite.indicator_csv import read_indicator_csv, republished
from perfsite.opendata.parts import COLUMNS_OF, encode_rows, text_cell
from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.safefile import FileRefused, read_limited
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig, load_site
from perfsite.values import identity_text, inert_cell
from perfsite.yamlload import load_yaml_text

REPO = Path(__file__).resolve().parent.parent
MEMORY = 1 << 30
"""The issue's target: any hostile input of at most 10 MB ends within 60 s and 1 GB."""
CPU_SECONDS = 60

HEAD = "name: 测试项目\nyear: 2024\ndepartment: 某局\n"
FULL = '  - {{name: {name}, weight: {weight}, target: "100%", actual: "100%", remark: 说明}}\n'


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_limited(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m perfsite …` (or `python -c …`) under 1 GB of address space and 60 s of CPU."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PERFSITE_CACHE": str((cwd or REPO) / ".cache-test")}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          preexec_fn=_limits, check=False)


def check(root: Path) -> subprocess.CompletedProcess[str]:
    result = run_limited("-m", "perfsite", "check", str(root), "--no-cache", cwd=root.parent)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), (result.returncode, result.stdout, result.stderr)
    return result


def tree(tmp_path: Path, body: str, csv_text: str | None = None) -> Path:
    root = tmp_path / "data"
    folder = root / "2024" / "x"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(body, encoding="utf-8")
    if csv_text is not None:
        (folder / "a.indicators.csv").write_text(csv_text, encoding="utf-8")
    return root


def errors(root: Path) -> list[str]:
    data = load_dataset(root, root.parent)
    return [p.as_text() for p in data.problems if p.severity is Severity.ERROR]


# --------------------------------------------------------------------------- numbers

HUGE = [("score: 1e-999999999", "score"), ("weight: 1e400", "weight"), ("score: 1E+999999", "score"),
        (f"score: {'9' * (MAX_INTEGER_DIGITS + 1)}", "score"), (f"score: 0.{'1' * (MAX_PLACES + 1)}", "score")]


def test_huge_numbers_end_in_a_clear_error_within_limits(tmp_path: Path) -> None:
    """One check over a file per hostile number (the 70 s, 16.6 GB case among them)."""
    root = tmp_path / "data"
    (root / "2024").mkdir(parents=True)
    for index, (written, key) in enumerate(HUGE):
        row = '  - {name: 甲, weight: 100, target: "100%", actual: "100%", remark: x}\n'
        row = row.replace("weight: 100", written) if key == "weight" else row.replace("remark: x", f"remark: x, {written}")
        (root / "2024" / f"n{index}.yaml").write_text(HEAD.replace("测试项目", f"项目{index}") + "indicators:\n" + row,
                                                     encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    for index, (_, key) in enumerate(HUGE):
        assert f"n{index}.yaml:5: indicators[1].{key}: 错误：{key} 应是" in result.stdout, result.stdout
    assert result.stdout.count("超出可接受的范围") == len(HUGE)


def test_a_huge_budget_amount_is_named(tmp_path: Path) -> None:
    body = HEAD + "budget: {budget: 1e400, spent: 1}\nindicators:\n" + FULL.format(name="甲", weight=100)
    found = errors(tree(tmp_path, body))
    assert any("a.yaml:4: budget.budget: 错误：金额应是数字，而不是「1e400」：数字超出可接受的范围" in e for e in found), found


def test_numbers_within_the_contract_are_read_exactly() -> None:
    assert parse_decimal("4,700.90") == Decimal("4700.90")
    assert parse_decimal(f"{'9' * MAX_INTEGER_DIGITS}.{'9' * MAX_PLACES}") is not None
    assert parse_decimal("9" * (MAX_INTEGER_DIGITS + 1)) is None
    assert parse_decimal(Decimal("1e-999999999")) is None and parse_decimal(Decimal("1E+400")) is None
    assert parse_decimal(10 ** MAX_INTEGER_DIGITS) is None and parse_decimal(10 ** MAX_INTEGER_DIGITS - 1) is not None
    assert in_range(Decimal("0.00")) and not in_range(Decimal("NaN"))
    assert not in_range(Decimal("0E-999999999")) and not in_range(Decimal("0E+999"))  # a billion zeros printed
    assert parse_decimal("0.0000000001") == Decimal("1E-10") and parse_decimal("0.00000000001") is None
    assert load_yaml_text("a: 1e-999999999\nb: 1e3\nc: 0e-999999999\n").data == {
        "a": "1e-999999999", "b": Decimal("1e3"), "c": "0e-999999999"}


DEGENERATE = ["{type: shortfall, step: 0, per: 0.5}", "{type: shortfall, step: -1万, per: 0.5}",
              "{type: shortfall, step: 1e400, per: 0.5}", "{type: deduct, per: 1e400, count: 3}",
              "{type: deduct, per: 0.5, count: -1}", "{type: ratio, floor: -5%}",
              "{type: bands, bands: [{min: 90%, score: -1}]}"]


def test_degenerate_rule_parameters_are_errors_not_tracebacks(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "2024").mkdir(parents=True)
    for index, rule in enumerate(DEGENERATE):
        row = f'  - {{name: 甲, weight: 100, target: "≥6万家次", actual: "5.4万家次", score: 90, remark: x, rule: {rule}}}\n'
        (root / "2024" / f"r{index}.yaml").write_text(HEAD.replace("测试项目", f"项目{index}") + "indicators:\n" + row,
                                                     encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    for index in range(len(DEGENERATE)):
        assert f"r{index}.yaml:5: indicators[1].rule" in result.stdout, (index, result.stdout)


def test_a_rule_with_a_wrong_parameter_is_not_applied(tmp_path: Path) -> None:
    body = HEAD + "indicators:\n" + '  - {name: 甲, weight: 100, target: "≥6万家次", actual: "5.4万家次", remark: x, rule: {type: shortfall, step: 0, per: 0.5}}\n'
    root = tree(tmp_path, body)
    prog, problems = read_programme(root / "2024/x/a.yaml", SiteConfig(), root)
    assert prog is not None
    scored = score_programme(prog, SiteConfig(), problems)
    assert scored.indicators[0].score is None and scored.total is None
    assert any("step 必须大于 0" in p.message for p in scored.problems)


def test_a_huge_quotient_stays_within_the_context(tmp_path: Path) -> None:
    tiny, big = "0." + "0" * (MAX_PLACES - 1) + "1", "9" * MAX_INTEGER_DIGITS
    body = HEAD + "indicators:\n" + f'  - {{name: 甲, weight: 100, target: "{tiny}", actual: "{big}", remark: x}}\n'
    root = tree(tmp_path, body)
    prog, problems = read_programme(root / "2024/x/a.yaml", SiteConfig(), root)
    assert prog is not None
    scored = score_programme(prog, SiteConfig(), problems)
    assert scored.total == Decimal(100)
    assert scored.indicators[0].outcome.completion is not None


def test_a_figure_too_long_to_read_is_named_not_taken_for_text(tmp_path: Path) -> None:
    body = HEAD + "indicators:\n" + f'  - {{name: 甲, weight: 100, target: "1", actual: "{"9" * 30}", remark: x}}\n'
    found = errors(tree(tmp_path, body))
    assert len(found) == 1 and "a.yaml:5: indicators[1].actual: 错误：无法自动评分" in found[0], found
    assert "超出可接受的范围" in found[0]


def test_a_huge_budget_rate_against_a_finely_printed_actual(tmp_path: Path) -> None:
    """The rate (spent ÷ budget, < 10^27 %) rounded to the 10 places the actual is printed with."""
    tiny, big = "0." + "0" * (MAX_PLACES - 1) + "1", "9" * MAX_INTEGER_DIGITS
    body = HEAD + f"budget: {{budget: {tiny}, spent: {big}}}\nindicators:\n" + \
        f'  - {{name: 甲, weight: 100, target: "100%", actual: "{tiny}%", remark: x, rule: {{type: budget}}}}\n'
    root = tree(tmp_path, body)
    prog, problems = read_programme(root / "2024/x/a.yaml", SiteConfig(), root)
    assert prog is not None
    scored = score_programme(prog, SiteConfig(), problems)
    assert scored.indicators[0].score == Decimal(100)
    assert any(p.key.endswith("actual") and p.severity is Severity.DISCREPANCY for p in scored.problems)


# --------------------------------------------------------------------------- text lengths

@pytest.mark.parametrize(("key", "length", "limit"), [("name", 201, 200), ("region", 201, 200)])
def test_over_long_text_is_an_error_naming_the_limit(tmp_path: Path, key: str, length: int, limit: int) -> None:
    body = HEAD.replace("name: 测试项目", "name: 测试项目") + f"{key}: {'长' * length}\n" if key != "name" else \
        HEAD.replace("测试项目", "长" * length)
    body += "indicators:\n" + FULL.format(name="甲", weight=100)
    found = errors(tree(tmp_path, body))
    assert any(f"{key}: 错误：{key} 太长（{length} 个字符，上限 {limit}）" in e for e in found), found


def test_over_long_cell_and_section(tmp_path: Path) -> None:
    body = HEAD + f"sections:\n  概况: {'字' * 100_001}\n" + "indicators:\n" + \
        f'  - {{name: 甲, weight: 100, target: "100%", actual: "100%", remark: {"说" * 5001}}}\n'
    found = errors(tree(tmp_path, body))
    assert any("sections.概况: 错误：sections 太长（100001 个字符，上限 100000）" in e for e in found), found
    assert any("indicators[1].remark: 错误：remark 太长（5001 个字符，上限 5000）" in e for e in found), found


# --------------------------------------------------------------------------- only regular files

def _indicator_csv() -> str:
    return "三级指标,分值,年度指标值,实际完成值,偏差原因分析及改进措施\n甲,100,100%,100%,无\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_indicator_csv_is_refused_not_waited_on(tmp_path: Path) -> None:
    root = tree(tmp_path, HEAD)
    os.mkfifo(root / "2024/x/a.indicators.csv")
    result = check(root)
    assert result.returncode == 1
    assert "a.indicators.csv: 错误：是命名管道（FIFO），不是普通文件" in result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_links_and_devices_are_never_read(tmp_path: Path) -> None:
    root = tree(tmp_path, HEAD)
    (root / "2024/x/a.indicators.csv").symlink_to("/dev/zero")
    result = check(root)
    assert result.returncode == 1 and "a.indicators.csv 不能是符号链接" in result.stdout
    with pytest.raises(FileRefused, match="是设备文件"):
        read_limited(Path("/dev/zero"), 100)
    with pytest.raises(FileRefused, match="是符号链接"):
        read_limited(root / "2024/x/a.indicators.csv", 100)


def test_symlink_loop_is_refused_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "one").symlink_to(tmp_path / "two")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    with pytest.raises(FileRefused, match="符号链接"):
        read_limited(tmp_path / "one", 100)
    with pytest.raises(FileRefused, match="循环"):
        read_limited(tmp_path / "one" / "a.yaml", 100)


def test_read_limited_names_each_kind_and_reads_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "d.yaml").mkdir()
    assert read_limited(tmp_path / "f.yaml", 100) == b"a: 1\n"
    with pytest.raises(FileRefused, match="文件夹"):
        read_limited(tmp_path / "d.yaml", 100)
    with pytest.raises(FileRefused, match="不存在"):
        read_limited(tmp_path / "missing.yaml", 100)


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)  # sparse: 10 MB reported, nothing to read
    with pytest.raises(FileRefused, match="文件过大（10485760 字节，上限 100 字节）"):
        read_limited(big, 100)
    assert read_limited(tmp_path / "big.yaml", 20 * 1024 * 1024)[:4] == b"\0\0\0\0"


def test_a_folder_named_site_yaml_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    root = tree(tmp_path, HEAD + "indicators:\n" + FULL.format(name="甲", weight=100))
    (root / "site.yaml").mkdir()
    result = check(root)
    assert result.returncode == 1
    assert "site.yaml: 错误：是一个文件夹，不是普通文件" in result.stdout


# --------------------------------------------------------------------------- YAML tags

@pytest.mark.parametrize("value", [
    "!!binary aGVsbG8=", "!!timestamp 2024-01-01", "!!python/object/apply:os.system [ls]",
    "!!python/name:os.system", "!!int 5", "!!float 1.5", "!local x", "!!set {a, b}", "!!omap [{a: 1}]",
])
def test_explicit_tags_are_refused(value: str) -> None:
    loaded = load_yaml_text(f"region: {value}\n", "a.yaml")
    assert [(p.line, p.key) for p in loaded.problems] == [(1, "region")]
    assert "不支持 YAML 标签" in loaded.problems[0].message


def test_str_tag_and_unquoted_dates_stay_valid() -> None:
    loaded = load_yaml_text("region: !!str 123\npublished: 2022-03-01\ndata_date: 2024-12-31\n")
    assert not loaded.problems
    assert loaded.data == {"region": "123", "published": "2022-03-01", "data_date": "2024-12-31"}


# --------------------------------------------------------------------------- arithmetic frame

def test_weights_with_three_places_never_total_above_the_weight_sum(tmp_path: Path) -> None:
    body = HEAD + "indicators:\n" + "".join(FULL.format(name=n, weight=w) for n, w in
                                            (("甲", "33.335"), ("乙", "33.335"), ("丙", "33.33")))
    root = tree(tmp_path, body)
    data = load_dataset(root, root.parent)
    assert data.ok
    (sp,) = data.programmes
    assert sp.total == Decimal("99.99")
    warned = [p for p in sp.problems if p.severity is Severity.WARNING and p.key.endswith("weight")]
    assert [p.line for p in warned] == [5, 6]
    assert "33.33" in warned[0].message


def test_full_marks_capped_at_two_places_need_no_explanation(tmp_path: Path) -> None:
    """33.33 is full marks for a weight of 33.335 (the cap above): no 偏差原因 is owed for it."""
    bare = '  - {{name: {name}, weight: {weight}, target: "100%", actual: "100%"}}\n'
    body = HEAD + "indicators:\n" + "".join(bare.format(name=n, weight=w) for n, w in
                                            (("甲", "33.335"), ("乙", "33.335"), ("丙", "33.33")))
    root = tree(tmp_path, body)
    (sp,) = load_dataset(root, root.parent).programmes
    assert sp.total == Decimal("99.99")
    assert not [p for p in sp.problems if p.key.endswith("remark")]


def test_two_place_weights_keep_their_totals(tmp_path: Path) -> None:
    body = HEAD + "indicators:\n" + "".join(FULL.format(name=n, weight=w) for n, w in
                                            (("甲", "33.34"), ("乙", "33.33"), ("丙", "33.33")))
    root = tree(tmp_path, body)
    (sp,) = load_dataset(root, root.parent).programmes
    assert sp.total == Decimal(100)
    assert not [p for p in sp.problems if p.severity is Severity.WARNING and p.key.endswith("weight")]


@pytest.mark.parametrize(("levels", "message"), [
    ("{达成: [80%, 100%], 基本达成: [60%, 80%], 未达成: [0%, 60%]}", "缺少等级「部分达成」"),
    ("{达成: [80%, 120%], 部分达成: [60%, 80%], 未达成: [0%, 60%]}", "0% 到 100% 之间"),
])
def test_judged_levels_the_build_cannot_use_fail_check(tmp_path: Path, levels: str, message: str) -> None:
    (tmp_path / "site.yaml").write_text(f"judged_levels: {levels}\n", encoding="utf-8")
    _, problems = load_site(tmp_path / "site.yaml", "site.yaml")
    assert [p.severity for p in problems.items] == [Severity.ERROR]
    assert message in problems.items[0].message


def test_judged_levels_written_with_or_without_percent_are_the_same(tmp_path: Path) -> None:
    read = []
    for levels in ("{达成: [80%, 100%], 部分达成: [60%, 80%], 未达成: [0%, 60%]}",
                   "{达成: [80, 100], 部分达成: [60, 80], 未达成: [0, 60]}",
                   "{达成: [0.8, 1], 部分达成: [0.6, 0.8], 未达成: [0, 0.6]}"):
        (tmp_path / "site.yaml").write_text(f"judged_levels: {levels}\n", encoding="utf-8")
        site, problems = load_site(tmp_path / "site.yaml", "site.yaml")
        assert not problems.items
        read.append(site.judged_levels)
    assert read[0] == read[1] == read[2]


# --------------------------------------------------------------------------- identity and direction

@pytest.mark.parametrize("twin", ["测试\u200b项目", "测试 项目", "测试项目\ufeff", "测试\u2060项目"])
def test_duplicates_are_found_on_normalised_text(tmp_path: Path, twin: str) -> None:
    root = tree(tmp_path, HEAD + "indicators:\n" + FULL.format(name="甲", weight=100))
    (root / "2024/x/b.yaml").write_text(HEAD.replace("测试项目", twin) + "indicators:\n" + FULL.format(name="甲", weight=100),
                                        encoding="utf-8")
    found = errors(root)
    assert len(found) == 1 and "b.yaml:1: name: 错误：与 data/2024/x/a.yaml 是同一项目" in found[0], found


def test_identity_text_folds_width_and_case_only() -> None:
    assert identity_text("ＡＢＣ１２３局") == identity_text("abc123局")
    assert identity_text("一局") != identity_text("二局")


def test_direction_controls_are_visible_in_programme_fields_and_site_labels(tmp_path: Path) -> None:
    body = HEAD.replace("某局", "某\u202e局") + "region: 县\u2067区\nevaluator: \"机构\\u202d\"\n" + "indicators:\n" + \
        '  - {name: "甲\u202e乙", weight: 100, target: "100\u202e%", actual: "100%", remark: x}\n'
    root = tree(tmp_path, body)
    (root / "site.yaml").write_text(
        "grades: [{min: 90, label: \"优\u202e\"}, {min: 0, label: 差}]\n"
        "grade_aliases: {\"优\u202e\": [\"优秀\u202d\"]}\n", encoding="utf-8")
    data = load_dataset(root, root.parent)
    (sp,) = data.programmes
    p, ind = sp.programme, sp.programme.indicators[0]
    assert p.department == "某[U+202E]局" and p.region == "县[U+2067]区" and p.evaluator == "机构[U+202D]"
    assert ind.name == "甲[U+202E]乙" and ind.target == "100[U+202E]%"
    assert [b.label for b in data.site.grades] == ["优[U+202E]", "差"]
    assert data.site.grade_aliases == {"优[U+202E]": ["优秀[U+202D]"]}


# --------------------------------------------------------------------------- inert downloads

INERT = [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3+cmd", "'-2+3+cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-", "-"), ("--", "--"), ("-5.00", "-5.00"), ("+3%", "+3%"), ("-1,000.5", "-1,000.5"), ("-.5", "-.5"),
    ("符合要求", "符合要求"), ("", ""), ("≥90%", "≥90%"), ("-5万元", "'-5万元"),
]


@pytest.mark.parametrize(("text", "written"), INERT)
def test_inert_cell(text: str, written: str) -> None:
    assert inert_cell(text) == written


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_browser_export_guard_follows_the_same_rule() -> None:
    script = textwrap.dedent("""
        global.window = {}; global.document = {readyState: "complete", getElementById: () => null};
        require(process.argv[1]);
        const cases = JSON.parse(process.argv[2]);
        process.stdout.write(JSON.stringify(cases.map(c => window.perfsiteExport.inert(c))));
    """)
    texts = [t for t, _ in INERT]
    out = subprocess.run(["node", "-e", script, str(REPO / "perfsite/assets/export.js"), json.dumps(texts)],
                         capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(out.stdout) == [w for _, w in INERT]


def test_open_data_rows_and_workbook_cells_are_inert() -> None:
    columns = COLUMNS_OF["indicators"]
    row = {c.name: "" for c in columns} | {"name": "-2+3+cmd", "target": "@SUM(1)", "actual": "-",
                                           "weight": "-5.00"}
    csv_text, sheet = encode_rows(columns, [row])
    line = next(csv.reader(io.StringIO(csv_text)))
    names = [c.name for c in columns]
    assert line[names.index("name")] == "'-2+3+cmd" and line[names.index("target")] == "'@SUM(1)"
    assert line[names.index("actual")] == "-" and line[names.index("weight")] == "-5.00"
    assert "<t>'-2+3+cmd</t>" in sheet and "<t>'@SUM(1)</t>" in sheet
    assert "<t>'=1</t>" in text_cell("A1", "=1")


def test_the_clerks_indicator_csv_is_regenerated_not_republished(tmp_path: Path) -> None:
    path = tmp_path / "a.indicators.csv"
    text = ("三级指标,分值,\"年度\n指标值\",实际完成值,偏差原因分析及改进措施\n"
            "=HYPERLINK(\"http://evil\"),100,-2+3,-,@SUM(1)\n")
    path.write_bytes(text.encode("gb18030"))
    out = republished(path)
    assert out.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
    assert rows == [["三级指标", "分值", "年度指标值", "实际完成值", "偏差原因分析及改进措施"],
                    ["'=HYPERLINK(\"http://evil\")", "100", "'-2+3", "-", "'@SUM(1)"]]
    read, _, problems = read_indicator_csv(path, "a.indicators.csv")
    assert not problems and read[0]["name"] == "=HYPERLINK(\"http://evil\")"  # the page shows it as written


# --------------------------------------------------------------------------- fuzzing

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_SCALAR = st.one_of(
    _TEXT, st.integers(-10**30, 10**30).map(str), st.sampled_from([
        "1e-999999999", "0e-999999999", "1e400", "-0", ".5", "0x1F", "~", "null", "&a", "*a", "!!binary eA==",
        "!!python/object:os.system", "'=1+1'", "\"\\u202e\"", "[1, [2, [3]]]", "{a: {b: 1}}",
        "2024-01-01", "12:30", "≥90%", "1万", "1e3", "-", "/", "3.335", "Infinity", ".nan", ".inf"]),
)
_KEYS = st.sampled_from(["name", "weight", "target", "actual", "score", "completion", "rule", "level1",
                         "remark", "applicable", "rule_text"])
_RULES = st.sampled_from(["ratio", "{type: shortfall, step: 0, per: 1}", "{type: deduct, per: 1e9, count: 1e9}",
                          "{type: bands, bands: [{min: 0, score: 1e14}]}", "{type: judged, level: 达成}",
                          "{type: budget}", "{type: ratio, floor: 1e-9}", "{type: shortfall, step: 1e-10, per: 1e14}"])


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@st.composite
def programme_yaml(draw: st.DrawFn) -> str:
    """A programme file: mostly well-formed, every value drawn from hostile scalars and rules."""
    lines = [f"name: {_quote(draw(_TEXT)) if draw(st.booleans()) else draw(_SCALAR)}",
             f"year: {draw(st.sampled_from(['2024', '1e400', '2024.5', 'x']))}", "department: 局"]
    if draw(st.booleans()):
        lines.append(f"budget: {{budget: {draw(_SCALAR)}, spent: {draw(_SCALAR)}}}")
    lines.append("indicators:")
    for _ in range(draw(st.integers(1, 4))):
        cells = {key: draw(_SCALAR) for key in draw(st.sets(_KEYS, max_size=6))}
        if draw(st.booleans()):
            cells["rule"] = draw(_RULES)
        lines.append("  - " + ("{" + ", ".join(f"{k}: {v}" for k, v in cells.items()) + "}" if cells else "{}"))
    return "\n".join(lines) + "\n"


@st.composite
def indicator_csv(draw: st.DrawFn) -> str:
    head = draw(st.lists(st.sampled_from(["三级指标", "分值", "年度指标值", "实际完成值", "得分", "规则", "是否适用",
                                          "一级指标", "x"]), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(st.one_of(_TEXT, _SCALAR), max_size=len(head) + 1), max_size=6))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue()


def _read_and_score(root: Path) -> None:
    data = load_dataset(root, root.parent)
    for problem in data.problems:
        assert problem.message and "Traceback" not in problem.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=programme_yaml())
def test_fuzzed_programme_files_never_raise(tmp_path_factory: pytest.TempPathFactory, body: str) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "data"
    (root / "2024").mkdir(parents=True)
    (root / "2024" / "a.yaml").write_text(body, encoding="utf-8")
    _read_and_score(root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=indicator_csv(), encoding=st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
def test_fuzzed_indicator_csv_files_never_raise(tmp_path_factory: pytest.TempPathFactory, text: str,
                                                encoding: str) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "data"
    (root / "2024").mkdir(parents=True)
    (root / "2024" / "a.yaml").write_text(HEAD, encoding="utf-8")
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    (root / "2024" / "a.indicators.csv").write_bytes(raw)
    _read_and_score(root)


FUZZ_UNDER_LIMITS = """
import sys, tempfile
from pathlib import Path
from hypothesis import given, settings, HealthCheck
sys.path.insert(0, {tests!r})
import test_harden_inputs as t

@settings(max_examples={n}, deadline=None, database=None, derandomize=True)
@given(body=t.programme_yaml(), text=t.indicator_csv(), with_csv=t.st.booleans())
def run(body, text, with_csv):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        (root / "2024").mkdir(parents=True)
        (root / "2024" / "a.yaml").write_text(body if not with_csv else t.HEAD, encoding="utf-8")
        if with_csv:
            (root / "2024" / "a.indicators.csv").write_text(text, encoding="utf-8")
        t._read_and_score(root)

run()
print("fuzzed")
"""


def test_fuzzing_stays_within_memory_and_cpu_limits() -> None:
    """The same strategies, run in a child limited to 1 GB and 60 s of CPU: exceeding either kills it."""
    result = run_limited("-c", FUZZ_UNDER_LIMITS.format(tests=str(Path(__file__).parent), n=150), cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("fuzzed")


def test_ten_megabytes_of_hostile_input_ends_within_limits(tmp_path: Path) -> None:
    """Files at and above every size limit, alias and nesting bombs, a long digit run: one check."""
    root = tmp_path / "data"
    folder = root / "2024" / "x"
    folder.mkdir(parents=True)
    (folder / "big.yaml").write_text(HEAD + "source: " + "长" * 400_000 + "\n", encoding="utf-8")  # 1.2 MB
    (folder / "digits.yaml").write_text(HEAD + "indicators:\n  - {name: 甲, weight: " + "9" * 900_000 + "}\n",
                                        encoding="utf-8")
    (folder / "bomb.yaml").write_text(HEAD + "a: &a [" + ",".join(["x"] * 10) + "]\n" + "".join(
        f"{c}: &{c} [{','.join(['*' + chr(ord(c) - 1)] * 10)}]\n" for c in "bcdefghi") + "indicators: *i\n",
        encoding="utf-8")
    (folder / "deep.yaml").write_text(HEAD + "sections: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    (folder / "csv.yaml").write_text(HEAD, encoding="utf-8")
    rows = "三级指标,分值,年度指标值,实际完成值\n" + "甲,1e400,1e-999999999,\"" + "9" * 1_000_000 + "\"\n"
    (folder / "csv.indicators.csv").write_text(rows + "乙,1,1,1\n" * 40_000, encoding="utf-8")
    (folder / "over.yaml").write_text(HEAD, encoding="utf-8")
    (folder / "over.indicators.csv").write_text("三级指标,分值\n" + "甲,1\n" * 600_000, encoding="utf-8")
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert total <= 10 * 1024 * 1024
    result = check(root)
    assert result.returncode == 1
    for name in ("big.yaml", "digits.yaml", "bomb.yaml", "deep.yaml", "over.indicators.csv"):
        assert f"x/{name}" in result.stdout, (name, result.stdout[-2000:])
    assert "csv.indicators.csv:2: 错误：CSV 格式错误：有单元格超过" in result.stdout
    assert "YAML 嵌套超过 200 层" in result.stdout and "别名炸弹" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) < 2000  # no value echoed whole


# --------------------------------------------------------------------------- the hostile tree's downloads

def _live_formulas(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would still run: a formula start that inert_cell would change."""
    return [c for c in cells if c[:1] in "=+-@\t\r" and inert_cell(c) != c]


def test_every_download_of_the_hostile_tree_is_inert(tmp_path: Path) -> None:
    """Open data CSV and XLSX, each programme's indicator CSV and the regenerated clerk's CSV."""
    import re
    import zipfile

    from perfsite.site import build_site

    root = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "hostile", root)
    files = build_site(root).files  # /data/ and every programme's downloads
    checked = {"csv": 0, "xlsx": 0}
    for name, blob in files.items():
        if name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))
            assert not _live_formulas([c for row in rows for c in row]), name
            checked["csv"] += 1
        elif name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(blob)) as book:
                for member in book.namelist():
                    if member.startswith("xl/worksheets/"):
                        texts = re.findall(r"<t(?: [^>]*)?>([^<]*)</t>", book.read(member).decode("utf-8"))
                        assert not _live_formulas(texts), (name, member)
            checked["xlsx"] += 1
    assert checked["csv"] >= 4 and checked["xlsx"] >= 1, checked
    regenerated = files["projects/2024/formulas/formulas.indicators.csv"].decode("utf-8-sig")
    assert "'=HYPERLINK(" in regenerated and "'@SUM(A1)" in regenerated and "'=1+1" in regenerated
    assert json.loads(files["projects/2024/formulas/formulas.json"])["total"] == "99.99"
