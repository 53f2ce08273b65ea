"""`perfsite demo --cycle`: the whole disclosure cycle, valid, varied and reproducible."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.dataset import load_dataset
from perfsite.demo import write_demo
from perfsite.problems import Severity
from perfsite.reports import format_of
from perfsite.yamlload import load_yaml_file
from tests.test_demo import _tree_digest


@pytest.fixture(scope="module")
def cycle200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cycle") / "d"
    write_demo(200, out, seed=1, cycle=True)
    return out


def test_every_file_passes_check_and_every_kind_is_there(cycle200: Path) -> None:
    data = load_dataset(cycle200)
    errors = [p.as_text() for p in data.problems if p.severity is Severity.ERROR]
    assert data.ok and not errors, errors[:5]
    warnings = [p for p in data.problems if p.severity is Severity.WARNING]
    lowered = [p for p in warnings if p.message.startswith("目标调低：")]  # the demo lowers some on purpose
    assert warnings == lowered and 0 < len(lowered) < 200 * 0.2, [p.as_text() for p in warnings][:5]
    kinds = Counter(f.kind for f in data.facts)
    assert kinds["自评"] == 200 and kinds["绩效目标"] == 200
    assert 10 <= kinds["评价报告"] == kinds["整改"] <= 40  # about 10% of programmes
    assert len(data.departments) >= 6
    pairs = Counter((d.year, d.department) for d in data.departments)
    assert set(pairs.values()) == {2}  # a target table and a self-evaluation for each department-year


def test_reports_carry_real_pdf_and_docx_originals(cycle200: Path) -> None:
    originals = sorted(p for p in cycle200.rglob("*") if p.suffix in (".pdf", ".docx"))
    formats = Counter(format_of(p.read_bytes()) for p in originals)
    assert set(formats) == {"PDF", "DOCX"}, formats
    assert len({p.read_bytes() for p in originals}) == len(originals)  # each report its own original
    for report in cycle200.rglob("*-pingjia.yaml"):
        data = load_yaml_file(report).data
        assert (report.parent / data["original"]["file"]).is_file()


def test_measures_in_every_status_some_overdue_on_the_build_date(cycle200: Path) -> None:
    measures = [m for path in cycle200.rglob("*-zhenggai.yaml") for f in load_yaml_file(path).data["findings"]
                for m in f["measures"]]
    assert {m["status"] for m in measures} == {"未开始", "整改中", "已完成"}
    today = "2026-11-01"
    overdue = [m for m in measures if m["status"] != "已完成" and str(m["deadline"]) < today]
    not_yet = [m for m in measures if m["status"] != "已完成" and str(m["deadline"]) >= today]
    assert overdue and not_yet
    applied = [a for path in cycle200.rglob("*-zhenggai.yaml") for a in load_yaml_file(path).data["application"]]
    assert any(a.get("amount") for a in applied)


def test_same_seed_same_bytes_and_the_cycle_leaves_the_other_files_alone(tmp_path: Path) -> None:
    write_demo(60, tmp_path / "a", seed=5, cycle=True)
    write_demo(60, tmp_path / "b", seed=5, cycle=True)
    write_demo(60, tmp_path / "t", seed=5, targets=True)
    assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")
    widened = 0
    for path in (tmp_path / "t").rglob("*.yaml"):
        cycle = (tmp_path / "a" / path.relative_to(tmp_path / "t")).read_text(encoding="utf-8")
        if "midterm_indicators:" in cycle:  # the same table with its 中期 set and a longer period
            widened += 1
            head = re.sub(r"\nperiod: \d{4}-\d{4}\n", f"\nperiod: {path.parent.parent.name}\n", cycle.split("midterm_indicators:")[0])
            assert head == path.read_text(encoding="utf-8")
        else:
            assert cycle == path.read_text(encoding="utf-8")
    assert widened
    assert len(list((tmp_path / "a").rglob("*"))) > len(list((tmp_path / "t").rglob("*")))


def test_cli_cycle_implies_targets(tmp_path: Path) -> None:
    assert main(["demo", "--n", "30", "--cycle", "--out", str(tmp_path / "c")]) == 0
    assert len(list((tmp_path / "c").rglob("demo-*-mubiao.yaml"))) == 30
    assert list((tmp_path / "c").rglob("demo-*-pingjia.yaml"))


def test_some_continuing_programmes_have_a_midterm_set_over_their_period(cycle200: Path) -> None:
    from perfsite.documents import read_document
    from perfsite.siteconfig import SiteConfig
    from perfsite.targets import TargetTable

    tables = [read_document(p, SiteConfig())[0] for p in sorted(cycle200.rglob("demo-*-mubiao.yaml"))]
    multi = [t for t in tables if isinstance(t, TargetTable) and t.midterm_indicators]
    assert 10 <= len(multi) <= 60 and all(t.attribute == "延续" for t in multi)
    for table in multi:
        start, end = table.period_years  # type: ignore[misc]
        assert start <= table.year <= end and end - start >= 1
        years = end - start + 1
        for annual, midterm in zip(table.indicators, table.midterm_indicators, strict=False):
            assert midterm.name == f"实施期{annual.name}" and midterm.comparator == annual.comparator
            if annual.figures and annual.figures[0].unit in ("项", "人"):  # a count adds up over the 实施期
                assert midterm.figures[0].amount == annual.figures[0].amount * Decimal(years)
    assert all(not t.midterm_indicators for t in tables if isinstance(t, TargetTable) and t.attribute != "延续")
