"""The index schema, upgraded by an append-only list of migrations, and writing to it.
It holds keyed tokens and row locators, never raw values (see ``db.py`` for where)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pdscan.errors import ConfigError
from pdscan.index.db import ASIDE_PRAGMAS, IndexDb
from pdscan.index.pages import page_keys

if TYPE_CHECKING:
    import pyarrow as pa

    from pdscan.detect import Finding
    from pdscan.index.layout import IndexColumn

#: Append-only: an existing index applies the ones it has not seen yet.
MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE collections (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, name TEXT NOT NULL,
            is_person INTEGER NOT NULL DEFAULT 0, sealed INTEGER NOT NULL DEFAULT 0,
            fingerprint TEXT, rows INTEGER, indexed_at TEXT, UNIQUE (source, name));
        CREATE TABLE columns (
            id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL REFERENCES collections(id),
            name TEXT NOT NULL, category TEXT NOT NULL, kind TEXT NOT NULL,
            namespace TEXT NOT NULL DEFAULT '');
        CREATE TABLE rows (
            collection_id INTEGER NOT NULL, row INTEGER NOT NULL, locator BLOB NOT NULL,
            PRIMARY KEY (collection_id, row)) WITHOUT ROWID;
        CREATE TABLE postings (
            token BLOB NOT NULL, column_id INTEGER NOT NULL,
            collection_id INTEGER NOT NULL, row INTEGER NOT NULL,
            PRIMARY KEY (collection_id, row, column_id, token)) WITHOUT ROWID;
        CREATE TABLE links (
            id INTEGER PRIMARY KEY, from_collection INTEGER NOT NULL, from_columns TEXT NOT NULL,
            to_collection INTEGER NOT NULL, to_columns TEXT NOT NULL, kind TEXT NOT NULL,
            evidence TEXT NOT NULL);
        CREATE TABLE hubs (token BLOB NOT NULL, column_id INTEGER NOT NULL,
                           rows INTEGER NOT NULL, PRIMARY KEY (token, column_id));
    """),
    # A column inside a list of records (crm contacts): its values are several
    # people's, so lookup never expands from them.
    ("0002_list_columns", """
        ALTER TABLE columns ADD COLUMN in_list INTEGER NOT NULL DEFAULT 0
    """),
    # Created after the first bulk load: indexing a loaded table is ~3x faster
    # than loading an indexed one (PERFORMANCE-NOTES.md). Postings are stored in
    # row order (their primary key), which answers "the tokens of this row".
    ("0003_posting_indexes", """
        CREATE INDEX IF NOT EXISTS postings_token ON postings (token);
    """),
    # Postings packed per (token, column) and per block of rows (postings.py): one
    # B-tree entry per identifier instead of two per cell, 3x faster to build. The
    # cell-per-row tables cannot be converted in SQL, so an index made before
    # this is emptied: the next `pdscan index` re-reads every collection.
    ("0004_packed_postings", """
        DROP INDEX IF EXISTS postings_token;
        DROP TABLE postings;
        CREATE TABLE postings (
            token BLOB NOT NULL, column_id INTEGER NOT NULL, n INTEGER NOT NULL,
            rows BLOB NOT NULL, PRIMARY KEY (token, column_id)) WITHOUT ROWID;
        DROP TABLE rows;
        CREATE TABLE rows (
            collection_id INTEGER NOT NULL, block INTEGER NOT NULL, layer INTEGER NOT NULL,
            locators BLOB NOT NULL, tokens BLOB NOT NULL,
            PRIMARY KEY (collection_id, block, layer)) WITHOUT ROWID;
        DELETE FROM hubs;
        DELETE FROM links;
        DELETE FROM columns;
        DELETE FROM collections
    """),
    # Postings in pages: per column, one entry per bucket of tokens (postings.py)
    # instead of one per token, 6x fewer B-tree inserts in a build. Emptied as above.
    ("0005_posting_pages", """
        DROP TABLE postings;
        CREATE TABLE postings (
            key INTEGER PRIMARY KEY, tokens BLOB NOT NULL, counts BLOB NOT NULL,
            rows BLOB NOT NULL);
        ALTER TABLE columns ADD COLUMN bucket_bits INTEGER NOT NULL DEFAULT 0;
        DELETE FROM rows;
        DELETE FROM hubs;
        DELETE FROM links;
        DELETE FROM columns;
        DELETE FROM collections
    """),
    # The trusted path (issue 15): each source's identity (its URL without password)
    # beside its label; every personal column's category as decided at index time
    # (export reuses them); which source columns an indexed column reads; what a
    # collection's rows are (person, record, personal attribute, thing); whether an
    # inferred link is trusted. Locators that carry values are now sealed, so an
    # older index is emptied as above and rebuilt by the next `pdscan index`.
    ("0006_trusted_path", """
        CREATE TABLE sources (label TEXT PRIMARY KEY, identity TEXT NOT NULL);
        CREATE TABLE findings (
            collection_id INTEGER NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,
            rule TEXT NOT NULL, confidence REAL NOT NULL,
            PRIMARY KEY (collection_id, name, category));
        ALTER TABLE columns ADD COLUMN reads TEXT NOT NULL DEFAULT '';
        ALTER TABLE collections ADD COLUMN kind TEXT NOT NULL DEFAULT '';
        ALTER TABLE links ADD COLUMN trusted INTEGER NOT NULL DEFAULT 1;
        DELETE FROM postings;
        DELETE FROM rows;
        DELETE FROM hubs;
        DELETE FROM links;
        DELETE FROM columns;
        DELETE FROM collections
    """),
]


def migrate(db: IndexDb) -> None:
    """Apply pending migrations in list order."""
    _refuse_foreign(db)
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    todo = set(pending(db))
    for name, sql in MIGRATIONS:
        if name in todo:
            with transaction(db):
                for stmt in filter(str.strip, sql.split(";")):
                    db.execute(stmt)
                db.execute("INSERT INTO migrations VALUES (?, ?)",
                           (name, dt.datetime.now(dt.UTC).isoformat()))


def _refuse_foreign(db: IndexDb) -> None:
    """Never add pdscan's tables to a database (or schema) that holds something else."""
    names = sorted(r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'" if db.dialect == "sqlite" else
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        "current_schema()").fetchall())
    if names and "migrations" not in names:
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        raise ConfigError(f"{db.location}: not a pdscan index (it holds other tables: "
                          f"{shown}); left alone: give another --index")


def pending(db: IndexDb) -> list[str]:
    """Migrations an existing index has not had (lookup needs none pending)."""
    done = {r[0] for r in db.execute("SELECT name FROM migrations").fetchall()}
    return [name for name, _ in MIGRATIONS if name not in done]


@contextmanager
def transaction(db: IndexDb) -> Iterator[IndexDb]:
    db.begin()
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.commit()


class IndexStore:
    """Write access to one index."""

    def __init__(self, db: IndexDb) -> None:
        self.db = db

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        self.db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))

    def collection(self, source: str, name: str) -> tuple[int, str | None] | None:
        row = self.db.execute("SELECT id, fingerprint FROM collections WHERE source = ? AND "
                               "name = ?", (source, name)).fetchone()
        return (row[0], row[1]) if row else None

    def replace_collection(self, source: str, name: str, kind: str, sealed: bool,
                           fingerprint: dict[str, Any]) -> int:
        """Drop a collection's old rows and postings (inside the caller's transaction)."""
        old = self.collection(source, name)
        fp = json.dumps(fingerprint, sort_keys=True, default=str)
        now = dt.datetime.now(dt.UTC).isoformat()
        is_person = int(kind == "person")
        if old is None:
            return self.db.insert_id(
                "INSERT INTO collections (source, name, is_person, sealed, fingerprint, "
                "indexed_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (source, name, is_person, int(sealed), fp, now, kind))
        cid = old[0]
        self._delete_postings(cid)
        self.db.execute("DELETE FROM rows WHERE collection_id = ?", (cid,))
        self.db.execute("DELETE FROM hubs WHERE column_id IN (SELECT id FROM columns WHERE "
                        "collection_id = ?)", (cid,))
        self.db.execute("DELETE FROM columns WHERE collection_id = ?", (cid,))
        self.db.execute("DELETE FROM findings WHERE collection_id = ?", (cid,))
        self.db.execute("DELETE FROM links WHERE from_collection = ?", (cid,))
        self.db.execute("UPDATE collections SET is_person = ?, sealed = ?, fingerprint = ?, "
                        "indexed_at = ?, kind = ? WHERE id = ?",
                        (is_person, int(sealed), fp, now, kind, cid))
        return cid

    def columns_of(self, cid: int) -> dict[IndexColumn, int]:
        """A collection's indexed columns and their ids."""
        from pdscan.index.layout import IndexColumn

        return {IndexColumn.stored(name, category, kind, namespace, reads): col_id
                for col_id, name, category, kind, namespace, reads in self.db.execute(
                    "SELECT id, name, category, kind, namespace, reads FROM columns "
                    "WHERE collection_id = ?", (cid,))}

    def clear_rows(self, cid: int, fingerprint: dict[str, Any]) -> bool:
        """Drop a collection's rows and postings but keep its columns, findings and
        links (to read it again as it was indexed); returns whether it is sealed."""
        self._delete_postings(cid)
        self.db.execute("DELETE FROM rows WHERE collection_id = ?", (cid,))
        self.db.execute("DELETE FROM hubs WHERE column_id IN (SELECT id FROM columns WHERE "
                        "collection_id = ?)", (cid,))
        self.db.execute("UPDATE collections SET fingerprint = ?, indexed_at = ? WHERE id = ?",
                        (json.dumps(fingerprint, sort_keys=True, default=str),
                         dt.datetime.now(dt.UTC).isoformat(), cid))
        row = self.db.execute("SELECT sealed FROM collections WHERE id = ?", (cid,)).fetchone()
        return bool(row[0])

    def set_source(self, label: str, identity: str) -> None:
        self.db.execute("DELETE FROM sources WHERE label = ?", (label,))
        self.db.execute("INSERT INTO sources VALUES (?, ?)", (label, identity))

    def add_findings(self, collection_id: int, findings: Sequence[Finding]) -> None:
        """Every personal column's categories, for export and erasure to reuse."""
        best: dict[tuple[str, str], Finding] = {}
        for f in findings:
            key = (f.column, f.category)
            if key not in best or f.confidence > best[key].confidence:
                best[key] = f
        self.db.executemany(
            "INSERT INTO findings VALUES (?, ?, ?, ?, ?)",
            [(collection_id, f.column, f.category, f.rule, round(f.confidence, 3))
             for f in best.values()])

    def forget_collection(self, cid: int) -> None:
        """Remove a collection whose bulk load failed (its rows were rolled back)."""
        self.db.execute("DELETE FROM columns WHERE collection_id = ?", (cid,))
        self.db.execute("DELETE FROM findings WHERE collection_id = ?", (cid,))
        self.db.execute("DELETE FROM collections WHERE id = ?", (cid,))

    def add_column(self, collection_id: int, col: IndexColumn, in_list: bool = False) -> int:
        return self.db.insert_id(
            "INSERT INTO columns (collection_id, name, category, kind, namespace, in_list, "
            "reads) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (collection_id, col.name, col.category, col.kind, col.namespace, int(in_list),
             col.reads()))

    def add_link(self, from_collection: int, from_columns: Sequence[str], to_collection: int,
                 to_columns: Sequence[str], kind: str, evidence: str,
                 trusted: bool = True) -> None:
        self.db.execute("INSERT INTO links (from_collection, from_columns, to_collection, "
                        "to_columns, kind, evidence, trusted) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (from_collection, ",".join(from_columns), to_collection,
                         ",".join(to_columns), kind, evidence, int(trusted)))

    def set_rows(self, collection_id: int, rows: int) -> None:
        self.db.execute("UPDATE collections SET rows = ? WHERE id = ?", (rows, collection_id))

    def set_bucket_bits(self, bits: dict[int, int]) -> None:
        """Record how each column's postings are paged (``PostingSorter.write``)."""
        self.db.executemany("UPDATE columns SET bucket_bits = ? WHERE id = ?",
                            [(b, c) for c, b in bits.items()])

    def _delete_postings(self, cid: int) -> None:
        columns = self.db.execute("SELECT id FROM columns WHERE collection_id = ?",
                                  (cid,)).fetchall()
        self.db.executemany("DELETE FROM postings WHERE key >= ? AND key < ?",
                            [page_keys(c) for (c,) in columns])


class RowWriter:
    """Writes rows and postings given as Arrow tables (COPY on PostgreSQL,
    ``executemany`` on SQLite), inside the caller's transaction."""

    bulk = False

    def __init__(self, store: IndexStore) -> None:
        self.store = store

    def write(self, table: str, data: pa.Table) -> None:
        self.store.db.ingest(table, data)

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass  # the caller's transaction rolls back

    def close(self) -> None:
        pass


class BulkWriter(RowWriter):
    """Arrow-native bulk ingest through ADBC (several times ``executemany``): used
    for full builds, which write a new file renamed into place at the end."""

    bulk = True

    def __init__(self, store: IndexStore) -> None:
        import adbc_driver_sqlite.dbapi as adbc

        super().__init__(store)
        self.conn = adbc.connect(store.db.location, autocommit=True)
        with self.conn.cursor() as cur:
            for pragma in ASIDE_PRAGMAS:
                cur.execute(f"PRAGMA {pragma}")
        self.conn.adbc_connection.set_autocommit(False)

    def write(self, table: str, data: pa.Table) -> None:
        with self.conn.cursor() as cur:
            cur.adbc_ingest(table, data, mode="append")

    def commit(self) -> None:
        self.conn.adbc_connection.commit()

    def rollback(self) -> None:
        self.conn.adbc_connection.rollback()

    def close(self) -> None:
        self.conn.close()


def bulk_available(db: IndexDb) -> bool:
    import importlib.util

    return db.dialect == "sqlite" and importlib.util.find_spec("adbc_driver_sqlite") is not None
