"""各年度指标对照 and 公开信息/更正记录: the core steps between years, the twin's keys, the page,
and the feed, on made-up series and on the seed series (营养改善, 2021–2023)."""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
import test_site_serve as serve
from conftest_site import build_or_fail
from test_site_serve import preview  # noqa: F401  (the serve tests' preview server, a fixture)

from perfsite.model import Indicator, Programme, Rename
from perfsite.pagedata import series_entry, twin
from perfsite.record import make_record
from perfsite.site import build_site
from perfsite.site.render import relative_url
from perfsite.site.shell import Subpage, render_programme
from perfsite.site.years_page import SERIES_FOLDER
from perfsite.siteconfig import SiteConfig
from perfsite.targets_compare import (
    Change,
    YearCell,
    YearChange,
    actual_move,
    compare_years,
    target_move,
    year_steps,
)
from perfsite.values import parse_value
from perfsite.years_compared import year_sheet, years_compared

REPO = Path(__file__).resolve().parent.parent
L1, L2 = "产出指标", "数量指标"
SERIES = [f"projects/{year}/yingyang-gaishan/" for year in (2021, 2022, 2023)]


def evaluation(year: int, rows: list[tuple[str, str, str]], renamed: tuple[Rename, ...] = (),
               level2: str = L2) -> Programme:
    indicators = [Indicator(L1, level2, name, D(10), target, actual) for name, target, actual in rows]
    return Programme("p", year, "项目", "局", Path("p.yaml"), "p.yaml", indicators=indicators, renamed=renamed)


def steps(*programmes: Programme) -> dict[str, list[tuple[int, YearChange, str | None, str | None]]]:
    years = sorted({p.year for p in programmes})
    return {row.path[2]: [(s.year, s.change, s.before, s.after) for s in year_steps(row, years)]
            for row in compare_years(programmes)}


# --- the core: what changed between years ------------------------------------------------------

def test_added_dropped_and_a_lowered_target_between_years():
    found = steps(evaluation(2021, [("培训人数", "≥1.2万人", "12,350人"), ("旧指标", "≥1", "1")]),
                  evaluation(2022, [("培训人数", "≥11000人", "1.18万人"), ("新指标", "100%", "100%")]))
    assert found == {
        "培训人数": [(2022, YearChange.TARGET_LOWERED, "≥1.2万人", "≥11000人")],  # 万 multiplied out
        "新指标": [(2022, YearChange.ADDED, None, "100%")],
        "旧指标": [(2022, YearChange.DROPPED, "≥1", None)],
    }


def test_a_rename_across_a_year_without_the_indicator_is_resumed_renamed_and_compared():
    first = evaluation(2021, [("供餐天数达标率", ">=95%", "98.6%")])
    gap = evaluation(2022, [("食堂供餐覆盖率", "≥90%", "78.5%")])
    last = evaluation(2023, [("营养餐供餐率", "≥98%", "99.2%")],
                      renamed=(Rename((L1, L2, "供餐天数达标率"), (L1, L2, "营养餐供餐率")),))
    found = steps(first, gap, last)
    assert found["营养餐供餐率"] == [
        (2022, YearChange.DROPPED, ">=95%", None),
        (2023, YearChange.RESUMED, ">=95%", "≥98%"),
        (2023, YearChange.RENAMED, "产出指标 / 数量指标 / 供餐天数达标率", "产出指标 / 数量指标 / 营养餐供餐率"),
        (2023, YearChange.TARGET_RAISED, ">=95%", "≥98%"),
    ]
    assert found["食堂供餐覆盖率"] == [(2022, YearChange.ADDED, None, "≥90%"), (2023, YearChange.DROPPED, "≥90%", None)]


def test_a_rename_chain_keeps_one_row_with_each_years_name():
    a, b, c = ((L1, L2, name) for name in ("培训人数", "培训人次", "培训规模"))
    rows = compare_years([
        evaluation(2021, [("培训人数", "≥100人", "120人")]),
        evaluation(2022, [("培训人次", "≥100人", "130人")], renamed=(Rename(a, b),)),
        evaluation(2023, [("培训规模", "≥90人", "125人")], renamed=(Rename(b, c),)),
    ])
    [row] = rows
    assert row.path == c and set(row.former) == {a, b}
    assert [row.years[y].path for y in (2021, 2022, 2023)] == [a, b, c]
    assert [(s.year, s.change) for s in year_steps(row, [2021, 2022, 2023])] == [
        (2022, YearChange.RENAMED), (2023, YearChange.RENAMED), (2023, YearChange.TARGET_LOWERED)]


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("≥90%", "≥90%", Change.UNCHANGED),
    ("≥90%", "≥85%", Change.LOWERED),
    ("≤5元", "≤6元", Change.LOWERED),  # a ceiling raised is a bar lowered
    ("≥1.2万人", "≥12000人", Change.UNCHANGED),
    ("明显改善", "明显改善。", Change.UNCHANGED),
    ("明显改善", "有所改善", Change.LOWERED),
    ("明显改善", "基本完成", Change.CHANGED),
    ("≥90%", "明显改善", Change.CHANGED),
    ("—", "—", Change.UNCHANGED),
    ("≥90%", "—", Change.CHANGED),
    ("≥90%", "≤90%", Change.CHANGED),
    # a bare number read as the other side writes it, ranked 定性 words: as the 绩效目标表 comparison reads them
    ("≥100万元", "≥100", Change.UNCHANGED),
    ("≥95%", "≥0.95", Change.UNCHANGED),
    ("≥95%", "≥0.9", Change.LOWERED),
    ("好", "较好", Change.LOWERED),
    ("≥1.2万人", "≥11000人", Change.LOWERED),
])
def test_target_move(before, after, expected):
    assert target_move(before, after)[0] is expected


def test_a_target_left_blank_says_so():
    assert target_move("≥90%", "") == (Change.CHANGED, "未填写目标值")


def cell(actual: str) -> YearCell:
    value = parse_value(actual)
    return YearCell("", actual, value.figures[0] if value.is_number and len(value.figures) == 1 else None)


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("12,350人", "1.18万人", -1), ("1.18万人", "11,920人", 1), ("46所", "46所", 0),
    ("98.6%", "99.2%、97.6%", None), ("明显改善", "有所改善", None), ("5元", "5人", None),
])
def test_actual_move(before, after, expected):
    assert actual_move(cell(before), cell(after)) == expected


def test_two_files_of_one_year_keep_the_first_given():
    mine = evaluation(2022, [("甲", "≥1", "1")])
    duplicate = evaluation(2022, [("乙", "≥1", "1")])
    assert [r.path[2] for r in compare_years([mine, duplicate])] == ["甲"]


# --- the seed series: the twin and the page -----------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    from perfsite.dataset import load_dataset

    data = load_dataset(REPO / "data")
    records = {sp.programme.url: make_record(sp) for sp in data.programmes}
    return records


def compared(records, url: str):
    rec = records[url]
    return years_compared(rec, [year_sheet(records[u]) for u in SERIES if u != url])


def by_name(result):
    return {row["name"]: row for row in result["rows"]}


def test_the_seed_series_is_compared_with_its_renames(seed):
    result = compared(seed, SERIES[2])
    assert [(y["year"], y["this"]) for y in result["years"]] == [(2021, False), (2022, False), (2023, True)]
    rows = by_name(result)
    execution = rows["预算执行率"]
    assert (execution["level1"], execution["former"]) == ("过程指标", [["产出指标", "预算执行", "预算执行率"]])
    assert [c["actual"] for c in execution["cells"]] == ["99.24%", "91.47%", "98.77%"]
    assert [c["trend"] for c in execution["cells"]] == [None, "down", "up"]
    assert [(c["year"], c["change"], c["before"]) for c in execution["changes"]] == [
        (2022, "renamed", "产出指标 / 预算执行 / 预算执行率")]
    meals = rows["营养餐供餐率"]
    assert meals["cells"][1] is None and meals["cells"][0]["name"] == "供餐天数达标率"
    assert [c["change"] for c in meals["changes"]] == ["dropped", "resumed", "renamed", "target_raised"]
    lowered = [(r["name"], c["before"], c["after"]) for r in result["rows"] for c in r["changes"]
               if c["change"] == "target_lowered"]
    assert lowered == [("受益学生人数", "≥1.2万人", "≥1.15万人"), ("供餐学校数", "≥46所", "≥44所")]
    assert result["counts"]["target_lowered"] == 2 and result["counts"]["renamed"] == 2
    assert result["counts"]["every_year"] == sum(1 for r in result["rows"] if None not in r["cells"])


def test_every_page_of_the_series_shows_the_same_rows(seed):
    tables = [compared(seed, url) for url in SERIES]
    assert tables[0]["rows"] == tables[1]["rows"] == tables[2]["rows"]
    assert [[y["this"] for y in t["years"]] for t in tables] == [[True, False, False], [False, True, False],
                                                                 [False, False, True]]


def test_the_twin_has_years_and_disclosure_and_keeps_sheets_out(seed):
    rec = seed[SERIES[1]]
    others = [series_entry(seed[u]) for u in SERIES if u != SERIES[1]]
    *_, files, data, _ = render_programme(rec, SiteConfig(), others)
    published = json.loads(files[rec.links["json"]])
    assert published["years_compared"] == data["years_compared"] == compared(seed, SERIES[1])
    assert all("sheet" not in entry for entry in published["other_years"])
    assert [e["year"] for e in published["other_years"]] == [2021, 2023]
    assert published["disclosure"]["doc_no"] == "示教财〔2023〕21号"
    [correction] = published["disclosure"]["corrections"]
    assert correction["date"] == "2023-07-03" and "86.4% 更正为 84.6%" in correction["what"]


def test_a_programme_without_a_series_or_disclosure_publishes_null_and_empty(seed):
    rec = seed["projects/2021/xiaoshenggui/"]
    data = twin(rec, [])
    assert data["years_compared"] is None
    assert data["disclosure"] == {"index_no": None, "doc_no": None, "issuer": None, "validity": None, "corrections": []}
    _, _, body, _, _, _ = render_programme(rec, SiteConfig(), [])
    assert "ps-yearscompare" not in body and "ps-disclosure" not in body and "ps-corrected" not in body


def page_text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_the_page_says_what_changed_in_words(seed):
    rec = seed[SERIES[2]]
    _, _, body, files, _, _ = render_programme(rec, SiteConfig(), [series_entry(seed[u]) for u in SERIES[:2]])
    text = page_text(body)
    assert "各年度指标对照" in text and "⚠ 2 项指标的目标比上一年度调低" in text
    # the year's page lists the warnings and links to the series' table, which is the page below its newest year
    flags = body[body.index('<ul class="ps-yc-flags">'):]
    flags = flags[:flags.index("</ul>")]
    assert "受益学生人数（产出指标›数量指标）：2023年：目标调低（≥1.2万人→≥1.15万人）" in re.sub(r"\s", "", page_text(flags))
    assert '<span class="ps-yc-flag">2023年：<strong>目标调低</strong>' in flags  # bold, and ⚠ (CSS) before it
    assert "改名" not in page_text(flags)  # a rename is no warning: it is in the table
    assert f'<a href="{SERIES_FOLDER}">查看各年度全部' in body
    series = files[f"{SERIES[2]}{SERIES_FOLDER}index.html"]
    assert isinstance(series, Subpage) and series.title.endswith("各年度指标对照（2021—2023年度）")
    table = series.body
    row = re.search(r"<tr class=\"ps-flagged\"><th scope=\"row\">受益学生人数.*?</tr>", table, flags=re.S)
    assert row is not None
    assert "2023年：目标调低（≥1.2万人→≥1.15万人）" in re.sub(r"\s", "", page_text(row.group(0)))
    assert '<span class="ps-yc-flag">2023年：' in row.group(0)
    assert "2022年：改名，原为「产出指标 / 预算执行 / 预算执行率」" in page_text(table)
    assert '<a href="../../../2021/yingyang-gaishan/">2021年度</a>' in table  # the years link to their pages
    assert "较上年下降" in page_text(table) and "未列入" in page_text(table)


def test_only_the_newest_year_carries_the_series_page(seed):
    entries = [series_entry(seed[u]) for u in SERIES]
    for url in SERIES[:2]:
        _, _, body, files, _, _ = render_programme(seed[url], SiteConfig(), entries)
        assert not any(isinstance(f, Subpage) for f in files.values())
        newest = relative_url(SERIES[2] + SERIES_FOLDER, url)
        assert f'<a href="{newest}">查看各年度全部' in body, url


def test_the_corrected_page_says_so_at_its_top_and_lists_the_correction(seed):
    rec = seed[SERIES[1]]
    _, _, body, _, _, _ = render_programme(rec, SiteConfig(), [])
    head = body[:body.index("</header>")]
    assert "本页数据公开后有过更正" in page_text(head) and 'href="#ps-corrections"' in head
    section = body[body.index('id="ps-disclosure"'):]
    text = page_text(section[:section.index("</section>")])
    for shown in ("索引号 11141000MB0000003T/2023-00045", "文号 示教财〔2023〕21号", "发布机构 示例县教育局",
                  "发布日期 2023-06-15", "时效性 有效", "2023-07-03", "原表录入时数字顺序颠倒"):
        assert shown in text, shown


def test_a_direction_control_in_a_correction_is_shown_not_obeyed(tmp_path, core_write, core_programme):
    from core_helpers import scored

    path = core_write(tmp_path / "p.yaml", core_programme(
        published="2022-03-01", corrections=[{"date": "2022-04-01", "what": "满意度\u202e更正", "why": "抄录错误"}]))
    rec = make_record(scored(path, tmp_path))
    assert rec.disclosure["corrections"][0]["what"] == "满意度[U+202E]更正"
    _, _, body, files, _, _ = render_programme(rec, SiteConfig(), [])
    assert "\u202e" not in body and "[U+202E]" in body
    assert json.loads(files[rec.links["json"]])["disclosure"]["corrections"][0]["what"] == "满意度[U+202E]更正"
    feed = open_data_files_of(tmp_path)["feed.xml"].decode()
    assert "\u202e" not in feed and "满意度[U+202E]更正" in feed


def open_data_files_of(root: Path) -> dict[str, bytes]:

    return build_site(root).files


# --- the feed -----------------------------------------------------------------------------------

def test_each_correction_is_a_feed_entry_on_its_date(tmp_path, core_write, core_programme):
    core_write(tmp_path / "2021/a.yaml", core_programme(
        published="2022-03-01", corrections=[
            {"date": "2022-04-01", "what": "完成数量由 9 个更正为 10 个", "why": "抄录错误 <&>"},
            {"date": "2022-05-02", "what": "满意度由 90% 更正为 95%", "why": "问卷复核"}]))
    core_write(tmp_path / "2021/b.yaml", core_programme(name="另一项目", published="2022-04-15"))
    feed = open_data_files_of(tmp_path)["feed.xml"].decode()
    entries = re.findall(r"<entry>.*?</entry>", feed, flags=re.S)
    titles = [re.search(r"<title>(.*?)</title>", e).group(1) for e in entries]
    dates = [re.search(r"<updated>(.*?)T", e).group(1) for e in entries]
    assert list(zip(titles, dates, strict=True)) == [
        ("更正：测试项目（2021年度）", "2022-05-02"), ("另一项目（2021年度）", "2022-04-15"),
        ("更正：测试项目（2021年度）", "2022-04-01"), ("测试项目（2021年度）", "2022-03-01")]
    first = entries[2]
    assert "#ps-correction-1</id>" in first and "#ps-corrections\"/>" in first
    assert "完成数量由 9 个更正为 10 个。更正原因：抄录错误 &lt;&amp;&gt;" in first
    assert re.search(r"<updated>(.*?)T", feed).group(1) == "2022-05-02"  # the feed's own date: its newest entry


# --- the built site (workers, series entries through the build) --------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        return build_or_fail(tmp_path_factory.mktemp("years") / "site", REPO / "data")
    finally:
        mp.undo()


def test_the_built_pages_compare_years_and_show_corrections(site, seed):
    for url in SERIES:
        page = (site / url / "index.html").read_text(encoding="utf-8")
        assert 'id="ps-yearscompare"' in page and 'href="#ps-yearscompare"' in page
        twin_file = json.loads((site / url / "yingyang-gaishan.json").read_text(encoding="utf-8"))
        assert twin_file["years_compared"] == compared(seed, url)
    corrected = (site / SERIES[1] / "index.html").read_text(encoding="utf-8")
    assert 'id="ps-corrections"' in corrected and "示教财〔2023〕21号" in corrected
    targets = (site / SERIES[1] / "targets/index.html").read_text(encoding="utf-8")
    assert "本页数据公开后有过更正" in targets and 'id="ps-corrections"' in targets  # the same partial
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<title>更正：") == 2  # the 2022 自评's and the 2022 绩效目标表's


# --- serve: an edit to one year shows on the other years' pages --------------------------------

def page_url(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    ident, year = (re.search(rf"^{key}:\s*(\S+)", text, re.M).group(1) for key in ("id", "year"))  # type: ignore[union-attr]
    return f"projects/{year}/{ident}/"


def test_serve_shows_an_edit_to_another_year_in_the_years_table(preview):  # noqa: F811
    """Under `mkdocs serve` (forked workers), the series' 各年度指标对照 page is rendered again when
    a year of its series changes, though the file of the page it is below did not."""
    data, base, _ = preview
    members: dict[str, list[Path]] = {}
    for path in sorted(data.rglob("*.yaml")):
        found = re.search(r"^series:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)
        if found:
            members.setdefault(found.group(1), []).append(path)
    edited, other = next(paths for paths in members.values() if len(paths) >= 2)[:2]
    url = page_url(other)
    assert 'id="ps-yearscompare"' in serve._get(base + url)[1]
    series = serve._get(base + url)[1].split('<section id="ps-yearscompare"')[1]
    table = base + url + html.unescape(re.search(r'<a href="([^"]+)">查看各年度全部', series).group(1))  # type: ignore[union-attr]
    assert 'id="ps-yearscompare"' in serve._get(table)[1]
    text = edited.read_text(encoding="utf-8")
    percent = re.search(r'^    actual: "\d+(?:\.\d+)?%"$', text, re.M)  # a figure the rule still scores
    assert percent is not None
    edited.write_text(text.replace(percent.group(0), '    actual: "12.345%"', 1), encoding="utf-8")
    serve._until(lambda: "<span>12.345%" in serve._get(table)[1], "render the series' table again")
