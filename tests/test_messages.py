"""Every word capex says comes from the one table: no error of capex's is raised with English
text written at the raise, and no message compares or prints by one language alone."""

from __future__ import annotations

import ast
from pathlib import Path

import capex

PACKAGE = Path(capex.__file__).resolve().parent

PYTHON_ERRORS = frozenset(
    {
        "ValueError",
        "TypeError",
        "KeyError",
        "AttributeError",
        "NotImplementedError",
        "RuntimeError",
        "AssertionError",
        "IndexError",
    }
)
"""Errors of Python's own, raised where a caller broke a programming contract (a bug of the
caller's code, not a finance office's input): these may speak English."""


BUG_MARKERS = ("a bug", "its own check", "cannot happen", "the independent check")
"""Words of an error that reports a fault of capex itself, never of the user's data or
request: it is for capex's developers and may speak English."""

DEVELOPERS_ERRORS = {
    "capex/store/codecs.py": "a codec defined wrongly: a mistake in capex's own code",
    "capex/solvers/check.py": "CheckError lists the checker's findings for tests and developers",
    "capex/risk/uncertainty.py": "the internal range of a block of draws",
    "capex/solvers/_shift/cpsat.py": "a relaxation handed to CP-SAT by capex's own code",
    "capex/terms.py": "a key missing from the table: a mistake in capex's own code",
    "capex/cli/_base.py": "argparse's own sentence, worded by the usage table (_USAGE)",
}
"""Files whose remaining English errors are for developers, with why."""


def _text_written_here(node: ast.expr) -> bool:
    """Whether ``node`` is English written at the raise: a string, an f-string, or strings
    joined with ``+``."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text_written_here(node.left) or _text_written_here(node.right)
    return False


def _raised_with_text() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if not name.endswith("Error") or name in PYTHON_ERRORS:
                continue
            arguments = [
                *node.exc.args,
                *(k.value for k in node.exc.keywords if k.arg == "problem"),
            ]
            if not arguments or not _text_written_here(arguments[0]):
                continue
            where = path.relative_to(PACKAGE.parent).as_posix()
            said_here = ast.get_source_segment(path.read_text(encoding="utf-8"), node.exc) or ""
            if where in DEVELOPERS_ERRORS or any(m in said_here for m in BUG_MARKERS):
                continue
            found.append(f"{where}:{node.lineno} {name}")
    return found


def test_every_error_of_capex_is_raised_with_a_message_of_the_table() -> None:
    assert _raised_with_text() == []
