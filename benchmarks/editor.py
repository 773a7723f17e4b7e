"""How fast an edited buffer is linted again: the language server's path (issue 18, item 3).

Builds a 2,000-line Markdown file and a 5,000-key JSON file of generated Finnish sentences
(one line in twenty holds a non-recommended term), then, for each, changes one character
in the middle and lints the buffer again, many times over, as ``termlint lsp`` does after a
keystroke:

* **in process**: what the server's worker runs for a buffer (``TermlintServer._lint_now``:
  :meth:`termlint.buffer.Checker.check` with the buffer's state, the last document spliced
  where the reader can and the matches of unchanged segments, then the findings'
  diagnostics, those of unmoved findings reused), then the same for a buffer without state
  (the whole text read and linted again, every diagnostic made);
* **over stdio**: a minimal client starts ``termlint lsp``, opens the buffer, and times each
  ``didChange`` (one character, incremental sync as editors send it; debounce 0) to the
  ``publishDiagnostics`` for that version.

Every time is a median over ``--runs`` edits after a warm-up edit; the machine is shared, so
run it a few times and compare. Usage::

    .venv/bin/python benchmarks/editor.py [--runs 30]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("Asiakas", "voi", "varata", "ajan", "hyvinvointialueen", "palvelusta", "ja", "saa",
         "tietoa", "hoidosta", "verkossa", "lomakkeella", "terveysasemalla", "tänään",
         "kotihoidon", "asiakkaana", "sinulla", "on", "oikeus", "tietää")
FLAGGED = ("Käytä sähköisiä palveluja.", "Sähköisissä palveluissa voit asioida.",
           "Katso e-palvelun ohje.")


def sentence(rng: random.Random, index: int) -> str:
    if index % 20 == 7:
        return rng.choice(FLAGGED)
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return " ".join(words).capitalize() + f" ({index})."


def markdown(lines: int = 2000) -> str:
    rng = random.Random(18)
    out = []
    for i in range(lines):
        if i % 25 == 0:
            out.append(f"## Osio {i // 25}")
        elif i % 25 == 1 or i % 25 == 24:
            out.append("")
        else:
            out.append(sentence(rng, i))
    return "\n".join(out) + "\n"


def strings(keys: int = 5000) -> str:
    rng = random.Random(18)
    values = {f"screen{i // 50}.item{i}": sentence(rng, i) for i in range(keys)}
    return json.dumps(values, ensure_ascii=False, indent=2) + "\n"


def edit_offset(text: str) -> int:
    """Where the edits are made: an "a" starting a word ("ajan", "asiakkaana") in the middle
    of the text."""
    return text.index(" a", len(text) // 2) + 1


def one_char_edits(text: str, count: int) -> list[str]:
    """``count`` texts, each ``text`` with one letter in its middle changed."""
    at = edit_offset(text)
    return [text[:at] + ("ä" if i % 2 == 0 else "a") + text[at + 1:] for i in range(count)]


def in_process(path: Path, text: str, runs: int) -> dict[str, float]:
    from termlint.lsp.server import Buffer, TermlintServer

    server = TermlintServer()
    server.apply_settings({"isolated": True})
    kept = Buffer(uri=path.as_uri(), path=str(path))
    server._lint_now(kept, text, 1, "utf-16")  # engine built, state filled
    edits = one_char_edits(text, runs + 1)
    out: dict[str, float] = {}
    for label, keep in (("with state", True), ("without state", False)):
        times = []
        for edited in edits:
            start = time.perf_counter()
            buffer = kept if keep else Buffer(uri=kept.uri, path=kept.path)
            diagnostics = server._lint_now(buffer, edited, 2, "utf-16")
            times.append(time.perf_counter() - start)
        out[label] = statistics.median(times[1:]) * 1000
        out["findings"] = len(diagnostics)
    return out


class RawClient:
    """A minimal JSON-RPC client over the server's stdio: messages written and read as
    bytes, parsed with ``json`` only, so that the time measured is the server's (a pygls
    client's own conversion of hundreds of diagnostics took as long as the server's work)."""

    def __init__(self) -> None:
        import subprocess

        self.process = subprocess.Popen([sys.executable, "-m", "termlint.cli", "lsp"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method: str, params: object, request: bool = False) -> None:
        message: dict[str, object] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self) -> dict[str, object]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        answer: dict[str, object] = json.loads(self.process.stdout.read(length))
        return answer

    def until(self, method: str, version: int | None = None) -> dict[str, object]:
        while True:
            message = self.receive()
            if message.get("method") == "workspace/configuration":
                self.reply(message["id"], [None])
                continue
            params = message.get("params")
            if message.get("method") == method and (
                    version is None or (isinstance(params, dict)
                                        and params.get("version") == version)):
                return message

    def reply(self, ident: object, result: object) -> None:
        body = json.dumps({"jsonrpc": "2.0", "id": ident, "result": result}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def close(self) -> None:
        self.send("shutdown", None, request=True)
        self.send("exit", None)
        self.process.wait(timeout=10)


def over_stdio(path: Path, text: str, runs: int) -> float:
    client = RawClient()
    client.send("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                               "initializationOptions": {"debounce": 0, "isolated": True}},
                request=True)
    while "result" not in client.receive():
        pass
    client.send("initialized", {})
    uri = path.as_uri()
    client.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "", "version": 1, "text": text}})
    client.until("textDocument/publishDiagnostics", 1)
    times = []
    at = edit_offset(text)
    line = text.count("\n", 0, at)
    character = len(text[text.rfind("\n", 0, at) + 1:at].encode("utf-16-le")) // 2
    where = {"start": {"line": line, "character": character},
             "end": {"line": line, "character": character + 1}}
    for version, edited in enumerate(one_char_edits(text, runs + 1), start=2):
        sent = time.perf_counter()
        # As editors send it (incremental sync): the range and the one new character.
        client.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": where, "text": edited[at]}]})
        client.until("textDocument/publishDiagnostics", version)
        times.append(time.perf_counter() - sent)
    client.close()
    return statistics.median(times[1:]) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="termlint-editor-bench-"))
    cases = (("2,000-line Markdown", folder / "ohje.md", markdown()),
             ("5,000-key JSON", folder / "fi.json", strings()))
    print("| buffer | findings | in process, state kept ms | in process, no state ms "
          "| didChange → diagnostics ms |")
    print("|---|---:|---:|---:|---:|")
    for label, path, text in cases:
        path.write_text(text, encoding="utf-8")
        local = in_process(path, text, args.runs)
        stdio = over_stdio(path, text, args.runs)
        print(f"| {label} | {local['findings']:.0f} | {local['with state']:.1f} "
              f"| {local['without state']:.1f} | {stdio:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
