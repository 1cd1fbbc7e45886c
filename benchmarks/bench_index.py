"""Index build throughput, peak RSS and lookup latency (run by hand, not in CI).

    python benchmarks/bench_index.py --rows 10000000
    python benchmarks/bench_index.py --rows 1000000 --store sqlite --runs 3

``--store``: the same rows in a CSV file (default), a SQLite table, a PostgreSQL table
(schema ``pdscan_bench_ix``) or a MariaDB table (database ``pdscan_bench_ix``), each
with an integer primary key; loading them is not timed.

Writes benchmarks/data/people_<rows>.csv (e-mail, phone in four national and
international styles, name, IPv4, city, amount; each person on ~5 rows, as in
PERFORMANCE-NOTES.md), builds a fresh index of it in a child process (so
``ru_maxrss`` is the build's own peak), then times 1,000 lookups of random
people.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from _installed import byte_compile

DATA = Path(__file__).parent / "data"
CHUNK = 1_000_000


def person(i: int, people: int, layout: str) -> int:
    """Row ``i``'s person. ``spread``: a person's 5 rows lie ``people`` rows apart, the
    worst case for any cache (a value recurs only after every other one); ``clustered``:
    within a window of 5,000 rows (a session, a day of logs)."""
    if layout == "spread":
        return (i * 7919) % people
    return min(people - 1, (i // 5000) * 1000 + ((i % 5000) * 7) % 1000)


def make_csv(rows: int, layout: str = "spread") -> Path:
    suffix = "" if layout == "spread" else f"_{layout}"
    path = DATA / f"people_{rows}{suffix}.csv"
    if path.exists():
        return path
    DATA.mkdir(exist_ok=True)
    people = max(1, rows // 5)
    firsts = pa.array(["Élodie", "Jan", "Ana", "Hiroshi", "Priya", "Luca", "Fatou", "Wei"])
    lasts = pa.array(["Martin", "Peeters", "García", "Tanaka", "Sharma", "Rossi", "Diallo", "Li"])
    with pacsv.CSVWriter(path, pa.schema([(n, pa.string()) for n in
                                          ("email", "phone", "full_name", "ip", "city",
                                           "amount")])) as w:
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            pid = pa.array([person(i, people, layout) for i in range(start, start + n)],
                           pa.int64())
            s = pc.cast(pid, pa.string())
            email = pc.binary_join_element_wise("user", s, "@Example.com", "")
            national = pc.utf8_lpad(pc.cast(pc.add(pid, 600000000), pa.string()), 9, "0")
            style = pc.bit_wise_and(pid, 3)
            styles = [pc.binary_join_element_wise(p, national, "")
                      for p in ("+33", "0", "0033", "+33 ")]
            phone = pc.if_else(pc.equal(style, 0), styles[0],
                               pc.if_else(pc.equal(style, 1), styles[1],
                                          pc.if_else(pc.equal(style, 2), styles[2], styles[3])))
            name = pc.binary_join_element_wise(pc.take(firsts, pc.bit_wise_and(pid, 7)),
                                               pc.take(lasts, pc.bit_wise_and(
                                                   pc.shift_right(pid, 3), 7)), " ")
            ip = pc.binary_join_element_wise(
                "81.", pc.cast(pc.bit_wise_and(pid, 255), pa.string()), ".",
                pc.cast(pc.bit_wise_and(pc.shift_right(pid, 8), 255), pa.string()), ".",
                pc.cast(pc.bit_wise_and(pc.shift_right(pid, 16), 255), pa.string()), "")
            city = pc.take(pa.array(["Lyon", "Gent", "Madrid", "Köln"]), pc.bit_wise_and(pid, 3))
            amount = pc.cast(pc.bit_wise_and(pid, 1023), pa.string())
            w.write_batch(pa.RecordBatch.from_arrays(
                [email, phone, name, ip, city, amount],
                ["email", "phone", "full_name", "ip", "city", "amount"]))
    return path


BUILD = """
import json, resource, sys, time
from pdscan.config import SourceSpec
from pdscan.index import build_index
t = time.perf_counter()
r = build_index([SourceSpec("people", sys.argv[1], json.loads(sys.argv[3]))], sys.argv[2],
                full=True)
d = r.to_dict()
d["wall"] = time.perf_counter() - t
d["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({k: v for k, v in d.items() if k != "links"}))
"""


PG = "postgresql://postgres@127.0.0.1:5432/test"
MARIA = "mysql://root@127.0.0.1:3306"
COLUMNS = ("email", "phone", "full_name", "ip", "city", "amount")


def load_sql(store: str, csv: Path, rows: int) -> tuple[str, dict[str, object]]:
    """The CSV's rows in a table of ``store``: (URL, source options)."""
    if store == "sqlite":
        db = DATA / f"people_sql_{rows}.db"
        if not db.exists():
            import adbc_driver_sqlite.dbapi as adbc

            tmp = db.with_suffix(".tmp")
            tmp.unlink(missing_ok=True)
            with adbc.connect(str(tmp)) as conn, conn.cursor() as cur:
                cur.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, "
                            "phone TEXT, full_name TEXT, ip TEXT, city TEXT, amount INTEGER)")
                reader = pacsv.open_csv(csv)
                first = 1
                for batch in reader:
                    ids = pa.array(range(first, first + batch.num_rows), pa.int64())
                    first += batch.num_rows
                    cur.adbc_ingest("people", pa.Table.from_batches([batch]).add_column(
                        0, "id", ids), mode="append")
                conn.commit()
            tmp.rename(db)
        return f"sqlite:///{db}", {}
    if store == "postgresql":
        import psycopg

        with psycopg.connect(PG, autocommit=True) as conn:
            have = conn.execute("SELECT to_regclass('pdscan_bench_ix.people')").fetchone()
            count = conn.execute("SELECT count(*) FROM pdscan_bench_ix.people").fetchone() \
                if have and have[0] else None
            if not count or count[0] != rows:
                conn.execute("DROP SCHEMA IF EXISTS pdscan_bench_ix CASCADE")
                conn.execute("CREATE SCHEMA pdscan_bench_ix")
                conn.execute("CREATE TABLE pdscan_bench_ix.people (id bigserial PRIMARY KEY, "
                             "email text, phone text, full_name text, ip text, city text, "
                             "amount int)")
                with conn.cursor() as cur, cur.copy(
                        f"COPY pdscan_bench_ix.people ({', '.join(COLUMNS)}) FROM STDIN "
                        "WITH (FORMAT csv, HEADER true)") as copy, open(csv, "rb") as f:
                    while chunk := f.read(1 << 20):
                        copy.write(chunk)
                conn.execute("ANALYZE pdscan_bench_ix.people")
        return PG, {"schemas": ["pdscan_bench_ix"]}
    import pymysql

    conn = pymysql.connect(host="127.0.0.1", user="root", local_infile=True, autocommit=True)
    with conn.cursor() as cur:
        cur.execute("CREATE DATABASE IF NOT EXISTS pdscan_bench_ix")
        cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                    "'pdscan_bench_ix' AND table_name = 'people'")
        exists = cur.fetchone()[0]
        count = 0
        if exists:
            cur.execute("SELECT count(*) FROM pdscan_bench_ix.people")
            count = cur.fetchone()[0]
        if count != rows:
            cur.execute("DROP TABLE IF EXISTS pdscan_bench_ix.people")
            cur.execute("CREATE TABLE pdscan_bench_ix.people (id BIGINT AUTO_INCREMENT PRIMARY "
                        "KEY, email VARCHAR(120), phone VARCHAR(40), full_name VARCHAR(120), "
                        "ip VARCHAR(45), city VARCHAR(40), amount INT)")
            cur.execute(f"LOAD DATA LOCAL INFILE '{csv}' INTO TABLE pdscan_bench_ix.people "
                        "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES "
                        f"({', '.join(COLUMNS)})")
    conn.close()
    return f"{MARIA}/pdscan_bench_ix", {}


def main() -> None:
    byte_compile()
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--lookups", type=int, default=1000)
    ap.add_argument("--layout", choices=["spread", "clustered"], default="spread",
                    help="where a person's rows lie (see person())")
    ap.add_argument("--store", choices=["csv", "sqlite", "postgresql", "mariadb"],
                    default="csv")
    ap.add_argument("--runs", type=int, default=1, help="builds; the median is printed")
    args = ap.parse_args()
    t = time.perf_counter()
    csv = make_csv(args.rows, args.layout)
    print(f"data: {csv} ({csv.stat().st_size / 1e6:.0f} MB, {time.perf_counter() - t:.0f} s)")
    source, options = (str(csv), {}) if args.store == "csv" else load_sql(args.store, csv,
                                                                          args.rows)
    index = DATA / f"index_{args.rows}_{args.layout}.db"
    builds = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", BUILD, source, str(index),
                              json.dumps(options)], capture_output=True, text=True, check=True)
        builds.append(json.loads(out.stdout))
    build = sorted(builds, key=lambda b: b["seconds"])[len(builds) // 2]
    each = ", ".join(f"{b['seconds']:.1f}" for b in builds)
    print(f"build ({args.store}, median of {args.runs}: {each} s): "
          f"{build['identifier_cells']:,} identifier cells, {build['postings']:,} "
          f"postings in {build['seconds']:.1f} s = {build['cells_per_second']:,} cells/s; "
          f"peak RSS {build['peak_rss_mb']:.0f} MB; index {index.stat().st_size / 1e6:.0f} MB")

    from pdscan.lookup import lookup

    people = max(1, args.rows // 5)
    rng = random.Random(1)
    times = []
    for _ in range(args.lookups):
        email = f"user{rng.randrange(people)}@example.com"
        t = time.perf_counter()
        result = lookup(index, emails=[email])
        times.append((time.perf_counter() - t) * 1000)
        assert result.rows, email
    times.sort()
    p50 = statistics.median(times)
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"lookup ({args.lookups} random people, whole call incl. opening the index): "
          f"p50 {p50:.1f} ms, p99 {p99:.1f} ms")



if __name__ == "__main__":
    main()
