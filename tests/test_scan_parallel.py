"""A scan of many collections runs in worker processes and finds exactly what one
process finds, names in free text included (decided by the parent's one NER worker)."""

from __future__ import annotations

import random
from pathlib import Path

from pdscan import scan_parallel
from pdscan.config import SourceSpec
from pdscan.scan import scan

FIRST = ["Marie", "Jan", "Ana", "Hiroshi", "Priya", "Luca", "Fatou", "Jürgen", "Inès"]
LAST = ["Dupont", "Peeters", "García", "Tanaka", "Sharma", "Rossi", "Diallo", "Weber"]


def _store(root: Path, files: int) -> None:
    rng = random.Random(7)
    for n in range(files):
        lines = ["email,note,amount,code"]
        for i in range(40):
            who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            # no salutation: only the recogniser finds these names
            note = (f"{who} a rappelé au sujet de la livraison numéro {i}, merci de la "
                    f"relancer demain." if n % 3 == 0 else f"Commande {i} expédiée sans souci.")
            lines.append(f'{who.split()[0].lower()}{i}@example.org,"{note}",'
                         f"{rng.randint(1, 900)}.50,C{n:03d}{i:03d}")
        (root / f"clients_{n:03d}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _key(result: object) -> list[tuple[object, ...]]:
    return [(f.collection, f.column, f.category, round(f.confidence, 6),
             round(f.match_ratio, 6), tuple(e.detail for e in f.evidence))
            for f in result.findings]  # type: ignore[attr-defined]


def test_many_collections_in_processes_find_what_one_process_finds(tmp_path: Path) -> None:
    files = scan_parallel.MIN_COLLECTIONS + 6
    _store(tmp_path, files)
    spec = SourceSpec("exports", str(tmp_path))
    assert scan_parallel.workers(4) >= 2, "the test machine has two cores"
    parallel = scan([spec], jobs=4, processes=True)
    single = scan([spec], jobs=1)
    assert not parallel.errors and not single.errors
    assert [c.name for c in parallel.collections] == [c.name for c in single.collections]
    assert len(parallel.collections) == files
    assert _key(parallel) == _key(single)
    names = {f.collection for f in parallel.findings if f.category == "user.name"
             and f.column == "note"}
    assert names == {f"clients_{n:03d}.csv" for n in range(0, files, 3)}
    assert all(any("NER" in e.detail for e in f.evidence) for f in parallel.findings
               if f.category == "user.name" and f.column == "note")
