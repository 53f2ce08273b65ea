"""The programme as data: what a file says, after validation, before scoring.

Figures stay as published (text or Decimal); scoring reads them through `perfsite.values`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from perfsite.disclosure import NO_DISCLOSURE, Disclosure


class Source(StrEnum):
    """A funding source column of the 预算执行情况 table, in the official column order."""

    CENTRAL = "central"
    """中央级 (财政资金)."""
    PROVINCIAL = "provincial"
    """省级 (财政资金)."""
    MUNICIPAL = "municipal"
    """市级 (财政资金)."""
    COUNTY = "county"
    """县区级 (财政资金)."""
    CARRYOVER = "carryover"
    """上年结转资金."""
    OTHER = "other"
    """其他资金."""

    @property
    def label(self) -> str:
        return SOURCE_LABEL[self]

    @property
    def is_fiscal(self) -> bool:
        """The four government levels make up 财政资金 (its 小计)."""
        return self in FISCAL


SOURCE_LABEL = {
    Source.CENTRAL: "中央级", Source.PROVINCIAL: "省级", Source.MUNICIPAL: "市级",
    Source.COUNTY: "县区级", Source.CARRYOVER: "上年结转资金", Source.OTHER: "其他资金",
}
FISCAL = (Source.CENTRAL, Source.PROVINCIAL, Source.MUNICIPAL, Source.COUNTY)

FISCAL_GROUP = "财政资金"
"""The header over the four government levels' columns and their 小计."""
COLUMN_LABEL = {"total": "年度总金额", "subtotal": "小计", **{s.value: SOURCE_LABEL[s] for s in Source}}
"""The budget table's column headers by key (budget.COLUMNS): the one table of them, for the
published tables and for the readers' messages (column_name)."""


def column_name(key: str) -> str:
    """A budget column as a sentence names it: its header, and for the 小计, under FISCAL_GROUP's
    header, 财政资金小计 (a 小计 alone could be any sum)."""
    label = COLUMN_LABEL[key]
    return FISCAL_GROUP + label if key == "subtotal" else label


class BudgetRow(StrEnum):
    """A typed row of the budget table (the derived rows are computed)."""

    INITIAL = "initial"
    """年初预算资金 (1)."""
    BUDGET = "budget"
    """全年预算资金 (2)."""
    FUNDED = "funded"
    """实际到位资金 (3)."""
    SPENT = "spent"
    """全年执行资金 (4)."""


BUDGET_ROW_LABEL = {
    BudgetRow.INITIAL: ("年初预算资金", "(1)"), BudgetRow.BUDGET: ("全年预算资金", "(2)"),
    BudgetRow.FUNDED: ("实际到位资金", "(3)"), BudgetRow.SPENT: ("全年执行资金", "(4)"),
}
BALANCE_LABEL = "资金结余"
"""The derived row (5)=(3)-(4): 实际到位 less 全年执行."""


class RateBasis(StrEnum):
    """What 执行率 divides by."""

    BUDGET = "budget"
    """全年执行数 ÷ 全年预算数 (the default, as in the central 自评表)."""
    FUNDED = "funded"
    """实际支出 ÷ 实际到位."""


@dataclass(frozen=True)
class BudgetLine:
    """One typed row: amounts per source (absent sources are not 0) and an optional typed total."""

    parts: dict[Source, Decimal]
    total: Decimal | None = None
    line: int | None = None


@dataclass(frozen=True)
class Budget:
    unit: str = "万元"
    rate_basis: RateBasis = RateBasis.BUDGET
    rows: dict[BudgetRow, BudgetLine] = field(default_factory=dict)


class RuleType(StrEnum):
    """How an indicator is scored; see the data contract's rule table."""

    AUTO = "auto"
    """Chosen from the values: numeric target → ratio; text → judged; nothing → as published."""
    RATIO = "ratio"
    """比率法: weight × min(completion, 1), completion inverted for ≤ targets."""
    JUDGED = "judged"
    """定性: weight × achievement, or a level bounding the published score."""
    BUDGET = "budget"
    """The actual is the budget table's 执行率 or 到位率, then as ratio."""
    DEDUCT = "deduct"
    """扣分法: weight − Σ per × count, never below 0."""
    SHORTFALL = "shortfall"
    """每少 step 扣 per, 0 below zero_below."""
    BANDS = "bands"
    """档次: the first band whose min the actual reaches."""
    REPORTED = "reported"
    """Taken as published: the document does not say how the score was reached."""


RULE_LABEL = {
    RuleType.AUTO: "自动", RuleType.RATIO: "比率法", RuleType.JUDGED: "定性评价",
    RuleType.BUDGET: "预算比率", RuleType.DEDUCT: "扣分法", RuleType.SHORTFALL: "差额扣分",
    RuleType.BANDS: "分档计分", RuleType.REPORTED: "采用公布得分",
}


@dataclass(frozen=True)
class Rule:
    """A rule and its parameters exactly as the file gives them (validated, not yet applied)."""

    type: RuleType = RuleType.AUTO
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class Indicator:
    """One row of the 绩效指标 table, as published."""

    level1: str
    level2: str
    name: str
    weight: Decimal | None
    target: str
    actual: str
    completion: str = ""
    score: Decimal | None = None
    rule: Rule = field(default_factory=Rule)
    rule_text: str = ""
    remark: str = ""
    applicable: bool = True
    level1_declared: Decimal | None = None
    level2_declared: Decimal | None = None
    line: int | None = None
    path: tuple[object, ...] = ()
    """Key path in the YAML, or ('csv', row) for a CSV row: problems point here."""
    written: tuple[tuple[str, str], ...] = ()
    """(target/actual/completion, the text the file wrote), where YAML read a number whose digits
    print otherwise (``actual: 1e3`` is scored as 1000 and published as ``1e3``)."""


IndicatorPath = tuple[str, str, str]
"""一级指标, 二级指标, 三级指标: how an indicator is found again in another document."""


@dataclass(frozen=True)
class Rename:
    """An indicator that another document of the same programme names differently: `old` (the
    earlier name) is the same indicator as `new`. Given explicitly in data, never guessed."""

    old: IndicatorPath
    new: IndicatorPath
    line: int | None = None


@dataclass
class DocumentHead:
    """What every programme document (自评, 绩效目标表, 评价报告, 整改) says of itself: which
    programme-year it is, where it was published and whether it is a sample. One class, so the
    four kinds are read by one function (reader.read_head) and cannot drift apart."""

    id: str
    year: int
    name: str
    department: str
    path: Path
    file: str
    region: str = ""
    series: str = ""
    source: str = ""
    """来源文件名或网址."""
    published: str = ""
    """发布日期, ISO ("" when not given)."""
    sample: bool = False
    disclosure: Disclosure = NO_DISCLOSURE


@dataclass
class Programme(DocumentHead):
    """One programme-year's 自评: the facts of a file."""

    evaluation: str = "单位自评"
    evaluator: str = ""
    sections: list[tuple[str, str]] = field(default_factory=list)
    budget: Budget | None = None
    indicators: list[Indicator] = field(default_factory=list)
    groups: dict[str, Decimal] = field(default_factory=dict)
    reported_score: Decimal | None = None
    reported_grade: str = ""
    csv_path: Path | None = None
    lines: dict[tuple[object, ...], int] = field(default_factory=dict)
    renamed: tuple[Rename, ...] = ()

    @property
    def url(self) -> str:
        """The permanent address, relative to the site root."""
        return f"projects/{self.year}/{self.id}/"
