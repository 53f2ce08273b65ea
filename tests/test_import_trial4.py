"""What trial 4 (a 财政局's evaluation report, its 整改清单, an 一体化系统 export and 揭西县's audit 整改
report) showed in import.

The three forms in tests/forms_trial4/ are constructed (their `by:` lines say so); 揭西 is real text,
held with the other prose 整改 reports in tests/forms_rectify_prose/p04-jiexi-jiben-gongwei.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from forms.make import load_form, write_xlsx
from pdf_makers import draw_page

sys.path.insert(0, str(Path(__file__).resolve().parent / "forms_reports"))
from make import Report, make, write_docx

from perfsite.importing import rectify_form
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import FileReport, Options, Status, import_batch, import_file
from perfsite.importing.report_form import without_contents
from perfsite.importing.tables import join_target
from perfsite.problems import Severity
from perfsite.siteconfig import SiteConfig

ROOT = Path(__file__).resolve().parent
TRIAL = ROOT / "forms_trial4"
JIEXI = ROOT / "forms_rectify_prose" / "p04-jiexi-jiben-gongwei"


def imported(source: Path, out: Path, hints: Hints | None = None) -> FileReport:
    return import_file(source, Options(out, hints=hints or Hints()), SiteConfig(), set())


def written(report: FileReport) -> list[dict]:  # type: ignore[type-arg]
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in report.written if p.suffix == ".yaml"]


# --------------------------------------------------------------------------- the system export

def test_the_one_unit_under_the_target_is_the_bare_actuals_too(tmp_path: Path) -> None:
    """「≥ | 3 | 万人」 under 年度指标值 and 实际完成值 「3.2」: 3.2 万人 (full marks), not 3.2 人 (0 of 20)."""
    form = load_form(TRIAL / "c01-huizong-export")
    reports = import_batch([write_xlsx(form, tmp_path / "huizong-export.xlsx")], Options(tmp_path / "out"),
                           SiteConfig(), set(), jobs=1)
    docs = {d["name"]: d for report in reports for d in written(report)}
    weixiu = {i["name"]: i for i in docs["农村饮水安全工程维修养护资金"]["indicators"]}
    assert (weixiu["受益人口"]["target"], weixiu["受益人口"]["actual"]) == ("≥3万人", "3.2万人")
    assert weixiu["单处工程维修成本"]["actual"] == "10.03万元"
    assert weixiu["完成维修工程处数"]["actual"] == "46"  # as printed: 46 处 read either way
    # a percent stored as a number reaches an export's reader as 0.951: never made 0.951%
    assert weixiu["受益群众满意度"]["actual"] == "0.951"
    jiance = {i["name"]: i for i in docs["农村供水水质检测经费"]["indicators"]}
    assert jiance["单份检测成本"]["actual"] == "695.3"
    recomputed = [p.message for report in reports for p in report.problems if "受益人口" in p.message]
    assert not recomputed, recomputed


@pytest.mark.parametrize(("cells", "actual"), [
    ({"measure": "万人", "actual": "3.2"}, "3.2万人"),
    ({"measure": "亿元", "actual": "1.5"}, "1.5亿元"),
    ({"measure": "万元", "actual": "10.03万元"}, "10.03万元"),  # its own unit, never doubled
    ({"measure": "万人", "actual": "3.2", "actual_measure": "人"}, "3.2人"),  # the actual's own 度量单位
    ({"measure": "万人", "actual": "达到"}, "达到"),
    ({"measure": "人次", "actual": "735"}, "735"),  # as printed (the golden forms): the same quantity either way
    ({"measure": "%", "actual": "0.951"}, "0.951"),  # maybe 95.1% as stored: both readings kept
])
def test_the_targets_unit_joins_a_bare_actual(cells: dict[str, str], actual: str) -> None:
    values = {"target": "3", "sign": "≥", **cells}
    join_target(values)
    assert values["actual"] == actual


# --------------------------------------------------------------------------- the PDF report's contents

def _report_pdf(path: Path) -> Path:
    lines = yaml.safe_load((TRIAL / "c03-shuili-pingjia-pdf" / "report.yaml").read_text(encoding="utf-8"))["lines"]
    path.write_bytes(draw_page([], [(60, 40 + 17 * n, text) for n, text in enumerate(lines)]))
    return path


def test_contents_entries_that_lost_their_leader_are_not_the_reports_sections(tmp_path: Path) -> None:
    """「六、有关建议 9」 under 「目 录」 was the 建议 section, the opening paragraph its one suggestion, and
    「一、基本情况 1」 hid the 主管部门 under the real heading."""
    report = imported(_report_pdf(tmp_path / "shuili-yinshui-pingjia.pdf"), tmp_path / "out")
    [doc] = written(report)
    assert doc["suggestions"] == ["细化量化绩效目标，将维修处数、水质达标率等写入绩效目标表。",
                                  "足额落实县级配套资金，2024年年初预算安排到位。"]
    assert doc["department"] == "示例县水利局"
    assert len(doc["findings"]) == 2


def test_a_numbered_line_ending_in_a_number_is_an_entry_only_under_the_contents() -> None:
    lines = ["目 录", "一、基本情况 1", "三、综合评价情况及评价结论4", "正文第一段。", "一、基本情况",
             "二、2023年度预算执行率达到95", "（一）产出数量 12"]
    assert without_contents(lines) == ["正文第一段。", "一、基本情况", "二、2023年度预算执行率达到95", "（一）产出数量 12"]
    # no 「目 录」 line (lost, or a picture): an entry is the heading it points to with a page number after it
    lost = ["六、有关建议 9", "正文第一段。", "六、有关建议", "（一）细化目标。", "二、2023年度预算执行率达到95"]
    assert without_contents(lost) == lost[1:]


# --------------------------------------------------------------------------- 揭西: an audit's 整改 report

@pytest.fixture(scope="module")
def jiexi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(JIEXI, tmp_path_factory.mktemp("jiexi"))


def test_a_report_with_neither_name_nor_year_says_both_in_one_failure(jiexi: Path, tmp_path: Path) -> None:
    report = imported(jiexi, tmp_path / "out")
    assert report.status is Status.FAILED
    assert "找不到项目名称" in report.failure and "找不到评价年度" in report.failure
    assert "--name 和 --year" in report.failure
    named = imported(jiexi, tmp_path / "named", Hints(name="基本公共卫生服务"))
    assert named.status is Status.FAILED and "--year" in named.failure and "--name" not in named.failure


def test_an_evaluation_report_with_neither_name_nor_year_says_both_in_one_failure(tmp_path: Path) -> None:
    """Constructed: a third-party report whose cover and text name no programme and no year."""
    report = Report({"file": "pingjia"}, [
        "重点绩效评价报告", "评价类型：第三方评价", "委托单位：示例县财政局", "评价机构：示例恒信会计师事务所有限责任公司",
        "一、基本情况", "项目资金用于农村供水工程的维修。", "二、综合评价情况及评价结论", "经综合评价，综合得分86.5分，评价等级为“良”。",
        "三、存在的问题", "（一）绩效目标设置不够细化。", "四、有关建议", "（一）细化量化绩效目标。"])
    refused = imported(write_docx(report, tmp_path / "pingjia.docx"), tmp_path / "out")
    assert "找不到项目名称" in refused.failure and "找不到评价年度" in refused.failure, refused.failure
    assert refused.failure.endswith("可用 --name 和 --year 指定")
    dated = imported(write_docx(report, tmp_path / "2023年度pingjia.docx"), tmp_path / "dated")
    assert dated.failure.endswith("：可用 --name 指定") and "评价年度" not in dated.failure


def test_an_audits_problems_are_not_written_as_the_evaluation_reports(jiexi: Path, tmp_path: Path) -> None:
    """The title says 绩效评价整改报告; the opening answers 揭阳市审计局's 专项审计调查整改函."""
    report = imported(jiexi, tmp_path / "out", Hints(name="基本公共卫生服务", year="2023"))
    [doc] = written(report)
    assert [f.get("source") for f in doc["findings"]] == [None, None]
    said = " ".join(report.notes)
    assert "没有说明问题来自评价报告还是自评" in said and "审计" in said


# --------------------------------------------------------------------------- the 整改清单

@pytest.fixture()
def zhenggai(tmp_path: Path) -> tuple[FileReport, str]:
    form = load_form(TRIAL / "c02-shuili-zhenggai")
    report = imported(write_xlsx(form, tmp_path / "shuili-yinshui-zhenggai.xlsx"), tmp_path / "out")
    [path] = [p for p in report.written if p.suffix == ".yaml"]
    return report, path.read_text(encoding="utf-8")


def test_the_lists_filled_date_is_read_not_left_unplaced(zhenggai: tuple[FileReport, str]) -> None:
    report, text = zhenggai
    assert not [u for u in report.unplaced if "填报日期" in u or "2024年12月10日" in u], report.unplaced
    doc = yaml.safe_load(text)
    if "status_date" in rectify_form.RECTIFICATION_KEYS:
        assert str(doc["status_date"]) == "2024-12-10"
        assert not [p for p in report.problems if p.severity is Severity.ERROR and "status_date" in p.as_text()]
    else:
        assert "状态是 2024-12-10 的情况" in text and "status_date" not in doc


def test_the_filled_date_is_written_when_the_data_format_has_its_key(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rectify_form, "RECTIFICATION_KEYS", (*rectify_form.RECTIFICATION_KEYS, "status_date"))
    form = load_form(TRIAL / "c02-shuili-zhenggai")
    report = imported(write_xlsx(form, tmp_path / "z.xlsx"), tmp_path / "out")
    [path] = [p for p in report.written if p.suffix == ".yaml"]
    text = path.read_text(encoding="utf-8")
    assert str(yaml.safe_load(text)["status_date"]) == "2024-12-10"
    assert "# 原表的填报日期「2024年12月10日」：各项措施的状态是 2024-12-10 的情况，逾期按这一天判断。\nstatus_date:" in text


def test_a_deadline_before_a_month_is_offered_that_months_end_not_another_years(
        zhenggai: tuple[FileReport, str]) -> None:
    _, text = zhenggai
    [line] = [t for t in text.splitlines() if "「2025年12月前」" in t and t.lstrip().startswith("#")]
    assert "deadline: 2025-12-31" in line and "2024-12-31" not in line
    [other] = [t for t in text.splitlines() if "「长期坚持」" in t and t.lstrip().startswith("#")]
    assert "如 deadline: 2024-12-31" in other  # no period to end: the example stays the year after the one evaluated
