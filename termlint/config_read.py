"""Reading configuration files: YAML or TOML text into plain data, with the line of each key.

Split from :mod:`termlint.config` (which validates the data and builds the model) so that each
stays small; the readers guard against what a hostile file can do to a parser (alias bombs,
deep nesting, wrong encodings) and turn it into a one-line :class:`ConfigError`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["ConfigError", "Located", "read_text", "read_toml", "yaml_lines"]


class ConfigError(Exception):
    """A configuration problem, located as ``path:line: message`` when the line is known."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class Located:
    """Values paired with the line of their key, from YAML nodes or a TOML text scan."""

    def __init__(self, path: Path, lines: Mapping[str, int]) -> None:
        self.path = path
        self.lines = lines

    def error(self, where: str, message: str) -> ConfigError:
        return ConfigError(self.path, self.lines.get(where), message)


def yaml_lines(text: str, path: Path) -> tuple[Any, dict[str, int]]:
    import yaml

    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise ConfigError(path, line, f"not valid YAML: {problem}") from None
    except RecursionError:
        raise ConfigError(path, None, "not valid YAML: nested too deeply") from None
    lines: dict[str, int] = {}
    # Iterative, and each node once: an alias bomb (a billion laughs) or deep nesting in a
    # config file must cost no more than its text.
    seen: set[int] = set()
    stack: list[tuple[Any, str]] = [(node, "")] if node is not None else []
    while stack:
        n, prefix = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                name = f"{prefix}{k.value}"
                lines.setdefault(name, k.start_mark.line + 1)
                stack.append((v, name + "."))
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                lines.setdefault(f"{prefix}{i}", item.start_mark.line + 1)
                stack.append((item, f"{prefix}{i}."))
    return data, lines


def toml_lines(text: str) -> dict[str, int]:
    """Line of each key inside ``[tool.termlint]`` and its sub-tables (a plain text scan)."""
    lines: dict[str, int] = {}
    section: str | None = None
    counts: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            name = header.group(1).replace('"', "")
            if name == "tool.termlint":
                section = ""
            elif name.startswith("tool.termlint."):
                section = name[len("tool.termlint."):]
                if line.startswith("[["):
                    index = counts.get(section, 0)
                    counts[section] = index + 1
                    lines.setdefault(section, number)
                    section = f"{section}.{index}"
                lines.setdefault(section, number)
            else:
                section = None
            continue
        key = re.match(r"^([A-Za-z0-9_\"'-]+)\s*=", line)
        if section is not None and key:
            name = key.group(1).strip("\"'").replace("_", "-")
            lines[f"{section}.{name}" if section else name] = number
    return lines


def read_toml(path: Path) -> tuple[dict[str, Any] | None, dict[str, int]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise ConfigError(path, int(found.group(1)) if found else None,
                          f"not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses per nested array or inline table
        raise ConfigError(path, None, "not valid TOML: nesting too deep") from None
    table = data.get("tool", {}).get("termlint")
    return (table if isinstance(table, dict) else None), toml_lines(text)


def read_text(path: Path) -> str:
    """A config file's text, or a one-line :class:`ConfigError` (unreadable, not UTF-8): a
    configuration file is UTF-8, and a wrong byte is named with its line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(path, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                          "configuration files are UTF-8") from None
