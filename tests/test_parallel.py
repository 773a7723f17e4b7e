"""Sharing a long segment between forked processes changes nothing but the time it takes."""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence

import pytest

import termlint.engine
from termlint.engine import Engine
from termlint.model import Segment
from termlint.morphology import Morphology
from termlint.parallel import fork_map, split
from termlint.vocab import load_selection


def test_split_keeps_order_and_balance() -> None:
    runs = split(list(range(10)), 3)
    assert [list(r) for r in runs] == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
    assert [list(r) for r in split([1, 2], 5)] == [[1], [2]]
    assert split([], 4) == [[]]


def _squares(items: Sequence[int]) -> list[int]:
    return [i * i for i in items]


def test_fork_map_returns_results_in_order() -> None:
    items = list(range(1000))
    assert fork_map(_squares, items, 3) == _squares(items)


def test_children_are_reaped_without_the_parent_waiting(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A child that delivered its results is reaped in the background: no zombie stays."""
    import time

    forked: list[int] = []
    real_fork = os.fork

    def recorded() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    assert fork_map(_squares, list(range(300)), 3) == _squares(list(range(300)))
    assert len(forked) == 2
    deadline = time.monotonic() + 10
    for pid in forked:
        # Until it is reaped, an exited child stays in the process table as a zombie.
        while os.path.exists(f"/proc/{pid}"):
            assert time.monotonic() < deadline, f"child {pid} was never reaped"
            time.sleep(0.01)


def test_a_failing_child_share_is_done_again_by_the_parent() -> None:
    parent = os.getpid()

    def fragile(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("a child that fails")
        return _squares(items)

    assert fork_map(fragile, list(range(100)), 4) == _squares(list(range(100)))


def test_a_child_that_dies_is_replaced_too() -> None:
    parent = os.getpid()

    def dying(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return _squares(items)

    assert fork_map(dying, list(range(50)), 2) == _squares(list(range(50)))


@pytest.fixture(scope="module")
def long_text() -> str:
    clauses = [
        "Käytä sähköisiä palveluja ja e-palvelua",
        "Lähetä sähköpostia asiakaspalveluun",
        "Terveydenhuollon sähköinen palvelu on auki",
        "Verkkoasioinnin kautta voit varata ajan",
        "Sote-palveluiden tiedot löytyvät täältä",
        "Tämä lause ei sisällä mitään tarkistettavaa",
    ]
    return "".join(f"{c} ({n}). " for n in range(150) for c in clauses)


def test_engine_with_jobs_finds_exactly_what_one_process_finds(
        morphology: Morphology, long_text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from termlint.api import make_inflector

    vocabularies = load_selection()
    inflector = make_inflector(morphology)
    serial = Engine(vocabularies, morphology, inflector)
    shared = Engine(vocabularies, morphology, inflector)
    shared.jobs = 2
    monkeypatch.setattr(termlint.engine, "PARALLEL_MIN_CHARS", 1000)
    forks: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counted_fork)
    segment = Segment(text=long_text, language="fi")
    found = shared.lint_segment(segment)
    assert forks == [1]
    assert found == serial.lint_segment(segment)
    assert len(found) == 5 * 150


def _where(match: object) -> tuple[object, int]:
    return match, os.getpid()


def test_each_process_converts_its_own_matches(
        morphology: Morphology, long_text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``lint_segment_as`` applies the conversion where each match is made: in the child for
    the child's share, so the work of placing findings is shared too."""
    engine = Engine(load_selection(), morphology)
    engine.jobs = 2
    monkeypatch.setattr(termlint.engine, "PARALLEL_MIN_CHARS", 1000)
    segment = Segment(text=long_text, language="fi")
    converted = engine.lint_segment_as(segment, _where)
    assert [m for m, _ in converted] == engine.lint_segment(segment)
    pids = {pid for _, pid in converted}
    assert os.getpid() in pids and len(pids) == 2  # the parent and the child each converted


def test_split_points_cut_at_clause_boundaries() -> None:
    from termlint.engine.prefilter import split_points

    text = "Yksi kaksi. Kolme neljä! Viisi\n\nkuusi seitsemän; kahdeksan"
    ranges = split_points(text, 3)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert len(ranges) == 3
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert all(text[lo - 1] in ".!?;\n" and text[lo].isspace() for lo, _ in ranges[1:])
    assert split_points("ei rajoja lainkaan", 4) == [(0, 18)]


def test_children_report_what_they_learnt() -> None:
    parent = os.getpid()
    learnt: list[object] = []

    def report() -> object:
        return ("pid", os.getpid() != parent)

    assert fork_map(_squares, list(range(30)), 3, report=report, absorb=learnt.append) == \
        _squares(list(range(30)))
    assert learnt == [("pid", True), ("pid", True)]


def test_many_files_forked_and_where_fork_is_missing_agree(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Where fork is missing (Windows) the files are linted in this process; forked and not,
    and with one job, the settled results are the same and in the same order."""
    from termlint import lint
    from termlint.api import build_engine

    paths = []
    for i in range(9):
        path = tmp_path / f"f{i}.txt"
        path.write_text("Käytä sähköisiä palveluja.\n" * (i + 1) + "Kirjaudu e-palveluun.\n",
                        encoding="utf-8")
        paths.append(str(path))

    def settle(result: lint.FileResult) -> lint.FileResult:
        result.text = result.document.text if result.document else None
        result.document = result.source = None
        return result

    linter = lint.Linter(build_engine())
    monkeypatch.setattr(lint, "PARALLEL_MIN_BYTES", 0)  # share even these few bytes
    runs = []
    for jobs, fork in ((1, True), (2, True), (2, False)):
        monkeypatch.setattr(lint, "_can_fork", lambda fork=fork: fork)
        found = list(lint.lint_paths(linter, paths, jobs, settle))
        runs.append([(r.path, r.text, [(f.line, f.column, f.rule) for f in r.findings])
                     for r in found])
    assert runs[0] == runs[1] == runs[2]
    assert sum(len(f) for _, _, f in runs[0]) == sum(range(1, 10)) + 9


def test_weighted_split_balances_sizes() -> None:
    runs = split(list("abcdef"), 2, [100, 1, 1, 1, 1, 1])
    assert [list(r) for r in runs] == [["a"], ["b", "c", "d", "e", "f"]]
    runs = split(list("abcdef"), 3, [1, 1, 1, 1, 1, 100])
    assert [len(r) for r in runs] == [4, 1, 1]
    assert [list(r) for r in split(list("abcd"), 2, [1, 1, 1, 1])] == [["a", "b"], ["c", "d"]]


def test_fork_imap_streams_in_order_and_redoes_failed_shares() -> None:
    from termlint.parallel import fork_imap

    parent = os.getpid()
    assert list(fork_imap(lambda i: i * i, list(range(20)), 3)) == [i * i for i in range(20)]

    def fragile(i: int) -> int:
        if os.getpid() != parent and i == 15:
            raise ValueError("a child that fails half-way")
        return -i

    assert list(fork_imap(fragile, list(range(20)), 2)) == [-i for i in range(20)]


def test_fork_imap_stops_its_children_when_the_consumer_stops() -> None:
    import time

    from termlint.parallel import fork_imap

    def slow(i: int) -> int:
        if i >= 5:
            time.sleep(30)  # a child's share: stopped, never waited for
        return i

    started = time.perf_counter()
    stream = fork_imap(slow, list(range(10)), 2)
    assert [next(stream) for _ in range(5)] == [0, 1, 2, 3, 4]
    stream.close()
    assert time.perf_counter() - started < 20


def test_stems_a_child_derives_reach_the_parent(morphology: Morphology, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A pattern first tried in a child's share derives its words' paradigm stems there; the
    parent must get them to save, or every later run would derive them again."""
    from termlint.api import make_inflector

    monkeypatch.setattr(termlint.engine, "PARALLEL_MIN_CHARS", 1000)
    stems: dict[str, str] = {}
    engine = Engine(load_selection(), morphology, make_inflector(morphology, persistent=False),
                    stem_cache=stems)
    engine.jobs = 2
    before = set(stems)
    first = "Tämä lause ei sisällä mitään. " * 60
    second = "Sähköinen asiointi onnistuu. " * 60
    found = engine.lint_segment(Segment(text=first + second, language="fi"))
    assert len(found) == 60
    assert "asiointi" in set(stems) - before


class _Store:
    """A match store in memory, with the fresh-entry hand-over of the on-disk one."""

    def __init__(self) -> None:
        self.entries: dict[str, object] = {}
        self.fresh: dict[str, object] = {}

    def get(self, key: str) -> object:
        return self.fresh.get(key, self.entries.get(key))

    def put(self, key: str, value: object) -> None:
        self.fresh[key] = value

    def take_fresh(self) -> dict[str, object]:
        fresh, self.fresh = self.fresh, {}
        return fresh

    def absorb(self, entries: dict[str, object]) -> None:
        self.fresh.update(entries)


def test_matches_a_child_makes_reach_the_parent(morphology: Morphology, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Matches first made in a child's share are stored by the parent (which saves)."""
    monkeypatch.setattr(termlint.engine, "PARALLEL_MIN_CHARS", 1000)
    engine = Engine(load_selection(), morphology)
    engine.match_store = _Store()
    engine.jobs = 2
    first = "Käytä e-palvelua nyt. " * 60
    second = "Sähköinen asiointi onnistuu. " * 60
    found = engine.lint_segment(Segment(text=first + second, language="fi"))
    assert len(found) == 120
    stored = engine.match_store.fresh  # type: ignore[attr-defined]
    assert any('"Sähköinen asiointi"' in key for key in stored)
    assert any('"e-palvelua"' in key for key in stored)


def test_a_slower_process_takes_fewer_pieces() -> None:
    """Pieces are taken as processes go: when the child is slow, the parent does most of
    them, and the results still come in order."""
    import time

    parent = os.getpid()
    done_by: list[int] = []

    def uneven(items: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() != parent:
            time.sleep(0.05)
        return [(i, os.getpid()) for i in items]

    found = fork_map(uneven, list(range(64)), 2)
    assert [i for i, _ in found] == list(range(64))
    done_by = [pid for _, pid in found]
    assert done_by.count(parent) > 3 * (len(done_by) - done_by.count(parent))


def test_a_few_small_files_are_linted_in_this_process(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Forking costs more than linting a pre-commit hook's few changed files: under
    ``PARALLEL_MIN_BYTES`` in all they are linted here, whatever ``jobs`` says; above it they
    are shared out."""
    from termlint import lint
    from termlint.api import build_engine

    paths = []
    for i in range(6):
        path = tmp_path / f"f{i}.txt"
        path.write_text("Käytä sähköisiä palveluja.\n" * 50, encoding="utf-8")
        paths.append(str(path))
    forked: list[int] = []
    real = lint._forked

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        forked.append(1)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(lint, "_forked", counting)
    linter = lint.Linter(build_engine())
    small = list(lint.lint_paths(linter, paths, 2))
    assert not forked and sum(len(r.findings) for r in small) == 300
    monkeypatch.setattr(lint, "PARALLEL_MIN_BYTES", os.path.getsize(paths[0]) * 6)
    shared = list(lint.lint_paths(linter, paths, 2))
    assert forked == [1]
    assert [[(f.line, f.rule) for f in r.findings] for r in shared] == \
        [[(f.line, f.rule) for f in r.findings] for r in small]
