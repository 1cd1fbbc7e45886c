"""Many small collections: `pdscan scan` of N PostgreSQL tables and of N CSV files,
whole process (run by hand, not in CI).

    python benchmarks/bench_many.py --tables 200,1000 --files 2000 --runs 3

Each table (schema ``pdscan_many`` in PostgreSQL) and each file has 200 rows and one of
four shapes: people (e-mail, phone, name, birth date), orders (a customer id, amounts,
dates), events (an IP, a user agent, a path) and products (no personal data), with
column names in English, French or German. Building the data is not timed; the figure
is the median whole-process time of ``pdscan scan <source> --format json`` with what
the README installs (the NER worker included).
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from _installed import byte_compile

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PG = "postgresql://postgres@127.0.0.1:5432/test"
SCHEMA = "pdscan_many"
ROWS = 200

FIRST = ["Élodie", "Jan", "Ana", "Hiroshi", "Priya", "Luca", "Fatou", "Wei", "Jürgen", "Inès"]
LAST = ["Martin", "Peeters", "García", "Tanaka", "Sharma", "Rossi", "Diallo", "Li", "Weber"]
SHAPES = {
    "people": {"en": ["email", "phone", "full_name", "birth_date", "city"],
               "fr": ["courriel", "telephone", "nom_complet", "date_naissance", "ville"],
               "de": ["email_adresse", "telefon", "vollstaendiger_name", "geburtsdatum",
                      "stadt"]},
    "orders": {"en": ["customer_id", "total", "currency", "created_at", "status"],
               "fr": ["client_id", "montant", "devise", "cree_le", "statut"],
               "de": ["kunden_id", "betrag", "waehrung", "erstellt_am", "status"]},
    "events": {"en": ["ip_address", "user_agent", "path", "ts", "status_code"],
               "fr": ["adresse_ip", "navigateur", "chemin", "horodatage", "code"],
               "de": ["ip_adresse", "browser", "pfad", "zeitpunkt", "code"]},
    "products": {"en": ["sku", "title", "price", "stock", "category"],
                 "fr": ["reference", "libelle", "prix", "stock", "categorie"],
                 "de": ["artikelnummer", "bezeichnung", "preis", "bestand", "kategorie"]},
}


def _rows(shape: str, rng: random.Random) -> list[list[str]]:
    out = []
    for i in range(ROWS):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if shape == "people":
            out.append([f"{first.lower()}.{last.lower()}{i}@example.org",
                        f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                        f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
                        f"{first} {last}", f"19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1"
                        f"{rng.randint(0, 9)}", rng.choice(["Lyon", "Gent", "Köln"])])
        elif shape == "orders":
            out.append([str(rng.randint(1, 5000)), f"{rng.randint(1, 900)}.{rng.randint(10, 99)}",
                        "EUR", f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 10:00:00",
                        rng.choice(["paid", "shipped", "open"])])
        elif shape == "events":
            out.append([f"81.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}",
                        "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0",
                        f"/p/{rng.randint(1, 999)}", f"2024-05-0{rng.randint(1, 9)}T1{i % 10}:00",
                        rng.choice(["200", "404", "302"])])
        else:
            out.append([f"SKU-{rng.randint(10000, 99999)}", rng.choice(["Chair", "Lamp", "Desk"]),
                        f"{rng.randint(5, 500)}.00", str(rng.randint(0, 90)),
                        rng.choice(["home", "office"])])
    return out


def _table(n: int) -> tuple[str, list[str], list[list[str]]]:
    rng = random.Random(n)
    shape = list(SHAPES)[n % 4]
    lang = ["en", "fr", "de"][n % 3]
    return f"{shape}_{n:05d}", SHAPES[shape][lang], _rows(shape, rng)


def make_pg(tables: int) -> None:
    with psycopg.connect(PG, autocommit=True) as conn:
        have = conn.execute("SELECT count(*) FROM information_schema.tables WHERE "
                            "table_schema = %s", (SCHEMA,)).fetchone()
        if have and have[0] == tables:
            return
        conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        conn.execute(f"CREATE SCHEMA {SCHEMA}")
        for n in range(tables):
            name, cols, rows = _table(n)
            conn.execute(f"CREATE TABLE {SCHEMA}.{name} (id serial PRIMARY KEY, "
                         + ", ".join(f"{c} text" for c in cols) + ")")
            with conn.cursor().copy(f"COPY {SCHEMA}.{name} ({', '.join(cols)}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
        conn.execute("ANALYZE")


def make_files(files: int) -> Path:
    root = DATA / f"many_{files}"
    if root.exists() and len(list(root.glob("*.csv"))) == files:
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for n in range(files):
        name, cols, rows = _table(n)
        buf = io.StringIO()
        buf.write(",".join(cols) + "\n")
        for row in rows:
            buf.write(",".join(f'"{v}"' if "," in v else v for v in row) + "\n")
        (root / f"{name}.csv").write_text(buf.getvalue(), encoding="utf-8")
    return root


def timed(source: str, runs: int) -> tuple[float, list[float], int]:
    exe = Path(sys.executable).with_name("pdscan")
    times, found = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        res = subprocess.run([str(exe), "scan", source, "--format", "json"],
                             capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if res.returncode not in (0, 1):
            raise SystemExit(f"pdscan scan {source}: exit {res.returncode}: {res.stderr[-800:]}")
        found = res.stdout.count('"category"')
    return statistics.median(times), times, found


def main() -> int:
    byte_compile()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", default="200,1000")
    parser.add_argument("--files", default="2000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for n in [int(x) for x in args.tables.split(",") if x]:
        make_pg(n)
        DATA.mkdir(exist_ok=True)
        config = DATA / "many_pg.toml"
        config.write_text(f'[sources.many]\nurl = "{PG}"\nschemas = ["{SCHEMA}"]\n')
        med, times, found = timed(str(config), args.runs)
        print(f"PostgreSQL, {n} tables of {ROWS} rows: {med:.1f} s median "
              f"({', '.join(f'{t:.1f}' for t in times)}), {found} findings, "
              f"{1000 * med / n:.0f} ms per table")
    for n in [int(x) for x in args.files.split(",") if x]:
        root = make_files(n)
        med, times, found = timed(str(root), args.runs)
        print(f"{n} CSV files of {ROWS} rows: {med:.1f} s median "
              f"({', '.join(f'{t:.1f}' for t in times)}), {found} findings, "
              f"{1000 * med / n:.0f} ms per file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
