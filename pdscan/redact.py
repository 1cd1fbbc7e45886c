"""Keep credentials and personal values out of anything pdscan prints."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<user>[^:/@\s]*):(?P<pw>[^@/\s]*)@")
#: A parameter whose name says it holds a credential: ``?password=``, ``&sslpassword=``,
#: ``pwd=``, ``api_token=``, in a URL query or a libpq/ODBC connection string.
_SECRET_KEY = re.compile(r"passw(?:or)?d|pwd|secret|token", re.I)
_SECRET_PARAM = re.compile(
    r"(?P<key>(?<![\w.\-])[\w.\-]*(?:passw(?:or)?d|pwd|secret|token)[\w.\-]*)"
    r"(?P<eq>\s*=\s*)(?P<value>'[^']*'|\"[^\"]*\"|[^\s&#;'\"]+)", re.I)


def secret_key(name: str) -> bool:
    """Whether a URL query or connection-string parameter holds a credential.

    >>> secret_key("sslpassword"), secret_key("host")
    (True, False)
    """
    return bool(_SECRET_KEY.search(name))


def mask_url(url: str) -> str:
    """Replace the password of a URL (and of any URL inside a message) by ``***``:
    the one in its userinfo and any credential in its query.

    >>> mask_url("postgresql://app:s3cret@db:5432/shop")
    'postgresql://app:***@db:5432/shop'
    >>> mask_url("postgresql://app@db/shop?sslmode=require&password=s3cret")
    'postgresql://app@db/shop?sslmode=require&password=***'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is not None and parts.password:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        netloc = f"{parts.username or ''}:***@{host}"
        url = urlunsplit(parts._replace(netloc=netloc))
    return mask_text(url)


def mask_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Mask passwords in URLs embedded in free text (userinfo and query), credentials in
    connection strings (``password=...``), and any given secret strings."""
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)
    text = _SECRET_PARAM.sub(lambda m: f"{m['key']}{m['eq']}***", text)
    for s in secrets:
        if s:
            text = text.replace(s, "***")
    return text


def mask_value(value: str, category: str = "") -> str:
    """Show the shape of a personal value, not the value: ``j***@e***.com``, ``+33 6** ** ** 78``.

    >>> mask_value("jane.doe@example.com", "user.contact.email")
    'j***@e***.com'
    """
    s = str(value)
    if "@" in s and category.endswith("email"):
        local, _, domain = s.partition("@")
        host, dot, tld = domain.rpartition(".")
        return f"{local[:1]}***@{host[:1]}***{dot}{tld}" if dot else f"{local[:1]}***@***"
    if len(s) <= 2:
        return "*" * len(s)
    if len(s) <= 6:
        return s[0] + "*" * (len(s) - 1)
    keep = 2 if len(s) > 10 else 1
    middle = "".join("*" if ch.isalnum() else ch for ch in s[keep:-keep])
    return s[:keep] + middle + s[-keep:]


def without_password(url: Any, **changes: Any) -> str:
    """A SQLAlchemy ``URL`` rendered without its password, nor any credential in its
    query (``?password=``), and with ``changes``."""
    from sqlalchemy.engine import URL

    query = {k: v for k, v in url.query.items() if not secret_key(k)}
    parts = {"drivername": url.drivername, "username": url.username or None, "host": url.host,
             "port": url.port, "database": url.database, "query": query, **changes}
    return URL.create(**parts).render_as_string(hide_password=False)
