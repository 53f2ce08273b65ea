"""A sheet too wide for the paper, printed with its columns continued on the next pages.

A spreadsheet program prints the columns that fit on page 1, then the next columns of the same rows
on page 2 (黄石市图书馆's 2022 自评表, 8 columns at default page setup: A–C on page 1, D–F on page 2,
G–H on page 3). Each page holds a table of the same rows side by side: its horizontal rules stand
at the same heights as the page before's (10 to 16 shared of 15 to 17 rules there). Read page by
page, no table has both the indicator names and the figures, and the import failed asking the clerk
to rename a header in a PDF; what helps is the workbook, or the sheet printed one page wide.

A table going on over a page break is the other way round: it fills its page to the foot, and the
next page's rows go on below the header. So the earlier table must end above the page's foot, and
the next page's table must have other columns: a sheet broken by hand (a manual page break, the
page's table ending half way) prints the same columns again, and with rows of one height and no
title above, its rules stand at the same heights too (永德县's form, tests/test_pdf_layouts.py
break-in-merge: 10 columns at the same edges on both pages).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import pairwise

SHARED = 4
"""Rules at the same height, at least, for two tables to be one sheet's rows."""
TOLERANCE = 0.6
"""Points: a spreadsheet program places each row's rule at the same height on every page."""
FOOT = 0.85
"""The share of the page height past which a table runs to the page's foot (a page break)."""


Columns = Sequence[tuple[float, float]]


def split_pages(tables: Sequence[tuple[int, Sequence[float], Columns]], heights: dict[int, float],
                labelled: Collection[int] = ()) -> list[int]:
    """The pages of the first run of consecutive pages whose tables hold the same rows and other
    columns (`tables`: each table's page, the heights of its horizontal rules top to bottom, and
    each column's left and right edge), or []. A table on a page of `labelled` names its programme
    in its first column (「项目名称」): a form of its own, as each sheet of a workbook of 目标表 printed
    to one PDF is. Excel's rows are all of one height, so two such forms opening their pages share
    their rules' heights (a 预算's 18- and 20-row 目标表, 18 rules shared) and were refused as one
    sheet's columns; the right-hand columns of a sheet never hold its labels."""
    run: list[int] = []
    for (page, rules, edges), (later, more, others) in pairwise(tables):
        if (later == page + 1 and later not in labelled and rules and rules[-1] < heights[page] * FOOT
                and _same_rows(rules, more) and not _same_columns(edges, others)):
            run = run or [page]
            run.append(later)
        elif run and later > run[-1]:
            break
    return sorted(set(run))


def _same_rows(one: Sequence[float], other: Sequence[float]) -> bool:
    shared = sum(1 for y in one if any(abs(y - z) <= TOLERANCE for z in other))
    return shared >= max(SHARED, 0.6 * min(len(one), len(other)))


def _same_columns(one: Columns, other: Columns) -> bool:
    return len(one) == len(other) and all(abs(a[0] - b[0]) <= TOLERANCE and abs(a[1] - b[1]) <= TOLERANCE
                                          for a, b in zip(one, other, strict=True))


def split_failure(pages: list[int]) -> str:
    """What to tell the clerk: the columns are on several pages, and how to get a readable file."""
    span = f"{pages[0]}–{pages[-1]}" if len(pages) > 2 else "、".join(map(str, pages))
    return (f"PDF 第 {span} 页是同一张表格按列分开打印的（表格比纸宽，右边的列印到了后面几页），"
            "每一页只有其中几列，无法拼回一张表：请向填报单位索取 Excel 原件，或请其在 Excel 中用"
            "「页面设置 → 调整为 1 页宽」（WPS：「打印缩放 → 将所有列打印在一页」）重新打印为 PDF 后再导入")
