"""`perfsite init DIR`: a bureau's own repository, data and settings only, built by the installed
package; `perfsite init --update DIR`: such a repository brought to the installed perfsite.

The files are templates beside this module (package data), named without a leading dot so that
every packaging tool ships them; FILES says where each goes. `@TITLE@`, `@VERSION@`, `@WHEEL@`,
`@WHEELHOUSE@` and `@PINNED@` are filled in (the title as a quoted YAML scalar in YAML files). A
folder that holds anything is refused: init never writes over a file a user made. An update
writes only REFRESHED (what follows perfsite's version, not the bureau's choices: the
requirements, CI and the commit hook), perfsite's wheel and the missing lines of .gitignore;
data/, docs/, overrides/, site.yaml, mkdocs.yml and README.md are the bureau's and never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlparse

from perfsite import __version__
from perfsite.safefile import write_beside
from perfsite.siteconfig import SiteConfig

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

FILES: tuple[tuple[str, str], ...] = (
    ("mkdocs.yml", "mkdocs.yml"),
    ("site.yaml", "data/site.yaml"),
    ("example.yaml", "data/2024/shili/nongcun-gonglu-yanghu.yaml"),
    ("requirements.txt", "requirements.txt"),
    ("requirements-import.txt", "requirements-import.txt"),
    ("README.md", "README.md"),
    ("github-workflow.yml", ".github/workflows/site.yml"),
    ("gitlab-ci.yml", ".gitlab-ci.yml"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("gitignore", ".gitignore"),
)
"""Template beside this module → path in the new repository."""
REFRESHED = ("requirements.txt", "requirements-import.txt", ".github/workflows/site.yml", ".gitlab-ci.yml",
             ".pre-commit-config.yaml")
"""What `init --update` writes anew: each follows perfsite's version (its wheel and pins, the
commands CI and the hook run), none holds the bureau's data or settings."""
EMPTY_FOLDERS = ("docs", "overrides")
"""MkDocs needs docs_dir and custom_dir to exist; a .gitkeep keeps them in git (MkDocs skips dot files)."""


LOCK = "requirements.lock"
"""perfsite's own runtime lock (a link to the checkout's, shipped in the wheel): the versions its
tests ran. The new repository pins these, not what `pip install perfsite-*.whl` happened to
resolve: unpinned, pip picks the newest (pymdown-extensions 13.x needs Python 3.11.5, which
Debian 12's 3.11.2 is not)."""
IMPORT_LOCK = "requirements-import.lock"
"""perfsite's lock of the `import` extra (a link to the checkout's, shipped in the wheel): the new
repository's requirements-import.txt pins these, so the command a missing pandas names
(perfsite.importing.extras) installs the versions perfsite's tests ran, not PyPI's newest."""
WHEELHOUSE = "wheelhouse"
"""Where the new repository keeps perfsite's wheel, committed: perfsite is not on PyPI, so
requirements.txt names that file by its path, on a clerk's machine and in CI alike. By path, not
`perfsite==<version>` with `--find-links`: pip takes a pinned name from any index it reads, and
with an index holding a package of that name and version (anyone can upload one to PyPI) it
installed that one instead of the committed wheel (pip 23.2, `--dry-run --report`; a path is
satisfied by that file alone). The offline route (`--no-index --find-links wheelhouse`) reads the
same path."""
KEPT_HEADING = "# 本仓库另加的包（perfsite init --update 保留）"
"""Above the requirement lines an update keeps: ones the bureau added that perfsite does not pin."""


def wheel_name(wheel: Path | None) -> str:
    """The file name requirements.txt gives perfsite's wheel (a pure-Python wheel's, without one)."""
    return wheel.name if wheel is not None else f"perfsite-{__version__}-py3-none-any.whl"


def filled(source: str, title: str, wheel: str) -> str:
    """Template `source` with its placeholders filled in."""
    text = files("perfsite.scaffold").joinpath(source).read_text(encoding="utf-8")
    target = dict(FILES)[source]
    shown = json.dumps(title, ensure_ascii=False) if target.endswith((".yml", ".yaml")) else title
    return (text.replace("@TITLE@", shown).replace("@VERSION@", __version__).replace("@WHEEL@", wheel)
            .replace("@WHEELHOUSE@", WHEELHOUSE).replace("@PINNED@", "\n".join(locked_requirements()))
            .replace("@IMPORT_PINNED@", "\n".join(locked_requirements(IMPORT_LOCK))))


def locked_requirements(lock: str = LOCK) -> list[str]:
    """`name==version` lines of a shipped lock (the runtime's, or IMPORT_LOCK), comments left out."""
    text = files("perfsite.scaffold").joinpath(lock).read_text(encoding="utf-8")
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
    written = []
    for source, target in FILES:
        text = filled(source, title, wheel_name(wheel))
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


PLUGIN = re.compile(r"""^\s*-\s*["']?perfsite["']?\s*(?::|#|$)""", re.M)
"""mkdocs.yml's `plugins:` entry of perfsite (read as text: mkdocs.yml may hold tags no plain YAML
loader reads), what makes a folder a perfsite site."""
INCLUDES = ("-r ", "-c ", "--requirement", "--constraint")
"""requirements.txt options naming another file: the bureau's, kept by an update."""
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
"""A requirement line's package name."""
EXTRAS = re.compile(r"^[^#\s]*perfsite[^#\s\[]*(\[[A-Za-z0-9_,\s-]+\])", re.I)
"""The extras (`[import]`, `[import,search]`) a bureau asked for on its perfsite line: the wheel's
path or `perfsite==…` followed by brackets."""


def not_a_site(root: Path) -> str | None:
    """Why `root` is not a repository `init --update` may write into, or None."""
    config = root / "mkdocs.yml"
    if not root.is_dir():
        return f"{root} 不存在或不是目录"
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    if text is None or not PLUGIN.search(text):
        return (f"{root} 不是 perfsite 网站仓库（{config} {'不存在' if text is None else '没有使用 perfsite 插件'}）："
                "perfsite init --update 只更新 perfsite init 生成的仓库；新建请用 perfsite init 新目录")
    return None


def _name(line: str) -> str:
    found = REQUIREMENT.match(line)
    return re.sub(r"[-_.]+", "-", found[1]).lower() if found else ""


def kept_requirements(old: str) -> list[str]:
    """The requirement lines of an old requirements.txt that the bureau added: not perfsite (by
    name or by its wheel's path), not an option but another file it reads (-r, -c), not a package
    perfsite's lock pins (its version is the new lock's)."""
    pinned = {_name(line) for line in locked_requirements()}
    kept = []
    for raw in old.splitlines():
        line = raw.strip()
        if line.startswith(INCLUDES):
            kept.append(line)
            continue
        if not line or line.startswith(("#", "-")) or "perfsite" in line.lower() or _name(line) in pinned:
            continue
        kept.append(line)
    return kept


def asked_extras(old: str) -> str:
    """The extras the old requirements.txt's perfsite line asked for (`[import]`), or "": an update
    that rewrote the line without them would leave a clerk's next import without pandas."""
    for raw in old.splitlines():
        found = EXTRAS.match(raw.strip())
        if found:
            return re.sub(r"\s+", "", found[1])
    return ""


def _replace(path: Path, content: str | bytes) -> None:
    """`path` holds `content` (text as UTF-8, lines ending in \\n), written aside and renamed over it
    (never a half-written file), with the permissions of any file the clerk makes (write_beside: 0666
    less the umask; a file of tempfile's is 0600, and a colleague's build could not read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = write_beside(path, content.encode("utf-8") if isinstance(content, str) else content)
    try:
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def update(root: Path, wheel: Path) -> list[str]:
    """Bring the repository at `root` to this perfsite: REFRESHED written anew from the templates
    (a requirement line the bureau added kept), `wheel` put in wheelhouse/ in place of any other
    perfsite wheel there, .gitignore's missing template lines added. What changed, one line each
    (none when the repository was up to date)."""
    done: list[str] = []
    sources = {target: source for source, target in FILES}
    for target in REFRESHED:
        path = root / target
        text = filled(sources[target], "", wheel.name)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if target == "requirements.txt" and old is not None and (extras := asked_extras(old)):
            line = f"./{WHEELHOUSE}/{wheel.name}"
            text = text.replace(f"\n{line}\n", f"\n{line}{extras}\n", 1)
        if target == "requirements.txt" and old is not None and (extra := kept_requirements(old)):
            text += "\n" + "\n".join([KEPT_HEADING, *extra]) + "\n"
        if old != text:
            _replace(path, text)
            done.append(f"{'更新' if old is not None else '新增'} {target}")
    ignore = root / ".gitignore"
    old = ignore.read_text(encoding="utf-8") if ignore.is_file() else ""
    have = {line.strip() for line in old.splitlines()}
    missing = [line for line in filled("gitignore", "", wheel.name).splitlines()
               if line.strip() and not line.startswith("#") and line.strip() not in have]
    if missing:
        _replace(ignore, old + ("" if not old or old.endswith("\n") else "\n") + "\n".join(missing) + "\n")
        done.append(f"更新 .gitignore（加入 {'、'.join(missing)}）")
    house = root / WHEELHOUSE
    copy = house / wheel.name
    if not (copy.is_file() and copy.read_bytes() == wheel.read_bytes()):
        _replace(copy, wheel.read_bytes())
        done.append(f"新增 {WHEELHOUSE}/{wheel.name}")
    for other in sorted(house.glob("perfsite-*.whl")):
        if other.name != wheel.name:
            other.unlink()
            done.append(f"删除 {WHEELHOUSE}/{other.name}（旧版本的安装包）")
    return done


def update_wheel(root: Path, given: str | None) -> Path | None:
    """The wheel an update puts in wheelhouse/: the one given, else the one this perfsite was
    installed from, else this version's already in wheelhouse/; None when there is none."""
    if given:
        return Path(given)
    found = installed_wheel()
    if found is not None:
        return found
    return next(iter(sorted((root / WHEELHOUSE).glob(f"perfsite-{__version__}-*.whl"))), None)


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="目录", help="新建的仓库目录（须不存在或为空）；加 --update 时为要更新的仓库")
    p.add_argument("--title", help=f"网站名称（默认 {SiteConfig().title}）")
    p.add_argument("--wheel", metavar="安装包",
                   help=f"复制到仓库 {WHEELHOUSE}/ 的 perfsite 安装包（.whl；默认为安装 perfsite 时所用的那个文件）")
    p.add_argument("--update", action="store_true",
                   help="更新已有的网站仓库到当前安装的 perfsite：安装包、requirements.txt、自动构建设置和提交检查；"
                        "不改动 data/、docs/、site.yaml、mkdocs.yml")


def wrong_wheel(wheel: Path) -> str | None:
    """Why `wheel` cannot be this perfsite's wheel in a repository, or None."""
    if wheel.is_file() and wheel.name.startswith(f"perfsite-{__version__}-") and wheel.suffix == ".whl":
        return None
    return f"{wheel} 不是 perfsite {__version__} 的安装包（perfsite-{__version__}-….whl）"


def cmd_update(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if args.title is not None:
        print("perfsite init: 用法错误：--update 不改网站名称（在 mkdocs.yml 和 data/site.yaml 中修改），不能与 --title 同用",
              file=sys.stderr)
        return EXIT_USAGE
    why = not_a_site(root)
    if why:
        print(f"perfsite init --update: {why}", file=sys.stderr)
        return EXIT_FAILED
    wheel = update_wheel(root, args.wheel)
    if wheel is None:
        print(f"perfsite init --update: 找不到 perfsite {__version__} 的安装包，未作任何改动：请用 --wheel 安装包路径 指定"
              f"（perfsite-{__version__}-py3-none-any.whl）", file=sys.stderr)
        return EXIT_FAILED
    why = wrong_wheel(wheel)
    if why:
        print(f"perfsite init --update: {why}", file=sys.stderr)
        return EXIT_USAGE
    try:
        done = update(root, wheel)
    except OSError as error:
        print(f"perfsite init --update: {root}: {error}", file=sys.stderr)
        return EXIT_FAILED
    if not done:
        print(f"{root} 已是 perfsite {__version__} 的设置，没有改动。")
        return EXIT_OK
    print(f"已将 {root} 更新到 perfsite {__version__}：")
    print("\n".join(f"  {line}" for line in done))
    print("未改动 data/、docs/、overrides/、site.yaml、mkdocs.yml 和 README.md。请用 git diff 查看改动，\n"
          "然后 pip install -r requirements.txt 安装新版本，perfsite check data 与 perfsite build 无误后提交。")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    if args.update:
        return cmd_update(args)
    root = Path(args.dir)
    title = (args.title if args.title is not None else SiteConfig().title).strip()
    if not title:
        print("perfsite init: 用法错误：--title 不能为空", file=sys.stderr)
        return EXIT_USAGE
    why = refusal(root)
    if why:
        print(f"perfsite init: {why}", file=sys.stderr)
        return EXIT_FAILED
    wheel = Path(args.wheel) if args.wheel else installed_wheel()
    if args.wheel and (why := wrong_wheel(wheel)):
        print(f"perfsite init: {why}", file=sys.stderr)
        return EXIT_USAGE
    scaffold(root, title, wheel)
    if wheel is None:
        print(f"注意：找不到安装 perfsite 时所用的安装包，{root}/{WHEELHOUSE}/ 是空的。请把 perfsite-{__version__}-py3-none-any.whl "
              f"复制进去并提交（pip install -r requirements.txt 和自动构建从那里安装 perfsite），"
              "或删除新目录后用 perfsite init --wheel 安装包路径 重新创建", file=sys.stderr)
    print(f"已在 {root} 创建网站仓库。下一步：\n"
          f"  cd {root}\n"
          "  pip install -r requirements.txt                 # 装齐锁定的依赖，含全文检索 Pagefind\n"
          "  git init && git add -A && git commit -m 初始化   # 已公开的数字由 check --since 与已提交的版本比较\n"
          "  perfsite check data     # 检查数据\n"
          "  perfsite serve          # 本机预览\n"
          "  perfsite build          # 生成网站到 site/\n"
          "说明见 README.md；data/2024/shili/ 是虚构的示例项目，正式发布前请删除。")
    return EXIT_OK


COMMANDS = [("init", "新建一个本单位的网站仓库（设置、示例项目、自动构建与提交检查）；--update 更新已有的仓库", _args, cmd_init)]
