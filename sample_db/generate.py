#!/usr/bin/env python3
"""Generate pdscan's embedded sample: ``shop.db``, ``files/`` and ``truth.json``.

    python sample_db/generate.py                      # the committed sample (300 customers)
    python sample_db/generate.py --out /tmp/s --rows 1000
    python sample_db/generate.py --out benchmarks/data/large --rows 10000000

The same ``--seed`` and ``--rows`` (and the same Faker version) give byte-identical
text files and the same SQLite rows. Every date is relative to a fixed reference date
(2025-06-30), never to "now". Large runs stream every table and file in chunks.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import faker
from _commerce import (
    write_consents,
    write_customers,
    write_devices,
    write_kyc,
    write_orders,
    write_reference,
)
from _context import Ctx, Plan, Truth
from _data import DEFAULT_ROWS, DEFAULT_SEED, REF_DT
from _engagement import (
    write_bookings,
    write_crm,
    write_newsletter,
    write_registrations,
    write_tickets,
)
from _people import People
from _sinks import close_shop, open_shop
from _web import write_access_log, write_clickstream

HERE = Path(__file__).resolve().parent
TRUTH_FORMAT = "pdscan-sample-truth/1"

#: In order. Each table/file draws from its own named random stream, so the content of
#: a step does not depend on the steps before it, only on ``ctx.memo`` (switchboards,
#: prospects' companies).
FIRST: list[Callable[[Ctx], None]] = [write_reference, write_crm]
DATABASE: list[Callable[[Ctx], None]] = [
    write_customers, write_orders, write_devices, write_kyc, write_consents,
    write_registrations, write_bookings, write_tickets, write_newsletter,
]
#: Files only, no SQLite: large runs write them in a forked child, in parallel.
WEB: list[Callable[[Ctx], None]] = [write_clickstream, write_access_log]


def _timed(steps: list[Callable[[Ctx], None]], ctx: Ctx,
           log: Callable[[str], None] | None) -> None:
    for step in steps:
        t = time.perf_counter()
        step(ctx)
        if log:
            log(f"{step.__name__:<22} {time.perf_counter() - t:8.1f} s")


def _web_child(ctx: Ctx, log: Callable[[str], None] | None, conn: Connection) -> None:
    """Runs in a forked process: write the web files, send back the truth rows found."""
    for s in ctx.truth.subjects.values():
        s.rows, s.mentions, s.not_theirs, s.hubs = [], [], [], []
    _timed(WEB, ctx, log)
    conn.send({k: (s.rows, s.mentions, s.not_theirs) for k, s in ctx.truth.subjects.items()})
    conn.close()


def _run(ctx: Ctx, log: Callable[[str], None] | None) -> None:
    _timed(FIRST, ctx, log)
    if not ctx.plan.large or "fork" not in mp.get_all_start_methods():
        _timed(DATABASE + WEB, ctx, log)
        return
    fork = mp.get_context("fork")
    mine, theirs = fork.Pipe(duplex=False)
    child = fork.Process(target=_web_child, args=(ctx, log, theirs))
    child.start()
    _timed(DATABASE, ctx, log)
    found = mine.recv()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"writing the web files failed (exit code {child.exitcode})")
    for k, (rows, mentions, not_theirs) in found.items():
        s = ctx.truth.subjects[k]
        s.rows += rows
        s.mentions += mentions
        s.not_theirs += not_theirs


def _register_subjects(truth: Truth, people: People) -> None:
    for pid, spec in people.featured.items():
        kind = ("customer" if people.is_customer(pid)
                else "prospect" if pid > people.prospect0 else "guest")
        truth.subject(spec["key"], kind, {"email": spec["email"], "phone": spec["phone"].e164})
    truth.subject("julien-lambert", "staff", {"email": "julien.lambert@weshre.be"})
    truth.subjects["elodie-martin-fr"].homonyms.append("elodie-martin-be")
    truth.subjects["elodie-martin-be"].homonyms.append("elodie-martin-fr")
    truth.hub("julien-lambert", "user.device.ip_address", "185.23.112.10",
              "office NAT address shared by every support agent in access.log")


def generate(out: Path, rows: int = DEFAULT_ROWS, seed: int = DEFAULT_SEED,
             log: Callable[[str], None] | None = None) -> Path:
    """Write the sample into ``out``; return the path of its truth.json."""
    plan = Plan.for_rows(rows)
    out.mkdir(parents=True, exist_ok=True)
    files = out / "files"
    files.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    people = People(seed, plan.customers, plan.guests, plan.prospects, dedup=not plan.large)
    truth = Truth()
    _register_subjects(truth, people)
    con = open_shop(out / "shop.db")
    ctx = Ctx(seed=seed, plan=plan, people=people, truth=truth, con=con, files=files)
    _run(ctx, log)
    close_shop(con)
    doc = {
        "format": TRUTH_FORMAT,
        "seed": seed,
        "rows": rows,
        "faker_version": faker.VERSION,
        "reference_datetime": REF_DT.isoformat(),
        "stores": {"shop": "sqlite:///shop.db", "files": "files/"},
        "subjects": truth.to_json(),
    }
    path = out / "truth.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if log:
        log(f"{'total':<22} {time.perf_counter() - t0:8.1f} s -> {out}")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="output folder (default: sample_db/ itself)")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS,
                        help=f"number of customers (default {DEFAULT_ROWS}; above 100000 only "
                             "the main tables and files grow)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.rows < 100:
        parser.error("--rows must be at least 100")
    if args.out.resolve() == HERE and (args.rows, args.seed) != (DEFAULT_ROWS, DEFAULT_SEED):
        parser.error("non-default --rows/--seed would overwrite the committed sample: "
                     "give --out (e.g. benchmarks/data/large)")
    generate(args.out, args.rows, args.seed,
             log=None if args.quiet else (lambda msg: print(msg, file=sys.stderr)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
