"""A small on-disk cache for facts that are slow to derive and never change between runs.

Deriving a lemma's paradigm stem for the prefilter means generating and verifying its forms
(about 20 ms a lemma); caching the result keeps start-up small from the second run on. The
cache is a plain JSON file per termlint version and analyser backend, written atomically; when
the folder cannot be written, termlint works the same, only slower to start.

Location: ``$TERMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/termlint``, else ``~/.cache/termlint``.
``TERMLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".stems-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(dict(self), handle, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, self.path)
            self._loaded = dict(self)
        except OSError:
            return
