"""Erasure speed, whole process as a user runs it: `pdscan erase-plan` then `pdscan erase
--yes` (re-index of the touched collections and verification included).

    python benchmarks/bench_erase.py --sample --runs 5
    python benchmarks/bench_erase.py --rows 1000000 --subjects 1000

``--sample``: one person (elodie.martin@orange.fr) across sample_db's stores (SQLite and
six files), on a fresh copy each run. ``--rows``: a SQLite store of N customers (UNIQUE
e-mail, phone, name) and N/5 orders (foreign key, RESTRICT) with N/10 invoices held 10
years, and one batch plan for ``--subjects`` random customers. Copying and indexing are
not timed. Data goes to benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _installed import byte_compile

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"


def pdscan(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "pdscan", *args], cwd=cwd, capture_output=True,
                         text=True)
    took = time.perf_counter() - started
    if res.returncode != 0:
        raise SystemExit(f"pdscan {' '.join(args)} failed ({res.returncode}): "
                         f"{res.stderr[-2000:]}")
    return took


def sample(runs: int) -> None:
    plans, erases = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "shop"
            shutil.copytree(ROOT / "sample_db", root, ignore=shutil.ignore_patterns("*.py"))
            pdscan("index", "-c", "pdscan.toml", cwd=root)
            plans.append(pdscan("erase-plan", "--email", "elodie.martin@orange.fr", "-c",
                                "pdscan.toml", "--out", "plan.json", cwd=root))
            erases.append(pdscan("erase", "--plan", "plan.json", "-c", "pdscan.toml", "--yes",
                                 "--receipt", "receipt.json", cwd=root))
    total = [p + e for p, e in zip(plans, erases, strict=True)]
    print(f"sample_db, one person: erase-plan {statistics.median(plans):.2f} s, erase "
          f"{statistics.median(erases):.2f} s, together {statistics.median(total):.2f} s "
          f"(median of {runs}; runs: {', '.join(f'{t:.2f}' for t in total)})")
    floor = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", STARTUP], check=True)
        floor.append(time.perf_counter() - started)
    print(f"start-up alone (interpreter and the imports an erase needs), per process: "
          f"{statistics.median(floor):.2f} s (median of {runs})")


#: what a `pdscan erase` process imports before it does any work
STARTUP = ("import pdscan.cli, pdscan.erasure.apply, pdscan.erasure.plan, pdscan.index.build, "
           "pdscan_connectors.sql, pdscan_connectors.files.connector, "
           "sqlalchemy.dialects.sqlite")


def store(rows: int) -> Path:
    path = DATA / f"erase_{rows}.db"
    if path.exists():
        return path
    DATA.mkdir(exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript("""
        CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL, phone TEXT, city TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL
            REFERENCES customers(id) ON DELETE RESTRICT, total_cents INTEGER NOT NULL);
        CREATE TABLE invoices (invoice_no TEXT PRIMARY KEY, order_id INTEGER NOT NULL
            REFERENCES orders(id), issued_on TEXT NOT NULL, billing_name TEXT NOT NULL);
    """)
    rng = random.Random(5)
    con.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?)", (
        (i, f"person{i}@example.org", f"Person{i} Lastname{i % 997}",
         f"+336{i:08d}", rng.choice(["Lyon", "Nantes", "Lille", "Paris"]))
        for i in range(1, rows + 1)))
    con.executemany("INSERT INTO orders VALUES (?, ?, ?)", (
        (o, rng.randint(1, rows), rng.randint(100, 90000)) for o in range(1, rows // 5 + 1)))
    con.execute("""INSERT INTO invoices SELECT 'FA-' || id, id, '2024-03-01', 'x'
                   FROM orders WHERE id % 2 = 0""")
    con.commit()
    con.close()
    tmp.rename(path)
    return path


def batch(rows: int, subjects: int) -> None:
    source = store(rows)
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        root = Path(tmp)
        shutil.copy(source, root / "shop.db")
        (root / "pdscan.toml").write_text('[sources.shop]\nurl = "sqlite:///shop.db"\n')
        shutil.copy(ROOT / "sample_db" / "policy.yaml", root / "policy.yaml")
        with open(root / "policy.yaml", "a") as f:
            f.write('    - collection: "shop:main.invoices"\n      hold: {basis: "accounting '
                    'law", years: 10, from: issued_on, then: delete}\n')
        started = time.perf_counter()
        pdscan("index", "-c", "pdscan.toml", cwd=root)
        indexing = time.perf_counter() - started
        people = random.Random(9).sample(range(1, rows + 1), subjects)
        (root / "people.csv").write_text("email\n" + "".join(
            f"person{i}@example.org\n" for i in people))
        plan = pdscan("erase-plan", "--subjects", "people.csv", "-c", "pdscan.toml", "--out",
                      "plan.json", "--format", "json", cwd=root)
        erase = pdscan("erase", "--plan", "plan.json", "-c", "pdscan.toml", "--yes",
                       "--receipt", "receipt.json", cwd=root)
        import json

        doc = json.loads((root / "receipt.json").read_text())
        print(f"{rows:,} customers, {subjects:,} people in one plan: erase-plan {plan:.1f} s, "
              f"erase {erase:.1f} s, together {plan + erase:.1f} s (indexing first: "
              f"{indexing:.1f} s); outcomes {doc['counts']}; verified "
              f"{doc['verification']['ok']}")


def main() -> int:
    byte_compile()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int)
    parser.add_argument("--subjects", type=int, default=1000)
    args = parser.parse_args()
    if args.sample:
        sample(args.runs)
    if args.rows:
        batch(args.rows, args.subjects)
    return 0


if __name__ == "__main__":
    sys.exit(main())
