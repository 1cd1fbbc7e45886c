"""Run-wide state of one generation: sizes, random streams, sinks and the truth recorder."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from _data import DEFAULT_ROWS, LARGE_ROWS
from _people import People

T = TypeVar("T")
SHOP, FILES = "shop", "files"  # source labels of pdscan.toml


@dataclass(frozen=True)
class Plan:
    """Row counts. Small runs scale everything with ``rows``; large runs (> LARGE_ROWS)
    grow only the main tables (customers, orders, payments, newsletter, clickstream,
    access log, payments export) and keep the others at the default size."""

    rows: int
    large: bool
    customers: int
    guests: int
    prospects: int
    orders: int
    registrations: int
    bookings: int
    tickets: int
    contracts: int
    consents: int
    devices: int
    kyc: int
    clicks: int
    access_lines: int
    legacy_upto: int  # the 2019 export holds customers with an id up to this

    @classmethod
    def for_rows(cls, n: int) -> Plan:
        if n < 100:
            raise ValueError("--rows must be at least 100 (the truth subjects need room)")
        large = n > LARGE_ROWS
        aux = DEFAULT_ROWS if large else n
        main = 1 if large else 2
        return cls(
            rows=n, large=large, customers=n, guests=max(20, aux // 3),
            prospects=max(40, aux * 2 // 5), orders=main * n,
            registrations=aux * 6 // 5, bookings=aux * 7 // 10, tickets=aux // 2,
            contracts=max(12, aux // 10), consents=2 * aux, devices=aux * 11 // 10,
            kyc=max(12, aux * 3 // 20), clicks=(1 if large else 5) * n,
            access_lines=(1 if large else 5) * n, legacy_upto=min(n, 20_000))


SUBJECT_NOTES: dict[str, str] = {
    "elodie-martin-fr": "Customer in Lyon present in almost every store with differently "
                        "spelled e-mail (case) and phone (06.., +33.., 0033..); referred "
                        "sofia-garcia; namesake of elodie-martin-be.",
    "elodie-martin-be": "A different customer with the same full name (Namur, Belgian mobile).",
    "hiroshi-tanaka": "Customer whose name is stored in kanji in customers and romanised "
                      "elsewhere; mostly foreign-key rows (orders, items, invoices, payments).",
    "sofia-garcia": "Customer referred by elodie-martin-fr; her tickets are handled by "
                    "support agent julien-lambert (another person: not hers).",
    "priya-sharma": "Customer with an Indian mobile living in Ixelles; also mentioned by "
                    "e-mail in elodie-martin-fr's support ticket.",
    "wang-fang": "Customer with a Chinese mobile; name stored in hanzi in customers.",
    "joao-pereira": "Not a customer: event guest twice (spelled differently), newsletter "
                    "subscriber, anonymous web visitor identified by a cookie.",
    "oliver-bennett": "Newsletter-only subscriber (UK mobile); no account.",
    "pieter-janssens": "B2B prospect whose work phone is the company switchboard (a hub "
                       "shared with colleagues); contract signatory; in crm_export.json.",
    "julien-lambert": "Support agent (staff, a data subject too): his own rows vs the "
                      "customers' tickets assigned to him.",
}


@dataclass
class SubjectTruth:
    key: str
    kind: str
    query: dict[str, str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    not_theirs: list[dict[str, Any]] = field(default_factory=list)
    hubs: list[dict[str, Any]] = field(default_factory=list)
    homonyms: list[str] = field(default_factory=list)


class Truth:
    """Rows of the chosen subjects, recorded by the writers as they write them."""

    def __init__(self) -> None:
        self.subjects: dict[str, SubjectTruth] = {}

    def subject(self, key: str, kind: str, query: dict[str, str]) -> None:
        self.subjects[key] = SubjectTruth(key, kind, query)

    def row(self, key: str | None, store: str, collection: str, locator: dict[str, Any],
            reached_by: str, values: dict[str, Any] | None = None,
            contains: dict[str, str] | None = None, ident: tuple[str, ...] = (),
            via: str | None = None) -> None:
        """One row of ``key``'s. ``values``: exact column values to check; ``contains``:
        substrings of free text; ``ident``: which ``values`` are identifiers as spelled.
        ``reached_by="mention"`` files it under mentions: someone else's row that
        contains this subject's identifiers."""
        if key is None or key not in self.subjects:
            return
        rec: dict[str, Any] = {"store": store, "collection": collection, "locator": locator,
                               "reached_by": reached_by}
        if via:
            rec["via"] = via
        # An empty cell is no identifier (and CSV readers differ on '' vs null).
        values = {k: v for k, v in (values or {}).items() if v != ""}
        if values:
            rec["values"] = values
        if contains:
            rec["contains"] = contains
        ident = tuple(c for c in ident if c in values)
        if ident:
            rec["identifiers"] = list(ident)
        s = self.subjects[key]
        (s.mentions if reached_by == "mention" else s.rows).append(rec)

    def other(self, key: str | None, store: str, collection: str, locator: dict[str, Any],
              whose: str, via: str, values: dict[str, Any] | None = None) -> None:
        """A row reachable from ``key`` that belongs to someone else."""
        if key is None or key not in self.subjects:
            return
        rec: dict[str, Any] = {"store": store, "collection": collection, "locator": locator,
                               "whose": whose, "via": via}
        if values:
            rec["values"] = values
        known = self.subjects[key].not_theirs
        if not any(r["collection"] == collection and r["locator"] == locator for r in known):
            known.append(rec)

    def hub(self, key: str, category: str, value: str, note: str) -> None:
        self.subjects[key].hubs.append({"category": category, "value": value, "note": note})

    def to_json(self) -> list[dict[str, Any]]:
        out = []
        for s in self.subjects.values():
            identifiers: list[dict[str, Any]] = []
            seen: set[tuple[str, str, str, str]] = set()
            for r in s.rows + s.mentions:
                for col in r.get("identifiers", []):
                    v = r["values"][col]
                    if v is None:
                        continue
                    v = str(v)
                    k = (r["store"], r["collection"], col, v)
                    if k not in seen:
                        seen.add(k)
                        identifiers.append({"store": k[0], "collection": k[1], "column": col,
                                            "value": v})
            out.append({
                "key": s.key, "kind": s.kind, "description": SUBJECT_NOTES[s.key],
                "query": s.query, "homonyms": s.homonyms, "identifiers": identifiers,
                "rows": s.rows, "mentions": s.mentions, "not_theirs": s.not_theirs, "hubs": s.hubs,
            })
        return out


@dataclass
class Ctx:
    seed: int
    plan: Plan
    people: People
    truth: Truth
    con: sqlite3.Connection
    files: Path
    #: Filled while writing, read by later writers (order ids of truth subjects, ...).
    memo: dict[str, Any] = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """An independent, reproducible random stream per table / file."""
        return random.Random(f"{self.seed}:{name}")

    def key_of(self, pid: int) -> str | None:
        spec = self.people.featured.get(pid)
        return spec["key"] if spec else None

    def random_customer(self, rng: random.Random, upto: int | None = None) -> int:
        """A customer id that is not a truth subject (their rows are all scripted)."""
        hi = min(upto or self.plan.customers, self.plan.customers)
        while True:
            cid = rng.randint(1, hi)
            if cid not in self.people.featured:
                return cid

    def random_guest(self, rng: random.Random) -> int:
        while True:
            pid = self.people.guest0 + rng.randint(1, self.plan.guests)
            if pid not in self.people.featured:
                return pid


def spread(count: int, items: list[T]) -> dict[int, T]:
    """Place ``items`` at evenly spread 0-based positions among ``count`` rows."""
    if len(items) > count:
        raise ValueError(f"{len(items)} scripted rows do not fit in {count}")
    k = len(items)
    return {int((j + 0.5) * count / k): item for j, item in enumerate(items)}


def ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def iso(value: date) -> str:
    return value.isoformat()


def pk(**cols: Any) -> dict[str, Any]:
    return {"pk": dict(cols)}


def line(path: str, n: int) -> dict[str, Any]:
    return {"path": path, "line": n}


def record(path: str, n: int) -> dict[str, Any]:
    return {"path": path, "record": n}
