"""Build the held-out benchmark ``heldout2.sqlite`` and its labels.

Two unrelated applications share one SQLite file:

* a hotel / short-stay booking system (Swedish and Czech properties, column
  names in Swedish, Czech and English);
* the backend of a mobile fitness app (English snake_case with a few Turkish
  and Greek columns).

Everything is deterministic (``random.Random(SEED)``, standard library only).
The script writes ``heldout2.sqlite`` and ``heldout2.labels.yaml`` next to
itself and then checks its own output: labels against ``PRAGMA table_info``,
categories against the fideslang taxonomy, ``PRAGMA foreign_key_check``, and
that every foreign key pointing at a person carries ``user.unique_id``.

Usage:  python benchmarks/heldout2/make_heldout2.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import sqlite3
import sys
import unicodedata
import uuid
from pathlib import Path

SEED = 20240917
HERE = Path(__file__).resolve().parent
DB_PATH = HERE / "heldout2.sqlite"
LABELS_PATH = HERE / "heldout2.labels.yaml"
MAX_BYTES = 3 * 1024 * 1024

# fideslang default taxonomy, data categories (copied so the script stays stdlib only).
ALLOWED = set(
    """
system system.authentication system.operations user user.account user.authorization
user.behavior user.biometric user.childrens user.contact user.content user.demographic
user.location user.device user.payment user.social user.unique_id user.telemetry
user.user_sensor user.workplace user.sensor user.financial user.government_id
user.health_and_medical user.name user.criminal_history user.privacy_preferences
user.job_title user.account.settings user.account.username user.authorization.credentials
user.authorization.biometric user.authorization.password user.behavior.browsing_history
user.behavior.media_consumption user.behavior.purchase_history user.behavior.search_history
user.biometric.fingerprint user.biometric.retinal user.biometric.voice user.biometric.health
user.contact.address user.contact.email user.contact.phone_number user.contact.url
user.contact.fax_number user.contact.organization user.contact.address.city
user.contact.address.country user.contact.address.postal_code user.contact.address.state
user.contact.address.street user.content.private user.content.public user.content.self_image
user.demographic.age_range user.demographic.date_of_birth user.demographic.gender
user.demographic.language user.demographic.marital_status user.demographic.political_opinion
user.demographic.profile user.demographic.race_ethnicity user.demographic.religious_belief
user.demographic.sexual_orientation user.device.cookie user.device.cookie_id
user.device.device_id user.device.ip_address user.financial.bank_account
user.financial.credit_card user.government_id.birth_certificate
user.government_id.drivers_license_number user.government_id.immigration
user.government_id.national_identification_number user.government_id.passport_number
user.government_id.vehicle_registration user.health_and_medical.genetic
user.health_and_medical.insurance_beneficiary_id user.health_and_medical.record_id
user.location.imprecise user.location.precise user.name.first user.name.last
user.unique_id.pseudonymous
""".split()
)

# Tables whose rows are people: a foreign key pointing at one is user.unique_id.
PERSON_TABLES = {"gaster", "hoste", "personal", "users", "emergency_contacts"}

# --------------------------------------------------------------------------- names
# Each country: latin names, optional native-script names written "native|romanised",
# female surname forms where the language has them.
COUNTRIES: dict[str, dict] = {
    "SE": {
        "m": "Erik Lars Anders Johan Karl Björn Måns Nils Olof Sven Gustav Axel Oskar Hampus "
        "Linus Torbjörn Per Jöns",
        "f": "Anna Eva Maria Karin Kristina Ingrid Åsa Märta Linnéa Sofia Elsa Maja Ebba Saga "
        "Malin Agnes Birgitta Lovisa",
        "l": "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
        "Gustafsson Lindqvist Lindström Bergström Sjöberg Åkesson Öberg Hägglund Engström "
        "Fältskog Wallén Nordström Ekström Lundgren Strömberg",
    },
    "CZ": {
        "m": "Jan Petr Jiří Tomáš Lukáš Ondřej Jakub Vojtěch Martin Pavel Zdeněk Radek Miroslav "
        "Štěpán Matěj Dušan",
        "f": "Jana Eva Hana Lucie Kateřina Tereza Markéta Zuzana Věra Božena Lenka Klára Alžběta "
        "Barbora Šárka Pavla",
        "l": "Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec Pokorný "
        "Marek Pospíšil Hájek Král Růžička Beneš Fiala Šťastný Zelenka",
        "lf": "Nováková Svobodová Novotná Dvořáková Černá Procházková Kučerová Veselá Horáková "
        "Němcová Pokorná Marková Pospíšilová Hájková Králová Růžičková Benešová Fialová "
        "Šťastná Zelenková",
    },
    "TR": {
        "m": "Mehmet Mustafa Ahmet Emre Burak Oğuz Çağlar Barış Kerem Selçuk Uğur İlker Murat "
        "Hakan",
        "f": "Ayşe Fatma Zeynep Elif Özge Gülşen Şule Büşra Merve Deniz Ebru Çiğdem İpek Nazlı",
        "l": "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
        "Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek",
    },
    "GR": {
        "m": "Giorgos Nikos Dimitris Konstantinos Panagiotis Vasilis Christos Thanasis Spyros",
        "f": "Maria Eleni Katerina Vasiliki Sofia Angeliki Despoina Ioanna Christina",
        "l": "Papadopoulos Papadakis Georgiou Oikonomou Nikolaidis Vlachos Karagiannis "
        "Antoniou Mavridis Konstantinou",
        "lf": "Papadopoulou Papadaki Georgiou Oikonomou Nikolaidou Vlachou Karagianni Antoniou "
        "Mavridou Konstantinou",
        "native_p": 0.3,
        "nm": "Γιώργος|Giorgos Νίκος|Nikos Δημήτρης|Dimitris Σπύρος|Spyros "
        "Κωνσταντίνος|Konstantinos Χρήστος|Christos",
        "nf": "Μαρία|Maria Ελένη|Eleni Δέσποινα|Despoina Χριστίνα|Christina "
        "Αικατερίνη|Aikaterini Βασιλική|Vasiliki",
        "nl": "Παπαδόπουλος|Papadopoulos Γεωργίου|Georgiou Μαυρίδης|Mavridis "
        "Κωνσταντίνου|Konstantinou Αντωνίου|Antoniou",
        "nlf": "Παπαδοπούλου|Papadopoulou Γεωργίου|Georgiou Μαυρίδου|Mavridou "
        "Κωνσταντίνου|Konstantinou Αντωνίου|Antoniou",
    },
    "HU": {
        "m": "László István József Zoltán Gábor Péter Ferenc Attila Balázs Tamás Gergő Ádám",
        "f": "Erzsébet Katalin Ildikó Zsuzsanna Éva Anikó Krisztina Eszter Réka Dóra Boglárka "
        "Zsófia",
        "l": "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács "
        "Juhász Lakatos Mészáros Oláh Simon Rácz Fekete Szűcs Bíró",
    },
    "RO": {
        "m": "Andrei Alexandru Ionuț Mihai Ștefan Cătălin Răzvan Bogdan Vlad Cristian Florin "
        "Gheorghe",
        "f": "Ioana Maria Elena Andreea Alexandra Ana-Maria Mădălina Cristina Roxana Oana "
        "Ștefania Bianca",
        "l": "Popescu Ionescu Popa Constantin Stan Dumitru Stoica Gheorghiu Munteanu Rădulescu "
        "Moldovan Ciobanu Lungu Mureșan Țurcan Bălan Dobre Niță",
    },
    "FI": {
        "m": "Mikko Juha Timo Matti Jukka Antti Ville Lauri Eero Väinö Onni Aleksi Tuomas Jyrki",
        "f": "Anna Päivi Sari Elina Johanna Aino Tiina Hanna Riikka Saara Helmi Kaisa Sanna Minna",
        "l": "Virtanen Korhonen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen "
        "Järvinen Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Kähkönen Pöllänen",
    },
    "NG": {
        "m": "Chinedu Oluwaseun Emeka Tunde Adebayo Ibrahim Chukwuemeka Olumide Babatunde Musa "
        "Obinna Femi Kelechi Yakubu",
        "f": "Ngozi Chiamaka Aisha Funmilayo Adaeze Yetunde Oluwakemi Amina Nneka Folake Zainab "
        "Blessing Chioma Temitope",
        "l": "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Abubakar Ogunleye Adebayo Chukwu Okoro "
        "Bello Ibrahim Oyelaran Nnamdi Olatunji Ogbonna Danjuma",
    },
    "IN": {
        "m": "Rahul Arjun Vikram Rohan Aditya Karthik Sanjay Pranav Siddharth Harpreet Venkatesh "
        "Arnav",
        "f": "Priya Ananya Deepika Sneha Kavya Lakshmi Pooja Aishwarya Neha Meenakshi Divya Ishita",
        "l": "Sharma Patel Iyer Reddy Nair Gupta Singh Kumar Menon Chatterjee Deshpande Krishnan "
        "Banerjee Joshi Rao Pillai",
        "native_p": 0.15,
        "nm": "राहुल|Rahul अर्जुन|Arjun विक्रम|Vikram रोहन|Rohan",
        "nf": "प्रिया|Priya अनन्या|Ananya स्नेहा|Sneha पूजा|Pooja",
        "nl": "शर्मा|Sharma पटेल|Patel गुप्ता|Gupta जोशी|Joshi",
    },
    "JP": {
        "m": "Hiroshi Takashi Kenji Daisuke Yuto Haruto Shota Ryo Kazuki Sota Kōhei Shūji",
        "f": "Yuki Sakura Haruka Aoi Yui Misaki Naoko Keiko Emi Rina Yōko Kyōko",
        "l": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
        "Yamada Sasaki Matsumoto Ōno Kōda Saitō",
        "native_p": 0.4,
        "nm": "浩|Hiroshi 健二|Kenji 大輔|Daisuke 悠斗|Yuto 翔太|Shota 涼|Ryo 和樹|Kazuki",
        "nf": "由紀|Yuki さくら|Sakura 遥|Haruka 葵|Aoi 美咲|Misaki 直子|Naoko 恵美|Emi",
        "nl": "佐藤|Sato 鈴木|Suzuki 高橋|Takahashi 田中|Tanaka 渡辺|Watanabe 伊藤|Ito "
        "山本|Yamamoto 中村|Nakamura 小林|Kobayashi",
    },
    "BR": {
        "m": "João José Luiz Gabriel Lucas Matheus Rafael Thiago Felipe Antônio Caio Vinícius "
        "Leônidas Otávio",
        "f": "Ana Juliana Fernanda Letícia Beatriz Camila Larissa Mariana Aline Débora Lúcia "
        "Tânia Conceição Luíza",
        "l": "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Ribeiro "
        "Carvalho Araújo Conceição Magalhães Simões Brandão Assunção",
        "double_p": 0.35,
    },
}

CITIES: dict[str, list[tuple[str, str, float, float]]] = {
    # city, postal-code prefix/pattern, lat, lon
    "SE": [("Stockholm", "11#", 59.3293, 18.0686), ("Göteborg", "41#", 57.7089, 11.9746),
           ("Malmö", "21#", 55.6050, 13.0038), ("Uppsala", "75#", 59.8586, 17.6389),
           ("Västerås", "72#", 59.6099, 16.5448), ("Örebro", "70#", 59.2753, 15.2134),
           ("Linköping", "58#", 58.4108, 15.6214), ("Umeå", "90#", 63.8258, 20.2630),
           ("Lund", "22#", 55.7047, 13.1910), ("Jönköping", "55#", 57.7826, 14.1618)],
    "CZ": [("Praha", "1##", 50.0755, 14.4378), ("Brno", "6##", 49.1951, 16.6068),
           ("Ostrava", "70#", 49.8209, 18.2625), ("Plzeň", "30#", 49.7384, 13.3736),
           ("Olomouc", "77#", 49.5938, 17.2509), ("Liberec", "46#", 50.7663, 15.0543),
           ("České Budějovice", "37#", 48.9745, 14.4743),
           ("Hradec Králové", "50#", 50.2092, 15.8328)],
    "TR": [("İstanbul", "34###", 41.0082, 28.9784), ("Ankara", "06###", 39.9334, 32.8597),
           ("İzmir", "35###", 38.4237, 27.1428), ("Bursa", "16###", 40.1885, 29.0610),
           ("Antalya", "07###", 36.8969, 30.7133), ("Eskişehir", "26###", 39.7767, 30.5206)],
    "GR": [("Athína", "10#", 37.9838, 23.7275), ("Thessaloníki", "54#", 40.6401, 22.9444),
           ("Pátra", "26#", 38.2466, 21.7346), ("Irákleio", "71#", 35.3387, 25.1442)],
    "HU": [("Budapest", "1###", 47.4979, 19.0402), ("Debrecen", "40##", 47.5316, 21.6273),
           ("Szeged", "67##", 46.2530, 20.1414), ("Pécs", "76##", 46.0727, 18.2323)],
    "RO": [("București", "0#####", 44.4268, 26.1025), ("Cluj-Napoca", "400###", 46.7712, 23.6236),
           ("Iași", "700###", 47.1585, 27.6014), ("Timișoara", "300###", 45.7489, 21.2087)],
    "FI": [("Helsinki", "00###", 60.1699, 24.9384), ("Tampere", "33###", 61.4978, 23.7610),
           ("Turku", "20###", 60.4518, 22.2666), ("Oulu", "90###", 65.0121, 25.4651),
           ("Jyväskylä", "40###", 62.2426, 25.7473)],
    "NG": [("Lagos", "10####", 6.5244, 3.3792), ("Abuja", "90####", 9.0765, 7.3986),
           ("Ibadan", "20####", 7.3775, 3.9470), ("Port Harcourt", "50####", 4.8156, 7.0498)],
    "IN": [("Mumbai", "400###", 19.0760, 72.8777), ("Bengaluru", "560###", 12.9716, 77.5946),
           ("Chennai", "600###", 13.0827, 80.2707), ("New Delhi", "110###", 28.6139, 77.2090),
           ("Pune", "411###", 18.5204, 73.8567)],
    "JP": [("Tokyo", "1##-####", 35.6762, 139.6503), ("Osaka", "53#-####", 34.6937, 135.5023),
           ("Kyoto", "60#-####", 35.0116, 135.7681), ("Sapporo", "06#-####", 43.0618, 141.3545)],
    "BR": [("São Paulo", "0####-###", -23.5505, -46.6333),
           ("Rio de Janeiro", "2####-###", -22.9068, -43.1729),
           ("Belo Horizonte", "3####-###", -19.9167, -43.9345),
           ("Salvador", "4####-###", -12.9777, -38.5016),
           ("Curitiba", "8####-###", -25.4284, -49.2733)],
}

STREETS = {
    "SE": "Storgatan Drottninggatan Kungsgatan Vasagatan Södra_Förstadsgatan Östra_Hamngatan "
    "Järnvägsgatan Björkvägen Ringvägen Skolgatan Prästgårdsgränd Ängsvägen",
    "CZ": "Vinohradská Národní Korunní Masarykova Husova Palackého Nádražní Zahradní Lidická "
    "Štefánikova Křižíkova Žitná",
    "TR": "Bağdat_Caddesi Atatürk_Bulvarı İstiklal_Caddesi Cumhuriyet_Caddesi Gül_Sokak "
    "Menekşe_Sokak",
    "GR": "Ermou Kifisias Patision Tsimiski Egnatias Agiou_Nikolaou",
    "HU": "Andrássy_út Váci_utca Kossuth_Lajos_utca Petőfi_Sándor_utca Rákóczi_út Dózsa_György_út",
    "RO": "Strada_Victoriei Bulevardul_Unirii Strada_Mihai_Eminescu Calea_Dorobanților "
    "Strada_Avram_Iancu",
    "FI": "Mannerheimintie Hämeenkatu Aleksanterinkatu Kauppakatu Satamakatu Koulukatu",
    "NG": "Adeola_Odeku_Street Ahmadu_Bello_Way Awolowo_Road Allen_Avenue Ring_Road",
    "IN": "MG_Road Link_Road Anna_Salai Linking_Road FC_Road Brigade_Road",
    "JP": "Jingumae Shibuya Umeda Gion Kita-ku Nishi-Shinjuku",
    "BR": "Rua_Augusta Avenida_Paulista Rua_das_Flores Rua_Sete_de_Setembro "
    "Avenida_Atlântica Rua_Direita",
}

COUNTRY_SV = {"SE": "Sverige", "CZ": "Tjeckien", "TR": "Turkiet", "GR": "Grekland",
              "HU": "Ungern", "RO": "Rumänien", "FI": "Finland", "NG": "Nigeria",
              "IN": "Indien", "JP": "Japan", "BR": "Brasilien"}
COUNTRY_CS = {"SE": "Švédsko", "CZ": "Česká republika", "TR": "Turecko", "GR": "Řecko",
              "HU": "Maďarsko", "RO": "Rumunsko", "FI": "Finsko", "NG": "Nigérie",
              "IN": "Indie", "JP": "Japonsko", "BR": "Brazílie"}
ISO3 = {"SE": "SWE", "CZ": "CZE", "TR": "TUR", "GR": "GRC", "HU": "HUN", "RO": "ROU",
        "FI": "FIN", "NG": "NGA", "IN": "IND", "JP": "JPN", "BR": "BRA"}
LOCALE = {"SE": "sv-SE", "CZ": "cs-CZ", "TR": "tr-TR", "GR": "el-GR", "HU": "hu-HU",
          "RO": "ro-RO", "FI": "fi-FI", "NG": "en-NG", "IN": "hi-IN", "JP": "ja-JP",
          "BR": "pt-BR"}
MAIL_DOMAINS = {
    "SE": ["gmail.com", "telia.com", "hotmail.se", "outlook.com", "bredband.net"],
    "CZ": ["seznam.cz", "email.cz", "gmail.com", "centrum.cz", "volny.cz"],
    "TR": ["gmail.com", "hotmail.com", "yandex.com.tr", "outlook.com"],
    "GR": ["gmail.com", "yahoo.gr", "otenet.gr", "hotmail.com"],
    "HU": ["gmail.com", "freemail.hu", "citromail.hu", "t-online.hu"],
    "RO": ["gmail.com", "yahoo.com", "yahoo.ro"],
    "FI": ["gmail.com", "luukku.com", "elisanet.fi", "outlook.com"],
    "NG": ["gmail.com", "yahoo.com", "yahoo.co.uk"],
    "IN": ["gmail.com", "rediffmail.com", "yahoo.co.in", "outlook.com"],
    "JP": ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "icloud.com"],
    "BR": ["gmail.com", "uol.com.br", "bol.com.br", "hotmail.com", "terra.com.br"],
}

_TRANSLIT = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "æ": "ae", "ß": "ss", "ł": "l",
                           "Ø": "O", "Æ": "AE", "Ł": "L"})


def ascii_fold(text: str) -> str:
    text = text.translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c) and ord(c) < 128)


# --------------------------------------------------------------------------- people
class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    # ---- small helpers
    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def pattern(self, pat: str) -> str:
        return "".join(self.r.choice("0123456789") if c == "#" else c for c in pat)

    def hexs(self, n: int) -> str:
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def b64ish(self, n: int, alphabet: str | None = None) -> str:
        alphabet = alphabet or (
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        )
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def uuid4(self) -> str:
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def ts(self, start: dt.datetime, days: int) -> dt.datetime:
        return start + dt.timedelta(seconds=self.r.randrange(days * 86400))

    def dob(self, lo: int, hi: int) -> dt.date:
        start = dt.date(lo, 1, 1)
        return start + dt.timedelta(days=self.r.randrange((dt.date(hi, 12, 31) - start).days))

    # ---- names
    def person(self, cc: str) -> dict:
        c = COUNTRIES[cc]
        sex = self.r.choice("mf")
        native = self.r.random() < c.get("native_p", 0.0)
        if native:
            first = self.r.choice(c["n" + sex].split())
            lkey = "nlf" if sex == "f" and "nlf" in c else "nl"
            idx = self.r.randrange(len(c["nl"].split()))
            last = c[lkey].split()[idx]
            f_nat, f_lat = first.split("|")
            l_nat, l_lat = last.split("|")
        else:
            f_nat = f_lat = self.r.choice(c[sex].split())
            idx = self.r.randrange(len(c["l"].split()))
            l_nat = c["lf" if sex == "f" and "lf" in c else "l"].split()[idx]
            if self.r.random() < c.get("double_p", 0.0):
                other = self.r.choice([x for x in c["l"].split() if x != l_nat])
                l_nat = other + " " + l_nat
            l_lat = l_nat
        return {"cc": cc, "sex": sex, "first": f_nat, "last": l_nat,
                "first_lat": ascii_fold(f_lat), "last_lat": ascii_fold(l_lat),
                "native": native}

    def email(self, p: dict, domains: list[str] | None = None) -> str:
        f, lname = p["first_lat"].lower().replace(" ", ""), p["last_lat"].lower().replace(" ", "")
        lname = lname.replace("-", "")
        style = self.r.randrange(6)
        local = [f"{f}.{lname}", f"{f}{lname}", f"{f[0]}{lname}",
                 f"{f}_{lname}{self.r.randint(1, 99)}", f"{lname}.{f}",
                 f"{f}{self.r.randint(70, 2005)}"][style]
        domain = self.r.choice(domains or MAIL_DOMAINS[p["cc"]])
        return f"{local}@{domain}"

    def phone(self, cc: str) -> str:
        r, d = self.r, self.digits
        k = r.randrange(3)
        if cc == "SE":
            pre = r.choice(["70", "72", "73", "76", "79"])
            a, b, c_ = d(3), d(2), d(2)
            return [f"0{pre}-{a} {b} {c_}", f"+46 {pre} {a} {b} {c_}", f"0{pre}{a}{b}{c_}"][k]
        if cc == "CZ":
            pre = r.choice(["602", "603", "604", "605", "606", "608", "720", "724", "731", "777"])
            a, b = d(3), d(3)
            return [f"+420 {pre} {a} {b}", f"{pre} {a} {b}", f"+420{pre}{a}{b}"][k]
        if cc == "TR":
            pre = "5" + r.choice(["32", "33", "42", "05", "55", "44"])
            a, b, c_ = d(3), d(2), d(2)
            return [f"+90 {pre} {a} {b} {c_}", f"0{pre} {a} {b}{c_}", f"0{pre}{a}{b}{c_}"][k]
        if cc == "GR":
            pre = "69" + r.choice("3479")
            a, b = d(3), d(4)
            return [f"+30 {pre} {a} {b}", f"{pre}{a}{b}", f"+30{pre}{a}{b}"][k]
        if cc == "HU":
            pre = r.choice(["20", "30", "70"])
            a, b = d(3), d(4)
            return [f"+36 {pre} {a} {b}", f"06 {pre} {a} {b}", f"+36-{pre}-{a}-{b}"][k]
        if cc == "RO":
            pre = "7" + r.choice(["21", "22", "23", "40", "45", "62"])
            a, b = d(3), d(3)
            return [f"+40 {pre} {a} {b}", f"0{pre} {a} {b}", f"0{pre}{a}{b}"][k]
        if cc == "FI":
            pre = r.choice(["40", "41", "44", "45", "50"])
            a, b = d(3), d(4)
            return [f"+358 {pre} {a} {b}", f"0{pre} {a}{b}", f"0{pre}-{a}{b}"][k]
        if cc == "NG":
            pre = r.choice(["803", "806", "813", "816", "703", "706", "805", "807", "810"])
            a, b = d(3), d(4)
            return [f"+234 {pre} {a} {b}", f"0{pre} {a} {b}", f"+234{pre}{a}{b}"][k]
        if cc == "IN":
            pre = r.choice("6789") + d(4)
            b = d(5)
            return [f"+91 {pre} {b}", f"+91-{pre}{b}", f"0{pre}{b}"][k]
        if cc == "JP":
            pre = r.choice(["090", "080", "070"])
            a, b = d(4), d(4)
            return [f"{pre}-{a}-{b}", f"+81 {pre[1:]}-{a}-{b}", f"{pre}{a}{b}"][k]
        # BR
        ddd = r.choice(["11", "21", "31", "41", "51", "61", "71", "81"])
        a, b = "9" + d(4), d(4)
        return [f"+55 {ddd} {a}-{b}", f"({ddd}) {a}-{b}", f"+55{ddd}{a}{b}"][k]

    def postal(self, cc: str, pat: str) -> str:
        code = self.pattern(pat + "#" * max(0, {"SE": 5, "CZ": 5, "GR": 5}.get(cc, 0) - len(pat)))
        if cc in ("SE", "CZ", "GR"):
            code = f"{code[:3]} {code[3:]}"
        return code

    def address(self, cc: str) -> dict:
        city, pat, lat, lon = self.r.choice(CITIES[cc])
        street = self.r.choice(STREETS[cc].split()).replace("_", " ")
        n = self.r.randint(1, 180)
        if cc == "CZ":
            line = f"{street} {self.r.randint(100, 2999)}/{n}"
        elif cc == "NG":
            line = f"{n} {street}"
        elif cc == "IN":
            line = self.r.choice([f"{n}, {street}", f"Flat {self.r.randint(101, 1204)}, "
                                  f"{self.r.choice(['Shanti', 'Sai Krupa', 'Lakeview'])} "
                                  f"Apartments, {street}"])
        elif cc == "JP":
            chome = f"{self.r.randint(1, 5)}-{self.r.randint(1, 30)}-{self.r.randint(1, 20)}"
            line = f"{chome} {street}"
        elif cc == "BR":
            line = f"{street}, {n}" + (f" - apto {self.r.randint(11, 184)}" if self.r.random() < .4
                                        else "")
        elif cc == "FI" and self.r.random() < 0.5:
            line = f"{street} {n} {self.r.choice('ABC')} {self.r.randint(1, 40)}"
        elif cc == "TR":
            line = f"{street} No: {n} D: {self.r.randint(1, 20)}"
        else:
            line = f"{street} {n}"
        return {"street": line, "city": city, "postal": self.postal(cc, pat),
                "lat": lat, "lon": lon}

    def passport(self, cc: str) -> str:
        up = "ABCDEFGHJKLMNPRSTUVWXYZ"
        r = self.r
        return {
            "SE": lambda: self.digits(8),
            "CZ": lambda: self.digits(8),
            "TR": lambda: r.choice("UZS") + self.digits(8),
            "GR": lambda: r.choice(up) + r.choice(up) + self.digits(7),
            "HU": lambda: r.choice(["BA", "BE", "BK"]) + self.digits(7),
            "RO": lambda: "05" + self.digits(7),
            "FI": lambda: r.choice(["XP", "FP", "XU"]) + self.digits(7),
            "NG": lambda: r.choice("AB") + self.digits(8),
            "IN": lambda: r.choice(up) + self.digits(7),
            "JP": lambda: r.choice(["TK", "TR", "MZ"]) + self.digits(7),
            "BR": lambda: r.choice(["FZ", "GA", "YB"]) + self.digits(6),
        }[cc]()


# --------------------------------------------------------------------------- checksums
def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    ds = [c for c in number if c.isdigit()]
    return luhn_check_digit("".join(ds[:-1])) == ds[-1]


def personnummer(g: Gen, born: dt.date, sex: str) -> str:
    serial = g.digits(2)
    gender_digit = g.r.choice("13579" if sex == "m" else "02468")
    body = born.strftime("%y%m%d") + serial + gender_digit
    check = luhn_check_digit(body)
    style = g.r.random()
    if style < 0.7:
        return f"{body[:6]}-{body[6:]}{check}"
    if style < 0.9:
        return f"{born:%Y%m%d}-{body[6:]}{check}"
    return f"{born:%Y%m%d}{body[6:]}{check}"


def rodne_cislo(g: Gen, born: dt.date, sex: str) -> str:
    month = born.month + (50 if sex == "f" else 0)
    while True:
        first9 = f"{born:%y}{month:02d}{born:%d}" + g.digits(3)
        rem = int(first9) % 11
        if rem != 10:
            break
    full = first9 + str(rem)
    assert int(full) % 11 == 0
    return f"{full[:6]}/{full[6:]}" if g.r.random() < 0.8 else full


def card_number(g: Gen) -> tuple[str, str]:
    kind = g.r.choice(["Visa", "Visa", "Mastercard", "Mastercard", "Amex"])
    if kind == "Visa":
        payload = "4" + g.digits(14)
    elif kind == "Mastercard":
        payload = g.r.choice(["51", "52", "53", "54", "55"]) + g.digits(13)
    else:
        payload = g.r.choice(["34", "37"]) + g.digits(12)
    return kind, payload + luhn_check_digit(payload)


def iban(g: Gen, cc: str) -> str:
    bban = g.digits(20)
    numeric = "".join(str(int(c, 36)) for c in bban + cc + "00")
    check = 98 - int(numeric) % 97
    raw = f"{cc}{check:02d}{bban}"
    if g.r.random() < 0.6:
        return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))
    return raw


def ean13(g: Gen) -> str:
    body = "73" + g.digits(10)
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def bcrypt_hash(g: Gen) -> str:
    alpha = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return f"$2{g.r.choice('ab')}${g.r.choice(['10', '12'])}$" + g.b64ish(53, alpha)


def argon2_hash(g: Gen) -> str:
    alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return f"$argon2id$v=19$m=65536,t=3,p=4${g.b64ish(22, alpha)}${g.b64ish(43, alpha)}"


def ipv4(g: Gen) -> str:
    first = g.r.choice([31, 37, 46, 62, 78, 81, 85, 88, 94, 95, 176, 178, 185, 188, 193,
                        212, 213, 217, 41, 49, 103, 106, 126, 177, 179, 189, 191, 200, 201])
    return f"{first}.{g.r.randint(0, 255)}.{g.r.randint(0, 255)}.{g.r.randint(1, 254)}"


def ipv6(g: Gen) -> str:
    pre = g.r.choice(["2a02", "2a01", "2001", "2409", "2804", "2c0f"])
    groups = [pre] + [format(g.r.getrandbits(16), "x") for _ in range(7)]
    return ":".join(groups)


def fmt_ts(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def ctext(cats: set[str]) -> list[str]:
    """Label for a free-text column from the categories actually written into it."""
    return ["user.content.private", *sorted(cats)] if cats else []


D = {"categories": [], "decoy": True}


# --------------------------------------------------------------------------- schema
SCHEMA = """
PRAGMA foreign_keys = ON;

-- ======================= hotel / short-stay booking (NordStay + Penzion Vltava)
CREATE TABLE hotell (
    id INTEGER PRIMARY KEY,
    namn TEXT NOT NULL,
    kedja TEXT,
    gatuadress TEXT,
    postnummer TEXT,
    ort TEXT,
    land TEXT,
    vaxel TEXT,
    reception_epost TEXT,
    org_nr TEXT,
    lat REAL,
    lon REAL,
    stjarnor INTEGER
);
CREATE TABLE rum (
    id INTEGER PRIMARY KEY,
    hotell_id INTEGER NOT NULL REFERENCES hotell(id),
    rumsnummer TEXT NOT NULL,
    rumsnamn TEXT,
    typ TEXT,
    sangar INTEGER,
    pris_per_natt REAL,
    vaning INTEGER
);
CREATE TABLE gaster (
    id INTEGER PRIMARY KEY,
    förnamn TEXT,
    efternamn TEXT,
    epost TEXT,
    telefon TEXT,
    födelsedatum TEXT,
    personnummer TEXT,
    passnummer TEXT,
    nationalitet TEXT,
    gatuadress TEXT,
    postnummer TEXT,
    ort TEXT,
    land TEXT,
    lojalitetsnummer TEXT,
    nyhetsbrev INTEGER,
    skapad TEXT,
    uppdaterad TEXT
);
CREATE TABLE hoste (
    id INTEGER PRIMARY KEY,
    jmeno TEXT,
    prijmeni TEXT,
    email TEXT,
    telefon TEXT,
    datum_narozeni TEXT,
    rodne_cislo TEXT,
    cislo_pasu TEXT,
    statni_prislusnost TEXT,
    adresa TEXT,
    zeme TEXT,
    vernostni_cislo TEXT,
    souhlas_marketing INTEGER,
    vytvoreno TEXT
);
CREATE TABLE personal (
    id INTEGER PRIMARY KEY,
    hotell_id INTEGER REFERENCES hotell(id),
    anvandarnamn TEXT UNIQUE,
    losenord_hash TEXT,
    namn TEXT,
    roll TEXT,
    epost TEXT,
    mobil TEXT,
    aktiv INTEGER,
    senast_inloggad TEXT
);
CREATE TABLE bokningar (
    id INTEGER PRIMARY KEY,
    bokningsnummer TEXT UNIQUE,
    gast_id INTEGER REFERENCES gaster(id),
    host_id INTEGER REFERENCES hoste(id),
    rum_id INTEGER NOT NULL REFERENCES rum(id),
    check_in TEXT,
    check_out TEXT,
    antal_gaster INTEGER,
    total_price REAL,
    currency TEXT,
    status TEXT,
    kanal TEXT,
    special_requests TEXT,
    created_at TEXT
);
CREATE TABLE betalningar (
    id INTEGER PRIMARY KEY,
    bokning_id INTEGER NOT NULL REFERENCES bokningar(id),
    belopp REAL,
    valuta TEXT,
    korttyp TEXT,
    kortnummer TEXT,
    kortinnehavare TEXT,
    aterbetalning_iban TEXT,
    faktura_nr TEXT,
    transaktion_id TEXT,
    betald_at TEXT
);
CREATE TABLE stadanteckningar (
    id INTEGER PRIMARY KEY,
    rum_id INTEGER NOT NULL REFERENCES rum(id),
    bokning_id INTEGER REFERENCES bokningar(id),
    personal_id INTEGER REFERENCES personal(id),
    anteckning TEXT,
    skapad TEXT
);
CREATE TABLE nyckelkort_logg (
    id INTEGER PRIMARY KEY,
    lock_device_id TEXT,
    card_uid TEXT,
    rum_id INTEGER REFERENCES rum(id),
    bokning_id INTEGER REFERENCES bokningar(id),
    personal_id INTEGER REFERENCES personal(id),
    handelse TEXT,
    tidpunkt TEXT
);
CREATE TABLE minibar_artiklar (
    id INTEGER PRIMARY KEY,
    artikelnummer TEXT,
    ean TEXT,
    benamning TEXT,
    pris REAL
);

-- ======================= PulseFit mobile app backend
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT UNIQUE,
    display_name TEXT,
    username TEXT UNIQUE,
    password_digest TEXT,
    date_of_birth TEXT,
    created_at TEXT,
    gender TEXT,
    height_cm INTEGER,
    weight_kg REAL,
    locale TEXT,
    push_token TEXT,
    marketing_opt_in INTEGER,
    plan TEXT,
    last_login_at TEXT
);
CREATE TABLE user_profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    ad TEXT,
    soyad TEXT,
    telefon TEXT,
    hedef_kilo REAL,
    haftalik_hedef_dk INTEGER
);
CREATE TABLE emergency_contacts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    onoma TEXT,
    eponymo TEXT,
    tilefono TEXT
);
CREATE TABLE devices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    device_uuid TEXT,
    model TEXT,
    os_version TEXT,
    app_version TEXT,
    last_ip TEXT,
    registered_at TEXT
);
CREATE TABLE workouts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    device_id INTEGER REFERENCES devices(id),
    activity_type TEXT,
    started_at TEXT,
    duration_s INTEGER,
    distance_m INTEGER,
    calories INTEGER,
    start_lat REAL,
    start_lon REAL,
    perioxi TEXT,
    avg_hr INTEGER
);
CREATE TABLE heart_rate_samples (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    bpm INTEGER,
    recorded_at TEXT,
    source TEXT
);
CREATE TABLE friends (
    user_id INTEGER NOT NULL REFERENCES users(id),
    friend_id INTEGER NOT NULL REFERENCES users(id),
    status TEXT,
    created_at TEXT,
    PRIMARY KEY (user_id, friend_id)
);
CREATE TABLE web_sessions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    session_cookie TEXT,
    ip TEXT,
    user_agent TEXT,
    created_at TEXT,
    expires_at TEXT
);
CREATE TABLE support_messages (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    subject TEXT,
    body TEXT,
    channel TEXT,
    reply_from TEXT,
    created_at TEXT
);
CREATE TABLE app_releases (
    id INTEGER PRIMARY KEY,
    version TEXT,
    build_number INTEGER,
    platform TEXT,
    min_os TEXT,
    sha256 TEXT,
    release_notes TEXT,
    released_at TEXT
);
CREATE TABLE training_plans (
    id INTEGER PRIMARY KEY,
    name TEXT,
    weeks INTEGER,
    level TEXT,
    price_try REAL
);
CREATE TABLE promo_codes (
    id INTEGER PRIMARY KEY,
    code TEXT UNIQUE,
    plan_id INTEGER REFERENCES training_plans(id),
    discount_pct INTEGER,
    valid_until TEXT,
    max_uses INTEGER
);
CREATE TABLE referral_links (
    id INTEGER PRIMARY KEY,
    referrer_id INTEGER NOT NULL REFERENCES users(id),
    url TEXT,
    clicks INTEGER,
    signups INTEGER,
    created_at TEXT
);
"""


# --------------------------------------------------------------------------- hotel app
def build_hotel(g: Gen, con: sqlite3.Connection, labels: dict) -> None:
    r = g.r
    hotels = [
        ("NordStay Stockholm City", "NordStay", "Vasagatan 22", "111 20", "Stockholm", "Sverige",
         "+46 8 555 120 00", "reception.stockholm@nordstay.se", "556712-4471", 59.332138,
         18.058012, 4),
        ("NordStay Göteborg Lindholmen", "NordStay", "Lindholmspiren 5", "417 56", "Göteborg",
         "Sverige", "031-701 45 00", "reception.goteborg@nordstay.se", "556712-4471",
         57.706502, 11.938215, 4),
        ("Hotell Linnéa", "NordStay", "Drottninggatan 9", "753 10", "Uppsala", "Sverige",
         "018-15 22 90", "info@hotell-linnea.se", "556034-9920", 59.858212, 17.640133, 3),
        ("Villa Greta Malmö", "NordStay", "Södra Förstadsgatan 41", "211 43", "Malmö",
         "Sverige", "+46 40 600 77 00", "bokning@villagreta.se", "556881-3307",
         55.598321, 13.001487, 3),
        ("Penzion Vltava", "Vltava Hotels", "Smetanovo nábřeží 14", "110 00", "Praha 1",
         "Česká republika", "+420 224 810 300", "recepce@penzionvltava.cz", "CZ27182818",
         50.084712, 14.413298, 3),
        ("Hotel U Karla", "Vltava Hotels", "Karlova 27", "110 00", "Praha 1",
         "Česká republika", "+420 222 333 440", "recepce@hotelukarla.cz", "CZ27182818",
         50.086201, 14.417755, 4),
        ("Hotel Boženka Brno", "Vltava Hotels", "Masarykova 31", "602 00", "Brno",
         "Česká republika", "542 210 900", "info@bozenka-brno.cz", "CZ04412871",
         49.193588, 16.610721, 3),
        ("Apartmány Šumava Lipno", "Vltava Hotels", "Lipno nad Vltavou 307", "382 78",
         "Lipno nad Vltavou", "Česká republika", "+420 380 736 111", "noreply@vltavahotels.cz",
         "CZ04412871", 48.639402, 14.223516, 2),
    ]
    con.executemany("INSERT INTO hotell VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?)", hotels)
    labels["hotell"] = {
        "id": [], "namn": D, "kedja": [], "gatuadress": D, "postnummer": D, "ort": D, "land": D,
        "vaxel": D, "reception_epost": D, "org_nr": [], "lat": D, "lon": D, "stjarnor": [],
    }

    # rooms: names after famous people / places = decoys
    room_names_se = ["Greta Garbo-sviten", "Selma Lagerlöf", "Astrid", "Evert Taube-rummet",
                     "Kungssviten", "Zlatan", "Strindberg", "Linnésviten", "Havsutsikt",
                     "Dag Hammarskjöld", "Birger Jarl", "Ingrid Bergman", None, None, None]
    room_names_cz = ["Apartmá Karel IV.", "Pokoj Božena Němcová", "Masaryk", "Apartmá Vltava",
                     "Pokoj Jan Neruda", "Mucha", "Dvořák", "Smetana", "Podkroví", None, None]
    types = ["Enkelrum", "Dubbelrum", "Twin", "Familjerum", "Svit", "Dvoulůžkový",
             "Jednolůžkový", "Apartmá"]
    rooms = []
    for hid in range(1, 9):
        cz = hid >= 5
        for _ in range(r.randint(14, 22)):
            floor = r.randint(1, 6)
            num = f"{floor}{r.randint(1, 40):02d}"
            name = r.choice(room_names_cz if cz else room_names_se)
            typ = r.choice(types[5:] if cz else types[:5])
            beds = r.randint(1, 4)
            price = round(r.uniform(1800, 5200), 0) if cz else round(r.uniform(890, 3400), 0)
            rooms.append((hid, num, name, typ, beds, price, floor))
    con.executemany("INSERT INTO rum VALUES (NULL,?,?,?,?,?,?,?)", rooms)
    n_rooms = len(rooms)
    labels["rum"] = {"id": [], "hotell_id": [], "rumsnummer": [], "rumsnamn": D, "typ": [],
                     "sangar": [], "pris_per_natt": [], "vaning": []}

    # ---- Swedish guests
    others = ["CZ", "TR", "GR", "HU", "RO", "FI", "NG", "IN", "JP", "BR"]
    start = dt.datetime(2021, 3, 1)
    gaster, gaster_people = [], []
    for _ in range(320):
        cc = "SE" if r.random() < 0.55 else r.choice([*others, "FI", "FI"])
        p = g.person(cc)
        born = g.dob(1942, 2004)
        pnr = personnummer(g, born, p["sex"]) if cc == "SE" and r.random() < 0.93 else None
        passport = g.passport(cc) if (cc != "SE" or r.random() < 0.25) else None
        addr = g.address(cc)
        created = g.ts(start, 1200)
        updated = created + dt.timedelta(days=r.randint(0, 300), seconds=r.randint(0, 86399))
        loyalty = f"NS{r.randint(1000, 9999)}-{g.digits(5)}" if r.random() < 0.45 else None
        dob_s = born.isoformat() if r.random() < 0.85 else None
        gaster.append((
            p["first"], p["last"], g.email(p) if r.random() < 0.95 else None,
            g.phone(cc) if r.random() < 0.9 else None, dob_s, pnr, passport, cc,
            addr["street"], addr["postal"], addr["city"], COUNTRY_SV[cc], loyalty,
            int(r.random() < 0.38), created.isoformat(timespec="seconds"),
            updated.isoformat(timespec="seconds"),
        ))
        gaster_people.append(p)
    con.executemany("INSERT INTO gaster VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", gaster)
    labels["gaster"] = {
        "id": ["user.unique_id"], "förnamn": ["user.name.first"], "efternamn": ["user.name.last"],
        "epost": ["user.contact.email"], "telefon": ["user.contact.phone_number"],
        "födelsedatum": ["user.demographic.date_of_birth"],
        "personnummer": ["user.government_id.national_identification_number"],
        "passnummer": ["user.government_id.passport_number"],
        "nationalitet": ["user.demographic"],
        "gatuadress": ["user.contact.address.street"],
        "postnummer": ["user.contact.address.postal_code"],
        "ort": ["user.contact.address.city"], "land": ["user.contact.address.country"],
        "lojalitetsnummer": ["user.unique_id"], "nyhetsbrev": ["user.privacy_preferences"],
        "skapad": D, "uppdaterad": [],
    }

    # ---- Czech guests
    hoste, hoste_people = [], []
    for _ in range(260):
        cc = "CZ" if r.random() < 0.55 else r.choice(["SE", "TR", "GR", "HU", "RO", "FI", "NG",
                                                       "IN", "JP", "BR", "HU", "RO"])
        p = g.person(cc)
        born = g.dob(1955, 2004)
        rc = rodne_cislo(g, born, p["sex"]) if cc == "CZ" and r.random() < 0.9 else None
        passport = g.passport(cc) if (cc != "CZ" or r.random() < 0.2) else None
        addr = g.address(cc)
        if cc == "CZ":
            whole = f"{addr['street']}, {addr['postal']} {addr['city']}"
        elif cc in ("NG", "IN", "BR", "TR"):
            whole = f"{addr['street']}, {addr['city']} {addr['postal']}"
        else:
            whole = f"{addr['street']}, {addr['postal']} {addr['city']}"
        dob_s = born.strftime("%d.%m.%Y") if r.random() < 0.7 else born.isoformat()
        hoste.append((
            p["first"], p["last"], g.email(p) if r.random() < 0.9 else None,
            g.phone(cc) if r.random() < 0.92 else None, dob_s, rc, passport, ISO3[cc],
            whole if r.random() < 0.93 else None, COUNTRY_CS[cc],
            f"VH{g.digits(8)}" if r.random() < 0.35 else None, int(r.random() < 0.3),
            fmt_ts(g.ts(start, 1200)),
        ))
        hoste_people.append(p)
    con.executemany("INSERT INTO hoste VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)", hoste)
    labels["hoste"] = {
        "id": ["user.unique_id"], "jmeno": ["user.name.first"], "prijmeni": ["user.name.last"],
        "email": ["user.contact.email"], "telefon": ["user.contact.phone_number"],
        "datum_narozeni": ["user.demographic.date_of_birth"],
        "rodne_cislo": ["user.government_id.national_identification_number"],
        "cislo_pasu": ["user.government_id.passport_number"],
        "statni_prislusnost": ["user.demographic"], "adresa": ["user.contact.address"],
        "zeme": ["user.contact.address.country"], "vernostni_cislo": ["user.unique_id"],
        "souhlas_marketing": ["user.privacy_preferences"], "vytvoreno": D,
    }

    # ---- staff
    roles_se = ["Receptionist", "Nattportier", "Städare", "Hotellchef", "Frukostvärd",
                "Revenue manager", "Fastighetsskötare"]
    roles_cz = ["Recepční", "Pokojská", "Provozní", "Údržbář", "Noční recepční", "Ředitel hotelu"]
    staff, staff_people = [], []
    used_usernames: set[str] = set()
    for i in range(64):
        hid = r.randint(1, 8)
        cz = hid >= 5
        cc = ("CZ" if r.random() < 0.8 else r.choice(["RO", "HU", "NG", "IN"])) if cz else \
            ("SE" if r.random() < 0.7 else r.choice(["FI", "TR", "GR", "RO", "NG"]))
        p = g.person(cc)
        while p["native"]:
            p = g.person(cc)
        base = (p["first_lat"][:1] + p["last_lat"]).lower().replace(" ", "")[:12]
        uname = base
        while uname in used_usernames:
            uname = f"{base}{r.randint(2, 9)}"
        used_usernames.add(uname)
        domain = "vltavahotels.cz" if cz else "nordstay.se"
        mail = f"{p['first_lat'].lower()}.{p['last_lat'].lower().replace(' ', '')}@{domain}"
        h = argon2_hash(g) if i % 3 else bcrypt_hash(g)
        last = fmt_ts(g.ts(dt.datetime(2024, 1, 1), 400)) if r.random() < 0.9 else None
        staff.append((hid, uname, h, f"{p['first']} {p['last']}",
                      r.choice(roles_cz if cz else roles_se), mail,
                      g.phone(cc) if r.random() < 0.8 else None, int(r.random() < 0.85), last))
        staff_people.append(p)
    con.executemany("INSERT INTO personal VALUES (NULL,?,?,?,?,?,?,?,?,?)", staff)
    labels["personal"] = {
        "id": ["user.unique_id"], "hotell_id": [], "anvandarnamn": ["user.account.username"],
        "losenord_hash": ["user.authorization.password"], "namn": ["user.name"],
        "roll": ["user.job_title"], "epost": ["user.contact.email"],
        "mobil": ["user.contact.phone_number"], "aktiv": [], "senast_inloggad": [],
    }

    # ---- reservations
    rooms_by_hotel: dict[int, list[int]] = {}
    for rid, (hid, *_rest) in enumerate(rooms, start=1):
        rooms_by_hotel.setdefault(hid, []).append(rid)
    req_plain = [
        "Sen incheckning, ca 23:30", "Extra kudde tack", "Late check-in around midnight",
        "Barnsäng behövs", "Tichý pokoj prosím", "Room away from the elevator",
        "Parkering för en bil", "Příjezd autem, parkování?", "Honeymoon – flowers if possible",
        "Early check-in if available", "Pozdní příjezd kolem 22:00", "Allergivänligt rum (hund)",
        "Two separate beds please", "Vi firar 40-årsdag", "Hund följer med (liten)",
    ]
    req_health = [
        "Glutenfri frukost – celiaki", "Nut allergy (severe), please inform the kitchen",
        "Bezlepková strava – celiakie", "Rullstolsanpassat rum, använder rullstol",
        "Need a fridge for insulin", "Laktosintolerant", "Diabetik – prosím lednici na inzulín",
        "CPAP machine, need socket near bed",
    ]
    bookings = []
    req_cats: set[str] = set()
    booking_guest: list[tuple[str, dict]] = []
    for i in range(400):
        hid = r.randint(1, 8)
        cz = hid >= 5
        room = r.choice(rooms_by_hotel[hid])
        if (cz and r.random() < 0.85) or (not cz and r.random() < 0.1):
            gid, hostid = None, r.randint(1, len(hoste))
            booking_guest.append(("h", hoste_people[hostid - 1]))
        else:
            gid, hostid = r.randint(1, len(gaster)), None
            booking_guest.append(("g", gaster_people[gid - 1]))
        ci = dt.date(2023, 1, 1) + dt.timedelta(days=r.randrange(800))
        nights = r.choice([1, 1, 1, 2, 2, 3, 4, 5, 7, 10])
        co = ci + dt.timedelta(days=nights)
        price = round(rooms[room - 1][5] * nights * r.uniform(0.85, 1.2), 2)
        roll = r.random()
        if roll < 0.55:
            req = None
        elif roll < 0.9:
            req = r.choice(req_plain)
        elif roll < 0.97:
            req = r.choice(req_health)
            req_cats.add("user.health_and_medical")
        else:
            p = booking_guest[-1][1]
            req = r.choice(["Ring mig på {} vid ankomst", "Call {} if arriving after 22",
                            "Prosím volejte na {} před příjezdem"]).format(g.phone(p["cc"]))
            req_cats.add("user.contact.phone_number")
        created = dt.datetime.combine(ci, dt.time(12)) - dt.timedelta(
            days=r.randint(1, 120), seconds=r.randint(0, 86399))
        bookings.append((
            f"{'VH' if cz else 'NS'}-{ci.year}-{i * 37 % 100000 + 10000:06d}", gid, hostid, room,
            ci.isoformat(), co.isoformat(), r.randint(1, 4), price, "CZK" if cz else "SEK",
            r.choice(["confirmed", "checked_out", "checked_out", "cancelled", "no_show"]),
            r.choice(["direct", "Booking.com", "Expedia", "phone", "walk-in"]), req,
            fmt_ts(created),
        ))
    con.executemany("INSERT INTO bokningar VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)", bookings)
    labels["bokningar"] = {
        "id": [], "bokningsnummer": D, "gast_id": ["user.unique_id"],
        "host_id": ["user.unique_id"], "rum_id": [], "check_in": [], "check_out": [],
        "antal_gaster": [], "total_price": [], "currency": [], "status": [], "kanal": [],
        "special_requests": ctext(req_cats), "created_at": [],
    }

    # ---- payments
    pays = []
    for i, b in enumerate(bookings, start=1):
        if b[9] == "cancelled" and r.random() < 0.7:
            continue
        kind, number = card_number(g)
        roll = r.random()
        if roll < 0.6:
            shown = f"**** {number[-4:]}"
        elif roll < 0.75:
            shown = "*" * (len(number) - 4) + number[-4:]
        elif roll < 0.8:
            shown = f"{number[:6]}******{number[-4:]}"
        elif roll < 0.92:
            shown = number if r.random() < 0.5 else " ".join(
                number[j:j + 4] for j in range(0, len(number), 4))
        else:
            shown, kind = None, "Faktura"
        p = booking_guest[i - 1][1]
        if r.random() < 0.8:
            holder = f"{p['first_lat']} {p['last_lat']}".upper() if r.random() < 0.5 else \
                f"{p['first']} {p['last']}"
        else:
            q = g.person(p["cc"])
            holder = f"{q['first_lat']} {q['last_lat']}".upper()
        refund = iban(g, "CZ" if b[8] == "CZK" else "SE") if b[9] == "cancelled" else None
        paid = dt.datetime.fromisoformat(b[5]) + dt.timedelta(hours=r.randint(7, 12),
                                                               minutes=r.randint(0, 59))
        pays.append((i, b[7], b[8], kind, shown, holder if shown else None, refund,
                     f"F{paid.year}{i:05d}", g.hexs(32),
                     paid.isoformat(timespec="minutes")))
    con.executemany("INSERT INTO betalningar VALUES (NULL,?,?,?,?,?,?,?,?,?,?)", pays)
    labels["betalningar"] = {
        "id": [], "bokning_id": [], "belopp": [], "valuta": [], "korttyp": [],
        "kortnummer": ["user.financial.credit_card"], "kortinnehavare": ["user.name"],
        "aterbetalning_iban": ["user.financial.bank_account"], "faktura_nr": D,
        "transaktion_id": D, "betald_at": [],
    }

    # ---- housekeeping notes
    plain_notes = [
        "Byt glödlampa i badrummet", "Fläckar på mattan, beställt rengöring",
        "Minibar påfylld", "Rum klart 14:10", "Vysavač v pokoji nefunguje",
        "Rozbitá sklenice v koupelně, uklizeno", "Handdukar saknas (2 st)",
        "Odour of smoke – fined per policy", "Fönstret går inte att stänga ordentligt",
        "Ručníky vyměněny, povlečení OK", "Deep clean done", "Kaffemaskinen läcker",
        "DND sign all day, skipped", "Chybí dálkový ovladač k TV", "Extra säng uppställd",
        "Strykjärn lämnat på skrivbordet", "Gäst ej på rummet, lämnat lapp",
    ]
    notes, note_cats = [], set()
    room_bookings: dict[int, list[int]] = {}
    for bid, b in enumerate(bookings, start=1):
        room_bookings.setdefault(b[3], []).append(bid)
    staff_ids = list(range(1, len(staff) + 1))
    for _ in range(280):
        bid = r.randint(1, len(bookings)) if r.random() < 0.75 else None
        rid = bookings[bid - 1][3] if bid else r.randint(1, n_rooms)
        roll = r.random()
        if bid and roll < 0.22:
            p = booking_guest[bid - 1][1]
            tmpl = r.choice([
                "Gäst {f} {l} vill ha städning efter 13",
                "{mr} {l} asked for extra towels",
                "{pani} {l} zapomněl(a) nabíječku, uloženo na recepci",
                "{f} {l} klagade på buller från korridoren",
                "Hittat plånbok tillhörande {f} {l}, lämnad i receptionen",
            ])
            text = tmpl.format(f=p["first"], l=p["last"],
                               mr="Mr" if p["sex"] == "m" else "Ms",
                               pani="Pan" if p["sex"] == "m" else "Paní")
            note_cats.add("user.name")
            if r.random() < 0.4:
                text += f" – tel {g.phone(p['cc'])}"
                note_cats.add("user.contact.phone_number")
        elif bid and roll < 0.27:
            p = booking_guest[bid - 1][1]
            text = r.choice(["Ring gästen på {} om kvarglömd jacka",
                             "Host volal z {}, chce pozdní úklid",
                             "Guest phoned from {} – lost key card"]).format(g.phone(p["cc"]))
            note_cats.add("user.contact.phone_number")
        else:
            text = r.choice(plain_notes)
        when = g.ts(dt.datetime(2023, 1, 1), 800)
        notes.append((rid, bid, r.choice(staff_ids), text, fmt_ts(when)))
    con.executemany("INSERT INTO stadanteckningar VALUES (NULL,?,?,?,?,?)", notes)
    labels["stadanteckningar"] = {
        "id": [], "rum_id": [], "bokning_id": [], "personal_id": ["user.unique_id"],
        "anteckning": ctext(note_cats), "skapad": [],
    }

    # ---- key card audit log
    lock_ids = {rid: f"{r.choice(['VING', 'SALTO', 'ASSA'])}-{g.hexs(8).upper()}"
                for rid in range(1, n_rooms + 1)}
    log = []
    for _ in range(400):
        if r.random() < 0.85:
            bid = r.randint(1, len(bookings))
            rid, sid = bookings[bid - 1][3], None
        else:
            bid, rid, sid = None, r.randint(1, n_rooms), r.choice(staff_ids)
        uid = ":".join(g.hexs(2).upper() for _ in range(7))
        log.append((lock_ids[rid], uid, rid, bid, sid,
                    r.choice(["UNLOCK", "UNLOCK", "UNLOCK", "DENIED", "DOUBLE_LOCK",
                              "BATTERY_LOW"]),
                    g.ts(dt.datetime(2023, 1, 1), 800).isoformat(timespec="seconds") + "Z"))
    con.executemany("INSERT INTO nyckelkort_logg VALUES (NULL,?,?,?,?,?,?,?)", log)
    labels["nyckelkort_logg"] = {
        "id": [], "lock_device_id": D, "card_uid": D, "rum_id": [], "bokning_id": [],
        "personal_id": ["user.unique_id"], "handelse": [], "tidpunkt": [],
    }

    # ---- minibar: article numbers shaped like Swedish phone numbers
    items = ["Coca-Cola 33 cl", "Ramlösa citrus", "Pilsner Urquell 0,5 l", "Marabou mjölkchoklad",
             "Cashewnötter", "Kofola", "Becherovka 50 ml", "Absolut Vodka 5 cl", "Chips havssalt",
             "Mattisson's vin röd", "Tatranky", "Mineralka Mattoni"]
    minibar = []
    for name in items:
        minibar.append((f"0{r.choice(['70', '73', '76'])}-{g.digits(3)} {g.digits(2)} "
                        f"{g.digits(2)}", ean13(g), name, round(r.uniform(25, 120), 0)))
    con.executemany("INSERT INTO minibar_artiklar VALUES (NULL,?,?,?,?)", minibar)
    labels["minibar_artiklar"] = {"id": [], "artikelnummer": D, "ean": [], "benamning": [],
                                  "pris": []}


# --------------------------------------------------------------------------- fitness app
def build_fitness(g: Gen, con: sqlite3.Connection, labels: dict) -> None:
    r = g.r
    weights = {"TR": 5, "GR": 4, "SE": 1, "CZ": 1, "HU": 1, "RO": 1, "FI": 1, "NG": 2,
               "IN": 2, "JP": 2, "BR": 2}
    pool = [cc for cc, w in weights.items() for _ in range(w)]
    users, people = [], []
    used_u, used_e = set(), set()
    signup0 = dt.datetime(2020, 6, 1)
    for _ in range(360):
        cc = r.choice(pool)
        p = g.person(cc)
        e = g.email(p)
        while e in used_e:
            e = g.email(p)
        used_e.add(e)
        fl, ll = p["first_lat"].lower().replace(" ", ""), p["last_lat"].lower().replace(" ", "")
        u = r.choice([f"{fl}.{ll[:1]}", f"{fl}_{ll}", f"{fl}{r.randint(1, 999)}",
                      f"{ll}{fl[:1]}", f"{fl}_runs", f"{ll[:5]}{r.randint(10, 99)}"])
        while u in used_u:
            u = f"{u}{r.randint(0, 9)}"
        used_u.add(u)
        dn = r.random()
        display = (f"{p['first']} {p['last']}" if dn < 0.45 else
                   f"{p['first']} {p['last'][:1]}." if dn < 0.8 or p["native"] else p["first"])
        born = g.dob(1958, 2008)
        sex = p["sex"]
        gender = r.choice(["nonbinary", "prefer_not_to_say"]) if r.random() < 0.05 else \
            {"m": "male", "f": "female"}[sex]
        height = int(r.gauss(178 if sex == "m" else 165, 7))
        weight = round(r.gauss(82 if sex == "m" else 66, 11), 1)
        push = (g.hexs(64) if r.random() < 0.45 else
                f"{g.b64ish(11)}:APA91b{g.b64ish(134)}") if r.random() < 0.85 else None
        created = g.ts(signup0, 1400)
        users.append((
            e, display, u, bcrypt_hash(g), born.isoformat() if r.random() < 0.9 else None,
            created.isoformat(timespec="milliseconds") + "Z",
            gender if r.random() < 0.9 else None, height if r.random() < 0.8 else None,
            weight if r.random() < 0.75 else None, LOCALE[cc] if r.random() < 0.9 else "en-US",
            push, int(r.random() < 0.34), r.choice(["free", "free", "premium", "premium_annual"]),
            (created + dt.timedelta(days=r.randint(0, 500))).isoformat(timespec="seconds") + "Z",
        ))
        people.append(p)
    con.executemany("INSERT INTO users VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", users)
    n_users = len(users)
    labels["users"] = {
        "id": ["user.unique_id"], "email": ["user.contact.email"], "display_name": ["user.name"],
        "username": ["user.account.username"], "password_digest": ["user.authorization.password"],
        "date_of_birth": ["user.demographic.date_of_birth"], "created_at": D,
        "gender": ["user.demographic.gender"], "height_cm": ["user.health_and_medical"],
        "weight_kg": ["user.health_and_medical"], "locale": ["user.demographic.language"],
        "push_token": ["user.device.device_id"], "marketing_opt_in": ["user.privacy_preferences"],
        "plan": [], "last_login_at": [],
    }

    # ---- Turkish-named profile table
    profiles = []
    for uid in range(1, n_users + 1):
        if r.random() < 0.3:
            continue
        p = people[uid - 1]
        profiles.append((uid, p["first"], p["last"],
                         g.phone(p["cc"]) if r.random() < 0.7 else None,
                         round(users[uid - 1][8] - r.uniform(-2, 8), 1)
                         if users[uid - 1][8] and r.random() < 0.6 else None,
                         r.choice([60, 90, 120, 150, 180, 240])))
    con.executemany("INSERT INTO user_profiles VALUES (?,?,?,?,?,?)", profiles)
    labels["user_profiles"] = {
        "user_id": ["user.unique_id"], "ad": ["user.name.first"], "soyad": ["user.name.last"],
        "telefon": ["user.contact.phone_number"], "hedef_kilo": ["user.health_and_medical"],
        "haftalik_hedef_dk": [],
    }

    # ---- Greek-named emergency contacts (other people)
    ecs = []
    for _ in range(180):
        uid = r.randint(1, n_users)
        cc = people[uid - 1]["cc"]
        q = g.person(cc)
        ecs.append((uid, q["first"], q["last"] if r.random() < 0.85 else None, g.phone(cc)))
    con.executemany("INSERT INTO emergency_contacts VALUES (NULL,?,?,?,?)", ecs)
    labels["emergency_contacts"] = {
        "id": ["user.unique_id"], "user_id": ["user.unique_id"], "onoma": ["user.name.first"],
        "eponymo": ["user.name.last"], "tilefono": ["user.contact.phone_number"],
    }

    # ---- devices
    ios = [("iPhone15,2", "17.4.1"), ("iPhone14,5", "16.7.8"), ("iPhone16,1", "17.5"),
           ("iPhone13,2", "17.3.1"), ("Watch6,4", "10.4")]
    android = [("SM-S918B", "14"), ("Pixel 8", "14"), ("Redmi Note 12", "13"),
               ("SM-A546E", "14"), ("CPH2449", "13"), ("moto g54 5G", "14"), ("V2250", "13")]
    app_versions = ["7.3.0.2", "7.3.1.0", "7.2.4.11", "7.1.0.5", "6.9.2.1", "7.4.0.0"]
    devs = []
    for _ in range(330):
        uid = r.randint(1, n_users)
        model, osv = r.choice(ios + android)
        ip = ipv6(g) if r.random() < 0.3 else ipv4(g)
        devs.append((uid, g.uuid4().upper() if model[:1] in "iW" else g.uuid4(), model, osv,
                     r.choice(app_versions), ip if r.random() < 0.95 else None,
                     fmt_ts(g.ts(signup0, 1500))))
    con.executemany("INSERT INTO devices VALUES (NULL,?,?,?,?,?,?,?)", devs)
    labels["devices"] = {
        "id": [], "user_id": ["user.unique_id"], "device_uuid": ["user.device.device_id"],
        "model": [], "os_version": [], "app_version": D,
        "last_ip": ["user.device.ip_address"], "registered_at": [],
    }
    dev_by_user: dict[int, list[int]] = {}
    for did, d in enumerate(devs, start=1):
        dev_by_user.setdefault(d[0], []).append(did)

    # ---- workouts (GPS start point of a person = precise location)
    districts = {
        "İstanbul": ["Kadıköy", "Beşiktaş", "Üsküdar", "Moda"], "Ankara": ["Çankaya", "Eymir"],
        "Athína": ["Γλυφάδα", "Κηφισιά", "Kallimarmaro", "Ζωγράφου"],
        "Thessaloníki": ["Καλαμαριά", "Nea Paralia"], "Helsinki": ["Kallio", "Töölö"],
        "Lagos": ["Lekki", "Ikoyi", "Yaba"], "Tokyo": ["代々木公園", "皇居", "Komazawa"],
        "São Paulo": ["Ibirapuera", "Pinheiros"], "Stockholm": ["Djurgården", "Hagaparken"],
        "Praha": ["Stromovka", "Letná"], "Budapest": ["Margitsziget"],
        "Mumbai": ["Marine Drive", "Bandra"], "Bengaluru": ["Cubbon Park"],
    }
    home = {uid: r.choice(CITIES[people[uid - 1]["cc"]]) for uid in range(1, n_users + 1)}
    wos = []
    for _ in range(400):
        uid = r.randint(1, n_users)
        city, _pat, lat, lon = home[uid]
        act = r.choice(["run", "run", "ride", "walk", "hike", "swim", "strength"])
        dur = r.randint(900, 7200)
        dist = {"run": dur * r.uniform(2.3, 3.6), "ride": dur * r.uniform(5, 9),
                "walk": dur * r.uniform(1.1, 1.6), "hike": dur * r.uniform(0.9, 1.4),
                "swim": dur * r.uniform(0.4, 0.7), "strength": 0}[act]
        outdoor = act not in ("swim", "strength")
        dec = r.choice([5, 6])
        slat = round(lat + r.uniform(-0.06, 0.06), dec) if outdoor else None
        slon = round(lon + r.uniform(-0.08, 0.08), dec) if outdoor else None
        area = (f"{r.choice(districts[city])}, {city}" if city in districts and r.random() < .8
                else city) if outdoor else None
        devices_u = dev_by_user.get(uid)
        wos.append((uid, r.choice(devices_u) if devices_u and r.random() < 0.8 else None, act,
                    fmt_ts(g.ts(dt.datetime(2023, 1, 1), 700)), dur, int(dist),
                    int(dur / 60 * r.uniform(5, 13)), slat, slon, area,
                    r.randint(105, 172) if r.random() < 0.85 else None))
    con.executemany("INSERT INTO workouts VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?)", wos)
    labels["workouts"] = {
        "id": [], "user_id": ["user.unique_id"], "device_id": [], "activity_type": [],
        "started_at": [], "duration_s": [], "distance_m": [], "calories": [],
        "start_lat": ["user.location.precise"], "start_lon": ["user.location.precise"],
        "perioxi": ["user.location.imprecise"], "avg_hr": ["user.health_and_medical"],
    }

    # ---- heart rate samples
    hrs = []
    for _ in range(400):
        uid = r.randint(1, n_users)
        hrs.append((uid, int(r.gauss(78, 18)) if r.random() < 0.7 else r.randint(48, 190),
                    g.ts(dt.datetime(2024, 1, 1), 300).isoformat(timespec="seconds") + "+00:00",
                    r.choice(["watch", "watch", "chest_strap", "phone_camera"])))
    con.executemany("INSERT INTO heart_rate_samples VALUES (NULL,?,?,?,?)", hrs)
    labels["heart_rate_samples"] = {"id": [], "user_id": ["user.unique_id"],
                                    "bpm": ["user.health_and_medical"], "recorded_at": [],
                                    "source": []}

    # ---- friends
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 320:
        a, b = r.randint(1, n_users), r.randint(1, n_users)
        if a != b:
            pairs.add((a, b))
    fr = [(a, b, r.choice(["accepted", "accepted", "pending", "blocked"]),
           fmt_ts(g.ts(signup0, 1500))) for a, b in sorted(pairs)]
    r.shuffle(fr)
    con.executemany("INSERT INTO friends VALUES (?,?,?,?)", fr)
    labels["friends"] = {"user_id": ["user.unique_id"], "friend_id": ["user.unique_id"],
                         "status": [], "created_at": []}

    # ---- web sessions
    uas = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        " Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "PulseFit/7.3.0.2 (iPhone15,2; iOS 17.4.1; Scale/3.00)",
        "PulseFit/7.2.4.11 (Android 14; SM-S918B)",
        "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/123.0.6312.99 Mobile Safari/537.36",
    ]
    sess = []
    for _ in range(260):
        t = g.ts(dt.datetime(2024, 1, 1), 300)
        sess.append((r.randint(1, n_users), g.b64ish(43), ipv6(g) if r.random() < 0.3
                     else ipv4(g), r.choice(uas), fmt_ts(t), fmt_ts(t + dt.timedelta(days=30))))
    con.executemany("INSERT INTO web_sessions VALUES (NULL,?,?,?,?,?,?)", sess)
    labels["web_sessions"] = {
        "id": [], "user_id": ["user.unique_id"], "session_cookie": ["user.device.cookie_id"],
        "ip": ["user.device.ip_address"], "user_agent": ["user.device"], "created_at": [],
        "expires_at": [],
    }

    # ---- support messages
    subjects = ["Sync problem", "Billing", "Account", "Bug report", "Feature request",
                "Senkronizasyon sorunu", "Πρόβλημα σύνδεσης", "Refund", "Watch pairing"]
    plain_bodies = [
        "The app crashes when I open the map after updating to 7.3.0.2.",
        "Merhaba, uygulama Garmin saatimle senkronize olmuyor.",
        "Η εφαρμογή δεν συγχρονίζει τις προπονήσεις μου από χθες.",
        "Can you add rowing as an activity type?",
        "Dark mode resets every time I restart the phone.",
        "Workout from yesterday shows 0 km even though GPS was on.",
        "Premium features still locked after payment, order PF-2024-118830.",
        "Ödeme yaptım ama premium aktif olmadı.",
        "Please add support for Wear OS 4.",
        "Ο καρδιακός παλμός δείχνει λάθος τιμές στην κολύμβηση.",
        "Leaderboard for my city is empty.",
        "Strava export fails with error 502.",
    ]
    msgs, cats = [], set()
    for _ in range(260):
        uid = r.randint(1, n_users) if r.random() < 0.9 else None
        p = people[uid - 1] if uid else g.person(r.choice(pool))
        roll = r.random()
        if roll < 0.58:
            body = r.choice(plain_bodies)
        elif roll < 0.7:
            body = (f"Please delete my account and all data. I signed up with "
                    f"{g.email(p)}, not this address.")
            cats.add("user.contact.email")
        elif roll < 0.8:
            body = (f"Hi, this is {p['first']} {p['last']}. I was charged twice this month, "
                    f"you can reach me on {g.phone(p['cc'])}.")
            cats.update({"user.name", "user.contact.phone_number"})
        elif roll < 0.87:
            body = f"Beni {g.phone(p['cc'])} numarasından arayabilir misiniz? Şifremi unuttum."
            cats.add("user.contact.phone_number")
        elif roll < 0.93:
            body = (f"My wife {g.person(p['cc'])['first']} can't log in to her account, "
                    f"her email is {g.email(g.person(p['cc']))}.")
            cats.update({"user.name", "user.contact.email"})
        else:
            body = r.choice([
                "I have a pacemaker – is it safe to use the chest strap?",
                "After my knee surgery I need a low-impact plan, any suggestions?",
                "Έχω διαβήτη τύπου 1, μπορώ να συνδέσω τον μετρητή γλυκόζης;",
                "Hamileyim, nabız bölgelerini nasıl ayarlamalıyım?",
            ])
            cats.add("user.health_and_medical")
        msgs.append((uid, r.choice(subjects), body,
                     r.choice(["in_app", "email", "email", "web_form"]),
                     r.choice(["support@pulsefit.app", "destek@pulsefit.app",
                               "noreply@pulsefit.app", None]),
                     fmt_ts(g.ts(dt.datetime(2023, 6, 1), 500))))
    con.executemany("INSERT INTO support_messages VALUES (NULL,?,?,?,?,?,?)", msgs)
    labels["support_messages"] = {
        "id": [], "user_id": ["user.unique_id"], "subject": [], "body": ctext(cats),
        "channel": [], "reply_from": D, "created_at": [],
    }

    # ---- app releases (version strings shaped like IPv4)
    rel = []
    build = 3100
    for major in (6, 7):
        for minor in range(0, 5):
            for patch in range(0, r.randint(2, 4)):
                for plat in ("ios", "android"):
                    build += r.randint(1, 9)
                    v = f"{major}.{minor}.{patch}.{r.randint(0, 12)}"
                    rel.append((v, build, plat, "15.0" if plat == "ios" else "8.0",
                                hashlib.sha256(f"{v}{plat}{build}".encode()).hexdigest(),
                                r.choice(["Bug fixes and performance improvements.",
                                          "New: interval training builder.",
                                          "Hata düzeltmeleri.", "Διορθώσεις σφαλμάτων."]),
                                fmt_ts(g.ts(dt.datetime(2022, 1, 1), 900))))
    con.executemany("INSERT INTO app_releases VALUES (NULL,?,?,?,?,?,?,?)", rel)
    labels["app_releases"] = {"id": [], "version": D, "build_number": [], "platform": [],
                              "min_os": [], "sha256": D, "release_notes": [], "released_at": []}

    # ---- training plans (names with people's names = decoys)
    plans = ["Couch to 5K with Elina", "Zeynep's 20-min HIIT", "Marathon Maja 16w",
             "Coach Nikos Strength", "Yoga με την Ελένη", "Koşu Başlangıç", "Half Marathon Pro",
             "Ultra Trail Kilian-style", "Core Basics", "Pilates Ayşe ile", "10K Sub-50",
             "Mobility for Runners"]
    con.executemany("INSERT INTO training_plans VALUES (NULL,?,?,?,?)",
                    [(n, r.choice([4, 6, 8, 12, 16]),
                      r.choice(["beginner", "intermediate", "advanced"]),
                      round(r.uniform(99, 899), 2)) for n in plans])
    labels["training_plans"] = {"id": [], "name": D, "weeks": [], "level": [], "price_try": []}

    # ---- promo codes: 16-digit Luhn-valid gift codes (decoy for card numbers)
    promos, seen = [], set()
    while len(promos) < 150:
        payload = r.choice(["7788", "7789"]) + g.digits(11)
        code = payload + luhn_check_digit(payload)
        if code in seen:
            continue
        seen.add(code)
        promos.append((code, r.randint(1, len(plans)), r.choice([10, 15, 20, 25, 50, 100]),
                       (dt.date(2024, 1, 1) + dt.timedelta(days=r.randrange(600))).isoformat(),
                       r.choice([1, 1, 1, 100, 1000])))
    con.executemany("INSERT INTO promo_codes VALUES (NULL,?,?,?,?,?)", promos)
    labels["promo_codes"] = {"id": [], "code": D, "plan_id": [], "discount_pct": [],
                             "valid_until": [], "max_uses": []}

    # ---- referral links: random per-link codes
    alpha = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    refs = []
    for _ in range(200):
        code = g.b64ish(8, alpha)
        url = r.choice([f"https://pulsefit.app/r/{code}",
                        f"https://go.pulsefit.app/invite?ref={code}&utm_source=share",
                        f"https://pulsefit.page.link/{code}"])
        refs.append((r.randint(1, n_users), url, r.randint(0, 140), r.randint(0, 9),
                     fmt_ts(g.ts(signup0, 1500))))
    con.executemany("INSERT INTO referral_links VALUES (NULL,?,?,?,?,?)", refs)
    labels["referral_links"] = {"id": [], "referrer_id": ["user.unique_id"], "url": D,
                                "clicks": [], "signups": [], "created_at": []}


# --------------------------------------------------------------------------- output
TABLE_NOTES = {
    "hotell": "hotel properties (company data, not personal)",
    "rum": "rooms; several named after famous people",
    "gaster": "guests of the Swedish properties",
    "hoste": "guests of the Czech properties",
    "personal": "hotel staff accounts",
    "bokningar": "reservations (one of gast_id / host_id is set)",
    "betalningar": "card payments; kortnummer mostly masked, some full numbers",
    "stadanteckningar": "housekeeping notes, free text",
    "nyckelkort_logg": "door-lock / key card audit log",
    "minibar_artiklar": "minibar articles; article numbers shaped like phone numbers",
    "users": "fitness app accounts",
    "user_profiles": "profile extension (Turkish column names)",
    "emergency_contacts": "emergency contacts of users (Greek column names); other people",
    "devices": "users' phones and watches",
    "workouts": "recorded workouts, GPS start point",
    "heart_rate_samples": "heart rate samples",
    "friends": "friendship edges; friend_id is another user",
    "web_sessions": "web dashboard sessions",
    "support_messages": "support inbox, free text",
    "app_releases": "app build catalogue (not personal)",
    "training_plans": "purchasable plans (not personal)",
    "promo_codes": "16-digit Luhn-valid promo codes (not personal)",
    "referral_links": "referral links with random codes",
}


def fmt_spec(spec) -> str:
    if isinstance(spec, dict):
        return "{categories: [], decoy: true}"
    return "[" + ", ".join(spec) + "]"


def write_yaml(labels: dict[str, dict], order: list[str]) -> None:
    lines = [
        "# heldout2: held-out labelled benchmark for pdscan (never tune the detector on it).",
        "# Two applications in one SQLite file: a hotel / short-stay booking system",
        "# (Swedish + Czech + English names) and a mobile fitness app backend (English",
        "# snake_case with Turkish and Greek columns). Generated by make_heldout2.py.",
        "# [] = not personal; {categories: [], decoy: true} = looks personal but is not.",
        "# Free text columns carry user.content.private plus the categories present in them.",
        "store: sqlite",
        "collections:",
    ]
    for table in order:
        lines.append(f"  main.{table}:   # {TABLE_NOTES[table]}")
        for col, spec in labels[table].items():
            lines.append(f"    {col}: {fmt_spec(spec)}")
    LABELS_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")


def self_check(con: sqlite3.Connection, labels: dict[str, dict]) -> list[str]:
    errors: list[str] = []
    tables = [row[0] for row in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY rowid")]
    if set(tables) != set(labels):
        errors.append(f"tables differ: db-only {set(tables) - set(labels)}, "
                      f"labels-only {set(labels) - set(tables)}")
    for t in tables:
        cols = [row[1] for row in con.execute(f'PRAGMA table_info("{t}")')]
        lab = list(labels.get(t, {}))
        if cols != lab:
            errors.append(f"{t}: columns {cols} != labels {lab}")
        for col, spec in labels.get(t, {}).items():
            cats = spec["categories"] if isinstance(spec, dict) else spec
            bad = [c for c in cats if c not in ALLOWED]
            if bad:
                errors.append(f"{t}.{col}: unknown categories {bad}")
            if isinstance(spec, dict) and (spec.get("categories") or not spec.get("decoy")):
                errors.append(f"{t}.{col}: decoys must have no categories")
            if "user.content.private" in cats and len(cats) < 2:
                errors.append(f"{t}.{col}: content.private without the categories inside")
        for fk in con.execute(f'PRAGMA foreign_key_list("{t}")'):
            target, col = fk[2], fk[3]
            spec = labels[t].get(col, [])
            cats = spec["categories"] if isinstance(spec, dict) else spec
            if (target in PERSON_TABLES) != ("user.unique_id" in cats):
                errors.append(f"{t}.{col} -> {target}: user.unique_id label mismatch")
            filled = con.execute(f'SELECT COUNT("{col}") FROM "{t}"').fetchone()[0]
            if not filled:
                errors.append(f"{t}.{col}: no values")
        count = con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        if count == 0:
            errors.append(f"{t}: empty")
    fk_bad = con.execute("PRAGMA foreign_key_check").fetchall()
    if fk_bad:
        errors.append(f"foreign_key_check: {fk_bad[:5]} ...")
    # data sanity: checksums
    for (pnr,) in con.execute("SELECT personnummer FROM gaster WHERE personnummer IS NOT NULL"):
        ds = "".join(c for c in pnr if c.isdigit())[-10:]
        if not luhn_ok(ds):
            errors.append(f"bad personnummer {pnr}")
    for (rc,) in con.execute("SELECT rodne_cislo FROM hoste WHERE rodne_cislo IS NOT NULL"):
        if int(rc.replace("/", "")) % 11:
            errors.append(f"bad rodne cislo {rc}")
    for (num,) in con.execute("SELECT kortnummer FROM betalningar WHERE kortnummer NOT LIKE "
                              "'%*%' AND kortnummer IS NOT NULL"):
        if not luhn_ok(num):
            errors.append(f"bad card {num}")
    for (code,) in con.execute("SELECT code FROM promo_codes"):
        if not luhn_ok(code):
            errors.append(f"bad promo {code}")
    for (ib,) in con.execute("SELECT aterbetalning_iban FROM betalningar "
                             "WHERE aterbetalning_iban IS NOT NULL"):
        raw = ib.replace(" ", "")
        if int("".join(str(int(c, 36)) for c in raw[4:] + raw[:4])) % 97 != 1:
            errors.append(f"bad iban {ib}")
    size = DB_PATH.stat().st_size
    if size >= MAX_BYTES:
        errors.append(f"database too large: {size} bytes")
    return errors


def main() -> int:
    if DB_PATH.exists():
        DB_PATH.unlink()
    g = Gen(SEED)
    labels: dict[str, dict] = {}
    con = sqlite3.connect(DB_PATH)
    con.executescript(SCHEMA)
    with con:
        build_hotel(g, con, labels)
        build_fitness(g, con, labels)
    con.execute("VACUUM")
    order = [row[0] for row in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY rowid")]
    write_yaml(labels, order)
    errors = self_check(con, labels)
    con.close()
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    if errors:
        return 1
    size = os.path.getsize(DB_PATH)
    print(f"wrote {DB_PATH.name} ({size} bytes, {len(order)} tables) and {LABELS_PATH.name}; "
          "self-check OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
