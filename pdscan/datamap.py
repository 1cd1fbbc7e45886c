"""The data map: one self-contained HTML page of where personal data lives.

Sources, then their collections, then the columns holding personal data grouped by
category (fideslang's names for them), with the links between collections: foreign keys
the stores declare and, given an index, the links it found. No script, no external
resource: the file opens anywhere, offline, and can be attached to a record of
processing.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pdscan import __version__
from pdscan.scan import ScanResult


@dataclass(frozen=True)
class MapLink:
    """A link between two collections: ``source:collection(columns)`` on both ends."""

    source: str
    collection: str
    columns: tuple[str, ...]
    to_source: str
    to_collection: str
    kind: str  # "declared" | "inferred"
    evidence: str


def declared_links(result: ScanResult) -> list[MapLink]:
    """The foreign keys the scanned stores declare."""
    return [MapLink(c.source, c.name, fk.columns, c.source, fk.ref_collection, "declared",
                    "foreign key")
            for c in result.collections for fk in c.foreign_keys]


def index_links(index: str | Path) -> list[MapLink]:
    """The links an index holds (declared, and inferred ones it trusts)."""
    from pdscan.index.reader import IndexReader

    with IndexReader(index) as ix:
        out = []
        for link in ix.links.values():
            a, b = ix.collections[link.from_collection], ix.collections[link.to_collection]
            if link.trusted:
                out.append(MapLink(a.source, a.name, link.from_columns, b.source, b.name,
                                   link.kind, link.evidence))
        return out


def _category_names() -> dict[str, str]:
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    return {c.fides_key: c.name or c.fides_key for c in DEFAULT_TAXONOMY.data_category}


_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;
color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
details{margin:.3rem 0 .3rem 1rem}summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;margin:.4rem 0 .8rem 1rem}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}code{font-size:.9em}.muted{color:#666}
"""


def data_map_html(result: ScanResult, links: Iterable[MapLink] = ()) -> str:
    """The page for ``result`` (a scan), with ``links`` between its collections."""
    e = html.escape
    names = _category_names()
    by_collection: dict[tuple[str, str], dict[str, list[str]]] = {}
    for f in result.findings:
        by_collection.setdefault((f.source, f.collection), {}).setdefault(
            f.category, []).append(f.column)
    all_links = list(dict.fromkeys(links))
    out = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Personal data map</title>", f"<style>{_STYLE}</style></head><body>",
        "<h1>Where personal data is held</h1>",
        f'<p class="muted">Made by pdscan {e(__version__)} on {dt.date.today():%Y-%m-%d}: '
        f"{len(result.sources)} source(s), {len(result.collections)} collection(s) scanned, "
        f"{len(by_collection)} holding personal data.</p>",
    ]
    for source in result.sources:
        colls = [c for c in result.collections if c.source == source]
        out.append(f"<h2>{e(source)}</h2>")
        holding = [c for c in colls if (source, c.name) in by_collection]
        if not holding:
            out.append('<p class="muted">No personal data found.</p>')
        for c in holding:
            cats = by_collection[(source, c.name)]
            rows = "".join(
                f"<tr><td>{e(names.get(cat, cat))}<br><code>{e(cat)}</code></td>"
                f"<td>{e(', '.join(dict.fromkeys(cols)))}</td></tr>"
                for cat, cols in sorted(cats.items()))
            count = "" if c.row_count is None else f", {c.row_count:,} rows"
            out.append(f"<details open><summary>{e(c.name)} <span class=muted>({e(c.kind)}"
                       f"{count})</span></summary><table><tr><th>category</th>"
                       f"<th>columns</th></tr>{rows}</table></details>")
    for source, failures in _errors(result):
        out.append(f"<p><strong>Not read</strong> in {e(source)}: "
                   f"{e('; '.join(failures))}</p>")
    if all_links:
        rows = "".join(
            f"<tr><td>{e(link.source)}:{e(link.collection)}({e(','.join(link.columns))})</td>"
            f"<td>{e(link.to_source)}:{e(link.to_collection)}</td><td>{e(link.kind)}</td>"
            f"<td>{e(link.evidence)}</td></tr>" for link in all_links)
        out.append("<h2>Links between collections</h2><table><tr><th>from</th><th>to</th>"
                   f"<th>kind</th><th>evidence</th></tr>{rows}</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _errors(result: ScanResult) -> Sequence[tuple[str, list[str]]]:
    grouped: dict[str, list[str]] = {}
    for err in result.errors:
        grouped.setdefault(err.source, []).append(err.message)
    return list(grouped.items())
