"""`perfsite init DIR`: a bureau's own repository, data and settings only, built by the installed package.

The files are templates beside this module (package data), named without a leading dot so that
every packaging tool ships them; FILES says where each goes. `@TITLE@`, `@VERSION@` and
`@PINNED@` are filled in (the title as a quoted YAML scalar in YAML files). A folder that holds
anything is refused: init never writes over a file a user made.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from perfsite import __version__
from perfsite.siteconfig import SiteConfig

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

FILES: tuple[tuple[str, str], ...] = (
    ("mkdocs.yml", "mkdocs.yml"),
    ("site.yaml", "data/site.yaml"),
    ("example.yaml", "data/2024/shili/nongcun-gonglu-yanghu.yaml"),
    ("requirements.txt", "requirements.txt"),
    ("README.md", "README.md"),
    ("github-workflow.yml", ".github/workflows/site.yml"),
    ("gitlab-ci.yml", ".gitlab-ci.yml"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("gitignore", ".gitignore"),
)
"""Template beside this module → path in the new repository."""
EMPTY_FOLDERS = ("docs", "overrides")
"""MkDocs needs docs_dir and custom_dir to exist; a .gitkeep keeps them in git (MkDocs skips dot files)."""


def pinned_requirements(top: str = "perfsite") -> list[str]:
    """`name==version` of every package `top` needs to run (its extras left out), as installed now.

    The new repository's CI installs exactly what the bureau tried on its own machine (every
    dependency pinned, not only perfsite); the wheel does not carry the lock files, but the
    installed packages' metadata is the lock the bureau actually ran."""
    pins: dict[str, str] = {}
    todo = [top]
    while todo:
        name = todo.pop()
        key = canonicalize_name(name)
        if key in pins:
            continue
        try:
            found = distribution(name)
        except PackageNotFoundError:  # an optional dependency not installed here
            continue
        pins[key] = f"{found.metadata['Name']}=={found.version}"
        for text in found.requires or []:
            wanted = Requirement(text)
            if wanted.marker is None or wanted.marker.evaluate({"extra": ""}):
                todo.append(wanted.name)
    pins.pop(canonicalize_name(top), None)
    return sorted(pins.values(), key=str.lower)


def scaffold(root: Path, title: str) -> list[Path]:
    """Write the repository into `root` (which must be empty or absent); the files written."""
    here = files("perfsite.scaffold")
    pinned = "\n".join(pinned_requirements())
    written = []
    for source, target in FILES:
        text = here.joinpath(source).read_text(encoding="utf-8")
        shown = json.dumps(title, ensure_ascii=False) if target.endswith((".yml", ".yaml")) else title
        text = text.replace("@TITLE@", shown).replace("@VERSION@", __version__).replace("@PINNED@", pinned)
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never over an existing file
            handle.write(text)
        written.append(path)
    for folder in EMPTY_FOLDERS:
        keep = root / folder / ".gitkeep"
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.open("x").close()
        written.append(keep)
    return written


def refusal(root: Path) -> str | None:
    """Why `root` cannot take a new repository, or None."""
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        return f"{root} 已存在且不是目录：请换一个新目录"
    if root.is_dir() and any(root.iterdir()):
        return f"{root} 不是空目录：perfsite init 只在新目录或空目录中创建，以免覆盖已有文件；请换一个目录"
    return None


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", help="新建的仓库目录（须不存在或为空）")
    p.add_argument("--title", default=SiteConfig().title, help=f"网站名称（默认 {SiteConfig().title}）")


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    title = args.title.strip()
    if not title:
        print("perfsite init: 用法错误：--title 不能为空", file=sys.stderr)
        return EXIT_USAGE
    why = refusal(root)
    if why:
        print(f"perfsite init: {why}", file=sys.stderr)
        return EXIT_FAILED
    scaffold(root, title)
    print(f"已在 {root} 创建网站仓库。下一步：\n"
          f"  cd {root}\n"
          "  perfsite check data     # 检查数据\n"
          "  perfsite serve          # 本机预览\n"
          "  perfsite build          # 生成网站到 site/\n"
          "说明见 README.md；data/2024/shili/ 是虚构的示例项目，正式发布前请删除。")
    return EXIT_OK


COMMANDS = [("init", "新建一个本单位的网站仓库（设置、示例项目、自动构建与提交检查）", _args, cmd_init)]
