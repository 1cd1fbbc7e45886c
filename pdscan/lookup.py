"""``lookup``: every row that belongs to one person, from the subject index.

The query is normalised and hashed exactly as the index was built, which gives
the seed rows. From each row reached, lookup expands:

* along keys: rows that reference it (an order of the customer), and from a
  person's record to the attributes it points at (their address); a referenced
  or referencing *person* (the support agent, the customer one referred) is
  another person: the link is reported, the row is not returned. Rows reached
  only through an inferred link that chance could explain are candidates;
* along strong identifiers found on the row (its phone, cookie id, IBAN), to
  other rows and stores, to a bounded depth — except through hubs, values that
  many rows share (a switchboard, ``info@``), which are reported instead;
* names never merge people: a name match is a *candidate* for review.

Several query identifiers that resolve to different people are not merged:
the first one decides and the others are reported.

Lookup reads the index only; ``pdscan.subject_rows`` fetches the rows from
their sources and re-verifies each before anything is handed out.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdscan.errors import UsageError
from pdscan.index.layout import ATTRIBUTE, NAME_RULES, PERSONAL, RECORD
from pdscan.index.reader import IndexedColumn, IndexReader, Row, Space
from pdscan.index.spaces import KEY, REF, hash_kind
from pdscan.names import any_word_in, collection_words, words
from pdscan.redact import mask_value
from pdscan.rules import LOOKUP_RULES, ROLE_WORDS, RULES_BY_ID, STAFF_WORDS, is_role
from pdscan.subject import ID, Identifier, Proof, SubjectQuery, SubjectRow
from pdscan.validators import Context

#: Identifier kinds that confirm a person and expand the search to other rows. An IP
#: expands one hop only (from the rows the query found), as shared ones are common.
STRONG = frozenset(r.id for r in RULES_BY_ID.values() if r.identifier == "strong") - {"user_id"}
ONE_HOP = frozenset({"ip"})
MAX_IDENTIFIER_HOPS = 2
MAX_ROWS = 20_000
#: Above this many rows a value is a hub without looking further.
MAX_HOLDERS = 200
CONTACT_KINDS = ("email", "phone")


@dataclass(frozen=True)
class QueryItem:
    field: str  # the lookup option: email | phone | ... | id
    normalised: str
    shown: str  # normalised, masked unless asked
    tokens: tuple[tuple[bytes, Space], ...]
    kind: str  # the index kind the tokens are of


@dataclass
class _Hit:
    row: Row
    status: str  # confirmed | candidate
    reached_by: str  # direct | foreign_key | identifier
    via: str
    columns: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    confidence: float = 1.0
    hops: int = 0
    #: (column id, token, row it came through)
    proofs: list[tuple[int, bytes, Row | None]] = field(default_factory=list)
    #: Also about other people: shown and exported, never expanded from or erased.
    shared: bool = False

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


@dataclass
class LookupResult:
    query: SubjectQuery
    items: list[QueryItem]
    rows: list[SubjectRow] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    hubs: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> list[SubjectRow]:
        return [r for r in self.rows if r.confirmed]

    def shown_query(self, show_data: bool = False) -> dict[str, str]:
        return {i.field: i.normalised if show_data else i.shown for i in self.items}

    def own_identifiers(self) -> set[str]:
        """The query's normalised identifiers (to tell the person's from others')."""
        return {i.normalised for i in self.items if i.field != ID}

    def to_dict(self, show_data: bool = False) -> dict[str, Any]:
        return {"query": self.shown_query(show_data),
                "subjects": 1 if self.confirmed else 0,
                "hits": [r.to_dict(show_data) for r in self.rows],
                "links": self.links, "hubs": self.hubs, "warnings": self.warnings}


def _query_items(ix: IndexReader, query: SubjectQuery) -> list[QueryItem]:
    ctx = Context(region=query.region)
    items: list[QueryItem] = []
    for ident in query.identifiers:
        if ident.kind == ID:
            coll, sep, value = ident.value.partition("=")
            if not sep or not value.strip():
                raise UsageError(f"--id {ident.value!r}: expected COLLECTION=VALUE "
                                 "(main.customers=42)")
            namespaces = [c.namespace for c in ix.collections.values()
                          if coll in (c.name, f"{c.source}:{c.name}")]
            if not namespaces:
                raise UsageError(f"--id {ident.value!r}: no indexed collection named {coll!r}")
            kind, norm, category = KEY, value.strip(), "user.unique_id"
        else:
            rule = LOOKUP_RULES[ident.kind]
            kind = "name" if rule.id in NAME_RULES else rule.id
            valid = rule.validator is None or rule.validator(ident.value, ctx)
            norm = rule.normaliser(ident.value, ctx) if rule.normaliser and valid else None
            category, namespaces = rule.category, [""]
        if not norm:
            raise UsageError(f"--{ident.kind} {ident.value!r}: not a valid {ident.kind}")
        tokens = tuple((ix.tok.token(hash_kind(kind), ns, norm), (hash_kind(kind), ns))
                       for ns in namespaces)
        items.append(QueryItem(ident.kind, norm, mask_value(norm, category), tokens, kind))
    return items


class _Expansion:
    """The rows of one query identifier, reached from its seed rows."""

    def __init__(self, ix: IndexReader, result: LookupResult) -> None:
        self.ix, self.result = ix, result
        self.hits: dict[Row, _Hit] = {}
        self.queue: deque[Row] = deque()
        self.seen_links: set[tuple[int, int, str]] = set()
        #: Key tokens of the subject's own person records (their ``customers`` row).
        self.person_keys: set[bytes] = set()
        #: Whether the subject's person records are staff ones (an employee's own rows).
        self.staff: set[bool] = set()

    def run(self, item: QueryItem) -> dict[Row, _Hit]:
        self._seeds(item)
        while self.queue and len(self.hits) < MAX_ROWS:
            self._expand(self.queue.popleft())
        if len(self.hits) >= MAX_ROWS:
            self.result.warnings.append(f"stopped after {MAX_ROWS} rows: the identifier may "
                                        "be shared")
        return self.hits

    def _seeds(self, item: QueryItem) -> None:
        ix, result = self.ix, self.result
        for token, space in item.tokens:
            if token in ix.hubs and item.kind != KEY:
                result.warnings.append(f"the {item.field} is shared by {ix.hubs[token]} rows "
                                       "(a hub): its rows are candidates only")
                result.hubs.append({"category": item.field, "rows": ix.hubs[token],
                                    "note": "shared value, not expanded"})
            holders, _ = ix.rows_with(token, space)
            shared = item.kind != KEY and _shared(ix, holders, item.kind)
            if shared:
                result.warnings.append(f"the {item.field} is held by several people's "
                                       "records: its rows are candidates only")
            for cid, rnum, col_id in holders:
                col = ix.columns[col_id]
                if col.kind == REF:
                    continue  # an --id matches the row itself, not rows pointing at it
                # a role in someone else's record (the owner of an account) is a mention
                role = any_word_in(words(_scope(col.name)), ROLE_WORDS)
                weak = item.kind == "name" or token in ix.hubs or shared or role
                via = f"{item.field} match" + (f" (as {_scope(col.name)})" if role else "")
                hit = self.hits.setdefault((cid, rnum), _Hit(
                    (cid, rnum), "candidate" if weak else "confirmed", "direct", via,
                    confidence=0.5 if weak else 1.0))
                hit.columns.add(col.name)
                hit.categories.add(col.category)
                hit.proofs.append((col_id, token, None))
                if not weak and not col.in_list:
                    self.queue.append((cid, rnum))
                    self._mine((cid, rnum))

    def _expand(self, row: Row) -> None:
        ix = self.ix
        here = self.hits[row]
        scopes = {_scope(c) for c in here.columns}
        for token, col_id in ix.tokens_of(row):
            col = ix.columns[col_id]
            if col.in_list or (here.reached_by != "foreign_key" and _scope(col.name)
                               not in scopes and ("" not in scopes
                                                  and not _subject_scopes(scopes))):
                continue  # another element of a list, or a nested object (an owner)
            if col.kind in (REF, KEY):
                self._follow_key(row, here, token, col_id)
            elif here.reached_by == "foreign_key":
                # a record reached by reference may hold someone else's identifiers (the
                # sender of a message about the subject, a gift's recipient): only rows
                # found by the subject's own identifiers lead to more
                continue
            elif (col.kind in STRONG and here.hops < MAX_IDENTIFIER_HOPS) or (
                    col.kind in ONE_HOP and here.hops == 0 and here.reached_by == "direct"):
                self._follow_identifier(row, here, token, col_id)

    def _follow_key(self, row: Row, here: _Hit, token: bytes, col_id: int) -> None:
        """Rows that reference this row, or the personal record this row points at."""
        ix = self.ix
        col = ix.columns[col_id]
        own = col.kind == KEY
        here_coll = ix.collections[row[0]]
        for cid, rnum, other_id in ix.rows_with(token, col.space)[0]:
            other = (cid, rnum)
            if other == row or (other in self.hits and self.hits[other].confirmed):
                continue
            other_col = ix.columns[other_id]
            if own == (other_col.kind == KEY):
                continue  # two rows pointing at the same parent: not a link
            there = ix.collections[cid]
            reference = other_col if own else col
            link = ix.link_of(reference)
            trusted = link is None or link.trusted
            extension = ix.is_key(reference)  # ``user_profile.userId`` -> ``users``: one person
            if there.is_person and not extension:
                self._link(row[0], cid, "another person: not returned")
                continue
            shared = False
            if extension:
                pass
            elif own:
                about = self._about(other, token, other_col, here_coll.is_person)
                if about == "other":
                    self._link(row[0], cid, "handled by this person: not returned"
                               if here_coll.is_person else "another person's: not returned")
                    continue
                shared = about == "shared"
            elif not (here_coll.is_person and there.kind in (ATTRIBUTE, RECORD, PERSONAL)):
                # up to a record this row points at (the product of an order line, the
                # event of a registration): shared with others
                continue
            else:
                # from a person up to what their record points at: their own address is
                # theirs; an account or a department, or an address others point at too,
                # is for a person to review
                trusted = trusted and there.kind == ATTRIBUTE and not \
                    self._other_people_point_at(token, col, row)
            via = f"{here_coll.name}.{col.name} = {there.name}.{other_col.name}" + (
                "" if trusted or not link or link.trusted
                else f" (inferred, untrusted: {link.evidence})")
            status = "confirmed" if trusted else "candidate"
            hit = _Hit(other, status, "foreign_key", via, {other_col.name},
                       {other_col.category}, 1.0 if trusted else 0.5, here.hops,
                       [(other_id, token, row)], shared=shared)
            self.hits[other] = hit
            if (own or extension) and trusted and not shared:
                # a person's attribute (their address) is a leaf: rows pointing at it
                # are about the attribute, not (surely) about the person
                self.queue.append(other)
                self._mine(other)

    def _about(self, row: Row, token: bytes, reached: IndexedColumn,
               from_person: bool) -> str:
        """Whom a row that references the subject's row is about: "subject", "shared"
        (others are named as its subjects too, as a customer in copy of a ticket; or the
        subject only acted on it and whom it is about is not known), or "other" (it is
        about someone else: a ticket the subject handled as its agent; or, reached from a
        record, another person's comment on the subject's document).

        A reference is a *role*, someone acting on a record, when its name says so
        (``agent_id``, ``approved_by``) or when it points at staff (an employee, an
        advisor): a record is about its client, handled by staff."""
        ix = self.ix
        roles: dict[int, bool] = {}
        others: list[IndexedColumn] = []
        for t, cid in ix.tokens_of(row):
            c = ix.columns[cid]
            target = ix.collection_of(c.column.namespace) if c.kind == REF else None
            if target is not None and target.is_person:
                roles[c.id] = is_role(words(c.name)) or _is_staff(target.name)
                if t != token and t not in self.person_keys:
                    others.append(c)
        acting = roles.get(reached.id, is_role(words(reached.name)))
        if acting:  # handled by the subject: the customer's, or for a person to review
            return "other" if any(not roles[c] for c in roles if c != reached.id) else \
                "shared"
        if not from_person and any(not roles[c.id] for c in others):
            return "other"
        return "shared" if any(not roles[c.id] for c in others) else "subject"

    def _other_people_point_at(self, token: bytes, col: IndexedColumn, row: Row) -> bool:
        """Whether a row of people other than ``row`` holds the same reference."""
        ix = self.ix
        return any((cid, rnum) != row and ix.collections[cid].is_person
                   and ix.columns[other].kind != KEY
                   for cid, rnum, other in ix.rows_with(token, col.space, cap=MAX_HOLDERS)[0])

    def _follow_identifier(self, row: Row, here: _Hit, token: bytes, col_id: int) -> None:
        """Other rows holding a strong identifier found on this row (its phone)."""
        ix, result = self.ix, self.result
        col = ix.columns[col_id]
        holders, total = ix.rows_with(token, col.space, cap=MAX_HOLDERS)
        if token in ix.hubs or _shared(ix, holders, col.kind):
            result.hubs.append({"category": col.category, "rows": ix.hubs.get(token, total),
                                "note": "shared value, not expanded"})
            return
        came_from = ix.collections[row[0]].name
        for cid, rnum, other_id in holders:
            other = (cid, rnum)
            o_name = ix.columns[other_id].name
            if other in self.hits and self.hits[other].confirmed:
                self.hits[other].columns.add(o_name)
                continue
            role = any_word_in(words(_scope(o_name)), ROLE_WORDS)
            self.hits[other] = _Hit(
                other, "candidate" if role else "confirmed", "identifier",
                f"{col.category} shared with {came_from}"
                + (f" (as {_scope(o_name)})" if role else ""),
                {o_name}, {col.category}, 0.5 if role else 1.0, here.hops + 1,
                [(other_id, token, row)])
            if not role:
                self.queue.append(other)
                self._mine(other)

    def _mine(self, row: Row) -> None:
        """Remember the keys of a person record confirmed as the subject's."""
        coll = self.ix.collections[row[0]]
        if coll.is_person:
            self.person_keys.update(t for t, cid in self.ix.tokens_of(row)
                                    if self.ix.columns[cid].kind == KEY)
            self.staff.add(_is_staff(coll.name))

    def _link(self, a: int, b: int, note: str) -> None:
        if (a, b, note) not in self.seen_links:
            self.seen_links.add((a, b, note))
            self.result.links.append({"from": self.ix.collections[a].name,
                                      "to": self.ix.collections[b].name,
                                      "kind": "foreign_key", "note": note})


def _is_staff(collection: str) -> bool:
    return any_word_in(collection_words(collection), STAFF_WORDS)


def _shared(ix: IndexReader, holders: list[tuple[int, int, int]], kind: str) -> bool:
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
            col = ix.columns[col_id]
            if col.kind == "email" and not col.in_list and not any_word_in(
                    words(_scope(col.name)), ROLE_WORDS):
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


def _subject_row(ix: IndexReader, hit: _Hit, rows: dict[Row, _Hit]) -> SubjectRow:
    coll = ix.collections[hit.row[0]]

    def key(r: Row) -> tuple[str, str, Any]:
        c = ix.collections[r[0]]
        return c.source, c.name, ix.locator(r)

    proofs = tuple(Proof(ix.columns[col_id].column, token,
                         key(parent) if parent is not None and parent in rows else None)
                   for col_id, token, parent in hit.proofs)
    return SubjectRow(coll.source, coll.name, ix.locator(hit.row), hit.status,
                      hit.reached_by, hit.via, tuple(sorted(hit.columns)),
                      tuple(sorted(hit.categories)), hit.confidence, coll.sealed, hit.shared,
                      proofs)


def lookup(index: str | Path = ".pdscan/index.db", query: SubjectQuery | None = None, *,
           emails: Iterable[str] = (), phones: Iterable[str] = (), ips: Iterable[str] = (),
           names: Iterable[str] = (), ids: Iterable[str] = (), region: str = "FR",
           ) -> LookupResult:
    """Every row of the index that belongs to the person these identifiers name.

    >>> lookup(query=SubjectQuery.of(email=["alice@example.com"])).rows  # doctest: +SKIP
    """
    if query is None:
        query = SubjectQuery.of(email=emails, phone=phones, ip=ips, name=names, id=ids,
                                region=region)
    with IndexReader(index) as ix:
        return _resolve(ix, LookupResult(query, _query_items(ix, query)))


def lookup_tokens(index: str | Path, tokens: Iterable[Sequence[str]]) -> LookupResult:
    """A lookup by the index tokens of a person's identifiers (``[field, kind,
    namespace, hex]``, as an erasure plan or the erasure ledger keeps them): the
    identifiers themselves are not needed, nor kept."""
    items: dict[str, list[tuple[bytes, Space]]] = {}
    kinds: dict[str, str] = {}
    for field_name, kind, namespace, token in tokens:
        items.setdefault(field_name, []).append((bytes.fromhex(token),
                                                 (hash_kind(kind), namespace)))
        kinds[field_name] = kind
    query = SubjectQuery(tuple(Identifier(f, "(token)") for f in items))
    with IndexReader(index) as ix:
        return _resolve(ix, LookupResult(query, [
            QueryItem(f, "", f"{f} (token)", tuple(toks), kinds[f])
            for f, toks in items.items()]))


def _resolve(ix: IndexReader, result: LookupResult) -> LookupResult:
    """Expand each query item and merge what belongs to one person."""
    chosen: dict[Row, _Hit] | None = None
    for item in result.items:
        found = _Expansion(ix, result).run(item)
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
            elif h.status == chosen[r].status:
                chosen[r].proofs += h.proofs
    hits = chosen or {}
    result.rows = [_subject_row(ix, hits[r], hits) for r in sorted(hits)]
    result.hubs = list({(h["category"], h["rows"]): h for h in result.hubs}.values())
    return result

