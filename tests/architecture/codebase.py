"""The project's own Python modules, read as source: what the architecture tests walk."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Bottom to top. A module may import its own app and the apps below it, never one above.
LAYERS: dict[str, int] = {
    "jurisdictions": 0,
    "accounts": 1,
    "carriers": 2,
    "deadlines": 3,
    "agreements": 4,
    "documents": 5,
    "amendments": 6,
    # The front doors share a floor and do not import each other.
    "workspace": 7,
    "api": 7,
    "config": 8,
}
DOMAIN_APPS = frozenset(app for app, level in LAYERS.items() if level < LAYERS["workspace"])
FRONT_DOORS = frozenset({"workspace", "api"})
# Apart from the layers: it may import anything, and only tests import it.
DEMO = "demo"
PACKAGES = (*LAYERS, DEMO)


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. "agreements.models.request"
    path: Path

    @property
    def app(self) -> str:
        return self.name.split(".")[0]

    @property
    def file(self) -> str:
        """The path a failure message names: relative to the repository when inside it."""
        return self.path.relative_to(ROOT).as_posix() if self.path.is_relative_to(ROOT) else str(self.path)

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    def tree(self) -> ast.Module:
        return _parse(self.path)


@cache
def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@cache
def project_modules() -> dict[str, Module]:
    """Every .py file of the project's packages except migrations, by dotted name.

    An app that does not exist yet (``api``) simply contributes nothing.
    """
    modules = {}
    for package in PACKAGES:
        folder = ROOT / package
        if not (folder / "__init__.py").exists():
            continue
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "__pycache__" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join(parts)
            modules[name] = Module(name, path)
    return modules
