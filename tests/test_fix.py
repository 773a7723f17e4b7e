"""termlint.fix: planning, splicing, encoding round trips, parse checks and atomic writes."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from termlint import fix
from termlint.fix import (
    FixError,
    apply_edits,
    plan_edits,
    render,
    unified_diff,
    verify,
    write_atomic,
)
from termlint.model import Edit, Finding, Segment, Severity
from termlint.sources.base import Document
from termlint.sources.text import TextSource

ROOT = Path(__file__).resolve().parent.parent


def finding(start: int, end: int, *edits: Edit, verified: bool = True,
            rule: str = "r") -> Finding:
    return Finding(path="f.txt", line=1, column=start + 1, end_line=1, end_column=end + 1,
                   offset=start, end_offset=end, text="", rule=rule, severity=Severity.WARNING,
                   message="m", verified=verified, edits=edits)


def text_doc(raw: bytes, path: str = "f.txt") -> Document:
    return TextSource().read(path, raw)


# -- plan_edits -------------------------------------------------------------------------------


def test_plan_keeps_verified_findings_with_edits_sorted() -> None:
    doc = text_doc(b"sahkoinen palvelu ja sahkoinen asiointi")
    a = finding(0, 9, Edit(0, 9, "digitaalinen"))
    b = finding(21, 30, Edit(21, 30, "digitaalinen"))
    unverified = finding(10, 17, Edit(10, 17, "x"), verified=False)
    no_edits = finding(18, 20)
    assert plan_edits(doc, [b, unverified, no_edits, a]) == [Edit(0, 9, "digitaalinen"),
                                                           Edit(21, 30, "digitaalinen")]


def test_plan_drops_overlaps_keeping_the_first_and_whole_findings() -> None:
    doc = text_doc(b"0123456789abcdefghij")
    first = finding(2, 6, Edit(2, 6, "A"))
    overlapping = finding(4, 8, Edit(4, 8, "B"))
    # A two-word finding with one edit colliding is dropped entirely, not half applied: its
    # free edit at 8 must not be applied either.
    phrase = finding(5, 9, Edit(8, 9, "C"), Edit(5, 7, "D"))
    later = finding(12, 14, Edit(12, 14, "E"))
    duplicate = finding(2, 6, Edit(2, 6, "A"), rule="other-vocabulary")
    same_start = finding(12, 16, Edit(12, 13, "F"))
    planned = plan_edits(doc, [later, overlapping, phrase, first, duplicate, same_start])
    assert planned == [Edit(2, 6, "A"), Edit(12, 14, "E")]


def test_plan_rejects_offsets_outside_the_file() -> None:
    doc = text_doc(b"short")
    with pytest.raises(FixError, match="outside the file"):
        plan_edits(doc, [finding(3, 99, Edit(3, 99, "x"))])


# -- apply_edits and render -------------------------------------------------------------------


def test_apply_and_render_change_only_the_edit_spans_utf16_bom_crlf() -> None:
    text = "Rivi yksi\r\nKäytä sähköistä palvelua.\r\nKolmas rivi\r\n"
    raw = b"\xff\xfe" + text.encode("utf-16-le")
    doc = text_doc(raw)
    assert doc.bom == b"\xff\xfe" and doc.encoding == "utf-16-le"
    start = doc.text.index("sähköistä")
    end = start + len("sähköistä")
    edits = plan_edits(doc, [finding(start, end, Edit(start, end, "digitaalista"))])
    new_text = apply_edits(doc, TextSource(), edits)
    new = render(doc, new_text)
    assert new.startswith(b"\xff\xfe")
    assert new.count(b"\r\x00\n\x00") == 3
    # Byte diff: identical before the span, identical after it, the span holds the new word.
    byte_start = len(b"\xff\xfe") + 2 * start
    assert new[:byte_start] == raw[:byte_start]
    assert new[len(new) - (len(raw) - (byte_start + 2 * (end - start))):] == \
        raw[byte_start + 2 * (end - start):]
    assert new[byte_start:byte_start + 2 * len("digitaalista")] == \
        "digitaalista".encode("utf-16-le")
    assert new.decode("utf-16") == text.replace("sähköistä", "digitaalista")


def test_apply_many_edits_from_the_end_keeps_offsets_valid() -> None:
    doc = text_doc(b"aa bb cc dd\n")
    edits = [Edit(0, 2, "AAAA"), Edit(6, 8, "C"), Edit(9, 11, "DDD")]
    assert apply_edits(doc, TextSource(), edits) == "AAAA bb C DDD\n"


class _RecordingSource(TextSource):
    """A text source whose escaping is visible, to prove each replacement goes through it."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, str]] = []

    def parse(self, doc: Document) -> None:
        # Two segments: "one" and "two", the separator between them is not lintable.
        doc.segments.append(Segment(text=doc.text[:3], start=0))
        doc.segments.append(Segment(text=doc.text[4:], start=4))

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        self.calls.append((segment.start, value))
        return value.replace('"', '\\"')


def test_apply_escapes_each_replacement_for_its_segment() -> None:
    source = _RecordingSource()
    doc = source.read("f.txt", b"one|two")
    new = apply_edits(doc, source, [Edit(0, 3, 'a "b"'), Edit(4, 7, "c")])
    assert new == 'a \\"b\\"|c'
    assert sorted(source.calls) == [(0, 'a "b"'), (4, "c")]
    with pytest.raises(FixError, match="outside every text segment"):
        apply_edits(doc, source, [Edit(2, 5, "x")])


def test_apply_rejects_overlapping_edits() -> None:
    doc = text_doc(b"abcdef")
    with pytest.raises(FixError, match="overlapping"):
        apply_edits(doc, TextSource(), [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_render_refuses_characters_the_encoding_cannot_hold() -> None:
    doc = Document(path="f.txt", text="abc", format="text", encoding="latin-1")
    assert render(doc, "äbc") == "äbc".encode("latin-1")
    with pytest.raises(FixError, match="cannot represent"):
        render(doc, "€bc")


# -- verify -------------------------------------------------------------------------------------


def test_verify_accepts_parsable_and_rejects_broken_output() -> None:
    verify(TextSource(), "f.txt", "Käytä digitaalista palvelua.\n".encode())
    with pytest.raises(FixError, match="would not parse"):
        verify(TextSource(), "f.txt", b"binary\x00junk")
    with pytest.raises(FixError, match="would not parse"):
        verify(TextSource(), "f.txt", b"bad \xff utf-8")


# -- write_atomic -------------------------------------------------------------------------------


def test_write_atomic_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "fi.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(str(target), b"new content", b"old")
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.txt"]


def test_write_atomic_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(str(link), b"new", b"old")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_write_atomic_refuses_a_file_changed_since_read(tmp_path: Path) -> None:
    target = tmp_path / "fi.txt"
    target.write_bytes(b"edited by someone else")
    with pytest.raises(FixError, match="changed since it was read"):
        write_atomic(str(target), b"new", b"what we read")
    assert target.read_bytes() == b"edited by someone else"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.txt"]


def test_write_atomic_refuses_a_change_made_during_the_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "fi.txt"
    target.write_bytes(b"old")
    real_write_all = fix._write_all

    def meddling_write(fd: int, data: bytes) -> None:
        target.write_bytes(b"someone else")
        real_write_all(fd, data)

    monkeypatch.setattr(fix, "_write_all", meddling_write)
    with pytest.raises(FixError, match="changed while"):
        write_atomic(str(target), b"new", b"old")
    assert target.read_bytes() == b"someone else"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.txt"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_write_atomic_removes_the_temp_file_on_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    target = tmp_path / "fi.txt"
    target.write_bytes(b"old")

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fix.os, failing, broken)
    with pytest.raises(FixError, match="original is unchanged"):
        write_atomic(str(target), b"new" * 1000, b"old")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.txt"]


def test_write_atomic_cleans_up_on_interrupt(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "fi.txt"
    target.write_bytes(b"old")

    def interrupted(fd: int, data: bytes) -> None:
        os.write(fd, data[:10])
        raise KeyboardInterrupt

    monkeypatch.setattr(fix, "_write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), b"new" * 1000, b"old")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.txt"]


def test_killed_during_a_large_write_leaves_the_original_intact(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: nothing in the process gets to clean up. The file must still
    be the original, because the new bytes only ever went to a temporary file."""
    target = tmp_path / "big.txt"
    original = ("Käytä sähköistä palvelua.\n" * 200_000).encode()
    target.write_bytes(original)
    child = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from termlint import fix
        real_write = os.write
        def slow_write(fd, data):
            time.sleep(0.02)
            return real_write(fd, data)
        fix._CHUNK = 64 * 1024
        fix.os.write = slow_write
        target = {str(target)!r}
        original = open(target, "rb").read()
        fix.write_atomic(target, original.replace(b"s\\xc3\\xa4hk\\xc3\\xb6ist\\xc3\\xa4",
                                                  b"digitaalista"), original)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", child])
    try:
        deadline = time.monotonic() + 30
        partial: list[Path] = []
        while time.monotonic() < deadline:
            partial = [p for p in tmp_path.iterdir() if p.name.endswith(".termlint-tmp")]
            if partial and partial[0].stat().st_size >= 4 * 64 * 1024:
                break
            assert process.poll() is None, "the child finished before it could be killed"
            time.sleep(0.01)
        assert partial, "the child never started writing"
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert target.read_bytes() == original
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".termlint-tmp")]
    assert leftovers and 0 < leftovers[0].stat().st_size < len(original)
    # A later run is not disturbed by the stale temporary file.
    write_atomic(str(target), b"fixed", original)
    assert target.read_bytes() == b"fixed"


# -- unified_diff -------------------------------------------------------------------------------


def test_unified_diff_headers_and_body() -> None:
    old = "eka\nKäytä sähköistä palvelua.\nvika\n"
    new = "eka\nKäytä digitaalista palvelua.\nvika\n"
    diff = unified_diff("docs/fi.txt", old, new)
    assert diff.splitlines()[:2] == ["--- a/docs/fi.txt", "+++ b/docs/fi.txt"]
    assert "-Käytä sähköistä palvelua.\n+Käytä digitaalista palvelua.\n" in diff
    assert unified_diff("x", old, old) == ""


def test_unified_diff_marks_a_missing_final_newline_and_keeps_crlf() -> None:
    diff = unified_diff("./a.txt", "x\r\ny", "x\r\nz")
    assert diff.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert "-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n" in diff
    # A form feed is text, not a line break.
    assert unified_diff("a", "p\x0cq\n", "p\x0cr\n").count("\n-") == 1


def test_full_round_trip_on_disk(tmp_path: Path) -> None:
    """The whole pipeline the CLI runs: read, plan, apply, render, verify, write."""
    target = tmp_path / "ohje.txt"
    raw = "Kirjaudu sähköiseen palveluun.\r\nToinen rivi.\r\n".encode()
    target.write_bytes(raw)
    source = TextSource()
    doc = source.read(str(target), raw)
    start = doc.text.index("sähköiseen")
    edits = plan_edits(doc, [finding(start, start + 10, Edit(start, start + 10,
                                                            "digitaaliseen"))])
    data = render(doc, apply_edits(doc, source, edits))
    verify(source, str(target), data)
    write_atomic(str(target), data, raw)
    assert target.read_bytes() == b"Kirjaudu digitaaliseen palveluun.\r\nToinen rivi.\r\n"
