"""Exit codes, the usage error, the parser every sub-command shares, and saying things."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import warnings
from collections.abc import Iterator
from typing import Any, NoReturn

from capex.errors import CapexError

EXIT_OK = 0
EXIT_NO = 1
EXIT_USAGE = 2


class UsageError(CapexError):
    """Bad command-line arguments."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, never a usage dump or exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"error: {in_cli_words(message)}", file=sys.stderr)
    return code


@contextlib.contextmanager
def warnings_said(command: str) -> Iterator[None]:
    """Within the block, a capex warning about the user's files (a workbook's hidden sheets)
    is one line on stderr, ``warning: capex COMMAND: ...``, as it happens; other warnings are
    shown as Python shows them."""
    from capex.io.tables import HiddenSheetsWarning

    with warnings.catch_warnings():
        warnings.simplefilter("always", HiddenSheetsWarning)
        shown = warnings.showwarning

        def show(message: Any, category: Any, *rest: Any, **named: Any) -> None:
            if issubclass(category, HiddenSheetsWarning):
                print(f"warning: capex {command}: {message}", file=sys.stderr)
            else:
                shown(message, category, *rest, **named)

        warnings.showwarning = show
        yield


def say(text: str = "") -> None:
    """Print ``text`` on stdout, and carry on quietly when the reader has gone.

    A reader such as ``head`` may close the pipe before capex has said everything. That is
    not an error of the run: the files are written already, and the exit code stays the
    result's. Further output goes to the null device, so that Python's own flush at exit
    does not fail either.
    """
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """Send whatever is still to be printed to the null device (the reader has gone)."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (a test's capture): nothing to silence
        pass
    finally:
        os.close(null)


# Python argument names the library's messages use, and the flags that set them here.
_FLAGS = {
    "encoding": "--encoding",
    "plan_period": "--plan-period",
    "published": "--published",
    "time_limit": "--time-limit",
    "max_delay": "--max-delay",
    "objective": "--objective",
    "secondary": "--secondary",
    "profile": "--profile",
    "draws": "--draws",
    "seed": "--seed",
    "as_of": "--as-of",
}
_ASSIGNMENT = re.compile(
    r"\b(?P<pass>pass )?(?P<name>" + "|".join(_FLAGS) + r")="
    r"(?P<value>\([^)]*\)|'[^']*'|\"[^\"]*\"|[^\s,;)]+)"
)
_BARE = re.compile(r"\b(" + "|".join(name for name in _FLAGS if "_" in name) + r")\b")


def in_cli_words(message: str) -> str:
    """A library message with its Python arguments said as this command line's flags:
    ``pass encoding='gb18030'`` -> ``use --encoding gb18030``, ``plan_period=(first, last)``
    -> ``--plan-period FIRST-LAST``, ``time_limit`` -> ``--time-limit``."""

    def flag(match: re.Match[str]) -> str:
        value = match["value"].strip("'\"")
        if match["name"] == "plan_period" and value.startswith("("):
            value = "FIRST-LAST"
        return f"{'use ' if match['pass'] else ''}{_FLAGS[match['name']]} {value}"

    message = _ASSIGNMENT.sub(flag, message)
    return _BARE.sub(lambda match: _FLAGS[match[1]], message)
