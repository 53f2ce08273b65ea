"""Hostile files for `perfsite import`: each ends with one Chinese message, within 60 s CPU and 1 GB.

Each file runs in a child process under RLIMIT_AS (1 GB) and RLIMIT_CPU (60 s): a reader that
unpacks a bomb or walks a 17-billion-cell merge is killed by the limit and the test fails; no
test here measures time. Every file is at most 10 MB.
"""

from __future__ import annotations

import io
import os
import random
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 1 << 30
CPU_SECONDS = 60
MAX_INPUT = 10_000_000


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_import(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "perfsite", "import", str(path), "--out", str(out)],
                          preexec_fn=_limits, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)


def sheet_xlsx(path: Path, edit: Callable[[str], str] | None = None, *, sheet: str | None = None) -> Path:
    """A small form made by openpyxl, then its sheet XML edited (or replaced) as an attacker would."""
    wb = Workbook()
    ws = wb.active
    ws.append(["示例项目2023年度绩效自评表"])
    ws.append(["三级指标", "分值", "目标值", "实际值", "得分"])
    ws.append(["培训人次", 100, "≥100人", "120人", 100])
    buffer = io.BytesIO()
    wb.save(buffer)
    _rewrite(buffer.getvalue(), path, "xl/worksheets/sheet1.xml", edit, sheet)
    return path


def _rewrite(package: bytes, path: Path, member: str, edit: Callable[[str], str] | None, text: str | None) -> None:
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == member:
                data = (text if text is not None else edit(data.decode()) if edit else data.decode()).encode()
            out.writestr(item.filename, data)


def _merge(ref: str, times: int = 1) -> Callable[[str], str]:
    cells = "".join(f'<mergeCell ref="{ref}"/>' for _ in range(times))
    return lambda xml: xml.replace("</sheetData>", f'</sheetData><mergeCells count="{times}">{cells}</mergeCells>')


def _rows(body: str) -> str:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>{body}</sheetData></worksheet>'


def huge_merge(p: Path) -> Path:
    return sheet_xlsx(p / "merge.xlsx", _merge("A1:XFD1048576"))


def lying_dimension(p: Path) -> Path:
    def lie(xml: str) -> str:
        assert '<dimension ref="A1:E3"/>' in xml
        return xml.replace('<dimension ref="A1:E3"/>', '<dimension ref="A1:XFD1048576"/>')
    return sheet_xlsx(p / "dimension.xlsx", lie)


def far_cell(p: Path) -> Path:
    return sheet_xlsx(p / "far.xlsx", lambda x: x.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))


def wide_row(p: Path) -> Path:
    cells = "".join(f"<c><v>{i}</v></c>" for i in range(200_000))
    return sheet_xlsx(p / "wide.xlsx", sheet=_rows(f'<row r="1">{cells}</row>'))


def overlapping_merges(p: Path) -> Path:
    return sheet_xlsx(p / "overlap.xlsx", _merge("A1:E3", 2))


def zip_bomb(p: Path) -> Path:
    path = p / "bomb.xlsx"
    sheet_xlsx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet2.xml", "w") as fh:
        for _ in range(300):
            fh.write(b" " * 1_000_000)
    return path


def many_members(p: Path) -> Path:
    path = sheet_xlsx(p / "members.xlsx")
    with zipfile.ZipFile(path, "a") as z:
        for i in range(10_001):
            z.writestr(f"xl/x{i}.xml", b"")
    return path


def _document(p: Path, name: str, paragraphs: Callable[[random.Random], str], megabytes: int) -> Path:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as src:
        xml = src.read("word/document.xml").decode()
    head, tail = xml.split("<w:body>")
    rnd = random.Random(1)
    body = io.StringIO()
    while body.tell() < megabytes * 1_000_000:  # characters: the UTF-8 is about 1.2 times as many bytes
        body.write(paragraphs(rnd))
    _rewrite(buffer.getvalue(), p / name, "word/document.xml", None, f"{head}<w:body>{body.getvalue()}{tail}")
    return p / name


def _paragraphs(rnd: random.Random) -> str:
    return "".join(f"<w:p><w:r><w:t>段落{rnd.randrange(10**9)}内容</w:t></w:r></w:p>" for _ in range(50))


def big_document(p: Path) -> Path:
    """54 MB of varied XML (ratio about 9, like real text) passes the ratio check, not the size check."""
    return _document(p, "big.docx", _paragraphs, 45)


def many_paragraphs(p: Path) -> Path:
    """A 38 MB document.xml of 500,000 paragraphs: python-docx took minutes on it before the cap."""
    return _document(p, "long.docx", _paragraphs, 32)


def huge_span(p: Path) -> Path:
    """A Word cell spanning a billion grid columns (Word's tables stop at 63)."""
    d = docx.Document()
    d.add_paragraph("示例项目2023年度绩效自评表")
    table = d.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, ["三级指标", "分值", "目标值", "实际值", "得分"], strict=True):
        cell.text = text
    for _ in range(300):
        table.rows[1]._tr.add_tc().grid_span = 1_000_000_000
    d.save(str(p / "span.docx"))
    return p / "span.docx"


def symlink_loop(p: Path) -> Path:
    (p / "a.docx").symlink_to(p / "b.docx")
    (p / "b.docx").symlink_to(p / "a.docx")
    return p / "a.docx"


def fifo(p: Path) -> Path:
    os.mkfifo(p / "form.xlsx")
    return p / "form.xlsx"


def dev_zero(p: Path) -> Path:
    (p / "form.csv").symlink_to("/dev/zero")
    return p / "form.csv"


def long_pdf(p: Path) -> Path:
    from PIL import Image

    pages = [Image.new("1", (8, 8)) for _ in range(301)]
    pages[0].save(p / "long.pdf", save_all=True, append_images=pages[1:])
    return p / "long.pdf"


def pdf_bomb(p: Path) -> Path:
    """A 1.5 MB PDF whose one content stream inflates to 1.5 GB of spaces.

    One 10 MB block is deflated once and repeated: a full flush ends it on a byte boundary with no
    back-references, so 150 copies are a valid zlib stream (0.7 CPU s; deflating 1.5 GB took 8.2)."""
    import zlib

    chunk = b" " * 10_000_000
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(150):
        adler = zlib.adler32(chunk, adler)
    stream = b"\x78\xda" + block * 150 + packer.flush() + adler.to_bytes(4, "big")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (len(stream), stream)]
    pdf, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%b\nendobj\n" % (n, body)
    xref = len(pdf)
    pdf += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    (p / "bomb.pdf").write_bytes(pdf)
    return p / "bomb.pdf"


def big_csv(p: Path) -> Path:
    (p / "big.csv").write_bytes(b"a," * 2_000_000)
    return p / "big.csv"


@pytest.mark.parametrize(("make", "message"), [
    (huge_merge, "没有找到绩效指标表"),  # A1 merged over the whole sheet hides every cell: nothing to import, quickly
    (lying_dimension, "已写出"),  # the declared dimension is ignored: the form imports
    (far_cell, "在 XFD1048576 还有内容"),
    (wide_row, "在 CW1 还有内容"),
    (overlapping_merges, "合并单元格互相重叠"),
    (zip_bomb, "压缩比异常"),
    (many_members, "个部件"),
    (big_document, "文字和表格部分解压后共"),
    (many_paragraphs, "Word 文档过长"),
    (huge_span, "超过 Word 表格的上限 63 列"),
    (symlink_loop, "符号链接形成循环"),
    (fifo, "不是普通文件"),
    (dev_zero, "不是普通文件"),
    (long_pdf, "超过一份自评报告的上限（300 页）"),
    (big_csv, "CSV 文件过大"),
    (pdf_bomb, "PDF 内容过大或过于复杂"),
], ids=lambda x: getattr(x, "__name__", ""))
def test_hostile_input_ends_with_a_message_within_limits(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    if path.is_file() and not path.is_symlink():
        assert path.stat().st_size <= MAX_INPUT, path.stat().st_size
    result = run_import(path, tmp_path / "out")
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])  # not killed by a limit
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert message in result.stdout, result.stdout


def test_a_folder_with_a_form_name_is_not_read_as_a_file(tmp_path: Path) -> None:
    """`perfsite import` searches folders for forms; the reader itself refuses a folder named form.docx."""
    from perfsite.importing.sniff import ImportFailure, sniff

    (tmp_path / "form.docx").mkdir()
    with pytest.raises(ImportFailure, match="不是普通文件，而是文件夹"):
        sniff(tmp_path / "form.docx")


def test_huge_merge_is_small_and_clipped(tmp_path: Path) -> None:
    """A 9 KB-class file whose one merge would be 17 billion cells reads as the used range only."""
    from perfsite.importing.xlsx_reader import read_xlsx

    path = sheet_xlsx(tmp_path / "m.xlsx", _merge("B2:XFD1048576"))
    assert path.stat().st_size < 10_000
    [grid] = read_xlsx(path)
    assert (len(grid.rows), grid.width) == (3, 5)
    assert [grid.cell(1, c).text for c in range(5)] == ["三级指标"] + ["分值"] * 4
    assert [grid.cell(1, c).merged for c in range(5)] == ["", "", "left", "left", "left"]
    assert [grid.cell(2, c).merged for c in range(5)] == ["", "above", "above", "above", "above"]
    assert grid.cell(2, 0).text == "培训人次" and grid.cell(0, 0).text == "示例项目2023年度绩效自评表"


def test_export_detection_never_hands_calamine_a_huge_rectangle(tmp_path: Path) -> None:
    """The export check reads the first rows with calamine, which allocates the whole used
    rectangle: a far cell must be refused before it gets there (the form path then reports it)."""
    from openpyxl import Workbook

    from perfsite.importing.bulk import check_extent, is_export
    from perfsite.importing.sniff import ImportFailure

    wb = Workbook()
    ws = wb.active
    for c, head in enumerate(["项目名称", "三级指标", "分值", "得分"], 1):
        ws.cell(1, c, head)
    ws["XFD1048576"] = "远处"
    path = tmp_path / "far.xlsx"
    wb.save(str(path))
    with pytest.raises(ImportFailure, match="范围过大"):
        check_extent(path)
    assert is_export(path) is False
