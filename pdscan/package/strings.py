"""The words of an export package, in English and French: every sentence and heading
of its README.txt and index.html. Category names and descriptions are not here: they
come from fideslang's taxonomy (:func:`pdscan.package.text.category_text`)."""

from __future__ import annotations

LANGS = ("en", "fr")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Your personal data held by {controller}",
        "intro": "This package answers your request to access your personal data (GDPR "
                 "Article 15) and to receive a copy in a machine-readable format (Article "
                 "20). It was prepared on {date} for the person identified by {ids}.",
        "portable": "As you asked, it holds only the data you gave us or that we observed "
                    "about you, processed with your consent or for a contract with you "
                    "(Article 20).",
        "empty": "We hold no personal data about you in the systems we searched.",
        "taxonomy_note": "",
        "who": "Who holds your data", "name": "Controller", "address": "Address",
        "contact": "Contact", "dpo": "Data protection officer",
        "data": "What we hold about you",
        "data_intro": "Your data is grouped below by kind. For each kind we say why we use "
                      "it, on what legal basis, who receives it, how long we keep it, where "
                      "it came from, and which files of this package hold it.",
        "purposes": "Why we use it", "legal_basis": "Legal basis",
        "recipients": "Who receives it", "retention": "How long we keep it",
        "source": "Where it came from", "automated_decision_making": "Automated decisions",
        "portable_label": "Yours to take elsewhere (Art. 20)", "yes": "yes", "no": "no",
        "files_of": "In the files", "no_recipient": "nobody outside {controller}",
        "third_country": "outside the EU/EEA", "safeguards": "safeguards",
        "undescribed": "Not described by our privacy policy",
        "undescribed_text": "Found in your data, but our privacy policy does not describe it "
                            "yet. Ask us about it: {contact}.",
        "withheld": "Withheld for your security",
        "withheld_text": "These are not included: they protect your account, and a copy "
                         "could be used to take it over (Article 15(4)). You can change or "
                         "reset them at any time.",
        "field_of": "field {field} of {file}",
        "files": "Files in this package", "file": "File", "what": "What it holds",
        "records_1": "1 record", "records_n": "{n} records",
        "from": "from {collection} ({source})",
        "fields_csv": "the kind of data held in each column of each file",
        "manifest_json": "the same information for computers, and where each record is "
                         "kept in our systems",
        "readme": "this explanation (README.txt and index.html say the same)",
        "columns": "Each file has one row per record and one column per field. A column "
                   "with no kind of data named in fields.csv is still part of your "
                   "records. Dates are ISO 8601 (2024-05-31T14:00:00), amounts are exact.",
        "csv_note": "In the CSV files, a text that begins with =, +, -, @, a tab or a "
                    "carriage return is preceded by a single quote (') so that a "
                    "spreadsheet shows it as text and never runs it as a formula; the quote "
                    "is not part of the value (the JSON export has it as held).",
        "searched": "We searched: {sources}.",
        "failed": "These could not be read when this package was prepared, so any data "
                  "they hold about you is not in it: {sources}.",
        "rights": "Your rights",
        "rights_text": "You may ask us to correct your data (Article 16), to erase it "
                       "(Article 17), to restrict its use (Article 18) and to receive it to "
                       "take it elsewhere (Article 20); you may object to its use (Article "
                       "21), in particular for direct marketing, at any time.",
        "how": "How to exercise them", "erasure_limits": "Limits to erasure",
        "complaint": "Complaint to the supervisory authority",
        "complaint_text": "If you think we do not respect your rights, you may complain to:",
        "authority": "Authority", "url": "Website", "note": "Note",
        "contents": "Contents", "footer": "Prepared with pdscan {version}.",
        "email": "e-mail", "phone": "phone", "id": "identifier", "and": "and", "colon": ": ",
    },
    "fr": {
        "title": "Vos données personnelles détenues par {controller}",
        "intro": "Ce dossier répond à votre demande d'accès à vos données personnelles "
                 "(RGPD, article 15) et d'en recevoir une copie dans un format lisible par "
                 "machine (article 20). Il a été préparé le {date} pour la personne "
                 "identifiée par {ids}.",
        "portable": "Comme vous l'avez demandé, il ne contient que les données que vous "
                    "nous avez fournies ou que nous avons observées, traitées avec votre "
                    "consentement ou pour un contrat avec vous (article 20).",
        "empty": "Nous ne détenons aucune donnée personnelle vous concernant dans les "
                 "systèmes consultés.",
        "taxonomy_note": "Les noms et descriptions des catégories de données viennent de la "
                         "taxonomie fideslang, publiée en anglais seulement : ils sont "
                         "donc cités en anglais.",
        "who": "Qui détient vos données", "name": "Responsable du traitement",
        "address": "Adresse", "contact": "Contact",
        "dpo": "Délégué à la protection des données",
        "data": "Ce que nous détenons sur vous",
        "data_intro": "Vos données sont regroupées ci-dessous par nature. Pour chacune, nous "
                      "indiquons pourquoi nous l'utilisons, sur quelle base légale, qui la "
                      "reçoit, combien de temps nous la conservons, d'où elle vient, et "
                      "quels fichiers de ce dossier la contiennent.",
        "purposes": "Finalités", "legal_basis": "Base légale", "recipients": "Destinataires",
        "retention": "Durée de conservation", "source": "Origine",
        "automated_decision_making": "Décisions automatisées",
        "portable_label": "Portabilité (art. 20)", "yes": "oui", "no": "non",
        "files_of": "Dans les fichiers", "no_recipient": "personne en dehors de {controller}",
        "third_country": "hors UE/EEE", "safeguards": "garanties",
        "undescribed": "Non décrit par notre politique de confidentialité",
        "undescribed_text": "Trouvé dans vos données, mais notre politique de confidentialité "
                            "ne le décrit pas encore. Interrogez-nous : {contact}.",
        "withheld": "Retenu pour votre sécurité",
        "withheld_text": "Ces éléments ne sont pas inclus : ils protègent votre compte, et "
                         "une copie pourrait servir à en prendre le contrôle (article 15, "
                         "paragraphe 4). Vous pouvez les modifier ou les réinitialiser à tout "
                         "moment.",
        "field_of": "champ {field} de {file}",
        "files": "Fichiers de ce dossier", "file": "Fichier", "what": "Contenu",
        "records_1": "1 enregistrement", "records_n": "{n} enregistrements",
        "from": "depuis {collection} ({source})",
        "fields_csv": "la nature des données de chaque colonne de chaque fichier",
        "manifest_json": "les mêmes informations pour un ordinateur, et l'emplacement de "
                         "chaque enregistrement dans nos systèmes",
        "readme": "cette explication (README.txt et index.html disent la même chose)",
        "columns": "Chaque fichier a une ligne par enregistrement et une colonne par champ. "
                   "Une colonne sans nature de données dans fields.csv fait tout de même "
                   "partie de vos enregistrements. Les dates sont au format ISO 8601 "
                   "(2024-05-31T14:00:00), les montants sont exacts.",
        "csv_note": "Dans les fichiers CSV, un texte qui commence par =, +, -, @, une "
                    "tabulation ou un retour chariot est précédé d'une apostrophe (') pour "
                    "qu'un tableur l'affiche comme du texte sans jamais l'exécuter comme une "
                    "formule ; l'apostrophe ne fait pas partie de la valeur (l'export JSON "
                    "la donne telle qu'elle est enregistrée).",
        "searched": "Systèmes consultés : {sources}.",
        "failed": "Ces systèmes n'ont pas pu être lus lors de la préparation de ce dossier ; "
                  "les données qu'ils détiendraient sur vous n'y figurent pas : {sources}.",
        "rights": "Vos droits",
        "rights_text": "Vous pouvez nous demander de rectifier vos données (article 16), de "
                       "les effacer (article 17), d'en limiter l'utilisation (article 18) et "
                       "de les recevoir pour les transmettre à un autre organisme (article "
                       "20) ; vous pouvez vous opposer à leur utilisation (article 21), "
                       "notamment à des fins de prospection, à tout moment.",
        "how": "Comment les exercer", "erasure_limits": "Limites à l'effacement",
        "complaint": "Réclamation auprès de l'autorité de contrôle",
        "complaint_text": "Si vous estimez que nous ne respectons pas vos droits, vous pouvez "
                          "introduire une réclamation auprès de :",
        "authority": "Autorité", "url": "Site web", "note": "Remarque",
        "contents": "Sommaire", "footer": "Préparé avec pdscan {version}.",
        "email": "courriel", "phone": "téléphone", "id": "identifiant", "and": "et",
        "colon": " : ",
    },
}
