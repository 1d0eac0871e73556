"""The runtime lock (requirements.txt, what make build and make pdf install) holds every package
nianjian imports, and pyproject.toml declares each of them."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import REPO


def _name(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def imported_distributions() -> set[str]:
    """The distributions of every module the package imports, at any depth of its code."""
    modules = set()
    for path in (REPO / "nianjian").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    providers = packages_distributions()
    outside = modules - set(sys.stdlib_module_names) - {"nianjian"}
    return {_name(distribution) for module in outside for distribution in providers.get(module, [module])}


def test_make_pdf_and_make_build_install_everything_the_package_imports() -> None:
    """playwright (make pdf drives Chromium with it) was once only in the test requirements:
    the publish workflow, which installs the runtime lock, could not print."""
    locked = {_name(line.split("==")[0]) for line in (REPO / "requirements.txt").read_text().splitlines() if "==" in line}
    declared = {_name(re.split(r"[<>=\[ ]", entry)[0]) for entry in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]}
    imported = imported_distributions()
    assert "playwright" in imported and "pikepdf" in imported
    assert imported - locked == set()
    assert imported - declared == set()
