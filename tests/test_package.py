"""The export package a person reads: plain file names, every column of their rows, no
secret, each field's category, README.txt and index.html in English and French, a
policy that describes all it holds, and a page that renders in a real browser."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pdscan.config import SourceSpec, load_config
from pdscan.errors import UsageError
from pdscan.export import (
    ExportPackage,
    _scrub,
    export_subject,
    secret_category,
    write_package,
)
from pdscan.index import build_index
from pdscan.package.files import file_names
from pdscan.package.text import category_text
from pdscan.policy import load_policy
from tests.conftest import SAMPLE_DB, run_cli

TRUTH = {s["key"]: s for s in json.loads((SAMPLE_DB / "truth.json").read_text())["subjects"]}
SPECS = load_config(SAMPLE_DB / "pdscan.toml").sources
POLICY = load_policy(SAMPLE_DB / "policy.yaml")
ELODIE = TRUTH["elodie-martin-fr"]["query"]["email"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pkg") / "index.db"
    build_index(SPECS, path)
    return path


@pytest.fixture(scope="module")
def elodie(index: Path) -> ExportPackage:
    return export_subject(index, SPECS, POLICY, emails=[ELODIE])


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rows(blob: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(blob.decode("utf-8"))))


# -- the sample policy describes everything sample_db holds -----------------------------

def test_the_sample_policy_describes_every_truth_subject(index: Path) -> None:
    for key, s in TRUTH.items():
        pkg = export_subject(index, SPECS, POLICY, emails=[s["query"]["email"]])
        assert pkg.manifest["categories"], key
        assert pkg.undescribed == [], (key, pkg.undescribed)


def test_an_undescribed_category_stops_the_export(index: Path, tmp_path: Path) -> None:
    import yaml

    doc = yaml.safe_load((SAMPLE_DB / "policy.yaml").read_text())
    del doc["categories"]["user.demographic"], doc["categories"]["user.account"]
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump(doc))
    with pytest.raises(UsageError, match=re.escape("user.account.username, "
                                                   "user.demographic.date_of_birth")):
        export_subject(index, SPECS, load_policy(policy), emails=[ELODIE])
    out = tmp_path / "x.zip"
    args = ("export", "--email", ELODIE, "--index", str(index), "-c", "sample_db/pdscan.toml",
            "--policy", str(policy), "--format", "csv", "--out", str(out))
    res = run_cli(*args)
    assert res.returncode == 2 and not out.exists() and "Traceback" not in res.stderr
    [line] = [ln for ln in res.stderr.splitlines() if "does not describe" in ln]
    assert "user.demographic.language" in line and "--allow-undescribed" in line
    bad = run_cli(*args[:-2], "--out", str(tmp_path / "y.zip"), "--lang", "de")
    assert bad.returncode == 2 and "--lang" in bad.stderr and "Traceback" not in bad.stderr
    res = run_cli(*args, "--allow-undescribed")
    assert res.returncode == 0, res.stderr
    assert "does not describe" in res.stderr
    files = _zip(out)
    assert "Not described by our privacy policy" in files["index.html"].decode()
    manifest = json.loads(files["manifest.json"])
    assert manifest["categories"]["user.demographic.language"]["described"] is False


# -- file names, columns, secrets ---------------------------------------------------------

def test_human_file_names_and_no_locator_column(elodie: ExportPackage, tmp_path: Path) -> None:
    files = _zip(write_package(elodie, "csv", tmp_path / "e.zip"))
    assert {"customers.csv", "orders.csv", "access.log.csv", "clickstream.csv",
            "newsletter.csv", "customers_2019.csv", "payments_export.csv", "index.html",
            "README.txt", "fields.csv", "manifest.json"} <= set(files)
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", n) for n in files)
    manifest = json.loads(files["manifest.json"])
    placed = {f["file"]: f for f in manifest["files"]}
    for name, f in placed.items():
        rows = _rows(files[name])
        assert "locator" not in rows[0]
        assert len(rows) == f["records"] == len(f["locators"])  # row i <-> locators[i]
    assert placed["customers.csv"]["collection"] == "main.customers"


def test_every_column_of_the_persons_rows_and_no_secret(elodie: ExportPackage,
                                                        tmp_path: Path) -> None:
    with sqlite3.connect(f"file:{SAMPLE_DB / 'shop.db'}?mode=ro", uri=True) as c:
        [(secret,)] = c.execute("SELECT password_hash FROM customers WHERE lower(email) = ?",
                                (ELODIE,)).fetchall()
    assert secret.startswith("$")
    for fmt in ("csv", "parquet"):
        files = _zip(write_package(elodie, fmt, tmp_path / f"e.{fmt}.zip"))
        read = (_rows if fmt == "csv" else
                lambda b: pq.read_table(io.BytesIO(b)).to_pylist())
        [customer] = read(files[f"customers.{fmt}"])
        assert {"created_at", "updated_at", "email", "locale"} <= set(customer)
        assert "password_hash" not in customer
        assert all("created_at" in r for r in read(files[f"orders.{fmt}"]))
        assert "time_local" in read(files[f"access.log.{fmt}"])[0]
        assert secret.encode() not in b"".join(files.values()), fmt
    withheld = elodie.manifest["withheld_for_security"]
    assert [(w["collection"], w["field"]) for w in withheld] == [
        ("main.customers", "password_hash")]


@pytest.mark.parametrize("value", [
    "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  # bcrypt
    "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
    "pbkdf2_sha256$260000$abc$KqJv1nQ9p4Yzq2WvGx0uN0H1aM=",  # Django
    "$pbkdf2-sha512$25000$abc$def",  # passlib
    "$6$rounds=5000$salt$abcdefghijk",  # sha512-crypt
    "$scrypt$ln=16,r=8,p=1$abc$def",
])
def test_password_hashes_in_every_format_are_withheld(value: str) -> None:
    assert secret_category("pw", None, value) == "user.authorization.password"
    assert secret_category("notes", None, value) == "user.authorization.password"
    assert secret_category("email", "user.contact.email", "a@b.fr") is None


def test_secrets_by_name_and_inside_json() -> None:
    assert secret_category("password", None, "hunter2") == "user.authorization.password"
    assert secret_category("api_key", None, "k" * 32) == "user.authorization.credentials"
    assert secret_category("remember_token", None, b"\x01" * 20) is not None
    # not secrets: a document's checksum, a date, a hint, a word
    assert secret_category("pdf_sha256", None, "ab" * 32) is None
    assert secret_category("password_changed_at", None, "2024-01-01 10:00:00") is None
    assert secret_category("pass_type", None, "VIP") is None
    held: list[tuple[str, str]] = []
    value = {"login": "elodie", "auth": {"password": "$2b$12$" + "x" * 53, "mfa": True},
             "devices": [{"name": "phone", "push_token": "t" * 40}]}
    clean = _scrub(value, "account", {}, held)
    assert clean == {"login": "elodie", "auth": {"mfa": True}, "devices": [{"name": "phone"}]}
    assert {p for p, _ in held} == {"account.auth.password", "account.devices.push_token"}


def test_secrets_in_any_column_are_never_exported(tmp_path: Path) -> None:
    """Every column of the person's rows is exported, so a secret is caught by its
    category or, where detection gave none (``digest``), by its value: in every format,
    with and without --portable."""
    db = tmp_path / "app.db"
    bcrypt = "$2b$12$" + "Q" * 53
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE members (id INTEGER PRIMARY KEY, email TEXT, full_name TEXT, "
                  "secret_hash TEXT, reset_token TEXT, digest TEXT, joined_on TEXT)")
        c.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (i, f"member{i}@example.org", f"Member Number{i}", bcrypt[:-3] + f"{i:03d}",
             f"{i:04d}" + "f" * 36, f"pbkdf2_sha256$260000$salt{i}$hash{i}", "2024-03-01")
            for i in range(1, 41)])
    spec = SourceSpec("app", f"sqlite:///{db}")
    index = tmp_path / "index.db"
    build_index([spec], index)
    for portable in (False, True):
        pkg = export_subject(index, [spec], POLICY, emails=["member7@example.org"],
                             portable_only=portable, allow_undescribed=True)
        records = [r for colls in pkg.data.values() for v in colls.values()
                   for r in v["records"]]
        if not portable:
            assert records and "joined_on" in records[0]["fields"]
        held = {w["field"] for w in pkg.manifest["withheld_for_security"]}
        assert not records or held >= {"secret_hash", "reset_token", "digest"}
        for fmt in ("json", "csv", "parquet"):
            out = write_package(pkg, fmt, tmp_path / f"m.{fmt}")
            blob = out.read_bytes() if fmt == "json" else b"".join(_zip(out).values())
            for leaked in (bcrypt[:-3] + "007", "0007" + "f" * 36, "salt7$hash7"):
                assert leaked.encode() not in blob, (fmt, portable, leaked)


def test_a_list_of_people_gives_the_person_their_own_entry(index: Path) -> None:
    """crm_export.json: a company account whose `contacts` lists Pieter and colleagues.
    Every column of the row is his, but not his colleagues' entries (Art. 15(4))."""
    pkg = export_subject(index, SPECS, POLICY, emails=[TRUTH["pieter-janssens"]["query"]
                                                       ["email"]])
    [record] = pkg.data["files"]["crm_export.json"]["records"]
    contacts = record["fields"]["contacts"]
    assert [c["email"].lower() for c in contacts["value"]] == [
        "pieter.janssens@vandamme-brouwerij.be"]
    assert contacts["inner_categories"]["title"] == "user.job_title"
    assert "user.job_title" in pkg.manifest["categories"]
    assert any("contacts" in w and "other people left out" in w for w in pkg.warnings)


def test_file_names_are_unique_and_safe() -> None:
    def recs(loc: dict) -> dict:
        return {"records": [{"locator": loc, "fields": {}}]}

    data = {
        "shop": {"main.customers": recs({"pk": {"id": 1}}),
                 "crm.customers": recs({"pk": {"id": 1}}),
                 "main.fields": recs({"pk": {"id": 1}}),
                 "main.données élèves": recs({"rowid": 3})},
        "files": {"exports/Orders 2024.csv.gz": recs({"path": "x", "line": 2}),
                  "../../etc/passwd": recs({"path": "x", "line": 2}),
                  "con.csv": recs({"path": "x", "line": 2})},
        "cache": {"session:*": recs({"key": "session:1"})}}
    names = file_names(data, "csv")
    assert names[("shop", "main.customers")] == "shop-main.customers.csv"
    assert names[("shop", "crm.customers")] == "shop-crm.customers.csv"
    assert names[("shop", "main.fields")] == "fields-2.csv"  # fields.csv is the sidecar
    assert names[("shop", "main.données élèves")] == "donnees_eleves.csv"
    assert names[("files", "exports/Orders 2024.csv.gz")] == "Orders_2024.csv"
    assert names[("files", "../../etc/passwd")] == "passwd.csv"
    assert names[("files", "con.csv")] == "con_.csv"
    assert names[("cache", "session:*")] == "session.csv"
    assert len(set(names.values())) == len(names)


# -- each field's category -----------------------------------------------------------------

def test_csv_and_parquet_carry_each_fields_category(elodie: ExportPackage,
                                                    tmp_path: Path) -> None:
    files = _zip(write_package(elodie, "csv", tmp_path / "e.zip"))
    fields = {(r["file"], r["column"]): r for r in _rows(files["fields.csv"])}
    assert fields[("customers.csv", "email")]["category"] == "user.contact.email"
    assert fields[("customers.csv", "email")]["category_name"] == "User Contact Email"
    assert fields[("customers.csv", "created_at")]["category"] == ""  # still listed
    for name in {f for f, _ in fields}:
        header = next(csv.reader(io.StringIO(files[name].decode())))
        assert {c for f, c in fields if f == name} >= set(header), name
    files = _zip(write_package(elodie, "parquet", tmp_path / "e.pq.zip"))
    schema = pq.read_table(io.BytesIO(files["customers.parquet"])).schema
    meta = schema.field("email").metadata
    assert meta[b"category"] == b"user.contact.email"
    assert meta[b"category_name"] == b"User Contact Email"
    assert not schema.field("created_at").metadata
    assert any(r["file"] == "customers.parquet" for r in _rows(files["fields.csv"]))


# -- README.txt and index.html ------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_readme_and_page_say_it_all_in_words(elodie: ExportPackage, tmp_path: Path,
                                             lang: str) -> None:
    files = _zip(write_package(elodie, "csv", tmp_path / f"e.{lang}.zip", lang))
    readme, page = files["README.txt"].decode(), files["index.html"].decode()
    heading = {"en": "Your rights", "fr": "Vos droits"}[lang]
    complaint = {"en": "Complaint to the supervisory authority",
                 "fr": "Réclamation auprès de l'autorité de contrôle"}[lang]
    for text in (readme, page):
        assert heading in text and complaint in text.replace("&#x27;", "'")
        assert "Autorité de protection des données" in text
        assert ("fideslang" in text) == (lang == "fr")  # the one line on English names
    assert f'<html lang="{lang}">' in page
    assert all(len(line) <= 80 for line in readme.splitlines())
    manifest = json.loads(files["manifest.json"])
    flat = " ".join(readme.split())  # the README is wrapped at 78 columns
    for cat, entry in manifest["categories"].items():
        name, description = category_text(cat)  # fideslang's words, not ours
        assert name in flat and " ".join(description.split()) in flat, cat
        assert description.replace("'", "&#x27;") in page, cat
        holding = {f["file"] for f in manifest["files"] if any(
            r["file"] == f["file"] and r["category"] == cat
            for r in _rows(files["fields.csv"]))}
        section = page.split(f'id="cat-{cat.replace(".", "-").replace("_", "-")}"')[1]
        section = section.split("</li>")[0]
        assert holding and all(f'href="{f}"' in section for f in holding), cat
        for key in ("purposes", "retention"):
            value = entry[key]
            text = "; ".join(value) if isinstance(value, list) else value
            assert " ".join(text.split()) in flat, (cat, key)
    assert "withheld for" in readme.lower() or "retenu pour" in readme.lower()
    assert "password_hash" in readme  # named as withheld, never its value


def test_empty_and_portable_packages_say_so(index: Path, tmp_path: Path) -> None:
    empty = export_subject(index, SPECS, POLICY, emails=["nobody.here@example.org"])
    files = _zip(write_package(empty, "csv", tmp_path / "n.zip", "fr"))
    assert "Nous ne détenons aucune donnée" in files["README.txt"].decode()
    portable = export_subject(index, SPECS, POLICY, emails=[ELODIE], portable_only=True)
    assert portable.manifest["portable_only"] is True
    files = _zip(write_package(portable, "parquet", tmp_path / "p.zip"))
    assert "(Article 20)" in files["README.txt"].decode()
    with pytest.raises(UsageError, match="--lang"):
        write_package(portable, "csv", tmp_path / "x.zip", "de")


def _chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        pytest.fail("chromium is missing: `apt-get install -y chromium` (.ci/run does)")
    return found


EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
                      r"""|<script\b|url\(\s*["']?\s*(?:https?:)?//|@import""", re.IGNORECASE)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_renders_in_a_real_browser(elodie: ExportPackage, tmp_path: Path,
                                            lang: str) -> None:
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(write_package(elodie, "csv", tmp_path / "e.zip", lang)) as z:
        z.extractall(folder)
    page = (folder / "index.html").read_text()
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    links = re.findall(r'href="([^"]+)"', page)
    assert links and all(h.startswith("#") or (folder / h).is_file() for h in links)
    shot = tmp_path / "page.png"
    res = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-background-networking", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,1600",
         f"--screenshot={shot}", (folder / "index.html").as_uri()],
        capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 30_000


def test_a_keyless_row_locator_repeats_no_secret(maria_db: str, tmp_path: Path) -> None:
    """MariaDB table without a key: rows are located by all their values. The package
    must not repeat them there (a password hash, another person's e-mail)."""
    import sqlalchemy as sa

    from pdscan.export import export_subject
    from pdscan.subject import SubjectQuery
    from tests.conftest import engine_for

    eng = engine_for(maria_db)
    with eng.begin() as c:
        c.execute(sa.text("CREATE TABLE members (email VARCHAR(80), referrer VARCHAR(80), "
                          "password_hash VARCHAR(80))"))
        c.execute(sa.text("INSERT INTO members VALUES (:e, :r, :p)"), [
            {"e": f"m{i}@example.com", "r": f"other{i}@example.org",
             "p": "$2b$12$" + "x" * 53} for i in range(20)])
    eng.dispose()
    specs = [SourceSpec("club", maria_db)]
    index = tmp_path / "index.db"
    build_index(specs, index)
    pkg = export_subject(index, specs, load_policy(SAMPLE_DB / "policy.yaml"),
                         SubjectQuery.of(email=["m3@example.com"]), allow_undescribed=True)
    text = json.dumps(pkg.to_dict())
    assert "m3@example.com" in text  # the person's own value, in their fields
    assert "$2b$12$" not in text and "other3@example.org" not in json.dumps(
        [r["locator"] for recs in pkg.data.values() for c in recs.values()
         for r in c["records"]])
