"""``pdscan index`` and ``pdscan lookup``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from pdscan.cli.common import ConfigOpt, FormatOpt, SourcesArg, default_config
from pdscan.cli.output import Format, dumps, emit, report_errors, run_command, stderr, stdout
from pdscan.config import resolve_sources
from pdscan.errors import EXIT_SOURCE, UsageError
from pdscan.index import build_index
from pdscan.lookup import attach_values, lookup

IndexOpt = Annotated[Path, typer.Option(
    "--index", help="Index file (SQLite). Its key is kept beside it as INDEX.key (mode 0600) "
                    "unless PDSCAN_INDEX_KEY holds it.")]
DEFAULT_INDEX = Path(".pdscan/index.db")


def _index_table(doc: Mapping[str, Any]) -> None:
    stdout.print(f"Index {doc['index']}: {doc['collections_indexed']} collections indexed, "
                 f"{doc['collections_unchanged']} unchanged; {doc['rows']:,} rows, "
                 f"{doc['identifier_cells']:,} identifier cells, {doc['postings']:,} postings "
                 f"in {doc['seconds']:.1f} s", highlight=False)
    if doc["links"]:
        table = Table(title="Links between collections")
        for col in ("from", "to", "kind", "evidence"):
            table.add_column(col, overflow="fold")
        for link in doc["links"]:
            table.add_row(link["from"], link["to"], link["kind"], link["evidence"])
        stdout.print(table)


def index_command(
    sources: SourcesArg = None,
    config: ConfigOpt = None,
    index: IndexOpt = DEFAULT_INDEX,
    full: Annotated[bool, typer.Option("--full", help="Rebuild everything (a new file, "
                                                      "renamed over the old one).")] = False,
    format: FormatOpt = Format.table,
) -> None:
    """Build or refresh the subject index: every identifying column read in full, each value
    normalised and stored as a keyed hash (HMAC-SHA256) with the row's locator. A second run
    re-reads only the collections that changed."""

    def body() -> int:
        specs = resolve_sources(sources or [], default_config(config, sources))
        with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                      TextColumn("{task.completed:,.0f} rows, {task.fields[rate]}"),
                      TimeElapsedColumn(), console=stderr, transient=True,
                      disable=not stderr.is_terminal) as bar:
            task = bar.add_task("indexing", rate="")
            started = time.perf_counter()
            done: dict[tuple[str, str], int] = {}

            def on_rows(label: str, info: Any, rows: int) -> None:
                done[(label, info.name)] = rows
                total = sum(done.values())
                rate = total / max(1e-3, time.perf_counter() - started)
                bar.update(task, description=f"{label}: {info.name}", completed=total,
                           rate=f"{rate:,.0f} rows/s")

            report = build_index(specs, index, full=full, progress=on_rows)
        doc = report.to_dict()
        emit(doc, "links", format, _index_table)
        for w in doc["warnings"]:
            stderr.print(f"[yellow]note:[/yellow] {w}", highlight=False)
        report_errors(doc["errors"])
        return EXIT_SOURCE if report.errors else 0

    run_command(body)


def _lookup_table(doc: Mapping[str, Any]) -> None:
    table = Table(title=f"Rows of {', '.join(f'{k} {v}' for k, v in doc['query'].items())}")
    for col in ("source", "collection", "locator", "status", "reached by", "via", "columns"):
        table.add_column(col, overflow="fold")
    for h in doc["hits"]:
        shown = ", ".join(h["columns"]) if "values" not in h else dumps(h["values"])
        table.add_row(h["source"], h["collection"], dumps(h["locator"]), h["status"],
                      h["reached_by"], h["via"], shown)
    stdout.print(table)
    for link in doc["links"]:
        stdout.print(f"link: {link['from']} -> {link['to']}: {link['note']}", highlight=False)
    for hub in doc["hubs"]:
        stdout.print(f"hub: {hub['category']} shared by {hub['rows']} rows: {hub['note']}",
                     highlight=False)
    for w in doc["warnings"]:
        stderr.print(f"[yellow]warning:[/yellow] {w}", highlight=False)


def lookup_command(
    email: Annotated[list[str] | None, typer.Option("--email", help="E-mail address.")] = None,
    phone: Annotated[list[str] | None, typer.Option(
        "--phone", help="Phone number, national (read with --region) or international.")] = None,
    ip: Annotated[list[str] | None, typer.Option("--ip", help="IPv4 or IPv6 address.")] = None,
    id: Annotated[list[str] | None, typer.Option(
        "--id", help="COLLECTION=VALUE, a row's primary key: main.customers=42.")] = None,
    name: Annotated[list[str] | None, typer.Option(
        "--name", help="Full name: matches are candidates, never merged on their own.")] = None,
    index: IndexOpt = DEFAULT_INDEX,
    region: Annotated[str, typer.Option("--region", help="Region of national phone numbers.")
                      ] = "FR",
    show_data: Annotated[bool, typer.Option(
        "--show-data", help="Show the query unmasked and fetch each row's personal values "
                            "from the sources named in --config.")] = False,
    config: ConfigOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Every row that belongs to one person, with how each was reached (direct match, foreign
    key, shared identifier). Several identifiers that name different people are not merged."""

    def body() -> int:
        result = lookup(index, emails=email or [], phones=phone or [], ips=ip or [],
                        names=name or [], ids=id or [], region=region.upper(),
                        show_data=show_data)
        if show_data:
            cfg = default_config(config, None)
            if cfg is None:
                raise UsageError("--show-data reads the rows from their sources: name them "
                                 "with --config pdscan.toml")
            attach_values(result, index, resolve_sources([], cfg))
        emit(result.to_dict(), "hits", format, _lookup_table)
        return 0

    run_command(body)
