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
