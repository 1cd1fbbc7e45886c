"""shop.db reference tables, customers and everything hanging off them by foreign key
(orders, items, invoices, payments, devices, KYC checks, consent log), plus the two
exports derived from them: ``legacy/customers_2019.csv.gz`` and the payments Parquet."""

from __future__ import annotations

import hashlib
import random
import string
from datetime import datetime, timedelta
from decimal import Decimal

import pyarrow as pa
from _context import FILES, SHOP, Ctx, iso, line, pk, record, spread, ts
from _data import (
    AGENTS,
    APP_VERSIONS,
    COMPANIES,
    COUNTRY_NAMES_FR,
    EVENTS,
    OFFICE_IP,
    PRODUCTS,
    REF_DT,
    ROOMS,
    WECASHUP_ADDRESS,
    WESHRE_ADDRESS,
)
from _people import (
    PHONE_STYLES,
    Person,
    email_spelling,
    fmt_iban,
    fold,
    mask_card,
    name_spelling,
    phone_spelling,
    random_ip,
    random_uuid,
)
from _sinks import CsvFile, ParquetFile, Table, columns_of

# Exact spellings of the truth subjects' identifiers, per place they are written.
SPELL: dict[str, dict[str, str]] = {
    "elodie-martin-fr": {"email": "Elodie.Martin@orange.fr", "phone": "06 12 34 56 78",
                         "billing_name": "MARTIN Élodie", "legacy_name": "Martin, Élodie",
                         "legacy_phone": "0033 6 12 34 56 78"},
    "elodie-martin-be": {"email": "elodie.martin@skynet.be", "phone": "0478/12.34.56",
                         "billing_name": "Élodie Martin"},
    "hiroshi-tanaka": {"email": "Tanaka.Hiroshi@yahoo.co.jp", "phone": "+81 90-4621-8835",
                       "billing_name": "TANAKA Hiroshi"},
    "sofia-garcia": {"email": "sofia.garcia.lopez@gmail.com", "phone": "+34 655 12 34 87",
                     "billing_name": "Sofía García López"},
    "priya-sharma": {"email": "priya.sharma@outlook.com", "phone": "+91 98765 43210",
                     "billing_name": "Priya Sharma"},
    "wang-fang": {"email": "wangfang88@163.com", "phone": "138 0013 8000",
                  "billing_name": "Wang Fang"},
}
EMAIL_STYLES, EMAIL_WEIGHTS = ["lower", "title", "upper"], [85, 12, 3]


def hexdigest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def address_line(p: Person) -> str:
    return f"{p.street}, {p.postal_code} {p.city}, {COUNTRY_NAMES_FR[p.country]}"


def crowd_email(rng: random.Random, p: Person) -> str:
    return email_spelling(p.email, rng.choices(EMAIL_STYLES, EMAIL_WEIGHTS)[0])


def crowd_phone(rng: random.Random, p: Person, missing: float = 0.07) -> str | None:
    return None if rng.random() < missing else phone_spelling(p.phone, rng.choice(PHONE_STYLES))


# ---------------------------------------------------------------- reference tables

def write_reference(ctx: Ctx) -> None:
    con, rng = ctx.con, ctx.rng("reference")
    settings = [
        ("support_email", "support@weshre.be"), ("noreply_sender", "noreply@weshre.be"),
        ("dpo_contact", "privacy@weshre.be"), ("billing_email", "facturation@wecashup.com"),
        ("cil_email", "info@wecashup.com"), ("switchboard_phone", "+32 4 222 33 44"),
        ("company_address", WESHRE_ADDRESS), ("cil_postal_address", WECASHUP_ADDRESS),
        ("cnil_registration", "S5v1956417G"), ("min_app_version", "10.2.0.1"),
        ("latest_app_version", "10.2.1.0"), ("cdn_origin_ip", "10.20.0.15"),
        ("office_nat_ip", OFFICE_IP), ("smtp_relay", "192.0.2.25"),
        ("session_cookie_name", "weroom_session"), ("default_currency", "EUR"),
        ("retention_days_prospects", "1095"), ("webhook_secret_sha256", hexdigest("webhook")),
    ]
    t = Table(con, "app_settings", columns_of(con, "app_settings"))
    for k, v in settings:
        t.add(key=k, value=v, updated_at=ts(datetime(2025, 1, 6, 9, 0)))
    t.flush()

    t = Table(con, "support_agents", columns_of(con, "support_agents"))
    for i, (first, last, login) in enumerate(AGENTS, start=1):
        t.add(agentId=i, fullName=f"{first} {last}",
              workEmail=f"{slug_dot(first)}.{slug_dot(last)}@weshre.be",
              deskPhone=f"+32 4 222 33 {40 + i}", loginName=login,
              teamLeadId=None if i in (1, 5) else (1 if i < 5 else 5),
              hiredAt=iso(datetime(2016, 3, 1).date() + timedelta(days=173 * i)))
    t.flush()
    ctx.truth.row("julien-lambert", SHOP, "main.support_agents", pk(agentId=4), "direct",
                  {"fullName": "Julien Lambert", "workEmail": "julien.lambert@weshre.be",
                   "loginName": "jlambert"}, ident=("fullName", "workEmail", "loginName"))
    ctx.truth.other("julien-lambert", SHOP, "main.support_agents", pk(agentId=1),
                    "his team lead Sophie Leclercq", "main.support_agents.teamLeadId -> agentId",
                    {"agentId": 1})

    t = Table(con, "products", columns_of(con, "products"))
    for i, (name, desc, price) in enumerate(PRODUCTS, start=1):
        sku = f"04{rng.randint(60, 99)}-{rng.randint(100, 999)}-{rng.randint(100, 999)}"
        t.add(id=i, sku=sku, name=name, description=desc, price_cents=price, currency="EUR",
              image_sha256=hexdigest(name), created_at=ts(datetime(2018, 1, 1)
                                                          + timedelta(days=47 * i, hours=i)))
    t.flush()

    t = Table(con, "events", columns_of(con, "events"))
    for i, (title, venue, city) in enumerate(EVENTS, start=1):
        t.add(id=i, title=title, venue=venue, city=city,
              starts_at=ts(datetime(2023, 3, 4, 19) + timedelta(days=71 * i)),
              capacity=rng.choice([40, 80, 150, 400]), price_cents=rng.choice([0, 1500, 2500]),
              organizer_contact=rng.choice(["events@weshre.be", "inscriptions@weshre.be"]))
    t.flush()

    t = Table(con, "rooms", columns_of(con, "rooms"))
    for i, (name, city, cap, rate) in enumerate(ROOMS, start=1):
        t.add(id=i, name=name, city=city, capacity=cap, daily_rate_cents=rate)
    t.flush()

    t = Table(con, "newsletter_lists", columns_of(con, "newsletter_lists"))
    for i, (name, sender) in enumerate([
            ("WEshre Infos (grand public)", "noreply@weshre.be"),
            ("WEprode - Actualités B2B", "newsletter@weprode.com"),
            ("WEroom - Bons plans", "noreply@weroom.fr")], start=1):
        t.add(id=i, name=name, sender_address=sender, created_at=ts(datetime(2017, i, 2)))
    t.flush()

    t = Table(con, "crm_companies", columns_of(con, "crm_companies"))
    switchboards: dict[int, str] = {}
    for i, (name, domain, city, country, sector) in enumerate(COMPANIES, start=1):
        if country == "BE":
            first8 = f"0{rng.randint(2000000, 9999999)}"
            vat = f"BE{first8}{97 - int(first8) % 97:02d}"
            board = "+32 9 225 47 80" if i == 1 else f"+32 {rng.choice('2349')} " \
                f"{rng.randint(220, 299)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        else:
            siren = "".join(rng.choice(string.digits) for _ in range(9))
            vat = f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
            board = f"0{rng.choice('1234')} {rng.randint(10, 99)} {rng.randint(10, 99)} " \
                f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
        switchboards[i] = board
        t.add(id=i, name=name, vat_number=vat, switchboard=board, generic_email=f"info@{domain}",
              website=f"https://www.{domain}", city=city, country=country, sector=sector)
    t.flush()
    ctx.memo["switchboards"] = switchboards


def slug_dot(text: str) -> str:
    return fold(text).lower().replace(" ", "").replace("'", "")


# ---------------------------------------------------------------- customers

def write_customers(ctx: Ctx) -> None:
    con, rng, people, truth = ctx.con, ctx.rng("customers"), ctx.people, ctx.truth
    t = Table(con, "customers", columns_of(con, "customers"))
    legacy_path = "legacy/customers_2019.csv.gz"
    legacy = CsvFile(ctx.files / legacy_path, ["customer_no", "full_name", "email", "phone",
                                               "dob", "address", "zip", "city", "country",
                                               "signup_ip", "newsletter"], compress=True)
    for cid in range(1, ctx.plan.customers + 1):
        p = people.get(cid)
        sp = SPELL.get(p.key or "", {})
        email = sp.get("email") or crowd_email(rng, p)
        phone = sp.get("phone") or crowd_phone(rng, p)
        native = p.native_first is not None and (p.key is not None or rng.random() < 0.5)
        first, last = (p.native_first, p.native_last) if native else (p.first, p.last)
        referred_by = None
        if p.key == "sofia-garcia":
            referred_by = people.by_key["elodie-martin-fr"]
        elif cid > 20 and rng.random() < 0.12:
            referred_by = ctx.random_customer(rng, upto=cid - 1)
        updated = p.created + timedelta(days=rng.randint(0, max(0, (REF_DT - p.created).days)))
        t.add(id=cid, email=email, phone=phone, first_name=first, last_name=last,
              birth_date=None if (p.key is None and rng.random() < 0.04) else iso(p.birth),
              street=p.street, city=p.city, postal_code=p.postal_code, country=p.country,
              username=p.username, password_hash=p.password_hash,
              locale=p.locale.replace("_", "-"), marketing_consent=int(p.consent),
              referred_by=referred_by, created_at=ts(p.created), updated_at=ts(updated))
        if p.key:
            truth.row(p.key, SHOP, "main.customers", pk(id=cid), "direct",
                      {"email": email, "phone": phone, "first_name": first, "last_name": last},
                      ident=("email", "phone", "first_name", "last_name"))
        if referred_by and p.key:
            ref = people.get(referred_by)
            truth.other(p.key, SHOP, "main.customers", pk(id=referred_by),
                        f"{ref.key} (her referrer)", "main.customers.referred_by -> id",
                        {"id": referred_by})
            truth.other(ref.key, SHOP, "main.customers", pk(id=cid),
                        f"{p.key} (a customer she referred)", "main.customers.referred_by = id",
                        {"referred_by": referred_by})
        if p.created.year < 2020 and cid <= ctx.plan.legacy_upto:
            full = sp.get("legacy_name") or name_spelling(p.first, p.last, "Last, First")
            lphone = sp.get("legacy_phone") or crowd_phone(rng, p, 0.15)
            n = legacy.row([f"C{cid:06d}", full, p.email, lphone, p.birth.strftime("%d/%m/%Y"),
                            p.street, p.postal_code, p.city, COUNTRY_NAMES_FR[p.country], p.ip,
                            "oui" if p.consent else "non"])
            truth.row(p.key, FILES, legacy_path, line(legacy_path, n), "direct",
                      {"email": p.email, "phone": lphone, "full_name": full},
                      ident=("email", "phone", "full_name"))
    t.flush()
    legacy.close()


def write_devices(ctx: Ctx) -> None:
    con, rng, people = ctx.con, ctx.rng("devices"), ctx.people
    t = Table(con, "devices", columns_of(con, "devices"))
    scripted = spread(ctx.plan.devices, [people.by_key[k] for k in (
        "elodie-martin-fr", "hiroshi-tanaka", "priya-sharma", "wang-fang")])
    for i in range(ctx.plan.devices):
        cid = scripted.get(i) or ctx.random_customer(rng)
        p = people.get(cid)
        ios = "iPhone" in p.user_agent or rng.random() < 0.45
        device_id = p.device_id if p.key else random_uuid(rng)
        seen = datetime(2025, 1, 1) + timedelta(minutes=rng.randint(0, 250_000))
        n = t.add(id=i + 1, customer_id=cid, device_id=device_id,
                  platform="iOS" if ios else "Android",
                  os_version=rng.choice(["17.5.1", "17.4", "16.7.8"]) if ios
                  else rng.choice(["14", "13", "12"]),
                  app_version=rng.choice(APP_VERSIONS), last_ip=p.ip, last_seen_at=ts(seen))
        ctx.truth.row(p.key, SHOP, "main.devices", pk(id=n), "foreign_key",
                      {"customer_id": cid, "device_id": device_id, "last_ip": p.ip},
                      ident=("device_id", "last_ip"),
                      via="main.devices.customer_id -> customers.id")
    t.flush()


def _nrn(p: Person, rng: random.Random) -> str:
    """Belgian national register number: YY.MM.DD-SSS.CC with its mod-97 check."""
    serial = rng.randrange(1, 998)
    base = f"{p.birth:%y%m%d}{serial:03d}"
    check = 97 - int(("2" if p.birth.year >= 2000 else "") + base) % 97
    return f"{base[:2]}.{base[2:4]}.{base[4:6]}-{base[6:]}.{check:02d}"


def _passport(country: str, rng: random.Random) -> str:
    d = lambda k: "".join(rng.choice(string.digits) for _ in range(k))  # noqa: E731
    a = lambda k: "".join(rng.choice(string.ascii_uppercase) for _ in range(k))  # noqa: E731
    return {"FR": lambda: d(2) + a(2) + d(5), "DE": lambda: "C" + a(1) + d(7),
            "ES": lambda: a(3) + d(6), "GB": lambda: d(9), "IT": lambda: a(2) + d(7),
            "NL": lambda: a(2) + a(1) + d(6), "JP": lambda: a(2) + d(7),
            "CN": lambda: "E" + d(8), "IN": lambda: a(1) + d(7), "BR": lambda: a(2) + d(6),
            "EG": lambda: "A" + d(8), "US": lambda: d(9)}.get(country, lambda: d(2) + a(2) + d(5))()


def write_kyc(ctx: Ctx) -> None:
    con, rng, people = ctx.con, ctx.rng("kyc"), ctx.people
    t = Table(con, "kyc_checks", columns_of(con, "kyc_checks"))
    docs = {"elodie-martin-be": ("national_id", "94.11.02-128.63", "BE"),
            "hiroshi-tanaka": ("passport", "TK1234567", "JP"),
            "priya-sharma": ("passport", "K4821937", "IN")}
    scripted = spread(ctx.plan.kyc, [people.by_key[k] for k in docs])
    for i in range(ctx.plan.kyc):
        cid = scripted.get(i) or ctx.random_customer(rng)
        p = people.get(cid)
        if p.key:
            kind, number, issuer = docs[p.key]
        elif p.country == "BE" and rng.random() < 0.8:
            kind, number, issuer = "national_id", _nrn(p, rng), "BE"
        else:
            kind, number, issuer = "passport", _passport(p.country, rng), p.country
        verified = rng.random() < 0.9 or p.key is not None
        when = p.created + timedelta(days=rng.randint(1, 60))
        n = t.add(id=i + 1, customer_id=cid, document_type=kind, document_number=number,
                  issuing_country=issuer, verified=int(verified),
                  verified_at=ts(when) if verified else None)
        ctx.truth.row(p.key, SHOP, "main.kyc_checks", pk(id=n), "foreign_key",
                      {"customer_id": cid, "document_number": number},
                      ident=("document_number",), via="main.kyc_checks.customer_id -> customers.id")
    t.flush()


def write_consents(ctx: Ctx) -> None:
    con, rng, people = ctx.con, ctx.rng("consents"), ctx.people
    t = Table(con, "consent_log", columns_of(con, "consent_log"))
    keys = ["elodie-martin-fr", "elodie-martin-fr", "hiroshi-tanaka", "priya-sharma", "wang-fang"]
    scripted = spread(ctx.plan.consents, [people.by_key[k] for k in keys])
    purposes = ["newsletter", "cookies_analytics", "cookies_ads", "partners", "geolocation"]
    for i in range(ctx.plan.consents):
        cid = scripted.get(i) or ctx.random_customer(rng)
        p = people.get(cid)
        when = p.created + timedelta(minutes=rng.randint(0, 400_000))
        ip = p.ip if rng.random() < 0.85 or p.key else OFFICE_IP
        rowid = t.add(customer_id=cid, purpose=rng.choice(purposes), granted=int(rng.random() < .7),
                      ip_address=ip, user_agent=p.user_agent, recorded_at=ts(min(when, REF_DT)))
        ctx.truth.row(p.key, SHOP, "main.consent_log", {"rowid": rowid, "weak": True},
                      "foreign_key", {"customer_id": cid, "ip_address": ip}, ident=("ip_address",),
                      via="main.consent_log.customer_id -> customers.id")
    t.flush()


# ---------------------------------------------------------------- orders and payments

PAYMENTS_EXPORT = "exports/payments_export.parquet"
PARQUET_SCHEMA = pa.schema([
    ("payment_id", pa.int64()), ("order_number", pa.string()), ("customer_id", pa.int64()),
    ("customer_email", pa.string()), ("customer_name", pa.string()), ("method", pa.string()),
    ("iban", pa.string()), ("card_masked", pa.string()), ("amount", pa.decimal128(12, 2)),
    ("currency", pa.string()), ("status", pa.string()),
    ("paid_at", pa.timestamp("s", tz="UTC")), ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("billing_address", pa.struct([("street", pa.string()), ("city", pa.string()),
                                   ("postal_code", pa.string()), ("country", pa.string())])),
])
# (subject, when, status, [(product id, quantity)], payment method)
SCRIPTED_ORDERS: list[tuple[str, datetime, str, list[tuple[int, int]], str]] = [
    ("elodie-martin-fr", datetime(2019, 6, 10, 21, 4), "delivered", [(3, 1), (7, 2)], "card"),
    ("elodie-martin-fr", datetime(2023, 11, 2, 12, 30), "delivered", [(1, 2)], "card"),
    ("elodie-martin-fr", datetime(2024, 5, 18, 8, 55), "paid", [(6, 1), (24, 1)], "sepa"),
    ("elodie-martin-be", datetime(2024, 2, 10, 17, 20), "delivered", [(2, 2), (13, 1)], "sepa"),
    ("hiroshi-tanaka", datetime(2021, 3, 3, 4, 12), "delivered", [(15, 1)], "card"),
    ("hiroshi-tanaka", datetime(2022, 8, 19, 13, 1), "delivered", [(16, 4), (18, 2)], "card"),
    ("hiroshi-tanaka", datetime(2024, 1, 7, 23, 45), "refunded", [(17, 1)], "paypal"),
    ("hiroshi-tanaka", datetime(2024, 12, 24, 6, 30), "shipped", [(20, 1), (19, 1)], "card"),
    ("sofia-garcia", datetime(2024, 3, 1, 10, 10), "delivered", [(23, 1)], "card"),
    ("priya-sharma", datetime(2024, 9, 14, 19, 0), "delivered", [(6, 2), (25, 1)], "card"),
    ("wang-fang", datetime(2024, 4, 4, 9, 9), "delivered", [(27, 3)], "apple_pay"),
]
STATUSES = ["delivered"] * 12 + ["shipped", "shipped", "paid", "paid", "cancelled",
                                 "pending", "refunded"]


def scripted_order_numbers(orders: int) -> dict[str, list[str]]:
    """Order numbers of the truth subjects' orders (known before the orders are written)."""
    out: dict[str, list[str]] = {}
    for i, (key, when, *_) in spread(orders, SCRIPTED_ORDERS).items():
        out.setdefault(key, []).append(f"CMD-{when.year}-{i + 1:06d}")
    return out


def write_orders(ctx: Ctx) -> None:
    con, rng, people, truth = ctx.con, ctx.rng("orders"), ctx.people, ctx.truth
    orders = Table(con, "orders", columns_of(con, "orders"))
    items = Table(con, "order_items", columns_of(con, "order_items"), parents=[orders])
    invoices = Table(con, "invoices", columns_of(con, "invoices"), parents=[orders])
    payments = Table(con, "payments", columns_of(con, "payments"), parents=[orders])
    export = ParquetFile(ctx.files / PAYMENTS_EXPORT, PARQUET_SCHEMA)
    scripted = spread(ctx.plan.orders, SCRIPTED_ORDERS)
    numbers: dict[str, list[str]] = {}
    for i in range(ctx.plan.orders):
        oid = i + 1
        if i in scripted:
            key, when, status, lines, method = scripted[i]
            cid = people.by_key[key]
            p = people.get(cid)
        else:
            cid = ctx.random_customer(rng)
            p = people.get(cid)
            span = max(60, int((REF_DT - p.created).total_seconds()) - 3600)
            when = p.created + timedelta(seconds=rng.randint(60, span))
            status = rng.choice(STATUSES)
            lines = [(rng.randint(1, len(PRODUCTS)), rng.choice([1, 1, 1, 2, 3]))
                     for _ in range(rng.choice([1, 1, 2, 2, 3, 4]))]
            method = rng.choices(["card", "sepa", "paypal", "apple_pay"], [60, 25, 10, 5])[0]
        key = p.key
        number = f"CMD-{when.year}-{oid:06d}"
        total = sum(PRODUCTS[pid - 1][2] * q for pid, q in lines)
        orders.add(id=oid, order_number=number, customer_id=cid, status=status,
                   channel=rng.choice(["web", "web", "app", "phone"]), total_cents=total,
                   currency="EUR", coupon_code=rng.choice(["BIENVENUE10", "ETE2024", "NOEL15"])
                   if rng.random() < 0.1 else None, created_at=ts(when))
        if key:
            numbers.setdefault(key, []).append(number)
        fk = "foreign_key"
        if key:
            truth.row(key, SHOP, "main.orders", pk(id=oid), fk, {"customer_id": cid},
                      via="main.orders.customer_id -> customers.id")
        for ln, (product, qty) in enumerate(lines, start=1):
            items.add(order_id=oid, line_no=ln, product_id=product, quantity=qty,
                      unit_price_cents=PRODUCTS[product - 1][2])
            if key:
                truth.row(key, SHOP, "main.order_items", pk(order_id=oid, line_no=ln), fk,
                          {"order_id": oid}, via="main.order_items.order_id -> orders.id")
        if status in ("cancelled", "pending"):
            continue
        inv_no = f"FA-{when.year}-{invoices.count + 1:06d}"
        sp = SPELL.get(key or "", {})
        billing = sp.get("billing_name") or name_spelling(
            p.first, p.last, rng.choice(["first last", "first last", "LAST First"]))
        invoices.add(invoice_no=inv_no, order_id=oid, issued_on=iso(when.date()),
                     billing_name=billing, billing_address=address_line(p),
                     vat_number=None, amount_cents=total,
                     vat_rate=0.21 if p.country == "BE" else 0.2, pdf_sha256=hexdigest(inv_no))
        if key:
            truth.row(key, SHOP, "main.invoices", pk(invoice_no=inv_no), fk,
                      {"order_id": oid, "billing_name": billing}, ident=("billing_name",),
                      via="main.invoices.order_id -> orders.id")
        attempts = ["failed", "captured"] if (not key and rng.random() < 0.06) else ["captured"]
        for a, state in enumerate(attempts):
            paid = when + timedelta(minutes=2 + 7 * a)
            state = "refunded" if status == "refunded" and state == "captured" else state
            iban = card = brand = None
            if method == "sepa":
                iban = p.iban if rng.random() < 0.5 else fmt_iban(p.iban)
            elif method == "card":
                # Before 2021 the shop stored full card numbers (the finding to make).
                legacy_pan = paid.year < 2021 and (key is not None or rng.random() < 0.8)
                card = p.card if legacy_pan else mask_card(p.card)
                brand = {"4": "VISA", "5": "MASTERCARD", "2": "MASTERCARD", "3": "AMEX"}[p.card[0]]
            located = key is not None or rng.random() < 0.65
            lat = round(p.lat + rng.uniform(-0.01, 0.01), 6) if located else None
            lon = round(p.lon + rng.uniform(-0.01, 0.01), 6) if located else None
            ip = p.ip if key or rng.random() < 0.8 else random_ip(rng, False)
            pay_id = payments.add(id=payments.count + 1, order_id=oid, customer_id=cid,
                                  method=method, iban=iban, card_number=card, card_brand=brand,
                                  amount_cents=total, currency="EUR", status=state,
                                  latitude=lat, longitude=lon, ip_address=ip, paid_at=ts(paid))
            rec = export.add({
                "payment_id": pay_id, "order_number": number, "customer_id": cid,
                "customer_email": p.email, "customer_name": p.full_name, "method": method,
                "iban": p.iban if iban else None,
                "card_masked": mask_card(p.card) if card else None,
                "amount": Decimal(total) / 100, "currency": "EUR", "status": state,
                "paid_at": paid, "latitude": lat, "longitude": lon,
                "billing_address": {"street": p.street, "city": p.city,
                                    "postal_code": p.postal_code, "country": p.country}})
            if not key:
                continue
            values: dict[str, object] = {"customer_id": cid}
            ident: tuple[str, ...] = ()
            if iban or card:
                values["iban" if iban else "card_number"] = iban or card
                ident = ("iban" if iban else "card_number",)
            truth.row(key, SHOP, "main.payments", pk(id=pay_id), fk, values, ident=ident,
                      via="main.payments.customer_id -> customers.id")
            truth.row(key, FILES, PAYMENTS_EXPORT, record(PAYMENTS_EXPORT, rec), "direct",
                      {"customer_email": p.email, "customer_name": p.full_name,
                       "payment_id": pay_id}, ident=("customer_email", "customer_name"))
    for tb in (orders, items, invoices, payments):
        tb.flush()
    export.close()
    assert numbers == scripted_order_numbers(ctx.plan.orders)
