"""THE rule table: every personal-data category pdscan recognises, in one place.

A rule says how a category is recognised (column-name lexicon per language,
an RE2 value pattern, a validator) and how a value is normalised for the
subject index. The engine (``detect.py``) never special-cases a rule id:
adding a category means adding one ``Rule`` here.

Lexicon phrases are written as lower-case words without accents; a column
name is split the same way (``dateNaissance``, ``date_de_naissance``,
``user.birth-date``) before matching. A phrase starting with ``?`` is
*generic* (``name``, ``title``, ``nom``): it counts only when the collection is
about people (see ``detect.person_context``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pdscan import validators as v

if TYPE_CHECKING:
    import pyarrow as pa

Validator = Callable[[str, v.Context], bool]
Normaliser = Callable[[str, v.Context], str | None]
# (the table is imported by every command, pyarrow only by those that read data)
VectorNormaliser = Callable[["pa.Array", v.Context], Any]

TEXT = ("string",)
TEXTISH = ("string", "unknown", "json")
NUMERIC = ("integer", "float", "decimal")
DATES = ("date", "datetime", "string")


@dataclass(frozen=True)
class Rule:
    id: str
    category: str  # exact fideslang data-category key
    names: Mapping[str, tuple[str, ...]]  # language -> phrases
    pattern: str | None = None  # RE2, unanchored; anchored for whole cells
    validator: Validator | None = None  # confirms a pattern match, or checks plausibility
    normaliser: Normaliser | None = None  # canonical form for the subject index
    #: The same on a whole Arrow array, null where ``normaliser`` must decide.
    vector_normaliser: VectorNormaliser | None = None
    #: Values that match but are not a person's (role mailboxes): counted as decoys.
    exclude: Callable[[str], bool] | None = None
    #: Confidence that values alone give at a 100 % match ratio.
    base: float = 0.6
    #: Whether values may decide without any name evidence.
    value_alone: bool = False
    #: Share of sampled values that must validate for value evidence to count.
    min_ratio: float = 0.6
    #: Column-name words that rule this category out (decoy contexts).
    not_names: tuple[str, ...] = ()
    #: Column types the rule applies to.
    types: tuple[str, ...] = TEXTISH
    #: Also searched for inside free text.
    freetext: bool = False
    #: Many rows sharing a few values (a company mailbox, a switchboard) are not
    #: a person's: such a column counts as a decoy.
    shared_is_decoy: bool = False
    #: A generic phrase (``?id``) needs the collection's *name* to be about people,
    #: not just personal values in it.
    generic_needs_table: bool = False
    #: Whether values that fail the validator contradict the column's name. Not for
    #: national ids: many countries' numbers have no checksum pdscan knows.
    strict_values: bool = True
    #: Values may embed other identifiers (URLs, free text): look inside them too.
    container: bool = False
    #: Name evidence counts only where the rows are about people (a city in an
    #: ``events`` table is the event's, not a person's).
    needs_people: bool = False
    #: Role in the subject index: "strong" identifiers confirm a person,
    #: "weak" ones (names, IPs) only suggest; None: not indexed.
    identifier: str | None = None
    #: The option a person is looked up by (``email`` for ``--email``), if any.
    lookup: str | None = None
    extra: Mapping[str, object] = field(default_factory=dict)


_PHONE_NOT = ("switchboard", "standard", "reception", "hotline", "helpdesk", "office",
              "zentrale", "centralita", "support",
              "sku", "ref", "reference", "code", "product", "article", "ean", "isbn", "gtin",
              "upc", "serial", "barcode", "zip", "postal", "siret", "siren", "vat", "tva",
              "iban", "amount", "price", "qty", "quantity", "order", "invoice", "facture",
              "commande", "total", "version")

# Latitude/longitude: 3 decimals and more locate a street (precise), 2 and fewer a
# town (imprecise, such as IP geolocation); the values decide between the two rules.
_COORDINATE_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("latitude", "lat", "geo lat", "gps lat", "longitude", "lon", "lng", "long",
           "geo lon", "gps lon", "geo lng"),
    "fr": ("latitude", "longitude"), "de": ("breitengrad", "langengrad"),
    "es": ("latitud", "longitud"),
}

# A column named "address" may hold a whole postal address or only its street line:
# both rules share these names and the values decide.
_ADDRESS_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("?address", "addr", "home address", "postal address", "billing address",
           "shipping address", "mailing address", "delivery address", "residential address"),
    "fr": ("?adresse", "adresse postale", "adresse facturation", "adresse livraison",
           "adresse domicile"),
    "de": ("?adresse", "anschrift", "wohnadresse", "lieferadresse"),
    "es": ("?direccion", "domicilio", "direccion postal"), "nl": ("?adres",),
    "pt": ("?endereco", "endereco completo", "bairro"),
    "it": ("?indirizzo", "indirizzo completo", "domicilio", "residenza"),
    "nordic": ("?adress", "?adresse", "?osoite"), "ce": ("?adresa", "lakcim"),
    "tr_el": ("?adres", "dieythinsi"),
    "pl": ("?adres", "adres zamieszkania"),
}

RULES: tuple[Rule, ...] = (
    Rule(
        "email", "user.contact.email",
        {"nordic": ("e post", "epost", "mejl", "sahkoposti"),
         "ce": ("email adresa", "email cim", "adresa email"),
         "tr_el": ("eposta", "e posta"),
         "it": ("email", "posta elettronica", "indirizzo email"),
         "pl": ("email", "adres email", "poczta"),
         "en": ("email", "e mail", "mail", "email address", "mail address", "emailaddress"),
         "fr": ("courriel", "adresse mail", "adresse email", "mel", "adresse electronique"),
         "de": ("emailadresse", "e mail adresse", "mailadresse"),
         "es": ("correo", "correo electronico", "email contacto"), "pt": ("email", "e mail"),
         "nl": ("emailadres", "e mailadres")},
        pattern=r"[A-Za-z0-9._%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}",
        validator=v.is_email, normaliser=v.email_normal, exclude=v.is_role_email,
        vector_normaliser=v.email_normal_vector,
        base=0.85, value_alone=True, freetext=True, identifier="strong", shared_is_decoy=True,
        lookup="email",
    ),
    Rule(
        "phone", "user.contact.phone_number",
        {"nordic": ("telefon", "mobil", "mobilnummer", "telefonnummer", "puhelin", "puhelinnumero",
                    "matkapuhelin"),
         "ce": ("telefonni cislo", "telefonszam", "numar telefon"),
         "tr_el": ("cep telefonu", "cep tel", "tilefono", "kinito"),
         "it": ("telefono", "cellulare", "numero telefono", "tel"),
         "pl": ("telefon", "numer telefonu", "komorka", "tel kom"),
         "en": ("phone", "telephone", "tel", "mobile", "cell", "cellphone", "phone number",
                "msisdn", "contact number", "mobile number", "landline"),
         "fr": ("telephone", "tel", "portable", "numero telephone", "gsm", "num tel"),
         "de": ("telefon", "telefonnummer", "handy", "mobilnummer", "rufnummer"),
         "es": ("telefono", "movil", "celular", "numero telefono"),
         "pt": ("telefone", "celular", "telemovel", "telefone fixo", "whatsapp"),
         "nl": ("telefoon", "telefoonnummer", "mobiel")},
        pattern=r"\+?\(?\d[\d ().\-/]{6,20}\d",
        validator=v.is_phone, normaliser=v.phone_normal,
        vector_normaliser=v.phone_normal_vector, base=0.65, value_alone=True, min_ratio=0.7,
        not_names=(*_PHONE_NOT, "fax"),
        freetext=True, identifier="strong", shared_is_decoy=True,
        lookup="phone",
    ),
    Rule(
        "fax", "user.contact.fax_number",
        {"en": ("fax", "fax number"), "fr": ("telecopie", "numero fax"), "de": ("telefax",)},
        pattern=r"\+?\(?\d[\d ().\-/]{6,20}\d", validator=v.is_phone,
        normaliser=v.phone_normal, base=0.5,
    ),
    Rule(
        "ip", "user.device.ip_address",
        {"en": ("ip", "ip address", "ipaddress", "ipv4", "ipv6", "remote addr", "remote ip",
                "client ip", "source ip", "x forwarded for", "last ip", "login ip", "ip addr"),
         "fr": ("adresse ip",), "de": ("ip adresse",), "es": ("direccion ip",)},
        pattern=(r"(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)"
                 r"|[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}"),
        validator=v.is_ip, normaliser=v.ip_normal, vector_normaliser=v.ip_normal_vector,
        base=0.75, value_alone=True,
        not_names=("version", "ver", "release", "build", "firmware", "netmask", "mask",
                   "subnet", "gateway", "dns", "server", "router", "schema", "revision"),
        freetext=True, identifier="weak",
        lookup="ip",
    ),
    Rule(
        "mac", "user.device.device_id",
        {"en": ("mac", "mac address", "macaddress", "wifi mac", "bluetooth mac"),
         "fr": ("adresse mac",), "de": ("mac adresse",)},
        pattern=r"[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}",
        normaliser=v.text_normal, base=0.75, value_alone=True, identifier="strong",
    ),
    Rule(
        "device_id", "user.device.device_id",
        {"en": ("device id", "deviceid", "idfa", "gaid", "advertising id", "android id",
                "imei", "hardware id", "device uuid", "device identifier", "installation id",
                "install id", "push token", "device token"),
         "fr": ("identifiant appareil", "id appareil"), "de": ("gerate id", "geratekennung"),
         "es": ("id dispositivo",)},
        validator=v.is_token, normaliser=v.text_normal, identifier="strong",
        lookup="device-id",
    ),
    Rule(
        "cookie", "user.device.cookie_id",
        {"en": ("cookie", "cookie id", "cookieid", "cid", "ga", "gid", "visitor id",
                "anonymous id", "anon id", "tracking id", "session id", "sessionid", "sid",
                "browser id", "fbp", "utma", "utmz"),
         "fr": ("identifiant cookie", "traceur"), "de": ("cookie kennung",)},
        pattern=r"[A-Za-z0-9._\-]{12,}", normaliser=v.text_normal, base=0.3,
        identifier="strong",
        lookup="cookie-id",
    ),
    Rule(
        "user_agent", "user.device",
        {"en": ("user agent", "useragent", "ua", "browser", "http user agent"),
         "fr": ("navigateur", "agent utilisateur")},
        # product/version, then platform comments or more products:
        # "Mozilla/5.0 (X11; Linux)", "MyApp/10.2.0.1 (iPhone; iOS 17.5)", "curl/8.0"
        pattern=r"[A-Za-z][A-Za-z0-9._\-]*/\d[\w.\-]*(?:[ ;(].*)?",
        validator=v.is_user_agent,
        base=0.7, value_alone=True, min_ratio=0.5,
    ),
    Rule(
        "credit_card", "user.financial.credit_card",
        {"en": ("card", "card number", "cc", "cc number", "pan", "credit card", "card no",
                "masked pan", "card last4", "last4"),
         "fr": ("carte", "carte bancaire", "numero carte", "cb"),
         "de": ("kreditkarte", "kartennummer"), "es": ("tarjeta", "numero tarjeta")},
        pattern=(r"(?:\d[ \-]?){12,18}\d|(?:[*xX•]{4}[ \-]?){2,3}[*xX•]{0,4}[ \-]?\d{4}"
                 r"|\d{4,6}[ \-]?[*xX•]{2,9}[ \-]?[*xX•]{0,4}\d{4}"),
        validator=lambda s, c: v.is_card(s, c) or v.is_masked_card(s, c),
        normaliser=v.compact_normal, base=0.8, value_alone=True, min_ratio=0.8,
        not_names=("sku", "ean", "isbn", "gtin", "order", "invoice", "imei", "siret", "siren",
                   "tracking", "barcode", "serial", "code", "voucher", "gift", "coupon",
                   "reference", "ref", "provider"),
        freetext=True, identifier="strong",
        lookup="card",
    ),
    Rule(
        "iban", "user.financial.bank_account",
        {"it": ("conto corrente", "iban"), "pl": ("numer konta", "rachunek"),
         "en": ("iban", "bank account", "account number", "bank details", "bic iban"),
         "fr": ("rib", "compte bancaire", "numero compte", "coordonnees bancaires"),
         "de": ("kontonummer", "bankverbindung"), "es": ("cuenta", "cuenta bancaria"),
         "nl": ("rekeningnummer",)},
        pattern=r"[A-Z]{2}\d{2} ?(?:[A-Z0-9]{4} ?){2,7}[A-Z0-9]{1,4}",
        validator=v.is_iban, normaliser=v.compact_normal, base=0.85, value_alone=True,
        freetext=True, identifier="strong",
        lookup="iban",
    ),
    Rule(
        "national_id", "user.government_id.national_identification_number",
        {"nordic": ("personnummer", "personnr", "cpr", "cpr nummer", "fodselsnummer",
                    "henkilotunnus", "hetu"),
         "ce": ("rodne cislo", "szemelyi szam", "taj szam", "cnp"),
         "tr_el": ("tc kimlik no", "kimlik no", "amka", "afm"),
         "pl": ("pesel",), "it2": ("codice fiscale", "cf"),
         "en": ("ssn", "social security", "social security number", "national id",
                "national number", "national insurance", "nino", "tax id", "tin", "id number",
                "identity number", "id card number", "?document number", "?id document",
                "?document"),
         "fr": ("nir", "numero securite sociale", "?numero document", "?numero piece", "secu",
                "numero secu", "insee",
                "registre national", "numero national"),
         "de": ("steuer id", "steueridentifikationsnummer", "personalausweisnummer",
                "sozialversicherungsnummer"),
         "es": ("dni", "nie", "nif", "documento identidad", "numero seguridad social", "nss",
                "naf"),
         "pt": ("cpf", "rg", "nif", "?documento", "cc", "numero contribuinte"),
         "de2": ("sv nummer", "rentenversicherungsnummer", "rv nummer", "steuer id",
                 "steuernummer", "idnr"),
         "nl": ("rijksregisternummer", "bsn", "burgerservicenummer"),
         "it": ("codice fiscale",), "tr": ("tc kimlik", "tckn")},
        pattern=r"[0-9A-Z][0-9A-Z .\-]{6,20}[0-9A-Z]", validator=v.is_national_id,
        normaliser=v.compact_normal, base=0.5, identifier="strong", min_ratio=0.1,
        strict_values=False,
        lookup="national-id",
    ),
    Rule(
        "passport", "user.government_id.passport_number",
        {"nordic": ("passnummer", "passi"),
         "ce": ("cislo pasu", "cestovni pas", "utlevel"),
         "tr_el": ("pasaport", "diavatirio"),
         "it": ("passaporto", "numero passaporto"), "pl": ("paszport", "numer paszportu"),
         "en": ("passport", "passport number", "passport no", "?document number",
                "?id document"),
         "fr": ("passeport", "?numero document", "?numero piece"),
         "de": ("reisepass", "passnummer"), "es": ("pasaporte",)},
        validator=v.is_passport_number, normaliser=v.compact_normal, types=TEXTISH,
        identifier="strong", min_ratio=0.1,
        lookup="passport",
    ),
    Rule(
        "drivers_license", "user.government_id.drivers_license_number",
        {"en": ("driver license", "drivers license", "driving licence", "driving license",
                "licence number", "license number", "dl number"),
         "fr": ("permis", "permis de conduire", "numero permis"),
         "de": ("fuhrerschein", "fuehrerschein", "fuhrerscheinnummer"),
         "es": ("licencia de conducir", "carnet de conducir")},
        normaliser=v.compact_normal, identifier="strong",
    ),
    Rule(
        "birth_date", "user.demographic.date_of_birth",
        {"nordic": ("fodelsedatum", "fodd", "fodselsdato", "fodselsdag", "syntymaaika",
                    "syntymapaiva"),
         "ce": ("datum narozeni", "narozen", "szuletesi datum", "szuletesi ido",
                "data nasterii", "data nastere"),
         "tr_el": ("dogum tarihi", "dogum", "imerominia gennisis"),
         "it": ("data di nascita", "data nascita", "nascita"),
         "pl": ("data urodzenia", "urodzony", "urodzenia"),
         "en": ("birth", "birthday", "birth date", "date of birth", "dob", "birthdate", "born",
                "born on"),
         "fr": ("naissance", "date naissance", "date de naissance", "ne le", "anniversaire"),
         "de": ("geburtsdatum", "geburtstag", "geboren"),
         "es": ("fecha nacimiento", "fecha de nacimiento", "nacimiento", "cumpleanos"),
         "pt": ("data nascimento", "data de nascimento", "nascimento"),
         "nl": ("geboortedatum",)},
        validator=v.is_birth_date, normaliser=v.date_normal, types=DATES, min_ratio=0.8,
    ),
    Rule(
        "age", "user.demographic.age_range",
        {"en": ("age", "age range", "age group"), "fr": ("age", "tranche age"),
         "de": ("alter", "altersgruppe"), "es": ("edad",)},
        validator=v.is_age, types=NUMERIC + TEXT, min_ratio=0.9,
    ),
    Rule(
        "gender", "user.demographic.gender",
        {"nordic": ("kon", "kjonn", "sukupuoli"), "ce": ("pohlavi",), "tr_el": ("cinsiyet", "fylo"),
         "it": ("sesso", "genere"), "pl": ("plec",),
         "en": ("gender", "sex", "salutation", "?title", "honorific", "pronouns"),
         "fr": ("sexe", "genre", "civilite"), "de": ("geschlecht", "anrede"),
         "es": ("sexo", "genero"), "nl": ("geslacht",)},
        validator=v.is_gender, types=TEXT, min_ratio=0.9,
    ),
    Rule(
        "first_name", "user.name.first",
        {"nordic": ("fornamn", "fornavn", "etunimi"),
         "ce": ("jmeno", "krestni jmeno", "keresztnev", "utonev", "prenume"),
         "tr_el": ("adi", "isim", "onoma"),
         "it": ("nome",), "pl": ("imie", "imiona"),
         "en": ("first name", "firstname", "given name", "forename", "fname"),
         "fr": ("prenom", "prenoms"), "de": ("vorname", "vornamen", "rufname"),
         "es": ("nombre", "nombre de pila"), "pt": ("primeiro nome", "?nome proprio"),
         "nl": ("voornaam", "voornamen", "roepnaam"), "en2": ("preferred name", "nickname first")},
        validator=v.is_single_name, normaliser=v.name_normal, types=TEXT, identifier="name",
    ),
    Rule(
        "last_name", "user.name.last",
        {"nordic": ("efternamn", "efternavn", "sukunimi"),
         "ce": ("prijmeni", "vezeteknev", "csaladnev", "nume", "nume familie"),
         "tr_el": ("soyad", "soyadi", "eponymo", "epitheto"),
         "it": ("cognome",), "pl": ("nazwisko",),
         "en": ("last name", "lastname", "surname", "family name", "lname"),
         "fr": ("nom de famille", "?nom", "nom usage", "nom naissance"),
         "de": ("nachname", "familienname", "geburtsname"), "es": ("apellido", "apellidos"),
         "pt": ("sobrenome", "apelido"), "nl": ("achternaam", "tussenvoegsel"),
         "en2": ("maiden name", "birth name")},
        validator=v.is_single_name, normaliser=v.name_normal, types=TEXT, identifier="name",
    ),
    Rule(
        "full_name", "user.name",
        {"nordic": ("?namn", "fullstandigt namn", "?navn", "?nimi"),
         "ce": ("cele jmeno", "nume complet"),
         "tr_el": ("ad soyad", "adsoyad", "tam ad", "onomateponymo"),
         "it": ("nome completo", "nominativo", "nome cognome"),
         "pl": ("imie nazwisko", "pelne imie"),
         "en": ("full name", "fullname", "?name", "display name", "contact name",
                "customer name", "client name", "person name", "holder name", "cardholder",
                "card holder", "account holder", "attendee name", "recipient name",
                "guest name", "user name full", "sender name", "author name"),
         "fr": ("nom complet", "nom prenom", "prenom nom", "titulaire", "nom client",
                "nom contact", "?nom"),
         "de": ("vollstandiger name", "kundenname", "inhaber", "kontoinhaber", "?name"),
         "es": ("nombre completo", "titular"), "nl": ("volledige naam", "?naam"),
         "pt": ("nome completo", "?nome", "nome cliente", "titular")},
        validator=v.is_full_name, normaliser=v.name_normal, types=TEXT, identifier="name",
        lookup="name",
    ),
    Rule(
        "username", "user.account.username",
        {"nordic": ("anvandarnamn", "brugernavn", "kayttajatunnus"),
         "ce": ("uzivatelske jmeno", "felhasznalonev", "utilizator"),
         "tr_el": ("kullanici adi",),
         "it": ("nome utente", "utente"), "pl": ("login", "nazwa uzytkownika"),
         "en": ("username", "user name", "login", "user login", "screen name", "handle",
                "nickname", "nick", "account name", "userid login"),
         "fr": ("pseudo", "identifiant", "nom utilisateur", "login"),
         "de": ("benutzername", "anmeldename"), "es": ("usuario", "nombre de usuario"),
         "audit": ("changed by", "updated by", "created by", "modified by", "executed by",
                   "approved by", "deleted by", "submitted by"),
         "web": ("remote user", "auth user"),
         "nl": ("gebruikersnaam",)},
        normaliser=v.text_normal, types=TEXT, identifier="strong",
        lookup="username",
    ),
    Rule(
        "password", "user.authorization.password",
        {"nordic": ("losenord", "adgangskode", "passord", "salasana"),
         "ce": ("heslo", "jelszo", "parola"),
         "tr_el": ("sifre", "kodikos"),
         "it": ("password", "parola chiave"), "pl": ("haslo", "haslo hash"),
         "en": ("password", "passwd", "pwd", "pass", "password hash", "hashed password",
                "password digest", "encrypted password", "pw hash"),
         "fr": ("mot de passe", "mdp", "mot passe"), "de": ("passwort", "kennwort"),
         "es": ("contrasena", "clave"), "nl": ("wachtwoord",)},
        validator=v.is_password_hash, types=(*TEXTISH, "binary"),
    ),
    Rule(
        "credentials", "user.authorization.credentials",
        {"en": ("api key", "apikey", "access token", "refresh token", "secret", "client secret",
                "auth token", "private key", "session token", "otp secret", "totp secret",
                "reset token", "oauth token", "token", "confirmation token", "remember token",
                "reset password token", "unlock token", "invitation token", "verification token"),
         "fr": ("jeton", "cle api", "jeton acces"), "de": ("zugangsschlussel",)},
        types=(*TEXTISH, "binary"),
    ),
    Rule(
        "job_title", "user.job_title",
        {"nordic": ("befattning", "yrke", "stilling", "ammatti", "tehtava"),
         "ce": ("pozice", "funkce", "beosztas", "munkakor", "functie"),
         "tr_el": ("unvan", "meslek", "pozisyon", "thesi"),
         "it": ("qualifica", "mansione", "ruolo"), "pl": ("stanowisko",),
         "en": ("job title", "jobtitle", "?title", "position", "occupation", "profession",
                "role title", "designation"),
         "fr": ("poste", "fonction", "intitule poste", "metier", "titre poste"),
         "de": ("beruf", "berufsbezeichnung", "stellenbezeichnung", "position"),
         "es": ("cargo", "puesto", "profesion", "ocupacion"), "nl": ("functie", "beroep"),
         "pt": ("cargo", "profissao", "ocupacao")},
        validator=v.is_text_value, types=TEXT, generic_needs_table=True,
    ),
    Rule(
        "workplace", "user.workplace",
        {"it": ("?azienda", "datore di lavoro", "?studio"), "pl": ("?firma", "pracodawca"),
         "en": ("?company", "?company name", "employer", "?organization", "?organisation",
                "workplace", "?account name", "?business name"),
         "fr": ("?entreprise", "?societe", "?raison sociale", "employeur", "?organisme"),
         "de": ("?firma", "arbeitgeber", "?unternehmen"),
         "es": ("?empresa", "?compania", "empleador"), "nl": ("?bedrijf", "werkgever"),
         "pt": ("?empresa", "empregador")},
        validator=v.is_text_value, types=TEXT,
    ),
    Rule(
        "address", "user.contact.address",
        _ADDRESS_NAMES, validator=v.is_full_address, types=TEXT, min_ratio=0.5, needs_people=True,
    ),
    Rule(
        "street", "user.contact.address.street",
        {**_ADDRESS_NAMES,
         "en": (*_ADDRESS_NAMES["en"], "street", "address line", "address1", "address 1",
                "address2", "address 2", "street address", "line1", "line 1", "line2",
                "line 2", "street name", "house number", "huisnummer", "hausnummer"),
         "fr": (*_ADDRESS_NAMES["fr"], "rue", "voie", "complement adresse", "numero voie"),
         "de": (*_ADDRESS_NAMES["de"], "strasse", "hausnummer"),
         "es": (*_ADDRESS_NAMES["es"], "calle"), "nl": (*_ADDRESS_NAMES["nl"], "straat"),
         "pt": ("endereco", "logradouro", "rua", "complemento", "?numero"),
         "it": ("via", "numero civico", "civico"), "pl": ("ulica", "nr domu"),
         "nordic": ("gatuadress", "gata", "gade", "gate", "katuosoite"),
         "ce": ("ulice", "utca", "strada"), "tr_el": ("sokak", "cadde", "odos")},
        validator=v.is_street_part, types=TEXT, needs_people=True,
    ),
    Rule(
        "city", "user.contact.address.city",
        {"nordic": ("postort", "stad", "kaupunki", "postitoimipaikka", "poststed"),
         "ce": ("mesto", "obec", "varos", "telepules", "oras", "localitate"),
         "tr_el": ("sehir", "ilce", "poli"),
         "it": ("citta", "comune", "localita"), "pl": ("miasto", "miejscowosc"),
         "en": ("city", "town", "municipality", "?locality"),
         "fr": ("ville", "commune", "localite"), "de": ("stadt", "ort", "wohnort"),
         "es": ("ciudad", "localidad", "municipio"), "nl": ("plaats", "woonplaats", "gemeente"),
         "pt": ("cidade", "municipio")},
        validator=v.is_text_value, types=TEXT, needs_people=True,
    ),
    Rule(
        "postal_code", "user.contact.address.postal_code",
        {"nordic": ("postnummer", "postinumero"),
         "ce": ("psc", "iranyitoszam"),
         "tr_el": ("posta kodu", "tachydromikos kodikas"),
         "it": ("cap", "codice postale"), "pl": ("kod pocztowy",),
         "en": ("postal code", "postcode", "zip", "zip code", "zipcode", "postal"),
         "fr": ("code postal", "cp"), "de": ("plz", "postleitzahl"),
         "es": ("codigo postal", "cod postal"), "nl": ("postcode",), "pt": ("cep",)},
        pattern=r"[A-Za-z0-9][A-Za-z0-9 \-]{1,8}[A-Za-z0-9]", types=(*TEXT, "integer"),
        needs_people=True,
    ),
    Rule(
        "state", "user.contact.address.state",
        {"it": ("?provincia", "?regione"), "pl": ("?wojewodztwo",),
         "en": ("?state", "?province", "?region", "?county", "shipping state", "billing state",
                "state province"),
         "fr": ("?departement", "?region", "?province"), "de": ("?bundesland",),
         "es": ("?provincia", "?comunidad autonoma"), "pt": ("uf", "?estado")},
        validator=v.is_place_name, types=TEXT, needs_people=True,
    ),
    Rule(
        "country", "user.contact.address.country",
        {"nordic": ("?maa",), "ce": ("?zeme", "?orszag", "?tara"), "tr_el": ("?ulke", "?chora"),
         "it": ("?paese", "?nazione"), "pl": ("?kraj",),
         "en": ("?country", "?country code", "shipping country", "billing country",
                "country of residence", "residence country"),
         "fr": ("?pays", "pays residence"), "de": ("?land", "wohnland"),
         "es": ("?pais",), "nl": ("?land",), "pt": ("?pais",)},
        validator=v.is_text_value, types=TEXT, needs_people=True,
    ),
    Rule(
        "coordinate", "user.location.precise", _COORDINATE_NAMES,
        validator=v.is_precise_coordinate, types=NUMERIC + TEXT, min_ratio=0.9,
    ),
    Rule(
        "coarse_coordinate", "user.location.imprecise", _COORDINATE_NAMES,
        validator=v.is_coarse_coordinate, types=NUMERIC + TEXT, min_ratio=0.9,
    ),
    Rule(
        "geo_area", "user.location.imprecise",
        {"en": ("geo city", "geo country", "geo region", "geoip city", "geoip country",
                "geoip region", "ip country", "ip city", "location city", "location country",
                "geo country code", "geo postal code", "geo zip"),
         "fr": ("geo ville", "geo pays"), "de": ("geo stadt", "geo land")},
        validator=v.is_text_value, types=TEXT,
    ),
    Rule(
        "geolocation", "user.location.precise",
        {"en": ("geolocation", "geo", "location", "coordinates", "gps", "latlng", "lat lng",
                "geo point", "position gps"),
         "fr": ("geolocalisation", "coordonnees gps", "localisation"),
         "de": ("standort", "koordinaten"), "es": ("geolocalizacion", "ubicacion")},
        pattern=r"-?\d{1,2}\.\d{3,}\s*[,;]\s*-?\d{1,3}\.\d{3,}", types=TEXT, base=0.6,
        value_alone=True,
    ),
    Rule(
        "user_id", "user.unique_id",
        {"en": ("user id", "userid", "customer id", "client id", "member id", "?account id",
                "person id", "subscriber id", "uid", "customer number", "client number",
                "patient id", "employee id", "guest id", "attendee id", "prospect id",
                "contact id", "participant id", "tenant id", "buyer id", "payer id",
                "customer ref", "?id", "member number", "referred by", "customer no",
                "client no", "member no", "customer nr", "user no", "employee no",
                "employee number", "staff id", "agent id", "personnel number",
                "referrer id", "owner id"),
         "fr": ("numero client", "id client", "identifiant client", "id utilisateur",
                "num client", "code client", "id adherent", "id participant"),
         "de": ("kundennummer", "kunden id", "benutzer id", "mitgliedsnummer", "kundennr",
                "personalnummer", "mitarbeiter id"),
         "es": ("id cliente", "numero cliente", "id usuario"),
         "nl": ("klantnummer", "gebruiker id")},
        normaliser=v.text_normal, types=("integer", "string", "unknown"), identifier="strong",
        generic_needs_table=True,
    ),
    Rule(
        "health", "user.health_and_medical",
        {"nordic": ("diagnos", "allergi", "lakemedel", "diagnoosi"),
         "ce": ("diagnoza", "alergie", "leky"),
         "tr_el": ("teshis", "alerji", "ilac", "diagnosi"),
         "en": ("diagnosis", "diagnoses", "condition", "medical condition", "allergy",
                "allergies", "medication", "medications", "prescription", "drug", "dosage",
                "dose", "symptoms", "treatment", "therapy", "medical history", "blood type",
                "heart rate", "bpm", "disability", "illness", "visit reason", "chief complaint",
                "health status", "vaccination", "blood pressure", "pregnancy"),
         "fr": ("diagnostic", "traitement", "ordonnance", "allergie", "antecedents",
                "groupe sanguin", "pathologie", "handicap", "motif consultation"),
         "de": ("diagnose", "medikament", "medikation", "allergien", "blutgruppe", "behandlung",
                "krankheit", "befund"),
         "es": ("diagnostico", "medicamento", "tratamiento", "alergias", "enfermedad",
                "grupo sanguineo"),
         "it": ("diagnosi", "farmaco", "dosaggio", "terapia", "allergie", "patologia",
                "motivo", "motivo visita", "anamnesi", "gruppo sanguigno"),
         "pl": ("rozpoznanie", "diagnoza", "lek", "leki", "dawka", "choroba", "alergie",
                "leczenie", "grupa krwi")},
        types=(*TEXTISH, "integer", "float", "decimal"), needs_people=True,
    ),
    Rule(
        "medical_record", "user.health_and_medical.record_id",
        {"en": ("medical record number", "mrn", "medical record", "chart number",
                "patient number", "health record id"),
         "fr": ("numero dossier medical", "dossier medical"),
         "it": ("numero cartella", "cartella clinica"), "pl": ("numer kartoteki",),
         "de": ("patientennummer", "fallnummer")},
        normaliser=v.compact_normal, identifier="strong",
    ),
    Rule(
        "insurance_id", "user.health_and_medical.insurance_beneficiary_id",
        {"en": ("insurance number", "policy number", "insurance id", "member number insurance",
                "health insurance number", "insurance policy"),
         "fr": ("numero assurance", "numero mutuelle", "numero police"),
         "de": ("versichertennummer", "krankenversicherungsnummer", "policennummer"),
         "it": ("numero polizza", "polizza"), "pl": ("numer polisy", "polisa"),
         "es": ("numero poliza", "poliza")},
        normaliser=v.compact_normal, identifier="strong",
    ),
    Rule(
        "photo", "user.content.self_image",
        {"en": ("photo", "profile photo", "profile picture", "avatar", "picture", "selfie",
                "photo url", "avatar url", "profile image", "headshot"),
         "fr": ("photo", "photo profil", "photo identite"), "de": ("foto", "profilbild"),
         "es": ("foto", "foto perfil"), "pt": ("foto", "foto perfil")},
        types=(*TEXTISH, "binary"), needs_people=True,
    ),
    Rule(
        "marital_status", "user.demographic.marital_status",
        {"en": ("marital status", "civil status", "relationship status"),
         "fr": ("etat civil", "situation familiale", "situation matrimoniale"),
         "de": ("familienstand",), "es": ("estado civil",), "pt": ("estado civil",),
         "nl": ("burgerlijke staat",)},
        validator=v.is_text_value, types=TEXT,
    ),
    Rule(
        "religion", "user.demographic.religious_belief",
        {"en": ("religion", "religious affiliation", "denomination", "faith"),
         "fr": ("religion", "confession"), "de": ("konfession", "religion",
                                                  "religionszugehorigkeit"),
         "es": ("religion",), "nl": ("religie", "kerkgenootschap")},
        types=TEXT,
    ),
    Rule(
        "language", "user.demographic.language",
        {"nordic": ("sprak", "sprog", "kieli"),
         "ce": ("jazyk", "nyelv", "limba"),
         "tr_el": ("dil", "glossa"),
         "it": ("lingua",), "pl": ("jezyk",),
         "en": ("language", "lang", "locale", "preferred language", "?language code"),
         "fr": ("langue", "langue preferee"), "de": ("sprache",), "es": ("idioma", "lengua"),
         "nl": ("taal",)},
        validator=v.is_language, types=TEXT, min_ratio=0.8,
    ),
    Rule(
        "consent", "user.privacy_preferences",
        {"nordic": ("samtycke", "samtykke", "suostumus"),
         "ce": ("souhlas", "hozzajarulas", "consimtamant"),
         "tr_el": ("onay", "izin", "synainesi"),
         "it": ("consenso", "consenso privacy", "consenso marketing"),
         "pl": ("zgoda", "zgoda marketingowa"),
         "en": ("consent", "marketing consent", "opt in", "optin", "opt out", "optout",
                "newsletter opt in", "marketing opt in", "gdpr consent", "cookie consent",
                "consent given", "accepts marketing", "do not track", "unsubscribed",
                "newsletter consent", "email opt in", "sms opt in", "?granted", "?newsletter"),
         "fr": ("consentement", "accepte recontact", "accepte newsletter", "optin newsletter",
                "accord marketing", "consentement marketing"),
         "de": ("einwilligung", "werbeeinwilligung"), "es": ("consentimiento",),
         "pt": ("consentimento", "aceita marketing"),
         "nl": ("toestemming",), "en2": ("optin whatsapp", "optin sms", "optin email")},
        validator=v.is_flag, types=("boolean", "string", "integer", "unknown"),
    ),
    Rule(
        "subscription_status", "user.privacy_preferences",
        {"en": ("?status", "?subscription status", "?subscription"),
         "fr": ("?statut", "?abonnement", "?statut abonnement"), "de": ("?abo status",),
         "es": ("?estado", "?suscripcion")},
        validator=v.is_subscription_state, types=("boolean", "string", "integer", "unknown"),
        min_ratio=0.8,
    ),
    Rule(
        "browsing", "user.behavior.browsing_history",
        {"en": ("?page", "?page url", "visited url", "?url path", "?request", "?landing page",
                "page view", "?path", "browsing history", "?page path"),
         "fr": ("?page visitee", "historique navigation"), "de": ("?seite",)},
        validator=v.is_url_or_path, types=TEXT, min_ratio=0.6, container=True,
    ),
    Rule(
        "search", "user.behavior.search_history",
        {"en": ("?query", "search", "search query", "search term", "search terms", "?keywords",
                "?q", "search string"),
         "fr": ("recherche", "requete", "mots cles"), "de": ("suchbegriff", "suche"),
         "es": ("busqueda",)},
        validator=v.is_text_value, types=TEXT,
    ),
    Rule(
        "url", "user.contact.url",
        {"en": ("?website", "homepage", "linkedin", "linkedin url", "twitter", "profile url",
                "personal website", "?url", "github", "facebook", "instagram"),
         "fr": ("?site web", "site internet", "profil linkedin"), "de": ("?webseite",)},
        validator=v.is_url_or_path, types=TEXT, min_ratio=0.6,
    ),
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
#: The identifiers a person can be looked up by, by option name (``--email``).
LOOKUP_RULES: dict[str, Rule] = {r.lookup: r for r in RULES if r.lookup}
#: The other way to name a person: a row's primary key (``--id main.customers=42``).
ID = "id"
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(r.category for r in RULES))

#: Collection/parent-path words that say the rows are people.
PERSON_WORDS = frozenset("""
    customer customers client clients user users member members person persons people
    contact contacts employee employees staff agent agents prospect prospects lead leads
    subscriber subscribers attendee attendees guest guests patient patients student students
    participant participants applicant applicants candidate candidates
    tenant tenants owner owners driver drivers passenger passengers author authors profile
    profiles buyer buyers payer payers recipient recipients sender holder cardholder
    visitor visitors traveler travelers
    utilisateur utilisateurs abonne abonnes adherent adherents salarie salaries employe employes
    personne personnes inscrit inscrits locataire locataires
    kunde kunden mitarbeiter benutzer teilnehmer mitglied mitglieder medewerker medewerkers
    empleado empleados cliente clientes contato contatos
    paziente pazienti medico medici utente utenti dipendente dipendenti ospite ospiti
    pacjent pacjenci lekarz lekarze klient klienci uzytkownik uzytkownicy pracownik
    pracownicy gast gaster gaest gaester kund kunder anstalld anstallda medlem medlemmar
    asiakas asiakkaat kayttaja kayttajat host hoste zakaznik zakaznici zamestnanec
    zamestnanci ugyfel ugyfelek felhasznalo clienti utilizator utilizatori musteri
    musteriler kullanici kullanicilar uye uyeler hasta hastalar pelates astheneis
    cliente clientes usuario usuarios empleado empleados socio socios
    klant klanten gebruiker gebruikers deelnemer
    referrer referee manager assignee reporter requester
""".split())

#: Collection words whose rows are records about one person each (a registration,
#: a subscription): generic names (``nom``) are the person's, but an ``id`` is the
#: record's own.
RECORD_WORDS = frozenset("""
    account accounts registration registrations inscription inscriptions signup signups subscription
    subscriptions booking bookings reservation reservations enrollment enrollments
    enrolment application applications membership memberships order orders invoice invoices
    ticket tickets consent consents review reviews visita visite wizyta wizyty fattura
    fatture prescrizione prescrizioni ricetta ricette ubezpieczenie ubezpieczenia
    rezerwacja rezerwacje zamowienie zamowienia appuntamento appuntamenti
""".split())

#: Collection words whose rows are attributes of people kept apart (an ``address``
#: table that customers point at): personal, though a nested ``address`` object is
#: whatever its record is about (a company's, in a CRM account).
PERSON_ATTRIBUTE_WORDS = frozenset("""
    address addresses adresse adressen adresses direccion direcciones endereco enderecos
    indirizzo indirizzi anschrift anschriften adres adresy adresser
""".split())

#: Words for the subject a service keeps records about (``user_id``, ``id_client``):
#: a reference named so may point at any collection of people, where a specific role
#: (``employee_id``, ``agent_id``) points at that role's collection only.
SUBJECT_WORDS = frozenset("""
    user users person persons people member members customer customers client clients
    account accounts subscriber subscribers contact contacts profile profiles
    utilisateur utilisateurs usuario usuarios cliente clientes kunde kunden benutzer
    klant klanten gebruiker gebruikers utente utenti klient klienci uzytkownik kund
    kunder asiakas musteri kullanici zakaznik ugyfel pelates uid
""".split())

#: Collection words that say the rows are things, not people (decoy contexts for
#: generic names such as ``name`` or ``title``).
THING_WORDS = frozenset("""
    product products item items article articles sku skus catalog catalogue category
    categories event events room rooms venue venues company companies organisation
    organisations organization organizations brand brands plan plans tag tags file files
    document documents setting settings config configuration country countries currency
    currencies campaign campaigns course courses project projects team teams store stores
    shop shops warehouse warehouses produit produits evenement evenements salle salles
    societe societes entreprise entreprises produkt produkte producto productos
    service services offer offers menu template templates job jobs page pages list lists
    setting app application version office offices branch branches site sites location
    locations department departments position positions facility facilities building
    buildings run runs batch batches report reports table tables job_title job_titles
    sede sedi sala sale prodotto prodotti magazzino articolo articoli oddzial oddzialy
    produkt produkty hotell hotel hotels rum pokoj pokoje urun urunler artikel artiklar
""".split())

#: Column words that name a person inside a thing's table (``organizer_email`` on an
#: event, ``contact_person_phone`` on a company): the value is that person's.
PERSON_QUALIFIERS = PERSON_WORDS | frozenset("""
    organizer organiser creator responsible approver billing shipping delivery display full
    legal preferred maiden birth emergency partner spouse parent guardian private personal
    home privat personnel privado personal original originalschrift native kanji romaji
    romanized latin transliterated alias official
""".split())

#: Words that are a company as often as a person (a B2B ``client``): they do not
#: make a thing's column personal.
AMBIGUOUS_PARTIES = frozenset("client clients customer customers account accounts".split())

#: Categories a thing has too (an office's phone, an event's city, a company's IBAN):
#: in a collection of things they are the thing's unless the column names a person.
THING_ATTRIBUTES = ("user.contact", "user.location", "user.name", "user.financial.bank_account",
                    "user.demographic.language", "user.workplace", "user.job_title")

#: Words of a key or nested object that name someone *acting on* a record (the agent
#: who handled a ticket, the owner of an account), not the person it is about.
ROLE_WORDS = frozenset("""
    agent agents assignee assigned owner manager handler handled staff rep representative
    operator reviewer approver approved created updated modified sales
    teamlead lead supervisor responsible processed
    proprietario proprietaria proprietaire eigentuemer eigentumer eigenaar wlasciciel
    agare ejer omistaja tulajdonos proprietar sahibi vlastnik
""".split())

#: Collection words for people who act on others' records (staff): a record that
#: references a customer and an employee is about the customer, handled by the
#: employee. (In an HR table that references employees only, the employee is its
#: subject.)
STAFF_WORDS = frozenset("""
    employee employees staff agent agents worker workers mitarbeiter angestellte
    medewerker medewerkers empleado empleados dipendente dipendenti pracownik pracownicy
    anstalld anstallda zamestnanec zamestnanci personnel salarie salaries employe employes
    operator operators technician technicians doctor doctors medecin medecins medico
    medici lekarz lekarze teacher teachers profesor profesores professore professori
    docente docenti lehrer nurse nurses instructor instructors trainer trainers manager
    managers admin admins administrator administrators advisor advisors adviser advisers
    consultant consultants broker brokers courier couriers coach coaches librarian
    librarians counselor counsellor clerk clerks cashier cashiers teller tellers
    adviseur adviseurs berater beraterin asesor asesores consulente consulenti doradca
    doradcy koerier koeriers kurier kurierzy makler makelaar corretor corretores
    trener trenerzy entrenador entrenadores allenatore allenatori bibliotekarie
    bibliotecario bibliotecaria bibliothecaris
""".split())

#: Words that say who did something to a record: ``created_by``, ``geworben_von``,
#: ``segnalato_da``, ``evaluado_por``. A column named so names an actor, a role.
BY_WORDS = frozenset("by von da par por door av af".split())


def is_role(column_words: tuple[str, ...]) -> bool:
    """A column naming someone acting on a record (``agent_id``, ``lastEditedBy``)
    rather than the person the record is about."""
    return any(w in ROLE_WORDS for w in column_words) or any(
        w in BY_WORDS for w in column_words[1:])
