"""Exit codes, the usage error, the parser every sub-command shares, and saying things."""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import os
import re
import sys
import unicodedata
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
    """An argument parser whose errors are one line on stderr, never a usage dump or exit,
    and whose help is said in ``lang``.

    Its texts (description, epilog, group titles, every argument's help) are messages of the
    table of terms (``help_*``), worded by :class:`HelpFormatter` when the help is shown; its
    sub-commands' parsers speak its language.
    """

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        self.lang = lang
        super().__init__(*args, **kwargs)
        from capex.terms import phrase

        self._positionals.title = phrase("help_positionals")  # type: ignore[assignment]
        self._optionals.title = phrase("help_options")  # type: ignore[assignment]
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = phrase("help_help")  # type: ignore[assignment]

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs["parser_class"] = functools.partial(
            kwargs.get("parser_class", type(self)), lang=self.lang
        )
        return super().add_subparsers(**kwargs)

    def _get_formatter(self) -> argparse.HelpFormatter:
        return HelpFormatter(prog=self.prog, lang=self.lang)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def lang_default(parser: argparse.ArgumentParser) -> str:
    """The default of a command's ``--lang``: the language its parser speaks (``--lang``
    among the arguments, else ``$CAPEX_LANG``, else ``capex.options.lang``)."""
    return getattr(parser, "lang", "en")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help in ``lang``: the parser's messages worded in it, and argparse's own
    words (``usage:``, the section titles, the metavars that are words such as ``FILE``)
    from the table of terms rather than from a global translation of argparse."""

    def __init__(self, prog: str, *, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self._lang = lang
        self._headings: set[str] = set()

    def _said(self, text: Any) -> Any:
        from capex.terms import said

        return text if text is None or text is argparse.SUPPRESS else said(text, self._lang)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
        if prefix is None:
            from capex.terms import term

            prefix = term("help_usage", self._lang)
        super().add_usage(usage, actions, groups, prefix)

    def add_text(self, text: Any) -> None:
        super().add_text(self._said(text))

    def start_section(self, heading: Any) -> None:
        heading = self._said(heading)
        if heading:
            self._headings.add(heading)
        super().start_section(heading)

    def _format_action(self, action: argparse.Action) -> str:
        shown = action
        if not (action.help is None or isinstance(action.help, str)):
            shown = copy.copy(action)  # the action keeps its message; its help is shown worded
            shown.help = self._said(action.help)
        text = super()._format_action(shown)
        if self._lang == "en":
            return text
        # argparse pads the option to the help's column by characters; a Chinese metavar's
        # characters take two columns each
        head = " " * self._current_indent + self._format_action_invocation(shown)
        extra = columns(head) - len(head)
        rest = text[len(head) :]
        spaces = len(rest) - len(rest.lstrip(" "))
        if extra and text.startswith(head) and spaces >= extra + 2:
            text = head + rest[extra:]
        elif extra and text.startswith(head) and spaces >= 2:  # no room left: the next line
            text = head + "\n" + " " * (len(head) + spaces) + rest[spaces:]
        return text

    def _metavar_formatter(self, action: argparse.Action, default_metavar: str) -> Any:
        shown = super()._metavar_formatter(action, default_metavar)
        if self._lang == "en" or action.choices is not None and action.metavar is None:
            return shown  # the choices {smooth,peak} are what the user types
        return lambda size: tuple(
            name if name is None else metavar_in(name, self._lang) for name in shown(size)
        )

    def _split_lines(self, text: str, width: int) -> list[str]:
        if self._lang == "en":
            return super()._split_lines(text, width)
        return wrapped(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if self._lang == "en":
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrapped(text, width - len(indent)))

    def format_help(self) -> str:
        text = super().format_help()
        if self._lang == "zh":  # argparse ends a section's title with its own colon
            for heading in self._headings:
                text = text.replace(f"{heading}:\n", f"{heading}：\n")
        return text


_PIECE = re.compile(r"[\x21-\x7e]+|\s+|.", re.DOTALL)  # a run of ASCII, a space, a character
_NO_LINE_START = frozenset("，。；：、）》」”’！？…")
_NO_LINE_END = frozenset("（《「“‘")


def columns(text: str) -> int:
    """The columns ``text`` takes in a terminal: two for a Chinese character, one for others."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrapped(text: str, width: int) -> list[str]:
    """Chinese text (with English words, flags and numbers in it) as lines of at most
    ``width`` columns: a Chinese character takes two, a line may break between any two of
    them but never inside a run of ASCII (``--ceiling``, ``capex.db``), and no line starts
    with a closing punctuation mark or ends with an opening one. (:mod:`textwrap` breaks at
    spaces only and counts a Chinese character as one column.)"""
    pieces: list[str] = []
    for piece in _PIECE.findall(" ".join(text.split())):
        if pieces and (piece[0] in _NO_LINE_START or pieces[-1][-1] in _NO_LINE_END):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    lines, line, used = [], "", 0
    for piece in pieces:
        size = columns(piece)
        if line and not piece.isspace() and used + size > width:
            lines.append(line.rstrip())
            line, used = "", 0
        if line or not piece.isspace():
            line, used = line + piece, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


_METAVAR_WORD = re.compile(r"(?<![A-Za-z])[A-Z]+(?:_[A-Z]+)*(?![A-Za-z])")


def metavar_in(metavar: str, lang: str) -> str:
    """A metavar in ``lang``: each of its words in capitals that the table names
    (``help_metavar_file``) said in it (``FILE.xlsx`` -> ``文件.xlsx``), the rest (``total=``,
    ``URL``, ``--year``) as typed."""
    if lang == "en":
        return metavar
    from capex.terms import TERMS, term

    def word(match: re.Match[str]) -> str:
        key = f"help_metavar_{match[0].lower()}"
        return term(key, lang) if key in TERMS else match[0]

    return _METAVAR_WORD.sub(word, metavar)


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
        if key == "cli_usage_required":  # the arguments missing, by their metavars
            message = re.sub(
                pattern,
                lambda m: term("cli_usage_required", lang, names=metavar_in(m["names"], lang)),
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
