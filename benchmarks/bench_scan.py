"""How long `scan` takes to classify a 10 M-row table (run by hand, not in CI).

    python benchmarks/bench_scan.py --rows 10000000 --runs 3

Builds a 10 M-row ``people`` table server-side in PostgreSQL (schema
``pdscan_bench``), in SQLite (benchmarks/data/people_<rows>.db) and as a CSV
export of it (benchmarks/data/scan_people_<rows>.csv), then times
``pdscan.scan.scan`` on each (median of --runs). The table mixes personal
columns (email, phone, name, IP, birth date, free-text note) with
non-personal ones, as in PERFORMANCE-NOTES.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import sqlalchemy as sa

from pdscan.config import SourceSpec
from pdscan.scan import scan

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DATA = Path(__file__).parent / "data"

PG_FILL = """
CREATE TABLE pdscan_bench.people AS
SELECT g AS id,
       'user' || g || '@example.' || (ARRAY['com','fr','be','de'])[1 + g % 4] AS email,
       '+336' || lpad(((g * 7919) % 100000000)::text, 8, '0') AS phone,
       (ARRAY['Élodie','Jan','Ana','Hiroshi','Priya','Luca'])[1 + g % 6] || ' ' ||
       (ARRAY['Martin','Peeters','García','Tanaka','Sharma','Rossi'])[1 + (g / 7) % 6] AS full_name,
       ((g % 223) + 1) || '.' || (g % 250) || '.' || ((g / 250) % 250) || '.' || (g % 199) AS ip,
       DATE '1950-01-01' + (g % 20000)::int AS birth_date,
       (ARRAY['Lyon','Gent','Madrid','Köln'])[1 + g % 4] AS city,
       (g % 100000) / 100.0 AS amount,
       TIMESTAMP '2024-01-01' + (g % 86400) * INTERVAL '1 second' AS created_at,
       'Order ' || g || ' shipped, call me at 06 12 34 56 ' || lpad((g % 100)::text, 2, '0')
           AS note
FROM generate_series(1::bigint, {rows}::bigint) g
"""

SQLITE_FILL = """
CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, phone TEXT, full_name TEXT, ip TEXT,
                     birth_date TEXT, city TEXT, amount REAL, created_at TEXT, note TEXT);
WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {rows})
INSERT INTO people SELECT g, 'user' || g || '@example.com',
  '+336' || printf('%08d', (g * 7919) % 100000000), 'Élodie Martin',
  ((g % 223) + 1) || '.' || (g % 250) || '.' || ((g / 250) % 250) || '.' || (g % 199),
  date('1950-01-01', '+' || (g % 20000) || ' days'), 'Lyon', (g % 100000) / 100.0,
  datetime('2024-01-01', '+' || (g % 86400) || ' seconds'),
  'Order ' || g || ' shipped, call me at 06 12 34 56 ' || printf('%02d', g % 100) FROM s;
"""


def build_pg(rows: int) -> None:
    eng = sa.create_engine(PG)
    with eng.begin() as c:
        c.execute(sa.text("DROP SCHEMA IF EXISTS pdscan_bench CASCADE"))
        c.execute(sa.text("CREATE SCHEMA pdscan_bench"))
        c.execute(sa.text(PG_FILL.format(rows=rows)))
        c.execute(sa.text("ALTER TABLE pdscan_bench.people ADD PRIMARY KEY (id)"))
        c.execute(sa.text("ANALYZE pdscan_bench.people"))
    eng.dispose()


def build_sqlite(rows: int) -> Path:
    import sqlite3

    DATA.mkdir(exist_ok=True)
    path = DATA / f"people_{rows}.db"
    if not path.exists():
        con = sqlite3.connect(path)
        con.executescript(SQLITE_FILL.format(rows=rows))
        con.commit()
        con.close()
    return path


def build_csv(db: Path, rows: int) -> Path:
    """The SQLite table as a CSV file, written in chunks."""
    import sqlite3

    path = DATA / f"scan_people_{rows}.csv"  # not bench_index.py's people_<rows>.csv
    if path.exists():
        return path
    con = sqlite3.connect(db)
    cur = con.execute("SELECT * FROM people ORDER BY id")
    names = [d[0] for d in cur.description]
    writer = None
    while chunk := cur.fetchmany(500_000):
        batch = pa.RecordBatch.from_arrays([pa.array(c) for c in zip(*chunk, strict=True)],
                                           names)
        writer = writer or pacsv.CSVWriter(path, batch.schema)
        writer.write_batch(batch)
    if writer:
        writer.close()
    con.close()
    return path


def timed(spec: SourceSpec, runs: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        result = scan([spec], use_ner=False)
        times.append(time.perf_counter() - t)
        assert not result.errors, result.errors
        found = len(result.findings)
    return statistics.median(times), found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    t = time.perf_counter()
    build_pg(args.rows)
    print(f"built PostgreSQL table: {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    db = build_sqlite(args.rows)
    print(f"built SQLite table: {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    csv = build_csv(db, args.rows)
    print(f"built CSV file ({csv.stat().st_size / 1e6:.0f} MB): {time.perf_counter() - t:.0f} s")
    for label, spec in [
        ("PostgreSQL", SourceSpec("pg", PG.replace("+psycopg", ""),
                                  {"schemas": ["pdscan_bench"]})),
        ("SQLite", SourceSpec("sqlite", f"sqlite:///{db}")),
        ("CSV file", SourceSpec("csv", str(csv))),
    ]:
        median, found = timed(spec, args.runs)
        print(f"{label}: scan of {args.rows:,} rows: median {median:.2f} s over {args.runs} runs, "
              f"{found} findings")


if __name__ == "__main__":
    main()
