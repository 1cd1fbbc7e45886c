"""``pdscan evaluate``: precision and recall per category against ground-truth labels."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pdscan.cli.common import ConfigOpt, FormatOpt, SourcesArg
from pdscan.cli.output import Format, emit, grid, report_errors, run_command, stdout
from pdscan.errors import EXIT_SOURCE


def _table(doc: Mapping[str, Any], console: Console | None = None) -> None:
    out = console or stdout
    t = doc["total"]
    rows = [(c["category"], f"tp {c['tp']}", f"fp {c['fp']}", f"fn {c['fn']}",
             f"P {c['precision']:.2f}", f"R {c['recall']:.2f}") for c in doc["categories"]]
    rows.append(("all", f"tp {t['tp']}", f"fp {t['fp']}", f"fn {t['fn']}",
                 f"P {t['precision']:.2f}", f"R {t['recall']:.2f}"))
    grid("Detection against labels", ("category", "tp", "fp", "fn", "precision", "recall"),
         rows, out)
    for m in doc["mistakes"]:
        out.print(f"{m['kind']}: {m['store']} {m['collection']}.{m['column']} "
                  f"{m['category']} {m['note']}".rstrip(), highlight=False, soft_wrap=False)


def evaluate_command(
    labels: Annotated[Path, typer.Argument(help="Labels YAML (see pdscan/evaluate.py).",
                                           exists=True, dir_okay=False)],
    sources: SourcesArg = None,
    config: ConfigOpt = None,
    store: Annotated[str | None, typer.Option(
        help="Store name for a one-store labels file (default: the single source's label).")
    ] = None,
    prefix: Annotated[str | None, typer.Option(
        help="Put this before the labels' collection names (a MariaDB database name).")
    ] = None,
    format: FormatOpt = Format.table,
) -> None:
    """Scan the labelled sources and print the confusion per data category, so detection
    is tuned on figures. Sources default to the pdscan.toml beside the labels file."""

    def body() -> int:
        from pdscan.config import resolve_sources
        from pdscan.evaluate import evaluate, load_labels
        from pdscan.scan import scan

        cfg = config or (labels.parent / "pdscan.toml" if not sources else None)
        specs = resolve_sources(sources or [], cfg)
        single = store or (specs[0].label if len(specs) == 1 else None)
        result = scan(specs)
        ev = evaluate(result.findings, load_labels(labels, store=single, prefix=prefix),
                      collections_scanned=[(c.source, c.name) for c in result.collections])
        doc = ev.to_dict()
        emit(doc, "categories", format, _table)
        errors = [e.to_dict() for e in result.errors]
        report_errors(errors)
        return EXIT_SOURCE if errors else 0

    run_command(body)
