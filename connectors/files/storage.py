"""Where the bytes live: an fsspec filesystem, walked and filtered, with decompression.

Nothing here knows about file formats. :class:`Storage` turns a URL or path into a
sorted list of :class:`FileEntry` (one per file, and one per member of a ``.zip``
archive) and opens any of them as a binary stream, decompressing ``.gz``/``.bz2``/
``.xz`` on the fly, so formats only ever see plain bytes.

Office lock files (``~$book.xlsx``, ``.~lock.book.xlsx#``) and macOS archive
clutter (``__MACOSX/``, ``._name.csv``) are never listed: they hold no data and
would only fail to parse.

A file is read within :class:`FileLimits`: a stream that decompresses beyond
``max_expanded_bytes``, or past 100 MB to more than ``max_expansion_ratio`` times its
stored size (a decompression bomb), stops with an error naming it, as does a file
larger than ``max_file_bytes``.
"""

from __future__ import annotations

import io
import logging
import math
import re
import stat
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

import fsspec
from fsspec.compression import compr
from fsspec.core import url_to_fs
from fsspec.utils import infer_compression

from pdscan.errors import SourceError, UsageError

log = logging.getLogger(__name__)

ZIP_SUFFIX = ".zip"
_JUNK_PREFIXES = ("~$", "._", ".~lock.")
#: Below this many bytes out, no expansion ratio is suspicious.
RATIO_FLOOR = 100 * 1000**2


def _size(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


@dataclass(frozen=True)
class FileLimits:
    """How much one file may hold: the source options of the same names.

    ``max_expanded_bytes`` (10 GiB): bytes a compressed file or zip member may expand
    to; ``max_expansion_ratio`` (200): past 100 MB out, how many times its stored
    size it may expand to (text compresses 3 to 20 times; a bomb, hundreds to
    thousands); ``max_file_bytes`` (none): a file's size, stored or expanded.
    """

    max_expanded_bytes: int | None = 10 * 1024**3
    max_expansion_ratio: float | None = 200.0
    max_file_bytes: int | None = None

    OPTIONS = ("max_expanded_bytes", "max_expansion_ratio", "max_file_bytes")

    @classmethod
    def from_options(cls, label: str, options: Mapping[str, Any]) -> FileLimits:
        """From source options; ``0`` or ``false`` turns a limit off."""
        got: dict[str, Any] = {}
        for key in cls.OPTIONS:
            if key not in options:
                continue
            raw = options[key]
            value = None if raw is False or raw == 0 else raw
            if value is not None and (isinstance(value, bool)
                                      or not isinstance(value, int | float)
                                      or not math.isfinite(value) or value < 0):
                raise UsageError(f"{label}: option {key!r} must be a positive number "
                                 f"(0 for no limit), not {raw!r}")
            got[key] = value if value is None or key == "max_expansion_ratio" else int(value)
        return cls(**got)

    def expanded_cap(self) -> int | None:
        caps = [c for c in (self.max_expanded_bytes, self.max_file_bytes) if c]
        return min(caps) if caps else None


class _Bounded(io.BufferedIOBase):
    """A decompressed stream that stops once it has produced too much.

    Every way forward (``read``, ``readinto``, ``seek``) goes through ``_advance``, so
    that a bomb is stopped within a block of the limit, never after expanding whole.
    """

    _STEP = 1024 * 1024

    def __init__(self, inner: IO[bytes], storage: Storage, entry: FileEntry) -> None:
        super().__init__()
        self._inner, self._storage, self._entry = inner, storage, entry
        limits = storage.limits
        self._cap = limits.expanded_cap()
        packed = entry.packed or 0
        self._ratio_cap = max(RATIO_FLOOR, int(packed * limits.max_expansion_ratio)) \
            if limits.max_expansion_ratio and packed else None

    def _check(self) -> None:
        out = self._inner.tell()
        limits, name = self._storage.limits, self._entry.name
        if self._cap is not None and out > self._cap:
            key = "max_file_bytes" if self._cap == limits.max_file_bytes else \
                "max_expanded_bytes"
            raise SourceError(self._storage.label,
                              f"{name}: expands beyond {_size(self._cap)} once decompressed; "
                              f"set {key} to read it")
        if self._ratio_cap is not None and out > self._ratio_cap:
            raise SourceError(self._storage.label,
                              f"{name}: expands more than {limits.max_expansion_ratio:g} times "
                              f"its {_size(self._entry.packed or 0)} (a decompression bomb?); "
                              "set max_expansion_ratio to read it")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return bool(self._inner.seekable())

    def tell(self) -> int:
        return self._inner.tell()

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:  # whole: in steps, each checked
            parts = []
            while part := self.read(self._STEP):
                parts.append(part)
            return b"".join(parts)
        data = self._inner.read(size)
        self._check()
        return data

    def read1(self, size: int = -1) -> bytes:
        return self.read(self._STEP if size is None or size < 0 else size)

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[:len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        here = self._inner.tell()
        if whence == io.SEEK_END:
            while self.read(self._STEP):
                pass
            return self._inner.seek(offset, io.SEEK_END)
        target = offset if whence == io.SEEK_SET else here + offset
        while self._inner.tell() < target and self.read(min(self._STEP,
                                                           target - self._inner.tell())):
            pass
        return self._inner.seek(target)

    def close(self) -> None:
        self._inner.close()
        super().close()


def is_junk(name: str) -> bool:
    """Lock files and resource forks that sit next to real files but hold no data."""
    parts = name.split("/")
    return "__MACOSX" in parts or parts[-1].startswith(_JUNK_PREFIXES)


def compression_of(name: str) -> str | None:
    """The stream compression a file name implies (``.zip`` is an archive, not a stream)."""
    if name.lower().endswith(ZIP_SUFFIX):
        return None
    codec = infer_compression(name)
    # fsspec maps suffixes of codecs whose library may be missing (zstd, lz4 ...);
    # only keep what can actually be opened here.
    return codec if codec in compr and codec is not None else None


def strip_compression(name: str) -> str:
    """``access.log.gz`` -> ``access.log``: the name that tells the format."""
    if compression_of(name):
        return name.rsplit(".", 1)[0]
    return name


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-flavoured glob: ``*`` stays within a folder, ``**/`` spans folders."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        c = pattern[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1:end].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out), re.IGNORECASE)


class GlobSet:
    """Match relative paths against globs; a glob without ``/`` matches the base name."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = [p.removeprefix("./").lstrip("/") for p in patterns]
        self._compiled = [(("/" in p), _glob_regex(p)) for p in self.patterns]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def matches(self, path: str) -> bool:
        base = path.rsplit("/", 1)[-1]
        return any(rx.fullmatch(path if full else base) for full, rx in self._compiled)


def _as_text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _fingerprint(info: Mapping[str, Any]) -> dict[str, Any]:
    """Size, modification time and etag under whichever keys the filesystem uses."""
    fp: dict[str, Any] = {"size": info.get("size")}
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        if info.get(key) is not None:
            fp["mtime"] = _as_text(info[key])
            break
    for key in ("ETag", "etag", "e_tag", "md5Hash"):
        if info.get(key):
            fp["etag"] = str(info[key]).strip('"')
            break
    return fp


def _special(info: Mapping[str, Any]) -> bool:
    """A FIFO, socket or device node (a local filesystem's listing gives its mode)."""
    mode = info.get("mode")
    return isinstance(mode, int) and (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
                                      or stat.S_ISCHR(mode) or stat.S_ISBLK(mode))


@dataclass(frozen=True)
class FileEntry:
    """One readable file: a file of the filesystem or a member of a zip archive."""

    #: Path relative to the source root with ``/`` (``a/b.csv``, ``x.zip/in/c.csv``).
    name: str
    #: Path on the filesystem (the archive's, for a member).
    path: str
    member: str | None = None
    compression: str | None = None
    size: int | None = None
    fingerprint: Mapping[str, Any] = field(default_factory=dict)
    #: bytes it takes in storage (a zip member's compressed size): what a decompression
    #: ratio is measured against
    packed: int | None = None

    @property
    def format_name(self) -> str:
        """The name whose suffix tells the format (compression suffix removed)."""
        return strip_compression(self.name)


class Storage:
    """A folder or a single file behind an fsspec filesystem."""

    def __init__(self, label: str, fs: fsspec.AbstractFileSystem, root: str, *,
                 include: Sequence[str] = (), exclude: Sequence[str] = (),
                 max_files: int | None = None, shown: str | None = None,
                 limits: FileLimits | None = None) -> None:
        self.label = label
        self.limits = limits or FileLimits()
        self.fs = fs
        self.root = root
        self.include = GlobSet(include)
        self.exclude = GlobSet(exclude)
        self.max_files = max_files
        try:
            info = fs.info(root)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise SourceError(label, f"cannot open {shown or root}: {exc.strerror or exc}"
                              ) from exc
        if info is None:
            raise SourceError(label, f"no such file or directory: {shown or root}")
        self.is_dir = info.get("type") == "directory"
        self._root_info = info

    @classmethod
    def from_url(cls, url: str, label: str, storage_options: Mapping[str, Any] | None = None,
                 **kwargs: Any) -> Storage:
        try:
            fs, root = url_to_fs(url, **dict(storage_options or {}))
        except ImportError as exc:
            # fsspec says e.g. "Install s3fs to access S3": exactly what the user needs
            raise SourceError(label, str(exc)) from exc
        except ValueError as exc:
            raise SourceError(label, f"cannot open {url}: {exc}") from exc
        return cls(label, fs, root.rstrip("/") or "/", shown=url, **kwargs)

    def _relative(self, path: str) -> str:
        if not self.is_dir:
            return path.rstrip("/").rsplit("/", 1)[-1]
        prefix = self.root.rstrip("/") + "/"
        return path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")

    def _wanted(self, *names: str) -> bool:
        if any(self.exclude.matches(n) for n in names):
            return False
        return not self.include or any(self.include.matches(n) for n in names)

    def _files(self) -> list[tuple[str, Mapping[str, Any]]]:
        if not self.is_dir:
            return [(self.root, self._root_info)]
        found = self.fs.find(self.root, withdirs=False, detail=True)
        return sorted(found.items())

    def entries(self, supported: Callable[[str], bool]) -> list[FileEntry]:
        """Every readable file under the root that ``supported`` accepts (by name),
        filtered by the include/exclude globs, in path order."""
        out: list[FileEntry] = []
        for path, info in self._files():
            name = self._relative(path)
            if is_junk(name):
                continue
            if _special(info):  # reading a FIFO would wait for a writer
                log.warning("%s: %s: not a regular file (a FIFO, socket or device): not "
                            "read", self.label, name)
                continue
            if name.lower().endswith(ZIP_SUFFIX):
                if not self.exclude.matches(name):
                    out.extend(self._members(path, name, supported))
            elif supported(strip_compression(name)) and self._wanted(name):
                out.append(FileEntry(name=name, path=path, compression=compression_of(name),
                                     size=info.get("size"), fingerprint=_fingerprint(info),
                                     packed=info.get("size")))
        if self.max_files is not None and len(out) > self.max_files:
            log.warning("%s: reading the first %d of %d files (max_files)",
                        self.label, self.max_files, len(out))
            out = out[: self.max_files]
        return out

    def _members(self, path: str, name: str,
                 supported: Callable[[str], bool]) -> Iterator[FileEntry]:
        try:
            with self.fs.open(path, "rb") as raw, zipfile.ZipFile(raw) as archive:
                infos = sorted(archive.infolist(), key=lambda m: m.filename)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise SourceError(self.label, f"{name}: not a readable zip archive ({exc})") from exc
        for member in infos:
            if member.is_dir() or is_junk(member.filename):
                continue
            inner = f"{name}/{member.filename}"
            if supported(strip_compression(member.filename)) and self._wanted(inner, name):
                yield FileEntry(
                    name=inner, path=path, member=member.filename,
                    compression=compression_of(member.filename), size=member.file_size,
                    packed=member.compress_size, fingerprint={"size": member.file_size,
                                 "mtime": datetime(*member.date_time).isoformat(),
                                 "crc32": f"{member.CRC:08x}"})

    @contextmanager
    def open(self, entry: FileEntry) -> Iterator[IO[bytes]]:
        """The entry's content as a seekable binary stream, decompressed (within
        :class:`FileLimits`)."""
        cap = self.limits.max_file_bytes
        if cap and entry.member is None and entry.size is not None and entry.size > cap:
            raise SourceError(self.label, f"{entry.name}: {_size(entry.size)}, more than "
                                          f"max_file_bytes ({_size(cap)}); set it to read it")
        with ExitStack() as stack:
            stream: IO[bytes] = stack.enter_context(self.fs.open(entry.path, "rb"))
            expanded = False
            if entry.member is not None:
                archive = stack.enter_context(zipfile.ZipFile(stream))
                stream = stack.enter_context(archive.open(entry.member))
                expanded = True
            if entry.compression:
                stream = stack.enter_context(compr[entry.compression](stream, mode="rb"))
                expanded = True
            if expanded:
                stream = _Bounded(stream, self, entry)
            yield stream


@dataclass(frozen=True)
class StoredFile:
    """What a format sees of a file: its name, size, and a way to open it."""

    storage: Storage
    entry: FileEntry

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def compressed(self) -> bool:
        return self.entry.compression is not None

    @property
    def size(self) -> int | None:
        return self.entry.size

    def open(self) -> Any:
        return self.storage.open(self.entry)
