"""`perfsite init DIR`: a bureau's own repository, data and settings only, built by the installed package.

The files are templates beside this module (package data), named without a leading dot so that
every packaging tool ships them; FILES says where each goes. `@TITLE@`, `@VERSION@` and
`@PINNED@` are filled in (the title as a quoted YAML scalar in YAML files). A folder that holds
anything is refused: init never writes over a file a user made.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlparse

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


LOCK = "requirements.lock"
"""perfsite's own runtime lock (a link to the checkout's, shipped in the wheel): the versions its
tests ran. The new repository pins these, not what `pip install perfsite-*.whl` happened to
resolve: unpinned, pip picks the newest (pymdown-extensions 13.x needs Python 3.11.5, which
Debian 12's 3.11.2 is not)."""
WHEELHOUSE = "wheelhouse"
"""Where the new repository keeps perfsite's wheel, committed: perfsite is not on PyPI, so
requirements.txt finds it there (`--find-links`) on a clerk's machine and in CI alike."""


def locked_requirements() -> list[str]:
    """`name==version` lines of the shipped lock, comments left out."""
    text = files("perfsite.scaffold").joinpath(LOCK).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def installed_wheel() -> Path | None:
    """The wheel file this perfsite was installed from (pip's direct_url.json), if it is still there."""
    try:
        found = json.loads(distribution("perfsite").read_text("direct_url.json") or "{}")
    except (PackageNotFoundError, ValueError):
        return None
    url = found.get("url", "")
    if "archive_info" not in found or not url.startswith("file://"):
        return None
    path = Path(unquote(urlparse(url).path))
    return path if path.is_file() and path.suffix == ".whl" else None


def scaffold(root: Path, title: str, wheel: Path | None = None) -> list[Path]:
    """Write the repository into `root` (which must be empty or absent), with a copy of `wheel`
    in wheelhouse/; the files written."""
    here = files("perfsite.scaffold")
    pinned = "\n".join(locked_requirements())
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
    if wheel is not None:
        copy = root / WHEELHOUSE / wheel.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        with wheel.open("rb") as source, copy.open("xb") as target:
            shutil.copyfileobj(source, target)
        written.append(copy)
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
    p.add_argument("--wheel", metavar="安装包",
                   help=f"复制到新仓库 {WHEELHOUSE}/ 的 perfsite 安装包（.whl；默认为安装 perfsite 时所用的那个文件）")


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
    wheel = Path(args.wheel) if args.wheel else installed_wheel()
    if args.wheel and not (wheel.is_file() and wheel.name.startswith(f"perfsite-{__version__}-") and wheel.suffix == ".whl"):
        print(f"perfsite init: {wheel} 不是 perfsite {__version__} 的安装包（perfsite-{__version__}-….whl）", file=sys.stderr)
        return EXIT_USAGE
    scaffold(root, title, wheel)
    if wheel is None:
        print(f"注意：找不到安装 perfsite 时所用的安装包，{root}/{WHEELHOUSE}/ 是空的。请把 perfsite-{__version__}-py3-none-any.whl "
              f"复制进去并提交（pip install -r requirements.txt 和自动构建从那里安装 perfsite），"
              "或删除新目录后用 perfsite init --wheel 安装包路径 重新创建", file=sys.stderr)
    print(f"已在 {root} 创建网站仓库。下一步：\n"
          f"  cd {root}\n"
          "  perfsite check data     # 检查数据\n"
          "  perfsite serve          # 本机预览\n"
          "  perfsite build          # 生成网站到 site/\n"
          "说明见 README.md；data/2024/shili/ 是虚构的示例项目，正式发布前请删除。")
    return EXIT_OK


COMMANDS = [("init", "新建一个本单位的网站仓库（设置、示例项目、自动构建与提交检查）", _args, cmd_init)]
