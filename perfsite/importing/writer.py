"""Write a programme file that reads back exactly as meant, atomically, never over a file by accident.

We emit YAML ourselves (not yaml.dump) to keep comments, the contract's key order, numbers as
their published text (``3.00`` stays ``3.00``) and quotes where YAML would misread a value
(``-5%``, ``*``, ``>=95%``, ``yes``, ``1:20``). Every text is loaded back with the core's loader
and compared before anything is written.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfsite.failures import OS_ADVICE
from perfsite.markup import one_line, visible
from perfsite.safefile import os_reason, write_beside
from perfsite.yamlload import CONTROL, MAX_BYTES, YAML11_FLAGS, Loaded, control_message, load_yaml_text

DEFAULT_FOLDER = "imported"
"""The folder under <数据目录>/<年度>/ that imported files are written to unless `--folder` names another."""
Comments = dict[tuple[object, ...], list[str]]
Path_ = tuple[object, ...]

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_INDICATORS = ("indicators",)
_BLOCK_LISTS = (_INDICATORS, ("findings",))
"""Lists of mappings written one key a line (an indicator, a 整改's finding)."""
_ROW_LISTS = ("measures", "application")
"""Lists of mappings written one flow mapping a line, each under its own comments (a 整改's measures
and 结果应用, as the hand-written files have them)."""
_ALWAYS_QUOTED = {"target", "actual", "completion"}
_FLOW_SAFE = re.compile(r"[\w\u3000-\u303f\u3400-\u9fff\uff00-\uffef%.·／/、（）()“”‘’≥≤＞＜+]+")
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
                            "|[\u2028\u2029]")


class Num(str):
    """A figure as published (``4700.90``, ``3.00``): written plain when YAML reads it as that number."""

    __slots__ = ()


class WriteRefused(Exception):
    """The output exists (no --force) or could not be written; the message is for the clerk."""


# --------------------------------------------------------------------------- scalars

def quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON escapes are YAML escapes; non-printables escaped too)."""
    body = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}" if ord(m[0]) < 0x10000 else m[0], body)


@functools.lru_cache(maxsize=1 << 16)
def plain_ok(text: str, flow: bool = False) -> bool:
    """Whether `text` may be written unquoted and still read back as this very string.

    Cached: an export's programmes repeat most texts (levels, units, 是/否, targets), and this
    test is a third of rendering a programme."""
    if not text or text != text.strip() or _NOT_PRINTABLE.search(text) or "\n" in text or "\t" in text:
        return False
    if flow and not _FLOW_SAFE.fullmatch(text):
        return False
    if text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text or text.endswith(":") or text in YAML11_FLAGS:
        return False
    return _reads_as_itself(text, flow)


def _reads_as_itself(text: str, flow: bool) -> bool:
    """Ask the core's own loader (it reads plain scalars itself: 1.5e3 is a number there, yes a boolean)."""
    loaded = load_yaml_text(f"k: {{a: {text}}}\n" if flow else f"k: {text}\n")
    return not loaded.problems and loaded.data == ({"k": {"a": text}} if flow else {"k": text})


def key_text(key: object, flow: bool = False) -> str:
    """A mapping key: like a value, and never the merge key ``<<``."""
    text = scalar(key, flow=flow)
    return quoted(str(key)) if text == "<<" else text


def scalar(value: object, key: object = None, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Num):
        return str(value) if _PLAIN_NUMBER.fullmatch(value) else quoted(str(value))
    if isinstance(value, int | Decimal):
        return f"{value:f}" if isinstance(value, Decimal) else str(value)
    text = str(value)
    if key in _ALWAYS_QUOTED:
        return quoted(text)
    return text if plain_ok(text, flow) else quoted(text)


def _literal(text: str, indent: int) -> str:
    lines = text.split("\n")
    if (not text.strip() or _NOT_PRINTABLE.search(text) or "\r" in text or "\t" in text or text[0] in " \n"
            or text.endswith("\n")
            or any(line != line.rstrip() for line in lines)):
        return quoted(text)
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in lines)


# --------------------------------------------------------------------------- documents

def flow(value: object, key: object = None) -> str:
    """`value` as one line of YAML flow style (``{type: deduct, per: 0.5, count: 3}``), quoted
    where the core's loader would misread a text: how `rule:` and the CSV 规则 cell are written."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_text(k, flow=True)}: {flow(v, k)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, key, flow=True)


def _is_flow(path: Path_) -> bool:
    return (path in {("groups",), ("reported",), ("funds",)} or (len(path) == 2 and path[0] == "budget")
            or (bool(path) and path[-1] == "rule"))


def dump(data: dict[str, object], comments: Comments | None = None, header: list[str] | None = None) -> str:
    """The YAML text of a programme, with `comments` placed above the keys they explain; a
    comment's line breaks and control characters (a file name's) shown as marks (`one_line`)."""
    comments = comments or {}
    out: list[str] = [f"# {one_line(line)}" if line else "#" for line in header or []]
    for key, value in clean(data).items():
        if isinstance(value, dict | list) and key != "groups" and out and not out[-1].startswith("#"):
            out.append("")  # a blank line before each block, as the hand-written files have
        _emit(out, (key,), value, 0, comments)
    return "\n".join(out) + "\n"


def _comment(out: list[str], path: Path_, indent: int, comments: Comments) -> None:
    for line in comments.get(path, []):
        out.append(" " * indent + "# " + one_line(line))


def _emit(out: list[str], path: Path_, value: object, indent: int, comments: Comments, prefix: str = "") -> None:
    pad = " " * indent
    key = path[-1]
    lead = prefix or pad
    _comment(out, path, indent, comments)
    if isinstance(value, dict) and not _is_flow(path):
        out.append(f"{lead}{key_text(key)}:")
        for sub, item in value.items():
            if path == ("sections",):
                _comment(out, (*path, sub), indent + 2, comments)
                out.append(f"{pad}  {key_text(sub)}: {_literal(str(item), indent + 4)}")
            else:
                _emit(out, (*path, sub), item, indent + 2, comments)
        return
    if isinstance(value, list) and key in _ROW_LISTS and value and all(isinstance(v, dict) for v in value):
        out.append(f"{lead}{key_text(key)}:")
        for index, item in enumerate(value):
            _comment(out, (*path, index), indent + 2, comments)
            out.append(f"{pad}  - {flow(item)}")
        return
    if isinstance(value, list) and path in _BLOCK_LISTS and all(isinstance(v, dict) for v in value):  # a report's findings are texts
        out.append(f"{lead}{key_text(key)}:")
        for index, item in enumerate(value):
            first = True
            for sub, cell in item.items():
                _emit(out, (*path, index, sub), cell, indent + 4, comments,
                      prefix=f"{pad}  - " if first else "")
                first = False
        return
    if isinstance(value, dict | list):
        out.append(f"{lead}{key_text(key)}: {flow(value, key)}")
        return
    out.append(f"{lead}{key_text(key)}: {scalar(value, key)}")


def clean(value: object) -> object:
    """Invisible control characters (backspace, ESC … from Word or Excel) dropped: the core refuses them.
    Direction controls (U+202E, U+2066 …) are written as the visible mark the core's loader turns them
    into (``[U+2066]``), in keys as in values: the file a clerk reviews shows what the site will show,
    and it reads back as written."""
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, Num):
        return Num(visible(CONTROL.sub("", value)))
    if isinstance(value, str):
        return visible(CONTROL.sub("", value))
    return value


def expected(value: object) -> object:
    """What the core loader must give back for `value` (as `dump` writes it: cleaned)."""
    return _as_loaded(clean(value))


def _as_loaded(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _as_loaded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_loaded(v) for v in value]
    if isinstance(value, Num):
        return Decimal(value) if _PLAIN_NUMBER.fullmatch(value) else str(value)
    return value


def verify(text: str, data: dict[str, object], file: str | Path = "") -> Loaded:
    """The text read back by the core's loader; refused when it reads back differently, or not at
    all, naming `file` (the file it would have been) and what failed: the key whose value came back
    otherwise, the loader's own words and line, or the size past what the core reads
    (`MAX_BYTES`). None of these is the clerk's doing; the message is what the maintainer needs.
    The caller checks the programme from this same reading."""
    name = one_line(str(file)) if file else "导入结果"
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise WriteRefused(f"{name}：生成的 YAML 有 {size} 字节，超过网站读取数据文件的上限 {MAX_BYTES} 字节，"
                           "写出后 perfsite check 和 build 也读不进去，未写出文件：请把原件拆成几个文件（每个项目一个）再导入")
    if (found := _unwritable(expected(data))) is not None:
        where, message = found
        raise WriteRefused(f"{name}：原件的{where}{message.removesuffix('，请改正后再提交')}，"
                           "网站不收这样的数字，未写出文件：请在原件中改正后再导入")
    loaded = load_yaml_text(text, name)
    if loaded.problems:
        detail = "；".join((f"第 {p.line} 行：" if p.line else "") + p.message for p in loaded.problems[:3])
        raise WriteRefused(f"{name}：生成的 YAML 读回时出错（{detail}），未写出文件：这是导入程序的问题，"
                           "请把原件和这条提示发给系统维护人员")
    if (where := _difference(loaded.data, expected(data))) is not None:
        raise WriteRefused(f"{name}：生成的 YAML 读回的内容与导入的不同（{where}），未写出文件：这是导入程序的问题，"
                           "请把原件和这条提示发给系统维护人员")
    return loaded


def _unwritable(value: object, path: str = "") -> tuple[str, str] | None:
    """(where, what) of the first text the core's loader refuses for what it holds, not for how it is
    written: a digit of another script (yamlload.control_message; Bengali ৭ reads 7 and looks like 9,
    mathematical 𝟎 is 0), taken from the form as printed. Controls are dropped by `clean` before
    this. The clerk is told which text of the original to correct; that is no fault of the writer."""
    if isinstance(value, str):
        message = control_message(value)
        return (f"「{path.rstrip('.') or '文字'}」", message) if message else None
    if isinstance(value, dict):
        for key, item in value.items():
            if (message := control_message(str(key))) is not None:
                return f"「{path}{one_line(str(key))[:40]}」这个标题", message
            if (found := _unwritable(item, f"{path}{key}.")) is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            if (found := _unwritable(item, f"{path.rstrip('.')}[{index + 1}].")) is not None:
                return found
    return None


def _difference(read: object, meant: object, path: str = "") -> str | None:
    """Where `read` (the loader's) first differs from `meant`, and how: 「name：应为「1」，读回的是1」;
    None where they are equal."""
    if read == meant:
        return None
    if isinstance(read, dict) and isinstance(meant, dict):
        for key in [*meant, *(k for k in read if k not in meant)]:
            if key not in read or key not in meant:
                return f"{path}{key}：{'读回时没有这个键' if key not in read else '读回时多了这个键'}"
            if (found := _difference(read[key], meant[key], f"{path}{key}.")) is not None:
                return found
    if isinstance(read, list) and isinstance(meant, list) and len(read) == len(meant):
        for index, (one, other) in enumerate(zip(read, meant, strict=True)):
            if (found := _difference(one, other, f"{path.rstrip('.')}[{index + 1}].")) is not None:
                return found
    where = path.rstrip(".") or "整个文件"
    return one_line(f"{where}：应为{_shown(meant)}，读回的是{_shown(read)}")


def _shown(value: object) -> str:
    """A value for the message: a text quoted (「1」, told from the number 1), cut to 40 characters."""
    return f"「{value[:40]}」" if isinstance(value, str) else str(value)[:40]


# --------------------------------------------------------------------------- CSV and files

def indicators_csv(rows: list[dict[str, object]], headers: dict[str, str]) -> str:
    """The indicator table as UTF-8 CSV with a BOM (Excel opens it correctly), Chinese headers."""
    keys = [k for k in headers if any(k in row for row in rows)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([headers[k] for k in keys])
    for row in rows:
        writer.writerow([_csv_cell(row.get(k)) for k in keys])
    return "\ufeff" + buffer.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return flow(value)
    return str(value)


def write_files(files: dict[Path, str], force: bool, remove: list[Path] | None = None) -> None:
    """Write all files or none (see `WriteBatch`); without `force` an existing target is refused
    and left untouched."""
    batch = WriteBatch()
    batch.stage(files, force, remove)
    failed = batch.commit()
    if failed:
        raise WriteRefused(failed[0])


@dataclass
class _Staged:
    temps: list[tuple[str, Path]]
    """(temp file, its target) of one programme, written but not yet renamed."""
    remove: list[Path]


@dataclass
class WriteBatch:
    """Many programmes' files written together, none ever half-written, before or after a crash.

    Each file is written as a temp file beside its target; at `commit` the data of all of them is
    made durable with one sync of the file system, then each is renamed over its target, then each
    folder is synced once. An fsync per file cost 4 ms here (500 small files: 2.1–2.8 s), one
    syncfs for the same 500 files 0.2–1.2 s. Where syncfs is missing (not Linux) each temp file is
    fsynced instead.
    """

    staged: list[_Staged] = field(default_factory=list)

    def stage(self, files: dict[Path, str] | dict[Path, str | bytes], force: bool, remove: list[Path] | None = None) -> int:
        """Write one programme's temp files; its index for `commit`'s failures. WriteRefused (and
        nothing left behind) when a target exists without `force` or a file cannot be written."""
        if not force:
            existing = [p for p in files if p.exists()]
            if existing:
                raise WriteRefused(f"{existing[0]} 已存在，未覆盖（确需覆盖请加 --force）")
        temps: list[tuple[str, Path]] = []
        try:
            for target, text in files.items():
                target.parent.mkdir(parents=True, exist_ok=True)
                # a report's original is copied byte for byte; text is written as UTF-8, its line ends as they are
                temps.append((write_beside(target, text if isinstance(text, bytes) else text.encode("utf-8")), target))
        except OSError as exc:
            _unlink(temp for temp, _ in temps)
            raise WriteRefused(cannot_write(target, exc)) from exc
        except BaseException:  # Ctrl-C between two files of a programme: neither left beside its target
            _unlink(temp for temp, _ in temps)
            raise
        self.staged.append(_Staged(temps, list(remove or [])))
        return len(self.staged) - 1

    def commit(self) -> dict[int, str]:
        """Sync, rename and sync the folders; the message of each staged programme that failed. Ctrl-C
        on the way leaves each target as it was or whole, and no temp file beside it."""
        try:
            return self._commit()
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Remove the temp files of every programme staged and not yet renamed (Ctrl-C mid-batch)."""
        _unlink(temp for item in self.staged for temp, _ in item.temps)  # those renamed are gone already
        self.staged = []

    def _commit(self) -> dict[int, str]:
        failed: dict[int, str] = {}
        try:
            _sync([temp for item in self.staged for temp, _ in item.temps])
        except OSError as exc:
            folder = self.staged[0].temps[0][1].parent if self.staged and self.staged[0].temps else Path()
            failed = dict.fromkeys(range(len(self.staged)), cannot_write(folder, exc))
            _unlink(temp for item in self.staged for temp, _ in item.temps)
            self.staged = []
            return failed
        folders: set[Path] = set()
        for index, item in enumerate(self.staged):
            try:
                for temp, target in item.temps:
                    os.replace(temp, target)
                    folders.add(target.parent)
                for stale in item.remove:
                    if stale.exists():
                        stale.unlink()
            except OSError as exc:
                _unlink(temp for temp, _ in item.temps)
                failed[index] = cannot_write(target, exc)
        for folder in sorted(folders):
            _fsync_folder(folder)
        self.staged = []
        return failed


def cannot_write(target: Path, exc: OSError) -> str:
    """Why `target` (or the folder it goes to) was not written, and what to do: the system's own
    words (「Permission denied」) are English."""
    advice = OS_ADVICE.get(exc.errno or 0) or f"{os_reason(exc)}：请确认数据目录可以写入、磁盘有空余后再导入"
    return f"无法写出文件 {target}：{advice}"


def _unlink(temps: Iterable[str]) -> None:
    for temp in temps:
        if os.path.exists(temp):
            os.unlink(temp)


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """libc's syncfs(fd), or None where there is none."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).syncfs  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def _sync(temps: list[str]) -> None:
    """Make the data of `temps` durable: one syncfs per file system they are on, else an fsync each."""
    syncfs = _syncfs()
    if syncfs is not None:
        one_each = {os.stat(temp).st_dev: temp for temp in temps}
        if all(_on_fd(temp, syncfs) == 0 for temp in one_each.values()):
            return
    for temp in temps:
        _on_fd(temp, os.fsync)


def _on_fd(path: str, call: Callable[[int], object]) -> object:
    fd = os.open(path, os.O_RDONLY)
    try:
        return call(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (not possible on every system: then skipped)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
