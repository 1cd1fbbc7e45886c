"""``plan_erasure``: what erasing people means, row by row, before anything is done.

From each person's lookup, every confirmed row is fetched and re-verified at its
source (the trusted path: a row that no longer holds what reached it is never
acted on); candidates, hubs and rows pdscan cannot write go to review. Each row
then gets its action from the policy's first matching rule (``delete``, ``mask``
with a strategy per column, ``hold`` until a date, ``review``), and the keys
between rows decide the rest:

* a row kept (held, masked, reviewed) keeps every row it references: an order
  kept for its invoice, a customer kept for the order; those are masked instead
  of deleted, and the plan says why;
* a row that rows outside the request reference through a declared foreign key
  is masked instead of deleted (deleting it would fail, null out or cascade into
  someone else's rows);
* a row also about other people (a ticket with another customer in copy) is not
  deleted: the person's part of it is masked, or it goes to review;
* rows are ordered children before parents, so no foreign key is violated.

Each row carries a keyed fingerprint of its content, so that ``erase`` leaves
alone a row that changed after it was planned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo, Connector, WritableConnector
from pdscan.erasure import strategies as st
from pdscan.erasure.model import (
    DELETE,
    HOLD,
    MASK,
    REVIEW,
    ColumnMask,
    ErasurePlan,
    PlannedRow,
    fingerprint,
    plain,
)
from pdscan.erasure.policy import ErasurePolicy, RowRule
from pdscan.errors import UsageError
from pdscan.graph import children_first
from pdscan.index.keys import key_path, load_key
from pdscan.index.reader import IndexReader
from pdscan.lookup import LookupResult, lookup
from pdscan.policy import Policy
from pdscan.registry import source_identity
from pdscan.sources import OpenSources
from pdscan.subject import SubjectQuery
from pdscan.subject_rows import FetchedRow, fetch_subject_rows, resolve_sources

Key = tuple[str, str, str]  # PlannedRow.key
#: Categories that identify no one on their own: left as they are in a masked row
#: unless a strategy rule names them.
NOT_IDENTIFYING = ("user.privacy_preferences", "user.demographic.language")


class PlanError(UsageError):
    """The plan cannot be made as the policy asks (a column no strategy can mask)."""


def plan_erasure(index: str | Path, specs: Sequence[SourceSpec], policy: Policy,
                 queries: Sequence[SubjectQuery], today: dt.date | None = None,
                 results: Sequence[LookupResult] | None = None) -> ErasurePlan:
    """The erasure plan of the people ``queries`` name (one query per person).

    >>> plan = plan_erasure(index, specs, policy, [SubjectQuery.of(email="a@b.fr")])
    ...                                                     # doctest: +SKIP
    """
    today = today or dt.date.today()
    results = list(results) if results is not None else [lookup(index, q) for q in queries]
    key = load_key(key_path(index), create=False)
    planner = _Planner(index, policy, key, today)
    with OpenSources(specs) as sources:
        planner.collect(results, specs, sources)
        planner.decide(sources)
        planner.order()
    identities = {label: source_identity(s.url, s.options) for label, s in
                  {r.source: sources.specs[r.source] for r in planner.rows.values()}.items()}
    plan = ErasurePlan(str(index), policy.path, identities, planner.subjects,
                       planner.ordered, planner.review, planner.recipients(),
                       planner.warnings)
    return plan.seal()


class _Planner:
    def __init__(self, index: str | Path, policy: Policy, key: bytes, today: dt.date) -> None:
        self.index, self.policy, self.key, self.today = index, policy, key, today
        self.rules: ErasurePolicy = policy.erasure
        self.subjects: list[dict[str, Any]] = []
        self.review: list[dict[str, Any]] = []
        self.warnings: list[str] = []
        self.fetched: dict[Key, FetchedRow] = {}
        self.owners: dict[Key, set[int]] = {}
        self.people: dict[int, st.Person] = {}
        self.rows: dict[Key, PlannedRow] = {}
        #: The planned rows each row references, and through which of its columns.
        self.parents: dict[Key, dict[Key, set[str]]] = {}
        self.ordered: list[PlannedRow] = []
        self.region = "FR"

    # -- what the lookups found ----------------------------------------------------
    def collect(self, results: Sequence[LookupResult], specs: Sequence[SourceSpec],
                sources: OpenSources) -> None:
        with IndexReader(self.index) as ix:
            self.region = ix.region
            #: (source, collection, column) -> (source, collection) it references, by index
            #: label: declared and inferred keys alike
            self.links = {(ix.collections[link.from_collection].source,
                           ix.collections[link.from_collection].name, cols):
                          (ix.collections[link.to_collection].source,
                           ix.collections[link.to_collection].name)
                          for (_f, cols), link in ix.links.items()}
            self.index_labels = dict(ix.sources)
        confirmed = []
        for n, result in enumerate(results):
            self.subjects.append({"query": result.shown_query(), "tokens": [
                [i.field, i.kind, ns, token.hex()]
                for i in result.items for token, (_k, ns) in i.tokens]})
            confirmed += [(n, r) for r in result.confirmed]
            self.review += [{"source": r.source, "collection": r.collection,
                             "locator": r.shown_locator(), "subject": n,
                             "reason": f"candidate ({r.via}): for a person to check"}
                            for r in result.rows if not r.confirmed]
            self.review += [{"subject": n, "reason": f"hub: a {h['category']} shared by "
                             f"{h['rows']} rows was not followed"} for h in result.hubs]
        unique = {r.key: r for _n, r in confirmed}
        got = fetch_subject_rows(self.index, list(unique.values()), specs, sources)
        got.raise_if_stale()
        self.warnings += [f"{e.source}: {e.message}" for e in got.errors]
        self.review += [{"source": r.source, "collection": r.collection,
                         "locator": r.shown_locator(), "reason": "its source could not be "
                         "read: not checked, not acted on"} for r in got.unchecked]
        self.label_of = resolve_sources(self.index_labels, {r.source for r in unique.values()},
                                        specs)
        for fr in got.rows:
            k = _key(fr)
            self.fetched[k] = fr
            self.owners[k] = {n for n, r in confirmed if r.key == fr.row.key}
        for n in range(len(results)):
            mine = [fr for k, fr in self.fetched.items() if n in self.owners[k]]
            self.people[n] = st.Person(
                frozenset(i.normalised for i in results[n].items),
                frozenset(str(fr.values[c]) for fr in mine for c, cat in fr.categories.items()
                          if cat.startswith("user.name") and fr.values.get(c)),
                self.region)

    # -- what to do with each row --------------------------------------------------
    def decide(self, sources: OpenSources) -> None:
        for k, fr in self.fetched.items():
            self.rows[k] = self._first_action(fr, sources)
        by_pk: dict[tuple[str, str, tuple[Any, ...]], Key] = {}
        for k, fr in self.fetched.items():
            pk = fr.row.locator.to_dict().get("pk")
            if isinstance(pk, dict):
                by_pk[(fr.row.source, fr.row.collection, tuple(plain(v) for v in pk.values()))] = k
        for k, fr in self.fetched.items():
            self.parents[k] = self._parents_of(fr, by_pk)
        self._keep_what_kept_rows_need(sources)

    def _info(self, fr: FetchedRow, sources: OpenSources) -> tuple[Connector | None,
                                                                   CollectionInfo | None]:
        got = sources.get(fr.label)
        if got is None:
            return None, None
        return got[0], got[1].get(fr.row.collection)

    def _first_action(self, fr: FetchedRow, sources: OpenSources) -> PlannedRow:
        conn, info = self._info(fr, sources)
        base = self._row(fr, REVIEW, "")
        if conn is None or info is None or not isinstance(conn, WritableConnector):
            return _with(base, reason="pdscan cannot change rows of this store: "
                                      "for a person to erase")
        if fr.row.shared:
            return self._mask_part(fr, info, "also about other people: only this "
                                             "person's part is masked")
        rule = self.rules.row_rule(fr.label, fr.row.collection)
        action = rule.action if rule else self.rules.default
        why = rule.describe() if rule else f"policy default ({self.rules.default})"
        if action == HOLD and rule is not None and rule.hold is not None:
            held = self._hold(fr, info, rule)
            if held is not None:
                return held
            action = rule.hold.then
            why += f": the hold has ended, then {action}"
        if action == MASK:
            return self._mask(fr, info, why, rule.categories if rule else ())
        if action == REVIEW:
            return _with(base, reason=why)
        return _with(base, action=DELETE, reason=why)

    def _hold(self, fr: FetchedRow, info: CollectionInfo, rule: RowRule) -> PlannedRow | None:
        hold = rule.hold
        assert hold is not None
        until: dt.date | None = None
        if not hold.indefinite:
            start = _date(fr.values.get(hold.start or ""))
            if start is None:
                return _with(self._row(fr, REVIEW, ""), reason=(
                    f"{rule.describe()}: held, but its {hold.start!r} is not a date: for a "
                    "person to decide"))
            until = hold.until(start)
            if until <= self.today:
                return None
        masked = [c for c, cat in fr.categories.items()
                  if self.rules.strategy_for(cat) is not None
                  and not any(cat == p or cat.startswith(p + ".") for p in hold.keep)]
        row = self._mask(fr, info, f"{rule.describe()}: {hold.basis}", (), masked)
        return _with(row, action=HOLD, until=until.isoformat() if until else None,
                     basis=hold.basis)

    def _row(self, fr: FetchedRow, action: str, reason: str) -> PlannedRow:
        r = fr.row
        return PlannedRow(fr.label, r.collection, r.locator.to_dict(), action, reason,
                          before=fingerprint(self.key, fr.values),
                          categories=tuple(sorted(set(fr.categories.values()))),
                          sealed=r.sealed, subjects=tuple(sorted(self.owners[_key(fr)])))

    def _personal_columns(self, fr: FetchedRow, info: CollectionInfo) -> list[str]:
        keys = set(info.primary_key) | {c for fk in info.foreign_keys for c in fk.columns} | {
            cols for (src, coll, cols) in self.links
            if (src, coll) == (self._index_label(fr), fr.row.collection)}
        return [c for c in fr.categories if (c in fr.values and c not in keys)
                or (c in info.primary_key and fr.row.sealed)]

    def _index_label(self, fr: FetchedRow) -> str:
        return fr.row.source

    def _mask(self, fr: FetchedRow, info: CollectionInfo, why: str,
              categories: Iterable[str] = (), columns: Iterable[str] | None = None
              ) -> PlannedRow:
        wanted = tuple(categories)
        cols = list(columns) if columns is not None else [
            c for c in self._personal_columns(fr, info)
            if not wanted or any(fr.categories[c] == p or fr.categories[c].startswith(p + ".")
                                 for p in wanted)]
        masks = [self._column_mask(fr, info, c) for c in cols]
        return self._masked(fr, MASK, why, tuple(m for m in masks if m is not None))

    def _mask_part(self, fr: FetchedRow, info: CollectionInfo, why: str) -> PlannedRow:
        """A row also about others: unlink the person (their reference, their
        identifiers) and redact them from its texts; review what cannot be."""
        mine = {p.column.sources[0] for p in fr.row.proofs if len(p.column.sources) == 1}
        masks = []
        for c, value in fr.values.items():
            if value is None:
                continue
            cat = fr.categories.get(c)
            column = self._column(info, c, cat)
            if c in mine:
                strategy = "null"
            elif isinstance(value, str) and column.text and not column.unique and \
                    st.redact(value, self._person(fr)) != value:
                strategy = "redact"  # a text that names them
            else:
                continue  # another person's column, not theirs to mask
            try:
                st.check(strategy, column)
            except st.StrategyError as exc:
                return _with(self._row(fr, REVIEW, ""), reason=f"{why}; {c}: {exc}: for a "
                                                               "person to decide")
            masks.append(self._value(fr, c, cat, strategy, column))
        if not masks:
            return _with(self._row(fr, REVIEW, ""), reason=f"{why}; nothing of theirs "
                                                           "to mask: for a person to decide")
        return self._masked(fr, MASK, why, tuple(masks))

    def _masked(self, fr: FetchedRow, action: str, why: str,
                masks: tuple[ColumnMask, ...]) -> PlannedRow:
        after = {**fr.values, **{m.column: m.value for m in masks}}
        return _with(self._row(fr, action, why), masks=masks,
                     after=fingerprint(self.key, after) if masks else "")

    def _column(self, info: CollectionInfo, name: str, category: str | None) -> st.Column:
        col = info.column(name)
        if col is None:
            from pdscan.connector import ColumnInfo

            col = ColumnInfo(name, "string", True)
        unique = any(u == (name,) for u in info.unique)
        return st.Column(col, unique, category)

    def _column_mask(self, fr: FetchedRow, info: CollectionInfo, name: str
                     ) -> ColumnMask | None:
        category = fr.categories.get(name)
        column = self._column(info, name, category)
        rule = self.rules.strategy_for(category)
        where = f"{fr.label}:{fr.row.collection}.{name}"
        if rule is not None:
            try:
                st.check(rule.strategy, column)
            except st.StrategyError as exc:
                raise PlanError(f"{where} ({category}): the strategy {rule.strategy} of the "
                                f"rule at line {rule.line} cannot apply: {exc}") from exc
            return self._value(fr, name, category, rule.strategy, column)
        tried = []
        for strategy in dict.fromkeys([st.default_strategy(column), "null", "pseudonym"]):
            try:
                st.check(strategy, column)
            except st.StrategyError as exc:
                tried.append(str(exc))
                continue
            return self._value(fr, name, category, strategy, column)
        raise PlanError(f"{where} ({category}, {column.info.native_type or column.info.type}"
                        f"{', NOT NULL' if not column.info.nullable else ''}"
                        f"{', UNIQUE' if column.unique else ''}): no strategy can mask it "
                        f"({'; '.join(tried)}); give it one in the policy's erasure rules")

    def _person(self, fr: FetchedRow) -> st.Person:
        """Whom the row belongs to (several people, in a batch plan)."""
        owners = self.owners[_key(fr)]
        return st.Person(frozenset().union(*(self.people[n].identifiers for n in owners)),
                         frozenset().union(*(self.people[n].names for n in owners)),
                         self.region)

    def _value(self, fr: FetchedRow, name: str, category: str | None, strategy: str,
               column: st.Column) -> ColumnMask:
        value = st.apply(strategy, fr.values.get(name), column, self.key, self._person(fr))
        return ColumnMask(name, category, strategy, plain(value))

    # -- keys between rows -----------------------------------------------------------
    def _parents_of(self, fr: FetchedRow, by_pk: Mapping[tuple[str, str, tuple[Any, ...]], Key]
                    ) -> dict[Key, set[str]]:
        """The planned rows this row references (declared or inferred keys), with the
        columns it references them through (``by_pk``: planned rows by their key)."""
        out: dict[Key, set[str]] = {}
        for (src, coll, col), target in self.links.items():
            if (src, coll) != (fr.row.source, fr.row.collection):
                continue
            value = fr.values.get(col)
            if value is None:
                continue
            parent = by_pk.get((*target, (plain(value),)))
            if parent is not None:
                out.setdefault(parent, set()).add(col)
        return out

    def _needs(self, child: Key, parent: Key) -> bool:
        """Whether a kept row still references ``parent`` once masked (a mask that
        nulls the reference, as for a customer in copy of a ticket, lets it go)."""
        row = self.rows[child]
        if row.action == DELETE:
            return False
        nulled = {m.column for m in row.masks if m.value is None}
        return bool(self.parents[child].get(parent, set()) - nulled)

    def _keep_what_kept_rows_need(self, sources: OpenSources) -> None:
        """Parents of kept rows are kept (masked); so are rows others reference."""
        outside = self._referenced_from_outside(sources)
        children: dict[Key, set[Key]] = {}
        for child, parents in self.parents.items():
            for parent in parents:
                children.setdefault(parent, set()).add(child)
        todo = list(self.rows)
        while todo:
            k = todo.pop()
            if self.rows[k].action != DELETE:
                continue
            why = outside.get(k)
            kept = next((c for c in sorted(children.get(k, ())) if self._needs(c, k)), None)
            if kept is not None:
                child = self.rows[kept]
                why = f"kept because a {child.action} row of {child.collection} references it"
            if why:
                fr = self.fetched[k]
                _conn, info = self._info(fr, sources)
                assert info is not None
                self.rows[k] = self._mask(fr, info, why)
                todo += self.parents.get(k, {})  # what it references is needed now

    def _referenced_from_outside(self, sources: OpenSources) -> dict[Key, str]:
        """Rows that rows outside the request reference through a declared foreign key:
        deleting them would fail, null out or cascade into someone else's rows. One
        query per foreign key, for all the planned rows it may point at."""
        planned = {(fr.label, fr.row.collection, fr.row.locator) for fr in self.fetched.values()}
        out: dict[Key, str] = {}
        for label in {fr.label for fr in self.fetched.values()}:
            got = sources.get(label)
            if got is None or not isinstance(got[0], WritableConnector):
                continue
            conn, infos = got
            if not getattr(conn, "declares_keys", True):
                continue  # files, Redis: no foreign key can point at their rows
            mine = [(k, fr) for k, fr in self.fetched.items() if fr.label == label]
            children = infos.values()
            # a table the source cannot read, or one its config leaves out, may reference
            # these rows (a CASCADE would then erase what this plan does not show)
            unread = sorted(getattr(conn, "unreadable", None) or {})
            if unread:
                self.warnings.append(f"{label}: not checked for rows referencing the "
                                     f"erased ones (cannot be read): {', '.join(unread)}")
            if getattr(conn, "include", None) or getattr(conn, "exclude", None):
                self.warnings.append(f"{label}: tables left out by include/exclude are not "
                                     "checked for rows referencing the erased ones")
            for child in children:
                for fk in child.foreign_keys:
                    targets = [(k, fr) for k, fr in mine if fr.row.collection == fk.ref_collection
                               and all(c in fr.values for c in fk.ref_columns)]
                    if not targets:
                        continue
                    keys = {tuple(plain(fr.values[c]) for c in fk.ref_columns): k
                            for k, fr in targets}
                    refs = conn.references(child.name, fk.columns, list(keys))
                    rule = (fk.on_delete or "NO ACTION").upper()
                    values = refs.batch.select(list(fk.columns)).to_pylist()
                    for loc, row in zip(refs.iter_locators(), values, strict=True):
                        if (label, child.name, loc) in planned:
                            continue
                        k = keys.get(tuple(plain(row[c]) for c in fk.columns))
                        if k is not None and k not in out:
                            out[k] = (f"kept: rows of {child.name} outside this request "
                                      f"reference it (ON DELETE {rule})")
        return out

    # -- order and recipients ----------------------------------------------------
    def order(self) -> None:
        keys = sorted(self.rows, key=lambda k: (self.rows[k].action != DELETE, k))
        order = children_first(keys, self.parents)
        self.ordered = [self.rows[k] for k in order]

    def recipients(self) -> list[dict[str, Any]]:
        """Art. 19: whom the policy says receives the categories erased or masked."""
        out: dict[str, dict[str, Any]] = {}
        for row in self.ordered:
            if row.action not in (DELETE, MASK):
                continue
            for cat in row.categories:
                described = self.policy.describe(cat, row.source, row.collection) or {}
                for r in described.get("recipients") or []:
                    entry = r if isinstance(r, Mapping) else {"name": str(r)}
                    name = str(entry.get("name", entry))
                    got = out.setdefault(name, {**entry, "categories": []})
                    if cat not in got["categories"]:
                        got["categories"].append(cat)
        return sorted(out.values(), key=lambda e: str(e.get("name")))


def _key(fr: FetchedRow) -> Key:
    import json

    return fr.label, fr.row.collection, json.dumps(fr.row.locator.to_dict(), sort_keys=True)


def _with(row: PlannedRow, **changes: Any) -> PlannedRow:
    from dataclasses import replace

    return replace(row, **changes)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None

