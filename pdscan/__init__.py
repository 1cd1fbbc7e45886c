"""pdscan: find personal data and answer data-subject requests.

The public Python API; the ``pdscan`` command is a thin layer over it. Names are
imported on first use (PEP 562): ``import pdscan`` stays cheap, and a command pays
only for the parts it runs (pyarrow, SQLAlchemy, the validators, NLP).

>>> import pdscan
>>> result = pdscan.lookup("pdscan.index", pdscan.SubjectQuery.of(email="a@b.fr"))
...                                                     # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module that defines it
_EXPORTS = {
    "Config": "pdscan.config", "SourceSpec": "pdscan.config",
    "load_config": "pdscan.config", "resolve_sources": "pdscan.config",
    "CollectionInfo": "pdscan.connector", "ColumnInfo": "pdscan.connector",
    "Connector": "pdscan.connector", "WritableConnector": "pdscan.connector",
    "ForeignKey": "pdscan.connector", "LocatedBatch": "pdscan.connector",
    "Locator": "pdscan.connector", "RowChange": "pdscan.connector",
    "PdscanError": "pdscan.errors", "SourceError": "pdscan.errors",
    "UsageError": "pdscan.errors", "StaleIndexError": "pdscan.errors",
    "InventoryResult": "pdscan.inventory", "inventory": "pdscan.inventory",
    "open_connector": "pdscan.registry", "source_identity": "pdscan.registry",
    "scan": "pdscan.scan", "ScanResult": "pdscan.scan",
    "DetectOptions": "pdscan.detect",
    "evaluate": "pdscan.evaluate", "load_labels": "pdscan.evaluate",
    "build_index": "pdscan.index.build", "refresh_index": "pdscan.index.build",
    "IndexReport": "pdscan.index.build",
    "SubjectQuery": "pdscan.subject", "SubjectRow": "pdscan.subject",
    "lookup": "pdscan.lookup", "LookupResult": "pdscan.lookup",
    "fetch_subject_rows": "pdscan.subject_rows",
    "load_policy": "pdscan.policy", "Policy": "pdscan.policy",
    "export_subject": "pdscan.export", "write_package": "pdscan.export",
    "plan_erasure": "pdscan.erasure.plan", "PlanError": "pdscan.erasure.plan",
    "ErasurePlan": "pdscan.erasure.model",
    "erase": "pdscan.erasure.apply", "Receipt": "pdscan.erasure.apply",
    "check_policy": "pdscan.erasure.policy",
    "data_map_html": "pdscan.datamap", "index_links": "pdscan.datamap",
    "declared_links": "pdscan.datamap",
}

__all__ = [
    "CollectionInfo", "ColumnInfo", "Config", "Connector", "DetectOptions", "ErasurePlan",
    "ForeignKey", "IndexReport", "InventoryResult", "LocatedBatch", "Locator",
    "LookupResult", "PdscanError", "PlanError", "Policy", "Receipt", "RowChange",
    "ScanResult", "SourceError", "SourceSpec", "StaleIndexError", "SubjectQuery",
    "SubjectRow", "UsageError", "WritableConnector", "__version__", "build_index",
    "check_policy", "data_map_html", "declared_links", "erase", "evaluate",
    "export_subject", "fetch_subject_rows", "index_links", "inventory", "load_config",
    "load_labels", "load_policy", "lookup", "open_connector",
    "plan_erasure", "refresh_index", "resolve_sources", "scan", "source_identity",
    "write_package",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pdscan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next access is a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__


class _Package(types.ModuleType):
    """Keeps a public function whose module has its name (``scan``, ``lookup``,
    ``evaluate``, ``inventory``) from being replaced by that module: the import
    system sets ``pdscan.scan`` to the submodule when it is first imported, which
    would make ``pdscan.scan(...)`` depend on what was imported before."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == value.__name__:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:  # what type checkers and IDEs see
    from pdscan.config import Config, SourceSpec, load_config, resolve_sources
    from pdscan.connector import (
        CollectionInfo,
        ColumnInfo,
        Connector,
        ForeignKey,
        LocatedBatch,
        Locator,
        RowChange,
        WritableConnector,
    )
    from pdscan.datamap import data_map_html, declared_links, index_links
    from pdscan.detect import DetectOptions
    from pdscan.erasure.apply import Receipt, erase
    from pdscan.erasure.model import ErasurePlan
    from pdscan.erasure.plan import PlanError, plan_erasure
    from pdscan.erasure.policy import check_policy
    from pdscan.errors import PdscanError, SourceError, StaleIndexError, UsageError
    from pdscan.evaluate import evaluate, load_labels
    from pdscan.export import export_subject, write_package
    from pdscan.index.build import IndexReport, build_index, refresh_index
    from pdscan.inventory import InventoryResult, inventory
    from pdscan.lookup import LookupResult, lookup
    from pdscan.policy import Policy, load_policy
    from pdscan.registry import open_connector, source_identity
    from pdscan.scan import ScanResult, scan
    from pdscan.subject import SubjectQuery, SubjectRow
    from pdscan.subject_rows import fetch_subject_rows
