"""The index key: keyed hashes (HMAC-SHA256) of identifiers, and sealed locators.

The key never sits in the index. It comes from ``PDSCAN_INDEX_KEY`` (64 hex
characters) or from a key file created on first use with mode 0600 beside the
index (``.pdscan/index.key``). Whoever holds the index file alone sees only
16-byte tokens, collection names and row locators; locators that are
themselves personal (a primary key that *is* an e-mail) are sealed with
AES-GCM under a key derived from the same secret.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pdscan.atomic import write_private
from pdscan.errors import ConfigError
from pdscan.index.db import index_location, is_url
from pdscan.redact import mask_url

if TYPE_CHECKING:  # (a lookup hashes a few values without them)
    import numpy as np
    import pyarrow as pa

ENV_KEY = "PDSCAN_INDEX_KEY"
TOKEN_BYTES = 16  # 128-bit tokens: no collision in any realistic index, 30 % smaller

try:  # the compiled batch HMAC (optional; see _hmac.c)
    from pdscan.index import _hmac as compiled
except ImportError:  # pragma: no cover - an install without a C compiler
    compiled = None


def key_path(index: str | Path) -> Path:
    """The key file beside an index file; for a PostgreSQL index, in ``.pdscan/``."""
    index = index_location(index)
    if is_url(index):
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", mask_url(str(index)).split("://", 1)[1])
        return Path(".pdscan") / f"{safe}.key"
    path = Path(index)
    return path.with_name(path.stem + ".key")


def load_key(key_file: Path, create: bool) -> bytes:
    raw = os.environ.get(ENV_KEY)
    if raw:
        try:
            key = bytes.fromhex(raw.strip())
        except ValueError as exc:
            raise ConfigError(f"{ENV_KEY} must be 64 hex characters") from exc
        if len(key) < 32:
            raise ConfigError(f"{ENV_KEY} must be 64 hex characters (32 bytes)")
        return key
    if key_file.exists():
        try:
            key = bytes.fromhex(key_file.read_bytes().decode("ascii").strip())
        except OSError as exc:
            raise ConfigError(f"{key_file}: cannot read the index key: "
                              f"{exc.strerror or exc}") from exc
        except ValueError as exc:  # not ASCII, not hex
            key = b""
            cause: BaseException | None = exc
        else:
            cause = None
        if len(key) < 32:
            raise ConfigError(f"{key_file}: not a pdscan index key (64 hex characters): "
                              f"restore the index's key, or set {ENV_KEY}") from cause
        return key
    if not create:
        raise ConfigError(f"no index key: set {ENV_KEY} or keep {key_file} beside the index")
    key = secrets.token_bytes(32)
    write_private(key_file, key.hex().encode() + b"\n")
    return key


class Tokeniser:
    """HMAC-SHA256 of ``kind | namespace | normalised value``, truncated to 16 bytes.

    A batch of values is hashed in one call of the compiled ``_hmac`` extension
    (~9 M values/s); without it, HMAC is computed as its definition (RFC 2104) with
    the inner and outer SHA-256 states precomputed once and copied per value
    (~1.3 M values/s). Both give the bytes of ``hmac.new`` (tested).
    """

    def __init__(self, key: bytes) -> None:
        block = hashlib.sha256().block_size
        self._padded = (hashlib.sha256(key).digest() if len(key) > block else key
                        ).ljust(block, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in self._padded))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in self._padded))
        self._seal_key = hmac.new(key, b"pdscan locator sealing", hashlib.sha256).digest()
        self._sealer: Any = None
        self.check = self.token("check", "", "pdscan")

    def token(self, kind: str, namespace: str, value: str) -> bytes:
        """One value's token (what :meth:`digests` gives it)."""
        inner = self._inner.copy()
        inner.update(f"{kind}\x1f{namespace}\x1f".encode() + value.encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()[:TOKEN_BYTES]

    def digests(self, kind: str, namespace: str, values: pa.Array,
                use_compiled: bool = True) -> np.ndarray:
        """The tokens of a string or binary array as a (n, 16) uint8 array; a row of
        zeros where a value is null."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        prefix = f"{kind}\x1f{namespace}\x1f".encode()
        values = pc.cast(values, pa.binary())
        if values.null_count == len(values):  # nothing to hash (a column normalised in Python)
            return np.zeros((len(values), TOKEN_BYTES), np.uint8)
        if compiled is not None and use_compiled:
            _, offsets, data = values.buffers()
            raw = compiled.hmac_batch(self._padded, prefix, offsets,
                                      data if data is not None else b"", values.offset,
                                      len(values), TOKEN_BYTES)
            out = np.frombuffer(raw, np.uint8).reshape(len(values), TOKEN_BYTES).copy()
        else:
            out = self._digests_python(prefix, values.to_pylist())
        if values.null_count:
            out[values.is_null().to_numpy(zero_copy_only=False)] = 0
        return out

    def _digests_python(self, prefix: bytes, values: Sequence[bytes | None]) -> np.ndarray:
        import numpy as np

        inner = self._inner.copy()
        inner.update(prefix)
        inner_copy, outer_copy = inner.copy, self._outer.copy
        out: list[bytes] = []
        append = out.append
        for value in values:
            h = inner_copy()
            h.update(value or b"")
            o = outer_copy()
            o.update(h.digest())
            append(o.digest()[:TOKEN_BYTES])
        return np.frombuffer(b"".join(out), np.uint8).reshape(len(out), TOKEN_BYTES).copy()

    @property
    def _aead(self) -> Any:
        if self._sealer is None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._sealer = AESGCM(self._seal_key)
        return self._sealer

    def seal(self, text: str) -> bytes:
        return self.seal_many([text])[0]

    def seal_many(self, texts: Sequence[str]) -> list[bytes]:
        """Each text encrypted and authenticated (AES-GCM) under its own random nonce."""
        nonces = secrets.token_bytes(12 * len(texts))
        encrypt = self._aead.encrypt
        return [nonces[i * 12:i * 12 + 12] + encrypt(nonces[i * 12:i * 12 + 12], t.encode(), None)
                for i, t in enumerate(texts)]

    def unseal(self, blob: bytes) -> str:
        return self._aead.decrypt(blob[:12], blob[12:], None).decode()
