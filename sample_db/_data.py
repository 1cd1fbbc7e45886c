"""Hand-written word lists and constants for the sample generator.

Faker supplies most first names, last names and street names; these lists add what
Faker lacks or gets wrong for the seed companies (French/Belgian businesses): accented
and compound names, real city / postal-code / coordinate triples, ISP mail domains,
products, events, rooms, B2B companies and ticket texts. Nothing here is a real
person's data.
"""

from __future__ import annotations

from datetime import date, datetime

#: Every date in the sample is relative to this instant, never to "now".
REF_DATE = date(2025, 6, 30)
REF_DT = datetime(2025, 6, 30, 18, 0, 0)
DEFAULT_SEED = 20250630
DEFAULT_ROWS = 300
#: Above this many customers the generator writes the "large" plan (main tables only
#: grow) and stops de-duplicating e-mail addresses in memory.
LARGE_ROWS = 100_000

# Company data from the seed privacy notices (not personal: legal persons).
WESHRE_ADDRESS = "Rue des Acacias 19, 4000 Liège, Belgique"
WECASHUP_ADDRESS = "45 Rue Frédéric Joliot Curie, 13013 Marseille, France"
OFFICE_IP = "185.23.112.10"  # WEshre office NAT: a shared value (hub)
OFFICE_IP6 = "2a02:a03f:6b1c:2e00::10"

# Country code -> (locales used for names, weight as a residence country).
COUNTRY_WEIGHTS: list[tuple[str, int]] = [
    ("FR", 34), ("BE", 30), ("DE", 5), ("ES", 5), ("GB", 4), ("IT", 3), ("NL", 2),
    ("JP", 3), ("CN", 3), ("IN", 3), ("BR", 3), ("EG", 2), ("US", 3),
]
#: Name locale per residence country (Belgium is split between French and Dutch).
NAME_LOCALES: dict[str, list[str]] = {
    "FR": ["fr_FR"], "BE": ["fr_BE", "nl_BE", "fr_FR"], "DE": ["de_DE"], "ES": ["es_ES"],
    "GB": ["en_GB"], "IT": ["it_IT"], "NL": ["nl_NL"], "JP": ["ja_JP"], "CN": ["zh_CN"],
    "IN": ["en_IN"], "BR": ["pt_BR"], "EG": ["ar_EG"], "US": ["en_US"],
}
#: People living in France or Belgium whose names come from elsewhere.
EXPAT_LOCALES = ["es_ES", "it_IT", "pt_BR", "ar_EG", "en_IN", "de_DE", "zh_CN", "en_GB"]
LANGUAGE_OF = {
    "fr_FR": "fr-FR", "fr_BE": "fr-BE", "nl_BE": "nl-BE", "de_DE": "de-DE", "es_ES": "es-ES",
    "en_GB": "en-GB", "it_IT": "it-IT", "nl_NL": "nl-NL", "ja_JP": "ja-JP", "zh_CN": "zh-CN",
    "en_IN": "en-IN", "pt_BR": "pt-BR", "ar_EG": "ar-EG", "en_US": "en-US",
}

FIRST_NAMES_EXTRA: dict[str, list[str]] = {
    "fr_FR": ["Élodie", "Maëlle", "Anaïs", "Loïc", "Jérôme", "Hélène", "Noé", "Zoé", "Chloé",
              "Gaëtan", "Jean-Baptiste", "Marie-Hélène", "Anne-Sophie", "François", "Benoît",
              "Cécile", "Thaïs", "Agathe", "Clémence", "Théo", "Inès", "Yanis", "Maël"],
    "fr_BE": ["Maxime", "Aurélie", "Grégory", "Sébastien", "Manon", "Louise", "Arnaud",
              "Cédric", "Delphine", "Jean-François", "Marie-Noëlle", "Lola", "Romain"],
    "nl_BE": ["Wouter", "Ine", "Jens", "Lotte", "Sander", "Pieter-Jan", "Fien", "Lieselot",
              "Joke", "Bram", "Nele", "Stijn", "Marthe", "Jelle"],
}
LAST_NAMES_EXTRA: dict[str, list[str]] = {
    "fr_FR": ["Dupont", "Lefèvre", "N'Diaye", "Diallo", "Le Goff", "Saint-Martin",
              "de la Fontaine", "Nguyen", "Da Silva", "Benali", "Lemaître", "Gaillard"],
    "fr_BE": ["Lambert", "Dubois", "Renard", "Wauters", "Delvaux", "Van den Broeck",
              "Leclercq", "Maréchal", "El Amrani", "Piron", "Collignon", "Hennuy"],
    "nl_BE": ["Peeters", "Janssens", "De Smet", "Vanderstraeten", "De Clercq", "Vermeulen",
              "Van Damme", "Claes", "Goossens", "Wuyts", "Verhaegen", "D'Hondt"],
}
#: Egyptian (Arabic script, transliteration) pairs: Faker's ar_EG has no person provider.
EG_FIRST_F = [("نور", "Nour"), ("مريم", "Mariam"), ("سلمى", "Salma"), ("هنا", "Hana"),
              ("ياسمين", "Yasmin"), ("آية", "Aya"), ("فريدة", "Farida"), ("حبيبة", "Habiba")]
EG_FIRST_M = [("محمد", "Mohamed"), ("أحمد", "Ahmed"), ("محمود", "Mahmoud"),
              ("يوسف", "Youssef"), ("مصطفى", "Mostafa"), ("عمر", "Omar"), ("كريم", "Karim"),
              ("طارق", "Tarek")]
EG_LAST = [("حسن", "Hassan"), ("إبراهيم", "Ibrahim"), ("السيد", "El-Sayed"),
           ("عبد الفتاح", "Abdel Fattah"), ("منصور", "Mansour"), ("فهمي", "Fahmy"),
           ("سليمان", "Soliman"), ("خليل", "Khalil"), ("عبد الرحمن", "Abdelrahman"),
           ("فاروق", "Farouk"), ("نجيب", "Naguib"), ("شوقي", "Shawky"), ("عزت", "Ezzat"),
           ("جمال", "Gamal")]
#: Chinese (given, family) names: hanzi with pinyin, so one person can be written both ways.
CN_FAMILY = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
             ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"),
             ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu")]
CN_GIVEN = [("芳", "Fang"), ("伟", "Wei"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"),
            ("磊", "Lei"), ("洋", "Yang"), ("勇", "Yong"), ("杰", "Jie"), ("秀英", "Xiuying"),
            ("强", "Qiang"), ("军", "Jun"), ("丽", "Li"), ("婷", "Ting"), ("浩然", "Haoran"),
            ("子涵", "Zihan"), ("雨桐", "Yutong"), ("明", "Ming")]

# (city, postal code, latitude, longitude) - real places, representative postal codes.
CITIES: dict[str, list[tuple[str, str, float, float]]] = {
    "FR": [("Paris", "75011", 48.8590, 2.3790), ("Paris", "75015", 48.8412, 2.3003),
           ("Lyon", "69003", 45.7597, 4.8422), ("Marseille", "13006", 43.2887, 5.3806),
           ("Lille", "59000", 50.6292, 3.0573), ("Toulouse", "31000", 43.6045, 1.4440),
           ("Bordeaux", "33000", 44.8378, -0.5792), ("Nantes", "44000", 47.2184, -1.5536),
           ("Strasbourg", "67000", 48.5734, 7.7521), ("Nice", "06000", 43.7102, 7.2620),
           ("Rennes", "35000", 48.1173, -1.6778), ("Montpellier", "34000", 43.6108, 3.8767),
           ("Grenoble", "38000", 45.1885, 5.7245), ("Dijon", "21000", 47.3220, 5.0415),
           ("Metz", "57000", 49.1193, 6.1757), ("Reims", "51100", 49.2583, 4.0317)],
    "BE": [("Bruxelles", "1000", 50.8467, 4.3525), ("Ixelles", "1050", 50.8333, 4.3667),
           ("Liège", "4000", 50.6326, 5.5797), ("Namur", "5000", 50.4674, 4.8720),
           ("Charleroi", "6000", 50.4108, 4.4446), ("Mons", "7000", 50.4542, 3.9567),
           ("Louvain-la-Neuve", "1348", 50.6681, 4.6118), ("Wavre", "1300", 50.7167, 4.6000),
           ("Gent", "9000", 51.0543, 3.7174), ("Antwerpen", "2000", 51.2194, 4.4025),
           ("Leuven", "3000", 50.8798, 4.7005), ("Brugge", "8000", 51.2093, 3.2247),
           ("Hasselt", "3500", 50.9307, 5.3325), ("Mechelen", "2800", 51.0259, 4.4776)],
    "DE": [("Berlin", "10115", 52.5323, 13.3846), ("Köln", "50667", 50.9375, 6.9603),
           ("München", "80331", 48.1374, 11.5755), ("Aachen", "52062", 50.7753, 6.0839),
           ("Hamburg", "20095", 53.5511, 9.9937), ("Düsseldorf", "40213", 51.2277, 6.7735)],
    "ES": [("Madrid", "28013", 40.4168, -3.7038), ("Barcelona", "08001", 41.3809, 2.1730),
           ("Sevilla", "41001", 37.3891, -5.9845), ("Valencia", "46001", 39.4699, -0.3763),
           ("Bilbao", "48001", 43.2630, -2.9350)],
    "GB": [("London", "E1 6AN", 51.5205, -0.0739), ("Manchester", "M1 1AE", 53.4808, -2.2426),
           ("Bristol", "BS1 4DJ", 51.4545, -2.5879), ("Edinburgh", "EH1 1YZ", 55.9533, -3.1883)],
    "IT": [("Roma", "00184", 41.8967, 12.4822), ("Milano", "20121", 45.4642, 9.1900),
           ("Torino", "10121", 45.0703, 7.6869)],
    "NL": [("Amsterdam", "1012 AB", 52.3728, 4.8936), ("Rotterdam", "3011 AD", 51.9225, 4.4792),
           ("Maastricht", "6211 CK", 50.8514, 5.6910)],
    "JP": [("Tokyo", "150-0002", 35.6580, 139.7016), ("Osaka", "530-0001", 34.7025, 135.4959),
           ("Kyoto", "600-8216", 34.9858, 135.7588)],
    "CN": [("Shanghai", "200001", 31.2304, 121.4737), ("Beijing", "100006", 39.9042, 116.4074),
           ("Shenzhen", "518000", 22.5431, 114.0579)],
    "IN": [("Mumbai", "400001", 18.9388, 72.8354), ("Bengaluru", "560001", 12.9716, 77.5946),
           ("Pune", "411001", 18.5204, 73.8567)],
    "BR": [("São Paulo", "01310-100", -23.5614, -46.6559),
           ("Rio de Janeiro", "20040-002", -22.9068, -43.1729),
           ("Belo Horizonte", "30130-000", -19.9167, -43.9345)],
    "EG": [("Cairo", "11511", 30.0444, 31.2357), ("Alexandria", "21500", 31.2001, 29.9187),
           ("Giza", "12511", 30.0131, 31.2089)],
    "US": [("New York", "10001", 40.7506, -73.9972), ("San Francisco", "94103", 37.7725, -122.4091),
           ("Boston", "02108", 42.3588, -71.0707), ("Chicago", "60601", 41.8858, -87.6181)],
}
COUNTRY_NAMES_FR = {
    "FR": "France", "BE": "Belgique", "DE": "Allemagne", "ES": "Espagne", "GB": "Royaume-Uni",
    "IT": "Italie", "NL": "Pays-Bas", "JP": "Japon", "CN": "Chine", "IN": "Inde",
    "BR": "Brésil", "EG": "Égypte", "US": "États-Unis",
}
#: Streets for places where Faker has no (or an English fallback) street provider.
STREETS_EXTRA: dict[str, list[str]] = {
    "FR": ["rue de la Paix", "rue Jean Jaurès", "allée des Tilleuls", "impasse des Lilas",
           "boulevard Voltaire", "rue de la République", "place du Marché", "quai Saint-Vincent"],
    "BE": ["Rue des Acacias", "Avenue Louise", "Boulevard d'Avroy", "Chaussée de Louvain",
           "Rue Saint-Gilles", "Rue de Fer", "Kerkstraat", "Stationsstraat", "Veldstraat",
           "Meir", "Rue du Pont", "Place Saint-Lambert", "Bondgenotenlaan", "Rue de Namur"],
    "JP": ["Jingumae", "Shibuya", "Umeda", "Ginza", "Shinjuku", "Karasuma-dori"],
    "CN": ["Nanjing Road", "Huaihai Road", "Wangfujing Street", "Shennan Avenue"],
    "EG": ["Tahrir Street", "Corniche El Nil", "Talaat Harb Street", "Fouad Street"],
    "NL": ["Kalverstraat", "Herengracht", "Coolsingel", "Vrijthof"],
}
STREET_LOCALE = {"FR": "fr_FR", "DE": "de_DE", "ES": "es_ES", "GB": "en_GB", "IT": "it_IT",
                 "IN": "en_IN", "BR": "pt_BR", "US": "en_US"}

MAIL_DOMAINS: dict[str, list[str]] = {
    "FR": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "gmail.com",
           "hotmail.fr", "outlook.fr", "yahoo.fr", "proton.me"],
    "BE": ["skynet.be", "telenet.be", "proximus.be", "gmail.com", "hotmail.com", "outlook.be",
           "scarlet.be", "voo.be"],
    "DE": ["gmx.de", "web.de", "t-online.de", "gmail.com"],
    "ES": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"],
    "GB": ["btinternet.com", "gmail.com", "outlook.com", "yahoo.co.uk", "sky.com"],
    "IT": ["libero.it", "gmail.com", "virgilio.it"],
    "NL": ["ziggo.nl", "kpnmail.nl", "gmail.com"],
    "JP": ["yahoo.co.jp", "gmail.com", "docomo.ne.jp", "icloud.com"],
    "CN": ["163.com", "qq.com", "126.com", "gmail.com"],
    "IN": ["gmail.com", "rediffmail.com", "yahoo.co.in"],
    "BR": ["uol.com.br", "gmail.com", "bol.com.br", "hotmail.com"],
    "EG": ["gmail.com", "yahoo.com", "hotmail.com"],
    "US": ["gmail.com", "yahoo.com", "aol.com", "icloud.com"],
}
US_AREA_CODES = ["212", "305", "312", "415", "617", "646", "718", "202", "512", "206"]
#: First octets of public IPv4 blocks held by European/other ISPs.
IPV4_FIRST_OCTETS = [2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 86, 87, 88, 90,
                     91, 92, 94, 95, 109, 176, 178, 188, 193, 195, 212, 213, 217]
IPV6_PREFIXES = ["2a01:cb00", "2a01:e0a", "2a02:a03f", "2a02:1810", "2a02:8108", "2001:4c80",
                 "240d:1a", "2409:8a1e", "2405:201", "2804:14c"]

USER_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.6422.113 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
    "WEshre/10.2.0.1 (iPhone; iOS 17.5; Scale/3.00)",
    "WEshre/10.1.4.7 (Android 13; Pixel 7)",
]
BOT_AGENTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
]
APP_VERSIONS = ["10.2.0.1", "10.1.4.7", "9.14.3.2", "10.2.1.0", "9.8.0.12"]

# Products: `name` holds product names, a few of them shaped like first names (decoys).
PRODUCTS: list[tuple[str, str, int]] = [
    ("Pass Soirée Networking", "Entrée à une soirée networking, boissons comprises.", 2500),
    ("Billet Festival d'Été", "Accès aux trois jours du festival, bracelet à retirer sur place.",
     8900),
    ("Sweat à capuche WEshre", "Coton bio, coupe unisexe, brodé sur la poitrine.", 4500),
    ("Gourde isotherme 750 ml", "Acier inoxydable, garde au frais 24 heures.", 2290),
    ("Carte cadeau 50 €", "Valable un an sur toute la boutique.", 5000),
    ("Location salle demi-journée", "Salle de réunion équipée pour 4 heures.", 18000),
    ("Tote bag coton bio", "Sac en toile naturelle, impression une couleur.", 1200),
    ("Casquette brodée", "Casquette réglable, logo brodé.", 1800),
    ("Abonnement Premium annuel", "Frais de service offerts sur tous les événements.", 4900),
    ("Kit organisateur d'événement", "Badges, signalétique et guide de l'organisateur.", 7500),
    ("Parapluie pliant", "Ouverture automatique, housse incluse.", 2100),
    ("Carnet A5 pointillé", "120 pages, papier recyclé 100 g.", 950),
    ("Mug céramique Liège", "Passe au lave-vaisselle, 33 cl.", 1100),
    ("Lampe Adèle", "Lampe de bureau en laiton, ampoule LED fournie.", 6900),
    ("Fauteuil Louise", "Velours côtelé, pieds en chêne massif.", 32900),
    ("Chaise Marcel", "Chaise empilable en hêtre, vernis mat.", 8900),
    ("Canapé Victor 3 places", "Tissu déhoussable, livraison en 3 semaines.", 89900),
    ("Tabouret Jules", "Assise ronde en frêne, hauteur 65 cm.", 7900),
    ("Enceinte Bluetooth Nomade", "12 heures d'autonomie, étanche IPX5.", 5900),
    ("Batterie externe 10000 mAh", "Charge rapide USB-C, deux ports.", 2990),
    ("Atelier cuisine du monde", "Atelier de 3 heures avec un chef, repas inclus.", 6500),
    ("Visite guidée Gand by night", "Balade de 2 heures dans le centre historique.", 1900),
    ("Week-end team building Ardennes", "Deux jours, hébergement et activités compris.", 34900),
    ("Frais de dossier", "Frais de traitement d'une réservation.", 350),
    ("Assurance annulation", "Remboursement en cas d'annulation justifiée.", 990),
    ("Plaid laine Emma", "Laine mérinos, 130 x 170 cm.", 7900),
    ("Coffret dégustation bières belges", "Six bières artisanales et un verre.", 3200),
    ("Cours de néerlandais en ligne", "Dix sessions de 45 minutes en visioconférence.", 14900),
]
EVENTS: list[tuple[str, str, str]] = [
    ("Soirée networking Liège", "Les Ateliers du Val", "Liège"),
    ("Festival d'Été 2024", "Parc de la Boverie", "Liège"),
    ("Afterwork entrepreneurs", "Le Comptoir", "Bruxelles"),
    ("Course solidaire 10 km", "Bois de la Cambre", "Bruxelles"),
    ("Salon du mariage", "Namur Expo", "Namur"),
    ("Week-end ski Val Thorens", "Résidence Les Arolles", "Val Thorens"),
    ("Conférence RGPD & PME", "Palais des Congrès", "Lyon"),
    ("Brunch des organisateurs", "Maison de la Culture", "Namur"),
    ("Tech meetup Gent", "De Krook", "Gent"),
    ("Voyage Lisbonne 4 jours", "Hotel Avenida", "Lisboa"),
    ("Tournoi de padel", "Padel Club Wavre", "Wavre"),
    ("Gala de fin d'année", "Château de Namur", "Namur"),
]
#: Rooms named after people: their `name` column is a decoy.
ROOMS: list[tuple[str, str, int, int]] = [
    ("Salle Magritte", "Bruxelles", 12, 24000), ("Salle Hergé", "Bruxelles", 8, 18000),
    ("Espace Victor Horta", "Bruxelles", 40, 65000), ("Salle Simenon", "Liège", 10, 16000),
    ("Atelier Grétry", "Liège", 20, 28000), ("Salle Rops", "Namur", 14, 19000),
    ("Loft Django", "Charleroi", 25, 30000), ("Salle Ensor", "Gent", 16, 21000),
    ("Zaal Rubens", "Antwerpen", 30, 42000), ("Salle Lumière", "Lyon", 18, 26000),
    ("Salle Colette", "Paris", 10, 35000), ("Studio Piaf", "Paris", 6, 22000),
    ("Salle Pagnol", "Marseille", 20, 24000), ("Kamer Van Eyck", "Brugge", 8, 15000),
    ("Salle Brel", "Mons", 12, 15000),
]
#: Support agents (staff: people too). (first, last, username)
AGENTS: list[tuple[str, str, str]] = [
    ("Sophie", "Leclercq", "sleclercq"), ("Mehdi", "Benali", "mbenali"),
    ("Anke", "De Smet", "adesmet"), ("Julien", "Lambert", "jlambert"),
    ("Chloé", "Dubois", "cdubois"), ("Thomas", "Peeters", "tpeeters"),
    ("Nadia", "El Amrani", "nelamrani"), ("Lucas", "Renard", "lrenard"),
]
#: B2B companies for the CRM: (name, mail domain, city, country, sector).
COMPANIES: list[tuple[str, str, str, str, str]] = [
    ("Brouwerij Van Damme NV", "vandamme-brouwerij.be", "Gent", "BE", "Brasserie"),
    ("Atelier Delvaux SRL", "atelier-delvaux.be", "Namur", "BE", "Artisanat"),
    ("Hôtel du Parc SA", "hotelduparc-liege.be", "Liège", "BE", "Hôtellerie"),
    ("Transports Maréchal", "transports-marechal.be", "Charleroi", "BE", "Logistique"),
    ("École Sainte-Julienne", "sainte-julienne.be", "Liège", "BE", "Enseignement"),
    ("Lycée Jean Moulin", "lyceejeanmoulin.fr", "Lyon", "FR", "Enseignement"),
    ("Cabinet Lefèvre & Associés", "cabinet-lefevre.fr", "Lille", "FR", "Conseil"),
    ("Traiteur Gaillard", "traiteur-gaillard.fr", "Bordeaux", "FR", "Restauration"),
    ("Boulangerie Piron", "boulangerie-piron.be", "Wavre", "BE", "Alimentation"),
    ("Mutualité Solidaris Namur", "solidaris-namur.be", "Namur", "BE", "Assurance"),
    ("Université de Mons - Service Événements", "umons-events.be", "Mons", "BE",
     "Enseignement"),
    ("Garage Collignon", "garage-collignon.be", "Arlon", "BE", "Automobile"),
    ("Studio Graphique Hennuy", "studio-hennuy.be", "Tournai", "BE", "Design"),
    ("Immo Wauters BV", "immo-wauters.be", "Leuven", "BE", "Immobilier"),
    ("Kinepolis Events Demo", "events-demo.be", "Gent", "BE", "Loisirs"),
    ("Agence Voyages Soleil", "voyages-soleil.fr", "Marseille", "FR", "Tourisme"),
    ("Clinique vétérinaire des Tilleuls", "veto-tilleuls.fr", "Nantes", "FR", "Santé animale"),
    ("Verhaegen Logistics NV", "verhaegen-logistics.be", "Antwerpen", "BE", "Logistique"),
    ("Pharmacie Centrale Ixelles", "pharma-ixelles.be", "Ixelles", "BE", "Pharmacie"),
    ("Bureau d'études Renard", "be-renard.fr", "Metz", "FR", "Ingénierie"),
]
JOB_TITLES = [
    "Responsable achats", "Directrice générale", "Office manager", "Assistante de direction",
    "Aankoopverantwoordelijke", "Zaakvoerder", "Event manager", "Chargé de communication",
    "Head of Procurement", "Directeur administratif et financier", "Préfet des études",
    "Responsable RH", "Marketing manager", "Gérant", "IT-coördinator", "Comptable",
]
LEAD_SOURCES = ["salon", "site web", "LinkedIn", "recommandation", "appel entrant", "webinaire"]
TAGS = ["prospect chaud", "client", "newsletter", "événementiel", "secteur public", "PME"]

TICKET_SUBJECTS = [
    "Problème de paiement", "Réservation introuvable", "Demande de facture",
    "Annulation d'inscription", "Question sur mon compte", "Remboursement",
    "Changement d'adresse", "Bug application mobile", "Vraag over mijn bestelling",
    "Login issue", "Demande d'accès à mes données (RGPD)",
]
#: Ticket bodies with no personal data at all.
TICKET_NO_PII = [
    "Bonjour, la réservation de la salle ne s'affiche plus dans mon espace client. Merci.",
    "L'application plante quand j'ouvre l'onglet Événements (version 10.2.0.1).",
    "Le paiement a été refusé deux fois alors que ma carte est valide. Pouvez-vous vérifier ?",
    "Goedemiddag, mijn bestelling is nog niet geleverd. Kunt u de status nakijken?",
    "Hello, the invoice PDF link returns an error 404.",
    "Je souhaite annuler mon inscription à l'événement de samedi.",
    "Est-il possible de modifier la date de ma location sans frais ?",
]
#: Ticket bodies quoting the customer's own contact details ({email}, {phone}).
TICKET_OWN_PII = [
    "Bonjour, vous pouvez me rappeler au {phone} entre 9h et 12h. Bien à vous, {first} {last}",
    "Merci de mettre à jour mon adresse e-mail : {email}. Cordialement, {first}",
    "Hi, please reach me at {email} or {phone}. Thanks, {first} {last}",
    "Mijn telefoonnummer is gewijzigd, het nieuwe nummer is {phone}. Groeten, {first}",
    "Je n'ai pas reçu la facture de la commande {order}. Mon adresse : {email}",
]
#: Ticket bodies naming someone else ({other_first}, {other_last}, {other_email}, ...).
TICKET_OTHER_PII = [
    "Ma collègue {other_first} {other_last} ({other_email}) n'a pas reçu sa confirmation.",
    "J'ai réservé pour {other_first} {other_last}, son numéro est le {other_phone}.",
    "Please send the receipt to my partner {other_first} at {other_email}, not to me.",
    "Mijn zus {other_first} {other_last} wil zich ook inschrijven, haar nummer: {other_phone}.",
]
REGISTRATION_NOTES = [
    "", "", "", "", "Arrivée vers 19h", "Je viens avec {other_first}",
    "Besoin d'une place de parking", "Accompagné(e) de {other_first} {other_last}",
    "Facture au nom de la société", "",
]
NEWSLETTER_COMMENTS = ["", "", "", "", "", "", "", "inscrit au salon", "ancien client",
                       "préfère le format papier"]
#: A quoted field spanning two physical lines: record numbers and line numbers diverge.
NEWSLETTER_MULTILINE = "désabonné puis réinscrit\nvia le formulaire"
PAGES = [
    "/", "/fr/evenements", "/fr/evenements/{n}", "/fr/salles", "/fr/salles/{n}",
    "/nl/evenementen/{n}", "/fr/boutique/produit/{n}", "/fr/panier", "/fr/compte",
    "/fr/compte/commandes", "/fr/paiement", "/en/rooms/{n}", "/fr/contact", "/blog/rgpd-pme",
]
REFERRERS = ["", "https://www.google.com/", "https://www.google.be/", "https://www.facebook.com/",
             "https://www.instagram.com/", "https://www.linkedin.com/", "https://www.bing.com/"]
SEARCH_QUERIES = ["salle réunion liège", "soirée networking", "festival été", "padel wavre",
                  "team building ardennes", "cours néerlandais", "carte cadeau"]
