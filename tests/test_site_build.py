"""The sample site built with `mkdocs build --strict`: every page there, seeds to the cent, escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest_site import DATA, HOSTILE_NAME, build_or_fail, index_rows, mkdocs_build, write_hostile_tree

from perfsite.dataset import load_dataset
from perfsite.indicator_csv import republished


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def dataset() -> Any:
    return load_dataset(DATA)


def page(site: Path, url: str) -> Any:
    return lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def C(name: str) -> str:
    """XPath test for an element having class `name` (lxml without the cssselect package)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def text(node: Any) -> str:
    return re.sub(r"\s+", " ", node.text_content()).strip()


def indicator_row(doc: Any, name: str) -> list[str]:
    """Cells of the 绩效指标 row whose 三级指标 is `name`, from 权重 on."""
    for th in doc.xpath(f"//table[{C('ps-indicators')}]//th[{C('ps-l3')}]"):
        if text(th).startswith(name):
            return [text(td) for td in th.getparent().xpath("td")]
    raise AssertionError(f"no indicator row {name}")


def test_build_is_strict_clean(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.M), result.stderr


def test_every_programme_has_a_page_and_downloads(site: Path, dataset: Any) -> None:
    assert dataset.programmes
    for sp in dataset.programmes:
        p = sp.programme
        folder = site / "projects" / str(p.year) / p.id
        doc = page(site, f"projects/{p.year}/{p.id}")
        assert text(doc.xpath("//h1")[0]) == p.name
        assert (folder / f"{p.id}.yaml").read_bytes() == p.path.read_bytes()
        twin = json.loads((folder / f"{p.id}.json").read_text(encoding="utf-8"))
        assert twin["total"] == (None if sp.total is None else f"{sp.total:.2f}")
        assert (folder / f"{p.id}.csv").read_bytes().startswith("\ufeff".encode())
        if p.csv_path is not None:
            # the clerk's table made again from its cells (UTF-8, inert), never the submitted bytes
            assert (folder / f"{p.id}.indicators.csv").read_bytes() == republished(p.csv_path)


def test_seed_000_page(site: Path) -> None:
    doc = page(site, "projects/2021/xiaoshenggui")
    assert text(doc.xpath(f"//*[{C('ps-total-value')}]")[0]) == "99.10"
    assert "公布等级：优秀" in text(doc.xpath(f"//*[{C('ps-result')}]//*[{C('ps-grade')}]")[0])
    assert text(doc.xpath(f"//*[{C('ps-verify')}]")[0]) == "✓ 复算一致"
    # only a file name is known: offered as the original file, never as the source
    facts = {text(d.xpath("dt")[0]): text(d.xpath("dd")[0]) for d in doc.xpath(f"//dl[{C('ps-facts')}]/div")}
    assert facts["原始文件"] == "000_413624b6244a8c00.txt" and "来源" not in facts
    assert indicator_row(doc, "达标合格率")[:5] == ["18.00", "95", "100%", "105.26%", "18.00"]
    assert indicator_row(doc, "经济效益增长")[:5] == ["18.00", "增长较大", "95%", "95.00%", "17.10"]
    total = doc.xpath(f"//table[{C('ps-indicators')}]//tr[{C('ps-totalrow')}]")[0]
    assert text(total.xpath("td")[0]) == "100.00"
    assert "99.10" in text(total) and "优" in text(total)
    budget = {text(tr.xpath("th")[0]).removesuffix("计算").strip(): [text(td) for td in tr.xpath("td")]
              for tr in doc.xpath(f"//table[{C('ps-budget')}]/tbody/tr")}
    assert budget["全年预算资金"][:3] == ["(2)", "25.00", "25.00"]
    # a rate over 0/0 is "—", never 0 (the source printed 0 for 中央级)
    assert budget["预算执行率(%)"][1:4] == ["100.00", "100.00", "—"]
    assert doc.xpath(f"//table[{C('ps-budget')}]//tr[{C('ps-derived')}]")


def test_seed_002_page(site: Path) -> None:
    doc = page(site, "projects/2022/zhongxiaoqiye-fazhan")
    assert text(doc.xpath(f"//*[{C('ps-total-value')}]")[0]) == "96.42"
    # 96.42 was published without a grade: the grade shown is the one the site's bands give, and says so
    assert "复算等级：优" in text(doc.xpath(f"//*[{C('ps-result')}]//*[{C('ps-grade')}]")[0])
    assert indicator_row(doc, "预算执行率")[3:5] == ["97.94%", "3.92"]
    assert indicator_row(doc, "制度执行有效性")[4].startswith("0.50")
    assert doc.xpath(f"//details[{C('ps-ruletext')}]")  # 评分标准 texts are on the page
    levels = [text(th) for th in doc.xpath(f"//table[{C('ps-indicators')}]//th[{C('ps-l1')}]")]
    assert levels == ["决策", "过程", "产出", "效益"]
    subtotals = [text(tr) for tr in doc.xpath(f"//tr[{C('ps-subtotal')}]")]
    assert len(subtotals) == 4 and "16.00" in subtotals[0]


def test_discrepancy_headline_leads_with_the_published_figure(site: Path) -> None:
    """The bureau published 99.52; our 99.25 stands beside it with the reason, never in its place."""
    doc = page(site, "projects/2022/jiuye-chuangye-buzhu")
    result = doc.xpath(f"//*[{C('ps-result')}]")[0]
    assert text(result.xpath(f".//*[{C('ps-total-label')}]")[0]) == "公布得分"
    assert text(result.xpath(f".//*[{C('ps-total-value')}]")[0]) == "99.52"
    assert text(result.xpath(f".//*[{C('ps-verify')}]")[0]) == "⚠ 复算 99.25（相差 0.27）"
    sentence = text(result.xpath(f".//*[{C('ps-verify-text')}]")[0])
    assert "「职业技能培训人次」（公布 9.52，复算 9.25）" in sentence
    assert "等级仍为「优」" in sentence and "数字颠倒" in sentence
    summary = text(doc.xpath(f"//*[{C('ps-summary')}]")[0])
    assert summary.startswith("预算 2,328.00 万元，实际支出 2,284.40 万元（98.13%），")
    assert summary.endswith("公布的评价等级为「优秀」。")
    bars = [text(li) for li in doc.xpath(f"//figure[{C('ps-budgetchart')}]//li")]
    assert bars == ["全年预算2,328.00", "实际到位2,328.00", "全年执行2,284.40"]


def test_every_page_carries_government_site_metadata(site: Path) -> None:
    """政府网站发展指引: SiteName, SiteDomain, SiteIDCode, ColumnName, ArticleTitle, ContentSource,
    Keywords, description and Open Graph on every page; PubDate only where the data gives
    `published`; the Atom feed discoverable."""
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 20
    for path in pages:
        doc = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        meta = {m.get("name") or m.get("property"): m.get("content") for m in doc.xpath("//head/meta")}
        for key in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ArticleTitle", "ContentSource",
                    "Keywords", "description", "og:title", "og:description", "og:site_name"):
            assert meta.get(key), (path, key)
        assert "PERFSITE-SHELL" not in path.read_text(encoding="utf-8"), path
        assert doc.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']"), path
    jiuye = lxml.html.fromstring((site / "projects/2022/jiuye-chuangye-buzhu/index.html").read_text(encoding="utf-8"))
    meta = {m.get("name") or m.get("property"): m.get("content") for m in jiuye.xpath("//head/meta")}
    assert meta["PubDate"] == "2023-04-26"
    assert meta["ArticleTitle"] == "就业创业补助（2022年度）"
    assert meta["description"].startswith("就业创业补助（2022年度）绩效评价结果。预算 2,328.00 万元")
    assert meta["og:url"].endswith("/projects/2022/jiuye-chuangye-buzhu/")
    home = lxml.html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    assert not home.xpath("//head/meta[@name='PubDate']")  # never the build date


def test_footer_pages_and_robots(site: Path) -> None:
    doc = page(site, "projects/2021/xiaoshenggui")
    footer = doc.xpath("//*[contains(@class,'ps-footer')]")[0]
    links = {text(a): a.get("href") for a in footer.xpath(".//a")}
    for label in ("联系我们", "网站地图", "隐私与版权"):
        target = (site / "projects/2021/xiaoshenggui" / links[label]).resolve() / "index.html"
        assert target.is_file(), label
    icp = next(href for label, href in links.items() if "ICP" in label)
    assert icp == "https://beian.miit.gov.cn/"
    contact = text(page(site, "contact").xpath("//*[contains(@class,'ps-facts')]")[0])
    assert "示例县财政局" in contact and "0357-0000000" in contact
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.gov.cn/jxgk/sitemap.xml" in robots
    assert "没有找到这个页面" in (site / "404.html").read_text(encoding="utf-8")


def test_accessibility_markup(site: Path) -> None:
    html = (site / "projects/2021/xiaoshenggui/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html
    doc = lxml.html.fromstring(html)
    for table in doc.xpath("//table"):
        assert table.xpath("caption"), lxml.html.tostring(table)[:200]
        assert all(th.get("scope") for th in table.xpath(".//th"))


def test_index_data_and_fallback(site: Path, dataset: Any) -> None:
    paths = {row["path"] for row in index_rows(lambda path: (site / path).read_bytes())}
    assert paths == {f"{sp.programme.year}/{sp.programme.id}/" for sp in dataset.programmes}
    doc = page(site, "projects")
    links = {a.get("href") for a in doc.xpath("//*[@id='ps-fallback']//a")}
    assert "2021/xiaoshenggui/" in links
    assert doc.xpath("//form[@id='ps-filters']//label[@for='ps-q']")
    assert doc.xpath("//*[@id='ps-count'][@aria-live='polite']")


def test_listings_home_method_footer(site: Path, dataset: Any) -> None:
    years = {sp.programme.year for sp in dataset.programmes}
    for year in years:
        doc = page(site, f"years/{year}")
        count = sum(1 for sp in dataset.programmes if sp.programme.year == year)
        assert f"{count} 个" in text(doc.xpath(f"//*[{C('ps-figures')}]")[0])
        assert doc.xpath("//svg[@role='img']")
    region = page(site, "regions/曲沃县")
    assert region.xpath("//a[@href='../../projects/2021/xiaoshenggui/']")
    home = page(site, "")
    assert home.xpath("//form[@action='projects/']//input[@name='q']")
    real = max(sp.programme.year for sp in dataset.programmes if not sp.programme.sample)
    assert real < max(years) and f"{real}年度概况" in text(home)  # the newest year of real data, not of the samples
    method = text(page(site, "method"))
    for figure in ("105.26%", "17.10", "3.92", "93.75", "80 ≤ 总分 < 90"):
        assert figure in method
    footer = text(home.xpath("//footer")[0])
    for word in ("主办单位", "网站标识码", "ICP", "公网安备"):
        assert word in footer
    assert "Material for MkDocs" not in footer


def test_programme_pages_not_in_nav_or_search(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = lxml.html.fromstring(html).xpath(f"//nav[{C('md-nav')}]//a/@href")
    assert nav and not any("projects/20" in href for href in nav)
    assert not (site / "search" / "search_index.json").exists()


def test_nothing_requested_from_elsewhere(site: Path) -> None:
    """Pages load scripts, styles, fonts and images from the site itself only."""
    for file in site.rglob("*.html"):
        doc = lxml.html.fromstring(file.read_text(encoding="utf-8"))
        for node in doc.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe | //source"):
            ref = node.get("src") or node.get("href") or ""
            if node.tag == "link" and node.get("rel") == "canonical":
                continue
            assert not re.match(r"^(https?:)?//", ref), f"{file}: {ref}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_hostile_data_is_inert(tmp_path: Path) -> None:
    out = build_or_fail(tmp_path / "out", write_hostile_tree(tmp_path / "data"))
    pages = {f: f.read_text(encoding="utf-8") for f in out.rglob("*.html")}
    for file, html in pages.items():
        for payload in ("<script>alert", "<img src=x", "<svg onload", "<b onmouseover",
                        'href="javascript:', "<i>标题", "<b>产出", "<b>主办"):
            assert payload not in html, f"{file}: {payload}"
        assert "49县" not in html  # template syntax in data is text, never evaluated
    programme = pages[out / "projects/2024/hostile/index.html"]
    doc = lxml.html.fromstring(programme)
    assert text(doc.xpath("//h1")[0]) == HOSTILE_NAME
    assert "{{ 7*7 }}县" in text(doc)
    assert doc.xpath("//title")[0].text_content().startswith(HOSTILE_NAME)
    assert "</footer><script>" in text(doc.xpath("//footer")[0])


def test_data_errors_stop_the_build(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "2024").mkdir(parents=True)
    (root / "2024" / "broken.yaml").write_text("name: 缺少字段\nyear: 2024\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", root)
    assert result.returncode != 0
    assert "broken.yaml" in result.stderr + result.stdout


EDGE = """\
name: 边缘情况项目
year: 2020
department: 测试局
budget:
  unit: 元
  budget: {central: 0, county: 123456.78}
  funded: {county: 100000}
  spent: {county: 100000}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 完成数量, weight: 60, target: "≥10个", actual: "8个", score: 48}
  - {level1: 产出指标, level2: 质量指标, name: 质量评定, weight: 20, target: 符合要求, actual: 基本符合,
     score: 15, rule: reported}
  - {level1: 效益指标, level2: 社会效益, name: 覆盖率, weight: 20, target: 100%, actual: /, applicable: false}
reported: {score: 70, grade: 中}
"""


def test_edge_cases_build(tmp_path: Path, core_data_tree: Path) -> None:
    (core_data_tree / "2020").mkdir()
    (core_data_tree / "2020" / "edge.yaml").write_text(EDGE, encoding="utf-8")
    out = build_or_fail(tmp_path / "out", core_data_tree)
    doc = page(out, "projects/2020/edge")
    assert "元" in text(doc.xpath(f"//table[{C('ps-budget')}]/caption")[0])
    assert "不适用" in text(doc.xpath(f"//table[{C('ps-indicators')}]")[0])
    assert "按公布得分" in " ".join(indicator_row(doc, "质量评定"))
    year = text(page(out, "years/2020").xpath(f"//*[{C('ps-figures')}]")[0])
    assert "12.345678 万元" in year  # 123456.78 元, exact in 万元
    gamma = out / "projects/2022/gamma"
    assert (gamma / "gamma.indicators.csv").exists()
    assert "原始指标表" in text(page(out, "projects/2022/gamma"))
