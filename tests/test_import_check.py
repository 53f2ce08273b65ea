"""Everything the importer writes passes `perfsite check`; large tables go to a CSV beside the YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from test_import_builders import ROOT, add_table, central_xlsx, seed000_docx, seed002_xlsx
from test_import_template import test_template_round_trips_rules_levels_and_not_applicable as yiliao_template
from test_import_word import scored

from perfsite.cli import main
from perfsite.reader import csv_beside


def big_sheet(path: Path, rows: int = 80) -> Path:
    """A department's table with 80 indicators of 1.25 each: written as YAML plus an indicators CSV."""
    wb = Workbook()
    ws = wb.active
    ws.append(["2023年度示例部门整体支出绩效自评表"])
    ws.append(["项目名称", "示例部门整体支出"])
    ws.append(["主管部门", "示例县发展和改革局"])
    ws.append(["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"])
    for n in range(rows):
        ws.append(["产出指标", "数量指标", f"任务{n + 1:02d}完成数", 1.25, "≥10项", "10项", 1.25])
    wb.save(str(path))
    return path


def csv_table(path: Path) -> Path:
    """The indicator table alone, as Excel on Chinese Windows saves CSV (GB18030)."""
    text = "三级指标,分值,年度指标值,实际完成值,得分\r\n宣传活动场次,60,≥12场,12场,60\r\n群众满意度,40,≥90%,93%,40\r\n"
    path.write_bytes(text.encode("gb18030"))
    return path


def test_large_table_goes_to_csv(tmp_path: Path) -> None:
    assert main(["import", str(big_sheet(tmp_path / "bumen.xlsx")), "--out", str(tmp_path / "out")]) == 0
    yaml_path = tmp_path / "out/2023/imported/shili-bumen-zhengti-zhichu.yaml"
    assert "indicators:" not in yaml_path.read_text(encoding="utf-8")
    assert csv_beside(yaml_path).read_text(encoding="utf-8-sig").startswith("一级指标,二级指标,三级指标,分值")
    got = scored(yaml_path)
    assert len(got.programme.indicators) == 80 and f"{got.total}" == "100.00"


def test_csv_import_with_name_and_year(tmp_path: Path) -> None:
    path = csv_table(tmp_path / "xuanchuan.csv")
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 1
    assert main(["import", str(path), "--out", str(tmp_path / "out"), "--name", "普法宣传", "--year", "2023"]) == 0
    got = scored(tmp_path / "out/2023/imported/pufa-xuanchuan.yaml")
    assert [i.actual for i in got.programme.indicators] == ["12场", "93%"] and f"{got.total}" == "100.00"


def test_check_passes_on_everything_imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One data folder with each kind of input imported into it, and the site's site.yaml: check passes."""
    out = tmp_path / "data"
    out.mkdir()
    shutil.copy(ROOT / "data/site.yaml", out / "site.yaml")
    src = tmp_path / "src"
    src.mkdir()
    files = [seed000_docx(src / "000_413624b6244a8c00.docx"), seed002_xlsx(src / "002_8d38506441050a66.xlsx"),
             central_xlsx(src / "yingyang.xlsx"), big_sheet(src / "bumen.xlsx")]
    assert main(["import", *map(str, files), "--out", str(out)]) == 0
    assert main(["import", str(csv_table(src / "xuanchuan.csv")), "--out", str(out), "--name", "普法宣传",
                 "--year", "2023"]) == 0
    d = docx.Document()
    d.add_paragraph("示例县乡村道路养护2023年度项目绩效自评报告")
    d.add_paragraph("一、项目概况")
    d.add_paragraph("主管部门：示例县交通运输局")
    d.add_paragraph("本项目养护农村公路120公里。")
    add_table(d, [["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
                  ["产出指标", "数量指标", "养护里程", "50", "≥120公里", "120公里", "50"],
                  ["", "质量指标", "优良路率", "50", "≥80%", "76%", "47.5"]])
    d.save(str(src / "gonglu.docx"))
    assert main(["import", str(src / "gonglu.docx"), "--out", str(out)]) == 0
    yiliao = tmp_path / "yiliao"
    yiliao.mkdir()
    yiliao_template(yiliao)
    shutil.copytree(yiliao / "out/2023", out / "2023", dirs_exist_ok=True)
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    report = capsys.readouterr().out
    assert "通过" in report and "检查了 7 个项目文件" in report
