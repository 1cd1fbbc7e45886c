"""Score pdscan's inferred links and per-person lookups against ``links.truth.yaml``.

    python benchmarks/links/bench_links.py [--truth benchmarks/links2/links2.truth.yaml] [--json]

For each store (a SQLite file with no declared foreign key): build an index, then

* **links**: every inferred link pdscan reports, against the truth's ``references``
  (only those to a primary key: a link pdscan can express) and ``not_references``.
  A trusted link to the right target is a true positive; a trusted link that is
  not a reference, or to the wrong target, a false positive. Untrusted links
  (rows reached through them are candidates) are counted apart.
* **people**: ``lookup --email`` of every subject; its confirmed rows (in tables
  with a primary key) against the subject's ``rows``; a confirmed row outside
  ``rows`` and ``shared`` is a *leak* (another person's data handed out).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from pdscan.config import SourceSpec
from pdscan.index import build_index
from pdscan.lookup import lookup

HERE = Path(__file__).resolve().parent


def _key(collection: str, key: dict[str, Any]) -> tuple[str, str]:
    return collection, json.dumps({k: str(v) for k, v in key.items()}, sort_keys=True)


def score_store(store: dict[str, Any], folder: Path, workdir: Path) -> dict[str, Any]:
    spec = SourceSpec(store["name"], f"sqlite:///{folder / store['file']}")
    index = workdir / f"{store['name']}.db"
    report = build_index([spec], index)
    truth = {(r["collection"], r["column"]): r for r in store["references"]}
    pk_refs = {k: r for k, r in truth.items() if "target_column" not in r}
    wrong = {(r["collection"], r["column"]) for r in store["not_references"]}
    links = [link for link in report.links if link["kind"] == "inferred"]
    tp = fp = untrusted_right = untrusted_wrong = 0
    mistakes: list[str] = []
    for link in links:
        coll, _, col = link["from"].split(":", 1)[1].partition("(")
        col = col.rstrip(")")
        target = link["to"].split(":", 1)[1]
        ref = truth.get((coll, col))
        right = ref is not None and ref["references"] == target and (coll, col) not in wrong
        if link["trusted"]:
            tp += right
            fp += not right
            if not right:
                mistakes.append(f"{coll}.{col} -> {target}")
        else:
            untrusted_right += right
            untrusted_wrong += not right
    people = {"rows": 0, "found": 0, "leaks": 0, "candidates": 0, "confirmed": 0}
    leaks: list[str] = []
    for s in store["subjects"]:
        rows = {_key(r["collection"], r["key"]) for r in s["rows"]}
        shared = {_key(r["collection"], r["key"]) for r in s.get("shared", [])}
        result = lookup(index, emails=[s["query"]["email"]])
        got = set()
        for r in result.rows:
            pk = r.locator.to_dict().get("pk")
            if pk is None:
                continue  # tables without a primary key are not in the truth
            if r.confirmed:
                got.add(_key(r.collection, pk))
            else:
                people["candidates"] += 1
        people["rows"] += len(rows)
        people["found"] += len(rows & got)
        people["confirmed"] += len(got)
        bad = got - rows - shared
        people["leaks"] += len(bad)
        leaks += [f"{s['key']}: {c} {k}" for c, k in sorted(bad)]
    return {"store": store["name"], "references_to_keys": len(pk_refs),
            "trusted_right": tp, "trusted_wrong": fp, "untrusted_right": untrusted_right,
            "untrusted_wrong": untrusted_wrong, "wrong_links": mistakes,
            **people, "leaked_rows": leaks}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, default=HERE / "links.truth.yaml")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    truth = yaml.safe_load(args.truth.read_text())
    with tempfile.TemporaryDirectory() as tmp:
        results = [score_store(s, args.truth.parent, Path(tmp)) for s in truth["stores"]]
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        return 0
    total: dict[str, int] = {}
    print(f"{'store':<10} {'refs':>4} {'T ok':>5} {'T bad':>5} {'U ok':>5} {'U bad':>5} "
          f"{'rows':>5} {'found':>5} {'leaks':>5} {'cand':>5}")
    for r in results:
        print(f"{r['store']:<10} {r['references_to_keys']:>4} {r['trusted_right']:>5} "
              f"{r['trusted_wrong']:>5} {r['untrusted_right']:>5} {r['untrusted_wrong']:>5} "
              f"{r['rows']:>5} {r['found']:>5} {r['leaks']:>5} {r['candidates']:>5}")
        for k, v in r.items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
    refs, tp, fp = total["references_to_keys"], total["trusted_right"], total["trusted_wrong"]
    print(f"links: precision {tp / max(1, tp + fp):.2f}, recall {tp / max(1, refs):.2f} "
          f"(trusted); people: {total['found']}/{total['rows']} rows found "
          f"({total['found'] / max(1, total['rows']):.2f}), {total['leaks']} leaked")
    for r in results:
        for m in r["wrong_links"]:
            print(f"  wrong link  {r['store']}: {m}")
        for m in r["leaked_rows"]:
            print(f"  leak        {r['store']}: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
