"""The subject index: keyed tokens of identifiers -> rows, and the links between rows.

``build_index`` is imported on first use: the readers (lookup, erasure) do not need
the build's detection and hashing machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["IndexReport", "build_index", "refresh_index"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'pdscan.index' has no attribute {name!r}")
    from pdscan.index import build

    return getattr(build, name)


if TYPE_CHECKING:
    from pdscan.index.build import IndexReport, build_index, refresh_index
