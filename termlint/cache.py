"""A small on-disk cache for facts that are slow to derive and never change between runs.

Deriving a lemma's paradigm stem for the prefilter means generating and verifying its forms
(about 20 ms a lemma); caching the result keeps start-up small from the second run on. The
cache is a plain JSON file per termlint version and analyser backend, written atomically; when
the folder cannot be written, termlint works the same, only slower to start.

Location: ``$TERMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/termlint``, else ``~/.cache/termlint``.
``TERMLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from termlint import __version__


def cache_dir() -> Path | None:
    if os.environ.get("TERMLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("TERMLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termlint"


class JsonCache(dict[str, str]):
    """A string-to-string mapping loaded from and saved to one JSON file."""

    def __init__(self, name: str) -> None:
        super().__init__()
        folder = cache_dir()
        self.path = folder / f"{name}-{__version__}.json" if folder is not None else None
        self._loaded: dict[str, str] = {}
        if self.path is not None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict):
                self._loaded = {str(k): str(v) for k, v in data.items()}
                self.update(self._loaded)

    def save(self) -> None:
        """Write the file if anything was added; failures are ignored (the cache is optional)."""
        if self.path is None or dict(self) == self._loaded:
            return
        if _write_atomically(self.path, json.dumps(dict(self), ensure_ascii=False,
                                                   sort_keys=True)):
            self._loaded = dict(self)


class ParseCache:
    """Parsed files kept as JSON, one small file each, named by a hash of the file's text.

    Parsing the bundled vocabularies takes PyYAML's import and parse (a fifth of start-up);
    their parsed form, read back with the C JSON decoder, costs a fraction of a millisecond.
    A text that changes gets a new name, so nothing is ever stale; JSON (unlike pickle) can
    hold no code, so a tampered cache file can at worst be rejected by validation.
    """

    def __init__(self, name: str) -> None:
        folder = cache_dir()
        self.folder = folder / f"{name}-{__version__}" if folder is not None else None

    def _path(self, text: str) -> Path | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / f"{digest[:40]}.json"

    def get(self, text: str) -> Any:
        """The parsed form of ``text`` if cached, else None."""
        path = self._path(text)
        if path is None:
            return None
        try:
            return json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None

    def put(self, text: str, data: Any) -> None:
        """Remember ``data`` for ``text``; values JSON cannot hold (dates) are not cached."""
        path = self._path(text)
        if path is None:
            return
        try:
            encoded = json.dumps(data, ensure_ascii=False)
        except (TypeError, ValueError):
            return
        _write_atomically(path, encoded)


def _write_atomically(path: Path, content: str) -> bool:
    """Write ``content`` to ``path`` through a temporary file; False if that failed (the
    cache is optional, so failures are not errors)."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(content)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
        return True
    except OSError:
        return False
