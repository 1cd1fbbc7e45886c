"""pdscan's exceptions and the exit codes they map to (the CLI contract).

The CLI turns these into exit codes in exactly one place
(:func:`pdscan.cli.output.run_command`); library callers catch them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pdscan.redact import mask_text

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


class StaleIndexError(PdscanError):
    """Rows the index points at no longer hold what reached them: a source changed
    since it was indexed. Nothing is handed out until ``pdscan index`` refreshes it."""

    exit_code = EXIT_SOURCE


class ConnectorNotFound(SourceError):
    """No installed connector serves the source's URL scheme."""


class CollectionNotFound(SourceError):
    def __init__(self, source: str, collection: str) -> None:
        super().__init__(source, f"no collection named {collection!r}")
        self.collection = collection


def one_line(exc: BaseException) -> str:
    """A driver's error as one line, without its SQL echo or traceback noise."""
    text = str(getattr(exc, "orig", None) or exc).strip() or type(exc).__name__
    first = text.splitlines()[0].strip()
    return mask_text(first)


@contextmanager
def guard(label: str, what: str = "") -> Iterator[None]:
    """Re-raise anything but a PdscanError as a SourceError naming ``label``."""
    try:
        yield
    except PdscanError:
        raise
    except Exception as exc:
        prefix = f"{what}: " if what else ""
        raise SourceError(label, f"{prefix}{one_line(exc)}") from exc
