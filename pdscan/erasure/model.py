"""The erasure plan: a reviewable, hashed document of what erasure will do, row by row.

It is written as JSON (``pdscan erase-plan --out plan.json``), reviewed, and
applied by ``pdscan erase``, which refuses a plan whose content no longer
matches its hash. It holds locators, new values and keyed fingerprints of each
row's content, and the people's identifiers only as index tokens: mode 0600,
like anything that may point at personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pdscan import __version__
from pdscan.atomic import write_private
from pdscan.connector import Locator, RowChange
from pdscan.errors import UsageError

DELETE, MASK, HOLD, REVIEW = "delete", "mask", "hold", "review"
FORMAT = "pdscan-erasure-plan/1"


def plain(value: Any) -> Any:
    """A value as the plan's JSON holds it (dates as ISO text, decimals as text)."""
    from pdscan.export import plain as export_plain

    return export_plain(value)


def fingerprint(key: bytes, values: Mapping[str, Any]) -> str:
    """A keyed hash of a row's content: equal content, equal fingerprint; nothing about
    the content without the key. Empty text and null count alike (a CSV keeps no null)."""
    canon = {k: (None if v == "" else plain(v)) for k, v in sorted(values.items())}
    blob = json.dumps(canon, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hmac.new(key, b"pdscan row\x1f" + blob, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class ColumnMask:
    column: str
    category: str | None
    strategy: str
    value: Any  # the new value, JSON-safe


@dataclass(frozen=True)
class PlannedRow:
    """What erasure does to one row, and what the row looked like when planned."""

    source: str  # the config's label
    collection: str
    locator: dict[str, Any]
    action: str  # DELETE | MASK | HOLD | REVIEW
    reason: str
    masks: tuple[ColumnMask, ...] = ()
    before: str = ""  # fingerprint of the row as planned
    after: str = ""  # fingerprint of the row once masked
    until: str | None = None  # a hold's end (ISO date); None: until lifted
    basis: str | None = None
    categories: tuple[str, ...] = ()
    sealed: bool = False  # the locator holds personal values
    subjects: tuple[int, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return self.source, self.collection, json.dumps(self.locator, sort_keys=True)

    @property
    def writes(self) -> bool:
        return self.action == DELETE or (bool(self.masks) and self.action in (MASK, HOLD))

    def change(self) -> RowChange:
        loc = Locator.of(self.locator)
        if self.action == DELETE:
            return RowChange(self.collection, loc, "delete")
        return RowChange(self.collection, loc, "update",
                         {m.column: m.value for m in self.masks})

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PlannedRow:
        masks = tuple(ColumnMask(**m) for m in d.get("masks", ()))
        return cls(**{**d, "masks": masks, "categories": tuple(d.get("categories", ())),
                      "subjects": tuple(d.get("subjects", ()))})


@dataclass
class ErasurePlan:
    index: str
    policy: str
    sources: dict[str, str]  # config label -> identity
    subjects: list[dict[str, Any]]  # {"query": masked, "tokens": [[kind, namespace, hex]]}
    rows: list[PlannedRow] = field(default_factory=list)  # in the order they are applied
    review: list[dict[str, Any]] = field(default_factory=list)
    recipients: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    created_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(
        microsecond=0).isoformat().replace("+00:00", "Z"))
    pdscan_version: str = __version__
    hash: str = ""

    def content(self) -> dict[str, Any]:
        return {"format": FORMAT, "pdscan_version": self.pdscan_version,
                "created_at": self.created_at, "index": self.index, "policy": self.policy,
                "sources": self.sources, "subjects": self.subjects,
                "rows": [_row_dict(r) for r in self.rows], "review": self.review,
                "recipients": self.recipients, "warnings": self.warnings}

    def compute_hash(self) -> str:
        blob = json.dumps(self.content(), sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()

    def seal(self) -> ErasurePlan:
        self.hash = self.compute_hash()
        return self

    def to_dict(self) -> dict[str, Any]:
        return {**self.content(), "hash": self.hash, "summary": self.summary()}

    def summary(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for r in self.rows:
            counts[r.action] = counts.get(r.action, 0) + 1
        return {"rows": len(self.rows), "by_action": counts, "review": len(self.review),
                "subjects": len(self.subjects)}

    def write(self, path: str | Path) -> Path:
        out = Path(path)
        write_private(out, json.dumps(self.to_dict(), ensure_ascii=False, indent=2).encode())
        return out

    @classmethod
    def read(cls, path: str | Path) -> ErasurePlan:
        p = Path(path)
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{p}: not a readable erasure plan: {exc}") from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise UsageError(f"{p}: not a pdscan erasure plan ({FORMAT})")
        try:
            plan = cls(doc["index"], doc["policy"], doc["sources"], doc["subjects"],
                       [PlannedRow.from_dict(r) for r in doc["rows"]], doc["review"],
                       doc["recipients"], doc["warnings"], doc["created_at"],
                       doc["pdscan_version"], doc.get("hash", ""))
        except (KeyError, TypeError) as exc:
            raise UsageError(f"{p}: not a complete erasure plan ({exc})") from exc
        if plan.hash != plan.compute_hash():
            raise UsageError(f"{p}: the plan was changed after it was made (its hash does "
                             "not match): make a new one with `pdscan erase-plan`")
        return plan


def _row_dict(r: PlannedRow) -> dict[str, Any]:
    d = asdict(r)
    d["masks"] = [asdict(m) for m in r.masks]
    d["categories"] = list(r.categories)
    d["subjects"] = list(r.subjects)
    return d
