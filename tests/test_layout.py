"""The folders of capex follow the data flow, and no module imports a stage above its own.

Every import is read from the source (those inside functions too), so a lazy import that
climbs is caught as well as one at the top of a module.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import capex

PACKAGE = Path(capex.__file__).parent

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"_version", "_lazy", "_options", "errors", "terms"}),
    frozenset({"model"}),
    frozenset({"io"}),
    frozenset({"solvers"}),
    frozenset({"afterlife", "risk"}),
    frozenset({"plotting"}),
    frozenset({"reports"}),
    frozenset({"export"}),
    frozenset({"store"}),
    frozenset({"cli", "", "results", "__main__"}),
)
"""The stages from the bottom up: a module may import its own stage and those below it.
``""`` is the front door, :mod:`capex` itself, which imports nothing before it is used."""

ALLOWED_UPWARD = {
    # the exporter registry names the plan store's exporters, imported only when a stored
    # object is exported, until export dispatches on type and the store registers its own
    ("export", "store"),
    # a unit option is checked against the money's units when it is set
    ("_options", "model"),
    # Report.to_excel, the protocol's one method that writes, hands the result to the
    # exporter, imported when it is called
    ("model", "export"),
}

HEAVY = ("matplotlib", "openpyxl", "ortools", "dask", "distributed", "highspy", "sqlalchemy")
"""What ``import capex`` must not load: each is imported when first used."""


def _stage(module: str) -> str:
    parts = module.split(".")
    return "" if len(parts) == 1 else parts[1]


def _level(stage: str) -> int:
    for level, stages in enumerate(LAYERS):
        if stage in stages:
            return level
    raise AssertionError(f"capex.{stage} is in no stage of the layout: add it to LAYERS")


def _imports() -> list[tuple[str, str, str]]:
    """(importing module, imported module, where) for every capex import in capex."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
                if node.module == "capex":
                    names = [f"capex.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name == "capex" or name.startswith("capex."):
                    out.append((module, name, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"))
    return out


def test_every_folder_of_capex_is_a_stage_of_the_layout():
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    stages |= {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    for stage in stages:
        _level(stage)


def test_no_module_imports_a_stage_above_its_own():
    climbing = [
        f"{where}: {importer} imports {imported}"
        for importer, imported, where in _imports()
        if _level(_stage(imported)) > _level(_stage(importer))
        and (_stage(importer), _stage(imported)) not in ALLOWED_UPWARD
    ]
    assert climbing == []


@pytest.mark.slow
def test_the_front_door_and_the_folders_import_nothing_when_imported():
    # the front door and the folders' own modules name their contents; the names are
    # imported when first used, so that importing a folder costs nothing
    for importer, imported, where in _imports():
        if importer in ("capex", "capex.model", "capex.io", "capex.afterlife", "capex.reports"):
            assert imported in ("capex._lazy", "capex._version"), where


def test_the_front_door_fits_on_a_card():
    assert len(capex.__all__) <= 40
    for name in capex.__all__:
        assert getattr(capex, name) is not None


@pytest.mark.slow
def test_import_capex_loads_no_plotting_workbook_solver_or_cluster_library():
    code = (
        "import sys, capex\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "False"  # not even pandas, before a name is used


@pytest.mark.slow
def test_loading_and_spreading_load_no_plotting_workbook_or_cluster_library():
    code = (
        "import sys, capex\n"
        "capex.spread(capex.load_projects(), ceilings=12)\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    loaded = set(ast.literal_eval(out[0]))
    assert not loaded & {"matplotlib", "openpyxl", "dask", "distributed", "sqlalchemy"}
