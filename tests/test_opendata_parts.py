"""perfsite.opendata.parts and the assembly in build.py: a programme's share of each /data/ file,
made apart from the others, joins into the same files as writing the tables whole would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.opendata.build import FolderSink, MemorySink, write_open_data
from perfsite.opendata.parts import (
    COLUMNS_OF,
    TABLES,
    Spool,
    encode_rows,
    inert_cell,
    programme_parts,
)
from perfsite.opendata.tables import indicator_rows
from perfsite.record import make_record


def test_parts_join_into_the_whole_table(core_data_tree: Path) -> None:
    data = load_dataset(core_data_tree)
    sink = MemorySink()
    write_open_data([programme_parts(make_record(sp), data.site) for sp in data.programmes], data.site, sink)
    ordered = sorted(data.programmes, key=lambda sp: (sp.programme.year, sp.programme.id))
    whole = io.StringIO(newline="")
    writer = csv.writer(whole, lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS_OF["indicators"]])
    for sp in ordered:
        for row in indicator_rows(make_record(sp)):
            writer.writerow([inert_cell(row[c.name]) if c.type == "string" else row[c.name]
                             for c in COLUMNS_OF["indicators"]])
    assert sink.files["data/indicators.csv"] == ("\ufeff" + whole.getvalue()).encode("utf-8")


def test_parts_order_does_not_matter(core_data_tree: Path) -> None:
    data = load_dataset(core_data_tree)
    parts = [programme_parts(make_record(sp), data.site) for sp in data.programmes]
    first, second = MemorySink(), MemorySink()
    write_open_data(parts, data.site, first)
    write_open_data(list(reversed(parts)), data.site, second)
    assert first.files == second.files


def test_folder_and_memory_sinks_write_the_same_files(core_data_tree: Path, tmp_path: Path) -> None:
    data = load_dataset(core_data_tree)
    parts = [programme_parts(make_record(sp), data.site) for sp in data.programmes]
    memory = MemorySink()
    write_open_data(parts, data.site, memory)
    write_open_data(parts, data.site, FolderSink(tmp_path / "site"))
    on_disk = {str(p.relative_to(tmp_path / "site")): p.read_bytes()
               for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert on_disk == memory.files


def test_a_part_carries_every_table_and_its_rows_carry_no_reference(core_data_tree: Path) -> None:
    data = load_dataset(core_data_tree)
    sp = data.programmes[0]
    part = programme_parts(make_record(sp), data.site)
    assert (part.year, part.id) == (sp.programme.year, sp.programme.id)
    *tables, raw = part.csv_and_json()
    assert len(tables) == len(TABLES) and len(part.sizes) == 2 * len(TABLES) + 1
    assert len(part.sheet_rows(1)) == len(sp.indicators)
    rows = [row for i in range(len(TABLES)) for row in part.sheet_rows(i)]
    assert rows and all(row.startswith(b"<row>") and b" r=" not in row for row in rows)
    document = json.loads(raw)
    assert document["url"] == sp.programme.url and "file" not in document
    assert sp.programme.url in part.feed_entry


def test_csv_rows_make_formula_text_inert_but_not_numbers() -> None:
    columns = COLUMNS_OF["indicators"]
    row = {c.name: "" for c in columns} | {"name": "=HYPERLINK(\"x\")", "weight": "-5.00", "remark": "+1+1"}
    line = next(csv.reader(io.StringIO(encode_rows(columns, [row])[0])))
    names = [c.name for c in columns]
    assert line[names.index("name")] == "'=HYPERLINK(\"x\")"
    assert line[names.index("remark")] == "'+1+1"
    assert line[names.index("weight")] == "-5.00"


def test_spooled_parts_give_the_same_files(core_data_tree: Path, tmp_path: Path) -> None:
    data = load_dataset(core_data_tree)
    in_memory, spooled = MemorySink(), MemorySink()
    write_open_data([programme_parts(make_record(sp), data.site) for sp in data.programmes], data.site, in_memory)
    spool = Spool(tmp_path / "worker.bin")
    parts = [programme_parts(make_record(sp), data.site, spool) for sp in data.programmes]
    spool.flush()
    assert all(p.spool and not p.blob for p in parts)
    assert (tmp_path / "worker.bin").stat().st_size == sum(sum(p.sizes) for p in parts)
    write_open_data(parts, data.site, spooled)
    assert in_memory.files == spooled.files
