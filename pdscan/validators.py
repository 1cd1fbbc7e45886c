"""Validators and normalisers that rules hang on. Pure functions, no I/O.

Validators run on *distinct sampled* values (or on matches extracted from free
text), never on every cell: they are Python-speed (tens of thousands/s).
Normalisers give the canonical form the subject index hashes.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import phonenumbers
    import pyarrow as pa


@dataclass(frozen=True)
class Context:
    """What a validator may need besides the value."""

    #: ISO 3166 region used to read national phone numbers ("FR" reads 06 12 34 56 78).
    region: str = "FR"
    #: Regions also tried for a national number that is not valid in ``region``.
    #: Try ``other_regions`` too (for columns whose name says "phone").
    any_region: bool = False
    other_regions: tuple[str, ...] = ("BE", "DE", "ES", "NL", "GB", "IT", "PT", "CH", "LU",
                                      "BR", "US", "MA", "TR", "PL", "IN", "JP", "CN")
    today: dt.date = dt.date(2026, 1, 1)


ROLE_LOCAL_PARTS = frozenset("""
    admin administrator billing compta comptabilite contact contacto dpo finance hello help
    hostmaster info infos jobs kontakt legal mail mailer-daemon marketing newsletter no-reply
    noreply no_reply donotreply do-not-reply notifications office postmaster press privacy
    rgpd gdpr recrutement sales service support team webmaster abuse security accounts
    bonjour accueil reservations booking careers invoice invoices facturation inscriptions
    inscription events event evenements evenement reservation commandes orders order shop
    boutique clients clientele serviceclient service-client rh hr partenaires partners
    presse media direction secretariat accounting ventes ventas vertrieb kundenservice
    atencion soporte ayuda hilfe aide noreply-notifications alerts news newsletters
""".split())


#: Plain ASCII addresses that email-validator accepts, told without it: importing it
#: (70 ms, most of a lookup) and calling it (50 µs) only for the others.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"\.)+[A-Za-z]{2,63}")
_SPECIAL_USE = ("arpa", "invalid", "local", "localhost", "onion", "test")


def is_email(v: str, ctx: Context) -> bool:
    if len(v) <= 254 and _PLAIN_EMAIL.fullmatch(v):
        local, domain = v.split("@", 1)
        # (punycode labels, ``xn--``, are checked by email-validator as IDNA)
        if len(local) <= 64 and "--" not in domain \
                and domain.rsplit(".", 1)[1].lower() not in _SPECIAL_USE:
            return True
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(v, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        return False
    return True


def is_role_email(v: str) -> bool:
    """``support@``, ``noreply@``: a company mailbox, not a person."""
    local = v.split("@", 1)[0].lower()
    return local in ROLE_LOCAL_PARTS


def email_normal(v: str, ctx: Context) -> str | None:
    v = v.strip().lower()
    return v if "@" in v else None


def _phone(v: str, ctx: Context, any_region: bool = False) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    s = v.strip()
    if s.startswith("00"):
        s = "+" + s[2:]
    regions = (ctx.region, *ctx.other_regions) if any_region and not s.startswith("+") \
        else (ctx.region,)
    for region in regions:
        try:
            num = phonenumbers.parse(s, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(num):
            return num
    return None


_DOTTED_QUAD = re.compile(r"(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)")


def is_phone(v: str, ctx: Context) -> bool:
    """Valid in the default region, or (national format, ``ctx.any_region``) elsewhere;
    never a date or an IPv4 address (``81.23.45.67`` can pass for a number)."""
    if parse_date(v) is not None or _DOTTED_QUAD.fullmatch(v.strip()):
        return False
    return _phone(v, ctx, any_region=ctx.any_region) is not None


def phone_normal(v: str, ctx: Context) -> str | None:
    import phonenumbers

    num = _phone(v, ctx)
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164) if num else None


def is_ip(v: str, ctx: Context) -> bool:
    try:
        ipaddress.ip_address(v.strip().strip("[]"))
    except ValueError:
        return False
    return True


def ip_normal(v: str, ctx: Context) -> str | None:
    try:
        return ipaddress.ip_address(v.strip().strip("[]")).compressed
    except ValueError:
        return None


_DIGITS = re.compile(r"\D")


def is_card(v: str, ctx: Context) -> bool:
    digits = _DIGITS.sub("", v)
    from stdnum import luhn

    return 13 <= len(digits) <= 19 and luhn.is_valid(digits)


def is_masked_card(v: str, ctx: Context) -> bool:
    """``**** **** **** 1234``, ``4970********2545``: still card data, some digits kept."""
    s = v.strip()
    return bool(re.fullmatch(r"(?:[*xX•]{4}[ -]?){2,3}[*xX•]{0,4}[ -]?\d{4}", s)
                or re.fullmatch(r"\d{4,6}[ -]?[*xX•]{2,9}[ -]?[*xX•]{0,4}\d{4}", s))


def is_iban(v: str, ctx: Context) -> bool:
    from stdnum import iban

    return iban.is_valid(v)


def compact_normal(v: str, ctx: Context) -> str | None:
    out = re.sub(r"[\s\-./]", "", v).upper()
    return out or None


def is_national_id(v: str, ctx: Context) -> bool:
    s = v.strip()
    return any(m.is_valid(s) for m in _national_ids())


@lru_cache(maxsize=1)
def _national_ids() -> tuple[Any, ...]:
    """python-stdnum's national numbers, imported on first use (40 ms)."""
    import importlib

    return tuple(importlib.import_module(f"stdnum.{m}") for m in (
        "fr.nir", "be.nn", "es.dni", "es.nie", "nl.bsn", "de.idnr", "br.cpf",
        "it.codicefiscale", "pl.pesel", "tr.tckimlik", "se.personnummer", "dk.cpr",
        "no.fodselsnummer", "fi.hetu", "cz.rc", "ro.cnp", "gr.amka", "us.ssn"))


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m/%d/%Y", "%Y/%m/%d")
#: What any of the formats can match (``%d`` and ``%m`` also take " 5"): strptime is
#: tried only on these. Python caches 5 compiled formats and there are 6, so trying
#: them all on a value that is no date recompiled every one of them.
_DATE_SHAPE = re.compile(r"[\d ]{1,4}[-/.][\d ]{1,4}[-/.][\d ]{1,4}")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_MIDNIGHT = re.compile(r"[T ]00:00(:00)?")


#: The common shapes, read without strptime (40 µs a call): (year, month, day) groups
#: in the order the formats above try them.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DMY = re.compile(r"([0-9]{2})([/.-])([0-9]{2})\2([0-9]{4})")


def _quick_date(s: str) -> dt.date | bool | None:
    """The date of a common shape, None if that shape holds no date, False if the shape
    is not a common one (strptime decides)."""
    if m := _ISO.fullmatch(s):
        candidates = [(m[1], m[2], m[3])]
    elif m := _DMY.fullmatch(s):
        # "%d/%m/%Y" before "%m/%d/%Y"; dots and dashes are day first only
        candidates = [(m[4], m[3], m[1])] + ([(m[4], m[1], m[3])] if m[2] == "/" else [])
    else:
        return False
    for y, mo, d in candidates:
        try:
            return dt.date(int(y), int(mo), int(d))
        except ValueError:
            continue
    return None


@lru_cache(maxsize=65536)
def parse_date(v: str) -> dt.date | None:
    s = v.strip()[:10]
    if not _DATE_SHAPE.fullmatch(s):
        return None
    quick = _quick_date(s)
    if quick is not False:
        return quick  # type: ignore[return-value]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def is_birth_date(v: str, ctx: Context) -> bool:
    """A date a living person could be born on (age 0 to 120); time of day rules it out."""
    if _CLOCK.search(v) and not _MIDNIGHT.search(v):
        return False
    d = parse_date(v)
    return d is not None and ctx.today.replace(year=ctx.today.year - 120) <= d <= ctx.today


def date_normal(v: str, ctx: Context) -> str | None:
    d = parse_date(v)
    return d.isoformat() if d else None


def fold(text: str) -> str:
    """Lower-case, strip accents, collapse spaces: ``Élodie  MARTIN`` -> ``elodie martin``."""
    if text.isascii():  # nothing to decompose: most values, at a tenth of the cost
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    no_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(no_marks.casefold().split())


def name_normal(v: str, ctx: Context) -> str | None:
    """Case/accent-folded, punctuation dropped, tokens sorted: word order does not matter."""
    tokens = re.findall(r"[^\W\d_]+", fold(v))
    return " ".join(sorted(tokens)) or None


def text_normal(v: str, ctx: Context) -> str | None:
    s = fold(v)
    return s or None


def is_password_hash(v: str, ctx: Context) -> bool:
    s = v.strip()
    return bool(re.fullmatch(r"\$(2[abxy]|argon2(id|i|d)|pbkdf2[-_a-z0-9]*|scrypt|[156])\$.+", s)
                or re.fullmatch(r"(pbkdf2_sha256|bcrypt|argon2|sha1|md5)\$.+", s)
                or re.fullmatch(r"[0-9a-fA-F]{32,128}", s))


_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_NOT_IN_NAMES = re.compile(r"[\d@/\\|_#=<>{}\[\]]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _name_words(v: str) -> list[str] | None:
    """The words of a plausible personal name, or None (digits, @, too long ...)."""
    s = v.strip()
    if not s or len(s) > 80 or _NOT_IN_NAMES.search(s):
        return None
    found = _WORD.findall(s)
    return found if 1 <= len(found) <= 6 else None


_PARTICLES = frozenset("""
    le la de del della di da du dos das van von der den ter ten het al el ben bin ibn mac mc
    st saint sainte o d l y e
""".split())


def is_single_name(v: str, ctx: Context) -> bool:
    """``Martin``, ``Le Goff``, ``García López``, ``van der Berg``, ``王``: a first or a
    last name (double surnames and particles included), not a sentence."""
    found = _name_words(v)
    if found is None:
        return False
    if len(found) <= 2 or _CJK.search(v):
        return True
    return all(fold(w) in _PARTICLES for w in found[:-1])


def is_full_name(v: str, ctx: Context) -> bool:
    """``Élodie Martin``, ``MARTIN, Élodie``, ``田中太郎``: at least two names."""
    found = _name_words(v)
    return found is not None and (len(found) >= 2 or (bool(_CJK.search(v)) and len(v) >= 2))


def is_text_value(v: str, ctx: Context) -> bool:
    """Words rather than numbers, codes or flags (job titles, company names, cities)."""
    s = v.strip()
    return len(s) >= 2 and bool(re.search(r"[^\W\d_]{2,}", s)) and not re.fullmatch(
        r"(?i)true|false|yes|no|null|none|n/?a", s)


def is_short_code(v: str, ctx: Context) -> bool:
    """Gender/civility codes and words: M, F, X, Mme, male, femme ..."""
    return 1 <= len(v.strip()) <= 12


def is_age(v: str, ctx: Context) -> bool:
    s = v.strip()
    if re.fullmatch(r"\d{1,3}", s):
        return 0 <= int(s) <= 120
    return bool(re.fullmatch(r"\d{1,2}\s*[-–]\s*\d{1,3}|\d{2}\+", s))


def is_token(v: str, ctx: Context) -> bool:
    """An opaque identifier: UUID, hex or base64-ish token of 8+ characters."""
    s = v.strip()
    return 8 <= len(s) <= 256 and " " not in s and bool(re.search(r"\d", s))


def is_user_agent(v: str, ctx: Context) -> bool:
    """``product/version`` followed by a platform comment or more products."""
    s = v.strip()
    return bool(re.match(r"[A-Za-z][\w.\-]*/\d", s)) and (
        "(" in s or s.count("/") >= 2 or bool(re.match(
            r"(?i)(curl|wget|python-requests|okhttp|go-http-client|java|apache-httpclient|"
            r"postmanruntime|axios|node-fetch)/", s)))


_LANGUAGE = re.compile(r"(?i)[a-z]{2,3}(?:[-_][a-z]{2,4})?(?:[-_][a-z]{2})?")
_LANGUAGE_WORDS = frozenset("""
    english french francais francaise german deutsch spanish espanol dutch nederlands
    italian italiano portuguese portugues arabic chinese japanese russian polish turkish
    anglais allemand espagnol neerlandais italien portugais arabe chinois japonais
""".split())


def is_language(v: str, ctx: Context) -> bool:
    """``fr``, ``fr-BE``, ``nl_BE``, ``English``, ``français``."""
    s = v.strip()
    return bool(_LANGUAGE.fullmatch(s)) or fold(s) in _LANGUAGE_WORDS


def is_url_or_path(v: str, ctx: Context) -> bool:
    s = v.strip()
    return bool(re.match(r"(?i)(https?://|www\.|/[\w\-.~%]|(GET|POST|PUT|DELETE|HEAD) /)", s))


def is_full_address(v: str, ctx: Context) -> bool:
    """A whole postal address: street and town in one value (``12 rue X, 75002 Paris``)."""
    s = v.strip()
    parts = [p for p in re.split(r"[,\n;]", s) if p.strip()]
    return len(parts) >= 2 and bool(re.search(r"\d", s)) and bool(
        re.search(r"[^\W\d_]{3,}", parts[-1]))


def _decimals(v: str) -> int | None:
    s = v.strip()
    try:
        float(s)
    except ValueError:
        return None
    return len(s.split(".", 1)[1].rstrip("0")) if "." in s else 0


def is_precise_coordinate(v: str, ctx: Context) -> bool:
    """Latitude or longitude to 3+ decimals (about 100 m or better)."""
    d = _decimals(v)
    return d is not None and d >= 3 and -180 <= float(v) <= 180


def is_coarse_coordinate(v: str, ctx: Context) -> bool:
    """Latitude or longitude to 1-2 decimals: a town, as IP geolocation gives."""
    d = _decimals(v)
    return d is not None and 1 <= d <= 2 and -180 <= float(v) <= 180


def is_street_line(v: str, ctx: Context) -> bool:
    """A street line (``12 rue X``), not a whole address with its town."""
    return is_text_value(v, ctx) and not is_full_address(v, ctx)


_BOOLEAN_WORDS = frozenset("""
    true false yes no y n t f 0 1 oui non ja nein si on off vrai faux
""".split())
_SUBSCRIPTION_WORDS = frozenset("""
    subscribed unsubscribed abonne desabonne opt-in opt-out optin optout opted-in opted-out
    granted denied revoked withdrawn consented
    inscrit desinscrit suscrito cancelado angemeldet abgemeldet
""".split())


def is_flag(v: str, ctx: Context) -> bool:
    """A choice: ``true``, ``1``, ``oui``, ``opt-in``, ``granted`` (not a date or a count)."""
    s = fold(v)
    return s in _BOOLEAN_WORDS or s in _SUBSCRIPTION_WORDS


def is_subscription_state(v: str, ctx: Context) -> bool:
    """``abonné`` / ``désabonné``, ``opt-in``, ``unsubscribed``: a consent state."""
    return fold(v) in _SUBSCRIPTION_WORDS


def is_passport_number(v: str, ctx: Context) -> bool:
    """Passport-shaped: 6-9 letters and digits, mostly digits (``87JR26058``, ``QA4067518``)."""
    s = v.strip().upper()
    return bool(re.fullmatch(r"[A-Z0-9]{6,9}", s)) and sum(c.isdigit() for c in s) >= 5


_GENDER = frozenset("""
    m f x d w h male female man woman men women other diverse divers non-binary nonbinary
    unknown mr mrs ms miss mx dr mme mlle m. mme. homme femme masculin feminin autre
    herr frau mannlich weiblich hombre mujer masculino femenino sr sra srta
    man vrouw dhr mevr heer mevrouw
""".split())


def is_gender(v: str, ctx: Context) -> bool:
    """``F``, ``male``, ``Mme``, ``Frau``, ``vrouw``: a gender or a civility."""
    return fold(v).rstrip(".") in _GENDER or fold(v) in _GENDER


_STATUS_WORDS = frozenset("""
    active inactive pending complete completed done open closed new cancelled canceled shipped
    paid unpaid failed draft archived deleted blocked approved rejected processing refunded
    actif inactif termine annule ouvert ferme aktiv inaktiv offen abgeschlossen activo inactivo
    pendiente completado cancelado
""".split())


def is_place_name(v: str, ctx: Context) -> bool:
    """A region or town, not a status (``complete``, ``pending``)."""
    return is_text_value(v, ctx) and fold(v) not in _STATUS_WORDS


def is_street_part(v: str, ctx: Context) -> bool:
    """A street line, or the house number kept in its own column (``12``, ``85b``, ``3-5``)."""
    return is_street_line(v, ctx) or bool(
        re.fullmatch(r"\d{1,5}\s?[A-Za-z]{0,3}(?:\s?[-/]\s?\d{1,5}[A-Za-z]?)?", v.strip()))


# -- vectorised normalisers: the common cases for a whole Arrow array at once ----------
# Each returns the normalised value, or null where the Python normaliser must decide
# (index building runs these on the distinct values of each batch).

def email_normal_vector(arr: pa.Array, ctx: Context) -> pa.Array:
    import pyarrow as pa
    import pyarrow.compute as pc

    out = pc.utf8_lower(pc.utf8_trim_whitespace(arr))
    return pc.if_else(pc.match_substring(out, "@"), out, pa.scalar(None, pa.string()))


_TRUNK_ZERO = {"FR": "33", "BE": "32", "DE": "49", "NL": "31", "ES": "34", "GB": "44",
               "CH": "41", "AT": "43", "PT": "351", "LU": "352", "IE": "353"}


def phone_normal_vector(arr: pa.Array, ctx: Context) -> pa.Array:
    """``+33 6 12…``, ``0033 6…`` and, where the national prefix is a plain 0,
    ``06 12…``: E.164 by string rules; anything else is left to phonenumbers."""
    import pyarrow as pa
    import pyarrow.compute as pc

    digits = pc.replace_substring_regex(arr, r"[\s().\-/]", "")
    digits = pc.replace_substring_regex(digits, r"^00", "+")
    intl = pc.match_substring_regex(digits, r"^\+[1-9]\d{7,14}$")
    out = pc.if_else(intl, digits, pa.scalar(None, pa.string()))
    code = _TRUNK_ZERO.get(ctx.region)
    if code:
        national = pc.match_substring_regex(digits, r"^0[1-9]\d{7,10}$")
        local = pc.binary_join_element_wise(f"+{code}", pc.utf8_slice_codeunits(digits, 1), "")
        out = pc.if_else(national, local, out)
    return out


def ip_normal_vector(arr: pa.Array, ctx: Context) -> pa.Array:
    import pyarrow as pa
    import pyarrow.compute as pc

    s = pc.utf8_trim_whitespace(arr)
    canonical = pc.match_substring_regex(
        s, r"^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$")
    return pc.if_else(canonical, s, pa.scalar(None, pa.string()))


def trimmed_vector(arr: pa.Array, ctx: Context) -> pa.Array:
    import pyarrow as pa
    import pyarrow.compute as pc

    out = pc.utf8_trim_whitespace(pc.cast(arr, pa.string()))
    return pc.if_else(pc.equal(out, ""), pa.scalar(None, pa.string()), out)
