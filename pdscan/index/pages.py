"""Reading the index's packed bytes, one token or one row at a time, without numpy.

``postings.py`` writes these layouts (with numpy, a million at a time); a lookup reads
a handful, and importing numpy and pyarrow would cost it more than the lookup itself.

* a **page** of postings (table ``postings``, one per column and token bucket): the
  sorted 16-byte tokens, each token's count of rows (``<i8``), then the rows (``<i8``);
* a **block** of rows (table ``rows``): the item count (``<u4``), the items' end
  offsets (``<u4``, after a leading 0), then the items' bytes;
* a row's **tokens**: (column id ``<u4``, token) pairs.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pdscan.index.keys import TOKEN_BYTES

if TYPE_CHECKING:
    from pdscan.index.db import IndexDb

BLOCK_ROWS = 64  # rows per entry of ``rows``: 64x fewer B-tree entries, ~7 kB read per row
#: Bits of a page key holding the bucket; the column id is above them.
KEY_BITS = 40
_ROW_ENTRY = struct.Struct(f"<I{TOKEN_BYTES}s")


def page_key(column: int, bucket: int) -> int:
    return column << KEY_BITS | bucket


def page_keys(column: int) -> tuple[int, int]:
    """The range of a column's page keys, end excluded."""
    return page_key(column, 0), page_key(column + 1, 0)


def bucket_of(token: bytes, bits: int) -> int:
    return int.from_bytes(token[:8], "big") >> (64 - bits) if bits else 0


def _int64s(blob: bytes, count: int, offset: int = 0) -> array[int]:
    out = array("q", blob[offset:offset + 8 * count])
    if sys.byteorder == "big":
        out.byteswap()
    return out


def page_rows(tokens: bytes, counts: bytes, rows: bytes, token: bytes) -> array[int] | None:
    """The row numbers a page holds for ``token``, or None."""
    n = len(tokens) // TOKEN_BYTES
    # sorted by their first 8 bytes, big-endian: byte order is numeric order
    firsts = [tokens[i * TOKEN_BYTES:i * TOKEN_BYTES + 8] for i in range(n)]
    i = bisect_left(firsts, token[:8])
    while i < n and firsts[i] == token[:8] and \
            tokens[i * TOKEN_BYTES:(i + 1) * TOKEN_BYTES] != token:
        i += 1
    if i == n or tokens[i * TOKEN_BYTES:(i + 1) * TOKEN_BYTES] != token:
        return None
    held = _int64s(counts, i + 1)
    return _int64s(rows, held[i], 8 * sum(held[:i]))


def find_postings(db: IndexDb, token: bytes, columns: Sequence[tuple[int, int]]
                  ) -> list[tuple[int, array[int]]]:
    """(column id, row numbers) of each of ``columns`` ((id, bucket bits)) that holds
    ``token``: one page per column, read in one query."""
    out: list[tuple[int, array[int]]] = []
    for i in range(0, len(columns), 500):
        keys = [page_key(c, bucket_of(token, b)) for c, b in columns[i:i + 500]]
        found = db.execute("SELECT key, tokens, counts, rows FROM postings WHERE key IN "
                           f"({', '.join('?' * len(keys))})", keys).fetchall()
        for key, tokens, counts, rows in found:
            held = page_rows(bytes(tokens), bytes(counts), bytes(rows), token)
            if held is not None:
                out.append((int(key) >> KEY_BITS, held))
    return out


def row_tokens(blob: bytes) -> list[tuple[bytes, int]]:
    """The (token, column id) pairs of one row's tokens."""
    return [(token, column) for column, token in _ROW_ENTRY.iter_unpack(blob)]


def block_item(blob: bytes, i: int) -> bytes:
    """Row ``i`` of a block made by ``postings.pack_block`` (empty past its end)."""
    count = struct.unpack_from("<I", blob)[0] if blob else 0
    if i >= count:
        return b""
    start, end = struct.unpack_from("<2I", blob, 4 + 4 * i)
    head = 4 * (count + 2)
    return bytes(blob[head + start:head + end])
