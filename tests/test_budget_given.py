"""perfsite.budget.derive: a derived cell whose inputs are not all given is None (shown "—"),
never a figure made by reading a missing input as 0; the page, the JSON twin, budget.csv and
the workbook project the same cells."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from perfsite.budget import derive, read_budget
from perfsite.problems import Problems
from perfsite.yamlload import load_yaml_text

D = Decimal
SPENT_TOTAL_ONLY = """
    budget:
      budget: {central: 1269.96, county: 846.64}
      funded: {central: 1269.96, county: 846.64}
      spent: 2095.43
    """


def _derive(text: str):
    loaded = load_yaml_text(textwrap.dedent(text).lstrip("\\n"), "p.yaml")
    problems = Problems("p.yaml", loaded.lines)
    return derive(read_budget(loaded.data["budget"], ("budget",), problems), problems)


def test_spent_given_only_as_total_leaves_source_columns_not_computed():
    cells = _derive(SPENT_TOTAL_ONLY).cells
    assert cells["balance"]["total"] == D("21.17")
    assert cells["execution_rate"]["total"] == D("99.00")
    for column in ("subtotal", "central", "county"):  # were 2,116.60 / 1,269.96 / 846.64 and 0.00%
        assert cells["balance"][column] is None, column
        assert cells["execution_rate"][column] is None, column
    assert cells["funding_rate"]["central"] == D("100.00")  # its inputs are given


def test_funded_given_only_as_total_leaves_source_columns_not_computed():
    cells = _derive("""
        budget:
          budget: {central: 100}
          funded: 90
          spent: {central: 80}
        """).cells
    assert cells["balance"]["total"] == D(10)
    assert cells["balance"]["central"] is None  # was -80: funded read as 0
    assert cells["funding_rate"]["central"] is None  # was 0.00%
    assert cells["funding_rate"]["total"] == D("90.00")
    assert cells["execution_rate"]["central"] == D("80.00")


def test_a_blank_source_in_a_split_row_still_counts_as_zero():
    cells = _derive("""
        budget:
          budget: {central: 100, county: 50}
          funded: {central: 100, county: 50}
          spent: {central: 100}
        """).cells
    assert cells["balance"]["county"] == D(50)
    assert cells["execution_rate"]["county"] == D("0.00")
    assert cells["balance"]["subtotal"] == D(50)


def _record(tmp_path):
    from perfsite.reader import read_programme
    from perfsite.record import make_record
    from perfsite.scoring import score_programme
    from perfsite.siteconfig import SiteConfig

    path = tmp_path / "p.yaml"
    path.write_text("year: 2024\nid: p\nname: 甲\ndepartment: 某局\n" + textwrap.dedent(SPENT_TOTAL_ONLY).lstrip("\n")
                    + "indicators:\n  - {level1: 产出指标, level2: 数量指标, name: 数, weight: 100, target: 1, actual: 1}\n",
                    encoding="utf-8")
    programme, problems = read_programme(path, SiteConfig())
    assert programme is not None
    return make_record(score_programme(programme, SiteConfig(), problems))


def test_page_json_and_csv_show_the_same_not_computed_cells(tmp_path):
    import lxml.html

    from perfsite.opendata.tables import budget_rows
    from perfsite.site.programme_page import budget_rows as page_rows

    rec = _record(tmp_path)
    table = rec.budget_table()
    twin = {row["key"]: row["cells"] for row in table["rows"]}
    assert twin["balance"]["total"] == "21.17" and twin["balance"]["central"] is None
    assert twin["execution_rate"]["total"] == "99.00" and twin["execution_rate"]["subtotal"] is None
    page = lxml.html.fromstring(f"<table>{page_rows(table)}</table>")
    shown = {tr.findtext("th").replace("计算", ""): [td.text_content() for td in tr.findall("td")[1:]]
             for tr in page.iter("tr")}
    # columns: 年度总金额, 小计, 中央级, 省级, 市级, 县区级, 上年结转, 其他
    assert shown["资金结余"][:3] == ["21.17", "", ""] and shown["资金结余"][5] == ""  # money not computed: blank
    assert shown["预算执行率(%)"][:3] == ["99.00", "—", "—"]
    assert shown["预算到位率(%)"][:3] == ["100.00", "100.00", "100.00"]
    csv = {(r["row"], r["column"]): r for r in budget_rows(rec)}
    assert csv[("balance", "total")]["amount_wan"] == "21.17"
    for column in ("subtotal", "central", "county"):  # a row with the cell left blank, not a figure
        assert csv[("balance", column)]["amount"] == csv[("balance", column)]["amount_wan"] == ""
        assert csv[("execution_rate", column)]["rate"] == ""
