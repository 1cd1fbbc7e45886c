#!/usr/bin/env python3
"""Consistency check of links.truth.yaml against the generated SQLite stores.

Independent of make_links.py: it only reads the YAML and the .sqlite files.

    /work/main/.venv/bin/python benchmarks/links/check_links.py

Checks:
  * no table of any store declares a foreign key;
  * every `references` entry: the column exists, has at least one non-NULL value,
    and every non-NULL value is found in the target's key (the single primary-key
    column, or `target_column` when given; numeric text is compared as a number,
    e-mail target columns are compared case-insensitively);
  * `not_references` / `polymorphic` columns exist and are not also listed as references;
  * every subject's e-mail exists in at least one table of the store;
  * every row listed in rows / shared / not_theirs exists exactly once, belongs to a
    table with a primary key whose columns are exactly the listed key, and the three
    lists are disjoint.
"""
import os
import sqlite3
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(v, ci):
    if isinstance(v, str):
        v = v.strip()
        if ci:
            return v.lower()
        if v.lstrip("-").isdigit():
            return int(v)
    return v


def main():
    truth = yaml.safe_load(open(os.path.join(HERE, "links.truth.yaml"), encoding="utf-8"))
    errors = []
    tot = {"stores": 0, "refs": 0, "notrefs": 0, "subjects": 0, "rows": 0, "shared": 0, "not_theirs": 0}
    for st in truth["stores"]:
        tot["stores"] += 1
        path = os.path.join(HERE, st["file"])
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        cols, pks = {}, {}
        for t in tables:
            info = con.execute(f'PRAGMA table_info("{t}")').fetchall()
            cols[t] = [r[1] for r in info]
            pks[t] = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5] > 0]
            if con.execute(f'PRAGMA foreign_key_list("{t}")').fetchall():
                errors.append(f"{st['name']}: {t} declares a foreign key")
        size = os.path.getsize(path)
        if size > 1_000_000:
            errors.append(f"{st['name']}: file is {size} bytes")

        def tab(coll):
            assert coll.startswith("main."), coll
            return coll[5:]

        refcols = set()
        for r in st["references"]:
            tot["refs"] += 1
            t, c, tt = tab(r["collection"]), r["column"], tab(r["references"])
            refcols.add((t, c))
            if t not in cols or c not in cols[t] or tt not in cols:
                errors.append(f"{st['name']}: bad reference {r}")
                continue
            tc = r.get("target_column") or (pks[tt][0] if len(pks[tt]) == 1 else None)
            if tc is None or tc not in cols[tt]:
                errors.append(f"{st['name']}: no target key for {r}")
                continue
            ci = "email" in tc.lower() or "correo" in tc.lower() or "courriel" in tc.lower()
            keys = {norm(v, ci) for (v,) in con.execute(f'SELECT "{tc}" FROM "{tt}"')}
            vals = [norm(v, ci) for (v,) in con.execute(f'SELECT "{c}" FROM "{t}" WHERE "{c}" IS NOT NULL')]
            if not vals:
                errors.append(f"{st['name']}: {t}.{c} is always NULL")
            missing = sorted({v for v in vals if v not in keys}, key=str)
            if missing:
                errors.append(f"{st['name']}: {t}.{c} -> {tt}.{tc}: values not in target: {missing[:5]}")
        for r in st["not_references"] + st.get("polymorphic", []):
            t, c = tab(r["collection"]), r["column"]
            if "why" in r:
                tot["notrefs"] += 1
            if t not in cols or c not in cols[t]:
                errors.append(f"{st['name']}: bad not_reference {r}")
            if (t, c) in refcols:
                errors.append(f"{st['name']}: {t}.{c} is both a reference and a not_reference")

        for sub in st["subjects"]:
            tot["subjects"] += 1
            email = sub["query"]["email"]
            found = 0
            for t in tables:
                for c in cols[t]:
                    found += con.execute(f'SELECT count(*) FROM "{t}" WHERE lower("{c}") = lower(?)', (email,)).fetchone()[0]
            if not found:
                errors.append(f"{st['name']}/{sub['key']}: e-mail {email} not in the store")
            seen = {}
            for lst in ("rows", "shared", "not_theirs"):
                for item in sub.get(lst) or []:
                    tot[lst] += 1
                    t, key = tab(item["collection"]), item["key"]
                    if t not in pks or not pks[t] or sorted(pks[t]) != sorted(key):
                        errors.append(f"{st['name']}/{sub['key']}: {lst} {item}: key does not match primary key {pks.get(t)}")
                        continue
                    where = " AND ".join(f'"{k}" = ?' for k in key)
                    n = con.execute(f'SELECT count(*) FROM "{t}" WHERE {where}', tuple(key.values())).fetchone()[0]
                    if n != 1:
                        errors.append(f"{st['name']}/{sub['key']}: {lst} {item}: {n} rows match")
                    ident = (t, tuple(sorted(key.items())))
                    if ident in seen:
                        errors.append(f"{st['name']}/{sub['key']}: {ident} listed in {seen[ident]} and {lst}")
                    seen[ident] = lst
            if not sub.get("rows"):
                errors.append(f"{st['name']}/{sub['key']}: no rows")
        con.close()
    for e in errors:
        print("ERROR", e)
    print(", ".join(f"{k}={v}" for k, v in tot.items()))
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
