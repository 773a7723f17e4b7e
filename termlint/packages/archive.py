"""What a package holds: its vocabulary files, read from an archive, a folder or one YAML file.

Nothing from a package is ever extracted as it comes. Each archive member's name is checked
(no absolute path, no ``..``, no backslash or drive), sizes are bounded before and while
reading (a zip or gzip bomb stops at the limit), and only the vocabulary files of the layout
below are kept, in memory, under names made here: ``vocab/NAME.yaml``, ``rules/NAME.yaml`` or
``NAME.yaml``. Links are never followed.

Layout: a package with a ``vocab/`` or ``rules/`` folder (as termlint's own repository has)
uses the ``*.yaml``/``*.yml`` files directly in those folders; otherwise the ones at its top.
An archive whose members all sit in one top folder (``terms-1.2/…``, as forges make them) is
read from inside that folder. Hidden files (``.termlint.yaml``, ``.github/``) are never part of
a package.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["PackageError", "digest", "from_bytes", "from_folder", "max_bytes", "select"]

_SUFFIXES = (".yaml", ".yml")
_FOLDERS = ("vocab", "rules")
#: Members an archive may have at most (a vocabulary package has a handful).
MAX_MEMBERS = 10_000


class PackageError(Exception):
    """A package that cannot be fetched, read or trusted; the message is one line."""


def max_bytes() -> int:
    """The most bytes a package may have, downloaded or unpacked: ``TERMLINT_MAX_PACKAGE_MB``
    MiB (default 64)."""
    raw = os.environ.get("TERMLINT_MAX_PACKAGE_MB", "").strip()
    try:
        megabytes = float(raw) if raw else 64.0
    except ValueError:
        megabytes = 64.0
    return max(1, int(megabytes * 1024 * 1024))


def digest(files: dict[str, bytes]) -> str:
    """The hash that pins a folder or git package: SHA-256 over ``sha256  name`` lines of its
    vocabulary files, sorted by name (the lines ``sha256sum`` prints)."""
    lines = "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n"
                    for name in sorted(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def select(paths: Iterable[str]) -> dict[str, str]:
    """The vocabulary files among ``paths`` (relative, ``/``-separated), each mapped to the
    name it is kept under."""
    visible = [p for p in paths if not any(part.startswith(".") for part in p.split("/"))]
    tops = {p.split("/", 1)[0] for p in visible}
    if len(tops) == 1 and all("/" in p for p in visible) and not tops <= set(_FOLDERS):
        top = next(iter(tops)) + "/"
        inner = {p[len(top):]: p for p in visible}
    else:
        inner = {p: p for p in visible}
    foldered = any(p.split("/", 1)[0] in _FOLDERS and "/" in p for p in inner)
    chosen: dict[str, str] = {}
    for name, original in inner.items():
        parts = name.split("/")
        if not name.endswith(_SUFFIXES):
            continue
        if (foldered and len(parts) == 2 and parts[0] in _FOLDERS) or \
                (not foldered and len(parts) == 1):
            chosen[original] = name
    return chosen


def _check_name(name: str, where: str) -> str:
    """A member name made relative and ``/``-separated, or :class:`PackageError` for one that
    would leave the archive."""
    if "\\" in name or (len(name) > 1 and name[1] == ":") or name.startswith("/"):
        raise PackageError(f"{where}: member '{name}' has an absolute or foreign path: refused")
    clean = posixpath.normpath(name)
    if clean == ".." or clean.startswith("../") or "/../" in f"/{name}/":
        raise PackageError(f"{where}: member '{name}' leaves the archive: refused")
    return "" if clean == "." else clean


def from_bytes(raw: bytes, name: str, where: str) -> dict[str, bytes]:
    """The vocabulary files of a downloaded or local file: a zip, a (gzipped) tar, or one
    YAML file kept as ``name`` (its base name)."""
    if raw[:4] == b"PK\x03\x04":
        return _zip(raw, where)
    if raw[:2] == b"\x1f\x8b":
        return _tar(_gunzip(raw, where), where)
    if len(raw) >= 262 and raw[257:262] == b"ustar":
        return _tar(raw, where)
    base = posixpath.basename(name.split("?", 1)[0]) or "package.yaml"
    if not base.endswith(_SUFFIXES) or base.startswith("."):
        base = "package.yaml"
    return {base: raw}


def _gunzip(raw: bytes, where: str) -> bytes:
    limit = max_bytes()
    inflater = zlib.decompressobj(wbits=47)
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise PackageError(f"{where}: not a valid gzip file ({exc})") from None
    if len(out) > limit:
        raise PackageError(f"{where}: unpacks to more than {limit // 1048576} MiB "
                           "(TERMLINT_MAX_PACKAGE_MB): refused")
    return out


def _tar(raw: bytes, where: str) -> dict[str, bytes]:
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as archive:
            return _tar_files(archive, where)
    except tarfile.TarError as exc:
        raise PackageError(f"{where}: not a valid tar archive ({exc})") from None


def _tar_files(archive: tarfile.TarFile, where: str) -> dict[str, bytes]:
    members: dict[str, tarfile.TarInfo] = {}
    for count, info in enumerate(_members(archive), start=1):
        if count > MAX_MEMBERS:
            raise PackageError(f"{where}: more than {MAX_MEMBERS} members: refused")
        name = _check_name(info.name, where)
        if name and (info.isreg() or info.issym() or info.islnk()):
            members[name] = info
    files: dict[str, bytes] = {}
    for original, kept in select(members).items():
        info = members[original]
        if not info.isreg():
            raise PackageError(f"{where}: '{original}' is a link; a package's vocabulary "
                               "files must be regular files")
        handle = archive.extractfile(info)
        files[kept] = handle.read() if handle is not None else b""
    return files


def _members(archive: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    while True:
        info = archive.next()
        if info is None:
            return
        yield info


def _zip(raw: bytes, where: str) -> dict[str, bytes]:
    limit = max_bytes()
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise PackageError(f"{where}: not a valid zip archive ({exc})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise PackageError(f"{where}: more than {MAX_MEMBERS} members: refused")
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = _check_name(info.filename, where)
            if name and not info.is_dir():
                members[name] = info
        files: dict[str, bytes] = {}
        total = 0
        for original, kept in select(members).items():
            info = members[original]
            if stat.S_ISLNK(info.external_attr >> 16):
                raise PackageError(f"{where}: '{original}' is a link; a package's vocabulary "
                                   "files must be regular files")
            try:
                with archive.open(info) as handle:
                    data = handle.read(limit - total + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error) as exc:
                raise PackageError(f"{where}: cannot read '{original}' ({exc})") from None
            total += len(data)
            if total > limit:
                raise PackageError(f"{where}: unpacks to more than {limit // 1048576} MiB "
                                   "(TERMLINT_MAX_PACKAGE_MB): refused")
            files[kept] = data
        return files


def from_folder(folder: Path, where: str) -> dict[str, bytes]:
    """The vocabulary files of a local folder (a path package, or a git checkout): regular
    files only, never through a link."""
    found: list[str] = []
    for sub in ("", *_FOLDERS):
        base = folder / sub
        try:
            entries = sorted(os.listdir(base))
        except OSError:
            continue
        found.extend(f"{sub}/{e}" if sub else e for e in entries)
    files: dict[str, bytes] = {}
    total, limit = 0, max_bytes()
    for original, kept in select(found).items():
        path = folder / original
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise PackageError(f"{where}: '{original}' is not a regular file (a link?): refused")
        total += info.st_size
        if total > limit:
            raise PackageError(f"{where}: more than {limit // 1048576} MiB of vocabulary files "
                               "(TERMLINT_MAX_PACKAGE_MB): refused")
        files[kept] = path.read_bytes()
    return files
