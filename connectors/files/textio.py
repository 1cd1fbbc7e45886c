"""Text streams: guessing the encoding and cutting a stream into whole-line chunks.

Line-oriented formats (NDJSON, plain text, logs) are parsed chunk by chunk: each chunk
holds whole lines, re-encoded as UTF-8 (what pyarrow parses), and carries the number
of its first physical line so that locators stay exact without a Python loop per line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import IO

import numpy as np

#: Bytes read to guess an encoding, a CSV dialect or a schema.
HEAD_BYTES = 64 * 1024
#: Bytes per parsed chunk when streaming: bounded memory, large enough for vectorised work.
CHUNK_BYTES = 1024 * 1024

_UTF8 = ("utf-8", "utf8", "utf_8", "utf-8-sig")


def detect_encoding(head: bytes, complete: bool = True) -> str:
    """Guess a file's encoding from its first bytes (``complete``: they are all of it).

    UTF-8 (with or without BOM) and UTF-16 (with BOM) are recognised for sure; other
    bytes are taken as Windows-1252 when they decode as such (the usual export from
    Western-European spreadsheets), else Latin-1, which decodes anything.

    >>> detect_encoding("Zoé".encode("cp1252"))
    'cp1252'
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        # a head cut from a longer file may end in the middle of a character
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def read_head(stream: IO[bytes], size: int = HEAD_BYTES) -> tuple[bytes, bool]:
    """The first ``size`` bytes and whether they are the whole stream."""
    head = stream.read(size)
    complete = len(head) < size or not stream.read(1)
    return head, complete


def decode_head(head: bytes, encoding: str, complete: bool) -> str:
    """Decode a head, dropping a last partial line unless the head is the whole file."""
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=complete)
    if not complete and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    return text


def newline_is_byte(encoding: str) -> bool:
    """A line break is the byte ``\\n`` and no other character holds it (not UTF-16):
    what cutting a file into lines by its bytes needs."""
    return "\n".encode(encoding) == b"\n"


def to_utf8(data: bytes, encoding: str, errors: str = "strict") -> bytes:
    """Whole lines in ``encoding`` as UTF-8, what pyarrow parses."""
    if is_utf8(encoding):
        return data.removeprefix(codecs.BOM_UTF8)
    return data.decode(encoding, errors).encode("utf-8")


def iter_line_chunks(stream: IO[bytes], encoding: str, chunk_bytes: int = CHUNK_BYTES,
                     errors: str = "strict") -> Iterator[tuple[int, bytes]]:
    """Yield ``(first_line_number, utf8_bytes)`` with whole lines only.

    Every chunk but the last ends with a newline; line numbers are 1-based.
    """
    line = 1
    if is_utf8(encoding):
        # Fast path: UTF-8 is already what pyarrow parses; only cut at newlines.
        rest = b""
        first = True
        while True:
            block = stream.read(chunk_bytes)
            if first:
                block = block.removeprefix(codecs.BOM_UTF8)
                first = False
            if not block:
                break
            data = rest + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            rest = data[cut:]
            yield line, data[:cut]
            line += data.count(b"\n", 0, cut)
        if rest:
            yield line, rest
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    text_rest = ""
    while True:
        block = stream.read(chunk_bytes)
        text = text_rest + decoder.decode(block, final=not block)
        if not block:
            if text:
                yield line, text.encode("utf-8")
            return
        cut = text.rfind("\n") + 1
        if cut == 0:
            text_rest = text
            continue
        text_rest = text[cut:]
        yield line, text[:cut].encode("utf-8")
        line += text.count("\n", 0, cut)


# A newline followed by a blank line (only spaces, tabs, CRs up to the next newline).
_BEFORE_BLANK = re.compile(rb"\n(?=[ \t\r\f\v]*(?:\n|\Z))")
_LEADING_BLANK = re.compile(rb"[ \t\r\f\v]*(?:\n|\Z)")


def non_blank_lines(data: bytes) -> np.ndarray:
    """Indexes (0-based, within ``data``) of the lines holding more than whitespace.

    Blank lines are rare, so the regex visits only them (and the newlines); the
    line index of each one comes from a binary search over the newline offsets.
    """
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
    count = len(newlines) + (0 if not data or data.endswith(b"\n") else 1)
    starts = [m.start() + 1 for m in _BEFORE_BLANK.finditer(data)]
    if data and _LEADING_BLANK.match(data):
        starts.insert(0, 0)
    if not starts:
        return np.arange(count)
    blank = np.searchsorted(newlines, np.asarray(starts), side="left")
    return np.setdiff1d(np.arange(count), blank)


def iter_utf8_blocks(stream: IO[bytes], encoding: str,
                     chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The stream's content re-encoded as UTF-8, block by block, without a BOM."""
    if is_utf8(encoding):
        first = True
        while block := stream.read(chunk_bytes):
            if first:
                block, first = block.removeprefix(codecs.BOM_UTF8), False
            yield block
        return
    decoder = codecs.getincrementaldecoder(encoding)()
    while True:
        block = stream.read(chunk_bytes)
        text = decoder.decode(block, final=not block)
        if text:
            yield text.encode("utf-8")
        if not block:
            return
