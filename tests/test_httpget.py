"""The one HTTP GET that ``vocab import --url`` and ``vocab sync`` share, against a local
server: each guard on its own (scheme, credentials in the address, credentials and redirects,
time, size) and every failure one line naming the address."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import pytest

from termlint.httpget import FetchError, check_url, fetch

BODY = b"id: testi\n" * 10  # 100 bytes


class _Handler(http.server.BaseHTTPRequestHandler):
    #: (host the request went to, path, Authorization header) of every request.
    seen: ClassVar[list[tuple[str, str, str | None]]] = []
    other = ""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        _Handler.seen.append((self.headers.get("Host", ""), self.path,
                              self.headers.get("Authorization")))
        if self.path == "/body":
            self.send_response(200)
            self.send_header("Content-Type", "text/yaml; charset=utf-8")
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)
        elif self.path == "/same-host":
            self._redirect("/body")
        elif self.path == "/other-host":
            self._redirect(f"{_Handler.other}/body")
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/etc/passwd")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/silent":
            time.sleep(1.5)
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "40")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture()
def base() -> Iterator[str]:
    """``http://127.0.0.1:PORT``; redirects to "another host" go to ``localhost`` on a second
    server (another netloc, as a browser and urllib see it)."""
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler) for _ in range(2)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                         daemon=True).start()
    _Handler.seen = []
    _Handler.other = f"http://localhost:{servers[1].server_address[1]}"
    try:
        yield f"http://127.0.0.1:{servers[0].server_address[1]}"
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def _error(url: str, **options: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, max_bytes=1000, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message and message.startswith(caught.value.url)
    return caught.value


def test_a_plain_fetch(base: str) -> None:
    got = fetch(f"{base}/body", max_bytes=1000, accept="text/yaml")
    assert (got.data, got.content_type, got.url) == (BODY, "text/yaml", f"{base}/body")
    assert got.fetched_at.endswith("Z") and len(got.sha256) == 64


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x.yaml",
                                 "gopher://127.0.0.1/", "http:///no-host", "/etc/passwd"])
def test_only_http_and_https_addresses(url: str) -> None:
    assert "not an http or https address" in _error(url).reason


@pytest.mark.parametrize("path", ["/to-ftp", "/to-file"])
def test_a_redirect_away_from_http_is_refused(base: str, path: str) -> None:
    error = _error(f"{base}{path}")
    assert "redirected to a" in error.reason and "http and https only" in error.reason
    assert [p for _, p, _ in _Handler.seen] == [path]


def test_credentials_in_the_address_are_refused_without_echoing_them(base: str) -> None:
    port = base.rsplit(":", 1)[1]
    error = _error(f"http://me:s3cret@127.0.0.1:{port}/body",
                   credentials_hint="set X in the environment")
    assert error.reason == "credentials in the address are refused; set X in the environment"
    assert "s3cret" not in str(error)
    assert "s3cret" not in str(_error("ftp://me:s3cret@127.0.0.1/x"))
    assert _Handler.seen == []  # nothing was sent
    with pytest.raises(FetchError, match="credentials in the address"):
        check_url(f"http://me@127.0.0.1:{port}/")


def test_credentials_go_to_the_named_host_and_stay_on_a_same_host_redirect(base: str) -> None:
    assert fetch(f"{base}/same-host", max_bytes=1000, authorization="Basic c2VjcmV0").data \
        == BODY
    assert [(p, a) for _, p, a in _Handler.seen] == [("/same-host", "Basic c2VjcmV0"),
                                                    ("/body", "Basic c2VjcmV0")]


def test_credentials_are_dropped_on_a_redirect_to_another_host(base: str) -> None:
    assert fetch(f"{base}/other-host", max_bytes=1000, authorization="Basic c2VjcmV0").data \
        == BODY
    assert [(h.split(":")[0], p, a) for h, p, a in _Handler.seen] == [
        ("127.0.0.1", "/other-host", "Basic c2VjcmV0"), ("localhost", "/body", None)]


def test_an_answer_over_the_size_limit_is_refused(base: str) -> None:
    assert fetch(f"{base}/body", max_bytes=len(BODY)).data == BODY
    with pytest.raises(FetchError) as caught:
        fetch(f"{base}/body", max_bytes=len(BODY) - 1, limit_hint="SOME_LIMIT_MB")
    assert caught.value.reason.startswith("larger than ") and "(SOME_LIMIT_MB): refused" in \
        caught.value.reason


def test_a_server_that_does_not_answer_times_out(base: str) -> None:
    started = time.monotonic()
    assert "no answer within 0.3 s" in _error(f"{base}/silent", timeout=0.3).reason
    assert time.monotonic() - started < 1.4


def test_an_answer_that_trickles_is_cut_at_the_deadline(base: str) -> None:
    # Each byte comes well within the timeout; the whole answer does not come within the
    # deadline.
    assert "not done within 0.3 s" in _error(f"{base}/trickle", timeout=5, deadline=0.3).reason


def test_error_statuses_and_refused_connections_are_one_line(base: str) -> None:
    error = _error(f"{base}/missing")
    assert (error.reason, error.status) == ("HTTP 404 Not Found", 404)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]  # bound, never listening: the connection is refused
    assert _error(f"http://127.0.0.1:{closed}/x").reason.startswith("cannot fetch: ")
