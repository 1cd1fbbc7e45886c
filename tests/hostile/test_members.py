"""One bad member (a file of a folder, a table of a schema) never sinks its source."""

from __future__ import annotations

import gzip
import io
import os
import random
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from tests.conftest import Store
from tests.hostile.conftest import as_json, assert_absent, one_line_error, pdscan

GOOD_EMAIL = "alice.martin@example.com"
#: personal values of the hostile members: never printed, whatever happens to them
HIDDEN = ["bob.stone@example.org", "Bob Stone", "+33 6 12 34 56 78"]


def _good(folder: Path) -> None:
    (folder / "good.csv").write_text(
        "email,name\n" + "".join(f"{GOOD_EMAIL.replace('alice', f'alice{i}')},Alice Martin\n"
                                 for i in range(20)), encoding="utf-8")


def _parquet_truncated(p: Path) -> None:
    buf = io.BytesIO()
    pq.write_table(pa.table({"email": ["bob.stone@example.org"] * 50}), buf)
    p.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])


def _gz_truncated(p: Path) -> None:
    data = gzip.compress(("email\n" + "bob.stone@example.org\n" * 2000).encode())
    p.write_bytes(data[: len(data) // 2])


def _symlink_loop(p: Path) -> None:
    a, b = p.parent / "loop_a.csv", p.parent / "loop_b.csv"
    os.symlink(b, a)
    os.symlink(a, b)


#: member name -> how to write it, and whether pdscan reads it (True), must report it
#: (False) or may do either (None: bytes that decode as some 8-bit text)
BAD: dict[str, tuple[Callable[[Path], object], bool | None]] = {
    "empty.csv": (lambda p: p.write_bytes(b""), True),
    "binary.csv": (lambda p: p.write_bytes(bytes(range(256)) * 40), None),
    "random.csv": (lambda p: p.write_bytes(random.Random(7).randbytes(5000)), None),
    "nul_bytes.csv": (lambda p: p.write_bytes(b"email\n" + b"\x00" * 5000), None),
    "ragged.csv": (lambda p: p.write_text(
        "email,name\nbob.stone@example.org,Bob Stone,extra,fields\nc@d.fr,C D\n"), True),
    "utf16.csv": (lambda p: p.write_bytes(
        "email,name\nbob.stone@example.org,Bob Stone\n".encode("utf-16")), True),
    "latin1.csv": (lambda p: p.write_bytes(
        "email,nom\nbob.stone@example.org,Bob Stoné\n".encode("latin-1")), True),
    "bad_line.ndjson": (lambda p: p.write_text(
        '{"email": "bob.stone@example.org"}\n{"email": Bob Stone +33 6 12 34 56 78\n'
        '{"email": "c@d.fr"}\n'), True),
    "not_json.ndjson": (lambda p: p.write_text("Bob Stone +33 6 12 34 56 78\n" * 3), True),
    "deep.json": (lambda p: p.write_text("[" * 10_000 + "]" * 10_000), False),
    "truncated.parquet": (_parquet_truncated, False),
    "truncated.csv.gz": (_gz_truncated, False),
    "dangling.csv": (lambda p: os.symlink(p.parent / "nowhere.csv", p), False),
    "loop_a.csv": (_symlink_loop, False),
    "fifo.csv": (lambda p: os.mkfifo(p), True),  # skipped with a warning, never waited on
}


@pytest.mark.parametrize("member", sorted(BAD))
def test_bad_file_in_a_folder(tmp_path: Path, member: str) -> None:
    """A folder holding good.csv and one hostile file (empty, binary, NUL bytes, ragged,
    UTF-16, Latin-1, a bad NDJSON line, 10k-deep JSON, truncated Parquet or gzip, a
    dangling symlink, a symlink loop, a FIFO) is scanned. Expected: good.csv's e-mails found; the
    hostile file read if it can be, else reported alone (member named, one line, exit 3);
    no traceback and no personal value in any output."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    write, readable = BAD[member]
    write(folder / member)
    proc = pdscan("scan", str(folder), "--format", "json")
    doc = as_json(proc)
    found = {(f["collection"], f["category"]) for f in doc["findings"]}
    assert ("good.csv", "user.contact.email") in found
    members = {e["member"] for e in doc["errors"]}
    if readable or (readable is None and not members):
        assert not members, doc["errors"]
        assert proc.returncode == 0, proc.stderr
    else:
        assert members and members <= {member, "loop_b.csv"}, doc["errors"]
        assert proc.returncode == 3
        one_line_error(proc, member if member != "loop_a.csv" else "loop_")
    assert_absent(HIDDEN, proc.stderr, " ".join(doc["warnings"]),
                  " ".join(e["message"] for e in doc["errors"]))


def test_bad_file_does_not_stop_the_index(tmp_path: Path) -> None:
    """`pdscan index` of a folder where one file is a dangling link, another truncated.
    Expected: exit 3 naming both; every good file indexed: its people are found by
    lookup."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    BAD["dangling.csv"][0](folder / "dangling.csv")
    _parquet_truncated(folder / "truncated.parquet")
    index = tmp_path / "idx.db"
    proc = pdscan("index", str(folder), "--index", str(index), "--format", "json")
    assert proc.returncode == 3, proc.stderr
    doc = as_json(proc)
    assert {e["member"] for e in doc["errors"]} == {"dangling.csv", "truncated.parquet"}
    hit = pdscan("lookup", "--email", GOOD_EMAIL.replace("alice", "alice3"),
                 "--index", str(index), "--format", "json")
    assert hit.returncode == 0, hit.stderr
    assert as_json(hit)["subjects"] == 1


def test_malformed_csv_warning_holds_no_personal_value(tmp_path: Path) -> None:
    """A CSV with rows of the wrong width (one holds an e-mail and a phone), scanned as
    a table and as JSON. Expected: the rows are skipped with one warning naming the file
    and the row, never their content, printed once and present in the JSON warnings."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    (folder / "ragged.csv").write_text(
        "email,name\nok@example.com,Ok\nbob.stone@example.org,Bob Stone,+33 6 12 34 56 78\n")
    table = pdscan("scan", str(folder))
    js = pdscan("scan", str(folder), "--format", "json")
    assert table.returncode == js.returncode == 0
    warned = [w for w in as_json(js)["warnings"] if "ragged.csv" in w]
    assert len(warned) == 1 and "malformed" in warned[0]
    assert table.stderr.count("ragged.csv") == 1, table.stderr
    assert_absent(HIDDEN, table.stdout, table.stderr, js.stdout, js.stderr)


def test_only_source_failed_is_not_reported_clean(tmp_path: Path) -> None:
    """`pdscan scan` of a path that does not exist, as a table. Expected: exit 3, one
    error line naming it, and never "No personal data found." alone."""
    proc = pdscan("scan", str(tmp_path / "missing"))
    assert proc.returncode == 3
    one_line_error(proc, "missing")
    assert "No personal data found." not in proc.stdout
    assert "could not be read" in proc.stdout


def test_file_changed_while_read(tmp_path: Path) -> None:
    """A file appended to while it is read whole (as `pdscan index` reads it), and one
    changed between the listing and the read. Expected: the first read fails with a
    one-line error naming the file ("changed while it was read"), never recorded as
    read; the second is read (one version of it)."""
    from pdscan.errors import SourceError
    from pdscan.registry import open_connector

    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    conn = open_connector(str(folder), "files")
    assert conn.collection_names() == ["good.csv"]
    batches = conn.read("good.csv", batch_size=5)
    next(batches)
    with (folder / "good.csv").open("a", encoding="utf-8") as f:
        f.write("late.person@example.com,Late Person\n" * 100)
    with pytest.raises(SourceError, match=r"good\.csv: changed while it was read"):
        for _ in batches:
            pass
    rows = sum(b.num_rows for b in conn.read("good.csv"))  # changed since the listing
    assert rows == 120


def _rows(store: Store) -> None:
    store.table("people", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("email", sa.String(100)),
                rows=[{"id": i, "email": f"p{i}@example.com"} for i in range(30)])
    store.table("payroll", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("email", sa.String(100)), sa.Column("iban", sa.String(40)),
                rows=[{"id": 1, "email": "bob.stone@example.org",
                       "iban": "FR1420041010050500013M02606"}])


def test_table_without_select_privilege(pg_schema: tuple[str, str], tmp_path: Path) -> None:
    """PostgreSQL: the user pdscan connects as may read `people` but not `payroll`.
    Expected: scan and index report payroll alone (member named, exit 3); people is
    scanned and indexed."""
    url, schema = pg_schema
    from tests.conftest import engine_for

    eng = engine_for(url)
    store = Store("postgresql", url, schema, eng)
    _rows(store)
    role = f"r_{schema}"
    with eng.begin() as c:
        c.execute(sa.text(f'CREATE ROLE "{role}" LOGIN'))
        c.execute(sa.text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        c.execute(sa.text(f'GRANT SELECT ON "{schema}".people TO "{role}"'))
    try:
        role_url = url.replace("postgres@", f"{role}@", 1)
        cfg = tmp_path / "pdscan.toml"
        cfg.write_text(f'[sources.db]\nurl = "{role_url}"\nschemas = ["{schema}"]\n')
        scan = pdscan("scan", "-c", str(cfg), "--format", "json")
        assert scan.returncode == 3, scan.stderr
        doc = as_json(scan)
        assert [e["member"] for e in doc["errors"]] == [f"{schema}.payroll"]
        assert any(f["collection"] == f"{schema}.people" for f in doc["findings"])
        one_line_error(scan, "payroll")
        idx = pdscan("index", "-c", str(cfg), "--index", str(tmp_path / "i.db"),
                     "--format", "json")
        assert idx.returncode == 3, idx.stderr
        assert [e["member"] for e in as_json(idx)["errors"]] == [f"{schema}.payroll"]
        hit = pdscan("lookup", "--email", "p7@example.com", "-c", str(cfg), "--index",
                     str(tmp_path / "i.db"), "--format", "json")
        assert hit.returncode == 0 and as_json(hit)["subjects"] == 1, hit.stderr
        assert_absent(["bob.stone@example.org", "FR1420041010050500013M02606"],
                      scan.stdout, scan.stderr, idx.stdout, idx.stderr)
    finally:
        with eng.begin() as c:
            c.execute(sa.text(f'DROP OWNED BY "{role}"'))
            c.execute(sa.text(f'DROP ROLE "{role}"'))
        eng.dispose()


def test_broken_view_among_tables(tmp_path: Path) -> None:
    """SQLite with views read (`include_views`): one view selects from a table that no
    longer exists. Expected: that view reported alone with its name (exit 3); the tables
    are scanned."""
    import sqlite3

    db = tmp_path / "s.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT)")
        c.executemany("INSERT INTO people VALUES (?, ?)",
                      [(i, f"p{i}@example.com") for i in range(30)])
        c.execute("CREATE VIEW broken AS SELECT * FROM gone")
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text(f'[sources.db]\nurl = "sqlite:///{db}"\ninclude_views = true\n')
    proc = pdscan("scan", "-c", str(cfg), "--format", "json")
    doc = as_json(proc)
    assert proc.returncode == 3, proc.stderr
    assert [e["member"] for e in doc["errors"]] == ["main.broken"]
    assert any(f["collection"] == "main.people" for f in doc["findings"])


def test_bad_files_among_many_scanned_by_worker_processes(tmp_path: Path) -> None:
    """A folder of 80 CSV files (scanned by worker processes) where one has malformed
    rows and one is a dangling link. Expected: the link reported alone with its member,
    the malformed rows' warning in the JSON once, every other file scanned, exit 3."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(78):
        (folder / f"f{i:02d}.csv").write_text(
            "email\n" + "".join(f"u{i}.{j}@example.com\n" for j in range(5)))
    (folder / "ragged.csv").write_text(
        "email,name\nok@example.com,Ok\nbob.stone@example.org,Bob Stone,+33 6 12 34 56 78\n")
    os.symlink(folder / "nowhere.csv", folder / "dangling.csv")
    proc = pdscan("scan", str(folder), "--format", "json")
    assert proc.returncode == 3, proc.stderr
    doc = as_json(proc)
    assert [e["member"] for e in doc["errors"]] == ["dangling.csv"]
    assert len([w for w in doc["warnings"] if "ragged.csv" in w]) == 1
    scanned = {f["collection"] for f in doc["findings"]}
    assert {f"f{i:02d}.csv" for i in range(78)} <= scanned
    assert_absent(HIDDEN, proc.stdout, proc.stderr)


def test_table_dropped_while_scanning(store: Store) -> None:
    """A table dropped after the schema was read, before its turn to be sampled (SQLite,
    PostgreSQL, MariaDB). Expected: that table reported alone, with its member; the tables
    before and after it scanned."""
    from pdscan.scan import scan

    for name in ("a_people", "b_gone", "c_more"):
        store.table(name, sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.String(80)),
                    rows=[{"id": i, "email": f"{name}{i}@example.com"} for i in range(1, 21)])
    dropped: list[str] = []

    def drop_after_first(label: str, info: object, total: int) -> None:
        if info is not None and not dropped:
            dropped.append(store.collection("b_gone"))
            store.run(f"DROP TABLE {store.qualified('b_gone')}")

    result = scan([store.spec()], jobs=1, use_ner=False, progress=drop_after_first)
    assert [e.member for e in result.errors] == dropped
    scanned = {f.collection for f in result.findings}
    assert {store.collection("a_people"), store.collection("c_more")} <= scanned
