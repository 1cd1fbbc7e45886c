"""The built-in ``files`` connector: CSV, JSON, Parquet, Excel, text and logs on any fsspec store.

A source is a folder (walked recursively), a single file, or a URL fsspec knows
(``file://``, ``memory://``, ``s3://`` with s3fs installed ...). Each file is a
collection named by its path relative to the source root with ``/``; a member of
a ``.zip`` archive is ``archive.zip/inner.csv``, a sheet of a workbook is
``book.xlsx#Sheet1``. ``.gz``, ``.bz2`` and ``.xz`` files are decompressed on the
fly; files of other types are skipped.

Options (config keys): ``include`` / ``exclude`` (globs on the relative path; a glob
without ``/`` matches the file name at any depth), ``encoding`` (default: guessed
per file), ``delimiter`` and ``header`` (CSV), ``max_files``, ``storage_options``
(passed to fsspec, treated as a secret).

Locators: ``{"path", "line"}`` (1-based physical line) for CSV, NDJSON, text and
logs; ``{"path", "record"}`` (0-based) for JSON documents and Parquet;
``{"path", "sheet", "row"}`` (spreadsheet row) for Excel.

The layout: :mod:`.storage` is where bytes live, :mod:`.formats` how each format
is parsed, :mod:`.batches` and :mod:`.schema` the format-independent Arrow work,
:mod:`.connector` the protocol on top.
"""

from .connector import FilesConnector

__all__ = ["FilesConnector"]
