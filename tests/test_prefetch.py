"""``prefetched``: batches read ahead by a thread, in order; an error in the read is
raised to the caller, and a caller that stops early (an error of its own, Ctrl-C) never
waits for a reader stuck on a full queue."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from pdscan.connector import prefetched


def _within(seconds: float, work: object) -> None:
    done = threading.Event()

    def run() -> None:
        try:
            work()  # type: ignore[operator]
        finally:
            done.set()
    threading.Thread(target=run, daemon=True).start()
    assert done.wait(seconds), "deadlock"


def test_in_order_and_errors_raised() -> None:
    assert list(prefetched(iter(range(50)), depth=2)) == list(range(50))

    def broken() -> Iterator[int]:
        yield 1
        raise KeyError("read failed")
    with pytest.raises(KeyError):
        list(prefetched(broken()))


def test_a_caller_that_stops_early_does_not_hang() -> None:
    closed = threading.Event()

    def source() -> Iterator[int]:
        try:
            yield from range(3)
        finally:
            closed.set()

    def consume() -> None:
        with pytest.raises(ValueError):
            for x in prefetched(source(), depth=1):
                if x == 1:
                    raise ValueError("the caller's own error")
    for _ in range(20):  # the reader may be at any point when the caller stops
        closed.clear()
        _within(5, consume)
        assert closed.wait(5)
