"""Options shared by several commands."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from pdscan.cli.output import FORMAT_HELP, Format

SourcesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Sources: SQLAlchemy URLs (sqlite:///x.db, postgresql://..., mysql+pymysql://...), "
             "paths or fsspec URLs of files/folders, redis://..., a config file "
             "(pdscan.toml / .yaml), or labels from --config.",
        show_default=False),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Config file naming sources with labels "
                 "(default: ./pdscan.toml when present and no source is given).",
                 dir_okay=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help=FORMAT_HELP)]


def index_param(value: str | Path) -> str | Path:
    """``--index`` as given: typer's ``Path`` would make ``postgresql://h/db`` into
    ``postgresql:/h/db`` and ``sqlite:////abs/x.db`` into a relative folder ``sqlite:``.
    A location that cannot be used is kept as typed so that the command refuses it with
    its one-line usage error (``pdscan.index.db.index_location``)."""
    from pdscan.errors import UsageError
    from pdscan.index.db import index_location

    try:
        return index_location(value)
    except UsageError:
        return str(value)


def default_config(config: Path | None, sources: list[str] | None) -> Path | None:
    if config is None and not sources and Path("pdscan.toml").is_file():
        return Path("pdscan.toml")
    return config


def _identifier_help(option: str) -> str:
    from pdscan.rules import LOOKUP_RULES

    what = {"email": "E-mail address.", "ip": "IPv4 or IPv6 address.",
            "phone": "Phone number; national numbers are read with --region.",
            "name": "Full name: matches are candidates, never merged on their own.",
            "iban": "IBAN.", "card": "Payment card number."}
    category = LOOKUP_RULES[option].category.rsplit(".", 1)[-1].replace("_", " ")
    return what.get(option, f"{category.capitalize()}.")


def with_identifiers(command: Callable[..., None]) -> Callable[..., None]:
    """Give a typer command one repeatable option per identifier a person can be looked
    up by (the rule table's ``lookup`` kinds: ``--email``, ``--phone`` ...) and ``--id``.
    The command receives ``query``, a function that builds the ``SubjectQuery`` (with the
    command's ``region``) and raises a usage error, inside the command's own error
    handling, when no identifier was given."""
    from pdscan.rules import ID, LOOKUP_RULES

    own = inspect.signature(command, eval_str=True)
    names = {opt: opt.replace("-", "_") for opt in [*LOOKUP_RULES, ID]}
    extra = [
        inspect.Parameter(
            name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None,
            annotation=Annotated[list[str] | None, typer.Option(
                f"--{opt}", show_default=False,
                help="COLLECTION=VALUE, a row's primary key: main.customers=42."
                if opt == ID else _identifier_help(opt))])
        for opt, name in names.items()]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> None:
        given = {opt: kwargs.pop(name) or [] for opt, name in names.items()}

        def query() -> Any:
            from pdscan.subject import SubjectQuery

            return SubjectQuery.of(given, region=kwargs.get("region", "FR"))
        command(query=query, **kwargs)

    params = [p for p in own.parameters.values() if p.name != "query"]
    first_keyword = next((i for i, p in enumerate(params) if p.default is not p.empty),
                         len(params))
    params = params[:first_keyword] + extra + params[first_keyword:]
    wrapper.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper
