"""Spread samples of large line-oriented files without parsing all of them.

A reservoir sample of a CSV, NDJSON or log file parses every row (~2 M rows/s, a
few seconds per GB, the cost of a whole second read when the index build first
samples a file to classify it). For a large uncompressed file, ``sample_windows``
instead reads the bytes once only to count line breaks (memory speed) and parses a
few dozen windows of whole lines, one at a random offset in each stretch of the
file. Each window's first line number comes from the count, so the rows carry the
locators a full read gives them.

A window is parsed as one physical line per record. Where that is not so (a
quoted CSV value spanning lines, a JSON object over several lines), the format's
parser says the window is unusable and the caller falls back to the full
reservoir sample: exact locators matter more than speed.
"""

from __future__ import annotations

import math

import numpy as np

from .batches import Piece
from .formats.base import Source, WindowParser
from .textio import HEAD_BYTES

#: Files smaller than this are sampled by parsing them whole (it takes well under a second).
MIN_FILE_BYTES = 32 * 1024 * 1024
WINDOWS = 64
READ_BYTES = 8 * 1024 * 1024
#: Rows parsed per row asked for: windows hold more than needed, the sample then
#: draws uniformly among them.
OVERSAMPLE = 2


def sample_windows(source: Source, parse: WindowParser, rows: int, row_bytes: float,
                   rng: np.random.Generator) -> list[Piece] | None:
    """About ``OVERSAMPLE * rows`` rows from windows spread over ``source``, in file
    order; None when the file is too small for windows, a window does not parse, or
    the windows hold fewer than ``rows`` rows."""
    size = source.size
    if source.compressed or not size or size < MIN_FILE_BYTES or rows <= 0:
        return None
    count = min(WINDOWS, rows)
    per_window = math.ceil(OVERSAMPLE * rows / count)
    span = int(per_window * max(row_bytes, 1.0) * 1.5) + 4096  # + the partial first line
    stretch = (size - HEAD_BYTES) // count  # the head (a header, a preamble) is left out
    if stretch < span:
        return None
    starts = HEAD_BYTES + np.arange(count) * stretch + rng.integers(0, stretch - span + 1,
                                                                     size=count)
    pieces: list[Piece] = []
    with source.open() as stream:
        at = lines = 0  # bytes read, line breaks among them
        for start in starts.tolist():
            while at < start:  # count the line breaks up to the window
                block = stream.read(min(READ_BYTES, start - at))
                if not block:
                    return None
                lines += _line_breaks(block)
                at += len(block)
            data = stream.read(span)
            at += len(data)
            first = data.find(b"\n") + 1  # the window starts on a line boundary
            last = data.rfind(b"\n") + 1
            if 0 < first < last:
                got = parse(lines + data.count(b"\n", 0, first) + 1, data[first:last])
                if got is None:
                    return None
                pieces += got
            lines += _line_breaks(data)
    if sum(len(positions) for _, positions in pieces) < rows:
        return None  # rows longer than the head's: parse it all rather than fall short
    return pieces


def _line_breaks(data: bytes) -> int:
    # numpy compares 2x faster than bytes.count, which stops at every match
    return int(np.count_nonzero(np.frombuffer(data, np.uint8) == 0x0A))
