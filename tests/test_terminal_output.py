"""scan's table reads at 80 and at 200 columns: nothing overflows the width and no
collection, column or category name is cut across lines."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pdscan.cli.scan import _table
from pdscan.config import load_config
from pdscan.scan import scan
from tests.conftest import SAMPLE_DB


@pytest.fixture(scope="module")
def scan_doc() -> tuple[dict, int]:  # type: ignore[type-arg]
    result = scan(load_config(SAMPLE_DB / "pdscan.toml").sources, use_ner=False)
    return result.to_dict(), len(result.collections)


@pytest.mark.parametrize("width", [80, 200])
def test_scan_table_fits(scan_doc: tuple[dict, int], width: int) -> None:  # type: ignore[type-arg]
    doc, collections = scan_doc
    buf = io.StringIO()
    console = Console(width=width, file=buf, soft_wrap=True, color_system=None)
    _table(doc, console=console, collections=collections)
    text = buf.getvalue()
    lines = text.splitlines()
    assert max(len(ln) for ln in lines) <= width, max(lines, key=len)
    for f in doc["findings"]:
        for word in (f["collection"], f["category"]):
            assert word in text, word
        assert f["column"] in text or f["column"][:20] in text
    assert "Summary:" in text and f"{collections} collections scanned" in text
    if width < 160:  # one line per finding, grouped by collection
        assert len(lines) < 2 * len(doc["findings"]) + 40


def _fits(render: object, doc: dict, width: int, words: list[str]) -> None:  # type: ignore[type-arg]
    buf = io.StringIO()
    console = Console(width=width, file=buf, soft_wrap=True, color_system=None)
    render(doc, console)  # type: ignore[operator]
    text = buf.getvalue()
    assert max((len(ln) for ln in text.splitlines()), default=0) <= width
    for word in words:
        assert word in text, word


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:  # type: ignore[type-arg]
    from pdscan.erasure.plan import plan_erasure
    from pdscan.index.build import build_index
    from pdscan.inventory import inventory
    from pdscan.lookup import lookup
    from pdscan.policy import load_policy
    from pdscan.subject import SubjectQuery

    specs = load_config(SAMPLE_DB / "pdscan.toml").sources
    index = tmp_path_factory.mktemp("idx") / "index.db"
    report = build_index(specs, index)
    query = SubjectQuery.of(email=["elodie.martin@orange.fr"])
    plan = plan_erasure(index, specs, load_policy(SAMPLE_DB / "policy.yaml"), [query])
    import json

    from tests.conftest import run_cli

    evaluated = json.loads(run_cli("evaluate", "sample_db/labels.yaml", "--format",
                                   "json").stdout)
    return {"evaluate": evaluated,
            "index": report.to_dict(), "inventory": inventory(specs).to_dict(),
            "lookup": lookup(index, query).to_dict(), "plan": plan.to_dict()}


@pytest.mark.parametrize("width", [80, 200])
def test_other_tables_fit(indexed: dict[str, dict], width: int) -> None:  # type: ignore[type-arg]
    from pdscan.cli.erase import _plan_table
    from pdscan.cli.index import _index_table, _lookup_table
    from pdscan.cli.inventory import _table as inventory_table

    inv = indexed["inventory"]
    _fits(inventory_table, inv, width, [c["collection"] for c in inv["collections"]])
    idx = indexed["index"]
    _fits(_index_table, idx, width, [link["from"] for link in idx["links"]])
    hits = indexed["lookup"]
    _fits(_lookup_table, hits, width, [h["collection"] for h in hits["hits"]])
    plan = indexed["plan"]
    _fits(_plan_table, plan, width, [r["collection"] for r in plan["rows"]])
    from pdscan.cli.evaluate import _table as evaluate_table

    ev = indexed["evaluate"]
    _fits(evaluate_table, ev, width, [c["category"] for c in ev["categories"]])
