"""Reading an index: the one place that knows its tables and its packed layout.

Lookup, export and erasure see typed values (``IndexedCollection``,
``IndexedColumn``, ``IndexedLink``, ``Locator``) and row numbers; the SQL and the
block and page formats of ``postings.py`` stay here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from pdscan.connector import Locator
from pdscan.errors import ConfigError
from pdscan.index.db import damaged, exists, open_db
from pdscan.index.keys import Tokeniser, key_path, load_key
from pdscan.index.layout import PERSON, IndexColumn
from pdscan.index.pages import BLOCK_ROWS, block_item, find_postings, row_tokens
from pdscan.index.spaces import hash_kind, key_namespace
from pdscan.index.store import pending
from pdscan.redact import mask_url

Row = tuple[int, int]  # (collection id, row number)
Space = tuple[str, str]  # (hash kind, namespace) of a token: the columns that can hold it


@dataclass(frozen=True)
class IndexedCollection:
    id: int
    source: str  # the label the index was built with
    name: str
    kind: str  # layout.PERSON | RECORD | ATTRIBUTE | PERSONAL | THING | ""
    sealed: bool

    @property
    def is_person(self) -> bool:
        return self.kind == PERSON

    @property
    def namespace(self) -> str:
        return key_namespace(self.source, self.name)


@dataclass(frozen=True)
class IndexedColumn:
    id: int
    collection_id: int
    column: IndexColumn
    in_list: bool
    bucket_bits: int

    @property
    def name(self) -> str:
        return self.column.name

    @property
    def category(self) -> str:
        return self.column.category

    @property
    def kind(self) -> str:
        return self.column.kind

    @property
    def space(self) -> Space:
        return hash_kind(self.column.kind), self.column.namespace


@dataclass(frozen=True)
class IndexedLink:
    from_collection: int
    from_columns: tuple[str, ...]
    to_collection: int
    kind: str  # "declared" | "inferred"
    evidence: str
    #: An inferred link whose evidence rules out chance; rows reached only through an
    #: untrusted one are candidates.
    trusted: bool


@dataclass(frozen=True)
class IndexedFinding:
    column: str
    category: str
    rule: str
    confidence: float


class IndexReader:
    """Read access to an index (a file, or a PostgreSQL schema) and its key."""

    def __init__(self, location: str | Path) -> None:
        shown = mask_url(str(location))
        if not exists(location):
            raise ConfigError(f"{shown}: no index here; build one with `pdscan index`")
        self.db = open_db(location)
        try:
            if pending(self.db):
                raise ConfigError(f"{shown}: made by an earlier pdscan; run `pdscan index` "
                                  "again to upgrade it")
            self.tok = Tokeniser(load_key(key_path(location), create=False))
            row = self.db.execute("SELECT value FROM meta WHERE key = 'key_check'").fetchone()
            if row is None or row[0] != self.tok.check.hex():
                raise ConfigError(f"{shown}: the index key does not match this index")
            self._load()
        except BaseException:
            self.db.close()
            raise

    def _load(self) -> None:
        q = self.db.execute
        region = q("SELECT value FROM meta WHERE key = 'region'").fetchone()
        #: The region national phone numbers were read with when the index was built.
        self.region: str = region[0] if region else "FR"
        self.sources: dict[str, str] = dict(q("SELECT label, identity FROM sources"))
        self.collections = {r[0]: IndexedCollection(r[0], r[1], r[2], r[3], bool(r[4]))
                            for r in q("SELECT id, source, name, kind, sealed FROM collections")}
        self.columns = {
            r[0]: IndexedColumn(r[0], r[1], IndexColumn.stored(r[2], r[3], r[4], r[5], r[6]),
                                bool(r[7]), r[8])
            for r in q("SELECT id, collection_id, name, category, kind, namespace, reads, "
                       "in_list, bucket_bits FROM columns")}
        #: The columns (id, bucket bits) whose tokens share a kind and namespace.
        self.spaces: dict[Space, list[tuple[int, int]]] = {}
        for col in self.columns.values():
            self.spaces.setdefault(col.space, []).append((col.id, col.bucket_bits))
        self.hubs: dict[bytes, int] = {bytes(r[0]): r[1] for r in q(
            "SELECT token, max(rows) FROM hubs GROUP BY token")}
        self.links: dict[tuple[int, str], IndexedLink] = {}
        for f, cols, t, kind, evidence, trusted in q(
                "SELECT from_collection, from_columns, to_collection, kind, evidence, trusted "
                "FROM links"):
            link = IndexedLink(f, tuple(cols.split(",")), t, kind, evidence, bool(trusted))
            self.links[(f, cols)] = link
        #: Collections of people with a primary key: one row per person.
        self.person_records = {c.collection_id for c in self.columns.values()
                               if c.kind == "key" and self.collections[c.collection_id].is_person}

    def __enter__(self) -> IndexReader:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def collection(self, source: str, name: str) -> IndexedCollection | None:
        return next((c for c in self.collections.values()
                     if c.source == source and c.name == name), None)

    def collection_of(self, namespace: str) -> IndexedCollection | None:
        """The collection whose keys a reference's namespace names."""
        if not hasattr(self, "_by_namespace"):
            self._by_namespace = {c.namespace: c for c in self.collections.values()}
        return self._by_namespace.get(namespace)

    def is_key(self, col: IndexedColumn) -> bool:
        """Whether a reference column is its collection's own key (``user_profile.userId``
        referencing ``users``): its rows extend the rows they reference, one to one."""
        return col.kind == "ref" and any(
            k.kind == "key" and k.collection_id == col.collection_id
            and k.column.sources == col.column.sources for k in self.columns.values())

    def link_of(self, col: IndexedColumn) -> IndexedLink | None:
        """The link a reference column belongs to (None for a primary key)."""
        return self.links.get((col.collection_id, col.name))

    def rows_with(self, token: bytes, space: Space, cap: int | None = None
                  ) -> tuple[list[tuple[int, int, int]], int]:
        """(collection, row, column) of the rows holding ``token`` of ``space`` (only
        the first ``cap`` + 1 when a cap is given: a hub may be held by millions), and
        how many."""
        out: list[tuple[int, int, int]] = []
        total = 0
        for col_id, rows in find_postings(self.db, token, self.spaces.get(space, [])):
            total += len(rows)
            if cap is None or len(out) <= cap:
                cid = self.columns[col_id].collection_id
                out += [(cid, r, col_id) for r in rows.tolist()]
        return (out if cap is None else out[:cap + 1]), total

    def tokens_of(self, row: Row) -> list[tuple[bytes, int]]:
        """(token, column id) of every identifier and key the index holds for a row."""
        cid, rnum = row
        blocks = self.db.execute("SELECT tokens FROM rows WHERE collection_id = ? AND "
                                 "block = ?", (cid, rnum // BLOCK_ROWS)).fetchall()
        return [pair for (blob,) in blocks
                for pair in row_tokens(block_item(bytes(blob), rnum % BLOCK_ROWS))]

    def locator(self, row: Row) -> Locator:
        cid, rnum = row
        blob = self.db.execute("SELECT locators FROM rows WHERE collection_id = ? AND "
                               "block = ? AND layer = 0",
                               (cid, rnum // BLOCK_ROWS)).fetchone()[0]
        text = block_item(bytes(blob), rnum % BLOCK_ROWS)
        try:
            return Locator.parse(self.tok.unseal(text) if self.collections[cid].sealed
                                 else text.decode())
        except Exception as exc:  # a seal that fails its check, bytes that are no locator
            raise damaged(self.db.location, exc) from exc

    def findings(self, collection_id: int) -> list[IndexedFinding]:
        """The personal columns of a collection and their categories, as decided when it
        was indexed."""
        return [IndexedFinding(*r) for r in self.db.execute(
            "SELECT name, category, rule, confidence FROM findings WHERE collection_id = ? "
            "ORDER BY name, category", (collection_id,))]
