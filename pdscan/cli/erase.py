"""``pdscan erase-plan``, ``pdscan erase`` and ``pdscan policy check``."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pdscan.cli.common import ConfigOpt, default_config, index_param, with_identifiers
from pdscan.cli.index import DEFAULT_INDEX, IndexOpt
from pdscan.cli.output import (
    Format,
    emit,
    grid,
    note,
    report_errors,
    run_command,
    stderr,
    stdout,
)
from pdscan.errors import EXIT_SOURCE, UsageError

PolicyOpt = Annotated[Path | None, typer.Option(
    "--policy", help="Controller policy YAML with an `erasure` section (default: "
                     "policy.yaml beside the config).", dir_okay=False)]


def _config(config: Path | None) -> Path:
    cfg = default_config(config, None)
    if cfg is None:
        raise UsageError("erasure reads and writes the sources: name them with "
                         "--config pdscan.toml")
    return cfg


def _subjects(path: Path, region: str) -> list[Any]:
    """One person per line: a CSV whose header names identifier kinds (email, phone,
    id ...) or NDJSON objects with those keys: their ``SubjectQuery``."""
    from pdscan.subject import SubjectQuery

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--subjects {path}: {exc.strerror or exc}") from exc
    rows: list[Mapping[str, Any]]
    if text.lstrip().startswith("{"):
        try:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as exc:
            raise UsageError(f"--subjects {path}: not NDJSON: {exc}") from exc
    else:
        rows = list(csv.DictReader(text.splitlines()))
    out = []
    for n, row in enumerate(rows, 1):
        given = {k.strip().lower(): [v] if isinstance(v, str) else v
                 for k, v in row.items() if k and v}
        try:
            out.append(SubjectQuery.of(given, region=region))
        except UsageError as exc:
            raise UsageError(f"--subjects {path}: person {n}: {exc}") from exc
    if not out:
        raise UsageError(f"--subjects {path}: no person in it")
    return out


def _shown(doc: dict[str, Any], show_data: bool) -> dict[str, Any]:
    """The plan as printed: locators sealed in the index (they hold personal values)
    masked unless asked for."""
    if show_data:
        return doc
    from pdscan.subject import masked_locator

    def row(r: dict[str, Any]) -> dict[str, Any]:
        if not r.get("sealed") or "locator" not in r:
            return r
        return {**r, "locator": masked_locator(r["locator"]), "locator_masked": True}

    return {**doc, "rows": [row(r) for r in doc["rows"]],
            "review": [row(r) for r in doc["review"]]}


def _plan_table(doc: Mapping[str, Any], console: Console | None = None) -> None:
    out = console or stdout
    s = doc["summary"]
    actions = ", ".join(f"{n} to {a}" for a, n in sorted(s["by_action"].items()))
    out.print(f"Erasure plan for {s['subjects']} person(s): {s['rows']} row(s): "
              f"{actions or 'nothing'}; {s['review']} for review", highlight=False,
              soft_wrap=False)

    def why(r: Mapping[str, Any]) -> str:
        text = r["reason"] + (f" (until {r['until']})" if r.get("until") else "")
        if r["masks"]:
            text += "; masks " + ", ".join(f"{m['column']} ({m['strategy']})"
                                           for m in r["masks"])
        return str(text)

    grid("Rows, in the order they are changed", ("action", "source", "collection", "why"),
         ((r["action"], r["source"], r["collection"], why(r)) for r in doc["rows"]), out)
    for r in doc["review"]:
        out.print(f"review: {r.get('source', '')} {r.get('collection', '')} "
                  f"{r['reason']}", highlight=False, soft_wrap=False)
    for rec in doc["recipients"]:
        stdout.print(f"inform (Art. 19): {rec.get('name')} ({rec.get('country', '?')}) "
                     f"for {', '.join(rec['categories'])}", highlight=False)
    stdout.print(f"plan hash {doc['hash']}", highlight=False)


@with_identifiers
def erase_plan_command(
    query: Callable[[], Any],
    out: Annotated[Path, typer.Option("--out", "-o", help="Plan file to write (JSON, "
                                                         "mode 0600).")],
    subjects: Annotated[Path | None, typer.Option(
        "--subjects", help="Many people in one plan: a CSV whose header names identifier "
                           "kinds (email, phone, id ...), or NDJSON.", dir_okay=False)] = None,
    policy: PolicyOpt = None,
    index: IndexOpt = DEFAULT_INDEX,
    config: ConfigOpt = None,
    region: Annotated[str, typer.Option("--region", help="Region of national phone numbers.")
                      ] = "FR",
    sql: Annotated[bool, typer.Option("--sql", help="Also print, per source, the exact "
                                                    "statements erase would run.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="table, or json (the "
                                           "plan); ndjson / csv: its rows.")] = Format.table,
    show_data: Annotated[bool, typer.Option(
        "--show-data", help="Print locators and --sql values that hold personal values "
                            "(an e-mail primary key) unmasked; the plan file always holds "
                            "them.")] = False,
) -> None:
    """Plan the erasure of one person (or many, with --subjects), GDPR Art. 17: every row
    from the index, re-verified at its source, gets an action from the policy's
    `erasure` rules (delete, mask with a strategy per column, hold until a date with its
    legal basis, review), ordered children before parents; rows kept for others' rows
    are masked instead, and the plan says why. Nothing is changed: review the plan,
    then apply it with `pdscan erase --plan`.

    Examples:

      pdscan erase-plan --email alice@example.com -c pdscan.toml --out alice.plan.json

      pdscan erase-plan --subjects requests.csv -c pdscan.toml --out batch.plan.json --sql
    """

    def body() -> int:
        from pdscan.atomic import check_output
        from pdscan.config import resolve_sources
        from pdscan.erasure.plan import plan_erasure
        from pdscan.policy import load_policy

        check_output(out)
        cfg = _config(config)
        specs = resolve_sources([], cfg)
        pol = load_policy(policy or Path(cfg).parent / "policy.yaml")
        queries = _subjects(subjects, region.upper()) if subjects else [query()]
        plan = plan_erasure(index, specs, pol, queries)
        plan.write(out)
        doc = _shown(plan.to_dict(), show_data)
        emit(doc, "rows", format, _plan_table)
        if sql:
            _print_sql(plan, specs, show_data)
        for w in plan.warnings:
            note(w)
        stderr.print(f"written: {out}", highlight=False)
        return EXIT_SOURCE if plan.warnings else 0

    run_command(body)


def _print_sql(plan: Any, specs: Any, show_data: bool) -> None:
    import re

    from pdscan.connector import WritableConnector
    from pdscan.redact import mask_value

    def shown(stmt: str) -> str:  # text literals are the person's values: masked
        if show_data:
            return stmt
        return re.sub(r"'((?:[^']|'')*)'",
                      lambda m: "'" + mask_value(m.group(1).replace("''", "'"),
                                                 "user.contact.email" if "@" in m.group(1)
                                                 else "").replace("'", "''") + "'", stmt)

    from pdscan.sources import OpenSources
    from pdscan.subject_rows import resolve_sources as by_identity

    resolved = by_identity(plan.sources, {r.source for r in plan.rows}, specs)
    with OpenSources(resolved.values()) as sources:
        for label in dict.fromkeys(r.source for r in plan.rows if r.writes):
            got = sources.get(resolved[label].label)
            if got is None or not isinstance(got[0], WritableConnector):
                continue
            changes = [r.change() for r in plan.rows if r.source == label and r.writes]
            stdout.print(f"-- {label}: in one transaction", highlight=False)
            for stmt in got[0].render_changes(changes):
                stdout.print(shown(stmt), highlight=False, markup=False)


def _receipt_table(doc: Mapping[str, Any]) -> None:
    what = "Dry run (nothing written)" if doc["dry_run"] else "Erasure"
    counts = ", ".join(f"{n} {o}" for o, n in sorted(doc["counts"].items()))
    stdout.print(f"{what}: {counts or 'nothing to do'}", highlight=False)
    for h in doc["held"]:
        stdout.print(f"held: {h['source']} {h['collection']} until {h['until'] or 'lifted'}"
                     f" ({h['basis']})", highlight=False)
    ver = doc["verification"]
    if ver:
        stdout.print(("verified: " if ver["ok"] else "NOT verified: ") + ver["note"],
                     highlight=False)
    if not doc["dry_run"]:
        stdout.print(doc["backups"], highlight=False)


def erase_command(
    plan: Annotated[Path | None, typer.Option(
        "--plan", help="The plan made by `pdscan erase-plan`.", dir_okay=False)] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Apply it; without this, a dry run "
                                                    "that changes nothing.")] = False,
    receipt: Annotated[Path | None, typer.Option(
        "--receipt", help="Receipt to write (JSON, mode 0600, no personal value).")
    ] = None,
    replay: Annotated[bool, typer.Option(
        "--replay", help="Erase again everyone in the erasure ledger (after restoring a "
                         "backup): plans them with --policy and applies.")] = False,
    policy: PolicyOpt = None,
    index: Annotated[str | None, typer.Option(
        "--index", parser=index_param, help="The index (default: the plan's).")] = None,
    config: ConfigOpt = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Apply an erasure plan: each source in one transaction, every row checked first
    (a row changed since the plan is left alone and reported; a rerun finishes a plan
    interrupted at any point, and changes nothing once it is done). Then the touched
    collections are indexed again and every person of the plan looked up: no
    confirmed row may remain but the held ones. Exit 3 if a source failed, a row was
    skipped or the check failed.

    Examples:

      pdscan erase --plan alice.plan.json -c pdscan.toml                  # dry run

      pdscan erase --plan alice.plan.json -c pdscan.toml --yes --receipt alice.receipt.json

      pdscan erase --replay -c pdscan.toml --yes                # after a backup restore
    """

    def body() -> int:
        from pdscan.atomic import check_output
        from pdscan.config import resolve_sources
        from pdscan.erasure.apply import erase
        from pdscan.erasure.model import ErasurePlan

        if receipt is not None:
            check_output(receipt, "--receipt")
        specs = resolve_sources([], _config(config))
        if replay:
            receipts = _replay(specs, index or DEFAULT_INDEX, policy, config, yes)
            docs = [r.to_dict() for r in receipts]
            for doc in docs:
                emit(doc, "steps", format, _receipt_table)
            return 0 if all(r.complete for r in receipts) else EXIT_SOURCE
        if plan is None:
            raise UsageError("give the plan to apply: --plan plan.json (or --replay)")
        loaded = ErasurePlan.read(plan)
        result = erase(loaded, specs, yes=yes, index=index, receipt=receipt)
        doc = result.to_dict()
        emit(doc, "steps", format, _receipt_table)
        report_errors(doc["errors"])
        skipped = [s for s in doc["steps"] if s["outcome"] in ("changed", "gone")]
        if skipped:
            stderr.print(f"[yellow]note:[/yellow] {len(skipped)} row(s) changed since the "
                         "plan was made and were left alone: make a new plan for them",
                         highlight=False)
        ok = result.complete and not skipped
        return 0 if ok else EXIT_SOURCE

    run_command(body)


def _replay(specs: Any, index: str | Path, policy: Path | None, config: Path | None,
            yes: bool) -> list[Any]:
    from pdscan.erasure.apply import erase, ledger
    from pdscan.erasure.plan import plan_erasure
    from pdscan.lookup import lookup_tokens
    from pdscan.policy import load_policy

    pol = load_policy(policy or _config(config).parent / "policy.yaml")
    out = []
    for entry in ledger(index):
        results = [lookup_tokens(index, s["tokens"]) for s in entry["subjects"]]
        plan = plan_erasure(index, specs, pol, [r.query for r in results], results=results)
        out.append(erase(plan, specs, yes=yes, index=index, ledger=False))
    return out


policy_app = typer.Typer(name="policy", help="The controller's policy file.",
                         no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@policy_app.command("check")
def policy_check_command(
    path: Annotated[Path, typer.Argument(help="The policy YAML.", dir_okay=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="table, json, ndjson or "
                                           "csv (the problems).")] = Format.table,
) -> None:
    """Check a policy file (Art. 15 facts and erasure rules): every problem with its
    line. Exit 2 if there is any.

    Example:

      pdscan policy check sample_db/policy.yaml
    """

    def body() -> int:
        from pdscan.erasure.policy import check_policy

        problems = check_policy(path)
        doc = {"policy": str(path), "valid": not problems,
               "problems": [{"message": p} for p in problems]}

        def table(d: Mapping[str, Any]) -> None:
            for p in problems:
                stderr.print(p, highlight=False, markup=False)
            if not problems:
                stdout.print(f"{path}: valid", highlight=False)

        emit(doc, "problems", format, table)
        return 2 if problems else 0

    run_command(body)
