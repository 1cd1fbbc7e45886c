"""Shared by the peer wrappers (stdlib only; psycopg only when a PostgreSQL source is read).

A source is given on the command line as ``--sqlite PATH`` or ``--pg DSN --schema NAME``.
Collections are named as pdscan names them: ``main.<table>`` for SQLite,
``<schema>.<table>`` for PostgreSQL, so that every tool is scored on the same keys.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def add_source_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--sqlite", help="path of a SQLite file")
    ap.add_argument("--pg", help="PostgreSQL DSN, e.g. postgresql://postgres@127.0.0.1:5432/test")
    ap.add_argument("--schema", default="public", help="PostgreSQL schema to read")
    ap.add_argument("--out", required=True, help="where to write the findings JSON")


class Source:
    """Read-only access to the tables of one SQLite file or one PostgreSQL schema."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        if args.sqlite:
            self.kind = "sqlite"
            uri = f"file:{Path(args.sqlite).resolve()}?mode=ro"
            self.con: Any = sqlite3.connect(uri, uri=True)
        elif args.pg:
            import psycopg

            self.kind = "postgresql"
            self.con = psycopg.connect(args.pg, autocommit=True)
        else:
            raise SystemExit("give --sqlite PATH or --pg DSN")

    def tables(self) -> list[str]:
        if self.kind == "sqlite":
            rows = self.con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
        else:
            rows = self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
                "AND table_type = 'BASE TABLE' ORDER BY table_name",
                (self.args.schema,)).fetchall()
        return [r[0] for r in rows]

    def collection(self, table: str) -> str:
        return f"main.{table}" if self.kind == "sqlite" else f"{self.args.schema}.{table}"

    def _qualified(self, table: str) -> str:
        quoted = '"' + table.replace('"', '""') + '"'
        if self.kind == "sqlite":
            return quoted
        return '"' + self.args.schema.replace('"', '""') + '".' + quoted

    def count(self, table: str) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM {self._qualified(table)}").fetchone()[0])

    def sample(self, table: str, n: int) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The whole table when it has at most ``n`` rows, else ``n`` rows drawn at random
        (``ORDER BY random() LIMIT n``: uniform, and it reads the whole table once)."""
        q = self._qualified(table)
        total = self.count(table)
        sql = f"SELECT * FROM {q}"
        if total > n:
            sql += f" ORDER BY random() LIMIT {n}"
        cur = self.con.execute(sql)
        names = [d[0] for d in cur.description]
        return names, cur.fetchall()

    def stream(self, table: str, batch: int = 10_000
               ) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        """Every row of the table, ``batch`` rows at a time (server-side cursor in PostgreSQL)."""
        q = self._qualified(table)
        if self.kind == "sqlite":
            cur = self.con.execute(f"SELECT * FROM {q}")
        else:
            cur = self.con.cursor(name=f"peers_{abs(hash(table))}", withhold=True)
            cur.itersize = batch
            cur.execute(f"SELECT * FROM {q}")
        names: list[str] | None = None
        while True:
            rows = cur.fetchmany(batch)
            if names is None:
                names = [d[0] for d in cur.description]
            if not rows:
                break
            yield names, rows
        cur.close()


def write_output(path: str, payload: dict[str, Any], started: float) -> None:
    payload.setdefault("seconds_in_process", round(time.perf_counter() - started, 3))
    Path(path).write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
    print(f"{payload.get('tool')}: {len(payload.get('findings', []))} findings -> {path}",
          file=sys.stderr)
