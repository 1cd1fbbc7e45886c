"""What to index in one collection, decided from its schema and its findings.

A collection's rows are people (``customers``), records about one person each
(``orders``), personal attributes of people (``addresses`` referenced by
customers), things (``products``), or nothing personal. Its indexed columns are
its identifiers (e-mail, phone, names ...), its primary key where other rows may
point at it, and its foreign keys, each hashed in the namespace of the
collection they reference so that a key and the references to it share a token.
A primary key that is itself an identifier (``subscribers(email PRIMARY KEY)``)
is indexed both ways.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pdscan.connector import CollectionInfo, LocatedBatch
from pdscan.index.spaces import KEY, REF, UID, key_namespace, uid_namespace
from pdscan.names import any_word_in, collection_words, person_kind
from pdscan.rules import PERSON_ATTRIBUTE_WORDS, RULES_BY_ID

if TYPE_CHECKING:  # (a lookup reads layouts without the detector's pyarrow)
    from pdscan.detect import Finding

#: Findings whose rule indexes a person's full name from one column.
NAME_RULES = ("full_name",)
CONTACT_CATEGORIES = ("user.contact.email", "user.contact.phone_number")
#: What a collection's rows are (``collections.kind`` in the index).
PERSON, RECORD, ATTRIBUTE, PERSONAL, THING = "person", "record", "attribute", "personal", "thing"


@dataclass(frozen=True)
class IndexColumn:
    name: str  # a column, or "first+last" for a name made of two columns
    category: str
    kind: str  # a rule id, "name", "ref", "key" or "uid"
    namespace: str = ""
    sources: tuple[str, ...] = ()  # the column(s) read
    #: Inside a list of records (``contacts`` -> ``email``): one value per element.
    path: tuple[str, ...] = ()

    def signature(self) -> str:
        """What the column's tokens depend on: a change re-indexes the collection."""
        return f"{self.name}:{self.kind}:{self.namespace}"

    def reads(self) -> str:
        """The source columns and path, as stored in the index (``columns.reads``)."""
        return json.dumps({"sources": list(self.sources), "path": list(self.path)})

    @classmethod
    def stored(cls, name: str, category: str, kind: str, namespace: str,
               reads: str) -> IndexColumn:
        spec = json.loads(reads) if reads else {"sources": name.split("+"), "path": []}
        return cls(name, category, kind, namespace, tuple(spec["sources"]),
                   tuple(spec["path"]))


@dataclass(frozen=True)
class CollectionLayout:
    """How one collection is indexed."""

    info: CollectionInfo
    columns: tuple[IndexColumn, ...]
    findings: tuple[Finding, ...]
    kind: str  # PERSON | RECORD | ATTRIBUTE | PERSONAL | THING | ""
    #: Locators are sealed (AES-GCM) when they may hold personal values.
    sealed: bool

    @property
    def is_person(self) -> bool:
        return self.kind == PERSON

    def signature(self) -> list[str]:
        return sorted(c.signature() for c in self.columns)


def where(info: CollectionInfo, column: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(column to read, path inside it): ``contacts.email`` is ``email`` in ``contacts``."""
    names = {c.name for c in info.columns}
    if column in names or "." not in column:
        return (column,), ()
    parts = column.split(".")
    for i in range(len(parts) - 1, 0, -1):
        top = ".".join(parts[:i])
        if top in names:
            return (top,), tuple(parts[i:])
    return (column,), ()


def collection_kind(info: CollectionInfo, findings: Sequence[Finding],
                    unique: Collection[str] = ()) -> str:
    """What the rows of ``info`` are. Rows of an unnamed collection holding one e-mail or
    phone each (``unique``: the columns whose sampled values do not repeat) are people
    (a newsletter export); where the same address recurs (payments by e-mail), or other
    identifiers are held (devices, KYC checks), they are records about people."""
    kind = person_kind(collection_words(info.name))
    if kind == PERSON or (kind is None and any(
            f.category in CONTACT_CATEGORIES and f.column in unique for f in findings)):
        return PERSON
    if kind in (RECORD, THING):
        return kind
    if any_word_in(collection_words(info.name), PERSON_ATTRIBUTE_WORDS):
        return ATTRIBUTE
    return PERSONAL if any(f.category != "user.unique_id" for f in findings) else ""


def layout_collection(source: str, info: CollectionInfo, findings: Sequence[Finding],
                    referenced: set[str], unique: Collection[str] = ()) -> CollectionLayout:
    """Which columns of ``info`` to index, and how (``unique``: see ``collection_kind``)."""
    kind = collection_kind(info, findings, unique)
    cols: list[IndexColumn] = []
    links: set[str] = set()
    for fk in info.foreign_keys:
        if len(fk.columns) == 1 and fk.columns[0] not in links:
            col = fk.columns[0]
            cols.append(IndexColumn(col, "user.unique_id", REF,
                                    key_namespace(source, fk.ref_collection), (col,)))
            links.add(col)
    pk = info.primary_key
    keyed = len(pk) == 1 and pk[0] not in links and (
        kind in (PERSON, RECORD, ATTRIBUTE, PERSONAL) or info.name in referenced)
    if keyed:
        cols.append(IndexColumn(pk[0], "user.unique_id", KEY,
                                key_namespace(source, info.name), pk))
    identifiers: set[str] = set()
    first = last = None
    for f in findings:
        rule = RULES_BY_ID.get(f.rule)
        if rule is None or f.column in identifiers:
            continue
        if f.category == "user.unique_id":
            if f.column in links or (keyed and f.column == pk[0]):
                continue  # already a key or a reference: hashed in its namespace
            read, path = where(info, f.column)
            cols.append(IndexColumn(f.column, f.category, UID,
                                    uid_namespace(source, info.name, f.column), read, path))
        elif f.rule == "first_name":
            first = f.column
        elif f.rule == "last_name":
            last = f.column
        elif rule.identifier and rule.normaliser:
            read, path = where(info, f.column)
            kind_of = "name" if f.rule in NAME_RULES else rule.id
            cols.append(IndexColumn(f.column, f.category, kind_of, "", read, path))
        else:
            continue
        identifiers.add(f.column)
    if first and last:
        cols.append(IndexColumn(f"{first}+{last}", "user.name", "name", "", (first, last)))
    personal_pk = any(f.column in pk and f.category != "user.unique_id" for f in findings)
    return CollectionLayout(info, tuple(cols), tuple(findings), kind,
                          personal_pk or info.locator_holds_values)


#: Share of distinct values among a column's sampled values for one row per value.
UNIQUE_SHARE = 0.95


def unique_columns(sample: LocatedBatch, columns: Iterable[str]) -> set[str]:
    """The top-level ``columns`` whose non-empty sampled values (nearly) never repeat."""
    import pyarrow.compute as pc

    out = set()
    for name in columns:
        if name not in sample.batch.schema.names:
            continue
        values = pc.drop_null(sample.batch.column(name))
        if len(values) and len(pc.unique(values)) >= UNIQUE_SHARE * len(values):
            out.add(name)
    return out
