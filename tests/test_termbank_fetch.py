"""``termlint vocab import --url`` against a local HTTP server serving the term-bank fixtures:
a termed-api that needs HTTP Basic authentication, a Sanastot export address, error statuses,
credentials that never reach the command line, the written file or another host."""

from __future__ import annotations

import base64
import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from termlint.vocab.fetch import FetchError, check_url, credentials, termed_url
from tests.cli_helpers import run_cli

DATA = Path(__file__).parent / "data" / "termbank"
USER, PASSWORD = "sanastaja", "salasana-123"
GOOD = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


class _Handler(http.server.BaseHTTPRequestHandler):
    #: (path, Authorization header, Accept header) of every request, for the assertions.
    seen: ClassVar[list[tuple[str, str | None, str | None]]] = []
    other_port = 0

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(self, code: int, body: bytes, content_type: str = "text/plain") -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        auth = self.headers.get("Authorization")
        _Handler.seen.append((self.path, auth, self.headers.get("Accept")))
        if self.path.startswith("/api/"):
            if auth != GOOD:
                self._send(401, b"authentication required")
                return
            if self.path == "/api/graphs/0c0ffee0/dump":
                self._send(200, (DATA / "thl-dump.json").read_bytes(),
                           "application/json;charset=UTF-8")
            elif self.path == "/api/graphs/0c0ffee0/types/Concept/node-trees?max=-1":
                self._send(200, (DATA / "thl-node-trees.json").read_bytes(), "application/json")
            elif self.path == "/api/graphs/moved/dump":
                self.send_response(302)
                self.send_header("Location",
                                 f"http://localhost:{_Handler.other_port}/api/graphs/0c0ffee0/dump")
                self.end_headers()
            else:
                self._send(404, b"no such graph")
        elif self.path == "/terminology-api/v2/export/testisanasto":
            self._send(200, (DATA / "sanastot.ttl").read_bytes(), "text/turtle")
        else:
            self._send(404, b"not found")


def _serve() -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    return server, thread


@pytest.fixture()
def server() -> Iterator[str]:
    """The base address of a local server (a second one takes redirects to another host)."""
    main, _ = _serve()
    other, _ = _serve()
    _Handler.other_port = other.server_address[1]
    _Handler.seen = []
    try:
        yield f"http://127.0.0.1:{main.server_address[1]}"
    finally:
        for one in (main, other):
            one.shutdown()
            one.server_close()


def test_termed_dump_with_credentials_from_the_environment(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_TERMED_USER", USER)
    monkeypatch.setenv("TERMLINT_TERMED_PASSWORD", PASSWORD)
    out = tmp_path / "thl.yaml"
    code, _, err = run_cli(["vocab", "import", "--from", "termed", "--url", server,
                            "--graph", "0c0ffee0", "-o", str(out)])
    assert code == 0, err
    assert _Handler.seen[0][:2] == ("/api/graphs/0c0ffee0/dump", GOOD)
    assert _Handler.seen[0][2] == "application/json"
    text = out.read_text(encoding="utf-8")
    digest = hashlib.sha256((DATA / "thl-dump.json").read_bytes()).hexdigest()
    url = f"{server}/api/graphs/0c0ffee0/dump"
    assert text.startswith(f"# Imported by termlint from {url} (termed).\n# Fetched: 20")
    assert f"# SHA-256 of the input: {digest}\n" in text
    assert f"source: {url}\n" in text  # the vocabulary cites where it was fetched
    assert "\nid: sote\ntitle: Testisanasto\n" in text  # the graph's code, not 'termed'
    assert PASSWORD not in text and USER not in text
    assert "3 concepts imported" in err
    code, out_text, _ = run_cli(["vocab", "validate", str(out)])
    assert code == 0, out_text


def test_node_tree_listing_asks_for_every_node(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_TERMED_TOKEN", "ignored-by-this-server")
    monkeypatch.setenv("TERMLINT_TERMED_USER", USER)
    monkeypatch.setenv("TERMLINT_TERMED_PASSWORD", PASSWORD)
    code, _, err = run_cli(["vocab", "import", "--from", "termed", "--url",
                            f"{server}/api/graphs/0c0ffee0/types/Concept/node-trees",
                            "-o", str(tmp_path / "x.yaml")])
    # The token wins over user and password; this server wants Basic, so: 401, one line.
    assert code == 2
    assert err.count("\n") == 1 and "HTTP 401" in err and "check the credentials" in err
    assert _Handler.seen[0][0].endswith("node-trees?max=-1")
    monkeypatch.delenv("TERMLINT_TERMED_TOKEN")
    code, _, err = run_cli(["vocab", "import", "--from", "termed", "--url",
                            f"{server}/api/graphs/0c0ffee0/types/Concept/node-trees",
                            "-o", str(tmp_path / "x.yaml")])
    assert code == 0, err


def test_missing_credentials_and_error_status_are_one_line_errors(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TERMLINT_TERMED_USER", "TERMLINT_TERMED_PASSWORD", "TERMLINT_TERMED_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    out = tmp_path / "x.yaml"
    code, _, err = run_cli(["vocab", "import", "--from", "termed", "--url", server,
                            "--graph", "0c0ffee0", "-o", str(out)])
    assert (code, err.count("\n")) == (2, 1)
    assert "HTTP 401" in err and "TERMLINT_TERMED_USER" in err
    code, _, err = run_cli(["vocab", "import", "--from", "sanastot", "--url",
                            f"{server}/terminology-api/v2/export/puuttuu", "-o", str(out)])
    assert (code, err) == (2, f"termlint: error: {server}/terminology-api/v2/export/puuttuu: "
                              "HTTP 404 Not Found\n")
    assert not out.exists()


def test_credentials_are_refused_in_the_address(tmp_path: Path) -> None:
    code, _, err = run_cli(["vocab", "import", "--from", "termed", "--url",
                            f"https://{USER}:{PASSWORD}@termed.example.org/", "--graph", "g",
                            "-o", str(tmp_path / "x.yaml")])
    assert code == 2 and PASSWORD not in err and "in the environment" in err
    with pytest.raises(FetchError):
        check_url("file:///etc/passwd")


def test_credentials_do_not_follow_a_redirect_to_another_host(
        server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_TERMED_USER", USER)
    monkeypatch.setenv("TERMLINT_TERMED_PASSWORD", PASSWORD)
    code, _, err = run_cli(["vocab", "import", "--from", "termed", "--url", server,
                            "--graph", "moved", "-o", str(tmp_path / "x.yaml")])
    assert code == 2 and "HTTP 401" in err
    assert [auth for _, auth, _ in _Handler.seen] == [GOOD, None]


def test_sanastot_export_address(server: str, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_TERMED_USER", USER)
    monkeypatch.setenv("TERMLINT_TERMED_PASSWORD", PASSWORD)
    out = tmp_path / "sanastot.yaml"
    url = f"{server}/terminology-api/v2/export/testisanasto"
    code, _, err = run_cli(["vocab", "import", "--from", "sanastot", "--url", url,
                            "-o", str(out)])
    assert code == 0, err
    path, auth, accept = _Handler.seen[0]
    assert path == "/terminology-api/v2/export/testisanasto"
    assert auth is None  # Termed credentials go to a termed-api only
    assert accept is not None and accept.startswith("text/turtle")
    text = out.read_text(encoding="utf-8")
    assert f"# Imported by termlint from {url} (sanastot).\n" in text
    assert "id: testisanasto\n" in text
    assert "2 concepts imported" in err
    assert "not understood, left out: concept ex:internalCode ×1, label ex:reviewer ×1" in err


def test_termed_addresses() -> None:
    assert termed_url("https://t.example/", "g 1") == "https://t.example/api/graphs/g%201/dump"
    assert termed_url("https://t.example/api", "g") == "https://t.example/api/graphs/g/dump"
    nodes = "https://t.example/api/graphs/g/types/Concept/nodes"
    assert termed_url(nodes, None) == nodes + "?max=-1"
    assert termed_url(nodes + "?max=10", None) == nodes + "?max=10"
    with pytest.raises(FetchError, match="--graph"):
        termed_url("https://t.example/", None)
    assert termed_url("https://t.example/vienti/dump.json", None) == \
        "https://t.example/vienti/dump.json"
    assert credentials({}) is None
    assert credentials({"TERMLINT_TERMED_TOKEN": "t"}) == "Bearer t"
