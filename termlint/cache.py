"""A small on-disk cache for facts that are slow to derive and never change between runs.

Deriving a lemma's paradigm stem for the prefilter means generating and verifying its forms
(about 20 ms a lemma); caching the result keeps start-up small from the second run on. The
cache is a plain JSON file per termlint version and analyser backend, written atomically; when
the folder cannot be written, termlint works the same, only slower to start.

Location: ``$TERMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/termlint``, else ``~/.cache/termlint``.
``TERMLINT_NO_CACHE=1`` turns it off.

What the cache holds decides what ``--fix`` writes (a stored match carries its suggestions), so
every file is signed: its first line is an HMAC-SHA256 of the rest under a random per-user key
(``key`` in the cache folder, mode 0600, owned by the user). A file whose MAC does not verify
is ignored like a damaged one, and so is anything that is not a regular file (a named pipe
would block the read forever). Without a usable key (another owner, readable by others, a
folder that cannot be written) the cache is simply not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import zlib
from pathlib import Path
from typing import Any

from termlint.version import __version__


def cache_dir() -> Path | None:
    if os.environ.get("TERMLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    return cache_base()


def cache_base() -> Path:
    """The cache folder, whether or not ``TERMLINT_NO_CACHE`` turns the speed caches off:
    vocabulary packages (:mod:`termlint.packages`) are fetched data, not a speed-up, and live
    under it either way."""
    explicit = os.environ.get("TERMLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termlint"


def checksum(raw: bytes) -> str:
    """A quick name for ``raw``: two 32-bit checksums and the length, in hex. Not
    cryptographic; whatever is stored under it also holds what it was made from, or is
    keyed by more than this."""
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}"


#: The first bytes of every cache file, before the hex MAC and a line feed.
MAGIC = b"termlint-hmac-sha256 "
_KEY_NAME = "key"


def _open_regular(path: Path) -> tuple[int, os.stat_result] | None:
    """A descriptor of ``path`` and its status if it is a regular file (not a link, pipe or
    device), else None.

    Opened without blocking and without following a final symlink, and checked with
    ``fstat`` before anything is read: a named pipe put in place of a cache file must not hang
    the run. The caller closes the descriptor.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return None
    return fd, info


def _read_regular(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (see :func:`_open_regular`), else None."""
    opened = _open_regular(path)
    if opened is None:
        return None
    fd, _ = opened
    try:
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def _secret(folder: Path) -> bytes | None:
    """The cache folder's signing key, made on first use; None if there is no key this user
    can trust: the file must be a regular file owned by this user and readable by no one
    else, so that a key another user planted (or could read) is never used."""
    path = folder / _KEY_NAME
    key = _load_key(path)
    if key is None and not os.path.lexists(path):
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            # O_EXCL: of two processes starting at once, one makes the key, both read it.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, os.urandom(32).hex().encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        key = _load_key(path)
    return key


def _load_key(path: Path) -> bytes | None:
    opened = _open_regular(path)
    if opened is None:
        return None
    fd, info = opened
    try:
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not mine or info.st_mode & 0o077:
            return None
        raw = os.read(fd, 128).strip()
        return raw if len(raw) == 64 else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode()


#: Keys read in this process, by cache folder (a run reads dozens of cache files).
_KEYS: dict[str, bytes] = {}


def _key() -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = _KEYS.get(str(folder))
    if key is None:
        key = _secret(folder)
        if key is not None:
            _KEYS[str(folder)] = key
    return key


def read_entry(path: Path) -> Any:
    """The JSON value stored in the cache file ``path``, or None when there is none or it is
    damaged, not a regular file, unsigned or signed with another key."""
    return _read_signed(path, _key())


def read_signed(path: Path, key_folder: Path) -> Any:
    """:func:`read_entry` for a file signed with the key of ``key_folder`` (made on first
    use), whether or not the speed caches are on."""
    return _read_signed(path, _secret(key_folder))


def write_signed(path: Path, value: Any, key_folder: Path) -> bool:
    """:func:`write_entry` with the key of ``key_folder``; False if that failed."""
    return _write_signed(path, value, _secret(key_folder), {})


def _read_signed(path: Path, key: bytes | None) -> Any:
    if key is None:
        return None
    raw = _read_regular(path)
    if raw is None or not raw.startswith(MAGIC):
        return None
    head, _, payload = raw.partition(b"\n")
    if not hmac.compare_digest(head[len(MAGIC):], _mac(key, payload)):
        return None
    try:
        return json.loads(payload.decode("utf-8", "surrogatepass"))
    except ValueError:
        return None


def write_entry(path: Path, value: Any, **dump: Any) -> bool:
    """Store the JSON ``value`` in ``path``, signed; False if that failed or there is no key
    (the cache is optional, so failures are not errors). ``dump`` goes to ``json.dumps``."""
    return _write_signed(path, value, _key(), dump)


def _write_signed(path: Path, value: Any, key: bytes | None, dump: dict[str, Any]) -> bool:
    if key is None:
        return False
    payload = json.dumps(value, **dump).encode("utf-8", "surrogatepass")
    return _write_atomically(path, MAGIC + _mac(key, payload) + b"\n" + payload)


class JsonCache(dict[str, str]):
    """A string-to-string mapping loaded from and saved to one JSON file."""

    def __init__(self, name: str) -> None:
        super().__init__()
        folder = cache_dir()
        self.path = folder / f"{name}-{__version__}.json" if folder is not None else None
        self._loaded: dict[str, str] = {}
        if self.path is not None:
            data = read_entry(self.path)
            if isinstance(data, dict):
                self._loaded = {str(k): str(v) for k, v in data.items()}
                self.update(self._loaded)

    def save(self) -> None:
        """Write the file if anything was added; failures are ignored (the cache is optional)."""
        if self.path is None or dict(self) == self._loaded:
            return
        if write_entry(self.path, dict(self), ensure_ascii=False, sort_keys=True):
            self._loaded = dict(self)


class ParseCache:
    """Parsed files kept as JSON, one small file each, named by a hash of the file's text.

    Parsing the bundled vocabularies takes PyYAML's import and parse (a fifth of start-up);
    their parsed form, read back with the C JSON decoder, costs a fraction of a millisecond.
    A text that changes gets a new name, and each file holds the text it was parsed from, so
    nothing stale or colliding is ever used; JSON (unlike pickle) can hold no code, so a
    tampered cache file can at worst be rejected by validation.
    """

    def __init__(self, name: str, keep: int = 64) -> None:
        folder = cache_dir()
        self.folder = folder / f"{name}-{__version__}" if folder is not None else None
        #: Files kept: writing a new one deletes the least recently used beyond this many
        #: (each edit of a vocabulary, each termlint upgrade would otherwise leave one more).
        self.keep = keep

    def _path(self, text: str) -> Path | None:
        if self.folder is None:
            return None
        raw = text.encode("utf-8", "surrogatepass")
        # A quick checksum names the file; the text stored inside settles any collision.
        return self.folder / f"{checksum(raw)}.json"

    def get(self, text: str) -> Any:
        """The parsed form of ``text`` if cached, else None."""
        path = self._path(text)
        if path is None:
            return None
        entry = read_entry(path)
        if not isinstance(entry, dict) or entry.get("text") != text:
            return None
        _touch(path)  # recently used: the last to be pruned
        return entry.get("data")

    def put(self, text: str, data: Any) -> None:
        """Remember ``data`` for ``text``; values JSON cannot hold (dates) are not cached."""
        path = self._path(text)
        if path is None:
            return
        try:
            stored = write_entry(path, {"text": text, "data": data}, ensure_ascii=False)
        except (TypeError, ValueError):
            return
        if stored:
            prune(path.parent, "*.json", self.keep)


def _touch(path: Path) -> None:
    """Mark ``path`` as just used (its modification time), for :func:`prune`."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Delete all but the ``keep`` most recently used entries (files or folders) of ``folder``
    that match ``pattern``; failures are ignored (the cache is optional)."""
    import shutil

    def used(entry: Path) -> float:
        try:
            return entry.stat().st_mtime
        except OSError:
            return 0.0

    try:
        entries = sorted(folder.glob(pattern), key=used, reverse=True)
    except OSError:
        return
    for entry in entries[keep:]:
        try:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            pass


def _write_atomically(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` through a temporary file; False if that failed (the
    cache is optional, so failures are not errors)."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
        return True
    except OSError:
        return False


class ShardedStore:
    """A large string-keyed mapping on disk, split into shards loaded only when needed.

    A run that meets a few words reads a few small files; a run over a big repository reads
    them all once. New entries are remembered as *fresh* until :meth:`save`, which merges them
    into what is on disk then (another process may have saved meanwhile) and keeps each shard
    to ``per_shard`` entries, dropping the oldest. Values must be JSON.
    """

    SHARDS = 32

    def __init__(self, name: str, per_shard: int = 500, shards: int = SHARDS,
                 family: str | None = None, keep: int = 8) -> None:
        folder = cache_dir()
        self.folder = folder / f"{name}-{__version__}" if folder is not None else None
        self.per_shard = per_shard
        self.shards = shards
        #: Stores whose names begin with ``family`` are one family (the match stores of
        #: different vocabularies or versions of termlint): creating one deletes the least
        #: recently used beyond ``keep``.
        self.family = family
        self.keep = keep
        self._shards: dict[int, dict[str, Any]] = {}
        self._fresh: dict[str, Any] = {}

    def shard_of(self, key: str) -> int:
        return zlib.crc32(key.encode("utf-8", "surrogatepass")) % self.shards

    def _load(self, shard: int) -> dict[str, Any]:
        if self.folder is None:
            return {}
        if not self._shards and self.family is not None:
            _touch(self.folder)  # in use: the last of its family to be pruned
        data = read_entry(self.folder / f"{shard:02d}.json")
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> Any:
        """The stored value for ``key``, or None."""
        found = self._fresh.get(key)
        if found is not None:
            return found
        shard = self.shard_of(key)
        entries = self._shards.get(shard)
        if entries is None:
            entries = self._shards[shard] = self._load(shard)
        return entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self._fresh[key] = value

    def take_fresh(self) -> dict[str, Any]:
        """The fresh entries, handed over and forgotten here (a forked worker sends them to
        the process that saves)."""
        fresh, self._fresh = self._fresh, {}
        return fresh

    def absorb(self, entries: dict[str, Any]) -> None:
        """Take fresh entries found by another process."""
        self._fresh.update(entries)

    def save(self) -> None:
        """Merge the fresh entries into the shards on disk; failures are ignored."""
        if self.folder is None or not self._fresh:
            return
        created = not self.folder.exists()
        by_shard: dict[int, dict[str, Any]] = {}
        for key, value in self._fresh.items():
            by_shard.setdefault(self.shard_of(key), {})[key] = value
        for shard, fresh in by_shard.items():
            entries = self._load(shard)
            for key in fresh:
                entries.pop(key, None)  # re-inserted last: newest
            entries.update(fresh)
            while len(entries) > self.per_shard:
                entries.pop(next(iter(entries)))
            write_entry(self.folder / f"{shard:02d}.json", entries, ensure_ascii=False,
                        separators=(",", ":"))
            self._shards[shard] = entries
        self._fresh = {}
        if created and self.family is not None:
            prune(self.folder.parent, f"{self.family}*-{__version__}", self.keep)
