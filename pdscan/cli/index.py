"""``pdscan index`` and ``pdscan lookup``."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pdscan.cli.common import (
    ConfigOpt,
    FormatOpt,
    SourcesArg,
    default_config,
    index_param,
    with_identifiers,
)
from pdscan.cli.output import (
    Format,
    dumps,
    emit,
    grid,
    note,
    report_errors,
    run_command,
    stderr,
    stdout,
)
from pdscan.errors import EXIT_SOURCE, UsageError

# Typed str, not Path: typer would turn the parser's postgresql:// URL into a path.
IndexOpt = Annotated[str, typer.Option(
    "--index", parser=index_param,
    help="Index file (SQLite: a path or sqlite:///path), or "
         "postgresql://host/db?schema=pdscan. Its key is kept beside a file as <name>.key "
         "(mode 0600) unless PDSCAN_INDEX_KEY holds it.")]
DEFAULT_INDEX = Path(".pdscan/index.db")


def _index_table(doc: Mapping[str, Any], console: Console | None = None) -> None:
    out = console or stdout
    out.print(f"Index {doc['index']}: {doc['collections_indexed']} collections indexed, "
              f"{doc['collections_unchanged']} unchanged; {doc['rows']:,} rows, "
              f"{doc['identifier_cells']:,} identifier cells, {doc['postings']:,} postings "
              f"in {doc['seconds']:.1f} s", highlight=False, soft_wrap=False)
    if doc["links"]:
        grid("Links between collections", ("from", "to", "kind", "evidence"),
             ((link["from"], f"→ {link['to']}", link["kind"], link["evidence"])
              for link in doc["links"]), out)


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
        from pdscan.config import resolve_sources
        from pdscan.index.build import build_index

        specs = resolve_sources(sources or [], default_config(config, sources))
        from rich.markup import escape
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        # rows are the unit: the total is the collections' counts (estimated for large
        # PostgreSQL and MariaDB tables), so the percentage and time left are close
        with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                      TextColumn("{task.completed:,.0f} rows, {task.fields[rate]}"),
                      TimeRemainingColumn(), console=stderr, transient=True,
                      disable=not stderr.is_terminal) as bar:
            task = bar.add_task("indexing", rate="", total=None)
            started = time.perf_counter()
            done: dict[tuple[str, str], int] = {}

            def on_rows(label: str, info: Any, rows: int, expected: int) -> None:
                done[(label, info.name)] = rows
                total = sum(done.values())
                rate = total / max(1e-3, time.perf_counter() - started)
                bar.update(task, description=escape(f"{label}: {info.name}"[-30:]),
                           completed=total, total=max(expected, total) or None,
                           rate=f"{rate:,.0f} rows/s")

            report = build_index(specs, index, full=full, progress=on_rows)
        doc = report.to_dict()
        emit(doc, "links", format, _index_table)
        for w in doc["warnings"]:
            note(w)
        report_errors(doc["errors"])
        return EXIT_SOURCE if report.errors else 0

    run_command(body)


def _lookup_table(doc: Mapping[str, Any], console: Console | None = None) -> None:
    out = console or stdout
    grid(f"Rows of {', '.join(f'{k} {v}' for k, v in doc['query'].items())}",
         ("source", "collection", "locator", "status", "reached by", "via", "columns"),
         ((h["source"], h["collection"], dumps(h["locator"]), h["status"], h["reached_by"],
           h["via"], ", ".join(h["columns"]) if "values" not in h else dumps(h["values"]))
          for h in doc["hits"]), out)
    for link in doc["links"]:
        out.print(f"link: {link['from']} -> {link['to']}: {link['note']}", highlight=False,
                  soft_wrap=False)
    for hub in doc["hubs"]:
        out.print(f"hub: {hub['category']} shared by {hub['rows']} rows: {hub['note']}",
                  highlight=False, soft_wrap=False)
    for w in doc["warnings"]:
        note(w, "warning")


@with_identifiers
def lookup_command(
    query: Callable[[], Any],
    index: IndexOpt = DEFAULT_INDEX,
    region: Annotated[str, typer.Option("--region", help="Region of national phone numbers.")
                      ] = "FR",
    verify: Annotated[bool, typer.Option(
        "--verify", help="Fetch every row from its source (named in --config) and keep only "
                         "those that still hold what reached them; stale rows are reported "
                         "and the exit code is 3.")] = False,
    show_data: Annotated[bool, typer.Option(
        "--show-data", help="Show the query and locators unmasked and each row's personal "
                            "values, fetched and verified as with --verify.")] = False,
    config: ConfigOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Every row that belongs to one person, with how each was reached (direct match,
    foreign key, shared identifier). Several identifiers that name different people are
    not merged. Reads the index only, in milliseconds, unless --verify or --show-data.

    Examples:

      pdscan lookup --email alice@example.com

      pdscan lookup --phone "06 12 34 56 78" --region FR --format json

      pdscan lookup --id main.customers=42 --show-data -c pdscan.toml
    """

    def body() -> int:
        from pdscan.lookup import lookup

        result = lookup(index, query())
        doc = result.to_dict(show_data)
        code = 0
        if verify or show_data:
            cfg = default_config(config, None)
            if cfg is None:
                raise UsageError("--verify and --show-data read the rows from their "
                                 "sources: name them with --config pdscan.toml")
            from pdscan.config import resolve_sources
            from pdscan.subject_rows import fetch_subject_rows

            got = fetch_subject_rows(index, result.rows, resolve_sources([], cfg))
            doc["hits"] = [_shown(fr, show_data) for fr in got.rows]
            doc["stale"] = [r.to_dict(show_data) for r in got.stale]
            doc["errors"] = [e.to_dict() for e in got.errors]
            message = got.stale_message()
            if message:
                doc["warnings"].append(message)
            if got.unchecked:
                doc["warnings"].append(f"{len(got.unchecked)} row(s) could not be checked "
                                       "at their source (it failed): not shown")
            code = EXIT_SOURCE if got.stale or got.errors else 0
        emit(doc, "hits", format, _lookup_table)
        report_errors(doc.get("errors", []))
        return code

    run_command(body)


def _shown(fetched: Any, show_data: bool) -> dict[str, Any]:
    """A verified hit (a ``FetchedRow``), with the values of its personal columns when
    asked (never a credential)."""
    from pdscan.export import withheld

    hit = fetched.row.to_dict(show_data)
    hit["verified"] = True
    if show_data:
        personal = [*fetched.row.columns, *(c for c, cat in fetched.categories.items()
                                            if not withheld(cat))]
        tops = {part.split(".")[0] for col in personal for part in col.split("+")}
        hit["values"] = {c: v for c, v in fetched.values.items() if c in tops}
    return hit
