"""Token spaces: which identifier kind and namespace a column's tokens are hashed in.

One place for the spelling, read by the builder, the reader and lookup alike (and
light: a lookup imports it without pyarrow).
"""

from __future__ import annotations

REF = "ref"  # a reference to a row of another collection (a foreign key)
KEY = "key"  # a row's own primary key, in its collection's namespace
UID = "uid"


def hash_kind(kind: str) -> str:
    """A primary key and the foreign keys pointing at it hash alike."""
    return REF if kind == KEY else kind


def key_namespace(source: str, collection: str) -> str:
    """The namespace of a collection's keys and of the references to them."""
    return f"{source}|{collection}"


def uid_namespace(source: str, collection: str, column: str) -> str:
    """The namespace of an id column that references nothing known (yet)."""
    return f"{key_namespace(source, collection)}|{column}"
