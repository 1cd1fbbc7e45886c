"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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


def default_config(config: Path | None, sources: list[str] | None) -> Path | None:
    if config is None and not sources and Path("pdscan.toml").is_file():
        return Path("pdscan.toml")
    return config
