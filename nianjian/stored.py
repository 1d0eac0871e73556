"""Results kept between builds (.cache/nianjian/), each under the key of the inputs it was made from.

One file per kind and name (a page's path, say): it starts with the key, so a result made from
other inputs is simply made again and overwritten, and the folder never holds more than one
file per name. A file cut short (a build killed while writing) or unreadable is a miss, never
an error: it is only a cache. Files are renamed into place but not synced to disk: losing one to
a crash costs only the time to make it again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

_KEY_LENGTH = 64  # a sha256 in hex
Made = TypeVar("Made")


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class StoredResults:
    """Results under `folder`, their keys made with `shared` (what every result depends on)."""

    def __init__(self, folder: Path, shared: str) -> None:
        self.folder = folder
        self.shared = shared

    def key(self, *parts: str) -> str:
        return digest(self.shared, *parts)

    def _path(self, kind: str, name: str) -> Path:
        return self.folder / kind / f"{digest(name)[:40]}.bin"

    def get(self, kind: str, name: str, key: str) -> bytes | None:
        try:
            content = self._path(kind, name).read_bytes()
        except OSError:
            return None
        return content[_KEY_LENGTH + 1 :] if content[:_KEY_LENGTH].decode("ascii", "replace") == key else None

    def put(self, kind: str, name: str, key: str, value: bytes) -> None:
        path = self._path(kind, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(key.encode("ascii") + b"\n" + value)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def pickled(self, kind: str, name: str, key: str, make: Callable[[], Made]) -> Made:
        """The object stored under `key`, or the one `make` returns, stored. Pickle, for our own
        objects (rendered pages) in our own build's cache: a file that does not load is a miss."""
        kept = self.get(kind, name, key)
        if kept is not None:
            try:
                return pickle.loads(kept)
            except Exception:  # noqa: BLE001 (cut short, or from another version: made again)
                pass
        made = make()
        self.put(kind, name, key, pickle.dumps(made))
        return made
