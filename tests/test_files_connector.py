"""The files connector: every format, exact locators, compression, globs, errors, memory."""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pdscan_connectors.files import FilesConnector
from pdscan_connectors.files.formats import csv_format, json_format, text_format
from pdscan_connectors.files.formats.json_scan import NotRecords, iter_record_chunks

from pdscan.connector import Locator
from pdscan.errors import CollectionNotFound, SourceError, UsageError
from pdscan.registry import open_connector
from pdscan.testing import check_connector, check_sample_is_spread

ACCESS_LOG = (
    '203.0.113.9 - alice [10/Oct/2000:13:55:36 -0700] "GET /account?email=alice@example.com '
    'HTTP/1.1" 200 2326 "https://example.com/start" "Mozilla/5.0 (X11; Linux)"\n'
    '198.51.100.4 - - [10/Oct/2000:13:56:01 +0000] "POST /login HTTP/1.1" 302 - "-" "curl/8.0"\n'
    '\n'
    'this line is not a log entry\n'
    '192.0.2.1 - - [11/Oct/2000:08:00:00 +0200] "-" 408 0\n'
)


def open_files(path: Path | str, label: str = "files", **options: Any) -> FilesConnector:
    return FilesConnector.open(str(path), label, options)


def read_all(conn: FilesConnector, name: str, **kw: Any) -> tuple[list[dict], list[dict]]:
    rows: list[dict] = []
    locs: list[dict] = []
    for lb in conn.read(name, **kw):
        rows.extend(lb.batch.to_pylist())
        locs.extend(lb.locators.to_pylist())
    return rows, locs


def physical_line(path: Path, line: int, encoding: str = "utf-8") -> str:
    return path.read_text(encoding=encoding).split("\n")[line - 1]


def write_parquet(path: Path, n: int = 20, row_group_size: int = 6) -> None:
    table = pa.table({
        "id": pa.array(range(n), pa.int64()),
        "email": [f"user{i}@example.com" for i in range(n)],
        "address": pa.array([{"city": f"City {i}", "geo": {"lat": i / 10}} for i in range(n)]),
        "tags": [[f"t{i}"] for i in range(n)],
    })
    pq.write_table(table, path, row_group_size=row_group_size)


def write_xlsx(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(["name", "email", "born", "visits"])
    ws.append(["Zoé Durand", "zoe@example.fr", dt.date(1990, 1, 2), 3])
    ws.append([])  # row 3 stays empty
    ws.append(["Bob Martin", "bob@example.org", dt.datetime(1985, 5, 6, 7, 8), 5])
    ws.append(["Ann Lee", "ann@example.com", None, 1])
    staff = wb.create_sheet("Staff")
    staff.append(["login", "phone"])
    staff.append(["jdoe", "+33 6 12 34 56 78"])
    wb.save(path)


def make_all_formats(folder: Path) -> None:
    """One small file per format, the shapes real exports come in."""
    (folder / "exports").mkdir(parents=True)
    (folder / "newsletter.csv").write_text(
        "name,email,note\nAnn,ann@example.com,\"line one\nline two\"\n\nBob,bob@example.org,ok\n"
        + "".join(f"User {i},user{i}@example.com,n{i}\n" for i in range(12)))
    (folder / "exports" / "clients.tsv").write_text(
        "nom\tcourriel\nZoé\tzoe@example.fr\nÉlodie\telodie@example.fr\n")
    (folder / "exports" / "legacy.csv").write_bytes(
        "nom;ville\nZoé;Orléans\nJérôme;Besançon\n".encode("cp1252"))
    (folder / "events.ndjson").write_text(
        '{"user": {"email": "a@example.com", "address": {"city": "Lyon"}}, "tags": ["x"]}\n\n'
        '{"user": {"email": "b@example.com", "address": {"city": null}}, "tags": []}\n'
        '{"user": {"email": "c@example.com"}, "n": 3}\n')
    (folder / "users.json").write_text(json.dumps(
        [{"id": i, "email": f"u{i}@example.com", "profile": {"phone": f"+3361234{i:04d}"}}
         for i in range(9)], indent=2))
    write_parquet(folder / "orders.parquet")
    write_xlsx(folder / "people.xlsx")
    (folder / "access.log").write_text(ACCESS_LOG)
    (folder / "notes.txt").write_text("call Ann on +44 20 7946 0958\n\nmail bob@example.org\n")
    with gzip.open(folder / "exports" / "old.csv.gz", "wt") as f:
        f.write("email\nold@example.com\nolder@example.com\n")
    (folder / "exports" / "archive.log.bz2").write_bytes(bz2.compress(ACCESS_LOG.encode()))
    with zipfile.ZipFile(folder / "bundle.zip", "w") as z:
        z.writestr("inner/contacts.csv", "email,phone\nx@example.com,0612345678\n")
        z.writestr("inner/readme.md", "# not a supported format\n")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n not supported")


@pytest.fixture
def all_formats(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    make_all_formats(folder)
    return folder


# -- the contract, over every format at once ---------------------------------------


def test_contract_over_every_format(all_formats: Path) -> None:
    with open_files(all_formats, "store") as conn:
        check_connector(conn)
        names = {c.name for c in conn.collections()}
    assert names == {
        "access.log", "bundle.zip/inner/contacts.csv", "events.ndjson",
        "exports/archive.log.bz2", "exports/clients.tsv", "exports/legacy.csv",
        "exports/old.csv.gz", "newsletter.csv", "notes.txt", "orders.parquet",
        "people.xlsx#Customers", "people.xlsx#Staff", "users.json",
    }


def test_collection_info(all_formats: Path) -> None:
    conn = open_files(all_formats, "store")
    infos = {c.name: c for c in conn.collections()}
    for info in infos.values():
        assert info.source == "store" and info.kind == "file" and info.weak_locator
        assert info.fingerprint["size"] > 0 and "mtime" in info.fingerprint
    assert infos["orders.parquet"].row_count == 20 and infos["orders.parquet"].row_count_exact
    assert infos["newsletter.csv"].row_count == 14  # small file: counted, blank line excluded
    assert [(c.name, c.type) for c in infos["orders.parquet"].columns] == [
        ("id", "integer"), ("email", "string"), ("address.city", "string"),
        ("address.geo.lat", "float"), ("tags", "list")]
    assert infos["bundle.zip/inner/contacts.csv"].fingerprint["crc32"]


# -- CSV -----------------------------------------------------------------------------


def test_csv_embedded_newline_and_blank_lines_give_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "\n"                                   # 1: blank line before the header
        "name,email,note\n"                    # 2: header
        'Ann,ann@example.com,"first\n'         # 3: record spanning lines 3-5
        "second\n"
        'third"\n'
        "\n"                                   # 6: blank line
        "Bob,bob@example.org,plain\n"          # 7
        "broken row\n"                         # 8: wrong field count, skipped
        '"Carl","carl@example.net","x\r\ny"\n'  # 9-10
        "Dee,dee@example.com,last")            # 11, no final newline
    conn = open_files(path)
    [info] = conn.collections()
    assert info.name == "people.csv"
    rows, locs = read_all(conn, "people.csv")
    assert [r["name"] for r in rows] == ["Ann", "Bob", "Carl", "Dee"]
    assert [loc["line"] for loc in locs] == [3, 7, 9, 11]
    assert rows[0]["note"] == "first\nsecond\nthird"
    for row, loc in zip(rows, locs, strict=True):
        assert physical_line(path, loc["line"]).lstrip('"').startswith(row["name"])
    fetched = conn.fetch("people.csv", [Locator.of({"path": "people.csv", "line": 9})])
    assert fetched.batch.to_pylist()[0]["email"] == "carl@example.net"


def test_csv_lines_stay_exact_across_parser_blocks(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_format, "CHUNK_BYTES", 256)
    lines = ["id,text"]
    for i in range(300):
        if i % 37 == 0:
            lines.append(f'{i},"wrapped\nvalue {i}"')
        elif i % 41 == 0:
            lines.append("")
        elif i % 53 == 0:
            lines.append(f"{i},too,many,fields")
        else:
            lines.append(f"{i},value {i}")
    path = tmp_path / "blocks.csv"
    path.write_text("\n".join(lines) + "\n")
    rows, locs = read_all(open_files(path), "blocks.csv", batch_size=7)
    physical = path.read_text().split("\n")
    assert len(rows) == 300 - len([i for i in range(300) if i % 37 and not i % 41]) - len(
        [i for i in range(300) if i % 37 and i % 41 and not i % 53])
    for row, loc in zip(rows, locs, strict=True):
        assert physical[loc["line"] - 1].startswith(f'{row["id"]},')


@pytest.mark.parametrize(("text", "delimiter"), [
    ("name\temail\nAnn\tann@example.com\n", "\t"),
    ("name;email\nAnn;ann@example.com\n", ";"),
    ("name|email\nAnn|ann@example.com\n", "|"),
])
def test_csv_dialects(tmp_path: Path, text: str, delimiter: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(text)
    rows, locs = read_all(open_files(path), "export.csv")
    assert rows == [{"name": "Ann", "email": "ann@example.com"}]
    assert locs == [{"path": "export.csv", "line": 2}]


def test_tsv_by_extension_and_delimiter_option(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("name\tnote\nAnn\thello, world; ok\n")
    (tmp_path / "b.csv").write_text("name#note\nAnn#x\n")
    conn = open_files(tmp_path, delimiter="#", include=["*.csv"])
    assert read_all(conn, "b.csv")[0] == [{"name": "Ann", "note": "x"}]
    rows, _ = read_all(open_files(tmp_path), "a.tsv")
    assert rows == [{"name": "Ann", "note": "hello, world; ok"}]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes("nom,ville\nZoé,Orléans\nJérôme,Besançon\n".encode(encoding))
    rows, locs = read_all(open_files(path), "clients.csv")
    assert rows == [{"nom": "Zoé", "ville": "Orléans"}, {"nom": "Jérôme", "ville": "Besançon"}]
    assert [loc["line"] for loc in locs] == [2, 3]


def test_csv_encoding_option_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("nom\nZoé\n".encode("cp1252"))
    assert read_all(open_files(path, encoding="latin-1"), "c.csv")[0] == [{"nom": "Zoé"}]


def test_csv_keeps_text_and_reports_types(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,phone,zip,price,active,born,seen,email\n"
                    "1,0612345678,01234,9.5,true,1990-01-02,2024-01-01T10:00:00,a@b.co\n"
                    "2,+33612345678,75001,10,false,1991-02-03,2024-01-02 11:00,c@d.co\n")
    conn = open_files(path)
    [info] = conn.collections()
    assert {c.name: c.type for c in info.columns} == {
        "id": "integer", "phone": "string", "zip": "string", "price": "float",
        "active": "boolean", "born": "date", "seen": "datetime", "email": "string"}
    rows, _ = read_all(conn, "t.csv")
    assert rows[0]["phone"] == "0612345678" and rows[0]["zip"] == "01234"


def test_csv_without_header(tmp_path: Path) -> None:
    path = tmp_path / "raw.csv"
    path.write_text("Ann,ann@example.com\nBob,bob@example.org\n")
    conn = open_files(path)
    assert [c.name for c in conn.collections()[0].columns] == ["column_1", "column_2"]
    rows, locs = read_all(conn, "raw.csv")
    assert rows[0] == {"column_1": "Ann", "column_2": "ann@example.com"}
    assert [loc["line"] for loc in locs] == [1, 2]
    forced = open_files(path, header=True)
    assert [c.name for c in forced.collections()[0].columns] == ["Ann", "ann@example.com"]


def test_csv_header_names_are_made_unique(tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_text("name,,name, e mail \nAnn,x,Ann B,ann@example.com\n")
    [info] = open_files(tmp_path).collections()
    assert [c.name for c in info.columns] == ["name", "column_2", "name_2", "e mail"]


def test_csv_encoding_is_corrected_after_the_first_block(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(b"email\n" + b"a@example.com\n" * 10_000 + "Zoé@example.fr\n".encode("cp1252"))
    rows, locs = read_all(open_files(path), "late.csv", batch_size=4096)
    assert len(rows) == 10_001 and rows[-1]["email"] == "Zoé@example.fr"
    assert locs[-1]["line"] == 10_002


def test_csv_record_larger_than_a_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_format, "CHUNK_BYTES", 1024)
    big = "x" * 5000 + "\n" + "y" * 5000
    path = tmp_path / "blob.csv"
    path.write_text("id,blob\n" + "".join(f"{i},v{i}\n" for i in range(100))
                    + f'100,"{big}"\n101,after\n')
    rows, locs = read_all(open_files(path), "blob.csv", batch_size=50)
    assert [r["id"] for r in rows] == [str(i) for i in range(102)]
    assert rows[100]["blob"] == big and [loc["line"] for loc in locs[-2:]] == [102, 104]


# -- JSON ----------------------------------------------------------------------------


def test_ndjson_nested_objects_and_blank_lines(all_formats: Path) -> None:
    conn = open_files(all_formats)
    rows, locs = read_all(conn, "events.ndjson", batch_size=2)
    assert [loc["line"] for loc in locs] == [1, 3, 4]
    assert rows[0] == {"user.email": "a@example.com", "user.address.city": "Lyon",
                       "tags": ["x"], "n": None}
    assert rows[2]["user.email"] == "c@example.com" and rows[2]["n"] == 3
    info = next(c for c in conn.collections() if c.name == "events.ndjson")
    assert {c.name: c.type for c in info.columns}["tags"] == "list"
    projected = next(conn.read("events.ndjson", columns=["n", "user.email"]))
    assert projected.batch.schema.names == ["n", "user.email"]


def test_ndjson_lines_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_format, "CHUNK_BYTES", 100)
    text = "".join(f'{{"i": {i}, "s": "x{i}"}}\n' + ("\n  \n" if i % 7 == 0 else "")
                   for i in range(200))
    path = tmp_path / "e.jsonl"
    path.write_text(text)
    rows, locs = read_all(open_files(path), "e.jsonl", batch_size=9)
    physical = text.split("\n")
    assert [r["i"] for r in rows] == list(range(200))
    for row, loc in zip(rows, locs, strict=True):
        assert json.loads(physical[loc["line"] - 1])["i"] == row["i"]


def test_json_array_and_wrapped_array(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('[{"id": 1, "u": {"email": "a@x.io"}}, {"id": 2}]')
    (tmp_path / "w.json").write_text(json.dumps({
        "meta": {"tags": ["not", "records"], "count": 2},
        "users": [{"email": "b@x.io"}, {"email": "c@x.io"}], "after": [{"x": 1}]}))
    (tmp_path / "one.json").write_text('{"email": "solo@x.io", "scores": [1, 2]}')
    (tmp_path / "lines.json").write_text('{"email": "l1@x.io"}\n{"email": "l2@x.io"}\n')
    (tmp_path / "empty.json").write_text("[]")
    conn = open_files(tmp_path)
    rows, locs = read_all(conn, "a.json")
    assert rows == [{"id": 1, "u.email": "a@x.io"}, {"id": 2, "u.email": None}]
    assert locs == [{"path": "a.json", "record": 0}, {"path": "a.json", "record": 1}]
    assert read_all(conn, "w.json")[0] == [{"email": "b@x.io"}, {"email": "c@x.io"}]
    assert read_all(conn, "one.json") == (
        [{"email": "solo@x.io", "scores": [1, 2]}], [{"path": "one.json", "record": 0}])
    assert read_all(conn, "lines.json")[1] == [{"path": "lines.json", "line": 1},
                                               {"path": "lines.json", "line": 2}]
    assert read_all(conn, "empty.json") == ([], [])


def test_json_scanner_handles_any_chunk_boundary() -> None:
    records = [{"s": 'quote " and \\ backslash', "t": "brackets ] } [ {, commas"},
               {"n": [1, [2, 3]], "o": {"k": "\\\\\""}}, {"e": ""}, {"u": "é\u2028"}]
    doc = json.dumps({"meta": ["a", "b"], "data": records}, ensure_ascii=False).encode()
    for size in (1, 2, 3, 5, 8, 13, len(doc)):
        blocks = [doc[i:i + size] for i in range(0, len(doc), size)]
        text = b"".join(iter_record_chunks(blocks)).decode()
        decoder, got, i = json.JSONDecoder(), [], 0
        while text[i:].strip():
            i += len(text[i:]) - len(text[i:].lstrip())
            obj, i = decoder.raw_decode(text, i)
            got.append(obj)
        assert got == records, size
    with pytest.raises(NotRecords):
        list(iter_record_chunks([b"[1, 2, 3]"]))
    with pytest.raises(NotRecords):
        list(iter_record_chunks([b'[{"a": 1}, {"a"']))


# -- Parquet and Excel -----------------------------------------------------------------


def test_parquet_records_projection_and_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "big.parquet"
    write_parquet(path, n=3000, row_group_size=250)
    conn = open_files(path)
    rows, locs = read_all(conn, "big.parquet", columns=["address.city", "id"], batch_size=1000)
    assert len(rows) == 3000 and set(rows[0]) == {"address.city", "id"}
    assert all(loc["record"] == row["id"] for row, loc in zip(rows, locs, strict=True))
    check_sample_is_spread(conn, "big.parquet", 50)
    sample = conn.sample("big.parquet", 50, seed=5)
    assert len({loc["record"] // 250 for loc in sample.locators.to_pylist()}) > 1
    got = conn.fetch("big.parquet", [Locator.of({"path": "big.parquet", "record": 2999}),
                                     Locator.of({"path": "other.parquet", "record": 1})])
    assert got.batch.to_pylist()[0]["email"] == "user2999@example.com" and got.num_rows == 1


def test_xlsx_sheets_rows_and_types(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "people.xlsx")
    conn = open_files(tmp_path)
    infos = {c.name: c for c in conn.collections()}
    assert set(infos) == {"people.xlsx#Customers", "people.xlsx#Staff"}
    assert {c.name: c.type for c in infos["people.xlsx#Customers"].columns} == {
        "name": "string", "email": "string", "born": "datetime", "visits": "integer"}
    rows, locs = read_all(conn, "people.xlsx#Customers")
    assert [loc["row"] for loc in locs] == [2, 4, 5]
    assert locs[0] == {"path": "people.xlsx", "sheet": "Customers", "row": 2}
    assert rows[1]["email"] == "bob@example.org"
    fetched = conn.fetch("people.xlsx#Customers",
                         [Locator.of({"path": "people.xlsx", "sheet": "Customers", "row": 5}),
                          Locator.of({"path": "people.xlsx", "sheet": "Staff", "row": 2})])
    assert fetched.batch.to_pylist() == [rows[2]]


def test_xlsx_without_openpyxl_is_a_clear_source_error(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    write_xlsx(tmp_path / "people.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(SourceError, match=r"people\.xlsx: .*openpyxl"):
        open_files(tmp_path).collections()


# -- text and logs -----------------------------------------------------------------------


def test_access_log_is_parsed_into_columns(tmp_path: Path) -> None:
    path = tmp_path / "access.log.1"
    path.write_text(ACCESS_LOG)
    rows, locs = read_all(open_files(path), "access.log.1")
    assert [loc["line"] for loc in locs] == [1, 2, 4, 5]
    first = rows[0]
    assert first["remote_addr"] == "203.0.113.9" and first["remote_user"] == "alice"
    assert first["request"] == "GET /account?email=alice@example.com HTTP/1.1"
    assert first["status"] == 200
    assert first["http_user_agent"] == "Mozilla/5.0 (X11; Linux)" and first["ident"] is None
    assert first["time_local"] == dt.datetime(2000, 10, 10, 20, 55, 36, tzinfo=dt.UTC)
    assert rows[1]["body_bytes_sent"] is None and rows[1]["request"].startswith("POST ")
    assert rows[2]["line"] == "this line is not a log entry" and rows[2]["remote_addr"] is None
    assert rows[3]["status"] == 408 and rows[3]["request"] is None


def test_plain_text_one_record_per_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_format, "CHUNK_BYTES", 64)
    text = "".join(f"note {i}: call +33 6 00 00 00 {i:02d}\r\n" + ("\n" if i % 3 else "")
                   for i in range(40))
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode("cp1252"))
    rows, locs = read_all(open_files(path), "notes.txt", batch_size=6)
    physical = text.split("\n")
    assert len(rows) == 40
    for row, loc in zip(rows, locs, strict=True):
        assert physical[loc["line"] - 1] == row["line"] + "\r"


# -- compression, archives, globs, other filesystems ---------------------------------------


def test_gz_and_bz2_are_transparent(all_formats: Path) -> None:
    conn = open_files(all_formats)
    rows, locs = read_all(conn, "exports/old.csv.gz")
    assert rows == [{"email": "old@example.com"}, {"email": "older@example.com"}]
    assert locs[0] == {"path": "exports/old.csv.gz", "line": 2}
    rows, _ = read_all(conn, "exports/archive.log.bz2")
    assert rows[0]["remote_addr"] == "203.0.113.9"


def test_zip_members_are_collections(all_formats: Path) -> None:
    conn = open_files(all_formats / "bundle.zip")
    [info] = conn.collections()
    assert info.name == "bundle.zip/inner/contacts.csv"
    rows, locs = read_all(conn, info.name)
    assert rows == [{"email": "x@example.com", "phone": "0612345678"}]
    assert locs == [{"path": "bundle.zip/inner/contacts.csv", "line": 2}]


def test_include_exclude_and_max_files(all_formats: Path) -> None:
    def names(**options: Any) -> list[str]:
        return [c.name for c in open_files(all_formats, **options).collections()]

    assert names(include=["*.csv"]) == ["bundle.zip/inner/contacts.csv", "exports/legacy.csv",
                                        "newsletter.csv"]
    assert names(include=["exports/**"], exclude=["*.gz", "*.bz2"]) == [
        "exports/clients.tsv", "exports/legacy.csv"]
    assert names(include=["bundle.zip"]) == ["bundle.zip/inner/contacts.csv"]
    assert names(exclude=["**/*.zip", "exports", "exports/**", "*.xlsx"]) == [
        "access.log", "events.ndjson", "newsletter.csv", "notes.txt", "orders.parquet",
        "users.json"]
    assert len(names(max_files=3)) == 3


def test_lock_files_and_macos_clutter_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("email\na@example.com\n")
    (tmp_path / "~$book.xlsx").write_bytes(b"lock")
    (tmp_path / "._a.csv").write_bytes(b"\x00\x05\x16\x07")
    with zipfile.ZipFile(tmp_path / "mac.zip", "w") as z:
        z.writestr("b.csv", "email\nb@example.com\n")
        z.writestr("__MACOSX/._b.csv", b"\x00\x05\x16\x07")
    assert [c.name for c in open_files(tmp_path).collections()] == ["a.csv", "mac.zip/b.csv"]


def test_memory_filesystem_url() -> None:
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/pdscan-test/in/a.csv", b"email\nm@example.com\n")
    fs.pipe("/pdscan-test/in/b.ndjson", b'{"email": "n@example.com"}\n')
    try:
        conn = open_connector("memory://pdscan-test/in", "mem")
        check_connector(conn)
        assert [c.name for c in conn.collections()] == ["a.csv", "b.ndjson"]
    finally:
        fs.rm("/pdscan-test", recursive=True)


# -- sampling and streaming --------------------------------------------------------------


def test_samples_are_spread_over_large_files(tmp_path: Path) -> None:
    (tmp_path / "many.csv").write_text(
        "id,email\n" + "".join(f"{i},user{i}@example.com\n" for i in range(4000)))
    (tmp_path / "many.ndjson").write_text(
        "".join(json.dumps({"id": i, "email": f"u{i}@example.com"}) + "\n" for i in range(4000)))
    conn = open_files(tmp_path)
    for name in ("many.csv", "many.ndjson"):
        check_sample_is_spread(conn, name, 100)
        a, b = conn.sample(name, 100, seed=7), conn.sample(name, 100, seed=7)
        assert a.locators.to_pylist() == b.locators.to_pylist()  # seeded
        lines = [loc["line"] for loc in a.locators.to_pylist()]
        assert lines == sorted(lines) and max(lines) > 3000
        assert conn.sample(name, 10_000).num_rows == 4000


def current_rss() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def test_streaming_memory_stays_bounded(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    block = "".join(f"{i},user{i}@example.com,+33 6 12 34 {i % 100:02d} 00,Some City,"
                    f"a free text note about customer number {i}\n" for i in range(20_000))
    with path.open("w") as f:
        f.write("id,email,phone,city,note\n")
        for _ in range(110):  # ~220 MB, 2.2 M rows
            f.write(block)
    size = path.stat().st_size
    assert size > 100_000_000
    conn = open_files(path)
    arrow_before, rss_before = pa.total_allocated_bytes(), current_rss()
    arrow_peak = rss_peak = rows = last_line = 0
    for lb in conn.read("big.csv", batch_size=10_000):
        assert lb.num_rows <= 10_000
        arrow_peak = max(arrow_peak, pa.total_allocated_bytes() - arrow_before)
        if rss_before is not None:
            rss_peak = max(rss_peak, (current_rss() or 0) - rss_before)
        rows += lb.num_rows
        last_line = lb.locators.field("line")[-1].as_py()
    assert rows == 2_200_000 and last_line == 2_200_001
    # Arrow buffers stay at a few blocks; the process as a whole (pyarrow keeps
    # dozens of raw 1 MiB blocks read ahead) stays at a fixed fraction of the file.
    assert arrow_peak < 16 * 2**20
    assert rss_peak < 96 * 2**20 < size / 2


# -- errors --------------------------------------------------------------------------------


def test_missing_path_is_a_source_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(SourceError) as err:
        open_files(missing, "exports")
    assert str(err.value) == f"exports: no such file or directory: {missing}"


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("broken.parquet", b"PAR1 this is not parquet at all", "magic bytes"),
    ("broken.json", b'[{"email": "a@x.io"}, {"email": }]', "JSON parse error"),
    ("broken.csv.gz", gzip.compress(
        b"email\n" + b"".join(b"user%d@example.com\n" % i for i in range(500)))[:300], "end"),
    ("broken.xlsx", b"PK\x03\x04 not a workbook", ""),
])
def test_corrupt_files_give_one_line_source_errors(tmp_path: Path, name: str, content: bytes,
                                                   reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    conn = open_files(tmp_path, "vault")
    with pytest.raises(SourceError) as err:
        for info in conn.collections():
            for _ in conn.read(info.name):
                pass
    message = str(err.value)
    assert message.startswith(f"vault: {name}: ") and reason in message
    assert "\n" not in message and "Traceback" not in message


def test_unknown_collection_column_and_option(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("email\na@example.com\n")
    conn = open_files(tmp_path)
    with pytest.raises(CollectionNotFound):
        next(conn.read("b.csv"))
    with pytest.raises(SourceError, match="no column named 'phone'"):
        next(conn.read("a.csv", columns=["phone"]))
    with pytest.raises(UsageError, match="unknown option"):
        open_files(tmp_path, includes=["*.csv"])


def test_unsupported_single_file(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(SourceError, match=r"x\.docx: unsupported file type"):
        open_files(tmp_path / "x.docx")


def test_fetch_ignores_foreign_and_malformed_locators(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("email\na@example.com\nb@example.com\n")
    conn = open_files(tmp_path)
    got = conn.fetch("a.csv", [Locator.of({"path": "a.csv", "line": 3}),
                               Locator.of({"path": "b.csv", "line": 2}),
                               Locator.of({"path": "a.csv", "line": "2"}),
                               Locator.of({"path": "a.csv", "line": 99})])
    assert got.batch.to_pylist() == [{"email": "b@example.com"}]
    empty = conn.fetch("a.csv", [])
    assert empty.num_rows == 0 and empty.batch.schema.names == ["email"]


# -- the CLI -------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pdscan", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_inventory_lists_files(all_formats: Path) -> None:
    done = run_cli("inventory", str(all_formats), "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    names = {c["collection"] for c in doc["collections"]}
    assert {"newsletter.csv", "orders.parquet", "people.xlsx#Staff",
            "bundle.zip/inner/contacts.csv"} <= names
    assert doc["errors"] == []


def test_cli_inventory_missing_path_exits_3(tmp_path: Path) -> None:
    done = run_cli("inventory", str(tmp_path / "missing"), "--format", "json")
    assert done.returncode == 3
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "no such file or directory" in done.stderr and "Traceback" not in done.stderr
