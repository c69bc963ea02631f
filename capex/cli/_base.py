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


def fail(message: object, code: int = EXIT_USAGE, lang: str = "en") -> int:
    """Say ``message`` (text, a capex error or a phrase) as one line on stderr, in ``lang``."""
    from capex.terms import term

    text = in_cli_words(usage_in(said_error(message, lang), lang))
    print(term("cli_error", lang, message=text), file=sys.stderr)
    return code


def said_error(message: object, lang: str) -> str:
    """A message in ``lang``: a capex error's places and problem as the table of terms words
    them (see :func:`capex.terms.said`), other text as it is."""
    from capex.terms import said

    return said(message, lang)


# argparse's own sentences (and the suffix capex adds), as the terms that say them
_USAGE = (
    ("cli_usage_see_help", r" \(see '(?P<prog>[^']+) --help'\)$"),
    ("cli_usage_required", r"the following arguments are required: (?P<names>.+)$"),
    ("cli_usage_unrecognized", r"unrecognized arguments: (?P<names>.+)$"),
    ("cli_usage_choice", r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
    ("cli_usage_one_argument", r"expected one argument"),
    ("cli_bad_ceiling", r"(?P<text>'[^']*'): expected YEAR=亿元 such as 2021=10"),
    ("cli_negative_ceiling", r"(?P<text>'[^']*'): a ceiling must be a finite amount >= 0"),
    ("cli_usage_argument", r"argument (?P<flag>[^:]+): "),
)


def usage_in(message: str, lang: str) -> str:
    """A usage error from the argument parser in ``lang``: argparse says its sentences in
    English only, so each is matched and said again from the table of terms."""
    if lang == "en":
        return message
    from capex.terms import term

    for key, pattern in _USAGE:
        if key == "cli_usage_argument":
            # the argument's name stays; the problem after it is said on its own
            message = re.sub(
                pattern,
                lambda m: term("cli_usage_argument", lang, flag=m["flag"], problem="").rstrip(),
                message,
            )
            continue
        message = re.sub(pattern, lambda m, key=key: term(key, lang, **m.groupdict()), message)
    return message


@contextlib.contextmanager
def warnings_said(command: str, lang: str = "en") -> Iterator[None]:
    """Within the block, a capex warning about the user's files (a workbook's hidden sheets)
    is one line on stderr, ``warning: capex COMMAND: ...`` in ``lang``, as it happens; other
    warnings are shown as Python shows them."""
    from capex.io.tables import HiddenSheetsWarning
    from capex.terms import said, term

    with warnings.catch_warnings():
        warnings.simplefilter("always", HiddenSheetsWarning)
        shown = warnings.showwarning

        def show(message: Any, category: Any, *rest: Any, **named: Any) -> None:
            if issubclass(category, HiddenSheetsWarning):
                text = said(message, lang)
                print(
                    term("cli_warning_line", lang, command=command, message=text), file=sys.stderr
                )
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
