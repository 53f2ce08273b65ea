"""Three real forms a new user's trial imported (tests/forms_trial2/*/form.yaml: 海南省本级's older
20/25/55 评分表, 金寨县's 部门整体支出绩效自评表, 南华县's 项目支出绩效自评表), each cut where the stored
page ends and kept as cut: the import says what is missing, never invents it.

Each grid is handed in as the unit handed it in (the .xlsx of tests/forms/make.py; a Word file whose
full-width rows are paragraphs between tables, as 海南's two tables under their headings are).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml
from forms.make import Form, add_table, load_form, write_xlsx

from perfsite.cli import main

TRIAL = Path(__file__).resolve().parent / "forms_trial2"
HAINAN, JINZHAI, NANHUA = (TRIAL / name for name in ("t01-hainan-fuwumaoyi", "t02-jinzhai-bumen-zhengti",
                                                       "t03-nanhua-yeshengjun"))
YEAR = {HAINAN: "2022", NANHUA: "2023", JINZHAI: "2023"}
"""The year a clerk gives with --year where the cut copy states none (金寨's form states it)."""


def write_docx(form: Form, path: Path) -> Path:
    """Each full-width row a paragraph, the rows between two of them one table."""
    from docx import Document

    full = {r0 for r0, c0, r1, c1 in form.merges if r0 == r1 and c0 == 0 and c1 == form.width - 1}
    doc = Document()
    part: list[int] = []

    def flush() -> None:
        if part:
            first, last = part[0], part[-1]
            merges = tuple((r0 - first, c0, r1 - first, c1) for r0, c0, r1, c1 in form.merges
                           if first <= r0 <= last and r0 not in full)
            add_table(doc, form.rows[first:last + 1], merges).style = "Table Grid"
            part.clear()

    for r, row in enumerate(form.rows):
        if r in full:
            flush()
            doc.add_paragraph(row[0])
        else:
            part.append(r)
    flush()
    doc.save(str(path))
    return path


def imported(folder: Path, kind: str, tmp_path: Path, *more: str) -> tuple[dict, str, int]:  # type: ignore[type-arg]
    """(the written data, what the import printed, its exit code)."""
    form = load_form(folder)
    src = tmp_path / "in" / f"{form.file}.{kind}"
    src.parent.mkdir(parents=True, exist_ok=True)
    (write_xlsx if kind == "xlsx" else write_docx)(form, src)
    out = tmp_path / "out"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["import", str(src), "--out", str(out), "--year", YEAR[folder], *more])
    written = sorted(out.rglob("*.yaml"))
    assert len(written) == 1, printed.getvalue()
    WRITTEN[folder, kind] = written[0].read_text(encoding="utf-8")
    return yaml.safe_load(WRITTEN[folder, kind]), printed.getvalue(), code


_ONCE: dict[tuple[Path, str], tuple[dict, str, int]] = {}  # type: ignore[type-arg]
WRITTEN: dict[tuple[Path, str], str] = {}
"""The text of the file each form and kind was last imported to."""


@pytest.fixture
def once(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """`imported` for a test that only reads the result: each form and kind imported once per session."""
    def run(folder: Path, kind: str) -> tuple[dict, str, int]:  # type: ignore[type-arg]
        if (folder, kind) not in _ONCE:
            _ONCE[folder, kind] = imported(folder, kind, tmp_path_factory.mktemp(f"{folder.name}-{kind}"))
        return _ONCE[folder, kind]
    return run


def test_each_trial_form_says_where_it_was_read() -> None:
    for folder in (HAINAN, JINZHAI, NANHUA):
        meta = load_form(folder).meta
        for key in ("address", "date", "title", "place", "form", "file", "cut", "quirks"):
            assert meta.get(key), f"{folder.name}/form.yaml 缺少 {key}"


def test_a_re_import_of_an_unchanged_file_with_errors_reports_its_errors(tmp_path: Path) -> None:
    _, first, _ = imported(JINZHAI, "xlsx", tmp_path)
    assert "错误：" in first
    _, again, code = imported(JINZHAI, "xlsx", tmp_path)
    assert "已导入过，跳过" in again
    assert "错误 0" not in again and "已有的文件有" in again, again
    assert code != 0


def test_a_row_missing_a_cell_is_flagged_not_read_with_its_weight_as_the_actual(once) -> None:  # type: ignore[no-untyped-def]
    for kind in ("docx", "xlsx"):
        data, printed, _ = once(NANHUA, kind)
        row = next(i for i in data["indicators"] if i["name"] == "配套电力设施1250KVA变压器3台")
        assert "actual" not in row and "score" not in row and str(row["weight"]) == "9.3", row
        assert "一行少一格" in printed and "「9.3」，与分值相同" in printed, printed
        assert "310%" not in printed and "达到目标的 130% 以上" not in printed


def test_a_department_form_s_money_rows_are_written_or_named_and_its_rate_checked_as_execution(once) -> None:  # type: ignore[no-untyped-def]
    data, printed, _ = once(JINZHAI, "xlsx")
    assert data["execution"] == {"budget": 329.77, "spent": 338.31, "rate": "102.59%"}, data["execution"]
    line = data["indicators"][0]
    assert line["name"] == "预算执行率" and str(line["weight"]) == "10" and "actual" not in line and "score" not in line
    assert "年初预算数 329.77" in printed
    assert "「其中：当年财政拨款」一行（年初预算数 329.77，全年预算数 329.77，全年执行数 338.31，执行率 102.59%）" in printed, printed
    written = WRITTEN[JINZHAI, "xlsx"]
    assert "与原表印出的一致" not in written and "与原表印出的 102.59%" not in written
    comments = written.split("execution:")[0]  # the file keeps what execution has no key for, above it
    assert "# 原表的年初预算数 329.77：execution 没有年初预算数一项，未写入。" in comments, comments
    assert "执行率 102.59%（execution 只写合计，这一行未写入）" in comments, comments


def test_label_value_money_of_the_older_scoring_form_is_the_budget(once) -> None:  # type: ignore[no-untyped-def]
    for kind in ("docx", "xlsx"):
        data, printed, _ = once(HAINAN, kind)
        budget = data.get("budget")
        assert budget == {"unit": "万元", "rate_basis": "budget",
                          "budget": {"central": 0, "provincial": 570, "other": 0, "total": 570},
                          "funded": {"central": 0, "provincial": 398.88, "other": 0, "total": 398.88},
                          "spent": 395.86}, (kind, budget, printed)
        unplaced = printed.split("未能归位的内容")[1].split("  提示")[0]
        assert "（9 处" in unplaced, unplaced  # the contact details; no money, no level's points
        for cell in ("：570\n", "：398.88\n", "：395.86\n", "计划投资额", "中央财政", "：20\n", "：55\n"):
            assert cell not in unplaced, (cell, unplaced)
        assert "不一致：" in printed and "指标「到位率」得分：公布 3，计算 2.10" in printed  # cross-checked: 398.88 / 570


def test_a_hint_said_of_every_indicator_is_said_once(once) -> None:  # type: ignore[no-untyped-def]
    _, printed, _ = once(HAINAN, "docx")
    lines = [line for line in printed.splitlines() if "目标值和实际值均未给出" in line]
    assert lines == ["  提示：14 项 indicators[1]～[5]、[7]～[15].score（第 23–95 行）：目标值和实际值均未给出，得分无法核验，按公布得分计"], lines


def test_weights_short_of_100_are_said_at_import_by_level_with_where_the_form_ends(once) -> None:  # type: ignore[no-untyped-def]
    """Said once, as the error perfsite check will report (the file does not pass), in the import's words."""
    _, printed, _ = once(JINZHAI, "xlsx")
    said = [line for line in printed.splitlines() if "各指标权重之和为 70" in line]
    assert said == ["  错误：第 19 行 indicators：各指标权重之和为 70，应为 100（过程指标 10 + 产出指标 60）；原表可能缺效益指标、"
                    "满意度指标：请对照原表（最后一项指标在 工作表「Sheet1」 D19）"], said
    assert "错误 1，" in printed
    _, printed, _ = once(NANHUA, "docx")
    said = [line for line in printed.splitlines() if "各指标权重之和为 60" in line]
    assert len(said) == 1 and said[0].startswith("  错误：") and "为 60，应为 100（过程指标 10 + 产出指标 50）；原表可能缺效益指标、满意度指标" in said[0], said


def test_a_title_paragraph_naming_only_the_form_is_not_listed_as_unplaced(once) -> None:  # type: ignore[no-untyped-def]
    _, printed, _ = once(NANHUA, "docx")
    assert "段落：项目支出绩效自评表" not in printed and "未能归位" not in printed, printed


def test_the_budget_line_has_one_name_in_a_programme_s_and_a_department_s_import(once) -> None:  # type: ignore[no-untyped-def]
    programme, _, _ = once(NANHUA, "docx")
    department, _, _ = once(JINZHAI, "xlsx")
    paths = [(i["level1"], i["level2"], i["name"]) for data in (programme, department) for i in data["indicators"]
             if i["name"] == "预算执行率"]
    assert paths == [("过程指标", "预算执行", "预算执行率")] * 2, paths


def test_an_implementer_the_self_evaluation_has_no_key_for_is_said_with_why(once) -> None:  # type: ignore[no-untyped-def]
    data, printed, _ = once(NANHUA, "docx")
    assert "implementer" not in data
    assert ("注意：实施单位「南华县国有资本管理有限公司」写在 department 上方的注释中：自评表的数据格式没有实施单位一项"
            "（implementer 只属于绩效目标表）") in printed


def _nanhua_with(row: list[str], others_scored: bool = True) -> Form:
    """南华's form with its shifted row (「3 | 9.3 | 9.3 |」) replaced by `row` (target, actual, weight, score), the
    other rows' 得分 kept or blanked."""
    from dataclasses import replace

    form = load_form(NANHUA)
    rows = [list(r) for r in form.rows]
    r = next(n for n, cells in enumerate(rows) if cells[3] == "配套电力设施1250KVA变压器3台")
    rows[r][4:8] = row
    if not others_scored:
        for cells in rows[r - 2:]:
            cells[7] = ""
    return replace(form, rows=rows)


@pytest.mark.parametrize(("row", "others_scored", "shifted"), [
    (["3", "9.3", "9.3", ""], True, True),      # 南华 as printed: the actual's cell left out, the rest moved left
    (["9.3", "9.3", "9.3", ""], True, False),   # the target met, its figure by chance the weight; the score unfilled
    (["≥9.3台", "9.3台", "9.3", ""], True, False),
    (["3", "9.3", "9.3", ""], False, False),    # no row has its 得分: the column was left unfilled, nothing moved
])
def test_the_shifted_row_check_fires_only_where_the_cells_moved(row: list[str], others_scored: bool, shifted: bool,
                                                                 tmp_path: Path) -> None:
    form = _nanhua_with(row, others_scored)
    (tmp_path / "in").mkdir()
    src = write_xlsx(form, tmp_path / "in" / f"{form.file}.xlsx")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["import", str(src), "--out", str(tmp_path / "out"), "--year", "2023"])
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    line = next(i for i in data["indicators"] if i["name"] == "配套电力设施1250KVA变压器3台")
    assert ("一行少一格" in printed.getvalue()) is shifted, printed.getvalue()
    assert ("actual" not in line) is shifted, line
