"""What is still `perfsite init`'s example when a site is checked or built: sample files
(`sample: true`) and site.yaml values left as the template wrote them. Said as one 提示 block
on stderr, outside the problem counts: the sample is a clerk's choice to keep while trying the
site (perfsite's own demo data are all samples), so it never fails a check or a build.

The example values are read from the template itself (perfsite/scaffold/site.yaml), so
changing the template changes what is recognised. Sample files are those whose facts say so
(dataset.Facts.sample): check and build have read every file already, and their caches keep the
flag, so nothing is read again (reading 10,000 demo files again for the flag took 0.46–0.58 s,
a quarter of a cached `perfsite check` of them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from perfsite.problems import relpath
from perfsite.safefile import read_limited
from perfsite.siteconfig import SITE_FILE
from perfsite.yamlload import MAX_BYTES

if TYPE_CHECKING:  # `perfsite init` imports this module and needs no data loader
    from perfsite.dataset import Facts

EXAMPLE_KEYS = ("site_url", "publisher", "contact")
"""site.yaml keys whose template value is an obvious placeholder (the title is the bureau's own, given to init)."""
OFFERED_KEYS = ("site_code", "icp", "police_record")
"""Keys the template offers commented out (`# icp: 晋ICP备00000000号`), their values placeholders
too: a clerk who takes the `#` away and not the zeros would publish them in every page's footer."""
SHOWN = 5
"""Sample files named one by one; the rest counted."""


def example_values() -> dict[str, str]:
    text = files("perfsite.scaffold").joinpath("site.yaml").read_text(encoding="utf-8").replace("@TITLE@", '""')
    offered = tuple(f"# {key}:" for key in OFFERED_KEYS)
    loaded = yaml.safe_load("\n".join(line[2:] if line.startswith(offered) else line for line in text.splitlines()))
    return {key: str(loaded[key]) for key in (*EXAMPLE_KEYS, *OFFERED_KEYS)}


def example_settings(root: Path, base: Path | None = None) -> list[str]:
    """`data/site.yaml 第 4 行 publisher「示例县财政局」` for each example value still in site.yaml,
    the file named from `base` (the current folder by default), as problems name it."""
    path = root / SITE_FILE
    try:
        text = read_limited(path, MAX_BYTES).decode("utf-8")
        loaded = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # check reports a missing or broken site.yaml itself
        return []
    if not isinstance(loaded, dict):
        return []
    lines = text.splitlines()
    found = []
    for key, example in example_values().items():
        if str(loaded.get(key, "")).strip() == example:
            line = next((n for n, t in enumerate(lines, 1) if t.startswith(f"{key}:")), None)
            found.append(f"{shown(path, base)}{f' 第 {line} 行' if line else ''} {key}「{example}」")
    return found


def sample_files(facts: Iterable[Facts]) -> list[str]:
    """The data files marked `sample: true` as the facts name them, in path order (by folder
    names, as Path orders them: a Path per name costs 0.05 s at 10,000 samples)."""
    return sorted((f.file for f in facts if f.sample), key=lambda name: name.split(os.sep))


def shown(path: Path, base: Path | None) -> str:
    """`path` (absolute, or from the current folder) named from `base` (the current folder by
    default) where it is inside it. A build reads its tree by absolute path, from a project
    folder given as `.`: both are made absolute."""
    return relpath(path.absolute(), (base or Path.cwd()).absolute())


def shown_file(name: str, base: Path | None) -> str:
    """A data file as its facts name it (from `base`, where the tree was read from), or named
    from `base` where the facts hold an absolute path inside it."""
    return shown(Path(name), base) if os.path.isabs(name) else name


def notice(root: Path, facts: Iterable[Facts], base: Path | None = None) -> str:
    """The 提示 block (empty when nothing is an example): what to change before the site goes
    public. `facts`: those of the files of `root` as check or build read them (from `base`)."""
    settings = example_settings(root, base)
    samples = sample_files(facts)
    if not settings and not samples:
        return ""
    out = ["提示（发布前）：以下内容仍是示例，请处理（不计入检查结果，不阻止生成）："]
    if settings:
        out.append("  site.yaml 中的示例值，请改为本单位的真实信息（mkdocs.yml 的 site_url 一并修改）：")
        out.extend(f"    {s}" for s in settings)
    if samples:
        out.append(f"  示例数据（sample: true）{len(samples)} 个文件，会以“示例”标记公开；不公开的请删除：")
        out.extend(f"    {shown_file(name, base)}" for name in samples[:SHOWN])
        if len(samples) > SHOWN:
            out.append(f"    另有 {len(samples) - SHOWN} 个")
    return "\n".join(out)
