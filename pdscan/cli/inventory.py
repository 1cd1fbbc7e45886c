"""``pdscan inventory``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console

from pdscan.cli.common import ConfigOpt, FormatOpt, SourcesArg, default_config
from pdscan.cli.output import (
    Format,
    emit,
    exit_for_errors,
    grid,
    note,
    report_errors,
    run_command,
)


def _table(doc: Mapping[str, Any], console: Console | None = None) -> None:
    def row(c: Mapping[str, Any]) -> tuple[str, ...]:
        rows = "? rows" if c["row_count"] is None else (
            f"{c['row_count']:,} rows" + ("" if c["row_count_exact"] else " (est.)"))
        fks = "; ".join(
            f"{','.join(fk['columns'])} → {fk['references']['collection']}"
            f"({','.join(fk['references']['columns'])})" for fk in c["foreign_keys"])
        pk = ",".join(c["primary_key"]) or ("(weak)" if c.get("weak_locator") else "")
        cols = ", ".join(f"{x['name']}:{x['type']}" for x in c["columns"])
        return (c["source"], c["collection"], c["kind"], rows, f"key {pk}" if pk else "",
                fks, cols)

    grid("Collections", ("source", "collection", "kind", "rows", "primary key",
                         "foreign keys", "columns"), (row(c) for c in doc["collections"]),
         console)


def inventory_command(
    sources: SourcesArg = None,
    config: ConfigOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """List every collection (table, file, key pattern) of each source, with its columns,
    types, row count (exact or estimated), primary key and foreign keys."""

    def body() -> int:
        from pdscan.config import resolve_sources
        from pdscan.inventory import inventory

        specs = resolve_sources(sources or [], default_config(config, sources))
        result = inventory(specs)
        doc = result.to_dict()
        emit(doc, "collections", format, _table)
        if format is Format.table:
            for w in doc["warnings"]:
                note(w)
        report_errors(doc["errors"])
        return exit_for_errors(result.errors)

    run_command(body)
