"""Fetch a term-bank export over HTTP(S) for ``termlint vocab import --url``.

The GET itself, with its guards (http(s) only, no credentials in the address, credentials
dropped on a redirect to another host, time and size limits), is :mod:`termlint.httpget`,
shared with ``termlint vocab sync``. This module adds what is Termed's: credentials come only
from the environment, never from the command line (where ``ps`` and shell history would keep
them) and never into the written file: ``TERMLINT_TERMED_TOKEN`` (sent as a bearer token), or
``TERMLINT_TERMED_USER`` and ``TERMLINT_TERMED_PASSWORD`` (HTTP Basic, which every termed-api
request needs); and a termed-api address is completed into the graph's dump.
"""

from __future__ import annotations

import base64
import os
import urllib.parse
from collections.abc import Mapping

from termlint import httpget
from termlint.httpget import Fetched, FetchError

__all__ = ["FetchError", "Fetched", "check_url", "credentials", "fetch", "termed_url"]

USER, PASSWORD, TOKEN = "TERMLINT_TERMED_USER", "TERMLINT_TERMED_PASSWORD", "TERMLINT_TERMED_TOKEN"
#: Largest export read (bytes); a bigger answer is refused rather than held in memory.
MAX_BYTES = 256 * 1024 * 1024
TIMEOUT = httpget.TIMEOUT
_WHERE = f"set {USER} and {PASSWORD} (or {TOKEN}) in the environment"


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
    return httpget.check_url(url, _WHERE)


def fetch(url: str, accept: str, env: Mapping[str, str] | None = None,
          timeout: float = TIMEOUT) -> Fetched:
    """GET ``url`` with ``Accept: accept`` and the credentials of ``env`` (default: the
    process's environment); errors are :class:`FetchError` with one line."""
    auth = credentials(env)
    try:
        return httpget.fetch(url, max_bytes=MAX_BYTES, accept=accept, authorization=auth,
                             credentials_hint=_WHERE, timeout=timeout)
    except FetchError as exc:
        if exc.status not in (401, 403):
            raise
        hint = (f" (set {USER} and {PASSWORD}, or {TOKEN})" if not auth
                else " (check the credentials in the environment)")
        raise FetchError(exc.url, exc.reason + hint, exc.status) from None


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
        raise FetchError(base, "give --graph ID (the termed-api graph to import), or the "
                         "address of a dump, nodes or node-trees listing")
    api = path if path.endswith("/api") else f"{path}/api"
    quoted = urllib.parse.quote(graph, safe="")
    return urllib.parse.urlunsplit(parts._replace(path=f"{api}/graphs/{quoted}/dump", query=""))
