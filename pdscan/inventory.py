"""``inventory``: every collection of every source, with its schema."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from pdscan.config import SourceSpec
from pdscan.connector import CollectionInfo
from pdscan.sources import SourceFailure, connector_warnings, open_all


@dataclass
class InventoryResult:
    collections: list[CollectionInfo] = field(default_factory=list)
    errors: list[SourceFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "collections": [c.to_dict() for c in self.collections],
            "errors": [e.to_dict() for e in self.errors],
            "warnings": self.warnings,
        }


def inventory(
    specs: Sequence[SourceSpec],
    on_source: Callable[[SourceSpec], None] | None = None,
) -> InventoryResult:
    """List the collections of each source; a failing source is recorded, not raised.

    >>> from pdscan.config import SourceSpec
    >>> inventory([SourceSpec("shop", "sqlite:///sample_db/shop.db")])  # doctest: +SKIP
    """
    result = InventoryResult()
    with ExitStack() as stack:
        stack.enter_context(connector_warnings(result.warnings))
        for spec, _conn, infos in open_all(stack, specs, result.errors):
            if on_source:
                on_source(spec)
            result.collections.extend(infos)
    return result
