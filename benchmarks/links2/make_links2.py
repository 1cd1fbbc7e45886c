#!/usr/bin/env python3
"""Deterministic generator for the links2 benchmark.

Writes six small SQLite stores (no declared foreign keys) and the ground truth
`links2.truth.yaml` next to this file.  The truth is derived from the
generation itself: every row is created together with the set of people it is
about (`about`) and the people it only names in a staff / relationship role
(`mentions`).  Nothing is inferred from the data afterwards.

    /work/main/.venv/bin/python benchmarks/links2/make_links2.py

Only the standard library and Faker are used; all randomness is seeded.
"""
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import unicodedata
import uuid

from faker import Faker

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_NOT_THEIRS = 10

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
_TRANS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                        "Æ": "AE", "ß": "ss", "đ": "d"})


def fold(s):
    s = unicodedata.normalize("NFKD", s.translate(_TRANS))
    s = s.encode("ascii", "ignore").decode("ascii").lower()
    return "".join(ch for ch in s if ch.isalnum())


def day(rng, a, b):
    d0 = dt.date.fromisoformat(a).toordinal()
    d1 = dt.date.fromisoformat(b).toordinal()
    return dt.date.fromordinal(rng.randint(d0, d1)).isoformat()


def stamp(rng, a, b, h0=7, h1=21):
    return "%s %02d:%02d:%02d" % (day(rng, a, b), rng.randint(h0, h1),
                                  rng.randrange(60), rng.randrange(60))


def add_days(iso, n):
    return (dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=n)).isoformat()


def ruuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def case_variant(e, rng):
    local, dom = e.split("@")
    opts = [e.upper(),
            local.capitalize() + "@" + dom,
            ".".join(p.capitalize() for p in local.split(".")) + "@" + dom,
            local + "@" + dom.upper()]
    v = rng.choice(opts)
    return v if v != e else e.upper()


DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com",
           "post.example.org"]


class Table:
    def __init__(self, name, cols, pk, unique=()):
        self.name = name
        self.cols = cols
        self.colnames = [c.split()[0] for c in cols]
        self.pk = pk
        self.unique = unique
        self.rows, self.about, self.mentions = [], [], []
        self.index = {}


class Store:
    def __init__(self, name, description, seed, locale):
        self.name = name
        self.description = description
        self.rng = random.Random(seed)
        self.fake = Faker(locale)
        self.fake.seed_instance(seed)
        self.tables = {}
        self.refs = {}       # (table, col) -> (target, target_col or None, casefold)
        self.notrefs = {}    # (table, col) -> why
        self.poly = {}       # (table, idcol) -> (typecol, {typevalue: person table})
        self.humans = {}     # hid -> dict(label, records)
        self.phone_cols = {}  # person table -> phone column
        self.subjects = []   # (key, hid)
        self.used_emails = set()
        self.used_phones = set()
        self._hid = 0

    # schema ------------------------------------------------------------
    def table(self, name, cols, pk=None, unique=()):
        self.tables[name] = Table(name, cols, pk, unique)

    def ref(self, t, c, target, target_col=None, casefold=False):
        self.refs[(t, c)] = (target, target_col, casefold)

    def notref(self, t, c, why):
        self.notrefs[(t, c)] = why

    # people ------------------------------------------------------------
    def human(self, label):
        self._hid += 1
        self.humans[self._hid] = {"label": label, "records": []}
        return self._hid

    def link(self, hid, table, pkval):
        self.humans[hid]["records"].append((table, pkval))

    def email(self, first, last, domain=None):
        f, l = fold(first) or "x", fold(last) or "y"
        local = [f"{f}.{l}", f"{f[0]}{l}", f"{f}{l[:3]}", f"{l}.{f}"][self.rng.randrange(4)]
        dom = domain or self.rng.choice(DOMAINS)
        e, n = f"{local}@{dom}", 1
        while e in self.used_emails:
            n += 1
            e = f"{local}{n}@{dom}"
        self.used_emails.add(e)
        return e

    def phone(self, fmt):
        while True:
            p = fmt(self.rng)
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    # rows ----------------------------------------------------------------
    def add(self, tname, row, about=(), mentions=()):
        t = self.tables[tname]
        for k in row:
            assert k in t.colnames, (tname, k)
        full = {c: row.get(c) for c in t.colnames}
        t.rows.append(full)
        t.about.append(frozenset(h for h in about if h))
        t.mentions.append(tuple((h, c) for h, c in mentions if h))
        if t.pk:
            key = tuple(full[c] for c in t.pk)
            assert key not in t.index, (tname, key)
            t.index[key] = len(t.rows) - 1
        return full

    def about_of(self, tname, *key):
        t = self.tables[tname]
        return t.about[t.index[tuple(key)]]

    def get(self, tname, *key):
        t = self.tables[tname]
        return t.rows[t.index[tuple(key)]]


# --------------------------------------------------------------------------
# bank  (English, abbreviations: cust, acct, co_holder; _no/_ref/_fk)
# --------------------------------------------------------------------------
def gb_phone(r):
    return "07%03d %06d" % (r.randint(700, 999), r.randrange(10**6))


def build_bank():
    s = Store("bank", "Retail bank: clients, advisors, accounts (joint and sub-accounts), "
              "cards, card transactions, beneficiaries, transfers, support tickets",
              1101, "en_GB")
    rng, fk = s.rng, s.fake
    s.table("country", ["code TEXT", "name TEXT", "sepa INTEGER"], pk=["code"])
    s.table("txn_category", ["id INTEGER", "label TEXT"], pk=["id"])
    s.table("advisor", ["id INTEGER", "full_name TEXT", "email TEXT", "phone TEXT",
                        "branch TEXT", "manager_id INTEGER", "hired_on TEXT"], pk=["id"])
    s.table("client", ["id INTEGER", "first_name TEXT", "last_name TEXT", "email TEXT",
                       "phone TEXT", "birth_date TEXT", "country_code TEXT", "advisor INTEGER",
                       "referred_by INTEGER", "crm_id INTEGER", "risk_rating INTEGER",
                       "segment TEXT", "created_at TEXT"], pk=["id"])
    s.table("account", ["acct_no INTEGER", "iban TEXT", "cust INTEGER", "co_holder INTEGER",
                        "advisor_ref INTEGER", "parent_account INTEGER", "product_tier INTEGER",
                        "currency TEXT", "opened_on TEXT", "balance REAL"],
            pk=["acct_no"], unique=["iban"])
    s.table("card", ["id INTEGER", "acct_no INTEGER", "card_holder INTEGER", "pan_last4 TEXT",
                     "expiry_month INTEGER", "expiry_year INTEGER", "status TEXT"], pk=["id"])
    s.table("card_txn", ["id INTEGER", "card_fk INTEGER", "booked_at TEXT", "amount REAL",
                         "merchant TEXT", "category_id INTEGER", "mcc INTEGER",
                         "installment_no INTEGER"], pk=["id"])
    s.table("beneficiary", ["id INTEGER", "client_no INTEGER", "name TEXT", "iban TEXT",
                            "internal_acct INTEGER", "created_at TEXT"], pk=["id"])
    s.table("transfer", ["id INTEGER", "from_acct INTEGER", "beneficiary_id INTEGER",
                         "amount REAL", "executed_at TEXT", "reference TEXT", "batch_no INTEGER",
                         "approved_by INTEGER"], pk=["id"])
    s.table("support_ticket", ["id INTEGER", "contact_email TEXT", "subject TEXT",
                               "opened_at TEXT", "priority INTEGER", "assigned_to INTEGER"],
            pk=["id"])
    s.table("login_event", ["client_ref INTEGER", "ts TEXT", "ip TEXT", "success INTEGER"])

    s.ref("client", "country_code", "country")
    s.ref("client", "advisor", "advisor")
    s.ref("client", "referred_by", "client")
    s.ref("advisor", "manager_id", "advisor")
    s.ref("account", "cust", "client")
    s.ref("account", "co_holder", "client")
    s.ref("account", "advisor_ref", "advisor")
    s.ref("account", "parent_account", "account")
    s.ref("card", "acct_no", "account")
    s.ref("card", "card_holder", "client")
    s.ref("card_txn", "card_fk", "card")
    s.ref("card_txn", "category_id", "txn_category")
    s.ref("beneficiary", "client_no", "client")
    s.ref("beneficiary", "internal_acct", "account")
    s.ref("transfer", "from_acct", "account")
    s.ref("transfer", "beneficiary_id", "beneficiary")
    s.ref("transfer", "approved_by", "advisor")
    s.ref("support_ticket", "contact_email", "client", "email", casefold=True)
    s.ref("support_ticket", "assigned_to", "advisor")
    s.ref("login_event", "client_ref", "client")
    s.notref("client", "crm_id", "customer number in the external CRM system, not a row id of this database")
    s.notref("client", "risk_rating", "risk score 1-5")
    s.notref("account", "product_tier", "product tier 1-4")
    s.notref("card", "expiry_month", "card expiry month 1-12")
    s.notref("card_txn", "installment_no", "instalment counter 1-6")
    s.notref("card_txn", "mcc", "ISO 18245 merchant category code")
    s.notref("transfer", "batch_no", "payment batch number 1-20 of the clearing run")
    s.notref("support_ticket", "priority", "ticket priority 1-3")
    s.notref("beneficiary", "iban", "payee IBAN; equals an account.iban only for the few internal payees")
    s.phone_cols["client"] = "phone"
    s.phone_cols["advisor"] = "phone"

    for code, name, sepa in [("GB", "United Kingdom", 0), ("IE", "Ireland", 1),
                             ("NL", "Netherlands", 1), ("BE", "Belgium", 1),
                             ("DE", "Germany", 1), ("FR", "France", 1),
                             ("PT", "Portugal", 1), ("PL", "Poland", 1)]:
        s.add("country", {"code": code, "name": name, "sepa": sepa})
    cats = ["Groceries", "Fuel", "Restaurants", "Travel", "Utilities", "Health",
            "Clothing", "Electronics", "Entertainment", "Cash withdrawal", "Education", "Other"]
    for i, c in enumerate(cats, 1):
        s.add("txn_category", {"id": i, "label": c})

    # advisors 1..8 -------------------------------------------------------
    branches = ["Leeds Central", "Manchester Deansgate", "Bristol Harbourside"]
    managers = {1: None, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3}
    adv_h, adv_name = {}, {}
    for i in range(1, 9):
        first, last = fk.first_name(), fk.last_name()
        hid = s.human(f"advisor {i}")
        adv_h[i], adv_name[i] = hid, (first, last)
        e = s.email(first, last, "northbank.example.co.uk")
        if i == 5:  # advisor 5 is also client 23 (same e-mail, different case)
            adv5_email = e
            e = ".".join(p.capitalize() for p in e.split("@")[0].split(".")) + "@northbank.example.co.uk"
        s.add("advisor", {"id": i, "full_name": f"{first} {last}", "email": e,
                          "phone": s.phone(gb_phone), "branch": branches[i % 3],
                          "manager_id": managers[i], "hired_on": day(rng, "2008-01-01", "2021-12-31")},
              about=[hid], mentions=[(adv_h.get(managers[i]), "manager_id")])
        s.link(hid, "advisor", i)

    # clients 1..60 -------------------------------------------------------
    N = 60
    subj = {3, 7, 12, 23}
    forced_ref = {18: 3, 30: 12, 44: 12, 51: 12}
    crm = rng.sample(range(1, 91), N)
    cli_h, cli_email, cli_adv = {}, {}, {}
    for c in range(1, N + 1):
        if c == 23:
            hid = adv_h[5]
            s.humans[hid]["label"] = "advisor 5 / client 23"
            first, last = adv_name[5]
            e = adv5_email
            adv = 2
        else:
            first, last = fk.first_name(), fk.last_name()
            hid = s.human(f"client {c}")
            e = s.email(first, last)
            adv = rng.randint(1, 8)
        if c in (3, 12):
            adv = 3 if c == 12 else 2
        rb = forced_ref.get(c)
        if rb is None and c > 5 and c not in subj and rng.random() < 0.2:
            rb = rng.choice([x for x in range(1, c) if x not in subj])
        cli_h[c], cli_email[c], cli_adv[c] = hid, e, adv
        s.add("client", {"id": c, "first_name": first, "last_name": last, "email": e,
                         "phone": s.phone(gb_phone), "birth_date": day(rng, "1945-01-01", "2004-12-31"),
                         "country_code": rng.choice(["GB"] * 8 + ["IE", "NL", "DE", "FR", "PT", "PL", "BE"]),
                         "advisor": adv, "referred_by": rb, "crm_id": crm[c - 1],
                         "risk_rating": rng.randint(1, 5),
                         "segment": rng.choice(["retail", "retail", "premier", "student"]),
                         "created_at": stamp(rng, "2012-01-01", "2023-06-30")},
              about=[hid], mentions=[(adv_h[adv], "advisor"), (cli_h.get(rb), "referred_by")])
        s.link(hid, "client", c)

    # accounts ----------------------------------------------------------------
    specs = []
    joint = [(7, 41), (15, 16), (28, 29), (47, 48), (52, 10), (33, 34)]
    for c in range(1, N + 1):
        main = {"cust": c, "co": None, "kind": "main"}
        specs.append(main)
        if c == 3 or (c not in (7, 23, 12) and rng.random() < 0.35):
            specs.append({"cust": c, "co": None, "kind": "pocket", "parent": main})
    for a, b in joint:
        specs.append({"cust": a, "co": b, "kind": "joint"})
    rng.shuffle(specs)
    ibans = set()
    for i, sp in enumerate(specs, 1):
        sp["id"] = i
    for sp in specs:
        while True:
            iban = "GB%02dNRTH%014d" % (rng.randint(10, 99), rng.randrange(10**14))
            if iban not in ibans:
                ibans.add(iban)
                break
        sp["iban"] = iban
        adv = cli_adv[sp["cust"]] if rng.random() < 0.85 else rng.randint(1, 8)
        if sp["cust"] == 23:
            adv = 2
        s.add("account", {"acct_no": sp["id"], "iban": iban, "cust": sp["cust"],
                          "co_holder": sp["co"], "advisor_ref": adv,
                          "parent_account": sp["parent"]["id"] if sp["kind"] == "pocket" else None,
                          "product_tier": rng.randint(1, 4),
                          "currency": "GBP" if rng.random() < 0.85 else "EUR",
                          "opened_on": day(rng, "2012-01-01", "2023-06-30"),
                          "balance": round(rng.uniform(-500, 25000), 2)},
              about=[cli_h[sp["cust"]], cli_h.get(sp["co"])], mentions=[(adv_h[adv], "advisor_ref")])
    accts_of = {}
    for sp in specs:
        accts_of.setdefault(sp["cust"], []).append(sp)
        if sp["co"]:
            accts_of.setdefault(sp["co"], []).append(sp)

    # cards -------------------------------------------------------------------
    cspecs = []
    for sp in sorted(specs, key=lambda x: x["id"]):
        if sp["kind"] == "pocket":
            continue
        for holder in [sp["cust"]] + ([sp["co"]] if sp["co"] else []):
            cspecs.append({"acct": sp["id"], "holder": holder, "status": "active"})
            if rng.random() < 0.2 or (holder == 3 and sp["kind"] == "main"):
                cspecs.append({"acct": sp["id"], "holder": holder, "status": "expired"})
    rng.shuffle(cspecs)
    for i, cs in enumerate(cspecs, 1):
        cs["id"] = i
        s.add("card", {"id": i, "acct_no": cs["acct"], "card_holder": cs["holder"],
                       "pan_last4": "%04d" % rng.randrange(10000),
                       "expiry_month": rng.randint(1, 12),
                       "expiry_year": rng.randint(2026, 2030) if cs["status"] == "active" else rng.randint(2021, 2024),
                       "status": cs["status"]},
              about=s.about_of("account", cs["acct"]) | {cli_h[cs["holder"]]})
    merchants = ["Tesco", "Sainsbury's", "Shell", "BP", "Pret A Manger", "Trainline", "Boots",
                 "Amazon UK", "Currys", "Odeon", "British Gas", "Ryanair", "Nando's", "Uniqlo"]
    tspecs = []
    for cs in cspecs:
        n = rng.randint(0, 22) if cs["status"] == "active" else rng.randint(0, 8)
        if cs["holder"] == 3:
            n = max(n, 6)
        for _ in range(n):
            tspecs.append({"card": cs["id"], "at": stamp(rng, "2023-01-01", "2024-06-30", 6, 23)})
    tspecs.sort(key=lambda x: (x["at"], x["card"]))
    for i, ts in enumerate(tspecs, 1):
        cat = rng.randint(1, 12)
        s.add("card_txn", {"id": i, "card_fk": ts["card"], "booked_at": ts["at"],
                           "amount": round(rng.uniform(1.5, 350), 2),
                           "merchant": rng.choice(merchants), "category_id": cat,
                           "mcc": rng.choice([5411, 5541, 5812, 4112, 5912, 5732, 7832, 4900, 4511, 5651]),
                           "installment_no": 1 if rng.random() < 0.85 else rng.randint(2, 6)},
              about=s.about_of("card", ts["card"]))

    # beneficiaries -----------------------------------------------------------
    bspecs = []
    for c in range(1, N + 1):
        k = rng.choice([0, 0, 1, 1, 2, 3])
        if c == 3:
            k = 3
        for j in range(k):
            internal = None
            if (c == 3 and j == 0):
                internal = [sp for sp in accts_of[12] if sp["kind"] == "main"][0]
            elif c not in (3,) and rng.random() < 0.18:
                internal = rng.choice([sp for sp in specs if c not in (sp["cust"], sp["co"])])
            bspecs.append({"client": c, "internal": internal,
                           "at": stamp(rng, "2015-01-01", "2023-12-31")})
    bspecs.sort(key=lambda x: (x["at"], x["client"]))
    for i, b in enumerate(bspecs, 1):
        b["id"] = i
        it = b["internal"]
        if it:
            crow = s.get("client", it["cust"])
            name, iban = f'{crow["first_name"]} {crow["last_name"]}', it["iban"]
            about = {cli_h[b["client"]]} | s.about_of("account", it["id"])
        else:
            name = fk.company()
            iban = "%s%02d%s%014d" % (rng.choice(["GB", "IE", "NL", "DE"]), rng.randint(10, 99),
                                      rng.choice(["BARC", "HSBC", "LOYD", "INGB", "DEUT"]),
                                      rng.randrange(10**14))
            about = {cli_h[b["client"]]}
        s.add("beneficiary", {"id": i, "client_no": b["client"], "name": name, "iban": iban,
                              "internal_acct": it["id"] if it else None, "created_at": b["at"]},
              about=about)
    trspecs = []
    for b in bspecs:
        for _ in range(rng.randint(0, 5) if b["client"] != 3 else 3):
            src = rng.choice(accts_of[b["client"]])
            trspecs.append({"b": b, "src": src, "at": stamp(rng, b["at"][:10], "2024-06-30")})
    trspecs.sort(key=lambda x: (x["at"], x["b"]["id"]))
    for i, t in enumerate(trspecs, 1):
        amt = round(rng.choice([rng.uniform(10, 900), rng.uniform(10, 900), rng.uniform(1000, 12000)]), 2)
        appr = rng.randint(1, 8) if amt > 4000 else None
        s.add("transfer", {"id": i, "from_acct": t["src"]["id"], "beneficiary_id": t["b"]["id"],
                           "amount": amt, "executed_at": t["at"],
                           "reference": rng.choice(["rent", "invoice", "gift", "savings", "loan repayment", "school fees"]),
                           "batch_no": rng.randint(1, 20), "approved_by": appr},
              about=s.about_of("account", t["src"]["id"]) | s.about_of("beneficiary", t["b"]["id"]),
              mentions=[(adv_h.get(appr), "approved_by")])

    # support tickets (reachable only by e-mail) -----------------------------------
    who = [rng.randint(1, N) for _ in range(64)] + [3, 3, 23, 7, 12, 41]
    rng.shuffle(who)
    tks = [(stamp(rng, "2022-01-01", "2024-06-30"), c) for c in who]
    tks.sort()
    subjects = ["card declined abroad", "change of address", "dispute a transaction",
                "statement request", "overdraft question", "lost card", "mortgage enquiry"]
    for i, (at, c) in enumerate(tks, 1):
        e = cli_email[c] if rng.random() < 0.4 else case_variant(cli_email[c], rng)
        ass = rng.randint(1, 8)
        s.add("support_ticket", {"id": i, "contact_email": e, "subject": rng.choice(subjects),
                                 "opened_at": at, "priority": rng.randint(1, 3), "assigned_to": ass},
              about=[cli_h[c]], mentions=[(adv_h[ass], "assigned_to")])
    for _ in range(900):
        s.add("login_event", {"client_ref": rng.randint(1, N), "ts": stamp(rng, "2024-01-01", "2024-06-30", 0, 23),
                              "ip": "203.0.113.%d" % rng.randint(1, 254), "success": int(rng.random() < 0.93)})

    s.subjects += [("client3-bank", cli_h[3]), ("client7-bank", cli_h[7]),
                   ("client12-bank", cli_h[12]), ("advisor5-client23-bank", adv_h[5]),
                   ("advisor2-bank", adv_h[2])]
    s.subject_email = {cli_h[3]: cli_email[3], cli_h[7]: cli_email[7], cli_h[12]: cli_email[12],
                       adv_h[5]: adv5_email, adv_h[2]: s.get("advisor", 2)["email"]}
    return s


# --------------------------------------------------------------------------
# logistics  (Dutch column names, _nr)
# --------------------------------------------------------------------------
def nl_phone(r):
    return "06-%08d" % r.randrange(10**8)


def build_logistics():
    s = Store("logistics", "Dutch parcel carrier: senders (webshops and private persons), recipients, "
              "couriers, parcels, delivery attempts, returns, complaints, scan log", 2202, "nl_NL")
    rng, fk = s.rng, s.fake
    s.table("status", ["statuscode TEXT", "omschrijving TEXT"], pk=["statuscode"])
    s.table("depot", ["depot_nr INTEGER", "plaats TEXT", "adres TEXT"], pk=["depot_nr"])
    s.table("tarief", ["tarief_id INTEGER", "naam TEXT", "prijs_eur REAL"], pk=["tarief_id"])
    s.table("koerier", ["koerier_id INTEGER", "naam TEXT", "email TEXT", "telefoon TEXT",
                        "depot_nr INTEGER", "ploeg INTEGER", "kenteken TEXT", "in_dienst_sinds TEXT"],
            pk=["koerier_id"])
    s.table("afzender", ["id INTEGER", "naam TEXT", "soort TEXT", "email TEXT", "telefoon TEXT",
                         "kvk_nummer TEXT"], pk=["id"])
    s.table("ontvanger", ["ontvanger_nr INTEGER", "voornaam TEXT", "achternaam TEXT", "email TEXT",
                          "telefoon TEXT", "straat TEXT", "huisnummer INTEGER", "postcode TEXT",
                          "woonplaats TEXT"], pk=["ontvanger_nr"])
    s.table("pakket", ["pakket_id INTEGER", "zending_uuid TEXT", "afzender INTEGER",
                       "ontvanger_nr INTEGER", "koerier INTEGER", "status TEXT", "tarief_id INTEGER",
                       "depot_nr INTEGER", "gewicht_gram INTEGER", "aantal_stuks INTEGER",
                       "prioriteit INTEGER", "webshop_order_id INTEGER", "aangemaakt TEXT"],
            pk=["pakket_id"], unique=["zending_uuid"])
    s.table("bezorgpoging", ["poging_id INTEGER", "zending TEXT", "poging_nr INTEGER",
                             "koerier_id INTEGER", "tijdstip TEXT", "resultaat TEXT"], pk=["poging_id"])
    s.table("retour", ["retour_id INTEGER", "pakket_ref INTEGER", "reden TEXT", "aangemeld_op TEXT",
                       "label_code TEXT"], pk=["retour_id"])
    s.table("klacht", ["klacht_id INTEGER", "email TEXT", "onderwerp TEXT", "ingediend_op TEXT",
                       "afgehandeld INTEGER"], pk=["klacht_id"])
    s.table("scan_log", ["pakket_id INTEGER", "depot_nr INTEGER", "scanner_nr INTEGER", "gescand_op TEXT"])

    s.ref("koerier", "depot_nr", "depot")
    s.ref("pakket", "afzender", "afzender")
    s.ref("pakket", "ontvanger_nr", "ontvanger")
    s.ref("pakket", "koerier", "koerier")
    s.ref("pakket", "status", "status")
    s.ref("pakket", "tarief_id", "tarief")
    s.ref("pakket", "depot_nr", "depot")
    s.ref("bezorgpoging", "zending", "pakket", "zending_uuid")
    s.ref("bezorgpoging", "koerier_id", "koerier")
    s.ref("retour", "pakket_ref", "pakket")
    s.ref("klacht", "email", "ontvanger", "email", casefold=True)
    s.ref("scan_log", "pakket_id", "pakket")
    s.ref("scan_log", "depot_nr", "depot")
    s.notref("koerier", "ploeg", "shift number 1-3")
    s.notref("afzender", "kvk_nummer", "Chamber of Commerce registration number (external register)")
    s.notref("ontvanger", "huisnummer", "house number in the street address")
    s.notref("pakket", "aantal_stuks", "number of pieces in the shipment 1-5")
    s.notref("pakket", "prioriteit", "service priority 1-3")
    s.notref("pakket", "webshop_order_id", "order number in the sending webshop's own system")
    s.notref("bezorgpoging", "poging_nr", "attempt number 1-3")
    s.notref("scan_log", "scanner_nr", "hand-scanner number 1-8")
    s.phone_cols["ontvanger"] = "telefoon"
    s.phone_cols["afzender"] = "telefoon"
    s.phone_cols["koerier"] = "telefoon"

    for code, om in [("AANG", "Aangemeld"), ("SORT", "In sortering"), ("ONDW", "Onderweg"),
                     ("BEZ", "Bezorgd"), ("RET", "Retour afzender"), ("VERL", "Verloren")]:
        s.add("status", {"statuscode": code, "omschrijving": om})
    for i, pl in enumerate(["Utrecht", "Zwolle", "Eindhoven", "Rotterdam", "Groningen"], 1):
        s.add("depot", {"depot_nr": i, "plaats": pl, "adres": f"{fk.street_name()} {rng.randint(1, 80)}"})
    for i, (n, p) in enumerate([("Brievenbuspakje", 4.25), ("Standaard", 6.95), ("Zwaar", 13.50),
                                ("Aangetekend", 9.80)], 1):
        s.add("tarief", {"tarief_id": i, "naam": n, "prijs_eur": p})
    kh = {}
    for i in range(1, 13):
        first, last = fk.first_name(), fk.last_name()
        hid = s.human(f"koerier {i}")
        kh[i] = hid
        s.add("koerier", {"koerier_id": i, "naam": f"{first} {last}",
                          "email": s.email(first, last, "snelpost.example.nl"),
                          "telefoon": s.phone(nl_phone), "depot_nr": rng.randint(1, 5),
                          "ploeg": rng.randint(1, 3),
                          "kenteken": "V-%03d-%s" % (rng.randint(100, 999), rng.choice(["BK", "GT", "PZ", "XR"])),
                          "in_dienst_sinds": day(rng, "2015-01-01", "2023-01-01")}, about=[hid])
        s.link(hid, "koerier", i)

    # recipients 1..220 -----------------------------------------------------
    NR = 220
    oh, oemail, ophone = {}, {}, {}
    dual_first, dual_last = fk.first_name(), fk.last_name()
    for i in range(1, NR + 1):
        if i == 31:
            first, last = dual_first, dual_last
        else:
            first, last = fk.first_name(), fk.last_name()
        hid = s.human(f"ontvanger {i}")
        e = s.email(first, last)
        ph = s.phone(nl_phone)
        straat, hn, pc, wp = fk.street_name(), rng.randint(1, 150), fk.postcode(), fk.city()
        if i == 88:  # same household line as ontvanger 15, different person
            r15 = s.get("ontvanger", 15)
            ph, straat, hn, pc, wp = r15["telefoon"], r15["straat"], r15["huisnummer"], r15["postcode"], r15["woonplaats"]
        oh[i], oemail[i], ophone[i] = hid, e, ph
        s.add("ontvanger", {"ontvanger_nr": i, "voornaam": first, "achternaam": last, "email": e,
                            "telefoon": ph, "straat": straat, "huisnummer": hn, "postcode": pc,
                            "woonplaats": wp}, about=[hid])
        s.link(hid, "ontvanger", i)
    # senders 1..20 -------------------------------------------------------
    private = {4: 31, 9: None, 13: None, 17: None}
    ah = {}
    for i in range(1, 21):
        if i in private:
            if private[i]:
                hid = oh[31]
                s.humans[hid]["label"] = "afzender 4 / ontvanger 31"
                r = s.get("ontvanger", 31)
                naam, e, ph = f'{r["voornaam"]} {r["achternaam"]}', case_variant(oemail[31], rng), r["telefoon"]
            else:
                first, last = fk.first_name(), fk.last_name()
                hid = s.human(f"afzender {i}")
                naam, e, ph = f"{first} {last}", s.email(first, last), s.phone(nl_phone)
            ah[i] = hid
            s.add("afzender", {"id": i, "naam": naam, "soort": "particulier", "email": e,
                               "telefoon": ph, "kvk_nummer": None}, about=[hid])
            s.link(hid, "afzender", i)
        else:
            comp = fk.company()
            slug = fold(comp)[:14] or "shop"
            s.add("afzender", {"id": i, "naam": comp, "soort": "webshop",
                               "email": f"verzending@{slug}.example.nl",
                               "telefoon": "030-%07d" % rng.randrange(10**7),
                               "kvk_nummer": "%08d" % rng.randrange(10**8)})
    # parcels -------------------------------------------------------------
    webshops = [i for i in range(1, 21) if i not in private]
    pspecs = []
    for _ in range(560):
        if rng.random() < 0.12:
            snd = rng.choice([4, 9, 13, 17])
        else:
            snd = rng.choice(webshops)
        rcv = rng.randint(1, NR)
        if snd == 4 and rcv == 31:
            rcv = 32
        pspecs.append((snd, rcv))
    pspecs += [(rng.choice(webshops), 2) for _ in range(5)] + [(17, 2), (4, 2)]
    pspecs += [(rng.choice(webshops), 31) for _ in range(3)] + [(4, 60), (4, 101)]
    pspecs += [(rng.choice(webshops), 15) for _ in range(3)] + [(rng.choice(webshops), 88) for _ in range(3)]
    pspecs += [(rng.choice(webshops), 5) for _ in range(3)]
    pspecs = [{"snd": a, "rcv": b, "at": stamp(rng, "2024-01-02", "2024-06-28")} for a, b in pspecs]
    pspecs.sort(key=lambda x: (x["at"], x["rcv"]))
    statuses = ["BEZ"] * 14 + ["ONDW", "SORT", "AANG", "RET", "VERL"]
    uuids = {}
    for i, p in enumerate(pspecs, 1):
        kid = rng.randint(1, 12)
        st = rng.choice(statuses)
        u = ruuid(rng)
        uuids[i] = u
        about = {oh[p["rcv"]]} | ({ah[p["snd"]]} if p["snd"] in private else set())
        p.update(id=i, koerier=kid, status=st, about=about)
        s.add("pakket", {"pakket_id": i, "zending_uuid": u, "afzender": p["snd"], "ontvanger_nr": p["rcv"],
                         "koerier": kid, "status": st, "tarief_id": rng.randint(1, 4),
                         "depot_nr": rng.randint(1, 5), "gewicht_gram": rng.randint(80, 19000),
                         "aantal_stuks": rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5]),
                         "prioriteit": rng.choice([1, 2, 2, 2, 3]),
                         "webshop_order_id": rng.randint(1, 900) if p["snd"] not in private else None,
                         "aangemaakt": p["at"]}, about=about, mentions=[(kh[kid], "koerier")])
    att = []
    for p in pspecs:
        if p["status"] in ("AANG", "SORT"):
            continue
        n = rng.choice([1, 1, 1, 2, 2, 3])
        t0 = p["at"]
        for k in range(1, n + 1):
            if p["status"] == "BEZ":
                res = "bezorgd" if k == n else rng.choice(["niet thuis", "adres onbekend"])
            elif p["status"] == "ONDW":
                res = rng.choice(["niet thuis", "geen toegang"])
            else:
                res = rng.choice(["niet thuis", "geweigerd", "afhaalpunt"])
            kid = p["koerier"] if rng.random() < 0.9 else rng.randint(1, 12)
            att.append({"p": p, "k": k, "kid": kid, "at": "%s %02d:%02d:00" % (add_days(t0, k), rng.randint(8, 20), rng.randrange(60)), "res": res})
    att.sort(key=lambda x: (x["at"], x["p"]["id"], x["k"]))
    for i, a in enumerate(att, 1):
        s.add("bezorgpoging", {"poging_id": i, "zending": uuids[a["p"]["id"]], "poging_nr": a["k"],
                               "koerier_id": a["kid"], "tijdstip": a["at"], "resultaat": a["res"]},
              about=a["p"]["about"], mentions=[(kh[a["kid"]], "koerier_id")])
    rets = [p for p in pspecs if p["status"] == "RET" or (p["status"] == "BEZ" and rng.random() < 0.04)
            or (p["rcv"] == 2 and p["snd"] not in private and p["status"] == "BEZ")]
    for i, p in enumerate(rets, 1):
        s.add("retour", {"retour_id": i, "pakket_ref": p["id"],
                         "reden": rng.choice(["verkeerde maat", "beschadigd", "niet besteld", "geweigerd"]),
                         "aangemeld_op": add_days(p["at"], rng.randint(3, 20)),
                         "label_code": "RT%06d" % rng.randrange(10**6)}, about=p["about"])
    who = [rng.randint(1, NR) for _ in range(40)] + [2, 2, 31, 15, 5]
    kl = sorted((stamp(rng, "2024-01-10", "2024-07-15"), w) for w in who)
    for i, (at, w) in enumerate(kl, 1):
        e = oemail[w] if rng.random() < 0.4 else case_variant(oemail[w], rng)
        s.add("klacht", {"klacht_id": i, "email": e,
                         "onderwerp": rng.choice(["pakket niet ontvangen", "schade", "te laat",
                                                  "bezorger onvriendelijk", "verkeerd adres"]),
                         "ingediend_op": at, "afgehandeld": int(rng.random() < 0.7)}, about=[oh[w]])
    for p in pspecs:
        for _ in range(rng.randint(1, 3)):
            s.add("scan_log", {"pakket_id": p["id"], "depot_nr": rng.randint(1, 5),
                               "scanner_nr": rng.randint(1, 8),
                               "gescand_op": stamp(rng, p["at"][:10], add_days(p["at"], 2))})
    s.subjects += [("ontvanger2-logistics", oh[2]), ("afzender4-ontvanger31-logistics", oh[31]),
                   ("ontvanger15-logistics", oh[15]), ("ontvanger5-logistics", oh[5]),
                   ("koerier3-logistics", kh[3])]
    s.subject_email = {oh[2]: oemail[2], oh[31]: oemail[31], oh[15]: oemail[15], oh[5]: oemail[5],
                       kh[3]: s.get("koerier", 3)["email"]}
    return s


# --------------------------------------------------------------------------
# real estate  (Portuguese column names)
# --------------------------------------------------------------------------
def pt_phone(r):
    return "+351 9%d%d %03d %03d" % (r.choice([1, 2, 3, 6]), r.randrange(10), r.randrange(1000), r.randrange(1000))


def build_realestate():
    s = Store("realestate", "Portuguese real-estate agency: owners, tenants, agents, properties, "
              "leases, visits, maintenance requests, documents, property alerts", 3303, "pt_PT")
    rng, fk = s.rng, s.fake
    s.table("tipo_imovel", ["id INTEGER", "descricao TEXT"], pk=["id"])
    s.table("caracteristica", ["id INTEGER", "nome TEXT"], pk=["id"])
    s.table("corretor", ["id INTEGER", "nome TEXT", "email TEXT", "telefone TEXT",
                         "supervisor INTEGER", "licenca_ami TEXT"], pk=["id"])
    s.table("proprietario", ["id INTEGER", "nome TEXT", "email TEXT", "telefone TEXT", "nif TEXT",
                             "morada TEXT", "iban TEXT"], pk=["id"])
    s.table("inquilino", ["id INTEGER", "nome TEXT", "email TEXT", "telefone TEXT",
                          "data_nascimento TEXT", "nif TEXT", "profissao TEXT"], pk=["id"])
    s.table("imovel", ["id INTEGER", "referencia TEXT", "proprietario INTEGER",
                       "coproprietario INTEGER", "tipo INTEGER", "corretor_resp INTEGER",
                       "morada TEXT", "concelho TEXT", "andar INTEGER", "quartos INTEGER",
                       "area_m2 INTEGER", "renda_base REAL"], pk=["id"], unique=["referencia"])
    s.table("imovel_caracteristica", ["imovel_id INTEGER", "caracteristica_id INTEGER"])
    s.table("contrato", ["id INTEGER", "imovel_ref TEXT", "senhorio INTEGER",
                         "inquilino_principal INTEGER", "coinquilino INTEGER", "corretor INTEGER",
                         "data_inicio TEXT", "data_fim TEXT", "renda_mensal REAL",
                         "dia_vencimento INTEGER", "mes_atualizacao INTEGER"], pk=["id"])
    s.table("visita", ["id INTEGER", "imovel_id INTEGER", "interessado INTEGER", "corretor INTEGER",
                       "data_visita TEXT", "avaliacao INTEGER", "comentario TEXT"], pk=["id"])
    s.table("pedido_manutencao", ["id INTEGER", "imovel_id INTEGER", "pedido_por INTEGER",
                                  "descricao TEXT", "prioridade INTEGER", "estado TEXT",
                                  "criado_em TEXT"], pk=["id"])
    s.table("documento", ["id INTEGER", "titular_tipo TEXT", "titular_id INTEGER",
                          "tipo_documento TEXT", "ficheiro TEXT", "carregado_em TEXT"], pk=["id"])
    s.table("alerta_imovel", ["id INTEGER", "email TEXT", "tipo INTEGER", "concelho TEXT",
                              "preco_max INTEGER", "criado_em TEXT"], pk=["id"])

    s.ref("corretor", "supervisor", "corretor")
    s.ref("imovel", "proprietario", "proprietario")
    s.ref("imovel", "coproprietario", "proprietario")
    s.ref("imovel", "tipo", "tipo_imovel")
    s.ref("imovel", "corretor_resp", "corretor")
    s.ref("imovel_caracteristica", "imovel_id", "imovel")
    s.ref("imovel_caracteristica", "caracteristica_id", "caracteristica")
    s.ref("contrato", "imovel_ref", "imovel", "referencia")
    s.ref("contrato", "senhorio", "proprietario")
    s.ref("contrato", "inquilino_principal", "inquilino")
    s.ref("contrato", "coinquilino", "inquilino")
    s.ref("contrato", "corretor", "corretor")
    s.ref("visita", "imovel_id", "imovel")
    s.ref("visita", "interessado", "inquilino")
    s.ref("visita", "corretor", "corretor")
    s.ref("pedido_manutencao", "imovel_id", "imovel")
    s.ref("pedido_manutencao", "pedido_por", "inquilino")
    s.ref("alerta_imovel", "email", "inquilino", "email", casefold=True)
    s.ref("alerta_imovel", "tipo", "tipo_imovel")
    s.notref("imovel", "andar", "floor number 0-8")
    s.notref("imovel", "quartos", "number of bedrooms 1-5")
    s.notref("contrato", "dia_vencimento", "rent due day of month")
    s.notref("contrato", "mes_atualizacao", "month 1-12 of the yearly rent update")
    s.notref("visita", "avaliacao", "visitor's rating 1-5")
    s.notref("pedido_manutencao", "prioridade", "priority 1-3")
    s.notref("documento", "titular_id", "polymorphic: proprietario, inquilino or corretor id depending on titular_tipo")
    s.poly[("documento", "titular_id")] = ("titular_tipo", {"proprietario": "proprietario",
                                                            "inquilino": "inquilino",
                                                            "corretor": "corretor"})
    for t in ("proprietario", "inquilino", "corretor"):
        s.phone_cols[t] = "telefone"

    tipos = ["Apartamento", "Moradia", "Loja", "Escritório", "Terreno"]
    for i, t in enumerate(tipos, 1):
        s.add("tipo_imovel", {"id": i, "descricao": t})
    for i, c in enumerate(["Varanda", "Garagem", "Elevador", "Arrecadação", "Piscina",
                           "Jardim", "Ar condicionado", "Lareira"], 1):
        s.add("caracteristica", {"id": i, "nome": c})
    sup = {1: None, 2: 1, 3: 1, 4: 2, 5: 3, 6: 2}
    ch = {}
    for i in range(1, 7):
        hid = s.human(f"corretor {i}")
        ch[i] = hid
        first, last = fk.first_name(), fk.last_name()
        s.add("corretor", {"id": i, "nome": f"{first} {last}", "email": s.email(first, last, "casaviva.example.pt"),
                           "telefone": s.phone(pt_phone), "supervisor": sup[i],
                           "licenca_ami": "AMI-%05d" % rng.randrange(10**5)},
              about=[hid], mentions=[(ch.get(sup[i]), "supervisor")])
        s.link(hid, "corretor", i)
    ph_, pemail = {}, {}
    for i in range(1, 19):
        hid = s.human(f"proprietario {i}")
        first, last = fk.first_name(), fk.last_name()
        e = s.email(first, last)
        ph_[i], pemail[i] = hid, e
        s.add("proprietario", {"id": i, "nome": f"{first} {fk.last_name()} {last}", "email": e,
                               "telefone": s.phone(pt_phone), "nif": "%09d" % rng.randrange(10**8, 10**9),
                               "morada": fk.street_address(),
                               "iban": "PT50%021d" % rng.randrange(10**21)}, about=[hid])
        s.link(hid, "proprietario", i)
    ih, iemail = {}, {}
    for i in range(1, 46):
        if i == 14:  # owner 6 also rents (same e-mail, different case)
            hid = ph_[6]
            s.humans[hid]["label"] = "proprietario 6 / inquilino 14"
            prow = s.get("proprietario", 6)
            nome, e, tel = prow["nome"], prow["email"].upper(), prow["telefone"]
            iemail[i] = prow["email"]
        else:
            hid = s.human(f"inquilino {i}")
            first, last = fk.first_name(), fk.last_name()
            nome, e, tel = f"{first} {last}", s.email(first, last), s.phone(pt_phone)
            iemail[i] = e
        ih[i] = hid
        s.add("inquilino", {"id": i, "nome": nome, "email": e, "telefone": tel,
                            "data_nascimento": day(rng, "1955-01-01", "2003-12-31"),
                            "nif": "%09d" % rng.randrange(10**8, 10**9), "profissao": fk.job()[:40]},
              about=[hid])
        s.link(hid, "inquilino", i)

    # properties 1..35
    owners = [2, 2, 2, 6, 6] + [rng.randint(1, 18) for _ in range(30)]
    owners = [o if o not in (2, 6) else rng.choice([1, 3, 4, 5, 7, 8]) for o in owners[5:]]
    owners = [2, 2, 2, 6, 6] + owners
    order = list(range(35))
    rng.shuffle(order)
    owner_of = {}
    coown = {}
    refs = set()
    prefixes = {"Lisboa": "LX", "Porto": "PT", "Coimbra": "CB", "Faro": "FR", "Braga": "BR"}
    imo = {}
    for i in range(1, 36):
        o = owners[order[i - 1]]
        co = None
        if o == 2 and 2 not in coown.values():
            co = 11
            coown[i] = 2
        elif o == 8 and 8 not in coown.values():
            co = 9
            coown[i] = 8
        conc = rng.choice(list(prefixes))
        while True:
            r = "%s-%04d" % (prefixes[conc], rng.randrange(100, 10000))
            if r not in refs:
                refs.add(r)
                break
        tipo = rng.choice([1, 1, 1, 2, 2, 3, 4, 5])
        cr = rng.randint(1, 6)
        about = {ph_[o]} | ({ph_[co]} if co else set())
        imo[i] = {"ref": r, "owner": o, "co": co, "about": about}
        s.add("imovel", {"id": i, "referencia": r, "proprietario": o, "coproprietario": co,
                         "tipo": tipo, "corretor_resp": cr, "morada": fk.street_address(),
                         "concelho": conc, "andar": rng.randint(0, 8) if tipo in (1, 4) else 0,
                         "quartos": rng.randint(1, 5) if tipo in (1, 2) else None,
                         "area_m2": rng.randint(35, 320), "renda_base": float(rng.randrange(450, 2600, 25))},
              about=about, mentions=[(ch[cr], "corretor_resp")])
        for c in sorted(rng.sample(range(1, 9), rng.randint(1, 4))):
            s.add("imovel_caracteristica", {"imovel_id": i, "caracteristica_id": c})
    # leases
    props = list(range(1, 36))
    rng.shuffle(props)
    tenants = [t for t in range(1, 36) if t not in (3, 5, 14, 20, 27)]
    rng.shuffle(tenants)
    lspecs = []
    prop_not2 = [p for p in props if imo[p]["owner"] not in (2, 6)]
    prop_2 = [p for p in props if imo[p]["owner"] == 2]
    used_props = set()
    lspecs.append({"p": prop_not2[0], "t": 3, "co": 27})
    lspecs.append({"p": prop_2[0], "t": 5, "co": None})
    lspecs.append({"p": prop_2[1], "t": tenants.pop(), "co": tenants.pop()})
    lspecs.append({"p": prop_not2[1], "t": 14, "co": None})
    used_props.update([prop_not2[0], prop_2[0], prop_2[1], prop_not2[1]])
    for p in props:
        if p in used_props or imo[p]["owner"] == 2 or not tenants:
            continue
        if rng.random() < 0.8:
            co = tenants.pop() if rng.random() < 0.2 and len(tenants) > 1 else None
            lspecs.append({"p": p, "t": tenants.pop(), "co": co})
    for l in lspecs:
        l["start"] = day(rng, "2019-01-01", "2024-03-01")
    lspecs.sort(key=lambda x: (x["start"], x["p"]))
    lease_of = {}
    for i, l in enumerate(lspecs, 1):
        m = imo[l["p"]]
        cr = rng.randint(1, 6)
        about = set(m["about"]) | {ih[l["t"]]} | ({ih[l["co"]]} if l["co"] else set())
        s.add("contrato", {"id": i, "imovel_ref": m["ref"], "senhorio": m["owner"],
                           "inquilino_principal": l["t"], "coinquilino": l["co"], "corretor": cr,
                           "data_inicio": l["start"], "data_fim": add_days(l["start"], 365 * rng.choice([1, 2, 3, 5])),
                           "renda_mensal": float(rng.randrange(450, 2600, 25)),
                           "dia_vencimento": rng.choice([1, 1, 5, 8, 10, 15, 20, 25]),
                           "mes_atualizacao": rng.randint(1, 12)},
              about=about, mentions=[(ch[cr], "corretor")])
        for t in (l["t"], l["co"]):
            if t:
                lease_of.setdefault(t, []).append(l["p"])
    # visits
    vis = [(rng.randint(1, 45), rng.randint(1, 35)) for _ in range(120)]
    vis += [(20, rng.randint(1, 35)) for _ in range(3)] + [(3, rng.randint(1, 35)) for _ in range(2)]
    vis += [(14, prop_2[0])]
    vis = sorted((day(rng, "2018-06-01", "2024-06-30"), v, p) for v, p in vis)
    for i, (d, v, p) in enumerate(vis, 1):
        cr = rng.randint(1, 6)
        s.add("visita", {"id": i, "imovel_id": p, "interessado": v, "corretor": cr,
                         "data_visita": d, "avaliacao": rng.choice([None, 1, 2, 3, 4, 5, 4, 5]),
                         "comentario": rng.choice(["Gostou da luz", "Achou caro", "Pouco espaço",
                                                   "Quer voltar com a família", "Sem garagem", ""])},
              about=[ih[v]], mentions=[(ch[cr], "corretor")])
    # maintenance requests
    req = []
    for t, ps in sorted(lease_of.items()):
        for _ in range(rng.choice([0, 1, 1, 2])):
            req.append((t, rng.choice(ps)))
    req += [(3, lease_of[3][0]), (3, lease_of[3][0]), (14, lease_of[14][0])]
    req = sorted((stamp(rng, "2020-01-01", "2024-06-30"), t, p) for t, p in req)
    for i, (at, t, p) in enumerate(req, 1):
        s.add("pedido_manutencao", {"id": i, "imovel_id": p, "pedido_por": t,
                                    "descricao": rng.choice(["Infiltração na casa de banho", "Esquentador avariado",
                                                             "Estore partido", "Fechadura encravada", "Humidade no quarto"]),
                                    "prioridade": rng.randint(1, 3),
                                    "estado": rng.choice(["aberto", "resolvido", "resolvido"]),
                                    "criado_em": at}, about=[ih[t]])
    # documents (polymorphic)
    docs = [("proprietario", rng.randint(1, 18)) for _ in range(25)] + \
           [("inquilino", rng.randint(1, 45)) for _ in range(45)] + \
           [("corretor", rng.randint(1, 6)) for _ in range(6)] + \
           [("proprietario", 2), ("proprietario", 2), ("inquilino", 3), ("inquilino", 3),
            ("proprietario", 6), ("inquilino", 14), ("corretor", 1), ("inquilino", 20),
            ("corretor", 3), ("proprietario", 3), ("inquilino", 2), ("proprietario", 20 - 6)]
    docs = sorted((stamp(rng, "2018-01-01", "2024-06-30"), t, x) for t, x in docs)
    hmap = {"proprietario": ph_, "inquilino": ih, "corretor": ch}
    for i, (at, t, x) in enumerate(docs, 1):
        kind = {"proprietario": ["Caderneta predial", "Certidão permanente", "Cartão de cidadão"],
                "inquilino": ["Recibo de vencimento", "Cartão de cidadão", "Declaração IRS"],
                "corretor": ["Contrato de trabalho", "Certificado AMI"]}[t]
        k = rng.choice(kind)
        s.add("documento", {"id": i, "titular_tipo": t, "titular_id": x, "tipo_documento": k,
                            "ficheiro": "doc_%05d.pdf" % rng.randrange(10**5), "carregado_em": at},
              about=[hmap[t][x]])
    # alerts by e-mail
    al = [rng.randint(1, 45) for _ in range(44)] + [20, 20, 3, 14]
    al = sorted((stamp(rng, "2022-01-01", "2024-06-30"), t) for t in al)
    for i, (at, t) in enumerate(al, 1):
        e = iemail[t] if rng.random() < 0.35 else case_variant(iemail[t], rng)
        s.add("alerta_imovel", {"id": i, "email": e, "tipo": rng.choice([1, 1, 2, 3, 4]),
                                "concelho": rng.choice(list(prefixes)),
                                "preco_max": rng.randrange(500, 3000, 100), "criado_em": at},
              about=[ih[t]])
    s.subjects += [("proprietario2-realestate", ph_[2]), ("inquilino3-realestate", ih[3]),
                   ("inquilino20-realestate", ih[20]), ("proprietario6-inquilino14-realestate", ph_[6]),
                   ("corretor1-realestate", ch[1])]
    s.subject_email = {ph_[2]: pemail[2], ih[3]: iemail[3], ih[20]: iemail[20], ph_[6]: pemail[6],
                       ch[1]: s.get("corretor", 1)["email"]}
    return s


# --------------------------------------------------------------------------
# gym  (camelCase)
# --------------------------------------------------------------------------
def us_phone(r):
    return "(%03d) 555-%04d" % (r.randint(201, 989), r.randrange(10000))


def build_gym():
    s = Store("gym", "Fitness chain (camelCase schema): members, coaches, clubs, plans, classes, "
              "sessions, bookings, payments, body measurements, personal training, trial requests",
              4404, "en_US")
    rng, fk = s.rng, s.fake
    s.table("club", ["clubId INTEGER", "clubName TEXT", "city TEXT"], pk=["clubId"])
    s.table("membershipPlan", ["planId INTEGER", "planName TEXT", "monthlyFee REAL"], pk=["planId"])
    s.table("coach", ["coachId INTEGER", "firstName TEXT", "lastName TEXT", "email TEXT", "phone TEXT",
                      "headCoach INTEGER", "certification TEXT", "hiredOn TEXT"], pk=["coachId"])
    s.table("member", ["memberId INTEGER", "firstName TEXT", "lastName TEXT", "email TEXT",
                       "phone TEXT", "birthDate TEXT", "planId INTEGER", "homeClubId INTEGER",
                       "referredBy INTEGER", "legacyCustomerId INTEGER", "lockerNo INTEGER",
                       "accessCardUid TEXT", "joinedAt TEXT"], pk=["memberId"], unique=["accessCardUid"])
    s.table("gymClass", ["classId INTEGER", "title TEXT", "coach INTEGER", "clubId INTEGER",
                         "weekday INTEGER", "level INTEGER", "capacity INTEGER"], pk=["classId"])
    s.table("classSession", ["sessionId INTEGER", "classId INTEGER", "startsAt TEXT", "roomNo INTEGER"],
            pk=["sessionId"])
    s.table("booking", ["sessionId INTEGER", "mbrId INTEGER", "bookedAt TEXT", "status TEXT",
                        "spotNo INTEGER"], pk=["sessionId", "mbrId"])
    s.table("payment", ["paymentId INTEGER", "memberRef INTEGER", "amount REAL", "paidAt TEXT",
                        "periodMonth INTEGER", "periodYear INTEGER", "method TEXT"], pk=["paymentId"])
    s.table("bodyMeasurement", ["measurementId INTEGER", "mbrFk INTEGER", "takenBy INTEGER",
                                "measuredAt TEXT", "weightKg REAL", "bodyFatPct REAL", "visitNo INTEGER"],
            pk=["measurementId"])
    s.table("personalTraining", ["ptId INTEGER", "memberId INTEGER", "coachId INTEGER",
                                 "startsAt TEXT", "durationMin INTEGER", "rating INTEGER"], pk=["ptId"])
    s.table("accessLog", ["cardUid TEXT", "clubId INTEGER", "enteredAt TEXT"])
    s.table("trialRequest", ["requestId INTEGER", "email TEXT", "clubId INTEGER", "requestedAt TEXT",
                             "source TEXT"], pk=["requestId"])

    s.ref("coach", "headCoach", "coach")
    s.ref("member", "planId", "membershipPlan")
    s.ref("member", "homeClubId", "club")
    s.ref("member", "referredBy", "member")
    s.ref("gymClass", "coach", "coach")
    s.ref("gymClass", "clubId", "club")
    s.ref("classSession", "classId", "gymClass")
    s.ref("booking", "sessionId", "classSession")
    s.ref("booking", "mbrId", "member")
    s.ref("payment", "memberRef", "member")
    s.ref("bodyMeasurement", "mbrFk", "member")
    s.ref("bodyMeasurement", "takenBy", "coach")
    s.ref("personalTraining", "memberId", "member")
    s.ref("personalTraining", "coachId", "coach")
    s.ref("accessLog", "cardUid", "member", "accessCardUid")
    s.ref("accessLog", "clubId", "club")
    s.ref("trialRequest", "clubId", "club")
    s.notref("member", "legacyCustomerId", "customer number from the previous membership software")
    s.notref("member", "lockerNo", "locker number")
    s.notref("gymClass", "weekday", "day of week 1-7")
    s.notref("gymClass", "level", "difficulty 1-3")
    s.notref("gymClass", "capacity", "maximum participants")
    s.notref("classSession", "roomNo", "studio room 1-5")
    s.notref("booking", "spotNo", "bike/mat spot number in the room")
    s.notref("payment", "periodMonth", "month 1-12 the payment covers")
    s.notref("bodyMeasurement", "visitNo", "n-th measurement visit of the member")
    s.notref("personalTraining", "rating", "member's rating of the session 1-5")
    s.notref("personalTraining", "durationMin", "duration in minutes")
    s.notref("trialRequest", "email", "prospects' e-mails; only some belong to members, so not a reference")
    s.phone_cols["member"] = "phone"
    s.phone_cols["coach"] = "phone"

    for i, (n, c) in enumerate([("Downtown", "Portland"), ("Riverside", "Portland"), ("Eastgate", "Beaverton")], 1):
        s.add("club", {"clubId": i, "clubName": n, "city": c})
    for i, (n, f) in enumerate([("Basic", 29.0), ("Plus", 49.0), ("Premium", 79.0)], 1):
        s.add("membershipPlan", {"planId": i, "planName": n, "monthlyFee": f})
    head = {1: None, 2: 1, 3: 1, 4: 2, 5: 2, 6: 1, 7: 3, 8: 3}
    chh = {}
    for i in range(1, 9):
        first, last = fk.first_name(), fk.last_name()
        hid = s.human(f"coach {i}")
        chh[i] = hid
        s.add("coach", {"coachId": i, "firstName": first, "lastName": last,
                        "email": s.email(first, last, "ironworks.example.com"), "phone": s.phone(us_phone),
                        "headCoach": head[i], "certification": rng.choice(["NASM-CPT", "ACE", "ISSA", "CrossFit L2"]),
                        "hiredOn": day(rng, "2014-01-01", "2022-12-31")},
              about=[hid], mentions=[(chh.get(head[i]), "headCoach")])
        s.link(hid, "coach", i)
    NM = 130
    mh, memail, mjoin = {}, {}, {}
    subj = {2, 5, 7, 30, 96}
    for m in range(1, NM + 1):
        if m == 96:  # re-registration of member 7 after a lapse
            hid = mh[7]
            s.humans[hid]["label"] = "member 7 / member 96"
            r7 = s.get("member", 7)
            first, last = r7["firstName"], r7["lastName"]
            e = ".".join(p.capitalize() for p in memail[7].split("@")[0].split(".")) + "@" + memail[7].split("@")[1]
            if e == memail[7]:
                e = memail[7].upper()
            phone = s.phone(us_phone)
            joined = stamp(rng, "2023-09-01", "2023-10-15")
            bd = r7["birthDate"]
        else:
            first, last = fk.first_name(), fk.last_name()
            hid = s.human(f"member {m}")
            e = s.email(first, last)
            phone = s.phone(us_phone)
            joined = stamp(rng, "2018-01-01", "2024-01-31")
            if m == 7:
                joined = stamp(rng, "2019-01-01", "2019-12-31")
            bd = day(rng, "1960-01-01", "2005-12-31")
        mh[m], mjoin[m] = hid, joined
        if m != 96:
            memail[m] = e
        rb = None
        if m == 30:
            rb = 2
        elif m > 8 and m not in subj and rng.random() < 0.18:
            rb = rng.choice([x for x in range(1, m) if x not in (5, 7, 30, 96)])
        s.add("member", {"memberId": m, "firstName": first, "lastName": last, "email": e, "phone": phone,
                         "birthDate": bd, "planId": rng.randint(1, 3), "homeClubId": rng.randint(1, 3),
                         "referredBy": rb,
                         "legacyCustomerId": rng.randint(1, 400) if joined < "2021" else None,
                         "lockerNo": rng.randint(1, 80) if rng.random() < 0.4 else None,
                         "accessCardUid": ruuid(rng), "joinedAt": joined},
              about=[hid], mentions=[(mh.get(rb), "referredBy")])
        s.link(hid, "member", m)
    titles = ["Spin", "HIIT", "Yoga Flow", "Pilates", "Boxing", "Zumba", "Kettlebells", "Core Blast",
              "Barre", "Mobility", "Bootcamp", "Aqua Fit", "Power Lift", "Stretch", "Step", "TRX",
              "Cardio Dance", "Body Pump", "Circuit", "Rowing"]
    cls = {}
    for i, t in enumerate(titles, 1):
        co = rng.randint(1, 8)
        cap = rng.randint(8, 25)
        cls[i] = cap
        s.add("gymClass", {"classId": i, "title": t, "coach": co, "clubId": rng.randint(1, 3),
                           "weekday": rng.randint(1, 7), "level": rng.randint(1, 3), "capacity": cap},
              mentions=[(chh[co], "coach")])
    sess = sorted((stamp(rng, "2023-10-01", "2024-06-30", 6, 20)[:14] + "00:00", rng.randint(1, 20)) for _ in range(240))
    for i, (at, c) in enumerate(sess, 1):
        s.add("classSession", {"sessionId": i, "classId": c, "startsAt": at, "roomNo": rng.randint(1, 5)})
    active = [m for m in range(1, NM + 1) if m != 7]
    for i, (at, c) in enumerate(sess, 1):
        k = rng.randint(3, min(cls[c], 12))
        ms = rng.sample(active, k)
        if i % 17 == 0 and 96 not in ms:
            ms.append(96)
        if i % 23 == 0 and 2 not in ms:
            ms.append(2)
        spots = rng.sample(range(1, 26), len(ms))
        for m, sp in zip(sorted(ms), spots):
            s.add("booking", {"sessionId": i, "mbrId": m, "bookedAt": stamp(rng, add_days(at, -6), add_days(at, -1)),
                              "status": rng.choice(["attended", "attended", "attended", "no-show", "cancelled"]),
                              "spotNo": sp}, about=[mh[m]])
    pays = []
    for m in range(1, NM + 1):
        if m == 7:
            months = [(2019, x) for x in range(3, 13)] + [(2020, x) for x in range(1, 7)]
            months = months[:9]
        elif m == 96:
            months = [(2023, 10), (2023, 11), (2023, 12), (2024, 1), (2024, 2), (2024, 3)]
        else:
            start = rng.randint(1, 6)
            months = [(2024, x) for x in range(start, start + rng.randint(2, 6)) if x <= 12]
        for y, mo in months:
            pays.append(("%d-%02d-%02d" % (y, mo, rng.randint(1, 5)), m, y, mo))
    pays.sort()
    fees = {1: 29.0, 2: 49.0, 3: 79.0}
    for i, (d, m, y, mo) in enumerate(pays, 1):
        s.add("payment", {"paymentId": i, "memberRef": m, "amount": fees[s.get("member", m)["planId"]],
                          "paidAt": d, "periodMonth": mo, "periodYear": y,
                          "method": rng.choice(["card", "card", "sepa", "cash"])}, about=[mh[m]])
    meas = []
    for m in rng.sample(range(1, NM + 1), 60) + [2, 2, 96, 7, 5]:
        for _ in range(rng.randint(1, 4)):
            meas.append((stamp(rng, "2019-02-01", "2024-06-30"), m))
    meas.sort()
    visit = {}
    for i, (at, m) in enumerate(meas, 1):
        visit[m] = visit.get(m, 0) + 1
        tb = rng.randint(1, 8)
        s.add("bodyMeasurement", {"measurementId": i, "mbrFk": m, "takenBy": tb, "measuredAt": at,
                                  "weightKg": round(rng.uniform(48, 120), 1),
                                  "bodyFatPct": round(rng.uniform(8, 38), 1), "visitNo": visit[m]},
              about=[mh[m]], mentions=[(chh[tb], "takenBy")])
    pts = sorted((stamp(rng, "2023-01-01", "2024-06-30", 6, 20), m, c) for m, c in
                 [(rng.randint(1, NM), rng.randint(1, 8)) for _ in range(140)] + [(2, 3), (96, 3), (5, 1)])
    for i, (at, m, c) in enumerate(pts, 1):
        s.add("personalTraining", {"ptId": i, "memberId": m, "coachId": c, "startsAt": at,
                                   "durationMin": rng.choice([30, 45, 60]), "rating": rng.choice([None, 3, 4, 5, 5, 2])},
              about=[mh[m]], mentions=[(chh[c], "coachId")])
    for _ in range(2000):
        m = rng.randint(1, NM)
        if m == 7:
            m = 96
        s.add("accessLog", {"cardUid": s.get("member", m)["accessCardUid"], "clubId": rng.randint(1, 3),
                            "enteredAt": stamp(rng, "2024-01-01", "2024-06-30", 5, 22)})
    tr = []
    for _ in range(38):
        first, last = fk.first_name(), fk.last_name()
        hid = s.human("a prospect (not a member)")
        tr.append((stamp(rng, "2017-06-01", "2024-06-30"), s.email(first, last), hid))
    for m in rng.sample(range(8, NM + 1), 18) + [30, 7, 5]:
        if m in (96,):
            continue
        e = case_variant(memail[m], rng) if rng.random() < 0.6 else memail[m]
        at = stamp(rng, add_days(mjoin[m], -40), add_days(mjoin[m], -3))
        tr.append((at, e, mh[m]))
    tr.sort()
    for i, (at, e, hid) in enumerate(tr, 1):
        s.add("trialRequest", {"requestId": i, "email": e, "clubId": rng.randint(1, 3), "requestedAt": at,
                               "source": rng.choice(["website", "instagram", "flyer", "friend"])}, about=[hid])
    s.subjects += [("member7-member96-gym", mh[7]), ("member2-gym", mh[2]), ("member30-gym", mh[30]),
                   ("member5-gym", mh[5]), ("coach3-gym", chh[3])]
    s.subject_email = {mh[7]: memail[7], mh[2]: memail[2], mh[30]: memail[30], mh[5]: memail[5],
                       chh[3]: s.get("coach", 3)["email"]}
    return s


# --------------------------------------------------------------------------
# library  (Swedish column names)
# --------------------------------------------------------------------------
def se_phone(r):
    return "07%d-%03d %02d %02d" % (r.choice([0, 2, 3, 6]), r.randrange(1000), r.randrange(100), r.randrange(100))


def build_library():
    s = Store("library", "Swedish public library: patrons (children with guardians), librarians, branches, "
              "books, copies, loans, holds, fines, payments, notes, newsletter", 5505, "sv_SE")
    rng, fk = s.rng, s.fake
    s.table("filial", ["filial_id INTEGER", "namn TEXT", "ort TEXT"], pk=["filial_id"])
    s.table("kategori", ["kategori_id INTEGER", "namn TEXT"], pk=["kategori_id"])
    s.table("bibliotekarie", ["bibliotekarie_id INTEGER", "namn TEXT", "epost TEXT", "telefon TEXT",
                              "chef_id INTEGER", "filial_id INTEGER", "anstalld TEXT"], pk=["bibliotekarie_id"])
    s.table("lantagare", ["lantagare_nr INTEGER", "fornamn TEXT", "efternamn TEXT", "epost TEXT",
                          "telefon TEXT", "personnummer TEXT", "hemfilial INTEGER", "kortnummer TEXT",
                          "vardnadshavare INTEGER", "registrerad TEXT"], pk=["lantagare_nr"])
    s.table("bok", ["bok_id INTEGER", "titel TEXT", "forfattare TEXT", "isbn TEXT", "kategori INTEGER",
                    "utgivningsar INTEGER", "hyllnr INTEGER"], pk=["bok_id"])
    s.table("exemplar", ["streckkod TEXT", "bok_id INTEGER", "filial_id INTEGER", "skick TEXT"], pk=["streckkod"])
    s.table("lan", ["lan_id INTEGER", "streckkod TEXT", "lantagare_ref INTEGER", "utlanad_av INTEGER",
                    "utlanat TEXT", "forfallodatum TEXT", "atersant TEXT", "omlan_antal INTEGER"], pk=["lan_id"])
    s.table("reservation", ["reservation_id INTEGER", "bok INTEGER", "lantagare_epost TEXT",
                            "koplats INTEGER", "skapad TEXT", "hamtas_filial INTEGER"], pk=["reservation_id"])
    s.table("avgift", ["avgift_id INTEGER", "lan_nr INTEGER", "belopp REAL", "orsak TEXT",
                       "registrerad_av INTEGER"], pk=["avgift_id"])
    s.table("inbetalning", ["inbetalning_id INTEGER", "avgift_ref INTEGER", "belopp REAL",
                            "betald TEXT", "kassa_nr INTEGER"], pk=["inbetalning_id"])
    s.table("anteckning", ["anteckning_id INTEGER", "objekt_typ TEXT", "objekt_id INTEGER",
                           "anteckning TEXT", "skriven_av INTEGER", "skapad TEXT"], pk=["anteckning_id"])
    s.table("nyhetsbrev", ["prenumeration_id INTEGER", "epost TEXT", "sedan TEXT", "amnen TEXT"],
            pk=["prenumeration_id"])
    s.table("aktivitetslogg", ["lantagare_nr INTEGER", "handling TEXT", "tidpunkt TEXT"])

    s.ref("bibliotekarie", "chef_id", "bibliotekarie")
    s.ref("bibliotekarie", "filial_id", "filial")
    s.ref("lantagare", "hemfilial", "filial")
    s.ref("lantagare", "vardnadshavare", "lantagare")
    s.ref("bok", "kategori", "kategori")
    s.ref("exemplar", "bok_id", "bok")
    s.ref("exemplar", "filial_id", "filial")
    s.ref("lan", "streckkod", "exemplar")
    s.ref("lan", "lantagare_ref", "lantagare")
    s.ref("lan", "utlanad_av", "bibliotekarie")
    s.ref("reservation", "bok", "bok")
    s.ref("reservation", "lantagare_epost", "lantagare", "epost", casefold=True)
    s.ref("reservation", "hamtas_filial", "filial")
    s.ref("avgift", "lan_nr", "lan")
    s.ref("avgift", "registrerad_av", "bibliotekarie")
    s.ref("inbetalning", "avgift_ref", "avgift")
    s.ref("anteckning", "skriven_av", "bibliotekarie")
    s.ref("aktivitetslogg", "lantagare_nr", "lantagare")
    s.notref("lantagare", "kortnummer", "number printed on the library card (card system), not a row id")
    s.notref("bok", "hyllnr", "shelf number")
    s.notref("bok", "utgivningsar", "publication year")
    s.notref("lan", "omlan_antal", "number of renewals 0-3")
    s.notref("reservation", "koplats", "position in the hold queue")
    s.notref("inbetalning", "kassa_nr", "cash-desk number 1-4")
    s.notref("anteckning", "objekt_id", "polymorphic: lantagare_nr or bok_id depending on objekt_typ")
    s.notref("nyhetsbrev", "epost", "subscriber e-mails, many of non-patrons; not a reference")
    s.poly[("anteckning", "objekt_id")] = ("objekt_typ", {"lantagare": "lantagare", "bok": "bok"})
    s.phone_cols["lantagare"] = "telefon"
    s.phone_cols["bibliotekarie"] = "telefon"

    for i, (n, o) in enumerate([("Stadsbiblioteket", "Uppsala"), ("Gottsunda", "Uppsala"),
                                ("Sävja", "Uppsala"), ("Storvreta", "Uppsala")], 1):
        s.add("filial", {"filial_id": i, "namn": n, "ort": o})
    kats = ["Skönlitteratur", "Deckare", "Barn", "Ungdom", "Historia", "Naturvetenskap", "Kokböcker",
            "Resor", "Biografier", "Poesi"]
    for i, k in enumerate(kats, 1):
        s.add("kategori", {"kategori_id": i, "namn": k})
    chef = {1: None, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1}
    bh, bemail = {}, {}
    for i in range(1, 7):
        first, last = fk.first_name(), fk.last_name()
        hid = s.human(f"bibliotekarie {i}")
        bh[i] = hid
        e = s.email(first, last, "bibliotek.example.se")
        bemail[i] = e
        s.add("bibliotekarie", {"bibliotekarie_id": i, "namn": f"{first} {last}", "epost": e,
                                "telefon": s.phone(se_phone), "chef_id": chef[i], "filial_id": rng.randint(1, 4),
                                "anstalld": day(rng, "2005-01-01", "2022-01-01")},
              about=[hid], mentions=[(bh.get(chef[i]), "chef_id")])
        s.link(hid, "bibliotekarie", i)
    NP = 180
    lh, lemail = {}, {}
    children = {40: 3, 41: 3, 55: 54, 77: 76, 120: 119}
    for p in range(1, NP + 1):
        if p == 12:  # librarian 4 is also a patron, same e-mail
            hid = bh[4]
            s.humans[hid]["label"] = "bibliotekarie 4 / lantagare 12"
            r = s.get("bibliotekarie", 4)
            first, last = r["namn"].split(" ", 1)
            e, tel = bemail[4], r["telefon"]
        else:
            first, last = fk.first_name(), fk.last_name()
            hid = s.human(f"lantagare {p}")
            if p in children:
                last = s.get("lantagare", children[p])["efternamn"]
            e = s.email(first, last) if (p not in children or p == 40) else None
            tel = s.phone(se_phone)
        born = day(rng, "2008-01-01", "2015-12-31") if p in children else day(rng, "1940-01-01", "2004-12-31")
        lh[p], lemail[p] = hid, e
        g = children.get(p)
        s.add("lantagare", {"lantagare_nr": p, "fornamn": first, "efternamn": last, "epost": e,
                            "telefon": tel, "personnummer": born.replace("-", "")[2:] + "-%04d" % rng.randrange(10**4),
                            "hemfilial": rng.randint(1, 4), "kortnummer": "2000%08d" % rng.randrange(10**8),
                            "vardnadshavare": g, "registrerad": day(rng, max(born, "2010-01-01"), "2024-01-01")},
              about=[hid], mentions=[(lh.get(g), "vardnadshavare")])
        s.link(hid, "lantagare", p)
    w1 = ["Den", "Det", "En", "Ett", "Sista", "Mörka", "Tysta", "Röda", "Gamla", "Stora"]
    w2 = ["huset", "sommaren", "vägen", "skogen", "flickan", "staden", "ön", "hemligheten", "resan", "vintern"]
    w3 = ["", "", " vid havet", " i norr", " som försvann", " och jag", " på landet"]
    NB = 300
    for b in range(1, NB + 1):
        s.add("bok", {"bok_id": b, "titel": f"{rng.choice(w1)} {rng.choice(w2)}{rng.choice(w3)}".capitalize(),
                      "forfattare": fk.name(), "isbn": "978-91-%d-%04d-%d" % (rng.randint(10, 99), rng.randrange(10**4), rng.randrange(10)),
                      "kategori": rng.randint(1, 10), "utgivningsar": rng.randint(1950, 2024),
                      "hyllnr": rng.randint(1, 40)})
    codes = []
    used = set()
    for b in range(1, NB + 1):
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            while True:
                c = "3004%06d" % rng.randrange(10**6)
                if c not in used:
                    used.add(c)
                    break
            codes.append(c)
            s.add("exemplar", {"streckkod": c, "bok_id": b, "filial_id": rng.randint(1, 4),
                               "skick": rng.choice(["bra", "bra", "sliten", "ny"])})
    adults = [p for p in range(1, NP + 1) if p not in children]
    loans = [rng.choice(adults + [40, 41, 55]) for _ in range(840)] + [3] * 9 + [40] * 4 + [12] * 4 + [7] * 2
    loans = sorted((stamp(rng, "2023-01-01", "2024-06-15", 10, 19), p, rng.choice(codes)) for p in loans)
    lan_rows = []
    for i, (at, p, c) in enumerate(loans, 1):
        due = add_days(at, 28)
        late = rng.random() < 0.15 or (p in (3, 40) and i % 3 == 0)
        ret = None if (at > "2024-05-20" and rng.random() < 0.7) else add_days(due, rng.randint(1, 30) if late else -rng.randint(0, 25))
        by = rng.randint(1, 6)
        s.add("lan", {"lan_id": i, "streckkod": c, "lantagare_ref": p, "utlanad_av": by, "utlanat": at,
                      "forfallodatum": due, "atersant": ret, "omlan_antal": rng.choice([0, 0, 0, 1, 1, 2, 3])},
              about=[lh[p]], mentions=[(bh[by], "utlanad_av")])
        if late and ret:
            lan_rows.append((i, p, ret))
    fine_id = 0
    pay_id = 0
    pays = []
    for i, p, ret in lan_rows:
        fine_id += 1
        by = rng.randint(1, 6)
        amt = float(rng.choice([10, 20, 30, 50, 80]))
        s.add("avgift", {"avgift_id": fine_id, "lan_nr": i, "belopp": amt, "orsak": "försenad återlämning",
                         "registrerad_av": by}, about=s.about_of("lan", i), mentions=[(bh[by], "registrerad_av")])
        if rng.random() < 0.7 or p in (3, 40):
            pays.append((add_days(ret, rng.randint(0, 40)), fine_id, amt))
    pays.sort()
    for j, (d, f, amt) in enumerate(pays, 1):
        s.add("inbetalning", {"inbetalning_id": j, "avgift_ref": f, "belopp": amt, "betald": d,
                              "kassa_nr": rng.randint(1, 4)}, about=s.about_of("avgift", f))
    with_mail = [p for p in range(1, NP + 1) if lemail[p]]
    holds = [rng.choice(with_mail) for _ in range(190)] + [3, 3, 7, 7, 40, 12]
    holds = sorted((stamp(rng, "2023-06-01", "2024-06-30"), p, rng.randint(1, NB)) for p in holds)
    for i, (at, p, b) in enumerate(holds, 1):
        e = lemail[p] if rng.random() < 0.4 else case_variant(lemail[p], rng)
        s.add("reservation", {"reservation_id": i, "bok": b, "lantagare_epost": e,
                              "koplats": rng.randint(1, 8), "skapad": at, "hamtas_filial": rng.randint(1, 4)},
              about=[lh[p]])
    notes = [("lantagare", rng.randint(1, NP)) for _ in range(38)] + [("bok", rng.randint(1, 40)) for _ in range(20)]
    notes += [("lantagare", 3), ("lantagare", 3), ("bok", 3), ("bok", 7), ("lantagare", 12), ("lantagare", 40)]
    notes = sorted((stamp(rng, "2022-01-01", "2024-06-30"), t, x) for t, x in notes)
    for i, (at, t, x) in enumerate(notes, 1):
        by = rng.randint(1, 6)
        txt = rng.choice(["Har meddelats om försenade böcker", "Bytt adress", "Spärrat kort, förlorat",
                          "Önskar storstil", "Skadat omslag", "Fel hyllplacering"])
        s.add("anteckning", {"anteckning_id": i, "objekt_typ": t, "objekt_id": x, "anteckning": txt,
                             "skriven_av": by, "skapad": at},
              about=[lh[x]] if t == "lantagare" else [], mentions=[(bh[by], "skriven_av")])
    subs = [(p, lemail[p]) for p in rng.sample(with_mail, 45) if p not in (3, 7, 12)] + \
           [(3, lemail[3]), (7, case_variant(lemail[7], rng)), (12, bemail[4].upper())]
    subs = [(lh[p], e) for p, e in subs]
    for _ in range(30):
        first, last = fk.first_name(), fk.last_name()
        subs.append((s.human("an outside subscriber (not a patron)"), s.email(first, last)))
    subs = sorted((day(rng, "2015-01-01", "2024-06-30"), e, hid) for hid, e in subs)
    for i, (d, e, hid) in enumerate(subs, 1):
        s.add("nyhetsbrev", {"prenumeration_id": i, "epost": e, "sedan": d,
                             "amnen": rng.choice(["evenemang", "barn", "nya böcker", "evenemang,nya böcker"])},
              about=[hid])
    for _ in range(1400):
        s.add("aktivitetslogg", {"lantagare_nr": rng.randint(1, NP),
                                 "handling": rng.choice(["inloggning", "förnyelse", "sökning", "reservation"]),
                                 "tidpunkt": stamp(rng, "2024-01-01", "2024-06-30", 0, 23)})
    s.subjects += [("lantagare3-library", lh[3]), ("lantagare40-library", lh[40]),
                   ("lantagare7-library", lh[7]), ("bibliotekarie4-lantagare12-library", bh[4]),
                   ("bibliotekarie2-library", bh[2])]
    s.subject_email = {lh[3]: lemail[3], lh[40]: lemail[40], lh[7]: lemail[7], bh[4]: bemail[4],
                       bh[2]: bemail[2]}
    return s


# --------------------------------------------------------------------------
# insurance  (Polish column names)
# --------------------------------------------------------------------------
def pl_phone(r):
    return "+48 %03d %03d %03d" % (r.choice([501, 502, 601, 602, 691, 721, 790, 881]), r.randrange(1000), r.randrange(1000))


def build_insurance():
    s = Store("insurance", "Polish insurance broker: policyholders, co-insured, beneficiaries, brokers, "
              "policies, claims, payouts, documents, marketing consents, contact log", 6606, "pl_PL")
    rng, fk = s.rng, s.fake
    s.table("posrednik", ["posrednik_id INTEGER", "imie TEXT", "nazwisko TEXT", "email TEXT",
                          "telefon TEXT", "numer_licencji TEXT"], pk=["posrednik_id"])
    s.table("rodzaj_polisy", ["kod TEXT", "nazwa TEXT"], pk=["kod"])
    s.table("status_szkody", ["status_id INTEGER", "nazwa TEXT"], pk=["status_id"])
    s.table("ubezpieczajacy", ["id INTEGER", "imie TEXT", "nazwisko TEXT", "email TEXT", "telefon TEXT",
                               "pesel TEXT", "miasto TEXT", "data_urodzenia TEXT",
                               "stary_numer_klienta INTEGER", "opiekun INTEGER"], pk=["id"])
    s.table("polisa", ["polisa_id INTEGER", "numer_polisy TEXT", "uuid TEXT", "ubezp_nr INTEGER",
                       "wspolubezpieczony INTEGER", "posrednik INTEGER", "rodzaj TEXT", "skladka REAL",
                       "liczba_rat INTEGER", "wariant INTEGER", "data_od TEXT", "data_do TEXT"],
            pk=["polisa_id"], unique=["numer_polisy", "uuid"])
    s.table("uposazony", ["uposazony_id INTEGER", "pol_id INTEGER", "imie TEXT", "nazwisko TEXT",
                          "email TEXT", "udzial_proc INTEGER", "pokrewienstwo TEXT", "osoba_ref INTEGER"],
            pk=["uposazony_id"])
    s.table("szkoda", ["szkoda_id INTEGER", "polisa_uuid TEXT", "data_zdarzenia TEXT", "zgloszono TEXT",
                       "opis TEXT", "kwota_roszczenia REAL", "status_id INTEGER", "zatwierdzil INTEGER",
                       "priorytet INTEGER"], pk=["szkoda_id"])
    s.table("wyplata", ["wyplata_id INTEGER", "szkoda_nr INTEGER", "kwota REAL", "data_wyplaty TEXT",
                        "odbiorca_uposazony INTEGER"], pk=["wyplata_id"])
    s.table("dokument", ["dokument_id INTEGER", "wlasciciel_typ TEXT", "wlasciciel_id INTEGER",
                         "nazwa_pliku TEXT", "dodano TEXT"], pk=["dokument_id"])
    s.table("zgoda_marketingowa", ["zgoda_id INTEGER", "email TEXT", "kanal TEXT", "wyrazona INTEGER",
                                   "data TEXT"], pk=["zgoda_id"])
    s.table("kontakt_log", ["ubezp INTEGER", "kanal TEXT", "telefon TEXT", "ts TEXT"])

    s.ref("ubezpieczajacy", "opiekun", "posrednik")
    s.ref("polisa", "ubezp_nr", "ubezpieczajacy")
    s.ref("polisa", "wspolubezpieczony", "ubezpieczajacy")
    s.ref("polisa", "posrednik", "posrednik")
    s.ref("polisa", "rodzaj", "rodzaj_polisy")
    s.ref("uposazony", "pol_id", "polisa")
    s.ref("uposazony", "osoba_ref", "ubezpieczajacy")
    s.ref("szkoda", "polisa_uuid", "polisa", "uuid")
    s.ref("szkoda", "status_id", "status_szkody")
    s.ref("szkoda", "zatwierdzil", "posrednik")
    s.ref("wyplata", "szkoda_nr", "szkoda")
    s.ref("wyplata", "odbiorca_uposazony", "uposazony")
    s.ref("zgoda_marketingowa", "email", "ubezpieczajacy", "email", casefold=True)
    s.ref("kontakt_log", "ubezp", "ubezpieczajacy")
    s.notref("ubezpieczajacy", "stary_numer_klienta", "client number from the legacy policy system")
    s.notref("polisa", "liczba_rat", "number of premium instalments")
    s.notref("polisa", "wariant", "cover variant 1-3")
    s.notref("uposazony", "udzial_proc", "beneficiary's share in percent")
    s.notref("szkoda", "priorytet", "claim priority 1-3")
    s.notref("dokument", "wlasciciel_id", "polymorphic: ubezpieczajacy, uposazony or szkoda id depending on wlasciciel_typ")
    s.notref("kontakt_log", "telefon", "number dialled; spouses share a landline, so it does not identify one person")
    s.poly[("dokument", "wlasciciel_id")] = ("wlasciciel_typ", {"ubezpieczajacy": "ubezpieczajacy",
                                                                "uposazony": "uposazony", "szkoda": "szkoda"})
    s.phone_cols["ubezpieczajacy"] = "telefon"
    s.phone_cols["posrednik"] = "telefon"

    pos_h = {}
    for i in range(1, 6):
        first, last = fk.first_name(), fk.last_name()
        hid = s.human(f"posrednik {i}")
        pos_h[i] = hid
        s.add("posrednik", {"posrednik_id": i, "imie": first, "nazwisko": last,
                            "email": s.email(first, last, "polbroker.example.pl"), "telefon": s.phone(pl_phone),
                            "numer_licencji": "KNF-%07d" % rng.randrange(10**7)}, about=[hid])
        s.link(hid, "posrednik", i)
    for k, n in [("OC", "OC komunikacyjne"), ("AC", "Autocasco"), ("DOM", "Ubezpieczenie domu"),
                 ("ZYC", "Ubezpieczenie na życie"), ("NNW", "Następstwa nieszczęśliwych wypadków"),
                 ("PODR", "Ubezpieczenie podróżne")]:
        s.add("rodzaj_polisy", {"kod": k, "nazwa": n})
    for i, n in enumerate(["zgłoszona", "w likwidacji", "odrzucona", "wypłacona", "zamknięta"], 1):
        s.add("status_szkody", {"status_id": i, "nazwa": n})
    NH = 110
    uh, uemail = {}, {}
    for i in range(1, NH + 1):
        first, last = fk.first_name(), fk.last_name()
        hid = s.human(f"ubezpieczajacy {i}")
        if i == 57:  # spouse of 4: same surname, same landline, own e-mail
            last = s.get("ubezpieczajacy", 4)["nazwisko"]
            tel = s.get("ubezpieczajacy", 4)["telefon"]
            miasto = s.get("ubezpieczajacy", 4)["miasto"]
        else:
            tel = s.phone(pl_phone)
            miasto = fk.city()
        e = s.email(first, last)
        uh[i], uemail[i] = hid, e
        born = day(rng, "1945-01-01", "2003-12-31")
        op = rng.randint(1, 5)
        s.add("ubezpieczajacy", {"id": i, "imie": first, "nazwisko": last, "email": e, "telefon": tel,
                                 "pesel": born.replace("-", "")[2:] + "%05d" % rng.randrange(10**5),
                                 "miasto": miasto, "data_urodzenia": born,
                                 "stary_numer_klienta": rng.randint(1, 500) if rng.random() < 0.6 else None,
                                 "opiekun": op}, about=[hid], mentions=[(pos_h[op], "opiekun")])
        s.link(hid, "ubezpieczajacy", i)
    pspecs = []
    for i in range(1, NH + 1):
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            pspecs.append({"h": i, "rodzaj": rng.choice(["OC", "OC", "AC", "DOM", "ZYC", "NNW", "PODR"]), "co": None})
    pspecs = [p for p in pspecs if p["h"] not in (2, 4, 57, 20, 33)]
    pspecs += [{"h": 4, "rodzaj": "OC", "co": None}, {"h": 4, "rodzaj": "AC", "co": None},
               {"h": 57, "rodzaj": "DOM", "co": 4}, {"h": 57, "rodzaj": "ZYC", "co": None},
               {"h": 57, "rodzaj": "OC", "co": None},
               {"h": 2, "rodzaj": "AC", "co": None}, {"h": 2, "rodzaj": "DOM", "co": None},
               {"h": 2, "rodzaj": "NNW", "co": None},
               {"h": 20, "rodzaj": "NNW", "co": None}, {"h": 33, "rodzaj": "ZYC", "co": None},
               {"h": 20, "rodzaj": "OC", "co": None}, {"h": 33, "rodzaj": "DOM", "co": 20}]
    for p in pspecs:
        if p["rodzaj"] == "DOM" and p["co"] is None and p["h"] not in (2,) and rng.random() < 0.3:
            p["co"] = rng.choice([x for x in range(1, NH + 1) if x not in (p["h"], 2, 4, 57, 20, 33, 9)])
        p["od"] = day(rng, "2019-01-01", "2024-01-01")
    pspecs.sort(key=lambda x: (x["od"], x["h"]))
    nums, pol_by = set(), {}
    for i, p in enumerate(pspecs, 1):
        while True:
            n = "PL/%s/%06d" % (p["od"][:4], rng.randrange(10**6))
            if n not in nums:
                nums.add(n)
                break
        u = ruuid(rng)
        pr = rng.randint(1, 5)
        about = {uh[p["h"]]} | ({uh[p["co"]]} if p["co"] else set())
        p.update(id=i, uuid=u, about=about)
        pol_by[(p["h"], p["rodzaj"])] = p
        s.add("polisa", {"polisa_id": i, "numer_polisy": n, "uuid": u, "ubezp_nr": p["h"],
                         "wspolubezpieczony": p["co"], "posrednik": pr, "rodzaj": p["rodzaj"],
                         "skladka": round(rng.uniform(180, 4200), 2), "liczba_rat": rng.choice([1, 1, 2, 4, 12]),
                         "wariant": rng.randint(1, 3), "data_od": p["od"], "data_do": add_days(p["od"], 364)},
              about=about, mentions=[(pos_h[pr], "posrednik")])
    # beneficiaries
    x_first, x_last = fk.first_name(), s.get("ubezpieczajacy", 20)["nazwisko"]
    x_hid = s.human("beneficiary (uposazony) of policyholders 20 and 33")
    x_email = s.email(x_first, x_last)
    bens = []
    for p in pspecs:
        if p["rodzaj"] not in ("ZYC", "NNW"):
            continue
        if p is pol_by[(57, "ZYC")]:
            bens.append({"p": p, "osoba": 4, "share": 100, "rel": "małżonek"})
            continue
        if p is pol_by[(20, "NNW")] or p is pol_by[(33, "ZYC")]:
            bens.append({"p": p, "x": True, "share": 50 if p["h"] == 33 else 100, "rel": "dziecko"})
            if p["h"] == 33:
                bens.append({"p": p, "share": 50, "rel": "dziecko"})
            continue
        k = rng.choice([1, 1, 2])
        for _ in range(k):
            b = {"p": p, "share": 100 // k, "rel": rng.choice(["małżonek", "dziecko", "rodzic", "rodzeństwo"])}
            if rng.random() < 0.15:
                b["osoba"] = rng.choice([x for x in range(1, NH + 1) if x not in (p["h"], 2, 4, 20, 33, 57, 9)])
            bens.append(b)
    ben_rows = {}
    for i, b in enumerate(bens, 1):
        p = b["p"]
        if b.get("osoba"):
            r = s.get("ubezpieczajacy", b["osoba"])
            first, last, e, bh_ = r["imie"], r["nazwisko"], r["email"], uh[b["osoba"]]
        elif b.get("x"):
            first, last, e, bh_ = x_first, x_last, (x_email if p["h"] == 20 else case_variant(x_email, rng)), x_hid
        else:
            first, last = fk.first_name(), fk.last_name()
            bh_ = s.human(f"beneficiary {i} (not a policyholder)")
            e = s.email(first, last) if rng.random() < 0.5 else None
        b.update(id=i, hid=bh_)
        ben_rows.setdefault(p["id"], []).append(b)
        s.add("uposazony", {"uposazony_id": i, "pol_id": p["id"], "imie": first, "nazwisko": last, "email": e,
                            "udzial_proc": b["share"], "pokrewienstwo": b["rel"], "osoba_ref": b.get("osoba")},
              about=p["about"] | {bh_})
        s.link(bh_, "uposazony", i)
    # claims
    cl = [rng.choice(pspecs) for _ in range(95)]
    cl = [p for p in cl if p["h"] not in (2, 4, 57, 20, 33)]
    cl += [pol_by[(2, "AC")], pol_by[(2, "AC")], pol_by[(2, "DOM")], pol_by[(4, "AC")],
           pol_by[(57, "DOM")], pol_by[(20, "NNW")], pol_by[(57, "OC")]]
    cl = sorted((day(rng, "2019-06-01", "2024-06-01"), p["id"]) for p in cl)
    pol_ix = {p["id"]: p for p in pspecs}
    claims = []
    for i, (d, pid) in enumerate(cl, 1):
        p = pol_ix[pid]
        st = rng.choice([1, 2, 3, 4, 4, 4, 5])
        if p is pol_by[(20, "NNW")] or (p["h"] == 2 and p["rodzaj"] == "AC"):
            st = 4
        appr = rng.randint(1, 5) if st in (3, 4, 5) else None
        s.add("szkoda", {"szkoda_id": i, "polisa_uuid": p["uuid"], "data_zdarzenia": d,
                         "zgloszono": add_days(d, rng.randint(0, 14)),
                         "opis": rng.choice(["kolizja na parkingu", "zalanie mieszkania", "kradzież roweru",
                                             "złamanie ręki", "stłuczka", "pożar kuchni", "zgubiony bagaż"]),
                         "kwota_roszczenia": round(rng.uniform(300, 45000), 2), "status_id": st,
                         "zatwierdzil": appr, "priorytet": rng.randint(1, 3)},
              about=p["about"], mentions=[(pos_h.get(appr), "zatwierdzil")])
        claims.append((i, p, st, d))
    pays = []
    for i, p, st, d in claims:
        if st != 4:
            continue
        for _ in range(rng.choice([1, 1, 2])):
            to = None
            if p["rodzaj"] in ("ZYC", "NNW") and ben_rows.get(p["id"]) and rng.random() < 0.6:
                to = ben_rows[p["id"]][0]
            if p is pol_by[(20, "NNW")]:
                to = ben_rows[p["id"]][0]
            pays.append((add_days(d, rng.randint(20, 90)), i, p, to))
    pays.sort(key=lambda x: (x[0], x[1]))
    for j, (d, i, p, to) in enumerate(pays, 1):
        s.add("wyplata", {"wyplata_id": j, "szkoda_nr": i, "kwota": round(rng.uniform(200, 30000), 2),
                          "data_wyplaty": d, "odbiorca_uposazony": to["id"] if to else None},
              about=p["about"] | ({to["hid"]} if to else set()))
    # documents
    x_ben_ids = [b["id"] for b in bens if b.get("x")]
    docs = [("ubezpieczajacy", rng.randint(1, NH)) for _ in range(45)] + \
           [("uposazony", rng.randint(1, len(bens))) for _ in range(12)] + \
           [("szkoda", rng.randint(1, len(claims))) for _ in range(40)]
    c2 = [i for i, p, st, d in claims if p["h"] == 2]
    docs += [("ubezpieczajacy", 4), ("ubezpieczajacy", 4), ("ubezpieczajacy", 2), ("szkoda", c2[0]),
             ("szkoda", c2[1]), ("uposazony", x_ben_ids[0]), ("ubezpieczajacy", 9), ("szkoda", 2),
             ("uposazony", 4), ("szkoda", 4)]
    docs = sorted((stamp(rng, "2019-06-01", "2024-06-30"), t, x) for t, x in docs)
    claim_about = {i: p["about"] for i, p, st, d in claims}
    ben_h = {b["id"]: b["hid"] for b in bens}
    for i, (at, t, x) in enumerate(docs, 1):
        about = {"ubezpieczajacy": lambda: {uh[x]}, "uposazony": lambda: {ben_h[x]},
                 "szkoda": lambda: claim_about[x]}[t]()
        s.add("dokument", {"dokument_id": i, "wlasciciel_typ": t, "wlasciciel_id": x,
                           "nazwa_pliku": "%s_%05d.pdf" % ({"ubezpieczajacy": "dowod", "uposazony": "dowod_upos",
                                                            "szkoda": "protokol"}[t], rng.randrange(10**5)),
                           "dodano": at}, about=about)
    zg = [rng.randint(1, NH) for _ in range(60)] + [4, 2, 9, 9]
    zg = sorted((stamp(rng, "2020-01-01", "2024-06-30"), h) for h in zg)
    for i, (at, h) in enumerate(zg, 1):
        e = uemail[h] if rng.random() < 0.4 else case_variant(uemail[h], rng)
        s.add("zgoda_marketingowa", {"zgoda_id": i, "email": e, "kanal": rng.choice(["email", "sms", "telefon"]),
                                     "wyrazona": int(rng.random() < 0.7), "data": at}, about=[uh[h]])
    for _ in range(500):
        h = rng.randint(1, NH)
        s.add("kontakt_log", {"ubezp": h, "kanal": rng.choice(["telefon", "email", "czat"]),
                              "telefon": s.get("ubezpieczajacy", h)["telefon"],
                              "ts": stamp(rng, "2023-01-01", "2024-06-30")})
    s.subjects += [("ubezpieczajacy4-insurance", uh[4]), ("ubezpieczajacy2-insurance", uh[2]),
                   ("ubezpieczajacy9-insurance", uh[9]), ("uposazony-x-insurance", x_hid),
                   ("posrednik2-insurance", pos_h[2])]
    s.subject_email = {uh[4]: uemail[4], uh[2]: uemail[2], uh[9]: uemail[9], x_hid: x_email,
                       pos_h[2]: s.get("posrednik", 2)["email"]}
    return s


# --------------------------------------------------------------------------
# truth
# --------------------------------------------------------------------------
def hlabel(s, hs):
    return ", ".join(sorted(s.humans[h]["label"] for h in hs))


def subject_truth(s, hid):
    rows, shared = [], []
    for t in s.tables.values():
        if not t.pk:
            continue
        for i, row in enumerate(t.rows):
            about, ment = t.about[i], t.mentions[i]
            key = {c: row[c] for c in t.pk}
            if about and about <= {hid}:
                rows.append((t.name, key))
            elif hid in about:
                shared.append((t.name, key, "also about " + hlabel(s, about - {hid})))
            elif any(h == hid for h, _ in ment):
                cols = sorted({c for h, c in ment if h == hid})
                if about:
                    why = "names them only as %s; the row is about %s" % ("/".join(cols), hlabel(s, about))
                else:
                    why = "names them only as %s (staff role); not about a customer" % "/".join(cols)
                shared.append((t.name, key, why))
    # not_theirs candidates
    recs = s.humans[hid]["records"]
    phones = set()
    for pt, pv in recs:
        pc = s.phone_cols.get(pt)
        if pc:
            phones.add(s.get(pt, pv)[pc])
    groups = {}
    for t in s.tables.values():
        if not t.pk:
            continue
        for i, row in enumerate(t.rows):
            if hid in t.about[i] or any(h == hid for h, _ in t.mentions[i]):
                continue
            key = {c: row[c] for c in t.pk}
            pc = s.phone_cols.get(t.name)
            if pc and row[pc] in phones:
                groups.setdefault(("0phone", t.name, pc), []).append(
                    (t.name, key, "same %s as theirs (shared household line) but this is %s"
                     % (pc, hlabel(s, t.about[i]))))
            for c in t.colnames:
                if t.pk == [c]:
                    continue
                v = row[c]
                if not isinstance(v, int):
                    continue
                r, nr, pl = s.refs.get((t.name, c)), s.notrefs.get((t.name, c)), s.poly.get((t.name, c))
                if not (r or nr or pl):
                    continue
                for pt, pv in recs:
                    if pv != v:
                        continue
                    if r:
                        assert r[0] != pt, ("reference to subject's record but not in about/mentions",
                                            s.name, t.name, c, v)
                        why = "%s=%d points at %s %d, not %s %d" % (c, v, r[0], v, pt, pv)
                    elif pl:
                        typ = row[pl[0]]
                        assert pl[1].get(typ) != pt, (s.name, t.name, c, v)
                        why = "%s=%d with %s='%s' is %s %d, not %s %d" % (c, v, pl[0], typ, typ, v, pt, pv)
                    else:
                        why = "%s=%d is not a reference (%s); not %s %d" % (c, v, nr, pt, pv)
                    groups.setdefault(("1", t.name, c), []).append((t.name, key, why))
    picked, seen = [], set()
    order = sorted(groups, key=lambda g: (g[0], list(s.tables).index(g[1]), g[2]))
    depth = 0
    while len(picked) < MAX_NOT_THEIRS and any(len(groups[g]) > depth for g in order):
        for g in order:
            if len(groups[g]) > depth and len(picked) < MAX_NOT_THEIRS:
                cand = groups[g][depth]
                k = (cand[0], tuple(sorted(cand[1].items())))
                if k not in seen:
                    seen.add(k)
                    picked.append(cand)
        depth += 1
    return rows, shared, picked


def yq(v):
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, int):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def ykey(key):
    return "{" + ", ".join(f"{k}: {yq(v)}" for k, v in key.items()) + "}"


def truth_yaml(stores):
    out = ["# links2 ground truth -- generated by make_links2.py; do not edit by hand.",
           "# rows: about this person only; shared: about them and someone else, or naming them",
           "# only as staff / relationship (scored neutral); not_theirs: a sample of traps.",
           "stores:"]
    stats = []
    for s in stores:
        out += [f"  - name: {s.name}", f"    file: {s.name}.sqlite", f"    description: {yq(s.description)}",
                "    references:"]
        torder = list(s.tables)
        for (t, c), (tg, tc, _) in sorted(s.refs.items(), key=lambda kv: (torder.index(kv[0][0]), s.tables[kv[0][0]].colnames.index(kv[0][1]))):
            extra = f", target_column: {tc}" if tc else ""
            out.append(f"      - {{collection: main.{t}, column: {c}, references: main.{tg}{extra}}}")
        out.append("    not_references:")
        for (t, c), why in sorted(s.notrefs.items(), key=lambda kv: (torder.index(kv[0][0]), s.tables[kv[0][0]].colnames.index(kv[0][1]))):
            out.append(f"      - {{collection: main.{t}, column: {c}, why: {yq(why)}}}")
        out.append("    subjects:")
        nrows = nshared = nnot = 0
        for key, hid in s.subjects:
            rows, shared, nt = subject_truth(s, hid)
            nrows += len(rows)
            nshared += len(shared)
            nnot += len(nt)
            out += [f"      - key: {key}", f"        query: {{email: {yq(s.subject_email[hid])}}}"]
            out.append("        rows:" + ("" if rows else " []"))
            for t, k in rows:
                out.append(f"          - {{collection: main.{t}, key: {ykey(k)}}}")
            out.append("        shared:" + ("" if shared else " []"))
            for t, k, why in shared:
                out.append(f"          - {{collection: main.{t}, key: {ykey(k)}, why: {yq(why)}}}")
            out.append("        not_theirs:" + ("" if nt else " []"))
            for t, k, why in nt:
                out.append(f"          - {{collection: main.{t}, key: {ykey(k)}, why: {yq(why)}}}")
        stats.append((s.name, len(s.tables), len(s.refs), len(s.notrefs), len(s.subjects), nrows, nshared, nnot))
    return "\n".join(out) + "\n", stats


# --------------------------------------------------------------------------
# output + self checks
# --------------------------------------------------------------------------
def write_sqlite(s, path):
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    for t in s.tables.values():
        defs = []
        for c in t.cols:
            name, typ = c.split()
            if t.pk == [name] and typ == "INTEGER":
                defs.append(f'"{name}" INTEGER PRIMARY KEY')
            elif t.pk == [name]:
                defs.append(f'"{name}" {typ} PRIMARY KEY NOT NULL')
            elif name in t.unique:
                defs.append(f'"{name}" {typ} UNIQUE')
            else:
                defs.append(f'"{name}" {typ}')
        if t.pk and len(t.pk) > 1:
            defs.append("PRIMARY KEY (%s)" % ", ".join(f'"{c}"' for c in t.pk))
        con.execute(f'CREATE TABLE "{t.name}" ({", ".join(defs)})')
        cols = ", ".join(f'"{c}"' for c in t.colnames)
        qs = ", ".join("?" for _ in t.colnames)
        con.executemany(f'INSERT INTO "{t.name}" ({cols}) VALUES ({qs})',
                        [tuple(r[c] for c in t.colnames) for r in t.rows])
    con.commit()
    con.execute("VACUUM")
    con.close()


def self_check(s):
    problems = []
    for (t, c), (tg, tc, cf) in s.refs.items():
        tgt = s.tables[tg]
        col = tc or tgt.pk[0]
        norm = (lambda v: v.strip().casefold()) if cf else (lambda v: v)
        vals = {norm(r[col]) for r in tgt.rows if r[col] is not None}
        for r in s.tables[t].rows:
            if r[c] is not None and norm(r[c]) not in vals:
                problems.append(f"{s.name}: {t}.{c}={r[c]!r} missing in {tg}.{col}")
                break
    # unlisted integer columns whose values all sit inside some integer key
    keys = {}
    for t in s.tables.values():
        if t.pk and len(t.pk) == 1:
            vals = {r[t.pk[0]] for r in t.rows}
            if all(isinstance(v, int) for v in vals):
                keys[t.name] = vals
    listed = set(s.refs) | set(s.notrefs)
    for t in s.tables.values():
        for c in t.colnames:
            if (t.name, c) in listed or (t.pk and c in t.pk and len(t.pk) == 1):
                continue
            vals = {r[c] for r in t.rows if r[c] is not None}
            if not vals or not all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
                continue
            inside = [k for k, kv in keys.items() if vals <= kv]
            if inside and len(vals) > 2:
                problems.append(f"{s.name}: unlisted int column {t.name}.{c} fits in keys of {inside}")
    for t in s.tables.values():
        if not 3 <= len(t.rows) <= 3000:
            problems.append(f"{s.name}: {t.name} has {len(t.rows)} rows")
    for key, hid in s.subjects:
        e = s.subject_email[hid].casefold()
        recs = s.humans[hid]["records"]
        for pt, pv in recs:
            ec = [c for c in s.tables[pt].colnames if c in ("email", "epost")][0]
            if (s.get(pt, pv)[ec] or "").casefold() != e:
                problems.append(f"{s.name}: subject {key} record {pt} {pv} has another e-mail")
    return problems


def main():
    stores = [build_logistics(), build_bank(), build_realestate(), build_gym(), build_library(),
              build_insurance()]
    problems = []
    for s in stores:
        problems += self_check(s)
        write_sqlite(s, os.path.join(HERE, f"{s.name}.sqlite"))
    text, stats = truth_yaml(stores)
    with open(os.path.join(HERE, "links2.truth.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("%-11s %6s %5s %8s %8s %5s %7s %6s" % ("store", "tables", "refs", "notrefs", "subjects", "rows", "shared", "not"))
    for st in stats:
        print("%-11s %6d %5d %8d %8d %5d %7d %6d" % st)
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
