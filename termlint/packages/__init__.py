"""Vocabulary packages: one organisation vocabulary shared by many repositories.

A configuration names packages (``packages:`` in ``.termlint.yaml``), each a URL, a git
repository or a local path with a pinned SHA-256. ``termlint vocab sync`` fetches them into
``CACHE/packages/`` (:func:`sync`); a check run reads them only from there
(:func:`installed_files`) and never from the network, so it works offline and gives the same
findings on every machine that synced the same pins.

Trust: what a package holds decides what ``--fix`` writes, as the caches do. A package is
checked against its pin before anything of it is unpacked or stored, and the store records the
SHA-256 of each kept file in a manifest signed with the per-user key of the packages folder
(:func:`termlint.cache.write_signed`). A run re-hashes every file against the manifest before
the vocabularies are loaded, so a file changed in the cache (by another user, or a restored CI
cache without the key) is refused, never used. See docs/hardening.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termlint.cache import cache_base, prune, read_signed, write_signed
from termlint.packages.archive import PackageError, digest

__all__ = ["KINDS", "Package", "PackageError", "SyncResult", "installed_files", "parse_package",
           "store_root", "sync"]

#: The keys that name where a package comes from; exactly one per package.
KINDS = ("url", "git", "path")
#: The keys a package entry may have.
KEYS = frozenset({*KINDS, "ref", "sha256"})
_HEX64 = re.compile(r"[0-9a-f]{64}")
_MANIFEST = "manifest.json"
_FORMAT = 1
#: Synced packages kept: syncing one more deletes the least recently used beyond this many
#: (each new pin of a package is a folder of its own).
KEEP = 64


@dataclass(frozen=True)
class Package:
    """One ``packages:`` entry: where it comes from and the hash it is pinned to.

    ``source`` is the URL, or an absolute path (a relative one is resolved against the
    configuration's folder). The pin is the SHA-256 of the file for a URL or a local file (what
    ``sha256sum`` prints), and :func:`termlint.packages.archive.digest` of the vocabulary files
    for a git repository or a local folder (what ``termlint vocab hash`` prints)."""

    kind: str
    source: str
    sha256: str
    ref: str | None = None
    #: Line of the entry in the configuration file, for messages.
    line: int | None = None

    @property
    def label(self) -> str:
        return f"{self.source}@{self.ref}" if self.ref else self.source

    @property
    def key(self) -> str:
        """The name of the package's folder in the store: everything that pins it."""
        spec = json.dumps([self.kind, self.source, self.ref, self.sha256])
        return hashlib.sha256(spec.encode("utf-8")).hexdigest()[:32]


def parse_package(value: Any, root: Path, line: int | None = None) -> Package:
    """A :class:`Package` from a ``packages:`` item, or ``ValueError`` with the reason."""
    if not isinstance(value, dict):
        raise ValueError("must be a mapping with one of url, git or path, and sha256")
    unknown = sorted(str(k) for k in value if k not in KEYS)
    if unknown:
        raise ValueError(f"unknown key '{unknown[0]}' (known keys: {', '.join(sorted(KEYS))})")
    kinds = [k for k in KINDS if k in value]
    if len(kinds) != 1:
        raise ValueError("needs exactly one of url, git or path")
    kind = kinds[0]
    source = value[kind]
    if not isinstance(source, str) or not source.strip() or source.startswith("-"):
        raise ValueError(f"'{kind}' must be a URL or a path")
    pin = value.get("sha256")
    if isinstance(pin, int):
        raise ValueError("'sha256' was read as a number: quote it")
    if not isinstance(pin, str) or not _HEX64.fullmatch(pin.lower()):
        raise ValueError("needs 'sha256': 64 hexadecimal digits (the pinned hash; "
                         "`termlint vocab hash` prints it for a local file or folder)")
    ref = value.get("ref")
    if ref is not None and (kind != "git" or not isinstance(ref, str) or not ref.strip()
                            or ref.startswith("-")):
        raise ValueError("'ref' is a branch, tag or commit of a 'git' package")
    if kind == "url" and not source.lower().startswith(("http://", "https://")):
        raise ValueError("'url' must start with http:// or https:// (use 'path' for a file)")
    if kind == "url" and "@" in urllib.parse.urlsplit(source).netloc:
        raise ValueError("'url' must not hold credentials (user:password@): use a 'git' "
                         "package for a private vocabulary")
    if kind == "path" or (kind == "git" and "://" not in source and not _scp_like(source)):
        source = os.path.normpath(os.path.join(root, os.path.expanduser(source)))
    return Package(kind, source, pin.lower(), ref, line)


def _scp_like(source: str) -> bool:
    """``git@host:org/repo.git``: git's scp-like syntax, not a local path."""
    return re.match(r"^[\w.-]+@[\w.-]+:", source) is not None


def store_root() -> Path:
    """Where packages are kept: ``CACHE/packages`` (also when ``TERMLINT_NO_CACHE`` turns
    the speed caches off: a package is data a run needs, not a speed-up)."""
    return cache_base() / "packages"


@dataclass(frozen=True)
class SyncResult:
    package: Package
    files: tuple[str, ...]
    #: The commit a git package's ref named when it was synced.
    commit: str | None = None
    #: False when the cache already held a verified copy of this pin and nothing was
    #: fetched.
    fetched: bool = True


def _fetch(package: Package) -> tuple[dict[str, bytes], str | None]:
    """The package's vocabulary files, fetched and checked against the pin before anything
    of them is unpacked."""
    from termlint.packages.archive import from_bytes
    from termlint.packages.fetch import download, git_files, read_local

    where = package.label
    commit = None
    if package.kind == "git":
        commit, files = git_files(package.source, package.ref or "HEAD", where)
        got = digest(files)
    else:
        if package.kind == "url":
            raw: bytes | None = download(package.source, where)
            files = {}
        else:
            if not os.path.exists(package.source):
                raise PackageError(f"{where}: no such file or folder")
            raw, folder_files = read_local(Path(package.source), where)
            files = folder_files or {}
        got = hashlib.sha256(raw).hexdigest() if raw is not None else digest(files)
        if got == package.sha256 and raw is not None:
            files = from_bytes(raw, package.source, where)
    if got != package.sha256:
        raise PackageError(f"{where}: sha256 is {got}, but the configuration pins "
                           f"{package.sha256}: refused (pin the new hash if the change is "
                           "expected)")
    if not files:
        raise PackageError(f"{where}: holds no vocabulary file (*.yaml at its top, or in "
                           "vocab/ or rules/)")
    return files, commit


def sync(package: Package, refresh: bool = False) -> SyncResult:
    """Fetch ``package``, check it against its pin and keep it in the store (replacing an
    older copy of the same pin).

    A copy of the same pin that is already in the store and still verifies against its
    signed manifest is kept without fetching (the pin is a content hash, so a new download
    could only give the same bytes or be refused): CI jobs then sync without depending on the
    package's host. ``refresh`` fetches and checks again anyway."""
    if not refresh:
        try:
            kept = installed_files(package)
        except PackageError:
            pass
        else:
            folder = store_root() / package.key / "files"
            return SyncResult(package, tuple(sorted(p.relative_to(folder).as_posix()
                                                    for p in kept)), fetched=False)
    files, commit = _fetch(package)
    root = store_root()
    target = root / package.key
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=root, prefix=".sync-"))
        try:
            for name, data in files.items():
                path = staging / "files" / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            manifest = {"format": _FORMAT, "kind": package.kind, "source": package.source,
                        "ref": package.ref, "sha256": package.sha256, "commit": commit,
                        "files": {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}}
            if not write_signed(staging / _MANIFEST, manifest, root):
                raise PackageError(f"{package.label}: cannot sign the package in {root} "
                                   "(its key file must be yours and private)")
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
            prune(root, "[0-9a-f]" * 32, KEEP)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise PackageError(f"{package.label}: cannot write to {root}: "
                           f"{exc.strerror or exc}") from None
    return SyncResult(package, tuple(sorted(files)), commit)


def installed_files(package: Package) -> list[Path]:
    """The package's vocabulary files in the store, each verified against the signed
    manifest; :class:`PackageError` when the package was never synced for this pin, or when
    something in the store changed since."""
    folder = store_root() / package.key
    manifest = read_signed(folder / _MANIFEST, store_root())
    if not isinstance(manifest, dict) or manifest.get("sha256") != package.sha256 \
            or manifest.get("source") != package.source:
        if (folder / _MANIFEST).exists():
            raise PackageError(f"package {package.label}: its copy in {folder} is not signed "
                               "by you (changed, or synced by another user): run termlint "
                               "vocab sync")
        raise PackageError(f"package {package.label} (sha256 {package.sha256[:12]}…) is not "
                           "in termlint's cache: run termlint vocab sync")
    files: list[Path] = []
    for name, expected in sorted(dict(manifest.get("files", {})).items()):
        path = folder / "files" / name
        if _sha256_of(path) != expected:
            raise PackageError(f"package {package.label}: {path} no longer matches the "
                               "pinned hash (changed since it was synced): run termlint "
                               "vocab sync")
        files.append(path)
    with contextlib.suppress(OSError):
        os.utime(folder)  # recently used: the last to be pruned
    return files


def _sha256_of(path: Path) -> str | None:
    """The SHA-256 of a regular file (never through a link), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)
