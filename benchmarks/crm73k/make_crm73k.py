#!/usr/bin/env python3
"""Generate the crm73k held-out benchmark: crm73k.sqlite + crm73k.labels.yaml.

A merged multilingual CRM of "Calorix", a European company that sells and
services heating products (heat pumps, boilers, connected thermostats) in
France, Germany and Spain. Column names are French, German, Spanish and
English, as a CRM would have after acquisitions.

Standard library only, Python 3.11+, fixed random seed: the output is the same
on every run. The script checks itself and exits non-zero if a check fails.

    python benchmarks/crm73k/make_crm73k.py
"""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import sqlite3
import sys
import unicodedata
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DB_PATH = os.path.join(HERE, "crm73k.sqlite")
LABELS_PATH = os.path.join(HERE, "crm73k.labels.yaml")

SEED = 73_2025
rng = random.Random(SEED)

ALLOWED = {
    "user.account.username", "user.authorization.credentials", "user.authorization.password",
    "user.behavior.browsing_history", "user.behavior.search_history", "user.contact.address",
    "user.contact.address.city", "user.contact.address.country", "user.contact.address.postal_code",
    "user.contact.address.state", "user.contact.address.street", "user.contact.email",
    "user.contact.fax_number", "user.contact.phone_number", "user.contact.url",
    "user.content.private", "user.content.self_image", "user.demographic",
    "user.demographic.age_range", "user.demographic.date_of_birth", "user.demographic.gender",
    "user.demographic.language", "user.demographic.marital_status",
    "user.demographic.religious_belief", "user.device", "user.device.cookie_id",
    "user.device.device_id", "user.device.ip_address", "user.financial.bank_account",
    "user.financial.credit_card", "user.government_id.drivers_license_number",
    "user.government_id.national_identification_number", "user.government_id.passport_number",
    "user.health_and_medical", "user.health_and_medical.insurance_beneficiary_id",
    "user.health_and_medical.record_id", "user.job_title", "user.location.imprecise",
    "user.location.precise", "user.name", "user.name.first", "user.name.last",
    "user.privacy_preferences", "user.unique_id", "user.workplace",
}

# Label shorthands
U = "user."
DECOY = "DECOY"
FREE = "FREE"          # free text: categories computed from what was written
NONE: list[str] = []

# ---------------------------------------------------------------------------
# Hand-written reference lists
# ---------------------------------------------------------------------------

FR_FIRST_M = ["Jean", "Pierre", "François", "Jérôme", "Benoît", "Théo", "Noël", "Loïc",
              "Aurélien", "Cédric", "Stéphane", "Hervé", "Raphaël", "Gaël", "Mathéo",
              "Nicolas", "Julien", "Émile", "Grégoire", "Maxime", "Frédéric", "Thierry",
              "Sébastien", "Jérémie", "Clément", "Léon", "Hugo", "Bruno", "Rémi", "Étienne"]
FR_FIRST_F = ["Élodie", "Hélène", "Chloé", "Léa", "Zoé", "Maëlle", "Gaëlle", "Mélanie",
              "Céline", "Amélie", "Inès", "Clémence", "Agnès", "Béatrice", "Noémie",
              "Océane", "Françoise", "Geneviève", "Sophie", "Camille", "Manon", "Anaïs",
              "Valérie", "Sylvie", "Nathalie", "Margaux", "Louise", "Capucine", "Jöelle", "Aurélie"]
FR_LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
           "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "David", "Bertrand",
           "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont",
           "Lambert", "Bonnet", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
           "Henry", "Roussel", "Perrin", "Mathieu", "Gauthier", "Dumont", "Fontaine",
           "Chevalier", "Robin", "Masson", "Gérard", "Nguyen", "Boyer", "Lemaire", "Duval",
           "Joly", "Roche", "Marchand", "Dufour", "Blanchard", "Barbier", "Brunet", "Leroux",
           "Colin", "Renard", "Arnaud", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal",
           "Bourgeois", "Lemoine", "Picard", "Lacroix", "Dupuis", "Lecomte", "Côté", "Hébert",
           "Bénard", "Pelletier", "Thébault", "Prévost", "Béranger", "Ménard", "Lévêque",
           "Chrétien", "Bélanger", "Desprès", "Delaunay", "Daoudi", "Benali", "Le Gall",
           "Kerbrat", "Santoni", "Fabre", "Mérieux", "Ouédraogo"]
DE_FIRST_M = ["Jürgen", "Jörg", "Günther", "Björn", "Lukas", "Maximilian", "Felix", "Jonas",
              "Tobias", "Matthias", "Stefan", "Andreas", "Thomas", "Michael", "Klaus", "Uwe",
              "Dieter", "Wolfgang", "Sönke", "Malte", "Niklas", "Jan", "Florian", "Sebastian",
              "Henrik", "Rüdiger", "Götz", "Ömer", "Horst", "Bernd"]
DE_FIRST_F = ["Anna", "Lena", "Sophie", "Hannah", "Marie", "Ursula", "Monika", "Sabine",
              "Petra", "Birgit", "Katrin", "Anke", "Jutta", "Brigitte", "Käthe", "Dörte",
              "Mareike", "Svenja", "Franziska", "Johanna", "Lea", "Greta", "Heike", "Susanne",
              "Bärbel", "Gisela", "Renate", "Lüdia", "Ayşe", "Gül"]
DE_LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
           "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
           "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann",
           "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
           "Kaiser", "Fuchs", "Peters", "Scholz", "Möller", "Weiß", "Jung", "Hahn",
           "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Berger", "Winkler", "Roth",
           "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Ludwig", "Böhm",
           "Winter", "Kraus", "Schumacher", "Krämer", "Vogt", "Jäger", "Sommer", "Groß",
           "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler",
           "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Voigt", "Pfeiffer",
           "Strauß", "Meißner", "Eßer", "Öztürk", "Yılmaz", "Nowak", "Kowalski", "Großmann"]
ES_FIRST_M = ["José", "Antonio", "Manuel", "Francisco", "Juan", "David", "Javier", "Daniel",
              "Carlos", "Jesús", "Alejandro", "Miguel", "Rafael", "Pablo", "Sergio", "Fernando",
              "Jorge", "Luis", "Álvaro", "Adrián", "Íñigo", "Iker", "Óscar", "Rubén", "Raúl",
              "Andrés", "Joaquín", "Ramón", "Jordi", "Xavier"]
ES_FIRST_F = ["María", "Carmen", "Ana", "Isabel", "Laura", "Lucía", "Cristina", "Marta",
              "Sofía", "Elena", "Paula", "Raquel", "Begoña", "Nuria", "Montserrat", "Ainhoa",
              "Itziar", "Inés", "Rocío", "Pilar", "Mercedes", "Concepción", "Ángela",
              "Verónica", "Mónica", "Beatriz", "Alba", "Noelia", "Irene", "Núria"]
ES_LAST = ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez",
           "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno",
           "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres",
           "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina",
           "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín",
           "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo", "Santos",
           "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego",
           "León", "Márquez", "Herrera", "Peña", "Flores", "Cabrera", "Campos", "Vega",
           "Fuentes", "Carrasco", "Caballero", "Reyes", "Nieto", "Aguilar", "Pascual",
           "Santana", "Herrero", "Lorenzo", "Montero", "Hidalgo", "Giménez", "Ibáñez",
           "Ferrer", "Durán", "Santiago", "Benítez", "Mora", "Vicente", "Vargas", "Arias",
           "Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Soler", "Parra",
           "Etxeberria", "Goikoetxea", "Puig", "Vilà", "Otxoa", "Castañeda"]

FR_STREETS = ["rue de la République", "avenue Jean-Jaurès", "boulevard Haussmann",
              "rue Saint-Honoré", "rue Victor-Hugo", "place Bellecour", "chemin des Écoliers",
              "rue de l'Église", "allée des Peupliers", "impasse des Tilleuls",
              "rue du Général-Leclerc", "avenue de la Libération", "rue Pasteur",
              "quai de la Saône", "rue des Écoles", "boulevard Gambetta", "rue Émile-Zola",
              "avenue Foch", "rue de la Gare", "rue du Château", "rue Molière",
              "cours Mirabeau", "rue Sainte-Catherine", "rue des Prés", "route de Genève",
              "rue du Faubourg-Saint-Antoine", "place du Marché", "rue Léon-Blum",
              "avenue du Maréchal-Foch", "rue André-Malraux", "rue des Frères-Lumière",
              "chemin de la Côte", "rue Pierre-Brossolette", "boulevard de l'Hôpital"]
DE_STREETS = ["Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße",
              "Bergstraße", "Birkenweg", "Lindenstraße", "Kirchstraße", "Waldstraße",
              "Ringstraße", "Schillerstraße", "Goethestraße", "Mühlenweg", "Königsallee",
              "Friedrichstraße", "Am Südhang", "Rosenweg", "Blumenstraße", "Jahnstraße",
              "Mozartstraße", "Lessingstraße", "Beethovenstraße", "Schloßstraße",
              "Uhlandstraße", "Fliederweg", "Am Mühlbach", "Lärchenweg", "Hölderlinweg",
              "Brückenstraße", "Marktplatz", "Karl-Marx-Straße", "Theodor-Heuss-Ring",
              "Zur Alten Ziegelei", "Große Bleichen", "Weißdornweg"]
ES_STREETS = ["Calle Mayor", "Calle de Alcalá", "Gran Vía", "Avenida de la Constitución",
              "Plaza de España", "Calle de Núñez de Balboa", "Paseo de la Castellana",
              "Calle Real", "Avenida de Andalucía", "Calle del Carmen", "Calle San Sebastián",
              "Calle de la Iglesia", "Calle Nueva", "Avenida del Puerto", "Calle de Cervantes",
              "Camino de Ronda", "Calle Sol", "Calle Luna", "Ronda de Toledo", "Calle de Goya",
              "Calle de Velázquez", "Passeig de Gràcia", "Carrer de Mallorca", "Rúa do Franco",
              "Kale Nagusia", "Calle Ibáñez de Bilbao", "Calle Doña Jimena",
              "Avenida de Logroño", "Calle Zurbarán", "Calle de Peñalver", "Travesía del Niño Jesús"]

# city, region/state, postcode range, NIR dept (FR) / area code (DE, ES), lat, lon
FR_CITIES = [
    ("Paris", "Île-de-France", (75001, 75020), "75", "01", 48.8566, 2.3522),
    ("Lyon", "Auvergne-Rhône-Alpes", (69001, 69009), "69", "04", 45.7640, 4.8357),
    ("Marseille", "Provence-Alpes-Côte d'Azur", (13001, 13016), "13", "04", 43.2965, 5.3698),
    ("Toulouse", "Occitanie", (31000, 31500), "31", "05", 43.6047, 1.4442),
    ("Bordeaux", "Nouvelle-Aquitaine", (33000, 33800), "33", "05", 44.8378, -0.5792),
    ("Lille", "Hauts-de-France", (59000, 59800), "59", "03", 50.6292, 3.0573),
    ("Nantes", "Pays de la Loire", (44000, 44300), "44", "02", 47.2184, -1.5536),
    ("Strasbourg", "Grand Est", (67000, 67200), "67", "03", 48.5734, 7.7521),
    ("Rennes", "Bretagne", (35000, 35700), "35", "02", 48.1173, -1.6778),
    ("Montpellier", "Occitanie", (34000, 34090), "34", "04", 43.6108, 3.8767),
    ("Nice", "Provence-Alpes-Côte d'Azur", (6000, 6300), "06", "04", 43.7102, 7.2620),
    ("Dijon", "Bourgogne-Franche-Comté", (21000, 21000), "21", "03", 47.3220, 5.0415),
    ("Grenoble", "Auvergne-Rhône-Alpes", (38000, 38100), "38", "04", 45.1885, 5.7245),
    ("Orléans", "Centre-Val de Loire", (45000, 45100), "45", "02", 47.9030, 1.9093),
    ("Rouen", "Normandie", (76000, 76100), "76", "02", 49.4432, 1.0999),
    ("Ajaccio", "Corse", (20000, 20090), "2A", "04", 41.9192, 8.7386),
    ("Bastia", "Corse", (20200, 20600), "2B", "04", 42.6977, 9.4508),
    ("Clermont-Ferrand", "Auvergne-Rhône-Alpes", (63000, 63100), "63", "04", 45.7772, 3.0870),
    ("Besançon", "Bourgogne-Franche-Comté", (25000, 25000), "25", "03", 47.2378, 6.0241),
    ("Saint-Étienne", "Auvergne-Rhône-Alpes", (42000, 42100), "42", "04", 45.4397, 4.3872),
]
DE_CITIES = [
    ("Berlin", "Berlin", (10115, 14199), None, "030", 52.5200, 13.4050),
    ("Hamburg", "Hamburg", (20095, 22769), None, "040", 53.5511, 9.9937),
    ("München", "Bayern", (80331, 81929), None, "089", 48.1351, 11.5820),
    ("Köln", "Nordrhein-Westfalen", (50667, 51149), None, "0221", 50.9375, 6.9603),
    ("Frankfurt am Main", "Hessen", (60306, 60599), None, "069", 50.1109, 8.6821),
    ("Stuttgart", "Baden-Württemberg", (70173, 70629), None, "0711", 48.7758, 9.1829),
    ("Düsseldorf", "Nordrhein-Westfalen", (40210, 40629), None, "0211", 51.2277, 6.7735),
    ("Leipzig", "Sachsen", (4103, 4357), None, "0341", 51.3397, 12.3731),
    ("Dresden", "Sachsen", (1067, 1328), None, "0351", 51.0504, 13.7373),
    ("Nürnberg", "Bayern", (90402, 90491), None, "0911", 49.4521, 11.0767),
    ("Hannover", "Niedersachsen", (30159, 30669), None, "0511", 52.3759, 9.7320),
    ("Bremen", "Bremen", (28195, 28779), None, "0421", 53.0793, 8.8017),
    ("Münster", "Nordrhein-Westfalen", (48143, 48167), None, "0251", 51.9607, 7.6261),
    ("Freiburg im Breisgau", "Baden-Württemberg", (79098, 79117), None, "0761", 47.9990, 7.8421),
    ("Lübeck", "Schleswig-Holstein", (23552, 23570), None, "0451", 53.8655, 10.6866),
    ("Mainz", "Rheinland-Pfalz", (55116, 55131), None, "06131", 49.9929, 8.2473),
    ("Saarbrücken", "Saarland", (66111, 66133), None, "0681", 49.2402, 6.9969),
    ("Erfurt", "Thüringen", (99084, 99099), None, "0361", 50.9848, 11.0299),
    ("Rostock", "Mecklenburg-Vorpommern", (18055, 18147), None, "0381", 54.0924, 12.0991),
    ("Potsdam", "Brandenburg", (14467, 14482), None, "0331", 52.3906, 13.0645),
    ("Magdeburg", "Sachsen-Anhalt", (39104, 39130), None, "0391", 52.1205, 11.6276),
    ("Würzburg", "Bayern", (97070, 97084), None, "0931", 49.7913, 9.9534),
    ("Göttingen", "Niedersachsen", (37073, 37085), None, "0551", 51.5413, 9.9158),
]
ES_CITIES = [
    ("Madrid", "Madrid", (28001, 28055), None, "91", 40.4168, -3.7038),
    ("Barcelona", "Barcelona", (8001, 8042), None, "93", 41.3874, 2.1686),
    ("Valencia", "Valencia", (46001, 46026), None, "96", 39.4699, -0.3763),
    ("Sevilla", "Sevilla", (41001, 41020), None, "95", 37.3891, -5.9845),
    ("Zaragoza", "Zaragoza", (50001, 50021), None, "976", 41.6488, -0.8891),
    ("Málaga", "Málaga", (29001, 29018), None, "95", 36.7213, -4.4214),
    ("Bilbao", "Bizkaia", (48001, 48015), None, "94", 43.2630, -2.9350),
    ("A Coruña", "A Coruña", (15001, 15011), None, "981", 43.3623, -8.4115),
    ("Valladolid", "Valladolid", (47001, 47016), None, "983", 41.6523, -4.7245),
    ("Palma", "Illes Balears", (7001, 7015), None, "971", 39.5696, 2.6502),
    ("Las Palmas de Gran Canaria", "Las Palmas", (35001, 35019), None, "928", 28.1235, -15.4363),
    ("Murcia", "Murcia", (30001, 30012), None, "968", 37.9922, -1.1307),
    ("Alicante", "Alicante", (3001, 3016), None, "965", 38.3452, -0.4810),
    ("Córdoba", "Córdoba", (14001, 14014), None, "957", 37.8882, -4.7794),
    ("Granada", "Granada", (18001, 18015), None, "958", 37.1773, -3.5986),
    ("Donostia-San Sebastián", "Gipuzkoa", (20001, 20018), None, "943", 43.3183, -1.9812),
    ("Pamplona", "Navarra", (31001, 31016), None, "948", 42.8125, -1.6458),
    ("Oviedo", "Asturias", (33001, 33013), None, "985", 43.3603, -5.8448),
    ("Salamanca", "Salamanca", (37001, 37009), None, "923", 40.9701, -5.6635),
    ("Logroño", "La Rioja", (26001, 26009), None, "941", 42.4627, -2.4450),
    ("Cádiz", "Cádiz", (11001, 11012), None, "956", 36.5271, -6.2886),
    ("Santander", "Cantabria", (39001, 39012), None, "942", 43.4623, -3.8099),
]
CITIES = {"FR": FR_CITIES, "DE": DE_CITIES, "ES": ES_CITIES}
FIRST = {"FR": (FR_FIRST_M, FR_FIRST_F), "DE": (DE_FIRST_M, DE_FIRST_F), "ES": (ES_FIRST_M, ES_FIRST_F)}
LAST = {"FR": FR_LAST, "DE": DE_LAST, "ES": ES_LAST}
COUNTRY_NAME = {"FR": "France", "DE": "Deutschland", "ES": "España"}
CITY_SHORT = {"Las Palmas de Gran Canaria": "Canarias", "Frankfurt am Main": "Frankfurt",
              "Freiburg im Breisgau": "Freiburg", "Donostia-San Sebastián": "Donostia",
              "A Coruña": "Coruña", "Clermont-Ferrand": "Auvergne"}

FR_JOBS = ["Infirmière", "Enseignant", "Comptable", "Ingénieur logiciel", "Artisan boulanger",
           "Pharmacienne", "Chef de projet", "Agent immobilier", "Aide-soignante",
           "Conducteur de bus", "Architecte", "Cadre bancaire", "Électricien", "Kinésithérapeute"]
DE_JOBS = ["Lehrerin", "Softwareentwickler", "Elektriker", "Krankenpfleger", "Steuerberaterin",
           "Bauingenieur", "Einzelhandelskauffrau", "Polizeibeamter", "Industriemechaniker",
           "Sachbearbeiterin", "Zahnärztin", "Busfahrer", "Projektleiter", "Erzieherin"]
ES_JOBS = ["Enfermera", "Profesor de secundaria", "Abogada", "Administrativo",
           "Médico de familia", "Electricista", "Arquitecta", "Camarero", "Funcionaria",
           "Ingeniero de caminos", "Farmacéutica", "Comercial", "Fisioterapeuta", "Conductor"]
JOBS = {"FR": FR_JOBS, "DE": DE_JOBS, "ES": ES_JOBS}
EMPLOYERS = {
    "FR": ["SNCF", "Airbus Opérations SAS", "Hôpital Édouard-Herriot", "Mairie de Lyon",
           "Crédit Agricole", "Carrefour Market", "Éducation nationale", "Boulangerie Lefèvre",
           "La Poste", "Michelin", "CHU de Rennes", "Décathlon", "Orange SA"],
    "DE": ["Deutsche Bahn AG", "Siemens AG", "Stadtwerke München", "Universitätsklinikum Köln",
           "Robert Bosch GmbH", "Aldi Süd", "Landratsamt Würzburg", "Bäckerei Köhler",
           "Deutsche Post DHL", "BASF SE", "Sparkasse Leipzig", "Grundschule am Südpark"],
    "ES": ["Mercadona", "Telefónica", "Servicio Andaluz de Salud", "Ayuntamiento de Madrid",
           "Inditex", "Iberdrola", "El Corte Inglés", "Banco Santander", "Renfe",
           "Colegio San José", "Osakidetza", "Seat S.A."],
}
MARITAL = {"FR": ["marié(e)", "célibataire", "pacsé(e)", "divorcé(e)", "veuf/veuve"],
           "DE": ["verheiratet", "ledig", "geschieden", "verwitwet", "eingetragene Partnerschaft"],
           "ES": ["casado/a", "soltero/a", "divorciado/a", "viudo/a", "pareja de hecho"]}
CIVILITE = {"FR": ("M.", "Mme"), "DE": ("Herr", "Frau"), "ES": ("Sr.", "Sra.")}
LANG = {"FR": ["fr-FR", "fr-FR", "fr-FR", "fr", "br-FR"], "DE": ["de-DE", "de-DE", "de", "tr-DE"],
        "ES": ["es-ES", "es-ES", "es", "ca-ES", "eu-ES", "gl-ES"]}
MAIL_DOMAINS = {"FR": ["gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "hotmail.fr"],
                "DE": ["gmail.com", "web.de", "gmx.de", "t-online.de", "gmx.net", "posteo.de", "outlook.de"],
                "ES": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es", "icloud.com"]}

# ---------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------

def nir_key(num13: str) -> int:
    n = int(num13.replace("2A", "19").replace("2B", "18"))
    return 97 - (n % 97)


def nir_valid(s: str) -> bool:
    s = s.replace(" ", "")
    if len(s) != 15:
        return False
    return nir_key(s[:13]) == int(s[13:])


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_valid(s: str) -> bool:
    s = s.replace(".", "").replace("-", "").replace(" ", "").upper()
    if len(s) != 9:
        return False
    body = s[:8]
    if body[0] in "XYZ":
        body = str("XYZ".index(body[0])) + body[1:]
    if not body.isdigit():
        return False
    return DNI_LETTERS[int(body) % 23] == s[8]


def mod11_10(digits: str) -> int:
    """ISO 7064 MOD 11,10 check digit (German Steuer-IdNr, USt-IdNr)."""
    product = 10
    for ch in digits:
        s = (int(ch) + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    c = 11 - product
    return 0 if c == 10 else c


def steuerid_valid(s: str) -> bool:
    s = s.replace(" ", "")
    if len(s) != 11 or not s.isdigit() or s[0] == "0":
        return False
    counts = [s[:10].count(d) for d in "0123456789"]
    if sorted(c for c in counts if c > 1) not in ([2], [3]):
        return False
    return mod11_10(s[:10]) == int(s[10])


def iban_valid(s: str) -> bool:
    s = s.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    r = s[4:] + s[:4]
    n = "".join(str(int(c, 36)) for c in r)
    return int(n) % 97 == 1


def iban_make(country: str, bban: str) -> str:
    n = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(n) % 97:02d}{bban}"


def ean13_check(d12: str) -> int:
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d12))
    return (10 - s % 10) % 10


def ean_valid(s: str) -> bool:
    return len(s) == 13 and s.isdigit() and ean13_check(s[:12]) == int(s[12])


def luhn_ok(s: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def es_cif_control(d7: str) -> int:
    even = sum(int(d7[i]) for i in (1, 3, 5))
    odd = 0
    for i in (0, 2, 4, 6):
        x = int(d7[i]) * 2
        odd += x // 10 + x % 10
    return (10 - (even + odd) % 10) % 10


def vat_valid(s: str) -> bool:
    if s.startswith("FR"):
        siren = s[4:]
        return len(siren) == 9 and luhn_ok(siren) and int(s[2:4]) == (12 + 3 * (int(siren) % 97)) % 97
    if s.startswith("DE"):
        d = s[2:]
        return len(d) == 9 and d[0] != "0" and mod11_10(d[:8]) == int(d[8])
    if s.startswith("ES"):
        return s[2] in "AB" and es_cif_control(s[3:10]) == int(s[10])
    return False


# ---------------------------------------------------------------------------
# Value makers
# ---------------------------------------------------------------------------

def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def ascii_fold(s: str) -> str:
    s = (s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
         .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ı", "i")
         .replace("ş", "s").replace("Ş", "S"))
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


def person(cc: str) -> dict:
    female = rng.random() < 0.5
    first = rng.choice(FIRST[cc][1 if female else 0])
    if cc == "ES":
        last = rng.choice(ES_LAST) + " " + rng.choice(ES_LAST)
    elif cc == "FR" and rng.random() < 0.04:
        last = rng.choice(FR_LAST) + "-" + rng.choice(FR_LAST)
    else:
        last = rng.choice(LAST[cc])
    return {"cc": cc, "female": female, "first": first, "last": last}


def full_name(p: dict) -> str:
    return f"{p['first']} {p['last']}"


def other_name(cc: str) -> str:
    return full_name(person(cc))


def email_for(p: dict, domain: str | None = None) -> str:
    f, l = slug(p["first"]), slug(p["last"].split(" ")[0].split("-")[0])
    style = rng.randrange(6)
    if style == 0:
        local = f"{f}.{l}"
    elif style == 1:
        local = f"{f[0]}.{l}"
    elif style == 2:
        local = f"{f}{l}{rng.randrange(1, 99)}"
    elif style == 3:
        local = f"{l}.{f}"
    elif style == 4:
        local = f"{f}_{l}"
    else:
        local = f"{f[0]}{l}{rng.choice(['', '74', '1981', '.home', '2'])}"
    return f"{local}@{domain or rng.choice(MAIL_DOMAINS[p['cc']])}"


def mobile(cc: str, intl: bool | None = None) -> str:
    if intl is None:
        intl = rng.random() < 0.4
    if cc == "FR":
        n = rng.choice("67") + digits(8)
        pairs = [n[1:3], n[3:5], n[5:7], n[7:9]]
        if intl:
            return rng.choice([f"+33 {n[0]} {' '.join(pairs)}", f"+33{n}", f"0033 {n[0]} {' '.join(pairs)}",
                               f"+33 (0){n[0]} {' '.join(pairs)}"])
        return rng.choice([f"0{n[0]} {' '.join(pairs)}", f"0{n}", f"0{n[0]}.{'.'.join(pairs)}",
                           f"0{n[0]}-{'-'.join(pairs)}"])
    if cc == "DE":
        pre = rng.choice(["151", "152", "157", "160", "162", "170", "171", "172", "173", "174",
                          "175", "176", "177", "178", "179", "159"])
        rest = digits(rng.choice([7, 8]))
        if intl:
            return rng.choice([f"+49 {pre} {rest}", f"+49{pre}{rest}", f"+49 (0){pre} {rest}",
                               f"0049 {pre} {rest}", f"+49 {pre} {rest[:4]} {rest[4:]}"])
        return rng.choice([f"0{pre} {rest}", f"0{pre}/{rest}", f"0{pre}-{rest}", f"0{pre}{rest}",
                           f"0{pre} {rest[:4]} {rest[4:]}"])
    n = rng.choice("67") + digits(8)
    if intl:
        return rng.choice([f"+34 {n[:3]} {n[3:6]} {n[6:]}", f"+34{n}", f"0034 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}",
                           f"+34 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}"])
    return rng.choice([f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}"])


def landline(cc: str, city: tuple, intl: bool | None = None) -> str:
    if intl is None:
        intl = rng.random() < 0.3
    area = city[4]
    if cc == "FR":
        n = area[1] + digits(8)
        pairs = [n[1:3], n[3:5], n[5:7], n[7:9]]
        if intl:
            return rng.choice([f"+33 {n[0]} {' '.join(pairs)}", f"+33{n}"])
        return rng.choice([f"0{n[0]} {' '.join(pairs)}", f"0{n}", f"0{n[0]}.{'.'.join(pairs)}"])
    if cc == "DE":
        rest = digits(max(5, 10 - len(area) + rng.choice([0, 1])))
        a = area[1:]
        if intl:
            return rng.choice([f"+49 {a} {rest}", f"+49 (0){a} {rest}", f"+49{a}{rest}"])
        return rng.choice([f"{area} {rest}", f"{area}/{rest}", f"({area}) {rest}", f"{area}-{rest}"])
    n = area + digits(9 - len(area))
    if intl:
        return rng.choice([f"+34 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"+34{n}"])
    return rng.choice([f"{n[:2]} {n[2:5]} {n[5:7]} {n[7:]}", n, f"{n[:3]} {n[3:6]} {n[6:]}"])


def phone(cc: str, city: tuple) -> str:
    return mobile(cc) if rng.random() < 0.65 else landline(cc, city)


def postcode(cc: str, city: tuple) -> str:
    lo, hi = city[2]
    if cc == "FR" and city[0] in ("Paris", "Lyon", "Marseille"):
        v = rng.randint(lo, hi)
    elif cc == "FR":
        v = rng.choice(range(lo, hi + 1, 100 if hi - lo >= 100 else 10))
    else:
        v = rng.randint(lo, hi)
    return f"{v:05d}"


def street_line(cc: str) -> str:
    if cc == "FR":
        num = rng.randint(1, 180)
        suffix = rng.choice(["", "", "", "", " bis", " ter"])
        s = f"{num}{suffix} {rng.choice(FR_STREETS)}"
        if rng.random() < 0.12:
            s = rng.choice(["Appt 12, ", "Bât. B, ", "Résidence Les Érables, ", "Esc. 3, "]) + s
        return s
    if cc == "DE":
        s = f"{rng.choice(DE_STREETS)} {rng.randint(1, 160)}{rng.choice(['', '', '', 'a', 'b', ' c'])}"
        return s
    num = rng.randint(1, 220)
    s = f"{rng.choice(ES_STREETS)}, {num}"
    if rng.random() < 0.7:
        s += f", {rng.randint(1, 9)}º {rng.choice('ABCD') if rng.random() < .8 else 'izda.'}"
    return s


def full_address(cc: str, city: tuple, pc: str | None = None, street: str | None = None) -> str:
    pc = pc or postcode(cc, city)
    street = street or street_line(cc)
    if cc == "ES":
        return f"{street}, {pc} {city[0]}"
    return f"{street}, {pc} {city[0]}"


def dob(lo=1938, hi=2005) -> dt.date:
    start = dt.date(lo, 1, 1).toordinal()
    end = dt.date(hi, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def make_nir(p: dict, birth: dt.date, city: tuple | None) -> str:
    sex = "2" if p["female"] else "1"
    if city is not None and rng.random() < 0.6:
        dept = city[3]
    else:
        dept = rng.choice(["75", "69", "13", "59", "33", "2A", "2B", "92", "93", "01", "971", "99"])
    if dept == "99":            # born abroad: 99 + country code
        place = "99" + rng.choice(["134", "109", "350", "352", "127"])
    elif len(dept) == 3:        # overseas: 3-digit dept + 2-digit commune
        place = dept + f"{rng.randint(1, 34):02d}"
    else:
        place = dept + f"{rng.randint(1, 900):03d}"
    body = f"{sex}{birth.year % 100:02d}{birth.month:02d}{place}{rng.randint(1, 999):03d}"
    key = nir_key(body)
    s = body + f"{key:02d}"
    if rng.random() < 0.5:
        return f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {s[13:]}"
    return s


def make_dni(nie: bool = False) -> str:
    if nie:
        pre = rng.choice("XYZ")
        body = digits(7)
        letter = DNI_LETTERS[int(str("XYZ".index(pre)) + body) % 23]
        return rng.choice([f"{pre}{body}{letter}", f"{pre}-{body}-{letter}"])
    n = rng.randint(1_000_000, 79_999_999)
    letter = DNI_LETTERS[n % 23]
    s = f"{n:08d}"
    return rng.choice([f"{s}{letter}", f"{s}{letter}", f"{s}-{letter}", f"{s[:2]}.{s[2:5]}.{s[5:]}-{letter}"])


def make_steuerid() -> str:
    while True:
        ds = rng.sample("0123456789", 9)
        dup = rng.choice(ds)
        d = ds + [dup]
        rng.shuffle(d)
        if d[0] == "0":
            continue
        body = "".join(d)
        s = body + str(mod11_10(body))
        if not steuerid_valid(s):
            continue
        if rng.random() < 0.4:
            return f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"
        return s


def national_id(cc: str, p: dict, birth: dt.date, city: tuple) -> str:
    if cc == "FR":
        return make_nir(p, birth, city)
    if cc == "DE":
        return make_steuerid()
    return make_dni(nie=rng.random() < 0.12)


FR_BANKS = ["30004", "30003", "20041", "10278", "11315", "30002", "16006", "18206"]
DE_BANKS = ["10070000", "20050550", "37040044", "50010517", "70150000", "12030000", "43060967", "86055592"]
ES_BANKS = ["2100", "0049", "0182", "0081", "2038", "0128", "3058", "2085"]


def es_dc(s: str) -> int:
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    d = 11 - sum(int(c) * w[i] for i, c in enumerate(s)) % 11
    return 0 if d == 11 else 1 if d == 10 else d


def make_iban(cc: str, grouped: bool | None = None) -> str:
    if cc == "FR":
        bank, guichet, compte = rng.choice(FR_BANKS), digits(5), digits(11)
        key = 97 - (89 * int(bank) + 15 * int(guichet) + 3 * int(compte)) % 97
        bban = f"{bank}{guichet}{compte}{key:02d}"
    elif cc == "DE":
        bban = rng.choice(DE_BANKS) + digits(10)
    else:
        bank, office, acct = rng.choice(ES_BANKS), digits(4), digits(10)
        dc = f"{es_dc('00' + bank + office)}{es_dc(acct)}"
        bban = bank + office + dc + acct
    iban = iban_make(cc, bban)
    if grouped is None:
        grouped = rng.random() < 0.6
    if grouped:
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


def username(p: dict, birth: dt.date | None = None) -> str:
    f, l = slug(p["first"]), slug(p["last"].split(" ")[0].split("-")[0])
    style = rng.randrange(5)
    if style == 0:
        return f"{f[0]}{l}"
    if style == 1:
        return f"{f}.{l[0]}{(birth.year % 100) if birth else rng.randrange(10, 99):02d}"
    if style == 2:
        return f"{l}_{f[:3]}"
    if style == 3:
        return f"{f}{rng.randrange(1, 999)}"
    return f"{f[:2]}{l[:5]}{rng.choice(['', '_fr', '_de', '_es', 'x'])}"


B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B64STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def pw_hash() -> str:
    k = rng.randrange(4)
    if k == 0 or k == 1:
        return f"$2b$12${''.join(rng.choice(B64) for _ in range(53))}"
    if k == 2:
        salt = "".join(rng.choice(B64STD[:-2]) for _ in range(22))
        h = "".join(rng.choice(B64STD[:-2]) for _ in range(43))
        return f"$argon2id$v=19$m=65536,t=3,p=4${salt}${h}"
    salt = "".join(rng.choice(B64STD[:-2]) for _ in range(22))
    h = "".join(rng.choice(B64STD) for _ in range(43)) + "="
    return f"pbkdf2_sha256$600000${salt}${h}"


def rand_uuid() -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def public_ipv4() -> str:
    while True:
        a = rng.randint(2, 223)
        if a in (10, 100, 127, 169, 172, 192, 198, 203):
            continue
        return f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(cc: str) -> str:
    pre = {"FR": ["2a01:cb00", "2a01:e0a", "2001:861"], "DE": ["2003:e6", "2a02:810d", "2a02:8108"],
           "ES": ["2a0c:5a80", "2a02:9130", "2a01:4d8"]}[cc]
    groups = [f"{rng.getrandbits(16):x}" for _ in range(5)]
    return rng.choice(pre) + ":" + ":".join(groups)


def ip_for(cc: str) -> str:
    return ipv6(cc) if rng.random() < 0.22 else public_ipv4()


def version_ip_shaped() -> str:
    """Firmware / app versions with four numeric parts, each <= 255 (decoys)."""
    return f"{rng.randint(1, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 12)}.{rng.randint(1, 250)}"


BASE = dt.datetime(2025, 6, 30, 18, 0, 0)
EPOCH = dt.datetime(1970, 1, 1)


def ts_between(days_back_lo: int, days_back_hi: int) -> dt.datetime:
    secs = rng.randint(days_back_lo * 86400, days_back_hi * 86400)
    return BASE - dt.timedelta(seconds=secs)


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def phone_shaped_ref() -> str:
    """Article references that look like FR/DE/ES phone numbers (decoys)."""
    k = rng.randrange(3)
    if k == 0:
        n = "0" + rng.choice("67") + digits(8)
        return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8:]}"
    if k == 1:
        return f"0{rng.choice(['151', '172', '176', '30', '89'])} {digits(7)}"
    n = rng.choice("69") + digits(8)
    return f"{n[:3]} {n[3:6]} {n[6:]}"


# ---------------------------------------------------------------------------
# Schema with labels (order of columns == CREATE TABLE order)
# ---------------------------------------------------------------------------

def L(*cats: str) -> list[str]:
    return [U + c for c in cats]


SCHEMA: list[tuple[str, str, list[tuple[str, str, object]]]] = [
    ("Standorte", "company sites: warehouses, showrooms and offices (company data, not personal)", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("Bezeichnung", "TEXT NOT NULL", DECOY),
        ("Typ", "TEXT", NONE),
        ("Strasse", "TEXT", DECOY),
        ("PLZ", "TEXT", DECOY),
        ("Ort", "TEXT", DECOY),
        ("Land", "TEXT", DECOY),
        ("Telefonzentrale", "TEXT", DECOY),
        ("Email", "TEXT", DECOY),
        ("IBAN", "TEXT", DECOY),
        ("Breitengrad", "REAL", DECOY),
        ("Laengengrad", "REAL", DECOY),
        ("Oeffnungszeiten", "TEXT", NONE),
    ]),
    ("produits", "product catalogue; references shaped like phone numbers, IP-shaped firmware versions", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("reference", "TEXT UNIQUE", DECOY),
        ("ean", "TEXT", DECOY),
        ("designation", "TEXT", NONE),
        ("gamme", "TEXT", NONE),
        ("descriptif", "TEXT", NONE),
        ("prixHT", "REAL", NONE),
        ("tauxTVA", "REAL", NONE),
        ("version_firmware", "TEXT", DECOY),
        ("poids_kg", "REAL", NONE),
        ("date_lancement", "TEXT", NONE),
    ]),
    ("campanas", "marketing campaigns (Spanish columns; not personal)", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("nombre", "TEXT", NONE),
        ("canal", "TEXT", NONE),
        ("descripcion", "TEXT", NONE),
        ("remitente", "TEXT", DECOY),
        ("url_landing", "TEXT", DECOY),
        ("telefono_info", "TEXT", DECOY),
        ("presupuesto_eur", "REAL", NONE),
        ("fecha_inicio", "TEXT", NONE),
        ("fecha_fin", "TEXT", NONE),
        ("codigo_promo", "TEXT", NONE),
    ]),
    ("empleados", "staff accounts of all three subsidiaries (Spanish columns)", [
        ("id", "INTEGER PRIMARY KEY", L("unique_id")),
        ("usuario", "TEXT UNIQUE", L("account.username")),
        ("hash_contrasena", "TEXT", L("authorization.password")),
        ("nombre_completo", "TEXT", L("name")),
        ("email", "TEXT", L("contact.email")),
        ("telefono_directo", "TEXT", L("contact.phone_number")),
        ("puesto", "TEXT", L("job_title")),
        ("standort_id", "INTEGER REFERENCES Standorte(id)", NONE),
        ("idioma", "TEXT", L("demographic.language")),
        ("documento_identidad", "TEXT", L("government_id.national_identification_number")),
        ("fecha_nacimiento", "TEXT", L("demographic.date_of_birth")),
        ("fecha_alta", "TEXT", DECOY),
        ("activo", "INTEGER", NONE),
        ("ultimo_acceso", "TEXT", NONE),
    ]),
    ("Firmenkunden", "B2B customers: installers and dealers (company data, not personal)", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("Firmenname", "TEXT", DECOY),
        ("Rechtsform", "TEXT", NONE),
        ("UStIdNr", "TEXT", DECOY),
        ("Branche", "TEXT", NONE),
        ("Zentrale", "TEXT", DECOY),
        ("info_email", "TEXT", DECOY),
        ("Straße", "TEXT", DECOY),
        ("PLZ", "TEXT", DECOY),
        ("Ort", "TEXT", DECOY),
        ("Land", "TEXT", DECOY),
        ("Firmen_IBAN", "TEXT", DECOY),
        ("betreuer_id", "INTEGER REFERENCES empleados(id)", L("unique_id")),
        ("Umsatzklasse", "TEXT", NONE),
        ("angelegt_am", "TEXT", NONE),
    ]),
    ("Ansprechpartner", "contact persons at B2B customers (German columns)", [
        ("id", "INTEGER PRIMARY KEY", L("unique_id")),
        ("firma_id", "INTEGER NOT NULL REFERENCES Firmenkunden(id)", NONE),
        ("Anrede", "TEXT", L("demographic.gender")),
        ("Name", "TEXT", L("name")),
        ("Position", "TEXT", L("job_title")),
        ("Abteilung", "TEXT", NONE),
        ("Durchwahl", "TEXT", L("contact.phone_number")),
        ("Mobil", "TEXT", L("contact.phone_number")),
        ("eMail", "TEXT", L("contact.email")),
        ("Sprache", "TEXT", L("demographic.language")),
        ("Geburtstag", "TEXT", L("demographic.date_of_birth")),
        ("erfasst_am", "TEXT", DECOY),
        ("linkedin_url", "TEXT", L("contact.url")),
        ("Newsletter", "INTEGER", L("privacy_preferences")),
    ]),
    ("clients", "consumer customers in FR, DE and ES (French columns, merged master)", [
        ("id", "INTEGER PRIMARY KEY", L("unique_id")),
        ("numeroClient", "TEXT UNIQUE", L("unique_id")),
        ("civilite", "TEXT", L("demographic.gender")),
        ("prenom", "TEXT", L("name.first")),
        ("nom", "TEXT", L("name.last")),
        ("email", "TEXT", L("contact.email")),
        ("telephone", "TEXT", L("contact.phone_number")),
        ("mobile", "TEXT", L("contact.phone_number")),
        ("date_naissance", "TEXT", L("demographic.date_of_birth")),
        ("numero_identite", "TEXT", L("government_id.national_identification_number")),
        ("adresse", "TEXT", L("contact.address.street")),
        ("code_postal", "TEXT", L("contact.address.postal_code")),
        ("ville", "TEXT", L("contact.address.city")),
        ("region", "TEXT", L("contact.address.state")),
        ("pays", "TEXT", L("contact.address.country")),
        ("langue", "TEXT", L("demographic.language")),
        ("iban", "TEXT", L("financial.bank_account")),
        ("titulaire_compte", "TEXT", L("name")),
        ("employeur", "TEXT", L("workplace")),
        ("profession", "TEXT", L("job_title")),
        ("situation_familiale", "TEXT", L("demographic.marital_status")),
        ("login", "TEXT", L("account.username")),
        ("mdp_hash", "TEXT", L("authorization.password")),
        ("optin_newsletter", "INTEGER", L("privacy_preferences")),
        ("date_creation", "TEXT", DECOY),
        ("derniereMaj", "TEXT", NONE),
    ]),
    ("Geraeteregistrierungen", "registered appliances at customers' homes (German columns)", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("kunde_id", "INTEGER NOT NULL REFERENCES clients(id)", L("unique_id")),
        ("produkt_id", "INTEGER NOT NULL REFERENCES produits(id)", NONE),
        ("installateur_id", "INTEGER REFERENCES Firmenkunden(id)", NONE),
        ("geraete_uuid", "TEXT", L("device.device_id")),
        ("MAC_Adresse", "TEXT", L("device.device_id")),
        ("Firmware", "TEXT", DECOY),
        ("Installationsdatum", "TEXT", NONE),
        ("Garantie_bis", "TEXT", NONE),
        ("Installationsort", "TEXT", L("location.imprecise")),
        ("Breitengrad", "REAL", L("location.precise")),
        ("Laengengrad", "REAL", L("location.precise")),
    ]),
    ("web_sessions", "customer portal / app sessions (English columns)", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("client_id", "INTEGER NOT NULL REFERENCES clients(id)", L("unique_id")),
        ("session_cookie", "TEXT", L("device.cookie_id")),
        ("ip_address", "TEXT", L("device.ip_address")),
        ("user_agent", "TEXT", L("device")),
        ("device_id", "TEXT", L("device.device_id")),
        ("app_version", "TEXT", DECOY),
        ("search_query", "TEXT", L("behavior.search_history")),
        ("landing_page", "TEXT", L("behavior.browsing_history")),
        ("created_at", "TEXT", NONE),
        ("expires_at", "TEXT", NONE),
    ]),
    ("pedidos", "orders (Spanish columns); B2C orders set cliente_id, B2B orders firma_id + contacto_id", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("numero_pedido", "TEXT UNIQUE", DECOY),
        ("cliente_id", "INTEGER REFERENCES clients(id)", L("unique_id")),
        ("firma_id", "INTEGER REFERENCES Firmenkunden(id)", NONE),
        ("contacto_id", "INTEGER REFERENCES Ansprechpartner(id)", L("unique_id")),
        ("almacen_id", "INTEGER REFERENCES Standorte(id)", NONE),
        ("campana_id", "INTEGER REFERENCES campanas(id)", NONE),
        ("fecha_pedido", "TEXT", NONE),
        ("estado", "TEXT", NONE),
        ("canal", "TEXT", NONE),
        ("importe_total", "REAL", NONE),
        ("moneda", "TEXT", NONE),
        ("destinatario", "TEXT", L("name")),
        ("direccion_envio", "TEXT", L("contact.address")),
        ("telefono_entrega", "TEXT", L("contact.phone_number")),
        ("observaciones", "TEXT", FREE),
        ("ip_cliente", "TEXT", L("device.ip_address")),
        ("codigo_seguimiento", "TEXT", DECOY),
        ("created_at", "TEXT", NONE),
    ]),
    ("lineas_pedido", "order lines (not personal); SKU copies of the phone-shaped references", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("pedido_id", "INTEGER NOT NULL REFERENCES pedidos(id)", NONE),
        ("producto_id", "INTEGER NOT NULL REFERENCES produits(id)", NONE),
        ("codigo_sku", "TEXT", DECOY),
        ("cantidad", "INTEGER", NONE),
        ("precioUnitario", "REAL", NONE),
        ("descuento_pct", "REAL", NONE),
        ("iva_pct", "REAL", NONE),
    ]),
    ("tickets_support", "support tickets (French columns); description is free text in FR/DE/ES", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("numero_ticket", "TEXT UNIQUE", NONE),
        ("client_id", "INTEGER NOT NULL REFERENCES clients(id)", L("unique_id")),
        ("produit_id", "INTEGER REFERENCES produits(id)", NONE),
        ("agent_id", "INTEGER REFERENCES empleados(id)", L("unique_id")),
        ("canal", "TEXT", NONE),
        ("sujet", "TEXT", NONE),
        ("description", "TEXT", FREE),
        ("priorite", "TEXT", NONE),
        ("statut", "TEXT", NONE),
        ("repondre_a", "TEXT", DECOY),
        ("note_satisfaction", "INTEGER", NONE),
        ("ouvert_le", "TEXT", NONE),
        ("ferme_le", "TEXT", NONE),
    ]),
    ("Anrufnotizen", "call-centre notes (German columns); Notiz is free text in DE/FR/ES", [
        ("id", "INTEGER PRIMARY KEY", NONE),
        ("kunde_id", "INTEGER NOT NULL REFERENCES clients(id)", L("unique_id")),
        ("mitarbeiter_id", "INTEGER NOT NULL REFERENCES empleados(id)", L("unique_id")),
        ("Anrufzeit", "TEXT", NONE),
        ("DauerSek", "INTEGER", NONE),
        ("Richtung", "TEXT", NONE),
        ("Hotline", "TEXT", DECOY),
        ("Rückrufnummer", "TEXT", L("contact.phone_number")),
        ("Notiz", "TEXT", FREE),
        ("Stimmung", "TEXT", NONE),
    ]),
]

PERSON_TABLES = {"clients", "Ansprechpartner", "empleados"}

# Free-text categories recorded as they are written: (table, column) -> set
FREE_CATS: dict[tuple[str, str], set[str]] = {}
# Free-text counters: (table, column) -> [rows with text, rows with personal data]
FREE_STATS: dict[tuple[str, str], list[int]] = {}
# IBANs written inside free text, checked at the end
TEXT_IBANS: list[str] = []


def record(table: str, col: str, cats: set[str], has_text: bool) -> None:
    FREE_CATS.setdefault((table, col), set()).update(cats)
    st = FREE_STATS.setdefault((table, col), [0, 0])
    if has_text:
        st[0] += 1
        if cats:
            st[1] += 1


# ---------------------------------------------------------------------------
# Company reference data
# ---------------------------------------------------------------------------

COMPANY_DOMAIN = {"FR": "calorix.fr", "DE": "calorix.de", "ES": "calorix.es"}
HOTLINES = {"FR": ["0 800 94 12 12", "09 69 32 10 10", "+33 4 72 10 40 00"],
            "DE": ["0800 7235 200", "+49 40 7300 4400", "040 7300 44-0"],
            "ES": ["900 834 112", "+34 910 55 12 00", "91 055 12 00"]}
SUPPORT_BOX = {"FR": ["sav@calorix.fr", "support@calorix.fr", "ne-pas-repondre@calorix.fr"],
               "DE": ["kundendienst@calorix.de", "service@calorix.de", "noreply@calorix.de"],
               "ES": ["atencion.cliente@calorix.es", "soporte@calorix.es", "no-responder@calorix.es"]}

SITES = [
    # name, type, cc, city index, street
    ("Siège social Lyon Gerland", "Büro", "FR", 1, "17 avenue Tony-Garnier"),
    ("Entrepôt Saint-Priest", "Lager", "FR", 1, "ZI Les Chesnes, 40 rue du Dauphiné"),
    ("Showroom Paris Bercy", "Showroom", "FR", 0, "24 cour Saint-Émilion"),
    ("Dépôt Marseille Arnavaux", "Lager", "FR", 2, "112 chemin de la Madrague-Ville"),
    ("Agence Toulouse Basso-Cambo", "Büro", "FR", 3, "5 impasse Louis-Bréguet"),
    ("Plateforme logistique Lille-Lesquin", "Lager", "FR", 5, "CRT 2, rue des Saules"),
    ("Showroom Nantes Beaulieu", "Showroom", "FR", 6, "3 boulevard Alexandre-Millerand"),
    ("Agence Strasbourg Port du Rhin", "Büro", "FR", 7, "8 rue du Havre"),
    ("Atelier SAV Bordeaux Bastide", "Werkstatt", "FR", 4, "61 quai de Queyries"),
    ("Zentrallager Hamburg-Billbrook", "Lager", "DE", 1, "Billbrookdeich 112"),
    ("Deutschlandzentrale Hamburg", "Büro", "DE", 1, "Große Elbstraße 145"),
    ("Showroom München Freimann", "Showroom", "DE", 2, "Lilienthalallee 29"),
    ("Regionallager Köln-Porz", "Lager", "DE", 3, "Frankfurter Straße 666"),
    ("Servicewerkstatt Leipzig", "Werkstatt", "DE", 7, "Torgauer Straße 233"),
    ("Vertriebsbüro Frankfurt", "Büro", "DE", 4, "Hanauer Landstraße 291"),
    ("Showroom Berlin Moabit", "Showroom", "DE", 0, "Kaiserin-Augusta-Allee 5"),
    ("Lager Stuttgart-Feuerbach", "Lager", "DE", 5, "Siemensstraße 140"),
    ("Außenlager Nürnberg Hafen", "Lager", "DE", 9, "Hamburger Straße 90"),
    ("Sede Madrid Méndez Álvaro", "Büro", "ES", 0, "Calle de Méndez Álvaro, 56"),
    ("Almacén Getafe", "Lager", "ES", 0, "Polígono Los Olivos, Calle Innovación, 12"),
    ("Showroom Barcelona Poblenou", "Showroom", "ES", 1, "Carrer de Pere IV, 78"),
    ("Almacén Zona Franca Barcelona", "Lager", "ES", 1, "Carrer 60, 19-25, Sector A"),
    ("Delegación Valencia", "Büro", "ES", 2, "Avenida de las Cortes Valencianas, 39"),
    ("Almacén Sevilla La Negrilla", "Lager", "ES", 3, "Calle Economía, 14, Pol. La Negrilla"),
    ("Taller SAT Bilbao", "Werkstatt", "ES", 6, "Calle Zamakola, 155"),
    ("Delegación Málaga", "Büro", "ES", 5, "Calle Severo Ochoa, 16, PTA"),
    ("Almacén Zaragoza PLAZA", "Lager", "ES", 4, "Calle Osca, 4, Plataforma Logística"),
    ("Showroom Palma Son Castelló", "Showroom", "ES", 9, "Carrer de Gremi Fusters, 33"),
]

OPENING = {"Büro": "Mo–Fr 8:30–17:30", "Lager": "Mo–Fr 6:00–22:00, Sa 6:00–14:00",
           "Showroom": "Di–Sa 10:00–19:00", "Werkstatt": "Mo–Fr 7:30–16:30"}


def company_iban(cc: str) -> str:
    return make_iban(cc, grouped=rng.random() < 0.7)


def switchboard(cc: str, city: tuple) -> str:
    if cc == "FR":
        n = city[4][1] + digits(6) + "00"
        return rng.choice([f"+33 {n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"0{n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:]}"])
    if cc == "DE":
        a = city[4]
        return rng.choice([f"+49 {a[1:]} {digits(4)}-0", f"{a} {digits(4)}-0", f"+49 {a[1:]} {digits(3)} {digits(2)}-0"])
    a = city[4]
    n = a + digits(9 - len(a) - 2) + "00"
    return rng.choice([f"+34 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"{n[:3]} {n[3:6]} {n[6:]}"])


# ---------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------

ERROR_CODES = ["E12", "F28", "A07", "H-31", "E04", "F75", "L2", "P-101", "E227", "S-09"]

TICKET = {
    "FR": {
        "greet": ["Bonjour,", "Madame, Monsieur,", "Bonjour à l'équipe SAV,", "Bonsoir,", ""],
        "problem": [
            "Depuis trois jours, ma {prod} affiche le code erreur {err} et ne chauffe plus.",
            "Le thermostat ne se connecte plus au Wi-Fi depuis la dernière mise à jour.",
            "L'appareil fait un bruit de claquement très fort au démarrage, surtout la nuit.",
            "La pression du circuit descend sous 0,8 bar toutes les semaines.",
            "L'application indique « hors ligne » alors que la box fonctionne.",
            "L'eau chaude est tiède le matin, même avec la consigne à 55 °C.",
            "Ma {prod} s'arrête toute seule quand il fait moins de -5 °C dehors.",
            "J'ai reçu une facture de maintenance alors que mon contrat est encore sous garantie.",
            "Il manque la sonde extérieure dans le colis de la commande {order}.",
            "Le radiateur de la chambre reste froid malgré la purge.",
        ],
        "detail": [
            "J'ai déjà redémarré l'appareil comme indiqué dans la notice, sans résultat.",
            "La version du logiciel affichée est {fw}.",
            "Le technicien devait passer la semaine dernière mais personne n'est venu.",
            "J'ai essayé d'appeler votre hotline au {hotline} mais l'attente était trop longue.",
            "Le problème est apparu juste après la coupure de courant de dimanche.",
            "La référence inscrite sur l'étiquette est {ref}.",
            "Je joins une photo du tableau de commande.",
            "Le voyant rouge clignote trois fois puis s'éteint.",
            "L'appareil a été installé il y a moins d'un an.",
        ],
        "ask": [
            "Pouvez-vous m'envoyer un technicien rapidement ?",
            "Merci de me dire si la pièce est couverte par la garantie.",
            "Je souhaite être remboursé de la pièce que j'ai dû acheter moi-même.",
            "Merci de me rappeler pour fixer un rendez-vous.",
            "Pouvez-vous m'expliquer comment réinitialiser le module ?",
        ],
        "close": ["Merci d'avance.", "Cordialement.", "Bonne journée.", "Dans l'attente de votre retour.", ""],
        "name": ["Mon voisin, {name}, a le même modèle et n'a pas ce souci.",
                 "C'est mon fils {name} qui s'occupe de l'installation, vous pouvez voir avec lui.",
                 "Le technicien {name} est passé mardi mais n'a rien réglé.",
                 "Merci de prévenir ma fille, {name}, avant toute intervention."],
        "phone": ["Vous pouvez me joindre au {phone} après 17 h.",
                  "Mon numéro a changé : {phone}.",
                  "En cas d'absence, appelez le gardien au {phone}."],
        "email": ["Merci d'envoyer la facture à {email}.",
                  "Répondez plutôt sur mon adresse perso {email}, je ne consulte plus l'autre."],
        "iban": ["Pour le remboursement, voici mon IBAN : {iban}.",
                 "Merci de rembourser sur le compte {iban}."],
        "address": ["Attention, nous avons déménagé : {addr}.",
                    "L'appareil est installé dans notre résidence secondaire, {addr}."],
        "health": ["Mon mari est sous oxygène à domicile, nous ne pouvons pas rester sans chauffage.",
                   "Je suis enceinte de sept mois et la maison est à 14 °C.",
                   "Je sors d'une opération de la hanche et je ne peux pas descendre à la chaufferie.",
                   "Ma mère souffre d'une grave insuffisance cardiaque, c'est urgent.",
                   "Notre fils est asthmatique et l'humidité aggrave ses crises."],
        "sign": "Cordialement,\n{name}",
        "depot": "J'ai déposé l'appareil défectueux à votre dépôt, {site}.",
        "subject": ["Panne chauffage", "Code erreur {err}", "Problème de connexion Wi-Fi",
                    "Demande de remboursement", "Facture incorrecte", "Bruit anormal",
                    "Rendez-vous technicien", "Question garantie", "Pièce manquante"],
    },
    "DE": {
        "greet": ["Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo Calorix-Team,", "Moin,", ""],
        "problem": [
            "Seit drei Tagen zeigt meine {prod} den Fehlercode {err} und heizt nicht mehr.",
            "Das Thermostat verbindet sich seit dem letzten Update nicht mehr mit dem WLAN.",
            "Die Anlage macht beim Anlaufen ein lautes Klackern, vor allem nachts.",
            "Der Anlagendruck fällt jede Woche unter 0,8 bar.",
            "In der App steht „offline“, obwohl der Router läuft.",
            "Das Warmwasser ist morgens nur lauwarm, obwohl 55 °C eingestellt sind.",
            "Meine {prod} schaltet bei unter -5 °C Außentemperatur einfach ab.",
            "Ich habe eine Wartungsrechnung bekommen, obwohl noch Garantie besteht.",
            "In der Lieferung zur Bestellung {order} fehlt der Außenfühler.",
            "Der Heizkörper im Schlafzimmer bleibt trotz Entlüften kalt.",
        ],
        "detail": [
            "Ich habe das Gerät wie in der Anleitung beschrieben neu gestartet, ohne Erfolg.",
            "Angezeigt wird die Softwareversion {fw}.",
            "Der Techniker sollte letzte Woche kommen, es ist aber niemand erschienen.",
            "Ich habe es unter {hotline} versucht, aber die Warteschleife war endlos.",
            "Das Problem trat direkt nach dem Stromausfall am Sonntag auf.",
            "Auf dem Typenschild steht die Artikelnummer {ref}.",
            "Ein Foto vom Bedienfeld hänge ich an.",
            "Die rote LED blinkt dreimal und geht dann aus.",
            "Die Anlage wurde vor weniger als einem Jahr eingebaut.",
        ],
        "ask": [
            "Können Sie bitte schnell einen Techniker schicken?",
            "Bitte teilen Sie mir mit, ob das Ersatzteil unter die Garantie fällt.",
            "Ich möchte die Kosten für das selbst gekaufte Teil erstattet bekommen.",
            "Bitte rufen Sie mich für einen Termin zurück.",
            "Wie setze ich das Modul auf Werkseinstellungen zurück?",
        ],
        "close": ["Vielen Dank im Voraus.", "Mit freundlichen Grüßen.", "Danke und viele Grüße.", ""],
        "name": ["Mein Nachbar, {name}, hat dasselbe Modell und keine Probleme.",
                 "Mein Sohn {name} kümmert sich um die Anlage, bitte sprechen Sie mit ihm.",
                 "Ihr Monteur {name} war am Dienstag da, hat aber nichts behoben.",
                 "Bitte geben Sie vor dem Termin meiner Tochter {name} Bescheid."],
        "phone": ["Sie erreichen mich ab 17 Uhr unter {phone}.",
                  "Meine neue Nummer lautet {phone}.",
                  "Falls niemand da ist, bitte den Hausmeister unter {phone} anrufen."],
        "email": ["Bitte schicken Sie die Rechnung an {email}.",
                  "Antworten Sie bitte an meine private Adresse {email}."],
        "iban": ["Für die Erstattung hier meine IBAN: {iban}.",
                 "Bitte überweisen Sie den Betrag auf {iban}."],
        "address": ["Achtung, wir sind umgezogen: {addr}.",
                    "Das Gerät steht in unserem Ferienhaus, {addr}."],
        "health": ["Mein Mann ist Dialysepatient und darf nicht frieren.",
                   "Ich bin im siebten Monat schwanger und die Wohnung hat 14 °C.",
                   "Nach meiner Hüft-OP komme ich nicht in den Keller.",
                   "Meine Mutter hat eine schwere Herzinsuffizienz, es ist dringend.",
                   "Unser Sohn hat Asthma und die Feuchtigkeit verschlimmert die Anfälle."],
        "sign": "Mit freundlichen Grüßen\n{name}",
        "depot": "Das defekte Gerät habe ich bei Ihrem Lager abgegeben: {site}.",
        "subject": ["Heizung ausgefallen", "Fehlercode {err}", "WLAN-Verbindung", "Erstattung",
                    "Rechnung fehlerhaft", "Geräusche", "Technikertermin", "Garantiefrage", "Teil fehlt"],
    },
    "ES": {
        "greet": ["Hola,", "Buenos días,", "Estimados señores:", "Buenas tardes,", ""],
        "problem": [
            "Desde hace tres días mi {prod} muestra el código de error {err} y no calienta.",
            "El termostato no se conecta al wifi desde la última actualización.",
            "El equipo hace un ruido fuerte al arrancar, sobre todo por la noche.",
            "La presión del circuito baja de 0,8 bar cada semana.",
            "La aplicación dice «sin conexión» aunque el router funciona.",
            "El agua caliente sale tibia por la mañana aunque está a 55 °C.",
            "Mi {prod} se apaga sola cuando fuera hay menos de -5 °C.",
            "Me ha llegado una factura de mantenimiento y el equipo sigue en garantía.",
            "En el paquete del pedido {order} falta la sonda exterior.",
            "El radiador del dormitorio sigue frío aunque lo he purgado.",
        ],
        "detail": [
            "Ya he reiniciado el equipo como dice el manual, sin resultado.",
            "La versión de software que aparece es {fw}.",
            "El técnico tenía que venir la semana pasada y no vino nadie.",
            "He llamado al {hotline} pero la espera era eterna.",
            "El problema empezó justo después del corte de luz del domingo.",
            "En la etiqueta pone la referencia {ref}.",
            "Adjunto una foto del panel de control.",
            "El piloto rojo parpadea tres veces y se apaga.",
            "El equipo se instaló hace menos de un año.",
        ],
        "ask": [
            "¿Pueden enviar un técnico cuanto antes?",
            "Díganme por favor si la pieza entra en la garantía.",
            "Quiero que me devuelvan el dinero de la pieza que compré yo.",
            "Llámenme por favor para concertar una cita.",
            "¿Cómo se restablece el módulo a los valores de fábrica?",
        ],
        "close": ["Gracias de antemano.", "Un saludo.", "Quedo a la espera de su respuesta.", ""],
        "name": ["Mi vecino, {name}, tiene el mismo modelo y no le pasa.",
                 "Mi hijo {name} se encarga de la instalación, pueden hablar con él.",
                 "El técnico {name} vino el martes pero no arregló nada.",
                 "Avisen a mi hija, {name}, antes de venir."],
        "phone": ["Me pueden localizar en el {phone} a partir de las 17 h.",
                  "Mi número nuevo es {phone}.",
                  "Si no hay nadie, llamen al portero al {phone}."],
        "email": ["Envíen la factura a {email}, por favor.",
                  "Respondan mejor a mi correo personal {email}."],
        "iban": ["Para el reembolso, mi IBAN es {iban}.",
                 "Hagan la devolución a la cuenta {iban}."],
        "address": ["Ojo, nos hemos mudado: {addr}.",
                    "El equipo está en nuestra segunda residencia, {addr}."],
        "health": ["Mi marido tiene EPOC y necesita oxígeno en casa, no podemos estar sin calefacción.",
                   "Estoy embarazada de siete meses y la casa está a 14 °C.",
                   "Me acaban de operar de la cadera y no puedo bajar al cuarto de calderas.",
                   "Mi madre tiene una insuficiencia cardiaca grave, es urgente.",
                   "Nuestro hijo es asmático y la humedad empeora sus crisis."],
        "sign": "Un saludo,\n{name}",
        "depot": "Dejé el equipo averiado en su almacén, {site}.",
        "subject": ["Avería calefacción", "Código de error {err}", "Problema de conexión wifi",
                    "Solicitud de reembolso", "Factura incorrecta", "Ruido extraño", "Cita con técnico",
                    "Consulta de garantía", "Falta una pieza"],
    },
}

CALL = {
    "DE": {
        "open": ["Kd. ruft an wg. {issue}.", "Kundin meldet {issue}.", "Rückruf auf Wunsch des Kunden wg. {issue}.",
                 "Anruf zu Ticket, Thema: {issue}."],
        "issue": ["Fehler {err}", "Heizungsausfall", "WLAN-Problem am Thermostat", "Rechnungsfrage",
                  "Druckverlust", "Geräusche beim Anlauf", "Wartungstermin", "Ersatzteil-Lieferung"],
        "steps": ["Reset erklärt, Gerät läuft wieder.", "Techniker-Termin für nächste Woche vereinbart.",
                  "An 2nd Level weitergeleitet.", "Gutschrift über 50 € angeboten, Kd. einverstanden.",
                  "Firmware {fw} per Fernwartung eingespielt.", "Kd. schickt Fotos per App.",
                  "Ersatzteil bestellt, Lieferung aus Lager Hamburg.", "Kd. verärgert, Beschwerde aufgenommen.",
                  "Keine weitere Aktion nötig.", "Hotline-Nummer {hotline} für Notfälle genannt."],
        "name": ["Tochter {name} ist vor Ort Ansprechpartnerin.", "Nachbar {name} hat Schlüssel.",
                 "Termin mit Monteur {name} abgestimmt."],
        "phone": ["Erreichbar unter {phone}.", "Bitte Rückruf auf Handy {phone}."],
        "email": ["Unterlagen an {email} geschickt."],
        "health": ["Kd. ist Rollstuhlfahrer, Termin bitte vormittags.",
                   "Ehefrau Dialysepatientin – Priorität hoch.",
                   "Kundin nach Chemotherapie geschwächt, bitte bevorzugt behandeln.",
                   "Kd. hört schlecht, bitte laut und langsam sprechen."],
    },
    "FR": {
        "open": ["Appel client pour {issue}.", "La cliente signale {issue}.", "Rappel demandé par le client : {issue}.",
                 "Appel lié au ticket, sujet : {issue}."],
        "issue": ["erreur {err}", "panne de chauffage", "problème Wi-Fi du thermostat", "question de facture",
                  "baisse de pression", "bruit au démarrage", "rendez-vous d'entretien", "livraison de pièce"],
        "steps": ["Réinitialisation expliquée, l'appareil refonctionne.", "RDV technicien fixé la semaine prochaine.",
                  "Transmis au niveau 2.", "Avoir de 50 € proposé, accepté.",
                  "Firmware {fw} installé à distance.", "Le client envoie des photos via l'appli.",
                  "Pièce commandée, expédition depuis Saint-Priest.", "Client mécontent, réclamation enregistrée.",
                  "Rien d'autre à faire.", "Numéro d'urgence {hotline} communiqué."],
        "name": ["Sa fille {name} sera présente sur place.", "Le voisin, {name}, a les clés.",
                 "RDV calé avec le technicien {name}."],
        "phone": ["Joignable au {phone}.", "Rappeler sur le portable {phone}."],
        "email": ["Documents envoyés à {email}."],
        "health": ["Client en fauteuil roulant, RDV le matin svp.",
                   "Épouse dialysée – priorité haute.",
                   "Cliente affaiblie après une chimiothérapie, traiter en priorité.",
                   "Client malentendant, parler fort et lentement."],
    },
    "ES": {
        "open": ["Llama el cliente por {issue}.", "La clienta informa de {issue}.", "Devolución de llamada por {issue}.",
                 "Llamada sobre el ticket, tema: {issue}."],
        "issue": ["error {err}", "avería de calefacción", "problema de wifi del termostato", "duda con la factura",
                  "pérdida de presión", "ruido al arrancar", "cita de mantenimiento", "envío de recambio"],
        "steps": ["Explicado el reinicio, el equipo vuelve a funcionar.", "Cita con técnico la semana que viene.",
                  "Escalado a segundo nivel.", "Ofrecido abono de 50 €, aceptado.",
                  "Firmware {fw} instalado en remoto.", "El cliente manda fotos por la app.",
                  "Recambio pedido, sale del almacén de Getafe.", "Cliente molesto, se registra la queja.",
                  "No hace falta nada más.", "Se le da el teléfono de urgencias {hotline}."],
        "name": ["Su hija {name} estará en casa.", "El vecino, {name}, tiene las llaves.",
                 "Cita acordada con el técnico {name}."],
        "phone": ["Localizable en el {phone}.", "Devolver la llamada al móvil {phone}."],
        "email": ["Documentación enviada a {email}."],
        "health": ["Cliente en silla de ruedas, cita por la mañana.",
                   "Esposa en diálisis – prioridad alta.",
                   "Clienta debilitada tras la quimioterapia, atender con prioridad.",
                   "Cliente con sordera, hablar alto y despacio."],
    },
}

OBS = {
    "FR": {"plain": ["Livrer après 18 h.", "Code portail 4821B.", "Sonner à l'interphone, 3e étage sans ascenseur.",
                     "Ne pas livrer le samedi.", "Déposer au garage, porte latérale."],
           "name": ["Laisser le colis chez la voisine, Mme {last}.", "Remettre à {name} si absent."],
           "phone": ["Appeler le {phone} avant de livrer.", "Prévenir au {phone} 30 min avant."]},
    "DE": {"plain": ["Bitte nach 18 Uhr liefern.", "Hinterhof, Tor links.", "Lieferung nur werktags.",
                     "Keine Lieferung samstags.", "Bitte in der Garage abstellen."],
           "name": ["Bei Nachbarn {last} abgeben.", "Falls nicht da, an {name} übergeben."],
           "phone": ["Bitte vorher anrufen: {phone}.", "Fahrer soll sich unter {phone} melden."]},
    "ES": {"plain": ["Dejar en conserjería.", "Entregar por la tarde.", "Portal 2, escalera B.",
                     "No entregar en agosto.", "Llamar al timbre del bajo."],
           "name": ["Entregar a la vecina del 2º, {name}.", "Si no estoy, dejar a {name}."],
           "phone": ["Llamar al {phone} antes de entregar.", "Avisar al {phone} media hora antes."]},
}


def order_number(i: int, year: int) -> str:
    return rng.choice([f"PED-{year % 100}-{i:07d}", f"CX{year}{i:07d}", f"{year}/{i:06d}"])


def ticket_text(lang: str, client: dict, ctx: dict) -> tuple[str, set[str]]:
    T = TICKET[lang]
    cats: set[str] = set()
    cc_other = rng.choice(["FR", "DE", "ES"]) if rng.random() < 0.1 else lang
    parts: list[str] = []
    g = rng.choice(T["greet"])
    if g:
        parts.append(g)
    fill = dict(prod=ctx["prod"], err=rng.choice(ERROR_CODES), order=ctx["order"], fw=version_ip_shaped(),
                hotline=rng.choice(HOTLINES[lang]), ref=ctx["ref"])
    body = [rng.choice(T["problem"]).format(**fill)]
    for s in rng.sample(T["detail"], rng.randint(1, 3)):
        body.append(s.format(**fill))
    if rng.random() < 0.06:
        body.append(T["depot"].format(site=ctx["site"]))
    inserts = []
    if rng.random() < 0.10:
        inserts.append((rng.choice(T["name"]).format(name=other_name(cc_other)), U + "name"))
    if rng.random() < 0.12:
        inserts.append((rng.choice(T["phone"]).format(phone=mobile(lang)), U + "contact.phone_number"))
    if rng.random() < 0.06:
        inserts.append((rng.choice(T["email"]).format(email=email_for(person(lang))), U + "contact.email"))
    if rng.random() < 0.04:
        ib = make_iban(client["cc"])
        TEXT_IBANS.append(ib)
        inserts.append((rng.choice(T["iban"]).format(iban=ib), U + "financial.bank_account"))
    if rng.random() < 0.05:
        c = rng.choice(CITIES[lang])
        inserts.append((rng.choice(T["address"]).format(addr=full_address(lang, c)), U + "contact.address"))
    if rng.random() < 0.05:
        inserts.append((rng.choice(T["health"]), U + "health_and_medical"))
    for text, cat in inserts:
        body.insert(rng.randint(1, len(body)), text)
        cats.add(cat)
    body.append(rng.choice(T["ask"]))
    parts.append(" ".join(body))
    if rng.random() < 0.10:
        parts.append(T["sign"].format(name=full_name(client)))
        cats.add(U + "name")
    else:
        c = rng.choice(T["close"])
        if c:
            parts.append(c)
    sep = "\n\n" if rng.random() < 0.6 else "\n"
    return sep.join(parts), cats


def call_note(lang: str) -> tuple[str, set[str]]:
    C = CALL[lang]
    cats: set[str] = set()
    fill = dict(err=rng.choice(ERROR_CODES), fw=version_ip_shaped(), hotline=rng.choice(HOTLINES[lang]))
    s = [rng.choice(C["open"]).format(issue=rng.choice(C["issue"]).format(**fill))]
    for st in rng.sample(C["steps"], rng.randint(1, 3)):
        s.append(st.format(**fill))
    if rng.random() < 0.08:
        s.insert(rng.randint(1, len(s)), rng.choice(C["name"]).format(name=other_name(lang)))
        cats.add(U + "name")
    if rng.random() < 0.10:
        s.insert(rng.randint(1, len(s)), rng.choice(C["phone"]).format(phone=mobile(lang)))
        cats.add(U + "contact.phone_number")
    if rng.random() < 0.03:
        s.insert(rng.randint(1, len(s)), rng.choice(C["email"]).format(email=email_for(person(lang))))
        cats.add(U + "contact.email")
    if rng.random() < 0.05:
        s.insert(rng.randint(1, len(s)), rng.choice(C["health"]))
        cats.add(U + "health_and_medical")
    return " ".join(s), cats


def delivery_note(lang: str, city: tuple) -> tuple[str | None, set[str]]:
    r = rng.random()
    O = OBS[lang]
    if r < 0.55:
        return None, set()
    if r < 0.85:
        return rng.choice(O["plain"]), set()
    if r < 0.93:
        p = person(lang)
        return rng.choice(O["name"]).format(last=p["last"], name=full_name(p)), {U + "name"}
    return rng.choice(O["phone"]).format(phone=phone(lang, city)), {U + "contact.phone_number"}


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

def create(con: sqlite3.Connection) -> None:
    for table, _, cols in SCHEMA:
        col_sql = ",\n  ".join(f'"{c}" {t}' for c, t, _ in cols)
        con.execute(f'CREATE TABLE "{table}" (\n  {col_sql}\n)')


def insert(con: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
    cols = next(c for t, _, c in SCHEMA if t == table)
    q = f'INSERT INTO "{table}" VALUES ({",".join("?" * len(cols))})'
    con.executemany(q, rows)


COUNTS = {
    "produits": 360, "campanas": 45, "empleados": 160, "Firmenkunden": 620,
    "Ansprechpartner": 1480, "clients": 9200, "Geraeteregistrierungen": 3100,
    "web_sessions": 6400, "pedidos": 13500, "tickets_support": 8900, "Anrufnotizen": 7400,
}


def build(con: sqlite3.Connection) -> None:
    cc_weights = (["FR"] * 40) + (["DE"] * 35) + (["ES"] * 25)

    # --- Standorte -------------------------------------------------------------
    sites = []
    rows = []
    for i, (name, typ, cc, ci, street) in enumerate(SITES, 1):
        city = CITIES[cc][ci]
        pc = postcode(cc, city)
        role = {"Büro": ["info", "contact", "kontakt", "oficina"], "Lager": ["lager", "logistique", "almacen"],
                "Showroom": ["showroom"], "Werkstatt": ["werkstatt", "atelier", "taller"]}[typ]
        box = f"{rng.choice(role)}.{slug(city[0])[:10]}@{COMPANY_DOMAIN[cc]}" if rng.random() < 0.7 else \
            f"{rng.choice(['info', 'contact', 'kontakt', 'info'])}@{COMPANY_DOMAIN[cc]}"
        lat = round(city[5] + rng.uniform(-0.06, 0.06), 6)
        lon = round(city[6] + rng.uniform(-0.08, 0.08), 6)
        sites.append({"id": i, "cc": cc, "name": name, "addr": f"{street}, {pc} {city[0]}", "typ": typ,
                      "city": city})
        rows.append((i, name, typ, street, pc, city[0], COUNTRY_NAME[cc], switchboard(cc, city), box,
                     company_iban(cc), lat, lon, OPENING[typ]))
    insert(con, "Standorte", rows)
    site_by_cc = {cc: [s for s in sites if s["cc"] == cc] for cc in ("FR", "DE", "ES")}
    wh_by_cc = {cc: [s for s in sites if s["cc"] == cc and s["typ"] == "Lager"] for cc in ("FR", "DE", "ES")}

    # --- produits --------------------------------------------------------------
    ranges = [
        ("Pompes à chaleur", ["AirTherm {p} kW", "AirTherm {p} kW Duo", "HydroSplit {p}", "GeoTherm {p} kW"],
         [5, 6, 8, 11, 14, 16], (4200, 14900)),
        ("Chaudières à condensation", ["CondensPro {p}", "CondensPro {p} Mixte", "EcoGaz {p} C"],
         [18, 25, 28, 35], (1900, 4800)),
        ("Thermostats connectés", ["ThermoSmart T{p}", "ThermoSmart T{p} Pro", "Tête thermostatique TT-{p}"],
         [2, 3, 4, 5], (39, 289)),
        ("Chauffe-eau thermodynamiques", ["AquaHeat {p} L", "AquaHeat {p} L Split"], [100, 150, 200, 270], (1400, 3600)),
        ("Radiateurs", ["Radiateur inertie Kalo {p} W", "Sèche-serviettes Kalo {p} W"], [750, 1000, 1500, 2000], (290, 990)),
        ("Accessoires", ["Module Wi-Fi CX-{p}", "Sonde extérieure SE-{p}", "Vase d'expansion {p} L",
                         "Kit hydraulique KH-{p}"], [10, 18, 25, 200], (19, 420)),
        ("Pièces détachées", ["Carte électronique PCB-{p}", "Ventilateur VX-{p}", "Échangeur à plaques EP-{p}",
                              "Capteur de pression CP-{p}", "Vanne 3 voies V3-{p}"], [12, 22, 31, 44, 58, 70], (15, 680)),
    ]
    catalogue = []
    for gamme, models, params, (plo, phi) in ranges:
        for m in models:
            for p in params:
                catalogue.append((gamme, m.format(p=p), plo, phi))
    products = []
    rows = []
    seen_refs: set[str] = set()
    desc_bits = ["Installation simple et rapide.", "Compatible avec l'application Calorix Home.",
                 "Classe énergétique A+++.", "Garantie 5 ans pièces.", "Silencieux : 38 dB(A).",
                 "Pilotage à distance via Wi-Fi.", "Conçu et assemblé en Europe.",
                 "Idéal pour la rénovation.", "Fluide frigorigène R290.", "Livré avec support mural."]
    for i in range(1, COUNTS["produits"] + 1):
        gamme, base, plo, phi = catalogue[(i - 1) % len(catalogue)]
        gen = (i - 1) // len(catalogue)
        name = base if gen == 0 else f"{base} (rév. {chr(65 + gen)})"
        while True:
            ref = phone_shaped_ref()
            if ref not in seen_refs:
                seen_refs.add(ref)
                break
        e12 = rng.choice(["37", "40", "42", "84", "35"]) + digits(10)
        ean = e12[:12] + str(ean13_check(e12[:12]))
        fw = version_ip_shaped() if gamme in ("Pompes à chaleur", "Chaudières à condensation",
                                              "Thermostats connectés", "Chauffe-eau thermodynamiques") else None
        launch = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3200))
        products.append({"id": i, "name": name, "ref": ref, "price": round(rng.uniform(plo, phi), 2), "fw": fw,
                         "connected": fw is not None})
        rows.append((i, ref, ean, name, gamme, " ".join(rng.sample(desc_bits, 3)), products[-1]["price"],
                     rng.choice([20.0, 20.0, 5.5, 10.0]), fw, round(rng.uniform(0.2, 180), 1), launch.isoformat()))
    insert(con, "produits", rows)
    connected_products = [p for p in products if p["connected"]]

    # --- campanas -------------------------------------------------------------
    rows = []
    camp_names = ["Primavera Eficiente", "Rentrée Chauffage", "Winter-Check", "Black Friday Calor",
                  "Prime Rénov' Boost", "Wärmepumpen-Wochen", "Plan Renove Calderas", "Semaine du Thermostat",
                  "Frühbucher Wartung", "Verano Sin Cortes"]
    canales = ["email", "sms", "display", "prensa", "radio", "social"]
    desc_c = ["Campaña dirigida a propietarios de vivienda unifamiliar con caldera de más de diez años.",
              "Descuento en la instalación de bombas de calor con ayudas públicas.",
              "Recordatorio de mantenimiento anual antes del invierno.",
              "Promoción conjunta con instaladores certificados de la red Calorix.",
              "Lanzamiento del nuevo termostato conectado con control por voz.",
              "Oferta limitada en repuestos y accesorios para clientes profesionales."]
    for i in range(1, COUNTS["campanas"] + 1):
        cc = ["FR", "DE", "ES"][i % 3]
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1900))
        name = f"{camp_names[i % len(camp_names)]} {start.year}"
        url = f"https://www.{COMPANY_DOMAIN[cc]}/promo/{slug(camp_names[i % len(camp_names)])}-{start.year}?utm_source={rng.choice(canales)}&utm_campaign=c{i:03d}"
        rows.append((i, name, rng.choice(canales), " ".join(rng.sample(desc_c, 2)),
                     rng.choice([f"info@{COMPANY_DOMAIN[cc]}", f"newsletter@{COMPANY_DOMAIN[cc]}",
                                 f"ofertas@{COMPANY_DOMAIN['ES']}", f"marketing@{COMPANY_DOMAIN[cc]}"]),
                     url, rng.choice(HOTLINES[cc]), float(rng.randrange(2000, 90000, 500)), start.isoformat(),
                     (start + dt.timedelta(days=rng.randint(14, 75))).isoformat(),
                     f"{slug(camp_names[i % len(camp_names)])[:6].upper()}{rng.randint(10, 99)}"))
    insert(con, "campanas", rows)

    # --- empleados ------------------------------------------------------------
    rows = []
    staff = []
    puestos = {"FR": ["Conseiller clientèle", "Technicien SAV", "Responsable d'agence", "Chargée de recouvrement",
                      "Superviseur centre d'appels", "Commercial itinérant"],
               "DE": ["Kundenberater", "Servicetechniker", "Teamleiterin Kundendienst", "Disponent",
                      "Außendienstmitarbeiter", "Sachbearbeiterin Forderungsmanagement"],
               "ES": ["Agente de atención al cliente", "Técnico SAT", "Jefa de delegación", "Comercial",
                      "Supervisor de call center", "Gestora de cobros"]}
    used_users: set[str] = set()
    for i in range(1, COUNTS["empleados"] + 1):
        cc = rng.choice(["FR", "FR", "DE", "DE", "ES", "ES"])
        p = person(cc)
        b = dob(1960, 2002)
        site = rng.choice(site_by_cc[cc])
        city = site["city"]
        while True:
            u = username(p, b)
            if u not in used_users:
                used_users.add(u)
                break
        mail = f"{slug(p['first'])}.{slug(p['last'].split(' ')[0])}@{COMPANY_DOMAIN[cc]}"
        if rng.random() < 0.3:
            mail = f"{slug(p['first'])[0]}.{slug(p['last'].split(' ')[0])}@{COMPANY_DOMAIN[cc]}"
        direct = mobile(cc, intl=True) if rng.random() < 0.35 else landline(cc, city)
        hired = ts_between(30, 4000)
        staff.append({"id": i, "cc": cc, "p": p})
        rows.append((i, u, pw_hash(), full_name(p), mail, direct, rng.choice(puestos[cc]), site["id"],
                     {"FR": "fr", "DE": "de", "ES": "es"}[cc], national_id(cc, p, b, city), b.isoformat(),
                     hired.strftime("%Y-%m-%d"), 1 if rng.random() < 0.9 else 0, iso(ts_between(0, 30))))
    insert(con, "empleados", rows)
    staff_by_cc = {cc: [s for s in staff if s["cc"] == cc] for cc in ("FR", "DE", "ES")}

    # --- Firmenkunden ---------------------------------------------------------
    rows = []
    firms = []
    patterns = {"FR": [("Plomberie {L} & Fils", "SARL"), ("{L} Chauffage", "SARL"), ("Énergies {C}", "SAS"),
                       ("Thermi'{C}", "SAS"), ("Ets {L}", "EURL"), ("Climatisation {L}", "SARL")],
                "DE": [("{L} Haustechnik", "GmbH"), ("Sanitär {L}", "GmbH & Co. KG"), ("Heizungsbau {L}", "e.K."),
                       ("Wärmetechnik {C}", "GmbH"), ("{L} & Söhne", "GmbH"), ("Bäder und Wärme {L}", "OHG")],
                "ES": [("Fontanería {L}", "S.L."), ("Instalaciones {L} e Hijos", "S.L."),
                       ("Climatización {C}", "S.A."), ("Calefacciones {L}", "S.L."),
                       ("Reformas {C}", "S.L.U."), ("Energía Solar {L}", "S.L.")]}
    branchen = ["Installateur", "Fachhandel", "Bauträger", "Hausverwaltung", "Planungsbüro", "Großhandel"]
    used_vat: set[str] = set()
    for i in range(1, COUNTS["Firmenkunden"] + 1):
        cc = rng.choice(cc_weights)
        city = rng.choice(CITIES[cc])
        pat, form = rng.choice(patterns[cc])
        lname = rng.choice(LAST[cc])
        short = CITY_SHORT.get(city[0], city[0])
        fname = pat.format(L=lname, C=short) + " " + form
        while True:
            if cc == "FR":
                s8 = str(rng.randint(1, 9)) + digits(7)
                siren = next(s8 + str(d) for d in range(10) if luhn_ok(s8 + str(d)))
                vat = f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"
            elif cc == "DE":
                d8 = str(rng.randint(1, 9)) + digits(7)
                vat = f"DE{d8}{mod11_10(d8)}"
            else:
                d7 = digits(7)
                vat = f"ES{rng.choice('AB')}{d7}{es_cif_control(d7)}"
            if vat not in used_vat:
                used_vat.add(vat)
                break
        dom = slug(pat.format(L=lname, C=short))[:30] + {"FR": ".fr", "DE": ".de", "ES": ".es"}[cc]
        box = rng.choice({"FR": ["contact", "info", "devis", "accueil"], "DE": ["info", "kontakt", "buero", "service"],
                          "ES": ["info", "administracion", "oficina", "presupuestos"]}[cc]) + "@" + dom
        pc = postcode(cc, city)
        if cc == "FR":
            street = f"{rng.randint(1, 90)} {rng.choice(['ZA des Grands Champs', 'rue de l’Industrie', 'ZI Nord', 'avenue de l’Artisanat', 'parc d’activités du Moulin'])}"
        elif cc == "DE":
            street = f"{rng.choice(['Gewerbestraße', 'Industriestraße', 'Am Gewerbepark', 'Handwerkerhof', 'Werkstraße'])} {rng.randint(1, 60)}"
        else:
            street = f"{rng.choice(['Polígono Industrial El Pino, nave', 'Calle de la Industria,', 'Avenida de los Artesanos,', 'Pol. Ind. Las Mercedes, parcela'])} {rng.randint(1, 80)}"
        firms.append({"id": i, "cc": cc, "city": city, "addr": f"{street}, {pc} {city[0]}", "name": fname,
                      "domain": dom})
        rows.append((i, fname, form, vat, rng.choice(branchen), switchboard(cc, city), box, street, pc, city[0],
                     COUNTRY_NAME[cc], company_iban(cc), rng.choice(staff_by_cc[cc])["id"],
                     rng.choice(["A", "B", "C", "D"]), iso(ts_between(60, 2600))))
    insert(con, "Firmenkunden", rows)

    # --- Ansprechpartner -------------------------------------------------------
    rows = []
    contacts = []
    positions = {"FR": ["Gérant", "Responsable achats", "Conducteur de travaux", "Assistante administrative", "Technicien"],
                 "DE": ["Geschäftsführer", "Einkaufsleiterin", "Bauleiter", "Büroleitung", "Meister Heizung/Sanitär"],
                 "ES": ["Gerente", "Responsable de compras", "Jefe de obra", "Administrativa", "Técnico instalador"]}
    depts = {"FR": ["Direction", "Achats", "Chantiers", "Administration"], "DE": ["Geschäftsleitung", "Einkauf", "Montage", "Verwaltung"],
             "ES": ["Dirección", "Compras", "Obras", "Administración"]}
    for i in range(1, COUNTS["Ansprechpartner"] + 1):
        f = firms[(i - 1) % len(firms)] if i <= len(firms) else rng.choice(firms)
        cc = f["cc"]
        p = person(cc)
        name = full_name(p)
        if rng.random() < 0.08:
            name = {"FR": "Dr ", "DE": rng.choice(["Dr. ", "Dipl.-Ing. ", "Prof. Dr. "]), "ES": "Dr. "}[cc] + name
        domain = f["domain"]
        mail = email_for(p, domain) if rng.random() < 0.8 else email_for(p)
        sb = switchboard(cc, f["city"])
        durch = re.sub(r"-0$", f"-{rng.randint(10, 399)}", sb) if sb.endswith("-0") else landline(cc, f["city"])
        bday = dob(1955, 1998)
        bday_s = bday.strftime("%d.%m.%Y") if cc == "DE" else bday.strftime("%d/%m/%Y") if rng.random() < 0.5 else bday.isoformat()
        li = f"https://www.linkedin.com/in/{slug(p['first'])}-{slug(p['last'])}-{rng.getrandbits(28):07x}" if rng.random() < 0.45 else None
        contacts.append({"id": i, "firm": f, "name": name, "p": p})
        rows.append((i, f["id"], CIVILITE[cc][1 if p["female"] else 0], name, rng.choice(positions[cc]),
                     rng.choice(depts[cc]), durch, mobile(cc) if rng.random() < 0.75 else None, mail,
                     {"FR": "Französisch", "DE": "Deutsch", "ES": "Spanisch"}[cc] if rng.random() < 0.9 else "Englisch",
                     bday_s if rng.random() < 0.7 else None,
                     dt.date.fromordinal(rng.randint(dt.date(2017, 1, 1).toordinal(), dt.date(2025, 6, 1).toordinal())).strftime(
                         "%d.%m.%Y" if cc == "DE" else "%Y-%m-%d"),
                     li, rng.choice([0, 1])))
    insert(con, "Ansprechpartner", rows)
    contacts_by_firm: dict[int, list[dict]] = {}
    for c in contacts:
        contacts_by_firm.setdefault(c["firm"]["id"], []).append(c)

    # --- clients --------------------------------------------------------------
    rows = []
    clients = []
    used_logins: set[str] = set()
    used_mails: set[str] = set()
    for i in range(1, COUNTS["clients"] + 1):
        cc = rng.choice(cc_weights)
        p = person(cc)
        city = rng.choice(CITIES[cc])
        b = dob()
        pc = postcode(cc, city)
        street = street_line(cc)
        while True:
            mail = email_for(p)
            if mail not in used_mails:
                used_mails.add(mail)
                break
        tel = landline(cc, city, intl=False) if rng.random() < 0.6 else mobile(cc, intl=False)
        mob = mobile(cc, intl=True) if rng.random() < 0.8 else None
        has_iban = rng.random() < 0.6
        iban = make_iban(cc) if has_iban else None
        holder = None
        if has_iban:
            holder = full_name(p) if rng.random() < 0.8 else f"{rng.choice(FIRST[cc][0 if p['female'] else 1])} {p['last']}"
            if rng.random() < 0.3:
                holder = holder.upper()
        login = None
        pw = None
        if rng.random() < 0.7:
            while True:
                login = username(p, b)
                if login not in used_logins:
                    used_logins.add(login)
                    break
            pw = pw_hash()
        created = ts_between(20, 2900)
        prefix = {"FR": "F", "DE": "KD", "ES": "CL"}[cc]
        num = f"C-{cc}-{i:07d}" if rng.random() < 0.7 else f"{prefix}{100000 + i * 7}"
        client = {"id": i, "cc": cc, "first": p["first"], "last": p["last"], "female": p["female"], "city": city,
                  "street": street, "pc": pc, "tel": mob or tel, "login": login, "created": created}
        clients.append(client)
        rows.append((i, num, CIVILITE[cc][1 if p["female"] else 0], p["first"], p["last"], mail, tel, mob,
                     b.isoformat(), national_id(cc, p, b, city), street, pc, city[0], city[1],
                     COUNTRY_NAME[cc] if rng.random() < 0.85 else cc, rng.choice(LANG[cc]), iban, holder,
                     rng.choice(EMPLOYERS[cc]) if rng.random() < 0.55 else None,
                     rng.choice(JOBS[cc]) if rng.random() < 0.65 else None,
                     rng.choice(MARITAL[cc]) if rng.random() < 0.6 else None,
                     login, pw, rng.choice([0, 0, 1]),
                     created.strftime("%Y-%m-%dT%H:%M:%SZ") if rng.random() < 0.5 else created.strftime("%Y-%m-%d"),
                     iso(created + dt.timedelta(days=rng.randint(0, 20)))))
    insert(con, "clients", rows)
    portal_clients = [c for c in clients if c["login"]]

    # --- Geraeteregistrierungen -----------------------------------------------
    rows = []
    firms_by_cc = {cc: [f for f in firms if f["cc"] == cc] for cc in ("FR", "DE", "ES")}
    for i in range(1, COUNTS["Geraeteregistrierungen"] + 1):
        c = rng.choice(clients)
        prod = rng.choice(connected_products)
        inst = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 2700))
        city = c["city"]
        lat = round(city[5] + rng.uniform(-0.05, 0.05), 6)
        lon = round(city[6] + rng.uniform(-0.07, 0.07), 6)
        mac = ":".join(f"{x:02X}" for x in [0x3C, 0x71, 0xBF] + [rng.randrange(256) for _ in range(3)])
        if rng.random() < 0.3:
            mac = mac.lower().replace(":", "-")
        place = city[0] if rng.random() < 0.6 else f"{city[0]} ({c['pc'][:2]})"
        rows.append((i, c["id"], prod["id"], rng.choice(firms_by_cc[c["cc"]])["id"] if rng.random() < 0.8 else None,
                     rand_uuid(), mac, version_ip_shaped(), inst.isoformat(),
                     (inst + dt.timedelta(days=365 * rng.choice([2, 3, 5]))).isoformat(), place, lat, lon))
    insert(con, "Geraeteregistrierungen", rows)

    # --- web_sessions ---------------------------------------------------------
    uas = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
           "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
           "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
           "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
           "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
           "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0",
           "CalorixHome/{v} (Android 13; Pixel 7)", "CalorixHome/{v} (iOS 17.5; iPhone15,2)"]
    searches = {"FR": ["pompe à chaleur air eau prix", "code erreur F28", "thermostat connecté compatible alexa",
                       "entretien chaudière obligatoire", "aide MaPrimeRénov pompe à chaleur", "purger radiateur",
                       "ballon thermodynamique bruit", "notice CondensPro 25"],
                "DE": ["wärmepumpe förderung 2024", "fehler F28 therme", "thermostat wlan verbinden",
                       "heizung entlüften anleitung", "wartungsvertrag kosten", "AirTherm 8 kW Erfahrungen"],
                "ES": ["bomba de calor precio instalación", "caldera error F28", "termostato wifi no conecta",
                       "purgar radiador", "ayudas aerotermia", "manual ThermoSmart T3"]}
    pages = {"FR": ["/fr/produits/pompes-a-chaleur", "/fr/espace-client/factures", "/fr/aide/codes-erreur",
                    "/fr/produits/thermostats/thermosmart-t3", "/fr/espace-client/contrat", "/fr/promo/rentree-chauffage"],
             "DE": ["/de/produkte/waermepumpen", "/de/mein-konto/rechnungen", "/de/hilfe/fehlercodes",
                    "/de/produkte/thermostate/thermosmart-t3", "/de/mein-konto/wartung"],
             "ES": ["/es/productos/bombas-de-calor", "/es/area-cliente/facturas", "/es/ayuda/codigos-error",
                    "/es/productos/termostatos/thermosmart-t3", "/es/area-cliente/contrato"]}
    rows = []
    used_cookies: set[str] = set()
    for i in range(1, COUNTS["web_sessions"] + 1):
        c = rng.choice(portal_clients)
        cc = c["cc"]
        app = rng.random() < 0.35
        ver = version_ip_shaped()
        ua = rng.choice(uas[6:]).format(v=ver) if app else rng.choice(uas[:6])
        while True:
            if rng.random() < 0.7:
                ck = f"{rng.getrandbits(128):032x}"
            else:
                ck = f"GA1.2.{rng.randint(100000000, 2147483647)}.{int((ts_between(0, 900) - EPOCH).total_seconds())}"
            if ck not in used_cookies:
                used_cookies.add(ck)
                break
        start = ts_between(0, 700)
        q = rng.choice(searches[cc]) if rng.random() < 0.4 else None
        page = f"https://www.{COMPANY_DOMAIN[cc]}{rng.choice(pages[cc])}" if rng.random() < 0.8 else None
        rows.append((i, c["id"], ck, ip_for(cc), ua, rand_uuid() if app else None, ver if app else None,
                     q, page, iso(start), iso(start + dt.timedelta(minutes=rng.choice([30, 60, 1440, 43200])))))
    insert(con, "web_sessions", rows)

    # --- pedidos + lineas_pedido ----------------------------------------------
    rows = []
    line_rows = []
    orders = []
    line_id = 0
    used_orders: set[str] = set()
    estados = ["entregado", "entregado", "entregado", "enviado", "pendiente", "cancelado", "devuelto"]
    for i in range(1, COUNTS["pedidos"] + 1):
        t = ts_between(0, 2000)
        b2b = rng.random() < 0.22
        if b2b:
            f = rng.choice(firms)
            cc = f["cc"]
            cont = rng.choice(contacts_by_firm[f["id"]])
            client_id, firm_id, contact_id = None, f["id"], cont["id"]
            dest = cont["name"]
            addr = f["addr"]
            tel = mobile(cc)
            city = f["city"]
        else:
            c = rng.choice(clients)
            cc = c["cc"]
            client_id, firm_id, contact_id = c["id"], None, None
            city = c["city"]
            if rng.random() < 0.9:
                dest = f"{c['first']} {c['last']}"
                addr = f"{c['street']}, {c['pc']} {city[0]}"
            else:  # gift / second home / relative
                dest = other_name(cc)
                city = rng.choice(CITIES[cc])
                addr = full_address(cc, city)
            tel = c["tel"] if rng.random() < 0.8 else phone(cc, city)
        while True:
            num = order_number(i, t.year)
            if num not in used_orders:
                used_orders.add(num)
                break
        obs, cats = delivery_note(cc, city)
        record("pedidos", "observaciones", cats, obs is not None)
        track = rng.choice([f"1Z{rng.getrandbits(40):010X}{digits(6)}", f"00340434{digits(12)}",
                            f"PK{rng.getrandbits(32):08X}{digits(4)}ES", f"6A{digits(11)}"])
        n_lines = rng.choices([1, 2, 3, 4], [60, 25, 10, 5])[0]
        total = 0.0
        for _ in range(n_lines):
            line_id += 1
            prod = rng.choice(products)
            q = rng.choices([1, 2, 3, 5, 10], [70, 15, 7, 5, 3])[0]
            disc = rng.choice([0.0, 0.0, 0.0, 5.0, 10.0, 15.0]) if b2b else rng.choice([0.0, 0.0, 0.0, 0.0, 5.0])
            vat = {"FR": 20.0, "DE": 19.0, "ES": 21.0}[cc]
            total += prod["price"] * q * (1 - disc / 100)
            line_rows.append((line_id, i, prod["id"], prod["ref"], q, prod["price"], disc, vat))
        orders.append({"id": i, "num": num, "cc": cc, "client_id": client_id})
        rows.append((i, num, client_id, firm_id, contact_id, rng.choice(wh_by_cc[cc])["id"],
                     rng.randint(1, COUNTS["campanas"]) if rng.random() < 0.2 else None,
                     t.strftime("%Y-%m-%d"), rng.choice(estados), rng.choice(["web", "teléfono", "tienda", "instalador", "app"]),
                     round(total, 2), "EUR", dest, addr, tel, obs, ip_for(cc) if rng.random() < 0.7 else None,
                     track, iso(t)))
    insert(con, "pedidos", rows)
    insert(con, "lineas_pedido", line_rows)
    orders_by_client: dict[int, list[dict]] = {}
    for o in orders:
        if o["client_id"]:
            orders_by_client.setdefault(o["client_id"], []).append(o)

    # --- tickets_support --------------------------------------------------------
    rows = []
    canal_t = ["email", "formulaire web", "téléphone", "chat", "app"]
    for i in range(1, COUNTS["tickets_support"] + 1):
        c = rng.choice(clients)
        cc = c["cc"]
        lang = cc if rng.random() < 0.92 else rng.choice(["FR", "DE", "ES"])
        prod = rng.choice(products)
        opened = ts_between(1, 1500)
        ords = orders_by_client.get(c["id"])
        order = rng.choice(ords)["num"] if ords else order_number(900000 + i, opened.year)
        site = rng.choice(wh_by_cc[cc])
        ctx = {"prod": prod["name"], "order": order, "ref": prod["ref"],
               "site": site["addr"]}
        text, cats = ticket_text(lang, c, ctx)
        record("tickets_support", "description", cats, True)
        status = rng.choice(["ouvert", "en cours", "résolu", "résolu", "résolu", "fermé"])
        closed = iso(opened + dt.timedelta(hours=rng.randint(1, 400))) if status in ("résolu", "fermé") else None
        subj = rng.choice(TICKET[lang]["subject"]).format(err=rng.choice(ERROR_CODES))
        agent = rng.choice(staff_by_cc[cc])["id"] if rng.random() < 0.9 else None
        rows.append((i, f"TCK-{opened.year}-{i:06d}", c["id"], prod["id"] if rng.random() < 0.85 else None, agent,
                     rng.choice(canal_t), subj, text, rng.choice(["basse", "normale", "normale", "haute", "urgente"]),
                     status, rng.choice(SUPPORT_BOX[cc]),
                     rng.randint(1, 5) if closed and rng.random() < 0.5 else None, iso(opened), closed))
    insert(con, "tickets_support", rows)

    # --- Anrufnotizen ----------------------------------------------------------
    rows = []
    for i in range(1, COUNTS["Anrufnotizen"] + 1):
        c = rng.choice(clients)
        cc = c["cc"]
        note, cats = call_note(cc)
        record("Anrufnotizen", "Notiz", cats, True)
        direction = rng.choice(["eingehend", "eingehend", "ausgehend"])
        cb = c["tel"] if rng.random() < 0.6 else phone(cc, c["city"])
        rows.append((i, c["id"], rng.choice(staff_by_cc[cc])["id"], iso(ts_between(0, 1400)),
                     rng.randint(25, 1900), direction, rng.choice(HOTLINES[cc]) if direction == "eingehend" else None,
                     cb if rng.random() < 0.75 else None, note,
                     rng.choice(["zufrieden", "neutral", "verärgert", "neutral"])))
    insert(con, "Anrufnotizen", rows)


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

def final_labels() -> dict[str, list[tuple[str, object]]]:
    out = {}
    for table, _, cols in SCHEMA:
        lab = []
        for c, _, l in cols:
            if l == FREE:
                cats = sorted(FREE_CATS.get((table, c), set()))
                l = ([U + "content.private"] + cats) if cats else []
            lab.append((c, l))
        out[table] = lab
    return out


def write_labels(labels: dict) -> None:
    lines = [
        "# crm73k: held-out labelled benchmark for pdscan (never tune the detector on it).",
        "# A merged multilingual CRM of a heating-products company selling and servicing in",
        "# France, Germany and Spain (French, German, Spanish and English column names).",
        "# Generated by make_crm73k.py.",
        "# [] = not personal; {categories: [], decoy: true} = looks personal but is not.",
        "# Free text columns carry user.content.private plus the categories present in them.",
        "store: sqlite",
        "collections:",
    ]
    notes = {t: n for t, n, _ in SCHEMA}
    for table, cols in labels.items():
        lines.append(f"  main.{table}:   # {notes[table]}")
        for c, l in cols:
            if l == DECOY:
                v = "{categories: [], decoy: true}"
            else:
                v = "[" + ", ".join(l) + "]"
            lines.append(f"    {c}: {v}")
    with open(LABELS_PATH, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------
# Self-checks
# ---------------------------------------------------------------------------

def parse_labels_file() -> dict[str, list[tuple[str, object]]]:
    """Re-read the written YAML (simple fixed format) to check what is on disk."""
    out: dict[str, list] = {}
    cur = None
    with open(LABELS_PATH, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  main."):
                cur = line.strip().split(":")[0][5:]
                out[cur] = []
            elif line.startswith("    ") and cur:
                k, v = line.strip().split(": ", 1)
                if v.startswith("{"):
                    out[cur].append((k, DECOY))
                else:
                    inner = v.strip("[]")
                    out[cur].append((k, [x.strip() for x in inner.split(",")] if inner else []))
    return out


def checks(con: sqlite3.Connection, labels: dict) -> list[str]:
    errs: list[str] = []
    disk = parse_labels_file()
    if list(disk) != list(labels):
        errs.append("labels file tables differ from schema")
    db_tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    if sorted(db_tables) != sorted(disk):
        errs.append(f"tables differ: db={db_tables} labels={list(disk)}")
    for table, cols in disk.items():
        info = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        if info != [c for c, _ in cols]:
            errs.append(f"{table}: columns {info} != labels {[c for c, _ in cols]}")
        for c, l in cols:
            if l != DECOY:
                for cat in l:
                    if cat not in ALLOWED:
                        errs.append(f"{table}.{c}: category {cat} not allowed")
            n = con.execute(f'SELECT COUNT(*) FROM "{table}" WHERE "{c}" IS NOT NULL AND "{c}" != \'\'').fetchone()[0]
            if n == 0:
                errs.append(f"{table}.{c}: no values")
        # foreign keys that point at a person table must be user.unique_id
        lab = dict(cols)
        for fk in con.execute(f'PRAGMA foreign_key_list("{table}")'):
            ref, col = fk[2], fk[3]
            want = ref in PERSON_TABLES
            has = lab[col] != DECOY and U + "unique_id" in lab[col]
            if want != has:
                errs.append(f"{table}.{col} -> {ref}: unique_id label {'missing' if want else 'unexpected'}")
    for table, cols in disk.items():
        for c, l in cols:
            ent = next(x for x in SCHEMA if x[0] == table)
            orig = next(x[2] for x in ent[2] if x[0] == c)
            if orig == FREE:
                cats = FREE_CATS.get((table, c), set())
                want = ([U + "content.private"] + sorted(cats)) if cats else []
                if l != want:
                    errs.append(f"{table}.{c}: free-text label {l} != written {want}")
    bad = con.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        errs.append(f"foreign_key_check: {len(bad)} violations, e.g. {bad[:3]}")
    if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        errs.append("integrity_check failed")
    # checksums
    for (cc, nid) in con.execute(
            "SELECT CASE WHEN pays IN ('France','FR') THEN 'FR' WHEN pays IN ('Deutschland','DE') THEN 'DE' ELSE 'ES' END, "
            "numero_identite FROM clients"):
        ok = nir_valid(nid) if cc == "FR" else steuerid_valid(nid) if cc == "DE" else dni_valid(nid)
        if not ok:
            errs.append(f"clients national id invalid: {cc} {nid}")
    for (lang, nid) in con.execute("SELECT idioma, documento_identidad FROM empleados"):
        ok = nir_valid(nid) if lang == "fr" else steuerid_valid(nid) if lang == "de" else dni_valid(nid)
        if not ok:
            errs.append(f"empleados national id invalid: {nid}")
    for q in ['SELECT iban FROM clients WHERE iban IS NOT NULL', 'SELECT IBAN FROM Standorte',
              'SELECT Firmen_IBAN FROM Firmenkunden']:
        for (v,) in con.execute(q):
            if not iban_valid(v):
                errs.append(f"IBAN invalid: {v}")
    for v in TEXT_IBANS:
        if not iban_valid(v):
            errs.append(f"IBAN in text invalid: {v}")
    for (desc,) in con.execute("SELECT description FROM tickets_support"):
        for m in re.findall(r"\b(?:FR|DE|ES)\d{2}(?: ?[0-9A-Z]{4}){4,6}(?: ?[0-9A-Z]{1,3})?\b", desc):
            if not iban_valid(m):
                errs.append(f"IBAN in ticket text invalid: {m}")
    for (v,) in con.execute("SELECT ean FROM produits"):
        if not ean_valid(v):
            errs.append(f"EAN invalid: {v}")
    for (v,) in con.execute('SELECT UStIdNr FROM Firmenkunden'):
        if not vat_valid(v):
            errs.append(f"VAT id invalid: {v}")
    # free-text columns labelled [] must really be free of what we track: spot-check
    # that the non-personal text columns contain no e-mail address or IBAN
    for q in ["SELECT descripcion FROM campanas", "SELECT descriptif FROM produits"]:
        for (v,) in con.execute(q):
            if "@" in v or re.search(r"\b(FR|DE|ES)\d{2}", v):
                errs.append(f"non-personal text has personal-looking data: {v[:60]}")
    # IP-shaped versions really are IP-shaped
    for (v,) in con.execute("SELECT version_firmware FROM produits WHERE version_firmware IS NOT NULL"):
        if not all(0 <= int(x) <= 255 for x in v.split(".")) or v.count(".") != 3:
            errs.append(f"version not IP-shaped: {v}")
    return errs


def known_answers() -> list[str]:
    """Check the checksum helpers on published example values."""
    errs = []
    if not steuerid_valid("86095742719"):
        errs.append("Steuer-IdNr example failed")
    if not iban_valid("DE89370400440532013000"):
        errs.append("IBAN DE example failed")
    if not iban_valid("FR1420041010050500013M02606"):
        errs.append("IBAN FR example failed")
    if not iban_valid("ES9121000418450200051332"):
        errs.append("IBAN ES example failed")
    if not dni_valid("12345678Z") or not dni_valid("X1234567L"):
        errs.append("DNI/NIE example failed")
    if not nir_valid("255081416802538"):
        errs.append("NIR example failed")
    if not ean_valid("4006381333931"):
        errs.append("EAN example failed")
    if not vat_valid("FR40303265045") or not vat_valid("DE136695976"):
        errs.append("VAT example failed")
    return errs


def main() -> int:
    if os.path.exists(DB_PATH):
        os.remove(DB_PATH)
    con = sqlite3.connect(DB_PATH)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA page_size = 4096")
    create(con)
    with con:
        build(con)
    con.execute("VACUUM")
    labels = final_labels()
    write_labels(labels)

    errs = known_answers() + checks(con, labels)

    total = 0
    print(f"{'table':26s} rows")
    for table, _, _ in SCHEMA:
        n = con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        total += n
        print(f"{table:26s} {n:6d}")
    print(f"{'TOTAL':26s} {total:6d}")
    personal = sum(1 for cols in labels.values() for _, l in cols if l not in (DECOY, []))
    plain = sum(1 for cols in labels.values() for _, l in cols if l == [])
    decoy = sum(1 for cols in labels.values() for _, l in cols if l == DECOY)
    print(f"columns: {personal} personal, {plain} not personal, {decoy} decoy "
          f"({personal + plain + decoy} in all)")
    for (t, c), (n_text, n_pers) in FREE_STATS.items():
        print(f"free text {t}.{c}: {n_text} texts, {n_pers} with personal data "
              f"({n_text - n_pers} without); labels {dict(labels[t])[c]}")
    con.close()
    print(f"size: {os.path.getsize(DB_PATH) / 1e6:.1f} MB")
    if errs:
        print(f"{len(errs)} CHECK(S) FAILED:", file=sys.stderr)
        for e in errs[:50]:
            print("  " + e, file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
