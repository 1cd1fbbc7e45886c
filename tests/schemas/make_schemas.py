#!/usr/bin/env python3
"""Write the two independent labelled test schemas of ``tests/schemas/``.

* ``hr_pg.sql`` + ``hr_pg.labels.yaml``: HR and payroll of a company with offices in
  Germany, Spain, the Netherlands and Belgium (PostgreSQL, schemas ``hr`` and ``payroll``).
* ``shop_maria.sql`` + ``shop_maria.labels.yaml``: a Rails/Laravel-style web shop that
  sells in Europe, the US, Japan and Brazil (MariaDB, runs inside any database).

Everything comes from the hand-written lists below and ``random.Random(SEED)``; no
Faker. Identifiers that carry check digits in real life carry valid ones here: IBAN
(mod 97, plus the Spanish and Belgian national check digits and the Dutch 11-test),
Spanish DNI/NIE letter and social-security number, German Steuer-ID and
Rentenversicherungsnummer, Dutch BSN, Belgian national number, Brazilian CPF/CNPJ,
EAN-13, UPU S10 tracking numbers and Luhn.

Labels are written from the column declarations. A free-text column is labelled with
the union of the categories the generator actually put into its rows (``Txt`` values
carry them), so a label always matches the data.

    python tests/schemas/make_schemas.py           # rewrite the four files
    python tests/schemas/make_schemas.py --check   # exit 1 if they are out of date
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import string
import sys
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240415
TODAY = date(2024, 4, 15)
NOW = datetime(2024, 4, 15, 9, 41, 7)

# ---------------------------------------------------------------------------------------
# fideslang data categories used in the labels
# ---------------------------------------------------------------------------------------
UID = "user.unique_id"
NAME = "user.name"
FIRST = "user.name.first"
LAST = "user.name.last"
EMAIL = "user.contact.email"
PHONE = "user.contact.phone_number"
FAX = "user.contact.fax_number"
URL = "user.contact.url"
ADDRESS = "user.contact.address"
STREET = "user.contact.address.street"
CITY = "user.contact.address.city"
POSTAL = "user.contact.address.postal_code"
STATE = "user.contact.address.state"
COUNTRY = "user.contact.address.country"
DOB = "user.demographic.date_of_birth"
GENDER = "user.demographic.gender"
MARITAL = "user.demographic.marital_status"
RELIGION = "user.demographic.religious_belief"
LANGUAGE = "user.demographic.language"
BANK = "user.financial.bank_account"
CARD = "user.financial.credit_card"
NATID = "user.government_id.national_identification_number"
JOB = "user.job_title"
WORKPLACE = "user.workplace"
USERNAME = "user.account.username"
PASSWORD = "user.authorization.password"
CREDENTIALS = "user.authorization.credentials"
IP = "user.device.ip_address"
COOKIE = "user.device.cookie_id"
DEVICE_ID = "user.device.device_id"
DEVICE = "user.device"
PRECISE = "user.location.precise"
PRIVACY = "user.privacy_preferences"
PRIVATE = "user.content.private"
ADDRESS_PARTS = {STREET, CITY, POSTAL, STATE, COUNTRY}


def words(text: str) -> list[str]:
    """Split a comma-separated word list (entries may contain spaces)."""
    return [w.strip() for w in text.split(",") if w.strip()]


# ---------------------------------------------------------------------------------------
# Free text that knows what it contains
# ---------------------------------------------------------------------------------------
class Txt(str):
    """A string value that carries the personal-data categories it contains."""

    cats: frozenset[str]

    def __new__(cls, text: str, cats: Iterable[str] = ()) -> Txt:
        obj = super().__new__(cls, text)
        obj.cats = frozenset(cats)
        return obj


def txt(*parts: str) -> Txt:
    """Concatenate parts; categories of ``Txt`` parts are kept."""
    cats: set[str] = set()
    for p in parts:
        if isinstance(p, Txt):
            cats |= p.cats
    return Txt("".join(parts), cats)


def fill(template: str, **values: str) -> Txt:
    """``str.format`` for Txt values: the result carries the categories of the values used."""
    used = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    cats: set[str] = set()
    for k in used:
        v = values[k]
        if isinstance(v, Txt):
            cats |= v.cats
    return Txt(template.format(**values), cats)


# ---------------------------------------------------------------------------------------
# Names (hand-written; origin -> male first names, female first names, surnames)
# ---------------------------------------------------------------------------------------
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "de": (
        words("Lukas, Jonas, Maximilian, Felix, Paul, Leon, Tobias, Sebastian, Florian, Jan, "
              "Matthias, Stefan, Michael, Thomas, Andreas, Jürgen, Klaus, Uwe, Dieter, Jörg, "
              "Björn, Sören, Malte, Niklas, Moritz, Till, Johannes, Hans-Peter, Karl-Heinz, "
              "Ralf, Frank, Dirk, Henning, Bernd, Torsten, Fabian, Philipp, Benedikt"),
        words("Anna, Lena, Sophie, Marie, Julia, Laura, Katharina, Sabine, Petra, Ursula, "
              "Birgit, Anke, Jana, Franziska, Johanna, Hannah, Lea, Carolin, Sünje, Mareike, "
              "Jördis, Käthe, Dörte, Annegret, Heike, Susanne, Claudia, Nicole, Silke, Anja, "
              "Kerstin, Maren, Friederike, Charlotte, Greta, Theresa, Annika, Inga"),
        words("Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, "
              "Hoffmann, Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, "
              "Schwarz, Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, Schmitt, Werner, "
              "Krause, Meier, Lehmann, Köhler, Jäger, Groß, Günther, Vogt, Brandt, Haas, "
              "Schulte-Renger, von Bülow, Oßwald, Weiß, Ebert, Fuchs, Ludwig, Kühn, Böhm, "
              "Seidel, Dietrich, Franke, Thißen, Nüßlein, Heinemann, Albrecht, Sauer"),
    ),
    "es": (
        words("Alejandro, Javier, Pablo, Sergio, David, Daniel, Carlos, Jorge, Manuel, "
              "José Luis, Francisco Javier, Íñigo, Álvaro, Adrián, Rubén, Óscar, Jesús, "
              "Joaquín, Raúl, Iker, Jordi, Xavier, Pau, Marc, Enrique, Gonzalo, Ignacio, "
              "Aitor, Juan Carlos, Miguel Ángel"),
        words("María, Lucía, Carmen, Laura, Marta, Ana Belén, María José, Paula, Elena, "
              "Cristina, Sara, Nuria, Rocío, Begoña, Ainhoa, Montserrat, Núria, Mercè, "
              "Inmaculada, Pilar, Sofía, Irene, Aitana, Itziar, Macarena, Alba, Noelia, "
              "Patricia, María del Carmen, Leire"),
        words("García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, "
              "Gómez, Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, "
              "Alonso, Gutiérrez, Navarro, Torres, Domínguez, Vázquez, Ramos, Gil, Ramírez, "
              "Serrano, Blanco, Molina, Castro, Ortega, Rubio, Marín, Sanz, Iglesias, Núñez, "
              "Medina, Garrido, Etxeberria, Puig, Vilanova, Ferrer, Soler, Casals, Ibáñez, "
              "Peña, Cortés, Aguirre, Urrutia"),
    ),
    "nl": (
        words("Daan, Sem, Lucas, Bram, Thijs, Jeroen, Pieter, Willem, Joost, Bas, Sander, "
              "Ruben, Niels, Maarten, Koen, Teun, Gert-Jan, Hendrik, Sjoerd, Wouter, "
              "Jan-Willem, Tim, Rutger, Floris, Jasper, Stijn, Mark"),
        words("Emma, Julia, Sanne, Lotte, Anouk, Femke, Eva, Lieke, Marieke, Fleur, Noor, "
              "Saskia, Ingrid, Esther, Annelies, Mirjam, Ilse, Maaike, Floor, Roos, Joëlle, "
              "Inge, Anneke, Wilma, Yvonne, Ymke"),
        words("de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit, Meijer, "
              "de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, "
              "Brouwer, de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden, Kok, "
              "Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, "
              "de Bruijn, Schouten, van Beek, Willems, van Vliet, Hoekstra, Maas, Verhoeven, "
              "Koster, van Dam, van der Wal, Prins, Blom, Huisman, IJzerman, Kuijpers, "
              "in 't Veld, ter Horst, van 't Hof"),
    ),
    "be_nl": (
        words("Wout, Arne, Jens, Lander, Pieter-Jan, Stijn, Kobe, Senne, Ruben, Dries, Joris, "
              "Bert, Jef, Bart, Wim, Tom, Kristof, Sven"),
        words("Lies, Fien, Ellen, Griet, Hanne, Elke, Kaat, Lotte, Marthe, An, Nele, Ine, "
              "Sofie, Evelien, Katrien, Leen, Annelies, Jolien"),
        words("Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
              "De Smet, Van Damme, De Backer, Verstraete, Vandenberghe, Desmet, Van de Velde, "
              "Claeys, D'Hondt, Vanderstraeten, Van Hoof, De Clercq, Verbeke, Vermeersch, "
              "Dewulf, Van Acker"),
    ),
    "be_fr": (
        words("Mathieu, Julien, Thibault, Quentin, Benoît, Nicolas, Maxime, Arnaud, Grégory, "
              "François, Sébastien, Loïc"),
        words("Aurélie, Céline, Élodie, Margaux, Chloé, Amélie, Hélène, Sophie, Justine, "
              "Gaëlle, Anaïs, Valérie"),
        words("Dubois, Lambert, Dupont, Lemaire, Leclercq, Martin, Simon, Laurent, Renard, "
              "Lejeune, Dumont, Collard, Hubert, Jacquet, Gérard, François, Denis, Marchal"),
    ),
    "fr": (
        words("Lucas, Hugo, Louis, Gabriel, Arthur, Théo, Raphaël, Nathan, Mathis, Clément"),
        words("Léa, Manon, Camille, Chloé, Inès, Jade, Louise, Zoé, Lucie, Océane"),
        words("Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Lefèvre, "
              "Moreau, Laurent, Fournier, Girard, Bonnet, Mercier, Rousseau, Faure, Chevalier"),
    ),
    "br": (
        words("João, Pedro, Lucas, Gabriel, Mateus, Rafael, Gustavo, Felipe, Thiago, Bruno, "
              "Rodrigo, Caio, Vinícius, Luís Henrique, Guilherme, Leonardo, Diego, André, "
              "Marcelo, Fábio, Otávio, Heitor, Davi, Enzo, João Victor"),
        words("Ana, Maria Eduarda, Júlia, Beatriz, Larissa, Camila, Fernanda, Mariana, "
              "Letícia, Gabriela, Luíza, Isabela, Thaís, Aline, Patrícia, Vitória, Conceição, "
              "Ana Carolina, Bruna, Juliana, Raíssa, Lorena, Débora, Tatiane, Cecília"),
        words("Silva, Santos, Oliveira, Souza, Rodrigues, Ferreira, Alves, Pereira, Lima, "
              "Gomes, Costa, Ribeiro, Martins, Carvalho, Almeida, Lopes, Soares, Fernandes, "
              "Vieira, Barbosa, Rocha, Dias, Nascimento, Andrade, Moreira, Nunes, Marques, "
              "Machado, Mendes, Freitas, Cardoso, Ramos, Gonçalves, Araújo, Cavalcanti, "
              "Magalhães, Brandão, Assunção, Figueiredo, Teixeira"),
    ),
    "pt": (
        words("João, Tiago, Rui, Nuno, Diogo, Gonçalo, Miguel, Duarte"),
        words("Inês, Beatriz, Rita, Mariana, Catarina, Joana, Leonor, Sofia"),
        words("Ferreira, Pereira, Costa, Sousa, Gonçalves, Magalhães, Rodrigues, Martins, "
              "Fonseca, Carvalho, Pinto, Teixeira, Moura, Lopes"),
    ),
    "tr": (
        words("Mehmet, Ahmet, Mustafa, Emre, Burak, Can, Deniz, Hakan, Murat, Yusuf, Serkan, "
              "Oğuz, Kerem, Ömer"),
        words("Elif, Ayşe, Fatma, Zeynep, Emine, Selin, Gülşen, Büşra, Özlem, Şeyma, Derya, "
              "Merve, Hülya, Nur"),
        words("Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, "
              "Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Güneş"),
    ),
    "pl": (
        words("Piotr, Krzysztof, Tomasz, Paweł, Michał, Marcin, Łukasz, Grzegorz, Wojciech, "
              "Jakub, Mateusz, Bartosz"),
        words("Agnieszka, Małgorzata, Katarzyna, Magdalena, Joanna, Dorota, Ewa, Żaneta, "
              "Aleksandra, Justyna, Monika, Beata"),
        words("Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, "
              "Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, "
              "Kwiatkowski, Krawczyk, Piotrowski, Grabowski, Pawłowski, Michalski, Zając, "
              "Król, Wieczorek, Jabłoński, Wróbel, Sobczak"),
    ),
    "ma": (
        words("Mohamed, Youssef, Hamza, Rachid, Karim, Said, Mehdi, Amine, Ilyas, Omar, "
              "Abdelkader, Nabil"),
        words("Fatima, Khadija, Salma, Nadia, Samira, Imane, Soukaina, Meryem, Houda, Zineb, "
              "Naima, Hafsa"),
        words("El Amrani, Benali, El Idrissi, Bouzid, Alaoui, Tahiri, Bennani, Chaoui, "
              "El Khattabi, Ouali, Ait Benhaddou, Belhaj, Azzouzi, Boukhari, Lahlou, "
              "El Mansouri, Ziani, Haddad, Aarab, Bakkali"),
    ),
    "in": (
        words("Arjun, Rahul, Vikram, Aditya, Rohan, Karthik, Sanjay, Pradeep, Siddharth, "
              "Venkatesh, Anil, Nikhil"),
        words("Priya, Ananya, Deepika, Kavya, Lakshmi, Shreya, Pooja, Meera, Divya, Nandini, "
              "Aishwarya, Sneha"),
        words("Sharma, Patel, Iyer, Reddy, Nair, Gupta, Singh, Kumar, Rao, Menon, Krishnan, "
              "Agarwal, Banerjee, Chatterjee, Desai, Joshi, Mehta, Pillai, Subramanian, "
              "Venkataraman"),
    ),
    "cn": (
        words("Wei, Lei, Yang, Xiaoming, Jun, Hao, Qiang, Bo, Tao, Zhen"),
        words("Fang, Li Na, Jing, Hui, Min, Yan, Ling, Mei, Xin, Yu"),
        words("Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, "
              "Guo, Lin, He, Gao, Luo"),
    ),
    "jp": (
        words("Haruto, Yuto, Sota, Kenji, Takeshi, Hiroshi, Daiki, Ren, Shota, Kazuki"),
        words("Yui, Aoi, Sakura, Hina, Yuki, Mei, Akiko, Naoko, Keiko, Emi"),
        words("Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, "
              "Kato, Yoshida, Yamada, Sasaki, Matsumoto, Inoue, Kimura, Hayashi, Shimizu"),
    ),
    "ng": (
        words("Chinedu, Emeka, Oluwaseun, Adebayo, Tunde, Ifeanyi, Obinna, Babatunde, "
              "Chukwuemeka, Segun, Kelechi, Uche"),
        words("Ngozi, Chiamaka, Adaeze, Funmilayo, Yetunde, Folake, Amaka, Oluwakemi, Nneka, "
              "Bukola, Temitope, Ifeoma"),
        words("Okafor, Adeyemi, Okonkwo, Balogun, Nwosu, Eze, Ogunleye, Adebayo, Okoro, "
              "Chukwu, Olawale, Afolabi, Nwachukwu, Obi, Adewale, Onyekachi, Ibrahim, Bello, "
              "Abubakar, Oyelaran"),
    ),
    "ua": (
        words("Oleksandr, Dmytro, Andriy, Serhiy, Taras, Bohdan"),
        words("Olena, Iryna, Nataliia, Oksana, Yuliia, Tetiana"),
        words("Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boyko, "
              "Oliynyk, Marchenko, Rudenko"),
    ),
    "en": (
        words("James, Michael, Christopher, Daniel, Matthew, Ryan, Tyler, Brandon, Kevin, "
              "Oliver, Harry, George, Jack, Liam, Noah"),
        words("Olivia, Emily, Sarah, Jessica, Ashley, Megan, Hannah, Amelia, Isla, Grace, "
              "Chloe, Madison, Abigail, Sophie, Charlotte"),
        words("Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, "
              "Anderson, O'Brien, McAllister, Nguyen, Kim, Hernandez, Thompson, Walker, "
              "O'Connor, Evans, Roberts, Clarke, MacDonald"),
    ),
}

# Some people write their name in its own script: (origin, sex, first, last, first
# in script, last in script). CJK full names are written family name first.
NATIVE: list[tuple[str, str, str, str, str, str]] = [
    ("cn", "m", "Wei", "Wang", "伟", "王"),
    ("cn", "f", "Na", "Li", "娜", "李"),
    ("cn", "f", "Min", "Zhang", "敏", "张"),
    ("cn", "f", "Jing", "Chen", "静", "陈"),
    ("cn", "m", "Yang", "Liu", "洋", "刘"),
    ("cn", "m", "Lei", "Huang", "磊", "黄"),
    ("cn", "f", "Hui", "Zhao", "慧", "赵"),
    ("cn", "m", "Jun", "Zhou", "军", "周"),
    ("jp", "f", "Yui", "Sato", "結衣", "佐藤"),
    ("jp", "m", "Haruto", "Suzuki", "陽翔", "鈴木"),
    ("jp", "m", "Kenji", "Takahashi", "健二", "高橋"),
    ("jp", "f", "Aoi", "Tanaka", "葵", "田中"),
    ("jp", "m", "Hiroshi", "Yamamoto", "博", "山本"),
    ("jp", "f", "Sakura", "Nakamura", "さくら", "中村"),
    ("jp", "m", "Takeshi", "Kobayashi", "武", "小林"),
    ("jp", "f", "Akiko", "Ito", "明子", "伊藤"),
    ("jp", "f", "Naoko", "Watanabe", "直子", "渡辺"),
    ("ua", "f", "Olena", "Shevchenko", "Олена", "Шевченко"),
    ("ua", "m", "Dmytro", "Kovalenko", "Дмитро", "Коваленко"),
    ("ua", "f", "Iryna", "Bondarenko", "Ірина", "Бондаренко"),
    ("ua", "m", "Andriy", "Melnyk", "Андрій", "Мельник"),
    ("ma", "m", "Youssef", "El Amrani", "يوسف", "العمراني"),
    ("ma", "f", "Fatima", "Bennani", "فاطمة", "بناني"),
    ("ma", "m", "Karim", "Alaoui", "كريم", "العلوي"),
    ("in", "f", "Priya", "Sharma", "प्रिया", "शर्मा"),
    ("in", "m", "Rahul", "Gupta", "राहुल", "गुप्ता"),
    ("in", "f", "Lakshmi", "Iyer", "லட்சுமி", "ஐயர்"),
]
CJK = {"cn", "jp"}

NICKNAMES = {
    "Maximilian": "Max", "Alejandro": "Álex", "Francisco Javier": "Javi", "Katharina": "Kathi",
    "Johannes": "Hannes", "Oluwaseun": "Seun", "Chukwuemeka": "Emeka", "Venkatesh": "Venky",
    "Mohamed": "Mo", "Małgorzata": "Gosia", "Krzysztof": "Krzysiek", "Aleksandra": "Ola",
    "Gert-Jan": "GJ", "Xiaoming": "Ming", "Wei": "David", "Haruto": "Haru",
    "Friederike": "Frieda", "Hans-Peter": "Hape", "Enrique": "Quique", "Ignacio": "Nacho",
    "María del Carmen": "Mamen", "Babatunde": "Tunde", "Jan-Willem": "Jan", "Inmaculada": "Inma",
    "Alexander": "Alex", "Christopher": "Chris", "Funmilayo": "Funmi", "Oleksandr": "Sasha",
}

DUTCH_PREFIXES = ("van der ", "van den ", "van de ", "van 't ", "in 't ", "van ", "de ", "ter ")


@dataclass
class Person:
    first: str
    last: str
    sex: str  # "m" | "f" | "d"
    origin: str
    first_native: str | None = None
    last_native: str | None = None

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def native_full(self) -> str | None:
        if not self.first_native or not self.last_native:
            return None
        if self.origin in CJK:
            return f"{self.last_native}{'' if self.origin == 'cn' else ' '}{self.first_native}"
        return f"{self.first_native} {self.last_native}"

    def split_dutch(self) -> tuple[str | None, str]:
        """(tussenvoegsel, achternaam) as Dutch registers keep them."""
        for pre in DUTCH_PREFIXES:
            if self.last.startswith(pre):
                return pre.strip(), self.last[len(pre):]
        return None, self.last


PT_PARTICLES = {"Silva": "da", "Souza": "de", "Santos": "dos", "Oliveira": "de", "Costa": "da",
                "Almeida": "de", "Nascimento": "do", "Assunção": "da", "Sousa": "de",
                "Magalhães": "de", "Freitas": "de", "Araújo": "de", "Andrade": "de"}


def feminine_polish(last: str) -> str:
    for m, f in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if last.endswith(m):
            return last[: -len(m)] + f
    return last


def make_person(rng: random.Random, origin: str, sex: str | None = None,
                native_share: float = 0.12) -> Person:
    sex = sex or rng.choice("mf")
    natives = [n for n in NATIVE if n[0] == origin and n[1] == sex]
    if natives and rng.random() < native_share:
        _, s, first, last, fn, ln = rng.choice(natives)
        return Person(first, last, s, origin, fn, ln)
    male, female, lasts = NAMES[origin]
    first = rng.choice(male if sex == "m" else female)
    last = rng.choice(lasts)
    if origin == "es":
        last = f"{last} {rng.choice([x for x in lasts if x != last])}"
    elif origin in ("br", "pt"):
        if rng.random() < 0.2 and " " not in first:
            second = rng.choice([x for x in (male if sex == "m" else female)
                                 if " " not in x and x != first])
            first = f"{first} {second}"
        parts = rng.sample(lasts, rng.choice((1, 2, 2)))
        parts = [f"{PT_PARTICLES[x]} {x}" if x in PT_PARTICLES and rng.random() < 0.35 else x
                 for x in parts]
        last = " ".join(parts)
    elif origin == "pl" and sex == "f":
        last = feminine_polish(last)
    return Person(first, last, sex, origin)


def pick_weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# ---------------------------------------------------------------------------------------
# Transliteration, e-mail addresses, user names
# ---------------------------------------------------------------------------------------
GERMAN_TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                   "ß": "ss", "ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ø": "o", "æ": "ae",
                   "Ø": "O", "Æ": "Ae", "đ": "d"}


def ascii_fold(s: str, german: bool = True) -> str:
    if german:
        s = "".join(GERMAN_TRANSLIT.get(ch, ch) for ch in s)
    else:
        s = "".join(GERMAN_TRANSLIT.get(ch, ch) if ch in "łŁıİøæØÆđß" else ch for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def slug(s: str, german: bool = True, sep: str = "") -> str:
    s = ascii_fold(s, german).lower()
    s = re.sub(r"[^a-z0-9]+", sep, s)
    return s.strip(sep) if sep else s


MAIL_DOMAINS = {
    "DE": {"gmx.de": 5, "web.de": 5, "t-online.de": 3, "gmail.com": 6, "posteo.de": 1,
           "outlook.de": 2, "icloud.com": 1, "mailbox.org": 1, "yahoo.de": 1},
    "ES": {"gmail.com": 8, "hotmail.com": 4, "hotmail.es": 3, "yahoo.es": 2,
           "outlook.es": 2, "telefonica.net": 1},
    "NL": {"gmail.com": 6, "hotmail.com": 3, "ziggo.nl": 2, "kpnmail.nl": 2, "live.nl": 1,
           "outlook.com": 2, "xs4all.nl": 1},
    "BE": {"gmail.com": 6, "telenet.be": 3, "skynet.be": 1, "hotmail.com": 2,
           "proximus.be": 1, "outlook.be": 1},
    "FR": {"gmail.com": 5, "orange.fr": 3, "free.fr": 2, "laposte.net": 1, "hotmail.fr": 2},
    "PT": {"gmail.com": 6, "sapo.pt": 2, "hotmail.com": 2},
    "BR": {"gmail.com": 9, "hotmail.com": 4, "yahoo.com.br": 2, "uol.com.br": 2,
           "bol.com.br": 1, "terra.com.br": 1, "outlook.com": 2},
    "US": {"gmail.com": 8, "yahoo.com": 3, "outlook.com": 2, "icloud.com": 2, "aol.com": 1},
    "GB": {"gmail.com": 6, "hotmail.co.uk": 3, "btinternet.com": 2, "outlook.com": 2},
    "JP": {"gmail.com": 4, "yahoo.co.jp": 4, "docomo.ne.jp": 1, "icloud.com": 2},
}


def private_email(rng: random.Random, p: Person, country: str, taken: set[str]) -> str:
    german = country in ("DE", "NL", "BE")
    f = slug(p.first.split()[0].split("-")[0], german)
    last_words = p.last.split()
    main_last = last_words[0] if p.origin in ("es",) else last_words[-1]
    if p.origin == "nl" or p.origin == "be_nl":
        main_last = p.last
    ln = slug(main_last, german)
    yy = rng.choice((rng.randint(60, 99), rng.randint(0, 9), rng.randint(1, 999)))
    styles = [f"{f}.{ln}", f"{f[0]}.{ln}", f"{f}{ln}", f"{ln}.{f}", f"{f}_{ln}{yy}",
              f"{f}{ln[0]}{yy}", f"{f}.{ln}{yy}", f"{f}-{ln}", f"{ln}{f[0]}"]
    domains = MAIL_DOMAINS.get(country, MAIL_DOMAINS["DE"])
    for _ in range(50):
        local = rng.choice(styles)
        dom = pick_weighted(rng, domains)
        addr = f"{local}@{dom}"
        if addr.lower() not in taken:
            taken.add(addr.lower())
            if rng.random() < 0.03:
                addr = f"{local.title()}@{dom.upper() if rng.random() < 0.5 else dom}"
            return addr
        styles.append(f"{f}.{ln}{rng.randint(1, 9999)}")
    raise RuntimeError("could not find a free e-mail address")


def username_for(rng: random.Random, p: Person, taken: set[str]) -> str:
    f = slug(p.first.split()[0])
    ln = slug(p.last.split()[-1])
    for _ in range(50):
        u = rng.choice((f"{f}_{ln[:1]}", f"{f}{rng.randint(1, 99)}", f"{f}.{ln}",
                        f"{ln}{f[:1]}", f"{f}_{ln}", f"the_{f}",
                        f"{f}{ln[:3]}{rng.randint(70, 99)}"))
        if u not in taken:
            taken.add(u)
            return u
    raise RuntimeError("no free user name")


# ---------------------------------------------------------------------------------------
# Phone numbers, per country, in the formats people actually type
# ---------------------------------------------------------------------------------------
def digits(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def group(s: str, sizes: Sequence[int], sep: str = " ") -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(x for x in out if x)


DE_AREAS = {"Berlin": "30", "Potsdam": "331", "München": "89", "Hamburg": "40",
            "Frankfurt am Main": "69", "Köln": "221", "Stuttgart": "711", "Düsseldorf": "211",
            "Leipzig": "341", "Fürth": "911", "Offenbach am Main": "69"}
ES_AREAS = {"Madrid": "91", "Barcelona": "93", "València": "96", "Sevilla": "95",
            "Bilbao": "94", "Zaragoza": "976"}
NL_AREAS = {"Amsterdam": "20", "Rotterdam": "10", "Utrecht": "30", "Den Haag": "70",
            "Haarlem": "23", "Leiden": "71", "Delft": "15"}
BE_AREAS = {"Brussel": "2", "Antwerpen": "3", "Gent": "9", "Leuven": "16", "Brugge": "50",
            "Liège": "4", "Namur": "81", "Mechelen": "15"}
BR_DDD = {"São Paulo": "11", "Campinas": "19", "Rio de Janeiro": "21", "Niterói": "21",
          "Belo Horizonte": "31", "Curitiba": "41", "Porto Alegre": "51", "Salvador": "71",
          "Recife": "81", "Fortaleza": "85", "Brasília": "61", "Florianópolis": "48"}


def phone_de(rng: random.Random, mobile: bool, city: str = "Berlin") -> str:
    if mobile:
        pre = rng.choice(("151", "152", "157", "159", "160", "162", "163", "170", "171",
                          "172", "173", "174", "175", "176", "177", "178", "179"))
        sub = digits(rng, 8 if pre.startswith("15") else rng.choice((7, 8)))
        return rng.choice((
            f"+49 {pre} {sub}", f"0{pre} {sub}", f"0{pre}-{sub}", f"+49{pre}{sub}",
            f"0{pre}/{sub}", f"+49 (0){pre} {group(sub, (4, 4))}",
            f"0{pre} {group(sub, (3, 4) if len(sub) == 7 else (4, 4))}",
        ))
    area = DE_AREAS.get(city, "30")
    sub = digits(rng, 8 - max(0, len(area) - 2), first_nonzero=True)
    return rng.choice((f"0{area} {sub}", f"0{area}/{sub}", f"+49 {area} {sub}",
                       f"(0{area}) {group(sub, {6: (3, 3), 7: (3, 2, 2)}.get(len(sub), (4, 4)))}",
                       f"0{area}-{sub}",
                       f"+49 ({area}) {sub}"))


def phone_es(rng: random.Random, mobile: bool, city: str = "Madrid") -> str:
    if mobile:
        n = "6" + digits(rng, 8) if rng.random() < 0.92 else \
            "7" + rng.choice("1234") + digits(rng, 7)
    else:
        area = ES_AREAS.get(city, "91")
        n = area + digits(rng, 9 - len(area), first_nonzero=True)
    if mobile:
        return rng.choice((f"+34 {group(n, (3, 2, 2, 2))}", group(n, (3, 2, 2, 2)), n,
                           f"+34{n}", group(n, (3, 3, 3)), f"0034 {n}",
                           f"+34 {group(n, (3, 3, 3))}"))
    return rng.choice((f"+34 {group(n, (2, 3, 2, 2))}", group(n, (2, 3, 2, 2)), n,
                       group(n, (3, 3, 3)), f"+34 {n}"))


def phone_nl(rng: random.Random, mobile: bool, city: str = "Amsterdam") -> str:
    if mobile:
        sub = rng.choice("12345") + digits(rng, 7)
        return rng.choice((f"06-{sub}", f"06 {sub}", f"+31 6 {sub}", f"+316{sub}",
                           f"06 {group(sub, (4, 4))}", f"0031 6 {sub}", f"+31 (0)6 {sub}",
                           f"06-{group(sub, (2, 2, 2, 2))}"))
    area = NL_AREAS.get(city, "20")
    sub = digits(rng, 9 - len(area), first_nonzero=True)
    return rng.choice((f"0{area}-{sub}", f"0{area} {group(sub, (3, 4))}",
                       f"+31 {area} {group(sub, (3, 4))}", f"0{area}{sub}"))


def phone_be(rng: random.Random, mobile: bool, city: str = "Brussel") -> str:
    if mobile:
        n = "4" + rng.choice("56789") + digits(rng, 7)
        return rng.choice((f"0{group(n, (3, 2, 2, 2))}", f"+32 {group(n, (3, 2, 2, 2))}",
                           f"+32{n}", f"0{n[:3]}/{n[3:5]}.{n[5:7]}.{n[7:]}", f"0{n}",
                           f"0032 {group(n, (3, 2, 2, 2))}"))
    area = BE_AREAS.get(city, "2")
    n = area + rng.choice("23") + digits(rng, 7 - len(area))
    sizes = (1, 3, 2, 2) if len(area) == 1 else (2, 2, 2, 2)
    return rng.choice((f"0{group(n, sizes)}", f"+32 {group(n, sizes)}", f"0{area}/{n[len(area):]}"))


def phone_br(rng: random.Random, mobile: bool, city: str = "São Paulo") -> str:
    ddd = BR_DDD.get(city, "11")
    if mobile:
        sub = "9" + rng.choice("6789") + digits(rng, 7)
        return rng.choice((f"+55 {ddd} {sub[:5]}-{sub[5:]}", f"({ddd}) {sub[:5]}-{sub[5:]}",
                           f"{ddd}{sub}", f"+55{ddd}{sub}", f"({ddd}) 9 {sub[1:5]}-{sub[5:]}",
                           f"{ddd} {sub[:5]} {sub[5:]}", f"({ddd}){sub}"))
    sub = rng.choice("2345") + digits(rng, 7)
    return rng.choice((f"({ddd}) {sub[:4]}-{sub[4:]}", f"+55 {ddd} {sub[:4]}-{sub[4:]}",
                       f"{ddd} {sub}"))


def phone_us(rng: random.Random, mobile: bool, city: str = "") -> str:
    area = rng.choice(("415", "628", "212", "646", "512", "206", "312", "305", "617", "303"))
    exch = rng.choice("23456789") + digits(rng, 2)
    if exch[1:] == "11" or exch == "555":
        exch = "734"
    line = digits(rng, 4)
    return rng.choice((f"+1 {area}-{exch}-{line}", f"({area}) {exch}-{line}",
                       f"{area}.{exch}.{line}", f"{area}{exch}{line}",
                       f"+1 ({area}) {exch}-{line}"))


def phone_gb(rng: random.Random, mobile: bool, city: str = "") -> str:
    if mobile:
        n = "7" + rng.choice(("4", "5", "7", "8", "92", "93", "95", "96"))
        n += digits(rng, 10 - len(n))
        return rng.choice((f"0{n[:4]} {n[4:]}", f"+44 {n[:4]} {n[4:]}", f"+44{n}", f"0{n}"))
    n = "20" + rng.choice("378") + digits(rng, 7)
    return rng.choice((f"0{n[:2]} {n[2:6]} {n[6:]}", f"+44 {n[:2]} {n[2:6]} {n[6:]}"))


def phone_fr(rng: random.Random, mobile: bool, city: str = "") -> str:
    n = (rng.choice(("6", "6", "73", "75", "78")) + rng.choice("12345678") if mobile
         else rng.choice("1245") + rng.choice("3478"))
    n += digits(rng, 9 - len(n))
    return rng.choice((f"0{group(n, (1, 2, 2, 2, 2))}", f"+33 {group(n, (1, 2, 2, 2, 2))}",
                       f"0{n}", f"+33{n}", f"0{group(n, (1, 2, 2, 2, 2), '.')}"))


def phone_pt(rng: random.Random, mobile: bool, city: str = "") -> str:
    n = ("9" + rng.choice("1236") + digits(rng, 7)) if mobile else ("21" + digits(rng, 7))
    return rng.choice((f"+351 {group(n, (3, 3, 3))}", group(n, (3, 3, 3)), n, f"+351{n}"))


def phone_jp(rng: random.Random, mobile: bool, city: str = "") -> str:
    if mobile:
        n = rng.choice(("90", "80", "70")) + digits(rng, 8, first_nonzero=True)
        return rng.choice((f"0{n[:2]}-{n[2:6]}-{n[6:]}", f"+81 {n[:2]}-{n[2:6]}-{n[6:]}",
                           f"0{n}"))
    n = "3" + digits(rng, 8, first_nonzero=True)
    return rng.choice((f"0{n[:1]}-{n[1:5]}-{n[5:]}", f"+81 {n[:1]}-{n[1:5]}-{n[5:]}"))


PHONE_BY_COUNTRY = {"DE": phone_de, "ES": phone_es, "NL": phone_nl, "BE": phone_be,
                    "BR": phone_br, "US": phone_us, "GB": phone_gb, "FR": phone_fr,
                    "PT": phone_pt, "JP": phone_jp}


def phone(rng: random.Random, country: str, mobile: bool = True, city: str = "") -> str:
    fn = PHONE_BY_COUNTRY[country]
    return fn(rng, mobile, city) if city else fn(rng, mobile)


# ---------------------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class City:
    country: str
    name: str
    state: str | None
    plz: tuple[int, int]
    lat: float
    lon: float


CITIES: dict[str, list[City]] = {
    "DE": [
        City("DE", "Berlin", "Berlin", (10115, 14199), 52.52, 13.405),
        City("DE", "Potsdam", "Brandenburg", (14467, 14482), 52.39, 13.065),
        City("DE", "München", "Bayern", (80331, 81929), 48.137, 11.575),
        City("DE", "Hamburg", "Hamburg", (20095, 22769), 53.551, 9.993),
        City("DE", "Köln", "Nordrhein-Westfalen", (50667, 51149), 50.938, 6.96),
        City("DE", "Frankfurt am Main", "Hessen", (60306, 60599), 50.11, 8.682),
        City("DE", "Leipzig", "Sachsen", (4103, 4357), 51.34, 12.375),
        City("DE", "Stuttgart", "Baden-Württemberg", (70173, 70619), 48.776, 9.183),
        City("DE", "Düsseldorf", "Nordrhein-Westfalen", (40210, 40629), 51.227, 6.774),
        City("DE", "Fürth", "Bayern", (90762, 90768), 49.477, 10.989),
        City("DE", "Offenbach am Main", "Hessen", (63065, 63075), 50.1, 8.766),
    ],
    "ES": [
        City("ES", "Madrid", "Madrid", (28001, 28055), 40.417, -3.704),
        City("ES", "Getafe", "Madrid", (28901, 28909), 40.305, -3.732),
        City("ES", "Alcobendas", "Madrid", (28100, 28109), 40.547, -3.642),
        City("ES", "Barcelona", "Barcelona", (8001, 8042), 41.385, 2.173),
        City("ES", "L'Hospitalet de Llobregat", "Barcelona", (8901, 8908), 41.36, 2.1),
        City("ES", "València", "Valencia", (46001, 46026), 39.47, -0.376),
        City("ES", "Sevilla", "Sevilla", (41001, 41020), 37.389, -5.984),
        City("ES", "Bilbao", "Bizkaia", (48001, 48015), 43.263, -2.935),
        City("ES", "Zaragoza", "Zaragoza", (50001, 50021), 41.649, -0.889),
    ],
    "NL": [
        City("NL", "Amsterdam", "Noord-Holland", (1011, 1109), 52.37, 4.895),
        City("NL", "Amstelveen", "Noord-Holland", (1181, 1189), 52.303, 4.863),
        City("NL", "Haarlem", "Noord-Holland", (2011, 2037), 52.387, 4.646),
        City("NL", "Rotterdam", "Zuid-Holland", (3011, 3089), 51.924, 4.478),
        City("NL", "Den Haag", "Zuid-Holland", (2491, 2597), 52.07, 4.3),
        City("NL", "'s-Gravenhage", "Zuid-Holland", (2491, 2597), 52.08, 4.31),
        City("NL", "Utrecht", "Utrecht", (3511, 3585), 52.09, 5.121),
        City("NL", "Leiden", "Zuid-Holland", (2311, 2334), 52.16, 4.497),
        City("NL", "Delft", "Zuid-Holland", (2611, 2629), 52.012, 4.357),
    ],
    "BE": [
        City("BE", "Brussel", "Brussels Hoofdstedelijk Gewest", (1000, 1000), 50.847, 4.357),
        City("BE", "Bruxelles", "Région de Bruxelles-Capitale", (1000, 1000), 50.846, 4.352),
        City("BE", "Ixelles", "Région de Bruxelles-Capitale", (1050, 1050), 50.827, 4.372),
        City("BE", "Schaerbeek", "Région de Bruxelles-Capitale", (1030, 1030), 50.867, 4.378),
        City("BE", "Antwerpen", "Antwerpen", (2000, 2060), 51.219, 4.402),
        City("BE", "Gent", "Oost-Vlaanderen", (9000, 9052), 51.054, 3.717),
        City("BE", "Leuven", "Vlaams-Brabant", (3000, 3012), 50.879, 4.7),
        City("BE", "Mechelen", "Antwerpen", (2800, 2801), 51.026, 4.477),
        City("BE", "Brugge", "West-Vlaanderen", (8000, 8000), 51.209, 3.224),
        City("BE", "Liège", "Liège", (4000, 4032), 50.633, 5.567),
        City("BE", "Namur", "Namur", (5000, 5004), 50.467, 4.867),
    ],
    "BR": [
        City("BR", "São Paulo", "SP", (1000, 5999), -23.55, -46.633),
        City("BR", "Campinas", "SP", (13010, 13099), -22.907, -47.063),
        City("BR", "Rio de Janeiro", "RJ", (20000, 23799), -22.907, -43.173),
        City("BR", "Niterói", "RJ", (24000, 24399), -22.883, -43.104),
        City("BR", "Belo Horizonte", "MG", (30110, 31999), -19.917, -43.934),
        City("BR", "Curitiba", "PR", (80010, 82999), -25.429, -49.271),
        City("BR", "Porto Alegre", "RS", (90010, 91999), -30.035, -51.218),
        City("BR", "Salvador", "BA", (40010, 42499), -12.971, -38.501),
        City("BR", "Recife", "PE", (50010, 52999), -8.048, -34.877),
        City("BR", "Fortaleza", "CE", (60010, 61599), -3.732, -38.527),
        City("BR", "Brasília", "DF", (70000, 72799), -15.794, -47.882),
        City("BR", "Florianópolis", "SC", (88010, 88099), -27.595, -48.548),
    ],
    "US": [
        City("US", "San Francisco", "CA", (94102, 94134), 37.774, -122.419),
        City("US", "New York", "NY", (10001, 10282), 40.713, -74.006),
        City("US", "Brooklyn", "NY", (11201, 11239), 40.678, -73.944),
        City("US", "Austin", "TX", (78701, 78759), 30.267, -97.743),
        City("US", "Seattle", "WA", (98101, 98199), 47.606, -122.332),
        City("US", "Chicago", "IL", (60601, 60661), 41.878, -87.63),
        City("US", "Miami", "FL", (33125, 33199), 25.762, -80.192),
    ],
    "GB": [
        City("GB", "London", None, (0, 0), 51.507, -0.128),
        City("GB", "Manchester", None, (0, 0), 53.48, -2.242),
        City("GB", "Bristol", None, (0, 0), 51.455, -2.588),
        City("GB", "Edinburgh", None, (0, 0), 55.953, -3.188),
    ],
    "FR": [
        City("FR", "Paris", None, (75001, 75020), 48.857, 2.352),
        City("FR", "Lyon", None, (69001, 69009), 45.764, 4.836),
        City("FR", "Marseille", None, (13001, 13016), 43.297, 5.37),
        City("FR", "Lille", None, (59000, 59800), 50.629, 3.057),
    ],
    "PT": [
        City("PT", "Lisboa", None, (1000, 1998), 38.722, -9.139),
        City("PT", "Porto", None, (4000, 4369), 41.158, -8.629),
    ],
    "JP": [
        City("JP", "渋谷区", "東京都", (150, 151), 35.664, 139.698),
        City("JP", "世田谷区", "東京都", (154, 158), 35.646, 139.653),
        City("JP", "大阪市北区", "大阪府", (530, 531), 34.705, 135.498),
        City("JP", "Minato-ku", "Tokyo", (105, 108), 35.658, 139.751),
    ],
}

# Generic street names per country (or language area), and streets of particular cities.
STREETS = {
    "DE": words("Hauptstraße, Bahnhofstraße, Goethestraße, Schillerstraße, Lindenstraße, "
                "Am Markt, Gartenweg, Mühlenweg, Dorfstraße, Rosenstraße, Ringstraße, "
                "Unter den Eichen, Auf dem Hügel, Theodor-Heuss-Ring, Friedrich-Ebert-Str., "
                "Kirchgasse, Am Sportplatz, Blumenstr."),
    "ES": words("C/ Mayor, Avenida de la Constitución, Plaza de España, Camino de Ronda, "
                "Calle Real, Calle Nueva, Avda. de Andalucía, Calle San Antonio"),
    "NL": words("Stationsweg, Kerkstraat, Dorpsstraat, Molenweg, Schoolstraat, Julianalaan, "
                "Wilhelminastraat, Beatrixlaan, Industrieweg"),
    "BE_nl": words("Kerkstraat, Stationsstraat, Molenstraat, Dorpsstraat, Schoolstraat, "
                   "Nieuwstraat, Kapelstraat"),
    "BE_fr": words("Rue de la Station, Rue de l'Église, Rue du Moulin, Chaussée de Louvain, "
                   "Avenue des Tilleuls, Rue Haute"),
    "BR": words("Rua das Flores, Avenida Getúlio Vargas, Rua São João, Rua Sete de Setembro, "
                "Rua Tiradentes, Avenida Brasil, Rua Santos Dumont, Rua Dom Pedro II"),
    "US": words("Main Street, Elm Street, Oak Ave, Maple Dr, 2nd St, Park Ave, Washington Blvd"),
    "GB": words("High Street, Church Road, Station Road, Victoria Road, Mill Lane, Park Road, "
                "The Crescent"),
    "FR": words("rue de la République, avenue Jean Jaurès, rue Victor Hugo, rue Nationale, "
                "rue Pasteur, place de la Mairie"),
    "PT": words("Rua Direita, Avenida da República, Rua 25 de Abril, Rua da Liberdade"),
    "JP": words("本町, 中央, 栄町"),
}
STREETS_BY_CITY = {
    "Berlin": words("Kastanienallee, Schönhauser Allee, Kurfürstendamm, Sonnenallee, Torstraße, "
                    "Weserstraße, Karl-Marx-Allee, Bergmannstraße, Prenzlauer Allee, "
                    "Boxhagener Str., Am Kupfergraben, Müllerstraße"),
    "Potsdam": words("Brandenburger Straße, Zeppelinstraße, Großbeerenstraße"),
    "München": words("Leopoldstraße, Sendlinger Straße, Schellingstraße, Nymphenburger Str., "
                     "Rosenheimer Straße"),
    "Hamburg": words("Eppendorfer Weg, Osterstraße, Große Bergstraße, Lange Reihe, "
                     "Mühlenkamp"),
    "Köln": words("Zülpicher Str., Aachener Straße, Venloer Straße"),
    "Frankfurt am Main": words("Berger Straße, Schweizer Straße, Leipziger Straße"),
    "Leipzig": words("Karl-Liebknecht-Str., Eisenbahnstraße, Gohliser Straße"),
    "Stuttgart": words("Königstraße, Tübinger Straße"),
    "Düsseldorf": words("Königsallee, Lorettostraße, Nordstraße"),
    "Fürth": words("Königswarterstraße, Gustavstraße"),
    "Offenbach am Main": words("Frankfurter Straße, Bieberer Straße"),
    "Madrid": words("Calle de Alcalá, Calle Gran Vía, Calle de Bravo Murillo, "
                    "Paseo de las Delicias, Calle de Embajadores, Calle de Toledo, "
                    "Calle del Doctor Esquerdo, Calle de Arturo Soria, Calle de López de Hoyos"),
    "Getafe": words("Calle Madrid, Avenida de las Ciudades"),
    "Alcobendas": words("Calle Marquesa Viuda de Aldama, Avenida de España"),
    "Barcelona": words("Carrer de Mallorca, Carrer de Sants, Passeig de Sant Joan, "
                       "Avinguda Diagonal, Carrer de Balmes, Carrer de Verdi, Carrer del Consell "
                       "de Cent, Rambla del Poblenou"),
    "L'Hospitalet de Llobregat": words("Rambla de la Marina, Carrer d'Enric Prat de la Riba, "
                                       "Avinguda del Carrilet"),
    "València": words("Carrer de Colón, Avinguda del Port, Carrer de Russafa"),
    "Sevilla": words("Calle Sierpes, Avenida de la Constitución, Calle Feria"),
    "Bilbao": words("Calle Ercilla, Gran Vía de Don Diego López de Haro, Calle Autonomía"),
    "Zaragoza": words("Calle Alfonso I, Paseo de la Independencia, Calle Delicias"),
    "Amsterdam": words("Prinsengracht, Kalverstraat, Overtoom, Van Woustraat, Javastraat, "
                       "Ferdinand Bolstraat, Eerste Helmersstraat, Spui, Bilderdijkstraat"),
    "Amstelveen": words("Amsterdamseweg, Stadsplein, Bovenkerkerweg"),
    "Haarlem": words("Grote Houtstraat, Kleine Houtweg, Zijlweg"),
    "Rotterdam": words("Coolsingel, Nieuwe Binnenweg, Witte de Withstraat, Zwart Janstraat, "
                       "Beijerlandselaan"),
    "Den Haag": words("Lange Voorhout, Laan van Meerdervoort, Weimarstraat, Frederik Hendriklaan"),
    "'s-Gravenhage": words("Laan van Meerdervoort, Weimarstraat, Fahrenheitstraat"),
    "Utrecht": words("Oudegracht, Biltstraat, Amsterdamsestraatweg"),
    "Leiden": words("Breestraat, Haarlemmerstraat, Hooigracht"),
    "Delft": words("Oude Delft, Voorstraat, Phoenixstraat"),
    "Brussel": words("Anspachlaan, Nieuwstraat, Vlaamsesteenweg, Dansaertstraat"),
    "Bruxelles": words("Rue Neuve, Boulevard Anspach, Rue de la Loi, Rue Haute"),
    "Ixelles": words("Avenue Louise, Chaussée de Wavre, Place Flagey, Rue du Bailli"),
    "Schaerbeek": words("Chaussée de Haecht, Avenue Rogier, Rue Royale Sainte-Marie"),
    "Antwerpen": words("Meir, Turnhoutsebaan, Lange Kievitstraat, De Keyserlei, Kloosterstraat"),
    "Gent": words("Veldstraat, Korenmarkt, Kortrijksesteenweg, Overpoortstraat"),
    "Leuven": words("Bondgenotenlaan, Naamsestraat, Tiensestraat"),
    "Mechelen": words("Bruul, IJzerenleen, Brusselsesteenweg"),
    "Brugge": words("Steenstraat, Langestraat, Smedenstraat"),
    "Liège": words("Rue des Guillemins, Boulevard d'Avroy, Rue Saint-Gilles"),
    "Namur": words("Rue de Fer, Chaussée de Louvain, Rue de l'Ange"),
    "São Paulo": words("Rua Augusta, Avenida Paulista, Rua Oscar Freire, Rua da Consolação, "
                       "Rua Teodoro Sampaio, Rua Haddock Lobo, Avenida Brigadeiro Faria Lima, "
                       "Rua Barão de Itapetininga, Alameda Santos, Rua Bela Cintra"),
    "Rio de Janeiro": words("Avenida Atlântica, Rua Voluntários da Pátria, Travessa do Ouvidor, "
                            "Rua Visconde de Pirajá, Rua Conde de Bonfim"),
    "Belo Horizonte": words("Avenida Afonso Pena, Rua da Bahia, Avenida do Contorno"),
    "Curitiba": words("Rua XV de Novembro, Avenida Sete de Setembro, Rua Comendador Araújo"),
    "Porto Alegre": words("Rua Padre Chagas, Avenida Ipiranga, Rua da República"),
    "Recife": words("Avenida Boa Viagem, Rua da Aurora"),
    "Salvador": words("Avenida Sete de Setembro, Rua Chile, Avenida Oceânica"),
    "San Francisco": words("Market St, Valencia Street, Mission St, Haight St"),
    "New York": words("W 23rd St, Broadway, Amsterdam Ave, 5th Avenue"),
    "Brooklyn": words("Bedford Ave, Atlantic Ave, Court St"),
    "Austin": words("Congress Ave, S Lamar Blvd, E 6th St"),
    "Seattle": words("Pike St, Pine St, Rainier Ave S"),
    "Chicago": words("N Clark St, Lake Shore Dr, W Armitage Ave"),
    "Miami": words("Ocean Dr, Collins Ave, SW 8th St"),
    "London": words("Baker Street, Gloucester Road, Park Lane, Kingsland Road, Brixton Road"),
    "Manchester": words("Deansgate, Oxford Road, Wilmslow Road"),
    "Bristol": words("Gloucester Road, Whiteladies Road, North Street"),
    "Edinburgh": words("Princes Street, Leith Walk, Dalry Road"),
    "Paris": words("rue de Rivoli, boulevard Voltaire, rue Oberkampf, rue du Faubourg "
                   "Saint-Antoine"),
    "Lyon": words("cours Lafayette, rue de la Charité, cours Vitton"),
    "Marseille": words("La Canebière, rue de Rome, boulevard Baille"),
    "Lisboa": words("Rua Augusta, Avenida da Liberdade, Rua do Ouro, Rua Garrett"),
    "Porto": words("Rua de Santa Catarina, Avenida dos Aliados, Rua das Flores"),
    "渋谷区": words("神南, 宇田川町, 代々木"),
    "世田谷区": words("代沢, 三軒茶屋, 太子堂"),
    "大阪市北区": words("梅田, 天神橋, 中崎"),
    "Minato-ku": words("Shibakoen, Roppongi, Minami-Aoyama"),
}
FRENCH_BE = {"Bruxelles", "Ixelles", "Schaerbeek", "Liège", "Namur"}


def pick_street(rng: random.Random, country: str, city: str) -> str:
    own = STREETS_BY_CITY.get(city)
    if country == "BE":
        generic = STREETS["BE_fr" if city in FRENCH_BE else "BE_nl"]
    else:
        generic = STREETS[country]
    if own and (rng.random() < 0.75 or city in ("Barcelona", "L'Hospitalet de Llobregat")):
        return rng.choice(own)
    return rng.choice(generic)


BAIRROS = {
    "São Paulo": words("Bela Vista, Pinheiros, Moema, Vila Madalena, Jardins, Itaim Bibi, "
                       "Tatuapé, Santana, Liberdade, Perdizes"),
    "Rio de Janeiro": words("Copacabana, Botafogo, Tijuca, Leblon, Ipanema, Flamengo, Méier"),
    "Belo Horizonte": words("Savassi, Funcionários, Lourdes, Pampulha"),
    "Curitiba": words("Batel, Água Verde, Centro, Bigorrilho"),
    "Porto Alegre": words("Moinhos de Vento, Cidade Baixa, Menino Deus"),
}
UK_OUTWARD = {"London": words("E1, E8, N1, N16, SE1, SE15, SW1A, SW9, W2, NW1, EC1V, WC2H"),
              "Manchester": words("M1, M4, M14, M20"), "Bristol": words("BS1, BS6, BS8"),
              "Edinburgh": words("EH1, EH3, EH6, EH9")}


@dataclass
class Address:
    street: str
    street_name: str
    number: str
    extra: str  # floor / door / apartment, may be ""
    postal: str
    city: str
    state: str | None
    country: str
    lat: float
    lon: float

    @property
    def one_line(self) -> str:
        if self.country in ("DE", "NL", "BE", "ES", "PT", "FR"):
            return f"{self.street}, {self.postal} {self.city}"
        if self.country == "BR":
            return f"{self.street}, {self.city} - {self.state}, {self.postal}"
        return f"{self.street}, {self.city} {self.postal}"


def nl_postcode(rng: random.Random, lo: int, hi: int) -> str:
    while True:
        letters = rng.choice("ABCDEGHJKLMNPRSTVWXZ") + rng.choice("ABCDEGHJKLMNPRSTVWXZ")
        if letters not in ("SA", "SD", "SS"):
            return f"{rng.randint(lo, hi)} {letters}"


def make_address(rng: random.Random, country: str, city: City | None = None) -> Address:
    c = city or rng.choice(CITIES[country])
    street = pick_street(rng, country, c.name)
    num = str(rng.choice((rng.randint(1, 40), rng.randint(1, 40), rng.randint(1, 250))))
    extra = ""
    lo, hi = c.plz
    if country == "DE":
        postal = f"{rng.randint(lo, hi):05d}"
        if rng.random() < 0.1:
            num += rng.choice("abc")
        line = f"{street} {num}"
    elif country == "ES":
        postal = f"{rng.randint(lo, hi):05d}"
        floor_ = rng.randint(1, 9)
        door = rng.choice(("A", "B", "C", "D", "izq.", "dcha.", "1ª", "2ª"))
        extra = f"{floor_}º {door}"
        line = rng.choice((f"{street}, {num}, {extra}", f"{street} {num}, {floor_}º{door}",
                           f"{street}, {num}", f"{street} {num} {extra}"))
    elif country == "NL":
        postal = nl_postcode(rng, lo, hi)
        if rng.random() < 0.25:
            num += rng.choice(("A", "B", "-1", "-2", "hs", " II", "-III"))
        line = f"{street} {num}"
    elif country == "BE":
        postal = str(rng.randint(lo, hi))
        if rng.random() < 0.25:
            extra = f"bus {rng.randint(1, 20)}" if c.name not in ("Bruxelles", "Ixelles",
                                                                  "Liège", "Namur") else \
                f"boîte {rng.randint(1, 20)}"
            line = rng.choice((f"{street} {num} {extra}", f"{street} {num}/{extra.split()[1]}"))
        else:
            line = f"{street} {num}"
    elif country == "BR":
        postal = f"{rng.randint(lo, hi):05d}-{rng.randint(0, 999):03d}"
        if rng.random() < 0.2:
            postal = postal.replace("-", "")
        num = str(rng.randint(10, 3500))
        if rng.random() < 0.5:
            extra = rng.choice((f"apto {rng.randint(11, 184)}", f"ap. {rng.randint(101, 1204)}",
                                f"Bloco {rng.choice('ABC')}, apto {rng.randint(11, 94)}",
                                f"casa {rng.randint(1, 4)}", f"sala {rng.randint(1, 30)}"))
        line = f"{street}, {num}"
    elif country == "US":
        postal = str(rng.randint(lo, hi))
        line = f"{rng.randint(10, 4999)} {street}"
        if rng.random() < 0.4:
            extra = rng.choice((f"Apt {rng.randint(1, 30)}{rng.choice('ABCD')}",
                                f"Unit {rng.randint(100, 999)}", f"# {rng.randint(2, 20)}"))
    elif country == "GB":
        outward = rng.choice(UK_OUTWARD[c.name])
        postal = f"{outward} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        line = f"{rng.randint(1, 240)} {street}"
        if rng.random() < 0.3:
            extra = f"Flat {rng.randint(1, 12)}"
    elif country == "FR":
        postal = f"{rng.randint(lo, hi):05d}"
        line = f"{num}{rng.choice(('', '', '', ' bis'))} {street}"
    elif country == "PT":
        postal = f"{rng.randint(lo, hi)}-{rng.randint(0, 999):03d}"
        extra = rng.choice(("", f"{rng.randint(1, 6)}º Esq.", f"{rng.randint(1, 6)}º Dto."))
        line = f"{street} {num}" + (f", {extra}" if extra else "")
    else:  # JP
        postal = f"{rng.randint(lo, hi):03d}-{rng.randint(0, 9999):04d}"
        sep = " " if street.isascii() else ""
        line = f"{street}{sep}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    lat = round(c.lat + rng.uniform(-0.06, 0.06), 7)
    lon = round(c.lon + rng.uniform(-0.08, 0.08), 7)
    return Address(line, street, num, extra, postal, c.name, c.state, country, lat, lon)


# ---------------------------------------------------------------------------------------
# Identifiers with real check digits
# ---------------------------------------------------------------------------------------
def iban(country: str, bban: str) -> str:
    num = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{country}{98 - int(num) % 97:02d}{bban}"


def iban_valid(s: str) -> bool:
    s = s.replace(" ", "")
    num = "".join(str(int(ch, 36)) for ch in s[4:] + s[:4])
    return int(num) % 97 == 1


def iban_spaced(s: str) -> str:
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


# bank code -> (bank name, BIC)
DE_BANKS = {"10070000": ("Deutsche Bank", "DEUTDEBBXXX"),
            "10040000": ("Commerzbank", "COBADEBBXXX"),
            "12030000": ("Deutsche Kreditbank (DKB)", "BYLADEM1001"),
            "50010517": ("ING-DiBa", "INGDDEFFXXX"),
            "70150000": ("Stadtsparkasse München", "SSKMDEMMXXX"),
            "20050550": ("Hamburger Sparkasse", "HASPDEHHXXX"),
            "10050000": ("Berliner Sparkasse", "BELADEBEXXX"),
            "10010010": ("Postbank", "PBNKDEFFXXX"), "43060967": ("GLS Bank", "GENODEM1GLS"),
            "37050198": ("Sparkasse KölnBonn", "COLSDE33XXX"),
            "70020270": ("HypoVereinsbank", "HYVEDEMMXXX"), "10011001": ("N26 Bank", "NTSBDEB1XXX")}
ES_BANKS = {"0049": ("Banco Santander", "BSCHESMMXXX"), "0182": ("BBVA", "BBVAESMMXXX"),
            "2100": ("CaixaBank", "CAIXESBBXXX"), "0081": ("Banco Sabadell", "BSABESBBXXX"),
            "2085": ("Ibercaja", "CAZRES2ZXXX"), "0128": ("Bankinter", "BKBKESMMXXX"),
            "1465": ("ING España", "INGDESMMXXX"), "0075": ("Banco Popular", "POPUESMMXXX")}
NL_BANKS = {"ABNA": ("ABN AMRO", "ABNANL2A"), "INGB": ("ING Bank", "INGBNL2A"),
            "RABO": ("Rabobank", "RABONL2U"), "SNSB": ("SNS Bank", "SNSBNL2A"),
            "ASNB": ("ASN Bank", "ASNBNL21"), "TRIO": ("Triodos Bank", "TRIONL2U"),
            "BUNQ": ("bunq", "BUNQNL2A"), "KNAB": ("Knab", "KNABNL2H")}
BE_BANKS = {"001": ("BNP Paribas Fortis", "GEBABEBB"), "230": ("BNP Paribas Fortis", "GEBABEBB"),
            "735": ("KBC Bank", "KREDBEBB"), "737": ("KBC Bank", "KREDBEBB"),
            "310": ("ING België", "BBRUBEBB"), "363": ("ING België", "BBRUBEBB"),
            "068": ("Belfius", "GKCCBEBB"), "063": ("Belfius", "GKCCBEBB"),
            "979": ("Argenta", "ARSPBE22"), "103": ("Crelan", "NICABEBB")}


def es_dc(ten: str) -> str:
    w = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)
    r = 11 - sum(int(d) * x for d, x in zip(ten, w, strict=True)) % 11
    return "0" if r == 11 else "1" if r == 10 else str(r)


def make_iban(rng: random.Random, country: str) -> tuple[str, str, str]:
    """(IBAN, bank name, BIC) for a random account at a real bank of that country."""
    if country == "DE":
        blz = rng.choice(list(DE_BANKS))
        acct = rng.choice((digits(rng, 10, True), "00" + digits(rng, 8, True),
                           "0" + digits(rng, 9, True)))
        name, bic = DE_BANKS[blz]
        return iban("DE", blz + acct), name, bic
    if country == "ES":
        bank = rng.choice(list(ES_BANKS))
        branch = digits(rng, 4)
        acct = digits(rng, 10)
        bban = bank + branch + es_dc("00" + bank + branch) + es_dc(acct) + acct
        name, bic = ES_BANKS[bank]
        return iban("ES", bban), name, bic
    if country == "NL":
        code = rng.choice(list(NL_BANKS))
        while True:
            acct = "0" + digits(rng, 9, True)
            if sum(int(d) * (10 - i) for i, d in enumerate(acct)) % 11 == 0:
                break
        name, bic = NL_BANKS[code]
        return iban("NL", code + acct), name, bic
    if country == "BE":
        bank = rng.choice(list(BE_BANKS))
        acct = digits(rng, 7)
        chk = int(bank + acct) % 97 or 97
        name, bic = BE_BANKS[bank]
        return iban("BE", f"{bank}{acct}{chk:02d}"), name, bic
    raise ValueError(country)


def steuer_id(rng: random.Random) -> str:
    """German tax identification number (IdNr): 11 digits, ISO 7064 MOD 11,10."""
    while True:
        ds = rng.sample(range(10), 9)
        ds.append(rng.choice(ds))
        rng.shuffle(ds)
        if ds[0] != 0:
            break
    product = 10
    for d in ds:
        s = (d + product) % 10 or 10
        product = (s * 2) % 11
    check = 11 - product
    return "".join(map(str, ds)) + str(0 if check == 10 else check)


RV_AREAS = ("04", "09", "12", "13", "15", "18", "24", "25", "28", "38", "39", "40", "42", "53",
            "54", "65")


def rv_nummer(rng: random.Random, dob: date, birth_last: str, sex: str) -> str:
    """German pension insurance number: area, ddmmyy, initial, serial, check digit."""
    area = rng.choice(RV_AREAS)
    letter = (slug(birth_last.replace("von ", "").replace("van ", "")) or "x")[0].upper()
    serial = rng.randint(0, 49) if sex == "m" else rng.randint(50, 99)
    num = f"{area}{dob:%d%m%y}{ord(letter) - 64:02d}{serial:02d}"
    weights = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
    total = sum(sum(map(int, str(int(d) * w))) for d, w in zip(num, weights, strict=True))
    return f"{area}{dob:%d%m%y}{letter}{serial:02d}{total % 10}"


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni(rng: random.Random, foreign: bool) -> str:
    if foreign:
        pre = rng.choice("XXXYYZ")
        n = digits(rng, 7)
        return f"{pre}{n}{DNI_LETTERS[int(str('XYZ'.index(pre)) + n) % 23]}"
    n = rng.randint(1_000_000, 79_999_999)
    return f"{n:08d}{DNI_LETTERS[n % 23]}"


ES_PROVINCE_CODES = {"Madrid": "28", "Barcelona": "08", "Valencia": "46", "Sevilla": "41",
                     "Bizkaia": "48", "Zaragoza": "50"}


def naf(rng: random.Random, province: str) -> str:
    """Spanish social security number: province, 8 digits, 2 check digits (mod 97)."""
    prov = ES_PROVINCE_CODES.get(province, "28")
    num = rng.randint(10_000_000, 99_999_999)
    return f"{prov}{num:08d}{int(f'{prov}{num:08d}') % 97:02d}"


def bsn(rng: random.Random) -> str:
    while True:
        first8 = [rng.randint(0, 9) for _ in range(8)]
        first8[0] = rng.randint(1, 6)
        s = sum(d * (9 - i) for i, d in enumerate(first8))
        last = s % 11
        if last < 10:
            return "".join(map(str, first8)) + str(last)


def be_national_number(rng: random.Random, dob: date, sex: str) -> str:
    serial = rng.randrange(1, 998, 2) if sex == "m" else rng.randrange(2, 998, 2)
    base = f"{dob:%y%m%d}{serial:03d}"
    n = int(("2" + base) if dob.year >= 2000 else base)
    check = 97 - n % 97
    return f"{base}{check:02d}"


def cpf(rng: random.Random) -> str:
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if len(set(d)) > 1:
            break
    for n in (10, 11):
        r = sum(x * w for x, w in zip(d, range(n, 1, -1), strict=True)) * 10 % 11
        d.append(0 if r == 10 else r)
    return "".join(map(str, d))


def fmt_cpf(s: str) -> str:
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def cnpj(base8: str) -> str:
    d = [int(x) for x in base8 + "0001"]
    for w in ((5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2), (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)):
        r = sum(x * y for x, y in zip(d, w, strict=True)) % 11
        d.append(0 if r < 2 else 11 - r)
    s = "".join(map(str, d))
    return f"{s[:2]}.{s[2:5]}.{s[5:8]}/{s[8:12]}-{s[12:]}"


def ean13(prefix: str, rng: random.Random) -> str:
    body = prefix + digits(rng, 12 - len(prefix))
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def luhn_complete(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return partial + str((10 - total % 10) % 10)


def luhn_valid(s: str) -> bool:
    s = re.sub(r"\D", "", s)
    return luhn_complete(s[:-1]) == s


def s10(rng: random.Random, service: str, country: str) -> str:
    """UPU S10 parcel number (Correios, Royal Mail, bpost): AA 8 digits, check, country."""
    n = digits(rng, 8)
    s = sum(int(d) * w for d, w in zip(n, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    c = 11 - s % 11
    c = 0 if c == 10 else 5 if c == 11 else c
    return f"{service}{n}{c}{country}"


# ---------------------------------------------------------------------------------------
# Tokens, hashes, network
# ---------------------------------------------------------------------------------------
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def rand_str(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def hexstr(rng: random.Random, n: int) -> str:
    return f"{rng.getrandbits(4 * n):0{n}x}"


def uuid4(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def bcrypt_like(rng: random.Random, cost: int = 10, variant: str = "2a") -> str:
    return f"${variant}${cost:02d}${rand_str(rng, BCRYPT, 53)}"


IP_PREFIXES = {
    "DE": ("87.123", "91.64", "93.207", "79.214", "84.135", "95.90", "178.27",
           "2a02:8108", "2a02:8109", "2003:e3"),
    "ES": ("83.56", "88.27", "79.116", "81.33", "2a0c:5a80"),
    "NL": ("84.104", "77.170", "145.53", "2001:1c00"),
    "BE": ("81.82", "91.180", "213.219", "2a02:a03f"),
    "BR": ("177.79", "189.6", "191.185", "200.158", "2804:14c", "2804:d41"),
    "US": ("73.162", "24.23", "98.207", "2601:644"),
    "GB": ("86.4", "81.102", "2a00:23c7"),
    "FR": ("90.45", "82.64", "2a01:cb00"),
    "PT": ("85.243", "2001:8a0"),
    "JP": ("126.24", "2400:4050"),
}


def public_ip(rng: random.Random, country: str, v6_share: float = 1.0) -> str:
    prefixes = IP_PREFIXES[country]
    pre = rng.choice(prefixes)
    if ":" in pre:
        if rng.random() > v6_share:
            pre = rng.choice([p for p in prefixes if ":" not in p])
        else:
            tail = ":".join(f"{rng.getrandbits(16):x}" for _ in range(6))
            return f"{pre}:{tail}"
    return f"{pre}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"


USER_AGENTS_WEB = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.92",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:124.0) Gecko/20100101 Firefox/124.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_7_7 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.6312.80 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.3 Mobile/15E148 Safari/604.1",
]


# ---------------------------------------------------------------------------------------
# Table model, SQL and label rendering
# ---------------------------------------------------------------------------------------
@dataclass
class Col:
    name: str
    type: str
    cats: tuple[str, ...] = ()
    decoy: bool = False
    free: bool = False  # label = union of the categories found in the rows
    note: str = ""


def col(name: str, type_: str, *cats: str, decoy: bool = False, free: bool = False,
        note: str = "") -> Col:
    return Col(name, type_, tuple(cats), decoy, free, note)


@dataclass
class Table:
    name: str
    cols: list[Col]
    pk: tuple[str, ...] = ("id",)
    fks: list[tuple[str, str, str]] = field(default_factory=list)  # (column, table, column)
    uniques: list[tuple[str, ...]] = field(default_factory=list)
    indexes: list[tuple[str, ...]] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)
    comment: str = ""

    def add(self, **values: object) -> dict[str, object]:
        unknown = set(values) - {c.name for c in self.cols}
        if unknown:
            raise KeyError(f"{self.name}: unknown columns {sorted(unknown)}")
        self.rows.append(values)
        return values

    def values(self, name: str) -> list[object]:
        return [r.get(name) for r in self.rows]

    def label(self, c: Col) -> list[str]:
        found: set[str] = set()
        for v in self.values(c.name):
            if isinstance(v, Txt):
                found |= v.cats
        if c.free:
            # Conventions shared with sample_db/labels.yaml: one value holding street,
            # postcode and town is user.contact.address; text someone wrote that
            # mentions personal data is also user.content.private.
            if len(found) >= 2 and found <= ADDRESS_PARTS:
                return [ADDRESS]
            if found and c.name in ("bio", "comment", "comments", "notes", "note", "body",
                                    "message", "commentaire", "opmerking", "bemerkung"):
                found.add(PRIVATE)
            return sorted(found)
        extra = found - set(c.cats)
        if extra:
            raise AssertionError(f"{self.name}.{c.name}: values carry {extra} not in the label")
        return list(c.cats)

    def check(self) -> None:
        for c in self.cols:
            vals = [v for v in self.values(c.name) if v not in (None, "")]
            if (c.cats or c.free) and not vals:
                raise AssertionError(f"{self.name}.{c.name} is labelled but holds no data")
        for u in [self.pk, *self.uniques]:
            seen = set()
            for r in self.rows:
                key = tuple(r.get(k) for k in u)
                if None in key:
                    continue
                if key in seen:
                    raise AssertionError(f"{self.name}: duplicate {u} = {key}")
                seen.add(key)


def pg_ident(n: str) -> str:
    return n if re.fullmatch(r"[a-z_][a-z0-9_]*", n) else '"' + n.replace('"', '""') + '"'


def pg_table(t: str) -> str:
    schema, name = t.split(".")
    return f"{pg_ident(schema)}.{pg_ident(name)}"


def sql_literal(v: object, dialect: str) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        if dialect == "pg":
            return "true" if v else "false"
        return "1" if v else "0"
    if isinstance(v, (int, Decimal)):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, datetime):
        return f"'{v:%Y-%m-%d %H:%M:%S}{'+00' if dialect == 'pg' else ''}'"
    if isinstance(v, date):
        return f"'{v:%Y-%m-%d}'"
    if isinstance(v, str):
        s = v.replace("'", "''")
        if dialect == "maria":
            s = s.replace("\\", "\\\\")
        return f"'{s}'"
    raise TypeError(type(v))


def inserts(qualified: str, t: Table, ident, dialect: str, batch: int = 100) -> list[str]:
    out = []
    cols = [c.name for c in t.cols]
    head = f"INSERT INTO {qualified} ({', '.join(ident(c) for c in cols)}) VALUES"
    for i in range(0, len(t.rows), batch):
        chunk = t.rows[i:i + batch]
        lines = ["(" + ", ".join(sql_literal(r.get(c), dialect) for c in cols) + ")"
                 for r in chunk]
        out.append(head + "\n" + ",\n".join(lines) + ";")
    return out


def render_pg(tables: list[Table], header: str) -> str:
    out = [header, "SET client_encoding = 'UTF8';", "SET standard_conforming_strings = on;", ""]
    schemas = sorted({t.name.split(".")[0] for t in tables})
    for s in schemas:
        out.append(f"DROP SCHEMA IF EXISTS {pg_ident(s)} CASCADE;")
    for s in schemas:
        out.append(f"CREATE SCHEMA {pg_ident(s)};")
    out.append("")
    for t in tables:
        short = t.name.split(".")[1]
        lines = [f"    {pg_ident(c.name)} {c.type}" for c in t.cols]
        lines.append(f"    CONSTRAINT {pg_ident(short + '_pkey')} PRIMARY KEY "
                     f"({', '.join(pg_ident(k) for k in t.pk)})")
        for u in t.uniques:
            lines.append(f"    CONSTRAINT {pg_ident(short + '_' + '_'.join(u) + '_key')} "
                         f"UNIQUE ({', '.join(pg_ident(k) for k in u)})")
        out.append(f"CREATE TABLE {pg_table(t.name)} (\n" + ",\n".join(lines) + "\n);")
        if t.comment:
            out.append(f"COMMENT ON TABLE {pg_table(t.name)} IS {sql_literal(t.comment, 'pg')};")
        out.append("")
    out.append("-- data")
    for t in tables:
        out.append(f"\n-- {t.name}: {len(t.rows)} rows")
        out.extend(inserts(pg_table(t.name), t, pg_ident, "pg"))
        for c in t.cols:
            if "IDENTITY" in c.type:
                out.append(f"SELECT pg_catalog.setval(pg_get_serial_sequence("
                           f"'{pg_table(t.name)}', '{c.name}'), "
                           f"(SELECT max({pg_ident(c.name)}) FROM {pg_table(t.name)}));")
    out.append("\n-- constraints and indexes")
    for t in tables:
        short = t.name.split(".")[1]
        for c, ref, rc in t.fks:
            out.append(f"ALTER TABLE ONLY {pg_table(t.name)} ADD CONSTRAINT "
                       f"{pg_ident(short + '_' + c + '_fkey')} FOREIGN KEY ({pg_ident(c)}) "
                       f"REFERENCES {pg_table(ref)}({pg_ident(rc)});")
        for ix in t.indexes:
            out.append(f"CREATE INDEX {pg_ident(short + '_' + '_'.join(ix) + '_idx')} ON "
                       f"{pg_table(t.name)} ({', '.join(pg_ident(k) for k in ix)});")
    return "\n".join(out) + "\n"


def maria_ident(n: str) -> str:
    return f"`{n}`"


def render_maria(tables: list[Table], header: str) -> str:
    out = [header, "SET NAMES utf8mb4;", "SET FOREIGN_KEY_CHECKS = 0;"]
    for t in reversed(tables):
        out.append(f"DROP TABLE IF EXISTS `{t.name}`;")
    out += ["SET FOREIGN_KEY_CHECKS = 1;", ""]
    for t in tables:
        lines = [f"  `{c.name}` {c.type}" for c in t.cols]
        lines.append(f"  PRIMARY KEY ({', '.join(maria_ident(k) for k in t.pk)})")
        for u in t.uniques:
            lines.append(f"  UNIQUE KEY `index_{t.name}_on_{'_and_'.join(u)}` "
                         f"({', '.join(maria_ident(k) for k in u)})")
        for ix in t.indexes:
            lines.append(f"  KEY `index_{t.name}_on_{'_and_'.join(ix)}` "
                         f"({', '.join(maria_ident(k) for k in ix)})")
        for c, ref, rc in t.fks:
            h = hashlib.sha256(f"{t.name}.{c}".encode()).hexdigest()[:10]
            lines.append(f"  CONSTRAINT `fk_rails_{h}` FOREIGN KEY (`{c}`) "
                         f"REFERENCES `{ref}` (`{rc}`)")
        out.append(f"CREATE TABLE `{t.name}` (\n" + ",\n".join(lines) +
                   "\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;")
        out.append("")
    for t in tables:
        out.append(f"-- {t.name}: {len(t.rows)} rows")
        out.extend(inserts(f"`{t.name}`", t, maria_ident, "maria"))
        out.append("")
    return "\n".join(out)


YAML_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
YAML_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_key(k: str) -> str:
    if YAML_PLAIN.fullmatch(k) and k.lower() not in YAML_RESERVED:
        return k
    return '"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_labels(tables: list[Table], store: str, header: str) -> str:
    out = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    out += [f"store: {store}", "collections:"]
    for t in tables:
        t.check()
        out.append(f"  {yaml_key(t.name)}:   # {len(t.rows)} rows")
        for c in t.cols:
            cats = t.label(c)
            value = f"[{', '.join(cats)}]"
            if c.decoy:
                if cats:
                    raise AssertionError(f"{t.name}.{c.name}: a decoy cannot be personal")
                value = "{categories: [], decoy: true}"
            line = f"    {yaml_key(c.name)}: {value}"
            if c.note:
                line += f"   # {c.note}"
            out.append(line)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------
# Small helpers for dates and phone numbers of people abroad
# ---------------------------------------------------------------------------------------
def rand_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def rand_dt(rng: random.Random, start: date, end: date) -> datetime:
    d = rand_date(rng, start, end)
    return datetime(d.year, d.month, d.day, rng.randint(6, 21), rng.randint(0, 59),
                    rng.randint(0, 59))


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def after(rng: random.Random, dt: datetime, max_days: int) -> datetime:
    return dt + timedelta(seconds=rng.randint(60, max_days * 86400))


def replace_last_digits(s: str, new: str) -> str:
    chars = list(s)
    idx = [i for i, ch in enumerate(chars) if ch.isdigit()]
    for i, ch in zip(idx[-len(new):], new, strict=True):
        chars[i] = ch
    return "".join(chars)


def foreign_mobile(rng: random.Random, origin: str) -> str | None:
    d = lambda n: digits(rng, n)  # noqa: E731
    return {
        "tr": lambda: f"+90 5{rng.choice('0345')}{d(1)} {d(3)} {d(2)} {d(2)}",
        "pl": lambda: f"+48 {rng.choice(('50', '51', '53', '60', '66', '69', '72', '79'))}"
                      f"{d(1)} {d(3)} {d(3)}",
        "ma": lambda: f"+212 {rng.choice(('61', '62', '66', '67', '70'))}{d(1)}-{d(6)}",
        "in": lambda: f"+91 9{d(4)} {d(5)}",
        "ng": lambda: f"+234 80{rng.choice('3356')} {d(3)} {d(4)}",
        "cn": lambda: f"+86 13{d(1)} {d(4)} {d(4)}",
        "ua": lambda: f"+380 {rng.choice(('50', '63', '67', '68', '93'))} {d(3)} {d(2)} {d(2)}",
        "jp": lambda: f"+81 90-{rng.randint(1000, 9999)}-{d(4)}",
        "br": lambda: phone_br(rng, True),
        "es": lambda: phone_es(rng, True),
        "de": lambda: phone_de(rng, True),
        "nl": lambda: phone_nl(rng, True),
    }.get(origin, lambda: None)()


FOREIGN_ADDRESSES = {
    "tr": [("Atatürk Cd. No:{n}", "34{nnn}", "İstanbul"),
           ("Cumhuriyet Mah. {n}. Sk. No:{n}", "06{nnn}", "Ankara"),
           ("Kıbrıs Şehitleri Cd. No:{n}", "35{nnn}", "İzmir")],
    "pl": [("ul. Marszałkowska {n}", "00-{nnn}", "Warszawa"),
           ("ul. Floriańska {n}", "31-{nnn}", "Kraków"),
           ("ul. Piotrkowska {n}", "90-{nnn}", "Łódź")],
    "ma": [("Rue Ibn Battouta {n}", "20{nnn}", "Casablanca"),
           ("Avenue Mohammed V {n}", "10{nnn}", "Rabat"),
           ("Derb Sidi Bouloukat {n}", "40{nnn}", "Marrakech")],
    "ua": [("вул. Хрещатик, {n}", "01{nnn}", "Київ"), ("вул. Городоцька, {n}", "79{nnn}", "Львів")],
}


def foreign_address(rng: random.Random, origin: str) -> str | None:
    if origin not in FOREIGN_ADDRESSES:
        return None
    street, plz, city = rng.choice(FOREIGN_ADDRESSES[origin])
    n = str(rng.randint(1, 120))
    return f"{street.format(n=n)}, {plz.format(nnn=digits(rng, 3))} {city}"


# ---------------------------------------------------------------------------------------
# HR / payroll (PostgreSQL)
# ---------------------------------------------------------------------------------------
OFFICES = [
    # code, name, street, plz, city, country, switchboard, fax, reception mailbox, lat, lon
    ("BER", "Berlin (Hauptsitz)", "Friedrichstraße 68", "10117", "Berlin", "DE",
     "+49 30 2091 4400", "+49 30 2091 4499", "empfang.berlin@company.example", 52.5125, 13.3903),
    ("MUC", "München", "Leopoldstraße 28a", "80802", "München", "DE",
     "+49 89 3816 2200", "+49 89 3816 2299", "empfang.muenchen@company.example", 48.1597, 11.5856),
    ("HAM", "Hamburg Hafen", "Große Elbstraße 145", "22767", "Hamburg", "DE",
     "+49 40 3090 5100", None, "empfang.hamburg@company.example", 53.5448, 9.9373),
    ("MAD", "Madrid Castellana", "Paseo de la Castellana, 95, planta 12", "28046", "Madrid", "ES",
     "+34 91 418 56 00", "+34 91 418 56 01", "recepcion.madrid@company.example", 40.4509, -3.6917),
    ("BCN", "Barcelona 22@", "Carrer de Pallars, 193", "08005", "Barcelona", "ES",
     "+34 93 272 44 00", None, "recepcio.barcelona@company.example", 41.4010, 2.1960),
    ("AMS", "Amsterdam Herengracht", "Herengracht 124", "1015 BT", "Amsterdam", "NL",
     "+31 20 570 8800", "+31 20 570 8899", "receptie.amsterdam@company.example", 52.3756, 4.8880),
    ("RTM", "Rotterdam Kop van Zuid", "Wilhelminakade 91", "3072 AP", "Rotterdam", "NL",
     "+31 10 206 4100", None, "receptie.rotterdam@company.example", 51.9066, 4.4886),
    ("BRU", "Bruxelles / Brussel", "Avenue Louise 326", "1050", "Ixelles", "BE",
     "+32 2 640 33 00", "+32 2 640 33 09", "accueil.bruxelles@company.example", 50.8224, 4.3674),
    ("ANR", "Antwerpen Eilandje", "Kattendijkdok-Westkaai 104", "2000", "Antwerpen", "BE",
     "+32 3 218 65 00", None, "onthaal.antwerpen@company.example", 51.2326, 4.4046),
]
OFFICE_STAFF = {"BER": 95, "MUC": 40, "HAM": 25, "MAD": 60, "BCN": 40, "AMS": 35, "RTM": 20,
                "BRU": 30, "ANR": 15}
OFFICE_HOMES = {"BER": ("Berlin",) * 6 + ("Potsdam",), "MUC": ("München",) * 5 + ("Fürth",),
                "HAM": ("Hamburg",), "MAD": ("Madrid",) * 4 + ("Getafe", "Alcobendas"),
                "BCN": ("Barcelona",) * 3 + ("L'Hospitalet de Llobregat",),
                "AMS": ("Amsterdam",) * 4 + ("Amstelveen", "Haarlem"),
                "RTM": ("Rotterdam",) * 3 + ("Den Haag", "'s-Gravenhage", "Delft", "Leiden"),
                "BRU": ("Bruxelles", "Brussel", "Ixelles", "Schaerbeek", "Leuven", "Mechelen"),
                "ANR": ("Antwerpen",) * 3 + ("Mechelen", "Gent")}
HR_ORIGINS = {
    "DE": {"de": 62, "tr": 9, "pl": 7, "es": 2, "ma": 2, "in": 5, "cn": 3, "jp": 2, "ng": 3,
           "ua": 3, "nl": 1, "fr": 1},
    "ES": {"es": 76, "ma": 7, "br": 3, "in": 3, "cn": 4, "de": 2, "ng": 2, "ua": 2, "fr": 1},
    "NL": {"nl": 62, "ma": 10, "tr": 8, "in": 6, "de": 4, "cn": 3, "pl": 4, "ng": 3},
    "BE": {"be_nl": 42, "be_fr": 28, "ma": 11, "tr": 5, "pl": 4, "in": 4, "ng": 3, "nl": 3},
}
DEPARTMENTS = [
    # code, name, country, family, parent code, office
    ("1000", "Geschäftsführung", "DE", "MGMT", None, "BER"),
    ("1100", "Finanzen & Controlling", "DE", "FIN", "1000", "BER"),
    ("1110", "Lohnbuchhaltung", "DE", "PAY", "1100", "BER"),
    ("1200", "Personal", "DE", "HR", "1000", "BER"),
    ("1300", "IT-Infrastruktur", "DE", "IT", "1000", "BER"),
    ("1310", "Softwareentwicklung", "DE", "IT", "1300", "BER"),
    ("1320", "Data & Analytics", "DE", "DATA", "1300", "MUC"),
    ("1400", "Vertrieb DACH", "DE", "SALES", "1000", "MUC"),
    ("1500", "Marketing", "DE", "MKT", "1000", "HAM"),
    ("1600", "Kundenservice", "DE", "CS", "1000", "HAM"),
    ("1700", "Recht & Compliance", "DE", "LEGAL", "1000", "BER"),
    ("2000", "Dirección General Iberia", "ES", "MGMT", "1000", "MAD"),
    ("2100", "Administración y Finanzas", "ES", "FIN", "2000", "MAD"),
    ("2110", "Nóminas", "ES", "PAY", "2100", "MAD"),
    ("2200", "Recursos Humanos", "ES", "HR", "2000", "MAD"),
    ("2300", "Ventas Iberia", "ES", "SALES", "2000", "MAD"),
    ("2400", "Atención al Cliente", "ES", "CS", "2000", "BCN"),
    ("2500", "Ingeniería de Software", "ES", "IT", "2000", "BCN"),
    ("3000", "Directie Benelux", "NL", "MGMT", "1000", "AMS"),
    ("3100", "Financiële Administratie", "NL", "FIN", "3000", "AMS"),
    ("3200", "Verkoop Benelux", "NL", "SALES", "3000", "AMS"),
    ("3300", "Klantenservice", "NL", "CS", "3000", "RTM"),
    ("3400", "Logistiek", "NL", "OPS", "3000", "RTM"),
    ("4000", "Direction Belgique / Directie België", "BE", "MGMT", "3000", "BRU"),
    ("4100", "Service Client / Klantendienst", "BE", "CS", "4000", "BRU"),
    ("4200", "Verkoop Vlaanderen", "BE", "SALES", "4000", "ANR"),
    ("4300", "Comptabilité / Boekhouding", "BE", "FIN", "4000", "BRU"),
]
POSITIONS = [
    # code, lookup title, male form, female form, family, language, grade, min, max
    ("J-1001", "Geschäftsführer/in", "Geschäftsführer", "Geschäftsführerin", "MGMT", "de", "AT",
     140000, 220000),
    ("J-1002", "Bereichsleiter/in", "Bereichsleiter", "Bereichsleiterin", "MGMT", "de", "AT",
     110000, 160000),
    ("J-1101", "Controller/in", "Controller", "Controllerin", "FIN", "de", "E11", 58000, 78000),
    ("J-1102", "Finanzbuchhalter/in", "Finanzbuchhalter", "Finanzbuchhalterin", "FIN", "de",
     "E9", 46000, 62000),
    ("J-1103", "Teamleiter/in Controlling", "Teamleiter Controlling",
     "Teamleiterin Controlling", "FIN", "de", "E13", 75000, 98000),
    ("J-1111", "Sachbearbeiter/in Lohnbuchhaltung", "Sachbearbeiter Lohnbuchhaltung",
     "Sachbearbeiterin Lohnbuchhaltung", "PAY", "de", "E8", 42000, 56000),
    ("J-1112", "Payroll Specialist", None, None, "PAY", "en", "E10", 50000, 66000),
    ("J-1201", "HR Business Partner", None, None, "HR", "en", "E12", 62000, 82000),
    ("J-1202", "Personalreferent/in", "Personalreferent", "Personalreferentin", "HR", "de",
     "E10", 50000, 65000),
    ("J-1203", "Recruiter", None, None, "HR", "en", "E9", 45000, 60000),
    ("J-1301", "IT-Systemadministrator/in", "IT-Systemadministrator",
     "IT-Systemadministratorin", "IT", "de", "E10", 52000, 70000),
    ("J-1302", "Senior Software Engineer", None, None, "IT", "en", "E13", 72000, 98000),
    ("J-1303", "Software Engineer", None, None, "IT", "en", "E11", 56000, 76000),
    ("J-1304", "Engineering Manager", None, None, "IT", "en", "E14", 90000, 120000),
    ("J-1305", "Werkstudent/in Softwareentwicklung", "Werkstudent Softwareentwicklung",
     "Werkstudentin Softwareentwicklung", "IT", "de", "WS", 18000, 24000),
    ("J-1321", "Data Engineer", None, None, "DATA", "en", "E12", 62000, 85000),
    ("J-1322", "Data Scientist", None, None, "DATA", "en", "E12", 64000, 88000),
    ("J-1401", "Key Account Manager/in DACH", "Key Account Manager DACH",
     "Key Account Managerin DACH", "SALES", "de", "E12", 60000, 85000),
    ("J-1402", "Vertriebsmitarbeiter/in Innendienst", "Vertriebsmitarbeiter Innendienst",
     "Vertriebsmitarbeiterin Innendienst", "SALES", "de", "E8", 40000, 52000),
    ("J-1501", "Marketing Manager", None, None, "MKT", "en", "E11", 52000, 72000),
    ("J-1502", "Content-Redakteur/in", "Content-Redakteur", "Content-Redakteurin", "MKT", "de",
     "E9", 44000, 56000),
    ("J-1601", "Kundenberater/in", "Kundenberater", "Kundenberaterin", "CS", "de", "E6",
     34000, 42000),
    ("J-1602", "Teamleiter/in Kundenservice", "Teamleiter Kundenservice",
     "Teamleiterin Kundenservice", "CS", "de", "E10", 48000, 62000),
    ("J-1701", "Jurist/in", "Jurist", "Juristin", "LEGAL", "de", "E13", 70000, 95000),
    ("J-1702", "Datenschutzbeauftragte/r", "Datenschutzbeauftragter",
     "Datenschutzbeauftragte", "LEGAL", "de", "E12", 65000, 85000),
    ("J-1703", "Auszubildende/r Kaufmann/-frau für Büromanagement",
     "Auszubildender Kaufmann für Büromanagement",
     "Auszubildende Kauffrau für Büromanagement", "FIN", "de", "AZ", 12000, 14400),
    ("J-2001", "Director/a General", "Director General", "Directora General", "MGMT", "es",
     "G1", 110000, 160000),
    ("J-2101", "Contable", None, None, "FIN", "es", "G3", 28000, 38000),
    ("J-2102", "Responsable de Administración", None, None, "FIN", "es", "G2", 42000, 56000),
    ("J-2111", "Técnico/a de Nóminas", "Técnico de Nóminas", "Técnica de Nóminas", "PAY",
     "es", "G3", 27000, 36000),
    ("J-2201", "Responsable de Recursos Humanos", None, None, "HR", "es", "G2", 45000, 60000),
    ("J-2202", "Técnico/a de Selección", "Técnico de Selección", "Técnica de Selección", "HR",
     "es", "G3", 28000, 36000),
    ("J-2301", "Comercial", None, None, "SALES", "es", "G4", 26000, 40000),
    ("J-2302", "Jefe/a de Ventas", "Jefe de Ventas", "Jefa de Ventas", "SALES", "es", "G2",
     48000, 65000),
    ("J-2401", "Agente de Atención al Cliente", None, None, "CS", "es", "G5", 20000, 24000),
    ("J-2402", "Coordinador/a de Atención al Cliente", "Coordinador de Atención al Cliente",
     "Coordinadora de Atención al Cliente", "CS", "es", "G3", 28000, 34000),
    ("J-2501", "Desarrollador/a Backend", "Desarrollador Backend", "Desarrolladora Backend",
     "IT", "es", "G3", 34000, 48000),
    ("J-2502", "Ingeniero/a de Datos", "Ingeniero de Datos", "Ingeniera de Datos", "IT", "es",
     "G3", 36000, 50000),
    ("J-2503", "Becario/a de Desarrollo", "Becario de Desarrollo", "Becaria de Desarrollo",
     "IT", "es", "BEC", 9000, 12000),
    ("J-3001", "Algemeen Directeur", None, None, "MGMT", "nl", "D1", 120000, 170000),
    ("J-3101", "Financieel Controller", None, None, "FIN", "nl", "S9", 60000, 80000),
    ("J-3102", "Boekhouder", None, None, "FIN", "nl", "S6", 38000, 50000),
    ("J-3103", "Salarisadministrateur", None, None, "FIN", "nl", "S6", 40000, 52000),
    ("J-3201", "Accountmanager Benelux", None, None, "SALES", "nl", "S8", 50000, 70000),
    ("J-3202", "Binnendienstmedewerker Verkoop", None, None, "SALES", "nl", "S5", 34000, 42000),
    ("J-3301", "Medewerker Klantenservice", None, None, "CS", "nl", "S4", 30000, 36000),
    ("J-3302", "Teamleider Klantenservice", None, None, "CS", "nl", "S7", 44000, 54000),
    ("J-3401", "Logistiek Medewerker", None, None, "OPS", "nl", "S3", 28000, 34000),
    ("J-3402", "Planner Logistiek", None, None, "OPS", "nl", "S5", 36000, 44000),
    ("J-3403", "Magazijnmedewerker", None, None, "OPS", "nl", "S2", 26000, 31000),
    ("J-4001", "Directeur/Directrice Belgique", "Directeur Belgique", "Directrice Belgique",
     "MGMT", "fr", "D1", 120000, 165000),
    ("J-4101", "Conseiller/ère clientèle", "Conseiller clientèle", "Conseillère clientèle",
     "CS", "fr", "B3", 32000, 40000),
    ("J-4102", "Klantenadviseur", None, None, "CS", "nl", "B3", 32000, 40000),
    ("J-4201", "Vertegenwoordiger", None, "Vertegenwoordigster", "SALES", "nl", "B5", 42000,
     56000),
    ("J-4301", "Comptable", None, None, "FIN", "fr", "B4", 38000, 48000),
    ("J-4302", "Juriste d'entreprise", None, None, "FIN", "fr", "B6", 52000, 68000),
    ("J-9001", "Office Manager", None, None, "ANY", "en", "E8", 40000, 52000),
    ("J-9002", "Executive Assistant", None, None, "MGMT", "en", "E9", 45000, 58000),
    ("J-9003", "Product Owner", None, None, "IT", "en", "E12", 65000, 85000),
    ("J-9004", "UX Designer", None, None, "IT", "en", "E11", 55000, 72000),
    ("J-9005", "Head of People", None, None, "HR", "en", "E14", 95000, 125000),
    ("J-9006", "Chief Financial Officer", None, None, "MGMT", "en", "AT", 160000, 230000),
]
COUNTRY_LANGS = {"DE": ("de", "en"), "ES": ("es", "en"), "NL": ("nl", "en"),
                 "BE": ("nl", "fr", "en")}
EMPLOYERS = words("Siemens AG, Deutsche Bahn AG, Telefónica España, Philips, Zalando SE, KPMG, "
                  "Banco Santander, Ahold Delhaize, bol.com, Proximus, Inditex, Mercadona, "
                  "Lidl Stiftung & Co. KG, SAP SE, Booking.com, Colruyt Group, Accenture, "
                  "Deloitte, Allianz SE, N26 GmbH, Adyen, Glovo, Cabify, Delivery Hero, "
                  "Rabobank, ING, KBC Groep, Bosch, Otto Group, Vodafone GmbH, Iberia, "
                  "El Corte Inglés, Universität Hamburg, Stadt Köln")
EXTRA_GIVEN = {"m": words("Johannes, Petrus, Cornelis, Jozef, Frans, Hendrikus, Maria, Willem"),
               "f": words("Maria, Johanna, Hendrika, Wilhelmina, Elisabeth, Catharina, Anna")}
KRANKENKASSEN = words("Techniker Krankenkasse, AOK Nordost, BARMER, DAK-Gesundheit, AOK Bayern, "
                      "IKK classic, hkk Krankenkasse, KKH Kaufmännische Krankenkasse, "
                      "Siemens-Betriebskrankenkasse (SBK), AOK Rheinland/Hamburg")
RELATIONS = {
    "DE": {"spouse": ("Ehefrau", "Ehemann"), "partner": ("Partnerin", "Partner"),
           "parent": ("Mutter", "Vater"), "sibling": ("Schwester", "Bruder"),
           "friend": ("Freundin", "Freund"), "child": ("Tochter", "Sohn")},
    "ES": {"spouse": ("esposa", "marido"), "partner": ("pareja", "pareja"),
           "parent": ("madre", "padre"), "sibling": ("hermana", "hermano"),
           "friend": ("amiga", "amigo"), "child": ("hija", "hijo")},
    "NL": {"spouse": ("echtgenote", "echtgenoot"), "partner": ("partner", "partner"),
           "parent": ("moeder", "vader"), "sibling": ("zus", "broer"),
           "friend": ("vriendin", "vriend"), "child": ("dochter", "zoon")},
    "BE": {"spouse": ("echtgenote", "echtgenoot"), "partner": ("partner", "partner"),
           "parent": ("moeder", "vader"), "sibling": ("zus", "broer"),
           "friend": ("vriendin", "vriend"), "child": ("dochter", "zoon")},
    "BE_fr": {"spouse": ("épouse", "époux"), "partner": ("compagne", "compagnon"),
              "parent": ("mère", "père"), "sibling": ("sœur", "frère"),
              "friend": ("amie", "ami"), "child": ("fille", "fils")},
}

TIMEOFF_NONE = {
    "DE": words("Sommerurlaub mit der Familie, Brückentag, Umzug, Resturlaub 2023, "
                "Hochzeit im Freundeskreis, Kita-Schließzeit, Zeitausgleich Überstunden, "
                "Städtereise, Herbstferien, Jahresurlaub Teil 1, Jahresurlaub Teil 2, "
                "Skiurlaub, Renovierung der Wohnung, Einschulung meines Sohnes"),
    "ES": words("Vacaciones de verano, Asuntos propios, Mudanza, Puente de diciembre, "
                "Días pendientes de 2023, Semana Santa, Viaje familiar, Feria de abril, "
                "Boda de un amigo, Fiestas del pueblo"),
    "NL": words("Zomervakantie, Verhuizing, Vrije dag rond Koningsdag, Compensatie overuren, "
                "Meivakantie kinderen, Wintersport, Bruiloft van een vriend"),
    "BE": words("Congé annuel, Déménagement, Récupération heures sup., Krokusvakantie, "
                "Zomerverlof, Verhuis, Vakantie met het gezin, Congé de Toussaint"),
}
TIMEOFF_NONE_ANY = ["Siehe Ticket HR-4711", "Antrag auch per Mail an hr@company.example",
                    "Ref. 2024-0412", "Solicitado también a nominas@company.example",
                    "Zie mail aan salaris@company.example", "see Jira PEOPLE-1183",
                    "Abgestimmt im Teammeeting am 12.03.", "2,5 Tage aus 2023 übertragen"]
TIMEOFF_NAME = {
    "DE": ["Vertretung: {name}", "Vertretung durch {name}, Übergabe ist erfolgt",
           "Übergabe an {name} am Freitag", "Hochzeit meiner Schwester {sister}",
           "Abstimmung mit {name} erfolgt"],
    "ES": ["Me sustituye {name}", "Cubre {name} durante mi ausencia",
           "Boda de mi hermano {brother}", "Lo he hablado con {name}"],
    "NL": ["Vervanging: {name}", "{name} neemt mijn taken waar",
           "Bruiloft van mijn zus {sister}"],
    "BE": ["Remplacement assuré par {name}", "Vervanging door {name}",
           "Mariage de ma sœur {sister}"],
}
TIMEOFF_PHONE = {
    "DE": ["Im Notfall erreichbar unter {phone}", "Urlaub in Italien, mobil erreichbar: {phone}",
           "Nur in dringenden Fällen anrufen: {phone}"],
    "ES": ["Localizable en el {phone}", "Para urgencias: {phone}"],
    "NL": ["Bereikbaar op {phone} voor dringende zaken", "Bij nood: {phone}"],
    "BE": ["Joignable au {phone} en cas d'urgence", "Bereikbaar op {phone}"],
}
TIMEOFF_EMAIL = {
    "DE": ["Bei Rückfragen privat: {email}"], "ES": ["Si hace falta, escribidme a {email}"],
    "NL": ["Privé mail: {email}"], "BE": ["En cas de besoin : {email}"],
}
TIMEOFF_BOTH = {
    "DE": ["Vertretung {name}; ich bin unter {phone} erreichbar"],
    "ES": ["Me sustituye {name}. Urgencias: {phone}"],
    "NL": ["Vervanging: {name}. Noodnummer {phone}"],
    "BE": ["Vervanging: {name} – gsm {phone}"],
}
APPROVE = {"DE": ["ok", "OK", "genehmigt", "Genehmigt – bitte Übergabe dokumentieren",
                   "Bitte Resturlaub beachten", "👍"],
           "ES": ["Aprobado", "Aprobado, ¡disfruta!", "ok", "👍"],
           "NL": ["Akkoord", "Goedgekeurd", "ok"], "BE": ["OK, bon congé", "Akkoord", "ok"]}
REJECT = {"DE": ["Abgelehnt: Urlaubssperre Jahresabschluss", "Bitte anderen Zeitraum wählen"],
          "ES": ["Rechazado: coincide con el cierre trimestral"],
          "NL": ["Afgewezen i.v.m. inventarisatie"],
          "BE": ["Refusé : période de clôture", "Afgewezen i.v.m. inventaris"]}
CONTRACT_NOTES_NONE = {
    "DE": ["Umwandlung in unbefristetes Arbeitsverhältnis", "Tarifvertrag nicht anwendbar (AT)",
           "Remote-Vereinbarung 60 %", "Dienstwagen gem. Car Policy 2022", "Probezeit 6 Monate"],
    "ES": ["Periodo de prueba de 6 meses", "Jornada reducida", "Teletrabajo 3 días/semana",
           "Conversión a indefinido"],
    "NL": ["Proeftijd 2 maanden", "Thuiswerkovereenkomst 2 dagen/week",
           "Omzetting naar onbepaalde tijd"],
    "BE": ["Contrat à durée indéterminée, temps plein", "Proefperiode niet van toepassing",
           "Voiture de société selon car policy", "Télétravail 2 jours/semaine"],
}
CONTRACT_NOTES_NAME = {
    "DE": ["Verlängerung auf Wunsch von {name} (Bereichsleitung)",
           "Vertrag geprüft durch {name}, HR"],
    "ES": ["Firmado en presencia de {name}", "Revisado por {name} (RR. HH.)"],
    "NL": ["Getekend door {name} namens de directie"],
    "BE": ["Signé par {name}", "Ondertekend door {name}"],
}
BIO_NONE = {
    "DE": ["Controlling, Zahlen, Kaffee.", "Backend-Entwicklung mit Rust und Postgres.",
           "Ich koordiniere die Lohnabrechnung für die DACH-Region.",
           "Verantwortlich für Key Accounts in Süddeutschland.",
           "Volleyball, Kochen, Podcasts.", "Seit 2015 an Bord. Frag mich alles zu SEPA."],
    "ES": ["Me encanta correr y la montaña.",
           "Cuido de que las nóminas salgan a tiempo cada mes.",
           "Hablo español, inglés y algo de alemán."],
    "NL": ["Fietser, koffieliefhebber, Excel-nerd.",
           "Ik help klanten met vragen over hun bestelling.", "Team Payroll Benelux 💶"],
    "BE": ["Je m'occupe de la comptabilité fournisseurs.", "Fietser en koffieliefhebber.",
           "Team Payroll Benelux 💶"],
    "EN": ["Ask me about SAP HCM and DATEV.", "Data, dashboards, dogs.",
           "Passionate about accessible UX.", "Coffee first, then spreadsheets."],
}
BIO_NAME = {
    "DE": ["Verheiratet mit {relative}, zwei Kinder.", "Buddy für Neue: {name}",
           "Zwei Kinder, {relative} und {relative2}."],
    "ES": ["Trabajo con {name} en el equipo de datos.", "Dos peques: {relative} y {relative2}."],
    "NL": ["Samen met {name} verantwoordelijk voor de planning."],
    "BE": ["Avec {name}, responsable de la planification.",
           "Samen met {name} verantwoordelijk voor de planning."],
    "EN": ["Mentor: {name}", "Proud parent of {relative} and {relative2}."],
}
BIO_PHONE = {"DE": ["Am schnellsten per Signal: {phone}"], "ES": ["WhatsApp: {phone}"],
             "NL": ["Bel gerust: {phone}"], "BE": ["GSM : {phone}", "Bel gerust: {phone}"],
             "EN": ["Call or text: {phone}"]}
BIO_EMAIL = {"DE": ["Privat: {email}"], "ES": ["Personal: {email}"], "NL": ["Privé: {email}"],
             "BE": ["Privé : {email}"], "EN": ["Side project: {email}"]}


@dataclass
class Emp:
    id: int
    pn: str
    p: Person
    office: str
    country: str
    dob: date
    hire: date
    exit: date | None
    home: Address
    mobile: str | None
    email_private: str | None
    work_email: str
    dept: str = ""
    position: tuple = ()
    manager: int | None = None
    marital: str = "ledig"
    username: str = ""
    birth_name: str | None = None


def build_hr(rng: random.Random) -> list[Table]:
    T = {}

    def table(name: str, cols: list[Col], **kw) -> Table:
        T[name] = Table(name, cols, **kw)
        return T[name]

    ts = "timestamptz NOT NULL DEFAULT now()"
    offices = table("hr.offices", [
        col("id", "integer"), col("code", "varchar(3) NOT NULL"),
        col("name", "varchar(80) NOT NULL", decoy=True, note="office name"),
        col("strasse", "varchar(120)", decoy=True, note="company address"),
        col("plz", "varchar(10)", decoy=True), col("ort", "varchar(80)", decoy=True),
        col("land", "char(2) NOT NULL", decoy=True),
        col("telefon_zentrale", "varchar(30)", decoy=True, note="switchboard, not a person"),
        col("fax", "varchar(30)", decoy=True),
        col("email", "varchar(120)", decoy=True, note="generic reception mailbox"),
        col("latitude", "numeric(9,6)", decoy=True), col("longitude", "numeric(9,6)", decoy=True),
        col("timezone", "varchar(40) NOT NULL"), col("opened_on", "date"),
        col("is_active", "boolean NOT NULL DEFAULT true"), col("created_at", ts),
    ], uniques=[("code",)], comment="Standorte / offices")
    tz = {"DE": "Europe/Berlin", "ES": "Europe/Madrid", "NL": "Europe/Amsterdam",
          "BE": "Europe/Brussels"}
    office_id = {}
    for i, (code, name, street, plz, city, ctry, tel, fax, mail, lat, lon) in enumerate(OFFICES, 1):
        office_id[code] = i
        offices.add(id=i, code=code, name=name, strasse=street, plz=plz, ort=city, land=ctry,
                    telefon_zentrale=tel, fax=fax, email=mail, latitude=Decimal(str(lat)),
                    longitude=Decimal(str(lon)), timezone=tz[ctry],
                    opened_on=date(rng.randint(2004, 2016), rng.randint(1, 12), 1),
                    is_active=True, created_at=datetime(2012, 6, 30, 2, 0, i))
    office_by_code = {o[0]: o for o in OFFICES}

    departments = table("hr.departments", [
        col("id", "integer"),
        col("code", "varchar(10) NOT NULL", decoy=True, note="number-shaped code"),
        col("name", "varchar(120) NOT NULL", decoy=True),
        col("kostenstelle", "varchar(20)", decoy=True, note="cost centre, number-shaped"),
        col("parent_id", "integer"), col("office_id", "integer"),
        col("head_employee_id", "bigint", UID), col("created_at", ts),
        col("updated_at", "timestamptz"),
    ], uniques=[("code",)])
    dept_id = {d[0]: i for i, d in enumerate(DEPARTMENTS, 1)}
    dept_info = {d[0]: d for d in DEPARTMENTS}

    positions = table("hr.positions", [
        col("id", "integer"), col("job_code", "varchar(10) NOT NULL"),
        col("title", "varchar(160) NOT NULL", decoy=True,
            note="job-title lookup: not about a person"),
        col("job_family", "varchar(10)"), col("language", "char(2)"),
        col("pay_grade", "varchar(5)"), col("salary_min", "numeric(10,2)"),
        col("salary_max", "numeric(10,2)"), col("currency", "char(3) NOT NULL DEFAULT 'EUR'"),
        col("is_active", "boolean NOT NULL DEFAULT true"), col("created_at", ts),
    ], uniques=[("job_code",)])
    pos_id = {}
    for i, (code, title, _m, _f, fam, lang, grade, lo, hi) in enumerate(POSITIONS, 1):
        pos_id[code] = i
        positions.add(id=i, job_code=code, title=title, job_family=fam, language=lang,
                      pay_grade=grade, salary_min=Decimal(lo), salary_max=Decimal(hi),
                      currency="EUR", is_active=code != "J-3403",
                      created_at=rand_dt(rng, date(2012, 6, 30), date(2023, 1, 1)))

    # --- people -----------------------------------------------------------------------
    emps: list[Emp] = []
    work_emails: set[str] = set()
    private_emails: set[str] = set()
    usernames: set[str] = set()
    next_pn = {"DE": 100000, "ES": 200000, "NL": 300000, "BE": 400000}
    eid = 0
    for code, n in OFFICE_STAFF.items():
        ctry = office_by_code[code][5]
        for _ in range(n):
            eid += 1
            origin = pick_weighted(rng, HR_ORIGINS[ctry])
            p = make_person(rng, origin)
            dob = rand_date(rng, date(1959, 6, 1), date(2004, 3, 1))
            hire = rand_date(rng, max(add_years(dob, 18), date(1996, 1, 1)), date(2024, 3, 1))
            ex = None
            if rng.random() < 0.07 and hire < date(2023, 9, 1):
                ex = rand_date(rng, hire + timedelta(days=180), date(2024, 3, 31))
            home_city = rng.choice(OFFICE_HOMES[code])
            city = next(c for c in CITIES[ctry] if c.name == home_city)
            home = make_address(rng, ctry, city)
            next_pn[ctry] += rng.randint(1, 4)
            german = ctry != "ES"
            f = slug(p.first.split()[0], german)
            ln = slug(p.last.split()[0] if origin == "es" else p.last, german)
            we = f"{f}.{ln}@company.example"
            k = 2
            while we in work_emails:
                we = f"{f}.{ln}{k}@company.example"
                k += 1
            work_emails.add(we)
            e = Emp(eid, str(next_pn[ctry]), p, code, ctry, dob, hire, ex, home,
                    phone(rng, ctry, True) if rng.random() < 0.9 else None,
                    private_email(rng, p, ctry, private_emails) if rng.random() < 0.85 else None,
                    we)
            age = (TODAY - dob).days // 365
            if age < 28:
                e.marital = rng.choices(("ledig", "verheiratet"), (85, 15))[0]
            elif age < 41:
                e.marital = rng.choices(("ledig", "verheiratet", "geschieden",
                                         "eingetragene Lebenspartnerschaft"), (45, 45, 8, 2))[0]
            else:
                e.marital = rng.choices(("verheiratet", "ledig", "geschieden", "verwitwet"),
                                        (60, 20, 15, 5))[0]
            u = slug(p.first.split()[0])[0] + slug(p.last.split()[0])
            while u in usernames:
                u += str(rng.randint(1, 9))
            usernames.add(u)
            e.username = u
            emps.append(e)
    for i in rng.sample([e for e in emps if e.country == "DE"], 2):
        i.p.sex = "d"

    # departments, positions, managers
    by_country: dict[str, list[str]] = {}
    for d in DEPARTMENTS:
        by_country.setdefault(d[2], []).append(d[0])
    for e in emps:
        cands = by_country[e.country]
        weights = [3 if dept_info[c][5] == e.office else 1 for c in cands]
        e.dept = rng.choices(cands, weights)[0]
    for dcode, *_ in DEPARTMENTS:  # every department gets somebody
        if not any(e.dept == dcode for e in emps):
            country, office = dept_info[dcode][2], dept_info[dcode][5]
            pool = [e for e in emps if e.office == office and e.dept != dept_info[dcode][4]]
            rng.choice(pool or [e for e in emps if e.country == country]).dept = dcode
    for e in emps:
        fam = dept_info[e.dept][3]
        langs = COUNTRY_LANGS[e.country]
        cands = [p for p in POSITIONS if p[4] in (fam, "FIN" if fam == "PAY" else fam)
                 and p[5] in langs]
        if rng.random() < 0.1 or not cands:
            cands += [p for p in POSITIONS if p[4] == "ANY"]
        e.position = rng.choice(cands)
    heads: dict[str, Emp] = {}
    for dcode, *_ in DEPARTMENTS:
        members = sorted((e for e in emps if e.dept == dcode and e.exit is None),
                         key=lambda e: e.hire)
        heads[dcode] = members[0]
    for e in emps:
        head = heads[e.dept]
        if head is e:
            parent = dept_info[e.dept][4]
            e.manager = heads[parent].id if parent else None
        else:
            e.manager = head.id
    for i, (code, name, ctry, _fam, parent, off) in enumerate(DEPARTMENTS, 1):
        cc = {"DE": f"{code}0100", "ES": f"ES-{code}-01", "NL": f"{code}00",
              "BE": f"BE{code}"}[ctry]
        created = datetime(2012, 6, 30, 2, 5, i)
        departments.add(id=i, code=code, name=name, kostenstelle=cc,
                        parent_id=dept_id[parent] if parent else None,
                        office_id=office_id[off], head_employee_id=heads[code].id,
                        created_at=created, updated_at=after(rng, created, 3000))

    employees = table("hr.employees", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY", UID),
        col("personalnummer", "varchar(12) NOT NULL", UID, note="employee number"),
        col("vorname", "varchar(80) NOT NULL", FIRST),
        col("nachname", "varchar(120) NOT NULL", LAST),
        col("geburtsname", "varchar(120)", LAST, note="birth name, mostly NULL"),
        col("rufname", "varchar(80)", FIRST, note="preferred first name / nickname"),
        col("name_originalschrift", "varchar(120)", NAME, note="name in its own script"),
        col("geschlecht", "char(1)", GENDER, note="m / w / d"),
        col("geburtsdatum", "date", DOB),
        col("familienstand", "varchar(40)", MARITAL),
        col("strasse", "varchar(160)", STREET), col("plz", "varchar(10)", POSTAL),
        col("ort", "varchar(80)", CITY), col("land", "char(2)", COUNTRY),
        col("email_privat", "varchar(160)", EMAIL),
        col("email_geschaeftlich", "varchar(160) NOT NULL", EMAIL,
            note="firstname.lastname@company.example"),
        col("telefon_privat", "varchar(40)", PHONE), col("mobil", "varchar(40)", PHONE),
        col("durchwahl", "varchar(40)", PHONE, note="personal direct dial"),
        col("steuer_id", "varchar(16)", NATID, note="German tax id (IdNr), DE staff only"),
        col("job_title", "varchar(160)", JOB, note="this person's own title"),
        col("vorheriger_arbeitgeber", "varchar(120)", WORKPLACE, note="previous employer"),
        col("department_id", "integer"), col("position_id", "integer"),
        col("office_id", "integer"), col("manager_id", "bigint", UID),
        col("eintrittsdatum", "date NOT NULL", decoy=True, note="hire date"),
        col("austrittsdatum", "date", decoy=True, note="leaving date"),
        col("status", "varchar(20) NOT NULL DEFAULT 'aktiv'"),
        col("is_active", "boolean NOT NULL DEFAULT true"),
        col("created_at", ts), col("updated_at", "timestamptz"),
    ], uniques=[("personalnummer",), ("email_geschaeftlich",)],
        fks=[("department_id", "hr.departments", "id"), ("position_id", "hr.positions", "id"),
             ("office_id", "hr.offices", "id"), ("manager_id", "hr.employees", "id")],
        indexes=[("nachname", "vorname")], comment="Mitarbeiterstamm")
    steuer_ids: set[str] = set()
    for e in emps:
        p = e.p
        married_like = e.marital in ("verheiratet", "geschieden", "verwitwet")
        birth_name = None
        if (p.sex == "f" and married_like and p.origin in ("de", "pl", "tr", "nl", "ua")
                and rng.random() < 0.4):
            birth_name = make_person(rng, p.origin, "f", native_share=0).last
            e.birth_name = birth_name
        sid = None
        if e.country == "DE":
            sid = steuer_id(rng)
            while sid in steuer_ids:
                sid = steuer_id(rng)
            steuer_ids.add(sid)
            if rng.random() < 0.15:
                sid = f"{sid[:2]} {sid[2:5]} {sid[5:8]} {sid[8:]}"
        _code, lookup, m_title, f_title = e.position[:4]
        title = {"m": m_title or lookup, "f": f_title or lookup}.get(p.sex, lookup)
        if rng.random() < 0.1:
            title += rng.choice({"DE": (" (Teilzeit)", " (interim)"), "ES": (" (media jornada)",),
                                 "NL": (" (parttime)", " a.i."),
                                 "BE": (" (temps partiel)", " (deeltijds)")}[e.country])
        if rng.random() < 0.08:
            title = None
        tel_priv = phone(rng, e.country, False, e.home.city) if rng.random() < 0.25 else None
        dial = None
        if rng.random() < 0.6:
            dial = replace_last_digits(office_by_code[e.office][6], f"{rng.randint(101, 989)}")
        created = (datetime(2012, 6, 30, 2, 14, 0) if e.hire < date(2012, 6, 30) else
                   datetime.combine(e.hire - timedelta(days=rng.randint(5, 40)),
                                    datetime.min.time()) + timedelta(hours=rng.randint(8, 17)))
        status = "aktiv" if e.exit is None else "ausgetreten"
        if e.exit is None and rng.random() < 0.03:
            status = "ruhend"
        employees.add(
            id=e.id, personalnummer=e.pn, vorname=p.first, nachname=p.last,
            geburtsname=birth_name,
            rufname=NICKNAMES.get(p.first) if rng.random() < 0.7 else None,
            name_originalschrift=p.native_full,
            geschlecht={"m": "m", "f": "w", "d": "d"}[p.sex], geburtsdatum=e.dob,
            familienstand=e.marital, strasse=e.home.street, plz=e.home.postal,
            ort=e.home.city, land=e.country,
            email_privat=e.email_private if e.email_private or rng.random() < 0.5 else "",
            email_geschaeftlich=e.work_email, telefon_privat=tel_priv,
            mobil=e.mobile if e.mobile or rng.random() < 0.6 else "", durchwahl=dial,
            steuer_id=sid, job_title=title,
            vorheriger_arbeitgeber=rng.choice(EMPLOYERS) if rng.random() < 0.4 else None,
            department_id=dept_id[e.dept], position_id=pos_id[e.position[0]],
            office_id=office_id[e.office], manager_id=e.manager, eintrittsdatum=e.hire,
            austrittsdatum=e.exit, status=status, is_active=e.exit is None,
            created_at=created, updated_at=after(rng, created, 900))
    emp_by_id = {e.id: e for e in emps}

    # --- country-specific master data ----------------------------------------------------
    es_tab = table("hr.datos_empleado_es", [
        col("empleado_id", "bigint", UID), col("nombre", "varchar(80) NOT NULL", FIRST),
        col("apellidos", "varchar(160) NOT NULL", LAST),
        col("dni", "varchar(16)", NATID, note="DNI or NIE, valid control letter"),
        col("numero_seguridad_social", "varchar(16)", NATID, note="NAF, mod-97 check digits"),
        col("fecha_nacimiento", "date", DOB), col("telefono_movil", "varchar(30)", PHONE),
        col("telefono_fijo", "varchar(30)", PHONE), col("domicilio", "varchar(200)", STREET),
        col("codigo_postal", "varchar(5)", POSTAL), col("municipio", "varchar(80)", CITY),
        col("provincia", "varchar(40)", STATE), col("grupo_cotizacion", "varchar(2)"),
        col("convenio_colectivo", "varchar(160)"), col("created_at", ts),
        col("updated_at", "timestamptz"),
    ], pk=("empleado_id",), fks=[("empleado_id", "hr.employees", "id")],
        uniques=[("dni",)])
    for e in (x for x in emps if x.country == "ES"):
        d = dni(rng, e.p.origin != "es")
        d = rng.choices((d, f"{d[:-1]}-{d[-1]}", f"{d[:2]}.{d[2:5]}.{d[5:8]}-{d[8]}"
                         if d[0].isdigit() else d), (70, 20, 10))[0]
        n = naf(rng, e.home.state or "Madrid")
        n = rng.choices((n, f"{n[:2]}/{n[2:10]}/{n[10:]}", f"{n[:2]} {n[2:10]} {n[10:]}"),
                        (60, 25, 15))[0]
        created = datetime(2019, 1, 14, 3, 0) if e.hire < date(2019, 1, 1) else \
            rand_dt(rng, e.hire - timedelta(days=20), e.hire)
        es_tab.add(
            empleado_id=e.id, nombre=e.p.first, apellidos=e.p.last, dni=d,
            numero_seguridad_social=n, fecha_nacimiento=e.dob,
            telefono_movil=e.mobile if rng.random() < 0.7 else phone(rng, "ES", True),
            telefono_fijo=phone(rng, "ES", False, e.home.city) if rng.random() < 0.3 else None,
            domicilio=e.home.street, codigo_postal=e.home.postal, municipio=e.home.city,
            provincia=e.home.state, grupo_cotizacion=f"{rng.randint(1, 7):02d}",
            convenio_colectivo=rng.choice((
                "Convenio colectivo de oficinas y despachos de la Comunidad de Madrid"
                if e.office == "MAD" else "Conveni col·lectiu d'oficines i despatxos de Catalunya",
                "XVII Convenio colectivo estatal de empresas de consultoría")),
            created_at=created, updated_at=after(rng, created, 400))

    bnl = table("hr.medewerkers_benelux", [
        col("medewerker_id", "bigint", UID),
        col("voornamen", "varchar(160) NOT NULL", FIRST, note="all given names"),
        col("roepnaam", "varchar(80)", FIRST),
        col("tussenvoegsel", "varchar(20)", LAST, note="surname prefix: van, de, van der"),
        col("achternaam", "varchar(120) NOT NULL", LAST), col("geboortedatum", "date", DOB),
        col("bsn", "char(9)", NATID, note="Dutch BSN (11-test), NL staff"),
        col("rijksregisternummer", "varchar(15)", NATID, note="Belgian national number"),
        col("straat", "varchar(120)", STREET),
        col("huisnummer", "varchar(16)", STREET, note="house number with suffix / bus"),
        col("postcode", "varchar(7)", POSTAL), col("woonplaats", "varchar(80)", CITY),
        col("land", "char(2)", COUNTRY), col("telefoonnummer", "varchar(30)", PHONE),
        col("created_at", ts), col("updated_at", "timestamptz"),
    ], pk=("medewerker_id",), fks=[("medewerker_id", "hr.employees", "id")])
    for e in (x for x in emps if x.country in ("NL", "BE")):
        tv, an = e.p.split_dutch() if e.p.origin == "nl" else (None, e.p.last)
        voornamen = e.p.first
        if e.p.origin in ("nl", "be_nl", "be_fr") and rng.random() < 0.4:
            voornamen += " " + rng.choice(EXTRA_GIVEN[e.p.sex if e.p.sex != "d" else "m"])
        rrn = None
        if e.country == "BE":
            rrn = be_national_number(rng, e.dob, e.p.sex)
            if rng.random() < 0.7:
                rrn = f"{rrn[:2]}.{rrn[2:4]}.{rrn[4:6]}-{rrn[6:9]}.{rrn[9:]}"
        number = e.home.number + (f" {e.home.extra}" if e.home.extra else "")
        created = rand_dt(rng, max(e.hire - timedelta(days=30), date(2016, 1, 1)),
                          max(e.hire, date(2016, 1, 2)))
        bnl.add(medewerker_id=e.id, voornamen=voornamen,
                roepnaam=NICKNAMES.get(e.p.first, e.p.first) if rng.random() < 0.7 else None,
                tussenvoegsel=tv, achternaam=an, geboortedatum=e.dob,
                bsn=bsn(rng) if e.country == "NL" else None, rijksregisternummer=rrn,
                straat=e.home.street_name, huisnummer=number, postcode=e.home.postal,
                woonplaats=e.home.city, land=e.country,
                telefoonnummer=e.mobile or phone(rng, e.country, False, e.home.city),
                created_at=created, updated_at=after(rng, created, 500))

    # --- intranet profile (Prisma-made, camelCase) ---------------------------------------
    profile = table("hr.EmployeeProfile", [
        col("id", "text NOT NULL", UID, note="cuid of a person's profile"),
        col("employeeId", "bigint NOT NULL", UID),
        col("displayName", "text NOT NULL", NAME),
        col("slackHandle", "text", USERNAME), col("workPhone", "text", PHONE),
        col("linkedinUrl", "text", URL), col("bio", "text", free=True),
        col("locale", "text NOT NULL DEFAULT 'de-DE'", LANGUAGE, note="the person's UI language"),
        col("birthdayVisible", "boolean NOT NULL DEFAULT false"),
        col("showPhone", "boolean NOT NULL DEFAULT true"),
        col("lastLoginAt", "timestamp(3)"),
        col("createdAt", "timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP"),
        col("updatedAt", "timestamp(3) NOT NULL"),
    ], uniques=[("employeeId",)], fks=[("employeeId", "hr.employees", "id")])
    locales = {"DE": ("de-DE",), "ES": ("es-ES", "es-ES", "ca-ES"), "NL": ("nl-NL",),
               "BE": ("nl-BE", "fr-BE")}
    for e in emps:
        if e.exit or rng.random() > 0.68:
            continue
        p = e.p
        nick = NICKNAMES.get(p.first)
        dn = rng.choice((p.full, p.full, f"{p.first} {p.last[0]}.",
                         f"{nick} {p.last}" if nick else p.full,
                         f"{p.native_full} ({p.full})" if p.native_full else p.full))
        bio: str | None = None
        r = rng.random()
        lang = e.country if rng.random() < 0.65 else "EN"
        mates = [x for x in emps if x.dept == e.dept and x is not e] or emps
        if r < 0.35:
            bio = rng.choice(BIO_NONE[lang])
        elif r < 0.45:
            bio = fill(rng.choice(BIO_NAME[lang]), name=Txt(rng.choice(mates).p.full, {NAME}),
                       relative=Txt(make_person(rng, p.origin, native_share=0).first, {NAME}),
                       relative2=Txt(make_person(rng, p.origin, native_share=0).first, {NAME}))
        elif r < 0.5:
            bio = fill(rng.choice(BIO_PHONE[lang]), phone=Txt(e.mobile or phone(rng, e.country),
                                                                {PHONE}))
        elif r < 0.53 and e.email_private:
            bio = fill(rng.choice(BIO_EMAIL[lang]), email=Txt(e.email_private, {EMAIL}))
        elif r < 0.6:
            bio = ""
        created = rand_dt(rng, date(2021, 3, 1), date(2024, 3, 1))
        ln = slug(p.last, sep="-")
        profile.add(
            id="cl" + rand_str(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 23),
            employeeId=e.id, displayName=dn,
            slackHandle=rng.choice((f"@{e.work_email.split('@')[0]}", e.username,
                                    f"{slug(p.first)}.{ln[:1]}")) if rng.random() < 0.65 else None,
            workPhone=(e.mobile if rng.random() < 0.5 else
                       replace_last_digits(office_by_code[e.office][6],
                                           f"{rng.randint(101, 989)}"))
            if rng.random() < 0.5 else None,
            linkedinUrl=f"https://www.linkedin.com/in/{slug(p.first, sep='-')}-{ln}-"
                        f"{hexstr(rng, 8)}/" if rng.random() < 0.3 else None,
            bio=bio, locale=rng.choice(locales[e.country]) if rng.random() < 0.9 else "en-GB",
            birthdayVisible=rng.random() < 0.3, showPhone=rng.random() < 0.7,
            lastLoginAt=rand_dt(rng, date(2024, 1, 1), date(2024, 4, 14))
            if rng.random() < 0.85 else None,
            createdAt=created, updatedAt=after(rng, created, 300))

    # --- emergency contacts ---------------------------------------------------------------
    contacts = table("hr.emergency_contacts", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY", UID,
            note="row of a person (the contact)"),
        col("employee_id", "bigint NOT NULL", UID),
        col("name", "varchar(160) NOT NULL", NAME, note="a `name` column that IS personal"),
        col("beziehung", "varchar(40)"),
        col("telefon", "varchar(40) NOT NULL", PHONE),
        col("telefon_alternativ", "varchar(40)", PHONE), col("email", "varchar(160)", EMAIL),
        col("adresse", "varchar(240)", free=True), col("prioritaet", "smallint NOT NULL"),
        col("created_at", ts),
    ], fks=[("employee_id", "hr.employees", "id")], indexes=[("employee_id",)])
    cid = 0
    for e in emps:
        n = 0 if rng.random() < 0.12 else (2 if rng.random() < 0.25 else 1)
        for prio in range(1, n + 1):
            cid += 1
            married = e.marital in ("verheiratet", "eingetragene Lebenspartnerschaft")
            kind = rng.choice(("spouse",) * 3 if married and prio == 1 else
                              ("partner", "parent", "parent", "sibling", "friend", "child")
                              if (TODAY - e.dob).days > 40 * 365 else
                              ("partner", "parent", "parent", "sibling", "friend"))
            sex = rng.choice("mf")
            if kind in ("spouse", "partner") and e.p.sex in "mf" and rng.random() < 0.9:
                sex = "f" if e.p.sex == "m" else "m"
            origin = e.p.origin if rng.random() < 0.85 else pick_weighted(rng,
                                                                           HR_ORIGINS[e.country])
            c = make_person(rng, origin, sex, native_share=0.0)
            if kind in ("parent", "sibling", "child") or (kind == "spouse" and rng.random() < 0.5):
                if e.p.origin == "es":
                    c.last = f"{e.p.last.split()[0]} {make_person(rng, 'es').last.split()[0]}"
                elif e.p.origin not in CJK:
                    c.last = e.p.last if not (e.p.origin == "pl" and sex == "f") else \
                        feminine_polish(e.p.last)
            name = rng.choices((c.full, f"{c.last}, {c.first}", c.first, c.full.upper()),
                               (70, 12, 12, 6))[0]
            abroad = kind == "parent" and rng.random() < 0.4
            tel = (foreign_mobile(rng, e.p.origin) if abroad else None) or \
                phone(rng, e.country, rng.random() < 0.85, e.home.city)
            addr: str | None = None
            if abroad and (fa := foreign_address(rng, e.p.origin)):
                addr = Txt(fa, {STREET, POSTAL, CITY})
            elif kind == "spouse" and rng.random() < 0.5:
                addr = rng.choice(("gleiche Adresse", "wie Mitarbeiter/in", "misma dirección",
                                   "zelfde adres"))
            elif rng.random() < 0.55:
                a = make_address(rng, e.country, rng.choice(CITIES[e.country]))
                addr = Txt(a.one_line, {STREET, POSTAL, CITY})
            contacts.add(
                id=cid, employee_id=e.id, name=name,
                beziehung=RELATIONS["BE_fr" if e.p.origin == "be_fr" else e.country][kind]
                [0 if sex == "f" else 1],
                telefon=tel,
                telefon_alternativ=phone(rng, e.country, False, e.home.city)
                if rng.random() < 0.15 else None,
                email=private_email(rng, c, e.country, private_emails)
                if rng.random() < 0.4 else None,
                adresse=addr, prioritaet=prio,
                created_at=rand_dt(rng, max(e.hire, date(2012, 7, 1)), date(2024, 4, 1)))

    # --- absence types and requests -------------------------------------------------------
    absence = table("hr.absence_types", [
        col("code", "varchar(4)"), col("bezeichnung", "varchar(80) NOT NULL"),
        col("land", "char(2)"), col("bezahlt", "boolean NOT NULL"),
        col("zaehlt_gegen_kontingent", "boolean NOT NULL"),
    ], pk=("code",))
    for code, name, ctry, paid, quota in (
            ("URL", "Urlaub", "DE", True, True), ("SU", "Sonderurlaub", "DE", True, False),
            ("ZA", "Zeitausgleich", "DE", True, False), ("UU", "Unbezahlter Urlaub", "DE",
                                                          False, False),
            ("VAC", "Vacaciones", "ES", True, True), ("AP", "Asuntos propios", "ES", True, True),
            ("PER", "Permiso retribuido", "ES", True, False),
            ("VAK", "Vakantie", "NL", True, True), ("ADV", "ADV-dag", "NL", True, False),
            ("CA", "Congé annuel / Jaarlijkse vakantie", "BE", True, True),
            ("RTT", "Récupération / Inhaalrust", "BE", True, False)):
        absence.add(code=code, bezeichnung=name, land=ctry, bezahlt=paid,
                    zaehlt_gegen_kontingent=quota)
    types_by_country = {"DE": ("URL",) * 6 + ("SU", "ZA", "UU"),
                        "ES": ("VAC",) * 5 + ("AP", "AP", "PER"),
                        "NL": ("VAK",) * 5 + ("ADV",), "BE": ("CA",) * 5 + ("RTT",)}
    timeoff = table("hr.time_off_requests", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        col("employee_id", "bigint NOT NULL", UID),
        col("absence_type", "varchar(4) NOT NULL"), col("start_date", "date NOT NULL"),
        col("end_date", "date NOT NULL"), col("days", "numeric(4,1) NOT NULL"),
        col("status", "varchar(12) NOT NULL"), col("comment", "text", free=True),
        col("approved_by", "bigint", UID), col("approver_comment", "text", free=True),
        col("decided_at", "timestamptz"), col("created_at", ts),
        col("updated_at", "timestamptz"),
    ], fks=[("employee_id", "hr.employees", "id"), ("approved_by", "hr.employees", "id"),
            ("absence_type", "hr.absence_types", "code")], indexes=[("employee_id",)])
    active = [e for e in emps if e.exit is None]
    for tid in range(1, 401):
        e = rng.choice(active)
        start = rand_date(rng, date(2023, 6, 1), date(2024, 8, 30))
        ndays = rng.choice((1, 1, 2, 3, 5, 5, 10, 10, 15))
        end = start + timedelta(days=ndays + (ndays // 5) * 2 - 1)
        status = rng.choices(("approved", "requested", "rejected", "cancelled"),
                             (70, 15, 7, 8))[0] if start < date(2024, 4, 15) else \
            rng.choices(("approved", "requested"), (50, 50))[0]
        lang = e.country
        r = rng.random()
        colleague = Txt(rng.choice([x for x in active if x.dept == e.dept and x is not e]
                                   or active).p.full, {NAME})
        sister = Txt(make_person(rng, e.p.origin, "f", native_share=0).first, {NAME})
        brother = Txt(make_person(rng, e.p.origin, "m", native_share=0).first, {NAME})
        tel = Txt(e.mobile or phone(rng, e.country), {PHONE})
        comment: str | None
        if r < 0.2:
            comment = None
        elif r < 0.27:
            comment = ""
        elif r < 0.6:
            comment = rng.choice(TIMEOFF_NONE[lang])
        elif r < 0.66:
            comment = rng.choice(TIMEOFF_NONE_ANY)
        elif r < 0.81:
            comment = fill(rng.choice(TIMEOFF_NAME[lang]), name=colleague, sister=sister,
                           brother=brother)
        elif r < 0.9:
            comment = fill(rng.choice(TIMEOFF_PHONE[lang]), phone=tel)
        elif r < 0.94 and e.email_private:
            comment = fill(rng.choice(TIMEOFF_EMAIL[lang]), email=Txt(e.email_private, {EMAIL}))
        else:
            comment = fill(rng.choice(TIMEOFF_BOTH[lang]), name=colleague, phone=tel)
        created = rand_dt(rng, start - timedelta(days=90), start - timedelta(days=2))
        decided = after(rng, created, 6) if status in ("approved", "rejected") else None
        approver = (e.manager or heads["1000"].id) if decided else None
        acomment = None
        if decided and rng.random() < 0.4:
            acomment = rng.choice((APPROVE if status == "approved" else REJECT)[e.country])
        timeoff.add(id=tid, employee_id=e.id, absence_type=rng.choice(types_by_country[lang]),
                    start_date=start, end_date=end, days=Decimal(ndays) - (Decimal("0.5") if
                                                                          rng.random() < 0.05
                                                                          else 0),
                    status=status, comment=comment, approved_by=approver,
                    approver_comment=acomment, decided_at=decided, created_at=created,
                    updated_at=decided or created)

    # --- projects -------------------------------------------------------------------------
    projects = table("hr.projects", [
        col("id", "integer"), col("code", "varchar(12) NOT NULL", decoy=True,
                                   note="number-shaped project code"),
        col("name", "varchar(120) NOT NULL", decoy=True,
            note="project names, some like first names"),
        col("client_name", "varchar(120)", decoy=True, note="customer company"),
        col("budget", "numeric(12,2)"), col("currency", "char(3)"),
        col("start_date", "date"), col("end_date", "date"),
        col("owner_employee_id", "bigint", UID), col("is_active", "boolean NOT NULL"),
        col("created_at", ts),
    ], fks=[("owner_employee_id", "hr.employees", "id")])
    project_names = [
        ("S/4HANA Migration", None), ("Proyecto Atlas", None), ("Project Mercury", None),
        ("Müller Logistik Rollout", "Müller Logistik GmbH & Co. KG"),
        ("Website Relaunch 2024", None), ("Payroll Harmonisation Benelux", None),
        ("Nieuwe cao-implementatie", None), ("Migración SEPA", None), ("Data Lakehouse", None),
        ("Zero Trust Network", None), ("Kundenportal 3.0", None),
        ("Field Service App", "Schneider Electric"), ("Klantportaal Vlaanderen", "Colruyt Group"),
        ("Logística Levante", "Mercadona"), ("EDI-Anbindung", "Hoffmann Group"),
        ("Procurement Integration", "Philips"), ("Trade Marketing Iberia", "Ferrero Ibérica"),
        ("KYC Onboarding", "Banco Sabadell"), ("Alma (HR-App intern)", None), ("Helios", None),
        ("Orion", None), ("Vega", None), ("Lisa", None), ("Projekt Johanna", None),
        ("Sofia Analytics", "Sofia Hotels"), ("Haven Rotterdam Dashboard", "Van Oord"),
        ("Dr. Oetker Shop-Integration", "Dr. August Oetker KG"),
        ("Carl Zeiss PIM", "Carl Zeiss AG")]
    for i, (pname, client) in enumerate(project_names, 1):
        start = rand_date(rng, date(2021, 1, 1), date(2024, 3, 1))
        code = rng.choice((f"{start:%Y}-{rng.randint(1, 999):04d}", f"{rng.randint(10000, 99999)}",
                           f"0{rng.randint(100, 999)}-{rng.randint(1, 12):02d}"))
        projects.add(id=i, code=code, name=pname, client_name=client,
                     budget=Decimal(rng.randrange(20000, 2_000_000, 500)), currency="EUR",
                     start_date=start,
                     end_date=start + timedelta(days=rng.randint(90, 900))
                     if rng.random() < 0.7 else None,
                     owner_employee_id=rng.choice(active).id, is_active=rng.random() < 0.7,
                     created_at=rand_dt(rng, start - timedelta(days=40), start))
    assignments = table("hr.project_assignments", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        col("project_id", "integer NOT NULL"), col("employee_id", "bigint NOT NULL", UID),
        col("allocation_pct", "smallint NOT NULL"), col("hourly_rate", "numeric(8,2)"),
        col("valid_from", "date"), col("valid_to", "date"),
    ], uniques=[("project_id", "employee_id")],
        fks=[("project_id", "hr.projects", "id"), ("employee_id", "hr.employees", "id")])
    pairs = set()
    while len(pairs) < 320:
        pairs.add((rng.randint(1, len(project_names)), rng.choice(emps).id))
    for i, (pid, emp) in enumerate(sorted(pairs), 1):
        vf = rand_date(rng, date(2021, 1, 1), date(2024, 3, 1))
        assignments.add(id=i, project_id=pid, employee_id=emp,
                        allocation_pct=rng.choice((10, 20, 25, 50, 50, 80, 100)),
                        hourly_rate=Decimal(rng.randrange(6500, 16500, 250)) / 100,
                        valid_from=vf,
                        valid_to=vf + timedelta(days=rng.randint(60, 500))
                        if rng.random() < 0.5 else None)

    # --- audit log ------------------------------------------------------------------------
    audit = table("hr.audit_log", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        col("employee_id", "bigint", UID, note="whose record changed"),
        col("table_name", "varchar(60) NOT NULL"), col("action", "varchar(10) NOT NULL"),
        col("changed_fields", "jsonb", decoy=True, note="names of changed columns only"),
        col("changed_by", "varchar(40) NOT NULL", USERNAME),
        col("client_ip", "inet", IP, note="workstation / VPN address of the editor"),
        col("changed_at", "timestamptz NOT NULL"),
    ], fks=[("employee_id", "hr.employees", "id")], indexes=[("employee_id",)])
    fieldsets = [("hr.employees", '["strasse", "plz", "ort"]'),
                 ("payroll.bank_accounts", '["iban", "bic"]'),
                 ("hr.employees", '["familienstand"]'),
                 ("payroll.lohnsteuer_merkmale", '["steuerklasse", "konfession"]'),
                 ("hr.employees", '["mobil"]'), ("hr.employees", '["email_privat"]'),
                 ("hr.employees", '["nachname", "geburtsname"]'),
                 ("hr.employees", '["department_id", "position_id"]'),
                 ("payroll.contracts", '["base_salary_annual"]'),
                 ("payroll.contracts", '["weekly_hours", "fte"]'),
                 ("hr.employees", '["status", "austrittsdatum"]')]
    editors = [e for e in emps if dept_info[e.dept][3] in ("HR", "PAY")]
    subnets = {"DE": "10.20", "ES": "10.30", "NL": "10.40", "BE": "10.50"}
    for i in range(1, 311):
        e = rng.choice(emps)
        tname, fields_ = rng.choice(fieldsets)
        ed = [x for x in editors if x.country == e.country] or editors
        who = rng.choice(ed).username if rng.random() < 0.9 else rng.choice(("svc_payroll",
                                                                             "datev-sync"))
        ip = f"{subnets[e.country]}.{rng.randint(0, 31)}.{rng.randint(2, 254)}" \
            if rng.random() < 0.8 else f"172.16.{rng.randint(0, 15)}.{rng.randint(2, 254)}"
        audit.add(id=i, employee_id=e.id, table_name=tname,
                  action=rng.choice(("UPDATE",) * 5 + ("INSERT",)), changed_fields=fields_,
                  changed_by=who, client_ip=ip,
                  changed_at=rand_dt(rng, date(2023, 1, 1), date(2024, 4, 14)))

    settings = table("hr.settings", [
        col("id", "integer"), col("key", "varchar(60) NOT NULL"),
        col("value", "text", decoy=True, note="versions, generic mailboxes, server IP"),
        col("description", "text"), col("updated_by", "varchar(40)", USERNAME),
        col("updated_at", "timestamptz"),
    ], uniques=[("key",)])
    hr_admins = [e.username for e in editors[:4]]
    for i, (k, v, desc) in enumerate((
            ("schema_version", "2.4.1.0", "Datenbankschema"),
            ("app_version", "2.4.1.0", "HR-Portal Release"),
            ("min_client_version", "2.3.0.0", None),
            ("hr_mailbox", "hr@company.example", "Sammelpostfach Personal"),
            ("payroll_mailbox", "payroll@company.example", None),
            ("nominas_mailbox", "nominas@company.example", "Buzón nóminas Iberia"),
            ("salaris_mailbox", "salaris@company.example", "Salarisadministratie Benelux"),
            ("it_helpdesk_phone", "+49 30 2091 4000", "IT-Hotline"),
            ("default_locale", "de-DE", None), ("sepa_creditor_id", "DE98ZZZ09999999999", None),
            ("datev_beraternummer", "1234567", None), ("datev_mandantennummer", "10234", None),
            ("payroll_cutoff_day", "20", "Stichtag für Bewegungsdaten"),
            ("max_carryover_days", "10", None), ("smtp_relay", "10.20.0.25", None),
            ("session_timeout_minutes", "30", None)), 1):
        settings.add(id=i, key=k, value=v, description=desc,
                     updated_by=rng.choice(hr_admins) if rng.random() < 0.7 else "admin",
                     updated_at=rand_dt(rng, date(2022, 1, 1), date(2024, 4, 1)))

    # --- payroll schema -------------------------------------------------------------------
    banks = table("payroll.bank_accounts", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        col("employee_id", "bigint NOT NULL", UID),
        col("kontoinhaber", "varchar(160) NOT NULL", NAME, note="account holder"),
        col("iban", "varchar(42) NOT NULL", BANK),
        col("bic", "varchar(11)", decoy=True, note="bank identifier, not the person"),
        col("bank_name", "varchar(80)", decoy=True),
        col("is_primary", "boolean NOT NULL DEFAULT true"), col("valid_from", "date"),
        col("valid_to", "date"), col("created_at", ts),
    ], fks=[("employee_id", "hr.employees", "id")], indexes=[("employee_id",)])
    primary_iban: dict[int, str] = {}
    bid = 0
    for e in emps:
        switched = rng.random() < 0.1 and (TODAY - e.hire).days > 400
        primary_from = rand_date(rng, e.hire + timedelta(days=200), TODAY) if switched \
            else e.hire
        for primary in (True, False) if switched else (True,):
            bid += 1
            ctry = e.country
            if rng.random() < 0.05:
                ctry = rng.choice([c for c in ("DE", "ES", "NL", "BE") if c != e.country])
            ib, bname, bic = make_iban(rng, ctry)
            if primary:
                primary_iban[e.id] = ib
            joint = f"{e.p.first} und {make_person(rng, e.p.origin).first} {e.p.last}"
            holder = rng.choices((e.p.full, f"{e.p.last}, {e.p.first}",
                                  ascii_fold(e.p.full).upper(),
                                  joint if e.country == "DE" else e.p.full),
                                 (65, 15, 15, 5))[0]
            vf = primary_from if primary else e.hire
            banks.add(id=bid, employee_id=e.id, kontoinhaber=holder,
                      iban=iban_spaced(ib) if rng.random() < 0.2 else ib, bic=bic,
                      bank_name=bname, is_primary=primary, valid_from=vf,
                      valid_to=None if primary else primary_from - timedelta(days=1),
                      created_at=datetime.combine(vf, datetime.min.time())
                      + timedelta(hours=rng.randint(8, 18)))

    contracts = table("payroll.contracts", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        col("contract_number", "varchar(20) NOT NULL", decoy=True, note="document number"),
        col("employee_id", "bigint NOT NULL", UID), col("position_id", "integer"),
        col("contract_type", "varchar(40) NOT NULL"), col("start_date", "date NOT NULL"),
        col("end_date", "date"), col("probation_end", "date"),
        col("weekly_hours", "numeric(4,1)"), col("fte", "numeric(3,2)"),
        col("base_salary_annual", "numeric(10,2) NOT NULL"),
        col("currency", "char(3) NOT NULL DEFAULT 'EUR'"), col("pay_grade", "varchar(5)"),
        col("payments_per_year", "smallint NOT NULL DEFAULT 12"),
        col("signed_at", "date"), col("notes", "text", free=True), col("created_at", ts),
        col("updated_at", "timestamptz"),
    ], uniques=[("contract_number",)],
        fks=[("employee_id", "hr.employees", "id"), ("position_id", "hr.positions", "id")])
    types = {"DE": ("unbefristet", "befristet"), "ES": ("indefinido", "temporal"),
             "NL": ("onbepaalde tijd", "bepaalde tijd"), "BE": ("CDI / COD", "CDD / COBT")}
    prefixes = {"DE": "AV", "ES": "CT", "NL": "AO", "BE": "CT-BE"}
    salaries: dict[int, Decimal] = {}
    kid = 0
    numbers: set[str] = set()
    for e in emps:
        pos = e.position
        segments = [(e.hire, None)]
        if rng.random() < 0.22 and (TODAY - e.hire).days > 500:
            switch = e.hire + timedelta(days=rng.choice((365, 730)))
            segments = [(e.hire, switch - timedelta(days=1)), (switch, None)]
        for n, (start, end) in enumerate(segments):
            kid += 1
            fixed = end is not None
            hours = rng.choice((40, 40, 40, 38.5, 39, 30, 20, 32)) if e.country != "ES" else \
                rng.choice((40, 40, 37.5, 30, 20))
            fte = Decimal(str(round(hours / 40, 2)))
            salary = Decimal(rng.randrange(pos[7], pos[8] + 1, 100)) * fte
            salary = salary.quantize(Decimal("1.00"))
            salaries[e.id] = salary
            while True:
                num = f"{prefixes[e.country]}-{start.year}-{rng.randint(1, 9999):05d}"
                if num not in numbers:
                    numbers.add(num)
                    break
            note: str | None = None
            r = rng.random()
            local_editors = [x for x in editors if x.country == e.country] or editors
            if fixed and e.country == "DE" and r < 0.3:
                note = "Befristung gem. § 14 Abs. 2 TzBfG"
            elif r < 0.15:
                note = rng.choice(CONTRACT_NOTES_NONE[e.country])
            elif r < 0.22:
                note = fill(rng.choice(CONTRACT_NOTES_NAME[e.country]),
                            name=Txt(rng.choice(local_editors).p.full, {NAME}))
            created = datetime.combine(start - timedelta(days=rng.randint(7, 60)),
                                       datetime.min.time()) + timedelta(hours=10)
            contracts.add(
                id=kid, contract_number=num, employee_id=e.id, position_id=pos_id[pos[0]],
                contract_type=types[e.country][1 if fixed else 0], start_date=start,
                end_date=end if fixed else e.exit,
                probation_end=start + timedelta(days=182) if n == 0 else None,
                weekly_hours=Decimal(str(hours)), fte=fte, base_salary_annual=salary,
                currency="EUR", pay_grade=pos[6],
                payments_per_year=14 if e.country == "ES" else 12,
                signed_at=start - timedelta(days=rng.randint(5, 50)), notes=note,
                created_at=created, updated_at=after(rng, created, 600))

    changes = table("payroll.salary_changes", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        col("contract_id", "bigint NOT NULL"), col("effective_from", "date NOT NULL"),
        col("old_salary", "numeric(10,2) NOT NULL"), col("new_salary", "numeric(10,2) NOT NULL"),
        col("reason", "varchar(80)"), col("approved_by", "bigint", UID),
        col("created_at", ts),
    ], fks=[("contract_id", "payroll.contracts", "id"), ("approved_by", "hr.employees", "id")])
    reasons = {"DE": ("Tariferhöhung 2023", "Beförderung", "Leistungsbezogene Anpassung",
                      "Inflationsausgleich"),
               "ES": ("Revisión salarial anual", "IPC 2023", "Promoción interna"),
               "NL": ("Cao-verhoging", "Periodiek", "Promotie"),
               "BE": ("Indexation automatique / Automatische indexering", "Promotion")}
    chid = 0
    for k in contracts.rows:
        if k["end_date"] is not None or rng.random() > 0.6:
            continue
        e = emp_by_id[k["employee_id"]]
        old = k["base_salary_annual"]
        eff = rand_date(rng, max(k["start_date"] + timedelta(days=200), date(2022, 1, 1)),
                        date(2024, 4, 1))
        chid += 1
        new = (old * Decimal(str(1 + rng.uniform(0.02, 0.09)))).quantize(Decimal("1.00"))
        changes.add(id=chid, contract_id=k["id"], effective_from=eff, old_salary=old,
                    new_salary=new, reason=rng.choice(reasons[e.country]),
                    approved_by=e.manager or heads["1000"].id,
                    created_at=rand_dt(rng, eff - timedelta(days=40), eff))

    tax = table("payroll.lohnsteuer_merkmale", [
        col("mitarbeiter_id", "bigint", UID),
        col("sv_nummer", "varchar(16)", NATID, note="Rentenversicherungsnummer, valid check digit"),
        col("steuerklasse", "smallint NOT NULL"),
        col("konfession", "varchar(2)", RELIGION, note="church-tax denomination: ev / rk / --"),
        col("kinderfreibetraege", "numeric(3,1) NOT NULL DEFAULT 0"),
        col("krankenkasse", "varchar(60)"), col("gueltig_ab", "date NOT NULL"),
        col("updated_at", "timestamptz"),
    ], pk=("mitarbeiter_id",), fks=[("mitarbeiter_id", "hr.employees", "id")])
    for e in (x for x in emps if x.country == "DE"):
        kids = rng.choices((0, 0.5, 1, 1.5, 2), (60, 10, 15, 5, 10))[0]
        klasse = {"ledig": 2 if kids and rng.random() < 0.3 else 1,
                  "verheiratet": rng.choice((3, 4, 4, 4, 5)), "geschieden": 2 if kids else 1,
                  "verwitwet": rng.choice((1, 3)), "eingetragene Lebenspartnerschaft": 4}[e.marital]
        konf = {"de": ("--", "ev", "rk"), "pl": ("rk", "rk", "--")}.get(e.p.origin, ("--",))
        rv = rv_nummer(rng, e.dob, e.birth_name or e.p.last, e.p.sex if e.p.sex != "d" else "m")
        tax.add(mitarbeiter_id=e.id,
                sv_nummer=rv if rng.random() < 0.7 else f"{rv[:2]} {rv[2:8]} {rv[8]} {rv[9:]}",
                steuerklasse=klasse, konfession=rng.choice(konf),
                kinderfreibetraege=Decimal(str(kids)), krankenkasse=rng.choice(KRANKENKASSEN),
                gueltig_ab=max(e.hire, date(2024, 1, 1)) if rng.random() < 0.6 else e.hire,
                updated_at=rand_dt(rng, date(2023, 12, 1), date(2024, 4, 10)))

    runs = table("payroll.runs", [
        col("id", "integer"), col("period", "char(7) NOT NULL"),
        col("country_code", "char(2) NOT NULL"), col("run_type", "varchar(12) NOT NULL"),
        col("status", "varchar(12) NOT NULL"), col("executed_at", "timestamptz"),
        col("executed_by", "varchar(40)", USERNAME),
        col("software_version", "varchar(12)", decoy=True, note="looks like an IPv4 address"),
        col("total_gross", "numeric(12,2)"), col("total_net", "numeric(12,2)"),
        col("currency", "char(3) NOT NULL DEFAULT 'EUR'"), col("sepa_file_name", "varchar(80)"),
        col("debtor_iban", "varchar(34)", decoy=True, note="the company's own account"),
        col("created_at", ts),
    ], uniques=[("period", "country_code", "run_type")])
    company_rng = random.Random(SEED + 7)  # the company's own accounts, one per country
    company_iban = {c: make_iban(company_rng, c)[0] for c in ("DE", "ES", "NL", "BE")}
    clerks = {c: [e.username for e in editors if e.country == c] or ["svc_payroll"]
              for c in ("DE", "ES", "NL", "BE")}
    run_id = 0
    latest: dict[str, int] = {}
    for ym in range(2023 * 12, 2024 * 12 + 3):
        y, m = divmod(ym, 12)
        period = f"{y}-{m + 1:02d}"
        for ctry in ("DE", "ES", "NL", "BE"):
            for rtype in ("regular", "correction") if (period, ctry) in (
                    ("2023-07", "DE"), ("2023-12", "ES"), ("2024-02", "NL")) else ("regular",):
                run_id += 1
                staff = [e for e in emps if e.country == ctry and e.hire <= date(y, m + 1, 1)
                         and (e.exit is None or e.exit >= date(y, m + 1, 1))]
                gross = sum(salaries[e.id] for e in staff) / 12
                gross = Decimal(gross).quantize(Decimal("1.00"))
                if rtype == "correction":
                    gross = (gross * Decimal("0.004")).quantize(Decimal("1.00"))
                ex = datetime(y, m + 1, 25 if ctry != "ES" else 27, rng.randint(9, 16),
                              rng.randint(0, 59), rng.randint(0, 59))
                version = "2.3.7.2" if ym < 2023 * 12 + 8 else \
                    "2.4.0.0" if ym < 2024 * 12 else "2.4.1.0"
                runs.add(id=run_id, period=period, country_code=ctry, run_type=rtype,
                         status="paid" if period == "2024-03" else "closed", executed_at=ex,
                         executed_by=rng.choice(clerks[ctry]) if rng.random() < 0.85
                         else "svc_payroll", software_version=version, total_gross=gross,
                         total_net=(gross * Decimal("0.63")).quantize(Decimal("1.00")),
                         currency="EUR",
                         sepa_file_name=f"SEPA_{ctry}_{period}_{ex:%Y%m%d}.xml",
                         debtor_iban=company_iban[ctry],
                         created_at=ex - timedelta(days=3))
                if period == "2024-03" and rtype == "regular":
                    latest[ctry] = run_id

    slips = table("payroll.payslips", [
        col("id", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        col("run_id", "integer NOT NULL"), col("employee_id", "bigint NOT NULL", UID),
        col("gross", "numeric(10,2) NOT NULL"), col("tax_withheld", "numeric(10,2) NOT NULL"),
        col("social_security_employee", "numeric(10,2) NOT NULL"),
        col("net", "numeric(10,2) NOT NULL"), col("currency", "char(3) NOT NULL DEFAULT 'EUR'"),
        col("iban", "varchar(34) NOT NULL", BANK),
        col("payment_reference", "varchar(140)", UID,
            note="SEPA reference text containing the employee number"),
        col("cost_center", "varchar(20)", decoy=True), col("created_at", ts),
    ], uniques=[("run_id", "employee_id")],
        fks=[("run_id", "payroll.runs", "id"), ("employee_id", "hr.employees", "id")])
    months = {"DE": "03/2024", "ES": "MARZO 2024", "NL": "MAART 2024", "BE": "03-2024"}
    ref_fmt = {"DE": "GEHALT {m} PNR {pn}", "ES": "NOMINA {m} EMP {pn}",
               "NL": "SALARIS {m} PERS.NR {pn}", "BE": "SALAIRE/LOON {m} {pn}"}
    cc = {d["id"]: d["kostenstelle"] for d in departments.rows}
    sid_ = 0
    for e in emps:
        if e.exit is not None or e.hire > date(2024, 3, 1):
            continue
        sid_ += 1
        per_year = 14 if e.country == "ES" else 12
        gross = (salaries[e.id] / per_year).quantize(Decimal("1.00"))
        taxw = (gross * Decimal(str(rng.uniform(0.12, 0.34)))).quantize(Decimal("1.00"))
        soc = (gross * Decimal({"DE": "0.205", "ES": "0.0647", "NL": "0.0", "BE": "0.1307"}
                               [e.country])).quantize(Decimal("1.00"))
        slips.add(id=sid_, run_id=latest[e.country], employee_id=e.id, gross=gross,
                  tax_withheld=taxw, social_security_employee=soc, net=gross - taxw - soc,
                  currency="EUR", iban=primary_iban[e.id],
                  payment_reference=ref_fmt[e.country].format(m=months[e.country], pn=e.pn),
                  cost_center=cc[dept_id[e.dept]],
                  created_at=datetime(2024, 3, 25, 6, 0) + timedelta(seconds=sid_ * 7))

    order = ["hr.offices", "hr.departments", "hr.positions", "hr.employees",
             "hr.datos_empleado_es", "hr.medewerkers_benelux", "hr.EmployeeProfile",
             "hr.emergency_contacts", "hr.absence_types", "hr.time_off_requests",
             "hr.projects", "hr.project_assignments", "hr.audit_log", "hr.settings",
             "payroll.bank_accounts", "payroll.contracts", "payroll.salary_changes",
             "payroll.lohnsteuer_merkmale", "payroll.runs", "payroll.payslips"]
    assert set(order) == set(T), set(T) ^ set(order)
    return [T[n] for n in order]


# ---------------------------------------------------------------------------------------
# Web shop (MariaDB, Rails/Laravel style)
# ---------------------------------------------------------------------------------------
SHOP_COUNTRIES = {"DE": 20, "BR": 25, "ES": 12, "NL": 10, "BE": 6, "FR": 6, "PT": 4, "US": 8,
                  "GB": 6, "JP": 3}
SHOP_ORIGINS = {
    "DE": {"de": 75, "tr": 10, "pl": 5, "ua": 3, "in": 3, "ma": 2, "cn": 2},
    "BR": {"br": 92, "jp": 5, "pt": 3}, "ES": {"es": 88, "ma": 6, "br": 3, "cn": 3},
    "NL": {"nl": 80, "ma": 8, "tr": 7, "in": 5}, "BE": {"be_nl": 50, "be_fr": 40, "ma": 10},
    "FR": {"fr": 85, "ma": 10, "cn": 5}, "PT": {"pt": 90, "br": 10},
    "US": {"en": 70, "cn": 10, "in": 10, "es": 10}, "GB": {"en": 75, "in": 15, "pl": 10},
    "JP": {"jp": 100},
}
SHOP_LOCALE = {"DE": ("de",), "BR": ("pt-BR",), "ES": ("es", "es", "ca"), "NL": ("nl",),
               "BE": ("nl", "fr"), "FR": ("fr",), "PT": ("pt-PT",), "US": ("en",),
               "GB": ("en-GB",), "JP": ("ja",)}


def user_locale(rng: random.Random, country: str, p: Person) -> str:
    if country == "BE":
        return "fr" if p.origin == "be_fr" else "nl"
    return rng.choice(SHOP_LOCALE[country])


CURRENCY = {"BR": "BRL", "US": "USD", "GB": "GBP", "JP": "JPY"}
CARRIERS = {"DE": ("DHL Paket", "Hermes", "DPD"), "ES": ("Correos Express", "SEUR"),
            "NL": ("PostNL", "DHL Parcel NL"), "BE": ("bpost", "PostNL"),
            "FR": ("Colissimo", "Mondial Relay"), "PT": ("CTT Expresso",),
            "BR": ("Correios SEDEX", "Correios PAC", "Jadlog"),
            "US": ("UPS Ground", "USPS Priority"),
            "GB": ("Royal Mail Tracked 48", "Evri"), "JP": ("Yamato Transport",)}
SHOP_CATEGORIES = [
    (1, None, "Women", "women"), (2, 1, "Knitwear", "women-knitwear"),
    (3, 1, "Dresses", "women-dresses"), (4, None, "Men", "men"), (5, 4, "Shirts", "men-shirts"),
    (6, 4, "Jackets", "men-jackets"), (7, None, "Shoes", "shoes"),
    (8, None, "Bags & Backpacks", "bags"), (9, None, "Home", "home"),
    (10, 9, "Kitchen", "home-kitchen"), (11, 9, "Textiles", "home-textiles"),
    (12, None, "Outdoor", "outdoor"), (13, None, "Kids", "kids"),
    (14, None, "Accessories", "accessories"), (15, None, "Beauty", "beauty"),
    (16, None, "Audio", "audio"), (17, None, "Stationery", "stationery"),
    (18, 9, "Coffee & Tea", "home-coffee"),
]
COLOURS = words("Grey Melange, Navy, Camel, Off-White, Bordeaux, Black, Olive, Sand, Rust, "
                "Sky Blue")
PRODUCTS = {
    2: (words("Merino Crew Neck Sweater, Cashmere Cardigan, Chunky Rib Knit Pullover, "
              "Suéter de Tricô Alba"), "colour-size", (59, 189)),
    3: (words("Linen Midi Dress, Vestido Floral Verão, Wickelkleid Jersey"), "colour-size",
        (49, 139)),
    5: (words("Oxford Button-Down Shirt, Camisa de Linho, Flanellhemd Kariert"), "colour-size",
        (39, 89)),
    6: (words("Waxed Cotton Jacket, Daunenjacke Leicht, Rain Shell 2.5L"), "colour-size",
        (99, 299)),
    7: (words("Trail Running Shoe Leve 2, Leather Chelsea Boot, Tênis Casual Lona, "
              "Canvas Sneaker Low"), "shoe", (59, 189)),
    8: (words("Canvas Rucksack 22 L, Leather Tote, Mochila Urbana 18L, Weekender Bag"), "colour",
        (49, 229)),
    10: (words("Cafeteira Italiana 6 Xícaras, Cast Iron Skillet 26 cm, Chef's Knife 20 cm, "
               "Gusseisen-Bräter 5,2 L"), "none", (29, 149)),
    11: (words("Leinen-Bettwäsche 135×200, Waffle Bath Towel, Jogo de Lençol Percal 200 fios, "
               "Wool Throw Blanket"), "colour", (19, 129)),
    12: (words("Ultralight Tent 2P, Trekkingstöcke Carbon, Sleeping Bag −5 °C, "
               "Headlamp 400 lm"), "none", (25, 399)),
    13: (words("Kids Rain Boots, Body Bebê Algodão (3 peças), Holzeisenbahn Starter-Set"),
         "none", (15, 59)),
    14: (words("Wool Beanie, Leather Belt 35 mm, Silk Scarf, Óculos de Sol Polarizado"), "colour",
         (19, 119)),
    15: (words("Face Cream SPF 30, Protetor Solar FPS 50, Shampoo Solid Bar"), "none", (9, 39)),
    16: (words("Wireless Earbuds Pro, Bluetooth Speaker Mini, Over-Ear Headphones ANC"), "colour",
         (39, 299)),
    17: (words("Dotted Notebook A5, Fountain Pen Steel Nib, Agenda 2024 Semanal"), "colour",
         (7, 89)),
    18: (words("Espresso Beans Santos 1 kg, Café Especial Cerrado Mineiro 250 g, "
               "Pour-Over Kettle 1 L"), "none", (12, 69)),
}
BRANDS = [("Hanna Lind", "73"), ("Ferreira & Filhos", "789"), ("Van Dijk Design", "87"),
          ("Kowalski Outdoor", "590"), ("Marc Casals", "84"), ("Studio Yamamoto", "45"),
          ("Nordkap", "40"), ("Alba", "84"), ("Trailhead", "0"), ("Casa Bonita", "789"),
          ("Kaffeehaus", "42"), ("Mira", "54"), ("Oliveira Café", "789"), ("Greta Berg", "40")]
DESCRIPTIONS = [
    "100 % merino wool, 18.5 micron. Machine washable at 30 °C.",
    "Tecido 100% algodão orgânico. Lavar à mão.",
    "Pflegeleicht, bei 40 °C waschbar. Hergestellt in Portugal.",
    "Made from recycled polyester (PET bottles). Water column 10,000 mm.",
    "Dimensões: 30 x 20 x 12 cm. Peso: 480 g.",
    "Includes 2-year warranty. Battery life up to 24 h.",
    "Tostado en Barcelona. Notas de chocolate y frutos secos.",
    "Suitable for induction, gas and electric hobs.", "",
]
REVIEW_NONE = {
    "en": ["Great quality, fits true to size.", "Colour is slightly darker than in the photos.",
           "Arrived in 3 days, well packaged.",
           "Stitching came loose after two washes. Disappointed.",
           "Perfect for my daily commute, fits a 15-inch laptop.",
           "Runs small - order one size up.", "Exactly as described. Would buy again."],
    "pt-BR": ["Produto excelente, chegou antes do prazo!",
              "O tecido é fino, esperava mais pelo preço.", "Tamanho certinho, recomendo.",
              "Veio com defeito na costura, mas a troca foi rápida.",
              "Amei a cor! Já comprei outro.", "Entrega demorou 12 dias úteis para Recife.",
              "Custo-benefício ótimo 👍"],
    "de": ["Super Qualität, passt wie angegeben.", "Farbe etwas dunkler als auf den Fotos.",
           "Nach zweimal Waschen eingelaufen. Schade.", "Schnelle Lieferung, gut verpackt.",
           "Preis-Leistung top!"],
    "es": ["Muy buena calidad, talla normal.", "Llegó en 48 horas. Muy contento.",
           "La cremallera se rompió a la semana."],
    "nl": ["Prima kwaliteit, valt normaal.", "Snel geleverd, netjes verpakt.",
           "Kleur wijkt af van de foto."],
    "fr": ["Très belle qualité, taille normalement.", "Livraison rapide, emballage soigné."],
    "ja": ["とても良い品質です。また買います。", "サイズはぴったりでした。"],
}
REVIEW_DECOY = ["Bestellnummer R482019374 – der Support (support@shop.example) war sehr nett.",
                "Contacted support@shop.example about order R120044871, replaced within a week.",
                "SKU 0612-345-678 is the navy one, not the black one.",
                "Liguei no SAC 0800 591 4410 e resolveram na hora.",
                "Size 42 EU = 8.5 US for me.", "Version 10.2.0.1 of the app crashes at checkout."]
REVIEW_NAME = {
    "pt-BR": ["Comprei para minha esposa {ffirst} e ela adorou.",
              "Meu marido {mname} usa todo dia no trabalho."],
    "en": ["Bought this for my daughter {ffirst}, she loves it!",
           "Thanks to {first} from customer service for the quick help!"],
    "de": ["Geschenk für meinen Mann {mfirst} – perfekt.", "Meine Tochter {ffirst} liebt es."],
    "es": ["Mi hija {ffirst} no se lo quita."],
    "fr": ["Cadeau pour ma mère {ffirst}, elle est ravie."],
    "nl": ["Gekocht voor mijn zoon {mfirst}, hij is er blij mee."],
}
REVIEW_PHONE = {
    "pt-BR": ["Quem quiser trocar o tamanho M por G me chama no WhatsApp {phone}"],
    "de": ["Verkaufe meine ungetragene Jacke, Gr. L: {phone}"],
    "en": ["If anyone wants the spare straps, text me {phone}"],
    "es": ["Vendo otro par sin estrenar, {phone}"], "nl": ["Wie wil ruilen voor maat M? {phone}"],
    "fr": ["Je revends la taille S, {phone}"],
}
REVIEW_EMAIL = {
    "pt-BR": ["Tenho um par sobrando tamanho 38, interessados: {email}"],
    "en": ["Questions? Write me at {email}"], "de": ["Bei Fragen gern an {email}"],
    "es": ["Si tenéis dudas: {email}"], "nl": ["Vragen? Mail {email}"],
    "fr": ["Des questions ? {email}"],
}
REVIEW_TITLES = {"en": words("Love it, Great value, Meh, Top"),
                 "pt-BR": words("Ótimo!, Decepcionado, Perfeito, Recomendo"),
                 "de": words("Nicht zu empfehlen, Passt, Super, Top"),
                 "es": words("Muy bien, Genial, Regular"), "nl": words("Prima, Top, Jammer"),
                 "fr": words("Bof, Parfait, Très bien"), "ja": words("最高, 普通")}
NOTE_LANG = {"DE": "de", "BR": "pt", "PT": "pt", "ES": "es", "NL": "nl", "FR": "fr",
             "US": "en", "GB": "en", "JP": "ja"}
ORDER_NONE = {
    "de": ["Bitte nicht klingeln, Baby schläft", "Geschenk – bitte ohne Rechnung im Paket",
           "Bitte in die Garage stellen"],
    "pt": ["Por favor, entregar no período da manhã", "Deixar na portaria",
           "Interfone quebrado, bater na porta"],
    "es": ["Entregar en conserjería", "El timbre no funciona, llamar al 2ºB"],
    "nl": ["Graag afleveren bij de buren", "Niet in de brievenbus"],
    "fr": ["Pas de livraison le samedi", "Laisser chez le gardien"],
    "en": ["Gift wrap please", "Leave at the back door"], "ja": ["午前中に配達してください"],
}
ORDER_NAME = {
    "de": ["Bitte beim Nachbarn {last} (EG) abgeben", "Falls nicht da: bei {name} klingeln"],
    "pt": ["Deixar com o porteiro, Sr. {mfirst}", "Entregar para {name}"],
    "es": ["Entregar a {name} en recepción"], "nl": ["Bij afwezigheid bij {name} op nr. 14"],
    "fr": ["En cas d'absence, chez Mme {flast}"], "en": ["Gift for {first} – please add a card"],
    "ja": ["{name}様宛てにお願いします"],
}
ORDER_PHONE = {
    "de": ["Bitte vorher anrufen: {phone}"], "pt": ["Ligar antes de entregar: {phone}"],
    "es": ["Llamar al {phone} si no estoy"], "nl": ["Bel aan of bel {phone}"],
    "fr": ["Appelez-moi au {phone}"], "en": ["Call me when you arrive {phone}"],
    "ja": ["到着前に電話ください {phone}"],
}
ORDER_BOTH = {
    "de": ["Falls ich nicht da bin: {name}, Tel. {phone}"],
    "pt": ["Entregar para {name}, cel {phone}"],
    "es": ["Si no estoy, {name} ({phone})"], "nl": ["Anders bij {name}, {phone}"],
    "fr": ["Sinon {name} au {phone}"], "en": ["If I'm out, {name} on {phone}"],
    "ja": ["不在の場合は{name}まで {phone}"],
}


def person_refs(rng: random.Random, origin: str) -> dict[str, Txt]:
    """Placeholders for names of other people in free text, with the right sex."""
    f = make_person(rng, origin, "f", native_share=0)
    m = make_person(rng, origin, "m", native_share=0)
    anyone = rng.choice((f, m))
    return {"first": Txt(anyone.first, {NAME}), "name": Txt(anyone.full, {NAME}),
            "last": Txt(anyone.last, {NAME}), "ffirst": Txt(f.first, {NAME}),
            "flast": Txt(f.last, {NAME}), "mfirst": Txt(m.first, {NAME}),
            "mname": Txt(m.full, {NAME})}


GIFT_NAME = {"pt": ["Feliz aniversário, {first}! Beijos, {first2}"],
             "de": ["Alles Gute zum Geburtstag, {first}! Liebe Grüße, {first2}"],
             "en": ["Happy birthday {first}! Love, {first2} & {first3}"],
             "es": ["¡Feliz cumpleaños, {first}!"],
             "nl": ["Gefeliciteerd {first}! Liefs, {first2}"],
             "fr": ["Pour {first}, de la part de toute l'équipe"],
             "ja": ["{first}さん、お誕生日おめでとう！"]}
GIFT_NONE = {"pt": ["Feliz Natal!", "Parabéns pela formatura!"],
             "de": ["Frohe Weihnachten!", "Viel Spaß beim Aussuchen!"],
             "en": ["Happy holidays!", "Enjoy!"], "es": ["¡Feliz Navidad!"],
             "nl": ["Fijne feestdagen!"], "fr": ["Merci pour tout !"], "ja": ["メリークリスマス"]}
DEVICE_MODELS = {"ios": ("iPhone14,5", "iPhone15,2", "iPhone16,1", "iPhone13,2", "iPad13,18"),
                 "android": ("SM-S918B", "SM-A546B", "Pixel 8", "moto g(60)", "Redmi Note 12",
                             "M2101K6G", "CPH2449")}
OS_VERSIONS = {"ios": ("17.4.1", "17.3", "16.7.7", "17.2.1"),
               "android": ("14", "13", "12", "11")}
APP_VERSIONS = ("10.2.0.1", "10.2.0.1", "10.1.3.0", "10.0.2.4", "9.8.1.0")
COMPANIES = {
    "DE": words("Robert Bosch GmbH, Siemens Healthineers, Stadtwerke München, Deutsche Bahn AG, "
                "Zalando SE, Charité – Universitätsmedizin Berlin"),
    "BR": words("Itaú Unibanco, Ambev, Natura &Co, Magazine Luiza, Nubank, "
                "Universidade de São Paulo, Petrobras"),
    "ES": words("Ayuntamiento de Madrid, Telefónica, Mercadona, Glovo, "
                "Hospital Clínic de Barcelona"),
    "NL": words("Gemeente Utrecht, Heineken, Philips, ASML, Coolblue"),
    "BE": words("UZ Leuven, Proximus, AB InBev, Colruyt Group, KU Leuven"),
    "FR": words("Decathlon, SNCF, L'Oréal, Mairie de Lyon"),
    "PT": words("CTT, Galp, Câmara Municipal de Lisboa"),
    "US": words("Google LLC, Kaiser Permanente, Whole Foods Market, City of Austin"),
    "GB": words("NHS Greater Glasgow, Tesco PLC, BBC, University of Bristol"),
    "JP": words("株式会社日立製作所, トヨタ自動車株式会社, Rakuten Group"),
}
ADDRESS_LABELS = {"DE": ("Zuhause", "Arbeit", "Büro"), "BR": ("Casa", "Trabalho"),
                  "ES": ("Casa", "Trabajo", "Oficina"), "NL": ("Thuis", "Werk"),
                  "BE": ("Thuis", "Werk", "Domicile", "Bureau"), "FR": ("Domicile", "Bureau"),
                  "PT": ("Casa", "Trabalho"), "US": ("Home", "Work", "Office"),
                  "GB": ("Home", "Work"), "JP": ("自宅", "勤務先", "Home")}


@dataclass
class Customer:
    id: int
    p: Person
    country: str
    email: str
    address: Address
    phone: str | None
    created: datetime
    first_name: str
    last_name: str
    cpf: str | None = None
    addresses: list[int] = field(default_factory=list)


def card_mask(rng: random.Random, brand: str) -> str:
    last4 = digits(rng, 4)
    if brand == "amex":
        return rng.choice((f"**** ****** *{last4}", f"3{rng.choice('47')}{digits(rng, 4)}******"
                                                    f"*{last4}"))
    bins = {"visa": "4" + digits(rng, 5), "mastercard": rng.choice("12345") and
            "5" + rng.choice("12345") + digits(rng, 4), "elo": rng.choice(("636368", "438935",
                                                                            "504175")),
            "hipercard": "606282", "jcb": "35" + str(rng.randint(28, 89)) + digits(rng, 2)}
    b = bins[brand]
    return rng.choices((f"**** **** **** {last4}", f"************{last4}",
                        f"XXXX-XXXX-XXXX-{last4}", f"{b[:4]} {b[4:]}** **** {last4}"),
                       (60, 15, 10, 15))[0]


def build_shop(rng: random.Random) -> list[Table]:
    T: dict[str, Table] = {}

    def table(name: str, cols: list[Col], **kw) -> Table:
        T[name] = Table(name, cols, **kw)
        return T[name]

    dt6 = "datetime(6) NOT NULL"
    settings = table("settings", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("store_code", "varchar(8) NOT NULL"),
        col("name", "varchar(255) NOT NULL", decoy=True),
        col("support_email", "varchar(255) NOT NULL", decoy=True, note="shop's own mailbox"),
        col("support_phone", "varchar(255)", decoy=True, note="hotline"),
        col("app_version", "varchar(255) NOT NULL", decoy=True, note="looks like an IPv4 address"),
        col("min_supported_app_version", "varchar(255)", decoy=True),
        col("default_currency", "varchar(3) NOT NULL"), col("default_locale", "varchar(8)"),
        col("timezone", "varchar(64)"),
        col("legal_address", "varchar(255)", decoy=True, note="company imprint address"),
        col("vat_number", "varchar(32)", decoy=True, note="company tax number"),
        col("created_at", dt6), col("updated_at", dt6),
    ], uniques=[("store_code",)])
    be_vat = "0719876" + "5"
    be_vat += f"{97 - int(be_vat) % 97:02d}"
    cif_digits = "8765432"
    a = sum(int(cif_digits[i]) for i in (1, 3, 5))
    b = sum(sum(divmod(int(cif_digits[i]) * 2, 10)) for i in (0, 2, 4, 6))
    cif = f"B{cif_digits}{(10 - (a + b) % 10) % 10}"
    for i, (code, name, mail, tel, cur, loc, tz, addr, vat) in enumerate((
            ("de", "Shop Deutschland", "support@shop.example", "+49 800 7467 000", "EUR", "de-DE",
             "Europe/Berlin", "Shop Example GmbH, Torstraße 140, 10119 Berlin", "DE298734561"),
            ("es", "Tienda España", "soporte@shop.example", "+34 900 123 456", "EUR", "es-ES",
             "Europe/Madrid", "Shop Example Iberia S.L., Calle de Serrano 41, 28001 Madrid",
             f"ES{cif}"),
            ("nl", "Shop Nederland", "klantenservice@shop.example", "+31 20 808 4410", "EUR",
             "nl-NL", "Europe/Amsterdam", "Shop Example B.V., Keizersgracht 313, 1016 EE Amsterdam",
             "NL859123456B01"),
            ("be", "Shop Belgique / België", "service@shop.example", "+32 2 588 44 10", "EUR",
             "nl-BE", "Europe/Brussels", "Shop Example BV, Rue de la Loi 42, 1040 Bruxelles",
             f"BE{be_vat}"),
            ("fr", "Boutique France", "support@shop.example", "+33 1 86 95 44 10", "EUR",
             "fr-FR", "Europe/Paris", None, None),
            ("pt", "Loja Portugal", "apoio@shop.example", "+351 21 000 4410", "EUR", "pt-PT",
             "Europe/Lisbon", None, None),
            ("br", "Loja Brasil", "suporte@shop.example", "0800 591 4410", "BRL", "pt-BR",
             "America/Sao_Paulo", "Shop Example Comércio Ltda., Av. Brigadeiro Faria Lima, "
             "3477, 04538-133 São Paulo - SP", cnpj("23456789")),
            ("us", "Shop US", "support@shop.example", "+1 888-412-7730", "USD", "en-US",
             "America/New_York", None, None),
            ("uk", "Shop UK", "support@shop.example", "+44 20 3870 4410", "GBP", "en-GB",
             "Europe/London", None, "GB123456789"),
            ("jp", "ショップ日本", "support@shop.example", None, "JPY", "ja-JP", "Asia/Tokyo", None,
             None)), 1):
        created = rand_dt(rng, date(2019, 3, 1), date(2021, 1, 1))
        settings.add(id=i, store_code=code, name=name, support_email=mail, support_phone=tel,
                     app_version="10.2.0.1", min_supported_app_version="9.4.0.0",
                     default_currency=cur, default_locale=loc, timezone=tz, legal_address=addr,
                     vat_number=vat, created_at=created,
                     updated_at=datetime(2024, 4, 2, 11, 5, i))

    cats = table("categories", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("parent_id", "bigint"),
        col("name", "varchar(255) NOT NULL", decoy=True), col("slug", "varchar(255) NOT NULL"),
        col("position", "int NOT NULL DEFAULT 0"), col("created_at", dt6), col("updated_at", dt6),
    ], uniques=[("slug",)], fks=[("parent_id", "categories", "id")])
    for cid, parent, name, slug_ in SHOP_CATEGORIES:
        created = datetime(2019, 3, 4, 10, 0, cid)
        cats.add(id=cid, parent_id=parent, name=name, slug=slug_, position=cid * 10,
                 created_at=created, updated_at=after(rng, created, 900))

    products = table("products", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("category_id", "bigint NOT NULL"),
        col("sku", "varchar(255) NOT NULL", decoy=True, note="shaped like a Dutch mobile number"),
        col("ean13", "varchar(13)", decoy=True, note="barcode with valid check digit"),
        col("name", "varchar(255) NOT NULL", decoy=True),
        col("slug", "varchar(255) NOT NULL"),
        col("brand", "varchar(255)", decoy=True, note="brands that look like person names"),
        col("description", "text"), col("price", "decimal(10,2) NOT NULL"),
        col("currency", "varchar(3) NOT NULL DEFAULT 'EUR'"),
        col("stock_quantity", "int NOT NULL DEFAULT 0"), col("weight_grams", "int"),
        col("is_active", "tinyint(1) NOT NULL DEFAULT 1"), col("created_at", dt6),
        col("updated_at", dt6),
    ], uniques=[("sku",), ("slug",)], fks=[("category_id", "categories", "id")])
    skus: set[str] = set()
    eans: set[str] = set()
    pid = 0
    product_rows = []
    for cat_id, (bases, kind, (lo, hi)) in PRODUCTS.items():
        for base in bases:
            brand, prefix = rng.choice(BRANDS)
            price = Decimal(rng.randint(lo, hi)) - Decimal("0.01") * rng.choice((1, 5, 10, 0))
            if kind == "colour-size":
                variants = [f"{c} / {s}" for c in rng.sample(COLOURS, 2)
                            for s in rng.sample(("XS", "S", "M", "L", "XL"), 3)]
            elif kind == "shoe":
                variants = [f"{c} / {s}" for c in rng.sample(COLOURS, 1)
                            for s in rng.sample(range(36, 47), 6)]
            elif kind == "colour":
                variants = rng.sample(COLOURS, 4)
            else:
                variants = [""]
            model = rng.randint(100, 999)
            for v in variants:
                pid += 1
                while True:
                    head = f"0{rng.randint(600, 699)}-{model:03d}" if rng.random() < 0.7 else \
                        f"0{rng.randint(100, 999)}-{rng.randint(100, 999)}"
                    sku = f"{head}-{rng.randint(0, 999):03d}"
                    if sku not in skus:
                        skus.add(sku)
                        break
                while True:
                    ean = ean13(prefix if prefix != "0" else "0" + digits(rng, 2), rng)
                    if ean not in eans:
                        eans.add(ean)
                        break
                name = f"{base} – {v}" if v else base
                created = rand_dt(rng, date(2019, 3, 1), date(2024, 2, 1))
                row = products.add(
                    id=pid, category_id=cat_id, sku=sku, ean13=ean if rng.random() < 0.9 else None,
                    name=name, slug=f"{slug(name, sep='-')}-{pid}", brand=brand,
                    description=rng.choice(DESCRIPTIONS), price=price, currency="EUR",
                    stock_quantity=rng.choice((0, rng.randint(1, 400))),
                    weight_grams=rng.randint(80, 4000), is_active=rng.random() < 0.92,
                    created_at=created, updated_at=after(rng, created, 400))
                product_rows.append(row)

    # --- users ---------------------------------------------------------------------------
    users = table("users", [
        col("id", "bigint NOT NULL AUTO_INCREMENT", UID),
        col("email", "varchar(255) NOT NULL DEFAULT ''", EMAIL),
        col("encrypted_password", "varchar(255) NOT NULL DEFAULT ''", PASSWORD,
            note="bcrypt hash"),
        col("reset_password_token", "varchar(255)", CREDENTIALS),
        col("reset_password_sent_at", "datetime(6)"), col("remember_created_at", "datetime(6)"),
        col("sign_in_count", "int NOT NULL DEFAULT 0"), col("current_sign_in_at", "datetime(6)"),
        col("last_sign_in_at", "datetime(6)"),
        col("current_sign_in_ip", "varchar(255)", IP), col("last_sign_in_ip", "varchar(255)", IP),
        col("confirmation_token", "varchar(255)", CREDENTIALS),
        col("confirmed_at", "datetime(6)"), col("confirmation_sent_at", "datetime(6)"),
        col("unconfirmed_email", "varchar(255)", EMAIL),
        col("first_name", "varchar(255)", FIRST), col("last_name", "varchar(255)", LAST),
        col("username", "varchar(255)", USERNAME), col("date_of_birth", "date", DOB),
        col("gender", "varchar(255)", GENDER), col("phone", "varchar(255)", PHONE),
        col("locale", "varchar(255) NOT NULL DEFAULT 'en'", LANGUAGE,
            note="the person's language"),
        col("newsletter", "tinyint(1) NOT NULL DEFAULT 0", PRIVACY),
        col("admin", "tinyint(1) NOT NULL DEFAULT 0"),
        col("stripe_customer_id", "varchar(255)", UID, note="the person's id at Stripe"),
        col("created_at", dt6), col("updated_at", dt6), col("deleted_at", "datetime(6)"),
    ], uniques=[("email",), ("reset_password_token",), ("confirmation_token",), ("username",)])
    customers: list[Customer] = []
    emails: set[str] = set()
    unames: set[str] = set()
    tokens: set[str] = set()

    def unique_token(make) -> str:
        while True:
            t = make()
            if t not in tokens:
                tokens.add(t)
                return t

    for uid in range(1, 381):
        country = pick_weighted(rng, SHOP_COUNTRIES)
        origin = pick_weighted(rng, SHOP_ORIGINS[country])
        native_share = 0.7 if country == "JP" else 0.15
        p = make_person(rng, origin, native_share=native_share)
        if country == "BR" and origin == "jp":
            p = Person(make_person(rng, "br", p.sex).first, p.last, p.sex, origin)
        use_native = p.first_native is not None and (country == "JP" or rng.random() < 0.5)
        first = p.first_native if use_native else p.first
        last = p.last_native if use_native else p.last
        admin = uid in (1, 2, 3)
        email = f"{slug(p.first.split()[0])}@shop.example" if admin else \
            private_email(rng, p, country, emails)
        created = rand_dt(rng, date(2019, 4, 1), date(2024, 4, 10))
        addr = make_address(rng, country)
        tel = phone(rng, country, True, addr.city) if rng.random() < 0.6 else None
        c = Customer(uid, p, country, email, addr, tel, created, first or "", last or "")
        customers.append(c)
        signins = rng.choice((0, 1, 2, 5, 12, 40, rng.randint(1, 300)))
        last_in = rand_dt(rng, created.date(), date(2024, 4, 14)) if signins else None
        cur_in = after(rng, last_in, 30) if signins > 1 else last_in
        if cur_in and cur_in > NOW:
            cur_in = NOW - timedelta(minutes=rng.randint(1, 600))
        ip_last = public_ip(rng, country) if signins else None
        confirmed = after(rng, created, 2) if rng.random() < 0.9 else None
        reset = rng.random() < 0.08
        users.add(
            id=uid, email=email,
            encrypted_password=bcrypt_like(rng, rng.choice((10, 10, 10, 12)),
                                           "2a" if rng.random() < 0.9 else "2y"),
            reset_password_token=unique_token(lambda: hexstr(rng, 64)) if reset else None,
            reset_password_sent_at=rand_dt(rng, created.date(), TODAY) if reset else None,
            remember_created_at=after(rng, last_in, 3) if last_in and rng.random() < 0.3
            else None,
            sign_in_count=signins, current_sign_in_at=cur_in, last_sign_in_at=last_in,
            current_sign_in_ip=(ip_last if rng.random() < 0.6 else public_ip(rng, country))
            if signins else None,
            last_sign_in_ip=ip_last,
            confirmation_token=unique_token(lambda: rand_str(rng, B64URL, 20)),
            confirmed_at=confirmed, confirmation_sent_at=created + timedelta(seconds=2),
            unconfirmed_email=private_email(rng, p, country, emails)
            if rng.random() < 0.04 else None,
            first_name=c.first_name if rng.random() < 0.96 else "",
            last_name=c.last_name if rng.random() < 0.95 else "",
            username=username_for(rng, p, unames) if rng.random() < 0.55 else None,
            date_of_birth=rand_date(rng, date(1950, 1, 1), date(2006, 1, 1))
            if rng.random() < 0.4 else None,
            gender=({"f": "female", "m": "male"}[p.sex] if rng.random() < 0.94 else
                    rng.choice(("non_binary", "prefer_not_to_say")))
            if rng.random() < 0.35 else None,
            phone=tel, locale=user_locale(rng, country, p),
            newsletter=rng.random() < 0.3, admin=admin,
            stripe_customer_id=f"cus_{rand_str(rng, ALNUM, 14)}" if rng.random() < 0.7 else None,
            created_at=created, updated_at=max(created, cur_in or created),
            deleted_at=rand_dt(rng, created.date(), TODAY) if rng.random() < 0.03 else None)

    br = table("clientes_br", [
        col("id", "bigint unsigned NOT NULL AUTO_INCREMENT", UID,
            note="one row per Brazilian customer"),
        col("user_id", "bigint NOT NULL", UID),
        col("nome_completo", "varchar(255) NOT NULL", NAME),
        col("cpf", "varchar(14) NOT NULL", NATID, note="valid check digits"),
        col("data_nascimento", "date", DOB), col("celular", "varchar(20)", PHONE),
        col("telefone_fixo", "varchar(20)", PHONE), col("cep", "varchar(9)", POSTAL),
        col("endereco", "varchar(255)", STREET, note="logradouro"),
        col("numero", "varchar(10)", STREET, note="house number"),
        col("complemento", "varchar(100)", STREET),
        col("bairro", "varchar(100)", ADDRESS, note="neighbourhood"),
        col("cidade", "varchar(100)", CITY), col("uf", "char(2)", STATE),
        col("optin_whatsapp", "tinyint(1) NOT NULL DEFAULT 0", PRIVACY),
        col("created_at", "timestamp NULL"), col("updated_at", "timestamp NULL"),
    ], uniques=[("cpf",), ("user_id",)], fks=[("user_id", "users", "id")])
    cpfs: set[str] = set()
    bid = 0
    for c in customers:
        if c.country != "BR" or rng.random() > 0.9:
            continue
        bid += 1
        while True:
            num = cpf(rng)
            if num not in cpfs:
                cpfs.add(num)
                break
        c.cpf = num
        a = c.address
        created = after(rng, c.created, 30)
        br.add(id=bid, user_id=c.id, nome_completo=c.p.full,
               cpf=fmt_cpf(num) if rng.random() < 0.7 else num,
               data_nascimento=rand_date(rng, date(1955, 1, 1), date(2006, 1, 1))
               if rng.random() < 0.8 else None,
               celular=c.phone or phone_br(rng, True, a.city),
               telefone_fixo=phone_br(rng, False, a.city) if rng.random() < 0.2 else None,
               cep=a.postal, endereco=a.street_name, numero=a.number, complemento=a.extra,
               bairro=rng.choice(BAIRROS.get(a.city, ["Centro"])), cidade=a.city, uf=a.state,
               optin_whatsapp=rng.random() < 0.5, created_at=created,
               updated_at=after(rng, created, 200))

    addresses = table("addresses", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("user_id", "bigint NOT NULL", UID),
        col("label", "varchar(255)"), col("first_name", "varchar(255)", FIRST),
        col("last_name", "varchar(255)", LAST),
        col("company", "varchar(255)", WORKPLACE, note="employer, for deliveries to work"),
        col("address1", "varchar(255) NOT NULL", STREET),
        col("address2", "varchar(255)", free=True, note="apartment lines, some c/o <name>"),
        col("city", "varchar(255) NOT NULL", CITY), col("state", "varchar(255)", STATE),
        col("zipcode", "varchar(255)", POSTAL),
        col("country_code", "varchar(2) NOT NULL", COUNTRY),
        col("phone", "varchar(255)", PHONE),
        col("latitude", "decimal(10,7)", PRECISE, note="geocoded home address"),
        col("longitude", "decimal(10,7)", PRECISE),
        col("is_default", "tinyint(1) NOT NULL DEFAULT 0"), col("created_at", dt6),
        col("updated_at", dt6),
    ], fks=[("user_id", "users", "id")], indexes=[("user_id",)])
    aid = 0
    address_by_id: dict[int, tuple[Address, str, str, str | None]] = {}
    for c in customers:
        n = rng.choices((0, 1, 2, 3), (12, 60, 22, 6))[0]
        for k in range(n):
            aid += 1
            a = c.address if k == 0 else make_address(rng, c.country)
            first, last = c.first_name, c.last_name
            if k > 0 and rng.random() < 0.4:
                other = make_person(rng, c.p.origin)
                first, last = other.first, other.last
            a2: str | None = Txt(a.extra, {STREET}) if a.extra and a.extra not in a.street \
                else None
            if a2 is None and c.country in ("DE", "NL", "BE", "GB") and rng.random() < 0.06:
                a2 = Txt(f"c/o {make_person(rng, c.p.origin).last}", {NAME})
            elif a2 is None and rng.random() < 0.3:
                a2 = ""
            tel = c.phone if k == 0 else (phone(rng, c.country, True) if rng.random() < 0.5
                                          else None)
            geo = rng.random() < 0.6
            created = after(rng, c.created, 200)
            addresses.add(
                id=aid, user_id=c.id,
                label=rng.choice(ADDRESS_LABELS[c.country]) if rng.random() < 0.7 else None,
                first_name=first, last_name=last,
                company=rng.choice(COMPANIES[c.country]) if rng.random() < 0.1 else None,
                address1=a.street, address2=a2, city=a.city, state=a.state, zipcode=a.postal,
                country_code=a.country, phone=tel,
                latitude=Decimal(str(a.lat)) if geo else None,
                longitude=Decimal(str(a.lon)) if geo else None, is_default=k == 0,
                created_at=created, updated_at=after(rng, created, 100))
            c.addresses.append(aid)
            address_by_id[aid] = (a, f"{first} {last}".strip(), a2 or "", tel)

    # --- orders, items, payments -----------------------------------------------------------
    orders = table("orders", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"),
        col("number", "varchar(32) NOT NULL", decoy=True, note="order number R + 9 digits"),
        col("user_id", "bigint", UID), col("email", "varchar(255)", EMAIL),
        col("state", "varchar(255) NOT NULL"), col("currency", "varchar(3) NOT NULL"),
        col("item_total", "decimal(10,2) NOT NULL DEFAULT 0.00"),
        col("shipment_total", "decimal(10,2) NOT NULL DEFAULT 0.00"),
        col("tax_total", "decimal(10,2) NOT NULL DEFAULT 0.00"),
        col("total", "decimal(10,2) NOT NULL DEFAULT 0.00"),
        col("coupon_code", "varchar(255)"), col("bill_address_id", "bigint"),
        col("shipping_name", "varchar(255)", NAME),
        col("shipping_address1", "varchar(255)", STREET),
        col("shipping_address2", "varchar(255)", free=True),
        col("shipping_city", "varchar(255)", CITY), col("shipping_state", "varchar(255)", STATE),
        col("shipping_zip", "varchar(255)", POSTAL),
        col("shipping_country", "varchar(2)", COUNTRY),
        col("shipping_phone", "varchar(255)", PHONE), col("shipping_method", "varchar(255)"),
        col("tracking_number", "varchar(255)", decoy=True, note="carrier ids, S10 check digits"),
        col("customer_ip", "varchar(45)", IP), col("notes", "text", free=True),
        col("completed_at", "datetime(6)"), col("created_at", dt6), col("updated_at", dt6),
    ], uniques=[("number",)],
        fks=[("user_id", "users", "id"), ("bill_address_id", "addresses", "id")],
        indexes=[("email",)])
    items = table("order_items", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("order_id", "bigint NOT NULL"),
        col("product_id", "bigint NOT NULL"),
        col("sku", "varchar(255) NOT NULL", decoy=True), col("name", "varchar(255)", decoy=True),
        col("quantity", "int NOT NULL DEFAULT 1"), col("unit_price", "decimal(10,2) NOT NULL"),
        col("total", "decimal(10,2) NOT NULL"),
    ], fks=[("order_id", "orders", "id"), ("product_id", "products", "id")])
    payments = table("payments", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("order_id", "bigint NOT NULL"),
        col("payment_method", "varchar(255) NOT NULL"), col("state", "varchar(255) NOT NULL"),
        col("amount", "decimal(10,2) NOT NULL"), col("currency", "varchar(3) NOT NULL"),
        col("gateway", "varchar(255)"),
        col("gateway_transaction_id", "varchar(255)", decoy=True,
            note="provider reference; Adyen ones are 16 digits"),
        col("card_brand", "varchar(255)"),
        col("card_number_masked", "varchar(255)", CARD, note="masked PAN, e.g. **** 4242"),
        col("cardholder_name", "varchar(255)", NAME),
        col("payer_document", "varchar(20)", NATID, note="payer's CPF (Brazil)"),
        col("pix_refund_key", "varchar(255)", free=True,
            note="Pix key for refunds: e-mail, phone or CPF"),
        col("response_code", "varchar(255)"), col("created_at", dt6), col("updated_at", dt6),
    ], fks=[("order_id", "orders", "id")])
    numbers: set[str] = set()
    pay_methods = {"BR": {"pix": 45, "credit_card": 40, "boleto": 15},
                   "NL": {"ideal": 60, "credit_card": 25, "paypal": 15},
                   "DE": {"paypal": 35, "credit_card": 30, "sepa_debit": 15, "klarna": 20},
                   "BE": {"bancontact": 45, "credit_card": 40, "paypal": 15},
                   "ES": {"credit_card": 70, "bizum": 15, "paypal": 15}}
    brands = {"BR": {"visa": 35, "mastercard": 35, "elo": 20, "hipercard": 5, "amex": 5},
              "JP": {"visa": 40, "jcb": 40, "mastercard": 20}}
    oid = item_id = pay_id = 0
    buyers = [c for c in customers if c.addresses]
    for _ in range(400):
        oid += 1
        guest = rng.random() < 0.15
        c = rng.choice(buyers)
        if guest:
            country = pick_weighted(rng, SHOP_COUNTRIES)
            gp = make_person(rng, pick_weighted(rng, SHOP_ORIGINS[country]), native_share=0.1)
            a = make_address(rng, country)
            ship_name = gp.full
            a2 = Txt(a.extra, {STREET}) if a.extra and a.extra not in a.street else None
            tel = phone(rng, country, True) if rng.random() < 0.8 else None
            email = private_email(rng, gp, country, emails)
            person = gp
        else:
            country = c.country
            a, ship_name, a2, tel = address_by_id[rng.choice(c.addresses)]
            email = c.email
            person = c.p
        cur = CURRENCY.get(country, "EUR")
        created = rand_dt(rng, date(2022, 1, 1), date(2024, 4, 14)) if guest else \
            rand_dt(rng, c.created.date(), date(2024, 4, 14))
        state = rng.choices(("complete", "canceled", "returned", "cart"), (82, 7, 5, 6))[0]
        n_items = rng.choices((1, 2, 3), (60, 30, 10))[0]
        subtotal = Decimal(0)
        for prod in rng.sample(product_rows, n_items):
            item_id += 1
            qty = rng.choices((1, 2, 3), (80, 15, 5))[0]
            price = prod["price"]
            if cur == "BRL":
                price = (price * Decimal("5.4")).quantize(Decimal("1.00"))
            elif cur == "JPY":
                price = (price * 160).quantize(Decimal("1"))
            items.add(id=item_id, order_id=oid, product_id=prod["id"], sku=prod["sku"],
                      name=prod["name"], quantity=qty, unit_price=price, total=price * qty)
            subtotal += price * qty
        ship = Decimal("4.95") if subtotal < 50 else Decimal("0.00")
        if cur == "BRL":
            ship = Decimal("19.90") if subtotal < 250 else Decimal("0.00")
        tax_ = (subtotal * Decimal("0.19") / Decimal("1.19")).quantize(Decimal("1.00"))
        while True:
            number = f"R{rng.randint(100_000_000, 999_999_999)}"
            if number not in numbers:
                numbers.add(number)
                break
        carrier = rng.choice(CARRIERS[country])
        tracking = None
        if state in ("complete", "returned"):
            if carrier.startswith("Correios"):
                tracking = s10(rng, rng.choice(("NX", "QB", "OJ", "LB")), "BR")
            elif carrier.startswith("Royal"):
                tracking = s10(rng, rng.choice(("RM", "TT")), "GB")
            elif carrier.startswith("bpost"):
                tracking = s10(rng, "CD", "BE")
            elif carrier.startswith("DHL"):
                tracking = "00340434" + digits(rng, 12)
            elif carrier.startswith("PostNL"):
                tracking = f"3S{rand_str(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4)}{digits(rng, 9)}"
            elif carrier.startswith("UPS"):
                tracking = "1Z" + rand_str(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 16)
            else:
                tracking = digits(rng, rng.choice((12, 14, 20)))
        r = rng.random()
        note: str | None = None
        refs = person_refs(rng, person.origin)
        tel_txt = Txt(tel or phone(rng, country, True), {PHONE})
        lang = NOTE_LANG.get(country) or ("fr" if person.origin == "be_fr" else "nl")
        if r < 0.55:
            note = None
        elif r < 0.68:
            note = ""
        elif r < 0.82:
            note = rng.choice(ORDER_NONE[lang])
        elif r < 0.9:
            note = fill(rng.choice(ORDER_NAME[lang]), **refs)
        elif r < 0.97:
            note = fill(rng.choice(ORDER_PHONE[lang]), phone=tel_txt)
        else:
            note = fill(rng.choice(ORDER_BOTH[lang]), phone=tel_txt, **refs)
        completed = after(rng, created, 1) if state != "cart" else None
        orders.add(
            id=oid, number=number, user_id=None if guest else c.id, email=email, state=state,
            currency=cur, item_total=subtotal, shipment_total=ship, tax_total=tax_,
            total=subtotal + ship,
            coupon_code=rng.choice(("SUMMER24", "WELCOME10", "BLACKFRIDAY", "FRETEGRATIS",
                                    "NEWSLETTER5")) if rng.random() < 0.15 else None,
            bill_address_id=None if guest else rng.choice(c.addresses),
            shipping_name=ship_name, shipping_address1=a.street, shipping_address2=a2,
            shipping_city=a.city, shipping_state=a.state, shipping_zip=a.postal,
            shipping_country=a.country, shipping_phone=tel, shipping_method=carrier,
            tracking_number=tracking, customer_ip=public_ip(rng, country, 0.3), notes=note,
            completed_at=completed, created_at=created, updated_at=completed or created)
        if state == "cart":
            continue
        attempts = 2 if rng.random() < 0.06 else 1
        for att in range(attempts):
            pay_id += 1
            method = pick_weighted(rng, pay_methods.get(country, {"credit_card": 85,
                                                                  "paypal": 15}))
            gateway = {"credit_card": rng.choice(("stripe", "adyen")) if country != "BR"
                       else rng.choice(("mercadopago", "adyen")),
                       "pix": "mercadopago", "boleto": "mercadopago",
                       "ideal": rng.choice(("mollie", "adyen")), "bancontact": "mollie",
                       "paypal": "paypal", "sepa_debit": "stripe", "klarna": "adyen",
                       "bizum": "adyen"}[method]
            ref = {"stripe": lambda: "pi_3" + rand_str(rng, ALNUM, 23),
                   "adyen": lambda: rng.choice("89") + digits(rng, 15),
                   "mercadopago": lambda: digits(rng, 11, True),
                   "paypal": lambda: rand_str(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 17),
                   "mollie": lambda: "tr_" + rand_str(rng, ALNUM, 10)}[gateway]()
            brand = mask = holder = None
            if method == "credit_card":
                brand = pick_weighted(rng, brands.get(country, {"visa": 50, "mastercard": 40,
                                                                 "amex": 10}))
                mask = card_mask(rng, brand)
                holder = rng.choice((person.full, person.full.upper(),
                                     ascii_fold(person.full).upper()))
            document = None
            if country == "BR":
                num = (c.cpf if not guest and c.cpf else None) or cpf(rng)
                document = fmt_cpf(num) if rng.random() < 0.7 else num
            pix_key: str | None = None
            if method == "pix" and rng.random() < 0.45:
                kind = rng.choice(("email", "phone", "cpf"))
                if kind == "email":
                    pix_key = Txt(email, {EMAIL})
                elif kind == "phone":
                    pix_key = Txt("+55" + re.sub(r"\D", "", phone_br(rng, True))[-11:], {PHONE})
                else:
                    pix_key = Txt(re.sub(r"\D", "", document or cpf(rng)), {NATID})
            failed = att == 0 and attempts == 2
            pstate = "failed" if failed else {"canceled": "void", "returned": "refunded"}.get(
                state, "completed")
            pcreated = after(rng, created, 1)
            payments.add(id=pay_id, order_id=oid, payment_method=method, state=pstate,
                         amount=subtotal + ship, currency=cur, gateway=gateway,
                         gateway_transaction_id=ref, card_brand=brand, card_number_masked=mask,
                         cardholder_name=holder, payer_document=document,
                         pix_refund_key=pix_key,
                         response_code=("05" if failed else "00") if gateway == "adyen" else
                         ("card_declined" if failed else "succeeded"),
                         created_at=pcreated, updated_at=after(rng, pcreated, 2))

    reviews = table("reviews", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("product_id", "bigint NOT NULL"),
        col("user_id", "bigint", UID), col("author_name", "varchar(255)", NAME),
        col("rating", "tinyint NOT NULL"), col("title", "varchar(255)", free=True),
        col("body", "text", free=True), col("ip_address", "varchar(45)", IP),
        col("helpful_count", "int NOT NULL DEFAULT 0"),
        col("approved", "tinyint(1) NOT NULL DEFAULT 0"),
        col("locale", "varchar(8)", note="language of the review text"),
        col("created_at", dt6), col("updated_at", dt6),
    ], fks=[("product_id", "products", "id"), ("user_id", "users", "id")],
        indexes=[("product_id",)])
    for rid in range(1, 351):
        c = rng.choice(customers)
        loc = {"de": "de", "pt-BR": "pt-BR", "pt-PT": "pt-BR", "es": "es", "ca": "es", "nl": "nl",
               "fr": "fr", "ja": "ja"}.get(users.rows[c.id - 1]["locale"], "en")
        if rng.random() < 0.15:
            loc = "en"
        r = rng.random()
        tl = loc if loc in REVIEW_NAME else "en"
        if r < 0.7:
            body = rng.choice(REVIEW_NONE[loc])
        elif r < 0.77:
            body = rng.choice(REVIEW_DECOY)
        elif r < 0.88:
            body = fill(rng.choice(REVIEW_NAME[tl]), **person_refs(rng, c.p.origin))
        elif r < 0.94:
            body = fill(rng.choice(REVIEW_PHONE[tl]),
                        phone=Txt(c.phone or phone(rng, c.country), {PHONE}))
        else:
            body = fill(rng.choice(REVIEW_EMAIL[tl]), email=Txt(c.email, {EMAIL}))
        first, last = c.first_name or c.p.first, c.last_name or c.p.last
        author = rng.choices((f"{first} {last[:1]}.", f"{first} {last}", first, "Anônimo"
                              if loc == "pt-BR" else "Anonymous"), (45, 30, 20, 5))[0]
        created = rand_dt(rng, c.created.date(), date(2024, 4, 14))
        reviews.add(id=rid, product_id=rng.choice(product_rows)["id"],
                    user_id=c.id if rng.random() < 0.9 else None, author_name=author,
                    rating=rng.choices((1, 2, 3, 4, 5), (6, 6, 12, 30, 46))[0],
                    title=rng.choice(REVIEW_TITLES[loc]) if rng.random() < 0.7 else None,
                    body=body,
                    ip_address=public_ip(rng, c.country, 0.4),
                    helpful_count=rng.choice((0, 0, 0, 1, 2, 5, 17)),
                    approved=rng.random() < 0.85, locale=loc, created_at=created,
                    updated_at=after(rng, created, 20))

    sessions = table("app_sessions", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"),
        col("session_id", "varchar(255) NOT NULL", COOKIE), col("user_id", "bigint", UID),
        col("ip", "varchar(45)", IP), col("user_agent", "text", DEVICE),
        col("platform", "varchar(16) NOT NULL DEFAULT 'web'"), col("created_at", dt6),
        col("last_seen_at", "datetime(6)"), col("expires_at", "datetime(6)"),
        col("revoked_at", "datetime(6)"),
    ], uniques=[("session_id",)], fks=[("user_id", "users", "id")])
    devices = table("devices", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"), col("user_id", "bigint NOT NULL", UID),
        col("device_id", "char(36) NOT NULL", DEVICE_ID, note="IDFV / Android id, UUID"),
        col("push_token", "varchar(255)", DEVICE_ID,
            note="APNs / FCM token: addresses this one app install"),
        # As in sample_db: a phone model or OS/app version identifies no one by itself.
        col("platform", "varchar(16) NOT NULL"), col("model", "varchar(64)"),
        col("os_version", "varchar(16)"), col("app_version", "varchar(16)"),
        col("push_enabled", "tinyint(1) NOT NULL DEFAULT 1"), col("last_seen_at", "datetime(6)"),
        col("created_at", dt6), col("updated_at", dt6),
    ], uniques=[("device_id",)], fks=[("user_id", "users", "id")])
    app_users = rng.sample(customers, 210)
    dev_by_user: dict[int, list[tuple[str, str, str, str]]] = {}
    did = 0
    for c in app_users:
        for _ in range(rng.choices((1, 2), (85, 15))[0]):
            did += 1
            plat = "ios" if rng.random() < (0.55 if c.country not in ("BR",) else 0.25) \
                else "android"
            dev = uuid4(rng)
            dev = dev.upper() if plat == "ios" else dev
            model = rng.choice(DEVICE_MODELS[plat])
            osv = rng.choice(OS_VERSIONS[plat])
            appv = rng.choice(APP_VERSIONS)
            push = hexstr(rng, 64) if plat == "ios" else \
                f"{rand_str(rng, B64URL, 22)}:APA91b{rand_str(rng, B64URL, 134)}"
            created = rand_dt(rng, max(c.created.date(), date(2021, 6, 1)), date(2024, 4, 10))
            devices.add(id=did, user_id=c.id, device_id=dev,
                        push_token=push if rng.random() < 0.8 else None, platform=plat,
                        model=model, os_version=osv, app_version=appv,
                        push_enabled=rng.random() < 0.75,
                        last_seen_at=rand_dt(rng, created.date(), date(2024, 4, 14)),
                        created_at=created, updated_at=after(rng, created, 60))
            dev_by_user.setdefault(c.id, []).append((plat, model, osv, appv))
    for sid in range(1, 381):
        anon = rng.random() < 0.25
        c = rng.choice(customers)
        devs = dev_by_user.get(c.id)
        if devs and not anon and rng.random() < 0.6:
            plat, model, osv, appv = rng.choice(devs)
            ua = f"ShopApp/{appv} (iPhone; iOS {osv}; Scale/3.00)" if plat == "ios" else \
                f"ShopApp/{appv} (Android {osv}; {model}) okhttp/4.12.0"
            token = hexstr(rng, 64)
        else:
            plat = "web"
            ua = rng.choice(USER_AGENTS_WEB)
            token = hexstr(rng, 32) if rng.random() < 0.6 else rand_str(rng, ALNUM, 40)
        while token in tokens:
            token = hexstr(rng, 32)
        tokens.add(token)
        created = rand_dt(rng, date(2024, 1, 1), date(2024, 4, 14))
        seen = after(rng, created, 10)
        sessions.add(id=sid, session_id=token, user_id=None if anon else c.id,
                     ip=public_ip(rng, c.country, 0.35), user_agent=ua, platform=plat,
                     created_at=created, last_seen_at=min(seen, NOW),
                     expires_at=created + timedelta(days=14 if plat == "web" else 90),
                     revoked_at=after(rng, created, 5) if rng.random() < 0.1 else None)

    pat = table("personal_access_tokens", [
        col("id", "bigint unsigned NOT NULL AUTO_INCREMENT"),
        col("tokenable_type", "varchar(255) NOT NULL"),
        col("tokenable_id", "bigint unsigned NOT NULL", UID, note="always App\\Models\\User"),
        col("name", "varchar(255) NOT NULL", free=True, note="device names, some with a name"),
        col("token", "varchar(64) NOT NULL", CREDENTIALS, note="SHA-256 of the token"),
        col("abilities", "text"), col("last_used_at", "timestamp NULL"),
        col("expires_at", "timestamp NULL"), col("created_at", "timestamp NULL"),
        col("updated_at", "timestamp NULL"),
    ], uniques=[("token",)], indexes=[("tokenable_type", "tokenable_id")])
    for i in range(1, 151):
        c = rng.choice(customers)
        f = c.p.first.split()[0]
        name = rng.choice((Txt(f"iPhone de {f}", {NAME}), Txt(f"{f}'s iPad", {NAME}),
                           Txt(f"Galaxy S23 von {f}", {NAME}), "Pixel 8", "web", "api-script",
                           "MacBook Pro", "Android", "iPhone", "zapier-integration"))
        created = rand_dt(rng, date(2022, 6, 1), date(2024, 4, 12))
        pat.add(id=i, tokenable_type="App\\Models\\User", tokenable_id=c.id, name=name,
                token=unique_token(lambda: hexstr(rng, 64)),
                abilities=rng.choice(('["*"]', '["orders:read"]',
                                      '["orders:read","profile:write"]')),
                last_used_at=after(rng, created, 60) if rng.random() < 0.8 else None,
                expires_at=created + timedelta(days=365) if rng.random() < 0.5 else None,
                created_at=created, updated_at=after(rng, created, 60))

    gifts = table("gift_cards", [
        col("id", "bigint NOT NULL AUTO_INCREMENT"),
        col("code", "varchar(32) NOT NULL", decoy=True,
            note="16-digit Luhn-valid gift-card number, not a payment card"),
        col("purchaser_user_id", "bigint", UID), col("recipient_name", "varchar(255)", NAME),
        col("recipient_email", "varchar(255)", EMAIL), col("message", "text", free=True),
        col("initial_value", "decimal(10,2) NOT NULL"), col("balance", "decimal(10,2) NOT NULL"),
        col("currency", "varchar(3) NOT NULL"), col("expires_on", "date"),
        col("redeemed_at", "datetime(6)"), col("created_at", dt6), col("updated_at", dt6),
    ], uniques=[("code",)], fks=[("purchaser_user_id", "users", "id")])
    codes: set[str] = set()
    for i in range(1, 161):
        c = rng.choice(customers)
        while True:
            code = luhn_complete("603571" + digits(rng, 9))
            if code not in codes:
                codes.add(code)
                break
        rp = make_person(rng, c.p.origin, native_share=0)
        giver = c.p.first.split()[0]
        while rp.first.split()[0] == giver:
            rp = make_person(rng, c.p.origin, native_share=0)
        first3 = make_person(rng, c.p.origin, native_share=0).first
        lang = NOTE_LANG.get(c.country) or ("fr" if c.p.origin == "be_fr" else "nl")
        r = rng.random()
        if r < 0.55:
            msg = fill(rng.choice(GIFT_NAME[lang]), first=Txt(rp.first, {NAME}),
                       first2=Txt(giver, {NAME}), first3=Txt(first3, {NAME}))
        elif r < 0.8:
            msg = rng.choice(GIFT_NONE[lang])
        elif r < 0.85:
            msg = ""
        else:
            msg = None
        value = Decimal(rng.choice((25, 50, 50, 100, 150, 200)))
        cur = CURRENCY.get(c.country, "EUR")
        created = rand_dt(rng, date(2022, 11, 1), date(2024, 4, 10))
        redeemed = after(rng, created, 120) if rng.random() < 0.5 else None
        gifts.add(id=i, code=" ".join(code[j:j + 4] for j in range(0, 16, 4))
                  if rng.random() < 0.5 else code,
                  purchaser_user_id=c.id if rng.random() < 0.9 else None,
                  recipient_name=rp.full if rng.random() < 0.8 else rp.first,
                  recipient_email=private_email(rng, rp, c.country, emails)
                  if rng.random() < 0.75 else None,
                  message=msg, initial_value=value,
                  balance=Decimal(0) if redeemed and rng.random() < 0.7 else value,
                  currency=cur, expires_on=(created + timedelta(days=3 * 365)).date(),
                  redeemed_at=redeemed, created_at=created, updated_at=redeemed or created)

    news = table("newsletter_subscribers", [
        col("id", "bigint NOT NULL AUTO_INCREMENT", UID, note="one row per subscriber"),
        col("email", "varchar(255) NOT NULL", EMAIL), col("first_name", "varchar(255)", FIRST),
        col("locale", "varchar(8)", LANGUAGE), col("source", "varchar(32)"),
        col("consent_ip", "varchar(45)", IP),
        col("double_opt_in_token", "varchar(64)", CREDENTIALS),
        col("confirmed_at", "datetime(6)"), col("unsubscribed_at", "datetime(6)"),
        col("created_at", dt6), col("updated_at", dt6),
    ], uniques=[("email",)])
    subscribed: set[str] = set()
    for i in range(1, 261):
        from_user = rng.random() < 0.55
        if from_user:
            c = rng.choice(customers)
            if c.email.lower() in subscribed:
                c = next(x for x in customers if x.email.lower() not in subscribed)
            email, first, country = c.email, c.first_name, c.country
        else:
            country = pick_weighted(rng, SHOP_COUNTRIES)
            p = make_person(rng, pick_weighted(rng, SHOP_ORIGINS[country]), native_share=0)
            email, first = private_email(rng, p, country, emails), p.first
        subscribed.add(email.lower())
        created = rand_dt(rng, date(2020, 1, 1), date(2024, 4, 14))
        confirmed = after(rng, created, 3) if rng.random() < 0.8 else None
        news.add(id=i, email=email, first_name=first if rng.random() < 0.5 else None,
                 locale=user_locale(rng, country, c.p if from_user else p),
                 source=rng.choice(("footer", "checkout", "popup", "instagram_ad")),
                 consent_ip=public_ip(rng, country, 0.3),
                 double_opt_in_token=None if confirmed else rand_str(rng, B64URL, 32),
                 confirmed_at=confirmed,
                 unsubscribed_at=after(rng, created, 300) if rng.random() < 0.1 else None,
                 created_at=created, updated_at=confirmed or created)

    order = ["settings", "categories", "products", "users", "clientes_br", "addresses",
             "orders", "order_items", "payments", "reviews", "devices", "app_sessions",
             "personal_access_tokens", "gift_cards", "newsletter_subscribers"]
    assert set(order) == set(T), set(T) ^ set(order)
    return [T[n] for n in order]


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------
HR_HEADER = """\
Labels for hr_pg.sql: HR and payroll of a company with offices in DE, ES, NL and BE
(PostgreSQL, schemas hr and payroll). Written by tests/schemas/make_schemas.py from
hand-made data (no Faker); one entry per column of every table.
[] = not personal data; decoy: true = not personal but looks personal (by name or content).
Free-text columns are labelled with the categories their rows actually contain."""
SHOP_HEADER = """\
Labels for shop_maria.sql: a Rails/Laravel-style web shop selling in Europe, the US, Japan
and Brazil (MariaDB; table names without the database, the test prefixes it). Written by
tests/schemas/make_schemas.py from hand-made data (no Faker); one entry per column.
[] = not personal data; decoy: true = not personal but looks personal (by name or content).
Free-text columns are labelled with the categories their rows actually contain."""


def self_check(hr: list[Table], shop: list[Table]) -> None:
    """Check the identifiers that carry check digits (guards against generator bugs)."""
    byname = {t.name: t for t in hr + shop}
    for r in byname["payroll.bank_accounts"].rows + byname["payroll.payslips"].rows:
        assert iban_valid(str(r["iban"])), r["iban"]
    for r in byname["payroll.runs"].rows:
        assert iban_valid(str(r["debtor_iban"]))
    for r in byname["hr.datos_empleado_es"].rows:
        d = re.sub(r"[.\-]", "", str(r["dni"]))
        n = str("XYZ".index(d[0])) + d[1:-1] if d[0] in "XYZ" else d[:-1]
        assert DNI_LETTERS[int(n) % 23] == d[-1], r["dni"]
        s = re.sub(r"\D", "", str(r["numero_seguridad_social"]))
        assert int(s[:10]) % 97 == int(s[10:]), s
    for r in byname["hr.medewerkers_benelux"].rows:
        if r["bsn"]:
            b = str(r["bsn"])
            assert (sum(int(x) * (9 - i) for i, x in enumerate(b[:8])) - int(b[8])) % 11 == 0
        if r["rijksregisternummer"]:
            n = re.sub(r"\D", "", str(r["rijksregisternummer"]))
            base = int(n[:9]) if r["geboortedatum"].year < 2000 else int("2" + n[:9])
            assert 97 - base % 97 == int(n[9:]), n
    for r in byname["clientes_br"].rows:
        d = re.sub(r"\D", "", str(r["cpf"]))
        assert d[9:] == cpf_check(d[:9]), d
    for r in byname["products"].rows:
        if r["ean13"]:
            e = str(r["ean13"])
            assert sum(int(x) * (1 if i % 2 == 0 else 3) for i, x in enumerate(e)) % 10 == 0
    for r in byname["gift_cards"].rows:
        assert luhn_valid(str(r["code"]))


def cpf_check(nine: str) -> str:
    d = [int(x) for x in nine]
    for n in (10, 11):
        r = sum(x * w for x, w in zip(d, range(n, 1, -1), strict=True)) * 10 % 11
        d.append(0 if r == 10 else r)
    return f"{d[9]}{d[10]}"


def generate() -> dict[str, str]:
    hr = build_hr(random.Random(SEED))
    shop = build_shop(random.Random(SEED + 1))
    self_check(hr, shop)
    sql_header = "-- {}\n-- Generated by tests/schemas/make_schemas.py; do not edit by hand.\n"
    return {
        "hr_pg.sql": render_pg(hr, sql_header.format(
            "HR / payroll test schema (PostgreSQL): schemas hr and payroll.")),
        "hr_pg.labels.yaml": render_labels(hr, "postgresql", HR_HEADER),
        "shop_maria.sql": render_maria(shop, sql_header.format(
            "Web-shop test schema (MariaDB). Load into an existing database.")),
        "shop_maria.labels.yaml": render_labels(shop, "mariadb", SHOP_HEADER),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the files are out of date")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder")
    args = ap.parse_args(argv)
    stale = []
    for name, text in generate().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.encode()) / 1024:.0f} KiB)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
