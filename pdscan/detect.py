"""Detection: sampled rows -> findings per (column, category), with evidence.

For every column of a sample, each rule of ``rules.RULES`` collects evidence:

* **name**: the column name (or its JSON path) matches the rule's lexicon;
* **value**: sampled values match the rule's RE2 pattern (vectorised with
  ``pyarrow.compute``) and pass its validator, which runs on *distinct* values;
* **foreign_key**: the column references a collection of people;
* **freetext**: identifiers found inside free text (``freetext.py``).

The confidence is derived from that evidence alone (presidio's context idea: a
matching column name adds to what the values say), so the table, JSON and
fides renderings all explain the same numbers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.compute as pc

from pdscan import validators as v
from pdscan.connector import CollectionInfo, LocatedBatch, portable_type
from pdscan.names import (
    Lexicon,
    NameHit,
    any_word_in,
    collection_words,
    person_kind,
    split_path,
)
from pdscan.redact import mask_value
from pdscan.rules import (
    AMBIGUOUS_PARTIES,
    PERSON_ATTRIBUTE_WORDS,
    PERSON_QUALIFIERS,
    RULES,
    RULES_BY_ID,
    THING_ATTRIBUTES,
    THING_WORDS,
    Rule,
)

#: A matching column name adds this much (presidio's context enhancement).
NAME_BOOST = 0.35
#: Confidence from the name alone (exact / at the start or end of the name).
NAME_EXACT, NAME_EDGE = 0.6, 0.5
#: Validators are Python-speed: run them on at most this many distinct values,
MAX_DISTINCT = 2000
#: this many at a time, until the checked ones agree.
CHUNK = 100
#: a share of valid values is known well enough once its standard error is this small
#: (two points: what separates a column of phones from one of mixed numbers)
SPREAD = 0.02
#: Up to this many distinct values, a pattern is matched in Python on them: calling
#: pyarrow costs more than the matching itself.
FEW = 200


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    # ASCII classes and a whole-value match: what RE2 does with ``^(?:...)$``
    return re.compile(f"(?:{pattern})", re.ASCII)
#: Share of validated values above which a column named for a strong identifier is
#: personal whatever its collection is about.
STRONG_RATIO = 0.9


@dataclass(frozen=True)
class Evidence:
    kind: str  # "name" | "value" | "foreign_key" | "context" | "freetext" | "decoy"
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}


@dataclass
class Finding:
    source: str
    collection: str
    column: str
    category: str
    rule: str
    confidence: float
    match_ratio: float
    sampled: int
    evidence: list[Evidence] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def to_dict(self, show_data: bool = False) -> dict[str, Any]:
        return {
            "source": self.source, "collection": self.collection, "column": self.column,
            "category": self.category, "rule": self.rule,
            "confidence": round(self.confidence, 3), "match_ratio": round(self.match_ratio, 3),
            "sampled": self.sampled, "evidence": [e.to_dict() for e in self.evidence],
            "examples": [e if show_data else mask_value(e, self.category)
                         for e in self.examples],
        }


@dataclass(frozen=True)
class DetectOptions:
    sample_size: int = 1000
    min_confidence: float = 0.5
    region: str = "FR"
    max_examples: int = 3
    #: Category prefixes to keep / drop (``user.contact`` keeps every contact category).
    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, category: str) -> bool:
        def under(prefixes: tuple[str, ...]) -> bool:
            return any(category == p or category.startswith(p + ".") for p in prefixes)
        return (not self.only or under(self.only)) and not under(self.exclude)


#: Per category: (texts holding it, examples, how it was found).
FoundInText = dict[str, tuple[int, list[str], str]]


@dataclass(frozen=True)
class TextColumn:
    """Where texts given to a :data:`FreetextFinder` come from."""

    info: CollectionInfo
    column: str
    sampled: int


#: (texts, context, whether to look for names, where they come from) -> what is in them;
#: ``freetext.find_in_texts`` behind a scan's NER worker.
FreetextFinder = Callable[[Sequence[str], v.Context, bool, TextColumn], FoundInText]


@dataclass
class _Column:
    name: str
    type: str
    values: pa.Array  # non-empty trimmed strings
    distinct: list[str]  # in order of first appearance
    sampled: int
    #: The object a nested column belongs to (``contacts`` for ``contacts.email``):
    #: a nested object (a list's elements, an ``owner``) may be about another
    #: person than the record, so evidence found in it stays in it.
    scope: str = ""
    #: how many of the values each distinct one stands for
    counts: list[int] = field(default_factory=list)
    #: (rule, any_region) -> what its values say: a column is looked at by the first
    #: pass and again once its collection is known to be about people.
    checked: dict[tuple[str, bool], _Values] = field(default_factory=dict)


def _as_text(arr: pa.Array) -> pa.Array | None:
    t = arr.type
    if pa.types.is_dictionary(t):
        arr, t = arr.dictionary_decode(), t.value_type
    if pa.types.is_large_string(t):
        arr = arr.cast(pa.string())
    elif not pa.types.is_string(t):
        if (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)
                or pa.types.is_temporal(t) or pa.types.is_boolean(t)):
            arr = pc.cast(arr, pa.string())
        else:
            return None
    arr = pc.utf8_trim_whitespace(arr.drop_null())
    return arr.filter(pc.not_equal(arr, ""))


def _flatten(name: str, arr: pa.Array, scope: str) -> list[tuple[str, pa.Array, str]]:
    """Struct fields and lists of records become dotted columns (``contacts.email``)."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    t = arr.type
    if pa.types.is_struct(t):
        out = []
        for i in range(t.num_fields):
            child = pc.struct_field(arr, [i])
            out.extend(_flatten(f"{name}.{t.field(i).name}", child, scope))
        return out
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return _flatten(name, pc.list_flatten(arr), name)
    return [(name, arr, name.rsplit(".", 1)[0] if "." in name else "")]


def _columns(info: CollectionInfo, sample: LocatedBatch) -> list[_Column]:
    declared = {c.name: c.type for c in info.columns}
    out = []
    for top in sample.batch.schema.names:
        for name, raw, scope in _flatten(top, sample.batch.column(top), ""):
            text = _as_text(raw)
            ctype = declared.get(name) or portable_type(raw.type)
            if text is None:
                out.append(_Column(name, ctype, pa.array([], pa.string()), [], len(raw), scope))
                continue
            counted = pc.value_counts(text)
            out.append(_Column(name, ctype, text, counted.field("values").to_pylist(),
                               len(raw), scope, counted.field("counts").to_pylist()))
    return out


def _about_people(ws: Sequence[str]) -> bool | None:
    """True: rows about people; False: about things; None: cannot tell."""
    kind = person_kind(ws)
    return None if kind is None else kind != "thing"


@dataclass
class _Values:
    ratio: float = 0.0  # share of values that validate
    decoy_ratio: float = 0.0  # share excluded as not a person's (role mailboxes)
    distinct_valid: int = 0
    examples: list[str] = field(default_factory=list)


def _value_evidence(rule: Rule, col: _Column, ctx: v.Context,
                    needed: float | None = None) -> _Values:
    """The share of the column's values that pass the rule's pattern and validator.

    The pattern runs on every value (RE2, vectorised); the validator, at Python speed,
    on distinct values only, in chunks of :data:`CHUNK`, and stops once the checked
    ones agree: all valid or all invalid after a full chunk (a clean column, the common
    case), or a share known within about two points, or (``needed``: the share below which
    the values say nothing) a share surely below it. The unchecked rest is then counted
    at the checked share, so a mixed column is checked in full unless it cannot count.
    """
    if col.sampled == 0 or len(col.values) == 0:
        return _Values()
    n = len(col.values)
    distinct, counts = col.distinct, col.counts
    if rule.pattern and len(distinct) <= FEW:
        rx = _pattern(rule.pattern)
        kept = [(d, c) for d, c in zip(distinct, counts, strict=True) if rx.fullmatch(d)]
        distinct, counts = [d for d, _c in kept], [c for _d, c in kept]
    elif rule.pattern:
        candidates = col.values.filter(
            pc.match_substring_regex(col.values, f"^(?:{rule.pattern})$"))
        counted = pc.value_counts(candidates)  # in order of first appearance
        distinct = counted.field("values").to_pylist()
        counts = counted.field("counts").to_pylist()
    distinct, counts = distinct[:MAX_DISTINCT], counts[:MAX_DISTINCT]
    if not distinct:
        return _Values()
    matching = sum(counts)
    valid: list[int] = []  # indexes into ``distinct``
    valid_rows = decoy_rows = checked_rows = checked = 0
    # a column no name vouches for is judged on fewer values first: most such columns
    # are plainly not what the rule looks for (IP addresses under the phone rule)
    first = CHUNK // 3 if needed is not None else CHUNK
    order = list(range(len(distinct)))
    if len(order) > first:
        # in an order that says nothing of the table's (a small table is read whole,
        # in its own order: its first rows may all be alike); seeded, so that a scan
        # gives the same figures every time
        random.Random(0).shuffle(order)
    bounds = [0, *range(first, len(distinct), CHUNK)]
    for start, end in zip(bounds, [*bounds[1:], len(distinct)], strict=True):
        for i in order[start:end]:
            value, count = distinct[i], counts[i]
            checked += 1
            checked_rows += count
            if rule.validator is not None and not rule.validator(value, ctx):
                continue
            if rule.exclude and rule.exclude(value):
                decoy_rows += count
            else:
                valid.append(i)
                valid_rows += count
        share = (valid_rows + decoy_rows) / checked_rows
        spread = (share * (1 - share) / checked) ** 0.5
        if share in (0.0, 1.0) or spread <= SPREAD or (
                needed is not None and share * matching / n + 4 * spread + 0.02 < needed):
            break
    scale = matching / checked_rows / n  # rows of the column each checked row stands for
    distinct_valid = round(len(valid) * len(distinct) / checked)
    examples = [distinct[i] for i in sorted(valid)[:10]]  # in the sample's order
    return _Values(valid_rows * scale, decoy_rows * scale, distinct_valid, examples)


def detect_collection(
    info: CollectionInfo, sample: LocatedBatch, opts: DetectOptions | None = None,
    freetext: FreetextFinder | None = None,
) -> list[Finding]:
    """Findings for one collection, from a sample of its rows.

    >>> detect_collection(info, conn.sample(info.name, 1000))  # doctest: +SKIP
    """
    opts = opts or DetectOptions()
    ctx = v.Context(region=opts.region)
    columns = _columns(info, sample)
    table_words = collection_words(info.name)
    table_people = _about_people(table_words)
    if table_people is None and any_word_in(table_words, PERSON_ATTRIBUTE_WORDS):
        table_people = True  # an ``addresses`` table: its rows are people's
    person_table = person_kind(table_words) == "person"
    person_fks = {fk.columns[0] for fk in info.foreign_keys if len(fk.columns) == 1
                  and person_kind(collection_words(fk.ref_collection)) == "person"}

    # First pass without generic names: its identifiers say whether the rows
    # (of each record scope) are about people, which generic names rely on.
    first = {c.name: _detect_column(info, c, ctx, opts, table_people, person_table,
                                    c.name in person_fks) for c in columns}
    strong_scopes = {c.scope for c in columns for f in first[c.name]
                     if RULES_BY_ID[f.rule].identifier is not None and f.confidence >= 0.7
                     and f.category != "user.unique_id"}
    if person_fks:  # a row referencing a person is about that person
        strong_scopes.add("")
    findings: list[Finding] = []
    for col in columns:
        _, parents = split_path(col.name)
        people = _about_people(parents) if parents else None
        if people is None:
            people = table_people
        if people is None and (col.scope in strong_scopes or "" in strong_scopes):
            people = True
        found = first[col.name]
        if people != table_people:
            found = _detect_column(info, col, ctx, opts, people, person_table,
                                   col.name in person_fks)
        if freetext is not None and not any(
                f.match_ratio >= 0.5 and not RULES_BY_ID[f.rule].container for f in found):
            have = {f.category for f in found}
            found += [f for f in _freetext_findings(info, col, ctx, opts, freetext)
                      if f.category not in have]
        findings.extend(f for f in found if opts.wants(f.category))
    return _name_parts(findings)


@cache
def _lexicons() -> dict[str, Lexicon]:
    return {rule.id: Lexicon(rule.names) for rule in RULES}


@lru_cache(maxsize=4096)
def _name_hits(col_words: tuple[str, ...], parents: tuple[str, ...]
               ) -> tuple[tuple[Rule, NameHit | None], ...]:
    """Each rule's lexicon hit on a column name (a column is looked at twice or more)."""
    lexicons = _lexicons()
    return tuple((rule, lexicons[rule.id].match(col_words, parents)) for rule in RULES)


_UNDECIDED = "values fit both: the collection's other columns decide"


def _name_parts(findings: list[Finding]) -> list[Finding]:
    """``nom`` / ``name`` is the last name only beside a first-name column."""
    has_first = any(f.category == "user.name.first" for f in findings)
    if has_first:
        return findings
    out = []
    for f in findings:
        undecided = any(e.detail == _UNDECIDED for e in f.evidence)
        if f.category == "user.name.last" and undecided:
            f = replace(f, category="user.name", rule="full_name")
        out.append(f)
    return out


def _is_free_text(col: _Column) -> bool:
    """Sentences, not codes: long values of several words for most rows."""
    if col.type not in ("string", "unknown", "json") or len(col.values) < 3:
        return False
    lengths = pc.utf8_length(col.values)
    wordy = pc.count_substring_regex(col.values, r"[^\W\d_]{2,}")
    # words apart (or Chinese, Japanese, Korean, written without spaces): a hash or a
    # token (``a3f9c2e1…``) has letter runs too
    spaced = pc.match_substring_regex(
        col.values, r"\s|[\x{3040}-\x{30ff}\x{3400}-\x{9fff}\x{ac00}-\x{d7af}]")
    long = pc.and_(pc.greater_equal(wordy, 3), spaced)
    long_share = pc.mean(pc.cast(long, pa.int8())).as_py() or 0
    return (pc.mean(lengths).as_py() or 0) >= 25 and long_share >= 0.5


def _detect_column(info: CollectionInfo, col: _Column, ctx: v.Context, opts: DetectOptions,
                   people: bool | None, person_table: bool,
                   fk_people: bool) -> list[Finding]:
    col_words, parents = split_path(col.name)
    hits: dict[str, NameHit] = {}
    for rule, hit in _name_hits(col_words, parents):
        if hit is None:
            continue
        if (hit.generic or rule.needs_people) and not (
                person_table if hit.generic and rule.generic_needs_table and not parents
                else people):
            continue
        others = col_words[:hit.span[0]] + col_words[hit.span[1]:]
        if hit.generic and hit.how == "edge" and (rule.generic_needs_table or not all(
                w in PERSON_QUALIFIERS for w in others)):
            # ``billing_name`` and ``name_originalschrift`` are a person's; ``table_name``
            # and ``event_id`` are not
            continue
        hits[rule.id] = hit
    # A phrase inside another rule's longer phrase is not evidence
    # (``first name`` is about first names, not about ``name``).
    for rid, hit in list(hits.items()):
        size = len(hit.phrase.split())
        if any(o.span[0] <= hit.span[0] and hit.span[1] <= o.span[1]
               and len(o.phrase.split()) > size for o in hits.values()):
            del hits[rid]

    findings: list[Finding] = []
    for rule in RULES:
        if col.type not in rule.types and not (col.type == "unknown" and "string" in rule.types):
            continue
        hit = hits.get(rule.id)
        fk_evidence = fk_people and rule.category == "user.unique_id"
        negative = any_word_in(col_words, frozenset(rule.not_names))
        if hit is not None and negative and not any_word_in(hit.phrase.split(),
                                                            frozenset(rule.not_names)):
            hit = None  # ``support_phone``, ``sku_code``: the name itself rules it out
        if hit is None and not fk_evidence and (
                not rule.pattern or not rule.value_alone or negative):
            continue
        values = col.checked.get((rule.id, hit is not None))
        if values is None:
            # without a name, values below the rule's share say nothing: no need to
            # know how far below
            values = _value_evidence(rule, col, replace(ctx, any_region=hit is not None),
                                     needed=None if hit is not None or fk_evidence
                                     else rule.min_ratio)
            col.checked[(rule.id, hit is not None)] = values
        evidence: list[Evidence] = []
        name_score = 0.0
        if hit is not None:
            name_score = NAME_EXACT if hit.how == "exact" else NAME_EDGE
            evidence.append(Evidence("name", f"lexicon {hit.language}: {hit.phrase}"
                                     + (" (rows are people)" if hit.generic else "")))
        if fk_evidence:
            name_score = max(name_score, NAME_EXACT)
            evidence.append(Evidence("foreign_key", "references a collection of people"))
        n = len(col.values)
        if rule.pattern or rule.validator:
            how = "regex+validator" if rule.pattern and rule.validator else (
                "regex" if rule.pattern else "validator")
            evidence.append(Evidence("value", f"{how} {values.ratio:.2f} of {n}"))
        confidence = _score(rule, name_score, values.ratio, values.decoy_ratio, n)
        if values.decoy_ratio:
            evidence.append(Evidence("decoy", f"{values.decoy_ratio:.2f} of values are not "
                                              "a person's (role mailboxes)"))
        if rule.shared_is_decoy and n >= 20 and values.distinct_valid <= max(3, n // 20):
            evidence.append(Evidence("decoy", f"{values.distinct_valid} values shared by "
                                              f"{n} rows (a company number or mailbox)"))
            confidence *= 0.6
        # A column named for a strong identifier whose values are overwhelmingly valid
        # ones (``email`` in ``service_request``) is a person's whatever the rows are,
        # unless the collection's own name says its rows are things (``offices``).
        head = collection_words(info.name)[-1:]
        strong = (rule.identifier == "strong" and rule.validator is not None
                  and not any_word_in(head, THING_WORDS)
                  and hit is not None and not hit.generic and values.ratio >= STRONG_RATIO
                  and values.decoy_ratio < 0.1)
        if people is False and not strong and rule.category.startswith(
                THING_ATTRIBUTES) and not any_word_in(
                col_words + parents, PERSON_QUALIFIERS - AMBIGUOUS_PARTIES):
            # an office's e-mail, an event's city: the thing's, not a person's
            evidence.append(Evidence("context", "rows are things, not people"))
            confidence *= 0.45
        if confidence < opts.min_confidence:
            continue
        findings.append(Finding(info.source, info.name, col.name, rule.category, rule.id,
                                confidence, values.ratio, col.sampled, evidence,
                                values.examples[:opts.max_examples]))
    named = [f for f in findings if f.rule in hits]
    if named:  # the column's name says what it is; a value-only guess of another kind is noise
        findings = [f for f in findings if f.rule in hits or (f.category == "user.unique_id"
                    and any(e.kind == "foreign_key" for e in f.evidence))]
    return _resolve_overlaps(_one_per_category(findings), hits)


def _resolve_overlaps(findings: list[Finding], hits: dict[str, NameHit]) -> list[Finding]:
    """One column is not both a name and a last name: when the same word (``nom``)
    points at a category and its parent, the values decide."""
    def related(a: str, b: str) -> bool:
        return a.startswith(b + ".") or b.startswith(a + ".")
    keep = list(findings)
    for a in findings:
        for b in findings:
            ha, hb = hits.get(a.rule), hits.get(b.rule)
            if (a is b or a not in keep or b not in keep or not ha or not hb
                    or ha.phrase != hb.phrase or not related(a.category, b.category)):
                continue
            worse = min((a, b), key=lambda f: (f.match_ratio, f.category.count(".")))
            keep.remove(worse)
            if abs(a.match_ratio - b.match_ratio) <= 0.15:
                better = a if worse is b else b
                better.evidence.append(Evidence("context", _UNDECIDED))
    return keep


def _score(rule: Rule, name_score: float, ratio: float, decoy_ratio: float, n: int) -> float:
    checks_values = bool(rule.pattern or rule.validator) and rule.strict_values
    if n == 0:  # nothing to look at: the name is all there is
        return name_score
    if (rule.pattern or rule.validator) and ratio >= rule.min_ratio:
        value_score = rule.base * (0.7 + 0.3 * ratio) if rule.pattern else 0.0
        if name_score:
            return min(1.0, max(value_score, name_score) + NAME_BOOST * ratio)
        return value_score if rule.value_alone else value_score * 0.6
    if not name_score:
        return 0.0
    if not checks_values:
        return name_score
    if decoy_ratio >= 0.5:
        return 0.0
    # The name says yes, the values mostly say no (``email_verified`` holds booleans).
    return name_score * (ratio / rule.min_ratio) if ratio < 0.2 else name_score * 0.9


def _one_per_category(findings: list[Finding]) -> list[Finding]:
    best: dict[str, Finding] = {}
    for f in findings:
        if f.category not in best or f.confidence > best[f.category].confidence:
            best[f.category] = f
    return list(best.values())


def _is_url_like(col: _Column) -> bool:
    if col.type not in ("string", "unknown") or len(col.values) < 3:
        return False
    urls = pc.match_substring_regex(col.values, r"^(?:https?://|/|(?:GET|POST|PUT|HEAD) /)")
    return (pc.mean(pc.cast(urls, pa.int8())).as_py() or 0) >= 0.6


def _freetext_findings(info: CollectionInfo, col: _Column, ctx: v.Context,
                       opts: DetectOptions, finder: FreetextFinder) -> list[Finding]:
    """Identifiers inside free text, or inside URLs (``/unsubscribe?email=...``).

    Free text holding personal data is also ``user.content.private``: what a
    person wrote (or was written about them) is theirs as a whole.
    """
    if _about_people(collection_words(info.name)) is False:
        return []  # product descriptions, event blurbs: about things
    is_url = _is_url_like(col)
    is_text = not is_url and _is_free_text(col)
    if not is_text and not is_url:
        return []
    # Distinct texts: a sentence repeated on every row is a template, not someone's words.
    cells = col.distinct if is_text else [unquote(c) for c in col.values.to_pylist()]
    where = TextColumn(info, col.name, col.sampled)
    found = finder(cells, ctx, is_text, where)  # a URL holds no one's name
    return freetext_findings(where, len(cells), found, is_text, opts)


def freetext_findings(where: TextColumn, texts: int, found: FoundInText, is_text: bool,
                      opts: DetectOptions) -> list[Finding]:
    """The findings of what was found in a column's ``texts`` distinct texts (or URLs)."""
    info = where.info
    out = []
    for category, (cells_with, examples, how) in found.items():
        share = cells_with / max(1, texts)
        confidence = min(0.95, 0.5 + 0.1 * cells_with + share)
        if cells_with < 2 or confidence < opts.min_confidence or (
                category == "user.name" and (cells_with < 3 or share < 0.05)):
            continue
        rule_id = next((r.id for r in RULES if r.category == category), category)
        out.append(Finding(info.source, info.name, where.column, category, rule_id,
                           confidence, share, where.sampled,
                           [Evidence("freetext", f"{how}: {cells_with} of {texts} texts")],
                           examples[:opts.max_examples]))
    if out and is_text:
        best = max(out, key=lambda f: f.confidence)
        out.append(Finding(info.source, info.name, where.column, "user.content.private",
                           "freetext", best.confidence, best.match_ratio, where.sampled,
                           [Evidence("freetext", "free text mentioning personal data: "
                                     + ", ".join(f.category for f in out))], []))
    return [f for f in out if opts.wants(f.category)]
