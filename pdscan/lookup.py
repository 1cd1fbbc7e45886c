"""``lookup``: every row that belongs to one person, from the subject index.

The query is normalised and hashed exactly as the index was built, which gives
the seed rows. From each row reached, lookup expands:

* along keys: rows that reference it (an order of the customer), and the
  record it references when that record is not a person (the order of a
  payment); a referenced or referencing *person* (the support agent, the
  customer one referred) is another person: the link is reported, the row is
  not returned;
* along strong identifiers found on the row (its phone, cookie id, IBAN), to
  other rows and stores, to a bounded depth — except through hubs, values that
  many rows share (a switchboard, ``info@``), which are reported instead;
* names never merge people: a name match is a *candidate* for review.

Several query identifiers that resolve to different people are not merged:
the first one decides and the others are reported.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdscan.errors import ConfigError, UsageError
from pdscan.index.build import key_path
from pdscan.index.db import exists, open_db
from pdscan.index.hashing import KEY, REF, hash_kind
from pdscan.index.keys import Tokeniser, load_key
from pdscan.index.postings import BLOCK_ROWS, block_item, find_postings, row_tokens
from pdscan.index.store import pending
from pdscan.names import any_word_in, words
from pdscan.redact import mask_url, mask_value
from pdscan.rules import ROLE_WORDS, RULES_BY_ID
from pdscan.validators import Context, email_normal, ip_normal, name_normal, phone_normal

#: Identifier kinds that confirm a person and expand the search to other rows. An IP
#: expands one hop only (from the rows the query found), as shared ones are common.
STRONG = frozenset(r.id for r in RULES_BY_ID.values() if r.identifier == "strong") - {"user_id"}
ONE_HOP = frozenset({"ip"})
MAX_IDENTIFIER_HOPS = 2
MAX_ROWS = 20_000

Row = tuple[int, int]  # (collection id, row number)
Space = tuple[str, str]  # (kind, namespace) of a token: the columns that can hold it


@dataclass(frozen=True)
class QueryItem:
    field: str  # email | phone | ip | name | id
    shown: str  # normalised, masked unless asked
    tokens: tuple[tuple[bytes, Space], ...]
    kind: str


@dataclass
class Hit:
    row: Row
    status: str  # confirmed | candidate
    reached_by: str  # direct | foreign_key | identifier
    via: str
    columns: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    confidence: float = 1.0
    hops: int = 0


@dataclass
class LookupResult:
    query: dict[str, str]
    hits: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    hubs: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        confirmed = any(h["status"] == "confirmed" for h in self.hits)
        return {"query": self.query, "subjects": 1 if confirmed else 0, "hits": self.hits,
                "links": self.links, "hubs": self.hubs, "warnings": self.warnings}


class _Index:
    """Read access to an index file."""

    def __init__(self, location: str | Path) -> None:
        shown = mask_url(str(location))
        if not exists(location):
            raise ConfigError(f"{shown}: no index here; build one with `pdscan index`")
        self.db = open_db(location)
        if pending(self.db):
            self.db.close()
            raise ConfigError(f"{shown}: made by an earlier pdscan; run `pdscan index` "
                              "again to upgrade it")
        self.tok = Tokeniser(load_key(key_path(location), create=False))
        row = self.db.execute("SELECT value FROM meta WHERE key = 'key_check'").fetchone()
        if row is None or row[0] != self.tok.check.hex():
            self.db.close()
            raise ConfigError(f"{shown}: the index key does not match this index")
        self.collections = {r[0]: r[1:] for r in self.db.execute(
            "SELECT id, source, name, is_person, sealed FROM collections")}
        self.columns = {r[0]: r[1:] for r in self.db.execute(
            "SELECT id, collection_id, name, category, kind, namespace, in_list FROM columns")}
        #: The columns (id, bucket bits) whose tokens share a kind and namespace.
        self.spaces: dict[Space, list[tuple[int, int]]] = {}
        for col_id, bits in self.db.execute("SELECT id, bucket_bits FROM columns"):
            self.spaces.setdefault(self.space(col_id), []).append((col_id, bits))
        self.hubs = {r[0]: r[1] for r in self.db.execute(
            "SELECT token, max(rows) FROM hubs GROUP BY token")}
        self.link_kinds = {(r[0], r[1]): r[2] for r in self.db.execute(
            "SELECT from_collection, from_columns, kind FROM links")}
        #: Collections of people with a primary key: one row per person.
        self.person_records = {r[0] for r in self.db.execute(
            "SELECT c.id FROM collections c JOIN columns k ON k.collection_id = c.id "
            "WHERE c.is_person = 1 AND k.kind = 'key'")}

    def space(self, col_id: int) -> Space:
        _cid, _name, _category, kind, namespace, _in_list = self.columns[col_id]
        return hash_kind(kind), namespace

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
                cid = self.columns[col_id][0]
                out += [(cid, r, col_id) for r in rows.tolist()]
        return (out if cap is None else out[:cap + 1]), total

    def tokens_of(self, row: Row) -> list[tuple[bytes, int]]:
        cid, rnum = row
        blocks = self.db.execute("SELECT tokens FROM rows WHERE collection_id = ? AND "
                                 "block = ?", (cid, rnum // BLOCK_ROWS)).fetchall()
        return [pair for (blob,) in blocks
                for pair in row_tokens(block_item(bytes(blob), rnum % BLOCK_ROWS))]

    def locator(self, row: Row) -> str:
        cid, rnum = row
        blob = self.db.execute("SELECT locators FROM rows WHERE collection_id = ? AND "
                                "block = ? AND layer = 0",
                                (cid, rnum // BLOCK_ROWS)).fetchone()[0]
        text = block_item(bytes(blob), rnum % BLOCK_ROWS)
        return self.tok.unseal(text) if self.collections[cid][3] else text.decode()

    def own_namespace(self, cid: int) -> str:
        source, name = self.collections[cid][:2]
        return f"{source}|{name}"

    def close(self) -> None:
        self.db.close()


def _query_items(ix: _Index, emails: Iterable[str], phones: Iterable[str],
                 ips: Iterable[str], names: Iterable[str], ids: Iterable[str],
                 region: str, show: bool) -> list[QueryItem]:
    ctx = Context(region=region)
    items: list[QueryItem] = []

    def add(fieldname: str, kind: str, raw: str, norm: str | None, category: str,
            namespaces: Iterable[str] = ("",)) -> None:
        if not norm:
            raise UsageError(f"--{fieldname} {raw!r}: not a valid {fieldname}")
        shown = norm if show else mask_value(norm, category)
        items.append(QueryItem(fieldname, shown, tuple(
            (ix.tok.token(hash_kind(kind), ns, norm), (hash_kind(kind), ns))
            for ns in namespaces), kind))

    for e in emails:
        add("email", "email", e, email_normal(e, ctx) if "@" in e else None, "user.contact.email")
    for p in phones:
        add("phone", "phone", p, phone_normal(p, ctx), "user.contact.phone_number")
    for i in ips:
        add("ip", "ip", i, ip_normal(i, ctx), "user.device.ip_address")
    for n in names:
        add("name", "name", n, name_normal(n, ctx), "user.name")
    for spec in ids:
        coll, sep, value = spec.partition("=")
        if not sep or not value.strip():
            raise UsageError(f"--id {spec!r}: expected COLLECTION=VALUE (main.customers=42)")
        namespaces = [f"{s}|{n}" for s, n, *_ in ix.collections.values()
                      if n == coll or f"{s}:{n}" == coll]
        if not namespaces:
            raise UsageError(f"--id {spec!r}: no indexed collection named {coll!r}")
        add("id", KEY, spec, value.strip(), "user.unique_id", namespaces)
    if not items:
        raise UsageError("give at least one identifier: --email, --phone, --ip, --name or --id")
    return items


def _expand(ix: _Index, item: QueryItem, result: LookupResult) -> dict[Row, Hit]:
    hits: dict[Row, Hit] = {}
    queue: deque[Row] = deque()
    for token, space in item.tokens:
        if token in ix.hubs and item.kind != KEY:
            result.warnings.append(f"the {item.field} is shared by {ix.hubs[token]} rows "
                                   "(a hub): its rows are candidates only")
            result.hubs.append({"category": item.field, "rows": ix.hubs[token],
                                "note": "shared value, not expanded"})
        holders, _ = ix.rows_with(token, space)
        shared = item.kind != KEY and _shared(ix, holders, item.kind)
        if shared:
            result.warnings.append(f"the {item.field} is held by several people's records: "
                                   "its rows are candidates only")
        for cid, rnum, col_id in holders:
            _, cname, category, kind, _ns, in_list = ix.columns[col_id]
            if kind == REF:
                continue  # an --id matches the row itself, not rows pointing at it (yet)
            # a role in someone else's record (the owner of an account) is a mention
            role = any_word_in(words(_scope(cname)), ROLE_WORDS)
            weak = item.kind == "name" or token in ix.hubs or shared or role
            via = f"{item.field} match" + (f" (as {_scope(cname)})" if role else "")
            hit = hits.setdefault((cid, rnum), Hit((cid, rnum), "candidate" if weak else
                                                   "confirmed", "direct", via,
                                                   confidence=0.5 if weak else 1.0))
            hit.columns.add(cname)
            hit.categories.add(category)
            if not weak and not in_list:
                queue.append((cid, rnum))
    seen_links: set[tuple[int, int]] = set()
    while queue and len(hits) < MAX_ROWS:
        row = queue.popleft()
        here = hits[row]
        cname_of = ix.collections[row[0]][1]
        scopes = {_scope(c) for c in here.columns}
        for token, col_id in ix.tokens_of(row):
            _, cname, category, kind, _ns, in_list = ix.columns[col_id]
            if in_list or (here.reached_by != "foreign_key" and _scope(cname) not in scopes
                           and ("" not in scopes and not _subject_scopes(scopes))):
                continue  # another element of a list, or a nested object (an owner)
            if kind in (REF, KEY):
                own = kind == KEY
                for cid, rnum, other_col in ix.rows_with(token, ix.space(col_id))[0]:
                    other = (cid, rnum)
                    if other == row or (other in hits and hits[other].status == "confirmed"):
                        continue
                    o_col = ix.columns[other_col]
                    other_own = o_col[3] == KEY
                    if own == other_own:
                        continue  # two rows pointing at the same parent: not a link
                    is_person = bool(ix.collections[cid][2])
                    declared = _declared(ix, other_col if own else col_id)
                    if own and any_word_in(words(o_col[1]), ROLE_WORDS):
                        # rows this person handled (tickets assigned to an agent): the
                        # customers' rows, not this person's
                        _link(result, seen_links, row[0], cid, ix, "handled by this person: "
                              "not returned")
                        continue
                    if not own and declared and not is_person:
                        # Up to a record this row points at (the product of an order
                        # line, the event of a registration): shared with others.
                        continue
                    if is_person and declared:
                        _link(result, seen_links, row[0], cid, ix,
                              "another person: not returned")
                        continue
                    via = (f"{cname_of}.{cname} = {ix.collections[cid][1]}.{o_col[1]}")
                    hits[other] = Hit(other, "confirmed", "foreign_key", via, {o_col[1]},
                                      {o_col[2]}, 1.0, here.hops)
                    queue.append(other)
            elif (kind in STRONG and here.hops < MAX_IDENTIFIER_HOPS) or (
                    kind in ONE_HOP and here.hops == 0 and here.reached_by == "direct"):
                holders, total = ix.rows_with(token, ix.space(col_id), cap=MAX_HOLDERS)
                shared = token in ix.hubs or _shared(ix, holders, kind)
                if shared:
                    result.hubs.append({"category": category,
                                        "rows": ix.hubs.get(token, total),
                                        "note": "shared value, not expanded"})
                    continue
                for cid, rnum, other_col in holders:
                    other = (cid, rnum)
                    o_name = ix.columns[other_col][1]
                    if other in hits and hits[other].status == "confirmed":
                        hits[other].columns.add(o_name)
                        continue
                    role = any_word_in(words(_scope(o_name)), ROLE_WORDS)
                    hits[other] = Hit(other, "candidate" if role else "confirmed",
                                      "identifier", f"{category} shared with {cname_of}"
                                      + (f" (as {_scope(o_name)})" if role else ""),
                                      {o_name}, {category}, 0.5 if role else 1.0,
                                      here.hops + 1)
                    if not role:
                        queue.append(other)
    if len(hits) >= MAX_ROWS:
        result.warnings.append(f"stopped after {MAX_ROWS} rows: the identifier may be shared")
    return hits


def _link(result: LookupResult, seen: set[tuple[int, int]], a: int, b: int, ix: _Index,
          note: str) -> None:
    if (a, b) not in seen:
        seen.add((a, b))
        result.links.append({"from": ix.collections[a][1], "to": ix.collections[b][1],
                             "kind": "foreign_key", "note": note})


#: Above this many rows a value is a hub without looking further.
MAX_HOLDERS = 200
CONTACT_KINDS = ("email", "phone")


def _shared(ix: _Index, holders: list[tuple[int, int, int]], kind: str) -> bool:
    """A value two people hold proves nothing about either (a switchboard, a family
    e-mail, an office IP): it is held by two records of one collection of people, or
    (a device identifier) its rows carry two different e-mail addresses."""
    if len(holders) > MAX_HOLDERS:
        return True
    seen: set[int] = set()
    for cid, _row, _col in holders:
        if cid in ix.person_records:
            if cid in seen:
                return True
            seen.add(cid)
    if kind in CONTACT_KINDS:  # one person may have two phones: only records tell
        return False
    emails: set[bytes] = set()
    for cid, rnum, _col in holders:
        for token, col_id in ix.tokens_of((cid, rnum)):
            _, cname, _cat, other_kind, _ns, in_list = ix.columns[col_id]
            if other_kind == "email" and not in_list and not any_word_in(
                    words(_scope(cname)), ROLE_WORDS):
                emails.add(token)
                if len(emails) > 1:
                    return True
    return False


def _subject_scopes(scopes: set[str]) -> bool:
    """A nested object about the record's subject (``user``), not a role (``owner``)."""
    return any(s and not any_word_in(words(s), ROLE_WORDS) for s in scopes)


def _scope(column: str) -> str:
    """The nested object a column belongs to: ``user`` for ``user.email``."""
    return column.rsplit(".", 1)[0] if "." in column else ""


def _declared(ix: _Index, col_id: int) -> bool:
    """A declared foreign key (``referred_by``), as opposed to an inferred id link
    (``customer_no`` whose values are ``customers.id``): the latter is the same person."""
    kind = ix.link_kinds.get((ix.columns[col_id][0], ix.columns[col_id][1]))
    return kind is None or kind == "declared"


def lookup(index: str | Path = ".pdscan/index.db", *, emails: Iterable[str] = (),
           phones: Iterable[str] = (), ips: Iterable[str] = (), names: Iterable[str] = (),
           ids: Iterable[str] = (), region: str = "FR", show_data: bool = False
           ) -> LookupResult:
    """Every row of the index that belongs to the person these identifiers name.

    >>> lookup(emails=["alice@example.com"]).to_dict()["hits"]  # doctest: +SKIP
    """
    ix = _Index(index)
    try:
        items = _query_items(ix, emails, phones, ips, names, ids, region, show_data)
        result = LookupResult({i.field: i.shown for i in items})
        chosen: dict[Row, Hit] | None = None
        for item in items:
            found = _expand(ix, item, result)
            confirmed = {r for r, h in found.items() if h.status == "confirmed"}
            if not found:
                result.warnings.append(f"no row holds the {item.field} {item.shown}")
                continue
            if chosen is None:
                chosen = found
                continue
            mine = {r for r, h in chosen.items() if h.status == "confirmed"}
            if confirmed and mine and not confirmed & mine:
                result.warnings.append(
                    f"the {item.field} resolves to a different person than the first "
                    "identifier: not merged")
                continue
            for r, h in found.items():
                if r not in chosen or (chosen[r].status == "candidate"
                                       and h.status == "confirmed"):
                    chosen[r] = h
        for row, h in sorted((chosen or {}).items()):
            source, cname = ix.collections[row[0]][:2]
            result.hits.append({
                "source": source, "collection": cname, "locator": _json(ix.locator(row)),
                "status": h.status, "reached_by": h.reached_by, "via": h.via,
                "columns": sorted(h.columns), "categories": sorted(h.categories),
                "confidence": h.confidence})
        result.hubs = list({(h["category"], h["rows"]): h for h in result.hubs}.values())
        return result
    finally:
        ix.close()


def _json(text: str) -> Any:
    import json

    return json.loads(text)


def attach_values(result: LookupResult, index: str | Path, specs: Iterable[Any]) -> None:
    """Fetch each hit's row from its source and attach the values of its indexed
    columns (``--show-data``): the only time lookup reads the sources."""
    from contextlib import ExitStack

    from pdscan.connector import Locator
    from pdscan.sources import SourceFailure, open_all

    db = open_db(index)
    indexed: dict[tuple[str, str], set[str]] = {}
    for source, cname, col in db.execute(
            "SELECT c.source, c.name, k.name FROM columns k JOIN collections c "
            "ON c.id = k.collection_id WHERE k.in_list = 0"):
        indexed.setdefault((source, cname), set()).update(col.split("+"))
    db.close()
    errors: list[SourceFailure] = []
    wanted = {h["source"] for h in result.hits}
    with ExitStack() as stack:
        for spec, conn, _infos in open_all(stack, [s for s in specs if s.label in wanted],
                                           errors):
            groups: dict[str, list[dict[str, Any]]] = {}
            for h in result.hits:
                if h["source"] == spec.label:
                    groups.setdefault(h["collection"], []).append(h)
            for cname, hits in groups.items():
                cols = sorted(indexed.get((spec.label, cname), set()))
                fetched = conn.fetch(cname, [Locator.of(h["locator"]) for h in hits],
                                     columns=[c for c in cols if "." not in c] or None)
                rows = fetched.rows_by_locator()
                for h in hits:
                    h["values"] = rows.get(Locator.of(h["locator"]), {})
    result.warnings.extend(f"{e.source}: {e.message}" for e in errors)
    missing = wanted - {s.label for s in specs}
    if missing:
        result.warnings.append(f"no source named {', '.join(sorted(missing))} in the config: "
                               "its values are not shown")
