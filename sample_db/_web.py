"""Web traces: the NDJSON clickstream (nested user/device/geo objects) and the web
server's access.log in combined log format."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from _commerce import scripted_order_numbers
from _context import FILES, Ctx, line, spread
from _data import (
    AGENTS,
    BOT_AGENTS,
    OFFICE_IP,
    PAGES,
    REFERRERS,
    SEARCH_QUERIES,
    USER_AGENTS,
)
from _people import Person, email_spelling

CLICKS, ACCESS = "clickstream.ndjson", "access.log"
START = datetime(2025, 6, 1)
SPAN = timedelta(days=29, hours=23)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
APP_UA = "WEshre/10.2.0.1 (iPhone; iOS 17.5; Scale/3.00)"


def company_ip(company: int) -> str:
    """The NAT address of a B2B customer's office: shared by all its staff (a hub)."""
    return f"91.183.{44 + company}.2"


def _page(rng: random.Random) -> str:
    return rng.choice(PAGES).format(n=rng.randint(1, 15))


def _visitor(ctx: Ctx, rng: random.Random) -> Person:
    return ctx.people.get(ctx.random_customer(rng) if rng.random() < 0.7
                          else ctx.random_guest(rng))


def _prospect(ctx: Ctx, rng: random.Random) -> tuple[Person, str]:
    people = ctx.people
    while True:
        k = rng.randint(1, ctx.plan.prospects)
        if people.prospect0 + k not in people.featured:
            return people.get(people.prospect0 + k), company_ip(ctx.memo["prospect_company"][k])


# (subject, visitor state, event type, page)
CLICK_SCRIPT = [
    ("elodie-martin-fr", "anon", "page_view", "/fr/salles/1"),
    ("elodie-martin-fr", "anon", "search", "/fr/salles"),
    ("elodie-martin-fr", "user", "login", "/fr/compte"),
    ("elodie-martin-fr", "user", "purchase", "/fr/paiement"),
    ("hiroshi-tanaka", "user", "page_view", "/en/rooms/9"),
    ("hiroshi-tanaka", "app", "page_view", "/fr/compte/commandes"),
    ("priya-sharma", "anon", "page_view", "/fr/salles/1"),
    ("priya-sharma", "user", "page_view", "/fr/compte"),
    ("joao-pereira", "anon", "page_view", "/fr/evenements/10"),
    ("joao-pereira", "anon", "newsletter_signup", "/"),
    ("pieter-janssens", "anon", "page_view", "/blog/rgpd-pme"),
]


def write_clickstream(ctx: Ctx) -> None:
    from _sinks import NdjsonFile

    rng, people, truth, plan = ctx.rng("clickstream"), ctx.people, ctx.truth, ctx.plan
    out = NdjsonFile(ctx.files / CLICKS)
    scripted = spread(plan.clicks, CLICK_SCRIPT)
    subject_orders = scripted_order_numbers(plan.orders)
    step = SPAN / plan.clicks
    for i in range(plan.clicks):
        when = START + step * i + timedelta(milliseconds=rng.randint(0, 900))
        ip = None
        if i in scripted:
            key, state, etype, page = scripted[i]
            p = people.get(people.by_key[key])
            ip = company_ip(1) if key == "pieter-janssens" else p.ip
        else:
            r = rng.random()
            if r < 0.12:
                p, ip = _prospect(ctx, rng)
                state = "anon"
            else:
                p = _visitor(ctx, rng)
                state = "user" if people.is_customer(p.pid) and r < 0.6 else "anon"
                if state == "user" and rng.random() < 0.1:
                    state = "app"
            etype = rng.choices(["page_view", "click", "search", "add_to_cart", "login",
                                 "purchase", "newsletter_signup"], [70, 10, 6, 6, 3, 3, 2])[0]
            page = _page(rng)
        ua = APP_UA if state == "app" else p.user_agent
        ev: dict[str, Any] = {
            "event_id": f"{rng.getrandbits(128):032x}",
            "ts": when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z",
            "type": etype, "page": page, "referrer": rng.choice(REFERRERS) or None,
            "session_id": f"{rng.getrandbits(64):016x}", "cookie_id": p.cookie_id,
        }
        if state in ("user", "app"):
            ev["user"] = {"id": p.pid, "email": p.email}
        device: dict[str, Any] = {"ua": ua, "lang": p.locale.replace("_", "-"),
                                  "screen": rng.choice(["1920x1080", "1440x900", "390x844",
                                                        "412x915", "2560x1440"])}
        if ua.startswith("WEshre/"):
            device["app_version"] = ua.split("/")[1].split(" ")[0]
        ev["device"] = device
        geo: dict[str, Any] = {"ip": ip or p.ip, "country": p.country, "city": p.city}
        if rng.random() < 0.4 or p.key:
            geo["lat"], geo["lon"] = round(p.lat, 2), round(p.lon, 2)
        ev["geo"] = geo
        if etype == "search":
            ev["props"] = {"query": rng.choice(SEARCH_QUERIES)}
        elif etype == "add_to_cart":
            ev["props"] = {"sku": f"04{rng.randint(60, 99)}-{rng.randint(100, 999)}-"
                                  f"{rng.randint(100, 999)}", "qty": rng.randint(1, 3)}
        elif etype == "purchase":
            numbers = subject_orders.get(p.key or "", [])
            ev["props"] = {"order_number": numbers[-1] if numbers else
                           f"CMD-2025-{rng.randint(1, plan.orders):06d}"}
        elif etype == "newsletter_signup":
            ev["props"] = {"email": email_spelling(p.email, "title")}
        n = out.obj(ev)
        if p.key:
            values: dict[str, Any] = {"cookie_id": p.cookie_id, "geo.ip": ev["geo"]["ip"]}
            if "user" in ev:
                values.update({"user.id": p.pid, "user.email": p.email})
            if etype == "newsletter_signup":
                values["props.email"] = ev["props"]["email"]
            direct = "user" in ev or etype == "newsletter_signup"
            truth.row(p.key, FILES, CLICKS, line(CLICKS, n), "direct" if direct else "identifier",
                      values, ident=tuple(k for k in values if k != "user.id" and not (
                          k == "geo.ip" and values[k] == company_ip(1))),
                      via=None if direct else "cookie_id seen on the subject's other lines")
    out.close()


# (subject, path, remote user)
ACCESS_SCRIPT = [
    ("elodie-martin-fr", "/fr/salles/1", "-"),
    ("elodie-martin-fr", "/newsletter/confirm?email=Elodie.Martin%40orange.fr&token=8f14e45f",
     "-"),
    ("elodie-martin-fr", "/fr/compte/commandes", "-"),
    ("julien-lambert", "/admin/tickets/17", "jlambert"),
    ("priya-sharma", "/fr/salles/1", "-"),
    ("hiroshi-tanaka", "/en/rooms/9", "-"),
    ("julien-lambert", "/admin/customers/29", "jlambert"),
    ("priya-sharma", "/fr/compte?uid=42", "-"),
    ("oliver-bennett", "/", "-"),
    ("oliver-bennett",
     "/newsletter/confirm?email=oliver.bennett%40btinternet.com&token=c9f0f895", "-"),
    ("julien-lambert", "/admin/tickets/88", "jlambert"),
]


def write_access_log(ctx: Ctx) -> None:
    from _sinks import TextLines

    rng, people, truth, plan = ctx.rng("access"), ctx.people, ctx.truth, ctx.plan
    out = TextLines(ctx.files / ACCESS)
    scripted = spread(plan.access_lines, ACCESS_SCRIPT)
    step = SPAN / plan.access_lines
    agent_ua = USER_AGENTS[0]
    for i in range(plan.access_lines):
        when = START + step * i + timedelta(seconds=rng.randint(0, 5))
        user, status, ref = "-", 200, rng.choice(REFERRERS)
        p: Person | None = None
        if i in scripted:
            key, path, user = scripted[i]
            if key == "julien-lambert":
                ip, ua = OFFICE_IP, agent_ua
            else:
                p = people.get(people.by_key[key])
                ip, ua = p.ip, p.user_agent
        else:
            key = None
            r = rng.random()
            if r < 0.1:
                ip = f"66.249.{rng.randint(64, 79)}.{rng.randint(1, 254)}"
                ua, ref = rng.choice(BOT_AGENTS), ""
                path = rng.choice(["/robots.txt", "/sitemap.xml", _page(rng)])
            elif r < 0.17:
                ip, ua, ref = OFFICE_IP, agent_ua, ""
                user = rng.choice([a[2] for a in AGENTS if a[2] != "jlambert"])
                path = f"/admin/{rng.choice(['tickets', 'customers', 'orders'])}/" \
                       f"{rng.randint(1, plan.customers)}"
            elif r < 0.25:
                pp, ip = _prospect(ctx, rng)
                ua, path = pp.user_agent, rng.choice(["/blog/rgpd-pme", "/fr/contact", "/"])
            else:
                v = _visitor(ctx, rng)
                ip, ua = v.ip, v.user_agent
                s = rng.random()
                if s < 0.25:
                    path = rng.choice(["/static/app.3f9c2a1b.js", "/static/main.77e0d1c4.css",
                                       f"/img/rooms/{rng.randint(1, 15)}.jpg", "/favicon.ico"])
                elif s < 0.28:
                    token = f"{rng.getrandbits(32):08x}"
                    path = f"/newsletter/confirm?email={quote(v.email, safe='')}&token={token}"
                elif s < 0.31 and people.is_customer(v.pid):
                    path = f"/fr/compte?uid={v.pid}"
                else:
                    path = _page(rng)
            status = rng.choices([200, 304, 302, 404, 500], [80, 8, 6, 5, 1])[0]
        method = "POST" if path.startswith("/fr/paiement") else "GET"
        size = 0 if status == 304 else rng.randint(180, 48_000)
        stamp = f"{when:%d}/{MONTHS[when.month - 1]}/{when:%Y:%H:%M:%S} +0200"
        request = f"{method} {path} HTTP/1.1"
        n = out.write_line(f'{ip} - {user} [{stamp}] "{request}" {status} {size} '
                           f'"{ref or "-"}" "{ua}"')
        if key == "julien-lambert":
            truth.row(key, FILES, ACCESS, line(ACCESS, n), "direct",
                      {"remote_user": user, "remote_addr": ip}, ident=("remote_user",))
        elif key and p:
            values = {"remote_addr": ip}
            if "email=" in path:
                truth.row(key, FILES, ACCESS, line(ACCESS, n), "direct", values,
                          contains={"request": path.split("?")[1].split("&")[0]},
                          ident=("remote_addr",))
            else:
                truth.row(key, FILES, ACCESS, line(ACCESS, n), "identifier", values,
                          ident=("remote_addr",), via="the subject's own IP address")
    out.close()
