"""Plain text and web-server logs: one record per non-blank line, locator ``{"path", "line"}``.

When most lines of the first block are in the Apache/nginx *common* or *combined*
log format, the file is read as a log: matching lines are split into nginx's
variable names ``remote_addr``, ``ident``, ``remote_user``, ``time_local``,
``request``, ``status``, ``body_bytes_sent``, ``http_referer`` and
``http_user_agent`` (``-`` becomes null), and any other line
lands whole in the ``line`` column. Otherwise every line is a ``line``. Parsing is
vectorised (``pyarrow.compute.extract_regex`` over a chunk of lines).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..batches import Piece
from ..schema import column_infos
from ..textio import (
    CHUNK_BYTES,
    HEAD_BYTES,
    decode_head,
    detect_encoding,
    iter_line_chunks,
    newline_is_byte,
    read_head,
    to_utf8,
)
from .base import ParseOptions, Probe, Source, StreamingFormat, WindowParser, estimate_rows

# RE2 syntax. The request may be "-" or garbage (scanners), hence the optional parts.
_ACCESS_LOG = (
    r'^(?P<remote_addr>\S+) (?P<ident>\S+) (?P<remote_user>\S+) \[(?P<time_local>[^\]]+)\] '
    r'"(?P<request>(?:[^"\\]|\\.)*)" '
    r'(?P<status>\d{3}) (?P<body_bytes_sent>\d+|-)'
    r'(?: "(?P<http_referer>(?:[^"\\]|\\.)*)" "(?P<http_user_agent>(?:[^"\\]|\\.)*)")?'
)
_TIME_FORMAT = "%d/%b/%Y:%H:%M:%S %z"
_LOG_FIELDS = (
    pa.field("remote_addr", pa.string()), pa.field("ident", pa.string()),
    pa.field("remote_user", pa.string()),
    pa.field("time_local", pa.timestamp("s", tz="UTC")),
    pa.field("request", pa.string()), pa.field("status", pa.int64()),
    pa.field("body_bytes_sent", pa.int64()), pa.field("http_referer", pa.string()),
    pa.field("http_user_agent", pa.string()),
)
LINE = pa.field("line", pa.string())
#: Share of the first block's lines that must parse for a file to be read as a log.
_LOG_SHARE = 0.5


@dataclass(frozen=True)
class TextLayout:
    encoding: str
    log: bool


def _lines(data: bytes) -> pa.Array:
    """The lines of a chunk of whole lines (UTF-8), without their line breaks."""
    try:
        text = pa.array([data], pa.binary()).cast(pa.string())
    except pa.ArrowInvalid:
        # the file's first block passed for UTF-8 but this one does not: a log
        # with a few odd bytes is still worth reading
        text = pa.array([data.decode("utf-8", errors="replace")], pa.string())
    lines = pc.list_flatten(pc.split_pattern(text, "\n"))
    if data.endswith(b"\n"):
        lines = lines.slice(0, len(lines) - 1)
    return pc.utf8_rtrim(lines, characters="\r")


def _log_columns(lines: pa.Array) -> list[pa.Array]:
    parts = pc.extract_regex(lines, _ACCESS_LOG)  # null where a line does not match
    matched = pc.is_valid(parts)
    out: list[pa.Array] = []
    for f in _LOG_FIELDS:
        col = pc.struct_field(parts, f.name)
        # "-" and groups that took no part in the match carry nothing
        col = pc.if_else(pc.is_in(col, pa.array(["-", ""])), pa.scalar(None, pa.string()), col)
        if f.name == "time_local":
            col = pc.strptime(col, format=_TIME_FORMAT, unit="s", error_is_null=True)
        elif pa.types.is_integer(f.type):
            col = col.cast(f.type)
        out.append(col)
    out.append(pc.if_else(matched, pa.scalar(None, pa.string()), lines))
    return out


class TextFormat(StreamingFormat):
    suffixes = (".txt", ".log", ".text")

    def probe(self, source: Source, part: str | None, options: ParseOptions) -> Probe:
        with source.open() as stream:
            head, complete = read_head(stream, HEAD_BYTES)
        encoding = options.encoding or detect_encoding(head, complete)
        lines = _lines(decode_head(head, encoding, complete).encode("utf-8"))
        lines = lines.filter(pc.not_equal(pc.utf8_trim_whitespace(lines), ""))
        parsed = pc.sum(pc.is_valid(pc.extract_regex(lines, _ACCESS_LOG))).as_py() or 0
        log = bool(len(lines)) and parsed >= _LOG_SHARE * len(lines)
        schema = pa.schema([*_LOG_FIELDS, LINE] if log else [LINE])
        return Probe(
            schema=schema, columns=column_infos(schema), position_key="line",
            state=TextLayout(encoding, log),
            row_count=None if complete else estimate_rows(len(lines), len(head), source),
            complete=complete)

    def read(self, source: Source, part: str | None, probe: Probe,
             columns: Sequence[str] | None, wanted: np.ndarray | None) -> Iterator[Piece]:
        layout: TextLayout = probe.state
        with source.open() as stream:
            for first_line, data in iter_line_chunks(stream, layout.encoding, CHUNK_BYTES,
                                                     errors="replace"):
                piece = _piece(first_line, data, probe)
                if piece is not None:
                    yield piece

    def window_parser(self, probe: Probe) -> WindowParser | None:
        layout: TextLayout = probe.state
        if not newline_is_byte(layout.encoding):
            return None

        def parse(first_line: int, data: bytes) -> list[Piece] | None:
            piece = _piece(first_line, to_utf8(data, layout.encoding, "replace"), probe)
            return [piece] if piece is not None else []

        return parse


def _piece(first_line: int, data: bytes, probe: Probe) -> Piece | None:
    """The non-blank lines of a chunk of whole lines (UTF-8), as a batch of ``probe``'s
    schema, with their line numbers."""
    lines = _lines(data)
    positions = first_line + np.arange(len(lines), dtype=np.int64)
    solid = pc.not_equal(pc.utf8_trim_whitespace(lines), "")
    lines = lines.filter(solid)
    positions = positions[solid.to_numpy(zero_copy_only=False)]
    if not len(lines):
        return None
    arrays = _log_columns(lines) if probe.state.log else [lines]
    return pa.RecordBatch.from_arrays(arrays, schema=probe.schema), positions
