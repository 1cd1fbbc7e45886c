"""The subject index: keyed tokens of identifiers -> rows, and the links between rows."""

from pdscan.index.build import IndexReport, build_index

__all__ = ["IndexReport", "build_index"]
