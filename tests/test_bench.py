"""bench/run.py runs end to end on a tiny tree (figures are reported, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_bench_runs_with_20_programmes(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--n", "20", "--pages", "--serve",
                             "--out", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads((tmp_path / "bench-20.json").read_text(encoding="utf-8"))
    for key in ("ours", "pages", "baseline"):
        assert figures[key]["wall_s"] > 0 and figures[key]["files"] > 20
    assert "| 构建时间（秒） |" in (tmp_path / "bench-20.md").read_text(encoding="utf-8")
    assert figures["serve"]["serve_edit_s"] > 0 and figures["serve"]["serve_first_build_s"] > 0
    assert isinstance(figures["serve"]["serve_exit_s"], float)  # it stopped on Ctrl-C within the bound
    if Path("/usr/bin/chromium").exists():  # .ci/run installs it: the index's answer time is measured
        assert figures["ours"]["index_search_ms"] > 0 and figures["ours"]["index_rows_after_filter"] >= 0


def test_bench_search_only_reports_the_indexes(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--n", "20", "--search-only",
                             "--no-baseline", "--timeline", "--out", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads((tmp_path / "bench-20.json").read_text(encoding="utf-8"))
    assert "ours" not in figures and "baseline" not in figures
    search = figures["search"]
    assert search["search_indexes"] >= 2 and search["first_query_kb"] > 0
    assert search["phases"]["search"] > 0
    roles = [role for role, _, _ in search["rebuild_processes"]]  # the rebuild's CPU by process
    assert roles[0] == "main" and "pagefind" in roles  # 20 programmes: read and written in the main process
    assert 0 < sum(cpu for _, _, cpu in search["rebuild_processes"]) <= search["rebuild_cpu_s"] + 0.2
    timeline = json.loads((tmp_path / "timeline-search-20.json").read_text(encoding="utf-8"))
    assert [name for _, name in timeline["marks"]][:2] == ["load end", "config end"]
    assert "search end" in [name for _, name in timeline["marks"]] and timeline["rows"][-1]["t"] > 0
    assert "build idle core-s" in (tmp_path / "timeline-search-20.txt").read_text(encoding="utf-8")


def test_the_static_first_query_bound_counts_the_ten_largest_fragments_once(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from run import search_payload

    bundle = tmp_path / "pagefind"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    (tmp_path / "assets" / "perfsite").mkdir(parents=True)
    (tmp_path / "assets" / "perfsite" / "search.js").write_text("", encoding="utf-8")
    sizes = [64_000] + [800] * 20  # one long report among ordinary stubs
    for n, size in enumerate(sizes):
        (bundle / "fragment" / f"f{n}.pf_fragment").write_bytes(b"x" * size)
    assert search_payload(tmp_path)["first_query_parts"]["fragments_10"] == 64_000 + 9 * 800
