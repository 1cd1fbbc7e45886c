"""What a person reads in an export package: ``README.txt`` and ``index.html``, in
English or French.

Both are renderings of the same facts: the package's manifest (the controller's
policy per category, rights, the supervisory authority) and the files written beside
them. Category names and descriptions come from fideslang's taxonomy, never written
here; fideslang has them in English only, so a French package quotes them in English
and says so. The HTML is self-contained: inline CSS, no script, no external resource,
links only to the package's own files, so it opens from the unzipped folder (or a zip
viewer) with no network.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pdscan.package.strings import LANGS, STRINGS


@dataclass(frozen=True)
class PackageFile:
    """One data file of the package: a collection where the person's rows were found."""

    name: str  # file name inside the package: ``customers.csv``
    source: str
    collection: str
    records: int
    #: column -> category (None: a column of the person's rows with no category)
    columns: Mapping[str, str | None] = field(default_factory=dict)


@cache
def _taxonomy() -> dict[str, tuple[str, str]]:
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    return {c.fides_key: (c.name or c.fides_key, c.description or "")
            for c in DEFAULT_TAXONOMY.data_category}


def category_text(key: str) -> tuple[str, str]:
    """(name, description) of a data category from fideslang's taxonomy; a key the
    taxonomy lacks gets its nearest ancestor's, with the key itself in the name.

    >>> category_text("user.contact.email")
    ('User Contact Email', "User's contact email address.")
    """
    tax = _taxonomy()
    parts = key.split(".")
    for i in range(len(parts), 0, -1):
        found = tax.get(".".join(parts[:i]))
        if found:
            return found if i == len(parts) else (f"{found[0]} ({key})", found[1])
    return key, ""


#: Keys of the policy's controller, rights and complaint sections said in words.
LABELLED = frozenset({"name", "address", "contact", "dpo", "how", "erasure_limits",
                      "authority", "url", "note"})
DETAILS = ("purposes", "legal_basis", "recipients", "retention", "source",
           "automated_decision_making")


@dataclass(frozen=True)
class _Group:
    """Categories the policy describes with the same words (one entry of the policy)."""

    key: str | None  # the policy's category key; None: not described
    details: Mapping[str, Any]
    categories: tuple[str, ...]


class _Text:
    """The facts of one package in one language, shared by the README and the HTML."""

    def __init__(self, manifest: Mapping[str, Any], files: Sequence[PackageFile],
                 lang: str, version: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"lang {lang!r}: choose one of {', '.join(LANGS)}")
        self.s = STRINGS[lang]
        self.lang, self.m, self.files, self.version = lang, manifest, files, version
        controller = manifest.get("controller") or {}
        self.controller = str(controller.get("name") or "")
        self.contact = str(controller.get("contact") or "")
        cats: Mapping[str, Mapping[str, Any]] = manifest.get("categories") or {}
        groups: dict[tuple[str | None, str], list[str]] = {}
        for cat, entry in sorted(cats.items()):
            key = None if entry.get("described") is False else entry.get("described_as", cat)
            details = {k: entry[k] for k in (*DETAILS, "portable") if k in entry}
            groups.setdefault((key, json.dumps(details, sort_keys=True, default=str)),
                              []).append(cat)
        self.groups = [_Group(k, json.loads(d), tuple(c))
                       for (k, d), c in sorted(groups.items(),
                                               key=lambda g: (g[0][0] is None, g[0]))]

    def t(self, key: str, **kw: Any) -> str:
        return self.s[key].format(**kw)

    def title(self) -> str:
        return self.t("title", controller=self.controller or "?")

    def intro(self) -> list[str]:
        ids = f" {self.s['and']} ".join(
            f"{self.s[k] if k in ('email', 'phone', 'id') else k} {v}" for k, v in
                                         (self.m.get("subject_identifiers") or {}).items())
        out = [self.t("intro", date=when(self.m.get("generated_at", "")), ids=ids or "?")]
        if self.m.get("portable_only"):
            out.append(self.s["portable"])
        if not self.files:
            out.append(self.s["empty"])
        if self.s["taxonomy_note"]:
            out.append(self.s["taxonomy_note"])
        return out

    def pairs(self, section: str) -> list[tuple[str, str]]:
        """A free mapping of the policy (controller, rights, complaint) as labelled lines."""
        data = self.m.get(section) or {}
        return [(self.s[k] if k in LABELLED else k.replace("_", " "), words(v))
                for k, v in data.items()
                if v not in (None, "", [], {})]

    def details(self, group: _Group) -> list[tuple[str, str]]:
        if group.key is None:
            return [("", self.t("undescribed_text", contact=self.contact or "?"))]
        out = []
        for k in DETAILS:
            if k == "recipients":
                out.append((self.s[k], self.recipients(group.details.get(k) or [])))
            elif group.details.get(k) not in (None, "", []):
                out.append((self.s[k], words(group.details[k])))
        if "portable" in group.details:
            out.append((self.s["portable_label"],
                        self.s["yes" if group.details["portable"] else "no"]))
        return out

    def recipients(self, recipients: Any) -> str:
        if not recipients:
            return self.t("no_recipient", controller=self.controller or "?")
        if not isinstance(recipients, list):
            return words(recipients)
        out = []
        for r in recipients:
            if not isinstance(r, Mapping):
                out.append(words(r))
                continue
            text = str(r.get("name", ""))
            extra = [str(r["country"])] if r.get("country") else []
            if r.get("third_country"):
                extra.append(self.s["third_country"])
            if r.get("safeguards"):
                extra.append(f"{self.s['safeguards']}{self.s['colon']}{r['safeguards']}")
            out.append(f"{text} ({', '.join(extra)})" if extra else text)
        return "; ".join(out)

    def holding(self, category: str) -> list[tuple[PackageFile, list[str]]]:
        """The files holding ``category``, with its columns in each."""
        return [(f, cols) for f in self.files
                if (cols := [c for c, cat in f.columns.items() if cat == category])]

    def records(self, n: int) -> str:
        return self.s["records_1"] if n == 1 else self.t("records_n", n=n)

    def withheld(self) -> list[tuple[str, str]]:
        by_place = {(f.source, f.collection): f.name for f in self.files}
        out = []
        for w in self.m.get("withheld_for_security") or []:
            place = by_place.get((w["source"], w["collection"]), w["collection"])
            out.append((category_text(w["category"])[0],
                        self.t("field_of", field=w["field"], file=place)))
        return out

    def searched(self) -> list[str]:
        out = [self.t("searched", sources=", ".join(self.m.get("sources_searched") or [])
                      or "-")]
        failed = sorted({e.get("source", "?") for e in self.m.get("sources_failed") or []})
        if failed:
            out.append(self.t("failed", sources=", ".join(failed)))
        return out


def when(stamp: str) -> str:
    """``2026-11-25T10:00:00Z`` as ``2026-11-25 10:00 UTC``."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def words(value: Any) -> str:
    """A policy value (text, list, mapping) as one line of text."""
    if isinstance(value, list | tuple):
        return "; ".join(words(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {words(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())


def _anchor(key: str) -> str:
    return "cat-" + "".join(ch if ch.isalnum() else "-" for ch in key)


# -- README.txt -----------------------------------------------------------------------

def _para(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(text, 78, initial_indent=indent if first is None else first,
                         subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def _bullet(text: str, indent: str = "  ") -> str:
    return _para(text, indent + "  ", indent + "* ")


def _heading(text: str, under: str = "-") -> list[str]:
    return ["", text, under * len(text), ""]


def render_readme(manifest: Mapping[str, Any], files: Sequence[PackageFile],
                  fmt: str, lang: str = "en", version: str = "") -> str:
    """The package's ``README.txt``: plain text, 78 columns, in ``lang``."""
    x = _Text(manifest, files, lang, version)
    s = x.s
    title = x.title()
    out = [title, "=" * len(title), ""]
    out += [p for para in x.intro() for p in (_para(para), "")]
    out += _heading(s["who"])
    c = s["colon"]
    out += [_para(f"{k}{c}{v}") for k, v in x.pairs("controller")]
    if x.groups:
        out += _heading(s["data"])
        out.append(_para(s["data_intro"]))
    for group in x.groups:
        name = (category_text(group.key)[0] + f" ({group.key})" if group.key
                else s["undescribed"])
        out += ["", name, "~" * len(name)]
        out += [_para(f"{k}{c}{v}" if k else v, "    ", "  ") for k, v in x.details(group)]
        for cat in group.categories:
            cname, desc = category_text(cat)
            out += ["", _bullet(f"{cname} ({cat}){c}{desc}")]
            held = x.holding(cat)
            if held:
                out.append(_para(f"{s['files_of']}{c}" + "; ".join(
                    f"{f.name} ({', '.join(cols)})" for f, cols in held), "      ", "    "))
    withheld = x.withheld()
    if withheld:
        out += _heading(s["withheld"])
        out += [_para(s["withheld_text"]), ""]
        out += [_bullet(f"{name}{c}{where}") for name, where in withheld]
    out += _heading(s["files"])
    for f in files:
        out.append(_bullet(f"{f.name}{c}{x.records(f.records)}, "
                           + x.t("from", collection=f.collection, source=f.source)))
    out += [_bullet(f"fields.csv{c}{s['fields_csv']}"),
            _bullet(f"manifest.json{c}{s['manifest_json']}"),
            _bullet(f"README.txt, index.html{c}{s['readme']}"), "", _para(s["columns"])]
    if fmt == "csv":
        out += ["", _para(s["csv_note"])]
    out += [""] + [_para(p) for p in x.searched()]
    out += _heading(s["rights"])
    out.append(_para(s["rights_text"]))
    out += ["", *(_para(f"{k}{c}{v}") for k, v in x.pairs("rights"))]
    out += _heading(s["complaint"])
    out.append(_para(s["complaint_text"]))
    out += [_para(f"{k}{c}{v}", "    ", "  ") for k, v in x.pairs("complaint")]
    out += ["", _para(x.t("footer", version=version)), ""]
    return "\n".join(out)


# -- index.html -----------------------------------------------------------------------

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1b1b1b;background:#fff;max-width:56rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2.2rem}
h3{font-size:1.1rem;margin:0 0 .5rem}
nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0}
.group{border:1px solid #d0d7de;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.group.undescribed{border-color:#c9a227;background:#fffbea}
dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.25rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0}
ul.cats{padding-left:1.1rem}ul.cats li{margin:.5rem 0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
code{font:.9em ui-monospace,Menlo,Consolas,monospace;background:#f6f8fa;padding:0 .2rem}
.muted{color:#57606a;font-size:.95rem}
a{color:#0b57d0}
@media print{nav{display:none}.group{break-inside:avoid}}
"""


def render_html(manifest: Mapping[str, Any], files: Sequence[PackageFile],
                fmt: str, lang: str = "en", version: str = "") -> str:
    """The package's ``index.html``: one self-contained page, in ``lang``."""
    x = _Text(manifest, files, lang, version)
    s = x.s
    e = html.escape
    body: list[str] = [f"<h1>{e(x.title())}</h1>"]
    body += [f"<p>{e(p)}</p>" for p in x.intro()]
    nav = [("who", s["who"]), *([("data", s["data"])] if x.groups else []),
           *([("withheld", s["withheld"])] if x.withheld() else []),
           ("files", s["files"]), ("rights", s["rights"]), ("complaint", s["complaint"])]
    body.append(f'<nav aria-label="{e(s["contents"])}"><ul>'
                + "".join(f'<li><a href="#{a}">{e(t)}</a></li>' for a, t in nav)
                + "</ul></nav>")
    body.append(f'<h2 id="who">{e(s["who"])}</h2>' + _dl(x.pairs("controller")))
    if x.groups:
        body.append(f'<h2 id="data">{e(s["data"])}</h2><p>{e(s["data_intro"])}</p>')
    for group in x.groups:
        name = (f"{e(category_text(group.key)[0])} <code>{e(group.key)}</code>"
                if group.key else e(s["undescribed"]))
        klass = "group" if group.key else "group undescribed"
        items = []
        for cat in group.categories:
            cname, desc = category_text(cat)
            held = x.holding(cat)
            where = "; ".join(f'<a href="{e(f.name)}">{e(f.name)}</a> ({e(", ".join(cols))})'
                              for f, cols in held)
            items.append(f'<li id="{_anchor(cat)}"><strong>{e(cname)}</strong> '
                         f"<code>{e(cat)}</code>{e(s['colon'])}{e(desc)}"
                         + (f'<br><span class="muted">{e(s["files_of"])}</span>{e(s["colon"])}'
                            f"{where}" if held else "") + "</li>")
        details = x.details(group)
        block = (_dl(details) if group.key else f"<p>{e(details[0][1])}</p>")
        body.append(f'<section class="{klass}"><h3>{name}</h3>{block}'
                    f'<ul class="cats">{"".join(items)}</ul></section>')
    withheld = x.withheld()
    if withheld:
        body.append(f'<h2 id="withheld">{e(s["withheld"])}</h2><p>{e(s["withheld_text"])}</p>'
                    "<ul>" + "".join(f"<li><strong>{e(n)}</strong>{e(s['colon'])}{e(w)}</li>"
                                     for n, w in withheld) + "</ul>")
    rows = [f'<tr><td><a href="{e(f.name)}">{e(f.name)}</a></td><td>'
            f'{e(x.records(f.records))}, {e(x.t("from", collection=f.collection, source=f.source))}'
            "</td></tr>" for f in files]
    rows += [f'<tr><td><a href="{n}">{n}</a></td><td>{e(s[k])}</td></tr>'
             for n, k in (("fields.csv", "fields_csv"), ("manifest.json", "manifest_json"),
                          ("README.txt", "readme"))]
    body.append(f'<h2 id="files">{e(s["files"])}</h2><table><thead><tr>'
                f'<th>{e(s["file"])}</th><th>{e(s["what"])}</th></tr></thead><tbody>'
                + "".join(rows) + f'</tbody></table><p>{e(s["columns"])}</p>'
                + (f'<p class="muted">{e(s["csv_note"])}</p>' if fmt == "csv" else "")
                + "".join(f'<p class="muted">{e(p)}</p>' for p in x.searched()))
    body.append(f'<h2 id="rights">{e(s["rights"])}</h2><p>{e(s["rights_text"])}</p>'
                + _dl(x.pairs("rights")))
    body.append(f'<h2 id="complaint">{e(s["complaint"])}</h2><p>{e(s["complaint_text"])}</p>'
                + _dl(x.pairs("complaint")))
    body.append(f'<footer><p class="muted">{e(x.t("footer", version=version))}</p></footer>')
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(x.title())}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _dl(pairs: Sequence[tuple[str, str]]) -> str:
    """Labelled lines as a definition list; every value is text (a URL is not a link:
    the page must never fetch or point outside the package)."""
    return "<dl>" + "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>"
                            for k, v in pairs) + "</dl>"
