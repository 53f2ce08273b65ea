"""Nothing published that the data files do not say: a gap year's 绩效目标表 joined to its series
by `series:` under another id, a year published by another 主管部门, and the clerk's messages
quoting what the clerk wrote. One small tree built once for the tests that need a site."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import data_tree

from perfsite.argparse_zh import display_width
from perfsite.cli import main
from perfsite.dataset import scan_tree
from perfsite.site import build_site
from perfsite.site.search import stub_html, target_stub_html
from perfsite.values import minus_hint

REPO = Path(__file__).resolve().parent.parent

ROW = "{level1: 产出指标, level2: 数量指标, name: %s, weight: 100, target: \"≥100人\", actual: \"130人\", score: 100}"


def _evaluation(year: int, ident: str, department: str, series: str = "ws", name: str = "农村供水保障") -> str:
    return (f"name: {name}\nyear: {year}\nid: {ident}\nseries: {series}\ndepartment: {department}\n"
            f"indicators:\n  - {ROW % '受益人口'}\n")


FILES = {
    # 2023 has only its 绩效目标表, filed under that year's own id and joined by its series
    "2022/w/ws.yaml": _evaluation(2022, "ws", "示例县水利局"),
    "2023/w/ws2023-mubiao.yaml": ("kind: 绩效目标\nid: ws2023\nseries: ws\nname: 农村供水保障\nyear: 2023\n"
                                  "department: 示例县水利局\nindicators:\n"
                                  "  - {level1: 产出指标, level2: 数量指标, name: 受益人口, nature: \"≥\", target: 100, unit: 人}\n"),
    # handed to another 主管部门 in 2024
    "2024/w/ws.yaml": _evaluation(2024, "ws", "示例县农业农村局"),
    # one department throughout
    "2022/h/hd.yaml": _evaluation(2022, "hd", "示例县水利局", "hd", "河道保洁"),
    "2023/h/hd.yaml": _evaluation(2023, "hd", "示例县水利局", "hd", "河道保洁") + (
        "published: 2024-03-01\ncorrections:\n"
        "  - {date: 2024-03-05, what: 受益人口的实际完成值由 120人 更正为 130人, why: 原表抄录有误}\n"),
    # a fictitious year beside a real one
    "2022/k/kk.yaml": _evaluation(2022, "kk", "示例县水利局", "kk", "堤防巡查"),
    "2023/k/kk.yaml": _evaluation(2023, "kk", "示例县水利局", "kk", "堤防巡查") + "sample: true\n",
    "2024/k/kk.yaml": _evaluation(2024, "kk", "示例县水利局", "kk", "堤防巡查") + "sample: true\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], list[str]]:
    data = data_tree(tmp_path_factory.mktemp("hostile30") / "data", FILES)
    build = build_site(data)
    pages = {page.url: page.html for page in build.pages}
    return data, {**pages, "feed.xml": build.files["feed.xml"].decode()}, build.problems


def _years(page: str) -> str:
    return page.split('id="ps-years"', 1)[1].split("</section>", 1)[0]


def test_a_gap_years_target_table_joined_by_series_under_another_id_is_linked(built) -> None:
    for url in ("projects/2022/ws/", "projects/2024/ws/"):
        row = _years(built[1][url]).split('<tr class="ps-gapyear">', 1)[1].split("</tr>", 1)[0]
        assert '只有年初的<a href="../../2023/ws2023/targets/">绩效目标表</a>' in row


def test_a_year_published_by_another_department_says_so(built) -> None:
    oldest = _years(built[1]["projects/2022/ws/"])
    assert "当年主管部门「示例县农业农村局」" in oldest
    newest = _years(built[1]["projects/2024/ws/"])
    assert "当年主管部门「示例县水利局」" in newest
    assert "当年主管部门" not in built[1]["projects/2023/hd/"]  # one department throughout: not a byte more


def test_a_score_written_with_an_exponent_is_quoted_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # read as 90 it was quoted back as 「90」: the clerk searching the file for 90 finds nothing
    year = tmp_path / "2021" / "a"
    year.mkdir(parents=True)
    seed = (REPO / "data/2021/jiaoyu/yingyang-gaishan.yaml").read_text(encoding="utf-8")
    (year / "x.yaml").write_text(seed.replace("    score: 10\n", "    score: 9E1\n", 1), encoding="utf-8")
    (tmp_path / "site.yaml").write_text((REPO / "data" / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(tmp_path)]) != 0
    assert "公布得分「9E1」超过权重「10」：请更正原表或说明" in capsys.readouterr().out


def test_an_indicators_table_in_upper_case_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "2021").mkdir()
    for name in ("x.yaml", "x.indicators.CSV", "y.INDICATORS.csv"):
        (tmp_path / "2021" / name).write_text("", encoding="utf-8")
    said = {p.file: p.message for p in scan_tree(tmp_path, tmp_path).skipped}
    assert said["2021/x.indicators.CSV"].startswith("这是数据文件 x.yaml 的指标表，但扩展名不是小写的 .indicators.csv，未读取："
                                                    "要发布请改名为 x.indicators.csv")
    assert said["2021/y.INDICATORS.csv"].startswith("这是指标表（.indicators.csv），但旁边没有同名的数据文件 y.yaml")


@pytest.mark.parametrize("command", ["new", "import", "demo"])
def test_usage_lines_wrap_by_display_width(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                           command: str) -> None:
    # counted by characters, 「用法：perfsite new …」 ran to 86 columns at 80, its later lines
    # three columns left of its options
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main([command, "-h"])
    out = capsys.readouterr().out
    lines = out[:out.index("\n\n")].split("\n")
    assert len(lines) > 1 and max(display_width(line) for line in lines) <= 78
    options = display_width(f"用法：perfsite {command} ")
    assert all(line.startswith(" " * options) and line[options] != " " for line in lines[1:])


def test_the_feed_dates_a_day_from_its_start_in_beijing(built) -> None:
    # stamped as UTC midnight, a correction dated today was hours in the future of a build after
    # 16:00 UTC (Beijing's next morning), the day its date names
    feed = built[1]["feed.xml"]
    assert "<updated>2024-03-05T00:00:00+08:00</updated>" in feed
    assert "T00:00:00Z" not in feed


def test_a_dash_that_is_not_the_minus_sign_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 「−5」 pasted from Word reads as -5 to the eye: 「不是数字」 and 「无法自动评分…请用 rule」 alone
    # sent the clerk to the rule, not to the character
    year = tmp_path / "2021" / "a"
    year.mkdir(parents=True)
    seed = (REPO / "data/2021/jiaoyu/yingyang-gaishan.yaml").read_text(encoding="utf-8")
    (year / "x.yaml").write_text(seed.replace('actual: "46所"', 'actual: "－46所"', 1), encoding="utf-8")
    (year / "x-mubiao.yaml").write_text(
        "kind: 绩效目标\nid: x\nname: 示例\nyear: 2021\ndepartment: 示例县教育局\nindicators:\n"
        "  - {level1: 产出指标, level2: 数量指标, name: 水位, nature: \"≥\", target: \"−5\", unit: 米}\n", encoding="utf-8")
    (tmp_path / "site.yaml").write_text((REPO / "data" / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(tmp_path)]) != 0
    out = capsys.readouterr().out
    assert "实际值「－46所」：其中的「－」（U+FF0D）不是减号，负数请用半角减号「-」（如 -5）" in out
    assert "指标值却不是数字（「−5」）：其中的「−」（U+2212）不是减号，负数请用半角减号「-」（如 -5）" in out
    assert minus_hint("90–95%") == "" and minus_hint("≥95%") == ""  # a range's dash, no dash: nothing to say


def test_a_fictitious_year_beside_a_real_one_is_marked_on_the_real_page(built) -> None:
    # its score sat in the real programme's 历年情况 and chart as one of its years, unmarked
    data, pages, problems = built
    years = _years(pages["projects/2022/kk/"])
    row = years.split('<a href="../../2023/kk/">2023年度</a>', 1)[1].split("</tr>", 1)[0]
    assert row.startswith('<span class="ps-tag ps-tag--sample" title="示例数据，不是正式公开的评价结果">示例</span>')
    assert "2023、2024 年度是示例数据，不是正式公开的评价结果。" in years
    assert "ps-tag--sample" not in _years(pages["projects/2023/hd/"])
    assert "ps-tag--sample" not in _years(pages["projects/2023/kk/"])  # a sample page: its sample years say nothing new
    told = [p for p in problems if "series「kk」中本文件是示例数据（sample: true），而 2022 年的" in p]
    assert len(told) == 1 and str(data / "2023/k/kk.yaml") in told[0]


def test_a_feed_entry_of_sample_data_says_so(built) -> None:
    # every listing marks 示例; a subscriber read a fictitious programme's entry as one published
    feed = built[1]["feed.xml"]
    assert "<title>示例：堤防巡查（2023年度）</title>" in feed
    assert "<summary>示例数据，不是正式公开的评价结果。2023年度 示例县水利局；" in feed
    assert "<title>堤防巡查（2022年度）</title>" in feed  # the real year as it was


@pytest.mark.parametrize("make", [stub_html, target_stub_html])
def test_a_search_result_of_sample_data_says_so(make) -> None:
    # the listings mark 示例; a full-text search result of a fictitious programme read as a real one
    data = {"name": "堤防巡查", "year": 2023, "department": "示例县水利局", "sample": True}
    assert "示例数据 · 示例县水利局" in make(data)
    assert "示例数据" not in make({**data, "sample": False})
