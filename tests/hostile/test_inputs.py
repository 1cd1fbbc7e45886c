"""Hostile sources and arguments: odd names, huge cells and lines, unreachable servers,
malformed identifiers."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import MARIA_URL, Store
from tests.hostile.conftest import as_json, assert_absent, one_line_error, pdscan

ODD_NAMES = ['x"; DROP TABLE people; --', "Bénéficiaires 名前", "select", "order by", "a.b"]


def _cfg(tmp_path: Path, store: Store) -> Path:
    cfg = tmp_path / "pdscan.toml"
    extra = f'schemas = ["{store.schema}"]\n' if store.dialect == "postgresql" else ""
    cfg.write_text(f'[sources.db]\nurl = "{store.url}"\n{extra}')
    return cfg


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_table_names(store: Store, tmp_path: Path, name: str) -> None:
    """Tables named with quotes and SQL, unicode, keywords or dots, on SQLite, PostgreSQL
    and MariaDB, beside an ordinary table. Expected: both scanned and indexed (the odd one's
    e-mails found), exit 0, every table of the store still there afterwards."""
    store.table(name, sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("mail", sa.String(80)),
                rows=[{"id": i, "mail": f"odd{i}@example.com"} for i in range(1, 21)])
    store.table("people", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("email", sa.String(80)),
                rows=[{"id": i, "email": f"p{i}@example.com"} for i in range(1, 21)])
    cfg = _cfg(tmp_path, store)
    proc = pdscan("scan", "-c", str(cfg), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    cols = {(f["collection"], f["column"]) for f in as_json(proc)["findings"]
            if f["category"] == "user.contact.email"}
    assert (store.collection(name), "mail") in cols and (store.collection("people"),
                                                          "email") in cols
    idx = pdscan("index", "-c", str(cfg), "--index", str(tmp_path / "i.db"))
    assert idx.returncode == 0, idx.stderr
    hit = pdscan("lookup", "--email", "odd7@example.com", "-c", str(cfg), "--index",
                 str(tmp_path / "i.db"), "--format", "json")
    assert hit.returncode == 0 and as_json(hit)["subjects"] == 1, hit.stderr
    assert {name, "people"} <= set(sa.inspect(store.engine).get_table_names(
        schema=store.schema if store.dialect == "postgresql" else None))


def test_huge_cell_null_column_no_key(store: Store, tmp_path: Path,
                                      request: pytest.FixtureRequest) -> None:
    """A table without any key holding a 50 MB text cell and a column NULL on every row,
    beside e-mails. Expected: scanned (e-mails found, the NULL column not a finding) and
    indexed, exit 0."""
    store.table("blobs", sa.Column("email", sa.String(80)), sa.Column("note", sa.Text),
                sa.Column("empty_col", sa.String(10)),
                rows=[{"email": f"b{i}@example.com", "note": None, "empty_col": None}
                      for i in range(1, 21)])
    big = "lorem ipsum " * (50 * 2**20 // 12)
    if store.dialect == "mariadb":
        store.run("ALTER TABLE blobs MODIFY note LONGTEXT")
        with store.engine.connect() as c:
            packet = c.execute(sa.text("SELECT @@GLOBAL.max_allowed_packet")).scalar_one()
        store.run("SET GLOBAL max_allowed_packet = 134217728")
        request.addfinalizer(lambda: store.run(f"SET GLOBAL max_allowed_packet = {packet}"))
        store.engine.dispose()  # the setting holds for new sessions
    with store.engine.begin() as c:
        c.execute(sa.text(f"INSERT INTO {store.qualified('blobs')} (email, note) "
                          "VALUES ('big@example.com', :n)"), {"n": big})
    cfg = _cfg(tmp_path, store)
    proc = pdscan("scan", "-c", str(cfg), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    found = {(f["column"], f["category"]) for f in as_json(proc)["findings"]}
    assert ("email", "user.contact.email") in found
    assert not any(col == "empty_col" for col, _ in found)
    idx = pdscan("index", "-c", str(cfg), "--index", str(tmp_path / "i.db"))
    assert idx.returncode == 0, idx.stderr


def test_single_200_mb_line(tmp_path: Path) -> None:
    """A CSV whose only data line is 200 MB (no line break), beside a good file.
    Expected: no crash and no traceback; the good file's e-mails found; the huge one read
    or reported alone."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.csv").write_text("email\n" + "".join(f"g{i}@example.com\n"
                                                         for i in range(20)))
    with (folder / "huge.csv").open("wb") as f:
        f.write(b"note\n")
        chunk = b"x" * 2**20
        for _ in range(200):
            f.write(chunk)
    proc = pdscan("scan", str(folder), "--format", "json")
    doc = as_json(proc)
    assert any(f["collection"] == "good.csv" for f in doc["findings"])
    assert {e["member"] for e in doc["errors"]} <= {"huge.csv"}
    assert proc.returncode == (3 if doc["errors"] else 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("url", [
    "postgresql://pdscan:s3cr3tpw@127.0.0.1:{port}/x",
    "mysql://root:s3cr3tpw@127.0.0.1:{port}/x",
    "postgresql://pdscan:s3cr3tpw@unresolvable.invalid:5432/x",
])
def test_unreachable_server(tmp_path: Path, url: str) -> None:
    """A source on a closed port or an unresolvable host, beside a readable folder.
    Expected: one error line naming the source, password never shown, the folder still
    scanned, exit 3."""
    url = url.format(port=_free_port())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.csv").write_text("email\n" + "".join(f"a{i}@example.com\n" for i in range(9)))
    cfg = tmp_path / "pdscan.toml"
    cfg.write_text(f'[sources.down]\nurl = "{url}"\n[sources.files]\nurl = "{folder}"\n')
    proc = pdscan("scan", "-c", str(cfg), "--format", "json")
    assert proc.returncode == 3
    doc = as_json(proc)
    assert [e["source"] for e in doc["errors"]] == ["down"]
    assert any(f["source"] == "files" for f in doc["findings"])
    one_line_error(proc, "down")
    assert_absent(["s3cr3tpw"], proc.stdout, proc.stderr)


def test_wrong_password(tmp_path: Path) -> None:
    """MariaDB with a wrong password. Expected: exit 3, one line naming the source, the
    password never printed."""
    base = MARIA_URL.replace("root@", "root:WrongPw123@", 1)
    proc = pdscan("scan", base, "--format", "json")
    assert proc.returncode == 3
    one_line_error(proc, "mysql://root:***@")
    assert_absent(["WrongPw123"], proc.stdout, proc.stderr)


@pytest.mark.parametrize("args", [
    ["--email", "not-an-email"],
    ["--email", ""],
    ["--phone", "call me maybe"],
    ["--phone", "+33 6 12"],
    ["--id", "no_equals_sign"],
    ["--id", "=42"],
])
def test_malformed_identifiers(tmp_path: Path, args: list[str]) -> None:
    """`lookup` and `export` with a malformed --email, --phone or --id. Expected: exit 2,
    one error line, no traceback, nothing written."""
    out = tmp_path / "out.zip"
    for cmd in (["lookup"], ["export", "--out", str(out)]):
        proc = pdscan(*cmd, *args, "--index", str(tmp_path / "none.db"))
        assert proc.returncode == 2, (cmd, args, proc.stderr)
        assert len([ln for ln in proc.stderr.splitlines() if "error" in ln.lower()]) == 1
    assert not out.exists()
