"""The words clerks' tables use, in one place (header synonyms of the contract come from the core)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from perfsite.decimals import parse_decimal
from perfsite.importing.grid import Grid, compact, flat, label
from perfsite.indicator_csv import HEADERS, header_key
from perfsite.lower_better import named_lower
from perfsite.values import SIGN_CLASS, Comparator, UnitMismatch, align, parse_value, split_comparator

COPY_DOWN = ("level1", "level2", "name")
NUMBER_KEYS = ("weight", "score")
TOTAL_WORDS = ("合计", "总分", "总计", "综合得分", "总得分", "得分合计", "合计得分", "自评得分", "自评总分", "评价得分")

# Budget rows (rows of the row layout, columns of the central layout), most specific first.
BUDGET_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("initial", ("年初预算",)),
    ("budget", ("全年预算", "调整后预算", "调整预算", "预算数")),
    ("funded", ("实际到位", "到位资金", "到位数")),
    ("spent", ("全年执行", "执行资金", "执行数", "实际支出", "支出数", "支出资金", "实际支付", "支付数")),
)
DERIVED_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("balance", ("资金结余", "结余")),
    ("funding_rate", ("到位率",)),
    ("execution_rate", ("执行率",)),
)
SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("total", ("年度总金额", "年度资金总额", "资金总额", "年度金额", "合计", "总计", "总额")),
    ("subtotal", ("小计",)),
    ("central", ("中央",)),
    ("provincial", ("省级", "省本级", "自治区")),
    ("municipal", ("市级", "盟市", "州级", "地市")),
    ("county", ("县区级", "县级", "区级", "县（区）级", "县(区)级", "旗县", "区县")),
    ("local", ("地方资金", "地方财政", "地方配套", "市县资金", "市县财政")),
    ("carryover", ("上年结转",)),
    ("other", ("其他", "单位资金", "自有资金", "自筹")),
    ("fiscal", ("当年财政拨款", "财政拨款", "财政资金", "一般公共预算")),
)
"""内蒙古's levels are 自治区 | 盟市 | 旗县 (巴彦淖尔市临河区's 2022 就业补助资金 自评表: 「自治区财政资金 570.17」「盟市财政资金
433.00」「旗县财政资金 1426.90」 under 「其中:中央财政资金 3144.00」); 州级 and 地市 are the 市 level elsewhere.

``local``: the 转移支付 form's 「地方资金」 (省级 + 市县, the MoF 区域绩效自评表's row under 中央补助), 「地方配套资金」 and 「市县资金」 name
several levels at once; the data format keeps one figure a level, so the importer places them only through the
rows under them (「其中：省级资金」) and otherwise keeps the row's total (assemble.py `_budget_row`)."""
PROGRAMME_NAME = ("项目名称", "二级项目名称", "专项名称", "项目全称", "专项资金名称", "转移支付名称", "资金名称", "项目支出名称")
"""Labels of a programme's name on every kind of form: a 绩效目标表 stacked above a 自评表 is cut at
its own name label, so a label only one reader knew merged the two forms into one file."""

NAME_LINE_LABELS = (*PROGRAMME_NAME, "评价项目", "项目")
"""Labels a line may print before the programme's name (「评价项目：X绩效评价报告」): every label of the
name, and 「评价项目」「项目」, which only a line prints that way: in a table 「项目」 heads the budget rows."""


def _spellings(*words: str) -> tuple[str, ...]:
    """Each label as forms print it alone, with 名称 after it (「主管部门名称」, as the 2021 申报表 at
    gxglmes.com/templets/default/2021yusuan/sqb.files/sheet001.htm prints it) and with its code
    (「主管部门及代码」, 原州区's form); 「单位名称」 is a label of its own."""
    return tuple(dict.fromkeys(spelt for word in words for spelt in (
        word, *(() if word.endswith("名称") else (f"{word}名称",)),
        *(f"{word}{link}{code}" for link in ("及", "及其") for code in ("代码", "编码")))))


UNITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("department", _spellings("主管部门", "主管单位", "预算部门", "项目主管部门", "项目主管单位", "业务主管部门", "部门名称")),
    ("implementer", _spellings("实施单位", "项目实施单位", "项目单位", "资金使用单位", "项目执行单位", "下达地方或单位")),
    ("unit", _spellings("预算单位", "填报单位", "单位名称", "编制单位", "申报单位")),
)
"""Every form's labels of the units a programme names, in one place: the 主管部门 (``department``, the
data format's), the unit that spends the money (``implementer``: 实施单位, 项目单位) and the unit that
budgets or fills in the form (``unit``: 预算单位, 填报单位). A 绩效目标表 keeps all three; a 自评表 keeps
the department and the first unit it names (`FACTS`); a 部门整体 form's subject is the department, so
its department is any of them but the spending unit (dept_form.FACTS)."""


def unit_labels(*keys: str) -> tuple[str, ...]:
    """The labels of the units `keys` name, in the table's order."""
    return tuple(word for key, words in UNITS if key in keys for word in words)


FACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", PROGRAMME_NAME),
    ("department", unit_labels("department")),
    ("unit", unit_labels("implementer", "unit")),
    ("year", ("评价年度", "项目年度", "年度", "项目年份", "年份")),
    ("region", ("地区", "所属地区", "行政区划")),
    ("evaluation", ("评价类型", "评价方式")),
    ("evaluator", ("评价机构", "评价单位")),
    ("published", ("公布日期", "发布日期", "公开日期")),
    ("filled", ("填报日期", "填表日期", "填报时间")),
    ("id", ("网址编号", "项目编号", "项目标识", "网址标识")),
    ("series", ("系列编号", "系列标识")),
    ("reported_score", ("公布总分", "自评总分", "自评得分", "项目总得分")),
    ("reported_grade", ("公布等级", "评价等级", "自评等级")),
    ("unit_of_money", ("金额单位",)),
    ("rate_basis", ("执行率口径",)),
)
MONEY_EXPONENT = {"元": 0, "千元": 3, "万元": 4, "万": 4, "亿元": 8}
"""The money units forms print, as powers of ten of a 元. The data format keeps 万元 or 元
(perfsite.budget.UNITS): a table stated in 千元 or 亿元 is written in 万元, its figures moved by
Decimal.scaleb, which changes the exponent only, so no digit is lost or rounded."""
MONEY_UNIT = re.compile(r"(?:[（(]\s*|单位\s*[:：]\s*)(亿元|千元|万元|元)(?:\s*[)）]|\s*$|[\s，,；;])")
"""A unit stated for a table's figures: 「（千元）」「(元)」「单位：亿元」「金额单位:千元」, and 「单位：元」 in a title row's
right-hand cell; never the 元 of a figure or a word (「2万元补助」 states no unit)."""


UNIT_AT_END = re.compile(r"(?:^|[:：]\s*|\s)(?:金额)?单位\s*[:：]\s*(亿元|千元|万元|元)\s*$")
"""A line or cell ending in the form's money unit: 「单位：元」 alone, or after a label a unit left blank to sign
(「主管部门(盖章):　　单位:元」, 历城's form, a cell in Excel, a paragraph above the table in Word)."""


def stated_unit(text: str) -> str:
    """The money unit a title line or cell states for the whole form at its end (`UNIT_AT_END`), or ""."""
    found = UNIT_AT_END.search(text)
    return found[1] if found else ""


def money_unit(text: str) -> str:
    """The unit a header, title or 金额单位 cell states for the figures (「项目资金（万元）」), or ""."""
    found = MONEY_UNIT.search(text)
    if found:
        return found[1]
    if "万元" in text:
        return "万元"
    return text.strip() if text.strip() in MONEY_EXPONENT and text.strip() != "万" else ""


SECTION_HEADERS = (("章节标题", "标题"), ("正文", "内容"))
GOALS = ("年度总体目标", "总体目标", "年度总体目标完成情况", "总体目标完成情况", "年度目标", "目标完成情况", "完成情况")
GRADES = ("优秀", "良好", "中等", "合格", "较差", "不合格", "优", "良", "中", "差")

LABEL_LINE = re.compile(r"^(?!附\s*[件表])[^：:]{1,10}[：:]")
"""A line that starts with a label and its colon: 「评价方式：☑单位自评」, 「注：」, 「项目实施单位（盖章）：」 (ten
characters, the longest label the forms print before a colon). Such a line above a table is a line of
the form's facts, not its caption, and in a report no title unless it names a 绩效…评价 after the
label; 「附件1：…绩效自评表」 is no label line. The corpus (tests/forms*/) reads alike with {2,8}: no
label line it holds has one character or nine or ten before the colon and would be a caption or title."""

_BRACKETS = re.compile(r"[（(][^（()）]*[)）]|[*＊:：]")


def bare(text: str) -> str:
    """A label without spaces, bracketed notes (「（万元）」「（必填）」) or a trailing colon."""
    return _BRACKETS.sub("", compact(text))


EXTRA_COLUMNS = {"定性等级": "level"}
"""Template-only columns: 定性等级 becomes ``rule: {type: judged, level: …}``."""

FORM_COLUMNS = {
    "指标内容": "name", "三级指标名称": "name", "具体指标": "name", "绩效指标名称": "name",
    "标准分": "weight", "参考分值": "weight", "指标分值": "weight", "指标权重": "weight", "权重分": "weight", "权重分值": "weight", "满分": "weight",
    "指标值": "target", "年度目标值": "target", "年初目标值": "target", "年初指标值": "target", "目标值": "target", "年度指标": "target", "预期指标值": "target",
    "完成值": "actual", "实际完成": "actual", "全年完成值": "actual", "实际完成指标值": "actual",
    "全年实际完成值": "actual", "年度实际完成值": "actual", "实际完成数": "actual", "完成指标值": "actual",
    "计划目标值": "target", "预期目标值": "target", "目标": "target",
    "全年指标值": "target", "绩效目标值": "target", "指标目标值": "target", "计划指标值": "target",
    "年度实际值": "actual", "指标完成值": "actual",
    "自评得分": "score", "评价得分": "score", "实际得分": "score", "自评分": "score", "自评分值": "score",
    "评分办法": "rule_text", "评分细则": "rule_text", "计分标准": "rule_text", "指标说明及评分标准": "rule_text", "评分依据": "rule_text", "计分方法": "rule_text",
    "得分计算方法": "rule_text", "得分计算办法": "rule_text",
    "指标完成率": "completion", "完成比例": "completion",
    "偏差原因": "remark", "偏差原因分析": "remark", "未完成原因分析": "remark",
    "偏差原因分析及拟采取的改进措施": "remark", "偏差原因及改进措施": "remark",
    "权重占比": "share", "权重比例": "share", "折算得分": "weighted", "单项指标折算得分": "weighted",
    "单项指标完成情况": "status", "得分系数": "factor",
    "调整后指标值": "adjusted", "调整指标值": "adjusted", "调整后目标值": "adjusted", "调整后年度指标值": "adjusted",
    "年终完成值": "actual", "评价标准": "rule_text", "评价标准及依据": "rule_text",
    "复核分": "review", "复核得分": "review", "财政复核分": "review", "项目权重": "level1",
    "一级目标": "level1", "当年度指标值": "target", "全年目标值": "target",
    "标准分值": "weight", "实得分": "score", "考核得分": "score",
    "扣分说明": "remark", "扣分理由": "remark", "扣分情况": "remark",
    "一级": "level1", "二级": "level2", "三级": "name",
}
"""Headers of published forms beyond the data contract's CSV headers (the contract's stay in the core).

``share``, ``weighted`` and ``status`` are no contract keys: 河北's form scores an indicator out of 100
(单项指标得分), weights it (权重占比(%)) and prints the product (单项指标折算得分); assemble.py folds
the three into the contract's ``weight`` and ``score``. 单项指标完成情况 (完成/未完成) is not imported.
``review`` is the finance bureau's 复核分 beside the unit's 自评分 (湖北 广水's form, tests/forms_layouts/l14):
no part of a self-evaluation, never read as its score; a filled one is named to the clerk. The same form
heads its 项目决策/项目管理 column 「项目权重」: it holds the level with its points (「项目决策2分」).
``factor`` is 重庆's 得分系数 (指标权重 × 得分系数 = 指标得分, tests/forms_dept/d02): no contract key, checked
against the weight and score beside it (assemble.py). Evaluation firms' score tables head the points 「标准分值」, the score 「实得分」「考核得分」, the reason
「扣分说明」「扣分理由」「扣分情况」, and the levels 「一级 | 二级 | 三级」 without the word 指标
(tests/test_import_report_variants.py)."""

WEAK_NAME = ("评价内容",)
"""Headers that name the indicator only where no other column does (湖北 广水's 项目决策/项目管理 rubric,
tests/forms_layouts/l14); beside 「指标名称」 such a column is the level above the name (宁晋, tests/forms),
and `column_key` does not know it."""

ITEM_PREFIX = "单项指标"
"""「单项指标实际完成值」「单项指标得分」: the same columns as 实际完成值, 得分, the form's prefix dropped."""

TARGET_PARTS = {"指标性质": "sign", "比较符号": "sign", "度量单位": "measure", "计量单位": "measure"}
"""Columns under 年度指标值 that the form splits a target into: 「≥ | 95 | %」 is the target ``≥95%``."""
UNDER_TARGET = {"符号": "sign", "单位": "measure"}
"""Words that name a part of the target only under a 预期指标值 header (「符号 | | 单位(文字描述)」):
alone, 「单位」 is a unit's name and 「符号」 anything."""

SPANNING = ("绩效指标", "评价指标", "指标值", "年度指标值", "指标")
"""Upper header cells that only span the real headers below them."""


def column_key(text: str) -> str | None:
    """A header cell → contract key, through the core's synonyms (brackets like 「（分）」 ignored)."""
    if not text.strip():
        return None
    label = bare(text)
    key = (header_key(text) or header_key(label) or EXTRA_COLUMNS.get(label) or FORM_COLUMNS.get(label)
           or TARGET_PARTS.get(label) or ("remark" if re.search(r"原因|改进措施", label) else None))
    short = label.removeprefix(ITEM_PREFIX)
    if key is None and short != label and short:
        return column_key(short)
    return key


_LEVELS = r"(?:地方|本级|省级|自治区|市级|县级|区级|县区级|市县)"
_LOCAL = re.compile(rf"^{_LEVELS}(?=主管|实施|预算|项目)")
"""「县级主管部门」「地方主管部门」 name the unit's own level (「中央主管部门」 is another fact); an autonomous
region's form names its levels 「自治区主管部门」 and 「市县主管部门」 (宁夏 原州区, bigxun.com/view/1651813082920488962)."""

FINANCE_LABEL = rf"{_LEVELS}?财政部门(?:名称)?"
_FINANCE = re.compile(FINANCE_LABEL)
"""「县级财政部门 | 汉阴县财政局」 (汉阴, tests/forms_targets/t15), 「市县财政部门 | 原州区财政局」 (原州区): the
finance bureau that passes a 转移支付 down. The data format has no key for it (docs/data-format.md: the
department is the 主管部门, never the bureau that allocates), so the reader knows the label and writes nothing."""


FINANCE_BUREAU = ("财政局", "财政厅")
"""The finance bureau's own name as a label (「财政局 | 原州区财政局」): a label only beside a bureau's name, since
「主管部门 | 财政局」 is a programme of the bureau itself."""


def finance_label(text: str, value: str | None = None) -> bool:
    """Whether a cell is the label of the finance bureau (any level prefix): a fact the format does not keep.
    A bare 「财政局」 is one only when the `value` beside it names a finance bureau (`finance_bureau`)."""
    word = bare(text)
    return _FINANCE.fullmatch(word) is not None or (word in FINANCE_BUREAU and value is not None and finance_bureau(value))


def finance_bureau(value: str) -> bool:
    """Whether a value names a finance bureau: 「原州区财政局」「宁夏回族自治区财政厅」 (more than the bare word)."""
    word = compact(value)
    return len(word) > 3 and word.endswith(("财政局", "财政厅", "财政部"))


def finance_note(rows: Iterable[tuple[str, str]]) -> str:
    """What the clerk is told of a form's finance bureau rows (finance_label: label, value), in one
    note, instead of listing them as unplaced."""
    return f"{'、'.join(f'{bare(text)}「{flat(value)}」' for text, value in rows)}：数据格式没有这一项，未写入"


_LEVEL_RANK = {"省级": 1, "自治区": 1, "市级": 2, "县级": 3, "区级": 3, "县区级": 3, "市县": 3, "地方": 9, "本级": 9}
"""How near the unit a level-named label is: 「县级主管部门」 is nearer than 「市级主管部门」, 「本级」 nearest;
「市县」 is the level under the province (a city's or a county's unit) and ranks as the county."""


TEMPLATE_UNIT = re.compile(r"^[省市州县区]+级?[(][^)]*、[^)]*[)]\S*$")
"""A unit cell the template's author left for each lower level to fill: 「县(市、区)教育部门」, a level and
its alternatives in brackets where a unit's name goes (韶关's 转移支付 目标表, tests/forms_layouts/l19).
It names no unit: a level-named label holding it gives no fact."""


def template_unit(value: str) -> bool:
    return bool(TEMPLATE_UNIT.match(compact(value).replace("（", "(").replace("）", ")")))


def template_unit_note(label: str, value: str) -> str:
    """What the clerk is told of a level's row still holding the template's placeholder (`template_unit`)."""
    return f"「{label}：{value}」是模板留给下级填写的占位文字，不是单位名称：未写入"


JOINED = re.compile(r"\s*[/／]\s*")
_WORDS_ONLY = re.compile(r"^[^\d０-９≥≤＞＜>=<%％]{2,12}$")
"""A part of a joined label is words: 「1次/年度」「≥2次/年度」 are a figure per period, not two labels."""


def joined_labels(text: str, key_of: Callable[[str], str | None]) -> list[tuple[str | None, str]]:
    """(key, label) of each of the labels one cell joins with a slash (「实施单位/项目负责人」, 宁夏 原州区's 转移支付
    自评表, bigxun.com/view/1651813082920488962), a part naming no fact keyed None; [] for a cell that is one
    label, has a part that is no word (「1次/年度」), or whose parts name no fact. Each reader passes its own
    `key_of` (its table of fact words)."""
    parts = JOINED.split(flat(text))
    if len(parts) < 2 or not all(_WORDS_ONLY.match(part) for part in parts):
        return []
    keys = [key_of(part) for part in parts]
    return list(zip(keys, parts, strict=True)) if any(keys) else []


def joined_values(labels: list[tuple[str | None, str]], value: str) -> list[tuple[str, str, str]] | None:
    """(key, label, value) of each part that names a fact, the value split by the same slash
    (「原州区农技中心/杨勃兴」); None when it does not split into as many parts: which part is which is not said."""
    values = JOINED.split(flat(value))
    if len(values) != len(labels):
        return None
    return [(key, part, text) for (key, part), text in zip(labels, values, strict=True) if key]


def joined_note(ref: str, text: str, value: str, parts: int) -> str:
    """What the clerk is told of a joined label whose value does not split alike (joined_values gave None)."""
    return (f"{ref}「{flat(text)}」一格是{parts}项，「{flat(value)}」却不能按「/」分成{parts}项：看不出哪部分是哪一项，"
            "未写入，请核对")


def level_rank(text: str) -> int:
    """The level a fact label names by its prefix (0 for a label that names none, 「主管部门」)."""
    found = _LOCAL.match(bare(text))
    return _LEVEL_RANK.get(found[0], 0) if found else 0


_CODE_SUFFIX = re.compile(r"(?:及其?|和)?(?:代码|编码)$")
"""「主管部门及代码」 is 主管部门 (the code is dropped from the value)."""


def names_code(text: str) -> bool:
    """Whether a unit's label says its value carries a code (「主管部门及代码」): only there are digits
    glued to the name (「169国家林业局」) the code; under 「主管部门」 「110指挥中心」 is the unit's name."""
    return _CODE_SUFFIX.search(bare(text)) is not None


def match(text: str, table: tuple[tuple[str, tuple[str, ...]], ...], *, whole: bool = False) -> str | None:
    """The key whose words the label contains (or equals, with `whole`)."""
    label = bare(text).removeprefix("其中")
    if whole:
        label = _CODE_SUFFIX.sub("", _LOCAL.sub("", label))
    if not label:
        return None
    for key, words in table:
        for word in words:
            if (label == word) if whole else (word in label):
                return key
    return None


def source_key(text: str) -> str | None:
    """The budget source a label names; 「中央、省、市补助县级资金」 names several levels, so none of them."""
    key = match(text, SOURCES)
    several = sum(word in bare(text) for word in ("中央", "省", "市", "县")) >= 2
    return "fiscal" if several and key in ("central", "provincial", "municipal", "county") else key


SCORING_METHOD = re.compile(r"^(?:得分|计分|评分)(?:计算)?(?:方法|办法|标准|规则|依据|说明)$")
"""「得分计算方法」 beside 得分 holds how the line is scored (「执行率*该指标分值」), never points."""
POINTS_FORMULA = re.compile(r"(\d+(?:\.\d+)?)\s*分\s*[×xX*＊]\s*(?:预算)?执行率")
"""「得分=20分×执行率」, 「得分(20分*执行率)」: the form states the points of the 执行率 line this way."""
STATED_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


TEMPLATE_NUMBER = re.compile(r"^指标\s*\d+\s*[:：]?\s*(?=[^\d\s:：%％.．])")
"""The template's 「指标1：」 left before a name the unit typed after it, with or without the colon
(「指标1工程完工率」: some provinces' templates print 「指标1」 and the unit types straight after it)."""
TEMPLATE_HINT = re.compile(r"\s*[（(][^()（）]*[*＊]{2}[^()（）]*[)）]|\s*[（(]\s*[≥≤＞＜>=<]\s*[^\d()（）*＊]{1,6}[)）]$")
"""The template's hint left after a name, `**` where the figure goes (「项目总成本(≤**万元)」), or with
the stars deleted and the sign and unit kept (「排污沟(≥米)」「保育栏(≥套)」, 昌宁县, tests/forms_layouts/l11);
a bracket with a figure (「粉碎拌合机(11kw)」「满意度(≥90%)」) is the unit's own words."""
_HINT_PARTS = re.compile(r"[（(]\s*([≥≤＞＜>=<]?)\s*[*＊]*\s*([^\d()（）*＊≥≤＞＜>=<]{1,6})?\s*[)）]$")
_FIGURE_TAIL = re.compile(r"^(?P<figure>\d+(?:\.\d+)?)(?P<tail>\S*)$")
_LOWER_BETTER = frozenset({Comparator.LE, Comparator.LT})


def hinted_target(name: str, target: str) -> str | None:
    """A figure typed where the template's hint after the name asked for one (「苗木成活率(≥**%)」
    with 指标值 `85`, 原州区 tests/forms_layouts/l18): the figure as the hint reads it, 「≥85%」; None when
    the name has no such hint or the target says more than a figure. The hint itself is dropped from the
    name (TEMPLATE_HINT), so its sign and unit would otherwise be lost. The figure may carry a sign that
    agrees with the hint's and the end of the hint's unit: 同心县's targets print 「种植作物成活率(≥**%)>=85」
    and 「补助成本(≤**元/株)≤28.40/株」 (tests/forms_cycle27/k03), which are ≥85% and ≤28.40元/株, not a count
    of 85 and a cost per 株 in no money. A figure with its unit and no sign under a ≤ hint (「28.4元/株」 under
    「(≤**元/株)」) takes the hint's sign: without one it would read as ≥, a cost ceiling as a floor."""
    hint = TEMPLATE_HINT.search(name)
    parts = _HINT_PARTS.search(hint[0]) if hint else None
    if parts is None or not (parts[1] or parts[2]):
        return None
    typed, rest = split_comparator(compact(target).replace("．", "."))  # ２９．６ typed in full-width mode is 29.6
    found = _FIGURE_TAIL.match(rest)
    unit = (parts[2] or "").strip()
    hinted = split_comparator(parts[1])[0]
    tail = found["tail"] if found else ""
    if found is None or (tail and tail != unit and not (tail[0] in "/／" and unit.endswith(tail))) or (typed and hinted and typed != hinted):
        return None
    if tail == unit and (typed or hinted not in _LOWER_BETTER):
        return None  # the cell says all the hint does, or leaves out only the ≥ a bare figure reads as anyway
    return f"{typed or parts[1]}{found['figure']}{unit}"


def hinted_cell(grid: Grid, r: int, columns: dict[str, int], values: dict[str, str]) -> tuple[str, str, str] | None:
    """Row `r`'s 指标值 read through the hint after its name (`hinted_values`), for a form's grid."""
    if "target" not in columns:
        return None
    return hinted_values(values, label(grid.cell(r, columns["name"]).own), f"{grid.label} {grid.cell(r, columns['target']).ref}",
                         columns)


def hinted_values(values: dict[str, str], name: str, ref: str, keys: Iterable[str]) -> tuple[str, str, str] | None:
    """The 指标值 in `values` read through the hint after the row's `name` as printed (hinted_target),
    written into `values`; (`ref`: the 指标值's cell, as printed, as read) for hinted_note, else None.
    One rule for the 自评 and the 目标表 readers and a system's export: a table that gives the sign or the
    unit a column of its own (`keys` holding 指标性质, 度量单位) has no hint to read."""
    if "target" not in keys or "sign" in keys or "measure" in keys:
        return None
    printed = values.get("target", "").strip()
    hinted = hinted_target(name, printed)
    if not hinted:
        return None
    values["target"] = hinted
    return ref, printed, hinted


def hinted_note(read: list[tuple[str, str, str]]) -> str:
    """One line for the targets read through their hints (cell, as printed, as read): a form of twenty such rows
    (昌宁县 l11) says it once, with the first as the example."""
    first, printed, hinted = read[0]
    cells = "、".join(ref for ref, _, _ in read) if len(read) <= 3 else f"{first} 等 {len(read)} 格"
    return (f"{cells}：指标值没有写全符号和单位，按名称后模板的提示（如「{printed}」读作「{hinted}」）补上了符号和单位，"
            "提示已从名称中去掉，请核对")


def sign_by_score(target: str, actual: str, score: str, weight: str) -> Comparator | None:
    """The sign a form's own score shows it read an unsigned target with: full marks where only ≤ is met
    (0 against 3%, 重庆 d02) is ≤, short of them there is ≥; None where the two readings score alike
    (the actual equals the target), or no score, weight or comparable actual is printed."""
    points, full = parse_decimal(score.strip().removesuffix("分")), parse_decimal(weight.strip().removesuffix("分"))
    goal, done = parse_value(target), parse_value(actual)
    if points is None or full is None or not done.is_number or len(done.figures) != 1 or not goal.is_number:
        return None
    try:
        wanted, got, _ = align(goal.figures[0], done.figures[0])
    except UnitMismatch:
        return None
    if wanted == got:
        return None
    return Comparator.LE if (points >= full) is (got < wanted) else Comparator.GE


def ceiling_target(name: str, values: dict[str, str]) -> tuple[str, Comparator | None] | None:
    """An unsigned target of an indicator lower-is-better by its name (perfsite.lower_better: 「预算调整率」
    over 「3%」) read as the ceiling it is: ≤ written into `values`, unless the form's own score shows it read
    the target as ≥ (sign_by_score), where the cell stays as printed. (the ending, the score's evidence or
    None); None for any other row. One rule for the 自评 and the 目标表 readers."""
    target = values.get("target", "").strip()
    ending = named_lower(name, target)
    if ending is None:
        return None
    evidence = sign_by_score(target, values.get("actual", ""), values.get("score", ""), values.get("weight", ""))
    if evidence is not Comparator.GE:
        values["target"] = f"≤{target}"
    return ending, evidence


def ceiling_note(ref: str, name: str, printed: str, ending: str, evidence: Comparator | None) -> str:
    """What the clerk is told of a target ceiling_target read (or left as printed on the form's evidence)."""
    said = f"{ref}：指标「{name}」的指标值「{printed}」没有写比较符号，而「{ending}」这类指标越低越好"
    if evidence is Comparator.GE:
        return (f"{said}；原表的得分却是按 ≥ 算的（不超过目标反而没有得满分）：按原表写作「{printed}」（按 ≥ 计分），"
                f"请核对原表；如原表的意思是不超过，请写作「≤{printed}」")
    why = "，原表的得分也是按 ≤ 算的" if evidence is Comparator.LE else ""
    return f"{said}{why}：写作「≤{printed}」（不写符号会按 ≥ 计分），请核对原表"


FILL_NOTE = re.compile(r"\s*[（(]\s*(?:必填|选填)[^()（）]{0,8}[)）]\s*$")
"""The template's note on a level whether a unit must give it an indicator (「数量指标(必填硬性指标)」,
「经济效益指标(选填)」, 宁夏 原州区 tests/forms_layouts/l05, l18): no part of the level's name."""


def level_label(text: str) -> str:
    """A 一级/二级 cell as its level's name: on one line, without the template's 「(必填)」 note."""
    one = label(text)
    return FILL_NOTE.sub("", one) or one


CORE_MARK = re.compile(r"^\s*[★☆*＊]+\s*")
"""The mark a template puts before a core indicator's name (「★补助鱼塘面积」, three stars in 宁夏's 衔接 template:
「★★★受益脱贫户、监测户人口数」, tests/forms_cycle27/k03): no part of the name."""


def indicator_name(text: str) -> str:
    """An indicator's name without what the template left around it: 「指标1：」 (TEMPLATE_NUMBER), the hint
    after it (TEMPLATE_HINT: read into the 指标值 by hinted_values) and a core indicator's star (CORE_MARK)."""
    return CORE_MARK.sub("", TEMPLATE_HINT.sub("", TEMPLATE_NUMBER.sub("", text))) or text
NOT_APPLICABLE = re.compile(r"^(?:本项目)?(?:不适用|不涉及)(?:此|该|本)?项?(?:指标)?$")
"""A row that says its 二级指标 has no indicator here (「本项目不适用此指标 | 无」)."""
NOT_APPLICABLE_TARGETS = frozenset({"无", "不适用", "不涉及"})
MEASURE_UNITS = ("%", "％", "百分比", "公里", "千米", "米", "平方米", "平方公里", "立方米", "亩", "万亩", "公顷", "人", "万人",
                 "人次", "万人次", "户", "万户", "个", "次", "台", "套", "座", "处", "项", "家", "所", "辆", "件", "株", "头", "吨",
                 "万吨", "元", "万元", "天", "日", "月", "年", "小时", "间", "栋", "条", "张", "册", "份", "期", "场", "批")
"""Units a 指标值 or 度量单位 cell names (「公里」「万亩」「人次」): a 指标值 of nothing else names no target."""
_UNIT_ONLY = re.compile(SIGN_CLASS + r"{0,2}\s*(?:" + "|".join(sorted(map(re.escape, MEASURE_UNITS), key=len, reverse=True))
                        + r")?\s*[/／]?\s*(?:年|月|次)?")


def no_figure(target: str) -> bool:
    """A 指标值 that is only a sign and a unit, the figure between them left out (「≧ %」, 「公里」, the
    template's cell a unit did not fill, 陈仓区's 2020 水利 目标表): a qualitative target (「显著提升」) is not."""
    text = target.strip()
    return bool(text) and not any(ch.isdigit() for ch in text) and _UNIT_ONLY.fullmatch(text) is not None


TEMPLATE_NAME = re.compile(r"(?:指标\s*\d*\s*[:：]?|[…．.。·、\s]+|[/／\s]*|[-－—–\s]+)")
"""A name cell the unit left as the template printed it (「指标2」, 「……」, 「/」, 「-」): no indicator."""


def is_total(text: str) -> bool:
    return bare(text) in TOTAL_WORDS


SIGN_OFF = re.compile(r"^(?:填表人|填报人|制表人|经办人|联系人|联系电话|审核人|复核人|审批人|单位负责人|财务负责人|"
                      r"主要负责人|分管领导|单位领导|填报日期|填表日期)\s*(?:[(（][^()（）]*[)）])?\s*(?:[:：]|$)"
                      r"|^[(（]?(?:单位)?(?:盖章|公章|签章)[)）]?$")
"""A row under a form that signs it off (「填表人：| 张某某 | 联系电话：| …」, 「单位负责人（签字）：」, 「（单位盖章）」):
no indicator, whatever columns its cells fall in; the table ends there. 项目负责人 is a fact above the table."""


def is_sign_off(text: str) -> bool:
    return SIGN_OFF.match(compact(text)) is not None


def header_name(key: str) -> str:
    """The Chinese header a clerk sees for a contract key (first synonym)."""
    return HEADERS[key][0]


CURRENCY_SIGNS = frozenset({"¥", "￥", "$", "US$", "HK$", "€", "£", "RMB"})
"""A currency format's sign (``"¥"#,##0.00``, ``[$¥-804]#,##0.00``, Chinese Excel's 货币 format) is
no unit of the table: the figure is read bare, as the table's 金额单位 says it (a 分值 cell copied
in that format read 「¥10.00」 and was no weight). A word (``0[$元-804]``, ``0"万元"``) is kept. Typed
before a figure as text (「¥3,000」), the sign is the clerk's own: whether the figure is in 元 or in the
table's 万元 is not known, and the amount is left out, the sign named as a sign (`assemble.before_figure`)."""
