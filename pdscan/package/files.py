"""The files of an export package: plain, safe, unique names, and the CSV and Parquet
renderings of a collection's records with each field's category.

A CSV cell a spreadsheet would run as a formula is neutralised; a Parquet field carries
its category in its metadata; ``fields.csv`` lists the category of every column.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

from pdscan.package.text import category_text

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


#: What a file's name says about its format, dropped from a package file's name
#: (``customers_2019.csv.gz`` -> ``customers_2019.csv``); ``access.log`` keeps ``.log``.
_DATA_SUFFIX = re.compile(r"(\.(csv|tsv|json|jsonl|ndjson|parquet|xlsx|xls|avro|orc))?"
                          r"(\.(gz|bz2|xz|zst|zip))?$", re.IGNORECASE)
#: The package's own members, and names Windows will not create.
_RESERVED = {"manifest.json", "readme.txt", "index.html", "fields.csv"}
_WINDOWS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
            *(f"lpt{i}" for i in range(10))}


def _safe(name: str) -> str:
    """ASCII letters, digits, ``.``, ``_`` and ``-`` only: any zip tool, any system."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_)).strip("._-")
    return out[:80] or "data"


def _plain_name(collection: str, locator: Mapping[str, Any]) -> str:
    """``main.customers`` -> ``customers``, ``exports/payments.parquet`` -> ``payments``."""
    if "path" in locator:  # a file: its own name, without what says its format
        base = collection.replace("\\", "/").rsplit("/", 1)[-1]
        return _DATA_SUFFIX.sub("", base) or base
    if "key" in locator:  # a Redis key pattern: session:*
        return collection
    return collection.split(".", 1)[-1]  # a table, schema-qualified


def file_names(data: Mapping[str, Mapping[str, Mapping[str, Any]]], ext: str
               ) -> dict[tuple[str, str], str]:
    """A plain, safe and unique file name for each collection of the package: its own
    name where that is unambiguous, else qualified by its source label and schema or
    folder (``shop-main.customers.csv``), else numbered.

    >>> data = {"shop": {"main.customers": {"records": [{"locator": {"pk": {"id": 1}}}]}},
    ...         "files": {"access.log": {"records": [
    ...             {"locator": {"path": "access.log", "line": 2}}]}}}
    >>> sorted(file_names(data, "csv").values())
    ['access.log.csv', 'customers.csv']
    """
    places = [(s, c, recs["records"][0]["locator"] if recs["records"] else {})
              for s, colls in sorted(data.items()) for c, recs in sorted(colls.items())]
    plain_ = {(s, c): _safe(_plain_name(c, loc)) for s, c, loc in places}
    count: dict[str, int] = {}
    for stem in plain_.values():
        count[stem.lower()] = count.get(stem.lower(), 0) + 1
    taken: set[str] = set()
    out = {}
    for (s, c), stem in plain_.items():
        if count[stem.lower()] > 1:
            stem = _safe(f"{s}-{c}")
        if stem.split(".")[0].lower() in _WINDOWS:
            stem = f"{stem}_"
        name, n = f"{stem}.{ext}", 1
        while name.lower() in taken or name.lower() in _RESERVED:
            n += 1
            name = f"{stem}-{n}.{ext}"
        taken.add(name.lower())
        out[(s, c)] = name
    return out


def record_columns(records: list[dict[str, Any]]) -> dict[str, str | None]:
    """Every column of the records, in order, with its category; a column holding
    JSON adds its inner paths' categories as ``column.path``."""
    out: dict[str, str | None] = {}
    inner: dict[str, str] = {}
    for r in records:
        for k, f in r["fields"].items():
            if out.get(k) is None:
                out[k] = f["category"]
            for p, c in f.get("inner_categories", {}).items():
                inner.setdefault(f"{k}.{p}", c)
    return {**out, **{k: c for k, c in inner.items() if k not in out}}


def cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def arrow_table(names: list[str], records: list[dict[str, Any]],
           columns: Mapping[str, str | None]) -> pa.Table:
    """Columns keep their JSON types (numbers, booleans, text); a column mixing types
    becomes text. Each field's metadata holds its category (``category``,
    ``category_name``; ``inner_categories`` for a column of JSON)."""
    cols, fields = [], []
    for n in names:
        values = [cell(r["fields"][n]["value"]) if n in r["fields"] else None
                  for r in records]
        try:
            col = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            col = pa.array([None if v is None else str(v) for v in values], pa.string())
        meta = {}
        if columns.get(n):
            meta = {"category": columns[n], "category_name": category_text(columns[n])[0]}
        inner = {k[len(n) + 1:]: c for k, c in columns.items() if k.startswith(n + ".") and c
                 and k not in names}
        if inner:
            meta["inner_categories"] = json.dumps(inner)
        cols.append(col)
        fields.append(pa.field(n, col.type, metadata=meta or None))
    return pa.Table.from_arrays(cols, schema=pa.schema(fields))


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    # Every cell, a column name included (it comes from the store too), is neutralised.
    writer.writerows([csv_cell(cell(v)) for v in row] for row in rows)
    return text.getvalue().encode("utf-8")
