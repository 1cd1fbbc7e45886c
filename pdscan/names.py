"""Column names as words, and lexicon matching.

``dateDeNaissance``, ``date_de_naissance``, ``Date-de-naissance`` and
``user.dateDeNaissance`` all become the words ``date de naissance`` (the last
path segment), with ``user`` kept as the parent context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pdscan.validators import fold

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SPLIT = re.compile(r"[^0-9a-z]+")
_DIGIT_EDGE = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


@cache
def words(name: str) -> tuple[str, ...]:
    """Split an identifier into folded words.

    >>> words("dateDeNaissance")
    ('date', 'de', 'naissance')
    >>> words("E-Mail_Adresse2")
    ('e', 'mail', 'adresse', '2')
    """
    spaced = _CAMEL.sub(" ", name)
    folded = fold(spaced)
    folded = _DIGIT_EDGE.sub(" ", folded)
    return tuple(w for w in _SPLIT.split(folded) if w)


def split_path(column: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words of the last path segment, words of its parents) for ``a.b.c`` / ``a/b``."""
    parts = [p for p in re.split(r"[./]", column) if p]
    if not parts:
        return (), ()
    parents: list[str] = []
    for p in parts[:-1]:
        parents.extend(words(p))
    return words(parts[-1]), tuple(parents)


@dataclass(frozen=True)
class NameHit:
    phrase: str
    language: str
    generic: bool
    #: "exact": the phrase is the whole name; "edge": it starts or ends it.
    how: str
    span: tuple[int, int]


def _find(phrase_words: tuple[str, ...], col: tuple[str, ...]) -> tuple[int, int] | None:
    n = len(phrase_words)
    for i in range(len(col) - n + 1):
        if col[i:i + n] == phrase_words:
            return i, i + n
    return None


def match_phrases(col: tuple[str, ...], lexicon: dict[str, tuple[str, ...]],
                  parents: tuple[str, ...] = ()) -> NameHit | None:
    """The best lexicon hit for a column's words: exact beats edge, longer beats shorter.

    Compact spellings match too: ``firstname`` = ``first name``. A phrase inside
    the name (not at its start or end) does not count: ``last_login_ip`` is
    about an IP, not about a last name. With ``parents``
    (the JSON path above the column), a phrase may also span them if it ends
    the path: ``geo.city`` matches ``geo city``.
    """
    best: NameHit | None = None
    compact = "".join(col)
    full = parents + col
    for lang, phrases in lexicon.items():
        for raw in phrases:
            generic = raw.startswith("?")
            pw = tuple(raw.lstrip("?").split())
            hit: NameHit | None = None
            spans_path = bool(parents) and len(pw) > len(col) and full[-len(pw):] == pw
            if pw == col or "".join(pw) == compact or spans_path:
                hit = NameHit(raw.lstrip("?"), lang, generic, "exact", (0, len(col)))
            else:
                span = _find(pw, col)
                if span and (span[1] == len(col) or span[0] == 0):
                    hit = NameHit(raw.lstrip("?"), lang, generic, "edge", span)
            if hit and (best is None or _rank(hit) > _rank(best)):
                best = hit
    return best


def _rank(h: NameHit) -> tuple[int, int, int]:
    return (h.how == "exact", not h.generic, len(h.phrase.split()))


def any_word_in(col_words: Iterable[str], vocabulary: frozenset[str]) -> bool:
    return any(w in vocabulary for w in col_words)
