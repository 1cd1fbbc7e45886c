"""Parquet: streamed by row group with column projection; locator ``{"path", "record"}``.

The row count comes exact from the footer. Because row groups can be read on
their own, samples and fetches read only the row groups holding the rows they
need instead of the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow.parquet as pq

from ..batches import Piece
from ..schema import column_infos, flatten_batch, flatten_schema, top_level
from .base import ParseOptions, Probe, Source, StreamingFormat

_BATCH_ROWS = 64 * 1024
# A sample draws its rows from random row groups rather than the whole file: enough
# of them to hold several times the rows asked for, and at least a few groups for
# spread unless those already hold a million rows.
_SAMPLE_SPREAD = 4
_SAMPLE_MIN_GROUPS = 8
_SAMPLE_MAX_ROWS = 1_000_000


@dataclass(frozen=True)
class ParquetLayout:
    group_rows: tuple[int, ...]

    @property
    def group_starts(self) -> np.ndarray:
        return np.concatenate(([0], np.cumsum(self.group_rows, dtype=np.int64)))


class ParquetFormat(StreamingFormat):
    suffixes = (".parquet", ".pq", ".parq")

    def probe(self, source: Source, part: str | None, options: ParseOptions) -> Probe:
        with source.open() as stream:
            pf = pq.ParquetFile(stream)
            meta = pf.metadata
            schema = flatten_schema(pf.schema_arrow.remove_metadata())
            layout = ParquetLayout(tuple(meta.row_group(i).num_rows
                                         for i in range(meta.num_row_groups)))
        return Probe(schema=schema, columns=column_infos(schema), position_key="record",
                     state=layout, row_count=meta.num_rows, row_count_exact=True)

    def read(self, source: Source, part: str | None, probe: Probe,
             columns: Sequence[str] | None, wanted: np.ndarray | None) -> Iterator[Piece]:
        layout: ParquetLayout = probe.state
        starts = layout.group_starts
        with source.open() as stream:
            pf = pq.ParquetFile(stream)
            top = top_level(pf.schema_arrow, columns)
            if wanted is None:
                record = 0
                for batch in pf.iter_batches(batch_size=_BATCH_ROWS, columns=top,
                                             use_threads=False):
                    yield flatten_batch(batch), np.arange(record, record + batch.num_rows)
                    record += batch.num_rows
                return
            groups = np.unique(np.searchsorted(starts, wanted, side="right") - 1)
            for g in groups.tolist():
                if g >= len(layout.group_rows):
                    continue
                record = int(starts[g])
                table = pf.read_row_group(g, columns=top, use_threads=False)
                for batch in table.to_batches(max_chunksize=_BATCH_ROWS):
                    yield flatten_batch(batch), np.arange(record, record + batch.num_rows)
                    record += batch.num_rows

    def sample_positions(self, probe: Probe, n: int,
                         rng: np.random.Generator) -> np.ndarray | None:
        layout: ParquetLayout = probe.state
        sizes = np.asarray(layout.group_rows, dtype=np.int64)
        starts = layout.group_starts
        chosen: list[np.ndarray] = []
        total = 0
        for g in rng.permutation(len(sizes)).tolist():
            spread = len(chosen) >= _SAMPLE_MIN_GROUPS or total >= _SAMPLE_MAX_ROWS
            if total >= n * _SAMPLE_SPREAD and spread:
                break
            chosen.append(np.arange(starts[g], starts[g] + sizes[g]))
            total += int(sizes[g])
        if not total:
            return np.empty(0, np.int64)
        pool = np.concatenate(chosen)
        return np.sort(rng.choice(pool, size=min(n, len(pool)), replace=False))
