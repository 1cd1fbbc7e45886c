"""Links nobody declared: id columns that reference another collection's key.

``orders.cust_no`` whose values are ``customers.id``, ``clickstream.ndjson``'s
``user.id``: without a declared foreign key, the link is inferred, and a wrong
guess hands one person's rows to another. Small integer keys overlap by chance
(customers 1-3 and employees 1-2 share the values 1 and 2), so the values being
found in a key is not evidence on its own. A link is weighed on:

* **names**: the column's words name the target (``customer_id`` ~ ``customers``,
  ``custNo`` ~ ``customer``), or a subject of the service in general (``user_id``
  may point at any collection of people), or contradict it (``employee_id`` does
  not point at ``customers``; ``product_id`` not at a collection of people);
* **values** both ways: the share of the column's distinct sampled values found
  among the target's keys, and of the target's keys they cover;
* **chance**: how likely so many values would be found if they had nothing to do
  with the target: near 1 for dense small integers, nil for UUIDs or codes.

A link whose evidence rules chance out is *trusted*; one whose values fit but
whose evidence does not is kept *untrusted*: rows reached only through it are
candidates for a person to review, never confirmed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pdscan.connector import CollectionInfo, Connector, rebatched
from pdscan.detect import collection_words
from pdscan.errors import SourceError, guard
from pdscan.index.hashing import REF, ColumnHasher, column_postings, key_namespace
from pdscan.index.plan import PERSON, IndexColumn
from pdscan.index.postings import (
    HubRule,
    PostingSorter,
    RowBlocks,
    count_present,
    pack_row_tokens,
)
from pdscan.index.store import IndexStore, RowWriter, transaction
from pdscan.names import split_path
from pdscan.rules import PERSON_WORDS, RECORD_WORDS, SUBJECT_WORDS, THING_WORDS

#: Words that make a column name a reference: ``customer_id``, ``id_client``, ``custNo``.
ID_WORDS = frozenset("id ids no nr num number nummer numero nro ref fk key code uuid pk "
                     "guid".split())
#: Nouns that name what rows are: a reference named with one of them and not naming
#: the target points elsewhere.
NOUNS = PERSON_WORDS | RECORD_WORDS | THING_WORDS
SAMPLE = 2000  # rows sampled from the referencing column
#: Shares of distinct values that must be found among the target's keys.
MIN_FOUND_NAMED, MIN_FOUND = 0.8, 0.9
#: Chance below which values alone (or with a subject-like name) are evidence.
MAX_CHANCE_VALUES, MAX_CHANCE_SUBJECT = 1e-6, 1e-3

EXACT, SUBJECT, NONE, CONFLICT = "exact", "subject", "none", "conflict"


def reference_words(column: str) -> tuple[str, ...] | None:
    """What an id-like column's name says it references, or None if it does not look
    like a reference: ``customer_id`` -> (customer,), ``user.id`` -> (user,)."""
    col, parents = split_path(column)
    if len(col) > 1 and col[-1] in ID_WORDS:
        return col[:-1]
    if len(col) > 1 and col[0] in ID_WORDS:
        return col[1:]
    if col and col[-1] in ID_WORDS and parents:
        return parents[-1:]
    return None


def _stem(word: str) -> str:
    for suffix in ("es", "s", "en", "n", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def same_word(a: str, b: str) -> bool:
    """``customer`` ~ ``customers`` ~ ``cust``; ``kunde`` ~ ``kunden``."""
    sa, sb = _stem(a), _stem(b)
    return sa == sb or (min(len(sa), len(sb)) >= 4 and (sa.startswith(sb) or sb.startswith(sa)))


def name_agreement(head: Sequence[str], target: Sequence[str], target_is_person: bool,
                   others: Sequence[Sequence[str]]) -> str:
    """Whether a reference's words name ``target`` (the words of a collection name);
    ``others`` are the words of the other collections it could name."""
    if not head or not target:
        return NONE
    if same_word(head[-1], target[-1]):
        return EXACT
    if any(o and same_word(head[-1], o[-1]) for o in others):
        return CONFLICT  # it names another collection
    if head[-1] in SUBJECT_WORDS:
        return SUBJECT if target_is_person else CONFLICT
    if head[-1] in NOUNS:
        return CONFLICT  # ``employee_id`` -> customers, ``product_id`` -> users
    return NONE


@dataclass
class LinkTarget:
    """A collection whose primary key is indexed: what a reference may point at."""

    conn: Connector
    source: str
    info: CollectionInfo
    kind: str
    column_id: int  # its key column in the index
    bits: int
    rows: int
    _density: float | None = field(default=None, repr=False)

    @property
    def words(self) -> tuple[str, ...]:
        return collection_words(self.info.name)

    @property
    def namespace(self) -> str:
        return key_namespace(self.source, self.info.name)

    def density(self) -> float:
        """Share of the integers between its smallest and largest key that are keys
        (1.0 for 1..N), from a sample; 0.0 for keys that are not integers."""
        if self._density is None:
            lb = self.conn.sample(self.info.name, SAMPLE, columns=list(self.info.primary_key),
                                  seed=11)
            keys = _integers(pc.cast(lb.batch.column(0), pa.string()).drop_null().to_pylist())
            self._density = 0.0 if not keys else min(
                1.0, max(self.rows, len(keys)) / (max(keys) - min(keys) + 1))
        return self._density


@dataclass(frozen=True)
class LinkCandidate:
    """A column that may reference another collection."""

    conn: Connector
    source: str
    info: CollectionInfo
    column: IndexColumn
    head: tuple[str, ...]


@dataclass(frozen=True)
class LinkEvidence:
    target: LinkTarget
    name: str
    distinct: int  # distinct sampled values
    found: int  # of them among the target's keys
    chance: float  # probability of finding them by chance

    @property
    def containment(self) -> float:
        return self.found / self.distinct if self.distinct else 0.0

    @property
    def coverage(self) -> float:
        return min(1.0, self.found / self.target.rows) if self.target.rows else 0.0

    def fits(self) -> bool:
        """Worth recording: values found, and (for a name that says nothing) not only
        the values chance would find anyway."""
        if self.name == NONE and self.chance > MAX_CHANCE_SUBJECT:
            return False
        return self.containment >= (MIN_FOUND_NAMED if self.name == EXACT else MIN_FOUND)

    def trusted(self, alone: bool) -> bool:
        """``alone``: no other collection of people holds the values."""
        if self.name == EXACT:
            return True
        if self.name == SUBJECT:
            return self.chance <= MAX_CHANCE_SUBJECT or alone
        return (self.distinct >= 3 and self.containment >= 0.95
                and self.chance <= MAX_CHANCE_VALUES)

    def describe(self, trusted: bool) -> str:
        name = {EXACT: "the name names it", SUBJECT: "the name names a person",
                NONE: "the name says nothing"}[self.name]
        return (f"{name}; {self.containment:.2f} of {self.distinct} distinct sampled values "
                f"found among its keys, covering {self.coverage:.2f} of them; chance "
                f"{self.chance:.2g}" + ("" if trusted else "; untrusted: rows reached through "
                                        "it are candidates"))


def _integers(values: Sequence[str]) -> list[int]:
    out = []
    for v in values:
        s = v.strip()
        if not s.lstrip("-").isdigit():
            return []
        out.append(int(s))
    return out


def _chance(values: Sequence[str], target: LinkTarget, found: int) -> float:
    """How likely ``found`` of ``values`` would be keys of ``target`` by chance."""
    if not found:
        return 1.0
    if _integers(values):
        return target.density() ** found
    # Codes and UUIDs: a value drawn from a space of alphanumerics of its length.
    length = sum(len(v) for v in values) / len(values)
    return min(1.0, target.rows / 36.0 ** length) ** found


def _sample_values(c: LinkCandidate) -> list[str]:
    lb = c.conn.sample(c.info.name, SAMPLE, columns=list(c.column.sources), seed=7)
    arr = lb.batch.column(0)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if c.column.path:
        if pa.types.is_list(arr.type) or pa.types.is_large_list(arr.type):
            arr = pc.list_flatten(arr)
        for part in c.column.path:
            arr = pc.struct_field(arr, part)
    text = pc.utf8_trim_whitespace(pc.cast(arr, pa.string())).drop_null()
    return [v for v in pc.unique(text).to_pylist() if v]


def _targets_for(c: LinkCandidate, targets: Sequence[LinkTarget]) -> list[LinkTarget]:
    """The collections worth probing: those the name may name, and every collection of
    people for a name that says nothing or names a person."""
    out = []
    for t in targets:
        if t.source == c.source and t.info.name == c.info.name:
            continue
        named = bool(c.head) and same_word(c.head[-1], t.words[-1] if t.words else "")
        if named or t.kind == PERSON:
            out.append(t)
    return out


def judge(c: LinkCandidate, targets: Sequence[LinkTarget],
          siblings: Mapping[str, Sequence[tuple[str, ...]]], hasher: ColumnHasher,
          store: IndexStore) -> tuple[LinkEvidence, bool] | None:
    """The best-supported target of a candidate and whether the link is trusted.
    ``siblings``: the words of every collection name, per source."""
    values = _sample_values(c)
    if not values:
        return None
    evidence: list[LinkEvidence] = []
    for t in _targets_for(c, targets):
        others = [w for w in siblings.get(t.source, ()) if w != t.words]
        name = name_agreement(c.head, t.words, t.kind == PERSON, others)
        if name == CONFLICT:
            continue
        tokens = hasher.tok.digests(REF, t.namespace, pa.array(values))
        found = count_present(store.db, tokens, t.column_id, t.bits)
        ev = LinkEvidence(t, name, len(values), found, _chance(values, t, found))
        if ev.fits():
            evidence.append(ev)
    if not evidence:
        return None
    people = [e for e in evidence if e.target.kind == PERSON]
    # a named target beats a subject-like one, which beats values alone
    rank = {EXACT: 2, SUBJECT: 1, NONE: 0}
    best = max(evidence, key=lambda e: (rank[e.name], e.containment, -e.chance))
    alone = len(people) <= 1
    return best, best.trusted(alone)


def infer_links(store: IndexStore, candidates: Sequence[LinkCandidate],
                targets: Sequence[LinkTarget], siblings: Mapping[str, Sequence[tuple[str, ...]]],
                hasher: ColumnHasher, spill_dir: Path | None, batch_rows: int,
                errors: list[SourceError]) -> list[dict[str, Any]]:
    """Judge every candidate; index the ones that link as references in their target's
    namespace (a layer over the collection's rows) and record each link with its
    evidence. Returns the links for the report; a source failing is added to
    ``errors``."""
    report: list[dict[str, Any]] = []
    for c in candidates:
        try:
            with guard(c.source, c.info.name):
                verdict = judge(c, targets, siblings, hasher, store)
                if verdict is None:
                    continue
                ev, trusted = verdict
                cid = store.collection(c.source, c.info.name)
                assert cid is not None
                linked = IndexColumn(c.column.name, "user.unique_id", REF, ev.target.namespace,
                                     c.column.sources, c.column.path)
                _index_reference(store, c.conn, c.info, cid[0], linked, hasher, spill_dir,
                                 batch_rows)
        except SourceError as err:
            errors.append(err)
            continue
        target_cid = store.collection(ev.target.source, ev.target.info.name)
        assert target_cid is not None
        evidence = ev.describe(trusted)
        store.add_link(cid[0], [c.column.name], target_cid[0], ev.target.info.primary_key,
                       "inferred", evidence, trusted)
        report.append({"from": f"{c.source}:{c.info.name}({c.column.name})",
                       "to": f"{ev.target.source}:{ev.target.info.name}", "kind": "inferred",
                       "trusted": trusted, "evidence": evidence})
    return report


def _index_reference(store: IndexStore, conn: Connector, info: CollectionInfo, cid: int,
                     col: IndexColumn, hasher: ColumnHasher, spill_dir: Path | None,
                     batch_rows: int) -> None:
    """Read the column in full and add its tokens as a layer of the collection's rows."""
    sorter = PostingSorter(spill_dir)
    try:
        with transaction(store.db):
            col_id = store.add_column(cid, col, bool(col.path))
            writer = RowWriter(store)
            layer = RowBlocks(writer.write, cid, layer=col_id)
            row_no = 0
            for lb in rebatched(conn.read(info.name, columns=list(col.sources),
                                          batch_size=batch_rows), batch_rows):
                rows, tokens = column_postings(hasher, col, lb.batch, row_no)
                sorter.add(tokens, col_id, rows)
                layer.add(None, pack_row_tokens(row_no, lb.num_rows, [(col_id, rows, tokens)]))
                row_no += lb.num_rows
            layer.close()
            store.set_bucket_bits(sorter.write(writer.write, HubRule()))
    finally:
        sorter.close()


def reference_candidates(conn: Connector, source: str, info: CollectionInfo,
                         indexed: Sequence[IndexColumn]) -> list[LinkCandidate]:
    """Columns of ``info`` that may reference another collection: id columns found by
    detection (``user_id``, ``referred_by``) and columns named like references
    (``address_id``, ``custNo``), unless a declared foreign key already says."""
    declared = {fk.columns[0] for fk in info.foreign_keys if len(fk.columns) == 1}
    out: list[LinkCandidate] = []
    seen: set[str] = set()
    for col in indexed:
        if col.kind == "uid" and col.name not in declared:
            head = reference_words(col.name)
            if head is None:
                own, _ = split_path(col.name)
                head = tuple(w for w in own if w not in ID_WORDS)
            out.append(LinkCandidate(conn, source, info, col, head))
            seen.add(col.name)
    for c in info.columns:
        if c.name in declared or c.name in seen or c.type not in ("integer", "string",
                                                                   "unknown"):
            continue
        head = reference_words(c.name)
        if head is None or (info.primary_key == (c.name,) and not head):
            continue
        col = IndexColumn(c.name, "user.unique_id", "uid", "", (c.name,))
        out.append(LinkCandidate(conn, source, info, col, head))
    return out

