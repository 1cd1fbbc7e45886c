"""People of the sample: who they are, and how each store writes their identifiers.

A :class:`Person` is a pure function of ``(seed, pid)`` (plus, in small runs, e-mail
de-duplication in pid order), so every store can re-create the person it refers to
without keeping millions of people in memory. Names come from Faker pools built once
per locale, mixed with the hand-written lists of :mod:`_data`; phone numbers, IBANs and
card numbers are built here so that they are valid (phonenumbers, mod-97, Luhn).
"""

from __future__ import annotations

import itertools
import random
import string
import unicodedata
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from _data import (
    CITIES,
    CN_FAMILY,
    CN_GIVEN,
    COUNTRY_WEIGHTS,
    EG_FIRST_F,
    EG_FIRST_M,
    EG_LAST,
    EXPAT_LOCALES,
    FIRST_NAMES_EXTRA,
    IPV4_FIRST_OCTETS,
    IPV6_PREFIXES,
    LAST_NAMES_EXTRA,
    MAIL_DOMAINS,
    NAME_LOCALES,
    REF_DATE,
    REF_DT,
    STREET_LOCALE,
    STREETS_EXTRA,
    US_AREA_CODES,
    USER_AGENTS,
)
from faker import Faker

COUNTRY_CODES = {"FR": "33", "BE": "32", "DE": "49", "ES": "34", "GB": "44", "IT": "39",
                 "NL": "31", "JP": "81", "CN": "86", "IN": "91", "BR": "55", "EG": "20",
                 "US": "1"}


@dataclass(frozen=True)
class Phone:
    country: str
    nsn: str  # national significant number, digits only

    @property
    def e164(self) -> str:
        return f"+{COUNTRY_CODES[self.country]}{self.nsn}"


@dataclass(frozen=True)
class Person:
    pid: int
    key: str | None  # featured subject key, None for the crowd
    locale: str
    country: str
    first: str
    last: str
    native_first: str | None
    native_last: str | None
    birth: date
    email: str  # canonical: lower-case
    phone: Phone
    street: str
    city: str
    postal_code: str
    lat: float
    lon: float
    username: str
    password_hash: str
    created: datetime
    consent: bool
    ip: str
    cookie_id: str
    device_id: str
    user_agent: str
    iban: str
    card: str

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


# ---------------------------------------------------------------- text helpers

def fold(text: str) -> str:
    """Drop accents: 'Élodie' -> 'Elodie'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(text: str) -> str:
    return "".join(c for c in fold(text).lower() if c.isalnum())


def cp1252_safe(text: str) -> str:
    """Keep what Windows-1252 can store, fold the rest (a CRM export tool would)."""
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        return "".join(c if c.encode("cp1252", "ignore") else fold(c) for c in text)


def email_spelling(email: str, style: str) -> str:
    if style == "title":
        local, _, domain = email.partition("@")
        return ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + domain
    if style == "upper":
        return email.upper()
    return email


def name_spelling(first: str, last: str, style: str) -> str:
    return {
        "first last": f"{first} {last}",
        "LAST First": f"{last.upper()} {first}",
        "Last, First": f"{last}, {first}",
        "lower folded": fold(f"{first} {last}").lower(),
        "F. Last": f"{first[:1]}. {last}",
    }[style]


def _groups(digits: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for s in sizes:
        out.append(digits[i:i + s])
        i += s
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(p for p in out if p)


_TRUNK0 = {"FR", "BE", "DE", "GB", "NL", "JP", "IN", "EG"}


def _national(c: str, n: str) -> str:
    if c == "FR":
        return _groups("0" + n, [2, 2, 2, 2, 2], " ")
    if c == "BE":
        return (_groups("0" + n, [4, 2, 2, 2], " ") if n.startswith("4") and len(n) == 9
                else _groups("0" + n, [2, 3, 2, 2], " "))
    if c == "DE":
        return f"0{n[:3]} {n[3:]}"
    if c == "GB":
        return f"0{n[:4]} {n[4:]}"
    if c == "NL":
        return f"06-{n[1:]}"
    if c == "JP":
        return _groups("0" + n, [3, 4, 4], "-")
    if c == "IN":
        return _groups("0" + n, [6, 5], " ")
    if c == "EG":
        return _groups("0" + n, [3, 4, 4], " ")
    if c == "BR":
        return f"({n[:2]}) {n[2:7]}-{n[7:]}"
    if c == "US":
        return f"({n[:3]}) {n[3:6]}-{n[6:]}"
    if c == "ES":
        return _groups(n, [3, 2, 2, 2], " ")
    if c == "IT":
        return _groups(n, [3, 3, 4], " ")
    return _groups(n, [3, 4, 4], " ")  # CN


def phone_spelling(phone: Phone, style: str) -> str:
    """One way people write ``phone``: national, e164, intl, 00, dotted, intl0."""
    c, n, cc = phone.country, phone.nsn, COUNTRY_CODES[phone.country]
    national = _national(c, n)
    if c in _TRUNK0:
        body = national[1:]
    elif c == "BR":
        body = f"{n[:2]} {n[2:7]}-{n[7:]}"
    elif c == "US":
        body = f"{n[:3]}-{n[3:6]}-{n[6:]}"
    else:
        body = national
    if style == "e164":
        return phone.e164
    if style == "national":
        return national
    if style == "dotted" and c == "FR":
        return national.replace(" ", ".")
    if style == "dotted" and c == "BE" and n.startswith("4"):
        return f"0{n[:3]}/{n[3:5]}.{n[5:7]}.{n[7:]}"
    if style == "00":
        return f"00{cc} {body}"
    if style == "intl0" and c in {"FR", "BE", "DE", "GB"}:
        return f"+{cc} (0){body}"
    return f"+{cc} {body}"


PHONE_STYLES = ["national", "national", "e164", "intl", "intl", "00", "dotted", "intl0"]


def digits(rng: random.Random, k: int) -> str:
    """``k`` random decimal digits (one draw, not one per character)."""
    return f"{rng.randrange(10 ** k):0{k}d}"


_B64 = bytes((string.ascii_letters + string.digits + "./") * 4, "ascii")
_ALNUM = bytes((string.ascii_letters + string.digits) * 5, "ascii")[:256]


def random_chars(rng: random.Random, k: int, alnum: bool = False) -> str:
    """``k`` characters of ``[A-Za-z0-9./]`` (or ``[A-Za-z0-9]``) from ``k`` random bytes."""
    return rng.randbytes(k).translate(_ALNUM if alnum else _B64).decode("ascii")


def random_phone(rng: random.Random, country: str) -> Phone:
    def d(k: int) -> str:
        return digits(rng, k)

    nsn = {
        "FR": lambda: ("6" + rng.choice("01245678") + d(7) if rng.random() < .8
                       else "7" + rng.choice("3456789") + d(7)),
        "BE": lambda: "4" + rng.choice("789") + d(7),
        "DE": lambda: ("15" + rng.choice("12") + d(8) if rng.random() < .5
                       else "17" + rng.choice("012345") + d(7)),
        "ES": lambda: "6" + d(8),
        "GB": lambda: "7" + rng.choice("4589") + d(8),
        "IT": lambda: "3" + rng.choice("2345678") + d(8),
        "NL": lambda: "6" + rng.choice("12345") + d(7),
        "JP": lambda: rng.choice(["90", "80", "70"]) + d(8),
        "CN": lambda: rng.choice(["138", "139", "135", "186", "150"]) + d(8),
        "IN": lambda: rng.choice(["98", "99", "97", "93", "91", "70"]) + d(8),
        "BR": lambda: rng.choice(["11", "21", "31"]) + "9" + rng.choice("6789") + d(7),
        "EG": lambda: rng.choice(["10", "11", "12", "15"]) + d(8),
        "US": lambda: rng.choice(US_AREA_CODES) + rng.choice("23456789") + d(2) + d(4),
    }[country]()
    return Phone(country, nsn)


# ---------------------------------------------------------------- valid account numbers

def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + digits(rng, length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            v -= 9 if v > 9 else 0
        total += v
    return body + str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, v in enumerate(reversed(digits)):
        if i % 2 == 1:
            v = v * 2 - 9 if v * 2 > 9 else v * 2
        total += v
    return total % 10 == 0


_LETTER_VALUES = {ord(c): str(10 + i) for i, c in enumerate(string.ascii_uppercase)}


def _mod97(text: str) -> int:
    """ISO 7064 mod 97-10 of an IBAN rearranged as digits (A=10 ... Z=35)."""
    return int(text.translate(_LETTER_VALUES)) % 97


def iban(country: str, bban: str) -> str:
    check = 98 - _mod97(bban + country + "00")
    return f"{country}{check:02d}{bban}"


def iban_ok(value: str) -> bool:
    v = value.replace(" ", "")
    return _mod97(v[4:] + v[:4]) == 1


def random_iban(rng: random.Random, country: str) -> str:
    def d(k: int) -> str:
        return digits(rng, k)

    if country == "BE":
        first = d(10)
        key = int(first) % 97 or 97
        return iban("BE", f"{first}{key:02d}")
    if country == "DE":
        return iban("DE", d(18))
    if country == "ES":
        return iban("ES", d(20))
    if country == "NL":
        return iban("NL", rng.choice(["ABNA", "INGB", "RABO"]) + d(10))
    if country == "IT":
        return iban("IT", rng.choice(string.ascii_uppercase) + d(10) + d(12))
    bank, branch, account = rng.choice(["30004", "30003", "20041", "10278"]), d(5), d(11)
    rib = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    return iban("FR", f"{bank}{branch}{account}{rib:02d}")


def random_card(rng: random.Random) -> str:
    prefix, length = rng.choice([("4970", 16), ("4532", 16), ("4929", 16), ("5132", 16),
                                 ("5454", 16), ("2221", 16), ("3782", 15), ("3714", 15)])
    return luhn_complete(prefix, length, rng)


def mask_card(card: str) -> str:
    return card[:4] + "*" * (len(card) - 8) + card[-4:]


def fmt_iban(value: str) -> str:
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def random_ip(rng: random.Random, v6: bool) -> str:
    if v6:
        groups = [f"{rng.getrandbits(16):x}" for _ in range(6)]
        return f"{rng.choice(IPV6_PREFIXES)}:{groups[0]}:" + ":".join(groups[1:])
    return ".".join(str(x) for x in (rng.choice(IPV4_FIRST_OCTETS), rng.randint(0, 255),
                                     rng.randint(0, 255), rng.randint(1, 254)))


def password_hash(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return "$2b$12$" + random_chars(rng, 53)
    salt = random_chars(rng, 12, alnum=True)
    body = random_chars(rng, 43).replace(".", "+")
    return f"pbkdf2_sha256$600000${salt}${body}="


def cookie_id(rng: random.Random, created: datetime) -> str:
    return f"GA1.2.{rng.randint(100_000_000, 2_147_483_647)}.{int(created.timestamp())}"


def random_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def street_line(country: str, street: str, number: int) -> str:
    if country in {"BE", "DE", "NL"}:
        return f"{street} {number}"
    if country in {"ES", "BR"}:
        return f"{street}, {number}"
    if country == "JP":
        return f"{number % 5 + 1}-{number % 23 + 1}-{number % 9 + 1} {street}"
    return f"{number} {street}"


# ---------------------------------------------------------------- featured subjects

def _featured() -> list[dict[str, Any]]:
    """The hand-written subjects of truth.json. ``where``: customer id, or guest/prospect."""
    return [
        dict(key="elodie-martin-fr", where=("customer", 3), locale="fr_FR", country="FR",
             first="Élodie", last="Martin", birth=date(1988, 3, 14),
             email="elodie.martin@orange.fr",
             phone=Phone("FR", "612345678"), street="27 rue Paul Bert", city=("FR", "Lyon"),
             username="elodie_m69", created=datetime(2019, 5, 2, 10, 14), ip="90.12.201.77",
             card="4970135820469171", iban_country="FR"),
        dict(key="elodie-martin-be", where=("customer", 11), locale="fr_BE", country="BE",
             first="Élodie", last="Martin", birth=date(1994, 11, 2),
             email="elodie.martin@skynet.be",
             phone=Phone("BE", "478123456"), street="Rue de Fer 42", city=("BE", "Namur"),
             username="elo.martin", created=datetime(2022, 9, 18, 20, 3), ip="81.242.17.203",
             iban_country="BE"),
        dict(key="hiroshi-tanaka", where=("customer", 17), locale="ja_JP", country="JP",
             first="Hiroshi", last="Tanaka", native=("宏", "田中"), birth=date(1979, 7, 21),
             email="tanaka.hiroshi@yahoo.co.jp", phone=Phone("JP", "9046218835"),
             street="2-21-1 Shibuya", city=("JP", "Tokyo"), username="htanaka",
             created=datetime(2021, 1, 11, 2, 40), ip="240d:1a:4f2:8c00:5d1e:9b3a:1c77:e2f0",
             card="378282246310005", iban_country="FR"),
        dict(key="sofia-garcia", where=("customer", 29), locale="es_ES", country="ES",
             first="Sofía", last="García López", birth=date(1991, 5, 30),
             email="sofia.garcia.lopez@gmail.com", phone=Phone("ES", "655123487"),
             street="Carrer de la Princesa, 21", city=("ES", "Barcelona"), username="sofiagl",
             created=datetime(2023, 2, 14, 9, 30), ip="83.44.129.6", iban_country="ES"),
        dict(key="priya-sharma", where=("customer", 42), locale="en_IN", country="BE",
             first="Priya", last="Sharma", birth=date(1990, 12, 5),
             email="priya.sharma@outlook.com",
             phone=Phone("IN", "9876543210"), street="Avenue Louise 231", city=("BE", "Ixelles"),
             username="priya.s", created=datetime(2020, 10, 1, 18, 45),
             ip="2a02:a03f:41b2:9d00:8a3:2c1f:77e:19a4", iban_country="BE"),
        dict(key="wang-fang", where=("customer", 58), locale="zh_CN", country="CN",
             first="Fang", last="Wang", native=("芳", "王"), birth=date(1985, 8, 8),
             email="wangfang88@163.com", phone=Phone("CN", "13800138000"),
             street="88 Nanjing Road", city=("CN", "Shanghai"), username="wangfang88",
             created=datetime(2024, 3, 3, 7, 5), ip="101.88.14.35", iban_country="FR"),
        dict(key="joao-pereira", where=("guest", 5), locale="pt_BR", country="BR",
             first="João", last="Pereira", birth=date(1983, 2, 17), email="joao.pereira@uol.com.br",
             phone=Phone("BR", "11912345678"), street="Rua Augusta, 1500",
             city=("BR", "São Paulo"), username="joaop", created=datetime(2023, 6, 1, 14, 0),
             ip="177.92.31.140", iban_country="FR"),
        dict(key="oliver-bennett", where=("guest", 9), locale="en_GB", country="GB",
             first="Oliver", last="Bennett", birth=date(1975, 9, 9),
             email="oliver.bennett@btinternet.com", phone=Phone("GB", "7911123456"),
             street="12 Fashion Street", city=("GB", "London"), username="obennett",
             created=datetime(2022, 1, 20, 8, 15), ip="86.141.77.19", iban_country="FR"),
        dict(key="pieter-janssens", where=("prospect", 3), locale="nl_BE", country="BE",
             first="Pieter", last="Janssens", birth=date(1972, 4, 1),
             email="pieter.janssens@vandamme-brouwerij.be", phone=Phone("BE", "477654321"),
             street="Veldstraat 7", city=("BE", "Gent"), username="pjanssens",
             created=datetime(2021, 11, 5, 11, 0), ip="91.183.45.2", iban_country="BE"),
    ]


_COUNTRIES = [c for c, _ in COUNTRY_WEIGHTS]
_CUM_WEIGHTS = list(itertools.accumulate(w for _, w in COUNTRY_WEIGHTS))
_EPOCH = datetime(2016, 1, 1)
_CREATED_SPAN = int((REF_DT - _EPOCH).total_seconds()) - 86400

FEATURED_NAMES = {("Élodie", "Martin"), ("Hiroshi", "Tanaka"), ("Sofía", "García López"),
                  ("Priya", "Sharma"), ("Fang", "Wang"), ("João", "Pereira"),
                  ("Oliver", "Bennett"), ("Pieter", "Janssens")}


# ---------------------------------------------------------------- the crowd

class People:
    """Deterministic people: customers 1..n, then guests, then B2B prospects."""

    def __init__(self, seed: int, customers: int, guests: int, prospects: int,
                 dedup: bool = True) -> None:
        self.seed = seed
        self.customers, self.guests, self.prospects = customers, guests, prospects
        self.guest0 = customers
        self.prospect0 = customers + guests
        self.total = customers + guests + prospects
        self._pools = self._build_pools(seed)
        self._streets = {c: STREETS_EXTRA.get(c, []) + self._pools.get(
            STREET_LOCALE.get(c, ""), {}).get("S", []) for c in CITIES}
        self.featured: dict[int, dict[str, Any]] = {}
        for spec in _featured():
            kind, n = spec["where"]
            pid = n if kind == "customer" else (self.guest0 + n if kind == "guest"
                                                else self.prospect0 + n)
            self.featured[pid] = spec
        self.by_key = {spec["key"]: pid for pid, spec in self.featured.items()}
        self._cache: dict[int, Person] | None = None
        if dedup:
            self._cache = {}
            seen = {spec["email"] for spec in self.featured.values()}
            for pid in range(1, self.total + 1):
                p = self._make(pid)
                if p.key is None and p.email in seen:
                    local, _, domain = p.email.partition("@")
                    p = replace(p, email=f"{local}{pid % 97 + 2}@{domain}")
                seen.add(p.email)
                self._cache[pid] = p

    def get(self, pid: int) -> Person:
        if self._cache is not None:
            return self._cache[pid]
        return self._make(pid)

    def is_customer(self, pid: int) -> bool:
        return 1 <= pid <= self.customers

    # -- pools --------------------------------------------------------------
    @staticmethod
    def _build_pools(seed: int) -> dict[str, dict[str, list[Any]]]:
        pools: dict[str, dict[str, list[Any]]] = {}
        locales = sorted({loc for locs in NAME_LOCALES.values() for loc in locs}
                         | set(STREET_LOCALE.values()))
        for i, loc in enumerate(locales):
            fk = Faker(loc if loc != "ar_EG" else "en_US")
            fk.seed_instance(seed + i)
            pool: dict[str, list[Any]] = {}
            if loc == "ja_JP":
                pool["F"] = [fk.first_name_female_pair() for _ in range(60)]
                pool["M"] = [fk.first_name_male_pair() for _ in range(60)]
                pool["L"] = [fk.last_name_pair() for _ in range(80)]
            elif loc == "zh_CN":
                pool["F"] = pool["M"] = [(h, "", p) for h, p in CN_GIVEN]
                pool["L"] = [(h, "", p) for h, p in CN_FAMILY]
            elif loc == "ar_EG":
                pool["F"] = [(a, "", t) for a, t in EG_FIRST_F]
                pool["M"] = [(a, "", t) for a, t in EG_FIRST_M]
                pool["L"] = [(a, "", t) for a, t in EG_LAST]
            else:
                extra_f = FIRST_NAMES_EXTRA.get(loc, [])
                pool["F"] = [fk.first_name_female() for _ in range(120)] + extra_f
                pool["M"] = [fk.first_name_male() for _ in range(120)] + extra_f
                pool["L"] = ([fk.last_name() for _ in range(200)]
                             + LAST_NAMES_EXTRA.get(loc, []) * 3)
            streets = loc in STREET_LOCALE.values()
            pool["S"] = [fk.street_name() for _ in range(80)] if streets else []
            pools[loc] = pool
        return pools

    # -- one person ---------------------------------------------------------
    def _make(self, pid: int) -> Person:
        rng = random.Random(self.seed * 1_000_003 + pid)
        spec = self.featured.get(pid)
        if spec:
            country = spec["country"]
        elif pid > self.prospect0:  # B2B contacts of French/Belgian companies
            country = rng.choice(["BE", "BE", "BE", "FR", "FR", "NL", "DE"])
        else:
            country = rng.choices(_COUNTRIES, cum_weights=_CUM_WEIGHTS)[0]
        if spec:
            locale = spec["locale"]
        elif country in {"FR", "BE"} and rng.random() < 0.15:
            locale = rng.choice(EXPAT_LOCALES)
        else:
            locale = rng.choice(NAME_LOCALES[country])
        pool = self._pools[locale]
        gender = rng.choice("FM")
        native_first = native_last = None
        while True:
            f, last = rng.choice(pool[gender]), rng.choice(pool["L"])
            if isinstance(f, tuple):  # (native script, kana, Latin)
                native_first, native_last = f[0], last[0]
                f, last = f[2], last[2]
            if (f, last) not in FEATURED_NAMES:
                break
        first = f
        cc, city_name = spec["city"] if spec else (country, None)
        cities = CITIES[cc]
        city = next(c for c in cities if c[0] == city_name) if city_name else rng.choice(cities)
        street = street_line(country, rng.choice(self._streets[country]), rng.randint(1, 180))
        age_days = rng.randint(18 * 365, 80 * 365)
        birth = REF_DATE - timedelta(days=age_days)
        created = _EPOCH + timedelta(seconds=rng.randint(0, _CREATED_SPAN))
        phone_country = country if rng.random() < 0.9 else rng.choice(["FR", "BE"])
        phone = random_phone(rng, phone_country)
        a, b = slug(first), slug(last)
        domain = rng.choice(MAIL_DOMAINS[country])
        style = rng.randrange(8)
        local = [f"{a}.{b}", f"{a}{b}", f"{a[:1]}.{b}", f"{a}_{b}",
                 f"{a}.{b}{birth.year % 100:02d}", f"{b}.{a}", f"{a}{rng.randint(1, 99)}",
                 f"{a}{b[:1]}{rng.randint(100, 999)}"][style]
        email = f"{local}@{domain}"
        username = rng.choice([f"{a}{b[:1]}", f"{a}_{b}", f"{b}{rng.randint(1, 999)}",
                               f"{a[:1]}{b}"])[:20]
        v6 = rng.random() < 0.2
        person = Person(
            pid=pid, key=None, locale=locale, country=country, first=first, last=last,
            native_first=native_first, native_last=native_last, birth=birth, email=email,
            phone=phone, street=street, city=city[0], postal_code=city[1],
            lat=round(city[2] + rng.uniform(-0.03, 0.03), 6),
            lon=round(city[3] + rng.uniform(-0.03, 0.03), 6),
            username=username, password_hash=password_hash(rng), created=created,
            consent=rng.random() < 0.55, ip=random_ip(rng, v6),
            device_id=random_uuid(rng), user_agent=rng.choice(USER_AGENTS),
            iban=random_iban(rng, country), card=random_card(rng),
            cookie_id=cookie_id(rng, created))
        if spec:
            native = spec.get("native")
            person = replace(
                person, key=spec["key"], first=spec["first"], last=spec["last"],
                native_first=native[0] if native else None,
                native_last=native[1] if native else None, birth=spec["birth"],
                email=spec["email"], phone=spec["phone"], street=spec["street"],
                username=spec["username"], created=spec["created"], consent=True, ip=spec["ip"],
                lat=round(city[2] + 0.004, 6), lon=round(city[3] - 0.003, 6),
                iban=random_iban(rng, spec["iban_country"]),
                card=spec.get("card", person.card), cookie_id=cookie_id(rng, spec["created"]))
        return person
