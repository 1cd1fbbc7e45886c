"""The ``erasure`` section of the controller's policy: what happens to a person's rows.

A contract other tools write policies in::

    erasure:
      default: delete                     # delete | mask
      rules:
        - collection: "*:*factures"       # invoices: kept 10 years from their date
          hold: {basis: "Art. 17(3)(b): accounting law", years: 10, from: emise_le,
                 then: delete}
        - collection: "files:access.log"  # security logs: kept, the person's columns masked
          mask: true                      # true = every personal column
        - category: user.device.ip_address
          strategy: truncate_ip

**Row rules** (``collection:``, a glob on ``label:collection``) say what is done to a
row: the first that matches decides, else ``default``. One of ``hold: {...}``,
``mask: true`` (or a list of category prefixes to mask), ``delete: true`` or
``review: true`` (a person decides). A hold keeps the row for ``years`` /
``months`` / ``days`` from the date in column ``from`` (or indefinitely, as during
litigation, when no period is given), then does ``then`` (``delete`` or ``mask``);
``keep:`` lists category prefixes never masked while held.

**Strategy rules** (``category:``, a fideslang prefix, the longest wins) say how a
column of that category is masked whenever a row is masked: by a ``mask`` rule,
while it is held, or because a held row needs it kept. Strategies: ``null``,
``redact``, ``pseudonym``, ``truncate_ip``, ``year``, ``fixed:<value>``. Periods are
configuration, never code.

``check_policy`` validates a policy file with line-numbered errors
(``pdscan policy check``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

#: libyaml's loader where PyYAML was built with it (8x faster), with the same line marks
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ROW_ACTIONS = ("delete", "mask", "hold", "review")
STRATEGIES = ("null", "redact", "pseudonym", "truncate_ip", "year")
FIXED = "fixed:"
_HOLD_KEYS = ("basis", "years", "months", "days", "from", "then", "keep")
_RULE_KEYS = ("collection", "hold", "mask", "delete", "review", "category", "strategy",
              "note")


@dataclass(frozen=True)
class Hold:
    basis: str
    years: int = 0
    months: int = 0
    days: int = 0
    start: str | None = None  # the row's column holding the date the period runs from
    then: str = "delete"
    keep: tuple[str, ...] = ()

    @property
    def indefinite(self) -> bool:
        return not (self.years or self.months or self.days)

    def until(self, start: dt.date) -> dt.date:
        """The end of the hold for a row dated ``start``."""
        month = start.month - 1 + self.months + 12 * self.years
        year, month = start.year + month // 12, month % 12 + 1
        day = min(start.day, _days_in(year, month))
        return dt.date(year, month, day) + dt.timedelta(days=self.days)


def _days_in(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


@dataclass(frozen=True)
class RowRule:
    collection: str  # glob on "label:collection"
    action: str  # ROW_ACTIONS
    hold: Hold | None = None
    #: With ``mask``: the category prefixes to mask; empty: every personal column.
    categories: tuple[str, ...] = ()
    line: int = 0

    def describe(self) -> str:
        return f"rule at line {self.line} ({self.collection})"


@dataclass(frozen=True)
class StrategyRule:
    category: str
    strategy: str
    line: int = 0


@dataclass(frozen=True)
class ErasurePolicy:
    default: str = "delete"
    rows: tuple[RowRule, ...] = ()
    strategies: tuple[StrategyRule, ...] = ()

    def row_rule(self, label: str, collection: str) -> RowRule | None:
        name = f"{label}:{collection}"
        return next((r for r in self.rows if fnmatchcase(name, r.collection)), None)

    def strategy_for(self, category: str | None) -> StrategyRule | None:
        """The rule of the nearest described ancestor of ``category``."""
        if not category:
            return None
        found = [r for r in self.strategies
                 if category == r.category or category.startswith(r.category + ".")]
        return max(found, key=lambda r: len(r.category), default=None)


class PolicyProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "invalid policy")
        self.problems = problems


def parse_erasure(node: yaml.Node | None, where: str) -> tuple[ErasurePolicy, list[str]]:
    """The erasure section of a composed YAML document, and its problems (with lines)."""
    problems: list[str] = []
    if node is None:
        return ErasurePolicy(), problems

    def bad(n: yaml.Node, message: str) -> None:
        problems.append(f"{where}:{n.start_mark.line + 1}: {message}")

    if not isinstance(node, yaml.MappingNode):
        bad(node, "erasure: expected a mapping (default, rules)")
        return ErasurePolicy(), problems
    default, rows, strategies = "delete", [], []
    for key, value in node.value:
        if key.value == "default":
            default = _scalar(value)
            if default not in ("delete", "mask"):
                bad(value, f"erasure.default: {default!r} (expected delete or mask)")
        elif key.value == "rules":
            if not isinstance(value, yaml.SequenceNode):
                bad(value, "erasure.rules: expected a list of rules")
                continue
            for i, rule in enumerate(value.value, 1):
                parsed = _rule(rule, i, bad)
                if isinstance(parsed, RowRule):
                    rows.append(parsed)
                elif isinstance(parsed, StrategyRule):
                    strategies.append(parsed)
        else:
            bad(key, f"erasure: unknown key {key.value!r} (expected default, rules)")
    return ErasurePolicy(default, tuple(rows), tuple(strategies)), problems


def _scalar(node: yaml.Node) -> Any:
    """The Python value of a scalar node (None for a mapping or a list)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _rule(node: yaml.Node, i: int, bad: Any) -> RowRule | StrategyRule | None:
    if not isinstance(node, yaml.MappingNode):
        bad(node, f"rule {i}: expected a mapping (collection: ... or category: ...)")
        return None
    fields = {k.value: v for k, v in node.value}
    for k, _v in node.value:
        if k.value not in _RULE_KEYS:
            bad(k, f"rule {i}: unknown key {k.value!r} (expected one of "
                   f"{', '.join(_RULE_KEYS)})")
    line = node.start_mark.line + 1
    if "category" in fields:
        category, strategy = _scalar(fields["category"]), _scalar(fields.get("strategy")) \
            if "strategy" in fields else None
        if not isinstance(category, str) or not category.startswith(("user", "system")):
            bad(fields["category"], f"rule {i}: category must be a fideslang key "
                                    "(user.contact.email)")
        if "collection" in fields:
            bad(node, f"rule {i}: give collection or category, not both")
        if strategy is None:
            bad(node, f"rule {i}: a category rule needs a strategy")
        elif not valid_strategy(str(strategy)):
            bad(fields["strategy"], f"rule {i}: unknown strategy {strategy!r} (expected "
                                    f"{', '.join(STRATEGIES)} or fixed:<value>)")
        return StrategyRule(str(category), str(strategy), line)
    if "collection" not in fields:
        bad(node, f"rule {i}: needs collection: (a glob on label:collection) or category:")
        return None
    collection = _scalar(fields["collection"])
    if not isinstance(collection, str) or ":" not in collection:
        bad(fields["collection"], f"rule {i}: collection must be a glob on "
                                  "label:collection (shop:main.factures, files:*.log)")
        collection = str(collection)
    actions = [a for a in ("hold", "mask", "delete", "review") if a in fields]
    if len(actions) != 1:
        bad(node, f"rule {i}: give exactly one of hold, mask, delete, review")
        return None
    action = actions[0]
    if action == "hold":
        hold = _hold(fields["hold"], i, bad)
        return RowRule(collection, "hold", hold, (), line) if hold else None
    value = fields[action]
    categories: tuple[str, ...] = ()
    if action == "mask" and isinstance(value, yaml.SequenceNode):
        categories = tuple(str(_scalar(v)) for v in value.value)
    elif _scalar(value) is not True:
        bad(value, f"rule {i}: {action}: expected true" + (
            " or a list of categories" if action == "mask" else ""))
    return RowRule(collection, action, None, categories, line)


def _hold(node: yaml.Node, i: int, bad: Any) -> Hold | None:
    if not isinstance(node, yaml.MappingNode):
        bad(node, f"rule {i}: hold: expected a mapping (basis, years, from, then)")
        return None
    fields = {k.value: v for k, v in node.value}
    for k, _v in node.value:
        if k.value not in _HOLD_KEYS:
            bad(k, f"rule {i}: hold: unknown key {k.value!r} (expected one of "
                   f"{', '.join(_HOLD_KEYS)})")
    basis = _scalar(fields["basis"]) if "basis" in fields else None
    if not isinstance(basis, str) or not basis.strip():
        bad(node, f"rule {i}: hold: needs a basis (the law or reason it is kept)")
        basis = ""
    period = {}
    for unit in ("years", "months", "days"):
        if unit in fields:
            n = _scalar(fields[unit])
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                bad(fields[unit], f"rule {i}: hold: {unit} must be a whole number")
                n = 0
            period[unit] = n
    start = _scalar(fields["from"]) if "from" in fields else None
    if any(period.values()) and not start:
        bad(node, f"rule {i}: hold: a period needs from: (the column with the row's date)")
    then = _scalar(fields["then"]) if "then" in fields else "delete"
    if then not in ("delete", "mask"):
        bad(fields.get("then", node), f"rule {i}: hold: then must be delete or mask")
        then = "delete"
    keep: tuple[str, ...] = ()
    if isinstance(fields.get("keep"), yaml.SequenceNode):
        keep = tuple(str(_scalar(v)) for v in fields["keep"].value)
    elif "keep" in fields:  # a text would silently keep nothing
        bad(fields["keep"], f"rule {i}: hold: keep: expected a list of category prefixes")
    return Hold(str(basis), period.get("years", 0), period.get("months", 0),
                period.get("days", 0), str(start) if start else None, str(then), keep)


def valid_strategy(name: str) -> bool:
    return name in STRATEGIES or (name.startswith(FIXED) and len(name) > len(FIXED))


def check_policy(path: str | Path) -> list[str]:
    """Every problem of a policy file, each with its line (empty: it is valid)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=YAML_LOADER)
    except OSError as exc:
        return [f"{p}: cannot read the policy: {exc.strerror or exc}"]
    except ValueError as exc:  # not UTF-8
        return [f"{p}: cannot read the policy: not UTF-8 text ({exc.__class__.__name__})"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        return [f"{p}{line}: not valid YAML: {getattr(exc, 'problem', exc)}"]
    return policy_problems(root, str(p))


#: Sections that are a mapping of name -> mapping of the Art. 15 keys.
_ENTRY_SECTIONS = {"categories": "category -> purposes, legal_basis, retention ...",
                   "collections": "label:collection -> overrides of a category's keys"}


def policy_problems(root: yaml.Node | None, where: str) -> list[str]:
    """Every problem of a composed policy document, each with its line: what
    ``pdscan policy check`` lists and what stops a command given ``--policy``."""
    from pdscan.policy import REQUIRED

    if not isinstance(root, yaml.MappingNode):
        return [f"{where}:1: the policy must be a mapping"]
    sections = {k.value: v for k, v in root.value}

    def at(node: yaml.Node) -> str:
        return f"{where}:{node.start_mark.line + 1}"

    problems = [f"{where}:1: the policy lacks {name} (GDPR Art. 15)"
                for name in REQUIRED if name not in sections]
    for name in ("controller", "rights", "complaint"):
        node = sections.get(name)
        if node is not None and not isinstance(node, yaml.MappingNode):
            problems.append(f"{at(node)}: {name}: expected a mapping (name: ..., contact: ...)")
    for name, shape in _ENTRY_SECTIONS.items():
        section = sections.get(name)
        if section is None or (name == "collections" and _scalar(section) is None
                                and isinstance(section, yaml.ScalarNode)):
            continue
        if not isinstance(section, yaml.MappingNode):
            problems.append(f"{at(section)}: {name}: expected a mapping of {shape}")
            continue
        for key, entry in section.value:
            what = f"category {key.value}" if name == "categories" else f"collection {key.value}"
            if not isinstance(entry, yaml.MappingNode):
                problems.append(f"{at(entry)}: {what}: expected a mapping")
                continue
            fields = {k.value: v for k, v in entry.value}
            if name == "categories":
                problems += [f"{at(key)}: {what} lacks {need!r} (GDPR Art. 15(1))"
                             for need in ("purposes", "legal_basis", "retention")
                             if need not in fields]
            recipients = fields.get("recipients")
            if recipients is not None and not isinstance(recipients, yaml.SequenceNode) \
                    and _scalar(recipients) is not None:
                problems.append(f"{at(recipients)}: {what}: recipients: expected a list "
                                "(- {name: ..., country: ...})")
            purposes = fields.get("purposes")
            if isinstance(purposes, yaml.MappingNode):
                problems.append(f"{at(purposes)}: {what}: purposes: expected a list or a text")
    problems += parse_erasure(sections.get("erasure"), where)[1]
    return problems
