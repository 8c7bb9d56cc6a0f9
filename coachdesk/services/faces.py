"""How a capability package's public face loads its names lazily (PEP 562): one ``__getattr__`` and ``__dir__``
for every face, from the face's map of name -> submodule, so importing a face imports no submodule."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_face(package: str, exports: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the face ``package``: a name is read on first use from its module, given
    as a submodule of the package (``"feedback"``) or as a full path (``"coachdesk.domain.calendar_rules"``)."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(module if "." in module else f"{package}.{module}"), name)

    def __dir__() -> list[str]:
        return list(exports)

    return __getattr__, __dir__
