"""Fetch one member's catalogue.json: http(s) with a timeout and a size limit, file:// and paths.

Reading stops as soon as the limit is passed (a huge or endless response costs `max_bytes`), and
the whole request must finish within a deadline of a few times `timeout`, so a server that
trickles bytes cannot hold the harvest. Every failure is a FetchError whose text is the reason
in Chinese, for the one line per member that the harvest prints.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHUNK = 64 * 1024
DEADLINE_FACTOR = 3  # the whole transfer may take this many timeouts
USER_AGENT = "jgsw-federate/1 (+schema/catalogue.schema.json)"


class FetchError(Exception):
    """The reason, in Chinese, why a catalogue could not be fetched."""


def _too_big(limit: int) -> FetchError:
    return FetchError(f"catalogue.json 超过大小上限 {limit} 字节（max_bytes）")


def _read_limited(stream, limit: int, deadline: float | None = None) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > limit:
            raise _too_big(limit)
        parts.append(chunk)
        if deadline is not None and time.monotonic() > deadline:
            raise FetchError("下载超时（传输过慢）")


def _fetch_http(url: str, timeout: float, limit: int) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "application/json"})
    deadline = time.monotonic() + timeout * DEADLINE_FACTOR
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — http(s) only
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise _too_big(limit)
            return _read_limited(response, limit, deadline)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"服务器返回 HTTP {exc.code}（{exc.reason}）") from exc
    except TimeoutError as exc:
        raise FetchError(f"连接超时（超过 {timeout:g} 秒无响应）") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"连接超时（超过 {timeout:g} 秒无响应）") from exc
        text = getattr(reason, "strerror", None) or str(reason)
        raise FetchError(f"无法连接：{text}") from exc
    except (OSError, ValueError) as exc:  # connection reset, bad chunked encoding, …
        raise FetchError(f"下载失败：{type(exc).__name__} {exc}") from exc


def _fetch_file(path: Path, limit: int) -> bytes:
    try:
        if not path.is_file():
            raise FetchError(f"找不到文件 {path}")
        if path.stat().st_size > limit:
            raise _too_big(limit)
        with path.open("rb") as stream:
            return _read_limited(stream, limit)
    except OSError as exc:
        raise FetchError(f"无法读取 {path}：{exc.strerror or type(exc).__name__}") from exc


def fetch(location: str, timeout: float, limit: int) -> bytes:
    """The bytes at `location` (http(s) URL, file:// URL or a local path)."""
    parts = urlsplit(location)
    if parts.scheme in ("http", "https"):
        return _fetch_http(location, timeout, limit)
    if parts.scheme == "file":
        return _fetch_file(Path(unquote(parts.path)), limit)
    return _fetch_file(Path(location), limit)
