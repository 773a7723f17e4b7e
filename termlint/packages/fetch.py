"""Fetching a package's bytes: over HTTP(S), from a git repository, or from a local path.

Only ``termlint vocab sync`` calls this; a check run never touches the network. Each fetch is
bounded in size (:func:`termlint.packages.archive.max_bytes`) and time; a URL is fetched by
:mod:`termlint.httpget` (http and https only, also after a redirect), and git runs with the
``ext::`` transport and terminal prompts turned off, so a configuration cannot make it run a
command or hang waiting for a password.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from termlint.packages.archive import PackageError, from_bytes, from_folder, max_bytes

__all__ = ["download", "git_files", "read_local"]

#: Seconds a download or a git command may take.
TIMEOUT = 300


def download(url: str, where: str) -> bytes:
    """The bytes at an ``http(s)://`` URL, at most :func:`max_bytes` of them, fetched with the
    guards of :mod:`termlint.httpget` (no credentials are sent: a private package is a git
    repository, reached with git's own credentials)."""
    from termlint.httpget import FetchError, fetch

    try:
        return fetch(url, max_bytes=max_bytes(), limit_hint="TERMLINT_MAX_PACKAGE_MB",
                     timeout=60, deadline=TIMEOUT, user_agent="termlint vocab sync").data
    except FetchError as exc:
        raise PackageError(f"{where}: {exc.reason}") from None


def read_local(path: Path, where: str) -> tuple[bytes | None, dict[str, bytes] | None]:
    """A local package: ``(bytes, None)`` for a file (an archive or one YAML file),
    ``(None, files)`` for a folder."""
    if path.is_dir():
        return None, from_folder(path, where)
    limit = max_bytes()
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise PackageError(f"{where}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise PackageError(f"{where}: larger than {limit // 1048576} MiB "
                           "(TERMLINT_MAX_PACKAGE_MB): refused")
    return raw, None


def _git_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GIT_TERMINAL_PROMPT="0", GIT_ALLOW_PROTOCOL="file:git:http:https:ssh",
               GIT_ASKPASS="", SSH_ASKPASS="", LC_ALL="C")
    return env


def _git(args: list[str], where: str) -> str:
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, timeout=TIMEOUT,
                              env=_git_env(), stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        raise PackageError(f"{where}: git is not installed") from None
    except subprocess.TimeoutExpired:
        raise PackageError(f"{where}: git took longer than {TIMEOUT} s") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise PackageError(f"{where}: git {args[0]} failed: {lines[-1] if lines else '?'}")
    return done.stdout


def git_files(source: str, ref: str, where: str) -> tuple[str, dict[str, bytes]]:
    """The commit ``ref`` names in the repository ``source``, and the vocabulary files of its
    tree (read from ``git archive``, never from a checkout)."""
    with tempfile.TemporaryDirectory(prefix="termlint-git-") as tmp:
        bare = os.path.join(tmp, "repo.git")
        _git(["clone", "--bare", "--quiet", "--", source, bare], where)
        try:
            commit = _git(["-C", bare, "rev-parse", "--verify", "--quiet", "--end-of-options",
                           f"{ref}^{{commit}}"], where).strip()
        except PackageError:
            raise PackageError(f"{where}: no commit, branch or tag '{ref}' in the "
                               "repository") from None
        limit = max_bytes()
        try:
            with subprocess.Popen(["git", "-C", bare, "archive", "--format=tar", commit],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  stdin=subprocess.DEVNULL, env=_git_env()) as process:
                assert process.stdout is not None
                raw = process.stdout.read(limit + 1)
                if len(raw) > limit:
                    process.kill()
                    raise PackageError(f"{where}: the tree at {ref} is larger than "
                                       f"{limit // 1048576} MiB (TERMLINT_MAX_PACKAGE_MB)")
                if process.wait(timeout=TIMEOUT) != 0:
                    raise PackageError(f"{where}: git archive failed")
        except subprocess.TimeoutExpired:
            raise PackageError(f"{where}: git took longer than {TIMEOUT} s") from None
    return commit, from_bytes(raw, "", where)
