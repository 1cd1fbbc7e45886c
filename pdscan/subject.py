"""The person a request is about, and their rows: the values lookup, export and erasure
pass to each other.

``SubjectQuery`` holds what the person is looked up by (``--email``, ``--phone``,
``--id`` ...; the kinds come from the rule table's ``lookup`` field). ``SubjectRow``
is one row the index says is theirs: where it is, how it was reached, and the
*proofs* that let a later stage re-verify it at the source (the token that
reached it, in which indexed column, and through which row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pdscan.connector import Locator
from pdscan.errors import UsageError
from pdscan.index.layout import IndexColumn
from pdscan.redact import mask_value
from pdscan.rules import ID, LOOKUP_RULES


@dataclass(frozen=True)
class Identifier:
    kind: str  # a ``LOOKUP_RULES`` option (``email``) or ``id``
    value: str  # as given


@dataclass(frozen=True)
class SubjectQuery:
    """What a person is looked up by; several identifiers of one person may be given."""

    identifiers: tuple[Identifier, ...]
    region: str = "FR"  # for national phone numbers

    @classmethod
    def of(cls, values: Mapping[str, Iterable[str] | None] | None = None, *,
           region: str = "FR", **by_kind: Iterable[str] | None) -> SubjectQuery:
        """``SubjectQuery.of(email=["a@b.fr"], id=["main.customers=42"])``; the keys are
        the lookup options (``device-id`` may be spelled ``device_id``)."""
        items: list[Identifier] = []
        for kind, given in {**(values or {}), **by_kind}.items():
            option = kind.replace("_", "-")
            if option != ID and option not in LOOKUP_RULES:
                raise UsageError(f"cannot look a person up by {kind!r} (known: "
                                 f"{', '.join([*LOOKUP_RULES, ID])})")
            items += [Identifier(option, v) for v in ([given] if isinstance(given, str)
                                                       else (given or []))]
        if not items:
            raise UsageError("give at least one identifier: "
                             + ", ".join(f"--{k}" for k in [*LOOKUP_RULES, ID]))
        return cls(tuple(items), region.upper())


RowKey = tuple[str, str, Locator]  # (source, collection, locator): a row, stably


@dataclass(frozen=True)
class Proof:
    """Why a row is the person's: it holds ``token`` in ``column`` (or, for a key, is
    pointed at by / points at ``parent``, which must itself hold up)."""

    column: IndexColumn
    token: bytes
    parent: RowKey | None = None


@dataclass(frozen=True)
class SubjectRow:
    """One row the index says belongs to the person."""

    source: str  # the label the source was indexed under
    collection: str
    locator: Locator
    status: str  # "confirmed" | "candidate"
    reached_by: str  # "direct" | "foreign_key" | "identifier"
    via: str
    columns: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    confidence: float = 1.0
    #: The locator holds personal values (sealed in the index): masked when shown.
    sealed: bool = False
    #: The row is about other people too (a ticket with another customer in copy): it is
    #: theirs as well, so it is shown and exported but never deleted whole.
    shared: bool = False
    proofs: tuple[Proof, ...] = field(default=(), compare=False, repr=False)

    @property
    def key(self) -> RowKey:
        return self.source, self.collection, self.locator

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    def shown_locator(self, show_data: bool = False) -> dict[str, Any]:
        """The locator for output: its values masked when they are personal."""
        data = self.locator.to_dict()
        return data if show_data or not self.sealed else _masked(data)

    def to_dict(self, show_data: bool = False) -> dict[str, Any]:
        """The hit of the CLI contract (``pdscan lookup --format json``)."""
        out: dict[str, Any] = {
            "source": self.source, "collection": self.collection,
            "locator": self.shown_locator(show_data), "status": self.status,
            "reached_by": self.reached_by, "via": self.via, "columns": list(self.columns),
            "categories": list(self.categories), "confidence": self.confidence}
        if self.sealed and not show_data:
            out["locator_masked"] = True
        if self.shared:
            out["shared"] = True
        return out


def masked_locator(locator: Mapping[str, Any]) -> dict[str, Any]:
    """A locator's values masked, for output (an e-mail primary key, a row's values)."""
    return dict(_masked(dict(locator)))


def _masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v if k == "weak" else _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, str):
        return mask_value(value, "user.contact.email" if "@" in value else "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return mask_value(str(value))
    return value
