"""How each file format is parsed; the format is chosen by the file name's suffix."""

from __future__ import annotations

from .base import FileFormat, ParseOptions, Probe, Source
from .csv_format import CsvFormat
from .excel_format import ExcelFormat
from .json_format import JsonFormat, NdjsonFormat
from .parquet_format import ParquetFormat
from .text_format import TextFormat

FORMATS: tuple[FileFormat, ...] = (
    CsvFormat(), JsonFormat(), NdjsonFormat(), ParquetFormat(), ExcelFormat(), TextFormat(),
)


def format_for(name: str) -> FileFormat | None:
    """The format reading ``name`` (compression suffix already removed), if any.

    Rotated logs (``access.log.1``) are text too.

    >>> type(format_for("exports/Newsletter.CSV")).__name__
    'CsvFormat'
    """
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    stem, _, last = base.rpartition(".")
    if last.isdigit() and stem.endswith(".log"):
        lower = lower[: -len(last) - 1]
    return next((f for f in FORMATS if lower.endswith(f.suffixes)), None)


def supported_suffixes() -> list[str]:
    return [s for f in FORMATS for s in f.suffixes]


__all__ = ["FORMATS", "FileFormat", "ParseOptions", "Probe", "Source", "format_for",
           "supported_suffixes"]
