"""A whole data tree: site.yaml plus every programme file, scored, with cross-file checks."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfsite.problems import Problem, Problems, Severity, relpath
from perfsite.reader import read_programme
from perfsite.scoring import ScoredProgramme, score_programme
from perfsite.siteconfig import SiteConfig, load_site
from perfsite.values import identity_text

SITE_FILE = "site.yaml"


@dataclass(frozen=True)
class Facts:
    """What cross-file checks and the check summary need of a programme (small enough to cache)."""

    file: str
    year: int
    id: str
    name: str
    department: str
    total: Decimal | None
    grade: str | None

    @classmethod
    def of(cls, sp: ScoredProgramme) -> Facts:
        p = sp.programme
        return cls(p.file, p.year, p.id, p.name, p.department, sp.total, sp.grade)


@dataclass
class Dataset:
    """What a build publishes: the site settings, the scored programmes and every problem."""

    root: Path
    site: SiteConfig
    programmes: list[ScoredProgramme] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    facts: list[Facts] = field(default_factory=list)
    _series: tuple[int, dict[str, list[ScoredProgramme]]] | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """No errors: the site may be built."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    def by_series(self, series: str) -> list[ScoredProgramme]:
        """The programmes of one series by year; indexed once, so pages of 10,000 programmes stay linear."""
        index = self._series
        if index is None or index[0] != len(self.programmes):
            groups: dict[str, list[ScoredProgramme]] = defaultdict(list)
            for sp in self.programmes:
                if sp.programme.series:
                    groups[sp.programme.series].append(sp)
            for group in groups.values():
                group.sort(key=lambda sp: sp.programme.year)
            index = self._series = (len(self.programmes), dict(groups))
        return list(index[1].get(series, []))


def programme_files(root: Path) -> list[Path]:
    """Every programme file under the year folders, in a stable order (not file-system order).

    One scandir walk (symlinked folders are not entered, as with Path.rglob; a symlinked file is
    listed, for the loader to refuse): at 100,000 files two rglob passes took seconds.
    """
    found: list[tuple[str, str]] = []
    todo = [("", str(root))]
    while todo:
        relative, folder = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{relative}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    todo.append((name + "/", entry.path))
                elif entry.name.endswith((".yaml", ".yml")) and name != SITE_FILE and entry.is_file():
                    found.append((name, entry.path))
    found.sort()
    return [Path(path) for _, path in found]


def load_dataset(root: Path, base: Path | None = None) -> Dataset:
    """Load, validate and score everything under `root`; never raises for bad data."""
    base = base if base is not None else Path.cwd()
    site, site_problems = load_site(root / SITE_FILE, relpath(root / SITE_FILE, base))
    data = Dataset(root, site, problems=list(site_problems.items))
    if not root.is_dir():
        data.problems.append(Problem(Severity.ERROR, "数据目录不存在", file=relpath(root, base)))
        return data
    for path in programme_files(root):
        data.files += 1
        scored, problems = load_one(path, root, site, base)
        data.problems.extend(problems)
        if scored is not None:
            data.programmes.append(scored)
            data.facts.append(Facts.of(scored))
    by_file = {sp.programme.file: sp for sp in data.programmes}
    for problem in cross_checks(data.facts):
        data.problems.append(problem)
        by_file[problem.file].problems.append(problem)
    data.programmes.sort(key=lambda sp: (-sp.programme.year, sp.programme.id))
    return data


def load_one(path: Path, root: Path, site: SiteConfig, base: Path | None) -> tuple[ScoredProgramme | None, list[Problem]]:
    """Read, validate and score one file; the problems are the file's own (no cross-file checks)."""
    if path.is_symlink():
        return None, [symlink_problem(path, base)]
    prog, problems = read_programme(path, site, base)
    if prog is None:
        return None, problems.items
    scored = score_programme(prog, site, problems)
    _check_folder(prog.year, path, root, problems)
    prog.lines = {}  # only problems need the line map, and they have their lines now: half the memory
    return scored, problems.items


def _check_folder(year: int, path: Path, root: Path, problems: Problems) -> None:
    folder = path.relative_to(root).parts[0]
    if year and folder.isdigit() and int(folder) != year:
        problems.warning(("year",), f"文件在 {folder} 年的目录下，但 year 写的是 {year}")


def symlink_problem(path: Path, base: Path | None) -> Problem:
    """Data files are read only from the commit itself: a link could publish any file of the build machine."""
    return Problem(Severity.ERROR, "数据文件不能是符号链接（可能指向数据目录之外）：请提交文件本身", file=relpath(path, base))


def cross_checks(facts: list[Facts]) -> list[Problem]:
    """Two files may not share an address (also ignoring case) or be the same programme twice."""
    by_url: dict[tuple[int, str], list[Facts]] = defaultdict(list)
    by_facts: dict[tuple[str, str, int], list[Facts]] = defaultdict(list)
    for f in sorted(facts, key=lambda f: f.file):
        by_url[(f.year, f.id.lower())].append(f)
        by_facts[(identity_text(f.name), identity_text(f.department), f.year)].append(f)
    found = []
    for (year, ident), group in by_url.items():
        found += [Problem(Severity.ERROR, f"{year} 年的 id「{ident}」与 {group[0].file} 重复：每个项目在同一年需要不同的 id",
                          file=f.file, line=1) for f in group[1:]]
    for (_, _, year), group in by_facts.items():
        first = group[0]
        found += [Problem(Severity.ERROR, f"与 {first.file} 是同一项目（{year} 年「{first.name}」，{first.department}；"
                          "名称按字形比较，全角半角、空格和不可见字符不计）：同一项目同一年只能有一个文件",
                          file=f.file, line=1) for f in group[1:]]
    return found
