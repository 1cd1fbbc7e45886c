"""Where the bytes live: an fsspec filesystem, walked and filtered, with decompression.

Nothing here knows about file formats. :class:`Storage` turns a URL or path into a
sorted list of :class:`FileEntry` (one per file, and one per member of a ``.zip``
archive) and opens any of them as a binary stream, decompressing ``.gz``/``.bz2``/
``.xz`` on the fly, so formats only ever see plain bytes.

Office lock files (``~$book.xlsx``, ``.~lock.book.xlsx#``) and macOS archive
clutter (``__MACOSX/``, ``._name.csv``) are never listed: they hold no data and
would only fail to parse.
"""

from __future__ import annotations

import logging
import re
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

from pdscan.errors import SourceError

log = logging.getLogger(__name__)

ZIP_SUFFIX = ".zip"
_JUNK_PREFIXES = ("~$", "._", ".~lock.")


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

    @property
    def format_name(self) -> str:
        """The name whose suffix tells the format (compression suffix removed)."""
        return strip_compression(self.name)


class Storage:
    """A folder or a single file behind an fsspec filesystem."""

    def __init__(self, label: str, fs: fsspec.AbstractFileSystem, root: str, *,
                 include: Sequence[str] = (), exclude: Sequence[str] = (),
                 max_files: int | None = None, shown: str | None = None) -> None:
        self.label = label
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
            if name.lower().endswith(ZIP_SUFFIX):
                if not self.exclude.matches(name):
                    out.extend(self._members(path, name, supported))
            elif supported(strip_compression(name)) and self._wanted(name):
                out.append(FileEntry(name=name, path=path, compression=compression_of(name),
                                     size=info.get("size"), fingerprint=_fingerprint(info)))
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
                    fingerprint={"size": member.file_size,
                                 "mtime": datetime(*member.date_time).isoformat(),
                                 "crc32": f"{member.CRC:08x}"})

    @contextmanager
    def open(self, entry: FileEntry) -> Iterator[IO[bytes]]:
        """The entry's content as a seekable binary stream, decompressed."""
        with ExitStack() as stack:
            stream: IO[bytes] = stack.enter_context(self.fs.open(entry.path, "rb"))
            if entry.member is not None:
                archive = stack.enter_context(zipfile.ZipFile(stream))
                stream = stack.enter_context(archive.open(entry.member))
            if entry.compression:
                stream = stack.enter_context(compr[entry.compression](stream, mode="rb"))
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
