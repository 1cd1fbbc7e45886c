"""``pdscan export``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from pdscan.cli.common import ConfigOpt, default_config, with_identifiers
from pdscan.cli.index import DEFAULT_INDEX, IndexOpt
from pdscan.cli.output import note, report_errors, run_command, stdout
from pdscan.errors import EXIT_SOURCE, UsageError


@with_identifiers
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (JSON, or a zip of "
                                                         "CSV / Parquet files for the person, "
                                                         "with README.txt and index.html).")],
    query: Callable[[], Any],
    policy: Annotated[Path | None, typer.Option(
        "--policy", help="Controller policy YAML (default: policy.yaml beside the config).",
        dir_okay=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json, csv or parquet.")
                      ] = "json",
    portable: Annotated[bool, typer.Option(
        "--portable", help="Only the Art. 20 subset (data the person provided or that was "
                           "observed, processed on consent or contract).")] = False,
    redact_others: Annotated[bool, typer.Option(
        "--redact-others", help="Redact other people's e-mails and phones in free text "
                                "(Art. 15(4)).")] = False,
    lang: Annotated[str, typer.Option(
        "--lang", help="Language of the zip's README.txt and index.html: en or fr.")] = "en",
    allow_undescribed: Annotated[bool, typer.Option(
        "--allow-undescribed", help="Export even when the person's data holds categories "
                                    "the policy does not describe (listed as such).")
                                 ] = False,
    index: IndexOpt = DEFAULT_INDEX,
    config: ConfigOpt = None,
    region: Annotated[str, typer.Option("--region", help="Region of national phone numbers.")
                      ] = "FR",
) -> None:
    """Write everything held on one person, with the facts GDPR Art. 15 requires (purposes,
    recipients, retention, source, rights), ready to send them. Every row is fetched from
    its source and re-verified first; a stale index stops the export (exit 3) until
    `pdscan index` refreshes it. Credentials are never written. A category found that the
    policy does not describe stops the export (exit 2) unless --allow-undescribed. The CSV
    and Parquet zips are for the person: plain file names, fields.csv (each column's
    category), README.txt and a self-contained index.html (--lang en|fr). Files are
    written whole, mode 0600.

    Examples:

      pdscan export --email alice@example.com -c pdscan.toml --out alice.json

      pdscan export --email alice@example.com --format csv --portable --out alice.zip

      pdscan export --email marie@example.fr --format csv --lang fr --out marie.zip
    """

    def body() -> int:
        from pdscan.atomic import check_output
        from pdscan.config import resolve_sources
        from pdscan.export import FORMATS, export_subject, write_package
        from pdscan.package.strings import LANGS
        from pdscan.policy import load_policy

        check_output(out)
        if format not in FORMATS:
            raise UsageError(f"--format {format!r}: choose one of {', '.join(FORMATS)}")
        if lang not in LANGS:
            raise UsageError(f"--lang {lang!r}: choose one of {', '.join(LANGS)}")
        cfg = default_config(config, None)
        if cfg is None:
            raise UsageError("export reads the rows from their sources: name them with "
                             "--config pdscan.toml")
        pol = load_policy(policy or Path(cfg).parent / "policy.yaml")
        pkg = export_subject(index, resolve_sources([], cfg), pol, query(),
                             portable_only=portable, redact_others=redact_others,
                             allow_undescribed=allow_undescribed)
        path = write_package(pkg, format, out, lang)
        for row in pkg.summary():
            stdout.print(f"{row['source']} {row['collection']}: {row['records']} record(s) "
                         f"({', '.join(row['categories']) or 'no personal column'})",
                         highlight=False)
        for w in pkg.warnings:
            note(w)
        if pkg.undescribed:
            note(f"the policy does not describe {', '.join(pkg.undescribed)}: the package "
                 "lists them as such")
        stdout.print(f"written: {path}", highlight=False)
        failed = pkg.manifest["sources_failed"]
        report_errors(failed)
        return EXIT_SOURCE if failed else 0

    run_command(body)
