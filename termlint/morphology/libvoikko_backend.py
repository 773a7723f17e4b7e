"""The libvoikko backend, its deferred form, the fingerprint of its files, and the choice
between it and the pip analyser (:func:`load_backend`)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

from termlint.lazy import OnFirstUse
from termlint.morphology import protocol
from termlint.morphology.protocol import AnalyzerUnavailable, Backend, RawAnalysis


class LibvoikkoBackend:
    """The fast path: the system libvoikko through its ctypes binding."""

    name = "libvoikko"

    def __init__(self, path: str | None = None) -> None:
        try:
            import libvoikko
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise AnalyzerUnavailable("the Python package 'libvoikko' is not installed") from exc
        self._path = path
        try:
            self._voikko = libvoikko.Voikko("fi", path) if path else libvoikko.Voikko("fi")
        except (OSError, libvoikko.VoikkoException) as exc:
            raise AnalyzerUnavailable(
                f"libvoikko could not be loaded ({exc}); install the system packages "
                "'libvoikko1' and 'voikko-fi' (scripts/setup.sh does it)"
            ) from exc
        # libvoikko handles are not thread-safe; one lock keeps library use from threads sound.
        self._lock = threading.Lock()

    def analyze(self, word: str) -> Sequence[RawAnalysis]:
        with self._lock:
            return list(self._voikko.analyze(word))

    def fingerprint(self) -> str:
        """What this analyser's answers depend on (see :func:`libvoikko_fingerprint`)."""
        return libvoikko_fingerprint(self._path)


class DeferredLibvoikko:
    """libvoikko, loaded when the first word needs it rather than at start-up.

    Loading the library and its dictionary is a tenth of termlint's start-up, and a run whose
    words are all in the on-disk analysis cache never needs it. Should loading fail when it
    is finally needed, the pip analyser takes over, as :func:`load_backend` would have done.
    Caches are named after :attr:`name` and :meth:`fingerprint`, which describe the files on
    disk; a failure to load them is a fact about the same files, so it repeats on every run
    with that fingerprint and the caches never mix two analysers.
    """

    name = "libvoikko"

    def __init__(self, path: str | None) -> None:
        self._path = path
        self._real: OnFirstUse[Backend] = OnFirstUse(self._load)

    def _load(self) -> Backend:
        try:
            return LibvoikkoBackend(self._path)
        except AnalyzerUnavailable as exc:
            return _fall_back(_unavailable(exc))

    @property
    def loaded(self) -> bool:
        return self._real.made

    def analyze(self, word: str) -> Sequence[RawAnalysis]:
        return self._real.get().analyze(word)

    def fingerprint(self) -> str:
        return libvoikko_fingerprint(self._path)


#: Where the libvoikko shared library is installed by common systems (Debian/Ubuntu multiarch,
#: Fedora, source builds, Homebrew); only used to tell whether it can be loaded later.
_LIBRARY_FILES = ("/usr/lib/x86_64-linux-gnu/libvoikko.so.1",
                  "/usr/lib/aarch64-linux-gnu/libvoikko.so.1", "/usr/lib64/libvoikko.so.1",
                  "/usr/lib/libvoikko.so.1", "/usr/local/lib/libvoikko.so.1",
                  "/opt/homebrew/lib/libvoikko.1.dylib", "/usr/local/lib/libvoikko.1.dylib")


def _file_fact(path: str) -> str | None:
    """``path size mtime`` of a file that exists, else None: what a fingerprint is made of."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return f"{path} {info.st_size} {info.st_mtime_ns}"


def _library_facts() -> list[str]:
    return [fact for fact in map(_file_fact, _LIBRARY_FILES) if fact is not None]


def libvoikko_fingerprint(path: str | None = None) -> str:
    """What libvoikko's answers depend on: its library file and every Finnish dictionary it
    may load (path, size, modification time), read from the file system without loading
    anything. A persistent cache is kept per fingerprint, so upgrading either starts anew."""
    folders = [path, *os.environ.get("VOIKKO_DICTIONARY_PATH", "").split(os.pathsep),
               *(os.path.expanduser(d) for d in _DICTIONARY_FOLDERS)]
    facts = ["libvoikko", *_library_facts()]
    for folder in folders:
        if folder:
            facts.extend(_dictionary_files(folder))
    return protocol.digest(facts)


#: Where libvoikko looks for dictionaries besides VOIKKO_DICTIONARY_PATH (its search order).
_DICTIONARY_FOLDERS = ("~/.voikko", "~/.config/voikko", "/etc/voikko", "/usr/lib/voikko",
                       "/usr/share/voikko", "/usr/local/lib/voikko", "/usr/local/share/voikko",
                       "/opt/homebrew/lib/voikko", "/opt/homebrew/share/voikko")


def _dictionary_files(folder: str) -> list[str]:
    """``path size mtime`` of each ``mor-*/mor.vfst`` in ``folder`` or one level below it
    (libvoikko keeps them under a format number: ``/usr/lib/voikko/5/mor-standard``)."""
    found: list[str] = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return found
    for name in names:
        path = os.path.join(folder, name)
        if name.startswith("mor-"):
            candidates = [os.path.join(path, "mor.vfst")]
        else:
            try:
                candidates = [os.path.join(path, sub, "mor.vfst")
                              for sub in sorted(os.listdir(path)) if sub.startswith("mor-")]
            except OSError:
                continue
        found.extend(fact for fact in map(_file_fact, candidates) if fact is not None)
    return found


def load_backend(deferred: bool = False) -> Backend:
    """The analyser: ``TERMLINT_ANALYZER`` = ``libvoikko`` or ``pyvoikko`` forces one; the
    default (``auto``) uses libvoikko and falls back to pyvoikko when libvoikko cannot be
    loaded or ``TERMLINT_DISABLE_LIBVOIKKO=1`` is set, with a one-line notice on stderr.

    With ``deferred``, the default choice where libvoikko's library file is present is a
    :class:`DeferredLibvoikko`, which loads it (or falls back) only when a word needs it.
    """
    wanted = os.environ.get("TERMLINT_ANALYZER", "auto").strip().lower()
    disabled = os.environ.get("TERMLINT_DISABLE_LIBVOIKKO", "").strip().lower() in (
        "1", "true", "yes")
    if wanted == "libvoikko":
        return LibvoikkoBackend(os.environ.get("VOIKKO_DICTIONARY_PATH"))
    if wanted == "pyvoikko":
        from termlint.morphology.pyvoikko_backend import PyvoikkoBackend

        return PyvoikkoBackend()
    if wanted not in ("", "auto"):
        raise AnalyzerUnavailable(
            f"unknown analyser {wanted!r} in TERMLINT_ANALYZER (use auto, libvoikko or pyvoikko)"
        )
    reason = "libvoikko is disabled by TERMLINT_DISABLE_LIBVOIKKO"
    if not disabled and deferred and _library_facts():
        return DeferredLibvoikko(os.environ.get("VOIKKO_DICTIONARY_PATH"))
    if not disabled:
        try:
            return LibvoikkoBackend(os.environ.get("VOIKKO_DICTIONARY_PATH"))
        except AnalyzerUnavailable as exc:
            reason = _unavailable(exc)
    return _fall_back(reason)


def _unavailable(exc: AnalyzerUnavailable) -> str:
    """Why libvoikko cannot be used, in one clause (the install hint after ';' dropped)."""
    return f"libvoikko is not available ({str(exc).split(';')[0]})"


def _fall_back(reason: str) -> Backend:
    """The pip analyser, with a one-line notice saying why libvoikko is not used."""
    from termlint.morphology.pyvoikko_backend import PyvoikkoBackend

    backend = PyvoikkoBackend()
    protocol.notice(f"{reason}; using the slower pip analyser pyvoikko")
    return backend
