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
import itertools
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def split(items: Sequence[T], parts: int,
          weights: Sequence[int] | None = None) -> list[Sequence[T]]:
    """``items`` cut into ``parts`` contiguous runs (none empty) of nearly equal length, or of
    nearly equal total weight (file sizes, say) when ``weights`` are given."""
    parts = max(1, min(parts, len(items)))
    if weights is None or len(weights) != len(items) or sum(weights) <= 0:
        size, extra = divmod(len(items), parts)
        bounds = [0]
        for index in range(parts):
            bounds.append(bounds[-1] + size + (1 if index < extra else 0))
    else:
        total = sum(weights)
        bounds = [0]
        running = 0
        for index, weight in enumerate(weights):
            running += weight
            # Cut after this item once its run holds its share, leaving one item per run.
            if len(bounds) < parts and running * parts >= total * len(bounds) \
                    and len(items) - (index + 1) >= parts - len(bounds):
                bounds.append(index + 1)
        while len(bounds) < parts:  # weights too uneven to cut more: fill from the end
            bounds.append(len(items) - (parts - len(bounds)))
        bounds.append(len(items))
    return [items[a:b] for a, b in itertools.pairwise(bounds)]


def fork_imap(work: Callable[[T], R], items: Sequence[T], jobs: int,
              weights: Sequence[int] | None = None,
              report: Callable[[], Any] | None = None,
              absorb: Callable[[Any], None] | None = None) -> Iterator[R]:
    """``work(item)`` for each item, in order, shared between up to ``jobs`` processes.

    The parent does the first run itself and yields each result as it is made (a progress
    bar keeps moving); then each child's results, which arrive all at once. ``report`` and
    ``absorb`` are as for :func:`fork_map`. If the consumer stops early, the children are
    stopped too.
    """
    runs = split(items, jobs, weights)
    if len(runs) <= 1 or not hasattr(os, "fork"):
        yield from (work(item) for item in items)
        return

    def whole(run: Sequence[T]) -> list[R]:
        return [work(item) for item in run]

    children: list[tuple[int, int, Sequence[T]]] = []
    done = False
    try:
        for run in runs[1:]:
            child = _spawn(whole, run, report)
            children.append((*child, run) if child is not None else (-1, -1, run))
        for item in runs[0]:
            yield work(item)
        for index, (pid, reader, run) in enumerate(children):
            got = _collect(pid, reader) if pid > 0 else None
            children[index] = (-1, reader, run)  # collected (or never forked)
            if got is None:
                yield from (work(item) for item in run)
                continue
            if absorb is not None and got[1] is not None:
                absorb(got[1])
            yield from got[0]
        done = True
    finally:
        for pid, reader, _ in children:
            _reap(pid, reader, stop=not done)


#: Pieces per process that :func:`fork_map` cuts its work into: small enough that the
#: process that finishes last is at most a few milliseconds behind the others.
PIECES_PER_JOB = 16


def fork_map(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int,
             report: Callable[[], Any] | None = None,
             absorb: Callable[[Any], None] | None = None) -> list[R]:
    """``work(items)``, computed as ``work`` over contiguous pieces of ``items`` in up to
    ``jobs`` processes.

    ``work`` must depend on nothing but its argument (and state that forking copies), and its
    results must pickle; they are concatenated in the order of ``items``. A child also sends
    ``report()`` (what it learnt that the parent should keep, such as new analyses for the
    on-disk cache), which the parent hands to ``absorb``.

    The pieces are not dealt out in advance: each process takes the next one from a pipe
    that holds one byte per piece (a pipe read is atomic, so no piece is taken twice) until
    the pipe is empty. A process on a core that something else is using takes fewer, and the
    others do not wait for it. Pieces a failed child took are done by the parent.
    """
    pieces = split(items, min(len(items), max(1, jobs) * PIECES_PER_JOB, 255))
    if jobs <= 1 or len(pieces) <= 1 or not hasattr(os, "fork"):
        return work(items)
    try:
        claims, filler = os.pipe()
    except OSError:
        return work(items)
    try:
        os.write(filler, bytes(range(len(pieces))))
    finally:
        os.close(filler)  # every piece written: an empty pipe now reads as its end

    def take(_: Sequence[object]) -> list[tuple[int, list[R]]]:
        done: list[tuple[int, list[R]]] = []
        while True:
            claim = os.read(claims, 1)
            if not claim:
                return done
            done.append((claim[0], work(pieces[claim[0]])))

    children: list[tuple[int, int]] = []
    results: dict[int, list[R]] = {}
    finished = False
    try:
        for _ in range(jobs - 1):
            child = _spawn(take, (), report)
            if child is not None:
                children.append(child)
        results.update(take(()))
        for index, (pid, reader) in enumerate(children):
            got = _collect(pid, reader)
            children[index] = (-1, reader)
            if got is not None:
                if absorb is not None and got[1] is not None:
                    absorb(got[1])
                results.update(got[0])
        finished = True
    finally:
        os.close(claims)
        for pid, reader in children:
            _reap(pid, reader, stop=not finished)
    for index, piece in enumerate(pieces):
        if index not in results:  # taken by a child that failed
            results[index] = work(piece)
    return [result for index in range(len(pieces)) for result in results[index]]


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
    share).

    A child writes its message only once its work is done, and closes the pipe before it
    exits, so a message that unpickles whole is a success. The child is then reaped by a
    background thread: tearing down a forked copy of a large process takes a millisecond or
    two, which the parent need not wait for.
    """
    with os.fdopen(reader, "rb", closefd=False) as handle:
        data = handle.read()
    found: tuple[list[Any], Any] | None = None
    if data:
        try:
            found = pickle.loads(data)
        except Exception:  # a truncated message counts as a failed child
            found = None
    if found is None:
        os.waitpid(pid, 0)
        return None
    import threading

    threading.Thread(target=_wait, args=(pid,), daemon=True).start()
    return found


def _wait(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _reap(pid: int, reader: int, stop: bool = False) -> None:
    """Close the pipe and wait for the child if it is still there (after an error); with
    ``stop``, end it first (its results are no longer wanted)."""
    if reader >= 0:
        with contextlib.suppress(OSError):
            os.close(reader)
    if pid > 0:
        if stop:
            import signal

            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
