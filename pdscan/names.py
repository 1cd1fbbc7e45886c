"""Column names as words, and lexicon matching.

``dateDeNaissance``, ``date_de_naissance``, ``Date-de-naissance`` and
``user.dateDeNaissance`` all become the words ``date de naissance`` (the last
path segment), with ``user`` kept as the parent context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from pdscan.rules import PERSON_WORDS, RECORD_WORDS, THING_WORDS
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


@dataclass(frozen=True)
class _Phrase:
    raw: str
    language: str
    words: tuple[str, ...]

    @property
    def generic(self) -> bool:
        return self.raw.startswith("?")


class Lexicon:
    """A rule's phrases, indexed by their first word, last word and compact spelling:
    a phrase can only match a column at its start, its end or as the whole name, so a
    column is compared with the few phrases that share one of those, not with all.

    >>> Lexicon({"en": ("first name", "?name")}).match(("first", "name")).phrase
    'first name'
    """

    def __init__(self, lexicon: Mapping[str, Iterable[str]]) -> None:
        self.first: dict[str, list[_Phrase]] = {}
        self.last: dict[str, list[_Phrase]] = {}
        self.compact: dict[str, list[_Phrase]] = {}
        self.order: dict[_Phrase, int] = {}
        for lang, phrases in lexicon.items():
            for raw in phrases:
                pw = tuple(raw.lstrip("?").split())
                if not pw:
                    continue
                p = _Phrase(raw, lang, pw)
                self.order.setdefault(p, len(self.order))
                self.first.setdefault(pw[0], []).append(p)
                self.last.setdefault(pw[-1], []).append(p)
                self.compact.setdefault("".join(pw), []).append(p)

    def match(self, col: tuple[str, ...], parents: tuple[str, ...] = ()) -> NameHit | None:
        """The best hit for a column's words: see :func:`match_phrases`."""
        compact = "".join(col)
        candidates = set(self.order) if not col else {
            *self.first.get(col[0], ()), *self.last.get(col[-1], ()),
            *self.compact.get(compact, ())}
        best: NameHit | None = None
        full = parents + col
        # in the lexicon's order, so that ties go to the same phrase as a full scan
        for p in sorted(candidates, key=self.order.__getitem__):
            pw = p.words
            hit: NameHit | None = None
            phrase = p.raw.lstrip("?")
            spans_path = bool(parents) and len(pw) > len(col) and full[-len(pw):] == pw
            if pw == col or "".join(pw) == compact or spans_path:
                hit = NameHit(phrase, p.language, p.generic, "exact", (0, len(col)))
            else:
                span = _find(pw, col)
                if span and (span[1] == len(col) or span[0] == 0):
                    hit = NameHit(phrase, p.language, p.generic, "edge", span)
            if hit and (best is None or _rank(hit) > _rank(best)):
                best = hit
        return best


def match_phrases(col: tuple[str, ...], lexicon: Mapping[str, Iterable[str]],
                  parents: tuple[str, ...] = ()) -> NameHit | None:
    """The best lexicon hit for a column's words: exact beats edge, longer beats shorter.

    Compact spellings match too: ``firstname`` = ``first name``. A phrase inside
    the name (not at its start or end) does not count: ``last_login_ip`` is
    about an IP, not about a last name. With ``parents``
    (the JSON path above the column), a phrase may also span them if it ends
    the path: ``geo.city`` matches ``geo city``.
    """
    return Lexicon(lexicon).match(col, parents)


def _rank(h: NameHit) -> tuple[int, int, int]:
    return (h.how == "exact", not h.generic, len(h.phrase.split()))


def any_word_in(col_words: Iterable[str], vocabulary: frozenset[str]) -> bool:
    return any(w in vocabulary for w in col_words)


# -- collection names --------------------------------------------------------------

_DATA_SUFFIX = re.compile(
    r"(\.(csv|tsv|txt|log|json|jsonl|ndjson|parquet|xlsx|xls|gz|bz2|xz|zip|\d+))+$", re.I)


def collection_words(name: str) -> tuple[str, ...]:
    """``public.customers`` -> (customers,); ``exports/newsletter_2024.csv`` -> (newsletter,)."""
    last = re.split(r"[/\\#]", name)[-1]
    if _DATA_SUFFIX.search(last):
        last = _DATA_SUFFIX.sub("", last)
    elif "." in last:
        last = last.rsplit(".", 1)[1]  # schema.table
    return tuple(w for w in words(last) if not w.isdigit())


def person_kind(ws: Sequence[str]) -> str | None:
    """What rows named by these words are: "person", "record" (about one person),
    "thing", or None. The last word is the head noun (``event_registrations``)."""
    for group in ([ws[-1]] if ws else [], ws):
        for vocabulary, kind in ((PERSON_WORDS, "person"), (RECORD_WORDS, "record"),
                                 (THING_WORDS, "thing")):
            if any_word_in(group, vocabulary):
                return kind
    return None
