"""Links nobody declared: columns that reference another collection's key.

``orders.cust_no`` whose values are ``customers.id``, ``clickstream.ndjson``'s
``user.id``: without a declared foreign key, the link is inferred, and a wrong
guess hands one person's rows to another. Small integer keys overlap by chance
(customers 1-3 and employees 1-2 share the values 1 and 2), so the values being
found in a key is not evidence on its own. A link is weighed on:

* **names**: the column's words name the target (``customer_id`` ~ ``customers``,
  ``custNo`` ~ ``customer``, ``lieferadresse`` ~ ``adresse``, ``matricola`` ~ the
  target's key ``matricola``), or a person in general (``user_id``, ``created_by``
  may point at any collection of people), or contradict it (``employee_id`` does
  not point at ``customers`` when there is an ``employees``; ``product_id`` not at
  a collection of people);
* **values** both ways: the share of the column's distinct sampled values found
  among the target's keys, and of the target's keys they cover;
* **chance**: how likely so many values would be found if they had nothing to do
  with the target: near 1 for dense small integers, nil for UUIDs or codes.

A link whose evidence rules chance out is *trusted*; one whose values fit but
whose evidence does not is kept *untrusted*: rows reached through it are
candidates for a person to review, never confirmed. Links are decided from the
samples taken for detection, before any collection is read in full, so that a
collection is indexed in one pass with its references and (if a link reaches it)
its key.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pdscan.connector import CollectionInfo, Connector, Locator
from pdscan.errors import SourceError, guard
from pdscan.index.hashing import column_values
from pdscan.index.layout import PERSON, IndexColumn
from pdscan.index.spaces import KEY, REF, key_namespace
from pdscan.names import collection_words, split_path, words
from pdscan.rules import (
    BY_WORDS,
    PERSON_WORDS,
    RECORD_WORDS,
    ROLE_WORDS,
    SUBJECT_WORDS,
    THING_WORDS,
)

#: Words that make a column name a reference: ``customer_id``, ``id_client``, ``custNo``.
ID_WORDS = frozenset("id ids no nr num number nummer numero nro ref fk key code codigo "
                     "codice kod uuid pk guid".split())
#: Words of a column saying which table a polymorphic id points at (``owner_type``).
TYPE_WORDS = frozenset("type typ tipo tipe kind soort art tyyppi".split())
#: Words of people and their roles: a reference named so may point at any collection
#: of people that no other collection's name claims.
PEOPLE = PERSON_WORDS | SUBJECT_WORDS | ROLE_WORDS
#: Nouns that name what rows are: a reference named with one of them and not naming
#: the target points elsewhere.
NOUNS = RECORD_WORDS | THING_WORDS
SAMPLE = 2000  # rows sampled from the referencing column
#: Shares of distinct values that must be found among the target's keys.
MIN_FOUND_NAMED, MIN_FOUND = 0.8, 0.9
#: Chance below which values alone (or with a person-like name) are evidence.
MAX_CHANCE_VALUES, MAX_CHANCE_PEOPLE = 1e-6, 1e-3
#: Distinct values a person-like reference needs to be trusted on being the only
#: collection of people that holds them all.
MIN_ALONE = 20
#: Largest collection whose keys are read whole to judge a reference to it; in a
#: larger one, the sampled values are looked up.
MAX_KEYS_READ = 1_000_000

EXACT, ABBREVIATED, PEOPLE_NAME, NONE, CONFLICT = (
    "exact", "abbreviated", "person", "none", "conflict")


def reference_words(column: str, collections: Sequence[Sequence[str]] = (),
                    keys: Collection[tuple[str, ...]] = ()) -> tuple[str, ...] | None:
    """What a column's name says it references, or None if it does not look like a
    reference: ``customer_id`` -> (customer,), ``user.id`` -> (user,), ``medecin``
    -> (medecin,) where a collection is named so, ``matricola`` where a collection's
    key is named so, ``created_by`` -> (created,)."""
    col, parents = split_path(column)
    col = tuple(w for w in col if not w.isdigit())
    if col and col in keys:
        return col
    if len(col) > 1 and col[-1] in ID_WORDS:
        return col[:-1]
    if len(col) > 1 and col[0] in ID_WORDS:
        return col[1:]
    if col and col[-1] in ID_WORDS and parents:
        return parents[-1:]
    if any(names(w, c) for w in col for c in collections):
        return col
    if any(w in BY_WORDS for w in col[1:]) or any(is_person_word(w) for w in col):
        return col
    return None


def is_person_word(word: str) -> bool:
    """A word for a person or a role (``customer``, ``cust``, ``agent``), or one saying
    who did something (``by``)."""
    return word in PEOPLE or word in BY_WORDS or (len(word) >= 4 and any(
        w.startswith(word) for w in SUBJECT_WORDS if w[0] == word[0]))


def abbreviates(short: str, word: str) -> bool:
    """``mbr`` for ``member``, ``acct`` for ``account``, ``cust`` for ``customer``: the
    letters of ``short`` (3 or more, starting alike) in order in a longer ``word``."""
    if not 3 <= len(short) < len(word) or short[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in short[1:])


def _stem(word: str) -> str:
    for suffix in ("es", "s", "en", "n", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def same_word(a: str, b: str) -> bool:
    """``customer`` ~ ``customers`` ~ ``cust``; ``kunde`` ~ ``kunden``;
    ``lieferadresse`` ~ ``adresse``."""
    sa, sb = _stem(a), _stem(b)
    short, long = sorted((sa, sb), key=len)
    return sa == sb or (len(short) >= 4 and long.startswith(short)) or (
        len(short) >= 5 and long.endswith(short))


def names(word: str, collection: Sequence[str]) -> bool:
    """Whether ``word`` names a collection (its head noun, the last word of its name)."""
    return bool(collection) and same_word(word, collection[-1])


def abbreviates_name(word: str, collection: Sequence[str]) -> bool:
    """Whether ``word`` may abbreviate a collection's name (``acct`` for ``account``)."""
    return bool(collection) and abbreviates(word, _stem(collection[-1]))


def name_agreement(head: Sequence[str], target: Sequence[str], target_key: Sequence[str],
                   target_is_person: bool, others: Sequence[Sequence[str]]) -> str:
    """Whether a reference's words name ``target`` (the words of a collection name,
    ``target_key`` those of its key column); ``others`` are the words of the other
    collections it could name."""
    if not head:
        return NONE
    if names(head[-1], target) or (
            tuple(head) == tuple(target_key) and tuple(target_key) not in (("id",), ())):
        return EXACT
    person = any(is_person_word(w) for w in head)
    if any(names(w, target) for w in head) and not (person and not target_is_person):
        return EXACT  # ``id_medecin_traitant``; but a ``card_holder`` is no card
    if any(names(w, o) for w in head for o in others):
        return CONFLICT  # it names another collection
    if abbreviates_name(head[-1], target):
        return ABBREVIATED  # ``mbrId`` ~ ``member``, ``from_acct`` ~ ``account``
    if person:
        return PEOPLE_NAME if target_is_person else CONFLICT
    if any(w in NOUNS for w in head):
        return CONFLICT  # ``product_id`` -> users
    return NONE


@dataclass
class LinkTarget:
    """A collection with a one-column primary key: what a reference may point at."""

    conn: Connector
    source: str
    info: CollectionInfo
    kind: str
    _keys: pa.Array | None = field(default=None, repr=False)
    _density: float | None = field(default=None, repr=False)

    @property
    def words(self) -> tuple[str, ...]:
        return collection_words(self.info.name)

    @property
    def key_words(self) -> tuple[str, ...]:
        return words(self.info.primary_key[0])

    @property
    def rows(self) -> int:
        return int(self.info.row_count or 0)

    @property
    def namespace(self) -> str:
        return key_namespace(self.source, self.info.name)

    def present(self, values: list[str]) -> int:
        """How many of ``values`` are keys of the collection: its keys are read once
        (only the key column), or, in a large collection, the values looked up."""
        if self.rows > MAX_KEYS_READ:
            return self._probe(values)
        if self._keys is None:
            parts = [pc.utf8_trim_whitespace(pc.cast(lb.batch.column(0), pa.string()))
                     for lb in self.conn.read(self.info.name, columns=list(self.info.primary_key),
                                              batch_size=100_000)]
            self._keys = pa.concat_arrays([p.drop_null() for p in parts]) if parts else \
                pa.array([], pa.string())
        return int(pc.sum(pc.is_in(pa.array(values), value_set=self._keys)).as_py() or 0)

    def _probe(self, values: list[str]) -> int:
        pk = self.info.primary_key[0]
        column = self.info.column(pk)
        if column is not None and column.type == "integer":
            ints = _integers(values)
            if not ints:
                return 0
            keyed: list[object] = list(ints)
        else:
            keyed = list(values)
        locators = [Locator.of({"pk": {pk: v}}) for v in keyed]
        return self.conn.fetch(self.info.name, locators, columns=[pk]).num_rows

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
    """A column that may reference another collection, with its distinct sampled values."""

    source: str
    info: CollectionInfo
    column: IndexColumn
    head: tuple[str, ...]
    values: tuple[str, ...]


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
        if self.name == NONE and self.chance > MAX_CHANCE_PEOPLE:
            return False
        return self.containment >= (MIN_FOUND_NAMED if self.name == EXACT else MIN_FOUND)

    def trusted(self, alone: bool) -> bool:
        """``alone``: no other collection of people holds the values."""
        if self.name == EXACT:
            return True
        if self.name in (PEOPLE_NAME, ABBREVIATED):
            return self.chance <= MAX_CHANCE_PEOPLE or (alone and self.distinct >= MIN_ALONE)
        return (self.distinct >= 3 and self.containment >= 0.95
                and self.chance <= MAX_CHANCE_VALUES)

    def describe(self, trusted: bool) -> str:
        name = {EXACT: "the name names it", ABBREVIATED: "the name may abbreviate it",
                PEOPLE_NAME: "the name names a person", NONE: "the name says nothing"}[self.name]
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


def key_values(batch: pa.RecordBatch, col: IndexColumn) -> tuple[str, ...]:
    """The distinct values of a column in a sample, as keys are compared (trimmed text);
    none for dates, amounts or flags, which are not keys."""
    try:
        arr, _rows = column_values(batch, col)
    except (KeyError, pa.ArrowException):  # not in this sample (a nested field)
        return ()
    if not (pa.types.is_integer(arr.type) or pa.types.is_string(arr.type)
            or pa.types.is_large_string(arr.type)):
        return ()
    text = pc.utf8_trim_whitespace(pc.cast(arr, pa.string())).drop_null()
    return tuple(v for v in pc.unique(text).to_pylist() if v)


def _probed(c: LinkCandidate, t: LinkTarget) -> bool:
    """Whether a target is worth probing: one the name may name, or any collection of
    people for a name that names a person or says nothing."""
    named = any(names(w, t.words) or abbreviates_name(w, t.words) for w in c.head) or \
        c.head == t.key_words
    if t.source == c.source and t.info.name == c.info.name:
        # a self-reference where a word qualifies the collection's name
        # (``parent_account``; ``poging_nr`` in ``bezorgpoging`` is the row's own number),
        # or a person's role among people (``manager_id``, ``referred_by``)
        if c.column.sources == t.info.primary_key:
            return False
        return (len(c.head) >= 2 and names(c.head[-1], t.words)) or (
            t.kind == PERSON and any(is_person_word(w) for w in c.head))
    return named or t.kind == PERSON


def judge(c: LinkCandidate, targets: Sequence[LinkTarget],
          siblings: Mapping[str, Sequence[tuple[str, ...]]]) -> tuple[LinkEvidence, bool] | None:
    """The best-supported target of a candidate and whether the link is trusted.
    ``siblings``: the words of every collection name, per source."""
    probed = [t for t in targets if _probed(c, t)]
    values = list(c.values)
    if not probed or not values:
        return None
    evidence: list[LinkEvidence] = []
    for t in probed:
        others = [w for w in siblings.get(t.source, ()) if w != t.words]
        name = name_agreement(c.head, t.words, t.key_words, t.kind == PERSON, others)
        if name == CONFLICT:
            continue
        found = t.present(values)
        ev = LinkEvidence(t, name, len(values), found, _chance(values, t, found))
        if ev.fits():
            evidence.append(ev)
    if not evidence:
        return None
    people = [e for e in evidence if e.target.kind == PERSON]
    # a named target beats an abbreviated or person-like one, which beats values alone;
    # a collection named exactly so (``imovel``) beats one whose name ends so
    # (``alerta_imovel``); among people, a person's role points at their own kind first
    # (``manager_id`` in ``employees``)
    rank = {EXACT: 3, ABBREVIATED: 2, PEOPLE_NAME: 1, NONE: 0}
    best = max(evidence, key=lambda e: (
        rank[e.name], e.target.words == c.head, e.containment,
        (e.target.source, e.target.info.name) == (c.source, c.info.name), -e.chance))
    alone = len(people) <= 1 if best.name == PEOPLE_NAME else len(evidence) <= 1
    return best, best.trusted(alone)


@dataclass(frozen=True)
class InferredLink:
    """A reference nobody declared, as decided: index ``column`` (a reference in the
    target's namespace) in ``source:collection``, and the target's key."""

    source: str
    collection: str
    column: IndexColumn
    target: LinkTarget
    trusted: bool
    evidence: str

    def starts(self, source: str, info: CollectionInfo) -> bool:
        return (self.source, self.collection) == (source, info.name)

    def report(self) -> dict[str, Any]:
        return {"from": f"{self.source}:{self.collection}({self.column.name})",
                "to": f"{self.target.source}:{self.target.info.name}", "kind": "inferred",
                "trusted": self.trusted, "evidence": self.evidence}


def link_key(source: str, info: CollectionInfo) -> IndexColumn:
    """The key column of a collection a link reaches, hashed as references to it are."""
    pk = info.primary_key
    return IndexColumn(pk[0], "user.unique_id", KEY, key_namespace(source, info.name), pk)


def infer_links(candidates: Sequence[LinkCandidate], targets: Sequence[LinkTarget],
                siblings: Mapping[str, Sequence[tuple[str, ...]]],
                errors: list[SourceError]) -> list[InferredLink]:
    """Judge every candidate against the targets; a source failing while its keys are
    read is added to ``errors``."""
    out: list[InferredLink] = []
    for c in candidates:
        try:
            with guard(c.source, c.info.name):
                verdict = judge(c, targets, siblings)
        except SourceError as err:
            errors.append(err)
            continue
        if verdict is None:
            continue
        ev, trusted = verdict
        column = IndexColumn(c.column.name, "user.unique_id", REF, ev.target.namespace,
                             c.column.sources, c.column.path)
        out.append(InferredLink(c.source, c.info.name, column, ev.target, trusted,
                                ev.describe(trusted)))
    return out


def reference_candidates(source: str, info: CollectionInfo, sample: pa.RecordBatch,
                         indexed: Sequence[IndexColumn],
                         collections: Sequence[CollectionInfo]) -> list[LinkCandidate]:
    """Columns of ``info`` that may reference another collection: id columns found by
    detection (``user_id``, ``referred_by``) and columns named like references
    (``address_id``, ``custNo``, ``medecin`` beside a ``medecin`` table, ``matricola``
    beside a key of that name), unless a declared foreign key already says.
    ``collections``: the source's collections; ``sample``: rows of ``info``."""
    named = [collection_words(c.name) for c in collections]
    keys = {words(c.primary_key[0]) for c in collections
            if len(c.primary_key) == 1 and c.name != info.name} - {("id",)}
    declared = {fk.columns[0] for fk in info.foreign_keys if len(fk.columns) == 1}
    # ``owner_type`` + ``owner_id``: the id points at a table the type names, row by row
    typed = {tuple(w for w in words(c.name) if w not in TYPE_WORDS) for c in info.columns
             if any(w in TYPE_WORDS for w in words(c.name))}
    out: list[LinkCandidate] = []
    seen: set[str] = set()
    for col in indexed:
        if col.kind == "uid" and col.name not in declared:
            own, _ = split_path(col.name)
            head = reference_words(col.name, named, keys) or tuple(
                w for w in own if w not in ID_WORDS)
            out.append(LinkCandidate(source, info, col, head, key_values(sample, col)))
            seen.add(col.name)
    for c in info.columns:
        if c.name in declared or c.name in seen or c.type not in ("integer", "string",
                                                                   "unknown"):
            continue
        head = reference_words(c.name, named, keys)
        if head is None:
            continue
        col = IndexColumn(c.name, "user.unique_id", "uid", "", (c.name,))
        out.append(LinkCandidate(source, info, col, head, key_values(sample, col)))
    return [c for c in out if c.values and c.head not in typed]
