"""Fetch a term-bank export over HTTP(S) for ``termlint vocab import --url``.

The standard library's urllib is enough for one GET with a header or two, so no HTTP library is
added. Credentials come only from the environment, never from the command line (where ``ps``
and shell history would keep them) and never into the written file: ``TERMLINT_TERMED_TOKEN``
(sent as a bearer token), or ``TERMLINT_TERMED_USER`` and ``TERMLINT_TERMED_PASSWORD`` (HTTP
Basic, which every termed-api request needs). They are sent only to the host named in the URL:
a redirect to another host, or from HTTPS to HTTP, goes on without them.
"""

from __future__ import annotations

import base64
import hashlib
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from http.client import HTTPMessage
from typing import IO

USER, PASSWORD, TOKEN = "TERMLINT_TERMED_USER", "TERMLINT_TERMED_PASSWORD", "TERMLINT_TERMED_TOKEN"
#: Largest export read (bytes); a bigger answer is refused rather than held in memory.
MAX_BYTES = 256 * 1024 * 1024
TIMEOUT = 60.0


class FetchError(Exception):
    """A fetch that failed; ``str()`` is one line naming the URL and what went wrong."""


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str
    fetched_at: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def text(self) -> str:
        return self.data.decode("utf-8-sig")


def credentials(env: Mapping[str, str] | None = None) -> str | None:
    """The ``Authorization`` header value from the environment, or None."""
    env = os.environ if env is None else env
    if env.get(TOKEN):
        return f"Bearer {env[TOKEN]}"
    if env.get(USER):
        pair = f"{env[USER]}:{env.get(PASSWORD, '')}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


def check_url(url: str) -> str:
    """The URL if it is http(s) without credentials in it; else a :class:`FetchError`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http or https address")
    if parts.username or parts.password:
        raise FetchError(f"{parts.hostname}: credentials in the address are refused; set "
                         f"{USER} and {PASSWORD} (or {TOKEN}) in the environment")
    return url


class _SameHostAuth(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but drop the credentials when the host or the scheme changes."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        old_parts, new_parts = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if new is not None and (old_parts.netloc != new_parts.netloc
                                or (old_parts.scheme, new_parts.scheme) == ("https", "http")):
            new.remove_header("Authorization")
        return new


def fetch(url: str, accept: str, env: Mapping[str, str] | None = None,
          timeout: float = TIMEOUT) -> Fetched:
    """GET ``url`` with ``Accept: accept``; errors are :class:`FetchError` with one line."""
    check_url(url)
    request = urllib.request.Request(url, headers={"Accept": accept,
                                                   "User-Agent": "termlint"})
    auth = credentials(env)
    if auth:
        request.add_header("Authorization", auth)
    opener = urllib.request.build_opener(_SameHostAuth)
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        hint = ""
        if exc.code in (401, 403):
            hint = (f" (set {USER} and {PASSWORD}, or {TOKEN})" if not auth
                    else " (check the credentials in the environment)")
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}{hint}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        raise FetchError(f"{url}: cannot fetch: {reason}") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"{url}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    when = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Fetched(url=url, data=data, content_type=content_type.split(";")[0].strip().lower(),
                   fetched_at=when)


def termed_url(base: str, graph: str | None) -> str:
    """The URL to fetch for a termed-api address: the graph's dump for a base address and a
    graph id; an address already naming ``/api/graphs/…`` as it is, with ``max=-1`` added to a
    node listing (whose default is 50 nodes); the address of an export file as it is."""
    parts = urllib.parse.urlsplit(base)
    path = parts.path.rstrip("/")
    if "/api/graphs/" in path + "/":
        if path.endswith(("/nodes", "/node-trees")):
            query = urllib.parse.parse_qs(parts.query)
            if "max" not in query:
                extra = "max=-1"
                return urllib.parse.urlunsplit(parts._replace(
                    query=f"{parts.query}&{extra}" if parts.query else extra))
        return base
    if not graph and "." in path.rsplit("/", 1)[-1]:
        return base  # an export file put on a web server (dump.json, nodes.ttl)
    if not graph:
        raise FetchError(f"{base}: give --graph ID (the termed-api graph to import), or the "
                         "address of a dump, nodes or node-trees listing")
    api = path if path.endswith("/api") else f"{path}/api"
    quoted = urllib.parse.quote(graph, safe="")
    return urllib.parse.urlunsplit(parts._replace(path=f"{api}/graphs/{quoted}/dump", query=""))
