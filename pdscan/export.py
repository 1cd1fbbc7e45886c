"""``export``: one person's data and the Art. 15 facts, as a package to send them.

Lookup (from the index) gives the person's rows; each row is fetched again from
its source by locator. A row that holds the person's data directly gives its
personal columns; a row reached only through a key (an order, a payment) gives
its own fields. Every field carries its data category; values keep their types
(ISO 8601 dates, exact decimals as text, base64 binary). The manifest comes from
the controller's policy and lists every category found, described or not.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import decimal
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pdscan import __version__
from pdscan.atomic import write_private
from pdscan.config import SourceSpec
from pdscan.errors import UsageError
from pdscan.freetext import PATTERNS, names_in
from pdscan.lookup import lookup
from pdscan.policy import Policy
from pdscan.sources import SourceFailure
from pdscan.subject import SubjectQuery
from pdscan.subject_rows import fetch_subject_rows
from pdscan.validators import Context, fold

FORMATS = ("json", "csv", "parquet")
REDACTED = "[redacted: another person]"


@dataclass
class ExportPackage:
    subject: dict[str, str]
    manifest: dict[str, Any]
    data: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(recs["records"] for colls in self.data.values()
                       for recs in colls.values())

    def to_dict(self) -> dict[str, Any]:
        return {"pdscan_version": __version__,
                "generated_at": self.manifest["generated_at"], "subject": self.subject,
                "manifest": self.manifest, "data": self.data, "warnings": self.warnings}

    def summary(self) -> list[dict[str, Any]]:
        return [{"source": s, "collection": c, "records": len(v["records"]),
                 "categories": sorted({f["category"] for r in v["records"]
                                       for f in r["fields"].values() if f["category"]})}
                for s, colls in self.data.items() for c, v in colls.items()]


def plain(value: Any) -> Any:
    """A value as JSON can carry it without losing anything."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _redact_others(text: str, own: set[str], own_names: set[str], ctx: Context) -> str:
    """Replace e-mails, phone numbers and names in ``text`` that are not the subject's."""
    for rule, rx, _not in PATTERNS:
        if rule.id not in ("email", "phone") or rule.normaliser is None:
            continue

        def swap(m: re.Match[str], rule: Any = rule) -> str:
            norm = rule.normaliser(m.group(0), ctx)
            if rule.validator and not rule.validator(m.group(0), ctx):
                return m.group(0)
            return m.group(0) if norm in own else REDACTED
        text = rx.sub(swap, text)
    for name in names_in(text):
        if not set(fold(name).split()) <= own_names:
            text = text.replace(name, REDACTED)
    return text


#: Categories never written into an export: credentials protect the account itself
#: (Art. 15(4): the copy must not adversely affect the rights of others or security).
WITHHELD = ("user.authorization",)


def withheld(category: str | None) -> bool:
    return bool(category) and any(category == w or category.startswith(w + ".")
                                  for w in WITHHELD)


def export_subject(
    index: str | Path, specs: Sequence[SourceSpec], policy: Policy,
    query: SubjectQuery | None = None, *, emails: Iterable[str] = (),
    phones: Iterable[str] = (), ids: Iterable[str] = (), portable_only: bool = False,
    redact_others: bool = False, region: str = "FR",
) -> ExportPackage:
    """Everything held on one person, ready to write with :func:`write_package`.

    Every row is fetched from its source and re-verified first; if the index is out of
    date for any of the person's rows, :class:`StaleIndexError` is raised and nothing
    is exported (an answer built on a stale index may miss the person's rows).
    """
    if query is None:
        query = SubjectQuery.of(email=emails, phone=phones, id=ids, region=region)
    result = lookup(index, query)
    ctx = Context(region=query.region)
    got = fetch_subject_rows(index, result.confirmed, specs)
    got.raise_if_stale()
    errors = list(got.errors)
    data: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = {}
    found_categories: dict[str, set[tuple[str, str]]] = {}
    secret: list[dict[str, str]] = []
    for fr in got.rows:
        r = fr.row
        cats = sorted(set(fr.categories.values()))
        portable = policy.portable(fr.label, r.collection, cats)
        if portable_only and not portable:
            continue
        own_fields = r.reached_by == "foreign_key"
        fields = {}
        held_back = []
        for col, value in fr.values.items():
            category = fr.categories.get(col)
            if withheld(category):
                held_back.append({"field": col, "category": category,
                                  "reason": "withheld for security"})
                continue
            if category is None and not own_fields:
                continue
            fields[col] = {"value": plain(value), "category": category}
            if category:
                found_categories.setdefault(category, set()).add((fr.label, r.collection))
        record: dict[str, Any] = {"locator": r.locator.to_dict(), "portable": portable,
                                  "reached_by": r.reached_by, "fields": fields}
        if held_back:
            record["withheld"] = held_back
            secret += [{"source": fr.label, "collection": r.collection, **h}
                       for h in held_back]
        data.setdefault(fr.label, {}).setdefault(r.collection, {"records": []})[
            "records"].append(record)
    if redact_others:
        _redact(data, result.own_identifiers(), ctx)
    manifest = _manifest(policy, result.shown_query(show_data=True), got.searched, errors,
                         found_categories)
    manifest["withheld_for_security"] = sorted(
        {(w["source"], w["collection"], w["field"], w["category"]): w
         for w in secret}.values(), key=lambda w: (w["source"], w["collection"], w["field"]))
    pkg = ExportPackage(result.shown_query(show_data=True), manifest, data,
                        list(result.warnings))
    if got.unchecked:
        pkg.warnings.append(f"{len(got.unchecked)} row(s) could not be checked at their "
                            "source (it failed) and are not exported")
    if pkg.empty:
        pkg.warnings.append("no data held on this person in the sources searched: "
                            "the export says so, and that answer is owed to them too")
    return pkg


def _redact(data: dict[str, Any], own: set[str], ctx: Context) -> None:
    """Art. 15(4): other people's identifiers in the subject's free text are removed;
    the subject's own (query identifiers, names on their records) stay."""
    records = [r for colls in data.values() for v in colls.values() for r in v["records"]]
    own_names = {w for r in records for f in r["fields"].values()
                 if (f["category"] or "").startswith("user.name") and isinstance(f["value"], str)
                 for w in fold(f["value"]).split()}
    for r in records:
        for f in r["fields"].values():
            if isinstance(f["value"], str) and f["category"] in ("user.content.private", None):
                f["value"] = _redact_others(f["value"], own, own_names, ctx)


def _manifest(policy: Policy, subject: dict[str, str], searched: list[str],
              errors: list[SourceFailure], found: dict[str, set[tuple[str, str]]]
              ) -> dict[str, Any]:
    categories: dict[str, Any] = {}
    for cat, places in sorted(found.items()):
        source, coll = sorted(places)[0]
        described = policy.describe(cat, source, coll)
        where = [f"{s}:{c}" for s, c in sorted(places)]
        categories[cat] = ({**described, "found_in": where} if described else
                           {"described": False, "found_in": where,
                            "note": "found in the data but not described by the policy"})
    return {
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        .replace("+00:00", "Z"),
        "controller": dict(policy.controller), "rights": dict(policy.rights),
        "complaint": dict(policy.complaint),
        "subject_identifiers": subject,
        "sources_searched": searched,
        "sources_failed": [e.to_dict() for e in errors],
        "categories": categories,
    }


README_TXT = """Your personal data, as held by {controller}

This package answers your request for access to your personal data (GDPR Art. 15) and
for a copy in a machine-readable format (Art. 20). It was generated on {date}.

- manifest.json says who holds your data, why (purposes and legal basis), who receives
  it, how long it is kept, where it came from, whether automated decisions are made,
  and how to exercise your rights or complain to the supervisory authority.
- One file per table or file where your data was found ({count} in all). Each row is
  one record; the first column, "locator", says where the record is kept; each other
  column is one field. Dates are ISO 8601 (2024-05-31T14:00:00), amounts are exact.
{csv_note}
Contact: {contact}
"""


CSV_NOTE = """- In the CSV files, a text that begins with =, +, -, @, a tab or a carriage return
  is preceded by a single quote (') so that a spreadsheet shows it as text and never
  runs it as a formula; the quote is not part of the value (manifest.json and the JSON
  export have it as held).
"""

#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet cannot run: text with a formula's first character gets a
    leading quote; numbers (``-3``) stay numbers.

    >>> csv_cell("=1+2"), csv_cell(-3), csv_cell("+33 6 12")
    ("'=1+2", -3, "'+33 6 12")
    """
    if isinstance(value, str) and value.startswith(FORMULA_LEAD):
        return "'" + value
    return value


def _table_name(source: str, collection: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", f"{source}__{collection}").strip("_")


def _flat_records(records: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    names: list[str] = []
    for r in records:
        names.extend(k for k in r["fields"] if k not in names)
    rows = [{"locator": json.dumps(r["locator"], sort_keys=True),
             **{k: r["fields"].get(k, {}).get("value") for k in names}} for r in records]
    return ["locator", *names], rows


def _arrow(names: list[str], rows: list[dict[str, Any]]) -> pa.Table:
    """Columns keep their JSON types (numbers, booleans, text); a column mixing types
    becomes text."""
    cols = []
    for n in names:
        values = [json.dumps(r[n], ensure_ascii=False) if isinstance(r[n], dict | list)
                  else r[n] for r in rows]
        try:
            cols.append(pa.array(values))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            cols.append(pa.array([None if v is None else str(v) for v in values], pa.string()))
    return pa.Table.from_arrays(cols, names=names)


def write_package(pkg: ExportPackage, fmt: str, out: str | Path) -> Path:
    """Write the package atomically with mode 0600; returns the file written."""
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    path = Path(out)
    doc = pkg.to_dict()
    if fmt == "json":
        write_private(path, json.dumps(doc, ensure_ascii=False, indent=2).encode())
        return path
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(doc["manifest"], ensure_ascii=False, indent=2))
        count = 0
        for source, colls in pkg.data.items():
            for coll, recs in colls.items():
                names, rows = _flat_records(recs["records"])
                name = _table_name(source, coll)
                count += 1
                if fmt == "csv":
                    text = io.StringIO()
                    writer = csv.writer(text, lineterminator="\r\n")
                    # A column name comes from the store too: a header cell is neutralised
                    # like any other.
                    writer.writerow([csv_cell(n) for n in names])
                    for row in rows:
                        writer.writerow([csv_cell(json.dumps(row[n], ensure_ascii=False)
                                                  if isinstance(row[n], dict | list)
                                                  else row[n]) for n in names])
                    z.writestr(f"{name}.csv", text.getvalue().encode("utf-8"))
                else:
                    table = _arrow(names, rows)
                    sink = io.BytesIO()
                    pq.write_table(table, sink)
                    z.writestr(f"{name}.parquet", sink.getvalue())
        z.writestr("README.txt", README_TXT.format(
            controller=pkg.manifest["controller"].get("name", "the controller"),
            date=pkg.manifest["generated_at"], count=count,
            contact=pkg.manifest["controller"].get("contact", ""),
            csv_note=CSV_NOTE if fmt == "csv" else ""))
    write_private(path, buf.getvalue())
    return path
