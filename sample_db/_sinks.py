"""Where generated rows go: the shop.db schema and streaming writers for every format.

Every sink writes in chunks and knows the locator of the next row it writes (SQLite
primary key or rowid, 1-based physical line of a text file, 0-based record of a JSON
array or Parquet file), so ground truth is recorded while writing, never re-read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA = """
CREATE TABLE app_settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE support_agents (
    agentId     INTEGER PRIMARY KEY,
    fullName    TEXT NOT NULL,
    workEmail   TEXT NOT NULL UNIQUE,
    deskPhone   TEXT,
    loginName   TEXT NOT NULL UNIQUE,
    teamLeadId  INTEGER REFERENCES support_agents(agentId),
    hiredAt     TEXT NOT NULL
);
CREATE TABLE products (
    id            INTEGER PRIMARY KEY,
    sku           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    description   TEXT,
    price_cents   INTEGER NOT NULL,
    currency      TEXT NOT NULL DEFAULT 'EUR',
    image_sha256  TEXT,
    created_at    TEXT NOT NULL
);
CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL,
    phone              TEXT,
    first_name         TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    birth_date         TEXT,
    street             TEXT,
    city               TEXT,
    postal_code        TEXT,
    country            TEXT,
    username           TEXT NOT NULL,
    password_hash      TEXT NOT NULL,
    locale             TEXT,
    marketing_consent  INTEGER NOT NULL DEFAULT 0,
    referred_by        INTEGER REFERENCES customers(id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT
);
CREATE TABLE orders (
    id            INTEGER PRIMARY KEY,
    order_number  TEXT NOT NULL UNIQUE,
    customer_id   INTEGER NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
    status        TEXT NOT NULL,
    channel       TEXT,
    total_cents   INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    coupon_code   TEXT,
    created_at    TEXT NOT NULL
);
CREATE TABLE order_items (
    order_id          INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL,
    product_id        INTEGER NOT NULL REFERENCES products(id),
    quantity          INTEGER NOT NULL,
    unit_price_cents  INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE TABLE invoices (
    invoice_no       TEXT PRIMARY KEY,
    order_id         INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    issued_on        TEXT NOT NULL,
    billing_name     TEXT NOT NULL,
    billing_address  TEXT NOT NULL,
    vat_number       TEXT,
    amount_cents     INTEGER NOT NULL,
    vat_rate         REAL NOT NULL,
    pdf_sha256       TEXT NOT NULL
);
CREATE TABLE payments (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL REFERENCES orders(id),
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    method        TEXT NOT NULL,
    iban          TEXT,
    card_number   TEXT,
    card_brand    TEXT,
    amount_cents  INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    status        TEXT NOT NULL,
    latitude      REAL,
    longitude     REAL,
    ip_address    TEXT,
    paid_at       TEXT NOT NULL
);
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL,
    venue              TEXT NOT NULL,
    city               TEXT NOT NULL,
    starts_at          TEXT NOT NULL,
    capacity           INTEGER,
    price_cents        INTEGER,
    organizer_contact  TEXT
);
CREATE TABLE event_registrations (
    id                 INTEGER PRIMARY KEY,
    event_id           INTEGER NOT NULL REFERENCES events(id),
    client_id          INTEGER REFERENCES customers(id),
    nom                TEXT NOT NULL,
    prenom             TEXT NOT NULL,
    courriel           TEXT NOT NULL,
    telephone          TEXT,
    adresse            TEXT,
    date_naissance     TEXT,
    accepte_recontact  INTEGER NOT NULL,
    commentaire        TEXT,
    inscrit_le         TEXT NOT NULL
);
CREATE TABLE rooms (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    city              TEXT NOT NULL,
    capacity          INTEGER NOT NULL,
    daily_rate_cents  INTEGER NOT NULL
);
CREATE TABLE room_bookings (
    id              INTEGER PRIMARY KEY,
    booking_ref     TEXT NOT NULL UNIQUE,
    room_id         INTEGER NOT NULL REFERENCES rooms(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    guest_name      TEXT,
    guests          INTEGER NOT NULL,
    check_in        TEXT NOT NULL,
    check_out       TEXT NOT NULL,
    session_cookie  TEXT,
    created_at      TEXT NOT NULL
);
CREATE TABLE support_tickets (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    agent_id     INTEGER REFERENCES support_agents(agentId),
    channel      TEXT,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL,
    opened_at    TEXT NOT NULL,
    closed_at    TEXT
);
CREATE TABLE crm_companies (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    vat_number     TEXT,
    switchboard    TEXT,
    generic_email  TEXT,
    website        TEXT,
    city           TEXT,
    country        TEXT,
    sector         TEXT
);
CREATE TABLE crm_prospects (
    id               INTEGER PRIMARY KEY,
    companyId        INTEGER NOT NULL REFERENCES crm_companies(id),
    contactName      TEXT NOT NULL,
    jobTitle         TEXT,
    workEmail        TEXT,
    workPhone        TEXT,
    linkedinUrl      TEXT,
    leadSource       TEXT,
    ownerAgentId     INTEGER REFERENCES support_agents(agentId),
    lastContactedAt  TEXT
);
CREATE TABLE crm_contracts (
    id                  INTEGER PRIMARY KEY,
    contract_ref        TEXT NOT NULL UNIQUE,
    company_id          INTEGER NOT NULL REFERENCES crm_companies(id),
    signatory_id        INTEGER REFERENCES crm_prospects(id),
    signed_on           TEXT,
    annual_value_cents  INTEGER,
    status              TEXT NOT NULL
);
CREATE TABLE newsletter_lists (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    sender_address  TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE TABLE newsletter_subscriptions (
    list_id          INTEGER NOT NULL REFERENCES newsletter_lists(id),
    email            TEXT NOT NULL,
    first_name       TEXT,
    customer_id      INTEGER REFERENCES customers(id),
    source           TEXT,
    confirmed_ip     TEXT,
    subscribed_at    TEXT NOT NULL,
    unsubscribed_at  TEXT,
    PRIMARY KEY (list_id, email)
);
-- Append-only audit trail: deliberately no primary key (rows are addressed by rowid).
CREATE TABLE consent_log (
    customer_id  INTEGER REFERENCES customers(id),
    purpose      TEXT NOT NULL,
    granted      INTEGER NOT NULL,
    ip_address   TEXT,
    user_agent   TEXT,
    recorded_at  TEXT NOT NULL
);
CREATE TABLE devices (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    device_id     TEXT NOT NULL,
    platform      TEXT,
    os_version    TEXT,
    app_version   TEXT,
    last_ip       TEXT,
    last_seen_at  TEXT
);
CREATE TABLE kyc_checks (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers(id),
    document_type    TEXT NOT NULL,
    document_number  TEXT NOT NULL,
    issuing_country  TEXT,
    verified         INTEGER NOT NULL,
    verified_at      TEXT
);
"""

INDEXES = """
CREATE INDEX customers_email ON customers(email);
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX payments_order ON payments(order_id);
CREATE INDEX tickets_customer ON support_tickets(customer_id);
CREATE INDEX consent_customer ON consent_log(customer_id);
"""

CHUNK = 20_000


class Table:
    """Buffered inserts into one table; ``add`` takes the row as keyword arguments."""

    def __init__(self, con: sqlite3.Connection, name: str, columns: Sequence[str],
                 or_ignore: bool = False, parents: Sequence[Table] = ()) -> None:
        self.con, self.name, self.columns = con, name, tuple(columns)
        #: Tables this one references and that fill at the same time: flushed first,
        #: so that foreign keys (checked immediately) always find their row.
        self.parents = tuple(parents)
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        marks = ", ".join("?" for _ in columns)
        self.sql = f"{verb} INTO {name} ({', '.join(columns)}) VALUES ({marks})"
        self.buf: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, **row: Any) -> int:
        """Queue one row; return its 1-based position (= rowid / integer id)."""
        self.buf.append(tuple(row[c] for c in self.columns))
        self.count += 1
        if len(self.buf) >= CHUNK:
            self.flush()
        return self.count

    def flush(self) -> None:
        for parent in self.parents:
            parent.flush()
        if self.buf:
            self.con.executemany(self.sql, self.buf)
            self.buf.clear()


def open_shop(path: Path) -> sqlite3.Connection:
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.executescript(SCHEMA)
    con.execute("BEGIN")
    return con


def columns_of(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]


def close_shop(con: sqlite3.Connection) -> None:
    con.commit()
    con.executescript(INDEXES)
    problems = con.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign key violations: {problems[:5]}")
    con.execute("VACUUM")
    con.close()


class _LineCounter(io.TextIOBase):
    """Forwards text and counts newlines, so the next record's line is known."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner
        self.lines = 0

    def write(self, s: str) -> int:
        self.lines += s.count("\n")
        return self.inner.write(s)


def _open_text(path: Path, encoding: str, compress: bool) -> TextIO:
    path.parent.mkdir(parents=True, exist_ok=True)
    if compress:
        raw = open(path, "wb")  # noqa: SIM115 - closed by TextLines.close
        # mtime=0 and no file name in the header: same input, same bytes.
        gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
        return io.TextIOWrapper(gz, encoding=encoding, newline="")
    return open(path, "w", encoding=encoding, newline="")


class TextLines:
    """A text file written record by record; ``line`` is where the next one starts."""

    def __init__(self, path: Path, encoding: str = "utf-8", compress: bool = False) -> None:
        self.path = path
        self.fh = _open_text(path, encoding, compress)
        self.counter = _LineCounter(self.fh)

    @property
    def line(self) -> int:
        return self.counter.lines + 1

    def write_line(self, text: str) -> int:
        start = self.line
        self.counter.write(text + "\n")
        return start

    def close(self) -> None:
        self.fh.close()


class CsvFile(TextLines):
    def __init__(self, path: Path, header: Sequence[str], delimiter: str = ",",
                 encoding: str = "utf-8", compress: bool = False) -> None:
        super().__init__(path, encoding, compress)
        self.writer = csv.writer(self.counter, delimiter=delimiter, lineterminator="\r\n"
                                 if encoding == "cp1252" else "\n")
        self.writer.writerow(header)

    def row(self, values: Sequence[Any]) -> int:
        start = self.line
        self.writer.writerow(values)
        return start


class NdjsonFile(TextLines):
    def obj(self, value: dict[str, Any]) -> int:
        return self.write_line(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


class ParquetFile:
    """Rows buffered per column and written as row groups; ``record`` is 0-based."""

    def __init__(self, path: Path, schema: pa.Schema, chunk: int = 50_000) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema, self.chunk = schema, chunk
        self.writer = pq.ParquetWriter(path, schema, compression="zstd")
        self.columns: dict[str, list[Any]] = {name: [] for name in schema.names}
        self.pending = 0
        self.count = 0

    def add(self, row: dict[str, Any]) -> int:
        for name, values in self.columns.items():
            values.append(row[name])
        self.pending += 1
        self.count += 1
        if self.pending >= self.chunk:
            self.flush()
        return self.count - 1

    def flush(self) -> None:
        if self.pending:
            self.writer.write_table(pa.Table.from_pydict(self.columns, schema=self.schema))
            for values in self.columns.values():
                values.clear()
            self.pending = 0

    def close(self) -> None:
        self.flush()
        self.writer.close()
