"""`perfsite template`: an Excel workbook a clerk fills in instead of writing YAML.

Its labels are the ones the importer reads (项目名称, the contract's indicator headers), so a
filled template imports back without loss. Text cells are formatted as text (``@``) so that
``95%`` or ``≥300家`` stay exactly as typed instead of becoming numbers or formulas.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from perfsite.importing.labels import header_name
from perfsite.model import RuleType
from perfsite.schema import EVALUATIONS

ROWS = 300
"""Rows prepared (formats and drop-downs) in the indicator sheet."""
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "预算执行指标", "决策", "过程", "产出", "效益")
LEVELS = ("达成", "部分达成", "未达成")
FACT_ROWS = (
    ("项目名称*", "如：“小升规”企业奖励资金（不含年度和“绩效自评报告”字样）", None),
    ("评价年度*", "四位数，如 2021", "year"),
    ("主管部门*", "部门全称；原文没有写明时填「未载明」", None),
    ("地区", "省/市/县，如 曲沃县", None),
    ("评价类型", "下拉选择，默认 单位自评", "evaluation"),
    ("评价机构", "第三方评价时填机构名称", None),
    ("公布日期", "如 2022-04-28", "date"),
    ("网址编号", "可不填：小写字母、数字和连字符，如 xiaoshenggui；填了即为文件名", None),
    ("系列编号", "可不填：同一项目不同年度用同一个编号，页面会互相链接", None),
    ("公布总分", "原文写明的总得分，如 99.1", "number"),
    ("公布等级", "原文写明的等级，如 优秀", None),
    ("金额单位", "下拉选择：万元 或 元", "unit"),
    ("执行率口径", "下拉选择：执行率 = 全年执行数/全年预算数（默认），或 实际支出/实际到位", "basis"),
)
BUDGET_COLUMNS = ("年度总金额", "中央级", "省级", "市级", "县区级", "上年结转资金", "其他资金")
BUDGET_ROWS = ("年初预算资金", "全年预算资金", "实际到位资金", "全年执行资金")
INDICATOR_KEYS = ("level1", "level2", "name", "weight", "target", "actual", "completion", "score", "rule",
                  "level", "rule_text", "remark", "applicable")
NUMBER_KEYS = {"weight", "score"}
WIDTHS = {"level1": 14, "level2": 16, "name": 24, "weight": 8, "target": 14, "actual": 14, "completion": 10,
          "score": 8, "rule": 12, "level": 10, "rule_text": 40, "remark": 36, "applicable": 10}

TARGET_SHEET = "绩效目标表"
"""The sheet of the 项目支出绩效目标表 (财预〔2021〕101号), imported as a target table of its own."""
TARGET_FACTS = (
    ("项目名称*", "与同一项目的自评表相同", None),
    ("年度*", "四位数，如 2022（与同一项目该年度的自评表相同）", "year"),
    ("主管部门*", "部门全称", None),
    ("主管部门编码", "如 301001", None),
    ("实施单位", "", None),
    ("项目属性", "下拉选择：新增 或 延续", "attribute"),
    ("项目期（起止年限）", "如 2021-2025", None),
    ("金额单位", "下拉选择：万元 或 元", "unit"),
    ("年度资金总额", "数字", "number"),
    ("其中：财政拨款", "数字", "number"),
    ("其中：其他资金", "数字；资金总额应等于财政拨款与其他资金之和", "number"),
    ("中期目标", "项目期内的总体目标", None),
    ("年度目标", "本年度的总体目标", None),
)
"""The form's head, in its order: each label, the hint shown on its cell, its kind."""
TARGET_INDICATORS = (
    ("一级指标", 12), ("二级指标", 16), ("三级指标", 24), ("指标性质", 9), ("指标值", 12), ("度量单位", 9),
    ("指标解释", 30), ("设定依据", 12), ("数据来源", 18), ("核心指标", 9), ("权重", 8),
)
"""The 绩效指标 part's columns (财预〔2021〕101号) and their widths; 权重 where the form has it."""
DEPARTMENT_SHEET = "部门整体自评"
"""The sheet of the 部门整体支出绩效自评表, laid out as the form (财预〔2021〕101号): the importer reads it
as it reads a published one (dept_form)."""
DEPARTMENT_TITLE = "部门整体支出绩效自评表"
DEPARTMENT_FACTS = (
    ("部门名称*", "部门全称，与本部门项目的主管部门写法相同", None),
    ("年度*", "四位数，如 2023", "year"),
    ("部门编码", "如 301", None),
    ("部门职能", "", None),
    ("金额单位", "下拉选择：万元 或 元", "unit"),
    ("公布总分", "原表写明的总分，如 99.81", "number"),
)
DEPARTMENT_TASKS = ("年度主要任务", "任务名称", "主要内容", "全年预算数", "全年执行数")
DEPARTMENT_EXECUTION = ("预算执行情况", "全年预算数", "全年执行数", "执行率", "分值", "得分")
DEPARTMENT_GOALS = ("年度总体目标", "预期目标", "实际完成情况")
DEPARTMENT_DEVIATION = "偏差原因分析及改进措施"
DEPARTMENT_INDICATORS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
TASK_ROWS = 12
"""Rows left for 年度主要任务 (a department states a handful)."""


def department_rows() -> dict[str, int]:
    """Where each block of the 部门整体自评 sheet starts (1-based rows)."""
    tasks = len(DEPARTMENT_FACTS) + 4
    execution = tasks + TASK_ROWS + 2
    goals = execution + 3
    return {"facts": 3, "tasks": tasks, "execution": execution, "goals": goals, "deviation": goals + 2,
            "indicators": goals + 4}


DEPARTMENT_TARGET_SHEET = "部门整体绩效目标表"
"""The sheet of the 部门整体支出绩效目标表, laid out as the published form (head, 年度主要任务 with
their amounts, 年度总体目标, then the 绩效指标 of the 绩效目标表 sheet): read as a published one."""
DEPARTMENT_TARGET_TITLE = "部门整体支出绩效目标表"
DEPARTMENT_TARGET_FACTS = (
    ("部门名称*", "部门全称，与本部门项目的主管部门、部门整体自评表的部门名称写法相同", None),
    ("年度*", "四位数，如 2023（预算年度）", "year"),
    ("部门编码", "如 301", None),
    ("部门职能", "", None),
    ("金额单位", "下拉选择：万元 或 元", "unit"),
)
DEPARTMENT_TARGET_TASKS = ("年度主要任务", "任务名称", "主要内容", "预算金额")
DEPARTMENT_TARGET_GOAL = "年度总体目标"
EXECUTION_HINT = "预算执行率写在 过程指标 / 预算执行 下，与部门整体自评表的预算执行情况对应"


def department_target_rows() -> dict[str, int]:
    """Where each block of the 部门整体绩效目标表 sheet starts (1-based rows)."""
    tasks = len(DEPARTMENT_TARGET_FACTS) + 4
    goal = tasks + TASK_ROWS + 1
    return {"facts": 3, "tasks": tasks, "goal": goal, "indicators": goal + 3}


NATURES = ("≥", "≤", "=", ">", "<", "定性")
BASES = ("计划标准", "行业标准", "历史标准", "其他标准")

INSTRUCTIONS = """\
预算绩效自评表填写说明（perfsite 模板）

1. 本工作簿有三张表要填：「项目信息」「绩效指标」「报告正文」。本页只是说明，导入时不读。
   另有「绩效目标表」一张，是年初公布的项目支出绩效目标表（财预〔2021〕101号的栏目），见第 6 条；
   部门整体的自评表和目标表各一张，见第 7、8 条。
2. 「项目信息」：带 * 的必须填写。表下方的「预算执行情况」按原表填写金额（默认单位万元），没有的格子留空，不要填 0 以外的占位符。
3. 「绩效指标」：每个三级指标一行。一级、二级指标与上一行相同时可以留空（视同合并单元格）；分值、得分等数字不会向下复制，每行都要填。
   · 年度指标值、实际完成值照原表填写，带单位和符号，如 ≥300家、＞5%、95%、符合要求；这些列已设为文本格式，填 95% 不会变成 0.95。
   · 完成率可不填；填了会与计算结果核对。
   · 规则：留空即 auto（数字目标按比率计分，文字目标按完成程度）。下拉可选 auto、ratio、judged、budget、deduct、shortfall、bands、reported；
     需要参数时直接写成 {type: deduct, per: 0.5, count: 3} 这样的形式。原文没写扣分处数、无法重算的，选 reported（采用公布得分）。
   · 定性等级：规则为 judged 时选 达成/部分达成/未达成，得分须在该等级的范围内。
   · 是否适用：不适用的指标选「否」，不计入总分。
4. 「报告正文」：每个章节一行，左边是标题（如 项目概况、绩效目标、存在问题），右边是正文；段落之间空一行（单元格内按 Alt+回车 换行）。
5. 保存后在命令行运行：perfsite import 本文件.xlsx，再运行 perfsite check data 检查。
6. 「绩效目标表」：照年初批复公开的绩效目标表填写。上方是项目信息（带 * 的必须填写），下方每个三级指标一行：
   · 指标性质下拉选 ≥、≤、=、>、< 或 定性；指标值只写数字（定性指标写文字，如 明显改善），单位写在度量单位一栏；
   · 核心指标选「是」或「否」；原表有权重时填权重，各行权重之和应为 100。
   · 跨年度项目的原表另有一组中期指标（也叫实施期指标、长期指标）时，填在右边「中期绩效指标」一组（第 M 列起，栏目相同），
     导入后写成 midterm_indicators；没有就不填。与自评表对照的只是左边的年度指标。
   perfsite import 读取这张表，写成 kind: 绩效目标 的数据文件（与同一项目该年度的自评表共用网址编号，写在它旁边）；
   只填这张表、其余几张留空时，只导入绩效目标表。
7. 「部门整体自评」：部门整体支出绩效自评表，照决算公开的表填写：部门名称（与本部门项目的主管部门写法相同）、年度、
   年度主要任务（每项一行）、预算执行情况（执行率带分值时作为「预算执行率」指标计分，写在 过程指标 / 预算执行 下）、年度总体目标及实际完成情况、
   绩效指标（每个三级指标一行，同「绩效指标」表）。导入后写成 kind: 部门整体自评 的文件；不填就不导入。
8. 「部门整体绩效目标表」：部门整体支出绩效目标表，照随预算公开的表填写：部门名称（与「部门整体自评」写法相同）、年度、
   年度主要任务（每项一行，预算金额只写数字）、年度总体目标、绩效指标（栏目同「绩效目标表」）。预算执行率写在
   一级指标「过程指标」、二级指标「预算执行」下，与「部门整体自评」的预算执行情况对应，部门页才能逐项对照。
   导入后写成 kind: 部门整体绩效目标 的文件；不填就不导入。
"""


def write_template(path: Path) -> None:
    book = Workbook()
    notes = book.active
    notes.title = "填写说明"
    for r, line in enumerate(INSTRUCTIONS.splitlines(), 1):
        notes.cell(r, 1, line)
    notes.column_dimensions["A"].width = 120
    notes["A1"].font = Font(bold=True, size=14)
    _facts_sheet(book.create_sheet("项目信息"))
    _indicator_sheet(book.create_sheet("绩效指标"))
    _sections_sheet(book.create_sheet("报告正文"))
    _targets_sheet(book.create_sheet(TARGET_SHEET))
    _department_sheet(book.create_sheet(DEPARTMENT_SHEET))
    _department_targets_sheet(book.create_sheet(DEPARTMENT_TARGET_SHEET))
    book.active = 1
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))


_HEAD = PatternFill("solid", fgColor="DDEBF7")


def _head(cell) -> None:  # type: ignore[no-untyped-def]
    cell.font = Font(bold=True)
    cell.fill = _HEAD
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _list(sheet, items: tuple[str, ...], cells: str, *, strict: bool = True, prompt: str = "") -> None:  # type: ignore[no-untyped-def]
    validation = DataValidation(type="list", formula1='"' + ",".join(items) + '"', allow_blank=True,
                                showErrorMessage=True, errorStyle="stop" if strict else "warning")
    validation.error = "请从下拉列表中选择" if strict else "不在下拉列表中：确认要填写其他内容吗？"
    if prompt:
        validation.prompt, validation.showInputMessage = prompt, True
    sheet.add_data_validation(validation)
    validation.add(cells)


def _facts_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    _head_facts(sheet, "绩效自评项目信息", FACT_ROWS)
    top = len(FACT_ROWS) + 4
    _header_rows(sheet, ((("预算执行情况（万元）", *BUDGET_COLUMNS), top),))
    for r, label in enumerate(BUDGET_ROWS, top + 1):
        _head(sheet.cell(r, 1, label))
        for c in range(2, len(BUDGET_COLUMNS) + 2):
            sheet.cell(r, c).number_format = "General"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 40
    for c in range(3, len(BUDGET_COLUMNS) + 2):
        sheet.column_dimensions[get_column_letter(c)].width = 12


def _indicator_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    for c, key in enumerate(INDICATOR_KEYS, 1):
        label = "定性等级" if key == "level" else header_name(key)
        _head(sheet.cell(1, c, label))
        letter = get_column_letter(c)
        sheet.column_dimensions[letter].width = WIDTHS[key]
        for r in range(2, ROWS + 2):
            sheet.cell(r, c).number_format = "General" if key in NUMBER_KEYS else "@"
        cells = f"{letter}2:{letter}{ROWS + 1}"
        if key == "level1":
            _list(sheet, LEVEL1, cells, strict=False, prompt="可下拉选择，也可照原表填写，如 决策（16分）")
        elif key == "rule":
            _list(sheet, tuple(t.value for t in RuleType), cells, strict=False,
                  prompt="留空即 auto；带参数时写 {type: deduct, per: 0.5, count: 3}")
        elif key == "level":
            _list(sheet, LEVELS, cells, prompt="规则为 judged 时选择")
        elif key == "applicable":
            _list(sheet, ("是", "否"), cells, prompt="不适用的指标选「否」")
    sheet.freeze_panes = "A2"


def _sections_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    _head(sheet.cell(1, 1, "章节标题"))
    _head(sheet.cell(1, 2, "正文"))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    for r in range(2, 42):
        for c in (1, 2):
            sheet.cell(r, c).number_format = "@"
            sheet.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def target_indicator_row() -> int:
    """The row of the 绩效目标表 sheet's indicator headers (the head's rows, a blank row, a title)."""
    return len(TARGET_FACTS) + 5


FACT_FORMATS = {"year": "0", "number": "General", "date": "yyyy-mm-dd"}
"""How a fact's value cell is formatted, by its kind; any other kind (or none) is text (``@``)."""
FACT_LISTS: dict[str, tuple[str, ...]] = {
    "attribute": ("新增", "延续"),
    "unit": ("万元", "元"),
    "evaluation": EVALUATIONS,
    "basis": ("全年执行数/全年预算数", "实际支出/实际到位"),
}
"""The drop-down of a fact's value cell, by its kind (the hint is its prompt)."""


def _head_facts(sheet, title: str, facts: tuple[tuple[str, str, str | None], ...]) -> None:  # type: ignore[no-untyped-def]
    """A form's title and its head: one label a row from row 3, the value typed beside it (a
    drop-down or the hint on its cell), every sheet's head alike."""
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    for r, (label, hint, kind) in enumerate(facts, 3):
        _head(sheet.cell(r, 1, label))
        value = sheet.cell(r, 2)
        value.number_format = FACT_FORMATS.get(kind or "", "@")
        value.alignment = Alignment(wrap_text=True)
        if kind in FACT_LISTS:
            _list(sheet, FACT_LISTS[kind], value.coordinate, prompt=hint)
        elif hint:
            tip = DataValidation(type=None, showInputMessage=True, prompt=hint)
            sheet.add_data_validation(tip)
            tip.add(value.coordinate)


def _header_rows(sheet, blocks: tuple[tuple[tuple[str, ...], int], ...]) -> None:  # type: ignore[no-untyped-def]
    """Each block's header labels (a row of bold cells from column A) at its row."""
    for labels, row in blocks:
        for c, label in enumerate(labels, 1):
            _head(sheet.cell(row, c, label))


def _targets_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    """The 项目支出绩效目标表 as the form lays it out: the head, then 绩效指标 one row each, and to
    their right, under its own caption, the 中期 set of a multi-year programme."""
    _head_facts(sheet, "项目支出绩效目标表", TARGET_FACTS)
    prompt = "产出指标、效益指标、满意度指标（也可照原表填写）"
    _target_indicators(sheet, target_indicator_row(), LEVEL1[:3], prompt)
    _target_indicators(sheet, target_indicator_row(), LEVEL1[:3], prompt, MIDTERM_COLUMN, MIDTERM_CAPTION)


MIDTERM_COLUMN = len(TARGET_INDICATORS) + 2
"""The first column of the 中期 set on the 绩效目标表 sheet: one empty column right of the 年度 set."""
MIDTERM_CAPTION = "中期绩效指标（跨年度项目填写：整个实施期的指标；没有就不填）"
"""Its caption: 中期 in a set's caption is what tells the importer the set (target_form.set_word)."""


def target_labels() -> int:
    """Cells of the empty 绩效目标表 sheet (title, labels, both sets' captions and headers): more is a filled one."""
    return 1 + len(TARGET_FACTS) + 2 * (1 + len(TARGET_INDICATORS))


def _target_indicators(sheet, top: int, level1: tuple[str, ...], prompt: str,  # type: ignore[no-untyped-def]
                       first: int = 1, caption: str = "绩效指标") -> None:
    """A 绩效指标 set of a target table (财预〔2021〕101号 columns) with its caption over column
    `first` and its header at row `top`."""
    sheet.cell(top - 1, first, caption).font = Font(bold=True)
    for c, (label, width) in enumerate(TARGET_INDICATORS, first):
        _head(sheet.cell(top, c, label))
        letter = get_column_letter(c)
        sheet.column_dimensions[letter].width = max(width, {1: 22, 2: 40}.get(c, 0))  # A, B: the head too
        for r in range(top + 1, top + 1 + ROWS):
            sheet.cell(r, c).number_format = "General" if label == "权重" else "@"
        cells = f"{letter}{top + 1}:{letter}{top + ROWS}"
        if label == "一级指标":
            _list(sheet, level1, cells, strict=False, prompt=prompt)
        elif label == "指标性质":
            _list(sheet, NATURES, cells, prompt="≥ 不低于，≤ 不高于，= 等于，定性 用文字表述的目标")
        elif label == "设定依据":
            _list(sheet, BASES, cells, strict=False, prompt="可下拉选择，也可照原表填写")
        elif label == "核心指标":
            _list(sheet, ("是", "否"), cells, prompt="原表标为核心指标的选「是」")
    sheet.freeze_panes = f"A{top + 1}"


def _department_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    """The 部门整体支出绩效自评表 as the form lays it out: facts, 年度主要任务, 预算执行, goals, indicators."""
    rows = department_rows()
    _head_facts(sheet, DEPARTMENT_TITLE, DEPARTMENT_FACTS)
    _header_rows(sheet, ((DEPARTMENT_TASKS, rows["tasks"]), (DEPARTMENT_EXECUTION, rows["execution"]),
                         (DEPARTMENT_GOALS, rows["goals"]), (DEPARTMENT_INDICATORS, rows["indicators"])))
    _head(sheet.cell(rows["deviation"], 1, DEPARTMENT_DEVIATION))
    for c in range(2, 6):  # task texts and the goals stay as typed (95% is not 0.95)
        for r in range(rows["tasks"] + 1, rows["tasks"] + 1 + TASK_ROWS):
            sheet.cell(r, c).number_format = "General" if c >= 4 else "@"
    for c in range(1, len(DEPARTMENT_INDICATORS) + 1):
        for r in range(rows["indicators"] + 1, rows["indicators"] + 1 + ROWS):
            sheet.cell(r, c).number_format = "General" if DEPARTMENT_INDICATORS[c - 1] in ("分值", "得分") else "@"
    sheet.cell(rows["execution"] + 1, 4).number_format = "@"
    for c, width in enumerate((22, 40, 30, 14, 14, 10, 10, 36), 1):
        sheet.column_dimensions[get_column_letter(c)].width = width


def _department_targets_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    """The 部门整体支出绩效目标表 as the form lays it out: head, 年度主要任务, 年度总体目标, indicators."""
    rows = department_target_rows()
    _head_facts(sheet, DEPARTMENT_TARGET_TITLE, DEPARTMENT_TARGET_FACTS)
    _header_rows(sheet, ((DEPARTMENT_TARGET_TASKS, rows["tasks"]),))
    for r in range(rows["tasks"] + 1, rows["tasks"] + 1 + TASK_ROWS):
        for c in (2, 3):
            sheet.cell(r, c).number_format = "@"
        sheet.cell(r, 4).number_format = "General"
    _head(sheet.cell(rows["goal"], 1, DEPARTMENT_TARGET_GOAL))
    goal = sheet.cell(rows["goal"], 2)
    goal.number_format, goal.alignment = "@", Alignment(wrap_text=True)
    _target_indicators(sheet, rows["indicators"], ("过程指标", *LEVEL1[:3]), EXECUTION_HINT)


def department_target_labels() -> int:
    """Cells of the empty 部门整体绩效目标表 sheet (title, labels, 绩效指标 and the header): more is a filled one."""
    return 1 + len(DEPARTMENT_TARGET_FACTS) + len(DEPARTMENT_TARGET_TASKS) + 1 + 1 + len(TARGET_INDICATORS)


def department_labels() -> int:
    """Cells of the empty 部门整体自评 sheet (title and labels): more is a filled one."""
    return (1 + len(DEPARTMENT_FACTS) + len(DEPARTMENT_TASKS) + len(DEPARTMENT_EXECUTION) + len(DEPARTMENT_GOALS) + 1
            + len(DEPARTMENT_INDICATORS))
