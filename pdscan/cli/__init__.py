"""The ``pdscan`` command: thin typer commands over the library in ``pdscan``."""

from __future__ import annotations

import typer

from pdscan import __version__
from pdscan.cli.erase import erase_command, erase_plan_command, policy_app
from pdscan.cli.evaluate import evaluate_command
from pdscan.cli.export import export_command
from pdscan.cli.index import index_command, lookup_command
from pdscan.cli.inventory import inventory_command
from pdscan.cli.scan import scan_command

app = typer.Typer(
    name="pdscan",
    help="Find personal data in databases and file stores, and answer data-subject requests.\n\n"
         "Exit codes: 0 success, 1 --fail-on matched, 2 usage error, "
         "3 a source could not be read, 4 internal error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain help: rendering it with rich imports a Markdown parser (150 ms a command)
    rich_markup_mode=None,
)
app.command("inventory")(inventory_command)
app.command("scan")(scan_command)
app.command("evaluate")(evaluate_command)
app.command("index")(index_command)
app.command("lookup")(lookup_command)
app.command("export")(export_command)
app.command("erase-plan")(erase_plan_command)
app.command("erase")(erase_command)
app.add_typer(policy_app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pdscan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    pass


def main() -> None:
    app()
