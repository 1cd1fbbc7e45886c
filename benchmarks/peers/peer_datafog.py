"""datafog (regex engine) over every cell of every table; run inside .venvs/datafog.

    .venvs/datafog/bin/python peer_datafog.py --sqlite X.db --out findings.json
    .venvs/datafog/bin/python peer_datafog.py --pg postgresql://... --schema S --out f.json

datafog classifies text, not tables, so this wrapper reads every row of every table
(no sampling: datafog has none), passes each non-empty cell, as text, to
``datafog.scan(cell, engine="regex")`` (its documented API; telemetry is off:
``DATAFOG_NO_TELEMETRY=1``) and reports, per column, every entity type found in at least
``--min-share`` (default 0.10) of the column's non-empty cells. Counts per entity type are
kept in the output. The regex engine knows EMAIL, PHONE, SSN, CREDIT_CARD, IP_ADDRESS,
DATE (its DOB pattern: any date) and ZIP_CODE; it cannot find names, street addresses,
cities, IBANs, national ids other than US SSNs, usernames or passwords.
"""

from __future__ import annotations

import os
import time

STARTED = time.perf_counter()
os.environ.setdefault("DATAFOG_NO_TELEMETRY", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")

import _offline  # noqa: E402  (first: guard the network before the tool is imported)

# isort: split
import argparse  # noqa: E402
from collections import Counter  # noqa: E402

import datafog  # noqa: E402
from _source import Source, add_source_args, write_output  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_source_args(ap)
    ap.add_argument("--min-share", type=float, default=0.10)
    args = ap.parse_args()
    src = Source(args)
    findings, columns_out, cells = [], [], 0
    for table in src.tables():
        counts: dict[str, Counter[str]] = {}
        nonempty: Counter[str] = Counter()
        names: list[str] = []
        for names, rows in src.stream(table):
            for row in rows:
                for name, value in zip(names, row, strict=True):
                    if value is None:
                        continue
                    text = value if isinstance(value, str) else str(value)
                    if not text.strip():
                        continue
                    nonempty[name] += 1
                    cells += 1
                    found = {e.type for e in datafog.scan(text, engine="regex").entities}
                    if found:
                        counts.setdefault(name, Counter()).update(found)
        for name in names:
            n = nonempty[name]
            c = counts.get(name, Counter())
            columns_out.append({"collection": src.collection(table), "column": name,
                                "non_empty": n, "counts": dict(c)})
            for entity, k in sorted(c.items()):
                if n and k / n >= args.min_share:
                    findings.append({"collection": src.collection(table), "column": name,
                                     "entity": entity, "share": round(k / n, 4)})
    write_output(args.out, {
        "tool": "datafog", "version": datafog.__version__, "engine": "regex",
        "rule": f"entity found in >= {args.min_share:.0%} of a column's non-empty cells",
        "cells_scanned": cells, "findings": findings, "columns": columns_out,
        "network_attempts": _offline.ATTEMPTS}, STARTED)


if __name__ == "__main__":
    main()
