"""Measure detection against ground-truth labels: precision and recall per category.

Labels are YAML. Two layouts are read:

* several stores (``sample_db/labels.yaml``)::

    stores:
      shop:                       # a source label
        main.customers:
          columns:
            email: [user.contact.email]
            sku: {categories: [], decoy: true}

* one store (``tests/schemas/*.labels.yaml``)::

    collections:
      hr.employees:
        vorname: [user.name.first]

A finding counts only for its exact category key; a column labelled ``[]``
that gets a finding is a false positive, as is a finding on a column the labels
do not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pdscan.detect import Finding
from pdscan.errors import ConfigError

Key = tuple[str, str, str]  # (store, collection, column)


@dataclass
class Labels:
    truth: dict[Key, frozenset[str]] = field(default_factory=dict)
    decoys: set[Key] = field(default_factory=set)

    @property
    def stores(self) -> set[str]:
        return {k[0] for k in self.truth}


def _columns(entry: Any) -> Mapping[str, Any]:
    if isinstance(entry, Mapping) and isinstance(entry.get("columns"), Mapping):
        return entry["columns"]
    return entry if isinstance(entry, Mapping) else {}


def load_labels(path: str | Path, store: str | None = None,
                prefix: str | None = None) -> Labels:
    """Read a labels file. ``store`` names the single store of a one-store file;
    ``prefix`` is put before its collection names (a MariaDB database name)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read labels: {exc}") from exc
    stores: dict[str, Mapping[str, Any]]
    if "stores" in data:
        stores = data["stores"]
    else:
        name = store or str(data.get("store", "store"))
        colls = data.get("collections", {})
        if prefix:
            colls = {f"{prefix}.{k}": v for k, v in colls.items()}
        stores = {name: colls}
    labels = Labels()
    for sname, colls in stores.items():
        for cname, entry in colls.items():
            columns = dict(_columns(entry))
            for col, label in list(columns.items()):
                # A list of records is judged per key, as detection flattens it
                # (``contacts`` -> ``contacts.email``).
                if isinstance(label, Mapping) and isinstance(label.get("fields"), Mapping):
                    del columns[col]
                    columns.update({f"{col}.{k}": x for k, x in label["fields"].items()})
            for col, label in columns.items():
                key = (str(sname), str(cname), str(col))
                if isinstance(label, Mapping):
                    labels.truth[key] = frozenset(label.get("categories") or [])
                    if label.get("decoy"):
                        labels.decoys.add(key)
                else:
                    labels.truth[key] = frozenset(label or [])
    return labels


@dataclass
class CategoryScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    per_category: dict[str, CategoryScore] = field(default_factory=dict)
    #: (kind "fp"/"fn", store, collection, column, category, note)
    mistakes: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)

    def score(self, category: str) -> CategoryScore:
        return self.per_category.setdefault(category, CategoryScore())

    @property
    def total(self) -> CategoryScore:
        t = CategoryScore()
        for s in self.per_category.values():
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
        return t

    def to_dict(self) -> dict[str, Any]:
        return {
            "categories": [
                {"category": c, "tp": s.tp, "fp": s.fp, "fn": s.fn,
                 "precision": round(s.precision, 3), "recall": round(s.recall, 3)}
                for c, s in sorted(self.per_category.items())],
            "total": {"tp": self.total.tp, "fp": self.total.fp, "fn": self.total.fn,
                      "precision": round(self.total.precision, 3),
                      "recall": round(self.total.recall, 3)},
            "mistakes": [dict(zip(("kind", "store", "collection", "column", "category", "note"),
                                  m, strict=True)) for m in self.mistakes],
        }


def evaluate(findings: Iterable[Finding], labels: Labels,
             store_of: Mapping[str, str] | None = None,
             collections_scanned: Iterable[tuple[str, str]] | None = None) -> Evaluation:
    """Compare findings with labels. ``store_of`` maps a finding's source label to a
    labels store; ``collections_scanned`` limits false negatives to what was read."""
    store_of = store_of or {}
    predicted: dict[Key, set[str]] = {}
    for f in findings:
        key = (store_of.get(f.source, f.source), f.collection, f.column)
        predicted.setdefault(key, set()).add(f.category)
    scanned = set(collections_scanned) if collections_scanned is not None else None
    ev = Evaluation()
    for key, truth in labels.truth.items():
        if scanned is not None and key[:2] not in scanned:
            continue
        got = predicted.get(key, set())
        for cat in truth & got:
            ev.score(cat).tp += 1
        for cat in got - truth:
            ev.score(cat).fp += 1
            ev.mistakes.append(("fp", *key, cat, "decoy" if key in labels.decoys else ""))
        for cat in truth - got:
            ev.score(cat).fn += 1
            ev.mistakes.append(("fn", *key, cat, ""))
    for key, got in predicted.items():
        if key not in labels.truth:
            for cat in got:
                ev.score(cat).fp += 1
                ev.mistakes.append(("fp", *key, cat, "column not in labels"))
    return ev
