"""The connector contract suite, importable by third-party connectors.

    from pdscan.testing import check_connector

    def test_my_connector():
        with MyConnector.open("my://...", "label", {}) as conn:
            check_connector(conn)

It reads every collection and checks what the rest of pdscan relies on:
bounded batches, one unique locator per row, samples spread over the
collection, and fetch-by-locator returning the same rows.
"""

from __future__ import annotations

from pdscan.connector import CollectionInfo, Connector, LocatedBatch, Locator


def check_collection(conn: Connector, info: CollectionInfo, batch_size: int = 7,
                     sample_n: int = 5) -> list[Locator]:
    """Check one collection; return its locators in read order."""
    names = {c.name for c in info.columns}
    locators: list[Locator] = []
    for lb in conn.read(info.name, batch_size=batch_size):
        assert isinstance(lb, LocatedBatch), f"{info.name}: read() must yield LocatedBatch"
        assert 0 < lb.num_rows <= batch_size, (
            f"{info.name}: batch of {lb.num_rows} rows, asked for at most {batch_size}")
        extra = set(lb.batch.schema.names) - names
        assert not extra, f"{info.name}: batch columns {extra} not in collections() schema"
        locators.extend(lb.iter_locators())
    assert len(set(locators)) == len(locators), f"{info.name}: duplicate locators"
    if info.row_count_exact:
        assert info.row_count == len(locators), (
            f"{info.name}: row_count {info.row_count} but read {len(locators)} rows")
    for loc in locators[:3]:
        assert Locator.parse(str(loc)) == loc, "locators must round-trip through str"

    sample = conn.sample(info.name, sample_n, seed=1)
    assert sample.num_rows == min(sample_n, len(locators)), (
        f"{info.name}: sample of {sample.num_rows} rows from {len(locators)}, asked {sample_n}")
    sampled = list(sample.iter_locators())
    assert set(sampled) <= set(locators), f"{info.name}: sample locators not found by read()"

    fetched = conn.fetch(info.name, sampled)
    got, want = fetched.rows_by_locator(), sample.rows_by_locator()
    assert set(got) == set(want), f"{info.name}: fetch() did not return the sampled rows"
    for loc, row in want.items():
        shared = set(row) & set(got[loc])
        assert {k: row[k] for k in shared} == {k: got[loc][k] for k in shared}, (
            f"{info.name}: fetch({loc}) returned a different row")

    if info.columns:
        first = info.columns[0].name
        for lb in conn.read(info.name, columns=[first], batch_size=batch_size):
            assert lb.batch.schema.names == [first], (
                f"{info.name}: read(columns=[{first!r}]) returned {lb.batch.schema.names}")
            break
    return locators


def check_sample_is_spread(conn: Connector, collection: str, n: int) -> None:
    """On a collection much larger than ``n``, the sample is not its first rows."""
    first: list[Locator] = []
    for lb in conn.read(collection, batch_size=n):
        first = list(lb.iter_locators())
        break
    sample = conn.sample(collection, n, seed=3)
    assert sample.num_rows == n
    assert set(sample.iter_locators()) != set(first), "sample() returned the first rows"
    assert len(set(sample.iter_locators()) - set(first)) >= n // 2, (
        "sample() is mostly the first rows, not spread over the collection")


def check_connector(conn: Connector, batch_size: int = 7, sample_n: int = 5) -> None:
    """Run the contract over every collection of ``conn``."""
    infos = conn.collections()
    assert infos, "collections() returned nothing"
    seen = set()
    for info in infos:
        assert info.source == conn.label, f"{info.name}: source {info.source!r} != label"
        assert info.name not in seen, f"collection {info.name!r} listed twice"
        seen.add(info.name)
        check_collection(conn, info, batch_size=batch_size, sample_n=sample_n)
