"""``export``: one person's data and the Art. 15 facts, as a package to send them.

Lookup (from the index) gives the person's rows; each row is fetched again from
its source by locator. A row that holds the person's data directly gives its
columns, all of them (a column with no category, ``created_at``, is theirs too);
a row about other people as well (``shared``) gives only its personal columns.
Credentials are never written: a field is withheld by its category, by its name
(``password``, ``api_token``) or by its value (a password hash). Every field carries
its data category; values keep their types (ISO 8601 dates, exact decimals as text,
base64 binary). The manifest comes from the controller's policy and lists every
category found; one the policy does not describe stops the export unless allowed.

The zip formats are for the person: one file per collection under a plain name
(``customers.csv``), ``fields.csv`` with each column's category, ``README.txt`` and a
self-contained ``index.html`` in English or French (:mod:`pdscan.package`), and
``manifest.json``, which also says where each record is kept.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pdscan import __version__
from pdscan.atomic import write_private
from pdscan.config import SourceSpec
from pdscan.errors import UsageError
from pdscan.freetext import PATTERNS, names_in
from pdscan.lookup import lookup
from pdscan.names import Lexicon, split_path
from pdscan.package.files import arrow_table, csv_bytes, file_names, record_columns
from pdscan.package.files import csv_cell as csv_cell  # part of this module's API
from pdscan.package.strings import LANGS
from pdscan.package.text import PackageFile, category_text, render_html, render_readme
from pdscan.policy import Policy
from pdscan.rules import RULES
from pdscan.sources import SourceFailure
from pdscan.subject import SubjectQuery
from pdscan.subject_rows import fetch_subject_rows
from pdscan.validators import Context, fold, is_password_hash

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

    @property
    def undescribed(self) -> list[str]:
        """Categories found in the data that the policy does not describe."""
        return sorted(c for c, e in self.manifest["categories"].items()
                      if e.get("described") is False)

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


#: The credential rules' column-name lexicons: they find a secret in a column that
#: detection left without a category (exported whole, as the person's own).
_SECRET_NAMES = tuple((r.category, Lexicon(r.names)) for r in RULES if withheld(r.category))
_HEX = re.compile(r"[0-9a-fA-F]+")
_CTX = Context()


def secret_category(column: str, category: str | None, value: Any) -> str | None:
    """The credential category ``column`` is withheld under, or None: by its category;
    by its name (the whole name, or a name it starts or ends with and a token-like
    value); by its value, a password hash in a self-describing format (a bare hex
    digest alone could be a document's checksum).

    >>> secret_category("pw", None, "$2b$12$" + "a" * 53)
    'user.authorization.password'
    >>> secret_category("api_token", None, "x" * 20)
    'user.authorization.credentials'
    >>> secret_category("pdf_sha256", None, "ab" * 32), secret_category("hint", None, "dog")
    (None, None)
    """
    if withheld(category):
        return category
    if isinstance(value, bytes | bytearray | memoryview):
        text, tokenish = "", True
    elif isinstance(value, str):
        text = value.strip()
        tokenish = len(text) >= 16 and not any(ch.isspace() for ch in text)
    else:
        return None
    col, parents = split_path(column)
    for cat, lexicon in _SECRET_NAMES:
        hit = lexicon.match(col, parents)
        if hit and (hit.how == "exact" or tokenish):
            return cat
    if text and not _HEX.fullmatch(text) and is_password_hash(text, _CTX):
        return "user.authorization.password"
    return None


#: The rules a person is looked up by: what tells their entry in a list of people.
_LOOKUP_RULES = tuple(r for r in RULES if r.lookup and r.normaliser)


def _holds(value: Any, own: set[str], ctx: Context) -> bool:
    """Whether a JSON value holds one of the identifiers the person was looked up by."""
    if isinstance(value, dict):
        return any(_holds(v, own, ctx) for v in value.values())
    if isinstance(value, list):
        return any(_holds(v, own, ctx) for v in value)
    return isinstance(value, str) and any(
        r.normaliser is not None and r.normaliser(value, ctx) in own for r in _LOOKUP_RULES)


def _scrub(value: Any, path: str, categories: Mapping[str, str],
           held: list[tuple[str, str]]) -> Any:
    """``value`` (a JSON object or array) without the secrets inside it; each one
    withheld is added to ``held`` as (path, category)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            p = f"{path}.{k}"
            cat = (None if isinstance(v, dict | list)
                   else secret_category(p, categories.get(p), v))
            if cat:
                held.append((p, cat))
            else:
                out[k] = _scrub(v, p, categories, held)
        return out
    if isinstance(value, list):
        kept = []
        for v in value:
            cat = (None if isinstance(v, dict | list)
                   else secret_category(path, categories.get(path), v))
            if cat:
                if (path, cat) not in held:
                    held.append((path, cat))
            else:
                kept.append(_scrub(v, path, categories, held))
        return kept
    return value


def export_subject(
    index: str | Path, specs: Sequence[SourceSpec], policy: Policy,
    query: SubjectQuery | None = None, *, emails: Iterable[str] = (),
    phones: Iterable[str] = (), ids: Iterable[str] = (), portable_only: bool = False,
    redact_others: bool = False, region: str = "FR", allow_undescribed: bool = False,
) -> ExportPackage:
    """Everything held on one person, ready to write with :func:`write_package`.

    Every row is fetched from its source and re-verified first; if the index is out of
    date for any of the person's rows, :class:`StaleIndexError` is raised and nothing
    is exported (an answer built on a stale index may miss the person's rows). A
    category found that ``policy`` does not describe raises :class:`UsageError` (the
    person is owed its purposes, recipients and retention) unless ``allow_undescribed``.
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
    own = result.own_identifiers()
    left_out: dict[tuple[str, str, str], int] = {}
    for fr in got.rows:
        r = fr.row
        cats = sorted(set(fr.categories.values()))
        portable = policy.portable(fr.label, r.collection, cats)
        if portable_only and not portable:
            continue
        fields = {}
        held: list[tuple[str, str]] = []
        for col, value in fr.values.items():
            category = fr.categories.get(col)
            cat = secret_category(col, category, value)
            if cat:
                held.append((col, cat))
                continue
            inner = {p[len(col) + 1:]: c for p, c in fr.categories.items()
                     if p.startswith(col + ".") and not withheld(c)}
            # A row about other people too gives only its personal columns.
            if category is None and not inner and r.shared:
                continue
            value = _scrub(value, col, fr.categories, held)
            if inner and isinstance(value, list):
                # A list of people (a company's contacts): the person gets their own
                # entries, never the others' (Art. 15(4)).
                mine = [v for v in value if not isinstance(v, dict) or _holds(v, own, ctx)]
                if len(mine) < len(value):
                    key = (fr.label, r.collection, col)
                    left_out[key] = left_out.get(key, 0) + len(value) - len(mine)
                value = mine
            entry = {"value": plain(value), "category": category}
            if inner and isinstance(value, dict | list):
                entry["inner_categories"] = inner
            fields[col] = entry
            for c in ([category] if category else []) + list(entry.get(
                    "inner_categories", {}).values()):
                found_categories.setdefault(c, set()).add((fr.label, r.collection))
        held_back = [{"field": f, "category": c, "reason": "withheld for security"}
                     for f, c in held]
        record: dict[str, Any] = {"locator": _package_locator(r.locator.to_dict(), held),
                                  "portable": portable, "reached_by": r.reached_by,
                                  "fields": fields}
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
    manifest["portable_only"] = portable_only
    manifest["withheld_for_security"] = sorted(
        {(w["source"], w["collection"], w["field"], w["category"]): w
         for w in secret}.values(), key=lambda w: (w["source"], w["collection"], w["field"]))
    pkg = ExportPackage(result.shown_query(show_data=True), manifest, data,
                        list(result.warnings))
    pkg.warnings += [f"{s}:{c}: {col}: {n} entries about other people left out "
                     "(Art. 15(4))" for (s, c, col), n in sorted(left_out.items())]
    if got.unchecked:
        pkg.warnings.append(f"{len(got.unchecked)} row(s) could not be checked at their "
                            "source (it failed) and are not exported")
    if pkg.empty:
        pkg.warnings.append("no data held on this person in the sources searched: "
                            "the export says so, and that answer is owed to them too")
    if pkg.undescribed and not allow_undescribed:
        raise UsageError(f"the policy {policy.path or ''}".rstrip() + " does not describe "
                         f"{', '.join(pkg.undescribed)}, found in this person's data (GDPR "
                         "Art. 15(1)): describe them, or pass --allow-undescribed")
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


def _package_locator(locator: dict[str, Any], held: list[tuple[str, str]]
                     ) -> dict[str, Any]:
    """A row's locator as the package shows it: a key column withheld for security (a
    token as primary key) says so; a table without a key is located by all its values,
    which may hold secrets and other people's data: they are not repeated."""
    secret = {col for col, _cat in held}
    if isinstance(locator.get("pk"), dict):
        locator = {**locator, "pk": {c: "withheld for security" if c in secret else v
                                     for c, v in locator["pk"].items()}}
    if "row" in locator:
        locator = {**locator, "row": "located by all its values (not repeated here)"}
    return locator


def write_package(pkg: ExportPackage, fmt: str, out: str | Path, lang: str = "en") -> Path:
    """Write the package atomically with mode 0600; returns the file written.

    ``json``: one document (the CLI contract). ``csv`` / ``parquet``: a zip for the
    person, with ``README.txt`` and ``index.html`` in ``lang`` (``en`` or ``fr``).
    """
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if lang not in LANGS:
        raise UsageError(f"--lang {lang!r}: choose one of {', '.join(LANGS)}")
    path = Path(out)
    doc = pkg.to_dict()
    if fmt == "json":
        write_private(path, json.dumps(doc, ensure_ascii=False, indent=2).encode())
        return path
    names = file_names(pkg.data, fmt)
    files: list[PackageFile] = []
    placed: list[dict[str, Any]] = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for (source, coll), name in names.items():
            records = pkg.data[source][coll]["records"]
            columns = record_columns(records)
            top = [k for k in columns if any(k in r["fields"] for r in records)]
            if fmt == "csv":
                z.writestr(name, csv_bytes([top, *([r["fields"].get(k, {}).get("value")
                                                for k in top] for r in records)]))
            else:
                sink = io.BytesIO()
                pq.write_table(arrow_table(top, records, columns), sink)
                z.writestr(name, sink.getvalue())
            files.append(PackageFile(name, source, coll, len(records), columns))
            # Where each record is kept, row by row of the file: for the controller
            # (and the person who asks), not a column of the person's data.
            placed.append({"file": name, "source": source, "collection": coll,
                           "records": len(records),
                           "locators": [r["locator"] for r in records]})
        manifest = {**doc["manifest"], "files": placed}
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        z.writestr("fields.csv", csv_bytes([("file", "column", "category", "category_name"),
                                       *((f.name, col, cat or "",
                                          category_text(cat)[0] if cat else "")
                                         for f in files for col, cat in f.columns.items())]))
        z.writestr("README.txt", render_readme(manifest, files, fmt, lang, __version__))
        z.writestr("index.html", render_html(manifest, files, fmt, lang, __version__))
    write_private(path, buf.getvalue())
    return path
