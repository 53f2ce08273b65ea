"""Refuse what cannot be read before a library fails on it, with a message a clerk can act on.

Office writes a password-protected .docx/.xlsx as an OLE2 compound file (not a zip) holding an
``EncryptedPackage`` stream; an old .doc/.xls is OLE2 too. A file that is neither zip nor OLE2
is corrupt or mislabelled.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
MAX_BYTES = 50_000_000
KINDS = {".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv"}
OLD = {".doc": "Word 97-2003（.doc）", ".xls": "Excel 97-2003（.xls）", ".wps": "WPS 文字（.wps）",
       ".et": "WPS 表格（.et）"}


class ImportFailure(Exception):
    """A file that cannot be imported at all; the message is for the clerk (Chinese)."""


def sniff(path: Path) -> str:
    """The reader to use ('docx', 'xlsx' or 'csv'), or ImportFailure saying why none can."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFailure(f"无法读取文件：{exc.strerror or exc}") from exc
    if size == 0:
        raise ImportFailure("文件是空的（0 字节）")
    if size > MAX_BYTES:
        raise ImportFailure(f"文件过大（{size} 字节），不像一份自评报告，拒绝读取")
    if head == OLE2:
        if suffix in KINDS or _encrypted(path):
            # Office keeps the .docx/.xlsx name when it encrypts: the zip goes inside an OLE2 file.
            raise ImportFailure("文件设置了打开密码（已加密），无法读取：请在 Word/Excel 中打开，"
                                "「文件 → 信息 → 保护文档/工作簿 → 用密码进行加密」清空密码并保存后再导入"
                                "（若并未设密码，则是把 .doc/.xls 旧格式改了扩展名：请「另存为」.docx/.xlsx）")
        kind = OLD.get(suffix, "Office 97-2003 旧格式")
        raise ImportFailure(f"这是{kind}的旧二进制格式，无法直接读取：请在 Word/Excel/WPS 中「另存为」"
                            ".docx 或 .xlsx 后再导入")
    if suffix in OLD:
        raise ImportFailure(f"不支持{OLD[suffix]}文件：请另存为 .docx 或 .xlsx 后再导入")
    kind = KINDS.get(suffix)
    if kind is None:
        raise ImportFailure(f"不支持的文件类型「{path.suffix or '无扩展名'}」：只能导入 .docx、.xlsx 和 .csv")
    if kind == "csv":
        return kind
    if not zipfile.is_zipfile(path):
        what = "Word" if kind == "docx" else "Excel"
        raise ImportFailure(f"文件已损坏，或并不是真正的 {what} 文件（扩展名是 {suffix}，内容却不是）："
                            "请重新从原件导出或索取原文件")
    return kind


def _encrypted(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data
