"""The unit policy of every published table: which columns hold money, in which units, and how
a column's unit shows in its header.

A data journalist must never have to guess a factor of 10,000. So:

* every money figure is published exactly in 元 (2 places: a 万元 figure × 10000 is exact), and
  beside it in 万元, the unit every page, `projects/index.json` and the listings show (exact:
  元 ÷ 10000 needs at most 6 places, never rounded);
* every money column names its unit in its header (``全年预算数（元）``, ``全年预算数（万元）``),
  in the datapackage field's ``unit`` and in the data dictionary; percentages likewise (``（%）``);
* one table, MONEY, lists the money figures: the CSV and XLSX headers, datapackage.json, the
  data dictionary of the 数据下载 page and the page-side export (export.js, through
  `projects/index.json`'s ``money`` entry) all take their headers and units from it.

Scores and weights (分) keep the header the clerk's own indicator table uses (权重, 得分), so
the per-programme indicator CSV stays importable; their unit is in the datapackage and dictionary.
"""

from __future__ import annotations

from decimal import Decimal

from perfsite.decimals import figure_text
from perfsite.model import BALANCE_LABEL
from perfsite.site.stats import exact

YUAN = "元"
WAN = "万元"
PERCENT = "%"
MONEY_UNITS = (YUAN, WAN)
"""Every money figure is published in each of these units, in this order."""
YUAN_PER = {WAN: Decimal(10_000), YUAN: Decimal(1)}
"""元 in one of each unit a budget table may be written in (perfsite.budget.UNITS)."""
WAN_SUFFIX = "_wan"
"""A 万元 column's field name is its 元 column's name plus this (`budget` → `budget_wan`), as
the site's page data already names them."""

MONEY: dict[str, str] = {
    "budget": "全年预算数",
    "funded": "实际到位资金",
    "spent": "全年执行数",
    "balance": BALANCE_LABEL,
    "amount": "金额",
}
"""Money field (its 元 column) → its Chinese title; each is published as `<field>` in 元 and
`<field>_wan` in 万元."""

HEADED_UNITS = (YUAN, WAN, PERCENT)
"""Units written into a column's header; others (分) are in the schema and dictionary only."""


def header(title: str, unit: str) -> str:
    """A column's header: its title, with its unit in full-width brackets when it is one the
    header names (``全年预算数（万元）``, ``预算执行率（%）``)."""
    return f"{title}（{unit}）" if unit in HEADED_UNITS else title


def in_yuan(value: Decimal, unit: str) -> Decimal:
    """A money figure written in `unit` (元 or 万元), in 元, exactly."""
    return value * YUAN_PER[unit]


def yuan_text(value: Decimal | None) -> str:
    """A figure in 元 as published: 2 places, or every place it has (perfsite.decimals.figure_text:
    the page shows 100.005 元 as written, so this column does too), "" when absent."""
    return "" if value is None else str(figure_text(value))


def wan_text(yuan: Decimal | None) -> str:
    """The same figure in 万元, exact, written as the pages and projects/index.json write it
    (perfsite.site.stats: at least 2 places, no trailing zeros beyond): 1234567.8 元 →
    ``123.45678``. Never rounded: 万元 × 10000 is the 元 figure before its rounding to 2 places."""
    return "" if yuan is None else exact(yuan / 10000)


def money_header(field: str, unit: str) -> str:
    """The header of money field `field` (a key of MONEY) in `unit`."""
    return header(MONEY[field], unit)


def index_money() -> dict[str, dict[str, str]]:
    """What `projects/index.json` says about its money (the 全年预算 of each row, in 万元), so the
    page-side export names the columns as the downloads do: field → unit and both headers."""
    return {"budget": {"unit": WAN, "header": money_header("budget", WAN),
                       "yuan_header": money_header("budget", YUAN)}}
