"""The language server's settings, from ``initializationOptions`` and
``workspace/configuration`` (section ``termlint``).

They say how to run termlint, not what to report: the project's ``.termlint.yaml`` still
decides vocabularies, language, severities and suppression. ``vocabularies`` and
``language`` apply only to files whose configuration names none; ``configFile`` is
``check --config`` (one configuration for every file), ``isolated`` is ``check --isolated``.
A setting with a wrong type or value is reported (one line each) and left at its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from termlint.model import Severity

__all__ = ["DEFAULT_SEVERITIES", "LSP_SEVERITIES", "Settings", "parse_settings"]

#: The protocol's DiagnosticSeverity numbers by name.
LSP_SEVERITIES = {"error": 1, "warning": 2, "information": 3, "info": 3, "hint": 4}

#: termlint severity → protocol severity. A warning stays a warning (users of other
#: linters' servers ask that nothing but an error be shown as one).
DEFAULT_SEVERITIES: Mapping[str, int] = {"error": 1, "warning": 2, "info": 3, "suggestion": 4}


@dataclass(frozen=True)
class Settings:
    config_file: str | None = None
    isolated: bool = False
    vocabularies: tuple[str, ...] = ()
    language: str | None = None
    severity: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_SEVERITIES))
    #: Milliseconds to wait after a change before linting (typing on resets it).
    debounce: int = 150
    report_unused_directives: bool = False

    def lsp_severity(self, severity: Severity) -> int:
        return self.severity.get(str(severity), DEFAULT_SEVERITIES[str(severity)])


def _section(data: Any) -> Mapping[str, Any]:
    """The settings proper: a client may send them bare or under ``termlint``."""
    if isinstance(data, Mapping) and isinstance(data.get("termlint"), Mapping):
        return data["termlint"]  # type: ignore[no-any-return]
    return data if isinstance(data, Mapping) else {}


def parse_settings(*layers: Any) -> tuple[Settings, list[str]]:
    """Settings from ``layers`` (later ones win), and a message for each bad value."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update({k: v for k, v in _section(layer).items() if v is not None})
    problems: list[str] = []
    values: dict[str, Any] = {}

    def bad(key: str, wanted: str) -> None:
        problems.append(f"termlint setting '{key}' must be {wanted}, not {merged[key]!r}; "
                        "using the default")

    for key, name in (("configFile", "config_file"), ("config", "config_file"),
                      ("language", "language")):
        if key in merged:
            if isinstance(merged[key], str) and merged[key].strip():
                values[name] = merged[key].strip()
            elif merged[key] != "":
                bad(key, "a string")
    if "language" in values:
        from termlint.validation import UnknownName, normalise_language

        try:
            values["language"] = normalise_language(values["language"])
        except UnknownName as exc:
            problems.append(f"termlint setting 'language': {exc}")
            del values["language"]
    for key, name in (("isolated", "isolated"),
                      ("reportUnusedDirectives", "report_unused_directives")):
        if key in merged:
            if isinstance(merged[key], bool):
                values[name] = merged[key]
            else:
                bad(key, "true or false")
    if "vocabularies" in merged:
        vocab = merged["vocabularies"]
        if isinstance(vocab, list) and all(isinstance(v, str) for v in vocab):
            values["vocabularies"] = tuple(vocab)
        else:
            bad("vocabularies", "a list of vocabulary names or paths")
    if "debounce" in merged:
        if isinstance(merged["debounce"], int) and 0 <= merged["debounce"] <= 10_000:
            values["debounce"] = merged["debounce"]
        else:
            bad("debounce", "a number of milliseconds from 0 to 10000")
    if "severity" in merged:
        values["severity"] = _severities(merged["severity"], problems)
    return Settings(**values), problems


def _severities(value: Any, problems: list[str]) -> dict[str, int]:
    out = dict(DEFAULT_SEVERITIES)
    if not isinstance(value, Mapping):
        problems.append("termlint setting 'severity' must map termlint severities (error, "
                        "warning, info, suggestion) to error, warning, information or hint")
        return out
    for ours, theirs in value.items():
        if ours not in DEFAULT_SEVERITIES:
            problems.append(f"termlint setting 'severity': unknown termlint severity {ours!r} "
                            "(expected error, warning, info or suggestion)")
        elif not isinstance(theirs, str) or theirs.lower() not in LSP_SEVERITIES:
            problems.append(f"termlint setting 'severity.{ours}': {theirs!r} is not one of "
                            "error, warning, information, hint")
        else:
            out[ours] = LSP_SEVERITIES[theirs.lower()]
    return out
