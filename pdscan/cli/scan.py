"""``pdscan scan``."""

from __future__ import annotations

import enum
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pdscan.cli.common import ConfigOpt, SourcesArg, default_config
from pdscan.cli.output import Format, emit, note, report_errors, run_command, stderr, stdout
from pdscan.errors import EXIT_FAIL_ON, EXIT_SOURCE, UsageError


class ScanFormat(enum.StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    fides = "fides"
    html = "html"


def _categories(value: str | None) -> tuple[str, ...]:
    from pdscan.rules import CATEGORIES

    if not value:
        return ()
    cats = tuple(c.strip() for c in value.split(",") if c.strip())
    known = set(CATEGORIES) | {".".join(c.split(".")[:i]) for c in CATEGORIES
                               for i in range(1, c.count(".") + 1)}
    unknown = [c for c in cats if c not in known]
    if unknown:
        raise UsageError(f"unknown data category {unknown[0]!r} "
                         f"(known: {', '.join(sorted(CATEGORIES))})")
    return cats


#: from this terminal width on, the findings table shows evidence and examples
WIDE = 160


def _table(doc: Mapping[str, Any], console: Console | None = None,
           collections: int | None = None) -> None:
    """Findings grouped by source and collection, one line each; evidence and examples
    too in a wide terminal; then a summary. Words are never cut: lines wrap at spaces."""
    out = console or stdout
    by_source: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for f in doc["findings"]:
        by_source.setdefault(f["source"], {}).setdefault(f["collection"], []).append(f)
    if not by_source and doc["errors"]:
        failed = len(doc["errors"])
        out.print(f"No personal data found in what could be read; {failed} "
                  f"{'source or member' if failed == 1 else 'sources or members'} could "
                  "not be read (errors below).")
    elif not by_source:
        out.print("No personal data found.")
    for source, grouped in by_source.items():
        if out.width >= WIDE:
            _wide(out, source, grouped)
        else:
            _narrow(out, source, grouped)
    if by_source:
        _summary(out, doc, collections)
    for w in doc.get("warnings", []):
        note(w)


def _narrow(out: Console, source: str, grouped: Mapping[str, list[dict[str, Any]]]) -> None:
    from rich.markup import escape

    out.print(f"[bold]Personal data in {escape(source)}[/bold]", highlight=False)
    for collection, findings in grouped.items():
        out.print(f"  [bold]{escape(collection)}[/bold]", highlight=False)
        pad = min(24, max(len(f["column"]) for f in findings))
        cat = min(34, max(len(f["category"]) for f in findings))
        for f in findings:
            out.print(f"    {escape(f['column']).ljust(pad)}  {f['category'].ljust(cat)}  "
                      f"{f['confidence']:.2f}", highlight=False, soft_wrap=False)


def _wide(out: Console, source: str, grouped: Mapping[str, list[dict[str, Any]]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(f"Personal data in {source}"), title_justify="left")
    for col in ("collection", "column", "category", "confidence", "match", "evidence",
                "examples"):
        table.add_column(col, overflow="fold")
    for collection, findings in grouped.items():
        for n, f in enumerate(findings):
            cells = (collection if n == 0 else "", f["column"], f["category"],
                     f"{f['confidence']:.2f}", f"{f['match_ratio']:.0%}",
                     "; ".join(e["detail"] for e in f["evidence"]), ", ".join(f["examples"]))
            table.add_row(*(escape(c) for c in cells))
        table.add_section()
    out.print(table)


def _summary(out: Console, doc: Mapping[str, Any], collections: int | None) -> None:
    findings = doc["findings"]
    columns = {(f["source"], f["collection"], f["column"]) for f in findings}
    holding = {(f["source"], f["collection"]) for f in findings}
    per_category: dict[str, int] = {}
    for f in findings:
        per_category[f["category"]] = per_category.get(f["category"], 0) + 1
    scanned = "" if collections is None else f"{collections} collections scanned, "
    out.print(f"\n[bold]Summary:[/bold] {len(doc['sources'])} source(s), {scanned}"
              f"{len(columns)} columns with personal data in {len(holding)} collections",
              highlight=False, soft_wrap=False)
    out.print("  " + "  ".join(f"{cat}({n})" for cat, n in sorted(
        per_category.items(), key=lambda kv: (-kv[1], kv[0]))), highlight=False,
              soft_wrap=False)
    if doc["errors"]:
        out.print(f"  {len(doc['errors'])} source(s) or member(s) could not be read "
                  "(errors below)", highlight=False, soft_wrap=False)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from pdscan.atomic import write_private

    write_private(out, text.encode("utf-8"))
    stderr.print(f"written: {out}", highlight=False)


def scan_command(
    sources: SourcesArg = None,
    config: ConfigOpt = None,
    sample_size: Annotated[int, typer.Option(
        "--sample-size", "-n", min=10, help="Rows sampled per collection, spread over it.")] = 1000,
    only: Annotated[str | None, typer.Option(
        "--only", help="Report only these categories (comma-separated, prefixes allowed: "
                       "user.contact).")] = None,
    except_: Annotated[str | None, typer.Option(
        "--except", help="Do not report these categories (comma-separated).")] = None,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Hide findings below this confidence.")] = 0.5,
    format: Annotated[ScanFormat, typer.Option(
        "--format", "-f", help="table, json, ndjson, csv, fides (a fideslang dataset YAML "
                               "that Fides loads) or html (a data map: one self-contained "
                               "page).")] = ScanFormat.table,
    show_data: Annotated[bool, typer.Option(
        "--show-data", help="Show examples unmasked (they are personal data).")] = False,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="Exit 1 when any of these categories is found (for CI gates); "
                          "'any' for every category.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Collections scanned in parallel.")] = 4,
    max_connections: Annotated[int, typer.Option(
        "--max-connections", min=1, help="At most this many parallel reads per source.")] = 2,
    region: Annotated[str, typer.Option(
        "--region", help="Region for national phone numbers (ISO 3166, e.g. FR, BE, US).")] = "FR",
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write the result to this file (with --format html: the data "
                            "map) instead of printing it.")] = None,
    index: Annotated[str | None, typer.Option(
        "--index", help="With --format html: add the links this index found between "
                        "collections.")] = None,
    no_nlp: Annotated[bool, typer.Option(
        "--no-nlp", help="No name recognition in free text (also [scan] nlp = false in the "
                         "config): names after a salutation are still found.")] = False,
) -> None:
    """Find which columns hold personal data, how sure pdscan is, and why.

    Each finding names the collection, column and fideslang data category, with a confidence,
    the share of sampled values that matched, the evidence that fired and masked examples.
    Exit status: 0 done, 1 --fail-on matched, 2 usage error, 3 a source could not be read.
    """

    def body() -> int:
        from pdscan.config import load_config
        from pdscan.ner import NameRecognizer, ner_available

        if out is not None:  # a device, FIFO or folder is refused before any work
            from pdscan.atomic import check_output

            if format not in (ScanFormat.html, ScanFormat.fides):
                raise UsageError("--out: give --format html or fides (or redirect the "
                                 "output)")
            check_output(out, "--out")
        if index is not None and format is not ScanFormat.html:
            raise UsageError("--index: only with --format html (the data map's links)")

        cfg = default_config(config, sources)
        wanted = not no_nlp and (cfg is None or load_config(cfg).settings.get(
            "scan", {}).get("nlp", True))
        if not wanted:
            return _scan(None, use_ner=False)
        # the NER pipeline starts loading on the other core before anything else
        with NameRecognizer() as recognizer:
            return _scan(recognizer if ner_available() else None)

    def _scan(recognizer: Any, use_ner: bool | None = None) -> int:
        from pdscan.config import resolve_sources
        from pdscan.detect import DetectOptions
        from pdscan.fides import to_fides
        from pdscan.scan import scan

        opts = DetectOptions(sample_size=sample_size, min_confidence=min_confidence,
                             region=region.upper(), only=_categories(only),
                             exclude=_categories(except_))
        gate = () if fail_on in (None, "any") else _categories(fail_on)
        specs = resolve_sources(sources or [], default_config(config, sources))
        from rich.markup import escape
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        # the total (collections) is known once the sources are listed: count, percentage
        # and time left from then on; nothing when stderr is not a terminal
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                      console=stderr, transient=True,
                      disable=not stderr.is_terminal) as bar:
            task = bar.add_task("listing collections", total=None)

            def on_progress(label: str, info: Any, total: int) -> None:
                if info is None:
                    bar.update(task, total=total, description="scanning")
                    return
                bar.update(task, total=total, advance=1,
                           description=escape(f"{label}: {info.name}"[-40:]))
            result = scan(specs, opts, jobs=jobs, max_connections=max_connections,
                          progress=on_progress, recognizer=recognizer, processes=True,
                          use_ner=use_ner)
        doc = result.to_dict(show_data)
        if format is ScanFormat.html:
            from pdscan.datamap import data_map_html, declared_links, index_links

            links = declared_links(result) + (index_links(index) if index else [])
            _write(data_map_html(result, links), out)
        elif format is ScanFormat.fides:
            import yaml

            _write(yaml.safe_dump(to_fides(result.collections, result.findings),
                                  sort_keys=False, allow_unicode=True), out)
        else:
            emit(doc, "findings", Format(format.value),
                 lambda d: _table(d, collections=len(result.collections)))
        report_errors(doc["errors"])
        if result.errors:
            return EXIT_SOURCE
        if fail_on is not None:
            hit = [f for f in result.findings
                   if not gate or any(f.category == g or f.category.startswith(g + ".")
                                      for g in gate)]
            if hit:
                stderr.print(f"--fail-on: {len(hit)} finding(s) in "
                             f"{', '.join(sorted({f.category for f in hit}))}", highlight=False)
                return EXIT_FAIL_ON
        return 0

    run_command(body)
