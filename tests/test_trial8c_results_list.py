"""浙江's 专项债券 results lists (tests/forms_trial8c/z*): one row per programme with its 评价得分/评价结果 and,
in 备注, who evaluated it. A row of another evaluation than the unit's own (三门 row 1: 财政部门重点评价, 87,
良) is checked against that evaluation's report, never against the 自评表 as its 自评得分; a list headed
自评分数/自评等级 (柯桥, 萧山) is a 汇总表 like one headed 自评得分.

The lists are made into the .docx they are typed as (tests/forms_reports/make.py); the 自评表 and the
report of 三门's first programme are constructed (the site publishes neither) and say so."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from docx import Document
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent / "forms_reports"))
from make import load_report, make

from perfsite.cli import main
from perfsite.importing.row_evaluation import said_evaluation

CORPUS = Path(__file__).resolve().parent / "forms_trial8c"
FORM = Path(__file__).resolve().parent / "forms_trial5" / "t5imp1" / "河西村特色种养补贴到户项目自评表（修改稿）.xlsx"
SANMEN = CORPUS / "z1-sanmen-zhujian"
FIRST = "三门县城镇污水处理设施建设工程"


def run(capsys: pytest.CaptureFixture[str], out: Path, *paths: Path) -> str:
    main(["import", *map(str, paths), "--out", str(out)])
    return capsys.readouterr().out


def rows(folder: Path) -> list[list[str]]:
    (table,) = load_report(folder).tables()
    return table


def self_form(path: Path) -> Path:
    """CONSTRUCTED: the 自评表 of 三门's first programme (a real 2023 form of 张庄寨镇 renamed; its total 99)."""
    book = load_workbook(FORM)
    sheet = book.active
    sheet["A2"], sheet["B3"], sheet["B4"] = "（2024年度）", FIRST, "三门县住房和城乡建设局"
    book.save(path)
    return path


def finance_report(path: Path, score: str) -> Path:
    """CONSTRUCTED: the 重点评价 report of 三门's first programme, its total `score`."""
    document = Document()
    for text in (f"2024年度{FIRST}绩效评价报告", f"受三门县财政局委托，浙江示例会计师事务所有限公司对{FIRST}开展绩效评价。",
                 "三、综合评价情况及评价结论", f"经评价，该项目综合得分{score}分，评价等级为“良”。",
                 "五、存在的问题", "（一）绩效目标不够细化。", "六、有关建议", "（一）细化绩效目标。"):
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_each_list_records_where_it_was_published() -> None:
    folders = sorted(CORPUS.glob("z*/report.yaml"))
    assert len(folders) == 6
    for path in folders:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert meta["address"].startswith("http") and meta["place"]["province"] == "浙江省" and meta["query"]
    assert len({yaml.safe_load(p.read_text(encoding="utf-8"))["place"].get("county", "温州市") for p in folders}) == 6


def test_the_notes_name_the_evaluation_as_the_lists_print_it() -> None:
    said = {row[-1]: said_evaluation(row[-1]) for folder in CORPUS.glob("z*") for row in rows(folder)[1:]}
    assert said == {"财政部门重点评价": "财政评价", "项目单位自评": "单位自评", "主管部门委托第三方评价": "第三方评价",
                    "主管部门评价结果": "部门评价", "": ""}
    assert [said_evaluation(text) for text in ("含上级财政资金", "主管部门调整", "第三方机构复核", "自评分数", "评价得分")] == \
        ["", "", "", "单位自评", ""]


def test_a_finance_review_s_score_is_not_checked_against_the_unit_s_form(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Row 1 is the finance bureau's 87: the 自评表 (99) is not told it differs from a 「自评得分」 of 87."""
    listed = make(SANMEN, tmp_path / "in")
    assert rows(SANMEN)[1][5:] == ["87", "良", "财政部门重点评价"]
    out = run(capsys, tmp_path / "out", listed, self_form(tmp_path / "in" / f"{FIRST}自评表.xlsx"))
    assert "汇总表的自评得分为 87" not in out and "不一致：总分为 99" not in out
    assert "表1第 2 行是财政评价的结果，不是本文件的：未核对" in out
    assert f"核对：汇总表表1第 2 行「{FIRST}」是财政评价的结果，与「{FIRST}自评表.xlsx」未核对" in out
    assert f"其中表1第 2 行「{FIRST}」是财政评价的结果，请索取其评价报告" in out


def test_a_finance_review_s_score_is_checked_against_its_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = make(SANMEN, tmp_path / "in")
    out = run(capsys, tmp_path / "out", listed, finance_report(tmp_path / "in" / "报告.docx", "88"))
    assert f"表1第 2 行「{FIRST}」与「报告.docx」不一致：总分为 88，汇总表的财政评价得分为 87" in out
    assert "核对：汇总表（表1）中 1 个项目与本次导入的自评表或评价报告核对，1 处不一致" in out
    out = run(capsys, tmp_path / "same", listed, finance_report(tmp_path / "in" / "报告.docx", "87"))
    assert "核对：与汇总表「三门县住房和城乡建设局2024年度专项债券项目资金绩效评价情况表.docx」表1第 2 行的总分和等级一致" in out


@pytest.mark.parametrize(("folder", "said"), [("z2-tiantai-pingqiao", "表1第 3 行「天台县平桥镇蓝天科创产业园工程」是第三方评价"),
                                              ("z3-yongjia-xunzhai", "表1第 2 行「永嘉县巽宅镇山区共同富裕样板区建设项目」是部门评价")])
def test_the_refusal_names_the_rows_of_another_evaluation(folder: str, said: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, tmp_path / "out", make(CORPUS / folder, tmp_path / "in"))
    assert "失败：这是项目汇总表" in out and f"；其中{said}的结果，请索取其评价报告" in out


@pytest.mark.parametrize(("folder", "count"), [("z5-keqiao-weijian", 3), ("z6-xiaoshan-xianghu", 1), ("z4-wenzhou-jiaoyujijian", 1)])
def test_a_list_of_self_evaluation_scores_is_a_summary(folder: str, count: int, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """自评分数 is the 自评得分 column: the list was refused as a form without an indicator table."""
    out = run(capsys, tmp_path / "out", make(CORPUS / folder, tmp_path / "in"))
    assert f"失败：这是项目汇总表（表1第 1 行是表头，每行一个项目：{count} 个项目" in out
    assert "没有找到绩效指标表" not in out and "其中" not in out


def test_a_report_is_not_checked_against_a_row_of_an_unsaid_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """温州's list says nobody in 备注: its row is taken for a 自评's, and a report of the programme is told so."""
    listed = make(CORPUS / "z4-wenzhou-jiaoyujijian", tmp_path / "in")
    name = rows(CORPUS / "z4-wenzhou-jiaoyujijian")[1][2]
    document = Document()
    for text in (f"2022年度{name}绩效评价报告", f"受温州市财政局委托，浙江示例会计师事务所有限公司对{name}开展绩效评价。",
                 "三、综合评价情况及评价结论", "经评价，该项目综合得分88分，评价等级为“良”。"):
        document.add_paragraph(text)
    document.save(str(report := tmp_path / "in" / "报告.docx"))
    out = run(capsys, tmp_path / "out", listed, report)
    assert "表1第 2 行是没有写明由谁评价（按自评核对）的结果，不是本文件的：未核对" in out
    assert "汇总表的自评得分" not in out and "等级为「良」，汇总表为「优」" not in out
