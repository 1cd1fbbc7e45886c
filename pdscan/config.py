"""Sources from the command line and from a config file (``pdscan.toml`` or YAML).

A config file names sources with labels so credentials need not sit on the
command line::

    # pdscan.toml
    [sources.shop]
    url = "sqlite:///shop.db"          # relative to this file

    [sources.crm]
    url = "postgresql://app@db.internal:5432/crm"
    password = "${CRM_PASSWORD}"       # ${VAR} and ${VAR:-default} are interpolated

    [sources.exports]
    url = "files/"
    include = ["**/*.csv", "**/*.ndjson"]
    exclude = ["tmp/**"]

Every key other than ``url`` is an option handed to the connector.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pdscan.errors import ConfigError
from pdscan.redact import mask_url
from pdscan.registry import url_scheme

CONFIG_SUFFIXES = (".toml", ".yaml", ".yml")
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


@dataclass(frozen=True)
class SourceSpec:
    label: str
    url: str
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    path: Path | None
    sources: tuple[SourceSpec, ...]
    #: Sections other than ``sources`` (see :data:`SECTIONS`): ``[scan] nlp = false``.
    settings: Mapping[str, Any] = field(default_factory=dict)


def interpolate(value: Any, where: str) -> Any:
    """Replace ``${VAR}`` / ``${VAR:-default}`` in strings, recursively."""
    if isinstance(value, str):
        def sub(m: re.Match[str]) -> str:
            name, default = m.group(1), m.group(2)
            if name in os.environ:
                return os.environ[name]
            if default is not None:
                return default
            raise ConfigError(f"{where}: environment variable {name} is not set")
        return _ENV.sub(sub, value)
    if isinstance(value, list):
        return [interpolate(v, where) for v in value]
    if isinstance(value, dict):
        return {k: interpolate(v, where) for k, v in value.items()}
    return value


def _absolutise(url: str, base: Path) -> str:
    """Make a relative local path in a config file relative to that file."""
    scheme = url_scheme(url)
    if scheme == "file" and "://" not in url:
        p = Path(url).expanduser()
        return str(p if p.is_absolute() else (base / p))
    if scheme == "sqlite" and url.count("/") >= 3:
        prefix, _, path = url.partition(":///")
        if path and not path.startswith("/") and path != ":memory:":
            return f"{prefix}:///{base / path}"
    return url


def _with_password(url: str, password: str, where: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:  # IPv6 hosts and passwords holding '@' or ':' included
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(f"{where}: 'password' is given but {mask_url(url)!r} is not a "
                          "database URL") from exc
    return parsed.set(password=password).render_as_string(hide_password=False)


#: the first bytes of every SQLite database file
_SQLITE_MAGIC = b"SQLite format 3\x00"


def sqlite_file_url(url: str) -> str:
    """A bare path to an SQLite database file (``shop.db``) as its ``sqlite:///`` URL;
    anything else unchanged. Told by the file's header, not its name."""
    if "://" in url:
        return url
    p = Path(url).expanduser()
    try:
        with p.open("rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError:
        return url
    return f"sqlite:///{p.resolve()}" if head == _SQLITE_MAGIC else url


def _source(label: str, raw: Any, base: Path, where: str) -> SourceSpec:
    if isinstance(raw, str):
        raw = {"url": raw}
    if not isinstance(raw, dict) or "url" not in raw:
        raise ConfigError(f"{where}: source {label!r} needs a 'url'")
    raw = interpolate(dict(raw), f"{where}: source {label!r}")
    url = sqlite_file_url(_absolutise(str(raw.pop("url")), base))
    password = raw.pop("password", None)
    if password is not None:
        url = _with_password(url, str(password), f"{where}: source {label!r}")
    return SourceSpec(label=str(raw.pop("label", label)), url=url, options=raw)


def load_config(path: str | Path) -> Config:
    """Read a ``pdscan.toml`` / ``.yaml`` file; raise :class:`ConfigError` if unusable."""
    p = Path(path)
    where = str(p)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read config file ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(text) if p.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{where}: not valid {p.suffix[1:].upper()}: {first}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping at the top level")
    base = p.resolve().parent
    raw_sources = data.get("sources", {})
    specs: list[SourceSpec] = []
    if isinstance(raw_sources, dict):
        specs = [_source(k, v, base, where) for k, v in raw_sources.items()]
    elif isinstance(raw_sources, list):
        for i, v in enumerate(raw_sources):
            label = v.get("label", f"source{i + 1}") if isinstance(v, dict) else f"source{i + 1}"
            specs.append(_source(label, v, base, where))
    else:
        raise ConfigError(f"{where}: 'sources' must be a table or a list")
    settings = {k: v for k, v in data.items() if k != "sources"}
    _check_settings(settings, where)
    return Config(path=p, sources=tuple(specs), settings=settings)


#: sections a config file may have besides ``sources``, and their keys with their types
SECTIONS: dict[str, dict[str, type]] = {"scan": {"nlp": bool}}


def _check_settings(settings: Mapping[str, Any], where: str) -> None:
    """An unknown section or key is an error naming it: a misspelt setting silently
    ignored is a setting the user believes in and does not have."""
    for section, values in settings.items():
        known = SECTIONS.get(section)
        if known is None:
            raise ConfigError(f"{where}: unknown section [{section}] (known: sources, "
                              f"{', '.join(SECTIONS)})")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: [{section}] must be a table of settings")
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"{where}: unknown key {key!r} in [{section}] (known: "
                                  f"{', '.join(known)})")
            if not isinstance(value, known[key]):
                raise ConfigError(f"{where}: [{section}] {key} must be a "
                                  f"{known[key].__name__}, not {value!r}")


def is_config_path(arg: str) -> bool:
    return "://" not in arg and arg.lower().endswith(CONFIG_SUFFIXES)


def resolve_sources(args: Sequence[str], config: str | Path | None = None) -> list[SourceSpec]:
    """Turn command-line SOURCE arguments into source specs.

    An argument is a URL or path, a config file (all its sources), or the label
    of a source in ``config``. With no argument, all of ``config``'s sources.
    """
    cfg = load_config(config) if config else None
    by_label = {s.label: s for s in cfg.sources} if cfg else {}
    if not args:
        if cfg is None:
            raise ConfigError("no source given: name a URL, a path or a config file")
        return list(cfg.sources)
    specs: list[SourceSpec] = []
    for arg in args:
        if arg in by_label:
            specs.append(by_label[arg])
        elif is_config_path(arg):
            specs.extend(load_config(arg).sources)
        else:
            specs.append(SourceSpec(label=mask_url(arg), url=sqlite_file_url(arg)))
    return specs
