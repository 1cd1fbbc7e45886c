"""Labels, tool-to-fideslang mappings and the one scoring rule applied to every tool.

Stdlib + PyYAML (for the labels files). No import of pdscan, so that scoring does not
depend on the tool under test.

Scoring rule (per labelled store, identically for every tool)
------------------------------------------------------------
Each tool's findings are reduced to ``(collection, column) -> set of fideslang keys``
through the tool's mapping table below (entity types a table maps to nothing are dropped
from this score). For every labelled column with truth set T and predicted set P:

* a truth category ``t`` is a **true positive** when some ``p`` in P is *related* to it,
  else a **false negative**;
* a predicted category ``p`` related to no ``t`` in T is a **false positive** (a decoy
  column or a ``[]`` column has T empty, so every prediction on it is one);
* a prediction on a column the labels do not list is a false positive too.

Two keys are *related* when they are equal or one is a dotted ancestor of the other
(``user.name`` ~ ``user.name.first``; ``user.contact.address`` ~
``user.contact.address.city``), provided the shorter key has at least two segments
(the bare root ``user`` matches nothing). Precision = TP/(TP+FP), recall = TP/(TP+FN),
F1 their harmonic mean; an empty denominator gives 1.0 (precision) as pdscan's own
``evaluate`` does. A second, coarser score (``column``) asks only "is this column
personal?": predicted personal = the tool reported anything on it (mapped or not),
truth personal = T is not empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

Key = tuple[str, str]  # (collection, column)

# --------------------------------------------------------------------------- mappings
# Each peer's own entity types -> fideslang keys. Documented, with the reasons, in
# README.md ("Mappings"). An entity type absent from its table counts only in the
# column-level score.
PDSCAN: dict[str, tuple[str, ...]] = {}  # pdscan reports fideslang keys: identity

PRESIDIO: dict[str, tuple[str, ...]] = {
    "PERSON": ("user.name",),
    "EMAIL_ADDRESS": ("user.contact.email",),
    "PHONE_NUMBER": ("user.contact.phone_number",),
    "LOCATION": ("user.contact.address",),
    "DATE_TIME": ("user.demographic.date_of_birth",),
    "NRP": ("user.demographic",),
    "IP_ADDRESS": ("user.device.ip_address",),
    "MAC_ADDRESS": ("user.device.device_id",),
    "CREDIT_CARD": ("user.financial.credit_card",),
    "IBAN_CODE": ("user.financial.bank_account",),
    "US_BANK_NUMBER": ("user.financial.bank_account",),
    "CRYPTO": ("user.financial",),
    "US_SSN": ("user.government_id.national_identification_number",),
    "US_ITIN": ("user.government_id.national_identification_number",),
    "UK_NHS": ("user.health_and_medical.insurance_beneficiary_id",),
    "US_PASSPORT": ("user.government_id.passport_number",),
    "US_DRIVER_LICENSE": ("user.government_id.drivers_license_number",),
    "MEDICAL_LICENSE": ("user.government_id",),
    "URL": ("user.contact.url",),
    "UUID": ("user.unique_id",),
}

PIICATCHER: dict[str, tuple[str, ...]] = {
    "Person": ("user.name",),
    "Email": ("user.contact.email",),
    "Phone": ("user.contact.phone_number",),
    "Address": ("user.contact.address",),
    "Zip Code": ("user.contact.address.postal_code",),
    "PO Box": ("user.contact.address",),
    "Birth Date": ("user.demographic.date_of_birth",),
    "Gender": ("user.demographic.gender",),
    "Nationality": ("user.demographic",),
    "SSN": ("user.government_id.national_identification_number",),
    "Credit Card": ("user.financial.credit_card",),
    "User Name": ("user.account.username",),
    "Password": ("user.authorization.password",),
}

DATAFOG: dict[str, tuple[str, ...]] = {
    "EMAIL": ("user.contact.email",),
    "PHONE": ("user.contact.phone_number",),
    "SSN": ("user.government_id.national_identification_number",),
    "CREDIT_CARD": ("user.financial.credit_card",),
    "IP_ADDRESS": ("user.device.ip_address",),
    "DATE": ("user.demographic.date_of_birth",),  # its "DOB" pattern (any date)
    "ZIP_CODE": ("user.contact.address.postal_code",),
    "DE_IBAN": ("user.financial.bank_account",),
    "DE_SOCIAL_SECURITY_NUMBER": ("user.government_id.national_identification_number",),
    "DE_TAX_ID": ("user.government_id.national_identification_number",),
    "DE_PASSPORT_NUMBER": ("user.government_id.passport_number",),
    "DE_POSTAL_CODE": ("user.contact.address.postal_code",),
    "PERSON": ("user.name",),
    "LOCATION": ("user.contact.address",),
    "ADDRESS": ("user.contact.address",),
}

MAPPINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "pdscan": PDSCAN,
    "piicatcher": PIICATCHER,
    "presidio-structured": PRESIDIO,
    "presidio-structured-mixed": PRESIDIO,
    "datafog": DATAFOG,
}


def map_entity(tool: str, entity: str) -> tuple[str, ...]:
    if tool == "pdscan":
        return (entity,)
    return MAPPINGS[tool].get(entity, ())


# ----------------------------------------------------------------------------- labels
def load_labels(path: str | Path, store: str | None = None,
                collection_prefix: str | None = None) -> dict[Key, frozenset[str]]:
    """Column -> truth categories. ``store`` picks one store of a several-store file
    (``sample_db/labels.yaml``); ``collection_prefix`` keeps only collections whose name
    starts with it (``main.``: the SQLite part of sample_db)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if "stores" in data:
        if store is None:
            raise ValueError(f"{path}: several stores; name one")
        colls = data["stores"][store]
    else:
        colls = data.get("collections", {})
    truth: dict[Key, frozenset[str]] = {}
    for cname, entry in colls.items():
        if collection_prefix and not str(cname).startswith(collection_prefix):
            continue
        columns = entry.get("columns", entry) if isinstance(entry, Mapping) else {}
        if not isinstance(columns, Mapping):
            continue
        for col, label in columns.items():
            if isinstance(label, Mapping) and isinstance(label.get("fields"), Mapping):
                for k, x in label["fields"].items():
                    truth[(str(cname), f"{col}.{k}")] = _cats(x)
                continue
            truth[(str(cname), str(col))] = _cats(label)
    return truth


def _cats(label: Any) -> frozenset[str]:
    if isinstance(label, Mapping):
        label = label.get("categories") or []
    return frozenset(str(c).strip().rstrip(".") for c in (label or []))


# ---------------------------------------------------------------------------- scoring
def related(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short.count(".") >= 1 and long_.startswith(short + ".")


def predictions(tool: str, findings: Iterable[Mapping[str, Any]]
                ) -> tuple[dict[Key, set[str]], set[Key]]:
    """(column -> mapped fideslang keys, columns with any finding at all)."""
    mapped: dict[Key, set[str]] = {}
    flagged: set[Key] = set()
    for f in findings:
        key = (str(f["collection"]), str(f["column"]))
        flagged.add(key)
        cats = map_entity(tool, str(f.get("category") or f.get("entity")))
        if cats:
            mapped.setdefault(key, set()).update(cats)
    return mapped, flagged


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f1, 3)}


def score(tool: str, findings: Iterable[Mapping[str, Any]],
          truth: Mapping[Key, frozenset[str]]) -> dict[str, Any]:
    mapped, flagged = predictions(tool, findings)
    tp = fp = fn = 0
    mistakes: list[dict[str, str]] = []
    for key, t in truth.items():
        p = mapped.get(key, set())
        hit = {c for c in t if any(related(x, c) for x in p)}
        extra = {x for x in p if not any(related(x, c) for c in t)}
        tp += len(hit)
        fn += len(t) - len(hit)
        fp += len(extra)
        mistakes += [{"kind": "fn", "collection": key[0], "column": key[1], "category": c}
                     for c in sorted(t - hit)]
        mistakes += [{"kind": "fp", "collection": key[0], "column": key[1], "category": x}
                     for x in sorted(extra)]
    for key, p in mapped.items():
        if key not in truth:
            fp += len(p)
            mistakes += [{"kind": "fp", "collection": key[0], "column": key[1], "category": x,
                          "note": "column not in labels"} for x in sorted(p)]
    ctp = sum(1 for k, t in truth.items() if t and k in flagged)
    cfn = sum(1 for k, t in truth.items() if t and k not in flagged)
    cfp = sum(1 for k in flagged if not truth.get(k))
    return {"category": _prf(tp, fp, fn), "column": _prf(ctp, cfp, cfn),
            "mistakes": mistakes}
