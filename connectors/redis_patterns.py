"""Group Redis keys into key patterns (the Redis connector's collections). Pure, no I/O.

Redis has no tables: an application's "table" is a naming convention such as
``user:42`` / ``user:43``. :func:`key_pattern` recovers the convention by
replacing the variable parts of a key (ids, UUIDs, tokens, e-mail addresses)
with ``*``. The result is a Redis glob usable as ``SCAN MATCH``: literal parts
are glob-escaped, so a collection name is always a valid MATCH pattern.

    >>> key_pattern("user:42")
    'user:*'
    >>> key_pattern("cart:42:items")
    'cart:*:items'
    >>> key_pattern("session:9f8e7d6c5b4a39281706f5e4d3c2b1a0")
    'session:*'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

# Coarse separators first: an e-mail address or a base64 token contains '.',
# '_' or '-', so a whole segment is judged before it is split any finer.
_SEPARATORS = (":", "|", "#", "/", ".", "_", "-")

_NUMBER = re.compile(r"[+-]?\d+(?:[.,\-]\d+)*")  # ids, decimals, 2024-01-31
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
_HEX = re.compile(r"(?:0x)?[0-9a-f]{8,}", re.I)
_EMAIL = re.compile(r"[^@\s:|#/]+@[^@\s:|#/]+\.[^@\s:|#/]+")
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_BASE64URL = re.compile(r"[A-Za-z0-9_-]{16,}")
_ALNUM = re.compile(r"[A-Za-z0-9]+")
# "user123" is an id glued to its table name: keep the name, star the digits.
_NAME_THEN_ID = re.compile(r"([A-Za-z]+)(\d{2,})")
_GLOB_SPECIAL = re.compile(r"([*?\[\]\\])")

_TYPED_NAME = re.compile(r"^(?P<pattern>.*) \((?P<type>string|hash|list|set|zset)\)$", re.S)


_has_digit = re.compile(r"\d").search


def _transitions(text: str) -> int:
    """How often a token flips between letters and digits (random ids flip a lot)."""
    kinds = [c.isdigit() for c in text]
    return sum(1 for a, b in itertools.pairwise(kinds) if a != b)


def is_variable(token: str) -> bool:
    """True when ``token`` looks like a value (id, token, address) rather than a name."""
    digit = _has_digit(token) is not None
    if not digit and len(token) < 16 and "@" not in token:
        return False  # fast path: most segments are short names
    if any(rx.fullmatch(token) for rx in (_NUMBER, _UUID, _EMAIL)):
        return True
    if _HEX.fullmatch(token) and (digit or len(token) >= 16):
        return True
    if _BASE64.fullmatch(token) and (digit or token[-1] == "=" or "+" in token):
        return True
    # '-' and '_' also join words ("order-2024-01-31"): only mixed case marks a token
    if _BASE64URL.fullmatch(token) and digit and not (token.islower() or token.isupper()):
        return True
    if _ALNUM.fullmatch(token) and digit:
        digits = sum(c.isdigit() for c in token)
        return digits >= 4 or _transitions(token) >= 3 or len(token) >= 12
    return False


def glob_escape(text: str) -> str:
    r"""Escape Redis glob metacharacters so ``text`` matches itself only.

    >>> glob_escape("a*b[1]")
    'a\\*b\\[1\\]'
    """
    return _GLOB_SPECIAL.sub(r"\\\1", text)


@lru_cache(maxsize=4096)  # name segments ("user", "session") recur on every key
def _generalise(text: str, seps: tuple[str, ...]) -> str:
    if is_variable(text):
        return "*"
    for i, sep in enumerate(seps):
        if sep in text:
            return sep.join(_generalise(part, seps[i + 1:]) for part in text.split(sep))
    m = _NAME_THEN_ID.fullmatch(text)
    return glob_escape(m.group(1)) + "*" if m else glob_escape(text)


def key_pattern(key: str) -> str:
    """The Redis glob a key belongs to, with its variable segments replaced by ``*``.

    >>> key_pattern("user:alice@example.com:profile")
    'user:*:profile'
    >>> key_pattern("cache/v2/img_0042.png")
    'cache/v2/img_*.png'
    >>> key_pattern("config")
    'config'
    """
    return _generalise(key, _SEPARATORS)


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Redis glob (``*``, ``?``, ``[a-z]``, ``[^x]``, ``\\x``) to a regex.

    ``fnmatch`` is close but not the same language (``[!x]``, no escapes),
    and explicit patterns must match exactly the keys ``SCAN MATCH`` returns.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "\\" and i < n:
            out.append(re.escape(pattern[i]))
            i += 1
        elif c == "[" and "]" in pattern[i:]:
            negate = pattern[i] == "^"
            i += negate
            items: list[str] = []
            while i < n and pattern[i] != "]":
                if pattern[i] == "\\" and i + 1 < n:
                    items.append(re.escape(pattern[i + 1]))
                    i += 2
                elif i + 2 < n and pattern[i + 1] == "-" and pattern[i + 2] != "]":
                    lo, hi = sorted((pattern[i], pattern[i + 2]))
                    items.append(f"{re.escape(lo)}-{re.escape(hi)}")
                    i += 3
                else:
                    items.append(re.escape(pattern[i]))
                    i += 1
            i += 1  # the closing bracket
            if items:
                out.append(f"[{'^' if negate else ''}{''.join(items)}]")
            else:
                out.append("." if negate else "(?!)")
        else:
            out.append(re.escape(c))
    return re.compile("".join(out), re.S)


def literal_prefix(glob: str) -> str:
    r"""The text every key matching ``glob`` starts with.

    >>> literal_prefix(r"tenant42:\*x*")
    'tenant42:*x'
    """
    out: list[str] = []
    chars = iter(glob)
    for c in chars:
        if c in "*?[":
            break
        out.append(next(chars, "") if c == "\\" else c)
    return "".join(out)


class KeyGrouper:
    """Assign each key to a collection pattern: the first explicit pattern it
    matches, else its derived :func:`key_pattern`.

    ``prefix`` (the literal start of the source's MATCH scope) is kept as is:
    the user chose it, and a literal head makes each collection's SCAN cheaper.

    >>> KeyGrouper(["user:*"]).pattern_of("user:42:profile")
    'user:*'
    >>> KeyGrouper(prefix="t42:").pattern_of("t42:user:7")
    't42:user:*'
    """

    def __init__(self, explicit: Sequence[str] = (), prefix: str = "") -> None:
        self._explicit = [(p, glob_to_regex(p)) for p in explicit]
        self._prefix = prefix

    def pattern_of(self, key: str) -> str:
        for pattern, regex in self._explicit:
            if regex.fullmatch(key):
                return pattern
        if self._prefix and key.startswith(self._prefix):
            return glob_escape(self._prefix) + key_pattern(key[len(self._prefix):])
        return key_pattern(key)


def collection_name(pattern: str, rtype: str, mixed: bool) -> str:
    """A pattern alone names its collection unless it holds several Redis types.

    >>> collection_name("user:*", "hash", mixed=True)
    'user:* (hash)'
    """
    return f"{pattern} ({rtype})" if mixed else pattern


def split_name(name: str) -> tuple[str, str | None]:
    """Inverse of :func:`collection_name`: ``(pattern, type or None)``.

    >>> split_name("user:* (hash)")
    ('user:*', 'hash')
    """
    m = _TYPED_NAME.match(name)
    return (m["pattern"], m["type"]) if m else (name, None)
