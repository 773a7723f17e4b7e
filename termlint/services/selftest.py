"""Run the ``examples`` that vocabulary concepts and rules carry (as prh runs its specs).

A vocabulary that carries its own test sentences cannot drift from the matcher silently:
``termlint vocab test`` and the test suite both run every example of every bundled file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from termlint.engine import Engine
from termlint.model import Match
from termlint.vocab.schema import Example, Vocabulary


@dataclass(frozen=True)
class ExampleResult:
    path: str
    line: int | None
    rule: str
    example: Example
    ok: bool
    detail: str

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "flag" if self.example.flag else "pass"
        return f"{where}: {self.rule}: {kind} example {self.example.text!r}: {self.detail}"


def apply_match(text: str, match: Match) -> str:
    out = text
    for start, end, new in sorted(match.replacements, reverse=True):
        out = out[:start] + new + out[end:]
    return out


def _examples(vocab: Vocabulary) -> Iterator[tuple[str, Example, tuple[str, ...]]]:
    """Each example with its rule id and the concept's advice-only terms (``fix: false``)."""
    for concept in vocab.concepts:
        advice = tuple(t.text for t in concept.terms if t.status.flagged and not t.fix)
        for example in concept.examples:
            yield f"{vocab.id}/{concept.id}", example, advice
    for rule in vocab.rules:
        for example in rule.examples:
            yield rule.id, example, ()


def check_example(engine: Engine, path: str, rule: str, example: Example,
                  advice: tuple[str, ...] = ()) -> ExampleResult:
    """Whether ``example`` gives what it expects; ``advice`` names the concept's terms marked
    ``fix: false``, so that a flag example expecting a fix of one says why it gets none."""
    matches = [m for m in engine.lint_text(example.text, example.language) if m.rule == rule]
    if not example.flag:
        ok = not matches
        got = [example.text[m.start : m.end] for m in matches]
        detail = "ok" if ok else f"expected no finding, got {got}"
        return ExampleResult(path, example.line, rule, example, ok, detail)
    if not matches:
        return ExampleResult(path, example.line, rule, example, False,
                             "expected a finding, got none")
    if example.fix is not None:
        match = matches[0]
        if not match.verified:
            got = list(match.suggestions)
            detail = f"expected fix {example.fix!r}, but no verified fix (suggestions: {got})"
            if advice:
                names = ", ".join(repr(t) for t in advice)
                detail += (f"; {names} {'is' if len(advice) == 1 else 'are'} marked fix: false "
                           "(advice only), so a flag example of it expects no fix")
            return ExampleResult(path, example.line, rule, example, False, detail)
        fixed = apply_match(example.text, match)
        if fixed != example.fix:
            return ExampleResult(path, example.line, rule, example, False,
                                 f"expected fix {example.fix!r}, got {fixed!r}")
    return ExampleResult(path, example.line, rule, example, True, "ok")


def run_examples(engine: Engine, vocabularies: Sequence[Vocabulary]) -> list[ExampleResult]:
    """Results of all examples of ``vocabularies``, linted with ``engine``."""
    return [
        check_example(engine, vocab.path, rule, example, advice)
        for vocab in vocabularies
        for rule, example, advice in _examples(vocab)
    ]
