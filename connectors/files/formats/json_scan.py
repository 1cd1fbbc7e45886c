"""Find the records of a JSON document in a stream, without parsing it in Python.

A JSON document is ``[{...}, {...}]`` or ``{"meta": ..., "users": [{...}, ...]}``.
To stream it with bounded memory, :class:`RecordArrayScanner` tracks strings and
nesting depth over raw bytes with numpy (no Python step per byte), finds the array
of records (the top-level array, or the first array of objects that is a member
of the top-level object) and hands its elements back as concatenated objects with
the separating commas blanked out: the form pyarrow's JSON reader parses with
``newlines_in_values=True``. A top-level object without such an array is one record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

_QUOTE, _BACKSLASH, _COMMA, _SPACE_BYTE = ord('"'), ord("\\"), ord(","), ord(" ")
_OPENERS = np.frombuffer(b"[{", np.uint8)
_CLOSERS = np.frombuffer(b"]}", np.uint8)
_BLANKS = np.frombuffer(b" \t\r\n", np.uint8)


class NotRecords(ValueError):
    """The document is not an array of objects or an object holding one."""


class _Structure:
    """Which bytes are structural (outside strings), and the nesting depth after each."""

    def __init__(self) -> None:
        self.in_string = False
        self.backslashes = 0  # backslashes ending the previous chunk
        self.depth = 0

    def scan(self, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n = len(a)
        if not n:
            return np.zeros(0, bool), np.zeros(0, np.int64)
        pos = np.arange(n)
        # A quote is escaped when an odd run of backslashes precedes it.
        last_other = np.maximum.accumulate(np.where(a == _BACKSLASH, -1, pos))
        quotes = np.flatnonzero(a == _QUOTE)
        before = last_other[np.maximum(quotes - 1, 0)]
        run = np.where(quotes > 0, quotes - 1 - before, 0)
        run = run + np.where((quotes == 0) | (before < 0), self.backslashes, 0)
        toggles = np.zeros(n, np.int64)
        toggles[quotes[run % 2 == 0]] = 1
        inside = (np.cumsum(toggles) + self.in_string) % 2 == 1
        opens = ~inside & np.isin(a, _OPENERS)
        closes = ~inside & np.isin(a, _CLOSERS)
        structural = opens | closes | (~inside & (a == _COMMA))
        depth = self.depth + np.cumsum(opens.astype(np.int64) - closes)
        self.in_string = bool(inside[-1])
        tail = n - 1 - int(last_other[-1])
        self.backslashes = self.backslashes + n if tail == n else tail
        self.depth = int(depth[-1])
        return structural, depth


def _solid(a: np.ndarray, start: int) -> int:
    """Index of the first non-blank byte at or after ``start``, or -1."""
    idx = np.flatnonzero(~np.isin(a[start:], _BLANKS))
    return start + int(idx[0]) if len(idx) else -1


def _first(mask: np.ndarray, start: int) -> int:
    idx = np.flatnonzero(mask[start:])
    return start + int(idx[0]) if len(idx) else -1


class RecordArrayScanner:
    """Feed the bytes of a JSON document; get back the bytes of whole records."""

    def __init__(self) -> None:
        self._s = _Structure()
        self._top = b""  # b"[" or b"{" once seen
        self._level = 0  # depth of the record separators: 1 for [..], 2 for {"k": [..]}
        self._phase = "start"  # start, search, first, records, done
        self._buf = bytearray()  # a top-level object, kept in case it is the only record
        self._pending = bytearray()  # bytes of records not yet complete

    @property
    def done(self) -> bool:
        return self._phase == "done"

    def feed(self, data: bytes) -> bytes:
        """Consume ``data``; return the bytes of the records completed by it."""
        if self.done or not data:
            return b""
        a = np.frombuffer(data, np.uint8)
        structural, depth = self._s.scan(a)
        out = bytearray()
        i = 0
        while i < len(data) and not self.done:
            if self._phase == "start":
                j = _solid(a, i)
                if j < 0:
                    return bytes(out)
                self._top = data[j:j + 1]
                if self._top not in (b"[", b"{"):
                    raise NotRecords("not a JSON array or object")
                self._level = 1 if self._top == b"[" else 2
                self._phase, i = "search", j
            elif self._phase == "search":
                i = self._search(data, a, structural, depth, i, out)
            elif self._phase == "first":
                i = self._first_element(data, a, i)
            else:
                i = self._records(data, a, structural, depth, i, out)
        if self._top == b"{" and self._phase in ("search", "first"):
            self._buf += data
        return bytes(out)

    def _search(self, data: bytes, a: np.ndarray, structural: np.ndarray,
                depth: np.ndarray, i: int, out: bytearray) -> int:
        ends = _first(structural & (depth == 0), i)
        opens = _first(structural & (a == ord("[")) & (depth == self._level), i)
        if opens >= 0 and (ends < 0 or opens < ends):
            self._phase = "first"
            return opens + 1
        if ends >= 0:
            # a top-level object without an array of records: it is the record
            out += self._buf + data[:ends + 1]
            self._buf = bytearray()
            self._phase = "done"
            return ends + 1
        return len(data)

    def _first_element(self, data: bytes, a: np.ndarray, i: int) -> int:
        j = _solid(a, i)
        if j < 0:
            return len(data)
        first = data[j:j + 1]
        if first == b"{":
            self._phase, self._buf = "records", bytearray()
        elif self._top == b"[" and first == b"]":
            self._phase = "done"  # an empty array: no records
        elif self._top == b"[":
            raise NotRecords("the top-level array does not hold objects")
        else:
            self._phase = "search"  # an array of scalars: look for the next one
        return j

    def _records(self, data: bytes, a: np.ndarray, structural: np.ndarray,
                 depth: np.ndarray, i: int, out: bytearray) -> int:
        end = _first(structural & (depth < self._level), i)
        stop = end if end >= 0 else len(data)
        chunk = bytearray(data[i:stop])
        commas = np.flatnonzero(structural[i:stop] & (a[i:stop] == _COMMA)
                                & (depth[i:stop] == self._level))
        for c in commas.tolist():  # one per record, not per byte
            chunk[c] = _SPACE_BYTE
        if end >= 0:
            out += self._pending + chunk
            self._pending = bytearray()
            self._phase = "done"
            return end + 1
        if len(commas):
            cut = int(commas[-1]) + 1
            out += self._pending + chunk[:cut]
            self._pending = chunk[cut:]
        else:
            self._pending += chunk
        return len(data)

    def finish(self) -> None:
        """Check the document ended where it should."""
        if self._phase in ("search", "first", "records"):
            raise NotRecords("unexpected end of the JSON document (truncated?)")


def iter_record_chunks(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """Chunks of whole records from the blocks of a JSON document (UTF-8 bytes)."""
    scanner = RecordArrayScanner()
    for data in blocks:
        out = scanner.feed(data)
        if out.strip():
            yield out
        if scanner.done:
            return
    scanner.finish()
