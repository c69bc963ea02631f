"""Names a package hands on from its modules, imported when first used.

``import capex`` and ``import capex.io`` import no module behind the names they offer: the
first use of ``capex.spread`` imports :mod:`capex.solvers.spread` (and pandas, OR-Tools ...),
so that ``capex --help`` answers before pandas would have loaded and a script pays only for
what it uses. A package gives :func:`lazy_names` the table of its names and their modules;
what comes back is the package's ``__getattr__`` and ``__dir__`` (PEP 562).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_names(
    package: str, names: Mapping[str, str], submodules: Iterable[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``.

    Parameters
    ----------
    package
        The package's dotted name (its ``__name__``).
    names
        Each name the package offers and the module that defines it.
    submodules
        Subpackages and modules reachable as attributes (``capex.risk``) without an import.
    """
    modules = frozenset(submodules)

    def __getattr__(name: str) -> Any:
        if name in names:
            value = getattr(importlib.import_module(names[name]), name)
        elif name in modules:
            value = importlib.import_module(f"{package}.{name}")
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        globals_of_package = importlib.import_module(package).__dict__
        globals_of_package[name] = value  # later uses find it without this function
        return value

    def __dir__() -> list[str]:
        here = importlib.import_module(package).__dict__
        return sorted({*here, *names, *modules})

    return __getattr__, __dir__


def lazy_submodules(package: str) -> Callable[[str], Any]:
    """``__getattr__`` for ``package`` that imports a submodule the first time it is read:
    ``capex.model.money`` works after ``import capex``, and ``import capex.model`` costs
    nothing."""

    def __getattr__(name: str) -> Any:
        if name.startswith("__") or importlib.util.find_spec(f"{package}.{name}") is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return importlib.import_module(f"{package}.{name}")

    return __getattr__
