"""Personal data inside free text (ticket bodies, notes, log messages).

Cheap rules run first: every rule of ``rules.RULES`` marked ``freetext`` is searched
in the sampled texts and its matches validated. Names need more: a column whose
texts name people after a salutation (``M. Dupont``, ``Dear Jane Smith``, ``Hallo
Herr Weber``) often enough is decided by that alone, and one whose texts are a few
templates filled with numbers has no names to find (:func:`templated`); the others are
given to spaCy's named-entity recogniser (``ner.py``, the ``nlp`` extra) on at most
:data:`MAX_NER_TEXTS` of their texts. Without the model, salutations are all there
is, and the scan says so in its warnings.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from pdscan.ner import NER_MODEL, names_in_process, ner_available
from pdscan.rules import RULES, Rule
from pdscan.validators import Context, fold

#: A rule's validator stops after this many texts when each had a valid match
#: (:func:`_validated`).
CHECK_CHUNK = 100
#: NER is ~10^3 times slower than a regex: only this many texts per column.
MAX_NER_TEXTS = 50
#: A column has names when this many of its texts, and this share of them, do.
MIN_NAME_TEXTS, MIN_NAME_SHARE = 3, 0.05

#: Texts -> the person names in each (a :class:`pdscan.ner.NameRecognizer`'s ``names``).
NameFinder = Callable[[Sequence[str]], list[list[str]]]

NO_MODEL_WARNING = (
    f"names in free text: spaCy model {NER_MODEL} not installed (pip install 'pdscan[nlp]'); "
    "only names after a salutation (M., Mme, Mr, Dear, Herr ...) are found")

_GREETING = (r"M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Herr|Frau|Sr\.|Sra\.|Dear|Bonjour|"
             r"Hello|Hi|Cher|Chère|Hallo|Hola|Madame|Monsieur|Señor|Señora")
_SALUTATION = re.compile(
    rf"(?:\b(?:{_GREETING}|"
    # a relative named after the word for them: "ma fille Léa", "Meine Tochter Anke"
    r"(?i:daughter|wife|husband|brother|sister|mother|father|fille|fils|femme|mari|"
    r"frère|sœur|mère|père|tochter|sohn|ehefrau|ehemann|mann|bruder|schwester|mutter|vater|"
    r"hija|hijo|esposa|esposo|marido|hermana|hermano|madre|padre|filha|filho|irmã|irmão|"
    r"mãe|pai|dochter|zoon|vrouw|broer|zus))\s+)"
    # the name: not another greeting ("Bonjour Madame Dupont" names Dupont)
    rf"(?!(?:{_GREETING})(?!\w))"
    r"((?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+|[A-ZÀ-ÖØ-Þ]{2,})(?:\s+(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+|"
    r"[A-ZÀ-ÖØ-Þ]{2,}))?)")
_LOWER_WORDS = re.compile(r"[a-z]+")


def _bounded(pattern: str) -> re.Pattern[str]:
    # Inside text an identifier must not be glued to letters, digits or a path
    # ("app/10.2.0.1" is a version).
    return re.compile(rf"(?<![\w@.+\-/])(?:{pattern})(?![\w@\-/]|\.\w)")


def _ruled_out(text: str, start: int, words: frozenset[str]) -> bool:
    """A rule's decoy word just before the match ("version 10.2.0.1", "SKU 0612...")."""
    before = fold(text[max(0, start - 24):start])
    return any(w in words for w in _LOWER_WORDS.findall(before))


PATTERNS = [(r, _bounded(r.pattern), frozenset(r.not_names))
             for r in RULES if r.freetext and r.pattern]


def names_by_ner(texts: Sequence[str], finder: NameFinder) -> tuple[int, list[str]]:
    """(texts naming someone, the names) among the first :data:`MAX_NER_TEXTS`."""
    cells, examples = 0, []
    for names in finder(list(texts[:MAX_NER_TEXTS])):
        # The small model also tags lower-case phrases of other languages: a name
        # here is two or more capitalised words.
        names = [n for n in names if len(words := n.split()) >= 2
                 and all(w[:1].isupper() for w in words)]
        if names:
            cells += 1
            examples.extend(names)
    return cells, examples


def has_names(cells: int, texts: int) -> bool:
    return cells >= MIN_NAME_TEXTS and cells / max(1, texts) >= MIN_NAME_SHARE


def salutations_decide(cells: int, names: Sequence[str], texts: int) -> bool:
    """Whether names found after salutations settle a column without NER: enough of
    them, and different ones ("Hello Team" on every ticket names nobody)."""
    return has_names(cells, texts) and len(set(names)) >= max(MIN_NAME_TEXTS, cells // 2)


#: Texts varying in their digits alone: a template ("Order 17 shipped, call 06 12 …").
_DIGITS = re.compile(r"\d+")
#: A column is one template when this many of its sampled texts differ...
MIN_TEMPLATED_TEXTS = 20
#: ...and, their digits masked, they fall into at most this many forms.
MAX_TEMPLATE_FORMS = 3


def templated(texts: Sequence[str]) -> bool:
    """Whether the texts are a few templates filled with numbers, with no name in the
    templates themselves: the parts that vary hold no name, and a name NER may report
    is two or more capitalised words in a row (:func:`names_by_ner`), which no template
    has. A column of one repeated text is not a template: that text may be a name."""
    distinct = set(texts)
    if len(distinct) < MIN_TEMPLATED_TEXTS:
        return False
    forms: set[str] = set()
    for text in distinct:
        forms.add(_DIGITS.sub("#", text))
        if len(forms) > MAX_TEMPLATE_FORMS:
            return False
    return not any(_capitalised_pair(form) for form in forms)


def _capitalised_pair(text: str) -> bool:
    words = [w.lstrip("([{<'\"«“‘-") for w in text.split()]
    return any(a[:1].isupper() and b[:1].isupper() for a, b in pairwise(words))


def needs_ner(cells: int, names: Sequence[str], texts: Sequence[str]) -> bool:
    """Whether a column's names are left to NER: salutations do not settle them and
    the texts are not a template."""
    return not salutations_decide(cells, names, len(texts)) and not templated(texts)


def _names_salutation(texts: Sequence[str]) -> tuple[int, list[str]]:
    cells, examples = 0, []
    for text in texts:
        found = _SALUTATION.findall(text)
        if found:
            cells += 1
            examples.extend(found)
    return cells, examples


def find_in_texts(texts: Sequence[str], ctx: Context, use_ner: bool | None = None,
                  names: NameFinder | None = None) -> dict[str, tuple[int, list[str], str]]:
    """Per category: (texts containing it, example matches, how it was found).

    ``names`` finds person names (default: the pipeline loaded in this process);
    ``use_ner=False`` keeps to salutations.
    """
    out: dict[str, tuple[int, list[str], str]] = {}
    for rule, rx, not_words in PATTERNS:
        matched = [hits for text in texts
                   if (hits := [m.group(0) for m in rx.finditer(text)
                                if not _ruled_out(text, m.start(), not_words)])]
        cells, examples, estimated = _validated(rule, matched, ctx)
        if cells:
            prev = out.get(rule.category)
            if prev is None or prev[0] < cells:
                how = f"{rule.id} regex+validator" + (
                    f" ({CHECK_CHUNK} checked, all valid)" if estimated else "")
                out[rule.category] = (cells, examples, how)
    cells, examples = _names_salutation(texts)
    how = "salutation context"
    ner = ner_available() if use_ner is None else use_ner
    if ner and needs_ner(cells, examples, texts):
        cells, examples = names_by_ner(texts, names or names_in_process)
        how = "NER"
    if cells:
        out["user.name"] = (cells, examples, how)
    return out


def _validated(rule: Rule, matched: Sequence[list[str]], ctx: Context
               ) -> tuple[int, list[str], bool]:
    """(texts with a valid match, the valid matches, whether the count is an estimate)
    among the texts where the rule's pattern ``matched``. The validator runs at Python
    speed (~60 µs a phone number): when each of the first :data:`CHECK_CHUNK` texts, in
    a seeded order, has a valid match, the rest are counted as valid unchecked (a column
    of "call me at 06 …" notes), as column values are (``detect._value_evidence``). One
    text without a valid match among them and all are checked, so that a few valid
    matches among many decoys are never lost."""
    if rule.validator is None and rule.exclude is None:
        return len(matched), [h for hits in matched for h in hits], False
    order = list(range(len(matched)))
    if len(order) > CHECK_CHUNK:
        random.Random(0).shuffle(order)  # the first texts may all be alike
    valid: dict[int, list[str]] = {}
    estimated = False
    for k, i in enumerate(order):
        if k == CHECK_CHUNK and len(valid) == k:
            estimated = True
            break
        good = [h for h in matched[i] if (rule.validator is None or rule.validator(h, ctx))
                and not (rule.exclude and rule.exclude(h))]
        if good:
            valid[i] = good
    cells = len(matched) if estimated else len(valid)
    return cells, [h for j in sorted(valid) for h in valid[j]], estimated


def names_in(text: str, use_ner: bool | None = None) -> list[str]:
    """The personal names mentioned in one text (NER, or after a salutation)."""
    ner = ner_available() if use_ner is None else use_ner
    _cells, names = names_by_ner([text], names_in_process) if ner else _names_salutation([text])
    return names
