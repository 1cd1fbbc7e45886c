"""``erase``: apply a reviewed plan, verify, and leave a receipt.

Without ``yes`` it is a dry run: every row is read again and checked, nothing is
written. With it, each source's changes run in one transaction (a database), one
rename per file, one ``MULTI``/``EXEC`` (Redis): a failure rolls that source back
and the others go on. Every row is checked first against the fingerprint it was
planned with: a row that changed since is left alone and reported; a row already
as the plan wants it (a rerun after a crash, a rerun of a finished plan) is not
written twice. So a run killed at any point leaves each store as before or as
after each committed step, and a rerun finishes the plan exactly once.

Then the touched collections are indexed again and every person of the plan is
looked up by their index tokens: no confirmed row may remain but the held ones.
The receipt (JSON, mode 0600) records the plan's hash, each step's outcome,
the held rows with their until-dates, the verification and the backup reminder,
with no personal value (tokens, and locators sealed in the index replaced by a
keyed hash). The erasure ledger keeps the people's tokens so that ``pdscan erase
--replay`` can erase them again after a backup is restored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdscan.atomic import write_private
from pdscan.config import SourceSpec
from pdscan.connector import CHANGED, DONE, GONE, RowChange, WritableConnector
from pdscan.erasure.model import DELETE, HOLD, REVIEW, ErasurePlan, PlannedRow, fingerprint
from pdscan.errors import PdscanError, SourceError, guard
from pdscan.index.db import is_url
from pdscan.index.keys import key_path, load_key
from pdscan.registry import source_identity
from pdscan.sources import OpenSources, SourceFailure

BACKUP_REMINDER = (
    "Backups and replicas keep copies of these rows until they rotate out. If a backup "
    "is restored, run `pdscan erase --replay` to erase these people again (the erasure "
    "ledger holds their index tokens, not their data).")


@dataclass
class Receipt:
    plan_hash: str
    dry_run: bool
    executed_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(
        microsecond=0).isoformat().replace("+00:00", "Z"))
    steps: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)
    errors: list[SourceFailure] = field(default_factory=list)
    verification: dict[str, Any] = field(default_factory=dict)
    reindexed: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.steps:
            out[s["outcome"]] = out.get(s["outcome"], 0) + 1
        return out

    @property
    def complete(self) -> bool:
        return not self.errors and self.verification.get("ok", self.dry_run) is True

    def to_dict(self) -> dict[str, Any]:
        return {"plan_hash": self.plan_hash, "executed_at": self.executed_at,
                "dry_run": self.dry_run, "counts": self.counts, "steps": self.steps,
                "held": self.held, "errors": [e.to_dict() for e in self.errors],
                "reindexed": self.reindexed, "verification": self.verification,
                "backups": BACKUP_REMINDER}


def erase(plan: ErasurePlan, specs: Sequence[SourceSpec], *, yes: bool = False,
          index: str | Path | None = None, receipt: str | Path | None = None,
          ledger: bool = True) -> Receipt:
    """Apply ``plan`` (a dry run unless ``yes``); see the module docstring."""
    index = index or plan.index
    key = load_key(key_path(index), create=False)
    out = Receipt(plan.hash, dry_run=not yes)
    resolved = _resolve(plan, specs)
    journal = Journal(index, plan.hash)
    with OpenSources(resolved.values()) as sources:
        for label in dict.fromkeys(r.source for r in plan.rows):
            done = journal.steps(label) if yes else None
            if done is not None:  # a rerun: this source's step was committed already
                out.steps += [{**s, "outcome": f"{s['outcome']} (earlier run)"} for s in done]
                continue
            rows = [r for r in plan.rows if r.source == label]
            failed = len(out.errors)
            steps = _source(sources, label, resolved[label].label, rows, key, yes, out.errors)
            out.steps += steps
            if yes and len(out.errors) == failed:
                journal.commit(label, steps)
    out.held = [_shown(r, key) | {"until": r.until, "basis": r.basis}
                for r in plan.rows if r.action == HOLD]
    if yes:
        if ledger:  # first: what was erased is on record whatever happens next
            record(index, plan)
        try:
            _reindex_and_verify(plan, specs, resolved, index, out)
        except PdscanError as err:  # the index busy, its disk budget ...: the writes stand
            out.errors.append(SourceFailure("index", f"re-index after the erasure: {err}; "
                                            "run `pdscan index`, then `pdscan lookup` of "
                                            "the people to verify"))
    if receipt is not None:
        write_private(Path(receipt), json.dumps(out.to_dict(), ensure_ascii=False,
                                                indent=2).encode())
    return out


def _resolve(plan: ErasurePlan, specs: Sequence[SourceSpec]) -> dict[str, SourceSpec]:
    """The config's source for each of the plan's, by identity, else by label."""
    from pdscan.subject_rows import resolve_sources

    return resolve_sources(plan.sources, {r.source for r in plan.rows}, specs)


def _checker(key: bytes, rows: Mapping[tuple[str, str], PlannedRow]) -> Any:
    def check(change: RowChange, current: Mapping[str, Any] | None) -> str:
        row = rows[(change.collection, change.locator.text)]
        if current is None:
            return DONE if row.action == DELETE else GONE
        now = fingerprint(key, current)
        if now == row.before:
            return "apply"
        if row.after and now == row.after:
            return DONE
        return CHANGED
    return check


def _source(sources: OpenSources, plan_label: str, label: str, rows: list[PlannedRow],
            key: bytes, yes: bool, errors: list[SourceFailure]) -> list[dict[str, Any]]:
    """Apply one source's rows (one transaction); the steps it took."""
    writing = [r for r in rows if r.writes]
    steps = [_shown(r, key) | {"action": r.action, "outcome": _kept(r)}
             for r in rows if not r.writes]
    if not writing:
        return steps
    got = sources.get(label)
    if got is None:
        failure = sources.errors[-1] if sources.errors else SourceFailure(label, "not open")
        errors.append(failure)
        return steps + [_shown(r, key) | {"action": r.action, "outcome": "source failed"}
                        for r in writing]
    conn = got[0]
    if not isinstance(conn, WritableConnector):
        errors.append(SourceFailure(label, "its connector cannot write"))
        return steps
    changes = [r.change() for r in writing]
    by_locator = {(c.collection, c.locator.text): r
                  for c, r in zip(changes, writing, strict=True)}
    try:
        with guard(label, "erasure"):
            outcomes = conn.apply_changes(changes, _checker(key, by_locator), dry_run=not yes)
    except SourceError as err:
        errors.append(SourceFailure.of(err))
        outcomes = ["rolled back"] * len(changes)
    return steps + [_shown(r, key) | {"action": r.action, "outcome": o}
                    for r, o in zip(writing, outcomes, strict=True)]


def _kept(row: PlannedRow) -> str:
    return {HOLD: "held", REVIEW: "for review"}.get(row.action, "kept (nothing to mask)")


def _shown(row: PlannedRow, key: bytes) -> dict[str, Any]:
    """A row as the receipt names it: no personal value (a sealed locator is hashed)."""
    locator: Any = row.locator
    if row.sealed:
        blob = json.dumps(row.locator, sort_keys=True).encode()
        locator = {"sealed": hmac.new(key, b"pdscan receipt\x1f" + blob,
                                      hashlib.sha256).hexdigest()[:32]}
    return {"source": row.source, "collection": row.collection, "locator": locator}


def _reindex_and_verify(plan: ErasurePlan, specs: Sequence[SourceSpec],
                        resolved: Mapping[str, SourceSpec], index: str | Path,
                        out: Receipt) -> None:
    from pdscan.index.build import refresh_index
    from pdscan.lookup import lookup_tokens

    touched = {(r.source, r.collection) for r in plan.rows if r.writes}
    labels = _index_labels(index, resolved)
    again = [SourceSpec(labels.get(p, p), resolved[p].url, resolved[p].options)
             for p in sorted({s for s, _c in touched})]
    refresh = {(labels.get(s, s), c) for s, c in touched}
    report = refresh_index(again, index, refresh)
    out.reindexed = sorted(f"{s}:{c}" for s, c in refresh)
    out.errors += report.errors
    held = {(r.source, r.collection, json.dumps(r.locator, sort_keys=True))
            for r in plan.rows if r.action != DELETE}
    index_to_plan = {v: k for k, v in labels.items()}
    remaining = []
    for subject in plan.subjects:
        found = lookup_tokens(index, subject["tokens"])
        for r in found.confirmed:
            k = (index_to_plan.get(r.source, r.source), r.collection,
                 json.dumps(r.locator.to_dict(), sort_keys=True))
            if k not in held:
                remaining.append({"source": k[0], "collection": r.collection,
                                  "locator": r.shown_locator()})
    out.verification = {"ok": not remaining, "people": len(plan.subjects),
                        "confirmed_rows_left": remaining,
                        "note": "a lookup of every person of the plan by their index "
                                "tokens finds no confirmed row but those kept (held, "
                                "masked or for review)" if not remaining else
                                "rows remain: see confirmed_rows_left"}


def _index_labels(index: str | Path, resolved: Mapping[str, SourceSpec]) -> dict[str, str]:
    """The index's label of each of the plan's sources (matched by identity)."""
    from pdscan.index.reader import IndexReader

    with IndexReader(index) as ix:
        by_identity = {identity: label for label, identity in ix.sources.items()}
    return {plan_label: by_identity.get(source_identity(spec.url, spec.options), plan_label)
            for plan_label, spec in resolved.items()}


class Journal:
    """Which of a plan's sources were committed, so that a rerun reports them instead
    of reading them again (a file rewritten has moved its other records' lines)."""

    def __init__(self, index: str | Path, plan_hash: str) -> None:
        self.path = ledger_path(index).parent / "erasures" / f"{plan_hash[:32]}.json"

    def _read(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.path.read_text()))
        except (OSError, ValueError):
            return {}

    def steps(self, source: str) -> list[dict[str, Any]] | None:
        return self._read().get(source)

    def commit(self, source: str, steps: list[dict[str, Any]]) -> None:
        write_private(self.path, json.dumps({**self._read(), source: steps}).encode())


# -- the erasure ledger -------------------------------------------------------------------

def ledger_path(index: str | Path) -> Path:
    """The ledger beside an index file (in ``.pdscan/`` for an index in PostgreSQL)."""
    if is_url(index):
        return Path(".pdscan") / "erasure-ledger.jsonl"
    return Path(index).with_name("erasure-ledger.jsonl")


def record(index: str | Path, plan: ErasurePlan) -> None:
    """Add the plan's people (their tokens) to the ledger, kept whole and 0600."""
    path = ledger_path(index)
    old = path.read_bytes() if path.exists() else b""
    entry = {"plan_hash": plan.hash, "erased_at": dt.datetime.now(dt.UTC).replace(
        microsecond=0).isoformat().replace("+00:00", "Z"),
        "subjects": [{"tokens": s["tokens"]} for s in plan.subjects]}
    write_private(path, old + json.dumps(entry).encode() + b"\n")


def ledger(index: str | Path) -> list[dict[str, Any]]:
    path = ledger_path(index)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
