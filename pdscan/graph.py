"""Orders rows so that every row comes before the rows it references.

Pure: no I/O, only the rows' keys and who references whom. Erasure deletes in
this order (an order line before its order, an order before its customer) so
that no foreign key is violated half-way, whatever the store enforces.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def children_first(nodes: Sequence[K], parents: Mapping[K, Iterable[K]]) -> list[K]:
    """``nodes`` with each before every node it references (``parents[n]``), in their
    given order where nothing constrains it. A cycle (two rows referencing each
    other) is broken at the first node of it met."""
    known = set(nodes)
    refs = {n: [p for p in dict.fromkeys(parents.get(n, ())) if p in known and p != n]
            for n in nodes}
    waiting = {n: 0 for n in nodes}  # children of n not yet placed
    for n in nodes:
        for p in refs[n]:
            waiting[p] += 1
    placed: set[K] = set()
    order: list[K] = []
    pending = list(nodes)
    while pending:
        ready = [n for n in pending if waiting[n] == 0]
        if not ready:  # a cycle: take the first waiting node
            ready = pending[:1]
        for n in ready:
            placed.add(n)
            order.append(n)
            for p in refs[n]:
                waiting[p] -= 1
        pending = [n for n in pending if n not in placed]
    return order


def ancestors(start: Iterable[K], parents: Mapping[K, Iterable[K]]) -> set[K]:
    """Every node ``start`` references, directly or through others."""
    seen: set[K] = set()
    stack = list(start)
    while stack:
        for p in parents.get(stack.pop(), ()):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen
