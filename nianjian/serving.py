"""The built site served on 127.0.0.1 the way the README tells the intranet server to serve it:
HTML, CSS, JavaScript, JSON and SVG compressed with gzip, content-hashed assets kept by browsers
for a year, everything else checked with the server on each visit (ETag), the site's 404 page
for a missing one. make pdf, the browser tests and the Lighthouse audit (scripts/audit.py) read
the site through it, so what they measure is what readers get."""

from __future__ import annotations

import gzip
import http.server
import io
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http import HTTPStatus
from pathlib import Path

COMPRESSED_TYPES = frozenset(
    {"text/html", "text/css", "application/javascript", "text/javascript", "application/json", "image/svg+xml"}
)
# Names that carry their content's hash: ours (site.6757244858.js) and Material's (bundle.a5f9d56c.min.js).
HASHED_NAME = re.compile(r"^/assets/.*\.[0-9a-f]{8,}(\.min)?\.(js|css)$")
LONG_CACHE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A browser that hangs up mid-request (closing at the end of a print run) is no error
        of ours: socketserver would print a traceback for it. Anything else it prints."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def __init__(self, site_dir: Path, port: int):
        super().__init__(("127.0.0.1", port), SiteHandler)
        self.site_dir = site_dir
        # Each file's gzip, by its version: compressing plotly.js (1 MB) again on every request
        # would put the server's own time into what a browser measures.
        self.compressed: dict[tuple[str, int], bytes] = {}
        self.compressed_lock = threading.Lock()


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the intranet server's compression and cache headers."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a real web server
    server: SiteServer

    def __init__(self, request: object, client_address: tuple[str, int], server: SiteServer):
        super().__init__(request, client_address, server, directory=os.fspath(server.site_dir))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_head(self) -> io.BytesIO | None:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        if path.is_file():
            return self._send_file(path, url_path, HTTPStatus.OK)
        missing = self.server.site_dir / "404.html"
        if missing.is_file():
            return self._send_file(missing, "/404.html", HTTPStatus.NOT_FOUND)
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def _send_file(self, path: Path, url_path: str, status: HTTPStatus) -> io.BytesIO | None:
        stat = path.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        content_type = self.guess_type(os.fspath(path))
        compressible = content_type in COMPRESSED_TYPES
        if status == HTTPStatus.OK and self.headers.get("If-None-Match") == etag:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._cache_headers(url_path, etag, stat.st_mtime, compressible)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        body = path.read_bytes()
        compressed = compressible and "gzip" in self.headers.get("Accept-Encoding", "")
        if compressed:
            body = self._gzip(path, stat.st_mtime_ns, body)
        self.send_response(status)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        self._cache_headers(url_path, etag, stat.st_mtime, compressible)
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _cache_headers(self, url_path: str, etag: str, modified: float, compressible: bool) -> None:
        self.send_header("Cache-Control", LONG_CACHE if HASHED_NAME.match(url_path) else REVALIDATE)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(modified, usegmt=True))
        if compressible:
            self.send_header("Vary", "Accept-Encoding")

    def _gzip(self, path: Path, version: int, body: bytes) -> bytes:
        """gzip level 6 (nginx's default), once per version of a file."""
        key = (os.fspath(path), version)
        with self.server.compressed_lock:
            if key not in self.server.compressed:
                self.server.compressed[key] = gzip.compress(body, compresslevel=6, mtime=0)
            return self.server.compressed[key]


@contextmanager
def served(site_dir: Path, port: int = 0) -> Iterator[str]:
    """The site at http://127.0.0.1:<port>/ (a free port when 0) while the block runs."""
    server = SiteServer(site_dir, port)
    thread = threading.Thread(target=server.serve_forever, name="nianjian-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
