"""Erasure in files: a file's records deleted or changed, every other record kept.

The whole file is rewritten into a temporary file beside it and renamed over it
(on object stores, written in one put), so a reader never sees half a file and a
crash leaves the old one. Line-oriented formats keep every other record
byte for byte: CSV (a changed record is written again with the file's dialect and
line ending), NDJSON (a changed record is its JSON object written again) and text
logs (a changed value is replaced where it stands in its line). JSON documents and
Parquet files are parsed and written whole. Compressed files (gz, bz2, xz) are
recompressed. Workbooks and members of zip archives are not rewritten: their rows
go to review.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import json
import lzma
import os
import re
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .formats import Probe
from .formats.csv_format import CsvDialect, CsvFormat
from .formats.json_format import JsonLayout, _JsonBase
from .formats.parquet_format import ParquetFormat
from .formats.text_format import TextFormat
from .storage import FileEntry, Storage

_COMPRESS = {"gzip": lambda b: gzip.compress(b, mtime=0), "bz2": bz2.compress,
             "xz": lzma.compress}
_LINES = re.compile(r"[^\n]*\n|[^\n]+$")


class NotWritable(Exception):
    """A file pdscan does not rewrite (a workbook, a member of a zip archive)."""


@dataclass(frozen=True)
class Edit:
    """What to do with one record: drop it, or give some columns new values
    (``current``: the record's values as read, to find a value inside a log line)."""

    delete: bool
    values: Mapping[str, Any] = field(default_factory=dict)
    current: Mapping[str, Any] = field(default_factory=dict)


def writable(entry: FileEntry, fmt: object) -> bool:
    return entry.member is None and isinstance(fmt, CsvFormat | _JsonBase | ParquetFormat
                                               | TextFormat) and (
        entry.compression is None or entry.compression in _COMPRESS)


def rewrite(storage: Storage, entry: FileEntry, fmt: object, probe: Probe,
            edits: Mapping[int, Edit]) -> None:
    """Apply ``edits`` (by record position: line or record index) to one file."""
    if not writable(entry, fmt):
        raise NotWritable(f"{entry.name}: pdscan does not rewrite this kind of file")
    with storage.open(entry) as stream:
        data = stream.read()
    if isinstance(fmt, ParquetFormat):
        out = _parquet(data, edits)
    elif isinstance(fmt, CsvFormat):
        out = _csv(data, probe.state, edits)
    elif isinstance(fmt, _JsonBase):
        out = _json(data, probe.state, edits)
    else:
        out = _text(data, probe.state.encoding, edits)
    if entry.compression:
        out = _COMPRESS[entry.compression](out)
    _replace(storage, entry.path, out)


def _replace(storage: Storage, path: str, data: bytes) -> None:
    """Write ``data`` over ``path`` whole: temporary file and rename where local."""
    from fsspec.implementations.local import LocalFileSystem

    if not isinstance(storage.fs, LocalFileSystem):
        storage.fs.pipe_file(path, data)  # one put: an object is replaced whole
        return
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.pdscan-tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, target.stat().st_mode & 0o7777)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _decode(data: bytes, encoding: str) -> tuple[str, bytes, str]:
    """(text, BOM, codec) of a file's bytes."""
    codec = {"utf8": "utf-8", "utf-8-sig": "utf-8"}.get(encoding, encoding)
    bom = b""
    for mark in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(mark):
            bom = mark
            break
    if codecs.lookup(codec).name == "utf-16":
        return data.decode("utf-16"), b"", "utf-16"  # its own BOM, written again
    return data[len(bom):].decode(codec), bom, codec


def _lines(text: str) -> Iterator[str]:
    """Physical lines, each with its ``\\n`` (the last may have none)."""
    for m in _LINES.finditer(text):
        yield m.group(0)


def _ending(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""


def _csv(data: bytes, d: CsvDialect, edits: Mapping[int, Edit]) -> bytes:
    text, bom, codec = _decode(data, d.encoding)
    lines = list(_lines(text))
    out: list[str] = lines[:d.skip_lines]
    i = d.skip_lines
    while i < len(lines):
        start = i
        reader = csv.reader(iter(lines[i:]), delimiter=d.delimiter)
        try:
            cells = next(reader)
        except StopIteration:
            break
        i += reader.line_num
        edit = edits.get(start + 1)  # locators count lines from 1
        if edit is None:
            out.extend(lines[start:i])
        elif not edit.delete:
            row = {name: cells[k] if k < len(cells) else "" for k, name in enumerate(d.names)}
            row.update({k: "" if v is None else str(v) for k, v in edit.values.items()})
            buf = io.StringIO()
            csv.writer(buf, delimiter=d.delimiter, lineterminator=_ending(lines[i - 1])
                       ).writerow([row[n] for n in d.names])
            out.append(buf.getvalue())
    return bom + "".join(out).encode(codec)


def _set_path(obj: dict[str, Any], path: str, value: Any) -> None:
    if path in obj or "." not in path:
        obj[path] = value
        return
    head, _, rest = path.partition(".")
    child = obj.get(head)
    if isinstance(child, dict):
        _set_path(child, rest, value)
    else:
        obj[path] = value


def _changed(record: Any, edit: Edit) -> Any:
    if isinstance(record, dict):
        for path, value in edit.values.items():
            _set_path(record, path, value)
    return record


def _json(data: bytes, layout: JsonLayout, edits: Mapping[int, Edit]) -> bytes:
    text, bom, codec = _decode(data, layout.encoding)
    if layout.lines:
        out = []
        for number, line in enumerate(_lines(text), 1):
            edit = edits.get(number)
            if edit is None:
                out.append(line)
            elif not edit.delete:
                obj = _changed(json.loads(line), edit)
                out.append(json.dumps(obj, ensure_ascii=False) + _ending(line))
        return bom + "".join(out).encode(codec)
    doc = json.loads(text)
    records = doc
    if isinstance(doc, dict):  # the first member holding a list of records
        records = next((v for v in doc.values() if isinstance(v, list)), [doc])
    kept = [_changed(r, edits[i]) if i in edits else r for i, r in enumerate(records)
            if i not in edits or not edits[i].delete]
    if isinstance(doc, dict) and records is not doc:
        key = next(k for k, v in doc.items() if v is records)
        doc[key] = kept
    else:
        doc = kept
    indent = 2 if "\n" in text.strip() else None
    return bom + (json.dumps(doc, ensure_ascii=False, indent=indent) + (
        "\n" if text.endswith("\n") else "")).encode(codec)


def _text(data: bytes, encoding: str, edits: Mapping[int, Edit]) -> bytes:
    text, bom, codec = _decode(data, encoding)
    out = []
    for number, line in enumerate(_lines(text), 1):
        edit = edits.get(number)
        if edit is None:
            out.append(line)
        elif not edit.delete:
            for column, value in edit.values.items():
                old = edit.current.get(column)
                if old is not None and str(old) and str(old) in line:
                    line = line.replace(str(old), "" if value is None else str(value), 1)
            out.append(line)
    return bom + "".join(out).encode(codec)


def _parquet(data: bytes, edits: Mapping[int, Edit]) -> bytes:
    table = pq.read_table(io.BytesIO(data))
    rows = table.to_pylist()
    kept = []
    for i, row in enumerate(rows):
        edit = edits.get(i)
        if edit is not None and edit.delete:
            continue
        kept.append(_changed(row, edit) if edit is not None else row)
    out = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(kept, schema=table.schema), out)
    return out.getvalue()
