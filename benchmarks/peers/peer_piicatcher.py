"""piicatcher 0.21.2 deep scan (column names + data) of one source; run in .venvs/piicatcher.

    .venvs/piicatcher/bin/python peer_piicatcher.py --sqlite X.db --out f.json
    .venvs/piicatcher/bin/python peer_piicatcher.py \\
        --pg postgresql://postgres@127.0.0.1:5432/test \\
        --schema pdscan_peers --out f.json

One process does what ``piicatcher catalog add-sqlite`` / ``add-postgresql`` followed by
``piicatcher --output-format json detect --scan-type data --no-incremental`` do: a fresh
catalog (a SQLite file in a temporary folder), the source added to it, then
``piicatcher.api.scan_database(scan_type=data, incremental=False, output_format=json)``
with its default ``sample_size`` (100). piicatcher's own rules then apply: the
column-name regexes first, then its regexes (commonregex) over the values of text
columns; on PostgreSQL it reads ``TABLESAMPLE BERNOULLI (10) LIMIT 100``, on SQLite it
has no sample query and reads every row of every text column. One PII type per column.

Usage statistics (goog-stats -> Google Analytics) are off: the harness points
``XDG_CONFIG_HOME`` at ``.venvs/piicatcher-config`` whose goog-stats config.json says
``collection_status: false`` (``run_peers.py --setup`` writes it; this wrapper writes it
too when missing), so no event is sent.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import _offline  # noqa: E402  (first: guard the network before the tool is imported)

# isort: split
import argparse  # noqa: E402
import importlib.metadata as md  # noqa: E402
import tempfile  # noqa: E402
from contextlib import closing  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

from _source import add_source_args, write_output  # noqa: E402

TID = "UA-148590293-1"  # piicatcher.__google_analytics_tid__


def stats_off() -> None:
    """Write goog-stats' config with collection disabled (no network call involved)."""
    from goog_stats import Stats

    stats = Stats(TID)  # creates <XDG_CONFIG_HOME>/goog-stats/config.json if missing
    stats.disable_stat()
    assert not Stats().is_enabled()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_source_args(ap)
    ap.add_argument("--stats-off-only", action="store_true",
                    help="only write the telemetry-off config, then exit")
    args = ap.parse_args()
    stats_off()
    if args.stats_off_only:
        return
    import dbcat.settings
    from dbcat.api import add_postgresql_source, add_sqlite_source, open_catalog
    from piicatcher.api import OutputFormat, ScanTypeEnum, scan_database

    findings: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="piicatcher-") as tmp:
        catalog = open_catalog(app_dir=Path(tmp), secret=dbcat.settings.DEFAULT_CATALOG_SECRET,
                               path=Path(tmp) / "catalog.db")
        with closing(catalog), catalog.managed_session:
            if args.sqlite:
                add_sqlite_source(catalog, "src", Path(args.sqlite).resolve())
                schemas = None
            else:
                u = urlparse(args.pg)
                add_postgresql_source(catalog, "src", username=u.username or "postgres",
                                      password=u.password or "",
                                      database=u.path.lstrip("/") or "postgres",
                                      uri=u.hostname or "127.0.0.1", port=u.port or 5432)
                schemas = [f"^{args.schema}$"]
            source = catalog.get_source("src")
            out = scan_database(catalog=catalog, source=source,
                                scan_type=ScanTypeEnum.data, incremental=False,
                                output_format=OutputFormat.json, list_all=False,
                                include_schema_regex=schemas)
    for schema in (out or {}).get("schemata", []):
        sname = "main" if args.sqlite else schema["name"]
        for table in schema["tables"]:
            for col in table["columns"]:
                if col.get("pii_type"):
                    findings.append({"collection": f"{sname}.{table['name']}",
                                     "column": col["name"], "entity": col["pii_type"],
                                     "plugin": col.get("pii_plugin")})
    write_output(args.out, {
        "tool": "piicatcher", "version": md.version("piicatcher"),
        "dbcat_version": md.version("dbcat"), "scan_type": "data", "sample_size": 100,
        "findings": findings, "network_attempts": _offline.ATTEMPTS}, STARTED)


if __name__ == "__main__":
    main()
