"""One HTTP(S) GET, made safe once for every part of termlint that fetches a URL.

``termlint vocab import --url`` (a term-bank export) and ``termlint vocab sync`` (a ``url:``
package) both fetch what a user or a configuration names, so both need the same guards, kept
here rather than twice:

- only ``http://`` and ``https://`` addresses, also after a redirect (urllib alone follows a
  redirect to ``ftp:``; a ``file:`` address would read the local disk);
- no ``user:pass@`` in the address, where ``ps``, shell history and the written file's header
  would keep it: the caller passes credentials it read from the environment;
- those credentials go only to the host named in the address: a redirect to another host, or
  from HTTPS to HTTP, goes on without them;
- a time limit on connecting and on each read, and a size limit: a bigger answer is refused
  rather than held in memory;
- every failure is a :class:`FetchError` whose text is one line naming the address.

The standard library's urllib is enough for one GET with a header or two, so no HTTP library is
added. This module knows nothing of termlint (it sits in the ground layer), so the vocabulary
and the package layers can both use it.
"""

from __future__ import annotations

import hashlib
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from http.client import HTTPException, HTTPMessage
from typing import IO

__all__ = ["SCHEMES", "FetchError", "Fetched", "check_url", "fetch"]

SCHEMES = ("http", "https")
#: Seconds to connect, and to wait for each read, by default.
TIMEOUT = 60.0
#: Seconds the whole answer may take, by default.
DEADLINE = 300.0
_CHUNK = 1 << 16


class _Overdue(Exception):
    """The answer was still coming at the deadline."""


def _read(response: IO[bytes], most: int, until: float) -> bytes:
    """At most ``most`` bytes of ``response``, read before the monotonic time ``until``."""
    chunks: list[bytes] = []
    size = 0
    while size < most:
        if time.monotonic() > until:
            raise _Overdue
        chunk = response.read(min(_CHUNK, most - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


class FetchError(Exception):
    """A fetch that failed. ``str()`` is one line, ``url: reason``; ``reason`` alone is kept
    for callers that name the thing fetched their own way."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        #: The HTTP status of an error answer, if there was one.
        self.status = status


@dataclass(frozen=True)
class Fetched:
    """What a GET brought back, with the address after redirects and the time of the fetch."""

    url: str
    data: bytes
    #: The media type of the answer, lower case, without parameters (``text/turtle``).
    content_type: str
    #: When the answer came, UTC, to the second (``2026-12-04T15:01:08Z``).
    fetched_at: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def text(self) -> str:
        return self.data.decode("utf-8-sig")


def _one_line(text: object) -> str:
    return " ".join(str(text).split()) or "?"


def check_url(url: str, credentials_hint: str = "") -> str:
    """``url`` if it is http(s), names a host and holds no credentials; else a
    :class:`FetchError` (which never repeats a password it was given)."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        has_credentials = parts.username is not None or parts.password is not None
    except ValueError as exc:  # a bad port or a bracketed host that is not an address
        raise FetchError(_one_line(url), f"not a valid address: {exc}") from None
    if parts.scheme.lower() not in SCHEMES or not host:
        if has_credentials:
            url = urllib.parse.urlunsplit(parts._replace(netloc=host or ""))
        raise FetchError(_one_line(url), "not an http or https address")
    if has_credentials:
        hint = f"; {credentials_hint}" if credentials_hint else ""
        raise FetchError(host, f"credentials in the address are refused{hint}")
    return url


def _check_redirect(url: str, target: str) -> None:
    parts = urllib.parse.urlsplit(target)
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, f"redirected to a {parts.scheme or 'schemeless'}: address, which "
                              "is not fetched (http and https only)")
    if parts.username is not None or parts.password is not None:
        raise FetchError(url, "redirected to an address with credentials in it: refused")


class _SafeRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only, and drop the credentials when the host or the scheme
    changes."""

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: HTTPMessage) -> IO[bytes] | None:
        # urllib refuses a redirect to file: itself, with a message of its own; checked here
        # first, every scheme is refused the same way.
        location = headers.get("location") or headers.get("uri")
        if location:
            _check_redirect(req.full_url, urllib.parse.urljoin(req.full_url, location))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        _check_redirect(req.full_url, newurl)
        new_parts = urllib.parse.urlsplit(newurl)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        old_parts = urllib.parse.urlsplit(req.full_url)
        if new is not None and (old_parts.netloc.lower() != new_parts.netloc.lower()
                                or (old_parts.scheme, new_parts.scheme) == ("https", "http")):
            new.remove_header("Authorization")
        return new


def fetch(url: str, *, max_bytes: int, limit_hint: str = "", accept: str = "*/*",
          authorization: str | None = None, credentials_hint: str = "",
          timeout: float = TIMEOUT, deadline: float = DEADLINE,
          user_agent: str = "termlint") -> Fetched:
    """GET ``url``: at most ``max_bytes`` of answer, ``authorization`` (an ``Authorization``
    header value the caller read from the environment) sent only to ``url``'s host.

    ``limit_hint`` follows the size in the error for a bigger answer (the setting that raises
    the limit); ``credentials_hint`` says where credentials go instead of the address.
    ``timeout`` bounds connecting and each wait for bytes, ``deadline`` the whole answer (a
    server sending a byte a minute is cut off too)."""
    check_url(url, credentials_hint)
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": user_agent})
    if authorization:
        request.add_header("Authorization", authorization)
    opener = urllib.request.build_opener(_SafeRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = str(response.headers.get("Content-Type", ""))
            data = _read(response, max_bytes + 1, time.monotonic() + deadline)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(url, f"HTTP {exc.code} {_one_line(exc.reason)}", exc.code) from None
    except urllib.error.URLError as exc:
        raise FetchError(url, f"cannot fetch: {_one_line(exc.reason)}") from None
    except TimeoutError:
        raise FetchError(url, f"cannot fetch: no answer within {timeout:g} s") from None
    except _Overdue:
        raise FetchError(url, f"cannot fetch: not done within {deadline:g} s") from None
    except (OSError, HTTPException, ValueError) as exc:
        raise FetchError(url, f"cannot fetch: {_one_line(exc)}") from None
    if len(data) > max_bytes:
        size = f"{max_bytes / 1048576:g} MiB"
        raise FetchError(url, f"larger than {size}{f' ({limit_hint})' if limit_hint else ''}: "
                              "refused")
    when = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Fetched(url=url, data=data, content_type=content_type.split(";")[0].strip().lower(),
                   fetched_at=when)
