#!/usr/bin/env python3
"""Validate links2.truth.yaml against the SQLite files next to it.

Checks:
  * every reference column exists and each of its non-NULL values exists in the
    target column (the target's one-column primary key unless target_column is
    given); text compared exactly, falling back to trimmed case-insensitive
    comparison (e-mail references differ in case on purpose);
  * not_references columns exist and are not also listed as references;
  * every subject row (rows / shared / not_theirs) names the table's full
    declared primary key and matches exactly one row;
  * rows, shared and not_theirs are pairwise disjoint within a subject;
  * each subject's query e-mail occurs (case-insensitively) somewhere in the store.

    /work/main/.venv/bin/python benchmarks/links2/check_links2.py
"""
import os
import sqlite3
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def main(path=os.path.join(HERE, "links2.truth.yaml")):
    truth = yaml.safe_load(open(path, encoding="utf-8"))
    errors, n_refs, n_rows = [], 0, 0
    for st in truth["stores"]:
        con = sqlite3.connect(os.path.join(os.path.dirname(path), st["file"]))
        info = {}
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            cols = con.execute(f'PRAGMA table_info("{t}")').fetchall()
            info[t] = {"cols": [c[1] for c in cols],
                       "pk": [c[1] for c in sorted(cols, key=lambda c: c[5]) if c[5] > 0]}
        fks = sum(len(con.execute(f'PRAGMA foreign_key_list("{t}")').fetchall()) for t in info)
        if fks:
            errors.append(f"{st['name']}: {fks} declared foreign keys")

        def tab(coll):
            assert coll.startswith("main."), coll
            return coll[5:]

        ref_cols = set()
        for r in st["references"]:
            n_refs += 1
            t, c, tg = tab(r["collection"]), r["column"], tab(r["references"])
            ref_cols.add((t, c))
            if t not in info or c not in info[t]["cols"] or tg not in info:
                errors.append(f"{st['name']}: bad reference {r}")
                continue
            tc = r.get("target_column")
            if tc is None:
                if len(info[tg]["pk"]) != 1:
                    errors.append(f"{st['name']}: {tg} has no one-column primary key for {r}")
                    continue
                tc = info[tg]["pk"][0]
            target = {v for (v,) in con.execute(f'SELECT "{tc}" FROM "{tg}" WHERE "{tc}" IS NOT NULL')}
            folded = {v.strip().casefold() for v in target if isinstance(v, str)}
            for (v,) in con.execute(f'SELECT DISTINCT "{c}" FROM "{t}" WHERE "{c}" IS NOT NULL'):
                if v in target or (isinstance(v, str) and v.strip().casefold() in folded):
                    continue
                errors.append(f"{st['name']}: {t}.{c}={v!r} not found in {tg}.{tc}")
                break
        for r in st["not_references"]:
            t, c = tab(r["collection"]), r["column"]
            if t not in info or c not in info[t]["cols"]:
                errors.append(f"{st['name']}: not_reference column missing {r}")
            if (t, c) in ref_cols:
                errors.append(f"{st['name']}: {t}.{c} is both reference and not_reference")

        for s in st["subjects"]:
            seen = {}
            for lst in ("rows", "shared", "not_theirs"):
                for item in s.get(lst) or []:
                    t, key = tab(item["collection"]), item["key"]
                    n_rows += 1
                    if t not in info or not info[t]["pk"] or sorted(key) != sorted(info[t]["pk"]):
                        errors.append(f"{st['name']}/{s['key']}: key {key} does not match primary key of {t}")
                        continue
                    where = " AND ".join(f'"{k}" = ?' for k in key)
                    n = con.execute(f'SELECT count(*) FROM "{t}" WHERE {where}', list(key.values())).fetchone()[0]
                    if n != 1:
                        errors.append(f"{st['name']}/{s['key']}: {t} {key} matches {n} rows")
                    ident = (t, tuple(sorted(key.items())))
                    if ident in seen:
                        errors.append(f"{st['name']}/{s['key']}: {t} {key} in both {seen[ident]} and {lst}")
                    seen[ident] = lst
            email = s["query"]["email"].casefold()
            found = False
            for t, ti in info.items():
                for c in ti["cols"]:
                    if "mail" in c.lower() or "epost" in c.lower():
                        if con.execute(f'SELECT 1 FROM "{t}" WHERE lower("{c}") = ? LIMIT 1', [email]).fetchone():
                            found = True
            if not found:
                errors.append(f"{st['name']}/{s['key']}: query e-mail not found")
        con.close()
    for e in errors:
        print("ERROR:", e)
    print(f"{len(truth['stores'])} stores, {n_refs} references, {n_rows} subject rows checked, "
          f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
