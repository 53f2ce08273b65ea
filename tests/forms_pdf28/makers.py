"""PDF prints of real forms, as portals print them (tests/test_import_pdf28*.py).

Each maker writes a .docx that LibreOffice prints to the PDF of the same name here; SOURCES.md says what of each is
real and where it comes from.

Usage: ``python tests/forms_pdf28/makers.py OUT_DIR`` writes every file there; then
``soffice --headless --convert-to pdf --outdir OUT_DIR OUT_DIR/*.docx``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS))


def _pdf27() -> object:
    """tests/forms_pdf27/makers.py, loaded by its path: each round's makers module is named makers."""
    spec = importlib.util.spec_from_file_location("forms_pdf27_makers", TESTS / "forms_pdf27" / "makers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def large_docx(path: Path, *folders: str, points: int = 14) -> Path:
    return _pdf27().large_docx(path, *folders, points=points)  # type: ignore[attr-defined,no-any-return]


MAKERS: dict[str, Callable[[Path], Path]] = {
    "l18-large": lambda path: large_docx(path, "forms_layouts/l18-yuanzhou-shuiyuan-hanyanglin"),
}
"""Each PDF's name (without .pdf) and the maker of the file LibreOffice prints it from (SOURCES.md)."""


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, maker in MAKERS.items():
        print(maker(out / f"{name}.docx"))
