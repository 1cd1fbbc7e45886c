"""Network guard for the peer wrappers: only loopback and Unix sockets may be opened.

Imported first by every ``peer_*.py`` (each runs inside its tool's virtualenv). Any
attempt to resolve or reach another host raises ``OSError`` and is recorded in
``ATTEMPTS``, which the wrapper writes into its output, so a run proves the tool
worked offline (telemetry, suffix-list or model downloads would show up there).
C libraries that open sockets themselves (libpq) are not seen, but they only reach
the PostgreSQL server on 127.0.0.1 that the harness names.
"""

from __future__ import annotations

import ipaddress
import socket
import sys

ATTEMPTS: list[str] = []
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host)
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> None:
    ATTEMPTS.append(what)
    print(f"[offline guard] refused {what}", file=sys.stderr)
    raise OSError(f"network disabled by benchmarks/peers/_offline.py: {what}")


_getaddrinfo = socket.getaddrinfo
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _guarded_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    if not _is_local(host):
        _refuse(f"getaddrinfo({host!r})")
    return _getaddrinfo(host, *args, **kwargs)


def _check_address(sock: socket.socket, address: object) -> None:
    if (sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple)
            and not _is_local(address[0])):
        _refuse(f"connect({address[0]!r}, {address[1]!r})")


def _guarded_connect(self, address):  # type: ignore[no-untyped-def]
    _check_address(self, address)
    return _connect(self, address)


def _guarded_connect_ex(self, address):  # type: ignore[no-untyped-def]
    _check_address(self, address)
    return _connect_ex(self, address)


socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]
socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
