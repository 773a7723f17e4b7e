"""``termlint check --fix`` and ``--diff`` end to end over every format.

Two runs of ``--fix``: the first fixes every verified finding and changes nothing outside the
flagged spans; the second is a no-op. ``--diff`` prints the same change and writes nothing.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from termlint.cli import main

E2E = Path(__file__).parent / "e2e"

FULL = (
    "Käytä sähköisiä palveluja.\r\nKirjaudu e-palveluun. SÄHKÖISET PALVELUT auki.\r\n"
    "Tukea sähköiseen asiointiin ja verkkoasiointikanavien käyttöön.\r\n"
    "Sähköiset sosiaali- ja terveyspalvelut sekä sähköisiä ja turvallisia palveluja.\r\n"
    "Palveluissamme on sähköisiä palvelujamme; e-palveluissammekin.\r\n"
    "Sähköinen resepti ja sähköposti pysyvät.\r\n"
)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xff\xfe"):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("utf-8")


def test_fix_twice_changes_only_flagged_spans(tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(E2E, work)
    (work / "full.txt").write_bytes(b"\xef\xbb\xbf" + FULL.encode("utf-8"))
    before = {p: p.read_bytes() for p in work.rglob("*") if p.is_file()}
    code, out = invoke("check", "--format", "json", str(work))
    assert code == 1
    flagged: dict[str, list[tuple[int, int]]] = {}
    findings = json.loads(out)["findings"]
    for f in findings:
        flagged.setdefault(f["path"], []).append((f["offset"], f["end_offset"]))
    assert len(flagged) == len(before)

    code, out = invoke("check", "--fix", str(work))
    assert code == 0, out
    assert f"0 findings in {len(before)} files; fixed {len(findings)}" in out
    for path, old in before.items():
        new = path.read_bytes()
        assert new != old, path
        assert new[:2] == old[:2]  # BOMs and encodings kept
        old_text, new_text = decode(old), decode(new)
        assert old_text.count("\r\n") == new_text.count("\r\n")
        spans = flagged[str(path)]
        matcher = difflib.SequenceMatcher(a=old_text, b=new_text, autojunk=False)
        for tag, a0, a1, _, _ in matcher.get_opcodes():
            if tag != "equal":
                assert any(s <= a0 and a1 <= e for s, e in spans), (path, old_text[a0:a1])

    after = {p: p.read_bytes() for p in before}
    code, out = invoke("check", "--fix", str(work))
    assert code == 0
    assert "fixed" not in out
    assert {p: p.read_bytes() for p in before} == after


def test_fixed_text_reads_right(tmp_path: Path) -> None:
    path = tmp_path / "full.txt"
    path.write_text(FULL, encoding="utf-8", newline="")
    invoke("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8").splitlines() == [
        "Käytä digitaalisia palveluja.",
        "Kirjaudu digitaaliseen palveluun. DIGITAALISET PALVELUT auki.",
        "Tukea digitaaliseen asiointiin ja digiasiointikanavien käyttöön.",
        "Digitaaliset sosiaali- ja terveyspalvelut sekä digitaalisia ja turvallisia palveluja.",
        "Palveluissamme on digitaalisia palvelujamme; digitaalisissa palveluissammekin.",
        "Sähköinen resepti ja sähköposti pysyvät.",
    ]


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    code, out = invoke("check", "--diff", str(path))
    assert code == 1
    name = path.as_posix().lstrip("/")
    assert out.splitlines()[:2] == [f"--- a/{name}", f"+++ b/{name}"]
    assert "-Käytä sähköisiä palveluja." in out and "+Käytä digitaalisia palveluja." in out
    assert path.read_text(encoding="utf-8") == "Käytä sähköisiä palveluja.\n"


def test_unverified_findings_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Sähköisessa asiointipalvelussa ja Epalvelussa.\n", encoding="utf-8")
    code, _ = invoke("check", "--fix", str(path))
    assert code == 1  # near misses stay findings
    assert path.read_text(encoding="utf-8") == "Sähköisessa asiointipalvelussa ja Epalvelussa.\n"
