"""The 绩效目标表 in /data/: one row per indicator of every published target table (CSV, a
workbook, a Data Package resource) and an entry per target table in the feed.

The rows are projections of each table's TargetRecord (perfsite.record), the record its page and
JSON twin are made of, so a target reads the same everywhere (``target_text`` is the text the 自评
page compares with). Cells are encoded as the other tables' are (perfsite.opendata.parts:
formula guard, typed numbers). A target table has no score and may exist without its 自评, so
the table references no other resource; year + id name the programme-year, as on the pages.

The table is written by perfsite.opendata.doctables, site-wide and per year, as the other
documents' tables are; its files exist only when the site publishes a target table, so a site
without any keeps its /data/ as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfsite.opendata.doctables import DocTable
from perfsite.opendata.parts import EPOCH, Spool, SpoolFiles, absolute, atom_entry, encode_rows
from perfsite.opendata.tables import SAMPLE_COLUMN, Column, cell_text
from perfsite.record import TargetRecord
from perfsite.siteconfig import SiteConfig
from perfsite.targets import MIDTERM, SET_LABEL

TARGETS = "targets"
"""The table's name: its CSV, its worksheet's key and its Data Package resource."""
BOOK = "targets.xlsx"
CSV_PATH, XLSX_PATH = f"data/{TARGETS}.csv", f"data/{BOOK}"
"""The site-wide files; each year with target tables has its own in data/<year>/."""

TARGET_COLUMNS = (
    Column("year", "integer", "年度", "绩效目标表所属年度（与同一项目该年度的自评表相同）"),
    Column("id", "string", "项目标识", "项目在该年度内的标识，与年度一起构成网址 /projects/<年度>/<标识>/targets/"),
    Column("url", "string", "页面地址", "绩效目标表页相对于网站根目录的地址"),
    Column("name", "string", "项目名称", "项目名称，照原文"),
    Column("department", "string", "主管部门", "主管部门，照原文"),
    Column("seq", "integer", "序号", "指标在原表中的顺序，从 1 开始"),
    Column("level1", "string", "一级指标", "一级指标名称"),
    Column("level2", "string", "二级指标", "二级指标名称"),
    Column("indicator", "string", "三级指标", "三级指标名称"),
    Column("nature", "string", "指标性质", "≥、>、≤、<、= 或 定性"),
    Column("nature_inferred", "boolean", "性质系推断", "true 表示原表没有写符号（如 81个），指标性质是本站按指标值读出的；绩效目标表页注明“原表未写符号”"),
    Column("target", "string", "指标值", "指标值，照原文"),
    Column("unit", "string", "度量单位", "度量单位，照原文"),
    Column("target_text", "string", "目标", "指标性质、指标值和度量单位合写（如 ≥1.2万人），与自评页对照表中的写法相同；原表没有写符号的照原表写（81个）"),
    Column("weight", "number", "权重", "指标权重（原表给出时）", "分"),
    Column("explanation", "string", "指标解释", "指标解释，照原文"),
    Column("basis", "string", "设定依据", "设定依据（计划标准、行业标准、历史标准等），照原文"),
    Column("data_source", "string", "数据来源", "数据来源，照原文"),
    Column("core", "boolean", "核心指标", "true 表示原表标为核心指标"),
    Column("indicator_set", "string", "指标组", "年度 或 中期：年度指标（与自评对照的一组）或跨年度项目整个实施期的中期指标"),
    SAMPLE_COLUMN,
)
"""The 绩效目标 indicator table: the columns of 财预〔2021〕101号's 绩效指标 part, keyed by year,
id and order. The 中期 set's rows follow the 年度 set's, numbered on from them (so the key stays
year + id + seq), and say which set they are in the last column."""
KEY = ("year", "id", "seq")
TARGET_TABLE = DocTable(TARGETS, "绩效目标", TARGET_COLUMNS, KEY, BOOK)


def target_rows(rec: TargetRecord) -> list[dict[str, str]]:
    """A target table's rows of the indicator table: its 年度 indicators in the table's order, then
    its 中期 ones."""
    head = {"year": str(rec.year), "id": rec.id, "url": rec.url, "name": rec.name, "department": rec.department}
    sets = [(SET_LABEL["indicators"], row) for row in rec.indicators] + [(SET_LABEL[MIDTERM], row)
                                                                          for row in rec.midterm_indicators]
    return [head | {"seq": str(seq), "indicator": row["name"],
                    **{k: cell_text(row[k]) for k in ("level1", "level2", "nature", "nature_inferred", "target", "unit", "target_text",
                                                         "weight", "explanation", "basis", "data_source", "core")},
                    "indicator_set": label, "sample": cell_text(rec.sample)}
            for seq, (label, row) in enumerate(sets, start=1)]


@dataclass(frozen=True)
class TargetPart:
    """A target table's rows of targets.csv and of its worksheet, and its feed entry: made in the
    build's worker that read the table (pieces in its spool file, as perfsite.opendata.parts
    does for a 自评), so the parent only joins them."""

    year: int
    id: str
    rows: int
    feed_date: str
    feed_entry: str
    sizes: tuple[int, int]
    """Bytes of the CSV lines and of the worksheet rows (joined by SEP)."""
    blob: bytes = b""
    spool: str = ""
    offset: int = 0

    def pieces(self, spools: SpoolFiles) -> tuple[bytes, bytes]:
        """(CSV lines, worksheet rows joined by SEP)."""
        total = sum(self.sizes)
        data = spools.read(self.spool, total, self.offset) if self.spool else self.blob
        return data[:self.sizes[0]], data[self.sizes[0]:total]


def target_part(rec: TargetRecord, site: SiteConfig, spool: Spool | None = None) -> TargetPart:
    """Everything /data/ and the feed publish of one target table (pieces appended to `spool` if
    given, else kept in the part)."""
    lines, sheet = encode_rows(TARGET_COLUMNS, target_rows(rec), site.site_url)
    pieces = [lines.encode("utf-8"), sheet.encode("utf-8")]
    date = rec.published or site.data_date or EPOCH
    head = (rec.year, rec.id, len(rec.indicators) + len(rec.midterm_indicators), date, _feed_entry(rec, site, date), (len(pieces[0]), len(pieces[1])))
    if spool is None:
        return TargetPart(*head, blob=b"".join(pieces))
    return TargetPart(*head, spool=spool.path, offset=spool.add(pieces))


def _feed_entry(rec: TargetRecord, site: SiteConfig, date: str) -> str:
    """A newly published target table is news as a 自评 is: titled as its page, linked to it."""
    url = absolute(site.site_url, rec.url)
    summary = f"{rec.year}年度 {rec.department}；项目支出绩效目标表，绩效指标 {len(rec.indicators)} 项"
    if rec.midterm_indicators:
        summary += f"，中期指标 {len(rec.midterm_indicators)} 项"
    return atom_entry(f"{rec.name}（{rec.year}年度绩效目标表）", url, url, date, summary, rec.sample)
