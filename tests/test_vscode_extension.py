"""The VS Code extension (editors/vscode, issue 18): it builds into a .vsix from pinned npm
packages, and its manifest starts for every format termlint reads.

VS Code's own extension tests download VS Code and cannot run here; what the editor reads
from the .vsix (the manifest and the bundled script) is checked instead. The first build
installs the locked packages from the npm registry (about a minute); later builds reuse
node_modules when package-lock.json has not changed (``build.sh``)."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from termlint.sources import _REGISTRY

HERE = Path(__file__).resolve().parent.parent / "editors" / "vscode"
#: The languages VS Code itself gives these suffixes (its built-in language extensions).
BUILT_IN = {".md": "markdown", ".markdown": "markdown", ".txt": "plaintext", ".json": "json",
            ".yaml": "yaml", ".yml": "yaml", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".xml": "xml"}


@pytest.fixture(scope="module")
def vsix() -> zipfile.ZipFile:
    proc = subprocess.run(["sh", str(HERE / "build.sh")], capture_output=True, text=True,
                          timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return zipfile.ZipFile(HERE / "termlint.vsix")


def _manifest(vsix: zipfile.ZipFile) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(vsix.read("extension/package.json"))
    return loaded


def test_the_vsix_holds_the_bundle_and_nothing_else(vsix: zipfile.ZipFile) -> None:
    names = set(vsix.namelist())
    manifest = _manifest(vsix)
    main = "extension/" + manifest["main"].removeprefix("./")
    assert main in names and main.endswith(".js")
    assert not any("node_modules" in n or n.endswith(".ts") for n in names), names
    bundle = vsix.read(main).decode()
    # The client is bundled (no node_modules in the .vsix) and starts `<termlint.path> lsp`.
    assert "vscode-languageclient" in bundle or "LanguageClient" in bundle
    assert '"lsp"' in bundle and "termlint.restart" in bundle
    assert 'require("vscode")' in bundle  # the editor's API stays external


def test_the_manifest_settings_and_engine(vsix: zipfile.ZipFile) -> None:
    manifest = _manifest(vsix)
    settings = manifest["contributes"]["configuration"]["properties"]
    assert settings["termlint.path"]["default"] == "termlint"
    assert settings["termlint.args"]["type"] == "array"
    assert settings["termlint.severity"]["type"] == "object"
    assert set(settings["termlint.severity"]["additionalProperties"]["enum"]) == {
        "error", "warning", "information", "hint"}
    # Every setting the extension passes to the server is one a user can set.
    source = (HERE / "src" / "extension.ts").read_text(encoding="utf-8")
    block = source[source.index("SERVER_SETTINGS = ["):]
    passed = re.findall(r'"(\w+)"', block[: block.index("];")])
    assert "severity" in passed and "debounce" in passed
    assert all(f"termlint.{name}" in settings for name in passed), passed
    assert settings["termlint.debounce"]["default"] == 150
    assert manifest["license"] == "GPL-3.0-or-later"
    # The engine is the one vscode-languageclient needs, not older.
    client = json.loads((HERE / "node_modules" / "vscode-languageclient" / "package.json")
                        .read_text(encoding="utf-8"))
    assert manifest["engines"]["vscode"] == client["engines"]["vscode"]
    assert manifest["contributes"]["commands"][0]["command"] == "termlint.restart"


def test_every_format_termlint_reads_starts_the_extension(vsix: zipfile.ZipFile) -> None:
    manifest = _manifest(vsix)
    language = dict(BUILT_IN)
    for contributed in manifest["contributes"]["languages"]:
        for suffix in contributed.get("extensions", ()):
            language[suffix] = contributed["id"]
    activation = set(manifest["activationEvents"])
    source = (HERE / "src" / "extension.ts").read_text(encoding="utf-8")
    patterns = set(re.findall(r'"([a-z]+)"', source[source.index("PATTERNS"):
                                                     source.index("];")]))
    suffixes = {s for _, _, group in _REGISTRY for s in group}
    assert len(suffixes) >= 20
    for suffix in suffixes:
        assert f"onLanguage:{language[suffix]}" in activation, suffix
        assert suffix[1:] in patterns, suffix  # the client sends the file to the server


def test_the_npm_packages_are_pinned() -> None:
    manifest = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    pinned = {**manifest["dependencies"], **manifest["devDependencies"]}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in pinned.values()), pinned
    assert pinned["@vscode/vsce"].startswith("3.")  # 4.x needs Node 22; Debian has 20
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in pinned.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
