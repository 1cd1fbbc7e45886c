"""CSV and its cousins (TSV, semicolon, pipe): pyarrow's streaming reader plus exact lines.

Cells are yielded as text, exactly as written: a phone number ``0612345678`` or a
postcode ``01234`` keeps its leading zero, and a stray ``n/a`` deep in a numeric
column cannot break the stream. ``ColumnInfo.type`` still says what the first
block looks like (``integer``, ``date`` ...), as a hint for detection.

Locators are ``{"path", "line"}`` with the physical line where a record starts. A
quoted field may hold newlines, so a record's start is computed vectorised: the
lines before the data, plus the running sum of each record's span (1 + newlines
inside its fields). Blank lines are kept by the parser as all-null rows (so they
are counted) and dropped afterwards; malformed rows (wrong number of fields) are
skipped with a warning, and their spans are still counted.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from ..batches import Piece, all_null
from ..schema import column_infos
from ..textio import (
    CHUNK_BYTES,
    decode_head,
    detect_encoding,
    is_utf8,
    newline_is_byte,
    read_head,
)
from .base import ParseOptions, Probe, Source, StreamingFormat, WindowParser, estimate_rows

log = logging.getLogger(__name__)

_BY_SUFFIX = {".tsv": "\t", ".tab": "\t", ".psv": "|"}
_SNIFF_CHARS = 16 * 1024
_MAX_BLOCK_BYTES = 256 * 1024 * 1024
# Where to go when a guessed encoding turns out wrong further into the file.
_FALLBACK_ENCODINGS = {"utf8": "cp1252", "cp1252": "latin-1"}
_DELIMITERS = ",;\t|"

# Checked in order on the non-empty cells of the first block. Integers with a
# leading zero or a plus sign are phone numbers or codes, not numbers.
_TYPE_PATTERNS = (
    ("integer", r"^-?(0|[1-9][0-9]{0,17})$"),
    ("float", r"^-?((0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|\.[0-9]+)$"),
    ("boolean", r"(?i)^(true|false)$"),
    ("date", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    ("datetime", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
                 r"(Z|[+-][0-9]{2}:?[0-9]{2})?)?$"),
)
# Cells that look like values rather than column names.
_DATA_LIKE = r"^[-+]?[0-9][0-9 .,:/()+-]*$|@|^https?://"


@dataclass(frozen=True)
class CsvDialect:
    encoding: str  # as pyarrow spells it ("utf8" needs no transcoding)
    delimiter: str
    names: tuple[str, ...]
    #: Physical lines before the first record: leading blank lines and the header.
    skip_lines: int
    #: True when the encoding was guessed from the head rather than set by the user.
    guessed: bool = True
    #: The head's records are one line each, ended by ``\n``: windows of lines can be
    #: parsed on their own (see ``windows.py``).
    line_records: bool = False


def _sniff_delimiter(text: str, name: str) -> str:
    suffix = "." + name.rsplit(".", 1)[-1].lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if not any(d in text[:_SNIFF_CHARS] for d in _DELIMITERS if d != ","):
        return ","  # what the sniffer would answer, in a hundredth of the time
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _looks_like_header(cells: list[str]) -> bool:
    # csv.Sniffer.has_header abstains on all-text columns, which is what files of
    # names and e-mails are; a row of non-empty labels none of which looks like a
    # value is a header far more often than not.
    values = [c.strip() for c in cells if c.strip()]
    if not values:
        return False
    return not pc.any(pc.match_substring_regex(pa.array(values), _DATA_LIKE)).as_py()


def _column_names(cells: Sequence[str], header: bool) -> tuple[str, ...]:
    out: list[str] = []
    for i, cell in enumerate(cells, 1):
        base = (" ".join(cell.split()) if header else "") or f"column_{i}"
        name, k = base, 2
        while name in out:
            name, k = f"{base}_{k}", k + 1
        out.append(name)
    return tuple(out)


# The same, whole-cell, for Python's re: a head holds few cells, and ten pyarrow calls a
# column cost more than matching them here (a text column fails on its first cell).
_CELL_TYPES = tuple((name, re.compile(pattern.replace("^", "").replace("$", ""), re.ASCII))
                    for name, pattern in _TYPE_PATTERNS)


def infer_text_type(values: Sequence[str | None]) -> str:
    """The portable type all non-empty cells of a text column fit, else ``string``."""
    cells = [v for v in values if v]
    if not cells:
        return "string"
    for name, rx in _CELL_TYPES:
        if all(rx.fullmatch(v) for v in cells):
            return name
    return "string"


@dataclass
class _InvalidRows:
    """Rows the parser skipped (wrong field count), so their lines are still counted."""

    skip_lines: int
    numbers: list[int] = field(default_factory=list)
    spans: list[int] = field(default_factory=list)
    unplaced: int = 0
    first: int | None = None  # the first one's row in the file, as the parser counts
    blank: int = 0  # of them, empty lines (a multi-column file's blank line)

    def record(self, row: pcsv.InvalidRow) -> str:
        self.blank += not (row.text or "").strip()
        if row.number is None:
            self.unplaced += 1
        else:
            # row.number counts the skipped lines, then records (1-based)
            self.numbers.append(row.number - self.skip_lines - 1)
            self.spans.append(1 + (row.text or "").count("\n"))
        if self.first is None and row.number is not None:
            self.first = row.number  # never its text: it may hold personal data
        return "skip"

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """For each skipped row, how many good records precede it; prefix sums of spans."""
        idx = np.asarray(self.numbers, dtype=np.int64)
        before = idx - np.arange(len(idx))
        prefix = np.concatenate(([0], np.cumsum(np.asarray(self.spans, dtype=np.int64))))
        return before, prefix


@dataclass
class _LineNumbers:
    first_line: int
    seen: int = 0  # good records so far
    span: int = 0  # their physical lines

    def starts(self, batch: pa.RecordBatch, invalid: _InvalidRows) -> np.ndarray:
        spans = np.ones(batch.num_rows, dtype=np.int64)
        for col in batch.columns:
            if not _newline_free(col):
                spans += pc.fill_null(pc.count_substring(col, "\n"), 0).to_numpy(
                    zero_copy_only=False)
        prefix = np.cumsum(spans) - spans
        good = self.seen + np.arange(batch.num_rows)
        before, skipped_prefix = invalid.arrays()
        skipped = skipped_prefix[np.searchsorted(before, good, side="right")]
        starts = self.first_line + self.span + prefix + skipped
        self.seen += batch.num_rows
        self.span += int(spans.sum())
        return starts


def _newline_free(col: pa.Array) -> bool:
    """No value of a text column holds a line break (its bytes checked at memory speed,
    30x faster than counting line breaks per value)."""
    if not pa.types.is_string(col.type):
        return False
    _, offsets, data = col.buffers()
    if data is None or not len(col):
        return True
    start, end = np.frombuffer(offsets, np.int32)[[col.offset, col.offset + len(col)]]
    return not (np.frombuffer(data, np.uint8)[start:end] == 0x0A).any()


class CsvFormat(StreamingFormat):
    suffixes = (".csv", ".tsv", ".tab", ".psv")

    def probe(self, source: Source, part: str | None, options: ParseOptions) -> Probe:
        with source.open() as stream:
            head, complete = read_head(stream)
        encoding = options.encoding or detect_encoding(head, complete)
        text = decode_head(head, encoding, complete)
        first_line = text.split("\n", 1)[0]
        if (not complete and "\n" not in text and "\r" not in text) or "\0" in first_line:
            # pyarrow would fail later on a first "line" it cannot hold in a block, with
            # a message about skipping rows: say what the file is instead
            what = "binary data (NUL bytes)" if "\0" in first_line else \
                f"no line break in its first {len(head) // 1024} KiB"
            raise ValueError(f"{what}: not CSV text")
        delimiter = options.delimiter or _sniff_delimiter(text, source.name)
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error:  # e.g. a NUL byte: let pyarrow say what is wrong when reading
            rows = [next(csv.reader(io.StringIO(text.replace("\0", "")), delimiter=delimiter),
                         [])]
        if not complete and len(rows) > 1:
            rows.pop()  # the head may end inside a quoted field spanning lines
        blank = next((i for i, r in enumerate(rows) if r), len(rows))
        if blank == len(rows):
            names: tuple[str, ...] = ()
            data: list[list[str]] = []
            skip = blank
        else:
            first = rows[blank]
            header = options.header if options.header is not None else _looks_like_header(first)
            names = _column_names(first, header)
            data = rows[blank + 1:] if header else rows[blank:]
            skip = blank + (1 + sum(c.count("\n") for c in first) if header else 0)
        types = {
            name: infer_text_type([r[i] if i < len(r) else None for r in data])
            for i, name in enumerate(names)}
        schema = pa.schema([pa.field(n, pa.string()) for n in names])
        pa_encoding = "utf8" if is_utf8(encoding) else encoding
        line_records = (newline_is_byte(encoding)
                        and "\r" not in text.replace("\r\n", "")
                        and not any("\n" in c or "\r" in c for r in rows for c in r))
        return Probe(
            schema=schema, columns=column_infos(schema, types), position_key="line",
            state=CsvDialect(pa_encoding, delimiter, names, skip, options.encoding is None,
                             line_records),
            row_count=None if complete else estimate_rows(len(data), len(head), source),
            complete=complete)

    def read(self, source: Source, part: str | None, probe: Probe,
             columns: Sequence[str] | None, wanted: np.ndarray | None) -> Iterator[Piece]:
        # Every column is parsed even when fewer are asked for: newlines inside the
        # other columns' quoted fields still move the line numbers.
        d: CsvDialect = probe.state
        if not d.names:
            return
        # pyarrow keeps dozens of blocks in flight, so blocks stay small; a record
        # larger than a block makes it fail, and the file is read again with larger
        # blocks, skipping what was already yielded. The same restart handles a file
        # whose first block passed for UTF-8 but whose later bytes are Windows-1252.
        block, encoding, done = CHUNK_BYTES, d.encoding, 0
        while True:
            try:
                invalid = _InvalidRows(d.skip_lines)
                with source.open() as stream:
                    for batch, starts in _parse(stream, d, block, encoding, invalid):
                        if done and len(starts) and starts[0] <= done:
                            keep = starts > done
                            batch, starts = batch.filter(pa.array(keep)), starts[keep]
                        if len(starts):
                            yield batch, starts
                            done = int(starts[-1])
                skipped = len(invalid.numbers) + invalid.unplaced
                if skipped:
                    first = "" if invalid.first is None else f", the first at row {invalid.first}"
                    log.warning("%s: skipped %d malformed row(s) (wrong number of fields%s)",
                                source.name, skipped, first)
                return
            except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
                message = str(exc)
                if "straddl" in message and block < _MAX_BLOCK_BYTES:
                    block *= 16
                elif d.guessed and encoding in _FALLBACK_ENCODINGS and (
                        "invalid UTF8" in message or isinstance(exc, UnicodeDecodeError)):
                    log.warning("%s: not %s after the first block, reading it as %s",
                                source.name, encoding, _FALLBACK_ENCODINGS[encoding])
                    encoding = _FALLBACK_ENCODINGS[encoding]
                else:
                    raise

    def window_parser(self, probe: Probe) -> WindowParser | None:
        d: CsvDialect = probe.state
        if not d.names or not d.line_records:
            return None

        def parse(first_line: int, data: bytes) -> list[Piece] | None:
            # One record per line: a value spanning lines shows up as rows with the
            # wrong number of fields (or a parse error), and the window is refused.
            invalid = _InvalidRows(0)
            try:
                pieces = list(_parse(io.BytesIO(data), d, len(data) + 1, d.encoding, invalid,
                                     first_line=first_line, multiline=False))
            except (pa.ArrowInvalid, UnicodeDecodeError):
                return None
            solid = len(invalid.numbers) + invalid.unplaced - invalid.blank
            return None if solid else pieces

        return parse


def _parse(stream: IO[bytes], d: CsvDialect, block: int, encoding: str,
           invalid: _InvalidRows, first_line: int | None = None,
           multiline: bool = True) -> Iterator[Piece]:
    """The records of ``stream`` with the physical line each starts on: the whole file
    (``first_line`` None: the header and lines before it are skipped), or a window of
    whole lines starting at line ``first_line``."""
    whole = first_line is None
    lines = _LineNumbers(first_line=d.skip_lines + 1 if whole else first_line)
    reader = pcsv.open_csv(
        stream,
        read_options=pcsv.ReadOptions(
            use_threads=False, block_size=block, encoding=encoding,
            column_names=list(d.names), skip_rows=d.skip_lines if whole else 0),
        parse_options=pcsv.ParseOptions(
            delimiter=d.delimiter, newlines_in_values=multiline, ignore_empty_lines=False,
            invalid_row_handler=invalid.record),
        convert_options=pcsv.ConvertOptions(
            column_types=dict.fromkeys(d.names, pa.string()), strings_can_be_null=True))
    for batch in reader:
        starts = lines.starts(batch, invalid)
        blank = all_null(batch)
        if blank.any():
            keep = ~blank
            batch, starts = batch.filter(pa.array(keep)), starts[keep]
        yield batch, starts
