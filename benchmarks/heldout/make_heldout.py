"""Generate the held-out personal-data benchmark: heldout.sqlite + heldout.labels.yaml.

Two applications share one SQLite file:

* a medical clinic chain with sites in Italy and Poland (Italian/Polish/English naming),
* a SaaS helpdesk / CRM (English camelCase).

Deterministic: stdlib only, every random draw comes from ``random.Random(SEED)``.
Run:  python benchmarks/heldout/make_heldout.py
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
import unicodedata
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

SEED = 20250611
HERE = Path(__file__).resolve().parent
DB_PATH = HERE / "heldout.sqlite"
LABELS_PATH = HERE / "heldout.labels.yaml"

# --------------------------------------------------------------------------------------
# Hand-written vocabularies
# --------------------------------------------------------------------------------------

# Each nationality: male first names, female first names, surnames.
# Entries "latin|native" carry a non-Latin spelling; plain entries are Latin only.
NAMES: dict[str, dict[str, list[str]]] = {
    "it": {
        "m": "Marco Luca Giuseppe Francesco Alessandro Matteo Lorenzo Davide Andrea Simone "
        "Niccolò Gianluca Pietro Salvatore Carmine Raffaele Emanuele Tommaso Gianmarco "
        "Ludovico Nicola Vincenzo".split(),
        "f": "Giulia Francesca Chiara Sara Martina Valentina Federica Alessia Elisa Ilaria "
        "Beatrice Noemi Rosaria Concetta Antonella Gaia Lucrezia Maria Grazia Annalisa "
        "Ludovica Benedetta".split(),
        "s": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
        "Gallo Conti Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro "
        "Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale "
        "Serra Coppola Marchetti Parisi Villa Ferraro Fabbri Grasso Valentini Messina Sala "
        "Gatti Pellegrini Palumbo Sanna Farina Cattaneo Morelli Amato Silvestri Mazza Testa "
        "Cantù Pirrò Mastrolonardo Esposti".split(),
        "s2": ["De Luca", "De Santis", "D'Angelo", "De Angelis", "Dell'Acqua", "Lo Iacono",
               "Di Stefano", "La Rosa"],
    },
    "pl": {
        "m": "Jakub Kacper Mateusz Szymon Michał Piotr Krzysztof Tomasz Paweł Łukasz Wojciech "
        "Grzegorz Bartłomiej Jędrzej Zbigniew Stanisław Maciej Przemysław Adam Rafał".split(),
        "f": "Anna Zofia Maja Hanna Julia Agnieszka Małgorzata Katarzyna Magdalena Joanna Ewa "
        "Żaneta Urszula Bożena Grażyna Jadwiga Alicja Weronika Dorota Iwona".split(),
        # masculine forms; -ski/-cki/-dzki become -ska/-cka/-dzka for women
        "s": "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
        "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski "
        "Grabowski Nowakowski Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Majewski "
        "Olszewski Stępień Jaworski Malinowski Górski Rutkowski Sikora Baran Duda Szewczyk "
        "Tomaszewski Pietrzak Zając Chmielewski Żak Sadowski Gołębiowski Szczepański Ryś "
        "Kaczmarek Błaszczyk Wasilewski Kubiak Zawadzki Sobczak Kołodziej".split(),
    },
    "tr": {
        "m": "Mehmet Mustafa Ahmet Emre Burak Oğuz Çağlar Yiğit Furkan Kerem Hüseyin İbrahim "
        "Selim Barış".split(),
        "f": "Ayşe Fatma Zeynep Elif Büşra Gülşen Özlem Şule İrem Merve Esra Ebru Nur "
        "Sevgi".split(),
        "s": "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
        "Kılıç Aslan Çetin Koç Kurt Özkan Şimşek Güneş Erdoğan Polat".split(),
    },
    "gr": {
        "m": ["Giorgos|Γιώργος", "Dimitris|Δημήτρης", "Konstantinos|Κωνσταντίνος",
              "Nikos|Νίκος", "Yannis|Γιάννης", "Christos|Χρήστος", "Panagiotis|Παναγιώτης",
              "Vasilis|Βασίλης", "Stavros|Σταύρος", "Thanasis|Θανάσης"],
        "f": ["Maria|Μαρία", "Eleni|Ελένη", "Katerina|Κατερίνα", "Sofia|Σοφία",
              "Despina|Δέσποινα", "Vasiliki|Βασιλική", "Georgia|Γεωργία", "Angeliki|Αγγελική",
              "Ioanna|Ιωάννα", "Chrysa|Χρύσα"],
        # "male|native_male|female|native_female"
        "s": ["Papadopoulos|Παπαδόπουλος|Papadopoulou|Παπαδοπούλου",
              "Vlachos|Βλάχος|Vlachou|Βλάχου", "Georgiou|Γεωργίου|Georgiou|Γεωργίου",
              "Oikonomou|Οικονόμου|Oikonomou|Οικονόμου",
              "Papadakis|Παπαδάκης|Papadaki|Παπαδάκη",
              "Karagiannis|Καραγιάννης|Karagianni|Καραγιάννη",
              "Nikolaidis|Νικολαΐδης|Nikolaidou|Νικολαΐδου",
              "Dimitriou|Δημητρίου|Dimitriou|Δημητρίου", "Makris|Μακρής|Makri|Μακρή",
              "Alexiou|Αλεξίου|Alexiou|Αλεξίου", "Antonopoulos|Αντωνόπουλος|Antonopoulou|"
              "Αντωνοπούλου", "Spanos|Σπανός|Spanou|Σπανού"],
    },
    "se": {
        "m": "Erik Lars Karl Anders Johan Per Mikael Björn Oskar Gustav Åke Linus Nils "
        "Henrik".split(),
        "f": "Anna Eva Karin Kristina Lena Ingrid Sofia Astrid Märta Linnéa Åsa Elsa Maja "
        "Ebba".split(),
        "s": "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
        "Gustafsson Lindqvist Lindström Bergström Sjöberg Åberg Öberg Löfgren Ekström "
        "Hägglund Strömberg Näslund".split(),
    },
    "ie": {
        "m": "Seán Ciarán Pádraig Eoin Oisín Cian Darragh Conor Cathal Ruairí Fionn "
        "Tadhg".split(),
        "f": "Siobhán Aoife Niamh Saoirse Caoimhe Róisín Orla Gráinne Aisling Clodagh Méabh "
        "Sinéad".split(),
        "s": ["Murphy", "O'Sullivan", "Kelly", "O'Brien", "Walsh", "Byrne", "Ryan",
              "O'Connor", "McCarthy", "Doyle", "Ó Súilleabháin", "Mac Cárthaigh",
              "Ó Ceallaigh", "Fitzgerald", "Gallagher", "Ní Bhriain"],
    },
    "vn": {
        "m": "An Bảo Dũng Hùng Minh Phúc Quang Tuấn Thắng Khoa Huy Long".split(),
        "f": "Lan Hương Linh Mai Ngọc Thảo Trang Vy Hằng Phương Nhung Yến".split(),
        "s": "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương".split(),
    },
    "kr": {
        "m": ["Min-jun|민준", "Seo-jun|서준", "Ji-ho|지호", "Do-yun|도윤", "Hyun-woo|현우",
              "Jae-won|재원", "Sung-min|성민", "Tae-yang|태양"],
        "f": ["Seo-yeon|서연", "Ji-woo|지우", "Ha-eun|하은", "Min-seo|민서", "Soo-ah|수아",
              "Ji-min|지민", "Yu-na|유나", "Eun-ji|은지"],
        "s": ["Kim|김", "Lee|이", "Park|박", "Choi|최", "Jung|정", "Kang|강", "Cho|조",
              "Yoon|윤", "Jang|장", "Lim|임", "Han|한", "Shin|신"],
    },
    "ma": {
        "m": ["Mohammed|محمد", "Youssef|يوسف", "Hamza|حمزة", "Amine|أمين", "Karim|كريم",
              "Omar|عمر", "Rachid|رشيد", "Mehdi|مهدي", "Ayoub|أيوب"],
        "f": ["Fatima-Zahra|فاطمة الزهراء", "Khadija|خديجة", "Salma|سلمى", "Imane|إيمان",
              "Nadia|نادية", "Houda|هدى", "Zineb|زينب", "Meryem|مريم", "Hajar|هاجر"],
        "s": ["El Amrani|العمراني", "Benali|بن علي", "Bennani|بناني", "Alaoui|العلوي",
              "Idrissi|الإدريسي", "Tazi|التازي", "Berrada|برادة", "El Fassi|الفاسي",
              "Chraibi|الشرايبي", "Ouazzani|الوزاني", "Aït Lahcen", "Oufkir|أوفقير"],
    },
    "mx": {
        "m": ["José Luis", "Juan Carlos", "Alejandro", "Diego", "Emiliano", "Santiago",
              "Jesús", "Ángel", "Rodrigo", "Cuauhtémoc", "Luis Fernando", "Joaquín"],
        "f": ["María José", "Guadalupe", "Ximena", "Valeria", "Fernanda", "Itzel", "Citlali",
              "Sofía", "Mónica", "Dulce María", "Xóchitl", "Renata"],
        "s": "Hernández García Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz "
        "Flores Gómez Díaz Reyes Morales Jiménez Gutiérrez Ortiz Chávez Núñez Muñoz "
        "Villaseñor".split(),
    },
}

# Country data: phone prefix, Belfiore code (codice fiscale, born abroad), timezone, locale,
# passport format, email providers.
COUNTRY = {
    "it": ("+39", None, "Europe/Rome", "it-IT", "YA", ["gmail.com", "libero.it", "virgilio.it",
                                                       "alice.it", "hotmail.it", "tiscali.it"]),
    "pl": ("+48", "Z127", "Europe/Warsaw", "pl-PL", "EA", ["wp.pl", "onet.pl", "o2.pl",
                                                           "gmail.com", "interia.pl"]),
    "tr": ("+90", "Z243", "Europe/Istanbul", "tr-TR", "U", ["gmail.com", "hotmail.com",
                                                            "yandex.com.tr"]),
    "gr": ("+30", "Z115", "Europe/Athens", "el-GR", "AK", ["gmail.com", "yahoo.gr", "otenet.gr"]),
    "se": ("+46", "Z132", "Europe/Stockholm", "sv-SE", "", ["gmail.com", "telia.com",
                                                            "outlook.com"]),
    "ie": ("+353", "Z116", "Europe/Dublin", "en-IE", "P", ["gmail.com", "eircom.net",
                                                           "icloud.com"]),
    "vn": ("+84", "Z251", "Asia/Ho_Chi_Minh", "vi-VN", "C", ["gmail.com", "yahoo.com.vn"]),
    "kr": ("+82", "Z213", "Asia/Seoul", "ko-KR", "M", ["naver.com", "daum.net", "gmail.com"]),
    "ma": ("+212", "Z330", "Africa/Casablanca", "fr-MA", "AB", ["gmail.com", "menara.ma",
                                                                "hotmail.fr"]),
    "mx": ("+52", "Z514", "America/Mexico_City", "es-MX", "G", ["gmail.com", "hotmail.com",
                                                                "prodigy.net.mx"]),
}
COUNTRY_NAME = {"it": "IT", "pl": "PL", "tr": "TR", "gr": "GR", "se": "SE", "ie": "IE",
                "vn": "VN", "kr": "KR", "ma": "MA", "mx": "MX"}

# Italian cities: (city, province, CAP range start, CAP range size, Belfiore code)
IT_CITIES = [
    ("Milano", "MI", 20121, 40, "F205"), ("Roma", "RM", 118, 80, "H501"),
    ("Napoli", "NA", 80121, 30, "F839"), ("Torino", "TO", 10121, 30, "L219"),
    ("Bologna", "BO", 40121, 20, "A944"), ("Firenze", "FI", 50121, 20, "D612"),
    ("Genova", "GE", 16121, 30, "D969"), ("Bari", "BA", 70121, 20, "A662"),
    ("Palermo", "PA", 90121, 30, "G273"), ("Verona", "VR", 37121, 20, "L781"),
    ("Padova", "PD", 35121, 20, "G224"), ("Trieste", "TS", 34121, 30, "L424"),
    ("Cagliari", "CA", 9121, 20, "B354"), ("Bergamo", "BG", 24121, 10, "A794"),
    ("Forlì", "FC", 47121, 1, "D704"), ("Cantù", "CO", 22063, 1, "B639"),
    ("Sesto San Giovanni", "MI", 20099, 1, "I690"), ("Monza", "MB", 20900, 1, "F704"),
]
# Polish cities: (city, voivodeship, postal-code prefixes)
PL_CITIES = [
    ("Warszawa", "mazowieckie", ["00", "01", "02", "03", "04"]),
    ("Kraków", "małopolskie", ["30", "31"]), ("Łódź", "łódzkie", ["90", "91", "93"]),
    ("Wrocław", "dolnośląskie", ["50", "51", "53"]), ("Poznań", "wielkopolskie", ["60", "61"]),
    ("Gdańsk", "pomorskie", ["80"]), ("Szczecin", "zachodniopomorskie", ["70", "71"]),
    ("Białystok", "podlaskie", ["15"]), ("Rzeszów", "podkarpackie", ["35"]),
    ("Zielona Góra", "lubuskie", ["65"]), ("Bydgoszcz", "kujawsko-pomorskie", ["85"]),
    ("Piaseczno", "mazowieckie", ["05"]),
]
IT_STREETS = [
    "Via Roma", "Via Giuseppe Garibaldi", "Corso Vittorio Emanuele II", "Via Dante Alighieri",
    "Viale Monza", "Piazza della Repubblica", "Via dei Mille", "Via XX Settembre",
    "Via Torino", "Via Nazionale", "Corso Buenos Aires", "Via San Gregorio",
    "Viale Papa Giovanni XXIII", "Via Nizza", "Via Camillo Benso di Cavour", "Via Padova",
    "Via Tiburtina", "Via Appia Nuova", "Lungotevere dei Mellini", "Via Toledo",
    "Borgo Pinti", "Via dell'Indipendenza", "Strada Statale 36", "Via Nino Bixio",
    "Via Pietro Mascagni", "Contrada Sant'Elia", "Vicolo del Pozzo", "Largo Augusto",
]
PL_STREETS = [
    "ul. Marszałkowska", "ul. Długa", "ul. Piotrkowska", "al. Jerozolimskie",
    "ul. Świętokrzyska", "ul. Grunwaldzka", "os. Tysiąclecia", "ul. Tadeusza Kościuszki",
    "ul. Stefana Żeromskiego", "pl. Grzybowski", "ul. Adama Mickiewicza", "ul. Łąkowa",
    "ul. Wrocławska", "al. Niepodległości", "ul. Królowej Jadwigi", "ul. Zielna",
    "ul. Bohaterów Westerplatte", "ul. Jana Pawła II", "ul. Ogrodowa", "ul. Źródlana",
]

# Clinic sites (company locations, NOT personal): name, street, cap, city, prov, lat, lon
SITES = [
    ("Centro Medico Vita – Milano Porta Romana", "Corso di Porta Romana 122", "20122",
     "Milano", "MI", 45.4518, 9.2010, "+39 02 5843 1100"),
    ("Centro Medico Vita – Roma Prati", "Via Cola di Rienzo 211", "00192", "Roma", "RM",
     41.9075, 12.4633, "+39 06 3972 4400"),
    ("Centro Medico Vita – Bologna", "Via Emilia Levante 18", "40139", "Bologna", "BO",
     44.4853, 11.3742, "+39 051 644 2290"),
    ("Poliklinika Vita Warszawa Mokotów", "ul. Puławska 145", "02-715", "Warszawa",
     "mazowieckie", 52.1900, 21.0229, "+48 22 546 71 00"),
    ("Poliklinika Vita Kraków", "ul. Kamieńskiego 11", "30-644", "Kraków", "małopolskie",
     50.0325, 19.9530, "+48 12 290 33 10"),
]
SITE_IBANS_BANK = [("03069", "01600"), ("02008", "05181"), ("05034", "02400")]

ROOM_NAMES = [
    "Sala Marie Curie", "Ambulatorio Camillo Golgi", "Sala Rita Levi-Montalcini",
    "Gabinet Marii Skłodowskiej-Curie", "Sala Ippocrate", "Studio Giovanni Battista Morgagni",
    "Gabinet Ludwika Hirszfelda", "Sala Verde", "Sala Azzurra", "Ambulatorio Pediatrico",
    "Sala Prelievi", "Gabinet Zabiegowy", "Sala Ecografia", "Sala Fryderyk Chopin",
    "Sala Alessandro Volta", "Sala Emergenze", "Gabinet USG", "Sala Riunioni Galeno",
]
EQUIPMENT = ["ECG, sfigmomanometro", "ecografo GE Logiq E10", "lettino, otoscopio",
             "aparat EKG, spirometr", "autoclave", "frigorifero vaccini", "defibrillatore AED",
             "unità odontoiatrica", "", "lampa szczelinowa"]

DOCTOR_ROLES_IT = ["Cardiologo", "Medico di medicina generale", "Pediatra", "Dermatologa",
                   "Ginecologo", "Ortopedico", "Infermiera professionale", "Endocrinologo",
                   "Tecnico di radiologia", "Neurologa", "Fisioterapista", "Oculista"]
DOCTOR_ROLES_PL = ["Kardiolog", "Lekarz rodzinny", "Pediatra", "Dermatolog", "Ortopeda",
                   "Pielęgniarka", "Okulista", "Neurolog", "Fizjoterapeuta", "Ginekolog"]
DRUGS = [
    ("Amoxicillina 1 g compresse", "1 cpr ogni 12 ore per 6 giorni"),
    ("Ramipril 5 mg", "1 cpr al mattino"), ("Metformina 850 mg", "1 cpr a pranzo e cena"),
    ("Atorwastatyna 20 mg", "1 tabl. wieczorem"), ("Ibuprofen 400 mg", "1 tabl. do 3x dziennie"),
    ("Levotiroxina 50 mcg", "1 cpr a digiuno"), ("Omeprazolo 20 mg", "1 cps prima di colazione"),
    ("Salbutamolo spray 100 mcg", "2 puff al bisogno"), ("Bisoprolol 2,5 mg", "1 tabl. rano"),
    ("Paracetamolo 1000 mg", "1 cpr al bisogno, max 3/die"),
    ("Cetirizina 10 mg", "1 cpr la sera"), ("Insulina glargine 100 U/ml", "18 UI alle 22:00"),
    ("Sertralina 50 mg", "1 cpr al giorno"), ("Amlodypina 5 mg", "1 tabl. dziennie"),
]
DIAGNOSES = [
    "I10 Ipertensione essenziale", "E11.9 Diabete mellito tipo 2",
    "J06.9 Infezione acuta delle vie respiratorie superiori", "E03.9 Ipotiroidismo",
    "K21.0 Malattia da reflusso gastroesofageo", "J45.9 Astma oskrzelowa",
    "E78.0 Hipercholesterolemia", "M54.5 Ból krzyża", "L20.9 Dermatite atopica",
    "F32.1 Episodio depressivo moderato", "J30.1 Rinite allergica da polline",
    "N39.0 Zakażenie układu moczowego",
]
VISIT_REASONS = [
    "Visita cardiologica", "Controllo pressione", "Prima visita dermatologica",
    "Wizyta kontrolna", "Konsultacja kardiologiczna", "Vaccino antinfluenzale",
    "Ecografia addome completo", "Prelievo ematico", "Bilans zdrowia dziecka",
    "Controllo glicemia", "Visita ortopedica – dolore ginocchio", "Szczepienie HPV",
    "Rinnovo piano terapeutico", "Badanie okulistyczne", "Holter ECG 24h",
]
INSURERS = [("Generali Italia", "GEN"), ("UniSalute", "US"), ("Allianz", "ALZ"),
            ("PZU Zdrowie", "PZU"), ("Medicover", "MCV"), ("LUX MED", "LXM"),
            ("Poste Assicura", "PA"), ("Reale Mutua", "RM")]
STOCK_ITEMS = ["Guanti nitrile taglia M (100 pz)", "Siringhe 5 ml", "Rękawiczki lateksowe S",
               "Garze sterili 10x10", "Cerotti TNT", "Strzykawki 2 ml", "Ago butterfly 21G",
               "Soluzione fisiologica 500 ml", "Elettrodi ECG monouso", "Maseczki FFP2",
               "Abbassalingua in legno", "Termometro digitale", "Bende elastiche 8 cm"]

# --- CRM vocabularies -----------------------------------------------------------------
ORG_PARTS = {
    "it": (["Ferramenta Lombarda", "Tessitura Biellese", "Caffè Partenope", "Logistica Adriatica",
            "Studio Grafico Ottagono", "Cantine Valpolicella Riunite"], ["S.r.l.", "S.p.A.",
                                                                         "S.n.c."], "it"),
    "pl": (["Kowalczyk i Wspólnicy", "Mleczarnia Mazowsze", "Transbud Poznań",
            "Drukarnia Wisła", "Softwarehaus Łódź"], ["sp. z o.o.", "S.A.", "sp.k."], "pl"),
    "tr": (["Anadolu Tekstil", "Boğaziçi Lojistik", "Ege Zeytin"], ["A.Ş.", "Ltd. Şti."], "com.tr"),
    "gr": (["Kriti Foods", "Aegean Shipping Services", "Thessaloniki Pharma"], ["S.A.", "IKE"],
           "gr"),
    "se": (["Nordvik Logistik", "Fjällgården Design", "Göta Mekaniska"], ["AB"], "se"),
    "ie": (["Murphy & Daughters", "Liffey Analytics", "Connacht Dairy Co-op"], ["Ltd", "DAC"],
           "ie"),
    "vn": (["Saigon Coffee Roasters", "Hanoi Garment", "Mekong Seafood"], ["JSC", "Co., Ltd."],
           "vn"),
    "kr": (["Hanbit Soft", "Daehan Precision", "Seoul Bio Lab"], ["Co., Ltd.", "Inc."],
           "co.kr"),
    "ma": (["Atlas Maroc Distribution", "Argan d'Or", "Casablanca Textile"], ["SARL", "SA"],
           "ma"),
    "mx": (["Grupo Tlaloc", "Tequilera Los Altos", "Maquiladora del Bajío"], ["S.A. de C.V.",
                                                                             "S. de R.L."],
           "com.mx"),
}
ORG_CITY = {
    "it": [("Via Tortona 27", "20144", "Milano"), ("Via Nazionale 91", "00184", "Roma")],
    "pl": [("ul. Prosta 68", "00-838", "Warszawa"), ("ul. Głogowska 31", "60-702", "Poznań")],
    "tr": [("Büyükdere Cad. No:185", "34394", "İstanbul"), ("Atatürk Blv. 12", "35210", "İzmir")],
    "gr": [("Leoforos Kifisias 44", "151 25", "Marousi"), ("Tsimiski 18", "546 24",
                                                           "Thessaloniki")],
    "se": [("Kungsgatan 12", "111 43", "Stockholm"), ("Lindholmspiren 5", "417 56",
                                                      "Göteborg")],
    "ie": [("Unit 4, Sandyford Business Park", "D18 F2X8", "Dublin"), ("Eyre Square 9",
                                                                      "H91 X2E4", "Galway")],
    "vn": [("72 Lê Thánh Tôn, Quận 1", "700000", "Ho Chi Minh City")],
    "kr": [("Teheran-ro 152, Gangnam-gu", "06236", "Seoul")],
    "ma": [("Boulevard Zerktouni 120", "20250", "Casablanca")],
    "mx": [("Av. Paseo de la Reforma 296", "06600", "Ciudad de México")],
}
INDUSTRIES = ["Manufacturing", "Logistics", "Retail", "Food & Beverage", "Software",
              "Pharmaceuticals", "Textiles", "Professional Services"]
JOB_TITLES = [
    "Head of Customer Success", "Procurement Manager", "CTO", "Operations Lead",
    "Account Executive", "Data Engineer", "Office Manager", "HR Business Partner",
    "Chief Financial Officer", "Logistics Coordinator", "Frontend Developer",
    "Marketing Director", "IT Administrator", "Direttore Acquisti", "Responsabile IT",
    "Kierownik Działu IT", "Specjalista ds. zakupów", "Satış Müdürü", "Inköpschef",
    "Giám đốc kinh doanh", "영업 팀장", "Responsable Achats", "Gerente de Operaciones",
    "Υπεύθυνη Λογιστηρίου", "Customer Support Specialist",
]
USER_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{v}.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:{f}.0) Gecko/20100101 Firefox/{f}.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0",
    "HelpdesklyDesktop/4.2.0.1 (Windows 11; x64) Electron/29.1.0",
    "Helpdeskly-iOS/3.18.2 (iPad; iPadOS 17.4; Scale/2.00)",
]
PLANS = [("Free", 0.0, 1), ("Starter", 19.0, 3), ("Team", 49.0, 10), ("Growth", 99.0, 25),
         ("Scale", 249.0, 100), ("Enterprise", 899.0, 1000), ("Nonprofit", 9.0, 10)]
VERSIONS = ["4.2.0.1", "4.2.1.0", "4.1.9.3", "3.18.2", "4.3.0.0-rc1", "4.0.12.7"]


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ø": "o", "æ": "ae",
                       "ß": "ss"})


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_FOLD))
    return "".join(c for c in s if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def slug(s: str) -> str:
    return "".join(c for c in ascii_fold(s).lower() if c.isalnum())


def split_pair(entry: str) -> tuple[str, str]:
    latin, _, native = entry.partition("|")
    return latin, native or latin


def make_person(rng: Random, nat: str, native_share: float = 0.0) -> dict:
    names = NAMES[nat]
    gender = rng.choice("mf")
    first_l, first_n = split_pair(rng.choice(names[gender]))
    s = rng.choice(names["s"] + names.get("s2", []))
    if nat == "gr":
        parts = s.split("|")
        last_l, last_n = (parts[0], parts[1]) if gender == "m" else (parts[2], parts[3])
    else:
        last_l, last_n = split_pair(s)
    if nat == "pl" and gender == "f":
        for suf in ("ski", "cki", "dzki"):
            if last_l.endswith(suf):
                last_l = last_n = last_l[:-1] + "a"
    if nat == "ie" and gender == "m" and last_l.startswith("Ní "):
        last_l = last_n = "Ó " + last_l[3:]
    if nat == "vn":
        first_l = first_n = ("Văn " if gender == "m" else "Thị ") * (rng.random() < 0.5) + first_l
    if nat == "mx" and rng.random() < 0.6:
        second = rng.choice(names["s"])
        last_l = last_n = f"{last_l} {second}"
    native = first_n != first_l or last_n != last_l
    use_native = native and rng.random() < native_share
    return {
        "nat": nat, "gender": gender,
        "first": first_n if use_native else first_l,
        "last": last_n if use_native else last_l,
        "first_latin": first_l, "last_latin": last_l, "native": use_native,
    }


def full_name(p: dict) -> str:
    if p["nat"] == "kr" and p["native"]:
        return p["last"] + p["first"]
    if p["nat"] == "vn":
        return f"{p['last']} {p['first']}"
    return f"{p['first']} {p['last']}"


def email_for(rng: Random, p: dict, domain: str | None = None) -> str:
    f, last = slug(p["first_latin"]), slug(p["last_latin"])
    if domain:  # corporate: predictable shape
        return f"{f}.{last}@{domain}" if rng.random() < 0.8 else f"{f[0]}{last}@{domain}"
    provider = rng.choice(COUNTRY[p["nat"]][5])
    shape = rng.randrange(6)
    local = [f"{f}.{last}", f"{f}{last}{rng.randrange(60, 99)}", f"{f[0]}.{last}",
             f"{last}.{f}", f"{f}_{last}{rng.randrange(1, 9)}", f"{f}{rng.randrange(1000)}"][shape]
    if rng.random() < 0.07:
        local = local.capitalize()
    return f"{local}@{provider}"


def digits(rng: Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def mobile(rng: Random, nat: str) -> str:
    d = digits
    r = rng.randrange(3)
    if nat == "it":
        pre = f"3{rng.choice('234456789')}{rng.randrange(10)}"
        body = d(rng, 7)
        return [f"+39 {pre} {body[:3]} {body[3:]}", f"{pre}{body}", f"{pre}-{body}"][r]
    if nat == "pl":
        pre = rng.choice(["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79",
                          "88"]) + d(rng, 1)
        body = d(rng, 6)
        return [f"+48 {pre} {body[:3]} {body[3:]}", f"{pre}{body}",
                f"{pre}-{body[:3]}-{body[3:]}"][r]
    if nat == "tr":
        return f"+90 5{d(rng, 2)} {d(rng, 3)} {d(rng, 2)} {d(rng, 2)}"
    if nat == "gr":
        return f"+30 69{d(rng, 1)} {d(rng, 3)} {d(rng, 4)}"
    if nat == "se":
        return f"+46 7{rng.choice('0236')}-{d(rng, 3)} {d(rng, 2)} {d(rng, 2)}"
    if nat == "ie":
        return f"+353 8{rng.choice('35679')} {d(rng, 3)} {d(rng, 4)}"
    if nat == "vn":
        return f"+84 9{d(rng, 1)} {d(rng, 3)} {d(rng, 4)}"
    if nat == "kr":
        return [f"+82 10-{d(rng, 4)}-{d(rng, 4)}", f"010-{d(rng, 4)}-{d(rng, 4)}",
                f"+82 10 {d(rng, 4)} {d(rng, 4)}"][r]
    if nat == "ma":
        return f"+212 6 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}"
    return f"+52 55 {d(rng, 4)} {d(rng, 4)}"  # mx


def ts(dt: datetime, iso_z: bool = False) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ") if iso_z else dt.strftime("%Y-%m-%d %H:%M:%S")


def rand_dt(rng: Random, start: datetime, end: datetime) -> datetime:
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(span))


def rand_uuid(rng: Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def rand_str(rng: Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def ipv4(rng: Random) -> str:
    first = rng.choice([2, 5, 31, 37, 46, 77, 79, 83, 87, 89, 93, 95, 151, 176, 178, 185, 188,
                        193, 212, 213, 217, 1, 14, 27, 58, 61, 105, 113, 121, 175, 187, 189, 201])
    return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def ipv6(rng: Random) -> str:
    pre = rng.choice(["2a01:e0a", "2a02:a31a", "2001:b07", "2a00:1028", "2405:4802",
                      "2402:800", "2806:10ae", "2a02:8108"])
    groups = [f"{rng.randrange(65536):x}" for _ in range(6)]
    if rng.random() < 0.5:
        return f"{pre}:{groups[0]}::{groups[4]}:{groups[5]}"
    return f"{pre}:" + ":".join(groups)


# --- identifiers with real check digits -----------------------------------------------

_CF_ODD_LETTERS = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
                   22, 25, 24, 23]
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", _CF_ODD_LETTERS[:10] + _CF_ODD_LETTERS,
                   strict=True))
_CF_EVEN = {c: (int(c) if c.isdigit() else ord(c) - 65)
            for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_CF_MONTH = "ABCDEHLMPRST"


def cf_check(s15: str) -> str:
    total = sum(_CF_ODD[c] if i % 2 == 0 else _CF_EVEN[c] for i, c in enumerate(s15))
    return chr(65 + total % 26)


def _cf_letters(s: str) -> tuple[list[str], list[str]]:
    up = [c for c in ascii_fold(s).upper() if c.isalpha()]
    return [c for c in up if c not in "AEIOU"], [c for c in up if c in "AEIOU"]


def codice_fiscale(first: str, last: str, born: date, female: bool, place: str) -> str:
    cons, vow = _cf_letters(last)
    sur = "".join([*cons, *vow, "X", "X", "X"])[:3]
    cons, vow = _cf_letters(first)
    name = cons[0] + cons[2] + cons[3] if len(cons) >= 4 else "".join([*cons, *vow, "X", "X",
                                                                       "X"])[:3]
    day = born.day + (40 if female else 0)
    s15 = f"{sur}{name}{born.year % 100:02d}{_CF_MONTH[born.month - 1]}{day:02d}{place}"
    return s15 + cf_check(s15)


def pesel(born: date, female: bool, rng: Random) -> str:
    month = born.month + (20 if born.year >= 2000 else 0)
    serial = digits(rng, 3) + str(rng.choice("02468" if female else "13579"))
    s10 = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return s10 + str((10 - sum(int(c) * k for c, k in zip(s10, w, strict=True)) % 10) % 10)


def _iban_check(country: str, bban: str) -> str:
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(num) % 97:02d}"


def iban_it(rng: Random, abi: str | None = None, cab: str | None = None) -> str:
    abi = abi or rng.choice(["03069", "02008", "05034", "03062", "01030", "05428", "03111"])
    cab = cab or digits(rng, 5)
    conto = digits(rng, 12)
    cin = cf_check(abi + cab + conto)  # CIN uses the codice fiscale odd/even tables
    bban = cin + abi + cab + conto
    return "IT" + _iban_check("IT", bban) + bban


def iban_pl(rng: Random) -> str:
    bank = rng.choice(["1020", "1090", "1140", "1050", "1240", "2490", "1160"])
    bban = bank + digits(rng, 20)
    return "PL" + _iban_check("PL", bban) + bban


def iban_valid(iban: str) -> bool:
    s = iban.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def group4(s: str) -> str:
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


# --------------------------------------------------------------------------------------
# Schema (DDL) and labels
# --------------------------------------------------------------------------------------

DDL = """
CREATE TABLE sedi (
    id INTEGER PRIMARY KEY, nome TEXT NOT NULL, indirizzo TEXT, cap TEXT, citta TEXT,
    provincia TEXT, latitudine REAL, longitudine REAL, centralino TEXT, email_info TEXT,
    iban TEXT);
CREATE TABLE sale (
    id INTEGER PRIMARY KEY, sede_id INTEGER NOT NULL REFERENCES sedi(id), codice_sala TEXT,
    nome TEXT, piano INTEGER, attrezzatura TEXT);
CREATE TABLE medici_referenti (
    id INTEGER PRIMARY KEY, nome_completo TEXT, studio TEXT, telefono TEXT, fax TEXT,
    email TEXT);
CREATE TABLE lekarze (
    id INTEGER PRIMARY KEY, imie TEXT NOT NULL, nazwisko TEXT NOT NULL, stanowisko TEXT,
    email_sluzbowy TEXT, telefon_komorkowy TEXT, login TEXT UNIQUE, haslo_hash TEXT,
    sede_id INTEGER REFERENCES sedi(id), data_zatrudnienia TEXT, aktywny INTEGER);
CREATE TABLE pazienti (
    id INTEGER PRIMARY KEY, numero_cartella TEXT UNIQUE, nome TEXT NOT NULL,
    cognome TEXT NOT NULL, sesso TEXT, data_di_nascita TEXT, created_at TEXT,
    codice_fiscale TEXT, pesel TEXT, numero_passaporto TEXT, telefono TEXT, email TEXT,
    indirizzo TEXT, cap TEXT, citta TEXT, provincia TEXT, paese TEXT, lingua TEXT,
    medico_curante_id INTEGER REFERENCES medici_referenti(id), consenso_privacy INTEGER,
    consenso_marketing INTEGER, note_interne TEXT);
CREATE TABLE wizyty (
    id INTEGER PRIMARY KEY, paziente_id INTEGER NOT NULL REFERENCES pazienti(id),
    lekarz_id INTEGER NOT NULL REFERENCES lekarze(id), sala_id INTEGER REFERENCES sale(id),
    data_ora TEXT, durata_min INTEGER, stato TEXT, motivo TEXT, notatki TEXT);
CREATE TABLE visite_domiciliari (
    id INTEGER PRIMARY KEY, wizyta_id INTEGER NOT NULL REFERENCES wizyty(id),
    indirizzo_completo TEXT, lat REAL, lon REAL, km_percorsi REAL);
CREATE TABLE prescrizioni (
    id INTEGER PRIMARY KEY, wizyta_id INTEGER REFERENCES wizyty(id),
    paziente_id INTEGER NOT NULL REFERENCES pazienti(id),
    lekarz_id INTEGER NOT NULL REFERENCES lekarze(id), farmaco TEXT, dosaggio TEXT,
    diagnosi TEXT, data_emissione TEXT);
CREATE TABLE ubezpieczenia (
    id INTEGER PRIMARY KEY, paziente_id INTEGER NOT NULL REFERENCES pazienti(id),
    compagnia TEXT, numero_polizza TEXT, valida_dal TEXT, valida_al TEXT, massimale REAL);
CREATE TABLE fatture (
    id INTEGER PRIMARY KEY, numero_fattura TEXT UNIQUE,
    paziente_id INTEGER NOT NULL REFERENCES pazienti(id), sede_id INTEGER REFERENCES sedi(id),
    data_emissione TEXT, imponibile REAL, iva REAL, totale REAL, valuta TEXT,
    metodo_pagamento TEXT, iban_pagante TEXT, stato TEXT);
CREATE TABLE magazzino (
    id INTEGER PRIMARY KEY, sede_id INTEGER REFERENCES sedi(id), codice_articolo TEXT,
    descrizione TEXT, quantita INTEGER, lotto TEXT, scadenza TEXT);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY, changed_at TEXT, changed_by TEXT, azione TEXT, tabella TEXT,
    campi_modificati TEXT, client_ip TEXT, row_hash TEXT);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY, name TEXT, monthlyPrice REAL, currency TEXT, seatLimit INTEGER,
    billingInterval TEXT);
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, domain TEXT, phone TEXT, addressLine TEXT,
    postalCode TEXT, city TEXT, country TEXT, industry TEXT, vatNumber TEXT,
    billingEmail TEXT, planId INTEGER REFERENCES plans(id), createdAt TEXT);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY, organizationId INTEGER REFERENCES organizations(id),
    firstName TEXT, lastName TEXT, emailAddress TEXT, mobilePhone TEXT, jobTitle TEXT,
    companyName TEXT, linkedinUrl TEXT, timezone TEXT, locale TEXT, marketingOptIn INTEGER,
    createdAt TEXT, lastSeenAt TEXT);
CREATE TABLE agents (
    id INTEGER PRIMARY KEY, displayName TEXT, email TEXT, username TEXT UNIQUE,
    passwordHash TEXT, role TEXT, teamInbox TEXT, emailSignature TEXT, isActive INTEGER,
    createdAt TEXT);
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY, ticketNumber TEXT UNIQUE,
    organizationId INTEGER REFERENCES organizations(id),
    requesterId INTEGER NOT NULL REFERENCES contacts(id),
    assigneeId INTEGER REFERENCES agents(id), subject TEXT, description TEXT, status TEXT,
    priority TEXT, channel TEXT, createdAt TEXT, resolvedAt TEXT);
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY, agentId INTEGER NOT NULL REFERENCES agents(id), label TEXT,
    token TEXT, scopes TEXT, createdAt TEXT, lastUsedAt TEXT, revoked INTEGER);
CREATE TABLE login_events (
    id INTEGER PRIMARY KEY, agentId INTEGER REFERENCES agents(id),
    contactId INTEGER REFERENCES contacts(id), ipAddress TEXT, userAgent TEXT, deviceId TEXT,
    sessionId TEXT, success INTEGER, failureReason TEXT, occurredAt TEXT);
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY, organizationId INTEGER NOT NULL REFERENCES organizations(id),
    createdByAgentId INTEGER REFERENCES agents(id), url TEXT, secret TEXT, events TEXT,
    notifyEmail TEXT, active INTEGER, createdAt TEXT);
CREATE TABLE feature_flags (
    id INTEGER PRIMARY KEY, flagKey TEXT UNIQUE, description TEXT, enabled INTEGER,
    rolloutPercent INTEGER, minAppVersion TEXT, ownerEmail TEXT, updatedAt TEXT);
"""

UID = ["user.unique_id"]
NONE: list[str] = []
DECOY = "decoy"  # marker: not personal, but looks like it
HEALTH = "user.health_and_medical"
PRIVATE = "user.content.private"

LABELS: dict[str, dict[str, list[str] | str]] = {
    "sedi": {
        "id": NONE, "nome": DECOY, "indirizzo": DECOY, "cap": DECOY, "citta": DECOY,
        "provincia": DECOY, "latitudine": DECOY, "longitudine": DECOY, "centralino": DECOY,
        "email_info": DECOY, "iban": DECOY,
    },
    "sale": {
        "id": NONE, "sede_id": NONE, "codice_sala": DECOY, "nome": DECOY, "piano": NONE,
        "attrezzatura": NONE,
    },
    "medici_referenti": {
        "id": UID, "nome_completo": ["user.name"], "studio": ["user.workplace"],
        "telefono": ["user.contact.phone_number"], "fax": ["user.contact.fax_number"],
        "email": ["user.contact.email"],
    },
    "lekarze": {
        "id": UID, "imie": ["user.name.first"], "nazwisko": ["user.name.last"],
        "stanowisko": ["user.job_title"], "email_sluzbowy": ["user.contact.email"],
        "telefon_komorkowy": ["user.contact.phone_number"],
        "login": ["user.account.username"], "haslo_hash": ["user.authorization.password"],
        "sede_id": NONE, "data_zatrudnienia": NONE, "aktywny": NONE,
    },
    "pazienti": {
        "id": UID, "numero_cartella": ["user.health_and_medical.record_id"],
        "nome": ["user.name.first"], "cognome": ["user.name.last"],
        "sesso": ["user.demographic.gender"],
        "data_di_nascita": ["user.demographic.date_of_birth"], "created_at": DECOY,
        "codice_fiscale": ["user.government_id.national_identification_number"],
        "pesel": ["user.government_id.national_identification_number"],
        "numero_passaporto": ["user.government_id.passport_number"],
        "telefono": ["user.contact.phone_number"], "email": ["user.contact.email"],
        "indirizzo": ["user.contact.address.street"],
        "cap": ["user.contact.address.postal_code"], "citta": ["user.contact.address.city"],
        "provincia": ["user.contact.address.state"], "paese": ["user.contact.address.country"],
        "lingua": ["user.demographic.language"], "medico_curante_id": UID,
        "consenso_privacy": ["user.privacy_preferences"],
        "consenso_marketing": ["user.privacy_preferences"], "note_interne": NONE,
    },
    "wizyty": {
        "id": NONE, "paziente_id": UID, "lekarz_id": UID, "sala_id": NONE, "data_ora": NONE,
        "durata_min": NONE, "stato": NONE, "motivo": [HEALTH],
        "notatki": [PRIVATE, "user.name", "user.contact.phone_number", HEALTH],
    },
    "visite_domiciliari": {
        "id": NONE, "wizyta_id": NONE, "indirizzo_completo": ["user.contact.address"],
        "lat": ["user.location.precise"], "lon": ["user.location.precise"],
        "km_percorsi": NONE,
    },
    "prescrizioni": {
        "id": NONE, "wizyta_id": NONE, "paziente_id": UID, "lekarz_id": UID,
        "farmaco": [HEALTH], "dosaggio": [HEALTH], "diagnosi": [HEALTH],
        "data_emissione": NONE,
    },
    "ubezpieczenia": {
        "id": NONE, "paziente_id": UID, "compagnia": NONE,
        "numero_polizza": ["user.health_and_medical.insurance_beneficiary_id"],
        "valida_dal": NONE, "valida_al": NONE, "massimale": NONE,
    },
    "fatture": {
        "id": NONE, "numero_fattura": DECOY, "paziente_id": UID, "sede_id": NONE,
        "data_emissione": NONE, "imponibile": NONE, "iva": NONE, "totale": NONE,
        "valuta": NONE, "metodo_pagamento": NONE,
        "iban_pagante": ["user.financial.bank_account"], "stato": NONE,
    },
    "magazzino": {
        "id": NONE, "sede_id": NONE, "codice_articolo": DECOY, "descrizione": NONE,
        "quantita": NONE, "lotto": NONE, "scadenza": NONE,
    },
    "audit_log": {
        "id": NONE, "changed_at": NONE, "changed_by": ["user.account.username"],
        "azione": NONE, "tabella": NONE, "campi_modificati": DECOY,
        "client_ip": ["user.device.ip_address"], "row_hash": DECOY,
    },
    "plans": {
        "id": NONE, "name": DECOY, "monthlyPrice": NONE, "currency": NONE, "seatLimit": NONE,
        "billingInterval": NONE,
    },
    "organizations": {
        "id": NONE, "name": DECOY, "domain": DECOY, "phone": DECOY, "addressLine": DECOY,
        "postalCode": DECOY, "city": DECOY, "country": DECOY, "industry": NONE,
        "vatNumber": DECOY, "billingEmail": DECOY, "planId": NONE, "createdAt": NONE,
    },
    "contacts": {
        "id": UID, "organizationId": NONE, "firstName": ["user.name.first"],
        "lastName": ["user.name.last"], "emailAddress": ["user.contact.email"],
        "mobilePhone": ["user.contact.phone_number"], "jobTitle": ["user.job_title"],
        "companyName": ["user.workplace"], "linkedinUrl": ["user.contact.url"],
        "timezone": ["user.location.imprecise"], "locale": ["user.demographic.language"],
        "marketingOptIn": ["user.privacy_preferences"], "createdAt": NONE,
        "lastSeenAt": NONE,
    },
    "agents": {
        "id": UID, "displayName": ["user.name"], "email": ["user.contact.email"],
        "username": ["user.account.username"], "passwordHash": ["user.authorization.password"],
        "role": NONE, "teamInbox": DECOY, "emailSignature": [PRIVATE, "user.name"],
        "isActive": NONE, "createdAt": NONE,
    },
    "tickets": {
        "id": NONE, "ticketNumber": DECOY, "organizationId": NONE, "requesterId": UID,
        "assigneeId": UID, "subject": DECOY,
        "description": [PRIVATE, "user.name", "user.contact.email",
                        "user.contact.phone_number"],
        "status": NONE, "priority": NONE, "channel": NONE, "createdAt": NONE,
        "resolvedAt": NONE,
    },
    "api_tokens": {
        "id": NONE, "agentId": UID, "label": NONE,
        "token": ["user.authorization.credentials"], "scopes": NONE, "createdAt": NONE,
        "lastUsedAt": NONE, "revoked": NONE,
    },
    "login_events": {
        "id": NONE, "agentId": UID, "contactId": UID, "ipAddress": ["user.device.ip_address"],
        "userAgent": ["user.device"], "deviceId": ["user.device.device_id"],
        "sessionId": ["user.device.cookie_id"], "success": NONE, "failureReason": NONE,
        "occurredAt": NONE,
    },
    "webhooks": {
        "id": NONE, "organizationId": NONE, "createdByAgentId": UID, "url": DECOY,
        "secret": ["user.authorization.credentials"], "events": NONE, "notifyEmail": DECOY,
        "active": NONE, "createdAt": NONE,
    },
    "feature_flags": {
        "id": NONE, "flagKey": NONE, "description": NONE, "enabled": NONE,
        "rolloutPercent": NONE, "minAppVersion": DECOY, "ownerEmail": DECOY,
        "updatedAt": NONE,
    },
}

ALLOWED = {
    "user.contact.email", "user.contact.phone_number", "user.contact.fax_number",
    "user.contact.url", "user.contact.address", "user.contact.address.street",
    "user.contact.address.city", "user.contact.address.postal_code",
    "user.contact.address.state", "user.contact.address.country", "user.name",
    "user.name.first", "user.name.last", "user.demographic.date_of_birth",
    "user.demographic.gender", "user.demographic.language", "user.financial.bank_account",
    "user.financial.credit_card", "user.government_id.national_identification_number",
    "user.government_id.passport_number", "user.unique_id", "user.job_title",
    "user.workplace", "user.account.username", "user.authorization.password",
    "user.authorization.credentials", "user.device.ip_address", "user.device.cookie_id",
    "user.device.device_id", "user.device", "user.location.precise",
    "user.location.imprecise", "user.privacy_preferences", "user.health_and_medical",
    "user.health_and_medical.record_id", "user.health_and_medical.insurance_beneficiary_id",
    "user.content.private",
}

# --------------------------------------------------------------------------------------
# Data generation
# --------------------------------------------------------------------------------------

NOW = datetime(2025, 6, 1, 12, 0, 0)
T0 = datetime(2022, 1, 1)


def pick_nat(rng: Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def gen_clinic(con: sqlite3.Connection, rng: Random) -> dict[str, int]:
    counts: dict[str, int] = {}

    # sites ----------------------------------------------------------------------------
    for i, (nome, ind, cap, citta, prov, lat, lon, tel) in enumerate(SITES, 1):
        if cap[2] == "-":
            iban = iban_pl(rng)
        else:
            abi, cab = SITE_IBANS_BANK[(i - 1) % len(SITE_IBANS_BANK)]
            iban = iban_it(rng, abi, cab)
        mail = "info@centromedicovita.it" if cap[2] != "-" else "rejestracja@poliklinikavita.pl"
        con.execute("INSERT INTO sedi VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (i, nome, ind, cap, citta, prov, lat, lon, tel, mail,
                     group4(iban) if i % 2 else iban))
    polish_sites = [i for i, s in enumerate(SITES, 1) if s[2][2] == "-"]
    italian_sites = [i for i in range(1, len(SITES) + 1) if i not in polish_sites]

    # rooms ----------------------------------------------------------------------------
    rooms = []
    for i in range(1, 31):
        sede = (i - 1) % len(SITES) + 1
        piano = rng.randrange(0, 4)
        code = f"{'ABC'[sede % 3]}-{piano}{rng.randrange(1, 30):02d}"
        con.execute("INSERT INTO sale VALUES (?,?,?,?,?,?)",
                    (i, sede, code, ROOM_NAMES[(i - 1) % len(ROOM_NAMES)], piano,
                     rng.choice(EQUIPMENT) or None))
        rooms.append((i, sede))

    # referring physicians ---------------------------------------------------------------
    for i in range(1, 41):
        nat = "pl" if i % 3 == 0 else "it"
        p = make_person(rng, nat)
        title = ("Dott.ssa" if p["gender"] == "f" else "Dott.") if nat == "it" else "lek."
        if nat == "it":
            studio = rng.choice(["Studio Medico Associato Navigli", "Poliambulatorio San Siro",
                                 f"Ambulatorio {rng.choice(IT_STREETS)}", "Medicina di Gruppo "
                                 "Porta Venezia", "ASL Roma 1 – Distretto 2"])
            area = rng.choice(["02", "06", "051", "011"])
            tel = f"{area} {digits(rng, 7)}" if rng.random() < 0.7 else mobile(rng, "it")
            fax = f"{area} {digits(rng, 7)}"
            if rng.random() < 0.4:
                fax = f"+39 {fax}"
            mail = (f"{slug(p['first_latin'])}.{slug(p['last_latin'])}@pec.omceo"
                    f"{rng.choice(['mi', 'roma', 'bo'])}.it") if rng.random() < 0.5 else \
                email_for(rng, p)
        else:
            studio = rng.choice(["NZOZ Przychodnia Zdrowie", "Centrum Medyczne Ursynów",
                                 "Przychodnia Rodzinna Bemowo"])
            tel = f"+48 22 {digits(rng, 3)} {digits(rng, 2)} {digits(rng, 2)}"
            fax = f"22 {digits(rng, 3)} {digits(rng, 2)} {digits(rng, 2)}"
            mail = email_for(rng, p)
        if rng.random() < 0.15:
            fax = None
        con.execute("INSERT INTO medici_referenti VALUES (?,?,?,?,?,?)",
                    (i, f"{title} {p['first']} {p['last']}", studio, tel, fax, mail))
    counts["medici_referenti"] = 40

    # doctors / staff --------------------------------------------------------------------
    doctors = []
    usernames: set[str] = set()
    for i in range(1, 46):
        sede = rng.randrange(1, len(SITES) + 1)
        nat = "pl" if sede in polish_sites else "it"
        if rng.random() < 0.2:
            nat = pick_nat(rng, {"gr": 2, "tr": 1, "se": 1, "ie": 1, "ma": 1, "mx": 1})
        p = make_person(rng, nat)
        login = f"{slug(p['first_latin'])[0]}.{slug(p['last_latin'])}"
        while login in usernames:
            login += str(rng.randrange(10))
        usernames.add(login)
        dom = "poliklinikavita.pl" if sede in polish_sites else "centromedicovita.it"
        hired = date(2008, 1, 1) + timedelta(days=rng.randrange(6000))
        pw = "$2b$12$" + rand_str(rng, BCRYPT, 53)
        con.execute("INSERT INTO lekarze VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (i, p["first"], p["last"],
                     rng.choice(DOCTOR_ROLES_PL if sede in polish_sites else DOCTOR_ROLES_IT),
                     email_for(rng, p, dom),
                     mobile(rng, "pl" if sede in polish_sites else "it"), login, pw, sede,
                     hired.isoformat(), int(rng.random() < 0.9)))
        doctors.append((i, sede, login, p))
    counts["lekarze"] = len(doctors)

    # patients ---------------------------------------------------------------------------
    patients = []
    n_pat = 340
    for i in range(1, n_pat + 1):
        in_pl = rng.random() < 0.3
        if in_pl:
            nat = pick_nat(rng, {"pl": 12, "vn": 2, "kr": 1, "tr": 1, "se": 1, "ie": 1})
        else:
            nat = pick_nat(rng, {"it": 14, "pl": 3, "tr": 1, "gr": 2, "se": 1, "ie": 1, "vn": 1,
                                 "kr": 1, "ma": 2, "mx": 1})
        p = make_person(rng, nat, native_share=0.25)
        born = date(1936, 1, 1) + timedelta(days=rng.randrange(30000))
        created = rand_dt(rng, T0, NOW)
        female = p["gender"] == "f"
        cf = pes = passport = None
        if in_pl:
            if nat == "pl" or rng.random() < 0.4:
                pes = pesel(born, female, rng)
            city, voiv, prefixes = rng.choice(PL_CITIES)
            street = rng.choice(PL_STREETS)
            num = f"{rng.randrange(1, 180)}"
            if rng.random() < 0.6:
                num += f"/{rng.randrange(1, 90)}"
            addr = f"{street} {num}"
            cap = f"{rng.choice(prefixes)}-{rng.randrange(1000):03d}"
            prov, paese = voiv, "PL"
        else:
            ccity, cprov, cap0, capn, belfiore = rng.choice(IT_CITIES)
            if nat == "it":
                place = rng.choice(IT_CITIES)[4] if rng.random() < 0.7 else belfiore
            else:
                place = COUNTRY[nat][1] or belfiore
            cf = codice_fiscale(p["first_latin"], p["last_latin"], born, female, place)
            street = rng.choice(IT_STREETS)
            num = str(rng.randrange(1, 250))
            shape = rng.randrange(4)
            addr = [f"{street} {num}", f"{street}, {num}", f"{street} {num}/{rng.choice('ABC')}",
                    f"{street} {num} int. {rng.randrange(1, 20)}"][shape]
            cap = f"{cap0 + rng.randrange(capn):05d}"
            city, prov, paese = ccity, cprov, "IT"
        if nat not in ("it", "pl") and rng.random() < 0.5:
            pfx = COUNTRY[nat][4]
            passport = pfx + digits(rng, 9 - len(pfx) if pfx else 8)
        phone_nat = "pl" if in_pl else ("it" if rng.random() < 0.85 else nat)
        lang_map = {"it": "it", "pl": "pl", "tr": "tr", "gr": "el", "se": "sv", "ie": "en",
                    "vn": "vi", "kr": "ko", "ma": "ar", "mx": "es"}
        lang = lang_map[nat] if rng.random() < 0.7 else ("pl" if in_pl else "it")
        note = rng.choice([None, None, None, "Preferisce appuntamenti al mattino.",
                           "Fattura intestata alla ditta.", "Richiede interprete.",
                           "Preferuje kontakt mailowy.", "Pacjent VIP – pakiet Premium.",
                           "Documenti scansionati 2023.", "Convenzione aziendale attiva."])
        created_s = ts(created)
        con.execute(
            "INSERT INTO pazienti VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (i, f"{'PL' if in_pl else 'IT'}-{created.year}-{i * 37 % 100000:06d}",
             p["first"], p["last"], "F" if female else "M", born.isoformat(), created_s,
             cf, pes, passport, mobile(rng, phone_nat) if rng.random() < 0.95 else None,
             email_for(rng, p) if rng.random() < 0.85 else None, addr, cap, city, prov, paese,
             lang, rng.randrange(1, 41) if rng.random() < 0.7 else None,
             1, int(rng.random() < 0.35), note))
        patients.append((i, p, in_pl))
    counts["pazienti"] = n_pat

    # visits -----------------------------------------------------------------------------
    visits = []
    n_vis = 400
    for i in range(1, n_vis + 1):
        pid, _p, in_pl = rng.choice(patients)
        sites = polish_sites if in_pl else italian_sites
        docs = [d for d in doctors if d[1] in sites]
        did, sede, _login, _dp = rng.choice(docs)
        room = rng.choice([r for r in rooms if r[1] == sede])[0]
        when = rand_dt(rng, datetime(2023, 1, 1), datetime(2025, 9, 30)).replace(
            hour=rng.randrange(8, 19), minute=rng.choice([0, 15, 30, 45]), second=0)
        stato = ("completata" if when < NOW else "prenotata") if rng.random() < 0.9 else \
            rng.choice(["annullata", "no-show", "odwołana"])
        con.execute("INSERT INTO wizyty VALUES (?,?,?,?,?,?,?,?,?)",
                    (i, pid, did, room, ts(when), rng.choice([15, 20, 30, 45, 60]), stato,
                     rng.choice(VISIT_REASONS), visit_note(rng, in_pl)))
        visits.append((i, pid, did, when, in_pl))
    counts["wizyty"] = n_vis

    # home visits ------------------------------------------------------------------------
    home = [v for v in visits if rng.random() < 0.15]
    for i, (vid, _pid, _did, _when, in_pl) in enumerate(home, 1):
        if in_pl:
            city, _v, prefixes = rng.choice(PL_CITIES[:2])
            lat0, lon0 = (52.23, 21.01) if city == "Warszawa" else (50.06, 19.94)
            addr = (f"{rng.choice(PL_STREETS)} {rng.randrange(1, 120)}/{rng.randrange(1, 60)}, "
                    f"{rng.choice(prefixes)}-{rng.randrange(1000):03d} {city}")
        else:
            city, prov, cap0, capn, _b = rng.choice(IT_CITIES[:2])
            lat0, lon0 = (45.46, 9.19) if city == "Milano" else (41.90, 12.49)
            addr = (f"{rng.choice(IT_STREETS)} {rng.randrange(1, 200)}, "
                    f"{cap0 + rng.randrange(capn):05d} {city} {prov}")
        con.execute("INSERT INTO visite_domiciliari VALUES (?,?,?,?,?,?)",
                    (i, vid, addr, round(lat0 + rng.uniform(-0.06, 0.06), 6),
                     round(lon0 + rng.uniform(-0.08, 0.08), 6), round(rng.uniform(1, 25), 1)))
    counts["visite_domiciliari"] = len(home)

    # prescriptions ----------------------------------------------------------------------
    n_rx = 0
    for vid, pid, did, when, _in_pl in visits:
        if when < NOW and rng.random() < 0.65:
            n_rx += 1
            drug, dose = rng.choice(DRUGS)
            con.execute("INSERT INTO prescrizioni VALUES (?,?,?,?,?,?,?,?)",
                        (n_rx, vid, pid, did, drug, dose, rng.choice(DIAGNOSES),
                         when.date().isoformat()))
    counts["prescrizioni"] = n_rx

    # insurance --------------------------------------------------------------------------
    n_ins = 0
    for pid, _p, in_pl in patients:
        if rng.random() < 0.75:
            n_ins += 1
            comp, code = rng.choice(INSURERS[3:6] if in_pl else
                                    [INSURERS[k] for k in (0, 1, 2, 6, 7)])
            pol = rng.choice([f"{code}-{digits(rng, 4)}-{digits(rng, 6)}",
                              f"{code}{digits(rng, 10)}",
                              f"POL/{digits(rng, 8)}/{rng.randrange(2019, 2025)}"])
            start = date(2019, 1, 1) + timedelta(days=rng.randrange(2000))
            con.execute("INSERT INTO ubezpieczenia VALUES (?,?,?,?,?,?,?)",
                        (n_ins, pid, comp, pol, start.isoformat(),
                         (start + timedelta(days=365 * rng.choice([1, 2, 3]))).isoformat(),
                         rng.choice([5000.0, 10000.0, 25000.0, 50000.0, 100000.0])))
    counts["ubezpieczenia"] = n_ins

    # invoices ---------------------------------------------------------------------------
    n_inv = 0
    for _vid, pid, _did, when, in_pl in visits:
        if when > NOW or rng.random() < 0.12:
            continue
        n_inv += 1
        site = rng.choice(polish_sites if in_pl else italian_sites)
        net = round(rng.choice([60, 80, 90, 120, 150, 180, 250]) * rng.uniform(0.9, 1.1), 2)
        vat = round(net * (0.08 if in_pl else 0.0), 2) if rng.random() < 0.3 else 0.0
        metodo = rng.choice(["bonifico", "carta", "contanti", "POS"] if not in_pl else
                            ["przelew", "karta", "gotówka", "BLIK"])
        iban = None
        if metodo in ("bonifico", "przelew"):
            iban = iban_pl(rng) if in_pl else iban_it(rng)
            if rng.random() < 0.5:
                iban = group4(iban)
        num = (f"FV/{when.year}/{n_inv:05d}" if in_pl else f"FT-{when.year}/{n_inv:06d}")
        con.execute("INSERT INTO fatture VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (n_inv, num, pid, site, when.date().isoformat(), net, vat,
                     round(net + vat, 2), "PLN" if in_pl else "EUR", metodo, iban,
                     rng.choice(["pagata", "pagata", "emessa", "stornata"])))
    counts["fatture"] = n_inv

    # inventory --------------------------------------------------------------------------
    for i in range(1, 211):
        sku = rng.choice([f"{digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 3)}",
                          f"3{digits(rng, 2)} {digits(rng, 3)} {digits(rng, 4)}",
                          f"{digits(rng, 3)}-{digits(rng, 7)}"])
        exp = date(2025, 1, 1) + timedelta(days=rng.randrange(1400))
        con.execute("INSERT INTO magazzino VALUES (?,?,?,?,?,?,?)",
                    (i, rng.randrange(1, len(SITES) + 1), sku, rng.choice(STOCK_ITEMS),
                     rng.randrange(0, 500),
                     f"L{rng.randrange(2201, 2512)}-{rng.randrange(1, 99):02d}",
                     exp.isoformat()))
    counts["magazzino"] = 210

    # audit log --------------------------------------------------------------------------
    fields = {"pazienti": ["telefono", "email", "indirizzo", "cap", "citta",
                           "consenso_marketing", "codice_fiscale", "nome,cognome"],
              "wizyty": ["data_ora", "stato", "sala_id", "notatki"],
              "fatture": ["stato", "iban_pagante", "totale"],
              "prescrizioni": ["dosaggio", "farmaco"]}
    prev = "0" * 64
    tables = list(fields)
    for i in range(1, 381):
        who = rng.choice(doctors)[2] if rng.random() < 0.85 else rng.choice(
            ["system", "cron_backup", "reception.mi", "admin"])
        tab = rng.choice(tables)
        act = rng.choice(["UPDATE", "UPDATE", "INSERT", "DELETE"])
        changed = None if act != "UPDATE" else rng.choice(fields[tab])
        ip = f"10.{rng.choice([20, 21, 40])}.{rng.randrange(1, 16)}.{rng.randrange(2, 250)}" \
            if rng.random() < 0.8 else f"192.168.{rng.randrange(0, 4)}.{rng.randrange(2, 250)}"
        when = ts(rand_dt(rng, datetime(2024, 1, 1), NOW))
        row_hash = hashlib.sha256(f"{prev}|{i}|{when}|{who}|{tab}".encode()).hexdigest()
        con.execute("INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?)",
                    (i, when, who, act, tab, changed, ip, row_hash))
        prev = row_hash
    counts["audit_log"] = 380
    counts["sedi"], counts["sale"] = len(SITES), 30
    return counts


def visit_note(rng: Random, in_pl: bool) -> str | None:
    r = rng.random()
    if r < 0.25:
        return None
    if r < 0.55:  # administrative, no personal data
        return rng.choice([
            "Prima visita.", "Controllo annuale, nessuna criticità.",
            "Portare esami del sangue recenti.", "Pierwsza wizyta.", "Wizyta kontrolna.",
            "Appuntamento spostato su richiesta.", "Pagamento alla reception.",
            "Sala cambiata per manutenzione.", "Referto inviato via portale.",
            "Wizyta przełożona z powodu urlopu lekarza.", "Ticket esente.", "ok",
        ])
    if r < 0.8:  # clinical
        return rng.choice([
            "Paziente riferisce cefalea da 3 giorni.", "PA 150/95, rivalutare terapia.",
            "Pacjent zgłasza ból w klatce piersiowej przy wysiłku.",
            "Glicemia a digiuno 132 mg/dl, ripetere HbA1c.", "Alergia na penicylinę!",
            "Lieve dermatite alle mani, prescritta crema.", "Saturazione 97%, nessun rantolo.",
            "Podejrzenie anemii – skierowanie na morfologię.",
            "Ansia in peggioramento, valutare invio a psichiatra.",
        ])
    nat = "pl" if in_pl else "it"
    p = make_person(rng, nat)
    phone = mobile(rng, nat)
    if in_pl:
        title = "pani" if p["gender"] == "f" else "pana"
        return rng.choice([
            f"Oddzwonić do {title} {p['last']} pod nr {phone}.",
            f"Na wizytę przyjdzie z córką ({p['first']} {p['last']}, tel. {phone}).",
            f"Kontakt w razie opóźnienia: {p['first']} {phone}. Nadciśnienie – kontrola.",
        ])
    sig = "la sig.ra" if p["gender"] == "f" else "il sig."
    return rng.choice([
        f"Richiamare {sig} {p['last']} al {phone}.",
        f"Accompagnato dal figlio {p['first']} {p['last']} ({phone}).",
        f"In caso di ritardo avvisare {p['first']} al {phone}. Diabete in compenso.",
        f"Referto da consegnare a {p['first']} {p['last']} (delega firmata).",
    ])


def gen_crm(con: sqlite3.Connection, rng: Random) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i, (name, price, seats) in enumerate(PLANS, 1):
        con.execute("INSERT INTO plans VALUES (?,?,?,?,?,?)",
                    (i, name, price, "EUR", seats, "monthly" if i % 2 else "annual"))
    counts["plans"] = len(PLANS)

    # organizations ----------------------------------------------------------------------
    orgs = []
    used = set()
    nats = list(ORG_PARTS)
    while len(orgs) < 64:
        nat = rng.choice(nats)
        bases, sufs, tld = ORG_PARTS[nat]
        base = rng.choice(bases)
        if base in used:
            extra = rng.choice(["Group", "Holding", "Services", "Nord", "Sud", "Digital"])
            base = f"{base} {extra}"
        if base in used:
            continue
        used.add(base)
        name = f"{base} {rng.choice(sufs)}"
        domain = f"{slug(base)[:18]}.{tld}"
        street, pc, city = rng.choice(ORG_CITY[nat])
        pre = COUNTRY[nat][0]
        phone = f"{pre} {digits(rng, 2)} {digits(rng, 3)} {digits(rng, 4)}"
        vat = {"it": "IT" + digits(rng, 11), "pl": "PL" + digits(rng, 10),
               "se": "SE" + digits(rng, 10) + "01", "ie": "IE" + digits(rng, 7) + "W",
               "gr": "EL" + digits(rng, 9)}.get(nat, digits(rng, 10))
        bill = rng.choice(["billing", "accounts", "invoices", "finance", "amministrazione"])
        oid = len(orgs) + 1
        con.execute("INSERT INTO organizations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (oid, name, domain, phone, street, pc, city, COUNTRY_NAME[nat],
                     rng.choice(INDUSTRIES), vat, f"{bill}@{domain}",
                     rng.randrange(1, len(PLANS) + 1),
                     ts(rand_dt(rng, datetime(2019, 1, 1), datetime(2024, 1, 1)), True)))
        orgs.append((oid, nat, name, domain))
    counts["organizations"] = len(orgs)

    # contacts ---------------------------------------------------------------------------
    contacts = []
    for i in range(1, 361):
        oid, onat, oname, domain = rng.choice(orgs)
        nat = onat if rng.random() < 0.75 else rng.choice(list(NAMES))
        p = make_person(rng, nat, native_share=0.4)
        mail = email_for(rng, p, domain) if rng.random() < 0.8 else email_for(rng, p)
        li = None
        if rng.random() < 0.6:
            li = (f"https://www.linkedin.com/in/{slug(p['first_latin'])}-"
                  f"{slug(p['last_latin'])}-{rng.getrandbits(32):08x}")
            if rng.random() < 0.3:
                li = li.removeprefix("https://www.")
        created = rand_dt(rng, datetime(2020, 1, 1), NOW)
        seen = created + timedelta(seconds=rng.randrange(0, int((NOW - created).total_seconds())
                                                         + 1))
        con.execute("INSERT INTO contacts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (i, oid, p["first"], p["last"], mail,
                     mobile(rng, nat) if rng.random() < 0.7 else None,
                     rng.choice(JOB_TITLES) if rng.random() < 0.85 else None,
                     oname if rng.random() < 0.7 else oname.rsplit(" ", 1)[0], li,
                     COUNTRY[onat if rng.random() < 0.8 else nat][2], COUNTRY[nat][3],
                     int(rng.random() < 0.4), ts(created, True),
                     ts(seen, True) if rng.random() < 0.8 else None))
        contacts.append((i, oid, p, mail))
    counts["contacts"] = len(contacts)

    # agents -----------------------------------------------------------------------------
    agents = []
    for i in range(1, 43):
        nat = rng.choice(["ie", "ie", "pl", "it", "se", "gr", "mx", "vn", "kr", "tr", "ma"])
        p = make_person(rng, nat, native_share=0.15)
        uname = f"{slug(p['first_latin'])}{slug(p['last_latin'])[:1]}{i}" if i % 3 else \
            f"{slug(p['first_latin'])}.{slug(p['last_latin'])}"
        pw = (f"$argon2id$v=19$m=65536,t=3,p=4${rand_str(rng, B64[:-2], 22)}$"
              f"{rand_str(rng, B64[:-2], 43)}")
        name = full_name(p)
        sig = rng.choice([f"Kind regards,\n{name}", f"Cheers,\n{p['first']}", f"— {name}",
                          f"Best,\n{name}\nCustomer Support", None])
        con.execute("INSERT INTO agents VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (i, name, email_for(rng, p, "helpdeskly.io"), uname, pw,
                     rng.choice(["agent", "agent", "agent", "lead", "admin"]),
                     rng.choice(["support@helpdeskly.io", "billing@helpdeskly.io",
                                 "noreply@helpdeskly.io", "success@helpdeskly.io"]), sig,
                     int(rng.random() < 0.9),
                     ts(rand_dt(rng, datetime(2019, 6, 1), datetime(2024, 6, 1)), True)))
        agents.append((i, p))
    counts["agents"] = len(agents)

    # tickets ----------------------------------------------------------------------------
    for i in range(1, 401):
        cid, oid, _cp, _mail = rng.choice(contacts)
        ver = rng.choice(VERSIONS)
        subject = rng.choice([
            f"Export to CSV fails on version {ver}", f"SSO login loop after upgrade to {ver}",
            f"Invoice INV-{rng.randrange(2023, 2026)}-{rng.randrange(10000):05d} shows wrong VAT",
            "Webhook deliveries delayed", "Cannot attach files larger than 10 MB",
            "Feature request: dark mode", "API rate limit too low for Growth plan",
            f"Order {rng.randrange(100000, 999999)} not synced to ERP",
            f"SKU {digits(rng, 3)}-{digits(rng, 3)}-{digits(rng, 4)} missing from catalog",
            "Password reset email never arrives", "Zapier integration returns 401",
            f"Desktop app {ver} crashes on startup",
        ])
        created = rand_dt(rng, datetime(2023, 1, 1), NOW)
        status = rng.choice(["open", "pending", "solved", "solved", "closed"])
        resolved = ts(created + timedelta(hours=rng.randrange(1, 400)), True) \
            if status in ("solved", "closed") else None
        con.execute("INSERT INTO tickets VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (i, f"HD-{100000 + i * 7}", oid, cid,
                     rng.choice(agents)[0] if rng.random() < 0.85 else None, subject,
                     ticket_text(rng, ver), status,
                     rng.choice(["low", "normal", "normal", "high", "urgent"]),
                     rng.choice(["email", "web", "chat", "phone", "api"]), ts(created, True),
                     resolved))
    counts["tickets"] = 400

    # api tokens -------------------------------------------------------------------------
    for i in range(1, 71):
        created = rand_dt(rng, datetime(2022, 1, 1), NOW)
        tok = rng.choice([f"hdk_live_{rand_str(rng, B62, 40)}",
                          f"hdk_test_{rand_str(rng, B62, 40)}",
                          rand_str(rng, "0123456789abcdef", 64)])
        con.execute("INSERT INTO api_tokens VALUES (?,?,?,?,?,?,?,?)",
                    (i, rng.choice(agents)[0], rng.choice(["CI deploy", "Zapier", "reporting",
                                                             "n8n sync", "my laptop", None]),
                     tok, rng.choice(["tickets:read", "tickets:read tickets:write", "admin",
                                      "contacts:read"]), ts(created, True),
                     ts(min(NOW, created + timedelta(days=rng.randrange(0, 200))), True),
                     int(rng.random() < 0.2)))
    counts["api_tokens"] = 70

    # login events -----------------------------------------------------------------------
    devices = [rand_uuid(rng) for _ in range(120)]
    for i in range(1, 401):
        is_agent = rng.random() < 0.55
        aid = rng.choice(agents)[0] if is_agent else None
        cid = None if is_agent else rng.choice(contacts)[0]
        ua = rng.choice(USER_AGENTS).format(v=rng.randrange(118, 127), f=rng.randrange(118, 128))
        ok = rng.random() < 0.88
        con.execute("INSERT INTO login_events VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (i, aid, cid, ipv4(rng) if rng.random() < 0.75 else ipv6(rng), ua,
                     rng.choice(devices), rand_str(rng, "0123456789abcdef", 32) if ok else None,
                     int(ok), None if ok else rng.choice(["bad_password", "mfa_timeout",
                                                          "account_locked", "sso_error"]),
                     ts(rand_dt(rng, datetime(2024, 6, 1), NOW), True)))
    counts["login_events"] = 400

    # webhooks ---------------------------------------------------------------------------
    for i in range(1, 56):
        oid, _nat, _name, domain = rng.choice(orgs)
        url = rng.choice([f"https://hooks.{domain}/helpdeskly/{rand_str(rng, B62, 12)}",
                          f"https://{domain}/api/webhooks/tickets",
                          f"https://hooks.zapier.com/hooks/catch/{digits(rng, 7)}/"
                          f"{rand_str(rng, B62, 6).lower()}/",
                          f"https://{slug(domain)[:8]}.n8n.cloud/webhook/{rand_uuid(rng)}"])
        con.execute("INSERT INTO webhooks VALUES (?,?,?,?,?,?,?,?,?)",
                    (i, oid, rng.choice(agents)[0] if rng.random() < 0.8 else None, url,
                     "whsec_" + rand_str(rng, B64[:-2], 32),
                     rng.choice(["ticket.created", "ticket.created,ticket.updated",
                                 "contact.created", "*"]),
                     rng.choice([f"devops@{domain}", f"alerts@{domain}", f"it@{domain}",
                                 "noreply@helpdeskly.io"]), int(rng.random() < 0.8),
                     ts(rand_dt(rng, datetime(2022, 1, 1), NOW), True)))
    counts["webhooks"] = 55

    # feature flags ----------------------------------------------------------------------
    flags = [("new_inbox_ui", "Redesigned inbox"), ("ai_reply_suggestions", "Suggested replies"),
             ("sla_v2", "New SLA engine"), ("csv_export_streaming", "Streamed CSV export"),
             ("dark_mode", "Dark theme"), ("sso_scim", "SCIM provisioning"),
             ("bulk_merge", "Bulk ticket merge"), ("webhook_retries", "Retry failed webhooks"),
             ("portal_i18n", "Translated customer portal"), ("legacy_reports", "Old reports"),
             ("kr_locale", "Korean UI"), ("audit_export", "Audit log export"),
             ("ticket_tags_v3", "Tag autocomplete"), ("mobile_push", "Push notifications"),
             ("rate_limit_burst", "Burst API quota")]
    for i, (key, desc) in enumerate(flags, 1):
        con.execute("INSERT INTO feature_flags VALUES (?,?,?,?,?,?,?,?)",
                    (i, key, desc, int(rng.random() < 0.6), rng.choice([0, 5, 25, 50, 100]),
                     rng.choice(VERSIONS), rng.choice(["platform@helpdeskly.io",
                                                       "growth-team@helpdeskly.io",
                                                       "support-eng@helpdeskly.io"]),
                     ts(rand_dt(rng, datetime(2024, 1, 1), NOW), True)))
    counts["feature_flags"] = len(flags)
    return counts


def ticket_text(rng: Random, ver: str) -> str:
    r = rng.random()
    if r < 0.55:  # technical, no personal data
        return rng.choice([
            f"Steps to reproduce:\n1. Open Reports\n2. Click Export\nExpected a CSV, got HTTP 500. "
            f"Build {ver}.",
            "Since yesterday webhooks arrive 20-30 minutes late. Our endpoint responds in <200 ms.",
            f"After updating to {ver} the desktop client shows a blank window on Windows 11.",
            "We need the API limit raised to 1000 requests/minute for our nightly sync.",
            "Attachments over 10 MB fail with 'payload too large'. Please advise.",
            "SAML assertion rejected: audience mismatch. Config attached.",
            f"Order sync stopped at order 4{digits(rng, 5)}; error code E-4410.",
        ])
    p = make_person(rng, rng.choice(list(NAMES)), native_share=0.3)
    name = full_name(p)
    mail = email_for(rng, p)
    phone = mobile(rng, p["nat"])
    return rng.choice([
        f"Hi, please call me back at {phone}, I cannot log in since this morning.",
        f"Our colleague {name} ({mail}) cannot reset her password. Can you unlock the account?",
        f"Please add {name} as an admin. Email: {mail}, mobile {phone}.",
        f"{p['first']} from our finance team will be the new billing contact: {mail}",
        f"Customer {name} complains the portal shows another customer's ticket! "
        f"Reach them on {phone}.",
        f"Please remove {mail} from all notifications, they left the company.",
    ])


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def write_labels(path: Path) -> None:
    lines = [
        "# Held-out ground truth for pdscan (fideslang data categories per column).",
        "# Generated by make_heldout.py - do not edit by hand, and never tune the detector",
        "# on this dataset. [] = not personal; decoy: true = looks personal but is not.",
        "store: sqlite",
        "collections:",
    ]
    for table, cols in LABELS.items():
        lines.append(f"  main.{table}:")
        for col, lab in cols.items():
            if lab == DECOY:
                lines.append(f"    {col}: {{categories: [], decoy: true}}")
            else:
                lines.append(f"    {col}: [{', '.join(lab)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check(con: sqlite3.Connection) -> list[str]:
    errors = []
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    if sorted(LABELS) != tables:
        errors.append(f"tables differ: db-only {set(tables) - set(LABELS)}, "
                      f"labels-only {set(LABELS) - set(tables)}")
    for t in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
        if list(LABELS.get(t, {})) != cols:
            errors.append(f"{t}: columns {cols} != labels {list(LABELS.get(t, {}))}")
        for col, lab in LABELS.get(t, {}).items():
            if lab != DECOY:
                errors.extend(f"{t}.{col}: unknown category {c}" for c in lab
                              if c not in ALLOWED)
            n = con.execute(f'SELECT COUNT("{col}") FROM {t}').fetchone()[0]
            if n == 0:
                errors.append(f"{t}.{col}: no non-null values")
    fk = con.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        errors.append(f"foreign key violations: {fk[:5]}")
    # identifiers really carry valid check characters
    sql = "SELECT codice_fiscale FROM pazienti WHERE codice_fiscale IS NOT NULL"
    for (cf,) in con.execute(sql):
        if cf_check(cf[:15]) != cf[15]:
            errors.append(f"bad codice fiscale {cf}")
    for (iban,) in con.execute("SELECT iban_pagante FROM fatture WHERE iban_pagante IS NOT NULL "
                               "UNION ALL SELECT iban FROM sedi"):
        if not iban_valid(iban):
            errors.append(f"bad IBAN {iban}")
    return errors


def main() -> int:
    t_start = time.perf_counter()
    assert codice_fiscale("Mario", "Rossi", date(1985, 12, 10), False, "A562") == \
        "RSSMRA85T10A562S"
    assert iban_valid("IT60X0542811101000000123456")
    assert cf_check("0542811101000000123456") == "X"  # CIN of the textbook IBAN
    rng = Random(SEED)
    DB_PATH.unlink(missing_ok=True)
    con = sqlite3.connect(DB_PATH)
    con.execute("PRAGMA foreign_keys=ON")
    con.executescript(DDL)
    counts = gen_clinic(con, rng)
    counts.update(gen_crm(con, rng))
    con.commit()
    errors = check(con)
    con.execute("VACUUM")
    con.close()
    write_labels(LABELS_PATH)
    elapsed = time.perf_counter() - t_start
    for t in sorted(counts):
        print(f"  {t:20s} {counts[t]:4d} rows")
    size = DB_PATH.stat().st_size
    print(f"wrote {DB_PATH.name} ({size / 1024:.0f} KiB) and {LABELS_PATH.name} "
          f"in {elapsed:.2f}s")
    if size >= 3 * 1024 * 1024:
        errors.append("database is larger than 3 MB")
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
