"""What every cache of a build is keyed on besides its input: the code that makes its output.

The digest covers the whole `nianjian` package (every file in it: modules, templates, schemas,
vendored scripts) and the installed version of each distribution the package declares it
needs, so any change of code or of a pinned version makes new output. Nothing is listed by
hand: a module added tomorrow is covered too. Reading and hashing the package (1.6 MB, most of
it the vendored plotly.js) takes a few tens of milliseconds, once a build."""

from __future__ import annotations

import hashlib
import re
from importlib import metadata
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SKIPPED = {"__pycache__"}


def _requirements() -> list[str]:
    """The distributions `nianjian` declares (pyproject.toml's dependencies), by name."""
    try:
        declared = metadata.requires("nianjian") or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return []
    return sorted({re.split(r"[\s;<>=!~\[]", requirement, maxsplit=1)[0] for requirement in declared if "extra ==" not in requirement})


def code_digest() -> str:
    """A digest of the package's files and its dependencies' installed versions."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and not _SKIPPED & set(path.relative_to(_PACKAGE).parts) and path.suffix != ".pyc":
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _requirements():
        try:
            digest.update(f"{name}=={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing\n".encode())
    return digest.hexdigest()
