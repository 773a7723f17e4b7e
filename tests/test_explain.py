"""``termlint explain``: any inflected form, rule ids, Swedish, JSON, and an unknown query."""

from __future__ import annotations

import json

from click.testing import CliRunner

from termlint.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["explain", *args])
    return result.exit_code, result.output


def test_inflected_phrase_names_the_concept_and_its_source() -> None:
    code, out = run("sähköisissä", "palveluissa")
    assert code == 0, out
    first = out.splitlines()[0]
    assert first == "digitaalinen palvelu  (thl-digi/digitaalinen-palvelu)"
    assert "'sähköisissä palveluissa' (a form of 'sähköinen palvelu') [fi]: deprecated" in out
    assert "reported as warning" in out
    assert "preferred (fi): digitaalinen palvelu, digipalvelu" in out
    assert "preferred (sv): digital tjänst" in out
    assert "source: https://github.com/Finto-ehdotus/YSE/issues/14176" in out


def test_one_quoted_argument_is_the_same_phrase() -> None:
    assert run("sähköisissä palveluissa")[1] == run("sähköisissä", "palveluissa")[1]


def test_preferred_terms_and_forbidden_spellings_are_explained() -> None:
    code, out = run("digipalveluun")
    assert code == 0
    assert "'digipalveluun' (a form of 'digipalvelu') [fi]: the preferred term" in out
    code, out = run("epalvelu")
    assert "forbidden; reported as error" in out


def test_rule_id_and_concept_id() -> None:
    code, out = run("thl-digi/sahkoinen-palvelusana")
    assert code == 0
    assert out.startswith("thl-digi/sahkoinen-palvelusana  (rule: modifier)")
    assert "write instead: digitaalinen" in out
    code, out = run("thl-digi/digitaalinen-asiointi")
    assert out.startswith("digitaalinen asiointi  (thl-digi/digitaalinen-asiointi)")
    assert "source: https://github.com/Finto-ehdotus/YSE/issues/14187" in out


def test_rule_match_from_text() -> None:
    code, out = run("sähköisiä asiointiprosesseja")
    assert code == 0
    assert "thl-digi/sahkoinen-palvelusana" in out.splitlines()[0]


def test_exception_and_optional_vocabulary() -> None:
    code, out = run("sähköisellä reseptillä")
    assert code == 0
    assert "sähköinen resepti  (established phrase, never flagged)" in out
    code, out = run("chattailua")
    assert "verkkojuttelu  (it-general/verkkojuttelu)" in out
    assert "optional: --vocab +it-general" in out


def test_swedish_compound_and_json() -> None:
    code, out = run("--format", "json", "webbtjänsterna")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "webbtjänsterna"
    top = data["results"][0]
    assert top["id"] == "thl-digi/digitaalinen-palvelu"
    assert top["query"] == {"text": "webbtjänsterna", "language": "sv", "term": "webbtjänst",
                            "status": "narrower", "severity": "info"}
    assert top["concept"]["preferred"]["sv"] == ["digital tjänst"]
    assert top["source"] == "https://github.com/Finto-ehdotus/YSE/issues/14176"


def test_json_for_the_issue_example() -> None:
    code, out = run("--format", "json", "sähköisissä palveluissa")
    assert code == 0
    data = json.loads(out)
    top = data["results"][0]
    assert top["concept"]["name"] == "digitaalinen palvelu"
    assert top["query"]["status"] == "deprecated"
    assert top["query"]["severity"] == "warning"


def test_unknown_query_exits_1() -> None:
    # No source marks "chat" as non-recommended, and no vocabulary lists it.
    code, out = run("chat")
    assert code == 1
    assert "no term, exception or rule" in out
