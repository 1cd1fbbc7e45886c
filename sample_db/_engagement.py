"""Event registrations (French column names), room bookings, support tickets, the B2B
CRM with its JSON export, and newsletter subscriptions with their cp1252 CSV export."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any

from _commerce import crowd_email, crowd_phone
from _context import FILES, SHOP, Ctx, line, pk, record, spread, ts
from _data import (
    AGENTS,
    COMPANIES,
    EVENTS,
    JOB_TITLES,
    LEAD_SOURCES,
    NEWSLETTER_COMMENTS,
    NEWSLETTER_MULTILINE,
    REF_DT,
    REGISTRATION_NOTES,
    ROOMS,
    TAGS,
    TICKET_NO_PII,
    TICKET_OTHER_PII,
    TICKET_OWN_PII,
    TICKET_SUBJECTS,
)
from _people import (
    Person,
    cp1252_safe,
    email_spelling,
    fold,
    name_spelling,
    phone_spelling,
    slug,
)
from _sinks import CsvFile, Table, columns_of
from _web import company_ip

AGENT_SUBJECT = 4  # Julien Lambert, the staff truth subject


def _other(ctx: Ctx, rng: random.Random) -> Person:
    """Someone else, named in a free-text field (never a truth subject)."""
    return ctx.people.get(ctx.random_guest(rng) if rng.random() < 0.6
                          else ctx.random_customer(rng))


def write_registrations(ctx: Ctx) -> None:
    con, rng, people, truth = ctx.con, ctx.rng("registrations"), ctx.people, ctx.truth
    t = Table(con, "event_registrations", columns_of(con, "event_registrations"))
    # (subject, event id, nom, prenom, courriel, telephone)
    script = [
        ("elodie-martin-fr", 7, "MARTIN", "Élodie", "ELODIE.MARTIN@ORANGE.FR", "+33612345678"),
        ("elodie-martin-be", 5, "Martin", "Elodie", "Elodie.Martin@skynet.be", "0478 12 34 56"),
        ("joao-pereira", 3, "Pereira", "João", "joao.pereira@uol.com.br", "+55 11 91234-5678"),
        ("joao-pereira", 10, "PEREIRA", "Joao", "Joao.Pereira@UOL.com.br", "0055 11 91234-5678"),
    ]
    scripted = spread(ctx.plan.registrations, script)
    for i in range(ctx.plan.registrations):
        if i in scripted:
            key, event, nom, prenom, courriel, tel = scripted[i]
            pid = people.by_key[key]
            p = people.get(pid)
        else:
            pid = ctx.random_customer(rng) if rng.random() < 0.62 else ctx.random_guest(rng)
            p = people.get(pid)
            event = rng.randint(1, len(EVENTS))
            nom = p.last.upper() if rng.random() < 0.4 else p.last
            prenom = fold(p.first) if rng.random() < 0.15 else p.first
            courriel, tel = crowd_email(rng, p), crowd_phone(rng, p, 0.2)
        client_id = pid if people.is_customer(pid) else None
        other = _other(ctx, rng)
        note = rng.choice(REGISTRATION_NOTES).format(other_first=other.first,
                                                     other_last=other.last)
        start = datetime(2023, 3, 4, 19) + timedelta(days=71 * event)
        when = min(start - timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 900)),
                   REF_DT - timedelta(days=1))
        n = t.add(id=i + 1, event_id=event, client_id=client_id, nom=nom, prenom=prenom,
                  courriel=courriel, telephone=tel,
                  adresse=f"{p.street}, {p.postal_code} {p.city}"
                  if p.key or rng.random() < 0.6 else None,
                  date_naissance=p.birth.strftime("%d/%m/%Y")
                  if p.key or rng.random() < 0.5 else None,
                  accepte_recontact=int(rng.random() < 0.4), commentaire=note or None,
                  inscrit_le=ts(when))
        truth.row(p.key, SHOP, "main.event_registrations", pk(id=n), "direct",
                  {"courriel": courriel, "telephone": tel, "nom": nom, "prenom": prenom,
                   "client_id": client_id}, ident=("courriel", "telephone", "nom", "prenom"))
    t.flush()


def write_bookings(ctx: Ctx) -> None:
    con, rng, people, truth = ctx.con, ctx.rng("bookings"), ctx.people, ctx.truth
    t = Table(con, "room_bookings", columns_of(con, "room_bookings"))
    script = [("sofia-garcia", "Carlos Ruiz"), ("priya-sharma", "SHARMA Priya"),
              ("elodie-martin-be", "Élodie Martin"), ("priya-sharma", "Priya Sharma")]
    scripted = spread(ctx.plan.bookings, script)
    for i in range(ctx.plan.bookings):
        if i in scripted:
            key, guest = scripted[i]
            cid = people.by_key[key]
            p = people.get(cid)
        else:
            cid = ctx.random_customer(rng)
            p = people.get(cid)
            r = rng.random()
            if r < 0.6:
                guest = name_spelling(p.first, p.last, rng.choice(["first last", "LAST First"]))
            elif r < 0.85:
                o = _other(ctx, rng)
                guest = f"{o.first} {o.last}"
            else:
                guest = None
        check_in = datetime(2022, 1, 3, 14) + timedelta(days=rng.randint(0, 1300))
        n = t.add(id=i + 1, booking_ref=f"WR-{rng.getrandbits(40):010X}",
                  room_id=rng.randint(1, len(ROOMS)), customer_id=cid, guest_name=guest,
                  guests=rng.randint(1, 12), check_in=ts(check_in),
                  check_out=ts(check_in + timedelta(days=rng.randint(1, 3), hours=-4)),
                  session_cookie=f"{rng.getrandbits(128):032x}",
                  created_at=ts(check_in - timedelta(days=rng.randint(2, 90), hours=5)))
        own = guest is not None and fold(p.last).lower() in fold(guest).lower()
        truth.row(p.key, SHOP, "main.room_bookings", pk(id=n), "foreign_key",
                  {"customer_id": cid, "guest_name": guest},
                  ident=("guest_name",) if own else (), via="main.room_bookings.customer_id")
    t.flush()


def write_tickets(ctx: Ctx) -> None:
    con, rng, people, truth = ctx.con, ctx.rng("tickets"), ctx.people, ctx.truth
    t = Table(con, "support_tickets", columns_of(con, "support_tickets"))
    script = [
        ("elodie-martin-fr", 2, "Réservation introuvable",
         "Bonjour, ma collègue Priya Sharma (priya.sharma@outlook.com) n'a pas reçu sa "
         "confirmation pour la Salle Magritte. Vous pouvez me rappeler au +33 6 12 34 56 78. "
         "Élodie Martin"),
        ("sofia-garcia", AGENT_SUBJECT, "Problème de paiement", TICKET_NO_PII[2]),
        ("hiroshi-tanaka", 6, "Demande de facture",
         "Hello, the invoice PDF link returns an error 404. Please reach me at "
         "tanaka.hiroshi@yahoo.co.jp. Hiroshi Tanaka"),
        ("sofia-garcia", AGENT_SUBJECT, "Demande de facture",
         "Hola, ¿pueden enviar la factura a Sofia.Garcia.Lopez@gmail.com? Gracias, Sofía"),
    ]
    scripted = spread(ctx.plan.tickets, script)
    for i in range(ctx.plan.tickets):
        if i in scripted:
            key, agent, subject, body = scripted[i]
            cid = people.by_key[key]
            p = people.get(cid)
        else:
            cid = ctx.random_customer(rng)
            p = people.get(cid)
            agent = rng.randint(1, len(AGENTS)) if rng.random() < 0.95 else None
            subject = rng.choice(TICKET_SUBJECTS)
            r, o = rng.random(), _other(ctx, rng)
            template = rng.choice(TICKET_NO_PII if r < 0.35 else TICKET_OWN_PII if r < 0.75
                                  else TICKET_OTHER_PII)
            body = template.format(
                first=p.first, last=p.last, email=crowd_email(rng, p),
                phone=phone_spelling(p.phone, rng.choice(["national", "intl", "e164"])),
                order=f"CMD-2024-{rng.randint(1, ctx.plan.orders):06d}", other_first=o.first,
                other_last=o.last, other_email=o.email,
                other_phone=phone_spelling(o.phone, "national"))
        opened = min(p.created + timedelta(days=rng.randint(1, 900), minutes=rng.randint(0, 900)),
                     REF_DT - timedelta(hours=3))
        status = rng.choice(["closed", "closed", "closed", "open", "pending"])
        n = t.add(id=i + 1, customer_id=cid, agent_id=agent,
                  channel=rng.choice(["email", "web", "phone", "chat"]), subject=subject,
                  body=body, status=status, opened_at=ts(opened),
                  closed_at=ts(opened + timedelta(hours=rng.randint(1, 96)))
                  if status == "closed" else None)
        loc = pk(id=n)
        truth.row(p.key, SHOP, "main.support_tickets", loc, "foreign_key",
                  {"customer_id": cid}, via="main.support_tickets.customer_id",
                  contains={"body": body[-40:]})
        if p.key and agent:
            truth.other(p.key, SHOP, "main.support_agents", pk(agentId=agent),
                        f"support agent {' '.join(AGENTS[agent - 1][:2])}",
                        "main.support_tickets.agent_id -> support_agents.agentId",
                        {"agentId": agent})
        if agent == AGENT_SUBJECT:
            truth.row("julien-lambert", SHOP, "main.support_tickets", loc, "mention",
                      {"agent_id": agent, "customer_id": cid},
                      via="main.support_tickets.agent_id = 4 (a customer's ticket)")
        if p.key == "elodie-martin-fr":
            truth.row("priya-sharma", SHOP, "main.support_tickets", loc, "mention",
                      {"customer_id": cid}, contains={"body": "priya.sharma@outlook.com"})
    t.flush()


def write_crm(ctx: Ctx) -> None:
    con, rng, people, truth = ctx.con, ctx.rng("crm"), ctx.people, ctx.truth
    boards: dict[int, str] = ctx.memo["switchboards"]
    t = Table(con, "crm_prospects", columns_of(con, "crm_prospects"))
    f5 = people.by_key["pieter-janssens"] - people.prospect0
    # Company 1 (Van Damme): colleagues sharing the switchboard and info@ with the subject.
    forced = {1: ("board", "own"), 2: ("board", "info"), f5: ("board", "own"),
              4: ("board", "own"), 5: ("mobile", "own"), 6: ("mobile", "info")}
    by_company: dict[int, list[int]] = {}
    contacts: dict[int, list[dict[str, Any]]] = {}
    for k in range(1, ctx.plan.prospects + 1):
        p = people.get(people.prospect0 + k)
        company = 1 if k in forced else rng.randint(2, len(COMPANIES))
        domain = COMPANIES[company - 1][1]
        phone_kind, mail_kind = forced.get(k) or (
            rng.choices(["board", "mobile", None], [35, 50, 15])[0],
            rng.choices(["own", "info", None], [80, 10, 10])[0])
        own_mail = f"{slug(p.first)}.{slug(p.last)}@{domain}"
        email = {"own": own_mail, "info": f"info@{domain}", None: None}[mail_kind]
        phone = boards[company] if phone_kind == "board" else (
            phone_spelling(p.phone, rng.choice(["intl", "national", "e164"]))
            if phone_kind else None)
        name = "Janssens, Pieter" if p.key else name_spelling(
            p.first, p.last, rng.choice(["Last, First", "first last", "LAST First"]))
        owner = rng.randint(1, len(AGENTS))
        t.add(id=k, companyId=company, contactName=name,
              jobTitle="Aankoopverantwoordelijke" if p.key else rng.choice(JOB_TITLES),
              workEmail=email, workPhone=phone,
              linkedinUrl=f"https://www.linkedin.com/in/{slug(p.first)}-{slug(p.last)}-"
                          f"{rng.getrandbits(16):04x}" if rng.random() < 0.5 else None,
              leadSource=rng.choice(LEAD_SOURCES), ownerAgentId=owner,
              lastContactedAt=ts(datetime(2023, 1, 2) + timedelta(hours=rng.randint(0, 21000))))
        by_company.setdefault(company, []).append(k)
        ctx.memo.setdefault("prospect_company", {})[k] = company
        loc = pk(id=k)
        truth.row(p.key, SHOP, "main.crm_prospects", loc, "direct",
                  {"contactName": name, "workEmail": email, "workPhone": phone},
                  ident=("contactName", "workEmail", "workPhone"))
        if company == 1 and k != f5 and phone_kind == "board":
            truth.other("pieter-janssens", SHOP, "main.crm_prospects", loc,
                        "a colleague sharing the company switchboard",
                        "workPhone = switchboard (hub)", {"workPhone": phone})
        if p.key:
            truth.other(p.key, SHOP, "main.support_agents", pk(agentId=owner),
                        f"his account owner, agent {' '.join(AGENTS[owner - 1][:2])}",
                        "main.crm_prospects.ownerAgentId -> support_agents.agentId",
                        {"agentId": owner})
        if owner == AGENT_SUBJECT:
            truth.row("julien-lambert", SHOP, "main.crm_prospects", loc, "mention",
                      {"ownerAgentId": owner}, via="main.crm_prospects.ownerAgentId = 4")
        shown = "Pieter.Janssens@VanDamme-Brouwerij.be" if p.key else (
            email_spelling(own_mail, "title") if rng.random() < 0.3 else own_mail)
        contacts.setdefault(company, []).append({
            "name": "Pieter JANSSENS" if p.key else f"{p.first} {p.last}",
            "title": "Aankoopverantwoordelijke" if p.key else rng.choice(JOB_TITLES),
            "email": shown, "phone": phone_spelling(p.phone, "intl")})
    t.flush()
    truth.other("pieter-janssens", SHOP, "main.crm_companies", pk(id=1),
                "the company (a legal person, not him)", "main.crm_prospects.companyId -> id")
    truth.hub("pieter-janssens", "user.contact.phone_number", boards[1],
              "company switchboard used as workPhone by several prospects")
    truth.hub("pieter-janssens", "user.contact.email", f"info@{COMPANIES[0][1]}",
              "generic company address used by colleagues")
    truth.hub("pieter-janssens", "user.device.ip_address", company_ip(1),
              "office NAT address of his company, shared by his colleagues")

    c = Table(con, "crm_contracts", columns_of(con, "crm_contracts"))
    scripted = spread(ctx.plan.contracts, [1])
    for i in range(ctx.plan.contracts):
        company = scripted.get(i) or rng.randint(2, len(COMPANIES))
        signer = f5 if company == 1 else (rng.choice(by_company[company])
                                          if by_company.get(company) else None)
        n = c.add(id=i + 1, contract_ref=f"CTR-{2022 + i % 4}-{i + 1:04d}", company_id=company,
                  signatory_id=signer, signed_on=f"{2022 + i % 4}-{1 + i % 12:02d}-15",
                  annual_value_cents=rng.randint(12, 400) * 10_000,
                  status=rng.choice(["active", "active", "expired", "draft"]))
        if signer == f5:
            truth.row("pieter-janssens", SHOP, "main.crm_contracts", pk(id=n), "foreign_key",
                      {"signatory_id": f5}, via="main.crm_contracts.signatory_id -> prospects")
    c.flush()
    _write_crm_export(ctx, rng, boards, contacts)


def _write_crm_export(ctx: Ctx, rng: random.Random, boards: dict[int, str],
                      contacts: dict[int, list[dict[str, Any]]]) -> None:
    path = "crm_export.json"
    out = []
    for i, (name, domain, city, country, sector) in enumerate(COMPANIES, start=1):
        owner = 1 + (i * 3) % len(AGENTS)
        first, last, _ = AGENTS[owner - 1]
        owner_email = f"{fold(first).lower()}.{fold(last).lower().replace(' ', '')}@weshre.be"
        out.append({
            "account_id": f"ACC-{i:04d}",
            "company": {"name": name, "website": f"https://www.{domain}", "sector": sector},
            "address": {"city": city, "country": country},
            "switchboard": boards[i],
            "generic_email": f"info@{domain}",
            "contacts": contacts.get(i, []),
            "owner": {"name": f"{first} {last}", "email": owner_email},
            "tags": sorted(rng.sample(TAGS, 2)),
            "created_at": f"{2019 + i % 6}-{1 + i % 12:02d}-{1 + i % 27:02d}T09:00:00+01:00",
        })
        if i == 1:
            ctx.truth.row("pieter-janssens", FILES, path, record(path, 0), "direct",
                          {"contacts.email": "Pieter.Janssens@VanDamme-Brouwerij.be",
                           "contacts.phone": "+32 477 65 43 21",
                           "contacts.name": "Pieter JANSSENS"},
                          ident=("contacts.email", "contacts.phone", "contacts.name"))
        if owner == AGENT_SUBJECT:
            ctx.truth.row("julien-lambert", FILES, path, record(path, i - 1), "mention",
                          {"owner.email": owner_email, "owner.name": f"{first} {last}"},
                          ident=("owner.email", "owner.name"))
    text = json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    (ctx.files / path).write_text(text, encoding="utf-8")


NEWSLETTER_HEADER = ["Courriel", "Prénom", "Nom", "Téléphone", "Code postal", "Ville",
                     "Date d'inscription", "Langue", "Statut", "Commentaire"]
# subject -> (lists, CSV courriel, prénom, nom, téléphone)
NEWSLETTER_SCRIPT: dict[str, tuple[tuple[int, ...], str, str, str, str]] = {
    "elodie-martin-fr": ((1,), "Elodie.Martin@Orange.fr", "Elodie", "MARTIN", "06.12.34.56.78"),
    "elodie-martin-be": ((1,), "elodie.martin@skynet.be", "elodie", "martin", "+32 478 12 34 56"),
    "priya-sharma": ((1, 3), "Priya.Sharma@Outlook.com", "Priya", "Sharma", "0091 98765 43210"),
    "joao-pereira": ((1,), "joao.pereira@uol.com.br", "João", "Pereira", ""),
    "oliver-bennett": ((1, 3), "Oliver.Bennett@btinternet.com", "Oliver", "Bennett",
                       "+44 7911 123456"),
    "pieter-janssens": ((2,), "", "", "", ""),
}


def write_newsletter(ctx: Ctx) -> None:
    con, rng, people, truth = ctx.con, ctx.rng("newsletter"), ctx.people, ctx.truth
    t = Table(con, "newsletter_subscriptions", columns_of(con, "newsletter_subscriptions"),
              or_ignore=True)
    path = "newsletter.csv"
    csv_out = CsvFile(ctx.files / path, NEWSLETTER_HEADER, delimiter=";", encoding="cp1252")
    for pid in range(1, people.total + 1):
        if people.is_customer(pid):
            odds = {1: 0.45, 3: 0.1}
        elif pid <= people.prospect0:
            odds = {1: 0.6, 3: 0.2}
        else:
            odds = {2: 0.7}
        spec = people.featured.get(pid)
        if spec:
            script = NEWSLETTER_SCRIPT.get(spec["key"])
            lists = list(script[0]) if script else []
        else:
            lists = [lst for lst, prob in odds.items() if rng.random() < prob]
        if not lists:
            continue
        p = people.get(pid)
        for lst in lists:
            email = p.email if p.key or rng.random() < 0.85 else email_spelling(p.email, "title")
            since = min(p.created + timedelta(days=rng.randint(0, 400)), REF_DT)
            gone = None if p.key or rng.random() > 0.12 else since + timedelta(days=200)
            ip = p.ip if p.key or rng.random() < 0.7 else None
            t.add(list_id=lst, email=email, first_name=p.first if rng.random() < 0.8 or p.key
                  else None, customer_id=pid if people.is_customer(pid) else None,
                  source=rng.choice(["formulaire", "checkout", "salon", "import"]),
                  confirmed_ip=ip, subscribed_at=ts(since),
                  unsubscribed_at=ts(min(gone, REF_DT)) if gone else None)
            if p.key:
                truth.row(p.key, SHOP, "main.newsletter_subscriptions",
                          pk(list_id=lst, email=email), "direct",
                          {"email": email, "confirmed_ip": ip}, ident=("email",))
            if lst != 1:
                continue
            if p.key:
                _, mail, first, last, tel = NEWSLETTER_SCRIPT[p.key]
            else:
                mail = email_spelling(p.email, rng.choices(["lower", "title"], [7, 3])[0])
                first, last = cp1252_safe(p.first), cp1252_safe(p.last)
                if rng.random() < 0.2:
                    first, last = fold(first).lower(), fold(last).lower()
                tel = phone_spelling(p.phone, rng.choice(["national", "intl", "00"])) \
                    if rng.random() < 0.5 else ""
            n = csv_out.row([mail, first, last, tel, p.postal_code, cp1252_safe(p.city),
                             since.strftime("%d/%m/%Y"), p.locale[:2].upper(),
                             "désabonné" if gone else "abonné",
                             "" if p.key else NEWSLETTER_MULTILINE if rng.random() < 0.02
                             else rng.choice(NEWSLETTER_COMMENTS)])
            if p.key:
                truth.row(p.key, FILES, path, line(path, n), "direct",
                          {"Courriel": mail, "Prénom": first, "Nom": last, "Téléphone": tel},
                          ident=("Courriel", "Prénom", "Nom", "Téléphone"))
    t.flush()
    csv_out.close()
