"""Which files a folder holds for checking: a walk that honours git's ignore rules.

Ignore rules come from every ``.gitignore`` from the walked folder up to the repository root,
the repository's ``.git/info/exclude`` and git's global excludes file (``core.excludesFile``,
by default ``$XDG_CONFIG_HOME/git/ignore``), as ``git status`` applies them.

Each ``.gitignore`` is read once per run: the rules in force in a folder are those of its
parent plus its own file, remembered per folder (re-reading every file above each folder took
3.6 s for 2,200 folders under 150 patterns).
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from termlint.model import FileError
from termlint.sources import source_for

#: Folders never entered when a directory is walked (as ruff and Vale skip them).
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                       ".mypy_cache", ".ruff_cache", ".pytest_cache", ".tox", "dist", "build"})

#: The rules in force in one folder: ``(base folder, compiled spec)`` pairs, nearest last.
Rules = tuple[tuple[str, Any], ...]


def _spec(lines: Iterable[str]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(lines))


def _read_lines(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()
    except OSError:
        return None


def global_excludes_file() -> str | None:
    """git's global excludes file: ``core.excludesFile`` when set, else the XDG default."""
    try:
        found = subprocess.run(["git", "config", "--path", "--get", "core.excludesFile"],
                               capture_output=True, text=True, check=False, timeout=10)
        if found.returncode == 0 and found.stdout.strip():
            return os.path.expanduser(found.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "git", "ignore")


class IgnoreRules:
    """git's ignore rules for the folders of one run, each file read once."""

    def __init__(self) -> None:
        self._folders: dict[str, Rules] = {}
        self._global: Any = None
        self._global_read = False

    def _global_spec(self) -> Any:
        if not self._global_read:
            self._global_read = True
            path = global_excludes_file()
            lines = _read_lines(path) if path else None
            self._global = _spec(lines) if lines else None
        return self._global

    def rules(self, folder: str) -> Rules:
        """The rules in force in ``folder`` (an absolute, real path)."""
        found = self._folders.get(folder)
        if found is not None:
            return found
        own: list[tuple[str, Any]] = []
        if os.path.exists(os.path.join(folder, ".git")):
            # The repository root: git's global and per-repository excludes apply below it,
            # with lower priority than any .gitignore (checked first here, so listed first).
            glob = self._global_spec()
            if glob is not None:
                own.append((folder, glob))
            exclude = _read_lines(os.path.join(folder, ".git", "info", "exclude"))
            if exclude:
                own.append((folder, _spec(exclude)))
            inherited: Rules = ()
        else:
            parent = os.path.dirname(folder)
            inherited = self.rules(parent) if parent != folder else ()
        lines = _read_lines(os.path.join(folder, ".gitignore"))
        if lines:
            own.append((folder, _spec(lines)))
        result = inherited + tuple(own)
        self._folders[folder] = result
        return result

    def ignored(self, folder: str, name: str, is_dir: bool) -> bool:
        """Whether ``name`` in ``folder`` is ignored (the nearest rule that decides wins)."""
        path = os.path.join(folder, name)
        verdict = False
        tail = "/" if is_dir else ""
        for base, spec in self.rules(folder):
            # ``folder`` is ``base`` or below it (both real paths): no os.path.relpath needed.
            rel = path[len(base):].lstrip(os.sep).replace(os.sep, "/") + tail
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = bool(result.include)
        return verdict


def open_unblocked(path: str) -> tuple[int, os.stat_result]:
    """A descriptor of ``path`` (a symlink is followed) and its ``fstat`` status, taken before
    a byte is read: opened without blocking, so that a named pipe (which would wait for a
    writer) or a device is seen for what it is instead of hanging the run. Raises
    ``OSError``; the caller closes the descriptor."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        return fd, os.fstat(fd)
    except BaseException:
        os.close(fd)
        raise


def _regular(path: str) -> bool:
    """Whether a walked path is a regular file or a link to one. Named pipes, devices and
    sockets, and links that lead nowhere or in a circle, are no text files to check, just as
    git tracks none of them as files: the walker passes over them (named explicitly, they get
    a one-line error from :meth:`termlint.lint.Linter.read`)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def iter_files(paths: Iterable[str], errors: list[FileError] | None = None,
               ignore: IgnoreRules | None = None,
               readable: Callable[[str], bool] | None = None) -> Iterator[tuple[str, bool]]:
    """Files to check: ``(path, explicit)``; folders are walked, honouring git's ignores.

    Explicitly named files are always yielded (even unknown types and missing files, so that
    the user hears what is wrong with them); files found by walking are yielded only when a
    source reads them and they are regular files (see :func:`_regular`). A folder that cannot
    be listed (no read permission) is added to ``errors``: its files were not checked, and a
    run must not be green on files it never saw. ``readable`` says whether a reader takes a
    file (default: a built-in reader claims its suffix); the plan asks the file's configuration,
    whose ``readers`` may map more suffixes.
    """
    if readable is None:
        def readable(path: str) -> bool:
            return source_for(path) is not None
    ignore = ignore or IgnoreRules()

    def unlisted(exc: OSError) -> None:
        if errors is not None:
            where = str(exc.filename) if exc.filename is not None else "?"
            errors.append(FileError(where, "cannot read this folder "
                                           f"({exc.strerror or exc}); its files were not "
                                           "checked"))

    for name in paths:
        if not os.path.isdir(name):
            yield name, True
            continue
        seen_dirs: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(name, onerror=unlisted, followlinks=False):
            try:
                info = os.stat(root)
            except OSError:
                continue
            ident = (info.st_dev, info.st_ino)
            if ident in seen_dirs:
                dirs[:] = []
                continue
            seen_dirs.add(ident)
            real = os.path.realpath(root)
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
                             and not ignore.ignored(real, d, True))
            for file in sorted(files):
                file_path = os.path.join(root, file)
                if not readable(file_path) or ignore.ignored(real, file, False):
                    continue
                if not _regular(file_path):
                    continue
                yield str(Path(file_path)), False
