"""pdscan's exceptions and the exit codes they map to (the CLI contract).

The CLI turns these into exit codes in exactly one place
(:func:`pdscan.cli.output.run_command`); library callers catch them.
"""

from __future__ import annotations

# Exit codes, as documented in CLI-CONTRACT.md.
EXIT_OK = 0
EXIT_FAIL_ON = 1
EXIT_USAGE = 2
EXIT_SOURCE = 3
EXIT_INTERNAL = 4


class PdscanError(Exception):
    """Base class; ``str(err)`` is a one-line message fit for a user."""

    exit_code = EXIT_INTERNAL


class UsageError(PdscanError):
    """Bad option, malformed identifier or configuration."""

    exit_code = EXIT_USAGE


class ConfigError(UsageError):
    """A configuration file that cannot be used."""


class SourceError(PdscanError):
    """A source could not be opened or read. Always names the source label."""

    exit_code = EXIT_SOURCE

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class ConnectorNotFound(SourceError):
    """No installed connector serves the source's URL scheme."""


class CollectionNotFound(SourceError):
    def __init__(self, source: str, collection: str) -> None:
        super().__init__(source, f"no collection named {collection!r}")
        self.collection = collection
