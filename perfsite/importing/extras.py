"""Packages only some imports need (the `import` extra), loaded when a file needs them.

A bureau that publishes hand-checked YAML never reads a PDF or a finance-system export, so the
build's environment leaves them out: measured with du, the extra adds 217 MB (numpy and pandas
156 MB of it) to the 247 MB the build needs. A file that needs a missing one fails with what to
install, not a traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from perfsite.importing.sniff import ImportFailure

INSTALL = "pip install -r requirements-import.txt"
"""The pinned command: `perfsite init` writes requirements-import.txt (perfsite.scaffold) from the
extra's lock; pip install "perfsite[import]" would take each package's newest version instead."""
PURPOSE = {
    "pandas": ("pandas", "读取财务系统导出的成批表格"),
    "python_calamine": ("python-calamine", "读取财务系统导出的成批表格"),
    "pdfplumber": ("pdfplumber", "读取 PDF 报告"),
}
"""Module → (its package on PyPI, what it is needed for)."""


def optional(module: str) -> ModuleType:
    """`module`, or ImportFailure saying which package to install and how (online or from a wheelhouse)."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        top = module.split(".")[0]
        if exc.name != top or top not in PURPOSE:
            raise
        package, purpose = PURPOSE[top]
        raise ImportFailure(
            f"{purpose}需要 Python 包 {package}，当前环境未安装：请在网站仓库的根目录运行 {INSTALL}"
            f"（安装 perfsite 测试过的版本；仓库中还没有这个文件时先运行 perfsite init --update .）") from None
