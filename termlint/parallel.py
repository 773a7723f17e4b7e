"""Share one long piece of work between forked processes.

A single big file (a 5 MB strings export, a long document) is one segment, so spreading files
over processes does not help it. Its clauses are independent, though, so the engine can hand
contiguous runs of them to forked copies of itself. A forked child starts with everything the
parent has built: the compiled vocabulary, the warm analysis cache and the Voikko handle, so
there is no second start-up. Each child sends its results back pickled through a pipe.

The parent always does a share itself, and does a child's share again when that child fails,
so the results never depend on whether forking worked. Where ``os.fork`` is missing (Windows)
everything runs in the calling process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def split(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """``items`` cut into ``parts`` contiguous runs of nearly equal length (none empty)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    runs: list[Sequence[T]] = []
    start = 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs


def fork_map(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int,
             report: Callable[[], Any] | None = None,
             absorb: Callable[[Any], None] | None = None) -> list[R]:
    """``work(items)``, computed as ``work`` over contiguous runs in up to ``jobs`` processes.

    ``work`` must depend on nothing but its argument (and state that forking copies), and its
    results must pickle; they are concatenated in the order of ``items``. A child also sends
    ``report()`` (what it learnt that the parent should keep, such as new analyses for the
    on-disk cache), which the parent hands to ``absorb``.
    """
    runs = split(items, jobs)
    if len(runs) <= 1 or not hasattr(os, "fork"):
        return work(items)
    children: list[tuple[int, int, Sequence[T]]] = []
    try:
        for run in runs[1:]:
            child = _spawn(work, run, report)
            if child is None:
                children.append((-1, -1, run))
            else:
                children.append((*child, run))
        results = work(runs[0])
        for pid, reader, run in children:
            got = _collect(pid, reader) if pid > 0 else None
            if got is None:
                results.extend(work(run))
                continue
            results.extend(got[0])
            if absorb is not None and got[1] is not None:
                absorb(got[1])
        return results
    finally:
        for pid, reader, _ in children:
            _reap(pid, reader)


def _spawn(work: Callable[[Sequence[T]], list[R]], run: Sequence[T],
           report: Callable[[], Any] | None) -> tuple[int, int] | None:
    """Fork a child that writes ``pickle((work(run), report()))`` to a pipe: ``(pid, read
    end)``."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the child: compute, send, and leave without running the parent's exit code
        code = 1
        try:
            os.close(reader)
            found = work(run)
            extra = report() if report is not None else None
            data = pickle.dumps((found, extra), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as out:
                out.write(data)
            code = 0
        except BaseException:  # the parent redoes the share; say nothing
            pass
        finally:
            os._exit(code)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int) -> tuple[list[Any], Any] | None:
    """The child's results and report; None if it failed (the caller then redoes its
    share)."""
    with os.fdopen(reader, "rb", closefd=False) as handle:
        data = handle.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        return pickle.loads(data)  # type: ignore[no-any-return]
    except Exception:  # a truncated message counts as a failed child
        return None


def _reap(pid: int, reader: int) -> None:
    """Close the pipe and wait for the child if it is still there (after an error)."""
    if reader >= 0:
        with contextlib.suppress(OSError):
            os.close(reader)
    if pid > 0:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
