"""Rendering results (table / json / ndjson / csv) and mapping errors to exit codes.

This is the only place where exceptions become exit codes.
"""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from pdscan.errors import EXIT_INTERNAL, EXIT_SOURCE, PdscanError
from pdscan.redact import mask_text

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


FORMAT_HELP = "Output format: table for people; json, ndjson, csv for scripts (CLI-CONTRACT.md)."


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes):
        import base64
        return base64.b64encode(value).decode()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_json_default)


def flatten(item: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested keys dotted; lists become JSON text (CSV has no lists)."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, list | tuple):
            out[name] = dumps(value)
        else:
            out[name] = value
    return out


def write_csv(items: Iterable[Mapping[str, Any]]) -> None:
    rows = [flatten(i) for i in items]
    fields: list[str] = []
    for r in rows:
        fields.extend(k for k in r if k not in fields)
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow(r)


def emit(doc: Mapping[str, Any], main_list: str, fmt: Format,
         table: Callable[[Mapping[str, Any]], None]) -> None:
    """Print ``doc`` in ``fmt``; ``main_list`` is the key ndjson/csv stream."""
    if fmt is Format.json:
        sys.stdout.write(dumps(doc, indent=2) + "\n")
    elif fmt is Format.ndjson:
        for item in doc.get(main_list, []):
            sys.stdout.write(dumps(item) + "\n")
    elif fmt is Format.csv:
        write_csv(doc.get(main_list, []))
    else:
        table(doc)
    sys.stdout.flush()


def report_errors(errors: Iterable[Mapping[str, Any]]) -> bool:
    """Print per-source errors on stderr; True if there were any."""
    any_error = False
    for e in errors:
        any_error = True
        stderr.print(f"[red]error:[/red] {escape(e['source'])}: "
                     f"{escape(mask_text(e['message']))}", highlight=False, markup=True)
    return any_error


#: from this terminal width on, several-column results are drawn as tables
WIDE = 120


def grid(title: str, headers: Sequence[str], rows: Iterable[Sequence[str]],
         console: Console | None = None) -> None:
    """Rows of results: a table in a wide terminal; in a narrow one (80 columns), one
    entry per row, its cells separated by dots, wrapped at spaces (a name or a category
    is never cut in the middle)."""
    out = console or stdout
    rows = list(rows)
    if out.width >= WIDE:
        from rich.table import Table

        table = Table(title=escape(title), title_justify="left")
        for h in headers:
            table.add_column(escape(h), overflow="fold")
        for row in rows:
            table.add_row(*(escape(c) for c in row))
        out.print(table)
        return
    out.print(f"[bold]{escape(title)}[/bold]", highlight=False)
    out.print("  " + " · ".join(escape(h) for h in headers), style="dim", highlight=False,
              soft_wrap=False)
    for row in rows:
        out.print("  " + " · ".join(escape(c) for c in row if c), highlight=False,
                  soft_wrap=False)


def note(text: str, kind: str = "note") -> None:
    """A warning on stderr, as said (a file named ``[x].csv`` is not markup)."""
    stderr.print(f"[yellow]{kind}:[/yellow] {escape(text)}", highlight=False)


def fail(message: str, code: int) -> NoReturn:
    stderr.print(f"[red]pdscan: error:[/red] {escape(mask_text(message))}", highlight=False)
    raise typer.Exit(code)


def run_command(fn: Callable[[], int | None]) -> None:
    """Run a command body; turn pdscan errors into a one-line message and exit code."""
    try:
        code = fn() or 0
    except PdscanError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        stderr.print("interrupted")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: still one line, no traceback, no secrets
        fail(f"internal error: {type(exc).__name__}: {exc}", EXIT_INTERNAL)
    if code:
        raise typer.Exit(code)


def exit_for_errors(errors: list[Any]) -> int:
    return EXIT_SOURCE if errors else 0
