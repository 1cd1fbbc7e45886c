#!/usr/bin/env python3
"""Deterministic generator for the "links" ground-truth benchmark.

Writes seven small SQLite stores (no declared foreign keys at all) and the
ground truth `links.truth.yaml` into the folder of this script:

    /work/main/.venv/bin/python benchmarks/links/make_links.py

The truth is NOT obtained by analysing the databases: while generating, every
column is declared here with its meaning (which table it points at, and in
which role: the row is *about* the referenced person, merely *mentions* a
person acting as staff, is *part of* a parent row, is an *attribute* row of a
person, or is a *plain* reference to a non-personal row).  The per-person row
lists are then derived mechanically from those declarations and from the
values this script itself inserted (see README.md, "How the truth was
decided").

Only the standard library and Faker are used.  All randomness comes from
fixed seeds: running the script twice gives byte-identical files.
"""
from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import unicodedata
import uuid

from faker import Faker

OUT = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Small framework: tables, rows, declared meaning of columns
# --------------------------------------------------------------------------

ROLES = ("owner", "mention", "part_of", "attr", "plain")


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", text.lower()) or "x"


class Table:
    def __init__(self, name, cols, pk):
        self.name = name
        self.cols = cols            # [(name, sqltype)]
        self.colnames = [c for c, _ in cols]
        self.pk = pk or []          # [] = no primary key
        self.rows: list[dict] = []


class Ref:
    def __init__(self, table, column, target, tcol, role, ci):
        self.table, self.column, self.target = table, column, target
        self.tcol, self.role, self.ci = tcol, role, ci


class Poly:
    def __init__(self, table, type_col, id_col, targets, why):
        self.table, self.type_col, self.id_col = table, type_col, id_col
        self.targets = targets      # {type value: (table, role)}
        self.why = why


class Store:
    def __init__(self, name, description, seed, locale, domains):
        self.name = name
        self.description = description
        self.rng = random.Random(seed)
        self.fake = Faker(locale)
        self.fake.seed_instance(seed)
        self.domains = domains
        self.tables: dict[str, Table] = {}
        self.refs: list[Ref] = []
        self.notrefs: list[tuple[str, str, str]] = []
        self.polys: list[Poly] = []
        self.persons: dict[str, str] = {}   # person table -> e-mail column
        self.subjects: list[tuple[str, str]] = []   # (key, email)
        self.used_emails: set[str] = set()

    # -- schema -------------------------------------------------------------
    def table(self, name, cols, pk=None, person_email=None):
        self.tables[name] = Table(name, cols, pk)
        if person_email:
            self.persons[name] = person_email

    def ref(self, table, column, target, role, tcol=None, ci=False):
        assert role in ROLES, role
        t = self.tables[target]
        if tcol is None:
            assert len(t.pk) == 1, (target, t.pk)
            tcol = t.pk[0]
        assert column in self.tables[table].colnames, (table, column)
        assert tcol in t.colnames, (target, tcol)
        self.refs.append(Ref(table, column, target, tcol, role, ci))

    def notref(self, table, column, why):
        assert column in self.tables[table].colnames, (table, column)
        self.notrefs.append((table, column, why))

    def poly(self, table, type_col, id_col, targets, why):
        self.polys.append(Poly(table, type_col, id_col, targets, why))
        self.notref(table, id_col, why)

    def add(self, table, **row):
        t = self.tables[table]
        for k in row:
            assert k in t.colnames, (table, k)
        t.rows.append(row)
        return row

    # -- fake data helpers --------------------------------------------------
    def email(self, first, last, domain=None):
        f, l = slug(first), slug(last)
        style = self.rng.randrange(6)
        local = [f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}", f"{l}.{f}", f"{f}{l[0]}", f"{f}.{l}"][style]
        dom = domain or self.rng.choice(self.domains)
        e, n = f"{local}@{dom}", 2
        while e in self.used_emails:
            e, n = f"{local}{n}@{dom}", n + 1
        self.used_emails.add(e)
        return e

    def person_name(self):
        return self.fake.first_name(), self.fake.last_name()

    def day(self, y0=2022, y1=2024):
        d = self.rng.randint(0, (y1 - y0 + 1) * 365 - 1)
        y = y0 + d // 365
        doy = d % 365
        mlen = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        m = 0
        while doy >= mlen[m]:
            doy -= mlen[m]
            m += 1
        return f"{y:04d}-{m + 1:02d}-{doy + 1:02d}"

    def ts(self, y0=2022, y1=2024):
        return f"{self.day(y0, y1)} {self.rng.randint(7, 19):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}"

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- output -------------------------------------------------------------
    def write_sqlite(self):
        path = os.path.join(OUT, f"{self.name}.sqlite")
        for p in (path, path + "-journal", path + "-wal"):
            if os.path.exists(p):
                os.remove(p)
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=DELETE")
        for t in self.tables.values():
            coldefs = []
            for c, typ in t.cols:
                if t.pk == [c] and typ == "INTEGER":
                    coldefs.append(f'"{c}" INTEGER PRIMARY KEY')
                else:
                    coldefs.append(f'"{c}" {typ}')
            if t.pk and not (len(t.pk) == 1 and dict(t.cols)[t.pk[0]] == "INTEGER"):
                coldefs.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in t.pk) + ")")
            con.execute(f'CREATE TABLE "{t.name}" (\n  ' + ",\n  ".join(coldefs) + "\n)")
            ph = ", ".join("?" for _ in t.colnames)
            con.executemany(
                f'INSERT INTO "{t.name}" ({", ".join(chr(34) + c + chr(34) for c in t.colnames)}) VALUES ({ph})',
                [tuple(r.get(c) for c in t.colnames) for r in t.rows],
            )
        con.commit()
        con.close()


# --------------------------------------------------------------------------
# Truth derivation (from the declarations above, never from a tool)
# --------------------------------------------------------------------------

def norm(v, ci=False):
    if v is None:
        return None
    if isinstance(v, str):
        v = v.strip()
        if ci:
            return v.lower()
        if re.fullmatch(r"-?\d+", v):
            return int(v)
    return v


class Truth:
    CAP = 3  # not_theirs examples kept per (table, column, reason)

    def __init__(self, s: Store):
        self.s = s
        self._idx = {}
        T = s.tables
        self.A = {(t, i): set() for t in T for i in range(len(T[t].rows))}
        self.M = {(t, i): set() for t in T for i in range(len(T[t].rows))}
        for pt, ecol in s.persons.items():
            for i, r in enumerate(T[pt].rows):
                self.A[(pt, i)].add(r[ecol].lower())
        for ref in s.refs:
            if ref.role in ("owner", "mention"):
                assert ref.target in s.persons, (ref.table, ref.column)
                bag = self.A if ref.role == "owner" else self.M
                for i, r in enumerate(T[ref.table].rows):
                    for j in self.resolve(ref, r):
                        bag[(ref.table, i)].add(self.email_of(ref.target, j))
        for p in s.polys:
            for i, r in enumerate(T[p.table].rows):
                tgt = p.targets.get(r.get(p.type_col))
                if not tgt:
                    continue
                ttab, role = tgt
                js = self.lookup(ttab, T[ttab].pk[0], norm(r.get(p.id_col)))
                if role in ("owner", "mention"):
                    bag = self.A if role == "owner" else self.M
                    for j in js:
                        bag[(p.table, i)].add(self.email_of(ttab, j))
        changed = True
        while changed:
            changed = False
            for ref in s.refs:
                if ref.role not in ("part_of", "attr"):
                    continue
                for i, r in enumerate(T[ref.table].rows):
                    for j in self.resolve(ref, r):
                        src, dst = ((ref.target, j), (ref.table, i)) if ref.role == "part_of" else ((ref.table, i), (ref.target, j))
                        if not self.A[src] <= self.A[dst]:
                            self.A[dst] |= self.A[src]
                            changed = True
            for p in s.polys:
                for i, r in enumerate(T[p.table].rows):
                    tgt = p.targets.get(r.get(p.type_col))
                    if not tgt or tgt[1] != "part_of":
                        continue
                    for j in self.lookup(tgt[0], T[tgt[0]].pk[0], norm(r.get(p.id_col))):
                        if not self.A[(tgt[0], j)] <= self.A[(p.table, i)]:
                            self.A[(p.table, i)] |= self.A[(tgt[0], j)]
                            changed = True

    def lookup(self, table, col, value, ci=False):
        key = (table, col, ci)
        if key not in self._idx:
            d = {}
            for i, r in enumerate(self.s.tables[table].rows):
                v = norm(r.get(col), ci)
                if v is not None:
                    d.setdefault(v, []).append(i)
            self._idx[key] = d
        if value is None:
            return []
        return self._idx[key].get(value, [])

    def resolve(self, ref, row):
        return self.lookup(ref.target, ref.tcol, norm(row.get(ref.column), ref.ci), ref.ci)

    def email_of(self, table, i):
        return self.s.tables[table].rows[i][self.s.persons[table]].lower()

    def key(self, table, i):
        t = self.s.tables[table]
        return {c: t.rows[i][c] for c in t.pk}

    def label(self, table, i):
        k = self.key(table, i)
        return f"{table} " + ",".join(str(v) for v in k.values())

    def subject(self, email):
        s, T = self.s, self.s.tables
        e = email.lower()
        rows = [(t, i) for (t, i), a in self.A.items() if T[t].pk and a == {e}]
        rowset = set(rows)
        shared = []
        for (t, i) in self.A:
            if not T[t].pk or (t, i) in rowset:
                continue
            a, m = self.A[(t, i)], self.M[(t, i)]
            if e in a:
                others = sorted(a - {e})
                shared.append(((t, i), "shared: also about " + ", ".join(others)))
            elif e in m:
                shared.append(((t, i), "shared: names this person as staff/contact, but is about "
                               + ", ".join(sorted(a)) if a else
                               "shared: names this person as contact/staff; the row is about no single person"))
        taken = rowset | {x for x, _ in shared}
        nt: list[tuple[tuple[str, int], str]] = []
        seen = set(taken)
        counts: dict = {}

        def add(x, why, bucket):
            if x in seen or not T[x[0]].pk:
                return
            if counts.get(bucket, 0) >= self.CAP:
                return
            counts[bucket] = counts.get(bucket, 0) + 1
            seen.add(x)
            nt.append((x, why))

        own_person_rows = [(t, i) for (t, i) in rows if t in s.persons]
        refcols = {(r.table, r.column): r for r in s.refs}
        notrefcols = {(t, c): w for t, c, w in s.notrefs}
        polycols = {(p.table, p.id_col): p for p in s.polys}
        for (pt, pi) in own_person_rows:
            ptab = T[pt]
            if len(ptab.pk) != 1:
                continue
            v = norm(ptab.rows[pi][ptab.pk[0]])
            # (1) same integer in another person table's key
            if isinstance(v, int):
                for ot in s.persons:
                    if ot == pt:
                        continue
                    for j in self.lookup(ot, T[ot].pk[0], v) if len(T[ot].pk) == 1 else []:
                        if self.email_of(ot, j) != e:
                            add((ot, j), f"{ot} {v} is another person with the same number as the subject's {pt} id", ("samekey", ot))
            # (2) same integer held by a column that does not point at her table
            if isinstance(v, int):
                for tname, t in T.items():
                    for c in t.colnames:
                        r = refcols.get((tname, c))
                        if r is not None and r.target == pt and r.tcol == ptab.pk[0]:
                            continue
                        if tname == pt and c == ptab.pk[0]:
                            continue
                        p = polycols.get((tname, c))
                        why_nr = notrefcols.get((tname, c))
                        if r is None and why_nr is None and p is None:
                            continue
                        for j in self.lookup(tname, c, v):
                            row = t.rows[j]
                            if p is not None:
                                tgt = p.targets.get(row.get(p.type_col))
                                if tgt and tgt[0] == pt:
                                    continue
                                why = f"{p.type_col}={row.get(p.type_col)!r}: {c}={v} is a {tgt[0] if tgt else '?'} id, not the subject's {pt} id"
                            elif r is not None:
                                why = f"{c}={v} points at {r.target} {v}, not at the subject's {pt} row (same integer)"
                            else:
                                why = f"{c}={v} is not a reference ({why_nr}); same integer as the subject's {pt} id"
                            add((tname, j), why, ("int", tname, c))
            # (3) people her own row points at (manager, guardian, referrer...)
            for r in s.refs:
                if r.table == pt and r.role == "mention":
                    for j in self.resolve(r, ptab.rows[pi]):
                        if self.email_of(r.target, j) != e:
                            add((r.target, j), f"the subject's {r.column} points at this {r.target}: another person", ("nb", r.column))
            # (4) other people sharing a plain-referenced parent (same account, department...)
            for r in s.refs:
                if r.table == pt and r.role == "plain":
                    val = norm(ptab.rows[pi].get(r.column), r.ci)
                    if val is None:
                        continue
                    for j in self.lookup(pt, r.column, val, r.ci):
                        if self.email_of(pt, j) != e:
                            add((pt, j), f"same {r.column} as the subject's row, but another person", ("sib", r.column))
        # (5) co-persons of shared rows
        for (x, _) in shared:
            for other in sorted(self.A[x] - {e}):
                for ot, ecol in s.persons.items():
                    for j in self.lookup(ot, ecol, other, True):
                        add((ot, j), f"shares {self.label(*x)} with the subject, but is another person", ("co", ot))
        # (6) rows of other people that point at one of her rows through a plain reference
        for r in s.refs:
            if r.role != "plain":
                continue
            for i, row in enumerate(T[r.table].rows):
                for j in self.resolve(r, row):
                    if (r.target, j) in rowset and self.A[(r.table, i)] and e not in self.A[(r.table, i)]:
                        add((r.table, i), f"{r.column} points at the subject's {self.label(r.target, j)}, but the row belongs to someone else",
                            ("in", r.table, r.column))
        for p in s.polys:
            for i, row in enumerate(T[p.table].rows):
                tgt = p.targets.get(row.get(p.type_col))
                if not tgt or tgt[1] != "plain":
                    continue
                for j in self.lookup(tgt[0], T[tgt[0]].pk[0], norm(row.get(p.id_col))):
                    if (tgt[0], j) in rowset and self.A[(p.table, i)] and e not in self.A[(p.table, i)]:
                        add((p.table, i), f"targets the subject's {self.label(tgt[0], j)}, but the row belongs to someone else",
                            ("inp", p.table))
        # (7) parts of rows that are not hers (two-hop mistakes)
        for (x, why) in list(nt):
            for r in s.refs:
                if r.role != "part_of" or r.target != x[0]:
                    continue
                for i, row in enumerate(T[r.table].rows):
                    if x[1] in self.resolve(r, row) and e not in self.A[(r.table, i)]:
                        add((r.table, i), f"part of {self.label(*x)}, which is not the subject's", ("child", r.table))
        order = {t: n for n, t in enumerate(T)}
        rows.sort(key=lambda x: (order[x[0]], x[1]))
        shared.sort(key=lambda x: (order[x[0][0]], x[0][1]))
        return rows, shared, nt


# --------------------------------------------------------------------------
# Store 1: helpdesk (English, snake_case, dense small integer ids)
# --------------------------------------------------------------------------

def build_helpdesk():
    s = Store("helpdesk",
              "IT helpdesk of a small managed-services firm: customers, staff, addresses, service requests, "
              "reports (English, snake_case, dense small integer ids 1..12)",
              1101, "en_GB", ["example.org", "example.co.uk", "mail.example.net"])
    rng, fk = s.rng, s.fake
    s.table("country", [("code", "TEXT"), ("name", "TEXT")], ["code"])
    s.table("status", [("id", "INTEGER"), ("label", "TEXT")], ["id"])
    s.table("address", [("id", "INTEGER"), ("street", "TEXT"), ("city", "TEXT"), ("postcode", "TEXT"),
                        ("country_code", "TEXT")], ["id"])
    s.table("customer", [("id", "INTEGER"), ("first_name", "TEXT"), ("last_name", "TEXT"), ("email", "TEXT"),
                         ("phone", "TEXT"), ("address_id", "INTEGER"), ("created_at", "TEXT")], ["id"],
            person_email="email")
    s.table("employee", [("id", "INTEGER"), ("full_name", "TEXT"), ("email", "TEXT"), ("phone", "TEXT"),
                         ("floor", "INTEGER"), ("manager_id", "INTEGER"), ("address_id", "INTEGER")], ["id"],
            person_email="email")
    s.table("service_request", [("id", "INTEGER"), ("customer_id", "INTEGER"), ("email", "TEXT"),
                                ("employee_id", "INTEGER"), ("cc_customer_id", "INTEGER"), ("status_id", "INTEGER"),
                                ("priority", "INTEGER"), ("subject", "TEXT"), ("opened_at", "TEXT")], ["id"])
    s.table("report", [("id", "INTEGER"), ("service_request_id", "INTEGER"), ("written_by", "INTEGER"),
                       ("rating", "INTEGER"), ("minutes_spent", "INTEGER"), ("body", "TEXT")], ["id"])
    s.table("request_log", [("request_id", "INTEGER"), ("logged_at", "TEXT"), ("level", "INTEGER"),
                            ("message", "TEXT")], None)
    s.table("crm_sync", [("id", "INTEGER"), ("customer_id", "INTEGER"), ("local_customer", "INTEGER"),
                         ("crm_segment", "TEXT"), ("synced_at", "TEXT")], ["id"])

    for c, n in [("GB", "United Kingdom"), ("IE", "Ireland"), ("FR", "France"), ("DE", "Germany"),
                 ("NL", "Netherlands"), ("US", "United States")]:
        s.add("country", code=c, name=n)
    for i, l in enumerate(["new", "in_progress", "waiting_customer", "closed"], 1):
        s.add("status", id=i, label=l)
    for a in range(1, 19):
        s.add("address", id=a, street=fk.street_address(), city=fk.city(), postcode=fk.postcode(),
              country_code=rng.choice(["GB"] * 6 + ["IE", "FR", "NL", "DE", "US"]))
    perm = rng.sample(range(1, 19), 18)
    cust_addr = {i: perm[i - 1] for i in range(1, 13)}
    cust_addr[9] = cust_addr[4]          # household: customers 4 and 9 live together
    cust_addr[10] = None                 # no address on file
    emp_addr = {j: perm[11 + j] for j in range(1, 7)}
    emp_addr[5] = cust_addr[11]          # employee 5 lives with customer 11
    cust_email = {}
    for i in range(1, 13):
        f, l = s.person_name()
        cust_email[i] = s.email(f, l)
        s.add("customer", id=i, first_name=f, last_name=l, email=cust_email[i], phone=fk.phone_number(),
              address_id=cust_addr[i], created_at=s.ts(2021, 2022))
    emp_email = {}
    managers = {1: None, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3}
    for j in range(1, 7):
        f, l = s.person_name()
        emp_email[j] = s.email(f, l, "staff.example.com")
        s.add("employee", id=j, full_name=f"{f} {l}", email=emp_email[j], phone=fk.phone_number(),
              floor=rng.randint(1, 5), manager_id=managers[j], address_id=emp_addr[j])

    subjects_txt = ["Printer offline", "VPN drops", "Password reset", "Laptop slow", "Mailbox full",
                    "New starter account", "Invoice question", "Backup failed", "Wi-Fi issue", "Licence renewal"]
    for tid in range(1, 73):
        c = rng.randint(1, 12)
        mode = rng.random()
        cid, em = c, None
        if c == 3 or mode < 0.18:          # web-form ticket: only the e-mail identifies the requester
            cid, em = None, cust_email[c]
        elif mode < 0.30:
            em = cust_email[c]
        s.add("service_request", id=tid, customer_id=cid, email=em,
              employee_id=None if rng.random() < 0.1 else rng.randint(1, 6), cc_customer_id=None,
              status_id=rng.randint(1, 4), priority=rng.randint(1, 5), subject=rng.choice(subjects_txt),
              opened_at=s.ts(2023, 2024))
    sr = s.tables["service_request"].rows
    # scripted situations
    sr[16].update(customer_id=1, email=None, cc_customer_id=7, employee_id=2)    # 17: Alice-like c1 cc's c7
    sr[32].update(customer_id=4, email=None, cc_customer_id=9)                   # 33: household ticket
    sr[40].update(customer_id=None, email=cust_email[3].replace(cust_email[3].split("@")[0],
                  cust_email[3].split("@")[0].title()).replace("@mail.example", "@Mail.Example")
                  .replace("@example", "@Example"))                               # 41: e-mail typed with capitals
    sr[5].update(customer_id=1, email=None, employee_id=1)
    sr[6].update(customer_id=None, email=cust_email[3], employee_id=2)
    sr[11].update(customer_id=7, email=cust_email[7], employee_id=4)
    sr[12].update(customer_id=2, email=None, employee_id=1, priority=1)
    for i in range(1, 60):
        if sr[i - 1]["customer_id"] == 1 and i != 17:
            sr[i - 1]["priority"] = 3
    rep_id = 0
    for t in sr:
        if rng.random() < 0.62 or t["id"] in (6, 7, 17, 41):
            rep_id += 1
            s.add("report", id=rep_id, service_request_id=t["id"],
                  written_by=t["employee_id"] or rng.randint(1, 6),
                  rating=None if rng.random() < 0.15 else rng.randint(1, 5),
                  minutes_spent=rng.choice([15, 20, 30, 45, 60, 90, 120, 240]),
                  body=fk.sentence(nb_words=10))
    for t in sr:
        for _ in range(rng.randint(1, 4)):
            s.add("request_log", request_id=t["id"], logged_at=s.ts(2023, 2024), level=rng.randint(1, 3),
                  message=rng.choice(["created", "assigned", "comment added", "status changed", "e-mail sent"]))
    crm = {1: 2204, 2: 7, 3: 118, 4: 1, 5: 3, 7: 41, 8: 4, 9: 268, 11: 12, 12: 73}
    for n, (local, number) in enumerate(crm.items(), 1):
        s.add("crm_sync", id=n, customer_id=number, local_customer=local,
              crm_segment=rng.choice(["SMB", "Enterprise", "Public"]), synced_at=s.ts(2024, 2024))

    s.ref("address", "country_code", "country", "plain")
    s.ref("customer", "address_id", "address", "attr")
    s.ref("employee", "address_id", "address", "attr")
    s.ref("employee", "manager_id", "employee", "mention")
    s.ref("service_request", "customer_id", "customer", "owner")
    s.ref("service_request", "email", "customer", "owner", tcol="email", ci=True)
    s.ref("service_request", "cc_customer_id", "customer", "owner")
    s.ref("service_request", "employee_id", "employee", "mention")
    s.ref("service_request", "status_id", "status", "plain")
    s.ref("report", "service_request_id", "service_request", "part_of")
    s.ref("report", "written_by", "employee", "mention")
    s.ref("request_log", "request_id", "service_request", "part_of")
    s.ref("crm_sync", "local_customer", "customer", "owner")
    s.notref("service_request", "priority", "priority 1-5, overlaps customer ids 1-5, employee ids, status ids")
    s.notref("report", "rating", "1-5 satisfaction score, overlaps customer and employee ids")
    s.notref("report", "minutes_spent", "duration in minutes (15-240); most values are also service_request ids")
    s.notref("employee", "floor", "office floor 1-5, overlaps customer/employee/status ids")
    s.notref("request_log", "level", "log level 1-3")
    s.notref("crm_sync", "customer_id", "number of the customer in the external CRM; half of the values fall in 1..12 by chance")
    s.subjects = [("c1", cust_email[1]), ("c3", cust_email[3]), ("c4", cust_email[4]),
                  ("c7", cust_email[7]), ("e2", emp_email[2])]
    return s


# --------------------------------------------------------------------------
# Store 2: clinique (French naming, code keys, composite keys, 3 hops)
# --------------------------------------------------------------------------

def build_clinique():
    s = Store("clinique",
              "Cabinet médical (French naming): patients, médecins, rendez-vous, ordonnances, factures keyed by "
              "numéro de dossier",
              2202, "fr_FR", ["example.fr", "courriel.example.org", "example.net"])
    rng, fk = s.rng, s.fake
    s.table("specialite", [("code", "TEXT"), ("libelle", "TEXT")], ["code"])
    s.table("salle", [("numero", "INTEGER"), ("etage", "INTEGER"), ("libelle", "TEXT")], ["numero"])
    s.table("mutuelle", [("id", "INTEGER"), ("nom", "TEXT")], ["id"])
    s.table("medecin", [("id_medecin", "INTEGER"), ("nom", "TEXT"), ("prenom", "TEXT"), ("email", "TEXT"),
                        ("telephone", "TEXT"), ("specialite_code", "TEXT"), ("salle_habituelle", "INTEGER")],
            ["id_medecin"], person_email="email")
    s.table("patient", [("id_patient", "INTEGER"), ("numero_dossier", "TEXT"), ("nom", "TEXT"), ("prenom", "TEXT"),
                        ("courriel", "TEXT"), ("telephone", "TEXT"), ("date_naissance", "TEXT"),
                        ("id_medecin_traitant", "INTEGER"), ("id_responsable_legal", "INTEGER"),
                        ("id_mutuelle", "INTEGER"), ("id_client_mutuelle", "INTEGER")],
            ["id_patient"], person_email="courriel")
    s.table("contact_urgence", [("id", "INTEGER"), ("patient_fk", "INTEGER"), ("nom", "TEXT"), ("lien", "TEXT"),
                                ("telephone", "TEXT")], ["id"])
    s.table("rendez_vous", [("id_rdv", "INTEGER"), ("id_patient", "INTEGER"), ("medecin", "INTEGER"),
                            ("salle", "INTEGER"), ("date_heure", "TEXT"), ("statut", "INTEGER"), ("motif", "TEXT")],
            ["id_rdv"])
    s.table("ordonnance", [("id_ordonnance", "INTEGER"), ("rdv_ref", "INTEGER"), ("prescripteur", "INTEGER"),
                           ("date_emission", "TEXT")], ["id_ordonnance"])
    s.table("medicament", [("code_cip", "TEXT"), ("libelle", "TEXT")], ["code_cip"])
    s.table("ligne_ordonnance", [("id_ordonnance", "INTEGER"), ("num_ligne", "INTEGER"), ("code_cip", "TEXT"),
                                 ("quantite", "INTEGER"), ("posologie", "TEXT")], ["id_ordonnance", "num_ligne"])
    s.table("facture", [("numero_facture", "TEXT"), ("dossier", "TEXT"), ("montant_cent", "INTEGER"),
                        ("payee", "INTEGER"), ("id_client", "INTEGER"), ("date_facture", "TEXT")], ["numero_facture"])
    s.table("journal_acces", [("horodatage", "TEXT"), ("utilisateur", "INTEGER"), ("id_patient", "INTEGER"),
                              ("action", "TEXT")], None)

    for c, l in [("GEN", "Médecine générale"), ("CARD", "Cardiologie"), ("DERM", "Dermatologie"),
                 ("PED", "Pédiatrie"), ("ORL", "Oto-rhino-laryngologie")]:
        s.add("specialite", code=c, libelle=l)
    for n in range(1, 9):
        s.add("salle", numero=n, etage=(n - 1) // 3, libelle=f"Salle {n}")
    for i, n in enumerate(["MGEN", "Harmonie Mutuelle", "MAAF Santé", "Malakoff Humanis"], 1):
        s.add("mutuelle", id=i, nom=n)
    med_email = {}
    for m, sp in zip(range(1, 6), ["GEN", "GEN", "CARD", "PED", "DERM"]):
        f, l = s.person_name()
        med_email[m] = s.email(f, l, "cabinet.example.fr")
        s.add("medecin", id_medecin=m, nom=l, prenom=f, email=med_email[m], telephone=fk.phone_number(),
              specialite_code=sp, salle_habituelle=rng.randint(1, 8))
    dossiers = rng.sample(range(10000, 99999), 40)
    pat_email, dossier_of = {}, {}
    children = {23: 2, 31: 2, 17: 8, 36: 14}    # child -> legal guardian (another patient)
    for p in range(1, 41):
        f, l = s.person_name()
        if p in children:
            l = s.tables["patient"].rows[children[p] - 1]["nom"]
        pat_email[p] = s.email(f, l)
        dossier_of[p] = f"DOS-{dossiers[p - 1]}"
        s.add("patient", id_patient=p, numero_dossier=dossier_of[p], nom=l, prenom=f, courriel=pat_email[p],
              telephone=fk.phone_number(),
              date_naissance=s.day(2012, 2019) if p in children else s.day(1945, 2000),
              id_medecin_traitant=None if rng.random() < 0.15 else rng.randint(1, 5),
              id_responsable_legal=children.get(p),
              id_mutuelle=rng.randint(1, 4), id_client_mutuelle=rng.randint(1, 900))
    pr = s.tables["patient"].rows
    pr[6]["id_client_mutuelle"] = 1      # member numbers that collide with patient ids
    pr[11]["id_client_mutuelle"] = 2
    pr[19]["id_client_mutuelle"] = 5
    pr[26]["id_client_mutuelle"] = 9
    cu = list(range(1, 41))
    rng.shuffle(cu)
    for n, p in enumerate(sorted(cu[:28], key=lambda x: rng.random()), 1):
        f, l = s.person_name()
        s.add("contact_urgence", id=n, patient_fk=p, nom=f"{f} {l}",
              lien=rng.choice(["conjoint", "parent", "enfant", "ami(e)", "voisin(e)"]), telephone=fk.phone_number())
    if not any(r["patient_fk"] == 5 for r in s.tables["contact_urgence"].rows):
        s.tables["contact_urgence"].rows[3]["patient_fk"] = 5
    motifs = ["Consultation", "Renouvellement", "Vaccin", "Contrôle tension", "Douleur dorsale", "Bilan annuel",
              "Certificat sport", "Angine"]
    for r in range(1, 161):
        p = rng.randint(1, 40)
        s.add("rendez_vous", id_rdv=r, id_patient=p, medecin=rng.randint(1, 5), salle=rng.randint(1, 8),
              date_heure=s.ts(2023, 2024), statut=rng.choice([0, 1, 2, 2, 2, 3]), motif=rng.choice(motifs))
    rv = s.tables["rendez_vous"].rows
    for idx, p in [(2, 1), (9, 1), (40, 1), (4, 5), (77, 5), (12, 9), (90, 9), (3, 2), (130, 23)]:
        rv[idx].update(id_patient=p, statut=2)
    for m in range(1, 13):
        s.add("medicament", code_cip=f"34009{rng.randint(30000000, 39999999)}",
              libelle=rng.choice(["Paracétamol 1 g", "Amoxicilline 500 mg", "Ibuprofène 400 mg", "Doliprane 500 mg",
                                  "Ventoline", "Levothyrox 50 µg", "Kardégic 75 mg", "Spasfon", "Smecta",
                                  "Augmentin", "Efferalgan", "Daflon"]) + f" ({m})")
    cips = [r["code_cip"] for r in s.tables["medicament"].rows]
    oid = 0
    for r in rv:
        if r["statut"] == 2 and rng.random() < 0.55:
            oid += 1
            s.add("ordonnance", id_ordonnance=oid, rdv_ref=r["id_rdv"],
                  prescripteur=r["medecin"] if rng.random() < 0.9 else rng.randint(1, 5),
                  date_emission=r["date_heure"][:10])
            for ln in range(1, rng.randint(1, 4) + 1):
                s.add("ligne_ordonnance", id_ordonnance=oid, num_ligne=ln, code_cip=rng.choice(cips),
                      quantite=rng.randint(1, 3), posologie=rng.choice(["1 matin et soir", "3 fois par jour",
                                                                        "si douleur", "1 le matin"]))
    seq = 0
    for r in sorted(rv, key=lambda x: x["date_heure"]):
        if r["statut"] == 2:
            seq += 1
            s.add("facture", numero_facture=f"F{r['date_heure'][:4]}-{seq:04d}", dossier=dossier_of[r["id_patient"]],
                  montant_cent=rng.choice([2500, 3000, 5000, 6000]), payee=rng.choice([0, 1, 1, 1]),
                  id_client=rng.randint(1, 250), date_facture=r["date_heure"][:10])
    fa = s.tables["facture"].rows
    for k, v in [(4, 1), (11, 5), (20, 9), (33, 2)]:
        fa[k]["id_client"] = v
    for _ in range(320):
        r = rng.choice(rv)
        s.add("journal_acces", horodatage=s.ts(2023, 2024), utilisateur=r["medecin"], id_patient=r["id_patient"],
              action=rng.choice(["lecture", "lecture", "modification", "impression"]))

    s.ref("medecin", "specialite_code", "specialite", "plain")
    s.ref("medecin", "salle_habituelle", "salle", "plain")
    s.ref("patient", "id_medecin_traitant", "medecin", "mention")
    s.ref("patient", "id_responsable_legal", "patient", "mention")
    s.ref("patient", "id_mutuelle", "mutuelle", "plain")
    s.ref("contact_urgence", "patient_fk", "patient", "owner")
    s.ref("rendez_vous", "id_patient", "patient", "owner")
    s.ref("rendez_vous", "medecin", "medecin", "mention")
    s.ref("rendez_vous", "salle", "salle", "plain")
    s.ref("ordonnance", "rdv_ref", "rendez_vous", "part_of")
    s.ref("ordonnance", "prescripteur", "medecin", "mention")
    s.ref("ligne_ordonnance", "id_ordonnance", "ordonnance", "part_of")
    s.ref("ligne_ordonnance", "code_cip", "medicament", "plain")
    s.ref("facture", "dossier", "patient", "owner", tcol="numero_dossier")
    s.ref("journal_acces", "utilisateur", "medecin", "mention")
    s.ref("journal_acces", "id_patient", "patient", "owner")
    s.notref("patient", "id_client_mutuelle", "member number at the insurer; values 1-900, some fall inside patient ids")
    s.notref("facture", "id_client", "client number in the accounting software, no table here; collides with patient ids")
    s.notref("rendez_vous", "statut", "appointment state 0-3")
    s.notref("ligne_ordonnance", "quantite", "number of boxes 1-3")
    s.notref("ligne_ordonnance", "num_ligne", "line number inside the prescription (part of the key)")
    s.notref("salle", "etage", "floor 0-2")
    s.notref("facture", "payee", "0/1 flag")
    s.subjects = [("p1", pat_email[1]), ("p2", pat_email[2]), ("p5", pat_email[5]), ("p9", pat_email[9])]
    return s


# --------------------------------------------------------------------------
# Store 3: shop (German naming, kunden_nr, composite keys, e-mail key)
# --------------------------------------------------------------------------

def build_shop():
    s = Store("shop",
              "Kleiner Onlineshop (German naming): Kunden, Adressen, Bestellungen, Positionen, Bewertungen, Gutscheine",
              3303, "de_DE", ["example.de", "post.example.org", "example.com"])
    rng, fk = s.rng, s.fake
    s.table("land", [("iso", "TEXT"), ("name", "TEXT")], ["iso"])
    s.table("adresse", [("id", "INTEGER"), ("strasse", "TEXT"), ("plz", "TEXT"), ("ort", "TEXT"),
                        ("land_iso", "TEXT")], ["id"])
    s.table("kunde", [("kunden_nr", "INTEGER"), ("anrede", "TEXT"), ("vorname", "TEXT"), ("nachname", "TEXT"),
                      ("email", "TEXT"), ("telefon", "TEXT"), ("rechnungsadresse_id", "INTEGER"),
                      ("lieferadresse_id", "INTEGER"), ("geworben_von", "INTEGER"), ("newsletter", "INTEGER")],
            ["kunden_nr"], person_email="email")
    s.table("mitarbeiter", [("personal_nr", "INTEGER"), ("name", "TEXT"), ("email", "TEXT"),
                            ("durchwahl", "INTEGER")], ["personal_nr"], person_email="email")
    s.table("kategorie", [("id", "INTEGER"), ("name", "TEXT"), ("parent_id", "INTEGER")], ["id"])
    s.table("artikel", [("artikel_nr", "INTEGER"), ("bezeichnung", "TEXT"), ("preis_cent", "INTEGER"),
                        ("kategorie_id", "INTEGER"), ("hersteller_nr", "INTEGER"), ("lagerplatz", "INTEGER")],
            ["artikel_nr"])
    s.table("bestellung", [("bestell_nr", "INTEGER"), ("kunden_nr", "INTEGER"), ("lieferadresse", "INTEGER"),
                           ("bearbeiter", "INTEGER"), ("status", "INTEGER"), ("bestellt_am", "TEXT"),
                           ("zahlungsart", "TEXT")], ["bestell_nr"])
    s.table("bestellposition", [("bestell_nr", "INTEGER"), ("pos", "INTEGER"), ("artikel_nr", "INTEGER"),
                                ("menge", "INTEGER"), ("einzelpreis_cent", "INTEGER")], ["bestell_nr", "pos"])
    s.table("retourengrund", [("code", "TEXT"), ("text", "TEXT")], ["code"])
    s.table("retoure", [("retoure_nr", "INTEGER"), ("bestell_nr", "INTEGER"), ("artikel_nr", "INTEGER"),
                        ("grund_code", "TEXT"), ("eingang_am", "TEXT")], ["retoure_nr"])
    s.table("bewertung", [("id", "INTEGER"), ("artikel_nr", "INTEGER"), ("kunden_nr", "INTEGER"),
                          ("sterne", "INTEGER"), ("hilfreich", "INTEGER"), ("text", "TEXT")], ["id"])
    s.table("gutschein", [("code", "TEXT"), ("wert_cent", "INTEGER"), ("ausgestellt_von", "INTEGER"),
                          ("eingeloest_von", "TEXT"), ("eingeloest_am", "TEXT")], ["code"])
    s.table("wunschliste", [("kunden_nr", "TEXT"), ("artikel_nr", "INTEGER"), ("hinzugefuegt_am", "TEXT")], None)

    for iso, n in [("DE", "Deutschland"), ("AT", "Österreich"), ("CH", "Schweiz")]:
        s.add("land", iso=iso, name=n)
    n_kunden = 28
    addr_ids = rng.sample(range(1, 41), 36)
    aid = iter(addr_ids)
    for a in sorted(addr_ids):
        s.add("adresse", id=a, strasse=fk.street_address(), plz=fk.postcode(), ort=fk.city(),
              land_iso=rng.choice(["DE"] * 7 + ["AT", "CH"]))
    kemail, kaddr = {}, {}
    for k in range(1, n_kunden + 1):
        f, l = s.person_name()
        if k == 5:
            l = s.tables["kunde"].rows[1]["nachname"]       # married to customer 2
        kemail[k] = s.email(f, l)
        ra = next(aid)
        la = ra if rng.random() < 0.8 else next(aid)
        if k == 5:
            ra = la = kaddr[2][0]                         # shared household address
        kaddr[k] = (ra, la)
        s.add("kunde", kunden_nr=k, anrede=rng.choice(["Frau", "Herr", "Divers"]), vorname=f, nachname=l,
              email=kemail[k], telefon=fk.phone_number(), rechnungsadresse_id=ra, lieferadresse_id=la,
              geworben_von=None, newsletter=rng.choice([0, 1]))
    kr = s.tables["kunde"].rows
    kr[4]["geworben_von"] = 1     # Kunde 5 was referred by Kunde 1
    kr[11]["geworben_von"] = 1
    kr[19]["geworben_von"] = 8
    kr[7]["geworben_von"] = 3
    memail = {}
    for m in range(1, 6):
        f, l = s.person_name()
        memail[m] = s.email(f, l, "team.example.de")
        s.add("mitarbeiter", personal_nr=m, name=f"{f} {l}", email=memail[m], durchwahl=10 + m * 3)
    cats = [("Elektronik", None), ("Haushalt", None), ("Garten", None), ("Kopfhörer", 1), ("Kabel", 1),
            ("Küche", 2), ("Werkzeug", 3), ("Bewässerung", 3)]
    for i, (n, p) in enumerate(cats, 1):
        s.add("kategorie", id=i, name=n, parent_id=p)
    names = ["Bluetooth-Kopfhörer", "USB-C Kabel 2m", "Wasserkocher", "Gartenschere", "Akkuschrauber",
             "Schneidebrett", "Gießkanne 10l", "HDMI Kabel", "Toaster", "Handrasenmäher", "Messerset",
             "In-Ear Kopfhörer", "Rasensprenger", "Kaffeemühle", "Steckdosenleiste", "Spaten", "Bohrer-Set",
             "Pfannenwender", "Schlauchtrommel", "Ladegerät"]
    for a, n in enumerate(names, 1):
        s.add("artikel", artikel_nr=a, bezeichnung=n, preis_cent=rng.randint(5, 150) * 100 - 1,
              kategorie_id=rng.randint(4, 8), hersteller_nr=rng.randint(1, 12), lagerplatz=rng.randint(1, 30))
    prices = {r["artikel_nr"]: r["preis_cent"] for r in s.tables["artikel"].rows}
    for b in range(1, 96):
        k = rng.randint(1, n_kunden)
        s.add("bestellung", bestell_nr=b, kunden_nr=k, lieferadresse=kaddr[k][1],
              bearbeiter=rng.randint(1, 5), status=rng.randint(1, 5), bestellt_am=s.ts(2023, 2024),
              zahlungsart=rng.choice(["Rechnung", "PayPal", "Kreditkarte", "Lastschrift"]))
    br = s.tables["bestellung"].rows
    for idx, k in [(0, 2), (4, 1), (13, 1), (27, 5), (50, 8), (61, 2), (70, 5)]:
        br[idx].update(kunden_nr=k, lieferadresse=kaddr[k][1])
    for b in br:
        for p in range(1, rng.randint(1, 4) + 1):
            a = rng.randint(1, len(names))
            s.add("bestellposition", bestell_nr=b["bestell_nr"], pos=p, artikel_nr=a, menge=rng.randint(1, 5),
                  einzelpreis_cent=prices[a])
    for c, t in [("DEF", "defekt"), ("GRO", "falsche Größe"), ("GEF", "gefällt nicht"), ("FAL", "falscher Artikel")]:
        s.add("retourengrund", code=c, text=t)
    pos_rows = s.tables["bestellposition"].rows
    rn = 0
    for prow in pos_rows:
        if rng.random() < 0.08 or (prow["bestell_nr"] == 14 and prow["pos"] == 1):
            rn += 1
            s.add("retoure", retoure_nr=rn, bestell_nr=prow["bestell_nr"], artikel_nr=prow["artikel_nr"],
                  grund_code=rng.choice(["DEF", "GRO", "GEF", "FAL"]), eingang_am=s.day(2024, 2024))
    for i in range(1, 56):
        s.add("bewertung", id=i, artikel_nr=rng.randint(1, len(names)), kunden_nr=rng.randint(1, n_kunden),
              sterne=rng.randint(1, 5), hilfreich=rng.randint(0, 9), text=fk.sentence(nb_words=8))
    bw = s.tables["bewertung"].rows
    bw[3]["kunden_nr"] = 1
    bw[20]["kunden_nr"] = 5
    bw[21]["kunden_nr"] = 2
    for g in range(30):
        code = "GS-" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
        red = rng.random() < 0.6
        s.add("gutschein", code=code, wert_cent=rng.choice([500, 1000, 2500]), ausgestellt_von=rng.randint(1, 5),
              eingeloest_von=kemail[rng.randint(1, n_kunden)] if red else None,
              eingeloest_am=s.day(2024, 2024) if red else None)
    gs = s.tables["gutschein"].rows
    gs[2].update(eingeloest_von=kemail[8], eingeloest_am="2024-03-02")
    gs[9].update(eingeloest_von=kemail[8], eingeloest_am="2024-06-18")
    gs[14].update(eingeloest_von=kemail[1], eingeloest_am="2024-02-11")
    for _ in range(60):
        s.add("wunschliste", kunden_nr=str(rng.randint(1, n_kunden)), artikel_nr=rng.randint(1, len(names)),
              hinzugefuegt_am=s.day(2023, 2024))

    s.ref("adresse", "land_iso", "land", "plain")
    s.ref("kunde", "rechnungsadresse_id", "adresse", "attr")
    s.ref("kunde", "lieferadresse_id", "adresse", "attr")
    s.ref("kunde", "geworben_von", "kunde", "mention")
    s.ref("kategorie", "parent_id", "kategorie", "plain")
    s.ref("artikel", "kategorie_id", "kategorie", "plain")
    s.ref("bestellung", "kunden_nr", "kunde", "owner")
    s.ref("bestellung", "lieferadresse", "adresse", "plain")
    s.ref("bestellung", "bearbeiter", "mitarbeiter", "mention")
    s.ref("bestellposition", "bestell_nr", "bestellung", "part_of")
    s.ref("bestellposition", "artikel_nr", "artikel", "plain")
    s.ref("retoure", "bestell_nr", "bestellung", "part_of")
    s.ref("retoure", "artikel_nr", "artikel", "plain")
    s.ref("retoure", "grund_code", "retourengrund", "plain")
    s.ref("bewertung", "artikel_nr", "artikel", "plain")
    s.ref("bewertung", "kunden_nr", "kunde", "owner")
    s.ref("gutschein", "ausgestellt_von", "mitarbeiter", "mention")
    s.ref("gutschein", "eingeloest_von", "kunde", "owner", tcol="email", ci=True)
    s.ref("wunschliste", "kunden_nr", "kunde", "owner")
    s.ref("wunschliste", "artikel_nr", "artikel", "plain")
    s.notref("artikel", "hersteller_nr", "manufacturer number 1-12, there is no manufacturer table")
    s.notref("artikel", "lagerplatz", "shelf number 1-30")
    s.notref("bestellung", "status", "order state 1-5, no status table")
    s.notref("bestellposition", "menge", "quantity 1-5")
    s.notref("bestellposition", "pos", "line number inside the order (part of the key)")
    s.notref("bewertung", "sterne", "1-5 stars, overlaps Kundennummern and Artikelnummern")
    s.notref("bewertung", "hilfreich", "helpful-vote counter 0-9")
    s.notref("mitarbeiter", "durchwahl", "phone extension 13-25, inside the Kunden range")
    s.notref("kunde", "newsletter", "0/1 flag")
    s.subjects = [("k1", kemail[1]), ("k2", kemail[2]), ("k5", kemail[5]), ("k8", kemail[8])]
    return s


# --------------------------------------------------------------------------
# Store 4: saas (camelCase, UUID text keys, polymorphic audit log)
# --------------------------------------------------------------------------

def build_saas():
    s = Store("saas",
              "B2B SaaS (camelCase): accounts, users with UUID ids, workspaces, documents, comments, "
              "polymorphic audit log, e-mail keyed newsletter table",
              4404, "en_US", ["example.com", "corp.example.net", "example.io"])
    rng, fk = s.rng, s.fake
    s.table("plan", [("code", "TEXT"), ("seatLimit", "INTEGER"), ("priceCents", "INTEGER")], ["code"])
    s.table("account", [("id", "TEXT"), ("name", "TEXT"), ("planCode", "TEXT"), ("stripeCustomerId", "TEXT"),
                        ("createdAt", "TEXT")], ["id"])
    s.table("users", [("id", "TEXT"), ("accountId", "TEXT"), ("email", "TEXT"), ("displayName", "TEXT"),
                      ("role", "TEXT"), ("invitedBy", "TEXT"), ("createdAt", "TEXT")], ["id"], person_email="email")
    s.table("user_profile", [("userId", "TEXT"), ("timezone", "TEXT"), ("phone", "TEXT"), ("bio", "TEXT"),
                             ("avatarUrl", "TEXT")], ["userId"])
    s.table("workspace", [("id", "INTEGER"), ("accountId", "TEXT"), ("name", "TEXT"), ("owner", "TEXT"),
                          ("sortOrder", "INTEGER")], ["id"])
    s.table("membership", [("workspaceId", "INTEGER"), ("userId", "TEXT"), ("role", "TEXT"),
                           ("joinedAt", "TEXT")], None)
    s.table("api_token", [("id", "INTEGER"), ("userId", "TEXT"), ("tokenPrefix", "TEXT"), ("scopes", "TEXT"),
                          ("lastUsedAt", "TEXT")], ["id"])
    s.table("document", [("id", "INTEGER"), ("workspaceId", "INTEGER"), ("createdBy", "TEXT"),
                         ("lastEditedBy", "TEXT"), ("title", "TEXT"), ("revision", "INTEGER")], ["id"])
    s.table("comment", [("id", "INTEGER"), ("documentId", "INTEGER"), ("authorId", "TEXT"),
                        ("parentCommentId", "INTEGER"), ("body", "TEXT"), ("createdAt", "TEXT")], ["id"])
    s.table("audit_event", [("id", "INTEGER"), ("actorId", "TEXT"), ("action", "TEXT"), ("targetType", "TEXT"),
                            ("targetId", "TEXT"), ("ip", "TEXT"), ("createdAt", "TEXT")], ["id"])
    s.table("invoice", [("id", "TEXT"), ("accountId", "TEXT"), ("billingEmail", "TEXT"), ("amountCents", "INTEGER"),
                        ("issuedAt", "TEXT")], ["id"])
    s.table("newsletter_subscription", [("email", "TEXT"), ("source", "TEXT"), ("subscribedAt", "TEXT")], ["email"])

    for c, seats, price in [("free", 3, 0), ("pro", 10, 1200), ("team", 50, 4900), ("enterprise", 500, 19900)]:
        s.add("plan", code=c, seatLimit=seats, priceCents=price)
    accounts = []
    for _ in range(5):
        a = s.uuid()
        accounts.append(a)
        s.add("account", id=a, name=fk.company(), planCode=rng.choice(["free", "pro", "team", "team", "enterprise"]),
              stripeCustomerId="cus_" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                                                 for _ in range(14)), createdAt=s.ts(2021, 2022))
    users, by_acc, uemail = [], {a: [] for a in accounts}, {}
    for n in range(34):
        acc = accounts[n % 5] if n < 10 else rng.choice(accounts)
        f, l = s.person_name()
        uid = s.uuid()
        e = s.email(f, l)
        inv = rng.choice(by_acc[acc]) if by_acc[acc] and rng.random() < 0.7 else None
        s.add("users", id=uid, accountId=acc, email=e, displayName=f"{f} {l}",
              role="admin" if not by_acc[acc] else rng.choice(["member", "member", "viewer", "admin"]),
              invitedBy=inv, createdAt=s.ts(2022, 2023))
        users.append(uid)
        by_acc[acc].append(uid)
        uemail[uid] = e
    ur = s.tables["users"].rows
    # one person (same e-mail) has a second user row in another account (consultant)
    dup = ur[7]
    dup_uid = s.uuid()
    other_acc = accounts[(accounts.index(dup["accountId"]) + 2) % 5]
    s.add("users", id=dup_uid, accountId=other_acc, email=dup["email"], displayName=dup["displayName"],
          role="viewer", invitedBy=by_acc[other_acc][0], createdAt=s.ts(2024, 2024))
    users.append(dup_uid)
    by_acc[other_acc].append(dup_uid)
    uemail[dup_uid] = dup["email"]
    u_of = {r["id"]: r for r in s.tables["users"].rows}
    for uid in users:
        if rng.random() < 0.85 or uid in (ur[0]["id"], ur[3]["id"]):
            s.add("user_profile", userId=uid, timezone=rng.choice(["Europe/Berlin", "America/New_York", "UTC",
                                                                    "Asia/Tokyo", "Europe/London"]),
                  phone=fk.phone_number() if rng.random() < 0.6 else None, bio=fk.sentence(nb_words=6),
                  avatarUrl=f"https://cdn.example.com/avatars/{uid[:8]}.png")
    ws_acc = {}
    for w in range(1, 11):
        acc = accounts[(w - 1) % 5]
        ws_acc[w] = acc
        s.add("workspace", id=w, accountId=acc, name=rng.choice(["Marketing", "Engineering", "Sales", "Ops",
                                                                  "Design", "Legal"]) + f" {w}",
              owner=rng.choice(by_acc[acc]), sortOrder=rng.randint(1, 5))
    members = {w: [] for w in ws_acc}
    for w, acc in ws_acc.items():
        for uid in by_acc[acc]:
            if rng.random() < 0.75 or not members[w]:
                members[w].append(uid)
                s.add("membership", workspaceId=w, userId=uid, role=rng.choice(["editor", "viewer", "owner"]),
                      joinedAt=s.ts(2022, 2024))
    tid = 0
    for uid in users:
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            tid += 1
            s.add("api_token", id=tid, userId=uid, tokenPrefix="tok_" + "".join(rng.choice("0123456789abcdef")
                                                                             for _ in range(8)),
                  scopes=rng.choice(["read", "read,write", "admin"]), lastUsedAt=s.ts(2024, 2024))
    docs = []
    for d in range(1, 131):
        w = rng.randint(1, 10)
        a = rng.choice(members[w])
        ed = a if rng.random() < 0.5 else rng.choice(members[w])
        docs.append((d, w, a))
        s.add("document", id=d, workspaceId=w, createdBy=a, lastEditedBy=ed,
              title=fk.catch_phrase(), revision=rng.randint(1, 9))
    for c in range(1, 281):
        d, w, a = rng.choice(docs)
        au = rng.choice(members[w])
        parent = rng.randint(1, c - 1) if c > 5 and rng.random() < 0.3 else None
        if parent is not None:
            prow = s.tables["comment"].rows[parent - 1]
            d = prow["documentId"]
            au = rng.choice(members[docs[d - 1][1]])
        s.add("comment", id=c, documentId=d, authorId=au, parentCommentId=parent, body=fk.sentence(nb_words=9),
              createdAt=s.ts(2023, 2024))
    cm = s.tables["comment"].rows
    actions = {"document": ["document.view", "document.edit", "document.share"],
               "workspace": ["workspace.rename", "workspace.invite"],
               "user": ["user.role_change", "user.update_profile", "user.reset_password"],
               "comment": ["comment.delete", "comment.resolve"]}
    for e in range(1, 1301):
        tt = rng.choice(["document"] * 5 + ["workspace", "user", "user", "comment"])
        actor = rng.choice(users)
        acc = u_of[actor]["accountId"]
        if tt == "document":
            cand = [d for d, w, _ in docs if ws_acc[w] == acc] or [1]
            target = str(rng.choice(cand))
        elif tt == "workspace":
            target = str(rng.choice([w for w, a in ws_acc.items() if a == acc]))
        elif tt == "user":
            target = actor if rng.random() < 0.4 else rng.choice(by_acc[acc])
        else:
            target = str(rng.randint(1, len(cm)))
        act = rng.choice(actions[tt])
        if tt == "user" and target == actor:
            act = "user.update_profile"
        s.add("audit_event", id=e, actorId=actor, action=act, targetType=tt, targetId=target,
              ip=f"198.51.100.{rng.randint(1, 254)}", createdAt=s.ts(2024, 2024))
    inv = 0
    billing = {a: by_acc[a][0] for a in accounts}
    billing[accounts[2]] = by_acc[accounts[2]][1] if len(by_acc[accounts[2]]) > 1 else by_acc[accounts[2]][0]
    for m in range(1, 7):
        for a in accounts:
            inv += 1
            s.add("invoice", id=f"INV-2024-{inv:04d}", accountId=a, billingEmail=uemail[billing[a]],
                  amountCents=rng.choice([0, 1200, 4900, 19900]), issuedAt=f"2024-{m:02d}-01")
    subs = sorted(set(rng.sample(users, 16)) | {ur[0]["id"], ur[3]["id"], ur[7]["id"]}, key=users.index)
    for uid in subs:
        s.add("newsletter_subscription", email=uemail[uid], source=rng.choice(["signup", "footer", "webinar"]),
              subscribedAt=s.ts(2022, 2024))

    s.ref("account", "planCode", "plan", "plain")
    s.ref("users", "accountId", "account", "plain")
    s.ref("users", "invitedBy", "users", "mention")
    s.ref("user_profile", "userId", "users", "owner")
    s.ref("workspace", "accountId", "account", "plain")
    s.ref("workspace", "owner", "users", "mention")
    s.ref("membership", "workspaceId", "workspace", "plain")
    s.ref("membership", "userId", "users", "owner")
    s.ref("api_token", "userId", "users", "owner")
    s.ref("document", "workspaceId", "workspace", "plain")
    s.ref("document", "createdBy", "users", "owner")
    s.ref("document", "lastEditedBy", "users", "mention")
    s.ref("comment", "documentId", "document", "plain")
    s.ref("comment", "authorId", "users", "owner")
    s.ref("comment", "parentCommentId", "comment", "plain")
    s.ref("audit_event", "actorId", "users", "owner")
    s.ref("invoice", "accountId", "account", "plain")
    s.ref("invoice", "billingEmail", "users", "mention", tcol="email", ci=True)
    s.ref("newsletter_subscription", "email", "users", "owner", tcol="email", ci=True)
    s.poly("audit_event", "targetType", "targetId",
           {"document": ("document", "plain"), "workspace": ("workspace", "plain"), "user": ("users", "owner"),
            "comment": ("comment", "plain")},
           "polymorphic: targetType says whether targetId is a document id, workspace id, comment id or user UUID")
    s.notref("account", "stripeCustomerId", "id of the customer at the payment provider (cus_...), no table here")
    s.notref("workspace", "sortOrder", "display order 1-5, overlaps workspace and document ids")
    s.notref("document", "revision", "revision counter 1-9, overlaps workspace ids")
    first = s.tables["users"].rows
    taken = {first[0]["email"], first[3]["email"], dup["email"], first[15]["email"]}
    bill = next(uemail[billing[a]] for a in accounts if uemail[billing[a]] not in taken)
    s.subjects = [("u-admin0", first[0]["email"]), ("u3", first[3]["email"]), ("u-consultant", dup["email"]),
                  ("u-billing", bill), ("u15", first[15]["email"])]
    return s


# --------------------------------------------------------------------------
# Store 5: escuela (Spanish naming, guardians, teacher who is also a parent)
# --------------------------------------------------------------------------

def build_escuela():
    s = Store("escuela",
              "Colegio (Spanish naming): alumnos, tutores legales, profesores, asignaturas, matrículas, "
              "calificaciones, mensajes, pagos del comedor",
              5505, "es_ES", ["example.es", "correo.example.org", "example.com"])
    rng, fk = s.rng, s.fake
    s.table("departamento", [("id", "INTEGER"), ("nombre", "TEXT")], ["id"])
    s.table("profesor", [("id", "INTEGER"), ("nombre", "TEXT"), ("apellidos", "TEXT"), ("correo", "TEXT"),
                         ("telefono", "TEXT"), ("departamento_id", "INTEGER"), ("despacho", "INTEGER")], ["id"],
            person_email="correo")
    s.table("tutor", [("id", "INTEGER"), ("nombre", "TEXT"), ("apellidos", "TEXT"), ("correo", "TEXT"),
                      ("telefono", "TEXT"), ("dni", "TEXT")], ["id"], person_email="correo")
    s.table("alumno", [("id", "INTEGER"), ("nombre", "TEXT"), ("apellidos", "TEXT"), ("correo", "TEXT"),
                       ("fecha_nacimiento", "TEXT"), ("id_tutor", "INTEGER"), ("tutor2_id", "INTEGER"),
                       ("curso_actual", "INTEGER")], ["id"], person_email="correo")
    s.table("asignatura", [("codigo", "TEXT"), ("nombre", "TEXT"), ("profesor_ref", "INTEGER"), ("aula", "INTEGER"),
                           ("horas_semana", "INTEGER")], ["codigo"])
    s.table("matricula", [("id", "INTEGER"), ("alumno_id", "INTEGER"), ("asignatura_codigo", "TEXT"),
                          ("anio", "INTEGER"), ("grupo", "TEXT")], ["id"])
    s.table("calificacion", [("id", "INTEGER"), ("matricula_id", "INTEGER"), ("trimestre", "INTEGER"),
                             ("nota", "INTEGER"), ("evaluado_por", "INTEGER")], ["id"])
    s.table("falta_asistencia", [("id", "INTEGER"), ("alumno", "INTEGER"), ("fecha", "TEXT"),
                                 ("justificada", "INTEGER"), ("registrada_por", "INTEGER")], ["id"])
    s.table("mensaje", [("id", "INTEGER"), ("remitente_correo", "TEXT"), ("profesor_id", "INTEGER"),
                        ("sobre_alumno", "INTEGER"), ("asunto", "TEXT"), ("enviado", "TEXT")], ["id"])
    s.table("pago_comedor", [("id", "INTEGER"), ("alumno_id", "INTEGER"), ("correo_tutor", "TEXT"),
                             ("mes", "INTEGER"), ("importe_cent", "INTEGER")], ["id"])

    for i, n in enumerate(["Ciencias", "Letras", "Idiomas", "Educación Física"], 1):
        s.add("departamento", id=i, nombre=n)
    pemail = {}
    for p in range(1, 9):
        f, l = s.fake.first_name(), f"{s.fake.last_name()} {s.fake.last_name()}"
        pemail[p] = s.email(f, l.split()[0], "colegio.example.es")
        s.add("profesor", id=p, nombre=f, apellidos=l, correo=pemail[p], telefono=s.fake.phone_number(),
              departamento_id=rng.randint(1, 4), despacho=rng.randint(1, 12))
    temail = {}
    n_tut = 28
    for t in range(1, n_tut + 1):
        if t == 12:   # profesor 3 is also the legal guardian of two pupils: same person, same e-mail
            pr = s.tables["profesor"].rows[2]
            s.add("tutor", id=t, nombre=pr["nombre"], apellidos=pr["apellidos"], correo=pr["correo"],
                  telefono=pr["telefono"], dni=f"{rng.randint(10000000, 99999999)}{rng.choice('TRWAGMYFPDXBNJZSQVHLCKE')}")
            temail[t] = pr["correo"]
            continue
        f, l = s.fake.first_name(), f"{s.fake.last_name()} {s.fake.last_name()}"
        temail[t] = s.email(f, l.split()[0])
        s.add("tutor", id=t, nombre=f, apellidos=l, correo=temail[t], telefono=s.fake.phone_number(),
              dni=f"{rng.randint(10000000, 99999999)}{rng.choice('TRWAGMYFPDXBNJZSQVHLCKE')}")
    aemail = {}
    guardians = {}
    for a in range(1, 46):
        t1 = rng.randint(1, n_tut)
        if a in (1, 4):
            t1 = 6            # siblings 1 and 4 share guardian 6
        if a in (7, 19):
            t1 = 12           # children of profesor 3
        t2 = rng.randint(1, n_tut) if rng.random() < 0.3 else None
        if a == 1:
            t2 = 9
        if t2 == t1:
            t2 = None
        guardians[a] = (t1, t2)
        tut = s.tables["tutor"].rows[t1 - 1]
        f = s.fake.first_name()
        l = tut["apellidos"]
        aemail[a] = s.email(f, l.split()[0], "alumnos.colegio.example.es")
        s.add("alumno", id=a, nombre=f, apellidos=l, correo=aemail[a], fecha_nacimiento=s.day(2008, 2016),
              id_tutor=t1, tutor2_id=t2, curso_actual=rng.randint(1, 6))
    asig = [("MAT-1", "Matemáticas I"), ("MAT-2", "Matemáticas II"), ("LEN-1", "Lengua castellana"),
            ("ING-1", "Inglés"), ("FRA-1", "Francés"), ("BIO-1", "Biología"), ("HIS-1", "Historia"),
            ("EF-1", "Educación física"), ("FIS-1", "Física y química")]
    for c, n in asig:
        s.add("asignatura", codigo=c, nombre=n, profesor_ref=rng.randint(1, 8), aula=rng.randint(1, 12),
              horas_semana=rng.randint(2, 5))
    prof_of = {r["codigo"]: r["profesor_ref"] for r in s.tables["asignatura"].rows}
    mid = 0
    for a in range(1, 46):
        for c, _ in rng.sample(asig, rng.randint(3, 6)):
            mid += 1
            s.add("matricula", id=mid, alumno_id=a, asignatura_codigo=c, anio=2024,
                  grupo=rng.choice(["A", "B", "C"]))
    cid = 0
    for m in s.tables["matricula"].rows:
        for tri in range(1, rng.randint(1, 3) + 1):
            cid += 1
            s.add("calificacion", id=cid, matricula_id=m["id"], trimestre=tri, nota=rng.randint(1, 10),
                  evaluado_por=prof_of[m["asignatura_codigo"]])
    for f in range(1, 121):
        s.add("falta_asistencia", id=f, alumno=rng.randint(1, 45), fecha=s.day(2024, 2024),
              justificada=rng.choice([0, 1]), registrada_por=rng.randint(1, 8))
    for idx, a in [(5, 1), (6, 1), (30, 4), (44, 7)]:
        s.tables["falta_asistencia"].rows[idx]["alumno"] = a
    asuntos = ["Cita con el tutor", "Justificación de falta", "Excursión", "Duda sobre los deberes",
               "Reunión de padres", "Horario del comedor"]
    for m in range(1, 71):
        a = rng.randint(1, 45)
        t = rng.choice([x for x in guardians[a] if x])
        about = a if rng.random() < 0.75 else None
        s.add("mensaje", id=m, remitente_correo=temail[t], profesor_id=rng.randint(1, 8), sobre_alumno=about,
              asunto=rng.choice(asuntos), enviado=s.ts(2024, 2024))
    ms = s.tables["mensaje"].rows
    ms[2].update(remitente_correo=temail[6], sobre_alumno=None, asunto="Horario del comedor")
    ms[8].update(remitente_correo=temail[6], sobre_alumno=1)
    ms[9].update(remitente_correo=temail[12], sobre_alumno=7, profesor_id=5)
    ms[10].update(remitente_correo=temail[12], sobre_alumno=None, profesor_id=1)
    pid = 0
    canteen_no = {a: rng.randint(1, 400) for a in range(1, 46)}
    canteen_no[20], canteen_no[33], canteen_no[7], canteen_no[2] = 1, 4, 19, 7
    for a in range(1, 46):
        if rng.random() < 0.4 or a in (1, 4, 7, 19, 20, 33, 2):
            t = guardians[a][0]
            for mes in (9, 10, 11):
                pid += 1
                s.add("pago_comedor", id=pid, alumno_id=canteen_no[a], correo_tutor=temail[t], mes=mes,
                      importe_cent=rng.choice([9500, 11000]))

    s.ref("profesor", "departamento_id", "departamento", "plain")
    s.ref("alumno", "id_tutor", "tutor", "mention")
    s.ref("alumno", "tutor2_id", "tutor", "mention")
    s.ref("asignatura", "profesor_ref", "profesor", "mention")
    s.ref("matricula", "alumno_id", "alumno", "owner")
    s.ref("matricula", "asignatura_codigo", "asignatura", "plain")
    s.ref("calificacion", "matricula_id", "matricula", "part_of")
    s.ref("calificacion", "evaluado_por", "profesor", "mention")
    s.ref("falta_asistencia", "alumno", "alumno", "owner")
    s.ref("falta_asistencia", "registrada_por", "profesor", "mention")
    s.ref("mensaje", "remitente_correo", "tutor", "owner", tcol="correo", ci=True)
    s.ref("mensaje", "profesor_id", "profesor", "mention")
    s.ref("mensaje", "sobre_alumno", "alumno", "owner")
    s.ref("pago_comedor", "correo_tutor", "tutor", "owner", tcol="correo", ci=True)
    s.notref("pago_comedor", "alumno_id", "child number at the external canteen provider, not alumno.id; values 1-400")
    s.notref("calificacion", "nota", "grade 1-10, overlaps alumno, profesor and tutor ids")
    s.notref("calificacion", "trimestre", "term 1-3")
    s.notref("alumno", "curso_actual", "school year 1-6")
    s.notref("asignatura", "aula", "classroom 1-12")
    s.notref("profesor", "despacho", "office number 1-12")
    s.notref("pago_comedor", "mes", "month 9-11")
    s.notref("falta_asistencia", "justificada", "0/1 flag")
    s.subjects = [("alumno1", aemail[1]), ("alumno4", aemail[4]), ("alumno7", aemail[7]),
                  ("tutor6", temail[6]), ("profesor3-tutor12", pemail[3])]
    return s


# --------------------------------------------------------------------------
# Store 6: personale (Italian HR, text matricola codes, hired candidate)
# --------------------------------------------------------------------------

# Faker's it_IT city() is not reproducible across processes (set order depends on
# PYTHONHASHSEED), so Italian cities come from this fixed list.
CITTA = ["Milano", "Torino", "Bologna", "Monza", "Bergamo", "Novara", "Modena", "Parma", "Asti", "Pavia",
         "Cremona", "Imola", "Rho", "Sesto San Giovanni", "Moncalieri", "Casalecchio di Reno"]


def build_personale():
    s = Store("personale",
              "Gestione del personale (Italian HR naming): dipendenti keyed by matricola codes, buste paga, ferie, "
              "valutazioni, badge, candidati e colloqui",
              6606, "it_IT", ["example.it", "posta.example.org", "example.com"])
    rng, fk = s.rng, s.fake
    s.table("sede", [("id", "INTEGER"), ("citta", "TEXT"), ("indirizzo", "TEXT")], ["id"])
    s.table("reparto", [("id", "INTEGER"), ("nome", "TEXT"), ("sede_id", "INTEGER")], ["id"])
    s.table("dipendente", [("matricola", "TEXT"), ("nome", "TEXT"), ("cognome", "TEXT"), ("email", "TEXT"),
                           ("telefono", "TEXT"), ("codice_fiscale", "TEXT"), ("id_reparto", "INTEGER"),
                           ("responsabile", "TEXT"), ("livello", "INTEGER"), ("data_assunzione", "TEXT")],
            ["matricola"], person_email="email")
    s.table("indirizzo", [("id", "INTEGER"), ("matricola_dip", "TEXT"), ("via", "TEXT"), ("cap", "TEXT"),
                          ("citta", "TEXT"), ("tipo", "TEXT")], ["id"])
    s.table("busta_paga", [("id", "INTEGER"), ("matricola", "TEXT"), ("mese", "INTEGER"), ("anno", "INTEGER"),
                           ("lordo_cent", "INTEGER"), ("netto_cent", "INTEGER")], ["id"])
    s.table("ferie", [("id", "INTEGER"), ("dipendente_ref", "TEXT"), ("dal", "TEXT"), ("al", "TEXT"),
                      ("giorni", "INTEGER"), ("approvata_da", "TEXT")], ["id"])
    s.table("valutazione", [("id", "INTEGER"), ("valutato", "TEXT"), ("valutatore", "TEXT"), ("anno", "INTEGER"),
                            ("punteggio", "INTEGER"), ("note", "TEXT")], ["id"])
    s.table("nota_spese", [("id", "INTEGER"), ("matricola", "TEXT"), ("id_cliente", "INTEGER"),
                           ("importo_cent", "INTEGER"), ("descrizione", "TEXT")], ["id"])
    s.table("badge", [("codice", "TEXT"), ("assegnato_a", "TEXT"), ("sede_id", "INTEGER"), ("attivo", "INTEGER")],
            ["codice"])
    s.table("accesso_badge", [("badge_codice", "TEXT"), ("sede_id", "INTEGER"), ("varco", "INTEGER"),
                              ("ts", "TEXT")], None)
    s.table("posizione", [("id", "INTEGER"), ("titolo", "TEXT"), ("reparto_id", "INTEGER")], ["id"])
    s.table("candidato", [("id", "INTEGER"), ("nome", "TEXT"), ("cognome", "TEXT"), ("email", "TEXT"),
                          ("telefono", "TEXT"), ("posizione_id", "INTEGER"), ("segnalato_da", "TEXT")], ["id"],
            person_email="email")
    s.table("colloquio", [("id", "INTEGER"), ("id_candidato", "INTEGER"), ("intervistatore", "TEXT"),
                          ("data", "TEXT"), ("voto", "INTEGER")], ["id"])

    for i, c in enumerate(["Milano", "Torino", "Bologna"], 1):
        s.add("sede", id=i, citta=c, indirizzo=fk.street_address())
    for i, (n, sd) in enumerate([("Amministrazione", 1), ("Vendite", 1), ("Produzione", 2), ("Logistica", 2),
                                 ("Ricerca", 3), ("Risorse umane", 1)], 1):
        s.add("reparto", id=i, nome=n, sede_id=sd)
    nums = sorted(rng.sample(range(100, 999), 26))
    mat = [f"DIP-{n:04d}" for n in nums]
    demail = {}
    heads = {}
    for n, m in enumerate(mat):
        f, l = s.person_name()
        rep = (n % 6) + 1
        if rep not in heads:
            heads[rep] = m
            resp = mat[0] if n else None
        else:
            resp = heads[rep]
        if n == 0:
            resp = None
        demail[m] = s.email(f, l)
        cf = "".join(rng.choice("ABCDEFGHILMNOPRSTUVZ") for _ in range(6)) + f"{rng.randint(40, 99)}" + \
            rng.choice("ABCDEHLMPRST") + f"{rng.randint(1, 71):02d}" + "F" + f"{rng.randint(100, 999)}" + \
            rng.choice("ABCDEFGHILMNOPQRSTUVZ")
        s.add("dipendente", matricola=m, nome=f, cognome=l, email=demail[m], telefono=fk.phone_number(),
              codice_fiscale=cf, id_reparto=rep, responsabile=resp, livello=rng.randint(1, 7),
              data_assunzione=s.day(2010, 2023))
    dr = s.tables["dipendente"].rows
    hired = mat[22]
    dr[22]["data_assunzione"] = "2024-03-01"
    iid = 0
    for m in mat:
        for tipo in (["residenza"] + (["domicilio"] if rng.random() < 0.25 else [])):
            iid += 1
            s.add("indirizzo", id=iid, matricola_dip=m, via=fk.street_address(), cap=fk.postcode(),
                  citta=rng.choice(CITTA), tipo=tipo)
    bid = 0
    for m in mat:
        for mese in range(1, 7):
            if m == hired and mese < 3:
                continue
            bid += 1
            lordo = rng.randint(2200, 5200) * 100
            s.add("busta_paga", id=bid, matricola=m, mese=mese, anno=2024, lordo_cent=lordo,
                  netto_cent=int(lordo * 0.71))
    boss = {r["matricola"]: r["responsabile"] for r in dr}
    fid = 0
    for m in mat:
        for _ in range(rng.randint(0, 3)):
            fid += 1
            d0 = s.day(2024, 2024)
            g = rng.randint(1, 10)
            s.add("ferie", id=fid, dipendente_ref=m, dal=d0, al=d0, giorni=g,
                  approvata_da=boss[m])
    vid = 0
    for m in mat:
        if m == hired:
            continue
        vid += 1
        s.add("valutazione", id=vid, valutato=m, valutatore=boss[m] or heads[6], anno=2023,
              punteggio=rng.randint(1, 5), note=fk.sentence(nb_words=6))
    for n in range(1, 41):
        s.add("nota_spese", id=n, matricola=rng.choice(mat), id_cliente=rng.randint(1, 60),
              importo_cent=rng.randint(1500, 45000), descrizione=rng.choice(["Trasferta", "Pranzo cliente",
                                                                           "Taxi", "Albergo", "Treno"]))
    for m in mat:
        codice = f"B-{rng.randint(1000, 9999)}"
        while any(b["codice"] == codice for b in s.tables["badge"].rows):
            codice = f"B-{rng.randint(1000, 9999)}"
        s.add("badge", codice=codice, assegnato_a=m, sede_id=rng.randint(1, 3), attivo=1)
    bcodes = [b["codice"] for b in s.tables["badge"].rows]
    for _ in range(600):
        s.add("accesso_badge", badge_codice=rng.choice(bcodes), sede_id=rng.randint(1, 3), varco=rng.randint(1, 4),
              ts=s.ts(2024, 2024))
    for i, (t, r) in enumerate([("Contabile", 1), ("Commerciale", 2), ("Operaio specializzato", 3),
                                ("Magazziniere", 4), ("Ricercatore", 5)], 1):
        s.add("posizione", id=i, titolo=t, reparto_id=r)
    cemail = {}
    for c in range(1, 19):
        if c == 4:           # the candidate who was hired: same person as dipendente `hired`
            d = dr[22]
            cemail[c] = d["email"]
            s.add("candidato", id=c, nome=d["nome"], cognome=d["cognome"], email=d["email"], telefono=d["telefono"],
                  posizione_id=3, segnalato_da=mat[2])
            continue
        f, l = s.person_name()
        cemail[c] = s.email(f, l)
        s.add("candidato", id=c, nome=f, cognome=l, email=cemail[c], telefono=fk.phone_number(),
              posizione_id=rng.randint(1, 5), segnalato_da=rng.choice(mat) if rng.random() < 0.3 else None)
    col = 0
    for c in range(1, 19):
        for _ in range(rng.randint(1, 2) if c not in (2, 4) else 2):
            col += 1
            s.add("colloquio", id=col, id_candidato=c, intervistatore=rng.choice(mat[:8]),
                  data=s.day(2023, 2024), voto=rng.randint(1, 10))

    s.ref("reparto", "sede_id", "sede", "plain")
    s.ref("dipendente", "id_reparto", "reparto", "plain")
    s.ref("dipendente", "responsabile", "dipendente", "mention")
    s.ref("indirizzo", "matricola_dip", "dipendente", "owner")
    s.ref("busta_paga", "matricola", "dipendente", "owner")
    s.ref("ferie", "dipendente_ref", "dipendente", "owner")
    s.ref("ferie", "approvata_da", "dipendente", "mention")
    s.ref("valutazione", "valutato", "dipendente", "owner")
    s.ref("valutazione", "valutatore", "dipendente", "mention")
    s.ref("nota_spese", "matricola", "dipendente", "owner")
    s.ref("badge", "assegnato_a", "dipendente", "owner")
    s.ref("badge", "sede_id", "sede", "plain")
    s.ref("accesso_badge", "badge_codice", "badge", "part_of")
    s.ref("accesso_badge", "sede_id", "sede", "plain")
    s.ref("posizione", "reparto_id", "reparto", "plain")
    s.ref("candidato", "posizione_id", "posizione", "plain")
    s.ref("candidato", "segnalato_da", "dipendente", "mention")
    s.ref("colloquio", "id_candidato", "candidato", "owner")
    s.ref("colloquio", "intervistatore", "dipendente", "mention")
    s.notref("nota_spese", "id_cliente", "client code in the billing system (no client table); 1-60 collides with candidato ids")
    s.notref("dipendente", "livello", "contract level 1-7, overlaps sede/reparto/candidato ids")
    s.notref("busta_paga", "mese", "month 1-6")
    s.notref("ferie", "giorni", "days of leave 1-10")
    s.notref("valutazione", "punteggio", "score 1-5")
    s.notref("colloquio", "voto", "interview mark 1-10, overlaps candidato ids")
    s.notref("accesso_badge", "varco", "gate number 1-4")
    s.notref("badge", "attivo", "0/1 flag")
    s.subjects = [("director-" + mat[0].lower(), demail[mat[0]]), ("head-" + mat[2].lower(), demail[mat[2]]),
                  ("hired-" + hired.lower(), demail[hired]), (mat[13].lower(), demail[mat[13]]),
                  ("candidato2", cemail[2])]
    return s


# --------------------------------------------------------------------------
# Store 7: bnb (English, suffix zoo: _no, _fk, _ref, _code; loyalty code key)
# --------------------------------------------------------------------------

def build_bnb():
    s = Store("bnb",
              "Bed-and-breakfast booking system (English, mixed suffixes _no/_fk/_ref/_code): guests, rooms 1-14, "
              "bookings, companions, payments keyed by payer e-mail, loyalty ledger keyed by loyalty code, "
              "polymorphic notes",
              7707, "en_US", ["example.com", "example.net", "mail.example.org"])
    rng, fk = s.rng, s.fake
    s.table("room_type", [("code", "TEXT"), ("label", "TEXT")], ["code"])
    s.table("room", [("room_no", "INTEGER"), ("room_type_code", "TEXT"), ("floor", "INTEGER"), ("beds", "INTEGER")],
            ["room_no"])
    s.table("staff", [("staff_no", "INTEGER"), ("full_name", "TEXT"), ("email", "TEXT"), ("phone", "TEXT")],
            ["staff_no"], person_email="email")
    s.table("guest", [("guest_no", "INTEGER"), ("full_name", "TEXT"), ("email", "TEXT"), ("phone", "TEXT"),
                      ("loyalty_code", "TEXT"), ("birth_year", "INTEGER")], ["guest_no"], person_email="email")
    s.table("booking", [("id", "INTEGER"), ("guest_fk", "INTEGER"), ("room_ref", "INTEGER"),
                        ("created_by_staff", "INTEGER"), ("ota_guest_id", "INTEGER"), ("check_in", "TEXT"),
                        ("nights", "INTEGER"), ("adults", "INTEGER")], ["id"])
    s.table("booking_companion", [("booking_id", "INTEGER"), ("companion_guest_no", "INTEGER")],
            ["booking_id", "companion_guest_no"])
    s.table("payment_method", [("code", "TEXT"), ("label", "TEXT")], ["code"])
    s.table("payment", [("id", "INTEGER"), ("booking_ref", "INTEGER"), ("payer_email", "TEXT"),
                        ("method_code", "TEXT"), ("amount_cents", "INTEGER"), ("paid_at", "TEXT")], ["id"])
    s.table("loyalty_reason", [("code", "TEXT"), ("label", "TEXT")], ["code"])
    s.table("loyalty_tx", [("id", "INTEGER"), ("loyalty_code", "TEXT"), ("points", "INTEGER"),
                           ("reason_code", "TEXT"), ("booking_no", "INTEGER")], ["id"])
    s.table("review", [("id", "INTEGER"), ("booking_no", "INTEGER"), ("stars", "INTEGER"), ("reply_by", "INTEGER"),
                       ("text", "TEXT")], ["id"])
    s.table("note", [("id", "INTEGER"), ("subject_type", "TEXT"), ("subject_id", "INTEGER"),
                     ("author_staff_no", "INTEGER"), ("body", "TEXT")], ["id"])
    s.table("minibar_charge", [("booking_fk", "INTEGER"), ("room_ref", "INTEGER"), ("item", "TEXT"),
                               ("qty", "INTEGER")], None)

    for c, l in [("SGL", "Single"), ("DBL", "Double"), ("FAM", "Family"), ("STE", "Suite")]:
        s.add("room_type", code=c, label=l)
    for r in range(1, 15):
        t = rng.choice(["SGL", "DBL", "DBL", "FAM", "STE"])
        s.add("room", room_no=r, room_type_code=t, floor=(r - 1) // 5,
              beds={"SGL": 1, "DBL": 2, "FAM": 4, "STE": 2}[t])
    semail = {}
    for n in range(1, 6):
        f, l = s.person_name()
        semail[n] = s.email(f, l, "frontdesk.example.com")
        s.add("staff", staff_no=n, full_name=f"{f} {l}", email=semail[n], phone=fk.phone_number())
    gemail, loy = {}, {}
    codes = rng.sample(range(10000, 99999), 30)
    for g in range(1, 31):
        f, l = s.person_name()
        gemail[g] = s.email(f, l)
        loy[g] = f"LOY-{codes[g - 1]}" if (rng.random() < 0.7 or g in (1, 2, 3)) else None
        s.add("guest", guest_no=g, full_name=f"{f} {l}", email=gemail[g], phone=fk.phone_number(),
              loyalty_code=loy[g], birth_year=rng.randint(1950, 2004))
    for b in range(1, 96):
        g = rng.randint(1, 30)
        s.add("booking", id=b, guest_fk=g, room_ref=rng.randint(1, 14), created_by_staff=rng.randint(1, 5),
              ota_guest_id=rng.randint(1, 5000) if rng.random() < 0.5 else None, check_in=s.day(2023, 2024),
              nights=rng.randint(1, 7), adults=rng.randint(1, 4))
    bk = s.tables["booking"].rows
    for idx, g in [(0, 1), (10, 1), (33, 2), (47, 3), (48, 3), (60, 6), (71, 6)]:
        bk[idx]["guest_fk"] = g
    bk[20]["ota_guest_id"] = 1
    bk[21]["ota_guest_id"] = 2
    bk[22]["ota_guest_id"] = 6
    bk[23]["ota_guest_id"] = 3
    comp = set()
    for b in bk:
        if b["adults"] >= 2 and rng.random() < 0.3:
            c = rng.randint(1, 30)
            if c != b["guest_fk"]:
                comp.add((b["id"], c))
    comp |= {(1, 2), (61, 3)}
    for b, c in sorted(comp):
        s.add("booking_companion", booking_id=b, companion_guest_no=c)
    for c, l in [("CARD", "Credit card"), ("CASH", "Cash"), ("BANK", "Bank transfer")]:
        s.add("payment_method", code=c, label=l)
    pid = 0
    comp_of = {}
    for b, c in sorted(comp):
        comp_of.setdefault(b, []).append(c)
    for b in bk:
        parts = 2 if b["id"] in comp_of and rng.random() < 0.5 else 1
        if b["id"] in (1, 61):
            parts = 2
        for k in range(parts):
            pid += 1
            payer = b["guest_fk"] if k == 0 else comp_of[b["id"]][0]
            s.add("payment", id=pid, booking_ref=b["id"], payer_email=gemail[payer],
                  method_code=rng.choice(["CARD", "CARD", "CASH", "BANK"]), amount_cents=rng.randint(60, 400) * 100,
                  paid_at=b["check_in"])
    for c, l in [("STAY", "points for a stay"), ("BONUS", "welcome bonus"), ("REDEEM", "points redeemed")]:
        s.add("loyalty_reason", code=c, label=l)
    lid = 0
    for g in range(1, 31):
        if not loy[g]:
            continue
        lid += 1
        s.add("loyalty_tx", id=lid, loyalty_code=loy[g], points=100, reason_code="BONUS", booking_no=None)
    for b in bk:
        if loy[b["guest_fk"]]:
            lid += 1
            s.add("loyalty_tx", id=lid, loyalty_code=loy[b["guest_fk"]], points=b["nights"] * 10,
                  reason_code="STAY", booking_no=b["id"])
    rid = 0
    for b in bk:
        if rng.random() < 0.4 or b["id"] in (1, 34, 48):
            rid += 1
            s.add("review", id=rid, booking_no=b["id"], stars=rng.randint(1, 5),
                  reply_by=rng.randint(1, 5) if rng.random() < 0.5 else None, text=fk.sentence(nb_words=10))
    for n in range(1, 46):
        st = rng.choice(["guest", "guest", "booking", "room", "staff"])
        sid = {"guest": rng.randint(1, 30), "booking": rng.randint(1, 95), "room": rng.randint(1, 14),
               "staff": rng.randint(1, 5)}[st]
        s.add("note", id=n, subject_type=st, subject_id=sid, author_staff_no=rng.randint(1, 5),
              body=rng.choice(["allergic to feathers", "late arrival", "VIP", "broken lamp", "prefers quiet room",
                               "left umbrella", "complained about noise", "anniversary stay"]))
    nt = s.tables["note"].rows
    nt[0].update(subject_type="guest", subject_id=1)
    nt[1].update(subject_type="room", subject_id=1)
    nt[2].update(subject_type="staff", subject_id=2)
    nt[3].update(subject_type="booking", subject_id=34)
    nt[4].update(subject_type="guest", subject_id=6)
    nt[5].update(subject_type="room", subject_id=6)
    for _ in range(140):
        b = rng.choice(bk)
        s.add("minibar_charge", booking_fk=b["id"], room_ref=b["room_ref"],
              item=rng.choice(["water", "beer", "chocolate", "wine", "crisps"]), qty=rng.randint(1, 4))

    s.ref("room", "room_type_code", "room_type", "plain")
    s.ref("booking", "guest_fk", "guest", "owner")
    s.ref("booking", "room_ref", "room", "plain")
    s.ref("booking", "created_by_staff", "staff", "mention")
    s.ref("booking_companion", "booking_id", "booking", "part_of")
    s.ref("booking_companion", "companion_guest_no", "guest", "owner")
    s.ref("payment", "booking_ref", "booking", "part_of")
    s.ref("payment", "payer_email", "guest", "owner", tcol="email", ci=True)
    s.ref("payment", "method_code", "payment_method", "plain")
    s.ref("loyalty_tx", "loyalty_code", "guest", "owner", tcol="loyalty_code")
    s.ref("loyalty_tx", "reason_code", "loyalty_reason", "plain")
    s.ref("loyalty_tx", "booking_no", "booking", "plain")
    s.ref("review", "booking_no", "booking", "part_of")
    s.ref("review", "reply_by", "staff", "mention")
    s.ref("note", "author_staff_no", "staff", "mention")
    s.ref("minibar_charge", "booking_fk", "booking", "part_of")
    s.ref("minibar_charge", "room_ref", "room", "plain")
    s.poly("note", "subject_type", "subject_id",
           {"guest": ("guest", "owner"), "staff": ("staff", "owner"), "booking": ("booking", "part_of"),
            "room": ("room", "plain")},
           "polymorphic: subject_type says whether subject_id is a guest_no, staff_no, booking id or room_no")
    s.notref("booking", "ota_guest_id", "guest number at the online travel agency, 1-5000; a few fall in 1-30")
    s.notref("booking", "nights", "1-7 nights")
    s.notref("booking", "adults", "1-4 adults")
    s.notref("review", "stars", "1-5 stars")
    s.notref("room", "floor", "floor 0-2")
    s.notref("room", "beds", "1-4 beds")
    s.notref("minibar_charge", "qty", "quantity 1-4")
    s.notref("loyalty_tx", "points", "points earned")
    s.subjects = [("guest1", gemail[1]), ("guest2", gemail[2]), ("guest3", gemail[3]), ("guest6", gemail[6]),
                  ("staff2", semail[2])]
    return s


# --------------------------------------------------------------------------
# YAML output (hand-written emitter: stable, no dependency)
# --------------------------------------------------------------------------

def q(v):
    if isinstance(v, bool) or v is None:
        raise ValueError(v)
    if isinstance(v, int):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def keymap(d):
    return "{" + ", ".join(f"{k}: {q(v)}" for k, v in d.items()) + "}"


def emit(stores, truths):
    out = ["# Ground truth for benchmarks/links (generated by make_links.py - do not edit by hand).",
           "# Conventions are documented in README.md. Per subject: `rows` = rows about this person only;",
           "# `shared` = rows that hold this person but also another person (score as neutral);",
           "# `not_theirs` = a sample of rows a careless linker would wrongly return (score as errors).",
           "# The comment after each reference gives its role: owner / mention / part_of / attr / plain.",
           "stores:"]
    for s, tr in zip(stores, truths):
        out += [f"  - name: {s.name}",
                f"    file: {s.name}.sqlite",
                f"    description: {q(s.description)}",
                "    references:"]
        for r in s.refs:
            extra = ""
            if r.tcol != s.tables[r.target].pk[0] or len(s.tables[r.target].pk) != 1:
                extra = f", target_column: {r.tcol}"
            out.append(f"      - {{collection: main.{r.table}, column: {r.column}, references: main.{r.target}{extra}}}"
                       f"   # {r.role}")
        out.append("    not_references:")
        for t, c, why in s.notrefs:
            out.append(f"      - {{collection: main.{t}, column: {c}, why: {q(why)}}}")
        if s.polys:
            out.append("    polymorphic:")
            for p in s.polys:
                tg = ", ".join(f"{k}: main.{v[0]}" for k, v in p.targets.items())
                out.append(f"      - {{collection: main.{p.table}, column: {p.id_col}, type_column: {p.type_col}, "
                           f"targets: {{{tg}}}}}")
        out.append("    subjects:")
        for key, email in s.subjects:
            rows, shared, nt = tr.subject(email)
            out += [f"      - key: {key}-{s.name}",
                    f"        query: {{email: {q(email)}}}",
                    "        rows:"]
            for (t, i) in rows:
                out.append(f"          - {{collection: main.{t}, key: {keymap(tr.key(t, i))}}}")
            out.append("        shared:" + (" []" if not shared else ""))
            for (t, i), why in shared:
                out.append(f"          - {{collection: main.{t}, key: {keymap(tr.key(t, i))}, why: {q(why)}}}")
            out.append("        not_theirs:" + (" []" if not nt else ""))
            for (t, i), why in nt:
                out.append(f"          - {{collection: main.{t}, key: {keymap(tr.key(t, i))}, why: {q(why)}}}")
    return "\n".join(out) + "\n"


def main():
    builders = [build_helpdesk, build_clinique, build_shop, build_saas, build_escuela, build_personale, build_bnb]
    stores = [b() for b in builders]
    truths = []
    for s in stores:
        # sanity: subjects' e-mails are unique per person within each person table
        for pt, ecol in s.persons.items():
            es = [r[ecol].lower() for r in s.tables[pt].rows]
            if pt != "users":
                assert len(es) == len(set(es)), (s.name, pt)
        s.write_sqlite()
        truths.append(Truth(s))
    with open(os.path.join(OUT, "links.truth.yaml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(emit(stores, truths))
    for s in stores:
        print(f"{s.name:10s} tables={len(s.tables):2d} rows={sum(len(t.rows) for t in s.tables.values()):5d} "
              f"refs={len(s.refs):2d} not_refs={len(s.notrefs):2d} subjects={len(s.subjects)}")


if __name__ == "__main__":
    main()
