"""How one column of a kept row is masked, within what the column can hold.

A strategy turns a value into a masked one: ``null``; ``redact`` (free text: the
person's identifiers and name replaced, the rest kept); ``pseudonym`` (keyed,
stable and unique: the same value gives the same pseudonym in every table, two
values never one, so UNIQUE columns and joins hold); ``truncate_ip`` (IPv4 last
octet, IPv6 to its /48); ``year`` (a date to its year, in its own format);
``fixed:<value>``. A column without a category rule gets the safe default for
its constraints: ``redact`` for free text, ``null`` where nullable, else
``pseudonym``. A strategy that the column's type, length, NOT NULL or UNIQUE
does not allow is refused with the reason: the plan stops, never skips it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from pdscan.connector import ColumnInfo
from pdscan.erasure.policy import FIXED

REDACTED = "[erased]"
FREE_TEXT = ("user.content",)
_LENGTH = re.compile(r"\((\d+)\)")
_DATE = re.compile(r"^(\d{4})([-/.]\d{1,2}[-/.]\d{1,2})?(.*)$")


class StrategyError(ValueError):
    """A strategy the column cannot hold (the message says why)."""


@dataclass(frozen=True)
class Column:
    """What a masked value must fit."""

    info: ColumnInfo
    unique: bool = False
    category: str | None = None

    @property
    def length(self) -> int | None:
        m = _LENGTH.search(self.info.native_type or "")
        return int(m.group(1)) if m and self.info.type == "string" else None

    @property
    def text(self) -> bool:
        return self.info.type in ("string", "unknown", "json")


def default_strategy(col: Column) -> str:
    if col.category and col.category.startswith(FREE_TEXT) and col.text and not col.unique:
        return "redact"
    if col.info.nullable:
        return "null"
    return "pseudonym"


def check(strategy: str, col: Column) -> None:
    """Raise ``StrategyError`` if ``strategy`` cannot be applied to ``col``."""
    kind = col.info.type
    if strategy == "null" and not col.info.nullable:
        raise StrategyError("null: the column is NOT NULL")
    if strategy == "redact" and not col.text:
        raise StrategyError(f"redact: applies to text, not {kind}")
    if strategy == "redact" and col.unique:
        raise StrategyError("redact: two redacted values may become equal in a UNIQUE "
                            "column")
    if strategy == "truncate_ip" and not col.text:
        raise StrategyError(f"truncate_ip: applies to text, not {kind}")
    if strategy == "truncate_ip" and col.unique:
        raise StrategyError("truncate_ip: truncated addresses collide in a UNIQUE column")
    if strategy == "year" and kind not in ("date", "datetime", "string", "unknown"):
        raise StrategyError(f"year: applies to dates, not {kind}")
    if strategy == "year" and col.unique:
        raise StrategyError("year: dates of one year collide in a UNIQUE column")
    if strategy == "pseudonym":
        if kind not in ("string", "unknown", "integer"):
            raise StrategyError(f"pseudonym: cannot be a {kind}")
        if col.length is not None and col.length < PSEUDONYM_MIN:
            raise StrategyError(f"pseudonym: {col.info.native_type} is shorter than the "
                                f"{PSEUDONYM_MIN} characters a unique pseudonym needs")
    if strategy.startswith(FIXED):
        if col.unique:
            raise StrategyError("fixed: one value for every row cannot be UNIQUE")
        _fixed(strategy[len(FIXED):], col)


#: Characters a string pseudonym needs: "x" and 12 hex digits (48 bits: a collision
#: among a million pseudonyms of one column is about 1 in 500).
PSEUDONYM_MIN = 13


def pseudonym(value: Any, col: Column, key: bytes) -> Any:
    """Keyed, stable, unique: HMAC of the value (not of its row or table), so a value
    and its copies elsewhere get the same pseudonym."""
    digest = hmac.new(key, b"pdscan pseudonym\x1f" + str(value).encode(), hashlib.sha256)
    if col.info.type == "integer":
        # negative: clear of the positive ids applications hand out
        return -(int.from_bytes(digest.digest()[:6], "big") + 1)
    hexa = digest.hexdigest()
    if col.category and col.category.startswith("user.contact.email"):
        text = f"x{hexa[:16]}@erased.invalid"  # still an address: formats and checks hold
        if col.length is None or len(text) <= col.length:
            return text
    room = col.length or 33
    return "x" + hexa[:max(12, min(32, room - 1))]


def truncate_ip(value: Any) -> Any:
    try:
        ip = ipaddress.ip_address(str(value).strip())
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def to_year(value: Any, col: Column) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if isinstance(value, dt.date):
        return value.replace(month=1, day=1)
    m = _DATE.match(str(value).strip())
    if not m:
        return None
    year, rest = m.group(1), m.group(2)
    return f"{year}-01-01" if rest else year


def _fixed(raw: str, col: Column) -> Any:
    if col.info.type == "integer":
        try:
            return int(raw)
        except ValueError as exc:
            raise StrategyError(f"fixed:{raw}: not an integer") from exc
    if not col.text:
        raise StrategyError(f"fixed: applies to text or integers, not {col.info.type}")
    if col.length is not None and len(raw) > col.length:
        raise StrategyError(f"fixed:{raw}: longer than {col.info.native_type}")
    return raw


@dataclass(frozen=True)
class Person:
    """Whom a redaction removes from free text: their identifiers (normalised, as the
    index holds them) and their names as written in their rows."""

    identifiers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    region: str = "FR"


def apply(strategy: str, value: Any, col: Column, key: bytes,
          person: Person = Person()) -> Any:
    """The masked value (``person``: whose identifiers ``redact`` removes)."""
    if value is None:
        return None
    if strategy == "null":
        return None
    if strategy == "pseudonym":
        return pseudonym(value, col, key)
    if strategy == "truncate_ip":
        masked = truncate_ip(value)
        return masked if masked is not None or col.info.nullable else REDACTED
    if strategy == "year":
        masked = to_year(value, col)
        return masked if masked is not None or col.info.nullable else pseudonym(value, col, key)
    if strategy == "redact":
        return redact(str(value), person)
    return _fixed(strategy[len(FIXED):], col)


def redact(text: str, person: Person) -> str:
    """``text`` with the person's e-mails, phones and other identifiers (found by the
    detector's patterns, compared normalised: ``06 12 34 56 78`` is ``+33612345678``)
    and their names replaced; everything else, other people's included, kept."""
    from pdscan.freetext import PATTERNS
    from pdscan.validators import Context

    ctx = Context(region=person.region)
    for rule, rx, _words in PATTERNS:
        if rule.normaliser is None:
            continue

        def swap(m: re.Match[str], normalise: Any = rule.normaliser) -> str:
            return REDACTED if normalise(m.group(0), ctx) in person.identifiers else m.group(0)
        text = rx.sub(swap, text)
    for name in sorted(person.names, key=len, reverse=True):
        if len(name) >= 3:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", REDACTED, text,
                          flags=re.IGNORECASE)
    return text
