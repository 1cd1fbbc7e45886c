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

from pdscan.erasure.policy import ErasurePolicy, parse_erasure
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
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{p}: cannot read the policy: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: the policy must be a mapping")
    missing = [k for k in REQUIRED if not data.get(k)]
    if missing:
        raise ConfigError(f"{p}: the policy lacks {', '.join(missing)} (GDPR Art. 15)")
    for name, entry in data["categories"].items():
        if not isinstance(entry, dict):
            raise ConfigError(f"{p}: category {name}: expected a mapping")
        for key in ("purposes", "legal_basis", "retention"):
            if key not in entry:
                raise ConfigError(f"{p}: category {name} lacks {key!r} (GDPR Art. 15(1))")
    erasure_node = next((v for k, v in root.value if k.value == "erasure"), None) \
        if isinstance(root, yaml.MappingNode) else None
    erasure, problems = parse_erasure(erasure_node, str(p))
    if problems:
        raise ConfigError(problems[0] + (f" (and {len(problems) - 1} more: `pdscan policy "
                                         f"check {p}`)" if len(problems) > 1 else ""))
    return Policy(data["controller"], data["rights"], data["complaint"], data["categories"],
                  data.get("collections") or {}, erasure, str(p))
