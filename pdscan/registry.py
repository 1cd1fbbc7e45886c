"""Find the connector for a source through the ``pdscan.connectors`` entry points.

An entry point's name is the URL scheme it serves (``postgresql``, ``file``,
``redis`` ...). Entry points are loaded lazily, only for the scheme asked
for, so a broken third-party connector is reported by name instead of
breaking every run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from pdscan.connector import Connector
from pdscan.errors import ConnectorNotFound, PdscanError, SourceError
from pdscan.redact import mask_text, without_password

GROUP = "pdscan.connectors"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")


def url_scheme(url: str) -> str:
    """The connector key of a URL: its scheme without a ``+driver`` suffix.

    A plain path (no ``scheme://``) is a local file source.

    >>> url_scheme("mysql+pymysql://root@localhost/test")
    'mysql'
    >>> url_scheme("sample_db/files/")
    'file'
    """
    m = _SCHEME.match(url)
    if not m:
        return "file"
    return m.group(1).split("+", 1)[0].lower()


@cache
def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for ep in entry_points(group=GROUP):
        found.setdefault(ep.name.lower(), ep)
    return found


def available_schemes() -> list[str]:
    return sorted(_entry_points())


def refresh() -> None:
    """Forget discovered entry points (after installing a plugin at run time)."""
    _entry_points.cache_clear()


def connector_factory(url: str, label: str) -> Any:
    scheme = url_scheme(url)
    ep = _entry_points().get(scheme)
    if ep is None:
        known = ", ".join(available_schemes()) or "none"
        raise ConnectorNotFound(
            label, f"no connector for URL scheme {scheme!r} (installed: {known})")
    try:
        return ep.load()
    except Exception as exc:  # a third-party plugin may fail in any way
        raise SourceError(
            label, f"connector {ep.value!r} for scheme {scheme!r} failed to load: "
                   f"{type(exc).__name__}: {exc}") from exc


def open_connector(url: str, label: str | None = None,
                   options: Mapping[str, Any] | None = None) -> Connector:
    """Open a source by URL (or path) and return its connector.

    >>> conn = open_connector("sample_db/shop.db")  # doctest: +SKIP
    """
    from pdscan.redact import mask_url

    label = label or mask_url(url)
    factory = connector_factory(url, label)
    opts = dict(options or {})
    try:
        return factory.open(url, label, opts)
    except PdscanError:
        raise
    except Exception as exc:  # connector bugs or driver errors without a SourceError
        secrets = tuple(str(opts[k]) for k in getattr(factory, "secret_options", ()) if k in opts)
        raise SourceError(label, mask_text(f"{type(exc).__name__}: {exc}", secrets)) from exc


def source_identity(url: str, options: Mapping[str, Any] | None = None) -> str:
    """What a source *is*, whatever label it is given: its URL without password
    (a local path made absolute). The index records it, so that a config naming the
    same database under another label still finds its rows.

    A connector may define ``identity(url, options)``; otherwise the URL is parsed
    with SQLAlchemy's ``make_url`` and its password dropped.

    >>> source_identity("postgresql://app:s3cret@db:5432/shop")
    'postgresql://app@db:5432/shop'
    """
    try:
        factory = connector_factory(url, "")
    except PdscanError:
        factory = None
    custom = getattr(factory, "identity", None)
    if custom is not None:
        try:
            return str(custom(url, dict(options or {})))
        except Exception:  # a connector's own parsing failed: fall back to the URL
            pass
    return generic_identity(url)


def generic_identity(url: str) -> str:
    """A URL without its password; a local path as an absolute ``file://`` URL."""
    from pathlib import Path

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if not _SCHEME.match(url):
        return Path(url).expanduser().resolve().as_uri()
    try:
        return without_password(make_url(url))
    except (ArgumentError, ValueError):
        return mask_text(url)
