"""pdscan: find personal data and answer data-subject requests.

The public Python API; the ``pdscan`` command is a thin layer over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

from pdscan.config import Config, SourceSpec, load_config, resolve_sources
from pdscan.connector import (
    CollectionInfo,
    ColumnInfo,
    Connector,
    ForeignKey,
    LocatedBatch,
    Locator,
)
from pdscan.errors import PdscanError, SourceError, UsageError
from pdscan.inventory import InventoryResult, inventory
from pdscan.registry import open_connector

__all__ = [
    "CollectionInfo",
    "ColumnInfo",
    "Config",
    "Connector",
    "ForeignKey",
    "InventoryResult",
    "LocatedBatch",
    "Locator",
    "PdscanError",
    "SourceError",
    "SourceSpec",
    "UsageError",
    "__version__",
    "inventory",
    "load_config",
    "open_connector",
    "resolve_sources",
]
