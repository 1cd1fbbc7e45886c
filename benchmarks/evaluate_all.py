"""Detection precision and recall on every labelled store in the repository, in one run.

    python benchmarks/evaluate_all.py [--json]

sample_db (SQLite + files), tests/schemas/hr_pg.sql (loaded into PostgreSQL, schemas
``hr`` and ``payroll``, dropped after), tests/schemas/shop_maria.sql (loaded into a
fresh MariaDB database, dropped after), benchmarks/heldout, benchmarks/heldout2 and
benchmarks/crm73k.
Servers as in the tests (``PDSCAN_TEST_PG``, ``PDSCAN_TEST_MARIADB``). Run it before
and after a change to detection: the figures must not drop.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pdscan.config import SourceSpec, load_config  # noqa: E402
from pdscan.evaluate import evaluate, load_labels  # noqa: E402
from pdscan.scan import scan  # noqa: E402

PG = os.environ.get("PDSCAN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
MARIA = os.environ.get("PDSCAN_TEST_MARIADB", "mysql://root@127.0.0.1:3306/test")
SCHEMAS = ROOT / "tests" / "schemas"


@contextmanager
def hr_pg() -> Iterator[tuple[list[SourceSpec], Path, dict[str, str]]]:
    url = sa.engine.make_url(PG)
    subprocess.run(["psql", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U",
                    url.username or "postgres", "-d", url.database or "test", "-q", "-v",
                    "ON_ERROR_STOP=1", "-f", str(SCHEMAS / "hr_pg.sql")],
                   check=True, capture_output=True)
    try:
        yield ([SourceSpec("hr", PG, {"schemas": ["hr", "payroll"]})],
               SCHEMAS / "hr_pg.labels.yaml", {"store": "hr"})
    finally:
        eng = sa.create_engine(PG.replace("postgresql://", "postgresql+psycopg://"))
        with eng.begin() as c:
            c.execute(sa.text("DROP SCHEMA IF EXISTS hr CASCADE"))
            c.execute(sa.text("DROP SCHEMA IF EXISTS payroll CASCADE"))
        eng.dispose()


@contextmanager
def shop_maria() -> Iterator[tuple[list[SourceSpec], Path, dict[str, str]]]:
    name = f"pdscan_eval_{uuid.uuid4().hex[:8]}"
    eng = sa.create_engine(MARIA.replace("mysql://", "mysql+pymysql://"))
    with eng.begin() as c:
        c.execute(sa.text(f"CREATE DATABASE `{name}`"))
    url = sa.engine.make_url(MARIA)
    try:
        with open(SCHEMAS / "shop_maria.sql", "rb") as sql:
            subprocess.run(["mariadb", "-h", url.host or "127.0.0.1", "-P",
                            str(url.port or 3306), "-u", url.username or "root", name],
                           stdin=sql, check=True, capture_output=True)
        yield ([SourceSpec("shop", f"{MARIA.rsplit('/', 1)[0]}/{name}")],
               SCHEMAS / "shop_maria.labels.yaml", {"store": "shop", "prefix": name})
    finally:
        with eng.begin() as c:
            c.execute(sa.text(f"DROP DATABASE `{name}`"))
        eng.dispose()


@contextmanager
def sample_db() -> Iterator[tuple[list[SourceSpec], Path, dict[str, str]]]:
    yield (list(load_config(ROOT / "sample_db" / "pdscan.toml").sources),
           ROOT / "sample_db" / "labels.yaml", {})


def heldout(name: str) -> Callable[[], object]:
    @contextmanager
    def store() -> Iterator[tuple[list[SourceSpec], Path, dict[str, str]]]:
        db = ROOT / "benchmarks" / name / f"{name}.sqlite"
        if not db.exists():  # crm73k (16 MB) is generated, not committed
            subprocess.run([sys.executable, str(db.parent / f"make_{name}.py")], check=True,
                           capture_output=True)
        url = f"sqlite:///{db}"
        yield ([SourceSpec(url, url)], ROOT / "benchmarks" / name / f"{name}.labels.yaml",
               {"store": url})
    return store


STORES = {"sample_db": sample_db, "hr_pg": hr_pg, "shop_maria": shop_maria,
          "heldout": heldout("heldout"), "heldout2": heldout("heldout2"),
          "crm73k": heldout("crm73k")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = {}
    for name, make in STORES.items():
        with make() as (specs, labels, kw):  # type: ignore[attr-defined]
            result = scan(specs)
            ev = evaluate(result.findings, load_labels(labels, **kw))
            total = ev.to_dict()["total"]
            out[name] = {"precision": total["precision"], "recall": total["recall"],
                         "errors": len(result.errors)}
    if args.json:
        json.dump(out, sys.stdout, indent=2)
    else:
        for name, r in out.items():
            print(f"{name:<11} precision {r['precision']:.3f}  recall {r['recall']:.3f}"
                  + (f"  ({r['errors']} errors)" if r["errors"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
