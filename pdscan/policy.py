"""The controller's policy: what an access request must tell the person (GDPR Art. 15).

A YAML file (example: ``sample_db/policy.yaml``) with:

* ``controller``: name, contact, address, dpo (Art. 15(1) and 13(1)(a)-(b));
* ``rights``: how to ask for rectification, erasure, restriction, objection (15(1)(e));
* ``complaint``: the supervisory authority (15(1)(f));
* ``categories``: per fideslang data category (a parent covers its children):
  ``purposes`` (a), ``legal_basis``, ``recipients`` (c; ``third_country`` and
  ``safeguards`` for transfers, 15(2)), ``retention`` (d), ``source`` where not
  collected from the person (g), ``automated_decision_making`` (h), and
  ``portable`` (Art. 20: provided by or observed from the person, on consent or
  contract);
* ``collections``: per ``source:collection``, overrides of the same keys;
* ``erasure``: what erasure does to a person's rows (``pdscan.erasure.policy``).

Every category found in the data is reported; one the policy does not describe
is listed as such, never left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pdscan.erasure.policy import (
    YAML_LOADER,
    ErasurePolicy,
    check_policy,
    parse_erasure,
    policy_problems,
)
from pdscan.errors import ConfigError

CATEGORY_KEYS = ("purposes", "legal_basis", "recipients", "retention", "source",
                 "automated_decision_making", "portable")
REQUIRED = ("controller", "rights", "complaint", "categories")


@dataclass(frozen=True)
class Policy:
    controller: Mapping[str, Any]
    rights: Mapping[str, Any]
    complaint: Mapping[str, Any]
    categories: Mapping[str, Mapping[str, Any]]
    collections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    erasure: ErasurePolicy = field(default_factory=ErasurePolicy)
    path: str = ""

    def describe(self, category: str, source: str = "", collection: str = ""
                 ) -> dict[str, Any] | None:
        """The policy for ``category`` (its nearest described ancestor), with the
        collection's overrides; None if the policy says nothing about it."""
        parts = category.split(".")
        entry: dict[str, Any] | None = None
        for i in range(len(parts), 0, -1):
            key = ".".join(parts[:i])
            if key in self.categories:
                entry = {"described_as": key, **self.categories[key]}
                break
        override = self.collections.get(f"{source}:{collection}", {})
        if entry is None:
            return None
        return {**entry, **{k: v for k, v in override.items() if k in CATEGORY_KEYS}}

    def portable(self, source: str, collection: str, categories: list[str]) -> bool:
        override = self.collections.get(f"{source}:{collection}", {})
        if "portable" in override:
            return bool(override["portable"])
        described = [self.describe(c) for c in categories]
        return any(d is not None and d.get("portable") for d in described)


def load_policy(path: str | Path) -> Policy:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=YAML_LOADER)
        root = yaml.compose(text, Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        # check_policy says it in one line, with the line of a YAML error
        raise ConfigError((check_policy(p) or [f"{p}: cannot read the policy"])[0]) from exc
    # One check, line-numbered, shared with `pdscan policy check`: a text where a
    # mapping or a list belongs stops here, never deep inside an export or a plan.
    problems = policy_problems(root, str(p))
    missing = [k for k in REQUIRED if isinstance(data, dict) and not data.get(k)]
    if not problems and missing:
        problems = [f"{p}:1: the policy lacks {', '.join(missing)} (GDPR Art. 15)"]
    if problems:
        raise ConfigError(problems[0] + (f" (and {len(problems) - 1} more: `pdscan policy "
                                         f"check {p}`)" if len(problems) > 1 else ""))
    erasure_node = next((v for k, v in root.value if k.value == "erasure"), None)
    erasure, _ = parse_erasure(erasure_node, str(p))
    return Policy(data["controller"], data["rights"], data["complaint"], data["categories"],
                  data.get("collections") or {}, erasure, str(p))
