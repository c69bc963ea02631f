"""Exit codes, the usage error and the parser every sub-command shares."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

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
    print(f"error: {message}", file=sys.stderr)
    return code
